/*
 * api_progress.c — the JSON API of the weekly update, the progress check at
 * two and progress meetings: the same core operations (core_weekly,
 * core_twoyear, core_meeting) and the same authorization (authz_child at
 * CHILD_WRITE: the key person and buddy, the manager, the SENCo) as the
 * pages; a child one may not write for is 404 as for a missing one. Bad
 * input is 4xx naming the field, and nothing is written.
 *
 *   GET  /api/v1/children/:id/weekly?week=     the week's update, or the draft built
 *                                              from the week's records
 *   POST /api/v1/children/:id/weekly           {"week"?, "text", "send"?}
 *   GET  /api/v1/children/:id/twoyear          the latest check at two, or null
 *   POST /api/v1/children/:id/twoyear          {date, cl_level, …, "final"?}
 *   POST /api/v1/children/:id/twoyear/share    share the final check with the health
 *                                              visitor (409 without consent)
 *   GET  /api/v1/children/:id/meetings         the meetings and the family's preference
 *   POST /api/v1/children/:id/meetings         {date, time, method, with?}: 201 {"id"}
 *   POST /api/v1/children/:id/meetings/:id     {notes?, next_steps?, targets?, status}
 */
#include <inttypes.h>
#include <string.h>

#include "api_progress.h"
#include "api_v1.h"
#include "core_meeting.h"
#include "core_twoyear.h"
#include "core_weekly.h"
#include "page_records.h"

/* The child's name when one may write their records, else NULL with the 404 answered. */
static const char *writable_child(struct web *w)
{
	const char *name = records_child_name(w, w->id[0]);
	if (!name || !authz_child(w, w->id[0], CHILD_WRITE)) {
		web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
		return NULL;
	}
	return name;
}

/* Run op's writes in one transaction; on refusal roll back and answer it. */
static int finish_tx(struct web *w, int rc, struct op_error *e)
{
	if (rc == 0 && core_tx_commit(w->s, e) == 0)
		return 0;
	if (store_in_transaction(w->s))
		store_rollback(w->s);
	web_op_error(w, e);
	return -1;
}

static const char *instant(struct web *w, int64_t at)
{
	char d[DATE_LEN], t[TIME_LEN];
	int day, minute;
	if (!at)
		return NULL;
	date_local(at, w->setting.time_zone, &day, &minute);
	date_format(day, d);
	time_format(minute, t);
	return arena_printf(w->a, "%sT%s", d, t);
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* ---- the weekly update ---- */

static const struct field_spec weekly_spec[] = {
    {"week", F_DATE, 0, 0, 0, NULL},
    {"text", F_TEXT, 0, 0, WEEKLY_TEXT_MAX, NULL},
    {"send", F_BOOL, 0, 0, 0, NULL},
};

static int weekly_json(struct web *w, int status, int monday)
{
	static const char *const states[] = {"none", "draft", "sent"};
	struct weekly u;
	struct op_error e;
	const char *text;
	char week[DATE_LEN];
	if (core_weekly_get(w->s, w->me.setting_id, w->id[0], monday, w->a, &u, &e) != 0)
		return web_op_error(w, &e);
	text = u.text;
	if (!u.id &&
	    core_weekly_draft(w->s, w->me.setting_id, w->id[0], monday, w->a, &text, &e) != 0)
		return web_op_error(w, &e);
	date_format(monday, week);
	return web_json(w, status,
	                json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o}", "child",
	                          (json_int_t)w->id[0], "week", week, "state",
	                          states[!u.id       ? WEEKLY_NONE
	                                 : u.sent_at ? WEEKLY_SENT
	                                             : WEEKLY_DRAFT],
	                          "text", text ? text : "", "author", text_or_null(u.author),
	                          "sent_at", text_or_null(instant(w, u.sent_at)), "updated_at",
	                          text_or_null(instant(w, u.updated_at))));
}

