/*
 * planner_model.c — turns a read instance into the precomputed model the
 * search works on (see planner_model.h for the data structure), and scores
 * an assignment straight from the spec's definitions.
 *
 * The per-child terms are defined in one function, child_terms(), used by
 * planner_score(); the cost matrices are filled from per-staff parts of
 * the same terms (cover masks, absent minutes, languages) so a matrix
 * costs m^2 popcounts rather than m^2 calls, and an assert checks one
 * entry per child against child_terms() so the two cannot drift apart.
 */
#include "planner/planner_model.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_COST_ENTRIES (24u * 1024u * 1024u)

const struct planner_component_info planner_components[PC__MAX] = {
    [PC_UNCOVERED] = {"uncovered_events", "uncovered_event", 10000},
    [PC_SECONDARY_ONLY] = {"secondary_only_events", "secondary_only_event", 1000},
    [PC_ABSENT] = {"primary_absent_minutes", "primary_absent_minute", 2},
    [PC_JUNIOR] = {"junior_pairs", "junior_pair", 2000},
    [PC_PRIMARY_CHANGE] = {"primary_changes", "primary_change", 3000},
    [PC_SECONDARY_CHANGE] = {"secondary_changes", "secondary_change", 500},
    [PC_SIBLING] = {"sibling_splits", "sibling_split", 1500},
    [PC_LANGUAGE] = {"language_unmatched", "language_unmatched", 800},
    [PC_SEN] = {"sen_unsupported", "sen_unsupported", 800},
    [PC_PRIMARY_BALANCE] = {"primary_balance", "primary_balance", 300},
    [PC_SECONDARY_BALANCE] = {"secondary_balance", "secondary_balance", 100},
};

/* Event bits of child c covered by staff s (rooms play no part). */
static uint16_t cover_mask(const struct planner_model *m, int c, int s)
{
	const struct planner_child *ch = &m->children[c];
	const struct planner_staff *st = &m->staff[s];
	uint16_t mask = 0;
	int d;
	for (d = 0; d < DAY__MAX; d++) {
		int a = ch->arrive[d], b = ch->depart[d], u = st->shift_start[d],
		    v = st->shift_end[d];
		if (a < 0 || u < 0)
			continue;
		if (u <= a && a < v)
			mask |= (uint16_t)(1u << (2 * d));
		if (u < b && b <= v)
			mask |= (uint16_t)(1u << (2 * d + 1));
	}
	return mask;
}

static long absent_minutes(const struct planner_model *m, int c, int s)
{
	const struct planner_child *ch = &m->children[c];
	const struct planner_staff *st = &m->staff[s];
	long total = 0;
	int d;
	for (d = 0; d < DAY__MAX; d++) {
		int a = ch->arrive[d], b = ch->depart[d], u = st->shift_start[d],
		    v = st->shift_end[d];
		int lo, hi, overlap = 0;
		if (a < 0)
			continue;
		if (u >= 0) {
			lo = a > u ? a : u;
			hi = b < v ? b : v;
			overlap = hi > lo ? hi - lo : 0;
		}
		total += (b - a) - overlap;
	}
	return total;
}

static int speaks(const struct planner_staff *s, const char *lang)
{
	int k;
	for (k = 0; k < s->nlanguages; k++)
		if (strcmp(s->languages[k], lang) == 0)
			return 1;
	return 0;
}

