/*
 * page_accident.c — the pages of page_accident.h. A child's page shows the
 * form first and, to those who may read the child's records
 * (authz_accident_read), the records with what is still to do: tell the parent, take their
 * acknowledgement on this screen, make a notification. A refused form comes
 * back with what was typed and the field named (422; 409 for a second
 * acknowledgement). The family's page speaks the family's language
 * (portal_text.h). The body map is bodymap.c's, with several regions.
 */
#include "page_accident.h"

#include <inttypes.h>
#include <string.h>

#include "audit.h"
#include "bodymap.h"
#include "core_accident.h"
#include "core_concern.h"
#include "date.h"
#include "page_portal.h"
#include "page_records.h"
#include "util.h"

#define BOOK_DAYS 90 /* the accident book shows this many days (and older open notifications) */

static const char *when_text(struct web *w, int64_t at)
{
	char d[DATE_LEN], t[TIME_LEN];
	int day, minute;
	date_local(at, w->setting.time_zone, &day, &minute);
	date_format(day, d);
	time_format(minute, t);
	return arena_printf(w->a, "%s %s", d, t);
}

static const char *day_text(struct web *w, int day)
{
	char d[DATE_LEN];
	date_format(day, d);
	return arena_strdup(w->a, d);
}

static void alert(struct web *w)
{
	if (w->resp->status >= 400 && w->field_error[1])
		html_printf(&w->resp->body, "<p class=\"alert\" role=\"alert\">%s</p>",
		            w->field_error[1]);
}

static void field_error(struct web *w, const struct op_error *e)
{
	w->field_error[0] = arena_strdup(w->a, e->field);
	w->field_error[1] =
	    *e->field ? arena_printf(w->a, "%s: %s", e->field, e->msg) : arena_strdup(w->a, e->msg);
}

/* ---- the form ---- */

static void input(struct web *w, const char *type, const char *name, const char *label,
                  const char *value)
{
	struct buf *b = &w->resp->body;
	int bad = w->field_error[0] && strcmp(w->field_error[0], name) == 0;
	html_printf(b, "<label for=\"acc-%s\">%s</label>", name, label);
	if (strcmp(type, "textarea") == 0)
		html_printf(b, "<textarea id=\"acc-%s\" name=\"%s\" rows=\"3\"%s>%s</textarea>",
		            name, name, bad ? " aria-invalid=\"true\"" : "", value);
	else
		html_printf(b, "<input type=\"%s\" id=\"acc-%s\" name=\"%s\" value=\"%s\"%s>", type,
		            name, name, value, bad ? " aria-invalid=\"true\"" : "");
	page_field_error(w, name);
}

static void check(struct web *w, const char *name, const char *label)
{
	html_printf(&w->resp->body,
	            "<p class=\"check\"><input type=\"checkbox\" id=\"acc-%s\" name=\"%s\" "
	            "value=\"yes\"%s><label for=\"acc-%s\">%s</label></p>",
	            name, name, *web_field(w, name) ? " checked" : "", name, label);
}

/* Staff with a paediatric first aid certificate valid today. */
static void first_aider_select(struct web *w, int today)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_ACCIDENT_FIRST_AIDERS);
	const char *chosen = web_field(w, "first_aider");
	char d[DATE_LEN];
	date_format(today, d);
	html_raw(b, "<label for=\"acc-first_aider\">First aid given by (a paediatric first "
	            "aider)</label><select id=\"acc-first_aider\" name=\"first_aider\"");
	if (w->field_error[0] && strcmp(w->field_error[0], "first_aider") == 0)
		html_raw(b, " aria-invalid=\"true\"");
	html_raw(b, "><option value=\"\">—</option>");
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, d);
	store_bind_text(st, 3, d);
	while (store_step(st) == STORE_ROW) {
		const char *id = arena_printf(w->a, "%" PRId64, store_col_int(st, 0));
		html_printf(b, "<option value=\"%s\"%s>%s</option>", id,
		            strcmp(id, chosen) == 0 ? " selected" : "", store_col_text(st, 1));
	}
	store_finish(st);
	html_raw(b, "</select>");
	page_field_error(w, "first_aider");
}

