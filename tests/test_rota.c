/*
 * test_rota.c — the rota week drafted, then published (core_rota.h, kw
 * rota), on the demo of 2 March 2026 (in ratio every day but the sick
 * Monday). The week of 16 March lies beyond the demo's fortnight: drafting
 * there a copy of the week of 9 March (in ratio) and publishing it works
 * and is audited; the same copy with no one in Babies on the Wednesday is
 * refused listing the slots, publishes nothing, and with --override is
 * published with the reason audited; drafts stay out of `kw today` until
 * published; DSL and SENCo on site follow the published rota and absences;
 * the PFA expiring list; the draft command's refusals; the page.
 */
#include "support.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_rota.h"
#include "core_staff.h"
#include "http.h"
#include "store.h"
#include "web.h"

static char db[768];

static int setup(void **state)
{
	(void)state;
	setenv("KW_TODAY", "2026-03-02", 1);
	snprintf(db, sizeof db, "%s", t_path("rota.db"));
	assert_int_equal(t_kw(db, NULL, NULL, "demo", "--start", "2026-03-02", NULL), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	t_cleanup();
	return 0;
}

/* One integer from SQL run on the test database. */
static long long sql_int(const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[256];
	long long v = -1;
	assert_int_equal(store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	st = store_prepare(s, sql);
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		v = store_col_int(st, 0);
	store_finish(st);
	store_close(s);
	return v;
}

static void sql_run(const char *sql)
{
	struct store *s;
	char err[1024];
	assert_int_equal(store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	if (t_sql_script(s, sql, err, sizeof err) != 0)
		fail_msg("%s", err);
	store_close(s);
}

/* Draft, for the week of 16 March, the published shifts of the week of 9
 * March a week later, leaving out those in skip_room on skip_date (NULL:
 * none), with core_rota_draft_shift in one transaction. Returns the count. */
static int draft_copy(const char *skip_room, const char *skip_date)
{
	struct store_stmt *q;
	struct store *s;
	struct op_error e;
	struct arena a;
	char err[256];
	struct actor who = {.setting_id = 1, .name = "test"};
	int n = 0, rows = 0;
	struct {
		char code[64], date[DATE_LEN], start[TIME_LEN], end[TIME_LEN], room[128];
	} *shifts = calloc(512, sizeof *shifts);

	assert_int_equal(store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	q = store_prepare(s,
	                  "SELECT s.code, sh.date, sh.start_min, sh.end_min, "
	                  "coalesce(r.name, '') FROM shift sh JOIN staff s ON s.id = sh.staff_id "
	                  "LEFT JOIN room r ON r.id = sh.room_id WHERE sh.date >= '2026-03-09' "
	                  "AND sh.date < '2026-03-16' AND sh.published = 1 ORDER BY sh.id");
	assert_non_null(q);
	while (store_step(q) == STORE_ROW && rows < 512) {
		int day;
		snprintf(shifts[rows].code, sizeof shifts[0].code, "%s", store_col_text(q, 0));
		assert_int_equal(date_parse(store_col_text(q, 1), &day), 0);
		date_format(day + 7, shifts[rows].date);
		time_format((int)store_col_int(q, 2), shifts[rows].start);
		time_format((int)store_col_int(q, 3), shifts[rows].end);
		snprintf(shifts[rows].room, sizeof shifts[0].room, "%s", store_col_text(q, 4));
		rows++;
	}
	store_finish(q);
	arena_init(&a);
	assert_int_equal(core_tx_begin(s, &e), 0);
	for (int i = 0; i < rows; i++) {
		const char *raw[SHIFT__MAX] = {0};
		struct field_value v[SHIFT__MAX];
		struct field_error fe;
		int64_t id;
		raw[SHIFT_STAFF] = shifts[i].code;
		raw[SHIFT_DATE] = shifts[i].date;
		raw[SHIFT_START] = shifts[i].start;
		raw[SHIFT_END] = shifts[i].end;
		raw[SHIFT_ROOM] = shifts[i].room;
		if (skip_room && strcmp(raw[SHIFT_ROOM], skip_room) == 0 &&
		    strcmp(raw[SHIFT_DATE], skip_date) == 0)
			continue;
		if (valid_record(core_shift_fields, SHIFT__MAX, raw, v, &a, &fe) != 0)
			fail_msg("%s: %s", fe.field, fe.msg);
		if (core_rota_draft_shift(s, &who, v, &id, &e) != 0)
			fail_msg("%s: %s", e.field, e.msg);
		n++;
	}
	assert_int_equal(core_tx_commit(s, &e), 0);
	arena_free(&a);
	store_close(s);
	free(shifts);
	return n;
}

#define WEEK3 "sh.date >= '2026-03-16' AND sh.date < '2026-03-23'"

static json_t *week_json(const char *week)
{
	char *out = NULL;
	json_t *j;
	assert_int_equal(t_kw(db, &out, NULL, "rota", "week", "--week", week, "--json", NULL), 0);
	j = json_loads(out, 0, NULL);
	assert_non_null(j);
	free(out);
	return j;
}

static json_t *day_of(json_t *week, int d)
{
	return json_array_get(json_object_get(week, "days"), (size_t)d);
}

static void test_publish_clean(void **state)
{
	char *out = NULL, *err = NULL;
	json_t *w;
	int n;
	(void)state;
	n = draft_copy(NULL, NULL);
	assert_true(n > 50);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'rota.draft'"), n);

	/* drafts are not part of the day */
	assert_int_equal(t_kw(db, &out, NULL, "today", "--date", "2026-03-16", "--json", NULL), 0);
	assert_int_equal(t_count(out, "\"shift\": \""), 0);
	free(out);
	w = week_json("2026-03-18"); /* any day of the week */
	assert_string_equal(json_string_value(json_object_get(w, "week")), "2026-03-16");
	assert_int_equal(json_integer_value(json_object_get(w, "drafts")), n);
	assert_int_equal(json_integer_value(json_object_get(day_of(w, 0), "staff_on")), 0);
	assert_false(json_is_true(json_object_get(day_of(w, 0), "dsl_on")));
	assert_false(json_is_true(json_object_get(day_of(w, 0), "senco_on")));
	assert_true(json_integer_value(json_object_get(day_of(w, 0), "slots_short")) > 0);
	json_decref(w);

	assert_int_equal(t_kw(db, &out, &err, "rota", "publish", "--week", "2026-03-16", NULL), 0);
	assert_non_null(strstr(out, "published the week of 2026-03-16"));
	free(out);
	free(err);
	assert_int_equal(sql_int("SELECT count(*) FROM shift sh WHERE " WEEK3 " AND published = 0"),
	                 0);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'rota.publish'"),
	                 1);

	assert_int_equal(t_kw(db, &out, NULL, "today", "--date", "2026-03-16", "--json", NULL), 0);
	assert_true(t_count(out, "\"shift\": \"") > 0);
	free(out);

	/* DSL (S11) and SENCo (S07) follow the rota, and absences */
	w = week_json("2026-03-16");
	for (int d = 0; d < 5; d++) {
		json_t *day = day_of(w, d);
		assert_int_equal(json_integer_value(json_object_get(day, "slots_short")), 0);
		assert_true(json_is_null(json_object_get(day, "worst")));
		assert_true(json_integer_value(json_object_get(day, "staff_on")) > 10);
		assert_true(json_is_true(json_object_get(day, "dsl_on")));
		assert_true(json_is_true(json_object_get(day, "senco_on")));
		assert_int_equal(json_integer_value(json_object_get(day, "drafts")), 0);
	}
	assert_false(json_is_true(json_object_get(day_of(w, 5), "dsl_on"))); /* Saturday: closed */
	json_decref(w);
	assert_int_equal(t_kw(db, NULL, NULL, "absence", "add", "S11", "--from", "2026-03-17",
	                      "--reason", "training", NULL),
	                 0);
	assert_int_equal(t_kw(db, NULL, NULL, "absence", "add", "S07", "--from", "2026-03-18",
	                      "--reason", "holiday", NULL),
	                 0);
	w = week_json("2026-03-16");
	assert_false(json_is_true(json_object_get(day_of(w, 1), "dsl_on")));
	assert_true(json_is_true(json_object_get(day_of(w, 1), "senco_on")));
	assert_true(json_is_true(json_object_get(day_of(w, 2), "dsl_on")));
	assert_false(json_is_true(json_object_get(day_of(w, 2), "senco_on")));
	json_decref(w);
}

static void test_publish_short_refused_then_overridden(void **state)
{
	char *out = NULL, *err = NULL;
	long long drafts;
	(void)state;
	assert_true(draft_copy("Babies", "2026-03-18") > 50);
	drafts = sql_int("SELECT count(*) FROM shift sh WHERE " WEEK3 " AND published = 0");

	assert_int_equal(t_kw(db, &out, &err, "rota", "publish", "--week", "2026-03-16", NULL), 1);
	assert_non_null(strstr(err, "out of ratio"));
	assert_non_null(strstr(err, "2026-03-18 Babies "));
	assert_null(strstr(err, "2026-03-17")); /* only the short day is listed */
	free(out);
	free(err);
	assert_int_equal(sql_int("SELECT count(*) FROM shift sh WHERE " WEEK3 " AND published = 1"),
	                 0);
	assert_int_equal(sql_int("SELECT count(*) FROM shift sh WHERE " WEEK3 " AND published = 0"),
	                 drafts);
	assert_int_equal(
	    sql_int("SELECT count(*) FROM audit_log WHERE action LIKE 'rota.publish%'"), 0);

	assert_int_equal(t_kw(db, &out, &err, "rota", "publish", "--week", "2026-03-20",
	                      "--override", "agency cover booked for Babies", NULL),
	                 0);
	assert_non_null(strstr(out, "overridden"));
	assert_non_null(strstr(out, "2026-03-18 Babies "));
	free(out);
	free(err);
	assert_int_equal(sql_int("SELECT count(*) FROM shift sh WHERE " WEEK3 " AND published = 1"),
	                 drafts);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = "
	                         "'rota.publish.override' AND detail LIKE '%agency cover booked%' "
	                         "AND detail LIKE '%slots out of ratio%'"),
	                 1);
	/* the week view shows the gap that remains */
	{
		json_t *w = week_json("2026-03-16");
		json_t *wed = day_of(w, 2);
		assert_true(json_integer_value(json_object_get(wed, "slots_short")) > 0);
		assert_string_equal(
		    json_string_value(json_object_get(json_object_get(wed, "worst"), "room")),
		    "Babies");
		assert_int_equal(json_integer_value(json_object_get(day_of(w, 1), "slots_short")),
		                 0);
		json_decref(w);
	}
}

static void test_expiring(void **state)
{
	char *out = NULL;
	(void)state;
	sql_run("UPDATE staff SET pfa_expires = '2026-03-10' WHERE code = 'S05';"
	        "UPDATE staff SET pfa_expires = '2030-01-01' WHERE code = 'S06';"
	        "UPDATE staff SET pfa_expires = '2026-02-01' WHERE code = 'S08';");
	assert_int_equal(t_kw(db, &out, NULL, "rota", "expiring", "--weeks", "2", NULL), 0);
	assert_non_null(strstr(out, "S05"));
	assert_non_null(strstr(out, "expires 2026-03-10"));
	assert_non_null(strstr(out, "S08"));
	assert_non_null(strstr(out, "expired 2026-02-01"));
	assert_null(strstr(out, "S06"));
	free(out);
	assert_int_equal(t_kw(db, NULL, NULL, "rota", "expiring", "--weeks", "x", NULL), 2);
}

static void test_draft_cli(void **state)
{
	char *out = NULL, *err = NULL;
	(void)state;
	assert_int_equal(t_kw(db, &out, &err, "rota", "draft", "S04", "--date", "2026-03-23",
	                      "--start", "08:00", "--end", "16:00", "--room", "Babies", NULL),
	                 0);
	assert_non_null(strstr(out, "not published"));
	free(out);
	free(err);
	assert_int_equal(sql_int("SELECT published FROM shift WHERE date = '2026-03-23'"), 0);
	assert_int_equal(t_kw(db, NULL, &err, "rota", "draft", "S99", "--date", "2026-03-23",
	                      "--start", "08:00", "--end", "16:00", NULL),
	                 1);
	assert_non_null(strstr(err, "staff"));
	free(err);
	assert_int_equal(t_kw(db, NULL, &err, "rota", "draft", "S04", "--date", "2026-03-23",
	                      "--start", "16:00", "--end", "08:00", NULL),
	                 1);
	assert_non_null(strstr(err, "end"));
	free(err);
	assert_int_equal(t_kw(db, NULL, &err, "rota", "draft", "S04", "--date", "2026-03-23",
	                      "--start", "08:00", "--end", "16:00", "--room", "Attic", NULL),
	                 1);
	assert_non_null(strstr(err, "room"));
	free(err);
	assert_int_equal(t_kw(db, NULL, NULL, "rota", "draft", "S04", "--date", "soon", "--start",
	                      "08:00", "--end", "16:00", NULL),
	                 2);
	assert_int_equal(sql_int("SELECT count(*) FROM shift WHERE date = '2026-03-23'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_publish_clean, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_publish_short_refused_then_overridden, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_expiring, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_draft_cli, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
