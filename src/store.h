/*
 * store.h — the one interface to the database. Core code names statements
 * from the catalogue (store_sql.h) by enum, binds values, steps and reads
 * columns; it never builds SQL from input. The backend (SQLite here, in
 * store_sqlite.c; PostgreSQL later behind the same calls) keeps its
 * specifics to itself: pragmas, migrations by user_version, online backup.
 *
 * Parameters and columns are numbered from 1 and 0 respectively, as in
 * SQLite. Text columns read back as "" when NULL (store_col_null tells).
 */
#ifndef KW_STORE_H
#define KW_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store_sql.h"
#include "util.h"

struct store;
struct store_stmt;

enum store_rc {
	STORE_OK = 0,
	STORE_ROW = 1,
	STORE_DONE = 2,
	STORE_ERR = -1,
	STORE_CONSTRAINT = -2, /* a CHECK, UNIQUE, NOT NULL or foreign key refused the row */
	STORE_BUSY = -3,
};

enum store_open_mode {
	STORE_OPEN_EXISTING, /* the file must exist and hold a keyworker database */
	STORE_OPEN_CREATE,   /* create the file (mode 0600) when missing */
};

/* path: an SQLite file, or a PostgreSQL address (postgres://… or postgresql://…). */
int store_open(const char *path, enum store_open_mode mode, struct store **out, char *err,
               size_t errlen) WARN_UNUSED;
/* Whether a --db value names a PostgreSQL database rather than a file. */
int store_is_pg_address(const char *where);
/* "sqlite" or "postgresql". */
const char *store_backend_name(struct store *s);
/* The setting whose records this connection's next write transactions change
 * (0: any, the default). On PostgreSQL, writers of one setting go one at a
 * time while writers of different settings run in parallel; a transaction
 * of no setting waits for every other writer. SQLite has one writer anyway. */
void store_set_scope(struct store *s, int64_t setting_id);
/* The scope set, 0 when none. */
int64_t store_scope(struct store *s);
void store_close(struct store *s);
/* The last error of this connection, in words. */
const char *store_errmsg(struct store *s);
/* Schema version (PRAGMA user_version) and the version this binary migrates to. */
int store_schema_version(struct store *s);
int store_schema_latest(void);

int store_begin(struct store *s) WARN_UNUSED;
int store_commit(struct store *s) WARN_UNUSED;
void store_rollback(struct store *s);
int store_in_transaction(struct store *s);
/* A request that only reads (a page) reads from one snapshot: one read
 * transaction for all its statements instead of one each, which under load
 * was much of a page's cost. store_begin, or a statement that changes data,
 * ends the snapshot first, so writes behave exactly as without it (and
 * store_in_transaction does not count it). No-op where the backend has none. */
void store_read_begin(struct store *s);
void store_read_end(struct store *s);

/* Whether catalogue statement id prepares on this database (the reason in
 * err if not); for the test that checks every statement on each backend. */
int store_stmt_check(struct store *s, enum stmt_id id, char *err, size_t errlen);
/* A prepared statement from the catalogue, reset and with bindings cleared. */
struct store_stmt *store_stmt(struct store *s, enum stmt_id id);
/* A statement whose text is built by the program itself from its own tables
 * (table and column names of the schema, never input): export and import of
 * whole tables. The caller finishes it with store_finish. */
struct store_stmt *store_prepare(struct store *s, const char *sql);
void store_finish(struct store_stmt *st);

void store_bind_int(struct store_stmt *st, int i, int64_t v);
void store_bind_double(struct store_stmt *st, int i, double v);
void store_bind_text(struct store_stmt *st, int i, const char *v); /* NULL binds NULL */
void store_bind_blob(struct store_stmt *st, int i, const void *p, size_t n);
void store_bind_null(struct store_stmt *st, int i);
/* Binds NULL when v is 0 (an id that is not set). */
void store_bind_id(struct store_stmt *st, int i, int64_t v);

/* How many parameters the statement has (the highest ?N). */
int store_param_count(struct store_stmt *st);
int store_step(struct store_stmt *st);
/* Step a statement that returns no rows: STORE_OK or an error code. */
int store_run(struct store_stmt *st) WARN_UNUSED;

int store_col_count(struct store_stmt *st);
const char *store_col_name(struct store_stmt *st, int i);
int store_col_null(struct store_stmt *st, int i);
int64_t store_col_int(struct store_stmt *st, int i);
double store_col_double(struct store_stmt *st, int i);
const char *store_col_text(struct store_stmt *st, int i);
const void *store_col_blob(struct store_stmt *st, int i, size_t *n);
/* 'i' integer, 'f' real, 't' text, 'b' blob, 'n' null */
char store_col_type(struct store_stmt *st, int i);

int64_t store_last_id(struct store *s);
/* After rows were written with ids of their own (a restore), make new rows
 * get ids above them: a no-op on SQLite, the identity sequences on
 * PostgreSQL. */
int store_ids_resume(struct store *s) WARN_UNUSED;
int store_changes(struct store *s);

/* Whole-file operations. */
int store_quick_check(struct store *s, char *msg, size_t n) WARN_UNUSED;
/* integrity_check and foreign_key_check; problems listed into msg. */
int store_check(struct store *s, char *msg, size_t n) WARN_UNUSED;
/* Online backup to a new file (mode 0600); safe while others write. */
int store_backup(struct store *s, const char *path, char *err, size_t errlen) WARN_UNUSED;
/* Replace the open database's contents with those of a (checked) backup file. */
int store_restore(struct store *s, const char *path, char *err, size_t errlen) WARN_UNUSED;
/* The schema as text (for tests comparing migrated and fresh databases). */
char *store_schema_dump(struct store *s);

#endif
