/*
 * page_portal.c — the family's pages of the parent portal (page_portal.h).
 *
 * Each handler works out the family's language once (struct portal: the
 * request, the language, the body) and writes every fixed word through
 * T(), the catalogue of portal_text.h; what comes from the records (names,
 * the diary's details, observation text, messages) is shown as written.
 * What a family sees is decided by authz.c: only their own children
 * (CHILD_PORTAL), only the published diary, shared observations, sent
 * weekly updates, the final progress check at two, the settling-in visits
 * (with the family's own view of each to write). For the key person and
 * buddy, only the days and times they are in (an absence removes the day,
 * its reason is never read). Writes go through core_portal.c and
 * core_child.c in one transaction each, then redirect (303) to the page
 * with a thank-you; a refused field re-renders the page with the error next
 * to it (422).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_child.h"
#include "core_portal.h"
#include "date.h"
#include "page_contract.h"
#include "page_family.h"
#include "page_portal.h"
#include "page_sessions.h"
#include "page_notice.h"
#include "valid.h"

struct portal {
	struct web *w;
	struct buf *b;
	enum portal_lang l;
};

#define T(p, m) portal_text((p)->l, (m))

enum portal_lang portal_lang_me(struct web *w)
{
	struct store_stmt *st;
	enum portal_lang l = PORTAL_EN;
	int64_t contact = authz_portal_own_contact(&w->me);
	if (!contact)
		return PORTAL_EN;
	st = store_stmt(w->s, STMT_PORTAL_CONTACT_GET);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, contact);
	if (store_step(st) == STORE_ROW)
		l = portal_lang_of(store_col_text(st, 8));
	store_finish(st);
	return l;
}

static void portal_init(struct portal *p, struct web *w)
{
	p->w = w;
	p->b = &w->resp->body;
	p->l = portal_lang_me(w);
}

static int today_of(struct web *w)
{
	return date_today(w->setting.time_zone);
}

void portal_begin(struct web *w, const char *title)
{
	struct portal p;
	portal_init(&p, w);
	w->resp->content_type = "text/html; charset=utf-8";
	html_printf(p.b,
	            "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	            "<title>%s — keyworker</title>"
	            "<link rel=\"stylesheet\" href=\"/static/style.css\">"
	            "<script src=\"/static/app.js\" defer></script></head><body>"
	            "<a class=\"skip\" href=\"#main\">%s</a>"
	            "<header class=\"top\"><a class=\"brand\" href=\"/family\">keyworker</a>"
	            "<span>%s</span><nav aria-label=\"%s\"><ul>"
	            "<li><a href=\"/family\">%s</a></li>"
	            "<li><a href=\"/family/contact\">%s</a></li>"
	            "<li><a href=\"/password\">%s</a></li></ul></nav>"
	            "<form method=\"post\" action=\"/signout\">"
	            "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	            "<button type=\"submit\">%s</button></form>"
	            "</header><main id=\"main\"><h1>%s</h1>",
	            portal_lang_code(p.l), title, T(&p, M_SKIP), w->setting.name, T(&p, M_PORTAL),
	            T(&p, M_NAV_FAMILY), T(&p, M_NAV_CONTACT), T(&p, M_NAV_PASSWORD), w->me.csrf,
	            T(&p, M_SIGN_OUT), title);
}

static void portal_end(struct portal *p)
{
	html_raw(p->b, "</main>");
	page_privacy_footer(p->w); /* in the family's language (page_sessions.c) */
	html_raw(p->b, "</body></html>\n");
}

/* "Monday 2 March" / "poniedziałek 2 marca" */
static const char *day_words(struct portal *p, int day)
{
	static const enum portal_msg wd[7] = {M_MON, M_TUE, M_WED, M_THU, M_FRI, M_SAT, M_SUN};
	static const enum portal_msg month[12] = {M_JAN, M_FEB, M_MAR, M_APR, M_MAY, M_JUN,
	                                          M_JUL, M_AUG, M_SEP, M_OCT, M_NOV, M_DEC};
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (day < today_of(p->w) - 180 || day > today_of(p->w) + 180) /* then with the year */
		return arena_printf(p->w->a, "%s %d %s %d", T(p, wd[date_weekday(day)]), d,
		                    T(p, month[(m - 1) % 12]), y);
	return arena_printf(p->w->a, "%s %d %s", T(p, wd[date_weekday(day)]), d,
	                    T(p, month[(m - 1) % 12]));
}

static const char *instant_words(struct portal *p, int64_t at)
{
	int day, minute;
	char t[TIME_LEN];
	date_local(at, p->w->setting.time_zone, &day, &minute);
	time_format(minute, t);
	return arena_printf(p->w->a, "%s, %s", day_words(p, day), t);
}

static const char *span_words(struct portal *p, int64_t start, int64_t end)
{
	char a[TIME_LEN], b[TIME_LEN];
	time_format((int)start, a);
	time_format((int)end, b);
	return arena_printf(p->w->a, "%s–%s", a, b);
}

/* A word of the records' own vocabulary (a diary kind, a reason…) in the language. */
struct word {
	const char *value;
	enum portal_msg msg;
};

static const struct word diary_kinds[] = {
    {"meal", M_DIARY_MEAL},   {"drink", M_DIARY_DRINK},   {"sleep", M_DIARY_SLEEP},
    {"nappy", M_DIARY_NAPPY}, {"toilet", M_DIARY_TOILET}, {"activity", M_DIARY_ACTIVITY},
    {"mood", M_DIARY_MOOD},   {"note", M_DIARY_NOTE},
};
static const struct word areas[] = {
    {"CL", M_AREA_CL}, {"PD", M_AREA_PD}, {"PSED", M_AREA_PSED}, {"L", M_AREA_L},
    {"M", M_AREA_M},   {"UW", M_AREA_UW}, {"EAD", M_AREA_EAD},
};
static const struct word levels[] = {
    {"expected", M_LEVEL_EXPECTED},
    {"less_than_expected", M_LEVEL_LESS},
    {"above", M_LEVEL_ABOVE},
};
static const struct word methods[] = {
    {"in_person", M_MEET_IN_PERSON},
    {"phone", M_MEET_PHONE},
    {"video", M_MEET_VIDEO},
};
static const struct word reasons[] = {
    {"illness", M_REASON_ILLNESS}, {"appointment", M_REASON_APPOINTMENT},
    {"holiday", M_REASON_HOLIDAY}, {"family", M_REASON_FAMILY},
    {"other", M_REASON_OTHER},     {"unexplained", M_REASON_OTHER},
};
static const struct word consent_kinds[] = {
    {"photos", M_K_PHOTOS},
    {"photos_shared_with_others", M_K_PHOTOS_OTHERS},
    {"share_health_visitor", M_K_HEALTH_VISITOR},
    {"share_next_setting", M_K_NEXT_SETTING},
    {"outings", M_K_OUTINGS},
    {"sun_cream", M_K_SUN_CREAM},
    {"first_aid", M_K_FIRST_AID},
    {"medicine", M_K_MEDICINE},
    {"transport", M_K_TRANSPORT},
    {"other", M_K_OTHER},
};
static const struct word contact_methods[] = {
    {"in_person", M_M_IN_PERSON}, {"phone", M_M_PHONE},   {"text", M_M_TEXT},
    {"email", M_M_EMAIL},         {"portal", M_M_PORTAL},
};

