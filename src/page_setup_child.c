/*
 * page_setup_child.c — one child's page (GET /children/:id) and the family
 * view a parent gets there (the portal itself, /family, is page_portal.c).
 * What the page shows is decided by authz_child alone:
 *
 *   CHILD_BASIC   (staff in the child's room, the key person and buddy,
 *                 managers, SENCo, DSL): today's basics — names, room, age,
 *                 allergies, medical and dietary needs, who may collect
 *                 (restricted contacts in a warning: "NOT to collect"),
 *                 the key person and buddy today, the usual week;
 *   CHILD_RECORDS in addition: date of birth, languages, SEN, funding, the
 *                 contacts with how and when to reach them, consents, the
 *                 key person history;
 *   CHILD_PORTAL  (a parent of the child's family): the portal's page of
 *                 the child (page_portal.c), in the family's language.
 *                 Nothing about contacts, so a parent never learns of a
 *                 restriction, their own or another's.
 *
 * Anyone else gets the same 404 as for a child who does not exist.
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_child.h"
#include "core_photo.h"
#include "date.h"
#include "page_records.h"
#include "page_contract.h"
#include "page_obs.h"
#include "page_portal.h"
#include "page_medicine.h"
#include "page_sen.h"
#include "page_setup.h"

struct child_rec {
	int64_t id, room_id, family_id;
	const char *code, *first, *last, *preferred, *dob, *room, *home_language, *other_languages,
	    *allergies, *medical, *dietary, *funding, *lives_with, *start, *leaving;
	int sen;
};

static void photo(struct web *w, const struct child_rec *c);

static int child_load(struct web *w, int64_t id, struct child_rec *c)
{
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_CHILD_GET);
	int found;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, id);
	found = store_step(st) == STORE_ROW;
	if (found) {
#define COL(i) arena_strdup(w->a, store_col_text(st, i))
		c->id = store_col_int(st, 0);
		c->code = COL(1);
		c->first = COL(2);
		c->last = COL(3);
		c->preferred = COL(4);
		c->dob = COL(5);
		c->room_id = store_col_int(st, 6);
		c->room = COL(7);
		c->home_language = COL(8);
		c->other_languages = COL(9);
		c->allergies = COL(10);
		c->medical = COL(11);
		c->dietary = COL(12);
		c->sen = (int)store_col_int(st, 13);
		c->funding = COL(14);
		c->lives_with = COL(15);
		c->start = COL(16);
		c->leaving = COL(17);
		c->family_id = store_col_int(st, 18);
#undef COL
	}
	store_finish(st);
	return found ? 0 : -1;
}

static const char *child_name(struct web *w, const struct child_rec *c)
{
	return arena_printf(w->a, "%s %s", *c->preferred ? c->preferred : c->first, c->last);
}

static void fact(struct web *w, const char *label, const char *value, const char *none)
{
	if (value && *value)
		html_printf(&w->resp->body, "<dt>%s</dt><dd>%s</dd>", label, value);
	else if (none)
		html_printf(&w->resp->body, "<dt>%s</dt><dd class=\"muted\">%s</dd>", label, none);
}

/* The key person and buddy in force today (0 when none). */
static void key_today(struct web *w, int64_t child_id, int64_t *key, int64_t *buddy)
{
	struct store_stmt *st = store_stmt(w->s, STMT_KEY_ON_CHILD);
	char d[DATE_LEN];
	date_format(page_setup_today(w), d);
	*key = *buddy = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, d);
	store_bind_text(st, 4, d);
	if (store_step(st) == STORE_ROW) {
		*key = store_col_int(st, 0);
		*buddy = store_col_int(st, 1);
	}
	store_finish(st);
}

static void key_people(struct web *w, int64_t child_id, const char *heading)
{
	struct buf *b = &w->resp->body;
	int64_t key, buddy;
	key_today(w, child_id, &key, &buddy);
	html_printf(b, "<h2>%s</h2><dl class=\"facts\">", heading);
	if (key)
		html_printf(b, "<dt>Key person</dt><dd>%s</dd><dt>Buddy</dt><dd>%s</dd>",
		            page_setup_staff_name(w, key), page_setup_staff_name(w, buddy));
	else
		html_raw(b, "<dt>Key person</dt><dd class=\"nobody\">not chosen yet</dd>");
	html_raw(b, "</dl>");
}

