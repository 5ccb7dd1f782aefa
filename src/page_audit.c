/*
 * page_audit.c — GET /audit and /audit.csv (manager, DSL, admin): the
 * setting's audit log, newest first, filtered by person, child, record kind
 * and dates, and the same rows as CSV. The rows about safeguarding
 * concerns — that a concern was reported, read, added to, or that someone
 * stepped up to read one — are left out by the query itself unless the
 * person is a DSL (authz_audit_safeguarding), so a manager learns nothing
 * of concerns through the log, its filters or its export. Looking at the
 * log is itself recorded ("audit.view", "audit.export"). An admin, who has
 * no child records by right, sees children by number, not by name.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "csv.h"
#include "date.h"
#include "page_concern.h"
#include "util.h"
#include "valid.h"

#define AUDIT_PAGE_ROWS 500
#define AUDIT_CSV_ROWS 100000

struct audit_filter {
	long person, child;
	const char *kind, *from, *to;
	int64_t from_at, to_at;
};

/* The filter of the query; 0, or -1 with field_error set. */
static int filter_of(struct web *w, struct audit_filter *f)
{
	static const struct field_spec date_spec = {"from", F_DATE, 0, 0, 0, NULL};
	struct field_value v;
	char why[200];
	const char *person = web_field(w, "person"), *child = web_field(w, "child");
	memset(f, 0, sizeof f[0]);
	f->kind = web_field(w, "kind");
	f->from = web_field(w, "from");
	f->to = web_field(w, "to");
	f->to_at = INT64_MAX / 2;
	if (*person && parse_long(person, 1, INT32_MAX, &f->person) != 0) {
		w->field_error[0] = "person";
		w->field_error[1] = "Choose someone from the list.";
		return -1;
	}
	if (*child && parse_long(child, 1, INT32_MAX, &f->child) != 0) {
		w->field_error[0] = "child";
		w->field_error[1] = "Give the child's number.";
		return -1;
	}
	if (valid_field(&date_spec, f->from, &v, w->a, why, sizeof why) != 0) {
		w->field_error[0] = "from";
		w->field_error[1] = "Give the first day as YYYY-MM-DD.";
		return -1;
	}
	if (v.present)
		f->from_at = date_instant((int)v.i, 0, w->setting.time_zone);
	if (valid_field(&date_spec, f->to, &v, w->a, why, sizeof why) != 0) {
		w->field_error[0] = "to";
		w->field_error[1] = "Give the last day as YYYY-MM-DD.";
		return -1;
	}
	if (v.present)
		f->to_at = date_instant((int)v.i + 1, 0, w->setting.time_zone);
	return 0;
}

static struct store_stmt *query(struct web *w, const struct audit_filter *f, int64_t limit)
{
	struct store_stmt *st = store_stmt(w->s, STMT_AUDIT_PAGE);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, f->person);
	store_bind_int(st, 3, f->person);
	store_bind_int(st, 4, f->child);
	store_bind_int(st, 5, f->child);
	store_bind_text(st, 6, f->kind);
	store_bind_text(st, 7, f->kind);
	store_bind_int(st, 8, f->from_at);
	store_bind_int(st, 9, f->to_at);
	store_bind_int(st, 10, authz_audit_safeguarding(&w->me));
	store_bind_int(st, 11, authz_audit_allegations(w)); /* issue 8 */
	store_bind_int(st, 12, limit);
	return st;
}

/* The child of a row as the person may see it: a name for the manager and
 * the DSL, the number alone for an admin. */
static const char *child_of(struct web *w, struct store_stmt *st)
{
	int64_t id = store_col_int(st, 6);
	if (!id)
		return "";
	if (authz_has(&w->me, ROLE_MANAGER) || authz_has(&w->me, ROLE_DSL))
		return arena_strdup(w->a, store_col_text(st, 9));
	return arena_printf(w->a, "child %lld", (long long)id);
}

static void when_of(struct web *w, int64_t at, char *out, size_t n)
{
	char date[DATE_LEN], time[TIME_LEN];
	int d, m;
	date_local(at, w->setting.time_zone, &d, &m);
	date_format(d, date);
	time_format(m, time);
	snprintf(out, n, "%s %s", date, time);
}

static void filter_form(struct web *w, const struct audit_filter *f)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	html_raw(b, "<form method=\"get\" action=\"/audit\" class=\"filter\"><div>"
	            "<label for=\"person\">Person</label><select id=\"person\" name=\"person\">"
	            "<option value=\"\">Everyone</option>");
	st = store_stmt(w->s, STMT_AUDIT_PEOPLE);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)store_col_int(st, 0));
		html_printf(b, "<option value=\"%s\"%s>%s</option>", id,
		            store_col_int(st, 0) == f->person ? " selected" : "",
		            store_col_text(st, 1));
	}
	store_finish(st);
	html_raw(b, "</select></div><div><label for=\"kind\">Record kind</label>"
	            "<select id=\"kind\" name=\"kind\"><option value=\"\">All</option>");
	st = store_stmt(w->s, STMT_AUDIT_KINDS);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, authz_audit_safeguarding(&w->me));
	store_bind_int(st, 3, authz_audit_allegations(w)); /* issue 8 */
	while (store_step(st) == STORE_ROW)
		html_printf(b, "<option%s>%s</option>",
		            strcmp(store_col_text(st, 0), f->kind) == 0 ? " selected" : "",
		            store_col_text(st, 0));
	store_finish(st);
	html_printf(b,
	            "</select></div><div><label for=\"child\">Child number</label>"
	            "<input type=\"text\" inputmode=\"numeric\" id=\"child\" name=\"child\" "
	            "value=\"%s\"></div><div><label for=\"from\">From</label><input type=\"date\" "
	            "id=\"from\" name=\"from\" value=\"%s\"></div><div><label for=\"to\">To</label>"
	            "<input type=\"date\" id=\"to\" name=\"to\" value=\"%s\"></div>"
	            "<div><button type=\"submit\">Show</button></div></form>",
	            web_field(w, "child"), f->from, f->to);
	page_field_error(w, w->field_error[0] ? w->field_error[0] : "");
}

