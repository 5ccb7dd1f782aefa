/*
 * test_password_rules.c — the password and sign-in rules of OWASP ASVS 2.1,
 * 2.2 and 2.3. Through core_user and core_session on a small setting
 * ("Little Acorns"): zxcvbn refuses breached and common passwords and
 * accepts passphrases (and every demo password); the username and the
 * setting's name inside a password; a run of spaces counts as one character;
 * a one-time password expires after 72 hours and cannot become the lasting
 * one; a password that no longer passes must be changed at sign-in; failures
 * lock a (username, address) pair, an address across usernames, and only
 * slow an account down from elsewhere, up to 100 an hour; failures on other
 * forms count; X-Forwarded-For is believed from loopback only; the notices
 * after signing in. Then through http_handle() on the demo: a 64-emoji
 * password set on /password signs in; wrong current passwords on /password
 * and the DSL's step-up are counted and limited; the current password is
 * refused as the new one; an expired one-time password is told so; the
 * home page shows the notices, and a parent's /family page in their
 * language; /password carries the meter's hook.
 */
#include "http_support.h"
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "core_demo.h"
#include "core_session.h"
#include "core_setting.h"
#include "core_user.h"
#include "date.h"
#include "http.h"
#include "http_proxy.h"
#include "store.h"
#include "web.h"

#define START "2026-03-02"
#define TODAY "2026-03-04"
#define OWN "bluebell rainy tuesday"

static struct store *s;
static struct actor who;
static struct server srv;
static const char *demo_db;
static unsigned slept, sleeps;

static void record_sleep(unsigned seconds)
{
	slept += seconds;
	sleeps++;
}

