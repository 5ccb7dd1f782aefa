/*
 * core_menu.h — the setting's menu and the allergen clashes it makes
 * (issue 9). A dish carries the allergens it contains (the 14 that UK food
 * law names, a bit each, in the order of menu_allergens) and the diets it
 * suits (vegetarian, halal, …, menu_diets); the menu puts dishes on a date
 * at one of the setting's mealtimes. Each child has the allergens they
 * must avoid and the diets they keep (child_diet). A clash is a dish on the
 * menu of a day the child is expected (core_today: the usual pattern or a
 * booking, not an absence) that contains one of the child's allergens or
 * does not suit one of the child's diets. Operations run in the caller's
 * transaction with their audit row; who may do them is authz.c's.
 */
#ifndef KW_CORE_MENU_H
#define KW_CORE_MENU_H

#include "arena.h"
#include "core.h"

#define MENU_ALLERGENS 14
#define MENU_DIETS 6

struct menu_word {
	const char *code;  /* the form's value */
	const char *words; /* for people */
};
extern const struct menu_word menu_allergens[MENU_ALLERGENS];
extern const struct menu_word menu_diets[MENU_DIETS];
/* "milk, eggs" of a bit set (in the arena); "" when none. */
const char *core_menu_words(struct arena *a, const struct menu_word *t, int n, unsigned bits);

int core_menu_dish_add(struct store *s, const struct actor *who, const char *name,
                       unsigned allergens, unsigned diets, int64_t *id,
                       struct op_error *e) WARN_UNUSED;
/* 404 ("dish", "mealtime") for another setting's dish or mealtime; 409 when
 * the dish is on that mealtime already. */
int core_menu_item_add(struct store *s, const struct actor *who, int day, int64_t mealtime_id,
                       int64_t dish_id, int64_t *id, struct op_error *e) WARN_UNUSED;
int core_menu_item_remove(struct store *s, const struct actor *who, int64_t item_id,
                          struct op_error *e) WARN_UNUSED;
int core_menu_child_diet_set(struct store *s, const struct actor *who, int64_t child_id,
                             unsigned allergens, unsigned diets, struct op_error *e) WARN_UNUSED;
void core_menu_child_diet_get(struct store *s, int64_t setting_id, int64_t child_id,
                              unsigned *allergens, unsigned *diets);

struct menu_item {
	int64_t id, mealtime_id, dish_id;
	const char *date, *mealtime, *dish;
	int mealtime_start;
	unsigned allergens, diets;
};
/* The menu from day to last (inclusive), by date and mealtime. */
int core_menu_items(struct store *s, int64_t setting_id, int day, int last, struct arena *a,
                    struct menu_item **out, size_t *n, struct op_error *e) WARN_UNUSED;

struct menu_clash {
	int64_t child_id, room_id;
	const char *date, *child, *room, *key_person; /* key_person "" when none */
	const char *mealtime, *dish;
	int mealtime_start;
	unsigned allergens; /* the child's allergens the dish contains */
	unsigned diets;     /* the child's diets the dish does not suit */
};
/* The clashes of day (room_id 0: every room), by room, mealtime, child. */
int core_menu_clashes(struct store *s, int64_t setting_id, int day, int64_t room_id,
                      struct arena *a, struct menu_clash **out, size_t *n,
                      struct op_error *e) WARN_UNUSED;

/* The demo: dishes, this week's and next week's menu at the setting's
 * mealtimes, and allergies for a few children so that a clash shows
 * (a child with a milk allergy and a fish pie on the menu). */
int core_menu_demo(struct store *s, const struct actor *who, int start,
                   struct op_error *e) WARN_UNUSED;

#endif
