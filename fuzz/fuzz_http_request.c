/*
 * fuzz_http_request.c — libFuzzer target for whole requests through the
 * router and every handler (http_handle), signed in, with the CSRF token,
 * on a small demo setting: query strings, form and JSON bodies, multipart
 * uploads and paths with ids, as a manager, a key person or a parent.
 * Any input is answered with a status between 200 and 599, never a crash
 * or a sanitizer report.
 *
 * Input: byte 0 picks the method and the person, byte 1 the body's type;
 * then the target ("/path?query") up to the first newline; the rest is the
 * body. A missing leading '/' is added.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "core_demo.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_user.h"
#include "date.h"
#include "http.h"
#include "store.h"
#include "web.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum person { P_MANAGER, P_KEY_PERSON, P_PARENT, P__MAX };

static struct server srv;
static char cookie[P__MAX][160], csrf[P__MAX][96];
static char db[256];

struct answer {
	int status;
	char *body, *set_cookie[2];
};

static const char *csrf_header; /* the X-CSRF-Token header of the next request */

static struct answer handle(const char *method, const char *path, const char *query,
                            const char *cook, const char *type, const char *body, size_t len)
{
	struct http_request req;
	struct http_response resp;
	struct answer a = {0};
	http_request_init(&req);
	http_response_init(&resp);
	req.method = method;
	req.path = path;
	req.query = query;
	req.cookie = cook;
	req.content_type = type;
	req.body = body;
	req.body_len = len;
	req.ip = "127.0.0.1";
	req.accept = strncmp(path, "/api/", 5) == 0 ? "application/json" : "text/html";
	req.csrf_token = csrf_header;
	http_handle(&srv, &req, &resp);
	a.status = resp.status;
	a.body = strdup(buf_str(&resp.body));
	for (int i = 0; i < 2; i++)
		a.set_cookie[i] = resp.set_cookie[i] ? strndup(resp.set_cookie[i],
		                                               strcspn(resp.set_cookie[i], ";"))
		                                     : NULL;
	http_response_free(&resp);
	http_request_free(&req);
	return a;
}

static void answer_free(struct answer *a)
{
	free(a->body);
	free(a->set_cookie[0]);
	free(a->set_cookie[1]);
}

static int input_value(const char *html, const char *name, char *out, size_t n)
{
	char pat[64];
	const char *p, *end;
	snprintf(pat, sizeof pat, "name=\"%s\" value=\"", name);
	if (!html || !(p = strstr(html, pat)))
		return -1;
	p += strlen(pat);
	end = strchr(p, '"');
	if (!end || (size_t)(end - p) >= n)
		return -1;
	snprintf(out, n, "%.*s", (int)(end - p), p);
	return 0;
}

static void sign_in(enum person who, const char *user, const char *password)
{
	struct answer form = handle("GET", "/signin", "", NULL, NULL, NULL, 0), r, page;
	char body[256], token[96];
	const char *pre = form.set_cookie[1] ? form.set_cookie[1] : form.set_cookie[0];
	if (input_value(form.body, "csrf", token, sizeof token) != 0 || !pre)
		abort();
	snprintf(body, sizeof body, "csrf=%s&username=%s&password=%s", token, user, password);
	r = handle("POST", "/signin", "", pre, "application/x-www-form-urlencoded", body,
	           strlen(body));
	if (r.status != 303 || !r.set_cookie[0])
		abort();
	snprintf(cookie[who], sizeof cookie[who], "%s", r.set_cookie[0]);
	page = handle("GET", "/password", "", cookie[who], NULL, NULL, 0);
	if (input_value(page.body, "csrf", csrf[who], sizeof csrf[who]) != 0)
		abort();
	answer_free(&form);
	answer_free(&r);
	answer_free(&page);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const struct {
		const char *user, *code;
		unsigned roles;
	} people[P__MAX] = {
	    [P_MANAGER] = {"manager", "S01", 1u << ROLE_MANAGER},
	    [P_KEY_PERSON] = {"keyperson", "S04", 1u << ROLE_PRACTITIONER},
	    [P_PARENT] = {"parent", NULL, 1u << ROLE_PARENT},
	};
	char dir[] = "/tmp/kw-fuzz-request.XXXXXX", err[512];
	struct demo_options o = {.children = 20, .start = date_today("Europe/London")};
	struct demo_summary sum;
	struct op_error e;
	struct store *s;
	struct actor who = {.setting_id = 1, .name = "fuzz"};
	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		abort();
	snprintf(db, sizeof db, "%s/fuzz.db", dir);
	o.staff = core_demo_default_staff(o.children);
	if (store_open(db, STORE_OPEN_CREATE, &s, err, sizeof err) != 0 || core_tx_begin(s, &e) ||
	    core_demo_load(s, &o, &sum, &e))
		abort();
	for (int p = 0; p < P__MAX; p++) {
		struct user_new u = {.username = people[p].user,
		                     .display_name = people[p].user,
		                     .password = "fuzz-password-2026",
		                     .roles = people[p].roles};
		int64_t id;
		if (people[p].code)
			u.staff_id = core_staff_find(s, 1, people[p].code);
		else
			u.contact_id = 1;
		if (core_user_add(s, &who, &u, &id, &e) != 0)
			abort();
	}
	if (core_tx_commit(s, &e) != 0)
		abort();
	store_close(s);
	if (server_init(&srv, db, 1, err, sizeof err) != 0)
		abort();
	for (int p = 0; p < P__MAX; p++)
		sign_in((enum person)p, people[p].user, "fuzz-password-2026");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {
	    "application/x-www-form-urlencoded",
	    "application/json",
	    "multipart/form-data; boundary=b0und",
	    "text/plain",
	};
	static const char *const methods[] = {"GET", "POST", "HEAD", "PUT"};
	const char *nl, *method, *type;
	char path[1024], query[1024], *body;
	size_t tlen, blen;
	enum person who;
	struct answer a;
	if (size < 3)
		return 0;
	method = methods[data[0] & 3];
	who = (enum person)((data[0] >> 2) % P__MAX);
	type = types[data[1] & 3];
	data += 2;
	size -= 2;
	nl = memchr(data, '\n', size);
	tlen = nl ? (size_t)(nl - (const char *)data) : size;
	if (tlen >= sizeof path - 2 || memchr(data, '\0', tlen))
		return 0;
	{
		const char *q = memchr(data, '?', tlen);
		size_t plen = q ? (size_t)(q - (const char *)data) : tlen;
		snprintf(path, sizeof path, "%s%.*s", data[0] == '/' ? "" : "/", (int)plen,
		         (const char *)data);
		/* the API's token travels in its header, as a client's would */
		snprintf(query, sizeof query, "%.*s", q ? (int)(tlen - plen - 1) : 0,
		         q ? q + 1 : "");
	}
	/* Signing out would end the session every later input needs. */
	if (strncmp(path, "/signout", 8) == 0)
		return 0;
	blen = nl ? size - tlen - 1 : 0;
	/* Forms carry the token first, as a browser's would. */
	body = malloc(blen + 128);
	if (!body)
		abort();
	if (strcmp(type, types[0]) == 0) {
		int n = snprintf(body, 128, "csrf=%s&", csrf[who]);
		if (blen)
			memcpy(body + n, nl + 1, blen);
		blen += (size_t)n;
	} else if (blen) {
		memcpy(body, nl + 1, blen);
	}
	csrf_header = csrf[who];
	a = handle(method, path, query, cookie[who], type, blen ? body : NULL, blen);
	csrf_header = NULL;
	assert(a.status >= 200 && a.status <= 599);
	answer_free(&a);
	free(body);
	return 0;
}
