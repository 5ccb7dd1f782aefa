/*
 * core.h — what every core operation shares: who is acting (the actor, in
 * a setting), and how an operation says why it refused (the HTTP-like status
 * and the field at fault). Core operations are the only code that changes
 * data; each runs inside a transaction its caller opened (core_tx_begin)
 * and writes its audit row in that same transaction, so the caller answers
 * only after core_tx_commit.
 */
#ifndef KW_CORE_H
#define KW_CORE_H

#include <stdint.h>

#include "arena.h"
#include "store.h"
#include "util.h"

struct actor {
	int64_t setting_id;
	int64_t user_id;  /* 0 for the command line */
	const char *name; /* shown in the audit log */
	const char *ip;
};

enum op_status {
	OP_OK = 0,
	OP_INVALID = 422, /* a field is wrong: field names it */
	OP_NOT_FOUND = 404,
	OP_FORBIDDEN = 403,
	OP_CONFLICT = 409, /* a duplicate, or the record changed meanwhile */
	OP_FAILED = 500,   /* the store failed */
};

struct op_error {
	enum op_status status;
	char field[64];
	char msg[256];
};

int op_fail(struct op_error *e, enum op_status status, const char *field, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
/* Turn a failed store call into an op_error; constraint failures become OP_CONFLICT. */
int op_store_fail(struct op_error *e, struct store *s, int rc, const char *what);

int core_tx_begin(struct store *s, struct op_error *e) WARN_UNUSED;
/* The id a lookup statement (setting_id, key) -> id finds, or 0. */
int64_t core_find_id(struct store *s, enum stmt_id stmt, int64_t setting_id, const char *key);
int core_tx_commit(struct store *s, struct op_error *e) WARN_UNUSED;

#endif
