/*
 * core_family.c — the operations of core_family.h. Input is validated by
 * field tables (valid.h). An emergency contact changed by the family is
 * written to the contact row at once and described in words in a
 * family_change row ("Gran (grandmother), 07700 900123"), which staff
 * acknowledge; a health note is flagged until acknowledged. Every write has
 * its audit row in the same transaction.
 */
#include "core_family.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "valid.h"

static const struct field_spec name_spec = {"name", F_LINE, 1, 0, 200, NULL};
static const struct field_spec relationship_spec = {"relationship", F_LINE, 1, 0, 100, NULL};
static const struct field_spec phone_spec = {"phone", F_LINE, 1, 0, 40, NULL};
static const struct field_spec note_spec = {"text", F_TEXT, 1, 0, FAMILY_NOTE_MAX, NULL};
static const struct field_spec review_spec = {"review_on", F_DATE, 1, 0, 0, NULL};

const char *const family_professionals[] = {"speech_language_therapist",
                                            "educational_psychologist",
                                            "specialist_teacher",
                                            "health_visitor",
                                            "other",
                                            NULL};

const char *core_family_professional_words(const char *code)
{
	static const char *const words[][2] = {
	    {"speech_language_therapist", "speech and language therapist"},
	    {"educational_psychologist", "educational psychologist"},
	    {"specialist_teacher", "specialist teacher"},
	    {"health_visitor", "health visitor"},
	    {"other", "other professional"},
	};
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(code, words[i][0]) == 0)
			return words[i][1];
	return code;
}

static const struct field_spec programme_fields[PROG__MAX] = {
    [PROG_PLAN] = {"plan", F_INT, 1, 1, INT32_MAX, NULL},
    [PROG_PROFESSIONAL] = {"professional", F_ENUM, 1, 0, 0, family_professionals},
    [PROG_NAME] = {"professional_name", F_LINE, 0, 0, 200, NULL},
    [PROG_TARGET] = {"target", F_TEXT, 1, 0, 1000, NULL},
    [PROG_DELIVERED_BY] = {"delivered_by", F_LINE, 1, 0, 200, NULL},
    [PROG_HOW_OFTEN] = {"how_often", F_LINE, 1, 0, 100, NULL},
};

/* Validate raw against spec into *out; OP_INVALID naming the field. */
static int check(const struct field_spec *spec, const char *raw, struct arena *a,
                 struct field_value *out, struct op_error *e)
{
	char why[200];
	if (valid_field(spec, raw ? raw : "", out, a, why, sizeof why) != 0)
		return op_fail(e, OP_INVALID, spec->name, "%s", why);
	if (spec->required && (!out->present || (out->s && !*out->s)))
		return op_fail(e, OP_INVALID, spec->name, "is needed");
	return 0;
}

int core_family_emergency_set(struct store *s, const struct actor *who, int64_t family_id,
                              int64_t contact_id, const char *name, const char *relationship,
                              const char *phone, int64_t *id, struct op_error *e)
{
	struct field_value n, r, p;
	struct store_stmt *st;
	struct arena a;
	const char *was = "", *now;
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (check(&name_spec, name, &a, &n, e) ||
	    check(&relationship_spec, relationship, &a, &r, e) ||
	    check(&phone_spec, phone, &a, &p, e))
		goto out;
	if (contact_id) {
		int ok = 0;
		st = store_stmt(s, STMT_FAMILY_CONTACT_GET);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, contact_id);
		if (store_step(st) == STORE_ROW) {
			ok = store_col_int(st, 0) == family_id && store_col_int(st, 4) == 1 &&
			     store_col_int(st, 5) == 0;
			was = arena_printf(&a, "%s (%s), %s", store_col_text(st, 1),
			                   store_col_text(st, 2), store_col_text(st, 3));
		}
		store_finish(st);
		if (!ok) {
			op_fail(e, OP_NOT_FOUND, "contact", "there is no such emergency contact");
			goto out;
		}
		st = store_stmt(s, STMT_FAMILY_EMERGENCY_UPDATE);
		store_bind_text(st, 1, n.s);
		store_bind_text(st, 2, r.s);
		store_bind_text(st, 3, p.s);
		store_bind_int(st, 4, who->setting_id);
		store_bind_int(st, 5, contact_id);
	} else {
		st = store_stmt(s, STMT_FAMILY_EMERGENCY_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, family_id);
		store_bind_text(st, 3, n.s);
		store_bind_text(st, 4, r.s);
		store_bind_text(st, 5, p.s);
	}
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping the emergency contact");
		goto out;
	}
	if (!contact_id)
		contact_id = store_last_id(s);
	now = arena_printf(&a, "%s (%s), %s", n.s, r.s, p.s);
	st = store_stmt(s, STMT_FAMILY_CHANGE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, family_id);
	store_bind_int(st, 3, contact_id);
	store_bind_text(st, 4, *was ? "changed" : "added");
	store_bind_text(st, 5, was);
	store_bind_text(st, 6, now);
	store_bind_id(st, 7, who->user_id);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "flagging the change");
		goto out;
	}
	*id = store_last_id(s);
	ret = audit_write(s, who, *was ? "family.emergency.change" : "family.emergency.add",
	                  "contact", contact_id, 0, "", e);
