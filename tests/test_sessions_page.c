/*
 * test_sessions_page.c — ASVS 3.3.4, 3.7.1, 8.3.1, 13.1.3 and 14.4.2 through
 * http_handle on the demo setting (today pinned to 2026-03-04):
 *   - the JSON API takes its CSRF token from the X-CSRF-Token header and
 *     refuses it in the address; its answers are attachments (api.json);
 *   - a write's form fields come only from its body: the DSL's step-up
 *     password in the address is not read;
 *   - /sessions lists one's own sessions (this one marked), ends one or all
 *     the others, each only after the password is given again, and never
 *     reaches another person's session;
 *   - the account actions (sign out everywhere, resetting a password) ask
 *     for a password at most 10 minutes old, and go on once it is given.
 */
#include "support.h"
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core_user.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static const char *db;

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512];
	(void)state;
	db = th_demo(&srv, "sessions.db", "2026-03-02", TODAY, TH_API_JSON);
	th_add_demo_users("manager", "keyperson", "admin", NULL);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "dsl", "demo-dsl-2026", (1u << ROLE_DSL) | (1u << ROLE_MANAGER), "S02",
	            0);
	th_add_user(s, &who, "spare", "bluebell rainy tuesday", 1u << ROLE_PRACTITIONER, "S06", 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_serve();
	return 0;
}

static int64_t user_id(const char *name)
{
	return th_db_int("SELECT id FROM app_user WHERE username = '%s'", name);
}

static int64_t sessions_of(const char *name)
{
	return th_db_int("SELECT count(*) FROM session WHERE user_id = %lld",
	                 (long long)user_id(name));
}

/* Whether cookie still signs someone in. */
static int alive(const char *cookie)
{
	struct th_reply r = th_get(cookie, "/password", NULL);
	int ok = r.status == 200;
	th_reply_free(&r);
	return ok;
}

/* The handles of the sessions /sessions lists (up to 8), and which is this one. */
static size_t handles(const char *cookie, char out[8][32], int *current)
{
	struct th_reply r = th_get(cookie, "/sessions", NULL);
	const char *p = r.body, *pat = "name=\"session\" value=\"";
	size_t n = 0;
	assert_int_equal(r.status, 200);
	*current = -1;
	while (n < 8 && (p = strstr(p, pat))) {
		const char *row = p;
		p += strlen(pat);
		snprintf(out[n], 32, "%.*s", (int)strcspn(p, "\""), p);
		/* the row's own cell says "this device" for the current session */
		{
			const char *next = strstr(p, "</tr>");
			const char *mark = strstr(row, "<strong>this device</strong>");
			if (mark && next && mark < next)
				*current = (int)n;
		}
		n++;
	}
	th_reply_free(&r);
	return n;
}

/* ---- the API's token travels in a header; secrets never come from the address ---- */

static void test_api_token_in_the_address_is_refused_and_in_the_header_accepted(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), *csrf = th_csrf_of(m), query[160];
	int64_t before = th_db_int("SELECT count(*) FROM child");
	struct th_reply r;
	(void)state;
	snprintf(query, sizeof query, "csrf=%s", csrf);
	r = th_request("POST", "/api/v1/children", query, m, "application/json", "{}");
	assert_int_equal(r.status, 403);
	assert_string_equal(json_string_value(json_object_get(r.json, "field")), "csrf");
	th_reply_free(&r);
	/* the same token in the header passes: the write then stops at its fields */
	r = th_request_csrf("POST", "/api/v1/children", NULL, csrf, m, "application/json", "{}");
	assert_int_equal(r.status, 422);
	th_reply_free(&r);
	/* another session's token in the header is refused */
	{
		char *k = th_signin("keyperson", "demo-keyperson-2026"), *kcsrf = th_csrf_of(k);
		r = th_request_csrf("POST", "/api/v1/children", NULL, kcsrf, m, "application/json",
		                    "{}");
		assert_int_equal(r.status, 403);
		th_reply_free(&r);
		free(kcsrf);
		free(k);
	}
	assert_int_equal(th_db_int("SELECT count(*) FROM child"), before);
	free(csrf);
	free(m);
}

static void test_api_answers_are_attachments_and_pages_are_not(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r = th_get(m, "/api/v1/me", NULL);
	(void)state;
	assert_int_equal(r.status, 200);
	assert_non_null(r.disposition);
	assert_string_equal(r.disposition, "attachment; filename=\"api.json\"");
	th_reply_free(&r);
	r = th_get(NULL, "/api/v1/children", NULL); /* an error answer too */
	assert_int_equal(r.status, 401);
	assert_string_equal(r.disposition, "attachment; filename=\"api.json\"");
	th_reply_free(&r);
	r = th_get(m, "/", NULL);
	assert_int_equal(r.status, 200);
	assert_null(r.disposition);
	th_reply_free(&r);
	free(m);
}

