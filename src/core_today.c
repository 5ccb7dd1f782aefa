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

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

const char *const core_today_event_names[TODAY_EVENT__MAX] = {
    [TODAY_GREET] = "greet",
    [TODAY_LEAVE] = "leave",
};

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
	return t->nstaff ? bsearch(&key, t->staff, t->nstaff, sizeof key, by_staff_id) : NULL;
}

static struct today_child *find_child(struct today *t, int64_t id)
{
	struct today_child key = {.id = id};
	return t->nchildren ? bsearch(&key, t->children, t->nchildren, sizeof key, by_child_id)
	                    : NULL;
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
	sort_n(t->staff, t->nstaff, sizeof *t->staff, by_staff_id);

	st = store_stmt(s, STMT_STAFF_ROOMS); /* by staff, position: the home room first */
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_staff *p = find_staff(t, store_col_int(st, 0));
		if (p && !p->home_room_id)
			p->home_room_id = store_col_int(st, 1);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the staff's rooms");
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
		rows[n].shift.room_id = store_col_null(st, 3) ? 0 : store_col_int(st, 3);
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
		if (!shifts[i].room_id)
			shifts[i].room_id = p->home_room_id;
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

/* Every child on roll, whatever room_id: a sibling in another room can
 * suggest who covers; core_today_load keeps room_id's children only. */
static int load_children(struct store *s, int64_t setting_id, struct today *t, struct op_error *e)
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
		c->family_id = store_col_null(st, 10) ? 0 : store_col_int(st, 10);
		c->room = arena_strdup(&t->arena, store_col_text(st, 7));
		c->room_rank = rank;
		c->arrive = c->leave = -1; /* not expected unless a pattern or booking says so */
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the children on roll");
	sort_n(t->children, t->nchildren, sizeof *t->children, by_child_id);
	return 0;
}

/* Usual pattern for the weekday, replaced by a booking, removed by an absence. */
static int load_sessions(struct store *s, int64_t setting_id, struct today *t, struct op_error *e)
{
	int weekday = date_weekday(t->day), rc;
	struct store_stmt *st = store_stmt(s, STMT_CHILD_ATTENDANCE_ON);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, weekday);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct today_child *c = find_child(t, store_col_int(st, 0));
		if (!c)
			continue;
		c->arrive = (int)store_col_int(st, 1);
		c->leave = (int)store_col_int(st, 2);
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

/* The room st works in at minute at for event ev (the shift that covers it), 0 when not on. */
static int64_t room_at(const struct today_staff *st, enum today_event ev, int at)
{
	if (st->absent)
		return 0;
	for (size_t k = 0; k < st->nshifts; k++) {
		const struct today_shift *sh = &st->shifts[k];
		if (ev == TODAY_GREET ? sh->start <= at && at < sh->end
		                      : sh->start < at && at <= sh->end)
			return sh->room_id;
	}
	return 0;
}

/* The sibling of c (in all, sorted by id) whose key person or buddy is p, or NULL. */
static const struct today_child *sibling_of(const struct today_child *all, size_t n,
                                            const struct today_child *c,
                                            const struct today_staff *p, int *as_buddy)
{
	if (!c->family_id)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const struct today_child *sib = &all[i];
		if (sib->family_id != c->family_id || sib->id == c->id)
			continue;
		if (sib->primary == p || sib->buddy == p) {
			*as_buddy = sib->primary != p;
			return sib;
		}
	}
	return NULL;
}

/* The shift change of the key person, else the buddy, that covers ev at
 * at; NULL when neither is in the building that day. */
static const char *shift_change(struct today *t, const struct today_child *c, enum today_event ev,
                                int at, const struct today_staff **who)
{
	const struct today_staff *people[2] = {c->primary, c->buddy};
	char hm[TIME_LEN];
	time_format(at, hm);
	for (int k = 0; k < 2; k++) {
		const struct today_staff *p = people[k];
		if (!p || p->absent)
			continue;
		*who = p;
		if (!p->nshifts)
			return arena_printf(&t->arena,
			                    "%s (%s) is off: a shift for %s %s %s would cover it",
			                    p->name, k ? "buddy" : "key person", p->name,
			                    ev == TODAY_GREET ? "from" : "until", hm);
		return arena_printf(&t->arena, "move %s's shift to %s at %s", p->name,
		                    ev == TODAY_GREET ? "start" : "end", hm);
	}
	*who = NULL;
	return NULL;
}

