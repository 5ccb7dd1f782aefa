/*
 * page_sen.c — the SEN pages of page_sen.h: the SENCo's register (who is on
 * SEN support or has an EHCP, the next review with those overdue marked,
 * LSA hours a week), a child's SEN page (the SENCo's forms; the family's
 * view of what was shared), the printable one-page profile, the JSON of a
 * child's SEN records, and the form helpers the SEN, behaviour and
 * supervision pages share. Every look at a child's SEN records is audited.
 */
#include <inttypes.h>
#include <string.h>

#include "audit.h"
#include "page_day.h"
#include "page_family.h"
#include "page_records.h"
#include "page_sen.h"

/* ---- the shared form helpers ---- */

/* Posted again after a refusal: the posted value of this form's field. */
static const char *posted(struct web *w, const char *form, const char *name, const char *dflt)
{
	if (w->resp->status >= 400 && strcmp(web_field(w, "form"), form) == 0)
		return web_field(w, name);
	return dflt ? dflt : "";
}

void sen_form_begin(struct web *w, const char *action, const char *form, const char *legend)
{
	struct buf *b = &w->resp->body;
	html_printf(b,
	            "<form method=\"post\" action=\"%s\" class=\"card noprint\" id=\"form-%s\">"
	            "<h3>%s</h3><input type=\"hidden\" name=\"form\" value=\"%s\">",
	            action, form, legend, form);
	page_csrf(w);
}

void sen_input(struct web *w, const char *form, const char *name, const char *label,
               const char *type, const char *value)
{
	html_printf(&w->resp->body,
	            "<label for=\"%s-%s\">%s</label><input type=\"%s\" id=\"%s-%s\" name=\"%s\" "
	            "value=\"%s\"",
	            form, name, label, type, form, name, name, posted(w, form, name, value));
	if (strcmp(web_field(w, "form"), form) == 0)
		day_invalid(w, name);
	else
		html_raw(&w->resp->body, ">");
	if (strcmp(web_field(w, "form"), form) == 0)
		page_field_error(w, name);
}

void sen_textarea(struct web *w, const char *form, const char *name, const char *label)
{
	html_printf(&w->resp->body,
	            "<label for=\"%s-%s\">%s</label><textarea id=\"%s-%s\" name=\"%s\" rows=\"3\"",
	            form, name, label, form, name, name);
	if (strcmp(web_field(w, "form"), form) == 0)
		day_invalid(w, name);
	else
		html_raw(&w->resp->body, ">");
	html_printf(&w->resp->body, "%s</textarea>", posted(w, form, name, ""));
	if (strcmp(web_field(w, "form"), form) == 0)
		page_field_error(w, name);
}

void sen_select(struct web *w, const char *form, const char *name, const char *label,
                const struct field_spec *f, const char *value)
{
	struct buf *b = &w->resp->body;
	const char *cur = posted(w, form, name, value);
	html_printf(b, "<label for=\"%s-%s\">%s</label><select id=\"%s-%s\" name=\"%s\"", form,
	            name, label, form, name, name);
	if (strcmp(web_field(w, "form"), form) == 0)
		day_invalid(w, name);
	else
		html_raw(b, ">");
	if (!f->required)
		html_raw(b, "<option value=\"\">—</option>");
	for (size_t i = 0; f->choices[i]; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", f->choices[i],
		            strcmp(cur, f->choices[i]) == 0 ? " selected" : "",
		            core_sen_words(f->choices[i]));
	html_raw(b, "</select>");
	if (strcmp(web_field(w, "form"), form) == 0)
		page_field_error(w, name);
}

void sen_checkbox(struct web *w, const char *form, const char *name, const char *label)
{
	html_printf(&w->resp->body,
	            "<p class=\"check\"><input type=\"checkbox\" id=\"%s-%s\" name=\"%s\" "
	            "value=\"yes\"%s><label for=\"%s-%s\">%s</label></p>",
	            form, name, name, *posted(w, form, name, "") ? " checked" : "", form, name,
	            label);
}

