/*
 * fuzz_planner.c — libFuzzer target for the planner's JSON edge: any bytes
 * are parsed as JSON and, when that succeeds, validated, solved (with a
 * small time limit) and scored against their own result, and the explain
 * report is built. Anything but a clean error or a result is a bug.
 */
#include <stdint.h>
#include <stdlib.h>

#include "planner/planner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *in = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL), *out = NULL,
	       *score = NULL;
	struct planner_options opt = {.time_limit_s = 0.05, .seed = 1};
	char err[256];
	int valid;
	if (!in)
		return 0;
	if (planner_solve_json(in, &opt, &out, err, sizeof err) == 0) {
		char *text = planner_explain(in, out);
		free(text);
		if (planner_score_json(in, json_object_get(out, "assignments"), &score, &valid, err,
		                       sizeof err) == 0)
			json_decref(score);
		json_decref(out);
	}
	json_decref(in);
	return 0;
}
