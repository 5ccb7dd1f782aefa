/*
 * test_http_setup.c — the set-up pages through http_handle, without
 * sockets, on the demo setting (`kw demo --start 2026-03-02`, today pinned
 * to Wednesday 2026-03-04) with one account per role. Every test signs in
 * the way a browser does (GET /signin for the kw_pre cookie and the form's
 * csrf field, POST the password, keep the session cookie) and pins what
 * would break: a manager adds a room, staff and a child; a bad field is a
 * 422 with the field named, the input kept and nothing written; a write
 * without the CSRF token is refused; a practitioner sees the basics of the
 * children in their room and nothing of anyone else's; a parent reaches
 * only their own family; a CSV import with a bad row imports nothing; the
 * users page keeps admin accounts to admins and shows a one-time password
 * once.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_user.h"
#include "http.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static char *db;

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
                            const char *cookie, const char *content_type, const char *body,
                            size_t len)
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
	req.body_len = len;
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
	return request("GET", path, query, cookie, NULL, NULL, 0);
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

/* "name=value" of a Set-Cookie header, newly allocated. */
static char *cookie_pair(const char *set_cookie)
{
	return set_cookie ? strndup(set_cookie, strcspn(set_cookie, ";")) : NULL;
}

static struct reply signin_reply(const char *username, const char *password)
{
	struct reply form = get(NULL, "/signin", NULL), r;
	char *pre = cookie_pair(form.cookie[1]), *csrf = input_value(form.body, "csrf");
	char body[512];
	assert_int_equal(form.status, 200);
	assert_non_null(pre);
	assert_non_null(csrf);
	snprintf(body, sizeof body, "csrf=%s&username=%s&password=%s", csrf, username, password);
	r = request("POST", "/signin", NULL, pre, "application/x-www-form-urlencoded", body,
	            strlen(body));
	free(pre);
	free(csrf);
	reply_free(&form);
	return r;
}

/* Sign in like a browser; returns the session cookie ("kw=…"). */
static char *signin(const char *username, const char *password)
{
	struct reply r = signin_reply(username, password);
	char *cookie;
	if (r.status != 303)
		fail_msg("signing in as %s: %d\n%s", username, r.status, r.body);
	cookie = cookie_pair(r.cookie[0]);
	assert_non_null(cookie);
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
	r = request("POST", path, NULL, cookie, "application/x-www-form-urlencoded", body,
	            strlen(body));
	free(body);
	free(csrf);
	return r;
}

/* The page after <main> (where a page's own content starts), for failure messages. */
static const char *main_of(const char *html)
{
	const char *m = html ? strstr(html, "<main") : NULL;
	return m ? m : html ? html : "(null)";
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!hay || !strstr(hay, needle))
		fail_msg("expected \"%s\" in:\n%.3000s", needle, main_of(hay));
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (hay && strstr(hay, needle))
		fail_msg("did not expect \"%s\" in:\n%.3000s", needle, strstr(hay, needle));
}

static int64_t db_int(const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[512];
	int64_t n = -1;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, sql);
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	store_close(s);
	return n;
}

static char *db_text(const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[512], *t = NULL;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, sql);
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		t = strdup(store_col_text(st, 0));
	store_finish(st);
	store_close(s);
	assert_non_null(t);
	return t;
}

static void db_exec(const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[512];
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, sql);
	assert_non_null(st);
	assert_int_equal(store_step(st), STORE_DONE);
	store_finish(st);
	store_close(s);
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
	if (staff) {
		struct store_stmt *st = store_stmt(s, STMT_STAFF_BY_CODE);
		store_bind_int(st, 1, who->setting_id);
		store_bind_text(st, 2, staff);
		assert_int_equal(store_step(st), STORE_ROW);
		u.staff_id = store_col_int(st, 0);
		store_finish(st);
	}
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
	db = strdup(t_path("setup.db"));
	if (t_kw(db, &out, &errout, "demo", "--start", "2026-03-02", NULL) != 0)
		fail_msg("kw demo: %s%s", out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	add_user(s, &who, "admin", "demo-admin-2026", 1u << ROLE_ADMIN, NULL, 0);
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
	free(db);
	t_cleanup();
	return 0;
}

