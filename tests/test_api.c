/*
 * test_api.c — the JSON API under /api/v1 through http_handle without
 * sockets, on the demo setting (`kw demo --start 2026-03-02`, today pinned
 * to Wednesday 2026-03-04), signed in the way a browser does.
 *
 * Pinned here: signed out is 401 JSON; a write without the session's CSRF
 * token is 403 and writes nothing; malformed JSON is 400; a bad child is
 * 422 naming the field (unknown keys too), a good one 201 with its id; a
 * parent sees their own family's children only (404 for any other, like a
 * missing id) and not the day; a practitioner may not plan; /api/v1/today
 * is exactly `kw today --json`; key groups carry loads and fair shares; a
 * manager plans, accepts some children with a date, and exactly those
 * children's key person changes from that date, once (a second acceptance
 * is 409).
 */
#include "support.h"
#include "http_support.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static const char *db;
static json_t *cli_today; /* `kw today --date 2026-03-04 --json`, taken at setup */

/* The session's CSRF token, as an API client reads it: from /api/v1/me. */
static char *csrf_from_me(const char *cookie)
{
	struct th_reply r = th_get(cookie, "/api/v1/me", NULL);
	char *t;
	assert_int_equal(r.status, 200);
	t = strdup(json_string_value(json_object_get(r.json, "csrf")));
	th_reply_free(&r);
	return t;
}

/* POST a JSON body with the CSRF token in the X-CSRF-Token header. */
static struct th_reply post_json(const char *cookie, const char *path, const char *body)
{
	char *csrf = csrf_from_me(cookie);
	struct th_reply r;
	r = th_request_csrf("POST", path, NULL, csrf, cookie, "application/json", body);
	free(csrf);
	return r;
}

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void assert_error_field(const struct th_reply *r, int status, const char *field)
{
	if (r->status != status)
		fail_msg("expected %d, got %d:\n%s", status, r->status, r->body);
	assert_non_null(jstr(r->json, "error"));
	if (field) {
		if (!jstr(r->json, "field") || strcmp(jstr(r->json, "field"), field) != 0)
			fail_msg("expected the field %s named:\n%s", field, r->body);
	}
}

static int group_setup(void **state)
{
	char *out = NULL, *errout = NULL;
	(void)state;
	db = th_demo(&srv, "api.db", "2026-03-02", TODAY, TH_API_JSON);
	if (t_kw(db, &out, &errout, "today", "--date", TODAY, "--json", NULL) != 0)
		fail_msg("kw today: %s%s", out ? out : "", errout ? errout : "");
	cli_today = json_loads(out, 0, NULL);
	assert_non_null(cli_today);
	free(out);
	free(errout);
	th_add_demo_users("manager", "keyperson", "senco", "parent", NULL);
	th_serve();
	return 0;
}

static int group_teardown(void **state)
{
	json_decref(cli_today);
	return th_group_teardown(state);
}

#define GOOD_CHILD                                                                           \
	"\"first_name\": \"Amara\", \"last_name\": \"Okafor\", \"date_of_birth\": "          \
	"\"2023-05-10\", "                                                                   \
	"\"room\": \"Toddlers\", \"start_date\": \"2026-03-02\", \"mon\": \"08:00-15:00\", " \
	"\"sen\": true, \"other_languages\": [\"yo\", \"fr\"], \"key_person\": \"S06\", "    \
	"\"buddy\": \"S07\""

/* ---- signed out, CSRF, malformed ---- */

static void test_signed_out_is_401_json(void **state)
{
	struct th_reply r = th_get(NULL, "/api/v1/me", NULL);
	(void)state;
	assert_error_field(&r, 401, NULL);
	th_reply_free(&r);
	r = th_get(NULL, "/api/v1/children", NULL);
	assert_error_field(&r, 401, NULL);
	th_reply_free(&r);
	r = th_get(NULL, "/api/v1/today", NULL);
	assert_error_field(&r, 401, NULL);
	th_reply_free(&r);
	/* a stale cookie is signed out too */
	r = th_get("kw=not-a-session", "/api/v1/keygroups", NULL);
	assert_error_field(&r, 401, NULL);
	th_reply_free(&r);
}

