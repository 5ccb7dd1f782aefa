/*
 * core_welfare.c — the welfare patterns of core_welfare.h. The absence
 * patterns load, for the days from the longest look-back to today, the
 * children attending, their weekly pattern and bookings (expected days),
 * their absence records, their sign-ins and the days the register was kept;
 * then walk each child's days once, in a small table of flags per day
 * (struct day_marks), counting the window's absences, following runs of
 * absent expected days and noting the days nobody followed up. The
 * development patterns read the latest check at two and the held reviews
 * of each child, newest first.
 */
#include "core_welfare.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core_setting.h"
#include "date.h"

const struct welfare_rules core_welfare_defaults = {3, 4, 5, 10};

const struct field_spec core_welfare_rule_fields[WELFARE_RULE__MAX] = {
    [WELFARE_REPEATED_ABSENCES] = {"repeated_absences", F_INT, 1, 2, 30, NULL},
    [WELFARE_REPEATED_WEEKS] = {"repeated_weeks", F_INT, 1, 1, 26, NULL},
    [WELFARE_PROLONGED_DAYS] = {"prolonged_days", F_INT, 1, 2, 60, NULL},
    [WELFARE_PROLONGED_CALENDAR_DAYS] = {"prolonged_calendar_days", F_INT, 1, 2, 120, NULL},
};

const char *const core_welfare_rule_labels[WELFARE_RULE__MAX] = {
    [WELFARE_REPEATED_ABSENCES] = "Repeated absence: this many absences",
    [WELFARE_REPEATED_WEEKS] = "… within this many weeks",
    [WELFARE_PROLONGED_DAYS] = "Prolonged absence: this many expected days in a row",
    [WELFARE_PROLONGED_CALENDAR_DAYS] = "… or absences spanning this many calendar days",
};

const char *const core_welfare_kind_names[WELFARE_KIND__MAX] = {
    [WELFARE_REPEATED] = "repeated",
    [WELFARE_PROLONGED] = "prolonged",
    [WELFARE_NOT_FOLLOWED_UP] = "not_followed_up",
    [WELFARE_TWO_YEAR_CHECK] = "two_year_check",
    [WELFARE_REVIEWS] = "reviews",
};

const char *const core_welfare_levels[] = {"", "expected", "less_than_expected", "above", NULL};

static int finish(struct store_stmt *st, int rc)
{
	store_finish(st);
	return rc == STORE_DONE ? 0 : rc;
}

int core_welfare_rules_get(struct store *s, int64_t setting_id, struct welfare_rules *out,
                           struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_WELFARE_RULE_GET);
	int rc;
	*out = core_welfare_defaults;
	store_bind_int(st, 1, setting_id);
	if ((rc = store_step(st)) == STORE_ROW) {
		out->repeated_absences = (int)store_col_int(st, 0);
		out->repeated_weeks = (int)store_col_int(st, 1);
		out->prolonged_days = (int)store_col_int(st, 2);
		out->prolonged_calendar_days = (int)store_col_int(st, 3);
		rc = store_step(st);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the welfare thresholds");
	return 0;
}

int core_welfare_rules_set(struct store *s, const struct actor *who, const struct field_value *v,
                           struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_WELFARE_RULE_SET);
	char detail[160];
	int rc;
	assert(store_in_transaction(s));
	store_bind_int(st, 1, who->setting_id);
	for (int k = 0; k < WELFARE_RULE__MAX; k++) {
		assert(v[k].present);
		store_bind_int(st, 2 + k, v[k].i);
	}
	store_bind_id(st, 6, who->user_id);
	store_bind_int(st, 7, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "saving the welfare thresholds");
	snprintf(detail, sizeof detail,
	         "repeated %lld in %lld weeks; prolonged %lld days or %lld calendar days",
	         (long long)v[0].i, (long long)v[1].i, (long long)v[2].i, (long long)v[3].i);
	return audit_write(s, who, "welfare.rules", "welfare_rule", who->setting_id, 0, detail, e);
}

