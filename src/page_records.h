/*
 * page_records.h — the key person's records with the family, on the web:
 * the daily diary (a key group's quick entry on a tablet, a child's day,
 * publishing), weekly updates (the key person's drafts, the manager's list
 * of those outstanding), the progress check at two (who is due, the form,
 * the printable summary, sharing with the health visitor), progress
 * meetings, and transitions with the transfer record; and the JSON API of
 * the diary and the transfer record. Handlers, their routes, and the
 * helpers the files share (page_records.c). Parents never reach these
 * routes: their view is the portal.
 */
#ifndef KW_PAGE_RECORDS_H
#define KW_PAGE_RECORDS_H

#include "audit.h"
#include "authz.h"
#include "page_day.h"
#include "pages.h"

/* "Preferred Last" of a child of the setting, or NULL when there is none. */
const char *records_child_name(struct web *w, int64_t child_id);
/* Roll back and answer e (the page's own error page). */
int records_refuse(struct web *w, const struct op_error *e);
/* Put e on the page as the field error (422/409 re-render the form). */
void records_field_error(struct web *w, const struct op_error *e);
/* The error box at the top of a re-rendered form. */
void records_alert(struct web *w);
/* A child's record pages' links (diary, weekly update, check at two, meetings, transitions). */
void records_child_links(struct web *w, int64_t child_id);
/* A textarea/input field with its label, value and error. */
void records_textarea(struct web *w, const char *name, const char *label, const char *value,
                      int rows);

page_fn page_diary, page_diary_group, page_diary_publish, page_diary_mode, page_child_diary,
    page_child_diary_add, page_weekly, page_child_weekly, page_child_weekly_save, page_twoyear_due,
    page_twoyear, page_twoyear_save, page_twoyear_print, page_twoyear_share, page_meetings,
    page_child_meetings, page_meeting_schedule, page_meeting_record, page_transitions,
    page_transition_add, page_transition_note, page_transition_visit, page_transition_apply,
    page_transfer, api_diary, api_diary_add, api_transfer;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_RECORDS                                                                             \
	{"GET", "/diary", page_diary, ROLES_STAFF},                                                \
	{"POST", "/diary", page_diary_group, ROLES_STAFF},                                         \
	{"POST", "/diary/publish", page_diary_publish, ROLES_STAFF},                               \
	{"POST", "/diary/settings", page_diary_mode, R(ROLE_MANAGER)},                             \
	{"GET", "/children/:id/diary", page_child_diary, ROLES_STAFF},                             \
	{"POST", "/children/:id/diary", page_child_diary_add, ROLES_STAFF},                        \
	{"GET", "/weekly", page_weekly, ROLES_STAFF},                                              \
	{"GET", "/children/:id/weekly", page_child_weekly, ROLES_STAFF},                           \
	{"POST", "/children/:id/weekly", page_child_weekly_save, ROLES_STAFF},                     \
	{"GET", "/twoyear", page_twoyear_due, ROLES_STAFF},                                        \
	{"GET", "/children/:id/twoyear", page_twoyear, ROLES_STAFF},                               \
	{"POST", "/children/:id/twoyear", page_twoyear_save, ROLES_STAFF},                         \
	{"GET", "/children/:id/twoyear/print", page_twoyear_print, ROLES_STAFF},                   \
	{"POST", "/children/:id/twoyear/share", page_twoyear_share, ROLES_STAFF},                  \
	{"GET", "/meetings", page_meetings, ROLES_STAFF},                                          \
	{"GET", "/children/:id/meetings", page_child_meetings, ROLES_STAFF},                       \
	{"POST", "/children/:id/meetings", page_meeting_schedule, ROLES_STAFF},                    \
	{"POST", "/children/:id/meetings/:id", page_meeting_record, ROLES_STAFF},                  \
	{"GET", "/children/:id/transitions", page_transitions, ROLES_STAFF},                       \
	{"POST", "/children/:id/transitions", page_transition_add, R(ROLE_MANAGER)},               \
	{"POST", "/children/:id/transitions/:id/note", page_transition_note, ROLES_STAFF},         \
	{"POST", "/children/:id/transitions/:id/visits", page_transition_visit, ROLES_STAFF},      \
	{"POST", "/children/:id/transitions/:id/apply", page_transition_apply, R(ROLE_MANAGER)},   \
	{"GET", "/children/:id/transfer", page_transfer, R(ROLE_MANAGER) | R(ROLE_SENCO)},         \
	{"GET", "/api/v1/children/:id/diary", api_diary, ROLES_STAFF},                             \
	{"POST", "/api/v1/children/:id/diary", api_diary_add, ROLES_STAFF},                        \
	{"GET", "/api/v1/children/:id/transfer", api_transfer, R(ROLE_MANAGER) | R(ROLE_SENCO)},
/* clang-format on */

#endif
