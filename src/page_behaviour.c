/*
 * page_behaviour.c — behaviour on the web (page_sen.h): a child's page of
 * incidents (antecedent, behaviour, consequence), plans (pastoral support,
 * risk reduction) with their reviews, and interventions; the forms (an
 * incident by anyone who works with the child, the rest by the SENCo);
 * and the overview of the SENCo and the manager: incidents per child over
 * the last four weeks, plans due for review. A practitioner of the child's
 * room who is not the key person records an incident but sees no records.
 */
#include <inttypes.h>
#include <string.h>

#include "audit.h"
#include "page_records.h"
#include "page_sen.h"

static void incident_form(struct web *w, int64_t id)
{
	char today[DATE_LEN], now[TIME_LEN];
	int day, minute;
	date_local(time_now(), w->setting.time_zone, &day, &minute);
	date_format(day, today);
	time_format(minute, now);
	sen_form_begin(w, arena_printf(w->a, "/children/%" PRId64 "/behaviour/incidents", id),
	               "incident", "Record an incident");
	sen_input(w, "incident", "date", "Date", "date", today);
	sen_input(w, "incident", "time", "Time", "time", now);
	sen_textarea(w, "incident", "antecedent", "Antecedent: what happened just before");
	sen_textarea(w, "incident", "behaviour", "Behaviour: what the child did");
	sen_textarea(w, "incident", "consequence", "Consequence: what happened next");
	sen_form_end(w, "Record the incident");
}

static void behaviour_page(struct web *w, int64_t id, const char *name, const struct sen_view *v,
                           int full)
{
	struct buf *b = &w->resp->body;
	int write = authz_sen_write(w, id);
	char today[DATE_LEN];
	const char *base = arena_printf(w->a, "/children/%" PRId64 "/behaviour", id);
	date_format(date_today(w->setting.time_zone), today);
	page_begin(w, arena_printf(w->a, "Behaviour: %s", name));
	html_printf(b,
	            "<nav class=\"noprint\" aria-label=\"SEN and behaviour\"><p>"
	            "<a href=\"/children/%" PRId64 "\">Child's page</a>%s",
	            id, full ? " · " : "");
	if (full)
		html_printf(b, "<a href=\"/children/%" PRId64 "/sen\">SEN</a>", id);
	html_raw(b, "</p></nav>");
	records_alert(w);
	incident_form(w, id);
	if (!full) {
		html_raw(b, "<p class=\"muted\">The child's key person and the SENCo see the "
		            "incidents recorded.</p>");
		page_end(w);
		return;
	}
	html_raw(b, "<section><h2>Incidents</h2>");
	if (v->nincidents) {
		html_raw(b,
		         "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"incidents\">"
		         "<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Antecedent</th>"
		         "<th scope=\"col\">Behaviour</th><th scope=\"col\">Consequence</th></tr>"
		         "</thead><tbody>");
		for (size_t i = 0; i < v->nincidents; i++) {
			int day, minute;
			char d[DATE_LEN], t[TIME_LEN];
			date_local(v->incidents[i].at, w->setting.time_zone, &day, &minute);
			date_format(day, d);
			time_format(minute, t);
			html_printf(
			    b,
			    "<tr><th scope=\"row\">%s %s</th><td>%s</td><td>%s</td><td>%s</td>"
			    "</tr>",
			    d, t, v->incidents[i].antecedent, v->incidents[i].behaviour,
			    v->incidents[i].consequence);
		}
		html_raw(b, "</tbody></table></div>");
	} else {
		html_raw(b, "<p>No incident recorded.</p>");
	}
	html_raw(b, "</section><section><h2>Plans</h2>");
	for (size_t i = 0; i < v->nbplans; i++) {
		const struct beh_plan_row *p = &v->bplans[i];
		int late = *p->review && strcmp(p->review, today) < 0;
		html_printf(b,
		            "<article class=\"card behaviour-plan\"><h3>%s, from %s</h3><p>Review: "
		            "<span%s>%s%s</span></p><h4>Strategies</h4>",
		            core_sen_words(p->kind), p->start, late ? " class=overdue" : "",
		            *p->review ? p->review : "none (ended)", late ? " (overdue)" : "");
		sen_lines(w, p->strategies);
		for (size_t k = 0, any = 0; k < v->nreviews; k++) {
			const struct sen_review_row *r = &v->reviews[k];
			if (r->plan_id != p->id || strcmp(r->kind, "behaviour") != 0)
				continue;
			if (!any++)
				html_raw(b, "<h4>Reviews</h4>");
			html_printf(b, "<p><strong>%s</strong>: %s</p>", r->on, r->outcome);
		}
		if (write)
			sen_review_form(w, id, "behaviour", p->id);
		html_raw(b, "</article>");
	}
	if (!v->nbplans)
		html_raw(b, "<p>No behaviour plan.</p>");
	if (write) {
		sen_form_begin(w, arena_printf(w->a, "%s/plans", base), "bplan", "Add a plan");
		sen_select(w, "bplan", "kind", "Kind", &core_beh_plan_fields[BEHP_KIND], "");
		sen_textarea(w, "bplan", "strategies", "Strategies");
		sen_input(w, "bplan", "start_date", "From", "date", today);
		sen_input(w, "bplan", "review_date", "Review on", "date", "");
		sen_form_end(w, "Add the plan");
	}
	html_raw(b, "</section><section><h2>Interventions</h2>");
	for (size_t i = 0; i < v->ninterventions; i++) {
		const struct beh_intervention_row *r = &v->interventions[i];
		html_printf(b, "<p><strong>%s</strong>, from %s; review %s. %s</p>", r->what,
		            r->start, *r->review ? r->review : "—", r->outcome);
	}
	if (!v->ninterventions)
		html_raw(b, "<p>None.</p>");
	if (write) {
		sen_form_begin(w, arena_printf(w->a, "%s/interventions", base), "intervention",
		               "Add an intervention");
		sen_input(w, "intervention", "what", "Intervention", "text", "");
		sen_input(w, "intervention", "start_date", "From", "date", today);
		sen_input(w, "intervention", "review_date", "Review on", "date", "");
		sen_textarea(w, "intervention", "outcome", "Outcome");
		sen_form_end(w, "Add the intervention");
	}
	html_raw(b, "</section>");
	page_end(w);
}