out:
	arena_free(&a);
	return ret;
}

/* Acknowledge a flagged row: get (setting, id) -> (x, ack_at), then ack. */
static int ack(struct store *s, const struct actor *who, enum stmt_id get, enum stmt_id upd,
               int64_t id, const char *action, const char *kind, int child, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, get);
	int64_t owner = 0;
	int acked = 0, rc;
	assert(store_in_transaction(s));
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, id);
	if (store_step(st) == STORE_ROW) {
		owner = store_col_int(st, 0);
		acked = !store_col_null(st, 1);
	}
	store_finish(st);
	if (!owner)
		return op_fail(e, OP_NOT_FOUND, "", "there is no such %s", kind);
	if (acked)
		return op_fail(e, OP_CONFLICT, "", "the %s was acknowledged already", kind);
	st = store_stmt(s, upd);
	store_bind_id(st, 1, who->user_id);
	store_bind_int(st, 2, time_now());
	store_bind_int(st, 3, who->setting_id);
	store_bind_int(st, 4, id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "acknowledging");
	if (store_changes(s) != 1)
		return op_fail(e, OP_CONFLICT, "", "the %s was acknowledged already", kind);
	return audit_write(s, who, action, kind, id, child ? owner : 0, "", e);
}

int core_family_change_ack(struct store *s, const struct actor *who, int64_t change_id,
                           struct op_error *e)
{
	return ack(s, who, STMT_FAMILY_CHANGE_GET, STMT_FAMILY_CHANGE_ACK, change_id,
	           "family.change.ack", "family_change", 0, e);
}

int core_family_health_note_add(struct store *s, const struct actor *who, int64_t child_id,
                                int64_t contact_id, int day, int today, const char *text,
                                int64_t *id, struct op_error *e)
{
	struct field_value t;
	struct store_stmt *st;
	struct arena a;
	char date[DATE_LEN];
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (check(&note_spec, text, &a, &t, e))
		goto out;
	if (day < today || day > today + FAMILY_NOTE_DAYS_AHEAD) {
		op_fail(e, OP_INVALID, "date", "is today or a day in the next %d days",
		        FAMILY_NOTE_DAYS_AHEAD);
		goto out;
	}
	date_format(day, date);
	st = store_stmt(s, STMT_HEALTH_NOTE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, t.s);
	store_bind_id(st, 5, contact_id);
	store_bind_id(st, 6, who->user_id);
	store_bind_int(st, 7, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping the note");
		goto out;
	}
	*id = store_last_id(s);
	ret = audit_write(s, who, "family.health_note", "health_note", *id, child_id, date, e);
out:
	arena_free(&a);
	return ret;
}

int core_family_health_note_ack(struct store *s, const struct actor *who, int64_t note_id,
                                struct op_error *e)
{
	return ack(s, who, STMT_HEALTH_NOTE_GET, STMT_HEALTH_NOTE_ACK, note_id,
	           "family.health_note.ack", "health_note", 1, e);
}

int core_family_hv_review_set(struct store *s, const struct actor *who, int64_t child_id,
                              const char *date, int as_family, struct op_error *e)
{
	struct field_value d;
	struct store_stmt *st;
	struct arena a;
	int rc, ret = -1;
	assert(store_in_transaction(s));
	arena_init(&a);
	if (check(&review_spec, date, &a, &d, e))
		goto out;
	st = store_stmt(s, STMT_HV_REVIEW_SET);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, d.s);
	store_bind_id(st, 4, who->user_id);
	store_bind_text(st, 5, as_family ? "family" : "staff");
	store_bind_int(st, 6, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "keeping the review date");
		goto out;
	}
	ret = audit_write(s, who, "family.hv_review", "child", child_id, child_id, d.s, e);
out:
	arena_free(&a);
	return ret;
}

void core_family_hv_review_get(struct store *s, int64_t setting_id, int64_t child_id, char *out,
                               size_t n)
{
	struct store_stmt *st = store_stmt(s, STMT_HV_REVIEW_GET);
	assert(n > 0);
	out[0] = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW)
		snprintf(out, n, "%s", store_col_text(st, 0));
	store_finish(st);
}

