/*
 * test_register_minute.c — entries of the daily register (core_register.h)
 * made in the same minute: a child signed in and out in one minute is
 * signed out once (a second sign-out in that minute is 409 and nothing is
 * written), can come back in the same minute, and the day's register shows
 * the sessions in that order; the same for a member of staff. (Issue 6: one
 * manual try answered 422 and then "already signed out"; these pin the
 * order: entries of one minute keep the order they were made in.)
 *
 * The day is Monday 2 March 2026 (D), pinned as today with KW_TODAY.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_child.h"
#include "core_register.h"
#include "core_setting.h"
#include "core_staff.h"
#include "store.h"

#define D "2026-03-02"

struct fx {
	struct store *s;
	struct actor who;
	int day;
	int64_t contact;
};

typedef int core_op(struct store *, const struct actor *, const struct field_value *, int64_t *,
                    struct op_error *);

static int64_t add(struct fx *f, const struct field_spec *spec, size_t n, const char *const *raw,
                   core_op *op)
{
	struct field_value v[40];
	struct field_error fe;
	struct op_error e;
	struct arena a;
	int64_t id = 0;
	arena_init(&a);
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	if (op(f->s, &f->who, v, &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	arena_free(&a);
	return id;
}

static void fx_open(struct fx *f, const char *name)
{
	const char *room[ROOM__MAX] = {
	    [ROOM_NAME] = "Toddlers", [ROOM_AGE_MIN_MONTHS] = "24", [ROOM_AGE_MAX_MONTHS] = "36"};
	const char *staff[STAFF__MAX] = {
	    [STAFF_ID] = "S01", [STAFF_NAME] = "Alice Key", [STAFF_ROOMS] = "Toddlers"};
	const char *child[CHILD__MAX] = {
	    [CHILD_ID] = "C001",         [CHILD_FIRST_NAME] = "Ada",
	    [CHILD_LAST_NAME] = "Adams", [CHILD_DATE_OF_BIRTH] = "2023-09-01",
	    [CHILD_ROOM] = "Toddlers",   [CHILD_START_DATE] = "2025-01-06",
	    [CHILD_MON] = "08:00-17:00",
	};
	const char *contact[CONTACT__MAX] = {[CONTACT_CHILD] = "C001",
	                                     [CONTACT_NAME] = "Mum Adams",
	                                     [CONTACT_RELATIONSHIP] = "mother",
	                                     [CONTACT_PARENTAL_RESPONSIBILITY] = "yes",
	                                     [CONTACT_MAY_COLLECT] = "yes"};
	struct op_error e;
	char err[512];
	memset(f, 0, sizeof *f);
	setenv("KW_TODAY", D, 1);
	f->who.name = "test";
	f->who.ip = "";
	assert_int_equal(date_parse(D, &f->day), 0);
	if (store_open(t_path(name), STORE_OPEN_CREATE, &f->s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(f->s, &e), 0);
	assert_int_equal(
	    core_setting_create(f->s, "Little Acorns", "nursery", &f->who.setting_id, &e), 0);
	add(f, core_room_fields, ROOM__MAX, room, core_room_add);
	add(f, core_staff_fields, STAFF__MAX, staff, core_staff_add);
	add(f, core_child_fields, CHILD__MAX, child, core_child_add);
	f->contact = add(f, core_contact_fields, CONTACT__MAX, contact, core_contact_add);
	assert_int_equal(core_tx_commit(f->s, &e), 0);
}

static void fx_close(struct fx *f)
{
	store_close(f->s);
	unsetenv("KW_TODAY");
}

/* One child entry at minute in its own transaction; 0 or the op's status. */
static int child_at(struct fx *f, enum register_event ev, int minute, struct op_error *e)
{
	struct register_child_entry in = {.child_id = 1,
	                                  .event = ev,
	                                  .day = f->day,
	                                  .minute = minute,
	                                  .collected_by_contact =
	                                      ev == REGISTER_OUT ? f->contact : 0};
	int64_t id;
	if (core_tx_begin(f->s, e) != 0)
		return -1;
	if (core_register_child(f->s, &f->who, &in, &id, e) != 0) {
		store_rollback(f->s);
		return (int)e->status;
	}
	return core_tx_commit(f->s, e) == 0 ? 0 : -1;
}

static int64_t rows(struct fx *f, const char *table)
{
	char sql[128];
	struct store_stmt *st;
	int64_t n = -1;
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	st = store_prepare(f->s, sql);
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	return n;
}

