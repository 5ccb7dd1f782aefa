/*
 * page_rota.c — the manager's rota week (page_rota.h): GET /rota?week=D
 * shows the Monday-to-Sunday week holding D (default this week) from
 * core_rota_week as a table, a day at a row, with a clear warning when a
 * day with children has no DSL or no SENCo on site, or is out of ratio;
 * then the paediatric first aid certificates running out within four weeks
 * of the Monday; then the form that publishes the week's drafts. POST
 * /rota/publish answers with the same page: a notice when published, or
 * 422 with the slots out of ratio listed and the override reason kept.
 */
#include <string.h>

#include "core_rota.h"
#include "page_rota.h"
#include "valid.h"

#define EXPIRING_WEEKS 4

static const char *const day_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

static const struct field_spec week_spec = {"week", F_DATE, 0, 0, 0, NULL};
static const struct field_spec override_spec = {"override", F_LINE, 0, 0, 400, NULL};

/* ?week= or the form's week: 0 with *day set (today when not given), or -1
 * with the field error. */
static int week_field(struct web *w, int *day)
{
	struct field_value v;
	char why[200];
	*day = date_today(w->setting.time_zone);
	if (valid_field(&week_spec, web_field(w, "week"), &v, w->a, why, sizeof why) != 0) {
		w->field_error[0] = "week";
		w->field_error[1] =
		    arena_printf(w->a, "The week %s: give a day as YYYY-MM-DD.", why);
		return -1;
	}
	if (v.present)
		*day = (int)v.i;
	return 0;
}

static void invalid(struct web *w, const char *field)
{
	if (w->field_error[0] && strcmp(w->field_error[0], field) == 0)
		html_printf(&w->resp->body, " aria-invalid=\"true\" aria-describedby=\"%s-error\">",
		            field);
	else
		html_raw(&w->resp->body, ">");
}

static void span(const struct rota_short *r, char a[TIME_LEN], char z[TIME_LEN])
{
	time_format(r->start, a);
	time_format(r->end, z);
}

static void week_table(struct web *w, const struct rota_week *wk)
{
	struct buf *b = &w->resp->body;
	html_printf(b,
	            "<section class=\"card\"><h2>The week</h2><div class=\"table-wrap\"><table>"
	            "<caption>Week of %s, the published rota</caption><thead><tr>"
	            "<th scope=\"col\">Day</th><th scope=\"col\">Staff on</th>"
	            "<th scope=\"col\">DSL</th><th scope=\"col\">SENCo</th>"
	            "<th scope=\"col\">Ratios</th><th scope=\"col\">Greets and hand-overs "
	            "with nobody who knows the child</th><th scope=\"col\">Drafts waiting</th>"
	            "</tr></thead><tbody>",
	            wk->monday);
	for (int d = 0; d < 7; d++) {
		const struct rota_day *rd = &wk->days[d];
		int open = rd->children > 0;
		html_printf(b,
		            "<tr%s><th scope=\"row\"><a href=\"/ratios?date=%s\">%s %s</a></th>"
		            "<td>%d</td>",
		            rd->slots_short ? " class=\"short\"" : "", rd->date, day_names[d],
		            rd->date, rd->staff_on);
		if (!open) {
			html_raw(b, "<td colspan=\"4\" class=\"muted\">No children expected</td>");
		} else {
			html_printf(b, "<td>%s</td><td>%s</td>",
			            rd->dsl_on ? "on site" : "NOT ON SITE",
			            rd->senco_on ? "on site" : "NOT ON SITE");
			if (rd->slots_short) {
				char a[TIME_LEN], z[TIME_LEN];
				span(&rd->worst, a, z);
				html_printf(
				    b,
				    "<td><strong>Out of ratio in %d slot%s</strong>; worst %s "
				    "%s–%s: %s</td>",
				    rd->slots_short, rd->slots_short == 1 ? "" : "s",
				    rd->worst.room, a, z, rd->worst.reasons);
			} else {
				html_raw(b, "<td>in ratio</td>");
			}
			html_printf(b, "<td><a href=\"/today?date=%s\">%d</a></td>", rd->date,
			            rd->uncovered);
		}
		html_printf(b, "<td>%d</td></tr>", rd->drafts);
	}
	html_raw(b, "</tbody></table></div></section>");
}

