/*
 * page_policy.h — partnership with parents on the web (issue 9,
 * core_policy.h): the setting's policies and notices.
 *
 * For staff (page_policy.c): /policies lists every policy at its current
 * version (for the manager, with how many families are still to sign it,
 * and the form for a new policy); /policies/:id shows a version's text
 * (?version=N for an older one), its versions, and for the manager the
 * families who signed that version and, exactly, those who have not signed
 * the current one, with the form publishing the next version. /notices
 * (the manager's) lists the notices with their read receipts and the form
 * for a new one, to every family or one room; /notices/:id shows who read
 * it and which parents have not.
 *
 * For a family (the portal, in the family's language): /family/policies
 * with each policy's state for the family, /family/policies/:id with the
 * text and the form to sign the current version (typed full name and
 * date), /family/notices and /family/notices/:id (opening one records the
 * read receipt). The family page shows the notices and how many policies
 * wait for a signature (portal_policy_summary, page_portal.h).
 * Every decision is in authz.c (authz_policy_*, authz_notice_*); a record
 * the person may not see is the same 404 as a missing one.
 */
#ifndef KW_PAGE_POLICY_H
#define KW_PAGE_POLICY_H

#include "authz.h"
#include "pages.h"

page_fn page_policies, page_policy_add, page_policy, page_policy_publish, page_notices,
    page_notice_add, page_notice, page_portal_policies, page_portal_policy, page_portal_policy_sign,
    page_portal_notices, page_portal_notice;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_POLICY                                                                              \
	{"GET", "/policies", page_policies, ROLES_STAFF},                                          \
	{"POST", "/policies", page_policy_add, R(ROLE_MANAGER)},                                   \
	{"GET", "/policies/:id", page_policy, ROLES_STAFF},                                        \
	{"POST", "/policies/:id/versions", page_policy_publish, R(ROLE_MANAGER)},                  \
	{"GET", "/notices", page_notices, R(ROLE_MANAGER)},                                        \
	{"POST", "/notices", page_notice_add, R(ROLE_MANAGER)},                                    \
	{"GET", "/notices/:id", page_notice, R(ROLE_MANAGER)},                                     \
	{"GET", "/family/policies", page_portal_policies, R(ROLE_PARENT)},                         \
	{"GET", "/family/policies/:id", page_portal_policy, R(ROLE_PARENT)},                       \
	{"POST", "/family/policies/:id/sign", page_portal_policy_sign, R(ROLE_PARENT)},            \
	{"GET", "/family/notices", page_portal_notices, R(ROLE_PARENT)},                           \
	{"GET", "/family/notices/:id", page_portal_notice, R(ROLE_PARENT)},
/* clang-format on */

#endif
