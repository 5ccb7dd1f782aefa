/*
 * core_twoyear.c — the progress check at two of core_twoyear.h: the field
 * table, reading the latest check, saving a draft and making it final,
 * consent-gated sharing with the health visitor, and who is due.
 */
#include "core_twoyear.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_family.h"

static const char *const levels[] = {"expected", "less_than_expected", "above", NULL};

const struct field_spec core_twoyear_fields[TWOYEAR__MAX] = {
    [TWOYEAR_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [TWOYEAR_CL_LEVEL] = {"cl_level", F_ENUM, 1, 0, 0, levels},
    [TWOYEAR_CL_TEXT] = {"cl_text", F_TEXT, 0, 0, 4000, NULL},
    [TWOYEAR_PD_LEVEL] = {"pd_level", F_ENUM, 1, 0, 0, levels},
    [TWOYEAR_PD_TEXT] = {"pd_text", F_TEXT, 0, 0, 4000, NULL},
    [TWOYEAR_PSED_LEVEL] = {"psed_level", F_ENUM, 1, 0, 0, levels},
    [TWOYEAR_PSED_TEXT] = {"psed_text", F_TEXT, 0, 0, 4000, NULL},
    [TWOYEAR_STRENGTHS] = {"strengths", F_TEXT, 0, 0, 4000, NULL},
    [TWOYEAR_CONCERNS] = {"concerns", F_TEXT, 0, 0, 4000, NULL},
    [TWOYEAR_STRATEGIES] = {"strategies", F_TEXT, 0, 0, 4000, NULL},
    [TWOYEAR_PARENT_VIEW] = {"parent_view", F_TEXT, 0, 0, 4000, NULL},
};

const char *core_twoyear_level_words(const char *level)
{
	if (strcmp(level, "less_than_expected") == 0)
		return "Less than expected progress";
	if (strcmp(level, "above") == 0)
		return "Above what is expected";
	return "Progress as expected";
}

int core_twoyear_latest(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                        struct twoyear *out, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_TWOYEAR_LATEST);
	int rc;
	memset(out, 0, sizeof *out);
	for (int i = 0; i < TWOYEAR__MAX; i++)
		out->value[i] = "";
	out->status = "";
	out->staff = "";
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	rc = store_step(st);
	if (rc == STORE_ROW) {
		out->id = store_col_int(st, 0);
		out->staff_id = store_col_int(st, 1);
		for (int i = 0; i < TWOYEAR__MAX; i++)
			out->value[i] = arena_strdup(a, store_col_text(st, 2 + i));
		out->status = arena_strdup(a, store_col_text(st, 13));
		out->shared_at = store_col_int(st, 14);
		out->staff = arena_strdup(a, store_col_text(st, 15));
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the check at two");
	return 0;
}

int core_twoyear_save(struct store *s, const struct actor *who, int64_t child_id, int64_t staff_id,
                      const struct field_value *v, int finalise, int64_t *id, struct op_error *e)
{
	struct twoyear t;
	struct store_stmt *st;
	struct arena a;
	int rc, ret = -1, p;
	arena_init(&a);
	if (core_twoyear_latest(s, who->setting_id, child_id, &a, &t, e) != 0)
		goto out;
	if (t.id && strcmp(t.status, "final") == 0) {
		op_fail(e, OP_CONFLICT, "status",
		        "the check at two is final and is not changed; it was shared as it is");
		goto out;
	}
	if (finalise && !*v[TWOYEAR_STRENGTHS].s) {
		op_fail(e, OP_INVALID, "strengths",
		        "write the child's strengths before making it final");
		goto out;
	}
	if (finalise) {
		static const int level_of[] = {TWOYEAR_CL_LEVEL, TWOYEAR_PD_LEVEL,
		                               TWOYEAR_PSED_LEVEL};
		for (size_t i = 0; i < ARRAY_LEN(level_of); i++)
			if (strcmp(v[level_of[i]].s, "less_than_expected") == 0 &&
			    !*v[TWOYEAR_STRATEGIES].s) {
				op_fail(
				    e, OP_INVALID, "strategies",
				    "progress is less than expected: say what the setting will do");
				goto out;
			}
	}
	st = store_stmt(s, t.id ? STMT_TWOYEAR_UPDATE : STMT_TWOYEAR_INSERT);
	p = 1;
	if (!t.id) {
		store_bind_int(st, p++, who->setting_id);
		store_bind_int(st, p++, child_id);
	}
	store_bind_id(st, p++, staff_id);
	for (int i = 0; i < TWOYEAR__MAX; i++)
		store_bind_text(st, p++, v[i].present ? v[i].s : "");
	store_bind_text(st, p++, finalise ? "final" : "draft");
	if (!t.id)
		store_bind_int(st, p++, time_now());
	store_bind_int(st, p++, time_now());
	if (t.id) {
		store_bind_int(st, p++, who->setting_id);
		store_bind_int(st, p++, t.id);
	}
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "saving the check at two");
		goto out;
	}
	*id = t.id ? t.id : store_last_id(s);
	ret = audit_write(s, who, finalise ? "twoyear.final" : "twoyear.save", "two_year_check",
	                  *id, child_id, v[TWOYEAR_DATE].s, e);
