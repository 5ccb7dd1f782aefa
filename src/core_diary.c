/*
 * core_diary.c — the daily diary of core_diary.h: the table of kinds, adding
 * a key group's entries in one go (every row checked before the first is
 * written, so one wrong row writes nothing), publishing a day, reading a
 * day back. Each entry keeps its structured part (item, amount, times) and
 * the whole entry in words in detail ("Lunch: most — loved the pasta"),
 * which is what the parents read.
 */
#include "core_diary.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "core_outbox.h"
#include "valid.h"

static const char *const meals[] = {"breakfast",       "morning snack", "lunch",
                                    "afternoon snack", "tea",           NULL};
static const char *const drinks[] = {"water", "milk", "formula", "juice", "other", NULL};
static const char *const nappies[] = {"wet", "soiled", "dry", NULL};
static const char *const toilets[] = {"wee", "poo", "tried", "accident", NULL};
static const char *const moods[] = {"happy",     "settled", "quiet", "tired",
                                    "unsettled", "poorly",  NULL};
const char *const diary_amounts[] = {"all", "most", "some", "none", NULL};

const struct diary_kind_def diary_kinds[DIARY_KIND__MAX] = {
    [DIARY_MEAL] = {"meal", "Meal", meals, 1, 1, 0, 0},
    [DIARY_DRINK] = {"drink", "Drink", drinks, 0, 1, 0, 0},
    [DIARY_SLEEP] = {"sleep", "Sleep", NULL, 0, 0, 1, 0},
    [DIARY_NAPPY] = {"nappy", "Nappy", nappies, 1, 0, 0, 0},
    [DIARY_TOILET] = {"toilet", "Toilet", toilets, 1, 0, 0, 0},
    [DIARY_ACTIVITY] = {"activity", "Activity", NULL, 0, 0, 0, 1},
    [DIARY_MOOD] = {"mood", "Mood", moods, 1, 0, 0, 0},
    [DIARY_NOTE] = {"note", "Note", NULL, 0, 0, 0, 1},
};

static const struct field_spec detail_spec = {"detail", F_TEXT, 0, 0, DIARY_DETAIL_MAX, NULL};
static const struct field_spec time_spec = {"time", F_TIME, 0, 0, 0, NULL};

static const char *const modes[] = {"end_of_day", "at_once", NULL};

int core_diary_at_once(struct store *s, int64_t setting_id)
{
	struct store_stmt *st = store_stmt(s, STMT_REC_SETTING_DIARY_MODE);
	int yes = 0;
	store_bind_int(st, 1, setting_id);
	if (store_step(st) == STORE_ROW)
		yes = strcmp(store_col_text(st, 0), "at_once") == 0;
	store_finish(st);
	return yes;
}

int core_diary_set_mode(struct store *s, const struct actor *who, const char *mode,
                        struct op_error *e)
{
	struct store_stmt *st;
	int rc, ok = 0;
	for (size_t i = 0; modes[i]; i++)
		ok |= mode && strcmp(mode, modes[i]) == 0;
	if (!ok)
		return op_fail(e, OP_INVALID, "diary_publish", "is end_of_day or at_once");
	st = store_stmt(s, STMT_REC_SETTING_SET_DIARY_MODE);
	store_bind_text(st, 1, mode);
	store_bind_int(st, 2, who->setting_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "changing when the diary is published");
	return audit_write(s, who, "diary.mode", "setting", who->setting_id, 0, mode, e);
}

/* The choice in list equal to v (any case), or NULL. */
static const char *choice(const char *const *list, const char *v)
{
	for (size_t i = 0; list && list[i]; i++)
		if (strcasecmp(list[i], v) == 0)
			return list[i];
	return NULL;
}

static const char *choices_text(struct arena *a, const char *const *list)
{
	const char *s = "";
	for (size_t i = 0; list[i]; i++)
		s = arena_printf(a, "%s%s%s", s,
		                 i == 0        ? ""
		                 : list[i + 1] ? ", "
		                               : " or ",
		                 list[i]);
	return s;
}

/* A checked row, ready to write. */
struct diary_row {
	int64_t child_id;
	const struct diary_kind_def *k;
	const char *item, *amount, *detail, *words;
	int start, end;
};

