/*
 * test_api_progress.c — the JSON API of the weekly update, the check at two
 * and progress meetings through http_handle(): what the pages write, the
 * API writes through the same core operations (a draft built from the
 * week's records, sent once and then refused; a check saved, made final,
 * shared only with consent; a meeting scheduled and held); a bad value is
 * 422 naming the field and writes nothing; a child one may not write for
 * (another room's, a parent's own) is 404, as is another child's meeting.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define START "2026-03-02"
#define TODAY "2026-03-04"

static struct server srv;
static const char *db;
static char *k, *kcsrf, *m, *mcsrf;

static int group_setup(void **state)
{
	(void)state;
	db = th_demo(&srv, "progress.db", START, TODAY, TH_API_JSON);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
	k = th_signin("keyperson", "demo-keyperson-2026");
	kcsrf = th_csrf_of(k);
	m = th_signin("manager", "demo-manager-2026");
	mcsrf = th_csrf_of(m);
	return 0;
}

static int group_teardown(void **state)
{
	free(k);
	free(kcsrf);
	free(m);
	free(mcsrf);
	return th_group_teardown(state);
}

/* The keyperson's (S04's) key child. */
static int64_t key_child(void)
{
	return th_db_int("SELECT k.child_id FROM key_assignment k JOIN staff s ON s.id = "
	                 "k.primary_staff_id WHERE s.code = 'S04' AND k.from_date <= '" TODAY
	                 "' AND (k.to_date IS NULL OR k.to_date > '" TODAY "') ORDER BY "
	                 "k.child_id LIMIT 1");
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

static struct th_reply post_json(const char *cookie, const char *csrf, const char *path,
                                 const char *body)
{
	return th_request_csrf("POST", path, NULL, csrf, cookie, "application/json", body);
}

/* The text in column col of table's row where key = id equals want. */
static void assert_db_text(const char *want, const char *col, const char *table, const char *key,
                           long long id)
{
	char *got = th_db_text("SELECT %s FROM %s WHERE %s = %lld", col, table, key, id);
	assert_string_equal(got, want);
	free(got);
}

static const char *field_of(const struct th_reply *r)
{
	return json_string_value(json_object_get(r->json, "field"));
}

static void test_the_weekly_update_is_drafted_saved_sent_and_then_refused(void **state)
{
	int64_t a = key_child();
	char path[96];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/api/v1/children/%lld/weekly", (long long)a);
	th_db_exec("DELETE FROM weekly_update WHERE child_id = %lld", (long long)a);
	r = th_get(k, path, "week=" TODAY);
	assert_int_equal(r.status, 200);
	assert_string_equal(json_string_value(json_object_get(r.json, "state")), "none");
	assert_string_equal(json_string_value(json_object_get(r.json, "week")), START);
	th_reply_free(&r);

	/* a refusal names the field and writes nothing */
	r = post_json(k, kcsrf, path, "{\"week\": \"" TODAY "\", \"text\": \"\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(field_of(&r), "text");
	th_reply_free(&r);
	r = post_json(k, kcsrf, path, "{\"week\": \"soon\", \"text\": \"A good week\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(field_of(&r), "week");
	th_reply_free(&r);
	r = post_json(k, kcsrf, path, "{\"text\": \"A good week\", \"colour\": \"red\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(field_of(&r), "colour");
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM weekly_update WHERE child_id = %lld", (long long)a), 0);

	r = post_json(k, kcsrf, path,
	              "{\"week\": \"" TODAY "\", \"text\": \"Loved the sand tray this week.\"}");
	assert_int_equal(r.status, 200);
	assert_string_equal(json_string_value(json_object_get(r.json, "state")), "draft");
	th_reply_free(&r);
	r = post_json(k, kcsrf, path,
	              "{\"week\": \"" START
	              "\", \"text\": \"Loved the sand tray.\", \"send\": true}");
	assert_int_equal(r.status, 200);
	assert_string_equal(json_string_value(json_object_get(r.json, "state")), "sent");
	assert_string_equal(json_string_value(json_object_get(r.json, "text")),
	                    "Loved the sand tray.");
	th_reply_free(&r);
	r = post_json(k, kcsrf, path, "{\"text\": \"Changed my mind\"}");
	assert_int_equal(r.status, 409);
	th_reply_free(&r);
	assert_db_text("Loved the sand tray.", "text", "weekly_update", "child_id", (long long)a);
}

static void test_another_rooms_child_is_404_and_nothing_is_written(void **state)
{
	static const char *const what[] = {"weekly", "twoyear", "meetings"};
	int64_t o = other_room_child();
	int64_t before =
	    th_db_int("SELECT (SELECT count(*) FROM weekly_update) + (SELECT count(*) "
	              "FROM two_year_check) + (SELECT count(*) FROM progress_meeting)");
	char *p = th_signin("parent", "demo-parent-2026"), *pcsrf = th_csrf_of(p);
	int64_t own = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = "
	                        "c.family_id WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	char path[96];
	struct th_reply r;
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(what); i++) {
		snprintf(path, sizeof path, "/api/v1/children/%lld/%s", (long long)o, what[i]);
		r = th_get(k, path, NULL);
		assert_int_equal(r.status, 404);
		th_reply_free(&r);
		r = post_json(k, kcsrf, path,
		              "{\"text\": \"x\", \"date\": \"" TODAY "\", \"time\": \"10:00\", "
		              "\"method\": \"phone\"}");
		assert_int_equal(r.status, 404);
		th_reply_free(&r);
		/* the parent's own child: their view is the portal */
		snprintf(path, sizeof path, "/api/v1/children/%lld/%s", (long long)own, what[i]);
		r = th_get(p, path, NULL);
		assert_int_equal(r.status, 403);
		th_reply_free(&r);
	}
	assert_int_equal(
	    th_db_int("SELECT (SELECT count(*) FROM weekly_update) + (SELECT count(*) "
	              "FROM two_year_check) + (SELECT count(*) FROM progress_meeting)"),
	    before);
	free(p);
	free(pcsrf);
}

#define CHECK_BODY                                                                                 \
	"\"date\": \"" TODAY "\", \"cl_level\": \"expected\", \"cl_text\": \"Two-word phrases\", " \
	"\"pd_level\": \"above\", \"psed_level\": \"expected\", \"parent_view\": \"Happy\""

static void test_the_check_at_two_is_saved_made_final_and_shared_only_with_consent(void **state)
{
	int64_t a = key_child();
	char path[96], share[112];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/api/v1/children/%lld/twoyear", (long long)a);
	snprintf(share, sizeof share, "%s/share", path);
	th_db_exec("DELETE FROM two_year_check WHERE child_id = %lld", (long long)a);
	th_db_exec("DELETE FROM consent WHERE child_id = %lld AND kind = 'share_health_visitor'",
	           (long long)a);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	assert_true(json_is_null(json_object_get(r.json, "check")));
	th_reply_free(&r);

	r = post_json(k, kcsrf, path,
	              "{\"date\": \"" TODAY "\", \"cl_level\": \"brilliant\", \"pd_level\": "
	              "\"above\", \"psed_level\": \"expected\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(field_of(&r), "cl_level");
	th_reply_free(&r);
	r = post_json(k, kcsrf, path, "{" CHECK_BODY ", \"final\": \"perhaps\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(field_of(&r), "final");
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM two_year_check WHERE child_id = %lld", (long long)a),
	    0);

	r = post_json(k, kcsrf, path, "{" CHECK_BODY "}");
	assert_int_equal(r.status, 200);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(r.json, "check"), "status")),
	    "draft");
	th_reply_free(&r);
	r = post_json(k, kcsrf, share, "{}");
	assert_int_equal(r.status, 409); /* not final yet */
	th_reply_free(&r);
	r = post_json(k, kcsrf, path, "{" CHECK_BODY ", \"final\": true}");
	assert_int_equal(r.status, 422); /* strengths first */
	assert_string_equal(field_of(&r), "strengths");
	th_reply_free(&r);
	r = post_json(k, kcsrf, path,
	              "{" CHECK_BODY ", \"strengths\": \"Climbs\", \"final\": true}");
	assert_int_equal(r.status, 200);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(r.json, "check"), "status")),
	    "final");
	assert_string_equal(
	    json_string_value(json_object_get(
	        json_object_get(json_object_get(r.json, "check"), "fields"), "cl_text")),
	    "Two-word phrases");
	th_reply_free(&r);
	r = post_json(k, kcsrf, path, "{" CHECK_BODY "}");
	assert_int_equal(r.status, 409); /* final: not changed */
	th_reply_free(&r);
	r = post_json(k, kcsrf, share, "{}");
	assert_int_equal(r.status, 409); /* no consent */
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM two_year_check WHERE child_id = %lld AND "
	                           "shared_health_visitor_at IS NOT NULL",
	                           (long long)a),
	                 0);
	th_db_exec("INSERT INTO consent (setting_id, child_id, kind, given, given_on) VALUES "
	           "(1, %lld, 'share_health_visitor', 1, '2026-01-05')",
	           (long long)a);
	r = post_json(k, kcsrf, share, "{}");
	assert_int_equal(r.status, 200);
	assert_true(json_is_string(
	    json_object_get(json_object_get(r.json, "check"), "shared_health_visitor_at")));
	th_reply_free(&r);
}

