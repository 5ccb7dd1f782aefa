/*
 * test_outbox.c — notifications to families (issue 7) on the demo setting
 * with today pinned (Tuesday 2026-03-03): the key person's answer in a
 * family's thread and a day's diary published each queue one outbox row
 * per contact of that family with parental responsibility (email where the
 * contact gave an address) and none for any other family; a family's own
 * message queues nothing; a room move applied tells the family of the new
 * key person (planned, it does not yet); the manager's /outbox says email is off until
 * something is sent, and no one else reaches it; `core_outbox_send` hands
 * the rows to an SMTP server (a small one in this test, on loopback)
 * through libcurl and marks them sent with an audit row, records the error
 * of a server that is not there, and refuses a URL that is not smtp://.
 */
#include "http_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core_diary.h"
#include "core_outbox.h"
#include "date.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-03"
#define OLD_DAY "2026-02-02"

static struct server srv;
static const char *db;
static int64_t child, other_child;

static int group_setup(void **state)
{
	(void)state;
	db = th_demo(&srv, "outbox.db", TODAY, TODAY, TH_API_JSON);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                  "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	other_child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 "
	                        "WHERE c.family_id <> k.family_id ORDER BY c.id LIMIT 1");
	th_serve();
	return 0;
}

/* The contacts who are told about a child: parental responsibility, no restriction. */
static int64_t told_about(int64_t id, const char *with_email)
{
	return th_db_int("SELECT count(*) FROM contact k JOIN child c ON c.family_id = k.family_id "
	                 "WHERE c.id = %lld AND k.parental_responsibility = 1 AND k.restriction "
	                 "= 'none'%s",
	                 (long long)id, with_email);
}

static int64_t queued(const char *subject, const char *where, int64_t id)
{
	return th_db_int("SELECT count(*) FROM outbox WHERE subject = '%s' AND child_id %s %lld",
	                 subject, where, (long long)id);
}

static void test_an_answer_from_the_key_person_tells_that_family_only(void **state)
{
	static const char subject[] = "A new message from the nursery";
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char path[64];
	int64_t mine = queued(subject, "=", child), others = queued(subject, "<>", child);
	int64_t email = th_db_int("SELECT count(*) FROM outbox WHERE child_id = %lld AND channel = "
	                          "'email'",
	                          (long long)child);
	struct th_reply r;
	(void)state;
	assert_true(told_about(child, "") > 0);
	/* the family writes: nobody is emailed about their own message */
	snprintf(path, sizeof path, "/family/children/%lld/messages", (long long)child);
	r = th_post(p, path, "text=Grandma+is+collecting+today");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(queued(subject, "=", child), mine);
	/* the key person answers: each of that family's contacts is told */
	snprintf(path, sizeof path, "/children/%lld/thread", (long long)child);
	r = th_post(k, path, "text=Thanks%2C+noted");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(queued(subject, "=", child), mine + told_about(child, ""));
	assert_int_equal(th_db_int("SELECT count(*) FROM outbox WHERE child_id = %lld AND channel "
	                           "= 'email'",
	                           (long long)child),
	                 email + told_about(child, " AND k.email <> ''"));
	assert_int_equal(queued(subject, "<>", child), others);
	/* the email names no child */
	assert_int_equal(th_db_int("SELECT count(*) FROM outbox o JOIN child c ON c.id = "
	                           "o.child_id WHERE o.subject = '%s' AND o.body LIKE '%%' || "
	                           "c.first_name || '%%'",
	                           subject),
	                 0);
	free(k);
	free(p);
}

