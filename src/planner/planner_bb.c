/*
 * planner_bb.c — branch and bound (placeholder while the bound is tuned).
 */
#include "planner/planner_solver.h"

void planner_bb(struct planner_solver *sv, struct planner_lagr *lg)
{
	(void)sv;
	(void)lg;
}
