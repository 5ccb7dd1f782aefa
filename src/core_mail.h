/*
 * core_mail.h — the concern email (issue 8: "a concern notifies the DSL at
 * once, in the app, and by email when configured"). keyworker has no mail
 * machinery of its own: `kw serve --mail-command CMD` names a command, run
 * with /bin/sh -c, that takes a whole message (To:, Subject:, a blank line,
 * the text) on its standard input — `/usr/sbin/sendmail -t` is the usual
 * one. Without it nothing is sent; the DSL's in-app notice is there either
 * way.
 *
 * The message says only that a concern was recorded for a child, by the
 * child's initials, and links to the safeguarding page (--mail-link, else
 * "the keyworker app"): no names, no details, nothing of what was seen.
 * It goes to the email address on the staff record of every DSL of the
 * setting (staff.dsl, or an account holding the dsl role linked to them).
 *
 * It is sent after the concern is committed and never holds the request
 * up or undoes the concern: the command runs detached (the shell that
 * starts it exits at once and is reaped at once; the command reads the
 * message from a pipe filled before that); any failure is one line on
 * stderr.
 */
#ifndef KW_CORE_MAIL_H
#define KW_CORE_MAIL_H

#include "core.h"

/* Set (or with NULL clear) the command and the link, before serving. */
void core_mail_configure(const char *command, const char *link);
int core_mail_configured(void);

/* The message for a concern about child_id (newly allocated), or NULL when
 * no DSL has an email address or the child is unknown. */
char *core_mail_concern_message(struct store *s, int64_t setting_id, int64_t child_id);
/* Send it through the configured command: 0 when started (or nothing to
 * do), -1 when it could not be started. */
int core_mail_concern(struct store *s, int64_t setting_id, int64_t child_id);

#endif
