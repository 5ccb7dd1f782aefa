/*
 * api_v1.h — the handlers and routes of the JSON API under /api/v1 (same
 * validation and authorization as the pages): who is signed in, the
 * children one may see, a child's basics or records, adding a child, the
 * day's greets and hand-overs, key groups, and planning and accepting key
 * groups. Signed out is 401 JSON (the router); a write needs the session's
 * CSRF token as the form field or query parameter "csrf"; errors are
 * {"error", "field"} with 400 (malformed JSON), 403, 404, 409 or 422.
 */
#ifndef KW_API_V1_H
#define KW_API_V1_H

#include "authz.h"
#include "pages.h"
#include "valid.h"

page_fn api_me, api_children, api_child, api_child_add, api_today, api_keygroups, api_plan_propose,
    api_plan_get, api_plan_accept;

/* For the other API modules (api_register.c): the request's JSON object
 * body validated against spec[0..n); 0, or -1 with the 400/422 answered. */
int api_v1_body(struct web *w, const struct field_spec *spec, size_t n,
                struct field_value *out) WARN_UNUSED;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_API                                                                                 \
	{"GET", "/api/v1/me", api_me, ANY_SIGNED_IN},                                              \
	{"GET", "/api/v1/children", api_children, ANY_SIGNED_IN},                                  \
	{"POST", "/api/v1/children", api_child_add, R(ROLE_MANAGER)},                              \
	{"GET", "/api/v1/children/:id", api_child, ANY_SIGNED_IN},                                 \
	{"GET", "/api/v1/today", api_today, ROLES_STAFF},                                          \
	{"GET", "/api/v1/keygroups", api_keygroups, R(ROLE_MANAGER) | R(ROLE_SENCO)},              \
	{"POST", "/api/v1/plans", api_plan_propose, R(ROLE_MANAGER)},                              \
	{"GET", "/api/v1/plans/:id", api_plan_get, R(ROLE_MANAGER)},                               \
	{"POST", "/api/v1/plans/:id/accept", api_plan_accept, R(ROLE_MANAGER)},
/* clang-format on */

#endif
