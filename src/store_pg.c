/*
 * store_pg.c — the PostgreSQL backend of store.h (libpq), the only file
 * that includes libpq-fe.h. The catalogue and the migrations are written
 * once, in SQLite's dialect; store_pg_sql.c says them in PostgreSQL's.
 * Catalogue statements are prepared on the server once per connection
 * (named "k<id>"), parameters are sent as text of unknown type so the
 * server infers each from its place (as SQLite's affinity does), blobs as
 * binary bytea. A statement's rows are fetched whole at its first step.
 * A write transaction takes the database's writer lock, as SQLite's BEGIN
 * IMMEDIATE does, so concurrent writers (other threads, other servers) keep
 * the invariants SQLite's single writer kept; a write refused inside a
 * transaction leaves the transaction going, as in SQLite (a savepoint).
 * Migrations run under an advisory lock, so servers starting together
 * migrate once; the version is kept in kw_schema.
 */
#include "store_backend.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "sql_migrations.h"
#include "store_pg_sql.h"

#define MAX_PARAMS 64
#define MIGRATION_LOCK 4242001 /* pg_advisory_xact_lock key of the migrations */
#define WRITER_LOCK 4242002    /* and of write transactions (pg_begin) */
#define SETTING_LOCK 4242003   /* with the setting id: a scoped writer's lock */

/* OIDs of the built-in types (pg_type.h is a server header). */
enum {
	OID_BOOL = 16,
	OID_BYTEA = 17,
	OID_INT8 = 20,
	OID_INT2 = 21,
	OID_INT4 = 23,
	OID_FLOAT4 = 700,
	OID_FLOAT8 = 701,
	OID_NUMERIC = 1700,
};

struct pg_stmt {
	struct store_stmt base;
	int id; /* catalogue id, or -1 for store_prepare's own */
	char *sql;
	int nparams;
	int writes; /* INSERT, UPDATE or DELETE: a failure must not end the transaction */
	char *values[MAX_PARAMS];
	int lengths[MAX_PARAMS];
	int formats[MAX_PARAMS];
	Oid types[MAX_PARAMS];
	PGresult *res;
	PGresult *desc; /* the columns, described before a first run */
	int row, nrows, executed;
	unsigned char *blobs[8]; /* unescaped bytea of this row, freed on the next */
	int nblobs;
};

struct pg_store {
	struct store base;
	PGconn *conn;
	char *url; /* as opened: for pg_dump and pg_restore */
	struct pg_stmt *cache[STMT__MAX];
	unsigned char prepared[STMT__MAX];
	int changes;
	char err[1024];
};

#define PG(s) ((struct pg_store *)(void *)(s))
#define PS(st) ((struct pg_stmt *)(void *)(st))

static const struct store_ops pg_ops;

/* A refusal by the schema in SQLite's words, so that what a user is told
 * ("was refused: FOREIGN KEY constraint failed") is the same on both
 * backends; NULL for any other error (its own message is kept). */
static const char *constraint_words(const PGresult *r)
{
	static const struct {
		const char *state, *words;
	} words[] = {
	    {"23503", "FOREIGN KEY constraint failed"},
	    {"23505", "UNIQUE constraint failed"},
	    {"23514", "CHECK constraint failed"},
	    {"23502", "NOT NULL constraint failed"},
	};
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	for (size_t i = 0; state && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(state, words[i].state) == 0)
			return words[i].words;
	return NULL;
}

static void set_err(struct pg_store *p, const char *what, const PGresult *r)
{
	const char *m = r ? PQresultErrorMessage(r) : PQerrorMessage(p->conn);
	const char *c = constraint_words(r);
	const char *name = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : NULL;
	size_t n;
	if (c)
		snprintf(p->err, sizeof p->err, "%s%s%s%s%s", what ? what : "", what ? ": " : "", c,
		         name ? ": " : "", name ? name : "");
	else
		snprintf(p->err, sizeof p->err, "%s%s%s", what ? what : "", what ? ": " : "",
		         m && *m ? m : "unknown error");
	n = strlen(p->err);
	while (n > 0 && (p->err[n - 1] == '\n' || p->err[n - 1] == ' '))
		p->err[--n] = '\0';
}

