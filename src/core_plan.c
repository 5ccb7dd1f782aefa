/*
 * core_plan.c — between the database and the pure planner. The instance
 * uses the setting's own codes as ids (staff "S03", children "C012") and
 * room names as room ids, so a proposal reads the same to a manager as to
 * the planner. Rows are read in bulk (a handful of queries for the whole
 * setting) and joined in memory by id.
 */
#include "core_plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core_child.h"
#include "core_outbox.h"
#include "core_staff.h"
#include "date.h"
#include "planner/planner.h"

struct plan_staff {
	int64_t id;
	char code[41];
	json_t *obj;
	int pattern[7][2]; /* start, end; -1 none */
};

struct plan_child {
	int64_t id, family;
	char code[41];
	json_t *obj;
};

static struct plan_staff *staff_by_id(struct plan_staff *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

static json_t *span_json(int a, int b)
{
	char t1[TIME_LEN], t2[TIME_LEN];
	time_format(a, t1);
	time_format(b, t2);
	return json_pack("[ss]", t1, t2);
}

/* The rota's most common shift per weekday over four weeks, for staff
 * without a contracted pattern. */
static void rota_usual(struct store *s, int64_t setting_id, int from_day, struct plan_staff *staff,
                       size_t n)
{
	enum { MAXV = 8 };
	struct {
		int a, b, count;
	} seen[7][MAXV];
	char d0[DATE_LEN], d1[DATE_LEN];
	date_format(from_day, d0);
	date_format(from_day + 28, d1);
	for (size_t i = 0; i < n; i++) {
		int has_pattern = 0;
		for (int wd = 0; wd < 7; wd++)
			has_pattern |= staff[i].pattern[wd][0] >= 0;
		if (has_pattern)
			continue;
		memset(seen, 0, sizeof seen);
		struct store_stmt *st = store_stmt(s, STMT_SHIFTS_BETWEEN);
		store_bind_int(st, 1, setting_id);
		store_bind_text(st, 2, d0);
		store_bind_text(st, 3, d1);
		while (store_step(st) == STORE_ROW) {
			int day, wd, a, b, k;
			if (store_col_int(st, 0) != staff[i].id ||
			    date_parse(store_col_text(st, 1), &day) != 0)
				continue;
			wd = date_weekday(day);
			a = (int)store_col_int(st, 2);
			b = (int)store_col_int(st, 3);
			for (k = 0; k < MAXV && seen[wd][k].count; k++)
				if (seen[wd][k].a == a && seen[wd][k].b == b)
					break;
			if (k == MAXV)
				continue;
			seen[wd][k].a = a;
			seen[wd][k].b = b;
			seen[wd][k].count++;
		}
		store_finish(st);
		for (int wd = 0; wd < 7; wd++) {
			int best = -1;
			for (int k = 0; k < MAXV && seen[wd][k].count; k++)
				if (best < 0 || seen[wd][k].count > seen[wd][best].count)
					best = k;
			if (best >= 0) {
				staff[i].pattern[wd][0] = seen[wd][best].a;
				staff[i].pattern[wd][1] = seen[wd][best].b;
			}
		}
	}
}

int core_plan_instance(struct store *s, int64_t setting_id, int from_day, json_t **instance,
                       struct op_error *e)
{
	struct plan_staff *staff = NULL;
	struct plan_child *kids = NULL;
	size_t nstaff = 0, nkids = 0, cap = 0;
	json_t *in = json_object(), *jstaff = json_array(), *jkids = json_array();
	struct store_stmt *st;
	char day[DATE_LEN];
	int ret = -1;

	date_format(from_day, day);
	/* Staff still employed on from_day. */
	st = store_stmt(s, STMT_STAFF_LIST);
	store_bind_int(st, 1, setting_id);
	while (store_step(st) == STORE_ROW) {
		struct plan_staff *p;
		int exp_day;
		json_t *o;
		if (!store_col_null(st, 10) && strcmp(store_col_text(st, 10), day) < 0)
			continue;
		if (nstaff == cap) {
			cap = cap ? cap * 2 : 32;
			staff = xrealloc(staff, cap * sizeof *staff);
		}
		p = &staff[nstaff++];
		memset(p, 0, sizeof *p);
		memset(p->pattern, -1, sizeof p->pattern);
		p->id = store_col_int(st, 0);
		snprintf(p->code, sizeof p->code, "%s", store_col_text(st, 1));
		o = json_object();
		json_object_set_new(o, "id", json_string(p->code));
		json_object_set_new(o, "name", json_string(store_col_text(st, 2)));
		json_object_set_new(o, "rooms", json_array());
		json_object_set_new(o, "experience_months",
		                    json_integer(date_parse(store_col_text(st, 5), &exp_day) == 0 &&
		                                         exp_day <= from_day
		                                     ? date_age_months(exp_day, from_day)
		                                     : 0));
		json_object_set_new(o, "qualification", json_integer(store_col_int(st, 4)));
		json_object_set_new(o, "sen_trained", json_boolean(store_col_int(st, 6)));
		json_object_set_new(o, "key_person", json_boolean(store_col_int(st, 7)));
		if (!store_col_null(st, 8))
			json_object_set_new(o, "max_primary", json_integer(store_col_int(st, 8)));
		if (!store_col_null(st, 9))
			json_object_set_new(o, "max_secondary", json_integer(store_col_int(st, 9)));
		json_object_set_new(o, "languages", json_array());
		p->obj = o;
	}
	store_finish(st);

	st = store_stmt(s, STMT_STAFF_ROOMS);
	store_bind_int(st, 1, setting_id);
	while (store_step(st) == STORE_ROW) {
		struct plan_staff *p = staff_by_id(staff, nstaff, store_col_int(st, 0));
		if (p)
			json_array_append_new(json_object_get(p->obj, "rooms"),
			                      json_string(store_col_text(st, 2)));
	}
	store_finish(st);
	st = store_stmt(s, STMT_STAFF_LANGUAGES);
	store_bind_int(st, 1, setting_id);
	while (store_step(st) == STORE_ROW) {
		struct plan_staff *p = staff_by_id(staff, nstaff, store_col_int(st, 0));
		if (p)
			json_array_append_new(json_object_get(p->obj, "languages"),
			                      json_string(store_col_text(st, 1)));
	}
	store_finish(st);
	st = store_stmt(s, STMT_STAFF_PATTERNS);
	store_bind_int(st, 1, setting_id);
	while (store_step(st) == STORE_ROW) {
		struct plan_staff *p = staff_by_id(staff, nstaff, store_col_int(st, 0));
		int wd = (int)store_col_int(st, 1);
		if (p && wd >= 0 && wd < 7) {
			p->pattern[wd][0] = (int)store_col_int(st, 2);
			p->pattern[wd][1] = (int)store_col_int(st, 3);
		}
	}
	store_finish(st);
	rota_usual(s, setting_id, from_day, staff, nstaff);
	for (size_t i = 0; i < nstaff; i++) {
		json_t *shifts = json_object();
		for (int wd = 0; wd < 7; wd++)
			if (staff[i].pattern[wd][0] >= 0)
				json_object_set_new(
				    shifts, date_weekday_name(wd),
				    span_json(staff[i].pattern[wd][0], staff[i].pattern[wd][1]));
		json_object_set_new(staff[i].obj, "shifts", shifts);
		if (json_array_size(json_object_get(staff[i].obj, "rooms")) == 0) {
			op_fail(e, OP_INVALID, "rooms",
			        "%s works in no room: give them a room first", staff[i].code);
			goto out;
		}
		json_array_append(jstaff, staff[i].obj);
	}

	/* Children on roll on from_day. */
	cap = 0;
	st = store_stmt(s, STMT_CHILDREN_ON_ROLL);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, day);
	store_bind_text(st, 3, day);
	while (store_step(st) == STORE_ROW) {
		struct plan_child *c;
		char name[256];
		if (nkids == cap) {
			cap = cap ? cap * 2 : 64;
			kids = xrealloc(kids, cap * sizeof *kids);
		}
		c = &kids[nkids++];
		c->id = store_col_int(st, 0);
		c->family = store_col_int(st, 10);
		snprintf(c->code, sizeof c->code, "%s", store_col_text(st, 1));
		snprintf(name, sizeof name, "%s %s",
		         *store_col_text(st, 4) ? store_col_text(st, 4) : store_col_text(st, 2),
		         store_col_text(st, 3));
		c->obj = json_pack("{s:s, s:s, s:s, s:s, s:b, s:o, s:o}", "id", c->code, "name",
		                   name, "room", store_col_text(st, 7), "home_language",
		                   store_col_text(st, 8), "sen", (int)store_col_int(st, 9),
		                   "attends", json_object(), "siblings", json_array());
	}
	store_finish(st);
	st = store_stmt(s, STMT_CHILD_ATTENDANCE_ALL);
	store_bind_int(st, 1, setting_id);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		int wd = (int)store_col_int(st, 1);
		for (size_t i = 0; i < nkids; i++)
			if (kids[i].id == id && wd >= 0 && wd < 7)
				json_object_set_new(json_object_get(kids[i].obj, "attends"),
				                    date_weekday_name(wd),
				                    span_json((int)store_col_int(st, 2),
				                              (int)store_col_int(st, 3)));
	}
	store_finish(st);
	for (size_t i = 0; i < nkids; i++)
		for (size_t j = 0; j < nkids; j++)
			if (i != j && kids[i].family && kids[i].family == kids[j].family)
				json_array_append_new(json_object_get(kids[i].obj, "siblings"),
				                      json_string(kids[j].code));
	st = store_stmt(s, STMT_KEY_ON);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, day);
	store_bind_text(st, 3, day);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		struct plan_staff *p = staff_by_id(staff, nstaff, store_col_int(st, 1));
		struct plan_staff *q = staff_by_id(staff, nstaff, store_col_int(st, 2));
		if (!p || !q)
			continue; /* a leaver: the planner must find someone new */
		for (size_t i = 0; i < nkids; i++)
			if (kids[i].id == id)
				json_object_set_new(kids[i].obj, "current",
				                    json_pack("{s:s, s:s}", "primary", p->code,
				                              "secondary", q->code));
	}
	store_finish(st);
	for (size_t i = 0; i < nkids; i++)
		json_array_append(jkids, kids[i].obj);

	json_object_set_new(in, "format", json_string("keyworker-plan/1"));
	json_object_set_new(in, "setting", json_string(day));
	json_object_set(in, "staff", jstaff);
	json_object_set(in, "children", jkids);
	*instance = json_incref(in);
	ret = 0;
