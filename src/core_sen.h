/*
 * core_sen.h — SEN and behaviour records of a child (docs/sen.md). The SEN
 * register (SEN support or an EHCP, from a date; "none" ends it), the
 * graduated approach's plans (SEN support, EHCP, intimate care) with
 * targets and a review date, reviewed by appending reviews (assess, plan,
 * do, review: never overwritten); agencies involved with their contact and
 * whether the family consented to share; LSA hours a week and who gives
 * them; the one-page profile. Behaviour: incidents (antecedent, behaviour,
 * consequence), plans (pastoral support, risk reduction) with strategies
 * and reviews, interventions. The register of the SENCo and the behaviour
 * overview. The family's view holds only what was shared with them: the
 * targets of shared plans and a shared one-page profile.
 * Callers authorize (authz_sen_*) and open the transaction.
 */
#ifndef KW_CORE_SEN_H
#define KW_CORE_SEN_H

#include "core.h"
#include "valid.h"

enum sen_status_field { SENS_STATUS, SENS_AREA, SENS_FROM, SENS_NOTES, SENS__MAX };
enum sen_plan_field { SENP_KIND, SENP_CREATED, SENP_REVIEW, SENP_TARGETS, SENP_SHARED, SENP__MAX };
enum sen_review_field { SENR_PLAN, SENR_ON, SENR_OUTCOME, SENR_NEXT, SENR__MAX };
enum sen_agency_field { SENA_AGENCY, SENA_NAME, SENA_PHONE, SENA_EMAIL, SENA_CONSENT, SENA__MAX };
enum sen_lsa_field { SENL_STAFF, SENL_HOURS, SENL_FROM, SENL__MAX };
enum sen_profile_field { SENO_LIKED, SENO_IMPORTANT, SENO_SUPPORT, SENO_SHARED, SENO__MAX };
enum beh_incident_field {
	BEHI_DATE,
	BEHI_TIME,
	BEHI_ANTECEDENT,
	BEHI_BEHAVIOUR,
	BEHI_CONSEQUENCE,
	BEHI__MAX
};
enum beh_plan_field { BEHP_KIND, BEHP_STRATEGIES, BEHP_START, BEHP_REVIEW, BEHP__MAX };
enum beh_intervention_field { BEHV_WHAT, BEHV_START, BEHV_REVIEW, BEHV_OUTCOME, BEHV__MAX };

extern const struct field_spec core_sen_status_fields[SENS__MAX];
extern const struct field_spec core_sen_plan_fields[SENP__MAX];
extern const struct field_spec core_sen_review_fields[SENR__MAX];
extern const struct field_spec core_sen_agency_fields[SENA__MAX];
extern const struct field_spec core_sen_lsa_fields[SENL__MAX];
extern const struct field_spec core_sen_profile_fields[SENO__MAX];
extern const struct field_spec core_beh_incident_fields[BEHI__MAX];
extern const struct field_spec core_beh_plan_fields[BEHP__MAX];
extern const struct field_spec core_beh_intervention_fields[BEHV__MAX];

/* Words for a stored value: "sen_support" -> "SEN support", "psp" -> … */
const char *core_sen_words(const char *value);

/* Each writes one record and its audit row (inside the caller's transaction). */
int core_sen_status_set(struct store *s, const struct actor *who, int64_t child_id,
                        const struct field_value *v, struct op_error *e) WARN_UNUSED;
int core_sen_plan_add(struct store *s, const struct actor *who, int64_t child_id,
                      const struct field_value *v, int64_t *id, struct op_error *e) WARN_UNUSED;
/* Append a review to the child's plan (kind "sen" or "behaviour"): 404 when
 * the plan is not the child's; the plan's next review date becomes the
 * review's (none: the plan is closed). */
int core_sen_review_add(struct store *s, const struct actor *who, int64_t child_id,
                        const char *kind, const struct field_value *v,
                        struct op_error *e) WARN_UNUSED;
int core_sen_agency_add(struct store *s, const struct actor *who, int64_t child_id,
                        const struct field_value *v, struct op_error *e) WARN_UNUSED;