out:
	arena_free(&a);
	return ret;
}

int core_consent_in_force(struct store *s, int64_t setting_id, int64_t child_id, const char *kind,
                          int day)
{
	struct store_stmt *st = store_stmt(s, STMT_REC_CONSENT_IN_FORCE);
	char d[DATE_LEN];
	int yes;
	date_format(day, d);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, kind);
	store_bind_text(st, 4, d);
	store_bind_text(st, 5, d);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

int core_twoyear_share(struct store *s, const struct actor *who, int64_t child_id, int day,
                       struct op_error *e)
{
	struct twoyear t;
	struct store_stmt *st;
	struct arena a;
	int rc, ret = -1;
	arena_init(&a);
	if (core_twoyear_latest(s, who->setting_id, child_id, &a, &t, e) != 0)
		goto out;
	if (!t.id || strcmp(t.status, "final") != 0) {
		op_fail(e, OP_CONFLICT, "status",
		        "make the check final before sharing it with the health visitor");
		goto out;
	}
	if (!core_consent_in_force(s, who->setting_id, child_id, "share_health_visitor", day)) {
		op_fail(
		    e, OP_CONFLICT, "consent",
		    "the family has not given consent to share with the health visitor: nothing "
		    "was shared. Record their consent on the child's page first, or give the "
		    "summary to the parents to share themselves");
		goto out;
	}
	st = store_stmt(s, STMT_TWOYEAR_SHARE);
	store_bind_int(st, 1, time_now());
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, t.id);
	store_bind_int(st, 4, child_id);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "recording the sharing");
		goto out;
	}
	ret = audit_write(
	    s, who, "twoyear.share_health_visitor", "two_year_check", t.id, child_id,
	    "shared with the health visitor for the integrated review (consent in force)", e);
out:
	arena_free(&a);
	return ret;
}

int core_twoyear_due(struct store *s, int64_t setting_id, int day, struct arena *a,
                     struct twoyear_due **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REC_CHILDREN);
	char today[DATE_LEN];
	size_t cap = 32;
	struct twoyear_due *r = arena_alloc(a, cap * sizeof *r);
	int rc, ahead_day = date_add_months(day, TWOYEAR_AHEAD_MONTHS);
	*n = 0;
	date_format(day, today);
	store_bind_text(st, 1, today);
	store_bind_text(st, 2, today);
	store_bind_int(st, 3, setting_id);
	store_bind_text(st, 4, today);
	store_bind_text(st, 5, today);
	while ((rc = store_step(st)) == STORE_ROW) {
		int dob, months, ahead;
		const char *pref = store_col_text(st, 3);
		char due[DATE_LEN];
		if (date_parse(store_col_text(st, 4), &dob) != 0)
			continue;
		months = date_age_months(dob, day);
		ahead = months < TWOYEAR_FROM_MONTHS &&
		        date_age_months(dob, ahead_day) >= TWOYEAR_FROM_MONTHS;
		if (!ahead && (months < TWOYEAR_FROM_MONTHS || months >= TWOYEAR_UNTIL_MONTHS))
			continue;
		if (*n == cap) {
			struct twoyear_due *grown = arena_alloc(a, 2 * cap * sizeof *r);
			memcpy(grown, r, cap * sizeof *r);
			r = grown;
			cap *= 2;
		}
		date_format(date_add_months(dob, TWOYEAR_FROM_MONTHS), due);
		r[*n] = (struct twoyear_due){
		    .child_id = store_col_int(st, 0),
		    .key_person_id = store_col_int(st, 7),
		    .child = arena_printf(a, "%s %s", *pref ? pref : store_col_text(st, 1),
		                          store_col_text(st, 2)),
		    .dob = arena_strdup(a, store_col_text(st, 4)),
		    .room = arena_strdup(a, store_col_text(st, 6)),
		    .key_person = arena_strdup(a, store_col_text(st, 8)),
		    .months = months,
		    .due_on = arena_strdup(a, due),
		    .ahead = ahead,
		    .status = "",
		    .review_on = "",
		};
		(*n)++;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the children due a check");
	st = store_stmt(s, STMT_TWOYEAR_STATUS_ALL);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t child = store_col_int(st, 0);
		for (size_t i = 0; i < *n; i++)
			if (r[i].child_id == child)
				r[i].status =
				    strcmp(store_col_text(st, 1), "final") == 0 ? "final" : "draft";
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the checks");
	/* the health visitor's review date schedules the check before it */
	st = store_stmt(s, STMT_HV_REVIEWS);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t child = store_col_int(st, 0);
		int review;
		char due[DATE_LEN];
		if (date_parse(store_col_text(st, 1), &review) != 0)
			continue;
		for (size_t i = 0; i < *n; i++)
			if (r[i].child_id == child) {
				date_format(review - FAMILY_CHECK_BEFORE_REVIEW_DAYS, due);
				r[i].review_on = arena_strdup(a, store_col_text(st, 1));
				r[i].due_on = arena_strdup(a, due);
				r[i].ahead = day < review - 42;
			}
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the health visitor's reviews");
	*out = r;
	return 0;
}
