/*
 * page_family.c — family details kept current (page_family.h): the
 * portal's emergency contacts, health notes and review date (every word
 * through portal_text.h in the family's language), and the staff's side:
 * flagged emergency-contact changes and health notes, acknowledged once
 * seen; the health visitor's review date on the check at two; outside
 * professionals' programmes as targets of SEN plans. Writes go through
 * core_family.c in one transaction each, then redirect (303); a refused
 * field gets a short page naming it (422). Staff pages are in English.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core_family.h"
#include "core_twoyear.h"
#include "date.h"
#include "page_family.h"
#include "page_portal.h"
#include "valid.h"

/* A portal message in the family's language. */
static const char *pt(struct web *w, enum portal_msg m)
{
	return portal_text(portal_lang_me(w), m);
}

/* A refused write from a family: the field and what to do, in their language. */
static int portal_refused(struct web *w, const struct op_error *e, const char *back)
{
	struct buf *b = &w->resp->body;
	if (e->status != OP_INVALID)
		return web_op_error(w, e);
	buf_reset(b);
	w->resp->status = 422;
	portal_begin(w, pt(w, M_ERR_TITLE));
	html_printf(b, "<p class=\"alert\" role=\"alert\" data-field=\"%s\">%s (%s)</p>", e->field,
	            pt(w, M_ERR_FIELD), e->field);
	html_printf(b, "<p><a href=\"%s\">%s</a></p></main></body></html>\n", back, pt(w, M_BACK));
	return 0;
}

/* A refused write from staff: the same page shape in English. */
static int staff_refused(struct web *w, const struct op_error *e, const char *back)
{
	struct buf *b = &w->resp->body;
	if (e->status != OP_INVALID && e->status != OP_CONFLICT)
		return web_op_error(w, e);
	buf_reset(b);
	w->resp->status = e->status == OP_CONFLICT ? 409 : 422;
	page_begin(w, "Please check the form");
	html_printf(b, "<p class=\"alert\" role=\"alert\">%s: %s</p><p><a href=\"%s\">Back</a></p>",
	            *e->field ? e->field : "the form", e->msg, back);
	page_end(w);
	return 0;
}

/* ---- the portal: emergency contacts (on /family/contact) ---- */

static void emergency_fields(struct web *w, const char *prefix, const char *name,
                             const char *relationship, const char *phone)
{
	struct buf *b = &w->resp->body;
	html_printf(b,
	            "<label for=\"%s-name\">%s</label><input id=\"%s-name\" name=\"name\" "
	            "maxlength=\"200\" required value=\"%s\">"
	            "<label for=\"%s-rel\">%s</label><input id=\"%s-rel\" name=\"relationship\" "
	            "maxlength=\"100\" required value=\"%s\">"
	            "<label for=\"%s-phone\">%s</label><input type=\"tel\" id=\"%s-phone\" "
	            "name=\"phone\" maxlength=\"40\" required value=\"%s\">",
	            prefix, pt(w, M_EMERGENCY_NAME), prefix, name, prefix,
	            pt(w, M_EMERGENCY_RELATIONSHIP), prefix, relationship, prefix, pt(w, M_PHONE),
	            prefix, phone);
}

void family_portal_emergency(struct web *w)
{
	struct buf *b = &w->resp->body;
	int64_t family = authz_family_own(w);
	struct store_stmt *st;
	int n = 0;
	if (!family)
		return;
	html_printf(b, "<section id=\"emergency\"><h2>%s</h2><p>%s</p>", pt(w, M_EMERGENCY),
	            pt(w, M_EMERGENCY_HINT));
	if (strcmp(web_field(w, "done"), "emergency") == 0)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>",
		            pt(w, M_EMERGENCY_THANKS));
	st = store_stmt(w->s, STMT_FAMILY_EMERGENCY_OF);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, family);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		n++;
		html_printf(b,
		            "<form method=\"post\" action=\"/family/contacts/%" PRId64
		            "/emergency\" class=\"card emergency-contact\">",
		            id);
		page_csrf(w);
		emergency_fields(w, arena_printf(w->a, "em%" PRId64, id), store_col_text(st, 1),
		                 store_col_text(st, 2), store_col_text(st, 3));
		html_printf(b, "<p><button type=\"submit\">%s</button></p></form>",
		            pt(w, M_EMERGENCY_SAVE));
	}
	store_finish(st);
	if (!n)
		html_printf(b, "<p class=\"muted\">%s</p>", pt(w, M_EMERGENCY_NONE));
	html_printf(b,
	            "<h3>%s</h3><form method=\"post\" action=\"/family/emergency\" class=\"card\">",
	            pt(w, M_EMERGENCY_ADD));
	page_csrf(w);
	emergency_fields(w, "em-new", "", "", "");
	html_printf(b, "<p><button type=\"submit\">%s</button></p></form>", pt(w, M_EMERGENCY_ADD));
	st = store_stmt(w->s, STMT_FAMILY_CHANGES_OF);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, family);
	n = 0;
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_printf(b, "<h3>%s</h3><ul class=\"family-changes\">",
			            pt(w, M_EMERGENCY_CHANGES));
		html_printf(b, "<li>%s: %s (%s)</li>", page_when(w, store_col_int(st, 2)),
		            store_col_text(st, 1),
		            pt(w, store_col_null(st, 3) ? M_EMERGENCY_NOT_SEEN : M_EMERGENCY_SEEN));
	}
	store_finish(st);
	if (n)
		html_raw(b, "</ul>");
	html_raw(b, "</section>");
}

