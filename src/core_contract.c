/*
 * core_contract.c — contracts, funded places and parental feedback
 * (core_contract.h): the term arithmetic, the eligibility rule, the
 * contract and funding writes, a week's funded against attended hours from
 * the register as it stands, the manager's roll of reviews, the feedback
 * writes and summary, and the demo's paperwork.
 */
#include "core_contract.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_register.h"
#include "core_setting.h"
#include "date.h"

/* ---- terms ---- */

int core_contract_term_of(int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return date_from_ymd(y, m >= 9 ? 9 : m >= 4 ? 4 : 1, 1);
}

int core_contract_term_after(int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (m < 4)
		return date_from_ymd(y, 4, 1);
	if (m < 9)
		return date_from_ymd(y, 9, 1);
	return date_from_ymd(y + 1, 1, 1);
}

enum term_season core_contract_term_season(int term_start)
{
	int y, m, d;
	date_to_ymd(term_start, &y, &m, &d);
	return m >= 9 ? TERM_AUTUMN : m >= 4 ? TERM_SUMMER : TERM_SPRING;
}

int core_contract_funding_start(int dob, int from_months)
{
	return core_contract_term_after(date_add_months(dob, from_months));
}

/* ---- funding kinds and eligibility ---- */

int core_contract_kinds(struct store *s, struct arena *a, struct funding_kind **out, size_t *n,
                        struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_CONTRACT_KINDS);
	size_t cap = 8;
	int rc;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof **out);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			struct funding_kind *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, *out, cap * sizeof *g);
			*out = g;
			cap *= 2;
		}
		(*out)[(*n)++] = (struct funding_kind){
		    .code = arena_strdup(a, store_col_text(st, 0)),
		    .name = arena_strdup(a, store_col_text(st, 1)),
		    .hours = (int)store_col_int(st, 2),
		    .from_months = (int)store_col_int(st, 3),
		    .to_months = (int)store_col_int(st, 4),
		    .working_parents = (int)store_col_int(st, 5),
		};
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the kinds of funded place");
	return 0;
}

/* "3" years, or "9 months" */
static void age_words(int months, char *out, size_t n)
{
	if (months % 12 == 0)
		snprintf(out, n, "%d", months / 12);
	else
		snprintf(out, n, "%d months", months);
}

int core_contract_funding_check(const struct funding_kind *k, int dob, int day, int *starts_on,
                                struct op_error *e)
{
	int age_term = core_contract_funding_start(dob, k->from_months);
	int next = core_contract_term_after(day), start;
	char from[DATE_LEN], record[DATE_LEN], age[24];
	if (age_term > next) {
		age_words(k->from_months, age, sizeof age);
		date_format(age_term, from);
		date_format(core_contract_term_of(age_term - 1), record);
		return op_fail(e, OP_INVALID, "kind",
		               "the child is not old enough for %s: it starts the term after the "
		               "child turns %s, on %s for this child; record it from %s",
		               k->name, age, from, record);
	}
	start = age_term > core_contract_term_of(day) ? age_term : core_contract_term_of(day);
	if (date_age_months(dob, start) >= k->to_months) {
		age_words(k->to_months, age, sizeof age);
		return op_fail(e, OP_INVALID, "kind",
		               "%s is for children under %s; this child is older by the term",
		               k->name, age);
	}
	*starts_on = start;
	return 0;
}

const struct field_spec core_funding_fields[FUNDING__MAX] = {
    [FUNDING_KIND] = {"kind", F_LINE, 1, 0, 40, NULL},
    [FUNDING_CODE] = {"eligibility_code", F_LINE, 0, 0, 40, NULL},
};

/* The child's name and date of birth (404 when not of the setting). */
static int child_get(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                     const char **name, int *dob, const char **start, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_CONTRACT_CHILD);
	int rc, ok = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if ((rc = store_step(st)) == STORE_ROW) {
		const char *pref = store_col_text(st, 2);
		*name = arena_printf(a, "%s %s", *pref ? pref : store_col_text(st, 0),
		                     store_col_text(st, 1));
		ok = date_parse(store_col_text(st, 3), dob) == 0;
		if (start)
			*start = arena_strdup(a, store_col_text(st, 4));
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the child");
	if (!ok)
		return op_fail(e, OP_NOT_FOUND, "child", "there is no such child");
	return 0;
}

