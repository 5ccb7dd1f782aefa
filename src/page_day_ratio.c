/*
 * page_day_ratio.c — GET /ratios (?date=, ?room=, ?live=1): per room, the
 * day in 15-minute slots from core_ratio, planned (expected children and the
 * published rota less absences) or live (the register): a small SVG drawn
 * on the server (adults needed against adults on duty, slots out of ratio
 * in red; no script) and the same as a table, with the reasons of every
 * slot out of ratio. A practitioner sees the rooms they work in; the whole
 * setting's row is for the manager, SENCo and DSL (authz_ratio_*). And the
 * warning for the register and the manager's home page: a room out of ratio
 * now, or later today in the plan.
 */
#include <inttypes.h>
#include <string.h>

#include "core_ratio.h"
#include "page_day.h"

#define BAR_W 10
#define CHART_H 60

static void chart(struct web *w, const struct ratio_day *r, const struct ratio_room *room, int idx)
{
	struct buf *b = &w->resp->body;
	int maxv = 1, width = (int)r->nslots * BAR_W;
	for (size_t i = 0; i < r->nslots; i++) {
		if (room->slots[i].adults_needed > maxv)
			maxv = room->slots[i].adults_needed;
		if (room->slots[i].adults > maxv)
			maxv = room->slots[i].adults;
	}
	html_printf(b,
	            "<svg class=\"ratio-chart\" role=\"img\" aria-labelledby=\"chart-%d\" "
	            "viewBox=\"0 0 %d %d\" width=\"100%%\" preserveAspectRatio=\"none\">"
	            "<title id=\"chart-%d\">%s: adults needed (outline) and on duty (bars) per "
	            "15 minutes; red where out of ratio</title>",
	            idx, width, CHART_H + 14, idx, room->name);
	for (size_t i = 0; i < r->nslots; i++) {
		const struct ratio_slot *s = &room->slots[i];
		int x = (int)i * BAR_W, h = CHART_H * s->adults / maxv,
		    need = CHART_H * s->adults_needed / maxv;
		if (!s->ok)
			html_printf(
			    b,
			    "<rect x=\"%d\" y=\"0\" width=\"%d\" height=\"%d\" class=\"short\"/>",
			    x, BAR_W, CHART_H);
		html_printf(b,
		            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"duty\"/>"
		            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"need\"/>",
		            x + 1, CHART_H - h, BAR_W - 2, h, x + 1, CHART_H - need, BAR_W - 2,
		            need);
		if (s->start % 60 == 0)
			html_printf(b, "<text x=\"%d\" y=\"%d\" class=\"hour\">%d</text>", x,
			            CHART_H + 12, s->start / 60);
	}
	html_raw(b, "</svg>");
}

static void room_section(struct web *w, const struct ratio_day *r, const struct ratio_room *room,
                         int idx)
{
	struct buf *b = &w->resp->body;
	html_printf(b, "<section class=\"card\"><h2>%s</h2>", room->name);
	if (room->nshort) {
		const struct ratio_slot *s = &room->slots[room->worst];
		char t[TIME_LEN];
		time_format(s->start, t);
		html_printf(b,
		            "<p class=\"alert\" role=\"alert\"><strong>Out of ratio in %d of %zu "
		            "slots</strong>; worst at %s: %s</p>",
		            room->nshort, r->nslots, t, s->reasons);
	} else {
		html_raw(b, "<p class=\"notice\">In ratio all day.</p>");
	}
	chart(w, r, room, idx);
	html_printf(
	    b,
	    "<details%s><summary>Every 15 minutes</summary><div class=\"table-wrap\" "
	    "tabindex=\"0\"><table>"
	    "<caption>%s, %s</caption><thead><tr><th scope=\"col\">Time</th>"
	    "<th scope=\"col\">Under 2</th><th scope=\"col\">2 years</th>"
	    "<th scope=\"col\">3 and over</th><th scope=\"col\">Adults needed</th>"
	    "<th scope=\"col\">On duty</th><th scope=\"col\">In ratio</th></tr></thead><tbody>",
	    room->nshort ? " open" : "", room->name, ratio_mode_names[r->mode]);
	for (size_t i = 0; i < r->nslots; i++) {
		const struct ratio_slot *s = &room->slots[i];
		char a[TIME_LEN], z[TIME_LEN];
		time_format(s->start, a);
		time_format(s->end, z);
		html_printf(
		    b,
		    "<tr%s><th scope=\"row\">%s–%s%s%s</th><td>%d</td><td>%d</td><td>%d</td>"
		    "<td>%d</td><td>%d</td><td>%s%s</td></tr>",
		    s->ok ? "" : " class=\"short\"", a, z, s->meal ? " " : "",
		    s->meal ? s->meal : "", s->children[RATIO_UNDER_2], s->children[RATIO_TWO],
		    s->children[RATIO_THREE_PLUS], s->adults_needed, s->adults,
		    s->ok ? "yes" : "OUT OF RATIO: ", s->ok ? "" : s->reasons);
	}
	html_raw(b, "</tbody></table></div></details></section>");
}

