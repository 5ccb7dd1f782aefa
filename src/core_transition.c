/*
 * core_transition.c — room moves and leaving of core_transition.h: the
 * suggested key person and buddy, planning a transition, the handover note
 * and settling visits, applying it on its date, and the transfer record.
 */
#include "core_transition.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_child.h"
#include "core_meeting.h"
#include "core_outbox.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_twoyear.h"

static const char *const kinds[] = {"room_move", "leaving", NULL};

const struct field_spec core_transition_fields[TRANSITION__MAX] = {
    [TRANSITION_KIND] = {"kind", F_ENUM, 1, 0, 0, kinds},
    [TRANSITION_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [TRANSITION_TO_ROOM] = {"to_room", F_LINE, 0, 0, 100, NULL},
    [TRANSITION_KEY_PERSON] = {"key_person", F_LINE, 0, 0, 40, NULL},
    [TRANSITION_BUDDY] = {"buddy", F_LINE, 0, 0, 40, NULL},
    [TRANSITION_NOTE] = {"handover_note", F_TEXT, 0, 0, 8000, NULL},
    [TRANSITION_DESTINATION] = {"destination", F_LINE, 0, 0, 200, NULL},
};

const struct field_spec core_visit_fields[VISIT__MAX] = {
    [VISIT_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [VISIT_TIME] = {"time", F_SPAN, 1, 0, 0, NULL},
    [VISIT_NOTES] = {"notes", F_TEXT, 0, 0, 4000, NULL},
};

#define JUNIOR_MONTHS 24

void core_transition_suggest(struct store *s, int64_t setting_id, int64_t room_id, int day,
                             int64_t *primary, int64_t *secondary)
{
	struct store_stmt *st = store_stmt(s, STMT_REC_ROOM_STAFF_LOAD);
	struct cand {
		int64_t id;
		int key_person, senior, primaries, secondaries, cap;
	} c[64] = {{0}};
	size_t n = 0;
	char d[DATE_LEN];
	int best = -1, junior;
	*primary = *secondary = 0;
	date_format(day, d);
	for (int i = 1; i <= 4; i++)
		store_bind_text(st, i, d);
	store_bind_int(st, 5, setting_id);
	store_bind_int(st, 6, room_id);
	store_bind_text(st, 7, d);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(c)) {
		int exp;
		c[n].id = store_col_int(st, 0);
		c[n].key_person = (int)store_col_int(st, 2);
		c[n].senior = store_col_int(st, 3) >= 3 &&
		              date_parse(store_col_text(st, 4), &exp) == 0 &&
		              date_age_months(exp, day) >= JUNIOR_MONTHS;
		c[n].cap = store_col_null(st, 5) ? -1 : (int)store_col_int(st, 5);
		c[n].primaries = (int)store_col_int(st, 7);
		c[n].secondaries = (int)store_col_int(st, 8);
		n++;
	}
	store_finish(st);
	for (size_t i = 0; i < n; i++) {
		if (!c[i].key_person || (c[i].cap >= 0 && c[i].primaries >= c[i].cap))
			continue;
		if (best < 0 || c[i].primaries < c[best].primaries)
			best = (int)i;
	}
	if (best < 0)
		return;
	*primary = c[best].id;
	junior = !c[best].senior;
	best = -1;
	for (size_t i = 0; i < n; i++) {
		if (c[i].id == *primary || (junior && !c[i].senior))
			continue;
		if (best < 0 || c[i].secondaries < c[best].secondaries)
			best = (int)i;
	}
	if (best >= 0)
		*secondary = c[best].id;
}

static int64_t child_room(struct store *s, int64_t setting_id, int64_t child_id)
{
	struct store_stmt *st = store_stmt(s, STMT_AUTHZ_CHILD);
	int64_t room = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW)
		room = store_col_int(st, 0);
	store_finish(st);
	return room;
}