/* ---- a manager sets the nursery up ---- */

static void test_manager_adds_room_staff_and_child(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	struct reply r;
	char path[64], baby_link[64], *id;
	int64_t audits = db_int("SELECT count(*) FROM audit_log"), baby;
	(void)state;

	r = post(m, "/rooms", "name=Garden+Room&age_min_months=36&age_max_months=60&capacity=16");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/rooms");
	reply_free(&r);
	r = get(m, "/rooms", NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Garden Room");
	assert_contains(r.body, "<th scope=\"row\">Babies</th>");
	reply_free(&r);

	r = post(m, "/staff",
	         "id=S16&name=Nadia+Hussain&job_title=Room+leader&rooms=Garden+Room%3B+Pre-school"
	         "&qualification=3&key_person=yes&max_primary=8&languages=ur%3B+pa"
	         "&pfa_expires=2026-04-01&mon=08%3A00-16%3A00&tue=08%3A00-16%3A00");
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/staff/"));
	snprintf(path, sizeof path, "%s", r.location);
	reply_free(&r);
	r = get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h1>Nadia Hussain</h1>");
	assert_contains(r.body, "Garden Room, Pre-school");
	assert_contains(r.body, "renew within 28 days"); /* paediatric first aid due soon */
	assert_contains(r.body, "08:00–16:00");
	reply_free(&r);
	/* a floating buddy: the box not ticked means "no" */
	r = post(m, "/staff", "id=S17&name=Tom+Baxter&rooms=Garden+Room&qualification=2");
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(db_int("SELECT key_person FROM staff WHERE code = 'S17'"), 0);

	r = get(m, "/staff", NULL);
	assert_contains(r.body, "Nadia Hussain");
	assert_contains(r.body, "buddy only");
	reply_free(&r);

	r = post(m, "/children",
	         "id=C061&first_name=Amara&last_name=Okafor&preferred_name=Ama"
	         "&date_of_birth=10%2F05%2F2022&room=Garden+Room&start_date=2026-03-02"
	         "&allergies=Peanuts&home_language=yo&mon=08%3A00-15%3A00"
	         "&wed=09%3A00-15%3A00&key_person=S16&buddy=S17&sen=yes");
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/children/"));
	snprintf(path, sizeof path, "%s", r.location);
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM child WHERE code = 'C061' AND sen = 1 "
	                        "AND date_of_birth = '2022-05-10'"),
	                 1);
	assert_int_equal(
	    db_int("SELECT count(*) FROM child_attendance a JOIN child c ON c.id = a.child_id "
	           "WHERE c.code = 'C061'"),
	    2);

	baby = db_int(
	    "SELECT c.id FROM child c JOIN room r ON r.id = c.room_id WHERE r.name = 'Babies' "
	    "AND c.start_date <= '" TODAY
	    "' AND (c.leaving_date IS NULL OR c.leaving_date >= '" TODAY "') ORDER BY c.id");
	snprintf(baby_link, sizeof baby_link, "href=\"/children/%lld\"", (long long)baby);
	r = get(m, "/children", "room=Garden+Room");
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Amara (Ama) Okafor");
	assert_contains(r.body, "Peanuts");
	assert_lacks(r.body, baby_link); /* a Babies child is not in the Garden Room */
	reply_free(&r);
	r = get(m, "/children", NULL);
	assert_contains(r.body, "Amara (Ama) Okafor");
	assert_contains(r.body, baby_link);
	reply_free(&r);
	r = get(m, "/children", "room=Attic+Room");
	assert_int_equal(r.status, 404);
	reply_free(&r);

	r = get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<h1>Amara Okafor</h1>");
	assert_contains(r.body, "<dt>Key person</dt><dd>Nadia Hussain</dd>");
	assert_contains(r.body, "<dt>Buddy</dt><dd>Tom Baxter</dd>");
	assert_contains(r.body, "2022-05-10"); /* a manager sees the records */
	assert_contains(r.body, "Key person history");
	reply_free(&r);

	/* a contact for the new child, then the child's page lists them */
	id = strdup(path + strlen("/children/"));
	snprintf(path, sizeof path, "/children/%s/contacts", id);
	r = post(
	    m, path,
	    "name=Ngozi+Okafor&relationship=Mother&parental_responsibility=yes"
	    "&may_collect=yes&phone=07700+900123&preferred_method=text&preferred_time=after+5pm");
	assert_int_equal(r.status, 303);
	reply_free(&r);
	snprintf(path, sizeof path, "/children/%s", id);
	r = get(m, path, NULL);
	assert_contains(r.body, "07700 900123");
	assert_contains(r.body, "text message, after 5pm");
	assert_contains(r.body, "Give them a sign-in");
	reply_free(&r);
	free(id);

	/* every write left its audit row: room, two staff, child, key assignment, contact */
	if (db_int("SELECT count(*) FROM audit_log") < audits + 6)
		fail_msg("audit rows: %lld before, %lld after", (long long)audits,
		         (long long)db_int("SELECT count(*) FROM audit_log"));
	assert_int_equal(db_int("SELECT count(*) FROM audit_log WHERE action = 'child.add' "
	                        "AND detail = 'C061'"),
	                 1);
	free(m);
}

