/*
 * test_attack.c — every route of the router, as every kind of person, with
 * the ids of records that are not theirs: 0 successes (issue 11, "Attack").
 *
 * One database holds two full demo settings. The walk takes each route with
 * ids in its path (read from the router's own table, so a new route is
 * walked without anyone adding it here) and, for each signed-in person of
 * setting 1 (manager, key person, SENCo, DSL, admin, parent), fills every
 * ":id" with ids of the right kind that belong to setting 2; the parent also
 * walks every id of their own setting's children, contacts, messages and
 * photos that are another family's. Every answer must be a refusal (4xx):
 * no 2xx, no redirect after a write. Nothing may change in the database
 * (row counts of every table but the audit log, sessions and sign-in
 * attempts). Then every POST route, signed in as the manager, without the
 * CSRF token: refused, nothing written.
 *
 * The kind of an id is told by the path before it ("/children/:id" is a
 * child, "/family/messages/:id" a family's message). A route whose path is
 * not in kinds[] fails the test, so a new kind of record is thought about
 * here.
 */
#include "http_support.h"
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "core_demo.h"
#include "core_user.h"
#include "date.h"
#include "http.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"
#define MAX_IDS 64 /* of each kind, per person */

static struct server srv;
static const char *db;

/* What an id after each path segment names, and which ids are someone
 * else's: setting 2's for everyone; for a parent also their own setting's
 * that are not their family's (%lld is the parent's family id). */
static const struct kind {
	const char *before;        /* the path before the first ":id" ends with this */
	const char *other_setting; /* ids of setting 2 */
	const char *other_family;  /* ids in setting 1 not of family %lld; NULL: as other_setting */
} kinds[] = {
    /* the most specific first */
    /* issue 9: policies (the setting's, every family of it may read them) and notices
     * (a family's: for everyone, or for a room one of its children is in) */
    {"/family/policies/", "SELECT id FROM policy WHERE setting_id = 2", NULL},
    {"/family/notices/", "SELECT id FROM notice WHERE setting_id = 2",
     "SELECT id FROM notice WHERE setting_id = 1 AND room_id IS NOT NULL AND room_id NOT IN "
     "(SELECT room_id FROM child WHERE family_id = %lld)"},
    {"/policies/", "SELECT id FROM policy WHERE setting_id = 2", NULL},
    {"/notices/", "SELECT id FROM notice WHERE setting_id = 2", NULL},
    {"/family/messages/", "SELECT id FROM portal_message WHERE setting_id = 2",
     "SELECT id FROM portal_message WHERE setting_id = 1 AND child_id IN "
     "(SELECT id FROM child WHERE family_id <> %lld)"},
    {"/family/observations/", "SELECT id FROM observation WHERE setting_id = 2",
     "SELECT id FROM observation WHERE setting_id = 1 AND (shared = 0 OR id NOT IN "
     "(SELECT observation_id FROM observation_child WHERE child_id IN "
     "(SELECT id FROM child WHERE family_id = %lld)))"},
    {"/family/contact/changes/", "SELECT id FROM contact_change WHERE setting_id = 2",
     "SELECT id FROM contact_change WHERE setting_id = 1 AND contact_id IN "
     "(SELECT id FROM contact WHERE family_id <> %lld)"},
    {"/contact-changes/", "SELECT id FROM contact_change WHERE setting_id = 2", NULL},
    {"/family-changes/", "SELECT id FROM family_change WHERE setting_id = 2", NULL},
    {"/health-notes/", "SELECT id FROM health_note WHERE setting_id = 2",
     "SELECT id FROM health_note WHERE setting_id = 1 AND child_id IN "
     "(SELECT id FROM child WHERE family_id <> %lld)"},
    {"/menu/items/", "SELECT id FROM menu_item WHERE setting_id = 2", NULL},
    {"/observations/photos/", "SELECT id FROM observation_photo WHERE setting_id = 2",
     "SELECT p.id FROM observation_photo p JOIN observation o ON o.id = p.observation_id "
     "WHERE p.setting_id = 1 AND (o.shared = 0 OR o.id NOT IN "
     "(SELECT observation_id FROM observation_child WHERE child_id IN "
     "(SELECT id FROM child WHERE family_id = %lld)))"},
    {"/observations/", "SELECT id FROM observation WHERE setting_id = 2",
     "SELECT id FROM observation WHERE setting_id = 1 AND (shared = 0 OR id NOT IN "
     "(SELECT observation_id FROM observation_child WHERE child_id IN "
     "(SELECT id FROM child WHERE family_id = %lld)))"},
    {"/planning/", "SELECT id FROM planned_experience WHERE setting_id = 2", NULL},
    {"/allegations/", "SELECT id FROM allegation WHERE setting_id = 2", NULL}, /* issue 8 */
    {"/children/", "SELECT id FROM child WHERE setting_id = 2",
     "SELECT id FROM child WHERE setting_id = 1 AND family_id <> %lld"},
    {"/register/", "SELECT id FROM child WHERE setting_id = 2",
     "SELECT id FROM child WHERE setting_id = 1 AND family_id <> %lld"},
    {"/staff/", "SELECT id FROM staff WHERE setting_id = 2", NULL},
    {"/rooms/", "SELECT id FROM room WHERE setting_id = 2", NULL},
    {"/consents/", "SELECT id FROM consent WHERE setting_id = 2",
     "SELECT id FROM consent WHERE setting_id = 1 AND child_id IN "
     "(SELECT id FROM child WHERE family_id <> %lld)"},
    {"/contacts/", "SELECT id FROM contact WHERE setting_id = 2",
     "SELECT id FROM contact WHERE setting_id = 1 AND family_id <> %lld"},
    {"/entries/", "SELECT id FROM register_child WHERE setting_id = 2", NULL},
    {"/messages/", "SELECT id FROM handover_message WHERE setting_id = 2",
     "SELECT id FROM handover_message WHERE setting_id = 1 AND (child_id IS NULL OR child_id IN "
     "(SELECT id FROM child WHERE family_id <> %lld))"},
    {"/plans/", "SELECT id FROM plan_proposal WHERE setting_id = 2", NULL},
    {"/users/",
     "SELECT u.id FROM app_user u JOIN user_setting us ON us.user_id = u.id "
     "WHERE us.setting_id = 2",
     NULL},
};