void sen_form_end(struct web *w, const char *button)
{
	html_printf(&w->resp->body, "<p><button type=\"submit\">%s</button></p></form>", button);
}

int sen_post(struct web *w, const struct field_spec *spec, size_t n,
             int (*save)(struct web *w, const struct field_value *v, struct op_error *e))
{
	const char **raw = arena_alloc(w->a, n * sizeof *raw);
	struct field_value *v = arena_alloc(w->a, n * sizeof *v);
	struct field_error fe;
	struct op_error e;
	for (size_t i = 0; i < n; i++)
		raw[i] = web_field(w, spec[i].name);
	if (valid_record(spec, n, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		records_field_error(w, &e);
		return -1;
	}
	if (core_tx_begin(w->s, &e) != 0 || save(w, v, &e) != 0 || core_tx_commit(w->s, &e) != 0) {
		records_field_error(w, &e);
		return -1;
	}
	return 0;
}

void sen_lines(struct web *w, const char *text)
{
	struct buf *b = &w->resp->body;
	const char *p = text;
	html_raw(b, "<p>");
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		html_printf(b, "%s", arena_strndup(w->a, p, len));
		if (!nl)
			break;
		html_raw(b, "<br>");
		p = nl + 1;
	}
	html_raw(b, "</p>");
}

void page_sen_child_links(struct web *w, int64_t child_id)
{
	struct buf *b = &w->resp->body;
	int sen = authz_sen_read(w, child_id);
	int beh = sen || authz_behaviour_incident(w, child_id);
	if (!sen && !beh && !authz_sen_family(w, child_id))
		return;
	html_raw(b, "<nav class=\"noprint\" aria-label=\"SEN and behaviour\"><p>");
	if (sen || !beh)
		html_printf(b, "<a href=\"/children/%" PRId64 "/sen\">%s</a>", child_id,
		            sen ? "SEN" : "Plans and one-page profile shared with you");
	if (beh)
		html_printf(b, "%s<a href=\"/children/%" PRId64 "/behaviour\">Behaviour</a>",
		            sen ? " · " : "", child_id);
	html_raw(b, "</p></nav>");
}

/* ---- the register ---- */