int page_audit(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct audit_filter f;
	struct store_stmt *st;
	struct op_error e;
	int bad, n = 0;
	if (!authz_audit_page(&w->me))
		return web_error(w, 403, "",
		                 "the audit log is the manager's, the DSL's and the admin's");
	bad = filter_of(w, &f) != 0;
	if (!bad && audit_read(w->s, &w->who, "audit.view", 0, &e) != 0)
		return web_op_error(w, &e);
	w->resp->status = bad ? 422 : 200;
	page_begin(w, "Audit log");
	filter_form(w, &f);
	if (bad) {
		page_end(w);
		return 0;
	}
	html_printf(b,
	            "<p><a href=\"/audit.csv?person=%s&amp;child=%s&amp;kind=%s&amp;from=%s&amp;"
	            "to=%s\">Download as CSV</a>%s</p>",
	            web_field(w, "person"), web_field(w, "child"), f.kind, f.from, f.to,
	            authz_audit_safeguarding(&w->me)
	                ? ""
	                : " · Rows about safeguarding concerns are shown only to the DSL.");
	html_raw(b,
	         "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	         "<th scope=\"col\">When</th><th scope=\"col\">Who</th>"
	         "<th scope=\"col\">What</th><th scope=\"col\">Record</th>"
	         "<th scope=\"col\">Child</th><th scope=\"col\">Detail</th></tr></thead><tbody>");
	st = query(w, &f, AUDIT_PAGE_ROWS);
	while (store_step(st) == STORE_ROW) {
		char when[40];
		n++;
		when_of(w, store_col_int(st, 1), when, sizeof when);
		html_printf(b,
		            "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s %lld</td><td>%s</td>"
		            "<td>%s</td></tr>",
		            when, store_col_text(st, 2), store_col_text(st, 3),
		            store_col_text(st, 4), (long long)store_col_int(st, 5), child_of(w, st),
		            store_col_text(st, 7));
	}
	store_finish(st);
	html_raw(b, "</tbody></table></div>");
	if (n == AUDIT_PAGE_ROWS)
		html_printf(b, "<p>The newest %d rows; narrow the filter or download the CSV.</p>",
		            AUDIT_PAGE_ROWS);
	else if (!n)
		html_raw(b, "<p>No rows match.</p>");
	page_end(w);
	return 0;
}

int page_audit_csv(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct audit_filter f;
	struct store_stmt *st;
	struct op_error e;
	int bad = 0;
	if (!authz_audit_page(&w->me))
		return web_error(w, 403, "",
		                 "the audit log is the manager's, the DSL's and the admin's");
	if (filter_of(w, &f) != 0)
		return web_error(w, 422, w->field_error[0], "%s", w->field_error[1]);
	if (audit_read(w->s, &w->who, "audit.export", 0, &e) != 0)
		return web_op_error(w, &e);
	buf_reset(b);
	bad = buf_puts(b, "id,at,who,action,record,record_id,child_id,child,detail,ip\r\n") != 0;
	st = query(w, &f, AUDIT_CSV_ROWS);
	while (!bad && store_step(st) == STORE_ROW) {
		char when[40], id[24], oid[24], cid[24];
		when_of(w, store_col_int(st, 1), when, sizeof when);
		snprintf(id, sizeof id, "%lld", (long long)store_col_int(st, 0));
		snprintf(oid, sizeof oid, "%lld", (long long)store_col_int(st, 5));
		snprintf(cid, sizeof cid, "%lld", (long long)store_col_int(st, 6));
		bad = csv_write_cell(b, id, 0) || csv_write_cell(b, when, 0) ||
		      csv_write_cell(b, store_col_text(st, 2), 0) ||
		      csv_write_cell(b, store_col_text(st, 3), 0) ||
		      csv_write_cell(b, store_col_text(st, 4), 0) || csv_write_cell(b, oid, 0) ||
		      csv_write_cell(b, cid, 0) || csv_write_cell(b, child_of(w, st), 0) ||
		      csv_write_cell(b, store_col_text(st, 7), 0) ||
		      csv_write_cell(b, store_col_text(st, 8), 1);
	}
	store_finish(st);
	if (bad)
		return web_error(w, 413, "", "the export is too large: narrow the filter");
	w->resp->content_type = "text/csv; charset=utf-8";
	w->resp->disposition = "attachment; filename=\"audit.csv\"";
	return 0;
}
