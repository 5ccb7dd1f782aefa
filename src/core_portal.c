/*
 * core_portal.c — the operations of core_portal.h. Text is validated by
 * field tables (valid.h); an absence is also written to the day's message
 * book through core_message_add, so whoever opens /messages that day reads
 * it; a contact change is applied to the contact row only when a manager
 * confirms it, and both the request and the decision are audited.
 */
#include "core_portal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core_child.h"
#include "core_message.h"
#include "core_outbox.h"
#include "core_photo.h"
#include "core_staff.h"
#include "date.h"

static const struct field_spec text_spec = {"text", F_TEXT, 1, 0, PORTAL_TEXT_MAX, NULL};
static const struct field_spec note_spec = {"note", F_LINE, 0, 0, 400, NULL};

const char *const portal_absence_reasons[] = {"illness", "appointment", "holiday",
                                              "family",  "other",       NULL};
static const struct field_spec reason_spec = {"reason", F_ENUM, 1, 0, 0, portal_absence_reasons};

static const char *const method_choices[] = {"in_person", "phone", "text", "email", "portal", NULL};

const struct field_spec core_portal_contact_fields[PCONTACT__MAX] = {
    [PCONTACT_PHONE] = {"phone", F_LINE, 0, 0, 40, NULL},
    [PCONTACT_EMAIL] = {"email", F_LINE, 0, 0, 200, NULL},
    [PCONTACT_ADDRESS] = {"address", F_LINE, 0, 0, 400, NULL},
    [PCONTACT_METHOD] = {"preferred_method", F_ENUM, 1, 0, 0, method_choices},
    [PCONTACT_TIME] = {"preferred_time", F_LINE, 0, 0, 100, NULL},
};

/* Validate text against spec into *out (arena a); OP_INVALID naming the field. */
static int check(const struct field_spec *spec, const char *raw, struct arena *a, const char **out,
                 struct op_error *e)
{
	struct field_value v;
	char why[200];
	if (valid_field(spec, raw ? raw : "", &v, a, why, sizeof why) != 0)
		return op_fail(e, OP_INVALID, spec->name, "%s", why);
	if (spec->required && (!v.present || !*v.s))
		return op_fail(e, OP_INVALID, spec->name, "is needed");
	*out = v.present ? v.s : "";
	return 0;
}

int core_portal_message_add(struct store *s, const struct actor *who, int64_t child_id,
                            int64_t contact_id, int64_t staff_id, const char *text, int64_t *id,
                            struct op_error *e)
{
	struct arena a;
	struct store_stmt *st;
	const char *t = "";
	int rc, ret = -1;
	assert(store_in_transaction(s));
	assert((contact_id > 0) != (staff_id > 0));
	arena_init(&a);
	if (check(&text_spec, text, &a, &t, e))
		goto out;
	st = store_stmt(s, STMT_PORTAL_MESSAGE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_id(st, 3, contact_id);
	store_bind_id(st, 4, staff_id);
	store_bind_id(st, 5, who->user_id);
	store_bind_text(st, 6, t);
	store_bind_int(st, 7, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "sending the message");
		goto out;
	}
	*id = store_last_id(s);
	/* an answer from the nursery: the family is told (by email where they gave one) */
	if (staff_id > 0 && core_outbox_family(s, who->setting_id, child_id, OUTBOX_MESSAGE, "", e))
		goto out;
	ret = audit_write(s, who, contact_id ? "portal.message.family" : "portal.message.staff",
	                  "portal_message", *id, child_id, "", e);
out:
	arena_free(&a);
	return ret;
}

static int exists(struct store *s, enum stmt_id id, int64_t setting_id, int64_t child_id,
                  const char *date)
{
	struct store_stmt *st = store_stmt(s, id);
	int yes;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, date);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

/* Words of an absence reason for the message book (staff read it in English). */
static const char *reason_words(const char *reason)
{
	static const char *const words[][2] = {
	    {"illness", "off sick"},   {"appointment", "at an appointment"},
	    {"holiday", "on holiday"}, {"family", "away for family reasons"},
	    {"other", "not coming"},
	};
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(reason, words[i][0]) == 0)
			return words[i][1];
	return "not coming";
}

