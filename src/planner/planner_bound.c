/*
 * planner_bound.c — the lower bound: Lagrangian relaxation of the staff
 * loads, maximised by subgradient ascent.
 *
 * Write the objective as  sum_c cost_c(P_c, S_c) + sibling splits
 *   + sum_s fp_s(lp_s) + fs_s(ls_s)
 * where lp_s, ls_s are staff loads and fp, fs the balance terms with the
 * hard caps folded in (infinite above the cap). Make the loads independent
 * variables k_s and relax "k_s = number of children with P = s" with
 * multipliers lam_s (and mu_s for secondaries). For fixed multipliers the
 * problem falls apart into
 *   - one problem per sibling group: every child picks the pair minimising
 *     cost + lam_P + mu_S; siblings in one room pay the split weight on
 *     the edges of a BFS spanning tree of the group, solved exactly by a DP
 *     over the tree (non-tree edges are dropped, which keeps the bound
 *     valid; real groups are pairs);
 *   - one problem per staff member and role: min over integer 0 <= k <= cap
 *     of f(k) - lam*k. f is a convex quadratic, so the minimiser is the
 *     integer next to t + lam/(2w): the piecewise-linear marginal costs of
 *     each extra child are handled exactly, no linearisation needed.
 * L(lam, mu) is a lower bound for every lam, mu; it is concave and its
 * subgradient is (children choosing s) - k_s. Ascent uses Polyak steps
 * towards the incumbent with a halving step factor. When the subgradient
 * is zero the relaxed choices are a plan whose cost equals the bound:
 * proven optimal. Every few iterations the relaxed choices seed a local
 * search (the "Lagrangian heuristic").
 */
#include <math.h>
#include <string.h>

#include "planner/planner_solver.h"
#include "util.h"

/* min over integer k in [0, cap] of f(k) - lam*k, f = w (k - t)^2 (w may be 0). */
static double staff_min(double w, double t, int cap, double lam, int *kbest)
{
	int k, lo, hi, best = 0;
	double bv = INFINITY;
	if (cap <= 0) {
		*kbest = 0;
		return w * t * t;
	}
	if (w <= 0) {
		*kbest = lam > 0 ? cap : 0;
		return -lam * *kbest;
	}
	{
		double kr = t + lam / (2 * w);
		if (kr < 0)
			kr = 0;
		if (kr > cap)
			kr = cap;
		lo = (int)floor(kr);
		hi = lo + 1;
	}
	for (k = lo; k <= hi; k++) {
		double v;
		if (k < 0 || k > cap)
			continue;
		v = w * (k - t) * (k - t) - lam * k;
		if (v < bv) {
			bv = v;
			best = k;
		}
	}
	*kbest = best;
	return bv;
}

void planner_lagr_init(struct planner_lagr *lg, const struct planner_model *m)
{
	int r, g;
	memset(lg, 0, sizeof *lg);
	lg->lam = xcalloc((size_t)m->nstaff + 1, sizeof *lg->lam);
	lg->mu = xcalloc((size_t)m->nstaff + 1, sizeof *lg->mu);
	lg->kp = xcalloc((size_t)m->nstaff + 1, sizeof *lg->kp);
	lg->ks = xcalloc((size_t)m->nstaff + 1, sizeof *lg->ks);
	lg->choice = xcalloc((size_t)m->nchildren + 1, sizeof *lg->choice);
	lg->maxm = 1;
	lg->maxg = 1;
	for (r = 0; r < m->nrooms; r++)
		if (m->rooms[r].nstaff > lg->maxm)
			lg->maxm = m->rooms[r].nstaff;
	for (g = 0; g < m->ngroups; g++)
		if (m->groups[g].n > lg->maxg)
			lg->maxg = m->groups[g].n;
	/* b | (spare) | val | minval ... | lamL muL */
	lg->scratch = xcalloc(4 * (size_t)lg->maxg * (size_t)lg->maxm + 2 * (size_t)lg->maxm + 1,
	                      sizeof *lg->scratch);
	/* pick | argmin | bj */
	lg->iscratch = xcalloc(2 * (size_t)lg->maxg + (size_t)lg->maxg * (size_t)lg->maxm + 1,
	                       sizeof *lg->iscratch);
}

