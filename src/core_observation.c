/*
 * core_observation.c — the operations of core_observation.h. Observations
 * are written as one row with its children, areas and cleaned photos, and
 * one audit row naming them; read back one observation at a time (its
 * children, areas and photo ids by three small queries). Coverage is
 * counted in three grouped queries over the whole setting (children on
 * roll with their key person; per child and area the count in the window
 * and the latest date; per author the count written) and assembled here.
 */
#include "core_observation.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "photo_strip.h"

const struct field_spec core_obs_fields[OBS__MAX] = {
    [OBS_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [OBS_TEXT] = {"text", F_TEXT, 1, 0, 20000, NULL},
    [OBS_NEXT_STEPS] = {"next_steps", F_TEXT, 0, 0, 4000, NULL},
    [OBS_SHARED] = {"shared", F_BOOL, 0, 0, 0, NULL},
    [OBS_AREAS] = {"areas", F_LIST, 0, 0, 200, NULL},
    [OBS_CHILDREN] = {"children", F_LIST, 1, 0, 1000, NULL},
};

const struct field_spec core_about_fields[ABOUT__MAX] = {
    [ABOUT_SLEEP] = {"sleep", F_TEXT, 0, 0, 2000, NULL},
    [ABOUT_FEEDING] = {"feeding", F_TEXT, 0, 0, 2000, NULL},
    [ABOUT_COMFORTERS] = {"comforters", F_TEXT, 0, 0, 2000, NULL},
    [ABOUT_HOME_WORDS] = {"home_words", F_TEXT, 0, 0, 2000, NULL},
    [ABOUT_LIKES] = {"likes", F_TEXT, 0, 0, 2000, NULL},
    [ABOUT_FEARS] = {"fears", F_TEXT, 0, 0, 2000, NULL},
    [ABOUT_OTHER] = {"other", F_TEXT, 0, 0, 4000, NULL},
    [ABOUT_TOLD_BY] = {"told_by", F_LINE, 0, 0, 200, NULL},
};

const char *const core_about_labels[ABOUT__MAX] = {
    [ABOUT_SLEEP] = "Sleep",           [ABOUT_FEEDING] = "Feeding and mealtimes",
    [ABOUT_COMFORTERS] = "Comforters", [ABOUT_HOME_WORDS] = "Words and phrases from home",
    [ABOUT_LIKES] = "Likes",           [ABOUT_FEARS] = "Fears and dislikes",
    [ABOUT_OTHER] = "Anything else",   [ABOUT_TOLD_BY] = "Told by",
};

const struct field_spec core_settling_fields[SETTLING__MAX] = {
    [SETTLING_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [SETTLING_TIME] = {"time", F_SPAN, 1, 0, 0, NULL},
    [SETTLING_PLAN] = {"plan", F_TEXT, 0, 0, 2000, NULL},
};

const struct field_spec core_experience_fields[EXPERIENCE__MAX] = {
    [EXPERIENCE_FOR] = {"planned_for", F_DATE, 1, 0, 0, NULL},
    [EXPERIENCE_TEXT] = {"text", F_TEXT, 1, 0, 4000, NULL},
};

static const char *child_display(struct arena *a, const char *first, const char *last,
                                 const char *preferred)
{
	return arena_printf(a, "%s %s", *preferred ? preferred : first, last);
}

/* ---- observations ---- */

int core_obs_areas(struct store *s, struct arena *a, struct obs_area **out, size_t *n,
                   struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_AREAS);
	struct obs_area *v = arena_alloc(a, OBS_AREAS_MAX * sizeof *v);
	int rc;
	*n = 0;
	store_bind_text(st, 1, OBS_FRAMEWORK);
	while ((rc = store_step(st)) == STORE_ROW && *n < OBS_AREAS_MAX) {
		v[*n].code = arena_strdup(a, store_col_text(st, 0));
		v[*n].name = arena_strdup(a, store_col_text(st, 1));
		v[*n].prime = (int)store_col_int(st, 2);
		(*n)++;
	}
	store_finish(st);
	if (rc != STORE_DONE && rc != STORE_ROW)
		return op_store_fail(e, s, rc, "reading the areas of learning");
	*out = v;
	return 0;
}

int core_obs_children(const char *list, int64_t *ids, size_t *n, struct op_error *e)
{
	struct arena a;
	const char *items[OBS_CHILDREN_MAX + 1];
	size_t k;
	int ret = 0;
	arena_init(&a);
	*n = 0;
	k = valid_split(list ? list : "", &a, items, OBS_CHILDREN_MAX + 1);
	if (k == 0)
		ret = op_fail(e, OP_INVALID, "children", "choose at least one child");
	else if (k > OBS_CHILDREN_MAX)
		ret = op_fail(e, OP_INVALID, "children", "at most %d children in one observation",
		              OBS_CHILDREN_MAX);
	for (size_t i = 0; i < k && ret == 0; i++) {
		long v;
		if (parse_long(items[i], 1, INT64_MAX, &v) != 0) {
			ret = op_fail(e, OP_INVALID, "children", "%s is not a child's number",
			              items[i]);
			break;
		}
		for (size_t j = 0; j < *n; j++)
			if (ids[j] == v)
				ret = op_fail(e, OP_INVALID, "children", "a child is named twice");
		ids[(*n)++] = v;
	}
	arena_free(&a);
	return ret;
}

static int area_known(const struct obs_area *areas, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(areas[i].code, code) == 0)
			return 1;
	return 0;
}