/* ---- absence ---- */

enum { MARK_EXPECTED = 1, MARK_ABSENT = 2, MARK_IN = 4, MARK_UNEXPLAINED = 8 };

struct welfare_child {
	int64_t id;
	const char *code, *name, *room;
	int start, leaving;   /* days; leaving INT32_MAX when not leaving */
	unsigned weekdays;    /* bit per weekday of the attendance pattern */
	unsigned char *marks; /* per day of the scan */
};

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = ((const struct welfare_child *)b)->id;
	return (x > y) - (x < y);
}

static struct welfare_child *find_child(struct welfare_child *c, size_t n, int64_t id)
{
	if (!c || !n)
		return NULL;
	return bsearch(&id, c, n, sizeof *c, by_id);
}

/* The children attending at some time between from and to (by id). */
static int load_children(struct store *s, int64_t setting_id, int from, int to, int ndays,
                         struct arena *a, struct welfare_child **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_WELFARE_CHILDREN);
	struct welfare_child *list = NULL;
	size_t cap = 0, count = 0;
	char dfrom[DATE_LEN], dto[DATE_LEN];
	int rc;
	date_format(from, dfrom);
	date_format(to, dto);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, dto);
	store_bind_text(st, 3, dfrom);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct welfare_child *c;
		const char *preferred = store_col_text(st, 4);
		if (count == cap) {
			struct welfare_child *more;
			cap = cap ? 2 * cap : 64;
			more = arena_alloc(a, cap * sizeof *more);
			if (count)
				memcpy(more, list, count * sizeof *more);
			list = more;
		}
		c = &list[count++];
		memset(c, 0, sizeof *c);
		c->id = store_col_int(st, 0);
		c->code = arena_strdup(a, store_col_text(st, 1));
		c->name = arena_printf(a, "%s %s", *preferred ? preferred : store_col_text(st, 2),
		                       store_col_text(st, 3));
		c->room = arena_strdup(a, store_col_text(st, 5));
		if (date_parse(store_col_text(st, 6), &c->start) != 0)
			c->start = from;
		if (date_parse(store_col_text(st, 7), &c->leaving) != 0)
			c->leaving = INT32_MAX;
		c->marks = arena_alloc(a, (size_t)ndays);
		memset(c->marks, 0, (size_t)ndays);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the children");
	*out = list;
	*n = count;
	return 0;
}

/* Mark, for each (child_id, date) row of stmt (setting, from, to), bit on the day. */
static int mark_rows(struct store *s, enum stmt_id stmt, int64_t setting_id, int from, int to,
                     struct welfare_child *c, size_t n, unsigned char bit, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, stmt);
	char dfrom[DATE_LEN], dto[DATE_LEN];
	int rc;
	date_format(from, dfrom);
	date_format(to, dto);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, dfrom);
	store_bind_text(st, 3, dto);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct welfare_child *ch = find_child(c, n, store_col_int(st, 0));
		int d;
		if (!ch || date_parse(store_col_text(st, 1), &d) != 0 || d < from || d > to)
			continue;
		ch->marks[d - from] |= bit;
		if (bit == MARK_ABSENT && store_col_count(st) > 2 &&
		    strcmp(store_col_text(st, 2), "unexplained") == 0)
			ch->marks[d - from] |= MARK_UNEXPLAINED;
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the register");
	return 0;
}

struct flags {
	struct welfare_flag *list;
	size_t n, cap;
	struct arena *a;
};

