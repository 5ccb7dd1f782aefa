/*
 * page_setup_children.c — the children on roll (GET /children, with
 * ?room=NAME), enrolling a child (GET /children/new, POST /children, through
 * core_child_add: family, usual week, key person and buddy) and adding a
 * contact to a child's family (GET /children/:id/contacts/new, POST
 * /children/:id/contacts, core_contact_add). The list shows only the
 * children the person may see: every row passes authz_child(CHILD_BASIC),
 * so a practitioner sees the children of the rooms they work in and their
 * own key and buddy children, and nobody else's.
 */
#include <string.h>
#include <strings.h>

#include "core_child.h"
#include "core_setting.h"
#include "date.h"
#include "page_setup.h"

static const char *const funding_options[] = {
    "none", "No funded hours", "2yo", "2-year-old funding", "15", "15 hours",
    "30",   "30 hours",        NULL};

static const char *const week_hint = "Arrival and home time as HH:MM-HH:MM, e.g. 08:00-15:00; "
                                     "leave empty on days the child does not come";

static const struct setup_input_def child_inputs[] = {
    {CHILD_ID, "Child's code", "The nursery's own code, e.g. C061", SETUP_TEXT, NULL, "The child"},
    {CHILD_FIRST_NAME, "First name", NULL, SETUP_TEXT, NULL, NULL},
    {CHILD_LAST_NAME, "Last name", NULL, SETUP_TEXT, NULL, NULL},
    {CHILD_PREFERRED_NAME, "Preferred name", "What the child is called day to day, if different",
     SETUP_TEXT, NULL, NULL},
    {CHILD_DATE_OF_BIRTH, "Date of birth", NULL, SETUP_DATE, NULL, NULL},
    {CHILD_ROOM, "Room", NULL, SETUP_ROOM, NULL, NULL},
    {CHILD_START_DATE, "Start date", NULL, SETUP_DATE, NULL, NULL},
    {CHILD_LEAVING_DATE, "Leaving date", "Only when it is known", SETUP_DATE, NULL, NULL},
    {CHILD_FAMILY, "Family", "Brothers and sisters share a family; empty: the last name",
     SETUP_TEXT, NULL, "Family and languages"},
    {CHILD_LIVES_WITH, "Lives with", NULL, SETUP_TEXT, NULL, NULL},
    {CHILD_HOME_LANGUAGE, "Home language", "A language code such as en, pl or ur", SETUP_TEXT, NULL,
     NULL},
    {CHILD_OTHER_LANGUAGES, "Other languages", "Codes separated by ;", SETUP_TEXT, NULL, NULL},
    {CHILD_ALLERGIES, "Allergies", NULL, SETUP_TEXT, NULL, "Health and needs"},
    {CHILD_MEDICAL, "Medical needs", NULL, SETUP_TEXT, NULL, NULL},
    {CHILD_DIETARY, "Dietary needs", NULL, SETUP_TEXT, NULL, NULL},
    {CHILD_SEN, "Special educational needs (SEN)", NULL, SETUP_CHECK, NULL, NULL},
    {CHILD_FUNDING, "Funding", NULL, SETUP_SELECT, funding_options, NULL},
    {CHILD_MON, "Monday", week_hint, SETUP_SPAN, NULL, "Usual week"},
    {CHILD_TUE, "Tuesday", NULL, SETUP_SPAN, NULL, NULL},
    {CHILD_WED, "Wednesday", NULL, SETUP_SPAN, NULL, NULL},
    {CHILD_THU, "Thursday", NULL, SETUP_SPAN, NULL, NULL},
    {CHILD_FRI, "Friday", NULL, SETUP_SPAN, NULL, NULL},
    {CHILD_SAT, "Saturday", NULL, SETUP_SPAN, NULL, NULL},
    {CHILD_SUN, "Sunday", NULL, SETUP_SPAN, NULL, NULL},
    {CHILD_KEY_PERSON, "Key person", "Someone who works in the child's room", SETUP_STAFF, NULL,
     "Key person and buddy"},
    {CHILD_BUDDY, "Buddy",
     "Someone else in the child's room, who steps in when the key person "
     "is away",
     SETUP_STAFF, NULL, NULL},
};

