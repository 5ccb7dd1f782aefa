/*
 * page_setup.h — the handlers and routes of setting set-up (rooms, staff, children, contacts, CSV
 * import), the child's page, the family page for parents, and user administration.
 *
 * The module is split by page: page_setup.c holds what the pages share
 * (forms drawn from the field tables of valid.h, dates of a week, ages),
 * page_setup_rooms.c, page_setup_staff.c, page_setup_children.c (the list
 * and enrolment), page_setup_child.c (one child's page and /family),
 * page_setup_import.c and page_setup_users.c the pages themselves. Every
 * write goes through a core operation inside one transaction (its audit
 * row with it); every child shown passes authz_child first.
 */
#ifndef KW_PAGE_SETUP_H
#define KW_PAGE_SETUP_H

#include "authz.h"
#include "pages.h"
#include "valid.h"

page_fn page_setup_rooms, page_setup_room_add, page_setup_staff, page_setup_staff_new,
    page_setup_staff_add, page_setup_staff_one, page_setup_staff_absence, page_setup_children,
    page_setup_child_new, page_setup_child_add, page_setup_child, page_setup_contact_new,
    page_setup_contact_add, page_setup_consent_add, page_setup_consent_withdraw,
    page_setup_child_photo, page_setup_child_photo_set, page_setup_import_form, page_setup_import,
    page_setup_users, page_setup_user_add, page_setup_user_disable, page_setup_user_reset;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define SETUP_USER_ADMINS (R(ROLE_ADMIN) | R(ROLE_MANAGER))
#define ROUTES_SETUP                                                                               \
	{"GET", "/rooms", page_setup_rooms, R(ROLE_MANAGER)},                                      \
	{"POST", "/rooms", page_setup_room_add, R(ROLE_MANAGER)},                                  \
	{"GET", "/staff", page_setup_staff, R(ROLE_MANAGER)},                                      \
	{"GET", "/staff/new", page_setup_staff_new, R(ROLE_MANAGER)},                              \
	{"POST", "/staff", page_setup_staff_add, R(ROLE_MANAGER)},                                 \
	{"GET", "/staff/:id", page_setup_staff_one, R(ROLE_MANAGER)},                              \
	{"POST", "/staff/:id/absences", page_setup_staff_absence, R(ROLE_MANAGER)},                \
	{"GET", "/children", page_setup_children, ROLES_STAFF},                                    \
	{"GET", "/children/new", page_setup_child_new, R(ROLE_MANAGER)},                           \
	{"POST", "/children", page_setup_child_add, R(ROLE_MANAGER)},                              \
	{"GET", "/children/:id", page_setup_child, ROLES_STAFF | R(ROLE_PARENT)},                  \
	{"GET", "/children/:id/contacts/new", page_setup_contact_new, R(ROLE_MANAGER)},            \
	{"POST", "/children/:id/contacts", page_setup_contact_add, R(ROLE_MANAGER)},               \
	{"POST", "/children/:id/consents", page_setup_consent_add, R(ROLE_MANAGER)},               \
	{"GET", "/children/:id/photo", page_setup_child_photo, ROLES_STAFF | R(ROLE_PARENT)},      \
	{"POST", "/children/:id/photo", page_setup_child_photo_set, R(ROLE_MANAGER)},              \
	{"POST", "/children/:id/consents/:id/withdraw", page_setup_consent_withdraw,                \
	 R(ROLE_MANAGER)},                                                                         \
	{"GET", "/import", page_setup_import_form, R(ROLE_MANAGER)},                               \
	{"POST", "/import", page_setup_import, R(ROLE_MANAGER)},                                   \
	{"GET", "/admin/users", page_setup_users, SETUP_USER_ADMINS},                              \
	{"POST", "/admin/users", page_setup_user_add, SETUP_USER_ADMINS},                          \
	{"POST", "/admin/users/:id/disable", page_setup_user_disable, SETUP_USER_ADMINS},          \
	{"POST", "/admin/users/:id/reset", page_setup_user_reset, SETUP_USER_ADMINS},
/* clang-format on */

/* ---- forms drawn from a field table (page_setup.c) ---- */

enum setup_input {
	SETUP_TEXT,   /* one line of text */
	SETUP_DATE,   /* a date (the browser's date picker) */
	SETUP_NUMBER, /* a whole number within the field's limits */
	SETUP_SPAN,   /* HH:MM-HH:MM */
	SETUP_CHECK,  /* yes or no as a checkbox: not ticked is "no" */
	SETUP_SELECT, /* one of options */
	SETUP_ROOM,   /* a room of the setting, by name */
	SETUP_STAFF,  /* a member of staff, by code */
	SETUP_TEL,
	SETUP_EMAIL,
};

struct setup_input_def {
	int field; /* index into the form's field table */
	const char *label;
	const char *hint; /* NULL, or a short hint under the label */
	enum setup_input kind;
	const char *const *options; /* SETUP_SELECT: value, label, value, label, …, NULL */
	const char *legend;         /* when set, a group (fieldset) with this legend starts here */
};

struct setup_form {
	const struct field_spec *spec; /* the core field table */
	size_t nspec;
	const struct setup_input_def *inputs; /* the fields people fill in, in order */
	size_t ninputs;
};

/* raw[0..nspec) from the request (checkboxes not ticked read "no"). */
void page_setup_form_read(struct web *w, const struct setup_form *f, const char **raw);
/* Validate raw into v; on failure the field's error is set (w->field_error) and -1 returned. */
int page_setup_form_check(struct web *w, const struct setup_form *f, const char *const *raw,
                          struct field_value *v);
/* A core operation refused: set the field's error; returns the HTTP status to answer with. */
int page_setup_form_refused(struct web *w, const struct setup_form *f, const struct op_error *e);
/* The summary of what is wrong, at the top of a form (nothing when all is well). */
void page_setup_form_errors(struct web *w, const struct setup_form *f);
/* Every input of the form, with the values raw (the person's own input, kept). */
void page_setup_form_inputs(struct web *w, const struct setup_form *f, const char *const *raw);
/* The label of a field, or the field's own name when the form has no input for it. */
const char *page_setup_label(const struct setup_form *f, const char *field);

/* ---- small shared helpers (page_setup.c) ---- */

int page_setup_today(struct web *w);
/* The Monday of day's week. */
int page_setup_monday(int day);
/* "2 years 3 months", "9 months" on day. */
const char *page_setup_age(struct web *w, const char *dob, int day);
/* "08:00–16:00" */
const char *page_setup_span(struct web *w, int64_t start, int64_t end);
/* s percent-encoded for a query string value. */
const char *page_setup_url(struct web *w, const char *s);
/* The name of a member of staff of the setting ("" when there is none). */
const char *page_setup_staff_name(struct web *w, int64_t staff_id);
/* "Monday" for 0 … "Sunday" for 6 */
const char *page_setup_weekday(int weekday);
/* "Monday 2 March" */
const char *page_setup_day(struct web *w, int day);
/* Room for element n of an arena array of size-byte elements (grown by doubling). */
void *page_setup_grow(struct web *w, void *arr, size_t *cap, size_t n, size_t size);

struct setup_staff_room {
	int64_t staff_id, room_id;
	const char *room;
};
/* Every (member of staff, room) pair of the setting, by staff, home room first. */
const struct setup_staff_room *page_setup_staff_rooms(struct web *w, size_t *n);

#endif
