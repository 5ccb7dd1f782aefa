/*
 * test_contract.c — contracts, funded places and feedback (core_contract.h)
 * on a demo database: the term a funded place starts at every boundary of
 * the terms (1 January, 1 April, 1 September), a kind the child is not old
 * enough for (or too old for) refused naming "kind" with nothing written,
 * funded against attended hours per week from register entries (with a
 * correction and a sign-in never signed out), reviews due in the next 30
 * days and overdue, and one feedback response per family per term.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_contract.h"
#include "date.h"
#include "store.h"

#define TODAY "2026-03-04"

static struct store *s;
static struct actor who = {.setting_id = 1, .user_id = 0, .name = "test"};
static int today;
static struct arena a;

#define one(...) t_one(s, __VA_ARGS__)

#define exec(...) t_exec(s, __VA_ARGS__)

static int setup(void **state)
{
	const char *db;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = t_path("contract.db");
	s = t_kw_store(db, "demo", "--start", "2026-03-02");
	assert_int_equal(date_parse(TODAY, &today), 0);
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

static int d(const char *text)
{
	int day;
	assert_int_equal(date_parse(text, &day), 0);
	return day;
}

static struct field_value *values(const struct field_spec *spec, size_t n, const char *const *raw)
{
	struct field_value *v = arena_alloc(&a, n * sizeof *v);
	struct field_error fe;
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	return v;
}

/* ---- terms ---- */

static void test_terms_start_on_1_january_1_april_1_september(void **state)
{
	(void)state;
	assert_int_equal(core_contract_term_of(d("2026-01-01")), d("2026-01-01"));
	assert_int_equal(core_contract_term_of(d("2026-03-31")), d("2026-01-01"));
	assert_int_equal(core_contract_term_of(d("2026-04-01")), d("2026-04-01"));
	assert_int_equal(core_contract_term_of(d("2026-08-31")), d("2026-04-01"));
	assert_int_equal(core_contract_term_of(d("2026-09-01")), d("2026-09-01"));
	assert_int_equal(core_contract_term_of(d("2026-12-31")), d("2026-09-01"));
	assert_int_equal(core_contract_term_after(d("2026-01-01")), d("2026-04-01"));
	assert_int_equal(core_contract_term_after(d("2026-04-01")), d("2026-09-01"));
	assert_int_equal(core_contract_term_after(d("2026-12-31")), d("2027-01-01"));
	assert_int_equal(core_contract_term_season(d("2026-09-01")), TERM_AUTUMN);
	assert_int_equal(core_contract_term_season(d("2026-04-01")), TERM_SUMMER);
	assert_int_equal(core_contract_term_season(d("2026-01-01")), TERM_SPRING);
}

static void test_funding_starts_the_term_after_the_birthday_at_each_boundary(void **state)
{
	static const struct {
		const char *dob;
		int months;
		const char *starts;
	} cases[] = {
	    /* turning 3 */
	    {"2022-12-31", 36, "2026-01-01"}, /* the last day of the autumn term */
	    {"2023-01-01", 36, "2026-04-01"}, /* on the first day of a term: the next one */
	    {"2023-03-31", 36, "2026-04-01"},
	    {"2023-04-01", 36, "2026-09-01"},
	    {"2023-08-31", 36, "2026-09-01"},
	    {"2023-09-01", 36, "2027-01-01"},
	    /* turning 2 */
	    {"2024-03-31", 24, "2026-04-01"},
	    {"2024-04-01", 24, "2026-09-01"},
	    {"2024-02-29", 24, "2026-04-01"}, /* a leap-day birthday */
	    /* reaching 9 months */
	    {"2025-12-01", 9, "2027-01-01"}, /* 9 months on 1 September */
	    {"2025-11-30", 9, "2026-09-01"},
	    {"2025-06-30", 9, "2026-04-01"},
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char got[DATE_LEN];
		date_format(core_contract_funding_start(d(cases[i].dob), cases[i].months), got);
		if (strcmp(got, cases[i].starts) != 0)
			fail_msg("born %s, %d months: %s, not %s", cases[i].dob, cases[i].months,
			         got, cases[i].starts);
	}
}

