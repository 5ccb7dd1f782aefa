/*
 * page_medicine.h — medicines on the web (docs/medicine.md, core_medicine.h):
 * the due-now list of a room (/medicines), a child's medicines for staff
 * (permissions, doses given with their witness, corrections, the family's
 * acknowledgements; the forms to record a dose, a paper permission and an
 * acknowledgement seen at collection), the family's page in the portal
 * (their permissions, giving one, the doses given, acknowledging each) and
 * the JSON under /api/v1. Access is decided by authz_medicine_*; a child
 * the person may not see answers 404, like a missing one.
 */
#ifndef KW_PAGE_MEDICINE_H
#define KW_PAGE_MEDICINE_H

#include "authz.h"
#include "pages.h"

page_fn page_medicines_due, page_child_medicines, page_child_medicine_permission,
    page_child_medicine_dose, page_child_medicine_ack, page_portal_medicines,
    page_portal_medicine_permission, page_portal_medicine_ack, api_child_medicines,
    api_child_medicine_dose, api_medicines_due;

/* For /today (day is the page's date): the doses due now or overdue in the
 * rooms the person may see, counted, with a link to /medicines; nothing
 * on another day or when none is due. */
void page_medicine_today(struct web *w, int day);

/* On a child's page: the link to their medicines, for those who may open it. */
void page_medicine_child_link(struct web *w, int64_t child_id);

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_MEDICINE                                                                            \
	{"GET", "/medicines", page_medicines_due, ROLES_STAFF},                                    \
	{"GET", "/children/:id/medicines", page_child_medicines, ROLES_STAFF},                     \
	{"POST", "/children/:id/medicines/permissions", page_child_medicine_permission,            \
	 ROLES_STAFF},                                                                             \
	{"POST", "/children/:id/medicines/doses", page_child_medicine_dose, ROLES_STAFF},          \
	{"POST", "/children/:id/medicines/acks", page_child_medicine_ack, ROLES_STAFF},            \
	{"GET", "/family/children/:id/medicines", page_portal_medicines, R(ROLE_PARENT)},          \
	{"POST", "/family/children/:id/medicines", page_portal_medicine_permission,                \
	 R(ROLE_PARENT)},                                                                          \
	{"POST", "/family/children/:id/medicines/acks", page_portal_medicine_ack, R(ROLE_PARENT)}, \
	{"GET", "/api/v1/medicines/due", api_medicines_due, ROLES_STAFF},                          \
	{"GET", "/api/v1/children/:id/medicines", api_child_medicines,                             \
	 ROLES_STAFF | R(ROLE_PARENT)},                                                            \
	{"POST", "/api/v1/children/:id/medicines/doses", api_child_medicine_dose, ROLES_STAFF},
/* clang-format on */

#endif
