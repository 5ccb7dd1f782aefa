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

#include <jansson.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_staff.h"
#include "core_user.h"
#include "http.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static char *db;
static json_t *cli_today; /* `kw today --date 2026-03-04 --json`, taken at setup */

struct reply {
	int status;
	char *body, *location, *cookie[2];
	json_t *json;
};

static void reply_free(struct reply *r)
{
	free(r->body);
	free(r->location);
	free(r->cookie[0]);
	free(r->cookie[1]);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static struct reply request(const char *method, const char *path, const char *query,
                            const char *cookie, const char *content_type, const char *body)
{
	struct http_request req;
	struct http_response resp;
	struct reply r;
	http_request_init(&req);
	http_response_init(&resp);
	req.method = method;
	req.path = path;
	req.query = query ? query : "";
	req.cookie = cookie;
	req.content_type = content_type;
	req.body = body;
	req.body_len = body ? strlen(body) : 0;
	req.ip = "127.0.0.1";
	req.accept = strncmp(path, "/api/", 5) == 0 ? "application/json" : "text/html";
	http_handle(&srv, &req, &resp);
	r.status = resp.status;
	r.body = strdup(buf_str(&resp.body));
	r.location = dup_or_null(resp.location);
	r.cookie[0] = dup_or_null(resp.set_cookie[0]);
	r.cookie[1] = dup_or_null(resp.set_cookie[1]);
	r.json = strncmp(path, "/api/", 5) == 0 ? json_loads(r.body, 0, NULL) : NULL;
	if (strncmp(path, "/api/", 5) == 0 && !r.json)
		fail_msg("%s %s: not JSON:\n%s", method, path, r.body);
	http_response_free(&resp);
	http_request_free(&req);
	return r;
}

static struct reply get(const char *cookie, const char *path, const char *query)
{
	return request("GET", path, query, cookie, NULL, NULL);
}

static char *input_value(const char *html, const char *field)
{
	char pat[128];
	const char *p, *end;
	snprintf(pat, sizeof pat, "name=\"%s\" value=\"", field);
	if (!html || !(p = strstr(html, pat)))
		return NULL;
	p += strlen(pat);
	end = strchr(p, '"');
	return end ? strndup(p, (size_t)(end - p)) : NULL;
}

static char *cookie_pair(const char *set_cookie)
{
	return set_cookie ? strndup(set_cookie, strcspn(set_cookie, ";")) : NULL;
}

/* Sign in like a browser; returns the session cookie ("kw=…"). */
static char *signin(const char *username, const char *password)
{
	struct reply form = get(NULL, "/signin", NULL), r;
	char *pre = cookie_pair(form.cookie[1]), *csrf = input_value(form.body, "csrf"), *cookie;
	char body[512];
	assert_int_equal(form.status, 200);
	snprintf(body, sizeof body, "csrf=%s&username=%s&password=%s", csrf, username, password);
	r = request("POST", "/signin", NULL, pre, "application/x-www-form-urlencoded", body);
	if (r.status != 303)
		fail_msg("signing in as %s: %d\n%s", username, r.status, r.body);
	cookie = cookie_pair(r.cookie[0]);
	assert_non_null(cookie);
	free(pre);
	free(csrf);
	reply_free(&form);
	reply_free(&r);
	return cookie;
}

/* The session's CSRF token, as an API client reads it: from /api/v1/me. */
static char *csrf_of(const char *cookie)
{
	struct reply r = get(cookie, "/api/v1/me", NULL);
	char *t;
	assert_int_equal(r.status, 200);
	t = strdup(json_string_value(json_object_get(r.json, "csrf")));
	reply_free(&r);
	return t;
}

/* POST a JSON body with the CSRF token in the query string. */
static struct reply post_json(const char *cookie, const char *path, const char *body)
{
	char *csrf = csrf_of(cookie), query[128];
	struct reply r;
	snprintf(query, sizeof query, "csrf=%s", csrf);
	r = request("POST", path, query, cookie, "application/json", body);
	free(csrf);
	return r;
}

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void assert_error_field(const struct reply *r, int status, const char *field)
{
	if (r->status != status)
		fail_msg("expected %d, got %d:\n%s", status, r->status, r->body);
	assert_non_null(jstr(r->json, "error"));
	if (field) {
		if (!jstr(r->json, "field") || strcmp(jstr(r->json, "field"), field) != 0)
			fail_msg("expected the field %s named:\n%s", field, r->body);
	}
}

static int64_t db_int(const char *fmt, ...) PRINTF_LIKE(1, 2);
static int64_t db_int(const char *fmt, ...)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char sql[1024];
	int64_t n = -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	/* SQLite directly: store_open's header check would drop the server's locks */
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static void add_user(struct store *s, const struct actor *who, const char *username,
                     const char *password, unsigned roles, const char *staff, int64_t contact)
{
	struct user_new u = {.username = username,
	                     .display_name = username,
	                     .password = password,
	                     .roles = roles,
	                     .contact_id = contact};
	struct op_error e;
	int64_t id;
	if (staff)
		u.staff_id = core_staff_find(s, who->setting_id, staff);
	if (core_user_add(s, who, &u, &id, &e) != 0)
		fail_msg("adding %s: %s", username, e.msg);
}

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512], *out = NULL, *errout = NULL;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = strdup(t_path("api.db"));
	if (t_kw(db, &out, &errout, "demo", "--start", "2026-03-02", NULL) != 0)
		fail_msg("kw demo: %s%s", out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	out = errout = NULL;
	if (t_kw(db, &out, &errout, "today", "--date", TODAY, "--json", NULL) != 0)
		fail_msg("kw today: %s%s", out ? out : "", errout ? errout : "");
	cli_today = json_loads(out, 0, NULL);
	assert_non_null(cli_today);
	free(out);
	free(errout);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	add_user(s, &who, "manager", "demo-manager-2026", 1u << ROLE_MANAGER, "S01", 0);
	add_user(s, &who, "keyperson", "demo-keyperson-2026", 1u << ROLE_PRACTITIONER, "S04", 0);
	add_user(s, &who, "senco", "demo-senco-2026", 1u << ROLE_SENCO, "S03", 0);
	add_user(s, &who, "parent", "demo-parent-2026", 1u << ROLE_PARENT, NULL, 1);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	if (server_init(&srv, db, 1, err, sizeof err) != 0)
		fail_msg("%s", err);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	server_free(&srv);
	json_decref(cli_today);
	free(db);
	t_cleanup();
	return 0;
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
	struct reply r = get(NULL, "/api/v1/me", NULL);
	(void)state;
	assert_error_field(&r, 401, NULL);
	reply_free(&r);
	r = get(NULL, "/api/v1/children", NULL);
	assert_error_field(&r, 401, NULL);
	reply_free(&r);
	r = get(NULL, "/api/v1/today", NULL);
	assert_error_field(&r, 401, NULL);
	reply_free(&r);
	/* a stale cookie is signed out too */
	r = get("kw=not-a-session", "/api/v1/keygroups", NULL);
	assert_error_field(&r, 401, NULL);
	reply_free(&r);
}