static int check_row(const struct diary_new *in, struct arena *a, struct diary_row *r,
                     struct op_error *e)
{
	struct field_value v;
	char why[200];
	const char *item = in->item ? in->item : "", *amount = in->amount ? in->amount : "";
	const char *words;
	memset(r, 0, sizeof *r);
	r->child_id = in->child_id;
	r->start = r->end = -1;
	for (size_t i = 0; i < DIARY_KIND__MAX; i++)
		if (in->kind && strcasecmp(in->kind, diary_kinds[i].name) == 0)
			r->k = &diary_kinds[i];
	if (!r->k)
		return op_fail(e, OP_INVALID, "kind",
		               "choose meal, drink, sleep, nappy, toilet, activity, mood or note");
	if (in->child_id <= 0)
		return op_fail(e, OP_INVALID, "child", "choose the child");
	r->item = "";
	if (*item) {
		if (!r->k->items || !(r->item = choice(r->k->items, item)))
			return op_fail(e, OP_INVALID, "item", "%s",
			               r->k->items ? arena_printf(a, "is one of %s",
			                                          choices_text(a, r->k->items))
			                           : "is not asked for this kind of entry");
	} else if (r->k->item_required) {
		return op_fail(e, OP_INVALID, "item", "choose one of %s",
		               choices_text(a, r->k->items));
	}
	r->amount = "";
	if (*amount) {
		if (!r->k->amount || !(r->amount = choice(diary_amounts, amount)))
			return op_fail(e, OP_INVALID, "amount", "%s",
			               r->k->amount ? "is all, most, some or none"
			                            : "is not asked for this kind of entry");
	} else if (r->k->amount && r->k == &diary_kinds[DIARY_MEAL]) {
		return op_fail(e, OP_INVALID, "amount", "say how much: all, most, some or none");
	}
	if (valid_field(&time_spec, in->time ? in->time : "", &v, a, why, sizeof why) != 0)
		return op_fail(e, OP_INVALID, "time", "%s", why);
	if (v.present)
		r->start = (int)v.i;
	if (valid_field(&time_spec, in->end ? in->end : "", &v, a, why, sizeof why) != 0)
		return op_fail(e, OP_INVALID, "end", "%s", why);
	if (v.present)
		r->end = (int)v.i;
	if (r->k->span) {
		if (r->start < 0)
			return op_fail(e, OP_INVALID, "time", "say when the sleep started");
		if (r->end >= 0 && r->end <= r->start)
			return op_fail(e, OP_INVALID, "end", "is not after the start");
	} else if (r->end >= 0) {
		return op_fail(e, OP_INVALID, "end", "only a sleep has an end time");
	}
	if (valid_field(&detail_spec, in->detail ? in->detail : "", &v, a, why, sizeof why) != 0)
		return op_fail(e, OP_INVALID, "detail", "%s", why);
	r->detail = v.present ? v.s : "";
	if (r->k->needs_detail && !*r->detail)
		return op_fail(e, OP_INVALID, "detail", "write what happened");

	/* the entry in words, as the parents read it */
	if (r->k->span) {
		char a1[TIME_LEN], a2[TIME_LEN];
		time_format(r->start, a1);
		if (r->end >= 0) {
			time_format(r->end, a2);
			words = arena_printf(a, "Slept %s–%s", a1, a2);
		} else {
			words = arena_printf(a, "Asleep from %s", a1);
		}
	} else if (r->k->needs_detail) {
		words = "";
	} else if (r->k == &diary_kinds[DIARY_MEAL]) {
		words = arena_printf(a, "%c%s: %s", (char)toupper((unsigned char)r->item[0]),
		                     r->item + 1, r->amount);
	} else {
		words = arena_printf(a, "%s%s%s%s%s", r->k->label, *r->item ? ": " : "", r->item,
		                     !*r->amount ? ""
		                     : *r->item  ? ", "
		                                 : ": ",
		                     r->amount);
	}
	r->words = arena_printf(a, "%s%s%s", words, *words && *r->detail ? " — " : "", r->detail);
	if (!*r->words)
		return op_fail(e, OP_INVALID, "detail", "write something");
	return 0;
}

