/*
 * page_setup_staff.c — the staff of the setting, for the manager: the list
 * (GET /staff: rooms, qualification, key person or buddy only, key children
 * against their caps, paediatric first aid flagged when out of date or due
 * within 60 days, leavers marked "left"), adding a member of staff (GET
 * /staff/new, POST /staff, through core_staff_add with rooms, languages and
 * the contracted week), one person's page (GET /staff/:id: details, key
 * children, the rota week by week with ?week=YYYY-MM-DD, absences) and
 * recording an absence (POST /staff/:id/absences, core_absence_add).
 */
#include <stdio.h>
#include <string.h>

#include "core_staff.h"
#include "date.h"
#include "page_portal.h"
#include "page_setup.h"

#define PFA_WARN_DAYS 60

static const char *const qualification_options[] = {
    "0", "None yet", "2", "Level 2", "3", "Level 3", "6", "Level 6 (EYT, QTS or EYPS)", NULL};

static const char *const span_hint = "Start and finish as HH:MM-HH:MM, e.g. 08:00-16:00; "
                                     "leave empty on days off";

static const struct setup_input_def staff_inputs[] = {
    {STAFF_ID, "Staff code", "The nursery's own code, e.g. S16", SETUP_TEXT, NULL, "About them"},
    {STAFF_NAME, "Name", NULL, SETUP_TEXT, NULL, NULL},
    {STAFF_JOB_TITLE, "Job title", "e.g. Nursery practitioner, Room leader", SETUP_TEXT, NULL,
     NULL},
    {STAFF_ROOMS, "Rooms", "Separated by ; with the home room first, e.g. Babies; Toddlers",
     SETUP_TEXT, NULL, NULL},
    {STAFF_EMAIL, "Email", NULL, SETUP_EMAIL, NULL, NULL},
    {STAFF_PHONE, "Phone", NULL, SETUP_TEL, NULL, NULL},
    {STAFF_START_DATE, "Start date", NULL, SETUP_DATE, NULL, NULL},
    {STAFF_LEAVING_DATE, "Leaving date", "Their last day, when known", SETUP_DATE, NULL, NULL},
    {STAFF_QUALIFICATION, "Qualification level", NULL, SETUP_SELECT, qualification_options,
     "Qualifications and checks"},
    {STAFF_QUALIFICATION_NAME, "Qualification", "e.g. CACHE Level 3 Diploma", SETUP_TEXT, NULL,
     NULL},
    {STAFF_STUDENT, "Student or apprentice", NULL, SETUP_CHECK, NULL, NULL},
    {STAFF_PFA_EXPIRES, "Paediatric first aid expires", NULL, SETUP_DATE, NULL, NULL},
    {STAFF_DBS_DATE, "DBS check date", NULL, SETUP_DATE, NULL, NULL},
    {STAFF_EXPERIENCE_START, "Working with children since", NULL, SETUP_DATE, NULL, NULL},
    {STAFF_LANGUAGES, "Languages besides English", "Codes separated by ;, e.g. pl; ur", SETUP_TEXT,
     NULL, NULL},
    {STAFF_SEN_TRAINED, "SEN trained", NULL, SETUP_CHECK, NULL, NULL},
    {STAFF_BABY_TRAINED, "Trained in the care of babies",
     "At least half of the staff with under-2s must be", SETUP_CHECK, NULL, NULL},
    {STAFF_DSL, "Designated safeguarding lead (or deputy)", NULL, SETUP_CHECK, NULL, NULL},
    {STAFF_SENCO, "SENCo", NULL, SETUP_CHECK, NULL, NULL},
    {STAFF_KEY_PERSON, "Is a key person", "Untick for a floating buddy who has no key children",
     SETUP_CHECK, NULL, "Key person"},
    {STAFF_MAX_PRIMARY, "Most key children", "Leave empty for no limit of their own", SETUP_NUMBER,
     NULL, NULL},
    {STAFF_MAX_SECONDARY, "Most buddy children", NULL, SETUP_NUMBER, NULL, NULL},
    {STAFF_MON, "Monday", span_hint, SETUP_SPAN, NULL, "Contracted week"},
    {STAFF_TUE, "Tuesday", NULL, SETUP_SPAN, NULL, NULL},
    {STAFF_WED, "Wednesday", NULL, SETUP_SPAN, NULL, NULL},
    {STAFF_THU, "Thursday", NULL, SETUP_SPAN, NULL, NULL},
    {STAFF_FRI, "Friday", NULL, SETUP_SPAN, NULL, NULL},
    {STAFF_SAT, "Saturday", NULL, SETUP_SPAN, NULL, NULL},
    {STAFF_SUN, "Sunday", NULL, SETUP_SPAN, NULL, NULL},
};