static void publish(int day, int64_t id)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[256];
	int count = 0;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	if (core_diary_publish(s, &who, day, id, 0, &count, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	assert_true(count > 0);
}

static void test_publishing_a_day_tells_the_families_of_its_children_once_each(void **state)
{
	static const char subject[] = "Today''s diary is ready"; /* quoted for SQL */
	int64_t mine, others;
	int day;
	(void)state;
	assert_int_equal(date_parse(OLD_DAY, &day), 0);
	th_db_exec("DELETE FROM diary_entry WHERE date = '%s'", OLD_DAY);
	/* two entries for the child that day, one for another child the day before */
	th_db_exec("INSERT INTO diary_entry (setting_id, child_id, date, kind, detail, "
	           "created_at) VALUES (1, %lld, '%s', 'meal', 'pasta', 1), (1, %lld, '%s', "
	           "'sleep', 'an hour', 1), (1, %lld, '2026-02-01', 'meal', 'soup', 1)",
	           (long long)child, OLD_DAY, (long long)child, OLD_DAY, (long long)other_child);
	mine = queued(subject, "=", child);
	others = queued(subject, "<>", child);
	publish(day, 0);
	assert_int_equal(queued(subject, "=", child), mine + told_about(child, ""));
	assert_int_equal(queued(subject, "<>", child), others);
	/* nothing left to publish: nobody is told again */
	th_db_exec("INSERT INTO diary_entry (setting_id, child_id, date, kind, detail, "
	           "created_at, published_at) VALUES (1, %lld, '%s', 'note', 'x', 1, 1)",
	           (long long)other_child, OLD_DAY);
	{
		struct store *s;
		struct op_error e;
		struct actor who = {.setting_id = 1, .name = "test"};
		char err[256];
		int count = -1;
		assert_int_equal(store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
		assert_int_equal(core_tx_begin(s, &e), 0);
		assert_int_equal(core_diary_publish(s, &who, day, 0, 0, &count, &e), 0);
		assert_int_equal(core_tx_commit(s, &e), 0);
		store_close(s);
		assert_int_equal(count, 0);
	}
	assert_int_equal(queued(subject, "=", child), mine + told_about(child, ""));
	assert_int_equal(queued(subject, "<>", child), others);
}

static void test_a_room_move_tells_the_family_of_the_new_key_person(void **state)
{
	static const char subject[] = "A change of key person";
	char *m = th_signin("manager", "demo-manager-2026");
	char *room = th_db_text("SELECT name FROM room WHERE id <> (SELECT room_id FROM child "
	                        "WHERE id = %lld) ORDER BY id LIMIT 1",
	                        (long long)other_child);
	char path[96], fields[160], apply[128];
	int64_t mine = queued(subject, "=", other_child),
	        others = queued(subject, "<>", other_child);
	int64_t t;
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/children/%lld/transitions", (long long)other_child);
	snprintf(fields, sizeof fields, "kind=room_move&date=" TODAY "&to_room=%s", room);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	/* planned is not yet told */
	assert_int_equal(queued(subject, "=", other_child), mine);
	t = th_db_int("SELECT max(id) FROM transition WHERE child_id = %lld",
	              (long long)other_child);
	snprintf(apply, sizeof apply, "%s/%lld/apply", path, (long long)t);
	r = th_post(m, apply, "");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(queued(subject, "=", other_child), mine + told_about(other_child, ""));
	assert_int_equal(queued(subject, "<>", other_child), others);
	assert_int_equal(th_db_int("SELECT count(*) FROM outbox WHERE child_id = %lld AND subject "
	                           "= '%s' AND body LIKE '%%from " TODAY "%%'",
	                           (long long)other_child, subject),
	                 told_about(other_child, ""));
	free(room);
	free(m);
}

/* ---- a small SMTP server on loopback: answers every command, keeps the messages ---- */

struct smtp {
	int fd, port, connections;
	char got[8192];
	size_t len;
	pthread_t thread;
};

static void say(int c, const char *line)
{
	size_t n = strlen(line);
	assert_int_equal(write(c, line, n), (ssize_t)n);
}

static void *smtp_serve(void *arg)
{
	struct smtp *m = arg;
	for (int k = 0; k < m->connections; k++) {
		char line[1024];
		size_t n = 0;
		int c = accept(m->fd, NULL, NULL), data = 0;
		if (c < 0)
			break;
		say(c, "220 test ESMTP\r\n");
		for (;;) {
			char ch;
			if (read(c, &ch, 1) != 1)
				break;
			if (n < sizeof line - 1)
				line[n++] = ch;
			if (ch != '\n')
				continue;
			line[n] = '\0';
			if (m->len + n < sizeof m->got) {
				memcpy(m->got + m->len, line, n);
				m->len += n;
			}
			n = 0;
			if (data) {
				if (strcmp(line, ".\r\n") == 0) {
					data = 0;
					say(c, "250 queued\r\n");
				}
			} else if (strncmp(line, "DATA", 4) == 0) {
				data = 1;
				say(c, "354 go on\r\n");
			} else if (strncmp(line, "QUIT", 4) == 0) {
				say(c, "221 bye\r\n");
				break;
			} else {
				say(c, "250 ok\r\n");
			}
		}
		close(c);
	}
	return NULL;
}

static void smtp_start(struct smtp *m, int connections)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof a;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	m->connections = connections;
	m->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(m->fd >= 0);
	assert_int_equal(bind(m->fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(m->fd, 8), 0);
	assert_int_equal(getsockname(m->fd, (struct sockaddr *)&a, &len), 0);
	m->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&m->thread, NULL, smtp_serve, m), 0);
}

static int send_outbox(const char *url, const char *from, size_t limit, int *sent, int *failed,
                       struct op_error *e)
{
	struct store *s;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[256];
	int rc;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	rc = core_outbox_send(s, &who, url, from, limit, sent, failed, e);
	store_close(s);
	return rc;
}