static const struct setup_form child_form = {core_child_fields, CHILD__MAX, child_inputs,
                                             ARRAY_LEN(child_inputs)};

static const char *const method_options[] = {
    "in_person", "In person", "phone",  "Phone call",        "text", "Text message",
    "email",     "Email",     "portal", "Through keyworker", NULL};

static const char *const restriction_options[] = {"none",
                                                  "None",
                                                  "no_collect",
                                                  "May NOT collect the child",
                                                  "no_information",
                                                  "No information about the child to be given",
                                                  "no_contact",
                                                  "No contact with the child (and may NOT collect)",
                                                  NULL};

static const struct setup_input_def contact_inputs[] = {
    {CONTACT_NAME, "Name", NULL, SETUP_TEXT, NULL, "Who they are"},
    {CONTACT_RELATIONSHIP, "Relationship to the child", "e.g. Mother, Grandad, Childminder",
     SETUP_TEXT, NULL, NULL},
    {CONTACT_PARENTAL_RESPONSIBILITY, "Has parental responsibility", NULL, SETUP_CHECK, NULL, NULL},
    {CONTACT_MAY_COLLECT, "May collect the child", NULL, SETUP_CHECK, NULL, NULL},
    {CONTACT_EMERGENCY, "Emergency contact", NULL, SETUP_CHECK, NULL, NULL},
    {CONTACT_PHONE, "Phone", NULL, SETUP_TEL, NULL, "How to reach them"},
    {CONTACT_EMAIL, "Email", NULL, SETUP_EMAIL, NULL, NULL},
    {CONTACT_ADDRESS, "Address", NULL, SETUP_TEXT, NULL, NULL},
    {CONTACT_PREFERRED_METHOD, "Preferred way to be contacted", NULL, SETUP_SELECT, method_options,
     NULL},
    {CONTACT_PREFERRED_TIME, "Best time", "e.g. after 5pm, not on Wednesdays", SETUP_TEXT, NULL,
     NULL},
    {CONTACT_LANGUAGE, "Language", "A language code such as en, pl or ur", SETUP_TEXT, NULL, NULL},
    {CONTACT_RESTRICTION, "Restriction", "From a court order or the family's instructions",
     SETUP_SELECT, restriction_options, "Restrictions"},
    {CONTACT_RESTRICTION_NOTE, "About the restriction", "Seen only by staff with full records",
     SETUP_TEXT, NULL, NULL},
};

static const struct setup_form contact_form = {core_contact_fields, CONTACT__MAX, contact_inputs,
                                               ARRAY_LEN(contact_inputs)};

/* ---- the list ---- */

struct child_line {
	int64_t id, room_id;
	const char *name, *room, *dob, *allergies;
};

struct key_line {
	int64_t child_id, primary, secondary;
};

static void room_filter(struct web *w, const char *current)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_ROOM_LIST);
	html_raw(b, "<form method=\"get\" action=\"/children\" class=\"noprint inline\">"
	            "<label for=\"room\">Room</label><select id=\"room\" name=\"room\">");
	html_printf(b, "<option value=\"\"%s>All rooms</option>", *current ? "" : " selected");
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", store_col_text(st, 1),
		            strcasecmp(store_col_text(st, 1), current) == 0 ? " selected" : "",
		            store_col_text(st, 1));
	store_finish(st);
	html_raw(b, "</select> <button type=\"submit\" class=\"secondary\">Show</button></form>");
}

