/*
 * test_sen.c — the SEN, behaviour and supervision records of core_sen and
 * core_supervision on a demo database: a plan's reviews are appended and
 * never changed or removed; the register marks a review overdue only after
 * its day; the family's view holds only what was shared; the behaviour
 * overview counts four weeks and no more; supervision is due six weeks
 * after the last and overdue the day after; the demo writes its records
 * into the setting it is given (a second setting beside the first).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_demo.h"
#include "core_sen.h"
#include "core_supervision.h"
#include "date.h"
#include "store.h"

#define TODAY "2026-03-04"

static struct store *s;
static struct actor who = {.setting_id = 1, .user_id = 0, .name = "test"};
static int day;

#define one(...) t_one(s, __VA_ARGS__)

static int setup(void **state)
{
	const char *db;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = t_path("sen.db");
	s = t_kw_store(db, "demo", "--start", "2026-03-02");
	assert_int_equal(date_parse(TODAY, &day), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(s);
	t_cleanup();
	return 0;
}

static struct arena a;

/* Field values of raw (validated: the test's own values must pass). */
static struct field_value *values(const struct field_spec *spec, size_t n, const char *const *raw)
{
	struct field_value *v = arena_alloc(&a, n * sizeof *v);
	struct field_error fe;
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	return v;
}

/* A child of the demo not on the SEN register. */
static int64_t plain_child(int k)
{
	return one("SELECT id FROM child WHERE setting_id = 1 AND id NOT IN (SELECT child_id "
	           "FROM sen_record) ORDER BY id LIMIT 1 OFFSET %d",
	           k);
}

static int64_t add_plan(int64_t child, const char *review, const char *shared)
{
	const char *raw[SENP__MAX] = {"sen_support", "2026-01-10", review, "To say hello", shared};
	struct op_error e;
	int64_t id = 0;
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_sen_plan_add(s, &who, child,
	                                   values(core_sen_plan_fields, SENP__MAX, raw), &id, &e),
	                 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	return id;
}

static int review(int64_t child, int64_t plan, const char *on, const char *next, struct op_error *e)
{
	char id[32];
	const char *raw[SENR__MAX] = {id, on, "Met the first target", next};
	snprintf(id, sizeof id, "%lld", (long long)plan);
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (core_sen_review_add(s, &who, child, "sen",
	                        values(core_sen_review_fields, SENR__MAX, raw), e) != 0) {
		store_rollback(s);
		return -1;
	}
	return core_tx_commit(s, e);
}

static void test_reviews_are_appended_never_changed(void **state)
{
	int64_t child = plain_child(0), plan;
	struct op_error e;
	struct store_stmt *st;
	(void)state;
	arena_init(&a);
	plan = add_plan(child, "2026-02-10", "");
	assert_int_equal(review(child, plan, "2026-02-10", "2026-04-10", &e), 0);
	assert_int_equal(review(child, plan, "2026-04-10", "", &e), 0);
	assert_int_equal(
	    one("SELECT count(*) FROM plan_review WHERE plan_id = %lld", (long long)plan), 2);
	/* the first review is still as it was written */
	assert_int_equal(one("SELECT count(*) FROM plan_review WHERE plan_id = %lld AND "
	                     "next_review_on = '2026-04-10'",
	                     (long long)plan),
	                 1);
	/* the plan ended: no next review */
	assert_int_equal(
	    one("SELECT review_on IS NULL FROM sen_plan WHERE id = %lld", (long long)plan), 1);
	st = store_prepare(s, "UPDATE plan_review SET outcome = 'changed'");
	assert_int_not_equal(store_run(st), STORE_OK);
	store_finish(st);
	st = store_prepare(s, "DELETE FROM plan_review");
	assert_int_not_equal(store_run(st), STORE_OK);
	store_finish(st);
	assert_int_equal(one("SELECT count(*) FROM plan_review WHERE outcome = 'changed'"), 0);
	/* a review of another child's plan is refused as missing */
	assert_int_equal(review(plain_child(1), plan, "2026-05-01", "", &e), -1);
	assert_int_equal(e.status, OP_NOT_FOUND);
	/* the next review comes after this one */
	assert_int_equal(review(child, plan, "2026-05-01", "2026-05-01", &e), -1);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "next_review_on");
	arena_free(&a);
}

