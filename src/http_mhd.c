/*
 * http_mhd.c — the HTTP server on libmicrohttpd, and the only file that
 * includes microhttpd.h. MHD runs its own thread pool; for each request we
 * keep a struct mhd_req (made in the URI-log callback, freed in the
 * completion callback, so the request's arena is freed in exactly one
 * place), collect the body up to HTTP_BODY_MAX (a body announced larger is
 * answered 413 at once; a chunked body that grows past it has its
 * connection closed), then hand a plain struct http_request to
 * http_handle() and send back what it filled in, with the security headers
 * added here, in one place.
 */
#include "http_mhd.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "buf.h"
#include "http_proxy.h"

struct mhd_req {
	struct http_request req;
	struct buf body;
	char *raw_uri;
	int started;
	int too_large;
};

struct http_server {
	struct MHD_Daemon *daemon;
	struct server *srv;
	int tls;    /* we serve TLS ourselves */
	int secure; /* the browser speaks HTTPS: ours, or a reverse proxy's */
	int proxy;  /* behind a reverse proxy: the client's address from X-Forwarded-For */
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
	struct mhd_req *r = xcalloc(1, sizeof *r);
	const union MHD_ConnectionInfo *ci;
	UNUSED(cls);
	http_request_init(&r->req);
	buf_init(&r->body, HTTP_BODY_MAX);
	r->raw_uri = xstrdup(uri ? uri : "/");
	ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		char ip[INET6_ADDRSTRLEN] = "";
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
			          &((const struct sockaddr_in *)(const void *)sa)->sin_addr, ip,
			          sizeof ip);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
			          &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, ip,
			          sizeof ip);
		r->req.ip = arena_strdup(&r->req.arena, ip);
	}
	return r;
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct mhd_req *r = *con_cls;
	UNUSED(cls);
	UNUSED(con);
	UNUSED(toe);
	if (!r)
		return;
	http_request_free(&r->req);
	buf_free(&r->body);
	free(r->raw_uri);
	free(r);
	*con_cls = NULL;
}

static enum MHD_Result send_response(struct MHD_Connection *con, struct http_response *resp,
                                     int tls)
{
	const void *data = resp->bytes ? resp->bytes : resp->body.p;
	size_t len = resp->bytes ? resp->bytes_len : resp->body.len;
	struct MHD_Response *m = MHD_create_response_from_buffer(
	    len, (void *)(uintptr_t)(data ? data : ""), MHD_RESPMEM_MUST_COPY);
	const char *const *h;
	enum MHD_Result ret;
	if (!m)
		return MHD_NO;
	for (h = http_security_headers(tls); *h; h += 2)
		MHD_add_response_header(m, h[0], h[1]);
	MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
	MHD_add_response_header(m, MHD_HTTP_HEADER_CACHE_CONTROL,
	                        resp->cache_control ? resp->cache_control : "no-store");
	if (resp->location)
		MHD_add_response_header(m, MHD_HTTP_HEADER_LOCATION, resp->location);
	if (resp->disposition)
		MHD_add_response_header(m, "Content-Disposition", resp->disposition);
	for (size_t i = 0; i < ARRAY_LEN(resp->set_cookie); i++)
		if (resp->set_cookie[i])
			MHD_add_response_header(m, MHD_HTTP_HEADER_SET_COOKIE, resp->set_cookie[i]);
	ret = MHD_queue_response(con, (unsigned)resp->status, m);
	MHD_destroy_response(m);
	return ret;
}