/* Add child c's own score counts with primary p and secondary s to comp. */
static void child_terms(const struct planner_model *m, int c, int p, int s, double comp[PC__MAX])
{
	const struct planner_child *ch = &m->children[c];
	uint16_t all = 0, mp = cover_mask(m, c, p), ms = cover_mask(m, c, s);
	int d;
	for (d = 0; d < DAY__MAX; d++)
		if (ch->arrive[d] >= 0)
			all |= (uint16_t)(3u << (2 * d));
	comp[PC_UNCOVERED] += __builtin_popcount(all & (uint16_t) ~(mp | ms));
	comp[PC_SECONDARY_ONLY] += __builtin_popcount(ms & (uint16_t)~mp);
	comp[PC_ABSENT] += (double)absent_minutes(m, c, p);
	comp[PC_JUNIOR] += m->staff[p].junior && m->staff[s].junior;
	comp[PC_PRIMARY_CHANGE] += ch->current_primary >= 0 && p != ch->current_primary;
	comp[PC_SECONDARY_CHANGE] += ch->current_secondary >= 0 && s != ch->current_secondary;
	comp[PC_LANGUAGE] += strcmp(ch->home_language, "en") != 0 &&
	                     !speaks(&m->staff[p], ch->home_language) &&
	                     !speaks(&m->staff[s], ch->home_language);
	comp[PC_SEN] += ch->sen && !m->staff[p].sen_trained && !m->staff[s].sen_trained;
}

static int in_room(const struct planner_staff *s, int room)
{
	int k;
	for (k = 0; k < s->nrooms; k++)
		if (s->rooms[k] == room)
			return 1;
	return 0;
}

static void prepare_targets(struct planner_model *m)
{
	double *sum_kp = xcalloc((size_t)m->nrooms + 1, sizeof *sum_kp);
	double *sum_all = xcalloc((size_t)m->nrooms + 1, sizeof *sum_all);
	int s, d;
	for (s = 0; s < m->nstaff; s++) {
		struct planner_staff *st = &m->staff[s];
		st->week_minutes = 0;
		for (d = 0; d < DAY__MAX; d++)
			if (st->shift_start[d] >= 0)
				st->week_minutes += st->shift_end[d] - st->shift_start[d];
		st->junior = st->experience_months < m->junior_months;
		sum_all[st->rooms[0]] += (double)st->week_minutes;
		if (st->key_person)
			sum_kp[st->rooms[0]] += (double)st->week_minutes;
	}
	for (s = 0; s < m->nstaff; s++) {
		struct planner_staff *st = &m->staff[s];
		int r = st->rooms[0];
		double n = m->rooms[r].nchildren, h = (double)st->week_minutes;
		if (!st->has_target_primary)
			st->target_primary =
			    st->key_person && sum_kp[r] > 0 ? n * h / sum_kp[r] : 0.0;
		if (!st->has_target_secondary)
			st->target_secondary = sum_all[r] > 0 ? n * h / sum_all[r] : 0.0;
	}
	free(sum_kp);
	free(sum_all);
}

