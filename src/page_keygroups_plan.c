/*
 * page_keygroups_plan.c — GET /plans/:id and POST /plans/:id/accept
 * (manager). A proposal is shown as a diff: for each child whose key person
 * or buddy would change, the pair in force when it was planned and the
 * proposed one, and why (page_keygroups_model.c compares the child's
 * greets and hand-overs, siblings, language, SEN, junior pairs and the
 * staff's loads under both); the planner's score now and proposed, by
 * component, with its lower bound and "proved optimal" when it is. The
 * manager ticks the children to accept (all by default) and the day the new
 * key groups start; only those children change (core_plan_apply_children)
 * and their families are told through the outbox.
 */
#include <math.h>
#include <string.h>

#include "core_plan.h"
#include "date.h"
#include "page_keygroups.h"
#include "valid.h"

static const struct field_spec from_spec = {"from", F_DATE, 1, 0, 0, NULL};

static double col_or_nan(struct store_stmt *st, int i)
{
	return store_col_null(st, i) ? NAN : store_col_double(st, i);
}

int kg_proposal_load(struct web *w, int64_t id, struct kg_proposal *p)
{
	struct store_stmt *st = store_stmt(w->s, STMT_KG_PLAN_VIEW);
	json_error_t jerr;
	char err[256];
	memset(p, 0, sizeof *p);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, id);
	if (store_step(st) != STORE_ROW) {
		store_finish(st);
		return -1;
	}
	p->id = store_col_int(st, 0);
	p->status = arena_strdup(w->a, store_col_text(st, 1));
	p->solver_status = arena_strdup(w->a, store_col_text(st, 2));
	p->total = col_or_nan(st, 3);
	p->before = col_or_nan(st, 4);
	p->bound = col_or_nan(st, 5);
	p->from_date = arena_strdup(w->a, store_col_text(st, 6));
	p->instance = json_loads(store_col_text(st, 7), 0, &jerr);
	p->result = json_loads(store_col_text(st, 8), 0, &jerr);
	p->created_at = store_col_int(st, 9);
	p->applied_at = store_col_int(st, 10);
	store_finish(st);
	if (!p->instance || !p->result) {
		p->problem = "the proposal's data cannot be read";
		return 0;
	}
	if (strcmp(p->solver_status, "infeasible") == 0) {
		p->problem =
		    arena_printf(w->a, "no plan is possible: %s",
		                 json_string_value(json_object_get(p->result, "reason")) ?: "");
		return 0;
	}
	if (kg_model_init(&p->now, w->a, p->instance, err, sizeof err) != 0 ||
	    kg_model_init(&p->next, w->a, p->instance, err, sizeof err) != 0) {
		p->problem = arena_strdup(w->a, err);
		return 0;
	}
	kg_model_assign(&p->now, NULL);
	kg_model_assign(&p->next, json_object_get(p->result, "assignments"));
	p->nchanges = kg_diff(&p->now, &p->next, &p->changes);
	return 0;
}

void kg_proposal_free(struct kg_proposal *p)
{
	json_decref(p->instance);
	json_decref(p->result);
}

json_t *kg_proposal_json(const struct kg_proposal *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(
	    o, "state", json_string(strcmp(p->status, "applied") == 0 ? "accepted" : p->status));
	json_object_set_new(o, "status", json_string(p->solver_status));
	json_object_set_new(o, "from", json_string(p->from_date));
	json_object_set_new(o, "score_before",
	                    isnan(p->before) ? json_null() : json_real(p->before));
	json_object_set_new(o, "score_after", isnan(p->total) ? json_null() : json_real(p->total));
	json_object_set_new(o, "bound", isnan(p->bound) ? json_null() : json_real(p->bound));
	json_object_set_new(o, "proved_optimal",
	                    json_boolean(strcmp(p->solver_status, "optimal") == 0));
	if (p->problem) {
		json_object_set_new(o, "reason", json_string(p->problem));
		json_object_set_new(o, "changes", json_array());
		return o;
	}
	json_object_set_new(o, "children", json_integer((json_int_t)p->now.nchildren));
	json_object_set_new(o, "score", json_incref(json_object_get(p->result, "score")));
	json_object_set_new(o, "changes",
	                    kg_changes_json(&p->now, &p->next, p->changes, p->nchanges));
	return o;
}

static const char *when_text(struct web *w, int64_t t)
{
	int day, minute;
	char d[DATE_LEN], hm[TIME_LEN];
	date_local(t, w->setting.time_zone, &day, &minute);
	date_format(day, d);
	time_format(minute, hm);
	return arena_printf(w->a, "%s at %s", d, hm);
}

