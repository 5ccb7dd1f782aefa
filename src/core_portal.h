/*
 * core_portal.h — what a family does through the parent portal, and the
 * staff's side of it: the thread of messages between a family and the key
 * person (one per child; a family's message is unanswered until a member
 * of staff writes in the thread after it), absence notifications ("off
 * sick today": a child_absence row marked notified, and a message in the
 * day's message book so the room knows), the family's own "wow" moments
 * (an observation written by the contact, shared), contact details asked
 * for as a pending change that a manager confirms (applied only then) or
 * declines, the portal language, and staff photos.
 *
 * Each operation runs inside the caller's transaction with its audit row;
 * who may do it is decided in authz.c before it is called.
 */
#ifndef KW_CORE_PORTAL_H
#define KW_CORE_PORTAL_H

#include "core.h"
#include "valid.h"

#define PORTAL_TEXT_MAX 4000
#define PORTAL_ABSENCE_DAYS_AHEAD 56

/* A message in a child's thread from a contact (contact_id) or a member of
 * staff (staff_id): exactly one of them set. */
int core_portal_message_add(struct store *s, const struct actor *who, int64_t child_id,
                            int64_t contact_id, int64_t staff_id, const char *text, int64_t *id,
                            struct op_error *e) WARN_UNUSED;

/* The family tells the setting the child is not coming on day (today up to
 * PORTAL_ABSENCE_DAYS_AHEAD days on): reason one of portal_absence_reasons.
 * Refused (409, "date") when the child is signed in that day or an absence
 * is recorded already. author is the contact's name, for the message book. */
extern const char *const portal_absence_reasons[];
int core_portal_absence(struct store *s, const struct actor *who, int64_t child_id,
                        const char *author, int day, int today, const char *reason,
                        const char *note, int64_t *id, struct op_error *e) WARN_UNUSED;

/* A "wow" moment from home: an observation of child_id by contact_id, shared. */
int core_portal_wow_add(struct store *s, const struct actor *who, int64_t child_id,
                        int64_t contact_id, int day, const char *text, int64_t *id,
                        struct op_error *e) WARN_UNUSED;

/* The family's own view of a settling-in visit of child_id (replacing what
 * they wrote before); 404 for a visit of another child. */
int core_portal_settling_view(struct store *s, const struct actor *who, int64_t child_id,
                              int64_t visit_id, int64_t contact_id, const char *text,
                              struct op_error *e) WARN_UNUSED;
/* What the family wrote of a visit, when and who ("" and 0 when nothing). */
void core_portal_settling_view_get(struct store *s, int64_t setting_id, int64_t child_id,
                                   int64_t visit_id, struct arena *a, const char **text,
                                   int64_t *at, const char **by);

/* The demo: the family of the first settling-in visit wrote their view of it. */
int core_portal_settling_demo(struct store *s, const struct actor *who,
                              struct op_error *e) WARN_UNUSED;

/* The family's reply to a shared observation of child_id. */
int core_portal_observation_reply(struct store *s, const struct actor *who, int64_t observation_id,
                                  int64_t child_id, int64_t contact_id, const char *text,
                                  int64_t *id, struct op_error *e) WARN_UNUSED;

enum portal_contact_field {
	PCONTACT_PHONE,
	PCONTACT_EMAIL,
	PCONTACT_ADDRESS,
	PCONTACT_METHOD,
	PCONTACT_TIME,
	PCONTACT__MAX
};
extern const struct field_spec core_portal_contact_fields[PCONTACT__MAX];
/* Ask for contact_id's details to become v (validated): a pending change. */
int core_portal_contact_change(struct store *s, const struct actor *who, int64_t contact_id,
                               const struct field_value *v, int64_t *id,
                               struct op_error *e) WARN_UNUSED;
/* A manager confirms (the contact is changed) or declines a pending change:
 * 404 when there is none such in the setting, 409 when already decided. */
int core_portal_contact_decide(struct store *s, const struct actor *who, int64_t change_id,
                               int confirm, struct op_error *e) WARN_UNUSED;

/* The language a contact reads the portal in ("en", "pl"). */
int core_portal_language_set(struct store *s, const struct actor *who, int64_t contact_id,
                             const char *code, struct op_error *e) WARN_UNUSED;

/* A member of staff's photo (checked and cleaned as core_photo.h says). */
int core_portal_staff_photo_set(struct store *s, const struct actor *who, int64_t staff_id,
                                const unsigned char *bytes, size_t n,
                                struct op_error *e) WARN_UNUSED;

/* The demo's portal: a short thread between contact 1 and their child's
 * key person (Sarah Clarke, S04, who joins the child's room and becomes the
 * key person three weeks before start: the demo's key person sign-in then
 * has a family to answer), a published diary for today and yesterday, and
 * one pending contact change. Inside the demo's transaction. */
int core_portal_demo(struct store *s, const struct actor *who, int start,
                     struct op_error *e) WARN_UNUSED;

#endif