int core_contract_funding_add(struct store *s, const struct actor *who, int64_t child_id,
                              const struct field_value *v, int day, int64_t *id, struct op_error *e)
{
	struct funding_kind *kinds, *k = NULL;
	struct store_stmt *st;
	struct arena a;
	const char *name;
	char rec[DATE_LEN], from[DATE_LEN];
	size_t n;
	int dob = 0, start = 0, rc, ret = -1;
	arena_init(&a);
	if (core_contract_kinds(s, &a, &kinds, &n, e) ||
	    child_get(s, who->setting_id, child_id, &a, &name, &dob, NULL, e))
		goto out;
	for (size_t i = 0; i < n && v[FUNDING_KIND].present; i++)
		if (strcmp(kinds[i].code, v[FUNDING_KIND].s) == 0)
			k = &kinds[i];
	if (!k) {
		op_fail(e, OP_INVALID, "kind", "is not a kind of funded place");
		goto out;
	}
	if (core_contract_funding_check(k, dob, day, &start, e))
		goto out;
	date_format(day, rec);
	date_format(start, from);
	st = store_stmt(s, STMT_CONTRACT_FUNDING_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, k->code);
	store_bind_text(st, 4, v[FUNDING_CODE].present ? v[FUNDING_CODE].s : "");
	store_bind_text(st, 5, rec);
	store_bind_text(st, 6, from);
	store_bind_id(st, 7, who->user_id);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "saving the funding");
		goto out;
	}
	*id = store_last_id(s);
	ret = audit_write(s, who, "funding.add", "child_funding", *id, child_id,
	                  arena_printf(&a, "%s from %s", k->code, from), e);
out:
	arena_free(&a);
	return ret;
}

/* ---- the contract ---- */

static const char *const fee_bases[] = {"hour", "session", "funded", NULL};

const struct field_spec core_contract_fields[CONTRACT__MAX] = {
    [CONTRACT_START] = {"start_date", F_DATE, 1, 0, 0, NULL},
    [CONTRACT_SIGNED] = {"signed_on", F_DATE, 0, 0, 0, NULL},
    [CONTRACT_BASIS] = {"fee_basis", F_ENUM, 1, 0, 0, fee_bases},
    [CONTRACT_FEE] = {"fee", F_NUM, 0, 0, 1000, NULL},
    [CONTRACT_REVIEW] = {"review_on", F_DATE, 0, 0, 0, NULL},
    [CONTRACT_NOTES] = {"notes", F_TEXT, 0, 0, 2000, NULL},
};
const struct field_spec core_contract_reviewed_field = {"reviewed_on", F_DATE, 1, 0, 0, NULL};

/* The contract's id, or 0. */
static int64_t contract_id(struct store *s, int64_t setting_id, int64_t child_id)
{
	struct store_stmt *st = store_stmt(s, STMT_CONTRACT_GET);
	int64_t id = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW)
		id = store_col_int(st, 0);
	store_finish(st);
	return id;
}

