/*
 * core_allegation.c — recording allegations against staff, their addenda,
 * and the audited reads of core_allegation.h. Writes run in the caller's
 * transaction with their audit row; reads audit themselves first, in a
 * transaction of their own, and return nothing when that fails.
 */
#include "core_allegation.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_setting.h"
#include "date.h"

static const char *const kind_choices[] = {"lado_referral", "ofsted_notified", "action", "outcome",
                                           "note",          "correction",      NULL};

static const struct {
	const char *kind, *words;
} kind_words[] = {
    {"lado_referral", "Referred to the LADO"},
    {"ofsted_notified", "Ofsted notified"},
    {"action", "Action"},
    {"outcome", "Outcome"},
    {"note", "Note"},
    {"correction", "Correction"},
};
_Static_assert(ARRAY_LEN(kind_words) + 1 == ARRAY_LEN(kind_choices), "words for every kind");

const struct field_spec core_allegation_fields[ALLEGATION__MAX] = {
    [ALLEGATION_STAFF] = {"staff", F_INT, 1, 1, INT32_MAX, NULL},
    [ALLEGATION_ALLEGED] = {"alleged", F_TEXT, 1, 0, 20000, NULL},
    [ALLEGATION_OCCURRED_ON] = {"occurred_on", F_DATE, 1, 0, 0, NULL},
    [ALLEGATION_REPORTED_ON] = {"reported_on", F_DATE, 1, 0, 0, NULL},
    [ALLEGATION_REPORTED_BY] = {"reported_by", F_LINE, 1, 0, 200, NULL},
    [ALLEGATION_STAFF_DATE_OF_BIRTH] = {"staff_date_of_birth", F_DATE, 0, 0, 0, NULL},
    [ALLEGATION_LADO_REFERRED_ON] = {"lado_referred_on", F_DATE, 0, 0, 0, NULL},
    [ALLEGATION_OFSTED_NOTIFIED_ON] = {"ofsted_notified_on", F_DATE, 0, 0, 0, NULL},
};

const struct field_spec core_allegation_addendum_fields[ALLEGATION_ADDENDUM__MAX] = {
    [ALLEGATION_ADDENDUM_KIND] = {"kind", F_ENUM, 1, 0, 0, kind_choices},
    [ALLEGATION_ADDENDUM_ON] = {"on", F_DATE, 1, 0, 0, NULL},
    [ALLEGATION_ADDENDUM_TEXT] = {"text", F_TEXT, 1, 0, 20000, NULL},
};

const char *core_allegation_kind_words(const char *kind)
{
	for (size_t i = 0; kind && i < ARRAY_LEN(kind_words); i++)
		if (strcmp(kind_words[i].kind, kind) == 0)
			return kind_words[i].words;
	return "";
}

int core_allegation_retain_until(int dob, int reported)
{
	int by_age = date_add_months(dob, ALLEGATION_RETAIN_AGE_MONTHS),
	    by_years = date_add_months(reported, ALLEGATION_RETAIN_MONTHS);
	return by_age > by_years ? by_age : by_years;
}

static int finish(struct store_stmt *st, int rc)
{
	store_finish(st);
	return rc == STORE_DONE ? 0 : rc;
}

static int today_of(struct store *s, int64_t setting_id, int *day, struct op_error *e)
{
	struct setting set;
	if (core_setting_get(s, setting_id, &set, e) != 0)
		return -1;
	*day = date_today(set.time_zone);
	return 0;
}

static int insert_addendum(struct store *s, const struct actor *who, int64_t allegation_id,
                           const char *kind, const char *on, const char *text, int64_t *id,
                           struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_ALLEGATION_ADDENDUM_INSERT);
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, allegation_id);
	store_bind_text(st, 3, kind);
	store_bind_text(st, 4, on);
	store_bind_text(st, 5, text);
	store_bind_id(st, 6, who->user_id);
	store_bind_text(st, 7, who->name);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding to the allegation");
	*id = store_last_id(s);
	return audit_write(s, who, "allegation.addendum", "allegation_addendum", *id, 0, kind, e);
}