int core_diary_add(struct store *s, const struct actor *who, int day, int64_t author_staff,
                   const struct diary_new *rows, size_t n, size_t *bad_row, struct op_error *e)
{
	struct diary_row *r;
	struct arena a;
	char date[DATE_LEN];
	int64_t now = time_now(), published;
	int ret = -1, rc;

	*bad_row = 0;
	if (n == 0)
		return op_fail(e, OP_INVALID, "rows", "fill in at least one child's entry");
	if (n > DIARY_ROWS_MAX)
		return op_fail(e, OP_INVALID, "rows", "at most %d entries at once", DIARY_ROWS_MAX);
	arena_init(&a);
	r = arena_alloc(&a, n * sizeof *r);
	for (size_t i = 0; i < n; i++)
		if (check_row(&rows[i], &a, &r[i], e) != 0) {
			*bad_row = i + 1;
			goto out;
		}
	published = core_diary_at_once(s, who->setting_id) ? now : 0;
	date_format(day, date);
	for (size_t i = 0; i < n; i++) {
		struct store_stmt *st = store_stmt(s, STMT_DIARY_INSERT);
		int64_t id;
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, r[i].child_id);
		store_bind_text(st, 3, date);
		store_bind_text(st, 4, r[i].k->name);
		if (r[i].start >= 0)
			store_bind_int(st, 5, r[i].start);
		if (r[i].end >= 0)
			store_bind_int(st, 6, r[i].end);
		store_bind_text(st, 7, r[i].words);
		store_bind_id(st, 8, author_staff);
		store_bind_int(st, 9, now);
		store_bind_id(st, 10, published);
		store_bind_text(st, 11, r[i].item);
		store_bind_text(st, 12, r[i].amount);
		if ((rc = store_run(st)) != STORE_OK) {
			*bad_row = i + 1;
			if (rc == STORE_CONSTRAINT)
				op_fail(e, OP_INVALID, "child", "there is no such child");
			else
				op_store_fail(e, s, rc, "adding the diary entry");
			goto out;
		}
		id = store_last_id(s);
		if (audit_write(s, who, "diary.add", "diary_entry", id, r[i].child_id,
		                arena_printf(&a, "%s %s%s", date, r[i].k->name,
		                             published ? " (published)" : ""),
		                e) != 0)
			goto out;
	}
	ret = 0;
out:
	arena_free(&a);
	return ret;
}

int core_diary_publish(struct store *s, const struct actor *who, int day, int64_t child_id,
                       int up_to, int *count, struct op_error *e)
{
	struct store_stmt *st;
	char date[DATE_LEN], detail[64];
	int64_t *told = NULL;
	size_t n_told = 0, cap = 0;
	int rc, ret = -1;
	date_format(day, date);
	*count = 0;
	/* the families told: the children with entries about to be published */
	if (up_to) {
		st = store_stmt(s, STMT_OUTBOX_DIARY_CHILDREN_UP_TO);
		store_bind_int(st, 1, who->setting_id);
		store_bind_text(st, 2, date);
	} else {
		st = store_stmt(s, STMT_OUTBOX_DIARY_CHILDREN_DAY);
		store_bind_int(st, 1, who->setting_id);
		store_bind_text(st, 2, date);
		store_bind_int(st, 3, child_id);
		store_bind_int(st, 4, child_id);
	}
	while (store_step(st) == STORE_ROW) {
		if (n_told == cap) {
			cap = cap ? cap * 2 : 16;
			told = xrealloc(told, cap * sizeof *told);
		}
		told[n_told++] = store_col_int(st, 0);
	}
	store_finish(st);
	for (size_t i = 0; i < n_told; i++)
		if (core_outbox_family(s, who->setting_id, told[i], OUTBOX_DIARY, "", e) != 0)
			goto out;
	if (up_to) {
		st = store_stmt(s, STMT_DIARY_PUBLISH_UP_TO);
		store_bind_int(st, 1, time_now());
		store_bind_int(st, 2, who->setting_id);
		store_bind_text(st, 3, date);
	} else {
		st = store_stmt(s, STMT_DIARY_PUBLISH_DAY);
		store_bind_int(st, 1, time_now());
		store_bind_int(st, 2, who->setting_id);
		store_bind_text(st, 3, date);
		store_bind_int(st, 4, child_id);
		store_bind_int(st, 5, child_id);
	}
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "publishing the diary");
		goto out;
	}
	*count = store_changes(s);
	ret = 0;
	if (*count == 0)
		goto out;
	snprintf(detail, sizeof detail, "%s%s: %d entries", up_to ? "up to " : "", date, *count);
	ret = audit_write(s, who, "diary.publish", "diary_entry", 0, child_id, detail, e);
out:
	free(told);
	return ret;
}

