/*
 * page_obs.c — observations on the web: GET /observations (the recent
 * observations of the children whose records one may read, with a link to
 * write one), GET /observations/new (?child= chosen), POST /observations
 * (urlencoded or multipart with up to OBS_PHOTOS_MAX "photo" parts; several
 * "children" and "areas" fields), GET /observations/:id, the photos at
 * GET /observations/photos/:id, a child's observations at
 * GET /children/:id/observations, and the section the child's page shows.
 * Every read of a child's records writes its audit row first (one
 * transaction for all the children a page shows).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "page_obs.h"
#include "page_setup.h"

#define OBS_LIST_MAX 50
#define OBS_LIST_SCAN 400

/* One audit row per child whose records are shown, in one transaction;
 * when they cannot be written, nothing is shown. */
static int audit_children(struct web *w, const char *action, const int64_t *ids, size_t n)
{
	struct op_error e;
	if (n == 0)
		return 0;
	if (core_tx_begin(w->s, &e))
		return web_op_error(w, &e), -1;
	for (size_t i = 0; i < n; i++)
		if (audit_write(w->s, &w->who, action, "child", ids[i], ids[i], "", &e)) {
			store_rollback(w->s);
			return web_op_error(w, &e), -1;
		}
	if (core_tx_commit(w->s, &e))
		return web_op_error(w, &e), -1;
	return 0;
}

/* The children of observations o[0..n) whose records the person reads (no repeats). */
static int64_t *readable_children(struct web *w, const struct observation *o, size_t n,
                                  size_t *count)
{
	size_t cap = 0;
	int64_t *ids = NULL;
	*count = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < o[i].nchildren; k++) {
			int64_t id = o[i].children[k].id;
			int seen = 0;
			for (size_t j = 0; j < *count && !seen; j++)
				seen = ids[j] == id;
			if (seen || !(authz_child(w, id, CHILD_RECORDS) ||
			              authz_child(w, id, CHILD_PORTAL)))
				continue;
			if (*count == cap) {
				int64_t *g;
				cap = cap ? 2 * cap : 16;
				g = arena_alloc(w->a, cap * sizeof *g);
				if (*count)
					memcpy(g, ids, *count * sizeof *g);
				ids = g;
			}
			ids[(*count)++] = id;
		}
	return ids;
}

static const char *area_name(const struct obs_area *areas, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(areas[i].code, code) == 0)
			return areas[i].name;
	return code;
}

/* The families' replies to an observation (from the portal), for the staff. */
static void replies(struct web *w, int64_t obs_id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_OBS_REPLIES);
	int n = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, obs_id);
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_raw(b, "<h4>Replies</h4><ul class=\"replies\">");
		html_printf(b, "<li><strong>%s</strong>%s: %s</li>", store_col_text(st, 0),
		            store_col_int(st, 1) ? " (family)" : "", store_col_text(st, 2));
	}
	store_finish(st);
	if (n)
		html_raw(b, "</ul>");
}