out:
	for (size_t i = 0; i < nstaff; i++)
		json_decref(staff[i].obj);
	for (size_t i = 0; i < nkids; i++)
		json_decref(kids[i].obj);
	free(staff);
	free(kids);
	json_decref(jstaff);
	json_decref(jkids);
	json_decref(in);
	return ret;
}

/* Score of the current assignments, when every child has one. */
static double score_before(const json_t *in)
{
	json_t *asg = json_array(), *score = NULL;
	size_t i;
	json_t *c;
	char err[256];
	int valid;
	double total = NAN;
	json_array_foreach (json_object_get(in, "children"), i, c) {
		json_t *cur = json_object_get(c, "current");
		if (!cur)
			goto out;
		json_array_append_new(asg, json_pack("{s:O, s:O, s:O}", "child",
		                                     json_object_get(c, "id"), "primary",
		                                     json_object_get(cur, "primary"), "secondary",
		                                     json_object_get(cur, "secondary")));
	}
	if (planner_score_json(in, asg, &score, &valid, err, sizeof err) == 0)
		total = json_number_value(json_object_get(score, "total"));
out:
	json_decref(score);
	json_decref(asg);
	return total;
}

int core_plan_propose(struct store *s, const struct actor *who, int from_day, double time_limit_s,
                      struct plan_summary *sum, json_t **instance, json_t **result,
                      struct op_error *e)
{
	struct planner_options opt = {.time_limit_s = time_limit_s, .seed = 1};
	json_t *in = NULL, *out = NULL, *j;
	char err[512], day[DATE_LEN], *in_text = NULL, *out_text = NULL;
	struct store_stmt *st;
	size_t i;
	int rc, ret = -1;