int core_observation_add(struct store *s, const struct actor *who, int64_t author_staff_id,
                         const struct field_value *v, const int64_t *children, size_t nchildren,
                         const struct obs_photo_in *photos, size_t nphotos, int64_t *id,
                         struct op_error *e)
{
	struct arena a;
	struct obs_area *areas;
	size_t nareas, ncodes = 0;
	const char *codes[OBS_AREAS_MAX + 1];
	struct store_stmt *st;
	struct buf clean;
	int rc, ret = -1;

	arena_init(&a);
	buf_init(&clean, PHOTO_STRIP_MAX);
	if (author_staff_id <= 0) {
		op_fail(e, OP_FORBIDDEN, "", "only a member of staff writes observations");
		goto out;
	}
	if (nchildren == 0 || nchildren > OBS_CHILDREN_MAX) {
		op_fail(e, OP_INVALID, "children", "choose at least one child");
		goto out;
	}
	if (!v[OBS_TEXT].present || !*v[OBS_TEXT].s) {
		op_fail(e, OP_INVALID, "text", "write what you saw");
		goto out;
	}
	if (nphotos > OBS_PHOTOS_MAX) {
		op_fail(e, OP_INVALID, "photo", "at most %d photos in one observation",
		        OBS_PHOTOS_MAX);
		goto out;
	}
	if (core_obs_areas(s, &a, &areas, &nareas, e))
		goto out;
	if (v[OBS_AREAS].present)
		ncodes = valid_split(v[OBS_AREAS].s, &a, codes, OBS_AREAS_MAX + 1);
	if (ncodes > nareas) {
		op_fail(e, OP_INVALID, "areas", "an area is named twice");
		goto out;
	}
	for (size_t i = 0; i < ncodes; i++) {
		if (!area_known(areas, nareas, codes[i])) {
			op_fail(e, OP_INVALID, "areas", "%s is not an area of learning", codes[i]);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(codes[i], codes[j]) == 0) {
				op_fail(e, OP_INVALID, "areas", "an area is named twice");
				goto out;
			}
	}
	for (size_t i = 0; i < nchildren; i++) {
		int found;
		st = store_stmt(s, STMT_AUTHZ_CHILD);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, children[i]);
		found = store_step(st) == STORE_ROW;
		store_finish(st);
		if (!found) {
			op_fail(e, OP_NOT_FOUND, "children", "there is no child %" PRId64,
			        children[i]);
			goto out;
		}
	}
	st = store_stmt(s, STMT_OBS_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, author_staff_id);
	store_bind_text(st, 3, v[OBS_DATE].s);
	store_bind_text(st, 4, v[OBS_TEXT].s);
	store_bind_text(st, 5, v[OBS_NEXT_STEPS].present ? v[OBS_NEXT_STEPS].s : "");
	store_bind_int(st, 6, v[OBS_SHARED].present && v[OBS_SHARED].i);
	store_bind_int(st, 7, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "adding the observation");
		goto out;
	}
	*id = store_last_id(s);
	for (size_t i = 0; i < nchildren; i++) {
		st = store_stmt(s, STMT_OBS_CHILD_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_int(st, 3, children[i]);
		if ((rc = store_run(st)) != STORE_OK) {
			op_store_fail(e, s, rc, "naming the children");
			goto out;
		}
	}
	for (size_t i = 0; i < ncodes; i++) {
		st = store_stmt(s, STMT_OBS_AREA_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_text(st, 3, OBS_FRAMEWORK);
		store_bind_text(st, 4, codes[i]);
		if ((rc = store_run(st)) != STORE_OK) {
			op_store_fail(e, s, rc, "recording the areas");
			goto out;
		}
	}
	for (size_t i = 0; i < nphotos; i++) {
		const char *mime;
		char why[128];
		buf_reset(&clean);
		if (photo_strip(photos[i].bytes, photos[i].len, &clean, &mime, why, sizeof why)) {
			op_fail(e, OP_INVALID, "photo", "%s", why);
			goto out;
		}
		st = store_stmt(s, STMT_OBS_PHOTO_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_text(st, 3, mime);
		store_bind_blob(st, 4, clean.p, clean.len);
		if ((rc = store_run(st)) != STORE_OK) {
			op_store_fail(e, s, rc, "keeping the photo");
			goto out;
		}
	}
	{
		const char *detail = arena_printf(
		    &a, "%s; %zu child%s; %zu area%s; %zu photo%s%s", v[OBS_DATE].s, nchildren,
		    nchildren == 1 ? "" : "ren", ncodes, ncodes == 1 ? "" : "s", nphotos,
		    nphotos == 1 ? "" : "s", v[OBS_SHARED].i ? "; shared" : "");
		ret = audit_write(s, who, "observation.add", "observation", *id, children[0],
		                  detail, e);
	}
out:
	buf_free(&clean);
	arena_free(&a);
	return ret;
}

static int load_parts(struct store *s, int64_t setting_id, struct arena *a, struct observation *o)
{
	struct store_stmt *st;
	size_t cap;
	st = store_stmt(s, STMT_OBS_CHILDREN);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, o->id);
	cap = 4;
	o->children = arena_alloc(a, cap * sizeof *o->children);
	o->nchildren = 0;
	while (store_step(st) == STORE_ROW) {
		struct obs_child *c;
		if (o->nchildren == cap) {
			struct obs_child *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, o->children, cap * sizeof *g);
			o->children = g;
			cap *= 2;
		}
		c = &o->children[o->nchildren++];
		c->id = store_col_int(st, 0);
		c->first = arena_strdup(a, *store_col_text(st, 3) ? store_col_text(st, 3)
		                                                  : store_col_text(st, 1));
		c->name = child_display(a, store_col_text(st, 1), store_col_text(st, 2),
		                        store_col_text(st, 3));
		c->family_id = store_col_int(st, 4);
	}
	store_finish(st);
	st = store_stmt(s, STMT_OBS_AREAS_OF);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, o->id);
	o->areas = arena_alloc(a, OBS_AREAS_MAX * sizeof *o->areas);
	o->nareas = 0;
	while (store_step(st) == STORE_ROW && o->nareas < OBS_AREAS_MAX)
		o->areas[o->nareas++] = arena_strdup(a, store_col_text(st, 0));
	store_finish(st);
	st = store_stmt(s, STMT_OBS_PHOTOS_OF);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, o->id);
	o->photos = arena_alloc(a, OBS_PHOTOS_MAX * 2 * sizeof *o->photos);
	o->nphotos = 0;
	while (store_step(st) == STORE_ROW && o->nphotos < OBS_PHOTOS_MAX * 2)
		o->photos[o->nphotos++] = store_col_int(st, 0);
	store_finish(st);
	return 0;
}

