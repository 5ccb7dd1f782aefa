/*
 * store_backend.h — what a database backend provides behind store.h. Each
 * backend (store_sqlite.c, store_pg.c) fills one table of operations; its
 * connection and statement structures begin with struct store and struct
 * store_stmt, so store.c dispatches every call through s->ops without
 * knowing which backend it serves. Only store*.c include this file.
 */
#ifndef KW_STORE_BACKEND_H
#define KW_STORE_BACKEND_H

#include "store.h"

struct store_ops {
	const char *name; /* "sqlite", "postgresql" */
	void (*close)(struct store *s);
	const char *(*errmsg)(struct store *s);
	int (*schema_version)(struct store *s);
	int (*begin)(struct store *s);
	int (*commit)(struct store *s);
	void (*rollback)(struct store *s);
	int (*in_transaction)(struct store *s);
	void (*read_begin)(struct store *s); /* NULL: no read snapshots */
	void (*read_end)(struct store *s);
	struct store_stmt *(*stmt)(struct store *s, enum stmt_id id);
	int (*stmt_check)(struct store *s, enum stmt_id id, char *err, size_t errlen);
	struct store_stmt *(*prepare)(struct store *s, const char *sql);
	void (*finish)(struct store_stmt *st);
	void (*bind_int)(struct store_stmt *st, int i, int64_t v);
	void (*bind_double)(struct store_stmt *st, int i, double v);
	void (*bind_text)(struct store_stmt *st, int i, const char *v);
	void (*bind_blob)(struct store_stmt *st, int i, const void *p, size_t n);
	void (*bind_null)(struct store_stmt *st, int i);
	int (*param_count)(struct store_stmt *st);
	int (*step)(struct store_stmt *st);
	int (*run)(struct store_stmt *st);
	int (*col_count)(struct store_stmt *st);
	const char *(*col_name)(struct store_stmt *st, int i);
	int (*col_null)(struct store_stmt *st, int i);
	int64_t (*col_int)(struct store_stmt *st, int i);
	double (*col_double)(struct store_stmt *st, int i);
	const char *(*col_text)(struct store_stmt *st, int i);
	const void *(*col_blob)(struct store_stmt *st, int i, size_t *n);
	char (*col_type)(struct store_stmt *st, int i);
	int64_t (*last_id)(struct store *s);
	int (*ids_resume)(struct store *s);
	int (*changes)(struct store *s);
	int (*quick_check)(struct store *s, char *msg, size_t n);
	int (*check)(struct store *s, char *msg, size_t n);
	int (*backup)(struct store *s, const char *path, char *err, size_t errlen);
	int (*restore)(struct store *s, const char *path, char *err, size_t errlen);
	char *(*schema_dump)(struct store *s);
};

/* The first member of every backend's connection and statement. */
struct store {
	const struct store_ops *ops;
	int64_t scope; /* store_set_scope: 0, or the setting the writes are for */
};
struct store_stmt {
	struct store *s;
};

int store_sqlite_open(const char *path, enum store_open_mode mode, struct store **out, char *err,
                      size_t errlen);
int store_pg_open(const char *url, enum store_open_mode mode, struct store **out, char *err,
                  size_t errlen);

#endif
