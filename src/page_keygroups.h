/*
 * page_keygroups.h — the handlers and routes of key groups, planning and accepting a plan, and the day's greet and hand-over page.
 */
#ifndef KW_PAGE_KEYGROUPS_H
#define KW_PAGE_KEYGROUPS_H

#include "authz.h"
#include "pages.h"

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
#define ROUTES_KEYGROUPS

#endif
