/*
 * planner_json_read.c — the input half of the planner's JSON edge: reads a
 * keyworker-plan/1 object into a struct planner_model, checking every value
 * the spec defines. Nothing here trusts the input: every key is type- and
 * range-checked, ids are looked up in small hash tables (so a huge input
 * costs linear time), and the first problem found is reported as one line
 * naming the object's id (or its array position when it has none) and the
 * key, e.g.  child "c7": key "current.primary": unknown staff id "s99".
 * Strings in the model point into the json_t, which must outlive it.
 */
#include "planner/planner_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define MAX_STAFF 5000
#define MAX_CHILDREN 50000
#define MAX_PAIRS 100000

const char *const planner_day_names[DAY__MAX] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

struct parse {
	char *err;
	size_t errlen;
};

static int PRINTF_LIKE(2, 3) fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;
	if (p->err && p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err, p->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Open-addressing string -> index table. */
struct id_table {
	const char **key;
	int *val;
	size_t cap;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void id_table_init(struct id_table *t, size_t n)
{
	t->cap = 16;
	while (t->cap < 2 * n + 16)
		t->cap *= 2;
	t->key = xcalloc(t->cap, sizeof *t->key);
	t->val = xcalloc(t->cap, sizeof *t->val);
}

static void id_table_free(struct id_table *t)
{
	free(t->key);
	free(t->val);
}

static int id_table_get(const struct id_table *t, const char *k)
{
	size_t i = hash_str(k) & (t->cap - 1);
	while (t->key[i]) {
		if (strcmp(t->key[i], k) == 0)
			return t->val[i];
		i = (i + 1) & (t->cap - 1);
	}
	return -1;
}

/* Insert; returns the existing value when k is already present, else -1.
 * The table must have room (callers size it for every key they insert). */
static int id_table_put(struct id_table *t, const char *k, int v)
{
	size_t i = hash_str(k) & (t->cap - 1);
	while (t->key[i]) {
		if (strcmp(t->key[i], k) == 0)
			return t->val[i];
		i = (i + 1) & (t->cap - 1);
	}
	t->key[i] = k;
	t->val[i] = v;
	return -1;
}

/* A whole number (JSON integer, or a real with no fraction) in [lo, hi]. */
static int get_integer(const json_t *v, long lo, long hi, long *out)
{
	double d;
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		if (i < lo || i > hi)
			return -1;
		*out = (long)i;
		return 0;
	}
	if (!json_is_real(v))
		return -1;
	d = json_real_value(v);
	if (!(d >= (double)lo && d <= (double)hi) || d != floor(d))
		return -1;
	*out = (long)d;
	return 0;
}

static int get_number(const json_t *v, double *out)
{
	if (!json_is_number(v))
		return -1;
	*out = json_number_value(v);
	return isfinite(*out) ? 0 : -1;
}

/* "HH:MM" (hours 0-24, 24 only as 24:00) -> minutes since midnight. */
static int parse_hhmm(const json_t *v, int *out)
{
	const char *s;
	size_t n;
	int h, mi;
	if (!json_is_string(v))
		return -1;
	s = json_string_value(v);
	n = json_string_length(v);
	if (n != 5 || s[2] != ':')
		return -1;
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '5' ||
	    s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	mi = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || (h == 24 && mi != 0))
		return -1;
	*out = h * 60 + mi;
	return 0;
}

/* Object day -> ["HH:MM","HH:MM"] | null into start/end arrays (start -1 = none). */
static int parse_week(struct parse *p, const char *what, const char *id, const char *key,
                      const json_t *obj, int *start, int *end)
{
	const char *day;
	json_t *v;
	int d;
	for (d = 0; d < DAY__MAX; d++)
		start[d] = end[d] = -1;
	if (!obj || json_is_null(obj))
		return 0;
	if (!json_is_object(obj))
		return fail(p, "%s \"%s\": key \"%s\": must be an object of day -> [start, end]",
		            what, id, key);
	json_object_foreach ((json_t *)obj, day, v) {
		int a, b;
		for (d = 0; d < DAY__MAX; d++)
			if (strcmp(day, planner_day_names[d]) == 0)
				break;
		if (d == DAY__MAX)
			return fail(p, "%s \"%s\": key \"%s.%s\": not a day (mon..sun)", what, id,
			            key, day);
		if (json_is_null(v))
			continue;
		if (!json_is_array(v) || json_array_size(v) != 2 ||
		    parse_hhmm(json_array_get(v, 0), &a) || parse_hhmm(json_array_get(v, 1), &b))
			return fail(
			    p, "%s \"%s\": key \"%s.%s\": must be [\"HH:MM\", \"HH:MM\"] or null",
			    what, id, key, day);
		if (a >= b)
			return fail(p, "%s \"%s\": key \"%s.%s\": start must be before end", what,
			            id, key, day);
		start[d] = a;
		end[d] = b;
	}
	return 0;
}

