/*
 * test_http_keygroups.c — key groups, planning and accepting a plan, and the
 * day's page, through http_handle without sockets, on the demo setting
 * (`kw demo --start 2026-03-02`, today pinned to Wednesday 2026-03-04) with
 * one account per role, signed in the way a browser does.
 *
 * Pinned here: a manager plans key groups and sees the diff with the score
 * before and after; accepting only some children with a date changes
 * exactly those children's key assignments from that date, with an outbox
 * row for their families, and a second acceptance is refused (409); bad
 * input is 422 with the field named, the input kept and nothing written;
 * /keygroups shows loads against the fair share and the uncovered greets
 * and hand-overs; /today shows the buddy as greeter when the key person is
 * absent and "nobody who knows them" flagged; a practitioner is refused the
 * key-group pages and sees only their rooms on /today; a parent is refused
 * the day's page.
 */
#include "support.h"
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_today.h"
#include "date.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static const char *db;

/* Chosen at setup: a child the key person greets on Thursdays with the buddy
 * in too, and the key person off sick on Thursday 5 March. */
static struct {
	char child[128], primary[41], primary_name[128], buddy_name[128];
} absent;

static const struct today_child *find_child(const struct today *t, const char *name)
{
	for (size_t i = 0; i < t->nchildren; i++)
		if (strcmp(t->children[i].name, name) == 0)
			return &t->children[i];
	return NULL;
}

static void choose_absent_key_person(struct store *s)
{
	struct today t5, t12;
	struct op_error e;
	int d5, d12;
	assert_int_equal(date_parse("2026-03-05", &d5), 0);
	assert_int_equal(date_parse("2026-03-12", &d12), 0);
	assert_int_equal(core_today_load(s, 1, d5, 0, &t5, &e), 0);
	assert_int_equal(core_today_load(s, 1, d12, 0, &t12, &e), 0);
	for (size_t i = 0; i < t5.nchildren && !*absent.child; i++) {
		const struct today_child *c = &t5.children[i], *later = find_child(&t12, c->name);
		if (c->greet != TODAY_BY_PRIMARY || !core_today_covers_greet(c->buddy, c->arrive) ||
		    !later || later->greet != TODAY_BY_PRIMARY ||
		    later->primary->id != c->primary->id || (later->buddy && later->buddy->absent))
			continue;
		snprintf(absent.child, sizeof absent.child, "%s", c->name);
		snprintf(absent.primary, sizeof absent.primary, "%s", c->primary->code);
		snprintf(absent.primary_name, sizeof absent.primary_name, "%s", c->primary->name);
		snprintf(absent.buddy_name, sizeof absent.buddy_name, "%s", c->buddy->name);
	}
	core_today_free(&t5);
	core_today_free(&t12);
}

