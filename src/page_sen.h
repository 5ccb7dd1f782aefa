/*
 * page_sen.h — SEN, behaviour and staff supervision on the web (docs/sen.md):
 * the SENCo's SEN register (page_sen.c), a child's SEN page (status, plans
 * with their reviews, agencies, LSA hours, the one-page profile and its
 * printable view; a parent sees only what was shared with the family), a
 * child's behaviour page and the behaviour overview (page_behaviour.c),
 * supervision (page_supervision.c), and the JSON of a child's SEN records.
 * Access is decided by authz_sen_* and authz_supervision_*; a record the
 * person may not see answers 404, like a missing one.
 */
#ifndef KW_PAGE_SEN_H
#define KW_PAGE_SEN_H

#include "authz.h"
#include "core_sen.h"
#include "pages.h"

/* The links of a child's page to their SEN and behaviour pages (only those
 * the person may open; for a parent, what was shared). */
void page_sen_child_links(struct web *w, int64_t child_id);

/* What the SEN and behaviour pages share (page_sen.c). */
/* The hidden field naming a form, so a re-shown form gets its own values back. */
void sen_form_begin(struct web *w, const char *action, const char *form, const char *legend);
void sen_input(struct web *w, const char *form, const char *name, const char *label,
               const char *type, const char *value);
void sen_textarea(struct web *w, const char *form, const char *name, const char *label);
void sen_select(struct web *w, const char *form, const char *name, const char *label,
                const struct field_spec *f, const char *value);
void sen_checkbox(struct web *w, const char *form, const char *name, const char *label);
void sen_form_end(struct web *w, const char *button);
/* Validate the posted form against spec and run save in a transaction:
 * 0 and redirected when saved; else the status is set and the field named
 * (the caller re-renders its page). */
int sen_post(struct web *w, const struct field_spec *spec, size_t n,
             int (*save)(struct web *w, const struct field_value *v, struct op_error *e));
/* The form appending a review to a plan (kind "sen" or "behaviour"). */
void sen_review_form(struct web *w, int64_t child, const char *kind, int64_t plan);
/* Text with its line breaks kept (escaped). */
void sen_lines(struct web *w, const char *text);

page_fn page_sen_register, page_child_sen, page_child_sen_status, page_child_sen_plan,
    page_child_sen_review, page_child_sen_agency, page_child_sen_lsa, page_child_sen_profile,
    page_child_sen_profile_save, page_behaviour_overview, page_child_behaviour,
    page_child_beh_incident, page_child_beh_plan, page_child_beh_review,
    page_child_beh_intervention, page_supervision, page_staff_supervision,
    page_staff_supervision_add, page_staff_supervision_weeks, api_child_sen;

#define ROLES_SEN_LEADS (R(ROLE_MANAGER) | R(ROLE_SENCO))

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_SEN                                                                                 \
	{"GET", "/sen", page_sen_register, ROLES_SEN_LEADS},                                       \
	{"GET", "/behaviour", page_behaviour_overview, ROLES_SEN_LEADS},                           \
	{"GET", "/supervision", page_supervision, ROLES_STAFF},                                    \
	{"GET", "/children/:id/sen", page_child_sen, ROLES_STAFF | R(ROLE_PARENT)},                \
	{"POST", "/children/:id/sen", page_child_sen_status, ROLES_STAFF},                         \
	{"POST", "/children/:id/sen/plans", page_child_sen_plan, ROLES_STAFF},                     \
	{"POST", "/children/:id/sen/reviews", page_child_sen_review, ROLES_STAFF},                 \
	{"POST", "/children/:id/sen/agencies", page_child_sen_agency, ROLES_STAFF},                \
	{"POST", "/children/:id/sen/lsa", page_child_sen_lsa, ROLES_STAFF},                        \
	{"GET", "/children/:id/sen/profile", page_child_sen_profile, ROLES_STAFF | R(ROLE_PARENT)}, \
	{"POST", "/children/:id/sen/profile", page_child_sen_profile_save, ROLES_STAFF},           \
	{"GET", "/children/:id/behaviour", page_child_behaviour, ROLES_STAFF},                     \
	{"POST", "/children/:id/behaviour/incidents", page_child_beh_incident, ROLES_STAFF},       \
	{"POST", "/children/:id/behaviour/plans", page_child_beh_plan, ROLES_STAFF},               \
	{"POST", "/children/:id/behaviour/reviews", page_child_beh_review, ROLES_STAFF},           \
	{"POST", "/children/:id/behaviour/interventions", page_child_beh_intervention, ROLES_STAFF}, \
	{"GET", "/staff/:id/supervision", page_staff_supervision, ROLES_STAFF},                    \
	{"POST", "/staff/:id/supervision", page_staff_supervision_add, R(ROLE_MANAGER)},           \
	{"POST", "/staff/:id/supervision/schedule", page_staff_supervision_weeks, R(ROLE_MANAGER)}, \
	{"GET", "/api/v1/children/:id/sen", api_child_sen, ROLES_STAFF | R(ROLE_PARENT)},
/* clang-format on */

#endif
