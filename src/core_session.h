/*
 * core_session.h — signing in and staying signed in. A session is a 256-bit
 * random token held by the browser in a cookie; the database keeps only its
 * BLAKE2b hash, with a CSRF token, idle and absolute expiry. Failed
 * password checks (sign-in, the change form, the DSL's step-up) are counted
 * per username and client address: 10 in 15 minutes lock that pair, 30 lock
 * the address for every username; failures on an account from everywhere
 * only slow its sign-ins down (so nobody can lock its owner out), up to 100
 * in an hour.
 */
#ifndef KW_CORE_SESSION_H
#define KW_CORE_SESSION_H

#include "core.h"

#define SESSION_IDLE_S (30 * 60)
#define SESSION_ABSOLUTE_S (12 * 60 * 60)
#define SIGNIN_WINDOW_S (15 * 60)
#define SIGNIN_MAX_FAILURES 10         /* per username and address in the window: refused */
#define SIGNIN_ADDRESS_MAX_FAILURES 30 /* per address, all usernames, in the window: refused */
#define SIGNIN_ACCOUNT_HOUR_MAX 100    /* per username, all addresses, in an hour: refused */
#define SIGNIN_DELAY_S 3 /* each attempt's wait once an account has 10 failures in the window */
#define TOKEN_LEN 44     /* base64url of 32 bytes + NUL */

struct session_user {
	int64_t user_id, setting_id, staff_id, contact_id;
	unsigned roles;
	int must_change;
	char username[101];
	char display_name[201];
	char csrf[TOKEN_LEN];
	char token_hash[65];
	int64_t step_up_at;
};

enum signin_result {
	SIGNIN_OK,
	SIGNIN_BAD,
	SIGNIN_LOCKED,
	SIGNIN_DISABLED,
	SIGNIN_NO_SETTING,
	SIGNIN_ADDRESS_LOCKED, /* too many failures from this address */
	SIGNIN_EXPIRED         /* a one-time password past ONE_TIME_PASSWORD_S */
};

/* What a person is told after signing in (ASVS 2.2.3, 2.5.5). */
struct signin_notice {
	int64_t this_at; /* this sign-in; 0 if none */
	int64_t last_at; /* the one before; 0 if none */
	char last_ip[64];
	int64_t failures;   /* failed password checks between the two */
	int64_t changed_at; /* the password's last change since last_at; 0 if none */
	char changed_by[101];
	int changed_by_self;
};

/* Check the password (counting failures) and open a session; *token is the cookie value. */
enum signin_result core_session_signin(struct store *s, const char *username, const char *password,
                                       const char *ip, char token[TOKEN_LEN],
                                       struct session_user *u);
/* The session of a cookie token, if it is alive (its last_seen is refreshed). 0 found, -1 not. */
int core_session_lookup(struct store *s, const char *token, struct session_user *u) WARN_UNUSED;
void core_session_end(struct store *s, const char *token_hash);
/* May username try a password from ip now? SIGNIN_OK (perhaps after a
 * delay), SIGNIN_LOCKED or SIGNIN_ADDRESS_LOCKED. For every form that
 * checks a password. */
enum signin_result core_session_limit(struct store *s, const char *username, const char *ip);
/* Count a wrong password given on another form (kind: "password", "step-up"). */
void core_session_failure(struct store *s, const char *username, const char *ip, const char *kind);
/* How core_session_limit waits (tests replace it). */
extern void (*core_session_sleep)(unsigned seconds);
void core_session_notices(struct store *s, const char *username, int64_t user_id,
                          struct signin_notice *n);
void core_session_end_all(struct store *s, int64_t user_id);
/* A random URL-safe token (for CSRF and one-time codes). */
void core_random_token(char out[TOKEN_LEN]);
void core_token_hash(const char *token, char out[65]);

#endif