static const struct setup_form staff_form = {core_staff_fields, STAFF__MAX, staff_inputs,
                                             ARRAY_LEN(staff_inputs)};

static const char *const reason_options[] = {
    "",    "Choose a reason",     "sick",  "Sick",  "holiday", "Holiday", "training", "Training",
    "ppa", "PPA (planning time)", "other", "Other", NULL};

static const struct setup_input_def absence_inputs[] = {
    {ABSENCE_FROM, "First day", NULL, SETUP_DATE, NULL, NULL},
    {ABSENCE_TO, "Last day", "Leave empty for a single day", SETUP_DATE, NULL, NULL},
    {ABSENCE_REASON, "Reason", NULL, SETUP_SELECT, reason_options, NULL},
    {ABSENCE_NOTE, "Note", NULL, SETUP_TEXT, NULL, NULL},
};

static const struct setup_form absence_form = {core_absence_fields, ABSENCE__MAX, absence_inputs,
                                               ARRAY_LEN(absence_inputs)};

static const char *qualification_text(int64_t level)
{
	switch (level) {
	case 2:
		return "Level 2";
	case 3:
		return "Level 3";
	case 6:
		return "Level 6";
	default:
		return "None yet";
	}
}

static int has_left(const char *leaving, const char *today)
{
	return *leaving && strcmp(leaving, today) < 0;
}

/* Paediatric first aid: the date, flagged when past or due within 60 days. */
static void pfa_cell(struct web *w, const char *expires, int today)
{
	struct buf *b = &w->resp->body;
	int day;
	if (!*expires || date_parse(expires, &day) != 0) {
		html_raw(b, "<span class=\"muted\">not recorded</span>");
		return;
	}
	if (day < today)
		html_printf(b, "<span class=\"nobody\">expired %s</span>", expires);
	else if (day - today <= PFA_WARN_DAYS)
		html_printf(b, "%s <span class=\"tag warn\">renew within %d days</span>", expires,
		            day - today);
	else
		html_printf(b, "%s", expires);
}

/* Key and buddy children in force today, counted per member of staff. */
static void key_counts(struct web *w, int64_t staff_id, int64_t *key, int64_t *buddy)
{
	struct store_stmt *st = store_stmt(w->s, STMT_KEY_ON);
	char today[DATE_LEN];
	date_format(page_setup_today(w), today);
	*key = *buddy = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, today);
	store_bind_text(st, 3, today);
	while (store_step(st) == STORE_ROW) {
		*key += store_col_int(st, 1) == staff_id;
		*buddy += store_col_int(st, 2) == staff_id;
	}
	store_finish(st);
}

static void count_cell(struct web *w, int64_t n, int has_cap, int64_t cap)
{
	if (has_cap) {
		html_printf(&w->resp->body, "%lld of at most %lld", (long long)n, (long long)cap);
		if (n > cap)
			html_raw(&w->resp->body, " <span class=\"tag warn\">over</span>");
	} else
		html_printf(&w->resp->body, "%lld", (long long)n);
}

static void rooms_of(struct web *w, int64_t staff_id, const struct setup_staff_room *sr, size_t nsr)
{
	int k = 0;
	for (size_t i = 0; i < nsr; i++)
		if (sr[i].staff_id == staff_id)
			html_printf(&w->resp->body, "%s%s", k++ ? ", " : "", sr[i].room);
}

