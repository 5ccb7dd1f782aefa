/*
 * core_menu.c — the operations of core_menu.h. Allergens and diets are bit
 * sets indexed by the tables below (the migration's comment names the same
 * order: never reorder, only append). Clashes are worked out in memory from
 * three reads — who is expected that day (core_today_load), the children's
 * allergens and diets, the day's menu — whatever the number of children.
 */
#include "core_menu.h"

#include <assert.h>
#include <string.h>

#include "audit.h"
#include "core_today.h"
#include "date.h"
#include "valid.h"

const struct menu_word menu_allergens[MENU_ALLERGENS] = {
    {"celery", "celery"},
    {"gluten", "cereals containing gluten"},
    {"crustaceans", "crustaceans"},
    {"eggs", "eggs"},
    {"fish", "fish"},
    {"lupin", "lupin"},
    {"milk", "milk"},
    {"molluscs", "molluscs"},
    {"mustard", "mustard"},
    {"tree_nuts", "tree nuts"},
    {"peanuts", "peanuts"},
    {"sesame", "sesame"},
    {"soya", "soya"},
    {"sulphites", "sulphites"},
};

const struct menu_word menu_diets[MENU_DIETS] = {
    {"vegetarian", "vegetarian"}, {"vegan", "vegan"},         {"halal", "halal"},
    {"kosher", "kosher"},         {"pork_free", "pork free"}, {"beef_free", "beef free"},
};

const char *core_menu_words(struct arena *a, const struct menu_word *t, int n, unsigned bits)
{
	const char *out = "";
	for (int i = 0; i < n; i++)
		if (bits & (1u << i))
			out = *out ? arena_printf(a, "%s, %s", out, t[i].words) : t[i].words;
	return out;
}

int core_menu_dish_add(struct store *s, const struct actor *who, const char *name,
                       unsigned allergens, unsigned diets, int64_t *id, struct op_error *e)
{
	static const struct field_spec name_spec = {"name", F_LINE, 1, 0, 120, NULL};
	struct field_value v;
	struct store_stmt *st;
	struct arena a;
	char why[200];
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (valid_field(&name_spec, name ? name : "", &v, &a, why, sizeof why) != 0 || !v.present ||
	    !*v.s) {
		op_fail(e, OP_INVALID, "name", "the dish needs a name (up to 120 characters)");
		goto out;
	}
	if (allergens >= (1u << MENU_ALLERGENS) || diets >= (1u << MENU_DIETS)) {
		op_fail(e, OP_INVALID, "allergens", "is not one of the 14 allergens");
		goto out;
	}
	st = store_stmt(s, STMT_MENU_DISH_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, v.s);
	store_bind_int(st, 3, allergens);
	store_bind_int(st, 4, diets);
	store_bind_int(st, 5, time_now());
	rc = store_run(st);
	if (rc == STORE_CONSTRAINT) {
		op_fail(e, OP_CONFLICT, "name", "there is a dish of that name already");
		goto out;
	}
	if (rc != STORE_OK) {
		op_store_fail(e, s, rc, "adding the dish");
		goto out;
	}
	*id = store_last_id(s);
	ret = audit_write(s, who, "menu.dish.add", "dish", *id, 0,
	                  core_menu_words(&a, menu_allergens, MENU_ALLERGENS, allergens), e);
out:
	arena_free(&a);
	return ret;
}

static int found(struct store *s, enum stmt_id id, int64_t setting_id, int64_t rec)
{
	struct store_stmt *st = store_stmt(s, id);
	int yes;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, rec);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

