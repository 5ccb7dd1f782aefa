/*
 * core_staff.c — adding staff (with rooms, languages and weekly pattern in
 * the same transaction), shifts on the rota and staff absences. Each
 * operation checks what the schema cannot say alone (a room named must
 * exist; a shift ends after it starts) and names the field at fault.
 */
#include "core_staff.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_setting.h"

static const char *const qualification_choices[] = {"0", "2", "3", "6", NULL};
static const char *const absence_reasons[] = {"sick", "holiday", "training", "ppa", "other", NULL};

const struct field_spec core_staff_fields[STAFF__MAX] = {
    [STAFF_ID] = {"id", F_LINE, 1, 0, 40, NULL},
    [STAFF_NAME] = {"name", F_LINE, 1, 0, 200, NULL},
    [STAFF_JOB_TITLE] = {"job_title", F_LINE, 0, 0, 100, NULL},
    [STAFF_ROOMS] = {"rooms", F_LIST, 1, 0, 400, NULL},
    [STAFF_QUALIFICATION] = {"qualification", F_ENUM, 0, 0, 0, qualification_choices},
    [STAFF_QUALIFICATION_NAME] = {"qualification_name", F_LINE, 0, 0, 100, NULL},
    [STAFF_STUDENT] = {"student", F_BOOL, 0, 0, 0, NULL},
    [STAFF_PFA_EXPIRES] = {"pfa_expires", F_DATE, 0, 0, 0, NULL},
    [STAFF_DBS_DATE] = {"dbs_date", F_DATE, 0, 0, 0, NULL},
    [STAFF_EXPERIENCE_START] = {"experience_start", F_DATE, 0, 0, 0, NULL},
    [STAFF_LANGUAGES] = {"languages", F_LIST, 0, 0, 100, NULL},
    [STAFF_SEN_TRAINED] = {"sen_trained", F_BOOL, 0, 0, 0, NULL},
    [STAFF_KEY_PERSON] = {"key_person", F_BOOL, 0, 0, 0, NULL},
    [STAFF_MAX_PRIMARY] = {"max_primary", F_INT, 0, 0, 100, NULL},
    [STAFF_MAX_SECONDARY] = {"max_secondary", F_INT, 0, 0, 100, NULL},
    [STAFF_DSL] = {"dsl", F_BOOL, 0, 0, 0, NULL},
    [STAFF_SENCO] = {"senco", F_BOOL, 0, 0, 0, NULL},
    [STAFF_EMAIL] = {"email", F_LINE, 0, 0, 200, NULL},
    [STAFF_PHONE] = {"phone", F_LINE, 0, 0, 40, NULL},
    [STAFF_START_DATE] = {"start_date", F_DATE, 0, 0, 0, NULL},
    [STAFF_LEAVING_DATE] = {"leaving_date", F_DATE, 0, 0, 0, NULL},
    [STAFF_BABY_TRAINED] = {"baby_trained", F_BOOL, 0, 0, 0, NULL},
    [STAFF_MON] = {"mon", F_SPAN, 0, 0, 0, NULL},
    [STAFF_TUE] = {"tue", F_SPAN, 0, 0, 0, NULL},
    [STAFF_WED] = {"wed", F_SPAN, 0, 0, 0, NULL},
    [STAFF_THU] = {"thu", F_SPAN, 0, 0, 0, NULL},
    [STAFF_FRI] = {"fri", F_SPAN, 0, 0, 0, NULL},
    [STAFF_SAT] = {"sat", F_SPAN, 0, 0, 0, NULL},
    [STAFF_SUN] = {"sun", F_SPAN, 0, 0, 0, NULL},
};

int64_t core_staff_find(struct store *s, int64_t setting_id, const char *code)
{
	return core_find_id(s, STMT_STAFF_BY_CODE, setting_id, code);
}

static void bind_opt_text(struct store_stmt *st, int i, const struct field_value *v)
{
	store_bind_text(st, i, v->present ? v->s : NULL);
}

