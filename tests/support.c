/*
 * support.c — the shared test helpers of support.h.
 */
#define _GNU_SOURCE
#include "support.h"

#include "photo_strip.h"
#include "store.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[512];

const char *t_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	if (tmpdir[0])
		return tmpdir;
	snprintf(tmpdir, sizeof tmpdir, "%s/kwtest.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		abort();
	}
	return tmpdir;
}

/* Under KW_TEST_PG (a PostgreSQL address without a database name, e.g.
 * postgresql://kw@127.0.0.1:5432), each database file a test names
 * ("x.db") is a fresh PostgreSQL database instead, dropped at t_cleanup:
 * the whole suite runs on the second backend without changing a test. */
#define PG_MAX_DBS 256
static char pg_dbs[PG_MAX_DBS][128]; /* names made since the last t_cleanup */
static char pg_urls[PG_MAX_DBS][768];
static int pg_ndbs;

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void pg_admin(const char *base, const char *sql)
{
	char url[768];
	PGconn *c;
	PGresult *r;
	snprintf(url, sizeof url, "%s/postgres", base);
	c = PQconnectdb(url);
	PQsetNoticeProcessor(c, quiet, NULL);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "KW_TEST_PG: cannot connect to %s: %s", url, PQerrorMessage(c));
		abort(); /* the suite fails, it does not skip */
	}
	r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "KW_TEST_PG: %s: %s", sql, PQresultErrorMessage(r));
		abort();
	}
	PQclear(r);
	PQfinish(c);
}

static char *pg_path(const char *base, const char *name)
{
	char db[128], sql[320];
	size_t k = 0;
	int n = snprintf(db, sizeof db, "kwt_%ld_", (long)getpid());
	for (const char *p = name; *p && (size_t)n + k + 1 < sizeof db; p++)
		db[n + (int)k++] =
		    (char)((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ? *p : '_');
	db[n + (int)k] = '\0';
	for (int i = 0; i < pg_ndbs; i++)
		if (strcmp(pg_dbs[i], db) == 0)
			return pg_urls[i];
	if (pg_ndbs == PG_MAX_DBS) {
		fprintf(stderr, "KW_TEST_PG: more than %d databases in one test\n", PG_MAX_DBS);
		abort();
	}
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", db);
	pg_admin(base, sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
	pg_admin(base, sql);
	snprintf(pg_dbs[pg_ndbs], sizeof pg_dbs[0], "%s", db);
	snprintf(pg_urls[pg_ndbs], sizeof pg_urls[0], "%s/%s", base, db);
	return pg_urls[pg_ndbs++];
}

static void pg_drop_all(void)
{
	const char *base = getenv("KW_TEST_PG");
	char sql[320];
	for (int i = 0; i < pg_ndbs && base; i++) {
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", pg_dbs[i]);
		pg_admin(base, sql);
	}
	pg_ndbs = 0;
}

int t_on_pg(void)
{
	const char *base = getenv("KW_TEST_PG");
	return base && *base;
}

char *t_path(const char *name)
{
	static char paths[8][768];
	static int slot;
	char *p;
	size_t n = strlen(name);
	if (t_on_pg() && n > 3 && strcmp(name + n - 3, ".db") == 0)
		return pg_path(getenv("KW_TEST_PG"), name);
	p = paths[slot++ % 8];
	snprintf(p, sizeof paths[0], "%s/%s", t_tmpdir(), name);
	return p;
}

void t_cleanup(void)
{
	char cmd[640];
	pg_drop_all();
	if (!tmpdir[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	tmpdir[0] = '\0';
}

char *t_shared(const char *rel)
{
	const char *base = getenv("KW_SHARED");
	char *p;
	size_t n;
	if (!base)
		base = "../shared";
	n = strlen(base) + strlen(rel) + 2;
	p = malloc(n);
	snprintf(p, n, "%s/%s", base, rel);
	return p;
}

char *t_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t n = 0, cap = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			p = realloc(p, cap);
		}
		size_t k = fread(p + n, 1, cap - n - 1, f);
		n += k;
		if (k == 0)
			break;
	}
	fclose(f);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

int t_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static char *slurp_fd(int fd)
{
	char *p = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			p = realloc(p, cap);
		}
		ssize_t k = read(fd, p + n, cap - n - 1);
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	p[n] = '\0';
	return p;
}

int t_kw(const char *db, char **out, char **err, ...)
{
	const char *bin = getenv("KW_BIN");
	const char *argv[64];
	char outf[768], errf[768];
	int argc = 0, status, fo, fe;
	va_list ap;
	pid_t pid;
	if (!bin)
		bin = "./kw";
	argv[argc++] = bin;
	if (db) {
		argv[argc++] = "--db";
		argv[argc++] = db;
	}
	va_start(ap, err);
	for (const char *a; (a = va_arg(ap, const char *)) && argc < 63;)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	snprintf(outf, sizeof outf, "%s/.out.XXXXXX", t_tmpdir());
	snprintf(errf, sizeof errf, "%s/.err.XXXXXX", t_tmpdir());
	fo = mkstemp(outf);
	fe = mkstemp(errf);
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);
		dup2(devnull, 0);
		dup2(fo, 1);
		dup2(fe, 2);
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	lseek(fo, 0, SEEK_SET);
	lseek(fe, 0, SEEK_SET);
	if (out)
		*out = slurp_fd(fo);
	if (err)
		*err = slurp_fd(fe);
	close(fo);
	close(fe);
	unlink(outf);
	unlink(errf);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int t_count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);
	if (!len)
		return 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += len)
		n++;
	return n;
}