int page_setup_staff(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	const struct setup_staff_room *sr;
	size_t nsr;
	int today = page_setup_today(w), n = 0;
	char today_s[DATE_LEN];

	date_format(today, today_s);
	sr = page_setup_staff_rooms(w, &nsr);
	page_begin(w, "Staff");
	html_raw(
	    b,
	    "<p><a class=\"button\" href=\"/staff/new\">Add a member of staff</a></p>"
	    "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Code</th>"
	    "<th scope=\"col\">Name</th><th scope=\"col\">Job title</th>"
	    "<th scope=\"col\">Qualification</th><th scope=\"col\">Rooms</th>"
	    "<th scope=\"col\">Key person</th><th scope=\"col\">Key children</th>"
	    "<th scope=\"col\">Buddy children</th><th scope=\"col\">Paediatric first aid</th>"
	    "</tr></thead><tbody>");
	st = store_stmt(w->s, STMT_SETUP_STAFF_LIST);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0), key, buddy;
		int key_person = (int)store_col_int(st, 6);
		const char *leaving = arena_strdup(w->a, store_col_text(st, 10));
		n++;
		html_printf(b, "<tr><td>%s</td><th scope=\"row\"><a href=\"/staff/%lld\">%s</a>",
		            store_col_text(st, 1), (long long)id, store_col_text(st, 2));
		if (has_left(leaving, today_s))
			html_raw(b, " <span class=\"tag\">left</span>");
		html_printf(b, "</th><td>%s</td><td>%s%s%s", store_col_text(st, 3),
		            qualification_text(store_col_int(st, 4)),
		            *store_col_text(st, 5) ? " — " : "", store_col_text(st, 5));
		if (store_col_int(st, 11))
			html_raw(b, " <span class=\"tag\">student</span>");
		html_raw(b, "</td><td>");
		rooms_of(w, id, sr, nsr);
		html_printf(b, "</td><td>%s</td><td>", key_person ? "yes" : "buddy only");
		/* the statement is still open: read the caps before counting */
		{
			int has_p = !store_col_null(st, 7), has_s = !store_col_null(st, 8);
			int64_t cap_p = store_col_int(st, 7), cap_s = store_col_int(st, 8);
			const char *pfa = arena_strdup(w->a, store_col_text(st, 9));
			key_counts(w, id, &key, &buddy);
			count_cell(w, key, has_p, cap_p);
			html_raw(b, "</td><td>");
			count_cell(w, buddy, has_s, cap_s);
			html_raw(b, "</td><td>");
			pfa_cell(w, pfa, today);
		}
		html_raw(b, "</td></tr>");
	}
	store_finish(st);
	html_raw(b, "</tbody></table></div>");
	if (!n)
		html_raw(b, "<p>There is nobody on the staff list yet.</p>");
	page_end(w);
	return 0;
}

static int staff_new_page(struct web *w, int status, const char *const *raw)
{
	struct buf *b = &w->resp->body;
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Add a member of staff");
	page_setup_form_errors(w, &staff_form);
	html_raw(b, "<form method=\"post\" action=\"/staff\" class=\"card\">");
	page_csrf(w);
	page_setup_form_inputs(w, &staff_form, raw);
	html_raw(b, "<p><button type=\"submit\">Add to the staff</button> "
	            "<a href=\"/staff\">Back to the staff list</a></p></form>");
	page_end(w);
	return 0;
}

int page_setup_staff_new(struct web *w)
{
	const char *raw[STAFF__MAX];
	for (size_t k = 0; k < STAFF__MAX; k++)
		raw[k] = "";
	raw[STAFF_KEY_PERSON] = "yes";
	return staff_new_page(w, 200, raw);
}

