/*
 * test_today.c — `kw today` against a small setting built by hand with the
 * core operations, whose answers were worked out on paper from the
 * coverage rule of SPEC.md (a shift [u, v) greets at a iff u <= a < v and
 * hands over at b iff u < b <= v): the four boundary cases, the buddy
 * taking over when the key person is off or absent, nobody when both are,
 * bookings replacing the pattern, absent, not yet started, left and
 * not-that-day children left out, several shifts in a day, the JSON keys
 * and values exactly; and `kw absence add/list`, including the refusals.
 *
 * The day is Monday 2 March 2026 (D). Shifts on D:
 *   S01 Alice Early 07:30-13:30      S05 Eve Sick  07:30-18:00, but sick on D
 *   S02 Bea Middle  09:00-18:00      S06 Fay Baby  08:00-17:00
 *   S03 Cat Late    12:00-18:00      S07 Gil Split 07:30-12:00 and 13:00-18:00
 *   S04 Dot Off     (Tuesday only)
 */
#include "support.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_child.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_today.h"
#include "store.h"

#define D "2026-03-02"

static char db[768];

typedef int core_op(struct store *, const struct actor *, const struct field_value *, int64_t *,
                    struct op_error *);

static void add(struct store *s, const struct actor *who, const struct field_spec *spec, size_t n,
                const char *const *raw, core_op *op)
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
	if (op(s, who, v, &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	arena_free(&a);
}

static void room(struct store *s, const struct actor *who, const char *name, const char *lo,
                 const char *hi)
{
	const char *raw[ROOM__MAX] = {
	    [ROOM_NAME] = name, [ROOM_AGE_MIN_MONTHS] = lo, [ROOM_AGE_MAX_MONTHS] = hi};
	add(s, who, core_room_fields, ROOM__MAX, raw, core_room_add);
}

static void staff(struct store *s, const struct actor *who, const char *code, const char *name,
                  const char *rooms)
{
	const char *raw[STAFF__MAX] = {
	    [STAFF_ID] = code, [STAFF_NAME] = name, [STAFF_ROOMS] = rooms};
	add(s, who, core_staff_fields, STAFF__MAX, raw, core_staff_add);
}

static void shift(struct store *s, const struct actor *who, const char *code, const char *date,
                  const char *from, const char *to)
{
	const char *raw[SHIFT__MAX] = {
	    [SHIFT_STAFF] = code, [SHIFT_DATE] = date, [SHIFT_START] = from, [SHIFT_END] = to};
	add(s, who, core_shift_fields, SHIFT__MAX, raw, core_shift_add);
}

/* A child starting 2025-09-01 who comes on Mondays (mon) and Tuesdays (tue) when given. */
static void child(struct store *s, const struct actor *who, const char *code, const char *name,
                  const char *room_name, const char *mon, const char *tue, const char *key,
                  const char *buddy, const char *start, const char *leaving)
{
	char first[32], last[32];
	const char *raw[CHILD__MAX] = {NULL};
	assert_int_equal(sscanf(name, "%31s %31s", first, last), 2);
	raw[CHILD_ID] = code;
	raw[CHILD_FIRST_NAME] = first;
	raw[CHILD_LAST_NAME] = last;
	raw[CHILD_DATE_OF_BIRTH] = strcmp(room_name, "Babies") == 0 ? "2025-06-01" : "2022-06-01";
	raw[CHILD_ROOM] = room_name;
	raw[CHILD_START_DATE] = start ? start : "2025-09-01";
	raw[CHILD_LEAVING_DATE] = leaving;
	raw[CHILD_MON] = mon;
	raw[CHILD_TUE] = tue;
	raw[CHILD_KEY_PERSON] = key;
	raw[CHILD_BUDDY] = buddy;
	add(s, who, core_child_fields, CHILD__MAX, raw, core_child_add);
}

static void exec_sql(struct store *s, const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	assert_non_null(st);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

static int build_setting(void **state)
{
	struct store *s;
	struct actor who = {.name = "test", .ip = ""};
	struct op_error e;
	char err[512];
	UNUSED(state);
	snprintf(db, sizeof db, "%s", t_path("today.db"));
	if (store_open(db, STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_setting_create(s, "Little Acorns", "nursery", &who.setting_id, &e),
	                 0);
	room(s, &who, "Pre-school", "36", "60");
	room(s, &who, "Babies", "0", "24");
	staff(s, &who, "S01", "Alice Early", "Pre-school");
	staff(s, &who, "S02", "Bea Middle", "Pre-school");
	staff(s, &who, "S03", "Cat Late", "Pre-school");
	staff(s, &who, "S04", "Dot Off", "Pre-school");
	staff(s, &who, "S05", "Eve Sick", "Pre-school");
	staff(s, &who, "S06", "Fay Baby", "Babies");
	staff(s, &who, "S07", "Gil Split", "Babies");
	shift(s, &who, "S01", D, "07:30", "13:30");
	shift(s, &who, "S02", D, "09:00", "18:00");
	shift(s, &who, "S03", D, "12:00", "18:00");
	shift(s, &who, "S04", "2026-03-03", "07:30", "18:00");
	shift(s, &who, "S05", D, "07:30", "18:00");
	shift(s, &who, "S06", D, "08:00", "17:00");
	shift(s, &who, "S07", D, "13:00", "18:00");
	shift(s, &who, "S07", D, "07:30", "12:00");
	{
		const char *raw[ABSENCE__MAX] = {[ABSENCE_STAFF] = "S05",
		                                 [ABSENCE_FROM] = "2026-03-01",
		                                 [ABSENCE_TO] = "2026-03-02",
		                                 [ABSENCE_REASON] = "sick"};
		add(s, &who, core_absence_fields, ABSENCE__MAX, raw, core_absence_add);
	}
	child(s, &who, "C01", "Ada Adams", "Pre-school", "07:30-13:30", NULL, "S01", "S02", NULL,
	      NULL);
	child(s, &who, "C02", "Ben Brown", "Pre-school", "13:30-18:00", NULL, "S01", "S03", NULL,
	      NULL);
	child(s, &who, "C03", "Cara Cole", "Pre-school", "09:00-12:00", NULL, "S02", "S01", NULL,
	      NULL);
	child(s, &who, "C04", "Dev Dixon", "Pre-school", "08:00-12:00", NULL, "S03", "S04", NULL,
	      NULL);
	child(s, &who, "C05", "Eli Evans", "Pre-school", "09:30-17:00", NULL, "S05", "S02", NULL,
	      NULL);
	child(s, &who, "C06", "Finn Ford", "Pre-school", "07:30-13:30", NULL, "S03", "S01", NULL,
	      NULL);
	child(s, &who, "C07", "Gus Green", "Pre-school", "09:00-15:00", NULL, "S01", "S02", NULL,
	      NULL);
	child(s, &who, "C08", "Hal Hill", "Pre-school", "09:00-15:00", NULL, "S01", "S02",
	      "2026-03-09", NULL);
	child(s, &who, "C09", "Ivy Irwin", "Pre-school", "09:00-15:00", NULL, "S01", "S02", NULL,
	      "2026-02-27");
	child(s, &who, "C10", "Jo Jones", "Pre-school", NULL, "09:00-15:00", "S01", "S02", NULL,
	      NULL);
	child(s, &who, "C11", "Lou Lane", "Pre-school", "09:00-15:00", NULL, "S04", "S05", NULL,
	      NULL);
	child(s, &who, "C12", "Mo Moss", "Pre-school", "10:00-16:00", NULL, "S04", "S02", NULL,
	      NULL);
	child(s, &who, "C13", "Nia Noor", "Babies", "12:30-17:30", NULL, "S07", "S06", NULL, NULL);
	child(s, &who, "C14", "Ola Oak", "Babies", "07:30-12:00", NULL, "S07", "S06", NULL, NULL);
	/* Finn is booked for the afternoon instead; Gus is off ill. */
	exec_sql(s, "INSERT INTO booking (setting_id, child_id, date, arrive_min, leave_min) "
	            "SELECT setting_id, id, '" D "', 720, 1080 FROM child WHERE code = 'C06'");
	exec_sql(s, "INSERT INTO child_absence (setting_id, child_id, date, reason, created_at) "
	            "SELECT setting_id, id, '" D "', 'illness', 0 FROM child WHERE code = 'C07'");
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	return 0;
}

static int remove_setting(void **state)
{
	UNUSED(state);
	t_cleanup();
	return 0;
}

static void load_day(const char *date, int64_t room_id, struct today *t)
{
	struct store *s;
	struct op_error e;
	char err[512];
	int day;
	assert_int_equal(date_parse(date, &day), 0);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	if (core_today_load(s, 1, day, room_id, t, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	store_close(s);
}

static const struct today_child *find(const struct today *t, const char *code)
{
	for (size_t i = 0; i < t->nchildren; i++)
		if (strcmp(t->children[i].code, code) == 0)
			return &t->children[i];
	return NULL;
}

/* Child code's greet and hand-over on D. */
static void expect(const char *code, enum today_by greet, enum today_by hand_over)
{
	struct today t;
	const struct today_child *c;
	load_day(D, 0, &t);
	c = find(&t, code);
	if (!c)
		fail_msg("%s is not expected on " D, code);
	if (c->greet != greet || c->hand_over != hand_over)
		fail_msg("%s: greet %s, hand-over %s; expected %s, %s", code,
		         core_today_by_names[c->greet], core_today_by_names[c->hand_over],
		         core_today_by_names[greet], core_today_by_names[hand_over]);
	core_today_free(&t);
}

static void test_shift_ending_at_departure_hands_over(void **state)
{
	UNUSED(state);
	expect("C01", TODAY_BY_PRIMARY, TODAY_BY_PRIMARY); /* 07:30-13:30 with Alice 07:30-13:30 */
}

static void test_shift_ending_at_arrival_does_not_greet(void **state)
{
	UNUSED(state);
	expect("C02", TODAY_BY_BUDDY, TODAY_BY_BUDDY); /* Alice ends at 13:30, Ben comes at 13:30 */
}

static void test_shift_starting_at_arrival_greets(void **state)
{
	UNUSED(state);
	expect("C03", TODAY_BY_PRIMARY,
	       TODAY_BY_PRIMARY); /* Bea starts at 09:00, Cara comes at 09:00 */
}

static void test_shift_starting_at_departure_does_not_hand_over(void **state)
{
	UNUSED(state);
	/* Cat starts at 12:00 when Dev leaves; the buddy Dot is off all day. */
	expect("C04", TODAY_BY_NOBODY, TODAY_BY_NOBODY);
}

static void test_key_person_absent_buddy_takes_over(void **state)
{
	UNUSED(state);
	expect("C05", TODAY_BY_BUDDY, TODAY_BY_BUDDY); /* Eve is on the rota but sick */
}

static void test_key_person_off_buddy_greets(void **state)
{
	UNUSED(state);
	expect("C12", TODAY_BY_BUDDY, TODAY_BY_BUDDY);
}

static void test_both_off_is_nobody(void **state)
{
	UNUSED(state);
	expect("C11", TODAY_BY_NOBODY, TODAY_BY_NOBODY); /* Dot off, Eve sick */
}

static void test_booking_replaces_the_pattern(void **state)
{
	struct today t;
	const struct today_child *c;
	UNUSED(state);
	expect("C06", TODAY_BY_PRIMARY, TODAY_BY_PRIMARY); /* 12:00-18:00 with Cat 12:00-18:00 */
	load_day(D, 0, &t);
	c = find(&t, "C06");
	assert_non_null(c);
	assert_int_equal(c->arrive, 12 * 60);
	assert_int_equal(c->leave, 18 * 60);
	assert_true(c->booked);
	core_today_free(&t);
}

static void test_several_shifts_any_one_covers(void **state)
{
	UNUSED(state);
	/* Gil works 07:30-12:00 and 13:00-18:00: Nia comes in the gap at 12:30, leaves 17:30. */
	expect("C13", TODAY_BY_BUDDY, TODAY_BY_PRIMARY);
	expect("C14", TODAY_BY_PRIMARY, TODAY_BY_PRIMARY);
}

static void test_only_expected_children_in_order(void **state)
{
	static const char *const order[] = {"C14", "C13", "C01", "C04", "C03",
	                                    "C11", "C05", "C12", "C06", "C02"};
	struct today t;
	UNUSED(state);
	load_day(D, 0, &t);
	/* Gus is absent, Hal starts next week, Ivy has left, Jo comes on Tuesdays. */
	assert_int_equal(t.nchildren, ARRAY_LEN(order));
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		assert_string_equal(t.children[i].code, order[i]);
	assert_int_equal(t.nobody, 4);   /* Dev and Lou, both ends */
	assert_int_equal(t.by_buddy, 7); /* Ben 2, Eli 2, Mo 2, Nia 1 */
	core_today_free(&t);
}

static void test_weekend_expects_nobody(void **state)
{
	char *out = NULL, *err = NULL;
	struct today t;
	UNUSED(state);
	load_day("2026-03-07", 0, &t);
	assert_int_equal(t.nchildren, 0);
	core_today_free(&t);
	assert_int_equal(t_kw(db, &out, &err, "today", "--date", "2026-03-07", "--json", NULL), 0);
	assert_string_equal(
	    out, "{\n  \"date\": \"2026-03-07\",\n  \"children\": [],\n  \"suggestions\": []\n}\n");
	free(out);
	free(err);
	assert_int_equal(t_kw(db, &out, &err, "today", "--date", "2026-03-07", NULL), 0);
	assert_non_null(strstr(out, "No children are expected."));
	assert_non_null(strstr(out, "0 children expected; 0 greets"));
	free(out);
	free(err);
}

static json_t *today_json(const char *date, const char *room_name)
{
	char *out = NULL, *err = NULL;
	json_error_t je;
	json_t *doc;
	int rc = room_name ? t_kw(db, &out, &err, "today", "--date", date, "--room", room_name,
	                          "--json", NULL)
	                   : t_kw(db, &out, &err, "today", "--date", date, "--json", NULL);
	if (rc != 0)
		fail_msg("kw today exited %d: %s", rc, err);
	doc = json_loads(out, 0, &je);
	if (!doc)
		fail_msg("not JSON (%s): %s", je.text, out);
	free(out);
	free(err);
	return doc;
}

static json_t *json_child(json_t *doc, const char *code)
{
	json_t *list = json_object_get(doc, "children"), *c;
	size_t i;
	json_array_foreach (list, i, c) {
		if (strcmp(json_string_value(json_object_get(c, "id")), code) == 0)
			return c;
	}
	fail_msg("%s is not in the JSON", code);
	return NULL;
}

/* The object's keys, in order, joined by ",". */
static void assert_keys(json_t *o, const char *keys)
{
	char got[256] = "";
	const char *k;
	json_t *v;
	assert_true(json_is_object(o));
	json_object_foreach (o, k, v) {
		size_t n = strlen(got);
		snprintf(got + n, sizeof got - n, "%s%s", n ? "," : "", k);
	}
	assert_string_equal(got, keys);
}

/* Compare a JSON value with its expected text (compact, keys in order). */
static void assert_json(json_t *v, const char *expected)
{
	char *text = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	assert_string_equal(text, expected);
	free(text);
}

static void test_json_keys_and_values(void **state)
{
	json_t *doc = today_json(D, NULL), *list, *c;
	size_t i;
	UNUSED(state);
	assert_keys(doc, "date,children,suggestions");
	assert_string_equal(json_string_value(json_object_get(doc, "date")), D);
	list = json_object_get(doc, "children");
	assert_int_equal(json_array_size(list), 10);
	json_array_foreach (list, i, c) {
		assert_keys(
		    c, "id,name,room,arrive,leave,primary,secondary,greeter,hand_over,uncovered");
		assert_keys(json_object_get(c, "greeter"), "id,name,reason");
		assert_keys(json_object_get(c, "hand_over"), "id,name,reason");
	}
	assert_json(
	    json_child(doc, "C01"),
	    "{\"id\":\"C01\",\"name\":\"Ada Adams\",\"room\":\"Pre-school\",\"arrive\":\"07:30\","
	    "\"leave\":\"13:30\","
	    "\"primary\":{\"id\":\"S01\",\"name\":\"Alice Early\",\"shift\":\"07:30-13:30\"},"
	    "\"secondary\":{\"id\":\"S02\",\"name\":\"Bea Middle\",\"shift\":\"09:00-18:00\"},"
	    "\"greeter\":{\"id\":\"S01\",\"name\":\"Alice Early\",\"reason\":\"primary\"},"
	    "\"hand_over\":{\"id\":\"S01\",\"name\":\"Alice Early\",\"reason\":\"primary\"},"
	    "\"uncovered\":[]}");
	assert_json(json_object_get(json_child(doc, "C11"), "uncovered"), "[\"greet\",\"leave\"]");
	assert_json(json_object_get(json_child(doc, "C04"), "uncovered"), "[\"greet\",\"leave\"]");
	/* a suggestion for each nobody, in the children's order: someone on shift in the
	 * child's room at that moment (Alice 07:30-13:30, Bea 09:00-18:00; no siblings here) */
	assert_json(
	    json_object_get(doc, "suggestions"),
	    "[{\"child\":\"C04\",\"event\":\"greet\",\"at\":\"08:00\",\"suggestion\":\"ask Alice "
	    "Early, on shift in Pre-school at 08:00, to greet\",\"staff\":{\"id\":\"S01\",\"name\":"
	    "\"Alice Early\"}},"
	    "{\"child\":\"C04\",\"event\":\"leave\",\"at\":\"12:00\",\"suggestion\":\"ask Alice "
	    "Early, on shift in Pre-school at 12:00, to hand over\",\"staff\":{\"id\":\"S01\","
	    "\"name\":\"Alice Early\"}},"
	    "{\"child\":\"C11\",\"event\":\"greet\",\"at\":\"09:00\",\"suggestion\":\"ask Alice "
	    "Early, on shift in Pre-school at 09:00, to greet\",\"staff\":{\"id\":\"S01\",\"name\":"
	    "\"Alice Early\"}},"
	    "{\"child\":\"C11\",\"event\":\"leave\",\"at\":\"15:00\",\"suggestion\":\"ask Bea "
	    "Middle, on shift in Pre-school at 15:00, to hand over\",\"staff\":{\"id\":\"S02\","
	    "\"name\":\"Bea Middle\"}}]");
	/* the key person is on the rota but sick: off, with the reason */
	assert_json(json_object_get(json_child(doc, "C05"), "primary"),
	            "{\"id\":\"S05\",\"name\":\"Eve Sick\",\"shift\":null,\"absent\":\"sick\"}");
	assert_json(json_object_get(json_child(doc, "C05"), "greeter"),
	            "{\"id\":\"S02\",\"name\":\"Bea Middle\",\"reason\":\"buddy\"}");
	/* nobody: id and name null */
	assert_json(json_object_get(json_child(doc, "C11"), "primary"),
	            "{\"id\":\"S04\",\"name\":\"Dot Off\",\"shift\":null}");
	assert_json(json_object_get(json_child(doc, "C11"), "greeter"),
	            "{\"id\":null,\"name\":null,\"reason\":\"nobody\"}");
	assert_json(json_object_get(json_child(doc, "C11"), "hand_over"),
	            "{\"id\":null,\"name\":null,\"reason\":\"nobody\"}");
	/* the booking's times, and several shifts in one day */
	assert_string_equal(json_string_value(json_object_get(json_child(doc, "C06"), "arrive")),
	                    "12:00");
	assert_json(
	    json_object_get(json_child(doc, "C13"), "primary"),
	    "{\"id\":\"S07\",\"name\":\"Gil Split\",\"shift\":\"07:30-12:00,13:00-18:00\"}");
	/* youngest room first */
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "room")),
	                    "Babies");
	json_decref(doc);
}

static void test_room_filter(void **state)
{
	json_t *doc = today_json(D, "babies");
	char *out = NULL, *err = NULL;
	UNUSED(state);
	assert_int_equal(json_array_size(json_object_get(doc, "children")), 2);
	json_decref(doc);
	assert_int_equal(t_kw(db, &out, &err, "today", "--date", D, "--room", "Attic", NULL), 1);
	assert_non_null(strstr(err, "room"));
	free(out);
	free(err);
	assert_int_equal(t_kw(db, &out, &err, "today", "--date", "2026-02-30", NULL), 2);
	assert_non_null(strstr(err, "date"));
	free(out);
	free(err);
}

static void test_text_flags_nobody(void **state)
{
	char *out = NULL, *err = NULL;
	UNUSED(state);
	assert_int_equal(t_kw(db, &out, &err, "today", "--date", D, NULL), 0);
	assert_int_equal(t_count(out, "!! nobody"), 5); /* 4 rows' cells and the legend */
	assert_non_null(strstr(out, "10 children expected; 4 greets and hand-overs with nobody"));
	assert_non_null(strstr(out, "Eve Sick (sick)"));
	assert_non_null(strstr(out, "Dot Off (off)"));
	assert_non_null(strstr(out, "Bea Middle (buddy)"));
	assert_non_null(strstr(out, "18:00 (booked)"));
	assert_non_null(
	    strstr(out, "Suggestions for nobody:\n  C04 Dev Dixon (Pre-school), greet "
	                "08:00: ask Alice Early, on shift in Pre-school at 08:00, to greet"));
	assert_non_null(
	    strstr(out, "  C11 Lou Lane (Pre-school), hand-over 15:00: ask Bea Middle"));
	/* columns line up: every row puts ARRIVE's column at the same place */
	{
		const char *head = strstr(out, "ROOM"), *line;
		size_t col = (size_t)(strstr(head, "ARRIVE") - head);
		for (line = head; line && *line != '\n'; line = strchr(line, '\n') + 1) {
			const char *nl = strchr(line, '\n');
			if ((size_t)(nl - line) <= col)
				break;
			assert_true(line[col] == 'A' || (line[col] >= '0' && line[col] <= '9'));
			assert_true(line[col - 1] == ' ');
		}
	}
	free(out);
	free(err);
}

static void test_default_date_is_today(void **state)
{
	json_t *doc;
	char *out = NULL, *err = NULL;
	json_error_t je;
	UNUSED(state);
	setenv("KW_TODAY", D, 1);
	assert_int_equal(t_kw(db, &out, &err, "today", "--json", NULL), 0);
	unsetenv("KW_TODAY");
	doc = json_loads(out, 0, &je);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "date")), D);
	assert_int_equal(json_array_size(json_object_get(doc, "children")), 10);
	json_decref(doc);
	free(out);
	free(err);
}

