/*
 * core_mail.c — the concern email of core_mail.h: the message (recipients
 * from the staff records of the setting's DSLs, the child's initials, a
 * link) and its delivery through the configured command, detached with
 * posix_spawn so no request waits on a mail server. The message is written
 * into a pipe before the shell starts (it is far smaller than a pipe's
 * buffer, and nobody can have closed the reading end yet, so the write
 * neither blocks nor raises SIGPIPE); the shell hands the pipe to the
 * command, which it starts in the background, and exits; the server reaps
 * the shell at once and the command is init's.
 */
#include "core_mail.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "core_setting.h"

extern char **environ;

#define MAIL_MAX 3500 /* well inside a pipe's buffer */

static char mail_command[1024];
static char mail_link[512];

void core_mail_configure(const char *command, const char *link)
{
	if (str_copy(mail_command, sizeof mail_command, command ? command : "") != 0)
		mail_command[0] = '\0';
	if (str_copy(mail_link, sizeof mail_link, link ? link : "") != 0)
		mail_link[0] = '\0';
}

int core_mail_configured(void)
{
	return mail_command[0] != '\0';
}

/* An address fit for a To: header: printable, no spaces, commas or angle brackets. */
static int plain_address(const char *a)
{
	if (!*a || !strchr(a, '@') || strlen(a) > 254)
		return 0;
	for (; *a; a++)
		if (*a <= ' ' || *a > '~' || *a == ',' || *a == '<' || *a == '>' || *a == '"')
			return 0;
	return 1;
}

/* The first letter (a whole UTF-8 sequence) of name, as text. */
static void initial(const char *name, char out[8])
{
	size_t n = 1;
	const unsigned char *p = (const unsigned char *)name;
	if (!*p) {
		out[0] = '\0';
		return;
	}
	if (*p >= 0xf0)
		n = 4;
	else if (*p >= 0xe0)
		n = 3;
	else if (*p >= 0xc0)
		n = 2;
	for (size_t i = 0; i < n; i++)
		if (!p[i])
			n = i;
	memcpy(out, name, n);
	out[n] = '\0';
	if (n == 1 && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

char *core_mail_concern_message(struct store *s, int64_t setting_id, int64_t child_id)
{
	struct store_stmt *st;
	struct setting set;
	struct op_error e;
	struct buf to, b;
	char first[8] = "", last[8] = "";
	char *msg = NULL;
	int found = 0;

	if (core_setting_get(s, setting_id, &set, &e) != 0)
		return NULL;
	st = store_stmt(s, STMT_MAIL_CHILD_NAME);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW) {
		const char *preferred = store_col_text(st, 2);
		initial(*preferred ? preferred : store_col_text(st, 0), first);
		initial(store_col_text(st, 1), last);
		found = 1;
	}
	store_finish(st);
	if (!found)
		return NULL;

	buf_init(&to, 2048);
	st = store_stmt(s, STMT_MAIL_DSL_ADDRESSES);
	store_bind_int(st, 1, setting_id);
	while (store_step(st) == STORE_ROW) {
		const char *addr = store_col_text(st, 0);
		if (plain_address(addr) && buf_printf(&to, "%s%s", to.len ? ", " : "", addr) != 0)
			break;
	}
	store_finish(st);
	if (!to.len) {
		buf_free(&to);
		return NULL;
	}
	buf_init(&b, MAIL_MAX);
	if (buf_printf(&b,
	               "To: %s\nSubject: A safeguarding concern was recorded\n"
	               "Content-Type: text/plain; charset=utf-8\n\n"
	               "A safeguarding concern was recorded for a child (%s.%s.) at %s.\n\n"
	               "Open keyworker to read it: %s%s\n\n"
	               "This email holds no details on purpose: please do not reply with any.\n",
	               buf_str(&to), first, last, set.name,
	               *mail_link ? mail_link : "the keyworker app",
	               *mail_link ? "/safeguarding" : "") == 0)
		msg = buf_take(&b);
	buf_free(&b);
	buf_free(&to);
	return msg;
}

int core_mail_concern(struct store *s, int64_t setting_id, int64_t child_id)
{
	/* the shell starts the command in the background on the pipe (fd 3)
	 * and exits; $1 is the command */
	static const char script[] = "exec 3<&0 </dev/null; { eval \"$1\"; } <&3 3<&- >/dev/null & "
	                             "exit 0";
	posix_spawn_file_actions_t fa;
	char *argv[] = {"/bin/sh", "-c", (char *)script, "kw-mail", mail_command, NULL};
	char *msg;
	int p[2], rc, status, ret = -1;
	size_t len;
	pid_t pid;

	if (!core_mail_configured())
		return 0;
	if (!(msg = core_mail_concern_message(s, setting_id, child_id)))
		return 0;
	len = strlen(msg);
	if (pipe(p) != 0) {
		fprintf(stderr, "kw: concern email not sent: pipe: %s\n", strerror(errno));
		free(msg);
		return -1;
	}
	(void)fcntl(p[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(p[1], F_SETFD, FD_CLOEXEC);
	(void)fcntl(p[1], F_SETFL, O_NONBLOCK);
	if (write(p[1], msg, len) != (ssize_t)len) {
		fprintf(stderr, "kw: concern email not sent: writing the message failed\n");
		goto out;
	}
	close(p[1]);
	p[1] = -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0], 0);
	rc = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "kw: concern email not sent: %s\n", strerror(rc));
		goto out;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	ret = 0;
out:
	if (p[1] >= 0)
		close(p[1]);
	close(p[0]);
	free(msg);
	return ret;
}