int core_observation_get(struct store *s, int64_t setting_id, int64_t id, struct arena *a,
                         struct observation *o, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_GET);
	int found;
	memset(o, 0, sizeof *o);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		o->id = store_col_int(st, 0);
		o->date = arena_strdup(a, store_col_text(st, 1));
		o->text = arena_strdup(a, store_col_text(st, 2));
		o->next_steps = arena_strdup(a, store_col_text(st, 3));
		o->shared = (int)store_col_int(st, 4);
		o->created_at = store_col_int(st, 5);
		o->author_staff_id = store_col_int(st, 6);
		o->author = arena_strdup(a, store_col_text(st, 7));
		o->author_contact_id = store_col_int(st, 8);
	}
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "", "there is no such observation");
	return load_parts(s, setting_id, a, o);
}

static int load_ids(struct store *s, int64_t setting_id, struct store_stmt *st,
                    const struct obs_keep *keep, struct arena *a, struct observation **out,
                    size_t *n, struct op_error *e)
{
	int64_t *ids = NULL;
	size_t cap = 0, k = 0;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (k == cap) {
			cap = cap ? 2 * cap : 32;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[k++] = store_col_int(st, 0);
	}
	store_finish(st);
	*out = NULL;
	*n = 0;
	if (rc != STORE_DONE) {
		free(ids);
		return op_store_fail(e, s, rc, "reading observations");
	}
	*out = arena_alloc(a, (k ? k : 1) * sizeof **out);
	for (size_t i = 0; i < k; i++) {
		if (keep && keep->shown > 0 && *n >= (size_t)keep->shown)
			break;
		if (keep && keep->keep && !keep->keep(keep->ctx, ids[i]))
			continue;
		if (core_observation_get(s, setting_id, ids[i], a, &(*out)[*n], e) == 0)
			(*n)++;
	}
	free(ids);
	return 0;
}

