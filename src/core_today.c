/*
 * core_today.c — building struct today (core_today.h). Every table is read
 * once for the whole setting and joined in memory: staff sorted by id and
 * children sorted by id are looked up with bsearch while the day's shifts,
 * staff absences, attendance, bookings, child absences and key assignments
 * stream past; then the children not expected are dropped, each greet and
 * hand-over is given to the key person, the buddy or nobody, and the list
 * is put in room, arrival and name order. All strings live in t->arena.
 */
#include "core_today.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

const char *const core_today_by_names[TODAY_BY__MAX] = {
    [TODAY_BY_PRIMARY] = "primary",
    [TODAY_BY_BUDDY] = "buddy",
    [TODAY_BY_NOBODY] = "nobody",
};

struct shift_row {
	int64_t staff_id;
	struct today_shift shift;
};

static int by_staff_id(const void *a, const void *b)
{
	const struct today_staff *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_child_id(const void *a, const void *b)
{
	const struct today_child *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int by_room_arrival_name(const void *a, const void *b)
{
	const struct today_child *x = a, *y = b;
	int c;
	if (x->room_rank != y->room_rank)
		return x->room_rank - y->room_rank;
	if (x->arrive != y->arrive)
		return x->arrive - y->arrive;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return strcmp(x->code, y->code);
}

static struct today_staff *find_staff(struct today *t, int64_t id)
{
	struct today_staff key = {.id = id};
	return bsearch(&key, t->staff, t->nstaff, sizeof key, by_staff_id);
}

static struct today_child *find_child(struct today *t, int64_t id)
{
	struct today_child key = {.id = id};
	return bsearch(&key, t->children, t->nchildren, sizeof key, by_child_id);
}

/* Step st to its end; STORE_DONE, or the error. */
static int finish(struct store_stmt *st, int rc)
{
	store_finish(st);
	return rc == STORE_DONE ? 0 : rc;
}

static int load_staff(struct store *s, int64_t setting_id, struct today *t, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_STAFF_LIST);
	size_t cap = 0;
	int rc;
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_staff *p;
		if (t->nstaff == cap) {
			cap = cap ? 2 * cap : 64;
			t->staff = xrealloc(t->staff, cap * sizeof *t->staff);
		}
		p = &t->staff[t->nstaff++];
		memset(p, 0, sizeof *p);
		p->id = store_col_int(st, 0);
		p->code = arena_strdup(&t->arena, store_col_text(st, 1));
		p->name = arena_strdup(&t->arena, store_col_text(st, 2));
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the staff");
	qsort(t->staff, t->nstaff, sizeof *t->staff, by_staff_id);
	return 0;
}

/* The day's shifts (one array, each person pointing at their run of it) and absences. */
static int load_shifts(struct store *s, int64_t setting_id, struct today *t, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SHIFTS_ON);
	struct shift_row *rows = NULL;
	struct today_shift *shifts;
	size_t n = 0, cap = 0;
	int rc;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, t->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		rows[n].staff_id = store_col_int(st, 0);
		rows[n].shift.start = (int)store_col_int(st, 1);
		rows[n].shift.end = (int)store_col_int(st, 2);
		n++;
	}
	if ((rc = finish(st, rc)) != 0) {
		free(rows);
		return op_store_fail(e, s, rc, "reading the rota");
	}
	/* rows come by staff, then start: each person's shifts are one run */
	shifts = arena_alloc(&t->arena, (n ? n : 1) * sizeof *shifts);
	for (size_t i = 0; i < n; i++) {
		struct today_staff *p = find_staff(t, rows[i].staff_id);
		shifts[i] = rows[i].shift;
		if (!p)
			continue;
		if (!p->nshifts)
			p->shifts = &shifts[i];
		p->nshifts++;
	}
	free(rows);

	st = store_stmt(s, STMT_STAFF_ABSENT_ON);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, t->date);
	store_bind_text(st, 3, t->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_staff *p = find_staff(t, store_col_int(st, 0));
		if (p && !p->absent)
			p->absent = arena_strdup(&t->arena, store_col_text(st, 1));
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading staff absences");

	for (size_t i = 0; i < t->nstaff; i++) {
		struct today_staff *p = &t->staff[i];
		struct buf b;
		if (p->absent || !p->nshifts)
			continue;
		buf_init(&b, 1024);
		for (size_t k = 0; k < p->nshifts; k++) {
			char from[TIME_LEN], to[TIME_LEN];
			time_format(p->shifts[k].start, from);
			time_format(p->shifts[k].end, to);
			if (buf_printf(&b, "%s%s-%s", k ? "," : "", from, to) != 0)
				break;
		}
		p->shift = arena_strdup(&t->arena, buf_str(&b));
		buf_free(&b);
	}
	return 0;
}

