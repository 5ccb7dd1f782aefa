/*
 * core_setting.c — creating and reading settings and adding rooms.
 * Retention defaults are a table (EYFS.md "Retention"): a setting may
 * change its own rows later.
 */
#include "core_setting.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"

static const struct {
	const char *kind, *basis;
	int months;
} retention_defaults[] = {
    {"development", "after_leaving", 36}, /* observations, diaries, registers: 3 years */
    {"register", "after_leaving", 36},
    {"diary", "after_leaving", 36},
    {"accident", "child_age", 21 * 12 + 3}, /* until age 21 years 3 months */
    {"safeguarding", "child_age", 25 * 12}, /* until the 25th birthday */
    {"staff", "after_staff_leaving", 72},   /* 6 years after leaving */
    {"supervision", "after_staff_leaving", 72},
    {"allegation", "staff_age_or_years", 65 * 12}, /* 65th birthday or 10 years */
    {"audit", "record_date", 6 * 12}, /* 6 years, never before the records it describes */
};

int core_setting_create(struct store *s, const char *name, const char *kind, int64_t *id,
                        struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SETTING_INSERT);
	struct actor who = {.name = "kw init"};
	int rc;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, kind ? kind : "nursery");
	store_bind_text(st, 3, "Europe/London");
	store_bind_int(st, 4, time_now());
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "creating the setting");
	*id = store_last_id(s);
	for (size_t i = 0; i < ARRAY_LEN(retention_defaults); i++) {
		st = store_stmt(s, STMT_RETENTION_INSERT);
		store_bind_int(st, 1, *id);
		store_bind_text(st, 2, retention_defaults[i].kind);
		store_bind_text(st, 3, retention_defaults[i].basis);
		store_bind_int(st, 4, retention_defaults[i].months);
		rc = store_run(st);
		if (rc != STORE_OK)
			return op_store_fail(e, s, rc, "adding retention rules");
	}
	who.setting_id = *id;
	return audit_write(s, &who, "setting.create", "setting", *id, 0, name, e);
}

int core_setting_get(struct store *s, int64_t id, struct setting *out, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SETTING_GET);
	int rc;
	store_bind_int(st, 1, id);
	rc = store_step(st);
	if (rc == STORE_DONE) {
		store_finish(st);
		return op_fail(e, OP_NOT_FOUND, "setting", "there is no setting %lld",
		               (long long)id);
	}
	if (rc != STORE_ROW)
		return op_store_fail(e, s, rc, "reading the setting");
	memset(out, 0, sizeof *out);
	out->id = store_col_int(st, 0);
	snprintf(out->name, sizeof out->name, "%s", store_col_text(st, 1));
	snprintf(out->kind, sizeof out->kind, "%s", store_col_text(st, 2));
	snprintf(out->time_zone, sizeof out->time_zone, "%s", store_col_text(st, 3));
	out->opens_min = (int)store_col_int(st, 4);
	out->closes_min = (int)store_col_int(st, 5);
	out->band_on_birthday = (int)store_col_int(st, 6);
	store_finish(st);
	return 0;
}

int core_setting_pick(struct store *s, int64_t id, struct setting *out, struct op_error *e)
{
	struct store_stmt *st;
	int64_t only = 0;
	int count = 0, rc;
	if (id)
		return core_setting_get(s, id, out, e);
	st = store_stmt(s, STMT_SETTING_LIST);
	while ((rc = store_step(st)) == STORE_ROW) {
		only = store_col_int(st, 0);
		count++;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "listing settings");
	if (count == 0)
		return op_fail(e, OP_NOT_FOUND, "setting",
		               "the database holds no setting yet (kw init or kw demo makes one)");
	if (count > 1)
		return op_fail(e, OP_INVALID, "setting",
		               "the database holds %d settings: name one with --setting ID", count);
	return core_setting_get(s, only, out, e);
}

const struct field_spec core_room_fields[ROOM__MAX] = {
    [ROOM_NAME] = {"name", F_LINE, 1, 0, 100, NULL},
    [ROOM_AGE_MIN_MONTHS] = {"age_min_months", F_INT, 0, 0, 240, NULL},
    [ROOM_AGE_MAX_MONTHS] = {"age_max_months", F_INT, 0, 0, 240, NULL},
    [ROOM_CAPACITY] = {"capacity", F_INT, 0, 1, 500, NULL},
};

int64_t core_room_find(struct store *s, int64_t setting_id, const char *name)
{
	return core_find_id(s, STMT_ROOM_BY_NAME, setting_id, name);
}

int core_room_add(struct store *s, const struct actor *who, const struct field_value *v,
                  int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	int64_t lo = v[ROOM_AGE_MIN_MONTHS].present ? v[ROOM_AGE_MIN_MONTHS].i : 0;
	int64_t hi = v[ROOM_AGE_MAX_MONTHS].present ? v[ROOM_AGE_MAX_MONTHS].i : 60;
	int rc;
	if (lo > hi)
		return op_fail(e, OP_INVALID, "age_max_months",
		               "must not be below age_min_months (%lld)", (long long)lo);
	if (core_room_find(s, who->setting_id, v[ROOM_NAME].s))
		return op_fail(e, OP_CONFLICT, "name", "there is already a room called %s",
		               v[ROOM_NAME].s);
	st = store_stmt(s, STMT_ROOM_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, v[ROOM_NAME].s);
	store_bind_int(st, 3, lo);
	store_bind_int(st, 4, hi);
	if (v[ROOM_CAPACITY].present)
		store_bind_int(st, 5, v[ROOM_CAPACITY].i);
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding the room");
	*id = store_last_id(s);
	return audit_write(s, who, "room.add", "room", *id, 0, v[ROOM_NAME].s, e);
}
