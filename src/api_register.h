/*
 * api_register.h — the daily register as JSON under /api/v1 (issue 6): the
 * day's register for a date and a room, and signing a child or a member of
 * staff in and out, through the same core operations (core_register.h) and
 * the same authorization (authz_register_child, authz_register_staff) as
 * the register page. Bodies are JSON objects of the field table in
 * api_register.c; a bad field is 422 naming it, nothing written.
 *
 *   GET  /api/v1/register?date=&room=       core_register_json, children one may see
 *   POST /api/v1/register/children/:id      {"event": "in"|"out", "date"?, "at"?,
 *                                           "collected_by"?, "collected_by_name"?,
 *                                           "reason"?, "password"?, "note"?}
 *   POST /api/v1/register/staff/:id         {"event": "in"|"out", "date"?, "at"?}
 *
 * "date" defaults to today and "at" (HH:MM) to now, only on today's register
 * (another day needs the time). 201 {"id", "event", "date", "at"}.
 */
#ifndef KW_API_REGISTER_H
#define KW_API_REGISTER_H

#include "authz.h"
#include "pages.h"

page_fn api_register_day, api_register_child, api_register_staff;

/* clang-format off */
#define ROUTES_API_REGISTER                                                                        \
	{"GET", "/api/v1/register", api_register_day, ROLES_STAFF},                                \
	{"POST", "/api/v1/register/children/:id", api_register_child, ROLES_STAFF},                \
	{"POST", "/api/v1/register/staff/:id", api_register_staff, ROLES_STAFF},
/* clang-format on */

#endif
