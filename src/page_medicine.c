/*
 * page_medicine.c — the medicine pages of page_medicine.h: the due-now list
 * of a room, a child's medicines for staff with their forms, the family's
 * medicines page in the portal (every fixed word through portal_text.h, in
 * the family's language), the JSON, and the count on /today. Every look at
 * a child's medicines, and at a room's due-now list, is in the audit log.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "api_v1.h"
#include "audit.h"
#include "core_medicine.h"
#include "date.h"
#include "page_medicine.h"
#include "page_portal.h"
#include "page_records.h"
#include "page_sen.h"

static const char *interval_words(struct web *w, int minutes)
{
	if (minutes % 60 == 0)
		return arena_printf(w->a, "%d h", minutes / 60);
	return arena_printf(w->a, "%d h %02d min", minutes / 60, minutes % 60);
}

/* ---- the due-now list of a room ---- */

/* The day and minute asked for (the query's date and time, else now). */
static int query_moment(struct web *w, int *day, int *minute)
{
	const char *d = web_field(w, "date"), *t = web_field(w, "time");
	int ignored;
	date_local(time_now(), w->setting.time_zone, &ignored, minute);
	*day = date_today(w->setting.time_zone);
	if (*d && date_parse(d, day) != 0) {
		web_error(w, 422, "date", "date must be YYYY-MM-DD");
		return -1;
	}
	if (*t && time_parse(t, minute) != 0) {
		web_error(w, 422, "time", "time must be HH:MM");
		return -1;
	}
	return 0;
}

/* The room asked for (?room=), else the first the person may see; 0 and
 * answered 404 when the person may not see it. */
static int64_t query_room(struct web *w, int answer)
{
	struct store_stmt *st = store_stmt(w->s, STMT_ROOM_LIST);
	const char *raw = web_field(w, "room");
	int64_t want = 0, found = 0;
	if (*raw) {
		char *end;
		long long v = strtoll(raw, &end, 10);
		want = *end || v <= 0 ? -1 : v;
	}
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		if ((want == 0 || want == id) && authz_medicine_room(w, id)) {
			found = id;
			break;
		}
	}
	store_finish(st);
	if (!found && answer)
		web_error(w, 404, "room", "there is no such room of yours");
	return found;
}

int page_medicines_due(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct medicine_due_row *r;
	struct store_stmt *st;
	struct op_error e;
	size_t n;
	int day, minute;
	int64_t room;
	char d[DATE_LEN], t[TIME_LEN];
	if (query_moment(w, &day, &minute) != 0)
		return 0;
	if (!(room = query_room(w, 1)))
		return 0;
	if (core_medicine_due(w->s, w->me.setting_id, room, day, minute, w->setting.time_zone, w->a,
	                      &r, &n, &e) != 0)
		return web_op_error(w, &e);
	if (audit_read(w->s, &w->who, "medicine.due.view", 0, &e) != 0)
		return web_op_error(w, &e);
	date_format(day, d);
	time_format(minute, t);
	page_begin(w, "Medicines due");
	html_printf(
	    b, "<p>Children here or expected today with a dose due within the next hour, or "
	       "overdue and not yet given. A \"when needed\" medicine is never listed: give it "
	       "as the permission says.</p><form method=\"get\" action=\"/medicines\" "
	       "class=\"card noprint\"><label for=\"due-room\">Room</label>"
	       "<select id=\"due-room\" name=\"room\">");
	st = store_stmt(w->s, STMT_ROOM_LIST);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		if (authz_medicine_room(w, id))
			html_printf(b, "<option value=\"%" PRId64 "\"%s>%s</option>", id,
			            id == room ? " selected" : "", store_col_text(st, 1));
	}
	store_finish(st);
	html_printf(b,
	            "</select><label for=\"due-date\">Date</label><input type=\"date\" "
	            "id=\"due-date\" name=\"date\" value=\"%s\"><label for=\"due-time\">Time"
	            "</label><input type=\"time\" id=\"due-time\" name=\"time\" value=\"%s\">"
	            "<p><button type=\"submit\">Show</button></p></form>",
	            d, t);
	if (!n) {
		html_printf(b, "<p class=\"medicine-none\">No dose is due at %s on %s.</p>", t, d);
		page_end(w);
		return 0;
	}
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"medicine-due\">"
	            "<thead><tr><th scope=\"col\">Child</th><th scope=\"col\">Medicine</th>"
	            "<th scope=\"col\">Dose</th><th scope=\"col\">Due at</th>"
	            "<th scope=\"col\">Key person</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		char at[TIME_LEN];
		time_format(r[i].at, at);
		html_printf(b,
		            "<tr%s><th scope=\"row\"><a href=\"/children/%" PRId64
		            "/medicines\">%s</a></th><td>%s</td><td>%s</td><td>%s%s</td><td>%s</td>"
		            "</tr>",
		            r[i].overdue ? " class=overdue" : "", r[i].child_id, r[i].child,
		            r[i].medicine, r[i].dose, at, r[i].overdue ? " (overdue)" : "",
		            *r[i].key_person ? r[i].key_person : "—");
	}
	html_raw(b, "</tbody></table></div>");
	page_end(w);
	return 0;
}