static int emergency_write(struct web *w, int64_t contact)
{
	struct op_error e;
	int64_t family = authz_family_own(w), id;
	if (!family || (contact && !authz_family_emergency(w, contact)))
		return web_error(w, 404, "", "there is no such contact");
	if (core_tx_begin(w->s, &e) ||
	    core_family_emergency_set(w->s, &w->who, family, contact, web_field(w, "name"),
	                              web_field(w, "relationship"), web_field(w, "phone"), &id,
	                              &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return portal_refused(w, &e, "/family/contact#emergency");
	}
	return web_redirect(w, "/family/contact?done=emergency#emergency");
}

int page_family_emergency_add(struct web *w)
{
	return emergency_write(w, 0);
}

int page_family_emergency_change(struct web *w)
{
	return emergency_write(w, w->id[0]);
}

/* ---- the portal: the child's page ---- */

void family_portal_child(struct web *w, int64_t child_id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	const char *done = web_field(w, "done");
	char today[DATE_LEN], review[DATE_LEN];
	int day = date_today(w->setting.time_zone), n = 0;
	if (!authz_child(w, child_id, CHILD_PORTAL))
		return;
	date_format(day, today);
	html_printf(b, "<section id=\"health\"><h2>%s</h2><p class=\"muted\">%s</p>",
	            pt(w, M_HEALTH), pt(w, M_HEALTH_HINT));
	if (strcmp(done, "health") == 0)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>",
		            pt(w, M_HEALTH_THANKS));
	st = store_stmt(w->s, STMT_HEALTH_NOTES_OF_CHILD);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, today);
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_raw(b, "<ul class=\"health-notes\">");
		html_printf(b, "<li><strong>%s</strong>: %s <span class=\"muted\">(%s)</span></li>",
		            store_col_text(st, 1), store_col_text(st, 2),
		            pt(w, store_col_null(st, 4) ? M_HEALTH_NOT_SEEN : M_HEALTH_SEEN));
	}
	store_finish(st);
	if (n)
		html_raw(b, "</ul>");
	html_printf(b,
	            "<form method=\"post\" action=\"/family/children/%" PRId64
	            "/health-notes\" class=\"card noprint\">",
	            child_id);
	page_csrf(w);
	html_printf(b,
	            "<label for=\"health-date\">%s</label><input type=\"date\" id=\"health-date\" "
	            "name=\"date\" value=\"%s\" min=\"%s\" required>"
	            "<label for=\"health-text\">%s</label><textarea id=\"health-text\" "
	            "name=\"text\" rows=\"3\" maxlength=\"1000\" required></textarea>"
	            "<p><button type=\"submit\">%s</button></p></form></section>",
	            pt(w, M_HEALTH_DATE), today, today, pt(w, M_HEALTH_TEXT), pt(w, M_HEALTH_SEND));
	core_family_hv_review_get(w->s, w->me.setting_id, child_id, review, sizeof review);
	html_printf(b, "<section id=\"hv-review\"><h2>%s</h2><p class=\"muted\">%s</p>",
	            pt(w, M_HV_REVIEW), pt(w, M_HV_REVIEW_HINT));
	if (strcmp(done, "review") == 0)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>",
		            pt(w, M_HV_REVIEW_THANKS));
	if (*review)
		html_printf(b, "<p>%s <strong>%s</strong></p>", pt(w, M_HV_REVIEW_NOW), review);
	html_printf(b,
	            "<form method=\"post\" action=\"/family/children/%" PRId64
	            "/hv-review\" class=\"card noprint\">",
	            child_id);
	page_csrf(w);
	html_printf(b,
	            "<label for=\"hv-date\">%s</label><input type=\"date\" id=\"hv-date\" "
	            "name=\"review_on\" value=\"%s\" required>"
	            "<p><button type=\"submit\">%s</button></p></form></section>",
	            pt(w, M_HV_REVIEW_DATE), review, pt(w, M_HV_REVIEW_SAVE));
}

