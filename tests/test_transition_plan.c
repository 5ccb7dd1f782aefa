/*
 * test_transition_plan.c — a room move's key person and buddy come from the
 * planner: the new room's key groups planned with the moving child added
 * and every other child locked to their pair. The suggestion is in the new
 * room, keeps to the caps (max_primary), pairs a junior key person with an
 * experienced buddy, leaves every other pair as it is, and is quick; when
 * the planner cannot plan (a cap already broken by the pairs as they
 * stand), the simple rule suggests and the reason is given.
 */
#include "support.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core_transition.h"
#include "date.h"
#include "store.h"

#define TODAY "2026-03-04"

static struct store *s;
static const char *db;
static int day;
static int64_t mover, room_to;

#define one(...) t_one(s, __VA_ARGS__)

#define run(...) t_exec(s, __VA_ARGS__)

static int setup(void **state)
{
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = t_path("transition_plan.db");
	s = t_kw_store(db, "demo", "--start", "2026-03-02");
	assert_int_equal(date_parse(TODAY, &day), 0);
	/* the oldest child of the first room moves to the last room */
	room_to = one("SELECT id FROM room WHERE setting_id = 1 ORDER BY age_min_months DESC, id "
	              "DESC LIMIT 1");
	mover = one("SELECT id FROM child WHERE setting_id = 1 AND room_id <> %lld ORDER BY "
	            "date_of_birth, id LIMIT 1",
	            (long long)room_to);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(s);
	t_cleanup();
	return 0;
}

#define IN_FORCE "k.from_date <= '" TODAY "' AND (k.to_date IS NULL OR k.to_date > '" TODAY "')"

static int works_in(int64_t staff, int64_t room)
{
	return one("SELECT count(*) FROM staff_room WHERE staff_id = %lld AND room_id = %lld",
	           (long long)staff, (long long)room) == 1;
}

static int64_t primaries(int64_t staff)
{
	return one(
	    "SELECT count(*) FROM key_assignment k WHERE k.primary_staff_id = %lld AND " IN_FORCE,
	    (long long)staff);
}

/* Suggest with the planner; asserts it was the planner, returns the result. */
static json_t *planned(int64_t *p, int64_t *q)
{
	char why[256];
	json_t *result = NULL;
	clock_t t0 = clock();
	int by =
	    core_transition_plan_suggest(s, 1, mover, room_to, day, p, q, why, sizeof why, &result);
	double ms = 1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("suggestion: planner %d (%s), %.0f ms\n", by, why, ms);
	assert_int_equal(by, 1);
	assert_non_null(result);
	assert_true(ms < 3000.0);
	assert_true(*p > 0 && *q > 0 && *p != *q);
	assert_true(works_in(*p, room_to));
	assert_true(works_in(*q, room_to));
	assert_int_equal(one("SELECT key_person FROM staff WHERE id = %lld", (long long)*p), 1);
	return result;
}

static void
test_the_planner_suggests_a_pair_of_the_new_room_and_keeps_every_other_pair(void **state)
{
	int64_t p, q;
	json_t *result = planned(&p, &q), *a;
	size_t i, kept = 0;
	char mover_code[64];
	struct store_stmt *st = store_prepare(s, "SELECT code FROM child WHERE id = ?");
	(void)state;
	store_bind_int(st, 1, mover);
	assert_int_equal(store_step(st), STORE_ROW);
	snprintf(mover_code, sizeof mover_code, "%s", store_col_text(st, 0));
	store_finish(st);
	json_array_foreach (json_object_get(result, "assignments"), i, a) {
		const char *c = json_string_value(json_object_get(a, "child"));
		if (strcmp(c, mover_code) == 0)
			continue;
		/* every other child has exactly the pair in force */
		assert_int_equal(
		    one("SELECT count(*) FROM key_assignment k JOIN child c ON c.id = k.child_id "
		        "JOIN staff p ON p.id = k.primary_staff_id JOIN staff q ON q.id = "
		        "k.secondary_staff_id WHERE c.code = '%s' AND p.code = '%s' AND q.code = "
		        "'%s' AND " IN_FORCE,
		        c, json_string_value(json_object_get(a, "primary")),
		        json_string_value(json_object_get(a, "secondary"))),
		    1);
		kept++;
	}
	print_message("%zu other children keep their pair\n", kept);
	assert_true(kept > 10);
	json_decref(result);
}