static void test_child_form_bad_date_is_422_with_input_kept(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	int64_t children = db_int("SELECT count(*) FROM child"), audits;
	struct reply r;
	(void)state;
	audits = db_int("SELECT count(*) FROM audit_log");
	r = post(m, "/children",
	         "id=C099&first_name=Zebedee&last_name=Quinn&date_of_birth=2023-02-30"
	         "&room=Babies&start_date=2026-03-02&allergies=Egg");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"date_of_birth-error\"");
	assert_contains(r.body, "Date of birth: must be a date");
	assert_contains(r.body, "aria-invalid=\"true\"");
	assert_contains(r.body, "name=\"first_name\" value=\"Zebedee\"");
	assert_contains(r.body, "name=\"date_of_birth\" value=\"2023-02-30\"");
	assert_contains(r.body, "name=\"allergies\" value=\"Egg\"");
	assert_contains(r.body, "<option value=\"Babies\" selected>");
	assert_contains(r.body, "role=\"alert\"");
	reply_free(&r);

	/* a refusal of the core operation (the key person is in another room) is shown the same way
	 */
	r = post(m, "/children",
	         "id=C099&first_name=Zebedee&last_name=Quinn&date_of_birth=2023-02-20"
	         "&room=Babies&start_date=2026-03-02&key_person=S10&buddy=S04");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"key_person-error\"");
	assert_contains(r.body, "S10 does not work in the child");
	reply_free(&r);

	/* a code that is taken */
	r = post(m, "/children",
	         "id=C001&first_name=Zebedee&last_name=Quinn&date_of_birth=2023-02-20"
	         "&room=Babies&start_date=2026-03-02");
	assert_int_equal(r.status, 409);
	assert_contains(r.body, "id=\"id-error\"");
	reply_free(&r);

	assert_int_equal(db_int("SELECT count(*) FROM child"), children);
	assert_int_equal(db_int("SELECT count(*) FROM child WHERE first_name = 'Zebedee'"), 0);
	assert_int_equal(db_int("SELECT count(*) FROM audit_log"), audits);
	free(m);
}

static void test_post_without_csrf_is_403_and_writes_nothing(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	const char *body = "name=Sneaky+Room&age_min_months=0&age_max_months=24";
	const char *forged = "csrf=not-the-token&name=Sneaky+Room";
	int64_t rooms = db_int("SELECT count(*) FROM room");
	struct reply r;
	(void)state;
	r = request("POST", "/rooms", NULL, m, "application/x-www-form-urlencoded", body,
	            strlen(body));
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = request("POST", "/rooms", NULL, m, "application/x-www-form-urlencoded", forged,
	            strlen(forged));
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = request("POST", "/admin/users/1/disable", NULL, m, "application/x-www-form-urlencoded",
	            "", 0);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM room"), rooms);
	assert_int_equal(db_int("SELECT count(*) FROM room WHERE name = 'Sneaky Room'"), 0);
	assert_int_equal(db_int("SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL"), 0);
	free(m);
}

