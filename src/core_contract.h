/*
 * core_contract.h — the paperwork of a child's place (docs/contracts.md):
 * the contract, funded-place eligibility with the term it starts, funded
 * hours against the hours the register shows the child attended, and the
 * families' termly feedback.
 *
 * Terms start on 1 January, 1 April and 1 September. A funded place starts
 * the term after the child reaches the kind's age (funding_kind.from_months:
 * a child who turns 3 on 31 March is funded from 1 April, one who turns 3 on
 * 1 April from 1 September). Recording a kind is refused (422, field "kind")
 * when the child will not be old enough for it by the next term (the first
 * term start after the day it is recorded), and when the child is already
 * past its age band; it starts on the later of its age term and the start
 * of the term it is recorded in. The kind in force on a day is the latest
 * recorded that starts on or before it.
 *
 * A contract: one per child (saving again changes it), its sessions are the
 * child's attendance pattern (child_attendance), fees per hour, per session
 * or funded hours only, a start date, the date it was signed, and a review
 * date a year after signing (or starting) unless given; a review moves it a
 * year on from the review. The manager's list shows reviews due within
 * CONTRACT_REVIEW_AHEAD_DAYS and those overdue.
 *
 * A week's funded hours are the hours per week of the kind in force on its
 * Monday; attended hours are the register as it stands (corrections
 * applied), each sign-in paired with the next sign-out of the day; a
 * sign-in with no sign-out counts nothing and is reported as open.
 *
 * Feedback: FEEDBACK_Q questions rated 1 to 5 and a comment, one response
 * per family per term: a second response in the same term replaces the
 * first (the family changed their mind; the count stays one per family).
 * The summary gives the count, the families on roll, each question's
 * average and spread, and the comments — with the family's name only when
 * the setting chose named feedback (setting.feedback_anonymous = 0); the
 * anonymous summary orders comments by their text, not by when they came.
 *
 * Writes run in the caller's transaction with their audit row; the caller
 * authorizes (authz_contract_*, authz_feedback_*).
 */
#ifndef KW_CORE_CONTRACT_H
#define KW_CORE_CONTRACT_H

#include "core.h"
#include "valid.h"

#define CONTRACT_REVIEW_AHEAD_DAYS 30
#define CONTRACT_REVIEW_MONTHS 12
#define CONTRACT_WEEKS_SHOWN 6

/* ---- terms ---- */
enum term_season { TERM_SPRING, TERM_SUMMER, TERM_AUTUMN, TERM__MAX };
/* The start of the term day falls in (1 Jan, 1 Apr or 1 Sep of its year). */
int core_contract_term_of(int day);
/* The first term start strictly after day. */
int core_contract_term_after(int day);
enum term_season core_contract_term_season(int term_start);
/* The term a funded place of from_months starts for a child born on dob. */
int core_contract_funding_start(int dob, int from_months);

/* ---- funding kinds and eligibility ---- */
struct funding_kind {
	const char *code, *name;
	int hours, from_months, to_months, working_parents;
};
int core_contract_kinds(struct store *s, struct arena *a, struct funding_kind **out, size_t *n,
                        struct op_error *e) WARN_UNUSED;
/* May a child born on dob be given kind k on day? 0 and *starts_on, or
 * OP_INVALID naming "kind". */
int core_contract_funding_check(const struct funding_kind *k, int dob, int day, int *starts_on,
                                struct op_error *e) WARN_UNUSED;

enum funding_field { FUNDING_KIND, FUNDING_CODE, FUNDING__MAX };
extern const struct field_spec core_funding_fields[FUNDING__MAX];
/* Record kind v[FUNDING_KIND] for child_id on day. */
int core_contract_funding_add(struct store *s, const struct actor *who, int64_t child_id,
                              const struct field_value *v, int day, int64_t *id,
                              struct op_error *e) WARN_UNUSED;

/* ---- the contract ---- */
enum contract_field {
	CONTRACT_START,
	CONTRACT_SIGNED,
	CONTRACT_BASIS,
	CONTRACT_FEE,
	CONTRACT_REVIEW,
	CONTRACT_NOTES,
	CONTRACT__MAX
};
extern const struct field_spec core_contract_fields[CONTRACT__MAX];
extern const struct field_spec core_contract_reviewed_field;
/* Save child_id's contract (a new one, or the changed one). */
int core_contract_save(struct store *s, const struct actor *who, int64_t child_id,
                       const struct field_value *v, struct op_error *e) WARN_UNUSED;
