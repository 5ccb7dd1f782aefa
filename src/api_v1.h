/*
 * api_v1.h — the handlers and routes of the JSON API under /api/v1 (same validation and authorization as the pages).
 */
#ifndef KW_API_V1_H
#define KW_API_V1_H

#include "authz.h"
#include "pages.h"

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
#define ROUTES_API

#endif
