/*
 * core_outbox.c — the notifications of core_outbox.h. Queueing writes one
 * outbox row per contact of the family, in the caller's transaction.
 * Sending reads a batch of unsent email rows, hands each to libcurl's SMTP
 * (no transaction is open while a mail server answers), then records the
 * outcome of that row in a transaction of its own with its audit row.
 */
#include "core_outbox.h"

#include <assert.h>
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "buf.h"
#include "date.h"

/* The words of each kind, in English (the email names no child). */
static const struct {
	const char *subject, *body;
} words[] = {
    [OUTBOX_MESSAGE] = {"A new message from the nursery",
                        "There is a new message for you from your child's key person. "
                        "Sign in to the nursery's pages to read it and reply."},
    [OUTBOX_DIARY] = {"Today's diary is ready",
                      "Your child's diary for the day is published: meals, sleep, nappies "
                      "and what they did. Sign in to the nursery's pages to read it."},
    [OUTBOX_KEY_PERSON] = {"A change of key person",
                           "Your child has a new key person or buddy. They will introduce "
                           "themselves, and you can ask us anything about it."},
};

int core_outbox_family(struct store *s, int64_t setting_id, int64_t child_id, enum outbox_kind kind,
                       const char *detail, struct op_error *e)
{
	struct store_stmt *st;
	char body[512];
	int64_t contacts[8];
	int email[8];
	size_t n = 0;
	int rc;
	assert(store_in_transaction(s));
	assert((size_t)kind < ARRAY_LEN(words));
	st = store_stmt(s, STMT_OUTBOX_FAMILY_CONTACTS);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(contacts)) {
		contacts[n] = store_col_int(st, 0);
		email[n++] = *store_col_text(st, 1) != '\0';
	}
	store_finish(st);
	snprintf(body, sizeof body, "%s%s%s", words[kind].body, *detail ? " " : "", detail);
	for (size_t i = 0; i < n; i++) {
		st = store_stmt(s, STMT_OUTBOX_NOTIFY);
		store_bind_int(st, 1, setting_id);
		store_bind_int(st, 2, time_now());
		store_bind_text(st, 3, email[i] ? "email" : "portal");
		store_bind_int(st, 4, contacts[i]);
		store_bind_int(st, 5, child_id);
		store_bind_text(st, 6, words[kind].subject);
		store_bind_text(st, 7, body);
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "queueing the family's notification");
	}
	return 0;
}

int core_outbox_list(struct store *s, int64_t setting_id, size_t limit, struct arena *a,
                     struct outbox_row **rows, size_t *n, int *ever_sent, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OUTBOX_EVER_SENT);
	struct outbox_row *r = arena_alloc(a, (limit ? limit : 1) * sizeof *r);
	int rc;
	*n = 0;
	store_bind_int(st, 1, setting_id);
	*ever_sent = store_step(st) == STORE_ROW && store_col_int(st, 0) > 0;
	store_finish(st);
	st = store_stmt(s, STMT_OUTBOX_LIST);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, (int64_t)limit);
	while ((rc = store_step(st)) == STORE_ROW && *n < limit) {
		struct outbox_row *o = &r[(*n)++];
		o->id = store_col_int(st, 0);
		o->created_at = store_col_int(st, 1);
		o->sent_at = store_col_int(st, 2);
		o->attempts = (int)store_col_int(st, 3);
		o->channel = arena_strdup(a, store_col_text(st, 4));
		o->contact = arena_strdup(a, store_col_text(st, 5));
		o->email = arena_strdup(a, store_col_text(st, 6));
		o->child = arena_strdup(a, store_col_text(st, 7));
		o->subject = arena_strdup(a, store_col_text(st, 8));
		o->last_error = arena_strdup(a, store_col_text(st, 9));
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the outbox");
	*rows = r;
	return 0;
}

/* The message libcurl reads, from a buffer. */
struct upload {
	const char *p;
	size_t left;
};