	memset(sum, 0, sizeof *sum);
	if (core_plan_instance(s, who->setting_id, from_day, &in, e))
		return -1;
	if (json_array_size(json_object_get(in, "children")) == 0) {
		op_fail(e, OP_INVALID, "children",
		        "no child is on roll on that day: nothing to plan");
		goto out;
	}
	if (planner_solve_json(in, &opt, &out, err, sizeof err) != 0) {
		op_fail(e, OP_INVALID, "", "the setting's data cannot be planned: %s", err);
		goto out;
	}
	snprintf(sum->status, sizeof sum->status, "%s",
	         json_string_value(json_object_get(out, "status")) ?: "?");
	sum->total = json_number_value(json_object_get(json_object_get(out, "score"), "total"));
	j = json_object_get(out, "bound");
	sum->bound = json_is_number(j) ? json_number_value(j) : NAN;
	sum->before = score_before(in);
	sum->children = (int)json_array_size(json_object_get(in, "children"));
	json_array_foreach (json_object_get(out, "assignments"), i, j) {
		json_t *c = json_array_get(json_object_get(in, "children"), i);
		json_t *cur = json_object_get(c, "current");
		if (!cur ||
		    !json_equal(json_object_get(cur, "primary"), json_object_get(j, "primary")) ||
		    !json_equal(json_object_get(cur, "secondary"), json_object_get(j, "secondary")))
			sum->changes++;
	}
	in_text = json_dumps(in, JSON_COMPACT);
	out_text = json_dumps(out, JSON_COMPACT);
	date_format(from_day, day);
	if (core_tx_begin(s, e) != 0)
		goto out;
	st = store_stmt(s, STMT_PLAN_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, time_now());
	store_bind_id(st, 3, who->user_id);
	store_bind_text(st, 4, day);
	store_bind_text(st, 5, sum->status);
	if (strcmp(sum->status, "infeasible") != 0)
		store_bind_double(st, 6, sum->total);
	if (!isnan(sum->before))
		store_bind_double(st, 7, sum->before);
	if (!isnan(sum->bound))
		store_bind_double(st, 8, sum->bound);
	store_bind_text(st, 9, in_text);
	store_bind_text(st, 10, out_text);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping the proposal");
		goto out;
	}
	sum->id = store_last_id(s);
	if (audit_write(s, who, "plan.propose", "plan_proposal", sum->id, 0, sum->status, e) ||
	    core_tx_commit(s, e))
		goto out;
	*instance = json_incref(in);
	*result = json_incref(out);
	ret = 0;