int page_setup_children(struct web *w)
{
	struct buf *b = &w->resp->body;
	const char *room = web_field(w, "room");
	int64_t room_id = 0;
	int today = page_setup_today(w), shown = 0;
	char d[DATE_LEN];
	struct child_line *kids = NULL;
	struct key_line *keys = NULL;
	size_t nkids = 0, capk = 0, nkeys = 0, capkeys = 0;
	struct store_stmt *st;

	if (*room && !(room_id = core_room_find(w->s, w->me.setting_id, room)))
		return web_error(w, 404, "room", "there is no room called %s", room);
	date_format(today, d);
	st = store_stmt(w->s, STMT_CHILDREN_ON_ROLL);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, d);
	store_bind_text(st, 3, d);
	while (store_step(st) == STORE_ROW) {
		struct child_line *c;
		if (room_id && store_col_int(st, 6) != room_id)
			continue;
		kids = page_setup_grow(w, kids, &capk, nkids, sizeof *kids);
		c = &kids[nkids++];
		c->id = store_col_int(st, 0);
		c->name =
		    *store_col_text(st, 4)
		        ? arena_printf(w->a, "%s (%s) %s", store_col_text(st, 2),
		                       store_col_text(st, 4), store_col_text(st, 3))
		        : arena_printf(w->a, "%s %s", store_col_text(st, 2), store_col_text(st, 3));
		c->dob = arena_strdup(w->a, store_col_text(st, 5));
		c->room_id = store_col_int(st, 6);
		c->room = arena_strdup(w->a, store_col_text(st, 7));
		c->allergies = arena_strdup(w->a, store_col_text(st, 11));
	}
	store_finish(st);
	st = store_stmt(w->s, STMT_KEY_ON);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, d);
	store_bind_text(st, 3, d);
	while (store_step(st) == STORE_ROW) {
		keys = page_setup_grow(w, keys, &capkeys, nkeys, sizeof *keys);
		keys[nkeys].child_id = store_col_int(st, 0);
		keys[nkeys].primary = store_col_int(st, 1);
		keys[nkeys].secondary = store_col_int(st, 2);
		nkeys++;
	}
	store_finish(st);

	page_begin(w, *room ? arena_printf(w->a, "Children: %s", room) : "Children");
	if (authz_has(&w->me, ROLE_MANAGER))
		html_raw(b, "<p class=\"noprint\"><a class=\"button\" href=\"/children/new\">Enrol "
		            "a child</a></p>");
	room_filter(w, room);
	html_raw(
	    b,
	    "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th "
	    "scope=\"col\">Child</th>"
	    "<th scope=\"col\">Room</th><th scope=\"col\">Age</th><th scope=\"col\">Key person</th>"
	    "<th scope=\"col\">Buddy</th><th scope=\"col\">Allergies</th></tr></thead><tbody>");
	for (size_t i = 0; i < nkids; i++) {
		const struct child_line *c = &kids[i];
		const char *key = "", *buddy = "";
		if (!authz_child(w, c->id, CHILD_BASIC))
			continue;
		shown++;
		for (size_t k = 0; k < nkeys; k++)
			if (keys[k].child_id == c->id) {
				key = page_setup_staff_name(w, keys[k].primary);
				buddy = page_setup_staff_name(w, keys[k].secondary);
			}
		html_printf(
		    b,
		    "<tr><th scope=\"row\"><a href=\"/children/%lld\">%s</a></th><td>%s</td>"
		    "<td>%s</td>",
		    (long long)c->id, c->name, c->room, page_setup_age(w, c->dob, today));
		if (*key)
			html_printf(b, "<td>%s</td><td>%s</td>", key, buddy);
		else
			html_raw(
			    b,
			    "<td><span class=\"nobody\">none</span></td><td><span class=\"nobody\">"
			    "none</span></td>");
		if (*c->allergies)
			html_printf(b, "<td><strong>%s</strong></td></tr>", c->allergies);
		else
			html_raw(b, "<td><span class=\"muted\">none known</span></td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
	html_printf(b, "<p class=\"muted\">%d child%s on roll today%s.</p>", shown,
	            shown == 1 ? "" : "ren",
	            authz_has(&w->me, ROLE_MANAGER) || authz_has(&w->me, ROLE_SENCO) ||
	                    authz_has(&w->me, ROLE_DSL)
	                ? ""
	                : " in your rooms, with your key and buddy children");
	page_end(w);
	return 0;
}

/* ---- enrolling ---- */

static int child_new_page(struct web *w, int status, const char *const *raw)
{
	struct buf *b = &w->resp->body;
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Enrol a child");
	page_setup_form_errors(w, &child_form);
	html_raw(b, "<form method=\"post\" action=\"/children\" class=\"card\">");
	page_csrf(w);
	page_setup_form_inputs(w, &child_form, raw);
	html_raw(b, "<p><button type=\"submit\">Enrol</button> "
	            "<a href=\"/children\">Back to the children</a></p></form>");
	page_end(w);
	return 0;
}

int page_setup_child_new(struct web *w)
{
	return child_new_page(w, 200, NULL);
}

int page_setup_child_add(struct web *w)
{
	const char *raw[CHILD__MAX];
	struct field_value v[CHILD__MAX];
	struct op_error e;
	int64_t id;
	page_setup_form_read(w, &child_form, raw);
	if (page_setup_form_check(w, &child_form, raw, v) != 0)
		return child_new_page(w, 422, raw);
	if (core_tx_begin(w->s, &e) || core_child_add(w->s, &w->who, v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return child_new_page(w, page_setup_form_refused(w, &child_form, &e), raw);
	}
	return web_redirect(w, "/children/%lld", (long long)id);
}

/* ---- contacts ---- */

/* The child's code and name, when the person may change the child's enrolment. */
static int enrol_child(struct web *w, const char **code, const char **name)
{
	struct store_stmt *st;
	int found;
	if (!authz_child(w, w->id[0], CHILD_ENROL))
		return -1;
	st = store_stmt(w->s, STMT_SETUP_CHILD_GET);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	found = store_step(st) == STORE_ROW;
	if (found) {
		*code = arena_strdup(w->a, store_col_text(st, 1));
		*name = arena_printf(w->a, "%s %s", store_col_text(st, 2), store_col_text(st, 3));
	}
	store_finish(st);
	return found ? 0 : -1;
}

static int contact_page(struct web *w, int status, const char *name, const char *const *raw)
{
	struct buf *b = &w->resp->body;
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, arena_printf(w->a, "Add a contact for %s", name));
	html_raw(b,
	         "<p>The contact joins the child's family: brothers and sisters share them.</p>");
	page_setup_form_errors(w, &contact_form);
	html_printf(b, "<form method=\"post\" action=\"/children/%lld/contacts\" class=\"card\">",
	            (long long)w->id[0]);
	page_csrf(w);
	page_setup_form_inputs(w, &contact_form, raw);
	html_printf(b,
	            "<p><button type=\"submit\">Add the contact</button> "
	            "<a href=\"/children/%lld\">Back to %s</a></p></form>",
	            (long long)w->id[0], name);
	page_end(w);
	return 0;
}

int page_setup_contact_new(struct web *w)
{
	const char *code, *name;
	if (enrol_child(w, &code, &name) != 0)
		return web_error(w, 404, "", "there is no such child");
	return contact_page(w, 200, name, NULL);
}

int page_setup_contact_add(struct web *w)
{
	const char *raw[CONTACT__MAX], *code, *name;
	struct field_value v[CONTACT__MAX];
	struct op_error e;
	int64_t id;
	if (enrol_child(w, &code, &name) != 0)
		return web_error(w, 404, "", "there is no such child");
	page_setup_form_read(w, &contact_form, raw);
	raw[CONTACT_CHILD] = code;
	if (page_setup_form_check(w, &contact_form, raw, v) != 0)
		return contact_page(w, 422, name, raw);
	if (core_tx_begin(w->s, &e) || core_contact_add(w->s, &w->who, v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return contact_page(w, page_setup_form_refused(w, &contact_form, &e), name, raw);
	}
	return web_redirect(w, "/children/%lld#contacts", (long long)w->id[0]);
}
