/*
 * test_http_feedback.c — the termly parental feedback through http_handle():
 * a parent answers for their family once a term (a second answer replaces
 * the first: still one response), a bad answer is refused naming the
 * question with nothing saved, a parent never sees another family's
 * answers, the manager's summary is anonymous unless the setting chooses
 * named feedback, and nobody else reaches the summary or the form.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "core_user.h"
#include "store.h"
#include "web.h"

#define START "2026-03-02"
#define TODAY "2026-03-04"
#define TERM "2026-01-01"

static struct server srv;
static const char *db;
static int64_t own_family, other_family;

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512];
	int64_t other_contact;
	(void)state;
	db = th_demo(&srv, "feedback.db", START, TODAY, 0);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	own_family = th_db_int("SELECT family_id FROM contact WHERE id = 1");
	other_contact =
	    th_db_int("SELECT k.id FROM contact k WHERE k.setting_id = 1 AND "
	              "k.family_id <> %lld AND k.parental_responsibility = 1 AND "
	              "k.restriction = 'none' AND k.family_id IN (SELECT family_id FROM "
	              "child) AND k.family_id NOT IN (SELECT family_id FROM "
	              "feedback_response) ORDER BY k.id LIMIT 1",
	              (long long)own_family);
	other_family =
	    th_db_int("SELECT family_id FROM contact WHERE id = %lld", (long long)other_contact);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "otherfamily", "demo-otherfamily-2026", 1u << ROLE_PARENT, NULL,
	            other_contact);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_serve();
	return 0;
}

static int64_t responses(int64_t family)
{
	return th_db_int("SELECT count(*) FROM feedback_response WHERE family_id = %lld AND "
	                 "term_start = '" TERM "'",
	                 (long long)family);
}

static void test_a_parent_answers_once_a_term_and_a_second_answer_replaces(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	struct th_reply r;
	(void)state;
	assert_int_equal(responses(own_family), 0);
	r = th_get(p, "/family", NULL);
	th_assert_contains(r.body, "href=\"/family/feedback\"");
	th_reply_free(&r);
	r = th_get(p, "/family/feedback", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "spring term 2026");
	th_assert_contains(r.body, "without names");
	th_reply_free(&r);
	r = th_post(p, "/family/feedback",
	            "settling=3&key_person=4&learning=2&food=5&overall=4&"
	            "comment=Bluebell+walks+were+lovely");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_post(p, "/family/feedback",
	            "settling=5&key_person=5&learning=4&food=5&overall=5&comment=Even+better+now");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(responses(own_family), 1);
	assert_int_equal(th_db_int("SELECT settling * 10 + learning FROM feedback_response WHERE "
	                           "family_id = %lld AND term_start = '" TERM "'",
	                           (long long)own_family),
	                 54);
	/* the form shows the family's own answers back */
	r = th_get(p, "/family/feedback", "done=feedback");
	th_assert_contains(r.body, "Even better now");
	th_assert_contains(r.body, "id=\"learning-4\" name=\"learning\" value=\"4\" checked");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = "
	                           "'feedback.replace'"),
	                 1);
	free(p);
}

static void test_a_bad_answer_names_the_question_and_saves_nothing(void **state)
{
	char *p = th_signin("otherfamily", "demo-otherfamily-2026");
	int64_t before = responses(other_family);
	struct th_reply r;
	(void)state;
	r = th_post(p, "/family/feedback", "settling=9&key_person=4&learning=2&food=5&overall=4");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "href=\"#q-settling\"");
	th_reply_free(&r);
	r = th_post(p, "/family/feedback", "settling=3&key_person=4&learning=2&food=5");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "href=\"#q-overall\"");
	th_reply_free(&r);
	assert_int_equal(responses(other_family), before);
	free(p);
}

static void test_a_parent_never_sees_another_familys_feedback(void **state)
{
	char *o = th_signin("otherfamily", "demo-otherfamily-2026");
	struct th_reply r;
	(void)state;
	/* the first family answered in the first test */
	r = th_get(o, "/family/feedback", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "Even better now");
	th_assert_lacks(r.body, " checked");
	th_reply_free(&r);
	r = th_get(o, "/feedback", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	/* answering changes their own family's response only */
	r = th_post(o, "/family/feedback",
	            "settling=1&key_person=1&learning=1&food=1&overall=1&comment=Otherfamily+note");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(responses(other_family), 1);
	assert_int_equal(th_db_int("SELECT settling FROM feedback_response WHERE family_id = %lld "
	                           "AND term_start = '" TERM "'",
	                           (long long)own_family),
	                 5);
	free(o);
}

static void test_the_managers_summary_is_anonymous_unless_named(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	char *name = th_db_text("SELECT name FROM family WHERE id = %lld", (long long)own_family);
	char named[256];
	struct th_reply r;
	(void)state;
	snprintf(named, sizeof named, "Even better now — %s", name);
	r = th_get(m, "/feedback", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Even better now");
	th_assert_contains(r.body, "Otherfamily note");
	th_assert_lacks(r.body, named);
	th_assert_contains(r.body, "Anonymous");
	th_reply_free(&r);
	r = th_post(m, "/feedback/settings", "form=settings&summaries=sometimes");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"summaries-error\"");
	th_reply_free(&r);
	r = th_post(m, "/feedback/settings", "form=settings&summaries=named");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_get(m, "/feedback", "term=" TERM);
	th_assert_contains(r.body, named);
	th_reply_free(&r);
	/* the families are told */
	{
		char *p = th_signin("parent", "demo-parent-2026");
		r = th_get(p, "/family/feedback", NULL);
		th_assert_contains(r.body, "with your family&#39;s name");
		th_reply_free(&r);
		free(p);
	}
	/* in Polish, no English word of the form is left */
	{
		char *p = th_signin("parent", "demo-parent-2026");
		th_db_exec("UPDATE contact SET language = 'pl' WHERE id = 1");
		r = th_get(p, "/family/feedback", NULL);
		assert_int_equal(r.status, 200);
		th_assert_contains(r.body, "semestr wiosenny 2026");
		th_assert_contains(r.body, "Jak dobrze osoba kluczowa");
		th_assert_lacks(r.body, "How well");
		th_assert_lacks(r.body, ">Send<");
		th_assert_lacks(r.body, "excellent");
		th_reply_free(&r);
		r = th_post(p, "/family/feedback", "settling=0");
		assert_int_equal(r.status, 422);
		th_assert_contains(r.body, "Prosimy wybrać od 1 do 5");
		th_assert_lacks(r.body, "Please");
		th_reply_free(&r);
		th_db_exec("UPDATE contact SET language = 'en' WHERE id = 1");
		free(p);
	}
	r = th_get(kp, "/feedback", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(m, "/family/feedback", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	free(name);
	free(m);
	free(kp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_parent_answers_once_a_term_and_a_second_answer_replaces),
	    cmocka_unit_test(test_a_bad_answer_names_the_question_and_saves_nothing),
	    cmocka_unit_test(test_a_parent_never_sees_another_familys_feedback),
	    cmocka_unit_test(test_the_managers_summary_is_anonymous_unless_named),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
