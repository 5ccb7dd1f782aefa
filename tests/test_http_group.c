/*
 * test_http_group.c — groups of settings (issue 10) from the forbidden
 * side, through http_handle() without sockets. One database holds three
 * whole demo settings: 1 and 2 in one group (North, kw demo's own), 3 in the group South.
 * A group manager sees each of their settings' counts, which match what
 * the setting's own manager is told by the setting's own API; never a
 * child's name; nothing of another group's setting; and no route of a
 * setting opens through the group role. A manager of one setting reaches
 * none of another setting's children by any route of the router; staff
 * and parents are refused the dashboard; only a setting where one holds a
 * role can be made current.
 */
#include "http_support.h"
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "core_demo.h"
#include "core_group.h"
#include "core_register.h"
#include "core_today.h"
#include "core_user.h"
#include "date.h"
#include "http.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"
#define KIDS 3 /* child ids of each setting every route is tried with */

static struct server srv;
static const char *db;

enum who {
	P_NORTH,
	P_SOUTH,
	P_NORTHMGR,
	P_MANAGER,
	P_OTHERMGR,
	P_KEYPERSON,
	P_PARENT,
	P_TWOHATS,
	P__MAX
};
static const char *const who_name[P__MAX] = {"north",        "south",     "northmgr", "manager",
                                             "othermanager", "keyperson", "parent",   "twohats"};
static const char *const who_password[P__MAX] = {"bluebell rainy tuesday", "foxglove windy monday",
                                                 "daisy cloudy friday",    "demo-manager-2026",
                                                 "other-manager-2026",     "demo-keyperson-2026",
                                                 "demo-parent-2026",       "acorn sunny thursday"};
static char *cookie[P__MAX];
static long long kids[4][KIDS]; /* [setting][i] */
static long long signed_in_1;   /* children signed in today in setting 1 */

static void load_setting(struct store *s, const char *name, int children, int64_t want)
{
	struct demo_options o = {.children = children, .another = 1, .setting_name = name};
	struct demo_summary sum;
	struct op_error e;
	assert_int_equal(date_parse("2026-03-02", &o.start), 0);
	o.staff = core_demo_default_staff(o.children);
	if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) || core_tx_commit(s, &e))
		fail_msg("setting %s: %s", name, e.msg);
	assert_int_equal(sum.setting_id, want);
}

static void role_in(struct store *s, int64_t user, int64_t setting, const char *role)
{
	struct store_stmt *st = store_stmt(s, STMT_USER_SETTING_INSERT);
	store_bind_int(st, 1, setting);
	store_bind_int(st, 2, user);
	store_bind_id(st, 3, 0);
	store_bind_id(st, 4, 0);
	assert_int_equal(store_run(st), STORE_OK);
	st = store_stmt(s, STMT_USER_ROLE_INSERT);
	store_bind_int(st, 1, setting);
	store_bind_int(st, 2, user);
	store_bind_text(st, 3, role);
	assert_int_equal(store_run(st), STORE_OK);
}

static int64_t user_id_of(struct store *s, const char *name)
{
	struct store_stmt *st = store_stmt(s, STMT_USER_BY_NAME);
	int64_t id = 0;
	store_bind_text(st, 1, name);
	if (store_step(st) == STORE_ROW)
		id = store_col_int(st, 0);
	store_finish(st);
	assert_true(id > 0);
	return id;
}

