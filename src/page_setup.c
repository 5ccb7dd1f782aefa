/*
 * page_setup.c — what the set-up pages share: forms drawn from the core
 * field tables (valid.h), so a form, a CSV column and a JSON key are the
 * same field with the same rules. A struct setup_form pairs a field table
 * with the inputs people fill in (label, hint, kind of input); the same
 * description reads the request, validates it, re-shows the form with the
 * person's input kept and each error beside its field (and summarised at
 * the top, linking to the field), and turns a core operation's refusal
 * into that same error. Also: a week's dates, ages, time spans, URLs.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "page_setup.h"

static const struct setup_input_def *input_of(const struct setup_form *f, const char *field)
{
	for (size_t i = 0; i < f->ninputs; i++)
		if (strcmp(f->spec[f->inputs[i].field].name, field) == 0)
			return &f->inputs[i];
	return NULL;
}

const char *page_setup_label(const struct setup_form *f, const char *field)
{
	const struct setup_input_def *in = input_of(f, field);
	return in ? in->label : field;
}

void page_setup_form_read(struct web *w, const struct setup_form *f, const char **raw)
{
	for (size_t k = 0; k < f->nspec; k++)
		raw[k] = web_field(w, f->spec[k].name);
	for (size_t i = 0; i < f->ninputs; i++)
		if (f->inputs[i].kind == SETUP_CHECK && !*raw[f->inputs[i].field])
			raw[f->inputs[i].field] = "no";
}

static void set_error(struct web *w, const struct setup_form *f, const char *field, const char *msg)
{
	w->field_error[0] = arena_strdup(w->a, field);
	if (*field && input_of(f, field))
		w->field_error[1] = arena_printf(w->a, "%s: %s", page_setup_label(f, field), msg);
	else
		w->field_error[1] = arena_strdup(w->a, msg);
}

int page_setup_form_check(struct web *w, const struct setup_form *f, const char *const *raw,
                          struct field_value *v)
{
	struct field_error err;
	if (valid_record(f->spec, f->nspec, raw, v, w->a, &err) == 0)
		return 0;
	set_error(w, f, err.field, err.msg);
	return -1;
}

int page_setup_form_refused(struct web *w, const struct setup_form *f, const struct op_error *e)
{
	set_error(w, f, e->field, e->msg);
	switch (e->status) {
	case OP_INVALID:
		return 422;
	case OP_OK:
	case OP_FAILED:
		return 500;
	case OP_NOT_FOUND:
	case OP_FORBIDDEN:
	case OP_CONFLICT:
		break;
	}
	return (int)e->status;
}

void page_setup_form_errors(struct web *w, const struct setup_form *f)
{
	struct buf *b = &w->resp->body;
	const char *field = w->field_error[0];
	if (!field || !w->field_error[1])
		return;
	html_raw(b, "<div class=\"alert\" role=\"alert\"><p><strong>Nothing was saved.</strong> ");
	if (*field && input_of(f, field))
		html_printf(b, "<a href=\"#%s\">%s</a>", field, w->field_error[1]);
	else
		html_printf(b, "%s", w->field_error[1]);
	html_raw(b, "</p></div>");
}

static int is_yes(const char *v)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "on"};
	for (size_t k = 0; k < ARRAY_LEN(yes); k++)
		if (strcasecmp(v, yes[k]) == 0)
			return 1;
	return 0;
}

/* The attributes every input shares: hint and error for screen readers, required. */
static void input_attrs(struct web *w, const struct field_spec *spec, const char *hint)
{
	struct buf *b = &w->resp->body;
	int bad = w->field_error[0] && strcmp(w->field_error[0], spec->name) == 0;
	if (spec->required)
		html_raw(b, " required");
	if (bad)
		html_raw(b, " aria-invalid=\"true\"");
	if (hint && bad)
		html_printf(b, " aria-describedby=\"%s-hint %s-error\"", spec->name, spec->name);
	else if (hint)
		html_printf(b, " aria-describedby=\"%s-hint\"", spec->name);
	else if (bad)
		html_printf(b, " aria-describedby=\"%s-error\"", spec->name);
}

static void option(struct buf *b, const char *value, const char *label, const char *current)
{
	html_printf(b, "<option value=\"%s\"%s>%s</option>", value,
	            strcasecmp(value, current) == 0 ? " selected" : "", label);
}