static struct welfare_flag *add_flag(struct flags *f, enum welfare_kind kind,
                                     const struct welfare_child *c)
{
	struct welfare_flag *fl;
	if (f->n == f->cap) {
		struct welfare_flag *more;
		f->cap = f->cap ? 2 * f->cap : 16;
		more = arena_alloc(f->a, f->cap * sizeof *more);
		if (f->n)
			memcpy(more, f->list, f->n * sizeof *more);
		f->list = more;
	}
	fl = &f->list[f->n++];
	memset(fl, 0, sizeof *fl);
	fl->kind = kind;
	fl->child_id = c->id;
	fl->code = c->code;
	fl->name = c->name;
	fl->room = c->room;
	fl->areas = "";
	return fl;
}

static int by_kind_then_name(const void *a, const void *b)
{
	const struct welfare_flag *x = a, *y = b;
	int c;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	if (x->child_id != y->child_id)
		return x->child_id < y->child_id ? -1 : 1;
	return x->from - y->from;
}

/* A run of absent expected days, ended: flag it when it is long enough and recent. */
static void end_run(struct flags *f, const struct welfare_child *c, const struct welfare_rules *r,
                    int from, int to, int len, int window)
{
	struct welfare_flag *fl;
	if (len == 0 || to < window ||
	    (len < r->prolonged_days && to - from + 1 < r->prolonged_calendar_days))
		return;
	fl = add_flag(f, WELFARE_PROLONGED, c);
	fl->from = from;
	fl->to = to;
	fl->count = len;
	fl->calendar_days = to - from + 1;
}

static void child_absence(struct flags *f, const struct welfare_child *c,
                          const struct welfare_rules *r, int scan, int day, int window,
                          int day_over, const unsigned char *register_kept)
{
	int absences = 0, unexplained = 0, first = 0, last = 0;
	int run_from = 0, run_to = 0, run_len = 0;
	for (int d = scan; d <= day; d++) {
		unsigned m = c->marks[d - scan];
		int expected = (m & MARK_EXPECTED) != 0;
		if (d >= window && (m & MARK_ABSENT)) {
			if (!absences++)
				first = d;
			last = d;
			unexplained += (m & MARK_UNEXPLAINED) != 0;
		}
		if (expected && (m & MARK_ABSENT)) {
			if (!run_len)
				run_from = d;
			run_to = d;
			run_len++;
		} else if (expected && !(d == day && !(m & MARK_IN))) {
			/* an expected day not recorded absent ends the run (today
			 * only once the child is in: it may yet be followed up) */
			end_run(f, c, r, run_from, run_to, run_len, window);
			run_len = 0;
		}
		if (d >= window && expected && !(m & (MARK_ABSENT | MARK_IN)) &&
		    register_kept[d - scan] && (d < day || day_over)) {
			struct welfare_flag *fl = add_flag(f, WELFARE_NOT_FOLLOWED_UP, c);
			fl->from = fl->to = d;
		}
	}
	end_run(f, c, r, run_from, run_to, run_len, window);
	if (absences >= r->repeated_absences) {
		struct welfare_flag *fl = add_flag(f, WELFARE_REPEATED, c);
		fl->from = first;
		fl->to = last;
		fl->count = absences;
		fl->unexplained = unexplained;
	}
}

int core_welfare_absence(struct store *s, int64_t setting_id, int day, int minute,
                         const struct welfare_rules *rules, struct arena *a,
                         struct welfare_flag **out, size_t *n, struct op_error *e)
{
	struct setting set;
	struct welfare_child *c = NULL;
	struct flags f = {.a = a};
	struct store_stmt *st;
	unsigned char *kept;
	size_t nc = 0;
	int window = day - 7 * rules->repeated_weeks + 1;
	/* a run ending in the window may have begun well before it */
	int scan = window - rules->prolonged_calendar_days - 7 * 4;
	int ndays = day - scan + 1, rc;

