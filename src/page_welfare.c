/*
 * page_welfare.c — the welfare patterns page and its thresholds (page_welfare.h).
 *
 * GET /welfare works the patterns out afresh (core_welfare.c) for today and
 * shows each person the sections that are theirs: absence (repeated,
 * prolonged, not followed up, each with a link to the child and, for a day
 * nobody followed up, to that day's follow-up form) for the manager and the
 * DSL; development below expected for the SENCo. The view is audited
 * ("welfare.view"). GET/POST /welfare/rules is the manager's form of the
 * thresholds: every field validated, a wrong one named beside the field
 * (422) and nothing saved.
 */
#include "page_welfare.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_allegation.h"
#include "core_welfare.h"
#include "date.h"

static void now_of(struct web *w, int *day, int *minute)
{
	date_local(time_now(), w->setting.time_zone, day, minute);
	*day = date_today(w->setting.time_zone); /* a pinned today (tests) wins */
}

static const char *day_text(struct web *w, int day)
{
	char d[DATE_LEN];
	date_format(day, d);
	return arena_strdup(w->a, d);
}

static void child_cell(struct web *w, const struct welfare_flag *f)
{
	html_printf(&w->resp->body,
	            "<tr><th scope=\"row\"><a href=\"/children/%" PRId64
	            "\">%s</a></th><td>%s</td>",
	            f->child_id, f->name, f->room);
}

/* One section of flags of one kind; the table's third column by kind. */
static void section(struct web *w, const struct welfare_flag *f, size_t n, enum welfare_kind kind,
                    const char *title, const char *intro, const char *column)
{
	struct buf *b = &w->resp->body;
	size_t shown = 0;
	html_printf(b, "<section id=\"%s\"><h2>%s</h2><p>%s</p>", core_welfare_kind_names[kind],
	            title, intro);
	for (size_t i = 0; i < n; i++) {
		if (f[i].kind != kind)
			continue;
		if (!shown++)
			html_printf(b,
			            "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
			            "<th scope=\"col\">Child</th><th scope=\"col\">Room</th>"
			            "<th scope=\"col\">%s</th></tr></thead><tbody>",
			            column);
		child_cell(w, &f[i]);
		switch (kind) {
		case WELFARE_REPEATED:
			html_printf(b, "<td>%d absences from %s to %s (%d unexplained)</td></tr>",
			            f[i].count, day_text(w, f[i].from), day_text(w, f[i].to),
			            f[i].unexplained);
			break;
		case WELFARE_PROLONGED:
			html_printf(
			    b, "<td>%d expected days absent, %s to %s (%d calendar days)</td></tr>",
			    f[i].count, day_text(w, f[i].from), day_text(w, f[i].to),
			    f[i].calendar_days);
			break;
		case WELFARE_NOT_FOLLOWED_UP:
			html_printf(b,
			            "<td>%s: expected, not signed in, no absence recorded. <a "
			            "href=\"/register/missing?date=%s#child-%" PRId64
			            "\">Follow it up</a></td></tr>",
			            day_text(w, f[i].from), day_text(w, f[i].from), f[i].child_id);
			break;
		case WELFARE_TWO_YEAR_CHECK:
			html_printf(b, "<td>Check at two on %s: less than expected in %s</td></tr>",
			            day_text(w, f[i].from), f[i].areas);
			break;
		case WELFARE_REVIEWS:
			html_printf(b,
			            "<td>Reviews of %s and %s: less than expected in %s both "
			            "times</td></tr>",
			            day_text(w, f[i].from), day_text(w, f[i].to), f[i].areas);
			break;
		case WELFARE_KIND__MAX:
			break;
		}
	}
	if (shown)
		html_raw(b, "</tbody></table></div>");
	else
		html_raw(b, "<p class=\"notice\">Nobody at the moment.</p>");
	html_raw(b, "</section>");
}

