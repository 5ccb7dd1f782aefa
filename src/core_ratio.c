/*
 * core_ratio.c — the rules table and the one function that reads it
 * (core_ratio.h says what is counted). A day is loaded with a fixed number
 * of queries (setting, rooms, staff, staff absences, the rota, children;
 * then the expected day of core_today, or the register's rows) and judged
 * slot by slot in memory:
 *
 *   1. staff on duty for the whole slot are tallied in their room (the
 *      shift's room; for a shift without one, and in live mode for a
 *      member of staff signed in with no shift at that time, the home room)
 *      and on the premises: adults counting in ratio, at Level 3+, 2+, 6,
 *      Level 3+ with the experience the under-2 rule asks, first aiders;
 *   2. children present at any moment of the slot are tallied by band, each
 *      adding 1/ratio to its room's need, where the ratio is the band's
 *      1:13 row when its condition holds in that room (a Level 6 and
 *      another Level 3 on duty there), else the band's plain row. Needs are
 *      kept as integers over the least common multiple of every ratio in
 *      the table, so 2/3 + 3/5 is 19/15 and rounds up to 2 exactly;
 *   3. each room, and the setting with everyone added up, is judged: adults
 *      >= needed, a Level 3 on duty (experienced, with under-2s present), at
 *      least half of the others at Level 2 (judged setting-wide in a room
 *      using 1:13, as EYFS.md's table says), a first aider on the premises.
 *      A slot with no children has nothing to judge and is OK;
 *   4. a room slot that overlaps one of the setting's mealtimes (table
 *      mealtime) needs a member of staff on duty in that room holding a
 *      paediatric first aid certificate current on the day (a student
 *      without one counts too: the rule asks for a first aider present, not
 *      in ratio); a room with under-2s present needs at least half of its
 *      adults in ratio trained in the care of babies (staff.baby_trained).
 *      The setting's slot carries both problems when any room has them.
 *
 * Approximations, said here once: "suitably experienced with under-2s" is
 * taken as Level 3+ with staff.experience_start at least the rule's months
 * (24) before the day, as no record says whose experience was with babies;
 * "at least half of all staff trained in the care of babies" (EYFS.md's
 * words: all staff, not all other staff) is judged among the staff in
 * ratio in each room with under-2s present; children eat at the setting's
 * mealtimes, not at times of their own; rooms whose ratio_rule is
 * nursery_class, reception or childminder are judged by the age bands too.
 */
#include "core_ratio.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "core_register.h"
#include "core_setting.h"
#include "core_today.h"

const char *const ratio_band_keys[RATIO_BAND__MAX] = {
    [RATIO_UNDER_2] = "under_2", [RATIO_TWO] = "two", [RATIO_THREE_PLUS] = "three_plus"};
const char *const ratio_band_names[RATIO_BAND__MAX] = {
    [RATIO_UNDER_2] = "under 2", [RATIO_TWO] = "2 years", [RATIO_THREE_PLUS] = "3 and over"};
const char *const ratio_mode_names[RATIO_MODE__MAX] = {
    [RATIO_PLANNED] = "planned", [RATIO_LIVE] = "live"};

#define EYFS "eyfs-group"
#define EYFS_2008 "2008-09-01" /* the first EYFS framework; earlier dates have no rules */
#define AGE_MAX 1200           /* "and over": any age in months a child can have */

/* The rules. Rows of one kind and band are looked up by date; a row's "to"
 * is the first day it no longer applies. */
