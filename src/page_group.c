/*
 * page_group.c — the group dashboard and the choice of the current setting
 * (page_group.h). The group manager's lines come from core_group_line for
 * each setting authz_group_setting allows; a line links to the setting's
 * own dashboards (by making it current) only when the person holds a role
 * there (authz_setting_switch): the group role opens no page of a setting.
 */
#include "page_group.h"

#include <jansson.h>
#include <string.h>

#include "core_group.h"
#include "util.h"

#define GROUP_DENIED "the group dashboard is a group manager's"

/* The lines of every setting of the groups the person manages. */
struct group_view {
	struct group_setting *groups;
	size_t ngroups;
	struct group_line **lines; /* per group */
	size_t *nlines;
};

static int load_view(struct web *w, struct group_view *v, struct op_error *e)
{
	memset(v, 0, sizeof *v);
	if (core_group_managed(w->s, w->me.user_id, w->a, &v->groups, &v->ngroups, e))
		return -1;
	v->lines = arena_alloc(w->a, (v->ngroups + 1) * sizeof(struct group_line *));
	v->nlines = arena_alloc(w->a, (v->ngroups + 1) * sizeof *v->nlines);
	for (size_t g = 0; g < v->ngroups; g++) {
		struct group_setting *gs;
		size_t n;
		if (core_group_settings(w->s, v->groups[g].id, w->a, &gs, &n, e))
			return -1;
		v->lines[g] = arena_alloc(w->a, (n + 1) * sizeof **v->lines);
		v->nlines[g] = 0;
		for (size_t i = 0; i < n; i++) {
			if (!authz_group_setting(w, gs[i].id))
				continue;
			if (core_group_line(w->s, gs[i].id, -1, w->a, &v->lines[g][v->nlines[g]],
			                    e))
				return -1;
			v->nlines[g]++;
		}
	}
	return 0;
}

static void switch_form(struct web *w, int64_t setting_id, const char *label)
{
	html_printf(&w->resp->body,
	            "<form method=\"post\" action=\"/setting\" class=\"inline\">"
	            "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	            "<input type=\"hidden\" name=\"setting\" value=\"%lld\">"
	            "<button type=\"submit\">%s</button></form>",
	            w->me.csrf, (long long)setting_id, label);
}

int page_group(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct group_view v;
	struct op_error e;
	if (!authz_group_dashboard(w))
		return web_error(w, 403, "", GROUP_DENIED);
	if (load_view(w, &v, &e))
		return web_op_error(w, &e);
	page_begin(w, "Group dashboard");
	html_raw(b, "<p>Each setting's day in numbers: who is expected, who greets and hands "
	            "over, ratios, and what is outstanding. Children's names and records stay "
	            "with each setting's own staff.</p>");
	for (size_t g = 0; g < v.ngroups; g++) {
		html_printf(b,
		            "<h2>%s</h2><table class=\"group\"><thead><tr><th>Setting</th>"
		            "<th>Date</th><th>Children expected</th><th>Signed in</th>"
		            "<th>Greets and hand-overs with nobody who knows the child</th>"
		            "<th>Ratio slots short (planned)</th><th>Checks at two due</th>"
		            "<th>Weekly updates outstanding</th><th>Handovers not acknowledged</th>"
		            "<th>Accidents awaiting Ofsted notification</th>"
		            "<th>Policy signatures outstanding</th><th></th></tr></thead><tbody>",
		            v.groups[g].name);
		for (size_t i = 0; i < v.nlines[g]; i++) {
			const struct group_line *l = &v.lines[g][i];
			html_printf(
			    b,
			    "<tr data-setting=\"%lld\"><th scope=\"row\">%s</th><td>%s</td>"
			    "<td>%d</td><td>%d</td><td>%d</td><td>%d%s%s%s</td><td>%d</td>"
			    "<td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>",
			    (long long)l->setting_id, l->setting, l->date, l->expected, l->present,
			    l->nobody, l->ratio_short, *l->rooms_short ? " (" : "", l->rooms_short,
			    *l->rooms_short ? ")" : "", l->twoyear_due, l->weekly_outstanding,
			    l->handovers, l->ofsted_awaiting, l->signatures);
			if (l->setting_id == w->me.setting_id && w->me.roles)
				html_raw(b, "<a href=\"/\">Current setting</a>");
			else if (authz_setting_switch(w, l->setting_id))
				switch_form(w, l->setting_id, "Open its dashboards");
			html_raw(b, "</td></tr>");
		}
		html_raw(b, "</tbody></table>");
	}
	page_end(w);
	return 200;
}