static int64_t absences(void)
{
	struct store *s;
	struct store_stmt *st;
	char err[512];
	int64_t n = -1;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, "SELECT count(*) FROM staff_absence");
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	store_close(s);
	return n;
}

static void refused(const char *field, int status, const char *a1, const char *a2, const char *a3,
                    const char *a4, const char *a5, const char *a6, const char *a7)
{
	char *out = NULL, *err = NULL, needle[80];
	int64_t before = absences();
	int rc = t_kw(db, &out, &err, "absence", "add", a1, a2, a3, a4, a5, a6, a7, NULL);
	if (rc != status)
		fail_msg("exit %d, expected %d: %s", rc, status, err);
	snprintf(needle, sizeof needle, "%s: ", field);
	if (!strstr(err, needle))
		fail_msg("expected the field %s named in: %s", field, err);
	assert_int_equal(absences(), before);
	free(out);
	free(err);
}

static void test_absence_add_refuses_bad_input(void **state)
{
	UNUSED(state);
	refused("staff", 1, "S99", "--from", D, "--reason", "sick", NULL, NULL);
	refused("from", 2, "S02", "--from", "2026-02-30", "--reason", "sick", NULL, NULL);
	refused("from", 2, "S02", "--reason", "sick", NULL, NULL, NULL, NULL);
	refused("to", 1, "S02", "--from", D, "--to", "2026-03-01", "--reason", "sick");
	refused("reason", 2, "S02", "--from", D, "--reason", "hangover", NULL, NULL);
	refused("reason", 2, "S02", "--from", D, NULL, NULL, NULL, NULL);
}