static int group_setup(void **state)
{
	struct store *s;
	char err[512], *out = NULL, *errout = NULL;
	(void)state;
	db = th_demo(&srv, "keygroups.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "senco", "parent", NULL);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	choose_absent_key_person(s);
	store_close(s);
	if (*absent.primary) {
		/* through the command line, before the server holds the database */
		if (t_kw(db, &out, &errout, "absence", "add", absent.primary, "--from",
		         "2026-03-05", "--reason", "sick", NULL) != 0)
			fail_msg("kw absence add: %s%s", out ? out : "", errout ? errout : "");
		free(out);
		free(errout);
	}
	th_serve();
	return 0;
}

/* Plan from 2026-03-09 as the manager; the proposal's id. */
static long plan(const char *cookie)
{
	struct th_reply r = th_post(cookie, "/keygroups/plan", "from=2026-03-09");
	long id = 0;
	if (r.status != 303 || !r.location || sscanf(r.location, "/plans/%ld", &id) != 1)
		fail_msg("planning: %d %s\n%s", r.status, r.location ? r.location : "", r.body);
	th_reply_free(&r);
	return id;
}

/* The child codes of the proposal's accept form, in order (up to max). */
static size_t changed_children(const char *html, char codes[][16], size_t max)
{
	const char *p = html;
	size_t n = 0;
	while (n < max && (p = strstr(p, "name=\"child\" value=\""))) {
		p += strlen("name=\"child\" value=\"");
		snprintf(codes[n], 16, "%.*s", (int)strcspn(p, "\""), p);
		n++;
	}
	return n;
}

/* ---- planning and accepting ---- */

static void test_manager_plans_sees_diff_and_accepts_some_children(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char codes[64][16], path[64], fields[256], query[64];
	struct th_reply r;
	long id = plan(m);
	size_t n;
	(void)state;

	snprintf(path, sizeof path, "/plans/%ld", id);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Score before and after");
	th_assert_contains(r.body, "<th scope=\"row\">Score</th>");
	th_assert_contains(r.body, "lower bound");
	th_assert_contains(r.body, "data-select-all=\"child\"");
	th_assert_contains(r.body, "<ul class=\"why\">");
	th_assert_contains(r.body, "class=\"diff-old\"");
	th_assert_contains(r.body, "name=\"from\" value=\"2026-03-09\"");
	n = changed_children(r.body, codes, 64);
	th_reply_free(&r);
	if (n < 3)
		fail_msg("the demo's plan should change at least three children, not %zu", n);
	/* every child is ticked by default */
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM plan_proposal WHERE id = %ld AND status = 'proposed'",
	              id),
	    1);

	/* accept the first two only, from Monday 9 March */
	snprintf(fields, sizeof fields, "from=2026-03-09&child=%s&child=%s", codes[0], codes[1]);
	snprintf(path, sizeof path, "/plans/%ld/accept", id);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/keygroups?changed=2&from=2026-03-09");
	th_reply_free(&r);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(
		    th_db_int(
		        "SELECT count(*) FROM key_assignment k JOIN child c ON c.id = k.child_id "
		        "WHERE c.code = '%s' AND k.from_date = '2026-03-09' AND k.to_date IS NULL "
		        "AND k.reason = 'key-group plan %ld'",
		        codes[k], id),
		    1);
		/* the pair before ends that day: history kept */
		assert_int_equal(
		    th_db_int(
		        "SELECT count(*) FROM key_assignment k JOIN child c ON c.id = k.child_id "
		        "WHERE c.code = '%s' AND k.to_date = '2026-03-09'",
		        codes[k]),
		    1);
		assert_true(
		    th_db_int("SELECT count(*) FROM outbox o JOIN child c ON c.id = o.child_id "
		              "WHERE c.code = '%s' AND o.subject = 'A change of key person'",
		              codes[k]) >= 1);
	}
	/* the rest of the proposal is left alone */
	for (size_t k = 2; k < n; k++) {
		assert_int_equal(
		    th_db_int(
		        "SELECT count(*) FROM key_assignment k JOIN child c ON c.id = k.child_id "
		        "WHERE c.code = '%s' AND k.from_date >= '2026-03-04'",
		        codes[k]),
		    0);
		assert_int_equal(
		    th_db_int("SELECT count(*) FROM outbox o JOIN child c ON c.id = o.child_id "
		              "WHERE c.code = '%s' AND o.subject = 'A change of key person'",
		              codes[k]),
		    0);
	}
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM key_assignment WHERE reason = 'key-group plan %ld'",
	              id),
	    2);

	snprintf(query, sizeof query, "changed=2&from=2026-03-09");
	r = th_get(m, "/keygroups", query);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body,
	                   "Accepted: 2 children have a new key person or buddy from 2026-03-09");
	th_reply_free(&r);

	/* a second acceptance is refused and changes nothing */
	snprintf(fields, sizeof fields, "from=2026-03-09&child=%s", codes[2]);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 409);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM key_assignment WHERE reason = 'key-group plan %ld'",
	              id),
	    2);
	/* the proposal now reads as accepted, without the form */
	snprintf(path, sizeof path, "/plans/%ld", id);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Accepted ");
	th_assert_lacks(r.body, "name=\"child\"");
	th_reply_free(&r);
	free(m);
}

