/*
 * test_http_records.c — the key person's records with the family through
 * http_handle(): the daily diary's quick entry for a key group (all rows
 * or none, the bad row and field named), publishing only when published,
 * who may write (a parent never; a practitioner not outside their rooms),
 * the JSON diary, the weekly draft built from the week's shared
 * observations and diary, the due list of the check at two at its
 * boundaries, sharing with the health visitor only with consent (and
 * audited), meetings at the family's preferred method, a room move that
 * changes the key person on its date only, and the consent-gated transfer
 * record.
 */
#include "http_support.h"

#include <stdlib.h>
#include <string.h>

#include "web.h"

#define START "2026-03-02"
#define TODAY "2026-03-04"
#define ROOM_OF_S04 "Babies" /* the keyperson's home room in the demo */

static struct server srv;
static const char *db;

static int group_setup(void **state)
{
	(void)state;
	db = th_demo(&srv, "records.db", START, TODAY, TH_API_JSON);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
	return 0;
}

#define KEY_SQL                                                                                 \
	"SELECT k.child_id FROM key_assignment k JOIN staff s ON s.id IN (k.primary_staff_id, " \
	"k.secondary_staff_id) WHERE s.code = 'S04' AND k.from_date <= '" TODAY "' AND "        \
	"(k.to_date IS NULL OR k.to_date > '" TODAY "') "                                       \
	"ORDER BY s.id = k.primary_staff_id DESC, k.child_id"

/* The keyperson's (S04's) k-th key or buddy child (their key child first; three in all). */
static int64_t key_child(int k)
{
	return th_db_int(KEY_SQL " LIMIT 1 OFFSET %d", k);
}

/* The k-th child of S04's home room (whose diary they write, as staff of the room). */
static int64_t room_child(int k)
{
	return th_db_int("SELECT c.id FROM child c JOIN staff_room sr ON sr.room_id = c.room_id "
	                 "JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04' AND "
	                 "sr.position = 0 ORDER BY c.id LIMIT 1 OFFSET %d",
	                 k);
}

/* A child in a room S04 does not work in, and not their key or buddy child. */
static int64_t other_room_child(void)
{
	return th_db_int("SELECT c.id FROM child c WHERE c.room_id NOT IN (SELECT sr.room_id FROM "
	                 "staff_room sr JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04') "
	                 "AND c.id NOT IN (SELECT k.child_id FROM key_assignment k JOIN staff s ON "
	                 "s.id IN (k.primary_staff_id, k.secondary_staff_id) WHERE s.code = 'S04') "
	                 "ORDER BY c.id LIMIT 1");
}

static int64_t diary_count(void)
{
	return th_db_int("SELECT count(*) FROM diary_entry");
}

static void test_a_parent_never_reaches_the_record_pages(void **state)
{
	static const char *const paths[] = {"/diary", "/weekly", "/twoyear", "/meetings"};
	char *p = th_signin("parent", "demo-parent-2026");
	int64_t own = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = "
	                        "c.family_id WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	char path[96];
	struct th_reply r;
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(paths); i++) {
		r = th_get(p, paths[i], NULL);
		assert_int_equal(r.status, 403);
		th_reply_free(&r);
	}
	snprintf(path, sizeof path, "/children/%lld/diary", (long long)own);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(p, path, "kind=note&detail=hello");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	free(p);
}

static void test_a_practitioner_of_another_room_is_refused(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t other = other_room_child(), before = diary_count();
	char path[96], fields[128];
	struct th_reply r;
	(void)state;
	assert_true(other > 0);
	snprintf(path, sizeof path, "/children/%lld/diary", (long long)other);
	r = th_post(k, path, "kind=note&detail=Not+mine");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	/* smuggled into the group form as a row */
	snprintf(fields, sizeof fields, "kind=meal&item=lunch&c0=%lld&amount0=all",
	         (long long)other);
	r = th_post(k, "/diary", fields);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_int_equal(diary_count(), before);
	free(k);
}

