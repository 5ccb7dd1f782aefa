/*
 * core_meeting.c — progress meetings of core_meeting.h: the family's
 * preference, scheduling (reviewing the last meeting held), recording what
 * was said and agreed, and the lists.
 */
#include "core_meeting.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"

static const char *const methods[] = {"in_person", "phone", "video", NULL};
static const char *const statuses[] = {"held", "cancelled", NULL};

const struct field_spec core_meeting_fields[MEETING__MAX] = {
    [MEETING_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [MEETING_TIME] = {"time", F_TIME, 1, 0, 0, NULL},
    [MEETING_METHOD] = {"method", F_ENUM, 1, 0, 0, methods},
    [MEETING_WITH] = {"with", F_LINE, 0, 0, 200, NULL},
};

const struct field_spec core_meeting_notes_fields[MEETING_NOTES__MAX] = {
    [MEETING_NOTES] = {"notes", F_TEXT, 0, 0, 8000, NULL},
    [MEETING_NEXT_STEPS] = {"next_steps", F_TEXT, 0, 0, 4000, NULL},
    [MEETING_TARGETS] = {"targets", F_TEXT, 0, 0, 4000, NULL},
    [MEETING_STATUS] = {"status", F_ENUM, 1, 0, 0, statuses},
};

/* A contact's preferred method as a meeting's: text, email and the portal
 * arrange a meeting in person. */
static const struct {
	const char *contact, *meeting;
} method_map[] = {
    {"in_person", "in_person"}, {"phone", "phone"},      {"text", "in_person"},
    {"email", "in_person"},     {"portal", "in_person"},
};

void core_meeting_preference(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                             const char **method, const char **time, const char **with)
{
	struct store_stmt *st = store_stmt(s, STMT_REC_FAMILY_PREFERENCES);
	*method = "in_person";
	*time = "";
	*with = "";
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW) {
		*with = arena_strdup(a, store_col_text(st, 0));
		for (size_t i = 0; i < ARRAY_LEN(method_map); i++)
			if (strcmp(store_col_text(st, 1), method_map[i].contact) == 0)
				*method = method_map[i].meeting;
		*time = arena_strdup(a, store_col_text(st, 2));
	}
	store_finish(st);
}

int core_meeting_schedule(struct store *s, const struct actor *who, int64_t child_id,
                          int64_t staff_id, const struct field_value *v, const char *tz,
                          int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	int64_t reviews = 0;
	int rc;
	if (v[MEETING_DATE].i < date_today(tz))
		return op_fail(e, OP_INVALID, "date", "is in the past: schedule a meeting ahead");
	st = store_stmt(s, STMT_MEETING_LAST_HELD);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW)
		reviews = store_col_int(st, 0);
	store_finish(st);
	st = store_stmt(s, STMT_MEETING_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_id(st, 3, staff_id);
	store_bind_int(st, 4, date_instant((int)v[MEETING_DATE].i, (int)v[MEETING_TIME].i, tz));
	store_bind_text(st, 5, v[MEETING_METHOD].s);
	store_bind_text(st, 6, v[MEETING_WITH].s);
	store_bind_id(st, 7, reviews);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "scheduling the meeting");
	*id = store_last_id(s);
	return audit_write(s, who, "meeting.schedule", "progress_meeting", *id, child_id,
	                   v[MEETING_DATE].s, e);
}

int core_meeting_record(struct store *s, const struct actor *who, int64_t meeting_id,
                        int64_t child_id, const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MEETING_RECORD);
	int rc;
	store_bind_text(st, 1, v[MEETING_NOTES].s);
	store_bind_text(st, 2, v[MEETING_NEXT_STEPS].s);
	store_bind_text(st, 3, v[MEETING_TARGETS].s);
	store_bind_text(st, 4, v[MEETING_STATUS].s);
	store_bind_int(st, 5, who->setting_id);
	store_bind_int(st, 6, meeting_id);
	store_bind_int(st, 7, child_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "recording the meeting");
	if (store_changes(s) != 1)
		return op_fail(e, OP_NOT_FOUND, "", "there is no such meeting");
	return audit_write(s, who, "meeting.record", "progress_meeting", meeting_id, child_id,
	                   v[MEETING_STATUS].s, e);
}

int64_t core_meeting_child(struct store *s, int64_t setting_id, int64_t meeting_id)
{
	struct store_stmt *st = store_stmt(s, STMT_MEETING_GET_CHILD);
	int64_t child = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, meeting_id);
	if (store_step(st) == STORE_ROW)
		child = store_col_int(st, 0);
	store_finish(st);
	return child;
}

int core_meeting_list(struct store *s, int64_t setting_id, int64_t child_id, int64_t from,
                      int scheduled_only, struct arena *a, struct meeting **out, size_t *n,
                      struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MEETING_LIST);
	size_t cap = 16;
	struct meeting *m = arena_alloc(a, cap * sizeof *m);
	int rc;
	*n = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, child_id);
	store_bind_int(st, 4, from);
	store_bind_int(st, 5, scheduled_only);
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *pref = store_col_text(st, 13);
		if (*n == cap) {
			struct meeting *grown = arena_alloc(a, 2 * cap * sizeof *m);
			memcpy(grown, m, cap * sizeof *m);
			m = grown;
			cap *= 2;
		}
		m[*n] = (struct meeting){
		    .id = store_col_int(st, 0),
		    .child_id = store_col_int(st, 1),
		    .at = store_col_int(st, 2),
		    .method = arena_strdup(a, store_col_text(st, 3)),
		    .with = arena_strdup(a, store_col_text(st, 4)),
		    .notes = arena_strdup(a, store_col_text(st, 5)),
		    .next_steps = arena_strdup(a, store_col_text(st, 6)),
		    .targets = arena_strdup(a, store_col_text(st, 7)),
		    .status = arena_strdup(a, store_col_text(st, 8)),
		    .reviews_id = store_col_int(st, 9),
		    .staff = arena_strdup(a, store_col_text(st, 10)),
		    .child = arena_printf(a, "%s %s", *pref ? pref : store_col_text(st, 11),
		                          store_col_text(st, 12)),
		};
		(*n)++;
	}
	store_finish(st);
	*out = m;
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the meetings");
	return 0;
}
