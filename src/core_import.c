/*
 * core_import.c — CSV import of rooms, staff, children, contacts and the
 * rota (core_import.h says what it promises). A table of kinds gives each
 * kind its field table, its core operation and the field that must not
 * repeat within one file. The header row is matched to the field table
 * once; then each row is read, validated field by field (every bad field
 * is reported, not only the first), checked for a repeated key, and given
 * to the core operation inside a savepoint. Errors pile up in an
 * import_report; the caller's transaction is rolled back when there is any.
 */
#include "core_import.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "core_child.h"
#include "core_setting.h"
#include "core_staff.h"
#include "csv.h"

#define IMPORT_MAX_FIELDS 32

typedef int import_add_op(struct store *s, const struct actor *who, const struct field_value *v,
                          int64_t *id, struct op_error *e);

static const struct import_kind_def {
	const char *name, *one, *many;
	const struct field_spec *fields;
	size_t nfields;
	import_add_op *add;
	int key;        /* field whose value may appear once per file, or -1 */
	int key_nocase; /* the key is compared ignoring case (room names) */
} kinds[] = {
    [IMPORT_ROOMS] = {"rooms", "room", "rooms", core_room_fields, ROOM__MAX, core_room_add,
                      ROOM_NAME, 1},
    [IMPORT_STAFF] = {"staff", "member of staff", "staff", core_staff_fields, STAFF__MAX,
                      core_staff_add, STAFF_ID, 0},
    [IMPORT_CHILDREN] = {"children", "child", "children", core_child_fields, CHILD__MAX,
                         core_child_add, CHILD_ID, 0},
    [IMPORT_CONTACTS] = {"contacts", "contact", "contacts", core_contact_fields, CONTACT__MAX,
                         core_contact_add, -1, 0},
    [IMPORT_ROTA] = {"rota", "shift", "shifts", core_shift_fields, SHIFT__MAX, core_shift_add, -1,
                     0},
};
_Static_assert(ARRAY_LEN(kinds) == IMPORT__MAX, "one entry per import kind");
_Static_assert(ROOM__MAX <= IMPORT_MAX_FIELDS && STAFF__MAX <= IMPORT_MAX_FIELDS &&
                   CHILD__MAX <= IMPORT_MAX_FIELDS && CONTACT__MAX <= IMPORT_MAX_FIELDS &&
                   SHIFT__MAX <= IMPORT_MAX_FIELDS,
               "IMPORT_MAX_FIELDS holds every field table");

int core_import_kind(const char *name)
{
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++)
		if (strcmp(name, kinds[k].name) == 0)
			return (int)k;
	return -1;
}

const char *core_import_kind_name(enum import_kind kind)
{
	return kinds[kind].name;
}

const char *core_import_noun(enum import_kind kind, size_t n)
{
	return n == 1 ? kinds[kind].one : kinds[kind].many;
}

void core_import_error(struct import_report *r, const char *where, const char *fmt, ...)
{
	struct import_error *err;
	va_list ap;
	r->nerrors++;
	if (r->nkept >= IMPORT_ERRORS_KEPT)
		return;
	if (r->nkept == 0 || (r->nkept & (r->nkept - 1)) == 0) /* 1, 2, 4, 8 … */
		r->errors = xrealloc(r->errors, (r->nkept ? r->nkept * 2 : 1) * sizeof *r->errors);
	err = &r->errors[r->nkept++];
	snprintf(err->where, sizeof err->where, "%s", where);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

void core_import_report_free(struct import_report *r)
{
	free(r->errors);
	memset(r, 0, sizeof *r);
}

int core_import_savepoint(struct store *s, struct op_error *e)
{
	int rc = store_run(store_stmt(s, STMT_IMPORT_SAVEPOINT));
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "starting a record");
	return 0;
}

int core_import_release(struct store *s, int ok, struct op_error *e)
{
	int rc;
	if (!ok && (rc = store_run(store_stmt(s, STMT_IMPORT_ROLLBACK_TO))) != STORE_OK)
		return op_store_fail(e, s, rc, "undoing a record");
	if ((rc = store_run(store_stmt(s, STMT_IMPORT_RELEASE))) != STORE_OK)
		return op_store_fail(e, s, rc, "finishing a record");
	return 0;
}

/*
 * Keys seen so far in the file (staff ids, child ids, room names) with the
 * row each was first on: open addressing, grown at half full.
 */
struct seen {
	size_t cap, n;
	const char **keys;
	size_t *rows;
};

static size_t seen_hash(const char *k)
{
	size_t h = 1469598103934665603u;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211u;
	return h;
}