static void test_quick_group_entry_writes_all_rows_or_none(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t a = room_child(0), b = room_child(1), c = room_child(2), before;
	char fields[512];
	struct th_reply r;
	(void)state;
	assert_true(a > 0 && b > 0 && c > 0);
	/* the page shows the key group's lunch form */
	r = th_get(k, "/diary", "kind=meal&room=" ROOM_OF_S04);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "name=\"amount0\"");
	th_reply_free(&r);

	before = diary_count();
	snprintf(fields, sizeof fields,
	         "date=" TODAY "&room=" ROOM_OF_S04
	         "&kind=meal&item=lunch&time=11:45&c0=%lld&amount0=all&c1=%lld&"
	         "amount1=lots&c2=%lld&amount2=some&detail2=Loved+the+pasta",
	         (long long)a, (long long)b, (long long)c);
	r = th_post(k, "/diary", fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "Row 2");
	th_assert_contains(r.body, "amount");
	th_assert_contains(r.body, "aria-invalid=\"true\" aria-describedby=\"amount1-error\"");
	th_reply_free(&r);
	assert_int_equal(diary_count(), before);

	snprintf(fields, sizeof fields,
	         "date=" TODAY "&room=" ROOM_OF_S04
	         "&kind=meal&item=lunch&time=11:45&c0=%lld&amount0=all&c1=%lld&"
	         "amount1=most&c2=%lld&amount2=some&detail2=Loved+the+pasta",
	         (long long)a, (long long)b, (long long)c);
	r = th_post(k, "/diary", fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(diary_count(), before + 3);
	assert_int_equal(th_db_int("SELECT count(*) FROM diary_entry WHERE child_id = %lld AND "
	                           "date = '" TODAY "' AND item = 'lunch' AND amount = 'some' AND "
	                           "detail = 'Lunch: some — Loved the pasta'",
	                           (long long)c),
	                 1);
	/* rows left empty are not entries */
	snprintf(fields, sizeof fields, "date=" TODAY "&kind=mood&c0=%lld&item0=happy&c1=%lld",
	         (long long)a, (long long)b);
	r = th_post(k, "/diary", fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(diary_count(), before + 4);
	free(k);
}

static void test_the_diary_is_not_published_until_it_is_published(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t a = key_child(0);
	char path[96], *out = NULL, *err = NULL;
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/children/%lld/diary", (long long)a);
	r = th_post(k, path, "date=" TODAY "&kind=sleep&time=12:30&end=14:00");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM diary_entry WHERE child_id = %lld AND "
	                           "kind = 'sleep' AND date = '" TODAY "' AND published_at IS NULL",
	                           (long long)a),
	                 1);
	/* the key person's publish button publishes their key group's day */
	r = th_post(k, "/diary/publish", "date=" TODAY);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM diary_entry WHERE child_id = %lld AND "
	                           "date = '" TODAY "' AND published_at IS NULL",
	                           (long long)a),
	                 0);
	/* the demo's other room keeps its entries back until kw diary publish */
	assert_true(th_db_int("SELECT count(*) FROM diary_entry WHERE date = '" TODAY
	                      "' AND published_at IS NULL") > 0);
	assert_int_equal(t_kw(db, &out, &err, "diary", "publish", "--date", TODAY, NULL), 0);
	th_assert_contains(out, "published");
	assert_int_equal(th_db_int("SELECT count(*) FROM diary_entry WHERE date = '" TODAY
	                           "' AND published_at IS NULL"),
	                 0);
	assert_true(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'diary.publish'") >=
	            2);
	free(out);
	free(err);
	free(k);
}

static void test_the_json_diary_takes_all_entries_or_none(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *csrf = th_csrf_of(k), path[96];
	int64_t a = key_child(0), before = diary_count();
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/api/v1/children/%lld/diary", (long long)a);
	r = th_request_csrf("POST", path, NULL, csrf, k, "application/json",
	                    "{\"entries\": [{\"kind\": \"drink\", \"item\": \"water\"},"
	                    " {\"kind\": \"meal\", \"item\": \"tea\", \"amount\": \"heaps\"}]}");
	assert_int_equal(r.status, 422);
	assert_string_equal(json_string_value(json_object_get(r.json, "field")),
	                    "entries[1].amount");
	th_reply_free(&r);
	assert_int_equal(diary_count(), before);
	r = th_request_csrf(
	    "POST", path, NULL, csrf, k, "application/json",
	    "{\"date\": \"" TODAY "\", \"entries\": [{\"kind\": \"drink\", \"item\": "
	    "\"water\"}, {\"kind\": \"meal\", \"item\": \"tea\", \"amount\": \"most\"}]}");
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	assert_int_equal(diary_count(), before + 2);
	r = th_get(k, path, "date=" TODAY);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Tea: most");
	th_reply_free(&r);
	free(csrf);
	free(k);
}

