/*
 * page_twoyear.c — the progress check at two (core_twoyear): GET /twoyear
 * lists the children due (24 to 35 months) and those turning two within
 * three months, with their key person and the check's state (a
 * practitioner sees their own key and buddy children); GET and POST
 * /children/:id/twoyear are the form (save the draft, or make it final);
 * GET /children/:id/twoyear/print the summary for the parents, laid out
 * for paper (print CSS); POST /children/:id/twoyear/share shares it with
 * the health visitor, refused without the family's consent.
 */
#include <inttypes.h>
#include <string.h>

#include "core_twoyear.h"
#include "page_family.h"
#include "page_records.h"

int page_twoyear_due(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct twoyear_due *d;
	struct op_error e;
	size_t n, shown = 0;
	int today = date_today(w->setting.time_zone);
	page_begin(w, "Progress checks at two");
	if (core_twoyear_due(w->s, w->me.setting_id, today, w->a, &d, &n, &e) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", e.msg);
		page_end(w);
		return 0;
	}
	html_raw(b,
	         "<p>Children between two and three are due their progress check; those "
	         "turning two in the next three months are listed ahead.</p>"
	         "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"twoyear-due\"><thead><tr>"
	         "<th scope=\"col\">Child</th><th scope=\"col\">Age</th>"
	         "<th scope=\"col\">Room</th><th scope=\"col\">Key person</th>"
	         "<th scope=\"col\">Check</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		if (!authz_child(w, d[i].child_id, CHILD_WRITE))
			continue;
		shown++;
		html_printf(b,
		            "<tr><th scope=\"row\"><a href=\"/children/%" PRId64
		            "/twoyear\">%s</a></th>"
		            "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		            d[i].child_id, d[i].child,
		            *d[i].review_on ? arena_printf(w->a,
		                                           "%d months; health visitor's review %s: "
		                                           "check by %s",
		                                           d[i].months, d[i].review_on, d[i].due_on)
		            : d[i].ahead    ? arena_printf(w->a, "turns two on %s", d[i].due_on)
		                            : arena_printf(w->a, "%d months", d[i].months),
		            d[i].room, *d[i].key_person ? d[i].key_person : "none",
		            *d[i].status ? d[i].status
		            : d[i].ahead ? "due soon"
		                         : "due: not started");
	}
	html_raw(b, "</tbody></table></div>");
	if (!shown)
		html_raw(b, "<p>Nobody is due a check.</p>");
	page_end(w);
	return 0;
}

static const struct {
	int level, text;
	const char *name;
} areas[] = {
    {TWOYEAR_CL_LEVEL, TWOYEAR_CL_TEXT, "Communication and Language"},
    {TWOYEAR_PD_LEVEL, TWOYEAR_PD_TEXT, "Physical Development"},
    {TWOYEAR_PSED_LEVEL, TWOYEAR_PSED_TEXT, "Personal, Social and Emotional Development"},
};

static const char *const level_values[] = {"expected", "less_than_expected", "above"};

/* The value of field i: as posted when re-showing a form, else as stored. */
static const char *value_of(struct web *w, const struct twoyear *t, int i, int posted)
{
	return posted ? web_field(w, core_twoyear_fields[i].name) : t->value[i];
}

static int twoyear_page(struct web *w, int64_t id, const char *name, int posted)
{
	struct buf *b = &w->resp->body;
	struct twoyear t;
	struct op_error e;
	int status = w->resp->status ? w->resp->status : 200;
	char today[DATE_LEN];
	buf_reset(b);
	w->resp->status = status;
	if (core_twoyear_latest(w->s, w->me.setting_id, id, w->a, &t, &e) != 0)
		return records_refuse(w, &e);
	page_begin(w, arena_printf(w->a, "Progress check at two: %s", name));
	records_child_links(w, id);
	records_alert(w);
	family_hv_review_staff(w, id); /* the review date schedules the check (issue 9) */
	if (t.id && strcmp(t.status, "final") == 0) {
		html_printf(
		    b,
		    "<p class=\"notice\">This check is final%s. <a href=\"/children/%" PRId64
		    "/twoyear/print\">The summary for the parents (print)</a></p>",
		    t.shared_at ? " and has been shared with the health visitor" : "", id);
		if (!t.shared_at) {
			html_printf(b,
			            "<form method=\"post\" action=\"/children/%" PRId64
			            "/twoyear/share\" class=\"card\">",
			            id);
			page_csrf(w);
			html_raw(b,
			         "<p>With the family's consent, the setting shares the check with "
			         "the health visitor for the review at two to two and a half.</p>"
			         "<button type=\"submit\">Share with the health "
			         "visitor</button></form>");
		}
		page_end(w);
		return 0;
	}
	date_format(date_today(w->setting.time_zone), today);
	html_printf(
	    b, "<form method=\"post\" action=\"/children/%" PRId64 "/twoyear\" class=\"card\">",
	    id);
	page_csrf(w);
	html_printf(b,
	            "<label for=\"date\">Date of the check</label><input type=\"date\" id=\"date\" "
	            "name=\"date\" value=\"%s\"",
	            *value_of(w, &t, TWOYEAR_DATE, posted) ? value_of(w, &t, TWOYEAR_DATE, posted)
	                                                   : today);
	day_invalid(w, "date");
	page_field_error(w, "date");
	for (size_t a = 0; a < ARRAY_LEN(areas); a++) {
		const char *lv = value_of(w, &t, areas[a].level, posted);
		const char *lname = core_twoyear_fields[areas[a].level].name;
		html_printf(b,
		            "<fieldset><legend>%s</legend><label for=\"%s\">Progress</label>"
		            "<select id=\"%s\" name=\"%s\"",
		            areas[a].name, lname, lname, lname);
		day_invalid(w, lname);
		for (size_t k = 0; k < ARRAY_LEN(level_values); k++)
			html_printf(b, "<option value=\"%s\"%s>%s</option>", level_values[k],
			            strcmp(lv, level_values[k]) == 0 ? " selected" : "",
			            core_twoyear_level_words(level_values[k]));
		html_raw(b, "</select>");
		page_field_error(w, lname);
		records_textarea(w, core_twoyear_fields[areas[a].text].name, "What we see",
		                 value_of(w, &t, areas[a].text, posted), 3);
		html_raw(b, "</fieldset>");
	}
	records_textarea(w, "strengths", "Strengths", value_of(w, &t, TWOYEAR_STRENGTHS, posted),
	                 3);
	records_textarea(w, "concerns", "Any area of less than expected progress",
	                 value_of(w, &t, TWOYEAR_CONCERNS, posted), 3);
	records_textarea(w, "strategies", "What the setting will do (and how the family can help)",
	                 value_of(w, &t, TWOYEAR_STRATEGIES, posted), 3);
	records_textarea(w, "parent_view", "The parents' view",
	                 value_of(w, &t, TWOYEAR_PARENT_VIEW, posted), 3);
	html_raw(b,
	         "<button type=\"submit\" name=\"action\" value=\"save\">Save the draft</button> "
	         "<button type=\"submit\" name=\"action\" value=\"final\">Make it final</button>"
	         "</form>");
	page_end(w);
	return 0;
}