static const char *word_of(struct portal *p, const struct word *t, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].value, value) == 0)
			return T(p, t[i].msg);
	return value;
}
#define WORD(p, table, value) word_of((p), (table), ARRAY_LEN(table), (value))

/* ---- children ---- */

struct child_row {
	int64_t id, family_id;
	const char *name, *first, *last, *shown;
	int has_photo;
};

static int child_get(struct web *w, int64_t id, struct child_row *c)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_CHILD);
	int found;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		c->id = store_col_int(st, 0);
		c->first = arena_strdup(w->a, store_col_text(st, 1));
		c->last = arena_strdup(w->a, store_col_text(st, 2));
		c->shown =
		    *store_col_text(st, 3) ? arena_strdup(w->a, store_col_text(st, 3)) : c->first;
		c->family_id = store_col_int(st, 4);
		c->has_photo = (int)store_col_int(st, 5);
		c->name = arena_printf(w->a, "%s %s", c->shown, c->last);
	}
	store_finish(st);
	return found ? 0 : -1;
}

const char *portal_child_name(struct web *w, int64_t child_id)
{
	struct child_row c;
	return child_get(w, child_id, &c) == 0 ? c.name : "";
}

/* The first character of a UTF-8 word. */
static const char *initial(struct web *w, const char *name)
{
	size_t len = 1;
	unsigned char c = (unsigned char)name[0];
	if (!c)
		return "";
	len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	for (size_t i = 1; i < len; i++)
		if (!name[i])
			return "";
	return arena_strndup(w->a, name, len);
}

static const char *initials(struct web *w, const char *name)
{
	const char *last = strrchr(name, ' ');
	return arena_printf(w->a, "%s%s", initial(w, name), last ? initial(w, last + 1) : "");
}

void portal_staff_face(struct web *w, int64_t staff_id, const char *name, int has_photo)
{
	struct portal p;
	portal_init(&p, w);
	if (has_photo)
		html_printf(p.b,
		            "<img class=\"photo\" src=\"/staff/%" PRId64 "/photo\" alt=\"%s %s\" "
		            "width=\"72\" height=\"72\">",
		            staff_id, T(&p, M_PHOTO_OF), name);
	else
		html_printf(p.b, "<div class=\"photo\" aria-hidden=\"true\">%s</div>",
		            initials(w, name));
}

static void child_face(struct portal *p, const struct child_row *c)
{
	if (c->has_photo)
		html_printf(p->b,
		            "<img class=\"photo\" src=\"/children/%" PRId64
		            "/photo\" alt=\"%s %s\" "
		            "width=\"96\" height=\"96\">",
		            c->id, T(p, M_PHOTO_OF), c->name);
	else
		html_printf(p->b, "<div class=\"photo\" aria-hidden=\"true\">%s%s</div>",
		            initial(p->w, c->shown), initial(p->w, c->last));
}

/* The days and times a member of staff is in this week (absences removed). */
static void staff_week(struct portal *p, int64_t staff_id)
{
	struct web *w = p->w;
	int today = today_of(w), monday = today - date_weekday(today), n = 0;
	char from[DATE_LEN], to[DATE_LEN];
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_STAFF_WEEK);
	date_format(monday, from);
	date_format(monday + 7, to);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, staff_id);
	store_bind_text(st, 3, from);
	store_bind_text(st, 4, to);
	while (store_step(st) == STORE_ROW) {
		int day;
		if (date_parse(store_col_text(st, 0), &day) != 0)
			continue;
		if (!n++)
			html_printf(p->b, "<p>%s:</p><ul class=\"days\">", T(p, M_IN_THIS_WEEK));
		html_raw(p->b, day == today ? "<li aria-current=\"date\">" : "<li>");
		html_printf(p->b, "%s%s%s: %s</li>", day_words(p, day), day == today ? " — " : "",
		            day == today ? T(p, M_TODAY) : "",
		            span_words(p, store_col_int(st, 1), store_col_int(st, 2)));
	}
	store_finish(st);
	if (n)
		html_raw(p->b, "</ul>");
	else
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_NOT_IN_THIS_WEEK));
}

struct key_pair {
	int64_t key, buddy;
	const char *key_name, *buddy_name;
	int key_photo, buddy_photo;
};

static void key_pair_get(struct web *w, int64_t child_id, struct key_pair *k)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_KEY);
	char d[DATE_LEN];
	memset(k, 0, sizeof *k);
	date_format(today_of(w), d);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, d);
	store_bind_text(st, 4, d);
	if (store_step(st) == STORE_ROW) {
		k->key = store_col_int(st, 0);
		k->key_name = arena_strdup(w->a, store_col_text(st, 1));
		k->key_photo = (int)store_col_int(st, 2);
		k->buddy = store_col_int(st, 3);
		k->buddy_name = arena_strdup(w->a, store_col_text(st, 4));
		k->buddy_photo = (int)store_col_int(st, 5);
	}
	store_finish(st);
}

static void key_people(struct portal *p, int64_t child_id, int with_week)
{
	struct key_pair k;
	key_pair_get(p->w, child_id, &k);
	if (!k.key) {
		html_printf(p->b, "<p>%s: %s</p>", T(p, M_KEY_PERSON), T(p, M_TO_BE_CHOSEN));
		return;
	}
	html_raw(p->b, "<div class=\"people\">");
	for (int i = 0; i < 2; i++) {
		int64_t id = i ? k.buddy : k.key;
		html_printf(p->b, "<section class=\"card person\" aria-label=\"%s\">",
		            T(p, i ? M_BUDDY : M_KEY_PERSON));
		portal_staff_face(p->w, id, i ? k.buddy_name : k.key_name,
		                  i ? k.buddy_photo : k.key_photo);
		html_printf(p->b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd></dl>",
		            T(p, i ? M_BUDDY : M_KEY_PERSON), i ? k.buddy_name : k.key_name);
		if (with_week)
			staff_week(p, id);
		html_raw(p->b, "</section>");
	}
	html_raw(p->b, "</div>");
}

/* The child's days this week: the usual pattern, changed by bookings, and
 * the days the family said the child is not coming. */
