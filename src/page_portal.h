/*
 * page_portal.h — the parent portal ("For parents") and its staff side.
 *
 * For a family (page_portal.c), every word through the message catalogue
 * of portal_text.h in the contact's language: /family (their children, with
 * the key person and buddy), /family/children/:id (today's published diary,
 * shared observations with photos, sent weekly updates, the final progress
 * check at two, coming meetings, the key person and buddy with photo and
 * the days and times they are in this week, the message thread, telling
 * the nursery the child is not coming, a "wow" moment from home, the
 * settling-in visits with the family's own view of each, consents
 * given and withdrawn), one observation, their own contact details (asked
 * for as a change the manager confirms), and the language.
 *
 * For staff (page_portal_staff.c): a child's family thread and the reply
 * form (the key person; the buddy when the key person is not in; managers),
 * the threads waiting for an answer, the contact changes a manager
 * confirms or declines, staff photos.
 *
 * JSON under /api/v1/family (api_portal.c): the same reads, and sending a
 * message or an absence. Every decision is in authz.c; a record the person
 * may not see is the same 404 as a missing one.
 */
#ifndef KW_PAGE_PORTAL_H
#define KW_PAGE_PORTAL_H

#include "authz.h"
#include "pages.h"
#include "portal_text.h"

page_fn page_portal_family, page_portal_language, page_portal_contact, page_portal_contact_ask,
    page_portal_contact_change, page_portal_child, page_portal_message, page_portal_absence,
    page_portal_wow, page_portal_settling_view, page_portal_consent, page_portal_consent_withdraw,
    page_portal_observation, page_portal_observation_reply, page_portal_staff_photo,
    page_portal_staff_photo_set, page_portal_thread, page_portal_thread_reply, page_portal_inbox,
    page_portal_changes, page_portal_change_confirm, page_portal_change_decline,
    api_portal_children, api_portal_child, api_portal_diary, api_portal_observations,
    api_portal_messages, api_portal_message_add, api_portal_message, api_portal_absence;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define PORTAL_FAMILY R(ROLE_PARENT)
#define ROUTES_PORTAL                                                                              \
	{"GET", "/family", page_portal_family, PORTAL_FAMILY},                                     \
	{"POST", "/family/language", page_portal_language, PORTAL_FAMILY},                         \
	{"GET", "/family/contact", page_portal_contact, PORTAL_FAMILY},                            \
	{"POST", "/family/contact", page_portal_contact_ask, PORTAL_FAMILY},                       \
	{"GET", "/family/contact/changes/:id", page_portal_contact_change, PORTAL_FAMILY},         \
	{"GET", "/family/children/:id", page_portal_child, PORTAL_FAMILY},                         \
	{"POST", "/family/children/:id/messages", page_portal_message, PORTAL_FAMILY},             \
	{"POST", "/family/children/:id/absences", page_portal_absence, PORTAL_FAMILY},             \
	{"POST", "/family/children/:id/wow", page_portal_wow, PORTAL_FAMILY},                      \
	{"POST", "/family/children/:id/consents", page_portal_consent, PORTAL_FAMILY},             \
	{"POST", "/family/children/:id/settling/:id", page_portal_settling_view, PORTAL_FAMILY},   \
	{"POST", "/family/children/:id/consents/:id/withdraw", page_portal_consent_withdraw,       \
	 PORTAL_FAMILY},                                                                           \
	{"GET", "/family/observations/:id", page_portal_observation, PORTAL_FAMILY},               \
	{"POST", "/family/observations/:id/replies", page_portal_observation_reply, PORTAL_FAMILY},\
	{"GET", "/staff/:id/photo", page_portal_staff_photo, ROLES_STAFF | PORTAL_FAMILY},         \
	{"POST", "/staff/:id/photo", page_portal_staff_photo_set, R(ROLE_MANAGER)},                \
	{"GET", "/children/:id/thread", page_portal_thread, ROLES_STAFF},                          \
	{"POST", "/children/:id/thread", page_portal_thread_reply, ROLES_STAFF},                   \
	{"GET", "/family-messages", page_portal_inbox, ROLES_STAFF},                               \
	{"GET", "/contact-changes", page_portal_changes, R(ROLE_MANAGER)},                         \
	{"POST", "/contact-changes/:id/confirm", page_portal_change_confirm, R(ROLE_MANAGER)},     \
	{"POST", "/contact-changes/:id/decline", page_portal_change_decline, R(ROLE_MANAGER)},     \
	{"GET", "/api/v1/family/children", api_portal_children, PORTAL_FAMILY},                    \
	{"GET", "/api/v1/family/children/:id", api_portal_child, PORTAL_FAMILY},                   \
	{"GET", "/api/v1/family/children/:id/diary", api_portal_diary, PORTAL_FAMILY},             \
	{"GET", "/api/v1/family/children/:id/observations", api_portal_observations,               \
	 PORTAL_FAMILY},                                                                           \
	{"GET", "/api/v1/family/children/:id/messages", api_portal_messages,                       \
	 ROLES_STAFF | PORTAL_FAMILY},                                                             \
	{"POST", "/api/v1/family/children/:id/messages", api_portal_message_add,                   \
	 ROLES_STAFF | PORTAL_FAMILY},                                                             \
	{"POST", "/api/v1/family/children/:id/absences", api_portal_absence, PORTAL_FAMILY},       \
	{"GET", "/api/v1/family/messages/:id", api_portal_message, ROLES_STAFF | PORTAL_FAMILY},
/* clang-format on */

/* ---- what the portal's files share (page_portal.c) ---- */

/* The family's language (the signed-in contact's), English for staff. */
enum portal_lang portal_lang_me(struct web *w);
/* The text of msg in the person's language. */
const char *portal_t(struct web *w, enum portal_msg msg);
/* The portal's frame in the family's language (lang attribute, skip link,
 * the family's navigation, sign-out). */
void portal_begin(struct web *w, const char *title);
/* A child's name: the preferred name or first name, and the last name. */
const char *portal_child_name(struct web *w, int64_t child_id);
/* A member of staff's photo, or their initials in its place. */
void portal_staff_face(struct web *w, int64_t staff_id, const char *name, int has_photo);
/* On a member of staff's page (managers): their photo as families see it,
 * or their initials, and the form to change it. */
void portal_staff_photo_form(struct web *w, int64_t staff_id, const char *name);
/* For /today: the children whose families said they are not coming (names
 * and reasons of the children the person may see; nothing when none). */
void portal_today_absences(struct web *w, int day);

/* For /family: the family's notices (the new ones marked) and how many of
 * the setting's policies wait for the family's signature (page_policy.c). */
void portal_policy_summary(struct web *w);

#endif