static void test_child_in_and_out_in_the_same_minute(void **state)
{
	struct fx f;
	struct op_error e;
	struct register_day r;
	const int m = 10 * 60 + 5;
	UNUSED(state);
	fx_open(&f, "minute.db");
	assert_int_equal(child_at(&f, REGISTER_IN, m, &e), 0);
	if (child_at(&f, REGISTER_OUT, m, &e) != 0)
		fail_msg("out in the same minute: %s: %s", e.field, e.msg);
	assert_int_equal(rows(&f, "register_child"), 2);
	/* signed out once: again in that minute is a conflict, nothing written */
	assert_int_equal(child_at(&f, REGISTER_OUT, m, &e), OP_CONFLICT);
	assert_non_null(strstr(e.msg, "already signed out at 10:05"));
	assert_int_equal(rows(&f, "register_child"), 2);
	/* back in the same minute, and out again a minute later */
	assert_int_equal(child_at(&f, REGISTER_IN, m, &e), 0);
	assert_int_equal(child_at(&f, REGISTER_OUT, m + 1, &e), 0);
	assert_int_equal(core_register_load(f.s, f.who.setting_id, f.day, &r, &e), 0);
	assert_int_equal(r.nchildren, 1);
	assert_int_equal(r.children[0].nsessions, 2);
	assert_int_equal(r.children[0].sessions[0].in, m);
	assert_int_equal(r.children[0].sessions[0].out, m);
	assert_int_equal(r.children[0].sessions[1].in, m);
	assert_int_equal(r.children[0].sessions[1].out, m + 1);
	core_register_free(&r);
	fx_close(&f);
}

/* A sign-in corrected to the minute of the sign-out still comes before it:
 * entries of one minute keep the order they were first made in. */
static void test_sign_in_corrected_to_the_minute_of_the_sign_out(void **state)
{
	struct fx f;
	struct op_error e;
	struct register_day r;
	int64_t id;
	UNUSED(state);
	fx_open(&f, "minute-correct.db");
	assert_int_equal(child_at(&f, REGISTER_IN, 10 * 60, &e), 0); /* entry 1 */
	assert_int_equal(child_at(&f, REGISTER_OUT, 10 * 60 + 5, &e), 0);
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	if (core_register_child_correct(f.s, &f.who, 1, 10 * 60 + 5, "came in late", &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	assert_int_equal(core_register_load(f.s, f.who.setting_id, f.day, &r, &e), 0);
	assert_int_equal(r.children[0].nsessions, 1);
	assert_int_equal(r.children[0].sessions[0].in, 10 * 60 + 5);
	assert_int_equal(r.children[0].sessions[0].out, 10 * 60 + 5);
	core_register_free(&r);
	/* signed out: a new sign-in is the next session, a sign-out is refused */
	assert_int_equal(child_at(&f, REGISTER_OUT, 10 * 60 + 6, &e), OP_CONFLICT);
	assert_non_null(strstr(e.msg, "already signed out at 10:05"));
	if (child_at(&f, REGISTER_IN, 10 * 60 + 6, &e) != 0)
		fail_msg("back in: %s: %s", e.field, e.msg);
	/* and the sign-out corrected to that same minute again stays after it */
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	if (core_register_child_correct(f.s, &f.who, 2, 10 * 60 + 5, "", &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	assert_int_equal(core_register_load(f.s, f.who.setting_id, f.day, &r, &e), 0);
	assert_int_equal(r.children[0].nsessions, 2);
	assert_int_equal(r.children[0].sessions[0].out, 10 * 60 + 5);
	assert_int_equal(r.children[0].sessions[1].in, 10 * 60 + 6);
	assert_int_equal(r.children[0].sessions[1].out, -1);
	core_register_free(&r);
	fx_close(&f);
}

static void test_staff_in_and_out_in_the_same_minute(void **state)
{
	struct fx f;
	struct op_error e;
	int64_t id;
	const int m = 7 * 60 + 30;
	UNUSED(state);
	fx_open(&f, "minute-staff.db");
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(core_register_staff(f.s, &f.who, 1, REGISTER_IN, f.day, m, &id, &e), 0);
	assert_int_equal(core_register_staff(f.s, &f.who, 1, REGISTER_OUT, f.day, m, &id, &e), 0);
	assert_int_equal(core_register_staff(f.s, &f.who, 1, REGISTER_OUT, f.day, m, &id, &e), -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	assert_int_equal(rows(&f, "register_staff"), 2);
	fx_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_child_in_and_out_in_the_same_minute),
	    cmocka_unit_test(test_sign_in_corrected_to_the_minute_of_the_sign_out),
	    cmocka_unit_test(test_staff_in_and_out_in_the_same_minute),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	t_cleanup();
	return rc;
}