static void select_rooms(struct web *w, const char *current)
{
	struct store_stmt *st = store_stmt(w->s, STMT_ROOM_LIST);
	option(&w->resp->body, "", "Choose a room", current);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW)
		option(&w->resp->body, store_col_text(st, 1), store_col_text(st, 1), current);
	store_finish(st);
}

static void select_staff(struct web *w, const char *current)
{
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_STAFF_LIST);
	char today[DATE_LEN];
	date_format(page_setup_today(w), today);
	option(&w->resp->body, "", "Nobody yet", current);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		const char *leaving = store_col_text(st, 10);
		if (*leaving && strcmp(leaving, today) < 0)
			continue; /* has left */
		option(&w->resp->body, store_col_text(st, 1),
		       arena_printf(w->a, "%s %s%s", store_col_text(st, 1), store_col_text(st, 2),
		                    store_col_int(st, 6) ? "" : " (buddy only)"),
		       current);
	}
	store_finish(st);
}

static void one_input(struct web *w, const struct setup_form *f, const struct setup_input_def *in,
                      const char *value)
{
	struct buf *b = &w->resp->body;
	const struct field_spec *spec = &f->spec[in->field];
	const char *name = spec->name;
	const char *type = "text";

	if (in->kind == SETUP_CHECK) {
		html_printf(b,
		            "<div class=\"check\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" "
		            "value=\"yes\"%s",
		            name, name, is_yes(value) ? " checked" : "");
		input_attrs(w, &(struct field_spec){.name = name}, in->hint);
		html_printf(b, "><label for=\"%s\">%s</label></div>", name, in->label);
		if (in->hint)
			html_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", name, in->hint);
		page_field_error(w, name);
		return;
	}
	html_printf(b, "<label for=\"%s\">%s%s</label>", name, in->label,
	            spec->required ? "" : " (optional)");
	if (in->hint)
		html_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", name, in->hint);
	switch (in->kind) {
	case SETUP_SELECT:
	case SETUP_ROOM:
	case SETUP_STAFF:
		html_printf(b, "<select id=\"%s\" name=\"%s\"", name, name);
		input_attrs(w, spec, in->hint);
		html_raw(b, ">");
		if (in->kind == SETUP_ROOM)
			select_rooms(w, value);
		else if (in->kind == SETUP_STAFF)
			select_staff(w, value);
		else
			for (const char *const *o = in->options; o && o[0] && o[1]; o += 2)
				option(b, o[0], o[1], value);
		html_raw(b, "</select>");
		page_field_error(w, name);
		return;
	case SETUP_DATE:
		type = "date";
		break;
	case SETUP_NUMBER:
		type = "number";
		break;
	case SETUP_TEL:
		type = "tel";
		break;
	case SETUP_EMAIL:
		type = "email";
		break;
	case SETUP_TEXT:
	case SETUP_SPAN:
	case SETUP_CHECK:
		break;
	}
	html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"", type, name, name,
	            value);
	if (in->kind == SETUP_NUMBER)
		html_printf(b, " min=\"%ld\" max=\"%ld\" inputmode=\"numeric\"", spec->min,
		            spec->max);
	if (in->kind == SETUP_SPAN)
		html_raw(b, " placeholder=\"08:00-16:00\" class=\"span\"");
	if ((spec->type == F_LINE || spec->type == F_LIST) && spec->max)
		html_printf(b, " maxlength=\"%ld\"", spec->max);
	input_attrs(w, spec, in->hint);
	html_raw(b, ">");
	page_field_error(w, name);
}

void page_setup_form_inputs(struct web *w, const struct setup_form *f, const char *const *raw)
{
	struct buf *b = &w->resp->body;
	int open = 0;
	for (size_t i = 0; i < f->ninputs; i++) {
		const struct setup_input_def *in = &f->inputs[i];
		if (in->legend) {
			if (open)
				html_raw(b, "</fieldset>");
			html_printf(b, "<fieldset><legend>%s</legend>", in->legend);
			open = 1;
		}
		one_input(w, f, in, raw && raw[in->field] ? raw[in->field] : "");
	}
	if (open)
		html_raw(b, "</fieldset>");
}