int core_family_programme_add(struct store *s, const struct actor *who, int64_t child_id,
                              const char *const raw[PROG__MAX], int64_t *id, struct op_error *e)
{
	struct field_value v[PROG__MAX];
	struct store_stmt *st;
	struct arena a;
	int rc, ret = -1, mine = 0;
	assert(store_in_transaction(s));
	arena_init(&a);
	for (int i = 0; i < PROG__MAX; i++)
		if (check(&programme_fields[i], raw[i], &a, &v[i], e))
			goto out;
	st = store_stmt(s, STMT_SEN_PROGRAMME_PLANS);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW)
		mine |= store_col_int(st, 0) == v[PROG_PLAN].i;
	store_finish(st);
	if (!mine) {
		op_fail(e, OP_INVALID, "plan", "is not one of the child's SEN plans");
		goto out;
	}
	st = store_stmt(s, STMT_SEN_PROGRAMME_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, v[PROG_PLAN].i);
	store_bind_text(st, 4, v[PROG_PROFESSIONAL].s);
	store_bind_text(st, 5, v[PROG_NAME].present ? v[PROG_NAME].s : "");
	store_bind_text(st, 6, v[PROG_TARGET].s);
	store_bind_text(st, 7, v[PROG_DELIVERED_BY].s);
	store_bind_text(st, 8, v[PROG_HOW_OFTEN].s);
	store_bind_id(st, 9, who->user_id);
	store_bind_int(st, 10, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "adding the programme");
		goto out;
	}
	*id = store_last_id(s);
	ret = audit_write(s, who, "sen.programme.add", "sen_programme", *id, child_id,
	                  v[PROG_PROFESSIONAL].s, e);
out:
	arena_free(&a);
	return ret;
}

/* ---- the demo ---- */

int core_family_demo(struct store *s, const struct actor *who, int start, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_FAMILY_DEMO_PARENT);
	int64_t child = 0, contact = 0, family = 0, id, plan = 0, plan_child = 0, two = 0;
	char review[DATE_LEN];
	store_bind_int(st, 1, who->setting_id);
	if (store_step(st) == STORE_ROW) {
		child = store_col_int(st, 0);
		contact = store_col_int(st, 1);
		family = store_col_int(st, 2);
	}
	store_finish(st);
	if (!child)
		return 0; /* a demo too small to have a family */
	if (core_family_emergency_set(s, who, family, 0, "Margaret Okafor", "grandmother",
	                              "01632 960 418", &id, e) ||
	    core_family_health_note_add(s, who, child, contact, start, start,
	                                "Teething, a bit grumpy. Calpol at 7am (2.5 ml).", &id, e))
		return -1;
	/* the first child between 22 and 30 months has a review date in five weeks */
	st = store_stmt(s, STMT_FAMILY_DEMO_CHILDREN);
	store_bind_int(st, 1, who->setting_id);
	while (store_step(st) == STORE_ROW && !two) {
		int dob, months;
		if (date_parse(store_col_text(st, 1), &dob) != 0)
			continue;
		months = date_age_months(dob, start);
		if (months >= 22 && months <= 30)
			two = store_col_int(st, 0);
	}
	store_finish(st);
	date_format(start + 35, review);
	if (two && core_family_hv_review_set(s, who, two, review, 1, e))
		return -1;
	st = store_stmt(s, STMT_FAMILY_DEMO_PLAN);
	store_bind_int(st, 1, who->setting_id);
	if (store_step(st) == STORE_ROW) {
		plan = store_col_int(st, 0);
		plan_child = store_col_int(st, 1);
	}
	store_finish(st);
	if (plan) {
		static const char target[] = "Uses two-word phrases at snack time (\"more apple\") "
		                             "with Makaton signs alongside";
		const char *raw[PROG__MAX] = {
		    [PROG_PLAN] = NULL,
		    [PROG_PROFESSIONAL] = "speech_language_therapist",
		    [PROG_NAME] = "Priya Shah (NHS speech and language therapy)",
		    [PROG_TARGET] = target,
		    [PROG_DELIVERED_BY] = "Key person, in a small group",
		    [PROG_HOW_OFTEN] = "Three times a week, 10 minutes",
		};
		char plan_text[24];
		snprintf(plan_text, sizeof plan_text, "%lld", (long long)plan);
		raw[PROG_PLAN] = plan_text;
		if (core_family_programme_add(s, who, plan_child, raw, &id, e))
			return -1;
	}
	return 0;
}
