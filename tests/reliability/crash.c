/*
 * crash.c — SIGKILL of a serving kw loses nothing it answered (issue 11).
 * CYCLES times: start `kw serve` on the database, let four clients write
 * through HTTP (room messages, children's sign-ins, safeguarding concerns
 * and observations, each a form POST answered 303 only after its COMMIT),
 * kill the server with SIGKILL at a
 * random moment, then open the database as the next start would and
 * require every write answered 2xx/3xx to be there, integrity_check and
 * foreign keys clean and the audit chain whole. The same database goes on
 * to the next cycle, so a cut lands on every kind of moment: mid-request,
 * mid-commit, mid-checkpoint, at start.
 *
 * usage: crash KW [--cycles N] [--seed S]; prints its figures and
 * "N passed, N failed".
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "core.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_user.h"
#include "date.h"
#include "sock_client.h"
#include "store.h"

#define CLIENTS 4
#define MAX_CHILDREN 512

struct written {
	char text[80]; /* a message's text, or "" for a sign-in */
	long child_id; /* a sign-in's child */
};

static int port;
static char cookie[256], csrf[128], today[DATE_LEN];
/* concerns are reported for yesterday at 10:00: today's 10:00 is in the
 * future before 10 in the morning, and refused as such */
static char yesterday[DATE_LEN];
static long room_id;
static long children[MAX_CHILDREN];
static atomic_int children_n, next_child;
static atomic_int stop;
static pthread_mutex_t acks_lock = PTHREAD_MUTEX_INITIALIZER;
static struct written *acks;
static size_t acks_n, acks_cap;
static long refused_after_kill;
static int passed, failed;

static void check(int ok, const char *what, int cycle)
{
	if (ok) {
		passed++;
		return;
	}
	failed++;
	fprintf(stderr, "FAILED (cycle %d): %s\n", cycle, what);
}

static void ack(const char *text, long child_id)
{
	pthread_mutex_lock(&acks_lock);
	if (acks_n == acks_cap) {
		acks_cap = acks_cap ? 2 * acks_cap : 1024;
		acks = realloc(acks, acks_cap * sizeof *acks);
		if (!acks)
			abort();
	}
	snprintf(acks[acks_n].text, sizeof acks[acks_n].text, "%s", text);
	acks[acks_n].child_id = child_id;
	acks_n++;
	pthread_mutex_unlock(&acks_lock);
}

/* The value of the first name="NAME" value="..." in html. */
static int form_value(const char *html, const char *name, char *out, size_t n)
{
	char needle[64];
	const char *p, *end;
	snprintf(needle, sizeof needle, "name=\"%s\" value=\"", name);
	p = html ? strstr(html, needle) : NULL;
	if (!p)
		return -1;
	p += strlen(needle);
	end = strchr(p, '"');
	if (!end || (size_t)(end - p) >= n)
		return -1;
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
	return 0;
}

/* The "kw=..." pair of a reply's Set-Cookie headers. */
static int session_cookie(const struct sock_reply *r)
{
	for (int i = 0; i < 8; i++) {
		char *c = sock_header(r, "Set-Cookie", i);
		if (!c)
			break;
		if (strncmp(c, "kw=", 3) == 0) {
			size_t len = strcspn(c, ";");
			snprintf(cookie, sizeof cookie, "%.*s", (int)len, c);
			free(c);
			return 0;
		}
		free(c);
	}
	return -1;
}