static void warnings(struct web *w, const struct rota_week *wk)
{
	struct buf *b = &w->resp->body;
	int any = 0;
	for (int d = 0; d < 7; d++) {
		const struct rota_day *rd = &wk->days[d];
		if (!rd->children || (rd->dsl_on && rd->senco_on && !rd->slots_short))
			continue;
		if (!any++)
			html_raw(b,
			         "<div class=\"alert\" role=\"alert\"><p><strong>This week needs "
			         "attention</strong></p><ul>");
		html_printf(b, "<li>%s %s:", day_names[d], rd->date);
		if (!rd->dsl_on)
			html_raw(b, " no DSL (or deputy) on site;");
		if (!rd->senco_on)
			html_raw(b, " the SENCo is not on site;");
		if (rd->slots_short)
			html_printf(b, " out of ratio in %d slot%s;", rd->slots_short,
			            rd->slots_short == 1 ? "" : "s");
		html_raw(b, "</li>");
	}
	if (any)
		html_raw(b, "</ul></div>");
}

static void expiring(struct web *w, int monday)
{
	struct buf *b = &w->resp->body;
	struct rota_expiring x;
	struct op_error e;
	html_printf(b, "<section class=\"card\"><h2>Paediatric first aid running out</h2>");
	if (core_rota_expiring(w->s, w->me.setting_id, monday, EXPIRING_WEEKS, &x, &e) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", e.msg);
	} else if (x.n == 0) {
		char d[DATE_LEN];
		date_format(monday, d);
		html_printf(
		    b, "<p class=\"notice\">No certificate runs out within %d weeks of %s.</p>",
		    EXPIRING_WEEKS, d);
	} else {
		html_raw(b, "<p>A first aider stops counting from the day after the certificate "
		            "runs out: fix the rota ahead of time.</p><ul>");
		for (size_t i = 0; i < x.n; i++) {
			html_printf(b, "<li>%s (%s): ", x.certs[i].name, x.certs[i].code);
			html_raw(b, x.certs[i].expired ? "<strong>expired</strong>" : "expires");
			html_printf(b, " %s</li>", x.certs[i].expires);
		}
		html_raw(b, "</ul>");
	}
	core_rota_expiring_free(&x);
	html_raw(b, "</section>");
}

static void short_list(struct web *w, const struct rota_report *rep)
{
	struct buf *b = &w->resp->body;
	html_raw(b, "<div class=\"table-wrap\"><table><caption>Slots out of ratio</caption><thead>"
	            "<tr><th scope=\"col\">Day</th><th scope=\"col\">Room</th>"
	            "<th scope=\"col\">Time</th><th scope=\"col\">Why</th></tr></thead><tbody>");
	for (size_t i = 0; i < rep->nshorts; i++) {
		char a[TIME_LEN], z[TIME_LEN];
		span(&rep->shorts[i], a, z);
		html_printf(
		    b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s–%s</td><td>%s</td></tr>",
		    rep->shorts[i].date, rep->shorts[i].room, a, z, rep->shorts[i].reasons);
	}
	html_raw(b, "</tbody></table></div>");
}