static void score_table(struct web *w, const struct kg_proposal *p)
{
	struct buf *b = &w->resp->body;
	json_t *now = kg_score(p->instance, &p->now);
	const json_t *next = json_object_get(p->result, "score");
	html_raw(b, "<h2 id=\"score\">Score before and after</h2>");
	if (strcmp(p->solver_status, "optimal") == 0)
		html_raw(
		    b,
		    "<p class=\"notice\">Proved optimal: no plan for this week scores lower.</p>");
	else if (!isnan(p->bound))
		html_printf(
		    b,
		    "<p>The best plan found in the time allowed; no plan can score below %.0f "
		    "(the planner's lower bound).</p>",
		    p->bound);
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><caption>The planner's score "
	            "(lower is better) "
	            "over the usual week</caption><thead><tr><th scope=\"col\">What is counted</th>"
	            "<th scope=\"col\">Now</th><th scope=\"col\">Proposed</th></tr></thead><tbody>"
	            "<tr><th scope=\"row\">Score</th>");
	if (!isnan(p->before))
		html_printf(b, "<td>%.0f</td>", p->before);
	else
		html_raw(b, "<td>not every child has a key person and buddy</td>");
	html_printf(b, "<td><strong>%.0f</strong>", p->total);
	if (!isnan(p->bound))
		html_printf(b, " <span class=\"muted\">(lower bound %.0f)</span>", p->bound);
	html_raw(b, "</td></tr>");
	for (size_t k = 0; k < ARRAY_LEN(kg_components); k++) {
		const struct kg_component *c = &kg_components[k];
		html_printf(b, "<tr><th scope=\"row\">%s</th>", c->label);
		if (!now)
			html_raw(b, "<td>–</td>");
		else if (c->real)
			html_printf(b, "<td>%.1f</td>",
			            json_number_value(json_object_get(now, c->name)));
		else
			html_printf(b, "<td>%.0f</td>",
			            json_number_value(json_object_get(now, c->name)));
		if (c->real)
			html_printf(b, "<td>%.1f</td></tr>",
			            json_number_value(json_object_get(next, c->name)));
		else
			html_printf(b, "<td>%.0f</td></tr>",
			            json_number_value(json_object_get(next, c->name)));
	}
	html_raw(b, "</tbody></table></div>");
	json_decref(now);
}

static int ticked(const char *const *chosen, size_t n, const char *code)
{
	if (!chosen)
		return 1; /* all, by default */
	for (size_t i = 0; i < n; i++)
		if (strcmp(chosen[i], code) == 0)
			return 1;
	return 0;
}

static void pair_cell(struct web *w, const struct kg_model *now, const struct kg_model *next, int a,
                      int b)
{
	const char *was = a >= 0 ? now->staff[a].name : "nobody";
	if (a == b)
		html_printf(&w->resp->body, "<td>%s <span class=\"muted\">(stays)</span></td>",
		            was);
	else
		html_printf(&w->resp->body,
		            "<td><span class=\"diff-old\">%s</span> → <strong>%s</strong></td>",
		            was, next->staff[b].name);
}

