/*
 * test_accident.c — accidents, incidents and injuries on arrival in
 * core_accident, on a demo database: the first aider's certificate must be
 * valid on the day (refused naming "first_aider", nothing written); an
 * injury on arrival needs the parent's account and a body map region;
 * regions are the body map's, each once; the parent is told once, not
 * before it happened, and acknowledges once with a name; the Ofsted
 * deadline is the incident's day + 13, overdue only after it and no
 * longer once notified; the repeated-injury pattern at its boundaries (2
 * not listed, 3 listed, the third a day outside the window not listed,
 * other incidents not counted); every write leaves an audit row; the demo
 * fills a second setting too.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_accident.h"
#include "core_demo.h"
#include "date.h"
#include "store.h"

#define TODAY "2026-03-04"

static struct store *s;
static struct actor who = {.setting_id = 1, .user_id = 0, .name = "test"};
static int day;
static struct arena a;

#define one(...) t_one(s, __VA_ARGS__)

#define exec(...) t_exec(s, __VA_ARGS__)

static int setup(void **state)
{
	const char *db;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = t_path("accident.db");
	s = t_kw_store(db, "demo", "--start", "2026-03-02");
	assert_int_equal(date_parse(TODAY, &day), 0);
	arena_init(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&a);
	store_close(s);
	t_cleanup();
	return 0;
}

/* The k-th child of setting 1 with no accident of the demo's. */
static int64_t clean_child(int k)
{
	return one("SELECT id FROM child WHERE setting_id = 1 AND id NOT IN (SELECT child_id "
	           "FROM accident) ORDER BY id LIMIT 1 OFFSET %d",
	           k);
}

struct rec {
	const char *kind, *date, *time, *location, *regions, *first_aid, *aider, *account,
	    *notifiable;
};

/* Record r for child in its own transaction: 0 and *id, or -1 and e (rolled back). */
static int record(int64_t child, const struct rec *r, int64_t *id, struct op_error *e)
{
	const char *raw[ACC__MAX] = {r->kind,
	                             r->date,
	                             r->time ? r->time : "10:00",
	                             r->location ? r->location : "Garden",
	                             "Fell over",
	                             r->regions ? r->regions : "",
	                             r->first_aid ? r->first_aid : "",
	                             r->aider ? r->aider : "",
	                             "",
	                             r->account ? r->account : "",
	                             r->notifiable ? r->notifiable : "",
	                             ""};
	struct field_value v[ACC__MAX];
	struct field_error fe;
	if (valid_record(core_accident_fields, ACC__MAX, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (core_accident_add(s, &who, child, v, id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return core_tx_commit(s, e);
}

static void add_ok(int64_t child, const struct rec *r, int64_t *id)
{
	struct op_error e;
	int64_t ignored;
	if (record(child, r, id ? id : &ignored, &e) != 0)
		fail_msg("recording: %s %s", e.field, e.msg);
}

static void test_first_aider_needs_a_certificate_valid_that_day(void **state)
{
	int64_t child = clean_child(0), staff, id;
	int64_t before = one("SELECT count(*) FROM accident");
	char aider[24];
	struct op_error e;
	struct rec r = {.kind = "accident", .date = "2026-03-02", .first_aid = "Cold compress"};
	(void)state;
	staff = one("SELECT id FROM staff WHERE setting_id = 1 ORDER BY id LIMIT 1");
	snprintf(aider, sizeof aider, "%lld", (long long)staff);
	r.aider = aider;
	exec("UPDATE staff SET pfa_expires = '2026-03-01' WHERE id = %lld", (long long)staff);
	/* expired the day before: refused, naming the field, nothing written */
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "first_aider");
	assert_int_equal(e.status, OP_INVALID);
	assert_int_equal(one("SELECT count(*) FROM accident"), before);
	/* valid on its last day */
	r.date = "2026-03-01";
	assert_int_equal(record(child, &r, &id, &e), 0);
	assert_int_equal(
	    one("SELECT first_aider_staff_id FROM accident WHERE id = %lld", (long long)id), staff);
	/* no certificate at all: refused */
	exec("UPDATE staff SET pfa_expires = NULL WHERE id = %lld", (long long)staff);
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "first_aider");
	/* first aid given names who gave it */
	r.aider = NULL;
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "first_aider");
	exec("UPDATE staff SET pfa_expires = '2030-01-01' WHERE id = %lld", (long long)staff);
	assert_int_equal(before + 1, one("SELECT count(*) FROM accident"));
}

static void test_injury_on_arrival_needs_the_parents_account_and_a_region(void **state)
{
	int64_t child = clean_child(1), id;
	struct op_error e;
	struct rec r = {
	    .kind = "existing_injury", .date = "2026-03-03", .location = "", .regions = "left_arm"};
	(void)state;
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "parent_account");
	r.account = "Fell off the sofa at home";
	r.regions = "";
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "body_region");
	r.regions = "left_arm upper_back";
	assert_int_equal(record(child, &r, &id, &e), 0);
	assert_int_equal(one("SELECT count(*) FROM accident WHERE id = %lld AND kind = "
	                     "'existing_injury' AND body_region = 'left_arm upper_back' AND "
	                     "parent_account = 'Fell off the sofa at home'",
	                     (long long)id),
	                 1);
	/* an accident here says where it happened */
	r.kind = "accident";
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "location");
}

