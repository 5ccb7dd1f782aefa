/*
 * page_keygroups_today.c — GET /today (any member of staff): the day's
 * page for a chosen date (?date=, default today in the setting's time zone)
 * and room (?room=, a room's name; all rooms when empty). From core_today:
 * every child expected, arrival and home time, key person and buddy with
 * their shifts (or their absence), who greets and who hands over — the key
 * person when on shift then, else the buddy (said in words, not only by
 * colour), else "nobody who knows them", flagged, with a suggestion of whose
 * shift would cover it. Each child passes through authz_child(CHILD_BASIC),
 * so a practitioner sees only the children of their rooms and their own key
 * and buddy children; the summary counts what the person sees.
 *
 * The message book on the same page (issue 6: messages are "shown to
 * whoever greets or hands over that child"): under each room its room
 * messages, and beside each child a count of the child's and the key
 * group's messages of the day (and the evening before), with their text,
 * linking to /messages. Messages pass through day_message_visible.
 */
#include <string.h>
#include <strings.h>

#include "core_message.h"
#include "core_setting.h"
#include "core_today.h"
#include "page_day.h"
#include "page_family.h"
#include "page_keygroups.h"
#include "page_medicine.h"
#include "page_portal.h"
#include "valid.h"

static const struct field_spec date_spec = {"date", F_DATE, 0, 0, 0, NULL};

static const char *const weekday_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                             "Friday", "Saturday", "Sunday"};

static void filter_form(struct web *w, const char *date, const char *room)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_ROOM_LIST);
	html_raw(b, "<form method=\"get\" action=\"/today\" class=\"card noprint filters\"><div>");
	html_printf(b,
	            "<label for=\"date\">Day</label><input type=\"date\" id=\"date\" name=\"date\" "
	            "value=\"%s\"",
	            date);
	kg_invalid_attrs(w, "date");
	page_field_error(w, "date");
	html_raw(b, "</div><div><label for=\"room\">Room</label><select id=\"room\" name=\"room\"");
	kg_invalid_attrs(w, "room");
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
	html_raw(b, "</div><div><button type=\"submit\">Show</button></div></form>");
}

static void person_cell(struct web *w, const struct today_staff *p)
{
	struct buf *b = &w->resp->body;
	if (!p)
		html_raw(b, "<td class=\"nobody\">none</td>");
	else if (p->absent)
		html_printf(b, "<td>%s <span class=\"tag\">absent: %s</span></td>", p->name,
		            p->absent);
	else if (!p->shift)
		html_printf(b, "<td>%s <span class=\"muted\">(off)</span></td>", p->name);
	else
		html_printf(b, "<td>%s <span class=\"muted\">(%s)</span></td>", p->name, p->shift);
}

/* Whose shift would cover an event nobody covers: the key person's, else the buddy's. */
static const char *suggestion(struct web *w, const struct today_child *c, int leave)
{
	const struct today_staff *who[2] = {c->primary, c->buddy};
	char t[TIME_LEN], edge[TIME_LEN];
	time_format(leave ? c->leave : c->arrive, t);
	for (int k = 0; k < 2; k++) {
		const struct today_staff *p = who[k];
		if (!p || p->absent || !p->nshifts)
			continue;
		if (!leave && c->arrive < p->shifts[0].start) {
			time_format(p->shifts[0].start, edge);
			return arena_printf(w->a, "%s (%s) could greet by starting at %s, not %s",
			                    p->name, k ? "buddy" : "key person", t, edge);
		}
		if (leave && c->leave > p->shifts[p->nshifts - 1].end) {
			time_format(p->shifts[p->nshifts - 1].end, edge);
			return arena_printf(w->a,
			                    "%s (%s) could hand over by staying until %s, not %s",
			                    p->name, k ? "buddy" : "key person", t, edge);
		}
		return arena_printf(w->a, "%s (%s) could cover by working at %s", p->name,
		                    k ? "buddy" : "key person", t);
	}
	return "key person and buddy are both off: ask someone from the room the child knows";
}

static void by_cell(struct web *w, const struct today_child *c, enum today_by by, int leave)
{
	struct buf *b = &w->resp->body;
	if (by == TODAY_BY_PRIMARY)
		html_printf(b, "<td>%s</td>", c->primary->name);
	else if (by == TODAY_BY_BUDDY)
		html_printf(b, "<td class=\"buddy\">%s <span class=\"tag\">buddy</span></td>",
		            c->buddy->name);
	else
		html_printf(b,
		            "<td><span class=\"nobody\">nobody who knows them</span><br>"
		            "<span class=\"muted\">%s</span></td>",
		            suggestion(w, c, leave));
}

/* The day's messages of a child (its own and its key group's) the person may see. */
static size_t child_messages(struct web *w, const struct message *m, size_t n,
                             const struct today_child *c)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count +=
		    ((m[i].child_id && m[i].child_id == c->id) ||
		     (m[i].key_person_id && c->primary && m[i].key_person_id == c->primary->id)) &&
		    day_message_visible(w, &m[i]);
	return count;
}