/* ---- eligibility ---- */

static int64_t a_child(void)
{
	return one("SELECT id FROM child WHERE setting_id = 1 ORDER BY id LIMIT 1 OFFSET 5");
}

static int add_funding(int64_t child, const char *kind, int day, struct op_error *e)
{
	const char *raw[FUNDING__MAX] = {kind, ""};
	struct field_value *v = values(core_funding_fields, FUNDING__MAX, raw);
	int64_t id;
	int rc;
	assert_int_equal(core_tx_begin(s, e), 0);
	rc = core_contract_funding_add(s, &who, child, v, day, &id, e);
	if (rc == 0)
		assert_int_equal(core_tx_commit(s, e), 0);
	else
		store_rollback(s);
	return rc;
}

static void test_a_kind_the_child_is_not_old_enough_for_is_refused_naming_kind(void **state)
{
	struct op_error e;
	int64_t child = a_child(), before;
	(void)state;
	/* turns 3 on 10 May 2026: funded from 1 September */
	exec("UPDATE child SET date_of_birth = '2023-05-10' WHERE id = %lld", (long long)child);
	exec("DELETE FROM child_funding WHERE child_id = %lld", (long long)child);
	before = one("SELECT count(*) FROM child_funding");
	assert_int_not_equal(add_funding(child, "universal_15", today, &e), 0);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "kind");
	assert_non_null(strstr(e.msg, "2026-09-01"));
	assert_int_not_equal(add_funding(child, "working_30", today, &e), 0);
	assert_string_equal(e.field, "kind");
	assert_int_equal(one("SELECT count(*) FROM child_funding"), before);
	/* from the summer term on, the autumn term is the next: recorded, from 1 September */
	assert_int_equal(add_funding(child, "universal_15", d("2026-04-01"), &e), 0);
	assert_int_equal(one("SELECT count(*) FROM child_funding WHERE child_id = %lld AND "
	                     "starts_on = '2026-09-01'",
	                     (long long)child),
	                 1);
	/* still 2 in the summer term: two-year-old funding is theirs until then */
	assert_int_equal(add_funding(child, "2yo", d("2026-04-01"), &e), 0);
	/* two-year-old funding for a child of 3 years 8 months: too old */
	exec("UPDATE child SET date_of_birth = '2022-06-15' WHERE id = %lld", (long long)child);
	before = one("SELECT count(*) FROM child_funding");
	assert_int_not_equal(add_funding(child, "2yo", today, &e), 0);
	assert_string_equal(e.field, "kind");
	assert_non_null(strstr(e.msg, "under 3"));
	assert_int_equal(one("SELECT count(*) FROM child_funding"), before);
	assert_int_not_equal(add_funding(child, "universal_30", today, &e), 0);
	assert_string_equal(e.field, "kind");
}

static void test_funding_of_an_older_child_starts_with_the_current_term(void **state)
{
	struct op_error e;
	int64_t child = a_child();
	(void)state;
	exec("UPDATE child SET date_of_birth = '2022-06-15' WHERE id = %lld", (long long)child);
	exec("DELETE FROM child_funding WHERE child_id = %lld", (long long)child);
	assert_int_equal(add_funding(child, "working_30", today, &e), 0);
	assert_int_equal(one("SELECT count(*) FROM child_funding WHERE child_id = %lld AND "
	                     "starts_on = '2026-01-01' AND recorded_on = '" TODAY "'",
	                     (long long)child),
	                 1);
}

/* ---- funded against attended ---- */

static int64_t entry(int64_t child, const char *date, const char *event, const char *time,
                     int64_t corrects)
{
	int day = d(date), minute;
	assert_int_equal(time_parse(time, &minute), 0);
	exec("INSERT INTO register_child (setting_id, child_id, date, event, at, corrects_id, "
	     "created_at) VALUES (1, %lld, '%s', '%s', %lld, nullif(%lld, 0), 0)",
	     (long long)child, date, event, (long long)date_instant(day, minute, "Europe/London"),
	     (long long)corrects);
	return one("SELECT max(id) FROM register_child");
}

