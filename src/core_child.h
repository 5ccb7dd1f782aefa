/*
 * core_child.h — children on roll (with family, usual attendance and
 * languages), their contacts, consents, and key assignments: the key
 * person (primary) and buddy (secondary) from a date, history kept.
 */
#ifndef KW_CORE_CHILD_H
#define KW_CORE_CHILD_H

#include "core.h"
#include "valid.h"

enum child_field {
	CHILD_ID, /* the setting's own code for the child, e.g. C001 */
	CHILD_FIRST_NAME,
	CHILD_LAST_NAME,
	CHILD_PREFERRED_NAME,
	CHILD_DATE_OF_BIRTH,
	CHILD_ROOM,
	CHILD_FAMILY,
	CHILD_HOME_LANGUAGE,
	CHILD_OTHER_LANGUAGES,
	CHILD_ALLERGIES,
	CHILD_MEDICAL,
	CHILD_DIETARY,
	CHILD_SEN,
	CHILD_FUNDING,
	CHILD_LIVES_WITH,
	CHILD_START_DATE,
	CHILD_LEAVING_DATE,
	CHILD_MON,
	CHILD_TUE,
	CHILD_WED,
	CHILD_THU,
	CHILD_FRI,
	CHILD_SAT,
	CHILD_SUN,
	CHILD_KEY_PERSON, /* staff id (code) */
	CHILD_BUDDY,      /* staff id (code) */
	CHILD__MAX
};
extern const struct field_spec core_child_fields[CHILD__MAX];

int core_child_add(struct store *s, const struct actor *who, const struct field_value *v,
                   int64_t *id, struct op_error *e) WARN_UNUSED;
int64_t core_child_find(struct store *s, int64_t setting_id, const char *code);
/* Family id by name, created when missing. */
int core_family_get(struct store *s, const struct actor *who, const char *name, int64_t *id,
                    struct op_error *e) WARN_UNUSED;

enum contact_field {
	CONTACT_CHILD, /* child id (code): the contact joins that child's family */
	CONTACT_NAME,
	CONTACT_RELATIONSHIP,
	CONTACT_PARENTAL_RESPONSIBILITY,
	CONTACT_MAY_COLLECT,
	CONTACT_EMERGENCY,
	CONTACT_PHONE,
	CONTACT_EMAIL,
	CONTACT_ADDRESS,
	CONTACT_PREFERRED_METHOD,
	CONTACT_PREFERRED_TIME,
	CONTACT_LANGUAGE,
	CONTACT_RESTRICTION,
	CONTACT_RESTRICTION_NOTE,
	CONTACT__MAX
};
extern const struct field_spec core_contact_fields[CONTACT__MAX];
int core_contact_add(struct store *s, const struct actor *who, const struct field_value *v,
                     int64_t *id, struct op_error *e) WARN_UNUSED;

enum consent_field {
	CONSENT_KIND,
	CONSENT_GIVEN,
	CONSENT_CONTACT,
	CONSENT_GIVEN_ON,
	CONSENT_NOTE,
	CONSENT__MAX
};
extern const struct field_spec core_consent_fields[CONSENT__MAX];
/* A consent given or refused for a child, by a contact of the child's family (contact: its id). */
int core_consent_add(struct store *s, const struct actor *who, int64_t child_id,
                     const struct field_value *v, int64_t *id, struct op_error *e) WARN_UNUSED;
/* Withdraw a consent that was given, from day on (history kept). */
int core_consent_withdraw(struct store *s, const struct actor *who, int64_t child_id,
                          int64_t consent_id, int day, struct op_error *e) WARN_UNUSED;

/* Make (primary, secondary) the child's key person and buddy from day on:
 * the assignment in force then ends that day, later ones are replaced. */
int core_key_assign(struct store *s, const struct actor *who, int64_t child_id, int64_t primary,
                    int64_t secondary, int from_day, const char *reason,
                    struct op_error *e) WARN_UNUSED;

/* The member of staff with code may serve a child of room_id (works there; a
 * key person when need_key_person): 0 with *id, or OP_INVALID naming field
 * ("... does not work in <room_words>"). */
int core_child_eligible_staff(struct store *s, int64_t setting_id, const char *code,
                              int64_t room_id, const char *room_words, int need_key_person,
                              const char *field, int64_t *id, struct op_error *e) WARN_UNUSED;

#endif