static int today_page(struct web *w, int status, const char *date, const char *room, int day,
                      int64_t room_id)
{
	struct buf *b = &w->resp->body;
	struct today t;
	struct op_error e;
	const char *last_room = NULL;
	char prev[DATE_LEN], next[DATE_LEN];
	size_t shown = 0, absent = 0;
	int nobody = 0, by_buddy = 0;
	unsigned char *visible = NULL;
	struct message *m = NULL;
	size_t nm = 0;

	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Today: who greets and who hands over");
	filter_form(w, date, room);
	if (status != 200) {
		page_end(w);
		return 0;
	}
	if (core_today_load(w->s, w->me.setting_id, day, room_id, &t, &e) != 0) {
		core_today_free(&t);
		html_printf(b, "<p class=\"alert\" role=\"alert\">The day cannot be shown: %s</p>",
		            e.msg);
		page_end(w);
		return 0;
	}
	if (core_message_day(w->s, w->me.setting_id, day, w->setting.time_zone, w->a, &m, &nm,
	                     &e) != 0)
		nm = 0; /* the day without its messages rather than no day */
	visible = arena_alloc(w->a, t.nchildren + 1);
	for (size_t i = 0; i < t.nchildren; i++) {
		const struct today_child *c = &t.children[i];
		visible[i] = (unsigned char)authz_child(w, c->id, CHILD_BASIC);
		if (!visible[i])
			continue;
		shown++;
		nobody += (c->greet == TODAY_BY_NOBODY) + (c->hand_over == TODAY_BY_NOBODY);
		by_buddy += (c->greet == TODAY_BY_BUDDY) + (c->hand_over == TODAY_BY_BUDDY);
	}
	date_format(day - 1, prev);
	date_format(day + 1, next);
	html_printf(b, "<h2 id=\"day\">%s %s%s%s</h2>", weekday_names[date_weekday(day)], t.date,
	            *room ? ", " : "", room);
	html_printf(
	    b,
	    "<p class=\"noprint\"><a href=\"/today?date=%s&amp;room=%s\">Previous day</a> · "
	    "<a href=\"/today?date=%s&amp;room=%s\">Next day</a></p>",
	    prev, room, next, room);
	html_printf(b, "<p class=\"%s\" role=\"status\"><strong>%zu %s expected</strong>; ",
	            nobody ? "alert" : "notice", shown, shown == 1 ? "child" : "children");
	if (nobody)
		html_printf(
		    b, "<strong class=\"nobody\">%d %s with nobody who knows the child</strong>",
		    nobody, nobody == 1 ? "arrival or departure" : "arrivals and departures");
	else
		html_raw(b, "every arrival and departure has someone who knows the child");
	html_printf(b, "; %d by the buddy.</p>", by_buddy);
	for (size_t i = 0; i < t.nstaff; i++)
		if (t.staff[i].absent) {
			html_raw(b, absent++ ? ", " : "<p>Staff absent: ");
			html_printf(b, "%s (%s)", t.staff[i].name, t.staff[i].absent);
		}
	if (absent)
		html_raw(b, "</p>");
	portal_today_absences(w, day);
	page_medicine_today(w, day);          /* doses due now (page_medicine.c) */
	family_today_notes(w, day, "/today"); /* families' morning notes (page_family.c) */
	if (!shown)
		html_raw(b, "<p>No children are expected.</p>");
	for (size_t i = 0; i < t.nchildren; i++) {
		const struct today_child *c = &t.children[i];
		char arrive[TIME_LEN], leave[TIME_LEN];
		size_t nmine;
		if (!visible[i])
			continue;
		if (!last_room || strcmp(last_room, c->room) != 0) {
			if (last_room)
				html_raw(b, "</tbody></table></div>");
			last_room = c->room;
			html_printf(
			    b,
			    "<h3>%s</h3><div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
			    "<th scope=\"col\">Child</th><th scope=\"col\">Arrives</th>"
			    "<th scope=\"col\">Goes home</th><th scope=\"col\">Key person</th>"
			    "<th scope=\"col\">Buddy</th><th scope=\"col\">Greets</th>"
			    "<th scope=\"col\">Hands over</th></tr></thead><tbody>",
			    c->room);
			html_raw(b, "<tr><td colspan=\"7\">");
			day_messages_for(w, m, nm, 0, 0, c->room_id);
			html_raw(b, "</td></tr>");
		}
		time_format(c->arrive, arrive);
		time_format(c->leave, leave);
		html_printf(b, "<tr><th scope=\"row\"><a href=\"/children/%lld\">%s</a>",
		            (long long)c->id, c->name);
		family_note_tag(w, c->id, day);
		nmine = child_messages(w, m, nm, c);
		if (nmine) {
			html_printf(b, " <a class=\"tag\" href=\"/messages?date=%s\">%zu %s</a>",
			            t.date, nmine, nmine == 1 ? "message" : "messages");
			day_messages_for(w, m, nm, c->id, c->primary ? c->primary->id : 0, 0);
		}
		html_printf(b, "</th><td>%s</td><td>%s%s</td>", arrive, leave,
		            c->booked ? " (booked)" : "");
		person_cell(w, c->primary);
		person_cell(w, c->buddy);
		by_cell(w, c, c->greet, 0);
		by_cell(w, c, c->hand_over, 1);
		html_raw(b, "</tr>");
	}
	if (last_room)
		html_raw(b, "</tbody></table></div>");
	core_today_free(&t);
	page_end(w);
	return 0;
}

int page_today(struct web *w)
{
	const char *date = web_field(w, "date"), *room = web_field(w, "room");
	struct field_value v;
	char why[200];
	int64_t room_id = 0;
	int day;
	if (valid_field(&date_spec, date, &v, w->a, why, sizeof why) != 0) {
		w->field_error[0] = "date";
		w->field_error[1] = arena_printf(w->a, "The day %s: give it as YYYY-MM-DD.", why);
		return today_page(w, 422, date, room, 0, 0);
	}
	day = v.present ? (int)v.i : date_today(w->setting.time_zone);
	if (*room && !(room_id = core_room_find(w->s, w->me.setting_id, room))) {
		w->field_error[0] = "room";
		w->field_error[1] = "There is no room by that name.";
		return today_page(w, 422, date, room, day, 0);
	}
	if (!v.present) {
		char d[DATE_LEN];
		date_format(day, d);
		date = arena_strdup(w->a, d);
	}
	return today_page(w, 200, date, room, day, room_id);
}