int core_allegation_record(struct store *s, const struct actor *who, int64_t my_staff_id,
                           const struct field_value *v, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	char dob_text[DATE_LEN] = "", due[DATE_LEN], keep[DATE_LEN];
	int today, dob, rc, found = 0;
	int64_t staff = v[ALLEGATION_STAFF].i, addendum;
	static const struct {
		enum allegation_field field;
		const char *kind, *text;
	} dated[] = {
	    {ALLEGATION_LADO_REFERRED_ON, "lado_referral", "Referred to the LADO"},
	    {ALLEGATION_OFSTED_NOTIFIED_ON, "ofsted_notified", "Ofsted notified"},
	};
	assert(store_in_transaction(s));
	if (today_of(s, who->setting_id, &today, e) != 0)
		return -1;
	if (my_staff_id && staff == my_staff_id)
		return op_fail(e, OP_INVALID, "staff",
		               "an allegation about yourself is recorded by another manager or the "
		               "DSL");
	st = store_stmt(s, STMT_ALLEGATION_STAFF);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, staff);
	if (store_step(st) == STORE_ROW) {
		found = 1;
		if (str_copy(dob_text, sizeof dob_text, store_col_text(st, 1)) != 0)
			dob_text[0] = '\0';
	}
	store_finish(st);
	if (!found)
		return op_fail(e, OP_INVALID, "staff", "choose a member of staff of the setting");
	if (v[ALLEGATION_OCCURRED_ON].i > today)
		return op_fail(e, OP_INVALID, "occurred_on", "is in the future");
	if (v[ALLEGATION_REPORTED_ON].i > today)
		return op_fail(e, OP_INVALID, "reported_on", "is in the future");
	if (v[ALLEGATION_REPORTED_ON].i < v[ALLEGATION_OCCURRED_ON].i)
		return op_fail(e, OP_INVALID, "reported_on", "is before it happened");
	for (size_t k = 0; k < ARRAY_LEN(dated); k++) {
		const struct field_value *d = &v[dated[k].field];
		if (d->present && (d->i > today || d->i < v[ALLEGATION_REPORTED_ON].i))
			return op_fail(e, OP_INVALID, core_allegation_fields[dated[k].field].name,
			               "is not between the report and today");
	}
	if (date_parse(dob_text, &dob) != 0) {
		/* no date of birth on the staff record: the one given here */
		if (!v[ALLEGATION_STAFF_DATE_OF_BIRTH].present)
			return op_fail(
			    e, OP_INVALID, "staff_date_of_birth",
			    "the staff record has no date of birth: give it, to work out "
			    "how long this is kept");
		dob = (int)v[ALLEGATION_STAFF_DATE_OF_BIRTH].i;
		if (dob > today)
			return op_fail(e, OP_INVALID, "staff_date_of_birth", "is in the future");
	}
	date_format(dob, dob_text);
	date_format((int)v[ALLEGATION_REPORTED_ON].i + ALLEGATION_OFSTED_DAYS, due);
	date_format(core_allegation_retain_until(dob, (int)v[ALLEGATION_REPORTED_ON].i), keep);
	st = store_stmt(s, STMT_ALLEGATION_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, staff);
	store_bind_text(st, 3, v[ALLEGATION_ALLEGED].s);
	store_bind_text(st, 4, v[ALLEGATION_OCCURRED_ON].s);
	store_bind_text(st, 5, v[ALLEGATION_REPORTED_ON].s);
	store_bind_text(st, 6, v[ALLEGATION_REPORTED_BY].s);
	store_bind_text(st, 7, due);
	store_bind_text(st, 8, dob_text);
	store_bind_text(st, 9, keep);
	store_bind_id(st, 10, who->user_id);
	store_bind_text(st, 11, who->name);
	store_bind_int(st, 12, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "recording the allegation");
	*id = store_last_id(s);
	if (audit_write(s, who, "allegation.record", "allegation", *id, 0, "allegation recorded",
	                e) != 0)
		return -1;
	for (size_t k = 0; k < ARRAY_LEN(dated); k++) {
		const struct field_value *d = &v[dated[k].field];
		if (d->present && insert_addendum(s, who, *id, dated[k].kind, d->s, dated[k].text,
		                                  &addendum, e) != 0)
			return -1;
	}
	return 0;
}

