/*
 * planner_flow.c — a very large neighbourhood: re-choose every child's
 * primary at once with the secondaries held fixed (or every secondary with
 * the primaries fixed), exactly, by cancelling negative cycles.
 *
 * With one role fixed, the other role's choice is a transportation
 * problem: child c sends one unit to an allowed staff member s at cost
 * cost(c, s, other role), and staff s pays its (convex) balance term on
 * the units it receives, up to its cap. The current plan is a feasible
 * flow, and a flow is optimal exactly when its residual network has no
 * negative cycle. That network is small: one node per staff member and one
 * node T for "a load changes".
 *   s -> s'  a child now with s moves to s' (same room, pair allowed);
 *            weight: the least change of that child's own cost over the
 *            children of s (parallel arcs collapse to the cheapest);
 *   s -> T   s takes one more child: f_s(load+1) - f_s(load), below cap;
 *   T -> s   s gives one child up:   f_s(load-1) - f_s(load), load > 0.
 * A cycle through staff only moves children round and keeps every load; a
 * cycle through T moves one unit of load from one staff member to
 * another along a chain of children (an ejection chain). Bellman-Ford over
 * the V <= staff+1 nodes finds a negative cycle; it is applied, the arcs
 * are rebuilt, and so on until none is left (or the round budget ends).
 *
 * Sibling splits depend on the primaries of two children; an arc's weight
 * counts them against the siblings' current primaries, which is exact
 * unless one cycle moves two siblings. Every cycle is therefore checked
 * against the exact objective and undone when it does not improve it.
 * Each round costs one pass over the (child, staff) choices plus a
 * Bellman-Ford on at most (staff+1)^2 arcs, so the move runs in every
 * descent instead of a few times per solve.
 */
#include <math.h>
#include <string.h>

#include "planner/planner_solver.h"
#include "util.h"

#define EPS 1e-7
#define MAX_ROUNDS 500

static double balance(const struct planner_model *m, int role, int s, int k)
{
	return role == 0 ? planner_primary_balance(m, s, k) : planner_secondary_balance(m, s, k);
}

/* Change of the balance term of staff s when its `role` load changes by d. */
static double balance_delta(const struct planner_model *m, const struct planner_state *st, int role, int s, int d)
{
	int k = role == 0 ? st->lp[s] : st->ls[s];
	long cap = role == 0 ? m->staff[s].max_primary : m->staff[s].max_secondary;
	if (k + d > cap)
		return INFINITY;
	return balance(m, role, s, k + d) - balance(m, role, s, k);
}

/* Child c (plan index cur) gets room-local staff l in `role`. With `free`
 * clear the other role stays; with it set the other role is re-chosen at
 * its best, its staff's balance change counted at today's loads. Returns
 * the change of the child's own cost (and sibling splits against the
 * siblings' current primaries) and the new plan index in *to; INFINITY
 * when not allowed. */
static double child_move(const struct planner_model *m, const struct planner_state *st, int role, int freed,
			 int c, int cur, int l, int *to)
{
	const struct planner_room *room = &m->rooms[m->children[c].room];
	const double *cost = planner_child_cost(m, c);
	int ms = room->nstaff, ci = cur / ms, cj = cur % ms, k, n = 0, o, bo = -1, pi;
	double best = INFINITY;
	if (!freed) {
		*to = role == 0 ? l * ms + cj : ci * ms + l;
		best = cost[*to];
	} else {
		int other = role == 0 ? cj : ci;
		for (o = 0; o < ms; o++) {
			int a = role == 0 ? l * ms + o : o * ms + l;
			double v = cost[a];
			if (!isfinite(v))
				continue;
			if (o != other)
				v += balance_delta(m, st, 1 - role, room->staff[o], 1) +
				     balance_delta(m, st, 1 - role, room->staff[other], -1);
			if (v < best) {
				best = v;
				bo = a;
			}
		}
		*to = bo;
	}
	if (!isfinite(best))
		return INFINITY;
	pi = *to / ms;
	if (pi != ci)
		for (k = m->sib_start[c]; k < m->sib_start[c + 1]; k++) {
			int d = st->a[m->sib_adj[k]] / ms;
			n += (d != pi) - (d != ci);
		}
	return best - cost[cur] + m->weight[PC_SIBLING] * n;
}

struct cycle_graph {
	int V;         /* staff + 1; node V-1 is T */
	double *w;     /* V*V arc weights, INFINITY: no arc */
	int *via;      /* V*V: child moved along a staff-to-staff arc */
	int *viaa;     /* V*V: its new plan index */
	double *dist;
	int *pred;
};