/* The page: the week of day; rep and e the answer of a publish (NULL on GET). */
static int render(struct web *w, int day, int bad, const struct rota_report *rep,
                  const struct op_error *e)
{
	struct buf *b = &w->resp->body;
	struct rota_week wk;
	struct op_error we;
	int monday = core_rota_monday(day);
	char mon[DATE_LEN], prev[DATE_LEN], next[DATE_LEN];
	date_format(monday, mon);
	page_begin(w, "The rota week");
	html_printf(b,
	            "<form method=\"get\" action=\"/rota\" class=\"card noprint filters\"><div>"
	            "<label for=\"week\">A day of the week</label><input type=\"date\" "
	            "id=\"week\" name=\"week\" value=\"%s\"",
	            bad ? web_field(w, "week") : mon);
	invalid(w, "week");
	page_field_error(w, "week");
	html_raw(b, "</div><div><button type=\"submit\">Show</button></div></form>");
	if (bad) {
		page_end(w);
		return 0;
	}
	date_format(monday - 7, prev);
	date_format(monday + 7, next);
	html_printf(b,
	            "<p><a href=\"/rota?week=%s\">Previous week</a> · "
	            "<a href=\"/rota?week=%s\">Next week</a></p>",
	            prev, next);
	if (rep && e && e->status == OP_CONFLICT) {
		html_printf(
		    b,
		    "<div class=\"alert\" role=\"alert\"><p><strong>Not published.</strong> "
		    "%s.</p>",
		    e->msg);
		short_list(w, rep);
		html_raw(b, "</div>");
	} else if (rep && e) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">Not published: %s</p>", e->msg);
	} else if (rep) {
		html_printf(b,
		            "<p class=\"notice\" role=\"status\">Published the week of %s: %d "
		            "shift%s.%s</p>",
		            rep->monday, rep->published, rep->published == 1 ? "" : "s",
		            rep->overridden ? " Out of ratio: your reason is in the audit log."
		                            : "");
	}
	if (core_rota_week(w->s, w->me.setting_id, monday, &wk, &we) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">The week cannot be shown: %s</p>",
		            we.msg);
	} else {
		warnings(w, &wk);
		week_table(w, &wk);
	}
	core_rota_week_free(&wk);
	expiring(w, monday);
	html_printf(b, "<section class=\"card\"><h2>Publish the week</h2><p>Publishing makes the "
	               "week's draft shifts part of the day: today, the register and the ratios. "
	               "A week out of ratio is refused unless you give a reason.</p>"
	               "<form method=\"post\" action=\"/rota/publish\">");
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"week\" value=\"%s\"><div>"
	            "<label for=\"override\">Reason to publish although out of ratio "
	            "(optional)</label><input type=\"text\" id=\"override\" name=\"override\" "
	            "maxlength=\"400\" value=\"%s\"",
	            mon, rep ? web_field(w, "override") : "");
	invalid(w, "override");
	page_field_error(w, "override");
	html_printf(b,
	            "</div><div><button type=\"submit\">Publish the week of %s</button></div>"
	            "</form></section>",
	            mon);
	page_end(w);
	return 0;
}

int page_rota(struct web *w)
{
	int day, bad = week_field(w, &day) != 0;
	w->resp->status = bad ? 422 : 200;
	return render(w, day, bad, NULL, NULL);
}

int page_rota_publish(struct web *w)
{
	struct rota_report rep;
	struct op_error e;
	struct field_value v;
	char why[200];
	int day, rc;
	if (!*web_field(w, "week")) {
		w->field_error[0] = "week";
		w->field_error[1] = "Say which week to publish.";
		w->resp->status = 422;
		return render(w, date_today(w->setting.time_zone), 1, NULL, NULL);
	}
	if (week_field(w, &day) != 0) {
		w->resp->status = 422;
		return render(w, day, 1, NULL, NULL);
	}
	if (valid_field(&override_spec, web_field(w, "override"), &v, w->a, why, sizeof why) != 0) {
		w->field_error[0] = "override";
		w->field_error[1] = arena_printf(w->a, "The reason %s.", why);
		w->resp->status = 422;
		return render(w, day, 0, NULL, NULL);
	}
	rc = core_rota_publish_week(w->s, &w->who, day, v.present ? v.s : NULL, &rep, &e);
	if (rc != 0 && e.status != OP_CONFLICT && e.status != OP_INVALID) {
		core_rota_report_free(&rep);
		return web_op_error(w, &e);
	}
	w->resp->status = rc != 0 ? 422 : 200;
	if (rc != 0 && e.status == OP_INVALID) {
		w->field_error[0] = "override";
		w->field_error[1] = arena_printf(w->a, "The reason %s.", e.msg);
	}
	render(w, day, 0, &rep, rc != 0 ? &e : NULL);
	core_rota_report_free(&rep);
	return 0;
}
