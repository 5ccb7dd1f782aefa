/*
 * test_privacy_notice.c — ASVS 8.3.3 through http_handle on the demo
 * setting: the privacy notice is shown once in full at a person's first
 * sign-in (the staff's home page; a family's /family opens it), folded on
 * /family after that in the family's language (English or Polish), linked
 * from every page's footer (also signed out), and edited only by a manager
 * or an admin of the setting; the edit is audited and reaches the families.
 */
#include "support.h"
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal_text.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;

static int group_setup(void **state)
{
	(void)state;
	th_demo(&srv, "privacy.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "parent", "admin", NULL);
	th_serve();
	return 0;
}

static void test_first_sign_in_shows_the_notice_once(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	struct th_reply r = th_get(k, "/", NULL);
	(void)state;
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "id=\"privacy-first\"");
	th_assert_contains(r.body, "How we use your information");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM app_user WHERE username = 'keyperson' "
	                           "AND privacy_seen_at IS NOT NULL"),
	                 1);
	r = th_get(k, "/", NULL);
	th_assert_lacks(r.body, "id=\"privacy-first\"");
	th_assert_contains(r.body, "href=\"/privacy\""); /* still linked from the footer */
	th_reply_free(&r);
	free(k);
}

static void test_every_page_links_the_notice_even_signed_out(void **state)
{
	const char *pages[] = {"/signin", "/privacy"};
	(void)state;
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		struct th_reply r = th_get(NULL, pages[i], NULL);
		assert_int_equal(r.status, 200);
		th_assert_contains(r.body, "<footer class=\"foot\"><a href=\"/privacy\">");
		th_reply_free(&r);
	}
	{
		struct th_reply r = th_get(NULL, "/privacy", NULL);
		th_assert_contains(r.body, "Information Commissioner");
		th_assert_lacks(r.body, "<textarea"); /* nobody signed out edits it */
		th_reply_free(&r);
	}
}

static void test_family_sees_it_in_their_language_open_the_first_time(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE app_user SET privacy_seen_at = NULL WHERE username = 'parent'");
	r = th_get(p, "/family", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<details class=\"card privacy\" id=\"privacy\" open>");
	th_assert_contains(r.body, portal_text(PORTAL_EN, M_PRIVACY_TITLE));
	th_reply_free(&r);
	r = th_get(p, "/family", NULL);
	th_assert_contains(r.body, "<details class=\"card privacy\" id=\"privacy\">");
	th_reply_free(&r);
	/* in Polish: the heading, the built-in text and the footer */
	r = th_post(p, "/family/language", "language=pl&back=/family");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_get(p, "/family", NULL);
	th_assert_contains(r.body, portal_text(PORTAL_PL, M_PRIVACY_TITLE));
	th_assert_contains(r.body, "Skargę można złożyć do Information Commissioner");
	th_assert_contains(r.body, portal_text(PORTAL_PL, M_PRIVACY_LINK));
	th_assert_lacks(r.body, portal_text(PORTAL_EN, M_PRIVACY_TITLE));
	th_reply_free(&r);
	r = th_post(p, "/family/language", "language=en&back=/family");
	th_reply_free(&r);
	free(p);
}

static void test_only_a_manager_or_admin_edits_it_and_families_read_the_edit(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	int64_t audits = th_db_int("SELECT count(*) FROM audit_log WHERE action = 'privacy.edit'");
	struct th_reply r;
	(void)state;
	r = th_get(m, "/privacy", NULL);
	th_assert_contains(r.body, "<textarea id=\"notice\"");
	th_reply_free(&r);
	r = th_get(k, "/privacy", NULL);
	th_assert_lacks(r.body, "<textarea");
	th_reply_free(&r);
	/* a practitioner and a parent are refused, nothing changes */
	r = th_post(k, "/privacy", "notice=Sneaky+notice");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(p, "/privacy", "notice=Sneaky+notice");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM setting WHERE privacy_notice IS NOT NULL"),
	                 0);
	/* the manager writes the setting's own notice: two paragraphs */
	r = th_post(m, "/privacy",
	            "notice=Sunflower+keeps+your+records+safe.%0D%0A%0D%0AAsk+Jo+for+a+copy.");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'privacy.edit'"),
	                 audits + 1);
	r = th_get(p, "/family", NULL);
	th_assert_contains(r.body, "<p>Sunflower keeps your records safe.</p>");
	th_assert_contains(r.body, "<p>Ask Jo for a copy.</p>");
	th_assert_lacks(r.body, "Information Commissioner");
	th_reply_free(&r);
	/* too long: 422 naming the field, unchanged */
	{
		size_t n = 20100;
		char *big = malloc(n + 16);
		memcpy(big, "notice=", 7);
		memset(big + 7, 'a', n);
		big[7 + n] = '\0';
		r = th_post(m, "/privacy", big);
		assert_int_equal(r.status, 422);
		th_assert_contains(r.body, "notice");
		th_reply_free(&r);
		free(big);
	}
	/* emptied: back to the built-in notice */
	r = th_post(m, "/privacy", "notice=");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_get(p, "/privacy", NULL);
	th_assert_contains(r.body, "Information Commissioner");
	th_reply_free(&r);
	free(m);
	free(k);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_sign_in_shows_the_notice_once),
	    cmocka_unit_test(test_every_page_links_the_notice_even_signed_out),
	    cmocka_unit_test(test_family_sees_it_in_their_language_open_the_first_time),
	    cmocka_unit_test(test_only_a_manager_or_admin_edits_it_and_families_read_the_edit),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
