/*
 * page_obs_coverage.c — coverage and workload, drawn on the server as SVG
 * (no script, no chart library; prints as it shows): GET /coverage (?weeks=)
 * is the whole setting for managers and the SENCo — per room, the share of
 * children seen in each area; per key person, their key children's gaps
 * and the observations they wrote against a fair share (the setting's
 * observations divided by key children); the longest gaps as prompts — and
 * a practitioner's own key group; GET /coverage/staff/:id one key person's
 * key children, a row per child and a column per area. Counts are prompts,
 * not quotas: the words say what is missing, never a target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "page_obs.h"

#define CELL_W 64
#define CELL_H 30
#define LABEL_W 200
#define HEAD_H 34
#define GAPS_SHOWN 40

static const struct field_spec weeks_spec = {"weeks", F_INT, 0, 1, OBS_WEEKS_MAX, NULL};

int page_obs_weeks(struct web *w, int *weeks)
{
	struct field_value v;
	char why[200];
	if (valid_field(&weeks_spec, web_field(w, "weeks"), &v, w->a, why, sizeof why) != 0) {
		web_error(w, 422, "weeks", "weeks %s", why);
		return -1;
	}
	*weeks = v.present ? (int)v.i : OBS_WEEKS_DEFAULT;
	return 0;
}

static const char *shade(int count)
{
	return count == 0   ? "cov-none"
	       : count == 1 ? "cov-one"
	       : count == 2 ? "cov-two"
	                    : "cov-more";
}

static void svg_head(struct web *w, const struct coverage *c, int rows, const char *label)
{
	struct buf *b = &w->resp->body;
	int width = LABEL_W + CELL_W * (int)c->nareas, height = HEAD_H + CELL_H * rows;
	html_printf(b,
	            "<svg class=\"obs-map\" role=\"group\" aria-label=\"%s\" viewBox=\"0 0 %d %d\" "
	            "width=\"%d\" "
	            "height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>",
	            label, width, height, width, height, label);
	for (size_t k = 0; k < c->nareas; k++)
		html_printf(b,
		            "<text class=\"cov-axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
		            "<title>%s</title></text>",
		            LABEL_W + CELL_W * (int)k + CELL_W / 2, HEAD_H - 10, c->areas[k].code,
		            c->areas[k].name);
}

/* One row: a label, then a cell per area with its count (a gap marked). */
static void svg_row(struct web *w, const struct coverage *c, int row, const char *label,
                    const char *href, const int *counts, const char *const *titles,
                    const char *const *texts)
{
	struct buf *b = &w->resp->body;
	int y = HEAD_H + row * CELL_H;
	if (href)
		html_printf(
		    b, "<a href=\"%s\"><text class=\"cov-label\" x=\"4\" y=\"%d\">%s</text></a>",
		    href, y + CELL_H / 2 + 5, label);
	else
		html_printf(b, "<text class=\"cov-label\" x=\"4\" y=\"%d\">%s</text>",
		            y + CELL_H / 2 + 5, label);
	for (size_t k = 0; k < c->nareas; k++) {
		int x = LABEL_W + CELL_W * (int)k;
		html_printf(
		    b,
		    "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">"
		    "<title>%s</title></rect>"
		    "<text class=\"cov-count\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
		    shade(counts[k]), x + 1, y + 1, CELL_W - 2, CELL_H - 2, titles[k],
		    x + CELL_W / 2, y + CELL_H / 2 + 5,
		    texts       ? texts[k]
		    : counts[k] ? arena_printf(w->a, "%d", counts[k])
		                : "gap");
	}
}

static void legend(struct web *w, const struct coverage *c)
{
	char from[DATE_LEN], to[DATE_LEN];
	date_format(c->from, from);
	date_format(c->day, to);
	html_printf(&w->resp->body,
	            "<p class=\"legend\">Observations touching each area from %s to %s (%d "
	            "week%s): <span class=\"swatch cov-none-bg\"></span> none (a gap) "
	            "<span class=\"swatch cov-one-bg\"></span> 1 "
	            "<span class=\"swatch cov-two-bg\"></span> 2 "
	            "<span class=\"swatch cov-more-bg\"></span> 3 or more. "
	            "These are prompts, not targets.</p>",
	            from, to, c->weeks, c->weeks == 1 ? "" : "s");
}

