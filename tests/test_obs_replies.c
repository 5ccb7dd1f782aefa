/*
 * test_obs_replies.c — families' replies to a shared observation (issue 7),
 * on the demo setting with today pinned (Tuesday 2026-03-03): the key
 * person reads every family's reply on the observation's page; of a group
 * observation, each family reads its own replies and the staff's, never
 * another family's (their words, and their name, are theirs). A family's
 * own "wow" moment lands on their child's learning record, marked as theirs,
 * for the key person; another family's parent posting to the child gets a
 * 404 and writes nothing.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_user.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-03"

static struct server srv;
static const char *db;
static int64_t child, other_child, other_contact, key;

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[256];
	(void)state;
	db = th_demo(&srv, "obs_replies.db", TODAY, TODAY, TH_API_JSON);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                  "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	key = th_db_int("SELECT primary_staff_id FROM key_assignment WHERE child_id = %lld AND "
	                "to_date IS NULL",
	                (long long)child);
	other_child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 "
	                        "WHERE c.family_id <> k.family_id ORDER BY c.id LIMIT 1");
	other_contact = th_db_int("SELECT k.id FROM contact k JOIN child c ON c.family_id = "
	                          "k.family_id WHERE c.id = %lld AND k.parental_responsibility = 1 "
	                          "AND k.restriction = 'none' ORDER BY k.id LIMIT 1",
	                          (long long)other_child);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "otherparent", "demo-otherparent-2026", 1u << ROLE_PARENT, NULL,
	            other_contact);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_serve();
	return 0;
}

static void test_each_family_reads_only_its_own_replies_and_staff_read_all(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char *o = th_signin("otherparent", "demo-otherparent-2026");
	char *other_name =
	    th_db_text("SELECT name FROM contact WHERE id = %lld", (long long)other_contact);
	char path[96];
	int64_t obs;
	struct th_reply r;
	(void)state;
	/* a shared observation of both children */
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, shared, "
	           "created_at) VALUES (1, %lld, '%s', 'group-replies-obs', 1, 1)",
	           (long long)key, TODAY);
	obs = th_db_int("SELECT max(id) FROM observation");
	th_db_exec("INSERT INTO observation_child VALUES (1, %lld, %lld), (1, %lld, %lld)",
	           (long long)obs, (long long)child, (long long)obs, (long long)other_child);
	/* each family replies through the portal */
	snprintf(path, sizeof path, "/family/observations/%lld/replies", (long long)obs);
	r = th_post(p, path, "text=first-family-reply");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_post(o, path, "text=second-family-reply");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);

	/* the key person reads both, on the observation and on the child's record */
	snprintf(path, sizeof path, "/observations/%lld", (long long)obs);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "first-family-reply");
	th_assert_contains(r.body, "second-family-reply");
	th_reply_free(&r);
	snprintf(path, sizeof path, "/children/%lld/observations", (long long)child);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "first-family-reply");
	th_reply_free(&r);

	/* each family: its own reply, not the other's words nor its name */
	snprintf(path, sizeof path, "/family/observations/%lld", (long long)obs);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "first-family-reply");
	th_assert_lacks(r.body, "second-family-reply");
	th_assert_lacks(r.body, other_name);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/family/children/%lld", (long long)child);
	r = th_get(p, path, NULL);
	th_assert_contains(r.body, "first-family-reply");
	th_assert_lacks(r.body, "second-family-reply");
	th_reply_free(&r);
	snprintf(path, sizeof path, "/family/observations/%lld", (long long)obs);
	r = th_get(o, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "second-family-reply");
	th_assert_lacks(r.body, "first-family-reply");
	th_reply_free(&r);
	free(other_name);
	free(k);
	free(p);
	free(o);
}

static void test_a_wow_moment_from_home_reaches_the_key_person(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char *o = th_signin("otherparent", "demo-otherparent-2026");
	char path[96];
	int64_t before = th_db_int("SELECT count(*) FROM observation");
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/family/children/%lld/wow", (long long)child);
	r = th_post(o, path, "wow=not-my-child-wow");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM observation"), before);
	r = th_post(p, path, "wow=counted-to-ten-at-bathtime");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM observation"), before + 1);
	assert_int_equal(th_db_int("SELECT author_contact_id FROM observation WHERE text = "
	                           "'counted-to-ten-at-bathtime'"),
	                 1);
	snprintf(path, sizeof path, "/children/%lld/observations", (long long)child);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "counted-to-ten-at-bathtime");
	th_assert_contains(r.body, "By a parent");
	th_reply_free(&r);
	free(k);
	free(p);
	free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_each_family_reads_only_its_own_replies_and_staff_read_all),
	    cmocka_unit_test(test_a_wow_moment_from_home_reaches_the_key_person),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