static void test_a_meeting_is_scheduled_and_held_and_another_childs_is_404(void **state)
{
	int64_t a = key_child(), o = other_room_child(), id, before;
	char path[96], rec[128], other[128];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/api/v1/children/%lld/meetings", (long long)a);
	before = th_db_int("SELECT count(*) FROM progress_meeting");
	r = post_json(k, kcsrf, path,
	              "{\"date\": \"2026-03-10\", \"time\": \"16:30\", \"method\": \"carrier "
	              "pigeon\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(field_of(&r), "method");
	th_reply_free(&r);
	r = post_json(k, kcsrf, path, "{\"date\": \"2026-03-10\", \"method\": \"phone\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(field_of(&r), "time");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM progress_meeting"), before);

	r = post_json(k, kcsrf, path,
	              "{\"date\": \"2026-03-10\", \"time\": \"16:30\", \"method\": \"video\", "
	              "\"with\": \"Mum\"}");
	assert_int_equal(r.status, 201);
	id = (int64_t)json_integer_value(json_object_get(r.json, "id"));
	assert_true(id > 0);
	th_reply_free(&r);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	assert_true(json_array_size(json_object_get(r.json, "meetings")) >= 1);
	assert_non_null(json_object_get(r.json, "preference"));
	th_reply_free(&r);

	/* another child's path with this meeting's id: 404, nothing written */
	th_db_exec(
	    "UPDATE key_assignment SET secondary_staff_id = (SELECT id FROM staff WHERE code "
	    "= 'S01') WHERE child_id = %lld AND secondary_staff_id IS NULL",
	    (long long)o);
	snprintf(other, sizeof other, "/api/v1/children/%lld/meetings/%lld", (long long)o,
	         (long long)id);
	r = post_json(m, mcsrf, other, "{\"status\": \"held\", \"notes\": \"wrong child\"}");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);

	snprintf(rec, sizeof rec, "/api/v1/children/%lld/meetings/%lld", (long long)a,
	         (long long)id);
	r = post_json(k, kcsrf, rec, "{\"status\": \"finished\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(field_of(&r), "status");
	th_reply_free(&r);
	assert_db_text("scheduled", "status", "progress_meeting", "id", (long long)id);
	r = post_json(k, kcsrf, rec,
	              "{\"status\": \"held\", \"notes\": \"Talked about sleep\", \"targets\": "
	              "\"Use a spoon\"}");
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	assert_db_text("Use a spoon", "targets", "progress_meeting", "id", (long long)id);
}