/* Last: it changes the setting. Bea off sick too: Cara's buddy Alice greets
 * and hands over; Eli (key person Eve sick, buddy Bea sick) has nobody. */
static void test_absence_add_then_buddy_takes_over(void **state)
{
	char *out = NULL, *err = NULL;
	json_t *doc;
	UNUSED(state);
	assert_int_equal(t_kw(db, &out, &err, "absence", "add", "S02", "--from", D, "--reason",
	                      "sick", "--note", "migraine", NULL),
	                 0);
	assert_non_null(strstr(out, "S02 Bea Middle, sick, " D " to " D));
	free(out);
	free(err);
	doc = today_json(D, NULL);
	assert_json(json_object_get(json_child(doc, "C03"), "greeter"),
	            "{\"id\":\"S01\",\"name\":\"Alice Early\",\"reason\":\"buddy\"}");
	assert_json(json_object_get(json_child(doc, "C03"), "hand_over"),
	            "{\"id\":\"S01\",\"name\":\"Alice Early\",\"reason\":\"buddy\"}");
	assert_json(json_object_get(json_child(doc, "C03"), "primary"),
	            "{\"id\":\"S02\",\"name\":\"Bea Middle\",\"shift\":null,\"absent\":\"sick\"}");
	assert_string_equal(json_string_value(json_object_get(
	                        json_object_get(json_child(doc, "C05"), "greeter"), "reason")),
	                    "nobody");
	json_decref(doc);
	/* The list shows both absences from 1 March on, and only Bea's from 2 March... */
	assert_int_equal(t_kw(db, &out, &err, "absence", "list", "--from", "2026-03-01", NULL), 0);
	assert_non_null(strstr(out, "STAFF"));
	assert_non_null(strstr(out, "Eve Sick"));
	assert_non_null(strstr(out, "migraine"));
	free(out);
	free(err);
	/* ...and nothing that ended before --from. */
	assert_int_equal(t_kw(db, &out, &err, "absence", "list", "--from", "2026-03-03", NULL), 0);
	assert_non_null(strstr(out, "No staff absences from 2026-03-03 on."));
	free(out);
	free(err);
}