int core_contract_save(struct store *s, const struct actor *who, int64_t child_id,
                       const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st;
	struct arena a;
	const char *name;
	char review[DATE_LEN];
	int64_t id, fee = 0;
	int dob, rc, ret = -1, funded = strcmp(v[CONTRACT_BASIS].s, "funded") == 0;
	arena_init(&a);
	if (child_get(s, who->setting_id, child_id, &a, &name, &dob, NULL, e))
		goto out;
	if (!funded && !v[CONTRACT_FEE].present) {
		op_fail(e, OP_INVALID, "fee", "give the fee per %s", v[CONTRACT_BASIS].s);
		goto out;
	}
	if (!funded)
		fee = (int64_t)(v[CONTRACT_FEE].d * 100.0 + 0.5);
	if (v[CONTRACT_SIGNED].present && v[CONTRACT_SIGNED].i > v[CONTRACT_START].i + 366) {
		op_fail(e, OP_INVALID, "signed_on", "is more than a year after the start");
		goto out;
	}
	if (v[CONTRACT_REVIEW].present)
		snprintf(review, sizeof review, "%s", v[CONTRACT_REVIEW].s);
	else
		date_format(date_add_months((int)(v[CONTRACT_SIGNED].present ? v[CONTRACT_SIGNED].i
		                                                             : v[CONTRACT_START].i),
		                            CONTRACT_REVIEW_MONTHS),
		            review);
	if (strcmp(review, v[CONTRACT_START].s) <= 0) {
		op_fail(e, OP_INVALID, "review_on", "comes after the start");
		goto out;
	}
	id = contract_id(s, who->setting_id, child_id);
	st = store_stmt(s, id ? STMT_CONTRACT_UPDATE : STMT_CONTRACT_INSERT);
	if (id) {
		store_bind_text(st, 1, v[CONTRACT_START].s);
		store_bind_text(st, 2, v[CONTRACT_SIGNED].present ? v[CONTRACT_SIGNED].s : NULL);
		store_bind_text(st, 3, v[CONTRACT_BASIS].s);
		store_bind_int(st, 4, fee);
		store_bind_text(st, 5, v[CONTRACT_NOTES].present ? v[CONTRACT_NOTES].s : "");
		store_bind_text(st, 6, review);
		store_bind_int(st, 7, time_now());
		store_bind_int(st, 8, who->setting_id);
		store_bind_int(st, 9, child_id);
	} else {
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, child_id);
		store_bind_text(st, 3, v[CONTRACT_START].s);
		store_bind_text(st, 4, v[CONTRACT_SIGNED].present ? v[CONTRACT_SIGNED].s : NULL);
		store_bind_text(st, 5, v[CONTRACT_BASIS].s);
		store_bind_int(st, 6, fee);
		store_bind_text(st, 7, v[CONTRACT_NOTES].present ? v[CONTRACT_NOTES].s : "");
		store_bind_text(st, 8, review);
		store_bind_int(st, 9, time_now());
		store_bind_int(st, 10, time_now());
	}
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "saving the contract");
		goto out;
	}
	if (!id)
		id = store_last_id(s);
	ret = audit_write(s, who, "contract.save", "contract", id, child_id,
	                  arena_printf(&a, "%s, fee %s %lld pence, review %s", v[CONTRACT_START].s,
	                               v[CONTRACT_BASIS].s, (long long)fee, review),
	                  e);
out:
	arena_free(&a);
	return ret;
}

int core_contract_review(struct store *s, const struct actor *who, int64_t child_id, int day,
                         struct op_error *e)
{
	struct store_stmt *st;
	char on[DATE_LEN], next[DATE_LEN], detail[64];
	int64_t id = contract_id(s, who->setting_id, child_id);
	int rc;
	if (!id)
		return op_fail(e, OP_NOT_FOUND, "contract", "there is no contract to review");
	date_format(day, on);
	date_format(date_add_months(day, CONTRACT_REVIEW_MONTHS), next);
	st = store_stmt(s, STMT_CONTRACT_REVIEWED);
	store_bind_text(st, 1, on);
	store_bind_text(st, 2, next);
	store_bind_int(st, 3, time_now());
	store_bind_int(st, 4, who->setting_id);
	store_bind_int(st, 5, child_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "saving the review");
	snprintf(detail, sizeof detail, "reviewed %s, next %s", on, next);
	return audit_write(s, who, "contract.review", "contract", id, child_id, detail, e);
}

