/*
 * core_supervision.c — staff supervision of core_supervision.h: the field
 * table, the schedule's arithmetic, recording a supervision with the key
 * children discussed, the lists, and the demo's supervisions.
 */
#include "core_supervision.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"

const struct field_spec core_supervision_fields[SUP__MAX] = {
    [SUP_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [SUP_NOTES] = {"notes", F_TEXT, 0, 0, 8000, NULL},
    [SUP_WELLBEING] = {"wellbeing", F_TEXT, 0, 0, 4000, NULL},
    [SUP_TRAINING] = {"training_needs", F_TEXT, 0, 0, 4000, NULL},
    [SUP_ACTIONS] = {"actions", F_TEXT, 0, 0, 4000, NULL},
};
const struct field_spec core_supervision_weeks_field = {"weeks", F_INT, 1, 1, 52, NULL};

int core_supervision_due_on(int last, int weeks)
{
	return last + 7 * weeks;
}

int core_supervision_overdue(int last, int weeks, int day)
{
	return last < 0 || day > core_supervision_due_on(last, weeks);
}

static const char *text(const struct field_value *v)
{
	return v->present ? v->s : "";
}

int core_supervision_add(struct store *s, const struct actor *who, int64_t staff_id,
                         int64_t supervisor_staff_id, const struct field_value *v,
                         const int64_t *children, size_t nchildren, int64_t *id, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SUP_STAFF);
	char due[DATE_LEN];
	int weeks = 0, found, rc;
	if (supervisor_staff_id == staff_id)
		return op_fail(e, OP_INVALID, "staff", "nobody supervises themselves");
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, staff_id);
	found = store_step(st) == STORE_ROW;
	if (found)
		weeks = (int)store_col_int(st, 1);
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "staff", "there is no such member of staff");
	date_format(core_supervision_due_on((int)v[SUP_DATE].i, weeks), due);
	st = store_stmt(s, STMT_SUP_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, staff_id);
	store_bind_id(st, 3, supervisor_staff_id);
	store_bind_text(st, 4, v[SUP_DATE].s);
	store_bind_text(st, 5, text(&v[SUP_NOTES]));
	store_bind_text(st, 6, text(&v[SUP_WELLBEING]));
	store_bind_text(st, 7, text(&v[SUP_TRAINING]));
	store_bind_text(st, 8, text(&v[SUP_ACTIONS]));
	store_bind_text(st, 9, due);
	store_bind_int(st, 10, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "saving the supervision");
	*id = store_last_id(s);
	for (size_t i = 0; i < nchildren; i++) {
		st = store_stmt(s, STMT_SUP_CHILD_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_int(st, 3, children[i]);
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "saving the children discussed");
	}
	return audit_write(s, who, "supervision.add", "supervision", *id, 0, v[SUP_DATE].s, e);
}

int core_supervision_set_weeks(struct store *s, const struct actor *who, int64_t staff_id,
                               int weeks, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SUP_SET_WEEKS);
	char detail[48];
	int rc;
	store_bind_int(st, 1, weeks);
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, staff_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "saving the schedule");
	if (store_changes(s) != 1)
		return op_fail(e, OP_NOT_FOUND, "staff", "there is no such member of staff");
	snprintf(detail, sizeof detail, "every %d weeks", weeks);
	return audit_write(s, who, "supervision.schedule", "staff", staff_id, 0, detail, e);
}

/* Fill the schedule fields of one member of staff. */
static void schedule(struct arena *a, struct sup_staff *p, int day)
{
	int last = -1;
	char due[DATE_LEN];
	p->due_on = "";
	if (*p->last && date_parse(p->last, &last) == 0) {
		date_format(core_supervision_due_on(last, p->weeks), due);
		p->due_on = arena_strdup(a, due);
	} else {
		last = -1;
	}
	p->overdue = core_supervision_overdue(last, p->weeks, day);
}

static const char *child_name(struct arena *a, struct store_stmt *st, int first)
{
	const char *pref = store_col_text(st, first + 2);
	return arena_printf(a, "%s %s", *pref ? pref : store_col_text(st, first),
	                    store_col_text(st, first + 1));
}