void page_medicine_today(struct web *w, int day)
{
	struct store_stmt *st;
	struct op_error e;
	int64_t rooms[64];
	size_t nrooms = 0, total = 0;
	int today = date_today(w->setting.time_zone), ignored, minute;
	date_local(time_now(), w->setting.time_zone, &ignored, &minute);
	if (day != today)
		return;
	st = store_stmt(w->s, STMT_ROOM_LIST);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW && nrooms < ARRAY_LEN(rooms))
		if (authz_medicine_room(w, store_col_int(st, 0)))
			rooms[nrooms++] = store_col_int(st, 0);
	store_finish(st);
	for (size_t i = 0; i < nrooms; i++) {
		struct medicine_due_row *r;
		size_t n;
		if (core_medicine_due(w->s, w->me.setting_id, rooms[i], day, minute,
		                      w->setting.time_zone, w->a, &r, &n, &e) != 0)
			return;
		total += n;
	}
	if (total)
		html_printf(&w->resp->body,
		            "<p class=\"medicine-today\"><a href=\"/medicines\">%zu medicine "
		            "dose%s due now or overdue</a></p>",
		            total, total == 1 ? "" : "s");
}

/* ---- a child's medicines, for staff ---- */

void page_medicine_child_link(struct web *w, int64_t child_id)
{
	if (authz_medicine_staff(w, child_id))
		html_printf(&w->resp->body,
		            "<p class=\"noprint\"><a href=\"/children/%" PRId64 "/medicines\">"
		            "Medicines</a></p>",
		            child_id);
}

static void staff_options(struct web *w, int64_t selected)
{
	struct store_stmt *st = store_stmt(w->s, STMT_STAFF_LIST);
	html_raw(&w->resp->body, "<option value=\"\">—</option>");
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW)
		html_printf(&w->resp->body, "<option value=\"%" PRId64 "\"%s>%s</option>",
		            store_col_int(st, 0),
		            store_col_int(st, 0) == selected ? " selected" : "",
		            store_col_text(st, 2));
	store_finish(st);
}

static void field_error_of(struct web *w, const char *form, const char *field)
{
	if (strcmp(web_field(w, "form"), form) == 0)
		page_field_error(w, field);
}

static void permission_facts(struct web *w, const struct medicine_permission_row *p)
{
	struct buf *b = &w->resp->body;
	if (p->when_needed)
		html_printf(b, "When needed: %s; at least %s between doses", p->reason,
		            interval_words(w, p->interval_min));
	else
		html_printf(b, "At %s", p->times);
}

static void staff_permissions(struct web *w, const struct medicine_view *v)
{
	struct buf *b = &w->resp->body;
	html_raw(b, "<section><h2>Permissions from the family</h2>");
	if (!v->npermissions) {
		html_raw(b, "<p>No permission: no medicine may be given.</p></section>");
		return;
	}
	html_raw(b,
	         "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"medicine-permissions\">"
	         "<thead><tr><th scope=\"col\">Medicine</th><th scope=\"col\">Dose</th>"
	         "<th scope=\"col\">When</th><th scope=\"col\">From</th>"
	         "<th scope=\"col\">Until</th><th scope=\"col\">Given by</th>"
	         "<th scope=\"col\">Status</th></tr></thead><tbody>");
	for (size_t i = 0; i < v->npermissions; i++) {
		const struct medicine_permission_row *p = &v->permissions[i];
		html_printf(b, "<tr%s><th scope=\"row\">%s%s</th><td>%s</td><td>",
		            p->expired ? " class=expired" : "", p->medicine,
		            p->prescribed ? " (prescribed)" : "", p->dose);
		permission_facts(w, p);
		html_printf(b,
		            "</td><td>%s</td><td>%s</td><td>%s%s%s, signed %s (%s)</td><td>%s</td>"
		            "</tr>",
		            p->from, p->until, p->contact, *p->relationship ? ", " : "",
		            p->relationship, p->signed_on,
		            strcmp(p->source, "portal") == 0 ? "in the portal" : "on paper",
		            p->expired   ? "Ended: can no longer be used"
		            : p->not_yet ? "Not started yet"
		                         : "In force");
	}
	html_raw(b, "</tbody></table></div></section>");
}