const struct ratio_rule core_ratio_rules[] = {
    {.framework = EYFS,
     .kind = RULE_BAND,
     .band = RATIO_UNDER_2,
     .min_months = 0,
     .max_months = 24,
     .value = 3,
     .from = EYFS_2008,
     .source = "EYFS group: under 2, 1:3"},
    {.framework = EYFS,
     .kind = RULE_BAND,
     .band = RATIO_TWO,
     .min_months = 24,
     .max_months = 36,
     .value = 4,
     .from = EYFS_2008,
     .to = "2023-09-04",
     .source = "EYFS group until 3 September 2023: 2 years, 1:4"},
    {.framework = EYFS,
     .kind = RULE_BAND,
     .band = RATIO_TWO,
     .min_months = 24,
     .max_months = 36,
     .value = 5,
     .from = "2023-09-04",
     .source = "EYFS group from 4 September 2023: 2 years, 1:5"},
    {.framework = EYFS,
     .kind = RULE_BAND,
     .band = RATIO_THREE_PLUS,
     .min_months = 36,
     .max_months = AGE_MAX,
     .value = 8,
     .from = EYFS_2008,
     .source = "EYFS group: 3 and over, 1:8"},
    /* Before September 2014 the 1:13 applied only between 8am and 4pm; not
     * modelled, so earlier dates are judged at 1:8 (the stricter reading). */
    {.framework = EYFS,
     .kind = RULE_BAND,
     .band = RATIO_THREE_PLUS,
     .min_months = 36,
     .max_months = AGE_MAX,
     .value = 13,
     .condition = RATIO_WITH_LEVEL6,
     .from = "2014-09-01",
     .source = "EYFS group: 3 and over, 1:13 with a Level 6 (QTS, EYTS, EYPS) working directly "
               "with the children and at least one other Level 3"},
    {.framework = EYFS,
     .kind = RULE_LEVEL3,
     .from = EYFS_2008,
     .source = "EYFS group: at least one member of staff at Level 3"},
    {.framework = EYFS,
     .kind = RULE_UNDER2_EXPERIENCE,
     .value = 24,
     .from = EYFS_2008,
     .source = "EYFS group: under 2, the Level 3 suitably experienced with under-2s "
               "(approximated as 24 months' experience)"},
    {.framework = EYFS,
     .kind = RULE_HALF_LEVEL2,
     .from = EYFS_2008,
     .source = "EYFS group: at least half of all other staff at Level 2"},
    {.framework = EYFS,
     .kind = RULE_PFA,
     .from = EYFS_2008,
     .source = "EYFS group: at least one person with a current paediatric first aid "
               "certificate on the premises whenever children are present (2025: 3.36-3.39)"},
    {.framework = EYFS,
     .kind = RULE_STUDENT_LEVEL_BELOW,
     .from = "2024-01-04",
     .source = "EYFS group 2024: 3.49, students and apprentices at the level below their "
               "level of study (before, in ratio as unqualified staff)"},
    {.framework = EYFS,
     .kind = RULE_STUDENT_PFA,
     .from = "2025-09-01",
     .source = "EYFS group September 2025: students and apprentices also hold paediatric first "
               "aid to count in ratio"},
    /* Issue 6: "a member of staff whose paediatric first aid or other required
     * certificate has lapsed stops counting at that level from the expiry
     * date". From the date of the 2024 rule on students' levels, the first of
     * the qualification rules the table dates; only a lapsed certificate
     * counts (none recorded is not a lapse). Still an adult for numbers. */
    {.framework = EYFS,
     .kind = RULE_LAPSED_PFA,
     .from = "2024-01-04",
     .source = "keyworker (issue 6): staff whose paediatric first aid certificate has lapsed "
               "count as unqualified for the Level 3, half at Level 2 and Level 6 rules from "
               "the day after its expiry date"},
    {.framework = EYFS,
     .kind = RULE_MEAL_PFA,
     .from = "2025-09-01",
     .source = "EYFS group September 2025 (3.36-3.39): a member of staff with a current "
               "paediatric first aid certificate in the room while children eat"},
    {.framework = EYFS,
     .kind = RULE_BABY_TRAINED,
     .from = EYFS_2008,
     .source = "EYFS group: under 2, at least half of all staff have received training that "
               "specifically addresses the care of babies"},
};
const size_t core_ratio_nrules = ARRAY_LEN(core_ratio_rules);

static int rule_applies(const struct ratio_rule *r, const char *framework, const char *date)
{
	return strncmp(framework, r->framework, strlen(r->framework)) == 0 &&
	       strcmp(r->from, date) <= 0 && (!r->to || strcmp(date, r->to) < 0);
}

const struct ratio_rule *core_ratio_rule(const char *framework, const char *date,
                                         enum ratio_rule_kind kind)
{
	for (size_t i = 0; i < core_ratio_nrules; i++)
		if (core_ratio_rules[i].kind == kind &&
		    rule_applies(&core_ratio_rules[i], framework, date))
			return &core_ratio_rules[i];
	return NULL;
}

const struct ratio_rule *core_ratio_band_rule(const char *framework, const char *date, int months,
                                              enum ratio_condition condition)
{
	for (size_t i = 0; i < core_ratio_nrules; i++) {
		const struct ratio_rule *r = &core_ratio_rules[i];
		if (r->kind == RULE_BAND && r->condition == condition && months >= r->min_months &&
		    months < r->max_months && rule_applies(r, framework, date))
			return r;
	}
	return NULL;
}

int core_ratio_level(const char *framework, const char *date, int qualification, int student)
{
	if (!student)
		return qualification;
	if (!core_ratio_rule(framework, date, RULE_STUDENT_LEVEL_BELOW))
		return 0;
	return qualification >= 6 ? 3 : qualification >= 3 ? 2 : 0;
}

/* Least common multiple of every ratio in the table: needs are counted in
 * 1/lcm parts of an adult. */
static int64_t ratio_lcm(void)
{
	int64_t l = 1;
	for (size_t i = 0; i < core_ratio_nrules; i++) {
		int64_t a = l, b = core_ratio_rules[i].value;
		if (core_ratio_rules[i].kind != RULE_BAND || b <= 0)
			continue;
		while (b) {
			int64_t t = a % b;
			a = b;
			b = t;
		}
		l = l / a * core_ratio_rules[i].value;
	}
	return l;
}

/* ---- the day's people ---- */

struct span {
	int64_t person;
	int start, end; /* minutes, [start, end) */
	int room;       /* room index, -1 for none */
};

struct r_staff {
	int64_t id;
	int level, level6, under2_exp, pfa, counts, absent, home, baby;
	const struct span *shifts, *present;
	size_t nshifts, npresent;
};

struct r_child {
	int64_t id;
	int room, months;
	const struct ratio_rule *base, *with_l6;
	const struct span *present;
	size_t npresent;
};

struct load {
	struct setting setting;
	char framework[64];
	int64_t lcm;
	int64_t *room_ids;
	struct r_staff *staff;
	size_t nstaff;
	struct r_child *children;
	size_t nchildren;
	struct span *shifts, *staff_present, *child_present;
	size_t nshifts, nstaff_present, nchild_present;
};