/* ---- who sees which child ---- */

static void test_practitioner_sees_basics_in_room_and_nothing_outside(void **state)
{
	char *k = signin("keyperson", "demo-keyperson-2026");
	char path[256], *phone, *name;
	struct reply r;
	int64_t outside, in_room, own;
	(void)state;
#define S04 "(SELECT id FROM staff WHERE code = 'S04')"
#define NOT_S04_CHILD                                                                    \
	"c.id NOT IN (SELECT child_id FROM key_assignment WHERE primary_staff_id = " S04 \
	" OR secondary_staff_id = " S04 ")"
#define S04_ROOMS "(SELECT room_id FROM staff_room WHERE staff_id = " S04 ")"
	outside = db_int("SELECT c.id FROM child c WHERE c.room_id NOT IN " S04_ROOMS
	                 " AND " NOT_S04_CHILD " ORDER BY c.id");
	in_room = db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	                 "AND ct.phone <> '' WHERE c.room_id IN " S04_ROOMS
	                 " AND c.start_date <= '" TODAY "' AND " NOT_S04_CHILD " ORDER BY c.id");
	own = db_int("SELECT child_id FROM key_assignment WHERE primary_staff_id = "
	             "(SELECT id FROM staff WHERE code = 'S04') ORDER BY child_id");
	assert_true(outside > 0 && in_room > 0 && own > 0);

	snprintf(path, sizeof path, "/children/%lld", (long long)outside);
	r = get(k, path, NULL);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	r = get(k, "/children/999999", NULL);
	assert_int_equal(r.status, 404); /* the same answer as for a child who is not there */
	reply_free(&r);

	snprintf(path, sizeof path,
	         "SELECT ct.phone FROM contact ct JOIN child c ON c.family_id = "
	         "ct.family_id WHERE c.id = %lld AND ct.phone <> ''",
	         (long long)in_room);
	phone = db_text(path);
	snprintf(path, sizeof path, "SELECT first_name FROM child WHERE id = %lld",
	         (long long)in_room);
	name = db_text(path);
	snprintf(path, sizeof path, "/children/%lld", (long long)in_room);
	r = get(k, path, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, name);
	assert_contains(r.body, "Who may collect");
	assert_contains(r.body, "Key person and buddy");
	assert_lacks(r.body, phone);
	assert_lacks(r.body, "Date of birth");
	assert_lacks(r.body, "Key person history");
	reply_free(&r);
	free(phone);
	free(name);

	/* their own key child: the full records, contacts' phone numbers with them */
	snprintf(path, sizeof path, "/children/%lld", (long long)own);
	r = get(k, path, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Date of birth");
	assert_contains(r.body, "<h2 id=\"contacts\">Contacts</h2>");
	reply_free(&r);

	/* the list: their room's children, not the pre-school's */
	r = get(k, "/children", NULL);
	assert_int_equal(r.status, 200);
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)in_room);
	assert_contains(r.body, path);
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)outside);
	assert_lacks(r.body, path);
	assert_lacks(r.body, "Enrol a child");
	reply_free(&r);

	/* and none of the manager's pages */
	r = get(k, "/staff", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = get(k, "/children/new", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	free(k);
}

static void test_restricted_contact_warned_to_staff_not_to_collect(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	int64_t child =
	    db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	           "WHERE ct.restriction = 'no_collect' ORDER BY c.id");
	char *who =
	    db_text("SELECT name FROM contact WHERE restriction = 'no_collect' ORDER BY id");
	char path[64];
	struct reply r;
	(void)state;
	assert_true(child > 0);
	snprintf(path, sizeof path, "/children/%lld", (long long)child);
	r = get(m, path, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "NOT to collect");
	assert_contains(r.body, who);
	reply_free(&r);
	free(who);
	free(m);
}

