/*
 * page_allegation.c — allegations against staff on the web (page_welfare.h,
 * core_allegation.h). /allegations lists them (the reader's own left out),
 * with the Ofsted deadline and, when it has passed with no notification
 * recorded, "overdue" highlighted; /allegations/new and POST /allegations
 * record one (422 naming the field, nothing kept); /allegations/:id shows
 * one with its addenda and the form to add one (POST .../addenda). Every
 * decision is authz_allegation's; a refused id answers 404, the same as a
 * missing one. Each list or allegation shown was audited by core first.
 */
#include "page_welfare.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core_allegation.h"
#include "date.h"

static int today(struct web *w)
{
	return date_today(w->setting.time_zone);
}

/* The Ofsted cell: notified on, or due by, or overdue since (highlighted). */
static void ofsted_cell(struct web *w, const struct allegation *al)
{
	struct buf *b = &w->resp->body;
	char now[DATE_LEN];
	date_format(today(w), now);
	if (*al->ofsted_on)
		html_printf(b, "<td>Notified %s (due by %s)</td>", al->ofsted_on, al->ofsted_due);
	else if (strcmp(al->ofsted_due, now) < 0)
		html_printf(
		    b,
		    "<td class=\"overdue\"><strong class=\"alert\">Overdue</strong>: due by "
		    "%s</td>",
		    al->ofsted_due);
	else
		html_printf(b, "<td>Due by %s</td>", al->ofsted_due);
}

int page_allegations(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct allegation *list;
	struct op_error e;
	size_t n;
	if (!authz_allegation(w, 0))
		return web_error(w, 403, "", "allegations are the manager's and the DSL's");
	if (core_allegation_list(w->s, &w->who, w->me.staff_id, w->a, &list, &n, &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, "Allegations against staff");
	html_printf(b,
	            "<p>Allegations against members of staff. Refer to the LADO within one "
	            "working day; tell Ofsted within %d days of the allegation. Each allegation "
	            "you open is recorded in the audit log.</p><p><a href=\"/allegations/new\">"
	            "Record an allegation</a></p>",
	            ALLEGATION_OFSTED_DAYS);
	if (!n) {
		html_raw(b, "<p>No allegations are recorded.</p>");
		page_end(w);
		return 0;
	}
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	            "<th scope=\"col\">Member of staff</th><th scope=\"col\">Reported</th>"
	            "<th scope=\"col\">LADO</th><th scope=\"col\">Ofsted</th>"
	            "<th scope=\"col\">Outcome</th><th scope=\"col\">Kept until</th>"
	            "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct allegation *al = &list[i];
		html_printf(b,
		            "<tr><th scope=\"row\"><a href=\"/allegations/%" PRId64
		            "\">%s</a></th><td>%s</td><td>%s</td>",
		            al->id, al->staff, al->reported_on,
		            *al->lado_on ? arena_printf(w->a, "Referred %s", al->lado_on)
		                         : "Not referred");
		ofsted_cell(w, al);
		html_printf(b, "<td>%s</td><td>%s</td></tr>", al->outcomes ? "Recorded" : "Open",
		            al->retain_until);
	}
	html_raw(b, "</tbody></table></div>");
	page_end(w);
	return 0;
}

static void input(struct web *w, const char *type, const char *name, const char *label,
                  const char *hint)
{
	struct buf *b = &w->resp->body;
	int bad = w->field_error[0] && strcmp(w->field_error[0], name) == 0;
	html_printf(b, "<label for=\"%s\">%s</label>", name, label);
	if (*hint)
		html_printf(b, "<p class=\"hint\">%s</p>", hint);
	if (strcmp(type, "textarea") == 0)
		html_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"6\"%s>%s</textarea>", name,
		            name, bad ? " aria-invalid=\"true\"" : "", web_field(w, name));
	else
		html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"%s>", type,
		            name, name, web_field(w, name), bad ? " aria-invalid=\"true\"" : "");
	page_field_error(w, name);
}

static int record_form(struct web *w, int status)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	const char *chosen = web_field(w, "staff");
	char now[DATE_LEN];
	w->resp->status = status;
	buf_reset(b);
	date_format(today(w), now);
	page_begin(w, "Record an allegation against a member of staff");
	html_printf(b,
	            "<p>Only the manager and the DSL see allegations, never the person they are "
	            "about. Ofsted must be told within %d days.</p>",
	            ALLEGATION_OFSTED_DAYS);
	if (status != 200)
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>",
		            w->field_error[1] ? w->field_error[1]
		                              : "The allegation was not saved.");
	html_raw(b, "<form method=\"post\" action=\"/allegations\">");
	page_csrf(w);
	html_raw(b, "<label for=\"staff\">Member of staff concerned</label><select id=\"staff\" "
	            "name=\"staff\"><option value=\"\">Choose</option>");
	st = store_stmt(w->s, STMT_ALLEGATION_STAFF_CHOICES);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, now);
	while (store_step(st) == STORE_ROW) {
		char id[24];
		int64_t staff = store_col_int(st, 0);
		if (staff == w->me.staff_id)
			continue;
		snprintf(id, sizeof id, "%" PRId64, staff);
		html_printf(b, "<option value=\"%s\"%s>%s (%s)%s</option>", id,
		            strcmp(chosen, id) == 0 ? " selected" : "", store_col_text(st, 1),
		            store_col_text(st, 2),
		            *store_col_text(st, 3) ? "" : " — no date of birth");
	}
	store_finish(st);
	html_raw(b, "</select>");
	page_field_error(w, "staff");
	input(w, "textarea", "alleged", "What is alleged", "In the words it was reported in");
	input(w, "date", "occurred_on", "When it happened", "");
	input(w, "date", "reported_on", "When it was reported", "");
	input(w, "text", "reported_by", "Reported by", "Who told you, and how");
	input(w, "date", "staff_date_of_birth", "Their date of birth",
	      "Only when the staff record has none: the allegation is kept until their 65th "
	      "birthday or for 10 years, whichever is longer");
	input(w, "date", "lado_referred_on", "Referred to the LADO on", "");
	input(w, "date", "ofsted_notified_on", "Ofsted notified on", "");
	html_raw(b, "<button type=\"submit\">Record the allegation</button></form>");
	page_end(w);
	return 0;
}