int core_contract_load(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                       struct contract_view *v, struct op_error *e)
{
	struct store_stmt *st;
	const char *start = "";
	size_t cap = 4;
	int dob, rc;
	memset(v, 0, sizeof *v);
	v->child_id = child_id;
	v->start = v->signed_on = v->basis = v->notes = v->review_on = v->reviewed_on = "";
	if (child_get(s, setting_id, child_id, a, &v->name, &dob, &start, e))
		return -1;
	{
		char d[DATE_LEN];
		date_format(dob, d);
		v->dob = arena_strdup(a, d);
	}
	if (date_parse(start, &v->start_day) != 0)
		v->start_day = 0;
	st = store_stmt(s, STMT_CONTRACT_GET);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if ((rc = store_step(st)) == STORE_ROW) {
		v->has_contract = 1;
		v->contract_id = store_col_int(st, 0);
		v->start = arena_strdup(a, store_col_text(st, 1));
		v->signed_on = arena_strdup(a, store_col_text(st, 2));
		v->basis = arena_strdup(a, store_col_text(st, 3));
		v->fee_pence = store_col_int(st, 4);
		v->notes = arena_strdup(a, store_col_text(st, 5));
		v->review_on = arena_strdup(a, store_col_text(st, 6));
		v->reviewed_on = arena_strdup(a, store_col_text(st, 7));
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the contract");
	st = store_stmt(s, STMT_CONTRACT_PATTERN);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW && v->nsessions < ARRAY_LEN(v->sessions)) {
		struct contract_session *p = &v->sessions[v->nsessions++];
		p->weekday = (int)store_col_int(st, 0);
		p->arrive = (int)store_col_int(st, 1);
		p->leave = (int)store_col_int(st, 2);
		v->booked_minutes += p->leave - p->arrive;
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the sessions");
	v->funding = arena_alloc(a, cap * sizeof *v->funding);
	st = store_stmt(s, STMT_CONTRACT_FUNDING_LIST);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (v->nfunding == cap) {
			struct child_funding *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, v->funding, cap * sizeof *g);
			v->funding = g;
			cap *= 2;
		}
		v->funding[v->nfunding++] = (struct child_funding){
		    .kind = arena_strdup(a, store_col_text(st, 0)),
		    .name = arena_strdup(a, store_col_text(st, 1)),
		    .hours = (int)store_col_int(st, 2),
		    .code = arena_strdup(a, store_col_text(st, 3)),
		    .recorded_on = arena_strdup(a, store_col_text(st, 4)),
		    .starts_on = arena_strdup(a, store_col_text(st, 5)),
		};
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the funding");
	return 0;
}

/* ---- funded against attended hours ---- */

/* Minutes attended in one day's effective entries (sorted by time). */
static void day_minutes(const struct register_row *r, size_t n, struct funding_week *w)
{
	int in = -1;
	for (size_t i = 0; i < n; i++) {
		if (r[i].event == REGISTER_IN) {
			if (in >= 0)
				w->open_entries++;
			in = r[i].minute;
		} else if (in >= 0) {
			w->attended_minutes += r[i].minute > in ? r[i].minute - in : 0;
			in = -1;
		}
	}
	if (in >= 0)
		w->open_entries++;
}

int core_contract_week(struct store *s, int64_t setting_id, int64_t child_id, int monday,
                       const char *tz, struct funding_week *w, struct op_error *e)
{
	struct store_stmt *st;
	struct register_row rows[64];
	char from[DATE_LEN], to[DATE_LEN], date[DATE_LEN] = "";
	size_t n = 0;
	int rc, day = -1;
	memset(w, 0, sizeof *w);
	w->monday = monday;
	date_format(monday, from);
	date_format(monday + 6, to);
	st = store_stmt(s, STMT_CONTRACT_FUNDING_ON);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, from);
	if ((rc = store_step(st)) == STORE_ROW) {
		snprintf(w->kind, sizeof w->kind, "%s", store_col_text(st, 0));
		w->funded_minutes = (int)store_col_int(st, 1) * 60;
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the funding");
	st = store_stmt(s, STMT_CONTRACT_PATTERN);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW)
		w->booked_minutes += (int)(store_col_int(st, 2) - store_col_int(st, 1));
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the sessions");
	st = store_stmt(s, STMT_CONTRACT_REGISTER);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, from);
	store_bind_text(st, 4, to);
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *d = store_col_text(st, 5);
		if (strcmp(d, date) != 0 || n == ARRAY_LEN(rows)) {
			day_minutes(rows, core_register_effective(rows, n), w);
			n = 0;
			snprintf(date, sizeof date, "%s", d);
			if (date_parse(date, &day) != 0)
				day = monday;
		}
		rows[n] = (struct register_row){
		    .id = store_col_int(st, 0),
		    .person_id = store_col_int(st, 1),
		    .event = strcmp(store_col_text(st, 2), "in") == 0 ? REGISTER_IN : REGISTER_OUT,
		    .at = store_col_int(st, 3),
		    .corrects_id = store_col_int(st, 4),
		};
		rows[n].minute = core_register_minute(rows[n].at, day, tz);
		n++;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the register");
	day_minutes(rows, core_register_effective(rows, n), w);
	return 0;
}