static void prepare_siblings(struct planner_model *m)
{
	int c, k, n = m->nchildren, cnt = 0;
	int *deg = xcalloc((size_t)n + 1, sizeof *deg), *queue, *seen;
	/* Unordered same-room pairs, deduplicated through a sorted list. */
	for (c = 0; c < n; c++)
		cnt += m->children[c].nsiblings;
	m->sib = xcalloc((size_t)cnt + 1, sizeof *m->sib);
	for (c = 0; c < n; c++)
		for (k = 0; k < m->children[c].nsiblings; k++) {
			int o = m->children[c].siblings[k];
			if (o == c || m->children[o].room != m->children[c].room)
				continue;
			m->sib[m->nsib][0] = c < o ? c : o;
			m->sib[m->nsib][1] = c < o ? o : c;
			m->nsib++;
		}
	{
		/* insertion sort is fine for the handful of sibling pairs; qsort for many */
		int i, j;
		for (i = 1; i < m->nsib; i++) {
			int a = m->sib[i][0], b = m->sib[i][1];
			for (j = i - 1; j >= 0 && (m->sib[j][0] > a ||
			                           (m->sib[j][0] == a && m->sib[j][1] > b));
			     j--) {
				m->sib[j + 1][0] = m->sib[j][0];
				m->sib[j + 1][1] = m->sib[j][1];
			}
			m->sib[j + 1][0] = a;
			m->sib[j + 1][1] = b;
		}
		for (i = 0, j = 0; i < m->nsib; i++)
			if (j == 0 || m->sib[i][0] != m->sib[j - 1][0] ||
			    m->sib[i][1] != m->sib[j - 1][1]) {
				m->sib[j][0] = m->sib[i][0];
				m->sib[j][1] = m->sib[i][1];
				j++;
			}
		m->nsib = j;
	}
	for (k = 0; k < m->nsib; k++) {
		deg[m->sib[k][0]]++;
		deg[m->sib[k][1]]++;
	}
	m->sib_start = xcalloc((size_t)n + 2, sizeof *m->sib_start);
	for (c = 0; c < n; c++)
		m->sib_start[c + 1] = m->sib_start[c] + deg[c];
	m->sib_adj = xcalloc((size_t)m->sib_start[n] + 1, sizeof *m->sib_adj);
	memset(deg, 0, (size_t)n * sizeof *deg);
	for (k = 0; k < m->nsib; k++) {
		int a = m->sib[k][0], b = m->sib[k][1];
		m->sib_adj[m->sib_start[a] + deg[a]++] = b;
		m->sib_adj[m->sib_start[b] + deg[b]++] = a;
	}
	/* Groups: BFS components; BFS tree parents for the bound's DP. */
	queue = xcalloc((size_t)n + 1, sizeof *queue);
	seen = xcalloc((size_t)n + 1, sizeof *seen);
	m->groups = xcalloc((size_t)n + 1, sizeof *m->groups);
	for (c = 0; c < n; c++) {
		struct planner_group *g;
		int head = 0, tail = 0, i;
		if (seen[c])
			continue;
		seen[c] = 1;
		queue[tail++] = c;
		while (head < tail) {
			int x = queue[head++];
			for (k = m->sib_start[x]; k < m->sib_start[x + 1]; k++)
				if (!seen[m->sib_adj[k]]) {
					seen[m->sib_adj[k]] = 1;
					queue[tail++] = m->sib_adj[k];
				}
		}
		g = &m->groups[m->ngroups];
		g->n = tail;
		g->children = xcalloc((size_t)tail, sizeof *g->children);
		g->parent = xcalloc((size_t)tail, sizeof *g->parent);
		for (i = 0; i < tail; i++) {
			g->children[i] = queue[i];
			g->parent[i] = -1;
			m->children[queue[i]].group = m->ngroups;
		}
		/* parent = first earlier member adjacent to it (BFS order) */
		for (i = 1; i < tail; i++) {
			int x = queue[i], j;
			for (j = 0; j < i && g->parent[i] < 0; j++)
				for (k = m->sib_start[x]; k < m->sib_start[x + 1]; k++)
					if (m->sib_adj[k] == queue[j]) {
						g->parent[i] = j;
						break;
					}
			assert(g->parent[i] >= 0);
		}
		m->ngroups++;
	}
	free(queue);
	free(seen);
	free(deg);
}