/* The store's code for a failed result, from its SQLSTATE. */
static int rc_of_state(const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (!state)
		return STORE_ERR;
	if (strncmp(state, "23", 2) == 0)
		return STORE_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return STORE_BUSY;
	return STORE_ERR;
}

/* Run SQL without parameters; STORE_OK or an error code. */
static int exec(struct pg_store *p, const char *sql)
{
	PGresult *r = PQexec(p->conn, sql);
	ExecStatusType st = PQresultStatus(r);
	int rc = STORE_OK;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		set_err(p, NULL, r);
		rc = rc_of_state(r);
	}
	PQclear(r);
	return rc;
}

static const char *pg_errmsg(struct store *s)
{
	return PG(s)->err;
}

/* The first column of the first row of sql as an integer; -1 if none. */
static int64_t query_int(struct pg_store *p, const char *sql)
{
	PGresult *r = PQexec(p->conn, sql);
	int64_t v = -1;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	else if (PQresultStatus(r) != PGRES_TUPLES_OK)
		set_err(p, NULL, r);
	PQclear(r);
	return v;
}

static int pg_schema_version(struct store *s)
{
	return (int)query_int(PG(s), "SELECT coalesce(max(version), 0) FROM kw_schema");
}

static int has_schema(struct pg_store *p)
{
	return query_int(p, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
	                    "current_schema() AND table_name = 'kw_schema'") == 1;
}

/* SQLite's catalogue, said in PostgreSQL: the list of tables as a view
 * (SELECT name FROM sqlite_master WHERE type = 'table') and the columns of
 * a table as a function (pragma_table_info(name): cid, name, type in
 * SQLite's words, notnull, dflt_value, pk), so the catalogue, tools and
 * tests that read them need no second version. */
static const char catalogue_view[] =
    "CREATE OR REPLACE VIEW sqlite_master AS SELECT 'table'::text AS type, "
    "table_name::text AS name, table_name::text AS tbl_name, ''::text AS sql "
    "FROM information_schema.tables WHERE table_schema = current_schema() AND "
    "table_type = 'BASE TABLE' AND table_name <> 'kw_schema'; "
    "CREATE OR REPLACE FUNCTION pragma_table_info(t text) RETURNS TABLE (cid integer, "
    "name text, type text, \"notnull\" integer, dflt_value text, pk integer) "
    "LANGUAGE sql STABLE AS $kw$ SELECT (c.ordinal_position - 1)::integer, "
    "c.column_name::text, CASE c.data_type WHEN 'bigint' THEN 'INTEGER' WHEN 'integer' "
    "THEN 'INTEGER' WHEN 'bytea' THEN 'BLOB' WHEN 'double precision' THEN 'REAL' ELSE "
    "'TEXT' END, CASE c.is_nullable WHEN 'NO' THEN 1 ELSE 0 END, c.column_default::text, "
    "CASE WHEN EXISTS (SELECT 1 FROM information_schema.key_column_usage k JOIN "
    "information_schema.table_constraints tc ON tc.constraint_name = k.constraint_name "
    "AND tc.table_schema = k.table_schema WHERE tc.constraint_type = 'PRIMARY KEY' AND "
    "k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = "
    "c.column_name) THEN 1 ELSE 0 END FROM information_schema.columns c WHERE "
    "c.table_schema = current_schema() AND c.table_name = t ORDER BY c.ordinal_position "
    "$kw$";

/* Run the migrations past the database's version, each in a transaction
 * holding the migration lock (another server waits, then finds them done). */