static size_t read_upload(char *out, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t k = size * nmemb < u->left ? size * nmemb : u->left;
	memcpy(out, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* An address fit for a header and an SMTP command: no line breaks or angle brackets. */
static int plain_address(const char *a)
{
	return *a && strlen(a) < 254 && !strpbrk(a, "\r\n<>") && strchr(a, '@');
}

/* Send one message; 0 or -1 with why. */
static int smtp_send(const char *url, const char *from, const char *to, const char *subject,
                     const char *body, char *why, size_t whylen)
{
	char msg[2048], err[CURL_ERROR_SIZE] = "", to_a[260], from_a[260], date[64];
	struct tm tm;
	time_t now;
	struct upload u;
	struct curl_slist *rcpt = NULL;
	CURL *c;
	CURLcode rc;
	int len;
	if (!plain_address(to) || !plain_address(from)) {
		snprintf(why, whylen, "not a usable email address");
		return -1;
	}
	now = (time_t)time_now();
	if (!gmtime_r(&now, &tm) ||
	    !strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm))
		date[0] = '\0';
	len = snprintf(msg, sizeof msg,
	               "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\nSubject: %s\r\nMIME-Version: "
	               "1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
	               date, from, to, subject, body);
	if (len < 0 || (size_t)len >= sizeof msg) {
		snprintf(why, whylen, "the message is too long");
		return -1;
	}
	snprintf(to_a, sizeof to_a, "<%s>", to);
	snprintf(from_a, sizeof from_a, "<%s>", from);
	u.p = msg;
	u.left = (size_t)len;
	if (!(c = curl_easy_init())) {
		snprintf(why, whylen, "libcurl did not start");
		return -1;
	}
	rcpt = curl_slist_append(rcpt, to_a);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_a);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(why, whylen, "%s", *err ? err : curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

struct unsent {
	int64_t id, child_id;
	const char *to, *subject, *body;
};

/* Record the outcome of one row, with its audit row, in a transaction of its own. */
static int record(struct store *s, const struct actor *who, const struct unsent *u,
                  const char *error, struct op_error *e)
{
	struct store_stmt *st;
	int rc;
	if (core_tx_begin(s, e) != 0)
		return -1;
	st = store_stmt(s, error ? STMT_OUTBOX_MARK_FAILED : STMT_OUTBOX_MARK_SENT);
	if (error)
		store_bind_text(st, 1, error);
	else
		store_bind_int(st, 1, time_now());
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, u->id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "recording the email");
		goto fail;
	}
	if (audit_write(s, who, error ? "outbox.failed" : "outbox.sent", "outbox", u->id,
	                u->child_id, error ? error : "", e) != 0)
		goto fail;
	return core_tx_commit(s, e);
fail:
	store_rollback(s);
	return -1;
}

int core_outbox_send(struct store *s, const struct actor *who, const char *smtp_url,
                     const char *from, size_t limit, int *sent, int *failed, struct op_error *e)
{
	struct store_stmt *st;
	struct unsent *u;
	struct arena a;
	size_t n = 0;
	int rc, ret = -1;
	*sent = *failed = 0;
	if (!smtp_url ||
	    (strncmp(smtp_url, "smtp://", 7) != 0 && strncmp(smtp_url, "smtps://", 8) != 0))
		return op_fail(e, OP_INVALID, "smtp",
		               "give the mail server as smtp://HOST[:PORT] "
		               "or smtps://HOST[:PORT]");
	if (!from || !plain_address(from))
		return op_fail(e, OP_INVALID, "from", "give the sender's email address");
	arena_init(&a);
	u = arena_alloc(&a, (limit ? limit : 1) * sizeof *u);
	st = store_stmt(s, STMT_OUTBOX_UNSENT_EMAIL);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, OUTBOX_MAX_ATTEMPTS);
	store_bind_int(st, 3, (int64_t)limit);
	while ((rc = store_step(st)) == STORE_ROW && n < limit) {
		u[n].id = store_col_int(st, 0);
		u[n].to = arena_strdup(&a, store_col_text(st, 1));
		u[n].subject = arena_strdup(&a, store_col_text(st, 2));
		u[n].body = arena_strdup(&a, store_col_text(st, 3));
		u[n++].child_id = store_col_int(st, 4);
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the outbox");
		goto out;
	}
	if (n && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		op_fail(e, OP_FAILED, "smtp", "libcurl did not start");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char why[256];
		int bad = smtp_send(smtp_url, from, u[i].to, u[i].subject, u[i].body, why,
		                    sizeof why) != 0;
		if (record(s, who, &u[i], bad ? why : NULL, e) != 0)
			goto cleanup;
		if (bad)
			(*failed)++;
		else
			(*sent)++;
	}
	ret = 0;
cleanup:
	if (n)
		curl_global_cleanup();
out:
	arena_free(&a);
	return ret;
}