/* The children's map: one row per child of list[0..n). */
static void children_map(struct web *w, const struct coverage *c, const size_t *list, size_t n,
                         const char *label)
{
	int *counts = arena_alloc(w->a, (c->nareas ? c->nareas : 1) * sizeof *counts);
	const char **titles = arena_alloc(w->a, (c->nareas ? c->nareas : 1) * sizeof *titles);
	html_raw(&w->resp->body, "<div class=\"table-wrap\" tabindex=\"0\">");
	svg_head(w, c, (int)n, label);
	for (size_t i = 0; i < n; i++) {
		const struct coverage_child *ch = &c->children[list[i]];
		for (size_t k = 0; k < c->nareas; k++) {
			counts[k] = ch->cell[k].count;
			titles[k] = counts[k] ? arena_printf(w->a, "%s, %s: %d", ch->name,
			                                     c->areas[k].name, counts[k])
			                      : core_coverage_gap_text(c, ch, k, w->a);
		}
		svg_row(w, c, (int)i, ch->name,
		        authz_child(w, ch->id, CHILD_RECORDS)
		            ? arena_printf(w->a, "/children/%lld/observations", (long long)ch->id)
		            : NULL,
		        counts, titles, NULL);
	}
	html_raw(&w->resp->body, "</svg></div>");
	legend(w, c);
}

/* Gaps in words, prime areas first, longest first; at most max. */
struct gap {
	const struct coverage_child *ch;
	size_t k;
	int prime, since;
};

static int gap_order(const void *a, const void *b)
{
	const struct gap *x = a, *y = b;
	if (x->prime != y->prime)
		return y->prime - x->prime;
	if (x->since != y->since)
		return x->since - y->since;
	return (x->ch->id > y->ch->id) - (x->ch->id < y->ch->id);
}

static void gap_list(struct web *w, const struct coverage *c, const size_t *list, size_t n,
                     size_t max)
{
	struct buf *b = &w->resp->body;
	struct gap *g = xmalloc((n * c->nareas + 1) * sizeof *g);
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		const struct coverage_child *ch = &c->children[list[i]];
		for (size_t k = 0; k < c->nareas; k++)
			if (core_coverage_gap(c, ch, k))
				g[ng++] = (struct gap){ch, k, c->areas[k].prime,
				                       ch->cell[k].last >= 0 ? ch->cell[k].last
				                                             : ch->start};
	}
	qsort(g, ng, sizeof *g, gap_order);
	if (!ng)
		html_raw(b, "<p class=\"notice\">Every child has been observed in every area in "
		            "these weeks.</p>");
	else
		html_printf(b, "<h3>Gaps to look for (%zu)</h3><ul class=\"gaps\">", ng);
	for (size_t i = 0; i < ng && i < max; i++) {
		const char *text = core_coverage_gap_text(c, g[i].ch, g[i].k, w->a);
		if (authz_child(w, g[i].ch->id, CHILD_WRITE))
			html_printf(
			    b,
			    "<li>%s — <a href=\"/observations/new?child=%lld\">write one</a>"
			    "</li>",
			    text, (long long)g[i].ch->id);
		else
			html_printf(b, "<li>%s</li>", text);
	}
	if (ng > max)
		html_printf(b, "<li class=\"muted\">and %zu more</li>", ng - max);
	if (ng)
		html_raw(b, "</ul>");
	free(g);
}

static void weeks_form(struct web *w, const char *action, int weeks)
{
	html_printf(&w->resp->body,
	            "<form method=\"get\" action=\"%s\" class=\"filters noprint\"><div>"
	            "<label for=\"weeks\">Weeks</label><input type=\"number\" id=\"weeks\" "
	            "name=\"weeks\" min=\"1\" max=\"%d\" value=\"%d\"></div><div><button "
	            "type=\"submit\">Show</button></div></form>",
	            action, OBS_WEEKS_MAX, weeks);
}