static void record_form(struct web *w, int64_t child)
{
	static const char *const kinds[][2] = {
	    {"accident", "Accident (the child was hurt here)"},
	    {"incident", "Incident (something happened, with or without an injury)"},
	    {"existing_injury", "Injury noticed on arrival (at the greeting)"}};
	struct buf *b = &w->resp->body;
	const char *kind = web_field(w, "kind"), *date = web_field(w, "date"),
	           *time = web_field(w, "time");
	char today[DATE_LEN], now[TIME_LEN];
	int day, minute;
	date_local(time_now(), w->setting.time_zone, &day, &minute);
	date_format(day, today);
	time_format(minute, now);
	html_printf(b,
	            "<form method=\"post\" action=\"/children/%" PRId64 "/accidents\" "
	            "class=\"card noprint accident\" id=\"record\"><h2>Record an accident, "
	            "incident or injury on arrival</h2>",
	            child);
	page_csrf(w);
	html_raw(b, "<label for=\"acc-kind\">What it is</label><select id=\"acc-kind\" "
	            "name=\"kind\">");
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", kinds[i][0],
		            strcmp(kind, kinds[i][0]) == 0 ? " selected" : "", kinds[i][1]);
	html_raw(b, "</select>");
	page_field_error(w, "kind");
	input(w, "date", "date", "Date", *date ? date : today);
	input(w, "time", "time", "Time", *time ? time : now);
	input(w, "text", "location", "Where it happened (not needed for an injury on arrival)",
	      web_field(w, "location"));
	input(w, "textarea", "what_happened", "What happened, or what you saw",
	      web_field(w, "what_happened"));
	bodymap_fieldset(w, bodymap_posted(w), 1);
	input(w, "textarea", "first_aid", "First aid given", web_field(w, "first_aid"));
	first_aider_select(w, day);
	input(w, "text", "witnesses", "Witnesses", web_field(w, "witnesses"));
	input(w, "textarea", "parent_account",
	      "The parent's account (an injury on arrival: what they said happened)",
	      web_field(w, "parent_account"));
	check(w, "notifiable", "Notifiable to Ofsted (serious injury, or hospital treatment)");
	check(w, "riddor", "Reportable under RIDDOR (taken from here to hospital)");
	html_raw(b, "<p><button type=\"submit\" class=\"big\">Save the record</button></p></form>");
}

/* ---- a child's records ---- */

static void notified_button(struct web *w, const struct accident *x, const char *body,
                            const char *label)
{
	struct buf *b = &w->resp->body;
	html_printf(b,
	            "<form method=\"post\" class=\"inline\" action=\"/children/%" PRId64
	            "/accidents/%" PRId64 "/notified\">",
	            x->child_id, x->id);
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"body\" value=\"%s\"><button "
	            "type=\"submit\">%s</button></form>",
	            body, label);
}

/* "due by D", overdue marked, or "made on D"; "" when not flagged. */
static void deadline(struct web *w, int flagged, int64_t made, int due, int overdue)
{
	struct buf *b = &w->resp->body;
	if (!flagged)
		return;
	if (made)
		html_printf(b, "made %s", when_text(w, made));
	else
		html_printf(b, "<span%s>due by %s%s</span>", overdue ? " class=overdue" : "",
		            day_text(w, due), overdue ? " (overdue)" : "");
}

