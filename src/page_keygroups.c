/*
 * page_keygroups.c — GET /keygroups (manager, SENCo) and POST
 * /keygroups/plan (manager). The page reads the setting's usual week as the
 * planner sees it (core_plan_instance) with the key assignments in force
 * today, and shows: per room, each member of staff's key children and buddy
 * children against their fair share; the week's greets and hand-overs by
 * key person, buddy or nobody, drawn as a small server-side SVG per room
 * with the same numbers in a table; every arrival and departure with nobody
 * who knows the child, with who in the room could cover it; and for a
 * manager, a form to plan new key groups and the proposals so far.
 * Planning runs the planner on live data and sends the manager to the
 * proposal's diff (page_keygroups_plan.c).
 */
#include <math.h>
#include <string.h>

#include "core_plan.h"
#include "date.h"
#include "page_keygroups.h"
#include "valid.h"

#define PLAN_TIME_LIMIT_S 10.0

static const char *const day_labels[KG_DAYS] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static const struct field_spec from_spec = {"from", F_DATE, 0, 0, 0, NULL};

/* "Mon, Tue 07:30-16:00; Wed 09:30-18:00": a usual week, same shifts together. */
static const char *week_text(struct arena *a, const struct kg_staff *s)
{
	const char *out = "";
	int done[KG_DAYS] = {0};
	for (int d = 0; d < KG_DAYS; d++) {
		char from[TIME_LEN], to[TIME_LEN];
		const char *days = "";
		if (done[d] || s->shift[d][0] < 0)
			continue;
		for (int e = d; e < KG_DAYS; e++)
			if (!done[e] && s->shift[e][0] == s->shift[d][0] &&
			    s->shift[e][1] == s->shift[d][1]) {
				done[e] = 1;
				days = arena_printf(a, "%s%s%s", days, *days ? ", " : "",
				                    day_labels[e]);
			}
		time_format(s->shift[d][0], from);
		time_format(s->shift[d][1], to);
		out = arena_printf(a, "%s%s%s %s–%s", out, *out ? "; " : "", days, from, to);
	}
	return *out ? out : "no usual shifts";
}

static void child_link(struct web *w, const struct kg_model *m, int c, const char *room)
{
	const struct kg_child *k = &m->children[c];
	if (k->id)
		html_printf(&w->resp->body, "<a href=\"/children/%lld\">%s</a>", (long long)k->id,
		            k->name);
	else
		html_printf(&w->resp->body, "%s", k->name);
	if (room && strcmp(room, k->room) != 0)
		html_printf(&w->resp->body, " <span class=\"muted\">(%s)</span>", k->room);
}

static void load_cell(struct web *w, const struct kg_model *m, int s, int primary)
{
	struct buf *b = &w->resp->body;
	const struct kg_staff *st = &m->staff[s];
	int load = primary ? st->primary : st->secondary;
	double share = primary ? st->target_primary : st->target_secondary;
	int n = 0;
	html_printf(b, "<td><strong>%d</strong> <span class=\"muted\">(fair share %.1f)</span>",
	            load, share);
	if (load > share + 1)
		html_raw(b, " <span class=\"tag\">above fair share</span>");
	else if (load + 1 < share)
		html_raw(b, " <span class=\"tag\">below fair share</span>");
	html_raw(b, "<br>");
	for (size_t c = 0; c < m->nchildren; c++) {
		const struct kg_child *k = &m->children[c];
		if ((primary ? k->primary : k->secondary) != s)
			continue;
		if (n++)
			html_raw(b, ", ");
		child_link(w, m, (int)c, st->home_room);
	}
	html_raw(b, "</td>");
}