int core_contract_unused(const struct funding_week *w)
{
	return w->funded_minutes > w->attended_minutes ? w->funded_minutes - w->attended_minutes
	                                               : 0;
}

int core_contract_beyond(const struct funding_week *w)
{
	return w->attended_minutes > w->funded_minutes ? w->attended_minutes - w->funded_minutes
	                                               : 0;
}

int core_contract_roll(struct store *s, int64_t setting_id, int day, struct arena *a,
                       struct contract_roll **out, size_t *n, int *due, int *overdue,
                       struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_CONTRACT_ROLL);
	char today[DATE_LEN], ahead[DATE_LEN];
	size_t cap = 64;
	int rc;
	*n = 0;
	*due = *overdue = 0;
	*out = arena_alloc(a, cap * sizeof **out);
	date_format(day, today);
	date_format(day + CONTRACT_REVIEW_AHEAD_DAYS, ahead);
	store_bind_text(st, 1, today);
	store_bind_int(st, 2, setting_id);
	store_bind_text(st, 3, today);
	store_bind_text(st, 4, today);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct contract_roll *r;
		const char *pref = store_col_text(st, 3);
		if (*n == cap) {
			struct contract_roll *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, *out, cap * sizeof *g);
			*out = g;
			cap *= 2;
		}
		r = &(*out)[(*n)++];
		*r = (struct contract_roll){
		    .child_id = store_col_int(st, 0),
		    .name = arena_printf(a, "%s %s", *pref ? pref : store_col_text(st, 1),
		                         store_col_text(st, 2)),
		    .room = arena_strdup(a, store_col_text(st, 4)),
		    .review_on = arena_strdup(a, store_col_text(st, 5)),
		    .basis = arena_strdup(a, store_col_text(st, 6)),
		    .funding = arena_strdup(a, store_col_text(st, 7)),
		};
		if (*r->review_on && strcmp(r->review_on, today) < 0)
			r->overdue = 1;
		else if (*r->review_on && strcmp(r->review_on, ahead) <= 0)
			r->due = 1;
		*due += r->due;
		*overdue += r->overdue;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the contracts");
	return 0;
}

/* ---- parental feedback ---- */

const struct field_spec core_feedback_fields[FB__MAX] = {
    [FB_SETTLING] = {"settling", F_INT, 1, 1, 5, NULL},
    [FB_KEY_PERSON] = {"key_person", F_INT, 1, 1, 5, NULL},
    [FB_LEARNING] = {"learning", F_INT, 1, 1, 5, NULL},
    [FB_FOOD] = {"food", F_INT, 1, 1, 5, NULL},
    [FB_OVERALL] = {"overall", F_INT, 1, 1, 5, NULL},
    [FB_COMMENT] = {"comment", F_TEXT, 0, 0, 2000, NULL},
};

int core_feedback_get(struct store *s, int64_t setting_id, int64_t family_id, int term_start,
                      struct arena *a, int rating[FEEDBACK_Q], const char **comment)
{
	struct store_stmt *st = store_stmt(s, STMT_FEEDBACK_GET);
	char term[DATE_LEN];
	int found;
	date_format(term_start, term);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, family_id);
	store_bind_text(st, 3, term);
	found = store_step(st) == STORE_ROW;
	for (int q = 0; q < FEEDBACK_Q; q++)
		rating[q] = found ? (int)store_col_int(st, q) : 0;
	*comment = found ? arena_strdup(a, store_col_text(st, FEEDBACK_Q)) : "";
	store_finish(st);
	return found;
}

