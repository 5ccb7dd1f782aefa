/*
 * page_obs.h — the pages and JSON of the key person's records
 * (core_observation.h): observations (a form with children, areas, next
 * steps, sharing and photos; one observation; a child's list; the photos),
 * coverage and workload (an SVG map of areas per child, gaps as prompts,
 * each key person's share), all about me and routines, settling-in visits,
 * and planned experiences with the buddy carrying them on while the key
 * person is away. page_obs.c holds the observations, page_obs_coverage.c
 * the coverage, page_obs_care.c all about me, settling in and planning,
 * api_obs.c the JSON. Every decision of who may is authz_observation_* or
 * authz_child.
 */
#ifndef KW_PAGE_OBS_H
#define KW_PAGE_OBS_H

#include "authz.h"
#include "core_observation.h"
#include "pages.h"

/* For the child's page (page_setup_child.c): the routines in force (to
 * whoever sees the child's basics) and links to the child's observations,
 * coverage, all about me and settling in (to those who read the records). */
void page_obs_child_section(struct web *w, int64_t child_id);
/* One observation as a card; link: the date links to the observation's page. */
void page_obs_render(struct web *w, const struct observation *o, int link);
/* The coverage of one child as a small SVG row (page_obs_coverage.c). */
void page_obs_child_coverage(struct web *w, int64_t child_id);
/* ?weeks= (default OBS_WEEKS_DEFAULT): 0, or -1 with the error answered. */
int page_obs_weeks(struct web *w, int *weeks);
/* Which observations the person may read, for core_observation's lists (the
 * answer for each remembered through the request): a context made in the
 * request's arena, and the test that takes it. */
void *page_obs_readable_new(struct web *w);
int page_obs_readable(void *ctx, int64_t observation_id);

page_fn page_obs_list, page_obs_new, page_obs_add, page_obs_one, page_obs_photo, page_obs_child,
    page_obs_coverage, page_obs_coverage_staff, page_obs_about, page_obs_about_save,
    page_obs_settling, page_obs_settling_add, page_obs_settling_note, page_obs_planning,
    page_obs_planning_add, page_obs_planning_done, api_obs_list, api_obs_add, api_obs_one,
    api_obs_child;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_OBS                                                                                 \
	{"GET", "/observations", page_obs_list, ROLES_STAFF},                                      \
	{"GET", "/observations/new", page_obs_new, ROLES_STAFF},                                   \
	{"POST", "/observations", page_obs_add, ROLES_STAFF},                                      \
	{"GET", "/observations/:id", page_obs_one, ROLES_STAFF | R(ROLE_PARENT)},                  \
	{"GET", "/observations/photos/:id", page_obs_photo, ROLES_STAFF | R(ROLE_PARENT)},         \
	{"GET", "/children/:id/observations", page_obs_child, ROLES_STAFF},                        \
	{"GET", "/coverage", page_obs_coverage, ROLES_STAFF},                                      \
	{"GET", "/coverage/staff/:id", page_obs_coverage_staff, ROLES_STAFF},                      \
	{"GET", "/children/:id/about", page_obs_about, ROLES_STAFF},                               \
	{"POST", "/children/:id/about", page_obs_about_save, ROLES_STAFF},                         \
	{"GET", "/children/:id/settling", page_obs_settling, ROLES_STAFF},                         \
	{"POST", "/children/:id/settling", page_obs_settling_add, ROLES_STAFF},                    \
	{"POST", "/children/:id/settling/:id", page_obs_settling_note, ROLES_STAFF},               \
	{"GET", "/planning", page_obs_planning, ROLES_STAFF},                                      \
	{"POST", "/planning", page_obs_planning_add, ROLES_STAFF},                                 \
	{"POST", "/planning/:id/done", page_obs_planning_done, ROLES_STAFF},                       \
	{"GET", "/api/v1/observations", api_obs_list, ROLES_STAFF | R(ROLE_PARENT)},               \
	{"POST", "/api/v1/observations", api_obs_add, ROLES_STAFF},                                \
	{"GET", "/api/v1/observations/:id", api_obs_one, ROLES_STAFF | R(ROLE_PARENT)},            \
	{"GET", "/api/v1/children/:id/observations", api_obs_child, ROLES_STAFF | R(ROLE_PARENT)},
/* clang-format on */

#endif