static int by_staff(const void *a, const void *b)
{
	const struct r_staff *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_child(const void *a, const void *b)
{
	const struct r_child *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static struct r_staff *find_staff(struct load *l, int64_t id)
{
	struct r_staff key = {.id = id};
	return find_n(&key, l->staff, l->nstaff, sizeof key, by_staff);
}

static struct r_child *find_child(struct load *l, int64_t id)
{
	struct r_child key = {.id = id};
	return find_n(&key, l->children, l->nchildren, sizeof key, by_child);
}

static int room_index(const struct ratio_day *r, int64_t id)
{
	for (size_t i = 0; i < r->nrooms; i++)
		if (r->rooms[i].id == id)
			return (int)i;
	return -1;
}

static int finish(struct store_stmt *st, int rc)
{
	store_finish(st);
	return rc == STORE_DONE ? 0 : rc;
}

static void push_span(struct span **a, size_t *n, size_t *cap, struct span sp)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*a = xrealloc(*a, *cap * sizeof **a);
	}
	(*a)[(*n)++] = sp;
}

static int load_rooms(struct store *s, int64_t setting_id, struct ratio_day *r, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_ROOM_LIST);
	size_t cap = 0;
	int rc;
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (r->nrooms == cap) {
			cap = cap ? 2 * cap : 16;
			r->rooms = xrealloc(r->rooms, cap * sizeof *r->rooms);
		}
		memset(&r->rooms[r->nrooms], 0, sizeof *r->rooms);
		r->rooms[r->nrooms].id = store_col_int(st, 0);
		r->rooms[r->nrooms].name = arena_strdup(&r->arena, store_col_text(st, 1));
		r->nrooms++;
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the rooms");
	return 0;
}

static int load_meals(struct store *s, int64_t setting_id, struct ratio_day *r, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_RATIO_MEALTIMES);
	size_t cap = 0;
	int rc;
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (r->nmeals == cap) {
			struct ratio_meal *more;
			cap = cap ? 2 * cap : 4;
			more = arena_alloc(&r->arena, cap * sizeof *more);
			if (r->nmeals)
				memcpy(more, r->meals, r->nmeals * sizeof *more);
			r->meals = more;
		}
		r->meals[r->nmeals].name = arena_strdup(&r->arena, store_col_text(st, 0));
		r->meals[r->nmeals].start = (int)store_col_int(st, 1);
		r->meals[r->nmeals].end = (int)store_col_int(st, 2);
		r->nmeals++;
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the mealtimes");
	return 0;
}

/* The first mealtime overlapping [t, end), or NULL. */
static const char *meal_at(const struct ratio_day *r, int t, int end)
{
	for (size_t i = 0; i < r->nmeals; i++)
		if (r->meals[i].start < end && t < r->meals[i].end)
			return r->meals[i].name;
	return NULL;
}

