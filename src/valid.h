/*
 * valid.h — input validation as tables (after kcgi): every field a form, a
 * CSV column or a JSON body may carry has one entry (name, type, limits);
 * validate a record against its table and handlers receive typed values,
 * or the first field that is wrong with the reason in words.
 *
 * Raw input is text (form fields, CSV cells, JSON values turned to text);
 * an empty text is "not given". Dates are accepted as YYYY-MM-DD or the
 * DD/MM/YYYY of British spreadsheets and always come out as YYYY-MM-DD.
 */
#ifndef KW_VALID_H
#define KW_VALID_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "date.h"

enum field_type {
	F_TEXT, /* UTF-8 text, no control characters but newline/tab; max = length */
	F_LINE, /* like F_TEXT, one line */
	F_INT,  /* whole number in [min, max] */
	F_NUM,  /* decimal number in [min, max] */
	F_BOOL, /* yes/no, y/n, true/false, 1/0 */
	F_DATE, /* a calendar date */
	F_TIME, /* HH:MM */
	F_SPAN, /* HH:MM-HH:MM, start before end (a shift or a session) */
	F_ENUM, /* one of choices (case-insensitive), value is the choice */
	F_LANG, /* a language code: 2 or 3 lower-case letters */
	F_LIST, /* items separated by ';' or ',' (each a F_LINE) */
	F_TYPE__MAX
};

struct field_spec {
	const char *name; /* as in forms, CSV headers and JSON keys */
	enum field_type type;
	int required;
	long min, max; /* F_INT/F_NUM limits; F_TEXT/F_LINE: max length (0 = 200/4000) */
	const char *const *choices; /* F_ENUM: NULL-terminated */
};

struct field_value {
	int present;
	int64_t i;     /* F_INT, F_BOOL, F_DATE (days), F_TIME (minutes), F_SPAN start */
	int64_t j;     /* F_SPAN end */
	double d;      /* F_NUM */
	const char *s; /* normalised text: F_TEXT/LINE/ENUM/LANG/LIST/DATE(YYYY-MM-DD)/TIME */
};

struct field_error {
	char field[64];
	char msg[256];
};

/* Validate one raw value; 0, or -1 with the reason in why. */
int valid_field(const struct field_spec *f, const char *raw, struct field_value *out,
                struct arena *a, char *why, size_t n) WARN_UNUSED;
/* Validate raw[0..n) against spec[0..n); stops at the first bad field. */
int valid_record(const struct field_spec *spec, size_t n, const char *const *raw,
                 struct field_value *out, struct arena *a, struct field_error *err) WARN_UNUSED;
/* Index of the field named name (case-insensitive, spaces and '-' as '_'), or -1. */
int valid_lookup(const struct field_spec *spec, size_t n, const char *name);
/* Split an F_LIST value into at most max items (trimmed, non-empty); returns the count. */
size_t valid_split(const char *list, struct arena *a, const char **items, size_t max);

#endif