int page_family_health_note(struct web *w)
{
	static const struct field_spec date_spec = {"date", F_DATE, 1, 0, 0, NULL};
	struct field_value d;
	struct op_error e;
	char why[200];
	const char *back = arena_printf(w->a, "/family/children/%" PRId64 "#health", w->id[0]);
	int today = date_today(w->setting.time_zone);
	int64_t id;
	if (!authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such child");
	if (valid_field(&date_spec, web_field(w, "date"), &d, w->a, why, sizeof why) != 0 ||
	    !d.present) {
		op_fail(&e, OP_INVALID, "date", "is a date");
		return portal_refused(w, &e, back);
	}
	if (core_tx_begin(w->s, &e) ||
	    core_family_health_note_add(w->s, &w->who, w->id[0], w->me.contact_id, (int)d.i, today,
	                                web_field(w, "text"), &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return portal_refused(w, &e, back);
	}
	return web_redirect(w, "/family/children/%" PRId64 "?done=health#health", w->id[0]);
}

static int hv_review_write(struct web *w, int as_family, const char *back, const char *done)
{
	struct op_error e;
	if (core_tx_begin(w->s, &e) ||
	    core_family_hv_review_set(w->s, &w->who, w->id[0], web_field(w, "review_on"), as_family,
	                              &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return as_family ? portal_refused(w, &e, back) : staff_refused(w, &e, back);
	}
	return web_redirect(w, "%s", done);
}

int page_family_hv_review(struct web *w)
{
	if (!authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such child");
	return hv_review_write(
	    w, 1, arena_printf(w->a, "/family/children/%" PRId64 "#hv-review", w->id[0]),
	    arena_printf(w->a, "/family/children/%" PRId64 "?done=review#hv-review", w->id[0]));
}

/* ---- staff: flagged changes and health notes ---- */

/* Where an acknowledgement returns to: one of these pages, else /family-changes. */
static const char *back_to(struct web *w)
{
	static const char *const pages[] = {"/today", "/register", "/family-changes"};
	const char *back = web_field(w, "back");
	for (size_t i = 0; i < ARRAY_LEN(pages); i++)
		if (strcmp(back, pages[i]) == 0)
			return pages[i];
	return "/family-changes";
}

static void ack_form(struct web *w, const char *action, int64_t id, const char *back,
                     const char *label)
{
	struct buf *b = &w->resp->body;
	html_printf(b,
	            " <form method=\"post\" class=\"inline noprint\" action=\"/%s/%" PRId64
	            "/ack\"><input type=\"hidden\" name=\"back\" value=\"%s\">",
	            action, id, back);
	page_csrf(w);
	html_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form>", label);
}

/* The open emergency-contact changes the person may see: how many, and
 * (list) each with its acknowledge button. */
static int open_changes(struct web *w, int list, const char *back)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_FAMILY_CHANGES_OPEN);
	struct {
		int64_t id, family, at;
		const char *name, *kind, *was, *now;
	} rows[128];
	size_t n = 0;
	int shown = 0;
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(rows)) {
		rows[n].id = store_col_int(st, 0);
		rows[n].family = store_col_int(st, 1);
		rows[n].name = arena_strdup(w->a, store_col_text(st, 2));
		rows[n].kind = arena_strdup(w->a, store_col_text(st, 3));
		rows[n].was = arena_strdup(w->a, store_col_text(st, 4));
		rows[n].now = arena_strdup(w->a, store_col_text(st, 5));
		rows[n].at = store_col_int(st, 6);
		n++;
	}
	store_finish(st);
	for (size_t i = 0; i < n; i++) {
		if (!authz_family_change(w, rows[i].family))
			continue;
		if (list) {
			if (!shown)
				html_raw(b, "<ul class=\"flagged family-changes\">");
			html_printf(b,
			            "<li id=\"change-%" PRId64 "\"><span class=\"tag\">new</span> "
			            "<strong>%s</strong>: emergency contact %s — %s%s%s <span "
			            "class=\"muted\">(%s)</span>",
			            rows[i].id, rows[i].name, rows[i].kind, rows[i].now,
			            *rows[i].was ? "; was " : "", rows[i].was,
			            page_when(w, rows[i].at));
			ack_form(w, "family-changes", rows[i].id, back, "Seen");
			html_raw(b, "</li>");
		}
		shown++;
	}
	if (list && shown)
		html_raw(b, "</ul>");
	return shown;
}

/* The day's health notes of the children the person sees: how many, and
 * (list) each, new ones flagged with their acknowledge button. */
static int notes_of_day(struct web *w, int day, const char *back, int list)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_HEALTH_NOTES_ON);
	char d[DATE_LEN];
	struct {
		int64_t id, child, at;
		const char *first, *last, *pref, *text, *from;
		int acked;
	} rows[128];
	size_t n = 0;
	int shown = 0;
	date_format(day, d);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, d);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(rows)) {
		rows[n].id = store_col_int(st, 0);
		rows[n].child = store_col_int(st, 1);
		rows[n].first = arena_strdup(w->a, store_col_text(st, 2));
		rows[n].last = arena_strdup(w->a, store_col_text(st, 3));
		rows[n].pref = arena_strdup(w->a, store_col_text(st, 4));
		rows[n].text = arena_strdup(w->a, store_col_text(st, 5));
		rows[n].at = store_col_int(st, 6);
		rows[n].from = arena_strdup(w->a, store_col_text(st, 7));
		rows[n].acked = !store_col_null(st, 8);
		n++;
	}
	store_finish(st);
	for (size_t i = 0; i < n; i++) {
		if (!authz_health_note(w, rows[i].child))
			continue;
		if (!list) {
			shown++;
			continue;
		}
		if (!shown++)
			html_raw(b, "<ul class=\"health-notes\">");
		html_printf(b, "<li id=\"note-%" PRId64 "\">", rows[i].id);
		if (!rows[i].acked)
			html_raw(b, "<span class=\"tag\">new</span> ");
		html_printf(b,
		            "<a href=\"/children/%" PRId64
		            "\">%s %s</a>: %s <span class=\"muted\">(%s%s, %s)</span>",
		            rows[i].child, *rows[i].pref ? rows[i].pref : rows[i].first,
		            rows[i].last, rows[i].text, *rows[i].from ? "from " : "", rows[i].from,
		            page_when(w, rows[i].at));
		if (!rows[i].acked)
			ack_form(w, "health-notes", rows[i].id, back, "Seen");
		else
			html_raw(b, " <span class=\"muted\">seen</span>");
		html_raw(b, "</li>");
	}
	if (list && shown)
		html_raw(b, "</ul>");
	return shown;
}

