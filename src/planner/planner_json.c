/*
 * planner_json.c — the output half of the planner's JSON edge and the two
 * public entry points of planner.h that take and give JSON:
 * planner_solve_json (read, prepare, solve, write the result object) and
 * planner_score_json (score a given assignment). JSON is written only
 * through jansson.
 *
 * Result object (keyworker-plan-result/1): format, status, assignments
 * (input order), score (total and every component), bound, seconds, and
 * the extras "loads" (per staff: primary and secondary load and targets),
 * "uncovered" (every event neither key person covers, with the reason and
 * the room staff who could have covered it), "stats" (search counters).
 * Infeasible: status "infeasible", "reason" (room and rule),
 * assignments [], score null, bound null.
 */
#include "planner/planner_json.h"

#include <stdio.h>
#include <string.h>

#include "planner/planner.h"
#include "planner/planner_solver.h"
#include "util.h"

static const char *const status_names[] = {
    [PLANNER_OPTIMAL] = "optimal",
    [PLANNER_FEASIBLE] = "feasible",
    [PLANNER_INFEASIBLE] = "infeasible",
};

static json_t *score_object(const double comp[PC__MAX], double total)
{
	json_t *o = json_object();
	int k;
	json_object_set_new(o, "total", json_real(total));
	for (k = 0; k < PC__MAX; k++) {
		if (k == PC_PRIMARY_BALANCE || k == PC_SECONDARY_BALANCE)
			json_object_set_new(o, planner_components[k].name, json_real(comp[k]));
		else
			json_object_set_new(o, planner_components[k].name,
			                    json_integer((json_int_t)comp[k]));
	}
	return o;
}

static void fmt_time(char *buf, size_t n, int minutes)
{
	snprintf(buf, n, "%02d:%02d", minutes / 60, minutes % 60);
}

/* Events of child c covered by neither primary p nor secondary s. */
static json_t *uncovered_events(const struct planner_model *m, const int *primary,
                                const int *secondary)
{
	json_t *arr = json_array();
	int c, d, e;
	for (c = 0; c < m->nchildren; c++) {
		const struct planner_child *ch = &m->children[c];
		const struct planner_room *room = &m->rooms[ch->room];
		int p = primary[c], s = secondary[c];
		for (d = 0; d < DAY__MAX; d++) {
			if (ch->arrive[d] < 0)
				continue;
			for (e = 0; e < 2; e++) {
				int t = e ? ch->depart[d] : ch->arrive[d], who[2] = {p, s}, w, i;
				int covered = 0;
				char tbuf[16], why[256];
				size_t used = 0;
				json_t *o, *could;
				for (w = 0; w < 2; w++) {
					const struct planner_staff *st = &m->staff[who[w]];
					int u = st->shift_start[d], v = st->shift_end[d];
					if (u >= 0 && (e ? (u < t && t <= v) : (u <= t && t < v)))
						covered = 1;
				}
				if (covered)
					continue;
				why[0] = '\0';
				for (w = 0; w < 2; w++) {
					const struct planner_staff *st = &m->staff[who[w]];
					int u = st->shift_start[d], v = st->shift_end[d];
					char a[16], b[16];
					int n;
					if (u < 0) {
						n = snprintf(why + used, sizeof why - used,
						             "%s%s (%s) is off that day",
						             w ? "; " : "", st->id,
						             w ? "secondary" : "primary");
					} else {
						fmt_time(a, sizeof a, u);
						fmt_time(b, sizeof b, v);
						n = snprintf(why + used, sizeof why - used,
						             "%s%s (%s) works %s-%s", w ? "; " : "",
						             st->id, w ? "secondary" : "primary", a,
						             b);
					}
					if (n > 0 && (size_t)n < sizeof why - used)
						used += (size_t)n;
				}
				could = json_array();
				for (i = 0; i < room->nstaff; i++) {
					const struct planner_staff *st = &m->staff[room->staff[i]];
					int u = st->shift_start[d], v = st->shift_end[d];
					if (u >= 0 && (e ? (u < t && t <= v) : (u <= t && t < v)))
						json_array_append_new(could, json_string(st->id));
				}
				fmt_time(tbuf, sizeof tbuf, t);
				o = json_object();
				json_object_set_new(o, "child", json_string(ch->id));
				json_object_set_new(o, "day", json_string(planner_day_names[d]));
				json_object_set_new(o, "event", json_string(e ? "leave" : "greet"));
				json_object_set_new(o, "time", json_string(tbuf));
				json_object_set_new(o, "reason", json_string(why));
				json_object_set_new(o, "could_cover", could);
				json_array_append_new(arr, o);
			}
		}
	}
	return arr;
}

static json_t *loads_array(const struct planner_model *m, const int *primary, const int *secondary)
{
	json_t *arr = json_array();
	int *lp = xcalloc((size_t)m->nstaff + 1, sizeof *lp),
	    *ls = xcalloc((size_t)m->nstaff + 1, sizeof *ls);
	int c, s;
	for (c = 0; c < m->nchildren; c++) {
		lp[primary[c]]++;
		ls[secondary[c]]++;
	}
	for (s = 0; s < m->nstaff; s++) {
		json_t *o = json_object();
		json_object_set_new(o, "staff", json_string(m->staff[s].id));
		json_object_set_new(o, "primary", json_integer(lp[s]));
		json_object_set_new(o, "target_primary", json_real(m->staff[s].target_primary));
		json_object_set_new(o, "secondary", json_integer(ls[s]));
		json_object_set_new(o, "target_secondary", json_real(m->staff[s].target_secondary));
		json_array_append_new(arr, o);
	}
	free(lp);
	free(ls);
	return arr;
}