static void staff_doses(struct web *w, int64_t id, const struct medicine_view *v)
{
	struct buf *b = &w->resp->body;
	html_raw(b, "<section><h2>Doses given</h2>");
	if (!v->ndoses) {
		html_raw(b, "<p>No dose given yet.</p></section>");
		return;
	}
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"medicine-doses\">"
	            "<thead><tr><th scope=\"col\">Given at</th><th scope=\"col\">Medicine</th>"
	            "<th scope=\"col\">Dose</th><th scope=\"col\">Given by</th>"
	            "<th scope=\"col\">Witness</th><th scope=\"col\">Notes</th>"
	            "<th scope=\"col\">Family</th></tr></thead><tbody>");
	for (size_t i = 0; i < v->ndoses; i++) {
		const struct medicine_dose_row *d = &v->doses[i];
		html_printf(b,
		            "<tr id=\"dose-%" PRId64 "\"%s><th scope=\"row\">%s</th><td>%s</td>"
		            "<td>%s</td><td>%s</td><td>%s</td><td>",
		            d->id, d->corrected ? " class=corrected" : "",
		            page_when(w, d->given_at), d->medicine, d->dose, d->given_by,
		            d->witness);
		if (d->corrects_id)
			html_printf(b,
			            "<em>Corrects the entry <a href=\"#dose-%" PRId64 "\">%" PRId64
			            "</a>.</em> ",
			            d->corrects_id, d->corrects_id);
		if (d->corrected)
			html_raw(b, "<em>Corrected by a later entry.</em> ");
		html_printf(b, "%s</td><td>", d->notes);
		if (d->ack_at) {
			html_printf(b, "Acknowledged by %s (%s) %s", d->ack_by,
			            strcmp(d->ack_how, "portal") == 0 ? "in the portal"
			                                              : "on paper",
			            page_when(w, d->ack_at));
		} else {
			html_printf(b,
			            "<form method=\"post\" action=\"/children/%" PRId64
			            "/medicines/acks\" class=\"inline noprint\">"
			            "<input type=\"hidden\" name=\"dose\" value=\"%" PRId64 "\">",
			            id, d->id);
			page_csrf(w);
			html_printf(
			    b,
			    "<label for=\"ack-%" PRId64 "\">Seen at collection by</label>"
			    "<input id=\"ack-%" PRId64 "\" name=\"by\" required>"
			    "<button type=\"submit\" class=\"secondary\">Record</button></form>",
			    d->id, d->id);
		}
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
	if (w->field_error[0] &&
	    (strcmp(w->field_error[0], "dose") == 0 || strcmp(w->field_error[0], "by") == 0) &&
	    !*web_field(w, "form"))
		html_printf(b, "<p class=\"field-error\">%s</p>", w->field_error[1]);
	html_raw(b, "</section>");
}