int page_sen_register(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct sen_register_row *r;
	struct op_error e;
	size_t n;
	double total = 0;
	int overdue = 0, today = date_today(w->setting.time_zone);
	if (!authz_sen_overview(&w->me))
		return web_error(w, 403, "", "the SEN register is the SENCo's and the manager's");
	if (core_sen_register(w->s, w->me.setting_id, today, w->a, &r, &n, &e) != 0)
		return web_op_error(w, &e);
	if (audit_read(w->s, &w->who, "sen.register.view", 0, &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, "SEN register");
	html_raw(b, "<p>Children on SEN support or with an EHCP, the next review of their plan, "
	            "and the hours of support from a learning support assistant (LSA). "
	            "<a href=\"/behaviour\">Behaviour overview</a></p>"
	            "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"sen-register\">"
	            "<thead><tr><th scope=\"col\">Child</th><th scope=\"col\">Room</th>"
	            "<th scope=\"col\">Status</th><th scope=\"col\">Area of need</th>"
	            "<th scope=\"col\">Since</th><th scope=\"col\">Next review</th>"
	            "<th scope=\"col\">LSA hours a week</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		total += r[i].lsa_hours;
		overdue += r[i].overdue;
		html_printf(b,
		            "<tr%s><th scope=\"row\"><a href=\"/children/%" PRId64
		            "/sen\">%s</a></th><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
		            "<td>%s%s</td><td>%.1f</td></tr>",
		            r[i].overdue ? " class=overdue" : "", r[i].child_id, r[i].child,
		            r[i].room, core_sen_words(r[i].status),
		            *r[i].area ? core_sen_words(r[i].area) : "—", r[i].from,
		            *r[i].next_review ? r[i].next_review : "no plan yet",
		            r[i].overdue ? " (overdue)" : "", r[i].lsa_hours);
	}
	html_printf(b,
	            "</tbody><tfoot><tr><th scope=\"row\">%zu children</th><td colspan=\"4\">"
	            "</td><td>%d overdue</td><td>%.1f</td></tr></tfoot></table></div>",
	            n, overdue, total);
	if (!n)
		html_raw(b, "<p>No child is on SEN support or has an EHCP.</p>");
	page_end(w);
	return 0;
}

/* ---- a child's SEN page ---- */

static void child_nav(struct web *w, int64_t id, int behaviour)
{
	html_printf(&w->resp->body,
	            "<nav class=\"noprint\" aria-label=\"SEN and behaviour\"><p>"
	            "<a href=\"/children/%" PRId64 "\">Child's page</a> · "
	            "<a href=\"/children/%" PRId64 "/sen\">SEN</a> · "
	            "<a href=\"/children/%" PRId64 "/sen/profile\">One-page profile</a>%s",
	            id, id, id, behaviour ? " · " : "");
	if (behaviour)
		html_printf(&w->resp->body,
		            "<a href=\"/children/%" PRId64 "/behaviour\">Behaviour</a>", id);
	html_raw(&w->resp->body, "</p></nav>");
}

static void plan_reviews(struct web *w, const struct sen_view *v, const char *kind, int64_t plan)
{
	struct buf *b = &w->resp->body;
	int any = 0;
	for (size_t i = 0; i < v->nreviews; i++) {
		const struct sen_review_row *r = &v->reviews[i];
		if (r->plan_id != plan || strcmp(r->kind, kind) != 0)
			continue;
		if (!any++)
			html_raw(b, "<h4>Reviews</h4><ol class=\"reviews\">");
		html_printf(b, "<li><strong>%s</strong>: ", r->on);
		sen_lines(w, r->outcome);
		if (*r->next)
			html_printf(b, " <span class=\"muted\">next review %s</span>", r->next);
		html_raw(b, "</li>");
	}
	if (any)
		html_raw(b, "</ol>");
}

void sen_review_form(struct web *w, int64_t child, const char *kind, int64_t plan)
{
	const char *form = arena_printf(w->a, "review-%s-%" PRId64, kind, plan);
	const char *action = arena_printf(w->a, "/children/%" PRId64 "/%s/reviews", child,
	                                  strcmp(kind, "sen") == 0 ? "sen" : "behaviour");
	char today[DATE_LEN];
	date_format(date_today(w->setting.time_zone), today);
	sen_form_begin(w, action, form, "Add a review");
	html_printf(&w->resp->body, "<input type=\"hidden\" name=\"plan\" value=\"%" PRId64 "\">",
	            plan);
	sen_input(w, form, "reviewed_on", "Reviewed on", "date", today);
	sen_textarea(w, form, "outcome", "What happened and the outcome");
	sen_input(w, form, "next_review_on", "Next review (none: the plan ends)", "date", "");
	sen_form_end(w, "Add the review");
}

static void sen_staff_page(struct web *w, int64_t id, const char *name, const struct sen_view *v)
{
	struct buf *b = &w->resp->body;
	int write = authz_sen_write(w, id);
	char today[DATE_LEN];
	const char *base = arena_printf(w->a, "/children/%" PRId64 "/sen", id);
	date_format(date_today(w->setting.time_zone), today);
	page_begin(w, arena_printf(w->a, "SEN: %s", name));
	child_nav(w, id, 1);
	records_alert(w);
	html_raw(b, "<section><h2>On the SEN register</h2>");
	if (*v->status)
		html_printf(
		    b,
		    "<dl class=\"facts card\"><dt>Status</dt><dd class=\"sen-status\">%s</dd>"
		    "<dt>Area of need</dt><dd>%s</dd><dt>Since</dt><dd>%s</dd></dl>",
		    core_sen_words(v->status), *v->area ? core_sen_words(v->area) : "—", v->from);
	else
		html_raw(b, "<p class=\"sen-status\">Not on the SEN register.</p>");
	if (*v->notes)
		sen_lines(w, v->notes);
	if (write) {
		sen_form_begin(w, base, "status", "Change the SEN status");
		sen_select(w, "status", "status", "Status", &core_sen_status_fields[SENS_STATUS],
		           v->status);
		sen_select(w, "status", "area_of_need", "Area of need",
		           &core_sen_status_fields[SENS_AREA], v->area);
		sen_input(w, "status", "from_date", "From", "date", today);
		sen_textarea(w, "status", "notes", "Notes");
		sen_form_end(w, "Save the status");
	}
	html_raw(b, "</section><section><h2>Plans: assess, plan, do, review</h2>");
	for (size_t i = 0; i < v->nplans; i++) {
		const struct sen_plan_row *p = &v->plans[i];
		int late = *p->review_on && strcmp(p->review_on, today) < 0;
		html_printf(b,
		            "<article class=\"card sen-plan\"><h3>%s, from %s</h3><p>Review: "
		            "<span%s>%s%s</span>%s</p><h4>Targets</h4>",
		            core_sen_words(p->kind), p->created_on, late ? " class=overdue" : "",
		            *p->review_on ? p->review_on : "none (ended)", late ? " (overdue)" : "",
		            p->shared ? " · shared with the family" : "");
		sen_lines(w, p->targets);
		family_sen_programmes(w, id, p->id); /* professionals' programmes (issue 9) */
		plan_reviews(w, v, "sen", p->id);
		if (write)
			sen_review_form(w, id, "sen", p->id);
		html_raw(b, "</article>");
	}
	if (!v->nplans)
		html_raw(b, "<p>No plan yet.</p>");
	if (write) {
		sen_form_begin(w, arena_printf(w->a, "%s/plans", base), "plan", "Add a plan");
		sen_select(w, "plan", "kind", "Kind", &core_sen_plan_fields[SENP_KIND], "");
		sen_input(w, "plan", "created_on", "Made on", "date", today);
		sen_input(w, "plan", "review_on", "Review on", "date", "");
		sen_textarea(w, "plan", "targets", "Targets (one a line)");
		sen_checkbox(w, "plan", "shared", "Share the targets with the family");
		sen_form_end(w, "Add the plan");
	}
	family_sen_programme_form(w, id);
	html_raw(b, "</section><section><h2>Agencies involved</h2>");
	if (v->nagencies) {
		html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
		            "<th scope=\"col\">Agency</th><th scope=\"col\">Contact</th>"
		            "<th scope=\"col\">Phone</th><th scope=\"col\">Email</th>"
		            "<th scope=\"col\">Family consented to share</th></tr></thead><tbody>");
		for (size_t i = 0; i < v->nagencies; i++)
			html_printf(b,
			            "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td>"
			            "<td>%s%s</td></tr>",
			            core_sen_words(v->agencies[i].agency), v->agencies[i].name,
			            v->agencies[i].phone, v->agencies[i].email,
			            v->agencies[i].consent ? "yes" : "no: do not share",
			            v->agencies[i].consent_on_file < 0 ? ""
			            : v->agencies[i].consent_on_file
			                ? " (consent to share with the health visitor on file)"
			                : " (no consent to share with the health visitor on file)");
		html_raw(b, "</tbody></table></div>");
	} else {
		html_raw(b, "<p>None.</p>");
	}
	if (write) {
		sen_form_begin(w, arena_printf(w->a, "%s/agencies", base), "agency",
		               "Add an agency");
		sen_select(w, "agency", "agency", "Agency", &core_sen_agency_fields[SENA_AGENCY],
		           "");
		sen_input(w, "agency", "contact_name", "Contact", "text", "");
		sen_input(w, "agency", "phone", "Phone", "tel", "");
		sen_input(w, "agency", "email", "Email", "email", "");
		sen_checkbox(w, "agency", "consent_to_share", "The family consented to share");
		sen_form_end(w, "Add the agency");
	}
	html_printf(b, "</section><section><h2>LSA hours</h2><p>%.1f hours a week.</p>",
	            v->lsa_total);
	for (size_t i = 0; i < v->nlsa; i++)
		html_printf(b, "<p>%s: %.1f hours a week from %s</p>", v->lsa[i].staff,
		            v->lsa[i].hours, v->lsa[i].from);
	if (write) {
		struct store_stmt *st = store_stmt(w->s, STMT_STAFF_LIST);
		sen_form_begin(w, arena_printf(w->a, "%s/lsa", base), "lsa", "Add LSA hours");
		html_raw(b, "<label for=\"lsa-staff\">Given by</label>"
		            "<select id=\"lsa-staff\" name=\"staff\">");
		store_bind_int(st, 1, w->me.setting_id);
		while (store_step(st) == STORE_ROW)
			html_printf(b, "<option value=\"%" PRId64 "\">%s</option>",
			            store_col_int(st, 0), store_col_text(st, 2));
		store_finish(st);
		html_raw(b, "</select>");
		if (strcmp(web_field(w, "form"), "lsa") == 0)
			page_field_error(w, "staff");
		sen_input(w, "lsa", "hours_per_week", "Hours a week (7.5 for seven and a half)",
		          "text", "");
		sen_input(w, "lsa", "from_date", "From", "date", today);
		sen_form_end(w, "Add the hours");
	}
	html_printf(b,
	            "</section><section><h2>One-page profile</h2><p><a href=\"%s/profile\">%s</a>"
	            "%s</p>",
	            base, v->has_profile ? "The one-page profile (print)" : "No profile yet",
	            v->profile_shared ? " · shared with the family" : "");
	if (write) {
		sen_form_begin(w, arena_printf(w->a, "%s/profile", base), "profile",
		               "Write the one-page profile");
		html_printf(
		    b,
		    "<label for=\"profile-liked\">What people like and admire about me</label>"
		    "<textarea id=\"profile-liked\" name=\"liked\" rows=\"3\">%s</textarea>"
		    "<label for=\"profile-important\">What is important to me</label>"
		    "<textarea id=\"profile-important\" name=\"important\" rows=\"3\">%s"
		    "</textarea><label for=\"profile-support\">How best to support me</label>"
		    "<textarea id=\"profile-support\" name=\"support\" rows=\"3\">%s</textarea>",
		    posted(w, "profile", "liked", v->liked),
		    posted(w, "profile", "important", v->important),
		    posted(w, "profile", "support", v->support));
		if (strcmp(web_field(w, "form"), "profile") == 0)
			page_field_error(w, "liked");
		html_printf(
		    b,
		    "<p class=\"check\"><input type=\"checkbox\" id=\"profile-shared\" "
		    "name=\"shared\" value=\"yes\"%s><label for=\"profile-shared\">Share it "
		    "with the family</label></p>",
		    v->profile_shared ? " checked" : "");
		sen_form_end(w, "Save the profile");
	}
	html_raw(b, "</section>");
	page_end(w);
}

