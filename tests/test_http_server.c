/*
 * test_http_server.c — `kw serve` through a real socket: the real binary
 * (KW_BIN) serves a demo database on a free loopback port, and a small
 * client of our own sends a handful of requests with timeouts. Checked:
 * the security headers on every kind of answer (200, 303, 404, 405, 413),
 * the sign-in cookies' flags over plain HTTP and the page's warning, the
 * body limit (a body announced too large is 413 at once; a chunked body
 * that grows past the limit has its connection closed), and a clean stop
 * on SIGTERM with exit status 0.
 */
#define _GNU_SOURCE
#include "support.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core_setting.h"
#include "core_staff.h"
#include "core_user.h"
#include "store.h"

#define IO_TIMEOUT_S 10
#define START_TIMEOUT_S 30
#define BODY_LIMIT (12u << 20) /* HTTP_BODY_MAX */

static pid_t server_pid;
static int port;
static char db_path[768], log_path[768];

/* ---- a small HTTP/1.1 client ---- */

struct reply {
	int status;
	char *head; /* status line and headers */
	char *body;
	int closed;    /* the server closed the connection before a whole reply */
	int timed_out; /* nothing more came within IO_TIMEOUT_S */
};

static void reply_free(struct reply *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

static int connect_loopback(void)
{
	struct sockaddr_in sa;
	struct timeval tv = {.tv_sec = IO_TIMEOUT_S};
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Read until the server closes (requests say Connection: close) or times out. */
static void read_reply(int fd, struct reply *r)
{
	size_t n = 0, cap = 65536;
	r->timed_out = 0;
	char *p = malloc(cap);
	char *sep;
	for (;;) {
		ssize_t k;
		if (n + 4096 > cap)
			p = realloc(p, cap *= 2);
		k = recv(fd, p + n, cap - n - 1, 0);
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			r->timed_out = 1;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	p[n] = '\0';
	sep = strstr(p, "\r\n\r\n");
	r->closed = sep == NULL;
	if (sep) {
		*sep = '\0';
		r->head = strdup(p);
		r->body = strdup(sep + 4);
		if (sscanf(r->head, "HTTP/1.%*d %d", &r->status) != 1)
			r->status = -1;
	} else {
		r->head = strdup("");
		r->body = strdup("");
		r->status = 0;
	}
	free(p);
}

/* One request on its own connection. extra: more header lines, each ending "\r\n". */
static void request(const char *method, const char *target, const char *extra, const char *body,
                    struct reply *r)
{
	char head[4096];
	size_t n;
	int fd = connect_loopback();
	memset(r, 0, sizeof *r);
	assert_true(fd >= 0);
	n = (size_t)snprintf(head, sizeof head,
	                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s",
	                     method, target, port, extra ? extra : "");
	if (body)
		n += (size_t)snprintf(head + n, sizeof head - n, "Content-Length: %zu\r\n",
		                      strlen(body));
	n += (size_t)snprintf(head + n, sizeof head - n, "\r\n");
	assert_true(n < sizeof head);
	assert_int_equal(send_all(fd, head, n), 0);
	if (body)
		assert_int_equal(send_all(fd, body, strlen(body)), 0);
	read_reply(fd, r);
	close(fd);
}

/* The value of header name (the n-th of that name), or NULL; newly allocated. */
static char *header(const struct reply *r, const char *name, int nth)
{
	size_t len = strlen(name);
	for (const char *p = r->head; p && *p;) {
		const char *eol = strstr(p, "\r\n");
		size_t linelen = eol ? (size_t)(eol - p) : strlen(p);
		if (linelen > len && strncasecmp(p, name, len) == 0 && p[len] == ':' &&
		    nth-- == 0) {
			const char *v = p + len + 1;
			while (*v == ' ')
				v++;
			return strndup(v, linelen - (size_t)(v - p));
		}
		p = eol ? eol + 2 : NULL;
	}
	return NULL;
}

static int has_header(const struct reply *r, const char *name, const char *part)
{
	char *v = header(r, name, 0);
	int yes = v && (!part || strstr(v, part));
	free(v);
	return yes;
}

/* ---- the server ---- */

static int free_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), p;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0)
		return -1;
	p = ntohs(sa.sin_port);
	close(fd);
	return p;
}

