/*
 * core_demo.h — a realistic demo setting, generated into an empty database
 * by `kw demo` (and `make run`): rooms for babies, toddlers and pre-school,
 * staff with mixed qualifications, experience, languages and part-time
 * contracts, children with full- and part-time sessions, families with
 * siblings and contacts, consents, a key person and buddy for every child
 * (reasonable, not optimal: the planner has something to improve), a
 * fortnight's rota and a few staff absences.
 *
 * The data is a pure function of the options: a fixed-seed generator, no
 * clock, so the same --start gives the same setting every time.
 */
#ifndef KW_CORE_DEMO_H
#define KW_CORE_DEMO_H

#include "core.h"

#define DEMO_CHILDREN 60
#define DEMO_MAX_CHILDREN 2000
#define DEMO_MAX_STAFF 400

struct demo_options {
	int children;             /* children on roll */
	int staff;                /* members of staff, one or more of them floating buddies */
	int start;                /* a day: the rota's fortnight starts on the Monday of its week */
	const char *setting_name; /* NULL: "Sunflower Day Nursery" */
	int another;              /* add a setting beside those the database holds (a group's) */
};

struct demo_summary {
	int64_t setting_id;
	int rooms, children, families, contacts, staff, shifts, absences;
	int first_day, last_day; /* the rota: Monday of week 1 to Friday of week 2 */
};

/* The least number of staff for n children (two per room and a floating buddy). */
int core_demo_min_staff(int children);
/* Staff when not given: about one adult for five children, 15 for 60. */
int core_demo_default_staff(int children);
/* Check the options' numbers; OP_INVALID naming "children" or "staff". */
int core_demo_check(const struct demo_options *o, struct op_error *e) WARN_UNUSED;
/* Create the setting and load the demo, inside the caller's transaction.
 * Refuses (OP_CONFLICT, nothing written) when the database holds a setting,
 * unless o->another asks for one more setting beside it. */
int core_demo_load(struct store *s, const struct demo_options *o, struct demo_summary *sum,
                   struct op_error *e) WARN_UNUSED;

#endif