int planner_model_prepare(struct planner_model *m, char *err, size_t errlen)
{
	size_t entries = 0, covers = 0;
	int s, c, r, k, maxm = 1;
	unsigned char **allowed = NULL, *lang;
	double *absent;

	for (c = 0; c < m->nchildren; c++)
		m->rooms[m->children[c].room].nchildren++;
	for (s = 0; s < m->nstaff; s++)
		for (k = 0; k < m->staff[s].nrooms; k++)
			m->rooms[m->staff[s].rooms[k]].nstaff++;
	for (r = 0; r < m->nrooms; r++) {
		m->rooms[r].staff = xcalloc((size_t)m->rooms[r].nstaff + 1, sizeof(int));
		m->rooms[r].nstaff = 0;
	}
	m->local = xmalloc(((size_t)m->nrooms * (size_t)m->nstaff + 1) * sizeof *m->local);
	for (size_t i = 0; i < (size_t)m->nrooms * (size_t)m->nstaff; i++)
		m->local[i] = -1;
	for (s = 0; s < m->nstaff; s++)
		for (k = 0; k < m->staff[s].nrooms; k++) {
			struct planner_room *room = &m->rooms[m->staff[s].rooms[k]];
			m->local[(size_t)m->staff[s].rooms[k] * (size_t)m->nstaff + (size_t)s] =
			    room->nstaff;
			room->staff[room->nstaff++] = s;
		}
	prepare_targets(m);
	for (r = 0; r < m->nrooms; r++) {
		maxm = m->rooms[r].nstaff > maxm ? m->rooms[r].nstaff : maxm;
		m->rooms[r].children = xcalloc((size_t)m->rooms[r].nchildren + 1, sizeof(int));
		m->rooms[r].nchildren = 0;
	}
	for (c = 0; c < m->nchildren; c++) {
		struct planner_room *room = &m->rooms[m->children[c].room];
		room->children[room->nchildren++] = c;
	}
	for (c = 0; c < m->nchildren; c++) {
		size_t ms = (size_t)planner_room_size(m, c);
		m->children[c].cost_off = entries;
		m->children[c].cover_off = covers;
		entries += ms * ms;
		covers += ms;
		if (entries > MAX_COST_ENTRIES) {
			snprintf(
			    err, errlen,
			    "instance too large: too many (child, primary, secondary) choices");
			return -1;
		}
	}
	if (m->npairs > 0) {
		allowed = xcalloc((size_t)m->nrooms + 1, sizeof *allowed);
		for (r = 0; r < m->nrooms; r++)
			allowed[r] =
			    xcalloc((size_t)m->rooms[r].nstaff * (size_t)m->rooms[r].nstaff + 1, 1);
		for (k = 0; k < m->npairs; k++) {
			int a = m->pairs[2 * k], b = m->pairs[2 * k + 1], q;
			for (q = 0; q < m->staff[a].nrooms; q++) {
				int rr = m->staff[a].rooms[q], ms = m->rooms[rr].nstaff;
				int la = m->local[(size_t)rr * (size_t)m->nstaff + (size_t)a];
				int lb = m->local[(size_t)rr * (size_t)m->nstaff + (size_t)b];
				if (lb < 0)
					continue;
				allowed[rr][la * ms + lb] = allowed[rr][lb * ms + la] = 1;
			}
		}
	}
	m->cover = xcalloc(covers + 1, sizeof *m->cover);
	m->cost = xcalloc(entries + 1, sizeof *m->cost);
	m->cap_primary = xcalloc((size_t)m->nstaff + 1, sizeof(int));
	m->cap_secondary = xcalloc((size_t)m->nstaff + 1, sizeof(int));
	absent = xcalloc((size_t)maxm + 1, sizeof *absent);
	lang = xcalloc((size_t)maxm + 1, sizeof *lang);
	for (c = 0; c < m->nchildren; c++) {
		struct planner_child *ch = &m->children[c];
		const struct planner_room *room = &m->rooms[ch->room];
		int ms = room->nstaff, i, j, d, foreign = strcmp(ch->home_language, "en") != 0;
		double *cost = m->cost + ch->cost_off;
		ch->events = 0;
		for (d = 0; d < DAY__MAX; d++)
			if (ch->arrive[d] >= 0)
				ch->events |= (uint16_t)(3u << (2 * d));
		for (i = 0; i < ms; i++) {
			int p = room->staff[i];
			m->cover[ch->cover_off + (size_t)i] = cover_mask(m, c, p);
			absent[i] = (double)absent_minutes(m, c, p);
			lang[i] = !foreign || speaks(&m->staff[p], ch->home_language);
		}
		/* the terms of child_terms(), from the per-staff parts above */
		for (i = 0; i < ms; i++) {
			int p = room->staff[i];
			const struct planner_staff *sp = &m->staff[p];
			uint16_t mi = m->cover[ch->cover_off + (size_t)i];
			for (j = 0; j < ms; j++) {
				int s2 = room->staff[j];
				uint16_t mj = m->cover[ch->cover_off + (size_t)j];
				if (i == j || !sp->key_person || sp->max_primary == 0 ||
				    m->staff[s2].max_secondary == 0 ||
				    (allowed && !allowed[ch->room][i * ms + j]) ||
				    (ch->locked &&
				     (p != ch->current_primary || s2 != ch->current_secondary))) {
					cost[i * ms + j] = INFINITY;
					continue;
				}
				cost[i * ms + j] =
				    m->weight[PC_UNCOVERED] *
				        __builtin_popcount(ch->events & (uint16_t) ~(mi | mj)) +
				    m->weight[PC_SECONDARY_ONLY] *
				        __builtin_popcount(mj & (uint16_t)~mi) +
				    m->weight[PC_ABSENT] * absent[i] +
				    m->weight[PC_JUNIOR] * (sp->junior && m->staff[s2].junior) +
				    m->weight[PC_PRIMARY_CHANGE] *
				        (ch->current_primary >= 0 && p != ch->current_primary) +
				    m->weight[PC_SECONDARY_CHANGE] * (ch->current_secondary >= 0 &&
				                                      s2 != ch->current_secondary) +
				    m->weight[PC_LANGUAGE] * (!lang[i] && !lang[j]) +
				    m->weight[PC_SEN] *
				        (ch->sen && !sp->sen_trained && !m->staff[s2].sen_trained);
			}
		}
#ifndef NDEBUG
		/* the matrix and the reference terms must agree: check one entry */
		for (i = 0; i < ms * ms; i++)
			if (isfinite(cost[i])) {
				double comp[PC__MAX] = {0}, total = 0;
				int q;
				child_terms(m, c, room->staff[i / ms], room->staff[i % ms], comp);
				for (q = 0; q < PC__MAX; q++)
					total += m->weight[q] * comp[q];
				assert(fabs(total - cost[i]) <= 1e-9 * fmax(1.0, fabs(total)));
				break;
			}
#endif
		/* effective caps: how many children could use each staff member */
		for (i = 0; i < ms; i++) {
			int canp = 0, cans = 0;
			for (j = 0; j < ms; j++) {
				canp |= isfinite(cost[i * ms + j]);
				cans |= isfinite(cost[j * ms + i]);
			}
			m->cap_primary[room->staff[i]] += canp;
			m->cap_secondary[room->staff[i]] += cans;
		}
	}
	for (s = 0; s < m->nstaff; s++) {
		if (m->cap_primary[s] > m->staff[s].max_primary)
			m->cap_primary[s] = (int)m->staff[s].max_primary;
		if (m->cap_secondary[s] > m->staff[s].max_secondary)
			m->cap_secondary[s] = (int)m->staff[s].max_secondary;
	}
	if (allowed) {
		for (r = 0; r < m->nrooms; r++)
			free(allowed[r]);
		free(allowed);
	}
	free(absent);
	free(lang);
	prepare_siblings(m);
	return 0;
}

