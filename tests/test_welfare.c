/*
 * test_welfare.c — the welfare patterns of core_welfare.h at the
 * boundaries of every rule, on a small setting of its own (a fresh
 * database per test; today is Wednesday 2026-03-04, so the default
 * four-week window is 2026-02-05 to 2026-03-04):
 *
 *   - repeated absence: 2 in the window no, 3 yes, the third a day before
 *     the window no; the setting's own threshold is used;
 *   - prolonged absence: 4 expected days no, exactly 5 yes; a child who
 *     comes twice a week, absences spanning 8 days no, exactly 10 yes;
 *   - not followed up: a day the register was kept, the child expected and
 *     not in, nothing recorded — yes; once followed up no; a day nobody was
 *     signed in (closed) no; today only once the setting has closed;
 *   - development: one review below expected no, two successive yes, below
 *     then expected then below no; the latest check at two below yes, an
 *     older one below and the latest expected no; a bad level is refused.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_child.h"
#include "core_register.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_welfare.h"
#include "date.h"
#include "store.h"

#define TODAY "2026-03-04"

struct fx {
	struct store *s;
	struct actor who;
	int day;
	int64_t ada, ben, cy; /* Mon-Fri; Mon-Fri (signs in, keeping the register); Mon+Wed */
	struct arena a;
};

static struct fx f;

