/*
 * core_transition_plan.c — the new key person and buddy of a room move,
 * from the planner (src/planner, ../shared/planner/SPEC.md): the setting's
 * instance for the move's date (core_plan_instance), every other child
 * locked to the pair they have (SPEC: `locked`, so no existing key group
 * changes), the moving child placed in the new room with no current pair;
 * the planner then chooses the child's pair under the same rules as whole
 * key groups (caps, key persons only as primary, a junior paired with
 * someone experienced, siblings together, home language, SEN, the times
 * they are in). Only when the planner cannot (the room is infeasible as it
 * stands, or the instance cannot be built) the simple rule of
 * core_transition_suggest is used, and the caller is told which.
 */
#include <stdio.h>
#include <string.h>

#include "core_plan.h"
#include "core_staff.h"
#include "core_transition.h"
#include "planner/planner.h"

#define SUGGEST_TIME_LIMIT_S 2.0 /* a cap only: one free child solves in milliseconds */

static const char *text_of(const json_t *o, const char *key, const char *otherwise)
{
	const char *t = json_string_value(json_object_get(o, key));
	return t ? t : otherwise;
}

/* The code of a child (stmt STMT_TRANSITION_CHILD_CODE) or the name of a room
 * (STMT_TRANSITION_ROOM_NAME) by id; 0 when there is none. */
static int name_of(struct store *s, enum stmt_id which, int64_t setting_id, int64_t id, char *out,
                   size_t n)
{
	struct store_stmt *st = store_stmt(s, which);
	int found = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, id);
	if (store_step(st) == STORE_ROW) {
		snprintf(out, n, "%s", store_col_text(st, 0));
		found = 1;
	}
	store_finish(st);
	return found;
}

/* The instance with everyone but code locked to their current pair and code
 * in room (no current pair: the old room's staff do not follow the child). */
static int prepare(json_t *in, const char *code, const char *room)
{
	json_t *c;
	size_t i;
	int found = 0;
	json_array_foreach (json_object_get(in, "children"), i, c) {
		const char *id = json_string_value(json_object_get(c, "id"));
		json_t *cur = json_object_get(c, "current");
		if (id && strcmp(id, code) == 0) {
			json_object_set_new(c, "room", json_string(room));
			json_object_del(c, "current");
			json_object_del(c, "locked");
			found = 1;
		} else if (cur) {
			json_object_set_new(c, "locked", json_true());
		}
	}
	return found;
}

int core_transition_plan_suggest(struct store *s, int64_t setting_id, int64_t child_id,
                                 int64_t room_id, int day, int64_t *primary, int64_t *secondary,
                                 char *why, size_t n, json_t **result)
{
	struct planner_options opt = {.time_limit_s = SUGGEST_TIME_LIMIT_S, .seed = 1};
	struct op_error e;
	json_t *in = NULL, *out = NULL, *a;
	char code[64], room[128], err[256];
	size_t i;
	int planned = 0;
	*primary = *secondary = 0;
	snprintf(why, n, "%s", "");
	if (result)
		*result = NULL;
	if (!name_of(s, STMT_TRANSITION_CHILD_CODE, setting_id, child_id, code, sizeof code) ||
	    !name_of(s, STMT_TRANSITION_ROOM_NAME, setting_id, room_id, room, sizeof room)) {
		snprintf(why, n, "there is no such child or room");
		goto fallback;
	}
	if (core_plan_instance(s, setting_id, day, &in, &e) != 0) {
		snprintf(why, n, "%s", e.msg);
		goto fallback;
	}
	if (!prepare(in, code, room)) {
		snprintf(why, n, "the child is not on roll on the day of the move");
		goto fallback;
	}
	if (planner_solve_json(in, &opt, &out, err, sizeof err) != 0) {
		snprintf(why, n, "%s", err);
		goto fallback;
	}
	if (strcmp(text_of(out, "status", ""), "infeasible") == 0) {
		snprintf(why, n, "%s",
		         text_of(out, "reason", "the rooms cannot be planned as they stand"));
		goto fallback;
	}
	json_array_foreach (json_object_get(out, "assignments"), i, a) {
		const char *id = json_string_value(json_object_get(a, "child"));
		if (!id || strcmp(id, code) != 0)
			continue;
		*primary = core_staff_find(s, setting_id, text_of(a, "primary", ""));
		*secondary = core_staff_find(s, setting_id, text_of(a, "secondary", ""));
	}
	if (*primary && *secondary && *primary != *secondary) {
		planned = 1;
		goto out;
	}
	snprintf(why, n, "the planner gave the child no pair");
fallback:
	core_transition_suggest(s, setting_id, room_id, day, primary, secondary);
out:
	if (result && out)
		*result = json_incref(out);
	json_decref(in);
	json_decref(out);
	return planned;
}

int core_transition_suggested_set(struct store *s, int64_t setting_id, int64_t transition_id,
                                  const char *by, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_TRANSITION_SUGGESTED_SET);
	int rc;
	store_bind_text(st, 1, by);
	store_bind_int(st, 2, setting_id);
	store_bind_int(st, 3, transition_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "noting who chose the key person");
	return 0;
}

const char *core_transition_suggested_by(struct store *s, int64_t setting_id, int64_t transition_id,
                                         struct arena *a)
{
	struct store_stmt *st = store_stmt(s, STMT_TRANSITION_SUGGESTED_GET);
	const char *by = "";
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, transition_id);
	if (store_step(st) == STORE_ROW)
		by = arena_strdup(a, store_col_text(st, 0));
	store_finish(st);
	return by;
}