enum who { P_MANAGER, P_KEY_PERSON, P_SENCO, P_DSL, P_ADMIN, P_PARENT, P__MAX };
static const char *const who_name[P__MAX] = {"manager", "keyperson", "senco",
                                             "dsl",     "admin",     "parent"};
static char *cookie[P__MAX];
static long long parent_family;

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct demo_options o = {.children = 60, .another = 1, .setting_name = "Otherside Nursery"};
	struct demo_summary sum;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512];
	(void)state;
	db = th_demo(&srv, "attack.db", "2026-03-02", TODAY, 0);
	/* The second setting: a whole demo of its own, in the same database. */
	assert_int_equal(date_parse("2026-03-02", &o.start), 0);
	o.staff = core_demo_default_staff(o.children);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) || core_tx_commit(s, &e))
		fail_msg("the second setting: %s", e.msg);
	assert_int_equal(sum.setting_id, 2);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "dsl", "demo-dsl-2026", (1u << ROLE_DSL) | (1u << ROLE_MANAGER), "S02",
	            0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_add_demo_users("admin", "manager", "keyperson", "senco", "parent", NULL);
	th_serve();
	for (int p = 0; p < P__MAX; p++) {
		char password[64];
		snprintf(password, sizeof password, "demo-%s-2026", who_name[p]);
		cookie[p] = th_signin(who_name[p], password);
	}
	parent_family = th_db_int("SELECT family_id FROM contact WHERE id = 1");
	assert_true(parent_family > 0);
	return 0;
}

static int group_teardown(void **state)
{
	for (int p = 0; p < P__MAX; p++)
		free(cookie[p]);
	return th_group_teardown(state);
}