static void exec_sql(const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	assert_non_null(st);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

static int64_t one_int(const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	int64_t v = -1;
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		v = store_col_null(st, 0) ? -2 : store_col_int(st, 0);
	store_finish(st);
	return v;
}

static void user(const char *name, const char *password, int must_change)
{
	struct user_new u = {.username = name,
	                     .password = password,
	                     .roles = 1u << ROLE_MANAGER,
	                     .must_change = must_change};
	struct op_error e;
	int64_t id;
	assert_int_equal(core_tx_begin(s, &e), 0);
	if (core_user_add(s, &who, &u, &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	assert_int_equal(core_tx_commit(s, &e), 0);
}

static int set_password(const char *name, const char *password, int must_change, struct op_error *e)
{
	int rc;
	assert_int_equal(store_begin(s), STORE_OK);
	rc = core_user_set_password(s, &who, name, password, must_change, e);
	if (rc == 0)
		assert_int_equal(store_commit(s), STORE_OK);
	else
		store_rollback(s);
	return rc;
}

static enum signin_result signin_from(const char *name, const char *password, const char *ip)
{
	char token[TOKEN_LEN];
	struct session_user u;
	return core_session_signin(s, name, password, ip, token, &u);
}

static int setup(void **state)
{
	char err[512];
	struct op_error e;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	core_session_sleep = record_sleep;
	assert_int_equal(store_open(t_path("rules.db"), STORE_OPEN_CREATE, &s, err, sizeof err), 0);
	memset(&who, 0, sizeof who);
	who.name = "admin";
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_setting_create(s, "Little Acorns", "nursery", &who.setting_id, &e),
	                 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	user("amy", OWN, 0);
	user("manager", "demo-manager-2026", 0);
	return 0;
}

/* ASVS 2.1.7: the reviewer's breached and common passwords, refused by
 * zxcvbn or the older patterns; passphrases and the demo's passwords pass. */
static void test_breached_and_common_passwords_are_refused_and_passphrases_accepted(void **state)
{
	static const char *const refused[] = {
	    "qwertyuiopas",  "qwertyuiop12", "1q2w3e4r5t6y", "sunshine1234", "princess2020",
	    "letmeinplease", "password1234", "123456789012", "aaaaaaaaaaaa", "nursery2026!",
	    "Welcome2026!",  "iloveyou1234", "monkey123456", "dragon2025!!", "football1234",
	    "abcdefghjkmn",  "ABCdef123456"};
	static const char *const accepted[] = {OWN,
	                                       "purple monkey dishwasher",
	                                       "tulip garden kettle",
	                                       "a long enough password",
	                                       "żółć gęślą jaźń",
	                                       "ąęćźżółńśĄĘĆ",
	                                       "Pass Word With Spaces 😀 ok",
	                                       "Xq7zk3PmRt9w"};
	static const char *const demo[] = {"admin", "manager", "keyperson",
	                                   "senco", "dsl",     "parent"};
	char pw[64];
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(refused); i++) {
		const char *why = core_password_problem_in(refused[i], "someone", "Little Acorns");
		if (!why)
			fail_msg("%s was accepted (%.1f bits)", refused[i],
			         core_password_bits(refused[i], "someone", "Little Acorns"));
	}
	for (size_t i = 0; i < ARRAY_LEN(accepted); i++) {
		const char *why = core_password_problem_in(accepted[i], "someone", "Little Acorns");
		if (why)
			fail_msg("%s was refused: %s", accepted[i], why);
	}
	for (size_t i = 0; i < ARRAY_LEN(demo); i++) {
		const char *why;
		snprintf(pw, sizeof pw, "demo-%s-2026", demo[i]);
		if ((why = core_password_problem_in(pw, demo[i], "Little Acorns")))
			fail_msg("%s was refused: %s", pw, why);
	}
	/* a one-time password from core_password_random always passes */
	for (int i = 0; i < 200; i++) {
		core_password_random(pw, 17);
		if (core_password_problem_in(pw, "someone", "Little Acorns"))
			fail_msg("the one-time password %s was refused", pw);
	}
	/* the refusal reaches every way of setting one */
	{
		struct op_error e;
		assert_int_not_equal(set_password("amy", "sunshine1234", 0, &e), 0);
		assert_string_equal(e.field, "password");
		th_assert_contains(e.msg, "too easy to guess");
	}
}

/* ASVS 2.1.7: the username (through zxcvbn's own dictionary) and the
 * setting's name inside a password. */
static void test_username_and_setting_name_inside_a_password_are_refused(void **state)
{
	struct op_error e;
	(void)state;
	assert_non_null(core_password_problem_in("manager2026!", "manager", NULL));
	assert_non_null(core_password_problem_in("zebrakhan2026", "khan", NULL));
	assert_non_null(core_password_problem_in("bluebell2026khan", "khan", NULL));
	/* the same passwords pass for another username: it is the username that counts */
	assert_null(core_password_problem_in("zebrakhan2026", "amy", NULL));
	assert_null(core_password_problem_in("bluebell2026khan", "amy", NULL));
	assert_non_null(core_password_problem_in("Little Acorns 2026", "amy", "Little Acorns"));
	assert_non_null(core_password_problem_in("LITTLEACORNS rocks 99", "amy", "Little Acorns"));
	assert_null(core_password_problem_in("LITTLEACORNS rocks 99", "amy", NULL));
	/* the setting's name comes from the database */
	assert_int_not_equal(set_password("amy", "our little acorns 2026", 0, &e), 0);
	th_assert_contains(e.msg, "setting's name");
	assert_non_null(
	    core_password_problem_for(s, who.setting_id, "our little acorns 2026", "amy"));
}

/* ASVS 2.1.1: a run of spaces counts as one character. */
static void test_a_run_of_spaces_counts_as_one_character(void **state)
{
	(void)state;
	assert_string_equal(core_password_problem("Xq7z        ", NULL),
	                    "must be at least 12 characters long");
	assert_string_equal(core_password_problem("abcd        ", NULL),
	                    "must be at least 12 characters long");
	assert_null(core_password_problem("Xq7z kwbtmh prq", NULL)); /* 15 with single spaces */
}

/* ASVS 2.3.1: a one-time password works for 72 hours, and cannot become
 * the lasting password (that the change page refuses the current password
 * as the new one: test_wrong_current_passwords_on_the_change_page_...). */
static void test_one_time_password_expires_and_cannot_become_the_lasting_one(void **state)
{
	struct op_error e;
	int64_t by, now = time_now();
	(void)state;
	assert_int_equal(set_password("amy", "Kp7mQz2vRx9w", 1, &e), 0);
	by = one_int("SELECT must_change_by FROM app_user WHERE username = 'amy'");
	assert_true(by >= now + ONE_TIME_PASSWORD_S && by <= now + ONE_TIME_PASSWORD_S + 5);
	assert_int_equal(signin_from("amy", "Kp7mQz2vRx9w", "10.0.0.1"), SIGNIN_OK);
	/* past its time it no longer signs in */
	exec_sql("UPDATE app_user SET must_change_by = must_change_by - 73 * 3600 "
	         "WHERE username = 'amy'");
	assert_int_equal(signin_from("amy", "Kp7mQz2vRx9w", "10.0.0.1"), SIGNIN_EXPIRED);
	assert_int_equal(signin_from("amy", "Kp7mQz2vRx8w", "10.0.0.1"), SIGNIN_BAD);
	/* one's own password has no deadline */
	assert_int_equal(set_password("amy", OWN, 0, &e), 0);
	assert_int_equal(one_int("SELECT must_change_by FROM app_user WHERE username = 'amy'"), -2);
	assert_int_equal(
	    one_int("SELECT must_change_password FROM app_user WHERE username = 'amy'"), 0);
	assert_int_equal(signin_from("amy", OWN, "10.0.0.1"), SIGNIN_OK);
	exec_sql("DELETE FROM login_attempt");
}

/* ASVS 2.1.7: a password set before today's rules still signs in, and then
 * has to be changed. */
static void test_a_password_that_no_longer_passes_must_be_changed_at_signin(void **state)
{
	char hash[256], sql[512], token[TOKEN_LEN];
	struct session_user u;
	(void)state;
	assert_int_equal(core_password_hash("princess2020", hash, sizeof hash), 0);
	snprintf(sql, sizeof sql,
	         "UPDATE app_user SET password_hash = '%s', must_change_password = 0 "
	         "WHERE username = 'amy'",
	         hash);
	exec_sql(sql);
	assert_int_equal(core_session_signin(s, "amy", "princess2020", "10.0.0.1", token, &u),
	                 SIGNIN_OK);
	assert_int_equal(u.must_change, 1);
	assert_int_equal(
	    one_int("SELECT must_change_password FROM app_user WHERE username = 'amy'"), 1);
	/* a good password does not */
	assert_int_equal(
	    core_session_signin(s, "manager", "demo-manager-2026", "10.0.0.1", token, &u),
	    SIGNIN_OK);
	assert_int_equal(u.must_change, 0);
	{
		struct op_error e;
		assert_int_equal(set_password("amy", OWN, 0, &e), 0);
	}
	exec_sql("DELETE FROM login_attempt");
}

/* ASVS 2.2.1: ten failures lock the pair (username, address); from another
 * address the account still signs in, only slowed down. */
static void test_failures_lock_the_username_and_address_not_the_account(void **state)
{
	(void)state;
	exec_sql("DELETE FROM login_attempt");
	slept = sleeps = 0;
	for (int i = 0; i < SIGNIN_MAX_FAILURES; i++)
		assert_int_equal(signin_from("amy", "wrong wrong wrong", "203.0.113.7"),
		                 SIGNIN_BAD);
	assert_int_equal(sleeps, 0);
	/* the attacker's address is locked, even with the right password */
	assert_int_equal(signin_from("amy", OWN, "203.0.113.7"), SIGNIN_LOCKED);
	/* the owner elsewhere still signs in, after a delay */
	assert_int_equal(signin_from("amy", OWN, "192.0.2.10"), SIGNIN_OK);
	assert_int_equal(sleeps, 1);
	assert_int_equal(slept, SIGNIN_DELAY_S);
	/* other accounts from the attacker's address are not locked (yet) */
	assert_int_equal(signin_from("manager", "demo-manager-2026", "203.0.113.7"), SIGNIN_OK);
	/* after the window the pair may try again, without delay */
	exec_sql("UPDATE login_attempt SET at = at - 16 * 60");
	slept = sleeps = 0;
	assert_int_equal(signin_from("amy", OWN, "203.0.113.7"), SIGNIN_OK);
	assert_int_equal(sleeps, 0);
	exec_sql("DELETE FROM login_attempt");
}

/* ASVS 2.2.1: one address trying many usernames (password spraying). */
static void test_one_address_is_limited_across_usernames(void **state)
{
	char name[32];
	(void)state;
	exec_sql("DELETE FROM login_attempt");
	for (int i = 0; i < SIGNIN_ADDRESS_MAX_FAILURES; i++) {
		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(signin_from(name, "Summer2026!!", "198.51.100.4"), SIGNIN_BAD);
	}
	assert_int_equal(signin_from("amy", OWN, "198.51.100.4"), SIGNIN_ADDRESS_LOCKED);
	assert_int_equal(signin_from("amy", OWN, "198.51.100.5"), SIGNIN_OK);
	exec_sql("DELETE FROM login_attempt");
}

/* ASVS 2.2.1: at most 100 failures an hour on one account, from anywhere. */
static void test_an_account_takes_at_most_100_failures_an_hour(void **state)
{
	char ip[32];
	(void)state;
	exec_sql("DELETE FROM login_attempt");
	slept = sleeps = 0;
	for (int i = 0; i < SIGNIN_ACCOUNT_HOUR_MAX; i++) {
		snprintf(ip, sizeof ip, "10.9.%d.1", i / 9);
		assert_int_equal(signin_from("amy", "wrong wrong wrong", ip), SIGNIN_BAD);
	}
	/* all but the first ten were slowed down */
	assert_int_equal(sleeps, SIGNIN_ACCOUNT_HOUR_MAX - SIGNIN_MAX_FAILURES);
	assert_int_equal(signin_from("amy", OWN, "10.99.0.1"), SIGNIN_LOCKED);
	/* twenty minutes later the 15-minute delay has gone but the hour's ceiling stays */
	exec_sql("UPDATE login_attempt SET at = at - 20 * 60");
	assert_int_equal(signin_from("amy", OWN, "10.99.0.1"), SIGNIN_LOCKED);
	exec_sql("UPDATE login_attempt SET at = at - 41 * 60");
	assert_int_equal(signin_from("amy", OWN, "10.99.0.1"), SIGNIN_OK);
	exec_sql("DELETE FROM login_attempt");
}

/* ASVS 2.2.1: a wrong password on another form counts like a sign-in's. */
static void test_failures_on_other_forms_count(void **state)
{
	(void)state;
	exec_sql("DELETE FROM login_attempt");
	for (int i = 0; i < SIGNIN_MAX_FAILURES; i++)
		core_session_failure(s, "amy", "192.0.2.50", i % 2 ? "password" : "step-up");
	assert_int_equal(core_session_limit(s, "amy", "192.0.2.50"), SIGNIN_LOCKED);
	assert_int_equal(signin_from("amy", OWN, "192.0.2.50"), SIGNIN_LOCKED);
	assert_int_equal(one_int("SELECT count(*) FROM login_attempt WHERE kind = 'step-up'"), 5);
	exec_sql("DELETE FROM login_attempt");
}

/* ASVS 2.2.1: behind the proxy, the client's address is the proxy's last
 * X-Forwarded-For entry, believed only from loopback. */
static void test_forwarded_for_is_believed_only_from_loopback(void **state)
{
	struct arena a;
	(void)state;
	arena_init(&a);
	assert_string_equal(http_proxy_client_ip(&a, "127.0.0.1", "203.0.113.9"), "203.0.113.9");
	assert_string_equal(http_proxy_client_ip(&a, "::1", "1.2.3.4, 2001:db8::7 "),
	                    "2001:db8::7");
	/* a client's own forged first entries are ignored: the proxy appends the real one */
	assert_string_equal(http_proxy_client_ip(&a, "127.0.0.1", "10.0.0.1, 198.51.100.3"),
	                    "198.51.100.3");
	/* not from the proxy on this machine: the peer */
	assert_string_equal(http_proxy_client_ip(&a, "192.0.2.1", "203.0.113.9"), "192.0.2.1");
	/* no header or not an address: the peer */
	assert_string_equal(http_proxy_client_ip(&a, "127.0.0.1", NULL), "127.0.0.1");
	assert_string_equal(http_proxy_client_ip(&a, "127.0.0.1", "<script>"), "127.0.0.1");
	assert_string_equal(http_proxy_client_ip(&a, "127.0.0.1", "unknown"), "127.0.0.1");
	arena_free(&a);
}

/* ASVS 2.2.3, 2.5.5: after signing in, the last sign-in, the failures since,
 * and who last changed the password. */
static void test_notices_tell_of_the_last_signin_failures_and_a_reset(void **state)
{
	struct signin_notice n;
	struct op_error e;
	int64_t id = one_int("SELECT id FROM app_user WHERE username = 'manager'");
	(void)state;
	exec_sql("DELETE FROM login_attempt");
	assert_int_equal(signin_from("manager", "demo-manager-2026", "192.0.2.21"), SIGNIN_OK);
	exec_sql("UPDATE login_attempt SET at = at - 3600");
	core_session_notices(s, "manager", id, &n);
	assert_int_equal(n.last_at, 0); /* the first sign-in: nothing before */
	assert_int_equal(signin_from("manager", "not my password", "203.0.113.30"), SIGNIN_BAD);
	assert_int_equal(signin_from("manager", "not my password", "203.0.113.30"), SIGNIN_BAD);
	assert_int_equal(signin_from("manager", "demo-manager-2026", "192.0.2.22"), SIGNIN_OK);
	core_session_notices(s, "manager", id, &n);
	assert_true(n.this_at > 0 && n.last_at > 0 && n.last_at < n.this_at);
	assert_string_equal(n.last_ip, "192.0.2.21");
	assert_int_equal(n.failures, 2);
	assert_int_equal(n.changed_at, 0);
	/* another account's reset is not this one's */
	assert_int_equal(set_password("amy", "Kp7mQz2vRx9w", 1, &e), 0);
	core_session_notices(s, "manager", id, &n);
	assert_int_equal(n.changed_at, 0);
	/* an admin's reset, then the next sign-in */
	exec_sql("UPDATE login_attempt SET at = at - 60");
	assert_int_equal(set_password("manager", "Kp7mQz2vRx9w", 1, &e), 0);
	assert_int_equal(signin_from("manager", "Kp7mQz2vRx9w", "192.0.2.23"), SIGNIN_OK);
	core_session_notices(s, "manager", id, &n);
	assert_true(n.changed_at > 0);
	assert_string_equal(n.changed_by, "admin");
	assert_int_equal(n.changed_by_self, 0);
	assert_string_equal(n.last_ip, "192.0.2.22");
	assert_int_equal(n.failures, 0); /* the reset cleared them */
	assert_int_equal(set_password("manager", "demo-manager-2026", 0, &e), 0);
	assert_int_equal(set_password("amy", OWN, 0, &e), 0);
	exec_sql("DELETE FROM login_attempt");
}

/* ---- through http_handle() on the demo ---- */

static char *urlencode(const char *v)
{
	size_t n = strlen(v);
	char *out = malloc(3 * n + 1), *p = out;
	assert_non_null(out);
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-')
			*p++ = (char)c;
		else
			p += snprintf(p, 4, "%%%02X", c);
	}
	*p = '\0';
	return out;
}

/* Sign in with a password of any length (th_signin_reply's body is bounded). */
static struct th_reply signin_long(const char *username, const char *password)
{
	struct th_reply form = th_get(NULL, "/signin", NULL), r;
	char *pre = th_cookie_pair(form.cookie[1]), *csrf = th_input_value(form.body, "csrf");
	char *pw = urlencode(password), *body;
	size_t n = strlen(pw) + 256;
	assert_non_null(pre);
	assert_non_null(csrf);
	body = malloc(n);
	assert_non_null(body);
	snprintf(body, n, "csrf=%s&username=%s&password=%s", csrf, username, pw);
	r = th_request("POST", "/signin", NULL, pre, "application/x-www-form-urlencoded", body);
	free(body);
	free(pw);
	free(pre);
	free(csrf);
	th_reply_free(&form);
	return r;
}

static struct th_reply change_password(const char *cookie, const char *current, const char *neu)
{
	char *c = urlencode(current), *nw = urlencode(neu), *fields;
	size_t n = strlen(c) + strlen(nw) + 32;
	struct th_reply r;
	fields = malloc(n);
	assert_non_null(fields);
	snprintf(fields, n, "current=%s&new=%s", c, nw);
	r = th_post(cookie, "/password", fields);
	free(fields);
	free(c);
	free(nw);
	return r;
}

static int http_setup(void **state)
{
	struct store *ds;
	struct op_error e;
	struct actor a = {.setting_id = 1, .name = "test"};
	char err[512];
	(void)state;
	demo_db = th_demo(&srv, "rules_http.db", START, TODAY, 0);
	if (store_open(demo_db, STORE_OPEN_EXISTING, &ds, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(ds, &e), 0);
	th_add_user(ds, &a, "dsl", "demo-dsl-2026", (1u << ROLE_DSL) | (1u << ROLE_MANAGER), "S02",
	            0);
	assert_int_equal(core_tx_commit(ds, &e), 0);
	store_close(ds);
	th_add_demo_users("admin", "manager", "keyperson", "senco", "parent", NULL);
	th_serve();
	return 0;
}

/* ASVS 2.1.2: 64 characters of 4 bytes each, set on /password, sign in. */
static void test_a_64_emoji_password_set_on_the_page_signs_in(void **state)
{
	char emoji[64 * 4 + 1] = "", *cookie;
	struct th_reply r;
	(void)state;
	for (int i = 0; i < 64; i++)
		memcpy(emoji + 4 * i, i % 2 ? "\xF0\x9F\x8C\xBB" : "\xF0\x9F\x90\xA2", 5);
	cookie = th_signin("keyperson", "demo-keyperson-2026");
	r = change_password(cookie, "demo-keyperson-2026", emoji);
	if (r.status != 303)
		fail_msg("POST /password: %d %.2000s", r.status, r.body);
	th_reply_free(&r);
	r = signin_long("keyperson", emoji);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	/* the old one is gone */
	r = th_signin_reply("keyperson", "demo-keyperson-2026");
	assert_int_equal(r.status, 401);
	th_reply_free(&r);
	free(cookie);
	/* back to the demo's, for the tests after this one */
	th_db_exec("DELETE FROM login_attempt");
	cookie = th_signin("admin", "demo-admin-2026");
	free(cookie);
	{
		struct store *ds;
		struct op_error e;
		char err[512];
		struct actor a = {.setting_id = 1, .name = "test"};
		if (store_open(demo_db, STORE_OPEN_EXISTING, &ds, err, sizeof err) != 0)
			fail_msg("%s", err);
		assert_int_equal(store_begin(ds), STORE_OK);
		assert_int_equal(
		    core_user_set_password(ds, &a, "keyperson", "demo-keyperson-2026", 0, &e), 0);
		assert_int_equal(store_commit(ds), STORE_OK);
		store_close(ds);
	}
}

/* ASVS 2.2.1: the current password on /password is a guess: counted, and
 * limited like a sign-in; ASVS 2.3.1: the current one is refused as the new. */
static void test_wrong_current_passwords_on_the_change_page_are_counted_and_limited(void **state)
{
	char *cookie;
	struct th_reply r;
	(void)state;
	th_db_exec("DELETE FROM login_attempt");
	cookie = th_signin("senco", "demo-senco-2026");
	r = change_password(cookie, "demo-senco-2026", "demo-senco-2026");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "must not be the current password");
	th_reply_free(&r);
	r = change_password(cookie, "demo-senco-2026", "sunshine1234");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "too easy to guess");
	th_reply_free(&r);
	for (int i = 0; i < SIGNIN_MAX_FAILURES; i++) {
		r = change_password(cookie, "a guess at it", OWN);
		assert_int_equal(r.status, 422);
		th_assert_contains(r.body, "This is not your current password.");
		th_reply_free(&r);
	}
	assert_int_equal(th_db_int("SELECT count(*) FROM login_attempt WHERE username = 'senco' "
	                           "AND kind = 'password' AND ok = 0"),
	                 SIGNIN_MAX_FAILURES);
	/* now even the right one waits */
	r = change_password(cookie, "demo-senco-2026", OWN);
	assert_int_equal(r.status, 429);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT must_change_password FROM app_user "
	                           "WHERE username = 'senco'"),
	                 0);
	free(cookie);
	th_db_exec("DELETE FROM login_attempt");
	/* the page carries the meter's and the Show button's hooks */
	cookie = th_signin("senco", "demo-senco-2026");
	r = th_get(cookie, "/password", NULL);
	th_assert_contains(r.body, "data-meter");
	th_assert_contains(r.body, "/static/app.js");
	th_reply_free(&r);
	free(cookie);
}