static int migrate(struct pg_store *p, char *err, size_t errlen)
{
	char lock[128];
	snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d)", MIGRATION_LOCK);
	for (;;) {
		int v;
		const struct sql_migration *m;
		char *sqlite_sql, *sql, why[256], ver[96];
		if (exec(p, "BEGIN") != STORE_OK || exec(p, lock) != STORE_OK ||
		    exec(p, "CREATE TABLE IF NOT EXISTS kw_schema (version BIGINT NOT NULL)") !=
		        STORE_OK) {
			snprintf(err, errlen, "cannot start a migration: %s", p->err);
			exec(p, "ROLLBACK");
			return -1;
		}
		v = pg_schema_version(&p->base);
		if (v < 0 || v > (int)sql_migrations_count) {
			if (v < 0)
				snprintf(err, errlen, "cannot read the schema version: %s", p->err);
			else
				snprintf(err, errlen,
				         "the database is at schema version %d, newer than this kw "
				         "(%zu): upgrade kw",
				         v, sql_migrations_count);
			exec(p, "ROLLBACK");
			return -1;
		}
		if (v == (int)sql_migrations_count)
			return exec(p, "COMMIT") == STORE_OK ? 0 : -1;
		m = &sql_migrations[v];
		sqlite_sql = xstrndup((const char *)m->sql, m->len);
		sql = pg_ddl(sqlite_sql, why, sizeof why);
		free(sqlite_sql);
		if (!sql) {
			snprintf(err, errlen, "migration %s has no PostgreSQL form: %s", m->name,
			         why);
			exec(p, "ROLLBACK");
			return -1;
		}
		snprintf(ver, sizeof ver,
		         "DELETE FROM kw_schema; INSERT INTO kw_schema VALUES (%d)", v + 1);
		if (exec(p, sql) != STORE_OK || exec(p, ver) != STORE_OK ||
		    exec(p, catalogue_view) != STORE_OK || exec(p, "COMMIT") != STORE_OK) {
			snprintf(err, errlen, "migration %s failed: %s", m->name, p->err);
			exec(p, "ROLLBACK");
			free(sql);
			return -1;
		}
		free(sql);
	}
}

int store_pg_open(const char *url, enum store_open_mode mode, struct store **out, char *err,
                  size_t errlen)
{
	struct pg_store *p = xcalloc(1, sizeof *p);
	*out = NULL;
	p->base.ops = &pg_ops;
	p->url = xstrdup(url);
	p->conn = PQconnectdb(url);
	if (PQstatus(p->conn) != CONNECTION_OK) {
		set_err(p, NULL, NULL);
		snprintf(err, errlen, "cannot connect to PostgreSQL: %s", p->err);
		goto fail;
	}
	/* a lock waited for longer than SQLite's busy timeout is STORE_BUSY, not a hang */
	if (exec(p, "SET client_min_messages = warning") != STORE_OK ||
	    exec(p, "SET TIME ZONE 'UTC'") != STORE_OK ||
	    exec(p, "SET lock_timeout = '5s'") != STORE_OK) {
		snprintf(err, errlen, "cannot configure the PostgreSQL session: %s", p->err);
		goto fail;
	}
	if (mode == STORE_OPEN_EXISTING && !has_schema(p)) {
		snprintf(
		    err, errlen,
		    "the PostgreSQL database holds no keyworker database (kw init creates one)");
		goto fail;
	}
	if (migrate(p, err, errlen) != 0)
		goto fail;
	*out = &p->base;
	return 0;
fail:
	PQfinish(p->conn);
	free(p->url);
	free(p);
	return -1;
}

static void clear_row(struct pg_stmt *st)
{
	for (int i = 0; i < st->nblobs; i++)
		PQfreemem(st->blobs[i]);
	st->nblobs = 0;
}

/* Forget the last execution and the bindings. */
static void reset(struct pg_stmt *st)
{
	clear_row(st);
	PQclear(st->res);
	st->res = NULL;
	st->executed = 0;
	st->row = st->nrows = 0;
	for (int i = 0; i < st->nparams && i < MAX_PARAMS; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
		st->types[i] = 0;
	}
}