static int get_bool(struct parse *p, const char *what, const char *id, const json_t *o,
                    const char *key, int def, int *out)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) {
		*out = def;
		return 0;
	}
	if (!json_is_boolean(v))
		return fail(p, "%s \"%s\": key \"%s\": must be true or false", what, id, key);
	*out = json_is_true(v);
	return 0;
}

static int get_string(struct parse *p, const char *what, const char *id, const json_t *o,
                      const char *key, const char *def, const char **out)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) {
		*out = def;
		return 0;
	}
	if (!json_is_string(v))
		return fail(p, "%s \"%s\": key \"%s\": must be a string", what, id, key);
	*out = json_string_value(v);
	return 0;
}

static int room_index(struct planner_model *m, struct id_table *rooms, const char *id)
{
	int r = id_table_get(rooms, id);
	if (r >= 0)
		return r;
	r = m->nrooms++;
	m->rooms[r].id = id;
	(void)id_table_put(rooms, id, r);
	return r;
}

static int read_staff(struct parse *p, struct planner_model *m, const json_t *arr,
                      struct id_table *staff_ids, struct id_table *rooms)
{
	size_t i;
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *o = json_array_get(arr, i);
		struct planner_staff *s = &m->staff[i];
		const json_t *v;
		char pos[32];
		const char *id;
		size_t k;
		snprintf(pos, sizeof pos, "%zu", i);
		if (!json_is_object(o))
			return fail(p, "staff[%zu]: must be an object", i);
		v = json_object_get(o, "id");
		if (!json_is_string(v) || json_string_length(v) == 0)
			return fail(p, "staff[%zu]: key \"id\": required non-empty string", i);
		id = s->id = json_string_value(v);
		if (id_table_put(staff_ids, id, (int)i) >= 0)
			return fail(p, "staff \"%s\": key \"id\": duplicate id", id);
		if (get_string(p, "staff", id, o, "name", "", &s->name))
			return -1;
		v = json_object_get(o, "rooms");
		if (!json_is_array(v) || json_array_size(v) == 0)
			return fail(
			    p, "staff \"%s\": key \"rooms\": required non-empty array of room ids",
			    id);
		if (json_array_size(v) > 1000)
			return fail(p, "staff \"%s\": key \"rooms\": too many rooms", id);
		s->rooms = xcalloc(json_array_size(v), sizeof *s->rooms);
		for (k = 0; k < json_array_size(v); k++) {
			const json_t *rv = json_array_get(v, k);
			int r, j, dup = 0;
			if (!json_is_string(rv) || json_string_length(rv) == 0)
				return fail(p,
				            "staff \"%s\": key \"rooms[%zu]\": must be a room id",
				            id, k);
			r = room_index(m, rooms, json_string_value(rv));
			for (j = 0; j < s->nrooms; j++)
				dup |= s->rooms[j] == r;
			if (!dup)
				s->rooms[s->nrooms++] = r;
		}
		v = json_object_get(o, "experience_months");
		s->experience_months = 0;
		if (v && !json_is_null(v) && get_integer(v, 0, 100000, &s->experience_months))
			return fail(
			    p,
			    "staff \"%s\": key \"experience_months\": must be an integer 0..100000",
			    id);
		v = json_object_get(o, "qualification");
		if (v && !json_is_null(v)) {
			long q;
			if (get_integer(v, 0, 100, &q))
				return fail(p,
				            "staff \"%s\": key \"qualification\": must be an "
				            "integer 0..100",
				            id);
		}
		if (get_bool(p, "staff", id, o, "key_person", 1, &s->key_person) ||
		    get_bool(p, "staff", id, o, "sen_trained", 0, &s->sen_trained))
			return -1;
		s->max_primary = s->max_secondary = PLANNER_UNLIMITED;
		v = json_object_get(o, "max_primary");
		if (v && !json_is_null(v) && get_integer(v, 0, PLANNER_UNLIMITED, &s->max_primary))
			return fail(p, "staff \"%s\": key \"max_primary\": must be an integer >= 0",
			            id);
		v = json_object_get(o, "max_secondary");
		if (v && !json_is_null(v) &&
		    get_integer(v, 0, PLANNER_UNLIMITED, &s->max_secondary))
			return fail(
			    p, "staff \"%s\": key \"max_secondary\": must be an integer >= 0", id);
		v = json_object_get(o, "target_primary");
		if (v && !json_is_null(v)) {
			if (get_number(v, &s->target_primary) || fabs(s->target_primary) > 1e6)
				return fail(
				    p, "staff \"%s\": key \"target_primary\": must be a number",
				    id);
			s->has_target_primary = 1;
		}
		v = json_object_get(o, "target_secondary");
		if (v && !json_is_null(v)) {
			if (get_number(v, &s->target_secondary) || fabs(s->target_secondary) > 1e6)
				return fail(
				    p, "staff \"%s\": key \"target_secondary\": must be a number",
				    id);
			s->has_target_secondary = 1;
		}
		v = json_object_get(o, "languages");
		if (v && !json_is_null(v)) {
			if (!json_is_array(v))
				return fail(
				    p, "staff \"%s\": key \"languages\": must be an array of codes",
				    id);
			s->languages = xcalloc(json_array_size(v), sizeof *s->languages);
			for (k = 0; k < json_array_size(v); k++) {
				const json_t *lv = json_array_get(v, k);
				if (!json_is_string(lv))
					return fail(p,
					            "staff \"%s\": key \"languages[%zu]\": must be "
					            "a string",
					            id, k);
				s->languages[s->nlanguages++] = json_string_value(lv);
			}
		}
		if (parse_week(p, "staff", id, "shifts", json_object_get(o, "shifts"),
		               s->shift_start, s->shift_end))
			return -1;
	}
	return 0;
}

