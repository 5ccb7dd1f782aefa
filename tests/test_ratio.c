/*
 * test_ratio.c — the ratio engine (core_ratio.h) on small settings built
 * for each test with the core operations, with answers worked out by hand
 * from EYFS.md: every boundary of the age bands (a child turning 2 or 3
 * today, with the band changing on the birthday or the day after), exactly
 * at ratio and one over, mixed ages with the fractions added before rounding
 * up, 1:13 only with a Level 6 in the room and another Level 3, a Level 3
 * going on break, half at Level 2, students at the level below (and before
 * that rule, and without first aid after September 2025), a first aid
 * certificate that expired yesterday (no first aider, and its holder no
 * longer the Level 3; expiring today still counts), the 2-year-olds' change from 1:4 to
 * 1:5 on 4 September 2023, a child present at any moment of a slot and
 * staff for all of it, live ratios from the register, and the rules table
 * itself (no two rows of one kind in force on one day).
 *
 * The usual day is Monday 2 March 2026 (D); the setting opens 07:30-18:30.
 */
#include "support.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_child.h"
#include "core_ratio.h"
#include "core_register.h"
#include "core_setting.h"
#include "core_staff.h"
#include "store.h"

#define D "2026-03-02"
#define BABY "2025-06-01"  /* 9 months on D */
#define TWO "2023-12-01"   /* 2 years 3 months on D */
#define THREE "2022-09-01" /* 3 years 6 months on D */
#define PFA_OK "2027-01-01"
#define EXPERIENCED "2015-01-01"

struct fx {
	struct store *s;
	struct actor who;
	int ncodes;
};

typedef int core_op(struct store *, const struct actor *, const struct field_value *, int64_t *,
                    struct op_error *);

