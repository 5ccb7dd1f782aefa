/*
 * page_retention.h — the retention rules for a manager, without a terminal
 * (ASVS 8.3.8): GET /retention lists what is due today per record kind,
 * POST /retention removes it (after the password step-up, audited).
 */
#ifndef KW_PAGE_RETENTION_H
#define KW_PAGE_RETENTION_H

#include "authz.h"
#include "pages.h"

page_fn page_retention, page_retention_apply;

/* clang-format off */
#define ROUTES_RETENTION                                                                           \
	{"GET", "/retention", page_retention, R(ROLE_MANAGER) | R(ROLE_ADMIN)},                    \
	{"POST", "/retention", page_retention_apply, R(ROLE_MANAGER) | R(ROLE_ADMIN)},
/* clang-format on */

#endif
