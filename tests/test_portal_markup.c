/*
 * test_portal_markup.c — the portal's shared observation is markup, not
 * escaped markup: the labels "Areas of learning", "With" (a group
 * observation) and the replies heading open real elements, while the text
 * a family or the staff wrote is still escaped. On the demo setting with
 * today pinned (Tuesday 2026-03-03), as the demo parent (contact 1).
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define TODAY "2026-03-03"

static struct server srv;
static int64_t child, other_child;

static int group_setup(void **state)
{
	(void)state;
	th_demo(&srv, "portal_markup.db", TODAY, TODAY, TH_API_JSON);
	th_add_demo_users("parent", NULL);
	child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                  "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	other_child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 "
	                        "WHERE c.family_id <> k.family_id ORDER BY c.id LIMIT 1");
	th_serve();
	return 0;
}

static void test_a_shared_observation_shows_its_labels_as_markup_and_its_text_escaped(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char path[64];
	int64_t obs, key;
	struct th_reply r;
	(void)state;
	key = th_db_int("SELECT primary_staff_id FROM key_assignment WHERE child_id = %lld AND "
	                "to_date IS NULL",
	                (long long)child);
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, "
	           "next_steps, shared, created_at) VALUES (1, %lld, '%s', "
	           "'markup-obs <b>bold</b>', '', 1, 1)",
	           (long long)key, TODAY);
	obs = th_db_int("SELECT max(id) FROM observation");
	th_db_exec("INSERT INTO observation_child VALUES (1, %lld, %lld)", (long long)obs,
	           (long long)child);
	th_db_exec("INSERT INTO observation_child VALUES (1, %lld, %lld)", (long long)obs,
	           (long long)other_child);
	th_db_exec("INSERT INTO observation_area (setting_id, observation_id, area_code) VALUES "
	           "(1, %lld, 'PSED')",
	           (long long)obs);
	th_db_exec("INSERT INTO observation_reply (setting_id, observation_id, contact_id, text, "
	           "created_at) VALUES (1, %lld, 1, 'reply <i>here</i>', 2)",
	           (long long)obs);
	snprintf(path, sizeof path, "/family/observations/%lld", (long long)obs);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "markup-obs &lt;b&gt;bold&lt;/b&gt;");
	th_assert_contains(r.body, "<p>Areas of learning: Personal, social and emotional");
	th_assert_contains(r.body, "<p>Together with: ");
	th_assert_contains(r.body, "<ul class=\"replies\"><li>");
	th_assert_contains(r.body, "reply &lt;i&gt;here&lt;/i&gt;");
	th_assert_lacks(r.body, "&lt;p&gt;");
	th_assert_lacks(r.body, "&lt;h4&gt;");
	th_assert_lacks(r.body, "&lt;ul");
	th_reply_free(&r);
	/* the child's page lists the same observation the same way */
	snprintf(path, sizeof path, "/family/children/%lld", (long long)child);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "markup-obs &lt;b&gt;bold&lt;/b&gt;");
	th_assert_lacks(r.body, "&lt;p&gt;");
	th_reply_free(&r);
	free(p);
}

/* The week on the family page marks today for screen readers with a real
 * attribute, never one printed escaped (the child made to come today). */
static void test_the_family_week_marks_today_as_markup(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	struct th_reply r;
	int day = 0;
	(void)state;
	assert_int_equal(date_parse(TODAY, &day), 0);
	/* the child comes today, so the week lists today */
	th_db_exec("DELETE FROM child_attendance WHERE child_id = %lld AND weekday = %d",
	           (long long)child, date_weekday(day));
	th_db_exec("INSERT INTO child_attendance VALUES (1, %lld, %d, 480, 1020)", (long long)child,
	           date_weekday(day));
	r = th_get(p, "/family", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<li aria-current=\"date\">");
	th_assert_lacks(r.body, "aria-current=&quot;");
	th_assert_lacks(r.body, "&lt;li");
	th_reply_free(&r);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_a_shared_observation_shows_its_labels_as_markup_and_its_text_escaped),
	    cmocka_unit_test(test_the_family_week_marks_today_as_markup),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
