/*
 * page_group.h — groups of settings on the web (issue 10): the group
 * dashboard (/group, and GET /api/v1/group) with one line of counts per
 * setting of the groups the person manages — never a child's name or
 * record — and the settings a person holds roles in, with the form that
 * makes one of them current for the session (/settings, POST /setting).
 */
#ifndef KW_PAGE_GROUP_H
#define KW_PAGE_GROUP_H

#include "authz.h"
#include "pages.h"

page_fn page_group, api_group, page_group_settings, page_group_switch;

/* clang-format off */
#define ROUTES_GROUP                                                                               \
	{"GET", "/group", page_group, 0u},                                                         \
	{"GET", "/api/v1/group", api_group, 0u},                                                   \
	{"GET", "/settings", page_group_settings, 0u},                                             \
	{"POST", "/setting", page_group_switch, 0u},
/* clang-format on */

#endif