int core_diary_day(struct store *s, int64_t setting_id, int day, int64_t child_id, struct arena *a,
                   struct diary_entry **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_DIARY_DAY);
	char date[DATE_LEN];
	size_t cap = 16;
	struct diary_entry *d = arena_alloc(a, cap * sizeof *d);
	int rc;
	*n = 0;
	*out = d;
	date_format(day, date);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, date);
	store_bind_int(st, 3, child_id);
	store_bind_int(st, 4, child_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct diary_entry *x;
		if (*n == cap) {
			struct diary_entry *grown = arena_alloc(a, 2 * cap * sizeof *d);
			memcpy(grown, d, cap * sizeof *d);
			d = grown;
			cap *= 2;
		}
		x = &d[(*n)++];
		x->id = store_col_int(st, 0);
		x->child_id = store_col_int(st, 1);
		x->date = arena_strdup(a, store_col_text(st, 2));
		x->kind = arena_strdup(a, store_col_text(st, 3));
		x->item = arena_strdup(a, store_col_text(st, 4));
		x->amount = arena_strdup(a, store_col_text(st, 5));
		x->start_min = store_col_null(st, 6) ? -1 : (int)store_col_int(st, 6);
		x->end_min = store_col_null(st, 7) ? -1 : (int)store_col_int(st, 7);
		x->detail = arena_strdup(a, store_col_text(st, 8));
		x->author = arena_strdup(a, store_col_text(st, 9));
		x->created_at = store_col_int(st, 10);
		x->published_at = store_col_int(st, 11);
	}
	store_finish(st);
	*out = d;
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the diary");
	return 0;
}

/* ---- demo data (core_demo.c calls this once, inside its transaction) ---- */

#include "core_meeting.h"
#include "core_twoyear.h"
#include "core_weekly.h"

#define DEMO_DIARY_CHILDREN 24

struct demo_kid {
	int64_t id, key;
	int months;
};

/* Yesterday's diary (published at the end of the day) and this morning's
 * (not yet) for the children of one room — the toddlers', where the checks
 * at two are — then the week's updates (a third sent, a third in draft,
 * the rest outstanding), a draft check at two and a meeting with the
 * family. Bounded, so a 400-child demo stays fast. */