int core_transition_add(struct store *s, const struct actor *who, int64_t child_id,
                        const struct field_value *v, int64_t *id, struct op_error *e)
{
	int64_t from = child_room(s, who->setting_id, child_id), to = 0, primary = 0, secondary = 0;
	int move = strcmp(v[TRANSITION_KIND].s, "room_move") == 0;
	const char *by = ""; /* who chose the pair when the manager did not name it */
	struct store_stmt *st;
	int rc;
	if (!from)
		return op_fail(e, OP_NOT_FOUND, "", "there is no such child");
	if (move) {
		if (!v[TRANSITION_TO_ROOM].present)
			return op_fail(e, OP_INVALID, "to_room", "choose the new room");
		to = core_room_find(s, who->setting_id, v[TRANSITION_TO_ROOM].s);
		if (!to)
			return op_fail(e, OP_INVALID, "to_room", "there is no room called %s",
			               v[TRANSITION_TO_ROOM].s);
		if (to == from)
			return op_fail(e, OP_INVALID, "to_room", "is the child's room already");
		if (v[TRANSITION_KEY_PERSON].present) {
			if (core_child_eligible_staff(s, who->setting_id,
			                              v[TRANSITION_KEY_PERSON].s, to,
			                              "the new room", 1, "key_person", &primary, e))
				return -1;
		}
		if (v[TRANSITION_BUDDY].present) {
			if (core_child_eligible_staff(s, who->setting_id, v[TRANSITION_BUDDY].s, to,
			                              "the new room", 0, "buddy", &secondary, e))
				return -1;
		}
		if (!primary || !secondary) {
			int64_t sp, ss;
			char why[256];
			by = core_transition_plan_suggest(s, who->setting_id, child_id, to,
			                                  (int)v[TRANSITION_DATE].i, &sp, &ss, why,
			                                  sizeof why, NULL)
			         ? "planner"
			         : "rule";
			if (!primary)
				primary = sp == secondary ? 0 : sp;
			if (!secondary)
				secondary = ss == primary ? 0 : ss;
		}
		if (!primary)
			return op_fail(e, OP_INVALID, "key_person",
			               "nobody in the new room can be the key person: name one");
		if (!secondary)
			return op_fail(e, OP_INVALID, "buddy",
			               "nobody else in the new room can be the buddy: name one");
		if (primary == secondary)
			return op_fail(e, OP_INVALID, "buddy",
			               "the buddy must be someone other than the key person");
	} else if (v[TRANSITION_TO_ROOM].present || v[TRANSITION_KEY_PERSON].present ||
	           v[TRANSITION_BUDDY].present) {
		return op_fail(e, OP_INVALID, "to_room", "a child who leaves has no new room");
	}
	st = store_stmt(s, STMT_TRANSITION_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[TRANSITION_KIND].s);
	store_bind_text(st, 4, v[TRANSITION_DATE].s);
	store_bind_int(st, 5, from);
	store_bind_id(st, 6, to);
	store_bind_id(st, 7, primary);
	store_bind_id(st, 8, secondary);
	store_bind_text(st, 9, v[TRANSITION_NOTE].s);
	store_bind_text(st, 10, v[TRANSITION_DESTINATION].s);
	store_bind_int(st, 11, 0);
	store_bind_int(st, 12, time_now());
	store_bind_id(st, 13, who->user_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "planning the transition");
	*id = store_last_id(s);
	if (*by && core_transition_suggested_set(s, who->setting_id, *id, by, e) != 0)
		return -1;
	return audit_write(s, who, "transition.add", "transition", *id, child_id,
	                   v[TRANSITION_KIND].s, e);
}

int64_t core_transition_child(struct store *s, int64_t setting_id, int64_t transition_id)
{
	struct store_stmt *st = store_stmt(s, STMT_TRANSITION_GET);
	int64_t child = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, transition_id);
	if (store_step(st) == STORE_ROW)
		child = store_col_int(st, 0);
	store_finish(st);
	return child;
}