static void test_funded_against_attended_hours_per_week_from_the_register(void **state)
{
	struct funding_week w;
	struct op_error e;
	int64_t child = a_child(), tue_out;
	(void)state;
	exec("UPDATE child SET date_of_birth = '2022-06-15' WHERE id = %lld", (long long)child);
	exec("DELETE FROM child_funding WHERE child_id = %lld", (long long)child);
	exec("DELETE FROM register_child WHERE child_id = %lld", (long long)child);
	assert_int_equal(add_funding(child, "universal_15", today, &e), 0); /* from 1 January */
	entry(child, "2026-02-23", "in", "08:00", 0);
	entry(child, "2026-02-23", "out", "12:00", 0);
	entry(child, "2026-02-24", "in", "08:00", 0);
	tue_out = entry(child, "2026-02-24", "out", "12:00", 0);
	entry(child, "2026-02-24", "out", "13:00", tue_out); /* corrected: left at 13:00 */
	entry(child, "2026-02-25", "in", "09:00", 0);        /* never signed out */
	assert_int_equal(core_contract_week(s, 1, child, d("2026-02-23"), "Europe/London", &w, &e),
	                 0);
	assert_string_equal(w.kind, "universal_15");
	assert_int_equal(w.funded_minutes, 15 * 60);
	assert_int_equal(w.attended_minutes, 4 * 60 + 5 * 60);
	assert_int_equal(w.open_entries, 1);
	assert_int_equal(core_contract_unused(&w), 6 * 60);
	assert_int_equal(core_contract_beyond(&w), 0);
	/* a long Thursday: beyond the funding */
	entry(child, "2026-02-26", "in", "08:00", 0);
	entry(child, "2026-02-26", "out", "17:00", 0);
	assert_int_equal(core_contract_week(s, 1, child, d("2026-02-23"), "Europe/London", &w, &e),
	                 0);
	assert_int_equal(w.attended_minutes, 18 * 60);
	assert_int_equal(core_contract_unused(&w), 0);
	assert_int_equal(core_contract_beyond(&w), 3 * 60);
	/* the week after holds none of it; the week before the funding started has none funded */
	assert_int_equal(core_contract_week(s, 1, child, d("2026-03-02"), "Europe/London", &w, &e),
	                 0);
	assert_int_equal(w.attended_minutes, 0);
	entry(child, "2025-12-29", "in", "08:00", 0);
	entry(child, "2025-12-29", "out", "10:30", 0);
	assert_int_equal(core_contract_week(s, 1, child, d("2025-12-29"), "Europe/London", &w, &e),
	                 0);
	assert_string_equal(w.kind, "");
	assert_int_equal(w.funded_minutes, 0);
	assert_int_equal(core_contract_beyond(&w), 150);
}

/* ---- contracts and reviews ---- */

static int save_contract(int64_t child, const char *start, const char *basis, const char *fee,
                         const char *review, struct op_error *e)
{
	const char *raw[CONTRACT__MAX] = {start, "", basis, fee, review, ""};
	struct field_value *v = values(core_contract_fields, CONTRACT__MAX, raw);
	int rc;
	assert_int_equal(core_tx_begin(s, e), 0);
	rc = core_contract_save(s, &who, child, v, e);
	if (rc == 0)
		assert_int_equal(core_tx_commit(s, e), 0);
	else
		store_rollback(s);
	return rc;
}

static void roll(int *due, int *overdue, int64_t child, int *child_due)
{
	struct contract_roll *r;
	struct op_error e;
	size_t n;
	assert_int_equal(core_contract_roll(s, 1, today, &a, &r, &n, due, overdue, &e), 0);
	*child_due = -1;
	for (size_t i = 0; i < n; i++)
		if (r[i].child_id == child)
			*child_due = r[i].overdue ? 2 : r[i].due;
}