/* ASVS 2.2.1: the DSL's step-up password is counted too. */
static void test_wrong_step_up_passwords_are_counted_and_limited(void **state)
{
	char *cookie;
	struct th_reply r;
	(void)state;
	th_db_exec("DELETE FROM login_attempt");
	cookie = th_signin("dsl", "demo-dsl-2026");
	for (int i = 0; i < SIGNIN_MAX_FAILURES; i++) {
		r = th_post(cookie, "/safeguarding/step-up", "password=not+it+at+all");
		assert_int_equal(r.status, 403);
		th_reply_free(&r);
	}
	assert_int_equal(th_db_int("SELECT count(*) FROM login_attempt WHERE username = 'dsl' "
	                           "AND kind = 'step-up' AND ok = 0"),
	                 SIGNIN_MAX_FAILURES);
	r = th_post(cookie, "/safeguarding/step-up", "password=demo-dsl-2026");
	assert_int_equal(r.status, 429);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = 'concern.step_up'"), 0);
	th_db_exec("DELETE FROM login_attempt");
	r = th_post(cookie, "/safeguarding/step-up", "password=demo-dsl-2026");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	free(cookie);
}

/* ASVS 2.3.1: an expired one-time password is refused with what to do. */
static void test_an_expired_one_time_password_is_refused_with_advice(void **state)
{
	struct th_reply r;
	char *cookie;
	(void)state;
	th_db_exec("DELETE FROM login_attempt");
	th_db_exec("UPDATE app_user SET must_change_password = 1, must_change_by = 1 "
	           "WHERE username = 'senco'");
	r = th_signin_reply("senco", "demo-senco-2026");
	assert_int_equal(r.status, 401);
	th_assert_contains(r.body, "one-time password has expired");
	th_assert_contains(r.body, "ask a manager");
	assert_null(r.cookie[0] && strstr(r.cookie[0], "kw=") == r.cookie[0] ? r.cookie[0] : NULL);
	th_reply_free(&r);
	/* within its time it signs in, to the change page */
	th_db_exec("UPDATE app_user SET must_change_by = 4000000000 WHERE username = 'senco'");
	r = th_signin_reply("senco", "demo-senco-2026");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/password");
	th_reply_free(&r);
	th_db_exec("UPDATE app_user SET must_change_password = 0, must_change_by = NULL "
	           "WHERE username = 'senco'");
	cookie = th_signin("senco", "demo-senco-2026");
	free(cookie);
}