static void usual_week(struct web *w, int64_t child_id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_CHILD_ATTENDANCE);
	int n = 0;
	html_raw(b, "<h2>Usual week</h2>");
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		char arrive[TIME_LEN], leave[TIME_LEN];
		if (!n++)
			html_raw(
			    b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th "
			       "scope=\"col\">Day</th>"
			       "<th scope=\"col\">Arrives</th><th scope=\"col\">Goes home</th></tr>"
			       "</thead><tbody>");
		time_format((int)store_col_int(st, 1), arrive);
		time_format((int)store_col_int(st, 2), leave);
		html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>",
		            page_setup_weekday((int)store_col_int(st, 0)), arrive, leave);
	}
	store_finish(st);
	html_raw(b,
	         n ? "</tbody></table></div>" : "<p class=\"muted\">No usual days recorded.</p>");
}

/* ---- contacts ---- */

struct contact_rec {
	int64_t id;
	const char *name, *relationship, *phone, *email, *method, *time, *language, *restriction,
	    *note;
	int pr, may_collect, emergency;
};

static struct contact_rec *contacts_load(struct web *w, int64_t family_id, size_t *n)
{
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_FAMILY_CONTACTS);
	struct contact_rec *v = NULL;
	size_t cap = 0;
	*n = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, family_id);
	while (store_step(st) == STORE_ROW) {
		struct contact_rec *c;
		v = page_setup_grow(w, v, &cap, *n, sizeof *v);
		c = &v[(*n)++];
#define COL(i) arena_strdup(w->a, store_col_text(st, i))
		c->id = store_col_int(st, 0);
		c->name = COL(1);
		c->relationship = COL(2);
		c->pr = (int)store_col_int(st, 3);
		c->may_collect = (int)store_col_int(st, 4);
		c->emergency = (int)store_col_int(st, 5);
		c->phone = COL(6);
		c->email = COL(7);
		c->method = COL(8);
		c->time = COL(9);
		c->language = COL(10);
		c->restriction = COL(11);
		c->note = COL(12);
#undef COL
	}
	store_finish(st);
	return v;
}

static int restricted(const struct contact_rec *c)
{
	return strcmp(c->restriction, "none") != 0;
}

/* May hand the child over to them: allowed to collect and no restriction forbids it. */
static int collects(const struct contact_rec *c)
{
	return c->may_collect && strcmp(c->restriction, "no_collect") != 0 &&
	       strcmp(c->restriction, "no_contact") != 0;
}

static const char *restriction_words(const struct contact_rec *c)
{
	if (strcmp(c->restriction, "no_information") == 0)
		return collects(c) ? "give NO information about the child"
		                   : "NOT to collect; give NO information about the child";
	if (strcmp(c->restriction, "no_contact") == 0)
		return "NOT to collect; NO contact with the child";
	return "NOT to collect";
}

static void collection(struct web *w, const struct contact_rec *cs, size_t n, int records)
{
	struct buf *b = &w->resp->body;
	int k = 0;
	html_raw(b, "<h2>Who may collect</h2>");
	for (size_t i = 0; i < n; i++) {
		if (!restricted(&cs[i]))
			continue;
		if (!k++)
			html_raw(b,
			         "<div class=\"alert\" role=\"alert\"><ul class=\"restricted\">");
		html_printf(b, "<li><strong>%s</strong>%s%s%s: %s", cs[i].name,
		            *cs[i].relationship ? " (" : "", cs[i].relationship,
		            *cs[i].relationship ? ")" : "", restriction_words(&cs[i]));
		if (records && *cs[i].note)
			html_printf(b, " — %s", cs[i].note);
		html_raw(b, "</li>");
	}
	if (k)
		html_raw(b, "</ul></div>");
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!collects(&cs[i]))
			continue;
		if (!k++)
			html_raw(b, "<ul>");
		html_printf(b, "<li>%s%s%s%s</li>", cs[i].name, *cs[i].relationship ? " (" : "",
		            cs[i].relationship, *cs[i].relationship ? ")" : "");
	}
	html_raw(b,
	         k ? "</ul>" : "<p class=\"nobody\">Nobody is recorded as allowed to collect.</p>");
}

static const char *method_words(const char *m)
{
	static const char *const words[][2] = {
	    {"in_person", "in person"}, {"phone", "phone call"},         {"text", "text message"},
	    {"email", "email"},         {"portal", "through keyworker"},
	};
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(m, words[i][0]) == 0)
			return words[i][1];
	return m;
}