static void test_reviews_due_in_the_next_30_days_and_overdue(void **state)
{
	struct op_error e;
	int64_t child = one("SELECT id FROM child WHERE setting_id = 1 AND start_date <= '" TODAY
	                    "' ORDER BY id LIMIT 1 OFFSET 7");
	int due, overdue, mine;
	(void)state;
	roll(&due, &overdue, child, &mine);
	assert_int_equal(overdue,
	                 one("SELECT count(*) FROM contract ct JOIN child c ON c.id = "
	                     "ct.child_id WHERE ct.setting_id = 1 AND ct.review_on < '" TODAY
	                     "' AND c.start_date <= '" TODAY "'"));
	assert_true(overdue >= 1); /* the demo's overdue review */
	assert_int_equal(save_contract(child, "2025-09-01", "hour", "7.20", "2026-04-03", &e), 0);
	roll(&due, &overdue, child, &mine);
	assert_int_equal(mine, 1); /* 30 days ahead: due */
	assert_int_equal(save_contract(child, "2025-09-01", "hour", "7.20", "2026-04-04", &e), 0);
	roll(&due, &overdue, child, &mine);
	assert_int_equal(mine, 0); /* 31 days ahead: not yet */
	assert_int_equal(save_contract(child, "2025-09-01", "session", "60", "2026-03-03", &e), 0);
	roll(&due, &overdue, child, &mine);
	assert_int_equal(mine, 2); /* yesterday: overdue */
	assert_int_equal(
	    one("SELECT count(*) FROM contract WHERE child_id = %lld", (long long)child),
	    1); /* saving again changes the one contract */
	assert_int_equal(
	    one("SELECT fee_pence FROM contract WHERE child_id = %lld", (long long)child), 6000);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_contract_review(s, &who, child, today, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	roll(&due, &overdue, child, &mine);
	assert_int_equal(mine, 0);
	assert_int_equal(one("SELECT count(*) FROM contract WHERE child_id = %lld AND review_on = "
	                     "'2027-03-04' AND reviewed_on = '" TODAY "'",
	                     (long long)child),
	                 1);
	assert_true(one("SELECT count(*) FROM audit_log WHERE action = 'contract.review'") >= 1);
}

static void test_a_contract_without_a_fee_or_reviewed_before_it_starts_is_refused(void **state)
{
	struct op_error e;
	int64_t child = a_child();
	(void)state;
	assert_int_not_equal(save_contract(child, "2025-09-01", "hour", "", "", &e), 0);
	assert_string_equal(e.field, "fee");
	assert_int_not_equal(save_contract(child, "2025-09-01", "hour", "7", "2025-08-01", &e), 0);
	assert_string_equal(e.field, "review_on");
	/* funded hours only need no fee; the review defaults to a year after the start */
	assert_int_equal(save_contract(child, "2025-09-01", "funded", "", "", &e), 0);
	assert_int_equal(one("SELECT count(*) FROM contract WHERE child_id = %lld AND review_on = "
	                     "'2026-09-01' AND fee_pence = 0",
	                     (long long)child),
	                 1);
	assert_int_not_equal(save_contract(-5, "2025-09-01", "funded", "", "", &e), 0);
	assert_int_equal(e.status, OP_NOT_FOUND);
}

/* ---- feedback ---- */

static int answer(int64_t family, int rating, const char *comment, int *replaced)
{
	char r[2] = {(char)('0' + rating), 0};
	const char *raw[FB__MAX] = {r, r, r, r, "5", comment};
	struct field_value *v = values(core_feedback_fields, FB__MAX, raw);
	struct op_error e;
	int rc;
	assert_int_equal(core_tx_begin(s, &e), 0);
	rc = core_feedback_save(s, &who, family, 0, core_contract_term_of(today), v, replaced, &e);
	assert_int_equal(rc, 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	return rc;
}

static void test_one_feedback_response_per_family_per_term_the_second_replaces(void **state)
{
	struct feedback_summary f;
	struct op_error e;
	int64_t family = one("SELECT id FROM family WHERE setting_id = 1 AND id NOT IN (SELECT "
	                     "family_id FROM feedback_response WHERE term_start = '2026-01-01') "
	                     "ORDER BY id LIMIT 1");
	int replaced, before;
	(void)state;
	assert_int_equal(core_feedback_summary(s, 1, d("2026-01-01"), &a, &f, &e), 0);
	before = f.count;
	answer(family, 2, "Zebra crossings outside, please.", &replaced);
	assert_false(replaced);
	answer(family, 4, "Zebra crossing fixed: thank you.", &replaced);
	assert_true(replaced);
	assert_int_equal(one("SELECT count(*) FROM feedback_response WHERE family_id = %lld AND "
	                     "term_start = '2026-01-01'",
	                     (long long)family),
	                 1);
	assert_int_equal(one("SELECT settling FROM feedback_response WHERE family_id = %lld AND "
	                     "term_start = '2026-01-01'",
	                     (long long)family),
	                 4);
	assert_int_equal(core_feedback_summary(s, 1, d("2026-01-01"), &a, &f, &e), 0);
	assert_int_equal(f.count, before + 1);
	assert_true(f.anonymous);
	assert_true(f.families >= f.count);
	for (size_t i = 0; i < f.ncomments; i++) {
		assert_string_equal(f.comments[i].family, "");
		assert_null(strstr(f.comments[i].text, "Zebra crossings outside"));
	}
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_feedback_set_anonymous(s, &who, 0, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(core_feedback_summary(s, 1, d("2026-01-01"), &a, &f, &e), 0);
	assert_false(f.anonymous);
	for (size_t i = 0; i < f.ncomments; i++)
		assert_string_not_equal(f.comments[i].family, "");
	/* the audit rows say a family answered, not what */
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action LIKE 'feedback.%%' AND "
	                     "detail LIKE '%%Zebra%%'"),
	                 0);
}

static void test_the_summary_averages_each_question(void **state)
{
	struct feedback_summary f;
	struct op_error e;
	double sum = 0;
	int n = 0;
	(void)state;
	assert_int_equal(core_feedback_summary(s, 1, d("2026-01-01"), &a, &f, &e), 0);
	assert_true(f.count > 1);
	sum = (double)one("SELECT sum(food) FROM feedback_response WHERE setting_id = 1 AND "
	                  "term_start = '2026-01-01'");
	n = (int)one("SELECT count(*) FROM feedback_response WHERE setting_id = 1 AND "
	             "term_start = '2026-01-01'");
	assert_int_equal(f.count, n);
	assert_true(f.average[FB_FOOD] > sum / n - 1e-9 && f.average[FB_FOOD] < sum / n + 1e-9);
	assert_int_equal(f.spread[FB_OVERALL][0] + f.spread[FB_OVERALL][1] +
	                     f.spread[FB_OVERALL][2] + f.spread[FB_OVERALL][3] +
	                     f.spread[FB_OVERALL][4],
	                 n);
	assert_true(f.nterms >= 2); /* this term and last, in the demo */
	assert_int_equal(f.terms[0], d("2026-01-01"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_terms_start_on_1_january_1_april_1_september),
	    cmocka_unit_test(test_funding_starts_the_term_after_the_birthday_at_each_boundary),
	    cmocka_unit_test(test_a_kind_the_child_is_not_old_enough_for_is_refused_naming_kind),
	    cmocka_unit_test(test_funding_of_an_older_child_starts_with_the_current_term),
	    cmocka_unit_test(test_funded_against_attended_hours_per_week_from_the_register),
	    cmocka_unit_test(test_reviews_due_in_the_next_30_days_and_overdue),
	    cmocka_unit_test(test_a_contract_without_a_fee_or_reviewed_before_it_starts_is_refused),
	    cmocka_unit_test(test_one_feedback_response_per_family_per_term_the_second_replaces),
	    cmocka_unit_test(test_the_summary_averages_each_question),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
