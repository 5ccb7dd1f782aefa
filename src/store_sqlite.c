/*
 * store_sqlite.c — the SQLite backend of store.h, the only file that
 * includes sqlite3.h. Opening a database sets the durability pragmas (WAL,
 * synchronous=FULL, foreign keys, busy timeout), refuses a file that
 * quick_check finds damaged (it never "fixes" one), and runs the numbered
 * migrations (sql_migrations[], embedded from src/sql/) in order, each in
 * its own transaction, recording progress in PRAGMA user_version.
 * Catalogue statements are prepared once per connection and cached.
 */
#include "store_backend.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "sql_migrations.h"

struct sq_stmt {
	struct store_stmt base;
	sqlite3_stmt *st;
	int cached;
};

struct sq_store {
	struct store base;
	sqlite3 *db;
	struct sq_stmt cache[STMT__MAX];
	int reading; /* in a read snapshot (store_read_begin), not a write transaction */
};

#define SQ(s) ((struct sq_store *)(void *)(s))
#define ST(st) ((struct sq_stmt *)(void *)(st))

static const struct store_ops sq_ops;
static void sq_close(struct store *s);
static int sq_backup(struct store *s, const char *path, char *err, size_t errlen);

static int rc_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return STORE_OK;
	case SQLITE_ROW:
		return STORE_ROW;
	case SQLITE_DONE:
		return STORE_DONE;
	case SQLITE_CONSTRAINT:
		return STORE_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	default:
		return STORE_ERR;
	}
}

static const char *sq_errmsg(struct store *s)
{
	return sqlite3_errmsg(SQ(s)->db);
}

static int exec(struct store *s, const char *sql)
{
	return rc_of(sqlite3_exec(SQ(s)->db, sql, NULL, NULL, NULL));
}

