/*
 * test_ratio_meal.c — the two ratio rules issue 6 left: a paediatric first
 * aider in the room while children eat (the setting's mealtimes, table
 * mealtime) and, with under-2s, at least half of the staff trained in the
 * care of babies (staff.baby_trained); planned from the rota and live from
 * the register, through the same rules table as test_ratio.c. Boundaries:
 * the slots either side of each mealtime's start and end, a certificate
 * expiring today (still a first aider) and yesterday (not), a first aider
 * in the next room (no help), exactly half of the staff baby-trained and
 * one short, a room with no under-2s, the rule's start date.
 *
 * The usual day is Monday 2 March 2026 (D); the setting opens 07:30-18:30;
 * lunch is 11:30-12:15.
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
#define BABY "2025-06-01" /* 9 months on D */
#define TWO "2023-06-01"  /* 2 years 9 months on D, 2 years 2 months on 29 August 2025 */
#define PFA_OK "2027-01-01"
#define NO_PFA NULL
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

/* Rooms Babies and Toddlers, lunch 11:30-12:15, in an open transaction. */
static void fx_open(struct fx *f, const char *name)
{
	struct op_error e;
	char err[512];
	static const char *const rooms[][3] = {{"Babies", "0", "24"}, {"Toddlers", "24", "36"}};
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
	exec_sql(f, "INSERT INTO mealtime (setting_id, name, start_min, end_min) "
	            "VALUES (1, 'lunch', 690, 735)");
}

static void fx_ready(struct fx *f)
{
	struct op_error e;
	if (core_tx_commit(f->s, &e) != 0)
		fail_msg("%s", e.msg);
}

/* A Level qualification member of staff of room, first aid until pfa
 * (NULL: none), trained in the care of babies or not, on shift 08:00-17:00
 * on date in room (date NULL: no shift). */
static void staff(struct fx *f, const char *code, const char *room, const char *qualification,
                  const char *pfa, int baby, const char *date)
{
	const char *raw[STAFF__MAX] = {[STAFF_ID] = code,
	                               [STAFF_NAME] = code,
	                               [STAFF_ROOMS] = room,
	                               [STAFF_QUALIFICATION] = qualification,
	                               [STAFF_PFA_EXPIRES] = pfa,
	                               [STAFF_EXPERIENCE_START] = EXPERIENCED,
	                               [STAFF_BABY_TRAINED] = baby ? "yes" : "no"};
	const char *sh[SHIFT__MAX] = {[SHIFT_STAFF] = code,
	                              [SHIFT_DATE] = date,
	                              [SHIFT_START] = "08:00",
	                              [SHIFT_END] = "17:00",
	                              [SHIFT_ROOM] = room};
	add(f, core_staff_fields, STAFF__MAX, raw, core_staff_add);
	if (date)
		add(f, core_shift_fields, SHIFT__MAX, sh, core_shift_add);
}

/* n children born dob in room, every weekday for span. */
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
		raw[CHILD_START_DATE] = dob; /* on roll from birth */
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

/* Toddlers at lunch with a Level 3 who is no first aider; the first aider
 * works next door in Babies. */
