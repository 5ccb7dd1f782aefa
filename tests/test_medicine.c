/*
 * test_medicine.c — the medicines of core_medicine on a demo database: a
 * permission is refused when incomplete or given by someone without
 * parental responsibility; a dose needs a witness other than the giver; a
 * dose outside its permission (after its last day, before its first, a
 * "when needed" dose sooner than the least interval) is refused with the
 * reason; doses are appended (a correction is a new entry, the old one
 * unchanged and no longer counted); the family acknowledges a dose once;
 * the due-now list at its boundaries (an hour ahead, overdue after the
 * time, given from an hour before, absent and expired not listed).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_medicine.h"
#include "date.h"
#include "store.h"

#define TODAY "2026-03-04" /* a Wednesday */
#define TZ "Europe/London"

static struct store *s;
static struct actor who = {.setting_id = 1, .user_id = 0, .name = "test"};
static int day;
static struct arena a;
static int64_t far_future; /* "now" for doses: after every dose of the tests */

#define one(...) t_one(s, __VA_ARGS__)

static int setup(void **state)
{
	const char *db;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = t_path("medicine.db");
	s = t_kw_store(db, "demo", "--start", "2026-03-02");
	assert_int_equal(date_parse(TODAY, &day), 0);
	far_future = date_instant(day + 30, 0, TZ);
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

static struct field_value *values(const struct field_spec *spec, size_t n, const char *const *raw)
{
	struct field_value *v = arena_alloc(&a, n * sizeof *v);
	struct field_error fe;
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	return v;
}

static const char *num(int64_t v)
{
	return arena_printf(&a, "%lld", (long long)v);
}

/* The k-th child of the demo with no medicine, who comes on Wednesdays. */
static int64_t child_k(int k)
{
	return one("SELECT c.id FROM child c JOIN child_attendance ca ON ca.child_id = c.id "
	           "AND ca.weekday = 2 WHERE c.setting_id = 1 AND c.id NOT IN "
	           "(SELECT child_id FROM medicine_permission) ORDER BY c.id LIMIT 1 OFFSET %d",
	           k);
}

static int64_t pr_contact(int64_t child)
{
	return one("SELECT k.id FROM contact k JOIN child c ON c.family_id = k.family_id "
	           "WHERE c.id = %lld AND k.parental_responsibility = 1 AND k.restriction = 'none' "
	           "ORDER BY k.id LIMIT 1",
	           (long long)child);
}

/* Record a permission; 0 or the refusal in e (the transaction rolled back). */
static int permit(int64_t child, const char *when_needed, const char *times, const char *reason,
                  const char *hours, const char *from, const char *until, int64_t contact,
                  int64_t *id, struct op_error *e)
{
	const char *raw[MEDP__MAX] = {"Calpol", "5 ml", when_needed,  times, reason, hours,
	                              from,     until,  num(contact), from,  ""};
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (core_medicine_permission_add(s, &who, child,
	                                 values(core_medicine_permission_fields, MEDP__MAX, raw),
	                                 "paper", id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return core_tx_commit(s, e);
}

static int64_t staff_n(int k)
{
	return one("SELECT id FROM staff WHERE setting_id = 1 ORDER BY id LIMIT 1 OFFSET %d", k);
}

static int give(int64_t child, int64_t perm, const char *date, const char *time, int64_t by,
                int64_t witness, int64_t corrects, int64_t *id, struct op_error *e)
{
	const char *raw[MEDD__MAX] = {num(perm), date,         time, "5 ml",
	                              num(by),   num(witness), "",   corrects ? num(corrects) : ""};
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (core_medicine_dose_add(s, &who, child,
	                           values(core_medicine_dose_fields, MEDD__MAX, raw), TZ,
	                           far_future, id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return core_tx_commit(s, e);
}

static void test_a_permission_is_refused_when_incomplete(void **state)
{
	int64_t child = child_k(0), contact = pr_contact(child), id = 0;
	int64_t stranger = one("SELECT k.id FROM contact k JOIN child c ON c.id = %lld "
	                       "WHERE k.setting_id = 1 AND k.family_id <> c.family_id "
	                       "AND k.parental_responsibility = 1 LIMIT 1",
	                       (long long)child);
	int64_t before = one("SELECT count(*) FROM medicine_permission");
	struct op_error e;
	(void)state;
	assert_true(contact > 0 && stranger > 0);
	/* a daily medicine needs its times, each a time of day */
	assert_int_not_equal(
	    permit(child, "", "", "", "", "2026-03-01", "2026-03-31", contact, &id, &e), 0);
	assert_string_equal(e.field, "times");
	assert_int_not_equal(
	    permit(child, "", "12:00, 25:00", "", "", "2026-03-01", "2026-03-31", contact, &id, &e),
	    0);
	assert_string_equal(e.field, "times");
	/* "when needed" needs the reason and the least interval */
	assert_int_not_equal(
	    permit(child, "yes", "", "", "4", "2026-03-01", "2026-03-31", contact, &id, &e), 0);
	assert_string_equal(e.field, "reason");
	assert_int_not_equal(
	    permit(child, "yes", "", "fever", "", "2026-03-01", "2026-03-31", contact, &id, &e), 0);
	assert_string_equal(e.field, "min_interval_hours");
	/* the last day is not before the first */
	assert_int_not_equal(
	    permit(child, "", "12:00", "", "", "2026-03-10", "2026-03-09", contact, &id, &e), 0);
	assert_string_equal(e.field, "until_date");
	/* a parent of another family gives no permission for this child */
	assert_int_not_equal(
	    permit(child, "", "12:00", "", "", "2026-03-01", "2026-03-31", stranger, &id, &e), 0);
	assert_string_equal(e.field, "contact");
	assert_int_equal(e.status, OP_INVALID);
	assert_int_equal(one("SELECT count(*) FROM medicine_permission"), before);
	/* complete: saved, with times in order, and audited */
	assert_int_equal(
	    permit(child, "", "15:00,08:30", "", "", "2026-03-01", "2026-03-31", contact, &id, &e),
	    0);
	assert_int_equal(one("SELECT count(*) FROM medicine_permission WHERE id = %lld AND times = "
	                     "'08:30,15:00'",
	                     (long long)id),
	                 1);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = 'medicine.permission' "
	                     "AND object_id = %lld",
	                     (long long)id),
	                 1);
}

static void test_a_contact_without_parental_responsibility_gives_no_permission(void **state)
{
	int64_t child = child_k(1), id = 0;
	int64_t contact =
	    one("SELECT k.id FROM contact k JOIN child c ON c.family_id = k.family_id "
	        "WHERE c.id = %lld LIMIT 1",
	        (long long)child);
	struct op_error e;
	struct store_stmt *st;
	(void)state;
	st = store_prepare(s, "UPDATE contact SET parental_responsibility = 0 WHERE id = ?");
	store_bind_int(st, 1, contact);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	assert_int_not_equal(
	    permit(child, "", "12:00", "", "", "2026-03-01", "2026-03-31", contact, &id, &e), 0);
	assert_string_equal(e.field, "contact");
	st = store_prepare(s, "UPDATE contact SET parental_responsibility = 1 WHERE id = ?");
	store_bind_int(st, 1, contact);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	assert_int_equal(
	    permit(child, "", "12:00", "", "", "2026-03-01", "2026-03-31", contact, &id, &e), 0);
}

static void test_the_witness_is_not_the_giver(void **state)
{
	int64_t child = child_k(2), perm = 0, id = 0, before;
	struct op_error e;
	(void)state;
	assert_int_equal(permit(child, "", "12:00", "", "", "2026-03-01", "2026-03-31",
	                        pr_contact(child), &perm, &e),
	                 0);
	before = one("SELECT count(*) FROM medicine_dose");
	assert_int_not_equal(
	    give(child, perm, "2026-03-04", "12:00", staff_n(0), staff_n(0), 0, &id, &e), 0);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "witness");
	/* a witness who is not on the staff of the setting */
	assert_int_not_equal(
	    give(child, perm, "2026-03-04", "12:00", staff_n(0), 999999, 0, &id, &e), 0);
	assert_string_equal(e.field, "witness");
	assert_int_equal(one("SELECT count(*) FROM medicine_dose"), before);
	assert_int_equal(
	    give(child, perm, "2026-03-04", "12:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_int_equal(one("SELECT count(*) FROM medicine_dose"), before + 1);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = 'medicine.dose' AND "
	                     "object_id = %lld",
	                     (long long)id),
	                 1);
}

static void test_a_dose_outside_the_permission_is_refused(void **state)
{
	int64_t child = child_k(3), daily = 0, prn = 0, id = 0, before;
	struct op_error e;
	(void)state;
	assert_int_equal(permit(child, "", "12:00", "", "", "2026-03-02", "2026-03-04",
	                        pr_contact(child), &daily, &e),
	                 0);
	assert_int_equal(permit(child, "yes", "", "a temperature over 38C", "4", "2026-03-01",
	                        "2026-03-31", pr_contact(child), &prn, &e),
	                 0);
	before = one("SELECT count(*) FROM medicine_dose");
	/* the day after the last: expired, can no longer be used */
	assert_int_not_equal(
	    give(child, daily, "2026-03-05", "12:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_string_equal(e.field, "date");
	assert_non_null(strstr(e.msg, "ended on 2026-03-04"));
	/* the day before the first */
	assert_int_not_equal(
	    give(child, daily, "2026-03-01", "12:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_string_equal(e.field, "date");
	/* the last day itself is within it */
	assert_int_equal(
	    give(child, daily, "2026-03-04", "12:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	/* when needed: 4 hours apart at least, whichever side */
	assert_int_equal(
	    give(child, prn, "2026-03-03", "10:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_int_not_equal(
	    give(child, prn, "2026-03-03", "13:59", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_string_equal(e.field, "time");
	assert_non_null(strstr(e.msg, "too soon"));
	assert_non_null(strstr(e.msg, "14:00"));
	assert_int_not_equal(
	    give(child, prn, "2026-03-03", "06:30", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_string_equal(e.field, "time");
	assert_int_equal(one("SELECT count(*) FROM medicine_dose"), before + 2);
	assert_int_equal(
	    give(child, prn, "2026-03-03", "14:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	/* a time still to come */
	{
		const char *raw[MEDD__MAX] = {num(prn),        "2026-03-20",    "10:00", "5 ml",
		                              num(staff_n(0)), num(staff_n(1)), "",      ""};
		assert_int_equal(core_tx_begin(s, &e), 0);
		assert_int_not_equal(
		    core_medicine_dose_add(s, &who, child,
		                           values(core_medicine_dose_fields, MEDD__MAX, raw), TZ,
		                           date_instant(day, 12 * 60, TZ), &id, &e),
		    0);
		store_rollback(s);
		assert_string_equal(e.field, "time");
	}
	/* another child's permission is not this child's */
	assert_int_not_equal(
	    give(child_k(0), prn, "2026-03-03", "18:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_int_equal(e.status, OP_NOT_FOUND);
}

static void test_doses_are_appended_and_corrected_by_a_new_entry(void **state)
{
	int64_t child = child_k(4), prn = 0, first = 0, fix = 0, id = 0;
	struct op_error e;
	struct store_stmt *st;
	(void)state;
	assert_int_equal(permit(child, "yes", "", "teething pain", "6", "2026-03-01", "2026-03-31",
	                        pr_contact(child), &prn, &e),
	                 0);
	assert_int_equal(
	    give(child, prn, "2026-03-02", "09:00", staff_n(0), staff_n(1), 0, &first, &e), 0);
	/* never changed, never removed */
	st = store_prepare(s, "UPDATE medicine_dose SET dose = '10 ml' WHERE id = ?");
	store_bind_int(st, 1, first);
	assert_int_not_equal(store_run(st), STORE_OK);
	store_finish(st);
	st = store_prepare(s, "DELETE FROM medicine_dose WHERE id = ?");
	store_bind_int(st, 1, first);
	assert_int_not_equal(store_run(st), STORE_OK);
	store_finish(st);
	/* it was really given at 08:00: a correction that names it */
	assert_int_equal(
	    give(child, prn, "2026-03-02", "08:00", staff_n(0), staff_n(1), first, &fix, &e), 0);
	assert_int_equal(
	    one("SELECT corrects_id FROM medicine_dose WHERE id = %lld", (long long)fix), first);
	assert_int_equal(one("SELECT count(*) FROM medicine_dose WHERE id = %lld AND dose = '5 ml'",
	                     (long long)first),
	                 1);
	/* the corrected entry counts no more: 14:00 is 6 hours after 08:00 */
	assert_int_equal(
	    give(child, prn, "2026-03-02", "14:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	/* an entry is corrected once; the correction can be corrected */
	assert_int_not_equal(
	    give(child, prn, "2026-03-01", "08:00", staff_n(0), staff_n(1), first, &id, &e), 0);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_string_equal(e.field, "corrects");
}

static void test_the_family_acknowledges_a_dose_once(void **state)
{
	int64_t child = child_k(5), perm = 0, dose = 0;
	struct op_error e;
	(void)state;
	assert_int_equal(permit(child, "", "12:00", "", "", "2026-03-01", "2026-03-31",
	                        pr_contact(child), &perm, &e),
	                 0);
	assert_int_equal(
	    give(child, perm, "2026-03-03", "12:00", staff_n(0), staff_n(1), 0, &dose, &e), 0);
	/* not this child's dose: as if there were none */
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(
	    core_medicine_ack(s, &who, child_k(0), dose, "Anna", "portal", far_future, &e), 0);
	store_rollback(s);
	assert_int_equal(e.status, OP_NOT_FOUND);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_medicine_ack(s, &who, child, dose, "Anna", "portal", far_future, &e),
	                 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(
	    core_medicine_ack(s, &who, child, dose, "Piotr", "paper", far_future, &e), 0);
	store_rollback(s);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(one("SELECT count(*) FROM medicine_dose WHERE id = %lld AND "
	                     "parent_ack_by = 'Anna' AND parent_ack_how = 'portal'",
	                     (long long)dose),
	                 1);
}

/* Is permission perm due in the list at hh:mm on day d (1 due, 2 overdue, 0 not listed)? */
static int due_at(int64_t room, int d, const char *hhmm, int64_t perm)
{
	struct medicine_due_row *r;
	struct op_error e;
	size_t n;
	int minute, found = 0;
	assert_int_equal(time_parse(hhmm, &minute), 0);
	assert_int_equal(core_medicine_due(s, 1, room, d, minute, TZ, &a, &r, &n, &e), 0);
	for (size_t i = 0; i < n; i++)
		if (r[i].permission_id == perm) {
			assert_non_null(r[i].key_person);
			found = r[i].overdue ? 2 : 1;
		}
	return found;
}

static void test_the_due_now_list_at_its_boundaries(void **state)
{
	int64_t child = child_k(6), perm = 0, id = 0, old = 0;
	int64_t room = one("SELECT room_id FROM child WHERE id = %lld", (long long)child);
	struct op_error e;
	struct store_stmt *st;
	(void)state;
	assert_int_equal(permit(child, "", "12:00,16:00", "", "", "2026-03-01", "2026-03-31",
	                        pr_contact(child), &perm, &e),
	                 0);
	assert_int_equal(permit(child, "", "12:00", "", "", "2026-02-01", "2026-03-03",
	                        pr_contact(child), &old, &e),
	                 0);
	/* an hour ahead, not before */
	assert_int_equal(due_at(room, day, "10:59", perm), 0);
	assert_int_equal(due_at(room, day, "11:00", perm), 1);
	assert_int_equal(due_at(room, day, "12:00", perm), 1);
	assert_int_equal(due_at(room, day, "12:01", perm), 2);
	/* in the room's list and the whole setting's, not another room's */
	assert_int_equal(due_at(0, day, "12:01", perm), 2);
	assert_int_equal(
	    due_at(one("SELECT id FROM room WHERE id <> %lld LIMIT 1", (long long)room), day,
	           "12:01", perm),
	    0);
	/* an expired permission is never due */
	assert_int_equal(due_at(room, day, "12:01", old), 0);
	/* a dose before the window does not give it; one at its opening does */
	assert_int_equal(give(child, perm, TODAY, "10:59", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_int_equal(due_at(room, day, "12:30", perm), 2);
	assert_int_equal(give(child, perm, TODAY, "11:00", staff_n(0), staff_n(1), 0, &id, &e), 0);
	assert_int_equal(due_at(room, day, "12:30", perm), 0);
	/* the next time: due from 15:00; the midday dose does not give it */
	assert_int_equal(due_at(room, day, "14:59", perm), 0);
	assert_int_equal(due_at(room, day, "15:00", perm), 1);
	/* off sick today: not expected, not listed */
	st = store_prepare(s, "INSERT INTO child_absence (setting_id, child_id, date, reason, "
	                      "recorded_by, created_at) VALUES (1, ?, ?, 'illness', NULL, 0)");
	store_bind_int(st, 1, child);
	store_bind_text(st, 2, TODAY);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	assert_int_equal(due_at(room, day, "15:00", perm), 0);
	/* not a day they come (Sunday) and not signed in: not listed */
	assert_int_equal(due_at(room, day + 4, "12:30", perm), 0);
}

static void test_the_demo_has_an_inhaler_and_calpol_with_witnessed_doses(void **state)
{
	(void)state;
	assert_int_equal(one("SELECT count(*) FROM medicine_permission WHERE setting_id = 1 AND "
	                     "when_needed = 0 AND times = '12:00' AND medicine LIKE '%%inhaler%%'"),
	                 1);
	assert_int_equal(one("SELECT count(*) FROM medicine_permission WHERE setting_id = 1 AND "
	                     "when_needed = 1 AND min_interval_min = 240 AND medicine LIKE "
	                     "'Calpol (paracetamol%%'"),
	                 1);
	assert_true(one("SELECT count(*) FROM medicine_dose WHERE setting_id = 1") >= 4);
	assert_int_equal(one("SELECT count(*) FROM medicine_dose WHERE given_by_staff_id = "
	                     "witness_staff_id"),
	                 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_permission_is_refused_when_incomplete),
	    cmocka_unit_test(test_a_contact_without_parental_responsibility_gives_no_permission),
	    cmocka_unit_test(test_the_witness_is_not_the_giver),
	    cmocka_unit_test(test_a_dose_outside_the_permission_is_refused),
	    cmocka_unit_test(test_doses_are_appended_and_corrected_by_a_new_entry),
	    cmocka_unit_test(test_the_family_acknowledges_a_dose_once),
	    cmocka_unit_test(test_the_due_now_list_at_its_boundaries),
	    cmocka_unit_test(test_the_demo_has_an_inhaler_and_calpol_with_witnessed_doses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
