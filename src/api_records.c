/*
 * api_records.c — the JSON API of the key person's records, with the same
 * validation (core_diary) and authorization (authz_diary_write,
 * authz_transfer) as the pages:
 *
 *   GET  /api/v1/children/:id/diary?date=   the day's entries
 *   POST /api/v1/children/:id/diary         {"date"?, "entries": [{kind, item?, amount?,
 *                                           time?, end?, detail?}, …]} all or none; a bad
 *                                           entry is 422 with "field": "entries[i].amount"
 *   GET  /api/v1/children/:id/transfer      the transfer record (consent-gated, audited)
 */
#include <inttypes.h>
#include <string.h>

#include "core_diary.h"
#include "core_transition.h"
#include "page_records.h"

static int query_day(struct web *w, const char *raw, int *day)
{
	*day = date_today(w->setting.time_zone);
	if (raw && *raw && date_parse(raw, day) != 0) {
		web_error(w, 422, "date", "date must be YYYY-MM-DD");
		return -1;
	}
	return 0;
}

int api_diary(struct web *w)
{
	struct diary_entry *d;
	struct op_error e;
	json_t *list;
	char date[DATE_LEN];
	size_t n;
	int day;
	if (!records_child_name(w, w->id[0]) || !authz_diary_write(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (query_day(w, web_field(w, "date"), &day) != 0)
		return 0;
	if (audit_read(w->s, &w->who, "diary.view", w->id[0], &e) != 0 ||
	    core_diary_day(w->s, w->me.setting_id, day, w->id[0], w->a, &d, &n, &e) != 0)
		return web_op_error(w, &e);
	list = json_array();
	for (size_t i = 0; i < n; i++) {
		char a[TIME_LEN], b[TIME_LEN];
		if (d[i].start_min >= 0)
			time_format(d[i].start_min, a);
		if (d[i].end_min >= 0)
			time_format(d[i].end_min, b);
		json_array_append_new(
		    list,
		    json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:b}", "id",
		              (json_int_t)d[i].id, "kind", d[i].kind, "item", d[i].item, "amount",
		              d[i].amount, "time",
		              d[i].start_min >= 0 ? json_string(a) : json_null(), "end",
		              d[i].end_min >= 0 ? json_string(b) : json_null(), "detail",
		              d[i].detail, "by", d[i].author, "published", d[i].published_at != 0));
	}
	date_format(day, date);
	return web_json(w, 200,
	                json_pack("{s:I, s:s, s:o}", "child", (json_int_t)w->id[0], "date", date,
	                          "entries", list));
}

static const char *member(struct web *w, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_string(v))
		return arena_strdup(w->a, json_string_value(v));
	return json_is_null(v) || !v ? "" : NULL;
}

int api_diary_add(struct web *w)
{
	static const char *const keys[] = {"kind", "item", "amount", "time", "end", "detail"};
	struct diary_new *rows;
	struct op_error e;
	json_error_t jerr;
	json_t *body, *entries, *x;
	size_t n, i, bad;
	int day;
	if (!records_child_name(w, w->id[0]) || !authz_diary_write(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	body = json_loadb(w->req->body ? w->req->body : "", w->req->body_len, 0, &jerr);
	if (!json_is_object(body)) {
		json_decref(body);
		return web_error(w, 400, "body", "send a JSON object with \"entries\"");
	}
	if (query_day(w, member(w, body, "date"), &day) != 0) {
		json_decref(body);
		return 0;
	}
	entries = json_object_get(body, "entries");
	n = json_array_size(entries);
	if (!json_is_array(entries) || n == 0 || n > DIARY_ROWS_MAX) {
		json_decref(body);
		return web_error(w, 422, "entries", "entries must be a list of 1 to %d entries",
		                 DIARY_ROWS_MAX);
	}
	rows = arena_alloc(w->a, n * sizeof *rows);
	json_array_foreach (entries, i, x) {
		const char *v[ARRAY_LEN(keys)];
		const char *key;
		json_t *val;
		json_object_foreach (x, key, val) {
			size_t k = 0;
			while (k < ARRAY_LEN(keys) && strcmp(keys[k], key) != 0)
				k++;
			if (k == ARRAY_LEN(keys)) {
				const char *f = arena_printf(w->a, "entries[%zu].%s", i, key);
				json_decref(body);
				return web_error(w, 422, f, "%s is not a field here", f);
			}
		}
		for (size_t k = 0; k < ARRAY_LEN(keys); k++)
			if (!json_is_object(x) || !(v[k] = member(w, x, keys[k]))) {
				const char *f = arena_printf(w->a, "entries[%zu].%s", i, keys[k]);
				json_decref(body);
				return web_error(w, 422, f, "%s must be text", f);
			}
		rows[i] = (struct diary_new){w->id[0], v[0], v[1], v[2], v[3], v[4], v[5]};
	}
	json_decref(body);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_diary_add(w->s, &w->who, day, w->me.staff_id, rows, n, &bad, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (bad)
			return web_error(w, e.status == OP_INVALID ? 422 : (int)e.status,
			                 arena_printf(w->a, "entries[%zu].%s", bad - 1, e.field),
			                 "entry %zu: %s %s", bad, e.field, e.msg);
		return web_op_error(w, &e);
	}
	return api_diary(w); /* the day's entries, the new ones with them */
}

int api_transfer(struct web *w)
{
	struct op_error e;
	json_t *doc;
	if (!records_child_name(w, w->id[0]) || !authz_transfer(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (core_transition_transfer(w->s, &w->who, w->id[0], date_today(w->setting.time_zone),
	                             &doc, &e) != 0)
		return web_op_error(w, &e);
	return web_json(w, 200, doc);
}