int page_setup_staff_add(struct web *w)
{
	const char *raw[STAFF__MAX];
	struct field_value v[STAFF__MAX];
	struct op_error e;
	int64_t id;
	page_setup_form_read(w, &staff_form, raw);
	if (page_setup_form_check(w, &staff_form, raw, v) != 0)
		return staff_new_page(w, 422, raw);
	if (core_tx_begin(w->s, &e) || core_staff_add(w->s, &w->who, v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return staff_new_page(w, page_setup_form_refused(w, &staff_form, &e), raw);
	}
	return web_redirect(w, "/staff/%lld", (long long)id);
}

/* ---- one member of staff ---- */

struct staff_one {
	int64_t id;
	const char *code, *name, *job_title, *qualification_name, *pfa, *dbs, *experience, *email,
	    *phone, *start, *leaving;
	int64_t qualification, max_primary, max_secondary;
	int student, sen_trained, baby_trained, key_person, dsl, senco, has_max_primary,
	    has_max_secondary;
};

static int staff_load(struct web *w, int64_t id, struct staff_one *p)
{
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_STAFF_ONE);
	int found;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		p->id = store_col_int(st, 0);
		p->code = arena_strdup(w->a, store_col_text(st, 1));
		p->name = arena_strdup(w->a, store_col_text(st, 2));
		p->job_title = arena_strdup(w->a, store_col_text(st, 3));
		p->qualification = store_col_int(st, 4);
		p->qualification_name = arena_strdup(w->a, store_col_text(st, 5));
		p->student = (int)store_col_int(st, 6);
		p->pfa = arena_strdup(w->a, store_col_text(st, 7));
		p->dbs = arena_strdup(w->a, store_col_text(st, 8));
		p->experience = arena_strdup(w->a, store_col_text(st, 9));
		p->sen_trained = (int)store_col_int(st, 10);
		p->key_person = (int)store_col_int(st, 11);
		p->has_max_primary = !store_col_null(st, 12);
		p->max_primary = store_col_int(st, 12);
		p->has_max_secondary = !store_col_null(st, 13);
		p->max_secondary = store_col_int(st, 13);
		p->dsl = (int)store_col_int(st, 14);
		p->senco = (int)store_col_int(st, 15);
		p->email = arena_strdup(w->a, store_col_text(st, 16));
		p->phone = arena_strdup(w->a, store_col_text(st, 17));
		p->start = arena_strdup(w->a, store_col_text(st, 18));
		p->leaving = arena_strdup(w->a, store_col_text(st, 19));
		p->baby_trained = (int)store_col_int(st, 20);
	}
	store_finish(st);
	return found ? 0 : -1;
}

static void fact(struct web *w, const char *label, const char *value)
{
	if (value && *value)
		html_printf(&w->resp->body, "<dt>%s</dt><dd>%s</dd>", label, value);
}

static void staff_facts(struct web *w, const struct staff_one *p, int today)
{
	struct buf *b = &w->resp->body;
	const struct setup_staff_room *sr;
	struct store_stmt *st;
	const char *langs = "";
	char today_s[DATE_LEN];
	size_t nsr;
	int64_t key, buddy;

	date_format(today, today_s);
	if (has_left(p->leaving, today_s))
		html_printf(
		    b,
		    "<p class=\"alert\" role=\"note\">%s left on %s. Their account should be "
		    "disabled: see <a href=\"/admin/users\">Users</a>.</p>",
		    p->name, p->leaving);
	st = store_stmt(w->s, STMT_STAFF_LANGUAGES);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW)
		if (store_col_int(st, 0) == p->id)
			langs = arena_printf(w->a, "%s%s%s", langs, *langs ? ", " : "",
			                     store_col_text(st, 1));
	store_finish(st);

	html_raw(b, "<dl class=\"facts card\">");
	fact(w, "Staff code", p->code);
	fact(w, "Job title", p->job_title);
	html_raw(b, "<dt>Rooms</dt><dd>");
	sr = page_setup_staff_rooms(w, &nsr);
	rooms_of(w, p->id, sr, nsr);
	html_raw(b, " <span class=\"muted\">(the first is the home room)</span></dd>");
	fact(w, "Qualification",
	     arena_printf(w->a, "%s%s%s%s", qualification_text(p->qualification),
	                  *p->qualification_name ? " — " : "", p->qualification_name,
	                  p->student ? " (student)" : ""));
	html_raw(b, "<dt>Paediatric first aid</dt><dd>");
	pfa_cell(w, p->pfa, today);
	html_raw(b, "</dd>");
	fact(w, "DBS check", p->dbs);
	fact(w, "Working with children since", p->experience);
	fact(w, "Languages besides English", langs);
	fact(w, "SEN trained", p->sen_trained ? "yes" : "no");
	fact(w, "Trained in the care of babies", p->baby_trained ? "yes" : "no");
	fact(w, "Roles",
	     arena_printf(w->a, "%s%s%s", p->key_person ? "key person" : "buddy only",
	                  p->dsl ? ", designated safeguarding lead" : "",
	                  p->senco ? ", SENCo" : ""));
	key_counts(w, p->id, &key, &buddy);
	html_raw(b, "<dt>Key children</dt><dd>");
	count_cell(w, key, p->has_max_primary, p->max_primary);
	html_raw(b, "</dd><dt>Buddy children</dt><dd>");
	count_cell(w, buddy, p->has_max_secondary, p->max_secondary);
	html_raw(b, "</dd>");
	fact(w, "Email", p->email);
	fact(w, "Phone", p->phone);
	fact(w, "Started", p->start);
	fact(w, "Leaving date", p->leaving);
	html_raw(b, "</dl>");
}

