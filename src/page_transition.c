/*
 * page_transition.c — transitions (core_transition): GET
 * /children/:id/transitions lists a child's room moves and leaving with
 * their settling visits and handover notes, the manager's form to plan one
 * (the key person and buddy of the new room suggested by the planner, or
 * the simple rule when it cannot, and which said), and for each the
 * forms for a settling visit and the old key person's handover note; POST
 * …/transitions (manager), …/:id/note, …/:id/visits, …/:id/apply
 * (manager, on or after its date); GET /children/:id/transfer the
 * printable transfer record (consent-gated, audited).
 */
#include <inttypes.h>
#include <string.h>

#include "core_staff.h"
#include "core_transition.h"
#include "page_records.h"

static const char *child_or_null(struct web *w, enum child_access what)
{
	const char *name = records_child_name(w, w->id[0]);
	return name && authz_child(w, w->id[0], what) ? name : NULL;
}

static int transitions_page(struct web *w, int64_t id, const char *name)
{
	struct buf *b = &w->resp->body;
	struct transition *t;
	struct transition_visit *v;
	struct op_error e;
	struct store_stmt *st;
	size_t n, nv;
	int status = w->resp->status ? w->resp->status : 200;
	buf_reset(b);
	w->resp->status = status;
	page_begin(w, arena_printf(w->a, "Transitions: %s", name));
	records_child_links(w, id);
	records_alert(w);
	if (core_transition_list(w->s, w->me.setting_id, id, w->a, &t, &n, &v, &nv, &e) != 0)
		return records_refuse(w, &e);
	for (size_t i = 0; i < n; i++) {
		int move = strcmp(t[i].kind, "room_move") == 0;
		if (move)
			html_printf(
			    b,
			    "<section class=\"card transition\"><h2>Room move on %s: %s to %s</h2>"
			    "<p>New key person %s, buddy %s. %s</p>",
			    t[i].date, t[i].from_room, t[i].to_room, t[i].primary, t[i].secondary,
			    t[i].applied_at ? "Applied." : "Planned.");
		if (move) {
			const char *by =
			    core_transition_suggested_by(w->s, w->me.setting_id, t[i].id, w->a);
			if (strcmp(by, "planner") == 0)
				html_raw(b, "<p class=\"suggested-by\">Suggested by the key-group "
				            "planner: the room's key groups planned with the child "
				            "added, every other child keeping their pair.</p>");
			else if (strcmp(by, "rule") == 0)
				html_raw(
				    b,
				    "<p class=\"suggested-by\">Suggested by the simple rule "
				    "(the planner could not plan the new room as it stands): the "
				    "key person with the fewest key children under their cap, "
				    "and an experienced buddy for a new key person.</p>");
		} else
			html_printf(b,
			            "<section class=\"card transition\"><h2>Leaving on "
			            "%s%s%s</h2><p>%s</p>",
			            t[i].date, *t[i].destination ? " for " : "", t[i].destination,
			            t[i].applied_at ? "Applied." : "Planned.");
		html_raw(b, "<h3>Settling visits</h3><ul>");
		for (size_t j = 0; j < nv; j++) {
			char a1[TIME_LEN], a2[TIME_LEN];
			if (v[j].transition_id != t[i].id)
				continue;
			time_format(v[j].start_min, a1);
			time_format(v[j].end_min, a2);
			html_printf(b, "<li>%s %s–%s%s%s: %s</li>", v[j].date, a1, a2,
			            *v[j].staff ? " with " : "", v[j].staff, v[j].notes);
		}
		html_printf(b,
		            "</ul><form method=\"post\" action=\"/children/%" PRId64
		            "/transitions/%" PRId64 "/visits\">",
		            id, t[i].id);
		page_csrf(w);
		html_printf(b,
		            "<label for=\"vd%" PRId64 "\">Visit day</label><input type=\"date\" "
		            "id=\"vd%" PRId64 "\" name=\"date\"><label for=\"vt%" PRId64 "\">Time "
		            "(HH:MM-HH:MM)</label><input id=\"vt%" PRId64 "\" name=\"time\" "
		            "placeholder=\"10:00-11:00\"><label for=\"vn%" PRId64 "\">How it went"
		            "</label><input id=\"vn%" PRId64 "\" name=\"notes\" maxlength=\"4000\">"
		            "<button type=\"submit\">Add the visit</button></form>",
		            t[i].id, t[i].id, t[i].id, t[i].id, t[i].id, t[i].id);
		html_printf(b,
		            "<h3>Handover note from the key person</h3><form method=\"post\" "
		            "action=\"/children/%" PRId64 "/transitions/%" PRId64 "/note\">",
		            id, t[i].id);
		page_csrf(w);
		html_printf(b,
		            "<label for=\"hn%" PRId64
		            "\">Handover note</label><textarea id=\"hn%" PRId64
		            "\" name=\"handover_note\" rows=\"4\">%s</textarea>"
		            "<button type=\"submit\">Save the note</button></form>",
		            t[i].id, t[i].id, t[i].note);
		if (!t[i].applied_at && authz_child(w, id, CHILD_ENROL)) {
			html_printf(b,
			            "<form method=\"post\" action=\"/children/%" PRId64
			            "/transitions/%" PRId64 "/apply\">",
			            id, t[i].id);
			page_csrf(w);
			html_printf(
			    b,
			    "<button type=\"submit\">Apply the %s (on or after %s)</button></form>",
			    move ? "room move" : "leaving", t[i].date);
		}
		html_raw(b, "</section>");
	}
	if (authz_records_overview(&w->me))
		html_printf(b,
		            "<p><a href=\"/children/%" PRId64 "/transfer\">Transfer record</a> "
		            "(for the next setting or school; needs the family's consent)</p>",
		            id);
	if (authz_child(w, id, CHILD_ENROL)) {
		html_printf(b,
		            "<section class=\"card\"><h2 id=\"plan\">Plan a transition</h2>"
		            "<form method=\"post\" action=\"/children/%" PRId64 "/transitions\">",
		            id);
		page_csrf(w);
		html_raw(
		    b,
		    "<label for=\"kind\">Kind</label><select id=\"kind\" name=\"kind\">"
		    "<option value=\"room_move\">Room move</option>"
		    "<option value=\"leaving\">Leaving</option></select>"
		    "<label for=\"date\">On</label><input type=\"date\" id=\"date\" name=\"date\"");
		day_invalid(w, "date");
		page_field_error(w, "date");
		html_raw(b, "<label for=\"to_room\">New room</label><select id=\"to_room\" "
		            "name=\"to_room\"><option value=\"\">—</option>");
		st = store_stmt(w->s, STMT_ROOM_LIST);
		store_bind_int(st, 1, w->me.setting_id);
		while (store_step(st) == STORE_ROW)
			html_printf(b, "<option>%s</option>", store_col_text(st, 1));
		store_finish(st);
		html_raw(b, "</select>");
		page_field_error(w, "to_room");
		html_raw(
		    b, "<p class=\"hint\">Leave the key person and buddy empty for the planner's "
		       "suggestion: the new room's key groups planned with the child added (every "
		       "other child keeps their pair), under the caps, with an experienced buddy "
		       "for a new key person; if the planner cannot, the key person with the "
		       "fewest key children. The page says which was used.</p><label "
		       "for=\"key_person\">New key person (staff id)</label>"
		       "<input id=\"key_person\" name=\"key_person\" maxlength=\"40\"");
		day_invalid(w, "key_person");
		page_field_error(w, "key_person");
		html_raw(b, "<label for=\"buddy\">New buddy (staff id)</label>"
		            "<input id=\"buddy\" name=\"buddy\" maxlength=\"40\"");
		day_invalid(w, "buddy");
		page_field_error(w, "buddy");
		html_raw(b,
		         "<label for=\"destination\">Leaving for (next setting or school)</label>"
		         "<input id=\"destination\" name=\"destination\" maxlength=\"200\">"
		         "<button type=\"submit\">Plan it</button></form></section>");
	}
	page_end(w);
	return 0;
}