static void staff_table(struct web *w, const struct coverage *c, int all)
{
	struct buf *b = &w->resp->body;
	html_raw(b, "<h2>Key people</h2><div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	            "<th scope=\"col\">Key person</th><th scope=\"col\">Key children</th>"
	            "<th scope=\"col\">Gaps among them</th><th scope=\"col\">Observations "
	            "written</th><th scope=\"col\">Fair share</th><th scope=\"col\">Reports "
	            "(weekly updates sent, checks at two)</th><th scope=\"col\">Fair share of "
	            "reports</th></tr></thead><tbody>");
	for (size_t i = 0; i < c->nstaff; i++) {
		const struct coverage_staff *s = &c->staff[i];
		if (!all && s->id != w->me.staff_id)
			continue;
		html_printf(b,
		            "<tr><th scope=\"row\"><a href=\"/coverage/staff/%lld?weeks=%d\">%s</a>"
		            "</th><td>%d</td><td>%d</td><td>%d</td><td>about %.0f",
		            (long long)s->id, c->weeks, s->name, s->key_children, s->gaps,
		            s->written, s->fair);
		if (s->key_children && s->written + 0.5 < s->fair * 0.5)
			html_raw(b, " <span class=\"tag warn\">well under</span>");
		else if (s->written > s->fair * 1.5 + 1)
			html_raw(b, " <span class=\"tag\">well over</span>");
		html_printf(b, "</td><td>%d</td><td>about %.0f", s->reports, s->reports_fair);
		if (s->key_children && s->reports + 0.5 < s->reports_fair * 0.5)
			html_raw(b, " <span class=\"tag warn\">well under</span>");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

/* Per room, the share of its children observed in each area. */
static void rooms_map(struct web *w, const struct coverage *c)
{
	struct buf *b = &w->resp->body;
	size_t nrooms = 0;
	int64_t *rooms = arena_alloc(w->a, (c->nchildren + 1) * sizeof *rooms);
	int *counts = arena_alloc(w->a, (c->nareas + 1) * sizeof *counts);
	const char **titles = arena_alloc(w->a, (c->nareas + 1) * sizeof *titles);
	const char **texts = arena_alloc(w->a, (c->nareas + 1) * sizeof *texts);
	for (size_t i = 0; i < c->nchildren; i++)
		if (!nrooms || rooms[nrooms - 1] != c->children[i].room_id)
			rooms[nrooms++] = c->children[i].room_id;
	html_raw(b, "<h2>Rooms</h2><p class=\"hint\">In each cell, how many of the room's "
	            "children were observed in the area.</p><div class=\"table-wrap\" "
	            "tabindex=\"0\">");
	svg_head(w, c, (int)nrooms, "Children observed per area, by room");
	for (size_t r = 0; r < nrooms; r++) {
		int total = 0;
		const char *room = "";
		for (size_t k = 0; k < c->nareas; k++)
			counts[k] = 0;
		for (size_t i = 0; i < c->nchildren; i++) {
			const struct coverage_child *ch = &c->children[i];
			if (ch->room_id != rooms[r])
				continue;
			room = ch->room;
			total++;
			for (size_t k = 0; k < c->nareas; k++)
				counts[k] += ch->cell[k].count > 0;
		}
		for (size_t k = 0; k < c->nareas; k++) {
			titles[k] = arena_printf(w->a, "%s, %s: %d of %d children", room,
			                         c->areas[k].name, counts[k], total);
			texts[k] = arena_printf(w->a, "%d/%d", counts[k], total);
			/* the shade says how complete the room is: none, under half, most, all */
			counts[k] = counts[k] == 0          ? 0
			            : counts[k] * 2 < total ? 1
			            : counts[k] < total     ? 2
			                                    : 3;
		}
		svg_row(w, c, (int)r, arena_printf(w->a, "%s (%d)", room, total), NULL, counts,
		        titles, texts);
	}
	html_raw(b, "</svg></div>");
}

int page_obs_coverage(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct coverage c;
	struct op_error e;
	int weeks, all = authz_observation_coverage_all(&w->me);
	size_t *list;
	size_t n = 0;
	if (page_obs_weeks(w, &weeks))
		return 0;
	if (!all && !w->me.staff_id)
		return web_error(w, 403, "",
		                 "coverage is for the key people, the SENCo and managers");
	if (core_coverage_load(w->s, w->me.setting_id, date_today(w->setting.time_zone), weeks, &c,
	                       &e) != 0) {
		core_coverage_free(&c);
		return web_op_error(w, &e);
	}
	list = arena_alloc(w->a, (c.nchildren + 1) * sizeof(size_t));
	for (size_t i = 0; i < c.nchildren; i++)
		if (all || c.children[i].key_id == w->me.staff_id)
			list[n++] = i;
	page_begin(w, all ? "Observation coverage" : "Your key children's coverage");
	weeks_form(w, "/coverage", weeks);
	html_printf(b,
	            "<p>%d observation%s written in these %d weeks for %zu children on roll.</p>",
	            c.written, c.written == 1 ? "" : "s", weeks, c.nchildren);
	if (all) {
		rooms_map(w, &c);
		legend(w, &c);
		staff_table(w, &c, 1);
		html_raw(b, "<h2>Children</h2>");
		gap_list(w, &c, list, n, GAPS_SHOWN);
	} else {
		staff_table(w, &c, 0);
		html_raw(b, "<h2>Your key children</h2>");
		if (n)
			children_map(w, &c, list, n, "Your key children's observations per area");
		gap_list(w, &c, list, n, GAPS_SHOWN);
	}
	page_end(w);
	core_coverage_free(&c);
	return 0;
}

int page_obs_coverage_staff(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct coverage c;
	struct op_error e;
	int weeks;
	const struct coverage_staff *s = NULL;
	size_t *list;
	size_t n = 0;
	if (page_obs_weeks(w, &weeks))
		return 0;
	if (!authz_observation_coverage_staff(w, w->id[0]))
		return web_error(w, 404, "", "there is no such key person");
	if (core_coverage_load(w->s, w->me.setting_id, date_today(w->setting.time_zone), weeks, &c,
	                       &e) != 0) {
		core_coverage_free(&c);
		return web_op_error(w, &e);
	}
	for (size_t i = 0; i < c.nstaff; i++)
		if (c.staff[i].id == w->id[0])
			s = &c.staff[i];
	if (!s) {
		core_coverage_free(&c);
		return web_error(w, 404, "", "there is no such key person");
	}
	list = arena_alloc(w->a, (c.nchildren + 1) * sizeof(size_t));
	for (size_t i = 0; i < c.nchildren; i++)
		if (c.children[i].key_id == s->id)
			list[n++] = i;
	page_begin(w, arena_printf(w->a, "%s's key children", s->name));
	weeks_form(w, arena_printf(w->a, "/coverage/staff/%lld", (long long)s->id), weeks);
	html_printf(b,
	            "<p>%s is key person of %d child%s and wrote %d observation%s in these %d "
	            "weeks; a fair share of the setting's %d would be about %.0f.</p>",
	            s->name, s->key_children, s->key_children == 1 ? "" : "ren", s->written,
	            s->written == 1 ? "" : "s", weeks, c.written, s->fair);
	if (n)
		children_map(
		    w, &c, list, n,
		    arena_printf(w->a, "%s's key children's observations per area", s->name));
	gap_list(w, &c, list, n, GAPS_SHOWN);
	page_end(w);
	core_coverage_free(&c);
	return 0;
}

void page_obs_child_coverage(struct web *w, int64_t child_id)
{
	struct coverage c;
	struct op_error e;
	size_t at = 0;
	int found = 0, weeks = OBS_WEEKS_DEFAULT;
	if (core_coverage_load(w->s, w->me.setting_id, date_today(w->setting.time_zone), weeks, &c,
	                       &e) != 0) {
		core_coverage_free(&c);
		html_printf(&w->resp->body, "<p class=\"nobody\">%s</p>", e.msg);
		return;
	}
	for (size_t i = 0; i < c.nchildren; i++)
		if (c.children[i].id == child_id) {
			at = i;
			found = 1;
		}
	if (found) {
		children_map(w, &c, &at, 1,
		             arena_printf(w->a, "%s's observations per area", c.children[at].name));
		gap_list(w, &c, &at, 1, c.nareas);
	} else {
		html_raw(&w->resp->body, "<p class=\"muted\">Not on roll today.</p>");
	}
	core_coverage_free(&c);
}