static void test_me_names_person_roles_and_setting(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r = th_get(m, "/api/v1/me", NULL);
	(void)state;
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(json_object_get(r.json, "user"), "username"), "manager");
	assert_int_equal(json_array_size(json_object_get(r.json, "roles")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(r.json, "roles"), 0)),
	                    "manager");
	assert_string_equal(jstr(json_object_get(r.json, "staff"), "id"), "S01");
	assert_non_null(jstr(json_object_get(r.json, "setting"), "name"));
	assert_true(strlen(jstr(r.json, "csrf")) >= 20);
	th_reply_free(&r);
	free(m);
}

static void test_post_without_csrf_is_403_and_writes_nothing(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t children = th_db_int("SELECT count(*) FROM child");
	struct th_reply r;
	(void)state;
	r = th_request("POST", "/api/v1/children", NULL, m, "application/json",
	               "{\"id\": \"C090\", " GOOD_CHILD "}");
	assert_error_field(&r, 403, "csrf");
	th_reply_free(&r);
	r = th_request("POST", "/api/v1/children", "csrf=0123456789abcdef0123456789abcdef", m,
	               "application/json", "{\"id\": \"C090\", " GOOD_CHILD "}");
	assert_error_field(&r, 403, "csrf");
	th_reply_free(&r);
	r = th_request("POST", "/api/v1/plans", NULL, m, "application/json", "{}");
	assert_error_field(&r, 403, "csrf");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM child"), children);
	assert_int_equal(th_db_int("SELECT count(*) FROM plan_proposal"), 0);
	free(m);
}

static void test_malformed_json_is_400(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t children = th_db_int("SELECT count(*) FROM child");
	struct th_reply r;
	(void)state;
	r = post_json(m, "/api/v1/children", "{\"id\": \"C091\", \"first_name\": ");
	assert_error_field(&r, 400, "body");
	assert_non_null(strstr(jstr(r.json, "error"), "not valid JSON"));
	th_reply_free(&r);
	r = post_json(m, "/api/v1/children", "[\"C091\"]");
	assert_error_field(&r, 400, "body");
	th_reply_free(&r);
	r = post_json(m, "/api/v1/children", "");
	assert_error_field(&r, 400, "body");
	th_reply_free(&r);
	r = post_json(m, "/api/v1/children", "{\"id\": \"C091\", \"id\": \"C092\"}");
	assert_error_field(&r, 400, "body"); /* a key twice */
	th_reply_free(&r);
	r = post_json(m, "/api/v1/plans/1/accept", "{\"from\": 2026-03-09}");
	assert_error_field(&r, 400, "body");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM child"), children);
	free(m);
}

/* ---- children ---- */

static void test_bad_child_is_422_naming_the_field(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t children = th_db_int("SELECT count(*) FROM child");
	struct th_reply r;
	(void)state;
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"first_name\": \"Amara\", \"last_name\": \"Okafor\", "
	              "\"date_of_birth\": \"2023-02-30\", \"room\": \"Toddlers\", "
	              "\"start_date\": \"2026-03-02\"}");
	assert_error_field(&r, 422, "date_of_birth");
	th_reply_free(&r);
	r = post_json(
	    m, "/api/v1/children",
	    "{\"id\": \"C092\", \"last_name\": \"Okafor\", \"date_of_birth\": \"2023-05-10\", "
	    "\"room\": \"Toddlers\", \"start_date\": \"2026-03-02\"}");
	assert_error_field(&r, 422, "first_name");
	th_reply_free(&r);
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"nickname\": \"Ama\", " GOOD_CHILD "}");
	assert_error_field(&r, 422, "nickname");
	th_reply_free(&r);
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"mon\": {\"from\": \"08:00\"}, "
	              "\"first_name\": \"A\"}");
	assert_error_field(&r, 422, "mon");
	th_reply_free(&r);
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"first_name\": \"Amara\", \"last_name\": \"Okafor\", "
	              "\"date_of_birth\": \"2023-05-10\", \"room\": \"Attic\", "
	              "\"start_date\": \"2026-03-02\"}");
	assert_error_field(&r, 422, "room"); /* from the core operation */
	th_reply_free(&r);
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"first_name\": \"Amara\", \"last_name\": \"Okafor\", "
	              "\"date_of_birth\": \"2023-05-10\", \"room\": \"Toddlers\", "
	              "\"start_date\": \"2026-03-02\", \"key_person\": \"S06\"}");
	assert_error_field(&r, 422, "buddy");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM child"), children);
	free(m);
}