/* The contract was reviewed on day: the next review a year on. 404 without a contract. */
int core_contract_review(struct store *s, const struct actor *who, int64_t child_id, int day,
                         struct op_error *e) WARN_UNUSED;

struct contract_session {
	int weekday, arrive, leave; /* minutes */
};
struct child_funding {
	const char *kind, *name, *code, *recorded_on, *starts_on;
	int hours;
};
struct contract_view {
	int64_t child_id;
	const char *name, *dob;
	int start_day; /* the child's first day at the setting */
	int has_contract;
	int64_t contract_id;
	const char *start, *signed_on, *basis, *notes, *review_on, *reviewed_on; /* "" when none */
	int64_t fee_pence;
	struct contract_session sessions[7];
	size_t nsessions;
	int booked_minutes;            /* a week of the pattern */
	struct child_funding *funding; /* newest first */
	size_t nfunding;
};
/* The child (404 when not of the setting), their contract, pattern and funding. */
int core_contract_load(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                       struct contract_view *v, struct op_error *e) WARN_UNUSED;

struct funding_week {
	int monday;
	char kind[24]; /* the kind in force on the Monday, "" when none */
	int funded_minutes, attended_minutes, booked_minutes;
	int open_entries; /* sign-ins with no sign-out (not counted) */
};
/* Funded against attended hours of child_id in the week from monday. */
int core_contract_week(struct store *s, int64_t setting_id, int64_t child_id, int monday,
                       const char *tz, struct funding_week *w, struct op_error *e) WARN_UNUSED;
/* Under-use and over-use of a week, in minutes (one of them is 0). */
int core_contract_unused(const struct funding_week *w);
int core_contract_beyond(const struct funding_week *w);

struct contract_roll {
	int64_t child_id;
	const char *name, *room, *review_on, *basis; /* "" without a contract */
	const char *funding;                         /* kind in force today, "" */
	int due, overdue;
};
/* Every child on roll on day with their contract's review; *due and
 * *overdue count reviews within CONTRACT_REVIEW_AHEAD_DAYS and past. */
int core_contract_roll(struct store *s, int64_t setting_id, int day, struct arena *a,
                       struct contract_roll **out, size_t *n, int *due, int *overdue,
                       struct op_error *e) WARN_UNUSED;

/* ---- parental feedback ---- */
enum feedback_field {
	FB_SETTLING,
	FB_KEY_PERSON,
	FB_LEARNING,
	FB_FOOD,
	FB_OVERALL,
	FB_COMMENT,
	FB__MAX
};
#define FEEDBACK_Q FB_COMMENT /* the questions rated 1..5 come first */
extern const struct field_spec core_feedback_fields[FB__MAX];
/* Save family_id's answers for the term of term_start (*replaced: 1 when
 * they replace the family's earlier answers of that term). */
int core_feedback_save(struct store *s, const struct actor *who, int64_t family_id,
                       int64_t contact_id, int term_start, const struct field_value *v,
                       int *replaced, struct op_error *e) WARN_UNUSED;
/* The family's answers of a term: 1 when they answered (rating[], comment), else 0. */
int core_feedback_get(struct store *s, int64_t setting_id, int64_t family_id, int term_start,
                      struct arena *a, int rating[FEEDBACK_Q], const char **comment);

struct feedback_comment {
	const char *text, *family; /* family "" when anonymous */
};
struct feedback_summary {
	int term_start, anonymous;
	int count, families;
	double average[FEEDBACK_Q];
	int spread[FEEDBACK_Q][5]; /* how many chose 1..5 */
	struct feedback_comment *comments;
	size_t ncomments;
	int *terms; /* the terms with answers, newest first */
	size_t nterms;
};
int core_feedback_summary(struct store *s, int64_t setting_id, int term_start, struct arena *a,
                          struct feedback_summary *out, struct op_error *e) WARN_UNUSED;
int core_feedback_anonymous(struct store *s, int64_t setting_id);
int core_feedback_set_anonymous(struct store *s, const struct actor *who, int anonymous,
                                struct op_error *e) WARN_UNUSED;

/* The demo: contracts for every child (one review overdue, some due), the
 * funding their ages allow, the funded children's register for the
 * CONTRACT_WEEKS_SHOWN - 1 weeks before the week of start (some collected
 * early, some late), and feedback from some families this term and last. */
int core_contract_demo(struct store *s, const struct actor *who, int start,
                       struct op_error *e) WARN_UNUSED;

#endif
