/*
 * api_v1.c — the JSON API under /api/v1: the pages' resources as JSON, with
 * the same validation (field tables of valid.h, core operations) and the
 * same authorization (authz.c) as the pages. Bodies are JSON objects read
 * with jansson; malformed JSON is 400, a wrong field 422 naming it, and
 * a child the person may not see is 404, like a missing one. Lists are
 * filtered child by child through authz_child.
 *
 *   GET  /api/v1/me                   the person, roles, setting, CSRF token
 *   GET  /api/v1/children             children one may see: id, code, name, room, key person, buddy
 *   GET  /api/v1/children/:id?date=   basics, and records where authz allows
 *   POST /api/v1/children             add a child (manager): core_child_fields names
 *   GET  /api/v1/today?date=&room=    as `kw today --json`
 *   GET  /api/v1/keygroups            per room, key groups and loads; uncovered events
 *   POST /api/v1/plans                plan key groups (manager): {"from"?, "time_limit"?}
 *   GET  /api/v1/plans/:id            a proposal and its changes (manager)
 *   POST /api/v1/plans/:id/accept     {"from", "children"?} (manager)
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api_v1.h"
#include "audit.h"
#include "core_child.h"
#include "core_plan.h"
#include "core_today.h"
#include "date.h"
#include "page_keygroups.h"
#include "valid.h"

#define API_PLAN_TIME_LIMIT_S 10.0

static const struct field_spec date_spec = {"date", F_DATE, 0, 0, 0, NULL};
static const struct field_spec from_spec = {"from", F_DATE, 1, 0, 0, NULL};

/* The request's body as a JSON object; empty is {} when allowed. 0, or -1
 * with the 400 already answered. */
static int body_object(struct web *w, int empty_ok, json_t **out)
{
	json_error_t jerr;
	json_t *j;
	*out = NULL;
	if (!w->req->body || w->req->body_len == 0) {
		if (empty_ok) {
			*out = json_object();
			return 0;
		}
		web_error(w, 400, "body", "send a JSON object in the body");
		return -1;
	}
	j = json_loadb(w->req->body, w->req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		web_error(w, 400, "body", "the body is not valid JSON: %s (line %d, column %d)",
		          jerr.text, jerr.line, jerr.column);
		return -1;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		web_error(w, 400, "body", "the body must be a JSON object");
		return -1;
	}
	*out = j;
	return 0;
}

/* A JSON value as the raw text the field tables read; NULL for null. */
static int json_raw(struct web *w, const char *key, const json_t *v, const char **raw)
{
	*raw = NULL;
	switch (json_typeof(v)) {
	case JSON_NULL:
		return 0;
	case JSON_STRING:
		*raw = arena_strndup(w->a, json_string_value(v), json_string_length(v));
		if (strlen(*raw) != json_string_length(v))
			break; /* a NUL inside */
		return 0;
	case JSON_INTEGER:
		*raw = arena_printf(w->a, "%lld", (long long)json_integer_value(v));
		return 0;
	case JSON_REAL:
		*raw = arena_printf(w->a, "%.15g", json_real_value(v));
		return 0;
	case JSON_TRUE:
	case JSON_FALSE:
		*raw = json_is_true(v) ? "yes" : "no";
		return 0;
	case JSON_ARRAY: {
		const char *s = "";
		size_t i;
		json_t *x;
		json_array_foreach (v, i, x) {
			if (!json_is_string(x) || strpbrk(json_string_value(x), ";,"))
				goto bad;
			s = arena_printf(w->a, "%s%s%s", s, i ? ";" : "", json_string_value(x));
		}
		*raw = s;
		return 0;
	}
	case JSON_OBJECT:
		break;
	}
bad:
	web_error(w, 422, key, "%s must be text, a number, true/false or a list of text", key);
	return -1;
}