static void test_me_names_person_roles_and_setting(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	struct reply r = get(m, "/api/v1/me", NULL);
	(void)state;
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(json_object_get(r.json, "user"), "username"), "manager");
	assert_int_equal(json_array_size(json_object_get(r.json, "roles")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(r.json, "roles"), 0)),
	                    "manager");
	assert_string_equal(jstr(json_object_get(r.json, "staff"), "id"), "S01");
	assert_non_null(jstr(json_object_get(r.json, "setting"), "name"));
	assert_true(strlen(jstr(r.json, "csrf")) >= 20);
	reply_free(&r);
	free(m);
}

static void test_post_without_csrf_is_403_and_writes_nothing(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	int64_t children = db_int("SELECT count(*) FROM child");
	struct reply r;
	(void)state;
	r = request("POST", "/api/v1/children", NULL, m, "application/json",
	            "{\"id\": \"C090\", " GOOD_CHILD "}");
	assert_error_field(&r, 403, "csrf");
	reply_free(&r);
	r = request("POST", "/api/v1/children", "csrf=0123456789abcdef0123456789abcdef", m,
	            "application/json", "{\"id\": \"C090\", " GOOD_CHILD "}");
	assert_error_field(&r, 403, "csrf");
	reply_free(&r);
	r = request("POST", "/api/v1/plans", NULL, m, "application/json", "{}");
	assert_error_field(&r, 403, "csrf");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM child"), children);
	assert_int_equal(db_int("SELECT count(*) FROM plan_proposal"), 0);
	free(m);
}