static void pg_close(struct store *s)
{
	struct pg_store *p = PG(s);
	for (size_t i = 0; i < STMT__MAX; i++)
		if (p->cache[i]) {
			reset(p->cache[i]);
			PQclear(p->cache[i]->desc);
			free(p->cache[i]->sql);
			free(p->cache[i]);
		}
	PQfinish(p->conn);
	free(p->url);
	free(p);
}

/* A write transaction takes a writer lock first, as SQLite's BEGIN
 * IMMEDIATE does: writers go one at a time, each seeing every write
 * committed before it (READ COMMITTED, statement by statement), so a check
 * and the write it guards ("not signed in yet", then the sign-in) cannot
 * interleave with another server's. The lock is per setting when the
 * connection is scoped to one (store_set_scope): the database-wide lock
 * taken shared, then the setting's own exclusive, so the settings of a
 * group write in parallel; an unscoped writer (a sign-in, a command) takes
 * the database-wide lock exclusive and so waits for every writer. Both take
 * the locks in the same order, so they cannot deadlock. Readers are never
 * blocked. */
static int pg_begin(struct store *s)
{
	char lock[128];
	int rc = exec(PG(s), "BEGIN");
	if (rc != STORE_OK)
		return rc;
	if (s->scope > 0)
		snprintf(lock, sizeof lock,
		         "SELECT pg_advisory_xact_lock_shared(%d), pg_advisory_xact_lock(%d, %d)",
		         WRITER_LOCK, SETTING_LOCK, (int)s->scope);
	else
		snprintf(lock, sizeof lock, "SELECT pg_advisory_xact_lock(%d)", WRITER_LOCK);
	rc = exec(PG(s), lock);
	if (rc != STORE_OK)
		exec(PG(s), "ROLLBACK");
	return rc;
}

/* COMMIT of a transaction an error has aborted answers "ROLLBACK" without an
 * error: that is a failure here, or a write would be reported as kept. */
static int pg_commit(struct store *s)
{
	struct pg_store *p = PG(s);
	PGresult *r = PQexec(p->conn, "COMMIT");
	int rc = STORE_OK;
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		set_err(p, NULL, r);
		rc = rc_of_state(r);
	} else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		snprintf(p->err, sizeof p->err,
		         "the transaction was rolled back: a statement in it had failed");
		rc = STORE_ERR;
	}
	PQclear(r);
	return rc;
}

static int pg_in_transaction(struct store *s)
{
	return PQtransactionStatus(PG(s)->conn) != PQTRANS_IDLE;
}

static void pg_rollback(struct store *s)
{
	if (pg_in_transaction(s))
		exec(PG(s), "ROLLBACK");
}

static struct pg_stmt *new_stmt(struct store *s, int id, const char *sqlite_sql)
{
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	st->base.s = s;
	st->id = id;
	st->sql = pg_sql(sqlite_sql, &st->nparams);
	if (!st->sql || st->nparams > MAX_PARAMS) {
		free(st->sql);
		free(st);
		return NULL;
	}
	{
		const char *w = sqlite_sql + strspn(sqlite_sql, " \t\r\n");
		st->writes = strncasecmp(w, "INSERT", 6) == 0 || strncasecmp(w, "UPDATE", 6) == 0 ||
		             strncasecmp(w, "DELETE", 6) == 0;
	}
	return st;
}

static int pg_stmt_check(struct store *s, enum stmt_id id, char *err, size_t errlen)
{
	int n = 0, rc = -1;
	char *sql = pg_sql(store_sql[id].sql, &n);
	PGresult *r;
	if (!sql) {
		snprintf(err, errlen, "cannot be translated");
		return -1;
	}
	r = PQprepare(PG(s)->conn, "", sql, 0, NULL);
	if (PQresultStatus(r) == PGRES_COMMAND_OK)
		rc = 0;
	else
		snprintf(err, errlen, "%s\n%s", PQresultErrorMessage(r), sql);
	PQclear(r);
	free(sql);
	return rc;
}