/* Validate body against spec[0..n): unknown keys and bad values are 422 naming the field. */
static int body_fields(struct web *w, const json_t *body, const struct field_spec *spec, size_t n,
                       struct field_value *out)
{
	const char **raw = arena_alloc(w->a, n * sizeof *raw);
	struct field_error fe;
	const char *key;
	json_t *v;
	memset(raw, 0, n * sizeof *raw);
	json_object_foreach ((json_t *)body, key, v) {
		int k = valid_lookup(spec, n, key);
		if (k < 0) {
			web_error(w, 422, key, "%s is not a field here", key);
			return -1;
		}
		if (json_raw(w, spec[k].name, v, &raw[k]) != 0)
			return -1;
	}
	if (valid_record(spec, n, raw, out, w->a, &fe) != 0) {
		web_error(w, 422, fe.field, "%s %s", fe.field, fe.msg);
		return -1;
	}
	return 0;
}

int api_v1_body(struct web *w, const struct field_spec *spec, size_t n, struct field_value *out)
{
	json_t *body;
	int rc;
	if (body_object(w, 0, &body) != 0)
		return -1;
	rc = body_fields(w, body, spec, n, out);
	json_decref(body);
	return rc;
}

/* ?date= (default today); 0, or -1 with the 422 answered. */
static int query_day(struct web *w, int *day)
{
	struct field_value v;
	char why[200];
	if (valid_field(&date_spec, web_field(w, "date"), &v, w->a, why, sizeof why) != 0) {
		web_error(w, 422, "date", "date %s", why);
		return -1;
	}
	*day = v.present ? (int)v.i : date_today(w->setting.time_zone);
	return 0;
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *person(const char *code, const char *name)
{
	if (!code || !*code)
		return json_null();
	return json_pack("{s:s, s:s}", "id", code, "name", name ? name : "");
}

static const char *child_name(struct web *w, const char *first, const char *last,
                              const char *preferred)
{
	return arena_printf(w->a, "%s %s", *preferred ? preferred : first, last);
}

static int may_see(struct web *w, int64_t id)
{
	return authz_child(w, id, CHILD_BASIC) || authz_child(w, id, CHILD_PORTAL);
}

int api_me(struct web *w)
{
	json_t *roles = json_array(), *staff = json_null();
	for (int r = 0; r < ROLE__MAX; r++)
		if (w->me.roles & R(r))
			json_array_append_new(roles, json_string(role_names[r]));
	if (w->me.staff_id) {
		struct store_stmt *st = store_stmt(w->s, STMT_STAFF_GET);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, w->me.staff_id);
		if (store_step(st) == STORE_ROW) {
			json_decref(staff);
			staff = person(store_col_text(st, 1), store_col_text(st, 2));
		}
		store_finish(st);
	}
	return web_json(w, 200,
	                json_pack("{s:{s:I, s:s, s:s}, s:o, s:{s:I, s:s, s:s}, s:o, s:o, s:s}",
	                          "user", "id", (json_int_t)w->me.user_id, "username",
	                          w->me.username, "name", w->me.display_name, "roles", roles,
	                          "setting", "id", (json_int_t)w->setting.id, "name",
	                          w->setting.name, "time_zone", w->setting.time_zone, "staff",
	                          staff, "contact",
	                          w->me.contact_id ? json_integer(w->me.contact_id) : json_null(),
	                          "csrf", w->me.csrf));
}