static void test_manager_adds_child_and_reads_it_back(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), path[64];
	struct th_reply r;
	json_int_t id;
	(void)state;
	r = post_json(m, "/api/v1/children", "{\"id\": \"C093\", " GOOD_CHILD "}");
	if (r.status != 201)
		fail_msg("adding a child: %d %s", r.status, r.body);
	assert_string_equal(jstr(r.json, "code"), "C093");
	id = json_integer_value(json_object_get(r.json, "id"));
	assert_true(id > 0);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM child WHERE code = 'C093' AND sen = 1 "
	                           "AND other_languages LIKE '%%yo%%'"),
	                 1);

	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)id);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "code"), "C093");
	assert_string_equal(jstr(r.json, "name"), "Amara Okafor");
	assert_string_equal(jstr(r.json, "room"), "Toddlers");
	assert_string_equal(jstr(json_object_get(r.json, "key_person"), "id"), "S06");
	assert_string_equal(jstr(json_object_get(r.json, "buddy"), "id"), "S07");
	assert_string_equal(jstr(r.json, "access"), "records");
	assert_string_equal(jstr(r.json, "date_of_birth"), "2023-05-10");
	assert_string_equal(jstr(json_object_get(r.json, "attendance"), "mon"), "08:00-15:00");
	assert_true(json_is_true(json_object_get(r.json, "sen")));
	th_reply_free(&r);

	/* the same id twice */
	r = post_json(m, "/api/v1/children", "{\"id\": \"C093\", " GOOD_CHILD "}");
	assert_error_field(&r, 409, "id");
	th_reply_free(&r);
	/* a practitioner may not add one */
	{
		char *k = th_signin("keyperson", "demo-keyperson-2026");
		r = post_json(k, "/api/v1/children", "{\"id\": \"C094\", " GOOD_CHILD "}");
		assert_error_field(&r, 403, NULL);
		th_reply_free(&r);
		free(k);
	}
	assert_int_equal(th_db_int("SELECT count(*) FROM child WHERE code = 'C094'"), 0);
	free(m);
}

static void test_parent_reaches_only_own_family(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026"), path[64];
	int64_t own = th_db_int("SELECT id FROM child WHERE family_id = 1 ORDER BY id LIMIT 1");
	int64_t other = th_db_int("SELECT id FROM child WHERE family_id <> 1 ORDER BY id LIMIT 1");
	int64_t family =
	    th_db_int("SELECT count(*) FROM child WHERE family_id = 1 AND start_date <= '" TODAY
	              "' AND (leaving_date IS NULL OR leaving_date >= '" TODAY "')");
	struct th_reply r;
	size_t i;
	json_t *c;
	(void)state;
	assert_true(own > 0);
	r = th_get(p, "/api/v1/children", NULL);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "children")), family);
	json_array_foreach (json_object_get(r.json, "children"), i, c) {
		assert_int_equal(th_db_int("SELECT family_id FROM child WHERE id = %lld",
		                           (long long)json_integer_value(json_object_get(c, "id"))),
		                 1);
	}
	th_reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)own);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "access"), "basic");
	assert_null(json_object_get(r.json, "medical"));
	assert_non_null(json_object_get(r.json, "key_person"));
	th_reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)other);
	r = th_get(p, path, NULL);
	assert_error_field(&r, 404, NULL);
	th_reply_free(&r);
	r = th_get(p, "/api/v1/children/999999", NULL);
	assert_error_field(&r, 404, NULL);
	th_reply_free(&r);
	r = th_get(p, "/api/v1/today", NULL);
	assert_error_field(&r, 403, NULL);
	th_reply_free(&r);
	r = th_get(p, "/api/v1/keygroups", NULL);
	assert_error_field(&r, 403, NULL);
	th_reply_free(&r);
	free(p);
}