static void dose_form(struct web *w, int64_t id, const struct medicine_view *v)
{
	struct buf *b = &w->resp->body;
	char d[DATE_LEN], t[TIME_LEN];
	int day, minute, any = 0;
	const char *chosen =
	    strcmp(web_field(w, "form"), "dose") == 0 ? web_field(w, "permission") : "";
	date_local(time_now(), w->setting.time_zone, &day, &minute);
	date_format(day, d);
	time_format(minute, t);
	for (size_t i = 0; i < v->npermissions; i++)
		any += !v->permissions[i].expired && !v->permissions[i].not_yet;
	if (!any) {
		html_raw(b, "<p class=\"notice\">No permission in force today: a dose cannot be "
		            "recorded.</p>");
		return;
	}
	sen_form_begin(w, arena_printf(w->a, "/children/%" PRId64 "/medicines/doses", id), "dose",
	               "Record a dose given");
	html_raw(b, "<label for=\"dose-permission\">Medicine</label>"
	            "<select id=\"dose-permission\" name=\"permission\">");
	for (size_t i = 0; i < v->npermissions; i++) {
		const struct medicine_permission_row *p = &v->permissions[i];
		const char *val = arena_printf(w->a, "%" PRId64, p->id);
		if (p->expired || p->not_yet)
			continue;
		html_printf(b, "<option value=\"%s\"%s>%s, %s</option>", val,
		            strcmp(chosen, val) == 0 ? " selected" : "", p->medicine, p->dose);
	}
	html_raw(b, "</select>");
	field_error_of(w, "dose", "permission");
	sen_input(w, "dose", "date", "Date", "date", d);
	sen_input(w, "dose", "time", "Time", "time", t);
	sen_input(w, "dose", "dose", "How much", "text", "");
	html_raw(b, "<label for=\"dose-given_by\">Given by</label>"
	            "<select id=\"dose-given_by\" name=\"given_by\">");
	staff_options(w, w->me.staff_id);
	html_raw(b, "</select>");
	field_error_of(w, "dose", "given_by");
	html_raw(b, "<label for=\"dose-witness\">Witnessed by (another member of staff)</label>"
	            "<select id=\"dose-witness\" name=\"witness\">");
	staff_options(w, 0);
	html_raw(b, "</select>");
	field_error_of(w, "dose", "witness");
	sen_textarea(w, "dose", "notes", "Notes");
	html_raw(b,
	         "<label for=\"dose-corrects\">Correcting an entry? (the entry is kept; this one "
	         "counts in its place)</label><select id=\"dose-corrects\" name=\"corrects\">"
	         "<option value=\"\">No: a new dose</option>");
	for (size_t i = 0; i < v->ndoses; i++)
		if (!v->doses[i].corrected)
			html_printf(b, "<option value=\"%" PRId64 "\">%s, %s</option>",
			            v->doses[i].id, page_when(w, v->doses[i].given_at),
			            v->doses[i].medicine);
	html_raw(b, "</select>");
	field_error_of(w, "dose", "corrects");
	sen_form_end(w, "Record the dose");
}

static void permission_form(struct web *w, int64_t id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_MED_FAMILY_CONTACTS);
	char d[DATE_LEN];
	date_format(date_today(w->setting.time_zone), d);
	sen_form_begin(w, arena_printf(w->a, "/children/%" PRId64 "/medicines/permissions", id),
	               "permission", "Record a permission given on paper");
	sen_input(w, "permission", "medicine", "Medicine", "text", "");
	sen_input(w, "permission", "dose", "Dose", "text", "");
	sen_checkbox(w, "permission", "when_needed", "Only when needed");
	sen_input(w, "permission", "times", "Times of day (12:00, or 08:30, 12:00)", "text", "");
	sen_input(w, "permission", "reason", "When needed: what for", "text", "");
	sen_input(w, "permission", "min_interval_hours",
	          "When needed: hours at least between doses", "text", "");
	sen_input(w, "permission", "from_date", "From", "date", d);
	sen_input(w, "permission", "until_date", "Until", "date", "");
	html_raw(b, "<label for=\"permission-contact\">Given by (parental responsibility)</label>"
	            "<select id=\"permission-contact\" name=\"contact\">"
	            "<option value=\"\">—</option>");
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, id);
	while (store_step(st) == STORE_ROW)
		html_printf(b, "<option value=\"%" PRId64 "\">%s (%s)</option>",
		            store_col_int(st, 0), store_col_text(st, 1), store_col_text(st, 2));
	store_finish(st);
	html_raw(b, "</select>");
	field_error_of(w, "permission", "contact");
	sen_input(w, "permission", "signed_on", "Signed on", "date", d);
	sen_checkbox(w, "permission", "prescribed", "Prescribed by a doctor");
	sen_form_end(w, "Record the permission");
}