static int64_t add(const struct field_spec *spec, size_t n, const char *const *raw,
                   int (*op)(struct store *, const struct actor *, const struct field_value *,
                             int64_t *, struct op_error *))
{
	struct field_value v[40];
	struct field_error fe;
	struct op_error e;
	struct arena a;
	int64_t id = 0;
	arena_init(&a);
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	if (op(f.s, &f.who, v, &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	arena_free(&a);
	return id;
}

static int64_t child(const char *code, const char *first, const char *days)
{
	const char *raw[CHILD__MAX] = {NULL};
	raw[CHILD_ID] = code;
	raw[CHILD_FIRST_NAME] = first;
	raw[CHILD_LAST_NAME] = "Test";
	raw[CHILD_DATE_OF_BIRTH] = "2023-09-01";
	raw[CHILD_ROOM] = "Toddlers";
	raw[CHILD_START_DATE] = "2025-01-06";
	for (int k = 0; k < 5; k++)
		if (strchr(days, "MTWRF"[k]))
			raw[CHILD_MON + k] = "08:00-17:00";
	return add(core_child_fields, CHILD__MAX, raw, core_child_add);
}

static int setup(void **state)
{
	const char *room[ROOM__MAX] = {
	    [ROOM_NAME] = "Toddlers", [ROOM_AGE_MIN_MONTHS] = "24", [ROOM_AGE_MAX_MONTHS] = "36"};
	const char *staff[STAFF__MAX] = {
	    [STAFF_ID] = "S01", [STAFF_NAME] = "Alice Key", [STAFF_ROOMS] = "Toddlers"};
	struct op_error e;
	char err[512];
	(void)state;
	memset(&f, 0, sizeof f);
	f.who.name = "test";
	f.who.ip = "";
	assert_int_equal(date_parse(TODAY, &f.day), 0);
	if (store_open(t_path("welfare.db"), STORE_OPEN_CREATE, &f.s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(
	    core_setting_create(f.s, "Little Acorns", "nursery", &f.who.setting_id, &e), 0);
	add(core_room_fields, ROOM__MAX, room, core_room_add);
	add(core_staff_fields, STAFF__MAX, staff, core_staff_add);
	f.ada = child("C001", "Ada", "MTWRF");
	f.ben = child("C002", "Ben", "MTWRF");
	f.cy = child("C003", "Cy", "MW");
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	arena_init(&f.a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&f.a);
	store_close(f.s);
	t_cleanup();
	return 0;
}

static void exec(const char *sql)
{
	struct store_stmt *st = store_prepare(f.s, sql);
	assert_non_null(st);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

static int day_of(const char *date)
{
	int d;
	assert_int_equal(date_parse(date, &d), 0);
	return d;
}

/* An absence recorded through the register's follow-up. */
static void absent(int64_t child_id, const char *date, const char *reason)
{
	struct op_error e;
	int64_t id;
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	if (core_register_absence(f.s, &f.who, child_id, day_of(date), reason,
	                          "Rang the family at 10:00", &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
}

/* A sign-in of child_id on date (the register kept that day). */
static void signed_in(int64_t child_id, const char *date)
{
	char sql[256];
	snprintf(sql, sizeof sql,
	         "INSERT INTO register_child (setting_id, child_id, date, event, at, created_at) "
	         "VALUES (%lld, %lld, '%s', 'in', 0, 0)",
	         (long long)f.who.setting_id, (long long)child_id, date);
	exec(sql);
}

/* The flags of kind for child_id (the last one's copy in *out), at minute. */
static int flags_at(enum welfare_kind kind, int64_t child_id, int minute,
                    const struct welfare_rules *rules, struct welfare_flag *out)
{
	struct welfare_flag *list;
	struct welfare_rules r;
	struct op_error e;
	size_t n;
	int count = 0;
	if (!rules) {
		assert_int_equal(core_welfare_rules_get(f.s, f.who.setting_id, &r, &e), 0);
		rules = &r;
	}
	if (kind <= WELFARE_NOT_FOLLOWED_UP)
		assert_int_equal(core_welfare_absence(f.s, f.who.setting_id, f.day, minute, rules,
		                                      &f.a, &list, &n, &e),
		                 0);
	else
		assert_int_equal(
		    core_welfare_development(f.s, f.who.setting_id, f.day, &f.a, &list, &n, &e), 0);
	for (size_t i = 0; i < n; i++)
		if (list[i].kind == kind && list[i].child_id == child_id) {
			count++;
			if (out)
				*out = list[i];
		}
	return count;
}

static int flags(enum welfare_kind kind, int64_t child_id, struct welfare_flag *out)
{
	return flags_at(kind, child_id, 12 * 60, NULL, out);
}

/* ---- repeated absence ---- */

static void test_two_absences_in_four_weeks_are_not_repeated(void **state)
{
	(void)state;
	absent(f.ada, "2026-02-20", "illness");
	absent(f.ada, "2026-03-03", "unexplained");
	assert_int_equal(flags(WELFARE_REPEATED, f.ada, NULL), 0);
}

static void test_three_absences_in_four_weeks_are_repeated(void **state)
{
	struct welfare_flag fl;
	(void)state;
	absent(f.ada, "2026-02-05", "illness"); /* the window's first day */
	absent(f.ada, "2026-02-20", "holiday");
	absent(f.ada, "2026-03-03", "unexplained");
	assert_int_equal(flags(WELFARE_REPEATED, f.ada, &fl), 1);
	assert_int_equal(fl.count, 3);
	assert_int_equal(fl.unexplained, 1);
	assert_int_equal(fl.from, day_of("2026-02-05"));
	assert_int_equal(fl.to, day_of("2026-03-03"));
	assert_int_equal(flags(WELFARE_REPEATED, f.ben, NULL), 0);
}

static void test_third_absence_just_outside_the_window_is_not_repeated(void **state)
{
	(void)state;
	absent(f.ada, "2026-02-04", "illness"); /* 28 days ago: outside four weeks */
	absent(f.ada, "2026-02-20", "holiday");
	absent(f.ada, "2026-03-03", "unexplained");
	assert_int_equal(flags(WELFARE_REPEATED, f.ada, NULL), 0);
}

static void test_setting_threshold_is_used(void **state)
{
	const char *raw[WELFARE_RULE__MAX] = {"2", "1", "5", "10"};
	struct field_value v[WELFARE_RULE__MAX];
	struct field_error fe;
	struct welfare_rules r;
	struct op_error e;
	(void)state;
	absent(f.ada, "2026-02-26", "illness");
	absent(f.ada, "2026-03-03", "illness");
	assert_int_equal(flags(WELFARE_REPEATED, f.ada, NULL), 0);
	assert_int_equal(
	    valid_record(core_welfare_rule_fields, WELFARE_RULE__MAX, raw, v, &f.a, &fe), 0);
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(core_welfare_rules_set(f.s, &f.who, v, &e), 0);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	assert_int_equal(core_welfare_rules_get(f.s, f.who.setting_id, &r, &e), 0);
	assert_int_equal(r.repeated_absences, 2);
	assert_int_equal(r.repeated_weeks, 1);
	assert_int_equal(flags(WELFARE_REPEATED, f.ada, NULL), 1); /* 2 within 1 week */
	/* one week back from Wednesday: Thursday 2026-02-26 is in, Wednesday 02-25 would not be */
	raw[0] = "1";
	assert_int_not_equal(
	    valid_record(core_welfare_rule_fields, WELFARE_RULE__MAX, raw, v, &f.a, &fe), 0);
	assert_string_equal(fe.field, "repeated_absences");
}

/* ---- prolonged absence ---- */

static void test_four_expected_days_are_not_prolonged(void **state)
{
	(void)state;
	absent(f.ada, "2026-02-23", "illness");
	absent(f.ada, "2026-02-24", "illness");
	absent(f.ada, "2026-02-25", "illness");
	absent(f.ada, "2026-02-26", "illness"); /* Friday 02-27 not recorded: the run ends */
	assert_int_equal(flags(WELFARE_PROLONGED, f.ada, NULL), 0);
}

static void test_exactly_five_expected_days_are_prolonged(void **state)
{
	struct welfare_flag fl;
	(void)state;
	absent(f.ada, "2026-02-23", "illness");
	absent(f.ada, "2026-02-24", "illness");
	absent(f.ada, "2026-02-25", "illness");
	absent(f.ada, "2026-02-26", "illness");
	absent(f.ada, "2026-02-27", "illness");
	assert_int_equal(flags(WELFARE_PROLONGED, f.ada, &fl), 1);
	assert_int_equal(fl.count, 5);
	assert_int_equal(fl.from, day_of("2026-02-23"));
	assert_int_equal(fl.to, day_of("2026-02-27"));
	assert_int_equal(fl.calendar_days, 5);
}

static void test_weekend_does_not_break_a_run(void **state)
{
	struct welfare_flag fl;
	(void)state;
	absent(f.ada, "2026-02-26", "illness");
	absent(f.ada, "2026-02-27", "illness");
	absent(f.ada, "2026-03-02", "illness");
	absent(f.ada, "2026-03-03", "illness");
	absent(f.ada, "2026-03-04", "illness"); /* today, already recorded */
	assert_int_equal(flags(WELFARE_PROLONGED, f.ada, &fl), 1);
	assert_int_equal(fl.count, 5);
	assert_int_equal(fl.calendar_days, 7);
}

static void test_twice_weekly_child_over_eight_days_is_not_prolonged(void **state)
{
	(void)state;
	absent(f.cy, "2026-02-18", "illness"); /* Wednesday */
	absent(f.cy, "2026-02-23", "illness"); /* Monday */
	absent(f.cy, "2026-02-25", "illness"); /* Wednesday: 8 calendar days */
	assert_int_equal(flags(WELFARE_PROLONGED, f.cy, NULL), 0);
}

static void test_twice_weekly_child_over_exactly_ten_days_is_prolonged(void **state)
{
	struct welfare_flag fl;
	(void)state;
	absent(f.cy, "2026-02-16", "illness"); /* Monday */
	absent(f.cy, "2026-02-18", "illness");
	absent(f.cy, "2026-02-23", "illness");
	absent(f.cy, "2026-02-25", "illness"); /* Wednesday: 10 calendar days, 4 expected */
	assert_int_equal(flags(WELFARE_PROLONGED, f.cy, &fl), 1);
	assert_int_equal(fl.count, 4);
	assert_int_equal(fl.calendar_days, 10);
}

/* ---- not followed up ---- */

static void test_unexplained_absence_not_followed_up_is_listed(void **state)
{
	struct welfare_flag fl;
	(void)state;
	signed_in(f.ben, "2026-03-03"); /* the register was kept on Tuesday */
	assert_int_equal(flags(WELFARE_NOT_FOLLOWED_UP, f.ada, &fl), 1);
	assert_int_equal(fl.from, day_of("2026-03-03"));
	assert_int_equal(flags(WELFARE_NOT_FOLLOWED_UP, f.ben, NULL), 0); /* Ben came */
	assert_int_equal(flags(WELFARE_NOT_FOLLOWED_UP, f.cy, NULL), 0);  /* not Cy's day */
	absent(f.ada, "2026-03-03", "unexplained");                       /* followed up */
	assert_int_equal(flags(WELFARE_NOT_FOLLOWED_UP, f.ada, NULL), 0);
}

static void test_day_without_register_is_not_listed(void **state)
{
	(void)state;
	/* nobody signed in on Monday 03-02 (closed, or a bank holiday) */
	signed_in(f.ben, "2026-03-03");
	assert_int_equal(flags(WELFARE_NOT_FOLLOWED_UP, f.ada, NULL), 1); /* only Tuesday */
}

static void test_today_is_listed_only_after_closing(void **state)
{
	struct welfare_rules r = core_welfare_defaults;
	struct setting set;
	struct op_error e;
	(void)state;
	assert_int_equal(core_setting_get(f.s, f.who.setting_id, &set, &e), 0);
	signed_in(f.ben, TODAY);
	assert_int_equal(flags_at(WELFARE_NOT_FOLLOWED_UP, f.ada, set.closes_min - 1, &r, NULL), 0);
	assert_int_equal(flags_at(WELFARE_NOT_FOLLOWED_UP, f.ada, set.closes_min, &r, NULL), 1);
}

/* ---- development ---- */

/* A held review of child_id on date, with the levels recorded through core. */
static void review(int64_t child_id, const char *date, const char *psed, const char *cl,
                   const char *pd)
{
	struct op_error e;
	char sql[256];
	int64_t id;
	snprintf(sql, sizeof sql,
	         "INSERT INTO progress_meeting (setting_id, child_id, at, status, created_at) "
	         "VALUES (%lld, %lld, %lld, 'held', 0)",
	         (long long)f.who.setting_id, (long long)child_id,
	         (long long)date_instant(day_of(date), 16 * 60, "Europe/London"));
	exec(sql);
	id = store_last_id(f.s);
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	if (core_welfare_review_levels(f.s, &f.who, id, child_id, psed, cl, pd, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
}

static void check_at_two(int64_t child_id, const char *date, const char *cl)
{
	char sql[300];
	snprintf(sql, sizeof sql,
	         "INSERT INTO two_year_check (setting_id, child_id, date, cl_level, status, "
	         "created_at) VALUES (%lld, %lld, '%s', '%s', 'final', 0)",
	         (long long)f.who.setting_id, (long long)child_id, date, cl);
	exec(sql);
}

static void test_one_review_below_expected_is_not_listed(void **state)
{
	(void)state;
	review(f.ada, "2026-01-10", "expected", "less_than_expected", "expected");
	assert_int_equal(flags(WELFARE_REVIEWS, f.ada, NULL), 0);
}

static void test_two_successive_reviews_below_expected_are_listed(void **state)
{
	struct welfare_flag fl;
	(void)state;
	review(f.ada, "2025-11-10", "expected", "less_than_expected", "expected");
	review(f.ada, "2026-02-10", "expected", "less_than_expected", "");
	assert_int_equal(flags(WELFARE_REVIEWS, f.ada, &fl), 1);
	assert_string_equal(fl.areas, "CL");
	assert_int_equal(fl.from, day_of("2025-11-10"));
	assert_int_equal(fl.to, day_of("2026-02-10"));
}

static void test_below_in_different_areas_is_not_listed(void **state)
{
	(void)state;
	review(f.ada, "2025-11-10", "less_than_expected", "expected", "expected");
	review(f.ada, "2026-02-10", "expected", "less_than_expected", "expected");
	assert_int_equal(flags(WELFARE_REVIEWS, f.ada, NULL), 0);
}

static void test_below_expected_below_is_not_successive(void **state)
{
	(void)state;
	review(f.ada, "2025-09-10", "", "less_than_expected", "");
	review(f.ada, "2025-11-10", "", "expected", "");
	review(f.ada, "2026-02-10", "", "less_than_expected", "");
	assert_int_equal(flags(WELFARE_REVIEWS, f.ada, NULL), 0);
	/* a review that did not assess CL does not come between */
	review(f.ada, "2026-02-20", "expected", "", "expected");
	review(f.ada, "2026-03-02", "", "less_than_expected", "");
	assert_int_equal(flags(WELFARE_REVIEWS, f.ada, NULL), 1);
}

static void test_check_at_two_below_expected_is_listed(void **state)
{
	struct welfare_flag fl;
	(void)state;
	check_at_two(f.ada, "2026-02-02", "less_than_expected");
	assert_int_equal(flags(WELFARE_TWO_YEAR_CHECK, f.ada, &fl), 1);
	assert_string_equal(fl.areas, "CL");
	/* a later check at the expected level is what counts */
	check_at_two(f.ada, "2026-03-02", "expected");
	assert_int_equal(flags(WELFARE_TWO_YEAR_CHECK, f.ada, NULL), 0);
}

static void test_bad_review_level_is_refused(void **state)
{
	struct op_error e;
	char sql[200];
	(void)state;
	snprintf(sql, sizeof sql,
	         "INSERT INTO progress_meeting (setting_id, child_id, at, status, created_at) "
	         "VALUES (%lld, %lld, 0, 'held', 0)",
	         (long long)f.who.setting_id, (long long)f.ada);
	exec(sql);
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_not_equal(core_welfare_review_levels(f.s, &f.who, store_last_id(f.s), f.ada,
	                                                "expected", "great", "", &e),
	                     0);
	store_rollback(f.s);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "cl_level");
}

int main(void)
{
	setenv("KW_TODAY", TODAY, 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_two_absences_in_four_weeks_are_not_repeated, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_three_absences_in_four_weeks_are_repeated, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(
	        test_third_absence_just_outside_the_window_is_not_repeated, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_setting_threshold_is_used, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_four_expected_days_are_not_prolonged, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_exactly_five_expected_days_are_prolonged, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_weekend_does_not_break_a_run, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_twice_weekly_child_over_eight_days_is_not_prolonged, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_twice_weekly_child_over_exactly_ten_days_is_prolonged, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unexplained_absence_not_followed_up_is_listed,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_day_without_register_is_not_listed, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_today_is_listed_only_after_closing, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_one_review_below_expected_is_not_listed, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_two_successive_reviews_below_expected_are_listed,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_below_in_different_areas_is_not_listed, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_below_expected_below_is_not_successive, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_check_at_two_below_expected_is_listed, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_bad_review_level_is_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
