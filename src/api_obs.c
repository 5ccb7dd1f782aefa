/*
 * api_obs.c — observations as JSON, with the same checks as the pages:
 *
 *   GET  /api/v1/observations?child=&limit=   those one may read, newest first
 *   POST /api/v1/observations                 {"children": [id…], "date", "text",
 *                                             "areas": [code…], "next_steps", "shared",
 *                                             "photos": [{"data": base64}…]}
 *   GET  /api/v1/observations/:id
 *   GET  /api/v1/children/:id/observations
 *
 * An observation is {"id", "date", "text", "next_steps", "shared", "author",
 * "areas", "children": [{"id", "name"}], "photos": ["/observations/photos/N"]};
 * a parent gets only shared ones of their own children, with another
 * family's child as {"id": null, "name": "another child"} unless that family
 * consented, and photos only under authz_observation_photo. A bad field is
 * 422 naming it; nothing is written.
 */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "page_obs.h"

#define API_OBS_LIMIT 50
#define API_OBS_SCAN 400

static json_t *obs_json(struct web *w, const struct observation *o)
{
	json_t *areas = json_array(), *children = json_array(), *photos = json_array();
	for (size_t i = 0; i < o->nareas; i++)
		json_array_append_new(areas, json_string(o->areas[i]));
	for (size_t i = 0; i < o->nchildren; i++) {
		const struct obs_child *c = &o->children[i];
		if (authz_observation_name_visible(w, o->id, c->id))
			json_array_append_new(
			    children,
			    json_pack("{s:I, s:s}", "id", (json_int_t)c->id, "name", c->name));
		else
			json_array_append_new(
			    children, json_pack("{s:n, s:s}", "id", "name", "another child"));
	}
	if (authz_observation_photo(w, o->id))
		for (size_t i = 0; i < o->nphotos; i++)
			json_array_append_new(
			    photos, json_string(arena_printf(w->a, "/observations/photos/%lld",
			                                     (long long)o->photos[i])));
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:s, s:o, s:o, s:o}", "id", (json_int_t)o->id,
	                 "date", o->date, "text", o->text, "next_steps", o->next_steps, "shared",
	                 o->shared, "author", o->author, "areas", areas, "children", children,
	                 "photos", photos);
}

/* One audit row per child shown, in one transaction: 0, or -1 answered. */
static int audit_shown(struct web *w, const struct observation *o, size_t n)
{
	struct op_error e;
	if (n == 0)
		return 0;
	if (core_tx_begin(w->s, &e))
		return web_op_error(w, &e), -1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < o[i].nchildren; k++) {
			int64_t id = o[i].children[k].id;
			int seen = 0;
			for (size_t j = 0; j <= i && !seen; j++)
				for (size_t l = 0; l < (j < i ? o[j].nchildren : k) && !seen; l++)
					seen = o[j].children[l].id == id;
			if (seen || (!authz_child(w, id, CHILD_RECORDS) &&
			             !authz_child(w, id, CHILD_PORTAL)))
				continue;
			if (audit_write(w->s, &w->who, "observation.api", "child", id, id, "",
			                &e)) {
				store_rollback(w->s);
				return web_op_error(w, &e), -1;
			}
		}
	if (core_tx_commit(w->s, &e))
		return web_op_error(w, &e), -1;
	return 0;
}

static int answer_list(struct web *w, struct observation *o, size_t n)
{
	json_t *list = json_array();
	if (audit_shown(w, o, n))
		return 0;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, obs_json(w, &o[i]));
	return web_json(w, 200, json_pack("{s:o}", "observations", list));
}

static int query_limit(struct web *w, int *limit)
{
	const char *l = web_field(w, "limit");
	long v;
	*limit = API_OBS_LIMIT;
	if (!*l)
		return 0;
	if (parse_long(l, 1, 500, &v) != 0) {
		web_error(w, 422, "limit", "limit is a whole number from 1 to 500");
		return -1;
	}
	*limit = (int)v;
	return 0;
}

static int child_list(struct web *w, int64_t child, int limit)
{
	struct observation *o;
	size_t n;
	struct op_error e;
	if (!authz_child(w, child, CHILD_RECORDS) && !authz_child(w, child, CHILD_PORTAL))
		return web_error(w, 404, "child", "there is no child %lld", (long long)child);
	const struct obs_keep keep = {page_obs_readable, page_obs_readable_new(w), limit};
	if (core_observation_of_child(w->s, w->me.setting_id, child, API_OBS_SCAN, &keep, w->a, &o,
	                              &n, &e))
		return web_op_error(w, &e);
	return answer_list(w, o, n);
}

int api_obs_list(struct web *w)
{
	struct observation *o;
	size_t n;
	struct op_error e;
	int limit;
	const char *c = web_field(w, "child");
	if (query_limit(w, &limit))
		return 0;
	if (*c) {
		long id;
		if (parse_long(c, 1, INT64_MAX, &id) != 0)
			return web_error(w, 422, "child", "child is a child's number");
		return child_list(w, id, limit);
	}
	const struct obs_keep keep = {page_obs_readable, page_obs_readable_new(w), limit};
	if (core_observation_recent(w->s, w->me.setting_id,
	                            date_today(w->setting.time_zone) - 7 * OBS_WEEKS_MAX,
	                            API_OBS_SCAN, &keep, w->a, &o, &n, &e))
		return web_op_error(w, &e);
	return answer_list(w, o, n);
}

int api_obs_child(struct web *w)
{
	int limit;
	if (query_limit(w, &limit))
		return 0;
	return child_list(w, w->id[0], limit);
}

