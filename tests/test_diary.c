/*
 * test_diary.c — the core of the key person's records (core_diary,
 * core_weekly, core_transition) on the demo setting, started on Monday
 * 2026-03-02 with today pinned to Wednesday 2026-03-04: each kind of diary
 * entry checks its own fields (a meal says how much, a sleep when, a note
 * has words) and names the bad row; a setting that publishes at once
 * publishes each entry as it is written; `kw diary publish` without a date
 * catches up the days left unpublished, with a date only that day; the
 * demo holds a published yesterday and an unpublished today, weekly
 * updates sent and outstanding, a draft check at two and a meeting; the
 * suggested new key person is in the new room with room under their cap,
 * and a junior key person gets an experienced buddy.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_diary.h"
#include "core_transition.h"
#include "core_weekly.h"
#include "date.h"
#include "store.h"

static struct store *s;
static struct actor who = {.setting_id = 1, .name = "test"};
static const char *db;
static int day;

static int64_t one(const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	int64_t v = -1;
	if (store_step(st) == STORE_ROW)
		v = store_col_int(st, 0);
	store_finish(st);
	return v;
}

static void run(const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

static int setup(void **state)
{
	char err[256], *out = NULL, *errout = NULL;
	(void)state;
	setenv("KW_TODAY", "2026-03-04", 1);
	db = t_path("diary.db");
	if (t_kw(db, &out, &errout, "demo", "--start", "2026-03-02", NULL) != 0)
		fail_msg("kw demo: %s%s", out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(date_parse("2026-03-04", &day), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(s);
	t_cleanup();
	return 0;
}

/* Add rows in a transaction of their own; the refusal (0 when written). */
static int add(const struct diary_new *rows, size_t n, size_t *bad, struct op_error *e)
{
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (core_diary_add(s, &who, day, 0, rows, n, bad, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return core_tx_commit(s, e);
}

static void test_each_kind_checks_its_fields_and_names_the_bad_row(void **state)
{
	static const struct {
		struct diary_new row;
		const char *field;
	} bad[] = {
	    {{1, "meal", "lunch", "", "", "", ""}, "amount"},
	    {{1, "meal", "elevenses", "all", "", "", ""}, "item"},
	    {{1, "meal", "lunch", "loads", "", "", ""}, "amount"},
	    {{1, "sleep", "", "", "", "14:00", ""}, "time"},
	    {{1, "sleep", "", "", "14:00", "13:00", ""}, "end"},
	    {{1, "nappy", "", "", "10:00", "", ""}, "item"},
	    {{1, "nappy", "wet", "some", "", "", ""}, "amount"},
	    {{1, "note", "", "", "", "", ""}, "detail"},
	    {{1, "mood", "happy", "", "25:00", "", ""}, "time"},
	    {{1, "dance", "", "", "", "", "x"}, "kind"},
	    {{0, "note", "", "", "", "", "x"}, "child"},
	};
	int64_t before = one("SELECT count(*) FROM diary_entry");
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct diary_new rows[2] = {{1, "drink", "water", "", "", "", ""}, bad[i].row};
		struct op_error e;
		size_t row;
		assert_int_not_equal(add(rows, 2, &row, &e), 0);
		assert_int_equal(e.status, OP_INVALID);
		assert_int_equal(row, 2);
		if (strcmp(e.field, bad[i].field) != 0)
			fail_msg("case %zu: field %s, expected %s (%s)", i, e.field, bad[i].field,
			         e.msg);
	}
	assert_int_equal(one("SELECT count(*) FROM diary_entry"), before);
}

static void test_entries_are_kept_in_words_for_the_parents(void **state)
{
	struct diary_new rows[] = {
	    {1, "meal", "Lunch", "MOST", "11:45", "", "Loved the pasta"},
	    {1, "sleep", "", "", "12:30", "14:05", ""},
	    {1, "nappy", "wet", "", "14:30", "", ""},
	};
	struct op_error e;
	size_t row;
	(void)state;
	assert_int_equal(add(rows, ARRAY_LEN(rows), &row, &e), 0);
	assert_int_equal(one("SELECT count(*) FROM diary_entry WHERE child_id = 1 AND date = "
	                     "'2026-03-04' AND detail IN ('Lunch: most — Loved the pasta', "
	                     "'Slept 12:30–14:05', 'Nappy: wet') AND published_at IS NULL"),
	                 3);
}

static void test_a_setting_that_publishes_at_once_publishes_each_entry(void **state)
{
	struct diary_new row = {2, "mood", "happy", "", "", "", ""};
	struct op_error e;
	size_t bad;
	(void)state;
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(core_diary_set_mode(s, &who, "sometimes", &e), 0);
	assert_int_equal(core_diary_set_mode(s, &who, "at_once", &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_true(core_diary_at_once(s, 1));
	assert_int_equal(add(&row, 1, &bad, &e), 0);
	assert_int_equal(one("SELECT published_at IS NOT NULL FROM diary_entry WHERE id = "
	                     "(SELECT max(id) FROM diary_entry)"),
	                 1);
	run("UPDATE setting SET diary_publish = 'end_of_day'");
}

static void test_kw_diary_publish_catches_up_without_a_date(void **state)
{
	char *out = NULL, *err = NULL;
	int64_t monday;
	(void)state;
	run("INSERT INTO diary_entry (setting_id, child_id, date, kind, detail, created_at) "
	    "VALUES (1, 3, '2026-03-02', 'note', 'left over', 0)");
	assert_true(one("SELECT count(*) FROM diary_entry WHERE published_at IS NULL AND date = "
	                "'2026-03-04'") > 0);
	monday = one("SELECT count(*) FROM diary_entry WHERE published_at IS NULL AND date = "
	             "'2026-03-02'");
	assert_true(monday > 1);
	/* with a date, only that day */
	assert_int_equal(t_kw(db, &out, &err, "diary", "publish", "--date", "2026-03-03", NULL), 0);
	assert_int_equal(one("SELECT count(*) FROM diary_entry WHERE published_at IS NULL AND "
	                     "date = '2026-03-02'"),
	                 monday);
	free(out);
	free(err);
	assert_int_equal(t_kw(db, &out, &err, "diary", "publish", "--date", "31/02/2026", NULL), 2);
	free(out);
	free(err);
	assert_int_equal(t_kw(db, &out, &err, "diary", "publish", NULL), 0);
	assert_non_null(strstr(out, "up to 2026-03-04"));
	assert_int_equal(one("SELECT count(*) FROM diary_entry WHERE published_at IS NULL"), 0);
	free(out);
	free(err);
}

static void test_the_demo_shows_every_record(void **state)
{
	(void)state;
	/* the demo starts on Monday 2026-03-02: Sunday's diary published, Monday's not yet */
	assert_true(one("SELECT count(*) FROM diary_entry WHERE date = '2026-03-01' AND "
	                "published_at IS NOT NULL") > 0);
	assert_true(one("SELECT count(*) FROM diary_entry WHERE date = '2026-03-02' AND "
	                "created_at > 0 AND kind = 'meal' AND item = 'morning snack'") > 0);
	assert_true(one("SELECT count(*) FROM weekly_update WHERE sent_at IS NOT NULL") > 0);
	assert_true(one("SELECT count(*) FROM weekly_update WHERE sent_at IS NULL") > 0);
	assert_int_equal(one("SELECT count(*) FROM two_year_check WHERE status = 'draft'"), 1);
	assert_int_equal(one("SELECT count(*) FROM progress_meeting WHERE status = 'scheduled'"),
	                 1);
}

static void test_the_weekly_draft_says_when_nothing_is_recorded(void **state)
{
	struct arena a;
	struct op_error e;
	const char *text;
	(void)state;
	arena_init(&a);
	assert_int_equal(core_weekly_draft(s, 1, 1, core_weekly_monday(day) - 14, &a, &text, &e),
	                 0);
	assert_string_equal(text, "Nothing recorded yet this week.\n");
	assert_int_equal(core_weekly_monday(day), day - 2);
	arena_free(&a);
}

static void test_a_junior_key_person_is_suggested_an_experienced_buddy(void **state)
{
	int64_t room = one("SELECT id FROM room ORDER BY id DESC LIMIT 1"), primary, secondary;
	char sql[512];
	(void)state;
	core_transition_suggest(s, 1, room, day, &primary, &secondary);
	assert_true(primary > 0 && secondary > 0 && primary != secondary);
	snprintf(
	    sql, sizeof sql,
	    "SELECT count(*) FROM staff_room WHERE room_id = %lld AND staff_id IN (%lld, %lld)",
	    (long long)room, (long long)primary, (long long)secondary);
	assert_int_equal(one(sql), 2);
	/* make the suggested key person new to the work: the buddy must be experienced */
	snprintf(
	    sql, sizeof sql,
	    "UPDATE staff SET qualification = 2, experience_start = '2026-01-05' WHERE id = %lld",
	    (long long)primary);
	run(sql);
	core_transition_suggest(s, 1, room, day, &primary, &secondary);
	snprintf(sql, sizeof sql,
	         "SELECT qualification >= 3 AND experience_start <= '2024-03-04' FROM staff "
	         "WHERE id = %lld",
	         (long long)secondary);
	assert_int_equal(one(sql), 1);
	/* a key person at their cap is not suggested */
	snprintf(sql, sizeof sql, "UPDATE staff SET max_primary = 0 WHERE id = %lld",
	         (long long)primary);
	run(sql);
	{
		int64_t was = primary;
		core_transition_suggest(s, 1, room, day, &primary, &secondary);
		assert_true(primary != was);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_demo_shows_every_record),
	    cmocka_unit_test(test_each_kind_checks_its_fields_and_names_the_bad_row),
	    cmocka_unit_test(test_entries_are_kept_in_words_for_the_parents),
	    cmocka_unit_test(test_a_setting_that_publishes_at_once_publishes_each_entry),
	    cmocka_unit_test(test_kw_diary_publish_catches_up_without_a_date),
	    cmocka_unit_test(test_the_weekly_draft_says_when_nothing_is_recorded),
	    cmocka_unit_test(test_a_junior_key_person_is_suggested_an_experienced_buddy),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