static void staff_pattern(struct web *w, int64_t staff_id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_STAFF_PATTERNS);
	int n = 0;
	html_raw(b, "<h2>Contracted week</h2>");
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		if (store_col_int(st, 0) != staff_id)
			continue;
		if (!n++)
			html_raw(b, "<ul>");
		html_printf(b, "<li>%s: %s</li>", page_setup_weekday((int)store_col_int(st, 1)),
		            page_setup_span(w, store_col_int(st, 2), store_col_int(st, 3)));
	}
	store_finish(st);
	html_raw(b, n ? "</ul>" : "<p class=\"muted\">No contracted week recorded.</p>");
}

static void staff_children(struct web *w, int64_t staff_id, int today)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_HOME_MY_CHILDREN);
	char d[DATE_LEN];
	int n = 0;
	date_format(today, d);
	store_bind_int(st, 1, staff_id);
	store_bind_int(st, 2, staff_id);
	store_bind_int(st, 3, w->me.setting_id);
	for (int i = 4; i <= 7; i++)
		store_bind_text(st, i, d);
	store_bind_int(st, 8, staff_id);
	html_raw(b, "<h2>Key children and buddy children</h2>");
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_raw(b,
			         "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th "
			         "scope=\"col\">Child</th>"
			         "<th scope=\"col\">Room</th><th "
			         "scope=\"col\">As</th></tr></thead><tbody>");
		html_printf(
		    b,
		    "<tr><td><a href=\"/children/%lld\">%s %s</a></td><td>%s</td><td>%s</td></tr>",
		    (long long)store_col_int(st, 0), store_col_text(st, 1), store_col_text(st, 2),
		    store_col_text(st, 3),
		    store_col_int(st, 4) == staff_id ? "key person" : "buddy");
	}
	store_finish(st);
	html_raw(b, n ? "</tbody></table></div>" : "<p class=\"muted\">None at the moment.</p>");
}

static void staff_rota(struct web *w, const struct staff_one *p, int monday)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	char from[DATE_LEN], to[DATE_LEN], prev[DATE_LEN], next[DATE_LEN];
	struct {
		const char *shifts, *absent;
	} days[7] = {{0}};

	date_format(monday, from);
	date_format(monday + 7, to);
	date_format(monday - 7, prev);
	date_format(monday + 7, next);
	st = store_stmt(w->s, STMT_SETUP_STAFF_SHIFTS);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, p->id);
	store_bind_text(st, 3, from);
	store_bind_text(st, 4, to);
	while (store_step(st) == STORE_ROW) {
		int day;
		const char *room = store_col_text(st, 3), *s;
		if (date_parse(store_col_text(st, 0), &day) != 0 || day < monday ||
		    day >= monday + 7)
			continue;
		s = arena_printf(w->a, "%s%s%s",
		                 page_setup_span(w, store_col_int(st, 1), store_col_int(st, 2)),
		                 *room ? " in " : "", room);
		days[day - monday].shifts =
		    days[day - monday].shifts
		        ? arena_printf(w->a, "%s; %s", days[day - monday].shifts, s)
		        : s;
	}
	store_finish(st);
	st = store_stmt(w->s, STMT_SETUP_STAFF_ABSENCES);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, p->id);
	store_bind_text(st, 3, from);
	while (store_step(st) == STORE_ROW) {
		int a, z;
		if (date_parse(store_col_text(st, 0), &a) != 0 ||
		    date_parse(store_col_text(st, 1), &z) != 0)
			continue;
		for (int d = 0; d < 7; d++)
			if (monday + d >= a && monday + d <= z)
				days[d].absent = arena_strdup(w->a, store_col_text(st, 2));
	}
	store_finish(st);

	html_printf(b,
	            "<h2 id=\"rota\">Rota: week of %s</h2>"
	            "<p class=\"noprint\"><a href=\"/staff/%lld?week=%s#rota\">Week before</a> · "
	            "<a href=\"/staff/%lld?week=%s#rota\">Week after</a></p>"
	            "<form method=\"get\" action=\"/staff/%lld\" class=\"noprint inline\">"
	            "<label for=\"week\">Show the week of</label>"
	            "<input type=\"date\" id=\"week\" name=\"week\" value=\"%s\"> "
	            "<button type=\"submit\" class=\"secondary\">Show</button></form>",
	            page_setup_day(w, monday), (long long)p->id, prev, (long long)p->id, next,
	            (long long)p->id, from);
	html_raw(
	    b,
	    "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Day</th>"
	    "<th scope=\"col\">Shift</th></tr></thead><tbody>");
	for (int d = 0; d < 7; d++) {
		html_printf(b, "<tr><th scope=\"row\">%s</th><td>", page_setup_day(w, monday + d));
		if (days[d].absent)
			html_printf(b, "<span class=\"nobody\">absent: %s</span>%s%s",
			            days[d].absent, days[d].shifts ? " (rota: " : "",
			            days[d].shifts ? days[d].shifts : "");
		else if (days[d].shifts)
			html_printf(b, "%s", days[d].shifts);
		else
			html_raw(b, "<span class=\"muted\">off</span>");
		if (days[d].absent && days[d].shifts)
			html_raw(b, ")");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

static void staff_absences(struct web *w, const struct staff_one *p, int today)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_STAFF_ABSENCES);
	char from[DATE_LEN];
	int n = 0;
	date_format(today - 90, from);
	html_raw(b,
	         "<h2>Absences</h2><p class=\"muted\">The last three months and those ahead.</p>");
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, p->id);
	store_bind_text(st, 3, from);
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_raw(b,
			         "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th "
			         "scope=\"col\">From</th>"
			         "<th scope=\"col\">To</th><th scope=\"col\">Reason</th>"
			         "<th scope=\"col\">Note</th></tr></thead><tbody>");
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		            store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2),
		            store_col_text(st, 3));
	}
	store_finish(st);
	html_raw(b, n ? "</tbody></table></div>" : "<p>None recorded.</p>");
}