	*out = NULL;
	*n = 0;
	if (core_setting_get(s, setting_id, &set, e) != 0 ||
	    load_children(s, setting_id, scan, day, ndays, a, &c, &nc, e) != 0)
		return -1;
	st = store_stmt(s, STMT_WELFARE_ATTENDANCE);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct welfare_child *ch = find_child(c, nc, store_col_int(st, 0));
		int64_t wd = store_col_int(st, 1);
		if (ch && wd >= 0 && wd < 7)
			ch->weekdays |= 1u << wd;
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the attendance patterns");
	for (size_t i = 0; i < nc; i++)
		for (int d = scan; d <= day; d++)
			if (d >= c[i].start && d <= c[i].leaving &&
			    (c[i].weekdays & (1u << date_weekday(d))))
				c[i].marks[d - scan] |= MARK_EXPECTED;
	if (mark_rows(s, STMT_WELFARE_BOOKINGS, setting_id, scan, day, c, nc, MARK_EXPECTED, e) ||
	    mark_rows(s, STMT_WELFARE_ABSENCES, setting_id, scan, day, c, nc, MARK_ABSENT, e) ||
	    mark_rows(s, STMT_WELFARE_SIGNED_IN, setting_id, scan, day, c, nc, MARK_IN, e))
		return -1;

	/* Was the register kept that day? One look-up per day: reading the
	 * days from every register row of the weeks scanned cost the start
	 * page more than everything else on it. */
	kept = arena_alloc(a, (size_t)ndays);
	memset(kept, 0, (size_t)ndays);
	for (int d = scan; d <= day; d++) {
		char dd[DATE_LEN];
		date_format(d, dd);
		st = store_stmt(s, STMT_WELFARE_REGISTER_KEPT);
		store_bind_int(st, 1, setting_id);
		store_bind_text(st, 2, dd);
		rc = store_step(st);
		if (rc == STORE_ROW) {
			kept[d - scan] = 1;
			rc = STORE_DONE;
		}
		if ((rc = finish(st, rc)) != 0)
			return op_store_fail(e, s, rc, "reading the register");
	}

	for (size_t i = 0; i < nc; i++)
		child_absence(&f, &c[i], rules, scan, day, window, minute >= set.closes_min, kept);
	if (f.n)
		qsort(f.list, f.n, sizeof *f.list, by_kind_then_name);
	*out = f.list;
	*n = f.n;
	return 0;
}

/* ---- development ---- */

enum { AREA_PSED, AREA_CL, AREA_PD, AREA__MAX };
static const char *const area_names[AREA__MAX] = {"PSED", "CL", "PD"};

static const char *areas_text(struct arena *a, const int below[AREA__MAX])
{
	const char *t = "";
	for (int k = 0; k < AREA__MAX; k++)
		if (below[k])
			t = *t ? arena_printf(a, "%s, %s", t, area_names[k]) : area_names[k];
	return t;
}

int core_welfare_development(struct store *s, int64_t setting_id, int day, struct arena *a,
                             struct welfare_flag **out, size_t *n, struct op_error *e)
{
	struct setting set;
	struct welfare_child *c = NULL;
	struct flags f = {.a = a};
	struct store_stmt *st;
	size_t nc = 0;
	int64_t last = 0;
	int rc;
	/* per child of the reviews: how many assessed reviews seen per area, and
	 * how many of those (the latest two at most) were below expected */
	int seen[AREA__MAX] = {0}, below[AREA__MAX] = {0};
	int newest = 0, older[AREA__MAX] = {0};

	*out = NULL;
	*n = 0;
	if (core_setting_get(s, setting_id, &set, e) != 0 ||
	    load_children(s, setting_id, day, day, 1, a, &c, &nc, e) != 0)
		return -1;

	st = store_stmt(s, STMT_WELFARE_TWOYEAR);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		struct welfare_child *ch;
		int low[AREA__MAX], any = 0;
		if (id == last)
			continue; /* only the latest check counts */
		last = id;
		if (!(ch = find_child(c, nc, id)))
			continue;
		for (int k = 0; k < AREA__MAX; k++)
			any |= low[k] =
			    strcmp(store_col_text(st, 2 + k), "less_than_expected") == 0;
		if (any) {
			struct welfare_flag *fl = add_flag(&f, WELFARE_TWO_YEAR_CHECK, ch);
			if (date_parse(store_col_text(st, 1), &fl->from) != 0)
				fl->from = day;
			fl->to = fl->from;
			fl->areas = areas_text(a, low);
		}
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the checks at two");