static int read_child_refs(struct parse *p, struct planner_model *m, const json_t *arr,
                           const struct id_table *staff_ids, const struct id_table *child_ids)
{
	size_t i, k;
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *o = json_array_get(arr, i);
		struct planner_child *c = &m->children[i];
		const json_t *v = json_object_get(o, "siblings");
		if (v && !json_is_null(v)) {
			if (!json_is_array(v))
				return fail(
				    p,
				    "child \"%s\": key \"siblings\": must be an array of child ids",
				    c->id);
			c->siblings = xcalloc(json_array_size(v), sizeof *c->siblings);
			for (k = 0; k < json_array_size(v); k++) {
				const json_t *sv = json_array_get(v, k);
				int j;
				if (!json_is_string(sv))
					return fail(p,
					            "child \"%s\": key \"siblings[%zu]\": must be "
					            "a child id",
					            c->id, k);
				j = id_table_get(child_ids, json_string_value(sv));
				if (j < 0)
					return fail(p,
					            "child \"%s\": key \"siblings[%zu]\": unknown "
					            "child id \"%s\"",
					            c->id, k, json_string_value(sv));
				c->siblings[c->nsiblings++] = j;
			}
		}
		c->current_primary = c->current_secondary = -1;
		v = json_object_get(o, "current");
		if (v && !json_is_null(v)) {
			static const char *const keys[2] = {"primary", "secondary"};
			int *dst[2];
			int r;
			dst[0] = &c->current_primary;
			dst[1] = &c->current_secondary;
			if (!json_is_object(v))
				return fail(p, "child \"%s\": key \"current\": must be an object",
				            c->id);
			for (r = 0; r < 2; r++) {
				const json_t *sv = json_object_get(v, keys[r]);
				if (!sv || json_is_null(sv))
					continue;
				if (!json_is_string(sv))
					return fail(
					    p,
					    "child \"%s\": key \"current.%s\": must be a staff id",
					    c->id, keys[r]);
				*dst[r] = id_table_get(staff_ids, json_string_value(sv));
				if (*dst[r] < 0)
					return fail(p,
					            "child \"%s\": key \"current.%s\": unknown "
					            "staff id \"%s\"",
					            c->id, keys[r], json_string_value(sv));
			}
		}
		if (get_bool(p, "child", c->id, o, "locked", 0, &c->locked))
			return -1;
		if (c->locked && (c->current_primary < 0 || c->current_secondary < 0))
			return fail(
			    p,
			    "child \"%s\": key \"locked\": locked needs current.primary and "
			    "current.secondary",
			    c->id);
	}
	return 0;
}

