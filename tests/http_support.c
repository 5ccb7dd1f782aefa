/*
 * http_support.c — the HTTP test helpers of http_support.h, one copy for
 * every test that drives http_handle without sockets.
 */
#define _GNU_SOURCE /* memmem */
#include "http_support.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core_staff.h"
#include "core_user.h"
#include "http.h"
#include "store.h"
#include "web.h"

static struct server *th_srv;
static const char *th_db;
static unsigned th_flags;
static const char *th_csrf_header; /* for th_request_csrf's one request */

void th_init(struct server *srv, const char *db, unsigned flags)
{
	th_srv = srv;
	th_db = db;
	th_flags = flags;
}

void th_reply_free(struct th_reply *r)
{
	free(r->body);
	free(r->location);
	free(r->cookie[0]);
	free(r->cookie[1]);
	free(r->disposition);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

struct th_reply th_request_len(const char *method, const char *path, const char *query,
                               const char *cookie, const char *content_type, const char *body,
                               size_t len)
{
	struct http_request req;
	struct http_response resp;
	struct th_reply r;
	int api = (th_flags & TH_API_JSON) && strncmp(path, "/api/", 5) == 0;
	if (!th_srv)
		fail_msg("th_init was not called");
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
	req.accept = api ? "application/json" : "text/html";
	req.csrf_token = th_csrf_header;
	http_handle(th_srv, &req, &resp);
	r.status = resp.status;
	r.body = strdup(buf_str(&resp.body));
	r.location = dup_or_null(resp.location);
	r.cookie[0] = dup_or_null(resp.set_cookie[0]);
	r.cookie[1] = dup_or_null(resp.set_cookie[1]);
	r.disposition = dup_or_null(resp.disposition);
	r.json = api ? json_loads(r.body, 0, NULL) : NULL;
	http_response_free(&resp);
	http_request_free(&req);
	if (api && !r.json)
		fail_msg("%s %s: not JSON:\n%s", method, path, r.body);
	return r;
}

struct th_reply th_request(const char *method, const char *path, const char *query,
                           const char *cookie, const char *content_type, const char *body)
{
	return th_request_len(method, path, query, cookie, content_type, body,
	                      body ? strlen(body) : 0);
}

struct th_reply th_request_csrf(const char *method, const char *path, const char *query,
                                const char *csrf, const char *cookie, const char *content_type,
                                const char *body)
{
	struct th_reply r;
	th_csrf_header = csrf;
	r = th_request(method, path, query, cookie, content_type, body);
	th_csrf_header = NULL;
	return r;
}

struct th_reply th_get(const char *cookie, const char *path, const char *query)
{
	return th_request("GET", path, query, cookie, NULL, NULL);
}

struct th_reply th_post(const char *cookie, const char *path, const char *fields)
{
	char *csrf = th_csrf_of(cookie);
	size_t n = strlen(csrf) + strlen(fields) + 16;
	char *body = malloc(n);
	struct th_reply r;
	snprintf(body, n, "csrf=%s&%s", csrf, fields);
	r = th_request("POST", path, NULL, cookie, "application/x-www-form-urlencoded", body);
	free(body);
	free(csrf);
	return r;
}

void th_step_up(const char *username)
{
	th_db_exec("UPDATE session SET step_up_at = %lld, step_up_seen_at = %lld WHERE user_id = "
	           "(SELECT id FROM app_user WHERE username = '%s')",
	           (long long)time(NULL), (long long)time(NULL), username);
}

char *th_input_value(const char *html, const char *field)
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

char *th_cookie_pair(const char *set_cookie)
{
	return set_cookie ? strndup(set_cookie, strcspn(set_cookie, ";")) : NULL;
}

struct th_reply th_signin_reply(const char *username, const char *password)
{
	struct th_reply form = th_get(NULL, "/signin", NULL), r;
	char *pre = th_cookie_pair(form.cookie[1]), *csrf = th_input_value(form.body, "csrf");
	char body[512];
	assert_int_equal(form.status, 200);
	assert_non_null(pre);
	assert_non_null(csrf);
	snprintf(body, sizeof body, "csrf=%s&username=%s&password=%s", csrf, username, password);
	r = th_request("POST", "/signin", NULL, pre, "application/x-www-form-urlencoded", body);
	free(pre);
	free(csrf);
	th_reply_free(&form);
	return r;
}

char *th_signin(const char *username, const char *password)
{
	struct th_reply r = th_signin_reply(username, password);
	char *cookie;
	if (r.status != 303)
		fail_msg("signing in as %s: %d\n%s", username, r.status, r.body);
	cookie = th_cookie_pair(r.cookie[0]);
	assert_non_null(cookie);
	th_reply_free(&r);
	return cookie;
}

char *th_csrf_of(const char *cookie)
{
	struct th_reply r = th_get(cookie, "/password", NULL);
	char *t = th_input_value(r.body, "csrf");
	assert_int_equal(r.status, 200);
	assert_non_null(t);
	th_reply_free(&r);
	return t;
}

/* The page after <main> (where a page's own content starts), for failure messages. */
static const char *main_of(const char *html)
{
	const char *m = html ? strstr(html, "<main") : NULL;
	return m ? m : html ? html : "(null)";
}

void th_assert_contains(const char *hay, const char *needle)
{
	if (!hay || !strstr(hay, needle))
		fail_msg("expected \"%s\" in:\n%.3000s", needle, main_of(hay));
}

void th_assert_lacks(const char *hay, const char *needle)
{
	if (hay && strstr(hay, needle))
		fail_msg("did not expect \"%s\" in:\n%.3000s", needle, strstr(hay, needle));
}

/* The database open through the store (either backend), its SQL, and the
 * statement stepped to its first row. */
struct db_row {
	struct store *s;
	struct store_stmt *st;
	int row; /* a first row was there */
	char sql[2048];
};

static void db_open(struct db_row *q, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
static void db_open(struct db_row *q, const char *fmt, va_list ap)
{
	char err[512];
	memset(q, 0, sizeof *q);
	if ((size_t)vsnprintf(q->sql, sizeof q->sql, fmt, ap) >= sizeof q->sql)
		fail_msg("SQL too long: %s", q->sql);
	if (!th_db)
		fail_msg("th_init was not called");
	if (store_open(th_db, STORE_OPEN_EXISTING, &q->s, err, sizeof err) != 0)
		fail_msg("%s: %s", th_db, err);
}

static void db_first_row(struct db_row *q, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
static void db_first_row(struct db_row *q, const char *fmt, va_list ap)
{
	int rc;
	db_open(q, fmt, ap);
	q->st = store_prepare(q->s, q->sql);
	if (!q->st)
		fail_msg("%s: %s", q->sql, store_errmsg(q->s));
	rc = store_step(q->st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		fail_msg("%s: %s", q->sql, store_errmsg(q->s));
	q->row = rc == STORE_ROW;
}

static void db_done(struct db_row *q)
{
	store_finish(q->st);
	store_close(q->s);
}

int64_t th_db_int(const char *fmt, ...)
{
	struct db_row q;
	int64_t n;
	va_list ap;
	va_start(ap, fmt);
	db_first_row(&q, fmt, ap);
	va_end(ap);
	n = q.row ? store_col_int(q.st, 0) : -1;
	db_done(&q);
	return n;
}

char *th_db_text(const char *fmt, ...)
{
	struct db_row q;
	char *out;
	va_list ap;
	va_start(ap, fmt);
	db_first_row(&q, fmt, ap);
	va_end(ap);
	if (!q.row || store_col_null(q.st, 0))
		fail_msg("no row: %s", q.sql);
	out = strdup(store_col_text(q.st, 0));
	db_done(&q);
	return out;
}

/* One or more statements (separated by ";"), in one transaction. */
void th_db_exec(const char *fmt, ...)
{
	struct db_row q;
	char err[4096];
	va_list ap;
	va_start(ap, fmt);
	db_open(&q, fmt, ap);
	va_end(ap);
	if (store_begin(q.s) != STORE_OK)
		fail_msg("BEGIN: %s", store_errmsg(q.s));
	if (t_sql_script(q.s, q.sql, err, sizeof err) != 0) {
		store_rollback(q.s); /* nothing left holding the database */
		store_close(q.s);
		fail_msg("%s", err);
	}
	if (store_commit(q.s) != STORE_OK)
		fail_msg("COMMIT: %s", store_errmsg(q.s));
	store_close(q.s);
}

void th_add_user(struct store *s, const struct actor *who, const char *username,
                 const char *password, unsigned roles, const char *staff, int64_t contact)
{
	struct user_new u = {.username = username,
	                     .display_name = username,
	                     .password = password,
	                     .roles = roles,
	                     .contact_id = contact};
	struct op_error e;
	int64_t id;
	if (staff && !(u.staff_id = core_staff_find(s, who->setting_id, staff)))
		fail_msg("adding %s: no member of staff %s", username, staff);
	if (core_user_add(s, who, &u, &id, &e) != 0)
		fail_msg("adding %s: %s", username, e.msg);
}

/* The demo's accounts: password "demo-<username>-2026". */
static const struct {
	const char *username;
	enum role role;
	const char *staff;
	int64_t contact;
} demo_users[] = {
    {"admin", ROLE_ADMIN, NULL, 0},
    {"manager", ROLE_MANAGER, "S01", 0},
    {"keyperson", ROLE_PRACTITIONER, "S04", 0},
    {"senco", ROLE_SENCO, "S03", 0},
    {"parent", ROLE_PARENT, NULL, 1},
};

static char *demo_path;

const char *th_demo(struct server *srv, const char *file, const char *start, const char *today,
                    unsigned flags)
{
	char *out = NULL, *errout = NULL;
	setenv("KW_TODAY", today, 1);
	free(demo_path);
	demo_path = strdup(t_path(file));
	th_init(srv, demo_path, flags);
	if (t_kw(demo_path, &out, &errout, "demo", "--start", start, NULL) != 0)
		fail_msg("kw demo: %s%s", out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	return demo_path;
}

void th_add_demo_users(const char *username, ...)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512], password[64];
	va_list ap;
	if (store_open(th_db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	va_start(ap, username);
	for (const char *u = username; u; u = va_arg(ap, const char *)) {
		size_t i = 0;
		while (i < ARRAY_LEN(demo_users) && strcmp(demo_users[i].username, u) != 0)
			i++;
		if (i == ARRAY_LEN(demo_users))
			fail_msg("no demo account %s", u);
		snprintf(password, sizeof password, "demo-%s-2026", u);
		th_add_user(s, &who, u, password, 1u << demo_users[i].role, demo_users[i].staff,
		            demo_users[i].contact);
	}
	va_end(ap);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
}

void th_serve(void)
{
	char err[512];
	if (server_init(th_srv, th_db, 1, err, sizeof err) != 0)
		fail_msg("%s", err);
}

int th_group_teardown(void **state)
{
	(void)state;
	server_free(th_srv);
	free(demo_path);
	demo_path = NULL;
	th_db = NULL;
	t_cleanup();
	return 0;
}

void *th_db_blob(size_t *n, const char *fmt, ...)
{
	struct db_row q;
	const void *p;
	void *out = NULL;
	va_list ap;
	va_start(ap, fmt);
	db_first_row(&q, fmt, ap);
	va_end(ap);
	*n = 0;
	if (!q.row || store_col_null(q.st, 0))
		fail_msg("no row or NULL: %s", q.sql);
	p = store_col_blob(q.st, 0, n);
	out = malloc(*n ? *n : 1);
	if (*n)
		memcpy(out, p, *n);
	db_done(&q);
	return out;
}

int th_db_blob_has(const char *needle, const char *fmt, ...)
{
	struct db_row q;
	const void *p;
	size_t n = 0;
	int has;
	va_list ap;
	va_start(ap, fmt);
	db_first_row(&q, fmt, ap);
	va_end(ap);
	if (!q.row || store_col_null(q.st, 0))
		fail_msg("no row or NULL: %s", q.sql);
	p = store_col_blob(q.st, 0, &n);
	has = p && memmem(p, n, needle, strlen(needle)) != NULL;
	db_done(&q);
	return has;
}

void th_use_db(const char *db)
{
	th_db = db;
}
