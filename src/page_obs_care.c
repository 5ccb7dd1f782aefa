/*
 * page_obs_care.c — what the family tells the key person and what is
 * planned for the child: GET/POST /children/:id/about (all about me and
 * routines: the version in force and the earlier ones; read by whoever
 * sees the child's basics, written by those who write the records),
 * GET/POST /children/:id/settling and POST /children/:id/settling/:id (the
 * settling-in visits with the key person, notes from each and the parent's
 * view), GET/POST /planning and POST /planning/:id/done (planned
 * experiences for a child or a key group over the next fortnight; on a day
 * the key person is away, their buddy sees them under "carried on by you
 * today").
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_portal.h"
#include "date.h"
#include "page_obs.h"

#define ABOUT_HISTORY_MAX 20
#define PLANNING_DAYS 14

static const char *child_name(struct web *w, int64_t id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_CHILD_GET);
	const char *name = "";
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, id);
	if (store_step(st) == STORE_ROW)
		name = arena_printf(w->a, "%s %s",
		                    *store_col_text(st, 4) ? store_col_text(st, 4)
		                                           : store_col_text(st, 2),
		                    store_col_text(st, 3));
	store_finish(st);
	return name;
}

static void refused(struct web *w, const char *field, const char *msg)
{
	w->field_error[0] = arena_strdup(w->a, field);
	w->field_error[1] = arena_strdup(w->a, msg);
	w->resp->status = 422;
	buf_reset(&w->resp->body);
}

/* ---- all about me ---- */

static int about_page(struct web *w, int64_t child)
{
	struct buf *b = &w->resp->body;
	struct about *a;
	size_t n = 0;
	struct op_error e;
	int write = authz_child(w, child, CHILD_WRITE);
	const char *name = child_name(w, child);
	if (core_about_history(w->s, w->me.setting_id, child, ABOUT_HISTORY_MAX, w->a, &a, &n, &e))
		return web_op_error(w, &e);
	page_begin(w, arena_printf(w->a, "All about %s", name));
	html_printf(b, "<p class=\"noprint\"><a href=\"/children/%lld\">Back to %s's page</a></p>",
	            (long long)child, name);
	if (n) {
		char when[DATE_LEN];
		int day, min;
		date_local(a[0].created_at, w->setting.time_zone, &day, &min);
		date_format(day, when);
		html_printf(b, "<h2>In force since %s</h2><dl class=\"facts card\">", when);
		for (int i = 0; i < ABOUT__MAX; i++)
			if (*a[0].f[i])
				html_printf(b, "<dt>%s</dt><dd>%s</dd>", core_about_labels[i],
				            a[0].f[i]);
		html_printf(b, "<dt>Written down by</dt><dd>%s</dd></dl>", a[0].recorded_by);
	} else {
		html_raw(b, "<p class=\"muted\">Nothing recorded yet.</p>");
	}
	if (write) {
		html_printf(b,
		            "<h2>Update</h2><form method=\"post\" action=\"/children/%lld/about\" "
		            "class=\"card\">",
		            (long long)child);
		page_csrf(w);
		if (w->field_error[0])
			html_printf(b, "<div class=\"alert\" role=\"alert\">%s</div>",
			            w->field_error[1]);
		for (int i = 0; i < ABOUT__MAX; i++) {
			const char *name_i = core_about_fields[i].name;
			const char *val = *web_field(w, name_i) ? web_field(w, name_i)
			                  : n                   ? a[0].f[i]
			                                        : "";
			if (i == ABOUT_TOLD_BY)
				html_printf(
				    b,
				    "<label for=\"about-%s\">%s</label><input type=\"text\" "
				    "id=\"about-%s\" name=\"%s\" value=\"%s\">",
				    name_i, core_about_labels[i], name_i, name_i, val);
			else
				html_printf(
				    b,
				    "<label for=\"about-%s\">%s</label><textarea id=\"about-%s\" "
				    "name=\"%s\" rows=\"2\">%s</textarea>",
				    name_i, core_about_labels[i], name_i, name_i, val);
			page_field_error(w, name_i);
		}
		html_raw(b, "<p><button type=\"submit\">Save (the earlier version is kept)</button>"
		            "</p></form>");
	}
	if (n > 1) {
		html_raw(b, "<h2>Earlier versions</h2>");
		for (size_t k = 1; k < n; k++) {
			char when[DATE_LEN];
			int day, min;
			date_local(a[k].created_at, w->setting.time_zone, &day, &min);
			date_format(day, when);
			html_printf(b,
			            "<details><summary>%s, written down by %s</summary><dl "
			            "class=\"facts\">",
			            when, a[k].recorded_by);
			for (int i = 0; i < ABOUT__MAX; i++)
				if (*a[k].f[i])
					html_printf(b, "<dt>%s</dt><dd>%s</dd>",
					            core_about_labels[i], a[k].f[i]);
			html_raw(b, "</dl></details>");
		}
	}
	page_end(w);
	return 0;
}