void page_obs_render(struct web *w, const struct observation *o, int link)
{
	struct buf *b = &w->resp->body;
	int staff = (w->me.roles & ROLES_STAFF) != 0;
	struct obs_area *areas = NULL;
	size_t nareas = 0;
	struct op_error e;
	if (o->nareas && core_obs_areas(w->s, w->a, &areas, &nareas, &e) != 0)
		nareas = 0;
	html_printf(b, "<article class=\"card observation\" id=\"observation-%lld\"><h3>",
	            (long long)o->id);
	for (size_t i = 0; i < o->nchildren; i++) {
		const struct obs_child *c = &o->children[i];
		if (i)
			html_raw(b, ", ");
		if (!authz_observation_name_visible(w, o->id, c->id))
			html_raw(b, "<span class=\"muted\">another child</span>");
		else if (staff && authz_child(w, c->id, CHILD_BASIC))
			html_printf(b, "<a href=\"/children/%lld/observations\">%s</a>",
			            (long long)c->id, c->name);
		else
			html_printf(b, "%s", c->name);
	}
	if (link)
		html_printf(b, " — <a href=\"/observations/%lld\">%s</a></h3>", (long long)o->id,
		            o->date);
	else
		html_printf(b, " — %s</h3>", o->date);
	html_printf(b, "<p class=\"muted\">By %s · ", *o->author ? o->author : "a parent");
	html_raw(b, o->shared ? "<span class=\"tag\">shared with the family</span></p>"
	                      : "<span class=\"tag\">not shared</span></p>");
	if (o->nareas) {
		html_raw(b, "<p class=\"areas\">");
		for (size_t i = 0; i < o->nareas; i++)
			html_printf(b, "<span class=\"tag area\" title=\"%s\">%s</span> ",
			            area_name(areas, nareas, o->areas[i]), o->areas[i]);
		html_raw(b, "</p>");
	}
	html_printf(b, "<p class=\"obs-text\">%s</p>", o->text);
	if (*o->next_steps)
		html_printf(b, "<p><strong>Next steps:</strong> %s</p>", o->next_steps);
	if (*o->next_steps && staff && o->nchildren &&
	    authz_observation_write(w, o->children[0].id))
		html_printf(
		    b,
		    "<p class=\"noprint\"><a href=\"/planning?child=%lld&amp;observation=%lld"
		    "&amp;text=%s#plan\">Plan the next step</a></p>",
		    (long long)o->children[0].id, (long long)o->id,
		    page_setup_url(w, o->next_steps));
	if (o->nphotos && authz_observation_photo(w, o->id)) {
		html_raw(b, "<p class=\"obs-photos\">");
		for (size_t i = 0; i < o->nphotos; i++)
			html_printf(b,
			            "<img src=\"/observations/photos/%lld\" alt=\"Photo %zu of the "
			            "observation of %s\" width=\"240\" loading=\"lazy\"> ",
			            (long long)o->photos[i], i + 1, o->date);
		html_raw(b, "</p>");
	} else if (o->nphotos) {
		html_raw(b, "<p class=\"muted\">Photos are not shown: not every family in this "
		            "observation has agreed to share them.</p>");
	}
	if (staff)
		replies(w, o->id);
	html_raw(b, "</article>");
}

/* ---- the form ---- */

static int checked_in(struct web *w, const char *field, const char *value)
{
	const struct kv_list *l = &w->req->form;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, field) == 0 && strcmp(l->v[i].val, value) == 0)
			return 1;
	if (strcmp(field, "children") == 0 && strcmp(web_field(w, "child"), value) == 0)
		return 1;
	return 0;
}

