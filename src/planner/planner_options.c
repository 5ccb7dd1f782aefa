/*
 * planner_options.c — fills struct planner_tunables with the defaults of
 * the OPTION table in planner_options.h.
 */
#include "planner/planner_options.h"

void planner_tunables_init(struct planner_tunables *t)
{
#define OPTION(name, def, lo, hi, desc) t->name = (def);
	PLANNER_OPTIONS
#undef OPTION
}
