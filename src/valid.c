/*
 * valid.c — the validators behind valid.h, one per field type, chosen by
 * a table indexed by type. Each takes the raw text and either fills a
 * normalised value or says, in words a nursery manager understands, what
 * is wrong with it.
 */
#include "valid.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef int validator(const struct field_spec *f, const char *raw, struct field_value *v,
                      struct arena *a, char *why, size_t n);

/* Valid UTF-8 with no control characters (newline and tab allowed when multiline). */
static int text_ok(const char *s, int multiline, size_t *chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t count = 0;
	while (*p) {
		unsigned c = *p;
		int len;
		if (c < 0x80) {
			if ((c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) ||
			    c == 0x7f)
				return -1;
			len = 1;
		} else if ((c & 0xe0) == 0xc0 && c >= 0xc2)
			len = 2;
		else if ((c & 0xf0) == 0xe0)
			len = 3;
		else if ((c & 0xf8) == 0xf0 && c <= 0xf4)
			len = 4;
		else
			return -1;
		for (int k = 1; k < len; k++)
			if ((p[k] & 0xc0) != 0x80)
				return -1;
		p += len;
		count++;
	}
	*chars = count;
	return 0;
}

static int v_text_common(const struct field_spec *f, const char *raw, struct field_value *v,
                         struct arena *a, char *why, size_t n, int multiline)
{
	size_t chars;
	long max = f->max ? f->max : (multiline ? 4000 : 200);
	if (text_ok(raw, multiline, &chars) != 0) {
		snprintf(why, n, "contains characters that are not allowed");
		return -1;
	}
	if ((long)chars > max) {
		snprintf(why, n, "is too long (%zu characters, at most %ld)", chars, max);
		return -1;
	}
	v->s = arena_strdup(a, raw);
	return 0;
}

static int v_text(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	return v_text_common(f, raw, v, a, why, n, 1);
}

static int v_line(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	return v_text_common(f, raw, v, a, why, n, 0);
}

static int v_int(const struct field_spec *f, const char *raw, struct field_value *v,
                 struct arena *a, char *why, size_t n)
{
	long x;
	UNUSED(a);
	if (parse_long(raw, f->min, f->max, &x) != 0) {
		snprintf(why, n, "must be a whole number from %ld to %ld", f->min, f->max);
		return -1;
	}
	v->i = x;
	v->s = arena_printf(a, "%ld", x);
	return 0;
}

static int v_num(const struct field_spec *f, const char *raw, struct field_value *v,
                 struct arena *a, char *why, size_t n)
{
	double x;
	if (parse_double(raw, &x) != 0 || x < (double)f->min || x > (double)f->max) {
		snprintf(why, n, "must be a number from %ld to %ld", f->min, f->max);
		return -1;
	}
	v->d = x;
	v->s = arena_printf(a, "%g", x);
	return 0;
}

static int v_bool(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "on"};
	static const char *const no[] = {"no", "n", "false", "0", "off"};
	UNUSED(f);
	for (size_t k = 0; k < ARRAY_LEN(yes); k++)
		if (strcasecmp(raw, yes[k]) == 0) {
			v->i = 1;
			v->s = arena_strdup(a, "yes");
			return 0;
		}
	for (size_t k = 0; k < ARRAY_LEN(no); k++)
		if (strcasecmp(raw, no[k]) == 0) {
			v->i = 0;
			v->s = arena_strdup(a, "no");
			return 0;
		}
	snprintf(why, n, "must be yes or no");
	return -1;
}

static int v_date(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	int days;
	char iso[DATE_LEN];
	UNUSED(f);
	if (date_parse(raw, &days) != 0) {
		/* DD/MM/YYYY, as British spreadsheets write dates */
		if (strlen(raw) != 10 || raw[2] != '/' || raw[5] != '/') {
			snprintf(why, n, "must be a date as YYYY-MM-DD or DD/MM/YYYY");
			return -1;
		}
		/* DD/MM/YYYY -> YYYY-MM-DD, then the strict parser decides */
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", raw + 6, raw + 3, raw);
		if (date_parse(iso, &days) != 0) {
			snprintf(why, n, "is not a real date");
			return -1;
		}
	}
	date_format(days, iso);
	v->i = days;
	v->s = arena_strdup(a, iso);
	return 0;
}

static int parse_hm(const char *s, size_t len, int *min)
{
	char t[TIME_LEN];
	if (len == 4 && s[1] == ':') { /* 8:00 */
		t[0] = '0';
		memcpy(t + 1, s, 4);
	} else if (len == 5) {
		memcpy(t, s, 5);
	} else {
		return -1;
	}
	t[5] = '\0';
	return time_parse(t, min);
}

static int v_time(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	int m;
	char t[TIME_LEN];
	UNUSED(f);
	if (parse_hm(raw, strlen(raw), &m) != 0) {
		snprintf(why, n, "must be a time as HH:MM");
		return -1;
	}
	time_format(m, t);
	v->i = m;
	v->s = arena_strdup(a, t);
	return 0;
}

