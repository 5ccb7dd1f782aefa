/*
 * page_contract.h — contracts, funded hours and parental feedback on the web
 * (page_contract.c, docs/contracts.md).
 *
 * The manager's: /contracts (reviews due in the next 30 days and overdue,
 * then every child on roll with their fee basis, funding and review), a
 * child's /children/:id/contract (the contract, its sessions from the
 * attendance pattern, the funding recorded with the term it starts, funded
 * against attended hours for the last weeks, and the forms), /feedback (the
 * summary of a term: count, averages, spread and comments — with names only
 * when the setting chose named feedback — and that choice).
 *
 * The family's, in their language (portal_text.h): a child's contract and
 * funding summary at /family/children/:id/contract, and the termly feedback
 * form at /family/feedback. Every decision is in authz.c (authz_contract_*,
 * authz_feedback_*); another family's or another setting's child is 404.
 */
#ifndef KW_PAGE_CONTRACT_H
#define KW_PAGE_CONTRACT_H

#include "authz.h"
#include "pages.h"

/* On a child's page: the link to the contract and funding (managers only). */
void contract_staff_link(struct web *w, int64_t child_id);
/* On a family's pages: the link to the child's contract, and to the feedback form. */
void contract_portal_child_link(struct web *w, int64_t child_id);
void contract_portal_feedback_link(struct web *w);

page_fn page_contracts, page_child_contract, page_child_contract_save, page_child_contract_review,
    page_child_funding_add, page_feedback_summary, page_feedback_settings, page_portal_contract,
    page_portal_feedback, page_portal_feedback_save;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_CONTRACT                                                                            \
	{"GET", "/contracts", page_contracts, R(ROLE_MANAGER)},                                    \
	{"GET", "/children/:id/contract", page_child_contract, R(ROLE_MANAGER)},                   \
	{"POST", "/children/:id/contract", page_child_contract_save, R(ROLE_MANAGER)},             \
	{"POST", "/children/:id/contract/review", page_child_contract_review, R(ROLE_MANAGER)},    \
	{"POST", "/children/:id/funding", page_child_funding_add, R(ROLE_MANAGER)},                \
	{"GET", "/feedback", page_feedback_summary, R(ROLE_MANAGER)},                              \
	{"POST", "/feedback/settings", page_feedback_settings, R(ROLE_MANAGER)},                   \
	{"GET", "/family/children/:id/contract", page_portal_contract, R(ROLE_PARENT)},            \
	{"GET", "/family/feedback", page_portal_feedback, R(ROLE_PARENT)},                         \
	{"POST", "/family/feedback", page_portal_feedback_save, R(ROLE_PARENT)},
/* clang-format on */

#endif
