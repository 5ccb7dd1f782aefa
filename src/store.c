/*
 * store.c — store.h's calls, dispatched to the backend that opened the
 * connection: PostgreSQL for a postgres:// or postgresql:// address (or a
 * libpq "key=value" string starting with "dbname=" or "host="), SQLite for
 * a file name. Core code never knows which one it is talking to.
 */
#include "store_backend.h"

#include <assert.h>
#include <string.h>

#include "sql_migrations.h"

int store_is_pg_address(const char *where)
{
	static const char *const prefixes[] = {"postgres://", "postgresql://", "dbname=", "host="};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (strncmp(where, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

int store_open(const char *where, enum store_open_mode mode, struct store **out, char *err,
               size_t errlen)
{
	if (store_is_pg_address(where))
		return store_pg_open(where, mode, out, err, errlen);
	return store_sqlite_open(where, mode, out, err, errlen);
}

const char *store_backend_name(struct store *s)
{
	return s->ops->name;
}

void store_set_scope(struct store *s, int64_t setting_id)
{
	assert(setting_id >= 0 && setting_id <= INT32_MAX);
	s->scope = setting_id;
}

int64_t store_scope(struct store *s)
{
	return s->scope;
}

void store_close(struct store *s)
{
	if (s)
		s->ops->close(s);
}

const char *store_errmsg(struct store *s)
{
	return s->ops->errmsg(s);
}

int store_schema_version(struct store *s)
{
	return s->ops->schema_version(s);
}

int store_begin(struct store *s)
{
	return s->ops->begin(s);
}

int store_commit(struct store *s)
{
	return s->ops->commit(s);
}

void store_rollback(struct store *s)
{
	s->ops->rollback(s);
}

int store_in_transaction(struct store *s)
{
	return s->ops->in_transaction(s);
}

void store_read_begin(struct store *s)
{
	if (s->ops->read_begin)
		s->ops->read_begin(s);
}

void store_read_end(struct store *s)
{
	if (s->ops->read_end)
		s->ops->read_end(s);
}

struct store_stmt *store_stmt(struct store *s, enum stmt_id id)
{
	if ((size_t)id >= STMT__MAX)
		return NULL;
	return s->ops->stmt(s, id);
}

struct store_stmt *store_prepare(struct store *s, const char *sql)
{
	return s->ops->prepare(s, sql);
}

void store_finish(struct store_stmt *st)
{
	if (st)
		st->s->ops->finish(st);
}

void store_bind_int(struct store_stmt *st, int i, int64_t v)
{
	st->s->ops->bind_int(st, i, v);
}

void store_bind_double(struct store_stmt *st, int i, double v)
{
	st->s->ops->bind_double(st, i, v);
}

void store_bind_text(struct store_stmt *st, int i, const char *v)
{
	if (v)
		st->s->ops->bind_text(st, i, v);
	else
		st->s->ops->bind_null(st, i);
}

void store_bind_blob(struct store_stmt *st, int i, const void *p, size_t n)
{
	st->s->ops->bind_blob(st, i, p, n);
}

void store_bind_null(struct store_stmt *st, int i)
{
	st->s->ops->bind_null(st, i);
}

void store_bind_id(struct store_stmt *st, int i, int64_t v)
{
	if (v)
		st->s->ops->bind_int(st, i, v);
	else
		st->s->ops->bind_null(st, i);
}

int store_step(struct store_stmt *st)
{
	return st->s->ops->step(st);
}

int store_run(struct store_stmt *st)
{
	return st->s->ops->run(st);
}

int store_col_count(struct store_stmt *st)
{
	return st->s->ops->col_count(st);
}

const char *store_col_name(struct store_stmt *st, int i)
{
	return st->s->ops->col_name(st, i);
}

int store_col_null(struct store_stmt *st, int i)
{
	return st->s->ops->col_null(st, i);
}

int64_t store_col_int(struct store_stmt *st, int i)
{
	return st->s->ops->col_int(st, i);
}

double store_col_double(struct store_stmt *st, int i)
{
	return st->s->ops->col_double(st, i);
}

const char *store_col_text(struct store_stmt *st, int i)
{
	return st->s->ops->col_text(st, i);
}

const void *store_col_blob(struct store_stmt *st, int i, size_t *n)
{
	return st->s->ops->col_blob(st, i, n);
}

char store_col_type(struct store_stmt *st, int i)
{
	return st->s->ops->col_type(st, i);
}

int64_t store_last_id(struct store *s)
{
	return s->ops->last_id(s);
}

int store_changes(struct store *s)
{
	return s->ops->changes(s);
}

int store_quick_check(struct store *s, char *msg, size_t n)
{
	return s->ops->quick_check(s, msg, n);
}

int store_check(struct store *s, char *msg, size_t n)
{
	return s->ops->check(s, msg, n);
}

int store_backup(struct store *s, const char *path, char *err, size_t errlen)
{
	return s->ops->backup(s, path, err, errlen);
}

int store_restore(struct store *s, const char *path, char *err, size_t errlen)
{
	return s->ops->restore(s, path, err, errlen);
}

char *store_schema_dump(struct store *s)
{
	return s->ops->schema_dump(s);
}

int store_schema_latest(void)
{
	return (int)sql_migrations_count;
}

int store_param_count(struct store_stmt *st)
{
	return st->s->ops->param_count(st);
}

int store_stmt_check(struct store *s, enum stmt_id id, char *err, size_t errlen)
{
	assert((size_t)id < STMT__MAX);
	return s->ops->stmt_check(s, id, err, errlen);
}

int store_ids_resume(struct store *s)
{
	return s->ops->ids_resume(s);
}