int api_obs_one(struct web *w)
{
	struct observation o;
	struct op_error e;
	if (!authz_observation_read(w, w->id[0]) ||
	    core_observation_get(w->s, w->me.setting_id, w->id[0], w->a, &o, &e))
		return web_error(w, 404, "", "there is no observation %lld", (long long)w->id[0]);
	if (audit_shown(w, &o, 1))
		return 0;
	return web_json(w, 200, obs_json(w, &o));
}

/* ---- POST ---- */

static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Standard or URL-safe base64, padding optional, no line breaks; -1 when malformed. */
static int b64_decode(struct web *w, const char *s, size_t n, unsigned char **out, size_t *len)
{
	unsigned char *p;
	unsigned acc = 0;
	int bits = 0;
	while (n && s[n - 1] == '=')
		n--;
	p = arena_alloc(w->a, n / 4 * 3 + 3);
	*len = 0;
	for (size_t i = 0; i < n; i++) {
		int v = b64_value((unsigned char)s[i]);
		if (v < 0)
			return -1;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			p[(*len)++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (bits >= 6)
		return -1;
	*out = p;
	return 0;
}

/* A list of text or whole numbers as "a;b;c"; -1 answered with 422. */
static int json_list(struct web *w, const char *key, json_t *v, const char **raw)
{
	size_t i;
	json_t *x;
	const char *s = "";
	if (!json_is_array(v))
		return web_error(w, 422, key, "%s must be a list", key), -1;
	json_array_foreach (v, i, x) {
		const char *item;
		if (json_is_integer(x))
			item = arena_printf(w->a, "%lld", (long long)json_integer_value(x));
		else if (json_is_string(x) && !strpbrk(json_string_value(x), ";,"))
			item = json_string_value(x);
		else
			return web_error(w, 422, key, "%s must be a list of numbers or codes", key),
			       -1;
		s = arena_printf(w->a, "%s%s%s", s, i ? ";" : "", item);
	}
	*raw = s;
	return 0;
}

int api_obs_add(struct web *w)
{
	const char *raw[OBS__MAX] = {0};
	struct field_value v[OBS__MAX];
	struct field_error fe;
	struct op_error e;
	json_error_t jerr;
	json_t *body, *val;
	const char *key;
	int64_t ids[OBS_CHILDREN_MAX], id;
	size_t nids = 0, nphotos = 0;
	struct obs_photo_in photos[OBS_PHOTOS_MAX];
	int rc = 0;

	if (!w->req->body || !w->req->body_len)
		return web_error(w, 400, "body", "send a JSON object in the body");
	body = json_loadb(w->req->body, w->req->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!body || !json_is_object(body)) {
		json_decref(body);
		return web_error(w, 400, "body", "the body must be a JSON object");
	}
	json_object_foreach (body, key, val) {
		int k = valid_lookup(core_obs_fields, OBS__MAX, key);
		if (strcmp(key, "photos") == 0) {
			size_t i;
			json_t *p;
			if (!json_is_array(val) || json_array_size(val) > OBS_PHOTOS_MAX) {
				rc = web_error(w, 422, "photos",
				               "photos is a list of at most %d {\"data\"}",
				               OBS_PHOTOS_MAX);
				goto out;
			}
			json_array_foreach (val, i, p) {
				json_t *d = json_object_get(p, "data");
				unsigned char *bytes;
				size_t len;
				if (!json_is_string(d) ||
				    b64_decode(w, json_string_value(d), json_string_length(d),
				               &bytes, &len)) {
					rc = web_error(w, 422, "photos",
					               "photos[%zu].data must be base64", i);
					goto out;
				}
				photos[nphotos].bytes = bytes;
				photos[nphotos++].len = len;
			}
			continue;
		}
		if (k < 0) {
			rc = web_error(w, 422, key, "%s is not a field here", key);
			goto out;
		}
		if (k == OBS_CHILDREN || k == OBS_AREAS) {
			if (json_list(w, key, val, &raw[k]))
				goto out;
		} else if (json_is_string(val)) {
			raw[k] = arena_strdup(w->a, json_string_value(val));
		} else if (json_is_boolean(val)) {
			raw[k] = json_is_true(val) ? "yes" : "no";
		} else if (!json_is_null(val)) {
			rc = web_error(w, 422, key, "%s must be text", key);
			goto out;
		}
	}
	if (valid_record(core_obs_fields, OBS__MAX, raw, v, w->a, &fe)) {
		rc = web_error(w, 422, fe.field, "%s %s", fe.field, fe.msg);
		goto out;
	}
	if (core_obs_children(raw[OBS_CHILDREN], ids, &nids, &e)) {
		rc = web_op_error(w, &e);
		goto out;
	}
	for (size_t i = 0; i < nids; i++)
		if (!authz_observation_write(w, ids[i])) {
			rc = web_error(w, 404, "children",
			               "there is no child %lld you may write about",
			               (long long)ids[i]);
			goto out;
		}
	if (core_tx_begin(w->s, &e) ||
	    core_observation_add(w->s, &w->who, w->me.staff_id, v, ids, nids, photos, nphotos, &id,
	                         &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		rc = web_op_error(w, &e);
		goto out;
	}
	{
		struct observation o;
		if (core_observation_get(w->s, w->me.setting_id, id, w->a, &o, &e) == 0)
			rc = web_json(w, 201, obs_json(w, &o));
		else
			rc = web_json(w, 201, json_pack("{s:I}", "id", (json_int_t)id));
	}
out:
	json_decref(body);
	return rc;
}
