/*
 * page_setup_rooms.c — the rooms of the setting (GET /rooms): each room's
 * name, age range, places, children on roll today and the staff who work
 * there; and adding a room (POST /rooms) with core_room_add, the form
 * re-shown with the input kept and the error beside its field.
 */
#include <string.h>

#include "core_setting.h"
#include "date.h"
#include "page_setup.h"

static const struct setup_input_def room_inputs[] = {
    {ROOM_NAME, "Name", "For example Babies, Toddlers or Pre-school", SETUP_TEXT, NULL, NULL},
    {ROOM_AGE_MIN_MONTHS, "Youngest age, in months", NULL, SETUP_NUMBER, NULL, NULL},
    {ROOM_AGE_MAX_MONTHS, "Oldest age, in months", NULL, SETUP_NUMBER, NULL, NULL},
    {ROOM_CAPACITY, "Places", "How many children the room takes at once", SETUP_NUMBER, NULL, NULL},
};

static const struct setup_form room_form = {core_room_fields, ROOM__MAX, room_inputs,
                                            ARRAY_LEN(room_inputs)};

struct room_line {
	int64_t id, min, max, capacity, on_roll;
	int has_capacity;
	const char *name;
};

static void room_row(struct web *w, const struct room_line *r, const struct setup_staff_room *sr,
                     size_t nsr)
{
	struct buf *b = &w->resp->body;
	int nstaff = 0;
	html_printf(b, "<tr><th scope=\"row\">%s</th><td>%lld to %lld months</td><td>", r->name,
	            (long long)r->min, (long long)r->max);
	if (r->has_capacity)
		html_printf(b, "%lld", (long long)r->capacity);
	else
		html_raw(b, "<span class=\"muted\">not set</span>");
	html_printf(b, "</td><td><a href=\"/children?room=%s\">%lld</a>",
	            page_setup_url(w, r->name), (long long)r->on_roll);
	if (r->has_capacity && r->on_roll > r->capacity)
		html_raw(b, " <span class=\"tag\">more than its places</span>");
	html_raw(b, "</td><td>");
	for (size_t k = 0; k < nsr; k++) {
		if (sr[k].room_id != r->id)
			continue;
		html_printf(b, "%s<a href=\"/staff/%lld\">%s</a>", nstaff++ ? ", " : "",
		            (long long)sr[k].staff_id, page_setup_staff_name(w, sr[k].staff_id));
	}
	if (!nstaff)
		html_raw(b, "<span class=\"nobody\">nobody</span>");
	html_raw(b, "</td></tr>");
}

static void room_list(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_ROOMS);
	struct room_line *rooms = NULL;
	const struct setup_staff_room *sr;
	size_t n = 0, cap = 0, nsr;
	char today[DATE_LEN];

	date_format(page_setup_today(w), today);
	store_bind_text(st, 1, today);
	store_bind_text(st, 2, today);
	store_bind_int(st, 3, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		struct room_line *r;
		rooms = page_setup_grow(w, rooms, &cap, n, sizeof *rooms);
		r = &rooms[n++];
		r->id = store_col_int(st, 0);
		r->name = arena_strdup(w->a, store_col_text(st, 1));
		r->min = store_col_int(st, 2);
		r->max = store_col_int(st, 3);
		r->has_capacity = !store_col_null(st, 4);
		r->capacity = store_col_int(st, 4);
		r->on_roll = store_col_int(st, 5);
	}
	store_finish(st);
	if (!n) {
		html_raw(b, "<p>There are no rooms yet: add the first one below.</p>");
		return;
	}
	sr = page_setup_staff_rooms(w, &nsr);
	html_raw(
	    b,
	    "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th scope=\"col\">Room</th>"
	    "<th scope=\"col\">Ages</th><th scope=\"col\">Places</th>"
	    "<th scope=\"col\">Children on roll today</th><th scope=\"col\">Staff</th></tr>"
	    "</thead><tbody>");
	for (size_t i = 0; i < n; i++)
		room_row(w, &rooms[i], sr, nsr);
	html_raw(b, "</tbody></table></div>");
}

static int rooms_page(struct web *w, int status, const char *const *raw)
{
	struct buf *b = &w->resp->body;
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Rooms");
	room_list(w);
	html_raw(b, "<h2 id=\"add-room\">Add a room</h2>");
	page_setup_form_errors(w, &room_form);
	html_raw(
	    b,
	    "<form method=\"post\" action=\"/rooms\" class=\"card\" aria-labelledby=\"add-room\">");
	page_csrf(w);
	page_setup_form_inputs(w, &room_form, raw);
	html_raw(b, "<p><button type=\"submit\">Add the room</button></p></form>");
	page_end(w);
	return 0;
}

int page_setup_rooms(struct web *w)
{
	return rooms_page(w, 200, NULL);
}

int page_setup_room_add(struct web *w)
{
	const char *raw[ROOM__MAX];
	struct field_value v[ROOM__MAX];
	struct op_error e;
	int64_t id;
	page_setup_form_read(w, &room_form, raw);
	if (page_setup_form_check(w, &room_form, raw, v) != 0)
		return rooms_page(w, 422, raw);
	if (core_tx_begin(w->s, &e) || core_room_add(w->s, &w->who, v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return rooms_page(w, page_setup_form_refused(w, &room_form, &e), raw);
	}
	return web_redirect(w, "/rooms");
}
