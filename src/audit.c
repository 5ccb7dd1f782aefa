/*
 * audit.c — writing and verifying the hash-chained audit log. The hash is
 * BLAKE2b-256 (libsodium's crypto_generichash) over the previous hash and
 * the row's fields, each field length-prefixed so that no two different
 * rows hash the same text; the first row of a setting chains from 64 zeros.
 */
#include "audit.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "date.h"

#define HASH_HEX (crypto_generichash_BYTES * 2 + 1)
static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

struct audit_row {
	int64_t setting_id, at, user_id, object_id, child_id;
	const char *actor, *action, *object_kind, *detail, *ip;
};

static void feed(crypto_generichash_state *h, const char *s)
{
	uint64_t len = strlen(s);
	crypto_generichash_update(h, (const unsigned char *)&len, sizeof len);
	crypto_generichash_update(h, (const unsigned char *)s, len);
}

static void feed_int(crypto_generichash_state *h, int64_t v)
{
	char t[32];
	snprintf(t, sizeof t, "%" PRId64, v);
	feed(h, t);
}

static void row_hash(const char *prev, const struct audit_row *r, char out[HASH_HEX])
{
	crypto_generichash_state h;
	unsigned char d[crypto_generichash_BYTES];
	crypto_generichash_init(&h, NULL, 0, sizeof d);
	feed(&h, prev);
	feed_int(&h, r->setting_id);
	feed_int(&h, r->at);
	feed_int(&h, r->user_id);
	feed(&h, r->actor);
	feed(&h, r->action);
	feed(&h, r->object_kind);
	feed_int(&h, r->object_id);
	feed_int(&h, r->child_id);
	feed(&h, r->detail);
	feed(&h, r->ip);
	crypto_generichash_final(&h, d, sizeof d);
	sodium_bin2hex(out, HASH_HEX, d, sizeof d);
}

int audit_write(struct store *s, const struct actor *who, const char *action,
                const char *object_kind, int64_t object_id, int64_t child_id, const char *detail,
                struct op_error *e)
{
	struct store_stmt *st;
	char prev[HASH_HEX], hash[HASH_HEX];
	struct audit_row r = {
	    .setting_id = who->setting_id,
	    .at = time_now(),
	    .user_id = who->user_id,
	    .object_id = object_id,
	    .child_id = child_id,
	    .actor = who->name ? who->name : "",
	    .action = action,
	    .object_kind = object_kind ? object_kind : "",
	    .detail = detail ? detail : "",
	    .ip = who->ip ? who->ip : "",
	};
	int rc;

	/* A setting's chain is appended to only under that setting's writer lock
	 * (store_set_scope): a request scoped to another setting would race its
	 * writers on PostgreSQL and fork the chain. A bug, refused, not written. */
	if (store_scope(s) && store_scope(s) != who->setting_id)
		return op_fail(e, OP_FAILED, "",
		               "the audit log of setting %" PRId64
		               " written by a request of setting %" PRId64,
		               who->setting_id, store_scope(s));
	st = store_stmt(s, STMT_AUDIT_LAST_HASH);
	store_bind_int(st, 1, who->setting_id);
	rc = store_step(st);
	if (rc == STORE_ROW)
		snprintf(prev, sizeof prev, "%s", store_col_text(st, 0));
	else if (rc == STORE_DONE)
		snprintf(prev, sizeof prev, "%s", genesis);
	else
		return op_store_fail(e, s, rc, "reading the audit log");
	store_finish(st);
	row_hash(prev, &r, hash);

	st = store_stmt(s, STMT_AUDIT_INSERT);
	store_bind_int(st, 1, r.setting_id);
	store_bind_int(st, 2, r.at);
	store_bind_id(st, 3, r.user_id);
	store_bind_text(st, 4, r.actor);
	store_bind_text(st, 5, r.action);
	store_bind_text(st, 6, r.object_kind);
	store_bind_id(st, 7, r.object_id);
	store_bind_id(st, 8, r.child_id);
	store_bind_text(st, 9, r.detail);
	store_bind_text(st, 10, r.ip);
	store_bind_text(st, 11, prev);
	store_bind_text(st, 12, hash);
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "writing the audit log");
	return 0;
}

int audit_read(struct store *s, const struct actor *who, const char *action, int64_t child_id,
               struct op_error *e)
{
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (audit_write(s, who, action, "child", child_id, child_id, "", e) != 0 ||
	    core_tx_commit(s, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int audit_verify(struct store *s, int64_t setting_id, int64_t *bad_id)
{
	struct store_stmt *st = store_stmt(s, STMT_AUDIT_CHAIN);
	char prev[HASH_HEX], hash[HASH_HEX];
	int rc, first = 1;
	snprintf(prev, sizeof prev, "%s", genesis);
	store_bind_int(st, 1, setting_id);
	*bad_id = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct audit_row r = {
		    .setting_id = store_col_int(st, 1),
		    .at = store_col_int(st, 2),
		    .user_id = store_col_int(st, 3),
		    .actor = store_col_text(st, 4),
		    .action = store_col_text(st, 5),
		    .object_kind = store_col_text(st, 6),
		    .object_id = store_col_int(st, 7),
		    .child_id = store_col_int(st, 8),
		    .detail = store_col_text(st, 9),
		    .ip = store_col_text(st, 10),
		};
		const char *row_prev = store_col_text(st, 11);
		/* The first row kept may be an anchor after a retention prune:
		 * its prev_hash is the hash of the last row removed, its own
		 * hash seals its fields to it, and the chain goes on from the
		 * removed row's hash, as the next row was written. */
		int anchor = first && strcmp(r.action, AUDIT_ANCHOR) == 0;
		if (anchor)
			snprintf(prev, sizeof prev, "%s", row_prev);
		first = 0;
		row_hash(prev, &r, hash);
		if (strcmp(row_prev, prev) != 0 || strcmp(hash, store_col_text(st, 12)) != 0) {
			*bad_id = store_col_int(st, 0);
			store_finish(st);
			return -1;
		}
		if (!anchor)
			snprintf(prev, sizeof prev, "%s", hash);
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : -1;
}

int audit_anchor(struct store *s, const struct actor *who, int64_t id, int64_t at,
                 const char *prev_hash, const char *detail, struct op_error *e)
{
	struct store_stmt *st;
	char hash[HASH_HEX];
	struct audit_row r = {
	    .setting_id = who->setting_id,
	    .at = at,
	    .user_id = who->user_id,
	    .object_id = 0,
	    .child_id = 0,
	    .actor = who->name ? who->name : "",
	    .action = AUDIT_ANCHOR,
	    .object_kind = "audit_log",
	    .detail = detail,
	    .ip = who->ip ? who->ip : "",
	};
	int rc;
	row_hash(prev_hash, &r, hash);
	st = store_stmt(s, STMT_RET_AUDIT_ANCHOR);
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, r.setting_id);
	store_bind_int(st, 3, r.at);
	store_bind_id(st, 4, r.user_id);
	store_bind_text(st, 5, r.actor);
	store_bind_text(st, 6, r.action);
	store_bind_text(st, 7, r.object_kind);
	store_bind_null(st, 8);
	store_bind_null(st, 9);
	store_bind_text(st, 10, r.detail);
	store_bind_text(st, 11, r.ip);
	store_bind_text(st, 12, prev_hash);
	store_bind_text(st, 13, hash);
	rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "writing the audit log's anchor");
	return 0;
}
