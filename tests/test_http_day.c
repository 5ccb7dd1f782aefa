/*
 * test_http_day.c — the day's pages through http_handle without sockets, on
 * the demo setting (`kw demo --start 2026-03-02`, today pinned to Wednesday
 * 2026-03-04), signed in the way a browser does.
 *
 * Pinned here: a practitioner signs their key child in and out with a
 * contact who may collect, and the register shows the key person in charge
 * and the collector; a second sign-in is 409 with the reason on the page; a
 * restricted contact is refused (403); someone not on the family's list is
 * refused without the collection password and accepted with it; a child
 * outside the practitioner's rooms is 404; the CSV has its header and one
 * row per child signed in; /ratios flags the slots of a room whose Level 3s
 * are off sick; the message book: a parent's message shows on the register
 * beside the child, is handed over, listed for the manager until
 * acknowledged, and acknowledged once; a parent is refused all of it.
 */
#include "support.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_register.h"
#include "core_staff.h"
#include "core_user.h"
#include "date.h"
#include "http.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static char *db;

struct reply {
	int status;
	char *body, *location, *cookie[2], *disposition;
};

static void reply_free(struct reply *r)
{
	free(r->body);
	free(r->location);
	free(r->cookie[0]);
	free(r->cookie[1]);
	free(r->disposition);
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
	r.disposition = dup_or_null(resp.disposition);
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

static void db_exec(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void db_exec(const char *fmt, ...)
{
	sqlite3 *h;
	char sql[1024], *err = NULL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(h);
}

static char *db_text(const char *fmt, ...) PRINTF_LIKE(1, 2);
static char *db_text(const char *fmt, ...)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	char sql[1024], *out = NULL;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW)
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	if (!out)
		fail_msg("no row: %s", sql);
	return out;
}

/* Children of the practitioner's (S04) room expected today (weekday 2 is a
 * Wednesday), in a family with a contact who may collect and no restriction;
 * "key" children: the manager's (S01) own key children among them. */
#define ROOM_CHILD_SQL                                                                             \
	"SELECT c.id FROM child c JOIN child_attendance a ON a.child_id = c.id AND a.weekday = 2 "  \
	"WHERE c.setting_id = 1 AND c.room_id IN (SELECT sr.room_id FROM staff_room sr JOIN staff " \
	"s ON s.id = sr.staff_id AND s.code = 'S04') AND EXISTS (SELECT 1 FROM contact ct WHERE "   \
	"ct.family_id = c.family_id AND ct.may_collect = 1 AND ct.restriction = 'none') %s "       \
	"ORDER BY c.id LIMIT 1 OFFSET %d"
#define OF_S01                                                                                     \
	"AND c.id IN (SELECT k.child_id FROM key_assignment k JOIN staff s ON s.id = "             \
	"k.primary_staff_id AND s.code = 'S01' WHERE k.from_date <= '" TODAY "' AND (k.to_date "   \
	"IS NULL OR k.to_date > '" TODAY "'))"

static int64_t key_child(int k)
{
	return db_int(ROOM_CHILD_SQL, "", k);
}

static int64_t collector_of(int64_t child)
{
	return db_int("SELECT ct.id FROM contact ct JOIN child c ON c.family_id = ct.family_id "
	              "WHERE c.id = %lld AND ct.may_collect = 1 AND ct.restriction = 'none' "
	              "ORDER BY ct.id LIMIT 1",
	              (long long)child);
}

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512], *out = NULL, *errout = NULL;
	int64_t child, family_contact;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = strdup(t_path("day.db"));
	if (t_kw(db, &out, &errout, "demo", "--start", "2026-03-02", NULL) != 0)
		fail_msg("kw demo: %s%s", out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	add_user(s, &who, "manager", "demo-manager-2026", 1u << ROLE_MANAGER, "S01", 0);
	add_user(s, &who, "keyperson", "demo-keyperson-2026", 1u << ROLE_PRACTITIONER, "S04", 0);
	add_user(s, &who, "parent", "demo-parent-2026", 1u << ROLE_PARENT, NULL, 1);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	/* the second key child's family gets a collection password */
	child = key_child(1);
	family_contact = collector_of(child);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	if (core_register_set_collection_password(s, &who, family_contact, "bluebell", &e) != 0)
		fail_msg("%s", e.msg);
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
	free(db);
	t_cleanup();
	return 0;
}

