/*
 * page_keygroups_model.c — the key-group model of page_keygroups.h (prefix
 * kg_): a planner instance read into arrays of staff and children, an
 * assignment laid over it, and what follows from the assignment by the rules
 * of SPEC.md — the greet at arrival is covered by a shift [u, v) when
 * u <= a < v, the hand-over at departure when u < b <= v; fair shares are
 * n(room) * h(s) / sum of h over the room's (key) staff; "junior" is under
 * twelve months' experience. The diff compares two models of one instance
 * child by child and says in words what each change gains and costs.
 * JSON for the API is built here too, so a page and its /api/v1 twin say
 * the same thing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "page_keygroups.h"
#include "planner/planner.h"

#define JUNIOR_MONTHS 12

const struct kg_component kg_components[11] = {
    {"uncovered_events", "Greets and hand-overs with nobody who knows the child", 0},
    {"secondary_only_events", "Greets and hand-overs by the buddy only", 0},
    {"primary_absent_minutes", "Minutes a child is in while the key person is not", 0},
    {"junior_pairs", "Children with two junior staff as key person and buddy", 0},
    {"primary_changes", "Children with a new key person", 0},
    {"secondary_changes", "Children with a new buddy", 0},
    {"sibling_splits", "Siblings in one room with different key persons", 0},
    {"language_unmatched", "Home language spoken by neither key person nor buddy", 0},
    {"sen_unsupported", "SEN with neither key person nor buddy SEN-trained", 0},
    {"primary_balance", "Key groups away from their fair share (sum of squares)", 1},
    {"secondary_balance", "Buddy groups away from their fair share (sum of squares)", 1},
};

static const char *text(struct arena *a, const json_t *j, const char *dflt)
{
	const char *s = json_string_value(j);
	return arena_strdup(a, s ? s : dflt);
}

/* ["HH:MM","HH:MM"] into minutes; -1s when absent or malformed. */
static void span(const json_t *j, int out[2])
{
	int a, b;
	out[0] = out[1] = -1;
	if (json_array_size(j) != 2 ||
	    time_parse(json_string_value(json_array_get(j, 0)) ?: "", &a) ||
	    time_parse(json_string_value(json_array_get(j, 1)) ?: "", &b) || a >= b)
		return;
	out[0] = a;
	out[1] = b;
}

static const char *const *strings(struct arena *a, const json_t *arr, size_t *n)
{
	const char **v;
	size_t i;
	json_t *x;
	*n = 0;
	v = arena_alloc(a, (json_array_size(arr) + 1) * sizeof *v);
	json_array_foreach (arr, i, x) {
		if (json_is_string(x))
			v[(*n)++] = arena_strdup(a, json_string_value(x));
	}
	return v;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct kg_index *)a)->code, ((const struct kg_index *)b)->code);
}

static int lookup(const struct kg_index *index, size_t n, const char *code)
{
	struct kg_index key = {.code = code}, *hit;
	if (!code || !index)
		return -1;
	hit = bsearch(&key, index, n, sizeof key, by_code);
	return hit ? hit->i : -1;
}

int kg_model_staff(const struct kg_model *m, const char *code)
{
	return lookup(m->staff_index, m->nstaff, code);
}

int kg_model_child(const struct kg_model *m, const char *code)
{
	return lookup(m->child_index, m->nchildren, code);
}

/* Sorted (code, index) pairs; ids are unique in a valid instance. */
static struct kg_index *index_codes(struct arena *a, size_t n,
                                    const char *(*code)(const void *, size_t), const void *v)
{
	struct kg_index *ix = arena_alloc(a, (n + 1) * sizeof *ix);
	for (size_t i = 0; i < n; i++) {
		ix[i].code = code(v, i);
		ix[i].i = (int)i;
	}
	qsort(ix, n, sizeof *ix, by_code);
	return ix;
}

static const char *staff_code(const void *v, size_t i)
{
	return ((const struct kg_staff *)v)[i].code;
}

static const char *child_code(const void *v, size_t i)
{
	return ((const struct kg_child *)v)[i].code;
}