static void test_accept_refuses_bad_input_and_writes_nothing(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char codes[64][16], path[64], fields[256];
	int64_t keys = th_db_int("SELECT count(*) FROM key_assignment");
	struct th_reply r;
	long id = plan(m);
	(void)state;

	snprintf(path, sizeof path, "/plans/%ld", id);
	r = th_get(m, path, NULL);
	assert_true(changed_children(r.body, codes, 64) >= 2);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/plans/%ld/accept", id);

	/* no child ticked */
	r = th_post(m, path, "from=2026-03-09");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "Tick at least one child");
	th_assert_contains(r.body, "role=\"alert\"");
	th_reply_free(&r);

	/* a day in the past: the error beside the field, the input and the ticks kept */
	snprintf(fields, sizeof fields, "from=2026-03-02&child=%s", codes[1]);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"from-error\"");
	th_assert_contains(r.body, "cannot start in the past");
	th_assert_contains(r.body, "value=\"2026-03-02\" required aria-invalid=\"true\"");
	snprintf(fields, sizeof fields, "value=\"%s\" id=\"child-%s\" checked", codes[1], codes[1]);
	th_assert_contains(r.body, fields);
	snprintf(fields, sizeof fields, "value=\"%s\" id=\"child-%s\">", codes[0], codes[0]);
	th_assert_contains(r.body, fields); /* not ticked: the manager's choice is kept */
	th_reply_free(&r);

	/* not a date */
	snprintf(fields, sizeof fields, "from=9+March&child=%s", codes[0]);
	r = th_post(m, path, fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"from-error\"");
	th_assert_contains(r.body, "value=\"9 March\"");
	th_reply_free(&r);

	/* a child the proposal does not plan */
	r = th_post(m, path, "from=2026-03-09&child=C999");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "does not plan a child C999");
	th_reply_free(&r);

	/* no such proposal */
	r = th_post(m, "/plans/999999/accept", "from=2026-03-09&child=C001");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);

	assert_int_equal(th_db_int("SELECT count(*) FROM key_assignment"), keys);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM plan_proposal WHERE id = %ld AND status = 'proposed'",
	              id),
	    1);
	free(m);
}

static void test_plan_with_bad_date_is_422_with_input_kept(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t plans = th_db_int("SELECT count(*) FROM plan_proposal");
	struct th_reply r = th_post(m, "/keygroups/plan", "from=2026-02-30");
	(void)state;
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "<p class=\"field-error\" id=\"from-error\">");
	th_assert_contains(r.body, "value=\"2026-02-30\"");
	th_assert_contains(r.body, "<h1>Key groups</h1>");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM plan_proposal"), plans);
	/* without the CSRF token: refused, nothing planned */
	r = th_request("POST", "/keygroups/plan", NULL, m, "application/x-www-form-urlencoded",
	               "from=2026-03-09");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM plan_proposal"), plans);
	free(m);
}

/* ---- the key groups page ---- */

static void test_keygroups_shows_loads_coverage_and_nobody(void **state)
{
	char *s = th_signin("senco", "demo-senco-2026"),
	     *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r = th_get(s, "/keygroups", NULL);
	(void)state;
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<h1>Key groups</h1>");
	th_assert_contains(r.body, "Key groups in force on 2026-03-04");
	th_assert_contains(r.body, "<h3 id=\"room-0\">Babies</h3>");
	th_assert_contains(r.body, "fair share");
	th_assert_contains(r.body, "buddy only"); /* the demo's floating buddy */
	th_assert_contains(r.body, "<svg viewBox=");
	th_assert_contains(r.body, "role=\"img\"");
	th_assert_contains(r.body, "<h2 id=\"nobody\">Nobody who knows them</h2>");
	th_assert_contains(r.body,
	                   "<td class=\"nobody\">hand over"); /* the demo leaves some uncovered */
	th_assert_contains(r.body, "Planner's score now:");
	/* a SENCo sees the groups but does not plan */
	th_assert_lacks(r.body, "action=\"/keygroups/plan\"");
	th_reply_free(&r);
	r = th_get(m, "/keygroups", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "action=\"/keygroups/plan\"");
	th_assert_contains(r.body, "name=\"from\" value=\"2026-03-09\""); /* next Monday */
	th_reply_free(&r);
	free(s);
	free(m);
}