static struct store_stmt *pg_stmt(struct store *s, enum stmt_id id)
{
	struct pg_store *p = PG(s);
	struct pg_stmt *st = p->cache[id];
	if (!st) {
		st = new_stmt(s, (int)id, store_sql[id].sql);
		if (!st) {
			fprintf(stderr, "kw: statement %s cannot be said in PostgreSQL\n",
			        store_sql[id].name);
			abort(); /* a catalogue bug: the test that prepares every statement finds it
			          */
		}
		p->cache[id] = st;
	}
	if (!p->prepared[id]) {
		char name[32];
		PGresult *r;
		snprintf(name, sizeof name, "k%d", (int)id);
		r = PQprepare(p->conn, name, st->sql, 0, NULL);
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			fprintf(stderr, "kw: statement %s does not prepare on PostgreSQL: %s\n%s\n",
			        store_sql[id].name, PQresultErrorMessage(r), st->sql);
			PQclear(r);
			abort(); /* as above */
		}
		PQclear(r);
		p->prepared[id] = 1;
	}
	reset(st);
	return &st->base;
}

static struct store_stmt *pg_prepare(struct store *s, const char *sql)
{
	struct pg_stmt *st = new_stmt(s, -1, sql);
	return st ? &st->base : NULL;
}

static void pg_finish(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	reset(st);
	if (st->id >= 0)
		return;
	PQclear(st->desc);
	free(st->sql);
	free(st);
}

static void bind(struct pg_stmt *st, int i, char *v, int len, int format, Oid type)
{
	if (i < 1 || i > st->nparams) {
		free(v);
		return;
	}
	free(st->values[i - 1]);
	st->values[i - 1] = v;
	st->lengths[i - 1] = len;
	st->formats[i - 1] = format;
	st->types[i - 1] = type;
}

static void pg_bind_int(struct store_stmt *st, int i, int64_t v)
{
	char num[32];
	snprintf(num, sizeof num, "%" PRId64, v);
	bind(PS(st), i, xstrdup(num), 0, 0, 0);
}

static void pg_bind_double(struct store_stmt *st, int i, double v)
{
	char num[64];
	snprintf(num, sizeof num, "%.17g", v);
	bind(PS(st), i, xstrdup(num), 0, 0, 0);
}

static void pg_bind_text(struct store_stmt *st, int i, const char *v)
{
	bind(PS(st), i, xstrdup(v), 0, 0, 0);
}

static void pg_bind_blob(struct store_stmt *st, int i, const void *data, size_t n)
{
	char *copy = xmalloc(n ? n : 1);
	if (n)
		memcpy(copy, data, n);
	bind(PS(st), i, copy, (int)n, 1, OID_BYTEA);
}

static void pg_bind_null(struct store_stmt *st, int i)
{
	bind(PS(st), i, NULL, 0, 0, 0);
}

static int execute(struct pg_stmt *st)
{
	struct pg_store *p = PG(st->base.s);
	ExecStatusType status;
	const char *cmd;
	/* In SQLite a refused write (a constraint) leaves the transaction going;
	 * in PostgreSQL it ends it, unless the write ran in a savepoint. */
	int guarded = st->writes && PQtransactionStatus(p->conn) == PQTRANS_INTRANS;
	if (guarded && exec(p, "SAVEPOINT kw_write") != STORE_OK)
		return STORE_ERR;
	if (st->id >= 0) {
		char name[32];
		snprintf(name, sizeof name, "k%d", st->id);
		st->res =
		    PQexecPrepared(p->conn, name, st->nparams, (const char *const *)st->values,
		                   st->lengths, st->formats, 0);
	} else {
		st->res =
		    PQexecParams(p->conn, st->sql, st->nparams, st->types,
		                 (const char *const *)st->values, st->lengths, st->formats, 0);
	}
	st->executed = 1;
	status = PQresultStatus(st->res);
	if (status == PGRES_TUPLES_OK) {
		st->nrows = PQntuples(st->res);
		st->row = -1;
	} else if (status == PGRES_COMMAND_OK) {
		st->nrows = 0;
		st->row = -1;
	} else {
		int rc = rc_of_state(st->res);
		set_err(p, NULL, st->res);
		if (guarded) {
			char keep[sizeof p->err];
			memcpy(keep, p->err, sizeof keep);
			exec(p, "ROLLBACK TO SAVEPOINT kw_write");
			exec(p, "RELEASE SAVEPOINT kw_write");
			memcpy(p->err, keep, sizeof keep);
		}
		return rc;
	}
	if (guarded && exec(p, "RELEASE SAVEPOINT kw_write") != STORE_OK)
		return STORE_ERR;
	cmd = PQcmdTuples(st->res);
	p->changes = cmd && *cmd ? (int)strtol(cmd, NULL, 10) : 0;
	return STORE_OK;
}