int core_feedback_save(struct store *s, const struct actor *who, int64_t family_id,
                       int64_t contact_id, int term_start, const struct field_value *v,
                       int *replaced, struct op_error *e)
{
	struct store_stmt *st;
	char term[DATE_LEN];
	int64_t id = 0;
	int rc;
	date_format(term_start, term);
	*replaced = 0;
	for (int pass = 0; pass < 2; pass++) {
		st = store_stmt(s, pass ? STMT_FEEDBACK_INSERT : STMT_FEEDBACK_UPDATE);
		for (int q = 0; q < FEEDBACK_Q; q++)
			store_bind_int(st, q + 1, v[q].i);
		store_bind_text(st, 6, v[FB_COMMENT].present ? v[FB_COMMENT].s : "");
		store_bind_id(st, 7, contact_id);
		store_bind_int(st, 8, time_now());
		store_bind_int(st, 9, who->setting_id);
		store_bind_int(st, 10, family_id);
		store_bind_text(st, 11, term);
		if (pass)
			store_bind_int(st, 12, time_now());
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "saving the feedback");
		if (store_changes(s) == 1) {
			*replaced = !pass;
			break;
		}
	}
	st = store_stmt(s, STMT_FEEDBACK_GET);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, family_id);
	store_bind_text(st, 3, term);
	if (store_step(st) == STORE_ROW)
		id = store_col_int(st, FEEDBACK_Q + 1);
	store_finish(st);
	/* the audit row says that the family answered, never what */
	return audit_write(s, who, *replaced ? "feedback.replace" : "feedback.add",
	                   "feedback_response", id, 0, term, e);
}

int core_feedback_anonymous(struct store *s, int64_t setting_id)
{
	struct store_stmt *st = store_stmt(s, STMT_FEEDBACK_ANON_GET);
	int anonymous = 1;
	store_bind_int(st, 1, setting_id);
	if (store_step(st) == STORE_ROW)
		anonymous = store_col_int(st, 0) != 0;
	store_finish(st);
	return anonymous;
}

int core_feedback_set_anonymous(struct store *s, const struct actor *who, int anonymous,
                                struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_FEEDBACK_ANON_SET);
	int rc;
	store_bind_int(st, 1, anonymous ? 1 : 0);
	store_bind_int(st, 2, who->setting_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "saving the choice");
	return audit_write(s, who, "feedback.settings", "setting", who->setting_id, 0,
	                   anonymous ? "anonymous summaries" : "named feedback", e);
}

int core_feedback_summary(struct store *s, int64_t setting_id, int term_start, struct arena *a,
                          struct feedback_summary *out, struct op_error *e)
{
	struct store_stmt *st;
	char term[DATE_LEN], last[DATE_LEN];
	size_t cap = 16, tcap = 8;
	long sum[FEEDBACK_Q] = {0};
	int rc;
	memset(out, 0, sizeof *out);
	out->term_start = term_start;
	out->anonymous = core_feedback_anonymous(s, setting_id);
	date_format(term_start, term);
	date_format(core_contract_term_after(term_start) - 1, last);
	out->comments = arena_alloc(a, cap * sizeof *out->comments);
	st = store_stmt(s, STMT_FEEDBACK_TERM);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, term);
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *comment = store_col_text(st, FEEDBACK_Q);
		out->count++;
		for (int q = 0; q < FEEDBACK_Q; q++) {
			int r = (int)store_col_int(st, q);
			sum[q] += r;
			if (r >= 1 && r <= 5)
				out->spread[q][r - 1]++;
		}
		if (!*comment)
			continue;
		if (out->ncomments == cap) {
			struct feedback_comment *g = arena_alloc(a, 2 * cap * sizeof *g);
			memcpy(g, out->comments, cap * sizeof *g);
			out->comments = g;
			cap *= 2;
		}
		out->comments[out->ncomments++] = (struct feedback_comment){
		    .text = arena_strdup(a, comment),
		    .family =
		        out->anonymous ? "" : arena_strdup(a, store_col_text(st, FEEDBACK_Q + 1)),
		};
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the feedback");
	for (int q = 0; q < FEEDBACK_Q && out->count; q++)
		out->average[q] = (double)sum[q] / out->count;
	st = store_stmt(s, STMT_FEEDBACK_FAMILIES);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, last);
	store_bind_text(st, 3, term);
	if (store_step(st) == STORE_ROW)
		out->families = (int)store_col_int(st, 0);
	store_finish(st);
	out->terms = arena_alloc(a, tcap * sizeof *out->terms);
	st = store_stmt(s, STMT_FEEDBACK_TERMS);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		int d;
		if (date_parse(store_col_text(st, 0), &d) != 0)
			continue;
		if (out->nterms == tcap) {
			int *g = arena_alloc(a, 2 * tcap * sizeof *g);
			memcpy(g, out->terms, tcap * sizeof *g);
			out->terms = g;
			tcap *= 2;
		}
		out->terms[out->nterms++] = d;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the terms");
	return 0;
}

