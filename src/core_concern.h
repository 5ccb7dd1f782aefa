/*
 * core_concern.h — safeguarding concerns (issue 8). Any member of staff
 * reports a concern about a child: what was seen or heard, the child's own
 * words, when, and where on the body when it is about a mark or injury.
 * The reporter is told only that it was received. The designated
 * safeguarding lead (role dsl, the lead and their deputy) reads each
 * child's chronology: the concerns and, as addenda, the actions, referrals
 * (children's services, police, LADO, health), outcomes, corrections and
 * notes. Nothing is edited or deleted: the schema's triggers refuse UPDATE
 * and DELETE of concern and concern_addendum (001_init.sql).
 *
 * The audit rows of this module never hold what a concern says, so the
 * audit page can show them (to the DSL only) without repeating a concern.
 * Every read of a chronology is audited (object_kind "concern") by
 * core_concern_chronology itself, in a transaction of its own; a
 * chronology that cannot be audited is not returned.
 *
 * Step-up: opening a chronology needs the DSL's password again once 15
 * minutes (CONCERN_STEP_UP_IDLE_S) have passed since they last gave it or
 * last used a chronology; both instants live in the session row
 * (step_up_at, step_up_seen_at), not in the process, so any server behind
 * a load balancer answers alike.
 *
 * Who may call what is decided in authz.c (authz_concern_report,
 * authz_concern_read); these operations trust their caller on that.
 */
#ifndef KW_CORE_CONCERN_H
#define KW_CORE_CONCERN_H

#include "arena.h"
#include "core.h"
#include "valid.h"

#define CONCERN_STEP_UP_IDLE_S (15 * 60)

/* Body map regions, front and back; "" is no mark or injury. */
struct concern_region {
	const char *key, *label;
	int back; /* on the back view */
};
extern const struct concern_region core_concern_regions[];
extern const size_t core_concern_nregions;
const char *core_concern_region_label(const char *key); /* "" for "" or unknown */

enum concern_field {
	CONCERN_CHILD,
	CONCERN_DATE,
	CONCERN_TIME,
	CONCERN_SEEN_HEARD,
	CONCERN_CHILD_WORDS,
	CONCERN_BODY_REGION,
	CONCERN__MAX
};
extern const struct field_spec core_concern_fields[CONCERN__MAX];

enum addendum_field {
	ADDENDUM_CONCERN,
	ADDENDUM_KIND,
	ADDENDUM_AGENCY,
	ADDENDUM_TEXT,
	ADDENDUM__MAX
};
extern const struct field_spec core_addendum_fields[ADDENDUM__MAX];

/* Report a concern (validated v of core_concern_fields); not in the future. */
int core_concern_report(struct store *s, const struct actor *who, const struct field_value *v,
                        int64_t *id, struct op_error *e) WARN_UNUSED;
/* Add an addendum to a concern of the setting (a referral names its agency). */
int core_concern_addendum(struct store *s, const struct actor *who, const struct field_value *v,
                          int64_t *id, struct op_error *e) WARN_UNUSED;

struct concern_addendum {
	int64_t id;
	const char *kind, *agency, *text, *by;
	int64_t created_at;
};

struct concern {
	int64_t id, child_id;
	const char *reported_by, *seen_heard, *child_words, *body_region;
	int64_t occurred_at, created_at;
	struct concern_addendum *addenda;
	size_t naddenda;
};

/* The chronology of child_id: concerns by when they happened, each with its
 * addenda in the order written; audited as "concern.chronology.view" and
 * marks the concerns seen by who. Strings live in a. */
int core_concern_chronology(struct store *s, const struct actor *who, int64_t child_id,
                            struct arena *a, struct concern **out, size_t *n,
                            struct op_error *e) WARN_UNUSED;

struct concern_child {
	int64_t child_id;
	const char *name, *room;
	int concerns, unseen;
	int64_t last_at;
};
/* Children with concerns (those with concerns who has not opened first),
 * with counts; audited as "concern.list". */
int core_concern_children(struct store *s, const struct actor *who, struct arena *a,
                          struct concern_child **out, size_t *n, struct op_error *e) WARN_UNUSED;
/* Concerns user_id has not opened yet (the DSL's badge); -1 on failure. */
int64_t core_concern_unseen(struct store *s, int64_t setting_id, int64_t user_id);

/* Is the session's step-up still fresh (given within CONCERN_STEP_UP_IDLE_S,
 * or used since)? When it is, its use is recorded (step_up_seen_at = now). */
int core_concern_step_up_fresh(struct store *s, const char *token_hash);
/* Re-enter the password: 0 and the session stepped up, or 403 on "password". */
int core_concern_step_up(struct store *s, const struct actor *who, const char *token_hash,
                         const char *password, struct op_error *e) WARN_UNUSED;

/* The demo's one concern, reported three days before day (a bruise, with the
 * DSL's action added), in the caller's transaction. */
int core_concern_demo(struct store *s, const struct actor *who, int day,
                      struct op_error *e) WARN_UNUSED;

#endif
