/*
 * api_register.c — the register's JSON API (api_register.h says what).
 * Each handler reads and validates the body (api_v1_body with the field
 * table below), asks authz as the register page does, then calls the one
 * core operation in one transaction and answers only after COMMIT.
 */
#include "api_register.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api_v1.h"
#include "core_register.h"
#include "core_setting.h"
#include "date.h"
#include "page_day.h"
#include "store.h"
#include "valid.h"

static const char *const event_choices[] = {"in", "out", NULL};

enum reg_field {
	REG_EVENT,
	REG_DATE,
	REG_AT,
	REG_COLLECTED_BY,
	REG_COLLECTED_BY_NAME,
	REG_REASON,
	REG_PASSWORD,
	REG_NOTE,
	REG__MAX
};

static const struct field_spec reg_fields[REG__MAX] = {
    [REG_EVENT] = {"event", F_ENUM, 1, 0, 0, event_choices},
    [REG_DATE] = {"date", F_DATE, 0, 0, 0, NULL},
    [REG_AT] = {"at", F_TIME, 0, 0, 0, NULL},
    [REG_COLLECTED_BY] = {"collected_by", F_INT, 0, 1, INT32_MAX, NULL},
    [REG_COLLECTED_BY_NAME] = {"collected_by_name", F_LINE, 0, 0, 200, NULL},
    [REG_REASON] = {"reason", F_LINE, 0, 0, 400, NULL},
    [REG_PASSWORD] = {"password", F_LINE, 0, 0, 128, NULL},
    [REG_NOTE] = {"note", F_LINE, 0, 0, 400, NULL},
};
/* a member of staff's entry takes only the first three */
#define REG_STAFF_FIELDS (REG_AT + 1)

static const char *text_of(const struct field_value *v)
{
	return v->present && v->s ? v->s : "";
}

/* The day and minute of an entry: date (default today) and at (default
 * now, only today). 0, or -1 with the 422 answered. */
static int when(struct web *w, const struct field_value *v, int *day, int *minute)
{
	int today = date_today(w->setting.time_zone);
	*day = v[REG_DATE].present ? (int)v[REG_DATE].i : today;
	if (v[REG_AT].present) {
		*minute = (int)v[REG_AT].i;
		return 0;
	}
	if (*day != today) {
		web_error(w, 422, "at", "at: give the time, this is not today's register");
		return -1;
	}
	*minute = day_now(w, *day);
	return 0;
}

static int answer(struct web *w, int64_t id, const struct field_value *v, int day, int minute)
{
	char date[DATE_LEN], at[TIME_LEN];
	date_format(day, date);
	time_format(minute, at);
	return web_json(w, 201,
	                json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "event",
	                          v[REG_EVENT].s, "date", date, "at", at));
}

static int failed(struct web *w, const struct op_error *e)
{
	if (store_in_transaction(w->s))
		store_rollback(w->s);
	return web_op_error(w, e);
}

int api_register_day(struct web *w)
{
	const char *room = web_field(w, "room"), *date_raw = web_field(w, "date");
	static const struct field_spec date_spec = {"date", F_DATE, 0, 0, 0, NULL};
	struct field_value dv;
	struct register_day r;
	struct op_error e;
	char why[200];
	size_t k = 0;
	int64_t room_id = 0;
	int day;
	json_t *doc;
	if (valid_field(&date_spec, date_raw, &dv, w->a, why, sizeof why) != 0)
		return web_error(w, 422, "date", "date %s", why);
	day = dv.present ? (int)dv.i : date_today(w->setting.time_zone);
	if (*room && !(room_id = core_room_find(w->s, w->me.setting_id, room)))
		return web_error(w, 422, "room", "there is no room called %s", room);
	if (core_register_load(w->s, w->me.setting_id, day, &r, &e) != 0) {
		core_register_free(&r);
		return web_op_error(w, &e);
	}
	for (size_t i = 0; i < r.nchildren; i++)
		if ((!room_id || strcasecmp(r.children[i].room, room) == 0) &&
		    authz_child(w, r.children[i].id, CHILD_BASIC))
			r.children[k++] = r.children[i];
	r.nchildren = k;
	doc = core_register_json(&r);
	core_register_free(&r);
	return web_json(w, 200, doc);
}

int api_register_child(struct web *w)
{
	struct field_value v[REG__MAX];
	struct register_child_entry in;
	struct op_error e;
	int64_t child = w->id[0], id;
	if (!authz_child(w, child, CHILD_BASIC))
		return web_error(w, 404, "", "there is no child %" PRId64, child);
	if (!authz_register_child(w, child))
		return web_error(
		    w, 403, "",
		    "only the staff of the child's room, the key person or buddy, or a "
		    "manager sign this child in or out");
	if (api_v1_body(w, reg_fields, REG__MAX, v) != 0)
		return 0;
	memset(&in, 0, sizeof in);
	in.child_id = child;
	in.event = strcmp(v[REG_EVENT].s, "out") == 0 ? REGISTER_OUT : REGISTER_IN;
	if (when(w, v, &in.day, &in.minute) != 0)
		return 0;
	in.collected_by_contact = v[REG_COLLECTED_BY].present ? v[REG_COLLECTED_BY].i : 0;
	in.collected_by_name = text_of(&v[REG_COLLECTED_BY_NAME]);
	in.override_reason = text_of(&v[REG_REASON]);
	in.password = text_of(&v[REG_PASSWORD]);
	in.note = text_of(&v[REG_NOTE]);
	if (core_tx_begin(w->s, &e) != 0 || core_register_child(w->s, &w->who, &in, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return failed(w, &e);
	return answer(w, id, v, in.day, in.minute);
}

int api_register_staff(struct web *w)
{
	struct field_value v[REG__MAX];
	struct op_error e;
	int64_t staff = w->id[0], id;
	int day, minute;
	struct store_stmt *st;
	int found;
	if (!authz_register_staff(w, staff))
		return web_error(w, 403, "",
		                 "you sign yourself in and out; a manager signs anyone");
	st = store_stmt(w->s, STMT_STAFF_GET); /* another setting's staff: 404, as a missing one */
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, staff);
	found = store_step(st) == STORE_ROW;
	store_finish(st);
	if (!found)
		return web_error(w, 404, "", "there is no member of staff %" PRId64, staff);
	memset(v, 0, sizeof v);
	if (api_v1_body(w, reg_fields, REG_STAFF_FIELDS, v) != 0 || when(w, v, &day, &minute) != 0)
		return 0;
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_register_staff(w->s, &w->who, staff,
	                        strcmp(v[REG_EVENT].s, "out") == 0 ? REGISTER_OUT : REGISTER_IN,
	                        day, minute, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return failed(w, &e);
	return answer(w, id, v, day, minute);
}
