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
 * the finite arcs finds a negative cycle (checked for in the predecessor
 * graph after every pass, so short cycles are found in a few passes); it
 * is applied, the arcs are rebuilt, and so on until none is left (or
 * MAX_ROUNDS cycles have been applied).
 *
 * In the `freed` variants a moved child also re-chooses its other role,
 * priced either at the exact change of that child moving alone
 * (FLOW_FREED_FORWARD) or at the marginal balance of today's loads
 * (FLOW_FREED_CENTRAL: central differences, so that a cycle of other-role
 * changes nets out, as in a chain where every child changes both staff);
 * the other role's exact flow then completes the move before it is judged.
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

/* Child c (plan index cur) gets room-local staff l in `role`. With `freed`
 * clear the other role stays; with it set the other role is re-chosen at
 * its best, where other[o] is the change of balance when room-local o
 * takes the other role (0 for the current one). Returns the change of the
 * child's own cost (and of sibling splits against the siblings' current
 * primaries) and the new plan index in *to; INFINITY when not allowed. */
static double child_move(const struct planner_model *m, const struct planner_state *st, int role,
                         enum planner_flow_kind freed, const double *other, int c, int cur, int l,
                         int *to)
{
	const double *cost = planner_child_cost(m, c);
	int ms = planner_room_size(m, c), ci = cur / ms, cj = cur % ms, k, n = 0, o, pi;
	double best = INFINITY;
	if (!freed) {
		*to = role == 0 ? l * ms + cj : ci * ms + l;
		best = cost[*to];
	} else {
		int step = role == 0 ? 1 : ms, a0 = role == 0 ? l * ms : l;
		*to = -1;
		for (o = 0; o < ms; o++) {
			double v = cost[a0 + o * step] + other[o];
			if (v < best) {
				best = v;
				*to = a0 + o * step;
			}
		}
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
	int V;     /* staff + 1; node V-1 is T */
	double *w; /* V*V arc weights, INFINITY: no arc */
	int *via;  /* V*V: child moved along a staff-to-staff arc */
	int *viaa; /* V*V: its new plan index */
	double *dist;
	int *pred, *stamp, *arcs;
	double *add, *drop; /* per staff: balance change of the other role, +1 / -1 */
	double *other;      /* per room-local staff, for one child */
};

static void build_arcs(const struct planner_model *m, const struct planner_state *st, int role,
                       enum planner_flow_kind freed, struct cycle_graph *g)
{
	int V = g->V, T = V - 1, ns = m->nstaff, c, s;
	const int *load = role == 0 ? st->lp : st->ls, *oload = role == 0 ? st->ls : st->lp;
	for (s = 0; s < V * V; s++)
		g->w[s] = INFINITY;
	for (s = 0; freed && s < ns; s++) {
		long cap = role == 1 ? m->staff[s].max_primary : m->staff[s].max_secondary;
		int k = oload[s], lo = k > 0 ? k - 1 : k, hi = k < cap ? k + 1 : k;
		if (freed == FLOW_FREED_CENTRAL) {
			/* the marginal balance at today's load, so that other-role
			 * changes along a cycle of children net out */
			double d =
			    hi > lo ? (balance(m, 1 - role, s, hi) - balance(m, 1 - role, s, lo)) /
			                  (hi - lo)
			            : 0;
			g->add[s] = k < cap ? d : INFINITY;
			g->drop[s] = -d;
		} else {
			/* the exact change of one child moving alone */
			g->add[s] =
			    k < cap ? balance(m, 1 - role, s, k + 1) - balance(m, 1 - role, s, k)
			            : INFINITY;
			g->drop[s] =
			    k > 0 ? balance(m, 1 - role, s, k - 1) - balance(m, 1 - role, s, k) : 0;
		}
	}
	for (c = 0; c < m->nchildren; c++) {
		const struct planner_room *room = &m->rooms[m->children[c].room];
		int ms = room->nstaff, cur = st->a[c], lc = role == 0 ? cur / ms : cur % ms, l;
		int from = room->staff[lc];
		if (planner_pinned(m, st, c))
			continue;
		if (freed) {
			int oc = role == 0 ? cur % ms : cur / ms, o;
			for (o = 0; o < ms; o++)
				g->other[o] =
				    o == oc ? 0 : g->add[room->staff[o]] + g->drop[room->staff[oc]];
		}
		for (l = 0; l < ms; l++) {
			int to = room->staff[l], a;
			double d;
			if (l == lc)
				continue;
			d = child_move(m, st, role, freed, g->other, c, cur, l, &a);
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
			g->w[s * V + T] =
			    balance(m, role, s, load[s] + 1) - balance(m, role, s, load[s]);
		if (load[s] > 0)
			g->w[T * V + s] =
			    balance(m, role, s, load[s] - 1) - balance(m, role, s, load[s]);
	}
}

/* A node on a cycle of the predecessor graph, or -1 (stamp: V ints). */
static int pred_cycle(const struct cycle_graph *g, int *stamp)
{
	int V = g->V, x, v;
	for (v = 0; v < V; v++)
		stamp[v] = -1;
	for (x = 0; x < V; x++) {
		for (v = x; v >= 0 && stamp[v] < 0; v = g->pred[v])
			stamp[v] = x;
		if (v >= 0 && stamp[v] == x)
			return v;
	}
	return -1;
}

/* Bellman-Ford from a virtual source joined to every node, over the
 * finite arcs only, looking for a cycle in the predecessor graph after
 * every pass (such a cycle is negative); returns a node on it, or -1. */
static int negative_cycle(struct cycle_graph *g)
{
	int V = g->V, it, u, v, k, narcs = 0, changed;
	for (u = 0; u < V; u++)
		for (v = 0; v < V; v++)
			if (isfinite(g->w[u * V + v]))
				g->arcs[narcs++] = u * V + v;
	for (v = 0; v < V; v++) {
		g->dist[v] = 0;
		g->pred[v] = -1;
	}
	for (it = 0; it < V; it++) {
		changed = 0;
		for (k = 0; k < narcs; k++) {
			int uv = g->arcs[k];
			double d;
			u = uv / V;
			v = uv % V;
			d = g->dist[u] + g->w[uv];
			if (d < g->dist[v] - EPS) {
				g->dist[v] = d;
				g->pred[v] = u;
				changed = 1;
			}
		}
		if (!changed)
			return -1;
		if ((v = pred_cycle(g, g->stamp)) >= 0)
			return v;
	}
	return pred_cycle(g, g->stamp);
}

int planner_flow_improve(struct planner_solver *sv, struct planner_state *st, int role,
                         enum planner_flow_kind freed)
{
	const struct planner_model *m = sv->m;
	struct cycle_graph g;
	int n = m->nchildren, V = m->nstaff + 1, round, improved = 0;
	int *olda = xcalloc((size_t)n + 1, sizeof *olda),
	    *newa = xcalloc((size_t)n + 1, sizeof *newa);

	g.V = V;
	g.w = xcalloc((size_t)V * (size_t)V, sizeof *g.w);
	g.via = xcalloc((size_t)V * (size_t)V, sizeof *g.via);
	g.viaa = xcalloc((size_t)V * (size_t)V, sizeof *g.viaa);
	g.dist = xcalloc((size_t)V, sizeof *g.dist);
	g.pred = xcalloc((size_t)V, sizeof *g.pred);
	g.stamp = xcalloc((size_t)V, sizeof *g.stamp);
	g.arcs = xcalloc((size_t)V * (size_t)V, sizeof *g.arcs);
	g.add = xcalloc((size_t)V, sizeof *g.add);
	g.drop = xcalloc((size_t)V, sizeof *g.drop);
	g.other = xcalloc((size_t)V, sizeof *g.other);
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
		/* with the other role re-chosen by estimate, let that role's exact
		 * flow finish the chain before judging it */
		if (freed && st->excess == 0 && st->cost >= before - EPS)
			planner_flow_improve(sv, st, 1 - role, FLOW_FIXED);
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
	free(g.stamp);
	free(g.arcs);
	free(g.add);
	free(g.drop);
	free(g.other);
	return improved;
}
