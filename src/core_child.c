/*
 * core_child.c — enrolling a child (family found or created by name,
 * usual attendance per weekday, and the key person and buddy if named),
 * adding contacts to a child's family, and key assignments with history.
 * A key person must work in the child's room and be a key person; a buddy
 * must work in the child's room and be someone else (SPEC.md eligibility).
 */
#include "core_child.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_setting.h"
#include "core_staff.h"

static const char *const funding_choices[] = {"none", "2yo", "15", "30", NULL};
static const char *const method_choices[] = {"in_person", "phone", "text", "email", "portal", NULL};
static const char *const restriction_choices[] = {"none", "no_collect", "no_information",
                                                  "no_contact", NULL};

const struct field_spec core_child_fields[CHILD__MAX] = {
    [CHILD_ID] = {"id", F_LINE, 1, 0, 40, NULL},
    [CHILD_FIRST_NAME] = {"first_name", F_LINE, 1, 0, 100, NULL},
    [CHILD_LAST_NAME] = {"last_name", F_LINE, 1, 0, 100, NULL},
    [CHILD_PREFERRED_NAME] = {"preferred_name", F_LINE, 0, 0, 100, NULL},
    [CHILD_DATE_OF_BIRTH] = {"date_of_birth", F_DATE, 1, 0, 0, NULL},
    [CHILD_ROOM] = {"room", F_LINE, 1, 0, 100, NULL},
    [CHILD_FAMILY] = {"family", F_LINE, 0, 0, 200, NULL},
    [CHILD_HOME_LANGUAGE] = {"home_language", F_LANG, 0, 0, 0, NULL},
    [CHILD_OTHER_LANGUAGES] = {"other_languages", F_LIST, 0, 0, 100, NULL},
    [CHILD_ALLERGIES] = {"allergies", F_LINE, 0, 0, 400, NULL},
    [CHILD_MEDICAL] = {"medical", F_LINE, 0, 0, 400, NULL},
    [CHILD_DIETARY] = {"dietary", F_LINE, 0, 0, 400, NULL},
    [CHILD_SEN] = {"sen", F_BOOL, 0, 0, 0, NULL},
    [CHILD_FUNDING] = {"funding", F_ENUM, 0, 0, 0, funding_choices},
    [CHILD_LIVES_WITH] = {"lives_with", F_LINE, 0, 0, 200, NULL},
    [CHILD_START_DATE] = {"start_date", F_DATE, 1, 0, 0, NULL},
    [CHILD_LEAVING_DATE] = {"leaving_date", F_DATE, 0, 0, 0, NULL},
    [CHILD_MON] = {"mon", F_SPAN, 0, 0, 0, NULL},
    [CHILD_TUE] = {"tue", F_SPAN, 0, 0, 0, NULL},
    [CHILD_WED] = {"wed", F_SPAN, 0, 0, 0, NULL},
    [CHILD_THU] = {"thu", F_SPAN, 0, 0, 0, NULL},
    [CHILD_FRI] = {"fri", F_SPAN, 0, 0, 0, NULL},
    [CHILD_SAT] = {"sat", F_SPAN, 0, 0, 0, NULL},
    [CHILD_SUN] = {"sun", F_SPAN, 0, 0, 0, NULL},
    [CHILD_KEY_PERSON] = {"key_person", F_LINE, 0, 0, 40, NULL},
    [CHILD_BUDDY] = {"buddy", F_LINE, 0, 0, 40, NULL},
};

int64_t core_child_find(struct store *s, int64_t setting_id, const char *code)
{
	return core_find_id(s, STMT_CHILD_BY_CODE, setting_id, code);
}

int core_family_get(struct store *s, const struct actor *who, const char *name, int64_t *id,
                    struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_FAMILY_BY_NAME);
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, name);
	rc = store_step(st);
	if (rc == STORE_ROW) {
		*id = store_col_int(st, 0);
		store_finish(st);
		return 0;
	}
	store_finish(st);
	st = store_stmt(s, STMT_FAMILY_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, "");
	store_bind_text(st, 4, "en");
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding the family");
	*id = store_last_id(s);
	return 0;
}