void family_today_notes(struct web *w, int day, const char *back)
{
	struct buf *b = &w->resp->body;
	int changes = open_changes(w, 0, back);
	if (!notes_of_day(w, day, back, 0) && !changes)
		return;
	html_raw(b, "<section id=\"health-notes\" class=\"card\"><h2>Notes from families</h2>");
	notes_of_day(w, day, back, 1);
	if (changes)
		html_printf(b,
		            "<p><span class=\"tag\">new</span> <a href=\"/family-changes\">%d "
		            "emergency contact change%s from families</a> to acknowledge.</p>",
		            changes, changes == 1 ? "" : "s");
	html_raw(b, "</section>");
}

struct note_flag {
	int64_t child_id, note_id;
};

static int by_note_child(const void *a, const void *b)
{
	int64_t x = ((const struct note_flag *)a)->child_id;
	int64_t y = ((const struct note_flag *)b)->child_id;
	return (x > y) - (x < y);
}

/* The first open health note of the child on the day, or 0. A list
 * tagging every child reads the day's open notes once, on the second child. */
static int64_t open_note_of(struct web *w, int64_t child_id, int day)
{
	struct web_memo *m = &w->memo;
	struct store_stmt *st;
	char d[DATE_LEN];
	int64_t id = 0;
	date_format(day, d);
	if (m->note_day != day) {
		m->note_day = day;
		m->note_lookups = 0;
		m->notes = NULL;
		m->nnotes = 0;
	}
	if (m->note_lookups++ == 1) {
		size_t cap = 0;
		int rc;
		st = store_stmt(w->s, STMT_HEALTH_NOTES_OPEN_ON);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_text(st, 2, d);
		while ((rc = store_step(st)) == STORE_ROW) {
			struct note_flag *p = ARENA_PUSH(w->a, m->notes, m->nnotes, cap);
			p->child_id = store_col_int(st, 0);
			p->note_id = store_col_int(st, 1);
		}
		store_finish(st);
		if (rc != STORE_DONE) {
			m->notes = NULL;
			m->nnotes = 0;
		} else if (!m->notes) {
			m->notes = arena_alloc(w->a, sizeof *m->notes); /* loaded: none open */
		}
	}
	if (m->notes) {
		struct note_flag key = {.child_id = child_id};
		const struct note_flag *p =
		    find_n(&key, m->notes, m->nnotes, sizeof key, by_note_child);
		return p ? p->note_id : 0;
	}
	st = store_stmt(w->s, STMT_HEALTH_NOTE_OPEN_OF);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, d);
	store_bind_int(st, 3, child_id);
	if (store_step(st) == STORE_ROW)
		id = store_col_int(st, 0);
	store_finish(st);
	return id;
}

