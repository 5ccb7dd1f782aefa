/*
 * test_http_retention.c — /retention: a manager sees what the retention
 * rules say is due today and removes it, after giving the password again;
 * the count the page showed must still hold when the button is pressed
 * (else 409 and nothing removed); a second look finds nothing due; the
 * removal is audited. Practitioners and parents are refused.
 */
#include "http_support.h"
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_user.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static int64_t gone; /* the child who left long ago */

static int group_setup(void **state)
{
	(void)state;
	th_demo(&srv, "retention.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
	/* a child who left in 2020: their register is past its 3 years */
	gone = th_db_int("SELECT max(child_id) FROM register_child");
	th_db_exec("UPDATE child SET start_date = '2019-01-07', leaving_date = '2020-01-31' WHERE "
	           "id = %lld",
	           (long long)gone);
	return 0;
}

static int64_t register_rows(void)
{
	return th_db_int("SELECT count(*) FROM register_child WHERE child_id = %lld",
	                 (long long)gone);
}

static void test_others_are_refused(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	struct th_reply a = th_get(k, "/retention", NULL), b = th_get(p, "/retention", NULL);
	struct th_reply c = th_post(k, "/retention", "rows=1");
	(void)state;
	assert_int_equal(a.status, 403);
	assert_int_equal(b.status, 403);
	assert_int_equal(c.status, 403);
	assert_true(register_rows() > 0);
	th_reply_free(&a);
	th_reply_free(&b);
	th_reply_free(&c);
	free(k);
	free(p);
}

static void test_a_manager_sees_what_is_due_and_removes_it(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r = th_get(m, "/retention", NULL);
	int64_t before = register_rows(), audits;
	char *rows, fields[64];
	(void)state;
	assert_true(before > 0);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<table id=\"retention\">");
	rows = th_input_value(r.body, "rows");
	assert_non_null(rows);
	assert_true(strtoll(rows, NULL, 10) >= before);
	th_reply_free(&r);

	/* without the password given again: asked for it, nothing removed */
	snprintf(fields, sizeof fields, "rows=%s", rows);
	r = th_post(m, "/retention", fields);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "step_up_password");
	th_reply_free(&r);
	assert_int_equal(register_rows(), before);

	/* a count that no longer holds: 409, nothing removed */
	th_step_up("manager");
	r = th_post(m, "/retention", "rows=1");
	assert_int_equal(r.status, 409);
	th_reply_free(&r);
	assert_int_equal(register_rows(), before);

	/* the count shown: removed, audited, and nothing left due */
	audits = th_db_int("SELECT count(*) FROM audit_log WHERE action = 'retention.apply'");
	r = th_post(m, "/retention", fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(register_rows(), 0);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = 'retention.apply'"),
	    audits + 1);
	r = th_get(m, "/retention", "removed=5");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Nothing is due today.");
	th_assert_contains(r.body, "Removed 5 rows.");
	th_reply_free(&r);
	free(rows);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_others_are_refused),
	    cmocka_unit_test(test_a_manager_sees_what_is_due_and_removes_it),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