static void add(struct fx *f, const struct field_spec *spec, size_t n, const char *const *raw,
                core_op *op)
{
	struct field_value v[40];
	struct field_error fe;
	struct op_error e;
	struct arena a;
	int64_t id;
	assert_true(n <= 40);
	arena_init(&a);
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	if (op(f->s, &f->who, v, &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	arena_free(&a);
}

static void exec_sql(struct fx *f, const char *sql)
{
	struct store_stmt *st = store_prepare(f->s, sql);
	assert_non_null(st);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

/* A new database with one setting and rooms Babies, Toddlers, Pre-school
 * and Mixed, inside an open transaction (fx_ready commits it). */
static void fx_open(struct fx *f, const char *name)
{
	struct op_error e;
	char err[512];
	static const char *const rooms[][3] = {{"Babies", "0", "24"},
	                                       {"Toddlers", "24", "36"},
	                                       {"Pre-school", "36", "60"},
	                                       {"Mixed", "0", "60"}};
	memset(f, 0, sizeof *f);
	f->who.name = "test";
	f->who.ip = "";
	if (store_open(t_path(name), STORE_OPEN_CREATE, &f->s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(f->s, &e), 0);
	assert_int_equal(
	    core_setting_create(f->s, "Little Acorns", "nursery", &f->who.setting_id, &e), 0);
	for (size_t i = 0; i < ARRAY_LEN(rooms); i++) {
		const char *raw[ROOM__MAX] = {[ROOM_NAME] = rooms[i][0],
		                              [ROOM_AGE_MIN_MONTHS] = rooms[i][1],
		                              [ROOM_AGE_MAX_MONTHS] = rooms[i][2]};
		add(f, core_room_fields, ROOM__MAX, raw, core_room_add);
	}
}

static void fx_ready(struct fx *f)
{
	struct op_error e;
	if (core_tx_commit(f->s, &e) != 0)
		fail_msg("%s", e.msg);
}

static void fx_close(struct fx *f)
{
	store_close(f->s);
}

/* A member of staff at qualification (0, 2, 3, 6), student or not, with a
 * first aid certificate expiring pfa (NULL: none) and experience since exp. */
static void staff(struct fx *f, const char *code, const char *room, const char *qualification,
                  int student, const char *pfa, const char *exp)
{
	const char *raw[STAFF__MAX] = {[STAFF_ID] = code,
	                               [STAFF_NAME] = code,
	                               [STAFF_ROOMS] = room,
	                               [STAFF_QUALIFICATION] = qualification,
	                               [STAFF_STUDENT] = student ? "yes" : "no",
	                               [STAFF_PFA_EXPIRES] = pfa,
	                               [STAFF_EXPERIENCE_START] = exp,
	                               /* baby training: test_ratio_meal.c */
	                               [STAFF_BABY_TRAINED] = "yes"};
	add(f, core_staff_fields, STAFF__MAX, raw, core_staff_add);
}

static void shift(struct fx *f, const char *code, const char *date, const char *from,
                  const char *to, const char *room)
{
	const char *raw[SHIFT__MAX] = {[SHIFT_STAFF] = code,
	                               [SHIFT_DATE] = date,
	                               [SHIFT_START] = from,
	                               [SHIFT_END] = to,
	                               [SHIFT_ROOM] = room};
	add(f, core_shift_fields, SHIFT__MAX, raw, core_shift_add);
}

/* n children born dob in room, every weekday for span ("08:00-17:00"). */
static void children(struct fx *f, int n, const char *room, const char *dob, const char *span)
{
	for (int i = 0; i < n; i++) {
		char code[16];
		const char *raw[CHILD__MAX] = {NULL};
		snprintf(code, sizeof code, "C%03d", ++f->ncodes);
		raw[CHILD_ID] = code;
		raw[CHILD_FIRST_NAME] = "Child";
		raw[CHILD_LAST_NAME] = code;
		raw[CHILD_DATE_OF_BIRTH] = dob;
		raw[CHILD_ROOM] = room;
		raw[CHILD_START_DATE] = dob; /* on roll from birth: every test date counts */
		for (int d = CHILD_MON; d <= CHILD_FRI; d++)
			raw[d] = span;
		add(f, core_child_fields, CHILD__MAX, raw, core_child_add);
	}
}

static void ratios(struct fx *f, const char *date, enum ratio_mode mode, struct ratio_day *r)
{
	struct op_error e;
	int day;
	assert_int_equal(date_parse(date, &day), 0);
	if (core_ratio_day(f->s, f->who.setting_id, day, mode, 24 * 60, r, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
}

static const struct ratio_room *room_named(const struct ratio_day *r, const char *name)
{
	for (size_t i = 0; i < r->nrooms; i++)
		if (strcmp(r->rooms[i].name, name) == 0)
			return &r->rooms[i];
	fail_msg("no room %s", name);
	return NULL;
}

/* The slot of room (NULL: the whole setting) starting at hh:mm. */
static const struct ratio_slot *slot(const struct ratio_day *r, const char *room, const char *at)
{
	const struct ratio_room *rm = NULL;
	int min;
	assert_int_equal(time_parse(at, &min), 0);
	if (!room)
		rm = &r->setting;
	for (size_t i = 0; !rm && i < r->nrooms; i++)
		if (strcmp(r->rooms[i].name, room) == 0)
			rm = &r->rooms[i];
	if (!rm)
		fail_msg("no room %s", room);
	for (size_t k = 0; k < r->nslots; k++)
		if (rm->slots[k].start == min)
			return &rm->slots[k];
	fail_msg("no slot %s", at);
	return NULL;
}

static void test_three_babies_to_one_adult_is_in_ratio(void **state)
{
	struct fx f;
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	fx_open(&f, "exact.db");
	staff(&f, "S01", "Babies", "3", 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "13:00", "Babies");
	children(&f, 3, "Babies", BABY, "09:00-12:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	sl = slot(&r, "Babies", "09:00");
	assert_int_equal(sl->children[RATIO_UNDER_2], 3);
	assert_int_equal(sl->adults, 1);
	assert_int_equal(sl->adults_needed, 1);
	assert_true(sl->ok && sl->level3_ok && sl->half_level2_ok && sl->pfa_ok);
	assert_string_equal(sl->reasons, "");
	assert_int_equal(room_named(&r, "Babies")->nshort, 0);
	/* before the children come and after they go, nothing to judge */
	assert_true(slot(&r, "Babies", "08:45")->ok);
	assert_int_equal(slot(&r, "Babies", "12:00")->adults_needed, 0);
	core_ratio_free(&r);
	fx_close(&f);
}

static void test_four_babies_to_one_adult_needs_two(void **state)
{
	struct fx f;
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	fx_open(&f, "over.db");
	staff(&f, "S01", "Babies", "3", 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "13:00", "Babies");
	children(&f, 4, "Babies", BABY, "09:00-12:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	sl = slot(&r, "Babies", "09:00");
	assert_int_equal(sl->adults_needed, 2);
	assert_int_equal(sl->adults, 1);
	assert_false(sl->ok);
	assert_true(sl->problems == RATIO_SHORT_ADULTS);
	assert_string_equal(sl->reasons, "needs 2 adults, has 1");
	assert_int_equal(room_named(&r, "Babies")->nshort, 12); /* 09:00 to 12:00 */
	assert_int_equal(room_named(&r, "Babies")->slots[room_named(&r, "Babies")->worst].start,
	                 9 * 60);
	assert_false(slot(&r, NULL, "09:00")->ok); /* the setting as a whole too */
	core_ratio_free(&r);
	fx_close(&f);
}

static void test_mixed_ages_add_fractions_before_rounding_up(void **state)
{
	struct fx f;
	struct ratio_day r;
	UNUSED(state);
	fx_open(&f, "mixed.db");
	staff(&f, "S01", "Mixed", "3", 0, PFA_OK, EXPERIENCED);
	staff(&f, "S02", "Mixed", "2", 0, NULL, NULL);
	shift(&f, "S01", D, "08:00", "17:00", "Mixed");
	shift(&f, "S02", D, "08:00", "17:00", "Mixed");
	/* 09:00-12:00: 2 babies + 3 two-year-olds = 2/3 + 3/5 = 1.27 -> 2 adults;
	 * 13:00-15:00: 1 baby + 2 two-year-olds = 1/3 + 2/5 = 0.73 -> 1 adult,
	 * where rounding each band up first would say 2. */
	children(&f, 1, "Mixed", BABY, "09:00-15:00");
	children(&f, 1, "Mixed", BABY, "09:00-12:00");
	children(&f, 2, "Mixed", TWO, "09:00-15:00");
	children(&f, 1, "Mixed", TWO, "09:00-12:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_int_equal(slot(&r, "Mixed", "09:00")->children[RATIO_UNDER_2], 2);
	assert_int_equal(slot(&r, "Mixed", "09:00")->children[RATIO_TWO], 3);
	assert_int_equal(slot(&r, "Mixed", "09:00")->adults_needed, 2);
	assert_true(slot(&r, "Mixed", "09:00")->ok);
	assert_int_equal(slot(&r, "Mixed", "13:00")->adults_needed, 1);
	/* the setting adds every room's fractions the same way */
	assert_int_equal(slot(&r, NULL, "09:00")->adults_needed, 2);
	assert_int_equal(slot(&r, NULL, "13:00")->adults_needed, 1);
	core_ratio_free(&r);
	fx_close(&f);
}

/* The band of the one child in Mixed on date, with band_on_birthday. */
static enum ratio_band band_on(const char *dob, const char *date, int on_birthday)
{
	struct fx f;
	struct ratio_day r;
	const struct ratio_slot *sl;
	enum ratio_band b = RATIO_BAND__MAX;
	char name[64];
	UNUSED(dob);
	snprintf(name, sizeof name, "band-%s-%s-%d.db", dob, date, on_birthday);
	fx_open(&f, name);
	staff(&f, "S01", "Mixed", "3", 0, PFA_OK, EXPERIENCED); /* not on shift */
	children(&f, 1, "Mixed", dob, "09:00-12:00");
	if (!on_birthday)
		exec_sql(&f, "UPDATE setting SET band_on_birthday = 0");
	fx_ready(&f);
	ratios(&f, date, RATIO_PLANNED, &r);
	sl = slot(&r, "Mixed", "09:00");
	for (int k = 0; k < RATIO_BAND__MAX; k++)
		if (sl->children[k])
			b = (enum ratio_band)k;
	core_ratio_free(&r);
	fx_close(&f);
	return b;
}

static void test_child_turning_two_today(void **state)
{
	UNUSED(state);
	/* born 2 March 2024: two on Monday 2 March 2026 */
	assert_int_equal(band_on("2024-03-02", "2026-02-27", 1), RATIO_UNDER_2); /* the Friday */
	assert_int_equal(band_on("2024-03-02", D, 1), RATIO_TWO);
	assert_int_equal(band_on("2024-03-02", D, 0), RATIO_UNDER_2);
	assert_int_equal(band_on("2024-03-02", "2026-03-03", 0), RATIO_TWO);
}

static void test_child_turning_three_today(void **state)
{
	UNUSED(state);
	assert_int_equal(band_on("2023-03-02", "2026-02-27", 1), RATIO_TWO);
	assert_int_equal(band_on("2023-03-02", D, 1), RATIO_THREE_PLUS);
	assert_int_equal(band_on("2023-03-02", D, 0), RATIO_TWO);
	assert_int_equal(band_on("2023-03-02", "2026-03-03", 0), RATIO_THREE_PLUS);
}

/* Pre-school with 26 over-threes 09:00-15:00 and two staff of the given
 * qualifications on shift there (the second's room may differ). */
static void preschool(struct ratio_day *r, const char *name, const char *q1, const char *q2,
                      const char *room2)
{
	struct fx f;
	fx_open(&f, name);
	staff(&f, "S01", "Pre-school", q1, 0, PFA_OK, EXPERIENCED);
	staff(&f, "S02", "Pre-school", q2, 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "17:00", "Pre-school");
	shift(&f, "S02", D, "08:00", "17:00", room2);
	children(&f, 26, "Pre-school", THREE, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, r);
	fx_close(&f);
}

static void test_level6_in_the_room_allows_1_13(void **state)
{
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	/* a Level 6 and a Level 3 with them: 26/13 = 2 adults */
	preschool(&r, "l6.db", "6", "3", "Pre-school");
	sl = slot(&r, "Pre-school", "09:00");
	assert_int_equal(sl->at_1_13, 26);
	assert_int_equal(sl->adults_needed, 2);
	assert_true(sl->ok);
	core_ratio_free(&r);
	/* two Level 3s: 26/8 = 3.25 -> 4 adults */
	preschool(&r, "l3.db", "3", "3", "Pre-school");
	sl = slot(&r, "Pre-school", "09:00");
	assert_int_equal(sl->at_1_13, 0);
	assert_int_equal(sl->adults_needed, 4);
	assert_false(sl->ok);
	core_ratio_free(&r);
}

static void test_level6_needs_another_level3_and_to_be_in_the_room(void **state)
{
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	/* the Level 6 with a Level 2 only: 1:8, and the reason says why */
	preschool(&r, "l6l2.db", "6", "2", "Pre-school");
	sl = slot(&r, "Pre-school", "09:00");
	assert_int_equal(sl->adults_needed, 4);
	assert_false(sl->ok);
	assert_non_null(strstr(sl->reasons, "1:13 for the 3 and over needs another Level 3"));
	core_ratio_free(&r);
	/* the Level 6 working in another room does not make 1:13 here */
	preschool(&r, "l6away.db", "3", "6", "Toddlers");
	sl = slot(&r, "Pre-school", "09:00");
	assert_int_equal(sl->at_1_13, 0);
	assert_int_equal(sl->adults_needed, 4);
	assert_int_equal(sl->adults, 1);
	core_ratio_free(&r);
}

static void test_level3_on_break_is_flagged(void **state)
{
	struct fx f;
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	fx_open(&f, "break.db");
	staff(&f, "S01", "Toddlers", "3", 0, PFA_OK, EXPERIENCED);
	staff(&f, "S02", "Toddlers", "2", 0, PFA_OK, NULL); /* a first aider stays on */
	staff(&f, "S03", "Toddlers", "2", 0, NULL, NULL);
	shift(&f, "S01", D, "08:00", "12:00", "Toddlers");
	shift(&f, "S01", D, "12:30", "17:00", "Toddlers");
	shift(&f, "S02", D, "08:00", "17:00", "Toddlers");
	shift(&f, "S03", D, "08:00", "17:00", "Toddlers");
	children(&f, 8, "Toddlers", TWO, "08:00-17:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_true(slot(&r, "Toddlers", "11:45")->ok);
	for (int k = 0; k < 2; k++) {
		sl = slot(&r, "Toddlers", k ? "12:15" : "12:00");
		assert_false(sl->level3_ok);
		assert_false(sl->ok);
		assert_int_equal(sl->adults, 2);
		assert_int_equal(sl->adults_needed, 2); /* 8/5: in ratio, but no Level 3 */
		assert_string_equal(sl->reasons, "no Level 3 on duty");
	}
	assert_true(slot(&r, "Toddlers", "12:30")->ok);
	assert_int_equal(room_named(&r, "Toddlers")->nshort, 2);
	/* no Level 3 on the premises at all then: the setting is flagged too */
	assert_false(slot(&r, NULL, "12:00")->level3_ok);
	core_ratio_free(&r);
	fx_close(&f);
}

static void test_staff_count_only_for_the_whole_slot(void **state)
{
	struct fx f;
	struct ratio_day r;
	UNUSED(state);
	fx_open(&f, "partial.db");
	staff(&f, "S01", "Toddlers", "3", 0, PFA_OK, EXPERIENCED);
	staff(&f, "S02", "Toddlers", "3", 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "17:00", "Toddlers");
	shift(&f, "S02", D, "08:00", "12:10", "Toddlers");
	children(&f, 7, "Toddlers", TWO, "08:00-17:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_int_equal(slot(&r, "Toddlers", "11:45")->adults, 2);
	assert_int_equal(slot(&r, "Toddlers", "12:00")->adults, 1); /* leaves 12:10 */
	assert_false(slot(&r, "Toddlers", "12:00")->ok);
	core_ratio_free(&r);
	fx_close(&f);
}

static void test_arrival_counts_in_its_slot_departure_does_not(void **state)
{
	struct fx f;
	struct ratio_day r;
	UNUSED(state);
	fx_open(&f, "edges.db");
	staff(&f, "S01", "Toddlers", "3", 0, PFA_OK, EXPERIENCED); /* not on shift */
	children(&f, 1, "Toddlers", TWO, "08:10-17:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_int_equal(slot(&r, "Toddlers", "07:45")->children[RATIO_TWO], 0);
	assert_int_equal(slot(&r, "Toddlers", "08:00")->children[RATIO_TWO], 1);
	assert_int_equal(slot(&r, "Toddlers", "16:45")->children[RATIO_TWO], 1);
	assert_int_equal(slot(&r, "Toddlers", "17:00")->children[RATIO_TWO], 0);
	/* with nobody on duty, the slots with the child are short */
	assert_false(slot(&r, "Toddlers", "08:00")->ok);
	assert_true(slot(&r, "Toddlers", "17:00")->ok);
	assert_int_equal(room_named(&r, "Toddlers")->nshort, (17 * 60 - 8 * 60) / 15);
	core_ratio_free(&r);
	fx_close(&f);
}

/* Pre-school with 16 over-threes and a Level 3 plus two others. */
static void half_case(struct ratio_day *r, const char *name, const char *date, const char *q2,
                      int student2, const char *q3, int student3, const char *pfa3)
{
	struct fx f;
	fx_open(&f, name);
	staff(&f, "S01", "Pre-school", "3", 0, PFA_OK, EXPERIENCED);
	staff(&f, "S02", "Pre-school", q2, student2, PFA_OK, NULL);
	staff(&f, "S03", "Pre-school", q3, student3, pfa3, NULL);
	shift(&f, "S01", date, "08:00", "17:00", "Pre-school");
	shift(&f, "S02", date, "08:00", "17:00", "Pre-school");
	shift(&f, "S03", date, "08:00", "17:00", "Pre-school");
	children(&f, 16, "Pre-school", "2019-09-01", "09:00-15:00");
	fx_ready(&f);
	ratios(&f, date, RATIO_PLANNED, r);
	fx_close(&f);
}

static void test_half_of_the_others_at_level2(void **state)
{
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	/* Level 3 + Level 2 + unqualified: one of the two others at Level 2 */
	half_case(&r, "half-ok.db", D, "2", 0, "0", 0, PFA_OK);
	sl = slot(&r, "Pre-school", "09:00");
	assert_int_equal(sl->adults, 3);
	assert_true(sl->half_level2_ok);
	assert_true(sl->ok);
	core_ratio_free(&r);
	/* Level 3 + two unqualified: none of the others */
	half_case(&r, "half-bad.db", D, "0", 0, "0", 0, PFA_OK);
	sl = slot(&r, "Pre-school", "09:00");
	assert_false(sl->half_level2_ok);
	assert_false(sl->ok);
	assert_string_equal(sl->reasons, "fewer than half of the other staff at Level 2 (0 of 2)");
	core_ratio_free(&r);
}

static void test_student_counts_at_the_level_below(void **state)
{
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	/* a student on a Level 3 course counts at Level 2: half of the others */
	half_case(&r, "student.db", D, "3", 1, "0", 0, PFA_OK);
	sl = slot(&r, "Pre-school", "09:00");
	assert_int_equal(sl->level3, 1);
	assert_int_equal(sl->level2, 2);
	assert_true(sl->half_level2_ok);
	core_ratio_free(&r);
	/* before 4 January 2024 a student counted as unqualified (4 Dec 2023 is a Monday) */
	half_case(&r, "student-2023.db", "2023-12-04", "3", 1, "0", 0, PFA_OK);
	sl = slot(&r, "Pre-school", "09:00");
	assert_int_equal(sl->level2, 1);
	assert_false(sl->half_level2_ok);
	core_ratio_free(&r);
	/* from September 2025 a student without first aid does not count at all */
	half_case(&r, "student-nopfa.db", D, "2", 0, "3", 1, "2026-01-31");
	sl = slot(&r, "Pre-school", "09:00");
	assert_int_equal(sl->adults, 2);
	assert_true(sl->ok); /* 16/8 = 2 */
	core_ratio_free(&r);
	/* a student on a Level 6 course counts at Level 3 */
	assert_int_equal(core_ratio_level("eyfs-group-2025", D, 6, 1), 3);
	assert_int_equal(core_ratio_level("eyfs-group-2025", D, 2, 1), 0);
	assert_int_equal(core_ratio_level("eyfs-group-2025", D, 6, 0), 6);
}

static void test_first_aid_expired_yesterday_is_no_first_aider(void **state)
{
	struct fx f;
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	fx_open(&f, "pfa.db");
	staff(&f, "S01", "Toddlers", "3", 0, "2026-03-01", EXPERIENCED);
	shift(&f, "S01", D, "08:00", "17:00", "Toddlers");
	children(&f, 5, "Toddlers", TWO, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	sl = slot(&r, "Toddlers", "09:00");
	assert_false(sl->pfa_ok);
	assert_false(sl->ok);
	assert_non_null(strstr(sl->reasons, "no paediatric first aider on the premises"));
	assert_non_null(strstr(sl->reasons, "no Level 3 on duty")); /* lapsed: unqualified */
	assert_false(slot(&r, NULL, "09:00")->pfa_ok);
	core_ratio_free(&r);
	/* the day before, the certificate was still current (27 Feb 2026, a Friday) */
	ratios(&f, "2026-02-27", RATIO_PLANNED, &r);
	assert_int_equal(r.nslots, 44);
	assert_int_equal(slot(&r, "Toddlers", "09:00")->children[RATIO_TWO], 5);
	assert_int_equal(slot(&r, "Toddlers", "09:00")->adults, 0); /* no shift that day */
	core_ratio_free(&r);
	fx_close(&f);
}

static void test_first_aid_expiring_today_still_counts(void **state)
{
	struct fx f;
	struct ratio_day r;
	UNUSED(state);
	fx_open(&f, "pfa-today.db");
	staff(&f, "S01", "Toddlers", "3", 0, D, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "17:00", "Toddlers");
	children(&f, 5, "Toddlers", TWO, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_true(slot(&r, "Toddlers", "09:00")->pfa_ok);
	assert_true(slot(&r, "Toddlers", "09:00")->ok);
	core_ratio_free(&r);
	fx_close(&f);
}

/* Toddlers: 5 two-year-olds, a Level 3 whose first aid expires pfa and a
 * Level 2 first aider, both on shift on date. */
static void lapsed_case(struct ratio_day *r, const char *name, const char *date, const char *pfa)
{
	struct fx f;
	fx_open(&f, name);
	staff(&f, "S01", "Toddlers", "3", 0, pfa, EXPERIENCED);
	staff(&f, "S02", "Toddlers", "2", 0, PFA_OK, NULL);
	shift(&f, "S01", date, "08:00", "17:00", "Toddlers");
	shift(&f, "S02", date, "08:00", "17:00", "Toddlers");
	children(&f, 5, "Toddlers", TWO, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, date, RATIO_PLANNED, r);
	fx_close(&f);
}

static void test_lapsed_first_aid_stops_counting_at_level3(void **state)
{
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	/* expired yesterday: still an adult, no longer the room's Level 3 */
	lapsed_case(&r, "lapsed.db", D, "2026-03-01");
	sl = slot(&r, "Toddlers", "09:00");
	assert_int_equal(sl->adults, 2);
	assert_int_equal(sl->level3, 0);
	assert_true(sl->pfa_ok); /* the Level 2 is a first aider */
	assert_false(sl->level3_ok);
	assert_false(sl->ok);
	assert_string_equal(sl->reasons, "no Level 3 on duty");
	core_ratio_free(&r);
	/* expiring today: current all day, still the Level 3 */
	lapsed_case(&r, "lapsed-today.db", D, D);
	sl = slot(&r, "Toddlers", "09:00");
	assert_int_equal(sl->level3, 1);
	assert_true(sl->level3_ok);
	assert_true(sl->ok);
	core_ratio_free(&r);
	/* no certificate recorded is not a lapse */
	lapsed_case(&r, "lapsed-none.db", D, NULL);
	sl = slot(&r, "Toddlers", "09:00");
	assert_int_equal(sl->level3, 1);
	assert_true(sl->ok);
	core_ratio_free(&r);
	/* before the rule's from-date (4 Dec 2023, a Monday) a lapse kept the level */
	lapsed_case(&r, "lapsed-2023.db", "2023-12-04", "2023-12-01");
	assert_int_equal(slot(&r, "Toddlers", "09:00")->level3, 1);
	core_ratio_free(&r);
}

static void test_two_year_olds_went_from_1_4_to_1_5_on_4_september_2023(void **state)
{
	struct fx f;
	struct ratio_day r;
	UNUSED(state);
	fx_open(&f, "rule-change.db");
	staff(&f, "S01", "Toddlers", "3", 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", "2023-09-01", "08:00", "17:00", "Toddlers");
	shift(&f, "S01", "2023-09-04", "08:00", "17:00", "Toddlers");
	children(&f, 5, "Toddlers", "2021-03-01", "09:00-15:00"); /* 2 years 6 months */
	fx_ready(&f);
	ratios(&f, "2023-09-01", RATIO_PLANNED, &r); /* a Friday: 1:4 */
	assert_int_equal(slot(&r, "Toddlers", "09:00")->adults_needed, 2);
	assert_false(slot(&r, "Toddlers", "09:00")->ok);
	core_ratio_free(&r);
	ratios(&f, "2023-09-04", RATIO_PLANNED, &r); /* the Monday: 1:5 */
	assert_int_equal(slot(&r, "Toddlers", "09:00")->adults_needed, 1);
	assert_true(slot(&r, "Toddlers", "09:00")->ok);
	core_ratio_free(&r);
	fx_close(&f);
}

static void test_under_twos_need_an_experienced_level3(void **state)
{
	struct fx f;
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	fx_open(&f, "under2.db");
	staff(&f, "S01", "Babies", "3", 0, PFA_OK, "2025-06-01"); /* 9 months' experience */
	staff(&f, "S02", "Toddlers", "3", 0, PFA_OK, "2025-06-01");
	shift(&f, "S01", D, "08:00", "17:00", "Babies");
	shift(&f, "S02", D, "08:00", "17:00", "Toddlers");
	children(&f, 3, "Babies", BABY, "09:00-15:00");
	children(&f, 5, "Toddlers", TWO, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	sl = slot(&r, "Babies", "09:00");
	assert_false(sl->level3_ok);
	assert_true(sl->problems == RATIO_NO_UNDER2_L3);
	assert_string_equal(sl->reasons, "no Level 3 with 2 years' experience for the under-2s");
	assert_true(slot(&r, "Toddlers", "09:00")->ok); /* the rule is for under-2s only */
	core_ratio_free(&r);
	fx_close(&f);
}

static void test_absent_staff_do_not_count(void **state)
{
	struct fx f;
	struct ratio_day r;
	const char *raw[ABSENCE__MAX] = {
	    [ABSENCE_STAFF] = "S01", [ABSENCE_FROM] = D, [ABSENCE_REASON] = "sick"};
	UNUSED(state);
	fx_open(&f, "absent.db");
	staff(&f, "S01", "Toddlers", "3", 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "17:00", "Toddlers");
	children(&f, 2, "Toddlers", TWO, "09:00-15:00");
	add(&f, core_absence_fields, ABSENCE__MAX, raw, core_absence_add);
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_int_equal(slot(&r, "Toddlers", "09:00")->adults, 0);
	assert_false(slot(&r, "Toddlers", "09:00")->ok);
	core_ratio_free(&r);
	fx_close(&f);
}

static void test_live_ratios_come_from_the_register(void **state)
{
	struct fx f;
	struct ratio_day r;
	struct op_error e;
	int64_t id;
	int day;
	UNUSED(state);
	setenv("KW_TODAY", D, 1);
	fx_open(&f, "live.db");
	staff(&f, "S01", "Babies", "3", 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "17:00", "Babies");
	children(&f, 4, "Babies", BABY, "09:00-15:00"); /* planned: 4 babies, 1 adult */
	assert_int_equal(date_parse(D, &day), 0);
	/* but only three came, the first at 08:10, and the key person signed in at 08:00 */
	assert_int_equal(core_register_staff(f.s, &f.who, 1, REGISTER_IN, day, 8 * 60, &id, &e), 0);
	for (int i = 1; i <= 3; i++) {
		struct register_child_entry in = {
		    .child_id = i, .event = REGISTER_IN, .day = day, .minute = 8 * 60 + 10 * i};
		if (core_register_child(f.s, &f.who, &in, &id, &e) != 0)
			fail_msg("%s: %s", e.field, e.msg);
	}
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_false(slot(&r, "Babies", "09:00")->ok);
	core_ratio_free(&r);
	ratios(&f, D, RATIO_LIVE, &r);
	assert_int_equal(slot(&r, "Babies", "08:00")->children[RATIO_UNDER_2], 1);
	assert_int_equal(slot(&r, "Babies", "08:15")->children[RATIO_UNDER_2], 2); /* + 08:20 */
	assert_int_equal(slot(&r, "Babies", "08:30")->children[RATIO_UNDER_2], 3); /* + 08:30 */
	assert_int_equal(slot(&r, "Babies", "08:15")->adults, 1);
	assert_true(slot(&r, "Babies", "09:00")->ok);
	assert_true(slot(&r, "Babies", "17:45")->ok); /* still signed in: still counted */
	assert_int_equal(slot(&r, "Babies", "17:45")->children[RATIO_UNDER_2], 3);
	core_ratio_free(&r);
	{ /* live up to 09:05: the slots from opening to the one holding 09:05 */
		struct ratio_day part;
		if (core_ratio_day(f.s, f.who.setting_id, day, RATIO_LIVE, 9 * 60 + 6, &part, &e))
			fail_msg("%s", e.msg);
		assert_int_equal(part.nslots, (9 * 60 + 15 - (7 * 60 + 30)) / 15);
		core_ratio_free(&part);
	}
	fx_close(&f);
	unsetenv("KW_TODAY");
}

static void test_json_has_the_slots_and_reasons(void **state)
{
	struct fx f;
	struct ratio_day r;
	json_t *doc, *rooms, *babies, *worst;
	UNUSED(state);
	fx_open(&f, "json.db");
	staff(&f, "S01", "Babies", "3", 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "17:00", "Babies");
	children(&f, 4, "Babies", BABY, "09:00-09:30");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	doc = core_ratio_json(&r, 0);
	rooms = json_object_get(doc, "rooms");
	assert_int_equal(json_array_size(rooms), 4);
	babies = json_array_get(rooms, 0);
	assert_string_equal(json_string_value(json_object_get(babies, "name")), "Babies");
	assert_false(json_is_true(json_object_get(babies, "ok")));
	assert_int_equal(json_integer_value(json_object_get(babies, "slots_short")), 2);
	assert_int_equal(json_array_size(json_object_get(babies, "slots")), 2);
	worst = json_object_get(babies, "worst");
	assert_string_equal(json_string_value(json_object_get(worst, "start")), "09:00");
	assert_string_equal(json_string_value(json_object_get(worst, "end")), "09:15");
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(worst, "children"), "under_2")), 4);
	assert_int_equal(json_integer_value(json_object_get(worst, "adults_needed")), 2);
	assert_string_equal(json_string_value(json_object_get(worst, "reasons")),
	                    "needs 2 adults, has 1");
	assert_true(json_is_true(json_object_get(worst, "pfa_ok")));
	json_decref(doc);
	doc = core_ratio_json(&r, 1);
	assert_int_equal(json_array_size(json_object_get(
	                     json_array_get(json_object_get(doc, "rooms"), 0), "slots")),
	                 44);
	json_decref(doc);
	core_ratio_free(&r);
	fx_close(&f);
}

/* No two rows of one kind (and band and condition) in force on one day,
 * from before the first framework to well after today; every band row has
 * a ratio and a sensible age range. */
static void test_rules_table_has_one_rule_per_kind_per_day(void **state)
{
	int from, to;
	UNUSED(state);
	assert_int_equal(date_parse("2007-01-01", &from), 0);
	assert_int_equal(date_parse("2031-01-01", &to), 0);
	for (size_t i = 0; i < core_ratio_nrules; i++) {
		const struct ratio_rule *a = &core_ratio_rules[i];
		int d;
		assert_int_equal(date_parse(a->from, &d), 0);
		if (a->to)
			assert_int_equal(date_parse(a->to, &d), 0);
		assert_non_null(a->source);
		if (a->kind == RULE_BAND) {
			assert_true(a->value > 0);
			assert_true(a->min_months < a->max_months);
		}
	}
	for (int day = from; day < to; day += 7) {
		char date[DATE_LEN];
		date_format(day, date);
		for (size_t i = 0; i < core_ratio_nrules; i++)
			for (size_t j = i + 1; j < core_ratio_nrules; j++) {
				const struct ratio_rule *a = &core_ratio_rules[i],
				                        *b = &core_ratio_rules[j];
				int overlap =
				    a->kind == b->kind && a->band == b->band &&
				    a->condition == b->condition &&
				    strcmp(a->framework, b->framework) == 0 &&
				    (a->kind != RULE_BAND || (a->min_months < b->max_months &&
				                              b->min_months < a->max_months));
				int both = strcmp(a->from, date) <= 0 &&
				           (!a->to || strcmp(date, a->to) < 0) &&
				           strcmp(b->from, date) <= 0 &&
				           (!b->to || strcmp(date, b->to) < 0);
				if (overlap && both)
					fail_msg("rules %zu and %zu are both in force on %s", i, j,
					         date);
			}
	}
	/* today every band of EYFS.md has its rule */
	assert_int_equal(core_ratio_band_rule("eyfs-group-2025", D, 0, RATIO_ALWAYS)->value, 3);
	assert_int_equal(core_ratio_band_rule("eyfs-group-2025", D, 23, RATIO_ALWAYS)->value, 3);
	assert_int_equal(core_ratio_band_rule("eyfs-group-2025", D, 24, RATIO_ALWAYS)->value, 5);
	assert_int_equal(core_ratio_band_rule("eyfs-group-2025", D, 36, RATIO_ALWAYS)->value, 8);
	assert_int_equal(core_ratio_band_rule("eyfs-group-2025", D, 36, RATIO_WITH_LEVEL6)->value,
	                 13);
	assert_null(core_ratio_band_rule("eyfs-group-2025", D, 24, RATIO_WITH_LEVEL6));
	assert_null(core_ratio_band_rule("wales-2025", D, 24, RATIO_ALWAYS));
}

static void test_kw_ratios_prints_the_short_slots(void **state)
{
	struct fx f;
	char *out = NULL, *err = NULL, *db;
	UNUSED(state);
	fx_open(&f, "cli.db");
	staff(&f, "S01", "Babies", "3", 0, PFA_OK, EXPERIENCED);
	shift(&f, "S01", D, "08:00", "17:00", "Babies");
	children(&f, 4, "Babies", BABY, "09:00-09:30");
	fx_ready(&f);
	fx_close(&f);
	db = t_path("cli.db");
	assert_int_equal(t_kw(db, &out, NULL, "ratios", "--date", D, NULL), 0);
	assert_non_null(
	    strstr(out, "Babies: 2 slots short; worst 09:00-09:15: needs 2 adults, has 1"));
	assert_non_null(strstr(out, "!! 09:15-09:30"));
	assert_non_null(strstr(out, "Toddlers: OK all day"));
	assert_null(strstr(out, "09:30-09:45"));
	free(out);
	assert_int_equal(
	    t_kw(db, &out, NULL, "ratios", "--date", D, "--all", "--room", "Babies", NULL), 0);
	assert_non_null(strstr(out, "   09:30-09:45"));
	assert_null(strstr(out, "Toddlers"));
	free(out);
	assert_int_equal(t_kw(db, &out, NULL, "ratios", "--date", D, "--json", NULL), 0);
	{
		json_error_t je;
		json_t *doc = json_loads(out, 0, &je);
		assert_non_null(doc);
		assert_string_equal(json_string_value(json_object_get(doc, "mode")), "planned");
		json_decref(doc);
	}
	free(out);
	assert_int_equal(t_kw(db, NULL, &err, "ratios", "--room", "Attic", NULL), 1);
	assert_non_null(strstr(err, "no room called Attic"));
	free(err);
	assert_int_equal(t_kw(db, NULL, &err, "ratios", "--live", "--date", "2099-01-05", NULL), 1);
	assert_non_null(strstr(err, "live ratios"));
	free(err);
}

static int cleanup(void **state)
{
	UNUSED(state);
	t_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_three_babies_to_one_adult_is_in_ratio),
	    cmocka_unit_test(test_four_babies_to_one_adult_needs_two),
	    cmocka_unit_test(test_mixed_ages_add_fractions_before_rounding_up),
	    cmocka_unit_test(test_child_turning_two_today),
	    cmocka_unit_test(test_child_turning_three_today),
	    cmocka_unit_test(test_level6_in_the_room_allows_1_13),
	    cmocka_unit_test(test_level6_needs_another_level3_and_to_be_in_the_room),
	    cmocka_unit_test(test_level3_on_break_is_flagged),
	    cmocka_unit_test(test_staff_count_only_for_the_whole_slot),
	    cmocka_unit_test(test_arrival_counts_in_its_slot_departure_does_not),
	    cmocka_unit_test(test_half_of_the_others_at_level2),
	    cmocka_unit_test(test_student_counts_at_the_level_below),
	    cmocka_unit_test(test_first_aid_expired_yesterday_is_no_first_aider),
	    cmocka_unit_test(test_first_aid_expiring_today_still_counts),
	    cmocka_unit_test(test_lapsed_first_aid_stops_counting_at_level3),
	    cmocka_unit_test(test_two_year_olds_went_from_1_4_to_1_5_on_4_september_2023),
	    cmocka_unit_test(test_under_twos_need_an_experienced_level3),
	    cmocka_unit_test(test_absent_staff_do_not_count),
	    cmocka_unit_test(test_live_ratios_come_from_the_register),
	    cmocka_unit_test(test_json_has_the_slots_and_reasons),
	    cmocka_unit_test(test_rules_table_has_one_rule_per_kind_per_day),
	    cmocka_unit_test(test_kw_ratios_prints_the_short_slots),
	};
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