static void test_practitioner_sees_basics_of_their_rooms_and_may_not_plan(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"),
	     *m = th_signin("manager", "demo-manager-2026");
	char path[64];
	int64_t outside =
	    th_db_int("SELECT c.id FROM child c WHERE NOT EXISTS (SELECT 1 FROM staff_room sr "
	              "JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04' AND "
	              "sr.room_id = c.room_id) AND NOT EXISTS (SELECT 1 FROM key_assignment ka "
	              "JOIN staff s ON s.id IN (ka.primary_staff_id, ka.secondary_staff_id) "
	              "WHERE ka.child_id = c.id AND s.code = 'S04') ORDER BY c.id LIMIT 1");
	int64_t key =
	    th_db_int("SELECT ka.child_id FROM key_assignment ka JOIN staff s ON "
	              "s.id = ka.primary_staff_id WHERE s.code = 'S04' AND ka.to_date IS NULL "
	              "ORDER BY ka.child_id LIMIT 1");
	struct th_reply rk = th_get(k, "/api/v1/children", NULL),
	                rm = th_get(m, "/api/v1/children", NULL), r;
	(void)state;
	assert_int_equal(rk.status, 200);
	assert_true(json_array_size(json_object_get(rk.json, "children")) > 0);
	assert_true(json_array_size(json_object_get(rk.json, "children")) <
	            json_array_size(json_object_get(rm.json, "children")));
	th_reply_free(&rk);
	th_reply_free(&rm);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)outside);
	r = th_get(k, path, NULL);
	assert_error_field(&r, 404, NULL);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)key);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "access"), "records"); /* their own key child */
	th_reply_free(&r);
	r = post_json(k, "/api/v1/plans", "{}");
	assert_error_field(&r, 403, NULL);
	th_reply_free(&r);
	r = th_get(k, "/api/v1/keygroups", NULL);
	assert_error_field(&r, 403, NULL);
	th_reply_free(&r);
	free(k);
	free(m);
}

/* ---- the day and key groups ---- */

static void test_today_is_kw_today_json(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r = th_get(m, "/api/v1/today", "date=" TODAY);
	(void)state;
	assert_int_equal(r.status, 200);
	if (!json_equal(r.json, cli_today))
		fail_msg("/api/v1/today differs from kw today --json:\n%s", r.body);
	th_reply_free(&r);
	r = th_get(m, "/api/v1/today", NULL); /* today by default */
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "date"), TODAY);
	th_reply_free(&r);
	r = th_get(m, "/api/v1/today", "date=2026-02-30");
	assert_error_field(&r, 422, "date");
	th_reply_free(&r);
	r = th_get(m, "/api/v1/today", "room=Attic");
	assert_error_field(&r, 422, "room");
	th_reply_free(&r);
	r = th_get(m, "/api/v1/today", "date=" TODAY "&room=Babies");
	assert_int_equal(r.status, 200);
	assert_true(json_array_size(json_object_get(r.json, "children")) > 0);
	assert_true(json_array_size(json_object_get(r.json, "children")) <
	            json_array_size(json_object_get(cli_today, "children")));
	th_reply_free(&r);
	free(m);
}