int page_ratios(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct ratio_day r;
	struct op_error e;
	const char *date, *room = web_field(w, "room");
	int live = strcmp(web_field(w, "live"), "1") == 0, day, shown = 0;
	int64_t room_id = 0;
	int bad = day_date(w, &day, &date) != 0 || day_room(w, room, &room_id) != 0;
	w->resp->status = bad ? 422 : 200;
	page_begin(w, live ? "Ratios, live from the register" : "Ratios, planned from the rota");
	day_filter(w, "/ratios", date, room, live);
	if (bad) {
		page_end(w);
		return 0;
	}
	if (core_ratio_day(w->s, w->me.setting_id, day, live ? RATIO_LIVE : RATIO_PLANNED,
	                   day_now(w, day), &r, &e) != 0) {
		core_ratio_free(&r);
		html_printf(
		    b, "<p class=\"alert\" role=\"alert\">The ratios cannot be worked out: %s</p>",
		    e.msg);
		page_end(w);
		return 0;
	}
	html_printf(b, "<p>%s, %s. <a href=\"/ratios?date=%s&amp;room=%s%s\">%s</a></p>", r.date,
	            live ? "who is signed in on the register" : "expected children and the rota",
	            r.date, room, live ? "" : "&live=1", live ? "Show the plan" : "Show live");
	if (r.nmeals) { /* mealtimes: a first aider in every room where children eat */
		html_raw(b, "<p>Mealtimes (a paediatric first aider in the room):");
		for (size_t i = 0; i < r.nmeals; i++) {
			char a[TIME_LEN], z[TIME_LEN];
			time_format(r.meals[i].start, a);
			time_format(r.meals[i].end, z);
			html_printf(b, "%s %s %s–%s", i ? ";" : "", r.meals[i].name, a, z);
		}
		html_raw(b, ".</p>");
	}
	for (size_t i = 0; i < r.nrooms; i++) {
		if ((room_id && r.rooms[i].id != room_id) || !authz_ratio_room(w, r.rooms[i].id))
			continue;
		room_section(w, &r, &r.rooms[i], (int)i);
		shown++;
	}
	if (!room_id && authz_ratio_setting(&w->me)) {
		room_section(w, &r, &r.setting, (int)r.nrooms);
		shown++;
	}
	if (!shown)
		html_raw(b, "<p>You do not work in any room.</p>");
	core_ratio_free(&r);
	page_end(w);
	return 0;
}

void day_ratio_warning_room(struct web *w, int64_t room_id)
{
	struct buf *b = &w->resp->body;
	struct ratio_day plan, live;
	struct op_error e;
	int day = date_today(w->setting.time_zone), now = day_now(w, day), any = 0;
	int have_live;
	if (core_ratio_day(w->s, w->me.setting_id, day, RATIO_PLANNED, now, &plan, &e) != 0) {
		core_ratio_free(&plan);
		return;
	}
	have_live = core_ratio_day(w->s, w->me.setting_id, day, RATIO_LIVE, now, &live, &e) == 0;
	for (size_t i = 0; i < plan.nrooms; i++) {
		const struct ratio_room *pr = &plan.rooms[i];
		const char *later = NULL, *nowmsg = NULL;
		char t[TIME_LEN];
		if ((room_id && pr->id != room_id) || !authz_ratio_room(w, pr->id))
			continue;
		for (size_t k = 0; k < plan.nslots && !later; k++)
			if (!pr->slots[k].ok && pr->slots[k].end > now) {
				time_format(pr->slots[k].start, t);
				later = arena_printf(w->a, "in the plan from %s: %s", t,
				                     pr->slots[k].reasons);
			}
		if (have_live && i < live.nrooms)
			for (size_t k = 0; k < live.nslots; k++) {
				const struct ratio_slot *s = &live.rooms[i].slots[k];
				if (s->start <= now && now < s->end && !s->ok)
					nowmsg = arena_printf(w->a, "now, from the register: %s",
					                      s->reasons);
			}
		if (!later && !nowmsg)
			continue;
		if (!any++)
			html_raw(b, "<div class=\"alert\" role=\"alert\"><p><strong>Out of ratio "
			            "today</strong></p><ul>");
		html_printf(b, "<li><a href=\"/ratios?room=%s\">%s</a>: %s%s%s</li>", pr->name,
		            pr->name, nowmsg ? nowmsg : "", nowmsg && later ? "; " : "",
		            later ? later : "");
	}
	if (any)
		html_raw(b, "</ul></div>");
	core_ratio_free(&plan);
	core_ratio_free(&live); /* also after a failure (core_ratio.h) */
}

void page_day_ratio_warning(struct web *w)
{
	if (!authz_has(&w->me, ROLE_MANAGER))
		return; /* the manager's home page; the rooms' staff see it on /register */
	day_ratio_warning_room(w, 0);
	html_raw(&w->resp->body, "<p><a href=\"/register\">Register</a> · <a href=\"/ratios\">"
	                         "Ratios</a> · <a href=\"/messages\">Message book</a></p>");
}