static void test_malformed_json_is_400(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	int64_t children = db_int("SELECT count(*) FROM child");
	struct reply r;
	(void)state;
	r = post_json(m, "/api/v1/children", "{\"id\": \"C091\", \"first_name\": ");
	assert_error_field(&r, 400, "body");
	assert_non_null(strstr(jstr(r.json, "error"), "not valid JSON"));
	reply_free(&r);
	r = post_json(m, "/api/v1/children", "[\"C091\"]");
	assert_error_field(&r, 400, "body");
	reply_free(&r);
	r = post_json(m, "/api/v1/children", "");
	assert_error_field(&r, 400, "body");
	reply_free(&r);
	r = post_json(m, "/api/v1/children", "{\"id\": \"C091\", \"id\": \"C092\"}");
	assert_error_field(&r, 400, "body"); /* a key twice */
	reply_free(&r);
	r = post_json(m, "/api/v1/plans/1/accept", "{\"from\": 2026-03-09}");
	assert_error_field(&r, 400, "body");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM child"), children);
	free(m);
}

/* ---- children ---- */

static void test_bad_child_is_422_naming_the_field(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	int64_t children = db_int("SELECT count(*) FROM child");
	struct reply r;
	(void)state;
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"first_name\": \"Amara\", \"last_name\": \"Okafor\", "
	              "\"date_of_birth\": \"2023-02-30\", \"room\": \"Toddlers\", "
	              "\"start_date\": \"2026-03-02\"}");
	assert_error_field(&r, 422, "date_of_birth");
	reply_free(&r);
	r = post_json(
	    m, "/api/v1/children",
	    "{\"id\": \"C092\", \"last_name\": \"Okafor\", \"date_of_birth\": \"2023-05-10\", "
	    "\"room\": \"Toddlers\", \"start_date\": \"2026-03-02\"}");
	assert_error_field(&r, 422, "first_name");
	reply_free(&r);
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"nickname\": \"Ama\", " GOOD_CHILD "}");
	assert_error_field(&r, 422, "nickname");
	reply_free(&r);
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"mon\": {\"from\": \"08:00\"}, "
	              "\"first_name\": \"A\"}");
	assert_error_field(&r, 422, "mon");
	reply_free(&r);
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"first_name\": \"Amara\", \"last_name\": \"Okafor\", "
	              "\"date_of_birth\": \"2023-05-10\", \"room\": \"Attic\", "
	              "\"start_date\": \"2026-03-02\"}");
	assert_error_field(&r, 422, "room"); /* from the core operation */
	reply_free(&r);
	r = post_json(m, "/api/v1/children",
	              "{\"id\": \"C092\", \"first_name\": \"Amara\", \"last_name\": \"Okafor\", "
	              "\"date_of_birth\": \"2023-05-10\", \"room\": \"Toddlers\", "
	              "\"start_date\": \"2026-03-02\", \"key_person\": \"S06\"}");
	assert_error_field(&r, 422, "buddy");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM child"), children);
	free(m);
}

static void test_manager_adds_child_and_reads_it_back(void **state)
{
	char *m = signin("manager", "demo-manager-2026"), path[64];
	struct reply r;
	json_int_t id;
	(void)state;
	r = post_json(m, "/api/v1/children", "{\"id\": \"C093\", " GOOD_CHILD "}");
	if (r.status != 201)
		fail_msg("adding a child: %d %s", r.status, r.body);
	assert_string_equal(jstr(r.json, "code"), "C093");
	id = json_integer_value(json_object_get(r.json, "id"));
	assert_true(id > 0);
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM child WHERE code = 'C093' AND sen = 1 "
	                        "AND other_languages LIKE '%%yo%%'"),
	                 1);

	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)id);
	r = get(m, path, NULL);
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
	reply_free(&r);

	/* the same id twice */
	r = post_json(m, "/api/v1/children", "{\"id\": \"C093\", " GOOD_CHILD "}");
	assert_error_field(&r, 409, "id");
	reply_free(&r);
	/* a practitioner may not add one */
	{
		char *k = signin("keyperson", "demo-keyperson-2026");
		r = post_json(k, "/api/v1/children", "{\"id\": \"C094\", " GOOD_CHILD "}");
		assert_error_field(&r, 403, NULL);
		reply_free(&r);
		free(k);
	}
	assert_int_equal(db_int("SELECT count(*) FROM child WHERE code = 'C094'"), 0);
	free(m);
}

