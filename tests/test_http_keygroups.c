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

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_staff.h"
#include "core_today.h"
#include "core_user.h"
#include "date.h"
#include "http.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static char *db;

/* Chosen at setup: a child the key person greets on Thursdays with the buddy
 * in too, and the key person off sick on Thursday 5 March. */
static struct {
	char child[128], primary[41], primary_name[128], buddy_name[128];
} absent;

struct reply {
	int status;
	char *body, *location, *cookie[2];
};

static void reply_free(struct reply *r)
{
	free(r->body);
	free(r->location);
	free(r->cookie[0]);
	free(r->cookie[1]);
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
	req.accept = "text/html";
	http_handle(&srv, &req, &resp);
	r.status = resp.status;
	r.body = strdup(buf_str(&resp.body));
	r.location = dup_or_null(resp.location);
	r.cookie[0] = dup_or_null(resp.set_cookie[0]);
	r.cookie[1] = dup_or_null(resp.set_cookie[1]);
	http_response_free(&resp);
	http_request_free(&req);
	return r;
}

static struct reply get(const char *cookie, const char *path, const char *query)
{
	return request("GET", path, query, cookie, NULL, NULL);
}

/* The value of the first name="field" value="…" in html (newly allocated), or NULL. */
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
	assert_non_null(pre);
	assert_non_null(csrf);
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

/* The session's CSRF token, from the sign-out form every page carries. */
static char *csrf_of(const char *cookie)
{
	struct reply r = get(cookie, "/password", NULL);
	char *t = input_value(r.body, "csrf");
	assert_int_equal(r.status, 200);
	assert_non_null(t);
	reply_free(&r);
	return t;
}

/* POST an urlencoded form with the session's CSRF token. */
static struct reply post(const char *cookie, const char *path, const char *fields)
{
	char *csrf = csrf_of(cookie);
	size_t n = strlen(csrf) + strlen(fields) + 16;
	char *body = malloc(n);
	struct reply r;
	snprintf(body, n, "csrf=%s&%s", csrf, fields);
	r = request("POST", path, NULL, cookie, "application/x-www-form-urlencoded", body);
	free(body);
	free(csrf);
	return r;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!hay || !strstr(hay, needle))
		fail_msg("expected \"%s\" in:\n%s", needle, hay ? hay : "(null)");
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (hay && strstr(hay, needle))
		fail_msg("did not expect \"%s\" in:\n%s", needle, hay);
}

/* Reads go through SQLite itself, not store_open: store_open's look at the
 * file header (open + close) would drop this process's POSIX locks on the
 * database, which the server's connection still relies on. */
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
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512], *out = NULL, *errout = NULL;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = strdup(t_path("keygroups.db"));
	if (t_kw(db, &out, &errout, "demo", "--start", "2026-03-02", NULL) != 0)
		fail_msg("kw demo: %s%s", out ? out : "", errout ? errout : "");
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
	choose_absent_key_person(s);
	store_close(s);
	if (*absent.primary) {
		/* through the command line, before the server holds the database */
		out = errout = NULL;
		if (t_kw(db, &out, &errout, "absence", "add", absent.primary, "--from",
		         "2026-03-05", "--reason", "sick", NULL) != 0)
			fail_msg("kw absence add: %s%s", out ? out : "", errout ? errout : "");
		free(out);
		free(errout);
	}
	if (server_init(&srv, db, 1, err, sizeof err) != 0)
		fail_msg("%s", err);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	server_free(&srv);
	free(db);
	t_cleanup();
	return 0;
}