int api_children(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_API_CHILDREN);
	json_t *list = json_array();
	char day[DATE_LEN];
	date_format(date_today(w->setting.time_zone), day);
	store_bind_text(st, 1, day);
	store_bind_text(st, 2, day);
	store_bind_int(st, 3, w->me.setting_id);
	store_bind_text(st, 4, day);
	store_bind_text(st, 5, day);
	/* authz reads through the same connection: collect first, then filter */
	struct row {
		int64_t id;
		json_t *o;
	} *rows = NULL;
	size_t n = 0, cap = 0;
	while (store_step(st) == STORE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		rows[n].id = store_col_int(st, 0);
		rows[n].o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id",
		                      (json_int_t)rows[n].id, "code", store_col_text(st, 1), "name",
		                      child_name(w, store_col_text(st, 2), store_col_text(st, 3),
		                                 store_col_text(st, 4)),
		                      "room", store_col_text(st, 5), "key_person",
		                      person(store_col_text(st, 6), store_col_text(st, 7)), "buddy",
		                      person(store_col_text(st, 8), store_col_text(st, 9)));
		n++;
	}
	store_finish(st);
	for (size_t i = 0; i < n; i++) {
		if (may_see(w, rows[i].id))
			json_array_append_new(list, rows[i].o);
		else
			json_decref(rows[i].o);
	}
	free(rows);
	return web_json(w, 200, json_pack("{s:s, s:o}", "date", day, "children", list));
}

int api_child(struct web *w)
{
	int64_t id = w->id[0], family = 0;
	struct store_stmt *st;
	json_t *o;
	char day[DATE_LEN];
	int d, records;

	if (!may_see(w, id))
		return web_error(w, 404, "", "there is no child %lld", (long long)id);
	if (query_day(w, &d) != 0)
		return 0;
	date_format(d, day);
	records = authz_child(w, id, CHILD_RECORDS);
	{
		struct op_error e;
		if (audit_read(w->s, &w->who, records ? "child.view.records" : "child.view.basic",
		               id, &e) != 0)
			return web_op_error(w, &e);
	}
	st = store_stmt(w->s, STMT_API_CHILD_GET);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, id);
	if (store_step(st) != STORE_ROW) {
		store_finish(st);
		return web_error(w, 404, "", "there is no child %lld", (long long)id);
	}
	o = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "code",
	    store_col_text(st, 1), "name",
	    child_name(w, store_col_text(st, 2), store_col_text(st, 3), store_col_text(st, 4)),
	    "first_name", store_col_text(st, 2), "last_name", store_col_text(st, 3),
	    "preferred_name", store_col_text(st, 4), "room", store_col_text(st, 6), "allergies",
	    store_col_text(st, 9));
	family = store_col_int(st, 17);
	if (records) {
		json_object_set_new(o, "date_of_birth", json_string(store_col_text(st, 5)));
		json_object_set_new(o, "home_language", json_string(store_col_text(st, 7)));
		json_object_set_new(o, "other_languages", json_string(store_col_text(st, 8)));
		json_object_set_new(o, "medical", json_string(store_col_text(st, 10)));
		json_object_set_new(o, "dietary", json_string(store_col_text(st, 11)));
		json_object_set_new(o, "sen", json_boolean(store_col_int(st, 12)));
		json_object_set_new(o, "funding", json_string(store_col_text(st, 13)));
		json_object_set_new(o, "lives_with", json_string(store_col_text(st, 14)));
		json_object_set_new(o, "start_date", json_string(store_col_text(st, 15)));
		json_object_set_new(o, "leaving_date", text_or_null(store_col_text(st, 16)));
	}
	store_finish(st);

	st = store_stmt(w->s, STMT_API_CHILD_KEY);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, id);
	store_bind_text(st, 3, day);
	store_bind_text(st, 4, day);
	json_object_set_new(o, "date", json_string(day));
	if (store_step(st) == STORE_ROW) {
		json_object_set_new(o, "key_person",
		                    person(store_col_text(st, 0), store_col_text(st, 1)));
		json_object_set_new(o, "buddy",
		                    person(store_col_text(st, 2), store_col_text(st, 3)));
		json_object_set_new(o, "key_person_from", json_string(store_col_text(st, 4)));
	} else {
		json_object_set_new(o, "key_person", json_null());
		json_object_set_new(o, "buddy", json_null());
	}
	store_finish(st);

	{
		json_t *collect = json_array();
		st = store_stmt(w->s, STMT_API_CHILD_COLLECTORS);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, family);
		while (store_step(st) == STORE_ROW)
			json_array_append_new(collect,
			                      json_pack("{s:s, s:s}", "name", store_col_text(st, 0),
			                                "relationship", store_col_text(st, 1)));
		store_finish(st);
		json_object_set_new(o, "may_collect", collect);
	}
	if (records) {
		json_t *att = json_object();
		st = store_stmt(w->s, STMT_API_CHILD_ATTENDANCE);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, id);
		while (store_step(st) == STORE_ROW) {
			char a[TIME_LEN], b[TIME_LEN];
			int wd = (int)store_col_int(st, 0);
			time_format((int)store_col_int(st, 1), a);
			time_format((int)store_col_int(st, 2), b);
			if (wd >= 0 && wd < 7)
				json_object_set_new(att, date_weekday_name(wd),
				                    json_string(arena_printf(w->a, "%s-%s", a, b)));
		}
		store_finish(st);
		json_object_set_new(o, "attendance", att);
	}
	json_object_set_new(o, "access", json_string(records ? "records" : "basic"));
	return web_json(w, 200, o);
}