/* full: the person reads the records; else they may only record an incident. */
static int render(struct web *w, int audit)
{
	const char *name = records_child_name(w, w->id[0]);
	struct sen_view v;
	struct op_error e;
	int full;
	if (!name || !authz_behaviour_incident(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	full = authz_sen_read(w, w->id[0]);
	memset(&v, 0, sizeof v);
	if (full) {
		if (audit && audit_read(w->s, &w->who, "behaviour.view", w->id[0], &e) != 0)
			return web_op_error(w, &e);
		if (core_sen_load(w->s, w->me.setting_id, w->id[0],
		                  date_today(w->setting.time_zone), 0, w->a, &v, &e) != 0)
			return records_refuse(w, &e);
	}
	behaviour_page(w, w->id[0], name, &v, full);
	return 0;
}

int page_child_behaviour(struct web *w)
{
	return render(w, 1);
}

static int post(struct web *w, int senco_only, const struct field_spec *spec, size_t n,
                int (*save)(struct web *w, const struct field_value *v, struct op_error *e))
{
	int ok = senco_only ? authz_sen_write(w, w->id[0]) : authz_behaviour_incident(w, w->id[0]);
	if (!records_child_name(w, w->id[0]) || !ok)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (sen_post(w, spec, n, save) != 0) {
		buf_reset(&w->resp->body);
		return render(w, 0);
	}
	if (!authz_sen_read(w, w->id[0]))
		return web_redirect(w, "/children/%" PRId64, w->id[0]);
	return web_redirect(w, "/children/%" PRId64 "/behaviour", w->id[0]);
}

static int save_incident(struct web *w, const struct field_value *v, struct op_error *e)
{
	int64_t at = date_instant((int)v[BEHI_DATE].i, (int)v[BEHI_TIME].i, w->setting.time_zone);
	if (at > time_now() + 300)
		return op_fail(e, OP_INVALID, "date", "an incident is recorded after it happened");
	return core_beh_incident_add(w->s, &w->who, w->id[0], at, v, e);
}

static int save_plan(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_beh_plan_add(w->s, &w->who, w->id[0], v, e);
}

static int save_review(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_sen_review_add(w->s, &w->who, w->id[0], "behaviour", v, e);
}

static int save_intervention(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_beh_intervention_add(w->s, &w->who, w->id[0], v, e);
}

int page_child_beh_incident(struct web *w)
{
	return post(w, 0, core_beh_incident_fields, BEHI__MAX, save_incident);
}

int page_child_beh_plan(struct web *w)
{
	return post(w, 1, core_beh_plan_fields, BEHP__MAX, save_plan);
}

int page_child_beh_review(struct web *w)
{
	return post(w, 1, core_sen_review_fields, SENR__MAX, save_review);
}

int page_child_beh_intervention(struct web *w)
{
	return post(w, 1, core_beh_intervention_fields, BEHV__MAX, save_intervention);
}

int page_behaviour_overview(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct beh_count_row *c;
	struct beh_due_row *d;
	struct op_error e;
	size_t nc, nd;
	if (!authz_sen_overview(&w->me))
		return web_error(w, 403, "",
		                 "the behaviour overview is the SENCo's and the manager's");
	if (core_beh_overview(w->s, w->me.setting_id, date_today(w->setting.time_zone), time_now(),
	                      w->a, &c, &nc, &d, &nd, &e) != 0)
		return web_op_error(w, &e);
	if (audit_read(w->s, &w->who, "behaviour.overview.view", 0, &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, "Behaviour overview");
	html_printf(b,
	            "<p><a href=\"/sen\">SEN register</a></p><section><h2>Incidents in the last %d "
	            "days</h2>",
	            BEH_WINDOW_DAYS);
	if (nc) {
		html_raw(
		    b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"behaviour-counts\">"
		       "<thead><tr><th scope=\"col\">Child</th><th scope=\"col\">Room</th>"
		       "<th scope=\"col\">Incidents</th></tr></thead><tbody>");
		for (size_t i = 0; i < nc; i++)
			html_printf(b,
			            "<tr><th scope=\"row\"><a href=\"/children/%" PRId64
			            "/behaviour\">%s</a></th><td>%s</td><td>%d</td></tr>",
			            c[i].child_id, c[i].child, c[i].room, c[i].incidents);
		html_raw(b, "</tbody></table></div>");
	} else {
		html_raw(b, "<p>No incident recorded.</p>");
	}
	html_printf(b, "</section><section><h2>Plans due for review (within %d days)</h2>",
	            BEH_DUE_AHEAD_DAYS);
	for (size_t i = 0; i < nd; i++)
		html_printf(
		    b,
		    "<p%s><a href=\"/children/%" PRId64 "/behaviour\">%s</a>: %s, review %s%s"
		    "</p>",
		    d[i].overdue ? " class=overdue" : "", d[i].child_id, d[i].child,
		    core_sen_words(d[i].kind), d[i].review, d[i].overdue ? " (overdue)" : "");
	if (!nd)
		html_raw(b, "<p>None due.</p>");
	html_raw(b, "</section>");
	page_end(w);
	return 0;
}