static void child_week(struct portal *p, int64_t child_id, int subheading)
{
	struct web *w = p->w;
	int today = today_of(w), monday = today - date_weekday(today), n = 0;
	int64_t arrive[7] = {0}, leave[7] = {0};
	int attends[7] = {0}, booked[7] = {0};
	const char *absent[7] = {0};
	char from[DATE_LEN], to[DATE_LEN];
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_CHILD_ATTENDANCE);
	date_format(monday, from);
	date_format(monday + 7, to);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		int64_t d = store_col_int(st, 0);
		if (d < 0 || d > 6)
			continue;
		attends[d] = 1;
		arrive[d] = store_col_int(st, 1);
		leave[d] = store_col_int(st, 2);
	}
	store_finish(st);
	for (int k = 0; k < 2; k++) {
		st = store_stmt(w->s,
		                k ? STMT_PORTAL_CHILD_ABSENCES_WEEK : STMT_PORTAL_CHILD_BOOKINGS);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, child_id);
		store_bind_text(st, 3, from);
		store_bind_text(st, 4, to);
		while (store_step(st) == STORE_ROW) {
			int day;
			if (date_parse(store_col_text(st, 0), &day) != 0 || day < monday ||
			    day >= monday + 7)
				continue;
			if (k) {
				absent[day - monday] = WORD(p, reasons, store_col_text(st, 1));
				continue;
			}
			attends[day - monday] = booked[day - monday] = 1;
			arrive[day - monday] = store_col_int(st, 1);
			leave[day - monday] = store_col_int(st, 2);
		}
		store_finish(st);
	}
	html_printf(p->b, subheading ? "<h3>%s</h3>" : "<h2 id=\"week\">%s</h2>",
	            T(p, M_CHILD_WEEK));
	for (int d = 0; d < 7; d++) {
		if (!attends[d] && !absent[d])
			continue;
		if (!n++)
			html_raw(p->b, "<ul class=\"days\">");
		html_raw(p->b, monday + d == today ? "<li aria-current=\"date\">" : "<li>");
		html_printf(p->b, "<strong>%s%s%s</strong>: ", day_words(p, monday + d),
		            monday + d == today ? " — " : "",
		            monday + d == today ? T(p, M_TODAY) : "");
		if (absent[d])
			html_printf(p->b, "%s (%s)", T(p, M_NOT_COMING), absent[d]);
		else
			html_printf(p->b, "%s%s%s%s", span_words(p, arrive[d], leave[d]),
			            booked[d] ? " (" : "", booked[d] ? T(p, M_CHANGED) : "",
			            booked[d] ? ")" : "");
		html_raw(p->b, "</li>");
	}
	if (n)
		html_raw(p->b, "</ul>");
	else
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_CHILD_NO_DAYS));
}

/* ---- /family ---- */

static int64_t *my_children(struct web *w, size_t *n)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_CHILDREN);
	int64_t *ids = NULL;
	size_t cap = 0;
	char d[DATE_LEN];
	*n = 0;
	date_format(today_of(w), d);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	store_bind_text(st, 3, d);
	while (store_step(st) == STORE_ROW) {
		if (*n == cap) {
			int64_t *more;
			cap = cap ? cap * 2 : 8;
			more = arena_alloc(w->a, cap * sizeof *more);
			if (*n)
				memcpy(more, ids, *n * sizeof *ids);
			ids = more;
		}
		ids[(*n)++] = store_col_int(st, 0);
	}
	store_finish(st);
	return ids;
}

static void language_form(struct portal *p, const char *back)
{
	html_printf(p->b,
	            "<form method=\"post\" action=\"/family/language\" class=\"card noprint\">"
	            "<input type=\"hidden\" name=\"back\" value=\"%s\">",
	            back);
	page_csrf(p->w);
	html_printf(p->b,
	            "<label for=\"portal-language\">%s</label><select id=\"portal-language\" "
	            "name=\"language\">",
	            T(p, M_LANGUAGE));
	for (int l = 0; l < PORTAL_LANG__MAX; l++)
		html_printf(
		    p->b, "<option value=\"%s\" lang=\"%s\"%s>%s</option>",
		    portal_lang_code((enum portal_lang)l), portal_lang_code((enum portal_lang)l),
		    l == (int)p->l ? " selected" : "", portal_lang_name((enum portal_lang)l));
	html_printf(p->b, "</select> <button type=\"submit\">%s</button></form>",
	            T(p, M_LANGUAGE_CHANGE));
}

int page_portal_family(struct web *w)
{
	struct portal p;
	size_t n;
	int64_t *ids = my_children(w, &n);
	int shown = 0;
	portal_init(&p, w);
	portal_begin(w, T(&p, M_YOUR_FAMILY));
	page_signin_notices(w); /* password changes, last sign-in, failures since */
	for (size_t i = 0; i < n; i++) {
		struct child_row c;
		if (!authz_child(w, ids[i], CHILD_PORTAL) || child_get(w, ids[i], &c) != 0)
			continue;
		shown++;
		html_raw(p.b, "<section class=\"card child\">");
		child_face(&p, &c);
		html_printf(p.b,
		            "<h2><a href=\"/children/%" PRId64 "\">%s</a></h2>"
		            "<p><a href=\"/family/children/%" PRId64 "\">%s</a></p>",
		            c.id, c.name, c.id, T(&p, M_OPEN_CHILD));
		key_people(&p, c.id, 0);
		child_week(&p, c.id, 1);
		html_raw(p.b, "</section>");
	}
	if (!shown)
		html_printf(p.b, "<p>%s</p>", T(&p, M_NO_CHILDREN));
	contract_portal_feedback_link(w); /* the termly feedback form (page_contract.c) */
	portal_policy_summary(w);         /* issue 9: notices and policies to sign */
	page_privacy_section(w);          /* the setting's privacy notice (page_sessions.c) */
	language_form(&p, "/family");
	portal_end(&p);
	return 0;
}

int page_portal_language(struct web *w)
{
	struct op_error e;
	const char *back = web_field(w, "back");
	int64_t contact = authz_portal_own_contact(&w->me);
	if (!contact)
		return web_error(w, 404, "", "there is no such contact");
	if (core_tx_begin(w->s, &e) ||
	    core_portal_language_set(w->s, &w->who, contact, web_field(w, "language"), &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	/* back only to a page of the portal itself */
	if (strncmp(back, "/family", 7) != 0 || strchr(back, ':') || strstr(back, "//"))
		back = "/family";
	return web_redirect(w, "%s", back);
}

/* ---- one child's page ---- */

static void notice(struct portal *p)
{
	static const struct word done[] = {
	    {"message", M_MESSAGE_SENT},   {"absence", M_ABSENCE_THANKS},   {"wow", M_WOW_THANKS},
	    {"contact", M_CONTACT_THANKS}, {"settling", M_SETTLING_THANKS},
	};
	const char *d = web_field(p->w, "done");
	for (size_t i = 0; i < ARRAY_LEN(done); i++)
		if (strcmp(d, done[i].value) == 0)
			html_printf(p->b, "<p class=\"notice\" role=\"status\">%s</p>",
			            T(p, done[i].msg));
	if (p->w->field_error[0])
		html_printf(p->b, "<p class=\"alert\" role=\"alert\">%s</p>", T(p, M_ERR_TITLE));
}

static void diary_today(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_DIARY);
	char d[DATE_LEN];
	int n = 0;
	date_format(today_of(w), d);
	html_printf(p->b, "<h2 id=\"diary\">%s</h2>", T(p, M_DIARY_TODAY));
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, d);
	while (store_step(st) == STORE_ROW) {
		int64_t start = store_col_int(st, 1), end = store_col_int(st, 2);
		char t[TIME_LEN] = "";
		if (!n++)
			html_raw(p->b, "<ul class=\"diary\">");
		if (start >= 0)
			time_format((int)start, t);
		html_printf(p->b, "<li><strong>%s</strong> %s: %s</li>",
		            WORD(p, diary_kinds, store_col_text(st, 0)),
		            start >= 0 && end >= 0 ? span_words(p, start, end) : t,
		            store_col_text(st, 3));
	}
	store_finish(st);
	if (n)
		html_raw(p->b, "</ul>");
	else
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_DIARY_NONE));
}