static void test_keygroups_carry_loads_and_fair_shares(void **state)
{
	char *s = th_signin("senco", "demo-senco-2026");
	struct th_reply r = th_get(s, "/api/v1/keygroups", NULL);
	json_t *room, *staff;
	size_t i, j, key_children = 0;
	(void)state;
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "date"), TODAY);
	assert_int_equal(json_array_size(json_object_get(r.json, "rooms")), 3);
	json_array_foreach (json_object_get(r.json, "rooms"), i, room) {
		json_array_foreach (json_object_get(room, "staff"), j, staff) {
			assert_true(json_is_number(json_object_get(staff, "target_primary")));
			assert_int_equal(json_integer_value(json_object_get(staff, "primary")),
			                 json_array_size(json_object_get(staff, "key_children")));
			key_children += json_array_size(json_object_get(staff, "key_children"));
		}
	}
	{
		char *m = th_signin("manager", "demo-manager-2026");
		struct th_reply all = th_get(m, "/api/v1/children", NULL);
		/* every child on roll is someone's key child, or listed as without one */
		assert_int_equal(key_children +
		                     json_array_size(json_object_get(r.json, "without_key_person")),
		                 json_array_size(json_object_get(all.json, "children")));
		th_reply_free(&all);
		free(m);
	}
	assert_true(json_array_size(json_object_get(r.json, "uncovered")) > 0);
	assert_true(json_is_number(json_object_get(json_object_get(r.json, "score"), "total")));
	th_reply_free(&r);
	free(s);
}

/* ---- planning and accepting ---- */