/* ---- the demo ---- */

struct demo_child {
	int64_t id;
	int dob, start;
	char funding[8];
};

static int demo_register(struct store *s, const struct actor *who, const struct demo_child *c,
                         int first, int last, int vary, const char *tz, struct op_error *e)
{
	struct contract_session p[7];
	struct store_stmt *st = store_stmt(s, STMT_CONTRACT_PATTERN);
	size_t np = 0;
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, c->id);
	while ((rc = store_step(st)) == STORE_ROW && np < ARRAY_LEN(p)) {
		p[np].weekday = (int)store_col_int(st, 0);
		p[np].arrive = (int)store_col_int(st, 1);
		p[np].leave = (int)store_col_int(st, 2);
		np++;
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the sessions");
	for (int day = first; day <= last; day++) {
		for (size_t i = 0; i < np; i++) {
			char d[DATE_LEN];
			int in = p[i].arrive + 5, out = p[i].leave - 10;
			if (p[i].weekday != date_weekday(day) || day < c->start)
				continue;
			if (vary == 0)
				out -= 90; /* collected early: funded hours left unused */
			else if (vary == 1)
				out += 30; /* a late collection */
			if (out <= in)
				continue;
			date_format(day, d);
			for (int ev = 0; ev < 2; ev++) {
				st = store_stmt(s, STMT_CONTRACT_DEMO_REGISTER);
				store_bind_int(st, 1, who->setting_id);
				store_bind_int(st, 2, c->id);
				store_bind_text(st, 3, d);
				store_bind_text(st, 4, ev ? "out" : "in");
				store_bind_int(st, 5, date_instant(day, ev ? out : in, tz));
				store_bind_int(st, 6, time_now());
				if ((rc = store_run(st)) != STORE_OK)
					return op_store_fail(e, s, rc,
					                     "adding the demo's register");
			}
		}
	}
	return 0;
}

static const char *demo_kind(const struct demo_child *c, int today, size_t i)
{
	static const struct {
		const char *funding, *kind;
	} map[] = {{"2yo", "2yo"}, {"15", "universal_15"}, {"30", "working_30"}};
	int months = date_age_months(c->dob, today);
	for (size_t k = 0; k < ARRAY_LEN(map); k++)
		if (strcmp(c->funding, map[k].funding) == 0)
			return map[k].kind;
	if (i % 3 == 0 && months >= 9)
		return months < 24 ? "working_9m" : months < 36 ? "working_2" : "universal_15";
	return NULL;
}