/* Sign in the first two children setting 1 expects today, at 08:00. */
static void sign_in_two(struct store *s, const struct actor *who)
{
	struct today t;
	struct op_error e;
	int day;
	assert_int_equal(date_parse(TODAY, &day), 0);
	memset(&t, 0, sizeof t);
	assert_int_equal(core_today_load(s, 1, day, 0, &t, &e), 0);
	assert_true(t.nchildren >= 2);
	for (size_t i = 0; i < 2; i++) {
		struct register_child_entry in = {.child_id = t.children[i].id,
		                                  .event = REGISTER_IN,
		                                  .day = day,
		                                  .minute = 8 * 60,
		                                  .by_staff_id = t.staff[0].id};
		int64_t id;
		if (core_register_child(s, who, &in, &id, &e))
			fail_msg("register: %s %s", e.field, e.msg);
	}
	signed_in_1 = 2;
	core_today_free(&t);
}

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who1 = {.setting_id = 1, .name = "test", .ip = ""};
	struct actor who2 = {.setting_id = 2, .name = "test", .ip = ""};
	int64_t north, south, id;
	char err[512];
	(void)state;
	db = th_demo(&srv, "group.db", "2026-03-02", TODAY, TH_API_JSON);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	load_setting(s, "Otherside Nursery", 60, 2);
	load_setting(s, "Far Away Pre-school", 30, 3);
	assert_int_equal(core_tx_begin(s, &e), 0);
	/* kw demo put setting 1 alone in its "Demo group": that is North here */
	north = core_group_find(s, "Demo group");
	assert_true(north > 0);
	if (core_group_attach(s, &who1, north, 2, &e) ||
	    core_group_add(s, &who1, "South", &south, &e) ||
	    core_group_attach(s, &who1, south, 3, &e))
		fail_msg("groups: %s %s", e.field, e.msg);
	{
		struct user_new n = {.username = "north",
		                     .display_name = "North group manager",
		                     .password = who_password[P_NORTH]};
		struct user_new so = {.username = "south",
		                      .display_name = "South group manager",
		                      .password = who_password[P_SOUTH]};
		if (core_group_manager_add(s, &who1, north, &n, &id, &e) ||
		    core_group_manager_add(s, &who1, south, &so, &id, &e))
			fail_msg("group managers: %s %s", e.field, e.msg);
	}
	th_add_user(s, &who2, "othermanager", who_password[P_OTHERMGR], 1u << ROLE_MANAGER, "S01",
	            0);
	th_add_user(s, &who1, "northmgr", who_password[P_NORTHMGR], 1u << ROLE_MANAGER, NULL, 0);
	if (core_group_manager_grant(s, &who1, north, "northmgr", &e))
		fail_msg("grant: %s", e.msg);
	th_add_user(s, &who1, "twohats", who_password[P_TWOHATS], 1u << ROLE_MANAGER, NULL, 0);
	role_in(s, user_id_of(s, "twohats"), 2, "manager");
	sign_in_two(s, &who1);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
	for (int p = 0; p < P__MAX; p++)
		cookie[p] = th_signin(who_name[p], who_password[p]);
	for (int st = 1; st <= 3; st++)
		for (int i = 0; i < KIDS; i++)
			kids[st][i] =
			    th_db_int("SELECT id FROM child WHERE setting_id = %d ORDER BY id "
			              "LIMIT 1 OFFSET %d",
			              st, i * 7);
	return 0;
}

static int group_teardown(void **state)
{
	for (int p = 0; p < P__MAX; p++)
		free(cookie[p]);
	return th_group_teardown(state);
}

/* The line of setting_id in the JSON dashboard, or NULL. */
static json_t *line_of(json_t *dash, long long setting_id)
{
	json_t *groups = json_object_get(dash, "groups"), *g, *l;
	size_t i, k;
	json_array_foreach (groups, i, g) {
		json_array_foreach (json_object_get(g, "settings"), k, l) {
			if (json_integer_value(json_object_get(l, "id")) == setting_id)
				return l;
		}
	}
	return NULL;
}

static long long num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v))
		fail_msg("no number %s", key);
	return (long long)json_integer_value(v);
}

/* Every child's full name of setting st is absent from text. */
static void names_no_child_of(const char *text, int st)
{
	char *list =
	    th_db_text("SELECT coalesce(group_concat(first_name || ' ' || last_name, '|'), '') "
	               "FROM child WHERE setting_id = %d",
	               st);
	int n = 0;
	for (char *t = strtok(list, "|"); t; t = strtok(NULL, "|"), n++)
		if (strstr(text, t))
			fail_msg("the dashboard names %s, a child of setting %d", t, st);
	assert_true(n > 10);
	free(list);
}

/* What the setting's own manager is told by /api/v1/today: children
 * expected, and greets and hand-overs with nobody who knows the child. */
