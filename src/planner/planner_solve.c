/*
 * planner_solve.c — one solve from prepared model to result, in this order:
 *   1. planner_infeasible(): proven infeasible instances stop here;
 *   2. greedy constructions with seeded tie-breaks, each followed by descent;
 *   3. the Lagrangian dual at the root, warm-started from the incumbent's
 *      marginal balance costs: a few subgradient steps (planner_bound.c),
 *      then the bundle method (planner_bundle.c) to the precision a proof
 *      needs, both running the Lagrangian heuristic as they go;
 *   4. kicks guided by the reduced costs of those multipliers
 *      (planner_guided.c), then iterated local search if still unproved;
 *   5. branch and bound while bound and incumbent differ (planner_bb.c).
 * Status is "optimal" only when the bound meets the incumbent within 1e-6
 * relative. With no time limit every step runs on budgets, so the result
 * depends only on the instance and the seed.
 */
#include <math.h>
#include <string.h>

#include "planner/planner_solver.h"
#include "util.h"

#define REL_GAP 1e-6

static int proved(const struct planner_solver *sv)
{
	return sv->best && sv->bound >= sv->best_cost - REL_GAP * fmax(1.0, fabs(sv->best_cost));
}

/* Subgradient iterations within a work budget of iterations x entries. */
static long budget(long iters, long work_budget, long work)
{
	return iters > work_budget / work ? work_budget / work + 1 : iters;
}

void planner_result_free(struct planner_result *r)
{
	free(r->primary);
	free(r->secondary);
	memset(r, 0, sizeof *r);
}

void planner_solve(const struct planner_model *m, const struct planner_options *opt,
                   struct planner_result *r)
{
	struct planner_solver sv;
	struct planner_lagr lg;
	int k, s, c;
	long work = 1;

	memset(r, 0, sizeof *r);
	memset(&sv, 0, sizeof sv);
	sv.m = m;
	planner_tunables_init(&sv.t);
	sv.rng = (opt ? opt->seed : 0) ^ 0x6b657977726b6572ull;
	sv.start = planner_now();
	sv.deadline = opt && opt->time_limit_s > 0 ? sv.start + opt->time_limit_s : 0;
	sv.bound = -INFINITY;
	r->bound = -INFINITY;

	if (planner_infeasible(m, r->reason, sizeof r->reason)) {
		r->status = PLANNER_INFEASIBLE;
		goto done;
	}
	for (k = 0; k <= sv.t.restarts && (k == 0 || !planner_time_up(&sv)); k++) {
		struct planner_state st;
		planner_state_init(&st, m);
		planner_search_greedy(&sv, &st);
		planner_offer(&sv, &st);
		planner_state_free(&st);
	}
	planner_lagr_init(&lg, m);
	if (sv.best) {
		/* warm start: multipliers = marginal balance cost at the incumbent */
		struct planner_state st;
		planner_state_init(&st, m);
		planner_state_load(&st, m, sv.best);
		for (s = 0; s < m->nstaff; s++) {
			lg.lam[s] = m->staff[s].key_person
			                ? m->weight[PC_PRIMARY_BALANCE] * 2 *
			                      (st.lp[s] - m->staff[s].target_primary)
			                : 0;
			lg.mu[s] = m->weight[PC_SECONDARY_BALANCE] * 2 *
			           (st.ls[s] - m->staff[s].target_secondary);
		}
		planner_state_free(&st);
	}
	for (c = 0; c < m->nchildren; c++)
		work += (long)planner_room_size(m, c) * planner_room_size(m, c);
	if (!planner_time_up(&sv)) {
		double L = planner_lagr_ascent(&sv, &lg, NULL,
		                               budget(sv.t.lagr_iters, sv.t.lagr_work, work));
		if (L > sv.bound)
			sv.bound = L;
		if (!proved(&sv) && sv.t.lagr_bundle_iters > 0 && !planner_time_up(&sv)) {
			L = planner_lagr_bundle(
			    &sv, &lg, NULL, budget(sv.t.lagr_bundle_iters, sv.t.lagr_work, work));
			if (L > sv.bound)
				sv.bound = L;
		}
	}
	if (!proved(&sv) && sv.t.guided_kicks > 0 && !planner_time_up(&sv))
		planner_search_guided(&sv, &lg, sv.t.guided_kicks);
	if (!proved(&sv))
		planner_search_ils(&sv, sv.t.ls_rounds);
	if (!proved(&sv) && sv.best && !planner_time_up(&sv))
		planner_bb(&sv, &lg);
	planner_lagr_free(&lg);

	if (!sv.best) {
		r->status = PLANNER_INFEASIBLE;
		snprintf(
		    r->reason, sizeof r->reason,
		    "cap: no plan within the caps was found%s (not proved infeasible: the caps of "
		    "primaries, secondaries and pairs each allow every child, but not found "
		    "together)",
		    sv.timed_out ? " before the time limit" : "");
		goto done;
	}
	r->primary = xcalloc((size_t)m->nchildren + 1, sizeof(int));
	r->secondary = xcalloc((size_t)m->nchildren + 1, sizeof(int));
	for (c = 0; c < m->nchildren; c++) {
		const struct planner_room *room = &m->rooms[m->children[c].room];
		r->primary[c] = room->staff[sv.best[c] / room->nstaff];
		r->secondary[c] = room->staff[sv.best[c] % room->nstaff];
	}
	planner_score(m, r->primary, r->secondary, r->comp, &r->total);
	r->bound = sv.bound;
	if (r->bound > r->total)
		r->bound = r->total;
	r->status = proved(&sv) ? PLANNER_OPTIMAL : PLANNER_FEASIBLE;
done:
	free(sv.best);
	r->stats = sv.stats;
	r->seconds = planner_now() - sv.start;
}