static void test_the_weekly_draft_holds_the_weeks_shared_observations_and_diary(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t a = key_child(1), staff = th_db_int("SELECT id FROM staff WHERE code = 'S04'");
	char path[96];
	struct th_reply r;
	(void)state;
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, next_steps, "
	           "shared, created_at) VALUES (1, %lld, '" TODAY "', 'Built a tall tower of "
	           "blocks', 'Count the blocks together', 1, 0)",
	           (long long)staff);
	th_db_exec(
	    "INSERT INTO observation_child VALUES (1, (SELECT max(id) FROM observation), %lld)",
	    (long long)a);
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, shared, "
	           "created_at) VALUES (1, %lld, '" TODAY "', 'Private staff note', 0, 0)",
	           (long long)staff);
	th_db_exec(
	    "INSERT INTO observation_child VALUES (1, (SELECT max(id) FROM observation), %lld)",
	    (long long)a);
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, shared, "
	           "created_at) VALUES (1, %lld, '2026-02-20', 'Last month shared', 1, 0)",
	           (long long)staff);
	th_db_exec(
	    "INSERT INTO observation_child VALUES (1, (SELECT max(id) FROM observation), %lld)",
	    (long long)a);
	th_db_exec("INSERT INTO diary_entry (setting_id, child_id, date, kind, detail, created_at) "
	           "VALUES (1, %lld, '2026-03-03', 'activity', 'Painted with cars', 0)",
	           (long long)a);
	snprintf(path, sizeof path, "/children/%lld/weekly", (long long)a);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Built a tall tower of blocks");
	th_assert_contains(r.body, "Count the blocks together");
	th_assert_contains(r.body, "Painted with cars");
	th_assert_lacks(r.body, "Private staff note");
	th_assert_lacks(r.body, "Last month shared");
	th_reply_free(&r);
	/* sent: the family's from now on, and no longer changed */
	r = th_post(k, path, "action=send&text=A+lovely+week");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM weekly_update WHERE child_id = %lld AND "
	                           "week_start = '2026-03-02' AND sent_at IS NOT NULL",
	                           (long long)a),
	                 1);
	r = th_post(k, path, "action=save&text=Changed");
	assert_int_equal(r.status, 409);
	th_reply_free(&r);
	free(k);
}

static void test_the_manager_sees_the_outstanding_weekly_updates(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	struct th_reply r;
	(void)state;
	r = th_get(m, "/weekly", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Outstanding this week");
	th_assert_contains(r.body, "not started");
	th_reply_free(&r);
	r = th_get(k, "/weekly", NULL);
	th_assert_lacks(r.body, "Outstanding this week");
	th_reply_free(&r);
	free(m);
	free(k);
}

static void test_the_check_at_two_is_due_from_24_months_until_the_third_birthday(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	static const struct {
		const char *name, *dob;
		int listed;
	} kids[] = {
	    {"Twentyfour", "2024-03-04", 1},  /* two today */
	    {"Almostthree", "2023-03-05", 1}, /* three tomorrow */
	    {"Threetoday", "2023-03-04", 0},  /* three today: no longer due */
	    {"Soontwo", "2024-06-04", 1},     /* two in three months: listed ahead */
	    {"Laterbaby", "2024-06-05", 0},   /* two in three months and a day */
	};
	struct th_reply r;
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(kids); i++)
		th_db_exec(
		    "UPDATE child SET first_name = '%s', preferred_name = '', date_of_birth = "
		    "'%s', start_date = '2025-01-06' WHERE id = (SELECT id FROM child ORDER BY "
		    "id LIMIT 1 OFFSET %zu)",
		    kids[i].name, kids[i].dob, 40 + i);
	r = th_get(m, "/twoyear", NULL);
	assert_int_equal(r.status, 200);
	for (size_t i = 0; i < ARRAY_LEN(kids); i++) {
		if (kids[i].listed)
			th_assert_contains(r.body, kids[i].name);
		else
			th_assert_lacks(r.body, kids[i].name);
	}
	th_assert_contains(r.body, "24 months");
	th_assert_contains(r.body, "35 months");
	th_assert_contains(r.body, "turns two on 2026-06-04");
	th_reply_free(&r);
	free(m);
}