static void test_parent_reaches_only_own_family(void **state)
{
	char *p = signin("parent", "demo-parent-2026"), path[64];
	int64_t own = db_int("SELECT id FROM child WHERE family_id = 1 ORDER BY id LIMIT 1");
	int64_t other = db_int("SELECT id FROM child WHERE family_id <> 1 ORDER BY id LIMIT 1");
	int64_t family =
	    db_int("SELECT count(*) FROM child WHERE family_id = 1 AND start_date <= '" TODAY
	           "' AND (leaving_date IS NULL OR leaving_date >= '" TODAY "')");
	struct reply r;
	size_t i;
	json_t *c;
	(void)state;
	assert_true(own > 0);
	r = get(p, "/api/v1/children", NULL);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "children")), family);
	json_array_foreach (json_object_get(r.json, "children"), i, c) {
		assert_int_equal(db_int("SELECT family_id FROM child WHERE id = %lld",
		                        (long long)json_integer_value(json_object_get(c, "id"))),
		                 1);
	}
	reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)own);
	r = get(p, path, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "access"), "basic");
	assert_null(json_object_get(r.json, "medical"));
	assert_non_null(json_object_get(r.json, "key_person"));
	reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)other);
	r = get(p, path, NULL);
	assert_error_field(&r, 404, NULL);
	reply_free(&r);
	r = get(p, "/api/v1/children/999999", NULL);
	assert_error_field(&r, 404, NULL);
	reply_free(&r);
	r = get(p, "/api/v1/today", NULL);
	assert_error_field(&r, 403, NULL);
	reply_free(&r);
	r = get(p, "/api/v1/keygroups", NULL);
	assert_error_field(&r, 403, NULL);
	reply_free(&r);
	free(p);
}

static void test_practitioner_sees_basics_of_their_rooms_and_may_not_plan(void **state)
{
	char *k = signin("keyperson", "demo-keyperson-2026"),
	     *m = signin("manager", "demo-manager-2026");
	char path[64];
	int64_t outside =
	    db_int("SELECT c.id FROM child c WHERE NOT EXISTS (SELECT 1 FROM staff_room sr "
	           "JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04' AND "
	           "sr.room_id = c.room_id) AND NOT EXISTS (SELECT 1 FROM key_assignment ka "
	           "JOIN staff s ON s.id IN (ka.primary_staff_id, ka.secondary_staff_id) "
	           "WHERE ka.child_id = c.id AND s.code = 'S04') ORDER BY c.id LIMIT 1");
	int64_t key =
	    db_int("SELECT ka.child_id FROM key_assignment ka JOIN staff s ON "
	           "s.id = ka.primary_staff_id WHERE s.code = 'S04' AND ka.to_date IS NULL "
	           "ORDER BY ka.child_id LIMIT 1");
	struct reply rk = get(k, "/api/v1/children", NULL), rm = get(m, "/api/v1/children", NULL),
	             r;
	(void)state;
	assert_int_equal(rk.status, 200);
	assert_true(json_array_size(json_object_get(rk.json, "children")) > 0);
	assert_true(json_array_size(json_object_get(rk.json, "children")) <
	            json_array_size(json_object_get(rm.json, "children")));
	reply_free(&rk);
	reply_free(&rm);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)outside);
	r = get(k, path, NULL);
	assert_error_field(&r, 404, NULL);
	reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)key);
	r = get(k, path, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "access"), "records"); /* their own key child */
	reply_free(&r);
	r = post_json(k, "/api/v1/plans", "{}");
	assert_error_field(&r, 403, NULL);
	reply_free(&r);
	r = get(k, "/api/v1/keygroups", NULL);
	assert_error_field(&r, 403, NULL);
	reply_free(&r);
	free(k);
	free(m);
}

/* ---- the day and key groups ---- */

static void test_today_is_kw_today_json(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	struct reply r = get(m, "/api/v1/today", "date=" TODAY);
	(void)state;
	assert_int_equal(r.status, 200);
	if (!json_equal(r.json, cli_today))
		fail_msg("/api/v1/today differs from kw today --json:\n%s", r.body);
	reply_free(&r);
	r = get(m, "/api/v1/today", NULL); /* today by default */
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(r.json, "date"), TODAY);
	reply_free(&r);
	r = get(m, "/api/v1/today", "date=2026-02-30");
	assert_error_field(&r, 422, "date");
	reply_free(&r);
	r = get(m, "/api/v1/today", "room=Attic");
	assert_error_field(&r, 422, "room");
	reply_free(&r);
	r = get(m, "/api/v1/today", "date=" TODAY "&room=Babies");
	assert_int_equal(r.status, 200);
	assert_true(json_array_size(json_object_get(r.json, "children")) > 0);
	assert_true(json_array_size(json_object_get(r.json, "children")) <
	            json_array_size(json_object_get(cli_today, "children")));
	reply_free(&r);
	free(m);
}