static int load_children(struct store *s, int64_t setting_id, int64_t room_id, struct today *t,
                         struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_CHILDREN_ON_ROLL);
	int64_t last_room = 0;
	size_t cap = 0;
	int rank = -1, rc;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, t->date);
	store_bind_text(st, 3, t->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_child *c;
		const char *preferred = store_col_text(st, 4);
		int64_t room = store_col_int(st, 6);
		if (room != last_room) { /* rooms come youngest first */
			rank++;
			last_room = room;
		}
		if (room_id && room != room_id)
			continue;
		if (t->nchildren == cap) {
			cap = cap ? 2 * cap : 128;
			t->children = xrealloc(t->children, cap * sizeof *t->children);
		}
		c = &t->children[t->nchildren++];
		memset(c, 0, sizeof *c);
		c->id = store_col_int(st, 0);
		c->code = arena_strdup(&t->arena, store_col_text(st, 1));
		c->name =
		    arena_printf(&t->arena, "%s %s", *preferred ? preferred : store_col_text(st, 2),
		                 store_col_text(st, 3));
		c->room_id = room;
		c->room = arena_strdup(&t->arena, store_col_text(st, 7));
		c->room_rank = rank;
		c->arrive = c->leave = -1; /* not expected unless a pattern or booking says so */
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the children on roll");
	qsort(t->children, t->nchildren, sizeof *t->children, by_child_id);
	return 0;
}

/* Usual pattern for the weekday, replaced by a booking, removed by an absence. */
static int load_sessions(struct store *s, int64_t setting_id, struct today *t, struct op_error *e)
{
	int weekday = date_weekday(t->day), rc;
	struct store_stmt *st = store_stmt(s, STMT_CHILD_ATTENDANCE_ALL);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_child *c;
		if (store_col_int(st, 1) != weekday || !(c = find_child(t, store_col_int(st, 0))))
			continue;
		c->arrive = (int)store_col_int(st, 2);
		c->leave = (int)store_col_int(st, 3);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading attendance patterns");

	st = store_stmt(s, STMT_BOOKINGS_ON);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, t->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_child *c = find_child(t, store_col_int(st, 0));
		if (!c)
			continue;
		c->arrive = (int)store_col_int(st, 1);
		c->leave = (int)store_col_int(st, 2);
		c->booked = 1;
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading bookings");

	st = store_stmt(s, STMT_CHILD_ABSENT_ON);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, t->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_child *c = find_child(t, store_col_int(st, 0));
		if (c)
			c->arrive = c->leave = -1;
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading child absences");

	st = store_stmt(s, STMT_KEY_ON);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, t->date);
	store_bind_text(st, 3, t->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_child *c = find_child(t, store_col_int(st, 0));
		if (!c)
			continue;
		c->primary = find_staff(t, store_col_int(st, 1));
		c->buddy = find_staff(t, store_col_int(st, 2));
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading key assignments");
	return 0;
}

int core_today_covers_greet(const struct today_staff *st, int arrive)
{
	if (!st || st->absent)
		return 0;
	for (size_t k = 0; k < st->nshifts; k++)
		if (st->shifts[k].start <= arrive && arrive < st->shifts[k].end)
			return 1;
	return 0;
}

