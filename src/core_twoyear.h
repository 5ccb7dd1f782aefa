/*
 * core_twoyear.h — the progress check at two (EYFS 2024: 2.6): due when the
 * child is between two and three (24 to 35 whole months; listed ahead from
 * three months before the second birthday), written by the key person as a
 * short summary for the parents of progress in the prime areas
 * (Communication and Language, Physical Development, Personal, Social and
 * Emotional Development: a level and words for each), strengths, any area
 * of less than expected progress and what the setting will do, and the
 * parents' view. A check is a draft until it is made final (then it is
 * what the parents see, and it is not changed). The setting shares it with
 * the health visitor, for the integrated review at 2 to 2½, only with the
 * family's consent in force (consent kind share_health_visitor); the
 * sharing is recorded (shared_health_visitor_at) and audited.
 */
#ifndef KW_CORE_TWOYEAR_H
#define KW_CORE_TWOYEAR_H

#include "core.h"
#include "date.h"
#include "valid.h"

#define TWOYEAR_FROM_MONTHS 24
#define TWOYEAR_UNTIL_MONTHS 36 /* the third birthday: no longer due */
#define TWOYEAR_AHEAD_MONTHS 3

enum twoyear_field {
	TWOYEAR_DATE,
	TWOYEAR_CL_LEVEL,
	TWOYEAR_CL_TEXT,
	TWOYEAR_PD_LEVEL,
	TWOYEAR_PD_TEXT,
	TWOYEAR_PSED_LEVEL,
	TWOYEAR_PSED_TEXT,
	TWOYEAR_STRENGTHS,
	TWOYEAR_CONCERNS,
	TWOYEAR_STRATEGIES,
	TWOYEAR_PARENT_VIEW,
	TWOYEAR__MAX
};
extern const struct field_spec core_twoyear_fields[TWOYEAR__MAX];
/* Words for a level: "expected" -> "Progress as expected", … */
const char *core_twoyear_level_words(const char *level);

struct twoyear {
	int64_t id; /* 0: no check yet */
	int64_t staff_id;
	const char *staff;
	const char *value[TWOYEAR__MAX]; /* as stored, by field */
	const char *status;              /* draft, final */
	int64_t shared_at;
};

int core_twoyear_latest(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                        struct twoyear *out, struct op_error *e) WARN_UNUSED;
/* Save the child's draft (a new one when there is none); with finalise it
 * becomes final. 409 when the check is final already. */
int core_twoyear_save(struct store *s, const struct actor *who, int64_t child_id, int64_t staff_id,
                      const struct field_value *v, int finalise, int64_t *id,
                      struct op_error *e) WARN_UNUSED;
/* Is a consent of kind in force for the child on day? */
int core_consent_in_force(struct store *s, int64_t setting_id, int64_t child_id, const char *kind,
                          int day);
/* Share the final check with the health visitor: 409 without the family's
 * consent in force or before the check is final. */
int core_twoyear_share(struct store *s, const struct actor *who, int64_t child_id, int day,
                       struct op_error *e) WARN_UNUSED;

struct twoyear_due {
	int64_t child_id, key_person_id;
	const char *child, *dob, *room, *key_person;
	int months;         /* age in whole months today */
	const char *due_on; /* the second birthday */
	int ahead;          /* not yet two: due within TWOYEAR_AHEAD_MONTHS */
	const char *status; /* "", draft, final */
	/* The health visitor's integrated review (hv_review, "" when not known):
	 * with one, the check is due in the weeks before it — due_on is then the
	 * review less FAMILY_CHECK_BEFORE_REVIEW_DAYS, and the child is listed
	 * ahead until six weeks before the review. */
	const char *review_on;
};
/* Children due on day (24 to 35 months) and those turning two within three
 * months; a review date moves a child's due date to the weeks before it. */
int core_twoyear_due(struct store *s, int64_t setting_id, int day, struct arena *a,
                     struct twoyear_due **out, size_t *n, struct op_error *e) WARN_UNUSED;

#endif