static const char *header(struct MHD_Connection *con, const char *name)
{
	return MHD_lookup_connection_value(con, MHD_HEADER_KIND, name);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct http_server *hs = cls;
	struct mhd_req *r = *con_cls;
	struct http_response resp;
	enum MHD_Result ret;
	UNUSED(version);
	if (!r)
		return MHD_NO;
	if (!r->started) {
		const char *cl = header(con, MHD_HTTP_HEADER_CONTENT_LENGTH);
		long n;
		r->started = 1;
		if (cl && (parse_long(cl, 0, (long)HTTP_BODY_MAX, &n) != 0)) {
			http_response_init(&resp);
			resp.status = 413;
			resp.content_type = "text/plain; charset=utf-8";
			if (buf_puts(&resp.body, "The request is too large.\n")) {
				/* fixed text always fits */
			}
			ret = send_response(con, &resp, hs->secure);
			http_response_free(&resp);
			r->too_large = 1;
			return ret;
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (r->too_large)
			return MHD_NO;
		if (buf_add(&r->body, upload_data, *upload_data_size) != 0)
			return MHD_NO; /* a chunked body past the limit: close the connection */
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->too_large)
		return MHD_YES;

	struct http_request *req = &r->req;
	const char *q = strchr(r->raw_uri, '?');
	struct arena *a = &req->arena;
	req->method = arena_strdup(a, method);
	req->path = arena_strdup(a, url);
	req->query = q ? arena_strdup(a, q + 1) : "";
	req->cookie = header(con, MHD_HTTP_HEADER_COOKIE);
	req->content_type = header(con, MHD_HTTP_HEADER_CONTENT_TYPE);
	req->origin = header(con, "Origin");
	req->referer = header(con, MHD_HTTP_HEADER_REFERER);
	req->host = header(con, MHD_HTTP_HEADER_HOST);
	req->accept = header(con, MHD_HTTP_HEADER_ACCEPT);
	req->csrf_token = header(con, "X-CSRF-Token");
	req->body = r->body.p ? r->body.p : "";
	req->body_len = r->body.len;
	req->tls = hs->secure;
	if (hs->proxy) /* the client's address for the failed-attempt limits */
		req->ip = http_proxy_client_ip(a, req->ip, header(con, "X-Forwarded-For"));
	http_response_init(&resp);
	http_handle(hs->srv, req, &resp);
	ret = send_response(con, &resp, hs->secure);
	http_response_free(&resp);
	return ret;
}

static void on_panic(void *cls, const char *file, unsigned line, const char *reason)
{
	UNUSED(cls);
	fprintf(stderr, "kw serve: libmicrohttpd failed at %s:%u: %s\n", file, line,
	        reason ? reason : "");
	abort();
}

struct http_server *http_server_start(struct server *srv, const struct http_listen *l, char *err,
                                      size_t errlen)
{
	struct http_server *hs = xcalloc(1, sizeof *hs);
	struct sockaddr_in sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)l->port);
	if (inet_pton(AF_INET, l->address, &sa.sin_addr) != 1) {
		snprintf(err, errlen, "--listen: %s is not an IPv4 address", l->address);
		free(hs);
		return NULL;
	}
	hs->srv = srv;
	hs->tls = l->cert_pem != NULL;
	hs->secure = hs->tls || l->behind_https;
	hs->proxy = l->behind_https;
	if (hs->tls) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			snprintf(err, errlen, "this libmicrohttpd has no TLS support");
			free(hs);
			return NULL;
		}
		flags |= MHD_USE_TLS;
	}
	MHD_set_panic_func(on_panic, NULL);
	{
		struct MHD_OptionItem tls_opts[] = {
		    {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)(uintptr_t)l->key_pem},
		    {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)(uintptr_t)l->cert_pem},
		    {MHD_OPTION_END, 0, NULL},
		};
		hs->daemon = MHD_start_daemon(
		    flags, 0, NULL, NULL, on_request, hs, MHD_OPTION_SOCK_ADDR, &sa,
		    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)l->threads, MHD_OPTION_CONNECTION_LIMIT,
		    (unsigned)l->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		    (unsigned)l->max_per_ip, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)l->timeout_s,
		    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
		    MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED,
		    on_completed, NULL, MHD_OPTION_ARRAY, hs->tls ? tls_opts : &tls_opts[2],
		    MHD_OPTION_END);
	}
	if (!hs->daemon) {
		snprintf(err, errlen, "cannot listen on %s:%d (in use, or not allowed)", l->address,
		         l->port);
		free(hs);
		return NULL;
	}
	return hs;
}

void http_server_stop(struct http_server *hs)
{
	if (!hs)
		return;
	MHD_stop_daemon(hs->daemon);
	free(hs);
}