static void add_room(struct kg_model *m, const char *room, size_t cap)
{
	for (size_t i = 0; i < m->nrooms; i++)
		if (strcmp(m->rooms[i], room) == 0)
			return;
	if (m->nrooms < cap)
		m->rooms[m->nrooms++] = room;
}

static void fair_shares(struct kg_model *m)
{
	for (size_t i = 0; i < m->nstaff; i++) {
		struct kg_staff *s = &m->staff[i];
		double h = 0, sum_key = 0, sum_all = 0;
		int n = 0;
		for (int d = 0; d < KG_DAYS; d++)
			if (s->shift[d][0] >= 0)
				h += s->shift[d][1] - s->shift[d][0];
		for (size_t c = 0; c < m->nchildren; c++)
			n += strcmp(m->children[c].room, s->home_room) == 0;
		for (size_t j = 0; j < m->nstaff; j++) {
			const struct kg_staff *o = &m->staff[j];
			double hj = 0;
			if (strcmp(o->home_room, s->home_room) != 0)
				continue;
			for (int d = 0; d < KG_DAYS; d++)
				if (o->shift[d][0] >= 0)
					hj += o->shift[d][1] - o->shift[d][0];
			sum_all += hj;
			if (o->key_person)
				sum_key += hj;
		}
		s->target_primary = s->key_person && sum_key > 0 ? n * h / sum_key : 0;
		s->target_secondary = sum_all > 0 ? n * h / sum_all : 0;
	}
}

int kg_model_init(struct kg_model *m, struct arena *a, const json_t *in, char *err, size_t errlen)
{
	const json_t *jstaff = json_object_get(in, "staff"),
	             *jkids = json_object_get(in, "children");
	size_t i, nroom_cap;
	json_t *x;

	memset(m, 0, sizeof *m);
	m->a = a;
	if (!json_is_array(jstaff) || !json_is_array(jkids)) {
		snprintf(err, errlen, "the plan has no staff or children");
		return -1;
	}
	m->date = text(a, json_object_get(in, "setting"), "");
	m->staff = arena_alloc(a, (json_array_size(jstaff) + 1) * sizeof *m->staff);
	m->children = arena_alloc(a, (json_array_size(jkids) + 1) * sizeof *m->children);
	nroom_cap = json_array_size(jkids) + json_array_size(jstaff) + 1;
	m->rooms = arena_alloc(a, nroom_cap * sizeof *m->rooms);

	json_array_foreach (jstaff, i, x) {
		struct kg_staff *s = &m->staff[m->nstaff++];
		const json_t *kp = json_object_get(x, "key_person"),
		             *shifts = json_object_get(x, "shifts");
		memset(s, 0, sizeof *s);
		s->code = text(a, json_object_get(x, "id"), "?");
		s->name = text(a, json_object_get(x, "name"), s->code);
		s->rooms = strings(a, json_object_get(x, "rooms"), &s->nrooms);
		s->home_room = s->nrooms ? s->rooms[0] : "";
		s->languages = strings(a, json_object_get(x, "languages"), &s->nlanguages);
		s->key_person = kp ? json_is_true(kp) : 1;
		s->sen_trained = json_is_true(json_object_get(x, "sen_trained"));
		s->junior =
		    json_integer_value(json_object_get(x, "experience_months")) < JUNIOR_MONTHS;
		for (int d = 0; d < KG_DAYS; d++)
			span(json_object_get(shifts, date_weekday_name(d)), s->shift[d]);
	}
	json_array_foreach (jkids, i, x) {
		struct kg_child *c = &m->children[m->nchildren++];
		const json_t *att = json_object_get(x, "attends");
		memset(c, 0, sizeof *c);
		c->code = text(a, json_object_get(x, "id"), "?");
		c->name = text(a, json_object_get(x, "name"), c->code);
		c->room = text(a, json_object_get(x, "room"), "");
		c->home_language = text(a, json_object_get(x, "home_language"), "en");
		c->sen = json_is_true(json_object_get(x, "sen"));
		c->primary = c->secondary = -1;
		for (int d = 0; d < KG_DAYS; d++)
			span(json_object_get(att, date_weekday_name(d)), c->attends[d]);
		add_room(m, c->room, nroom_cap);
	}
	m->staff_index = index_codes(a, m->nstaff, staff_code, m->staff);
	m->child_index = index_codes(a, m->nchildren, child_code, m->children);
	/* the pair in force, once the staff are all known */
	json_array_foreach (jkids, i, x) {
		const json_t *cur = json_object_get(x, "current");
		struct kg_child *c = &m->children[i];
		c->current[0] =
		    kg_model_staff(m, json_string_value(json_object_get(cur, "primary")));
		c->current[1] =
		    kg_model_staff(m, json_string_value(json_object_get(cur, "secondary")));
		if (c->current[0] < 0 || c->current[1] < 0 || c->current[0] == c->current[1])
			c->current[0] = c->current[1] = -1;
	}
	for (i = 0; i < m->nstaff; i++)
		if (*m->staff[i].home_room)
			add_room(m, m->staff[i].home_room, nroom_cap);
	/* siblings by index, once the codes are all known */
	json_array_foreach (jkids, i, x) {
		const json_t *sib = json_object_get(x, "siblings");
		int *v = arena_alloc(a, (json_array_size(sib) + 1) * sizeof *v);
		size_t k, n = 0;
		json_t *y;
		json_array_foreach (sib, k, y) {
			int j = kg_model_child(m, json_string_value(y));
			if (j >= 0 && (size_t)j != i)
				v[n++] = j;
		}
		m->children[i].siblings = v;
		m->children[i].nsiblings = n;
	}
	fair_shares(m);
	return 0;
}