static int staff_page(struct web *w, int audit)
{
	struct buf *b = &w->resp->body;
	struct medicine_view v;
	struct op_error e;
	int64_t id = w->id[0];
	const char *name = records_child_name(w, id);
	if (!name || !authz_medicine_staff(w, id))
		return web_error(w, 404, "", "there is no child %" PRId64, id);
	if (audit && audit_read(w->s, &w->who, "medicine.view", id, &e) != 0)
		return web_op_error(w, &e);
	if (core_medicine_load(w->s, w->me.setting_id, id, date_today(w->setting.time_zone), w->a,
	                       &v, &e) != 0)
		return records_refuse(w, &e);
	page_begin(w, arena_printf(w->a, "Medicines: %s", name));
	html_printf(
	    b,
	    "<nav class=\"noprint\" aria-label=\"Medicines\"><p><a href=\"/children/%" PRId64
	    "\">Child's page</a> · <a href=\"/medicines\">Medicines due</a></p></nav>",
	    id);
	records_alert(w);
	staff_permissions(w, &v);
	dose_form(w, id, &v);
	staff_doses(w, id, &v);
	permission_form(w, id);
	page_end(w);
	return 0;
}

int page_child_medicines(struct web *w)
{
	return staff_page(w, 1);
}

static int save_permission(struct web *w, const struct field_value *v, struct op_error *e)
{
	int64_t id;
	return core_medicine_permission_add(w->s, &w->who, w->id[0], v, "paper", &id, e);
}

static int save_dose(struct web *w, const struct field_value *v, struct op_error *e)
{
	int64_t id;
	return core_medicine_dose_add(w->s, &w->who, w->id[0], v, w->setting.time_zone, time_now(),
	                              &id, e);
}