char *t_fingerprint(const char *db)
{
	struct store *s;
	struct store_stmt *st;
	char err[512], names[128][64], *out = calloc(1, 16384);
	size_t n = 0, used = 0;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
	while (store_step(st) == STORE_ROW && n < 128)
		snprintf(names[n++], sizeof names[0], "%s", store_col_text(st, 0));
	store_finish(st);
	for (size_t i = 0; i < n; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %.64s", names[i]);
		st = store_prepare(s, sql);
		assert_non_null(st);
		assert_int_equal(store_step(st), STORE_ROW);
		used += (size_t)snprintf(out + used, 16384 - used, "%s=%lld\n", names[i],
		                         (long long)store_col_int(st, 0));
		store_finish(st);
	}
	store_close(s);
	return out;
}

/* ---- pictures ---- */

struct picture {
	unsigned char *p;
	size_t n, cap;
};

static void pic_add(struct picture *b, const void *data, size_t n)
{
	assert_true(n <= b->cap - b->n);
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

static void pic_be(struct picture *b, unsigned long v, int bytes)
{
	unsigned char x[4];
	for (int k = 0; k < bytes; k++)
		x[k] = (unsigned char)(v >> (8 * (bytes - 1 - k)));
	pic_add(b, x, (size_t)bytes);
}

static void png_chunk(struct picture *b, const char *type, const void *data, size_t n)
{
	size_t at;
	pic_be(b, n, 4);
	at = b->n;
	pic_add(b, type, 4);
	pic_add(b, data, n);
	pic_be(b, photo_strip_crc32(b->p + at, 4 + n), 4);
}

size_t t_png(unsigned char *p, size_t cap, const char *text)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
	/* 1x1, 8 bits, RGB, deflate, no filter choice, not interlaced */
	static const unsigned char ihdr[13] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
	/* zlib of the one row: filter 0, then red ff 00 00 */
	static const unsigned char idat[] = {0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0,
	                                     0,    0,    0x03, 0x01, 0x01, 0};
	struct picture b = {p, 0, cap};
	pic_add(&b, sig, sizeof sig);
	png_chunk(&b, "IHDR", ihdr, sizeof ihdr);
	if (text) {
		unsigned char t[256];
		size_t n = strlen(text);
		assert_true(n + 9 <= sizeof t);
		memcpy(t, "Location", 9); /* the keyword and its NUL */
		memcpy(t + 9, text, n);
		png_chunk(&b, "tEXt", t, 9 + n);
	}
	png_chunk(&b, "IDAT", idat, sizeof idat);
	png_chunk(&b, "IEND", "", 0);
	return b.n;
}

static void jpeg_segment(struct picture *b, unsigned marker, const void *data, size_t n)
{
	unsigned char h[2] = {0xff, (unsigned char)marker};
	pic_add(b, h, 2);
	pic_be(b, n + 2, 2);
	pic_add(b, data, n);
}

