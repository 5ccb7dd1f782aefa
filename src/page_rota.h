/*
 * page_rota.h — the manager's rota week (issue 6): GET /rota?week=D, per
 * day the staff on, whether a DSL and the SENCo are on site, slots out of
 * ratio, uncovered greets and hand-overs, drafts waiting; the paediatric
 * first aid certificates running out; and POST /rota/publish, which
 * publishes the week's drafts or refuses (422) listing the slots out of
 * ratio unless an override reason is given.
 */
#ifndef KW_PAGE_ROTA_H
#define KW_PAGE_ROTA_H

#include "authz.h"
#include "pages.h"

page_fn page_rota, page_rota_publish;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_ROTA                                                                                \
	{"GET", "/rota", page_rota, R(ROLE_MANAGER)},                                              \
	{"POST", "/rota/publish", page_rota_publish, R(ROLE_MANAGER)},
/* clang-format on */

#endif