int core_observation_of_child(struct store *s, int64_t setting_id, int64_t child_id, int limit,
                              const struct obs_keep *k, struct arena *a, struct observation **out,
                              size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_OF_CHILD);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, limit);
	return load_ids(s, setting_id, st, k, a, out, n, e);
}

int core_observation_recent(struct store *s, int64_t setting_id, int from_day, int limit,
                            const struct obs_keep *k, struct arena *a, struct observation **out,
                            size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_RECENT);
	char from[DATE_LEN];
	date_format(from_day, from);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, from);
	store_bind_int(st, 3, limit);
	return load_ids(s, setting_id, st, k, a, out, n, e);
}

int core_observation_photo(struct store *s, int64_t setting_id, int64_t photo_id, struct arena *a,
                           int64_t *observation_id, const char **mime, const void **bytes,
                           size_t *len, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_PHOTO);
	int found;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, photo_id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		const void *p = store_col_blob(st, 2, len);
		*observation_id = store_col_int(st, 0);
		*mime = arena_strdup(a, store_col_text(st, 1));
		*bytes = memcpy(arena_alloc(a, *len ? *len : 1), p, *len);
	}
	store_finish(st);
	return found ? 0 : op_fail(e, OP_NOT_FOUND, "", "there is no such photo");
}

/* ---- coverage ---- */

/* The children by id, for the grouped queries' rows: (id, index in children). */
struct child_at {
	int64_t id;
	size_t at;
};

static int by_id(const void *a, const void *b)
{
	const struct child_at *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static struct coverage_child *find_child(struct coverage *c, const struct child_at *index,
                                         int64_t id)
{
	struct child_at key = {id, 0};
	const struct child_at *hit = bsearch(&key, index, c->nchildren, sizeof key, by_id);
	return hit ? &c->children[hit->at] : NULL;
}

static struct coverage_staff *staff_of(struct coverage *c, int64_t id)
{
	for (size_t i = 0; i < c->nstaff; i++)
		if (c->staff[i].id == id)
			return &c->staff[i];
	return NULL;
}

/* Counts per member of staff from stmt (staff id, count) over from..today,
 * into written (reports = 0) or reports (reports = 1) of c and its staff. */
static int count_by_staff(struct store *s, enum stmt_id stmt, int64_t setting_id, const char *from,
                          const char *today, struct coverage *c, int reports, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, stmt);
	int rc;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, today);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct coverage_staff *sf = staff_of(c, store_col_int(st, 0));
		int k = (int)store_col_int(st, 1);
		*(reports ? &c->reports : &c->written) += k;
		if (sf)
			*(reports ? &sf->reports : &sf->written) = k;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc,
		                     reports ? "counting reports" : "counting observations");
	return 0;
}