/* ---- who may ---- */

static void test_practitioner_refused_keygroups_and_plans(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *csrf = th_csrf_of(k);
	int64_t plans = th_db_int("SELECT count(*) FROM plan_proposal");
	struct th_reply r;
	(void)state;
	r = th_get(k, "/keygroups", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(k, "/plans/1", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(k, "/keygroups/plan", "from=2026-03-09");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(k, "/plans/1/accept", "from=2026-03-09&child=C001");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_request_csrf("POST", "/api/v1/plans", NULL, csrf, k, "application/json", "{}");
	assert_int_equal(r.status, 403);
	th_assert_contains(r.body, "\"error\"");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM plan_proposal"), plans);
	free(csrf);
	free(k);
}

static void test_parent_refused_the_day(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026"), path[64];
	int64_t other = th_db_int("SELECT id FROM child WHERE family_id <> 1 ORDER BY id LIMIT 1");
	struct th_reply r;
	(void)state;
	r = th_get(p, "/today", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(p, "/api/v1/today", NULL);
	assert_int_equal(r.status, 403);
	th_assert_contains(r.body, "\"error\"");
	th_reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)other);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_get(p, "/keygroups", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	free(p);
}

/* ---- the day's page ---- */

static void html_escape(const char *s, char *out, size_t n)
{
	size_t k = 0;
	for (; *s && k + 7 < n; s++) {
		const char *rep = *s == '&'    ? "&amp;"
		                  : *s == '\'' ? "&#39;"
		                  : *s == '"'  ? "&quot;"
		                               : NULL;
		if (rep) {
			memcpy(out + k, rep, strlen(rep));
			k += strlen(rep);
		} else {
			out[k++] = *s;
		}
	}
	out[k] = '\0';
}

/* The table row of the child named name (newly allocated), or NULL. */
static char *row_of(const char *html, const char *name)
{
	char esc[256], pat[300];
	const char *p, *end;
	html_escape(name, esc, sizeof esc);
	snprintf(pat, sizeof pat, ">%s</a></th>", esc);
	if (!(p = strstr(html, pat)) || !(end = strstr(p, "</tr>")))
		return NULL;
	return strndup(p, (size_t)(end - p));
}

static void test_today_shows_buddy_greeting_when_key_person_absent(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), *row, want[400], esc[256];
	struct th_reply r;
	(void)state;
	if (!*absent.child)
		fail_msg(
		    "the demo should have a child greeted by the key person with the buddy in too");

	/* Thursday 12 March: the key person is in and greets */
	r = th_get(m, "/today", "date=2026-03-12");
	assert_int_equal(r.status, 200);
	row = row_of(r.body, absent.child);
	assert_non_null(row);
	html_escape(absent.primary_name, esc, sizeof esc);
	snprintf(want, sizeof want, "<td>%s</td>", esc);
	th_assert_contains(row, want);
	th_assert_lacks(row, "absent:");
	free(row);
	th_reply_free(&r);

	/* Thursday 5 March: the key person is off sick; the buddy greets, and says so */
	r = th_get(m, "/today", "date=2026-03-05");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Staff absent: ");
	row = row_of(r.body, absent.child);
	assert_non_null(row);
	th_assert_contains(row, "<span class=\"tag\">absent: sick</span>");
	html_escape(absent.buddy_name, esc, sizeof esc);
	snprintf(want, sizeof want, "<td class=\"buddy\">%s <span class=\"tag\">buddy</span></td>",
	         esc);
	th_assert_contains(row, want);
	free(row);
	th_reply_free(&r);

	/* the API says the same */
	r = th_request("GET", "/api/v1/today", "date=2026-03-05", m, NULL, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "\"reason\":\"buddy\"");
	th_assert_contains(r.body, "\"absent\":\"sick\"");
	th_reply_free(&r);
	free(m);
}

static void test_today_flags_nobody_and_counts_it(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r = th_get(m, "/today", "date=2026-03-02");
	(void)state;
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<h1>Today: who greets and who hands over</h1>");
	th_assert_contains(r.body, "<h2 id=\"day\">Monday 2026-03-02</h2>");
	th_assert_contains(r.body, "<span class=\"nobody\">nobody who knows them</span>");
	th_assert_contains(r.body, "with nobody who knows the child</strong>");
	th_assert_contains(r.body, "<th scope=\"col\">Greets</th>");
	th_reply_free(&r);
	/* one room only */
	r = th_get(m, "/today", "date=2026-03-02&room=Babies");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<h3>Babies</h3>");
	th_assert_lacks(r.body, "<h3>Toddlers</h3>");
	th_assert_contains(r.body, "<option selected>Babies</option>");
	th_reply_free(&r);
	/* bad input: 422, the field named, the input kept */
	r = th_get(m, "/today", "date=2026-02-30");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"date-error\"");
	th_assert_contains(r.body, "value=\"2026-02-30\"");
	th_reply_free(&r);
	r = th_get(m, "/today", "room=Attic");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"room-error\"");
	th_reply_free(&r);
	free(m);
}

