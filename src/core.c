/*
 * core.c — the small shared pieces of core operations: filling an
 * op_error, and opening and committing the one transaction per request.
 */
#include "core.h"

#include <stdarg.h>
#include <stdio.h>

int op_fail(struct op_error *e, enum op_status status, const char *field, const char *fmt, ...)
{
	va_list ap;
	e->status = status;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int op_store_fail(struct op_error *e, struct store *s, int rc, const char *what)
{
	if (rc == STORE_CONSTRAINT)
		return op_fail(e, OP_CONFLICT, "", "%s was refused: %s", what, store_errmsg(s));
	if (rc == STORE_BUSY)
		return op_fail(e, OP_FAILED, "", "%s: the database is busy, try again", what);
	return op_fail(e, OP_FAILED, "", "%s failed: %s", what, store_errmsg(s));
}

int core_tx_begin(struct store *s, struct op_error *e)
{
	int rc = store_begin(s);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "starting a transaction");
	return 0;
}

int core_tx_commit(struct store *s, struct op_error *e)
{
	int rc = store_commit(s);
	if (rc != STORE_OK) {
		store_rollback(s);
		return op_store_fail(e, s, rc, "saving");
	}
	return 0;
}

int64_t core_find_id(struct store *s, enum stmt_id stmt, int64_t setting_id, const char *key)
{
	struct store_stmt *st = store_stmt(s, stmt);
	int64_t id = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, key);
	if (store_step(st) == STORE_ROW)
		id = store_col_int(st, 0);
	store_finish(st);
	return id;
}
