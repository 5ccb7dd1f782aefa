/*
 * csv.h — a bounded reader of RFC 4180 CSV, as spreadsheets write it:
 * fields separated by commas, records by CRLF, LF or CR; a field in double
 * quotes may hold commas, line breaks and "" for a quote; a UTF-8 byte
 * order mark at the very start is skipped. Records are numbered as a
 * spreadsheet numbers its rows (the header is row 1; a line break inside a
 * quoted cell does not start a new row).
 *
 * The reader never trusts its input: a field, a record and the whole file
 * have limits, and going past one is an error naming the row and column,
 * never a crash or an unbounded allocation. An error in one record (a field
 * too long, too many columns, a NUL byte, text after a closing quote) is
 * reported and reading goes on with the next record; an unterminated quote
 * or too many rows ends reading. Text is not checked for UTF-8 here: the
 * field validators (valid.h) do that and name the field.
 *
 *	struct csv c;
 *	csv_init(&c, text, len, NULL);
 *	while ((rc = csv_next(&c, &arena)) != CSV_END)
 *		if (rc == CSV_RECORD) use c.fields[0 .. c.nfields) of row c.row
 *		else report c.row, c.column, c.err
 *	csv_free(&c);
 */
#ifndef KW_CSV_H
#define KW_CSV_H

#include <stddef.h>

#include "arena.h"
#include "util.h"

enum csv_status { CSV_END = 0, CSV_RECORD = 1, CSV_ERROR = -1 };

struct csv_limits {
	size_t max_field;   /* bytes in one field */
	size_t max_columns; /* fields in one record */
	size_t max_rows;    /* records, the header included */
};

/* 64 KiB per field, 128 columns, 200 000 rows. */
extern const struct csv_limits csv_default_limits;

struct csv {
	const unsigned char *p, *end;
	struct csv_limits lim;
	int done; /* the input is used up, or an error ended reading */
	/* The record last read: row number, and its fields as NUL-terminated
	 * strings in the caller's arena. */
	size_t row;
	size_t nfields;
	const char **fields; /* lim.max_columns entries */
	/* After CSV_ERROR: the column at fault (1-based, 0 for the whole row)
	 * and what is wrong, in words. */
	size_t column;
	char err[160];
	/* The field being read, bounded by lim.max_field. */
	unsigned char *cell;
};

/* Read text[0..len); lim NULL means csv_default_limits. */
void csv_init(struct csv *c, const void *text, size_t len, const struct csv_limits *lim);
/* The next record: CSV_RECORD, CSV_ERROR (c->row, c->column, c->err), or CSV_END. */
int csv_next(struct csv *c, struct arena *a) WARN_UNUSED;
void csv_free(struct csv *c);

/* Write one cell to b, then "," or (last) "\r\n": quoted when needed, and a
 * leading apostrophe before what a spreadsheet would run as a formula. */
struct buf;
int csv_write_cell(struct buf *b, const char *text, int last) WARN_UNUSED;

#endif
