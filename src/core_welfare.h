/*
 * core_welfare.h — welfare patterns that must reach the right person
 * (issue 8; docs/welfare.md). Read from the records the setting already
 * keeps, never stored: each visit of the welfare page works them out again.
 *
 * Absence (for the manager and the DSL), from the register's absence
 * records (child_absence: the family's notice, or the follow-up of a child
 * not in) and sign-ins:
 *   - repeated: at least rules.repeated_absences absences recorded within
 *     the last rules.repeated_weeks weeks (today and the 7 * weeks - 1 days
 *     before it);
 *   - prolonged: a run of the child's expected days (attendance pattern or
 *     booking, between start and leaving dates) each with an absence
 *     recorded, at least rules.prolonged_days long, or spanning at least
 *     rules.prolonged_calendar_days calendar days from its first to its last
 *     absence (a child who comes one day a week is off for weeks before five
 *     of their days go by); an expected day with no absence recorded ends a
 *     run, except today, which may still be followed up. Runs ending within
 *     the repeated window are listed;
 *   - not followed up: a day of the window that is over (today counts once
 *     the setting has closed) on which the register was kept (anyone signed
 *     in), the child was expected, was not signed in, and no absence was
 *     recorded: nobody found out why.
 * Development (for the SENCo): the child's latest check at two records a
 * prime area (PSED, CL, PD) as less than expected; or the two latest held
 * progress meetings (reviews) that assessed an area both record it as less
 * than expected. Children who have left are not listed.
 *
 * The thresholds are the setting's (table welfare_rule; the defaults are
 * 3 absences in 4 weeks, 5 expected days, 10 calendar days), changed by the
 * manager through core_welfare_rules_set, validated by
 * core_welfare_rule_fields.
 */
#ifndef KW_CORE_WELFARE_H
#define KW_CORE_WELFARE_H

#include "arena.h"
#include "core.h"
#include "valid.h"

struct welfare_rules {
	int repeated_absences, repeated_weeks, prolonged_days, prolonged_calendar_days;
};
extern const struct welfare_rules core_welfare_defaults;

enum welfare_rule_field {
	WELFARE_REPEATED_ABSENCES,
	WELFARE_REPEATED_WEEKS,
	WELFARE_PROLONGED_DAYS,
	WELFARE_PROLONGED_CALENDAR_DAYS,
	WELFARE_RULE__MAX
};
extern const struct field_spec core_welfare_rule_fields[WELFARE_RULE__MAX];
extern const char *const core_welfare_rule_labels[WELFARE_RULE__MAX];

int core_welfare_rules_get(struct store *s, int64_t setting_id, struct welfare_rules *out,
                           struct op_error *e) WARN_UNUSED;
/* Set the thresholds (v validated against core_welfare_rule_fields, all
 * present), in the caller's transaction, audited "welfare.rules". */
int core_welfare_rules_set(struct store *s, const struct actor *who, const struct field_value *v,
                           struct op_error *e) WARN_UNUSED;

enum welfare_kind {
	WELFARE_REPEATED,
	WELFARE_PROLONGED,
	WELFARE_NOT_FOLLOWED_UP,
	WELFARE_TWO_YEAR_CHECK,
	WELFARE_REVIEWS,
	WELFARE_KIND__MAX
};
extern const char *const core_welfare_kind_names[WELFARE_KIND__MAX];

struct welfare_flag {
	enum welfare_kind kind;
	int64_t child_id;
	const char *code, *name, *room;
	int from, to;      /* days: first and last absence; the day not followed up; the reviews */
	int count;         /* absences (repeated); expected days (prolonged) */
	int calendar_days; /* prolonged: to - from + 1 */
	int unexplained;   /* repeated: of them recorded as unexplained */
	const char *areas; /* development: "PSED, CL" */
};

/* The absence patterns on day, at minute of the local day (for "the day is
 * over"), by kind then child. The array and strings live in a. */
int core_welfare_absence(struct store *s, int64_t setting_id, int day, int minute,
                         const struct welfare_rules *rules, struct arena *a,
                         struct welfare_flag **out, size_t *n, struct op_error *e) WARN_UNUSED;
/* The development patterns of the children attending on day. */
int core_welfare_development(struct store *s, int64_t setting_id, int day, struct arena *a,
                             struct welfare_flag **out, size_t *n, struct op_error *e) WARN_UNUSED;

/* The prime-area levels a held meeting (a review) recorded: each "" (not
 * assessed), "expected", "less_than_expected" or "above"; NULL is "". In
 * the caller's transaction, audited with the meeting. */
extern const char *const core_welfare_levels[]; /* NULL-terminated, "" first */
int core_welfare_review_levels(struct store *s, const struct actor *who, int64_t meeting_id,
                               int64_t child_id, const char *psed, const char *cl, const char *pd,
                               struct op_error *e) WARN_UNUSED;

/* The demo: a child with repeated absence (one unexplained, followed up), in
 * the caller's transaction; and a check at two below expected in CL. */
int core_welfare_demo(struct store *s, const struct actor *who, int start,
                      struct op_error *e) WARN_UNUSED;

#endif
