/*
 * page_weekly.c — weekly updates (core_weekly): GET /weekly lists the
 * week's updates of the children one writes for (the key person's key
 * children), and for the manager and SENCo every key person's outstanding
 * ones; GET /children/:id/weekly shows the saved update or a draft built
 * from the week's shared observations and diary, to edit; POST saves it,
 * or saves and sends it to the family (action=send).
 */
#include <inttypes.h>
#include <string.h>

#include "core_weekly.h"
#include "page_records.h"

static const char *const state_words[] = {"not started", "draft", "sent"};

/* ?week= (any day of it; default this week): the Monday, or -1 with the field error. */
static int week_of(struct web *w, int *monday, const char **date)
{
	int day;
	const char *raw = web_field(w, "week");
	char d[DATE_LEN];
	day = date_today(w->setting.time_zone);
	*monday = core_weekly_monday(day);
	*date = raw;
	if (*raw && date_parse(raw, &day) != 0) {
		w->field_error[0] = "week";
		w->field_error[1] = "The week: give a day of it as YYYY-MM-DD.";
		return -1;
	}
	*monday = core_weekly_monday(day);
	date_format(*monday, d);
	*date = arena_strdup(w->a, d);
	return 0;
}

int page_weekly(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct weekly_row *r;
	struct op_error e;
	const char *week;
	int monday, overview = authz_records_overview(&w->me);
	size_t n, outstanding = 0;
	if (week_of(w, &monday, &week) != 0)
		w->resp->status = 422;
	page_begin(w, "Weekly updates");
	records_alert(w);
	html_printf(b,
	            "<form method=\"get\" class=\"card noprint filters\"><div><label for=\"week\">"
	            "Week of</label><input type=\"date\" id=\"week\" name=\"week\" value=\"%s\">"
	            "</div><button type=\"submit\">Show</button></form>",
	            week);
	if (core_weekly_week(w->s, w->me.setting_id, monday, w->a, &r, &n, &e) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", e.msg);
		page_end(w);
		return 0;
	}
	if (w->me.staff_id) {
		size_t mine = 0;
		for (size_t i = 0; i < n; i++)
			if (r[i].key_person_id == w->me.staff_id) {
				if (!mine++)
					html_raw(b, "<h2 id=\"mine\">My key children</h2><ul>");
				html_printf(
				    b,
				    "<li><a href=\"/children/%" PRId64 "/weekly?week=%s\">%s</a>"
				    " — %s</li>",
				    r[i].child_id, week, r[i].child, state_words[r[i].state]);
			}
		if (mine)
			html_raw(b, "</ul>");
	}
	if (overview) {
		for (size_t i = 0; i < n; i++)
			outstanding += r[i].state != WEEKLY_SENT;
		html_printf(
		    b,
		    "<h2 id=\"outstanding\">Outstanding this week (%zu)</h2>"
		    "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"outstanding\">"
		    "<thead><tr><th scope=\"col\">Key person</th><th scope=\"col\">Child</th>"
		    "<th scope=\"col\">Room</th><th scope=\"col\">Update</th></tr></thead><tbody>",
		    outstanding);
		/* grouped by key person: one pass per key person, in the order met */
		for (size_t i = 0; i < n; i++) {
			int seen = 0;
			if (r[i].state == WEEKLY_SENT)
				continue;
			for (size_t j = 0; j < i && !seen; j++)
				seen = r[j].state != WEEKLY_SENT &&
				       r[j].key_person_id == r[i].key_person_id;
			if (seen)
				continue;
			for (size_t j = i; j < n; j++) {
				if (r[j].state == WEEKLY_SENT ||
				    r[j].key_person_id != r[i].key_person_id)
					continue;
				html_printf(
				    b,
				    "<tr><th scope=\"row\">%s</th><td><a href=\"/children/%" PRId64
				    "/weekly?week=%s\">%s</a></td><td>%s</td><td>%s</td></tr>",
				    *r[j].key_person ? r[j].key_person : "no key person",
				    r[j].child_id, week, r[j].child, r[j].room,
				    state_words[r[j].state]);
			}
		}
		html_raw(b, "</tbody></table></div>");
		if (!outstanding)
			html_raw(
			    b, "<p class=\"notice\">Every update of this week has been sent.</p>");
	}
	page_end(w);
	return 0;
}

static int weekly_page(struct web *w, int64_t id, const char *name, const char *text_override)
{
	struct buf *b = &w->resp->body;
	struct weekly u;
	struct op_error e;
	const char *week, *text;
	int monday;
	int status = w->resp->status ? w->resp->status : 200;
	buf_reset(b);
	if (week_of(w, &monday, &week) != 0)
		status = 422;
	w->resp->status = status;
	page_begin(w, arena_printf(w->a, "Weekly update: %s", name));
	records_child_links(w, id);
	records_alert(w);
	if (core_weekly_get(w->s, w->me.setting_id, id, monday, w->a, &u, &e) != 0)
		return records_refuse(w, &e);
	text = u.text;
	if (!u.id && core_weekly_draft(w->s, w->me.setting_id, id, monday, w->a, &text, &e) != 0)
		return records_refuse(w, &e);
	if (text_override)
		text = text_override;
	if (u.sent_at) {
		html_printf(b,
		            "<p class=\"notice\">Sent to the family. Week of %s, by %s.</p>"
		            "<div class=\"card weekly-text\"><p>%s</p></div>",
		            week, u.author, text);
		page_end(w);
		return 0;
	}
	html_printf(b,
	            "<p>Week of %s. %s</p><form method=\"post\" action=\"/children/%" PRId64
	            "/weekly\" class=\"card\">",
	            week,
	            u.id ? "A draft, not sent yet."
	                 : "A draft from the week's shared observations and diary: edit it, then "
	                   "send it.",
	            id);
	page_csrf(w);
	html_printf(b, "<input type=\"hidden\" name=\"week\" value=\"%s\">", week);
	records_textarea(w, "text", "The update for the family", text, 14);
	html_raw(b,
	         "<button type=\"submit\" name=\"action\" value=\"save\">Save the draft</button> "
	         "<button type=\"submit\" name=\"action\" value=\"send\">Send to the family"
	         "</button></form>");
	page_end(w);
	return 0;
}

int page_child_weekly(struct web *w)
{
	const char *name = records_child_name(w, w->id[0]);
	struct op_error e;
	if (!name || !authz_child(w, w->id[0], CHILD_WRITE))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (audit_read(w->s, &w->who, "weekly.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	return weekly_page(w, w->id[0], name, NULL);
}

int page_child_weekly_save(struct web *w)
{
	const char *name = records_child_name(w, w->id[0]), *week;
	int send = strcmp(web_field(w, "action"), "send") == 0, monday;
	struct op_error e;
	if (!name || !authz_child(w, w->id[0], CHILD_WRITE))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (week_of(w, &monday, &week) != 0) {
		w->resp->status = 422;
		return weekly_page(w, w->id[0], name, web_field(w, "text"));
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_weekly_save(w->s, &w->who, w->id[0], monday, w->me.staff_id, web_field(w, "text"),
	                     send, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		records_field_error(w, &e);
		return weekly_page(w, w->id[0], name, web_field(w, "text"));
	}
	return web_redirect(w, "/children/%" PRId64 "/weekly?week=%s", w->id[0], week);
}
