/*
 * store_sql.c — the statement catalogue of store_sql.h as a table,
 * indexed by enum stmt_id.
 */
#include "store_sql.h"

#define STMT_DEF(n, s) \
	[STMT_##n] = {.name = #n, .sql = (s)}, /* NOLINT(bugprone-macro-parentheses) */
const struct stmt_def store_sql[STMT__MAX] = {STORE_STATEMENTS(STMT_DEF)};
#undef STMT_DEF