static void build_arcs(const struct planner_model *m, const struct planner_state *st, int role, int freed,
		       struct cycle_graph *g)
{
	int V = g->V, T = V - 1, ns = m->nstaff, c, s;
	const int *load = role == 0 ? st->lp : st->ls;
	for (s = 0; s < V * V; s++)
		g->w[s] = INFINITY;
	for (c = 0; c < m->nchildren; c++) {
		const struct planner_room *room = &m->rooms[m->children[c].room];
		int ms = room->nstaff, cur = st->a[c], lc = role == 0 ? cur / ms : cur % ms, l;
		int from = room->staff[lc];
		if (m->children[c].locked)
			continue;
		for (l = 0; l < ms; l++) {
			int to = room->staff[l], a;
			double d;
			if (l == lc)
				continue;
			d = child_move(m, st, role, freed, c, cur, l, &a);
			if (d < g->w[from * V + to]) {
				g->w[from * V + to] = d;
				g->via[from * V + to] = c;
				g->viaa[from * V + to] = a;
			}
		}
	}
	for (s = 0; s < ns; s++) {
		long cap = role == 0 ? m->staff[s].max_primary : m->staff[s].max_secondary;
		if (role == 0 && !m->staff[s].key_person)
			continue;
		if (load[s] < cap)
			g->w[s * V + T] = balance(m, role, s, load[s] + 1) - balance(m, role, s, load[s]);
		if (load[s] > 0)
			g->w[T * V + s] = balance(m, role, s, load[s] - 1) - balance(m, role, s, load[s]);
	}
}

/* Bellman-Ford from a virtual source joined to every node; returns a node
 * on a negative cycle, or -1. */
static int negative_cycle(struct cycle_graph *g)
{
	int V = g->V, it, u, v, last = -1;
	for (v = 0; v < V; v++) {
		g->dist[v] = 0;
		g->pred[v] = -1;
	}
	for (it = 0; it < V; it++) {
		last = -1;
		for (u = 0; u < V; u++) {
			const double *wu = g->w + (size_t)u * (size_t)V;
			double du = g->dist[u];
			for (v = 0; v < V; v++)
				if (du + wu[v] < g->dist[v] - EPS) {
					g->dist[v] = du + wu[v];
					g->pred[v] = u;
					last = v;
				}
		}
		if (last < 0)
			return -1;
	}
	/* still relaxing after V rounds: walk back V steps to land on the cycle */
	for (it = 0; it < V; it++)
		last = g->pred[last];
	return last;
}

int planner_flow_improve(struct planner_solver *sv, struct planner_state *st, int role, int freed)
{
	const struct planner_model *m = sv->m;
	struct cycle_graph g;
	int n = m->nchildren, V = m->nstaff + 1, round, improved = 0;
	int *olda = xcalloc((size_t)n + 1, sizeof *olda), *newa = xcalloc((size_t)n + 1, sizeof *newa);

	g.V = V;
	g.w = xcalloc((size_t)V * (size_t)V, sizeof *g.w);
	g.via = xcalloc((size_t)V * (size_t)V, sizeof *g.via);
	g.viaa = xcalloc((size_t)V * (size_t)V, sizeof *g.viaa);
	g.dist = xcalloc((size_t)V, sizeof *g.dist);
	g.pred = xcalloc((size_t)V, sizeof *g.pred);
	for (round = 0; round < MAX_ROUNDS && st->excess == 0; round++) {
		int x, v, u;
		double before = st->cost;
		build_arcs(m, st, role, freed, &g);
		x = negative_cycle(&g);
		if (x < 0)
			break;
		memcpy(olda, st->a, (size_t)n * sizeof *olda);
		memcpy(newa, st->a, (size_t)n * sizeof *newa);
		v = x;
		do {
			u = g.pred[v];
			if (u != V - 1 && v != V - 1)
				newa[g.via[u * V + v]] = g.viaa[u * V + v];
			v = u;
		} while (v != x);
		planner_state_load(st, m, newa);
		if (st->excess == 0 && st->cost < before - EPS) {
			improved = 1;
			sv->stats.flow_moves++;
		} else {
			planner_state_load(st, m, olda);
			break;
		}
	}
	free(olda);
	free(newa);
	free(g.w);
	free(g.via);
	free(g.viaa);
	free(g.dist);
	free(g.pred);
	return improved;
}