void planner_lagr_free(struct planner_lagr *lg)
{
	free(lg->lam);
	free(lg->mu);
	free(lg->kp);
	free(lg->ks);
	free(lg->choice);
	free(lg->scratch);
	free(lg->iscratch);
	memset(lg, 0, sizeof *lg);
}
/* min_j row[j] + mu[j] over one row of a cost matrix; two accumulators so
 * the compare chains overlap. */
static inline double row_min(const double *row, const double *mu, int ms)
{
	double v0 = INFINITY, v1 = INFINITY;
	int j;
	for (j = 0; j + 1 < ms; j += 2) {
		double t0 = row[j] + mu[j], t1 = row[j + 1] + mu[j + 1];
		v0 = t0 < v0 ? t0 : v0;
		v1 = t1 < v1 ? t1 : v1;
	}
	if (j < ms) {
		double t = row[j] + mu[j];
		v0 = t < v0 ? t : v0;
	}
	return v0 < v1 ? v0 : v1;
}

static inline int row_argmin(const double *row, const double *mu, int ms)
{
	double bv = INFINITY;
	int j, bj = -1;
	for (j = 0; j < ms; j++) {
		double t = row[j] + mu[j];
		if (t < bv) {
			bv = t;
			bj = j;
		}
	}
	return bj;
}

/* Tree DP of one sibling group over b[k*maxm + i] (member k with primary i,
 * best secondary): siblings on a tree edge pay w_sib when their primaries
 * differ. Returns the group minimum and the members' primaries in pick. */
static double group_dp(const struct planner_model *m, struct planner_lagr *lg,
                       const struct planner_group *grp, int ms, const double *b, int *pick)
{
	int maxm = lg->maxm, maxg = lg->maxg, k, i, j;
	double w_sib = m->weight[PC_SIBLING];
	double *val = lg->scratch + 2 * (size_t)maxg * (size_t)maxm,
	       *minval = val + (size_t)maxg * (size_t)maxm;
	int *argmin = lg->iscratch + maxg;
	/* leaves first (members are in BFS order) */
	for (k = grp->n - 1; k >= 0; k--) {
		double mv = INFINITY;
		int am = -1;
		for (i = 0; i < ms; i++)
			val[k * maxm + i] = b[k * maxm + i];
		for (j = k + 1; j < grp->n; j++)
			if (grp->parent[j] == k)
				for (i = 0; i < ms; i++) {
					double stay = val[j * maxm + i], split = minval[j] + w_sib;
					val[k * maxm + i] += stay < split ? stay : split;
				}
		for (i = 0; i < ms; i++)
			if (val[k * maxm + i] < mv) {
				mv = val[k * maxm + i];
				am = i;
			}
		minval[k] = mv;
		argmin[k] = am;
	}
	if (!isfinite(minval[0]))
		return INFINITY;
	pick[0] = argmin[0];
	for (k = 1; k < grp->n; k++) {
		int pi = pick[grp->parent[k]];
		pick[k] = val[k * maxm + pi] <= minval[k] + w_sib ? pi : argmin[k];
	}
	return minval[0];
}