static void test_regions_are_the_body_maps_each_once(void **state)
{
	int64_t child = clean_child(1), id;
	struct op_error e;
	struct rec r = {.kind = "incident", .date = "2026-03-03", .regions = "face elbow"};
	(void)state;
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "body_region");
	r.regions = "face face";
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "body_region");
	r.regions = "face back_of_legs";
	assert_int_equal(record(child, &r, &id, &e), 0);
	assert_string_equal(core_accident_region_labels(&a, "face back_of_legs"),
	                    "head and face, back of the legs");
	/* not in the future */
	r.date = "2099-01-01";
	assert_int_equal(record(child, &r, &id, &e), -1);
	assert_string_equal(e.field, "date");
}

static int told(int64_t child, int64_t id, int d, int minute, struct op_error *e)
{
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (core_accident_parent_told(s, &who, child, id, d, minute, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return core_tx_commit(s, e);
}

static int ack(int64_t child, int64_t id, const char *name, int64_t contact, struct op_error *e)
{
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (core_accident_acknowledge(s, &who, child, id, name, contact, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return core_tx_commit(s, e);
}

static void test_parent_told_and_acknowledged_once(void **state)
{
	int64_t child = clean_child(2), other = clean_child(3), id;
	struct op_error e;
	struct rec r = {.kind = "accident", .date = "2026-03-03", .time = "10:00"};
	int d;
	(void)state;
	assert_int_equal(date_parse("2026-03-03", &d), 0);
	add_ok(child, &r, &id);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = 'accident.add' AND "
	                     "object_id = %lld AND child_id = %lld",
	                     (long long)id, (long long)child),
	                 1);
	/* before it happened: refused */
	assert_int_equal(told(child, id, d, 9 * 60, &e), -1);
	assert_string_equal(e.field, "date");
	/* named under another child: as if missing */
	assert_int_equal(told(other, id, d, 17 * 60, &e), -1);
	assert_int_equal(e.status, OP_NOT_FOUND);
	assert_int_equal(told(child, id, d, 17 * 60, &e), 0);
	assert_int_equal(told(child, id, d, 17 * 60 + 5, &e), -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(one("SELECT count(*) FROM accident WHERE id = %lld AND parent_informed_by "
	                     "= 'test' AND parent_informed_at IS NOT NULL",
	                     (long long)id),
	                 1);
	/* the acknowledgement needs a name, and is given once */
	assert_int_equal(ack(child, id, "  ", 0, &e), -1);
	assert_string_equal(e.field, "parent_name");
	assert_int_equal(ack(other, id, "Jo Bloggs", 0, &e), -1);
	assert_int_equal(e.status, OP_NOT_FOUND);
	assert_int_equal(ack(child, id, "Jo Bloggs", 0, &e), 0);
	assert_int_equal(ack(child, id, "Someone Else", 1, &e), -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(one("SELECT count(*) FROM accident WHERE id = %lld AND parent_ack_name = "
	                     "'Jo Bloggs' AND parent_ack_how = 'on_screen'",
	                     (long long)id),
	                 1);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE object_id = %lld AND action IN "
	                     "('accident.parent_told', 'accident.acknowledge')",
	                     (long long)id),
	                 2);
}

static struct accident *find(int64_t child, int64_t id)
{
	struct accident *list;
	struct op_error e;
	size_t n;
	assert_int_equal(core_accident_child(s, 1, "Europe/London", child, &a, &list, &n, &e), 0);
	for (size_t i = 0; i < n; i++)
		if (list[i].id == id)
			return &list[i];
	fail_msg("accident %lld not found", (long long)id);
	return NULL;
}

static int notified(int64_t child, int64_t id, const char *body, struct op_error *e)
{
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (core_accident_notified(s, &who, child, id, body, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return core_tx_commit(s, e);
}

static void test_ofsted_deadline_is_the_14th_day_and_overdue_after(void **state)
{
	int64_t child = clean_child(4), id, plain;
	struct op_error e;
	struct rec r = {.kind = "accident", .date = "2026-02-10", .notifiable = "yes"};
	struct accident *x;
	int d23, d24;
	char dl[DATE_LEN];
	(void)state;
	assert_int_equal(date_parse("2026-02-23", &d23), 0);
	d24 = d23 + 1;
	add_ok(child, &r, &id);
	x = find(child, id);
	date_format(x->ofsted_deadline, dl);
	assert_string_equal(dl, "2026-02-23"); /* the 10th is day 1, the 23rd day 14 */
	assert_false(core_accident_ofsted_overdue(x, d23));
	assert_true(core_accident_ofsted_overdue(x, d24));
	/* the setting's book lists it although older than its window, while open */
	{
		struct accident *list;
		size_t n, found = 0;
		assert_int_equal(
		    core_accident_setting(s, 1, "Europe/London", day, 7, &a, &list, &n, &e), 0);
		for (size_t i = 0; i < n; i++)
			found += list[i].id == id;
		assert_int_equal(found, 1);
	}
	assert_int_equal(notified(child, id, "ofsted", &e), 0);
	x = find(child, id);
	assert_true(x->notified_at > 0);
	assert_false(core_accident_ofsted_overdue(x, d24));
	assert_int_equal(notified(child, id, "ofsted", &e), -1);
	assert_int_equal(e.status, OP_CONFLICT);
	/* a record not flagged is not notified */
	r.notifiable = NULL;
	add_ok(child, &r, &plain);
	assert_int_equal(notified(child, plain, "riddor", &e), -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(notified(child, plain, "police", &e), -1);
	assert_string_equal(e.field, "body");
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = 'accident.notified' "
	                     "AND object_id = %lld AND detail = 'ofsted'",
	                     (long long)id),
	                 1);
}

/* Is child among the patterns of the window ending on today? Its count in *count. */
static int listed(int64_t child, int *count)
{
	struct injury_pattern *list;
	struct op_error e;
	size_t n;
	assert_int_equal(core_accident_patterns(s, 1, "Europe/London", day, ACCIDENT_PATTERN_COUNT,
	                                        ACCIDENT_PATTERN_DAYS, &a, &list, &n, &e),
	                 0);
	for (size_t i = 0; i < n; i++)
		if (list[i].child_id == child) {
			*count = list[i].count;
			return 1;
		}
	return 0;
}

static void test_repeated_injuries_at_the_boundaries(void **state)
{
	int64_t child = clean_child(5), other = clean_child(6);
	char first[DATE_LEN], outside[DATE_LEN], ten[DATE_LEN];
	struct rec r = {.kind = "accident", .regions = "right_leg"};
	int count = 0;
	(void)state;
	assert_int_equal(ACCIDENT_PATTERN_COUNT, 3);
	assert_int_equal(ACCIDENT_PATTERN_DAYS, 56);
	date_format(day - 55, first);   /* the first day of the eight weeks ending today */
	date_format(day - 56, outside); /* the day before */
	date_format(day - 10, ten);
	/* two injuries: not listed */
	r.date = TODAY;
	r.time = "09:00";
	add_ok(child, &r, NULL);
	r.date = ten;
	r.kind = "existing_injury";
	r.location = "";
	r.account = "Bumped it at home";
	r.regions = "face";
	add_ok(child, &r, NULL);
	assert_false(listed(child, &count));
	/* a third a day outside the window (its last minute): still not listed */
	r.date = outside;
	r.time = "23:59";
	add_ok(child, &r, NULL);
	assert_false(listed(child, &count));
	/* a third on the window's first day (its first minute): listed, with every region */
	r.date = first;
	r.time = "00:00";
	r.regions = "left_arm";
	add_ok(child, &r, NULL);
	assert_true(listed(child, &count));
	assert_int_equal(count, 3);
	{
		struct injury_pattern *list;
		struct op_error e;
		size_t n;
		assert_int_equal(
		    core_accident_patterns(s, 1, "Europe/London", day, 3, 56, &a, &list, &n, &e),
		    0);
		for (size_t i = 0; i < n; i++)
			if (list[i].child_id == child)
				assert_string_equal(list[i].regions, "left_arm face right_leg");
	}
	/* other incidents are not injuries: two injuries and an incident are not listed */
	r = (struct rec){.kind = "accident", .date = ten, .regions = "chest"};
	add_ok(other, &r, NULL);
	add_ok(other, &r, NULL);
	r.kind = "incident";
	add_ok(other, &r, NULL);
	assert_false(listed(other, &count));
	/* the demo's child with three injuries in five weeks is listed */
	assert_true(one("SELECT count(*) FROM (SELECT child_id FROM accident WHERE setting_id = 1 "
	                "AND kind <> 'incident' GROUP BY child_id HAVING count(*) >= 3)") >= 1);
}

static void test_the_demo_fills_a_second_setting_too(void **state)
{
	struct demo_options o = {.children = 60, .staff = 0, .another = 1};
	struct demo_summary sum;
	struct injury_pattern *list;
	struct op_error e;
	size_t n;
	(void)state;
	o.start = day - 2;
	o.staff = core_demo_default_staff(o.children);
	o.setting_name = "Second Nursery";
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_demo_load(s, &o, &sum, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_true(one("SELECT count(*) FROM accident WHERE setting_id = %lld",
	                (long long)sum.setting_id) >= 5);
	assert_int_equal(one("SELECT count(*) FROM accident WHERE setting_id = %lld AND "
	                     "notifiable = 1",
	                     (long long)sum.setting_id),
	                 1);
	assert_true(one("SELECT count(*) FROM accident WHERE setting_id = %lld AND kind = "
	                "'existing_injury'",
	                (long long)sum.setting_id) >= 1);
	assert_int_equal(one("SELECT count(*) FROM accident x JOIN child c ON c.id = x.child_id "
	                     "WHERE c.setting_id <> x.setting_id"),
	                 0);
	assert_int_equal(core_accident_patterns(s, sum.setting_id, "Europe/London", day,
	                                        ACCIDENT_PATTERN_COUNT, ACCIDENT_PATTERN_DAYS, &a,
	                                        &list, &n, &e),
	                 0);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_aider_needs_a_certificate_valid_that_day),
	    cmocka_unit_test(test_injury_on_arrival_needs_the_parents_account_and_a_region),
	    cmocka_unit_test(test_regions_are_the_body_maps_each_once),
	    cmocka_unit_test(test_parent_told_and_acknowledged_once),
	    cmocka_unit_test(test_ofsted_deadline_is_the_14th_day_and_overdue_after),
	    cmocka_unit_test(test_repeated_injuries_at_the_boundaries),
	    cmocka_unit_test(test_the_demo_fills_a_second_setting_too),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
