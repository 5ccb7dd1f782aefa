/*
 * core_export.h — everything of one setting as one JSON document, and the
 * way back: restoring such a document into an empty database.
 *
 *	{"format": "keyworker-export/1", "schema_version": N,
 *	 "exported_at": "2025-09-01T08:00:00Z",
 *	 "setting": {"id": 1, "name": ..., ...},
 *	 "tables": {"app_user": [{...}, ...], "room": [...], ..., "audit_log": [...]}}
 *
 * Every table that holds the setting's records is there (even when empty),
 * in an order that respects foreign keys, rows in primary-key order, each
 * row an object of all its columns: integers as JSON integers, reals as
 * numbers, text as strings, NULL as null, BLOBs as {"$base64": "..."} (and
 * text that is not UTF-8, which JSON cannot hold, as {"$text-base64": ...}).
 * Users of the setting come with their roles; sessions and login attempts
 * are transient and left out; the audit log is kept whole with its hashes,
 * so its chain still verifies after a restore.
 *
 * A restore keeps every id, refuses a database that already holds
 * anything, and checks the document before writing a row: its format, the
 * schema version (equal to this kw's), every table name, every column name,
 * every value's type against the column's declared type, every setting_id.
 * It runs in the caller's transaction and, like core_import_csv, returns -1
 * with what is wrong in an import_report; the caller then rolls back.
 */
#ifndef KW_CORE_EXPORT_H
#define KW_CORE_EXPORT_H

#include <jansson.h>
#include <stddef.h>

#include "core.h"
#include "core_import.h"

#define EXPORT_FORMAT "keyworker-export/1"

/* The document of who's setting (newly allocated; json_decref it), read in
 * the caller's transaction, which also gets an audit row "export". rows
 * (when not NULL) receives the number of table rows. */
int core_export(struct store *s, const struct actor *who, json_t **doc, size_t *rows,
                struct op_error *e) WARN_UNUSED;

/* Restore text[0..len), an export document, into an empty database, in
 * the caller's transaction. who names the actor (its setting_id is taken
 * from the document); source names the file in the audit row "import.all".
 * Returns 0 with *setting_id and r->rows set; or -1 with r->nerrors > 0
 * (the document is wrong), or with e set (the database is not empty, or
 * the store failed). */
int core_import_all(struct store *s, const struct actor *who, const char *source, const void *text,
                    size_t len, int64_t *setting_id, struct import_report *r,
                    struct op_error *e) WARN_UNUSED;

/* 1 when an export holds the table, 0 when it leaves it out on purpose
 * (transient or not the setting's), -1 when the table is unknown to it. */
int core_export_covers(const char *table);

/* ---- subject access: everything held about one child ----
 *
 *	{"format": "keyworker-subject-access/1", "schema_version": N,
 *	 "exported_at": ..., "setting_id": 1, "child_id": 7,
 *	 "records": {"child": [...], "family": [...], "contact": [...], ...},
 *	 "safeguarding": {"included": true, "concern": [...], "concern_addendum": [...],
 *	                  "concern_seen": [...], "audit_log": [...]}}
 *
 * Rows are written as in the setting's export, with the same machinery;
 * only this child's: their line of a group observation, not the other
 * children's; replies from staff or their own family. Photos are listed
 * with their type and size, not their bytes; collection passwords' hashes
 * are left out. Without safeguarding, "safeguarding" is {"included":
 * false, "withheld": why} — which says so when a part exists. Read in the
 * caller's transaction, with an audit row "export.child" (and
 * "concern.export", seen by the DSL only, when the part went out). */
#define SUBJECT_ACCESS_FORMAT "keyworker-subject-access/1"

struct me;
int core_export_child(struct store *s, const struct actor *who, int64_t child_id, int safeguarding,
                      json_t **doc, size_t *rows, struct op_error *e) WARN_UNUSED;
/* The user username of the setting as a signed-in person (roles loaded),
 * for authz to say whether they may have the safeguarding part. */
int core_export_subject_user(struct store *s, int64_t setting_id, const char *username,
                             struct me *me, struct op_error *e) WARN_UNUSED;
/* 1 when a subject access export holds the table (with a child_id column),
 * 0 when it leaves it out on purpose, -1 when the table is unknown to it. */
int core_export_child_covers(const char *table);

#endif