int page_transitions(struct web *w)
{
	const char *name = child_or_null(w, CHILD_WRITE);
	struct op_error e;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (audit_read(w->s, &w->who, "transition.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	return transitions_page(w, w->id[0], name);
}

int page_transition_add(struct web *w)
{
	const char *name = child_or_null(w, CHILD_ENROL), *raw[TRANSITION__MAX];
	struct field_value v[TRANSITION__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	for (int i = 0; i < TRANSITION__MAX; i++)
		raw[i] = web_field(w, core_transition_fields[i].name);
	if (valid_record(core_transition_fields, TRANSITION__MAX, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		records_field_error(w, &e);
		return transitions_page(w, w->id[0], name);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_transition_add(w->s, &w->who, w->id[0], v, &id, &e) ||
	    core_tx_commit(w->s, &e) != 0) {
		records_field_error(w, &e);
		return transitions_page(w, w->id[0], name);
	}
	return web_redirect(w, "/children/%" PRId64 "/transitions", w->id[0]);
}

int page_transition_note(struct web *w)
{
	const char *name = child_or_null(w, CHILD_WRITE);
	struct op_error e;
	if (!name)
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_transition_note(w->s, &w->who, w->id[1], w->id[0], web_field(w, "handover_note"),
	                         &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return records_refuse(w, &e);
	return web_redirect(w, "/children/%" PRId64 "/transitions", w->id[0]);
}

int page_transition_visit(struct web *w)
{
	const char *name = child_or_null(w, CHILD_WRITE), *raw[VISIT__MAX];
	struct field_value v[VISIT__MAX];
	struct field_error fe;
	struct op_error e;
	if (!name || core_transition_child(w->s, w->me.setting_id, w->id[1]) != w->id[0])
		return web_error(w, 404, "", "there is no such transition");
	for (int i = 0; i < VISIT__MAX; i++)
		raw[i] = web_field(w, core_visit_fields[i].name);
	if (valid_record(core_visit_fields, VISIT__MAX, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		records_field_error(w, &e);
		return transitions_page(w, w->id[0], name);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_transition_visit(w->s, &w->who, w->id[1], w->id[0], v, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return records_refuse(w, &e);
	return web_redirect(w, "/children/%" PRId64 "/transitions", w->id[0]);
}

int page_transition_apply(struct web *w)
{
	const char *name = child_or_null(w, CHILD_ENROL);
	struct op_error e;
	if (!name || core_transition_child(w->s, w->me.setting_id, w->id[1]) != w->id[0])
		return web_error(w, 404, "", "there is no such transition");
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_transition_apply(w->s, &w->who, w->id[1], date_today(w->setting.time_zone), &e) !=
	        0 ||
	    core_tx_commit(w->s, &e) != 0) {
		records_field_error(w, &e);
		return transitions_page(w, w->id[0], name);
	}
	return web_redirect(w, "/children/%" PRId64 "/transitions", w->id[0]);
}

static const char *jtext(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

int page_transfer(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct op_error e;
	json_t *doc, *child, *dev, *check, *list, *x;
	size_t i;
	if (!records_child_name(w, w->id[0]) || !authz_transfer(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (core_transition_transfer(w->s, &w->who, w->id[0], date_today(w->setting.time_zone),
	                             &doc, &e) != 0)
		return records_refuse(w, &e);
	child = json_object_get(doc, "child");
	page_begin(w, arena_printf(w->a, "Transfer record: %s %s", jtext(child, "first_name"),
	                           jtext(child, "last_name")));
	html_printf(
	    b,
	    "<article class=\"printable transfer\"><p>%s · produced %s · <a class=\"noprint\" "
	    "href=\"/api/v1/children/%" PRId64 "/transfer\">as JSON</a></p>"
	    "<section><h2>Summary</h2><p>Born %s; at %s from %s%s%s; room %s; home "
	    "language %s.</p>",
	    w->setting.name, jtext(doc, "produced_on"), w->id[0], jtext(child, "date_of_birth"),
	    w->setting.name, jtext(child, "start_date"),
	    json_is_string(json_object_get(child, "leaving_date")) ? " to " : "",
	    jtext(child, "leaving_date"), jtext(child, "room"), jtext(child, "home_language"));
	if (json_is_object(json_object_get(doc, "key_person")))
		html_printf(b, "<p>Key person %s, buddy %s.</p>",
		            jtext(json_object_get(doc, "key_person"), "name"),
		            jtext(json_object_get(doc, "key_person"), "buddy"));
	html_raw(b, "</section><section><h2>Development</h2>");
	dev = json_object_get(doc, "development");
	check = json_object_get(dev, "check_at_two");
	if (json_is_object(check))
		html_printf(
		    b,
		    "<h3>Progress check at two (%s)</h3><p>Communication and Language: %s. %s</p>"
		    "<p>Physical Development: %s. %s</p><p>Personal, Social and Emotional "
		    "Development: %s. %s</p><p>Strengths: %s</p><p>Less than expected progress: "
		    "%s</p><p>What we did: %s</p>",
		    jtext(check, "date"), jtext(check, "cl_level"), jtext(check, "cl_text"),
		    jtext(check, "pd_level"), jtext(check, "pd_text"), jtext(check, "psed_level"),
		    jtext(check, "psed_text"), jtext(check, "strengths"), jtext(check, "concerns"),
		    jtext(check, "strategies"));
	list = json_object_get(dev, "progress_meetings");
	json_array_foreach (list, i, x) {
		html_printf(
		    b, "<h3>Meeting on %s</h3><p>%s</p><p>Next steps: %s</p><p>Targets: %s</p>",
		    jtext(x, "date"), jtext(x, "notes"), jtext(x, "next_steps"),
		    jtext(x, "targets"));
	}
	html_raw(b, "</section>");
	if (json_is_object(json_object_get(doc, "sen"))) {
		html_raw(b, "<section><h2>Special educational needs</h2><ul>");
		json_array_foreach (json_object_get(json_object_get(doc, "sen"), "records"), i, x) {
			html_printf(b, "<li>%s (%s) since %s: %s</li>", jtext(x, "status"),
			            jtext(x, "area_of_need"), jtext(x, "from"), jtext(x, "notes"));
		}
		json_array_foreach (json_object_get(json_object_get(doc, "sen"), "plans"), i, x) {
			html_printf(b, "<li>Plan (%s) of %s: %s</li>", jtext(x, "kind"),
			            jtext(x, "created_on"), jtext(x, "targets"));
		}
		html_raw(b, "</ul></section>");
	}
	html_raw(b, "<section><h2>The key person's notes</h2>");
	json_array_foreach (json_object_get(doc, "key_person_notes"), i, x) {
		html_printf(b, "<p>%s</p>", jtext(x, "note"));
	}
	html_raw(b, "</section></article>");
	json_decref(doc);
	page_end(w);
	return 0;
}