int core_menu_item_add(struct store *s, const struct actor *who, int day, int64_t mealtime_id,
                       int64_t dish_id, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	char date[DATE_LEN];
	int rc;
	assert(store_in_transaction(s));
	if (!found(s, STMT_MENU_MEALTIME_GET, who->setting_id, mealtime_id))
		return op_fail(e, OP_NOT_FOUND, "mealtime", "there is no such mealtime");
	if (!found(s, STMT_MENU_DISH_GET, who->setting_id, dish_id))
		return op_fail(e, OP_NOT_FOUND, "dish", "there is no such dish");
	date_format(day, date);
	st = store_stmt(s, STMT_MENU_ITEM_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, date);
	store_bind_int(st, 3, mealtime_id);
	store_bind_int(st, 4, dish_id);
	store_bind_id(st, 5, who->user_id);
	store_bind_int(st, 6, time_now());
	rc = store_run(st);
	if (rc == STORE_CONSTRAINT)
		return op_fail(e, OP_CONFLICT, "dish", "the dish is on that mealtime already");
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding to the menu");
	*id = store_last_id(s);
	return audit_write(s, who, "menu.item.add", "menu_item", *id, 0, date, e);
}

int core_menu_item_remove(struct store *s, const struct actor *who, int64_t item_id,
                          struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MENU_ITEM_DELETE);
	int rc;
	assert(store_in_transaction(s));
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, item_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "taking the dish off the menu");
	if (store_changes(s) != 1)
		return op_fail(e, OP_NOT_FOUND, "", "there is no such dish on the menu");
	return audit_write(s, who, "menu.item.remove", "menu_item", item_id, 0, "", e);
}

int core_menu_child_diet_set(struct store *s, const struct actor *who, int64_t child_id,
                             unsigned allergens, unsigned diets, struct op_error *e)
{
	struct store_stmt *st;
	struct arena a;
	int rc, ret = -1;
	assert(store_in_transaction(s));
	if (allergens >= (1u << MENU_ALLERGENS) || diets >= (1u << MENU_DIETS))
		return op_fail(e, OP_INVALID, "allergens", "is not one of the 14 allergens");
	st = store_stmt(s, STMT_MENU_CHILD_DIET_SET);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, allergens);
	store_bind_int(st, 4, diets);
	store_bind_id(st, 5, who->user_id);
	store_bind_int(st, 6, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "keeping the child's allergies");
	arena_init(&a);
	ret =
	    audit_write(s, who, "child.diet", "child", child_id, child_id,
	                arena_printf(&a, "allergens: %s; diets: %s",
	                             core_menu_words(&a, menu_allergens, MENU_ALLERGENS, allergens),
	                             core_menu_words(&a, menu_diets, MENU_DIETS, diets)),
	                e);
	arena_free(&a);
	return ret;
}

void core_menu_child_diet_get(struct store *s, int64_t setting_id, int64_t child_id,
                              unsigned *allergens, unsigned *diets)
{
	struct store_stmt *st = store_stmt(s, STMT_MENU_CHILD_DIET_GET);
	*allergens = *diets = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW) {
		*allergens = (unsigned)store_col_int(st, 0);
		*diets = (unsigned)store_col_int(st, 1);
	}
	store_finish(st);
}

int core_menu_items(struct store *s, int64_t setting_id, int day, int last, struct arena *a,
                    struct menu_item **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MENU_ITEMS_BETWEEN);
	char from[DATE_LEN], to[DATE_LEN];
	size_t cap = 16;
	struct menu_item *r = arena_alloc(a, cap * sizeof *r);
	int rc;
	*n = 0;
	*out = r;
	date_format(day, from);
	date_format(last, to);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, to);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			struct menu_item *grown = arena_alloc(a, 2 * cap * sizeof *r);
			memcpy(grown, r, cap * sizeof *r);
			r = grown;
			cap *= 2;
		}
		r[(*n)++] = (struct menu_item){
		    .id = store_col_int(st, 0),
		    .date = arena_strdup(a, store_col_text(st, 1)),
		    .mealtime_id = store_col_int(st, 2),
		    .mealtime = arena_strdup(a, store_col_text(st, 3)),
		    .mealtime_start = (int)store_col_int(st, 4),
		    .dish_id = store_col_int(st, 5),
		    .dish = arena_strdup(a, store_col_text(st, 6)),
		    .allergens = (unsigned)store_col_int(st, 7),
		    .diets = (unsigned)store_col_int(st, 8),
		};
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the menu");
	*out = r;
	return 0;
}