int kg_covers(const struct kg_staff *s, int d, enum kg_event ev, int t)
{
	int u = s->shift[d][0], v = s->shift[d][1];
	if (u < 0)
		return 0;
	return ev == KG_GREET ? (u <= t && t < v) : (u < t && t <= v);
}

static int speaks(const struct kg_staff *s, const char *lang)
{
	for (size_t k = 0; k < s->nlanguages; k++)
		if (strcmp(s->languages[k], lang) == 0)
			return 1;
	return 0;
}

void kg_model_assign(struct kg_model *m, const json_t *asg)
{
	size_t i;
	json_t *x;
	for (i = 0; i < m->nchildren; i++)
		m->children[i].primary = m->children[i].secondary = -1;
	for (i = 0; i < m->nstaff; i++)
		m->staff[i].primary = m->staff[i].secondary = 0;
	if (!asg)
		for (i = 0; i < m->nchildren; i++) {
			m->children[i].primary = m->children[i].current[0];
			m->children[i].secondary = m->children[i].current[1];
		}
	json_array_foreach (asg, i, x) {
		int c = kg_model_child(m, json_string_value(json_object_get(x, "child")));
		int p = kg_model_staff(m, json_string_value(json_object_get(x, "primary")));
		int q = kg_model_staff(m, json_string_value(json_object_get(x, "secondary")));
		if (c < 0 || p < 0 || q < 0 || p == q)
			continue;
		m->children[c].primary = p;
		m->children[c].secondary = q;
	}
	m->assigned = 1;
	for (i = 0; i < m->nchildren; i++) {
		struct kg_child *c = &m->children[i];
		const struct kg_staff *p = c->primary >= 0 ? &m->staff[c->primary] : NULL;
		const struct kg_staff *q = c->secondary >= 0 ? &m->staff[c->secondary] : NULL;
		if (!p || !q) {
			m->assigned = 0;
		} else {
			m->staff[c->primary].primary++;
			m->staff[c->secondary].secondary++;
		}
		c->events = c->by_primary = c->by_buddy = c->by_nobody = 0;
		c->primary_absent_minutes = 0;
		for (int d = 0; d < KG_DAYS; d++) {
			int a = c->attends[d][0], b = c->attends[d][1];
			if (a < 0) {
				c->by[d][KG_GREET] = c->by[d][KG_LEAVE] = KG_OFF;
				continue;
			}
			for (int ev = 0; ev < KG_EVENT__MAX; ev++) {
				int t = ev == KG_GREET ? a : b;
				enum kg_by by =
				    p && kg_covers(p, d, (enum kg_event)ev, t)   ? KG_BY_PRIMARY
				    : q && kg_covers(q, d, (enum kg_event)ev, t) ? KG_BY_BUDDY
				                                                 : KG_BY_NOBODY;
				c->by[d][ev] = by;
				c->events++;
				c->by_primary += by == KG_BY_PRIMARY;
				c->by_buddy += by == KG_BY_BUDDY;
				c->by_nobody += by == KG_BY_NOBODY;
			}
			if (!p || p->shift[d][0] < 0) {
				c->primary_absent_minutes += b - a;
			} else {
				int lo = a > p->shift[d][0] ? a : p->shift[d][0];
				int hi = b < p->shift[d][1] ? b : p->shift[d][1];
				c->primary_absent_minutes += (b - a) - (hi > lo ? hi - lo : 0);
			}
		}
		c->language_matched =
		    strcmp(c->home_language, "en") == 0
		        ? -1
		        : (p && speaks(p, c->home_language)) || (q && speaks(q, c->home_language));
		c->sen_supported = !c->sen ? -1 : (p && p->sen_trained) || (q && q->sen_trained);
		c->junior_pair = p && q && p->junior && q->junior;
	}
	for (i = 0; i < m->nchildren; i++) {
		struct kg_child *c = &m->children[i];
		c->sibling_splits = 0;
		for (size_t k = 0; k < c->nsiblings; k++) {
			const struct kg_child *o = &m->children[c->siblings[k]];
			if (strcmp(o->room, c->room) == 0 && o->primary != c->primary)
				c->sibling_splits++;
		}
	}
}

