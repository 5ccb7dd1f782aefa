/*
 * http_support.h — helpers shared by the HTTP tests that drive http_handle
 * without sockets: one request and its reply, GET and a CSRF-carrying form
 * POST, signing in the way a browser does (GET /signin for the kw_pre
 * cookie and the form's csrf field, POST the password, keep the session
 * cookie), reading an input's value out of a page, asserting what a page
 * holds or lacks, reading and writing the database through SQLite itself,
 * and adding an account at set-up.
 *
 * A group set-up calls th_demo() (or th_init() for a database of its own),
 * th_add_demo_users() for the accounts it signs in with, then th_serve();
 * th_group_teardown() undoes it all.
 */
#ifndef KW_TEST_HTTP_SUPPORT_H
#define KW_TEST_HTTP_SUPPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "support.h"
#include "util.h"

struct server;
struct store;
struct actor;

/* th_init flags */
enum {
	/* Requests under /api/ ask for application/json, and their reply must
	 * parse as JSON (into th_reply.json); otherwise every request asks for
	 * text/html and json stays NULL. */
	TH_API_JSON = 1u << 0,
};

/* What the server answered; every pointer newly allocated (or NULL). */
struct th_reply {
	int status;
	char *body, *location, *cookie[2], *disposition;
	json_t *json;
};

/* The server requests go to and the database th_db_* read; both kept by
 * pointer, not copied. */
void th_init(struct server *srv, const char *db, unsigned flags);
/* Point the th_db_* queries at db without an in-process server (tests of
 * servers in processes of their own). */
void th_use_db(const char *db);
void th_reply_free(struct th_reply *r);

/* One request from 127.0.0.1; query and cookie may be NULL. */
struct th_reply th_request(const char *method, const char *path, const char *query,
                           const char *cookie, const char *content_type, const char *body);
/* The same with a body of len bytes (multipart uploads). */
struct th_reply th_request_len(const char *method, const char *path, const char *query,
                               const char *cookie, const char *content_type, const char *body,
                               size_t len);
/* The same with csrf (may be NULL) in the X-CSRF-Token header, as the JSON
 * API's writes carry the session's token. */
struct th_reply th_request_csrf(const char *method, const char *path, const char *query,
                                const char *csrf, const char *cookie, const char *content_type,
                                const char *body);
struct th_reply th_get(const char *cookie, const char *path, const char *query);
/* POST urlencoded fields with the session's CSRF token (th_csrf_of) first. */
struct th_reply th_post(const char *cookie, const char *path, const char *fields);

/* The value of the first name="field" value="…" in html (newly allocated), or NULL. */
char *th_input_value(const char *html, const char *field);
/* "name=value" of a Set-Cookie header (newly allocated), or NULL. */
char *th_cookie_pair(const char *set_cookie);
/* Sign in like a browser and return the reply to the password POST. */
struct th_reply th_signin_reply(const char *username, const char *password);
/* Sign in like a browser; the session cookie ("kw=…"), newly allocated.
 * Fails the test unless signing in succeeds. */
char *th_signin(const char *username, const char *password);
/* Mark every session of username as having just given its password again
 * (the step-up that account actions ask for: page_sessions.h), for tests of
 * what comes after it; tests/test_sessions_page.c tests the step-up itself. */
void th_step_up(const char *username);
/* The session's CSRF token, from the sign-out form every page carries. */
char *th_csrf_of(const char *cookie);

void th_assert_contains(const char *hay, const char *needle);
void th_assert_lacks(const char *hay, const char *needle);

/* Through SQLite itself, not store_open: store_open's look at the file
 * header (open + close) would drop this process's POSIX locks on the
 * database, which the server's connection still relies on. */
/* The first column of the first row, or -1 without a row. */
int64_t th_db_int(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* The first column of the first row, newly allocated; fails without one. */
char *th_db_text(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* The first column of the first row as a blob (newly allocated, *n bytes). */
void *th_db_blob(size_t *n, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Whether that blob holds the bytes of needle. */
int th_db_blob_has(const char *needle, const char *fmt, ...) PRINTF_LIKE(2, 3);
void th_db_exec(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Add an account (inside the caller's transaction); staff is a staff code
 * or NULL, contact a contact id or 0. Fails the test on any refusal. */
void th_add_user(struct store *s, const struct actor *who, const char *username,
                 const char *password, unsigned roles, const char *staff, int64_t contact);

/* Pin today (KW_TODAY), load the demo setting (`kw demo --start start`)
 * into a new database t_path(file) and th_init() srv (not yet initialised)
 * and that database. Returns the database's path, freed by th_group_teardown(). */
const char *th_demo(struct server *srv, const char *file, const char *start, const char *today,
                    unsigned flags);
/* Add the named demo accounts, in order, in one transaction (NULL ends the
 * list): admin, manager (staff S01), keyperson (a practitioner, S04), senco
 * (S03), parent (contact 1); each one's password is "demo-<name>-2026". */
void th_add_demo_users(const char *username, ...) __attribute__((sentinel));
/* server_init the th_init() server on its database, or fail. */
void th_serve(void);
/* A cmocka group teardown: server_free, forget th_demo()'s database and
 * remove t_tmpdir(). */
int th_group_teardown(void **state);

#endif
