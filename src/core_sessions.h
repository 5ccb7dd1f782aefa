/*
 * core_sessions.h — a person's own sessions (ASVS 3.3.4): the list of the
 * devices they are signed in on (when each began, was last used, from which
 * address), and ending one of them or all the others. A session is named
 * on the page by a handle, the first SESSION_HANDLE_LEN characters of its
 * token's hash: never the token, and only ever matched among the person's
 * own sessions. Each ending is audited ("session.end", "session.end_others").
 */
#ifndef KW_CORE_SESSIONS_H
#define KW_CORE_SESSIONS_H

#include "arena.h"
#include "core.h"

#define SESSION_HANDLE_LEN 16

struct my_session {
	char handle[SESSION_HANDLE_LEN + 1];
	int64_t created_at, last_seen;
	const char *ip;
	int current; /* the session asking */
};

/* The live sessions of user_id, the last used first; current_hash marks one. */
int core_sessions_list(struct store *s, int64_t user_id, const char *current_hash, struct arena *a,
                       struct my_session **out, size_t *n, struct op_error *e) WARN_UNUSED;
/* End who's session named handle (in the caller's transaction); *was_current
 * tells the caller to drop its cookie. 404 on "session" when there is none. */
int core_sessions_end(struct store *s, const struct actor *who, const char *current_hash,
                      const char *handle, int *was_current, struct op_error *e) WARN_UNUSED;
/* End every session of who but current_hash (in the caller's transaction). */
int core_sessions_end_others(struct store *s, const struct actor *who, const char *current_hash,
                             struct op_error *e) WARN_UNUSED;

#endif