	/* the reviews, newest first per child: the latest two assessed per area */
	last = 0;
	st = store_stmt(s, STMT_WELFARE_REVIEWS);
	store_bind_int(st, 1, setting_id);
	for (;;) {
		int64_t id;
		rc = store_step(st);
		id = rc == STORE_ROW ? store_col_int(st, 0) : 0;
		if (id != last && last) {
			/* the previous child is complete */
			struct welfare_child *ch = find_child(c, nc, last);
			int low[AREA__MAX], any = 0, from = newest;
			for (int k = 0; k < AREA__MAX; k++) {
				any |= low[k] = seen[k] >= 2 && below[k] == 2;
				if (low[k] && older[k] < from)
					from = older[k];
			}
			if (ch && any) {
				struct welfare_flag *fl = add_flag(&f, WELFARE_REVIEWS, ch);
				fl->from = from;
				fl->to = newest;
				fl->areas = areas_text(a, low);
			}
			memset(seen, 0, sizeof seen);
			memset(below, 0, sizeof below);
			newest = 0;
		}
		if (rc != STORE_ROW)
			break;
		last = id;
		for (int k = 0; k < AREA__MAX; k++) {
			const char *level = store_col_text(st, 2 + k);
			int d, m;
			if (!*level || seen[k] >= 2)
				continue;
			date_local(store_col_int(st, 1), set.time_zone, &d, &m);
			if (seen[k]++ == 0 && d > newest)
				newest = d;
			older[k] = d;
			below[k] += strcmp(level, "less_than_expected") == 0;
		}
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the reviews");
	if (f.n)
		qsort(f.list, f.n, sizeof *f.list, by_kind_then_name);
	*out = f.list;
	*n = f.n;
	return 0;
}

int core_welfare_review_levels(struct store *s, const struct actor *who, int64_t meeting_id,
                               int64_t child_id, const char *psed, const char *cl, const char *pd,
                               struct op_error *e)
{
	static const struct field_spec level_field = {"level", F_ENUM, 0,
	                                              0,       0,      core_welfare_levels + 1};
	static const char *const names[AREA__MAX] = {"psed_level", "cl_level", "pd_level"};
	const char *raw[AREA__MAX] = {psed, cl, pd}, *level[AREA__MAX];
	struct store_stmt *st;
	struct arena a;
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	for (int k = 0; k < AREA__MAX; k++) {
		struct field_value v;
		char why[200];
		if (valid_field(&level_field, raw[k] ? raw[k] : "", &v, &a, why, sizeof why) != 0) {
			op_fail(e, OP_INVALID, names[k], "%s", why);
			goto out;
		}
		level[k] = v.present ? v.s : "";
	}
	st = store_stmt(s, STMT_WELFARE_REVIEW_LEVELS);
	store_bind_text(st, 1, level[AREA_PSED]);
	store_bind_text(st, 2, level[AREA_CL]);
	store_bind_text(st, 3, level[AREA_PD]);
	store_bind_int(st, 4, who->setting_id);
	store_bind_int(st, 5, meeting_id);
	store_bind_int(st, 6, child_id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "recording the levels");
		goto out;
	}
	if (store_changes(s) != 1) {
		op_fail(e, OP_NOT_FOUND, "", "there is no such meeting");
		goto out;
	}
	ret =
	    audit_write(s, who, "meeting.levels", "progress_meeting", meeting_id, child_id,
	                arena_printf(&a, "PSED %s; CL %s; PD %s", level[0], level[1], level[2]), e);
out:
	arena_free(&a);
	return ret;
}

/* ---- the demo ---- */

