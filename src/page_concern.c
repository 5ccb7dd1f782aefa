/*
 * page_concern.c — the safeguarding pages of page_concern.h.
 *
 * Reporting: GET /concerns/new shows the form (the children the person sees
 * at CHILD_BASIC, when, what was seen or heard, the child's own words, and
 * a body map); POST /concerns saves it through core_concern_report and
 * answers with a redirect to /concerns/received, which says only that the
 * concern was received: no route gives a reporter their concern back.
 *
 * The body map is bodymap.c's (shared with the accident form): one region,
 * as radio buttons under the drawing; the chosen region is filled when the
 * form comes back.
 *
 * The DSL: /safeguarding lists children with concerns, new ones first; a
 * child's chronology is shown only while the session's step-up is fresh
 * (core_concern_step_up_fresh), otherwise the page asks for the password
 * (POST /safeguarding/step-up) and shows nothing of the chronology. Each
 * chronology shown is audited by core_concern_chronology before it is
 * written out; addenda are the only way to add to it.
 */
#include "page_concern.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bodymap.h"
#include "core_concern.h"
#include "core_mail.h"
#include "core_session.h"
#include "util.h"
#include "date.h"
#include "valid.h"

/* ---- reporting ---- */

struct choice {
	int64_t id;
	const char *name, *room;
};

static void child_select(struct web *w, const char *chosen)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_CONCERN_CHILD_CHOICES);
	struct choice *list = NULL;
	size_t n = 0, cap = 0;
	char today[DATE_LEN];
	date_format(date_today(w->setting.time_zone), today);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, today);
	/* authz reads through the same connection: collect first, then filter */
	while (store_step(st) == STORE_ROW) {
		const char *preferred = store_col_text(st, 3);
		if (n == cap) {
			struct choice *more;
			cap = cap ? 2 * cap : 64;
			more = arena_alloc(w->a, cap * sizeof *more);
			if (n)
				memcpy(more, list, n * sizeof *more);
			list = more;
		}
		list[n].id = store_col_int(st, 0);
		list[n].name =
		    arena_printf(w->a, "%s %s", *preferred ? preferred : store_col_text(st, 1),
		                 store_col_text(st, 2));
		list[n].room = arena_strdup(w->a, store_col_text(st, 4));
		n++;
	}
	store_finish(st);
	html_raw(b, "<label for=\"child\">Child</label><select id=\"child\" name=\"child\"");
	if (w->field_error[0] && strcmp(w->field_error[0], "child") == 0)
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"child-error\"");
	html_raw(b, "><option value=\"\">Choose the child</option>");
	for (size_t i = 0; i < n; i++) {
		char id[24];
		if (!authz_concern_report(w, list[i].id))
			continue;
		snprintf(id, sizeof id, "%" PRId64, list[i].id);
		html_printf(b, "<option value=\"%s\"%s>%s (%s)</option>", id,
		            strcmp(chosen, id) == 0 ? " selected" : "", list[i].name, list[i].room);
	}
	html_raw(b, "</select>");
	page_field_error(w, "child");
}

static void text_input(struct web *w, const char *type, const char *name, const char *label,
                       const char *hint, const char *value)
{
	struct buf *b = &w->resp->body;
	int bad = w->field_error[0] && strcmp(w->field_error[0], name) == 0;
	html_printf(b, "<label for=\"%s\">%s</label>", name, label);
	if (*hint)
		html_printf(b, "<p class=\"hint\">%s</p>", hint);
	if (strcmp(type, "textarea") == 0)
		html_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"6\"%s>%s</textarea>", name,
		            name, bad ? " aria-invalid=\"true\"" : "", value);
	else
		html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"%s>", type,
		            name, name, value, bad ? " aria-invalid=\"true\"" : "");
	page_field_error(w, name);
}

static int report_form(struct web *w, int status)
{
	struct buf *b = &w->resp->body;
	const char *date = web_field(w, "date"), *time = web_field(w, "time");
	char today[DATE_LEN], now[TIME_LEN];
	int d, m;
	w->resp->status = status;
	buf_reset(b);
	date_local(time_now(), w->setting.time_zone, &d, &m);
	date_format(d, today);
	time_format(m, now);
	page_begin(w, "Report a safeguarding concern");
	html_raw(b, "<p>Write down what you saw or heard, as soon as you can, in your own words: "
	            "facts, not opinions. Use the child's own words. The designated safeguarding "
	            "lead is told at once. You will not be able to read it back.</p>");
	if (status != 200)
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>",
		            w->field_error[1] ? w->field_error[1] : "The concern was not saved.");
	html_raw(b, "<form method=\"post\" action=\"/concerns\" class=\"concern\">");
	page_csrf(w);
	child_select(w, web_field(w, "child"));
	text_input(w, "date", "date", "Date it happened", "", *date ? date : today);
	text_input(w, "time", "time", "Time", "", *time ? time : now);
	text_input(w, "textarea", "seen_heard", "What you saw or heard", "",
	           web_field(w, "seen_heard"));
	text_input(w, "textarea", "child_words", "The child's own words",
	           "Exactly as the child said them, if they said anything",
	           web_field(w, "child_words"));
	bodymap_fieldset(w, web_field(w, "body_region"), 0);
	html_raw(b, "<button type=\"submit\" class=\"big\">Send to the safeguarding lead</button>"
	            "</form>");
	page_end(w);
	return 0;
}

