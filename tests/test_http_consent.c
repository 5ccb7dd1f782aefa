/*
 * test_http_consent.c — consents on the child's page and the audit of
 * restricted reads: a manager records a consent given by a parent, a bad
 * date is refused next to its field with the input kept and nothing
 * written, a contact of another family is refused, withdrawing keeps the
 * record and is refused twice; a practitioner cannot record one. Looking at
 * a child's full records (staff) or the family view (a parent) adds an
 * audit row; the basics alone do not.
 */
#include "http_support.h"

#include <stdlib.h>
#include <string.h>

#include "web.h"

#define TODAY "2026-03-03"

static struct server srv;
static const char *db;

static int group_setup(void **state)
{
	(void)state;
	db = th_demo(&srv, "consent.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
	return 0;
}

/* The parent's child (contact 1's family) and a child of another family. */
static int64_t own_child(void)
{
	return th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                 "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
}

static void test_a_manager_records_and_withdraws_a_consent(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t child = own_child();
	int64_t before =
	    th_db_int("SELECT count(*) FROM consent WHERE child_id = %lld", (long long)child);
	int64_t other =
	    th_db_int("SELECT k.id FROM contact k JOIN child c ON c.family_id <> k.family_id "
	              "WHERE c.id = %lld ORDER BY k.id LIMIT 1",
	              (long long)child);
	char path[96], fields[256];
	struct th_reply r;
	int64_t id;
	(void)state;
	snprintf(path, sizeof path, "/children/%lld/consents", (long long)child);

	/* a date that is not a date: 422, the error beside it, the note kept, nothing written */
	r = th_post(m, path,
	            "kind=outings&given=yes&contact=1&given_on=31/02/2026&note=Forest+school");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"given_on-error\"");
	th_assert_contains(r.body, "value=\"Forest school\"");
	th_reply_free(&r);
	/* someone of another family cannot give it */
	snprintf(fields, sizeof fields, "kind=outings&given=yes&contact=%lld&given_on=2026-03-02",
	         (long long)other);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"contact-error\"");
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM consent WHERE child_id = %lld", (long long)child),
	    before);

	r = th_post(m, path,
	            "kind=outings&given=yes&contact=1&given_on=2026-03-02&note=Forest+school");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	id = th_db_int("SELECT max(id) FROM consent WHERE child_id = %lld AND kind = 'outings'",
	               (long long)child);
	assert_true(id > 0);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'consent.give' "
	                           "AND object_id = %lld",
	                           (long long)id),
	                 1);
	snprintf(path, sizeof path, "/children/%lld", (long long)child);
	r = th_get(m, path, NULL);
	th_assert_contains(r.body, "Forest school");
	th_reply_free(&r);

	snprintf(path, sizeof path, "/children/%lld/consents/%lld/withdraw", (long long)child,
	         (long long)id);
	r = th_post(m, path, "");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT withdrawn_on IS NOT NULL FROM consent WHERE id = %lld",
	                           (long long)id),
	                 1);
	r = th_post(m, path, "");
	assert_int_equal(r.status, 409);
	th_reply_free(&r);
	free(m);
}

static void test_a_practitioner_cannot_record_a_consent(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char path[96];
	struct th_reply r;
	int64_t before = th_db_int("SELECT count(*) FROM consent");
	(void)state;
	snprintf(path, sizeof path, "/children/%lld/consents", (long long)own_child());
	r = th_post(k, path, "kind=outings&given=yes&given_on=2026-03-02");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM consent"), before);
	free(k);
}

/* A page's form never takes its CSRF token from the address (where it would
 * be kept in history and logs): only the JSON API does. */
static void test_a_page_refuses_a_csrf_token_in_the_address(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *csrf = th_csrf_of(m), path[96], query[128];
	int64_t before = th_db_int("SELECT count(*) FROM consent");
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/children/%lld/consents", (long long)own_child());
	snprintf(query, sizeof query, "csrf=%s", csrf);
	r = th_request("POST", path, query, m, "application/x-www-form-urlencoded",
	               "kind=outings&given=yes&given_on=2026-03-02");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM consent"), before);
	free(csrf);
	free(m);
}

/* A court order that only stops a parent collecting leaves them their
 * child's page; one that restricts information shuts them out. */
static void test_a_parent_who_may_not_collect_still_sees_their_child(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char path[64];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/children/%lld", (long long)own_child());
	th_db_exec("UPDATE contact SET may_collect = 0, restriction = 'no_collect' WHERE id = 1");
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	th_db_exec("UPDATE contact SET restriction = 'no_information' WHERE id = 1");
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	th_db_exec("UPDATE contact SET restriction = 'none', may_collect = 1 WHERE id = 1");
	free(p);
}

static void test_looking_at_full_records_is_audited(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char path[64];
	struct th_reply r;
	int64_t child = own_child();
	(void)state;
	snprintf(path, sizeof path, "/children/%lld", (long long)child);
#define VIEWS(action)                                                      \
	th_db_int("SELECT count(*) FROM audit_log WHERE action = '" action \
	          "' AND child_id = %lld",                                 \
	          (long long)child)
	int64_t staff0 = VIEWS("child.view.records"), family0 = VIEWS("child.view.family");
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	assert_int_equal(VIEWS("child.view.records"), staff0 + 1);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	assert_int_equal(VIEWS("child.view.family"), family0 + 1);
	/* a refused look leaves no trace of the record and reads nothing */
	snprintf(path, sizeof path, "/children/%lld",
	         (long long)th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 "
	                              "WHERE c.family_id <> k.family_id ORDER BY c.id LIMIT 1"));
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(VIEWS("child.view.family"), family0 + 1);
#undef VIEWS
	free(m);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_manager_records_and_withdraws_a_consent),
	    cmocka_unit_test(test_a_practitioner_cannot_record_a_consent),
	    cmocka_unit_test(test_a_page_refuses_a_csrf_token_in_the_address),
	    cmocka_unit_test(test_a_parent_who_may_not_collect_still_sees_their_child),
	    cmocka_unit_test(test_looking_at_full_records_is_audited),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