int api_group(struct web *w)
{
	struct group_view v;
	struct op_error e;
	json_t *groups;
	if (!authz_group_dashboard(w))
		return web_error(w, 403, "", GROUP_DENIED);
	if (load_view(w, &v, &e))
		return web_op_error(w, &e);
	groups = json_array();
	for (size_t g = 0; g < v.ngroups; g++) {
		json_t *list = json_array();
		for (size_t i = 0; i < v.nlines[g]; i++) {
			const struct group_line *l = &v.lines[g][i];
			json_array_append_new(
			    list,
			    json_pack(
			        "{s:I, s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:s, s:i, s:i, s:i, s:i, "
			        "s:i, s:b}",
			        "id", (json_int_t)l->setting_id, "name", l->setting, "date",
			        l->date, "children_expected", l->expected, "children_signed_in",
			        l->present, "uncovered", l->nobody, "ratio_slots_short",
			        l->ratio_short, "setting_slots_short", l->setting_short,
			        "rooms_short", l->rooms_short, "twoyear_due", l->twoyear_due,
			        "weekly_outstanding", l->weekly_outstanding,
			        "handovers_unacknowledged", l->handovers, "ofsted_awaiting",
			        l->ofsted_awaiting, "signatures_outstanding", l->signatures,
			        "member", authz_setting_switch(w, l->setting_id)));
		}
		json_array_append_new(groups,
		                      json_pack("{s:I, s:s, s:o}", "id", (json_int_t)v.groups[g].id,
		                                "name", v.groups[g].name, "settings", list));
	}
	return web_json(w, 200, json_pack("{s:o}", "groups", groups));
}

int page_group_settings(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_GROUP_USER_SETTINGS);
	int any = 0;
	page_begin(w, "Your settings");
	html_raw(b, "<p>The settings where you hold a role. Your pages show one of them at a "
	            "time.</p><ul>");
	store_bind_int(st, 1, w->me.user_id);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		any = 1;
		html_printf(b, "<li>%s ", store_col_text(st, 1));
		if (id == w->me.setting_id)
			html_raw(b, "(current)");
		else
			switch_form(w, id, "Make current");
		html_raw(b, "</li>");
	}
	store_finish(st);
	html_raw(b, "</ul>");
	if (!any)
		html_raw(b, "<p>You hold no role in any setting.</p>");
	if (authz_group_dashboard(w))
		html_raw(b, "<p><a href=\"/group\">The group dashboard</a></p>");
	page_end(w);
	return 200;
}

int page_group_switch(struct web *w)
{
	const char *raw = web_field(w, "setting");
	struct op_error e;
	long id;
	if (!raw || parse_long(raw, 1, INT64_MAX, &id) != 0)
		return web_error(w, 422, "setting", "setting: give the number of a setting");
	if (!authz_setting_switch(w, id))
		return web_error(w, 403, "setting", "setting: you hold no role in that setting");
	/* it writes the new setting's audit chain: take that setting's writer lock */
	store_set_scope(w->s, id);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_group_switch(w->s, &w->who, w->me.token_hash, id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/");
}

void page_group_nav(struct web *w)
{
	if (authz_group_dashboard(w))
		html_raw(&w->resp->body, "<li><a href=\"/group\">Group</a></li>");
}