json_t *kg_assignment_json(const struct kg_model *m)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < m->nchildren; i++) {
		const struct kg_child *c = &m->children[i];
		if (c->primary >= 0 && c->secondary >= 0)
			json_array_append_new(arr,
			                      json_pack("{s:s, s:s, s:s}", "child", c->code,
			                                "primary", m->staff[c->primary].code,
			                                "secondary", m->staff[c->secondary].code));
	}
	return arr;
}

json_t *kg_score(const json_t *instance, const struct kg_model *m)
{
	json_t *asg, *score = NULL;
	char err[256];
	int valid;
	if (!m->assigned)
		return NULL;
	asg = kg_assignment_json(m);
	if (planner_score_json(instance, asg, &score, &valid, err, sizeof err) != 0)
		score = NULL;
	json_decref(asg);
	return score;
}

void kg_model_child_ids(struct kg_model *m, struct store *s, int64_t setting_id)
{
	struct store_stmt *st = store_stmt(s, STMT_CHILDREN_ON_ROLL);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, m->date);
	store_bind_text(st, 3, m->date);
	while (store_step(st) == STORE_ROW) {
		int c = kg_model_child(m, store_col_text(st, 1));
		if (c >= 0)
			m->children[c].id = store_col_int(st, 0);
	}
	store_finish(st);
}

int kg_next_monday(int day)
{
	return day + 7 - date_weekday(day);
}

/* The reasons of one change, appended to a growing list in the arena. */
struct lines {
	const char **v;
	size_t n, cap;
	struct arena *a;
};