/* One observation, seen from the family of child_id. */
static void observation(struct portal *p, int64_t obs_id, int64_t child_id, const char *date,
                        const char *text, const char *next, const char *staff,
                        int64_t author_contact, int link)
{
	struct web *w = p->w;
	struct store_stmt *st;
	int n = 0, day;
	html_raw(p->b, "<article class=\"card observation\">");
	if (date_parse(date, &day) == 0)
		html_printf(p->b, "<h3>%s</h3>", day_words(p, day));
	if (author_contact)
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_OBS_FROM_FAMILY));
	else
		html_printf(p->b, "<p class=\"muted\">%s: %s</p>", T(p, M_OBS_BY), staff);
	html_printf(p->b, "<p>%s</p>", text);
	/* the other children: named only with their family's consent */
	st = store_stmt(w->s, STMT_PORTAL_OBS_CHILDREN);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, obs_id);
	{
		int64_t ids[32];
		const char *names[32];
		size_t k = 0;
		while (store_step(st) == STORE_ROW && k < 32) {
			if (store_col_int(st, 0) == child_id)
				continue;
			ids[k] = store_col_int(st, 0);
			names[k++] = arena_strdup(w->a, store_col_text(st, 1));
		}
		store_finish(st);
		for (size_t i = 0; i < k; i++) {
			/* one decision for the portal and the observation pages */
			int named = authz_observation_name_visible(w, obs_id, ids[i]);
			/* the opening <p> is markup, the label and the name are text */
			if (i)
				html_raw(p->b, ", ");
			else
				html_printf(p->b, "<p>%s: ", T(p, M_OBS_WITH));
			html_printf(p->b, "%s", named ? names[i] : T(p, M_OBS_ANOTHER_CHILD));
		}
		if (k)
			html_raw(p->b, "</p>");
	}
	st = store_stmt(w->s, STMT_PORTAL_OBS_AREAS);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, obs_id);
	while (store_step(st) == STORE_ROW) {
		if (n++)
			html_raw(p->b, ", ");
		else
			html_printf(p->b, "<p>%s: ", T(p, M_OBS_AREAS));
		html_printf(p->b, "%s", WORD(p, areas, store_col_text(st, 0)));
	}
	store_finish(st);
	if (n)
		html_raw(p->b, "</p>");
	if (*next)
		html_printf(p->b, "<p><strong>%s:</strong> %s</p>", T(p, M_OBS_NEXT_STEPS), next);
	/* photos are served, and decided, by the observations module (authz_observation_photo) */
	st = store_stmt(w->s, STMT_PORTAL_OBS_PHOTOS);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, obs_id);
	while (store_step(st) == STORE_ROW)
		html_printf(p->b,
		            "<img class=\"observation-photo\" src=\"/observations/photos/%" PRId64
		            "\" alt=\"%s\" loading=\"lazy\">",
		            store_col_int(st, 0), T(p, M_OBS_PHOTO));
	store_finish(st);
	/* of a group observation, another family's replies are theirs: not shown here */
	st = store_stmt(w->s, STMT_OBS_REPLIES_OF_FAMILY);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, obs_id);
	store_bind_int(st, 3, w->me.setting_id);
	store_bind_int(st, 4, child_id);
	n = 0;
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_printf(p->b, "<h4>%s</h4><ul class=\"replies\">", T(p, M_OBS_REPLIES));
		html_printf(p->b, "<li><strong>%s</strong>: %s</li>", store_col_text(st, 0),
		            store_col_text(st, 2));
	}
	store_finish(st);
	if (n)
		html_raw(p->b, "</ul>");
	if (link)
		html_printf(p->b, "<p><a href=\"/family/observations/%" PRId64 "\">%s</a></p>",
		            obs_id, T(p, M_OBS_OPEN));
	html_raw(p->b, "</article>");
}

struct obs_row {
	int64_t id, author_contact;
	const char *date, *text, *next, *staff;
};

static void observations(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_OBSERVATIONS);
	struct obs_row rows[30];
	size_t n = 0;
	html_printf(p->b, "<h2 id=\"observations\">%s</h2>", T(p, M_OBSERVATIONS));
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(rows)) {
		rows[n].id = store_col_int(st, 0);
		rows[n].date = arena_strdup(w->a, store_col_text(st, 1));
		rows[n].text = arena_strdup(w->a, store_col_text(st, 2));
		rows[n].next = arena_strdup(w->a, store_col_text(st, 3));
		rows[n].staff = arena_strdup(w->a, store_col_text(st, 4));
		rows[n].author_contact = store_col_int(st, 6);
		n++;
	}
	store_finish(st);
	for (size_t i = 0; i < n; i++)
		observation(p, rows[i].id, child_id, rows[i].date, rows[i].text, rows[i].next,
		            rows[i].staff, rows[i].author_contact, 1);
	if (!n)
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_OBS_NONE));
}

static void textarea(struct portal *p, const char *id, const char *name, const char *label,
                     const char *value)
{
	html_printf(p->b,
	            "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"3\" "
	            "maxlength=\"4000\">%s</textarea>",
	            id, label, id, name, value);
	page_field_error(p->w, name);
}

static void wow_form(struct portal *p, int64_t child_id)
{
	html_printf(p->b,
	            "<form method=\"post\" action=\"/family/children/%" PRId64 "/wow\" "
	            "class=\"card noprint\" id=\"wow\"><h3>%s</h3><p class=\"muted\">%s</p>",
	            child_id, T(p, M_WOW), T(p, M_WOW_HINT));
	page_csrf(p->w);
	textarea(p, "wow-text", "wow", T(p, M_WOW_TEXT),
	         p->w->field_error[0] && strcmp(p->w->field_error[0], "wow") == 0
	             ? web_field(p->w, "text")
	             : "");
	html_printf(p->b, "<p><button type=\"submit\">%s</button></p></form>", T(p, M_WOW_SEND));
}

static void weekly(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_WEEKLY);
	int n = 0;
	html_printf(p->b, "<h2 id=\"weekly\">%s</h2>", T(p, M_WEEKLY));
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		int day;
		n++;
		html_raw(p->b, "<article class=\"card\">");
		if (date_parse(store_col_text(st, 0), &day) == 0)
			html_printf(p->b, "<h3>%s %s</h3>", T(p, M_WEEK_OF), day_words(p, day));
		html_printf(p->b, "<p class=\"pre\">%s</p><p class=\"muted\">%s</p></article>",
		            store_col_text(st, 1), store_col_text(st, 2));
	}
	store_finish(st);
	if (!n)
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_WEEKLY_NONE));
}

static void two_year(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_TWO_YEAR);
	html_printf(p->b, "<h2 id=\"two-year\">%s</h2>", T(p, M_TWO_YEAR));
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW) {
		static const enum portal_msg area[3] = {M_AREA_CL, M_AREA_PD, M_AREA_PSED};
		static const enum portal_msg more[4] = {M_STRENGTHS, M_TO_WATCH, M_WHAT_WE_DO,
		                                        M_YOUR_VIEW};
		int day;
		html_raw(p->b, "<dl class=\"facts card\">");
		if (date_parse(store_col_text(st, 0), &day) == 0)
			html_printf(p->b, "<dt>%s</dt><dd>%s</dd>", T(p, M_TWO_YEAR_DATE),
			            day_words(p, day));
		for (int i = 0; i < 3; i++)
			html_printf(p->b, "<dt>%s</dt><dd><strong>%s</strong>%s%s</dd>",
			            T(p, area[i]), WORD(p, levels, store_col_text(st, 1 + 2 * i)),
			            *store_col_text(st, 2 + 2 * i) ? ". " : "",
			            store_col_text(st, 2 + 2 * i));
		for (int i = 0; i < 4; i++)
			if (*store_col_text(st, 7 + i))
				html_printf(p->b, "<dt>%s</dt><dd>%s</dd>", T(p, more[i]),
				            store_col_text(st, 7 + i));
		html_raw(p->b, "</dl>");
	} else {
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_TWO_YEAR_NONE));
	}
	store_finish(st);
}