static void test_step_up_password_in_the_address_is_not_read(void **state)
{
	char *d = th_signin("dsl", "demo-dsl-2026"), *csrf = th_csrf_of(d), body[160];
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE session SET step_up_at = NULL WHERE user_id = %lld",
	           (long long)user_id("dsl"));
	snprintf(body, sizeof body, "csrf=%s", csrf);
	r = th_request("POST", "/safeguarding/step-up", "password=demo-dsl-2026", d,
	               "application/x-www-form-urlencoded", body);
	assert_int_equal(r.status, 422);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM session WHERE user_id = %lld AND "
	                           "step_up_at IS NOT NULL",
	                           (long long)user_id("dsl")),
	                 0);
	/* in the body it is read */
	snprintf(body, sizeof body, "csrf=%s&password=demo-dsl-2026", csrf);
	r = th_request("POST", "/safeguarding/step-up", NULL, d,
	               "application/x-www-form-urlencoded", body);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM session WHERE user_id = %lld AND "
	                           "step_up_at IS NOT NULL",
	                           (long long)user_id("dsl")),
	                 1);
	/* and an account action's step-up password in the address is not read either */
	snprintf(body, sizeof body, "csrf=%s", csrf);
	th_db_exec("UPDATE session SET step_up_at = NULL WHERE user_id = %lld",
	           (long long)user_id("dsl"));
	r = th_request("POST", "/signout-everywhere", "step_up_password=demo-dsl-2026", d,
	               "application/x-www-form-urlencoded", body);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "name=\"step_up_password\"");
	th_reply_free(&r);
	assert_true(alive(d));
	free(csrf);
	free(d);
}

/* ---- /sessions ---- */

static void test_sessions_lists_only_ones_own_and_marks_this_one(void **state)
{
	char *k1 = th_signin("keyperson", "demo-keyperson-2026");
	char *k2 = th_signin("keyperson", "demo-keyperson-2026");
	char *m = th_signin("manager", "demo-manager-2026");
	char h[8][32], hm[8][32];
	int cur, curm;
	size_t n, nm;
	(void)state;
	n = handles(k1, h, &cur);
	assert_int_equal((long long)n, (long long)sessions_of("keyperson"));
	assert_true(n >= 2);
	assert_true(cur >= 0);
	nm = handles(m, hm, &curm);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < nm; j++)
			assert_string_not_equal(h[i], hm[j]);
	{
		struct th_reply r = th_get(k1, "/sessions", NULL);
		th_assert_contains(r.body, "127.0.0.1");
		th_assert_contains(r.body, "<tr class=\"current\">");
		th_assert_contains(r.body, "End all the others");
		th_assert_contains(r.body, "href=\"/privacy\""); /* the footer */
		th_reply_free(&r);
	}
	free(k1);
	free(k2);
	free(m);
}

static void test_ending_one_session_asks_for_the_password_then_ends_only_it(void **state)
{
	char *a = th_signin("spare", "bluebell+rainy+tuesday");
	char *b = th_signin("spare", "bluebell+rainy+tuesday");
	char h[8][32], field[128];
	int cur, other = -1;
	size_t n;
	int64_t audits = th_db_int("SELECT count(*) FROM audit_log WHERE action = 'session.end'");
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE session SET step_up_at = NULL WHERE user_id = %lld",
	           (long long)user_id("spare"));
	n = handles(a, h, &cur);
	assert_int_equal((long long)n, 2);
	other = cur == 0 ? 1 : 0;
	snprintf(field, sizeof field, "session=%s", h[other]);
	/* no password yet: the page asking for it, carrying the session field */
	r = th_post(a, "/sessions/end", field);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "name=\"step_up_password\"");
	th_assert_contains(r.body, h[other]);
	th_reply_free(&r);
	assert_true(alive(b));
	/* a wrong password: refused, nothing ended */
	snprintf(field, sizeof field, "session=%s&step_up_password=not+my+password", h[other]);
	r = th_post(a, "/sessions/end", field);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_true(alive(b));
	/* the right one: that session ends, this one goes on */
	snprintf(field, sizeof field, "session=%s&step_up_password=bluebell+rainy+tuesday",
	         h[other]);
	r = th_post(a, "/sessions/end", field);
	if (r.status != 303)
		fail_msg("%d %s", r.status, r.body);
	assert_string_equal(r.location, "/sessions");
	th_reply_free(&r);
	assert_false(alive(b));
	assert_true(alive(a));
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'session.end'"),
	                 audits + 1);
	/* ending this one signs out */
	n = handles(a, h, &cur);
	assert_int_equal((long long)n, 1);
	snprintf(field, sizeof field, "session=%s", h[0]);
	r = th_post(a, "/sessions/end", field); /* the step-up above is still recent */
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/signin");
	th_reply_free(&r);
	assert_false(alive(a));
	free(a);
	free(b);
}