static void PRINTF_LIKE(2, 3) say(struct lines *l, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	if (l->n == l->cap) {
		const char **v = arena_alloc(l->a, (l->cap * 2 + 4) * sizeof *v);
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v;
		l->cap = l->cap * 2 + 4;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	l->v[l->n++] = arena_strdup(l->a, msg);
}

static const char *staff_name(const struct kg_model *m, int s)
{
	return s >= 0 ? m->staff[s].name : "nobody";
}

/* "Load balanced" when moving this one child from old to new, all else as
 * now, brings the two closer to their fair shares (sum of squares). */
static void balance(const struct kg_model *now, int old, int neu, int primary, struct lines *why)
{
	const struct kg_staff *o = &now->staff[old], *n = &now->staff[neu];
	double to = primary ? o->target_primary : o->target_secondary;
	double tn = primary ? n->target_primary : n->target_secondary;
	int lo = primary ? o->primary : o->secondary, ln = primary ? n->primary : n->secondary;
	double before = (lo - to) * (lo - to) + (ln - tn) * (ln - tn);
	double after = (lo - 1 - to) * (lo - 1 - to) + (ln + 1 - tn) * (ln + 1 - tn);
	if (after + 0.01 >= before)
		return;
	say(why, "load balanced: %s has %d %s now (fair share %.1f), %s %d (fair share %.1f)",
	    o->name, lo, primary ? "key children" : "buddy children", to, n->name, ln, tn);
}

static void reasons(const struct kg_model *now, const struct kg_model *next, int i,
                    struct lines *why, struct lines *but)
{
	const struct kg_child *a = &now->children[i], *b = &next->children[i];
	int covered_now = a->events - a->by_nobody, covered_next = b->events - b->by_nobody;

	if (a->primary < 0 || a->secondary < 0)
		say(why, "has no key person and buddy now");
	if (covered_next > covered_now)
		say(why,
		    "coverage gained: someone who knows them greets and hands over %d of %d times "
		    "a week, not %d",
		    covered_next, b->events, covered_now);
	else if (covered_next < covered_now)
		say(but,
		    "coverage lost: someone who knows them greets and hands over %d of %d times "
		    "a week, not %d",
		    covered_next, b->events, covered_now);
	if (b->by_primary > a->by_primary && covered_next >= covered_now)
		say(why, "the key person greets or hands over %d times a week, not %d",
		    b->by_primary, a->by_primary);
	if (b->primary_absent_minutes + 30 <= a->primary_absent_minutes)
		say(why, "the key person is in for %d more minutes of the child's week",
		    a->primary_absent_minutes - b->primary_absent_minutes);
	if (b->sibling_splits < a->sibling_splits) {
		const char *sib = "";
		for (size_t k = 0; k < b->nsiblings; k++) {
			const struct kg_child *o = &next->children[b->siblings[k]];
			if (strcmp(o->room, b->room) == 0 && o->primary == b->primary) {
				sib = o->name;
				break;
			}
		}
		say(why, "sibling kept together: the same key person as %s", sib);
	} else if (b->sibling_splits > a->sibling_splits) {
		say(but, "a sibling in the room has a different key person");
	}
	if (a->language_matched == 0 && b->language_matched == 1)
		say(why, "language matched: %s speaks their home language (%s)",
		    speaks(&next->staff[b->primary], b->home_language)
		        ? staff_name(next, b->primary)
		        : staff_name(next, b->secondary),
		    b->home_language);
	else if (a->language_matched == 1 && b->language_matched == 0)
		say(but, "neither key person nor buddy speaks their home language (%s)",
		    b->home_language);
	if (a->sen_supported == 0 && b->sen_supported == 1)
		say(why, "SEN matched: a SEN-trained key person or buddy");
	else if (a->sen_supported == 1 && b->sen_supported == 0)
		say(but, "neither key person nor buddy is SEN-trained");
	if (a->junior_pair && !b->junior_pair)
		say(why, "junior pair avoided: an experienced colleague as key person or buddy");
	else if (!a->junior_pair && b->junior_pair)
		say(but, "key person and buddy are both junior");
	if (a->primary != b->primary && a->primary >= 0)
		balance(now, a->primary, b->primary, 1, why);
	else if (a->secondary != b->secondary && a->secondary >= 0)
		balance(now, a->secondary, b->secondary, 0, why);
	if (!why->n)
		say(why, "part of a wider change that makes the plan better overall");
}

size_t kg_diff(const struct kg_model *now, const struct kg_model *next, struct kg_change **out)
{
	struct kg_change *v = arena_alloc(now->a, (now->nchildren + 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < now->nchildren && i < next->nchildren; i++) {
		const struct kg_child *a = &now->children[i], *b = &next->children[i];
		struct lines why = {.a = now->a}, but = {.a = now->a};
		if (a->primary == b->primary && a->secondary == b->secondary)
			continue;
		reasons(now, next, (int)i, &why, &but);
		v[n].child = (int)i;
		v[n].why = why.v;
		v[n].nwhy = why.n;
		v[n].but = but.v;
		v[n].nbut = but.n;
		n++;
	}
	*out = v;
	return n;
}

static json_t *staff_ref(const struct kg_model *m, int s)
{
	if (s < 0)
		return json_null();
	return json_pack("{s:s, s:s}", "id", m->staff[s].code, "name", m->staff[s].name);
}

static json_t *uncovered_json(const struct kg_model *m)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < m->nchildren; i++) {
		const struct kg_child *c = &m->children[i];
		for (int d = 0; d < KG_DAYS; d++)
			for (int ev = 0; ev < KG_EVENT__MAX; ev++) {
				char t[TIME_LEN];
				json_t *could;
				if (c->by[d][ev] != KG_BY_NOBODY)
					continue;
				time_format(c->attends[d][ev], t);
				could = json_array();
				for (size_t s = 0; s < m->nstaff; s++) {
					const struct kg_staff *st = &m->staff[s];
					int in_room = 0;
					for (size_t r = 0; r < st->nrooms; r++)
						in_room |= strcmp(st->rooms[r], c->room) == 0;
					if (in_room &&
					    kg_covers(st, d, (enum kg_event)ev, c->attends[d][ev]))
						json_array_append_new(could, json_string(st->code));
				}
				json_array_append_new(
				    arr,
				    json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "child", c->code,
				              "room", c->room, "day", date_weekday_name(d), "event",
				              ev == KG_GREET ? "greet" : "hand_over", "time", t,
				              "could_cover", could));
			}
	}
	return arr;
}