/* Plan from 2026-03-09 as the manager; the proposal's id. */
static long plan(const char *cookie)
{
	struct reply r = post(cookie, "/keygroups/plan", "from=2026-03-09");
	long id = 0;
	if (r.status != 303 || !r.location || sscanf(r.location, "/plans/%ld", &id) != 1)
		fail_msg("planning: %d %s\n%s", r.status, r.location ? r.location : "", r.body);
	reply_free(&r);
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
	char *m = signin("manager", "demo-manager-2026");
	char codes[64][16], path[64], fields[256], query[64];
	struct reply r;
	long id = plan(m);
	size_t n;
	(void)state;

	snprintf(path, sizeof path, "/plans/%ld", id);
	r = get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Score before and after");
	assert_contains(r.body, "<th scope=\"row\">Score</th>");
	assert_contains(r.body, "lower bound");
	assert_contains(r.body, "data-select-all=\"child\"");
	assert_contains(r.body, "<ul class=\"why\">");
	assert_contains(r.body, "class=\"diff-old\"");
	assert_contains(r.body, "name=\"from\" value=\"2026-03-09\"");
	n = changed_children(r.body, codes, 64);
	reply_free(&r);
	if (n < 3)
		fail_msg("the demo's plan should change at least three children, not %zu", n);
	/* every child is ticked by default */
	assert_int_equal(
	    db_int("SELECT count(*) FROM plan_proposal WHERE id = %ld AND status = 'proposed'", id),
	    1);

	/* accept the first two only, from Monday 9 March */
	snprintf(fields, sizeof fields, "from=2026-03-09&child=%s&child=%s", codes[0], codes[1]);
	snprintf(path, sizeof path, "/plans/%ld/accept", id);
	r = post(m, path, fields);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/keygroups?changed=2&from=2026-03-09");
	reply_free(&r);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(
		    db_int(
		        "SELECT count(*) FROM key_assignment k JOIN child c ON c.id = k.child_id "
		        "WHERE c.code = '%s' AND k.from_date = '2026-03-09' AND k.to_date IS NULL "
		        "AND k.reason = 'key-group plan %ld'",
		        codes[k], id),
		    1);
		/* the pair before ends that day: history kept */
		assert_int_equal(
		    db_int(
		        "SELECT count(*) FROM key_assignment k JOIN child c ON c.id = k.child_id "
		        "WHERE c.code = '%s' AND k.to_date = '2026-03-09'",
		        codes[k]),
		    1);
		assert_true(
		    db_int("SELECT count(*) FROM outbox o JOIN child c ON c.id = o.child_id "
		           "WHERE c.code = '%s' AND o.subject = 'A change of key person'",
		           codes[k]) >= 1);
	}
	/* the rest of the proposal is left alone */
	for (size_t k = 2; k < n; k++) {
		assert_int_equal(
		    db_int(
		        "SELECT count(*) FROM key_assignment k JOIN child c ON c.id = k.child_id "
		        "WHERE c.code = '%s' AND k.from_date >= '2026-03-04'",
		        codes[k]),
		    0);
		assert_int_equal(
		    db_int("SELECT count(*) FROM outbox o JOIN child c ON c.id = o.child_id "
		           "WHERE c.code = '%s'",
		           codes[k]),
		    0);
	}
	assert_int_equal(
	    db_int("SELECT count(*) FROM key_assignment WHERE reason = 'key-group plan %ld'", id),
	    2);

	snprintf(query, sizeof query, "changed=2&from=2026-03-09");
	r = get(m, "/keygroups", query);
	assert_int_equal(r.status, 200);
	assert_contains(r.body,
	                "Accepted: 2 children have a new key person or buddy from 2026-03-09");
	reply_free(&r);

	/* a second acceptance is refused and changes nothing */
	snprintf(fields, sizeof fields, "from=2026-03-09&child=%s", codes[2]);
	r = post(m, path, fields);
	assert_int_equal(r.status, 409);
	reply_free(&r);
	assert_int_equal(
	    db_int("SELECT count(*) FROM key_assignment WHERE reason = 'key-group plan %ld'", id),
	    2);
	/* the proposal now reads as accepted, without the form */
	snprintf(path, sizeof path, "/plans/%ld", id);
	r = get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Accepted ");
	assert_lacks(r.body, "name=\"child\"");
	reply_free(&r);
	free(m);
}

static void test_accept_refuses_bad_input_and_writes_nothing(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	char codes[64][16], path[64], fields[256];
	int64_t keys = db_int("SELECT count(*) FROM key_assignment");
	struct reply r;
	long id = plan(m);
	(void)state;

	snprintf(path, sizeof path, "/plans/%ld", id);
	r = get(m, path, NULL);
	assert_true(changed_children(r.body, codes, 64) >= 2);
	reply_free(&r);
	snprintf(path, sizeof path, "/plans/%ld/accept", id);

	/* no child ticked */
	r = post(m, path, "from=2026-03-09");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "Tick at least one child");
	assert_contains(r.body, "role=\"alert\"");
	reply_free(&r);

	/* a day in the past: the error beside the field, the input and the ticks kept */
	snprintf(fields, sizeof fields, "from=2026-03-02&child=%s", codes[1]);
	r = post(m, path, fields);
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"from-error\"");
	assert_contains(r.body, "cannot start in the past");
	assert_contains(r.body, "value=\"2026-03-02\" required aria-invalid=\"true\"");
	snprintf(fields, sizeof fields, "value=\"%s\" id=\"child-%s\" checked", codes[1], codes[1]);
	assert_contains(r.body, fields);
	snprintf(fields, sizeof fields, "value=\"%s\" id=\"child-%s\">", codes[0], codes[0]);
	assert_contains(r.body, fields); /* not ticked: the manager's choice is kept */
	reply_free(&r);

	/* not a date */
	snprintf(fields, sizeof fields, "from=9+March&child=%s", codes[0]);
	r = post(m, path, fields);
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"from-error\"");
	assert_contains(r.body, "value=\"9 March\"");
	reply_free(&r);

	/* a child the proposal does not plan */
	r = post(m, path, "from=2026-03-09&child=C999");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "does not plan a child C999");
	reply_free(&r);

	/* no such proposal */
	r = post(m, "/plans/999999/accept", "from=2026-03-09&child=C001");
	assert_int_equal(r.status, 404);
	reply_free(&r);

	assert_int_equal(db_int("SELECT count(*) FROM key_assignment"), keys);
	assert_int_equal(
	    db_int("SELECT count(*) FROM plan_proposal WHERE id = %ld AND status = 'proposed'", id),
	    1);
	free(m);
}