int core_sen_lsa_add(struct store *s, const struct actor *who, int64_t child_id,
                     const struct field_value *v, struct op_error *e) WARN_UNUSED;
int core_sen_profile_save(struct store *s, const struct actor *who, int64_t child_id,
                          const struct field_value *v, struct op_error *e) WARN_UNUSED;
/* at: the instant of the incident (the page turns date and time into it). */
int core_beh_incident_add(struct store *s, const struct actor *who, int64_t child_id, int64_t at,
                          const struct field_value *v, struct op_error *e) WARN_UNUSED;
int core_beh_plan_add(struct store *s, const struct actor *who, int64_t child_id,
                      const struct field_value *v, struct op_error *e) WARN_UNUSED;
int core_beh_intervention_add(struct store *s, const struct actor *who, int64_t child_id,
                              const struct field_value *v, struct op_error *e) WARN_UNUSED;

struct sen_plan_row {
	int64_t id;
	const char *kind, *created_on, *review_on, *targets, *outcome;
	int shared;
};
struct sen_review_row {
	const char *kind; /* sen, behaviour */
	int64_t plan_id;
	const char *on, *outcome, *next;
};
struct sen_agency_row {
	const char *agency, *name, *phone, *email;
	int consent;         /* the family consented to share with this agency */
	int consent_on_file; /* health visitor: consent share_health_visitor in force; else -1 */
};
struct sen_lsa_row {
	int64_t staff_id;
	const char *staff, *from;
	double hours;
};
struct beh_incident_row {
	int64_t id, at;
	const char *antecedent, *behaviour, *consequence;
};
struct beh_plan_row {
	int64_t id;
	const char *kind, *strategies, *start, *review, *outcome;
};
struct beh_intervention_row {
	const char *what, *start, *review, *outcome;
};

struct sen_view {
	const char *status, *area, *from, *notes; /* status "" when not on the register */
	struct sen_plan_row *plans;
	size_t nplans;
	struct sen_review_row *reviews;
	size_t nreviews;
	struct sen_agency_row *agencies;
	size_t nagencies;
	struct sen_lsa_row *lsa;
	size_t nlsa;
	double lsa_total;
	int has_profile, profile_shared;
	const char *liked, *important, *support;
	struct beh_incident_row *incidents;
	size_t nincidents;
	struct beh_plan_row *bplans;
	size_t nbplans;
	struct beh_intervention_row *interventions;
	size_t ninterventions;
};

/* The child's SEN and behaviour records on day. With family set, only what
 * was shared with the family: shared plans' targets and a shared profile. */
int core_sen_load(struct store *s, int64_t setting_id, int64_t child_id, int day, int family,
                  struct arena *a, struct sen_view *out, struct op_error *e) WARN_UNUSED;

struct sen_register_row {
	int64_t child_id;
	const char *child, *room, *status, *area, *from, *next_review;
	int overdue; /* the next review is before day */
	double lsa_hours;
};
int core_sen_register(struct store *s, int64_t setting_id, int day, struct arena *a,
                      struct sen_register_row **out, size_t *n, struct op_error *e) WARN_UNUSED;

#define BEH_WINDOW_DAYS 28
#define BEH_DUE_AHEAD_DAYS 14
struct beh_count_row {
	int64_t child_id;
	const char *child, *room;
	int incidents;
};
struct beh_due_row {
	int64_t plan_id, child_id;
	const char *child, *kind, *review;
	int overdue;
};
/* Incidents per child over the BEH_WINDOW_DAYS up to now, and behaviour
 * plans whose review is due by day + BEH_DUE_AHEAD_DAYS. */
int core_beh_overview(struct store *s, int64_t setting_id, int day, int64_t now, struct arena *a,
                      struct beh_count_row **counts, size_t *ncounts, struct beh_due_row **due,
                      size_t *ndue, struct op_error *e) WARN_UNUSED;

/* The demo's SEN and behaviour records and supervisions (core_demo.c). */
int core_sen_demo(struct store *s, const struct actor *who, int today,
                  struct op_error *e) WARN_UNUSED;

#endif