int core_child_eligible_staff(struct store *s, int64_t setting_id, const char *code,
                              int64_t room_id, const char *room_words, int need_key_person,
                              const char *field, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	int in_room, key_person = 0;
	*id = core_staff_find(s, setting_id, code);
	if (!*id)
		return op_fail(e, OP_INVALID, field, "there is no member of staff with id %s",
		               code);
	st = store_stmt(s, STMT_STAFF_GET);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, *id);
	if (store_step(st) == STORE_ROW)
		key_person = (int)store_col_int(st, 7);
	store_finish(st);
	st = store_stmt(s, STMT_AUTHZ_STAFF_IN_ROOM);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, *id);
	store_bind_int(st, 3, room_id);
	in_room = store_step(st) == STORE_ROW;
	store_finish(st);
	if (!in_room)
		return op_fail(e, OP_INVALID, field, "%s does not work in %s", code, room_words);
	if (need_key_person && !key_person)
		return op_fail(e, OP_INVALID, field, "%s is not a key person (a buddy only)", code);
	return 0;
}

int core_key_assign(struct store *s, const struct actor *who, int64_t child_id, int64_t primary,
                    int64_t secondary, int from_day, const char *reason, struct op_error *e)
{
	char day[DATE_LEN], detail[128];
	struct store_stmt *st;
	int rc;
	if (primary == secondary)
		return op_fail(e, OP_INVALID, "buddy",
		               "the buddy must be someone other than the key person");
	date_format(from_day, day);
	st = store_stmt(s, STMT_KEY_DROP_FUTURE);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, day);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "replacing later key assignments");
	st = store_stmt(s, STMT_KEY_CLOSE);
	store_bind_text(st, 1, day);
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, child_id);
	store_bind_text(st, 4, day);
	store_bind_text(st, 5, day);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "ending the current key assignment");
	st = store_stmt(s, STMT_KEY_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, primary);
	store_bind_int(st, 4, secondary);
	store_bind_text(st, 5, day);
	store_bind_text(st, 6, reason ? reason : "");
	store_bind_id(st, 7, who->user_id);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding the key assignment");
	snprintf(detail, sizeof detail, "from %s: key person %lld, buddy %lld", day,
	         (long long)primary, (long long)secondary);
	return audit_write(s, who, "key.assign", "key_assignment", store_last_id(s), child_id,
	                   detail, e);
}

int core_child_add(struct store *s, const struct actor *who, const struct field_value *v,
                   int64_t *id, struct op_error *e)
{
	int64_t room, family = 0, primary = 0, secondary = 0;
	struct store_stmt *st;
	int rc;

	if (core_child_find(s, who->setting_id, v[CHILD_ID].s))
		return op_fail(e, OP_CONFLICT, "id", "there is already a child with id %s",
		               v[CHILD_ID].s);
	room = core_room_find(s, who->setting_id, v[CHILD_ROOM].s);
	if (!room)
		return op_fail(e, OP_INVALID, "room", "there is no room called %s",
		               v[CHILD_ROOM].s);
	if (v[CHILD_DATE_OF_BIRTH].i > v[CHILD_START_DATE].i)
		return op_fail(e, OP_INVALID, "date_of_birth", "is after the start date");
	if (v[CHILD_LEAVING_DATE].present && v[CHILD_LEAVING_DATE].i < v[CHILD_START_DATE].i)
		return op_fail(e, OP_INVALID, "leaving_date", "is before the start date");
	if (v[CHILD_KEY_PERSON].present != v[CHILD_BUDDY].present)
		return op_fail(e, OP_INVALID, v[CHILD_KEY_PERSON].present ? "buddy" : "key_person",
		               "name both the key person and the buddy, or neither");
	if (v[CHILD_KEY_PERSON].present) {
		if (core_child_eligible_staff(s, who->setting_id, v[CHILD_KEY_PERSON].s, room,
		                              "the child's room", 1, "key_person", &primary, e) ||
		    core_child_eligible_staff(s, who->setting_id, v[CHILD_BUDDY].s, room,
		                              "the child's room", 0, "buddy", &secondary, e))
			return -1;
		if (primary == secondary)
			return op_fail(e, OP_INVALID, "buddy",
			               "the buddy must be someone other than the key person");
	}
	if (core_family_get(s, who,
	                    v[CHILD_FAMILY].present ? v[CHILD_FAMILY].s : v[CHILD_LAST_NAME].s,
	                    &family, e))
		return -1;

	st = store_stmt(s, STMT_CHILD_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, v[CHILD_ID].s);
	store_bind_int(st, 3, family);
	store_bind_text(st, 4, v[CHILD_FIRST_NAME].s);
	store_bind_text(st, 5, v[CHILD_LAST_NAME].s);
	store_bind_text(st, 6, v[CHILD_PREFERRED_NAME].s);
	store_bind_text(st, 7, v[CHILD_DATE_OF_BIRTH].s);
	store_bind_int(st, 8, room);
	store_bind_text(st, 9, v[CHILD_HOME_LANGUAGE].present ? v[CHILD_HOME_LANGUAGE].s : "en");
	store_bind_text(st, 10, v[CHILD_OTHER_LANGUAGES].s);
	store_bind_text(st, 11, v[CHILD_ALLERGIES].s);
	store_bind_text(st, 12, v[CHILD_MEDICAL].s);
	store_bind_text(st, 13, v[CHILD_DIETARY].s);
	store_bind_int(st, 14, v[CHILD_SEN].i);
	store_bind_text(st, 15, v[CHILD_FUNDING].present ? v[CHILD_FUNDING].s : "none");
	store_bind_text(st, 16, v[CHILD_LIVES_WITH].s);
	store_bind_text(st, 17, v[CHILD_START_DATE].s);
	store_bind_text(st, 18, v[CHILD_LEAVING_DATE].present ? v[CHILD_LEAVING_DATE].s : NULL);
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding the child");
	*id = store_last_id(s);
	for (int wd = 0; wd < 7; wd++) {
		const struct field_value *p = &v[CHILD_MON + wd];
		if (!p->present)
			continue;
		st = store_stmt(s, STMT_CHILD_ATTENDANCE_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_int(st, 3, wd);
		store_bind_int(st, 4, p->i);
		store_bind_int(st, 5, p->j);
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "adding the attendance pattern");
	}
	if (audit_write(s, who, "child.add", "child", *id, *id, v[CHILD_ID].s, e))
		return -1;
	if (primary)
		return core_key_assign(s, who, *id, primary, secondary, (int)v[CHILD_START_DATE].i,
		                       "enrolled", e);
	return 0;
}