static int pg_param_count(struct store_stmt *st)
{
	return PS(st)->nparams;
}

static int pg_step(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	clear_row(st);
	if (!st->executed) {
		int rc = execute(st);
		if (rc != STORE_OK)
			return rc;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return STORE_ROW;
	}
	st->row = st->nrows;
	return STORE_DONE;
}

static int pg_run(struct store_stmt *base)
{
	int rc = pg_step(base);
	if (rc == STORE_ROW || rc == STORE_DONE)
		rc = STORE_OK;
	clear_row(PS(base));
	PQclear(PS(base)->res);
	PS(base)->res = NULL;
	PS(base)->executed = 0;
	return rc;
}

/* The statement's columns before it has run (SQLite knows them once
 * prepared): the server's description of it, kept with the statement. */
static const PGresult *described(struct pg_stmt *st)
{
	struct pg_store *p = PG(st->base.s);
	char name[32] = "";
	if (st->res)
		return st->res;
	if (st->desc)
		return st->desc;
	if (st->id >= 0) {
		snprintf(name, sizeof name, "k%d", st->id);
	} else {
		PGresult *r = PQprepare(p->conn, "", st->sql, st->nparams, st->types);
		int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
		if (!ok)
			return NULL;
	}
	st->desc = PQdescribePrepared(p->conn, name);
	if (PQresultStatus(st->desc) != PGRES_COMMAND_OK) {
		PQclear(st->desc);
		st->desc = NULL;
	}
	return st->desc;
}

static int pg_col_count(struct store_stmt *base)
{
	const PGresult *r = described(PS(base));
	return r ? PQnfields(r) : 0;
}

static const char *pg_col_name(struct store_stmt *base, int i)
{
	const PGresult *r = described(PS(base));
	const char *n = r && i >= 0 && i < PQnfields(r) ? PQfname(r, i) : NULL;
	return n ? n : "";
}

static int have(struct pg_stmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < PQnfields(st->res);
}

static int pg_col_null(struct store_stmt *base, int i)
{
	struct pg_stmt *st = PS(base);
	return !have(st, i) || PQgetisnull(st->res, st->row, i);
}

static const char *pg_col_text(struct store_stmt *base, int i)
{
	struct pg_stmt *st = PS(base);
	const char *v;
	if (pg_col_null(base, i))
		return "";
	v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == OID_BOOL) /* as SQLite says a truth value */
		return v[0] == 't' ? "1" : "0";
	return v;
}

static int64_t pg_col_int(struct store_stmt *base, int i)
{
	const char *v = pg_col_text(base, i);
	if (strchr(v, '.') || strchr(v, 'e'))
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

static double pg_col_double(struct store_stmt *base, int i)
{
	return strtod(pg_col_text(base, i), NULL);
}

static const void *pg_col_blob(struct store_stmt *base, int i, size_t *n)
{
	struct pg_stmt *st = PS(base);
	unsigned char *b;
	*n = 0;
	if (pg_col_null(base, i))
		return NULL;
	if (PQftype(st->res, i) != OID_BYTEA) {
		const char *v = PQgetvalue(st->res, st->row, i);
		*n = strlen(v);
		return v;
	}
	if (st->nblobs == (int)(sizeof st->blobs / sizeof st->blobs[0]))
		return NULL;
	b = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res, st->row, i), n);
	if (b)
		st->blobs[st->nblobs++] = b;
	return b;
}

