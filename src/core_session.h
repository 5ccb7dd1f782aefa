/*
 * core_session.h — signing in and staying signed in. A session is a 256-bit
 * random token held by the browser in a cookie; the database keeps only its
 * BLAKE2b hash, with a CSRF token, idle and absolute expiry. Failed
 * sign-ins are counted per account: after 10 in 15 minutes the account
 * waits before it may try again.
 */
#ifndef KW_CORE_SESSION_H
#define KW_CORE_SESSION_H

#include "core.h"

#define SESSION_IDLE_S (30 * 60)
#define SESSION_ABSOLUTE_S (12 * 60 * 60)
#define SIGNIN_WINDOW_S (15 * 60)
#define SIGNIN_MAX_FAILURES 10
#define TOKEN_LEN 44 /* base64url of 32 bytes + NUL */

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

enum signin_result { SIGNIN_OK, SIGNIN_BAD, SIGNIN_LOCKED, SIGNIN_DISABLED, SIGNIN_NO_SETTING };

/* Check the password (counting failures) and open a session; *token is the cookie value. */
enum signin_result core_session_signin(struct store *s, const char *username, const char *password,
                                       const char *ip, char token[TOKEN_LEN],
                                       struct session_user *u);
/* The session of a cookie token, if it is alive (its last_seen is refreshed). 0 found, -1 not. */
int core_session_lookup(struct store *s, const char *token, struct session_user *u) WARN_UNUSED;
void core_session_end(struct store *s, const char *token_hash);
void core_session_end_all(struct store *s, int64_t user_id);
/* A random URL-safe token (for CSRF and one-time codes). */
void core_random_token(char out[TOKEN_LEN]);
void core_token_hash(const char *token, char out[65]);

#endif