static void test_parent_reaches_only_own_family(void **state)
{
	char *p = signin("parent", "demo-parent-2026");
	int64_t own =
	    db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	           "WHERE ct.id = 1 ORDER BY c.id");
	int64_t other = db_int("SELECT c.id FROM child c WHERE c.family_id <> "
	                       "(SELECT family_id FROM contact WHERE id = 1) ORDER BY c.id");
	char path[256], *name, *phone;
	struct reply r;
	(void)state;
	snprintf(path, sizeof path, "SELECT first_name FROM child WHERE id = %lld", (long long)own);
	name = db_text(path);
	phone = db_text("SELECT phone FROM contact WHERE id = 1");

	r = get(p, "/", NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/family");
	reply_free(&r);
	r = get(p, "/family", NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, name);
	assert_contains(r.body, "Key person");
	assert_contains(r.body, "This week");
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)other);
	assert_lacks(r.body, path);
	reply_free(&r);

	snprintf(path, sizeof path, "/children/%lld", (long long)own);
	r = get(p, path, NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, name);
	assert_contains(r.body, "class=\"photo\"");
	assert_contains(r.body, "<dt>Buddy</dt>");
	{
		/* the first day of the usual week, in this week (2 to 8 March) */
		static const char *const days[] = {
		    "Monday 2 March", "Tuesday 3 March",  "Wednesday 4 March", "Thursday 5 March",
		    "Friday 6 March", "Saturday 7 March", "Sunday 8 March"};
		char sql[128];
		int64_t wd;
		snprintf(sql, sizeof sql,
		         "SELECT min(weekday) FROM child_attendance WHERE child_id = %lld",
		         (long long)own);
		wd = db_int(sql);
		assert_true(wd >= 0 && wd < 7);
		assert_contains(r.body, days[wd]);
	}
	assert_lacks(r.body, phone);         /* no contacts on the family's view */
	assert_lacks(r.body, "restriction"); /* nor anybody's restriction */
	assert_lacks(r.body, "NOT to collect");
	assert_lacks(r.body, "Date of birth");
	reply_free(&r);

	snprintf(path, sizeof path, "/children/%lld", (long long)other);
	r = get(p, path, NULL);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	snprintf(path, sizeof path, "/children/%lld/contacts/new", (long long)other);
	r = get(p, path, NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = get(p, "/children", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = get(p, "/admin/users", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	free(name);
	free(phone);
	free(p);
}

static void test_admin_has_no_child_records(void **state)
{
	char *a = signin("admin", "demo-admin-2026");
	struct reply r;
	(void)state;
	r = get(a, "/children", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = get(a, "/children/1", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = get(a, "/family", NULL);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = get(a, "/admin/users", NULL);
	assert_int_equal(r.status, 200);
	reply_free(&r);
	free(a);
}

/* ---- staff absences ---- */

static void test_absence_recorded_and_shown_on_rota_week(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	int64_t staff = db_int("SELECT id FROM staff WHERE code = 'S08'");
	int64_t absences = db_int("SELECT count(*) FROM staff_absence");
	char path[64];
	struct reply r;
	(void)state;
	snprintf(path, sizeof path, "/staff/%lld/absences", (long long)staff);
	r = post(m, path, "from=2026-03-10&to=2026-03-09&reason=holiday");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"to-error\"");
	assert_contains(r.body, "name=\"to\" value=\"2026-03-09\"");
	reply_free(&r);
	r = post(m, path, "from=2026-03-10&to=2026-03-11");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"reason-error\"");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM staff_absence"), absences);

	r = post(m, path, "from=2026-03-10&to=2026-03-11&reason=training&note=Forest+school");
	assert_int_equal(r.status, 303);
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM staff_absence"), absences + 1);
	assert_true(db_int("SELECT count(*) FROM audit_log WHERE action = 'staff.absence'") >= 1);

	snprintf(path, sizeof path, "/staff/%lld", (long long)staff);
	r = get(m, path, "week=2026-03-11");
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "Rota: week of Monday 9 March");
	assert_contains(r.body, "absent: training");
	assert_contains(r.body, "Forest school");
	reply_free(&r);
	r = get(m, path, "week=not-a-date");
	assert_int_equal(r.status, 400);
	reply_free(&r);
	r = get(m, "/staff/999999", NULL);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	free(m);
}

/* ---- CSV import ---- */

static struct reply upload(const char *cookie, const char *kind, const char *csv)
{
	static const char boundary[] = "kwTestBoundary7MA4YWxk";
	char *csrf = csrf_of(cookie), ctype[128];
	size_t n = strlen(csv) + 1024;
	char *body = malloc(n);
	struct reply r;
	int len = snprintf(
	    body, n,
	    "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
	    "--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n"
	    "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\n%s\r\n--%s--\r\n",
	    boundary, csrf, boundary, kind, boundary, kind, csv, boundary);
	snprintf(ctype, sizeof ctype, "multipart/form-data; boundary=%s", boundary);
	r = request("POST", "/import", NULL, cookie, ctype, body, (size_t)len);
	free(body);
	free(csrf);
	return r;
}

static void test_csv_import_with_bad_row_imports_nothing(void **state)
{
	char *m = signin("manager", "demo-manager-2026");
	int64_t rooms = db_int("SELECT count(*) FROM room");
	struct reply r;
	(void)state;
	r = upload(m, "rooms",
	           "name,age_min_months,age_max_months,capacity\n"
	           "Attic,0,24,9\n"
	           "Cellar,lots,24,9\n"
	           "Porch,0,24,none\n");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "role=\"alert\"");
	assert_contains(r.body, "Nothing was imported");
	assert_contains(r.body, "row 3, column age_min_months");
	assert_contains(r.body, "row 4, column capacity");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM room"), rooms);
	assert_int_equal(db_int("SELECT count(*) FROM room WHERE name = 'Attic'"), 0);

	r = upload(m, "nonsense", "name\nAttic\n");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"kind-error\"");
	reply_free(&r);

	r = upload(m, "rooms",
	           "name,age_min_months,age_max_months,capacity\n"
	           "Attic,0,24,9\n"
	           "Cellar,24,36,12\n");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/import?imported=2&what=rooms");
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM room"), rooms + 2);
	assert_int_equal(db_int("SELECT count(*) FROM audit_log WHERE action = 'import.rooms'"), 1);
	r = get(m, "/import", "imported=2&what=rooms");
	assert_contains(r.body, "Imported 2 rooms.");
	reply_free(&r);
	free(m);
}