static int demo_contracts(struct store *s, const struct actor *who, int today, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_CONTRACT_DEMO_CHILDREN);
	struct demo_child *c;
	struct setting set;
	struct arena a;
	size_t n = 0, cap = 64;
	int rc, ret = -1, monday = today - date_weekday(today);
	arena_init(&a);
	if (core_setting_get(s, who->setting_id, &set, e))
		goto out;
	c = arena_alloc(&a, cap * sizeof *c);
	store_bind_int(st, 1, who->setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (n == cap) {
			struct demo_child *g = arena_alloc(&a, 2 * cap * sizeof *g);
			memcpy(g, c, cap * sizeof *g);
			c = g;
			cap *= 2;
		}
		c[n].id = store_col_int(st, 0);
		if (date_parse(store_col_text(st, 1), &c[n].dob) != 0 ||
		    date_parse(store_col_text(st, 2), &c[n].start) != 0)
			continue;
		snprintf(c[n].funding, sizeof c[n].funding, "%s", store_col_text(st, 3));
		n++;
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the children");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct field_value v[CONTRACT__MAX], f[FUNDING__MAX];
		char start[DATE_LEN], signed_on[DATE_LEN], review[DATE_LEN];
		const char *kind = demo_kind(&c[i], today, i);
		int review_day;
		int64_t id;
		memset(v, 0, sizeof v);
		date_format(c[i].start, start);
		date_format(c[i].start - 14, signed_on);
		review_day = i == 0        ? today - 9 /* the one overdue */
		             : i % 10 == 3 ? today + 4 + (int)(i % 25)
		                           : today + 45 + (int)((i * 37) % 300);
		if (review_day <= c[i].start)
			review_day = c[i].start + 365;
		date_format(review_day, review);
		v[CONTRACT_START] = (struct field_value){.present = 1, .i = c[i].start, .s = start};
		v[CONTRACT_SIGNED] =
		    (struct field_value){.present = 1, .i = c[i].start - 14, .s = signed_on};
		v[CONTRACT_REVIEW] =
		    (struct field_value){.present = 1, .i = review_day, .s = review};
		if (kind && strcmp(kind, "universal_15") == 0 && i % 2 == 0)
			v[CONTRACT_BASIS] = (struct field_value){.present = 1, .s = "funded"};
		else if (i % 4 == 1)
			v[CONTRACT_BASIS] =
			    (struct field_value){.present = 1, .s = "session", .d = 62.5};
		else
			v[CONTRACT_BASIS] =
			    (struct field_value){.present = 1, .s = "hour", .d = 7.2};
		v[CONTRACT_FEE] = (struct field_value){.present = 1, .d = v[CONTRACT_BASIS].d};
		if (core_contract_save(s, who, c[i].id, v, e))
			goto out;
		if (!kind)
			continue;
		memset(f, 0, sizeof f);
		f[FUNDING_KIND] = (struct field_value){.present = 1, .s = kind};
		if (strncmp(kind, "working", 7) == 0)
			f[FUNDING_CODE] = (struct field_value){
			    .present = 1,
			    .s = arena_printf(&a, "5012%07lld", (long long)c[i].id * 7919)};
		if (core_contract_funding_add(s, who, c[i].id, f, today, &id, e)) {
			if (e->status !=
			    OP_INVALID) /* an age the kind does not allow: no funding */
				goto out;
			continue;
		}
		if (demo_register(s, who, &c[i], monday - 7 * (CONTRACT_WEEKS_SHOWN - 1),
		                  monday - 1, (int)(i % 5), set.time_zone, e))
			goto out;
	}
	ret = 0;
out:
	arena_free(&a);
	return ret;
}

static int demo_feedback(struct store *s, const struct actor *who, int today, struct op_error *e)
{
	static const char *const comments[] = {
	    "Our key person always has time for a chat at pick-up. Thank you!",
	    "We would love more photos of what they do in the garden.",
	    "",
	    "Settling in took a while but the buddy was wonderful when our key person was off.",
	    "More fruit at snack time, please.",
	    "",
	    "The weekly update is the first thing we read on a Friday.",
	    "Could the nursery tell us earlier about the inset days?",
	    "",
	    "Lunch menus in Polish would help my mother, who collects on Tuesdays.",
	    "Lovely to hear the songs from nursery at home.",
	    "",
	};
	struct store_stmt *st = store_stmt(s, STMT_FEEDBACK_DEMO_FAMILIES);
	int64_t fam[256], contact[256];
	size_t n = 0, answered = 0;
	int rc, terms[2];
	terms[0] = core_contract_term_of(today);
	terms[1] = core_contract_term_of(terms[0] - 1);
	store_bind_int(st, 1, who->setting_id);
	while ((rc = store_step(st)) == STORE_ROW && n < ARRAY_LEN(fam)) {
		fam[n] = store_col_int(st, 0);
		contact[n++] = store_col_int(st, 1);
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the families");
	for (size_t i = 0; i < n; i++) {
		for (int t = 0; t < 2; t++) {
			struct field_value v[FB__MAX];
			int replaced;
			if (t == 0 ? i % 3 != 1 : i % 2 != 1)
				continue;
			memset(v, 0, sizeof v);
			for (int q = 0; q < FEEDBACK_Q; q++)
				v[q] = (struct field_value){
				    .present = 1, .i = 5 - (int)((i + (size_t)q * 3 + t) % 7 / 3)};
			v[FB_COMMENT] = (struct field_value){
			    .present = 1,
			    .s = answered < ARRAY_LEN(comments) ? comments[answered] : ""};
			answered++;
			if (core_feedback_save(s, who, fam[i], contact[i], terms[t], v, &replaced,
			                       e))
				return -1;
		}
	}
	return 0;
}

int core_contract_demo(struct store *s, const struct actor *who, int start, struct op_error *e)
{
	return demo_contracts(s, who, start, e) || demo_feedback(s, who, start, e) ? -1 : 0;
}
