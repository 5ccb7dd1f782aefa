/*
 * page_welfare.h — welfare patterns and allegations against staff on the
 * web (issue 8): the welfare patterns page (absence for the manager and the
 * DSL, development for the SENCo) with its thresholds form (the manager's),
 * the count on their home page; and the allegations against staff (the
 * manager's and the DSL's: list, form, one allegation with its addenda).
 */
#ifndef KW_PAGE_WELFARE_H
#define KW_PAGE_WELFARE_H

#include "authz.h"
#include "pages.h"

page_fn page_welfare, page_welfare_rules, page_welfare_rules_save, page_allegations,
    page_allegation_new, page_allegation_add, page_allegation, page_allegation_addendum;

/* The home page's lines: welfare patterns to look at, Ofsted notifications overdue. */
void page_welfare_badge(struct web *w);

#define WELFARE_ROLES (R(ROLE_MANAGER) | R(ROLE_DSL) | R(ROLE_SENCO))
#define ALLEGATION_ROLES (R(ROLE_MANAGER) | R(ROLE_DSL))

/* clang-format off */
#define ROUTES_WELFARE                                                                             \
	{"GET", "/welfare", page_welfare, WELFARE_ROLES},                                          \
	{"GET", "/welfare/rules", page_welfare_rules, R(ROLE_MANAGER)},                            \
	{"POST", "/welfare/rules", page_welfare_rules_save, R(ROLE_MANAGER)},                      \
	{"GET", "/allegations", page_allegations, ALLEGATION_ROLES},                               \
	{"GET", "/allegations/new", page_allegation_new, ALLEGATION_ROLES},                        \
	{"POST", "/allegations", page_allegation_add, ALLEGATION_ROLES},                           \
	{"GET", "/allegations/:id", page_allegation, ALLEGATION_ROLES},                            \
	{"POST", "/allegations/:id/addenda", page_allegation_addendum, ALLEGATION_ROLES},
/* clang-format on */

#endif
