/*
 * core_stepup.c — the password step-up of core_stepup.h, one copy for every
 * action that asks for it.
 */
#include "core_stepup.h"

#include <assert.h>

#include "audit.h"
#include "core_user.h"
#include "date.h"
#include "store.h"

/* step_up_at and step_up_seen_at of the session (0 when never given). */
static void instants(struct store *s, const char *token_hash, int64_t *given, int64_t *used)
{
	struct store_stmt *st = store_stmt(s, STMT_CONCERN_STEP_UP_GET);
	*given = *used = 0;
	store_bind_text(st, 1, token_hash);
	if (store_step(st) == STORE_ROW) {
		*given = store_col_int(st, 0);
		*used = store_col_int(st, 1);
	}
	store_finish(st);
}

int core_stepup_recent(struct store *s, const char *token_hash, int64_t max_age_s)
{
	int64_t given, used, now = time_now();
	instants(s, token_hash, &given, &used);
	return given > 0 && given <= now && now - given < max_age_s;
}

int core_stepup_fresh(struct store *s, const char *token_hash, int64_t idle_s)
{
	struct store_stmt *st;
	int64_t now = time_now(), given, used;
	int fresh;
	instants(s, token_hash, &given, &used);
	if (used < given)
		used = given;
	fresh = given > 0 && now - used < idle_s;
	if (fresh) {
		st = store_stmt(s, STMT_CONCERN_STEP_UP_SEEN);
		store_bind_int(st, 1, now);
		store_bind_text(st, 2, token_hash);
		if (store_run(st) != STORE_OK) {
			/* a busy database only shortens the step-up */
		}
	}
	return fresh;
}

int core_stepup_give(struct store *s, const struct actor *who, const char *token_hash,
                     const char *password, const char *action, const char *object_kind,
                     struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_CONCERN_PASSWORD_HASH);
	int64_t now = time_now();
	int ok = 0, rc;
	assert(store_in_transaction(s));
	store_bind_int(st, 1, who->user_id);
	if (store_step(st) == STORE_ROW)
		ok = password && *password &&
		     core_password_verify(store_col_text(st, 0), password) == 0;
	store_finish(st);
	if (!ok)
		return op_fail(e, OP_FORBIDDEN, "password", "that is not your password");
	st = store_stmt(s, STMT_CONCERN_STEP_UP_SET);
	store_bind_int(st, 1, now);
	store_bind_int(st, 2, now);
	store_bind_text(st, 3, token_hash);
	store_bind_int(st, 4, who->user_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "recording the password check");
	return audit_write(s, who, action, object_kind, 0, 0, "", e);
}
