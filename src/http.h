/*
 * http.h — a request and its response as the rest of keyworker sees them,
 * independent of libmicrohttpd (http_mhd.c is the only file that knows
 * it). Tests build a struct http_request by hand and call http_handle()
 * without sockets; the server does the same for every request it reads.
 * Each request owns one arena: everything allocated while handling it is
 * freed in one call when the response has been sent.
 */
#ifndef KW_HTTP_H
#define KW_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

#define HTTP_BODY_MAX (12u << 20) /* largest request body (photo uploads) */
#define HTTP_RESPONSE_MAX (32u << 20)

struct kv {
	const char *key;
	const char *val;
	size_t len;               /* of val (a file part may hold NUL bytes) */
	const char *filename;     /* multipart file parts only */
	const char *content_type; /* multipart parts only */
};

struct kv_list {
	struct kv *v;
	size_t n, cap;
};

struct http_request {
	const char *method;
	const char *path;  /* decoded, without the query string */
	const char *query; /* raw, without '?' */
	const char *cookie;
	const char *content_type;
	const char *origin;
	const char *referer;
	const char *host;
	const char *accept;
	const char *csrf_token; /* the X-CSRF-Token header (the JSON API's writes) */
	const char *body;
	size_t body_len;
	const char *ip;
	int tls;
	struct arena arena;
	struct kv_list qs;   /* parsed query string */
	struct kv_list form; /* parsed body: urlencoded or multipart (JSON bodies: see api) */
};

struct http_response {
	int status;
	const char *content_type;
	struct buf body;
	const void *bytes; /* when set, sent instead of body (static assets, photos) */
	size_t bytes_len;
	const char *location;
	const char *set_cookie[2];
	const char *cache_control;
	const char *disposition;
};

void http_request_init(struct http_request *r);
void http_request_free(struct http_request *r);
void http_response_init(struct http_response *r);
void http_response_free(struct http_response *r);

struct server;
/* Route, authorize and answer one request. Never fails: every problem is an
 * HTTP status with a page or JSON body naming what is wrong. */
void http_handle(struct server *srv, struct http_request *req, struct http_response *resp);
/* The security headers every response carries (name, value pairs; NULL-ended). */
const char *const *http_security_headers(int tls);

/* The route table, for tests that walk every route: roles is ~0u for a
 * public route, 0 for any signed-in person, else a mask of (1 << enum role). */
size_t http_route_count(void);
void http_route_get(size_t i, const char **method, const char **pattern, unsigned *roles);

/* Parsers (bounded; 0 on success, -1 on malformed input). */
int http_parse_urlencoded(struct arena *a, const char *s, size_t len,
                          struct kv_list *out) WARN_UNUSED;
int http_parse_multipart(struct arena *a, const char *content_type, const char *body, size_t len,
                         struct kv_list *out) WARN_UNUSED;
/* Value of cookie name, or NULL. */
const char *http_cookie(struct arena *a, const char *header, const char *name);
const char *kv_get(const struct kv_list *l, const char *key);
const struct kv *kv_find(const struct kv_list *l, const char *key);
void kv_add(struct arena *a, struct kv_list *l, const char *key, const char *val, size_t len);

#endif