static int read_children(struct parse *p, struct planner_model *m, const json_t *arr,
                         struct id_table *child_ids, struct id_table *rooms)
{
	size_t i;
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *o = json_array_get(arr, i);
		struct planner_child *c = &m->children[i];
		const json_t *v;
		const char *id;
		if (!json_is_object(o))
			return fail(p, "children[%zu]: must be an object", i);
		v = json_object_get(o, "id");
		if (!json_is_string(v) || json_string_length(v) == 0)
			return fail(p, "children[%zu]: key \"id\": required non-empty string", i);
		id = c->id = json_string_value(v);
		if (id_table_put(child_ids, id, (int)i) >= 0)
			return fail(p, "child \"%s\": key \"id\": duplicate id", id);
		if (get_string(p, "child", id, o, "name", "", &c->name) ||
		    get_string(p, "child", id, o, "home_language", "en", &c->home_language) ||
		    get_bool(p, "child", id, o, "sen", 0, &c->sen))
			return -1;
		v = json_object_get(o, "room");
		if (!json_is_string(v) || json_string_length(v) == 0)
			return fail(p, "child \"%s\": key \"room\": required room id", id);
		c->room = room_index(m, rooms, json_string_value(v));
		v = json_object_get(o, "attends");
		if (!v)
			return fail(p, "child \"%s\": key \"attends\": required", id);
		if (parse_week(p, "child", id, "attends", v, c->arrive, c->depart))
			return -1;
	}
	return 0;
}

static int read_pairs(struct parse *p, struct planner_model *m, const json_t *v,
                      const struct id_table *staff_ids)
{
	size_t i, k;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return fail(p, "key \"pairs\": must be an array of [staff_id, staff_id]");
	if (json_array_size(v) > MAX_PAIRS)
		return fail(p, "key \"pairs\": more than %d pairs", MAX_PAIRS);
	m->pairs = xcalloc(2 * json_array_size(v) + 1, sizeof *m->pairs);
	for (i = 0; i < json_array_size(v); i++) {
		const json_t *pv = json_array_get(v, i);
		if (!json_is_array(pv) || json_array_size(pv) != 2)
			return fail(p, "key \"pairs[%zu]\": must be [staff_id, staff_id]", i);
		for (k = 0; k < 2; k++) {
			const json_t *sv = json_array_get(pv, k);
			int s;
			if (!json_is_string(sv))
				return fail(p, "key \"pairs[%zu][%zu]\": must be a staff id", i, k);
			s = id_table_get(staff_ids, json_string_value(sv));
			if (s < 0)
				return fail(p, "key \"pairs[%zu][%zu]\": unknown staff id \"%s\"",
				            i, k, json_string_value(sv));
			m->pairs[2 * i + k] = s;
		}
		if (m->pairs[2 * i] == m->pairs[2 * i + 1])
			return fail(p, "key \"pairs[%zu]\": staff \"%s\" paired with themself", i,
			            m->staff[m->pairs[2 * i]].id);
	}
	m->npairs = (int)json_array_size(v);
	return 0;
}

static int read_weights(struct parse *p, struct planner_model *m, const json_t *v)
{
	int c;
	for (c = 0; c < PC__MAX; c++)
		m->weight[c] = planner_components[c].default_weight;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return fail(p, "key \"weights\": must be an object of name -> number");
	for (c = 0; c < PC__MAX; c++) {
		const json_t *w = json_object_get(v, planner_components[c].weight);
		if (!w)
			continue;
		if (get_number(w, &m->weight[c]) || m->weight[c] < 0 || m->weight[c] > 1e9)
			return fail(p, "key \"weights.%s\": must be a number 0..1e9",
			            planner_components[c].weight);
	}
	return 0;
}

