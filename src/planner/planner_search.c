/*
 * planner_search.c — finding good plans: greedy construction, descent over
 * reassign and swap moves, and iterated local search.
 *
 * The search works on struct planner_state: per child an index into its
 * cost matrix plus the staff loads, so a move's change in objective is the
 * change in the child's matrix entry, the change in the (convex) balance
 * terms of at most four staff members, and the sibling terms of the
 * child's same-room siblings. Caps are soft here: units over a cap are
 * counted in `excess` and a move that lowers excess always wins, so the
 * search can start anywhere and repair itself; only plans with zero excess
 * are ever offered as the incumbent.
 *
 * Moves:
 *   reassign  one child to any allowed (primary, secondary) pair; the m*m
 *             pairs are scanned with the primary and secondary parts of the
 *             delta precomputed per staff member, so a scan is m*m adds;
 *   swap      two children of one room exchange primaries, secondaries or
 *             both (staff loads unchanged, escapes tight caps);
 *   flow      when none of these improves: every primary (then every
 *             secondary) re-chosen at once, exactly (planner_flow.c);
 *   kick      (ILS) a few random reassignments, then descent; kept when
 *             not worse.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "planner/planner_solver.h"
#include "util.h"

#define EXCESS_WEIGHT 1e9
#define EPS 1e-7

double planner_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

uint64_t planner_rand(struct planner_solver *sv)
{
	/* splitmix64 */
	uint64_t z = (sv->rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

int planner_time_up(struct planner_solver *sv)
{
	if (sv->timed_out)
		return 1;
	if (sv->deadline > 0 && planner_now() > sv->deadline)
		sv->timed_out = 1;
	return sv->timed_out;
}

static inline int staff_of(const struct planner_model *m, int c, int local)
{
	return m->rooms[m->children[c].room].staff[local];
}

void planner_state_init(struct planner_state *st, const struct planner_model *m)
{
	int c;
	st->a = xcalloc((size_t)m->nchildren + 1, sizeof *st->a);
	st->lp = xcalloc((size_t)m->nstaff + 1, sizeof *st->lp);
	st->ls = xcalloc((size_t)m->nstaff + 1, sizeof *st->ls);
	for (c = 0; c < m->nchildren; c++)
		st->a[c] = -1;
	st->cost = 0;
	st->pin = NULL;
	for (c = 0; c < m->nstaff; c++)
		st->cost += planner_primary_balance(m, c, 0) + planner_secondary_balance(m, c, 0);
	st->excess = 0;
}

void planner_state_free(struct planner_state *st)
{
	free(st->a);
	free(st->lp);
	free(st->ls);
	memset(st, 0, sizeof *st);
}

/* Recompute everything from a complete plan (exact, no drift). */
void planner_state_load(struct planner_state *st, const struct planner_model *m, const int *a)
{
	int c, s, k;
	double cost = 0;
	long excess = 0;
	memset(st->lp, 0, (size_t)m->nstaff * sizeof *st->lp);
	memset(st->ls, 0, (size_t)m->nstaff * sizeof *st->ls);
	for (c = 0; c < m->nchildren; c++) {
		int ms = planner_room_size(m, c);
		st->a[c] = a[c];
		cost += planner_child_cost(m, c)[a[c]];
		st->lp[staff_of(m, c, a[c] / ms)]++;
		st->ls[staff_of(m, c, a[c] % ms)]++;
	}
	for (k = 0; k < m->nsib; k++) {
		int c1 = m->sib[k][0], c2 = m->sib[k][1], ms = planner_room_size(m, c1);
		if (st->a[c1] / ms != st->a[c2] / ms)
			cost += m->weight[PC_SIBLING];
	}
	for (s = 0; s < m->nstaff; s++) {
		cost += planner_primary_balance(m, s, st->lp[s]) +
		        planner_secondary_balance(m, s, st->ls[s]);
		if (st->lp[s] > m->staff[s].max_primary)
			excess += st->lp[s] - m->staff[s].max_primary;
		if (st->ls[s] > m->staff[s].max_secondary)
			excess += st->ls[s] - m->staff[s].max_secondary;
	}
	st->cost = cost;
	st->excess = excess;
}

static inline double add_primary(const struct planner_model *m, int s, int k)
{
	return planner_primary_balance(m, s, k + 1) - planner_primary_balance(m, s, k);
}
static inline double add_secondary(const struct planner_model *m, int s, int k)
{
	return planner_secondary_balance(m, s, k + 1) - planner_secondary_balance(m, s, k);
}

/* Sibling splits between child c with primary local index i and its
 * assigned same-room siblings. */
static int sibling_splits(const struct planner_model *m, const struct planner_state *st, int c,
                          int i)
{
	int k, n = 0, ms = planner_room_size(m, c);
	for (k = m->sib_start[c]; k < m->sib_start[c + 1]; k++) {
		int d = m->sib_adj[k];
		if (st->a[d] >= 0 && st->a[d] / ms != i)
			n++;
	}
	return n;
}

/* Set child c to cost index a (or -1), updating loads, cost and excess. */
static void state_set(struct planner_state *st, const struct planner_model *m, int c, int a)
{
	int ms = planner_room_size(m, c);
	const double *cost = planner_child_cost(m, c);
	if (st->a[c] >= 0) {
		int p = staff_of(m, c, st->a[c] / ms), s = staff_of(m, c, st->a[c] % ms);
		st->cost -= cost[st->a[c]] +
		            m->weight[PC_SIBLING] * sibling_splits(m, st, c, st->a[c] / ms);
		st->lp[p]--;
		st->ls[s]--;
		st->cost -= add_primary(m, p, st->lp[p]) + add_secondary(m, s, st->ls[s]);
		st->excess -= (st->lp[p] + 1 > m->staff[p].max_primary) +
		              (st->ls[s] + 1 > m->staff[s].max_secondary);
	}
	st->a[c] = -1;
	if (a >= 0) {
		int p = staff_of(m, c, a / ms), s = staff_of(m, c, a % ms);
		st->cost += cost[a] + m->weight[PC_SIBLING] * sibling_splits(m, st, c, a / ms);
		st->cost += add_primary(m, p, st->lp[p]) + add_secondary(m, s, st->ls[s]);
		st->excess += (st->lp[p] + 1 > m->staff[p].max_primary) +
		              (st->ls[s] + 1 > m->staff[s].max_secondary);
		st->lp[p]++;
		st->ls[s]++;
		st->a[c] = a;
	}
}

int planner_offer(struct planner_solver *sv, const struct planner_state *st)
{
	const struct planner_model *m = sv->m;
	struct planner_state exact;
	int better = 0;
	if (st->excess > 0)
		return 0;
	planner_state_init(&exact, m);
	planner_state_load(&exact, m, st->a);
	if (exact.excess == 0 && (!sv->best || exact.cost < sv->best_cost - 1e-9)) {
		if (!sv->best)
			sv->best = xcalloc((size_t)m->nchildren + 1, sizeof *sv->best);
		memcpy(sv->best, st->a, (size_t)m->nchildren * sizeof *st->a);
		sv->best_cost = exact.cost;
		sv->stats.improvements++;
		better = 1;
	}
	planner_state_free(&exact);
	return better;
}

/* Best reassignment of child c; returns the cost index (or the current one
 * when nothing improves) and the combined delta in *gain. scratch holds
 * 4*m doubles. */
static int best_reassign(const struct planner_model *m, const struct planner_state *st, int c,
                         double *scratch, double *delta)
{
	int ms = planner_room_size(m, c), i, j, cur = st->a[c], best = cur;
	const double *cost = planner_child_cost(m, c);
	const struct planner_room *room = &m->rooms[m->children[c].room];
	double *dp = scratch, *ds = scratch + ms;
	double curval, bestval;
	int ci = cur >= 0 ? cur / ms : -1, cj = cur >= 0 ? cur % ms : -1;
	int sib_cur = cur >= 0 ? sibling_splits(m, st, c, ci) : 0;
	double w_sib = m->weight[PC_SIBLING];

	for (i = 0; i < ms; i++) {
		int s = room->staff[i];
		double v = 0, x = 0;
		if (i != ci) {
			v = add_primary(m, s, st->lp[s]);
			x = st->lp[s] + 1 > m->staff[s].max_primary;
			if (ci >= 0) {
				int p = room->staff[ci];
				v -= add_primary(m, p, st->lp[p] - 1);
				x -= st->lp[p] > m->staff[p].max_primary;
			}
		}
		dp[i] = v + EXCESS_WEIGHT * x + w_sib * (sibling_splits(m, st, c, i) - sib_cur);
		v = 0;
		x = 0;
		if (i != cj) {
			v = add_secondary(m, s, st->ls[s]);
			x = st->ls[s] + 1 > m->staff[s].max_secondary;
			if (cj >= 0) {
				int q = room->staff[cj];
				v -= add_secondary(m, q, st->ls[q] - 1);
				x -= st->ls[q] > m->staff[q].max_secondary;
			}
		}
		ds[i] = v + EXCESS_WEIGHT * x;
	}
	curval = cur >= 0 ? cost[cur] : INFINITY;
	bestval = cur >= 0 ? curval : INFINITY;
	for (i = 0; i < ms; i++) {
		const double *row = cost + (size_t)i * (size_t)ms;
		double di = dp[i];
		for (j = 0; j < ms; j++) {
			double v = row[j] + di + ds[j];
			if (v < bestval - EPS) {
				bestval = v;
				best = i * ms + j;
			}
		}
	}
	*delta = cur >= 0 ? bestval - curval : 0;
	return best;
}

static int descent_reassign(struct planner_solver *sv, struct planner_state *st, double *scratch)
{
	const struct planner_model *m = sv->m;
	int c, moved = 0;
	for (c = 0; c < m->nchildren; c++) {
		double d;
		int a;
		if (planner_pinned(m, st, c) && st->a[c] >= 0)
			continue;
		a = best_reassign(m, st, c, scratch, &d);
		if (a != st->a[c] && a >= 0 && d < -EPS) {
			state_set(st, m, c, a);
			sv->stats.ls_moves++;
			moved = 1;
		}
	}
	return moved;
}

/* Try exchanging primaries, secondaries or both between children of a room. */
static int descent_swap(struct planner_solver *sv, struct planner_state *st)
{
	const struct planner_model *m = sv->m;
	int r, moved = 0;
	double w_sib = m->weight[PC_SIBLING];
	for (r = 0; r < m->nrooms; r++) {
		const struct planner_room *room = &m->rooms[r];
		int ms = room->nstaff, x, y, kind;
		for (x = 0; x < room->nchildren; x++) {
			int c1 = room->children[x];
			if (planner_pinned(m, st, c1))
				continue;
			for (y = x + 1; y < room->nchildren; y++) {
				int c2 = room->children[y];
				const double *k1 = planner_child_cost(m, c1),
				             *k2 = planner_child_cost(m, c2);
				int a1 = st->a[c1], a2 = st->a[c2];
				int i1 = a1 / ms, j1 = a1 % ms, i2 = a2 / ms, j2 = a2 % ms;
				double slack = w_sib * (m->sib_start[c1 + 1] - m->sib_start[c1] +
				                        m->sib_start[c2 + 1] - m->sib_start[c2]);
				if (planner_pinned(m, st, c2) || a1 == a2)
					continue;
				for (kind = 0; kind < 3; kind++) {
					int n1, n2;
					double du, before, xb;
					if (kind == 0) {
						if (i1 == i2)
							continue;
						n1 = i2 * ms + j1;
						n2 = i1 * ms + j2;
					} else if (kind == 1) {
						if (j1 == j2)
							continue;
						n1 = i1 * ms + j2;
						n2 = i2 * ms + j1;
					} else {
						if (i1 == i2 || j1 == j2)
							continue;
						n1 = a2;
						n2 = a1;
					}
					du = k1[n1] + k2[n2] - k1[a1] - k2[a2];
					if (!(du - slack < -EPS))
						continue;
					before = st->cost;
					xb = (double)st->excess;
					state_set(st, m, c1, n1);
					state_set(st, m, c2, n2);
					if (st->cost - before +
					        EXCESS_WEIGHT * ((double)st->excess - xb) <
					    -EPS) {
						sv->stats.ls_moves++;
						moved = 1;
						a1 = n1;
						a2 = n2;
						i1 = a1 / ms;
						j1 = a1 % ms;
						i2 = a2 / ms;
						j2 = a2 % ms;
					} else {
						state_set(st, m, c1, a1);
						state_set(st, m, c2, a2);
					}
				}
			}
		}
	}
	return moved;
}

/* Move a whole sibling group onto one primary (each keeps its best
 * secondary for that primary) when that is better. */
static int descent_siblings(struct planner_solver *sv, struct planner_state *st)
{
	const struct planner_model *m = sv->m;
	int g, moved = 0;
	int *saved = NULL;
	for (g = 0; g < m->ngroups; g++) {
		const struct planner_group *grp = &m->groups[g];
		int ms, i, k, locked = 0;
		if (grp->n < 2)
			continue;
		for (k = 0; k < grp->n; k++)
			locked |= planner_pinned(m, st, grp->children[k]);
		if (locked)
			continue;
		ms = planner_room_size(m, grp->children[0]);
		saved = xrealloc(saved, (size_t)grp->n * sizeof *saved);
		for (k = 0; k < grp->n; k++)
			saved[k] = st->a[grp->children[k]];
		for (i = 0; i < ms; i++) {
			double before = st->cost, xb = (double)st->excess;
			int ok = 1;
			for (k = 0; k < grp->n && ok; k++) {
				int c = grp->children[k], j, bj = -1;
				const double *cost = planner_child_cost(m, c);
				double bv = INFINITY;
				for (j = 0; j < ms; j++)
					if (cost[i * ms + j] < bv) {
						bv = cost[i * ms + j];
						bj = j;
					}
				if (bj < 0)
					ok = 0;
				else
					state_set(st, m, c, i * ms + bj);
			}
			if (ok &&
			    st->cost - before + EXCESS_WEIGHT * ((double)st->excess - xb) < -EPS) {
				for (k = 0; k < grp->n; k++)
					saved[k] = st->a[grp->children[k]];
				moved = 1;
				sv->stats.ls_moves++;
			} else {
				for (k = 0; k < grp->n; k++)
					state_set(st, m, grp->children[k], saved[k]);
			}
		}
	}
	free(saved);
	return moved;
}

void planner_search_descent(struct planner_solver *sv, struct planner_state *st)
{
	const struct planner_model *m = sv->m;
	int maxm = 1, r;
	double *scratch;
	for (r = 0; r < m->nrooms; r++)
		if (m->rooms[r].nstaff > maxm)
			maxm = m->rooms[r].nstaff;
	scratch = xcalloc(4 * (size_t)maxm, sizeof *scratch);
	sv->stats.ls_descents++;
	for (;;) {
		int moved = descent_reassign(sv, st, scratch);
		if (planner_time_up(sv))
			break;
		if (!moved && sv->t.swap_moves)
			moved = descent_swap(sv, st);
		if (!moved)
			moved = descent_siblings(sv, st);
		if (!moved && sv->t.flow_moves) {
			/* exact per role; siblings and caps checked exactly inside */
			enum planner_flow_kind k;
			for (k = FLOW_FIXED; !moved && k < sv->t.flow_moves; k++) {
				moved = planner_flow_improve(sv, st, 0, k);
				moved |= planner_flow_improve(sv, st, 1, k);
			}
		}
		if (!moved || planner_time_up(sv))
			break;
	}
	free(scratch);
	/* drop accumulated rounding */
	{
		int *a = xcalloc((size_t)m->nchildren + 1, sizeof *a);
		memcpy(a, st->a, (size_t)m->nchildren * sizeof *a);
		planner_state_load(st, m, a);
		free(a);
	}
}

static int count_choices(const struct planner_model *m, int c)
{
	int ms = planner_room_size(m, c), k, n = 0;
	const double *cost = planner_child_cost(m, c);
	for (k = 0; k < ms * ms; k++)
		n += isfinite(cost[k]);
	return n;
}

void planner_search_greedy(struct planner_solver *sv, struct planner_state *st)
{
	const struct planner_model *m = sv->m;
	int n = m->nchildren, c, k, maxm = 1, r;
	int *order = xcalloc((size_t)n + 1, sizeof *order);
	long *key = xcalloc((size_t)n + 1, sizeof *key);
	double *scratch;
	for (r = 0; r < m->nrooms; r++)
		if (m->rooms[r].nstaff > maxm)
			maxm = m->rooms[r].nstaff;
	scratch = xcalloc(4 * (size_t)maxm, sizeof *scratch);
	/* fewest choices first, random tie-break */
	for (c = 0; c < n; c++) {
		order[c] = c;
		key[c] = (long)count_choices(m, c) * 1000000 + (long)(planner_rand(sv) % 1000000);
	}
	for (c = 1; c < n; c++) {
		int x = order[c];
		for (k = c - 1; k >= 0 && key[order[k]] > key[x]; k--)
			order[k + 1] = order[k];
		order[k + 1] = x;
	}
	for (k = 0; k < n; k++) {
		double d;
		int a;
		c = order[k];
		if (st->a[c] >= 0)
			state_set(st, m, c, -1);
		a = best_reassign(m, st, c, scratch, &d);
		if (a >= 0)
			state_set(st, m, c, a);
	}
	free(scratch);
	free(order);
	free(key);
	planner_search_descent(sv, st);
}

void planner_search_ils(struct planner_solver *sv, long rounds)
{
	const struct planner_model *m = sv->m;
	struct planner_state st;
	int *cur;
	double cur_cost;
	long round;
	int n = m->nchildren;
	if (!sv->best || n == 0)
		return;
	planner_state_init(&st, m);
	cur = xcalloc((size_t)n + 1, sizeof *cur);
	memcpy(cur, sv->best, (size_t)n * sizeof *cur);
	planner_state_load(&st, m, cur);
	cur_cost = st.cost;
	for (round = 0; round < rounds && !planner_time_up(sv); round++) {
		int k;
		sv->stats.ls_kicks++;
		/* kick: reassign a few children of one room at random */
		{
			int r = m->children[planner_rand(sv) % (uint64_t)n].room;
			const struct planner_room *room = &m->rooms[r];
			int ms = room->nstaff;
			for (k = 0; k < sv->t.kick_moves; k++) {
				int c = room->children[planner_rand(sv) %
				                       (uint64_t)room->nchildren],
				    tries;
				const double *cost = planner_child_cost(m, c);
				if (m->children[c].locked)
					continue;
				for (tries = 0; tries < 20; tries++) {
					int a = (int)(planner_rand(sv) % (uint64_t)(ms * ms));
					if (isfinite(cost[a])) {
						state_set(&st, m, c, a);
						break;
					}
				}
			}
		}
		planner_search_descent(sv, &st);
		if (st.excess == 0 && st.cost <= cur_cost + 1e-9) {
			if (st.cost < cur_cost - 1e-9)
				planner_offer(sv, &st);
			memcpy(cur, st.a, (size_t)n * sizeof *cur);
			cur_cost = st.cost;
		} else {
			planner_state_load(&st, m, cur);
		}
	}
	free(cur);
	planner_state_free(&st);
}