static int sign_in(const char *user, const char *password)
{
	struct sock_reply r;
	char body[512], extra[512], pre[256] = "";
	if (sock_request(port, "GET", "/signin", NULL, NULL, &r) != 0)
		return -1;
	for (int i = 0; i < 8; i++) {
		char *c = sock_header(&r, "Set-Cookie", i);
		if (!c)
			break;
		snprintf(pre, sizeof pre, "%.*s", (int)strcspn(c, ";"), c);
		free(c);
	}
	if (form_value(r.body, "csrf", csrf, sizeof csrf) != 0) {
		sock_reply_free(&r);
		return -1;
	}
	sock_reply_free(&r);
	snprintf(body, sizeof body, "csrf=%s&username=%s&password=%s", csrf, user, password);
	snprintf(extra, sizeof extra,
	         "Cookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n", pre);
	if (sock_request(port, "POST", "/signin", extra, body, &r) != 0 || r.status != 303 ||
	    session_cookie(&r) != 0) {
		fprintf(stderr, "crash: sign-in answered %d\n", r.status);
		sock_reply_free(&r);
		return -1;
	}
	sock_reply_free(&r);
	/* The session's form token, and the children on today's register. */
	snprintf(extra, sizeof extra, "Cookie: %s\r\n", cookie);
	if (sock_request(port, "GET", "/register", extra, NULL, &r) != 0 || r.status != 200 ||
	    form_value(r.body, "csrf", csrf, sizeof csrf) != 0 ||
	    form_value(r.body, "date", today, sizeof today) != 0) {
		sock_reply_free(&r);
		return -1;
	}
	{
		int day;
		if (date_parse(today, &day) != 0) {
			sock_reply_free(&r);
			return -1;
		}
		date_format(day - 1, yesterday);
	}
	for (const char *p = r.body; (p = strstr(p, "action=\"/register/")) != NULL;) {
		long id;
		char tail[8];
		p += strlen("action=\"/register/");
		if (sscanf(p, "%ld/%3[a-z]", &id, tail) == 2 && strcmp(tail, "in") == 0 &&
		    children_n < MAX_CHILDREN) {
			int n = atomic_load(&children_n), seen = 0;
			for (int i = 0; i < n; i++)
				seen |= children[i] == id;
			if (!seen)
				children[atomic_fetch_add(&children_n, 1)] = id;
		}
	}
	sock_reply_free(&r);
	return children_n > 0 ? 0 : -1;
}

/* What each client writes: client 0 signs children in (every third
 * request, while any are left), client 1 reports safeguarding concerns and
 * client 2 writes observations (every other request); the rest are room
 * messages. Each text is unique, so the check finds exactly it. */
static void *client(void *arg)
{
	long me = (long)(intptr_t)arg, n = 0;
	char extra[512], body[512], text[80], target[64];
	snprintf(extra, sizeof extra,
	         "Cookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n", cookie);
	while (!atomic_load(&stop)) {
		struct sock_reply r;
		long child = 0;
		text[0] = '\0';
		if (me == 0 && n % 3 == 0) { /* a sign-in, while children are left */
			int i = atomic_fetch_add(&next_child, 1);
			if (i < atomic_load(&children_n)) {
				child = children[i];
				snprintf(body, sizeof body, "csrf=%s&date=%s&room=", csrf, today);
				snprintf(target, sizeof target, "/register/%ld/in", child);
			}
		}
		if (!child) {
			/* no characters to encode but spaces, written as '+' */
			snprintf(text, sizeof text, "crash test c%ld n%ld t%lld", me, n,
			         (long long)time(NULL));
			if (me == 1 && n % 2 == 0) {
				snprintf(target, sizeof target, "/concerns");
				snprintf(
				    body, sizeof body,
				    "csrf=%s&child=%ld&date=%s&time=10:00&child_words=&body_region="
				    "&seen_heard=",
				    csrf, children[0], yesterday);
			} else if (me == 2 && n % 2 == 0) {
				snprintf(target, sizeof target, "/observations");
				snprintf(body, sizeof body,
				         "csrf=%s&children=%ld&date=%s&areas=CL&shared=no&next_"
				         "steps=&text=",
				         csrf, children[0], today);
			} else {
				snprintf(target, sizeof target, "/messages");
				snprintf(body, sizeof body,
				         "csrf=%s&date=%s&for=room:%ld&source=staff&text=", csrf,
				         today, room_id);
			}
			for (size_t k = strlen(body), j = 0; text[j] && k + 1 < sizeof body; j++)
				body[k++] = text[j] == ' ' ? '+' : text[j], body[k] = '\0';
		}
		n++;
		if (sock_request(port, "POST", target, extra, body, &r) == 0 && r.status == 303)
			ack(text, child);
		if (r.status == 0) { /* no answer: the server is gone */
			__atomic_add_fetch(&refused_after_kill, 1, __ATOMIC_RELAXED);
			usleep(2000);
		}
		sock_reply_free(&r);
	}
	return NULL;
}

