/*
 * http_mhd.h — start and stop the HTTP server (libmicrohttpd underneath).
 */
#ifndef KW_HTTP_MHD_H
#define KW_HTTP_MHD_H

#include "web.h"

struct http_listen {
	const char *address; /* IPv4, e.g. 127.0.0.1 or 0.0.0.0 */
	int port;
	int threads;
	int max_connections;
	int max_per_ip;
	int timeout_s;
	const char *cert_pem, *key_pem; /* both set: HTTPS */
	int behind_https;               /* a reverse proxy serves HTTPS: secure cookies, HSTS */
};

struct http_server;
struct http_server *http_server_start(struct server *srv, const struct http_listen *l, char *err,
                                      size_t errlen);
void http_server_stop(struct http_server *hs);

#endif
