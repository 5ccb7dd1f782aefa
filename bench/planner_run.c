/*
 * planner_run.c — bench helper: solves one instance with kw's planner
 * `runs` times and prints "total bound status best_seconds".
 * usage: planner_run INSTANCE.json [runs]
 */
#include <stdio.h>
#include <stdlib.h>

#include "planner/planner.h"
#include "util.h"

int main(int argc, char **argv)
{
	json_t *in, *out = NULL;
	long runs = 3, r;
	double best = 1e300;
	char err[512];
	struct planner_options opt = {0, 1};
	if (argc < 2 || (argc > 2 && parse_long(argv[2], 1, 1000, &runs))) {
		fprintf(stderr, "usage: planner_run INSTANCE.json [runs]\n");
		return 2;
	}
	in = json_load_file(argv[1], 0, NULL);
	if (!in)
		return 1;
	for (r = 0; r < runs; r++) {
		json_decref(out);
		if (planner_solve_json(in, &opt, &out, err, sizeof err)) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		if (json_number_value(json_object_get(out, "seconds")) < best)
			best = json_number_value(json_object_get(out, "seconds"));
	}
	printf("%.4f %.4f %s %.4f\n",
	       json_number_value(json_object_get(json_object_get(out, "score"), "total")),
	       json_is_number(json_object_get(out, "bound"))
	           ? json_number_value(json_object_get(out, "bound"))
	           : -1.0,
	       json_string_value(json_object_get(out, "status")), best);
	json_decref(out);
	json_decref(in);
	return 0;
}