int page_setup_today(struct web *w)
{
	return date_today(w->setting.time_zone);
}

int page_setup_monday(int day)
{
	return day - date_weekday(day);
}

const char *page_setup_age(struct web *w, const char *dob, int day)
{
	int born, months;
	if (date_parse(dob, &born) != 0)
		return "";
	months = date_age_months(born, day);
	if (months < 0)
		return "not born yet";
	if (months < 24)
		return arena_printf(w->a, "%d month%s", months, months == 1 ? "" : "s");
	if (months % 12 == 0)
		return arena_printf(w->a, "%d years", months / 12);
	return arena_printf(w->a, "%d years %d month%s", months / 12, months % 12,
	                    months % 12 == 1 ? "" : "s");
}

const char *page_setup_span(struct web *w, int64_t start, int64_t end)
{
	char a[TIME_LEN], b[TIME_LEN];
	time_format((int)start, a);
	time_format((int)end, b);
	return arena_printf(w->a, "%s–%s", a, b);
}

const char *page_setup_url(struct web *w, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *out = arena_alloc(w->a, 3 * n + 1), *p = out;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			*p++ = (char)c;
		} else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

struct staff_name {
	int64_t id;
	const char *name;
};

static int by_staff_name_id(const void *a, const void *b)
{
	int64_t x = ((const struct staff_name *)a)->id, y = ((const struct staff_name *)b)->id;
	return (x > y) - (x < y);
}

/* A list naming many key persons reads the setting's staff once, on the
 * second name, rather than one query per name. */
const char *page_setup_staff_name(struct web *w, int64_t staff_id)
{
	struct web_memo *m = &w->memo;
	struct store_stmt *st;
	const char *name = "";
	if (m->staff_lookups++ == 1) {
		size_t cap = 0;
		int rc;
		st = store_stmt(w->s, STMT_STAFF_NAMES);
		store_bind_int(st, 1, w->me.setting_id);
		while ((rc = store_step(st)) == STORE_ROW) {
			struct staff_name *p = ARENA_PUSH(w->a, m->staff, m->nstaff, cap);
			p->id = store_col_int(st, 0);
			p->name = arena_strdup(w->a, store_col_text(st, 1));
		}
		store_finish(st);
		if (rc != STORE_DONE) {
			m->staff = NULL;
			m->nstaff = 0;
		}
	}
	if (m->staff) {
		struct staff_name key = {.id = staff_id};
		const struct staff_name *p =
		    find_n(&key, m->staff, m->nstaff, sizeof key, by_staff_name_id);
		return p ? p->name : "";
	}
	st = store_stmt(w->s, STMT_STAFF_GET);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, staff_id);
	if (store_step(st) == STORE_ROW)
		name = arena_strdup(w->a, store_col_text(st, 2));
	store_finish(st);
	return name;
}

static const char *const weekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};

const char *page_setup_weekday(int weekday)
{
	return weekday >= 0 && weekday < 7 ? weekdays[weekday] : "";
}

const char *page_setup_day(struct web *w, int day)
{
	static const char *const months[] = {"January",   "February", "March",    "April",
	                                     "May",       "June",     "July",     "August",
	                                     "September", "October",  "November", "December"};
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return arena_printf(w->a, "%s %d %s", weekdays[date_weekday(day)], d, months[m - 1]);
}

void *page_setup_grow(struct web *w, void *arr, size_t *cap, size_t n, size_t size)
{
	void *bigger;
	if (n < *cap)
		return arr;
	*cap = *cap ? 2 * *cap : 16;
	bigger = arena_alloc(w->a, *cap * size);
	if (arr && n)
		memcpy(bigger, arr, n * size);
	return bigger;
}

const struct setup_staff_room *page_setup_staff_rooms(struct web *w, size_t *n)
{
	struct store_stmt *st = store_stmt(w->s, STMT_STAFF_ROOMS);
	struct setup_staff_room *v = NULL;
	size_t cap = 0;
	*n = 0;
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		v = page_setup_grow(w, v, &cap, *n, sizeof *v);
		v[*n].staff_id = store_col_int(st, 0);
		v[*n].room_id = store_col_int(st, 1);
		v[*n].room = arena_strdup(w->a, store_col_text(st, 2));
		(*n)++;
	}
	store_finish(st);
	return v;
}