void planner_model_free(struct planner_model *m)
{
	int i;
	for (i = 0; m->staff && i < m->nstaff; i++) {
		free(m->staff[i].rooms);
		free(m->staff[i].languages);
	}
	for (i = 0; m->children && i < m->nchildren; i++)
		free(m->children[i].siblings);
	for (i = 0; m->rooms && i < m->nrooms; i++) {
		free(m->rooms[i].staff);
		free(m->rooms[i].children);
	}
	for (i = 0; m->groups && i < m->ngroups; i++) {
		free(m->groups[i].children);
		free(m->groups[i].parent);
	}
	free(m->staff);
	free(m->children);
	free(m->rooms);
	free(m->pairs);
	free(m->cover);
	free(m->cost);
	free(m->local);
	free(m->sib);
	free(m->sib_start);
	free(m->sib_adj);
	free(m->groups);
	free(m->cap_primary);
	free(m->cap_secondary);
	memset(m, 0, sizeof *m);
}

void planner_score(const struct planner_model *m, const int *primary, const int *secondary,
                   double comp[PC__MAX], double *total)
{
	int *lp = xcalloc((size_t)m->nstaff + 1, sizeof *lp),
	    *ls = xcalloc((size_t)m->nstaff + 1, sizeof *ls);
	int c, s, k;
	for (k = 0; k < PC__MAX; k++)
		comp[k] = 0;
	for (c = 0; c < m->nchildren; c++) {
		child_terms(m, c, primary[c], secondary[c], comp);
		lp[primary[c]]++;
		ls[secondary[c]]++;
	}
	for (k = 0; k < m->nsib; k++)
		comp[PC_SIBLING] += primary[m->sib[k][0]] != primary[m->sib[k][1]];
	for (s = 0; s < m->nstaff; s++) {
		double dp = lp[s] - m->staff[s].target_primary,
		       ds = ls[s] - m->staff[s].target_secondary;
		if (m->staff[s].key_person)
			comp[PC_PRIMARY_BALANCE] += dp * dp;
		comp[PC_SECONDARY_BALANCE] += ds * ds;
	}
	*total = 0;
	for (k = 0; k < PC__MAX; k++)
		*total += m->weight[k] * comp[k];
	free(lp);
	free(ls);
}