static void own_today(enum who p, long long *expected, long long *nobody)
{
	struct th_reply r = th_get(cookie[p], "/api/v1/today", "date=" TODAY);
	json_t *c;
	size_t i;
	assert_int_equal(r.status, 200);
	*expected = (long long)json_array_size(json_object_get(r.json, "children"));
	*nobody = 0;
	json_array_foreach (json_object_get(r.json, "children"), i, c) {
		*nobody += (long long)json_array_size(json_object_get(c, "uncovered"));
	}
	th_reply_free(&r);
}

static void test_counts_match_each_settings_own_pages(void **state)
{
	struct th_reply r = th_get(cookie[P_NORTH], "/api/v1/group", NULL);
	const enum who own[3] = {P_MANAGER, P_MANAGER, P_OTHERMGR};
	(void)state;
	assert_int_equal(r.status, 200);
	for (int st = 1; st <= 2; st++) {
		json_t *l = line_of(r.json, st);
		long long expected, nobody;
		assert_non_null(l);
		own_today(own[st], &expected, &nobody);
		assert_true(expected > 10);
		assert_int_equal(num(l, "children_expected"), expected);
		assert_int_equal(num(l, "uncovered"), nobody);
		assert_int_equal(num(l, "children_signed_in"), st == 1 ? signed_in_1 : 0);
		assert_int_equal(
		    num(l, "ofsted_awaiting"),
		    th_db_int("SELECT count(*) FROM accident WHERE setting_id = %d AND "
		              "notifiable = 1 AND notified_at IS NULL",
		              st));
		assert_string_equal(json_string_value(json_object_get(l, "date")), TODAY);
		assert_false(json_is_true(json_object_get(l, "member")));
	}
	th_reply_free(&r);
}

static void test_group_manager_of_one_group_sees_nothing_of_another(void **state)
{
	struct th_reply n = th_get(cookie[P_NORTH], "/api/v1/group", NULL);
	struct th_reply s = th_get(cookie[P_SOUTH], "/api/v1/group", NULL);
	struct th_reply page = th_get(cookie[P_SOUTH], "/group", NULL);
	(void)state;
	assert_int_equal(n.status, 200);
	assert_int_equal(s.status, 200);
	assert_int_equal(page.status, 200);
	assert_non_null(line_of(n.json, 1));
	assert_non_null(line_of(n.json, 2));
	assert_null(line_of(n.json, 3));
	assert_non_null(line_of(s.json, 3));
	assert_null(line_of(s.json, 1));
	assert_null(line_of(s.json, 2));
	th_assert_contains(page.body, "Far Away Pre-school");
	th_assert_lacks(page.body, "Sunflower Day Nursery</th>");
	th_assert_lacks(page.body, "Otherside Nursery");
	th_reply_free(&n);
	th_reply_free(&s);
	th_reply_free(&page);
}

static void test_dashboard_names_no_child(void **state)
{
	const enum who gm[2] = {P_NORTH, P_NORTHMGR};
	(void)state;
	for (int i = 0; i < 2; i++) {
		struct th_reply page = th_get(cookie[gm[i]], "/group", NULL);
		struct th_reply api = th_get(cookie[gm[i]], "/api/v1/group", NULL);
		char *dump;
		assert_int_equal(page.status, 200);
		assert_int_equal(api.status, 200);
		th_assert_contains(page.body, "Otherside Nursery");
		th_assert_contains(page.body, "Children expected");
		dump = json_dumps(api.json, 0);
		for (int st = 1; st <= 2; st++) {
			names_no_child_of(page.body, st);
			names_no_child_of(dump, st);
		}
		free(dump);
		th_reply_free(&page);
		th_reply_free(&api);
	}
}

/* Routes a person with no role in their session's setting may open. */
static int open_to_anyone(const char *method, const char *pattern)
{
	static const char *const open[][2] = {
	    {"GET", "/"},
	    {"GET", "/healthz"},
	    {"GET", "/signin"},
	    {"POST", "/signin"},
	    {"GET", "/password"},
	    {"POST", "/password"},
	    {"POST", "/signout"},
	    {"POST", "/signout-everywhere"},
	    {"GET", "/group"},
	    {"GET", "/api/v1/group"},
	    {"GET", "/settings"},
	    {"POST", "/setting"},
	    {"GET", "/api/v1/me"},
	    {"GET", "/api/v1/children"},
	    /* one's own sessions (the step-up page first) and the privacy notice */
	    {"GET", "/sessions"},
	    {"POST", "/sessions/end"},
	    {"POST", "/sessions/end-others"},
	    {"GET", "/privacy"},
	};
	if (strncmp(pattern, "/static/", 8) == 0)
		return 1;
	for (size_t i = 0; i < ARRAY_LEN(open); i++)
		if (strcmp(method, open[i][0]) == 0 && strcmp(pattern, open[i][1]) == 0)
			return 1;
	return 0;
}