static void card(struct web *w, const struct accident *x, int today)
{
	struct buf *b = &w->resp->body;
	const char *base =
	    arena_printf(w->a, "/children/%" PRId64 "/accidents/%" PRId64, x->child_id, x->id);
	html_printf(b,
	            "<article class=\"card accident\" id=\"accident-%" PRId64 "\"><h3>%s, %s</h3>"
	            "<dl class=\"facts\">",
	            x->id, core_accident_kind_words(x->kind), when_text(w, x->occurred_at));
	if (*x->location)
		html_printf(b, "<dt>Where</dt><dd>%s</dd>", x->location);
	html_printf(b, "<dt>What happened</dt><dd class=\"pre\">%s</dd>", x->what);
	if (*x->regions)
		html_printf(b, "<dt>Body map</dt><dd class=\"regions\">%s</dd>",
		            core_accident_region_labels(w->a, x->regions));
	if (*x->first_aid || *x->first_aider)
		html_printf(b, "<dt>First aid</dt><dd>%s%s%s</dd>", x->first_aid,
		            *x->first_aider ? " — given by " : "", x->first_aider);
	if (*x->witnesses)
		html_printf(b, "<dt>Witnesses</dt><dd>%s</dd>", x->witnesses);
	if (*x->parent_account)
		html_printf(b, "<dt>The parent's account</dt><dd class=\"pre\">%s</dd>",
		            x->parent_account);
	html_printf(b, "<dt>Recorded by</dt><dd>%s, %s</dd>", x->recorded_by,
	            when_text(w, x->created_at));
	html_raw(b, "<dt>Parent told</dt><dd>");
	if (x->told_at)
		html_printf(b, "%s by %s", when_text(w, x->told_at), x->told_by);
	else
		html_raw(b, "<span class=\"overdue\">not yet</span>");
	html_raw(b, "</dd><dt>Parent's acknowledgement</dt><dd>");
	if (x->ack_at)
		html_printf(b, "%s, %s (%s)", x->ack_name, when_text(w, x->ack_at),
		            strcmp(x->ack_how, "portal") == 0 ? "in the portal" : "on screen");
	else
		html_raw(b, "not yet");
	html_raw(b, "</dd>");
	if (x->notifiable) {
		html_raw(b, "<dt>Ofsted</dt><dd>");
		deadline(w, 1, x->notified_at, x->ofsted_deadline,
		         core_accident_ofsted_overdue(x, today));
		if (!x->notified_at && authz_accident_notify(&w->me))
			notified_button(w, x, "ofsted", "Ofsted notified");
		html_raw(b, "</dd>");
	}
	if (x->riddor) {
		html_raw(b, "<dt>RIDDOR</dt><dd>");
		deadline(w, 1, x->riddor_at, x->riddor_deadline,
		         core_accident_riddor_overdue(x, today));
		if (!x->riddor_at && authz_accident_notify(&w->me))
			notified_button(w, x, "riddor", "Reported under RIDDOR");
		html_raw(b, "</dd>");
	}
	html_raw(b, "</dl>");
	if (!x->told_at) {
		char d[DATE_LEN], t[TIME_LEN];
		int day, minute;
		date_local(time_now(), w->setting.time_zone, &day, &minute);
		date_format(day, d);
		time_format(minute, t);
		html_printf(b, "<form method=\"post\" class=\"noprint\" action=\"%s/parent-told\">",
		            base);
		page_csrf(w);
		html_printf(b,
		            "<fieldset><legend>I told the parent</legend>"
		            "<label for=\"told-date-%" PRId64 "\">Date</label><input type=\"date\" "
		            "id=\"told-date-%" PRId64 "\" name=\"date\" value=\"%s\">"
		            "<label for=\"told-time-%" PRId64 "\">Time</label><input type=\"time\" "
		            "id=\"told-time-%" PRId64 "\" name=\"time\" value=\"%s\">"
		            "<button type=\"submit\">Save</button></fieldset></form>",
		            x->id, x->id, d, x->id, x->id, t);
	}
	if (!x->ack_at) {
		html_printf(b, "<form method=\"post\" class=\"noprint\" action=\"%s/acknowledge\">",
		            base);
		page_csrf(w);
		html_printf(b,
		            "<fieldset><legend>The parent acknowledges it here</legend>"
		            "<label for=\"ack-%" PRId64 "\">The parent writes their name</label>"
		            "<input type=\"text\" id=\"ack-%" PRId64 "\" name=\"parent_name\" "
		            "autocomplete=\"off\"><button type=\"submit\">I have read this "
		            "record</button></fieldset></form>",
		            x->id, x->id);
	}
	html_raw(b, "</article>");
}

static int child_page(struct web *w, int status)
{
	struct buf *b = &w->resp->body;
	int64_t child = w->id[0];
	const char *name = records_child_name(w, child);
	struct accident *list = NULL;
	struct op_error e;
	size_t n = 0;
	int full, today = date_today(w->setting.time_zone);
	if (!name || !authz_accident_record(w, child))
		return web_error(w, 404, "", "there is no child %" PRId64, child);
	full = authz_accident_read(w, child);
	if (full && (audit_read(w->s, &w->who, "accident.view", child, &e) != 0 ||
	             core_accident_child(w->s, w->me.setting_id, w->setting.time_zone, child, w->a,
	                                 &list, &n, &e) != 0))
		return web_op_error(w, &e);
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, arena_printf(w->a, "Accidents and injuries: %s", name));
	alert(w);
	if (strcmp(web_field(w, "done"), "1") == 0)
		html_raw(b,
		         "<p class=\"notice\" role=\"status\">Saved. The child's room staff, key "
		         "person and the manager see it.</p>");
	record_form(w, child);
	if (!full) {
		page_end(w);
		return 0;
	}
	html_raw(b, "<section><h2>Records</h2>");
	if (!n)
		html_raw(b, "<p>No accident, incident or injury is recorded.</p>");
	for (size_t i = 0; i < n; i++)
		card(w, &list[i], today);
	html_raw(b, "</section>");
	page_end(w);
	return 0;
}

int page_child_accidents(struct web *w)
{
	return child_page(w, 200);
}