/* ---- user administration ---- */

static void test_manager_cannot_reset_or_make_admin_nor_disable_self(void **state)
{
	char *m = signin("manager", "demo-manager-2026"), path[64];
	int64_t admin = db_int("SELECT id FROM app_user WHERE username = 'admin'");
	int64_t self = db_int("SELECT id FROM app_user WHERE username = 'manager'");
	int64_t users = db_int("SELECT count(*) FROM app_user");
	struct reply r;
	(void)state;
	r = get(m, "/admin/users", NULL);
	assert_int_equal(r.status, 200);
	assert_contains(r.body, "<th scope=\"row\">admin</th>");
	assert_contains(r.body, "only an admin may change this account");
	assert_lacks(r.body, "value=\"admin\""); /* no admin box to tick */
	reply_free(&r);

	snprintf(path, sizeof path, "/admin/users/%lld/reset", (long long)admin);
	r = post(m, path, "");
	assert_int_equal(r.status, 403);
	assert_lacks(r.body, "one-time-password");
	reply_free(&r);
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)admin);
	r = post(m, path, "");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)self);
	r = post(m, path, "");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = post(m, "/admin/users", "username=sneaky&display_name=Sneaky&role=admin");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	r = post(m, "/admin/users",
	         "username=sneaky2&display_name=Sneaky&role=dsl&role=practitioner");
	assert_int_equal(r.status, 403);
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM app_user"), users);
	assert_int_equal(db_int("SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL"), 0);
	free(m);

	/* the admin's password still works, and the admin may reset the manager */
	m = signin("admin", "demo-admin-2026");
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)admin);
	r = post(m, path, "");
	assert_int_equal(r.status, 403); /* not even an admin disables their own account */
	reply_free(&r);
	free(m);
}

