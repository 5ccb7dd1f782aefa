/*
 * http_proxy.h — the client's address behind a reverse proxy. With
 * --behind-https-proxy every request reaches kw from the proxy, so the
 * failed-attempt limits (core_session_limit) would see one address. The
 * proxy's X-Forwarded-For is believed only when the peer is this machine
 * (loopback), and only its last entry: the address the proxy itself saw.
 */
#ifndef KW_HTTP_PROXY_H
#define KW_HTTP_PROXY_H

#include "arena.h"

/* The client's address: the last X-Forwarded-For entry when peer is a
 * loopback address and that entry is an IPv4 or IPv6 address; else peer. */
const char *http_proxy_client_ip(struct arena *a, const char *peer, const char *forwarded_for);

#endif
