/*
 * planner_options.h — every tunable of the planner in one X-macro table,
 * as Kissat does: OPTION(name, default, low, high, "description").
 * Efforts are budgets (iterations, nodes), so a run is deterministic for a
 * seed; only the caller's time limit can make it depend on the machine.
 * struct planner_tunables holds one field per row; planner_tunables_init()
 * fills the defaults.
 */
#ifndef KW_PLANNER_OPTIONS_H
#define KW_PLANNER_OPTIONS_H

#define PLANNER_OPTIONS                                                                            \
	OPTION(ls_rounds, 60, 0, 100000, "iterated local search rounds after the first descent")   \
	OPTION(guided_kicks, 200, 0, 1000000,                                                      \
	       "kicks guided by reduced costs after the root bound")                               \
	OPTION(kick_moves, 6, 1, 1000, "random reassignments per perturbation kick")               \
	OPTION(flow_moves, 3, 0, 3,                                                                \
	       "flow moves: 1 every primary or secondary at once, 2 and 3 also with the other "    \
	       "role re-chosen")                                                                   \
	OPTION(swap_moves, 1, 0, 1, "try primary/secondary swaps between two children")            \
	OPTION(lagr_iters, 100, 0, 1000000, "subgradient iterations at the root")                  \
	OPTION(lagr_bundle_iters, 1000, 0, 1000000,                                                \
	       "bundle-method iterations at the root after the subgradient")                       \
	OPTION(lagr_bundle, 100, 4, 1000, "cuts kept by the bundle method")                        \
	OPTION(lagr_work, 300000000, 1, 4000000000L,                                               \
	       "root budget of the subgradient and of the bundle, each: iterations x entries")     \
	OPTION(lagr_theta, 100, 1, 200, "Polyak step factor towards the incumbent, percent")       \
	OPTION(lagr_deflect, 150, 0, 200, "deflection of the subgradient direction, percent")      \
	OPTION(lagr_stall, 200, 1, 100000,                                                         \
	       "subgradient iterations without progress before the step shrinks")                  \
	OPTION(lagr_shrink, 80, 1, 100, "step factor kept (percent) when the subgradient stalls")  \
	OPTION(lagr_node_iters, 60, 1, 100000, "subgradient iterations per branch-and-bound node") \
	OPTION(lagr_heur_every, 100, 1, 100000, "Lagrangian repair heuristic every N iterations")  \
	OPTION(bb_work, 3000000, 0, 4000000000L,                                                   \
	       "branch-and-bound budget: nodes x (child, pair) entries")                           \
	OPTION(bb_nodes, 200000, 0, 100000000, "branch-and-bound node budget")                     \
	OPTION(restarts, 1, 0, 1000, "greedy restarts with different random tie-breaks")

struct planner_tunables {
#define OPTION(name, def, lo, hi, desc) long name;
	PLANNER_OPTIONS
#undef OPTION
};

void planner_tunables_init(struct planner_tunables *t);

#endif