static void test_lunch_needs_a_first_aider_in_the_room(void **state)
{
	struct fx f;
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	fx_open(&f, "meal.db");
	staff(&f, "S01", "Toddlers", "3", NO_PFA, 0, D);
	staff(&f, "S02", "Babies", "3", PFA_OK, 1, D);
	children(&f, 5, "Toddlers", TWO, "09:00-15:00");
	children(&f, 3, "Babies", BABY, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	/* the edges: 11:15-11:30 ends as lunch starts, 12:15-12:30 starts as it ends */
	assert_true(slot(&r, "Toddlers", "11:15")->ok);
	assert_null(slot(&r, "Toddlers", "11:15")->meal);
	assert_true(slot(&r, "Toddlers", "12:15")->ok);
	assert_null(slot(&r, "Toddlers", "12:15")->meal);
	for (int m = 11 * 60 + 30; m < 12 * 60 + 15; m += 15) {
		char at[TIME_LEN];
		time_format(m, at);
		sl = slot(&r, "Toddlers", at);
		assert_false(sl->ok);
		assert_false(sl->meal_pfa_ok);
		assert_true(sl->pfa_ok); /* a first aider is on the premises */
		assert_true(sl->problems == RATIO_NO_MEAL_PFA);
		assert_string_equal(sl->meal, "lunch");
		assert_string_equal(sl->reasons, "no paediatric first aider in the room at lunch");
	}
	assert_int_equal(r.rooms[1].nshort, 3); /* 11:30, 11:45, 12:00 */
	/* the first aider's own room eats safely */
	assert_true(slot(&r, "Babies", "11:30")->ok);
	assert_int_equal(slot(&r, "Babies", "11:30")->first_aiders, 1);
	/* the setting's slot names the room */
	sl = slot(&r, NULL, "12:00");
	assert_false(sl->ok);
	assert_string_equal(sl->reasons,
	                    "no paediatric first aider in the room at lunch (Toddlers)");
	assert_true(slot(&r, NULL, "12:15")->ok);
	core_ratio_free(&r);
	store_close(f.s);
}

/* A mealtime with nobody in the room has nothing to judge. */
static void test_lunch_without_children_in_the_room_is_fine(void **state)
{
	struct fx f;
	struct ratio_day r;
	UNUSED(state);
	fx_open(&f, "meal-empty.db");
	staff(&f, "S01", "Toddlers", "3", NO_PFA, 0, D);
	staff(&f, "S02", "Babies", "3", PFA_OK, 1, D);
	children(&f, 5, "Toddlers", TWO, "12:15-15:00"); /* they come after lunch */
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_true(slot(&r, "Toddlers", "11:30")->ok);
	assert_true(slot(&r, "Toddlers", "12:00")->ok);
	assert_int_equal(slot(&r, "Toddlers", "12:00")->children[RATIO_TWO], 0);
	assert_true(slot(&r, "Toddlers", "12:15")->ok);
	assert_int_equal(r.rooms[1].nshort, 0);
	core_ratio_free(&r);
	store_close(f.s);
}

/* pfa: the Toddlers Level 3's certificate; the room eats at lunch on D. */
static void meal_case(struct ratio_day *r, const char *name, const char *date, const char *pfa)
{
	struct fx f;
	fx_open(&f, name);
	staff(&f, "S01", "Toddlers", "3", pfa, 0, date);
	staff(&f, "S02", "Babies", "2", PFA_OK, 1, NULL); /* on the premises: not on shift */
	children(&f, 5, "Toddlers", TWO, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, date, RATIO_PLANNED, r);
	store_close(f.s);
}

static void test_first_aid_expiring_today_covers_lunch(void **state)
{
	struct ratio_day r;
	UNUSED(state);
	meal_case(&r, "meal-today.db", D, D);
	assert_true(slot(&r, "Toddlers", "11:30")->meal_pfa_ok);
	assert_true(slot(&r, "Toddlers", "11:30")->ok);
	core_ratio_free(&r);
	meal_case(&r, "meal-yesterday.db", D, "2026-03-01");
	assert_false(slot(&r, "Toddlers", "11:30")->meal_pfa_ok);
	assert_non_null(strstr(slot(&r, "Toddlers", "11:30")->reasons,
	                       "no paediatric first aider in the room"));
	/* outside lunch the lapse is still the premises rule's, not the meal's */
	assert_true(slot(&r, "Toddlers", "10:00")->meal_pfa_ok);
	assert_null(slot(&r, "Toddlers", "10:00")->meal);
	core_ratio_free(&r);
}

static void test_meal_rule_is_from_september_2025(void **state)
{
	struct ratio_day r;
	UNUSED(state);
	/* Friday 29 August 2025: no such rule yet; Monday 1 September 2025: in force */
	meal_case(&r, "meal-2025a.db", "2025-08-29", NULL);
	assert_true(slot(&r, "Toddlers", "11:30")->meal_pfa_ok);
	core_ratio_free(&r);
	meal_case(&r, "meal-2025b.db", "2025-09-01", NULL);
	assert_false(slot(&r, "Toddlers", "11:30")->meal_pfa_ok);
	core_ratio_free(&r);
}

/* Babies with n staff on shift, trained of them baby-trained, and 3n - 1
 * babies (in ratio on numbers). */
static void babies_case(struct ratio_day *r, const char *name, int n, int trained)
{
	struct fx f;
	fx_open(&f, name);
	for (int i = 0; i < n; i++) {
		char code[16];
		snprintf(code, sizeof code, "S%02d", i + 1);
		staff(&f, code, "Babies", i == 0 ? "3" : "2", PFA_OK, i < trained, D);
	}
	children(&f, 3 * n - 1, "Babies", BABY, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, r);
	store_close(f.s);
}

static void test_exactly_half_baby_trained_is_enough(void **state)
{
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	babies_case(&r, "baby-half.db", 2, 1);
	sl = slot(&r, "Babies", "09:00");
	assert_true(sl->baby_trained_ok);
	assert_true(sl->ok);
	assert_int_equal(sl->baby_trained, 1);
	core_ratio_free(&r);
	babies_case(&r, "baby-half4.db", 4, 2);
	assert_true(slot(&r, "Babies", "09:00")->ok);
	core_ratio_free(&r);
}

static void test_one_short_of_half_baby_trained_is_flagged(void **state)
{
	struct ratio_day r;
	const struct ratio_slot *sl;
	UNUSED(state);
	babies_case(&r, "baby-short.db", 3, 1);
	sl = slot(&r, "Babies", "09:00");
	assert_false(sl->baby_trained_ok);
	assert_false(sl->ok);
	assert_true(sl->problems == RATIO_BABY_TRAINED);
	assert_string_equal(sl->reasons, "fewer than half of the staff with the under-2s trained "
	                                 "in the care of babies (1 of 3)");
	assert_false(slot(&r, NULL, "09:00")->baby_trained_ok); /* the setting too */
	/* before the babies come, nothing to judge */
	assert_true(slot(&r, "Babies", "08:00")->ok);
	core_ratio_free(&r);
	babies_case(&r, "baby-none.db", 1, 0);
	assert_false(slot(&r, "Babies", "09:00")->baby_trained_ok);
	core_ratio_free(&r);
}

static void test_baby_training_is_not_asked_without_under_twos(void **state)
{
	struct fx f;
	struct ratio_day r;
	UNUSED(state);
	fx_open(&f, "baby-toddlers.db");
	staff(&f, "S01", "Toddlers", "3", PFA_OK, 0, D);
	staff(&f, "S02", "Toddlers", "2", PFA_OK, 0, D);
	children(&f, 10, "Toddlers", TWO, "09:00-15:00");
	fx_ready(&f);
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_true(slot(&r, "Toddlers", "09:00")->ok);
	assert_true(slot(&r, "Toddlers", "09:00")->baby_trained_ok);
	assert_true(slot(&r, NULL, "09:00")->ok);
	core_ratio_free(&r);
	store_close(f.s);
}

/* Live: the first aider signs out for lunch; the room eats without one. */
static void test_live_lunch_without_the_first_aider_signed_in(void **state)
{
	struct fx f;
	struct ratio_day r;
	struct op_error e;
	int64_t id;
	int day;
	UNUSED(state);
	setenv("KW_TODAY", D, 1);
	fx_open(&f, "meal-live.db");
	staff(&f, "S01", "Toddlers", "3", PFA_OK, 0, D);
	staff(&f, "S02", "Toddlers", "3", NO_PFA, 0, D);
	children(&f, 5, "Toddlers", TWO, "09:00-15:00");
	assert_int_equal(date_parse(D, &day), 0);
	assert_int_equal(core_register_staff(f.s, &f.who, 1, REGISTER_IN, day, 8 * 60, &id, &e), 0);
	assert_int_equal(
	    core_register_staff(f.s, &f.who, 1, REGISTER_OUT, day, 11 * 60 + 40, &id, &e), 0);
	assert_int_equal(core_register_staff(f.s, &f.who, 2, REGISTER_IN, day, 8 * 60, &id, &e), 0);
	for (int i = 1; i <= 5; i++) {
		struct register_child_entry in = {
		    .child_id = i, .event = REGISTER_IN, .day = day, .minute = 9 * 60};
		if (core_register_child(f.s, &f.who, &in, &id, &e) != 0)
			fail_msg("%s: %s", e.field, e.msg);
	}
	fx_ready(&f);
	ratios(&f, D, RATIO_LIVE, &r);
	assert_true(slot(&r, "Toddlers", "11:15")->ok);
	assert_false(slot(&r, "Toddlers", "11:30")->meal_pfa_ok); /* out at 11:40 */
	assert_false(slot(&r, "Toddlers", "12:00")->meal_pfa_ok);
	core_ratio_free(&r);
	/* planned, from the rota, the first aider is there all lunch */
	ratios(&f, D, RATIO_PLANNED, &r);
	assert_true(slot(&r, "Toddlers", "11:30")->ok);
	core_ratio_free(&r);
	store_close(f.s);
	unsetenv("KW_TODAY");
}

static void test_json_has_the_mealtimes_and_the_meal_checks(void **state)
{
	struct ratio_day r;
	json_t *doc, *slot0;
	const char *meal;
	UNUSED(state);
	meal_case(&r, "meal-json.db", D, NULL);
	doc = core_ratio_json(&r, 1);
	meal = json_string_value(
	    json_object_get(json_array_get(json_object_get(doc, "mealtimes"), 0), "start"));
	assert_non_null(meal);
	assert_string_equal(meal, "11:30");
	/* Toddlers (rooms youngest first), the slot 11:30-11:45 (07:30 + 16 slots) */
	slot0 = json_array_get(
	    json_object_get(json_array_get(json_object_get(doc, "rooms"), 1), "slots"), 16);
	assert_non_null(slot0);
	meal = json_string_value(json_object_get(slot0, "meal"));
	assert_non_null(meal);
	assert_string_equal(meal, "lunch");
	assert_true(json_is_false(json_object_get(slot0, "meal_pfa_ok")));
	assert_true(json_is_true(json_object_get(slot0, "baby_trained_ok")));
	json_decref(doc);
	core_ratio_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lunch_needs_a_first_aider_in_the_room),
	    cmocka_unit_test(test_lunch_without_children_in_the_room_is_fine),
	    cmocka_unit_test(test_first_aid_expiring_today_covers_lunch),
	    cmocka_unit_test(test_meal_rule_is_from_september_2025),
	    cmocka_unit_test(test_exactly_half_baby_trained_is_enough),
	    cmocka_unit_test(test_one_short_of_half_baby_trained_is_flagged),
	    cmocka_unit_test(test_baby_training_is_not_asked_without_under_twos),
	    cmocka_unit_test(test_live_lunch_without_the_first_aider_signed_in),
	    cmocka_unit_test(test_json_has_the_mealtimes_and_the_meal_checks),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	t_cleanup();
	return rc;
}