const struct field_spec core_contact_fields[CONTACT__MAX] = {
    [CONTACT_CHILD] = {"child", F_LINE, 1, 0, 40, NULL},
    [CONTACT_NAME] = {"name", F_LINE, 1, 0, 200, NULL},
    [CONTACT_RELATIONSHIP] = {"relationship", F_LINE, 0, 0, 60, NULL},
    [CONTACT_PARENTAL_RESPONSIBILITY] = {"parental_responsibility", F_BOOL, 0, 0, 0, NULL},
    [CONTACT_MAY_COLLECT] = {"may_collect", F_BOOL, 0, 0, 0, NULL},
    [CONTACT_EMERGENCY] = {"emergency", F_BOOL, 0, 0, 0, NULL},
    [CONTACT_PHONE] = {"phone", F_LINE, 0, 0, 40, NULL},
    [CONTACT_EMAIL] = {"email", F_LINE, 0, 0, 200, NULL},
    [CONTACT_ADDRESS] = {"address", F_LINE, 0, 0, 400, NULL},
    [CONTACT_PREFERRED_METHOD] = {"preferred_method", F_ENUM, 0, 0, 0, method_choices},
    [CONTACT_PREFERRED_TIME] = {"preferred_time", F_LINE, 0, 0, 100, NULL},
    [CONTACT_LANGUAGE] = {"language", F_LANG, 0, 0, 0, NULL},
    [CONTACT_RESTRICTION] = {"restriction", F_ENUM, 0, 0, 0, restriction_choices},
    [CONTACT_RESTRICTION_NOTE] = {"restriction_note", F_LINE, 0, 0, 400, NULL},
};

