/*
 * core_plan.h — the key-group planner on live data: build the planner's
 * instance (SPEC.md, keyworker-plan/1) from the setting's usual week, run
 * it, keep the proposal with its score, and apply an accepted proposal as
 * new key assignments from a date (history kept; each family concerned is
 * told through the outbox).
 */
#ifndef KW_CORE_PLAN_H
#define KW_CORE_PLAN_H

#include <jansson.h>

#include "core.h"

/* The instance for the week from from_day: staff's usual shift per weekday
 * from their contracted pattern, else the rota's most common shift for that
 * weekday over the next four weeks; planned absences ignored; children on
 * roll on from_day with their attendance pattern, siblings (same family, on
 * roll), languages, SEN, and the key assignment in force as `current`. */
int core_plan_instance(struct store *s, int64_t setting_id, int from_day, json_t **instance,
                       struct op_error *e) WARN_UNUSED;

struct plan_summary {
	int64_t id;
	char status[16];
	double total, before, bound; /* before/bound: NAN when not known */
	int children, changes;
};

/* Plan and store the proposal (not applied). *result is the planner's result (caller decrefs).
 * Call it outside a transaction: the planner runs with no lock held, and
 * the proposal is written in a transaction of its own. */
int core_plan_propose(struct store *s, const struct actor *who, int from_day, double time_limit_s,
                      struct plan_summary *sum, json_t **instance, json_t **result,
                      struct op_error *e) WARN_UNUSED;
/* Apply proposal id from from_day: children whose pair changes get new key
 * assignments; returns the number changed in *changed. */
int core_plan_apply(struct store *s, const struct actor *who, int64_t id, int from_day,
                    int *changed, struct op_error *e) WARN_UNUSED;
/* Apply only the named children of proposal id (child codes; n == 0: all)
 * from from_day; the proposal is then applied as a whole (a second
 * acceptance is refused). */
int core_plan_apply_children(struct store *s, const struct actor *who, int64_t id, int from_day,
                             const char *const *children, size_t n, int *changed,
                             struct op_error *e) WARN_UNUSED;

#endif
