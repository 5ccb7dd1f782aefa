/*
 * http_parse.c — our own bounded parsers for what a browser sends:
 * application/x-www-form-urlencoded (and query strings), multipart/form-data
 * (for photo and CSV uploads) and the Cookie header. Every parser works on
 * (pointer, length), copies what it keeps into the request's arena, limits
 * the number of fields, and refuses malformed input instead of guessing.
 */
#include "http.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#define KV_MAX 512

void kv_add(struct arena *a, struct kv_list *l, const char *key, const char *val, size_t len)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct kv *v = arena_alloc(a, cap * sizeof *v);
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof l->v[0]);
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->v[l->n].len = len;
	l->n++;
}

const struct kv *kv_find(const struct kv_list *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

const char *kv_get(const struct kv_list *l, const char *key)
{
	const struct kv *k = kv_find(l, key);
	return k ? k->val : NULL;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decode %XX and '+' into a NUL-terminated arena copy; -1 on a bad escape or NUL byte. */
static int url_decode(struct arena *a, const char *s, size_t len, char **out, size_t *outlen)
{
	char *d = arena_alloc(a, len + 1);
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int h, l;
			if (i + 2 >= len)
				return -1;
			h = hexval((unsigned char)s[i + 1]);
			l = hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			c = (char)(h * 16 + l);
			i += 2;
		}
		if (c == '\0')
			return -1;
		d[j++] = c;
	}
	d[j] = '\0';
	*out = d;
	*outlen = j;
	return 0;
}

int http_parse_urlencoded(struct arena *a, const char *s, size_t len, struct kv_list *out)
{
	size_t i = 0;
	while (i < len) {
		size_t end = i, eq;
		char *k, *v;
		size_t klen, vlen;
		while (end < len && s[end] != '&')
			end++;
		if (end > i) {
			eq = i;
			while (eq < end && s[eq] != '=')
				eq++;
			if (url_decode(a, s + i, eq - i, &k, &klen) != 0)
				return -1;
			if (eq < end) {
				if (url_decode(a, s + eq + 1, end - eq - 1, &v, &vlen) != 0)
					return -1;
			} else {
				v = arena_strdup(a, "");
				vlen = 0;
			}
			if (out->n >= KV_MAX)
				return -1;
			if (klen)
				kv_add(a, out, k, v, vlen);
		}
		i = end + 1;
	}
	return 0;
}

static const char *memfind(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen == 0 || hlen < nlen)
		return NULL;
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
			return hay + i;
	return NULL;
}

/* The value of parameter name (e.g. boundary, name, filename) in a header
 * value such as 'form-data; name="photo"; filename="a.jpg"'. */
static const char *header_param(struct arena *a, const char *h, size_t hlen, const char *name)
{
	size_t nlen = strlen(name);
	size_t i = 0;
	while (i < hlen) {
		while (i < hlen && (h[i] == ';' || h[i] == ' ' || h[i] == '\t'))
			i++;
		if (i + nlen < hlen && strncasecmp(h + i, name, nlen) == 0 && h[i + nlen] == '=') {
			size_t j = i + nlen + 1, start;
			if (j < hlen && h[j] == '"') {
				start = ++j;
				while (j < hlen && h[j] != '"')
					j++;
				if (j >= hlen)
					return NULL;
				return arena_strndup(a, h + start, j - start);
			}
			start = j;
			while (j < hlen && h[j] != ';' && h[j] != ' ')
				j++;
			return arena_strndup(a, h + start, j - start);
		}
		while (i < hlen && h[i] != ';')
			i++;
	}
	return NULL;
}

int http_parse_multipart(struct arena *a, const char *content_type, const char *body, size_t len,
                         struct kv_list *out)
{
	const char *boundary, *p, *end = body + len;
	char *delim;
	size_t dlen;
	if (!content_type)
		return -1;
	boundary = header_param(a, content_type, strlen(content_type), "boundary");
	if (!boundary || !*boundary || strlen(boundary) > 200)
		return -1;
	delim = arena_printf(a, "--%s", boundary);
	dlen = strlen(delim);
	p = memfind(body, len, delim, dlen);
	if (!p)
		return -1;
	p += dlen;
	for (;;) {
		const char *headers, *hend, *data, *next;
		const char *name = NULL, *filename = NULL, *ctype = NULL;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		headers = p + 2;
		hend = memfind(headers, (size_t)(end - headers), "\r\n\r\n", 4);
		if (!hend)
			return -1;
		/* each header line of the part */
		for (const char *line = headers; line < hend;) {
			const char *eol = memfind(line, (size_t)(hend - line) + 2, "\r\n", 2);
			size_t llen = (size_t)(eol - line);
			const char *colon = memchr(line, ':', llen);
			if (colon) {
				size_t nlen = (size_t)(colon - line);
				const char *v = colon + 1;
				size_t vlen = llen - nlen - 1;
				while (vlen && (*v == ' ' || *v == '\t')) {
					v++;
					vlen--;
				}
				if (nlen == 19 &&
				    strncasecmp(line, "Content-Disposition", 19) == 0) {
					name = header_param(a, v, vlen, "name");
					filename = header_param(a, v, vlen, "filename");
				} else if (nlen == 12 &&
				           strncasecmp(line, "Content-Type", 12) == 0) {
					ctype = arena_strndup(a, v, vlen);
				}
			}
			line = eol + 2;
		}
		data = hend + 4;
		{
			char *crlf_delim = arena_printf(a, "\r\n%s", delim);
			next = memfind(data, (size_t)(end - data), crlf_delim, dlen + 2);
		}
		if (!next || !name)
			return -1;
		if (out->n >= KV_MAX)
			return -1;
		{
			size_t vlen = (size_t)(next - data);
			char *v = arena_alloc(a, vlen + 1);
			memcpy(v, data, vlen);
			v[vlen] = '\0';
			kv_add(a, out, name, v, vlen);
			out->v[out->n - 1].filename = filename;
			out->v[out->n - 1].content_type = ctype;
		}
		p = next + 2 + dlen;
	}
}

const char *http_cookie(struct arena *a, const char *header, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = header;
	if (!header)
		return NULL;
	while (*p) {
		const char *semi;
		while (*p == ' ' || *p == ';')
			p++;
		semi = strchr(p, ';');
		if (!semi)
			semi = p + strlen(p);
		if ((size_t)(semi - p) > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=')
			return arena_strndup(a, p + nlen + 1, (size_t)(semi - p) - nlen - 1);
		p = semi;
	}
	return NULL;
}

void http_request_init(struct http_request *r)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->arena);
	r->method = "GET";
	r->path = "/";
	r->query = "";
	r->ip = "";
}

void http_request_free(struct http_request *r)
{
	arena_free(&r->arena);
}

void http_response_init(struct http_response *r)
{
	memset(r, 0, sizeof *r);
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	buf_init(&r->body, HTTP_RESPONSE_MAX);
}

void http_response_free(struct http_response *r)
{
	buf_free(&r->body);
}