int core_diary_demo(struct store *s, const struct actor *who, int today, struct op_error *e)
{
	static const char *const meals_eaten[] = {"all", "most", "all", "some", "all", "none"};
	static const char *const moods_seen[] = {"happy", "settled", "happy", "tired", "happy"};
	static const char *const nappy_seen[] = {"wet", "soiled", "wet", "dry"};
	struct store_stmt *st;
	struct demo_kid kids[DEMO_DIARY_CHILDREN];
	struct diary_new rows[DEMO_DIARY_CHILDREN * 5];
	struct arena a;
	char d[DATE_LEN];
	int64_t room = 0;
	size_t n = 0, nr, bad;
	int ret = -1, count, monday = core_weekly_monday(today);

	arena_init(&a);
	date_format(today, d);
	/* the room of the first child between 24 and 36 months (the toddlers'), then its children
	 */
	for (int pass = 0; pass < 2; pass++) {
		st = store_stmt(s, STMT_REC_CHILDREN);
		store_bind_text(st, 1, d);
		store_bind_text(st, 2, d);
		store_bind_int(st, 3, who->setting_id);
		store_bind_text(st, 4, d);
		store_bind_text(st, 5, d);
		while (store_step(st) == STORE_ROW && n < DEMO_DIARY_CHILDREN) {
			int dob, months;
			if (date_parse(store_col_text(st, 4), &dob) != 0)
				continue;
			months = date_age_months(dob, today);
			if (pass == 0 && months >= TWOYEAR_FROM_MONTHS &&
			    months < TWOYEAR_UNTIL_MONTHS) {
				room = store_col_int(st, 5);
				break;
			}
			if (pass == 1 && store_col_int(st, 5) == room)
				kids[n++] = (struct demo_kid){store_col_int(st, 0),
				                              store_col_int(st, 7), months};
		}
		store_finish(st);
		if (!room)
			break;
	}
	if (!n) {
		ret = 0;
		goto out;
	}
	/* yesterday, then this morning */
	for (int pass = 0; pass < 2; pass++) {
		int day = pass == 0 ? today - 1 : today;
		nr = 0;
		for (size_t i = 0; i < n; i++) {
			rows[nr++] =
			    (struct diary_new){kids[i].id,
			                       "meal",
			                       "morning snack",
			                       meals_eaten[(i + 1) % ARRAY_LEN(meals_eaten)],
			                       "09:45",
			                       "",
			                       ""};
			rows[nr++] = (struct diary_new){
			    kids[i].id, "mood", moods_seen[i % ARRAY_LEN(moods_seen)], "",
			    "10:00",    "",     pass ? "" : "Loved the water tray"};
			if (pass == 1)
				continue;
			rows[nr++] = (struct diary_new){kids[i].id,
			                                "meal",
			                                "lunch",
			                                meals_eaten[i % ARRAY_LEN(meals_eaten)],
			                                "11:45",
			                                "",
			                                i % 3 == 0 ? "Asked for more pasta" : ""};
			rows[nr++] = (struct diary_new){
			    kids[i].id, "sleep", "", "", "12:30", i % 2 ? "13:45" : "14:15", ""};
			rows[nr++] =
			    (struct diary_new){kids[i].id,
			                       kids[i].months < 30 ? "nappy" : "toilet",
			                       kids[i].months < 30 ? nappy_seen[i % 4] : "wee",
			                       "",
			                       "14:30",
			                       "",
			                       ""};
		}
		if (core_diary_add(s, who, day, kids[0].key, rows, nr, &bad, e) != 0)
			goto out;
		if (pass == 0 && core_diary_publish(s, who, day, 0, 0, &count, e) != 0)
			goto out;
	}
	/* the week's updates: a third sent, a third drafts, the rest outstanding */
	for (size_t i = 0; i < n; i++) {
		const char *text;
		if (i % 3 == 2)
			continue;
		if (core_weekly_draft(s, who->setting_id, kids[i].id, monday, &a, &text, e) != 0 ||
		    core_weekly_save(s, who, kids[i].id, monday, kids[i].key, text, i % 3 == 0,
		                     e) != 0)
			goto out;
	}
	/* a draft check at two and a meeting with the family, for the first child due */
	for (size_t i = 0; i < n; i++) {
		const char *raw[TWOYEAR__MAX] = {0}, *mraw[MEETING__MAX];
		const char *method, *time, *with;
		struct field_value v[TWOYEAR__MAX], mv[MEETING__MAX];
		struct field_error fe;
		int64_t id;
		if (kids[i].months < TWOYEAR_FROM_MONTHS || kids[i].months >= TWOYEAR_UNTIL_MONTHS)
			continue;
		raw[TWOYEAR_DATE] = d;
		raw[TWOYEAR_CL_LEVEL] = "expected";
		raw[TWOYEAR_CL_TEXT] = "Puts two words together (\"more milk\", \"daddy gone\"); "
		                       "points to pictures in a book when asked.";
		raw[TWOYEAR_PD_LEVEL] = "expected";
		raw[TWOYEAR_PD_TEXT] = "Runs and climbs with confidence; feeds self with a spoon.";
		raw[TWOYEAR_PSED_LEVEL] = "less_than_expected";
		raw[TWOYEAR_PSED_TEXT] = "Finds it hard to settle after drop-off; needs a familiar "
		                         "adult close by in busy times.";
		raw[TWOYEAR_STRENGTHS] = "Curious, loves the water tray and stories about animals.";
		if (valid_record(core_twoyear_fields, TWOYEAR__MAX, raw, v, &a, &fe) != 0 ||
		    core_twoyear_save(s, who, kids[i].id, kids[i].key, v, 0, &id, e) != 0)
			goto out;
		core_meeting_preference(s, who->setting_id, kids[i].id, &a, &method, &time, &with);
		/* a week ahead (of the real day, when the demo starts in the past) */
		date_format(today + 7 > date_today(NULL) ? today + 7 : date_today(NULL) + 7, d);
		mraw[MEETING_DATE] = d;
		mraw[MEETING_TIME] = "16:30";
		mraw[MEETING_METHOD] = method;
		mraw[MEETING_WITH] = with;
		if (valid_record(core_meeting_fields, MEETING__MAX, mraw, mv, &a, &fe) != 0 ||
		    core_meeting_schedule(s, who, kids[i].id, kids[i].key, mv, "Europe/London", &id,
		                          e) != 0)
			goto out;
		break;
	}
	ret = 0;
out:
	arena_free(&a);
	return ret;
}