/* L over the full cost matrices. */
static double eval_full(const struct planner_model *m, struct planner_lagr *lg)
{
	double value = 0;
	int g, maxm = lg->maxm;
	double *b = lg->scratch, *lamL = lg->scratch + 4 * (size_t)lg->maxg * (size_t)maxm,
	       *muL = lamL + maxm;
	int *pick = lg->iscratch;

	for (g = 0; g < m->ngroups; g++) {
		const struct planner_group *grp = &m->groups[g];
		const struct planner_room *room = &m->rooms[m->children[grp->children[0]].room];
		int ms = room->nstaff, k, i;
		double gv;
		for (i = 0; i < ms; i++) {
			lamL[i] = lg->lam[room->staff[i]];
			muL[i] = lg->mu[room->staff[i]];
		}
		if (grp->n == 1) {
			/* a child alone: its best pair, no tree */
			int c = grp->children[0], bi = -1;
			const double *cost = planner_child_cost(m, c);
			gv = INFINITY;
			for (i = 0; i < ms; i++) {
				double v =
				    row_min(cost + (size_t)i * (size_t)ms, muL, ms) + lamL[i];
				if (v < gv) {
					gv = v;
					bi = i;
				}
			}
			value += gv;
			lg->choice[c] =
			    bi < 0 ? -1
			           : bi * ms + row_argmin(cost + (size_t)bi * (size_t)ms, muL, ms);
			continue;
		}
		for (k = 0; k < grp->n; k++) {
			const double *cost = planner_child_cost(m, grp->children[k]);
			for (i = 0; i < ms; i++)
				b[k * maxm + i] =
				    row_min(cost + (size_t)i * (size_t)ms, muL, ms) + lamL[i];
		}
		gv = group_dp(m, lg, grp, ms, b, pick);
		value += gv;
		for (k = 0; k < grp->n; k++) {
			int c = grp->children[k];
			lg->choice[c] =
			    !isfinite(gv)
			        ? -1
			        : pick[k] * ms + row_argmin(planner_child_cost(m, c) +
			                                        (size_t)pick[k] * (size_t)ms,
			                                    muL, ms);
		}
	}
	return value;
}

/* L over the entries of a core only. */
static double eval_core(const struct planner_model *m, struct planner_lagr *lg,
                        const struct planner_core *core)
{
	double value = 0;
	int g, maxm = lg->maxm;
	double *b = lg->scratch;
	int *pick = lg->iscratch, *bj = lg->iscratch + 2 * lg->maxg;

	for (g = 0; g < m->ngroups; g++) {
		const struct planner_group *grp = &m->groups[g];
		int ms = planner_room_size(m, grp->children[0]), k, e;
		double gv;
		if (grp->n == 1) {
			int c = grp->children[0], be = -1;
			gv = INFINITY;
			for (e = core->start[c]; e < core->start[c + 1]; e++) {
				double v = core->cost[e] + lg->lam[core->p[e]] + lg->mu[core->s[e]];
				if (v < gv) {
					gv = v;
					be = e;
				}
			}
			value += gv;
			lg->choice[c] = be < 0 ? -1 : core->a[be];
			continue;
		}
		for (k = 0; k < grp->n; k++) {
			int c = grp->children[k], i;
			for (i = 0; i < ms; i++)
				b[k * maxm + i] = INFINITY;
			for (e = core->start[c]; e < core->start[c + 1]; e++) {
				double v = core->cost[e] + lg->lam[core->p[e]] + lg->mu[core->s[e]];
				i = core->a[e] / ms;
				if (v < b[k * maxm + i]) {
					b[k * maxm + i] = v;
					bj[k * maxm + i] = core->a[e];
				}
			}
		}
		gv = group_dp(m, lg, grp, ms, b, pick);
		value += gv;
		for (k = 0; k < grp->n; k++)
			lg->choice[grp->children[k]] = isfinite(gv) ? bj[k * maxm + pick[k]] : -1;
	}
	return value;
}

double planner_lagr_eval(const struct planner_model *m, struct planner_lagr *lg,
                         const struct planner_core *core)
{
	double value = core ? eval_core(m, lg, core) : eval_full(m, lg);
	int s;
	for (s = 0; s < m->nstaff; s++) {
		const struct planner_staff *st = &m->staff[s];
		value += staff_min(st->key_person ? m->weight[PC_PRIMARY_BALANCE] : 0,
		                   st->target_primary, m->cap_primary[s], lg->lam[s], &lg->kp[s]);
		value += staff_min(m->weight[PC_SECONDARY_BALANCE], st->target_secondary,
		                   m->cap_secondary[s], lg->mu[s], &lg->ks[s]);
	}
	lg->value = value;
	return value;
}

void planner_lagr_heuristic(struct planner_solver *sv, const struct planner_lagr *lg)
{
	const struct planner_model *m = sv->m;
	struct planner_state st;
	int c;
	for (c = 0; c < m->nchildren; c++)
		if (lg->choice[c] < 0)
			return;
	sv->stats.lagr_heuristic++;
	planner_state_init(&st, m);
	planner_state_load(&st, m, lg->choice);
	planner_search_descent(sv, &st);
	planner_offer(sv, &st);
	planner_state_free(&st);
}