json_t *kg_keygroups_json(const struct kg_model *m)
{
	json_t *root = json_object(), *rooms = json_array(), *unassigned = json_array();
	for (size_t r = 0; r < m->nrooms; r++) {
		json_t *people = json_array();
		for (size_t s = 0; s < m->nstaff; s++) {
			const struct kg_staff *st = &m->staff[s];
			json_t *key, *buddy;
			if (strcmp(st->home_room, m->rooms[r]) != 0)
				continue;
			key = json_array();
			buddy = json_array();
			for (size_t c = 0; c < m->nchildren; c++) {
				if (m->children[c].primary == (int)s)
					json_array_append_new(key,
					                      json_string(m->children[c].code));
				if (m->children[c].secondary == (int)s)
					json_array_append_new(buddy,
					                      json_string(m->children[c].code));
			}
			json_array_append_new(
			    people,
			    json_pack("{s:s, s:s, s:b, s:i, s:f, s:i, s:f, s:o, s:o}", "id",
			              st->code, "name", st->name, "key_person", st->key_person,
			              "primary", st->primary, "target_primary", st->target_primary,
			              "secondary", st->secondary, "target_secondary",
			              st->target_secondary, "key_children", key, "buddy_children",
			              buddy));
		}
		json_array_append_new(
		    rooms, json_pack("{s:s, s:o}", "room", m->rooms[r], "staff", people));
	}
	for (size_t c = 0; c < m->nchildren; c++)
		if (m->children[c].primary < 0)
			json_array_append_new(unassigned, json_string(m->children[c].code));
	json_object_set_new(root, "date", json_string(m->date));
	json_object_set_new(root, "rooms", rooms);
	json_object_set_new(root, "without_key_person", unassigned);
	json_object_set_new(root, "uncovered", uncovered_json(m));
	return root;
}

static json_t *lines_json(const char **v, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	return arr;
}

json_t *kg_changes_json(const struct kg_model *now, const struct kg_model *next,
                        const struct kg_change *ch, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct kg_child *a = &now->children[ch[i].child],
		                      *b = &next->children[ch[i].child];
		json_array_append_new(
		    arr,
		    json_pack(
		        "{s:s, s:s, s:s, s:{s:o, s:o}, s:{s:o, s:o}, s:{s:i, s:i, s:i}, s:o, s:o}",
		        "child", a->code, "name", a->name, "room", a->room, "now", "primary",
		        staff_ref(now, a->primary), "secondary", staff_ref(now, a->secondary),
		        "proposed", "primary", staff_ref(next, b->primary), "secondary",
		        staff_ref(next, b->secondary), "covered", "events", a->events, "now",
		        a->events - a->by_nobody, "proposed", b->events - b->by_nobody, "why",
		        lines_json(ch[i].why, ch[i].nwhy), "but",
		        lines_json(ch[i].but, ch[i].nbut)));
	}
	return arr;
}
