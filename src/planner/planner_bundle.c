/*
 * planner_bundle.c — the Lagrangian dual maximised by a proximal bundle
 * method, to the precision a proof of optimality needs.
 *
 * The dual L(lam, mu) of planner_bound.c is concave and piecewise linear,
 * with one variable per staff member and role. Subgradient ascent gets
 * near its maximum quickly but then creeps: on gen-240 it stalls a few
 * tens above the optimum, and every unit of that gap is a unit of
 * incumbent that reduced-cost fixing cannot exclude. A bundle method keeps
 * the cuts it has seen,
 *     l_i(y) = c_i + g_i . y  >= L(y)   (g_i a subgradient at y_i),
 * and steps from the centre x to the maximiser of the model
 * min_i l_i(y) - |y - x|^2 / 2t. That is the dual of a small quadratic
 * programme over the simplex,
 *     min_a  t/2 |sum a_i g_i|^2 + sum a_i e_i,   e_i = l_i(x) - L(x) >= 0,
 * solved here by pairwise (SMO) steps on the Gram matrix of the cuts, and
 * the step is d = t sum a_i g_i. The trial point becomes the centre when
 * L rises by at least a tenth of what the model predicted ("serious
 * step"); otherwise its cut refines the model ("null step"). The model's
 * predicted rise bounds how far the centre is from the maximum, so the
 * method knows when it has converged. A full bundle keeps its active cuts
 * and the aggregate cut sum a_i l_i (still above L), so nothing is lost.
 *
 * The state is the bundle, held in struct bundle for one call; multipliers
 * come in and go out through struct planner_lagr as for the subgradient.
 */
#include <math.h>
#include <string.h>

#include "planner/planner_solver.h"
#include "util.h"

#define SERIOUS 0.1  /* fraction of the predicted rise that makes a step serious */
#define QP_ITERS 500 /* SMO steps per direction */
#define QP_TOL 1e-10 /* relative spread of the QP gradient at which it stops */
#define NULL_STEPS 5 /* null steps in a row before t halves */

struct bundle {
	int D, B, n;   /* dimension, capacity, cuts held */
	double *g;     /* B x D subgradients */
	double *c;     /* B offsets: l_i(y) = c_i + g_i . y */
	double *G;     /* B x B Gram matrix */
	double *e;     /* B linearisation errors at the centre */
	double *alpha; /* B convex weights */
	double *grad;  /* B gradient of the QP */
	double *diag;  /* B diagonal of G, for the QP */
	int agg;       /* index of the aggregate cut, -1: none */
};

static double dot(const double *a, const double *b, int n)
{
	double s = 0;
	int k;
	for (k = 0; k < n; k++)
		s += a[k] * b[k];
	return s;
}

/* Subgradient of L at the multipliers lg was last evaluated at, into g. */
static void subgradient(const struct planner_model *m, const struct planner_lagr *lg, double *g)
{
	int n = m->nstaff, s, c;
	for (s = 0; s < n; s++) {
		g[s] = -lg->kp[s];
		g[n + s] = -lg->ks[s];
	}
	for (c = 0; c < m->nchildren; c++) {
		const struct planner_room *room = &m->rooms[m->children[c].room];
		int ms = room->nstaff;
		g[room->staff[lg->choice[c] / ms]] += 1;
		g[n + room->staff[lg->choice[c] % ms]] += 1;
	}
}

static void cut_set(struct bundle *b, int i, const double *g, double cval)
{
	int k;
	memcpy(b->g + (size_t)i * (size_t)b->D, g, (size_t)b->D * sizeof *g);
	b->c[i] = cval;
	for (k = 0; k < b->n; k++) {
		double v = dot(b->g + (size_t)k * (size_t)b->D, g, b->D);
		b->G[i * b->B + k] = b->G[k * b->B + i] = v;
	}
	b->G[i * b->B + i] = dot(g, g, b->D);
}

/* Make room for one cut: fold every cut into the aggregate sum a_i l_i
 * and keep the weighted cuts, up to half. */
static void make_room(struct bundle *b, double *tmp)
{
	int i, k, j;
	double cagg = 0, eagg = 0;
	if (b->n < b->B)
		return;
	memset(tmp, 0, (size_t)b->D * sizeof *tmp);
	for (i = 0; i < b->n; i++) {
		const double *gi = b->g + (size_t)i * (size_t)b->D;
		for (k = 0; k < b->D; k++)
			tmp[k] += b->alpha[i] * gi[k];
		cagg += b->alpha[i] * b->c[i];
		eagg += b->alpha[i] * b->e[i];
	}
	for (i = 0, j = 0; i < b->n; i++) {
		if (i == b->agg || b->alpha[i] <= 1e-12 || j >= b->B / 2)
			continue;
		if (i != j) {
			memcpy(b->g + (size_t)j * (size_t)b->D, b->g + (size_t)i * (size_t)b->D,
			       (size_t)b->D * sizeof *b->g);
			b->c[j] = b->c[i];
			b->e[j] = b->e[i];
			b->alpha[j] = b->alpha[i];
		}
		j++;
	}
	b->n = j;
	for (i = 0; i < b->n; i++)
		for (k = 0; k <= i; k++)
			b->G[i * b->B + k] = b->G[k * b->B + i] = dot(
			    b->g + (size_t)i * (size_t)b->D, b->g + (size_t)k * (size_t)b->D, b->D);
	cut_set(b, b->n, tmp, cagg);
	b->e[b->n] = eagg;
	b->agg = b->n;
	for (i = 0; i < b->n; i++)
		b->alpha[i] = 0;
	b->alpha[b->n] = 1;
	b->n++;
}

