/*
 * page_records.c — what the record pages share (page_records.h): a child's
 * name, refusing with an error page, a field error from a core refusal,
 * the links between a child's record pages, and a labelled text field.
 */
#include <inttypes.h>
#include <string.h>

#include "page_records.h"

const char *records_child_name(struct web *w, int64_t child_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_REC_CHILD_NAME);
	const char *name = NULL;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW) {
		const char *pref = store_col_text(st, 2);
		name = arena_printf(w->a, "%s %s", *pref ? pref : store_col_text(st, 0),
		                    store_col_text(st, 1));
	}
	store_finish(st);
	return name;
}

int records_refuse(struct web *w, const struct op_error *e)
{
	if (store_in_transaction(w->s))
		store_rollback(w->s);
	return web_op_error(w, e);
}

void records_field_error(struct web *w, const struct op_error *e)
{
	if (store_in_transaction(w->s))
		store_rollback(w->s);
	w->resp->status = e->status == OP_INVALID ? 422 : (int)e->status;
	w->field_error[0] = arena_strdup(w->a, e->field[0] ? e->field : "form");
	w->field_error[1] = arena_strdup(w->a, e->msg);
}

void records_alert(struct web *w)
{
	if (w->field_error[1] && strncmp(w->field_error[1], "Row ", 4) == 0)
		html_printf(&w->resp->body, "<p class=\"alert\" role=\"alert\">%s</p>",
		            w->field_error[1]);
	else if (w->field_error[1])
		html_printf(&w->resp->body, "<p class=\"alert\" role=\"alert\">%s%s%s</p>",
		            w->field_error[0] && strcmp(w->field_error[0], "form") != 0
		                ? w->field_error[0]
		                : "",
		            w->field_error[0] && strcmp(w->field_error[0], "form") != 0 ? ": " : "",
		            w->field_error[1]);
}

void records_child_links(struct web *w, int64_t child_id)
{
	static const struct {
		const char *path, *label;
	} links[] = {
	    {"", "Child's page"},         {"/diary", "Diary"},
	    {"/weekly", "Weekly update"}, {"/twoyear", "Check at two"},
	    {"/meetings", "Meetings"},    {"/transitions", "Transitions"},
	};
	struct buf *b = &w->resp->body;
	html_raw(b, "<nav class=\"noprint\" aria-label=\"Records\"><p>");
	for (size_t i = 0; i < ARRAY_LEN(links); i++)
		html_printf(b, "%s<a href=\"/children/%" PRId64 "%s\">%s</a>", i ? " · " : "",
		            child_id, links[i].path, links[i].label);
	html_raw(b, "</p></nav>");
}

void records_textarea(struct web *w, const char *name, const char *label, const char *value,
                      int rows)
{
	struct buf *b = &w->resp->body;
	html_printf(b, "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"%d\"",
	            name, label, name, name, rows);
	day_invalid(w, name);
	html_printf(b, "%s</textarea>", value);
	page_field_error(w, name);
}