void family_note_tag(struct web *w, int64_t child_id, int day)
{
	int64_t id = open_note_of(w, child_id, day);
	if (id)
		html_printf(&w->resp->body,
		            " <a class=\"tag\" href=\"#note-%" PRId64 "\">new health note</a>", id);
}

int page_family_changes(struct web *w)
{
	struct buf *b = &w->resp->body;
	page_begin(w, "Changes from families");
	html_raw(b, "<h2>Emergency contacts changed by families</h2>"
	            "<p class=\"muted\">Changed in the portal and in force at once; flagged here "
	            "until someone acknowledges them.</p>");
	if (!open_changes(w, 1, "/family-changes"))
		html_raw(b, "<p>Nothing waiting.</p>");
	html_raw(b, "<h2>Today's health notes</h2>");
	if (!notes_of_day(w, date_today(w->setting.time_zone), "/family-changes", 1))
		html_raw(b, "<p>No notes from families today.</p>");
	page_end(w);
	return 0;
}

int page_family_change_ack(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_FAMILY_CHANGE_GET);
	struct op_error e;
	int64_t family = 0;
	const char *back = back_to(w);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	if (store_step(st) == STORE_ROW)
		family = store_col_int(st, 0);
	store_finish(st);
	if (!family || !authz_family_change(w, family))
		return web_error(w, 404, "", "there is no such change");
	if (core_tx_begin(w->s, &e) || core_family_change_ack(w->s, &w->who, w->id[0], &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return staff_refused(w, &e, back);
	}
	return web_redirect(w, "%s", back);
}

int page_health_note_ack(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_HEALTH_NOTE_GET);
	struct op_error e;
	int64_t child = 0;
	const char *back = back_to(w);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	if (store_step(st) == STORE_ROW)
		child = store_col_int(st, 0);
	store_finish(st);
	if (!child || !authz_health_note(w, child))
		return web_error(w, 404, "", "there is no such note");
	if (core_tx_begin(w->s, &e) || core_family_health_note_ack(w->s, &w->who, w->id[0], &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return staff_refused(w, &e, back);
	}
	return web_redirect(w, "%s#health-notes", back);
}

/* ---- staff: the review date on the check at two ---- */

void family_hv_review_staff(struct web *w, int64_t child_id)
{
	struct buf *b = &w->resp->body;
	char review[DATE_LEN], due[DATE_LEN];
	int day;
	if (!authz_child(w, child_id, CHILD_WRITE))
		return;
	core_family_hv_review_get(w->s, w->me.setting_id, child_id, review, sizeof review);
	html_raw(b, "<section id=\"hv-review\" class=\"card noprint\"><h2>The health visitor's "
	            "integrated review</h2>");
	if (*review && date_parse(review, &day) == 0) {
		date_format(day - FAMILY_CHECK_BEFORE_REVIEW_DAYS, due);
		html_printf(b,
		            "<p>The review is on <strong>%s</strong>: the check is due by %s.</p>",
		            review, due);
	} else {
		html_raw(b, "<p class=\"muted\">No review date yet: the check is due by age "
		            "(between two and three).</p>");
	}
	html_printf(b, "<form method=\"post\" action=\"/children/%" PRId64 "/hv-review\">",
	            child_id);
	page_csrf(w);
	html_printf(b,
	            "<label for=\"hv-date\">Date of the review</label><input type=\"date\" "
	            "id=\"hv-date\" name=\"review_on\" value=\"%s\" required>"
	            "<p><button type=\"submit\">Save the date</button></p></form></section>",
	            review);
}