static char pg_col_type(struct store_stmt *base, int i)
{
	struct pg_stmt *st = PS(base);
	if (pg_col_null(base, i))
		return 'n';
	switch (PQftype(st->res, i)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
		return 'i';
	case OID_FLOAT4:
	case OID_FLOAT8:
		return 'f';
	case OID_NUMERIC:
		return strchr(PQgetvalue(st->res, st->row, i), '.') ? 'f' : 'i';
	case OID_BYTEA:
		return 'b';
	default:
		return 't';
	}
}

static int64_t pg_last_id(struct store *s)
{
	/* the value the last INSERT's identity column took in this session */
	int64_t v = query_int(PG(s), "SELECT lastval()");
	return v < 0 ? 0 : v;
}

static int pg_ids_resume(struct store *s)
{
	struct pg_store *p = PG(s);
	PGresult *r = PQexec(p->conn, "SELECT table_name FROM information_schema.columns WHERE "
	                              "table_schema = current_schema() AND column_name = 'id' AND "
	                              "is_identity = 'YES' ORDER BY table_name");
	int rc = STORE_OK;
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		set_err(p, NULL, r);
		PQclear(r);
		return STORE_ERR;
	}
	for (int i = 0; i < PQntuples(r) && rc == STORE_OK; i++) {
		char sql[512];
		const char *t = PQgetvalue(r, i, 0); /* a name of the schema, not input */
		snprintf(sql, sizeof sql,
		         "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
		         "(SELECT coalesce(max(id), 0) + 1 FROM %s), false)",
		         t, t);
		rc = exec(p, sql);
	}
	PQclear(r);
	return rc;
}

static int pg_changes(struct store *s)
{
	return PG(s)->changes;
}

static int pg_quick_check(struct store *s, char *msg, size_t n)
{
	/* PostgreSQL checks its own pages; the connection answering is the test here */
	if (query_int(PG(s), "SELECT 1") != 1) {
		snprintf(msg, n, "%s", PG(s)->err);
		return -1;
	}
	snprintf(msg, n, "ok");
	return 0;
}

static int pg_check(struct store *s, char *msg, size_t n)
{
	/* foreign keys and CHECK constraints are enforced on every write */
	return pg_quick_check(s, msg, n);
}

/* Run a PostgreSQL client program (pg_dump, pg_restore) with its arguments
 * (argv[0] the program, NULL-terminated), standard output discarded; 0 when
 * it exits 0, else -1 with the last of what it said in err. */
static int run_tool(char *const argv[], char *err, size_t errlen)
{
	int fds[2], status = 0;
	size_t n = 0;
	ssize_t got;
	pid_t pid;
	if (pipe(fds) != 0) {
		snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		umask(077); /* a backup holds children's records: the owner's only */
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
		}
		dup2(fds[1], 2);
		close(fds[0]);
		execvp(argv[0], argv);
		dprintf(2, "%s is not installed (Debian: apt-get install postgresql-client)",
		        argv[0]);
		_exit(127);
	}
	close(fds[1]);
	err[0] = '\0';
	while ((got = read(fds[0], err + n, n + 1 < errlen ? errlen - n - 1 : 0)) > 0)
		n += (size_t)got;
	if (errlen)
		err[n < errlen ? n : errlen - 1] = '\0';
	{ /* drain what did not fit */
		char sink[512];
		while (read(fds[0], sink, sizeof sink) > 0)
			;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	n = strlen(err);
	while (n && (err[n - 1] == '\n' || err[n - 1] == ' '))
		err[--n] = '\0';
	if (!n)
		snprintf(err, errlen, "%s failed", argv[0]);
	return -1;
}