static void test_practitioner_sees_only_their_children_today(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"),
	     *m = th_signin("manager", "demo-manager-2026");
	/* a room S04 does not work in, and a child there S04 is not key person or buddy to */
	int64_t room = th_db_int(
	    "SELECT r.id FROM room r WHERE r.setting_id = 1 AND NOT EXISTS (SELECT 1 FROM "
	    "staff_room sr JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04' "
	    "AND sr.room_id = r.id) ORDER BY r.id LIMIT 1");
	int64_t child =
	    th_db_int("SELECT c.id FROM child c WHERE c.room_id = %lld AND NOT EXISTS (SELECT 1 "
	              "FROM key_assignment k JOIN staff s ON s.id IN (k.primary_staff_id, "
	              "k.secondary_staff_id) WHERE k.child_id = c.id AND s.code = 'S04') "
	              "AND EXISTS (SELECT 1 FROM child_attendance a WHERE a.child_id = c.id "
	              "AND a.weekday = 2) AND NOT EXISTS (SELECT 1 FROM child_absence x "
	              "WHERE x.child_id = c.id AND x.date = '2026-03-04') "
	              "AND c.start_date <= '2026-03-04' ORDER BY c.id LIMIT 1",
	              (long long)room);
	char link[64];
	struct th_reply rk = th_get(k, "/today", "date=2026-03-04"),
	                rm = th_get(m, "/today", "date=2026-03-04");
	(void)state;
	assert_true(room > 0);
	assert_true(child > 0);
	assert_int_equal(rk.status, 200);
	snprintf(link, sizeof link, "href=\"/children/%lld\"", (long long)child);
	th_assert_contains(rm.body, link);
	th_assert_lacks(rk.body, link);
	assert_true(t_count(rk.body, "<tr><th scope=\"row\">") <
	            t_count(rm.body, "<tr><th scope=\"row\">"));
	assert_true(t_count(rk.body, "<tr><th scope=\"row\">") > 0);
	th_reply_free(&rk);
	th_reply_free(&rm);
	free(k);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_manager_plans_sees_diff_and_accepts_some_children),
	    cmocka_unit_test(test_accept_refuses_bad_input_and_writes_nothing),
	    cmocka_unit_test(test_plan_with_bad_date_is_422_with_input_kept),
	    cmocka_unit_test(test_keygroups_shows_loads_coverage_and_nobody),
	    cmocka_unit_test(test_practitioner_refused_keygroups_and_plans),
	    cmocka_unit_test(test_parent_refused_the_day),
	    cmocka_unit_test(test_today_shows_buddy_greeting_when_key_person_absent),
	    cmocka_unit_test(test_today_flags_nobody_and_counts_it),
	    cmocka_unit_test(test_practitioner_sees_only_their_children_today),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