int page_welfare(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct welfare_rules rules;
	struct welfare_flag *f;
	struct op_error e;
	size_t n;
	int day, minute;
	if (!authz_welfare_absence(&w->me) && !authz_welfare_development(&w->me))
		return web_error(w, 403, "",
		                 "the welfare patterns are the manager's, the DSL's "
		                 "and the SENCo's");
	if (audit_read(w->s, &w->who, "welfare.view", 0, &e) != 0)
		return web_op_error(w, &e);
	now_of(w, &day, &minute);
	page_begin(w, "Welfare patterns");
	if (authz_welfare_absence(&w->me)) {
		if (core_welfare_rules_get(w->s, w->me.setting_id, &rules, &e) != 0 ||
		    core_welfare_absence(w->s, w->me.setting_id, day, minute, &rules, w->a, &f, &n,
		                         &e) != 0) {
			page_end(w);
			return web_op_error(w, &e);
		}
		html_printf(
		    b,
		    "<p>Absence, from the register's absence records, on %s. Repeated: "
		    "%d or more absences in %d weeks; prolonged: %d expected days in a row, "
		    "or absences spanning %d calendar days.",
		    day_text(w, day), rules.repeated_absences, rules.repeated_weeks,
		    rules.prolonged_days, rules.prolonged_calendar_days);
		if (authz_welfare_rules(&w->me))
			html_raw(b, " <a href=\"/welfare/rules\">Change the thresholds</a>");
		html_raw(b, "</p>");
		section(w, f, n, WELFARE_NOT_FOLLOWED_UP, "Absence not followed up",
		        "Days that are over on which the child was expected, did not come, and "
		        "nobody recorded why.",
		        "Day");
		section(w, f, n, WELFARE_REPEATED, "Repeated absence",
		        "Absences of any reason recorded in the window.", "Absences");
		section(w, f, n, WELFARE_PROLONGED, "Prolonged absence",
		        "Expected days in a row with an absence recorded.", "Absence");
	}
	if (authz_welfare_development(&w->me)) {
		if (core_welfare_development(w->s, w->me.setting_id, day, w->a, &f, &n, &e) != 0) {
			page_end(w);
			return web_op_error(w, &e);
		}
		html_raw(b, "<h2>Development below expected</h2>");
		section(w, f, n, WELFARE_TWO_YEAR_CHECK, "At the check at two",
		        "The latest check at two records a prime area (PSED, CL, PD) as less than "
		        "expected.",
		        "Check");
		section(
		    w, f, n, WELFARE_REVIEWS, "In two successive reviews",
		    "The two latest progress meetings that assessed a prime area both record it "
		    "as less than expected.",
		    "Reviews");
	}
	page_end(w);
	return 0;
}

void page_welfare_badge(struct web *w)
{
	struct welfare_rules rules;
	struct welfare_flag *f;
	struct op_error e;
	size_t n;
	int day, minute;
	int64_t overdue;
	if (!authz_welfare_absence(&w->me) && !authz_welfare_development(&w->me))
		return;
	now_of(w, &day, &minute);
	if (authz_welfare_absence(&w->me)) {
		if (core_welfare_rules_get(w->s, w->me.setting_id, &rules, &e) == 0 &&
		    core_welfare_absence(w->s, w->me.setting_id, day, minute, &rules, w->a, &f, &n,
		                         &e) == 0 &&
		    n > 0)
			html_printf(&w->resp->body,
			            "<p class=\"alert\"><a href=\"/welfare\"><strong>%zu absence "
			            "%s</strong></a> to look at.</p>",
			            n, n == 1 ? "pattern" : "patterns");
	}
	if (authz_welfare_development(&w->me) &&
	    core_welfare_development(w->s, w->me.setting_id, day, w->a, &f, &n, &e) == 0 && n > 0)
		html_printf(&w->resp->body,
		            "<p class=\"alert\"><a href=\"/welfare\"><strong>%zu %s below "
		            "expected</strong></a> in a prime area.</p>",
		            n, n == 1 ? "child" : "children");
	if (authz_allegation(w, 0) &&
	    (overdue = core_allegation_overdue(w->s, w->me.setting_id, w->me.staff_id, day)) > 0)
		html_printf(
		    &w->resp->body,
		    "<p class=\"alert\" role=\"alert\"><a href=\"/allegations\"><strong>%lld "
		    "Ofsted %s overdue</strong></a> (allegations against staff).</p>",
		    (long long)overdue, overdue == 1 ? "notification" : "notifications");
}

