/*
 * core_weekly.c — the weekly update of core_weekly.h: the draft from the
 * week's records, saving and sending (one row per child and week; a sent
 * update is final), and the week's state for every child on roll.
 */
#include "core_weekly.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "valid.h"

static const char *const weekdays[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

static const struct field_spec text_spec = {"text", F_TEXT, 0, 0, WEEKLY_TEXT_MAX, NULL};

int core_weekly_monday(int day)
{
	return day - date_weekday(day);
}

int core_weekly_draft(struct store *s, int64_t setting_id, int64_t child_id, int monday,
                      struct arena *a, const char **text, struct op_error *e)
{
	struct store_stmt *st;
	char from[DATE_LEN], to[DATE_LEN], last[DATE_LEN] = "";
	struct buf b;
	int rc, obs = 0, diary = 0;
	date_format(monday, from);
	date_format(monday + 7, to);
	buf_init(&b, 64u << 10);
	st = store_stmt(s, STMT_WEEKLY_OBSERVATIONS);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, from);
	store_bind_text(st, 4, to);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (!obs++ && buf_puts(&b, "What we noticed this week:\n") != 0)
			break;
		if (buf_printf(&b, "- %s\n", store_col_text(st, 1)) != 0)
			break;
		if (*store_col_text(st, 2) &&
		    buf_printf(&b, "  Next: %s\n", store_col_text(st, 2)) != 0)
			break;
	}
	store_finish(st);
	if (rc != STORE_DONE && rc != STORE_ROW) {
		buf_free(&b);
		return op_store_fail(e, s, rc, "reading the week's observations");
	}
	st = store_stmt(s, STMT_DIARY_WEEK);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, from);
	store_bind_text(st, 4, to);
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *date = store_col_text(st, 0);
		int d = 0;
		if (!diary++ && buf_printf(&b, "%sFrom the diary:", obs ? "\n" : "") != 0)
			break;
		if (strcmp(date, last) != 0) {
			if (date_parse(date, &d) != 0)
				d = monday;
			if (buf_printf(&b, "\n%s: ", weekdays[date_weekday(d)]) != 0)
				break;
			snprintf(last, sizeof last, "%s", date);
		} else if (buf_puts(&b, "; ") != 0) {
			break;
		}
		if (buf_puts(&b, store_col_text(st, 2)) != 0)
			break;
	}
	store_finish(st);
	if (rc != STORE_DONE && rc != STORE_ROW) {
		buf_free(&b);
		return op_store_fail(e, s, rc, "reading the week's diary");
	}
	if (diary && buf_puts(&b, "\n") != 0) {
		/* the draft is as long as the buffer allows */
	}
	if (!obs && !diary && buf_puts(&b, "Nothing recorded yet this week.\n") != 0) {
		/* cannot fail on an empty buffer */
	}
	*text = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return 0;
}

int core_weekly_get(struct store *s, int64_t setting_id, int64_t child_id, int monday,
                    struct arena *a, struct weekly *out, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_WEEKLY_GET);
	char from[DATE_LEN];
	int rc;
	memset(out, 0, sizeof *out);
	out->text = out->author = "";
	date_format(monday, from);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, from);
	rc = store_step(st);
	if (rc == STORE_ROW) {
		out->id = store_col_int(st, 0);
		out->text = arena_strdup(a, store_col_text(st, 1));
		out->sent_at = store_col_int(st, 2);
		out->updated_at = store_col_int(st, 3);
		out->author = arena_strdup(a, store_col_text(st, 4));
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the weekly update");
	return 0;
}

int core_weekly_save(struct store *s, const struct actor *who, int64_t child_id, int monday,
                     int64_t author_staff, const char *text, int send, struct op_error *e)
{
	struct field_value v;
	struct weekly w;
	struct store_stmt *st;
	struct arena a;
	char why[200], from[DATE_LEN];
	int64_t now = time_now(), id;
	int rc, ret = -1;

	arena_init(&a);
	if (valid_field(&text_spec, text ? text : "", &v, &a, why, sizeof why) != 0) {
		op_fail(e, OP_INVALID, "text", "%s", why);
		goto out;
	}
	if (!v.present || !*v.s) {
		op_fail(e, OP_INVALID, "text", "write the update before saving or sending it");
		goto out;
	}
	if (core_weekly_get(s, who->setting_id, child_id, monday, &a, &w, e) != 0)
		goto out;
	if (w.sent_at) {
		op_fail(e, OP_CONFLICT, "text", "this week's update has already been sent");
		goto out;
	}
	date_format(monday, from);
	if (w.id) {
		st = store_stmt(s, STMT_WEEKLY_UPDATE);
		store_bind_text(st, 1, v.present ? v.s : "");
		store_bind_id(st, 2, author_staff);
		store_bind_id(st, 3, send ? now : 0);
		store_bind_int(st, 4, now);
		store_bind_int(st, 5, who->setting_id);
		store_bind_int(st, 6, w.id);
		id = w.id;
	} else {
		st = store_stmt(s, STMT_WEEKLY_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, child_id);
		store_bind_text(st, 3, from);
		store_bind_id(st, 4, author_staff);
		store_bind_text(st, 5, v.present ? v.s : "");
		store_bind_id(st, 6, send ? now : 0);
		store_bind_int(st, 7, now);
		id = 0;
	}
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "saving the weekly update");
		goto out;
	}
	if (!id)
		id = store_last_id(s);
	ret = audit_write(s, who, send ? "weekly.send" : "weekly.save", "weekly_update", id,
	                  child_id, from, e);
out:
	arena_free(&a);
	return ret;
}

static const char *name_of(struct arena *a, struct store_stmt *st, int first)
{
	const char *pref = store_col_text(st, first + 2);
	return arena_printf(a, "%s %s", *pref ? pref : store_col_text(st, first),
	                    store_col_text(st, first + 1));
}

int core_weekly_week(struct store *s, int64_t setting_id, int monday, struct arena *a,
                     struct weekly_row **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REC_CHILDREN);
	char from[DATE_LEN], friday[DATE_LEN];
	size_t cap = 64;
	struct weekly_row *r = arena_alloc(a, cap * sizeof *r);
	int rc;
	*n = 0;
	date_format(monday, from);
	date_format(monday + 4, friday);
	store_bind_text(st, 1, friday);
	store_bind_text(st, 2, friday);
	store_bind_int(st, 3, setting_id);
	store_bind_text(st, 4, friday);
	store_bind_text(st, 5, from);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			struct weekly_row *grown = arena_alloc(a, 2 * cap * sizeof *r);
			memcpy(grown, r, cap * sizeof *r);
			r = grown;
			cap *= 2;
		}
		r[*n].child_id = store_col_int(st, 0);
		r[*n].child = name_of(a, st, 1);
		r[*n].room = arena_strdup(a, store_col_text(st, 6));
		r[*n].key_person_id = store_col_int(st, 7);
		r[*n].key_person = arena_strdup(a, store_col_text(st, 8));
		r[*n].state = WEEKLY_NONE;
		(*n)++;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the children of the week");
	st = store_stmt(s, STMT_WEEKLY_OF_WEEK);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, from);
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t child = store_col_int(st, 0);
		for (size_t i = 0; i < *n; i++)
			if (r[i].child_id == child)
				r[i].state = store_col_null(st, 1) ? WEEKLY_DRAFT : WEEKLY_SENT;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the week's updates");
	*out = r;
	return 0;
}