/* ASVS 2.2.3, 2.5.5: the home page after signing in tells of the last
 * sign-in, the failures since, and a reset by someone else. */
static void test_the_home_page_shows_the_notices_after_signing_in(void **state)
{
	struct th_reply r;
	char *cookie;
	(void)state;
	th_db_exec("DELETE FROM login_attempt");
	cookie = th_signin("manager", "demo-manager-2026");
	r = th_get(cookie, "/", NULL);
	th_assert_lacks(r.body, "signin-notices"); /* nothing before: nothing to say */
	th_reply_free(&r);
	free(cookie);
	th_db_exec("UPDATE login_attempt SET at = at - 7200");
	r = th_signin_reply("manager", "not the password");
	assert_int_equal(r.status, 401);
	th_reply_free(&r);
	th_db_exec("INSERT INTO audit_log (setting_id, at, user_id, actor, action, object_kind, "
	           "object_id, prev_hash, hash) SELECT 1, at + 60, NULL, 'Ada Admin', "
	           "'user.password', 'user', (SELECT id FROM app_user WHERE username = 'manager'), "
	           "'', '' FROM login_attempt WHERE ok = 1 AND username = 'manager'");
	cookie = th_signin("manager", "demo-manager-2026");
	r = th_get(cookie, "/", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "signin-notices");
	th_assert_contains(r.body, "Last sign-in (time, address): ");
	th_assert_contains(r.body, ", 127.0.0.1.</p>");
	th_assert_contains(r.body, "Failed password attempts since then: <strong>1</strong>.");
	th_assert_contains(r.body, "Your password was reset by another person: Ada Admin, ");
	th_reply_free(&r);
	/* another person's page says nothing of it */
	free(cookie);
	cookie = th_signin("admin", "demo-admin-2026");
	r = th_get(cookie, "/", NULL);
	th_assert_lacks(r.body, "Ada Admin");
	th_reply_free(&r);
	free(cookie);
}