int page_concern_new(struct web *w)
{
	return report_form(w, 200);
}

int page_concern_add(struct web *w)
{
	const char *raw[CONCERN__MAX];
	struct field_value v[CONCERN__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	for (size_t k = 0; k < CONCERN__MAX; k++)
		raw[k] = web_field(w, core_concern_fields[k].name);
	if (valid_record(core_concern_fields, CONCERN__MAX, raw, v, w->a, &fe) != 0) {
		w->field_error[0] = arena_strdup(w->a, fe.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", fe.field, fe.msg);
		return report_form(w, 422);
	}
	if (!authz_concern_report(w, v[CONCERN_CHILD].i)) {
		w->field_error[0] = "child";
		w->field_error[1] = "child: choose a child from the list";
		return report_form(w, 422);
	}
	if (core_tx_begin(w->s, &e) != 0 || core_concern_report(w->s, &w->who, v, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] = arena_strdup(w->a, e.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", e.field, e.msg);
		return report_form(w, 422);
	}
	/* committed: the email (when configured) cannot hold it up or undo it */
	(void)core_mail_concern(w->s, w->me.setting_id, v[CONCERN_CHILD].i);
	return web_redirect(w, "/concerns/received");
}

int page_concern_received(struct web *w)
{
	page_begin(w, "Concern received");
	html_raw(&w->resp->body,
	         "<p class=\"notice\" role=\"status\"><strong>Received.</strong> Your concern has "
	         "been recorded and the designated safeguarding lead has been told. Thank you.</p>"
	         "<p>It is not shown here again: if you remember more, or something else "
	         "happens, <a href=\"/concerns/new\">report it as a new concern</a>, or speak to "
	         "the safeguarding lead.</p>");
	page_end(w);
	return 0;
}

/* ---- the DSL ---- */

void page_concern_badge(struct web *w)
{
	int64_t n;
	if (!authz_concern_read(&w->me))
		return;
	n = core_concern_unseen(w->s, w->me.setting_id, w->me.user_id);
	if (n > 0)
		html_printf(
		    &w->resp->body,
		    "<p class=\"alert\" role=\"alert\"><a href=\"/safeguarding\"><strong>%lld "
		    "new safeguarding %s</strong></a> you have not opened yet.</p>",
		    (long long)n, n == 1 ? "concern" : "concerns");
	else
		html_raw(&w->resp->body,
		         "<p><a href=\"/safeguarding\">Safeguarding</a>: no new concerns.</p>");
}

static void when_text(struct web *w, int64_t at, char *out, size_t n)
{
	char date[DATE_LEN], time[TIME_LEN];
	int d, m;
	date_local(at, w->setting.time_zone, &d, &m);
	date_format(d, date);
	time_format(m, time);
	snprintf(out, n, "%s %s", date, time);
}

int page_safeguarding(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct concern_child *list;
	struct op_error e;
	size_t n;
	if (!authz_concern_read(&w->me))
		return web_error(w, 403, "",
		                 "only the designated safeguarding lead reads concerns");
	if (core_concern_children(w->s, &w->who, w->a, &list, &n, &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, "Safeguarding");
	html_raw(b, "<p>Children with safeguarding concerns; new ones first. Each chronology you "
	            "open is recorded in the audit log.</p>");
	html_raw(b, "<p><a href=\"/safeguarding/injuries\">Repeated injuries</a> (accidents and "
	            "injuries noticed on arrival, per child)</p>"); /* page_accident.c */
	if (!n)
		html_raw(b, "<p>No concerns have been reported.</p>");
	else
		html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
		            "<th scope=\"col\">Child</th><th scope=\"col\">Room</th>"
		            "<th scope=\"col\">Concerns</th><th scope=\"col\">New</th>"
		            "<th scope=\"col\">Latest</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		char when[40];
		when_text(w, list[i].last_at, when, sizeof when);
		html_printf(b,
		            "<tr%s><th scope=\"row\"><a href=\"/safeguarding/children/%lld\">%s</a>"
		            "</th><td>%s</td><td>%d</td><td>%s</td><td>%s</td></tr>",
		            list[i].unseen ? " class=\"short\"" : "", (long long)list[i].child_id,
		            list[i].name, list[i].room, list[i].concerns,
		            list[i].unseen ? arena_printf(w->a, "%d new", list[i].unseen) : "",
		            when);
	}
	if (n)
		html_raw(b, "</tbody></table></div>");
	page_end(w);
	return 0;
}

static int step_up_form(struct web *w, int status, int64_t child)
{
	struct buf *b = &w->resp->body;
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Confirm it is you");
	html_raw(b, "<p>A chronology opens only after you give your password again when you have "
	            "not used one for 15 minutes.</p>");
	if (status != 200)
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", w->field_error[1]);
	html_raw(b, "<form method=\"post\" action=\"/safeguarding/step-up\">");
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"child\" value=\"%lld\">"
	            "<label for=\"password\">Your password</label>"
	            "<input type=\"password\" id=\"password\" name=\"password\" "
	            "autocomplete=\"current-password\" required>",
	            (long long)child);
	page_field_error(w, "password");
	html_raw(b, "<button type=\"submit\">Open the chronology</button></form>");
	page_end(w);
	return 0;
}

int page_step_up(struct web *w)
{
	struct op_error e;
	long child = 0;
	if (!authz_concern_read(&w->me))
		return web_error(w, 403, "",
		                 "only the designated safeguarding lead reads concerns");
	if (parse_long(web_field(w, "child"), 1, INT32_MAX, &child) != 0)
		child = 0;
	if (!*web_body_field(w, "password")) {
		w->field_error[0] = "password";
		w->field_error[1] = "password: give your password.";
		return step_up_form(w, 422, child);
	}
	if (core_session_limit(w->s, w->me.username, w->req->ip) != SIGNIN_OK) {
		w->field_error[0] = "password";
		w->field_error[1] =
		    "Too many wrong passwords: wait 15 minutes before trying again.";
		return step_up_form(w, 429, child);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_concern_step_up(w->s, &w->who, w->me.token_hash, web_body_field(w, "password"),
	                         &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_FORBIDDEN)
			return web_op_error(w, &e);
		core_session_failure(w->s, w->me.username, w->req->ip, "step-up");
		w->field_error[0] = "password";
		w->field_error[1] = "That is not your password.";
		return step_up_form(w, 403, child);
	}
	if (child)
		return web_redirect(w, "/safeguarding/children/%ld", child);
	return web_redirect(w, "/safeguarding");
}

static const char *agency_words(const char *agency)
{
	static const char *const names[][2] = {{"childrens_services", "children's services"},
	                                       {"police", "police"},
	                                       {"lado", "LADO"},
	                                       {"health", "health"},
	                                       {"other", "another agency"}};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(names[i][0], agency) == 0)
			return names[i][1];
	return agency;
}

static void addendum_form(struct web *w, int64_t child, int64_t concern)
{
	struct buf *b = &w->resp->body;
	long of = 0;
	int kept = parse_long(web_field(w, "concern"), 1, INT32_MAX, &of) == 0 && of == concern;
	html_printf(b,
	            "<details%s><summary>Add an action, referral or outcome</summary>"
	            "<form method=\"post\" action=\"/safeguarding/children/%lld/addenda\">",
	            kept ? " open" : "", (long long)child);
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"concern\" value=\"%lld\">"
	            "<label for=\"kind-%lld\">What</label><select id=\"kind-%lld\" name=\"kind\">"
	            "<option value=\"action\">Action taken</option>"
	            "<option value=\"referral\">Referral</option>"
	            "<option value=\"outcome\">Outcome</option>"
	            "<option value=\"correction\">Correction (added, the original stays)</option>"
	            "<option value=\"note\">Note</option></select>"
	            "<label for=\"agency-%lld\">Agency (for a referral)</label>"
	            "<select id=\"agency-%lld\" name=\"agency\"><option value=\"\">—</option>"
	            "<option value=\"childrens_services\">Children's services</option>"
	            "<option value=\"police\">Police</option><option value=\"lado\">LADO</option>"
	            "<option value=\"health\">Health</option>"
	            "<option value=\"other\">Other</option></select>"
	            "<label for=\"text-%lld\">Details</label>"
	            "<textarea id=\"text-%lld\" name=\"text\" rows=\"4\">%s</textarea>",
	            (long long)concern, (long long)concern, (long long)concern, (long long)concern,
	            (long long)concern, (long long)concern, (long long)concern,
	            kept ? web_field(w, "text") : "");
	if (kept && w->field_error[0])
		html_printf(b, "<p class=\"field-error\" role=\"alert\">%s</p>", w->field_error[1]);
	html_raw(b, "<button type=\"submit\">Add to the chronology</button></form></details>");
}

