/*
 * planner_model.h — the planner's internal picture of one instance.
 *
 * planner_json.c reads and validates the JSON into a struct planner_model;
 * planner_model_prepare() then precomputes everything the search needs:
 *   - rooms, each with the list of staff who work in it ("room staff");
 *   - per child, one 16-bit event mask per room staff member: bit 2d is the
 *     greet of day d, bit 2d+1 the leave (see planner_events), so "covered
 *     by P or S" is one OR and a popcount;
 *   - per child, the dense m x m matrix cost[i*m + j] of every score term
 *     that depends on that child alone when room staff i is primary and j
 *     secondary (INFINITY where the pair is not allowed: eligibility, zero
 *     caps, fixed pairs, locked);
 *   - sibling pairs in the same room, and sibling groups (connected
 *     components of that relation).
 * What remains outside the matrix is the sibling split term and the two
 * balance terms, which depend on staff loads.
 */
#ifndef KW_PLANNER_MODEL_H
#define KW_PLANNER_MODEL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

enum planner_day { DAY_MON, DAY_TUE, DAY_WED, DAY_THU, DAY_FRI, DAY_SAT, DAY_SUN, DAY__MAX };

enum planner_component {
	PC_UNCOVERED,
	PC_SECONDARY_ONLY,
	PC_ABSENT,
	PC_JUNIOR,
	PC_PRIMARY_CHANGE,
	PC_SECONDARY_CHANGE,
	PC_SIBLING,
	PC_LANGUAGE,
	PC_SEN,
	PC_PRIMARY_BALANCE,
	PC_SECONDARY_BALANCE,
	PC__MAX
};

struct planner_component_info {
	const char *name;   /* key in the score object */
	const char *weight; /* key in "weights" */
	double default_weight;
};
extern const struct planner_component_info planner_components[PC__MAX];
extern const char *const planner_day_names[DAY__MAX];

#define PLANNER_UNLIMITED 1000000000

struct planner_staff {
	const char *id, *name;
	int *rooms; /* room indices; rooms[0] is the home room */
	int nrooms;
	long experience_months;
	int key_person, junior, sen_trained;
	long max_primary, max_secondary; /* PLANNER_UNLIMITED when absent */
	int has_target_primary, has_target_secondary;
	double target_primary, target_secondary;
	const char **languages;
	int nlanguages;
	int shift_start[DAY__MAX], shift_end[DAY__MAX]; /* minutes; start < 0: off */
	long week_minutes;
};

struct planner_child {
	const char *id, *name;
	int room;
	int arrive[DAY__MAX], depart[DAY__MAX]; /* arrive < 0: not attending */
	const char *home_language;
	int sen;
	int *siblings; /* child indices as listed */
	int nsiblings;
	int current_primary, current_secondary; /* staff index or -1 */
	int locked;
	/* prepared */
	uint16_t events;  /* every event bit of the week */
	int group;        /* sibling group index */
	size_t cost_off;  /* into model->cost; m*m entries, m = room staff */
	size_t cover_off; /* into model->cover; m entries */
};

struct planner_room {
	const char *id;
	int *staff; /* staff indices */
	int nstaff;
	int *children; /* child indices, input order */
	int nchildren;
};

struct planner_group {
	int *children; /* same room; children[0] is the root of the DP tree */
	int *parent;   /* per member: index in children[] of its tree parent, -1 root */
	int n;
};

struct planner_model {
	int nstaff, nchildren, nrooms, npairs;
	struct planner_staff *staff;
	struct planner_child *children;
	struct planner_room *rooms;
	int *pairs; /* 2*npairs staff indices */
	double weight[PC__MAX];
	long junior_months;
	/* prepared */
	uint16_t *cover; /* per child, per room staff: covered event bits */
	double *cost;    /* per child, m*m unary costs */
	int *local;      /* nrooms * nstaff: room-local index of staff, -1 */
	int (*sib)[2];   /* unordered same-room sibling pairs */
	int nsib;
	int *sib_start; /* per child: offset into sib_adj */
	int *sib_adj;   /* per child: same-room siblings (deduplicated) */
	struct planner_group *groups;
	int ngroups;
	int *cap_primary, *cap_secondary; /* effective caps (<= children eligible) */
};

static inline int planner_room_size(const struct planner_model *m, int c)
{
	return m->rooms[m->children[c].room].nstaff;
}
static inline const double *planner_child_cost(const struct planner_model *m, int c)
{
	return m->cost + m->children[c].cost_off;
}
static inline const uint16_t *planner_child_cover(const struct planner_model *m, int c)
{
	return m->cover + m->children[c].cover_off;
}
/* Balance terms of one staff member at a given load. */
static inline double planner_primary_balance(const struct planner_model *m, int s, int load)
{
	double d;
	if (!m->staff[s].key_person)
		return 0.0;
	d = load - m->staff[s].target_primary;
	return m->weight[PC_PRIMARY_BALANCE] * d * d;
}
static inline double planner_secondary_balance(const struct planner_model *m, int s, int load)
{
	double d = load - m->staff[s].target_secondary;
	return m->weight[PC_SECONDARY_BALANCE] * d * d;
}

/* Default targets, junior flags, room staff, masks, costs, sibling groups.
 * Returns 0, or -1 with err when the instance is too large to plan. */
int planner_model_prepare(struct planner_model *m, char *err, size_t errlen);
void planner_model_free(struct planner_model *m);

/* Score components of a full assignment (staff indices per child) computed
 * from the definitions, not from the prepared matrices. */
void planner_score(const struct planner_model *m, const int *primary, const int *secondary,
                   double comp[PC__MAX], double *total);
/* 1 when the assignment meets every hard rule; else 0, and when buf is not
 * NULL a description of the first violation is written there. */
int planner_valid(const struct planner_model *m, const int *primary, const int *secondary,
                  char *buf, size_t buflen);

#endif