/* Every acknowledged write in the database, which is consistent. */
static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void verify(const char *db, int cycle, size_t from, int last, long *missing_out)
{
	struct store *s;
	struct store_stmt *st;
	char err[512], msg[1024];
	int64_t bad;
	long missing = 0;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0) {
		check(0, err, cycle);
		return;
	}
	/* Writes acknowledged since the last check; all of them after the last cycle.
	 * What the clients wrote is read once (texts and signed-in children, sorted)
	 * and each acknowledged write looked up in it. */
	{
		char **texts = NULL;
		int64_t *kids = NULL;
		size_t nt = 0, ct = 0, nk = 0, ck = 0;
		st = store_prepare(
		    s, "SELECT text FROM handover_message WHERE text LIKE 'crash test%' "
		       "UNION ALL SELECT seen_heard FROM concern WHERE seen_heard LIKE "
		       "'crash test%' UNION ALL SELECT text FROM observation WHERE text "
		       "LIKE 'crash test%'");
		while (st && store_step(st) == STORE_ROW) {
			if (nt == ct) {
				ct = ct ? 2 * ct : 1024;
				texts = realloc(texts, ct * sizeof *texts);
				if (!texts)
					abort();
			}
			texts[nt++] = strdup(store_col_text(st, 0));
		}
		store_finish(st);
		st = store_prepare(s, "SELECT child_id FROM register_child WHERE date = ? AND "
		                      "event = 'in'");
		store_bind_text(st, 1, today);
		while (st && store_step(st) == STORE_ROW) {
			if (nk == ck) {
				ck = ck ? 2 * ck : 256;
				kids = realloc(kids, ck * sizeof *kids);
				if (!kids)
					abort();
			}
			kids[nk++] = store_col_int(st, 0);
		}
		store_finish(st);
		qsort(texts, nt, sizeof *texts, by_text);
		qsort(kids, nk, sizeof *kids, by_id);
		for (size_t i = from; i < acks_n; i++) {
			const char *t = acks[i].text;
			int64_t k = acks[i].child_id;
			int found = acks[i].child_id
			                ? bsearch(&k, kids, nk, sizeof *kids, by_id) != NULL
			                : bsearch(&t, texts, nt, sizeof *texts, by_text) != NULL;
			missing += !found;
		}
		for (size_t i = 0; i < nt; i++)
			free(texts[i]);
		free(texts);
		free(kids);
	}
	check(missing == 0, "every write answered before the kill is in the database", cycle);
	if (last) { /* what the clients wrote, by kind */
		st = store_prepare(
		    s,
		    "SELECT (SELECT count(*) FROM handover_message WHERE text LIKE 'crash test%'), "
		    "(SELECT count(*) FROM concern WHERE seen_heard LIKE 'crash test%'), "
		    "(SELECT count(*) FROM observation WHERE text LIKE 'crash test%'), "
		    "(SELECT count(*) FROM register_child WHERE date = ?)");
		store_bind_text(st, 1, today);
		if (store_step(st) == STORE_ROW) {
			printf("in the database: %lld messages, %lld concerns, %lld observations, "
			       "%lld "
			       "sign-ins\n",
			       (long long)store_col_int(st, 0), (long long)store_col_int(st, 1),
			       (long long)store_col_int(st, 2), (long long)store_col_int(st, 3));
			check(store_col_int(st, 1) > 0 && store_col_int(st, 2) > 0 &&
			          store_col_int(st, 3) > 0,
			      "concerns, observations and sign-ins were written", cycle);
		}
		store_finish(st);
	}
	check(store_check(s, msg, sizeof msg) == 0, "integrity and foreign keys after the kill",
	      cycle);
	check(audit_verify(s, 1, &bad) == 0, "the audit chain after the kill", cycle);
	store_close(s);
	*missing_out += missing;
}