static void test_manager_plans_and_accepts_some_children(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), path[64], body[256], query[64];
	struct th_reply r;
	json_int_t id;
	json_t *changes;
	const char *first, *second, *new_key, *old_key;
	char first_code[16], second_code[16], new_code[41], old_code[41];
	int64_t child_id;
	(void)state;

	r = post_json(m, "/api/v1/plans", "{\"from\": \"2026-03-09\"}");
	if (r.status != 201)
		fail_msg("planning: %d %s", r.status, r.body);
	id = json_integer_value(json_object_get(r.json, "id"));
	assert_true(id > 0);
	assert_string_equal(jstr(r.json, "state"), "proposed");
	assert_string_equal(jstr(r.json, "from"), "2026-03-09");
	assert_true(json_number_value(json_object_get(r.json, "score_after")) <=
	            json_number_value(json_object_get(r.json, "score_before")));
	changes = json_object_get(r.json, "changes");
	assert_true(json_array_size(changes) >= 2);
	first = jstr(json_array_get(changes, 0), "child");
	second = jstr(json_array_get(changes, 1), "child");
	snprintf(first_code, sizeof first_code, "%s", first);
	snprintf(second_code, sizeof second_code, "%s", second);
	new_key = jstr(
	    json_object_get(json_object_get(json_array_get(changes, 0), "proposed"), "primary"),
	    "id");
	old_key = jstr(
	    json_object_get(json_object_get(json_array_get(changes, 0), "now"), "primary"), "id");
	snprintf(new_code, sizeof new_code, "%s", new_key);
	snprintf(old_code, sizeof old_code, "%s", old_key ? old_key : "");
	assert_true(json_array_size(json_object_get(json_array_get(changes, 0), "why")) >= 1);
	th_reply_free(&r);

	snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)id);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(json_array_get(json_object_get(r.json, "changes"), 0), "child"),
	                    first_code);
	th_reply_free(&r);
	r = th_get(m, "/api/v1/plans/999999", NULL);
	assert_error_field(&r, 404, NULL);
	th_reply_free(&r);

	/* refusals first: nothing written */
	snprintf(path, sizeof path, "/api/v1/plans/%lld/accept", (long long)id);
	r = post_json(m, path, "{\"children\": [\"C001\"]}");
	assert_error_field(&r, 422, "from");
	th_reply_free(&r);
	r = post_json(m, path, "{\"from\": \"2026-03-02\"}");
	assert_error_field(&r, 422, "from"); /* in the past */
	th_reply_free(&r);
	r = post_json(m, path, "{\"from\": \"2026-03-09\", \"children\": \"C001\"}");
	assert_error_field(&r, 422, "children");
	th_reply_free(&r);
	r = post_json(m, path, "{\"from\": \"2026-03-09\", \"children\": [\"C999\"]}");
	assert_error_field(&r, 422, "children");
	th_reply_free(&r);
	r = post_json(m, path, "{\"from\": \"2026-03-09\", \"everyone\": true}");
	assert_error_field(&r, 422, "everyone");
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM key_assignment WHERE from_date = '2026-03-09'"), 0);

	/* accept the first child only */
	snprintf(body, sizeof body, "{\"from\": \"2026-03-09\", \"children\": [\"%s\"]}",
	         first_code);
	r = post_json(m, path, body);
	if (r.status != 200)
		fail_msg("accepting: %d %s", r.status, r.body);
	assert_int_equal(json_integer_value(json_object_get(r.json, "changed")), 1);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM key_assignment WHERE from_date = '2026-03-09'"), 1);
	child_id = th_db_int("SELECT id FROM child WHERE code = '%s'", first_code);
	assert_true(th_db_int("SELECT count(*) FROM outbox WHERE child_id = %lld AND subject = "
	                      "'A change of key person'",
	                      (long long)child_id) >= 1);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM outbox o JOIN child c ON c.id = o.child_id "
	              "WHERE c.code = '%s' AND o.subject = 'A change of key person'",
	              second_code),
	    0);

	/* the child's key person changes from that date, not before */
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)child_id);
	snprintf(query, sizeof query, "date=2026-03-09");
	r = th_get(m, path, query);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(json_object_get(r.json, "key_person"), "id"), new_code);
	assert_string_equal(jstr(r.json, "key_person_from"), "2026-03-09");
	th_reply_free(&r);
	r = th_get(m, path, "date=2026-03-06");
	assert_int_equal(r.status, 200);
	if (*old_code)
		assert_string_equal(jstr(json_object_get(r.json, "key_person"), "id"), old_code);
	th_reply_free(&r);
	/* the second child keeps their pair */
	child_id = th_db_int("SELECT id FROM child WHERE code = '%s'", second_code);
	assert_int_equal(th_db_int("SELECT count(*) FROM key_assignment WHERE child_id = %lld "
	                           "AND from_date >= '2026-03-04'",
	                           (long long)child_id),
	                 0);

	/* accepting twice is refused */
	snprintf(path, sizeof path, "/api/v1/plans/%lld/accept", (long long)id);
	snprintf(body, sizeof body, "{\"from\": \"2026-03-09\", \"children\": [\"%s\"]}",
	         second_code);
	r = post_json(m, path, body);
	assert_error_field(&r, 409, NULL);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM key_assignment WHERE from_date = '2026-03-09'"), 1);
	snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)id);
	r = th_get(m, path, NULL);
	assert_string_equal(jstr(r.json, "state"), "accepted");
	th_reply_free(&r);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_signed_out_is_401_json),
	    cmocka_unit_test(test_me_names_person_roles_and_setting),
	    cmocka_unit_test(test_post_without_csrf_is_403_and_writes_nothing),
	    cmocka_unit_test(test_malformed_json_is_400),
	    cmocka_unit_test(test_bad_child_is_422_naming_the_field),
	    cmocka_unit_test(test_manager_adds_child_and_reads_it_back),
	    cmocka_unit_test(test_parent_reaches_only_own_family),
	    cmocka_unit_test(test_practitioner_sees_basics_of_their_rooms_and_may_not_plan),
	    cmocka_unit_test(test_today_is_kw_today_json),
	    cmocka_unit_test(test_keygroups_carry_loads_and_fair_shares),
	    cmocka_unit_test(test_manager_plans_and_accepts_some_children),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