int core_coverage_load(struct store *s, int64_t setting_id, int day, int weeks, struct coverage *c,
                       struct op_error *e)
{
	struct store_stmt *st;
	char today[DATE_LEN], from[DATE_LEN];
	struct child_at *index = NULL;
	size_t cap = 0, scap = 0;
	int rc, ret = -1, with_key = 0;

	memset(c, 0, sizeof *c);
	arena_init(&c->arena);
	if (weeks < 1 || weeks > OBS_WEEKS_MAX)
		return op_fail(e, OP_INVALID, "weeks", "is a whole number from 1 to %d",
		               OBS_WEEKS_MAX);
	c->day = day;
	c->weeks = weeks;
	c->from = day - 7 * weeks + 1;
	date_format(day, today);
	date_format(c->from, from);
	if (core_obs_areas(s, &c->arena, &c->areas, &c->nareas, e))
		return -1;

	st = store_stmt(s, STMT_OBS_COV_CHILDREN);
	store_bind_text(st, 1, today);
	store_bind_text(st, 2, today);
	store_bind_int(st, 3, setting_id);
	store_bind_text(st, 4, today);
	store_bind_text(st, 5, today);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct coverage_child *ch;
		if (c->nchildren == cap) {
			cap = cap ? 2 * cap : 64;
			c->children = xrealloc(c->children, cap * sizeof *c->children);
		}
		ch = &c->children[c->nchildren++];
		memset(ch, 0, sizeof *ch);
		ch->id = store_col_int(st, 0);
		ch->first = arena_strdup(&c->arena, *store_col_text(st, 3) ? store_col_text(st, 3)
		                                                           : store_col_text(st, 1));
		ch->name = child_display(&c->arena, store_col_text(st, 1), store_col_text(st, 2),
		                         store_col_text(st, 3));
		ch->room_id = store_col_int(st, 4);
		ch->room = arena_strdup(&c->arena, store_col_text(st, 5));
		ch->key_id = store_col_int(st, 6);
		ch->buddy_id = store_col_int(st, 7);
		if (date_parse(store_col_text(st, 8), &ch->start) != 0)
			ch->start = day;
		for (size_t k = 0; k < OBS_AREAS_MAX; k++)
			ch->cell[k].last = -1;
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the children");
		goto out;
	}
	index = xmalloc((c->nchildren ? c->nchildren : 1) * sizeof(struct child_at));
	for (size_t i = 0; i < c->nchildren; i++) {
		index[i].id = c->children[i].id;
		index[i].at = i;
	}
	qsort(index, c->nchildren, sizeof(struct child_at), by_id);

	st = store_stmt(s, STMT_OBS_COV_AREAS);
	store_bind_text(st, 1, from);
	store_bind_int(st, 2, setting_id);
	store_bind_text(st, 3, today);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct coverage_child *ch = find_child(c, index, store_col_int(st, 0));
		const char *code = store_col_text(st, 1);
		int last;
		if (!ch || date_parse(store_col_text(st, 3), &last) != 0)
			continue;
		for (size_t k = 0; k < c->nareas; k++)
			if (strcmp(c->areas[k].code, code) == 0) {
				ch->cell[k].count = (int)store_col_int(st, 2);
				ch->cell[k].last = last;
			}
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "counting observations");
		goto out;
	}
	st = store_stmt(s, STMT_OBS_COV_TOTALS);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, today);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct coverage_child *ch = find_child(c, index, store_col_int(st, 0));
		if (ch)
			ch->total = (int)store_col_int(st, 1);
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "counting observations");
		goto out;
	}

	/* key people and what each wrote */
	st = store_stmt(s, STMT_STAFF_LIST);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct coverage_staff *sf;
		if (c->nstaff == scap) {
			scap = scap ? 2 * scap : 32;
			c->staff = xrealloc(c->staff, scap * sizeof *c->staff);
		}
		sf = &c->staff[c->nstaff++];
		memset(sf, 0, sizeof *sf);
		sf->id = store_col_int(st, 0);
		sf->name = arena_strdup(&c->arena, store_col_text(st, 2));
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the staff");
		goto out;
	}
	/* what each member of staff wrote: observations, and the other paperwork
	 * of the role (weekly updates sent, checks at two made final) */
	if (count_by_staff(s, STMT_OBS_COV_WRITTEN, setting_id, from, today, c, 0, e) != 0 ||
	    count_by_staff(s, STMT_OBS_COV_REPORTS, setting_id, from, today, c, 1, e) != 0)
		goto out;
	for (size_t i = 0; i < c->nchildren; i++) {
		struct coverage_child *ch = &c->children[i];
		struct coverage_staff *sf = ch->key_id ? staff_of(c, ch->key_id) : NULL;
		for (size_t k = 0; k < c->nareas; k++)
			ch->gaps += core_coverage_gap(c, ch, k);
		if (sf) {
			sf->key_children++;
			sf->gaps += ch->gaps;
			with_key++;
		}
	}
	for (size_t i = 0; i < c->nstaff; i++) {
		c->staff[i].fair =
		    with_key ? (double)c->written * c->staff[i].key_children / with_key : 0.0;
		c->staff[i].reports_fair =
		    with_key ? (double)c->reports * c->staff[i].key_children / with_key : 0.0;
	}
	{ /* keep only those with key children or observations written */
		size_t k = 0;
		for (size_t i = 0; i < c->nstaff; i++)
			if (c->staff[i].key_children || c->staff[i].written || c->staff[i].reports)
				c->staff[k++] = c->staff[i];
		c->nstaff = k;
	}
	ret = 0;
