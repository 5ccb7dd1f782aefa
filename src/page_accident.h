/*
 * page_accident.h — accidents, incidents and injuries noticed on arrival on
 * the web (issue 8, docs/accidents.md), all in page_accident.c:
 *
 *   /accidents/new                      pick a child (of those the person sees)
 *   /children/:id/accidents             a child's records and the form (an
 *                                       accident, an incident, or an injury
 *                                       noticed at the greeting), with the body map
 *   /children/:id/accidents/:id/...     the parent told, their acknowledgement on
 *                                       the staff's screen, a notification made
 *   /accidents                          the setting's accident book with the
 *                                       Ofsted and RIDDOR deadlines (managers, DSL)
 *   /safeguarding/injuries              repeated injuries per child (the DSL)
 *   /family/children/:id/accidents      the family's view, and their acknowledgement
 *   /api/v1/children/:id/accidents      a child's records as JSON; POST records one
 *                                       (the form's fields; body_region a list or text)
 *
 * Every decision is authz_accident_*; a record the person may not see is
 * the same 404 as a missing one. Reads of records are audited first.
 */
#ifndef KW_PAGE_ACCIDENT_H
#define KW_PAGE_ACCIDENT_H

#include "authz.h"
#include "pages.h"

page_fn page_accident_new, page_accidents, page_injury_patterns, page_child_accidents,
    page_child_accident_add, page_child_accident_told, page_child_accident_ack,
    page_child_accident_notified, page_family_accidents, page_family_accident_ack,
    api_child_accidents, api_child_accident_add;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_ACCIDENT                                                                            \
	{"GET", "/accidents/new", page_accident_new, ROLES_STAFF},                                 \
	{"GET", "/accidents", page_accidents, R(ROLE_MANAGER) | R(ROLE_DSL)},                      \
	{"GET", "/safeguarding/injuries", page_injury_patterns, R(ROLE_DSL)},                      \
	{"GET", "/children/:id/accidents", page_child_accidents, ROLES_STAFF},                     \
	{"POST", "/children/:id/accidents", page_child_accident_add, ROLES_STAFF},                 \
	{"POST", "/children/:id/accidents/:id/parent-told", page_child_accident_told, ROLES_STAFF}, \
	{"POST", "/children/:id/accidents/:id/acknowledge", page_child_accident_ack, ROLES_STAFF}, \
	{"POST", "/children/:id/accidents/:id/notified", page_child_accident_notified,             \
	 R(ROLE_MANAGER)},                                                                         \
	{"GET", "/family/children/:id/accidents", page_family_accidents, R(ROLE_PARENT)},          \
	{"POST", "/family/children/:id/accidents/:id/acknowledge", page_family_accident_ack,       \
	 R(ROLE_PARENT)},                                                                          \
	{"GET", "/api/v1/children/:id/accidents", api_child_accidents, ROLES_STAFF},               \
	{"POST", "/api/v1/children/:id/accidents", api_child_accident_add, ROLES_STAFF},
/* clang-format on */

#endif
