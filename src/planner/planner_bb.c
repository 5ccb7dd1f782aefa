/*
 * planner_bb.c — branch and bound where the Lagrangian bound and the
 * incumbent still differ (integrality gap: sibling groups, tight caps).
 *
 The tree works on a core (struct planner_core): the (child, pair)
 * entries that survive reduced-cost fixing at the root, a few per child
 * once the bound is close, so a node's Lagrangian evaluation touches only
 * those. A node excludes entries by setting their cost to INFINITY; the
 * changes are recorded on a trail and undone when the node returns, so the
 * tree needs one copy. At each node:
 *   1. the Lagrangian bound is re-maximised from the parent's multipliers
 *      (lagr_node_iters subgradient steps) over the node's entries;
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
	struct planner_core core;
	long max_nodes;
	int complete;
	double low; /* min bound over pruned/abandoned nodes */
	int *trail_at;
	double *trail_was;
	size_t ntrail, trail_cap;
};

static double cutoff(const struct planner_solver *sv)
{
	return sv->best_cost - REL_GAP * fmax(1.0, fabs(sv->best_cost));
}

static void exclude(struct bb *b, int e)
{
	if (!isfinite(b->core.cost[e]))
		return;
	if (b->ntrail == b->trail_cap) {
		b->trail_cap = b->trail_cap ? 2 * b->trail_cap : 4096;
		b->trail_at = xrealloc(b->trail_at, b->trail_cap * sizeof *b->trail_at);
		b->trail_was = xrealloc(b->trail_was, b->trail_cap * sizeof *b->trail_was);
	}
	b->trail_at[b->ntrail] = e;
	b->trail_was[b->ntrail++] = b->core.cost[e];
	b->core.cost[e] = INFINITY;
}

static void undo(struct bb *b, size_t mark)
{
	while (b->ntrail > mark) {
		b->ntrail--;
		b->core.cost[b->trail_at[b->ntrail]] = b->trail_was[b->ntrail];
	}
}

static inline double entry_rc(const struct planner_core *core, const struct planner_lagr *lg, int e)
{
	return core->cost[e] + lg->lam[core->p[e]] + lg->mu[core->s[e]];
}

/* The core at the root: every allowed entry of children in sibling groups,
 * and for a child alone the entries whose reduced cost leaves the bound
 * below the incumbent (L + rc - least rc < cutoff). */
static void core_build(struct bb *b)
{
	struct planner_solver *sv = b->sv;
	const struct planner_model *m = sv->m;
	const struct planner_lagr *lg = b->lg;
	struct planner_core *core = &b->core;
	int c, pass, n = 0;
	core->start = xcalloc((size_t)m->nchildren + 1, sizeof *core->start);
	for (pass = 0; pass < 2; pass++) {
		n = 0;
		for (c = 0; c < m->nchildren; c++) {
			const struct planner_room *room = &m->rooms[m->children[c].room];
			const double *cost = planner_child_cost(m, c);
			int ms = room->nstaff, a, alone = m->groups[m->children[c].group].n == 1;
			double base = INFINITY;
			core->start[c] = n;
			for (a = 0; a < ms * ms; a++)
				if (isfinite(cost[a])) {
					double r = cost[a] + lg->lam[room->staff[a / ms]] +
					           lg->mu[room->staff[a % ms]];
					base = r < base ? r : base;
				}
			for (a = 0; a < ms * ms; a++) {
				double r;
				if (!isfinite(cost[a]))
					continue;
				r = cost[a] + lg->lam[room->staff[a / ms]] +
				    lg->mu[room->staff[a % ms]];
				if (alone && sv->bound + (r - base) >= cutoff(sv)) {
					sv->stats.fixed_choices += pass;
					continue;
				}
				if (pass) {
					core->a[n] = a;
					core->p[n] = room->staff[a / ms];
					core->s[n] = room->staff[a % ms];
					core->cost[n] = cost[a];
				}
				n++;
			}
		}
		core->start[m->nchildren] = n;
		if (!pass) {
			core->a = xcalloc((size_t)n + 1, sizeof *core->a);
			core->p = xcalloc((size_t)n + 1, sizeof *core->p);
			core->s = xcalloc((size_t)n + 1, sizeof *core->s);
			core->cost = xcalloc((size_t)n + 1, sizeof *core->cost);
		}
	}
}