/* pattern with every ":id" (and ":name") replaced by id. */
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

/* Walk the routes of the router (but the signing-out ones) as p, each
 * ":id" filled with the children of the settings listed: the routes of a
 * child; with all set, every route, with an id or without. Returns the answers that were not
 * refusals (a 4xx) for routes not open_to_anyone, printing each. */
static int walk(enum who p, const int *settings, int nsettings, int all)
{
	int children = 0;
	int bad = 0, requests = 0;
	for (size_t r = 0; r < http_route_count(); r++) {
		const char *method, *pattern;
		unsigned roles;
		int has_id;
		http_route_get(r, &method, &pattern, &roles);
		has_id = strstr(pattern, "/:") != NULL;
		/* with all, every id route (a child's id is nobody's record of another kind
		 * they may see); else the child routes only: their first id is a child's */
		if (has_id && !all && !strstr(pattern, "children/:id"))
			continue;
		children += has_id && strstr(pattern, "children/:id") != NULL;
		if (strncmp(pattern, "/signout", 8) == 0 || open_to_anyone(method, pattern))
			continue;
		if (!has_id && !all)
			continue;
		for (int k = 0; k < (has_id ? nsettings : 1); k++)
			for (int i = 0; i < (has_id ? KIDS : 1); i++) {
				char path[512];
				struct th_reply a;
				fill(pattern, has_id ? kids[settings[k]][i] : 0, path, sizeof path);
				if (strcmp(method, "GET") == 0)
					a = th_get(cookie[p], path, "date=" TODAY);
				else
					a = th_post(cookie[p], path,
					            "date=" TODAY
					            "&text=group&reason=x&at=10:00&minute=600");
				requests++;
				if (a.status < 400 || a.status >= 500) {
					print_message("%s %s as %s: %d\n", method, path,
					              who_name[p], a.status);
					bad++;
				}
				th_reply_free(&a);
			}
	}
	assert_true(requests > 50);
	assert_true(children > 30);
	return bad;
}

static void test_group_manager_opens_no_route_of_a_setting(void **state)
{
	const int north[2] = {1, 2}, south[3] = {1, 2, 3};
	struct th_reply c = th_get(cookie[P_NORTH], "/api/v1/children", NULL);
	struct th_reply home = th_get(cookie[P_NORTH], "/", NULL);
	(void)state;
	assert_int_equal(walk(P_NORTH, north, 2, 1), 0);
	assert_int_equal(walk(P_SOUTH, south, 3, 1), 0);
	/* the routes open to anyone signed in show them no child */
	assert_int_equal(c.status, 200);
	assert_int_equal(json_array_size(json_object_get(c.json, "children")), 0);
	assert_int_equal(home.status, 200);
	names_no_child_of(home.body, 1);
	th_reply_free(&c);
	th_reply_free(&home);
}

static void test_manager_of_one_setting_never_reads_anothers_children(void **state)
{
	const int one[1] = {1}, two[1] = {2}, others[2] = {2, 3};
	(void)state;
	assert_int_equal(walk(P_MANAGER, others, 2, 0), 0);
	assert_int_equal(walk(P_OTHERMGR, one, 1, 0), 0);
	/* the group role adds nothing to a manager's reach into the group's other setting */
	assert_int_equal(walk(P_NORTHMGR, two, 1, 0), 0);
}