int core_portal_absence(struct store *s, const struct actor *who, int64_t child_id,
                        const char *author, int day, int today, const char *reason,
                        const char *note, int64_t *id, struct op_error *e)
{
	struct message_new m = {0};
	struct arena a;
	struct store_stmt *st;
	const char *r = "", *n = "";
	char date[DATE_LEN];
	int64_t msg;
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (check(&reason_spec, reason, &a, &r, e) || check(&note_spec, note, &a, &n, e))
		goto out;
	if (day < today || day > today + PORTAL_ABSENCE_DAYS_AHEAD) {
		op_fail(e, OP_INVALID, "date", "is today or a day in the next %d days",
		        PORTAL_ABSENCE_DAYS_AHEAD);
		goto out;
	}
	date_format(day, date);
	if (exists(s, STMT_PORTAL_SIGNED_IN_ON, who->setting_id, child_id, date)) {
		op_fail(e, OP_CONFLICT, "date", "the child is signed in on %s", date);
		goto out;
	}
	st = store_stmt(s, STMT_PORTAL_ABSENCE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, r);
	store_bind_text(st, 5, n);
	store_bind_id(st, 6, who->user_id);
	store_bind_int(st, 7, time_now());
	rc = store_run(st);
	if (rc == STORE_CONSTRAINT) {
		op_fail(e, OP_CONFLICT, "date", "an absence is already recorded on %s", date);
		goto out;
	}
	if (rc != STORE_OK) {
		op_store_fail(e, s, rc, "recording the absence");
		goto out;
	}
	*id = store_last_id(s);
	if (audit_write(s, who, "portal.absence", "child_absence", *id, child_id,
	                arena_printf(&a, "%s %s", date, r), e))
		goto out;
	/* the room's message book of that day says so too */
	m.child_id = child_id;
	m.day = day;
	m.source = "parent";
	m.author = author;
	m.text = arena_printf(&a, "%s: %s (told by %s through the portal)%s%s",
	                      day == today ? "Not coming today" : "Not coming", reason_words(r),
	                      author, *n ? ". " : "", n);
	ret = core_message_add(s, who, &m, &msg, e);
out:
	arena_free(&a);
	return ret;
}

int core_portal_wow_add(struct store *s, const struct actor *who, int64_t child_id,
                        int64_t contact_id, int day, const char *text, int64_t *id,
                        struct op_error *e)
{
	struct arena a;
	struct store_stmt *st;
	const char *t = "";
	char date[DATE_LEN];
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (check(&text_spec, text, &a, &t, e))
		goto out;
	date_format(day, date);
	st = store_stmt(s, STMT_PORTAL_OBSERVATION_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, contact_id);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, t);
	store_bind_int(st, 5, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping the moment");
		goto out;
	}
	*id = store_last_id(s);
	st = store_stmt(s, STMT_PORTAL_OBSERVATION_CHILD_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, *id);
	store_bind_int(st, 3, child_id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping the moment");
		goto out;
	}
	ret = audit_write(s, who, "portal.wow", "observation", *id, child_id, "", e);
out:
	arena_free(&a);
	return ret;
}

int core_portal_settling_view(struct store *s, const struct actor *who, int64_t child_id,
                              int64_t visit_id, int64_t contact_id, const char *text,
                              struct op_error *e)
{
	static const struct field_spec view_spec = {"family_view",   F_TEXT, 1, 0,
	                                            PORTAL_TEXT_MAX, NULL};
	struct arena a;
	struct store_stmt *st;
	const char *t = "";
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (check(&view_spec, text, &a, &t, e))
		goto out;
	st = store_stmt(s, STMT_PORTAL_SETTLING_VIEW);
	store_bind_text(st, 1, t);
	store_bind_int(st, 2, contact_id);
	store_bind_int(st, 3, time_now());
	store_bind_int(st, 4, who->setting_id);
	store_bind_int(st, 5, child_id);
	store_bind_int(st, 6, visit_id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping your view of the visit");
		goto out;
	}
	if (store_changes(s) != 1) {
		op_fail(e, OP_NOT_FOUND, "", "there is no such visit");
		goto out;
	}
	ret = audit_write(s, who, "portal.settling_view", "settling_visit", visit_id, child_id, "",
	                  e);
out:
	arena_free(&a);
	return ret;
}