static void obs_form(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct obs_area *areas;
	size_t nareas;
	struct op_error e;
	struct coverage c;
	int today = date_today(w->setting.time_zone);
	const char *date = web_field(w, "date");
	char d[DATE_LEN];
	int64_t room = -1;
	int any = 0;
	date_format(today, d);
	html_raw(b, "<form method=\"post\" action=\"/observations\" "
	            "enctype=\"multipart/form-data\" class=\"card\">");
	page_csrf(w);
	if (w->field_error[0])
		html_printf(b, "<div class=\"alert\" role=\"alert\">%s</div>", w->field_error[1]);
	html_raw(b, "<fieldset><legend>Children</legend>");
	page_field_error(w, "children");
	if (core_coverage_load(w->s, w->me.setting_id, today, 1, &c, &e) == 0) {
		for (size_t i = 0; i < c.nchildren; i++) {
			const struct coverage_child *ch = &c.children[i];
			const char *id;
			if (!authz_observation_write(w, ch->id))
				continue;
			if (ch->room_id != room) {
				html_printf(b, "<p class=\"hint\">%s</p>", ch->room);
				room = ch->room_id;
			}
			id = arena_printf(w->a, "%lld", (long long)ch->id);
			html_printf(
			    b,
			    "<div class=\"check\"><input type=\"checkbox\" name=\"children\" "
			    "id=\"child-%s\" value=\"%s\"%s><label for=\"child-%s\">%s</label>"
			    "</div>",
			    id, id, checked_in(w, "children", id) ? " checked" : "", id, ch->name);
			any = 1;
		}
	}
	core_coverage_free(&c);
	if (!any)
		html_raw(b, "<p class=\"nobody\">There are no children you may write observations "
		            "for.</p>");
	html_raw(b, "</fieldset>");
	html_printf(b,
	            "<label for=\"obs-date\">Date</label><input type=\"date\" id=\"obs-date\" "
	            "name=\"date\" required value=\"%s\">",
	            *date ? date : d);
	page_field_error(w, "date");
	html_printf(b,
	            "<label for=\"obs-text\">What you saw and heard</label>"
	            "<textarea id=\"obs-text\" name=\"text\" rows=\"6\" required>%s</textarea>",
	            web_field(w, "text"));
	page_field_error(w, "text");
	html_raw(b, "<fieldset><legend>Areas of learning</legend>");
	page_field_error(w, "areas");
	if (core_obs_areas(w->s, w->a, &areas, &nareas, &e) == 0)
		for (size_t i = 0; i < nareas; i++)
			html_printf(b,
			            "<div class=\"check\"><input type=\"checkbox\" name=\"areas\" "
			            "id=\"area-%s\" value=\"%s\"%s><label for=\"area-%s\">%s (%s)%s"
			            "</label></div>",
			            areas[i].code, areas[i].code,
			            checked_in(w, "areas", areas[i].code) ? " checked" : "",
			            areas[i].code, areas[i].name, areas[i].code,
			            areas[i].prime ? " — prime" : "");
	html_raw(b, "</fieldset>");
	html_printf(b,
	            "<label for=\"obs-next\">Next steps</label>"
	            "<textarea id=\"obs-next\" name=\"next_steps\" rows=\"3\">%s</textarea>",
	            web_field(w, "next_steps"));
	page_field_error(w, "next_steps");
	html_printf(b,
	            "<div class=\"check\"><input type=\"checkbox\" id=\"obs-shared\" "
	            "name=\"shared\" value=\"yes\"%s><label for=\"obs-shared\">Share with the "
	            "family</label></div>",
	            strcmp(web_field(w, "shared"), "yes") == 0 ? " checked" : "");
	html_printf(b,
	            "<label for=\"obs-photo\">Photos (JPEG or PNG, at most 5 MB each, up to "
	            "%d)</label><input type=\"file\" id=\"obs-photo\" name=\"photo\" "
	            "accept=\"image/jpeg,image/png\" multiple>",
	            OBS_PHOTOS_MAX);
	page_field_error(w, "photo");
	html_raw(b, "<p class=\"hint\">Location and camera details are removed from photos "
	            "before they are kept.</p><p><button type=\"submit\">Save the "
	            "observation</button></p></form>");
}

int page_obs_new(struct web *w)
{
	page_begin(w, "New observation");
	obs_form(w);
	page_end(w);
	return 0;
}

/* Several values of one field joined by ';' (checkboxes). */
static const char *joined(struct web *w, const char *field)
{
	const struct kv_list *l = &w->req->form;
	const char *s = "";
	int n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, field) == 0 && *l->v[i].val)
			s = arena_printf(w->a, "%s%s%s", s, n++ ? ";" : "", l->v[i].val);
	return s;
}

static int refuse_form(struct web *w, int status, const char *field, const char *msg)
{
	w->field_error[0] = arena_strdup(w->a, field);
	w->field_error[1] = arena_strdup(w->a, msg);
	w->resp->status = status;
	buf_reset(&w->resp->body);
	page_begin(w, "New observation");
	obs_form(w);
	page_end(w);
	return 0;
}