static void changes_form(struct web *w, const struct kg_proposal *p, const char *from,
                         const char *const *chosen, size_t nchosen)
{
	struct buf *b = &w->resp->body;
	int open = strcmp(p->status, "proposed") == 0;
	html_printf(b, "<h2 id=\"changes\">%zu %s would change</h2>", p->nchanges,
	            p->nchanges == 1 ? "child" : "children");
	if (!p->nchanges) {
		html_raw(b, "<p>No change proposed: the key groups in force are already the best "
		            "plan.</p>");
		return;
	}
	if (open) {
		html_printf(b, "<form method=\"post\" action=\"/plans/%lld/accept\">",
		            (long long)p->id);
		page_csrf(w);
		if (w->field_error[0] && strcmp(w->field_error[0], "from") != 0)
			html_printf(
			    b, "<p class=\"alert\" role=\"alert\" id=\"children-error\">%s</p>",
			    w->field_error[1]);
	}
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>");
	if (open)
		html_raw(
		    b,
		    "<th scope=\"col\"><input type=\"checkbox\" id=\"select-all\" "
		    "data-select-all=\"child\" checked><label for=\"select-all\">All</label></th>");
	html_raw(b, "<th scope=\"col\">Child</th><th scope=\"col\">Room</th>"
	            "<th scope=\"col\">Key person</th><th scope=\"col\">Buddy</th>"
	            "<th scope=\"col\">Why</th></tr></thead><tbody>");
	for (size_t i = 0; i < p->nchanges; i++) {
		const struct kg_change *ch = &p->changes[i];
		const struct kg_child *a = &p->now.children[ch->child];
		const struct kg_child *n = &p->next.children[ch->child];
		html_raw(b, "<tr>");
		if (open)
			html_printf(
			    b,
			    "<td><input type=\"checkbox\" name=\"child\" value=\"%s\" "
			    "id=\"child-%s\"%s></td><th scope=\"row\"><label for=\"child-%s\">%s"
			    "</label></th>",
			    a->code, a->code, ticked(chosen, nchosen, a->code) ? " checked" : "",
			    a->code, a->name);
		else
			html_printf(b, "<th scope=\"row\">%s</th>", a->name);
		html_printf(b, "<td>%s</td>", a->room);
		pair_cell(w, &p->now, &p->next, a->primary, n->primary);
		pair_cell(w, &p->now, &p->next, a->secondary, n->secondary);
		html_raw(b, "<td><ul class=\"why\">");
		for (size_t k = 0; k < ch->nwhy; k++)
			html_printf(b, "<li>%s</li>", ch->why[k]);
		for (size_t k = 0; k < ch->nbut; k++)
			html_printf(b, "<li class=\"muted\">but %s</li>", ch->but[k]);
		html_raw(b, "</ul></td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
	if (!open)
		return;
	html_printf(
	    b,
	    "<div class=\"card\"><label for=\"from\">The new key person or buddy starts on</label>"
	    "<input type=\"date\" id=\"from\" name=\"from\" value=\"%s\" required",
	    from);
	kg_invalid_attrs(w, "from");
	page_field_error(w, "from");
	html_raw(b,
	         "<p>The families of the children you accept are told of the change.</p>"
	         "<p><button type=\"submit\">Accept the ticked children</button></p></div></form>");
}

static int plan_page(struct web *w, struct kg_proposal *p, int status, const char *from,
                     const char *const *chosen, size_t nchosen)
{
	struct buf *b = &w->resp->body;
	char dflt[DATE_LEN];
	int today = date_today(w->setting.time_zone), day;

	w->resp->status = status;
	buf_reset(b);
	page_begin(w, arena_printf(w->a, "Key-group proposal %lld", (long long)p->id));
	html_printf(b, "<p>Planned %s for the week from %s. ", when_text(w, p->created_at),
	            p->from_date);
	if (strcmp(p->status, "applied") == 0)
		html_printf(b, "<strong>Accepted %s.</strong>", when_text(w, p->applied_at));
	else if (strcmp(p->status, "proposed") == 0)
		html_raw(b, "Nothing has changed yet: tick the children to accept.");
	else
		html_printf(b, "This proposal was %s.", p->status);
	html_raw(b, "</p><p><a href=\"/keygroups\">Back to key groups</a></p>");
	if (p->problem) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", p->problem);
		page_end(w);
		return 0;
	}
	if (date_parse(p->from_date, &day) != 0 || day < today)
		day = today;
	date_format(day, dflt);
	changes_form(w, p, from ? from : dflt, chosen, nchosen);
	score_table(w, p);
	page_end(w);
	return 0;
}

int page_plan(struct web *w)
{
	struct kg_proposal p;
	int rc;
	if (kg_proposal_load(w, w->id[0], &p) != 0)
		return web_error(w, 404, "", "there is no proposal %lld", (long long)w->id[0]);
	rc = plan_page(w, &p, 200, NULL, NULL, 0);
	kg_proposal_free(&p);
	return rc;
}

int page_plan_accept(struct web *w)
{
	const struct kv_list *form = &w->req->form;
	const char *raw = web_field(w, "from");
	const char **chosen = arena_alloc(w->a, (form->n + 1) * sizeof *chosen);
	struct field_value v;
	struct kg_proposal p;
	struct op_error e;
	char why[200], day[DATE_LEN];
	size_t n = 0;
	int changed, rc;

	for (size_t i = 0; i < form->n; i++)
		if (strcmp(form->v[i].key, "child") == 0 && *form->v[i].val)
			chosen[n++] = form->v[i].val;
	if (kg_proposal_load(w, w->id[0], &p) != 0)
		return web_error(w, 404, "", "there is no proposal %lld", (long long)w->id[0]);
	if (strcmp(p.status, "proposed") != 0) {
		kg_proposal_free(&p);
		return web_error(w, 409, "id", "proposal %lld is already %s", (long long)w->id[0],
		                 strcmp(p.status, "applied") == 0 ? "accepted" : p.status);
	}
	if (valid_field(&from_spec, raw, &v, w->a, why, sizeof why) != 0) {
		w->field_error[0] = "from";
		w->field_error[1] = arena_printf(w->a, "The date %s: give it as YYYY-MM-DD.", why);
		goto invalid;
	}
	if (v.i < date_today(w->setting.time_zone)) {
		w->field_error[0] = "from";
		w->field_error[1] =
		    "The new key groups cannot start in the past: choose today or later.";
		goto invalid;
	}
	if (!n) {
		w->field_error[0] = "children";
		w->field_error[1] = "Tick at least one child to accept.";
		goto invalid;
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_plan_apply_children(w->s, &w->who, p.id, (int)v.i, chosen, n, &changed, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status == OP_INVALID && *e.field) {
			w->field_error[0] = arena_strdup(w->a, e.field);
			w->field_error[1] = arena_strdup(w->a, e.msg);
			goto invalid;
		}
		kg_proposal_free(&p);
		return web_op_error(w, &e);
	}
	kg_proposal_free(&p);
	date_format((int)v.i, day);
	return web_redirect(w, "/keygroups?changed=%d&from=%s", changed, day);
invalid:
	rc = plan_page(w, &p, 422, raw, chosen, n);
	kg_proposal_free(&p);
	return rc;
}
