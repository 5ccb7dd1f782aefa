/*
 * http_routes.h — the routes of the pages beyond sign-in, as rows of
 * http_route.c's table (method, path, handler, roles). Every route added
 * here is also added to tests/test_authz_routes.c's allow/deny table.
 */
#ifndef KW_HTTP_ROUTES_H
#define KW_HTTP_ROUTES_H

#define HTTP_ROUTES

#endif