static void expect(struct reply r, int status)
{
	if (r.status != status)
		fail_msg("expected %d, got %d\n%s", status, r.status, r.body);
	reply_free(&r);
}

/* ---- the register ---- */

static void test_sign_in_and_out_with_an_allowed_collector(void **state)
{
	char *k = signin("keyperson", "demo-keyperson-2026");
	int64_t child = key_child(0), contact = collector_of(child);
	char path[64], fields[128], *collector, *keyperson;
	struct reply r;
	(void)state;
	collector = db_text("SELECT name FROM contact WHERE id = %lld", (long long)contact);
	keyperson = db_text("SELECT name FROM staff WHERE code = 'S04'");

	r = get(k, "/register", "date=" TODAY);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Not in yet");
	snprintf(path, sizeof path, "/register/%lld/in\"", (long long)child);
	assert_contains(r.body, path);
	reply_free(&r);

	snprintf(path, sizeof path, "/register/%lld/in", (long long)child);
	r = post(k, path, "date=" TODAY "&at=08:05");
	assert_int_equal(r.status, 303);
	assert_contains(r.location, "/register?date=" TODAY);
	reply_free(&r);

	/* a second sign-in: 409, said on the page */
	r = post(k, path, "date=" TODAY "&at=08:10");
	assert_int_equal(r.status, 409);
	assert_contains(r.body, "role=\"alert\"");
	assert_contains(r.body, "<h1>Register</h1>");
	reply_free(&r);

	r = get(k, "/register", "date=" TODAY);
	assert_contains(r.body, "In since 08:05");
	assert_contains(r.body, "Collected by");
	assert_contains(r.body, collector); /* the chooser offers the family's collectors */
	reply_free(&r);

	snprintf(path, sizeof path, "/register/%lld/out", (long long)child);
	r = post(k, path, "date=" TODAY "&at=16:30");
	assert_int_equal(r.status, 422); /* nobody chosen */
	assert_contains(r.body, "collected_by-");
	reply_free(&r);
	snprintf(fields, sizeof fields, "date=" TODAY "&at=16:30&collected_by=%lld",
	         (long long)contact);
	r = post(k, path, fields);
	assert_int_equal(r.status, 303);
	reply_free(&r);

	r = get(k, "/register", "date=" TODAY);
	assert_contains(r.body, "gone home at 16:30");
	assert_contains(r.body, collector);
	assert_contains(r.body, "Key person in charge: ");
	assert_contains(r.body, keyperson);
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM audit_log WHERE action LIKE 'register.%%' "
	                        "AND child_id = %lld",
	                        (long long)child),
	                 2);
	free(collector);
	free(keyperson);
	free(k);
}

static void test_restricted_and_unknown_collectors(void **state)
{
	char *k = signin("keyperson", "demo-keyperson-2026");
	int64_t child = key_child(1), restricted;
	char in[64], out[64], fields[256];
	(void)state;
	snprintf(in, sizeof in, "/register/%lld/in", (long long)child);
	snprintf(out, sizeof out, "/register/%lld/out", (long long)child);
	expect(post(k, in, "date=" TODAY "&at=08:00"), 303);

	/* a contact of the family under a court order: refused outright */
	restricted = db_int("SELECT ct.id FROM contact ct JOIN child c ON c.family_id = "
	                    "ct.family_id WHERE c.id = %lld ORDER BY ct.id DESC LIMIT 1",
	                    (long long)child);
	db_exec("UPDATE contact SET may_collect = 0, restriction = 'no_collect' WHERE id = %lld",
	        (long long)restricted);
	snprintf(fields, sizeof fields, "date=" TODAY "&at=15:00&collected_by=%lld",
	         (long long)restricted);
	{
		struct reply r = post(k, out, fields);
		assert_int_equal(r.status, 403);
		assert_contains(r.body, "must not collect");
		reply_free(&r);
	}
	db_exec("UPDATE contact SET restriction = 'none' WHERE id = %lld", (long long)restricted);

	/* someone not on the list: no password, refused with the form kept */
	{
		struct reply r = post(k, out,
		                      "date=" TODAY "&at=15:00&collected_by=other"
		                      "&collected_by_name=Auntie+Sue&reason=Mum+rang+at+noon");
		assert_int_equal(r.status, 422);
		assert_contains(r.body, "collection password");
		assert_contains(r.body, "value=\"Auntie Sue\"");
		reply_free(&r);
		r = post(k, out,
		         "date=" TODAY "&at=15:00&collected_by=other&collected_by_name=Auntie+Sue"
		         "&reason=Mum+rang+at+noon&password=wrong-one");
		assert_int_equal(r.status, 422);
		assert_contains(r.body, "does not match");
		reply_free(&r);
	}
	expect(post(k, out,
	            "date=" TODAY "&at=15:00&collected_by=other&collected_by_name=Auntie+Sue"
	            "&reason=Mum+rang+at+noon&password=bluebell"),
	       303);
	{
		struct reply r = get(k, "/register", "date=" TODAY);
		assert_contains(r.body, "Auntie Sue");
		assert_contains(r.body, "override: Mum rang at noon");
		assert_lacks(r.body, "bluebell");
		reply_free(&r);
	}
	free(k);
}