int page_child_hv_review(struct web *w)
{
	if (!authz_child(w, w->id[0], CHILD_WRITE))
		return web_error(w, 404, "", "there is no such child");
	return hv_review_write(
	    w, 0, arena_printf(w->a, "/children/%" PRId64 "/twoyear", w->id[0]),
	    arena_printf(w->a, "/children/%" PRId64 "/twoyear#hv-review", w->id[0]));
}

/* ---- staff: programmes as SEN plan targets ---- */

void family_sen_programmes(struct web *w, int64_t child_id, int64_t plan_id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	int n = 0;
	if (!authz_sen_read(w, child_id))
		return;
	st = store_stmt(w->s, STMT_SEN_PROGRAMMES_OF);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		const char *name = store_col_text(st, 3);
		if (store_col_int(st, 1) != plan_id)
			continue;
		if (!n++)
			html_raw(b,
			         "<h4>Programmes from professionals</h4><ul class=\"programmes\">");
		html_printf(
		    b, "<li><strong>%s</strong> — from the %s%s%s%s; delivered by %s, %s</li>",
		    store_col_text(st, 4), core_family_professional_words(store_col_text(st, 2)),
		    *name ? " (" : "", name, *name ? ")" : "", store_col_text(st, 5),
		    store_col_text(st, 6));
	}
	store_finish(st);
	if (n)
		html_raw(b, "</ul>");
}

void family_sen_programme_form(struct web *w, int64_t child_id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	int n = 0;
	if (!authz_sen_write(w, child_id))
		return;
	st = store_stmt(w->s, STMT_SEN_PROGRAMME_PLANS);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		if (!n++) {
			html_printf(
			    b,
			    "<form method=\"post\" id=\"programmes\" action=\"/children/%" PRId64
			    "/sen/programmes\" class=\"card\"><h3>Add a programme from a "
			    "professional as a target</h3>",
			    child_id);
			page_csrf(w);
			html_raw(b, "<label for=\"prog-plan\">Plan</label><select id=\"prog-plan\" "
			            "name=\"plan\">");
		}
		html_printf(b, "<option value=\"%" PRId64 "\">%s from %s</option>",
		            store_col_int(st, 0),
		            strcmp(store_col_text(st, 1), "ehcp") == 0 ? "EHC plan" : "SEN support",
		            store_col_text(st, 2));
	}
	store_finish(st);
	if (!n)
		return;
	html_raw(b, "</select><label for=\"prog-who\">From</label><select id=\"prog-who\" "
	            "name=\"professional\">");
	for (size_t i = 0; family_professionals[i]; i++)
		html_printf(b, "<option value=\"%s\">%s</option>", family_professionals[i],
		            core_family_professional_words(family_professionals[i]));
	html_raw(b,
	         "</select><label for=\"prog-name\">Their name and service</label>"
	         "<input id=\"prog-name\" name=\"professional_name\" maxlength=\"200\">"
	         "<label for=\"prog-target\">The target (what the programme works towards)</label>"
	         "<textarea id=\"prog-target\" name=\"target\" rows=\"2\" maxlength=\"1000\" "
	         "required></textarea>"
	         "<label for=\"prog-by\">Delivered by</label><input id=\"prog-by\" "
	         "name=\"delivered_by\" maxlength=\"200\" required>"
	         "<label for=\"prog-often\">How often</label><input id=\"prog-often\" "
	         "name=\"how_often\" maxlength=\"100\" required>"
	         "<p><button type=\"submit\">Add the programme</button></p></form>");
}

int page_child_sen_programme(struct web *w)
{
	const char *raw[PROG__MAX];
	static const char *const names[PROG__MAX] = {
	    [PROG_PLAN] = "plan",
	    [PROG_PROFESSIONAL] = "professional",
	    [PROG_NAME] = "professional_name",
	    [PROG_TARGET] = "target",
	    [PROG_DELIVERED_BY] = "delivered_by",
	    [PROG_HOW_OFTEN] = "how_often",
	};
	struct op_error e;
	int64_t id;
	if (!authz_sen_write(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	for (int i = 0; i < PROG__MAX; i++)
		raw[i] = web_field(w, names[i]);
	if (core_tx_begin(w->s, &e) ||
	    core_family_programme_add(w->s, &w->who, w->id[0], raw, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return staff_refused(w, &e,
		                     arena_printf(w->a, "/children/%" PRId64 "/sen", w->id[0]));
	}
	return web_redirect(w, "/children/%" PRId64 "/sen#programmes", w->id[0]);
}