double planner_lagr_ascent(struct planner_solver *sv, struct planner_lagr *lg,
                           const struct planner_core *core, long iters)
{
	const struct planner_model *m = sv->m;
	int n = m->nstaff, s, c;
	double *save_lam = xcalloc((size_t)n + 1, sizeof *save_lam);
	double *save_mu = xcalloc((size_t)n + 1, sizeof *save_mu);
	double *dp = xcalloc((size_t)n + 1, sizeof *dp), *ds = xcalloc((size_t)n + 1, sizeof *ds);
	int *cp = xcalloc((size_t)n + 1, sizeof *cp), *cs = xcalloc((size_t)n + 1, sizeof *cs);
	double best = -INFINITY, theta = sv->t.lagr_theta / 100.0;
	long it, stall = 0;

	for (it = 0; it < iters; it++) {
		double L = planner_lagr_eval(m, lg, core), norm = 0, ub, step, gd = 0, dd = 0,
		       beta = 0;
		sv->stats.lagr_iters++;
		if (!isfinite(L)) {
			best = L; /* infeasible in the node's core */
			break;
		}
		if (L > best + 1e-9) {
			stall = 0;
			best = L;
			memcpy(save_lam, lg->lam, (size_t)n * sizeof *save_lam);
			memcpy(save_mu, lg->mu, (size_t)n * sizeof *save_mu);
		} else if (++stall >= sv->t.lagr_stall) {
			theta *= sv->t.lagr_shrink / 100.0;
			stall = 0;
		}
		memset(cp, 0, (size_t)n * sizeof *cp);
		memset(cs, 0, (size_t)n * sizeof *cs);
		for (c = 0; c < m->nchildren; c++) {
			int ms = planner_room_size(m, c);
			const struct planner_room *room = &m->rooms[m->children[c].room];
			cp[room->staff[lg->choice[c] / ms]]++;
			cs[room->staff[lg->choice[c] % ms]]++;
		}
		for (s = 0; s < n; s++) {
			double gp = cp[s] - lg->kp[s], gs = cs[s] - lg->ks[s];
			norm += gp * gp + gs * gs;
			gd += gp * dp[s] + gs * ds[s];
			dd += dp[s] * dp[s] + ds[s] * ds[s];
		}
		if (norm == 0) {
			/* consistent: the relaxed choices are a plan of cost L (up to
			 * dropped non-tree sibling edges, which the offer rescoring counts) */
			planner_lagr_heuristic(sv, lg);
			break;
		}
		if ((it + 1) % sv->t.lagr_heur_every == 0 && !core)
			planner_lagr_heuristic(sv, lg);
		ub = sv->best ? sv->best_cost : L + 0.05 * fabs(L) + 1;
		if (ub - best <= 1e-8 * fabs(ub) || theta < 1e-9 || planner_time_up(sv))
			break;
		/* deflected direction (Camerini-Fratta-Maffioli) against zig-zag */
		if (gd < 0 && dd > 0)
			beta = -sv->t.lagr_deflect / 100.0 * gd / dd;
		norm = 0;
		for (s = 0; s < n; s++) {
			dp[s] = (cp[s] - lg->kp[s]) + beta * dp[s];
			ds[s] = (cs[s] - lg->ks[s]) + beta * ds[s];
			norm += dp[s] * dp[s] + ds[s] * ds[s];
		}
		step = theta * (ub - L) / norm;
		for (s = 0; s < n; s++) {
			lg->lam[s] += step * dp[s];
			lg->mu[s] += step * ds[s];
		}
	}
	if (isfinite(best)) {
		memcpy(lg->lam, save_lam, (size_t)n * sizeof *save_lam);
		memcpy(lg->mu, save_mu, (size_t)n * sizeof *save_mu);
		planner_lagr_eval(m, lg, core);
	}
	free(save_lam);
	free(save_mu);
	free(dp);
	free(ds);
	free(cp);
	free(cs);
	return best;
}