/* A second setting in its own file: a sibling's key person on shift in the
 * child's room is named before anyone else there; with nobody in the room
 * the key person's shift change; an empty setting (no staff, no children)
 * loads (UBSan: no qsort or bsearch on an empty array). */
static void test_suggestions_sibling_then_room_then_shift_change(void **state)
{
	struct store *s;
	struct actor who = {.name = "test", .ip = ""};
	struct op_error e;
	struct today t;
	char err[512], path[768];
	int day;
	UNUSED(state);
	snprintf(path, sizeof path, "%s", t_path("suggest.db"));
	if (store_open(path, STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_setting_create(s, "Fox Cubs", "nursery", &who.setting_id, &e), 0);
	room(s, &who, "Babies", "0", "24");
	room(s, &who, "Toddlers", "24", "36");
	room(s, &who, "Pre-school", "36", "60");
	staff(s, &who, "R1", "Raj Room", "Toddlers");
	staff(s, &who, "T1", "Tia Twin", "Babies");
	staff(s, &who, "K1", "Kim Key", "Toddlers");
	staff(s, &who, "B1", "Bo Buddy", "Toddlers; Pre-school");
	staff(s, &who, "K2", "Kay Late", "Pre-school");
	staff(s, &who, "U1", "Uma Baby", "Babies"); /* not in today */
	{
		const char *raw[SHIFT__MAX] = {[SHIFT_STAFF] = "T1",
		                               [SHIFT_DATE] = D,
		                               [SHIFT_START] = "07:30",
		                               [SHIFT_END] = "18:00",
		                               [SHIFT_ROOM] = "Toddlers"};
		add(s, &who, core_shift_fields, SHIFT__MAX, raw, core_shift_add);
	}
	shift(s, &who, "R1", D, "07:30", "12:00");
	shift(s, &who, "K1", D, "09:00", "17:00");
	shift(s, &who, "B1", D, "09:00", "17:00");
	shift(s, &who, "K2", D, "09:00", "18:00");
	{
		const char *raw[CHILD__MAX] = {[CHILD_ID] = "X1",
		                               [CHILD_FIRST_NAME] = "Xena",
		                               [CHILD_LAST_NAME] = "Fox",
		                               [CHILD_DATE_OF_BIRTH] = "2023-12-01",
		                               [CHILD_ROOM] = "Toddlers",
		                               [CHILD_FAMILY] = "Fox",
		                               [CHILD_START_DATE] = "2025-09-01",
		                               [CHILD_MON] = "08:00-17:30",
		                               [CHILD_KEY_PERSON] = "K1",
		                               [CHILD_BUDDY] = "B1"};
		add(s, &who, core_child_fields, CHILD__MAX, raw, core_child_add);
	}
	{
		const char *raw[CHILD__MAX] = {[CHILD_ID] = "Y1",
		                               [CHILD_FIRST_NAME] = "Yuri",
		                               [CHILD_LAST_NAME] = "Fox",
		                               [CHILD_DATE_OF_BIRTH] = "2025-06-01",
		                               [CHILD_ROOM] = "Babies",
		                               [CHILD_FAMILY] = "Fox",
		                               [CHILD_START_DATE] = "2025-09-01",
		                               [CHILD_TUE] = "08:00-17:00",
		                               [CHILD_KEY_PERSON] = "T1",
		                               [CHILD_BUDDY] = "U1"};
		add(s, &who, core_child_fields, CHILD__MAX, raw, core_child_add);
	}
	child(s, &who, "Z1", "Zac Lee", "Toddlers", "09:00-17:45", NULL, "K1", "B1", NULL, NULL);
	child(s, &who, "W1", "Wes Wu", "Pre-school", "07:45-16:00", NULL, "K2", "B1", NULL, NULL);
	assert_int_equal(core_tx_commit(s, &e), 0);

	assert_int_equal(date_parse(D, &day), 0);
	assert_int_equal(core_today_load(s, who.setting_id, day, 0, &t, &e), 0);
	/* Xena (08:00-17:30): Kim and Bo are 09:00-17:00, so nobody either end;
	 * Tia, key person of Xena's brother Yuri (not in today), is on shift in
	 * Toddlers all day and is named before Raj, who is there at 08:00 too.
	 * Zac leaves at 17:45: only Tia is in Toddlers then. Wes arrives 07:45
	 * and nobody is in Pre-school: Kay's shift could start at 07:45. */
	assert_int_equal(t.nobody, 4);
	assert_int_equal((int)t.nsuggestions, 4);
	{
		static const char *const want[][4] = {
		    {"W1", "greet", "K2", "move Kay Late's shift to start at 07:45"},
		    {"X1", "greet", "T1",
		     "ask Tia Twin, on shift in Toddlers and key person of a sibling of Xena Fox, "
		     "to "
		     "greet"},
		    {"X1", "leave", "T1",
		     "ask Tia Twin, on shift in Toddlers and key person of a sibling of Xena Fox, "
		     "to "
		     "hand over"},
		    {"Z1", "leave", "T1",
		     "ask Tia Twin, on shift in Toddlers at 17:45, to hand over"},
		};
		char got[4][300];
		for (size_t i = 0; i < t.nsuggestions; i++)
			snprintf(got[i], sizeof got[i], "%s %s %s %s",
			         t.children[t.suggestions[i].child].code,
			         core_today_event_names[t.suggestions[i].event],
			         t.suggestions[i].staff ? t.suggestions[i].staff->code : "-",
			         t.suggestions[i].text);
		/* children come by room (youngest first), arrival, name: Xena, Zac, then Wes */
		for (size_t i = 0; i < 4; i++) {
			char w[300];
			size_t k = i == 3 ? 0 : i + 1;
			snprintf(w, sizeof w, "%s %s %s %s", want[k][0], want[k][1], want[k][2],
			         want[k][3]);
			assert_string_equal(got[i], w);
		}
	}
	core_today_free(&t);
	store_close(s);

	/* an empty setting: nothing expected, nothing to suggest */
	snprintf(path, sizeof path, "%s", t_path("empty.db"));
	if (store_open(path, STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_setting_create(s, "Empty", "nursery", &who.setting_id, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(core_today_load(s, who.setting_id, day, 0, &t, &e), 0);
	assert_int_equal((int)t.nchildren, 0);
	assert_int_equal((int)t.nstaff, 0);
	{
		json_t *doc = core_today_json(&t);
		assert_json(doc, "{\"date\":\"2026-03-02\",\"children\":[],\"suggestions\":[]}");
		json_decref(doc);
	}
	core_today_free(&t);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shift_ending_at_departure_hands_over),
	    cmocka_unit_test(test_shift_ending_at_arrival_does_not_greet),
	    cmocka_unit_test(test_shift_starting_at_arrival_greets),
	    cmocka_unit_test(test_shift_starting_at_departure_does_not_hand_over),
	    cmocka_unit_test(test_key_person_absent_buddy_takes_over),
	    cmocka_unit_test(test_key_person_off_buddy_greets),
	    cmocka_unit_test(test_both_off_is_nobody),
	    cmocka_unit_test(test_booking_replaces_the_pattern),
	    cmocka_unit_test(test_several_shifts_any_one_covers),
	    cmocka_unit_test(test_only_expected_children_in_order),
	    cmocka_unit_test(test_weekend_expects_nobody),
	    cmocka_unit_test(test_json_keys_and_values),
	    cmocka_unit_test(test_room_filter),
	    cmocka_unit_test(test_text_flags_nobody),
	    cmocka_unit_test(test_default_date_is_today),
	    cmocka_unit_test(test_absence_add_refuses_bad_input),
	    cmocka_unit_test(test_absence_add_then_buddy_takes_over),
	    cmocka_unit_test(test_suggestions_sibling_then_room_then_shift_change),
	};
	return cmocka_run_group_tests(tests, build_setting, remove_setting);
}