void core_portal_settling_view_get(struct store *s, int64_t setting_id, int64_t child_id,
                                   int64_t visit_id, struct arena *a, const char **text,
                                   int64_t *at, const char **by)
{
	struct store_stmt *st = store_stmt(s, STMT_SETTLING_FAMILY_VIEW);
	*text = *by = "";
	*at = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, visit_id);
	if (store_step(st) == STORE_ROW) {
		*text = arena_strdup(a, store_col_text(st, 0));
		*at = store_col_int(st, 1);
		*by = arena_strdup(a, store_col_text(st, 2));
	}
	store_finish(st);
}

int core_portal_settling_demo(struct store *s, const struct actor *who, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_PORTAL_SETTLING_DEMO);
	int rc;
	store_bind_text(st, 1,
	                "She was shy at the door but loved the sand tray. Could you tell us "
	                "which songs you sing at nap time? We will sing them at home too.");
	store_bind_int(st, 2, time_now());
	store_bind_int(st, 3, who->setting_id);
	store_bind_int(st, 4, who->setting_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "writing the demo family's view of a visit");
	return 0;
}

int core_portal_observation_reply(struct store *s, const struct actor *who, int64_t observation_id,
                                  int64_t child_id, int64_t contact_id, const char *text,
                                  int64_t *id, struct op_error *e)
{
	struct arena a;
	struct store_stmt *st;
	const char *t = "";
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (check(&text_spec, text, &a, &t, e))
		goto out;
	st = store_stmt(s, STMT_PORTAL_OBS_REPLY_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, observation_id);
	store_bind_int(st, 3, contact_id);
	store_bind_text(st, 4, t);
	store_bind_int(st, 5, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping the reply");
		goto out;
	}
	*id = store_last_id(s);
	ret = audit_write(s, who, "portal.observation.reply", "observation_reply", *id, child_id,
	                  "", e);
out:
	arena_free(&a);
	return ret;
}

int core_portal_contact_change(struct store *s, const struct actor *who, int64_t contact_id,
                               const struct field_value *v, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	const char *email = v[PCONTACT_EMAIL].present ? v[PCONTACT_EMAIL].s : "";
	const char *at = strchr(email, '@');
	int rc;
	assert(store_in_transaction(s));
	if (*email && (!at || at == email || !strchr(at, '.') || strchr(email, ' ')))
		return op_fail(e, OP_INVALID, "email", "is not an email address");
	st = store_stmt(s, STMT_PORTAL_CHANGE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, contact_id);
	store_bind_text(st, 3, v[PCONTACT_PHONE].present ? v[PCONTACT_PHONE].s : "");
	store_bind_text(st, 4, email);
	store_bind_text(st, 5, v[PCONTACT_ADDRESS].present ? v[PCONTACT_ADDRESS].s : "");
	store_bind_text(st, 6, v[PCONTACT_METHOD].s);
	store_bind_text(st, 7, v[PCONTACT_TIME].present ? v[PCONTACT_TIME].s : "");
	store_bind_id(st, 8, who->user_id);
	store_bind_int(st, 9, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "asking for the change");
	*id = store_last_id(s);
	return audit_write(s, who, "portal.contact.ask", "contact_change", *id, 0, "", e);
}

