/*
 * planner_lp.c — bench helper: writes the planner's integer programme for
 * one keyworker-plan/1 instance in CPLEX LP format, so CBC and HiGHS can
 * solve the same problem as kw's planner.
 *
 *   x_c_a   binary, child c takes allowed pair a = (primary i, secondary j)
 *           of its room (the planner's prepared cost matrix: eligibility,
 *           zero caps, fixed pairs and locked children are already there);
 *   yp_s_k  binary, staff s has exactly k children as primary (0..cap);
 *   ys_s_k  the same for secondaries;
 *   z_e     split indicator of same-room sibling pair e, z_e >= xP(c1,P) -
 *           xP(c2,P) and the reverse, for every primary P;
 * minimise  sum cost(c,a) x + sum wpb (k - tp)^2 yp + sum wsb (k - ts)^2 ys
 *           + wsib sum z
 * s.t.      sum_a x_c_a = 1; sum_k yp_s_k = 1; sum_k k yp_s_k = primaries
 *           of s (likewise secondaries).
 * Balance quadratics are exact: loads are integers and each load value has
 * its own indicator. usage: planner_lp INSTANCE.json > out.lp
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planner/planner_json.h"

int main(int argc, char **argv)
{
	struct planner_model m;
	json_t *in;
	json_error_t je;
	char err[512];
	int c, s, k, e;
	FILE *o = stdout;
	if (argc != 2) {
		fprintf(stderr, "usage: planner_lp INSTANCE.json\n");
		return 2;
	}
	in = json_load_file(argv[1], 0, &je);
	if (!in || planner_json_read(in, &m, err, sizeof err) ||
	    planner_model_prepare(&m, err, sizeof err)) {
		fprintf(stderr, "planner_lp: %s\n", in ? err : je.text);
		return 1;
	}
	fprintf(o, "\\ keyworker planner instance %s\nMinimize\n obj:", argv[1]);
	for (c = 0; c < m.nchildren; c++) {
		int ms = planner_room_size(&m, c);
		const double *cost = planner_child_cost(&m, c);
		for (k = 0; k < ms * ms; k++)
			if (isfinite(cost[k]))
				fprintf(o, " + %.10g x_%d_%d\n", cost[k], c, k);
	}
	for (s = 0; s < m.nstaff; s++) {
		for (k = 0; k <= m.cap_primary[s]; k++)
			fprintf(o, " + %.10g yp_%d_%d\n", planner_primary_balance(&m, s, k), s, k);
		for (k = 0; k <= m.cap_secondary[s]; k++)
			fprintf(o, " + %.10g ys_%d_%d\n", planner_secondary_balance(&m, s, k), s,
			        k);
	}
	for (e = 0; e < m.nsib; e++)
		fprintf(o, " + %.10g z_%d\n", m.weight[PC_SIBLING], e);
	fprintf(o, "Subject To\n");
	for (c = 0; c < m.nchildren; c++) {
		int ms = planner_room_size(&m, c);
		const double *cost = planner_child_cost(&m, c);
		fprintf(o, " one_%d:", c);
		for (k = 0; k < ms * ms; k++)
			if (isfinite(cost[k]))
				fprintf(o, " + x_%d_%d", c, k);
		fprintf(o, " = 1\n");
	}
	for (s = 0; s < m.nstaff; s++) {
		int role;
		for (role = 0; role < 2; role++) {
			int cap = role ? m.cap_secondary[s] : m.cap_primary[s];
			const char *y = role ? "ys" : "yp";
			fprintf(o, " %s_one_%d:", y, s);
			for (k = 0; k <= cap; k++)
				fprintf(o, " + %s_%d_%d", y, s, k);
			fprintf(o, " = 1\n %s_load_%d:", y, s);
			for (k = 1; k <= cap; k++)
				fprintf(o, " + %d %s_%d_%d", k, y, s, k);
			for (c = 0; c < m.nchildren; c++) {
				const struct planner_room *room = &m.rooms[m.children[c].room];
				int ms = room->nstaff, i, j;
				const double *cost = planner_child_cost(&m, c);
				for (i = 0; i < ms; i++)
					for (j = 0; j < ms; j++)
						if (isfinite(cost[i * ms + j]) &&
						    room->staff[role ? j : i] == s)
							fprintf(o, " - x_%d_%d", c, i * ms + j);
			}
			fprintf(o, " = 0\n");
		}
	}
	for (e = 0; e < m.nsib; e++) {
		int c1 = m.sib[e][0], c2 = m.sib[e][1], ms = planner_room_size(&m, c1), i, j, dir;
		for (i = 0; i < ms; i++)
			for (dir = 0; dir < 2; dir++) {
				int a = dir ? c2 : c1, b = dir ? c1 : c2, any = 0;
				const double *ca = planner_child_cost(&m, a),
				             *cb = planner_child_cost(&m, b);
				for (j = 0; j < ms; j++)
					any |= isfinite(ca[i * ms + j]) || isfinite(cb[i * ms + j]);
				if (!any)
					continue;
				fprintf(o, " sib_%d_%d_%d: z_%d", e, i, dir, e);
				for (j = 0; j < ms; j++) {
					if (isfinite(ca[i * ms + j]))
						fprintf(o, " - x_%d_%d", a, i * ms + j);
					if (isfinite(cb[i * ms + j]))
						fprintf(o, " + x_%d_%d", b, i * ms + j);
				}
				fprintf(o, " >= 0\n");
			}
	}
	fprintf(o, "Bounds\n");
	for (e = 0; e < m.nsib; e++)
		fprintf(o, " 0 <= z_%d <= 1\n", e);
	fprintf(o, "Binaries\n");
	for (c = 0; c < m.nchildren; c++) {
		int ms = planner_room_size(&m, c);
		const double *cost = planner_child_cost(&m, c);
		for (k = 0; k < ms * ms; k++)
			if (isfinite(cost[k]))
				fprintf(o, " x_%d_%d\n", c, k);
	}
	for (s = 0; s < m.nstaff; s++) {
		for (k = 0; k <= m.cap_primary[s]; k++)
			fprintf(o, " yp_%d_%d\n", s, k);
		for (k = 0; k <= m.cap_secondary[s]; k++)
			fprintf(o, " ys_%d_%d\n", s, k);
	}
	fprintf(o, "End\n");
	planner_model_free(&m);
	json_decref(in);
	return 0;
}