out:
	free(index);
	return ret;
}

void core_coverage_free(struct coverage *c)
{
	free(c->children);
	free(c->staff);
	arena_free(&c->arena);
	memset(c, 0, sizeof *c);
}

int core_coverage_gap(const struct coverage *c, const struct coverage_child *ch, size_t k)
{
	return k < c->nareas && ch->cell[k].count == 0;
}

const char *core_coverage_gap_text(const struct coverage *c, const struct coverage_child *ch,
                                   size_t k, struct arena *a)
{
	int last = ch->cell[k].last;
	if (!core_coverage_gap(c, ch, k))
		return "";
	if (last < 0) {
		int weeks = (c->day - ch->start) / 7;
		if (weeks >= 1)
			return arena_printf(
			    a, "no %s observation for %s since starting (%d week%s)",
			    c->areas[k].code, ch->first, weeks, weeks == 1 ? "" : "s");
		return arena_printf(a, "no %s observation for %s yet", c->areas[k].code, ch->first);
	}
	return arena_printf(a, "no %s observation for %s for %d weeks", c->areas[k].code, ch->first,
	                    (c->day - last) / 7);
}

/* ---- all about me ---- */

int core_about_save(struct store *s, const struct actor *who, int64_t staff_id, int64_t child_id,
                    const struct field_value *v, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	int any = 0, rc;
	for (size_t i = 0; i < ABOUT_TOLD_BY; i++)
		any |= v[i].present && *v[i].s;
	if (!any)
		return op_fail(e, OP_INVALID, "sleep",
		               "write at least one thing the family told you");
	st = store_stmt(s, STMT_OBS_ABOUT_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	for (int i = 0; i < ABOUT__MAX; i++)
		store_bind_text(st, 3 + i, v[i].present ? v[i].s : "");
	store_bind_id(st, 11, staff_id);
	store_bind_int(st, 12, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "keeping what the family told you");
	*id = store_last_id(s);
	return audit_write(s, who, "about.save", "child_about", *id, child_id, "", e);
}

int core_about_history(struct store *s, int64_t setting_id, int64_t child_id, int limit,
                       struct arena *a, struct about **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_ABOUT_HISTORY);
	struct about *v = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof *v);
	int rc;
	*n = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, limit);
	while ((rc = store_step(st)) == STORE_ROW && *n < (size_t)limit) {
		struct about *x = &v[(*n)++];
		x->id = store_col_int(st, 0);
		for (int i = 0; i < ABOUT__MAX; i++)
			x->f[i] = arena_strdup(a, store_col_text(st, 1 + i));
		x->recorded_by = arena_strdup(a, store_col_text(st, 9));
		x->created_at = store_col_int(st, 10);
	}
	store_finish(st);
	if (rc != STORE_DONE && rc != STORE_ROW)
		return op_store_fail(e, s, rc, "reading all about me");
	*out = v;
	return 0;
}

