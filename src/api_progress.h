/*
 * api_progress.h — the JSON API of the weekly update, the progress check at
 * two and progress meetings (api_progress.c), with the same core operations
 * and authorization as their pages (page_weekly.c, page_twoyear.c,
 * page_meeting.c).
 */
#ifndef KW_API_PROGRESS_H
#define KW_API_PROGRESS_H

#include "authz.h"
#include "pages.h"

page_fn api_weekly, api_weekly_save, api_twoyear, api_twoyear_save, api_twoyear_share, api_meetings,
    api_meeting_schedule, api_meeting_record;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_API_PROGRESS                                                                        \
	{"GET", "/api/v1/children/:id/weekly", api_weekly, ROLES_STAFF},                           \
	{"POST", "/api/v1/children/:id/weekly", api_weekly_save, ROLES_STAFF},                     \
	{"GET", "/api/v1/children/:id/twoyear", api_twoyear, ROLES_STAFF},                         \
	{"POST", "/api/v1/children/:id/twoyear", api_twoyear_save, ROLES_STAFF},                   \
	{"POST", "/api/v1/children/:id/twoyear/share", api_twoyear_share, ROLES_STAFF},            \
	{"GET", "/api/v1/children/:id/meetings", api_meetings, ROLES_STAFF},                       \
	{"POST", "/api/v1/children/:id/meetings", api_meeting_schedule, ROLES_STAFF},              \
	{"POST", "/api/v1/children/:id/meetings/:id", api_meeting_record, ROLES_STAFF},
/* clang-format on */

#endif