out:
	if (ret != 0)
		store_rollback(s);
	free(in_text);
	free(out_text);
	json_decref(in);
	json_decref(out);
	return ret;
}

/* Tell the family (each contact with parental responsibility and no
 * restriction) that their child's key person or buddy changes: the outbox
 * (core_outbox.c), by email where the contact has an address. */
static int notify_family(struct store *s, const struct actor *who, int64_t child_id,
                         const char *child_code, const char *day, struct op_error *e)
{
	char detail[64];
	(void)child_code;
	snprintf(detail, sizeof detail, "The change is from %s.", day);
	return core_outbox_family(s, who->setting_id, child_id, OUTBOX_KEY_PERSON, detail, e);
}

int core_plan_apply(struct store *s, const struct actor *who, int64_t id, int from_day,
                    int *changed, struct op_error *e)
{
	return core_plan_apply_children(s, who, id, from_day, NULL, 0, changed, e);
}

/* Like core_plan_apply, for the named children only (codes; n == 0: all of
 * them). A name the proposal does not plan is refused, naming it; children
 * whose pair does not change are passed over. The proposal counts as applied
 * afterwards, so a second acceptance is refused (409). */
int core_plan_apply_children(struct store *s, const struct actor *who, int64_t id, int from_day,
                             const char *const *children, size_t n, int *changed,
                             struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_PLAN_GET);
	json_t *result = NULL, *a, *asg;
	json_error_t jerr;
	char day[DATE_LEN], reason[64], status[16], detail[64];
	size_t i;
	int rc, ret = -1;

	*changed = 0;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, id);
	rc = store_step(st);
	if (rc != STORE_ROW) {
		store_finish(st);
		return op_fail(e, OP_NOT_FOUND, "id", "there is no proposal %lld", (long long)id);
	}
	snprintf(status, sizeof status, "%s", store_col_text(st, 1));
	result = json_loads(store_col_text(st, 2), 0, &jerr);
	store_finish(st);
	if (strcmp(status, "proposed") != 0) {
		op_fail(e, OP_CONFLICT, "id", "proposal %lld is already %s", (long long)id, status);
		goto out;
	}
	if (!result ||
	    strcmp(json_string_value(json_object_get(result, "status")) ?: "", "infeasible") == 0) {
		op_fail(e, OP_INVALID, "id", "proposal %lld has no plan to apply", (long long)id);
		goto out;
	}
	asg = json_object_get(result, "assignments");
	for (size_t k = 0; k < n; k++) {
		int found = 0;
		json_array_foreach (asg, i, a) {
			if (strcmp(json_string_value(json_object_get(a, "child")) ?: "",
			           children[k]) == 0) {
				found = 1;
				break;
			}
		}
		if (!found) {
			op_fail(e, OP_INVALID, "children", "proposal %lld does not plan a child %s",
			        (long long)id, children[k]);
			goto out;
		}
	}
	date_format(from_day, day);
	snprintf(reason, sizeof reason, "key-group plan %lld", (long long)id);
	json_array_foreach (asg, i, a) {
		const char *cc = json_string_value(json_object_get(a, "child"));
		const char *pc = json_string_value(json_object_get(a, "primary"));
		const char *sc = json_string_value(json_object_get(a, "secondary"));
		int64_t child, p, q, cur_p = 0, cur_q = 0;
		int wanted = n == 0;
		for (size_t k = 0; k < n && !wanted && cc; k++)
			wanted = strcmp(children[k], cc) == 0;
		if (!wanted)
			continue;
		child = cc ? core_child_find(s, who->setting_id, cc) : 0;
		p = pc ? core_staff_find(s, who->setting_id, pc) : 0;
		q = sc ? core_staff_find(s, who->setting_id, sc) : 0;
		if (!child || !p || !q) {
			op_fail(e, OP_CONFLICT, "id",
			        "proposal %lld names %s, who is no longer here: plan again",
			        (long long)id,
			        !child ? (cc ?: "?")
			        : !p   ? (pc ?: "?")
			               : (sc ?: "?"));
			goto out;
		}
		st = store_stmt(s, STMT_KEY_ON_CHILD);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, child);
		store_bind_text(st, 3, day);
		store_bind_text(st, 4, day);
		if (store_step(st) == STORE_ROW) {
			cur_p = store_col_int(st, 0);
			cur_q = store_col_int(st, 1);
		}
		store_finish(st);
		if (cur_p == p && cur_q == q)
			continue;
		if (core_key_assign(s, who, child, p, q, from_day, reason, e) ||
		    notify_family(s, who, child, cc, day, e))
			goto out;
		(*changed)++;
	}
	st = store_stmt(s, STMT_PLAN_MARK_APPLIED);
	store_bind_int(st, 1, time_now());
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "marking the proposal applied");
		goto out;
	}
	snprintf(detail, sizeof detail, "from %s: %d children", day, *changed);
	ret = audit_write(s, who, "plan.apply", "plan_proposal", id, 0, detail, e);
out:
	json_decref(result);
	return ret;
}