static void meetings(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_MEETINGS);
	int n = 0;
	html_printf(p->b, "<h2 id=\"meetings\">%s</h2>", T(p, M_MEETINGS));
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, time_now());
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_raw(p->b, "<ul>");
		html_printf(p->b, "<li>%s, %s%s%s</li>", instant_words(p, store_col_int(st, 0)),
		            WORD(p, methods, store_col_text(st, 1)),
		            *store_col_text(st, 2) ? arena_printf(w->a, " %s ", T(p, M_MEET_WITH))
		                                   : "",
		            store_col_text(st, 2));
	}
	store_finish(st);
	html_raw(p->b, n ? "</ul>" : "");
	if (!n)
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_MEETINGS_NONE));
}

/* The child's settling-in visits (shown once there are any), each with the
 * family's own view of it to write or change. */
static void settling(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_SETTLING_LIST);
	int n = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		const char *field = arena_printf(w->a, "family_view-%" PRId64, id);
		int day, bad = w->field_error[0] && strcmp(w->field_error[0], field) == 0;
		if (!n++)
			html_printf(p->b, "<h2 id=\"settling\">%s</h2><p class=\"muted\">%s</p>",
			            T(p, M_SETTLING), T(p, M_SETTLING_HINT));
		html_printf(p->b, "<article class=\"card visit\" id=\"visit-%" PRId64 "\"><h3>",
		            id);
		if (date_parse(store_col_text(st, 1), &day) == 0)
			html_printf(p->b, "%s, ", day_words(p, day));
		html_printf(
		    p->b, "%s%s%s</h3>", span_words(p, store_col_int(st, 2), store_col_int(st, 3)),
		    *store_col_text(st, 4) ? arena_printf(w->a, " %s ", T(p, M_MEET_WITH)) : "",
		    store_col_text(st, 4));
		if (*store_col_text(st, 5))
			html_printf(p->b, "<p><strong>%s:</strong> %s</p>", T(p, M_SETTLING_PLAN),
			            store_col_text(st, 5));
		html_printf(p->b,
		            "<form method=\"post\" action=\"/family/children/%" PRId64
		            "/settling/%" PRId64 "\" class=\"noprint\">",
		            child_id, id);
		page_csrf(w);
		textarea(p, arena_printf(w->a, "view-%" PRId64, id), field,
		         T(p, M_SETTLING_YOUR_VIEW),
		         bad ? web_field(w, "family_view") : store_col_text(st, 6));
		html_printf(p->b, "<p><button type=\"submit\">%s</button></p></form></article>",
		            T(p, M_SETTLING_SAVE));
	}
	store_finish(st);
}

static void thread(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_THREAD);
	int n = 0;
	html_printf(p->b, "<h2 id=\"messages\">%s</h2><p class=\"muted\">%s</p>", T(p, M_MESSAGES),
	            T(p, M_MESSAGE_WHO));
	if (authz_portal_key_away(w, child_id))
		html_printf(p->b, "<p class=\"notice\">%s</p>", T(p, M_MESSAGE_BUDDY_TODAY));
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		int mine = store_col_int(st, 1) == w->me.contact_id;
		if (!n++)
			html_raw(p->b, "<ol class=\"thread\">");
		html_printf(p->b,
		            "<li class=\"%s\"><p class=\"muted\"><strong>%s</strong> · %s</p>"
		            "<p class=\"pre\">%s</p></li>",
		            store_col_int(st, 1) ? "from-family" : "from-staff",
		            mine ? T(p, M_YOU) : store_col_text(st, 3),
		            instant_words(p, store_col_int(st, 5)), store_col_text(st, 4));
	}
	store_finish(st);
	if (n)
		html_raw(p->b, "</ol>");
	else
		html_printf(p->b, "<p class=\"muted\">%s</p>", T(p, M_MESSAGES_NONE));
	html_printf(p->b,
	            "<form method=\"post\" action=\"/family/children/%" PRId64 "/messages\" "
	            "class=\"card noprint\">",
	            child_id);
	page_csrf(w);
	textarea(p, "message-text", "text", T(p, M_MESSAGE_WRITE),
	         w->field_error[0] && strcmp(w->field_error[0], "text") == 0 ? web_field(w, "text")
	                                                                     : "");
	html_printf(p->b, "<p><button type=\"submit\">%s</button></p></form>",
	            T(p, M_MESSAGE_SEND));
}

static void absence_form(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_ABSENCES);
	char today[DATE_LEN];
	const char *date = web_field(w, "date"), *reason = web_field(w, "reason");
	int n = 0;
	date_format(today_of(w), today);
	html_printf(p->b, "<h2 id=\"absence\">%s</h2>", T(p, M_ABSENCE));
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, today);
	while (store_step(st) == STORE_ROW) {
		int day;
		if (date_parse(store_col_text(st, 0), &day) != 0)
			continue;
		if (!n++)
			html_printf(p->b, "<p>%s:</p><ul class=\"absences\">",
			            T(p, M_ABSENCES_COMING));
		html_printf(p->b, "<li>%s: %s</li>", day_words(p, day),
		            WORD(p, reasons, store_col_text(st, 1)));
	}
	store_finish(st);
	if (n)
		html_raw(p->b, "</ul>");
	html_printf(p->b,
	            "<form method=\"post\" action=\"/family/children/%" PRId64 "/absences\" "
	            "class=\"card noprint\">",
	            child_id);
	page_csrf(w);
	html_printf(
	    p->b,
	    "<label for=\"absence-date\">%s</label><input type=\"date\" id=\"absence-date\" "
	    "name=\"date\" value=\"%s\" min=\"%s\" required>",
	    T(p, M_ABSENCE_DATE), *date ? date : today, today);
	page_field_error(w, "date");
	html_printf(p->b,
	            "<label for=\"absence-reason\">%s</label><select id=\"absence-reason\" "
	            "name=\"reason\">",
	            T(p, M_ABSENCE_REASON));
	for (size_t i = 0; portal_absence_reasons[i]; i++)
		html_printf(p->b, "<option value=\"%s\"%s>%s</option>", portal_absence_reasons[i],
		            strcmp(reason, portal_absence_reasons[i]) == 0 ? " selected" : "",
		            WORD(p, reasons, portal_absence_reasons[i]));
	html_raw(p->b, "</select>");
	page_field_error(w, "reason");
	html_printf(
	    p->b,
	    "<label for=\"absence-note\">%s</label><input type=\"text\" id=\"absence-note\" "
	    "name=\"note\" maxlength=\"400\" value=\"%s\">",
	    T(p, M_ABSENCE_NOTE), web_field(w, "note"));
	page_field_error(w, "note");
	html_printf(p->b, "<p><button type=\"submit\">%s</button></p></form>",
	            T(p, M_ABSENCE_SEND));
}

