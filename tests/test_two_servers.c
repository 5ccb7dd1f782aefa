/*
 * test_two_servers.c — two `kw serve` processes on one database, as a group
 * of settings runs them behind a load balancer (issue 10): nothing lives only
 * in one process's memory. A session made on one server is good on the
 * other and signing out on one ends it on both; writes alternated between
 * them are all kept and seen from both; failed sign-ins are counted across
 * both, so the lockout holds; and the same child signed in on both at the
 * same moment is signed in once. Runs on SQLite (two processes on one file)
 * and, under KW_TEST_PG, on PostgreSQL.
 */
#include "http_support.h"
#include "sock_client.h"
#include "support.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core.h"
#include "core_session.h"
#include "core_user.h"
#include "store.h"

#define MESSAGES 20
#define RACES 8

static const char *db;
static int port[2];
static pid_t pid[2];
static char today[16];

static int group_setup(void **state)
{
	struct store *s;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[256], log[2][600];
	const char *bin = getenv("KW_BIN");
	(void)state;
	db = t_path("two.db");
	th_use_db(db);
	if (t_kw(db, NULL, NULL, "demo", NULL) != 0)
		return -1;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		return -1;
	th_add_user(s, &who, "manager", "bluebell rainy tuesday", 1u << ROLE_MANAGER, "S01", 0);
	th_add_user(s, &who, "keyperson", "hedgehog picnic saturday", 1u << ROLE_PRACTITIONER,
	            "S04", 0);
	store_close(s);
	for (int i = 0; i < 2; i++) {
		snprintf(log[i], sizeof log[i], "%s", t_path(i ? "serve-b.log" : "serve-a.log"));
		port[i] = sock_free_port();
		pid[i] = sock_serve(bin, db, log[i], port[i], 2, NULL, 30);
		if (pid[i] < 0)
			return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++)
		if (pid[i] > 0) {
			kill(pid[i], SIGTERM);
			waitpid(pid[i], NULL, 0);
		}
	t_cleanup();
	return 0;
}

static int get(int server, const char *cookie, const char *target, struct sock_reply *r)
{
	char extra[512];
	snprintf(extra, sizeof extra, "Cookie: %s\r\n", cookie);
	if (sock_request(port[server], "GET", target, extra, NULL, r) != 0)
		fail_msg("server %d did not answer GET %s", server, target);
	return r->status;
}

static int post(int server, const char *cookie, const char *target, const char *body)
{
	struct sock_reply r;
	char extra[512];
	int status;
	snprintf(extra, sizeof extra,
	         "Cookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n", cookie);
	if (sock_request(port[server], "POST", target, extra, body, &r) != 0)
		fail_msg("server %d did not answer POST %s", server, target);
	status = r.status;
	sock_reply_free(&r);
	return status;
}

/* The session's form token and today's date, read from a page of server. */
static void form_token(int server, const char *cookie, char *csrf, size_t n)
{
	struct sock_reply r;
	assert_int_equal(get(server, cookie, "/register", &r), 200);
	assert_int_equal(sock_form_value(r.body, "csrf", csrf, n), 0);
	assert_int_equal(sock_form_value(r.body, "date", today, sizeof today), 0);
	sock_reply_free(&r);
}

static void test_a_session_made_on_one_server_is_good_on_the_other(void **state)
{
	char cookie[256], csrf[128], body[256];
	struct sock_reply r;
	(void)state;
	assert_int_equal(
	    sock_signin(port[0], "manager", "bluebell+rainy+tuesday", cookie, sizeof cookie), 0);
	assert_int_equal(get(1, cookie, "/today", &r), 200);
	th_assert_contains(r.body, "Sign out");
	sock_reply_free(&r);
	/* signing out on the second server ends the session on the first */
	form_token(1, cookie, csrf, sizeof csrf);
	snprintf(body, sizeof body, "csrf=%s", csrf);
	assert_int_equal(post(1, cookie, "/signout", body), 303);
	assert_int_equal(get(0, cookie, "/today", &r), 303);
	sock_reply_free(&r);
}