/* ---- the thresholds ---- */

static int rules_form(struct web *w, int status)
{
	struct buf *b = &w->resp->body;
	struct welfare_rules rules;
	struct op_error e;
	int now[WELFARE_RULE__MAX];
	w->resp->status = status;
	buf_reset(b);
	if (core_welfare_rules_get(w->s, w->me.setting_id, &rules, &e) != 0)
		return web_op_error(w, &e);
	now[WELFARE_REPEATED_ABSENCES] = rules.repeated_absences;
	now[WELFARE_REPEATED_WEEKS] = rules.repeated_weeks;
	now[WELFARE_PROLONGED_DAYS] = rules.prolonged_days;
	now[WELFARE_PROLONGED_CALENDAR_DAYS] = rules.prolonged_calendar_days;
	page_begin(w, "Welfare thresholds");
	html_raw(b, "<p>When absence is listed for the manager and the DSL on the <a "
	            "href=\"/welfare\">welfare patterns</a> page.</p>");
	if (status != 200)
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>",
		            w->field_error[1] ? w->field_error[1] : "Nothing was saved.");
	html_raw(b, "<form method=\"post\" action=\"/welfare/rules\">");
	page_csrf(w);
	for (int k = 0; k < WELFARE_RULE__MAX; k++) {
		const struct field_spec *fs = &core_welfare_rule_fields[k];
		const char *given = web_field(w, fs->name);
		char value[24];
		int bad = w->field_error[0] && strcmp(w->field_error[0], fs->name) == 0;
		if (status != 200)
			snprintf(value, sizeof value, "%s", given);
		else
			snprintf(value, sizeof value, "%d", now[k]);
		html_printf(
		    b,
		    "<label for=\"%s\">%s</label><input type=\"number\" id=\"%s\" name=\"%s\" "
		    "min=\"%ld\" max=\"%ld\" value=\"%s\"%s>",
		    fs->name, core_welfare_rule_labels[k], fs->name, fs->name, fs->min, fs->max,
		    value, bad ? " aria-invalid=\"true\"" : "");
		page_field_error(w, fs->name);
	}
	html_raw(b, "<button type=\"submit\">Save the thresholds</button></form>");
	page_end(w);
	return 0;
}

int page_welfare_rules(struct web *w)
{
	if (!authz_welfare_rules(&w->me))
		return web_error(w, 403, "", "the thresholds are the manager's");
	return rules_form(w, 200);
}

int page_welfare_rules_save(struct web *w)
{
	const char *raw[WELFARE_RULE__MAX];
	struct field_value v[WELFARE_RULE__MAX];
	struct field_error fe;
	struct op_error e;
	if (!authz_welfare_rules(&w->me))
		return web_error(w, 403, "", "the thresholds are the manager's");
	for (int k = 0; k < WELFARE_RULE__MAX; k++)
		raw[k] = web_field(w, core_welfare_rule_fields[k].name);
	if (valid_record(core_welfare_rule_fields, WELFARE_RULE__MAX, raw, v, w->a, &fe) != 0) {
		w->field_error[0] = arena_strdup(w->a, fe.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", fe.field, fe.msg);
		return rules_form(w, 422);
	}
	if (core_tx_begin(w->s, &e) != 0 || core_welfare_rules_set(w->s, &w->who, v, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/welfare");
}