static int chronology_page(struct web *w, int status, int64_t child)
{
	struct buf *b = &w->resp->body;
	struct concern *list;
	struct op_error e;
	size_t n;
	if (!authz_concern_read(&w->me))
		return web_error(w, 403, "",
		                 "only the designated safeguarding lead reads concerns");
	if (!authz_child(w, child, CHILD_BASIC))
		return web_error(w, 404, "", "there is no child %lld", (long long)child);
	if (!core_concern_step_up_fresh(w->s, w->me.token_hash))
		return step_up_form(w, 200, child);
	if (core_concern_chronology(w->s, &w->who, child, w->a, &list, &n, &e) != 0)
		return web_op_error(w, &e);
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Safeguarding chronology");
	html_raw(b, "<p class=\"muted\">Confidential. Nothing here is changed or removed: "
	            "corrections and what happened next are added.</p>");
	if (!n)
		html_raw(b, "<p>No concerns are recorded for this child.</p>");
	for (size_t i = 0; i < n; i++) {
		const struct concern *c = &list[i];
		char occurred[40], recorded[40];
		when_text(w, c->occurred_at, occurred, sizeof occurred);
		when_text(w, c->created_at, recorded, sizeof recorded);
		html_printf(b,
		            "<section class=\"card\" id=\"concern-%lld\"><h2>Concern, %s</h2>"
		            "<p class=\"muted\">Reported by %s, recorded %s</p>"
		            "<h3>Seen or heard</h3><p class=\"pre\">%s</p>",
		            (long long)c->id, occurred, c->reported_by, recorded, c->seen_heard);
		if (*c->child_words)
			html_printf(b, "<h3>The child's words</h3><blockquote>%s</blockquote>",
			            c->child_words);
		if (*c->body_region)
			html_printf(b, "<p><strong>Body map:</strong> %s</p>",
			            core_concern_region_label(c->body_region));
		if (c->naddenda)
			html_raw(b, "<ol class=\"addenda\">");
		for (size_t k = 0; k < c->naddenda; k++) {
			const struct concern_addendum *ad = &c->addenda[k];
			char at[40];
			when_text(w, ad->created_at, at, sizeof at);
			html_printf(b,
			            "<li><strong>%s%s%s</strong> <span class=\"muted\">(%s, %s)"
			            "</span><p class=\"pre\">%s</p></li>",
			            ad->kind, *ad->agency ? " to " : "", agency_words(ad->agency),
			            ad->by, at, ad->text);
		}
		if (c->naddenda)
			html_raw(b, "</ol>");
		addendum_form(w, child, c->id);
		html_raw(b, "</section>");
	}
	page_end(w);
	return 0;
}

