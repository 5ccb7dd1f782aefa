/*
 * audit.h — the audit log: who did or viewed what, when, from where.
 * Rows are append-only (triggers refuse UPDATE and DELETE) and chained per
 * setting: each row's hash covers the previous row's hash and its own
 * fields, so a changed or removed row breaks the chain and kw check says
 * where. Retention prunes it only from its start, leaving an anchor row
 * (audit_anchor) from which the rest still verifies. audit_write must be
 * called inside the transaction of the change it records.
 */
#ifndef KW_AUDIT_H
#define KW_AUDIT_H

#include <stdint.h>

#include "core.h"

int audit_write(struct store *s, const struct actor *who, const char *action,
                const char *object_kind, int64_t object_id, int64_t child_id, const char *detail,
                struct op_error *e) WARN_UNUSED;
/* Record a read of a restricted record (a child's full records, the family
 * view) in a transaction of its own; when it cannot be recorded the caller
 * must not show the record. */
int audit_read(struct store *s, const struct actor *who, const char *action, int64_t child_id,
               struct op_error *e) WARN_UNUSED;
/* The action of the row a retention prune leaves at the start of the log. */
#define AUDIT_ANCHOR "audit.anchor"
/* Write that anchor with the given id (the last id removed, so it stays
 * first) and time: prev_hash is the hash of the last row removed, which the
 * first row kept chains from; detail says what was removed. Only inside the
 * retention purge (core_retention.c). */
int audit_anchor(struct store *s, const struct actor *who, int64_t id, int64_t at,
                 const char *prev_hash, const char *detail, struct op_error *e) WARN_UNUSED;
/* Verify setting's chain: 0 when intact; -1 with *bad_id the first row that does not verify. */
int audit_verify(struct store *s, int64_t setting_id, int64_t *bad_id) WARN_UNUSED;

#endif
