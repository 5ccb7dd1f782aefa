/*
 * core_import.h — adding records from a spreadsheet: rooms, staff,
 * children, contacts or the rota, one CSV file of one kind at a time.
 *
 * The first row names the columns: the names of the kind's field table
 * (core_room_fields, core_staff_fields, core_child_fields,
 * core_contact_fields, core_shift_fields), in any order, in any case, with
 * spaces or '-' for '_'. An unknown column, a column named twice or a
 * required column missing stops the import at the header. Every other row
 * is validated field by field and then handed to the kind's core operation
 * (core_room_add …) inside a savepoint, so one bad row neither hides the
 * next one's errors nor leaves half of itself behind. Every error is
 * collected as "row N, column X: why" (rows numbered as the spreadsheet
 * shows them). The import is all or nothing: it runs in the caller's
 * transaction and returns -1 when anything is wrong, and the caller rolls
 * back; on success it writes one audit row "import.KIND" and the caller
 * commits.
 *
 * Line breaks inside a cell of a one-line field (an address typed with
 * Alt+Enter) become ", "; a row whose cells are all blank is skipped.
 */
#ifndef KW_CORE_IMPORT_H
#define KW_CORE_IMPORT_H

#include <stddef.h>

#include "core.h"

enum import_kind {
	IMPORT_ROOMS,
	IMPORT_STAFF,
	IMPORT_CHILDREN,
	IMPORT_CONTACTS,
	IMPORT_ROTA,
	IMPORT__MAX
};

/* One thing wrong with the input: where ("row 4, column Room", or for a
 * JSON document "table child, row 2, column room_id") and why. */
struct import_error {
	char where[160];
	char msg[600];
};

/* Errors kept for showing; more are counted but not kept. */
#define IMPORT_ERRORS_KEPT 1000

struct import_report {
	size_t rows;    /* records added (when the import succeeded) */
	size_t nerrors; /* everything found wrong */
	size_t nkept;   /* errors[0 .. nkept) */
	struct import_error *errors;
};

/* The kind named name ("rooms", "staff", "children", "contacts", "rota"), or -1. */
int core_import_kind(const char *name);
const char *core_import_kind_name(enum import_kind kind);
/* What the rows of a kind are, for "imported 3 children": singular when n == 1. */
const char *core_import_noun(enum import_kind kind, size_t n);

/* Import text[0..len) as CSV of kind into who's setting, inside the open
 * transaction. source names the file in the audit row. Returns 0 with
 * r->rows set; or -1 with r->nerrors > 0 (the input is wrong), or with
 * r->nerrors == 0 and e set (the store failed). Either way on -1 the
 * caller rolls back. */
int core_import_csv(struct store *s, const struct actor *who, enum import_kind kind,
                    const char *source, const void *text, size_t len, struct import_report *r,
                    struct op_error *e) WARN_UNUSED;

/* Record an error in r: where it is, and why (a format). */
void core_import_error(struct import_report *r, const char *where, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
void core_import_report_free(struct import_report *r);

/* Savepoints around one record, so that a record that fails leaves
 * nothing behind while the transaction goes on. */
int core_import_savepoint(struct store *s, struct op_error *e) WARN_UNUSED;
/* Keep (ok) or undo (!ok) what was done since the savepoint. */
int core_import_release(struct store *s, int ok, struct op_error *e) WARN_UNUSED;

#endif