static void test_the_register_marks_a_review_overdue_after_its_day(void **state)
{
	int64_t on_day = plain_child(2), late = plain_child(3);
	const char *status[SENS__MAX] = {"sen_support", "semh", "2026-01-01", ""};
	struct sen_register_row *r;
	struct op_error e;
	size_t n;
	int seen = 0;
	(void)state;
	arena_init(&a);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_sen_status_set(s, &who, on_day,
	                                     values(core_sen_status_fields, SENS__MAX, status), &e),
	                 0);
	assert_int_equal(core_sen_status_set(s, &who, late,
	                                     values(core_sen_status_fields, SENS__MAX, status), &e),
	                 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	add_plan(on_day, TODAY, "");
	add_plan(late, "2026-03-03", "");
	assert_int_equal(core_sen_register(s, 1, day, &a, &r, &n, &e), 0);
	for (size_t i = 0; i < n; i++) {
		if (r[i].child_id == on_day) {
			assert_false(r[i].overdue);
			seen++;
		}
		if (r[i].child_id == late) {
			assert_true(r[i].overdue);
			seen++;
		}
	}
	assert_int_equal(seen, 2);
	/* "none" takes the child off the register */
	{
		const char *off[SENS__MAX] = {"none", "", TODAY, ""};
		size_t before = n;
		assert_int_equal(core_tx_begin(s, &e), 0);
		assert_int_equal(core_sen_status_set(s, &who, late,
		                                     values(core_sen_status_fields, SENS__MAX, off),
		                                     &e),
		                 0);
		assert_int_equal(core_tx_commit(s, &e), 0);
		assert_int_equal(core_sen_register(s, 1, day, &a, &r, &n, &e), 0);
		assert_int_equal(n, before - 1);
	}
	arena_free(&a);
}

static void test_the_family_view_holds_only_what_was_shared(void **state)
{
	int64_t child = plain_child(4), shared, kept;
	const char *profile[SENO__MAX] = {"My laugh", "My rabbit", "Time to answer", ""};
	struct sen_view v;
	struct op_error e;
	(void)state;
	arena_init(&a);
	shared = add_plan(child, "2026-05-01", "yes");
	kept = add_plan(child, "2026-05-02", "");
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_sen_profile_save(s, &who, child,
	                                       values(core_sen_profile_fields, SENO__MAX, profile),
	                                       &e),
	                 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(core_sen_load(s, 1, child, day, 1, &a, &v, &e), 0);
	assert_int_equal(v.nplans, 1);
	assert_int_equal(v.plans[0].id, shared);
	assert_false(v.has_profile); /* not shared */
	assert_int_equal(v.nagencies + v.nlsa + v.nincidents + v.nbplans + v.nreviews, 0);
	assert_int_equal(core_sen_load(s, 1, child, day, 0, &a, &v, &e), 0);
	assert_int_equal(v.nplans, 2);
	assert_true(v.plans[0].id == kept || v.plans[1].id == kept);
	assert_true(v.has_profile);
	profile[SENO_SHARED] = "yes";
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_sen_profile_save(s, &who, child,
	                                       values(core_sen_profile_fields, SENO__MAX, profile),
	                                       &e),
	                 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(core_sen_load(s, 1, child, day, 1, &a, &v, &e), 0);
	assert_true(v.has_profile);
	assert_string_equal(v.important, "My rabbit");
	arena_free(&a);
}

