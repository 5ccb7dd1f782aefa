/*
 * planner_feasible.c — proving an instance infeasible, and saying why.
 *
 * Checked before any search, cheapest first, each naming the room and the
 * rule:
 *   1. a child with no allowed (primary, secondary) pair at all: no key
 *      person in the room, nobody to be the buddy, the fixed pairs, zero
 *      caps, or a locked child whose current pair is not eligible;
 *   2. locked children alone over a staff member's cap;
 *   3. the caps of one role alone: a maximum bipartite b-matching of
 *      children to the staff allowed as their primary (capacity
 *      max_primary), and the same for secondaries; a child left unmatched
 *      names its room and the cap.
 * These are necessary conditions. The search itself is the sufficient
 * one; if it finds no plan within caps although these pass, the result
 * says so and that it is not a proof.
 */
#include <stdio.h>
#include <string.h>

#include "planner/planner_solver.h"
#include "util.h"

#define FLOW_EDGE_LIMIT 20000000L

static int has_choice(const struct planner_model *m, int c)
{
	int ms = planner_room_size(m, c), k;
	const double *cost = planner_child_cost(m, c);
	for (k = 0; k < ms * ms; k++)
		if (isfinite(cost[k]))
			return 1;
	return 0;
}

static void explain_no_choice(const struct planner_model *m, int c, char *reason, size_t len)
{
	const struct planner_child *ch = &m->children[c];
	const struct planner_room *room = &m->rooms[ch->room];
	int i, kp = 0, any2 = 0;
	for (i = 0; i < room->nstaff; i++) {
		const struct planner_staff *s = &m->staff[room->staff[i]];
		kp += s->key_person && s->max_primary > 0;
		any2 += s->max_secondary > 0;
	}
	if (room->nstaff == 0)
		snprintf(reason, len, "room \"%s\": no staff work in this room (child \"%s\")",
		         room->id, ch->id);
	else if (ch->locked)
		snprintf(reason, len,
		         "room \"%s\": child \"%s\" is locked to (%s, %s), which is not an "
		         "eligible pair there",
		         room->id, ch->id, m->staff[ch->current_primary].id,
		         m->staff[ch->current_secondary].id);
	else if (kp == 0)
		snprintf(reason, len,
		         "room \"%s\": no eligible key person (key_person and max_primary > 0) for "
		         "child \"%s\"",
		         room->id, ch->id);
	else if (m->npairs > 0)
		snprintf(reason, len,
		         "room \"%s\": pair rule: no fixed pair has both members in the room "
		         "(child \"%s\")",
		         room->id, ch->id);
	else
		snprintf(
		    reason, len,
		    "room \"%s\": no eligible secondary distinct from the primary for child \"%s\"",
		    room->id, ch->id);
}

/* Capacity-constrained bipartite matching by augmenting paths. role 0:
 * primaries, 1: secondaries. Returns -1 when every child is matched, else
 * an unmatched child. */
struct flow {
	const struct planner_model *m;
	int role;
	int *match; /* per child: staff or -1 */
	int *used;  /* per staff: children matched */
	int *seen;  /* per staff: visit stamp */
	int stamp;
};

static int allowed_role(const struct planner_model *m, int c, int role, int i)
{
	int ms = planner_room_size(m, c), j;
	const double *cost = planner_child_cost(m, c);
	for (j = 0; j < ms; j++)
		if (isfinite(role == 0 ? cost[i * ms + j] : cost[j * ms + i]))
			return 1;
	return 0;
}

static long cap_of(const struct planner_model *m, int s, int role)
{
	return role == 0 ? m->staff[s].max_primary : m->staff[s].max_secondary;
}

/* DFS for an augmenting path from child c (Kuhn's algorithm with
 * capacities): each staff member is visited once per search, so the depth
 * is at most the number of staff. */
static int augment(struct flow *f, int c)
{
	const struct planner_model *m = f->m;
	const struct planner_room *room = &m->rooms[m->children[c].room];
	int i, cc;
	for (i = 0; i < room->nstaff; i++) {
		int s = room->staff[i];
		if (f->seen[s] == f->stamp || !allowed_role(m, c, f->role, i))
			continue;
		f->seen[s] = f->stamp;
		if (f->used[s] < cap_of(m, s, f->role)) {
			f->used[s]++;
			f->match[c] = s;
			return 1;
		}
		for (cc = 0; cc < m->nchildren; cc++)
			if (f->match[cc] == s && augment(f, cc)) {
				f->match[c] = s;
				return 1;
			}
	}
	return 0;
}

static int flow_check(const struct planner_model *m, int role)
{
	struct flow f;
	int c, bad = -1;
	if ((long)m->nchildren * (long)(m->nstaff + 1) > FLOW_EDGE_LIMIT)
		return -1; /* too big for this simple check; the search decides */
	memset(&f, 0, sizeof f);
	f.m = m;
	f.role = role;
	f.match = xcalloc((size_t)m->nchildren + 1, sizeof(int));
	f.used = xcalloc((size_t)m->nstaff + 1, sizeof(int));
	f.seen = xcalloc((size_t)m->nstaff + 1, sizeof(int));
	for (c = 0; c < m->nchildren; c++)
		f.match[c] = -1;
	for (c = 0; c < m->nchildren && bad < 0; c++) {
		f.stamp++;
		if (!augment(&f, c))
			bad = c;
	}
	free(f.match);
	free(f.used);
	free(f.seen);
	return bad;
}

int planner_infeasible(const struct planner_model *m, char *reason, size_t len)
{
	int c, s, role;
	int *locked_p = xcalloc((size_t)m->nstaff + 1, sizeof(int));
	int *locked_s = xcalloc((size_t)m->nstaff + 1, sizeof(int));
	int rc = 0;
	for (c = 0; c < m->nchildren; c++)
		if (!has_choice(m, c)) {
			explain_no_choice(m, c, reason, len);
			rc = 1;
			goto out;
		}
	for (c = 0; c < m->nchildren; c++)
		if (m->children[c].locked) {
			locked_p[m->children[c].current_primary]++;
			locked_s[m->children[c].current_secondary]++;
		}
	for (s = 0; s < m->nstaff; s++) {
		if (locked_p[s] > m->staff[s].max_primary ||
		    locked_s[s] > m->staff[s].max_secondary) {
			int prim = locked_p[s] > m->staff[s].max_primary;
			snprintf(reason, len,
			         "room \"%s\": cap: %d locked children have %s as %s, over %s %ld",
			         m->rooms[m->staff[s].rooms[0]].id,
			         prim ? locked_p[s] : locked_s[s], m->staff[s].id,
			         prim ? "primary" : "secondary",
			         prim ? "max_primary" : "max_secondary",
			         prim ? m->staff[s].max_primary : m->staff[s].max_secondary);
			rc = 1;
			goto out;
		}
	}
	for (role = 0; role < 2; role++) {
		int bad = flow_check(m, role);
		if (bad >= 0) {
			const struct planner_room *room = &m->rooms[m->children[bad].room];
			snprintf(reason, len,
			         "room \"%s\": cap: the %s caps (%s) of the staff who may take its "
			         "children "
			         "leave child \"%s\" without a %s",
			         room->id, role ? "secondary" : "primary",
			         role ? "max_secondary" : "max_primary", m->children[bad].id,
			         role ? "secondary" : "primary key person");
			rc = 1;
			goto out;
		}
	}
out:
	free(locked_p);
	free(locked_s);
	return rc;
}