/* A backup of a PostgreSQL database is pg_dump's archive (custom format:
 * the schema, every row, the sequences), written beside PATH and moved
 * into place only once pg_restore has read it back whole. pg_dump reads
 * one snapshot, so servers may go on writing while it runs. */
static int pg_backup(struct store *s, const char *path, char *err, size_t errlen)
{
	struct pg_store *p = PG(s);
	char tmp[4096], file[4200], db[4200];
	snprintf(tmp, sizeof tmp, "%s.part", path);
	snprintf(file, sizeof file, "--file=%s", tmp);
	snprintf(db, sizeof db, "--dbname=%s", p->url);
	{
		char *dump[] = {"pg_dump", "--format=custom", "--no-owner", file, db, NULL};
		char *list[] = {"pg_restore", "--list", tmp, NULL};
		if (run_tool(dump, err, errlen) != 0 || run_tool(list, err, errlen) != 0) {
			unlink(tmp);
			return -1;
		}
	}
	/* never over an existing file (link, unlike rename, refuses one) */
	if (link(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	unlink(tmp);
	return 0;
}

/* Restoring reads the archive through first (pg_restore --list: a file
 * that is not one of kw backup's is refused, nothing changed), then
 * replaces the database's contents in one transaction: all of the
 * backup, or on any error nothing. */
static int pg_restore(struct store *s, const char *path, char *err, size_t errlen)
{
	struct pg_store *p = PG(s);
	char db[4200], in[4096];
	snprintf(db, sizeof db, "--dbname=%s", p->url);
	snprintf(in, sizeof in, "%s", path);
	{
		char *list[] = {"pg_restore", "--list", in, NULL};
		char *load[] = {"pg_restore",
		                "--clean",
		                "--if-exists",
		                "--single-transaction",
		                "--exit-on-error",
		                "--no-owner",
		                db,
		                in,
		                NULL};
		if (run_tool(list, err, errlen) != 0) {
			char why[512];
			snprintf(why, sizeof why, "%s", err);
			snprintf(err, errlen, "%s is not a backup of a PostgreSQL database: %s",
			         path, why);
			return -1;
		}
		if (run_tool(load, err, errlen) != 0)
			return -1;
	}
	return 0;
}

static char *pg_schema_dump(struct store *s)
{
	struct buf b;
	PGresult *r =
	    PQexec(PG(s)->conn, "SELECT table_name, column_name, data_type, is_nullable, "
	                        "coalesce(column_default, '') FROM information_schema.columns "
	                        "WHERE table_schema = current_schema() "
	                        "ORDER BY table_name, ordinal_position");
	buf_init(&b, 1 << 22);
	if (PQresultStatus(r) == PGRES_TUPLES_OK)
		for (int i = 0; i < PQntuples(r); i++)
			if (buf_printf(&b, "%s %s %s %s %s\n", PQgetvalue(r, i, 0),
			               PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
			               PQgetvalue(r, i, 3), PQgetvalue(r, i, 4)) != 0)
				break;
	PQclear(r);
	return buf_take(&b);
}

static const struct store_ops pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .errmsg = pg_errmsg,
    .schema_version = pg_schema_version,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .in_transaction = pg_in_transaction,
    .stmt = pg_stmt,
    .stmt_check = pg_stmt_check,
    .prepare = pg_prepare,
    .finish = pg_finish,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .param_count = pg_param_count,
    .step = pg_step,
    .run = pg_run,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .col_null = pg_col_null,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .col_type = pg_col_type,
    .last_id = pg_last_id,
    .ids_resume = pg_ids_resume,
    .changes = pg_changes,
    .quick_check = pg_quick_check,
    .check = pg_check,
    .backup = pg_backup,
    .restore = pg_restore,
    .schema_dump = pg_schema_dump,
};
