/*
 * page_meeting.c — progress meetings (core_meeting): GET /meetings lists
 * the meetings still to be held of the children one writes for; GET
 * /children/:id/meetings a child's meetings (what was agreed last time,
 * to review) with the form to schedule the next one, offered at the
 * family's preferred method and time; POST schedules it; POST
 * /children/:id/meetings/:id records the notes, next steps and targets.
 */
#include <inttypes.h>
#include <string.h>

#include "core_meeting.h"
#include "page_records.h"
#include "core_twoyear.h"
#include "core_welfare.h"

/* issue 8: a review records the child's level in each prime area (optional) */
static const char *const review_areas[][2] = {
    {"psed_level", "Personal, social and emotional"},
    {"cl_level", "Communication and language"},
    {"pd_level", "Physical development"},
};

static void review_levels(struct web *w, int64_t meeting)
{
	struct buf *b = &w->resp->body;
	html_raw(b, "<fieldset><legend>Progress in the prime areas (optional)</legend>");
	for (size_t k = 0; k < ARRAY_LEN(review_areas); k++) {
		html_printf(b,
		            "<label for=\"%s%" PRId64 "\">%s</label><select id=\"%s%" PRId64
		            "\" name=\"%s\">",
		            review_areas[k][0], meeting, review_areas[k][1], review_areas[k][0],
		            meeting, review_areas[k][0]);
		for (const char *const *l = core_welfare_levels; *l; l++)
			html_printf(b, "<option value=\"%s\">%s</option>", *l,
			            **l ? core_twoyear_level_words(*l) : "Not assessed");
		html_raw(b, "</select>");
	}
	html_raw(b, "</fieldset>");
}

static int levels_given(struct web *w)
{
	for (size_t k = 0; k < ARRAY_LEN(review_areas); k++)
		if (*web_field(w, review_areas[k][0]))
			return 1;
	return 0;
}