int core_transition_note(struct store *s, const struct actor *who, int64_t transition_id,
                         int64_t child_id, const char *note, struct op_error *e)
{
	struct field_value v;
	struct store_stmt *st;
	struct arena a;
	char why[200];
	int rc, ret = -1;
	arena_init(&a);
	if (core_transition_child(s, who->setting_id, transition_id) != child_id) {
		op_fail(e, OP_NOT_FOUND, "", "there is no such transition");
		goto out;
	}
	if (valid_field(&core_transition_fields[TRANSITION_NOTE], note, &v, &a, why, sizeof why)) {
		op_fail(e, OP_INVALID, "handover_note", "%s", why);
		goto out;
	}
	st = store_stmt(s, STMT_TRANSITION_SET_NOTE);
	store_bind_text(st, 1, v.s);
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, transition_id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "saving the handover note");
		goto out;
	}
	ret = audit_write(s, who, "transition.note", "transition", transition_id, child_id, "", e);
out:
	arena_free(&a);
	return ret;
}

int core_transition_visit(struct store *s, const struct actor *who, int64_t transition_id,
                          int64_t child_id, const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_TRANSITION_GET);
	int64_t staff = 0, found = 0;
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, transition_id);
	if (store_step(st) == STORE_ROW) {
		found = store_col_int(st, 0) == child_id;
		staff = store_col_int(st, 4);
	}
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "", "there is no such transition");
	st = store_stmt(s, STMT_TRANSITION_VISIT_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, transition_id);
	store_bind_text(st, 3, v[VISIT_DATE].s);
	store_bind_int(st, 4, v[VISIT_TIME].i);
	store_bind_int(st, 5, v[VISIT_TIME].j);
	store_bind_id(st, 6, staff);
	store_bind_text(st, 7, v[VISIT_NOTES].s);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding the settling visit");
	return audit_write(s, who, "transition.visit", "transition", transition_id, child_id,
	                   v[VISIT_DATE].s, e);
}

int core_transition_apply(struct store *s, const struct actor *who, int64_t transition_id, int day,
                          struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_TRANSITION_GET);
	int64_t child = 0, to = 0, primary = 0, secondary = 0, applied = 0;
	char kind[16] = "", date[DATE_LEN] = "";
	int when = 0, rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, transition_id);
	if (store_step(st) == STORE_ROW) {
		child = store_col_int(st, 0);
		snprintf(kind, sizeof kind, "%s", store_col_text(st, 1));
		snprintf(date, sizeof date, "%s", store_col_text(st, 2));
		to = store_col_int(st, 3);
		primary = store_col_int(st, 4);
		secondary = store_col_int(st, 5);
		applied = store_col_int(st, 6);
	}
	store_finish(st);
	if (!child || date_parse(date, &when) != 0)
		return op_fail(e, OP_NOT_FOUND, "", "there is no such transition");
	if (applied)
		return op_fail(e, OP_CONFLICT, "", "this transition has been applied already");
	if (when > day)
		return op_fail(e, OP_CONFLICT, "date",
		               "the transition is on %s: it is applied on that day, not before",
		               date);
	if (strcmp(kind, "room_move") == 0) {
		char detail[64];
		if (core_key_assign(s, who, child, primary, secondary, when, "room move", e) != 0)
			return -1;
		/* the family is told of the new key person (core_outbox.h) */
		snprintf(detail, sizeof detail, "The change is from %s.", date);
		if (core_outbox_family(s, who->setting_id, child, OUTBOX_KEY_PERSON, detail, e) !=
		    0)
			return -1;
		st = store_stmt(s, STMT_REC_CHILD_SET_ROOM);
		store_bind_int(st, 1, to);
		store_bind_int(st, 2, who->setting_id);
		store_bind_int(st, 3, child);
	} else {
		st = store_stmt(s, STMT_REC_CHILD_SET_LEAVING);
		store_bind_text(st, 1, date);
		store_bind_int(st, 2, who->setting_id);
		store_bind_int(st, 3, child);
	}
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "moving the child");
	st = store_stmt(s, STMT_TRANSITION_SET_APPLIED);
	store_bind_int(st, 1, time_now());
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, transition_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "recording the transition");
	return audit_write(s, who, "transition.apply", "transition", transition_id, child, kind, e);
}

