/*
 * support.h — helpers shared by the cmocka tests: a fresh temporary
 * directory per test, paths into ../shared, reading files, and running the
 * real `kw` binary (KW_BIN) with captured output and exit status.
 */
#ifndef KW_TEST_SUPPORT_H
#define KW_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* A new empty directory under $TMPDIR; removed by t_cleanup(). */
const char *t_tmpdir(void);
/* t_tmpdir() + "/" + name (static storage, valid until the next call with the same slot). */
char *t_path(const char *name);
/* Whether the suite runs on PostgreSQL (KW_TEST_PG): then t_path("x.db")
 * is the address of a fresh PostgreSQL database, dropped by t_cleanup(). */
int t_on_pg(void);
/* At the top of a test of SQLite files themselves (modes, damaged pages,
 * user_version, backup copies): the PostgreSQL run has no file to test, so
 * it skips the test, and the SQLite run of the same suite runs it. */
#define T_SQLITE_FILES_ONLY()   \
	do {                    \
		if (t_on_pg())  \
			skip(); \
	} while (0)
struct store;
/* Run SQL statements separated by ";" (outside quotes) one by one through
 * the store; 0, or -1 with the failing statement and why in err. */
int t_sql_script(struct store *s, const char *sql, char *err, size_t errlen);
/* Run one SQL statement on the database at db through the store: its
 * store_run code (STORE_CONSTRAINT for a write the schema refuses). */
int t_sql_rc(const char *db, const char *sql);
/* The first column of the first row of a formatted query on s, or -1 when
 * there is no row. */
int64_t t_one(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run a formatted statement on s; fails the test, naming the statement and
 * why, unless it ran to the end. */
void t_exec(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A copy of the database at from (closed) at to: the file, or on
 * PostgreSQL a database made with from as its template. */
void t_db_copy(const char *from, const char *to);
void t_cleanup(void);
/* $KW_SHARED + "/" + rel, newly allocated. */
char *t_shared(const char *rel);
/* Whole file, NUL-terminated, newly allocated; NULL when unreadable. */
char *t_read_file(const char *path, size_t *len);
int t_write_file(const char *path, const char *text);
/* Run KW_BIN with --db db and the NULL-terminated arguments; *out and *err
 * (when not NULL) receive newly allocated output. Returns the exit status. */
int t_kw(const char *db, char **out, char **err, ...);
/* Run `kw --db DB CMD [OPT VAL]` (e.g. demo --start D, init --setting N), fail
 * the test with its output unless it succeeds, and open the database. */
struct store *t_kw_store(const char *db, const char *cmd, const char *opt, const char *val);
/* The row count of every table of the database at db, as text (newly
 * allocated): two equal fingerprints mean nothing was written. */
char *t_fingerprint(const char *db);
/* Count occurrences of needle in hay. */
int t_count(const char *hay, const char *needle);

/* Minimal real pictures for upload tests, written to p (room for cap
 * bytes), their length returned; every length and PNG CRC is right, so the
 * photo check (photo_strip.h) accepts them as they are.
 *   t_png:  a 1x1 red PNG: IHDR, a tEXt chunk "Location" = text (when text
 *           is not NULL), IDAT, IEND.
 *   t_jpeg: a 1x1 grey baseline JPEG a decoder shows: SOI, an APP1 segment
 *           "Exif\0\0" + exif (when exif is not NULL), APP0 JFIF, DQT,
 *           SOF0, DHT, SOS, one byte of scan data, EOI.
 * Built with NULL, each is exactly what the check must keep of the other. */
size_t t_png(unsigned char *p, size_t cap, const char *text);
size_t t_jpeg(unsigned char *p, size_t cap, const char *exif);

#endif
