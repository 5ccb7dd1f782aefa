/*
 * planner_guided.c — local search kicked by reduced costs.
 *
 * With near-optimal multipliers (lam, mu) every plan's objective splits
 * into the bound L plus non-negative slacks: per child, the reduced cost
 * of its pair, cost + lam_P + mu_S, above that child's least one; per
 * staff member, the balance term at its load above the relaxation's best.
 * When the relaxation is tight (on the reference instances it is, to
 * 1e-6), an optimal plan has every slack near zero, so the children whose
 * pair carries a reduced cost are where the incumbent is wrong. Random
 * kicks rarely hit them among hundreds of children; this search kicks
 * exactly those: the child takes its least-reduced-cost pair and is
 * pinned there while descent (with the flow moves) repairs the loads
 * around it, then released for a last descent; the result is kept when it
 * improves the incumbent. Kicked together first (every child with a
 * slack), then one at a time in decreasing order of slack, then in pairs
 * among the largest; the list is renewed after each improvement.
 * (Children of sibling groups are left out: their pair's reduced cost
 * does not count the splits.)
 */
#include <math.h>
#include <string.h>

#include "planner/planner_solver.h"
#include "util.h"

#define EPS 1e-7
#define SLACK_MIN 1e-2 /* reduced costs below this are the dual's rounding */
#define PAIR_TOP 6     /* pairs are kicked among this many largest slacks */

/* Per child: reduced cost of its pair in plan a above its least one, and
 * that least pair in *to. */
static double child_slack(const struct planner_model *m, const struct planner_lagr *lg,
                          const int *a, int c, int *to)
{
	const struct planner_room *room = &m->rooms[m->children[c].room];
	const double *cost = planner_child_cost(m, c);
	int ms = room->nstaff, k;
	double best = INFINITY, here = INFINITY;
	*to = a[c];
	for (k = 0; k < ms * ms; k++) {
		double r;
		if (!isfinite(cost[k]))
			continue;
		r = cost[k] + lg->lam[room->staff[k / ms]] + lg->mu[room->staff[k % ms]];
		if (k == a[c])
			here = r;
		if (r < best - EPS) {
			best = r;
			*to = k;
		}
	}
	return here - best;
}

/* Move the children of `set` to their least-reduced-cost pairs, pinned
 * while descent repairs around them, then released; 1 when that improved
 * the incumbent. */
static int kick(struct planner_solver *sv, struct planner_state *st, const int *set, int nset,
                const int *to, int *a, unsigned char *pin)
{
	const struct planner_model *m = sv->m;
	int k;
	sv->stats.ls_kicks++;
	memcpy(a, sv->best, (size_t)m->nchildren * sizeof *a);
	for (k = 0; k < nset; k++) {
		a[set[k]] = to[set[k]];
		pin[set[k]] = 1;
	}
	planner_state_load(st, m, a);
	st->pin = pin;
	planner_search_descent(sv, st);
	for (k = 0; k < nset; k++)
		pin[set[k]] = 0;
	st->pin = NULL;
	planner_search_descent(sv, st);
	return planner_offer(sv, st);
}

void planner_search_guided(struct planner_solver *sv, const struct planner_lagr *lg, long rounds)
{
	const struct planner_model *m = sv->m;
	int n = m->nchildren, c, k;
	int *order = xcalloc((size_t)n + 1, sizeof *order),
	    *to = xcalloc((size_t)n + 1, sizeof *to);
	int *a = xcalloc((size_t)n + 1, sizeof *a);
	double *slack = xcalloc((size_t)n + 1, sizeof *slack);
	unsigned char *pin = xcalloc((size_t)n + 1, 1);
	long round = 0;
	struct planner_state st;

	if (!sv->best || n == 0)
		goto out;
	planner_state_init(&st, m);
	while (round < rounds && !planner_time_up(sv)) {
		int cand = 0, improved = 0, i, j, top;
		/* candidates: children with slack, largest first */
		for (c = 0; c < n; c++) {
			if (m->children[c].locked || m->groups[m->children[c].group].n > 1)
				continue;
			slack[c] = child_slack(m, lg, sv->best, c, &to[c]);
			if (slack[c] > SLACK_MIN && to[c] != sv->best[c])
				order[cand++] = c;
		}
		for (c = 1; c < cand; c++) {
			int x = order[c];
			for (k = c - 1; k >= 0 && slack[order[k]] < slack[x]; k--)
				order[k + 1] = order[k];
			order[k + 1] = x;
		}
		if (cand == 0)
			break;
		/* all of them at once, then each alone, then pairs of the largest */
		improved = cand > 1 && kick(sv, &st, order, cand, to, a, pin);
		round++;
		for (i = 0; i < cand && !improved && round < rounds; i++, round++)
			improved = kick(sv, &st, order + i, 1, to, a, pin);
		top = cand < PAIR_TOP ? cand : PAIR_TOP;
		for (i = 0; i < top && !improved; i++)
			for (j = i + 1; j < top && !improved && round < rounds; j++, round++) {
				int set[2];
				set[0] = order[i];
				set[1] = order[j];
				improved = kick(sv, &st, set, 2, to, a, pin);
			}
		if (!improved || planner_time_up(sv))
			break;
	}
	planner_state_free(&st);
out:
	free(order);
	free(to);
	free(a);
	free(slack);
	free(pin);
}