static void test_the_suggestion_keeps_to_the_caps(void **state)
{
	int64_t p, q, free_one, was;
	json_t *r = planned(&p, &q);
	(void)state;
	json_decref(r);
	was = p;
	/* every key person of the new room full but one, who is not the one chosen */
	free_one = one("SELECT s.id FROM staff s JOIN staff_room sr ON sr.staff_id = s.id WHERE "
	               "sr.room_id = %lld AND s.key_person = 1 AND s.id <> %lld ORDER BY s.id "
	               "LIMIT 1",
	               (long long)room_to, (long long)was);
	assert_true(free_one > 0);
	run("UPDATE staff SET max_primary = (SELECT count(*) FROM key_assignment k WHERE "
	    "k.primary_staff_id = staff.id AND " IN_FORCE ") WHERE key_person = 1 AND id IN "
	    "(SELECT staff_id FROM staff_room WHERE room_id = %lld)",
	    (long long)room_to);
	run("UPDATE staff SET max_primary = max_primary + 1 WHERE id = %lld", (long long)free_one);
	r = planned(&p, &q);
	json_decref(r);
	assert_int_equal(p, free_one);
	assert_true(primaries(p) + 1 <=
	            one("SELECT max_primary FROM staff WHERE id = %lld", (long long)p));
	run("UPDATE staff SET max_primary = NULL WHERE id IN (SELECT staff_id FROM staff_room "
	    "WHERE room_id = %lld)",
	    (long long)room_to);
}

static void test_a_junior_key_person_gets_an_experienced_buddy(void **state)
{
	int64_t p, q;
	json_t *r = planned(&p, &q);
	(void)state;
	json_decref(r);
	/* the chosen key person and one other of the room become new to the work */
	run("UPDATE staff SET experience_start = '2026-01-05' WHERE id = %lld", (long long)p);
	run("UPDATE staff SET experience_start = '2026-01-05' WHERE id = (SELECT s.id FROM staff s "
	    "JOIN staff_room sr ON sr.staff_id = s.id WHERE sr.room_id = %lld AND s.id <> %lld "
	    "ORDER BY s.id LIMIT 1)",
	    (long long)room_to, (long long)p);
	r = planned(&p, &q);
	json_decref(r);
	/* no two juniors (under 12 months, the planner's junior_months) */
	assert_false(one("SELECT experience_start > '2025-03-04' FROM staff WHERE id = %lld",
	                 (long long)p) == 1 &&
	             one("SELECT experience_start > '2025-03-04' FROM staff WHERE id = %lld",
	                 (long long)q) == 1);
}

static void test_the_rule_suggests_when_the_planner_cannot_and_says_why(void **state)
{
	int64_t p, q, full;
	char why[256];
	int by;
	(void)state;
	/* a key person of the new room over their cap as the pairs stand: infeasible */
	full =
	    one("SELECT k.primary_staff_id FROM key_assignment k JOIN staff_room sr ON "
	        "sr.staff_id = k.primary_staff_id WHERE sr.room_id = %lld AND " IN_FORCE " LIMIT 1",
	        (long long)room_to);
	assert_true(full > 0);
	run("UPDATE staff SET max_primary = 0 WHERE id = %lld", (long long)full);
	by = core_transition_plan_suggest(s, 1, mover, room_to, day, &p, &q, why, sizeof why, NULL);
	print_message("fell back: %s\n", why);
	assert_int_equal(by, 0);
	assert_true(*why);
	assert_true(p > 0 && q > 0 && p != q);
	assert_true(p != full);
	assert_true(works_in(p, room_to));
	run("UPDATE staff SET max_primary = NULL WHERE id = %lld", (long long)full);
}

static void test_a_planned_room_move_records_that_the_planner_chose(void **state)
{
	struct actor who = {.setting_id = 1, .name = "test"};
	const char *raw[TRANSITION__MAX] = {"room_move", "2026-03-16", NULL};
	struct field_value v[TRANSITION__MAX];
	struct field_error fe;
	struct op_error e;
	struct arena a;
	struct store_stmt *st = store_prepare(s, "SELECT name FROM room WHERE id = ?");
	char room[128];
	int64_t id;
	(void)state;
	store_bind_int(st, 1, room_to);
	assert_int_equal(store_step(st), STORE_ROW);
	snprintf(room, sizeof room, "%s", store_col_text(st, 0));
	store_finish(st);
	raw[TRANSITION_TO_ROOM] = room;
	arena_init(&a);
	assert_int_equal(valid_record(core_transition_fields, TRANSITION__MAX, raw, v, &a, &fe), 0);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_transition_add(s, &who, mover, v, &id, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_string_equal(core_transition_suggested_by(s, 1, id, &a), "planner");
	assert_true(works_in(
	    one("SELECT new_primary_staff_id FROM transition WHERE id = %lld", (long long)id),
	    room_to));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_the_planner_suggests_a_pair_of_the_new_room_and_keeps_every_other_pair),
	    cmocka_unit_test(test_the_suggestion_keeps_to_the_caps),
	    cmocka_unit_test(test_a_junior_key_person_gets_an_experienced_buddy),
	    cmocka_unit_test(test_the_rule_suggests_when_the_planner_cannot_and_says_why),
	    cmocka_unit_test(test_a_planned_room_move_records_that_the_planner_chose),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