static int add_manager(const char *db)
{
	struct store *s;
	struct setting set;
	struct op_error e;
	char err[256];
	int64_t id;
	struct user_new u = {.username = "crash",
	                     .display_name = "Crash test",
	                     .password = "crash-test-password-1",
	                     .roles = 1u << ROLE_MANAGER};
	struct actor who = {.name = "crash", .ip = ""};
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		return -1;
	if (core_setting_pick(s, 0, &set, &e) != 0) {
		store_close(s);
		return -1;
	}
	who.setting_id = set.id;
	u.staff_id = core_staff_find(s, set.id, "S01");
	if (core_tx_begin(s, &e) || core_user_add(s, &who, &u, &id, &e) || core_tx_commit(s, &e)) {
		fprintf(stderr, "crash: adding the user: %s\n", e.msg);
		store_close(s);
		return -1;
	}
	{
		struct store_stmt *st = store_prepare(s, "SELECT min(id) FROM room");
		if (store_step(st) == STORE_ROW)
			room_id = (long)store_col_int(st, 0);
		store_finish(st);
	}
	store_close(s);
	return room_id > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"cycles", required_argument, NULL, 'c'},
	    {"seed", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	char dir[] = "/tmp/kw-crash.XXXXXX", db[300], log[300], cmd_out[300];
	unsigned seed = (unsigned)time(NULL);
	long cycles = 200, missing = 0;
	size_t checked = 0;
	const char *kw;
	int c;
	struct timespec t0, t1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		if (c == 'c')
			cycles = strtol(optarg, &end, 10);
		else if (c == 's')
			seed = (unsigned)strtoul(optarg, &end, 10);
		else
			return 2;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: crash KW [--cycles N] [--seed S]\n");
		return 2;
	}
	kw = argv[optind];
	srand(seed);
	signal(SIGPIPE, SIG_IGN);
	if (!mkdtemp(dir))
		return 2;
	snprintf(db, sizeof db, "%s/crash.db", dir);
	snprintf(log, sizeof log, "%s/serve.log", dir);
	snprintf(cmd_out, sizeof cmd_out, "%s/demo.out", dir);
	{
		pid_t pid = fork();
		int status;
		if (pid == 0) {
			if (!freopen(cmd_out, "w", stdout))
				_exit(127);
			execl(kw, "kw", "--db", db, "demo", "--children", "120", (char *)NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0 || add_manager(db) != 0) {
			fprintf(stderr, "crash: cannot make the demo database\n");
			return 2;
		}
	}
	port = sock_free_port();
	printf("SIGKILL under writes: seed %u, %ld cycles, %d clients, port %d\n", seed, cycles,
	       CLIENTS, port);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int cycle = 0; cycle < cycles; cycle++) {
		pthread_t th[CLIENTS];
		pid_t pid = sock_serve(kw, db, log, port, 4, NULL, 30);
		if (pid < 0) {
			check(0, "kw serve starts again after the kill", cycle);
			break;
		}
		if (cycle == 0 && sign_in("crash", "crash-test-password-1") != 0) {
			fprintf(stderr, "crash: cannot sign in\n");
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return 2;
		}
		atomic_store(&stop, 0);
		for (long i = 0; i < CLIENTS; i++)
			pthread_create(&th[i], NULL, client, (void *)(intptr_t)i);
		usleep((useconds_t)(20000 + rand() % 300000));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		usleep(20000); /* clients see the closed port */
		atomic_store(&stop, 1);
		for (int i = 0; i < CLIENTS; i++)
			pthread_join(th[i], NULL);
		verify(db, cycle, cycle == cycles - 1 ? 0 : checked, cycle == cycles - 1, &missing);
		checked = acks_n;
		if (failed)
			break;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("SIGKILL under writes: %ld cycles, %zu writes answered before a kill, %ld lost, "
	       "%ld requests unanswered after a kill, %.1f s\n",
	       cycles, acks_n, missing, refused_after_kill,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	{
		char p[320];
		unlink(db);
		snprintf(p, sizeof p, "%s-wal", db);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", db);
		unlink(p);
		unlink(log);
		unlink(cmd_out);
		rmdir(dir);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