int core_portal_contact_decide(struct store *s, const struct actor *who, int64_t change_id,
                               int confirm, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_PORTAL_CHANGE_GET);
	char phone[64], email[256], address[512], method[32], ptime[128], status[16];
	int64_t contact = 0;
	int rc;
	assert(store_in_transaction(s));
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, change_id);
	if (store_step(st) == STORE_ROW) {
		contact = store_col_int(st, 1);
		snprintf(phone, sizeof phone, "%s", store_col_text(st, 2));
		snprintf(email, sizeof email, "%s", store_col_text(st, 3));
		snprintf(address, sizeof address, "%s", store_col_text(st, 4));
		snprintf(method, sizeof method, "%s", store_col_text(st, 5));
		snprintf(ptime, sizeof ptime, "%s", store_col_text(st, 6));
		snprintf(status, sizeof status, "%s", store_col_text(st, 7));
	}
	store_finish(st);
	if (!contact)
		return op_fail(e, OP_NOT_FOUND, "change", "there is no such change");
	if (strcmp(status, "pending") != 0)
		return op_fail(e, OP_CONFLICT, "change", "this change was already %s", status);
	st = store_stmt(s, STMT_PORTAL_CHANGE_DECIDE);
	store_bind_text(st, 1, confirm ? "confirmed" : "declined");
	store_bind_id(st, 2, who->user_id);
	store_bind_int(st, 3, time_now());
	store_bind_int(st, 4, who->setting_id);
	store_bind_int(st, 5, change_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "deciding the change");
	if (store_changes(s) != 1)
		return op_fail(e, OP_CONFLICT, "change", "this change was already decided");
	if (confirm) {
		st = store_stmt(s, STMT_PORTAL_CONTACT_APPLY);
		store_bind_text(st, 1, phone);
		store_bind_text(st, 2, email);
		store_bind_text(st, 3, address);
		store_bind_text(st, 4, method);
		store_bind_text(st, 5, ptime);
		store_bind_int(st, 6, who->setting_id);
		store_bind_int(st, 7, contact);
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "changing the contact");
	}
	return audit_write(s, who, confirm ? "portal.contact.confirm" : "portal.contact.decline",
	                   "contact", contact, 0,
	                   confirm ? "details changed as the family asked" : "", e);
}

int core_portal_language_set(struct store *s, const struct actor *who, int64_t contact_id,
                             const char *code, struct op_error *e)
{
	static const char *const codes[] = {"en", "pl", NULL};
	static const struct field_spec spec = {"language", F_ENUM, 1, 0, 0, codes};
	struct field_value v;
	struct store_stmt *st;
	struct arena a;
	char why[200];
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (valid_field(&spec, code ? code : "", &v, &a, why, sizeof why) != 0 || !v.present) {
		op_fail(e, OP_INVALID, "language", "is en or pl");
		goto out;
	}
	st = store_stmt(s, STMT_PORTAL_CONTACT_SET_LANGUAGE);
	store_bind_text(st, 1, v.s);
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, contact_id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "changing the language");
		goto out;
	}
	if (store_changes(s) != 1) {
		op_fail(e, OP_NOT_FOUND, "contact", "there is no such contact");
		goto out;
	}
	ret = audit_write(s, who, "portal.language", "contact", contact_id, 0, v.s, e);
out:
	arena_free(&a);
	return ret;
}

int core_portal_staff_photo_set(struct store *s, const struct actor *who, int64_t staff_id,
                                const unsigned char *bytes, size_t n, struct op_error *e)
{
	return core_photo_keep(s, who, STMT_PORTAL_STAFF_SET_PHOTO, "staff", staff_id, 0,
	                       "staff.photo", bytes, n, e);
}

/* ---- the demo ---- */

static int demo_message(struct store *s, const struct actor *who, int64_t child, int64_t contact,
                        int64_t staff, const char *text, int64_t at, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_PORTAL_MESSAGE_INSERT);
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child);
	store_bind_id(st, 3, contact);
	store_bind_id(st, 4, staff);
	store_bind_null(st, 5);
	store_bind_text(st, 6, text);
	store_bind_int(st, 7, at);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding the demo's messages");
	return 0;
}

static int demo_diary(struct store *s, const struct actor *who, int64_t child, int64_t staff,
                      int day, const char *kind, int start, int end, const char *detail,
                      int published, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_PORTAL_DEMO_DIARY_INSERT);
	char date[DATE_LEN];
	int64_t at = date_instant(day, start, "Europe/London");
	int rc;
	date_format(day, date);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, kind);
	store_bind_int(st, 5, start);
	if (end >= 0)
		store_bind_int(st, 6, end);
	else
		store_bind_null(st, 6);
	store_bind_text(st, 7, detail);
	store_bind_int(st, 8, staff);
	store_bind_int(st, 9, at);
	if (published)
		store_bind_int(st, 10, at + 60);
	else
		store_bind_null(st, 10);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding the demo's diary");
	return 0;
}

