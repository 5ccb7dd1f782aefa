/*
 * test_menu.c — the menu's allergen and diet clashes (issue 9), on the demo
 * setting with a menu of its own for Tuesday 3 March 2026 (D): a clash is
 * flagged for exactly the children concerned — an allergic child expected
 * that day gets it, a child with no allergies does not, an allergic child
 * whose family said they are not coming does not, a child whose allergen is
 * not on the menu does not; a diet the dish does not suit (halal) clashes, a
 * diet it suits does not (a vegetarian child: the fish pie, not the curry); a room's list holds
 * only its children; the menu refuses a dish or mealtime that is not the setting's.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_demo.h"
#include "core_menu.h"
#include "core_today.h"
#include "date.h"
#include "store.h"

#define START "2026-03-02"
#define D "2026-03-03"

enum { MILK = 6, PEANUTS = 10, FISH = 4 };
enum { VEGETARIAN = 0, HALAL = 2 };

struct fx {
	struct store *s;
	struct actor who;
	int day;
	int64_t lunch, fish_pie, veg_curry;
	int64_t allergic, plain, away, peanut, halal, veggie; /* children, all expected on D */
	int64_t allergic_room;
};

static void exec_sql(struct store *s, const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	assert_non_null(st);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

static int64_t one_int(struct store *s, const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	int64_t v = -1;
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		v = store_col_int(st, 0);
	store_finish(st);
	return v;
}

static void diet(struct fx *f, int64_t child, unsigned allergens, unsigned diets)
{
	struct op_error e;
	if (core_menu_child_diet_set(f->s, &f->who, child, allergens, diets, &e))
		fail_msg("%s: %s", e.field, e.msg);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct demo_options o = {.children = 60};
	struct demo_summary sum;
	struct op_error e;
	struct today t;
	char err[512], sql[256];
	int64_t id;
	assert_non_null(f);
	assert_int_equal(date_parse(START, &o.start), 0);
	assert_int_equal(date_parse(D, &f->day), 0);
	o.staff = core_demo_default_staff(o.children);
	if (store_open(t_path("menu.db"), STORE_OPEN_CREATE, &f->s, err, sizeof err) != 0)
		fail_msg("%s", err);
	if (core_tx_begin(f->s, &e) || core_demo_load(f->s, &o, &sum, &e) ||
	    core_tx_commit(f->s, &e))
		fail_msg("demo: %s", e.msg);
	f->who = (struct actor){.setting_id = 1, .user_id = 0, .name = "test", .ip = ""};
	assert_int_equal(core_tx_begin(f->s, &e), 0);
	/* a clean slate: no demo menu, no demo allergies */
	exec_sql(f->s, "DELETE FROM menu_item");
	exec_sql(f->s, "DELETE FROM child_diet");
	f->lunch = one_int(f->s, "SELECT id FROM mealtime WHERE setting_id = 1 "
	                         "ORDER BY start_min LIMIT 1 OFFSET 1");
	assert_true(f->lunch > 0);
	assert_int_equal(core_menu_dish_add(f->s, &f->who, "Test fish pie",
	                                    (1u << MILK) | (1u << FISH), 0, &f->fish_pie, &e),
	                 0);
	assert_int_equal(core_menu_dish_add(f->s, &f->who, "Test vegetable curry", 0,
	                                    (1u << VEGETARIAN) | (1u << HALAL), &f->veg_curry, &e),
	                 0);
	assert_int_equal(core_menu_item_add(f->s, &f->who, f->day, f->lunch, f->fish_pie, &id, &e),
	                 0);
	assert_int_equal(core_menu_item_add(f->s, &f->who, f->day, f->lunch, f->veg_curry, &id, &e),
	                 0);
	/* six children expected on D */
	assert_int_equal(core_today_load(f->s, 1, f->day, 0, &t, &e), 0);
	assert_true(t.nchildren >= 6);
	f->allergic = t.children[0].id;
	f->allergic_room = t.children[0].room_id;
	f->plain = t.children[1].id;
	f->away = t.children[2].id;
	f->peanut = t.children[3].id;
	f->halal = t.children[4].id;
	f->veggie = t.children[5].id;
	core_today_free(&t);
	diet(f, f->allergic, 1u << MILK, 0);
	diet(f, f->away, 1u << MILK, 0);
	diet(f, f->peanut, 1u << PEANUTS, 0);
	diet(f, f->halal, 0, 1u << HALAL);
	diet(f, f->veggie, 0, 1u << VEGETARIAN);
	/* the family of `away` said the child is off sick on D */
	snprintf(sql, sizeof sql,
	         "INSERT INTO child_absence (setting_id, child_id, date, reason, created_at) "
	         "VALUES (1, %lld, '%s', 'illness', 1)",
	         (long long)f->away, D);
	exec_sql(f->s, sql);
	assert_int_equal(core_tx_commit(f->s, &e), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	free(f);
	t_cleanup();
	return 0;
}

static const struct menu_clash *find(const struct menu_clash *c, size_t n, int64_t child,
                                     const char *dish)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].child_id == child && strcmp(c[i].dish, dish) == 0)
			return &c[i];
	return NULL;
}

static int count_child(const struct menu_clash *c, size_t n, int64_t child)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += c[i].child_id == child;
	return k;
}