int page_obs_add(struct web *w)
{
	const char *raw[OBS__MAX];
	struct field_value v[OBS__MAX];
	struct field_error fe;
	struct op_error e;
	int64_t ids[OBS_CHILDREN_MAX], id;
	size_t nids = 0, nphotos = 0;
	struct obs_photo_in photos[OBS_PHOTOS_MAX];
	const struct kv_list *l = &w->req->form;

	for (size_t i = 0; i < OBS__MAX; i++)
		raw[i] = web_field(w, core_obs_fields[i].name);
	raw[OBS_AREAS] = joined(w, "areas");
	raw[OBS_CHILDREN] = joined(w, "children");
	if (!*raw[OBS_SHARED])
		raw[OBS_SHARED] = "no";
	if (valid_record(core_obs_fields, OBS__MAX, raw, v, w->a, &fe) != 0)
		return refuse_form(w, 422, fe.field,
		                   strcmp(fe.field, "children") == 0
		                       ? "Choose at least one child."
		                       : arena_printf(w->a, "The %s %s.", fe.field, fe.msg));
	if (core_obs_children(raw[OBS_CHILDREN], ids, &nids, &e) != 0)
		return refuse_form(w, 422, e.field, arena_printf(w->a, "Children: %s.", e.msg));
	for (size_t i = 0; i < nids; i++)
		if (!authz_observation_write(w, ids[i]))
			return web_error(w, 404, "children",
			                 "there is no child %" PRId64 " you may write about",
			                 ids[i]);
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->v[i].key, "photo") != 0 || l->v[i].len == 0)
			continue;
		if (nphotos == OBS_PHOTOS_MAX)
			return refuse_form(w, 422, "photo",
			                   arena_printf(w->a,
			                                "At most %d photos in one observation.",
			                                OBS_PHOTOS_MAX));
		photos[nphotos].bytes = (const unsigned char *)l->v[i].val;
		photos[nphotos++].len = l->v[i].len;
	}
	if (core_tx_begin(w->s, &e) ||
	    core_observation_add(w->s, &w->who, w->me.staff_id, v, ids, nids, photos, nphotos, &id,
	                         &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		return refuse_form(w, 422, e.field,
		                   strcmp(e.field, "photo") == 0
		                       ? arena_printf(w->a, "The file %s.", e.msg)
		                       : arena_printf(w->a, "The %s: %s.", e.field, e.msg));
	}
	return web_redirect(w, "/children/%lld/observations#observation-%lld", (long long)ids[0],
	                    (long long)id);
}

int page_obs_one(struct web *w)
{
	struct observation o;
	struct op_error e;
	int64_t *ids;
	size_t n;
	if (!authz_observation_read(w, w->id[0]) ||
	    core_observation_get(w->s, w->me.setting_id, w->id[0], w->a, &o, &e) != 0)
		return web_error(w, 404, "", "there is no such observation");
	ids = readable_children(w, &o, 1, &n);
	if (audit_children(w, "observation.view", ids, n))
		return 0;
	page_begin(w, arena_printf(w->a, "Observation of %s", o.date));
	page_obs_render(w, &o, 0);
	page_end(w);
	return 0;
}

int page_obs_photo(struct web *w)
{
	struct op_error e;
	int64_t obs;
	const char *mime;
	const void *bytes;
	size_t len;
	if (core_observation_photo(w->s, w->me.setting_id, w->id[0], w->a, &obs, &mime, &bytes,
	                           &len, &e) != 0 ||
	    !authz_observation_photo(w, obs))
		return web_error(w, 404, "", "there is no such photo");
	w->resp->bytes = bytes;
	w->resp->bytes_len = len;
	w->resp->content_type = mime;
	w->resp->cache_control = "private, no-store";
	return 0;
}

struct readable_ctx {
	struct web *w;
	struct authz_obs_cache cache;
};

int page_obs_readable(void *ctx, int64_t observation_id)
{
	struct readable_ctx *r = ctx;
	return authz_observation_read_cached(r->w, &r->cache, observation_id);
}

void *page_obs_readable_new(struct web *w)
{
	struct readable_ctx *r = arena_alloc(w->a, sizeof *r);
	memset(r, 0, sizeof *r);
	r->w = w;
	return r;
}

