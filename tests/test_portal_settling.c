/*
 * test_portal_settling.c — the family's view of settling in, through
 * http_handle(): a family sees their child's settling-in visits in the
 * portal (in their language) and writes their own view of each, which the
 * staff read on /children/:id/settling; another family's visit, or a visit
 * of another child named under their own child, is 404 and nothing is
 * written; an empty view is refused with the field named.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static const char *db;
static int64_t own, other, visit_own, visit_other;

static int64_t add_visit(int64_t child, const char *plan)
{
	th_db_exec("INSERT INTO settling_visit (setting_id, child_id, date, start_min, end_min, "
	           "plan, created_at) VALUES (1, %lld, '2026-03-05', 600, 660, '%s', 0)",
	           (long long)child, plan);
	return th_db_int("SELECT max(id) FROM settling_visit");
}

static int group_setup(void **state)
{
	(void)state;
	db = th_demo(&srv, "settling.db", TODAY, TODAY, 0);
	th_add_demo_users("manager", "parent", NULL);
	th_serve();
	own = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	other = th_db_int("SELECT c.id FROM child c WHERE c.setting_id = 1 AND c.family_id <> "
	                  "(SELECT family_id FROM contact WHERE id = 1) ORDER BY c.id LIMIT 1");
	visit_own = add_visit(own, "Stay together in the baby room for an hour");
	visit_other = add_visit(other, "Snack time with the Rabbits group");
	return 0;
}

static int64_t views_written(void)
{
	return th_db_int("SELECT count(*) FROM settling_visit WHERE id IN (%lld, %lld) AND "
	                 "family_view <> ''",
	                 (long long)visit_own, (long long)visit_other);
}

static void test_a_family_sees_their_visits_and_writes_their_view_the_staff_read_it(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026"), *m, path[96];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/family/children/%lld", (long long)own);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Settling in");
	th_assert_contains(r.body, "Stay together in the baby room for an hour");
	th_assert_lacks(r.body, "Snack time with the Rabbits group");
	th_reply_free(&r);

	snprintf(path, sizeof path, "/family/children/%lld/settling/%lld", (long long)own,
	         (long long)visit_own);
	r = th_post(p, path, "family_view=");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "Please write something");
	th_reply_free(&r);
	assert_int_equal(views_written(), 0);

	r = th_post(p, path, "family_view=She+cried+at+first+then+played+with+the+sand");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT family_view_contact_id FROM settling_visit WHERE id = %lld",
	              (long long)visit_own),
	    1);
	assert_true(th_db_int("SELECT count(*) FROM audit_log WHERE action = "
	                      "'portal.settling_view' AND object_id = %lld",
	                      (long long)visit_own) == 1);

	m = th_signin("manager", "demo-manager-2026");
	snprintf(path, sizeof path, "/children/%lld/settling", (long long)own);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "In the family's words");
	th_assert_contains(r.body, "She cried at first then played with the sand");
	th_reply_free(&r);
	free(m);
	free(p);
}

static void test_another_familys_visit_is_404_and_nothing_is_written(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026"), path[96];
	int64_t before = views_written();
	struct th_reply r;
	(void)state;
	/* another family's visit under the parent's own child */
	snprintf(path, sizeof path, "/family/children/%lld/settling/%lld", (long long)own,
	         (long long)visit_other);
	r = th_post(p, path, "family_view=Not+mine");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	/* under the other family's child */
	snprintf(path, sizeof path, "/family/children/%lld/settling/%lld", (long long)other,
	         (long long)visit_other);
	r = th_post(p, path, "family_view=Not+mine");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	/* the staff page of their own child stays closed to a parent */
	snprintf(path, sizeof path, "/children/%lld/settling", (long long)own);
	r = th_get(p, path, NULL);
	assert_true(r.status == 403 || r.status == 404);
	th_reply_free(&r);
	assert_int_equal(views_written(), before);
	assert_int_equal(th_db_int("SELECT count(*) FROM settling_visit WHERE id = %lld AND "
	                           "family_view <> ''",
	                           (long long)visit_other),
	                 0);
	free(p);
}

static void test_the_demo_shows_a_familys_view_to_the_staff(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), path[96];
	int64_t child = th_db_int("SELECT child_id FROM settling_visit WHERE family_view LIKE "
	                          "'She was shy%%' AND family_view_contact_id IS NOT NULL");
	struct th_reply r;
	(void)state;
	assert_true(child > 0);
	snprintf(path, sizeof path, "/children/%lld/settling", (long long)child);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "In the family's words");
	th_assert_contains(r.body, "She was shy at the door");
	th_reply_free(&r);
	free(m);
}

static void test_the_settling_section_reads_in_polish(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026"), path[96];
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE contact SET language = 'pl' WHERE id = 1");
	snprintf(path, sizeof path, "/family/children/%lld", (long long)own);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Adaptacja");
	th_assert_contains(r.body, "Zapisz swoją opinię");
	th_assert_lacks(r.body, "Settling in");
	th_assert_lacks(r.body, "Save your view");
	th_reply_free(&r);
	th_db_exec("UPDATE contact SET language = 'en' WHERE id = 1");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_a_family_sees_their_visits_and_writes_their_view_the_staff_read_it),
	    cmocka_unit_test(test_another_familys_visit_is_404_and_nothing_is_written),
	    cmocka_unit_test(test_the_demo_shows_a_familys_view_to_the_staff),
	    cmocka_unit_test(test_the_settling_section_reads_in_polish),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