int planner_json_read(const json_t *in, struct planner_model *m, char *err, size_t errlen)
{
	struct parse p = {err, errlen};
	struct id_table staff_ids = {0}, child_ids = {0}, rooms = {0};
	const json_t *staff, *children, *v;
	size_t nst, nch, i;
	int rc = -1;

	memset(m, 0, sizeof *m);
	if (!json_is_object(in))
		return fail(&p, "instance: must be a JSON object");
	v = json_object_get(in, "format");
	if (v && (!json_is_string(v) || strcmp(json_string_value(v), "keyworker-plan/1") != 0))
		return fail(&p, "key \"format\": must be \"keyworker-plan/1\"");
	v = json_object_get(in, "setting");
	if (v && !json_is_null(v) && !json_is_string(v))
		return fail(&p, "key \"setting\": must be a string");
	staff = json_object_get(in, "staff");
	children = json_object_get(in, "children");
	if (!json_is_array(staff))
		return fail(&p, "key \"staff\": required array");
	if (!json_is_array(children))
		return fail(&p, "key \"children\": required array");
	nst = json_array_size(staff);
	nch = json_array_size(children);
	if (nst > MAX_STAFF)
		return fail(&p, "key \"staff\": more than %d staff", MAX_STAFF);
	if (nch > MAX_CHILDREN)
		return fail(&p, "key \"children\": more than %d children", MAX_CHILDREN);
	m->junior_months = 12;
	v = json_object_get(in, "junior_months");
	if (v && !json_is_null(v) && get_integer(v, 0, 100000, &m->junior_months))
		return fail(&p, "key \"junior_months\": must be an integer 0..100000");
	if (read_weights(&p, m, json_object_get(in, "weights")))
		return -1;

	m->nstaff = (int)nst;
	m->nchildren = (int)nch;
	m->staff = xcalloc(nst + 1, sizeof *m->staff);
	m->children = xcalloc(nch + 1, sizeof *m->children);
	/* Rooms: at most one per child plus every room listed by staff. */
	{
		size_t nr = nch;
		for (i = 0; i < nst; i++) {
			const json_t *r = json_object_get(json_array_get(staff, i), "rooms");
			nr += json_is_array(r) ? json_array_size(r) : 0;
		}
		m->rooms = xcalloc(nr + 1, sizeof *m->rooms);
		id_table_init(&rooms, nr);
	}
	id_table_init(&staff_ids, nst);
	id_table_init(&child_ids, nch);
	if (read_staff(&p, m, staff, &staff_ids, &rooms) ||
	    read_children(&p, m, children, &child_ids, &rooms) ||
	    read_child_refs(&p, m, children, &staff_ids, &child_ids) ||
	    read_pairs(&p, m, json_object_get(in, "pairs"), &staff_ids))
		goto out;
	rc = 0;
out:
	id_table_free(&staff_ids);
	id_table_free(&child_ids);
	id_table_free(&rooms);
	if (rc)
		planner_model_free(m);
	return rc;
}

int planner_json_read_assignment(const struct planner_model *m, const json_t *arr, int *primary,
                                 int *secondary, char *err, size_t errlen)
{
	struct parse p = {err, errlen};
	struct id_table staff_ids, child_ids;
	size_t i;
	int c, rc = -1;

	if (!json_is_array(arr))
		return fail(&p, "assignments: must be an array of {child, primary, secondary}");
	id_table_init(&staff_ids, (size_t)m->nstaff);
	id_table_init(&child_ids, (size_t)m->nchildren);
	for (c = 0; c < m->nstaff; c++)
		(void)id_table_put(&staff_ids, m->staff[c].id, c);
	for (c = 0; c < m->nchildren; c++) {
		(void)id_table_put(&child_ids, m->children[c].id, c);
		primary[c] = secondary[c] = -1;
	}
	for (i = 0; i < json_array_size(arr); i++) {
		const json_t *o = json_array_get(arr, i);
		const json_t *cv = json_object_get(o, "child");
		const json_t *pv = json_object_get(o, "primary");
		const json_t *sv = json_object_get(o, "secondary");
		int ps, ss;
		if (!json_is_object(o) || !json_is_string(cv)) {
			fail(&p, "assignments[%zu]: key \"child\": required child id", i);
			goto out;
		}
		c = id_table_get(&child_ids, json_string_value(cv));
		if (c < 0) {
			fail(&p, "assignments[%zu]: key \"child\": unknown child id \"%s\"", i,
			     json_string_value(cv));
			goto out;
		}
		if (primary[c] >= 0) {
			fail(&p, "child \"%s\": key \"child\": assigned twice", m->children[c].id);
			goto out;
		}
		if (!json_is_string(pv) ||
		    (ps = id_table_get(&staff_ids, json_string_value(pv))) < 0) {
			fail(&p, "child \"%s\": key \"primary\": unknown or missing staff id",
			     m->children[c].id);
			goto out;
		}
		if (!json_is_string(sv) ||
		    (ss = id_table_get(&staff_ids, json_string_value(sv))) < 0) {
			fail(&p, "child \"%s\": key \"secondary\": unknown or missing staff id",
			     m->children[c].id);
			goto out;
		}
		primary[c] = ps;
		secondary[c] = ss;
	}
	for (c = 0; c < m->nchildren; c++)
		if (primary[c] < 0) {
			fail(&p, "child \"%s\": key \"assignments\": child not assigned",
			     m->children[c].id);
			goto out;
		}
	rc = 0;
out:
	id_table_free(&staff_ids);
	id_table_free(&child_ids);
	return rc;
}