int page_child_accident_add(struct web *w)
{
	const char *raw[ACC__MAX];
	struct field_value v[ACC__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t child = w->id[0], id;
	if (!records_child_name(w, child) || !authz_accident_record(w, child))
		return web_error(w, 404, "", "there is no child %" PRId64, child);
	for (size_t k = 0; k < ACC__MAX; k++)
		raw[k] = k == ACC_REGIONS ? bodymap_posted(w)
		                          : web_field(w, core_accident_fields[k].name);
	if (valid_record(core_accident_fields, ACC__MAX, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		field_error(w, &e);
		return child_page(w, 422);
	}
	if (core_tx_begin(w->s, &e) != 0 || core_accident_add(w->s, &w->who, child, v, &id, &e) ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		field_error(w, &e);
		return child_page(w, 422);
	}
	if (!authz_accident_read(w, child))
		return web_redirect(w, "/children/%" PRId64 "/accidents?done=1", child);
	return web_redirect(w, "/children/%" PRId64 "/accidents#accident-%" PRId64, child, id);
}

/* Run one change of a child's record; the child's page again when refused. */
static int change(struct web *w, int (*run)(struct web *w, struct op_error *e))
{
	struct op_error e;
	int64_t child = w->id[0];
	if (!records_child_name(w, child) || !authz_accident_read(w, child) ||
	    core_accident_child_of(w->s, w->me.setting_id, w->id[1]) != child)
		return web_error(w, 404, "", "there is no such accident");
	if (core_tx_begin(w->s, &e) != 0 || run(w, &e) != 0 || core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_INVALID && e.status != OP_CONFLICT)
			return web_op_error(w, &e);
		field_error(w, &e);
		return child_page(w, e.status == OP_CONFLICT ? 409 : 422);
	}
	return web_redirect(w, "/children/%" PRId64 "/accidents#accident-%" PRId64, child,
	                    w->id[1]);
}

static int run_told(struct web *w, struct op_error *e)
{
	static const struct field_spec date = {"date", F_DATE, 1, 0, 0, NULL},
	                               time = {"time", F_TIME, 1, 0, 0, NULL};
	struct field_value d, t;
	char why[256];
	if (valid_field(&date, web_field(w, "date"), &d, w->a, why, sizeof why) != 0 || !d.present)
		return op_fail(e, OP_INVALID, "date", "give the date the parent was told");
	if (valid_field(&time, web_field(w, "time"), &t, w->a, why, sizeof why) != 0 || !t.present)
		return op_fail(e, OP_INVALID, "time", "give the time the parent was told");
	return core_accident_parent_told(w->s, &w->who, w->id[0], w->id[1], (int)d.i, (int)t.i, e);
}

static int run_ack(struct web *w, struct op_error *e)
{
	return core_accident_acknowledge(w->s, &w->who, w->id[0], w->id[1],
	                                 web_field(w, "parent_name"), 0, e);
}

static int run_notified(struct web *w, struct op_error *e)
{
	return core_accident_notified(w->s, &w->who, w->id[0], w->id[1], web_field(w, "body"), e);
}

int page_child_accident_told(struct web *w)
{
	return change(w, run_told);
}

int page_child_accident_ack(struct web *w)
{
	return change(w, run_ack);
}

int page_child_accident_notified(struct web *w)
{
	if (!authz_accident_notify(&w->me))
		return web_error(w, 403, "", "a manager records the notifications");
	return change(w, run_notified);
}

/* ---- choosing a child ---- */

int page_accident_new(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	struct pick {
		int64_t id;
		const char *label;
	} *list = NULL;
	size_t n = 0, cap = 0;
	const char *kind = web_field(w, "kind");
	char today[DATE_LEN];
	long child = 0;
	if (*web_field(w, "child") &&
	    parse_long(web_field(w, "child"), 1, INT32_MAX, &child) == 0 &&
	    authz_accident_record(w, child))
		return web_redirect(w, "/children/%ld/accidents?kind=%s#record", child,
		                    strcmp(kind, "existing_injury") == 0 ? "existing_injury"
		                                                         : "accident");
	date_format(date_today(w->setting.time_zone), today);
	page_begin(w, "Record an accident or an injury on arrival");
	html_raw(b, "<form method=\"get\" action=\"/accidents/new\" class=\"card\">"
	            "<label for=\"acc-child\">Child</label><select id=\"acc-child\" name=\"child\">"
	            "<option value=\"\">Choose the child</option>");
	st = store_stmt(w->s, STMT_CONCERN_CHILD_CHOICES);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, today);
	/* authz reads through the same connection: collect first, then filter */
	while (store_step(st) == STORE_ROW) {
		const char *preferred = store_col_text(st, 3);
		if (n == cap) {
			struct pick *more;
			cap = cap ? 2 * cap : 64;
			more = arena_alloc(w->a, cap * sizeof *more);
			if (n)
				memcpy(more, list, n * sizeof *more);
			list = more;
		}
		list[n].id = store_col_int(st, 0);
		list[n++].label =
		    arena_printf(w->a, "%s %s (%s)", *preferred ? preferred : store_col_text(st, 1),
		                 store_col_text(st, 2), store_col_text(st, 4));
	}
	store_finish(st);
	for (size_t i = 0; i < n; i++)
		if (authz_accident_record(w, list[i].id))
			html_printf(b, "<option value=\"%" PRId64 "\">%s</option>", list[i].id,
			            list[i].label);
	html_raw(b, "</select><p><button type=\"submit\" name=\"kind\" value=\"accident\">An "
	            "accident or incident here</button> <button type=\"submit\" name=\"kind\" "
	            "value=\"existing_injury\">An injury noticed on arrival</button></p></form>");
	if (authz_accident_overview(&w->me))
		html_raw(b, "<p><a href=\"/accidents\">The accident book</a></p>");
	page_end(w);
	return 0;
}