/* After a step: the gradient's spread and the weighted cut with the
 * largest gradient (ih), in one pass. */
struct qp_scan {
	double hi, lo, scale;
	int ih;
};

static void qp_scan_add(struct qp_scan *q, double gk, double ak, int k)
{
	if (ak > 0 && gk > q->hi) {
		q->hi = gk;
		q->ih = k;
	}
	q->lo = gk < q->lo ? gk : q->lo;
	q->scale = fabs(gk) > q->scale ? fabs(gk) : q->scale;
}

/* min over the simplex of t/2 a'Ga + e'a by pairwise steps: take weight
 * from the weighted cut with the largest gradient (i) to the cut whose
 * pair step with i gains most (j, second-order choice as in LIBSVM). */
static void solve_qp(struct bundle *b, double t)
{
	int n = b->n, i, j, k, it;
	double sum = 0, *diag = b->diag;
	struct qp_scan q = {-INFINITY, INFINITY, 1, -1};
	for (i = 0; i < n; i++)
		sum += b->alpha[i];
	if (sum <= 0) {
		for (i = 0; i < n; i++)
			b->alpha[i] = 0;
		b->alpha[n - 1] = 1;
	} else {
		for (i = 0; i < n; i++)
			b->alpha[i] /= sum;
	}
	for (k = 0; k < n; k++) {
		const double *Gk = b->G + (size_t)k * (size_t)b->B;
		double s = 0;
		for (i = 0; i < n; i++)
			s += Gk[i] * b->alpha[i];
		b->grad[k] = t * s + b->e[k];
		diag[k] = Gk[k];
		qp_scan_add(&q, b->grad[k], b->alpha[k], k);
	}
	for (it = 0; it < QP_ITERS; it++) {
		const double *Gi, *Gj;
		double best = 0, eta, step, ts, hi = q.hi;
		int jb = -1;
		if (q.ih < 0 || q.hi - q.lo <= QP_TOL * q.scale)
			break;
		i = q.ih;
		Gi = b->G + (size_t)i * (size_t)b->B;
		for (k = 0; k < n; k++) {
			double diff = hi - b->grad[k], gain;
			if (diff <= 0 || k == i)
				continue;
			eta = t * (diag[i] + diag[k] - 2 * Gi[k]);
			gain = eta > 1e-300 ? diff * diff / eta : INFINITY;
			if (gain > best) {
				best = gain;
				jb = k;
			}
		}
		if (jb < 0)
			break;
		j = jb;
		Gj = b->G + (size_t)j * (size_t)b->B;
		eta = t * (diag[i] + diag[j] - 2 * Gi[j]);
		step = eta > 1e-300 ? (hi - b->grad[j]) / eta : b->alpha[i];
		if (step > b->alpha[i])
			step = b->alpha[i];
		b->alpha[i] -= step;
		b->alpha[j] += step;
		ts = t * step;
		q.hi = -INFINITY;
		q.lo = INFINITY;
		q.scale = 1;
		q.ih = -1;
		for (k = 0; k < n; k++) {
			double gk = b->grad[k] + ts * (Gj[k] - Gi[k]);
			b->grad[k] = gk;
			qp_scan_add(&q, gk, b->alpha[k], k);
		}
	}
}