static void sen_family_page(struct web *w, int64_t id, const char *name, const struct sen_view *v)
{
	struct buf *b = &w->resp->body;
	page_begin(w, arena_printf(w->a, "Plans shared with you: %s", name));
	for (size_t i = 0; i < v->nplans; i++) {
		html_printf(
		    b,
		    "<article class=\"card sen-plan\"><h2>%s, from %s</h2><p>Next review: %s"
		    "</p><h3>Targets</h3>",
		    core_sen_words(v->plans[i].kind), v->plans[i].created_on,
		    *v->plans[i].review_on ? v->plans[i].review_on : "none");
		sen_lines(w, v->plans[i].targets);
		html_raw(b, "</article>");
	}
	if (v->has_profile)
		html_printf(b,
		            "<p><a href=\"/children/%" PRId64 "/sen/profile\">%s's one-page profile"
		            "</a></p>",
		            id, name);
	if (!v->nplans && !v->has_profile)
		html_raw(b, "<p>Nothing has been shared with you here yet. Your child's key person "
		            "or the SENCo will talk with you about any plan.</p>");
	html_printf(b, "<p><a href=\"/children/%" PRId64 "\">Back</a></p>", id);
	page_end(w);
}

/* The child's name when the person may read their SEN records (*family set
 * when only as the family), else NULL. */
