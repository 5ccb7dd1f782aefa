/*
 * page_day_message.c — the message book (core_message): GET /messages
 * (?date=, ?room=) lists the day's messages (and the evening's before) the
 * person may see, the handovers waiting for them with a button to
 * acknowledge each, a form to add a message for a child, a room or a key
 * group (from staff, or from a parent at drop-off written down by staff),
 * and the handover of one's key children's messages to a named member of
 * staff; POST /messages, /messages/handover, /messages/:id/ack; and
 * GET /messages/unacknowledged for the manager, oldest first. Who sees which
 * message is authz's (day_message_visible).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core_today.h"
#include "date.h"
#include "page_day.h"

static void add_form(struct web *w, const char *date, int day, int64_t room_id)
{
	struct buf *b = &w->resp->body;
	const char *chosen = web_field(w, "for"), *source = web_field(w, "source");
	struct today t;
	struct op_error e;
	struct store_stmt *st;
	html_raw(b, "<section class=\"card\"><h2 id=\"add\">Add a message</h2>"
	            "<form method=\"post\" action=\"/messages\">");
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"date\" value=\"%s\">"
	            "<label for=\"for\">For</label><select id=\"for\" name=\"for\"",
	            date);
	day_invalid(w, "for");
	html_raw(b, "<option value=\"\">Choose a child, a room or a key group</option>");
	if (core_today_load(w->s, w->me.setting_id, day, room_id, &t, &e) == 0) {
		html_raw(b, "<optgroup label=\"Children\">");
		for (size_t i = 0; i < t.nchildren; i++) {
			char v[32];
			if (!authz_child(w, t.children[i].id, CHILD_BASIC))
				continue;
			snprintf(v, sizeof v, "child:%" PRId64, t.children[i].id);
			html_printf(b, "<option value=\"%s\"%s>%s (%s)</option>", v,
			            strcmp(chosen, v) == 0 ? " selected" : "", t.children[i].name,
			            t.children[i].room);
		}
		html_raw(b, "</optgroup>");
	}
	core_today_free(&t);
	html_raw(b, "<optgroup label=\"Rooms\">");
	st = store_stmt(w->s, STMT_ROOM_LIST);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		char v[32];
		int64_t id = store_col_int(st, 0);
		if (!authz_message_room(w, id))
			continue;
		snprintf(v, sizeof v, "room:%" PRId64, id);
		html_printf(b, "<option value=\"%s\"%s>%s</option>", v,
		            strcmp(chosen, v) == 0 ? " selected" : "", store_col_text(st, 1));
	}
	store_finish(st);
	html_raw(b, "</optgroup><optgroup label=\"Key groups\">");
	st = store_stmt(w->s, STMT_DAY_KEY_PEOPLE);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, date);
	while (store_step(st) == STORE_ROW) {
		char v[32];
		snprintf(v, sizeof v, "group:%" PRId64, store_col_int(st, 0));
		html_printf(b, "<option value=\"%s\"%s>%s's key group</option>", v,
		            strcmp(chosen, v) == 0 ? " selected" : "", store_col_text(st, 1));
	}
	store_finish(st);
	html_raw(b, "</optgroup></select>");
	page_field_error(w, "for");
	html_printf(b,
	            "<label for=\"source\">From</label><select id=\"source\" name=\"source\">"
	            "<option value=\"staff\">Staff</option>"
	            "<option value=\"parent\"%s>A parent at drop-off (you write it down)</option>"
	            "</select>",
	            strcmp(source, "parent") == 0 ? " selected" : "");
	page_field_error(w, "source");
	html_raw(b, "<label for=\"text\">Message</label>"
	            "<textarea id=\"text\" name=\"text\" maxlength=\"4000\" rows=\"3\"");
	day_invalid(w, "text");
	html_printf(b, "%s</textarea>", web_field(w, "text"));
	page_field_error(w, "text");
	html_raw(b, "<button type=\"submit\">Add the message</button></form></section>");
}

static void pending_for_me(struct web *w, const char *date)
{
	struct buf *b = &w->resp->body;
	struct message_pending *p;
	struct op_error e;
	size_t n;
	if (!w->me.staff_id ||
	    core_message_pending(w->s, w->me.setting_id, w->me.staff_id, w->a, &p, &n, &e) != 0 ||
	    !n)
		return;
	html_printf(
	    b, "<section class=\"card\"><h2 id=\"handed\">Handed over to you (%zu)</h2><ul>", n);
	for (size_t i = 0; i < n; i++) {
		const char *about = *p[i].child  ? p[i].child
		                    : *p[i].room ? p[i].room
		                                 : p[i].key_person;
		if (p[i].child_id && !authz_child(w, p[i].child_id, CHILD_BASIC))
			about = "a child";
		html_printf(
		    b, "<li><strong>%s</strong>: %s <span class=\"muted\">(%s)</span>", about,
		    p[i].child_id && !authz_child(w, p[i].child_id, CHILD_BASIC) ? "" : p[i].text,
		    p[i].for_date);
		html_printf(b, "<form method=\"post\" action=\"/messages/%" PRId64 "/ack\">",
		            p[i].message_id);
		page_csrf(w);
		html_printf(b,
		            "<input type=\"hidden\" name=\"date\" value=\"%s\">"
		            "<button type=\"submit\">Got it</button></form></li>",
		            date);
	}
	html_raw(b, "</ul></section>");
}

static void handover_form(struct web *w, const char *date)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	if (!w->me.staff_id)
		return;
	html_raw(b, "<section class=\"card\"><h2 id=\"handover\">Hand over before you leave</h2>"
	            "<p>Your key children's and key group's messages of the day go to the person "
	            "you choose (your buddy, or the next person in), who acknowledges them.</p>"
	            "<form method=\"post\" action=\"/messages/handover\">");
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"date\" value=\"%s\">"
	            "<label for=\"to\">Hand over to</label><select id=\"to\" name=\"to\"",
	            date);
	day_invalid(w, "to");
	html_raw(b, "<option value=\"\">Choose</option>");
	st = store_stmt(w->s, STMT_DAY_STAFF_ACTIVE);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, date);
	while (store_step(st) == STORE_ROW) {
		char v[24];
		if (store_col_int(st, 0) == w->me.staff_id)
			continue;
		snprintf(v, sizeof v, "%" PRId64, store_col_int(st, 0));
		html_printf(b, "<option value=\"%s\"%s>%s</option>", v,
		            strcmp(web_field(w, "to"), v) == 0 ? " selected" : "",
		            store_col_text(st, 2));
	}
	store_finish(st);
	html_raw(b, "</select>");
	page_field_error(w, "to");
	html_raw(b, "<button type=\"submit\">Hand over</button></form></section>");
}

static int messages_page(struct web *w, int status, const char *date, const char *room, int day,
                         int64_t room_id, const char *notice)
{
	struct buf *b = &w->resp->body;
	struct message *m;
	struct op_error e;
	size_t n, shown = 0;
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Message book");
	day_filter(w, "/messages", date, room, -1);
	if (notice)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (status == 422 && w->field_error[0] &&
	    (strcmp(w->field_error[0], "date") == 0 || strcmp(w->field_error[0], "room") == 0)) {
		page_end(w);
		return 0;
	}
	if (status == 422 || status == 409 || status == 404)
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>",
		            w->field_error[1] ? w->field_error[1] : "That did not work.");
	if (authz_has(&w->me, ROLE_MANAGER))
		html_raw(b, "<p><a href=\"/messages/unacknowledged\">Handovers not yet "
		            "acknowledged</a></p>");
	pending_for_me(w, date);
	html_raw(b, "<h2 id=\"today\">The day's messages</h2>");
	if (core_message_day(w->s, w->me.setting_id, day, w->setting.time_zone, w->a, &m, &n, &e) !=
	    0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", e.msg);
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		char t[TIME_LEN];
		int d, minute;
		if ((room_id && m[i].in_room != room_id && !m[i].key_person_id) ||
		    !day_message_visible(w, &m[i]))
			continue;
		if (!shown++)
			html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
			            "<th scope=\"col\">For</th><th scope=\"col\">Message</th>"
			            "<th scope=\"col\">From</th><th scope=\"col\">Written</th>"
			            "</tr></thead><tbody>");
		date_local(m[i].created_at, w->setting.time_zone, &d, &minute);
		time_format(minute, t);
		html_printf(
		    b,
		    "<tr><th scope=\"row\">%s%s%s</th><td>%s</td><td>%s%s</td><td>%s%s</td></tr>",
		    m[i].child_id  ? m[i].child
		    : m[i].room_id ? m[i].room
		                   : m[i].key_person,
		    m[i].key_person_id ? "'s key group" : "",
		    m[i].child_id ? arena_printf(w->a, " (%s)", m[i].room) : "", m[i].text,
		    m[i].author, strcmp(m[i].source, "parent") == 0 ? " for the parent" : "",
		    m[i].evening ? "yesterday evening, " : "", t);
	}
	if (shown)
		html_raw(b, "</tbody></table></div>");
	else
		html_raw(b, "<p>No messages for this day.</p>");
	add_form(w, date, day, room_id);
	handover_form(w, date);
	page_end(w);
	return 0;
}

int page_messages(struct web *w)
{
	const char *date, *room = web_field(w, "room"), *notice = NULL;
	const char *handed = web_field(w, "handed");
	int64_t room_id = 0;
	int day;
	long k;
	if (day_date(w, &day, &date) != 0 || day_room(w, room, &room_id) != 0)
		return messages_page(w, 422, date, room, day, 0, NULL);
	if (*handed && parse_long(handed, 0, 100000, &k) == 0)
		notice = k ? arena_printf(w->a, "%ld %s handed over.", k,
		                          k == 1 ? "message" : "messages")
		           : "Nothing new to hand over.";
	return messages_page(w, 200, date, room, day, room_id, notice);
}

static int refuse(struct web *w, const char *date, int day, const struct op_error *e)
{
	int status = e->status == OP_INVALID ? 422 : (int)e->status;
	if (store_in_transaction(w->s))
		store_rollback(w->s);
	if (status != 422 && status != 409)
		return web_op_error(w, e);
	w->field_error[0] = arena_strdup(w->a, e->field[0] ? e->field : "for");
	w->field_error[1] = arena_strdup(w->a, e->msg);
	return messages_page(w, status, date, "", day, 0, NULL);
}

int page_message_add(struct web *w)
{
	struct message_new in;
	struct op_error e;
	const char *date, *target = web_field(w, "for");
	int64_t id;
	long v = 0;
	int day;
	if (day_date(w, &day, &date) != 0)
		return messages_page(w, 422, date, "", day, 0, NULL);
	memset(&in, 0, sizeof in);
	in.day = day;
	in.source = web_field(w, "source");
	in.author = w->me.display_name;
	in.text = web_field(w, "text");
	if (strncmp(target, "child:", 6) == 0 && parse_long(target + 6, 1, INT64_MAX, &v) == 0) {
		if (!authz_child(w, v, CHILD_BASIC))
			return web_error(w, 404, "", "there is no child %ld", v);
		in.child_id = v;
	} else if (strncmp(target, "room:", 5) == 0 &&
	           parse_long(target + 5, 1, INT64_MAX, &v) == 0) {
		if (!authz_message_room(w, v))
			return web_error(w, 403, "",
			                 "messages for a room are for the staff of that room");
		in.room_id = v;
	} else if (strncmp(target, "group:", 6) == 0 &&
	           parse_long(target + 6, 1, INT64_MAX, &v) == 0) {
		in.key_person_id = v;
	}
	if (core_tx_begin(w->s, &e) != 0 || core_message_add(w->s, &w->who, &in, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (e.status == OP_CONFLICT) /* a room or key person not of this setting */
			op_fail(&e, OP_INVALID, "for", "choose from the list");
		return refuse(w, date, day, &e);
	}
	return web_redirect(w, "/messages?date=%s", date);
}

