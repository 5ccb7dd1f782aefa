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
#include "sock_client.h"

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
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core_setting.h"
#include "core_staff.h"
#include "core_user.h"
#include "http.h"
#include "store.h"

#define START_TIMEOUT_S 30
#define BODY_LIMIT (12u << 20) /* HTTP_BODY_MAX */

static pid_t server_pid;
static int port;
static char db_path[768], log_path[768];

/* One request on its own connection, through tests/sock_client.c. */
static void request(const char *method, const char *target, const char *extra, const char *body,
                    struct sock_reply *r)
{
	assert_int_equal(sock_request(port, method, target, extra, body, r), 0);
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

static int group_setup(void **state)
{
	const char *bin = getenv("KW_BIN");
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	snprintf(db_path, sizeof db_path, "%s", t_path("serve.db"));
	snprintf(log_path, sizeof log_path, "%s", t_path("serve.log"));
	if (t_kw(db_path, NULL, NULL, "demo", NULL) != 0)
		return -1;
	add_manager();
	port = sock_free_port();
	if (port <= 0)
		return -1;
	server_pid =
	    sock_serve(bin ? bin : "./kw", db_path, log_path, port, 2, NULL, START_TIMEOUT_S);
	return server_pid > 0 ? 0 : -1;
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

static void check_security_headers(const struct sock_reply *r, const char *what)
{
	char *csp = sock_header(r, "Content-Security-Policy", 0);
	if (!csp)
		fail_msg("%s (%d): no Content-Security-Policy", what, r->status);
	if (strstr(csp, "unsafe-inline") || strstr(csp, "unsafe-eval") ||
	    !strstr(csp, "frame-ancestors 'none'") || !strstr(csp, "default-src 'none'"))
		fail_msg("%s (%d): Content-Security-Policy is %s", what, r->status, csp);
	free(csp);
	if (!sock_has_header(r, "X-Content-Type-Options", "nosniff"))
		fail_msg("%s (%d): no X-Content-Type-Options: nosniff", what, r->status);
	if (!sock_has_header(r, "Referrer-Policy", NULL))
		fail_msg("%s (%d): no Referrer-Policy", what, r->status);
	if (sock_has_header(r, "Strict-Transport-Security", NULL))
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
		struct sock_reply r;
		char what[128];
		request(cases[i].method, cases[i].target, cases[i].extra, NULL, &r);
		snprintf(what, sizeof what, "%s %s", cases[i].method, cases[i].target);
		if (r.status != cases[i].status)
			fail_msg("%s: %d, expected %d", what, r.status, cases[i].status);
		check_security_headers(&r, what);
		if (r.status == 303 && !sock_has_header(&r, "Location", "/signin"))
			fail_msg("%s: 303 without Location /signin", what);
		n++;
		sock_reply_free(&r);
	}
	printf("# security headers on %d of %zu answers (200, 303, 404, 405, 413)\n", n,
	       ARRAY_LEN(cases));
}

/* Sign in as the manager through the socket; the "kw=…" cookie pair. */
static void manager_session(char *out, size_t n)
{
	struct sock_reply r;
	char body[512], extra[512], *pre;
	const char *at;
	request("GET", "/signin", NULL, NULL, &r);
	pre = sock_header(&r, "Set-Cookie", 0);
	at = strstr(r.body, "name=\"csrf\" value=\"");
	assert_non_null(pre);
	assert_non_null(at);
	at += strlen("name=\"csrf\" value=\"");
	snprintf(body, sizeof body, "csrf=%.*s&username=manager&password=demo-manager-2026",
	         (int)strcspn(at, "\""), at);
	snprintf(extra, sizeof extra,
	         "Content-Type: application/x-www-form-urlencoded\r\nCookie: %.*s\r\n",
	         (int)strcspn(pre, ";"), pre);
	free(pre);
	sock_reply_free(&r);
	request("POST", "/signin", extra, body, &r);
	assert_int_equal(r.status, 303);
	out[0] = '\0';
	for (int i = 0; i < 3; i++) {
		char *c = sock_header(&r, "Set-Cookie", i);
		if (c && strncmp(c, "kw=", 3) == 0)
			snprintf(out, n, "%.*s", (int)strcspn(c, ";"), c);
		free(c);
	}
	sock_reply_free(&r);
	assert_true(out[0]);
}

/* Every route of the router, through the real server, signed out and as the
 * manager (ids 1, POSTs without the form token): every answer, whatever its
 * status, carries the security headers. */
static void test_security_headers_on_every_route(void **state)
{
	char session[160], extra[256];
	int answers = 0;
	(void)state;
	manager_session(session, sizeof session);
	snprintf(extra, sizeof extra, "Cookie: %s\r\n", session);
	for (size_t i = 0; i < http_route_count(); i++) {
		const char *method, *pattern;
		unsigned roles;
		char path[512], what[600];
		size_t used = 0;
		http_route_get(i, &method, &pattern, &roles);
		if (strcmp(pattern, "/signout") == 0 || strcmp(pattern, "/signout-everywhere") == 0)
			continue; /* the session is needed for the rest */
		for (const char *p = pattern; *p && used + 4 < sizeof path;) {
			if (*p == ':') {
				path[used++] = '1';
				p += strcspn(p, "/");
			} else {
				path[used++] = *p++;
			}
		}
		path[used] = '\0';
		for (int as = 0; as < 2; as++) {
			struct sock_reply r;
			request(method, path, as ? extra : NULL,
			        strcmp(method, "POST") == 0 ? "x=1" : NULL, &r);
			snprintf(what, sizeof what, "%s %s %s", method, path,
			         as ? "as the manager" : "signed out");
			assert_true(r.status >= 200);
			check_security_headers(&r, what);
			answers++;
			sock_reply_free(&r);
		}
	}
	printf("# security headers on %d of %d answers: every route, signed out and signed in\n",
	       answers, answers);
	assert_true(answers > 200);
}

static void test_signin_cookies_over_plain_http(void **state)
{
	struct sock_reply r;
	char *pre, *csrf_at, body[512], extra[512], token[128] = "";
	const char *v;
	(void)state;
	request("GET", "/signin", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "This connection is not encrypted"));
	pre = sock_header(&r, "Set-Cookie", 0);
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
	sock_reply_free(&r);