static void clash_flagged_for_exactly_the_children_concerned(void **state)
{
	struct fx *f = *state;
	struct menu_clash *c;
	const struct menu_clash *hit;
	struct op_error e;
	struct arena a;
	size_t n;
	arena_init(&a);
	assert_int_equal(core_menu_clashes(f->s, 1, f->day, 0, &a, &c, &n, &e), 0);
	/* the allergic child present that day: the fish pie, for milk, with the key person */
	hit = find(c, n, f->allergic, "Test fish pie");
	assert_non_null(hit);
	assert_int_equal(hit->allergens, 1u << MILK);
	assert_int_equal(hit->diets, 0);
	assert_string_equal(core_menu_words(&a, menu_allergens, MENU_ALLERGENS, hit->allergens),
	                    "milk");
	assert_true(*hit->key_person);
	assert_string_not_equal(hit->mealtime, "");
	assert_int_equal(count_child(c, n, f->allergic), 1); /* not the curry */
	/* the halal child: the fish pie is not marked halal, the curry is */
	hit = find(c, n, f->halal, "Test fish pie");
	assert_non_null(hit);
	assert_int_equal(hit->diets, 1u << HALAL);
	assert_int_equal(count_child(c, n, f->halal), 1);
	/* nobody else */
	assert_int_equal(count_child(c, n, f->plain), 0);
	assert_int_equal(count_child(c, n, f->away), 0);
	assert_int_equal(count_child(c, n, f->peanut), 0);
	/* the vegetarian child: the fish pie (not vegetarian), never the curry */
	assert_non_null(find(c, n, f->veggie, "Test fish pie"));
	assert_int_equal(count_child(c, n, f->veggie), 1);
	assert_int_equal(n, 3);
	arena_free(&a);
}

static void absent_allergic_child_clashes_on_a_day_they_come(void **state)
{
	struct fx *f = *state;
	struct menu_clash *c;
	struct op_error e;
	struct arena a;
	size_t n;
	char sql[160];
	/* the same child, the same menu, once the absence is gone: flagged */
	snprintf(sql, sizeof sql, "DELETE FROM child_absence WHERE child_id = %lld",
	         (long long)f->away);
	exec_sql(f->s, sql);
	arena_init(&a);
	assert_int_equal(core_menu_clashes(f->s, 1, f->day, 0, &a, &c, &n, &e), 0);
	assert_non_null(find(c, n, f->away, "Test fish pie"));
	/* and no clash on a day with nothing on the menu */
	assert_int_equal(core_menu_clashes(f->s, 1, f->day + 1, 0, &a, &c, &n, &e), 0);
	assert_int_equal(n, 0);
	arena_free(&a);
	snprintf(sql, sizeof sql,
	         "INSERT INTO child_absence (setting_id, child_id, date, reason, created_at) "
	         "VALUES (1, %lld, '%s', 'illness', 1)",
	         (long long)f->away, D);
	exec_sql(f->s, sql);
}

static void room_list_holds_only_that_rooms_children(void **state)
{
	struct fx *f = *state;
	struct menu_clash *c;
	struct op_error e;
	struct arena a;
	size_t n;
	int64_t other = one_int(f->s, "SELECT id FROM room WHERE setting_id = 1 ORDER BY id DESC "
	                              "LIMIT 1");
	arena_init(&a);
	assert_int_equal(core_menu_clashes(f->s, 1, f->day, f->allergic_room, &a, &c, &n, &e), 0);
	assert_non_null(find(c, n, f->allergic, "Test fish pie"));
	for (size_t i = 0; i < n; i++)
		assert_int_equal(c[i].room_id, f->allergic_room);
	if (other != f->allergic_room) {
		assert_int_equal(core_menu_clashes(f->s, 1, f->day, other, &a, &c, &n, &e), 0);
		assert_int_equal(count_child(c, n, f->allergic), 0);
	}
	arena_free(&a);
}

static void menu_refuses_what_is_not_the_settings(void **state)
{
	struct fx *f = *state;
	struct actor other = f->who;
	struct op_error e;
	int64_t id;
	other.setting_id = 2; /* no such setting's dish or mealtime */
	assert_int_equal(core_tx_begin(f->s, &e), 0);
	assert_int_not_equal(
	    core_menu_item_add(f->s, &other, f->day, f->lunch, f->fish_pie, &id, &e), 0);
	assert_int_equal(e.status, OP_NOT_FOUND);
	assert_int_not_equal(core_menu_item_add(f->s, &f->who, f->day, f->lunch, 999999, &id, &e),
	                     0);
	assert_int_equal(e.status, OP_NOT_FOUND);
	assert_string_equal(e.field, "dish");
	/* the same dish twice at one mealtime */
	assert_int_not_equal(
	    core_menu_item_add(f->s, &f->who, f->day, f->lunch, f->fish_pie, &id, &e), 0);
	assert_int_equal(e.status, OP_CONFLICT);
	/* an allergen beyond the 14 */
	assert_int_not_equal(core_menu_child_diet_set(f->s, &f->who, f->plain, 1u << 14, 0, &e), 0);
	assert_int_equal(e.status, OP_INVALID);
	assert_int_not_equal(core_menu_dish_add(f->s, &f->who, "", 0, 0, &id, &e), 0);
	assert_string_equal(e.field, "name");
	store_rollback(f->s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(clash_flagged_for_exactly_the_children_concerned),
	    cmocka_unit_test(absent_allergic_child_clashes_on_a_day_they_come),
	    cmocka_unit_test(room_list_holds_only_that_rooms_children),
	    cmocka_unit_test(menu_refuses_what_is_not_the_settings),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