static int demo_absence(struct store *s, const struct actor *who, int64_t child, int day,
                        const char *reason, int notified, const char *note, const char *follow_up,
                        struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_WELFARE_DEMO_ABSENCE);
	char date[DATE_LEN];
	int rc;
	date_format(day, date);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, reason);
	store_bind_int(st, 5, notified);
	store_bind_text(st, 6, note);
	store_bind_text(st, 7, follow_up);
	store_bind_int(st, 8, time_now());
	rc = store_run(st);
	if (rc == STORE_CONSTRAINT)
		return 0; /* an absence already recorded that day */
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding the demo absences");
	return audit_write(s, who, "register.absence", "child_absence", store_last_id(s), child,
	                   date, e);
}

/* The previous weekday (Monday to Friday) before day. */
static int weekday_before(int day)
{
	do
		day--;
	while (date_weekday(day) >= 5);
	return day;
}

static int demo_reviews(struct store *s, const struct actor *who, int64_t child, int start,
                        struct op_error *e)
{
	static const struct {
		int days_ago;
		const char *notes, *targets;
	} reviews[] = {
	    {70, "Settled, plays alongside others. Few words yet; points and leads us to things.",
	     "Use two-word phrases at snack time"},
	    {14, "Still mostly single words; understands simple instructions in routine.",
	     "Referral to speech and language therapy discussed with mum"},
	};
	struct setting set;
	if (core_setting_get(s, who->setting_id, &set, e) != 0)
		return -1;
	for (size_t i = 0; i < ARRAY_LEN(reviews); i++) {
		struct store_stmt *st = store_stmt(s, STMT_MEETING_INSERT);
		int64_t id;
		int rc;
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, child);
		store_bind_null(st, 3);
		store_bind_int(st, 4,
		               date_instant(start - reviews[i].days_ago, 16 * 60, set.time_zone));
		store_bind_text(st, 5, "in_person");
		store_bind_text(st, 6, "Mum");
		store_bind_null(st, 7);
		store_bind_int(st, 8, time_now());
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "adding the demo reviews");
		id = store_last_id(s);
		st = store_stmt(s, STMT_MEETING_RECORD);
		store_bind_text(st, 1, reviews[i].notes);
		store_bind_text(st, 2, "Share picture books at home");
		store_bind_text(st, 3, reviews[i].targets);
		store_bind_text(st, 4, "held");
		store_bind_int(st, 5, who->setting_id);
		store_bind_int(st, 6, id);
		store_bind_int(st, 7, child);
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "adding the demo reviews");
		if (core_welfare_review_levels(s, who, id, child, "expected", "less_than_expected",
		                               "expected", e) != 0)
			return -1;
	}
	return 0;
}

int core_welfare_demo(struct store *s, const struct actor *who, int start, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_WELFARE_DEMO_CHILDREN);
	int64_t child[3] = {0};
	size_t n = 0;
	int d1, d2, d3;
	store_bind_int(st, 1, who->setting_id);
	while (n < ARRAY_LEN(child) && store_step(st) == STORE_ROW)
		child[n++] = store_col_int(st, 0);
	store_finish(st);
	if (n < ARRAY_LEN(child))
		return 0;
	/* child[2]: three absences in the last four weeks, one unexplained */
	d1 = weekday_before(start - 18);
	d2 = weekday_before(start - 9);
	d3 = weekday_before(start);
	if (demo_absence(s, who, child[2], d1, "illness", 1, "Temperature; mum rang at 8", "", e) ||
	    demo_absence(s, who, child[2], d2, "unexplained", 0, "",
	                 "Rang mum and dad at 10:00, no answer; left a message. Mum rang back at "
	                 "14:30: overslept.",
	                 e) ||
	    demo_absence(s, who, child[2], d3, "family", 1, "Family visiting from abroad", "", e))
		return -1;
	/* child[1]: two reviews below expected in communication and language */
	return demo_reviews(s, who, child[1], start, e);
}