static int v_span(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	const char *dash = strchr(raw, '-');
	int s, e;
	char t1[TIME_LEN], t2[TIME_LEN];
	UNUSED(f);
	if (!dash || parse_hm(raw, (size_t)(dash - raw), &s) != 0 ||
	    parse_hm(dash + 1, strlen(dash + 1), &e) != 0) {
		snprintf(why, n, "must be two times as HH:MM-HH:MM");
		return -1;
	}
	if (s >= e) {
		snprintf(why, n, "must start before it ends");
		return -1;
	}
	time_format(s, t1);
	time_format(e, t2);
	v->i = s;
	v->j = e;
	v->s = arena_printf(a, "%s-%s", t1, t2);
	return 0;
}

static int v_enum(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	size_t used = 0;
	UNUSED(a);
	for (const char *const *c = f->choices; c && *c; c++)
		if (strcasecmp(raw, *c) == 0) {
			v->s = *c;
			return 0;
		}
	used = (size_t)snprintf(why, n, "must be one of:");
	for (const char *const *c = f->choices; c && *c && used < n; c++)
		used += (size_t)snprintf(why + used, n - used, " %s", *c);
	return -1;
}

static int v_lang(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	size_t len = strlen(raw);
	char code[4];
	UNUSED(f);
	if (len < 2 || len > 3)
		goto bad;
	for (size_t k = 0; k < len; k++) {
		if (!isalpha((unsigned char)raw[k]))
			goto bad;
		code[k] = (char)tolower((unsigned char)raw[k]);
	}
	code[len] = '\0';
	v->s = arena_strdup(a, code);
	return 0;
bad:
	snprintf(why, n, "must be a language code such as en, pl or ur");
	return -1;
}

static int v_list(const struct field_spec *f, const char *raw, struct field_value *v,
                  struct arena *a, char *why, size_t n)
{
	return v_text_common(f, raw, v, a, why, n, 0);
}

static validator *const validators[F_TYPE__MAX] = {
    [F_TEXT] = v_text, [F_LINE] = v_line, [F_INT] = v_int,   [F_NUM] = v_num,
    [F_BOOL] = v_bool, [F_DATE] = v_date, [F_TIME] = v_time, [F_SPAN] = v_span,
    [F_ENUM] = v_enum, [F_LANG] = v_lang, [F_LIST] = v_list,
};

/* Leading and trailing blanks are not part of a value. */
static const char *trim(const char *raw, struct arena *a)
{
	size_t len;
	while (*raw == ' ' || *raw == '\t')
		raw++;
	len = strlen(raw);
	while (len && (raw[len - 1] == ' ' || raw[len - 1] == '\t' || raw[len - 1] == '\r' ||
	               raw[len - 1] == '\n'))
		len--;
	return arena_strndup(a, raw, len);
}

int valid_field(const struct field_spec *f, const char *raw, struct field_value *out,
                struct arena *a, char *why, size_t n)
{
	memset(out, 0, sizeof *out);
	if (raw)
		raw = trim(raw, a);
	if (!raw || !*raw) {
		if (f->required) {
			snprintf(why, n, "is required");
			return -1;
		}
		out->s = "";
		return 0;
	}
	if ((unsigned)f->type >= F_TYPE__MAX || !validators[f->type]) {
		snprintf(why, n, "has no validator");
		return -1;
	}
	if (validators[f->type](f, raw, out, a, why, n) != 0)
		return -1;
	out->present = 1;
	return 0;
}

int valid_record(const struct field_spec *spec, size_t n, const char *const *raw,
                 struct field_value *out, struct arena *a, struct field_error *err)
{
	for (size_t k = 0; k < n; k++) {
		char why[200];
		if (valid_field(&spec[k], raw[k], &out[k], a, why, sizeof why) != 0) {
			snprintf(err->field, sizeof err->field, "%s", spec[k].name);
			snprintf(err->msg, sizeof err->msg, "%s", why);
			return -1;
		}
	}
	return 0;
}

int valid_lookup(const struct field_spec *spec, size_t n, const char *name)
{
	char norm[64] = {0};
	size_t k = 0;
	while (*name == ' ')
		name++;
	for (; name[k] && k + 1 < sizeof norm; k++) {
		char c = name[k];
		norm[k] = (c == ' ' || c == '-') ? '_' : (char)tolower((unsigned char)c);
	}
	while (k && norm[k - 1] == '_')
		k--;
	norm[k] = '\0';
	for (size_t i = 0; i < n; i++)
		if (strcmp(spec[i].name, norm) == 0)
			return (int)i;
	return -1;
}

size_t valid_split(const char *list, struct arena *a, const char **items, size_t max)
{
	size_t count = 0;
	const char *p = list;
	while (*p && count < max) {
		size_t len = strcspn(p, ";,");
		const char *item = trim(arena_strndup(a, p, len), a);
		if (*item)
			items[count++] = item;
		p += len;
		if (*p)
			p++;
	}
	return count;
}