static void test_staff_and_parents_are_refused_the_dashboard(void **state)
{
	const enum who refused[4] = {P_MANAGER, P_OTHERMGR, P_KEYPERSON, P_PARENT};
	struct th_reply out = th_get(NULL, "/group", NULL);
	struct th_reply api_out = th_get(NULL, "/api/v1/group", NULL);
	(void)state;
	for (int i = 0; i < 4; i++) {
		struct th_reply page = th_get(cookie[refused[i]], "/group", NULL);
		struct th_reply api = th_get(cookie[refused[i]], "/api/v1/group", NULL);
		assert_int_equal(page.status, 403);
		assert_int_equal(api.status, 403);
		th_assert_lacks(page.body, "Otherside Nursery");
		th_reply_free(&page);
		th_reply_free(&api);
	}
	assert_int_equal(out.status, 303);
	assert_int_equal(api_out.status, 401);
	th_reply_free(&out);
	th_reply_free(&api_out);
}

static long long current_setting(enum who p)
{
	struct th_reply me = th_get(cookie[p], "/api/v1/me", NULL);
	long long id;
	assert_int_equal(me.status, 200);
	id = num(json_object_get(me.json, "setting"), "id");
	th_reply_free(&me);
	return id;
}

static void test_only_a_setting_with_a_role_becomes_current(void **state)
{
	char path[64];
	struct th_reply r, page;
	(void)state;
	/* the group role makes no setting current */
	r = th_post(cookie[P_NORTH], "/setting", "setting=2");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(cookie[P_NORTHMGR], "/setting", "setting=2");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(cookie[P_NORTHMGR], "/setting", "setting=");
	assert_int_equal(r.status, 422);
	th_reply_free(&r);
	assert_int_equal(current_setting(P_NORTHMGR), 1);
	/* the dashboard offers a setting's pages only where one holds a role */
	page = th_get(cookie[P_NORTH], "/group", NULL);
	th_assert_lacks(page.body, "Open its dashboards");
	th_assert_lacks(page.body, "Current setting");
	th_reply_free(&page);
	page = th_get(cookie[P_NORTHMGR], "/group", NULL);
	th_assert_contains(page.body, "Current setting");
	th_assert_lacks(page.body, "Open its dashboards");
	th_reply_free(&page);

	/* a manager of both settings moves between them, and sees each one's children only there */
	assert_int_equal(current_setting(P_TWOHATS), 1);
	page = th_get(cookie[P_TWOHATS], "/settings", NULL);
	th_assert_contains(page.body, "Otherside Nursery");
	th_reply_free(&page);
	r = th_post(cookie[P_TWOHATS], "/setting", "setting=2");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(current_setting(P_TWOHATS), 2);
	snprintf(path, sizeof path, "/api/v1/children/%lld", kids[2][0]);
	r = th_get(cookie[P_TWOHATS], path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", kids[1][0]);
	r = th_get(cookie[P_TWOHATS], path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_post(cookie[P_TWOHATS], "/setting", "setting=3");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(cookie[P_TWOHATS], "/setting", "setting=1");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(current_setting(P_TWOHATS), 1);
}

/* A setting's manager cannot reset or disable the group manager's account,
 * though it belongs (with no role) to their setting: only an admin may. */
static void test_a_settings_manager_cannot_take_over_the_group_account(void **state)
{
	long long north = th_db_int("SELECT id FROM app_user WHERE username = 'north'");
	const char *const what[2] = {"reset", "disable"};
	struct th_reply r;
	(void)state;
	for (int i = 0; i < 2; i++) {
		char path[96];
		snprintf(path, sizeof path, "/admin/users/%lld/%s", north, what[i]);
		r = th_post(cookie[P_MANAGER], path, "");
		assert_int_equal(r.status, 403);
		th_reply_free(&r);
	}
	r = th_get(cookie[P_NORTH], "/group", NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_counts_match_each_settings_own_pages),
	    cmocka_unit_test(test_group_manager_of_one_group_sees_nothing_of_another),
	    cmocka_unit_test(test_dashboard_names_no_child),
	    cmocka_unit_test(test_group_manager_opens_no_route_of_a_setting),
	    cmocka_unit_test(test_manager_of_one_setting_never_reads_anothers_children),
	    cmocka_unit_test(test_staff_and_parents_are_refused_the_dashboard),
	    cmocka_unit_test(test_only_a_setting_with_a_role_becomes_current),
	    cmocka_unit_test(test_a_settings_manager_cannot_take_over_the_group_account),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