static void room_groups(struct web *w, const struct kg_model *m, size_t r)
{
	struct buf *b = &w->resp->body;
	const char *room = m->rooms[r];
	int none = 0;
	html_printf(b, "<h3 id=\"room-%zu\">%s</h3>", r, room);
	html_printf(b,
	            "<div class=\"table-wrap\" tabindex=\"0\"><table><caption "
	            "class=\"muted\">Staff whose home room is %s"
	            "</caption><thead><tr><th scope=\"col\">Member of staff</th>"
	            "<th scope=\"col\">Usual week</th><th scope=\"col\">Key children</th>"
	            "<th scope=\"col\">Buddy children</th></tr></thead><tbody>",
	            room);
	for (size_t s = 0; s < m->nstaff; s++) {
		const struct kg_staff *st = &m->staff[s];
		if (strcmp(st->home_room, room) != 0)
			continue;
		html_printf(b, "<tr><th scope=\"row\">%s", st->name);
		if (!st->key_person)
			html_raw(b, " <span class=\"tag\">buddy only</span>");
		if (st->junior)
			html_raw(b, " <span class=\"tag\">junior</span>");
		if (st->sen_trained)
			html_raw(b, " <span class=\"tag\">SEN-trained</span>");
		html_printf(b, "</th><td>%s</td>", week_text(w->a, st));
		load_cell(w, m, (int)s, 1);
		load_cell(w, m, (int)s, 0);
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
	for (size_t c = 0; c < m->nchildren; c++) {
		if (strcmp(m->children[c].room, room) != 0 || m->children[c].primary >= 0)
			continue;
		html_raw(b, none++ ? ", " : "<p class=\"alert\">No key person and buddy: ");
		child_link(w, m, (int)c, NULL);
	}
	if (none)
		html_raw(b, "</p>");
}

/* Per room and weekday: greets and hand-overs by key person, buddy, nobody. */
struct week_count {
	int by[KG_DAYS][3];
};

static void count_week(const struct kg_model *m, const char *room, struct week_count *wc)
{
	memset(wc, 0, sizeof *wc);
	for (size_t c = 0; c < m->nchildren; c++) {
		const struct kg_child *k = &m->children[c];
		if (strcmp(k->room, room) != 0)
			continue;
		for (int d = 0; d < KG_DAYS; d++)
			for (int ev = 0; ev < KG_EVENT__MAX; ev++)
				if (k->by[d][ev] != KG_OFF)
					wc->by[d][k->by[d][ev]]++;
	}
}

static int day_used(const struct kg_model *m, int d)
{
	for (size_t c = 0; c < m->nchildren; c++)
		if (m->children[c].attends[d][0] >= 0)
			return 1;
	return 0;
}

/* A stacked bar per weekday; the table after it carries the same numbers. */
static void week_svg(struct web *w, const struct kg_model *m, size_t r, const struct week_count *wc)
{
	static const char *const cls[3] = {"cov-key", "cov-buddy", "cov-nobody"};
	struct buf *b = &w->resp->body;
	int max = 1, ndays = 0, x = 40;
	for (int d = 0; d < KG_DAYS; d++) {
		int sum = wc->by[d][0] + wc->by[d][1] + wc->by[d][2];
		if (sum > max)
			max = sum;
		ndays += day_used(m, d);
	}
	html_printf(
	    b,
	    "<figure class=\"coverage\"><svg viewBox=\"0 0 %d 170\" role=\"img\" "
	    "aria-labelledby=\"cov-title-%zu\" class=\"coverage-chart\">"
	    "<title id=\"cov-title-%zu\">%s: greets and hand-overs each weekday, by key person, "
	    "buddy or nobody who knows the child</title>",
	    40 + 70 * (ndays ? ndays : 1), r, r, m->rooms[r]);
	html_printf(b, "<text x=\"0\" y=\"14\" class=\"cov-axis\">%d</text>", max);
	html_raw(b, "<text x=\"0\" y=\"134\" class=\"cov-axis\">0</text>"
	            "<line x1=\"30\" y1=\"130\" x2=\"100%\" y2=\"130\" class=\"cov-line\"/>");
	for (int d = 0; d < KG_DAYS; d++) {
		int y = 130;
		if (!day_used(m, d))
			continue;
		for (int k = 0; k < 3; k++) {
			int h = (int)lround(120.0 * wc->by[d][k] / max);
			if (!h)
				continue;
			y -= h;
			html_printf(
			    b, "<rect x=\"%d\" y=\"%d\" width=\"44\" height=\"%d\" class=\"%s\"/>",
			    x, y, h, cls[k]);
		}
		if (wc->by[d][2])
			html_printf(b, "<text x=\"%d\" y=\"%d\" class=\"cov-warn\">%d</text>",
			            x + 14, y - 4 > 12 ? y - 4 : 12, wc->by[d][2]);
		html_printf(b, "<text x=\"%d\" y=\"150\" class=\"cov-axis\">%s</text>", x + 8,
		            day_labels[d]);
		x += 70;
	}
	html_printf(b,
	            "</svg><figcaption>%s. <span class=\"swatch cov-key-bg\"></span> key person "
	            "<span class=\"swatch cov-buddy-bg\"></span> buddy "
	            "<span class=\"swatch cov-nobody-bg\"></span> nobody who knows the child "
	            "(number above the bar)</figcaption></figure>",
	            m->rooms[r]);
}

static void week_section(struct web *w, const struct kg_model *m)
{
	struct buf *b = &w->resp->body;
	struct week_count *wc = arena_alloc(w->a, (m->nrooms + 1) * sizeof *wc);
	html_raw(b,
	         "<h2 id=\"week\">The week's greets and hand-overs</h2>"
	         "<p>Each child's usual arrival (greet) and home time (hand over), and who is on "
	         "shift then: the key person, else the buddy, else nobody who knows the child.</p>"
	         "<div class=\"grid\">");
	for (size_t r = 0; r < m->nrooms; r++) {
		count_week(m, m->rooms[r], &wc[r]);
		week_svg(w, m, r, &wc[r]);
	}
	html_raw(b, "</div><div class=\"table-wrap\" tabindex=\"0\"><table><caption>Greets and "
	            "hand-overs: key person "
	            "/ buddy / nobody</caption><thead><tr><th scope=\"col\">Room</th>");
	for (int d = 0; d < KG_DAYS; d++)
		if (day_used(m, d))
			html_printf(b, "<th scope=\"col\">%s</th>", day_labels[d]);
	html_raw(b, "</tr></thead><tbody>");
	for (size_t r = 0; r < m->nrooms; r++) {
		html_printf(b, "<tr><th scope=\"row\">%s</th>", m->rooms[r]);
		for (int d = 0; d < KG_DAYS; d++) {
			if (!day_used(m, d))
				continue;
			html_printf(b, "<td>%d / <span class=\"buddy\">%d</span> / ",
			            wc[r].by[d][0], wc[r].by[d][1]);
			if (wc[r].by[d][2])
				html_printf(b, "<span class=\"nobody\">%d nobody</span></td>",
				            wc[r].by[d][2]);
			else
				html_raw(b, "0</td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

static const char *shift_text(struct arena *a, const struct kg_model *m, int s, int d)
{
	char from[TIME_LEN], to[TIME_LEN];
	if (s < 0)
		return "nobody";
	if (m->staff[s].shift[d][0] < 0)
		return arena_printf(a, "%s (off)", m->staff[s].name);
	time_format(m->staff[s].shift[d][0], from);
	time_format(m->staff[s].shift[d][1], to);
	return arena_printf(a, "%s (%s–%s)", m->staff[s].name, from, to);
}

static void nobody_section(struct web *w, const struct kg_model *m)
{
	struct buf *b = &w->resp->body;
	int n = 0;
	html_raw(b, "<h2 id=\"nobody\">Nobody who knows them</h2>");
	for (size_t c = 0; c < m->nchildren; c++) {
		const struct kg_child *k = &m->children[c];
		for (int d = 0; d < KG_DAYS; d++)
			for (int ev = 0; ev < KG_EVENT__MAX; ev++) {
				char t[TIME_LEN];
				int could = 0;
				if (k->by[d][ev] != KG_BY_NOBODY)
					continue;
				if (!n++)
					html_raw(
					    b,
					    "<div class=\"table-wrap\" "
					    "tabindex=\"0\"><table><thead><tr>"
					    "<th scope=\"col\">Child</th><th "
					    "scope=\"col\">Room</th>"
					    "<th scope=\"col\">Day</th><th scope=\"col\">When</th>"
					    "<th scope=\"col\">Key person</th><th "
					    "scope=\"col\">Buddy</th>"
					    "<th scope=\"col\">On shift in the room then</th>"
					    "</tr></thead><tbody>");
				time_format(k->attends[d][ev], t);
				html_raw(b, "<tr><th scope=\"row\">");
				child_link(w, m, (int)c, NULL);
				html_printf(
				    b,
				    "</th><td>%s</td><td>%s</td><td class=\"nobody\">%s %s</td>"
				    "<td>%s</td><td>%s</td><td>",
				    k->room, day_labels[d], ev == KG_GREET ? "greet" : "hand over",
				    t, shift_text(w->a, m, k->primary, d),
				    shift_text(w->a, m, k->secondary, d));
				for (size_t s = 0; s < m->nstaff; s++) {
					const struct kg_staff *st = &m->staff[s];
					int in_room = 0;
					for (size_t r = 0; r < st->nrooms; r++)
						in_room |= strcmp(st->rooms[r], k->room) == 0;
					if (in_room &&
					    kg_covers(st, d, (enum kg_event)ev, k->attends[d][ev]))
						html_printf(b, "%s%s", could++ ? ", " : "",
						            st->name);
				}
				if (!could)
					html_raw(
					    b, "<span class=\"muted\">nobody from the room</span>");
				html_raw(b, "</td></tr>");
			}
	}
	if (n)
		html_raw(b, "</tbody></table></div>");
	else
		html_raw(
		    b, "<p class=\"notice\">Every child is greeted and handed over by someone who "
		       "knows them on every day of the usual week.</p>");
}

void kg_invalid_attrs(struct web *w, const char *field)
{
	/* field names are our own literals: "from", "date", "room" */
	if (w->field_error[0] && strcmp(w->field_error[0], field) == 0)
		html_printf(&w->resp->body, " aria-invalid=\"true\" aria-describedby=\"%s-error\">",
		            field);
	else
		html_raw(&w->resp->body, ">");
}

static void plan_form(struct web *w, const char *from)
{
	struct buf *b = &w->resp->body;
	html_raw(b, "<h2 id=\"plan\">Plan new key groups</h2>"
	            "<form method=\"post\" action=\"/keygroups/plan\" class=\"card\">");
	page_csrf(w);
	html_printf(
	    b,
	    "<p>The planner chooses a key person and a buddy for every child, so that someone "
	    "who knows each child greets and hands over, key groups are fair, siblings stay "
	    "together and home languages and SEN are matched. Nothing changes until you accept "
	    "the children you choose.</p>"
	    "<label for=\"from\">Plan for the week from</label>"
	    "<input type=\"date\" id=\"from\" name=\"from\" value=\"%s\" required",
	    from);
	kg_invalid_attrs(w, "from");
	page_field_error(w, "from");
	html_raw(b, "<p><button type=\"submit\">Plan key groups</button></p></form>");
}

static void proposals(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_PLAN_LIST);
	int n = 0;
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW && n < 10) {
		if (!n++)
			html_raw(b, "<h2 id=\"proposals\">Proposals</h2><ul>");
		html_printf(b, "<li><a href=\"/plans/%lld\">Proposal %lld</a> from %s: %s",
		            (long long)store_col_int(st, 0), (long long)store_col_int(st, 0),
		            store_col_text(st, 2),
		            strcmp(store_col_text(st, 3), "applied") == 0 ? "accepted"
		                                                          : store_col_text(st, 3));
		if (!store_col_null(st, 5))
			html_printf(b, ", score %.0f", store_col_double(st, 5));
		if (!store_col_null(st, 6))
			html_printf(b, " (then %.0f)", store_col_double(st, 6));
		html_raw(b, "</li>");
	}
	store_finish(st);
	if (n)
		html_raw(b, "</ul>");
}

/* A notice after accepting: ?changed=N&from=DATE, both checked. */
static void accepted_notice(struct web *w)
{
	const char *changed = kv_get(&w->req->qs, "changed"), *from = kv_get(&w->req->qs, "from");
	long n;
	int day;
	char date[DATE_LEN];
	if (!changed || !from || parse_long(changed, 0, 100000, &n) != 0 ||
	    date_parse(from, &day) != 0)
		return;
	date_format(day, date);
	html_printf(
	    &w->resp->body,
	    "<p class=\"notice\" role=\"status\">Accepted: %ld %s a new key person or buddy from "
	    "%s. Their families are told.</p>",
	    n, n == 1 ? "child has" : "children have", date);
}

static int keygroups_page(struct web *w, int status, const char *from, const char *problem)
{
	struct buf *b = &w->resp->body;
	int today = date_today(w->setting.time_zone);
	json_t *in = NULL, *score = NULL;
	struct kg_model m;
	struct op_error e;
	char day[DATE_LEN], err[256];
	int nobody = 0, by_buddy = 0, events = 0;

	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Key groups");
	if (problem)
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", problem);
	accepted_notice(w);
	date_format(today, day);
	if (core_plan_instance(w->s, w->me.setting_id, today, &in, &e) != 0) {
		html_printf(
		    b, "<p class=\"alert\" role=\"alert\">The key groups cannot be shown: %s</p>",
		    e.msg);
		goto form;
	}
	if (kg_model_init(&m, w->a, in, err, sizeof err) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", err);
		goto form;
	}
	kg_model_assign(&m, NULL);
	kg_model_child_ids(&m, w->s, w->me.setting_id);
	for (size_t c = 0; c < m.nchildren; c++) {
		events += m.children[c].events;
		nobody += m.children[c].by_nobody;
		by_buddy += m.children[c].by_buddy;
	}
	html_printf(
	    b,
	    "<p>Key groups in force on %s, over the usual week: %zu children; of their %d greets "
	    "and hand-overs a week, <strong class=\"%s\">%d with nobody who knows the child"
	    "</strong> and <span class=\"buddy\">%d by the buddy</span>.",
	    day, m.nchildren, events, nobody ? "nobody" : "", nobody, by_buddy);
	score = kg_score(in, &m);
	if (score)
		html_printf(b, " Planner's score now: %.0f (lower is better).",
		            json_number_value(json_object_get(score, "total")));
	html_raw(b, "</p><nav aria-label=\"On this page\"><ul>"
	            "<li><a href=\"#groups\">Key groups by room</a></li>"
	            "<li><a href=\"#week\">The week's greets and hand-overs</a></li>"
	            "<li><a href=\"#nobody\">Nobody who knows them</a></li>");
	if (authz_has(&w->me, ROLE_MANAGER))
		html_raw(b, "<li><a href=\"#plan\">Plan new key groups</a></li>");
	html_raw(b, "</ul></nav><h2 id=\"groups\">Key groups by room</h2>");
	for (size_t r = 0; r < m.nrooms; r++)
		room_groups(w, &m, r);
	week_section(w, &m);
	nobody_section(w, &m);
form:
	if (authz_has(&w->me, ROLE_MANAGER)) {
		char next[DATE_LEN];
		date_format(kg_next_monday(today), next);
		plan_form(w, from ? from : next);
		proposals(w);
	}
	page_end(w);
	json_decref(score);
	json_decref(in);
	return 0;
}

int page_keygroups(struct web *w)
{
	return keygroups_page(w, 200, NULL, NULL);
}

int page_keygroups_plan(struct web *w)
{
	const char *raw = web_field(w, "from");
	struct field_value v;
	struct plan_summary sum;
	struct op_error e;
	json_t *in = NULL, *out = NULL;
	char why[200];
	int day;

	if (valid_field(&from_spec, raw, &v, w->a, why, sizeof why) != 0) {
		w->field_error[0] = "from";
		w->field_error[1] = arena_printf(w->a, "The date %s: give it as YYYY-MM-DD.", why);
		return keygroups_page(w, 422, raw, NULL);
	}
	day = v.present ? (int)v.i : kg_next_monday(date_today(w->setting.time_zone));
	if (core_plan_propose(w->s, &w->who, day, PLAN_TIME_LIMIT_S, &sum, &in, &out, &e) != 0) {
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		return keygroups_page(w, 422, raw,
		                      arena_printf(w->a, "No plan was made: %s", e.msg));
	}
	json_decref(in);
	json_decref(out);
	return web_redirect(w, "/plans/%lld", (long long)sum.id);
}
