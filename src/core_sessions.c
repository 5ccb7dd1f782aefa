/*
 * core_sessions.c — listing and ending one's own sessions (core_sessions.h).
 */
#include "core_sessions.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_session.h"
#include "date.h"
#include "store.h"

int core_sessions_list(struct store *s, int64_t user_id, const char *current_hash, struct arena *a,
                       struct my_session **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SESSIONS_OF_USER);
	struct my_session *list = NULL;
	size_t count = 0, cap = 0;
	int64_t now = time_now();
	int rc;
	store_bind_int(st, 1, user_id);
	store_bind_int(st, 2, now);
	store_bind_int(st, 3, now - SESSION_IDLE_S);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct my_session *m = ARENA_PUSH(a, list, count, cap);
		const char *hash = store_col_text(st, 0);
		snprintf(m->handle, sizeof m->handle, "%.*s", SESSION_HANDLE_LEN, hash);
		m->created_at = store_col_int(st, 1);
		m->last_seen = store_col_int(st, 2);
		m->ip = arena_strdup(a, store_col_text(st, 3));
		m->current = current_hash && strcmp(hash, current_hash) == 0;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading your sessions");
	*out = list;
	*n = count;
	return 0;
}

int core_sessions_end(struct store *s, const struct actor *who, const char *current_hash,
                      const char *handle, int *was_current, struct op_error *e)
{
	struct store_stmt *st;
	char full[65] = "";
	int rc, matches = 0;
	assert(store_in_transaction(s));
	*was_current = 0;
	if (!handle || strlen(handle) != SESSION_HANDLE_LEN)
		return op_fail(e, OP_NOT_FOUND, "session", "there is no such session of yours");
	st = store_stmt(s, STMT_SESSIONS_OF_USER);
	store_bind_int(st, 1, who->user_id);
	store_bind_int(st, 2, 0);
	store_bind_int(st, 3, 0);
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *hash = store_col_text(st, 0);
		if (strncmp(hash, handle, SESSION_HANDLE_LEN) == 0) {
			snprintf(full, sizeof full, "%s", hash);
			matches++;
		}
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading your sessions");
	if (matches != 1)
		return op_fail(e, OP_NOT_FOUND, "session", "there is no such session of yours");
	st = store_stmt(s, STMT_SESSIONS_END_ONE);
	store_bind_text(st, 1, full);
	store_bind_int(st, 2, who->user_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "ending the session");
	*was_current = current_hash && strcmp(full, current_hash) == 0;
	return audit_write(s, who, "session.end", "user", who->user_id, 0,
	                   *was_current ? "this device" : "another device", e);
}

int core_sessions_end_others(struct store *s, const struct actor *who, const char *current_hash,
                             struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SESSIONS_END_OTHERS);
	int rc;
	assert(store_in_transaction(s));
	store_bind_int(st, 1, who->user_id);
	store_bind_text(st, 2, current_hash);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "ending your other sessions");
	return audit_write(s, who, "session.end_others", "user", who->user_id, 0, "", e);
}
