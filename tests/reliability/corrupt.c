/*
 * corrupt.c — damaged database files never crash kw, and the damage SQLite
 * can see is refused (issue 11). Makes one demo database, then N mutated
 * copies of it (bit flips, truncation, a page of garbage, a page of zeros, a
 * mangled header), and for each:
 *
 *   - asks SQLite itself (PRAGMA quick_check on a private copy) whether the
 *     file's structure is damaged: the ground truth;
 *   - runs `KW --db copy check` (the ASan+UBSan build in CI): it must not
 *     crash (no signal, no sanitizer report), must refuse every file that
 *     quick_check finds damaged with a clear message and a failing exit
 *     status, and on the rest reports what it finds (a clean bill, or
 *     problems named: damage inside row data that SQLite cannot see is out
 *     of scope);
 *   - when kw accepted the file, runs `KW --db copy today --json`, which
 *     reads every kind of record of the day: no crash there either.
 *
 * usage: corrupt KW [--files N] [--seed S]; prints its figures and
 * "N passed, N failed".
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <spawn.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define SAN_EXIT 86 /* the sanitizers' exit status, set in ASAN_OPTIONS/UBSAN_OPTIONS */

enum mutation { M_BITS, M_TRUNCATE, M_GARBAGE_PAGE, M_ZERO_PAGE, M_HEADER, M__MAX };
static const char *const mutation_name[M__MAX] = {
    [M_BITS] = "bit flips",
    [M_TRUNCATE] = "truncation",
    [M_GARBAGE_PAGE] = "a page of garbage",
    [M_ZERO_PAGE] = "a page of zeros",
    [M_HEADER] = "a mangled header",
};

static int passed, failed;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	va_list ap;
	if (ok) {
		passed++;
		return;
	}
	failed++;
	fprintf(stderr, "FAILED: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static unsigned char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	long len;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)len);
		if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
			free(p);
			p = NULL;
		}
		*n = (size_t)len;
	}
	fclose(f);
	return p;
}