int planner_valid(const struct planner_model *m, const int *primary, const int *secondary,
                  char *buf, size_t buflen)
{
	int *lp = xcalloc((size_t)m->nstaff + 1, sizeof *lp),
	    *ls = xcalloc((size_t)m->nstaff + 1, sizeof *ls);
	int c, s, k, ok = 1;
	char tmp[8];
	if (!buf) {
		buf = tmp;
		buflen = sizeof tmp;
	}
	buf[0] = '\0';
	for (c = 0; c < m->nchildren && ok; c++) {
		const struct planner_child *ch = &m->children[c];
		int p = primary[c], s2 = secondary[c];
		lp[p]++;
		ls[s2]++;
		if (!in_room(&m->staff[p], ch->room) || !m->staff[p].key_person) {
			snprintf(buf, buflen, "%s: primary %s is not an eligible key person",
			         ch->id, m->staff[p].id);
			ok = 0;
		} else if (!in_room(&m->staff[s2], ch->room) || s2 == p) {
			snprintf(buf, buflen, "%s: secondary %s is not eligible", ch->id,
			         m->staff[s2].id);
			ok = 0;
		} else if (ch->locked &&
		           (p != ch->current_primary || s2 != ch->current_secondary)) {
			snprintf(buf, buflen, "%s: locked child moved", ch->id);
			ok = 0;
		} else if (m->npairs > 0) {
			int found = 0;
			for (k = 0; k < m->npairs && !found; k++)
				found = (m->pairs[2 * k] == p && m->pairs[2 * k + 1] == s2) ||
				        (m->pairs[2 * k] == s2 && m->pairs[2 * k + 1] == p);
			if (!found) {
				snprintf(buf, buflen, "%s: (%s, %s) is not a fixed pair", ch->id,
				         m->staff[p].id, m->staff[s2].id);
				ok = 0;
			}
		}
	}
	for (s = 0; s < m->nstaff && ok; s++) {
		if (lp[s] > m->staff[s].max_primary) {
			snprintf(buf, buflen, "%s: %d primary > max %ld", m->staff[s].id, lp[s],
			         m->staff[s].max_primary);
			ok = 0;
		} else if (ls[s] > m->staff[s].max_secondary) {
			snprintf(buf, buflen, "%s: %d secondary > max %ld", m->staff[s].id, ls[s],
			         m->staff[s].max_secondary);
			ok = 0;
		}
	}
	free(lp);
	free(ls);
	return ok;
}