static void test_another_persons_session_cannot_be_ended(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *m = th_signin("manager", "demo-manager-2026");
	char h[8][32], field[96];
	int cur;
	struct th_reply r;
	(void)state;
	assert_true(handles(k, h, &cur) >= 1);
	th_step_up("manager");
	snprintf(field, sizeof field, "session=%s", h[cur]);
	r = th_post(m, "/sessions/end", field);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_post(m, "/sessions/end", "session=0123456789abcdef");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_true(alive(k));
	assert_true(alive(m));
	free(k);
	free(m);
}

static void test_end_all_the_others_keeps_only_this_one(void **state)
{
	char *a = th_signin("spare", "bluebell+rainy+tuesday");
	char *b = th_signin("spare", "bluebell+rainy+tuesday");
	char *c = th_signin("spare", "bluebell+rainy+tuesday");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE session SET step_up_at = NULL WHERE user_id = %lld",
	           (long long)user_id("spare"));
	r = th_post(a, "/sessions/end-others", "");
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	assert_true(alive(b) && alive(c));
	r = th_post(a, "/sessions/end-others", "step_up_password=bluebell+rainy+tuesday");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_true(alive(a));
	assert_false(alive(b));
	assert_false(alive(c));
	assert_true(alive(k)); /* another person's sessions are not touched */
	assert_int_equal(sessions_of("spare"), 1);
	free(a);
	free(b);
	free(c);
	free(k);
}

/* ---- account actions ask for a recent password (ASVS 3.7.1) ---- */

static void test_sign_out_everywhere_asks_for_the_password_first(void **state)
{
	char *a = th_signin("spare", "bluebell+rainy+tuesday");
	char *b = th_signin("spare", "bluebell+rainy+tuesday");
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE session SET step_up_at = NULL WHERE user_id = %lld",
	           (long long)user_id("spare"));
	r = th_post(a, "/signout-everywhere", "");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "sign out everywhere");
	th_reply_free(&r);
	assert_true(alive(a) && alive(b));
	r = th_post(a, "/signout-everywhere", "step_up_password=bluebell+rainy+tuesday");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_false(alive(a));
	assert_false(alive(b));
	assert_int_equal(sessions_of("spare"), 0);
	free(a);
	free(b);
}

static void test_a_password_reset_needs_a_password_under_ten_minutes_old(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), path[64];
	int64_t target = user_id("keyperson");
	char *hash =
	    th_db_text("SELECT password_hash FROM app_user WHERE id = %lld", (long long)target);
	char *after;
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/admin/users/%lld/reset", (long long)target);
	/* given 11 minutes ago: too old, asked again, nothing changed */
	th_db_exec("UPDATE session SET step_up_at = %lld WHERE user_id = %lld",
	           (long long)time(NULL) - 11 * 60, (long long)user_id("manager"));
	r = th_post(m, path, "");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "name=\"step_up_password\"");
	th_assert_lacks(r.body, "one-time");
	th_reply_free(&r);
	after = th_db_text("SELECT password_hash FROM app_user WHERE id = %lld", (long long)target);
	assert_string_equal(after, hash);
	free(after);
	/* given 9 minutes ago: the reset goes ahead */
	th_db_exec("UPDATE session SET step_up_at = %lld WHERE user_id = %lld",
	           (long long)time(NULL) - 9 * 60, (long long)user_id("manager"));
	r = th_post(m, path, "");
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "name=\"step_up_password\"");
	th_reply_free(&r);
	after = th_db_text("SELECT password_hash FROM app_user WHERE id = %lld", (long long)target);
	assert_string_not_equal(after, hash);
	free(after);
	free(hash);
	free(m);
}

static void test_a_refused_role_is_refused_before_any_password_is_asked(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"), path[64];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)user_id("spare"));
	r = th_post(k, path, "step_up_password=demo-keyperson-2026");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL"),
	                 0);
	free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_api_token_in_the_address_is_refused_and_in_the_header_accepted),
	    cmocka_unit_test(test_api_answers_are_attachments_and_pages_are_not),
	    cmocka_unit_test(test_step_up_password_in_the_address_is_not_read),
	    cmocka_unit_test(test_sessions_lists_only_ones_own_and_marks_this_one),
	    cmocka_unit_test(test_ending_one_session_asks_for_the_password_then_ends_only_it),
	    cmocka_unit_test(test_another_persons_session_cannot_be_ended),
	    cmocka_unit_test(test_end_all_the_others_keeps_only_this_one),
	    cmocka_unit_test(test_sign_out_everywhere_asks_for_the_password_first),
	    cmocka_unit_test(test_a_refused_role_is_refused_before_any_password_is_asked),
	    cmocka_unit_test(test_a_password_reset_needs_a_password_under_ten_minutes_old),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