size_t t_jpeg(unsigned char *p, size_t cap, const char *exif)
{
	static const unsigned char soi[2] = {0xff, 0xd8}, eoi[2] = {0xff, 0xd9};
	static const unsigned char jfif[14] = {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
	/* one component, 8 bits, 1x1, sampling 1x1, quantisation table 0 */
	static const unsigned char sof0[9] = {8, 0, 1, 0, 1, 1, 1, 0x11, 0};
	/* the scan of component 1 with Huffman tables 0/0, coefficients 0..63 */
	static const unsigned char sos[6] = {1, 1, 0, 0, 63, 0};
	/* DC "0" = difference 0 (grey), AC "0" = end of block, then 1s to the byte */
	static const unsigned char scan[1] = {0x3f};
	unsigned char dqt[65] = {0}, dht[18] = {0};
	struct picture b = {p, 0, cap};
	memset(dqt + 1, 1, 64); /* table 0, 8-bit, every step 1 */
	dht[1] = 1;             /* one code of length 1 ... */
	dht[17] = 0;            /* ... for symbol 0: DC category 0, AC end of block */
	pic_add(&b, soi, 2);
	if (exif) {
		unsigned char x[256];
		size_t n = strlen(exif);
		assert_true(n + 6 <= sizeof x);
		memcpy(x, "Exif\0\0", 6);
		memcpy(x + 6, exif, n);
		jpeg_segment(&b, 0xe1, x, 6 + n);
	}
	jpeg_segment(&b, 0xe0, jfif, sizeof jfif);
	jpeg_segment(&b, 0xdb, dqt, sizeof dqt);
	jpeg_segment(&b, 0xc0, sof0, sizeof sof0);
	dht[0] = 0x00; /* DC table 0 */
	jpeg_segment(&b, 0xc4, dht, sizeof dht);
	dht[0] = 0x10; /* AC table 0 */
	jpeg_segment(&b, 0xc4, dht, sizeof dht);
	jpeg_segment(&b, 0xda, sos, sizeof sos);
	pic_add(&b, scan, sizeof scan);
	pic_add(&b, eoi, 2);
	return b.n;
}

int t_sql_script(struct store *s, const char *sql, char *err, size_t errlen)
{
	const char *p = sql;
	int rc = 0;
	while (*p && rc == 0) {
		const char *q = p;
		char quote = 0, *one;
		struct store_stmt *st;
		while (*q && (quote || *q != ';')) {
			if (*q == '\'' || *q == '"')
				quote = quote == *q ? 0 : (quote ? quote : *q);
			q++;
		}
		one = strndup(p, (size_t)(q - p));
		p = *q ? q + 1 : q;
		if (strspn(one, " \t\r\n") == strlen(one)) {
			free(one);
			continue;
		}
		st = store_prepare(s, one);
		if (!st || store_run(st) != STORE_OK) {
			snprintf(err, errlen, "%s: %s", one, store_errmsg(s));
			rc = -1;
		}
		store_finish(st);
		free(one);
	}
	return rc;
}

int t_sql_rc(const char *db, const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[512];
	int rc;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s: %s", db, err);
	st = store_prepare(s, sql);
	if (!st)
		fail_msg("%s: %s", sql, store_errmsg(s));
	rc = store_run(st);
	store_finish(st);
	store_close(s);
	return rc;
}

void t_db_copy(const char *from, const char *to)
{
	if (t_on_pg()) {
		/* a database made from the other as its template */
		const char *base = getenv("KW_TEST_PG"), *a = strrchr(from, '/'),
		           *b = strrchr(to, '/');
		char sql[512];
		if (!a || !b)
			fail_msg("not PostgreSQL addresses: %s, %s", from, to);
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", b + 1);
		pg_admin(base, sql);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", b + 1, a + 1);
		pg_admin(base, sql);
		return;
	}
	{
		size_t len;
		char *data = t_read_file(from, &len);
		FILE *f = fopen(to, "wb");
		if (!data || !f || fwrite(data, 1, len, f) != len)
			fail_msg("cannot copy %s to %s", from, to);
		fclose(f);
		free(data);
	}
}

int64_t t_one(struct store *s, const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	struct store_stmt *st;
	int64_t v = -1;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	st = store_prepare(s, sql);
	if (!st)
		fail_msg("%s: %s", sql, store_errmsg(s));
	if (store_step(st) == STORE_ROW)
		v = store_col_int(st, 0);
	store_finish(st);
	return v;
}

void t_exec(struct store *s, const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	struct store_stmt *st;
	int rc;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	st = store_prepare(s, sql);
	if (!st)
		fail_msg("%s: %s", sql, store_errmsg(s));
	rc = store_step(st);
	store_finish(st);
	if (rc != STORE_DONE)
		fail_msg("%s: %s", sql, store_errmsg(s));
}

struct store *t_kw_store(const char *db, const char *cmd, const char *opt, const char *val)
{
	char err[512], *out = NULL, *errout = NULL;
	struct store *s = NULL;
	if (t_kw(db, &out, &errout, cmd, opt, val, NULL) != 0)
		fail_msg("kw %s: %s%s", cmd, out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	return s;
}