static json_t *stats_object(const struct planner_stats *st)
{
	json_t *o = json_object();
	json_object_set_new(o, "ls_descents", json_integer(st->ls_descents));
	json_object_set_new(o, "ls_moves", json_integer(st->ls_moves));
	json_object_set_new(o, "ls_kicks", json_integer(st->ls_kicks));
	json_object_set_new(o, "lagr_iters", json_integer(st->lagr_iters));
	json_object_set_new(o, "lagr_heuristic", json_integer(st->lagr_heuristic));
	json_object_set_new(o, "bb_nodes", json_integer(st->bb_nodes));
	json_object_set_new(o, "bb_pruned", json_integer(st->bb_pruned));
	json_object_set_new(o, "fixed_choices", json_integer(st->fixed_choices));
	json_object_set_new(o, "improvements", json_integer(st->improvements));
	json_object_set_new(o, "flow_moves", json_integer(st->flow_moves));
	return o;
}

static json_t *result_object(const struct planner_model *m, const struct planner_result *r)
{
	json_t *o = json_object(), *as = json_array();
	int c;
	json_object_set_new(o, "format", json_string("keyworker-plan-result/1"));
	json_object_set_new(o, "status", json_string(status_names[r->status]));
	if (r->status == PLANNER_INFEASIBLE) {
		json_object_set_new(o, "reason", json_string(r->reason));
		json_object_set_new(o, "assignments", as);
		json_object_set_new(o, "score", json_null());
		json_object_set_new(o, "bound", json_null());
	} else {
		for (c = 0; c < m->nchildren; c++) {
			json_t *a = json_object();
			json_object_set_new(a, "child", json_string(m->children[c].id));
			json_object_set_new(a, "primary", json_string(m->staff[r->primary[c]].id));
			json_object_set_new(a, "secondary",
			                    json_string(m->staff[r->secondary[c]].id));
			json_array_append_new(as, a);
		}
		json_object_set_new(o, "assignments", as);
		json_object_set_new(o, "score", score_object(r->comp, r->total));
		json_object_set_new(o, "bound",
		                    isfinite(r->bound) ? json_real(r->bound) : json_null());
		json_object_set_new(o, "loads", loads_array(m, r->primary, r->secondary));
		json_object_set_new(o, "uncovered", uncovered_events(m, r->primary, r->secondary));
	}
	json_object_set_new(o, "seconds", json_real(r->seconds));
	json_object_set_new(o, "stats", stats_object(&r->stats));
	return o;
}

int planner_solve_json(const json_t *in, const struct planner_options *opt, json_t **out, char *err,
                       size_t errlen)
{
	struct planner_model m;
	struct planner_result r;
	*out = NULL;
	if (planner_json_read(in, &m, err, errlen))
		return -1;
	if (planner_model_prepare(&m, err, errlen)) {
		planner_model_free(&m);
		return -1;
	}
	planner_solve(&m, opt, &r);
	*out = result_object(&m, &r);
	planner_result_free(&r);
	planner_model_free(&m);
	return 0;
}

int planner_score_json(const json_t *in, const json_t *assignments, json_t **score, int *valid,
                       char *err, size_t errlen)
{
	struct planner_model m;
	int *p, *s, rc = -1;
	double comp[PC__MAX], total;
	*score = NULL;
	*valid = 0;
	if (planner_json_read(in, &m, err, errlen))
		return -1;
	if (planner_model_prepare(&m, err, errlen)) {
		planner_model_free(&m);
		return -1;
	}
	p = xcalloc((size_t)m.nchildren + 1, sizeof *p);
	s = xcalloc((size_t)m.nchildren + 1, sizeof *s);
	if (planner_json_read_assignment(&m, assignments, p, s, err, errlen))
		goto out;
	planner_score(&m, p, s, comp, &total);
	*valid = planner_valid(&m, p, s, NULL, 0);
	*score = score_object(comp, total);
	rc = 0;
out:
	free(p);
	free(s);
	planner_model_free(&m);
	return rc;
}

/* Used by planner_explain.c: the model and assignment of a result. */
int planner_json_load_result(const json_t *in, const json_t *result, struct planner_model *m,
                             int **primary, int **secondary, char *err, size_t errlen)
{
	*primary = *secondary = NULL;
	if (planner_json_read(in, m, err, errlen))
		return -1;
	if (planner_model_prepare(m, err, errlen)) {
		planner_model_free(m);
		return -1;
	}
	*primary = xcalloc((size_t)m->nchildren + 1, sizeof(int));
	*secondary = xcalloc((size_t)m->nchildren + 1, sizeof(int));
	if (planner_json_read_assignment(m, json_object_get(result, "assignments"), *primary,
	                                 *secondary, err, errlen)) {
		free(*primary);
		free(*secondary);
		*primary = *secondary = NULL;
		planner_model_free(m);
		return -1;
	}
	return 0;
}
