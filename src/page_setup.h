/*
 * page_setup.h — the handlers and routes of setting set-up (rooms, staff, children, contacts, CSV import), the child's page, the family page for parents, and user administration.
 */
#ifndef KW_PAGE_SETUP_H
#define KW_PAGE_SETUP_H

#include "authz.h"
#include "pages.h"

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
#define ROUTES_SETUP

#endif
