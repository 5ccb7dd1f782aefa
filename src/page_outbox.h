/*
 * page_outbox.h — the manager's view of the email outbox (issue 7): GET
 * /outbox lists the notifications to families (core_outbox.h), sent or
 * waiting, and says plainly when email is off (nothing has ever been sent
 * by SMTP) and how to turn it on.
 */
#ifndef KW_PAGE_OUTBOX_H
#define KW_PAGE_OUTBOX_H

#include "authz.h"
#include "pages.h"

page_fn page_outbox;

/* clang-format off */
#define ROUTES_OUTBOX                                                                              \
	{"GET", "/outbox", page_outbox, R(ROLE_MANAGER)},
/* clang-format on */

#endif