int core_today_covers_leave(const struct today_staff *st, int leave)
{
	if (!st || st->absent)
		return 0;
	for (size_t k = 0; k < st->nshifts; k++)
		if (st->shifts[k].start < leave && leave <= st->shifts[k].end)
			return 1;
	return 0;
}

const struct today_staff *core_today_person(const struct today_child *c, enum today_by by)
{
	return by == TODAY_BY_PRIMARY ? c->primary : by == TODAY_BY_BUDDY ? c->buddy : NULL;
}

int core_today_load(struct store *s, int64_t setting_id, int day, int64_t room_id, struct today *t,
                    struct op_error *e)
{
	size_t kept = 0;
	memset(t, 0, sizeof *t);
	arena_init(&t->arena);
	t->day = day;
	date_format(day, t->date);
	if (load_staff(s, setting_id, t, e) || load_shifts(s, setting_id, t, e) ||
	    load_children(s, setting_id, room_id, t, e) || load_sessions(s, setting_id, t, e))
		return -1;
	for (size_t i = 0; i < t->nchildren; i++) {
		struct today_child c = t->children[i];
		if (c.arrive < 0 || c.leave <= c.arrive)
			continue;
		c.greet = core_today_covers_greet(c.primary, c.arrive) ? TODAY_BY_PRIMARY
		          : core_today_covers_greet(c.buddy, c.arrive) ? TODAY_BY_BUDDY
		                                                       : TODAY_BY_NOBODY;
		c.hand_over = core_today_covers_leave(c.primary, c.leave) ? TODAY_BY_PRIMARY
		              : core_today_covers_leave(c.buddy, c.leave) ? TODAY_BY_BUDDY
		                                                          : TODAY_BY_NOBODY;
		t->nobody += (c.greet == TODAY_BY_NOBODY) + (c.hand_over == TODAY_BY_NOBODY);
		t->by_buddy += (c.greet == TODAY_BY_BUDDY) + (c.hand_over == TODAY_BY_BUDDY);
		t->children[kept++] = c;
	}
	t->nchildren = kept;
	qsort(t->children, t->nchildren, sizeof *t->children, by_room_arrival_name);
	return 0;
}

void core_today_free(struct today *t)
{
	free(t->children);
	free(t->staff);
	arena_free(&t->arena);
	memset(t, 0, sizeof *t);
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *staff_json(const struct today_staff *p)
{
	json_t *o;
	if (!p)
		return json_null();
	o = json_object();
	json_object_set_new(o, "id", json_string(p->code));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "shift", text_or_null(p->shift));
	if (p->absent)
		json_object_set_new(o, "absent", json_string(p->absent));
	return o;
}

static json_t *by_json(const struct today_child *c, enum today_by by)
{
	const struct today_staff *p = core_today_person(c, by);
	json_t *o = json_object();
	json_object_set_new(o, "id", text_or_null(p ? p->code : NULL));
	json_object_set_new(o, "name", text_or_null(p ? p->name : NULL));
	json_object_set_new(o, "reason", json_string(core_today_by_names[by]));
	return o;
}

json_t *core_today_json(const struct today *t)
{
	json_t *root = json_object(), *list = json_array();
	json_object_set_new(root, "date", json_string(t->date));
	for (size_t i = 0; i < t->nchildren; i++) {
		const struct today_child *c = &t->children[i];
		char arrive[TIME_LEN], leave[TIME_LEN];
		json_t *o = json_object();
		time_format(c->arrive, arrive);
		time_format(c->leave, leave);
		json_object_set_new(o, "id", json_string(c->code));
		json_object_set_new(o, "name", json_string(c->name));
		json_object_set_new(o, "room", json_string(c->room));
		json_object_set_new(o, "arrive", json_string(arrive));
		json_object_set_new(o, "leave", json_string(leave));
		json_object_set_new(o, "primary", staff_json(c->primary));
		json_object_set_new(o, "secondary", staff_json(c->buddy));
		json_object_set_new(o, "greeter", by_json(c, c->greet));
		json_object_set_new(o, "hand_over", by_json(c, c->hand_over));
		json_array_append_new(list, o);
	}
	json_object_set_new(root, "children", list);
	return root;
}