/* Consents of the child: the latest answer per kind, with the change the parent may make. */
static void consents(struct portal *p, int64_t child_id)
{
	struct web *w = p->w;
	struct {
		int64_t id;
		int given, seen;
		const char *on, *withdrawn;
	} latest[ARRAY_LEN(consent_kinds)];
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_CONSENTS);
	memset(latest, 0, sizeof latest);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW)
		for (size_t k = 0; k < ARRAY_LEN(consent_kinds); k++)
			if (strcmp(store_col_text(st, 1), consent_kinds[k].value) == 0) {
				latest[k].id = store_col_int(st, 0);
				latest[k].given = (int)store_col_int(st, 2);
				latest[k].on = arena_strdup(w->a, store_col_text(st, 3));
				latest[k].withdrawn = arena_strdup(w->a, store_col_text(st, 4));
				latest[k].seen = 1;
			}
	store_finish(st);
	html_printf(p->b, "<h2 id=\"consents\">%s</h2><p class=\"muted\">%s</p>", T(p, M_CONSENTS),
	            T(p, M_CONSENTS_HINT));
	page_field_error(w, "kind");
	html_raw(p->b, "<ul class=\"consents\">");
	for (size_t k = 0; k < ARRAY_LEN(consent_kinds); k++) {
		int in_force = latest[k].seen && latest[k].given && !*latest[k].withdrawn;
		int day;
		html_printf(p->b, "<li><strong>%s</strong>: ", T(p, consent_kinds[k].msg));
		if (!latest[k].seen)
			html_printf(p->b, "%s", T(p, M_CONSENT_NONE_YET));
		else if (*latest[k].withdrawn && date_parse(latest[k].withdrawn, &day) == 0)
			html_printf(p->b, "%s %s", T(p, M_CONSENT_WITHDRAWN), day_words(p, day));
		else if (date_parse(latest[k].on, &day) == 0)
			html_printf(p->b, "%s, %s %s",
			            T(p, latest[k].given ? M_CONSENT_GIVEN : M_CONSENT_REFUSED),
			            T(p, M_CONSENT_SINCE), day_words(p, day));
		if (in_force)
			html_printf(p->b,
			            " <form method=\"post\" class=\"inline noprint\" "
			            "action=\"/family/children/%" PRId64 "/consents/%" PRId64
			            "/withdraw\">",
			            child_id, latest[k].id);
		else
			html_printf(p->b,
			            " <form method=\"post\" class=\"inline noprint\" "
			            "action=\"/family/children/%" PRId64 "/consents\">"
			            "<input type=\"hidden\" name=\"kind\" value=\"%s\">",
			            child_id, consent_kinds[k].value);
		page_csrf(w);
		html_printf(p->b,
		            "<button type=\"submit\" class=\"secondary\">%s</button></form></li>",
		            T(p, in_force ? M_CONSENT_WITHDRAW : M_CONSENT_GIVE));
	}
	html_raw(p->b, "</ul>");
}

static int child_page(struct web *w, int64_t child_id)
{
	struct portal p;
	struct child_row c;
	struct op_error e;
	if (!authz_child(w, child_id, CHILD_PORTAL) || child_get(w, child_id, &c) != 0)
		return web_error(w, 404, "", "there is no such child");
	if (audit_read(w->s, &w->who, "portal.child.view", c.id, &e) != 0)
		return web_op_error(w, &e);
	portal_init(&p, w);
	buf_reset(p.b);
	portal_begin(w, c.name);
	notice(&p);
	child_face(&p, &c);
	html_printf(p.b, "<h2 id=\"key-person\">%s</h2>", T(&p, M_KEY_AND_BUDDY));
	key_people(&p, c.id, 1);
	child_week(&p, c.id, 0);
	diary_today(&p, c.id);
	thread(&p, c.id);
	absence_form(&p, c.id);
	family_portal_child(w, c.id); /* health notes, the review date (page_family.c) */
	observations(&p, c.id);
	wow_form(&p, c.id);
	settling(&p, c.id);
	weekly(&p, c.id);
	two_year(&p, c.id);
	meetings(&p, c.id);
	if (authz_sen_family(w, c.id)) /* what the SENCo shared with the family (page_sen.c) */
		html_printf(p.b, "<p><a href=\"/children/%" PRId64 "/sen\">%s</a></p>", c.id,
		            T(&p, M_SEN_SHARED));
	html_printf(p.b, "<p><a href=\"/family/children/%" PRId64 "/medicines\">%s</a></p>", c.id,
	            T(&p, M_MED_LINK)); /* medicines (page_medicine.c) */
	consents(&p, c.id);
	html_printf(p.b, "<p><a href=\"/family/children/%" PRId64 "/accidents\">%s</a></p>", c.id,
	            T(&p, M_ACC_TITLE));     /* accidents and injuries (page_accident.c) */
	contract_portal_child_link(w, c.id); /* contract and funded hours (page_contract.c) */
	html_printf(p.b, "<p><a href=\"/family\">%s</a></p>", T(&p, M_BACK));
	language_form(&p, arena_printf(w->a, "/family/children/%" PRId64, c.id));
	portal_end(&p);
	return 0;
}

int page_portal_child(struct web *w)
{
	return child_page(w, w->id[0]);
}

/* A refused write: the child's page again, the field's error in the language. */
static int refused(struct web *w, const struct op_error *e, const char *field, enum portal_msg m)
{
	struct portal p;
	if (e->status != OP_INVALID && e->status != OP_CONFLICT)
		return web_op_error(w, e);
	portal_init(&p, w);
	w->field_error[0] = field;
	w->field_error[1] = T(&p, m);
	child_page(w, w->id[0]);
	w->resp->status = e->status == OP_CONFLICT ? 409 : 422;
	return 0;
}