static void test_sharing_with_the_health_visitor_needs_consent_and_is_audited(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t a = key_child(2);
	char path[96], share[112];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/children/%lld/twoyear", (long long)a);
	snprintf(share, sizeof share, "/children/%lld/twoyear/share", (long long)a);
	/* less than expected progress needs what the setting will do */
	r = th_post(m, path,
	            "action=final&date=" TODAY "&cl_level=less_than_expected&pd_level=expected&"
	            "psed_level=expected&strengths=Loves+stories");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"strategies-error\"");
	th_reply_free(&r);
	r = th_post(m, path,
	            "action=final&date=" TODAY "&cl_level=less_than_expected&cl_text=Few+words&"
	            "pd_level=expected&psed_level=above&strengths=Loves+stories&strategies="
	            "Small+group+story+time+daily&parent_view=We+read+at+bedtime");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_get(m, "/children/0/twoyear/print", NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	snprintf(share, sizeof share, "/children/%lld/twoyear/print", (long long)a);
	r = th_get(m, share, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Less than expected progress");
	th_assert_contains(r.body, "Small group story time daily");
	th_reply_free(&r);

	th_db_exec("DELETE FROM consent WHERE child_id = %lld AND kind = 'share_health_visitor'",
	           (long long)a);
	snprintf(share, sizeof share, "/children/%lld/twoyear/share", (long long)a);
	r = th_post(m, share, "");
	assert_int_equal(r.status, 409);
	th_assert_contains(r.body, "consent");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM two_year_check WHERE child_id = %lld AND "
	                           "shared_health_visitor_at IS NOT NULL",
	                           (long long)a),
	                 0);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE child_id = %lld AND "
	                           "action = 'twoyear.share_health_visitor'",
	                           (long long)a),
	                 0);
	th_db_exec("INSERT INTO consent (setting_id, child_id, kind, given, given_on) VALUES "
	           "(1, %lld, 'share_health_visitor', 1, '2026-01-05')",
	           (long long)a);
	r = th_post(m, share, "");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM two_year_check WHERE child_id = %lld AND "
	                           "shared_health_visitor_at IS NOT NULL",
	                           (long long)a),
	                 1);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE child_id = %lld AND "
	                           "action = 'twoyear.share_health_visitor'",
	                           (long long)a),
	                 1);
	/* final is final */
	r = th_post(m, path,
	            "action=save&date=" TODAY "&cl_level=expected&pd_level=expected&"
	            "psed_level=expected");
	assert_int_equal(r.status, 409);
	th_reply_free(&r);
	free(m);
}

static void test_a_meeting_is_offered_at_the_familys_preferred_method(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t a = key_child(0), id;
	char path[96], rec[128];
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE contact SET preferred_method = 'phone', preferred_time = 'after 5pm' "
	           "WHERE family_id = (SELECT family_id FROM child WHERE id = %lld)",
	           (long long)a);
	snprintf(path, sizeof path, "/children/%lld/meetings", (long long)a);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "after 5pm");
	th_assert_contains(r.body, "<option value=\"phone\" selected>");
	th_reply_free(&r);
	r = th_post(k, path, "date=2026-03-01&time=17:15&method=phone");
	assert_int_equal(r.status, 422); /* in the past */
	th_reply_free(&r);
	r = th_post(k, path, "date=2026-03-10&time=17:15&method=phone&with=Mum");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	id = th_db_int("SELECT max(id) FROM progress_meeting WHERE child_id = %lld", (long long)a);
	snprintf(rec, sizeof rec, "/children/%lld/meetings/%lld", (long long)a, (long long)id);
	r = th_post(k, rec, "status=held&notes=Talked+about+words&targets=Two-word+phrases");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	/* the next one reviews it */
	r = th_post(k, path, "date=2026-04-10&time=17:15&method=phone");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT reviews_meeting_id FROM progress_meeting WHERE id = "
	                           "(SELECT max(id) FROM progress_meeting)"),
	                 id);
	free(k);
}

