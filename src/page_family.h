/*
 * page_family.h — issue 9's pages: the menu and its allergen clashes
 * (page_menu.c) and family details kept current (page_family.c).
 *
 * Menu: /menu (the week's menu by mealtime and day; a manager adds dishes
 * with their allergens and diets and puts them on the menu), /menu/clashes
 * (for a date, per room and mealtime: child, dish, allergen or diet, key
 * person — for the staff serving that meal), /menu/clashes/week (the
 * manager's week), /children/:id/diet (a child's allergens and diets).
 *
 * Family details: in the portal, emergency contacts on /family/contact
 * (added or changed at once, flagged to staff), the family's health notes
 * and the health visitor's review date on the child's page; for staff, the
 * flagged changes on /family-changes, the day's health notes on /today and
 * /register (flagged until acknowledged), the review date on the check at
 * two, and outside professionals' programmes as SEN plan targets. Every
 * decision is in authz.c; what a person may not see is a 404.
 */
#ifndef KW_PAGE_FAMILY_H
#define KW_PAGE_FAMILY_H

#include "authz.h"
#include "pages.h"

page_fn page_menu, page_menu_dish_add, page_menu_item_add, page_menu_item_delete, page_menu_clashes,
    page_menu_clashes_week, page_child_diet, page_child_diet_save, page_family_emergency_add,
    page_family_emergency_change, page_family_health_note, page_family_hv_review,
    page_family_changes, page_family_change_ack, page_health_note_ack, page_child_hv_review,
    page_child_sen_programme;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_FAMILY_DETAILS                                                                      \
	{"GET", "/menu", page_menu, ROLES_STAFF},                                                  \
	{"POST", "/menu/dishes", page_menu_dish_add, R(ROLE_MANAGER)},                             \
	{"POST", "/menu/items", page_menu_item_add, R(ROLE_MANAGER)},                              \
	{"POST", "/menu/items/:id/delete", page_menu_item_delete, R(ROLE_MANAGER)},                \
	{"GET", "/menu/clashes", page_menu_clashes, ROLES_STAFF},                                  \
	{"GET", "/menu/clashes/week", page_menu_clashes_week, R(ROLE_MANAGER)},                    \
	{"GET", "/children/:id/diet", page_child_diet, ROLES_STAFF},                               \
	{"POST", "/children/:id/diet", page_child_diet_save, ROLES_STAFF},                         \
	{"POST", "/family/emergency", page_family_emergency_add, R(ROLE_PARENT)},                  \
	{"POST", "/family/contacts/:id/emergency", page_family_emergency_change, R(ROLE_PARENT)},  \
	{"POST", "/family/children/:id/health-notes", page_family_health_note, R(ROLE_PARENT)},    \
	{"POST", "/family/children/:id/hv-review", page_family_hv_review, R(ROLE_PARENT)},         \
	{"GET", "/family-changes", page_family_changes, ROLES_STAFF},                              \
	{"POST", "/family-changes/:id/ack", page_family_change_ack, ROLES_STAFF},                  \
	{"POST", "/health-notes/:id/ack", page_health_note_ack, ROLES_STAFF},                      \
	{"POST", "/children/:id/hv-review", page_child_hv_review, ROLES_STAFF},                    \
	{"POST", "/children/:id/sen/programmes", page_child_sen_programme, ROLES_STAFF},
/* clang-format on */

/* ---- sections other pages show (page_family.c) ---- */

/* /family/contact: the family's emergency contacts, with the forms. */
void family_portal_emergency(struct web *w);
/* The portal's child page: the family's health notes and the review date. */
void family_portal_child(struct web *w, int64_t child_id);
/* /today and /register: the day's health notes of the children the person
 * sees (flagged until acknowledged), and the count of emergency-contact
 * changes waiting for them; back is where acknowledging returns to. */
void family_today_notes(struct web *w, int day, const char *back);
/* Beside a child's name on /today and /register: a tag linking to the
 * child's new health note of the day (nothing when none). */
void family_note_tag(struct web *w, int64_t child_id, int day);
/* The check at two: the review date and the form to enter it (CHILD_WRITE). */
void family_hv_review_staff(struct web *w, int64_t child_id);
/* The SEN page: the programmes that are targets of plan_id; the form. */
void family_sen_programmes(struct web *w, int64_t child_id, int64_t plan_id);
void family_sen_programme_form(struct web *w, int64_t child_id);

#endif
