/*
 * page_contract.c — contracts, funded hours and parental feedback on the web
 * (page_contract.h). Staff pages are the manager's and in English; the
 * family's pages write every fixed word through portal_text.h in the
 * family's language. Reads of a child's contract are audited (audit_read);
 * writes go through core_contract.c in one transaction, then redirect; a
 * refused field re-renders the page with the error beside it (422).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core_contract.h"
#include "date.h"
#include "page_contract.h"
#include "page_portal.h"
#include "page_records.h"
#include "page_sen.h"

/* ---- words shared by both sides ---- */

/* The questions of the feedback form, as staff and families read them. */
static const struct {
	const char *staff;
	enum portal_msg msg;
} questions[FEEDBACK_Q] = {
    [FB_SETTLING] = {"Settling in", M_Q_SETTLING},
    [FB_KEY_PERSON] = {"Key person communication", M_Q_KEY_PERSON},
    [FB_LEARNING] = {"Learning shared", M_Q_LEARNING},
    [FB_FOOD] = {"Food", M_Q_FOOD},
    [FB_OVERALL] = {"Overall", M_Q_OVERALL},
};

static const struct {
	const char *code;
	enum portal_msg msg;
} kind_words[] = {
    {"2yo", M_FUND_2YO},        {"universal_15", M_FUND_U15}, {"working_30", M_FUND_W30},
    {"working_9m", M_FUND_W9M}, {"working_2", M_FUND_W2},
};

static const char *const weekdays[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
static const char *const season_staff[TERM__MAX] = {"Spring term", "Summer term", "Autumn term"};
static const enum portal_msg season_msg[TERM__MAX] = {M_TERM_SPRING, M_TERM_SUMMER, M_TERM_AUTUMN};

/* Minutes as hours: "12", "7.5". */
static const char *hours(struct web *w, int minutes)
{
	if (minutes % 60 == 0)
		return arena_printf(w->a, "%d", minutes / 60);
	return arena_printf(w->a, "%d.%d", minutes / 60, (minutes % 60) * 10 / 60);
}

static const char *money(struct web *w, int64_t pence)
{
	return arena_printf(w->a, "£%lld.%02lld", (long long)(pence / 100),
	                    (long long)(pence % 100));
}

static int today_of(struct web *w)
{
	return date_today(w->setting.time_zone);
}

static const char *term_staff(struct web *w, int term)
{
	int y, m, d;
	date_to_ymd(term, &y, &m, &d);
	return arena_printf(w->a, "%s %d", season_staff[core_contract_term_season(term)], y);
}

/* ---- the manager's pages ---- */

void contract_staff_link(struct web *w, int64_t child_id)
{
	if (authz_contract_manage(w, child_id))
		html_printf(&w->resp->body,
		            "<p class=\"noprint\"><a href=\"/children/%" PRId64
		            "/contract\">Contract and funding</a></p>",
		            child_id);
}

static int by_review(const void *x, const void *y)
{
	const struct contract_roll *p = x, *q = y;
	int c = strcmp(p->review_on, q->review_on);
	return c ? c : strcmp(p->name, q->name);
}

int page_contracts(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct contract_roll *r, *due_first;
	struct op_error e;
	size_t n;
	int due, overdue;
	if (!authz_contract_overview(&w->me))
		return web_error(w, 403, "", "contracts are the manager's");
	if (core_contract_roll(w->s, w->me.setting_id, today_of(w), w->a, &r, &n, &due, &overdue,
	                       &e) != 0)
		return web_op_error(w, &e);
	due_first = arena_alloc(w->a, (n + 1) * sizeof *due_first);
	if (n)
		memcpy(due_first, r, n * sizeof *due_first);
	page_begin(w, "Contracts and funding");
	html_printf(b,
	            "<p>Contract reviews: %d overdue, %d due in the next %d days. "
	            "<a href=\"/feedback\">Parental feedback</a></p>"
	            "<h2>Reviews due</h2>",
	            overdue, due, CONTRACT_REVIEW_AHEAD_DAYS);
	if (!due && !overdue)
		html_raw(b, "<p>No contract review is due.</p>");
	else
		html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"reviews-due\">"
		            "<thead><tr><th scope=\"col\">Child</th><th scope=\"col\">Room</th>"
		            "<th scope=\"col\">Review</th></tr></thead><tbody>");
	qsort(due_first, n, sizeof *due_first, by_review);
	for (int pass = 0; pass < 2; pass++)
		for (size_t j = 0; j < n; j++)
			if (pass ? due_first[j].due : due_first[j].overdue)
				html_printf(b,
				            "<tr%s><th scope=\"row\"><a href=\"/children/%" PRId64
				            "/contract\">%s</a></th><td>%s</td><td>%s%s</td></tr>",
				            due_first[j].overdue ? " class=overdue" : "",
				            due_first[j].child_id, due_first[j].name,
				            due_first[j].room, due_first[j].review_on,
				            due_first[j].overdue ? " (overdue)" : "");
	if (due || overdue)
		html_raw(b, "</tbody></table></div>");
	html_raw(b, "<h2>Every child on roll</h2><div class=\"table-wrap\" tabindex=\"0\">"
	            "<table class=\"contracts\"><thead><tr><th scope=\"col\">Child</th>"
	            "<th scope=\"col\">Room</th><th scope=\"col\">Fees</th>"
	            "<th scope=\"col\">Funding</th><th scope=\"col\">Next review</th></tr></thead>"
	            "<tbody>");
	for (size_t i = 0; i < n; i++)
		html_printf(
		    b,
		    "<tr><th scope=\"row\"><a href=\"/children/%" PRId64
		    "/contract\">%s</a></th><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		    r[i].child_id, r[i].name, r[i].room,
		    *r[i].basis ? r[i].basis : "no contract yet",
		    *r[i].funding ? r[i].funding : "none", r[i].review_on);
	html_raw(b, "</tbody></table></div>");
	page_end(w);
	return 0;
}