int core_transition_list(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                         struct transition **out, size_t *n, struct transition_visit **visits,
                         size_t *nvisits, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_TRANSITION_LIST);
	size_t cap = 8, vcap = 8;
	struct transition *t = arena_alloc(a, cap * sizeof *t);
	struct transition_visit *v = arena_alloc(a, vcap * sizeof *v);
	int rc;
	*n = *nvisits = 0;
	*out = t;
	*visits = v;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			struct transition *grown = arena_alloc(a, 2 * cap * sizeof *t);
			memcpy(grown, t, cap * sizeof *t);
			t = grown;
			cap *= 2;
		}
		t[*n] = (struct transition){
		    .id = store_col_int(st, 0),
		    .kind = arena_strdup(a, store_col_text(st, 1)),
		    .date = arena_strdup(a, store_col_text(st, 2)),
		    .from_room = arena_strdup(a, store_col_text(st, 3)),
		    .to_room = arena_strdup(a, store_col_text(st, 4)),
		    .primary_id = store_col_int(st, 5),
		    .primary = arena_strdup(a, store_col_text(st, 6)),
		    .secondary_id = store_col_int(st, 7),
		    .secondary = arena_strdup(a, store_col_text(st, 8)),
		    .note = arena_strdup(a, store_col_text(st, 9)),
		    .destination = arena_strdup(a, store_col_text(st, 10)),
		    .applied_at = store_col_int(st, 11),
		    .to_room_id = store_col_int(st, 12),
		};
		(*n)++;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the transitions");
	st = store_stmt(s, STMT_TRANSITION_VISITS);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, setting_id);
	store_bind_int(st, 3, child_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*nvisits == vcap) {
			struct transition_visit *grown = arena_alloc(a, 2 * vcap * sizeof *v);
			memcpy(grown, v, vcap * sizeof *v);
			v = grown;
			vcap *= 2;
		}
		v[*nvisits] = (struct transition_visit){
		    .transition_id = store_col_int(st, 0),
		    .date = arena_strdup(a, store_col_text(st, 1)),
		    .start_min = (int)store_col_int(st, 2),
		    .end_min = (int)store_col_int(st, 3),
		    .staff = arena_strdup(a, store_col_text(st, 4)),
		    .notes = arena_strdup(a, store_col_text(st, 5)),
		};
		(*nvisits)++;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the settling visits");
	*out = t;
	*visits = v;
	return 0;
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