int page_obs_about(struct web *w)
{
	struct op_error e;
	if (!authz_observation_routines(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	if (audit_read(w->s, &w->who, "about.view", w->id[0], &e))
		return web_op_error(w, &e);
	return about_page(w, w->id[0]);
}

int page_obs_about_save(struct web *w)
{
	const char *raw[ABOUT__MAX];
	struct field_value v[ABOUT__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	if (!authz_child(w, w->id[0], CHILD_WRITE))
		return web_error(w, 404, "", "there is no such child");
	for (int i = 0; i < ABOUT__MAX; i++)
		raw[i] = web_field(w, core_about_fields[i].name);
	if (valid_record(core_about_fields, ABOUT__MAX, raw, v, w->a, &fe)) {
		refused(w, fe.field, arena_printf(w->a, "%s %s.", fe.field, fe.msg));
		return about_page(w, w->id[0]);
	}
	if (core_tx_begin(w->s, &e) ||
	    core_about_save(w->s, &w->who, w->me.staff_id, w->id[0], v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		refused(w, e.field, arena_printf(w->a, "%s.", e.msg));
		return about_page(w, w->id[0]);
	}
	return web_redirect(w, "/children/%lld/about", (long long)w->id[0]);
}

/* ---- settling in ---- */

/* What the family wrote of the visit in the portal, in their own words. */
static void family_view(struct web *w, int64_t child, int64_t visit)
{
	const char *text, *by;
	int64_t at;
	int day, minute;
	char d[DATE_LEN];
	core_portal_settling_view_get(w->s, w->me.setting_id, child, visit, w->a, &text, &at, &by);
	if (!*text)
		return;
	date_local(at, w->setting.time_zone, &day, &minute);
	date_format(day, d);
	html_printf(&w->resp->body,
	            "<blockquote class=\"family-view\"><p><strong>In the family's words</strong> "
	            "(%s%s%s, in the portal):</p><p>%s</p></blockquote>",
	            by, *by ? ", " : "", d, text);
}

static int settling_page(struct web *w, int64_t child)
{
	struct buf *b = &w->resp->body;
	struct settling_visit *v;
	size_t n;
	struct op_error e;
	int write = authz_child(w, child, CHILD_WRITE);
	const char *name = child_name(w, child);
	if (core_settling_list(w->s, w->me.setting_id, child, w->a, &v, &n, &e))
		return web_op_error(w, &e);
	page_begin(w, arena_printf(w->a, "Settling in: %s", name));
	html_printf(b, "<p class=\"noprint\"><a href=\"/children/%lld\">Back to %s's page</a></p>",
	            (long long)child, name);
	if (w->field_error[0])
		html_printf(b, "<div class=\"alert\" role=\"alert\">%s</div>", w->field_error[1]);
	if (!n)
		html_raw(b, "<p class=\"muted\">No settling-in visits planned.</p>");
	for (size_t i = 0; i < n; i++) {
		char from[TIME_LEN], to[TIME_LEN];
		time_format(v[i].start, from);
		time_format(v[i].end, to);
		html_printf(b,
		            "<section class=\"card visit\"><h2>%s, %s–%s%s%s</h2>"
		            "<p><strong>Plan:</strong> %s</p>",
		            v[i].date, from, to, *v[i].staff ? " with " : "", v[i].staff,
		            *v[i].plan ? v[i].plan : "—");
		family_view(w, child, v[i].id);
		if (write) {
			html_printf(
			    b, "<form method=\"post\" action=\"/children/%lld/settling/%lld\">",
			    (long long)child, (long long)v[i].id);
			page_csrf(w);
			html_printf(
			    b,
			    "<label for=\"notes-%lld\">Notes from the visit</label><textarea "
			    "id=\"notes-%lld\" name=\"notes\" rows=\"3\">%s</textarea>"
			    "<label for=\"view-%lld\">The parent's view</label><textarea "
			    "id=\"view-%lld\" name=\"parent_view\" rows=\"2\">%s</textarea>"
			    "<p><button type=\"submit\" class=\"secondary\">Save the notes</button>"
			    "</p></form>",
			    (long long)v[i].id, (long long)v[i].id, v[i].notes, (long long)v[i].id,
			    (long long)v[i].id, v[i].parent_view);
		} else {
			html_printf(b,
			            "<p><strong>Notes:</strong> %s</p><p><strong>The parent's "
			            "view:</strong> %s</p>",
			            v[i].notes, v[i].parent_view);
		}
		html_raw(b, "</section>");
	}
	if (write) {
		html_printf(b,
		            "<h2>Plan a visit</h2><form method=\"post\" "
		            "action=\"/children/%lld/settling\" class=\"card\">",
		            (long long)child);
		page_csrf(w);
		html_printf(b,
		            "<label for=\"visit-date\">Date</label><input type=\"date\" "
		            "id=\"visit-date\" name=\"date\" required value=\"%s\">",
		            web_field(w, "date"));
		page_field_error(w, "date");
		html_printf(
		    b,
		    "<label for=\"visit-time\">Time (HH:MM-HH:MM)</label><input type=\"text\" "
		    "class=\"span\" id=\"visit-time\" name=\"time\" required "
		    "placeholder=\"10:00-11:00\" value=\"%s\">",
		    web_field(w, "time"));
		page_field_error(w, "time");
		html_printf(
		    b,
		    "<label for=\"visit-plan\">What will happen (with the key person)</label>"
		    "<textarea id=\"visit-plan\" name=\"plan\" rows=\"2\">%s</textarea>",
		    web_field(w, "plan"));
		page_field_error(w, "plan");
		html_raw(b, "<p><button type=\"submit\">Plan the visit</button></p></form>");
	}
	page_end(w);
	return 0;
}

int page_obs_settling(struct web *w)
{
	struct op_error e;
	if (!authz_child(w, w->id[0], CHILD_RECORDS))
		return web_error(w, 404, "", "there is no such child");
	if (audit_read(w->s, &w->who, "settling.view", w->id[0], &e))
		return web_op_error(w, &e);
	return settling_page(w, w->id[0]);
}

/* The key person of the child on a day (0 when none). */
static int64_t key_person_on(struct web *w, int64_t child, const char *date)
{
	struct store_stmt *st = store_stmt(w->s, STMT_KEY_ON_CHILD);
	int64_t key = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, date);
	if (store_step(st) == STORE_ROW)
		key = store_col_int(st, 0);
	store_finish(st);
	return key;
}

int page_obs_settling_add(struct web *w)
{
	const char *raw[SETTLING__MAX];
	struct field_value v[SETTLING__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	if (!authz_child(w, w->id[0], CHILD_WRITE))
		return web_error(w, 404, "", "there is no such child");
	for (int i = 0; i < SETTLING__MAX; i++)
		raw[i] = web_field(w, core_settling_fields[i].name);
	if (valid_record(core_settling_fields, SETTLING__MAX, raw, v, w->a, &fe)) {
		refused(w, fe.field, arena_printf(w->a, "The %s %s.", fe.field, fe.msg));
		return settling_page(w, w->id[0]);
	}
	if (core_tx_begin(w->s, &e) ||
	    core_settling_add(w->s, &w->who, w->id[0],
	                      key_person_on(w, w->id[0], v[SETTLING_DATE].s), v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/children/%lld/settling", (long long)w->id[0]);
}

int page_obs_settling_note(struct web *w)
{
	struct op_error e;
	if (!authz_child(w, w->id[0], CHILD_WRITE))
		return web_error(w, 404, "", "there is no such child");
	if (core_tx_begin(w->s, &e) ||
	    core_settling_note(w->s, &w->who, w->id[0], w->id[1], web_field(w, "notes"),
	                       web_field(w, "parent_view"), &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/children/%lld/settling", (long long)w->id[0]);
}

/* ---- planned experiences ---- */

static int may_see_experience(struct web *w, const struct experience *x)
{
	return x->child_id ? authz_child(w, x->child_id, CHILD_RECORDS)
	                   : authz_observation_group(w, x->key_staff_id);
}

/* Is the key person of the experience (its group's, or the child's today) away today,
 * with the signed-in person their buddy? */
static int covering(struct web *w, const struct experience *x, const char *today)
{
	struct store_stmt *st;
	int64_t key = x->key_staff_id;
	int away = 0;
	if (!w->me.staff_id)
		return 0;
	if (x->child_id) {
		st = store_stmt(w->s, STMT_KEY_ON_CHILD);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, x->child_id);
		store_bind_text(st, 3, today);
		store_bind_text(st, 4, today);
		key = 0;
		if (store_step(st) == STORE_ROW && store_col_int(st, 1) == w->me.staff_id)
			key = store_col_int(st, 0);
		store_finish(st);
	} else {
		int buddy;
		if (key == w->me.staff_id)
			return 0;
		/* a key group's: the signed-in person is the buddy of one of its children */
		st = store_stmt(w->s, STMT_OBS_AUTHZ_BUDDY_OF);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, key);
		store_bind_int(st, 3, w->me.staff_id);
		store_bind_text(st, 4, today);
		store_bind_text(st, 5, today);
		buddy = store_step(st) == STORE_ROW;
		store_finish(st);
		if (!buddy)
			return 0;
	}
	if (!key)
		return 0;
	st = store_stmt(w->s, STMT_STAFF_ABSENT_ON);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, today);
	store_bind_text(st, 3, today);
	while (store_step(st) == STORE_ROW)
		away |= store_col_int(st, 0) == key;
	store_finish(st);
	return away;
}

static void experience_item(struct web *w, const struct experience *x, int cover)
{
	struct buf *b = &w->resp->body;
	html_raw(b, cover ? "<li class=\"covering\">" : "<li>");
	html_printf(b, "<strong>%s</strong> — %s: %s", x->planned_for,
	            x->child_id ? x->child : arena_printf(w->a, "%s's key group", x->key_person),
	            x->text);
	if (x->observation_id)
		html_printf(b, " (<a href=\"/observations/%lld\">from an observation</a>)",
		            (long long)x->observation_id);
	if (cover)
		html_raw(b, " <span class=\"tag buddy\">carried on by you today: the key person is "
		            "away</span>");
	if (strcmp(x->status, "done") == 0) {
		html_printf(b, " <span class=\"tag\">done%s%s</span>%s%s",
		            *x->done_by ? " by " : "", x->done_by, *x->done_note ? " — " : "",
		            x->done_note);
	} else {
		html_printf(
		    b, "<form method=\"post\" action=\"/planning/%lld/done\" class=\"inline\">",
		    (long long)x->id);
		page_csrf(w);
		html_printf(
		    b,
		    "<label for=\"done-%lld\" class=\"visually-hidden\">How it went</label>"
		    "<input type=\"text\" id=\"done-%lld\" name=\"note\" placeholder=\"How it "
		    "went\"> <button type=\"submit\" class=\"secondary\">Done</button></form>",
		    (long long)x->id, (long long)x->id);
	}
	html_raw(b, "</li>");
}

int page_obs_planning(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct experience *x;
	size_t n, shown = 0;
	struct op_error e;
	int today = date_today(w->setting.time_zone);
	char d[DATE_LEN];
	int *cover;
	date_format(today, d);
	if (core_experience_list(w->s, w->me.setting_id, today - 7, today + PLANNING_DAYS, w->a, &x,
	                         &n, &e))
		return web_op_error(w, &e);
	cover = arena_alloc(w->a, (n + 1) * sizeof *cover);
	page_begin(w, "Planning: experiences for children and key groups");
	if (w->field_error[0])
		html_printf(b, "<div class=\"alert\" role=\"alert\">%s</div>", w->field_error[1]);
	html_raw(b, "<h2>Carried on by you today</h2><ul class=\"plans\">");
	for (size_t i = 0; i < n; i++) {
		cover[i] = may_see_experience(w, &x[i]) && strcmp(x[i].planned_for, d) <= 0 &&
		           strcmp(x[i].status, "planned") == 0 && covering(w, &x[i], d);
		if (cover[i]) {
			experience_item(w, &x[i], 1);
			shown++;
		}
	}
	html_raw(b, "</ul>");
	if (!shown)
		html_raw(
		    b, "<p class=\"muted\">Nothing to carry on for a key person who is away.</p>");
	shown = 0;
	html_raw(b, "<h2>Planned</h2><ul class=\"plans\">");
	for (size_t i = 0; i < n; i++)
		if (!cover[i] && may_see_experience(w, &x[i])) {
			experience_item(w, &x[i], 0);
			shown++;
		}
	html_raw(b, "</ul>");
	if (!shown)
		html_raw(b, "<p class=\"muted\">Nothing planned for your children in these "
		            "weeks.</p>");
	html_raw(b, "<h2 id=\"plan\">Plan an experience</h2><form method=\"post\" "
	            "action=\"/planning\" class=\"card\">");
	page_csrf(w);
	html_printf(b, "<input type=\"hidden\" name=\"observation\" value=\"%s\">",
	            web_field(w, "observation"));
	html_printf(
	    b,
	    "<label for=\"plan-for\">For (a child's number, or leave empty for your key "
	    "group)</label><input type=\"text\" id=\"plan-for\" name=\"child\" value=\"%s\">",
	    web_field(w, "child"));
	page_field_error(w, "child");
	html_printf(b,
	            "<label for=\"plan-date\">Date</label><input type=\"date\" id=\"plan-date\" "
	            "name=\"planned_for\" required value=\"%s\">",
	            *web_field(w, "planned_for") ? web_field(w, "planned_for") : d);
	page_field_error(w, "planned_for");
	html_printf(b,
	            "<label for=\"plan-text\">What is planned (a next step)</label><textarea "
	            "id=\"plan-text\" name=\"text\" rows=\"3\" required>%s</textarea>",
	            web_field(w, "text"));
	page_field_error(w, "text");
	html_raw(b, "<p><button type=\"submit\">Plan it</button></p></form>");
	page_end(w);
	return 0;
}

int page_obs_planning_add(struct web *w)
{
	const char *raw[EXPERIENCE__MAX];
	struct field_value v[EXPERIENCE__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t id, child = 0, group = 0, obs = 0;
	long k;
	const char *c = web_field(w, "child"), *o = web_field(w, "observation");
	for (int i = 0; i < EXPERIENCE__MAX; i++)
		raw[i] = web_field(w, core_experience_fields[i].name);
	if (*c && parse_long(c, 1, INT64_MAX, &k) != 0) {
		refused(w, "child", "The child is a child's number.");
		return page_obs_planning(w);
	}
	child = *c ? k : 0;
	if (*o && parse_long(o, 1, INT64_MAX, &k) == 0 && authz_observation_read(w, k))
		obs = k;
	if (child && !authz_child(w, child, CHILD_WRITE))
		return web_error(w, 404, "child", "there is no such child");
	if (!child) {
		group = w->me.staff_id;
		if (!authz_observation_group(w, group))
			return web_error(w, 403, "child",
			                 "choose a child: only a key person plans for a key group");
	}
	if (valid_record(core_experience_fields, EXPERIENCE__MAX, raw, v, w->a, &fe)) {
		refused(w, fe.field, arena_printf(w->a, "The %s %s.", fe.field, fe.msg));
		return page_obs_planning(w);
	}
	if (core_tx_begin(w->s, &e) ||
	    core_experience_add(w->s, &w->who, w->me.staff_id, child, group, obs, v, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/planning");
}

int page_obs_planning_done(struct web *w)
{
	struct op_error e;
	int64_t child = 0, group = 0;
	if (core_experience_owner(w->s, w->me.setting_id, w->id[0], &child, &group, &e) ||
	    !(child ? authz_child(w, child, CHILD_WRITE) : authz_observation_group(w, group)))
		return web_error(w, 404, "", "there is no such planned experience");
	if (core_tx_begin(w->s, &e) ||
	    core_experience_done(w->s, &w->who, w->me.staff_id, w->id[0], web_field(w, "note"),
	                         &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/planning");
}
