/*
 * planner_flow.c — a very large neighbourhood: re-choose every child's
 * primary at once with the secondaries held fixed (or every secondary with
 * the primaries fixed), exactly, as a min-cost flow.
 *
 * With one role fixed, the other role's choice is a transportation
 * problem: child c sends one unit to an allowed staff member s at cost
 * cost(c, s, other role), and staff s pays its balance term on the units
 * it receives. The balance term is a convex quadratic of an integer load,
 * so it is a chain of unit arcs with increasing marginal costs
 * f(k+1) - f(k) up to the cap: caps are met by construction. Sibling
 * splits are taken as seen from the current plan (the move is kept only
 * when the exact objective improves). Solved by successive shortest paths
 * from all unrouted children at once (Bellman-Ford queue), which keeps the
 * residual network free of negative cycles, so the result is optimal for
 * the neighbourhood.
 */
#include <math.h>
#include <string.h>

#include "planner/planner_solver.h"
#include "util.h"

static double marg(const struct planner_model *m, int role, int s, int k)
{
	return role == 0 ? planner_primary_balance(m, s, k + 1) - planner_primary_balance(m, s, k)
			 : planner_secondary_balance(m, s, k + 1) - planner_secondary_balance(m, s, k);
}

/* Cost of child c taking room-local staff l in `role`, other role fixed. */
static double arc_cost(const struct planner_model *m, const struct planner_state *st, int role, int c, int l)
{
	int ms = planner_room_size(m, c), cur = st->a[c], k, n = 0;
	double v = role == 0 ? planner_child_cost(m, c)[l * ms + cur % ms]
			     : planner_child_cost(m, c)[(cur / ms) * ms + l];
	if (role == 0)
		for (k = m->sib_start[c]; k < m->sib_start[c + 1]; k++)
			n += st->a[m->sib_adj[k]] / ms != l;
	return v + m->weight[PC_SIBLING] * n * 0.5;
}

int planner_flow_improve(struct planner_solver *sv, struct planner_state *st, int role)
{
	const struct planner_model *m = sv->m;
	int n = m->nchildren, ns = m->nstaff, V = n + ns + 1, sink = n + ns;
	int *route = xcalloc((size_t)n + 1, sizeof *route), *load = xcalloc((size_t)ns + 1, sizeof *load);
	int *pred = xcalloc((size_t)V + 1, sizeof *pred), *queue = xcalloc((size_t)V + 1, sizeof *queue);
	char *inq = xcalloc((size_t)V + 1, 1);
	double *dist = xcalloc((size_t)V + 1, sizeof *dist);
	int *newa = xcalloc((size_t)n + 1, sizeof *newa);
	int routed, c, ok = 1, improved = 0;
	long relax_budget = 200L * V * 50;

	routed = 0;
	for (c = 0; c < n; c++) {
		route[c] = -1;
		if (m->children[c].locked) {
			int ms = planner_room_size(m, c), l = role == 0 ? st->a[c] / ms : st->a[c] % ms;
			route[c] = m->rooms[m->children[c].room].staff[l];
			load[route[c]]++;
			routed++;
		}
	}
	for (; routed < n && ok; routed++) {
		int head = 0, tail = 0, v, x;
		long relax = 0;
		for (v = 0; v < V; v++) {
			dist[v] = INFINITY;
			pred[v] = -1;
			inq[v] = 0;
		}
		for (c = 0; c < n; c++)
			if (route[c] < 0) {
				dist[c] = 0;
				queue[tail] = c;
				tail = (tail + 1) % V;
				inq[c] = 1;
			}
		while (head != tail) {
			v = queue[head];
			head = (head + 1) % V;
			inq[v] = 0;
			if (++relax > relax_budget) {
				ok = 0;
				break;
			}
			if (v < n) {
				const struct planner_room *room = &m->rooms[m->children[v].room];
				int l;
				if (m->children[v].locked)
					continue;
				for (l = 0; l < room->nstaff; l++) {
					int s = room->staff[l];
					double w;
					if (s == route[v])
						continue;
					w = arc_cost(m, st, role, v, l);
					if (!isfinite(w))
						continue;
					if (dist[v] + w < dist[n + s] - 1e-9) {
						dist[n + s] = dist[v] + w;
						pred[n + s] = v;
						if (!inq[n + s]) {
							inq[n + s] = 1;
							queue[tail] = n + s;
							tail = (tail + 1) % V;
						}
					}
				}
			} else if (v < sink) {
				int s = v - n, r, k;
				long cap = role == 0 ? m->staff[s].max_primary : m->staff[s].max_secondary;
				if (load[s] < cap) {
					double w = marg(m, role, s, load[s]);
					if (dist[v] + w < dist[sink] - 1e-9) {
						dist[sink] = dist[v] + w;
						pred[sink] = v;
					}
				}
				for (r = 0; r < m->staff[s].nrooms; r++) {
					const struct planner_room *room = &m->rooms[m->staff[s].rooms[r]];
					int l = m->local[(size_t)m->staff[s].rooms[r] * (size_t)ns + (size_t)s];
					for (k = 0; k < room->nchildren; k++) {
						int cc = room->children[k];
						double w;
						if (route[cc] != s)
							continue;
						w = -arc_cost(m, st, role, cc, l);
						if (dist[v] + w < dist[cc] - 1e-9) {
							dist[cc] = dist[v] + w;
							pred[cc] = v;
							if (!inq[cc]) {
								inq[cc] = 1;
								queue[tail] = cc;
								tail = (tail + 1) % V;
							}
						}
					}
				}
			}
		}
		if (!ok || !isfinite(dist[sink])) {
			ok = 0;
			break;
		}
		/* augment: walk back from the sink */
		x = pred[sink];
		load[x - n]++;
		while (x >= 0) {
			int cc = pred[x]; /* staff x reached from child cc */
			int prev = cc >= 0 ? pred[cc] : -1;
			if (cc < 0)
				break;
			route[cc] = x - n;
			if (prev < 0)
				break;
			x = prev; /* cc left staff prev (reverse arc) */
		}
	}
	if (ok) {
		double before = st->cost;
		int *olda = xcalloc((size_t)n + 1, sizeof *olda);
		memcpy(olda, st->a, (size_t)n * sizeof *olda);
		for (c = 0; c < n; c++) {
			int ms = planner_room_size(m, c), cur = st->a[c];
			int l = m->local[(size_t)m->children[c].room * (size_t)ns + (size_t)route[c]];
			newa[c] = m->children[c].locked ? cur : role == 0 ? l * ms + cur % ms : (cur / ms) * ms + l;
		}
		planner_state_load(st, m, newa);
		if (st->excess == 0 && st->cost < before - 1e-7)
			improved = 1;
		else
			planner_state_load(st, m, olda);
		free(olda);
	}
	free(route);
	free(load);
	free(pred);
	free(queue);
	free(inq);
	free(dist);
	free(newa);
	return improved;
}