static void test_a_room_move_changes_the_key_person_on_its_date_only(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t a = other_room_child(), before_key, t_future, t_today, new_key;
	char *room =
	    th_db_text("SELECT name FROM room WHERE id <> (SELECT room_id FROM child WHERE "
	               "id = %lld) ORDER BY id LIMIT 1",
	               (long long)a);
	char path[96], fields[256], apply[128];
	struct th_reply r;
	(void)state;
	before_key =
	    th_db_int("SELECT primary_staff_id FROM key_assignment WHERE child_id = %lld AND "
	              "from_date <= '" TODAY "' AND (to_date IS NULL OR to_date > '" TODAY "')",
	              (long long)a);
	snprintf(path, sizeof path, "/children/%lld/transitions", (long long)a);
	snprintf(fields, sizeof fields, "kind=room_move&date=2026-03-11&to_room=%s", room);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	t_future = th_db_int("SELECT max(id) FROM transition WHERE child_id = %lld", (long long)a);
	snprintf(apply, sizeof apply, "%s/%lld/apply", path, (long long)t_future);
	r = th_post(m, apply, "");
	assert_int_equal(r.status, 409); /* not before its date */
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM key_assignment WHERE child_id = %lld", (long long)a),
	    1);

	snprintf(fields, sizeof fields, "kind=room_move&date=" TODAY "&to_room=%s", room);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	t_today = th_db_int("SELECT max(id) FROM transition WHERE child_id = %lld", (long long)a);
	new_key = th_db_int("SELECT new_primary_staff_id FROM transition WHERE id = %lld",
	                    (long long)t_today);
	assert_true(new_key > 0 && new_key != before_key);
	/* the suggestion works in the new room */
	assert_int_equal(th_db_int("SELECT count(*) FROM staff_room sr JOIN room r ON r.id = "
	                           "sr.room_id WHERE sr.staff_id = %lld AND r.name = '%s'",
	                           (long long)new_key, room),
	                 1);
	snprintf(apply, sizeof apply, "%s/%lld/apply", path, (long long)t_today);
	r = th_post(m, apply, "");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT primary_staff_id FROM key_assignment WHERE child_id = "
	                           "%lld AND from_date <= '2026-03-03' AND (to_date IS NULL OR "
	                           "to_date > '2026-03-03')",
	                           (long long)a),
	                 before_key);
	assert_int_equal(th_db_int("SELECT primary_staff_id FROM key_assignment WHERE child_id = "
	                           "%lld AND from_date <= '" TODAY "' AND (to_date IS NULL OR "
	                           "to_date > '" TODAY "')",
	                           (long long)a),
	                 new_key);
	assert_int_equal(th_db_int("SELECT count(*) FROM child c JOIN room r ON r.id = c.room_id "
	                           "WHERE c.id = %lld AND r.name = '%s'",
	                           (long long)a, room),
	                 1);
	r = th_post(m, apply, "");
	assert_int_equal(r.status, 409); /* once */
	th_reply_free(&r);
	free(room);
	free(m);
}

static void test_the_transfer_record_needs_consent_and_is_audited(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	/* the child whose check at two was made final above */
	int64_t a = th_db_int("SELECT child_id FROM two_year_check WHERE status = 'final' "
	                      "ORDER BY id DESC LIMIT 1");
	char path[96];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/api/v1/children/%lld/transfer", (long long)a);
	th_db_exec("DELETE FROM consent WHERE child_id = %lld AND kind = 'share_next_setting'",
	           (long long)a);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 409);
	th_reply_free(&r);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	th_db_exec("INSERT INTO consent (setting_id, child_id, kind, given, given_on) VALUES "
	           "(1, %lld, 'share_next_setting', 1, '2026-01-05')",
	           (long long)a);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_non_null(json_object_get(json_object_get(r.json, "child"), "date_of_birth"));
	assert_true(json_is_object(
	    json_object_get(json_object_get(r.json, "development"), "check_at_two")));
	th_reply_free(&r);
	assert_true(th_db_int("SELECT count(*) FROM audit_log WHERE child_id = %lld AND action = "
	                      "'transfer.export'",
	                      (long long)a) >= 1);
	snprintf(path, sizeof path, "/children/%lld/transfer", (long long)a);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Transfer record");
	th_assert_contains(r.body, "Small group story time daily");
	th_reply_free(&r);
	free(m);
	free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_parent_never_reaches_the_record_pages),
	    cmocka_unit_test(test_a_practitioner_of_another_room_is_refused),
	    cmocka_unit_test(test_quick_group_entry_writes_all_rows_or_none),
	    cmocka_unit_test(test_the_diary_is_not_published_until_it_is_published),
	    cmocka_unit_test(test_the_json_diary_takes_all_entries_or_none),
	    cmocka_unit_test(test_the_weekly_draft_holds_the_weeks_shared_observations_and_diary),
	    cmocka_unit_test(test_the_manager_sees_the_outstanding_weekly_updates),
	    cmocka_unit_test(test_the_check_at_two_is_due_from_24_months_until_the_third_birthday),
	    cmocka_unit_test(test_sharing_with_the_health_visitor_needs_consent_and_is_audited),
	    cmocka_unit_test(test_a_meeting_is_offered_at_the_familys_preferred_method),
	    cmocka_unit_test(test_a_room_move_changes_the_key_person_on_its_date_only),
	    cmocka_unit_test(test_the_transfer_record_needs_consent_and_is_audited),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