static const char *const weekdays[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

static const char *when(struct web *w, int64_t at)
{
	char d[DATE_LEN], t[TIME_LEN];
	int day, minute;
	date_local(at, w->setting.time_zone, &day, &minute);
	date_format(day, d);
	time_format(minute, t);
	return arena_printf(w->a, "%s %s %s", weekdays[date_weekday(day)], d, t);
}

static const char *method_words(const char *m)
{
	return strcmp(m, "phone") == 0   ? "by phone"
	       : strcmp(m, "video") == 0 ? "by video"
	                                 : "in person";
}

int page_meetings(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct meeting *m;
	struct op_error e;
	size_t n, shown = 0;
	page_begin(w, "Progress meetings");
	if (core_meeting_list(w->s, w->me.setting_id, 0, time_now() - 12 * 3600, 1, w->a, &m, &n,
	                      &e) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", e.msg);
		page_end(w);
		return 0;
	}
	html_raw(b, "<h2 id=\"upcoming\">Coming up</h2><ul class=\"meetings\">");
	for (size_t i = 0; i < n; i++) {
		if (!authz_child(w, m[i].child_id, CHILD_WRITE))
			continue;
		shown++;
		html_printf(
		    b, "<li><a href=\"/children/%" PRId64 "/meetings\">%s</a>: %s, %s%s%s%s%s</li>",
		    m[i].child_id, m[i].child, when(w, m[i].at), method_words(m[i].method),
		    *m[i].with ? " with " : "", m[i].with, *m[i].staff ? ", " : "", m[i].staff);
	}
	html_raw(b, "</ul>");
	if (!shown)
		html_raw(b, "<p>No meetings scheduled.</p>");
	page_end(w);
	return 0;
}

static int meetings_page(struct web *w, int64_t id, const char *name)
{
	struct buf *b = &w->resp->body;
	struct meeting *m;
	struct op_error e;
	const char *method, *time, *with;
	size_t n;
	int status = w->resp->status ? w->resp->status : 200;
	buf_reset(b);
	w->resp->status = status;
	page_begin(w, arena_printf(w->a, "Progress meetings: %s", name));
	records_child_links(w, id);
	records_alert(w);
	if (core_meeting_list(w->s, w->me.setting_id, id, 0, 0, w->a, &m, &n, &e) != 0)
		return records_refuse(w, &e);
	for (size_t i = 0; i < n; i++) {
		html_printf(b, "<section class=\"card meeting\"><h2>%s, %s</h2><p>%s%s%s%s</p>",
		            when(w, m[i].at), method_words(m[i].method), m[i].status,
		            *m[i].with ? " — with " : "", m[i].with,
		            m[i].reviews_id ? " — reviews the last meeting's targets" : "");
		if (strcmp(m[i].status, "held") == 0) {
			html_printf(
			    b,
			    "<p><strong>Notes:</strong> %s</p><p><strong>Next steps:</strong> "
			    "%s</p><p><strong>Targets:</strong> %s</p></section>",
			    m[i].notes, m[i].next_steps, m[i].targets);
			continue;
		}
		if (strcmp(m[i].status, "scheduled") != 0) {
			html_raw(b, "</section>");
			continue;
		}
		html_printf(b,
		            "<form method=\"post\" action=\"/children/%" PRId64 "/meetings/%" PRId64
		            "\">",
		            id, m[i].id);
		page_csrf(w);
		html_printf(
		    b,
		    "<label for=\"notes%" PRId64 "\">Notes</label><textarea id=\"notes%" PRId64
		    "\" name=\"notes\" rows=\"3\"></textarea><label for=\"next%" PRId64
		    "\">Next steps</label><textarea id=\"next%" PRId64
		    "\" name=\"next_steps\" rows=\"2\"></textarea><label for=\"targets%" PRId64
		    "\">Targets</label><textarea id=\"targets%" PRId64
		    "\" name=\"targets\" rows=\"2\"></textarea>",
		    m[i].id, m[i].id, m[i].id, m[i].id, m[i].id, m[i].id);
		review_levels(w, m[i].id); /* issue 8: prime areas, for the SENCo's patterns */
		html_raw(
		    b, "<button type=\"submit\" name=\"status\" value=\"held\">Held: save</button> "
		       "<button type=\"submit\" name=\"status\" value=\"cancelled\">Cancelled"
		       "</button></form></section>");
	}
	if (!n)
		html_raw(b, "<p>No meetings yet.</p>");
	core_meeting_preference(w->s, w->me.setting_id, id, w->a, &method, &time, &with);
	if (*web_field(w, "method"))
		method = web_field(w, "method");
	html_printf(b,
	            "<section class=\"card\"><h2 id=\"schedule\">Schedule a meeting</h2>"
	            "<p>%s%s%s</p><form method=\"post\" action=\"/children/%" PRId64 "/meetings\">",
	            *with ? with : "The family", *time ? " prefers " : " said no preferred time",
	            *time ? time : "", id);
	page_csrf(w);
	html_printf(
	    b,
	    "<label for=\"date\">Date</label><input type=\"date\" id=\"date\" name=\"date\" "
	    "value=\"%s\"",
	    web_field(w, "date"));
	day_invalid(w, "date");
	page_field_error(w, "date");
	html_printf(
	    b,
	    "<label for=\"time\">Time</label><input type=\"time\" id=\"time\" name=\"time\" "
	    "value=\"%s\"",
	    web_field(w, "time"));
	day_invalid(w, "time");
	page_field_error(w, "time");
	html_printf(b,
	            "<label for=\"method\">How</label><select id=\"method\" name=\"method\">"
	            "<option value=\"in_person\"%s>In person</option>"
	            "<option value=\"phone\"%s>By phone</option>"
	            "<option value=\"video\"%s>By video</option></select>",
	            strcmp(method, "in_person") == 0 ? " selected" : "",
	            strcmp(method, "phone") == 0 ? " selected" : "",
	            strcmp(method, "video") == 0 ? " selected" : "");
	page_field_error(w, "method");
	html_printf(
	    b,
	    "<label for=\"with\">With</label><input id=\"with\" name=\"with\" maxlength=\"200\" "
	    "value=\"%s\"><button type=\"submit\">Schedule</button></form></section>",
	    *web_field(w, "with") ? web_field(w, "with") : with);
	page_end(w);
	return 0;
}

static const char *child_or_null(struct web *w)
{
	const char *name = records_child_name(w, w->id[0]);
	return name && authz_child(w, w->id[0], CHILD_WRITE) ? name : NULL;
}

int page_child_meetings(struct web *w)
{
	const char *name = child_or_null(w);
	struct op_error e;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (audit_read(w->s, &w->who, "meeting.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	return meetings_page(w, w->id[0], name);
}

int page_meeting_schedule(struct web *w)
{
	const char *name = child_or_null(w), *raw[MEETING__MAX];
	struct field_value v[MEETING__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	for (int i = 0; i < MEETING__MAX; i++)
		raw[i] = web_field(w, core_meeting_fields[i].name);
	if (valid_record(core_meeting_fields, MEETING__MAX, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		records_field_error(w, &e);
		return meetings_page(w, w->id[0], name);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_meeting_schedule(w->s, &w->who, w->id[0], w->me.staff_id, v, w->setting.time_zone,
	                          &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		records_field_error(w, &e);
		return meetings_page(w, w->id[0], name);
	}
	return web_redirect(w, "/children/%" PRId64 "/meetings", w->id[0]);
}

int page_meeting_record(struct web *w)
{
	const char *name = child_or_null(w), *raw[MEETING_NOTES__MAX];
	struct field_value v[MEETING_NOTES__MAX];
	struct field_error fe;
	struct op_error e;
	if (!name || core_meeting_child(w->s, w->me.setting_id, w->id[1]) != w->id[0])
		return web_error(w, 404, "", "there is no such meeting");
	for (int i = 0; i < MEETING_NOTES__MAX; i++)
		raw[i] = web_field(w, core_meeting_notes_fields[i].name);
	if (valid_record(core_meeting_notes_fields, MEETING_NOTES__MAX, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		records_field_error(w, &e);
		return meetings_page(w, w->id[0], name);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_meeting_record(w->s, &w->who, w->id[1], w->id[0], v, &e) != 0 ||
	    (levels_given(w) && core_welfare_review_levels(
	                            w->s, &w->who, w->id[1], w->id[0], web_field(w, "psed_level"),
	                            web_field(w, "cl_level"), web_field(w, "pd_level"), &e) != 0) ||
	    core_tx_commit(w->s, &e) != 0)
		return records_refuse(w, &e);
	return web_redirect(w, "/children/%" PRId64 "/meetings", w->id[0]);
}