int page_obs_list(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct observation *shown;
	struct op_error e;
	size_t k, nids;
	int64_t *ids;
	int today = date_today(w->setting.time_zone);
	const struct obs_keep keep = {page_obs_readable, page_obs_readable_new(w), OBS_LIST_MAX};
	if (core_observation_recent(w->s, w->me.setting_id, today - 7 * OBS_WEEKS_MAX,
	                            OBS_LIST_SCAN, &keep, w->a, &shown, &k, &e) != 0)
		return web_op_error(w, &e);
	ids = readable_children(w, shown, k, &nids);
	if (audit_children(w, "observation.list", ids, nids))
		return 0;
	page_begin(w, "Observations");
	html_raw(b, "<p class=\"noprint\"><a class=\"button\" href=\"/observations/new\">Write an "
	            "observation</a> <a class=\"button secondary\" href=\"/coverage\">Coverage</a> "
	            "<a class=\"button secondary\" href=\"/planning\">Planning</a></p>");
	if (!k)
		html_raw(b, "<p class=\"muted\">No observations of your children yet.</p>");
	for (size_t i = 0; i < k; i++)
		page_obs_render(w, &shown[i], 1);
	page_end(w);
	return 0;
}

int page_obs_child(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct observation *o;
	struct op_error e;
	size_t n;
	int64_t child = w->id[0];
	const char *name;
	struct store_stmt *st;
	if (!authz_child(w, child, CHILD_RECORDS))
		return web_error(w, 404, "", "there is no such child");
	if (core_observation_of_child(w->s, w->me.setting_id, child, 200, NULL, w->a, &o, &n, &e) !=
	    0)
		return web_op_error(w, &e);
	if (audit_children(w, "observation.list", &child, 1))
		return 0;
	st = store_stmt(w->s, STMT_SETUP_CHILD_GET);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child);
	name = store_step(st) == STORE_ROW
	           ? arena_printf(w->a, "%s %s",
	                          *store_col_text(st, 4) ? store_col_text(st, 4)
	                                                 : store_col_text(st, 2),
	                          store_col_text(st, 3))
	           : "";
	store_finish(st);
	page_begin(w, arena_printf(w->a, "Observations of %s", name));
	html_printf(
	    b,
	    "<p class=\"noprint\"><a class=\"button\" href=\"/observations/new?child=%lld\">"
	    "Write an observation</a> <a href=\"/children/%lld\">Back to %s's page</a></p>",
	    (long long)child, (long long)child, name);
	html_raw(b, "<h2>Coverage</h2>");
	page_obs_child_coverage(w, child);
	html_printf(b, "<h2>Observations (%zu)</h2>", n);
	if (!n)
		html_raw(b, "<p class=\"muted\">No observations yet.</p>");
	for (size_t i = 0; i < n; i++)
		page_obs_render(w, &o[i], 1);
	page_end(w);
	return 0;
}

void page_obs_child_section(struct web *w, int64_t child_id)
{
	struct buf *b = &w->resp->body;
	struct about *a;
	size_t n = 0;
	struct op_error e;
	int records = authz_child(w, child_id, CHILD_RECORDS);
	if (!authz_observation_routines(w, child_id))
		return;
	html_raw(b, "<h2 id=\"routines\">All about me and routines</h2>");
	if (core_about_history(w->s, w->me.setting_id, child_id, 1, w->a, &a, &n, &e) == 0 && n) {
		html_raw(b, "<dl class=\"facts card\">");
		for (int i = 0; i < ABOUT_TOLD_BY; i++)
			if (*a[0].f[i])
				html_printf(b, "<dt>%s</dt><dd>%s</dd>", core_about_labels[i],
				            a[0].f[i]);
		html_raw(b, "</dl>");
	} else {
		html_raw(b, "<p class=\"muted\">Nothing recorded yet.</p>");
	}
	html_printf(b, "<p class=\"noprint\"><a href=\"/children/%lld/about\">All about me%s</a>",
	            (long long)child_id, authz_child(w, child_id, CHILD_WRITE) ? " (update)" : "");
	if (records)
		html_printf(b,
		            " · <a href=\"/children/%lld/observations\">Observations and "
		            "coverage</a> · <a href=\"/children/%lld/settling\">Settling in</a>"
		            " · <a href=\"/observations/new?child=%lld\">Write an observation</a>",
		            (long long)child_id, (long long)child_id, (long long)child_id);
	html_raw(b, "</p>");
}