/* ---- the setting's accident book ---- */

int page_accidents(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct accident *list;
	struct op_error e;
	size_t n;
	int today = date_today(w->setting.time_zone), open = 0, late = 0;
	if (!authz_accident_overview(&w->me))
		return web_error(w, 403, "", "the accident book is the manager's and the DSL's");
	if (audit_read(w->s, &w->who, "accident.list", 0, &e) != 0 ||
	    core_accident_setting(w->s, w->me.setting_id, w->setting.time_zone, today, BOOK_DAYS,
	                          w->a, &list, &n, &e) != 0)
		return web_op_error(w, &e);
	for (size_t i = 0; i < n; i++) {
		open += (list[i].notifiable && !list[i].notified_at) +
		        (list[i].riddor && !list[i].riddor_at);
		late += core_accident_ofsted_overdue(&list[i], today) +
		        core_accident_riddor_overdue(&list[i], today);
	}
	page_begin(w, "Accident book");
	html_printf(b,
	            "<p>Accidents, incidents and injuries noticed on arrival over the last %d "
	            "days, and any older one with a notification still to make. Ofsted is told "
	            "within 14 days (the day it happened is day 1); RIDDOR within 10 days.</p>",
	            BOOK_DAYS);
	if (late)
		html_printf(b,
		            "<p class=\"alert\" role=\"alert\"><strong>%d overdue</strong> of %d "
		            "notifications to make.</p>",
		            late, open);
	else if (open)
		html_printf(b, "<p class=\"notice\">%d notifications to make.</p>", open);
	if (authz_accident_patterns(&w->me))
		html_raw(b, "<p><a href=\"/safeguarding/injuries\">Repeated injuries</a></p>");
	if (!n) {
		html_raw(b, "<p>Nothing is recorded.</p>");
		page_end(w);
		return 0;
	}
	html_raw(b,
	         "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"accidents\"><thead><tr>"
	         "<th scope=\"col\">When</th><th scope=\"col\">Child</th>"
	         "<th scope=\"col\">What</th><th scope=\"col\">Where</th>"
	         "<th scope=\"col\">Body map</th><th scope=\"col\">Parent told</th>"
	         "<th scope=\"col\">Acknowledged</th><th scope=\"col\">Ofsted</th>"
	         "<th scope=\"col\">RIDDOR</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct accident *x = &list[i];
		int overdue = core_accident_ofsted_overdue(x, today) ||
		              core_accident_riddor_overdue(x, today);
		html_printf(
		    b,
		    "<tr%s><th scope=\"row\">%s</th><td><a href=\"/children/%" PRId64
		    "/accidents#accident-%" PRId64 "\">%s</a> <span class=\"muted\">(%s)"
		    "</span></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
		    overdue ? " class=overdue" : "", when_text(w, x->occurred_at), x->child_id,
		    x->id, x->child, x->room, core_accident_kind_words(x->kind), x->location,
		    core_accident_region_labels(w->a, x->regions),
		    x->told_at ? when_text(w, x->told_at) : "no", x->ack_at ? x->ack_name : "no");
		deadline(w, x->notifiable, x->notified_at, x->ofsted_deadline,
		         core_accident_ofsted_overdue(x, today));
		if (x->notifiable && !x->notified_at && authz_accident_notify(&w->me))
			notified_button(w, x, "ofsted", "Notified");
		html_raw(b, "</td><td>");
		deadline(w, x->riddor, x->riddor_at, x->riddor_deadline,
		         core_accident_riddor_overdue(x, today));
		if (x->riddor && !x->riddor_at && authz_accident_notify(&w->me))
			notified_button(w, x, "riddor", "Reported");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
	page_end(w);
	return 0;
}

/* ---- the DSL's repeated injuries ---- */

int page_injury_patterns(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct injury_pattern *list;
	struct op_error e;
	size_t n;
	int today = date_today(w->setting.time_zone);
	if (!authz_accident_patterns(&w->me))
		return web_error(w, 403, "", "only the designated safeguarding lead sees this");
	if (audit_read(w->s, &w->who, "accident.patterns", 0, &e) != 0 ||
	    core_accident_patterns(w->s, w->me.setting_id, w->setting.time_zone, today,
	                           ACCIDENT_PATTERN_COUNT, ACCIDENT_PATTERN_DAYS, w->a, &list, &n,
	                           &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, "Repeated injuries");
	html_printf(b,
	            "<p>Children with %d or more injuries (accidents here and injuries noticed "
	            "on arrival) in the last %d days, with where on the body. A pattern is a "
	            "reason to look again, not a finding.</p>",
	            ACCIDENT_PATTERN_COUNT, ACCIDENT_PATTERN_DAYS);
	if (!n)
		html_raw(b, "<p>No child has repeated injuries.</p>");
	for (size_t i = 0; i < n; i++) {
		const struct injury_pattern *p = &list[i];
		html_printf(b,
		            "<section class=\"card pattern\" id=\"child-%" PRId64 "\"><h2><a "
		            "href=\"/children/%" PRId64 "/accidents\">%s</a> <span class=\"muted\">"
		            "(%s)</span>: %d injuries</h2><p><strong>Body map:</strong> %s</p><ul>",
		            p->child_id, p->child_id, p->child, p->room, p->count,
		            core_accident_region_labels(w->a, p->regions));
		for (int k = 0; k < p->count; k++) {
			const struct accident *x = &p->injuries[k];
			html_printf(b, "<li>%s — %s: %s (%s)</li>", when_text(w, x->occurred_at),
			            core_accident_kind_words(x->kind),
			            core_accident_region_labels(w->a, x->regions), x->what);
		}
		html_raw(b, "</ul></section>");
	}
	page_end(w);
	return 0;
}

/* ---- the family's view ---- */

/* The text of msg in language l (the family's, portal_lang_me). */
static const char *tr(enum portal_lang l, enum portal_msg msg)
{
	return portal_text(l, msg);
}

static const char *region_words(struct web *w, enum portal_lang l, const char *regions)
{
	static const enum portal_msg words[] = {
	    M_REGION_FACE,      M_REGION_NECK,         M_REGION_CHEST,      M_REGION_TUMMY,
	    M_REGION_GROIN,     M_REGION_RIGHT_ARM,    M_REGION_LEFT_ARM,   M_REGION_RIGHT_HAND,
	    M_REGION_LEFT_HAND, M_REGION_RIGHT_LEG,    M_REGION_LEFT_LEG,   M_REGION_RIGHT_FOOT,
	    M_REGION_LEFT_FOOT, M_REGION_BACK_OF_HEAD, M_REGION_UPPER_BACK, M_REGION_LOWER_BACK,
	    M_REGION_BOTTOM,    M_REGION_BACK_OF_LEGS};
	const char *out = "";
	_Static_assert(ARRAY_LEN(words) == 18, "a word for every region of the body map");
	for (size_t i = 0; i < core_concern_nregions && i < ARRAY_LEN(words); i++) {
		const char *key = core_concern_regions[i].key, *p = regions;
		size_t n = strlen(key);
		int has = 0;
		while (*p && !has) {
			size_t len;
			while (*p == ' ')
				p++;
			len = strcspn(p, " ");
			has = len == n && strncmp(p, key, n) == 0;
			p += len;
		}
		if (has)
			out = *out ? arena_printf(w->a, "%s, %s", out, tr(l, words[i]))
			           : tr(l, words[i]);
	}
	return out;
}

static int family_page(struct web *w, int status)
{
	struct buf *b = &w->resp->body;
	int64_t child = w->id[0];
	struct accident *list;
	struct op_error e;
	size_t n;
	const char *name;
	enum portal_lang l = portal_lang_me(w);
	if (!authz_accident_family(w, child) || !(name = portal_child_name(w, child)))
		return web_error(w, 404, "", "there is no such child");
	if (audit_read(w->s, &w->who, "portal.accident.view", child, &e) != 0 ||
	    core_accident_child(w->s, w->me.setting_id, w->setting.time_zone, child, w->a, &list,
	                        &n, &e) != 0)
		return web_op_error(w, &e);
	w->resp->status = status;
	buf_reset(b);
	portal_begin(w, arena_printf(w->a, "%s: %s", tr(l, M_ACC_TITLE), name));
	if (status >= 400 && w->field_error[1])
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", w->field_error[1]);
	if (!n)
		html_printf(b, "<p>%s</p>", tr(l, M_ACC_NONE));
	for (size_t i = 0; i < n; i++) {
		const struct accident *x = &list[i];
		enum portal_msg kind = strcmp(x->kind, "existing_injury") == 0 ? M_ACC_ARRIVAL
		                       : strcmp(x->kind, "incident") == 0      ? M_ACC_INCIDENT
		                                                               : M_ACC_ACCIDENT;
		html_printf(b,
		            "<article class=\"card accident\" id=\"accident-%" PRId64 "\"><h2>%s, "
		            "%s</h2><dl class=\"facts\">",
		            x->id, tr(l, kind), when_text(w, x->occurred_at));
		if (*x->location)
			html_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(l, M_ACC_WHERE), x->location);
		html_printf(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>", tr(l, M_ACC_WHAT), x->what);
		if (*x->regions)
			html_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(l, M_ACC_BODY),
			            region_words(w, l, x->regions));
		if (*x->first_aid)
			html_printf(b, "<dt>%s</dt><dd>%s%s%s%s</dd>", tr(l, M_ACC_FIRST_AID),
			            x->first_aid, *x->first_aider ? " — " : "",
			            *x->first_aider ? tr(l, M_ACC_GIVEN_BY) : "",
			            *x->first_aider ? arena_printf(w->a, " %s", x->first_aider)
			                            : "");
		if (*x->parent_account)
			html_printf(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>", tr(l, M_ACC_ACCOUNT),
			            x->parent_account);
		if (x->told_at)
			html_printf(b, "<dt>%s</dt><dd>%s</dd>", tr(l, M_ACC_TOLD),
			            when_text(w, x->told_at));
		if (x->ack_at)
			html_printf(b, "<dt>%s</dt><dd>%s, %s</dd>", tr(l, M_ACC_ACKED),
			            x->ack_name, when_text(w, x->ack_at));
		html_raw(b, "</dl>");
		if (!x->ack_at) {
			html_printf(b,
			            "<form method=\"post\" action=\"/family/children/%" PRId64
			            "/accidents/%" PRId64 "/acknowledge\">",
			            child, x->id);
			page_csrf(w);
			html_printf(
			    b,
			    "<label for=\"ack-%" PRId64 "\">%s</label><input type=\"text\" "
			    "id=\"ack-%" PRId64 "\" name=\"parent_name\" "
			    "autocomplete=\"name\"><button type=\"submit\">%s</button></form>",
			    x->id, tr(l, M_ACC_ACK_NAME), x->id, tr(l, M_ACC_ACK));
		}
		html_raw(b, "</article>");
	}
	html_printf(b, "<p><a href=\"/family/children/%" PRId64 "\">%s</a></p>", child,
	            tr(l, M_BACK));
	html_raw(b, "</main></body></html>\n");
	return 0;
}

int page_family_accidents(struct web *w)
{
	return family_page(w, 200);
}

int page_family_accident_ack(struct web *w)
{
	struct op_error e;
	int64_t child = w->id[0];
	if (!authz_accident_family(w, child) ||
	    core_accident_child_of(w->s, w->me.setting_id, w->id[1]) != child)
		return web_error(w, 404, "", "there is no such record");
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_accident_acknowledge(w->s, &w->who, child, w->id[1], web_field(w, "parent_name"),
	                              w->me.contact_id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_INVALID && e.status != OP_CONFLICT)
			return web_op_error(w, &e);
		w->field_error[0] = "parent_name";
		w->field_error[1] = tr(portal_lang_me(w),
		                       e.status == OP_CONFLICT ? M_ACC_ACK_TWICE : M_ACC_ACK_ERR);
		return family_page(w, e.status == OP_CONFLICT ? 409 : 422);
	}
	return web_redirect(w, "/family/children/%" PRId64 "/accidents#accident-%" PRId64, child,
	                    w->id[1]);
}

