/*
 * api_portal.c — the parent portal as JSON under /api/v1/family (the same
 * reads and rules as page_portal.c; authz.c decides):
 *
 *   GET  /api/v1/family/children                 the family's children, key person, buddy
 *   GET  /api/v1/family/children/:id             a child: key person and buddy with the
 *                                                days and times they are in this week
 *   GET  /api/v1/family/children/:id/diary?date= the published diary of a day (today)
 *   GET  /api/v1/family/children/:id/observations  shared observations
 *   GET  /api/v1/family/children/:id/messages    the thread (family, or staff who may answer)
 *   POST /api/v1/family/children/:id/messages    {"text"}: 201 {"id"}
 *   POST /api/v1/family/children/:id/absences    {"date"?, "reason", "note"?}: 201 {"id"}
 *   GET  /api/v1/family/messages/:id             one message of a thread one may read
 *
 * A child, message or observation the person may not see is 404, like a
 * missing one; a bad field is 422 naming it; malformed JSON 400.
 */
#include <inttypes.h>
#include <string.h>

#include "core_portal.h"
#include "date.h"
#include "page_portal.h"

static int today_of(struct web *w)
{
	return date_today(w->setting.time_zone);
}

static json_t *staff_json(struct web *w, int64_t id, const char *name, int photo)
{
	return json_pack("{s:I, s:s, s:o}", "id", (json_int_t)id, "name", name, "photo",
	                 photo ? json_string(arena_printf(w->a, "/staff/%" PRId64 "/photo", id))
	                       : json_null());
}

static json_t *week_json(struct web *w, int64_t staff_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_STAFF_WEEK);
	int today = today_of(w), monday = today - date_weekday(today);
	char from[DATE_LEN], to[DATE_LEN];
	json_t *a = json_array();
	date_format(monday, from);
	date_format(monday + 7, to);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, staff_id);
	store_bind_text(st, 3, from);
	store_bind_text(st, 4, to);
	while (store_step(st) == STORE_ROW) {
		char s[TIME_LEN], e[TIME_LEN];
		time_format((int)store_col_int(st, 1), s);
		time_format((int)store_col_int(st, 2), e);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "date", store_col_text(st, 0),
		                                   "start", s, "end", e));
	}
	store_finish(st);
	return a;
}

/* {"key_person", "buddy"} of the child today (null when none), with weeks when asked. */
static void key_json(struct web *w, int64_t child_id, json_t *o, int weeks)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_KEY);
	char d[DATE_LEN];
	int64_t ids[2] = {0, 0};
	date_format(today_of(w), d);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, d);
	store_bind_text(st, 4, d);
	json_object_set_new(o, "key_person", json_null());
	json_object_set_new(o, "buddy", json_null());
	if (store_step(st) == STORE_ROW) {
		ids[0] = store_col_int(st, 0);
		ids[1] = store_col_int(st, 3);
		json_object_set_new(
		    o, "key_person",
		    staff_json(w, ids[0], store_col_text(st, 1), (int)store_col_int(st, 2)));
		json_object_set_new(
		    o, "buddy",
		    staff_json(w, ids[1], store_col_text(st, 4), (int)store_col_int(st, 5)));
	}
	store_finish(st);
	if (weeks && ids[0]) {
		json_object_set_new(json_object_get(o, "key_person"), "this_week",
		                    week_json(w, ids[0]));
		json_object_set_new(json_object_get(o, "buddy"), "this_week", week_json(w, ids[1]));
	}
}

static int mine(struct web *w, int64_t child_id)
{
	return authz_child(w, child_id, CHILD_PORTAL);
}

int api_portal_children(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_CHILDREN);
	json_t *out = json_array();
	int64_t ids[64];
	size_t n = 0;
	char d[DATE_LEN];
	date_format(today_of(w), d);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	store_bind_text(st, 3, d);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(ids))
		ids[n++] = store_col_int(st, 0);
	store_finish(st);
	for (size_t i = 0; i < n; i++) {
		json_t *o;
		if (!mine(w, ids[i]))
			continue;
		o = json_pack("{s:I, s:s}", "id", (json_int_t)ids[i], "name",
		              portal_child_name(w, ids[i]));
		key_json(w, ids[i], o, 0);
		json_array_append_new(out, o);
	}
	return web_json(w, 200, json_pack("{s:o}", "children", out));
}