static int staff_write(struct web *w, const struct field_spec *spec, size_t n,
                       int (*save)(struct web *w, const struct field_value *v, struct op_error *e))
{
	if (!records_child_name(w, w->id[0]) || !authz_medicine_staff(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (sen_post(w, spec, n, save) != 0) {
		int status = w->resp->status;
		buf_reset(&w->resp->body);
		staff_page(w, 0);
		if (w->resp->status < 400)
			w->resp->status = status;
		return 0;
	}
	return web_redirect(w, "/children/%" PRId64 "/medicines", w->id[0]);
}

int page_child_medicine_permission(struct web *w)
{
	return staff_write(w, core_medicine_permission_fields, MEDP__MAX, save_permission);
}

int page_child_medicine_dose(struct web *w)
{
	return staff_write(w, core_medicine_dose_fields, MEDD__MAX, save_dose);
}

static int64_t field_id(struct web *w, const char *name)
{
	char *end;
	const char *raw = web_field(w, name);
	long long v = strtoll(raw, &end, 10);
	return *raw && !*end && v > 0 ? v : 0;
}

int page_child_medicine_ack(struct web *w)
{
	struct op_error e;
	if (!records_child_name(w, w->id[0]) || !authz_medicine_staff(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_medicine_ack(w->s, &w->who, w->id[0], field_id(w, "dose"), web_field(w, "by"),
	                      "paper", time_now(), &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		int status;
		if (e.status == OP_NOT_FOUND)
			return records_refuse(w, &e);
		records_field_error(w, &e);
		status = w->resp->status;
		buf_reset(&w->resp->body);
		staff_page(w, 0);
		w->resp->status = status;
		return 0;
	}
	return web_redirect(w, "/children/%" PRId64 "/medicines", w->id[0]);
}

/* ---- the family's page in the portal ---- */

#define T(m) portal_text(lang, (m))

static void family_permissions(struct web *w, enum portal_lang lang, const struct medicine_view *v)
{
	struct buf *b = &w->resp->body;
	html_printf(b, "<h2 id=\"permissions\">%s</h2>", T(M_MED_PERMISSIONS));
	if (!v->npermissions)
		html_printf(b, "<p class=\"muted\">%s</p>", T(M_MED_NONE));
	for (size_t i = 0; i < v->npermissions; i++) {
		const struct medicine_permission_row *p = &v->permissions[i];
		html_printf(b,
		            "<article class=\"card medicine%s\"><h3>%s</h3><dl class=\"facts\">"
		            "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>",
		            p->expired ? " expired" : "", p->medicine, T(M_MED_DOSE), p->dose,
		            T(p->when_needed ? M_MED_WHEN_NEEDED : M_MED_TIMES));
		if (p->when_needed)
			html_printf(b, "%s; %s: %s", p->reason, T(M_MED_INTERVAL),
			            interval_words(w, p->interval_min));
		else
			html_printf(b, "%s", p->times);
		html_printf(b,
		            "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s, %s"
		            "</dd></dl>",
		            T(M_MED_FROM), p->from, T(M_MED_UNTIL), p->until, T(M_MED_SIGNED),
		            p->signed_on, p->contact);
		if (p->expired)
			html_printf(b, "<p class=\"muted\">%s</p>", T(M_MED_EXPIRED));
		html_raw(b, "</article>");
	}
}

static void family_doses(struct web *w, enum portal_lang lang, int64_t id,
                         const struct medicine_view *v)
{
	struct buf *b = &w->resp->body;
	html_printf(b, "<h2 id=\"doses\">%s</h2>", T(M_MED_DOSES));
	if (!v->ndoses)
		html_printf(b, "<p class=\"muted\">%s</p>", T(M_MED_NO_DOSES));
	for (size_t i = 0; i < v->ndoses; i++) {
		const struct medicine_dose_row *d = &v->doses[i];
		html_printf(b,
		            "<article class=\"card dose\" id=\"dose-%" PRId64 "\"><h3>%s · %s</h3>"
		            "<p>%s: %s · %s: %s · %s: %s</p>",
		            d->id, page_when(w, d->given_at), d->medicine, T(M_MED_DOSE), d->dose,
		            T(M_MED_GIVEN_BY), d->given_by, T(M_MED_WITNESS), d->witness);
		if (*d->notes)
			html_printf(b, "<p>%s: %s</p>", T(M_MED_NOTES), d->notes);
		if (d->corrects_id)
			html_printf(b, "<p class=\"muted\">%s</p>", T(M_MED_CORRECTION));
		if (d->corrected)
			html_printf(b, "<p class=\"muted\">%s</p>", T(M_MED_CORRECTED));
		if (d->ack_at) {
			html_printf(b, "<p>%s: %s, %s</p>", T(M_MED_ACKED), d->ack_by,
			            page_when(w, d->ack_at));
		} else {
			html_printf(b,
			            "<form method=\"post\" action=\"/family/children/%" PRId64
			            "/medicines/acks\" class=\"noprint\"><input type=\"hidden\" "
			            "name=\"dose\" value=\"%" PRId64 "\">",
			            id, d->id);
			page_csrf(w);
			html_printf(b, "<button type=\"submit\">%s</button></form>", T(M_MED_ACK));
		}
		html_raw(b, "</article>");
	}
}

static void family_input(struct web *w, enum portal_lang lang, const char *name,
                         enum portal_msg label, const char *type, const char *dflt)
{
	const char *value = w->field_error[0] ? web_field(w, name) : dflt;
	html_printf(&w->resp->body,
	            "<label for=\"med-%s\">%s</label><input type=\"%s\" id=\"med-%s\" name=\"%s\" "
	            "value=\"%s\">",
	            name, T(label), type, name, name, value);
	page_field_error(w, name);
}

static void family_form(struct web *w, enum portal_lang lang, int64_t id)
{
	struct buf *b = &w->resp->body;
	char d[DATE_LEN];
	date_format(date_today(w->setting.time_zone), d);
	html_printf(b,
	            "<form method=\"post\" action=\"/family/children/%" PRId64 "/medicines\" "
	            "class=\"card noprint\" id=\"give\"><h2>%s</h2>",
	            id, T(M_MED_GIVE));
	page_csrf(w);
	family_input(w, lang, "medicine", M_MED_NAME, "text", "");
	family_input(w, lang, "dose", M_MED_DOSE, "text", "");
	html_printf(b,
	            "<p class=\"check\"><input type=\"checkbox\" id=\"med-when_needed\" "
	            "name=\"when_needed\" value=\"yes\"%s><label for=\"med-when_needed\">%s"
	            "</label></p>",
	            *web_field(w, "when_needed") && w->field_error[0] ? " checked" : "",
	            T(M_MED_WHEN_NEEDED));
	family_input(w, lang, "times", M_MED_TIMES, "text", "");
	html_printf(b, "<p class=\"muted\">%s</p>", T(M_MED_TIMES_HINT));
	family_input(w, lang, "reason", M_MED_REASON, "text", "");
	family_input(w, lang, "min_interval_hours", M_MED_INTERVAL, "text", "");
	family_input(w, lang, "from_date", M_MED_FROM, "date", d);
	family_input(w, lang, "until_date", M_MED_UNTIL, "date", "");
	html_printf(b,
	            "<p class=\"check\"><input type=\"checkbox\" id=\"med-prescribed\" "
	            "name=\"prescribed\" value=\"yes\"><label for=\"med-prescribed\">%s</label>"
	            "</p>",
	            T(M_MED_PRESCRIBED));
	page_field_error(w, "contact");
	html_printf(b, "<p><button type=\"submit\">%s</button></p></form>", T(M_MED_GIVE));
}

static int family_page(struct web *w, int audit)
{
	struct buf *b = &w->resp->body;
	struct medicine_view v;
	struct op_error e;
	int64_t id = w->id[0];
	const char *done = web_field(w, "done");
	enum portal_lang lang = portal_lang_me(w);
	if (!authz_medicine_family(w, id))
		return web_error(w, 404, "", "there is no such child");
	if (audit && audit_read(w->s, &w->who, "medicine.view.family", id, &e) != 0)
		return web_op_error(w, &e);
	if (core_medicine_load(w->s, w->me.setting_id, id, date_today(w->setting.time_zone), w->a,
	                       &v, &e) != 0)
		return records_refuse(w, &e);
	portal_begin(w, arena_printf(w->a, "%s: %s", T(M_MED_TITLE), portal_child_name(w, id)));
	if (strcmp(done, "permission") == 0 || strcmp(done, "ack") == 0)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>",
		            T(strcmp(done, "ack") == 0 ? M_MED_ACK_THANKS : M_MED_THANKS));
	if (w->field_error[0])
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", T(M_ERR_TITLE));
	html_printf(b, "<p class=\"muted\">%s</p>", T(M_MED_HINT));
	family_permissions(w, lang, &v);
	family_doses(w, lang, id, &v);
	family_form(w, lang, id);
	html_printf(b,
	            "<p><a href=\"/family/children/%" PRId64 "\">%s</a></p></main></body></html>\n",
	            id, T(M_BACK));
	return 0;
}

int page_portal_medicines(struct web *w)
{
	return family_page(w, 1);
}

/* A refused write of the family: their page again, the field's error in their language. */
static int family_refused(struct web *w, const struct op_error *e)
{
	enum portal_lang lang = portal_lang_me(w);
	if (e->status != OP_INVALID && e->status != OP_CONFLICT)
		return records_refuse(w, e);
	if (store_in_transaction(w->s))
		store_rollback(w->s);
	w->field_error[0] = arena_strdup(w->a, e->field[0] ? e->field : "medicine");
	w->field_error[1] =
	    T(strcmp(e->field, "contact") == 0 ? M_MED_NO_RESPONSIBILITY : M_ERR_FIELD);
	buf_reset(&w->resp->body);
	family_page(w, 0);
	w->resp->status = e->status == OP_CONFLICT ? 409 : 422;
	return 0;
}

int page_portal_medicine_permission(struct web *w)
{
	const char *raw[MEDP__MAX];
	struct field_value v[MEDP__MAX];
	struct field_error fe;
	struct op_error e;
	char today[DATE_LEN];
	int64_t id;
	if (!authz_medicine_family(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	date_format(date_today(w->setting.time_zone), today);
	for (size_t i = 0; i < MEDP__MAX; i++)
		raw[i] = web_field(w, core_medicine_permission_fields[i].name);
	/* the parent signed in gives it, today */
	raw[MEDP_CONTACT] = arena_printf(w->a, "%" PRId64, w->me.contact_id);
	raw[MEDP_SIGNED] = today;
	if (valid_record(core_medicine_permission_fields, MEDP__MAX, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		return family_refused(w, &e);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_medicine_permission_add(w->s, &w->who, w->id[0], v, "portal", &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return family_refused(w, &e);
	return web_redirect(w, "/family/children/%" PRId64 "/medicines?done=permission", w->id[0]);
}

int page_portal_medicine_ack(struct web *w)
{
	struct store_stmt *st;
	struct op_error e;
	const char *by = "";
	if (!authz_medicine_family(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	st = store_stmt(w->s, STMT_MED_CONTACT);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	if (store_step(st) == STORE_ROW)
		by = arena_strdup(w->a, store_col_text(st, 3));
	store_finish(st);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_medicine_ack(w->s, &w->who, w->id[0], field_id(w, "dose"), by, "portal",
	                      time_now(), &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return family_refused(w, &e);
	return web_redirect(w, "/family/children/%" PRId64 "/medicines?done=ack#doses", w->id[0]);
}

#undef T

/* ---- JSON ---- */

int api_child_medicines(struct web *w)
{
	struct medicine_view v;
	struct op_error e;
	json_t *doc, *list;
	int family = 0;
	int64_t id = w->id[0];
	if (!authz_medicine_staff(w, id) && !(family = authz_medicine_family(w, id)))
		return web_error(w, 404, "", "there is no child %" PRId64, id);
	if (audit_read(w->s, &w->who, family ? "medicine.view.family" : "medicine.view", id, &e) !=
	        0 ||
	    core_medicine_load(w->s, w->me.setting_id, id, date_today(w->setting.time_zone), w->a,
	                       &v, &e) != 0)
		return web_op_error(w, &e);
	doc = json_pack("{s:I}", "child_id", (json_int_t)id);
	list = json_array();
	for (size_t i = 0; i < v.npermissions; i++) {
		const struct medicine_permission_row *p = &v.permissions[i];
		json_array_append_new(
		    list, json_pack("{s:I, s:s, s:s, s:b, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, "
		                    "s:b, s:b}",
		                    "id", (json_int_t)p->id, "medicine", p->medicine, "dose",
		                    p->dose, "when_needed", p->when_needed, "times", p->times,
		                    "reason", p->reason, "min_interval_minutes", p->interval_min,
		                    "from_date", p->from, "until_date", p->until, "signed_on",
		                    p->signed_on, "given_by", p->contact, "source", p->source,
		                    "prescribed", p->prescribed, "expired", p->expired));
	}
	json_object_set_new(doc, "permissions", list);
	list = json_array();
	for (size_t i = 0; i < v.ndoses; i++) {
		const struct medicine_dose_row *d = &v.doses[i];
		json_t *o = json_pack(
		    "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)d->id,
		    "permission_id", (json_int_t)d->permission_id, "medicine", d->medicine,
		    "given_at", page_when(w, d->given_at), "dose", d->dose, "given_by", d->given_by,
		    "witness", d->witness, "notes", d->notes, "corrected", d->corrected);
		json_object_set_new(o, "corrects_id",
		                    d->corrects_id ? json_integer(d->corrects_id) : json_null());
		json_object_set_new(o, "acknowledged",
		                    d->ack_at ? json_pack("{s:s, s:s, s:s}", "by", d->ack_by, "how",
		                                          d->ack_how, "at", page_when(w, d->ack_at))
		                              : json_null());
		json_array_append_new(list, o);
	}
	json_object_set_new(doc, "doses", list);
	return web_json(w, 200, doc);
}

int api_child_medicine_dose(struct web *w)
{
	struct field_value v[MEDD__MAX];
	struct op_error e;
	int64_t id;
	if (!records_child_name(w, w->id[0]) || !authz_medicine_staff(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (api_v1_body(w, core_medicine_dose_fields, MEDD__MAX, v) != 0)
		return 0;
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_medicine_dose_add(w->s, &w->who, w->id[0], v, w->setting.time_zone, time_now(),
	                           &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_json(w, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_medicines_due(struct web *w)
{
	struct medicine_due_row *r;
	struct op_error e;
	json_t *list;
	size_t n;
	int day, minute;
	int64_t room;
	if (query_moment(w, &day, &minute) != 0)
		return 0;
	if (!(room = query_room(w, 1)))
		return 0;
	if (core_medicine_due(w->s, w->me.setting_id, room, day, minute, w->setting.time_zone, w->a,
	                      &r, &n, &e) != 0 ||
	    audit_read(w->s, &w->who, "medicine.due.view", 0, &e) != 0)
		return web_op_error(w, &e);
	list = json_array();
	for (size_t i = 0; i < n; i++) {
		char at[TIME_LEN];
		time_format(r[i].at, at);
		json_array_append_new(
		    list, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:b, s:s}", "child_id",
		                    (json_int_t)r[i].child_id, "child", r[i].child, "permission_id",
		                    (json_int_t)r[i].permission_id, "medicine", r[i].medicine,
		                    "dose", r[i].dose, "due_at", at, "overdue", r[i].overdue,
		                    "key_person", r[i].key_person));
	}
	return web_json(w, 200, json_pack("{s:I, s:o}", "room_id", (json_int_t)room, "due", list));
}