int page_message_handover(struct web *w)
{
	struct op_error e;
	const char *date, *to = web_field(w, "to");
	size_t count;
	long v = 0;
	int day;
	if (!w->me.staff_id)
		return web_error(w, 403, "", "only a member of staff with a key group hands over");
	if (day_date(w, &day, &date) != 0)
		return messages_page(w, 422, date, "", day, 0, NULL);
	if (*to && parse_long(to, 1, INT64_MAX, &v) != 0)
		v = 0;
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_message_handover(w->s, &w->who, w->me.staff_id, v, day, w->setting.time_zone,
	                          &count, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return refuse(w, date, day, &e);
	return web_redirect(w, "/messages?date=%s&handed=%zu", date, count);
}

int page_message_ack(struct web *w)
{
	struct op_error e;
	const char *date;
	int day;
	if (!w->me.staff_id)
		return web_error(w, 404, "", "no message %" PRId64 " was handed over to you",
		                 w->id[0]);
	if (day_date(w, &day, &date) != 0)
		return messages_page(w, 422, date, "", day, 0, NULL);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_message_ack(w->s, &w->who, w->id[0], w->me.staff_id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return refuse(w, date, day, &e);
	return web_redirect(w, "/messages?date=%s#handed", date);
}

int page_messages_unacknowledged(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct message_pending *p;
	struct op_error e;
	size_t n;
	page_begin(w, "Handovers not yet acknowledged");
	if (core_message_pending(w->s, w->me.setting_id, 0, w->a, &p, &n, &e) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", e.msg);
		page_end(w);
		return 0;
	}
	if (!n) {
		html_raw(b, "<p class=\"notice\">Every handover has been acknowledged.</p>");
		page_end(w);
		return 0;
	}
	html_raw(b,
	         "<p>Oldest first.</p><div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	         "<th scope=\"col\">Handed over to</th><th scope=\"col\">For</th>"
	         "<th scope=\"col\">Message</th><th scope=\"col\">Day</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		int see = !p[i].child_id || authz_child(w, p[i].child_id, CHILD_BASIC);
		html_printf(b,
		            "<tr><th scope=\"row\">%s</th><td>%s%s</td><td>%s</td><td>%s</td></tr>",
		            p[i].staff,
		            !see          ? "a child"
		            : *p[i].child ? p[i].child
		            : *p[i].room  ? p[i].room
		                          : p[i].key_person,
		            !p[i].child_id && !*p[i].room ? "'s key group" : "",
		            see ? p[i].text : "", p[i].for_date);
	}
	html_raw(b, "</tbody></table></div>");
	page_end(w);
	return 0;
}
