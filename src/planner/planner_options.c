/*
 * planner_options.c — fills struct planner_tunables with the defaults of
 * the OPTION table in planner_options.h.
 */
#include "planner/planner_options.h"

#include <stdlib.h>

#include "util.h"

void planner_tunables_init(struct planner_tunables *t)
{
#define OPTION(name, def, lo, hi, desc) t->name = (def);
	PLANNER_OPTIONS
#undef OPTION
#ifdef PLANNER_TUNE_ENV /* experiments only: PT_<option>=N */
#define OPTION(name, def, lo, hi, desc)                                               \
	if (getenv("PT_" #name) && parse_long(getenv("PT_" #name), lo, hi, &t->name)) \
		t->name = (def);
	PLANNER_OPTIONS
#undef OPTION
#endif
}