static void test_the_behaviour_overview_counts_four_weeks(void **state)
{
	int64_t child = plain_child(5), now = date_instant(day, 12 * 60, "Europe/London");
	const char *raw[BEHI__MAX] = {TODAY, "10:00", "", "Threw sand", ""};
	struct beh_count_row *c;
	struct beh_due_row *d;
	struct op_error e;
	size_t nc, nd;
	int found = 0;
	(void)state;
	arena_init(&a);
	assert_int_equal(core_tx_begin(s, &e), 0);
	/* inside the window: exactly 28 days ago, and an hour ago; outside: a second earlier */
	assert_int_equal(core_beh_incident_add(s, &who, child, now - BEH_WINDOW_DAYS * 86400,
	                                       values(core_beh_incident_fields, BEHI__MAX, raw),
	                                       &e),
	                 0);
	assert_int_equal(core_beh_incident_add(s, &who, child, now - 3600,
	                                       values(core_beh_incident_fields, BEHI__MAX, raw),
	                                       &e),
	                 0);
	assert_int_equal(core_beh_incident_add(s, &who, child, now - BEH_WINDOW_DAYS * 86400 - 1,
	                                       values(core_beh_incident_fields, BEHI__MAX, raw),
	                                       &e),
	                 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(core_beh_overview(s, 1, day, now, &a, &c, &nc, &d, &nd, &e), 0);
	for (size_t i = 0; i < nc; i++)
		if (c[i].child_id == child) {
			assert_int_equal(c[i].incidents, 2);
			found = 1;
		}
	assert_true(found);
	arena_free(&a);
}

static void test_supervision_is_overdue_the_day_after_it_is_due(void **state)
{
	/* the manager (S01): the demo's supervisor, never supervised themselves */
	int64_t staff = one("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S01'");
	int64_t boss = one("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S02'"), id;
	int last = day - 7 * SUPERVISION_WEEKS;
	char d[DATE_LEN];
	struct field_value v[SUP__MAX];
	struct sup_staff *all;
	struct op_error e;
	size_t n;
	(void)state;
	arena_init(&a);
	assert_false(core_supervision_overdue(last, SUPERVISION_WEEKS, day));
	assert_true(core_supervision_overdue(last, SUPERVISION_WEEKS, day + 1));
	assert_true(core_supervision_overdue(-1, SUPERVISION_WEEKS, day));
	assert_int_equal(
	    one("SELECT count(*) FROM supervision WHERE staff_id = %lld", (long long)staff), 0);
	memset(v, 0, sizeof v);
	date_format(last, d);
	v[SUP_DATE] = (struct field_value){.present = 1, .i = last, .s = d};
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_supervision_add(s, &who, staff, boss, v, NULL, 0, &id, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	for (int k = 0; k < 2; k++) {
		int found = 0;
		assert_int_equal(core_supervision_due(s, 1, day + k, &a, &all, &n, &e), 0);
		for (size_t i = 0; i < n; i++)
			if (all[i].id == staff) {
				found = 1;
				assert_string_equal(all[i].last, d);
				assert_int_equal(all[i].overdue, k);
			}
		assert_true(found);
	}
	/* every 8 weeks: no longer overdue the day after six */
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_supervision_set_weeks(s, &who, staff, 8, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(core_supervision_due(s, 1, day + 1, &a, &all, &n, &e), 0);
	for (size_t i = 0; i < n; i++)
		if (all[i].id == staff)
			assert_false(all[i].overdue);
	/* nobody supervises themselves */
	assert_int_equal(core_supervision_add(s, &who, staff, staff, v, NULL, 0, &id, &e), -1);
	assert_int_equal(e.status, OP_INVALID);
	arena_free(&a);
}

static void test_the_demo_has_an_overdue_supervision_and_sen_records(void **state)
{
	struct sup_staff *all;
	struct op_error e;
	size_t n;
	int overdue = 0;
	(void)state;
	arena_init(&a);
	assert_int_equal(core_supervision_due(s, 1, day, &a, &all, &n, &e), 0);
	for (size_t i = 0; i < n; i++)
		overdue += all[i].overdue;
	assert_true(overdue >= 1);
	assert_true(one("SELECT count(*) FROM sen_record WHERE setting_id = 1 AND status = "
	                "'ehcp'") >= 1);
	assert_true(one("SELECT count(*) FROM lsa_hours WHERE setting_id = 1") >= 1);
	assert_true(one("SELECT count(*) FROM behaviour_incident WHERE setting_id = 1") >= 1);
	arena_free(&a);
}

static void test_the_demo_writes_into_the_setting_it_is_given(void **state)
{
	struct demo_options o = {.children = 30, .staff = 0, .another = 1};
	struct demo_summary sum;
	struct op_error e;
	(void)state;
	o.start = day;
	o.staff = core_demo_default_staff(o.children);
	o.setting_name = "Second Nursery";
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_demo_load(s, &o, &sum, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_true(sum.setting_id != 1);
	assert_true(one("SELECT count(*) FROM sen_record WHERE setting_id = %lld",
	                (long long)sum.setting_id) >= 1);
	assert_true(one("SELECT count(*) FROM supervision WHERE setting_id = %lld",
	                (long long)sum.setting_id) >= 1);
	/* every record names a child and a member of staff of its own setting */
	assert_int_equal(one("SELECT count(*) FROM sen_record r JOIN child c ON c.id = r.child_id "
	                     "WHERE c.setting_id <> r.setting_id"),
	                 0);
	assert_int_equal(one("SELECT count(*) FROM supervision v JOIN staff t ON t.id = v.staff_id "
	                     "WHERE t.setting_id <> v.setting_id"),
	                 0);
	assert_int_equal(one("SELECT count(*) FROM behaviour_incident b JOIN child c ON "
	                     "c.id = b.child_id WHERE c.setting_id <> b.setting_id"),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reviews_are_appended_never_changed),
	    cmocka_unit_test(test_the_register_marks_a_review_overdue_after_its_day),
	    cmocka_unit_test(test_the_family_view_holds_only_what_was_shared),
	    cmocka_unit_test(test_the_behaviour_overview_counts_four_weeks),
	    cmocka_unit_test(test_supervision_is_overdue_the_day_after_it_is_due),
	    cmocka_unit_test(test_the_demo_has_an_overdue_supervision_and_sen_records),
	    cmocka_unit_test(test_the_demo_writes_into_the_setting_it_is_given),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