static size_t seen_slot(const struct seen *t, const char *key)
{
	size_t i = seen_hash(key) & (t->cap - 1);
	while (t->keys[i] && strcmp(t->keys[i], key) != 0)
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* The row key was first seen on, or 0 after recording it as seen on row. */
static size_t seen_check(struct seen *t, const char *key, size_t row)
{
	size_t i;
	if (t->n * 2 >= t->cap) {
		struct seen bigger = {.cap = t->cap ? t->cap * 2 : 256, .n = t->n};
		bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
		bigger.rows = xcalloc(bigger.cap, sizeof *bigger.rows);
		for (size_t k = 0; k < t->cap; k++)
			if (t->keys[k]) {
				i = seen_slot(&bigger, t->keys[k]);
				bigger.keys[i] = t->keys[k];
				bigger.rows[i] = t->rows[k];
			}
		free(t->keys);
		free(t->rows);
		*t = bigger;
	}
	i = seen_slot(t, key);
	if (t->keys[i])
		return t->rows[i];
	t->keys[i] = key;
	t->rows[i] = row;
	t->n++;
	return 0;
}

static void seen_free(struct seen *t)
{
	free(t->keys);
	free(t->rows);
}

/* A line break typed inside a one-line cell becomes ", " (or " " after a
 * comma or semicolon already there). */
static const char *fold_lines(const char *raw, struct arena *a)
{
	char *out, *o;
	const char *p = raw;
	if (!strpbrk(raw, "\r\n"))
		return raw;
	o = out = arena_alloc(a, strlen(raw) * 2 + 1);
	while (*p) {
		size_t len = strcspn(p, "\r\n");
		const char *q = p;
		while (len && (*q == ' ' || *q == '\t'))
			q++, len--;
		while (len && (q[len - 1] == ' ' || q[len - 1] == '\t'))
			len--;
		if (len) {
			if (o != out && o[-1] != ',' && o[-1] != ';')
				*o++ = ',';
			if (o != out)
				*o++ = ' ';
			memcpy(o, q, len);
			o += len;
		}
		p += strcspn(p, "\r\n");
		p += strspn(p, "\r\n");
	}
	*o = '\0';
	return out;
}

static int blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static const char *trimmed(const char *s, struct arena *a)
{
	size_t len;
	s += strspn(s, " \t\r\n");
	len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	return arena_strndup(a, s, len);
}

struct importer {
	struct store *s;
	const struct actor *who;
	const struct import_kind_def *kind;
	struct import_report *r;
	size_t ncolumns;
	const char **heading;                /* per column, as the file names it ("" when blank) */
	int *column_field;                   /* per column: the field it fills, or -1 */
	int field_column[IMPORT_MAX_FIELDS]; /* per field: its column, or -1 */
	struct seen seen;
};

/* The name of field f as the file's header writes it. */
static const char *field_heading(const struct importer *im, int f)
{
	if (f >= 0 && im->field_column[f] >= 0)
		return im->heading[im->field_column[f]];
	return f >= 0 ? im->kind->fields[f].name : "";
}

static void row_error(struct importer *im, size_t row, const char *column, const char *msg)
{
	char where[160];
	if (column && *column)
		snprintf(where, sizeof where, "row %zu, column %s", row, column);
	else
		snprintf(where, sizeof where, "row %zu", row);
	core_import_error(im->r, where, "%s", msg);
}

static void csv_error(struct importer *im, const struct csv *c)
{
	char column[32];
	const char *name = NULL;
	if (c->column && c->column <= im->ncolumns && im->heading[c->column - 1][0])
		name = im->heading[c->column - 1];
	else if (c->column) {
		snprintf(column, sizeof column, "%zu", c->column);
		name = column;
	}
	row_error(im, c->row, name, c->err);
}

/* Match the header row to the kind's fields; 0 when every column is known. */
static int read_header(struct importer *im, const struct csv *c, struct arena *a)
{
	const struct import_kind_def *k = im->kind;
	size_t before = im->r->nerrors;
	struct buf known;

	buf_init(&known, 2048);
	for (size_t f = 0; f < k->nfields; f++)
		if (buf_printf(&known, "%s%s", f ? ", " : "", k->fields[f].name) != 0)
			break;
	im->ncolumns = c->nfields;
	im->heading = arena_alloc(a, c->nfields * sizeof *im->heading);
	im->column_field = arena_alloc(a, c->nfields * sizeof *im->column_field);
	for (size_t f = 0; f < IMPORT_MAX_FIELDS; f++)
		im->field_column[f] = -1;
	for (size_t col = 0; col < c->nfields; col++) {
		const char *name = trimmed(c->fields[col], a);
		int f;
		im->heading[col] = name;
		im->column_field[col] = -1;
		if (!*name)
			continue; /* a column with no heading must stay empty */
		f = valid_lookup(k->fields, k->nfields, name);
		if (f < 0) {
			char msg[600];
			snprintf(msg, sizeof msg, "is not a column of %s (the columns are: %s)",
			         k->many, buf_str(&known));
			row_error(im, 1, name, msg);
		} else if (im->field_column[f] >= 0) {
			char msg[200];
			snprintf(msg, sizeof msg, "is named twice (also column %d, %s)",
			         im->field_column[f] + 1, im->heading[im->field_column[f]]);
			row_error(im, 1, name, msg);
		} else {
			im->field_column[f] = (int)col;
			im->column_field[col] = f;
		}
	}
	for (size_t f = 0; f < k->nfields; f++)
		if (k->fields[f].required && im->field_column[f] < 0)
			row_error(im, 1, k->fields[f].name,
			          "is required but the first row does not name it");
	buf_free(&known);
	return im->r->nerrors == before ? 0 : -1;
}

/* One data row: validate, check the key, add. -1 only when the store failed. */
static int import_row(struct importer *im, const struct csv *c, struct arena *a, struct arena *keys,
                      struct op_error *e)
{
	const struct import_kind_def *k = im->kind;
	const char *raw[IMPORT_MAX_FIELDS];
	struct field_value v[IMPORT_MAX_FIELDS];
	struct op_error oe;
	size_t errors = 0;
	int64_t id;
	int rc;

	for (size_t col = 0; col < c->nfields; col++)
		if ((col >= im->ncolumns || im->column_field[col] < 0) && !blank(c->fields[col])) {
			char name[32];
			snprintf(name, sizeof name, "%zu", col + 1);
			row_error(im, c->row, name,
			          "has a value but the first row gives its column no name");
			errors++;
		}
	memset(v, 0, sizeof v);
	for (size_t f = 0; f < k->nfields; f++) {
		int col = im->field_column[f];
		char why[200];
		raw[f] = col >= 0 && (size_t)col < c->nfields ? c->fields[col] : NULL;
		if (raw[f] && (k->fields[f].type == F_LINE || k->fields[f].type == F_LIST))
			raw[f] = fold_lines(raw[f], a);
		if (valid_field(&k->fields[f], raw[f], &v[f], a, why, sizeof why) != 0) {
			row_error(im, c->row, field_heading(im, (int)f), why);
			errors++;
		}
	}
	if (k->key >= 0 && v[k->key].present) {
		char *key = arena_strdup(keys, v[k->key].s);
		size_t first;
		if (k->key_nocase)
			for (char *p = key; *p; p++)
				*p = (char)tolower((unsigned char)*p);
		first = seen_check(&im->seen, key, c->row);
		if (first) {
			char msg[200];
			snprintf(msg, sizeof msg, "%s is already on row %zu of this file",
			         v[k->key].s, first);
			row_error(im, c->row, field_heading(im, k->key), msg);
			errors++;
		}
	}
	if (errors)
		return 0;
	if (core_import_savepoint(im->s, e) != 0)
		return -1;
	memset(&oe, 0, sizeof oe);
	rc = k->add(im->s, im->who, v, &id, &oe);
	if (core_import_release(im->s, rc == 0, e) != 0)
		return -1;
	if (rc != 0) {
		int f = oe.field[0] ? valid_lookup(k->fields, k->nfields, oe.field) : -1;
		row_error(im, c->row, f >= 0 ? field_heading(im, f) : oe.field, oe.msg);
		return 0;
	}
	im->r->rows++;
	return 0;
}

int core_import_csv(struct store *s, const struct actor *who, enum import_kind kind,
                    const char *source, const void *text, size_t len, struct import_report *r,
                    struct op_error *e)
{
	struct importer im = {.s = s, .who = who, .kind = &kinds[kind], .r = r};
	struct arena a, keys;
	struct csv c;
	int rc, ret = -1;

	assert((unsigned)kind < IMPORT__MAX);
	memset(r, 0, sizeof *r);
	memset(e, 0, sizeof *e);
	arena_init(&a);
	arena_init(&keys);
	csv_init(&c, text, len, NULL);

	rc = csv_next(&c, &a);
	if (rc == CSV_END) {
		core_import_error(r, "row 1",
		                  "the file is empty: the first row must name the columns");
		goto out;
	}
	if (rc == CSV_ERROR) {
		csv_error(&im, &c);
		goto out;
	}
	if (read_header(&im, &c, &a) != 0)
		goto out;

	for (;;) {
		struct arena row;
		arena_init(&row);
		rc = csv_next(&c, &row);
		if (rc == CSV_ERROR)
			csv_error(&im, &c);
		else if (rc == CSV_RECORD) {
			int empty = 1;
			for (size_t col = 0; col < c.nfields && empty; col++)
				empty = blank(c.fields[col]);
			if (!empty && import_row(&im, &c, &row, &keys, e) != 0) {
				arena_free(&row);
				goto out;
			}
		}
		arena_free(&row);
		if (rc == CSV_END)
			break;
	}
	if (r->nerrors)
		goto out;
	{
		char action[32], detail[300];
		snprintf(action, sizeof action, "import.%s", im.kind->name);
		snprintf(detail, sizeof detail, "%zu %s from %s", r->rows,
		         core_import_noun(kind, r->rows), source ? source : "a file");
		if (audit_write(s, who, action, "setting", who->setting_id, 0, detail, e) != 0)
			goto out;
	}
	ret = 0;
out:
	if (ret != 0)
		r->rows = 0;
	csv_free(&c);
	seen_free(&im.seen);
	arena_free(&keys);
	arena_free(&a);
	return ret;
}