int core_staff_add(struct store *s, const struct actor *who, const struct field_value *v,
                   int64_t *id, struct op_error *e)
{
	struct arena a;
	const char *rooms[16], *langs[16];
	int64_t room_ids[16];
	size_t nrooms, nlangs;
	struct store_stmt *st;
	int rc, ret = -1;

	arena_init(&a);
	if (core_staff_find(s, who->setting_id, v[STAFF_ID].s)) {
		op_fail(e, OP_CONFLICT, "id", "there is already a member of staff with id %s",
		        v[STAFF_ID].s);
		goto out;
	}
	nrooms = valid_split(v[STAFF_ROOMS].s, &a, rooms, ARRAY_LEN(rooms));
	if (nrooms == 0) {
		op_fail(e, OP_INVALID, "rooms",
		        "name at least one room (the first is the home room)");
		goto out;
	}
	for (size_t k = 0; k < nrooms; k++) {
		room_ids[k] = core_room_find(s, who->setting_id, rooms[k]);
		if (!room_ids[k]) {
			op_fail(e, OP_INVALID, "rooms", "there is no room called %s", rooms[k]);
			goto out;
		}
		for (size_t j = 0; j < k; j++)
			if (room_ids[j] == room_ids[k]) {
				op_fail(e, OP_INVALID, "rooms", "%s is named twice", rooms[k]);
				goto out;
			}
	}
	nlangs = v[STAFF_LANGUAGES].present
	             ? valid_split(v[STAFF_LANGUAGES].s, &a, langs, ARRAY_LEN(langs))
	             : 0;
	for (size_t k = 0; k < nlangs; k++) {
		struct field_spec lang = {"languages", F_LANG, 1, 0, 0, NULL};
		struct field_value lv;
		char why[128];
		if (valid_field(&lang, langs[k], &lv, &a, why, sizeof why) != 0) {
			op_fail(e, OP_INVALID, "languages", "%s %s", langs[k], why);
			goto out;
		}
		langs[k] = lv.s;
	}
	if (v[STAFF_LEAVING_DATE].present && v[STAFF_START_DATE].present &&
	    v[STAFF_LEAVING_DATE].i < v[STAFF_START_DATE].i) {
		op_fail(e, OP_INVALID, "leaving_date", "is before the start date");
		goto out;
	}

	st = store_stmt(s, STMT_STAFF_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, v[STAFF_ID].s);
	store_bind_text(st, 3, v[STAFF_NAME].s);
	store_bind_text(st, 4, v[STAFF_JOB_TITLE].s);
	store_bind_int(st, 5,
	               v[STAFF_QUALIFICATION].present ? v[STAFF_QUALIFICATION].s[0] - '0' : 0);
	store_bind_text(st, 6, v[STAFF_QUALIFICATION_NAME].s);
	store_bind_int(st, 7, v[STAFF_STUDENT].i);
	bind_opt_text(st, 8, &v[STAFF_PFA_EXPIRES]);
	bind_opt_text(st, 9, &v[STAFF_DBS_DATE]);
	bind_opt_text(st, 10, &v[STAFF_EXPERIENCE_START]);
	store_bind_int(st, 11, v[STAFF_SEN_TRAINED].i);
	store_bind_int(st, 12, v[STAFF_KEY_PERSON].present ? v[STAFF_KEY_PERSON].i : 1);
	if (v[STAFF_MAX_PRIMARY].present)
		store_bind_int(st, 13, v[STAFF_MAX_PRIMARY].i);
	if (v[STAFF_MAX_SECONDARY].present)
		store_bind_int(st, 14, v[STAFF_MAX_SECONDARY].i);
	store_bind_int(st, 15, v[STAFF_DSL].i);
	store_bind_int(st, 16, v[STAFF_SENCO].i);
	store_bind_text(st, 17, v[STAFF_EMAIL].s);
	store_bind_text(st, 18, v[STAFF_PHONE].s);
	bind_opt_text(st, 19, &v[STAFF_START_DATE]);
	bind_opt_text(st, 20, &v[STAFF_LEAVING_DATE]);
	store_bind_int(st, 21, v[STAFF_BABY_TRAINED].i);
	rc = store_run(st);
	if (rc != STORE_OK) {
		op_store_fail(e, s, rc, "adding the member of staff");
		goto out;
	}
	*id = store_last_id(s);
	for (size_t k = 0; k < nrooms; k++) {
		st = store_stmt(s, STMT_STAFF_ROOM_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_int(st, 3, room_ids[k]);
		store_bind_int(st, 4, (int64_t)k);
		if ((rc = store_run(st)) != STORE_OK) {
			op_store_fail(e, s, rc, "adding the staff rooms");
			goto out;
		}
	}
	for (size_t k = 0; k < nlangs; k++) {
		st = store_stmt(s, STMT_STAFF_LANGUAGE_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_text(st, 3, langs[k]);
		if (store_run(st) != STORE_OK) {
			op_fail(e, OP_INVALID, "languages", "%s is named twice", langs[k]);
			goto out;
		}
	}
	for (int wd = 0; wd < 7; wd++) {
		const struct field_value *p = &v[STAFF_MON + wd];
		if (!p->present)
			continue;
		st = store_stmt(s, STMT_STAFF_PATTERN_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_int(st, 3, wd);
		store_bind_int(st, 4, p->i);
		store_bind_int(st, 5, p->j);
		if ((rc = store_run(st)) != STORE_OK) {
			op_store_fail(e, s, rc, "adding the weekly pattern");
			goto out;
		}
	}
	ret = audit_write(s, who, "staff.add", "staff", *id, 0, v[STAFF_ID].s, e);
out:
	arena_free(&a);
	return ret;
}

const struct field_spec core_shift_fields[SHIFT__MAX] = {
    [SHIFT_STAFF] = {"staff", F_LINE, 1, 0, 40, NULL},
    [SHIFT_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [SHIFT_START] = {"start", F_TIME, 1, 0, 0, NULL},
    [SHIFT_END] = {"end", F_TIME, 1, 0, 0, NULL},
    [SHIFT_ROOM] = {"room", F_LINE, 0, 0, 100, NULL},
};

int core_shift_add(struct store *s, const struct actor *who, const struct field_value *v,
                   int64_t *id, struct op_error *e)
{
	return core_shift_insert(s, who, v, 1, id,
	                         e); /* a rota import is audited once, by its caller */
}

int core_shift_insert(struct store *s, const struct actor *who, const struct field_value *v,
                      int published, int64_t *id, struct op_error *e)
{
	int64_t staff = core_staff_find(s, who->setting_id, v[SHIFT_STAFF].s), room = 0;
	struct store_stmt *st;
	int rc;
	if (!staff)
		return op_fail(e, OP_INVALID, "staff", "there is no member of staff with id %s",
		               v[SHIFT_STAFF].s);
	if (v[SHIFT_END].i <= v[SHIFT_START].i)
		return op_fail(e, OP_INVALID, "end", "must be after the start (%s)",
		               v[SHIFT_START].s);
	if (v[SHIFT_ROOM].present) {
		room = core_room_find(s, who->setting_id, v[SHIFT_ROOM].s);
		if (!room)
			return op_fail(e, OP_INVALID, "room", "there is no room called %s",
			               v[SHIFT_ROOM].s);
	}
	st = store_stmt(s, STMT_SHIFT_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, staff);
	store_bind_text(st, 3, v[SHIFT_DATE].s);
	store_bind_int(st, 4, v[SHIFT_START].i);
	store_bind_int(st, 5, v[SHIFT_END].i);
	store_bind_id(st, 6, room);
	store_bind_int(st, 7, published != 0);
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding the shift");
	*id = store_last_id(s);
	return 0;
}

const struct field_spec core_absence_fields[ABSENCE__MAX] = {
    [ABSENCE_STAFF] = {"staff", F_LINE, 1, 0, 40, NULL},
    [ABSENCE_FROM] = {"from", F_DATE, 1, 0, 0, NULL},
    [ABSENCE_TO] = {"to", F_DATE, 0, 0, 0, NULL},
    [ABSENCE_REASON] = {"reason", F_ENUM, 1, 0, 0, absence_reasons},
    [ABSENCE_NOTE] = {"note", F_LINE, 0, 0, 400, NULL},
};

int core_absence_add(struct store *s, const struct actor *who, const struct field_value *v,
                     int64_t *id, struct op_error *e)
{
	int64_t staff = core_staff_find(s, who->setting_id, v[ABSENCE_STAFF].s);
	const char *to = v[ABSENCE_TO].present ? v[ABSENCE_TO].s : v[ABSENCE_FROM].s;
	struct store_stmt *st;
	int rc;
	if (!staff)
		return op_fail(e, OP_INVALID, "staff", "there is no member of staff with id %s",
		               v[ABSENCE_STAFF].s);
	if (v[ABSENCE_TO].present && v[ABSENCE_TO].i < v[ABSENCE_FROM].i)
		return op_fail(e, OP_INVALID, "to", "is before the first day (%s)",
		               v[ABSENCE_FROM].s);
	st = store_stmt(s, STMT_STAFF_ABSENCE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, staff);
	store_bind_text(st, 3, v[ABSENCE_FROM].s);
	store_bind_text(st, 4, to);
	store_bind_text(st, 5, v[ABSENCE_REASON].s);
	store_bind_text(st, 6, v[ABSENCE_NOTE].s);
	store_bind_id(st, 7, who->user_id);
	store_bind_int(st, 8, time_now());
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding the absence");
	*id = store_last_id(s);
	return audit_write(s, who, "staff.absence", "staff_absence", *id, 0, v[ABSENCE_REASON].s,
	                   e);
}