int64_t core_allegation_staff(struct store *s, int64_t setting_id, int64_t id)
{
	struct store_stmt *st = store_stmt(s, STMT_ALLEGATION_STAFF_OF);
	int64_t staff = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, id);
	if (store_step(st) == STORE_ROW)
		staff = store_col_int(st, 0);
	store_finish(st);
	return staff;
}

int core_allegation_addendum(struct store *s, const struct actor *who, int64_t allegation_id,
                             const struct field_value *v, int64_t *id, struct op_error *e)
{
	int today;
	assert(store_in_transaction(s));
	if (!core_allegation_staff(s, who->setting_id, allegation_id))
		return op_fail(e, OP_NOT_FOUND, "", "there is no allegation %lld",
		               (long long)allegation_id);
	if (today_of(s, who->setting_id, &today, e) != 0)
		return -1;
	if (v[ALLEGATION_ADDENDUM_ON].i > today)
		return op_fail(e, OP_INVALID, "on", "is in the future");
	return insert_addendum(s, who, allegation_id, v[ALLEGATION_ADDENDUM_KIND].s,
	                       v[ALLEGATION_ADDENDUM_ON].s, v[ALLEGATION_ADDENDUM_TEXT].s, id, e);
}

/* Audit a read in a transaction of its own. */
static int audit_allegation_read(struct store *s, const struct actor *who, const char *action,
                                 int64_t id, struct op_error *e)
{
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (audit_write(s, who, action, "allegation", id, 0, "", e) != 0 ||
	    core_tx_commit(s, e) != 0) {
		if (store_in_transaction(s))
			store_rollback(s);
		return -1;
	}
	return 0;
}

static const char *text(struct arena *a, struct store_stmt *st, int col)
{
	return arena_strdup(a, store_col_text(st, col));
}

/* Read ALLEGATION_LIST rows (id 0: all) into a new array. */
static int read_list(struct store *s, int64_t setting_id, int64_t my_staff_id, int64_t id,
                     struct arena *a, struct allegation **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_ALLEGATION_LIST);
	struct allegation *list = NULL;
	size_t cap = 0, count = 0;
	int rc;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, my_staff_id);
	store_bind_int(st, 3, id);
	store_bind_int(st, 4, id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct allegation *al;
		if (count == cap) {
			struct allegation *more;
			cap = cap ? 2 * cap : 16;
			more = arena_alloc(a, cap * sizeof *more);
			if (count)
				memcpy(more, list, count * sizeof *more);
			list = more;
		}
		al = &list[count++];
		memset(al, 0, sizeof *al);
		al->id = store_col_int(st, 0);
		al->staff_id = store_col_int(st, 1);
		al->staff = text(a, st, 2);
		al->occurred_on = text(a, st, 3);
		al->reported_on = text(a, st, 4);
		al->ofsted_due = text(a, st, 5);
		al->retain_until = text(a, st, 6);
		al->lado_on = text(a, st, 7);
		al->ofsted_on = text(a, st, 8);
		al->outcomes = (int)store_col_int(st, 9);
		al->alleged = text(a, st, 10);
		al->reported_by = text(a, st, 11);
		al->staff_date_of_birth = text(a, st, 12);
		al->recorded_by = text(a, st, 13);
		al->created_at = store_col_int(st, 14);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the allegations");
	*out = list;
	*n = count;
	return 0;
}

int core_allegation_list(struct store *s, const struct actor *who, int64_t my_staff_id,
                         struct arena *a, struct allegation **out, size_t *n, struct op_error *e)
{
	*out = NULL;
	*n = 0;
	if (audit_allegation_read(s, who, "allegation.list", 0, e) != 0)
		return -1;
	return read_list(s, who->setting_id, my_staff_id, 0, a, out, n, e);
}