int core_transition_transfer(struct store *s, const struct actor *who, int64_t child_id, int day,
                             json_t **out, struct op_error *e)
{
	struct store_stmt *st;
	struct arena a;
	struct twoyear t;
	struct transition *tr;
	struct transition_visit *vis;
	struct meeting *m;
	size_t ntr, nvis, nm;
	json_t *doc = NULL, *child, *dev, *sen, *notes;
	char today[DATE_LEN];
	int ret = -1;

	*out = NULL;
	arena_init(&a);
	date_format(day, today);
	if (!core_consent_in_force(s, who->setting_id, child_id, "share_next_setting", day)) {
		op_fail(
		    e, OP_CONFLICT, "consent",
		    "the family has not given consent to share the record with the next setting "
		    "or school: record their consent on the child's page first");
		goto out;
	}
	st = store_stmt(s, STMT_REC_CHILD_NAME);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) != STORE_ROW) {
		store_finish(st);
		op_fail(e, OP_NOT_FOUND, "", "there is no such child");
		goto out;
	}
	child = json_pack(
	    "{s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:s, s:o, s:b}", "id", (json_int_t)child_id,
	    "first_name", store_col_text(st, 0), "last_name", store_col_text(st, 1),
	    "preferred_name", text_or_null(store_col_text(st, 2)), "date_of_birth",
	    store_col_text(st, 3), "room", store_col_text(st, 5), "start_date",
	    store_col_text(st, 6), "leaving_date", text_or_null(store_col_text(st, 7)),
	    "home_language", store_col_text(st, 8), "other_languages",
	    text_or_null(store_col_text(st, 9)), "sen", (int)store_col_int(st, 10));
	store_finish(st);
	doc = json_pack("{s:s, s:s, s:o}", "kind", "keyworker transfer record", "produced_on",
	                today, "child", child);

	st = store_stmt(s, STMT_API_CHILD_KEY);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, today);
	store_bind_text(st, 4, today);
	if (store_step(st) == STORE_ROW)
		json_object_set_new(doc, "key_person",
		                    json_pack("{s:s, s:s}", "name", store_col_text(st, 1), "buddy",
		                              store_col_text(st, 3)));
	else
		json_object_set_new(doc, "key_person", json_null());
	store_finish(st);

	dev = json_object();
	if (core_twoyear_latest(s, who->setting_id, child_id, &a, &t, e) != 0)
		goto out;
	if (t.id && strcmp(t.status, "final") == 0) {
		json_t *c = json_object();
		for (int i = 0; i < TWOYEAR__MAX; i++)
			json_object_set_new(c, core_twoyear_fields[i].name,
			                    json_string(t.value[i]));
		json_object_set_new(c, "written_by", json_string(t.staff));
		json_object_set_new(dev, "check_at_two", c);
	} else {
		json_object_set_new(dev, "check_at_two", json_null());
	}
	if (core_meeting_list(s, who->setting_id, child_id, 0, 0, &a, &m, &nm, e) != 0) {
		json_decref(dev);
		goto out;
	}
	{
		json_t *list = json_array();
		for (size_t i = 0; i < nm; i++) {
			int d, minute;
			char date[DATE_LEN];
			if (strcmp(m[i].status, "held") != 0)
				continue;
			date_local(m[i].at, NULL, &d, &minute);
			date_format(d, date);
			json_array_append_new(
			    list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "date", date, "notes",
			                    m[i].notes, "next_steps", m[i].next_steps, "targets",
			                    m[i].targets, "with", m[i].with));
		}
		json_object_set_new(dev, "progress_meetings", list);
	}
	json_object_set_new(doc, "development", dev);

	sen = json_pack("{s:[], s:[]}", "records", "plans");
	st = store_stmt(s, STMT_REC_SEN_CURRENT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, today);
	while (store_step(st) == STORE_ROW)
		json_array_append_new(
		    json_object_get(sen, "records"),
		    json_pack("{s:s, s:s, s:s, s:s}", "status", store_col_text(st, 0),
		              "area_of_need", store_col_text(st, 1), "from", store_col_text(st, 2),
		              "notes", store_col_text(st, 3)));
	store_finish(st);
	st = store_stmt(s, STMT_REC_SEN_PLANS);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW)
		json_array_append_new(
		    json_object_get(sen, "plans"),
		    json_pack("{s:s, s:s, s:o, s:s, s:s}", "kind", store_col_text(st, 0),
		              "created_on", store_col_text(st, 1), "review_on",
		              text_or_null(store_col_text(st, 2)), "targets", store_col_text(st, 3),
		              "outcome", store_col_text(st, 4)));
	store_finish(st);
	if (json_array_size(json_object_get(sen, "records")) == 0 &&
	    json_array_size(json_object_get(sen, "plans")) == 0) {
		json_decref(sen);
		sen = json_null();
	}
	json_object_set_new(doc, "sen", sen);

	if (core_transition_list(s, who->setting_id, child_id, &a, &tr, &ntr, &vis, &nvis, e) != 0)
		goto out;
	notes = json_array();
	for (size_t i = 0; i < ntr; i++) {
		if (strcmp(tr[i].kind, "leaving") == 0 && !json_object_get(doc, "destination"))
			json_object_set_new(doc, "destination", text_or_null(tr[i].destination));
		if (*tr[i].note)
			json_array_append_new(notes,
			                      json_pack("{s:s, s:s, s:s}", "date", tr[i].date,
			                                "kind", tr[i].kind, "note", tr[i].note));
	}
	json_object_set_new(doc, "key_person_notes", notes);
	if (!json_object_get(doc, "destination"))
		json_object_set_new(doc, "destination", json_null());

	if (core_tx_begin(s, e) != 0)
		goto out;
	if (audit_write(s, who, "transfer.export", "child", child_id, child_id,
	                "transfer record given (consent to share with the next setting in force)",
	                e) != 0 ||
	    core_tx_commit(s, e) != 0) {
		store_rollback(s);
		goto out;
	}
	*out = doc;
	doc = NULL;
	ret = 0;
out:
	json_decref(doc);
	arena_free(&a);
	return ret;
}
