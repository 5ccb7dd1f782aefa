/*
 * planner_json.h — the planner's JSON edge, internal half: reading an
 * instance or an assignment into the model (planner_json_read.c), and
 * writing results (planner_json.c, which also implements the public
 * planner_solve_json and planner_score_json of planner.h).
 */
#ifndef KW_PLANNER_JSON_H
#define KW_PLANNER_JSON_H

#include <jansson.h>

#include "planner/planner_model.h"

/* Read and validate `in`; 0, or -1 with err naming id and key. The model
 * borrows strings from `in`. Not yet prepared. */
int planner_json_read(const json_t *in, struct planner_model *m, char *err, size_t errlen);

/* Read an array of {child, primary, secondary} into staff indices per child
 * (every child exactly once); 0, or -1 with err. */
int planner_json_read_assignment(const struct planner_model *m, const json_t *arr, int *primary,
                                 int *secondary, char *err, size_t errlen);

/* Read instance and the assignments of a result into a prepared model and
 * staff indices (caller frees both arrays and the model); 0 or -1 with err. */
int planner_json_load_result(const json_t *in, const json_t *result, struct planner_model *m,
                             int **primary, int **secondary, char *err, size_t errlen);

#endif