static void contacts_table(struct web *w, const struct child_rec *c, const struct contact_rec *cs,
                           size_t n)
{
	struct buf *b = &w->resp->body;
	html_raw(b, "<h2 id=\"contacts\">Contacts</h2>");
	if (authz_child(w, c->id, CHILD_ENROL))
		html_printf(b,
		            "<p class=\"noprint\"><a href=\"/children/%lld/contacts/new\">Add a "
		            "contact</a></p>",
		            (long long)c->id);
	if (!n) {
		html_raw(b, "<p class=\"nobody\">No contacts recorded.</p>");
		return;
	}
	html_raw(
	    b,
	    "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Name</th>"
	    "<th scope=\"col\">Relationship</th><th scope=\"col\">Parental responsibility</th>"
	    "<th scope=\"col\">Phone</th><th scope=\"col\">Email</th>"
	    "<th scope=\"col\">Best way and time</th><th scope=\"col\">Language</th>"
	    "<th scope=\"col\">Restriction</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct contact_rec *k = &cs[i];
		html_printf(b, "<tr><th scope=\"row\">%s", k->name);
		if (k->emergency)
			html_raw(b, " <span class=\"tag\">emergency</span>");
		if (collects(k))
			html_raw(b, " <span class=\"tag\">may collect</span>");
		html_printf(b,
		            "</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s%s%s</"
		            "td><td>%s</td><td>",
		            k->relationship, k->pr ? "yes" : "no", k->phone, k->email,
		            method_words(k->method), *k->time ? ", " : "", k->time, k->language);
		if (restricted(k))
			html_printf(b, "<strong class=\"nobody\">%s</strong>%s%s",
			            restriction_words(k), *k->note ? " — " : "", k->note);
		else
			html_raw(b, "<span class=\"muted\">none</span>");
		if (k->pr && !restricted(k) && authz_user_grant(&w->me, R(ROLE_PARENT)))
			html_printf(b,
			            "<br><a class=\"noprint\" "
			            "href=\"/admin/users?contact=%lld&amp;role=parent"
			            "&amp;display_name=%s#add-user\">Give them a sign-in</a>",
			            (long long)k->id, page_setup_url(w, k->name));
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

static const char *const consent_options[] = {"photos",
                                              "Photographs in the child's records",
                                              "photos_shared_with_others",
                                              "Photographs shown to other families",
                                              "share_health_visitor",
                                              "Sharing with the health visitor",
                                              "share_next_setting",
                                              "Sharing with the next setting or school",
                                              "outings",
                                              "Outings",
                                              "sun_cream",
                                              "Sun cream",
                                              "first_aid",
                                              "First aid",
                                              "medicine",
                                              "Medicines",
                                              "transport",
                                              "Transport",
                                              "other",
                                              "Other (say which in the note)",
                                              NULL};

/* The form to record a consent (managers), with the person's input kept
 * and the error next to its field after a refusal. */
static void consent_form(struct web *w, int64_t child_id, const struct contact_rec *cs, size_t n)
{
	struct buf *b = &w->resp->body;
	const char *kind = web_field(w, "kind"), *given = web_field(w, "given");
	const char *contact = web_field(w, "contact"), *on = web_field(w, "given_on");
	html_printf(
	    b,
	    "<form method=\"post\" action=\"/children/%lld/consents\" class=\"card noprint\">"
	    "<h3>Record a consent</h3>",
	    (long long)child_id);
	page_csrf(w);
	html_raw(
	    b, "<label for=\"consent-kind\">For</label><select id=\"consent-kind\" name=\"kind\">");
	for (size_t i = 0; consent_options[i]; i += 2)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", consent_options[i],
		            strcmp(kind, consent_options[i]) == 0 ? " selected" : "",
		            consent_options[i + 1]);
	html_raw(b, "</select>");
	page_field_error(w, "kind");
	html_printf(b,
	            "<label for=\"consent-given\">Answer</label><select id=\"consent-given\" "
	            "name=\"given\">"
	            "<option value=\"yes\"%s>Given</option><option "
	            "value=\"no\"%s>Refused</option></select>",
	            strcmp(given, "no") != 0 ? " selected" : "",
	            strcmp(given, "no") == 0 ? " selected" : "");
	page_field_error(w, "given");
	html_raw(b,
	         "<label for=\"consent-contact\">Given by</label>"
	         "<select id=\"consent-contact\" name=\"contact\"><option value=\"\">—</option>");
	for (size_t i = 0; i < n; i++) {
		const char *id = arena_printf(w->a, "%lld", (long long)cs[i].id);
		if (cs[i].pr)
			html_printf(b, "<option value=\"%s\"%s>%s</option>", id,
			            strcmp(contact, id) == 0 ? " selected" : "", cs[i].name);
	}
	html_raw(b, "</select>");
	page_field_error(w, "contact");
	if (!*on)
		on = arena_printf(w->a, "%s", "");
	html_printf(
	    b,
	    "<label for=\"consent-on\">Date</label>"
	    "<input type=\"date\" id=\"consent-on\" name=\"given_on\" required value=\"%s\">",
	    on);
	page_field_error(w, "given_on");
	html_printf(b,
	            "<label for=\"consent-note\">Note</label>"
	            "<input type=\"text\" id=\"consent-note\" name=\"note\" value=\"%s\">",
	            web_field(w, "note"));
	page_field_error(w, "note");
	html_raw(b, "<p><button type=\"submit\">Record</button></p></form>");
}

static void consents(struct web *w, int64_t child_id, const struct contact_rec *cs, size_t ncs)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_CONSENTS);
	int n = 0, manage = authz_child(w, child_id, CHILD_ENROL);
	html_raw(b, "<h2 id=\"consents\">Consents</h2>");
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		const char *withdrawn = store_col_text(st, 3);
		int given = (int)store_col_int(st, 1);
		const char *answer = *withdrawn ? arena_printf(w->a, "withdrawn on %s", withdrawn)
		                     : given    ? "yes"
		                                : "no";
		if (!n++)
			html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
			            "<th scope=\"col\">For</th><th scope=\"col\">Answer</th>"
			            "<th scope=\"col\">Given on</th><th scope=\"col\">By</th>"
			            "<th scope=\"col\">Note</th>"
			            "<th scope=\"col\"><span class=\"muted\">Withdraw</span></th>"
			            "</tr></thead><tbody>");
		html_printf(
		    b,
		    "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
		    store_col_text(st, 0), answer, store_col_text(st, 2), store_col_text(st, 4),
		    store_col_text(st, 5));
		if (manage && given && !*withdrawn) {
			html_printf(b,
			            "<form method=\"post\" "
			            "action=\"/children/%lld/consents/%lld/withdraw\">",
			            (long long)child_id, (long long)store_col_int(st, 6));
			page_csrf(w);
			html_raw(b, "<button type=\"submit\" class=\"secondary\" "
			            "data-confirm=\"Withdraw this consent from "
			            "today?\">Withdraw</button></form>");
		}
		html_raw(b, "</td></tr>");
	}
	store_finish(st);
	html_raw(b, n ? "</tbody></table></div>" : "<p class=\"muted\">No consents recorded.</p>");
	if (manage)
		consent_form(w, child_id, cs, ncs);
}

