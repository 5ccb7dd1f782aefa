/*
 * page_supervision.c — staff supervision on the web (page_sen.h): GET
 * /supervision is the manager's schedule (everyone, the last one-to-one,
 * when the next is due, those overdue marked) or, for anyone else on the
 * staff, their own records; GET /staff/:id/supervision the records of one
 * member of staff (theirs and the manager's only: 404 to anyone else) with
 * the manager's forms to record a supervision (notes, wellbeing, key
 * children discussed, training needs, actions) and to set how often.
 * Every look at someone's records is audited.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core_supervision.h"
#include "page_records.h"
#include "page_sen.h"

int page_supervision(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct sup_staff *s;
	struct op_error e;
	size_t n;
	int overdue = 0;
	if (!authz_supervision_write(&w->me)) {
		if (w->me.staff_id && authz_supervision_read(&w->me, w->me.staff_id))
			return web_redirect(w, "/staff/%" PRId64 "/supervision", w->me.staff_id);
		page_begin(w, "Supervision");
		html_raw(b, "<p>You have no supervision records here.</p>");
		page_end(w);
		return 0;
	}
	if (core_supervision_due(w->s, w->me.setting_id, date_today(w->setting.time_zone), w->a, &s,
	                         &n, &e) != 0)
		return web_op_error(w, &e);
	for (size_t i = 0; i < n; i++)
		overdue += s[i].overdue;
	page_begin(w, "Supervision");
	html_printf(
	    b,
	    "<p>One-to-one supervision for everyone on the staff; %d overdue.</p>"
	    "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"supervision\"><thead>"
	    "<tr><th scope=\"col\">Member of staff</th><th scope=\"col\">Every</th>"
	    "<th scope=\"col\">Last</th><th scope=\"col\">Next due</th></tr></thead><tbody>",
	    overdue);
	for (size_t i = 0; i < n; i++)
		html_printf(
		    b,
		    "<tr%s><th scope=\"row\"><a href=\"/staff/%" PRId64
		    "/supervision\">%s</a></th><td>%d weeks</td><td>%s</td><td>%s%s</td></tr>",
		    s[i].overdue ? " class=overdue" : "", s[i].id, s[i].name, s[i].weeks,
		    *s[i].last ? s[i].last : "never", *s[i].due_on ? s[i].due_on : "now",
		    s[i].overdue ? " (overdue)" : "");
	html_raw(b, "</tbody></table></div>");
	page_end(w);
	return 0;
}

static int staff_page(struct web *w, int audit)
{
	struct buf *b = &w->resp->body;
	struct sup_staff me;
	struct sup_row *r;
	struct sup_child *kids;
	struct op_error e;
	size_t n, nk = 0;
	int today = date_today(w->setting.time_zone), manager = authz_supervision_write(&w->me);
	char d[DATE_LEN];
	if (!authz_supervision_read(&w->me, w->id[0]))
		return web_error(w, 404, "", "there is no member of staff %" PRId64, w->id[0]);
	if (core_supervision_list(w->s, w->me.setting_id, w->id[0], today, w->a, &me, &r, &n, &e) !=
	    0)
		return records_refuse(w, &e);
	if (audit && core_supervision_audit_read(w->s, &w->who, w->id[0], &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, arena_printf(w->a, "Supervision: %s", me.name));
	records_alert(w);
	html_printf(b, "<p%s>Every %d weeks. Last: %s. Next due: %s%s.</p>",
	            me.overdue ? " class=overdue" : "", me.weeks, *me.last ? me.last : "never",
	            *me.due_on ? me.due_on : "now", me.overdue ? " (overdue)" : "");
	if (manager) {
		date_format(today, d);
		if (core_supervision_key_children(w->s, w->me.setting_id, w->id[0], today, w->a,
		                                  &kids, &nk, &e) != 0)
			return records_refuse(w, &e);
		sen_form_begin(w, arena_printf(w->a, "/staff/%" PRId64 "/supervision", w->id[0]),
		               "supervision", "Record a supervision");
		sen_input(w, "supervision", "date", "Date", "date", d);
		sen_textarea(w, "supervision", "notes", "Notes");
		sen_textarea(w, "supervision", "wellbeing", "Wellbeing");
		if (nk) {
			html_raw(b, "<fieldset><legend>Key children discussed</legend>");
			for (size_t i = 0; i < nk; i++)
				html_printf(b,
				            "<p class=\"check\"><input type=\"checkbox\" "
				            "id=\"child-%" PRId64 "\" name=\"child_%" PRId64
				            "\" value=\"yes\"><label "
				            "for=\"child-%" PRId64 "\">%s</label></p>",
				            kids[i].id, kids[i].id, kids[i].id, kids[i].name);
			html_raw(b, "</fieldset>");
		}
		sen_textarea(w, "supervision", "training_needs", "Training needs");
		sen_textarea(w, "supervision", "actions", "Actions");
		sen_form_end(w, "Save the supervision");
		sen_form_begin(
		    w, arena_printf(w->a, "/staff/%" PRId64 "/supervision/schedule", w->id[0]),
		    "schedule", "How often");
		sen_input(w, "schedule", "weeks", "Every (weeks)", "number",
		          arena_printf(w->a, "%d", me.weeks));
		sen_form_end(w, "Save");
	}
	html_raw(b, "<h2>Supervisions</h2>");
	for (size_t i = 0; i < n; i++) {
		html_printf(b, "<article class=\"card supervision-record\"><h3>%s%s%s</h3>",
		            r[i].date, *r[i].supervisor ? " with " : "", r[i].supervisor);
		html_raw(b, "<h4>Notes</h4>");
		sen_lines(w, r[i].notes);
		html_raw(b, "<h4>Wellbeing</h4>");
		sen_lines(w, r[i].wellbeing);
		if (r[i].nchildren) {
			html_raw(b, "<h4>Key children discussed</h4><p>");
			for (size_t k = 0; k < r[i].nchildren; k++)
				html_printf(b, "%s<a href=\"/children/%" PRId64 "\">%s</a>",
				            k ? ", " : "", r[i].children[k].id,
				            r[i].children[k].name);
			html_raw(b, "</p>");
		}
		html_raw(b, "<h4>Training needs</h4>");
		sen_lines(w, r[i].training);
		html_raw(b, "<h4>Actions</h4>");
		sen_lines(w, r[i].actions);
		html_raw(b, "</article>");
	}
	if (!n)
		html_raw(b, "<p>No supervision recorded yet.</p>");
	page_end(w);
	return 0;
}

int page_staff_supervision(struct web *w)
{
	return staff_page(w, 1);
}

static int refuse_form(struct web *w, const struct op_error *e)
{
	records_field_error(w, e);
	if (e->status == OP_NOT_FOUND)
		return web_op_error(w, e);
	buf_reset(&w->resp->body);
	return staff_page(w, 0);
}

int page_staff_supervision_add(struct web *w)
{
	const char *raw[SUP__MAX];
	struct field_value v[SUP__MAX];
	struct field_error fe;
	struct op_error e;
	struct sup_child *kids;
	int64_t *chosen, id;
	size_t nk = 0, nc = 0;
	if (!authz_supervision_write(&w->me))
		return web_error(w, 403, "", "supervisions are recorded by the manager");
	for (int i = 0; i < SUP__MAX; i++)
		raw[i] = web_field(w, core_supervision_fields[i].name);
	if (valid_record(core_supervision_fields, SUP__MAX, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		return refuse_form(w, &e);
	}
	if (core_supervision_key_children(w->s, w->me.setting_id, w->id[0],
	                                  date_today(w->setting.time_zone), w->a, &kids, &nk,
	                                  &e) != 0)
		return refuse_form(w, &e);
	chosen = arena_alloc(w->a, (nk + 1) * sizeof *chosen);
	for (size_t i = 0; i < nk; i++)
		if (*web_field(w, arena_printf(w->a, "child_%" PRId64, kids[i].id)))
			chosen[nc++] = kids[i].id;
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_supervision_add(w->s, &w->who, w->id[0], w->me.staff_id, v, chosen, nc, &id, &e) !=
	        0 ||
	    core_tx_commit(w->s, &e) != 0)
		return refuse_form(w, &e);
	return web_redirect(w, "/staff/%" PRId64 "/supervision", w->id[0]);
}

int page_staff_supervision_weeks(struct web *w)
{
	struct field_value v;
	struct op_error e;
	char why[256];
	if (!authz_supervision_write(&w->me))
		return web_error(w, 403, "", "the schedule is the manager's");
	if (valid_field(&core_supervision_weeks_field, web_field(w, "weeks"), &v, w->a, why,
	                sizeof why) != 0 ||
	    !v.present) {
		op_fail(&e, OP_INVALID, "weeks", "%s", v.present ? why : "give a number of weeks");
		return refuse_form(w, &e);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_supervision_set_weeks(w->s, &w->who, w->id[0], (int)v.i, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return refuse_form(w, &e);
	return web_redirect(w, "/staff/%" PRId64 "/supervision", w->id[0]);
}