int core_menu_clashes(struct store *s, int64_t setting_id, int day, int64_t room_id,
                      struct arena *a, struct menu_clash **out, size_t *n, struct op_error *e)
{
	struct today t;
	struct menu_item *items = NULL;
	struct store_stmt *st;
	size_t nitems = 0, cap = 16;
	struct menu_clash *r;
	int rc, ret = -1;
	struct {
		int64_t child;
		unsigned allergens, diets;
	} *needs = NULL;
	size_t nneeds = 0, needs_cap = 0;

	*n = 0;
	*out = NULL;
	if (core_menu_items(s, setting_id, day, day, a, &items, &nitems, e))
		return -1;
	if (core_today_load(s, setting_id, day, room_id, &t, e))
		goto out;
	st = store_stmt(s, STMT_MENU_CHILD_DIETS);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (nneeds == needs_cap) {
			void *grown;
			needs_cap = needs_cap ? 2 * needs_cap : 32;
			grown = arena_alloc(a, needs_cap * sizeof *needs);
			if (nneeds)
				memcpy(grown, needs, nneeds * sizeof *needs);
			needs = grown;
		}
		needs[nneeds].child = store_col_int(st, 0);
		needs[nneeds].allergens = (unsigned)store_col_int(st, 1);
		needs[nneeds].diets = (unsigned)store_col_int(st, 2);
		nneeds++;
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the children's allergies");
		goto out;
	}
	r = arena_alloc(a, cap * sizeof *r);
	/* the items are by mealtime; the children by room: room, then mealtime */
	for (size_t c = 0; c < t.nchildren; c++) {
		const struct today_child *ch = &t.children[c];
		unsigned al = 0, di = 0;
		for (size_t k = 0; k < nneeds; k++)
			if (needs[k].child == ch->id) {
				al = needs[k].allergens;
				di = needs[k].diets;
			}
		if (!al && !di)
			continue;
		for (size_t i = 0; i < nitems; i++) {
			unsigned hit_a = al & items[i].allergens, hit_d = di & ~items[i].diets;
			if (!hit_a && !hit_d)
				continue;
			if (*n == cap) {
				struct menu_clash *grown = arena_alloc(a, 2 * cap * sizeof *r);
				memcpy(grown, r, cap * sizeof *r);
				r = grown;
				cap *= 2;
			}
			r[(*n)++] = (struct menu_clash){
			    .child_id = ch->id,
			    .room_id = ch->room_id,
			    .date = items[i].date,
			    .child = arena_strdup(a, ch->name),
			    .room = arena_strdup(a, ch->room),
			    .key_person = ch->primary ? arena_strdup(a, ch->primary->name) : "",
			    .mealtime = items[i].mealtime,
			    .dish = items[i].dish,
			    .mealtime_start = items[i].mealtime_start,
			    .allergens = hit_a,
			    .diets = hit_d,
			};
		}
	}
	/* stable order: room (as today lists them), then mealtime */
	for (size_t i = 1; i < *n; i++)
		for (size_t j = i; j > 0; j--) {
			struct menu_clash x = r[j - 1], y = r[j];
			if (x.room_id != y.room_id || x.mealtime_start <= y.mealtime_start)
				break;
			r[j - 1] = y;
			r[j] = x;
		}
	*out = r;
	ret = 0;
out:
	core_today_free(&t);
	return ret;
}

/* ---- the demo ---- */

#define A(x) (1u << (x))
enum {
	AL_CELERY,
	AL_GLUTEN,
	AL_CRUST,
	AL_EGGS,
	AL_FISH,
	AL_LUPIN,
	AL_MILK,
	AL_MOLL,
	AL_MUSTARD,
	AL_NUTS,
	AL_PEANUTS,
	AL_SESAME,
	AL_SOYA,
	AL_SULPH
};
enum { DI_VEG, DI_VEGAN, DI_HALAL, DI_KOSHER, DI_PORK_FREE, DI_BEEF_FREE };

