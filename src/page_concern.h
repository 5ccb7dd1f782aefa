/*
 * page_concern.h — safeguarding concerns on the web (issue 8): reporting a
 * concern (any member of staff, with a body map drawn as SVG on the server
 * and region radio buttons that work without JavaScript), the "received"
 * page the reporter sees instead of any chronology, the DSL's list of
 * children with concerns (new ones first), a child's chronology behind the
 * password step-up, addenda, and the audit page with its CSV (page_audit.c).
 */
#ifndef KW_PAGE_CONCERN_H
#define KW_PAGE_CONCERN_H

#include "authz.h"
#include "pages.h"

page_fn page_concern_new, page_concern_add, page_concern_received, page_safeguarding,
    page_chronology, page_chronology_addendum, page_step_up, page_audit, page_audit_csv;

/* The DSL's badge on their home page: how many concerns they have not opened. */
void page_concern_badge(struct web *w);

#define AUDIT_ROLES (R(ROLE_MANAGER) | R(ROLE_DSL) | R(ROLE_ADMIN))

/* clang-format off */
#define ROUTES_CONCERN                                                                             \
	{"GET", "/concerns/new", page_concern_new, ROLES_STAFF},                                   \
	{"POST", "/concerns", page_concern_add, ROLES_STAFF},                                      \
	{"GET", "/concerns/received", page_concern_received, ROLES_STAFF},                         \
	{"GET", "/safeguarding", page_safeguarding, R(ROLE_DSL)},                                  \
	{"POST", "/safeguarding/step-up", page_step_up, R(ROLE_DSL)},                              \
	{"GET", "/safeguarding/children/:id", page_chronology, R(ROLE_DSL)},                       \
	{"POST", "/safeguarding/children/:id/addenda", page_chronology_addendum, R(ROLE_DSL)},     \
	{"GET", "/audit", page_audit, AUDIT_ROLES},                                                \
	{"GET", "/audit.csv", page_audit_csv, AUDIT_ROLES},
/* clang-format on */

#endif
