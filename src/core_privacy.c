/*
 * core_privacy.c — the privacy notice of core_privacy.h.
 */
#include "core_privacy.h"

#include <assert.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "store.h"

const char *core_privacy_get(struct store *s, int64_t setting_id, struct arena *a)
{
	struct store_stmt *st = store_stmt(s, STMT_PRIVACY_GET);
	const char *text = NULL;
	store_bind_int(st, 1, setting_id);
	if (store_step(st) == STORE_ROW && !store_col_null(st, 0) && *store_col_text(st, 0))
		text = arena_strdup(a, store_col_text(st, 0));
	store_finish(st);
	return text;
}

static int blank(const char *t)
{
	return t[strspn(t, " \t\r\n")] == '\0';
}

int core_privacy_set(struct store *s, const struct actor *who, const char *text, struct op_error *e)
{
	struct store_stmt *st;
	int rc;
	assert(store_in_transaction(s));
	if (!text)
		text = "";
	if (strlen(text) > PRIVACY_NOTICE_MAX)
		return op_fail(e, OP_INVALID, "notice", "at most %d characters",
		               PRIVACY_NOTICE_MAX);
	st = store_stmt(s, STMT_PRIVACY_SET);
	if (blank(text))
		store_bind_null(st, 1);
	else
		store_bind_text(st, 1, text);
	store_bind_int(st, 2, who->setting_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "saving the privacy notice");
	return audit_write(s, who, "privacy.edit", "setting", who->setting_id, 0,
	                   blank(text) ? "built-in notice" : "own notice", e);
}

int core_privacy_seen(struct store *s, int64_t user_id)
{
	struct store_stmt *st = store_stmt(s, STMT_PRIVACY_SEEN_GET);
	int seen = -1;
	store_bind_int(st, 1, user_id);
	if (store_step(st) == STORE_ROW)
		seen = !store_col_null(st, 0);
	store_finish(st);
	return seen;
}

void core_privacy_mark_seen(struct store *s, int64_t user_id)
{
	struct store_stmt *st = store_stmt(s, STMT_PRIVACY_SEEN_SET);
	store_bind_int(st, 1, time_now());
	store_bind_int(st, 2, user_id);
	if (store_run(st) != STORE_OK) {
		/* shown again next time: no harm */
	}
}
