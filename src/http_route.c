/*
 * http_route.c — the route table and the path every request takes:
 * parse the query and body, find the route, load the session from its
 * cookie, refuse a write without the session's CSRF token, check the
 * route's roles (authz.c), run the handler with a database connection from
 * the pool. Unknown paths are 404, a signed-out visitor is sent to sign in
 * (401 for the API), the wrong role is 403. The security headers are here,
 * set for every response by http_mhd.c.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "authz.h"
#include "core_session.h"
#include "pages.h"

#define ANY_SIGNED_IN 0u
#define PUBLIC (~0u)

struct route {
	const char *method;
	const char *pattern; /* segments; ":id" captures a positive integer */
	page_fn *handler;
	unsigned roles; /* PUBLIC, ANY_SIGNED_IN or a mask of R(role) */
};

#include "http_routes.h"

static const struct route routes[] = {
    {"GET", "/healthz", page_healthz, PUBLIC},
    {"GET", "/static/:name", page_static, PUBLIC},
    {"GET", "/signin", page_signin_form, PUBLIC},
    {"POST", "/signin", page_signin, PUBLIC},
    {"POST", "/signout", page_signout, ANY_SIGNED_IN},
    {"POST", "/signout-everywhere", page_signout_everywhere, ANY_SIGNED_IN},
    {"GET", "/password", page_password_form, ANY_SIGNED_IN},
    {"POST", "/password", page_password, ANY_SIGNED_IN},
    {"GET", "/", page_home, ANY_SIGNED_IN},
    HTTP_ROUTES};

/* The security headers of every response (name, value pairs); under TLS
 * HSTS is added. X-XSS-Protection: 0 turns off old browsers' XSS filter,
 * which itself opened holes; the CSP is the protection. */
/* NOLINTBEGIN(bugprone-suspicious-missing-comma): the CSP is one string over two lines */
#define CSP                                                                               \
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
#define SECURITY_HEADERS                                                                        \
	"Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff", "Referrer-Policy", \
	    "same-origin", "X-Frame-Options", "DENY", "Permissions-Policy",                     \
	    "camera=(), microphone=(), geolocation=()", "Cross-Origin-Opener-Policy",           \
	    "same-origin", "X-XSS-Protection", "0"
static const char *const security_headers[] = {SECURITY_HEADERS, NULL};
static const char *const security_headers_tls[] = {SECURITY_HEADERS, "Strict-Transport-Security",
                                                   "max-age=31536000; includeSubDomains", NULL};

/* NOLINTEND(bugprone-suspicious-missing-comma) */

const char *const *http_security_headers(int tls)
{
	return tls ? security_headers_tls : security_headers;
}

size_t http_route_count(void)
{
	return ARRAY_LEN(routes);
}

void http_route_get(size_t i, const char **method, const char **pattern, unsigned *roles)
{
	*method = routes[i].method;
	*pattern = routes[i].pattern;
	*roles = routes[i].roles;
}