static int pragma_int(struct store *s, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(SQ(s)->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return STORE_ERR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? STORE_OK : STORE_ERR;
}

static int sq_schema_version(struct store *s)
{
	int v = -1;
	if (pragma_int(s, "PRAGMA user_version", &v) != STORE_OK)
		return -1;
	return v;
}

/* Run migrations past the file's version, each in its own transaction. */
static int migrate(struct store *s, char *err, size_t errlen)
{
	int v = sq_schema_version(s);
	if (v < 0) {
		snprintf(err, errlen, "cannot read the schema version: %s", sq_errmsg(s));
		return -1;
	}
	if (v > (int)sql_migrations_count) {
		snprintf(
		    err, errlen,
		    "the database is at schema version %d, newer than this kw (%zu): upgrade kw", v,
		    sql_migrations_count);
		return -1;
	}
	for (size_t i = (size_t)v; i < sql_migrations_count; i++) {
		const struct sql_migration *m = &sql_migrations[i];
		char *sql = xstrndup((const char *)m->sql, m->len);
		char *msg = NULL;
		char ver[64];
		int rc = sqlite3_exec(SQ(s)->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(SQ(s)->db, sql, NULL, NULL, &msg);
		snprintf(ver, sizeof ver, "PRAGMA user_version = %zu", i + 1);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(SQ(s)->db, ver, NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(SQ(s)->db, "COMMIT", NULL, NULL, &msg);
		free(sql);
		if (rc != SQLITE_OK) {
			snprintf(err, errlen, "migration %s failed: %s", m->name,
			         msg ? msg : sqlite3_errmsg(SQ(s)->db));
			sqlite3_free(msg);
			sqlite3_exec(SQ(s)->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

static int sq_quick_check(struct store *s, char *msg, size_t n)
{
	sqlite3_stmt *st;
	int ok = 0;
	if (sqlite3_prepare_v2(SQ(s)->db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK) {
		snprintf(msg, n, "%s", sqlite3_errmsg(SQ(s)->db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		ok = r && strcmp(r, "ok") == 0;
		snprintf(msg, n, "%s", r ? r : "no answer");
	} else {
		snprintf(msg, n, "%s", sqlite3_errmsg(SQ(s)->db));
	}
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

static int is_sqlite_file(const char *path)
{
	unsigned char head[16];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;
	if (fd < 0)
		return -1;
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return 1; /* empty: SQLite treats it as a new database */
	return n == (ssize_t)sizeof head && memcmp(head, "SQLite format 3", 16) == 0;
}

/* SQLite's memory statistics take one process-wide mutex on every
 * allocation, which all the server's threads then queue for; keyworker never
 * reads them. Set before SQLite's first use (later it is refused, harmlessly). */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void configure_sqlite(void)
{
	if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK) {
		/* SQLite was already in use: the statistics stay on */
	}
}

int store_sqlite_open(const char *path, enum store_open_mode mode, struct store **out, char *err,
                      size_t errlen)
{
	struct sq_store *q = NULL;
	struct store *s = NULL;
	struct stat sb;
	char msg[256];
	int exists = stat(path, &sb) == 0;
	/* A connection is used by one thread at a time (the server's pool lends
	 * each to one request), so it needs no mutex of its own. */
	int rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	pthread_once(&config_once, configure_sqlite);
	if (!exists && mode == STORE_OPEN_EXISTING) {
		snprintf(err, errlen, "no database at %s (kw init creates one)", path);
		return -1;
	}
	/* An existing file is never opened here with open(2): closing such a
	 * descriptor would drop the POSIX locks of this process's other
	 * connections to the same file. SQLite itself says when it is not a
	 * database (SQLITE_NOTADB). */
	if (!exists) {
		/* Create it ourselves so that it is never readable by others. */
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
			return -1;
		}
		close(fd);
	}
	q = xcalloc(1, sizeof *q);
	q->base.ops = &sq_ops;
	s = &q->base;
	rc = sqlite3_open_v2(path, &SQ(s)->db, flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		         SQ(s)->db ? sqlite3_errmsg(SQ(s)->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(SQ(s)->db, 0);
	sqlite3_busy_timeout(SQ(s)->db, 5000);
	if (sq_quick_check(s, msg, sizeof msg) != 0) {
		if (sqlite3_errcode(SQ(s)->db) == SQLITE_NOTADB)
			snprintf(err, errlen, "%s is not a keyworker database (not an SQLite file)",
			         path);
		else
			snprintf(err, errlen,
			         "%s is damaged (quick_check: %s); it was not changed — restore a "
			         "backup "
			         "with kw restore",
			         path, msg);
		goto fail;
	}
	if (exec(s, "PRAGMA journal_mode = WAL") != STORE_OK ||
	    exec(s, "PRAGMA synchronous = FULL") != STORE_OK ||
	    exec(s, "PRAGMA foreign_keys = ON") != STORE_OK ||
	    exec(s, "PRAGMA secure_delete = ON") != STORE_OK) {
		snprintf(err, errlen, "cannot configure %s: %s", path, sqlite3_errmsg(SQ(s)->db));
		goto fail;
	}
	/* An upgrade keeps a copy of the file as it was before the first migration. */
	{
		int v = sq_schema_version(s);
		if (v > 0 && v < (int)sql_migrations_count) {
			char copy[4096];
			snprintf(copy, sizeof copy, "%s.before-v%zu-%lld", path,
			         sql_migrations_count, (long long)time(NULL));
			if (sq_backup(s, copy, err, errlen) != 0)
				goto fail;
		}
	}
	if (migrate(s, err, errlen) != 0)
		goto fail;
	*out = s;
	return 0;
fail:
	sq_close(s);
	return -1;
}

static void sq_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < STMT__MAX; i++)
		if (SQ(s)->cache[i].st)
			sqlite3_finalize(SQ(s)->cache[i].st);
	sqlite3_close(SQ(s)->db);
	free(s);
}

/* A read snapshot is a deferred transaction that has only read: ending it
 * commits nothing and only lets go of the WAL read mark. */
static void sq_read_end(struct store *s)
{
	if (!SQ(s)->reading)
		return;
	SQ(s)->reading = 0;
	if (!sqlite3_get_autocommit(SQ(s)->db) && exec(s, "COMMIT") != STORE_OK)
		exec(s, "ROLLBACK");
}

static void sq_read_begin(struct store *s)
{
	if (SQ(s)->reading || !sqlite3_get_autocommit(SQ(s)->db))
		return;
	if (exec(s, "BEGIN") == STORE_OK)
		SQ(s)->reading = 1;
}

static int sq_begin(struct store *s)
{
	sq_read_end(s);
	return exec(s, "BEGIN IMMEDIATE");
}

static int sq_commit(struct store *s)
{
	SQ(s)->reading = 0;
	return exec(s, "COMMIT");
}

static void sq_rollback(struct store *s)
{
	SQ(s)->reading = 0;
	if (!sqlite3_get_autocommit(SQ(s)->db))
		exec(s, "ROLLBACK");
}

static int sq_in_transaction(struct store *s)
{
	return !SQ(s)->reading && !sqlite3_get_autocommit(SQ(s)->db);
}

static struct store_stmt *sq_stmt(struct store *s, enum stmt_id id)
{
	struct sq_stmt *c = &SQ(s)->cache[id];
	if (!c->st) {
		int rc = sqlite3_prepare_v3(SQ(s)->db, store_sql[id].sql, -1,
		                            SQLITE_PREPARE_PERSISTENT, &c->st, NULL);
		if (rc != SQLITE_OK) {
			fprintf(stderr, "kw: statement %s does not prepare: %s\n",
			        store_sql[id].name, sqlite3_errmsg(SQ(s)->db));
			abort(); /* a catalogue bug: the test that prepares every statement catches
			            it */
		}
		c->base.s = s;
		c->cached = 1;
	}
	sqlite3_reset(c->st);
	sqlite3_clear_bindings(c->st);
	return &c->base;
}

static int sq_stmt_check(struct store *s, enum stmt_id id, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(SQ(s)->db, store_sql[id].sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		snprintf(err, errlen, "%s", sqlite3_errmsg(SQ(s)->db));
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : -1;
}

static struct store_stmt *sq_prepare(struct store *s, const char *sql)
{
	struct sq_stmt *st = xcalloc(1, sizeof *st);
	if (sqlite3_prepare_v2(SQ(s)->db, sql, -1, &st->st, NULL) != SQLITE_OK) {
		free(st);
		return NULL;
	}
	st->base.s = s;
	return &st->base;
}

static void sq_finish(struct store_stmt *st)
{
	if (!st)
		return;
	if (ST(st)->cached) {
		sqlite3_reset(ST(st)->st);
		return;
	}
	sqlite3_finalize(ST(st)->st);
	free(st);
}

static void sq_bind_int(struct store_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(ST(st)->st, i, v);
}

static void sq_bind_double(struct store_stmt *st, int i, double v)
{
	sqlite3_bind_double(ST(st)->st, i, v);
}

static void sq_bind_text(struct store_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(ST(st)->st, i, v, -1, SQLITE_TRANSIENT);
}

static void sq_bind_blob(struct store_stmt *st, int i, const void *p, size_t n)
{
	sqlite3_bind_blob64(ST(st)->st, i, p, n, SQLITE_TRANSIENT);
}

static void sq_bind_null(struct store_stmt *st, int i)
{
	sqlite3_bind_null(ST(st)->st, i);
}

static int sq_param_count(struct store_stmt *st)
{
	return sqlite3_bind_parameter_count(ST(st)->st);
}

static int sq_step(struct store_stmt *st)
{
	/* A statement that writes runs as it would without the read snapshot:
	 * on its own, committed when it is done. */
	if (SQ(st->s)->reading && !sqlite3_stmt_readonly(ST(st)->st))
		sq_read_end(st->s);
	return rc_of(sqlite3_step(ST(st)->st));
}

static int sq_run(struct store_stmt *st)
{
	int rc = sq_step(st);
	if (rc == STORE_ROW || rc == STORE_DONE)
		rc = STORE_OK;
	sqlite3_reset(ST(st)->st);
	return rc;
}

static int sq_col_count(struct store_stmt *st)
{
	return sqlite3_column_count(ST(st)->st);
}

static const char *sq_col_name(struct store_stmt *st, int i)
{
	return sqlite3_column_name(ST(st)->st, i);
}

static int sq_col_null(struct store_stmt *st, int i)
{
	return sqlite3_column_type(ST(st)->st, i) == SQLITE_NULL;
}

static int64_t sq_col_int(struct store_stmt *st, int i)
{
	return sqlite3_column_int64(ST(st)->st, i);
}

static double sq_col_double(struct store_stmt *st, int i)
{
	return sqlite3_column_double(ST(st)->st, i);
}

static const char *sq_col_text(struct store_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(ST(st)->st, i);
	return t ? (const char *)t : "";
}

static const void *sq_col_blob(struct store_stmt *st, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(ST(st)->st, i);
	*n = (size_t)sqlite3_column_bytes(ST(st)->st, i);
	return p;
}

static char sq_col_type(struct store_stmt *st, int i)
{
	switch (sqlite3_column_type(ST(st)->st, i)) {
	case SQLITE_INTEGER:
		return 'i';
	case SQLITE_FLOAT:
		return 'f';
	case SQLITE_TEXT:
		return 't';
	case SQLITE_BLOB:
		return 'b';
	default:
		return 'n';
	}
}

static int64_t sq_last_id(struct store *s)
{
	return sqlite3_last_insert_rowid(SQ(s)->db);
}

static int sq_ids_resume(struct store *s)
{
	(void)s; /* SQLite gives a new row max(id) + 1 */
	return STORE_OK;
}

static int sq_changes(struct store *s)
{
	return sqlite3_changes(SQ(s)->db);
}

static int collect_rows(struct store *s, const char *sql, struct buf *out, int *problems)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(SQ(s)->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);
		if (n == 1 && strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0)
			continue;
		(*problems)++;
		for (int i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);
			if (buf_printf(out, "%s%s", i ? " " : "", t ? (const char *)t : "-") != 0)
				break;
		}
		if (buf_puts(out, "\n") != 0)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int sq_check(struct store *s, char *msg, size_t n)
{
	struct buf b;
	int problems = 0, rc = 0;
	buf_init(&b, 1 << 16);
	if (collect_rows(s, "PRAGMA integrity_check", &b, &problems) != 0 ||
	    collect_rows(s, "PRAGMA foreign_key_check", &b, &problems) != 0) {
		snprintf(msg, n, "%s", sqlite3_errmsg(SQ(s)->db));
		rc = -1;
	} else if (problems) {
		snprintf(msg, n, "%s", buf_str(&b));
		rc = -1;
	} else {
		snprintf(msg, n, "ok");
	}
	buf_free(&b);
	return rc;
}

/* Copy all pages of src into dst with the online backup API. */
static int copy_db(sqlite3 *dst, sqlite3 *src, char *err, size_t errlen)
{
	sqlite3_backup *bk = sqlite3_backup_init(dst, "main", src, "main");
	int rc;
	if (!bk) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(dst));
		return -1;
	}
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "%s", sqlite3_errstr(rc));
		return -1;
	}
	return 0;
}

static int sq_backup(struct store *s, const char *path, char *err, size_t errlen)
{
	sqlite3 *dst = NULL;
	int fd, rc = -1;
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s", path);
		goto out;
	}
	if (copy_db(dst, SQ(s)->db, err, errlen) != 0)
		goto out;
	/* A backup is a single self-contained file. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot finish %s: %s", path, sqlite3_errmsg(dst));
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(dst);
	if (rc != 0)
		unlink(path);
	return rc;
}

static int sq_restore(struct store *s, const char *path, char *err, size_t errlen)
{
	sqlite3 *src = NULL;
	struct sq_store tmp;
	char msg[256];
	int k = is_sqlite_file(path), rc = -1, v;

	if (k != 1) {
		snprintf(err, errlen, "%s is not a keyworker backup (%s)", path,
		         k < 0 ? strerror(errno) : "not an SQLite file");
		return -1;
	}
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s", path);
		goto out;
	}
	memset(&tmp, 0, sizeof tmp);
	tmp.base.ops = &sq_ops;
	tmp.db = src;
	if (sq_quick_check(&tmp.base, msg, sizeof msg) != 0) {
		snprintf(err, errlen, "%s is damaged (quick_check: %s); nothing was restored", path,
		         msg);
		goto out;
	}
	v = sq_schema_version(&tmp.base);
	if (v < 1 || v > (int)sql_migrations_count) {
		snprintf(err, errlen, "%s is not a keyworker backup this kw can read (schema %d)",
		         path, v);
		goto out;
	}
	for (size_t i = 0; i < STMT__MAX; i++)
		if (SQ(s)->cache[i].st) {
			sqlite3_finalize(SQ(s)->cache[i].st);
			SQ(s)->cache[i].st = NULL;
		}
	if (copy_db(SQ(s)->db, src, err, errlen) != 0)
		goto out;
	sqlite3_exec(SQ(s)->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	if (migrate(s, err, errlen) != 0)
		goto out;
	rc = 0;
out:
	sqlite3_close(src);
	return rc;
}

static char *sq_schema_dump(struct store *s)
{
	sqlite3_stmt *st;
	struct buf b;
	buf_init(&b, 1 << 22);
	if (sqlite3_prepare_v2(SQ(s)->db,
	                       "SELECT type, name, tbl_name, sql FROM sqlite_master "
	                       "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
	                       -1, &st, NULL) != SQLITE_OK)
		return buf_take(&b);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *sql = sqlite3_column_text(st, 3);
		if (buf_printf(&b, "%s %s %s\n%s\n", sqlite3_column_text(st, 0),
		               sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
		               sql ? (const char *)sql : "") != 0)
			break;
	}
	sqlite3_finalize(st);
	return buf_take(&b);
}

static const struct store_ops sq_ops = {
    .name = "sqlite",
    .close = sq_close,
    .errmsg = sq_errmsg,
    .schema_version = sq_schema_version,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .in_transaction = sq_in_transaction,
    .read_begin = sq_read_begin,
    .read_end = sq_read_end,
    .stmt = sq_stmt,
    .stmt_check = sq_stmt_check,
    .prepare = sq_prepare,
    .finish = sq_finish,
    .bind_int = sq_bind_int,
    .bind_double = sq_bind_double,
    .bind_text = sq_bind_text,
    .bind_blob = sq_bind_blob,
    .bind_null = sq_bind_null,
    .param_count = sq_param_count,
    .step = sq_step,
    .run = sq_run,
    .col_count = sq_col_count,
    .col_name = sq_col_name,
    .col_null = sq_col_null,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_blob = sq_col_blob,
    .col_type = sq_col_type,
    .last_id = sq_last_id,
    .ids_resume = sq_ids_resume,
    .changes = sq_changes,
    .quick_check = sq_quick_check,
    .check = sq_check,
    .backup = sq_backup,
    .restore = sq_restore,
    .schema_dump = sq_schema_dump,
};