static int staff_page(struct web *w, int status, const char *const *absence_raw)
{
	struct buf *b = &w->resp->body;
	struct staff_one p;
	const char *week = web_field(w, "week");
	int today = page_setup_today(w), monday = page_setup_monday(today);

	if (staff_load(w, w->id[0], &p) != 0)
		return web_error(w, 404, "", "there is no such member of staff");
	if (*week) {
		int day;
		if (date_parse(week, &day) != 0)
			return web_error(w, 400, "week", "must be a date as YYYY-MM-DD");
		monday = page_setup_monday(day);
	}
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, p.name);
	staff_facts(w, &p, today);
	portal_staff_photo_form(w, p.id, p.name);
	staff_pattern(w, p.id);
	staff_children(w, p.id, today);
	staff_rota(w, &p, monday);
	staff_absences(w, &p, today);
	html_raw(b, "<h2 id=\"add-absence\">Record an absence</h2>");
	page_setup_form_errors(w, &absence_form);
	html_printf(b,
	            "<form method=\"post\" action=\"/staff/%lld/absences\" class=\"card\" "
	            "aria-labelledby=\"add-absence\">",
	            (long long)p.id);
	page_csrf(w);
	page_setup_form_inputs(w, &absence_form, absence_raw);
	html_raw(b, "<p><button type=\"submit\">Record the absence</button></p></form>");
	page_end(w);
	return 0;
}

int page_setup_staff_one(struct web *w)
{
	return staff_page(w, 200, NULL);
}

int page_setup_staff_absence(struct web *w)
{
	const char *raw[ABSENCE__MAX];
	struct field_value v[ABSENCE__MAX];
	struct staff_one p;
	struct op_error e;
	int64_t id;
	if (staff_load(w, w->id[0], &p) != 0)
		return web_error(w, 404, "", "there is no such member of staff");
	page_setup_form_read(w, &absence_form, raw);
	raw[ABSENCE_STAFF] = p.code;
	if (page_setup_form_check(w, &absence_form, raw, v) != 0)
		return staff_page(w, 422, raw);
	if (core_tx_begin(w->s, &e) || core_absence_add(w->s, &w->who, v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return staff_page(w, page_setup_form_refused(w, &absence_form, &e), raw);
	}
	return web_redirect(w, "/staff/%lld?week=%s#rota", (long long)p.id, v[ABSENCE_FROM].s);
}