/* Match path against pattern, capturing up to three ids. */
static int route_match(const char *pattern, const char *path, struct web *w, const char **name)
{
	int nid = 0;
	while (*pattern && *path) {
		if (*pattern == ':') {
			const char *seg = path;
			size_t len = strcspn(path, "/");
			long v;
			char tmp[24];
			if (strncmp(pattern, ":name", 5) == 0) {
				if (len == 0 || len > 64)
					return 0;
				*name = arena_strndup(w->a, seg, len);
			} else {
				if (len == 0 || len >= sizeof tmp || nid >= 3)
					return 0;
				memcpy(tmp, seg, len);
				tmp[len] = '\0';
				for (size_t i = 0; i < len; i++)
					if (!isdigit((unsigned char)tmp[i]))
						return 0;
				if (parse_long(tmp, 1, INT64_MAX, &v) != 0)
					return 0;
				w->id[nid++] = v;
			}
			path += len;
			pattern += strcspn(pattern, "/");
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

static const char *cookie_name(int tls)
{
	return tls ? "__Host-kw" : "kw";
}

static void load_me(struct web *w)
{
	struct session_user u;
	struct op_error e;
	const char *token = http_cookie(w->a, w->req->cookie, cookie_name(w->req->tls));
	memset(&w->me, 0, sizeof w->me);
	if (!token || core_session_lookup(w->s, token, &u) != 0)
		return;
	if (core_setting_get(w->s, u.setting_id, &w->setting, &e) != 0)
		return;
	w->me.signed_in = 1;
	store_set_scope(w->s, u.setting_id); /* its writes are for this setting only */
	w->me.user_id = u.user_id;
	w->me.setting_id = u.setting_id;
	w->me.staff_id = u.staff_id;
	w->me.contact_id = u.contact_id;
	w->me.roles = u.roles;
	w->me.must_change = u.must_change;
	snprintf(w->me.username, sizeof w->me.username, "%s", u.username);
	snprintf(w->me.display_name, sizeof w->me.display_name, "%s", u.display_name);
	snprintf(w->me.csrf, sizeof w->me.csrf, "%s", u.csrf);
	snprintf(w->me.token_hash, sizeof w->me.token_hash, "%s", u.token_hash);
	w->who.setting_id = u.setting_id;
	w->who.user_id = u.user_id;
	w->who.name = arena_strdup(w->a, u.username);
	w->who.ip = w->req->ip;
}

/* Constant-time comparison of two tokens. */
static int same_token(const char *a, const char *b)
{
	size_t la = a ? strlen(a) : 0, lb = b ? strlen(b) : 0;
	unsigned char diff = la != lb || la == 0;
	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

static int parse_body(struct web *w)
{
	struct http_request *r = w->req;
	const char *ct = r->content_type ? r->content_type : "";
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		return http_parse_urlencoded(w->a, r->body, r->body_len, &r->form);
	if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		return http_parse_multipart(w->a, ct, r->body, r->body_len, &r->form);
	return 0; /* JSON and empty bodies are read by their handlers */
}

/* Writes need the session's CSRF token: a form's csrf field, or for the JSON
 * API (whose bodies are JSON) the X-CSRF-Token header. Never the address,
 * where it would end up in history and logs (ASVS 8.3.1, 13.1.3). Sign-in
 * has no session yet and uses a double-submit cookie. */
static int csrf_ok(struct web *w, const struct route *rt)
{
	const char *sent = kv_get(&w->req->form, "csrf");
	if (rt->handler == page_signin) {
		const char *cookie = http_cookie(w->a, w->req->cookie, "kw_pre");
		return same_token(sent, cookie);
	}
	if (!sent && w->api)
		sent = w->req->csrf_token;
	return same_token(sent, w->me.csrf);
}

void http_handle(struct server *srv, struct http_request *req, struct http_response *resp)
{
	struct web w;
	const struct route *rt = NULL;
	const char *name = NULL;
	int path_known = 0;

	memset(&w, 0, sizeof w);
	w.srv = srv;
	w.req = req;
	w.resp = resp;
	w.a = &req->arena;
	w.api = strncmp(req->path, "/api/v1/", 8) == 0;
	if (http_parse_urlencoded(w.a, req->query, strlen(req->query), &req->qs) != 0) {
		web_error(&w, 400, "query", "the address is malformed");
		return;
	}
	for (size_t i = 0; i < ARRAY_LEN(routes); i++) {
		struct web probe = w;
		if (!route_match(routes[i].pattern, req->path, &probe, &name))
			continue;
		path_known = 1;
		if (strcmp(routes[i].method, req->method) == 0 ||
		    (strcmp(req->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0)) {
			rt = &routes[i];
			memcpy(w.id, probe.id, sizeof w.id);
			break;
		}
	}
	if (!rt) {
		web_error(&w, path_known ? 405 : 404, "",
		          path_known ? "this address does not take %s" : "there is no page at %s",
		          path_known ? req->method : req->path);
		return;
	}
	w.arg = name;
	if (rt->handler == page_static) {
		page_static(&w);
		return;
	}
	w.s = server_store_get(srv);
	if (!w.s) {
		web_error(&w, 503, "", "the database is not available; try again in a moment");
		return;
	}
	load_me(&w);
	if (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)
		store_read_begin(w.s); /* a page reads from one snapshot (store.h) */
	else {
		if (parse_body(&w) != 0) {
			web_error(&w, 400, "body", "the form could not be read");
			goto out;
		}
		if (!csrf_ok(&w, rt)) {
			web_error(&w, 403, "csrf",
			          "this form has expired or did not come from keyworker: reload "
			          "the page and try again");
			goto out;
		}
		/* The API reads JSON bodies only, and says so (ASVS 13.1.5). */
		if (w.api && req->body_len > 0 &&
		    (!req->content_type ||
		     strncasecmp(req->content_type, "application/json", 16) != 0 ||
		     (req->content_type[16] && req->content_type[16] != ';'))) {
			web_error(&w, 415, "body", "send the body as application/json");
			goto out;
		}
	}
	if (rt->roles != PUBLIC) {
		if (!w.me.signed_in) {
			if (w.api)
				web_error(&w, 401, "", "sign in first");
			else
				web_redirect(&w, "/signin");
			goto out;
		}
		if (!authz_route(&w.me, rt->roles)) {
			web_error(&w, 403, "", "you do not have access to this page");
			goto out;
		}
		if (w.me.must_change && rt->handler != page_password_form &&
		    rt->handler != page_password && rt->handler != page_signout) {
			web_redirect(&w, "/password");
			goto out;
		}
	}
	rt->handler(&w);
out:
	if (w.s && store_in_transaction(w.s))
		store_rollback(w.s); /* a handler that failed part-way leaves nothing behind */
	if (w.s)
		store_read_end(w.s);
	server_store_put(srv, w.s);
}

int web_error(struct web *w, int status, const char *field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	w->resp->status = status;
	buf_reset(&w->resp->body);
	if (w->api || (w->req->accept && strstr(w->req->accept, "application/json") &&
	               !strstr(w->req->accept, "text/html"))) {
		json_t *j = json_pack("{s:s}", "error", msg);
		if (field && *field)
			json_object_set_new(j, "field", json_string(field));
		return web_json(w, status, j);
	}
	w->resp->content_type = "text/html; charset=utf-8";
	html_printf(
	    &w->resp->body,
	    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<title>%d — keyworker</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
	    "</head><body><main id=\"main\"><h1>%s</h1><p role=\"alert\">%s%s%s</p>"
	    "<p><a href=\"/\">Back to the start</a></p></main></body></html>\n",
	    status,
	    status == 404   ? "Not found"
	    : status == 403 ? "Not allowed"
	    : status == 401 ? "Please sign in"
	    : status >= 500 ? "Something went wrong"
	                    : "That did not work",
	    field && *field ? field : "", field && *field ? ": " : "", msg);
	return 0;
}

int web_op_error(struct web *w, const struct op_error *e)
{
	return web_error(w, e->status == OP_INVALID ? 422 : (int)e->status, e->field, "%s", e->msg);
}

int web_redirect(struct web *w, const char *fmt, ...)
{
	char loc[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(loc, sizeof loc, fmt, ap);
	va_end(ap);
	w->resp->status = 303;
	w->resp->location = arena_strdup(w->a, loc);
	buf_reset(&w->resp->body);
	return 0;
}

int web_json(struct web *w, int status, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT);
	w->resp->status = status;
	w->resp->content_type = "application/json";
	if (w->api) /* ASVS 14.4.2: never rendered inline as a page */
		w->resp->disposition = "attachment; filename=\"api.json\"";
	buf_reset(&w->resp->body);
	if (text && buf_puts(&w->resp->body, text) == 0 && buf_puts(&w->resp->body, "\n") == 0) {
		/* written */
	}
	free(text);
	json_decref(j);
	return 0;
}

/* A GET reads the address; any other method only its body, so that no
 * form's field (a password above all) can be taken from the query string
 * (ASVS 8.3.1). */
const char *web_field(struct web *w, const char *name)
{
	const char *v;
	if (strcmp(w->req->method, "GET") == 0 || strcmp(w->req->method, "HEAD") == 0)
		v = kv_get(&w->req->qs, name);
	else
		v = kv_get(&w->req->form, name);
	return v ? v : "";
}

const char *web_body_field(struct web *w, const char *name)
{
	const char *v = kv_get(&w->req->form, name);
	return v ? v : "";
}

/* The connection pool: one SQLite connection per server thread. */
int server_init(struct server *srv, const char *db_path, int pool_size, char *err, size_t n)
{
	pthread_mutex_t *m = xmalloc(sizeof *m);
	pthread_cond_t *c = xmalloc(sizeof *c);
	memset(srv, 0, sizeof *srv);
	pthread_mutex_init(m, NULL);
	pthread_cond_init(c, NULL);
	srv->db_path = db_path;
	srv->pool_lock = m;
	srv->pool_cond = c;
	srv->pool = xcalloc((size_t)pool_size, sizeof(struct store *));
	for (int i = 0; i < pool_size; i++) {
		if (store_open(db_path, i == 0 ? STORE_OPEN_CREATE : STORE_OPEN_EXISTING,
		               &srv->pool[i], err, n) != 0) {
			srv->pool_free = i;
			server_free(srv);
			return -1;
		}
	}
	srv->pool_size = pool_size;
	srv->pool_free = pool_size;
	return 0;
}

void server_free(struct server *srv)
{
	for (int i = 0; i < srv->pool_free; i++)
		store_close(srv->pool[i]);
	free(srv->pool);
	if (srv->pool_lock) {
		pthread_mutex_destroy(srv->pool_lock);
		pthread_cond_destroy(srv->pool_cond);
	}
	free(srv->pool_lock);
	free(srv->pool_cond);
	memset(srv, 0, sizeof *srv);
}

struct store *server_store_get(struct server *srv)
{
	struct store *s;
	pthread_mutex_lock(srv->pool_lock);
	while (srv->pool_free == 0)
		pthread_cond_wait(srv->pool_cond, srv->pool_lock);
	s = srv->pool[--srv->pool_free];
	pthread_mutex_unlock(srv->pool_lock);
	return s;
}

void server_store_put(struct server *srv, struct store *s)
{
	if (!s)
		return;
	store_set_scope(s, 0);
	pthread_mutex_lock(srv->pool_lock);
	srv->pool[srv->pool_free++] = s;
	pthread_cond_signal(srv->pool_cond);
	pthread_mutex_unlock(srv->pool_lock);
}