int core_portal_demo(struct store *s, const struct actor *who, int start, struct op_error *e)
{
	const char *tz = "Europe/London";
	struct store_stmt *st = store_stmt(s, STMT_PORTAL_DEMO_CHILD_OF_CONTACT);
	int64_t child = 0, room = 0, key = core_staff_find(s, who->setting_id, "S04"), old_key = 0,
	        id;
	struct field_value v[PCONTACT__MAX] = {0};
	int rc, from = start - 21;
	char d[DATE_LEN];

	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, 1);
	if (store_step(st) == STORE_ROW) {
		child = store_col_int(st, 0);
		room = store_col_int(st, 1);
	}
	store_finish(st);
	if (!child || !key)
		return 0; /* a demo too small to have them */
	date_format(from, d);
	st = store_stmt(s, STMT_KEY_ON_CHILD);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child);
	store_bind_text(st, 3, d);
	store_bind_text(st, 4, d);
	if (store_step(st) == STORE_ROW) {
		old_key = store_col_int(st, 0);
	}
	store_finish(st);
	if (old_key && old_key != key) {
		/* Sarah Clarke also works in the child's room now, and takes over as
		 * key person; the key person before her stays on as buddy */
		st = store_stmt(s, STMT_AUTHZ_STAFF_IN_ROOM);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, key);
		store_bind_int(st, 3, room);
		rc = store_step(st);
		store_finish(st);
		if (rc != STORE_ROW) {
			st = store_stmt(s, STMT_STAFF_ROOM_INSERT);
			store_bind_int(st, 1, who->setting_id);
			store_bind_int(st, 2, key);
			store_bind_int(st, 3, room);
			store_bind_int(st, 4, 9);
			if ((rc = store_run(st)) != STORE_OK)
				return op_store_fail(e, s, rc,
				                     "adding the demo's key person to the room");
		}
		if (core_key_assign(s, who, child, key, old_key, from,
		                    "Sarah Clarke joined the room and became the key person", e))
			return -1;
	}
	if (demo_message(s, who, child, 1, 0,
	                 "Hello! She has been talking about the sandpit all weekend. Could she "
	                 "bring her own bucket and spade?",
	                 date_instant(start - 3, 19 * 60 + 5, tz), e) ||
	    demo_message(s, who, child, 0, key,
	                 "Of course! We'll put her name on them. She built a big castle with her "
	                 "friends last week and was very proud of it.",
	                 date_instant(start - 2, 9 * 60 + 40, tz), e) ||
	    demo_message(s, who, child, 1, 0,
	                 "She has a little cough this morning but no temperature. Please call me "
	                 "if she seems unwell.",
	                 date_instant(start, 7 * 60 + 50, tz), e))
		return -1;
	if (demo_diary(s, who, child, key, start - 1, "meal", 11 * 60 + 45, -1,
	               "Lunch: pasta bake with peas, ate nearly all of it", 1, e) ||
	    demo_diary(s, who, child, key, start - 1, "sleep", 12 * 60 + 30, 13 * 60 + 40,
	               "Slept well", 1, e) ||
	    demo_diary(s, who, child, key, start, "drink", 9 * 60 + 30, -1, "Milk, a full cup", 1,
	               e) ||
	    demo_diary(s, who, child, key, start, "activity", 10 * 60, -1,
	               "Painting with sponges outside; lots of yellow", 1, e) ||
	    demo_diary(s, who, child, key, start, "mood", 10 * 60 + 30, -1,
	               "Happy and chatty; a little cough", 1, e) ||
	    demo_diary(s, who, child, key, start, "note", 15 * 60, -1,
	               "Not yet published: written during the day", 0, e))
		return -1;
	v[PCONTACT_PHONE] = (struct field_value){.present = 1, .s = "07700 900461"};
	v[PCONTACT_EMAIL] = (struct field_value){.present = 1, .s = "huda.haddad@example.com"};
	v[PCONTACT_ADDRESS] = (struct field_value){.present = 1, .s = "14 Orchard Way"};
	v[PCONTACT_METHOD] = (struct field_value){.present = 1, .s = "text"};
	v[PCONTACT_TIME] = (struct field_value){.present = 1, .s = "after 5pm"};
	return core_portal_contact_change(s, who, 1, v, &id, e);
}
