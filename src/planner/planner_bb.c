/*
 * planner_bb.c — branch and bound where the Lagrangian bound and the
 * incumbent still differ (integrality gap: sibling groups, tight caps).
 *
 * A node is a working copy of the cost matrices in which the entries the
 * node excludes are INFINITY; changes are recorded on a trail and undone
 * when the node returns, so the tree needs one copy. At each node:
 *   1. the Lagrangian bound is re-maximised from the parent's multipliers
 *      (lagr_node_iters subgradient steps) under the mask;
 *   2. the node is pruned when the bound reaches the incumbent (within the
 *      1e-6 relative tolerance of "optimal");
 *   3. reduced-cost fixing: for a child alone in its sibling group, an
 *      entry whose reduced cost alone lifts the bound past the incumbent
 *      is excluded (every plan in the node costs at least
 *      L + that reduced cost);
 *   4. branching on the most ambiguous child: the one whose two best
 *      primaries (by reduced cost) are closest; left child "primary = the
 *      best one", right child "primary != it". When every child has one
 *      primary left, branch on a whole pair instead. A node with exactly
 *      one plan left is scored exactly and offered as incumbent.
 * Search is depth first, left child first (it follows the relaxation,
 * which tends to find good plans early). The proven bound reported is the
 * smallest bound among pruned and abandoned nodes (never above the
 * incumbent); when the tree is exhausted within the budget the incumbent
 * is proved optimal.
 */
#include <math.h>
#include <string.h>

#include "planner/planner_solver.h"
#include "util.h"

#define REL_GAP 1e-6
#define MAX_DEPTH 2000

struct bb {
	struct planner_solver *sv;
	struct planner_lagr *lg;
	size_t nent;
	long max_nodes;
	int complete;
	double low;   /* min bound over pruned/abandoned nodes */
	double *cost; /* working copy of the model's cost matrices */
	size_t *trail_at;
	double *trail_was;
	size_t ntrail, trail_cap;
};

static void exclude(struct bb *b, size_t at)
{
	if (!isfinite(b->cost[at]))
		return;
	if (b->ntrail == b->trail_cap) {
		b->trail_cap = b->trail_cap ? 2 * b->trail_cap : 4096;
		b->trail_at = xrealloc(b->trail_at, b->trail_cap * sizeof *b->trail_at);
		b->trail_was = xrealloc(b->trail_was, b->trail_cap * sizeof *b->trail_was);
	}
	b->trail_at[b->ntrail] = at;
	b->trail_was[b->ntrail++] = b->cost[at];
	b->cost[at] = INFINITY;
}

static void undo(struct bb *b, size_t mark)
{
	while (b->ntrail > mark) {
		b->ntrail--;
		b->cost[b->trail_at[b->ntrail]] = b->trail_was[b->ntrail];
	}
}

static double cutoff(const struct planner_solver *sv)
{
	return sv->best_cost - REL_GAP * fmax(1.0, fabs(sv->best_cost));
}

/* Reduced cost of entry a of child c under the current multipliers. */
static double entry_rc(const struct planner_model *m, const struct planner_lagr *lg, int c, int a)
{
	const struct planner_room *room = &m->rooms[m->children[c].room];
	int ms = room->nstaff;
	return planner_child_cost(m, c)[a] + lg->lam[room->staff[a / ms]] + lg->mu[room->staff[a % ms]];
}

static void leaf(struct bb *b)
{
	struct planner_solver *sv = b->sv;
	const struct planner_model *m = sv->m;
	struct planner_state st;
	int *a = xcalloc((size_t)m->nchildren + 1, sizeof *a), c, k;
	for (c = 0; c < m->nchildren; c++) {
		int ms = planner_room_size(m, c);
		const double *cost = b->cost + m->children[c].cost_off;
		a[c] = -1;
		for (k = 0; k < ms * ms; k++)
			if (isfinite(cost[k]))
				a[c] = k;
		if (a[c] < 0)
			goto out;
	}
	planner_state_init(&st, m);
	planner_state_load(&st, m, a);
	if (st.excess == 0) {
		planner_offer(sv, &st);
		if (st.cost < b->low)
			b->low = st.cost;
	}
	planner_state_free(&st);
out:
	free(a);
}