int core_menu_demo(struct store *s, const struct actor *who, int start, struct op_error *e)
{
	static const struct {
		const char *name;
		unsigned allergens, diets;
	} dishes[] = {
	    {"Porridge with banana", A(AL_GLUTEN) | A(AL_MILK),
	     A(DI_VEG) | A(DI_HALAL) | A(DI_KOSHER) | A(DI_PORK_FREE) | A(DI_BEEF_FREE)},
	    {"Toast with butter", A(AL_GLUTEN) | A(AL_MILK),
	     A(DI_VEG) | A(DI_HALAL) | A(DI_KOSHER) | A(DI_PORK_FREE) | A(DI_BEEF_FREE)},
	    {"Fish pie with peas", A(AL_FISH) | A(AL_MILK) | A(AL_GLUTEN),
	     A(DI_HALAL) | A(DI_KOSHER) | A(DI_PORK_FREE) | A(DI_BEEF_FREE)},
	    {"Vegetable curry with rice", A(AL_MUSTARD) | A(AL_CELERY),
	     A(DI_VEG) | A(DI_VEGAN) | A(DI_HALAL) | A(DI_KOSHER) | A(DI_PORK_FREE) |
	         A(DI_BEEF_FREE)},
	    {"Chicken and sweetcorn pasta", A(AL_GLUTEN) | A(AL_EGGS),
	     A(DI_HALAL) | A(DI_PORK_FREE) | A(DI_BEEF_FREE)},
	    {"Fruit and rice cakes", 0,
	     A(DI_VEG) | A(DI_VEGAN) | A(DI_HALAL) | A(DI_KOSHER) | A(DI_PORK_FREE) |
	         A(DI_BEEF_FREE)},
	    {"Cheese scone", A(AL_GLUTEN) | A(AL_MILK) | A(AL_EGGS),
	     A(DI_VEG) | A(DI_HALAL) | A(DI_KOSHER) | A(DI_PORK_FREE) | A(DI_BEEF_FREE)},
	    {"Hummus with pitta", A(AL_SESAME) | A(AL_GLUTEN),
	     A(DI_VEG) | A(DI_VEGAN) | A(DI_HALAL) | A(DI_KOSHER) | A(DI_PORK_FREE) |
	         A(DI_BEEF_FREE)},
	};
	/* per mealtime (in time order: breakfast, lunch, tea), dishes of each weekday */
	static const int plan[3][5][2] = {
	    {{0, 5}, {1, 5}, {0, 5}, {1, 5}, {0, 5}},
	    {{2, 3}, {4, 3}, {2, 3}, {4, 3}, {2, 3}},
	    {{6, 5}, {7, 5}, {6, 5}, {7, 5}, {6, 5}},
	};
	int64_t dish_id[ARRAY_LEN(dishes)], meal[3] = {0}, id;
	struct store_stmt *st;
	struct today t;
	size_t nmeal = 0, picked = 0;
	int monday = start - date_weekday(start);

	for (size_t i = 0; i < ARRAY_LEN(dishes); i++)
		if (core_menu_dish_add(s, who, dishes[i].name, dishes[i].allergens, dishes[i].diets,
		                       &dish_id[i], e))
			return -1;
	st = store_stmt(s, STMT_MENU_MEALTIMES);
	store_bind_int(st, 1, who->setting_id);
	while (store_step(st) == STORE_ROW && nmeal < 3)
		meal[nmeal++] = store_col_int(st, 0);
	store_finish(st);
	for (int week = 0; week < 2; week++)
		for (int wd = 0; wd < 5; wd++)
			for (size_t m = 0; m < nmeal; m++)
				for (int k = 0; k < 2; k++)
					if (core_menu_item_add(s, who, monday + 7 * week + wd,
					                       meal[m], dish_id[plan[m][wd][k]],
					                       &id, e))
						return -1;
	/* allergies of the first children expected on the demo's first day */
	if (core_today_load(s, who->setting_id, start, 0, &t, e)) {
		core_today_free(&t);
		return -1;
	}
	for (size_t c = 0; c < t.nchildren && picked < 3; c++) {
		static const unsigned al[3] = {A(AL_MILK), A(AL_PEANUTS) | A(AL_NUTS), 0};
		static const unsigned di[3] = {0, 0, A(DI_HALAL)};
		if (core_menu_child_diet_set(s, who, t.children[c].id, al[picked], di[picked], e)) {
			core_today_free(&t);
			return -1;
		}
		picked++;
	}
	core_today_free(&t);
	return 0;
}
