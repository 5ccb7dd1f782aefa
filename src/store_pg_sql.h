/*
 * store_pg_sql.h — the SQLite dialect of the catalogue and the migrations,
 * said in PostgreSQL's. Pure text functions (no server needed), so they are
 * tested on their own; store_pg.c applies them when it prepares a statement
 * or runs a migration. Core code keeps writing one dialect.
 */
#ifndef KW_STORE_PG_SQL_H
#define KW_STORE_PG_SQL_H

#include <stddef.h>

/* A catalogue statement: ? becomes $1, $2 …; group_concat becomes
 * string_agg; INTEGER, REAL and BLOB become BIGINT, DOUBLE PRECISION and
 * BYTEA; every ORDER BY term without NULLS gets SQLite's order of NULLs
 * (first when ascending, last when descending). *nparams is the number of
 * parameters. The caller frees the result. */
char *pg_sql(const char *sqlite_sql, int *nparams);

/* A migration: as pg_sql, and INTEGER PRIMARY KEY becomes an identity
 * column, and each SQLite trigger of the one shape the schema uses
 * (BEFORE UPDATE|DELETE ON t [WHEN cond] BEGIN SELECT RAISE(ABORT, 'msg');
 * END;) becomes a PL/pgSQL function and trigger raising SQLSTATE 23000.
 * NULL, with the reason in err, for a trigger of any other shape. */
char *pg_ddl(const char *sqlite_ddl, char *err, size_t errlen);

#endif