static void node(struct bb *b, int depth, double parent_bound)
{
	struct planner_solver *sv = b->sv;
	const struct planner_model *m = sv->m;
	struct planner_lagr *lg = b->lg;
	double L, bestreg = INFINITY;
	int c, bc = -1, bi = -1, ba = -1, multi = 0;
	double *save;
	size_t mark = b->ntrail;

	if (sv->stats.bb_nodes >= b->max_nodes || depth > MAX_DEPTH || planner_time_up(sv)) {
		b->complete = 0;
		if (parent_bound < b->low)
			b->low = parent_bound;
		return;
	}
	sv->stats.bb_nodes++;
	L = planner_lagr_ascent(sv, lg, b->cost, sv->t.lagr_node_iters);
	if (L < parent_bound)
		L = parent_bound; /* the parent's bound holds for its children too */
	if (L >= cutoff(sv)) {
		sv->stats.bb_pruned++;
		if (L < b->low)
			b->low = L;
		return;
	}
	/* reduced-cost fixing and choice of the branching child */
	for (c = 0; c < m->nchildren; c++) {
		const struct planner_room *room = &m->rooms[m->children[c].room];
		int ms = room->nstaff, i, j, n = 0, i1 = -1, a1 = -1;
		size_t off = m->children[c].cost_off;
		const double *cost = b->cost + off;
		double base = INFINITY, r1 = INFINITY, r2 = INFINITY;
		int alone = m->groups[m->children[c].group].n == 1;
		double *rmin_i = NULL;
		for (i = 0; i < ms * ms; i++)
			if (isfinite(cost[i])) {
				double r = entry_rc(m, lg, c, i);
				if (r < base)
					base = r;
			}
		rmin_i = xcalloc((size_t)ms, sizeof *rmin_i);
		for (i = 0; i < ms; i++) {
			rmin_i[i] = INFINITY;
			for (j = 0; j < ms; j++) {
				int a = i * ms + j;
				double r;
				if (!isfinite(cost[a]))
					continue;
				r = entry_rc(m, lg, c, a);
				if (alone && L + (r - base) >= cutoff(sv)) {
					exclude(b, off + (size_t)a);
					sv->stats.fixed_choices++;
					continue;
				}
				n++;
				if (r < rmin_i[i])
					rmin_i[i] = r;
				if (a1 < 0 || r < entry_rc(m, lg, c, a1))
					a1 = a;
			}
		}
		if (n == 0) {
			free(rmin_i);
			undo(b, mark);
			return; /* nothing left: no plan in this node beats the incumbent */
		}
		for (i = 0; i < ms; i++) {
			if (rmin_i[i] < r1) {
				r2 = r1;
				r1 = rmin_i[i];
				i1 = i;
			} else if (rmin_i[i] < r2) {
				r2 = rmin_i[i];
			}
		}
		free(rmin_i);
		if (isfinite(r2)) {
			if (!multi || r2 - r1 < bestreg) {
				bestreg = r2 - r1;
				bc = c;
				bi = i1;
				ba = -1;
			}
			multi = 1;
		} else if (!multi && n > 1 && bc < 0) {
			bc = c;
			ba = a1;
		}
	}
	if (bc < 0) {
		leaf(b);
		undo(b, mark);
		return;
	}
	save = xcalloc(2 * (size_t)m->nstaff + 1, sizeof *save);
	memcpy(save, lg->lam, (size_t)m->nstaff * sizeof *save);
	memcpy(save + m->nstaff, lg->mu, (size_t)m->nstaff * sizeof *save);
	{
		int ms = planner_room_size(m, bc), k, side;
		size_t off = m->children[bc].cost_off, fixed = b->ntrail;
		for (side = 0; side < 2; side++) {
			for (k = 0; k < ms * ms; k++) {
				int in = ba >= 0 ? k == ba : k / ms == bi;
				if (in != (side == 0))
					exclude(b, off + (size_t)k);
			}
			memcpy(lg->lam, save, (size_t)m->nstaff * sizeof *save);
			memcpy(lg->mu, save + m->nstaff, (size_t)m->nstaff * sizeof *save);
			node(b, depth + 1, L);
			undo(b, fixed);
			if (L >= cutoff(sv))
				break;
		}
	}
	undo(b, mark);
	free(save);
}

void planner_bb(struct planner_solver *sv, struct planner_lagr *lg)
{
	const struct planner_model *m = sv->m;
	struct bb b;
	int c;
	if (!sv->best || sv->t.bb_nodes <= 0)
		return;
	memset(&b, 0, sizeof b);
	b.sv = sv;
	b.lg = lg;
	b.complete = 1;
	b.low = INFINITY;
	for (c = 0; c < m->nchildren; c++) {
		size_t ms = (size_t)planner_room_size(m, c);
		b.nent += ms * ms;
	}
	b.max_nodes = sv->t.bb_work / (long)(b.nent + 1);
	if (b.max_nodes > sv->t.bb_nodes)
		b.max_nodes = sv->t.bb_nodes;
	b.cost = xmalloc((b.nent + 1) * sizeof *b.cost);
	memcpy(b.cost, m->cost, b.nent * sizeof *b.cost);
	node(&b, 0, sv->bound);
	free(b.cost);
	free(b.trail_at);
	free(b.trail_was);
	if (b.complete && b.low >= sv->best_cost - REL_GAP * fmax(1.0, fabs(sv->best_cost)))
		b.low = b.low < sv->best_cost ? b.low : sv->best_cost;
	if (b.complete && !isfinite(b.low))
		b.low = sv->best_cost; /* every node pruned by infeasibility: incumbent optimal */
	if (b.low > sv->bound)
		sv->bound = b.low < sv->best_cost ? b.low : sv->best_cost;
}