int api_child_add(struct web *w)
{
	struct field_value v[CHILD__MAX];
	struct op_error e;
	json_t *body;
	int64_t id;
	if (body_object(w, 0, &body) != 0)
		return 0;
	if (body_fields(w, body, core_child_fields, CHILD__MAX, v) != 0) {
		json_decref(body);
		return 0;
	}
	json_decref(body);
	if (core_tx_begin(w->s, &e) != 0 || core_child_add(w->s, &w->who, v, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_json(w, 201,
	                json_pack("{s:I, s:s}", "id", (json_int_t)id, "code", v[CHILD_ID].s));
}

int api_today(struct web *w)
{
	const char *room = web_field(w, "room");
	struct today t, seen;
	struct op_error e;
	int64_t room_id = 0;
	int day;
	json_t *doc;
	if (query_day(w, &day) != 0)
		return 0;
	if (*room && !(room_id = core_room_find(w->s, w->me.setting_id, room)))
		return web_error(w, 422, "room", "there is no room called %s", room);
	if (core_today_load(w->s, w->me.setting_id, day, room_id, &t, &e) != 0) {
		core_today_free(&t);
		return web_op_error(w, &e);
	}
	seen = t;
	seen.children = arena_alloc(w->a, (t.nchildren + 1) * sizeof *seen.children);
	seen.nchildren = 0;
	for (size_t i = 0; i < t.nchildren; i++)
		if (authz_child(w, t.children[i].id, CHILD_BASIC))
			seen.children[seen.nchildren++] = t.children[i];
	doc = core_today_json(&seen);
	core_today_free(&t);
	return web_json(w, 200, doc);
}

int api_keygroups(struct web *w)
{
	int today = date_today(w->setting.time_zone);
	struct kg_model m;
	struct op_error e;
	json_t *in = NULL, *doc, *score;
	char err[256];
	if (core_plan_instance(w->s, w->me.setting_id, today, &in, &e) != 0)
		return web_op_error(w, &e);
	if (kg_model_init(&m, w->a, in, err, sizeof err) != 0) {
		json_decref(in);
		return web_error(w, 500, "", "%s", err);
	}
	kg_model_assign(&m, NULL);
	doc = kg_keygroups_json(&m);
	score = kg_score(in, &m);
	json_object_set_new(doc, "score", score ? score : json_null());
	json_decref(in);
	return web_json(w, 200, doc);
}

static int proposal_answer(struct web *w, int status, int64_t id)
{
	struct kg_proposal p;
	json_t *doc;
	if (kg_proposal_load(w, id, &p) != 0)
		return web_error(w, 404, "", "there is no proposal %lld", (long long)id);
	doc = kg_proposal_json(&p);
	kg_proposal_free(&p);
	return web_json(w, status, doc);
}

int api_plan_propose(struct web *w)
{
	json_t *body, *j;
	struct plan_summary sum;
	struct op_error e;
	json_t *in = NULL, *out = NULL;
	double limit = API_PLAN_TIME_LIMIT_S;
	int day = kg_next_monday(date_today(w->setting.time_zone));
	const char *key;

	if (body_object(w, 1, &body) != 0)
		return 0;
	json_object_foreach (body, key, j) {
		if (strcmp(key, "from") == 0) {
			struct field_value v;
			char why[200];
			if (!json_is_string(j) || valid_field(&from_spec, json_string_value(j), &v,
			                                      w->a, why, sizeof why) != 0) {
				json_decref(body);
				return web_error(w, 422, "from",
				                 "from must be a date (YYYY-MM-DD)");
			}
			day = (int)v.i;
		} else if (strcmp(key, "time_limit") == 0) {
			if (!json_is_number(j) || json_number_value(j) <= 0 ||
			    json_number_value(j) > 60) {
				json_decref(body);
				return web_error(
				    w, 422, "time_limit",
				    "time_limit must be a number of seconds, at most 60");
			}
			limit = json_number_value(j);
		} else {
			web_error(w, 422, key, "%s is not a field here", key);
			json_decref(body); /* key lives in body */
			return 0;
		}
	}
	json_decref(body);
	if (core_plan_propose(w->s, &w->who, day, limit, &sum, &in, &out, &e) != 0)
		return web_op_error(w, &e);
	json_decref(in);
	json_decref(out);
	return proposal_answer(w, 201, sum.id);
}

int api_plan_get(struct web *w)
{
	return proposal_answer(w, 200, w->id[0]);
}

int api_plan_accept(struct web *w)
{
	json_t *body, *kids, *from, *x;
	const char **codes = NULL;
	struct field_value v;
	struct op_error e;
	char why[200], day[DATE_LEN];
	const char *key;
	size_t n = 0, i;
	int changed;

	if (body_object(w, 0, &body) != 0)
		return 0;
	json_object_foreach (body, key, x) {
		if (strcmp(key, "from") != 0 && strcmp(key, "children") != 0) {
			web_error(w, 422, key, "%s is not a field here", key);
			json_decref(body); /* key lives in body */
			return 0;
		}
	}
	from = json_object_get(body, "from");
	if (!json_is_string(from) ||
	    valid_field(&from_spec, json_string_value(from), &v, w->a, why, sizeof why) != 0) {
		json_decref(body);
		return web_error(w, 422, "from",
		                 "from must be the day the new key groups start (YYYY-MM-DD)");
	}
	if (v.i < date_today(w->setting.time_zone)) {
		json_decref(body);
		return web_error(w, 422, "from", "the new key groups cannot start in the past");
	}
	kids = json_object_get(body, "children");
	if (kids && !json_is_null(kids)) {
		if (!json_is_array(kids) || json_array_size(kids) == 0) {
			json_decref(body);
			return web_error(
			    w, 422, "children",
			    "children must be a non-empty list of child ids, or left out for all");
		}
		codes = arena_alloc(w->a, json_array_size(kids) * sizeof *codes);
		json_array_foreach (kids, i, x) {
			if (!json_is_string(x)) {
				json_decref(body);
				return web_error(w, 422, "children",
				                 "children must be child ids (text)");
			}
			codes[n++] = arena_strdup(w->a, json_string_value(x));
		}
	}
	json_decref(body);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_plan_apply_children(w->s, &w->who, w->id[0], (int)v.i, codes, n, &changed, &e) !=
	        0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	date_format((int)v.i, day);
	return web_json(w, 200,
	                json_pack("{s:I, s:s, s:i, s:s}", "id", (json_int_t)w->id[0], "from", day,
	                          "changed", changed, "state", "accepted"));
}
