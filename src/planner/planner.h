/*
 * planner.h — the key-group planner's public API: the JSON edge.
 *
 * The planner chooses a primary key person and a secondary (buddy) for every
 * child of a setting, following ../shared/planner/SPEC.md (format
 * "keyworker-plan/1"). It is a pure library: no I/O, no database, no global
 * state; a run is deterministic for a given seed unless a time limit cuts
 * the search short. Everything else in src/planner/ is internal.
 */
#ifndef KW_PLANNER_H
#define KW_PLANNER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct planner_options {
	double time_limit_s; /* <= 0: none */
	uint64_t seed;
};

/* Solve the keyworker-plan/1 instance `in`. On success returns 0 and sets
 * *out to the result object of the spec (format, status, assignments in input
 * order, score with every component, bound, seconds, plus "loads",
 * "uncovered" and "stats"). An infeasible instance is a success: status
 * "infeasible", a "reason" naming the room and the rule, assignments [],
 * score and bound null. On malformed input returns -1 and writes a message
 * naming the offending id and key into err. Never crashes on any JSON value. */
int planner_solve_json(const json_t *in, const struct planner_options *opt, json_t **out, char *err,
                       size_t errlen);

/* Score a fixed assignment (array of {child, primary, secondary}) of
 * instance `in` per the spec: returns 0 and sets *score (object with total
 * and every component) and *valid (1/0: caps, eligibility, pairs, locked);
 * -1 with err on malformed input (instance or assignment). */
int planner_score_json(const json_t *in, const json_t *assignments, json_t **score, int *valid,
                       char *err, size_t errlen);

/* Human-readable report of a result (the --explain text) in a newly
 * allocated string (caller frees). Never NULL. */
char *planner_explain(const json_t *in, const json_t *result);

#endif