/* ---- settling in ---- */

int core_settling_add(struct store *s, const struct actor *who, int64_t child_id, int64_t staff_id,
                      const struct field_value *v, int64_t *id, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_SETTLING_INSERT);
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[SETTLING_DATE].s);
	store_bind_int(st, 4, v[SETTLING_TIME].i);
	store_bind_int(st, 5, v[SETTLING_TIME].j);
	store_bind_id(st, 6, staff_id);
	store_bind_text(st, 7, v[SETTLING_PLAN].present ? v[SETTLING_PLAN].s : "");
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "planning the visit");
	*id = store_last_id(s);
	return audit_write(s, who, "settling.add", "settling_visit", *id, child_id,
	                   v[SETTLING_DATE].s, e);
}

int core_settling_note(struct store *s, const struct actor *who, int64_t child_id, int64_t visit_id,
                       const char *notes, const char *parent_view, struct op_error *e)
{
	static const struct field_spec notes_spec = {"notes", F_TEXT, 0, 0, 4000, NULL};
	static const struct field_spec view_spec = {"parent_view", F_TEXT, 0, 0, 4000, NULL};
	struct field_value nv, pv;
	struct arena a;
	char why[200];
	struct store_stmt *st;
	int rc, ret = -1;
	arena_init(&a);
	if (valid_field(&notes_spec, notes ? notes : "", &nv, &a, why, sizeof why)) {
		op_fail(e, OP_INVALID, "notes", "%s", why);
		goto out;
	}
	if (valid_field(&view_spec, parent_view ? parent_view : "", &pv, &a, why, sizeof why)) {
		op_fail(e, OP_INVALID, "parent_view", "%s", why);
		goto out;
	}
	st = store_stmt(s, STMT_OBS_SETTLING_UPDATE);
	store_bind_text(st, 1, nv.present ? nv.s : "");
	store_bind_text(st, 2, pv.present ? pv.s : "");
	store_bind_int(st, 3, who->setting_id);
	store_bind_int(st, 4, child_id);
	store_bind_int(st, 5, visit_id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping the notes");
		goto out;
	}
	if (store_changes(s) != 1) {
		op_fail(e, OP_NOT_FOUND, "", "there is no such visit");
		goto out;
	}
	ret = audit_write(s, who, "settling.note", "settling_visit", visit_id, child_id, "", e);
out:
	arena_free(&a);
	return ret;
}

int core_settling_list(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                       struct settling_visit **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_SETTLING_LIST);
	size_t cap = 8;
	struct settling_visit *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	*n = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct settling_visit *x;
		if (*n == cap) {
			struct settling_visit *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, v, cap * sizeof *g);
			v = g;
			cap *= 2;
		}
		x = &v[(*n)++];
		x->id = store_col_int(st, 0);
		x->date = arena_strdup(a, store_col_text(st, 1));
		x->start = (int)store_col_int(st, 2);
		x->end = (int)store_col_int(st, 3);
		x->staff = arena_strdup(a, store_col_text(st, 4));
		x->plan = arena_strdup(a, store_col_text(st, 5));
		x->notes = arena_strdup(a, store_col_text(st, 6));
		x->parent_view = arena_strdup(a, store_col_text(st, 7));
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the settling-in plan");
	*out = v;
	return 0;
}

/* ---- planned experiences ---- */