static void key_history(struct web *w, int64_t child_id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_KEY_HISTORY);
	int n = 0;
	html_raw(b, "<h2>Key person history</h2>");
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_raw(b,
			         "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th "
			         "scope=\"col\">From</th>"
			         "<th scope=\"col\">Until</th><th scope=\"col\">Key person</th>"
			         "<th scope=\"col\">Buddy</th><th "
			         "scope=\"col\">Why</th></tr></thead><tbody>");
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		            store_col_text(st, 0),
		            *store_col_text(st, 1) ? store_col_text(st, 1) : "now",
		            store_col_text(st, 2), store_col_text(st, 3), store_col_text(st, 4));
	}
	store_finish(st);
	html_raw(b, n ? "</tbody></table></div>" : "<p class=\"muted\">No key person yet.</p>");
}

static const char *funding_words(const char *f)
{
	if (strcmp(f, "2yo") == 0)
		return "2-year-old funding";
	if (strcmp(f, "15") == 0)
		return "15 hours";
	if (strcmp(f, "30") == 0)
		return "30 hours";
	return "none";
}

static int staff_view(struct web *w, const struct child_rec *c)
{
	struct buf *b = &w->resp->body;
	int records = authz_child(w, c->id, CHILD_RECORDS);
	int today = page_setup_today(w);
	struct contact_rec *cs = NULL;
	size_t ncs = 0;

	if (c->family_id)
		cs = contacts_load(w, c->family_id, &ncs);
	page_begin(w, arena_printf(w->a, "%s %s", c->first, c->last));
	if (authz_diary_write(w, c->id)) /* the diary, weekly update, check at two, … */
		records_child_links(w, c->id);
	page_sen_child_links(w, c->id); /* SEN and behaviour (page_sen.c) */
	page_medicine_child_link(w, c->id);
	/* accidents and injuries (page_accident.c) */
	html_printf(&w->resp->body,
	            "<p class=\"noprint\"><a href=\"/children/%lld/accidents\">Accidents and "
	            "injuries</a></p>",
	            (long long)c->id);
	contract_staff_link(w, c->id); /* contract and funding (page_contract.c) */
	photo(w, c);
	if (authz_child(w, c->id, CHILD_ENROL)) {
		html_printf(b,
		            "<form method=\"post\" action=\"/children/%lld/photo\" "
		            "enctype=\"multipart/form-data\" class=\"card noprint\">",
		            (long long)c->id);
		page_csrf(w);
		html_raw(b, "<label for=\"photo\">Photo (JPEG or PNG, at most 5 MB)</label>"
		            "<input type=\"file\" id=\"photo\" name=\"photo\" "
		            "accept=\"image/jpeg,image/png\">");
		page_field_error(w, "photo");
		html_raw(b, "<p><button type=\"submit\">Save the photo</button></p></form>");
	}
	html_raw(b, "<h2>Today's basics</h2><dl class=\"facts card\">");
	fact(w, "Preferred name", c->preferred, NULL);
	fact(w, "Room", c->room, NULL);
	fact(w, "Age", page_setup_age(w, c->dob, today), NULL);
	if (*c->allergies)
		html_printf(b, "<dt>Allergies</dt><dd><strong class=\"nobody\">%s</strong></dd>",
		            c->allergies);
	else
		fact(w, "Allergies", "", "none known");
	fact(w, "Medical needs", c->medical, "none known");
	fact(w, "Dietary needs", c->dietary, "none known");
	html_raw(b, "</dl>");
	html_printf(b, /* issue 9: the allergens and diets the menu is checked against */
	            "<p><a href=\"/children/%lld/diet\">Allergens and diets for the menu</a></p>",
	            (long long)c->id);
	collection(w, cs, ncs, records);
	key_people(w, c->id, "Key person and buddy");
	usual_week(w, c->id);
	page_obs_child_section(w, c->id);
	if (!records) {
		html_raw(b, "<p class=\"muted\">The child's full records are for their key person, "
		            "buddy, the SENCo and managers.</p>");
		page_end(w);
		return 0;
	}
	html_raw(b, "<h2>Records</h2><dl class=\"facts card\">");
	fact(w, "Child's code", c->code, NULL);
	fact(w, "Date of birth", c->dob, NULL);
	fact(w, "Home language", c->home_language, NULL);
	fact(w, "Other languages", c->other_languages, "none");
	fact(w, "SEN", c->sen ? "yes" : "no", NULL);
	fact(w, "Funding", funding_words(c->funding), NULL);
	fact(w, "Lives with", c->lives_with, NULL);
	fact(w, "Started", c->start, NULL);
	fact(w, "Leaving date", c->leaving, NULL);
	html_raw(b, "</dl>");
	contacts_table(w, c, cs, ncs);
	consents(w, c->id, cs, ncs);
	key_history(w, c->id);
	page_end(w);
	return 0;
}