/* ---- JSON ---- */

static json_t *when_json(struct web *w, int64_t at)
{
	return at ? json_string(when_text(w, at)) : json_null();
}

int api_child_accidents(struct web *w)
{
	struct accident *list;
	struct op_error e;
	json_t *out;
	size_t n;
	int64_t child = w->id[0];
	int today = date_today(w->setting.time_zone);
	if (!records_child_name(w, child) || !authz_accident_read(w, child))
		return web_error(w, 404, "", "there is no child %" PRId64, child);
	if (audit_read(w->s, &w->who, "accident.view", child, &e) != 0 ||
	    core_accident_child(w->s, w->me.setting_id, w->setting.time_zone, child, w->a, &list,
	                        &n, &e) != 0)
		return web_op_error(w, &e);
	out = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct accident *x = &list[i];
		json_t *regions = json_array(), *o;
		const char *p = x->regions;
		while (*p) {
			size_t len;
			while (*p == ' ')
				p++;
			len = strcspn(p, " ");
			if (len)
				json_array_append_new(regions, json_stringn(p, len));
			p += len;
		}
		o = json_pack("{s:I, s:s, s:o, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:o, s:s}", "id",
		              (json_int_t)x->id, "kind", x->kind, "occurred_at",
		              when_json(w, x->occurred_at), "location", x->location,
		              "what_happened", x->what, "body_regions", regions, "first_aid",
		              x->first_aid, "first_aider", x->first_aider, "witnesses",
		              x->witnesses, "parent_account", x->parent_account, "parent_told_at",
		              when_json(w, x->told_at), "parent_told_by", x->told_by);
		json_object_set_new(o, "acknowledged_by", json_string(x->ack_name));
		json_object_set_new(o, "acknowledged_at", when_json(w, x->ack_at));
		json_object_set_new(o, "notifiable", json_boolean(x->notifiable));
		json_object_set_new(o, "ofsted_deadline",
		                    x->notifiable ? json_string(day_text(w, x->ofsted_deadline))
		                                  : json_null());
		json_object_set_new(o, "ofsted_notified_at", when_json(w, x->notified_at));
		json_object_set_new(o, "ofsted_overdue",
		                    json_boolean(core_accident_ofsted_overdue(x, today)));
		json_object_set_new(o, "riddor", json_boolean(x->riddor));
		json_object_set_new(o, "riddor_deadline",
		                    x->riddor ? json_string(day_text(w, x->riddor_deadline))
		                              : json_null());
		json_object_set_new(o, "riddor_reported_at", when_json(w, x->riddor_at));
		json_object_set_new(o, "recorded_by", json_string(x->recorded_by));
		json_array_append_new(out, o);
	}
	return web_json(w, 200,
	                json_pack("{s:I, s:o}", "child", (json_int_t)child, "accidents", out));
}