static void test_practitioner_cannot_sign_in_a_child_outside_their_rooms(void **state)
{
	char *k = signin("keyperson", "demo-keyperson-2026");
	int64_t other = db_int(
	    "SELECT c.id FROM child c WHERE c.setting_id = 1 AND c.room_id NOT IN (SELECT "
	    "sr.room_id FROM staff_room sr JOIN staff s ON s.id = sr.staff_id AND s.code = 'S04') "
	    "AND c.id NOT IN (SELECT k.child_id FROM key_assignment k JOIN staff s ON s.code = "
	    "'S04' AND (s.id = k.primary_staff_id OR s.id = k.secondary_staff_id)) "
	    "ORDER BY c.id LIMIT 1");
	char path[64];
	struct reply r;
	(void)state;
	snprintf(path, sizeof path, "/register/%lld/in", (long long)other);
	r = post(k, path, "date=" TODAY "&at=08:00");
	assert_int_equal(r.status, 404);
	reply_free(&r);
	assert_int_equal(
	    db_int("SELECT count(*) FROM register_child WHERE child_id = %lld", (long long)other), 0);
	free(k);
}

static void test_csv_and_print(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	struct reply r;
	int64_t signed_in;
	(void)state;
	/* the manager signs in another key child too */
	{
		char path[64];
		snprintf(path, sizeof path, "/register/%lld/in", (long long)key_child(2));
		expect(post(m, path, "date=" TODAY "&at=09:00"), 303);
	}
	signed_in = db_int("SELECT count(DISTINCT child_id) FROM register_child WHERE date = '" TODAY
	                   "' AND event = 'in'");
	assert_true(signed_in >= 3);
	r = get(m, "/register.csv", "date=" TODAY);
	assert_int_equal(r.status, 200);
	assert_non_null(r.disposition);
	assert_contains(r.disposition, "attachment");
	assert_contains(r.disposition, "register-" TODAY ".csv");
	{
		static const char header[] = "date,kind,id,name,room,in,out,hours,key_person,collected_by";
		assert_true(strncmp(r.body, header, sizeof header - 1) == 0);
	}
	assert_int_equal(t_count(r.body, "\n" TODAY ",child,"), (int)signed_in);
	reply_free(&r);
	r = get(m, "/register/print", "date=" TODAY);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Daily register");
	assert_contains(r.body, "Auntie Sue");
	reply_free(&r);
	r = get(m, "/register/missing", "date=" TODAY);
	assert_int_equal(r.status, 200);
	reply_free(&r);
	free(m);
}

/* ---- ratios ---- */

static void test_ratios_flag_a_room_without_its_level3(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	char *room = db_text("SELECT r.name FROM room r WHERE r.setting_id = 1 AND EXISTS (SELECT 1 "
	                     "FROM shift sh WHERE sh.room_id = r.id AND sh.date = '" TODAY "') "
	                     "ORDER BY r.age_min_months LIMIT 1");
	char query[256];
	struct reply r;
	(void)state;
	snprintf(query, sizeof query, "date=" TODAY "&room=%s", room);
	r = get(m, "/ratios", query);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<svg");
	assert_contains(r.body, "<th scope=\"col\">Adults needed</th>");
	reply_free(&r);
	/* every Level 3 or above working in that room today is off sick */
	db_exec("INSERT INTO staff_absence (setting_id, staff_id, from_date, to_date, reason, "
	        "created_at) SELECT DISTINCT 1, s.id, '" TODAY "', '" TODAY "', 'sick', 0 FROM staff s "
	        "JOIN shift sh ON sh.staff_id = s.id AND sh.date = '" TODAY "' JOIN room r ON "
	        "r.id = sh.room_id AND r.name = '%s' WHERE s.qualification >= 3",
	        room);
	r = get(m, "/ratios", query);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "OUT OF RATIO");
	assert_contains(r.body, "Out of ratio in ");
	assert_contains(r.body, "class=\"short\"");
	reply_free(&r);
	db_exec("DELETE FROM staff_absence WHERE from_date = '" TODAY "' AND created_at = 0");
	free(room);
	free(m);
}

