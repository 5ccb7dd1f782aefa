/*
 * planner_explain.c — the human-readable report of a plan (`kw plan
 * --explain`): the status and score, per child who greets and who hands
 * over on each day it attends, per staff member the load against the fair
 * share, and every uncovered event with its reason and the room staff who
 * could have covered it. Text is built in one growable buffer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "planner/planner.h"
#include "planner/planner_json.h"
#include "util.h"

struct text {
	char *s;
	size_t len, cap;
};

static void PRINTF_LIKE(2, 3) put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		t->cap = 2 * t->cap + (size_t)n + 1;
		t->s = xrealloc(t->s, t->cap);
	}
}

static const char *time_str(char *buf, size_t n, int minutes)
{
	snprintf(buf, n, "%02d:%02d", minutes / 60, minutes % 60);
	return buf;
}

static int covers(const struct planner_staff *s, int d, int t, int leave)
{
	int u = s->shift_start[d], v = s->shift_end[d];
	if (u < 0)
		return 0;
	return leave ? (u < t && t <= v) : (u <= t && t < v);
}

char *planner_explain(const json_t *in, const json_t *result)
{
	struct text t = {xmalloc(4096), 0, 4096};
	struct planner_model m;
	int *p, *s, c, d, e, k;
	char err[256];
	const json_t *status = json_object_get(result, "status");
	const json_t *score = json_object_get(result, "score");
	const json_t *bound = json_object_get(result, "bound");
	t.s[0] = '\0';

	put(&t, "Plan status: %s\n", json_is_string(status) ? json_string_value(status) : "?");
	if (json_is_string(json_object_get(result, "reason")))
		put(&t, "Reason: %s\n", json_string_value(json_object_get(result, "reason")));
	if (json_is_object(score)) {
		const char *key;
		json_t *v;
		put(&t, "Score: %.4f", json_number_value(json_object_get(score, "total")));
		if (json_is_number(bound))
			put(&t, " (proven lower bound %.4f)", json_number_value(bound));
		put(&t, "\n");
		json_object_foreach ((json_t *)score, key, v) {
			if (strcmp(key, "total") != 0 && json_is_number(v) &&
			    json_number_value(v) != 0)
				put(&t, "  %-24s %g\n", key, json_number_value(v));
		}
	}
	if (planner_json_load_result(in, result, &m, &p, &s, err, sizeof err)) {
		if (json_array_size(json_object_get(result, "assignments")) > 0)
			put(&t, "(no per-child report: %s)\n", err);
		return t.s;
	}

	put(&t, "\nChildren: who greets (G) and who hands over (L) each day\n");
	for (c = 0; c < m.nchildren; c++) {
		const struct planner_child *ch = &m.children[c];
		put(&t, "%s %s [%s]: primary %s, secondary %s\n", ch->id, ch->name,
		    m.rooms[ch->room].id, m.staff[p[c]].id, m.staff[s[c]].id);
		for (d = 0; d < DAY__MAX; d++) {
			char a[16], b[16];
			if (ch->arrive[d] < 0)
				continue;
			put(&t, "  %s %s-%s", planner_day_names[d],
			    time_str(a, sizeof a, ch->arrive[d]),
			    time_str(b, sizeof b, ch->depart[d]));
			for (e = 0; e < 2; e++) {
				int tm = e ? ch->depart[d] : ch->arrive[d];
				const char *who =
				    covers(&m.staff[p[c]], d, tm, e)   ? m.staff[p[c]].id
				    : covers(&m.staff[s[c]], d, tm, e) ? m.staff[s[c]].id
				                                       : "NOBODY";
				put(&t, "  %s: %s", e ? "L" : "G", who);
			}
			put(&t, "\n");
		}
	}

	put(&t, "\nStaff: load against fair share\n");
	{
		int *lp = xcalloc((size_t)m.nstaff + 1, sizeof *lp),
		    *ls = xcalloc((size_t)m.nstaff + 1, sizeof *ls);
		for (c = 0; c < m.nchildren; c++) {
			lp[p[c]]++;
			ls[s[c]]++;
		}
		for (k = 0; k < m.nstaff; k++) {
			const struct planner_staff *st = &m.staff[k];
			put(&t,
			    "%-10s %-24s primary %2d (fair share %5.2f%s)  secondary %2d (fair "
			    "share %5.2f)\n",
			    st->id, st->name, lp[k], st->target_primary,
			    st->key_person ? "" : ", buddy only", ls[k], st->target_secondary);
		}
		free(lp);
		free(ls);
	}

	put(&t, "\nUncovered events\n");
	{
		int n = 0;
		for (c = 0; c < m.nchildren; c++) {
			const struct planner_child *ch = &m.children[c];
			const struct planner_room *room = &m.rooms[ch->room];
			for (d = 0; d < DAY__MAX; d++) {
				if (ch->arrive[d] < 0)
					continue;
				for (e = 0; e < 2; e++) {
					int tm = e ? ch->depart[d] : ch->arrive[d], w, i, any = 0;
					char a[16], b[16];
					if (covers(&m.staff[p[c]], d, tm, e) ||
					    covers(&m.staff[s[c]], d, tm, e))
						continue;
					n++;
					put(&t, "%s %s %s %s: ", ch->id, planner_day_names[d],
					    e ? "leave" : "greet", time_str(a, sizeof a, tm));
					for (w = 0; w < 2; w++) {
						const struct planner_staff *st =
						    &m.staff[w ? s[c] : p[c]];
						if (st->shift_start[d] < 0)
							put(&t, "%s%s (%s) is off", w ? "; " : "",
							    st->id, w ? "secondary" : "primary");
						else
							put(&t, "%s%s (%s) works %s-%s",
							    w ? "; " : "", st->id,
							    w ? "secondary" : "primary",
							    time_str(a, sizeof a,
							             st->shift_start[d]),
							    time_str(b, sizeof b,
							             st->shift_end[d]));
					}
					put(&t, ". Could cover:");
					for (i = 0; i < room->nstaff; i++)
						if (covers(&m.staff[room->staff[i]], d, tm, e)) {
							put(&t, " %s", m.staff[room->staff[i]].id);
							any = 1;
						}
					put(&t, "%s\n", any ? "" : " nobody in the room");
				}
			}
		}
		if (n == 0)
			put(&t, "none\n");
	}
	free(p);
	free(s);
	planner_model_free(&m);
	return t.s;
}
