/*
 * planner_solver.h — the state shared by the planner's techniques during
 * one solve: the prepared model, tunables, the seeded random generator,
 * the deadline, the incumbent (best plan found), the best proven lower
 * bound, and the statistics counters. A solve owns exactly one
 * struct planner_solver on the stack of planner_solve(); there is no
 * global state.
 *
 * Plans inside the solver are stored per child as an index into the
 * child's cost matrix, a = i*m + j with i, j room-local staff indices
 * (planner_model.h); planner_state (planner_search.c) adds staff loads
 * and the running objective.
 */
#ifndef KW_PLANNER_SOLVER_H
#define KW_PLANNER_SOLVER_H

#include <stdint.h>

#include "planner/planner.h"
#include "planner/planner_model.h"
#include "planner/planner_options.h"

struct planner_stats {
	long ls_descents, ls_moves, ls_kicks, lagr_iters, lagr_heuristic, bb_nodes, bb_pruned,
	    fixed_choices, improvements, flow_moves;
};

struct planner_solver {
	const struct planner_model *m;
	struct planner_tunables t;
	uint64_t rng;
	double start, deadline; /* monotonic seconds; deadline 0: none */
	int timed_out;
	int *best;        /* per child cost index of the incumbent, NULL until one exists */
	double best_cost; /* its objective */
	double bound;     /* best proven lower bound, -INFINITY until one exists */
	struct planner_stats stats;
};

/* The running plan of the local search. */
struct planner_state {
	int *a;                   /* per child cost index, -1 while unassigned */
	int *lp, *ls;             /* primary and secondary load per staff */
	double cost;              /* unary + sibling splits + balance */
	long excess;              /* units over the hard caps (0 for a valid plan) */
	const unsigned char *pin; /* per child: 1 = the search must not move it (NULL: none) */
};

/* A child the search must leave alone: locked, or pinned for the moment. */
static inline int planner_pinned(const struct planner_model *m, const struct planner_state *st,
                                 int c)
{
	return m->children[c].locked || (st->pin && st->pin[c]);
}

enum planner_status { PLANNER_OPTIMAL, PLANNER_FEASIBLE, PLANNER_INFEASIBLE };

struct planner_result {
	enum planner_status status;
	int *primary, *secondary; /* staff indices per child (NULL when infeasible) */
	double comp[PC__MAX], total;
	double bound; /* -INFINITY: none */
	double seconds;
	char reason[512];
	struct planner_stats stats;
};

double planner_now(void);
uint64_t planner_rand(struct planner_solver *sv);
int planner_time_up(struct planner_solver *sv);

/* planner_search.c */
void planner_state_init(struct planner_state *st, const struct planner_model *m);
void planner_state_free(struct planner_state *st);
void planner_state_load(struct planner_state *st, const struct planner_model *m, const int *a);
/* Offer a complete valid state as incumbent; returns 1 when it improved. */
int planner_offer(struct planner_solver *sv, const struct planner_state *st);
/* Greedy construction (children in a seeded order) then local search. */
void planner_search_greedy(struct planner_solver *sv, struct planner_state *st);
/* Best-improvement descent over reassign and swap moves. */
void planner_search_descent(struct planner_solver *sv, struct planner_state *st);
/* Iterated local search from the incumbent for `rounds` kicks. */
void planner_search_ils(struct planner_solver *sv, long rounds);

/* planner_flow.c: re-choose every primary (role 0) or secondary (role 1)
 * at once, optimally for that role (FLOW_FIXED: the other role stays), or
 * with each moved child re-choosing its other role too, priced in one of
 * two ways (planner_flow.c). 1 when the plan improved. */
enum planner_flow_kind { FLOW_FIXED, FLOW_FREED_FORWARD, FLOW_FREED_CENTRAL };
int planner_flow_improve(struct planner_solver *sv, struct planner_state *st, int role,
                         enum planner_flow_kind freed);

/* planner_bound.c */
/* A sparse set of (child, pair) choices: what branch and bound still
 * allows after reduced-cost fixing at the root. */
struct planner_core {
	int *start;   /* per child: first entry; start[nchildren] = entries */
	int *a;       /* index i*m + j into the child's cost matrix */
	int *p, *s;   /* primary and secondary staff */
	double *cost; /* unary cost; INFINITY: excluded in the current node */
};
struct planner_lagr {
	double *lam, *mu; /* multipliers on primary and secondary loads */
	double value;     /* L(lam, mu), a lower bound */
	int *choice;      /* per child cost index chosen by the relaxation */
	int *kp, *ks;     /* staff loads chosen by the relaxation */
	int maxm, maxg;   /* largest room (staff) and sibling group */
	double *scratch;  /* evaluation scratch */
	int *iscratch;
};
void planner_lagr_init(struct planner_lagr *lg, const struct planner_model *m);
void planner_lagr_free(struct planner_lagr *lg);
/* Evaluate L at the current multipliers over every allowed choice (core
 * NULL) or over a branch-and-bound core only. */
double planner_lagr_eval(const struct planner_model *m, struct planner_lagr *lg,
                         const struct planner_core *core);
/* Subgradient ascent; returns the best bound found and leaves the best
 * multipliers in lg. */
double planner_lagr_ascent(struct planner_solver *sv, struct planner_lagr *lg,
                           const struct planner_core *core, long iters);

/* Descent from the relaxed choices, offered as incumbent. */
void planner_lagr_heuristic(struct planner_solver *sv, const struct planner_lagr *lg);

/* planner_bundle.c: proximal bundle ascent from lg's multipliers; returns
 * the bound at the best multipliers, left in lg. */
double planner_lagr_bundle(struct planner_solver *sv, struct planner_lagr *lg,
                           const struct planner_core *core, long iters);

/* planner_guided.c: kicks where the reduced costs say the incumbent is
 * wrong, each followed by descent; up to `rounds` kicks. */
void planner_search_guided(struct planner_solver *sv, const struct planner_lagr *lg, long rounds);

/* planner_feasible.c: 1 and a reason naming room and rule when proven infeasible. */
int planner_infeasible(const struct planner_model *m, char *reason, size_t len);

/* planner_bb.c */
/* Close the gap between incumbent and bound, within the node budget. */
void planner_bb(struct planner_solver *sv, struct planner_lagr *lg);

/* planner_solve.c */
void planner_result_free(struct planner_result *r);
void planner_solve(const struct planner_model *m, const struct planner_options *opt,
                   struct planner_result *r);

#endif