int page_allegation_new(struct web *w)
{
	if (!authz_allegation(w, 0))
		return web_error(w, 403, "", "allegations are the manager's and the DSL's");
	return record_form(w, 200);
}

int page_allegation_add(struct web *w)
{
	const char *raw[ALLEGATION__MAX];
	struct field_value v[ALLEGATION__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	if (!authz_allegation(w, 0))
		return web_error(w, 403, "", "allegations are the manager's and the DSL's");
	for (size_t k = 0; k < ALLEGATION__MAX; k++)
		raw[k] = web_field(w, core_allegation_fields[k].name);
	if (valid_record(core_allegation_fields, ALLEGATION__MAX, raw, v, w->a, &fe) != 0) {
		w->field_error[0] = arena_strdup(w->a, fe.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", fe.field, fe.msg);
		return record_form(w, 422);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_allegation_record(w->s, &w->who, w->me.staff_id, v, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] = arena_strdup(w->a, e.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", e.field, e.msg);
		return record_form(w, 422);
	}
	return web_redirect(w, "/allegations/%" PRId64, id);
}

static int show(struct web *w, int status)
{
	struct buf *b = &w->resp->body;
	struct allegation al;
	struct op_error e;
	int64_t id = w->id[0];
	w->resp->status = status;
	buf_reset(b);
	if (!authz_allegation(w, id))
		return web_error(w, 404, "", "there is no allegation %" PRId64, id);
	if (core_allegation_get(w->s, &w->who, w->me.staff_id, id, w->a, &al, &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, "Allegation against a member of staff");
	html_printf(b,
	            "<dl><dt>Member of staff</dt><dd>%s</dd><dt>What is alleged</dt><dd "
	            "class=\"pre\">%s</dd><dt>When it happened</dt><dd>%s</dd><dt>Reported</dt>"
	            "<dd>%s, by %s</dd><dt>LADO</dt><dd>%s</dd>",
	            al.staff, al.alleged, al.occurred_on, al.reported_on, al.reported_by,
	            *al.lado_on ? arena_printf(w->a, "Referred %s", al.lado_on) : "Not referred");
	html_raw(b, "<dt>Ofsted</dt><dd><table><tbody><tr>");
	ofsted_cell(w, &al);
	html_printf(b,
	            "</tr></tbody></table></dd><dt>Kept until</dt><dd>%s (their 65th birthday "
	            "or 10 years, whichever is later; date of birth %s)</dd><dt>Recorded by</dt>"
	            "<dd>%s</dd></dl>",
	            al.retain_until, al.staff_date_of_birth, al.recorded_by);
	html_raw(b, "<h2>Actions, referrals and outcome</h2>");
	if (!al.naddenda)
		html_raw(b, "<p>Nothing added yet.</p>");
	else
		html_raw(b, "<ol class=\"addenda\">");
	for (size_t i = 0; i < al.naddenda; i++)
		html_printf(
		    b, "<li><strong>%s</strong> on %s (%s): <span class=\"pre\">%s</span></li>",
		    core_allegation_kind_words(al.addenda[i].kind), al.addenda[i].on,
		    al.addenda[i].by, al.addenda[i].text);
	if (al.naddenda)
		html_raw(b, "</ol>");
	if (status != 200)
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>",
		            w->field_error[1] ? w->field_error[1] : "Nothing was added.");
	html_printf(b, "<form method=\"post\" action=\"/allegations/%" PRId64 "/addenda\">", id);
	page_csrf(w);
	html_raw(b, "<label for=\"kind\">What</label><select id=\"kind\" name=\"kind\">");
	for (const char *const *k =
	         core_allegation_addendum_fields[ALLEGATION_ADDENDUM_KIND].choices;
	     *k; k++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", *k,
		            strcmp(web_field(w, "kind"), *k) == 0 ? " selected" : "",
		            core_allegation_kind_words(*k));
	html_raw(b, "</select>");
	page_field_error(w, "kind");
	input(w, "date", "on", "On", "");
	input(w, "textarea", "text", "Details", "");
	html_raw(b, "<button type=\"submit\">Add</button></form>");
	page_end(w);
	return 0;
}

int page_allegation(struct web *w)
{
	return show(w, 200);
}

int page_allegation_addendum(struct web *w)
{
	const char *raw[ALLEGATION_ADDENDUM__MAX];
	struct field_value v[ALLEGATION_ADDENDUM__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	if (!authz_allegation(w, w->id[0]))
		return web_error(w, 404, "", "there is no allegation %" PRId64, w->id[0]);
	for (size_t k = 0; k < ALLEGATION_ADDENDUM__MAX; k++)
		raw[k] = web_field(w, core_allegation_addendum_fields[k].name);
	if (valid_record(core_allegation_addendum_fields, ALLEGATION_ADDENDUM__MAX, raw, v, w->a,
	                 &fe) != 0) {
		w->field_error[0] = arena_strdup(w->a, fe.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", fe.field, fe.msg);
		return show(w, 422);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_allegation_addendum(w->s, &w->who, w->id[0], v, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] = arena_strdup(w->a, e.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", e.field, e.msg);
		return show(w, 422);
	}
	return web_redirect(w, "/allegations/%" PRId64, w->id[0]);
}