/* (A page, not the API: the transitions page says who chose the pair of a room move.) */
static void test_the_transitions_page_says_the_planner_chose_the_pair(void **state)
{
	int64_t a = key_child();
	char path[96], fields[160], *room;
	struct th_reply r;
	(void)state;
	room = th_db_text("SELECT name FROM room WHERE id <> (SELECT room_id FROM child WHERE id = "
	                  "%lld) ORDER BY age_min_months DESC LIMIT 1",
	                  (long long)a);
	snprintf(path, sizeof path, "/children/%lld/transitions", (long long)a);
	snprintf(fields, sizeof fields, "kind=room_move&date=2026-03-18&to_room=%s", room);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM transition WHERE child_id = %lld AND "
	                           "suggested_by = 'planner'",
	                           (long long)a),
	                 1);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Suggested by the key-group planner");
	th_reply_free(&r);
	free(room);
}

static void test_a_form_body_is_refused_with_415(void **state)
{
	char path[96];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/api/v1/children/%lld/weekly", (long long)key_child());
	r = th_request_csrf("POST", path, NULL, kcsrf, k, "application/x-www-form-urlencoded",
	                    "text=hello");
	assert_int_equal(r.status, 415);
	th_reply_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_weekly_update_is_drafted_saved_sent_and_then_refused),
	    cmocka_unit_test(test_another_rooms_child_is_404_and_nothing_is_written),
	    cmocka_unit_test(
	        test_the_check_at_two_is_saved_made_final_and_shared_only_with_consent),
	    cmocka_unit_test(test_a_meeting_is_scheduled_and_held_and_another_childs_is_404),
	    cmocka_unit_test(test_the_transitions_page_says_the_planner_chose_the_pair),
	    cmocka_unit_test(test_a_form_body_is_refused_with_415),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