static void test_one_time_password_shown_once_and_leads_to_password_page(void **state)
{
	char *m = signin("manager", "demo-manager-2026"), *pw, *pw2, path[64];
	struct reply r;
	int64_t id;
	(void)state;
	r = post(m, "/admin/users",
	         "username=saima&display_name=Saima+Ahmed&role=practitioner&staff=S05");
	assert_int_equal(r.status, 200);
	pw = NULL;
	{
		const char *p = strstr(r.body, "id=\"one-time-password\">");
		assert_non_null(p);
		p += strlen("id=\"one-time-password\">");
		pw = strndup(p, strcspn(p, "<"));
	}
	assert_true(strlen(pw) >= PASSWORD_MIN);
	reply_free(&r);
	assert_int_equal(
	    db_int("SELECT must_change_password FROM app_user WHERE username = 'saima'"), 1);
	assert_int_equal(
	    db_int("SELECT count(*) FROM audit_log WHERE action = 'user.add' AND detail = 'saima'"),
	    1);
	/* shown once: not on the users page, not in the database */
	r = get(m, "/admin/users", NULL);
	assert_contains(r.body, "saima");
	assert_lacks(r.body, pw);
	reply_free(&r);

	/* a bad username is refused with the field named and the input kept */
	r = post(m, "/admin/users", "username=bad+name&display_name=Bad&role=practitioner");
	assert_int_equal(r.status, 422);
	assert_contains(r.body, "id=\"username-error\"");
	assert_contains(r.body, "value=\"bad name\"");
	reply_free(&r);

	r = signin_reply("saima", pw);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/password");
	reply_free(&r);

	/* a reset: a new one-time password, the old one stops working */
	id = db_int("SELECT id FROM app_user WHERE username = 'saima'");
	snprintf(path, sizeof path, "/admin/users/%lld/reset", (long long)id);
	r = post(m, path, "");
	assert_int_equal(r.status, 200);
	{
		const char *p = strstr(r.body, "id=\"one-time-password\">");
		assert_non_null(p);
		p += strlen("id=\"one-time-password\">");
		pw2 = strndup(p, strcspn(p, "<"));
	}
	reply_free(&r);
	r = signin_reply("saima", pw);
	assert_int_equal(r.status, 401);
	reply_free(&r);
	r = signin_reply("saima", pw2);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/password");
	reply_free(&r);

	/* disabled: no more signing in */
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)id);
	r = post(m, path, "");
	assert_int_equal(r.status, 303);
	reply_free(&r);
	r = signin_reply("saima", pw2);
	assert_int_equal(r.status, 401);
	reply_free(&r);
	assert_int_equal(db_int("SELECT count(*) FROM session WHERE user_id = "
	                        "(SELECT id FROM app_user WHERE username = 'saima')"),
	                 0);
	free(pw);
	free(pw2);
	free(m);
}

static char *one_time_password(const char *html)
{
	const char *p = strstr(html, "id=\"one-time-password\">");
	assert_non_null(p);
	p += strlen("id=\"one-time-password\">");
	return strndup(p, strcspn(p, "<"));
}