static const char *child_or_404(struct web *w)
{
	const char *name = records_child_name(w, w->id[0]);
	if (!name || !authz_child(w, w->id[0], CHILD_WRITE))
		return NULL;
	return name;
}

int page_twoyear(struct web *w)
{
	const char *name = child_or_404(w);
	struct op_error e;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (audit_read(w->s, &w->who, "twoyear.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	return twoyear_page(w, w->id[0], name, 0);
}

int page_twoyear_save(struct web *w)
{
	const char *name = child_or_404(w);
	const char *raw[TWOYEAR__MAX];
	struct field_value v[TWOYEAR__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	for (int i = 0; i < TWOYEAR__MAX; i++)
		raw[i] = web_field(w, core_twoyear_fields[i].name);
	if (valid_record(core_twoyear_fields, TWOYEAR__MAX, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		records_field_error(w, &e);
		return twoyear_page(w, w->id[0], name, 1);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_twoyear_save(w->s, &w->who, w->id[0], w->me.staff_id, v,
	                      strcmp(web_field(w, "action"), "final") == 0, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		records_field_error(w, &e);
		return twoyear_page(w, w->id[0], name, 1);
	}
	return web_redirect(w, "/children/%" PRId64 "/twoyear", w->id[0]);
}

int page_twoyear_print(struct web *w)
{
	struct buf *b = &w->resp->body;
	const char *name = child_or_404(w);
	struct twoyear t;
	struct op_error e;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (core_twoyear_latest(w->s, w->me.setting_id, w->id[0], w->a, &t, &e) != 0)
		return records_refuse(w, &e);
	if (!t.id) {
		page_begin(w, arena_printf(w->a, "Progress check at two: %s", name));
		html_printf(b,
		            "<p>There is no progress check for %s yet. <a href=\"/children/%" PRId64
		            "/twoyear\">Write it</a></p>",
		            name, w->id[0]);
		page_end(w);
		return 0;
	}
	if (audit_read(w->s, &w->who, "twoyear.print", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, arena_printf(w->a, "Progress check at two: %s", name));
	html_printf(b,
	            "<article class=\"printable twoyear-summary\"><p>%s · %s · written by %s%s</p>",
	            w->setting.name, t.value[TWOYEAR_DATE], *t.staff ? t.staff : "the key person",
	            strcmp(t.status, "final") == 0 ? "" : " · DRAFT");
	for (size_t a = 0; a < ARRAY_LEN(areas); a++)
		html_printf(b, "<section><h2>%s</h2><p><strong>%s</strong></p><p>%s</p></section>",
		            areas[a].name, core_twoyear_level_words(t.value[areas[a].level]),
		            t.value[areas[a].text]);
	html_printf(b,
	            "<section><h2>Strengths</h2><p>%s</p></section>"
	            "<section><h2>Less than expected progress</h2><p>%s</p></section>"
	            "<section><h2>What we will do, and how you can help at home</h2><p>%s</p>"
	            "</section><section><h2>Your view</h2><p>%s</p></section>"
	            "<p class=\"muted\">You may share this summary with your health visitor for "
	            "your child's review at two to two and a half.</p>"
	            "<p class=\"noprint\"><a href=\"/children/%" PRId64 "/twoyear\">Back</a></p>"
	            "</article>",
	            *t.value[TWOYEAR_STRENGTHS] ? t.value[TWOYEAR_STRENGTHS] : "—",
	            *t.value[TWOYEAR_CONCERNS] ? t.value[TWOYEAR_CONCERNS] : "None.",
	            *t.value[TWOYEAR_STRATEGIES] ? t.value[TWOYEAR_STRATEGIES] : "—",
	            *t.value[TWOYEAR_PARENT_VIEW] ? t.value[TWOYEAR_PARENT_VIEW] : "—", w->id[0]);
	page_end(w);
	return 0;
}

int page_twoyear_share(struct web *w)
{
	const char *name = child_or_404(w);
	struct op_error e;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_twoyear_share(w->s, &w->who, w->id[0], date_today(w->setting.time_zone), &e) !=
	        0 ||
	    core_tx_commit(w->s, &e) != 0) {
		records_field_error(w, &e);
		return twoyear_page(w, w->id[0], name, 0);
	}
	return web_redirect(w, "/children/%" PRId64 "/twoyear", w->id[0]);
}