int core_contact_add(struct store *s, const struct actor *who, const struct field_value *v,
                     int64_t *id, struct op_error *e)
{
	int64_t child = core_child_find(s, who->setting_id, v[CONTACT_CHILD].s), family = 0;
	const char *restriction =
	    v[CONTACT_RESTRICTION].present ? v[CONTACT_RESTRICTION].s : "none";
	struct store_stmt *st;
	int rc;
	if (!child)
		return op_fail(e, OP_INVALID, "child", "there is no child with id %s",
		               v[CONTACT_CHILD].s);
	if (strcmp(restriction, "none") != 0 && strcmp(restriction, "no_information") != 0 &&
	    v[CONTACT_MAY_COLLECT].i)
		return op_fail(e, OP_INVALID, "may_collect",
		               "cannot be yes for a contact restricted as %s", restriction);
	st = store_stmt(s, STMT_CHILD_GET_FAMILY);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child);
	if (store_step(st) == STORE_ROW)
		family = store_col_int(st, 0);
	store_finish(st);
	if (!family)
		return op_fail(e, OP_INVALID, "child", "child %s has no family record",
		               v[CONTACT_CHILD].s);
	st = store_stmt(s, STMT_CONTACT_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, family);
	store_bind_text(st, 3, v[CONTACT_NAME].s);
	store_bind_text(st, 4, v[CONTACT_RELATIONSHIP].s);
	store_bind_int(st, 5, v[CONTACT_PARENTAL_RESPONSIBILITY].i);
	store_bind_int(st, 6, v[CONTACT_MAY_COLLECT].i);
	store_bind_int(st, 7, v[CONTACT_EMERGENCY].i);
	store_bind_text(st, 8, v[CONTACT_PHONE].s);
	store_bind_text(st, 9, v[CONTACT_EMAIL].s);
	store_bind_text(st, 10, v[CONTACT_ADDRESS].s);
	store_bind_text(st, 11,
	                v[CONTACT_PREFERRED_METHOD].present ? v[CONTACT_PREFERRED_METHOD].s
	                                                    : "in_person");
	store_bind_text(st, 12, v[CONTACT_PREFERRED_TIME].s);
	store_bind_text(st, 13, v[CONTACT_LANGUAGE].present ? v[CONTACT_LANGUAGE].s : "en");
	store_bind_text(st, 14, restriction);
	store_bind_text(st, 15, v[CONTACT_RESTRICTION_NOTE].s);
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding the contact");
	*id = store_last_id(s);
	return audit_write(s, who, "contact.add", "contact", *id, child, v[CONTACT_NAME].s, e);
}

static const char *const consent_kinds[] = {"photos",
                                            "photos_shared_with_others",
                                            "share_health_visitor",
                                            "share_next_setting",
                                            "outings",
                                            "sun_cream",
                                            "first_aid",
                                            "medicine",
                                            "transport",
                                            "other",
                                            NULL};

const struct field_spec core_consent_fields[CONSENT__MAX] = {
    [CONSENT_KIND] = {"kind", F_ENUM, 1, 0, 0, consent_kinds},
    [CONSENT_GIVEN] = {"given", F_BOOL, 1, 0, 0, NULL},
    [CONSENT_CONTACT] = {"contact", F_INT, 0, 1, INT32_MAX, NULL},
    [CONSENT_GIVEN_ON] = {"given_on", F_DATE, 1, 0, 0, NULL},
    [CONSENT_NOTE] = {"note", F_LINE, 0, 0, 400, NULL},
};

int core_consent_add(struct store *s, const struct actor *who, int64_t child_id,
                     const struct field_value *v, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	int rc;
	if (v[CONSENT_CONTACT].present) {
		st = store_stmt(s, STMT_CONTACT_OF_CHILD);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, v[CONSENT_CONTACT].i);
		store_bind_int(st, 3, child_id);
		rc = store_step(st);
		store_finish(st);
		if (rc != STORE_ROW)
			return op_fail(e, OP_INVALID, "contact",
			               "is not a contact of the child's family");
	}
	if (v[CONSENT_GIVEN_ON].i > date_today(NULL))
		return op_fail(e, OP_INVALID, "given_on", "is in the future");
	st = store_stmt(s, STMT_CONSENT_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[CONSENT_KIND].s);
	store_bind_int(st, 4, v[CONSENT_GIVEN].i);
	store_bind_id(st, 5, v[CONSENT_CONTACT].present ? v[CONSENT_CONTACT].i : 0);
	store_bind_text(st, 6, v[CONSENT_GIVEN_ON].s);
	store_bind_text(st, 7, v[CONSENT_NOTE].s);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "recording the consent");
	*id = store_last_id(s);
	return audit_write(s, who, v[CONSENT_GIVEN].i ? "consent.give" : "consent.refuse",
	                   "consent", *id, child_id, v[CONSENT_KIND].s, e);
}

int core_consent_withdraw(struct store *s, const struct actor *who, int64_t child_id,
                          int64_t consent_id, int day, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_CONSENT_WITHDRAW);
	char d[DATE_LEN];
	int rc;
	date_format(day, d);
	store_bind_text(st, 1, d);
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, consent_id);
	store_bind_int(st, 4, child_id);
	store_bind_text(st, 5, d);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "withdrawing the consent");
	if (store_changes(s) != 1)
		return op_fail(e, OP_CONFLICT, "consent",
		               "there is no consent given before that day and not yet withdrawn");
	return audit_write(s, who, "consent.withdraw", "consent", consent_id, child_id, d, e);
}