int api_portal_child(struct web *w)
{
	json_t *o;
	if (!mine(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	o = json_pack("{s:I, s:s}", "id", (json_int_t)w->id[0], "name",
	              portal_child_name(w, w->id[0]));
	key_json(w, w->id[0], o, 1);
	json_object_set_new(o, "key_person_away", json_boolean(authz_portal_key_away(w, w->id[0])));
	return web_json(w, 200, o);
}

int api_portal_diary(struct web *w)
{
	struct store_stmt *st;
	const char *q = web_field(w, "date");
	char d[DATE_LEN];
	json_t *a;
	int day;
	if (!mine(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	if (*q && date_parse(q, &day) != 0)
		return web_error(w, 422, "date", "is not a date (YYYY-MM-DD)");
	date_format(*q ? day : today_of(w), d);
	a = json_array();
	st = store_stmt(w->s, STMT_PORTAL_DIARY);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	store_bind_text(st, 3, d);
	while (store_step(st) == STORE_ROW) {
		json_t *e = json_pack("{s:s, s:s}", "kind", store_col_text(st, 0), "detail",
		                      store_col_text(st, 3));
		for (int i = 1; i <= 2; i++) {
			char t[TIME_LEN];
			if (store_col_int(st, i) < 0) {
				json_object_set_new(e, i == 1 ? "start" : "end", json_null());
				continue;
			}
			time_format((int)store_col_int(st, i), t);
			json_object_set_new(e, i == 1 ? "start" : "end", json_string(t));
		}
		json_array_append_new(a, e);
	}
	store_finish(st);
	return web_json(w, 200, json_pack("{s:s, s:o}", "date", d, "entries", a));
}

int api_portal_observations(struct web *w)
{
	struct store_stmt *st;
	json_t *a;
	int64_t ids[30];
	json_t *obs[30];
	size_t n = 0;
	if (!mine(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	a = json_array();
	st = store_stmt(w->s, STMT_PORTAL_OBSERVATIONS);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(ids)) {
		int fam = store_col_int(st, 6) != 0;
		ids[n] = store_col_int(st, 0);
		obs[n++] = json_pack(
		    "{s:I, s:s, s:s, s:s, s:s, s:b}", "id", (json_int_t)store_col_int(st, 0),
		    "date", store_col_text(st, 1), "text", store_col_text(st, 2), "next_steps",
		    store_col_text(st, 3), "author",
		    fam ? store_col_text(st, 5) : store_col_text(st, 4), "from_family", fam);
	}
	store_finish(st);
	for (size_t i = 0; i < n; i++) {
		json_t *others = json_array(), *areas = json_array(), *photos = json_array();
		int64_t kid[32];
		const char *name[32];
		size_t k = 0;
		st = store_stmt(w->s, STMT_PORTAL_OBS_CHILDREN);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, ids[i]);
		while (store_step(st) == STORE_ROW && k < 32) {
			if (store_col_int(st, 0) == w->id[0])
				continue;
			kid[k] = store_col_int(st, 0);
			name[k++] = arena_strdup(w->a, store_col_text(st, 1));
		}
		store_finish(st);
		/* another family's child is named only with their consent: null otherwise */
		for (size_t j = 0; j < k; j++)
			json_array_append_new(others,
			                      authz_observation_name_visible(w, ids[i], kid[j])
			                          ? json_string(name[j])
			                          : json_null());
		st = store_stmt(w->s, STMT_PORTAL_OBS_AREAS);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, ids[i]);
		while (store_step(st) == STORE_ROW)
			json_array_append_new(areas, json_string(store_col_text(st, 0)));
		store_finish(st);
		st = store_stmt(w->s, STMT_PORTAL_OBS_PHOTOS);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, ids[i]);
		while (store_step(st) == STORE_ROW)
			json_array_append_new(
			    photos, json_string(arena_printf(w->a, "/observations/photos/%" PRId64,
			                                     store_col_int(st, 0))));
		store_finish(st);
		json_object_set_new(obs[i], "other_children", others);
		json_object_set_new(obs[i], "areas", areas);
		json_object_set_new(obs[i], "photos", photos);
		json_array_append_new(a, obs[i]);
	}
	return web_json(w, 200, json_pack("{s:o}", "observations", a));
}

static json_t *message_json(struct web *w, int64_t id, int64_t contact, const char *author,
                            const char *text, int64_t at)
{
	(void)w;
	return json_pack("{s:I, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "from",
	                 contact ? "family" : "staff", "author", author, "text", text, "at",
	                 (json_int_t)at);
}

int api_portal_messages(struct web *w)
{
	struct store_stmt *st;
	json_t *a;
	if (!authz_portal_thread(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	a = json_array();
	st = store_stmt(w->s, STMT_PORTAL_THREAD);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	while (store_step(st) == STORE_ROW)
		json_array_append_new(a, message_json(w, store_col_int(st, 0), store_col_int(st, 1),
		                                      store_col_text(st, 3), store_col_text(st, 4),
		                                      store_col_int(st, 5)));
	store_finish(st);
	return web_json(w, 200,
	                json_pack("{s:I, s:b, s:o}", "child", (json_int_t)w->id[0],
	                          "key_person_away", authz_portal_key_away(w, w->id[0]), "messages",
	                          a));
}

int api_portal_message(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_MESSAGE_GET);
	int64_t child = 0, contact = 0, at = 0;
	const char *author = "", *text = "";
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	if (store_step(st) == STORE_ROW) {
		child = store_col_int(st, 1);
		contact = store_col_int(st, 2);
		author = arena_strdup(w->a, store_col_text(st, 4));
		text = arena_strdup(w->a, store_col_text(st, 5));
		at = store_col_int(st, 6);
	}
	store_finish(st);
	if (!child || !authz_portal_thread(w, child))
		return web_error(w, 404, "", "there is no such message");
	return web_json(w, 200, message_json(w, w->id[0], contact, author, text, at));
}

/* The JSON body as an object, or -1 with 400 answered. */
static int body(struct web *w, json_t **out)
{
	json_error_t jerr;
	*out = NULL;
	if (!w->req->body || !w->req->body_len)
		return web_error(w, 400, "body", "send a JSON object in the body"), -1;
	*out = json_loadb(w->req->body, w->req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!*out || !json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return web_error(w, 400, "body", "the body must be a JSON object"), -1;
	}
	return 0;
}

/* A string member, "" when absent; -1 (422 answered) when not a string. */
static int member(struct web *w, json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = "";
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return web_error(w, 422, key, "must be text"), -1;
	*out = arena_strdup(w->a, json_string_value(v));
	return 0;
}

static int created(struct web *w, int64_t id)
{
	return web_json(w, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_portal_message_add(struct web *w)
{
	struct op_error e;
	const char *text;
	json_t *o;
	int64_t id, contact = 0, staff = 0;
	if (mine(w, w->id[0]))
		contact = w->me.contact_id;
	else if (authz_portal_thread_staff(w, w->id[0]))
		staff = w->me.staff_id;
	else
		return web_error(w, 404, "", "there is no such child");
	if (!contact && !staff)
		return web_error(w, 422, "staff",
		                 "this sign-in is not linked to a member of staff");
	if (body(w, &o) || member(w, o, "text", &text)) {
		json_decref(o);
		return 0;
	}
	json_decref(o);
	if (core_tx_begin(w->s, &e) ||
	    core_portal_message_add(w->s, &w->who, w->id[0], contact, staff, text, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return created(w, id);
}

int api_portal_absence(struct web *w)
{
	struct op_error e;
	const char *date, *reason, *note;
	struct store_stmt *st;
	const char *author = "";
	json_t *o;
	int64_t id;
	int day;
	if (!mine(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	if (body(w, &o) || member(w, o, "date", &date) || member(w, o, "reason", &reason) ||
	    member(w, o, "note", &note)) {
		json_decref(o);
		return 0;
	}
	json_decref(o);
	if (!*date)
		day = today_of(w);
	else if (date_parse(date, &day) != 0)
		return web_error(w, 422, "date", "is not a date (YYYY-MM-DD)");
	st = store_stmt(w->s, STMT_PORTAL_CONTACT_GET);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	if (store_step(st) == STORE_ROW)
		author = arena_strdup(w->a, store_col_text(st, 2));
	store_finish(st);
	if (core_tx_begin(w->s, &e) ||
	    core_portal_absence(w->s, &w->who, w->id[0], author, day, today_of(w), reason, note,
	                        &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return created(w, id);
}