int api_weekly(struct web *w)
{
	struct field_value v;
	struct op_error e;
	char why[200];
	if (!writable_child(w))
		return 0;
	if (valid_field(&weekly_spec[0], web_field(w, "week"), &v, w->a, why, sizeof why) != 0)
		return web_error(w, 422, "week", "week %s", why);
	if (audit_read(w->s, &w->who, "weekly.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	return weekly_json(
	    w, 200, core_weekly_monday(v.present ? (int)v.i : date_today(w->setting.time_zone)));
}

int api_weekly_save(struct web *w)
{
	struct field_value v[ARRAY_LEN(weekly_spec)];
	struct op_error e;
	int monday;
	if (!writable_child(w) || api_v1_body(w, weekly_spec, ARRAY_LEN(weekly_spec), v) != 0)
		return 0;
	monday = core_weekly_monday(v[0].present ? (int)v[0].i : date_today(w->setting.time_zone));
	if (core_tx_begin(w->s, &e) != 0)
		return web_op_error(w, &e);
	if (finish_tx(w,
	              core_weekly_save(w->s, &w->who, w->id[0], monday, w->me.staff_id,
	                               v[1].present ? v[1].s : "", v[2].present && v[2].i, &e),
	              &e) != 0)
		return 0;
	return weekly_json(w, 200, monday);
}

/* ---- the progress check at two ---- */

static int twoyear_json(struct web *w, int status)
{
	struct twoyear t;
	struct op_error e;
	json_t *check, *fields;
	if (core_twoyear_latest(w->s, w->me.setting_id, w->id[0], w->a, &t, &e) != 0)
		return web_op_error(w, &e);
	if (!t.id)
		return web_json(w, status,
		                json_pack("{s:I, s:n}", "child", (json_int_t)w->id[0], "check"));
	fields = json_object();
	for (int i = 0; i < TWOYEAR__MAX; i++)
		json_object_set_new(fields, core_twoyear_fields[i].name,
		                    json_string(t.value[i] ? t.value[i] : ""));
	check = json_pack("{s:I, s:s, s:o, s:o, s:o}", "id", (json_int_t)t.id, "status", t.status,
	                  "by", text_or_null(t.staff), "shared_health_visitor_at",
	                  text_or_null(instant(w, t.shared_at)), "fields", fields);
	return web_json(w, status,
	                json_pack("{s:I, s:o}", "child", (json_int_t)w->id[0], "check", check));
}

int api_twoyear(struct web *w)
{
	struct op_error e;
	if (!writable_child(w))
		return 0;
	if (audit_read(w->s, &w->who, "twoyear.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	return twoyear_json(w, 200);
}

int api_twoyear_save(struct web *w)
{
	/* the check's fields and "final" (make it final) */
	struct field_spec *spec = arena_alloc(w->a, (TWOYEAR__MAX + 1) * sizeof *spec);
	struct field_value v[TWOYEAR__MAX + 1];
	struct op_error e;
	int64_t id;
	if (!writable_child(w))
		return 0;
	memcpy(spec, core_twoyear_fields, TWOYEAR__MAX * sizeof *spec);
	spec[TWOYEAR__MAX] = (struct field_spec){"final", F_BOOL, 0, 0, 0, NULL};
	if (api_v1_body(w, spec, TWOYEAR__MAX + 1, v) != 0)
		return 0;
	if (core_tx_begin(w->s, &e) != 0)
		return web_op_error(w, &e);
	if (finish_tx(w,
	              core_twoyear_save(w->s, &w->who, w->id[0], w->me.staff_id, v,
	                                v[TWOYEAR__MAX].present && v[TWOYEAR__MAX].i, &id, &e),
	              &e) != 0)
		return 0;
	return twoyear_json(w, 200);
}

int api_twoyear_share(struct web *w)
{
	struct op_error e;
	if (!writable_child(w))
		return 0;
	if (core_tx_begin(w->s, &e) != 0)
		return web_op_error(w, &e);
	if (finish_tx(
	        w,
	        core_twoyear_share(w->s, &w->who, w->id[0], date_today(w->setting.time_zone), &e),
	        &e) != 0)
		return 0;
	return twoyear_json(w, 200);
}

/* ---- progress meetings ---- */

int api_meetings(struct web *w)
{
	struct meeting *m;
	struct op_error e;
	const char *method, *time, *with;
	json_t *list;
	size_t n;
	if (!writable_child(w))
		return 0;
	if (audit_read(w->s, &w->who, "meeting.view", w->id[0], &e) != 0 ||
	    core_meeting_list(w->s, w->me.setting_id, w->id[0], 0, 0, w->a, &m, &n, &e) != 0)
		return web_op_error(w, &e);
	list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:o}", "id",
		                    (json_int_t)m[i].id, "at", instant(w, m[i].at), "method",
		                    m[i].method, "with", m[i].with, "status", m[i].status, "by",
		                    text_or_null(m[i].staff), "notes", m[i].notes, "next_steps",
		                    m[i].next_steps, "targets", m[i].targets, "reviews",
		                    m[i].reviews_id ? json_integer(m[i].reviews_id) : json_null()));
	core_meeting_preference(w->s, w->me.setting_id, w->id[0], w->a, &method, &time, &with);
	return web_json(w, 200,
	                json_pack("{s:I, s:{s:o, s:o, s:o}, s:o}", "child", (json_int_t)w->id[0],
	                          "preference", "method", text_or_null(method), "time",
	                          text_or_null(time), "with", text_or_null(with), "meetings",
	                          list));
}

int api_meeting_schedule(struct web *w)
{
	struct field_value v[MEETING__MAX];
	struct op_error e;
	int64_t id;
	if (!writable_child(w) || api_v1_body(w, core_meeting_fields, MEETING__MAX, v) != 0)
		return 0;
	if (core_tx_begin(w->s, &e) != 0)
		return web_op_error(w, &e);
	if (finish_tx(w,
	              core_meeting_schedule(w->s, &w->who, w->id[0], w->me.staff_id, v,
	                                    w->setting.time_zone, &id, &e),
	              &e) != 0)
		return 0;
	return web_json(w, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_meeting_record(struct web *w)
{
	struct field_value v[MEETING_NOTES__MAX];
	struct op_error e;
	if (!writable_child(w))
		return 0;
	if (core_meeting_child(w->s, w->me.setting_id, w->id[1]) != w->id[0])
		return web_error(w, 404, "", "there is no such meeting");
	if (api_v1_body(w, core_meeting_notes_fields, MEETING_NOTES__MAX, v) != 0)
		return 0;
	if (core_tx_begin(w->s, &e) != 0)
		return web_op_error(w, &e);
	if (finish_tx(w, core_meeting_record(w->s, &w->who, w->id[1], w->id[0], v, &e), &e) != 0)
		return 0;
	return web_json(
	    w, 200,
	    json_pack("{s:I, s:s}", "id", (json_int_t)w->id[1], "status", v[MEETING_STATUS].s));
}