static void test_the_manager_sees_email_is_off_then_the_outbox_is_sent_by_smtp(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char url[64];
	struct smtp srv_mail = {0};
	struct op_error e;
	struct th_reply r;
	int sent = 0, failed = 0;
	int64_t first, waiting, audits;
	(void)state;
	th_db_exec("UPDATE outbox SET sent_at = NULL, attempts = 0");
	waiting = th_db_int("SELECT count(*) FROM outbox WHERE channel = 'email'");
	assert_true(waiting >= 2);
	r = th_get(m, "/outbox", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "id=\"smtp-off\"");
	th_assert_contains(r.body, "<strong>Email is off:</strong>");
	th_assert_contains(r.body, "kw outbox send");
	th_reply_free(&r);
	/* nobody else reads the outbox */
	r = th_get(k, "/outbox", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(p, "/outbox", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);

	/* a URL that is not SMTP, or no sender: refused, nothing tried */
	assert_int_equal(
	    send_outbox("http://127.0.0.1:1", "nursery@example.org", 5, &sent, &failed, &e), -1);
	assert_string_equal(e.field, "smtp");
	assert_int_equal(send_outbox("smtp://127.0.0.1:1", "nursery", 5, &sent, &failed, &e), -1);
	assert_string_equal(e.field, "from");
	assert_int_equal(th_db_int("SELECT count(*) FROM outbox WHERE attempts > 0"), 0);

	/* a server that is not there: the attempt and its error are kept, nothing marked sent */
	first = th_db_int("SELECT min(o.id) FROM outbox o JOIN contact k ON k.id = o.contact_id "
	                  "WHERE o.channel = 'email' AND k.email <> ''");
	{
		struct sockaddr_in a = {.sin_family = AF_INET};
		socklen_t len = sizeof a;
		int fd = socket(AF_INET, SOCK_STREAM, 0); /* a port nobody listens on */
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
		assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
		snprintf(url, sizeof url, "smtp://127.0.0.1:%d", ntohs(a.sin_port));
		assert_int_equal(send_outbox(url, "nursery@example.org", 1, &sent, &failed, &e), 0);
		close(fd);
	}
	assert_int_equal(sent, 0);
	assert_int_equal(failed, 1);
	assert_int_equal(th_db_int("SELECT attempts FROM outbox WHERE id = %lld", (long long)first),
	                 1);
	assert_true(th_db_int("SELECT length(last_error) FROM outbox WHERE id = %lld",
	                      (long long)first) > 0);
	assert_int_equal(th_db_int("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"), 0);

	/* the server answers: two messages sent, marked and audited */
	audits = th_db_int("SELECT count(*) FROM audit_log WHERE action = 'outbox.sent'");
	smtp_start(&srv_mail, 2);
	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", srv_mail.port);
	assert_int_equal(send_outbox(url, "nursery@example.org", 2, &sent, &failed, &e), 0);
	pthread_join(srv_mail.thread, NULL);
	close(srv_mail.fd);
	srv_mail.got[srv_mail.len] = '\0';
	assert_int_equal(sent, 2);
	assert_int_equal(failed, 0);
	assert_int_equal(th_db_int("SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"), 2);
	assert_true(th_db_int("SELECT sent_at FROM outbox WHERE id = %lld", (long long)first) > 0);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'outbox.sent'"),
	                 audits + 2);
	{
		char *to = th_db_text("SELECT k.email FROM outbox o JOIN contact k ON k.id = "
		                      "o.contact_id WHERE o.id = %lld",
		                      (long long)first);
		char rcpt[300];
		snprintf(rcpt, sizeof rcpt, "RCPT TO:<%s>", to);
		th_assert_contains(srv_mail.got, rcpt);
		free(to);
	}
	th_assert_contains(srv_mail.got, "MAIL FROM:<nursery@example.org>");
	th_assert_contains(srv_mail.got, "Subject: ");
	/* now the page says email is on */
	r = th_get(m, "/outbox", NULL);
	th_assert_lacks(r.body, "id=\"smtp-off\"");
	th_assert_contains(r.body, "Email is sent by SMTP");
	th_assert_contains(r.body, "sent ");
	th_reply_free(&r);
	free(m);
	free(k);
	free(p);
}

static void test_kw_outbox_lists_and_refuses_a_bad_server(void **state)
{
	char *out = NULL, *err = NULL;
	(void)state;
	th_db_exec("UPDATE outbox SET sent_at = NULL, attempts = 0");
	assert_int_equal(t_kw(db, &out, &err, "outbox", "list", "--limit", "3", NULL), 0);
	th_assert_contains(out, "Email is off");
	th_assert_contains(out, "SUBJECT");
	th_assert_contains(out, "waiting");
	free(out);
	free(err);
	out = err = NULL;
	assert_int_equal(t_kw(db, &out, &err, "outbox", "send", "--smtp", "http://127.0.0.1:1",
	                      "--from", "nursery@example.org", NULL),
	                 2);
	th_assert_contains(err, "smtp");
	free(out);
	free(err);
	out = err = NULL;
	assert_int_equal(t_kw(db, &out, &err, "outbox", "send", "--from", "a@example.org", NULL),
	                 2);
	free(out);
	free(err);
	assert_int_equal(th_db_int("SELECT count(*) FROM outbox WHERE attempts > 0"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_an_answer_from_the_key_person_tells_that_family_only),
	    cmocka_unit_test(test_publishing_a_day_tells_the_families_of_its_children_once_each),
	    cmocka_unit_test(test_a_room_move_tells_the_family_of_the_new_key_person),
	    cmocka_unit_test(test_kw_outbox_lists_and_refuses_a_bad_server),
	    cmocka_unit_test(test_the_manager_sees_email_is_off_then_the_outbox_is_sent_by_smtp),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
