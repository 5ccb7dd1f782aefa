/*
 * http_proxy.c — the client's address behind a trusted local reverse proxy
 * (see http_proxy.h).
 */
#include "http_proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static int loopback(const char *ip)
{
	return ip && (strncmp(ip, "127.", 4) == 0 || strcmp(ip, "::1") == 0 ||
	              strncmp(ip, "::ffff:127.", 11) == 0);
}

const char *http_proxy_client_ip(struct arena *a, const char *peer, const char *forwarded_for)
{
	const char *last, *end;
	char ip[64];
	unsigned char bin[16];
	size_t n;
	if (!loopback(peer) || !forwarded_for || !*forwarded_for)
		return peer;
	last = strrchr(forwarded_for, ',');
	last = last ? last + 1 : forwarded_for;
	while (*last == ' ' || *last == '\t')
		last++;
	end = last + strlen(last);
	while (end > last && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	n = (size_t)(end - last);
	if (n == 0 || n >= sizeof ip)
		return peer;
	memcpy(ip, last, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET, ip, bin) != 1 && inet_pton(AF_INET6, ip, bin) != 1)
		return peer;
	return arena_strdup(a, ip);
}