/* The first character of a UTF-8 name, for the photo placeholder. */
static const char *initial(struct web *w, const char *name)
{
	size_t len = 1;
	unsigned char c = (unsigned char)name[0];
	if (!c)
		return "";
	if (c >= 0xf0)
		len = 4;
	else if (c >= 0xe0)
		len = 3;
	else if (c >= 0xc0)
		len = 2;
	for (size_t i = 1; i < len; i++)
		if (!name[i])
			return "";
	return arena_strndup(w->a, name, len);
}

static int has_photo(struct web *w, int64_t child_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_CHILD_HAS_PHOTO);
	int yes;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

/* The child's photo, or the initials in its place. */
static void photo(struct web *w, const struct child_rec *c)
{
	if (has_photo(w, c->id))
		html_printf(&w->resp->body,
		            "<img class=\"photo\" src=\"/children/%lld/photo\" alt=\"Photo of %s\" "
		            "width=\"96\" height=\"96\">",
		            (long long)c->id, child_name(w, c));
	else
		html_printf(&w->resp->body, "<div class=\"photo\" aria-hidden=\"true\">%s%s</div>",
		            initial(w, *c->preferred ? c->preferred : c->first),
		            initial(w, c->last));
}

int page_setup_child(struct web *w)
{
	struct child_rec c;
	struct op_error e;
	/* Every look at a child's full records or the family view is audited;
	 * when that cannot be recorded, the record is not shown. */
	if (authz_child(w, w->id[0], CHILD_BASIC) && child_load(w, w->id[0], &c) == 0) {
		if (authz_child(w, c.id, CHILD_RECORDS) &&
		    audit_read(w->s, &w->who, "child.view.records", c.id, &e) != 0)
			return web_op_error(w, &e);
		return staff_view(w, &c);
	}
	if (authz_child(w, w->id[0], CHILD_PORTAL) && child_load(w, w->id[0], &c) == 0) {
		if (audit_read(w->s, &w->who, "child.view.family", c.id, &e) != 0)
			return web_op_error(w, &e);
		return page_portal_child(w); /* the portal's page of the child */
	}
	return web_error(w, 404, "", "there is no such child");
}