static void weeks_table_staff(struct web *w, int64_t child_id, int start_day)
{
	struct buf *b = &w->resp->body;
	int monday = today_of(w) - date_weekday(today_of(w));
	html_raw(b, "<h2 id=\"weeks\">Funded and attended hours</h2>"
	            "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"funded-weeks\"><thead>"
	            "<tr><th scope=\"col\">Week of</th><th scope=\"col\">Funding</th>"
	            "<th scope=\"col\">Funded</th><th scope=\"col\">Booked</th>"
	            "<th scope=\"col\">Attended</th><th scope=\"col\">Funded hours unused</th>"
	            "<th scope=\"col\">Beyond the funding</th></tr></thead><tbody>");
	for (int k = 0; k < CONTRACT_WEEKS_SHOWN; k++) {
		struct funding_week fw;
		struct op_error e;
		char d[DATE_LEN];
		if (monday - 7 * k + 6 < start_day ||
		    core_contract_week(w->s, w->me.setting_id, child_id, monday - 7 * k,
		                       w->setting.time_zone, &fw, &e) != 0)
			continue;
		date_format(fw.monday, d);
		html_printf(b,
		            "<tr><th scope=\"row\">%s%s</th><td>%s</td><td>%s</td><td>%s</td>"
		            "<td>%s%s</td><td>%s</td><td>%s</td></tr>",
		            d, k ? "" : " (so far)", *fw.kind ? fw.kind : "none",
		            hours(w, fw.funded_minutes), hours(w, fw.booked_minutes),
		            hours(w, fw.attended_minutes),
		            fw.open_entries ? " (a sign-in with no sign-out)" : "",
		            hours(w, core_contract_unused(&fw)),
		            hours(w, core_contract_beyond(&fw)));
	}
	html_raw(b, "</tbody></table></div>");
}

