/*
 * page_day.h — the day's pages on a tablet in the room: the daily register
 * (children and staff signed in and out, collection, corrections, the
 * printable register and CSV, missing children), ratios per room and
 * 15-minute slot, and the message book with handover. The handlers and
 * their routes, the helpers the page files share (page_day.c), and the
 * ratio warning the home page shows.
 */
#ifndef KW_PAGE_DAY_H
#define KW_PAGE_DAY_H

#include "authz.h"
#include "core_message.h"
#include "pages.h"

/* The date of ?date= or a form's date (default today): 0, or -1 with
 * w->field_error set ("date"). *date is the day as YYYY-MM-DD. */
int day_date(struct web *w, int *day, const char **date);
/* The room of ?room= (a name; "" for every room): 0, or -1 with the field error. */
int day_room(struct web *w, const char *room, int64_t *room_id);
/* Minute of the day now when day is today; 1440 for a past day, 0 for a later one. */
int day_now(struct web *w, int day);
/* The day-and-room filter form of a page (GET action). */
void day_filter(struct web *w, const char *action, const char *date, const char *room, int live);
/* Close an input's tag, marking it invalid when the last validation named field. */
void day_invalid(struct web *w, const char *field);
/* The messages of the day a person may see, for child_id (its own, its key
 * group's) and room_id (the room's); 0 to skip either. Rendered as a list. */
void day_messages_for(struct web *w, const struct message *m, size_t n, int64_t child_id,
                      int64_t key_person_id, int64_t room_id);
/* May the signed-in person see message m (authz.c decides)? */
int day_message_visible(struct web *w, const struct message *m);

/* For the manager's home page (nothing for anyone else): a warning when a
 * room is out of ratio now (live) or later today in the plan, and links to
 * the day's pages. day_ratio_warning_room: the same warning for one room
 * the person may see (0 for every room); nothing when all is well. */
void page_day_ratio_warning(struct web *w);
void day_ratio_warning_room(struct web *w, int64_t room_id);

page_fn page_register, page_register_in, page_register_out, page_register_staff_in,
    page_register_staff_out, page_register_correct, page_register_print, page_register_csv,
    page_register_missing, page_register_absent, page_ratios, page_messages, page_message_add,
    page_message_handover, page_message_ack, page_messages_unacknowledged;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_DAY                                                                                 \
	{"GET", "/register", page_register, ROLES_STAFF},                                          \
	{"GET", "/register/print", page_register_print, ROLES_STAFF},                              \
	{"GET", "/register.csv", page_register_csv, ROLES_STAFF},                                  \
	{"GET", "/register/missing", page_register_missing, ROLES_STAFF},                          \
	{"POST", "/register/:id/in", page_register_in, ROLES_STAFF},                               \
	{"POST", "/register/:id/out", page_register_out, ROLES_STAFF},                             \
	{"POST", "/register/:id/absent", page_register_absent, ROLES_STAFF},                       \
	{"POST", "/register/staff/:id/in", page_register_staff_in, ROLES_STAFF},                   \
	{"POST", "/register/staff/:id/out", page_register_staff_out, ROLES_STAFF},                 \
	{"POST", "/register/entries/:id/correct", page_register_correct, ROLES_STAFF},             \
	{"GET", "/ratios", page_ratios, ROLES_STAFF},                                              \
	{"GET", "/messages", page_messages, ROLES_STAFF},                                          \
	{"POST", "/messages", page_message_add, ROLES_STAFF},                                      \
	{"POST", "/messages/handover", page_message_handover, ROLES_STAFF},                        \
	{"GET", "/messages/unacknowledged", page_messages_unacknowledged, R(ROLE_MANAGER)},        \
	{"POST", "/messages/:id/ack", page_message_ack, ROLES_STAFF},
/* clang-format on */

#endif