/* POST /children/:id/consents — record a consent given or refused. */
int page_setup_consent_add(struct web *w)
{
	const char *raw[CONSENT__MAX];
	struct field_value v[CONSENT__MAX];
	struct field_error fe;
	struct op_error e;
	struct child_rec c;
	int64_t id;
	if (!authz_child(w, w->id[0], CHILD_ENROL) || child_load(w, w->id[0], &c) != 0)
		return web_error(w, 404, "", "there is no such child");
	for (size_t i = 0; i < CONSENT__MAX; i++)
		raw[i] = web_field(w, core_consent_fields[i].name);
	if (valid_record(core_consent_fields, CONSENT__MAX, raw, v, w->a, &fe) != 0) {
		w->field_error[0] = arena_strdup(w->a, fe.field);
		w->field_error[1] = arena_printf(w->a, "This %s.", fe.msg);
		w->resp->status = 422;
		return staff_view(w, &c);
	}
	if (core_tx_begin(w->s, &e) || core_consent_add(w->s, &w->who, c.id, v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] = arena_strdup(w->a, e.field);
		w->field_error[1] = arena_printf(w->a, "This %s.", e.msg);
		w->resp->status = 422;
		return staff_view(w, &c);
	}
	return web_redirect(w, "/children/%lld#consents", (long long)c.id);
}

/* POST /children/:id/consents/:id/withdraw — withdrawn from today; the record stays. */
int page_setup_consent_withdraw(struct web *w)
{
	struct op_error e;
	if (!authz_child(w, w->id[0], CHILD_ENROL))
		return web_error(w, 404, "", "there is no such child");
	if (core_tx_begin(w->s, &e) ||
	    core_consent_withdraw(w->s, &w->who, w->id[0], w->id[1], page_setup_today(w), &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/children/%lld#consents", (long long)w->id[0]);
}

/* GET /children/:id/photo — for whoever may see the child (staff at the
 * basics, the child's own family); never cached by the browser. */
int page_setup_child_photo(struct web *w)
{
	struct store_stmt *st;
	const void *p;
	size_t n;
	if (!authz_child(w, w->id[0], CHILD_BASIC) && !authz_child(w, w->id[0], CHILD_PORTAL))
		return web_error(w, 404, "", "there is no such photo");
	st = store_stmt(w->s, STMT_CHILD_PHOTO);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	if (store_step(st) != STORE_ROW) {
		store_finish(st);
		return web_error(w, 404, "", "there is no such photo");
	}
	p = store_col_blob(st, 0, &n);
	w->resp->bytes = memcpy(arena_alloc(w->a, n ? n : 1), p, n);
	w->resp->bytes_len = n;
	w->resp->content_type = arena_strdup(w->a, store_col_text(st, 1));
	store_finish(st);
	return 0;
}

/* POST /children/:id/photo (multipart, field "photo") — a manager sets the
 * child's photo; the picture is checked by its content and cleaned. */
int page_setup_child_photo_set(struct web *w)
{
	const struct kv *f = kv_find(&w->req->form, "photo");
	struct child_rec c;
	struct op_error e;
	if (!authz_child(w, w->id[0], CHILD_ENROL) || child_load(w, w->id[0], &c) != 0)
		return web_error(w, 404, "", "there is no such child");
	if (!f || f->len == 0) {
		w->field_error[0] = "photo";
		w->field_error[1] = "Choose a JPEG or PNG picture.";
		w->resp->status = 422;
		return staff_view(w, &c);
	}
	if (core_tx_begin(w->s, &e) ||
	    core_child_set_photo(w->s, &w->who, c.id, (const unsigned char *)f->val, f->len, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] = "photo";
		w->field_error[1] = arena_printf(w->a, "The file %s.", e.msg);
		w->resp->status = 422;
		return staff_view(w, &c);
	}
	return web_redirect(w, "/children/%lld", (long long)c.id);
}