static int child_page(struct web *w, int audit)
{
	struct buf *b = &w->resp->body;
	struct contract_view v;
	struct funding_kind *kinds;
	struct op_error e;
	size_t nk;
	int today = today_of(w);
	char d[DATE_LEN];
	const char *fee = "";
	if (!authz_contract_manage(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (core_contract_load(w->s, w->me.setting_id, w->id[0], w->a, &v, &e) != 0 ||
	    core_contract_kinds(w->s, w->a, &kinds, &nk, &e) != 0)
		return records_refuse(w, &e);
	if (audit && audit_read(w->s, &w->who, "contract.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	date_format(today, d);
	page_begin(w, arena_printf(w->a, "Contract and funding: %s", v.name));
	records_alert(w);
	html_printf(b, "<p>Born %s. <a href=\"/children/%" PRId64 "\">The child's page</a></p>",
	            v.dob, v.child_id);
	html_raw(b, "<h2>Contract</h2>");
	if (v.has_contract) {
		fee = arena_printf(w->a, "%lld.%02lld", (long long)(v.fee_pence / 100),
		                   (long long)(v.fee_pence % 100));
		html_printf(
		    b,
		    "<dl class=\"contract\"><dt>Start</dt><dd>%s</dd><dt>Signed</dt><dd>%s</dd>"
		    "<dt>Fees</dt><dd>%s%s%s</dd><dt>Next review</dt><dd%s>%s%s</dd>"
		    "<dt>Last reviewed</dt><dd>%s</dd></dl>",
		    v.start, *v.signed_on ? v.signed_on : "not signed yet",
		    strcmp(v.basis, "funded") == 0 ? "funded hours only" : money(w, v.fee_pence),
		    strcmp(v.basis, "funded") == 0 ? "" : " per ",
		    strcmp(v.basis, "funded") == 0 ? "" : v.basis,
		    strcmp(v.review_on, d) < 0 ? " class=overdue" : "", v.review_on,
		    strcmp(v.review_on, d) < 0 ? " (overdue)" : "",
		    *v.reviewed_on ? v.reviewed_on : "not yet");
		if (*v.notes)
			sen_lines(w, v.notes);
	} else {
		html_raw(b, "<p>No contract yet.</p>");
	}
	html_raw(b, "<h3>Sessions booked each week (the attendance pattern)</h3><ul>");
	for (size_t i = 0; i < v.nsessions; i++) {
		char a[TIME_LEN], l[TIME_LEN];
		time_format(v.sessions[i].arrive, a);
		time_format(v.sessions[i].leave, l);
		html_printf(b, "<li>%s %s–%s</li>", weekdays[v.sessions[i].weekday % 7], a, l);
	}
	html_printf(b, "</ul><p>%s hours a week booked.</p>", hours(w, v.booked_minutes));
	sen_form_begin(w, arena_printf(w->a, "/children/%" PRId64 "/contract", v.child_id),
	               "contract", v.has_contract ? "Change the contract" : "Record the contract");
	sen_input(w, "contract", "start_date", "Start date", "date", v.start);
	sen_input(w, "contract", "signed_on", "Signed on", "date", v.signed_on);
	sen_select(w, "contract", "fee_basis", "Fees", &core_contract_fields[CONTRACT_BASIS],
	           *v.basis ? v.basis : "hour");
	sen_input(w, "contract", "fee", "Fee (£, per hour or per session)", "text", fee);
	sen_input(w, "contract", "review_on", "Review on (a year after signing unless given)",
	          "date", v.review_on);
	sen_textarea(w, "contract", "notes", "Notes");
	sen_form_end(w, "Save the contract");
	if (v.has_contract) {
		sen_form_begin(
		    w, arena_printf(w->a, "/children/%" PRId64 "/contract/review", v.child_id),
		    "review", "Record a review");
		sen_input(w, "review", "reviewed_on", "Reviewed on", "date", d);
		sen_form_end(w, "The contract was reviewed");
	}
	html_raw(b, "<h2>Funded place</h2>");
	if (!v.nfunding)
		html_raw(b, "<p>No funding recorded.</p>");
	else
		html_raw(b, "<ul class=\"funding\">");
	for (size_t i = 0; i < v.nfunding; i++)
		html_printf(b, "<li>%s: %d hours a week from %s (recorded %s%s%s)</li>",
		            v.funding[i].name, v.funding[i].hours, v.funding[i].starts_on,
		            v.funding[i].recorded_on, *v.funding[i].code ? ", code " : "",
		            v.funding[i].code);
	if (v.nfunding)
		html_raw(b, "</ul>");
	sen_form_begin(w, arena_printf(w->a, "/children/%" PRId64 "/funding", v.child_id),
	               "funding", "Record eligibility");
	html_raw(b, "<label for=\"funding-kind\">Kind</label><select id=\"funding-kind\" "
	            "name=\"kind\"");
	day_invalid(w, "kind");
	for (size_t i = 0; i < nk; i++)
		html_printf(
		    b, "<option value=\"%s\">%s: %d hours a week, from %d to %d months</option>",
		    kinds[i].code, kinds[i].name, kinds[i].hours, kinds[i].from_months,
		    kinds[i].to_months);
	html_raw(b, "</select>");
	page_field_error(w, "kind");
	sen_input(w, "funding", "eligibility_code", "Eligibility code (working parents)", "text",
	          "");
	sen_form_end(w, "Record the funding");
	weeks_table_staff(w, v.child_id, v.start_day);
	page_end(w);
	return 0;
}

int page_child_contract(struct web *w)
{
	return child_page(w, 1);
}

static int rerender(struct web *w)
{
	int status = w->resp->status;
	buf_reset(&w->resp->body);
	if (status == 404)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	child_page(w, 0);
	w->resp->status = status;
	return 0;
}

static int save_contract(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_contract_save(w->s, &w->who, w->id[0], v, e);
}

int page_child_contract_save(struct web *w)
{
	if (!authz_contract_manage(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (sen_post(w, core_contract_fields, CONTRACT__MAX, save_contract) != 0)
		return rerender(w);
	return web_redirect(w, "/children/%" PRId64 "/contract", w->id[0]);
}

static int save_review(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_contract_review(w->s, &w->who, w->id[0], (int)v[0].i, e);
}

int page_child_contract_review(struct web *w)
{
	if (!authz_contract_manage(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (sen_post(w, &core_contract_reviewed_field, 1, save_review) != 0)
		return rerender(w);
	return web_redirect(w, "/children/%" PRId64 "/contract", w->id[0]);
}

static int save_funding(struct web *w, const struct field_value *v, struct op_error *e)
{
	int64_t id;
	return core_contract_funding_add(w->s, &w->who, w->id[0], v, today_of(w), &id, e);
}

int page_child_funding_add(struct web *w)
{
	if (!authz_contract_manage(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (sen_post(w, core_funding_fields, FUNDING__MAX, save_funding) != 0)
		return rerender(w);
	return web_redirect(w, "/children/%" PRId64 "/contract", w->id[0]);
}

static int summary_page(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct feedback_summary f;
	struct op_error e;
	int term = core_contract_term_of(today_of(w)), asked;
	const char *t = web_field(w, "term");
	if (*t && date_parse(t, &asked) == 0)
		term = core_contract_term_of(asked);
	if (core_feedback_summary(w->s, w->me.setting_id, term, w->a, &f, &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, arena_printf(w->a, "Parental feedback: %s", term_staff(w, term)));
	records_alert(w);
	html_raw(b, "<p>Terms with answers:");
	for (size_t i = 0; i < f.nterms; i++) {
		char d[DATE_LEN];
		date_format(f.terms[i], d);
		html_printf(b, " <a href=\"/feedback?term=%s\">%s</a>", d,
		            term_staff(w, f.terms[i]));
	}
	html_printf(b, "%s</p><p class=\"feedback-count\">%d of %d families answered.</p>",
	            f.nterms ? "" : " none yet", f.count, f.families);
	if (f.count) {
		html_raw(
		    b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"feedback\"><thead>"
		       "<tr><th scope=\"col\">Question</th><th scope=\"col\">Average (1–5)</th>"
		       "<th scope=\"col\">1</th><th scope=\"col\">2</th><th scope=\"col\">3</th>"
		       "<th scope=\"col\">4</th><th scope=\"col\">5</th></tr></thead><tbody>");
		for (int q = 0; q < FEEDBACK_Q; q++)
			html_printf(
			    b,
			    "<tr><th scope=\"row\">%s</th><td>%.1f</td><td>%d</td><td>%d</td>"
			    "<td>%d</td><td>%d</td><td>%d</td></tr>",
			    questions[q].staff, f.average[q], f.spread[q][0], f.spread[q][1],
			    f.spread[q][2], f.spread[q][3], f.spread[q][4]);
		html_raw(b, "</tbody></table></div>");
	}
	html_printf(b, "<h2>Comments</h2><p>%s</p><ul class=\"feedback-comments\">",
	            f.anonymous ? "Anonymous: the families' names are not shown."
	                        : "Named: each comment with the family's name.");
	for (size_t i = 0; i < f.ncomments; i++)
		html_printf(b, "<li>%s%s%s</li>", f.comments[i].text, f.anonymous ? "" : " — ",
		            f.comments[i].family);
	html_printf(b, "</ul>%s", f.ncomments ? "" : "<p>No comments.</p>");
	sen_form_begin(w, "/feedback/settings", "settings", "How the summary shows families");
	html_printf(
	    b,
	    "<p class=\"check\"><input type=\"radio\" id=\"summaries-anonymous\" "
	    "name=\"summaries\" value=\"anonymous\"%s><label for=\"summaries-anonymous\">"
	    "Anonymous: no family names</label></p><p class=\"check\"><input type=\"radio\" "
	    "id=\"summaries-named\" name=\"summaries\" value=\"named\"%s><label "
	    "for=\"summaries-named\">Named: each comment with the family's name (families "
	    "are told)</label></p>",
	    f.anonymous ? " checked" : "", f.anonymous ? "" : " checked");
	page_field_error(w, "summaries");
	sen_form_end(w, "Save");
	page_end(w);
	return 0;
}

int page_feedback_summary(struct web *w)
{
	if (!authz_feedback_summary(&w->me))
		return web_error(w, 403, "", "the feedback summary is the manager's");
	return summary_page(w);
}

static const char *const summaries[] = {"anonymous", "named", NULL};
static const struct field_spec summaries_field = {"summaries", F_ENUM, 1, 0, 0, summaries};

static int save_summaries(struct web *w, const struct field_value *v, struct op_error *e)
{
	return core_feedback_set_anonymous(w->s, &w->who, strcmp(v[0].s, "anonymous") == 0, e);
}

int page_feedback_settings(struct web *w)
{
	int status;
	if (!authz_feedback_summary(&w->me))
		return web_error(w, 403, "", "the feedback summary is the manager's");
	if (sen_post(w, &summaries_field, 1, save_summaries) == 0)
		return web_redirect(w, "/feedback");
	status = w->resp->status;
	buf_reset(&w->resp->body);
	summary_page(w);
	w->resp->status = status;
	return 0;
}

/* ---- the family's pages ---- */

struct fam {
	struct web *w;
	struct buf *b;
	enum portal_lang l;
};

#define T(f, m) portal_text((f)->l, (m))

static void fam_init(struct fam *f, struct web *w)
{
	f->w = w;
	f->b = &w->resp->body;
	f->l = portal_lang_me(w);
}

/* "1 September 2026" / "1 września 2026" */
static const char *fam_date(struct fam *f, const char *date)
{
	static const enum portal_msg month[12] = {M_JAN, M_FEB, M_MAR, M_APR, M_MAY, M_JUN,
	                                          M_JUL, M_AUG, M_SEP, M_OCT, M_NOV, M_DEC};
	int day, y, m, d;
	if (date_parse(date, &day) != 0)
		return date;
	date_to_ymd(day, &y, &m, &d);
	return arena_printf(f->w->a, "%d %s %d", d, T(f, month[(m - 1) % 12]), y);
}

static const char *fam_kind(struct fam *f, const char *code, const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(kind_words); i++)
		if (strcmp(code, kind_words[i].code) == 0)
			return T(f, kind_words[i].msg);
	return name;
}

void contract_portal_child_link(struct web *w, int64_t child_id)
{
	struct fam f;
	if (!authz_contract_family(w, child_id))
		return;
	fam_init(&f, w);
	html_printf(f.b,
	            "<p class=\"contract-link\"><a href=\"/family/children/%" PRId64
	            "/contract\">%s</a></p>",
	            child_id, T(&f, M_CONTRACT_LINK));
}

void contract_portal_feedback_link(struct web *w)
{
	struct fam f;
	if (!authz_feedback_family(w))
		return;
	fam_init(&f, w);
	html_printf(f.b, "<p class=\"feedback-link\"><a href=\"/family/feedback\">%s</a></p>",
	            T(&f, M_FEEDBACK_LINK));
}

int page_portal_contract(struct web *w)
{
	static const enum portal_msg wd[7] = {M_MON, M_TUE, M_WED, M_THU, M_FRI, M_SAT, M_SUN};
	struct contract_view v;
	struct op_error e;
	struct fam f;
	int monday = today_of(w) - date_weekday(today_of(w));
	if (!authz_contract_family(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	if (core_contract_load(w->s, w->me.setting_id, w->id[0], w->a, &v, &e) != 0)
		return web_op_error(w, &e);
	if (audit_read(w->s, &w->who, "portal.contract.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	fam_init(&f, w);
	portal_begin(w, arena_printf(w->a, "%s: %s", T(&f, M_CONTRACT_LINK), v.name));
	html_printf(f.b, "<h2>%s</h2>", T(&f, M_CONTRACT));
	if (!v.has_contract) {
		html_printf(f.b, "<p>%s</p>", T(&f, M_CONTRACT_NONE));
	} else {
		const char *fees =
		    strcmp(v.basis, "funded") == 0 ? T(&f, M_FEE_FUNDED)
		    : strcmp(v.basis, "session") == 0
		        ? arena_printf(w->a, "%s %s", money(w, v.fee_pence), T(&f, M_FEE_SESSION))
		        : arena_printf(w->a, "%s %s", money(w, v.fee_pence), T(&f, M_FEE_HOUR));
		html_printf(f.b,
		            "<dl class=\"contract\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
		            "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
		            T(&f, M_CONTRACT_START), fam_date(&f, v.start),
		            T(&f, M_CONTRACT_SIGNED),
		            *v.signed_on ? fam_date(&f, v.signed_on) : T(&f, M_CONTRACT_NOT_SIGNED),
		            T(&f, M_CONTRACT_FEES), fees, T(&f, M_CONTRACT_REVIEW),
		            fam_date(&f, v.review_on));
	}
	html_printf(f.b, "<h3>%s</h3><ul>", T(&f, M_CONTRACT_SESSIONS));
	for (size_t i = 0; i < v.nsessions; i++) {
		char a[TIME_LEN], l[TIME_LEN];
		time_format(v.sessions[i].arrive, a);
		time_format(v.sessions[i].leave, l);
		html_printf(f.b, "<li>%s %s–%s</li>", T(&f, wd[v.sessions[i].weekday % 7]), a, l);
	}
	html_printf(f.b, "</ul><p>%s %s</p><h2>%s</h2>", hours(w, v.booked_minutes),
	            T(&f, M_HOURS_A_WEEK), T(&f, M_FUNDING));
	if (!v.nfunding)
		html_printf(f.b, "<p>%s</p>", T(&f, M_FUNDING_NONE));
	for (size_t i = 0; i < v.nfunding; i++)
		html_printf(f.b, "<p class=\"funding\">%s: %d %s, %s %s</p>",
		            fam_kind(&f, v.funding[i].kind, v.funding[i].name), v.funding[i].hours,
		            T(&f, M_HOURS_A_WEEK), T(&f, M_FUNDING_FROM),
		            fam_date(&f, v.funding[i].starts_on));
	if (v.nfunding) {
		html_printf(
		    f.b,
		    "<h3>%s</h3><div class=\"table-wrap\" tabindex=\"0\"><table "
		    "class=\"funded-weeks\"><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    T(&f, M_FUNDING_WEEKS), T(&f, M_WEEK_OF), T(&f, M_FUNDED), T(&f, M_ATTENDED),
		    T(&f, M_UNUSED), T(&f, M_BEYOND));
		for (int k = 0; k < CONTRACT_WEEKS_SHOWN; k++) {
			struct funding_week fw;
			char d[DATE_LEN];
			if (monday - 7 * k + 6 < v.start_day ||
			    core_contract_week(w->s, w->me.setting_id, v.child_id, monday - 7 * k,
			                       w->setting.time_zone, &fw, &e) != 0)
				continue;
			date_format(fw.monday, d);
			html_printf(
			    f.b,
			    "<tr><th scope=\"row\">%s%s%s</th><td>%s</td><td>%s</td><td>%s</td>"
			    "<td>%s</td></tr>",
			    fam_date(&f, d), k ? "" : " ", k ? "" : T(&f, M_SO_FAR),
			    hours(w, fw.funded_minutes), hours(w, fw.attended_minutes),
			    hours(w, core_contract_unused(&fw)),
			    hours(w, core_contract_beyond(&fw)));
		}
		html_raw(f.b, "</tbody></table></div>");
	}
	html_printf(f.b, "<p><a href=\"/family/children/%" PRId64 "\">%s</a></p>", v.child_id,
	            T(&f, M_OBS_BACK));
	html_raw(f.b, "</main></body></html>\n");
	return 0;
}

static int feedback_page(struct web *w, int64_t family)
{
	struct fam f;
	int rating[FEEDBACK_Q], term = core_contract_term_of(today_of(w)), y, m, d;
	int bad = w->resp->status >= 400;
	const char *comment;
	fam_init(&f, w);
	core_feedback_get(w->s, w->me.setting_id, family, term, w->a, rating, &comment);
	date_to_ymd(term, &y, &m, &d);
	portal_begin(w, arena_printf(w->a, "%s: %s %d", T(&f, M_FEEDBACK),
	                             T(&f, season_msg[core_contract_term_season(term)]), y));
	if (bad) {
		const char *field = w->field_error[0] ? w->field_error[0] : "";
		enum portal_msg which = M_FEEDBACK_COMMENT;
		for (int q = 0; q < FEEDBACK_Q; q++)
			if (strcmp(field, core_feedback_fields[q].name) == 0)
				which = questions[q].msg;
		html_printf(f.b,
		            "<div class=\"alert\" role=\"alert\"><h2>%s</h2><p>%s</p>"
		            "<p><a href=\"#q-%s\">%s</a></p></div>",
		            T(&f, M_ERR_TITLE), T(&f, M_FEEDBACK_BAD), field, T(&f, which));
	}
	if (strcmp(web_field(w, "done"), "feedback") == 0)
		html_printf(f.b, "<p class=\"notice\" role=\"status\">%s</p>",
		            T(&f, M_FEEDBACK_THANKS));
	html_printf(f.b,
	            "<p>%s</p><p>%s</p><form method=\"post\" action=\"/family/feedback\" "
	            "class=\"card feedback-form\">",
	            T(&f, M_FEEDBACK_INTRO),
	            core_feedback_anonymous(w->s, w->me.setting_id) ? T(&f, M_FEEDBACK_ANON)
	                                                            : T(&f, M_FEEDBACK_NAMED));
	page_csrf(w);
	for (int q = 0; q < FEEDBACK_Q; q++) {
		const char *name = core_feedback_fields[q].name;
		const char *posted = bad ? web_field(w, name) : "";
		html_printf(f.b, "<fieldset id=\"q-%s\"><legend>%s</legend><p class=\"rating\">",
		            name, T(&f, questions[q].msg));
		for (int r = 1; r <= 5; r++) {
			int on = bad ? posted[0] == '0' + r && !posted[1] : rating[q] == r;
			html_printf(f.b,
			            "<input type=\"radio\" id=\"%s-%d\" name=\"%s\" value=\"%d\"%s>"
			            "<label for=\"%s-%d\">%d%s%s</label> ",
			            name, r, name, r, on ? " checked" : "", name, r, r,
			            r == 1   ? " "
			            : r == 5 ? " "
			                     : "",
			            r == 1   ? T(&f, M_RATING_POOR)
			            : r == 5 ? T(&f, M_RATING_EXCELLENT)
			                     : "");
		}
		html_raw(f.b, "</p></fieldset>");
	}
	html_printf(f.b,
	            "<label for=\"comment\">%s</label><textarea id=\"comment\" name=\"comment\" "
	            "rows=\"4\" maxlength=\"2000\">%s</textarea><p><button type=\"submit\">%s"
	            "</button></p></form><p><a href=\"/family\">%s</a></p>",
	            T(&f, M_FEEDBACK_COMMENT), bad ? web_field(w, "comment") : comment,
	            T(&f, M_FEEDBACK_SEND), T(&f, M_BACK));
	html_raw(f.b, "</main></body></html>\n");
	return 0;
}

int page_portal_feedback(struct web *w)
{
	int64_t family = authz_feedback_family(w);
	if (!family)
		return web_error(w, 404, "", "there is no family to answer for");
	return feedback_page(w, family);
}

int page_portal_feedback_save(struct web *w)
{
	const char *raw[FB__MAX];
	struct field_value v[FB__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t family = authz_feedback_family(w);
	int replaced;
	if (!family)
		return web_error(w, 404, "", "there is no family to answer for");
	for (int i = 0; i < FB__MAX; i++)
		raw[i] = web_field(w, core_feedback_fields[i].name);
	if (valid_record(core_feedback_fields, FB__MAX, raw, v, w->a, &fe) != 0) {
		w->resp->status = 422;
		w->field_error[0] = arena_strdup(w->a, fe.field);
		w->field_error[1] = arena_strdup(w->a, fe.msg);
		return feedback_page(w, family);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_feedback_save(w->s, &w->who, family, authz_portal_own_contact(&w->me),
	                       core_contract_term_of(today_of(w)), v, &replaced, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/family/feedback?done=feedback");
}