/* Row counts of every table but those reading and signing in write. */
static char *fingerprint(void)
{
	char *names =
	    th_db_text("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master "
	               "WHERE type = 'table' AND name NOT IN "
	               "('audit_log', 'session', 'login_attempt') ORDER BY name) AS t");
	size_t cap = 16384, used = 0;
	char *out = calloc(1, cap);
	for (char *t = strtok(names, " "); t; t = strtok(NULL, " "))
		used += (size_t)snprintf(out + used, cap - used, "%s=%lld\n", t,
		                         (long long)th_db_int("SELECT count(*) FROM \"%s\"", t));
	free(names);
	return out;
}

/* The kind of the id after the first len characters of pattern. */
static const struct kind *kind_of(const char *pattern, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		size_t n = strlen(kinds[i].before);
		if (n <= len && strncmp(pattern + len - n, kinds[i].before, n) == 0)
			return &kinds[i];
	}
	return NULL;
}

/* The ids sql lists (its %lld the parent's family), up to MAX_IDS. */
static size_t ids_of(const char *sql, long long *out)
{
	char *list = th_db_text("SELECT coalesce(group_concat(id, ' '), '') FROM (%s LIMIT %d)",
	                        sql, MAX_IDS);
	size_t n = 0;
	for (char *t = strtok(list, " "); t && n < MAX_IDS; t = strtok(NULL, " "))
		out[n++] = strtoll(t, NULL, 10);
	free(list);
	return n;
}

/* pattern with each ":id" replaced by id (all of them: a route with two
 * ids gets the same foreign id in both, and with it the first segment's
 * kind decides). */
static void fill(const char *pattern, long long id, char *out, size_t n)
{
	size_t used = 0;
	for (const char *p = pattern; *p && used + 24 < n;) {
		if (p[0] == ':' && (p == pattern || p[-1] == '/')) {
			used += (size_t)snprintf(out + used, n - used, "%lld", id);
			p += strcspn(p, "/");
		} else {
			out[used++] = *p++;
		}
	}
	out[used] = '\0';
}