/* ---- the message book ---- */

static void test_message_book_and_handover(void **state)
{
	char *k = signin("keyperson", "demo-keyperson-2026"), *m = signin("manager", "demo-manager-2026");
	int64_t child = db_int(ROOM_CHILD_SQL, OF_S01, 0),
	        keyperson_staff = db_int("SELECT id FROM staff WHERE code = 'S04'"),
	        message;
	char fields[256], path[64];
	struct reply r;
	(void)state;
	r = post(k, "/messages", "date=" TODAY "&for=&text=Slept+badly");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "Slept badly"); /* the input kept */
	reply_free(&r);
	snprintf(fields, sizeof fields,
	         "date=" TODAY "&for=child:%lld&source=parent&text=Grandma+collecting+at+4",
	         (long long)child);
	expect(post(k, "/messages", fields), 303);
	message = db_int("SELECT max(id) FROM handover_message");

	r = get(k, "/register", "date=" TODAY);
	{
		char anchor[64];
		const char *row;
		snprintf(anchor, sizeof anchor, "id=\"child-%lld\"", (long long)child);
		row = r.body ? strstr(r.body, anchor) : NULL;
		assert_non_null(row);
		assert_contains(row, "Grandma collecting at 4");
		assert_true(strstr(row, "Grandma collecting at 4") < strstr(row, "</tr>"));
	}
	reply_free(&r);
	r = get(m, "/messages", "date=" TODAY);
	assert_contains(r.body, "Grandma collecting at 4");
	reply_free(&r);

	/* the child's key person (the manager, S01) hands over to the practitioner */
	snprintf(fields, sizeof fields, "date=" TODAY "&to=%lld", (long long)keyperson_staff);
	r = post(m, "/messages/handover", fields);
	assert_int_equal(r.status, 303);
	assert_contains(r.location, "handed=");
	assert_lacks(r.location, "handed=0");
	reply_free(&r);
	r = get(m, "/messages/unacknowledged", NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Grandma collecting at 4");
	reply_free(&r);
	r = get(k, "/messages/unacknowledged", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);

	snprintf(path, sizeof path, "/messages/%lld/ack", (long long)message);
	r = get(k, "/messages", "date=" TODAY);
	assert_contains(r.body, "Handed over to you (1)");
	reply_free(&r);
	r = post(m, path, "date=" TODAY); /* not handed to the manager */
	assert_int_equal(r.status, 404);
	reply_free(&r);
	expect(post(k, path, "date=" TODAY), 303);
	expect(post(k, path, "date=" TODAY), 409);
	r = get(m, "/messages/unacknowledged", NULL);
	assert_lacks(r.body, "Grandma collecting at 4");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM audit_log WHERE action LIKE 'message.%%'"), 3);
	free(k);
	free(m);
}

static void test_parent_is_refused_the_day(void **state)
{
	char *p = signin("parent", "demo-parent-2026");
	static const char *const gets[] = {"/register", "/register/print", "/register.csv",
	                                   "/register/missing", "/ratios", "/messages",
	                                   "/messages/unacknowledged"};
	char path[64];
	(void)state;
	for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++)
		expect(get(p, gets[i], NULL), 403);
	expect(post(p, "/messages", "for=room:1&text=hello"), 403);
	expect(post(p, "/messages/handover", "to=1"), 403);
	expect(post(p, "/messages/1/ack", ""), 403);
	snprintf(path, sizeof path, "/register/%lld/in", (long long)key_child(0));
	expect(post(p, path, "at=09:00"), 403);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sign_in_and_out_with_an_allowed_collector),
	    cmocka_unit_test(test_restricted_and_unknown_collectors),
	    cmocka_unit_test(test_practitioner_cannot_sign_in_a_child_outside_their_rooms),
	    cmocka_unit_test(test_csv_and_print),
	    cmocka_unit_test(test_ratios_flag_a_room_without_its_level3),
	    cmocka_unit_test(test_message_book_and_handover),
	    cmocka_unit_test(test_parent_is_refused_the_day),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
