/*
 * core_outbox.h — notifications to families (issue 7): a new message from
 * the nursery, the day's diary published, a change of key person. Each is
 * a row of the outbox table per contact with parental responsibility and
 * no restriction, written in the transaction of what it tells: channel
 * 'email' for a contact with an email address, else 'portal' (the family
 * sees it when they sign in). `kw outbox send` sends the unsent email rows
 * by SMTP through libcurl; the manager's /outbox page lists them, and says
 * when nothing has ever been sent (SMTP not set up).
 */
#ifndef KW_CORE_OUTBOX_H
#define KW_CORE_OUTBOX_H

#include "arena.h"
#include "core.h"

/* What a notification is about; its subject and body are fixed words (no
 * child's name, only the initials: an email crosses servers we do not keep). */
enum outbox_kind { OUTBOX_MESSAGE, OUTBOX_DIARY, OUTBOX_KEY_PERSON };

/* Queue the notification of kind about child_id to the child's family,
 * with detail (or "") as a last sentence of the body. In a transaction; no
 * audit row (the write it tells about has its own). */
int core_outbox_family(struct store *s, int64_t setting_id, int64_t child_id, enum outbox_kind kind,
                       const char *detail, struct op_error *e) WARN_UNUSED;

struct outbox_row {
	int64_t id, created_at, sent_at; /* sent_at 0: not sent */
	int attempts;
	const char *channel, *contact, *email, *child, *subject, *last_error;
};

/* The newest `limit` rows of the setting's outbox, newest first; *ever_sent
 * is 1 when any email of the setting has been sent by SMTP. */
int core_outbox_list(struct store *s, int64_t setting_id, size_t limit, struct arena *a,
                     struct outbox_row **rows, size_t *n, int *ever_sent,
                     struct op_error *e) WARN_UNUSED;

/* Send up to `limit` unsent email rows by SMTP (libcurl): smtp_url such as
 * smtp://mail.example.org:587 (smtps:// for TLS), from the sender address.
 * Each row is marked sent, or its attempt and error recorded (given up
 * after OUTBOX_MAX_ATTEMPTS). *sent and *failed count them. */
#define OUTBOX_MAX_ATTEMPTS 5
int core_outbox_send(struct store *s, const struct actor *who, const char *smtp_url,
                     const char *from, size_t limit, int *sent, int *failed,
                     struct op_error *e) WARN_UNUSED;

#endif