static void add_manager(void)
{
	struct store *s;
	struct setting set;
	struct op_error e;
	char err[256];
	int64_t id;
	struct user_new u = {.username = "manager",
	                     .display_name = "Nursery manager",
	                     .password = "demo-manager-2026",
	                     .roles = 1u << ROLE_MANAGER};
	struct actor who = {.name = "test", .ip = ""};
	assert_int_equal(store_open(db_path, STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	assert_int_equal(core_setting_pick(s, 0, &set, &e), 0);
	who.setting_id = set.id;
	u.staff_id = core_staff_find(s, set.id, "S01");
	if (core_tx_begin(s, &e) || core_user_add(s, &who, &u, &id, &e) || core_tx_commit(s, &e))
		fail_msg("adding the manager: %s", e.msg);
	store_close(s);
}

static int healthy(void)
{
	struct reply r;
	int fd = connect_loopback(), ok;
	char req[256];
	if (fd < 0)
		return 0;
	snprintf(req, sizeof req,
	         "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
	if (send_all(fd, req, strlen(req)) != 0) {
		close(fd);
		return 0;
	}
	read_reply(fd, &r);
	close(fd);
	ok = r.status == 200;
	reply_free(&r);
	return ok;
}

static int group_setup(void **state)
{
	const char *bin = getenv("KW_BIN");
	char listen[64];
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	snprintf(db_path, sizeof db_path, "%s", t_path("serve.db"));
	snprintf(log_path, sizeof log_path, "%s", t_path("serve.log"));
	if (t_kw(db_path, NULL, NULL, "demo", NULL) != 0)
		return -1;
	add_manager();
	port = free_port();
	if (port <= 0)
		return -1;
	snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
	server_pid = fork();
	if (server_pid == 0) {
		int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		execl(bin ? bin : "./kw", "kw", "--db", db_path, "serve", "--listen", listen,
		      "--threads", "2", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < START_TIMEOUT_S * 10; i++) {
		int status;
		if (healthy())
			return 0;
		if (waitpid(server_pid, &status, WNOHANG) == server_pid) {
			fprintf(stderr, "kw serve stopped at start:\n%s\n",
			        t_read_file(log_path, NULL));
			server_pid = 0;
			return -1;
		}
		usleep(100 * 1000);
	}
	fprintf(stderr, "kw serve did not answer /healthz in %d s\n", START_TIMEOUT_S);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	if (server_pid > 0) { /* the SIGTERM test did not stop it */
		kill(server_pid, SIGKILL);
		waitpid(server_pid, NULL, 0);
	}
	t_cleanup();
	return 0;
}

/* ---- the tests ---- */

static void check_security_headers(const struct reply *r, const char *what)
{
	char *csp = header(r, "Content-Security-Policy", 0);
	if (!csp)
		fail_msg("%s (%d): no Content-Security-Policy", what, r->status);
	if (strstr(csp, "unsafe-inline") || strstr(csp, "unsafe-eval") ||
	    !strstr(csp, "frame-ancestors 'none'") || !strstr(csp, "default-src 'none'"))
		fail_msg("%s (%d): Content-Security-Policy is %s", what, r->status, csp);
	free(csp);
	if (!has_header(r, "X-Content-Type-Options", "nosniff"))
		fail_msg("%s (%d): no X-Content-Type-Options: nosniff", what, r->status);
	if (!has_header(r, "Referrer-Policy", NULL))
		fail_msg("%s (%d): no Referrer-Policy", what, r->status);
	if (has_header(r, "Strict-Transport-Security", NULL))
		fail_msg("%s (%d): HSTS over plain HTTP", what, r->status);
}

static void test_security_headers_on_every_answer(void **state)
{
	static const struct {
		const char *method, *target, *extra;
		int status;
	} cases[] = {
	    {"GET", "/healthz", NULL, 200},
	    {"GET", "/signin", NULL, 200},
	    {"GET", "/static/style.css", NULL, 200},
	    {"GET", "/", NULL, 303},
	    {"GET", "/no/such/page", NULL, 404},
	    {"GET", "/static/nothing.css", NULL, 404},
	    {"DELETE", "/signin", NULL, 405},
	    {"POST", "/signin",
	     "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 20000000\r\n",
	     413},
	};
	int n = 0;
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct reply r;
		char what[128];
		request(cases[i].method, cases[i].target, cases[i].extra, NULL, &r);
		snprintf(what, sizeof what, "%s %s", cases[i].method, cases[i].target);
		if (r.status != cases[i].status)
			fail_msg("%s: %d, expected %d", what, r.status, cases[i].status);
		check_security_headers(&r, what);
		if (r.status == 303 && !has_header(&r, "Location", "/signin"))
			fail_msg("%s: 303 without Location /signin", what);
		n++;
		reply_free(&r);
	}
	printf("# security headers on %d of %zu answers (200, 303, 404, 405, 413)\n", n,
	       ARRAY_LEN(cases));
}

static void test_signin_cookies_over_plain_http(void **state)
{
	struct reply r;
	char *pre, *csrf_at, body[512], extra[512], token[128] = "";
	const char *v;
	(void)state;
	request("GET", "/signin", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "This connection is not encrypted"));
	pre = header(&r, "Set-Cookie", 0);
	assert_non_null(pre);
	assert_non_null(strstr(pre, "HttpOnly"));
	assert_int_equal(strncmp(pre, "kw_pre=", 7), 0);
	csrf_at = strstr(r.body, "name=\"csrf\" value=\"");
	assert_non_null(csrf_at);
	csrf_at += strlen("name=\"csrf\" value=\"");
	snprintf(body, sizeof body, "csrf=%.*s&username=manager&password=demo-manager-2026",
	         (int)strcspn(csrf_at, "\""), csrf_at);
	snprintf(extra, sizeof extra,
	         "Content-Type: application/x-www-form-urlencoded\r\nCookie: %.*s\r\n",
	         (int)strcspn(pre, ";"), pre);
	free(pre);
	reply_free(&r);

	request("POST", "/signin", extra, body, &r);
	assert_int_equal(r.status, 303);
	check_security_headers(&r, "POST /signin");
	for (int i = 0; i < 3; i++) {
		char *c = header(&r, "Set-Cookie", i);
		if (!c)
			break;
		if (strncmp(c, "kw=", 3) == 0) {
			assert_non_null(strstr(c, "; HttpOnly"));
			assert_non_null(strstr(c, "; SameSite=Lax"));
			assert_null(strstr(
			    c, "Secure")); /* plain HTTP: a Secure cookie would never come back */
			assert_non_null(strstr(c, "Path=/"));
			snprintf(token, sizeof token, "%.*s", (int)strcspn(c, ";"), c);
		}
		assert_null(strstr(c, "__Host-")); /* the prefix needs Secure, so only under TLS */
		free(c);
	}
	assert_true(token[0]);
	reply_free(&r);

	/* the session works: home page with the cookie */
	snprintf(extra, sizeof extra, "Cookie: %s\r\n", token);
	request("GET", "/", extra, NULL, &r);
	assert_int_equal(r.status, 200);
	check_security_headers(&r, "GET / signed in");
	v = strstr(r.body, "Signed in as");
	assert_non_null(v);
	reply_free(&r);
}

static void test_body_announced_too_large_is_413(void **state)
{
	struct reply r;
	int fd = connect_loopback();
	char head[512];
	(void)state;
	assert_true(fd >= 0);
	/* only the headers: the answer must come without the server waiting for 20 MB */
	snprintf(
	    head, sizeof head,
	    "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 20000000\r\n\r\n");
	assert_int_equal(send_all(fd, head, strlen(head)), 0);
	shutdown(fd, SHUT_WR);
	read_reply(fd, &r);
	close(fd);
	assert_int_equal(r.status, 413);
	check_security_headers(&r, "413");
	reply_free(&r);
}

static void test_chunked_body_past_the_limit_is_cut_off(void **state)
{
	static char chunk[65536 + 32];
	char head[512];
	size_t sent = 0;
	int fd = connect_loopback(), send_failed = 0;
	struct reply r;
	(void)state;
	assert_true(fd >= 0);
	snprintf(head, sizeof head,
	         "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	         "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: "
	         "chunked\r\n\r\n");
	assert_int_equal(send_all(fd, head, strlen(head)), 0);
	{
		int hl = snprintf(chunk, sizeof chunk, "10000\r\n"); /* 65536 bytes */
		memset(chunk + hl, 'a', 65536);
		memcpy(chunk + hl + 65536, "\r\n", 2);
		/* up to 16 MB: past the 12 MB limit, the server must hang up */
		while (sent < (16u << 20)) {
			if (send_all(fd, chunk, (size_t)hl + 65536 + 2) != 0) {
				send_failed = 1;
				break;
			}
			sent += 65536;
		}
	}
	if (!send_failed && send_all(fd, "0\r\n\r\n", 5) != 0)
		send_failed = 1;
	read_reply(fd, &r);
	close(fd);
	printf("# chunked body: %zu bytes sent (%s), then %s (limit %u)\n", sent,
	       send_failed ? "the server stopped reading" : "all of it",
	       r.timed_out ? "no answer within the timeout"
	       : r.closed  ? "the connection was closed"
	                   : "an answer",
	       BODY_LIMIT);
	/* no answer that processed the body: the connection is closed, not left hanging */
	assert_true(r.status == 0 || r.status == 413);
	assert_false(r.timed_out);
	assert_true(send_failed || r.closed || r.status == 413);
	reply_free(&r);
	/* the server is still well, and a small chunked body is answered */
	assert_true(healthy());
	request(
	    "POST", "/signin",
	    "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "6\r\ncsrf=x\r\n0\r\n",
	    NULL, &r);
	assert_int_equal(r.status, 403); /* read, then refused: no sign-in token */
	reply_free(&r);
}

static void test_unknown_route_is_404(void **state)
{
	struct reply r;
	(void)state;
	request("GET", "/wp-admin/setup.php?x=%3Cscript%3E", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "<script>"));
	check_security_headers(&r, "404");
	reply_free(&r);
}

static void test_sigterm_stops_cleanly(void **state)
{
	int status = 0;
	pid_t got = 0;
	(void)state;
	assert_true(server_pid > 0);
	assert_int_equal(kill(server_pid, SIGTERM), 0);
	for (int i = 0; i < IO_TIMEOUT_S * 20 && got == 0; i++) {
		got = waitpid(server_pid, &status, WNOHANG);
		if (got == 0)
			usleep(50 * 1000);
	}
	if (got != server_pid)
		fail_msg("kw serve did not stop within %d s of SIGTERM", IO_TIMEOUT_S);
	server_pid = 0;
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* and the port is free again */
	assert_false(healthy());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_security_headers_on_every_answer),
	    cmocka_unit_test(test_signin_cookies_over_plain_http),
	    cmocka_unit_test(test_body_announced_too_large_is_413),
	    cmocka_unit_test(test_chunked_body_past_the_limit_is_cut_off),
	    cmocka_unit_test(test_unknown_route_is_404),
	    cmocka_unit_test(test_sigterm_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