/* ASVS 2.2.3: a parent reads the notices on /family, in their language. */
static void test_a_parent_reads_the_notices_in_their_language(void **state)
{
	struct th_reply r;
	char *cookie;
	(void)state;
	th_db_exec("DELETE FROM login_attempt");
	th_db_exec("UPDATE contact SET language = 'pl' WHERE setting_id = 1 AND id = 1");
	cookie = th_signin("parent", "demo-parent-2026");
	free(cookie);
	th_db_exec("UPDATE login_attempt SET at = at - 600");
	r = th_signin_reply("parent", "a wrong guess here");
	assert_int_equal(r.status, 401);
	th_reply_free(&r);
	cookie = th_signin("parent", "demo-parent-2026");
	r = th_get(cookie, "/family", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "signin-notices");
	th_assert_contains(r.body, "Ostatnie logowanie (czas, adres): ");
	th_assert_contains(r.body,
	                   "Nieudane próby podania hasła od tego czasu: <strong>1</strong>");
	th_assert_lacks(r.body, "Last sign-in");
	th_reply_free(&r);
	free(cookie);
	th_db_exec("UPDATE contact SET language = 'en' WHERE setting_id = 1 AND id = 1");
}

static int teardown(void **state)
{
	(void)state;
	store_close(s);
	return 0;
}