static void test_manager_gives_a_parent_a_sign_in_to_their_family_only(void **state)
{
	char *m = signin("manager", "demo-manager-2026"), *p, *pw, *csrf, body[256], path[64];
	int64_t contact =
	    db_int("SELECT id FROM contact WHERE parental_responsibility = 1 "
	           "AND restriction = 'none' AND family_id <> (SELECT family_id FROM contact "
	           "WHERE id = 1) ORDER BY id");
	int64_t theirs =
	    db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	           "WHERE ct.id = (SELECT id FROM contact WHERE parental_responsibility = 1 "
	           "AND restriction = 'none' AND family_id <> (SELECT family_id FROM contact "
	           "WHERE id = 1) ORDER BY id) ORDER BY c.id");
	int64_t not_theirs =
	    db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	           "WHERE ct.id = 1 ORDER BY c.id");
	struct reply r;
	(void)state;
	/* the link on the child's contacts fills in the form */
	snprintf(path, sizeof path, "contact=%lld&role=parent&display_name=Mum",
	         (long long)contact);
	r = get(m, "/admin/users", path);
	assert_contains(r.body, "value=\"parent\" checked");
	reply_free(&r);
	snprintf(body, sizeof body, "username=mum2&display_name=Mum&role=parent&contact=%lld",
	         (long long)contact);
	r = post(m, "/admin/users", body);
	assert_int_equal(r.status, 200);
	pw = one_time_password(r.body);
	reply_free(&r);
	free(m);

	/* first sign-in: choose a password, then sign in with it */
	p = signin("mum2", pw);
	csrf = csrf_of(p);
	snprintf(body, sizeof body, "csrf=%s&current=%s&new=our-own-password-2026", csrf, pw);
	r = request("POST", "/password", NULL, p, "application/x-www-form-urlencoded", body,
	            strlen(body));
	assert_int_equal(r.status, 303);
	reply_free(&r);
	free(p);
	free(csrf);
	p = signin("mum2", "our-own-password-2026");
	r = get(p, "/family", NULL);
	assert_int_equal(r.status, 200);
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)theirs);
	assert_contains(r.body, path);
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)not_theirs);
	assert_lacks(r.body, path);
	reply_free(&r);
	snprintf(path, sizeof path, "/children/%lld", (long long)not_theirs);
	r = get(p, path, NULL);
	assert_int_equal(r.status, 404);
	reply_free(&r);
	free(pw);
	free(p);
}

static void test_leaver_listed_with_one_click_disable(void **state)
{
	char *m, *a, *name, expect[256];
	struct reply r;
	(void)state;
	name = db_text("SELECT name FROM staff WHERE code = 'S06'");
	snprintf(expect, sizeof expect, "%s</a> <span class=\"tag\">left</span>", name);
	a = signin("admin", "demo-admin-2026");
	r = post(a, "/admin/users",
	         "username=chris&display_name=Chris&role=practitioner&staff=S06");
	assert_int_equal(r.status, 200);
	reply_free(&r);
	free(a);
	db_exec("UPDATE staff SET leaving_date = '2026-02-27' WHERE code = 'S06'");

	m = signin("manager", "demo-manager-2026");
	r = get(m, "/admin/users", NULL);
	assert_contains(r.body, "Staff who have left but can still sign in");
	assert_contains(r.body, "left on 2026-02-27");
	reply_free(&r);
	r = get(m, "/staff", NULL);
	assert_contains(r.body, expect);
	reply_free(&r);
	{
		char path[64];
		snprintf(path, sizeof path, "/admin/users/%lld/disable",
		         (long long)db_int("SELECT id FROM app_user WHERE username = 'chris'"));
		r = post(m, path, "");
		assert_int_equal(r.status, 303);
		reply_free(&r);
	}
	r = get(m, "/admin/users", NULL);
	assert_lacks(r.body, "Staff who have left but can still sign in");
	reply_free(&r);
	free(name);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_manager_adds_room_staff_and_child),
	    cmocka_unit_test(test_child_form_bad_date_is_422_with_input_kept),
	    cmocka_unit_test(test_post_without_csrf_is_403_and_writes_nothing),
	    cmocka_unit_test(test_practitioner_sees_basics_in_room_and_nothing_outside),
	    cmocka_unit_test(test_restricted_contact_warned_to_staff_not_to_collect),
	    cmocka_unit_test(test_parent_reaches_only_own_family),
	    cmocka_unit_test(test_admin_has_no_child_records),
	    cmocka_unit_test(test_absence_recorded_and_shown_on_rota_week),
	    cmocka_unit_test(test_csv_import_with_bad_row_imports_nothing),
	    cmocka_unit_test(test_manager_cannot_reset_or_make_admin_nor_disable_self),
	    cmocka_unit_test(test_one_time_password_shown_once_and_leads_to_password_page),
	    cmocka_unit_test(test_manager_gives_a_parent_a_sign_in_to_their_family_only),
	    cmocka_unit_test(test_leaver_listed_with_one_click_disable),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
