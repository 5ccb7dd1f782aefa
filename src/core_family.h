/*
 * core_family.h — family details kept current through the parent portal
 * (issue 9): emergency contacts the family adds or changes (applied at
 * once, and flagged to staff until a member of staff acknowledges the
 * change), the family's health and well-being notes for a day ("teething,
 * Calpol at 7am", flagged to whoever greets the child until acknowledged),
 * the date of the health visitor's integrated review at two (entered by the
 * family or the key person; the progress check at two is due in the weeks
 * before it: core_twoyear_due), and programmes from outside professionals
 * as targets of the child's SEN plan, with who delivers them and how often.
 *
 * Each operation runs inside the caller's transaction with its audit row;
 * who may do it is decided in authz.c before it is called.
 */
#ifndef KW_CORE_FAMILY_H
#define KW_CORE_FAMILY_H

#include "core.h"

#define FAMILY_NOTE_MAX 1000
#define FAMILY_NOTE_DAYS_AHEAD 7
/* The progress check at two is due this many days before the review. */
#define FAMILY_CHECK_BEFORE_REVIEW_DAYS 14

/* Add (contact_id 0) or change an emergency contact of family_id: name,
 * relationship, phone; a family_change row flags it to staff. 404 for a
 * contact that is not an emergency contact of that family (a parent's own
 * row is changed through the contact change a manager confirms). */
int core_family_emergency_set(struct store *s, const struct actor *who, int64_t family_id,
                              int64_t contact_id, const char *name, const char *relationship,
                              const char *phone, int64_t *id, struct op_error *e) WARN_UNUSED;
/* Acknowledge a flagged change: 404 when none such, 409 when already. */
int core_family_change_ack(struct store *s, const struct actor *who, int64_t change_id,
                           struct op_error *e) WARN_UNUSED;

/* A family's note for child_id on day (today up to FAMILY_NOTE_DAYS_AHEAD). */
int core_family_health_note_add(struct store *s, const struct actor *who, int64_t child_id,
                                int64_t contact_id, int day, int today, const char *text,
                                int64_t *id, struct op_error *e) WARN_UNUSED;
int core_family_health_note_ack(struct store *s, const struct actor *who, int64_t note_id,
                                struct op_error *e) WARN_UNUSED;

/* The review's date (as_family: entered by the family, else by staff). */
int core_family_hv_review_set(struct store *s, const struct actor *who, int64_t child_id,
                              const char *date, int as_family, struct op_error *e) WARN_UNUSED;
/* The review's date of a child ("" when none), in out (DATE_LEN). */
void core_family_hv_review_get(struct store *s, int64_t setting_id, int64_t child_id, char *out,
                               size_t n);

enum programme_field {
	PROG_PLAN,
	PROG_PROFESSIONAL,
	PROG_NAME,
	PROG_TARGET,
	PROG_DELIVERED_BY,
	PROG_HOW_OFTEN,
	PROG__MAX
};
extern const char *const family_professionals[];
const char *core_family_professional_words(const char *code);
/* A programme as a target of plan_id (a plan of child_id); raw by field. */
int core_family_programme_add(struct store *s, const struct actor *who, int64_t child_id,
                              const char *const raw[PROG__MAX], int64_t *id,
                              struct op_error *e) WARN_UNUSED;

/* The demo: an emergency contact the family of the first parent added
 * (flagged), that parent's morning note about today, a review date for a
 * child near two, a speech and language programme in the first SEN plan. */
int core_family_demo(struct store *s, const struct actor *who, int start,
                     struct op_error *e) WARN_UNUSED;

#endif