	request("POST", "/signin", extra, body, &r);
	assert_int_equal(r.status, 303);
	check_security_headers(&r, "POST /signin");
	for (int i = 0; i < 3; i++) {
		char *c = sock_header(&r, "Set-Cookie", i);
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
	sock_reply_free(&r);

	/* the session works: home page with the cookie */
	snprintf(extra, sizeof extra, "Cookie: %s\r\n", token);
	request("GET", "/", extra, NULL, &r);
	assert_int_equal(r.status, 200);
	check_security_headers(&r, "GET / signed in");
	v = strstr(r.body, "Signed in as");
	assert_non_null(v);
	sock_reply_free(&r);
}

/* Behind a reverse proxy that speaks HTTPS to the browser: the cookies are
 * Secure (the session's with the __Host- prefix, as page_signin.c sets it
 * under TLS) and HSTS is sent, though kw itself speaks plain HTTP to the
 * proxy. */
static void test_behind_an_https_proxy_cookies_are_secure(void **state)
{
	const char *bin = getenv("KW_BIN");
	char log2[800];
	struct sock_reply r;
	int port2 = sock_free_port(), saved = port;
	pid_t pid;
	char *pre, *hsts;
	(void)state;
	snprintf(log2, sizeof log2, "%s", t_path("serve-proxy.log"));
	assert_true(port2 > 0);
	pid = sock_serve(bin ? bin : "./kw", db_path, log2, port2, 1, "--behind-https-proxy",
	                 START_TIMEOUT_S);
	assert_true(pid > 0);
	port = port2;
	request("GET", "/signin", NULL, NULL, &r);
	port = saved;
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	assert_int_equal(r.status, 200);
	pre = sock_header(&r, "Set-Cookie", 0);
	assert_non_null(pre);
	assert_int_equal(strncmp(pre, "kw_pre=", 7), 0); /* Path=/signin: no __Host- prefix */
	assert_non_null(strstr(pre, "; Secure"));
	hsts = sock_header(&r, "Strict-Transport-Security", 0);
	assert_non_null(hsts);
	assert_non_null(strstr(hsts, "max-age=31536000"));
	assert_null(strstr(r.body, "This connection is not encrypted"));
	free(pre);
	free(hsts);
	sock_reply_free(&r);
}

static void test_body_announced_too_large_is_413(void **state)
{
	struct sock_reply r;
	int fd = sock_connect(port);
	char head[512];
	(void)state;
	assert_true(fd >= 0);
	/* only the headers: the answer must come without the server waiting for 20 MB */
	snprintf(
	    head, sizeof head,
	    "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 20000000\r\n\r\n");
	assert_int_equal(sock_send_all(fd, head, strlen(head)), 0);
	shutdown(fd, SHUT_WR);
	sock_read_reply(fd, &r);
	close(fd);
	assert_int_equal(r.status, 413);
	check_security_headers(&r, "413");
	sock_reply_free(&r);
}

static void test_chunked_body_past_the_limit_is_cut_off(void **state)
{
	static char chunk[65536 + 32];
	char head[512];
	size_t sent = 0;
	int fd = sock_connect(port), send_failed = 0;
	struct sock_reply r;
	(void)state;
	assert_true(fd >= 0);
	snprintf(head, sizeof head,
	         "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
	         "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: "
	         "chunked\r\n\r\n");
	assert_int_equal(sock_send_all(fd, head, strlen(head)), 0);
	{
		int hl = snprintf(chunk, sizeof chunk, "10000\r\n"); /* 65536 bytes */
		memset(chunk + hl, 'a', 65536);
		memcpy(chunk + hl + 65536, "\r\n", 2);
		/* up to 16 MB: past the 12 MB limit, the server must hang up */
		while (sent < (16u << 20)) {
			if (sock_send_all(fd, chunk, (size_t)hl + 65536 + 2) != 0) {
				send_failed = 1;
				break;
			}
			sent += 65536;
		}
	}
	if (!send_failed && sock_send_all(fd, "0\r\n\r\n", 5) != 0)
		send_failed = 1;
	sock_read_reply(fd, &r);
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
	sock_reply_free(&r);
	/* the server is still well, and a small chunked body is answered */
	assert_true(sock_healthy(port));
	request(
	    "POST", "/signin",
	    "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "6\r\ncsrf=x\r\n0\r\n",
	    NULL, &r);
	assert_int_equal(r.status, 403); /* read, then refused: no sign-in token */
	sock_reply_free(&r);
}

static void test_unknown_route_is_404(void **state)
{
	struct sock_reply r;
	(void)state;
	request("GET", "/wp-admin/setup.php?x=%3Cscript%3E", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "<script>"));
	check_security_headers(&r, "404");
	sock_reply_free(&r);
}

