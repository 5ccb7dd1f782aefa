/*
 * csv.c — the CSV reader of csv.h: one pass over the bytes, one record per
 * call. A field is gathered into c->cell (at most lim.max_field bytes; the
 * rest of a longer field is read and dropped so that the record still ends
 * in the right place) and then copied into the caller's arena. Problems
 * inside a record are remembered (the first one wins) and reported once the
 * whole record has been read, so the next call starts on the next record.
 */
#include "csv.h"

#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct csv_limits csv_default_limits = {
    .max_field = 64 * 1024,
    .max_columns = 128,
    .max_rows = 200000,
};

void csv_init(struct csv *c, const void *text, size_t len, const struct csv_limits *lim)
{
	memset(c, 0, sizeof *c);
	if (!text) {
		text = "";
		len = 0;
	}
	c->p = text;
	c->end = c->p + len;
	c->lim = lim ? *lim : csv_default_limits;
	if (c->lim.max_field == 0)
		c->lim.max_field = csv_default_limits.max_field;
	if (c->lim.max_columns == 0)
		c->lim.max_columns = csv_default_limits.max_columns;
	if (c->lim.max_rows == 0)
		c->lim.max_rows = csv_default_limits.max_rows;
	if (len >= 3 && memcmp(c->p, "\xef\xbb\xbf", 3) == 0)
		c->p += 3; /* the byte order mark Excel writes before UTF-8 */
	c->fields = xcalloc(c->lim.max_columns, sizeof *c->fields);
	c->cell = xmalloc(c->lim.max_field + 1);
}

void csv_free(struct csv *c)
{
	free(c->fields);
	free(c->cell);
	c->fields = NULL;
	c->cell = NULL;
	c->done = 1;
}

static int is_end_of_field(unsigned char ch)
{
	return ch == ',' || ch == '\r' || ch == '\n';
}

/* What is wrong with the record being read; the first problem is kept. */
static void problem(struct csv *c, size_t column, const char *msg)
{
	if (c->err[0])
		return;
	c->column = column;
	snprintf(c->err, sizeof c->err, "%s", msg);
}

int csv_next(struct csv *c, struct arena *a)
{
	size_t column = 0;

	if (c->done || c->p >= c->end) {
		c->done = 1;
		return CSV_END;
	}
	c->err[0] = '\0';
	c->column = 0;
	c->nfields = 0;
	if (c->row >= c->lim.max_rows) {
		c->done = 1;
		c->row++;
		snprintf(c->err, sizeof c->err, "the file has more than %zu rows", c->lim.max_rows);
		return CSV_ERROR;
	}
	c->row++;
	for (;;) {
		size_t len = 0;
		int too_long = 0, nul = 0;
#define CELL_ADD(ch)                          \
	do {                                  \
		unsigned char ch_ = (ch);     \
		nul |= ch_ == '\0';           \
		if (len < c->lim.max_field)   \
			c->cell[len++] = ch_; \
		else                          \
			too_long = 1;         \
	} while (0)

		column++;
		if (c->p < c->end && *c->p == '"') {
			c->p++;
			for (;;) {
				unsigned char ch;
				if (c->p >= c->end) {
					/* Everything after the quote would be one cell: stop here.
					 */
					c->done = 1;
					c->column = column;
					snprintf(c->err, sizeof c->err,
					         "a quoted cell is never closed (a \" is missing)");
					return CSV_ERROR;
				}
				ch = *c->p++;
				if (ch == '"') {
					if (c->p < c->end && *c->p == '"')
						c->p++; /* "" is one quote */
					else
						break;
				}
				CELL_ADD(ch);
			}
			if (c->p < c->end && !is_end_of_field(*c->p)) {
				problem(c, column, "has text after its closing quote");
				while (c->p < c->end && !is_end_of_field(*c->p))
					CELL_ADD(*c->p++);
			}
		} else {
			while (c->p < c->end && !is_end_of_field(*c->p))
				CELL_ADD(*c->p++);
		}
#undef CELL_ADD
		if (column <= c->lim.max_columns) {
			c->fields[column - 1] = arena_strndup(a, (const char *)c->cell, len);
			c->nfields = column;
		} else {
			char msg[80];
			snprintf(msg, sizeof msg, "is past the last column allowed (%zu)",
			         c->lim.max_columns);
			problem(c, column, msg);
		}
		if (too_long) {
			char msg[80];
			snprintf(msg, sizeof msg, "is longer than %zu bytes", c->lim.max_field);
			problem(c, column, msg);
		}
		if (nul)
			problem(c, column, "contains a NUL byte");

		if (c->p >= c->end)
			break;
		if (*c->p == ',') {
			c->p++;
			continue;
		}
		if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
			c->p++;
		c->p++;
		break;
	}
	return c->err[0] ? CSV_ERROR : CSV_RECORD;
}

/* One CSV cell: quoted when it holds a comma, quote or line break; a cell
 * a spreadsheet would take for a formula (=, +, -, @ first) gets a leading
 * apostrophe, so a name typed as "=HYPERLINK(...)" stays text. */
int csv_write_cell(struct buf *b, const char *text, int last)
{
	int quote = strpbrk(text, ",\"\r\n") != NULL;
	int formula = text[0] != '\0' && strchr("=+-@\t", text[0]) != NULL;
	if (quote && buf_puts(b, "\"") != 0)
		return -1;
	if (formula && buf_puts(b, "'") != 0)
		return -1;
	for (const char *p = text; *p; p++)
		if ((*p == '"' && buf_puts(b, "\"") != 0) || buf_add(b, p, 1) != 0)
			return -1;
	if (quote && buf_puts(b, "\"") != 0)
		return -1;
	return buf_puts(b, last ? "\r\n" : ",");
}