static void test_plan_with_bad_date_is_422_with_input_kept(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	int64_t plans = db_int("SELECT count(*) FROM plan_proposal");
	struct reply r = post(m, "/keygroups/plan", "from=2026-02-30");
	(void)state;
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "<p class=\"field-error\" id=\"from-error\">");
	assert_contains(r.body, "value=\"2026-02-30\"");
	assert_contains(r.body, "<h1>Key groups</h1>");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM plan_proposal"), plans);
	/* without the CSRF token: refused, nothing planned */
	r = request("POST", "/keygroups/plan", NULL, m, "application/x-www-form-urlencoded",
	            "from=2026-03-09");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM plan_proposal"), plans);
	free(m);
}

/* ---- the key groups page ---- */

static void test_keygroups_shows_loads_coverage_and_nobody(void **state)
{
	char *s = signin("senco", "demo-senco-2026"), *m = signin("manager", "demo-manager-2026");
	struct reply r = get(s, "/keygroups", NULL);
	(void)state;
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h1>Key groups</h1>");
	assert_contains(r.body, "Key groups in force on 2026-03-04");
	assert_contains(r.body, "<h3 id=\"room-0\">Babies</h3>");
	assert_contains(r.body, "fair share");
	assert_contains(r.body, "buddy only"); /* the demo's floating buddy */
	assert_contains(r.body, "<svg viewBox=");
	assert_contains(r.body, "role=\"img\"");
	assert_contains(r.body, "<h2 id=\"nobody\">Nobody who knows them</h2>");
	assert_contains(r.body,
	                "<td class=\"nobody\">hand over"); /* the demo leaves some uncovered */
	assert_contains(r.body, "Planner's score now:");
	/* a SENCo sees the groups but does not plan */
	assert_lacks(r.body, "action=\"/keygroups/plan\"");
	reply_free(&r);
	r = get(m, "/keygroups", NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "action=\"/keygroups/plan\"");
	assert_contains(r.body, "name=\"from\" value=\"2026-03-09\""); /* next Monday */
	reply_free(&r);
	free(s);
	free(m);
}

/* ---- who may ---- */