int core_experience_add(struct store *s, const struct actor *who, int64_t staff_id,
                        int64_t child_id, int64_t key_staff_id, int64_t observation_id,
                        const struct field_value *v, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	int rc;
	if ((child_id > 0) == (key_staff_id > 0))
		return op_fail(e, OP_INVALID, "for", "choose a child or a key group");
	st = store_stmt(s, STMT_OBS_EXPERIENCE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_id(st, 2, child_id);
	store_bind_id(st, 3, key_staff_id);
	store_bind_id(st, 4, observation_id);
	store_bind_text(st, 5, v[EXPERIENCE_FOR].s);
	store_bind_text(st, 6, v[EXPERIENCE_TEXT].s);
	store_bind_id(st, 7, staff_id);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "planning the experience");
	*id = store_last_id(s);
	return audit_write(s, who, "experience.add", "planned_experience", *id, child_id,
	                   v[EXPERIENCE_FOR].s, e);
}

int core_experience_done(struct store *s, const struct actor *who, int64_t staff_id, int64_t id,
                         const char *note, struct op_error *e)
{
	static const struct field_spec note_spec = {"note", F_TEXT, 0, 0, 4000, NULL};
	struct field_value nv;
	struct arena a;
	char why[200];
	struct store_stmt *st;
	int64_t child = 0, group = 0;
	int rc, ret = -1;
	arena_init(&a);
	if (valid_field(&note_spec, note ? note : "", &nv, &a, why, sizeof why)) {
		op_fail(e, OP_INVALID, "note", "%s", why);
		goto out;
	}
	if (core_experience_owner(s, who->setting_id, id, &child, &group, e))
		goto out;
	st = store_stmt(s, STMT_OBS_EXPERIENCE_DONE);
	store_bind_text(st, 1, nv.present ? nv.s : "");
	store_bind_id(st, 2, staff_id);
	store_bind_int(st, 3, who->setting_id);
	store_bind_int(st, 4, id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "recording the experience");
		goto out;
	}
	if (store_changes(s) != 1) {
		op_fail(e, OP_CONFLICT, "", "this experience is already done");
		goto out;
	}
	ret = audit_write(s, who, "experience.done", "planned_experience", id, child, "", e);
out:
	arena_free(&a);
	return ret;
}

int core_experience_owner(struct store *s, int64_t setting_id, int64_t id, int64_t *child_id,
                          int64_t *key_staff_id, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_EXPERIENCE_GET);
	int found;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		*child_id = store_col_int(st, 0);
		*key_staff_id = store_col_int(st, 1);
	}
	store_finish(st);
	return found ? 0 : op_fail(e, OP_NOT_FOUND, "", "there is no such planned experience");
}

int core_experience_list(struct store *s, int64_t setting_id, int from_day, int to_day,
                         struct arena *a, struct experience **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_OBS_EXPERIENCE_LIST);
	char from[DATE_LEN], to[DATE_LEN];
	size_t cap = 16;
	struct experience *v = arena_alloc(a, cap * sizeof *v);
	int rc;
	*n = 0;
	date_format(from_day, from);
	date_format(to_day, to);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, to);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct experience *x;
		if (*n == cap) {
			struct experience *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, v, cap * sizeof *g);
			v = g;
			cap *= 2;
		}
		x = &v[(*n)++];
		x->id = store_col_int(st, 0);
		x->child_id = store_col_int(st, 1);
		x->key_staff_id = store_col_int(st, 2);
		x->observation_id = store_col_int(st, 3);
		x->planned_for = arena_strdup(a, store_col_text(st, 4));
		x->text = arena_strdup(a, store_col_text(st, 5));
		x->status = arena_strdup(a, store_col_text(st, 6));
		x->done_note = arena_strdup(a, store_col_text(st, 7));
		x->child = x->child_id
		               ? child_display(a, store_col_text(st, 8), store_col_text(st, 9),
		                               store_col_text(st, 10))
		               : "";
		x->key_person = arena_strdup(a, store_col_text(st, 11));
		x->done_by = arena_strdup(a, store_col_text(st, 12));
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the planned experiences");
	*out = v;
	return 0;
}
