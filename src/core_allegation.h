/*
 * core_allegation.h — allegations against a member of staff (issue 8;
 * docs/welfare.md): what was alleged, when it happened, when and by whom it
 * was reported, the member of staff concerned; the referral to the LADO,
 * the notification to Ofsted (due within 14 days of the report:
 * ALLEGATION_OFSTED_DAYS), actions and the outcome, all as addenda —
 * nothing is edited or deleted (the schema's triggers refuse it, as for
 * concerns). Each is kept until the person's 65th birthday or for 10 years
 * from the report, whichever is later (retain_until, worked out when it is
 * recorded from the staff record's date of birth, or the one given with the
 * allegation when the staff record has none).
 *
 * The manager's and the DSL's only, and never the person it is about
 * (authz_allegation): the list leaves out the reader's own, a read of one
 * about the reader is refused like a missing id. Every read is audited
 * ("allegation.list", "allegation.view") in a transaction of its own
 * before anything is returned; audit details never say what was alleged or
 * about whom.
 */
#ifndef KW_CORE_ALLEGATION_H
#define KW_CORE_ALLEGATION_H

#include "arena.h"
#include "core.h"
#include "valid.h"

#define ALLEGATION_OFSTED_DAYS 14
#define ALLEGATION_RETAIN_AGE_MONTHS (65 * 12)
#define ALLEGATION_RETAIN_MONTHS (10 * 12)

enum allegation_field {
	ALLEGATION_STAFF,
	ALLEGATION_ALLEGED,
	ALLEGATION_OCCURRED_ON,
	ALLEGATION_REPORTED_ON,
	ALLEGATION_REPORTED_BY,
	ALLEGATION_STAFF_DATE_OF_BIRTH,
	ALLEGATION_LADO_REFERRED_ON,
	ALLEGATION_OFSTED_NOTIFIED_ON,
	ALLEGATION__MAX
};
extern const struct field_spec core_allegation_fields[ALLEGATION__MAX];

enum allegation_addendum_field {
	ALLEGATION_ADDENDUM_KIND,
	ALLEGATION_ADDENDUM_ON,
	ALLEGATION_ADDENDUM_TEXT,
	ALLEGATION_ADDENDUM__MAX
};
extern const struct field_spec core_allegation_addendum_fields[ALLEGATION_ADDENDUM__MAX];
/* Words for an addendum kind ("lado_referral" -> "Referred to the LADO"). */
const char *core_allegation_kind_words(const char *kind);

/* The retention date of an allegation reported on day about someone born on dob. */
int core_allegation_retain_until(int dob, int reported);

/* Record an allegation (v validated against core_allegation_fields); the
 * LADO and Ofsted dates, when given, become addenda. In the caller's
 * transaction. 422 naming the field: the staff member unknown or the
 * reader themselves, dates in the future or reported before it happened,
 * no date of birth on record and none given. */
int core_allegation_record(struct store *s, const struct actor *who, int64_t my_staff_id,
                           const struct field_value *v, int64_t *id,
                           struct op_error *e) WARN_UNUSED;
int core_allegation_addendum(struct store *s, const struct actor *who, int64_t allegation_id,
                             const struct field_value *v, int64_t *id,
                             struct op_error *e) WARN_UNUSED;

struct allegation_addendum {
	int64_t id;
	const char *kind, *on, *text, *by;
	int64_t created_at;
};

struct allegation {
	int64_t id, staff_id;
	const char *staff, *alleged, *occurred_on, *reported_on, *reported_by, *ofsted_due,
	    *staff_date_of_birth, *retain_until, *recorded_by;
	const char *lado_on, *ofsted_on; /* "" when not yet */
	int outcomes;
	int64_t created_at;
	struct allegation_addendum *addenda; /* core_allegation_get only */
	size_t naddenda;
};

/* Every allegation of the setting but those about my_staff_id, newest
 * first; audited "allegation.list". */
int core_allegation_list(struct store *s, const struct actor *who, int64_t my_staff_id,
                         struct arena *a, struct allegation **out, size_t *n,
                         struct op_error *e) WARN_UNUSED;
/* One allegation with its addenda (404 when missing or about my_staff_id);
 * audited "allegation.view". */
int core_allegation_get(struct store *s, const struct actor *who, int64_t my_staff_id, int64_t id,
                        struct arena *a, struct allegation *out, struct op_error *e) WARN_UNUSED;
/* The member of staff an allegation is about, or 0. */
int64_t core_allegation_staff(struct store *s, int64_t setting_id, int64_t id);
/* Allegations (not about my_staff_id) whose Ofsted notification is overdue on day. */
int64_t core_allegation_overdue(struct store *s, int64_t setting_id, int64_t my_staff_id, int day);

/* The demo: one allegation, reported 16 days before start, referred to the
 * LADO, Ofsted not yet told; in the caller's transaction. */
int core_allegation_demo(struct store *s, const struct actor *who, int start,
                         struct op_error *e) WARN_UNUSED;

#endif