int page_chronology(struct web *w)
{
	return chronology_page(w, 200, w->id[0]);
}

int page_chronology_addendum(struct web *w)
{
	const char *raw[ADDENDUM__MAX];
	struct field_value v[ADDENDUM__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t child = w->id[0], id, of = 0;
	struct store_stmt *st;
	if (!authz_concern_read(&w->me))
		return web_error(w, 403, "",
		                 "only the designated safeguarding lead reads concerns");
	if (!authz_child(w, child, CHILD_BASIC))
		return web_error(w, 404, "", "there is no child %lld", (long long)child);
	if (!core_concern_step_up_fresh(w->s, w->me.token_hash)) {
		w->field_error[0] = "password";
		w->field_error[1] = "Give your password again before adding to the chronology.";
		return step_up_form(w, 403, child);
	}
	for (size_t k = 0; k < ADDENDUM__MAX; k++)
		raw[k] = web_field(w, core_addendum_fields[k].name);
	if (valid_record(core_addendum_fields, ADDENDUM__MAX, raw, v, w->a, &fe) != 0) {
		w->field_error[0] = arena_strdup(w->a, fe.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", fe.field, fe.msg);
		return chronology_page(w, 422, child);
	}
	/* the concern must be this child's: the address names the child */
	st = store_stmt(w->s, STMT_CONCERN_CHILD_OF);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, v[ADDENDUM_CONCERN].i);
	if (store_step(st) == STORE_ROW)
		of = store_col_int(st, 0);
	store_finish(st);
	if (of != child)
		return web_error(w, 404, "concern", "there is no such concern for this child");
	if (core_tx_begin(w->s, &e) != 0 || core_concern_addendum(w->s, &w->who, v, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] = arena_strdup(w->a, e.field);
		w->field_error[1] = arena_printf(w->a, "%s: %s", e.field, e.msg);
		return chronology_page(w, 422, child);
	}
	return web_redirect(w, "/safeguarding/children/%lld#concern-%lld", (long long)child,
	                    (long long)v[ADDENDUM_CONCERN].i);
}
