/*
 * sock_client.c — the loopback HTTP client and server starter of
 * sock_client.h.
 */
#define _GNU_SOURCE
#include "sock_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

void sock_reply_free(struct sock_reply *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof *r);
}

int sock_connect(int port)
{
	struct sockaddr_in sa;
	struct timeval tv = {.tv_sec = SOCK_IO_TIMEOUT_S};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int sock_send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

void sock_read_reply(int fd, struct sock_reply *r)
{
	size_t n = 0, cap = 65536;
	char *p = malloc(cap);
	char *sep;
	if (!p)
		abort();
	r->timed_out = 0;
	for (;;) {
		ssize_t k;
		if (n + 4096 > cap) {
			p = realloc(p, cap *= 2);
			if (!p)
				abort();
		}
		k = recv(fd, p + n, cap - n - 1, 0);
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			r->timed_out = 1;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	p[n] = '\0';
	sep = strstr(p, "\r\n\r\n");
	r->closed = sep == NULL;
	if (sep) {
		*sep = '\0';
		r->head = strdup(p);
		r->body = strdup(sep + 4);
		if (sscanf(r->head, "HTTP/1.%*d %d", &r->status) != 1)
			r->status = -1;
	} else {
		r->head = strdup("");
		r->body = strdup("");
		r->status = 0;
	}
	free(p);
}

int sock_request(int port, const char *method, const char *target, const char *extra,
                 const char *body, struct sock_reply *r)
{
	char head[4096];
	size_t n;
	int fd = sock_connect(port);
	memset(r, 0, sizeof *r);
	if (fd < 0)
		return -1;
	n = (size_t)snprintf(head, sizeof head,
	                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s",
	                     method, target, port, extra ? extra : "");
	if (body && n < sizeof head)
		n += (size_t)snprintf(head + n, sizeof head - n, "Content-Length: %zu\r\n",
		                      strlen(body));
	if (n < sizeof head)
		n += (size_t)snprintf(head + n, sizeof head - n, "\r\n");
	if (n >= sizeof head || sock_send_all(fd, head, n) != 0 ||
	    (body && sock_send_all(fd, body, strlen(body)) != 0)) {
		/* The server may still answer (a refusal before the body): read it. */
	}
	sock_read_reply(fd, r);
	close(fd);
	return 0;
}

char *sock_header(const struct sock_reply *r, const char *name, int nth)
{
	size_t len = strlen(name);
	for (const char *p = r->head; p && *p;) {
		const char *eol = strstr(p, "\r\n");
		size_t linelen = eol ? (size_t)(eol - p) : strlen(p);
		if (linelen > len && strncasecmp(p, name, len) == 0 && p[len] == ':' &&
		    nth-- == 0) {
			const char *v = p + len + 1;
			while (*v == ' ')
				v++;
			return strndup(v, linelen - (size_t)(v - p));
		}
		p = eol ? eol + 2 : NULL;
	}
	return NULL;
}

int sock_has_header(const struct sock_reply *r, const char *name, const char *part)
{
	char *v = sock_header(r, name, 0);
	int yes = v && (!part || strstr(v, part));
	free(v);
	return yes;
}

int sock_free_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), p;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		close(fd);
		return -1;
	}
	p = ntohs(sa.sin_port);
	close(fd);
	return p;
}

int sock_healthy(int port)
{
	struct sock_reply r;
	int ok;
	if (sock_request(port, "GET", "/healthz", NULL, NULL, &r) != 0)
		return 0;
	ok = r.status == 200;
	sock_reply_free(&r);
	return ok;
}

pid_t sock_serve(const char *bin, const char *db, const char *log, int port, int threads,
                 const char *flag, int timeout_s)
{
	char listen[64], nthreads[16];
	pid_t pid;
	snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
	snprintf(nthreads, sizeof nthreads, "%d", threads);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		int null = open("/dev/null", O_RDONLY);
		dup2(null, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		execl(bin, "kw", "--db", db, "serve", "--listen", listen, "--threads", nthreads,
		      flag, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < timeout_s * 100; i++) {
		int status;
		if (sock_healthy(port))
			return pid;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			FILE *f = fopen(log, "r");
			char line[512];
			fprintf(stderr, "kw serve stopped at start:\n");
			while (f && fgets(line, sizeof line, f))
				fputs(line, stderr);
			if (f)
				fclose(f);
			return -1;
		}
		usleep(10 * 1000);
	}
	fprintf(stderr, "kw serve did not answer /healthz in %d s\n", timeout_s);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

int sock_form_value(const char *html, const char *name, char *out, size_t n)
{
	char needle[64];
	const char *p, *end;
	snprintf(needle, sizeof needle, "name=\"%s\" value=\"", name);
	p = html ? strstr(html, needle) : NULL;
	if (!p)
		return -1;
	p += strlen(needle);
	end = strchr(p, '"');
	if (!end || (size_t)(end - p) >= n)
		return -1;
	memcpy(out, p, (size_t)(end - p));
	out[end - p] = '\0';
	return 0;
}

/* The "name=value" pair of the last Set-Cookie of r whose name starts with
 * prefix ("" for any). */
static int cookie_pair(const struct sock_reply *r, const char *prefix, char *out, size_t n)
{
	int found = -1;
	for (int i = 0; i < 8; i++) {
		char *c = sock_header(r, "Set-Cookie", i);
		if (!c)
			break;
		if (strncmp(c, prefix, strlen(prefix)) == 0) {
			snprintf(out, n, "%.*s", (int)strcspn(c, ";"), c);
			found = 0;
		}
		free(c);
	}
	return found;
}

int sock_signin(int port, const char *user, const char *password, char *cookie, size_t cookie_n)
{
	struct sock_reply r;
	char body[512], extra[640], pre[256] = "", csrf[128];
	if (sock_request(port, "GET", "/signin", NULL, NULL, &r) != 0)
		return -1;
	if (cookie_pair(&r, "", pre, sizeof pre) != 0 ||
	    sock_form_value(r.body, "csrf", csrf, sizeof csrf) != 0) {
		sock_reply_free(&r);
		return -1;
	}
	sock_reply_free(&r);
	snprintf(body, sizeof body, "csrf=%s&username=%s&password=%s", csrf, user, password);
	snprintf(extra, sizeof extra,
	         "Cookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n", pre);
	if (sock_request(port, "POST", "/signin", extra, body, &r) != 0) {
		return -1;
	}
	if (r.status != 303 || cookie_pair(&r, "kw=", cookie, cookie_n) != 0) {
		int status = r.status;
		sock_reply_free(&r);
		return status > 0 ? status : -1;
	}
	sock_reply_free(&r);
	return 0;
}