static void test_practitioner_refused_keygroups_and_plans(void **state)
{
	char *k = signin("keyperson", "demo-keyperson-2026");
	char *csrf = csrf_of(k), query[128];
	int64_t plans = db_int("SELECT count(*) FROM plan_proposal");
	struct reply r;
	(void)state;
	r = get(k, "/keygroups", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = get(k, "/plans/1", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = post(k, "/keygroups/plan", "from=2026-03-09");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = post(k, "/plans/1/accept", "from=2026-03-09&child=C001");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	snprintf(query, sizeof query, "csrf=%s", csrf);
	r = request("POST", "/api/v1/plans", query, k, "application/json", "{}");
	assert_int_equal(r.status, 403);
	assert_contains(r.body, "\"error\"");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM plan_proposal"), plans);
	free(csrf);
	free(k);
}

static void test_parent_refused_the_day(void **state)
{
	char *p = signin("parent", "demo-parent-2026"), path[64];
	int64_t other = db_int("SELECT id FROM child WHERE family_id <> 1 ORDER BY id LIMIT 1");
	struct reply r;
	(void)state;
	r = get(p, "/today", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = get(p, "/api/v1/today", NULL);
	assert_int_equal(r.status, 403);
	assert_contains(r.body, "\"error\"");
	reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)other);
	r = get(p, path, NULL);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	r = get(p, "/keygroups", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
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
	char *m = signin("manager", "demo-manager-2026"), *row, want[400], esc[256];
	struct reply r;
	(void)state;
	if (!*absent.child)
		fail_msg(
		    "the demo should have a child greeted by the key person with the buddy in too");

	/* Thursday 12 March: the key person is in and greets */
	r = get(m, "/today", "date=2026-03-12");
	assert_int_equal(r.status, 200);
	row = row_of(r.body, absent.child);
	assert_non_null(row);
	html_escape(absent.primary_name, esc, sizeof esc);
	snprintf(want, sizeof want, "<td>%s</td>", esc);
	assert_contains(row, want);
	assert_lacks(row, "absent:");
	free(row);
	reply_free(&r);

	/* Thursday 5 March: the key person is off sick; the buddy greets, and says so */
	r = get(m, "/today", "date=2026-03-05");
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Staff absent: ");
	row = row_of(r.body, absent.child);
	assert_non_null(row);
	assert_contains(row, "<span class=\"tag\">absent: sick</span>");
	html_escape(absent.buddy_name, esc, sizeof esc);
	snprintf(want, sizeof want, "<td class=\"buddy\">%s <span class=\"tag\">buddy</span></td>",
	         esc);
	assert_contains(row, want);
	free(row);
	reply_free(&r);

	/* the API says the same */
	r = request("GET", "/api/v1/today", "date=2026-03-05", m, NULL, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "\"reason\":\"buddy\"");
	assert_contains(r.body, "\"absent\":\"sick\"");
	reply_free(&r);
	free(m);
}

static void test_today_flags_nobody_and_counts_it(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	struct reply r = get(m, "/today", "date=2026-03-02");
	(void)state;
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h1>Today: who greets and who hands over</h1>");
	assert_contains(r.body, "<h2 id=\"day\">Monday 2026-03-02</h2>");
	assert_contains(r.body, "<span class=\"nobody\">nobody who knows them</span>");
	assert_contains(r.body, "with nobody who knows the child</strong>");
	assert_contains(r.body, "<th scope=\"col\">Greets</th>");
	reply_free(&r);
	/* one room only */
	r = get(m, "/today", "date=2026-03-02&room=Babies");
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h3>Babies</h3>");
	assert_lacks(r.body, "<h3>Toddlers</h3>");
	assert_contains(r.body, "<option selected>Babies</option>");
	reply_free(&r);
	/* bad input: 422, the field named, the input kept */
	r = get(m, "/today", "date=2026-02-30");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"date-error\"");
	assert_contains(r.body, "value=\"2026-02-30\"");
	reply_free(&r);
	r = get(m, "/today", "room=Attic");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"room-error\"");
	reply_free(&r);
	free(m);
}

static void test_practitioner_sees_only_their_children_today(void **state)
{
	char *k = signin("keyperson", "demo-keyperson-2026"),
	     *m = signin("manager", "demo-manager-2026");
	/* a room S04 does not work in, and a child there S04 is not key person or buddy to */
	int64_t room =
	    db_int("SELECT r.id FROM room r WHERE r.setting_id = 1 AND NOT EXISTS (SELECT 1 FROM "
	           "staff_room sr JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04' "
	           "AND sr.room_id = r.id) ORDER BY r.id LIMIT 1");
	int64_t child =
	    db_int("SELECT c.id FROM child c WHERE c.room_id = %lld AND NOT EXISTS (SELECT 1 "
	           "FROM key_assignment k JOIN staff s ON s.id IN (k.primary_staff_id, "
	           "k.secondary_staff_id) WHERE k.child_id = c.id AND s.code = 'S04') "
	           "AND EXISTS (SELECT 1 FROM child_attendance a WHERE a.child_id = c.id "
	           "AND a.weekday = 2) AND NOT EXISTS (SELECT 1 FROM child_absence x "
	           "WHERE x.child_id = c.id AND x.date = '2026-03-04') "
	           "AND c.start_date <= '2026-03-04' ORDER BY c.id LIMIT 1",
	           (long long)room);
	char link[64];
	struct reply rk = get(k, "/today", "date=2026-03-04"),
	             rm = get(m, "/today", "date=2026-03-04");
	(void)state;
	assert_true(room > 0);
	assert_true(child > 0);
	assert_int_equal(rk.status, 200);
	snprintf(link, sizeof link, "href=\"/children/%lld\"", (long long)child);
	assert_contains(rm.body, link);
	assert_lacks(rk.body, link);
	assert_true(t_count(rk.body, "<tr><th scope=\"row\">") <
	            t_count(rm.body, "<tr><th scope=\"row\">"));
	assert_true(t_count(rk.body, "<tr><th scope=\"row\">") > 0);
	reply_free(&rk);
	reply_free(&rm);
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
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