/* One suggestion for child ci's uncovered event (today.h says the order). */
static void suggest(struct today *t, const struct today_child *all, size_t nall, size_t ci,
                    enum today_event ev)
{
	const struct today_child *c = &t->children[ci];
	struct today_suggestion *sg = &t->suggestions[t->nsuggestions++];
	const struct today_staff *anyone = NULL;
	const char *verb = ev == TODAY_GREET ? "greet" : "hand over";
	char hm[TIME_LEN];
	sg->child = ci;
	sg->child_id = c->id;
	sg->event = ev;
	sg->at = ev == TODAY_GREET ? c->arrive : c->leave;
	sg->staff = NULL;
	time_format(sg->at, hm);
	assert(t->nstaff == 0 || t->staff);
	for (size_t i = 0; i < t->nstaff; i++) {
		const struct today_staff *p = &t->staff[i];
		int as_buddy = 0;
		if (room_at(p, ev, sg->at) != c->room_id)
			continue;
		if (!anyone)
			anyone = p;
		if (sibling_of(all, nall, c, p, &as_buddy)) {
			/* the sibling goes unnamed: whoever reads this may not see them */
			sg->staff = p;
			sg->text = arena_printf(
			    &t->arena, "ask %s, on shift in %s and %s of a sibling of %s, to %s",
			    p->name, c->room, as_buddy ? "buddy" : "key person", c->name, verb);
			return;
		}
	}
	if (anyone) {
		sg->staff = anyone;
		sg->text = arena_printf(&t->arena, "ask %s, on shift in %s at %s, to %s",
		                        anyone->name, c->room, hm, verb);
		return;
	}
	if ((sg->text = shift_change(t, c, ev, sg->at, &sg->staff)) != NULL)
		return;
	sg->text = arena_printf(&t->arena,
	                        "nobody who knows %s is in and nobody is on shift in %s at %s: "
	                        "arrange cover",
	                        c->name, c->room, hm);
}

int core_today_load(struct store *s, int64_t setting_id, int day, int64_t room_id, struct today *t,
                    struct op_error *e)
{
	struct today_child *all;
	size_t nall, kept = 0;
	memset(t, 0, sizeof *t);
	arena_init(&t->arena);
	t->day = day;
	date_format(day, t->date);
	if (load_staff(s, setting_id, t, e) || load_shifts(s, setting_id, t, e) ||
	    load_children(s, setting_id, t, e) || load_sessions(s, setting_id, t, e))
		return -1;
	/* every child on roll stays in all (by id), for siblings; the expected
	 * children of the room asked for go on in t->children */
	all = t->children;
	nall = t->nchildren;
	t->children = xcalloc(nall ? nall : 1, sizeof *t->children);
	for (size_t i = 0; i < nall; i++) {
		struct today_child c = all[i];
		if (c.arrive < 0 || c.leave <= c.arrive || (room_id && c.room_id != room_id))
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
	sort_n(t->children, t->nchildren, sizeof *t->children, by_room_arrival_name);
	t->suggestions = xcalloc(t->nobody ? (size_t)t->nobody : 1, sizeof *t->suggestions);
	for (size_t i = 0; i < t->nchildren; i++) {
		if (t->children[i].greet == TODAY_BY_NOBODY)
			suggest(t, all, nall, i, TODAY_GREET);
		if (t->children[i].hand_over == TODAY_BY_NOBODY)
			suggest(t, all, nall, i, TODAY_LEAVE);
	}
	free(all);
	return 0;
}

void core_today_free(struct today *t)
{
	free(t->children);
	free(t->suggestions);
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
	json_t *root = json_object(), *list = json_array(), *suggestions = json_array(), *uncovered;
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
		uncovered = json_array();
		if (c->greet == TODAY_BY_NOBODY)
			json_array_append_new(uncovered,
			                      json_string(core_today_event_names[TODAY_GREET]));
		if (c->hand_over == TODAY_BY_NOBODY)
			json_array_append_new(uncovered,
			                      json_string(core_today_event_names[TODAY_LEAVE]));
		json_object_set_new(o, "uncovered", uncovered);
		json_array_append_new(list, o);
	}
	json_object_set_new(root, "children", list);
	for (size_t i = 0; i < t->nsuggestions; i++) {
		const struct today_suggestion *sg = &t->suggestions[i];
		const struct today_child *c = NULL;
		json_t *o, *who = json_null();
		char at[TIME_LEN];
		for (size_t k = 0; k < t->nchildren && !c; k++)
			if (t->children[k].id == sg->child_id)
				c = &t->children[k];
		if (!c)
			continue; /* not one of this copy's children */
		o = json_object();
		time_format(sg->at, at);
		json_object_set_new(o, "child", json_string(c->code));
		json_object_set_new(o, "event", json_string(core_today_event_names[sg->event]));
		json_object_set_new(o, "at", json_string(at));
		json_object_set_new(o, "suggestion", json_string(sg->text));
		if (sg->staff) {
			who = json_object();
			json_object_set_new(who, "id", json_string(sg->staff->code));
			json_object_set_new(who, "name", json_string(sg->staff->name));
		}
		json_object_set_new(o, "staff", who);
		json_array_append_new(suggestions, o);
	}
	json_object_set_new(root, "suggestions", suggestions);
	return root;
}
