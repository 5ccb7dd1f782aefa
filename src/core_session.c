/*
 * core_session.c — sign-in, sessions and the failed-attempt limit.
 * Tokens are 32 random bytes from libsodium, base64url; only their hash is
 * stored, so a copy of the database holds no usable session. A failed
 * password and an unknown username take the same time (the hash is always
 * verified) and give the same answer.
 */
#include "core_session.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core_user.h"
#include "date.h"

void core_random_token(char out[TOKEN_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_LEN, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void core_token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* A real hash to verify against when the username is unknown, so that both
 * answers take the same time. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void make_dummy_hash(void)
{
	char pw[TOKEN_LEN];
	core_random_token(pw);
	if (core_password_hash(pw, dummy_hash, sizeof dummy_hash) != 0)
		dummy_hash[0] = '\0';
}

static void record_attempt(struct store *s, const char *username, int ok, const char *ip,
                           const char *kind)
{
	struct store_stmt *st = store_stmt(s, STMT_PWRULE_ATTEMPT_INSERT);
	store_bind_text(st, 1, username);
	store_bind_int(st, 2, time_now());
	store_bind_int(st, 3, ok);
	store_bind_text(st, 4, ip ? ip : "");
	store_bind_text(st, 5, kind);
	if (store_run(st) != STORE_OK) {
		/* counting is best effort; the answer stands */
	}
}

void core_session_failure(struct store *s, const char *username, const char *ip, const char *kind)
{
	record_attempt(s, username, 0, ip, kind);
}

static void real_sleep(unsigned seconds)
{
	struct timespec t = {.tv_sec = seconds, .tv_nsec = 0};
	while (nanosleep(&t, &t) != 0) {
		/* interrupted: sleep the rest */
	}
}

void (*core_session_sleep)(unsigned seconds) = real_sleep;

static int64_t count_failures(struct store *s, enum stmt_id id, const char *a, const char *b,
                              int64_t since)
{
	struct store_stmt *st = store_stmt(s, id);
	int64_t n = 0;
	int i = 1;
	if (a)
		store_bind_text(st, i++, a);
	if (b)
		store_bind_text(st, i++, b);
	store_bind_int(st, i, since);
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	return n;
}

enum signin_result core_session_limit(struct store *s, const char *username, const char *ip)
{
	int64_t now = time_now(), account;
	ip = ip ? ip : "";
	if (count_failures(s, STMT_PWRULE_FAILURES_PAIR, username, ip, now - SIGNIN_WINDOW_S) >=
	    SIGNIN_MAX_FAILURES)
		return SIGNIN_LOCKED;
	if (count_failures(s, STMT_PWRULE_FAILURES_IP, ip, NULL, now - SIGNIN_WINDOW_S) >=
	    SIGNIN_ADDRESS_MAX_FAILURES)
		return SIGNIN_ADDRESS_LOCKED;
	if (count_failures(s, STMT_LOGIN_FAILURES, username, NULL, now - 3600) >=
	    SIGNIN_ACCOUNT_HOUR_MAX)
		return SIGNIN_LOCKED;
	/* Many failures on the account from elsewhere: slow every attempt down
	 * rather than refuse, so that nobody can keep its owner out. */
	account = count_failures(s, STMT_LOGIN_FAILURES, username, NULL, now - SIGNIN_WINDOW_S);
	if (account >= SIGNIN_MAX_FAILURES)
		core_session_sleep(SIGNIN_DELAY_S);
	return SIGNIN_OK;
}

static unsigned load_roles(struct store *s, int64_t user_id, int64_t setting_id)
{
	struct store_stmt *st = store_stmt(s, STMT_USER_ROLES);
	unsigned roles = 0;
	store_bind_int(st, 1, user_id);
	store_bind_int(st, 2, setting_id);
	while (store_step(st) == STORE_ROW) {
		int r = role_parse(store_col_text(st, 0));
		if (r >= 0)
			roles |= 1u << r;
	}
	store_finish(st);
	return roles;
}

/* Has this person's access to the setting ended? A member of staff's ends
 * after their leaving date; a family's a set number of days (the setting's
 * family_access_days) after the last of its children leaves. */
static int access_ended(struct store *s, int64_t user_id, int64_t setting_id)
{
	struct store_stmt *st = store_stmt(s, STMT_USER_ACCESS);
	int ended = 0, today = date_today(NULL), day;
	store_bind_int(st, 1, user_id);
	store_bind_int(st, 2, setting_id);
	if (store_step(st) == STORE_ROW) {
		if (!store_col_null(st, 0) && date_parse(store_col_text(st, 0), &day) == 0 &&
		    day < today)
			ended = 1;
		if (!store_col_null(st, 3) && !store_col_null(st, 1) &&
		    date_parse(store_col_text(st, 1), &day) == 0 &&
		    day + store_col_int(st, 2) < today)
			ended = 1;
	}
	store_finish(st);
	return ended;
}

enum signin_result core_session_signin(struct store *s, const char *username, const char *password,
                                       const char *ip, char token[TOKEN_LEN],
                                       struct session_user *u)
{
	struct store_stmt *st;
	char hash[crypto_pwhash_STRBYTES] = "";
	int64_t user = 0, disabled = 0, now = time_now();
	int ok, rc, expired = 0;
	enum signin_result limit;

	memset(u, 0, sizeof *u);
	if ((limit = core_session_limit(s, username, ip)) != SIGNIN_OK)
		return limit;

	st = store_stmt(s, STMT_USER_BY_NAME);
	store_bind_text(st, 1, username);
	if (store_step(st) == STORE_ROW) {
		user = store_col_int(st, 0);
		snprintf(hash, sizeof hash, "%s", store_col_text(st, 1));
		disabled = !store_col_null(st, 2);
		snprintf(u->display_name, sizeof u->display_name, "%s", store_col_text(st, 3));
	}
	store_finish(st);
	pthread_once(&dummy_once, make_dummy_hash);
	ok = core_password_verify(user ? hash : dummy_hash, password) == 0 && user;
	sodium_memzero(hash, sizeof hash);
	if (ok) { /* a one-time password past its time (ASVS 2.3.1) */
		st = store_stmt(s, STMT_PWRULE_USER_STATE);
		store_bind_int(st, 1, user);
		if (store_step(st) == STORE_ROW)
			expired = store_col_int(st, 0) && !store_col_null(st, 1) &&
			          store_col_int(st, 1) < now;
		store_finish(st);
	}
	if (store_begin(s) != STORE_OK)
		return SIGNIN_BAD;
	record_attempt(s, username, ok && !expired, ip, "signin");
	if (!ok || disabled || expired) {
		if (store_commit(s) != STORE_OK)
			store_rollback(s);
		return !ok ? SIGNIN_BAD : disabled ? SIGNIN_DISABLED : SIGNIN_EXPIRED;
	}
	st = store_stmt(s, STMT_USER_FIRST_SETTING);
	store_bind_int(st, 1, user);
	rc = store_step(st);
	u->setting_id = rc == STORE_ROW ? store_col_int(st, 0) : 0;
	store_finish(st);
	if (!u->setting_id) {
		store_rollback(s);
		return SIGNIN_NO_SETTING;
	}
	if (access_ended(s, user, u->setting_id)) {
		if (store_commit(s) != STORE_OK)
			store_rollback(s);
		return SIGNIN_DISABLED;
	}
	/* A password made before today's rules works once more, and must then
	 * be changed (ASVS 2.1.7). */
	if (core_password_problem_for(s, u->setting_id, password, username)) {
		st = store_stmt(s, STMT_PWRULE_MUST_CHANGE);
		store_bind_int(st, 1, user);
		if (store_run(st) != STORE_OK)
			goto fail;
	}
	core_random_token(token);
	core_random_token(u->csrf);
	core_token_hash(token, u->token_hash);
	st = store_stmt(s, STMT_SESSION_PURGE);
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, now - SESSION_IDLE_S);
	if (store_run(st) != STORE_OK)
		goto fail;
	st = store_stmt(s, STMT_SESSION_INSERT);
	store_bind_text(st, 1, u->token_hash);
	store_bind_int(st, 2, u->setting_id);
	store_bind_int(st, 3, user);
	store_bind_text(st, 4, u->csrf);
	store_bind_int(st, 5, now);
	store_bind_int(st, 6, now);
	store_bind_int(st, 7, now + SESSION_ABSOLUTE_S);
	store_bind_text(st, 8, ip ? ip : "");
	if (store_run(st) != STORE_OK || store_commit(s) != STORE_OK)
		goto fail;
	u->user_id = user;
	snprintf(u->username, sizeof u->username, "%s", username);
	return core_session_lookup(s, token, u) == 0 ? SIGNIN_OK : SIGNIN_BAD;
fail:
	store_rollback(s);
	return SIGNIN_BAD;
}

int core_session_lookup(struct store *s, const char *token, struct session_user *u)
{
	struct store_stmt *st;
	char hash[65];
	int64_t now = time_now(), last_seen, expires;
	int found = 0;

	if (!token || strlen(token) != TOKEN_LEN - 1)
		return -1;
	core_token_hash(token, hash);
	memset(u, 0, sizeof *u);
	st = store_stmt(s, STMT_SESSION_GET);
	store_bind_text(st, 1, hash);
	if (store_step(st) == STORE_ROW) {
		u->setting_id = store_col_int(st, 0);
		u->user_id = store_col_int(st, 1);
		snprintf(u->csrf, sizeof u->csrf, "%s", store_col_text(st, 2));
		last_seen = store_col_int(st, 3);
		expires = store_col_int(st, 4);
		u->step_up_at = store_col_int(st, 5);
		snprintf(u->username, sizeof u->username, "%s", store_col_text(st, 6));
		snprintf(u->display_name, sizeof u->display_name, "%s", store_col_text(st, 7));
		u->must_change = (int)store_col_int(st, 8);
		u->staff_id = store_col_int(st, 10);
		u->contact_id = store_col_int(st, 11);
		found = store_col_null(st, 9) && now < expires && now - last_seen < SESSION_IDLE_S;
		if (found && !store_col_null(st, 12)) {
			char today[DATE_LEN];
			date_format(date_today(NULL), today);
			found = strcmp(store_col_text(st, 12), today) > 0;
		}
	}
	store_finish(st);
	if (!found || access_ended(s, u->user_id, u->setting_id))
		return -1;
	snprintf(u->token_hash, sizeof u->token_hash, "%s", hash);
	u->roles = load_roles(s, u->user_id, u->setting_id);
	if (now - last_seen >= 60) { /* refresh at most once a minute */
		st = store_stmt(s, STMT_SESSION_TOUCH);
		store_bind_int(st, 1, now);
		store_bind_text(st, 2, hash);
		if (store_run(st) != STORE_OK) {
			/* a busy database only delays the refresh */
		}
	}
	return 0;
}

void core_session_end(struct store *s, const char *token_hash)
{
	struct store_stmt *st = store_stmt(s, STMT_SESSION_DELETE);
	store_bind_text(st, 1, token_hash);
	if (store_run(st) != STORE_OK) {
		/* the session expires on its own */
	}
}

void core_session_end_all(struct store *s, int64_t user_id)
{
	struct store_stmt *st = store_stmt(s, STMT_SESSION_DELETE_USER);
	store_bind_int(st, 1, user_id);
	if (store_run(st) != STORE_OK) {
		/* the sessions expire on their own */
	}
}

void core_session_notices(struct store *s, const char *username, int64_t user_id,
                          struct signin_notice *n)
{
	struct store_stmt *st = store_stmt(s, STMT_PWRULE_SIGNINS);
	int rows = 0;
	memset(n, 0, sizeof *n);
	store_bind_text(st, 1, username);
	while (store_step(st) == STORE_ROW) {
		if (rows++ == 0) {
			n->this_at = store_col_int(st, 0);
			continue;
		}
		n->last_at = store_col_int(st, 0);
		snprintf(n->last_ip, sizeof n->last_ip, "%s", store_col_text(st, 1));
	}
	store_finish(st);
	if (!n->this_at)
		return;
	st = store_stmt(s, STMT_PWRULE_FAILURES_SINCE);
	store_bind_text(st, 1, username);
	store_bind_int(st, 2, n->last_at);
	store_bind_int(st, 3, n->this_at);
	if (store_step(st) == STORE_ROW)
		n->failures = store_col_int(st, 0);
	store_finish(st);
	st = store_stmt(s, STMT_PWRULE_PASSWORD_CHANGED);
	store_bind_int(st, 1, user_id);
	store_bind_int(st, 2, n->last_at);
	if (store_step(st) == STORE_ROW) {
		n->changed_at = store_col_int(st, 0);
		snprintf(n->changed_by, sizeof n->changed_by, "%s", store_col_text(st, 1));
		n->changed_by_self = !store_col_null(st, 2) && store_col_int(st, 2) == user_id;
	}
	store_finish(st);
}