int page_portal_message(struct web *w)
{
	struct op_error e;
	int64_t id;
	if (!authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such child");
	if (core_tx_begin(w->s, &e) ||
	    core_portal_message_add(w->s, &w->who, w->id[0], w->me.contact_id, 0,
	                            web_field(w, "text"), &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return refused(w, &e, "text", M_ERR_TEXT);
	}
	return web_redirect(w, "/family/children/%" PRId64 "?done=message#messages", w->id[0]);
}

static const char *contact_name(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_CONTACT_GET);
	const char *name = "";
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	if (store_step(st) == STORE_ROW)
		name = arena_strdup(w->a, store_col_text(st, 2));
	store_finish(st);
	return name;
}

int page_portal_absence(struct web *w)
{
	struct op_error e;
	int64_t id;
	int day;
	if (!authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such child");
	if (date_parse(web_field(w, "date"), &day) != 0) {
		op_fail(&e, OP_INVALID, "date", "is not a date");
		return refused(w, &e, "date", M_ERR_DATE);
	}
	if (core_tx_begin(w->s, &e) ||
	    core_portal_absence(w->s, &w->who, w->id[0], contact_name(w), day, today_of(w),
	                        web_field(w, "reason"), web_field(w, "note"), &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status == OP_CONFLICT)
			return refused(w, &e, "date", M_ERR_ALREADY);
		return refused(w, &e, e.field,
		               strcmp(e.field, "reason") == 0 ? M_ERR_REASON
		               : strcmp(e.field, "date") == 0 ? M_ERR_DATE
		                                              : M_ERR_FIELD);
	}
	return web_redirect(w, "/family/children/%" PRId64 "?done=absence#absence", w->id[0]);
}

int page_portal_wow(struct web *w)
{
	struct op_error e;
	int64_t id;
	if (!authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such child");
	if (core_tx_begin(w->s, &e) ||
	    core_portal_wow_add(w->s, &w->who, w->id[0], w->me.contact_id, today_of(w),
	                        web_field(w, "wow"), &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return refused(w, &e, "wow", M_ERR_TEXT);
	}
	return web_redirect(w, "/family/children/%" PRId64 "?done=wow#observations", w->id[0]);
}

int page_portal_settling_view(struct web *w)
{
	struct op_error e;
	if (!authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such child");
	if (core_tx_begin(w->s, &e) ||
	    core_portal_settling_view(w->s, &w->who, w->id[0], w->id[1], w->me.contact_id,
	                              web_field(w, "family_view"), &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return refused(w, &e, arena_printf(w->a, "family_view-%" PRId64, w->id[1]),
		               M_ERR_TEXT);
	}
	return web_redirect(w, "/family/children/%" PRId64 "?done=settling#visit-%" PRId64,
	                    w->id[0], w->id[1]);
}

int page_portal_consent(struct web *w)
{
	struct field_value v[CONSENT__MAX];
	struct op_error e;
	char today[DATE_LEN];
	const char *kind = web_field(w, "kind");
	int64_t id;
	size_t k = 0;
	if (!authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such child");
	while (k < ARRAY_LEN(consent_kinds) && strcmp(kind, consent_kinds[k].value) != 0)
		k++;
	if (k == ARRAY_LEN(consent_kinds)) {
		op_fail(&e, OP_INVALID, "kind", "is not a kind of consent");
		return refused(w, &e, "kind", M_ERR_KIND);
	}
	date_format(today_of(w), today);
	memset(v, 0, sizeof v);
	v[CONSENT_KIND] = (struct field_value){.present = 1, .s = consent_kinds[k].value};
	v[CONSENT_GIVEN] = (struct field_value){.present = 1, .i = 1, .s = "yes"};
	v[CONSENT_CONTACT] = (struct field_value){.present = 1, .i = w->me.contact_id};
	v[CONSENT_GIVEN_ON] = (struct field_value){.present = 1, .i = today_of(w), .s = today};
	v[CONSENT_NOTE] = (struct field_value){.present = 1, .s = "given through the portal"};
	if (core_tx_begin(w->s, &e) || core_consent_add(w->s, &w->who, w->id[0], v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return refused(w, &e, "kind", M_ERR_KIND);
	}
	return web_redirect(w, "/family/children/%" PRId64 "#consents", w->id[0]);
}

int page_portal_consent_withdraw(struct web *w)
{
	struct store_stmt *st;
	struct op_error e;
	int found = 0;
	if (!authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such child");
	st = store_stmt(w->s, STMT_PORTAL_CONSENTS);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	while (!found && store_step(st) == STORE_ROW)
		found = store_col_int(st, 0) == w->id[1];
	store_finish(st);
	if (!found)
		return web_error(w, 404, "", "there is no such consent");
	if (core_tx_begin(w->s, &e) ||
	    core_consent_withdraw(w->s, &w->who, w->id[0], w->id[1], today_of(w), &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return refused(w, &e, "kind", M_ERR_KIND);
	}
	return web_redirect(w, "/family/children/%" PRId64 "#consents", w->id[0]);
}

int page_portal_observation(struct web *w)
{
	struct portal p;
	struct store_stmt *st;
	int64_t child = authz_portal_observation(w, w->id[0]);
	const char *date, *text, *next, *staff;
	int64_t author;
	if (!child)
		return web_error(w, 404, "", "there is no such observation");
	st = store_stmt(w->s, STMT_PORTAL_OBSERVATION);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	if (store_step(st) != STORE_ROW) {
		store_finish(st);
		return web_error(w, 404, "", "there is no such observation");
	}
	date = arena_strdup(w->a, store_col_text(st, 1));
	text = arena_strdup(w->a, store_col_text(st, 2));
	next = arena_strdup(w->a, store_col_text(st, 3));
	staff = arena_strdup(w->a, store_col_text(st, 4));
	author = store_col_int(st, 6);
	store_finish(st);
	portal_init(&p, w);
	portal_begin(w, portal_child_name(w, child));
	if (strcmp(web_field(w, "done"), "reply") == 0)
		html_printf(p.b, "<p class=\"notice\" role=\"status\">%s</p>",
		            T(&p, M_OBS_REPLY_THANKS));
	if (w->field_error[0])
		html_printf(p.b, "<p class=\"alert\" role=\"alert\">%s</p>", T(&p, M_ERR_TITLE));
	observation(&p, w->id[0], child, date, text, next, staff, author, 0);
	html_printf(p.b,
	            "<form method=\"post\" action=\"/family/observations/%" PRId64 "/replies\" "
	            "class=\"card noprint\">",
	            w->id[0]);
	page_csrf(w);
	textarea(&p, "reply-text", "text", T(&p, M_OBS_REPLY),
	         w->field_error[0] ? web_field(w, "text") : "");
	html_printf(p.b, "<p><button type=\"submit\">%s</button></p></form>",
	            T(&p, M_OBS_REPLY_SEND));
	html_printf(p.b, "<p><a href=\"/family/children/%" PRId64 "#observations\">%s</a></p>",
	            child, T(&p, M_OBS_BACK));
	portal_end(&p);
	return 0;
}

int page_portal_observation_reply(struct web *w)
{
	struct op_error e;
	struct portal p;
	int64_t child = authz_portal_observation(w, w->id[0]), id;
	if (!child)
		return web_error(w, 404, "", "there is no such observation");
	if (core_tx_begin(w->s, &e) ||
	    core_portal_observation_reply(w->s, &w->who, w->id[0], child, w->me.contact_id,
	                                  web_field(w, "text"), &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		portal_init(&p, w);
		w->field_error[0] = "text";
		w->field_error[1] = T(&p, M_ERR_TEXT);
		buf_reset(&w->resp->body);
		page_portal_observation(w);
		w->resp->status = 422;
		return 0;
	}
	return web_redirect(w, "/family/observations/%" PRId64 "?done=reply", w->id[0]);
}

/* ---- contact details ---- */

static const char *change_status(struct portal *p, const char *status)
{
	static const struct word t[] = {
	    {"pending", M_CHANGE_PENDING},
	    {"confirmed", M_CHANGE_CONFIRMED},
	    {"declined", M_CHANGE_DECLINED},
	};
	return WORD(p, t, status);
}

static int contact_page(struct web *w, const char *const *raw)
{
	struct portal p;
	struct store_stmt *st;
	int64_t contact = authz_portal_own_contact(&w->me);
	const char *cur[PCONTACT__MAX];
	int n = 0;
	static const enum portal_msg labels[PCONTACT__MAX] = {M_PHONE, M_EMAIL, M_ADDRESS, M_METHOD,
	                                                      M_TIME};
	static const char *const types[PCONTACT__MAX] = {"tel", "email", "text", "", "text"};
	if (!contact)
		return web_error(w, 404, "", "there is no such contact");
	st = store_stmt(w->s, STMT_PORTAL_CONTACT_GET);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, contact);
	if (store_step(st) != STORE_ROW) {
		store_finish(st);
		return web_error(w, 404, "", "there is no such contact");
	}
	for (int i = 0; i < PCONTACT__MAX; i++)
		cur[i] = arena_strdup(w->a, raw ? raw[i] : store_col_text(st, 3 + i));
	store_finish(st);
	portal_init(&p, w);
	buf_reset(p.b);
	portal_begin(w, T(&p, M_CONTACT));
	notice(&p);
	html_printf(p.b,
	            "<p>%s</p><form method=\"post\" action=\"/family/contact\" class=\"card\">",
	            T(&p, M_CONTACT_HINT));
	page_csrf(w);
	for (int i = 0; i < PCONTACT__MAX; i++) {
		const char *name = core_portal_contact_fields[i].name;
		if (i == PCONTACT_METHOD) {
			html_printf(
			    p.b, "<label for=\"c-%s\">%s</label><select id=\"c-%s\" name=\"%s\">",
			    name, T(&p, labels[i]), name, name);
			for (size_t k = 0; k < ARRAY_LEN(contact_methods); k++)
				html_printf(p.b, "<option value=\"%s\"%s>%s</option>",
				            contact_methods[k].value,
				            strcmp(cur[i], contact_methods[k].value) == 0
				                ? " selected"
				                : "",
				            T(&p, contact_methods[k].msg));
			html_raw(p.b, "</select>");
		} else {
			html_printf(p.b,
			            "<label for=\"c-%s\">%s</label><input type=\"%s\" id=\"c-%s\" "
			            "name=\"%s\" value=\"%s\">",
			            name, T(&p, labels[i]), types[i], name, name, cur[i]);
		}
		page_field_error(w, name);
	}
	html_printf(p.b, "<p><button type=\"submit\">%s</button></p></form>",
	            T(&p, M_CONTACT_SEND));
	st = store_stmt(w->s, STMT_PORTAL_CHANGES_OF);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, contact);
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_printf(p.b, "<h2>%s</h2><ul>", T(&p, M_CHANGES));
		html_printf(
		    p.b, "<li><a href=\"/family/contact/changes/%" PRId64 "\">%s %s</a>: %s</li>",
		    store_col_int(st, 0), T(&p, M_CHANGE_ASKED_ON),
		    instant_words(&p, store_col_int(st, 2)),
		    change_status(&p, store_col_text(st, 1)));
	}
	store_finish(st);
	if (n)
		html_raw(p.b, "</ul>");
	family_portal_emergency(w); /* emergency contacts (page_family.c) */
	html_printf(p.b, "<p><a href=\"/family\">%s</a></p>", T(&p, M_BACK));
	portal_end(&p);
	return 0;
}

int page_portal_contact(struct web *w)
{
	return contact_page(w, NULL);
}

int page_portal_contact_ask(struct web *w)
{
	const char *raw[PCONTACT__MAX];
	struct field_value v[PCONTACT__MAX];
	struct field_error fe;
	struct op_error e;
	struct portal p;
	int64_t contact = authz_portal_own_contact(&w->me), id;
	if (!contact)
		return web_error(w, 404, "", "there is no such contact");
	for (int i = 0; i < PCONTACT__MAX; i++)
		raw[i] = web_field(w, core_portal_contact_fields[i].name);
	portal_init(&p, w);
	if (valid_record(core_portal_contact_fields, PCONTACT__MAX, raw, v, w->a, &fe) != 0) {
		w->field_error[0] = arena_strdup(w->a, fe.field);
		w->field_error[1] =
		    T(&p, strcmp(fe.field, "email") == 0 ? M_ERR_EMAIL : M_ERR_FIELD);
		contact_page(w, raw);
		w->resp->status = 422;
		return 0;
	}
	if (core_tx_begin(w->s, &e) ||
	    core_portal_contact_change(w->s, &w->who, contact, v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] = arena_strdup(w->a, e.field);
		w->field_error[1] =
		    T(&p, strcmp(e.field, "email") == 0 ? M_ERR_EMAIL : M_ERR_FIELD);
		contact_page(w, raw);
		w->resp->status = 422;
		return 0;
	}
	return web_redirect(w, "/family/contact?done=contact");
}

int page_portal_contact_change(struct web *w)
{
	struct portal p;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_CHANGE_GET);
	static const enum portal_msg labels[PCONTACT__MAX] = {M_PHONE, M_EMAIL, M_ADDRESS, M_METHOD,
	                                                      M_TIME};
	const char *val[PCONTACT__MAX], *status = "";
	int64_t contact = 0, at = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	if (store_step(st) == STORE_ROW) {
		contact = store_col_int(st, 1);
		for (int i = 0; i < PCONTACT__MAX; i++)
			val[i] = arena_strdup(w->a, store_col_text(st, 2 + i));
		status = arena_strdup(w->a, store_col_text(st, 7));
		at = store_col_int(st, 8);
	}
	store_finish(st);
	if (!contact || !authz_portal_contact_change(w, contact) ||
	    authz_portal_own_contact(&w->me) != contact)
		return web_error(w, 404, "", "there is no such change");
	portal_init(&p, w);
	portal_begin(w, T(&p, M_CHANGES));
	html_printf(p.b, "<p>%s %s: <strong>%s</strong></p><dl class=\"facts card\">",
	            T(&p, M_CHANGE_ASKED_ON), instant_words(&p, at), change_status(&p, status));
	for (int i = 0; i < PCONTACT__MAX; i++)
		html_printf(p.b, "<dt>%s</dt><dd>%s</dd>", T(&p, labels[i]),
		            i == PCONTACT_METHOD ? WORD(&p, contact_methods, val[i]) : val[i]);
	html_printf(p.b, "</dl><p><a href=\"/family/contact\">%s</a></p>", T(&p, M_CONTACT));
	portal_end(&p);
	return 0;
}

/* ---- staff photos ---- */

int page_portal_staff_photo(struct web *w)
{
	struct store_stmt *st;
	const void *bytes;
	size_t n;
	if (!authz_portal_staff_photo(w, w->id[0]))
		return web_error(w, 404, "", "there is no such photo");
	st = store_stmt(w->s, STMT_PORTAL_STAFF_PHOTO);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	if (store_step(st) != STORE_ROW) {
		store_finish(st);
		return web_error(w, 404, "", "there is no such photo");
	}
	bytes = store_col_blob(st, 0, &n);
	w->resp->bytes = memcpy(arena_alloc(w->a, n ? n : 1), bytes, n);
	w->resp->bytes_len = n;
	w->resp->content_type = arena_strdup(w->a, store_col_text(st, 1));
	w->resp->cache_control = "private, no-store";
	store_finish(st);
	return 0;
}

/* ---- /today: the families' own absence notes ---- */

void portal_today_absences(struct web *w, int day)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_FAMILY_ABSENCES_ON);
	struct buf *b = &w->resp->body;
	char d[DATE_LEN];
	struct {
		int64_t id;
		const char *name, *reason, *note;
	} rows[64];
	size_t n = 0, shown = 0;
	date_format(day, d);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, d);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(rows)) {
		rows[n].id = store_col_int(st, 0);
		rows[n].name = arena_strdup(w->a, store_col_text(st, 1));
		rows[n].reason = arena_strdup(w->a, store_col_text(st, 2));
		rows[n].note = arena_strdup(w->a, store_col_text(st, 3));
		n++;
	}
	store_finish(st);
	for (size_t i = 0; i < n; i++) {
		if (!authz_child(w, rows[i].id, CHILD_BASIC))
			continue;
		html_raw(b, shown++
		                ? ", "
		                : "<p id=\"family-absences\">Not coming (the family told us): ");
		html_printf(b, "<a href=\"/children/%" PRId64 "\">%s</a> (%s%s%s)", rows[i].id,
		            rows[i].name, rows[i].reason, *rows[i].note ? ": " : "", rows[i].note);
	}
	if (shown)
		html_raw(b, "</p>");
}