double planner_lagr_bundle(struct planner_solver *sv, struct planner_lagr *lg,
                           const struct planner_core *core, long iters)
{
	const struct planner_model *m = sv->m;
	struct bundle b;
	int D = 2 * m->nstaff, i, k, nulls = 0;
	double *x = xcalloc((size_t)D + 1, sizeof *x), *y = xcalloc((size_t)D + 1, sizeof *y);
	double *g = xcalloc((size_t)D + 1, sizeof *g), *d = xcalloc((size_t)D + 1, sizeof *d);
	double Lx, t, ub, tmin, tmax;
	long it;

	memset(&b, 0, sizeof b);
	b.D = D;
	/* more cuts than the dimension buy little and cost QP time */
	b.B = sv->t.lagr_bundle < D + 2 ? (int)sv->t.lagr_bundle : D + 2;
	b.g = xcalloc((size_t)b.B * (size_t)D, sizeof *b.g);
	b.c = xcalloc((size_t)b.B, sizeof *b.c);
	b.G = xcalloc((size_t)b.B * (size_t)b.B, sizeof *b.G);
	b.e = xcalloc((size_t)b.B, sizeof *b.e);
	b.alpha = xcalloc((size_t)b.B, sizeof *b.alpha);
	b.grad = xcalloc((size_t)b.B, sizeof *b.grad);
	b.diag = xcalloc((size_t)b.B, sizeof *b.diag);
	b.agg = -1;

	memcpy(x, lg->lam, (size_t)m->nstaff * sizeof *x);
	memcpy(x + m->nstaff, lg->mu, (size_t)m->nstaff * sizeof *x);
	Lx = planner_lagr_eval(m, lg, core);
	sv->stats.lagr_iters++;
	if (!isfinite(Lx))
		goto out;
	subgradient(m, lg, g);
	cut_set(&b, 0, g, Lx - dot(g, x, D));
	b.e[0] = 0;
	b.alpha[0] = 1;
	b.n = 1;
	ub = sv->best ? sv->best_cost : Lx + 0.05 * fabs(Lx) + 1;
	t = b.G[0] > 0 ? (ub - Lx) / b.G[0] : 1;
	tmin = t * 1e-4;
	tmax = t * 1e4;
	if (b.G[0] == 0) {
		planner_lagr_heuristic(sv, lg); /* the relaxed choices are a plan */
		goto out;
	}
	for (it = 0; it < iters && !planner_time_up(sv); it++) {
		double Ly, pred = INFINITY, gap;
		solve_qp(&b, t);
		memset(d, 0, (size_t)D * sizeof *d);
		for (i = 0; i < b.n; i++) {
			const double *gi = b.g + (size_t)i * (size_t)D;
			if (b.alpha[i] <= 0)
				continue;
			for (k = 0; k < D; k++)
				d[k] += t * b.alpha[i] * gi[k];
		}
		for (k = 0; k < D; k++)
			y[k] = x[k] + d[k];
		for (i = 0; i < b.n; i++) {
			double v = b.c[i] + dot(b.g + (size_t)i * (size_t)D, y, D);
			pred = v < pred ? v : pred;
		}
		pred -= Lx; /* rise the model promises */
		{
			/* converged when the aggregate subgradient vanishes with a
			 * small aggregate error (0 is then nearly a supergradient) */
			double gg = dot(d, d, D) / (t * t), eagg = 0;
			for (i = 0; i < b.n; i++)
				eagg += b.alpha[i] * b.e[i];
			gap = fmax(1e-9 * fabs(Lx), 1e-7);
			if (gg <= 1e-10 && eagg <= gap)
				break;
		}
		ub = sv->best ? sv->best_cost : INFINITY;
		if (ub - Lx <= 1e-8 * fabs(ub))
			break;
		memcpy(lg->lam, y, (size_t)m->nstaff * sizeof *y);
		memcpy(lg->mu, y + m->nstaff, (size_t)m->nstaff * sizeof *y);
		Ly = planner_lagr_eval(m, lg, core);
		sv->stats.lagr_iters++;
		if (!isfinite(Ly)) {
			Lx = Ly;
			break;
		}
		subgradient(m, lg, g);
		if (dot(g, g, D) == 0) {
			/* consistent choices: a plan whose cost is the bound */
			memcpy(x, y, (size_t)D * sizeof *x);
			Lx = Ly;
			planner_lagr_heuristic(sv, lg);
			break;
		}
		if (!core && (it + 1) % sv->t.lagr_heur_every == 0)
			planner_lagr_heuristic(sv, lg);
		make_room(&b, d);
		cut_set(&b, b.n, g, Ly - dot(g, y, D));
		b.alpha[b.n] = 0;
		b.n++;
		if (Ly > Lx && Ly - Lx >= SERIOUS * pred) {
			/* serious step: move the centre, errors relative to it */
			if (t < tmax)
				t *= 2;
			memcpy(x, y, (size_t)D * sizeof *x);
			Lx = Ly;
			nulls = 0;
			for (i = 0; i < b.n; i++)
				b.e[i] =
				    fmax(0, b.c[i] + dot(b.g + (size_t)i * (size_t)D, x, D) - Lx);
		} else {
			b.e[b.n - 1] = fmax(0, b.c[b.n - 1] + dot(g, x, D) - Lx);
			if (++nulls >= NULL_STEPS && t > tmin) {
				t *= 0.5;
				nulls = 0;
			}
		}
	}
out:
	/* leave the centre (the best point seen) in lg */
	memcpy(lg->lam, x, (size_t)m->nstaff * sizeof *x);
	memcpy(lg->mu, x + m->nstaff, (size_t)m->nstaff * sizeof *x);
	if (isfinite(Lx))
		Lx = planner_lagr_eval(m, lg, core);
	free(x);
	free(y);
	free(g);
	free(d);
	free(b.g);
	free(b.c);
	free(b.G);
	free(b.e);
	free(b.alpha);
	free(b.grad);
	free(b.diag);
	return Lx;
}