static int write_all(const char *path, const unsigned char *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok;
	if (!f)
		return -1;
	ok = fwrite(p, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static void remove_db(const char *path)
{
	char p[512];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* Run kw with args, output to out_path; the wait status. */
static int run_kw(const char *kw, const char *const *args, const char *out_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status = -1;
	char *argv[16];
	size_t n = 0;
	argv[n++] = (char *)kw;
	for (; args[n - 1] && n < 15; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	if (posix_spawn(&pid, kw, &fa, NULL, argv, environ) == 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	posix_spawn_file_actions_destroy(&fa);
	return status;
}

/* SQLite's own verdict on the file's structure: 1 damaged, 0 sound. */
static int quick_check_damaged(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int damaged = 1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *r = sqlite3_column_text(st, 0);
		damaged = !(r && strcmp((const char *)r, "ok") == 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return damaged;
}

static size_t mutate(unsigned char *p, size_t n, enum mutation m, size_t page)
{
	size_t pages = n / page;
	switch (m) {
	case M_BITS:
		for (int i = 1 + rand() % 8; i > 0; i--)
			p[(size_t)rand() % n] ^= (unsigned char)(1u << (rand() % 8));
		return n;
	case M_TRUNCATE:
		return (size_t)rand() % n;
	case M_GARBAGE_PAGE:
	case M_ZERO_PAGE: {
		size_t at = (size_t)rand() % pages * page;
		for (size_t i = 0; i < page; i++)
			p[at + i] = m == M_ZERO_PAGE ? 0 : (unsigned char)rand();
		return n;
	}
	case M_HEADER:
		for (int i = 1 + rand() % 4; i > 0; i--)
			p[16 + (size_t)rand() % 84] = (unsigned char)rand();
		return n;
	case M__MAX:
		break;
	}
	return n;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"files", required_argument, NULL, 'n'},
	    {"seed", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	char dir[] = "/tmp/kw-corrupt.XXXXXX", base[300], copy[300], out[300];
	unsigned seed = (unsigned)time(NULL);
	long files = 500;
	int c, crashed = 0, refused = 0, accepted = 0, damaged_n = 0, honest = 0;
	int per[M__MAX] = {0};
	unsigned char *orig, *p;
	size_t n, page;
	const char *kw;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		if (c == 'n')
			files = strtol(optarg, &end, 10);
		else if (c == 's')
			seed = (unsigned)strtoul(optarg, &end, 10);
		else
			return 2;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: corrupt KW [--files N] [--seed S]\n");
		return 2;
	}
	kw = argv[optind];
	srand(seed);
	setenv("ASAN_OPTIONS", "exitcode=86:detect_leaks=0", 1);
	setenv("UBSAN_OPTIONS", "halt_on_error=1:exitcode=86", 1);
	if (!mkdtemp(dir))
		return 2;
	snprintf(base, sizeof base, "%s/base.db", dir);
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(out, sizeof out, "%s/out.txt", dir);
	{
		const char *a[] = {"--db", base, "demo", "--children", "40", NULL};
		const char *b[] = {"--db", base, "check", NULL};
		int st1 = run_kw(kw, a, out), st2 = run_kw(kw, b, out);
		if (!WIFEXITED(st1) || WEXITSTATUS(st1) || !WIFEXITED(st2) || WEXITSTATUS(st2)) {
			fprintf(stderr, "corrupt: cannot make the demo database with %s\n", kw);
			return 2;
		}
	}
	/* kw check leaves the file checkpointed; the WAL is empty or gone. */
	remove_db(copy);
	orig = read_all(base, &n);
	if (!orig || n < 4096)
		return 2;
	page = (size_t)orig[16] << 8 | orig[17];
	if (page == 1)
		page = 65536;
	p = malloc(n);
	printf("damaged files: seed %u, %ld files from a %zu-byte database of %zu-byte pages, "
	       "checked with %s\n",
	       seed, files, n, page, kw);
	for (long i = 0; i < files; i++) {
		enum mutation m = (enum mutation)(i % M__MAX);
		size_t len;
		int damaged, st, code;
		char *text;
		size_t tn = 0;
		memcpy(p, orig, n);
		len = mutate(p, n, m, page);
		remove_db(copy);
		if (write_all(copy, p, len) != 0)
			return 2;
		/* The ground truth, on its own copy (opening can change a WAL file). */
		{
			char truth[300];
			snprintf(truth, sizeof truth, "%s/truth.db", dir);
			remove_db(truth);
			if (write_all(truth, p, len) != 0)
				return 2;
			damaged = quick_check_damaged(truth);
			remove_db(truth);
		}
		damaged_n += damaged;
		{
			const char *a[] = {"--db", copy, "check", NULL};
			st = run_kw(kw, a, out);
		}
		text = (char *)read_all(out, &tn);
		code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		if (!WIFEXITED(st) || code == SAN_EXIT) {
			crashed++;
			check(0, "kw check crashed on %s (%s)", mutation_name[m],
			      text ? "see its output" : "no output");
			if (text)
				fprintf(stderr, "%.*s\n", (int)(tn < 2000 ? tn : 2000), text);
		} else if (damaged) {
			/* Refused, with words a person understands. */
			int clear =
			    code != 0 && text &&
			    (strstr(text, "damaged") || strstr(text, "not a keyworker database") ||
			     strstr(text, "PROBLEMS") || strstr(text, "BROKEN"));
			check(clear, "a damaged file (%s) was not refused clearly",
			      mutation_name[m]);
			refused += clear;
		} else {
			/* Sound structure: kw says ok, or names the problems it found. */
			int ok =
			    code == 0
			        ? text && strstr(text, "integrity and foreign keys: ok") != NULL
			        : text && (strstr(text, "PROBLEMS") || strstr(text, "BROKEN") ||
			                   strstr(text, "damaged") || strstr(text, "schema") ||
			                   strstr(text, "kw:"));
			check(ok, "kw check gave no clear answer on %s", mutation_name[m]);
			honest += ok;
			if (code == 0) {
				const char *a[] = {"--db", copy, "today", "--json", NULL};
				int st2 = run_kw(kw, a, out);
				int crash2 = !WIFEXITED(st2) || WEXITSTATUS(st2) == SAN_EXIT;
				accepted++;
				check(!crash2, "kw today crashed on a file kw check accepted (%s)",
				      mutation_name[m]);
				crashed += crash2;
			}
		}
		free(text);
		per[m]++;
	}
	remove_db(copy);
	remove_db(base);
	unlink(out);
	rmdir(dir);
	printf("damaged files: %ld files (", files);
	for (int m = 0; m < M__MAX; m++)
		printf("%s%d %s", m ? ", " : "", per[m], mutation_name[m]);
	printf("): %d crashes, %d of %d that quick_check finds damaged refused with a clear "
	       "message, %d with sound structure answered honestly (%d accepted and read by "
	       "kw today)\n",
	       crashed, refused, damaged_n, honest, accepted);
	free(orig);
	free(p);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