int core_supervision_list(struct store *s, int64_t setting_id, int64_t staff_id, int day,
                          struct arena *a, struct sup_staff *me, struct sup_row **out, size_t *n,
                          struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SUP_STAFF);
	size_t cap = 16;
	int rc, found;
	*n = 0;
	*out = NULL;
	memset(me, 0, sizeof *me);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff_id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		me->id = staff_id;
		me->code = "";
		me->name = arena_strdup(a, store_col_text(st, 0));
		me->weeks = (int)store_col_int(st, 1);
		me->last = arena_strdup(a, store_col_text(st, 2));
	}
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "staff", "there is no such member of staff");
	schedule(a, me, day);
	*out = arena_alloc(a, cap * sizeof **out);
	st = store_stmt(s, STMT_SUP_LIST);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			struct sup_row *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, *out, cap * sizeof *g);
			*out = g;
			cap *= 2;
		}
		(*out)[(*n)++] = (struct sup_row){
		    .id = store_col_int(st, 0),
		    .date = arena_strdup(a, store_col_text(st, 1)),
		    .supervisor = arena_strdup(a, store_col_text(st, 2)),
		    .notes = arena_strdup(a, store_col_text(st, 3)),
		    .wellbeing = arena_strdup(a, store_col_text(st, 4)),
		    .training = arena_strdup(a, store_col_text(st, 5)),
		    .actions = arena_strdup(a, store_col_text(st, 6)),
		    .next_due = arena_strdup(a, store_col_text(st, 7)),
		};
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the supervisions");
	st = store_stmt(s, STMT_SUP_CHILDREN);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t sid = store_col_int(st, 0);
		for (size_t i = 0; i < *n; i++) {
			struct sup_row *r = &(*out)[i];
			struct sup_child *g;
			if (r->id != sid)
				continue;
			g = arena_alloc(a, (r->nchildren + 1) * sizeof *g);
			if (r->nchildren)
				memcpy(g, r->children, r->nchildren * sizeof *g);
			g[r->nchildren++] =
			    (struct sup_child){store_col_int(st, 1), child_name(a, st, 2)};
			r->children = g;
		}
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the children discussed");
	return 0;
}

int core_supervision_due(struct store *s, int64_t setting_id, int day, struct arena *a,
                         struct sup_staff **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SUP_DUE);
	char d[DATE_LEN];
	size_t cap = 32;
	int rc;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof **out);
	date_format(day, d);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, d);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct sup_staff *p;
		if (*n == cap) {
			struct sup_staff *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, *out, cap * sizeof *g);
			*out = g;
			cap *= 2;
		}
		p = &(*out)[(*n)++];
		*p = (struct sup_staff){
		    .id = store_col_int(st, 0),
		    .code = arena_strdup(a, store_col_text(st, 1)),
		    .name = arena_strdup(a, store_col_text(st, 2)),
		    .weeks = (int)store_col_int(st, 3),
		    .last = arena_strdup(a, store_col_text(st, 4)),
		};
		schedule(a, p, day);
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the supervision schedule");
	return 0;
}

int core_supervision_key_children(struct store *s, int64_t setting_id, int64_t staff_id, int day,
                                  struct arena *a, struct sup_child **out, size_t *n,
                                  struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SUP_KEY_CHILDREN);
	char d[DATE_LEN];
	size_t cap = 16;
	int rc;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof **out);
	date_format(day, d);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff_id);
	store_bind_text(st, 3, d);
	store_bind_text(st, 4, d);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			struct sup_child *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, *out, cap * sizeof *g);
			*out = g;
			cap *= 2;
		}
		(*out)[(*n)++] = (struct sup_child){store_col_int(st, 0), child_name(a, st, 1)};
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the key children");
	return 0;
}

int core_supervision_demo(struct store *s, const struct actor *who, int today, struct op_error *e)
{
	struct sup_staff *all;
	struct arena a;
	size_t n;
	int ret = -1;
	arena_init(&a);
	if (core_supervision_due(s, who->setting_id, today, &a, &all, &n, e))
		goto out;
	/* the first is the manager: they supervise everyone else; the last is overdue */
	for (size_t i = 1; i < n; i++) {
		int day =
		    i + 1 == n ? today - 7 * SUPERVISION_WEEKS - 5 : today - 3 - (int)(i % 30);
		char d[DATE_LEN];
		struct field_value v[SUP__MAX];
		int64_t id;
		memset(v, 0, sizeof v);
		date_format(day, d);
		v[SUP_DATE] = (struct field_value){.present = 1, .i = day, .s = d};
		v[SUP_NOTES] = (struct field_value){
		    .present = 1, .s = "Talked through the key group and the room's routines."};
		v[SUP_WELLBEING] =
		    (struct field_value){.present = 1, .s = "Feeling settled; enjoying the role."};
		v[SUP_TRAINING] =
		    (struct field_value){.present = 1, .s = "Makaton level 1 (booked next term)."};
		v[SUP_ACTIONS] = (struct field_value){
		    .present = 1, .s = "Observe one key child's play each week."};
		if (core_supervision_add(s, who, all[i].id, all[0].id, v, NULL, 0, &id, e))
			goto out;
	}
	ret = 0;
out:
	arena_free(&a);
	return ret;
}

int core_supervision_audit_read(struct store *s, const struct actor *who, int64_t staff_id,
                                struct op_error *e)
{
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (audit_write(s, who, "supervision.view", "staff", staff_id, 0, "", e) != 0 ||
	    core_tx_commit(s, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}
