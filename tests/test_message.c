/*
 * test_message.c — the message book of core_message.h on the demo setting
 * (today pinned to Wednesday 2026-03-04): a message belongs to its day, and
 * one written after 16:00 also shows the next day (the early shift reads
 * the evening's); text is 1..4000 characters and names exactly one of a
 * child, a room or a key group; a handover gives the key person's messages
 * to another member of staff once, who acknowledges once; the pending list
 * empties; every write is audited.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_message.h"
#include "core_staff.h"
#include "date.h"
#include "store.h"

static struct store *s;
static struct actor who = {.setting_id = 1, .name = "test"};
static int day;
static int64_t s01, s04, child; /* the manager's key child */

static int64_t one(const char *sql, int64_t bind)
{
	struct store_stmt *st = store_prepare(s, sql);
	int64_t v = -1;
	if (bind)
		store_bind_int(st, 1, bind);
	if (store_step(st) == STORE_ROW)
		v = store_col_int(st, 0);
	store_finish(st);
	return v;
}

static void run(const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

static int setup(void **state)
{
	char err[256], *out = NULL, *errout = NULL;
	const char *db;
	(void)state;
	setenv("KW_TODAY", "2026-03-04", 1);
	db = t_path("message.db");
	if (t_kw(db, &out, &errout, "demo", "--start", "2026-03-02", NULL) != 0)
		fail_msg("kw demo: %s%s", out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(date_parse("2026-03-04", &day), 0);
	s01 = core_staff_find(s, 1, "S01");
	s04 = core_staff_find(s, 1, "S04");
	child = one("SELECT child_id FROM key_assignment WHERE primary_staff_id = ? "
	            "AND to_date IS NULL ORDER BY child_id LIMIT 1",
	            s01);
	assert_true(s01 > 0 && s04 > 0 && child > 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(s);
	t_cleanup();
	return 0;
}

static int64_t add(int64_t c, int64_t room, int64_t group, int d, const char *text, int status)
{
	struct message_new in = {.child_id = c,
	                         .room_id = room,
	                         .key_person_id = group,
	                         .day = d,
	                         .source = "parent",
	                         .author = "Nadia",
	                         .text = text};
	struct op_error e;
	int64_t id = 0;
	assert_int_equal(core_tx_begin(s, &e), 0);
	if (core_message_add(s, &who, &in, &id, &e) != 0) {
		store_rollback(s);
		assert_int_equal(e.status, status);
		return 0;
	}
	assert_int_equal(status, 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	return id;
}

static size_t shown(int d, int64_t id)
{
	struct arena a;
	struct message *m;
	struct op_error e;
	size_t n, hit = 0;
	arena_init(&a);
	assert_int_equal(core_message_day(s, 1, d, "Europe/London", &a, &m, &n, &e), 0);
	for (size_t i = 0; i < n; i++)
		hit += m[i].id == id;
	arena_free(&a);
	return hit;
}

static void test_validation(void **state)
{
	char big[MESSAGE_TEXT_MAX + 2];
	(void)state;
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	add(0, 0, 0, day, "nobody", OP_INVALID);
	add(child, 1, 0, day, "two targets", OP_INVALID);
	add(child, 0, 0, day, "", OP_INVALID);
	add(child, 0, 0, day, big, OP_INVALID);
	big[MESSAGE_TEXT_MAX] = '\0';
	assert_true(add(child, 0, 0, day, big, 0) > 0);
}

static void test_evening_messages_show_the_next_day(void **state)
{
	int64_t morning, evening;
	(void)state;
	morning = add(child, 0, 0, day - 1, "Calpol at 7am", 0);
	evening = add(0, 1, 0, day - 1, "Heating off in the Babies room tomorrow", 0);
	/* written at 09:00 and at 18:30 on the day before */
	{
		char sql[256];
		snprintf(sql, sizeof sql,
		         "UPDATE handover_message SET created_at = %lld WHERE id = %lld",
		         (long long)date_instant(day - 1, 9 * 60, "Europe/London"),
		         (long long)morning);
		run(sql);
		snprintf(sql, sizeof sql,
		         "UPDATE handover_message SET created_at = %lld WHERE id = %lld",
		         (long long)date_instant(day - 1, 18 * 60 + 30, "Europe/London"),
		         (long long)evening);
		run(sql);
	}
	assert_int_equal(shown(day - 1, morning), 1);
	assert_int_equal(shown(day - 1, evening), 1);
	assert_int_equal(shown(day, morning), 0);
	assert_int_equal(shown(day, evening), 1);
	assert_int_equal(shown(day + 1, evening), 0);
}

static void test_handover_and_acknowledge(void **state)
{
	struct op_error e;
	struct arena a;
	struct message_pending *p;
	size_t n, count;
	int64_t id;
	(void)state;
	id = add(child, 0, 0, day, "Grandma collecting", 0);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(
	    core_message_handover(s, &who, s01, s01, day, "Europe/London", &count, &e), 0);
	assert_int_equal(e.status, OP_INVALID);
	assert_int_equal(core_message_handover(s, &who, s01, s04, day, "Europe/London", &count, &e),
	                 0);
	assert_true(count >= 1);
	assert_int_equal(core_tx_commit(s, &e), 0);
	/* a second handover adds nothing new */
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_message_handover(s, &who, s01, s04, day, "Europe/London", &count, &e),
	                 0);
	assert_int_equal(count, 0);
	assert_int_equal(core_tx_commit(s, &e), 0);

	arena_init(&a);
	assert_int_equal(core_message_pending(s, 1, s04, &a, &p, &n, &e), 0);
	assert_true(n >= 1);
	for (size_t i = 1; i < n; i++)
		assert_true(p[i - 1].created_at <= p[i].created_at);
	arena_free(&a);

	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(core_message_ack(s, &who, id, s01, &e), 0);
	assert_int_equal(e.status, OP_NOT_FOUND);
	assert_int_equal(core_message_ack(s, &who, id, s04, &e), 0);
	assert_int_not_equal(core_message_ack(s, &who, id, s04, &e), 0);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(core_tx_commit(s, &e), 0);

	arena_init(&a);
	assert_int_equal(core_message_pending(s, 1, 0, &a, &p, &n, &e), 0);
	for (size_t i = 0; i < n; i++)
		assert_true(p[i].message_id != id);
	arena_free(&a);
	assert_true(one("SELECT count(*) FROM audit_log WHERE action = 'message.ack'", 0) == 1);
	assert_true(one("SELECT count(*) FROM audit_log WHERE action = 'message.handover'", 0) >=
	            1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_validation),
	    cmocka_unit_test(test_evening_messages_show_the_next_day),
	    cmocka_unit_test(test_handover_and_acknowledge),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