/* A member of the posted object as the text a form would send: strings as
 * they are, numbers in decimal, true as "yes" (false and null as none), and
 * for body_region a list of keys joined by spaces; NULL when of no such type. */
static const char *api_value(struct web *w, const char *key, json_t *v)
{
	if (json_is_string(v))
		return arena_strdup(w->a, json_string_value(v));
	if (json_is_integer(v))
		return arena_printf(w->a, "%lld", (long long)json_integer_value(v));
	if (json_is_true(v))
		return "yes";
	if (json_is_false(v) || json_is_null(v))
		return "";
	if (json_is_array(v) && strcmp(key, "body_region") == 0) {
		const char *out = "";
		size_t i;
		json_t *x;
		json_array_foreach (v, i, x) {
			if (!json_is_string(x))
				return NULL;
			out = *out ? arena_printf(w->a, "%s %s", out, json_string_value(x))
			           : arena_strdup(w->a, json_string_value(x));
		}
		return out;
	}
	return NULL;
}

int api_child_accident_add(struct web *w)
{
	const char *raw[ACC__MAX] = {0};
	struct field_value v[ACC__MAX];
	struct field_error fe;
	struct op_error e;
	json_error_t jerr;
	json_t *body, *val;
	const char *key;
	int64_t child = w->id[0], id;
	if (!records_child_name(w, child) || !authz_accident_record(w, child))
		return web_error(w, 404, "", "there is no child %" PRId64, child);
	body = json_loadb(w->req->body ? w->req->body : "", w->req->body_len, 0, &jerr);
	if (!json_is_object(body)) {
		json_decref(body);
		return web_error(w, 400, "body", "send a JSON object with the record's fields");
	}
	json_object_foreach (body, key, val) {
		size_t k = 0;
		while (k < ACC__MAX && strcmp(core_accident_fields[k].name, key) != 0)
			k++;
		if (k == ACC__MAX || !(raw[k] = api_value(w, key, val))) {
			const char *f = arena_strdup(w->a, key);
			json_decref(body);
			return web_error(w, 422, f, "%s is not a field here, or not of its type",
			                 f);
		}
	}
	json_decref(body);
	for (size_t k = 0; k < ACC__MAX; k++)
		if (!raw[k])
			raw[k] = "";
	if (valid_record(core_accident_fields, ACC__MAX, raw, v, w->a, &fe) != 0)
		return web_error(w, 422, fe.field, "%s: %s", fe.field, fe.msg);
	if (core_tx_begin(w->s, &e) != 0 || core_accident_add(w->s, &w->who, child, v, &id, &e) ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_json(w, 201,
	                json_pack("{s:I, s:I}", "id", (json_int_t)id, "child", (json_int_t)child));
}