static void test_keygroups_carry_loads_and_fair_shares(void **state)
{
	char *s = signin("senco", "demo-senco-2026");
	struct reply r = get(s, "/api/v1/keygroups", NULL);
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
		char *m = signin("manager", "demo-manager-2026");
		struct reply all = get(m, "/api/v1/children", NULL);
		/* every child on roll is someone's key child, or listed as without one */
		assert_int_equal(key_children +
		                     json_array_size(json_object_get(r.json, "without_key_person")),
		                 json_array_size(json_object_get(all.json, "children")));
		reply_free(&all);
		free(m);
	}
	assert_true(json_array_size(json_object_get(r.json, "uncovered")) > 0);
	assert_true(json_is_number(json_object_get(json_object_get(r.json, "score"), "total")));
	reply_free(&r);
	free(s);
}

/* ---- planning and accepting ---- */

static void test_manager_plans_and_accepts_some_children(void **state)
{
	char *m = signin("manager", "demo-manager-2026"), path[64], body[256], query[64];
	struct reply r;
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
	reply_free(&r);

	snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)id);
	r = get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(json_array_get(json_object_get(r.json, "changes"), 0), "child"),
	                    first_code);
	reply_free(&r);
	r = get(m, "/api/v1/plans/999999", NULL);
	assert_error_field(&r, 404, NULL);
	reply_free(&r);

	/* refusals first: nothing written */
	snprintf(path, sizeof path, "/api/v1/plans/%lld/accept", (long long)id);
	r = post_json(m, path, "{\"children\": [\"C001\"]}");
	assert_error_field(&r, 422, "from");
	reply_free(&r);
	r = post_json(m, path, "{\"from\": \"2026-03-02\"}");
	assert_error_field(&r, 422, "from"); /* in the past */
	reply_free(&r);
	r = post_json(m, path, "{\"from\": \"2026-03-09\", \"children\": \"C001\"}");
	assert_error_field(&r, 422, "children");
	reply_free(&r);
	r = post_json(m, path, "{\"from\": \"2026-03-09\", \"children\": [\"C999\"]}");
	assert_error_field(&r, 422, "children");
	reply_free(&r);
	r = post_json(m, path, "{\"from\": \"2026-03-09\", \"everyone\": true}");
	assert_error_field(&r, 422, "everyone");
	reply_free(&r);
	assert_int_equal(
	    db_int("SELECT count(*) FROM key_assignment WHERE from_date = '2026-03-09'"), 0);

	/* accept the first child only */
	snprintf(body, sizeof body, "{\"from\": \"2026-03-09\", \"children\": [\"%s\"]}",
	         first_code);
	r = post_json(m, path, body);
	if (r.status != 200)
		fail_msg("accepting: %d %s", r.status, r.body);
	assert_int_equal(json_integer_value(json_object_get(r.json, "changed")), 1);
	reply_free(&r);
	assert_int_equal(
	    db_int("SELECT count(*) FROM key_assignment WHERE from_date = '2026-03-09'"), 1);
	child_id = db_int("SELECT id FROM child WHERE code = '%s'", first_code);
	assert_true(
	    db_int("SELECT count(*) FROM outbox WHERE child_id = %lld", (long long)child_id) >= 1);
	assert_int_equal(db_int("SELECT count(*) FROM outbox o JOIN child c ON c.id = o.child_id "
	                        "WHERE c.code = '%s'",
	                        second_code),
	                 0);

	/* the child's key person changes from that date, not before */
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)child_id);
	snprintf(query, sizeof query, "date=2026-03-09");
	r = get(m, path, query);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr(json_object_get(r.json, "key_person"), "id"), new_code);
	assert_string_equal(jstr(r.json, "key_person_from"), "2026-03-09");
	reply_free(&r);
	r = get(m, path, "date=2026-03-06");
	assert_int_equal(r.status, 200);
	if (*old_code)
		assert_string_equal(jstr(json_object_get(r.json, "key_person"), "id"), old_code);
	reply_free(&r);
	/* the second child keeps their pair */
	child_id = db_int("SELECT id FROM child WHERE code = '%s'", second_code);
	assert_int_equal(db_int("SELECT count(*) FROM key_assignment WHERE child_id = %lld "
	                        "AND from_date >= '2026-03-04'",
	                        (long long)child_id),
	                 0);

	/* accepting twice is refused */
	snprintf(path, sizeof path, "/api/v1/plans/%lld/accept", (long long)id);
	snprintf(body, sizeof body, "{\"from\": \"2026-03-09\", \"children\": [\"%s\"]}",
	         second_code);
	r = post_json(m, path, body);
	assert_error_field(&r, 409, NULL);
	reply_free(&r);
	assert_int_equal(
	    db_int("SELECT count(*) FROM key_assignment WHERE from_date = '2026-03-09'"), 1);
	snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)id);
	r = get(m, path, NULL);
	assert_string_equal(jstr(r.json, "state"), "accepted");
	reply_free(&r);
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
