/*
 * page_day.c — what the day's pages share (page_day.h): the date and room
 * of a request, the minute now, the filter form, and the messages of the
 * message book shown next to a child or a room.
 */
#include <string.h>
#include <strings.h>

#include "core_setting.h"
#include "date.h"
#include "page_day.h"
#include "valid.h"

static const struct field_spec date_spec = {"date", F_DATE, 0, 0, 0, NULL};

int day_date(struct web *w, int *day, const char **date)
{
	const char *raw = web_field(w, "date");
	struct field_value v;
	char why[200], d[DATE_LEN];
	*date = raw;
	*day = date_today(w->setting.time_zone);
	if (valid_field(&date_spec, raw, &v, w->a, why, sizeof why) != 0) {
		w->field_error[0] = "date";
		w->field_error[1] = arena_printf(w->a, "The day %s: give it as YYYY-MM-DD.", why);
		return -1;
	}
	if (v.present)
		*day = (int)v.i;
	date_format(*day, d);
	*date = arena_strdup(w->a, d);
	return 0;
}

int day_room(struct web *w, const char *room, int64_t *room_id)
{
	*room_id = 0;
	if (!*room)
		return 0;
	if (!(*room_id = core_room_find(w->s, w->me.setting_id, room))) {
		w->field_error[0] = "room";
		w->field_error[1] = "There is no room by that name.";
		return -1;
	}
	return 0;
}

int day_now(struct web *w, int day)
{
	int today = date_today(w->setting.time_zone), d, m;
	if (day < today)
		return 24 * 60;
	if (day > today)
		return 0;
	date_local(time_now(), w->setting.time_zone, &d, &m);
	return m;
}

void day_invalid(struct web *w, const char *field)
{
	if (w->field_error[0] && strcmp(w->field_error[0], field) == 0)
		html_printf(&w->resp->body, " aria-invalid=\"true\" aria-describedby=\"%s-error\">",
		            field);
	else
		html_raw(&w->resp->body, ">");
}

void day_filter(struct web *w, const char *action, const char *date, const char *room, int live)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_ROOM_LIST);
	html_printf(b, "<form method=\"get\" action=\"%s\" class=\"card noprint filters\"><div>",
	            action);
	html_printf(b,
	            "<label for=\"date\">Day</label><input type=\"date\" id=\"date\" name=\"date\" "
	            "value=\"%s\"",
	            date);
	day_invalid(w, "date");
	page_field_error(w, "date");
	html_raw(b, "</div><div><label for=\"room\">Room</label><select id=\"room\" name=\"room\"");
	day_invalid(w, "room");
	html_raw(b, "<option value=\"\">All rooms</option>");
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		const char *name = store_col_text(st, 1);
		html_printf(b, "<option%s>%s</option>",
		            strcasecmp(name, room) == 0 ? " selected" : "", name);
	}
	store_finish(st);
	html_raw(b, "</select>");
	page_field_error(w, "room");
	html_raw(b, "</div>");
	if (live >= 0)
		html_printf(b,
		            "<div><input type=\"checkbox\" id=\"live\" name=\"live\" value=\"1\"%s>"
		            "<label for=\"live\">Live, from the register</label></div>",
		            live ? " checked" : "");
	html_raw(b, "<div><button type=\"submit\">Show</button></div></form>");
}

int day_message_visible(struct web *w, const struct message *m)
{
	if (m->child_id)
		return authz_child(w, m->child_id, CHILD_BASIC);
	if (m->room_id)
		return authz_message_room(w, m->room_id);
	return (w->me.roles & ROLES_STAFF) != 0; /* a key group's: anyone on the staff */
}

void day_messages_for(struct web *w, const struct message *m, size_t n, int64_t child_id,
                      int64_t key_person_id, int64_t room_id)
{
	struct buf *b = &w->resp->body;
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		char t[TIME_LEN];
		int d, minute;
		if (!((child_id && m[i].child_id == child_id) ||
		      (key_person_id && m[i].key_person_id == key_person_id) ||
		      (room_id && m[i].room_id == room_id)))
			continue;
		if (!day_message_visible(w, &m[i]))
			continue;
		html_raw(b, any++ ? "" : "<ul class=\"messages\">");
		date_local(m[i].created_at, w->setting.time_zone, &d, &minute);
		time_format(minute, t);
		html_printf(b, "<li><strong>%s</strong> <span class=\"muted\">(%s%s, %s%s)</span>",
		            m[i].text,
		            strcmp(m[i].source, "parent") == 0 ? "from the parent, " : "",
		            m[i].author, m[i].evening ? "yesterday evening " : "", t);
		if (m[i].key_person_id && child_id)
			html_printf(b, " <span class=\"tag\">key group of %s</span>",
			            m[i].key_person);
		html_raw(b, "</li>");
	}
	if (any)
		html_raw(b, "</ul>");
}