int main(void)
{
	const struct CMUnitTest core_tests[] = {
	    cmocka_unit_test(
	        test_breached_and_common_passwords_are_refused_and_passphrases_accepted),
	    cmocka_unit_test(test_username_and_setting_name_inside_a_password_are_refused),
	    cmocka_unit_test(test_a_run_of_spaces_counts_as_one_character),
	    cmocka_unit_test(test_one_time_password_expires_and_cannot_become_the_lasting_one),
	    cmocka_unit_test(test_a_password_that_no_longer_passes_must_be_changed_at_signin),
	    cmocka_unit_test(test_failures_lock_the_username_and_address_not_the_account),
	    cmocka_unit_test(test_one_address_is_limited_across_usernames),
	    cmocka_unit_test(test_an_account_takes_at_most_100_failures_an_hour),
	    cmocka_unit_test(test_failures_on_other_forms_count),
	    cmocka_unit_test(test_forwarded_for_is_believed_only_from_loopback),
	    cmocka_unit_test(test_notices_tell_of_the_last_signin_failures_and_a_reset),
	};
	const struct CMUnitTest http_tests[] = {
	    cmocka_unit_test(test_a_64_emoji_password_set_on_the_page_signs_in),
	    cmocka_unit_test(
	        test_wrong_current_passwords_on_the_change_page_are_counted_and_limited),
	    cmocka_unit_test(test_wrong_step_up_passwords_are_counted_and_limited),
	    cmocka_unit_test(test_an_expired_one_time_password_is_refused_with_advice),
	    cmocka_unit_test(test_the_home_page_shows_the_notices_after_signing_in),
	    cmocka_unit_test(test_a_parent_reads_the_notices_in_their_language),
	};
	int failed = cmocka_run_group_tests_name("core", core_tests, setup, teardown);
	core_session_sleep = record_sleep;
	failed += cmocka_run_group_tests_name("http", http_tests, http_setup, th_group_teardown);
	return failed;
}