static void leaf(struct bb *b)
{
	struct planner_solver *sv = b->sv;
	const struct planner_model *m = sv->m;
	struct planner_state st;
	int *a = xcalloc((size_t)m->nchildren + 1, sizeof *a), c, e;
	for (c = 0; c < m->nchildren; c++) {
		a[c] = -1;
		for (e = b->core.start[c]; e < b->core.start[c + 1]; e++)
			if (isfinite(b->core.cost[e]))
				a[c] = b->core.a[e];
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
	struct planner_core *core = &b->core;
	double L, bestreg = INFINITY;
	int c, bc = -1, bi = -1, be = -1, multi = 0;
	double *save;
	size_t mark = b->ntrail;

	if (sv->stats.bb_nodes >= b->max_nodes || depth > MAX_DEPTH || planner_time_up(sv)) {
		b->complete = 0;
		if (parent_bound < b->low)
			b->low = parent_bound;
		return;
	}
	sv->stats.bb_nodes++;
	L = planner_lagr_ascent(sv, lg, core, sv->t.lagr_node_iters);
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
		int ms = planner_room_size(m, c), e, n = 0, i1 = -1, e1 = -1;
		int alone = m->groups[m->children[c].group].n == 1;
		double base = INFINITY, r2 = INFINITY;
		for (e = core->start[c]; e < core->start[c + 1]; e++)
			if (isfinite(core->cost[e])) {
				double r = entry_rc(core, lg, e);
				if (r < base) {
					base = r;
					e1 = e;
				}
			}
		if (e1 < 0) {
			undo(b, mark);
			return; /* nothing left: no plan in this node beats the incumbent */
		}
		i1 = core->a[e1] / ms;
		for (e = core->start[c]; e < core->start[c + 1]; e++) {
			double r;
			if (!isfinite(core->cost[e]))
				continue;
			r = entry_rc(core, lg, e);
			if (alone && L + (r - base) >= cutoff(sv)) {
				exclude(b, e);
				sv->stats.fixed_choices++;
				continue;
			}
			n++;
			if (core->a[e] / ms != i1 && r < r2)
				r2 = r;
		}
		if (isfinite(r2)) {
			if (!multi || r2 - base < bestreg) {
				bestreg = r2 - base;
				bc = c;
				bi = i1;
				be = -1;
			}
			multi = 1;
		} else if (!multi && n > 1 && bc < 0) {
			bc = c;
			be = e1;
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
		int ms = planner_room_size(m, bc), e, side;
		size_t fixed = b->ntrail;
		for (side = 0; side < 2; side++) {
			for (e = core->start[bc]; e < core->start[bc + 1]; e++) {
				int in = be >= 0 ? e == be : core->a[e] / ms == bi;
				if (in != (side == 0))
					exclude(b, e);
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
	if (!sv->best || sv->t.bb_nodes <= 0)
		return;
	memset(&b, 0, sizeof b);
	b.sv = sv;
	b.lg = lg;
	b.complete = 1;
	b.low = INFINITY;
	core_build(&b);
	b.max_nodes = sv->t.bb_work / ((long)b.core.start[m->nchildren] + m->nchildren + 1);
	if (b.max_nodes > sv->t.bb_nodes)
		b.max_nodes = sv->t.bb_nodes;
	node(&b, 0, sv->bound);
	free(b.core.start);
	free(b.core.a);
	free(b.core.p);
	free(b.core.s);
	free(b.core.cost);
	free(b.trail_at);
	free(b.trail_was);
	if (b.complete && b.low >= sv->best_cost - REL_GAP * fmax(1.0, fabs(sv->best_cost)))
		b.low = b.low < sv->best_cost ? b.low : sv->best_cost;
	if (b.complete && !isfinite(b.low))
		b.low = sv->best_cost; /* every node pruned by infeasibility: incumbent optimal */
	if (b.low > sv->bound)
		sv->bound = b.low < sv->best_cost ? b.low : sv->best_cost;
}