int core_allegation_get(struct store *s, const struct actor *who, int64_t my_staff_id, int64_t id,
                        struct arena *a, struct allegation *out, struct op_error *e)
{
	struct allegation *list = NULL;
	struct store_stmt *st;
	size_t n = 0;
	int rc;
	memset(out, 0, sizeof *out);
	if (id <= 0 || core_allegation_staff(s, who->setting_id, id) == 0 ||
	    (my_staff_id && core_allegation_staff(s, who->setting_id, id) == my_staff_id))
		return op_fail(e, OP_NOT_FOUND, "", "there is no allegation %lld", (long long)id);
	/* audited first: nothing is shown that was not recorded as seen */
	if (audit_allegation_read(s, who, "allegation.view", id, e) != 0 ||
	    read_list(s, who->setting_id, my_staff_id, id, a, &list, &n, e) != 0)
		return -1;
	if (n != 1)
		return op_fail(e, OP_NOT_FOUND, "", "there is no allegation %lld", (long long)id);
	*out = list[0];
	st = store_stmt(s, STMT_ALLEGATION_ADDENDA);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct allegation_addendum *more =
		    arena_alloc(a, (out->naddenda + 1) * sizeof *more);
		struct allegation_addendum *ad;
		if (out->naddenda)
			memcpy(more, out->addenda, out->naddenda * sizeof *more);
		out->addenda = more;
		ad = &out->addenda[out->naddenda++];
		ad->id = store_col_int(st, 0);
		ad->kind = text(a, st, 1);
		ad->on = text(a, st, 2);
		ad->text = text(a, st, 3);
		ad->by = text(a, st, 4);
		ad->created_at = store_col_int(st, 5);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the allegation");
	return 0;
}

int64_t core_allegation_overdue(struct store *s, int64_t setting_id, int64_t my_staff_id, int day)
{
	struct store_stmt *st = store_stmt(s, STMT_ALLEGATION_OVERDUE);
	char today[DATE_LEN];
	int64_t n = -1;
	date_format(day, today);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, my_staff_id);
	store_bind_text(st, 3, today);
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	return n;
}

/* ---- the demo ---- */

int core_allegation_demo(struct store *s, const struct actor *who, int start, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_ALLEGATION_DEMO_STAFF);
	struct field_value v[ALLEGATION__MAX];
	char occurred[DATE_LEN], reported[DATE_LEN], lado[DATE_LEN];
	int64_t staff = 0, id = 0;
	int today;
	memset(v, 0, sizeof v);
	if (today_of(s, who->setting_id, &today, e) != 0)
		return -1;
	if (start - 17 > today)
		return 0; /* a demo dated ahead: nothing in the future */
	store_bind_int(st, 1, who->setting_id);
	if (store_step(st) == STORE_ROW)
		staff = store_col_int(st, 0);
	store_finish(st);
	if (!staff)
		return 0;
	/* reported 16 days ago: Ofsted not told, so overdue shows */
	date_format(start - 17, occurred);
	date_format(start - 16, reported);
	date_format(start - 15, lado);
	v[ALLEGATION_STAFF] = (struct field_value){.present = 1, .i = staff};
	v[ALLEGATION_ALLEGED] = (struct field_value){
	    .present = 1,
	    .s = "A parent says that at collection their daughter said this member of staff "
	         "grabbed her wrist hard and shouted at her in the garden. No mark seen at home."};
	v[ALLEGATION_OCCURRED_ON] =
	    (struct field_value){.present = 1, .i = start - 17, .s = occurred};
	v[ALLEGATION_REPORTED_ON] =
	    (struct field_value){.present = 1, .i = start - 16, .s = reported};
	v[ALLEGATION_REPORTED_BY] =
	    (struct field_value){.present = 1, .s = "The child's mother, in person to the manager"};
	v[ALLEGATION_STAFF_DATE_OF_BIRTH] =
	    (struct field_value){.present = 1, .i = start - 365 * 31, .s = ""};
	v[ALLEGATION_LADO_REFERRED_ON] =
	    (struct field_value){.present = 1, .i = start - 15, .s = lado};
	if (core_allegation_record(s, who, 0, v, &id, e) != 0)
		return -1;
	return insert_addendum(s, who, id, "action", lado,
	                       "Member of staff moved to non-contact duties while the LADO "
	                       "considers it; parents told what happens next.",
	                       &id, e);
}