static void test_nobody_reaches_what_is_not_theirs(void **state)
{
	char *before = fingerprint(), *after;
	int requests = 0, successes = 0, unknown = 0;
	(void)state;
	for (size_t r = 0; r < http_route_count(); r++) {
		const char *method, *pattern, *colon;
		unsigned roles;
		const struct kind *k;
		http_route_get(r, &method, &pattern, &roles);
		colon = strstr(pattern, "/:");
		if (!colon || strncmp(pattern, "/static/", 8) == 0)
			continue;
		k = kind_of(pattern, (size_t)(colon - pattern) + 1);
		if (!k) {
			print_message("route %s %s: the kind of its id is not in kinds[]\n", method,
			              pattern);
			unknown++;
			continue;
		}
		for (int p = 0; p < P__MAX; p++) {
			long long ids[2 * MAX_IDS];
			size_t n = ids_of(k->other_setting, ids);
			if (p == P_PARENT && k->other_family) {
				/* the family's id in place of %lld */
				const char *at = strstr(k->other_family, "%lld");
				char sql[1024];
				assert_non_null(at);
				snprintf(sql, sizeof sql, "%.*s%lld%s", (int)(at - k->other_family),
				         k->other_family, parent_family, at + 4);
				n += ids_of(sql, ids + n);
			}
			for (size_t i = 0; i < n; i++) {
				char path[512];
				struct th_reply a;
				fill(pattern, ids[i], path, sizeof path);
				if (strcmp(method, "GET") == 0)
					a = th_get(cookie[p], path, "date=" TODAY);
				else
					a = th_post(cookie[p], path,
					            "date=" TODAY
					            "&text=attack&for=child:1&reason=x&to=1"
					            "&at=10:00&room=&minute=600&note=x");
				requests++;
				if (a.status < 400) {
					successes++;
					print_message("%s %s as %s: %d (id %lld is not theirs)\n",
					              method, path, who_name[p], a.status, ids[i]);
				}
				th_reply_free(&a);
			}
		}
	}
	after = fingerprint();
	print_message("attack walk: %d requests with another setting's or another family's ids, "
	              "%d answered other than a refusal\n",
	              requests, successes);
	assert_int_equal(unknown, 0);
	assert_true(requests > 100);
	assert_int_equal(successes, 0);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* Every POST without the form's token, as the manager: refused, nothing written. */
static void test_no_write_without_the_csrf_token(void **state)
{
	char *before = fingerprint(), *after;
	int posts = 0;
	(void)state;
	for (size_t r = 0; r < http_route_count(); r++) {
		const char *method, *pattern;
		unsigned roles;
		char path[512];
		struct th_reply a;
		http_route_get(r, &method, &pattern, &roles);
		if (strcmp(method, "POST") != 0 || strcmp(pattern, "/signin") == 0)
			continue;
		/* own ids: the manager may write here with the token */
		fill(pattern, 1, path, sizeof path);
		a = th_request("POST", path, NULL, cookie[P_MANAGER],
		               "application/x-www-form-urlencoded",
		               "date=" TODAY "&text=no+token&for=child:1&to=1&at=10:00");
		posts++;
		if (a.status != 403)
			print_message("POST %s without the token: %d\n", path, a.status);
		assert_int_equal(a.status, 403);
		th_reply_free(&a);
	}
	after = fingerprint();
	print_message("CSRF: %d POST routes without the token, all refused\n", posts);
	assert_true(posts > 10);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* Passwords travel only in the body: in the query string (which ends up in
 * logs, history and Referer headers) they are not even read. */
static void test_password_in_the_query_string_is_not_read(void **state)
{
	struct th_reply form = th_get(NULL, "/signin", NULL), r;
	char *pre = th_cookie_pair(form.cookie[1]), *csrf = th_input_value(form.body, "csrf");
	char body[256];
	(void)state;
	assert_non_null(pre);
	assert_non_null(csrf);
	snprintf(body, sizeof body, "csrf=%s&username=manager", csrf);
	r = th_request("POST", "/signin", "password=demo-manager-2026", pre,
	               "application/x-www-form-urlencoded", body);
	assert_int_not_equal(r.status, 303);
	assert_null(r.cookie[0] && strncmp(r.cookie[0], "kw=", 3) == 0 ? r.cookie[0] : NULL);
	th_reply_free(&r);
	/* the same password in the body signs in */
	snprintf(body, sizeof body, "csrf=%s&username=manager&password=demo-manager-2026", csrf);
	r = th_request("POST", "/signin", NULL, pre, "application/x-www-form-urlencoded", body);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	th_reply_free(&form);
	free(pre);
	free(csrf);
}

/* The JSON API takes JSON only: a form or text body is refused before any
 * handler reads it (ASVS 13.1.5), and nothing is written. */
static void test_api_takes_only_json_bodies(void **state)
{
	static const char *const types[] = {"text/plain", "application/x-www-form-urlencoded",
	                                    "application/jsonx", NULL};
	char *csrf = th_csrf_of(cookie[P_MANAGER]);
	int64_t before = th_db_int("SELECT count(*) FROM child");
	(void)state;
	for (int i = 0; i < 4; i++) {
		struct th_reply r =
		    th_request_csrf("POST", "/api/v1/children", NULL, csrf, cookie[P_MANAGER],
		                    types[i], "{\"id\": \"C777\", \"first_name\": \"Zed\"}");
		assert_int_equal(r.status, 415);
		th_reply_free(&r);
	}
	assert_int_equal(th_db_int("SELECT count(*) FROM child"), before);
	free(csrf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nobody_reaches_what_is_not_theirs),
	    cmocka_unit_test(test_no_write_without_the_csrf_token),
	    cmocka_unit_test(test_password_in_the_query_string_is_not_read),
	    cmocka_unit_test(test_api_takes_only_json_bodies),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
