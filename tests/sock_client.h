/*
 * sock_client.h — a small HTTP/1.1 client over loopback sockets, and
 * starting `kw serve` on a free port, for the tests that talk to the real
 * server (tests/test_http_server.c, the reliability harnesses). One request
 * per connection (Connection: close), with send and receive timeouts.
 */
#ifndef KW_SOCK_CLIENT_H
#define KW_SOCK_CLIENT_H

#include <stddef.h>
#include <sys/types.h>

#define SOCK_IO_TIMEOUT_S 10

struct sock_reply {
	int status;
	char *head; /* status line and headers */
	char *body;
	int closed;    /* the server closed the connection before a whole reply */
	int timed_out; /* nothing more came within SOCK_IO_TIMEOUT_S */
};

void sock_reply_free(struct sock_reply *r);
/* A connected socket to 127.0.0.1:port, or -1. */
int sock_connect(int port);
int sock_send_all(int fd, const char *p, size_t n);
/* Read until the server closes (requests say Connection: close) or times out. */
void sock_read_reply(int fd, struct sock_reply *r);
/* One request on its own connection; extra: more header lines, each ending
 * "\r\n"; body may be NULL. 0, or -1 when no connection could be made. */
int sock_request(int port, const char *method, const char *target, const char *extra,
                 const char *body, struct sock_reply *r);
/* The value of header name (the n-th of that name), or NULL; newly allocated. */
char *sock_header(const struct sock_reply *r, const char *name, int nth);
int sock_has_header(const struct sock_reply *r, const char *name, const char *part);
/* The value of the first name="NAME" value="…" in html: 0, or -1. */
int sock_form_value(const char *html, const char *name, char *out, size_t n);
/* Sign in on the server at port through the sign-in form; the session's
 * "kw=…" cookie pair into cookie. 0, or the status (-1: no answer). */
int sock_signin(int port, const char *user, const char *password, char *cookie, size_t cookie_n);
/* A loopback port nobody listens on right now, or -1. */
int sock_free_port(void);
/* Does GET /healthz answer 200? */
int sock_healthy(int port);
/* Start `bin --db db serve --listen 127.0.0.1:port --threads threads [flag]`
 * with its output to log; wait up to timeout_s for /healthz. The pid, or -1
 * (the server's log is printed to stderr when it stopped at start). */
pid_t sock_serve(const char *bin, const char *db, const char *log, int port, int threads,
                 const char *flag, int timeout_s);

#endif