static void test_sigterm_stops_cleanly(void **state)
{
	int status = 0;
	pid_t got = 0;
	(void)state;
	assert_true(server_pid > 0);
	assert_int_equal(kill(server_pid, SIGTERM), 0);
	for (int i = 0; i < SOCK_IO_TIMEOUT_S * 20 && got == 0; i++) {
		got = waitpid(server_pid, &status, WNOHANG);
		if (got == 0)
			usleep(50 * 1000);
	}
	if (got != server_pid)
		fail_msg("kw serve did not stop within %d s of SIGTERM", SOCK_IO_TIMEOUT_S);
	server_pid = 0;
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* and the port is free again */
	assert_false(sock_healthy(port));
}

/* Beyond this machine, kw serves HTTPS (its own or a proxy's) unless told
 * --insecure-http in so many words; refused, it starts nothing and writes
 * nothing (ASVS 13.2.6). */
static void test_plain_http_on_the_network_needs_insecure_http(void **state)
{
	const char *bin = getenv("KW_BIN");
	char listen[64], *err = NULL;
	int p = sock_free_port();
	pid_t pid;
	(void)state;
	snprintf(listen, sizeof listen, "0.0.0.0:%d", p);
	assert_int_equal(t_kw(t_path("net.db"), NULL, &err, "serve", "--listen", listen, NULL), 2);
	assert_non_null(strstr(err, "--insecure-http"));
	assert_non_null(strstr(err, "unencrypted"));
	free(err);
	assert_false(sock_healthy(p));
	if (!t_on_pg()) { /* nothing was made */
		struct stat sb;
		assert_int_not_equal(stat(t_path("net.db"), &sb), 0);
	}
	/* accepted in so many words, it serves (and warns) */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 1);
		dup2(null, 2);
		execl(bin, "kw", "--db", t_path("net.db"), "serve", "--listen", listen,
		      "--insecure-http", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 600 && !sock_healthy(p); i++)
		usleep(50 * 1000);
	assert_true(sock_healthy(p));
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_security_headers_on_every_answer),
	    cmocka_unit_test(test_signin_cookies_over_plain_http),
	    cmocka_unit_test(test_security_headers_on_every_route),
	    cmocka_unit_test(test_behind_an_https_proxy_cookies_are_secure),
	    cmocka_unit_test(test_body_announced_too_large_is_413),
	    cmocka_unit_test(test_chunked_body_past_the_limit_is_cut_off),
	    cmocka_unit_test(test_unknown_route_is_404),
	    cmocka_unit_test(test_plain_http_on_the_network_needs_insecure_http),
	    cmocka_unit_test(test_sigterm_stops_cleanly),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