static const char *readable(struct web *w, int *family)
{
	const char *name = records_child_name(w, w->id[0]);
	*family = 0;
	if (!name)
		return NULL;
	if (authz_sen_read(w, w->id[0]))
		return name;
	*family = authz_sen_family(w, w->id[0]);
	return *family ? name : NULL;
}

static int sen_page(struct web *w, int audit)
{
	struct sen_view v;
	struct op_error e;
	int family;
	const char *name = readable(w, &family);
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (audit &&
	    audit_read(w->s, &w->who, family ? "sen.view.family" : "sen.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	if (core_sen_load(w->s, w->me.setting_id, w->id[0], date_today(w->setting.time_zone),
	                  family, w->a, &v, &e) != 0)
		return records_refuse(w, &e);
	if (family)
		sen_family_page(w, w->id[0], name, &v);
	else
		sen_staff_page(w, w->id[0], name, &v);
	return 0;
}

int page_child_sen(struct web *w)
{
	return sen_page(w, 1);
}

/* A SENCo's write to the child's SEN records: 404 to anyone else. */
static int sen_write(struct web *w, const struct field_spec *spec, size_t n,
                     int (*save)(struct web *w, const struct field_value *v, struct op_error *e))
{
	if (!records_child_name(w, w->id[0]) || !authz_sen_write(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (sen_post(w, spec, n, save) != 0) {
		buf_reset(&w->resp->body);
		return sen_page(w, 0);
	}
	return web_redirect(w, "/children/%" PRId64 "/sen", w->id[0]);
}

static int save_status(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_sen_status_set(w->s, &w->who, w->id[0], v, e);
}

static int save_plan(struct web *w, const struct field_value *v, struct op_error *e)
{
	int64_t id;
	return core_sen_plan_add(w->s, &w->who, w->id[0], v, &id, e);
}

static int save_review(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_sen_review_add(w->s, &w->who, w->id[0], "sen", v, e);
}

static int save_agency(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_sen_agency_add(w->s, &w->who, w->id[0], v, e);
}

static int save_lsa(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_sen_lsa_add(w->s, &w->who, w->id[0], v, e);
}

static int save_profile(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_sen_profile_save(w->s, &w->who, w->id[0], v, e);
}

int page_child_sen_status(struct web *w)
{
	return sen_write(w, core_sen_status_fields, SENS__MAX, save_status);
}

int page_child_sen_plan(struct web *w)
{
	return sen_write(w, core_sen_plan_fields, SENP__MAX, save_plan);
}

int page_child_sen_review(struct web *w)
{
	return sen_write(w, core_sen_review_fields, SENR__MAX, save_review);
}

int page_child_sen_agency(struct web *w)
{
	return sen_write(w, core_sen_agency_fields, SENA__MAX, save_agency);
}

int page_child_sen_lsa(struct web *w)
{
	return sen_write(w, core_sen_lsa_fields, SENL__MAX, save_lsa);
}

int page_child_sen_profile_save(struct web *w)
{
	return sen_write(w, core_sen_profile_fields, SENO__MAX, save_profile);
}

int page_child_sen_profile(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct sen_view v;
	struct op_error e;
	int family;
	const char *name = readable(w, &family);
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (core_sen_load(w->s, w->me.setting_id, w->id[0], date_today(w->setting.time_zone),
	                  family, w->a, &v, &e) != 0)
		return records_refuse(w, &e);
	if (family && !v.has_profile)
		return web_error(w, 404, "", "there is no profile shared with you");
	if (audit_read(w->s, &w->who, family ? "sen.profile.view.family" : "sen.profile.view",
	               w->id[0], &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, arena_printf(w->a, "One-page profile: %s", name));
	if (!v.has_profile) {
		html_printf(
		    b,
		    "<p>There is no one-page profile for %s yet. <a href=\"/children/%" PRId64
		    "/sen#form-profile\">Write it</a></p>",
		    name, w->id[0]);
		page_end(w);
		return 0;
	}
	html_printf(b,
	            "<article class=\"printable one-page-profile\"><p>%s · %s</p>"
	            "<section><h2>What people like and admire about me</h2>",
	            w->setting.name, name);
	sen_lines(w, v.liked);
	html_raw(b, "</section><section><h2>What is important to me</h2>");
	sen_lines(w, v.important);
	html_raw(b, "</section><section><h2>How best to support me</h2>");
	sen_lines(w, v.support);
	html_printf(b,
	            "</section><p class=\"noprint\"><a href=\"/children/%" PRId64 "/sen\">Back</a>"
	            "</p></article>",
	            w->id[0]);
	page_end(w);
	return 0;
}

/* ---- JSON ---- */

int api_child_sen(struct web *w)
{
	struct sen_view v;
	struct op_error e;
	json_t *doc, *plans, *list;
	int family;
	if (!readable(w, &family))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (audit_read(w->s, &w->who, family ? "sen.view.family" : "sen.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	if (core_sen_load(w->s, w->me.setting_id, w->id[0], date_today(w->setting.time_zone),
	                  family, w->a, &v, &e) != 0)
		return web_op_error(w, &e);
	doc = json_object();
	json_object_set_new(doc, "child_id", json_integer(w->id[0]));
	if (!family) {
		json_object_set_new(doc, "status", json_string(*v.status ? v.status : "none"));
		json_object_set_new(doc, "area_of_need", json_string(v.area));
		json_object_set_new(doc, "from_date", json_string(v.from));
		json_object_set_new(doc, "lsa_hours_per_week", json_real(v.lsa_total));
	}
	plans = json_array();
	for (size_t i = 0; i < v.nplans; i++) {
		const struct sen_plan_row *p = &v.plans[i];
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)p->id, "kind",
		                      p->kind, "created_on", p->created_on, "review_on",
		                      p->review_on, "targets", p->targets);
		if (!family) {
			json_object_set_new(o, "shared_with_family", json_boolean(p->shared));
			list = json_array();
			for (size_t k = 0; k < v.nreviews; k++)
				if (v.reviews[k].plan_id == p->id &&
				    strcmp(v.reviews[k].kind, "sen") == 0)
					json_array_append_new(
					    list, json_pack("{s:s, s:s, s:s}", "reviewed_on",
					                    v.reviews[k].on, "outcome",
					                    v.reviews[k].outcome, "next_review_on",
					                    v.reviews[k].next));
			json_object_set_new(o, "reviews", list);
		}
		json_array_append_new(plans, o);
	}
	json_object_set_new(doc, "plans", plans);
	if (!family) {
		list = json_array();
		for (size_t i = 0; i < v.nagencies; i++)
			json_array_append_new(
			    list,
			    json_pack("{s:s, s:s, s:s, s:s, s:b}", "agency", v.agencies[i].agency,
			              "contact_name", v.agencies[i].name, "phone",
			              v.agencies[i].phone, "email", v.agencies[i].email,
			              "consent_to_share", v.agencies[i].consent));
		json_object_set_new(doc, "agencies", list);
	}
	if (v.has_profile)
		json_object_set_new(doc, "one_page_profile",
		                    json_pack("{s:s, s:s, s:s}", "liked", v.liked, "important",
		                              v.important, "support", v.support));
	return web_json(w, 200, doc);
}