static void test_writes_alternated_between_servers_are_all_kept_and_seen_by_both(void **state)
{
	char cookie[256], csrf[128], body[512], text[64];
	int64_t room = th_db_int("SELECT min(id) FROM room WHERE setting_id = 1");
	(void)state;
	assert_int_equal(
	    sock_signin(port[1], "keyperson", "hedgehog+picnic+saturday", cookie, sizeof cookie),
	    0);
	form_token(0, cookie, csrf, sizeof csrf);
	for (int i = 0; i < MESSAGES; i++) {
		snprintf(text, sizeof text, "two+servers+message+%d", i);
		snprintf(body, sizeof body, "csrf=%s&date=%s&for=room:%lld&source=staff&text=%s",
		         csrf, today, (long long)room, text);
		assert_int_equal(post(i % 2, cookie, "/messages", body), 303);
	}
	for (int server = 0; server < 2; server++) {
		struct sock_reply r;
		char path[64];
		snprintf(path, sizeof path, "/messages?date=%s", today);
		assert_int_equal(get(server, cookie, path, &r), 200);
		for (int i = 0; i < MESSAGES; i++) {
			snprintf(text, sizeof text, "two servers message %d<", i);
			th_assert_contains(r.body, text);
		}
		sock_reply_free(&r);
	}
	assert_int_equal(th_db_int("SELECT count(*) FROM handover_message WHERE text LIKE "
	                           "'two servers message %%'"),
	                 MESSAGES);
}

static void test_failed_sign_ins_are_counted_across_servers(void **state)
{
	char cookie[256];
	(void)state;
	for (int i = 0; i < SIGNIN_MAX_FAILURES; i++)
		assert_int_equal(sock_signin(port[i % 2], "keyperson", "not+the+password", cookie,
		                             sizeof cookie),
		                 401);
	/* locked on both, even with the right password */
	for (int server = 0; server < 2; server++)
		assert_int_not_equal(sock_signin(port[server], "keyperson",
		                                 "hedgehog+picnic+saturday", cookie, sizeof cookie),
		                     0);
	assert_int_equal(th_db_int("SELECT count(*) FROM login_attempt WHERE username = "
	                           "'keyperson' AND ok = 0"),
	                 SIGNIN_MAX_FAILURES); /* a refusal while locked is not another try */
}

struct race {
	int server;
	const char *cookie, *target, *body;
	pthread_barrier_t *start;
	int status;
};

static void *racer(void *arg)
{
	struct race *r = arg;
	pthread_barrier_wait(r->start);
	r->status = post(r->server, r->cookie, r->target, r->body);
	return NULL;
}

static void test_one_child_signed_in_on_both_at_once_is_signed_in_once(void **state)
{
	char cookie[256], csrf[128], body[256], target[64];
	int kept = 0;
	(void)state;
	assert_int_equal(
	    sock_signin(port[0], "manager", "bluebell+rainy+tuesday", cookie, sizeof cookie), 0);
	form_token(1, cookie, csrf, sizeof csrf);
	snprintf(body, sizeof body, "csrf=%s&date=%s&room=", csrf, today);
	for (int k = 0; k < RACES; k++) {
		int64_t child = th_db_int(
		    "SELECT min(c.id) FROM child c WHERE c.setting_id = 1 AND c.leaving_date IS "
		    "NULL AND c.id NOT IN (SELECT child_id FROM register_child) AND c.id > %d",
		    k * 5);
		pthread_barrier_t start;
		pthread_t t[2];
		struct race r[2];
		assert_true(child > 0);
		snprintf(target, sizeof target, "/register/%lld/in", (long long)child);
		pthread_barrier_init(&start, NULL, 2);
		for (int i = 0; i < 2; i++) {
			r[i] = (struct race){.server = i,
			                     .cookie = cookie,
			                     .target = target,
			                     .body = body,
			                     .start = &start};
			pthread_create(&t[i], NULL, racer, &r[i]);
		}
		for (int i = 0; i < 2; i++)
			pthread_join(t[i], NULL);
		pthread_barrier_destroy(&start);
		/* one is kept; the other is refused, never a second sign-in */
		assert_true(r[0].status == 303 || r[1].status == 303);
		assert_int_equal(th_db_int("SELECT count(*) FROM register_child WHERE child_id = "
		                           "%lld AND event = 'in'",
		                           (long long)child),
		                 1);
		kept++;
	}
	assert_int_equal(kept, RACES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_session_made_on_one_server_is_good_on_the_other),
	    cmocka_unit_test(test_writes_alternated_between_servers_are_all_kept_and_seen_by_both),
	    cmocka_unit_test(test_failed_sign_ins_are_counted_across_servers),
	    cmocka_unit_test(test_one_child_signed_in_on_both_at_once_is_signed_in_once),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