static int load_staff(struct store *s, struct load *l, struct ratio_day *r, struct op_error *e)
{
	const struct ratio_rule *under2 =
	    core_ratio_rule(l->framework, r->date, RULE_UNDER2_EXPERIENCE);
	int student_pfa = core_ratio_rule(l->framework, r->date, RULE_STUDENT_PFA) != NULL;
	int lapsed_pfa = core_ratio_rule(l->framework, r->date, RULE_LAPSED_PFA) != NULL;
	struct store_stmt *st = store_stmt(s, STMT_RATIO_STAFF);
	size_t cap = 0;
	int rc;
	store_bind_int(st, 1, l->setting.id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct r_staff *p;
		int qualification = (int)store_col_int(st, 1), student = (int)store_col_int(st, 2);
		const char *pfa = store_col_text(st, 3), *experience = store_col_text(st, 4);
		int since;
		if (l->nstaff == cap) {
			cap = cap ? 2 * cap : 64;
			l->staff = xrealloc(l->staff, cap * sizeof *l->staff);
		}
		p = &l->staff[l->nstaff++];
		memset(p, 0, sizeof *p);
		p->id = store_col_int(st, 0);
		p->level = core_ratio_level(l->framework, r->date, qualification, student);
		/* a certificate is current up to and including its expiry date */
		p->pfa = *pfa && strcmp(pfa, r->date) >= 0;
		if (lapsed_pfa && *pfa && !p->pfa)
			p->level = 0; /* lapsed: unqualified, still an adult in ratio */
		p->level6 = p->level >= 6;
		p->counts = !(student && student_pfa && !p->pfa);
		p->under2_exp =
		    p->level >= 3 && (!under2 || (date_parse(experience, &since) == 0 &&
		                                  date_age_months(since, r->day) >= under2->value));
		p->home = room_index(r, store_col_int(st, 5));
		p->baby = (int)store_col_int(st, 6);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the staff");
	sort_n(l->staff, l->nstaff, sizeof *l->staff, by_staff);

	st = store_stmt(s, STMT_STAFF_ABSENT_ON);
	store_bind_int(st, 1, l->setting.id);
	store_bind_text(st, 2, r->date);
	store_bind_text(st, 3, r->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct r_staff *p = find_staff(l, store_col_int(st, 0));
		if (p)
			p->absent = 1;
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading staff absences");

	/* the published rota: rows come by staff, then start */
	st = store_stmt(s, STMT_SHIFTS_ON);
	store_bind_int(st, 1, l->setting.id);
	store_bind_text(st, 2, r->date);
	cap = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct span sp = {
		    .person = store_col_int(st, 0),
		    .start = (int)store_col_int(st, 1),
		    .end = (int)store_col_int(st, 2),
		    .room = store_col_null(st, 3) ? -1 : room_index(r, store_col_int(st, 3))};
		push_span(&l->shifts, &l->nshifts, &cap, sp);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the rota");
	for (size_t i = 0; i < l->nshifts; i++) {
		struct r_staff *p = find_staff(l, l->shifts[i].person);
		if (!p)
			continue;
		if (l->shifts[i].room < 0)
			l->shifts[i].room = p->home;
		if (!p->nshifts)
			p->shifts = &l->shifts[i];
		p->nshifts++;
	}
	return 0;
}

static int load_children(struct store *s, struct load *l, struct ratio_day *r, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_RATIO_CHILDREN);
	/* with the band changing the day after the birthday, judge by yesterday's age */
	int age_day = r->day - (l->setting.band_on_birthday ? 0 : 1);
	size_t cap = 0;
	int rc;
	store_bind_int(st, 1, l->setting.id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct r_child *c;
		int dob;
		if (l->nchildren == cap) {
			cap = cap ? 2 * cap : 128;
			l->children = xrealloc(l->children, cap * sizeof *l->children);
		}
		c = &l->children[l->nchildren++];
		memset(c, 0, sizeof *c);
		c->id = store_col_int(st, 0);
		c->room = room_index(r, store_col_int(st, 1));
		c->months = date_parse(store_col_text(st, 2), &dob) == 0 && dob <= r->day
		                ? date_age_months(dob, age_day)
		                : -1;
		if (c->months < 0)
			c->months = -1;
		c->base = core_ratio_band_rule(l->framework, r->date, c->months, RATIO_ALWAYS);
		c->with_l6 =
		    core_ratio_band_rule(l->framework, r->date, c->months, RATIO_WITH_LEVEL6);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the children");
	return 0; /* rows come by id */
}

/* Planned: the children core_today expects, and the staff's shifts. */
static int load_planned(struct store *s, struct load *l, struct ratio_day *r, struct op_error *e)
{
	struct today t;
	size_t cap = 0;
	if (core_today_load(s, l->setting.id, r->day, 0, &t, e) != 0) {
		core_today_free(&t);
		return -1;
	}
	for (size_t i = 0; i < t.nchildren; i++) {
		struct span sp = {.person = t.children[i].id,
		                  .start = t.children[i].arrive,
		                  .end = t.children[i].leave,
		                  .room = -1};
		push_span(&l->child_present, &l->nchild_present, &cap, sp);
	}
	core_today_free(&t);
	for (size_t i = 0; i < l->nstaff; i++) {
		l->staff[i].present = l->staff[i].shifts;
		l->staff[i].npresent = l->staff[i].nshifts;
	}
	return 0;
}

/* The register's rows of the day as they stand, paired into sessions; an
 * entry still open runs to the end of the day. */
static int register_spans(struct store *s, struct load *l, struct ratio_day *r, enum stmt_id id,
                          struct span **spans, size_t *nspans, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, id);
	struct register_row *rows = NULL;
	size_t n = 0, cap = 0, scap = 0;
	int rc, open = -1;
	store_bind_int(st, 1, l->setting.id);
	store_bind_text(st, 2, r->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		rows[n].id = store_col_int(st, 0);
		rows[n].person_id = store_col_int(st, 1);
		rows[n].event =
		    strcmp(store_col_text(st, 2), "out") == 0 ? REGISTER_OUT : REGISTER_IN;
		rows[n].at = store_col_int(st, 3);
		rows[n].corrects_id = store_col_int(st, 4);
		rows[n].minute = core_register_minute(rows[n].at, r->day, l->setting.time_zone);
		n++;
	}
	if ((rc = finish(st, rc)) != 0) {
		free(rows);
		return op_store_fail(e, s, rc, "reading the register");
	}
	if (n == 0) {
		free(rows);
		return 0;
	}
	n = core_register_effective(rows, n);
	for (size_t i = 0; i < n; i++) {
		const struct register_row *row = &rows[i];
		int last = i + 1 == n || rows[i + 1].person_id != row->person_id;
		if (row->event == REGISTER_IN) {
			if (open >= 0) /* two sign-ins in a row (an import): the first ends here */
				push_span(spans, nspans, &scap,
				          (struct span){row->person_id, open, row->minute, -1});
			open = row->minute;
		} else {
			push_span(
			    spans, nspans, &scap,
			    (struct span){row->person_id, open >= 0 ? open : 0, row->minute, -1});
			open = -1;
		}
		if (last && open >= 0)
			push_span(spans, nspans, &scap,
			          (struct span){row->person_id, open, 24 * 60, -1});
		if (last)
			open = -1;
	}
	free(rows);
	return 0;
}

static int load_live(struct store *s, struct load *l, struct ratio_day *r, struct op_error *e)
{
	if (register_spans(s, l, r, STMT_REGISTER_CHILD_EVENTS_DAY, &l->child_present,
	                   &l->nchild_present, e) ||
	    register_spans(s, l, r, STMT_REGISTER_STAFF_EVENTS_DAY, &l->staff_present,
	                   &l->nstaff_present, e))
		return -1;
	for (size_t i = 0; i < l->nstaff_present; i++) {
		struct r_staff *p = find_staff(l, l->staff_present[i].person);
		if (!p)
			continue;
		if (!p->npresent)
			p->present = &l->staff_present[i];
		p->npresent++;
	}
	return 0;
}

static void attach_children(struct load *l)
{
	for (size_t i = 0; i < l->nchild_present; i++) {
		struct r_child *c = find_child(l, l->child_present[i].person);
		if (!c)
			continue;
		if (!c->npresent)
			c->present = &l->child_present[i];
		c->npresent++;
	}
}

/* ---- judging a slot ---- */

struct tally {
	int children[RATIO_BAND__MAX];
	int no_rule, at_1_13, under2, three_plus;
	int64_t need; /* in 1/lcm parts of an adult */
	int adults, level3, level2, level6, under2_exp;
	int first_aiders, baby_trained;
	int baby_staff, baby_staff_trained; /* adults (and trained) where under-2s are present */
};

/* The room a member of staff works in during [t, end), or -2 when not on
 * duty all of it. Planned: the shift covering the slot. Live: signed in all
 * the slot; the room of the shift at its start, else the home room. */
static int staff_room(const struct r_staff *p, enum ratio_mode mode, int t, int end)
{
	int on = 0;
	if (p->absent && mode == RATIO_PLANNED)
		return -2;
	for (size_t k = 0; k < p->npresent && !on; k++)
		if (p->present[k].start <= t && p->present[k].end >= end) {
			if (mode == RATIO_PLANNED)
				return p->present[k].room;
			on = 1;
		}
	if (!on)
		return -2;
	for (size_t k = 0; k < p->nshifts; k++)
		if (p->shifts[k].start <= t && t < p->shifts[k].end)
			return p->shifts[k].room;
	return p->home;
}

static int child_present(const struct r_child *c, int t, int end)
{
	for (size_t k = 0; k < c->npresent; k++)
		if (c->present[k].start < end && c->present[k].end > t)
			return 1;
	return 0;
}

static void add_staff(struct tally *x, const struct r_staff *p)
{
	x->adults++;
	x->level3 += p->level >= 3;
	x->level2 += p->level >= 2;
	x->level6 += p->level6;
	x->under2_exp += p->under2_exp;
	x->baby_trained += p->baby;
}

/* 1:13 for the 3 and over: a Level 6 and another Level 3 on duty. */
static int level6_in_charge(const struct tally *x)
{
	return x->level6 >= 1 && x->level3 >= 2;
}

static void add_child(struct tally *x, const struct r_child *c, int l6, int64_t lcm)
{
	const struct ratio_rule *rule = l6 && c->with_l6 ? c->with_l6 : c->base;
	if (!rule) {
		x->no_rule++;
		return;
	}
	x->children[rule->band]++;
	x->under2 += rule->band == RATIO_UNDER_2;
	x->three_plus += rule->band == RATIO_THREE_PLUS;
	x->at_1_13 += rule == c->with_l6;
	x->need += lcm / rule->value;
}

struct rules_now {
	const struct ratio_rule *level3, *under2, *half, *pfa, *with_l6, *meal_pfa, *baby;
};

static int half_level2(const struct tally *x, int *others, int *at_level2)
{
	int lead =
	    x->level3 >= 1; /* the Level 3 the first rule asks for is not one of "the others" */
	*others = x->adults - lead;
	*at_level2 = x->level2 - lead;
	return 2 * *at_level2 >= *others;
}

/* Add one reason to the list, "; " between. */
PRINTF_LIKE(2, 3) static void reason(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	if (b->len && buf_puts(b, "; ") != 0)
		return;
	va_start(ap, fmt);
	if (buf_vprintf(b, fmt, ap) != 0)
		buf_reset(b); /* 2 KiB of reasons is a bug: say nothing rather than half */
	va_end(ap);
}

/* Judge one room (or the setting) in one slot. setting_half_ok: the half
 * rule counted over the whole setting, which a room using 1:13 goes by;
 * meal: the mealtime the slot overlaps, or NULL; meal_rooms: NULL for a
 * room, for the setting the rooms eating with no first aider ("" none). */
static void judge(struct ratio_slot *sl, const struct tally *x, const struct rules_now *rn,
                  int64_t lcm, int pfa_on_premises, int setting_half_ok, const char *meal,
                  const char *meal_rooms, struct arena *a)
{
	int total = x->no_rule, others = 0, at_level2 = 0;
	int half_ok = half_level2(x, &others, &at_level2), setting_wide = x->at_1_13 > 0;
	struct buf b;
	for (int k = 0; k < RATIO_BAND__MAX; k++) {
		sl->children[k] = x->children[k];
		total += x->children[k];
	}
	sl->at_1_13 = x->at_1_13;
	sl->adults = x->adults;
	sl->level3 = x->level3;
	sl->level2 = x->level2;
	sl->level6 = x->level6;
	sl->adults_needed = (int)((x->need + lcm - 1) / lcm);
	sl->level3_ok = sl->half_level2_ok = sl->pfa_ok = sl->ok = 1;
	sl->meal_pfa_ok = sl->baby_trained_ok = 1;
	sl->first_aiders = x->first_aiders;
	sl->baby_trained = x->baby_trained;
	sl->meal = meal;
	sl->problems = 0;
	sl->reasons = "";
	if (total == 0)
		return;
	if (sl->adults < sl->adults_needed)
		sl->problems |= RATIO_SHORT_ADULTS;
	if (rn->level3 && x->level3 == 0)
		sl->problems |= RATIO_NO_LEVEL3;
	else if (rn->level3 && rn->under2 && x->under2 > 0 && x->under2_exp == 0)
		sl->problems |= RATIO_NO_UNDER2_L3;
	if (rn->half && x->adults > 0 && !(setting_wide ? setting_half_ok : half_ok))
		sl->problems |= RATIO_HALF_LEVEL2;
	if (rn->pfa && !pfa_on_premises)
		sl->problems |= RATIO_NO_PFA;
	if (x->no_rule)
		sl->problems |= RATIO_NO_RULES;
	if (rn->meal_pfa && meal && (meal_rooms ? *meal_rooms != '\0' : x->first_aiders == 0))
		sl->problems |= RATIO_NO_MEAL_PFA;
	if (rn->baby && x->baby_staff > 0 && 2 * x->baby_staff_trained < x->baby_staff)
		sl->problems |= RATIO_BABY_TRAINED;
	sl->meal_pfa_ok = !(sl->problems & RATIO_NO_MEAL_PFA);
	sl->baby_trained_ok = !(sl->problems & RATIO_BABY_TRAINED);
	sl->level3_ok = !(sl->problems & (RATIO_NO_LEVEL3 | RATIO_NO_UNDER2_L3));
	sl->half_level2_ok = !(sl->problems & RATIO_HALF_LEVEL2);
	sl->pfa_ok = !(sl->problems & RATIO_NO_PFA);
	sl->ok = sl->problems == 0;
	if (sl->ok)
		return;

	buf_init(&b, 2048);
	if (sl->problems & RATIO_SHORT_ADULTS) {
		reason(&b, "needs %d adult%s, has %d", sl->adults_needed,
		       sl->adults_needed == 1 ? "" : "s", sl->adults);
		if (rn->with_l6 && x->level6 > 0 && x->three_plus > 0 && !level6_in_charge(x) &&
		    buf_puts(&b,
		             " (1:13 for the 3 and over needs another Level 3 with the Level 6)"))
			buf_reset(&b);
	}
	if (sl->problems & RATIO_NO_LEVEL3)
		reason(&b, "no Level 3 on duty");
	if ((sl->problems & RATIO_NO_UNDER2_L3) && rn->under2->value % 12 == 0)
		reason(&b, "no Level 3 with %d years' experience for the under-2s",
		       rn->under2->value / 12);
	else if (sl->problems & RATIO_NO_UNDER2_L3)
		reason(&b, "no Level 3 with %d months' experience for the under-2s",
		       rn->under2->value);
	if ((sl->problems & RATIO_HALF_LEVEL2) && setting_wide && half_ok)
		reason(&b, "fewer than half of the other staff in the setting at Level 2");
	else if (sl->problems & RATIO_HALF_LEVEL2)
		reason(&b, "fewer than half of the other staff at Level 2 (%d of %d)",
		       at_level2 < 0 ? 0 : at_level2, others);
	if (sl->problems & RATIO_NO_PFA)
		reason(&b, "no paediatric first aider on the premises");
	if (sl->problems & RATIO_NO_RULES)
		reason(&b, "no ratio rule for %d %s (rules in force and dates of birth)",
		       x->no_rule, x->no_rule == 1 ? "child" : "children");
	if ((sl->problems & RATIO_NO_MEAL_PFA) && meal_rooms)
		reason(&b, "no paediatric first aider in the room at %s (%s)", meal, meal_rooms);
	else if (sl->problems & RATIO_NO_MEAL_PFA)
		reason(&b, "no paediatric first aider in the room at %s", meal);
	if (sl->problems & RATIO_BABY_TRAINED)
		reason(&b,
		       "fewer than half of the staff with the under-2s trained in the care of "
		       "babies (%d of %d)",
		       x->baby_staff_trained, x->baby_staff);
	sl->reasons = arena_strdup(a, buf_str(&b));
	buf_free(&b);
}

/* How bad a slot is: adults short first, then the number of problems. */
static int badness(const struct ratio_slot *sl)
{
	int n = 0;
	for (unsigned p = sl->problems; p; p &= p - 1)
		n++;
	return (sl->adults < sl->adults_needed ? (sl->adults_needed - sl->adults) * 16 : 0) + n;
}

static void summarise(struct ratio_room *room, size_t nslots)
{
	room->nshort = 0;
	room->worst = -1;
	for (size_t k = 0; k < nslots; k++) {
		if (room->slots[k].ok)
			continue;
		room->nshort++;
		if (room->worst < 0 ||
		    badness(&room->slots[k]) > badness(&room->slots[room->worst]))
			room->worst = (int)k;
	}
}

static void judge_day(struct load *l, struct ratio_day *r)
{
	struct rules_now rn = {
	    .level3 = core_ratio_rule(l->framework, r->date, RULE_LEVEL3),
	    .under2 = core_ratio_rule(l->framework, r->date, RULE_UNDER2_EXPERIENCE),
	    .half = core_ratio_rule(l->framework, r->date, RULE_HALF_LEVEL2),
	    .pfa = core_ratio_rule(l->framework, r->date, RULE_PFA),
	    .with_l6 = core_ratio_band_rule(l->framework, r->date, 36, RATIO_WITH_LEVEL6),
	    .meal_pfa = core_ratio_rule(l->framework, r->date, RULE_MEAL_PFA),
	    .baby = core_ratio_rule(l->framework, r->date, RULE_BABY_TRAINED),
	};
	struct tally *rooms = xcalloc(r->nrooms + 1, sizeof *rooms);
	struct buf meal_rooms;
	buf_init(&meal_rooms, 4096);
	for (size_t i = 0; i < r->nrooms; i++)
		r->rooms[i].slots =
		    arena_alloc(&r->arena, (r->nslots + 1) * sizeof(struct ratio_slot));
	r->setting.slots = arena_alloc(&r->arena, (r->nslots + 1) * sizeof(struct ratio_slot));

	for (size_t k = 0; k < r->nslots; k++) {
		int t = r->opens + (int)k * RATIO_SLOT_MIN, end = t + RATIO_SLOT_MIN, pfa = 0;
		int setting_half_ok, others, at_level2;
		const char *meal;
		struct tally all;
		if (end > r->closes)
			end = r->closes;
		memset(rooms, 0, (r->nrooms + 1) * sizeof *rooms);
		memset(&all, 0, sizeof all);
		for (size_t i = 0; i < l->nstaff; i++) {
			const struct r_staff *p = &l->staff[i];
			int room = staff_room(p, r->mode, t, end);
			if (room == -2)
				continue;
			pfa |= p->pfa; /* on the premises, counting in ratio or not */
			all.first_aiders += p->pfa;
			if (room >= 0)
				rooms[room].first_aiders +=
				    p->pfa; /* in the room, in ratio or not */
			if (!p->counts)
				continue;
			add_staff(&all, p);
			if (room >= 0)
				add_staff(&rooms[room], p);
		}
		for (size_t i = 0; i < l->nchildren; i++) {
			const struct r_child *c = &l->children[i];
			int l6;
			if (!c->npresent || !child_present(c, t, end))
				continue;
			l6 = c->room >= 0 && level6_in_charge(&rooms[c->room]);
			if (c->room >= 0)
				add_child(&rooms[c->room], c, l6, l->lcm);
			add_child(&all, c, l6, l->lcm);
		}
		setting_half_ok = half_level2(&all, &others, &at_level2);
		meal = meal_at(r, t, end);
		buf_reset(&meal_rooms);
		for (size_t i = 0; i < r->nrooms; i++) {
			struct tally *x = &rooms[i];
			int present = x->no_rule;
			for (int band = 0; band < RATIO_BAND__MAX; band++)
				present += x->children[band];
			if (x->under2 > 0) {
				x->baby_staff = x->adults;
				x->baby_staff_trained = x->baby_trained;
				all.baby_staff += x->adults;
				all.baby_staff_trained += x->baby_trained;
			}
			if (meal && present && !x->first_aiders &&
			    buf_printf(&meal_rooms, "%s%s", meal_rooms.len ? ", " : "",
			               r->rooms[i].name) != 0)
				buf_reset(&meal_rooms);
			r->rooms[i].slots[k].start = t;
			r->rooms[i].slots[k].end = end;
			judge(&r->rooms[i].slots[k], x, &rn, l->lcm, pfa, setting_half_ok, meal,
			      NULL, &r->arena);
		}
		r->setting.slots[k].start = t;
		r->setting.slots[k].end = end;
		judge(&r->setting.slots[k], &all, &rn, l->lcm, pfa, setting_half_ok, meal,
		      buf_str(&meal_rooms), &r->arena);
	}
	free(rooms);
	buf_free(&meal_rooms);
	for (size_t i = 0; i < r->nrooms; i++)
		summarise(&r->rooms[i], r->nslots);
	summarise(&r->setting, r->nslots);
}

int core_ratio_day(struct store *s, int64_t setting_id, int day, enum ratio_mode mode, int until,
                   struct ratio_day *r, struct op_error *e)
{
	struct load l;
	struct store_stmt *st;
	int rc, ret = -1;

	memset(r, 0, sizeof *r);
	memset(&l, 0, sizeof l);
	arena_init(&r->arena);
	r->day = day;
	r->mode = mode;
	date_format(day, r->date);
	r->setting.name = "Whole setting";
	r->setting.worst = -1;
	if (core_setting_get(s, setting_id, &l.setting, e) != 0)
		goto out;
	r->opens = l.setting.opens_min;
	r->closes = l.setting.closes_min;
	st = store_stmt(s, STMT_RATIO_SETTING);
	store_bind_int(st, 1, setting_id);
	rc = store_step(st);
	if (rc == STORE_ROW)
		snprintf(l.framework, sizeof l.framework, "%s", store_col_text(st, 0));
	store_finish(st);
	if (rc != STORE_ROW) {
		op_store_fail(e, s, rc, "reading the setting's framework");
		goto out;
	}
	l.lcm = ratio_lcm();
	if (load_rooms(s, setting_id, r, e) != 0 || load_meals(s, setting_id, r, e) != 0)
		goto out;
	r->nslots = (size_t)((r->closes - r->opens + RATIO_SLOT_MIN - 1) / RATIO_SLOT_MIN);
	if (mode == RATIO_LIVE) {
		size_t judged = 0;
		while (judged < r->nslots && r->opens + (int)judged * RATIO_SLOT_MIN < until)
			judged++;
		r->nslots = judged;
	}
	if (load_staff(s, &l, r, e) || load_children(s, &l, r, e) ||
	    (mode == RATIO_PLANNED ? load_planned(s, &l, r, e) : load_live(s, &l, r, e)))
		goto out;
	attach_children(&l);
	judge_day(&l, r);
	ret = 0;
out:
	free(l.staff);
	free(l.children);
	free(l.shifts);
	free(l.staff_present);
	free(l.child_present);
	return ret;
}

void core_ratio_free(struct ratio_day *r)
{
	free(r->rooms);
	arena_free(&r->arena);
	memset(r, 0, sizeof *r);
}

/* ---- JSON ---- */

static json_t *slot_json(const struct ratio_slot *sl)
{
	json_t *o = json_object(), *kids = json_object();
	char from[TIME_LEN], to[TIME_LEN];
	time_format(sl->start, from);
	time_format(sl->end, to);
	json_object_set_new(o, "start", json_string(from));
	json_object_set_new(o, "end", json_string(to));
	for (int b = 0; b < RATIO_BAND__MAX; b++)
		json_object_set_new(kids, ratio_band_keys[b], json_integer(sl->children[b]));
	json_object_set_new(o, "children", kids);
	json_object_set_new(o, "at_1_13", json_integer(sl->at_1_13));
	json_object_set_new(o, "adults", json_integer(sl->adults));
	json_object_set_new(o, "adults_needed", json_integer(sl->adults_needed));
	json_object_set_new(o, "level3_ok", json_boolean(sl->level3_ok));
	json_object_set_new(o, "half_level2_ok", json_boolean(sl->half_level2_ok));
	json_object_set_new(o, "pfa_ok", json_boolean(sl->pfa_ok));
	json_object_set_new(o, "meal", sl->meal ? json_string(sl->meal) : json_null());
	json_object_set_new(o, "meal_pfa_ok", json_boolean(sl->meal_pfa_ok));
	json_object_set_new(o, "baby_trained_ok", json_boolean(sl->baby_trained_ok));
	json_object_set_new(o, "ok", json_boolean(sl->ok));
	json_object_set_new(o, "reasons", json_string(sl->reasons));
	return o;
}

static json_t *room_json(const struct ratio_room *room, size_t nslots, int all_slots)
{
	json_t *o = json_object(), *slots = json_array();
	if (room->id)
		json_object_set_new(o, "id", json_integer(room->id));
	else
		json_object_set_new(o, "id", json_null());
	json_object_set_new(o, "name", json_string(room->name));
	json_object_set_new(o, "ok", json_boolean(room->nshort == 0));
	json_object_set_new(o, "slots_short", json_integer(room->nshort));
	json_object_set_new(o, "worst",
	                    room->worst >= 0 ? slot_json(&room->slots[room->worst]) : json_null());
	for (size_t k = 0; k < nslots; k++)
		if (all_slots || !room->slots[k].ok)
			json_array_append_new(slots, slot_json(&room->slots[k]));
	json_object_set_new(o, "slots", slots);
	return o;
}

json_t *core_ratio_json(const struct ratio_day *r, int all_slots)
{
	json_t *root = json_object(), *rooms = json_array(), *meals = json_array();
	char opens[TIME_LEN], closes[TIME_LEN];
	time_format(r->opens, opens);
	time_format(r->closes, closes);
	json_object_set_new(root, "date", json_string(r->date));
	json_object_set_new(root, "mode", json_string(ratio_mode_names[r->mode]));
	json_object_set_new(root, "opens", json_string(opens));
	json_object_set_new(root, "closes", json_string(closes));
	for (size_t i = 0; i < r->nrooms; i++)
		json_array_append_new(rooms, room_json(&r->rooms[i], r->nslots, all_slots));
	json_object_set_new(root, "rooms", rooms);
	json_object_set_new(root, "setting", room_json(&r->setting, r->nslots, all_slots));
	for (size_t i = 0; i < r->nmeals; i++) {
		json_t *m = json_object();
		char from[TIME_LEN], to[TIME_LEN];
		time_format(r->meals[i].start, from);
		time_format(r->meals[i].end, to);
		json_object_set_new(m, "name", json_string(r->meals[i].name));
		json_object_set_new(m, "start", json_string(from));
		json_object_set_new(m, "end", json_string(to));
		json_array_append_new(meals, m);
	}
	json_object_set_new(root, "mealtimes", meals);
	return root;
}

/* ---- the demo ---- */

int core_ratio_demo(struct store *s, const struct actor *who, struct op_error *e)
{
	static const struct {
		const char *name;
		int start, end;
	} meals[] = {{"breakfast", 8 * 60, 8 * 60 + 30},
	             {"lunch", 11 * 60 + 30, 12 * 60 + 15},
	             {"tea", 15 * 60 + 30, 16 * 60}};
	struct store_stmt *st;
	int rc;
	for (size_t i = 0; i < ARRAY_LEN(meals); i++) {
		st = store_stmt(s, STMT_MEALTIME_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_text(st, 2, meals[i].name);
		store_bind_int(st, 3, meals[i].start);
		store_bind_int(st, 4, meals[i].end);
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "adding the mealtimes");
	}
	st = store_stmt(s, STMT_RATIO_DEMO_BABY_TRAINED);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, who->setting_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "marking the staff trained in the care of babies");
	return 0;
}
