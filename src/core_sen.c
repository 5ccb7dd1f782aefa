/*
 * core_sen.c — the SEN and behaviour records of core_sen.h: field tables,
 * the writes (each with its audit row), the child's view (the family's
 * only what was shared), the SENCo's register, the behaviour overview and
 * the demo's records.
 */
#include "core_sen.h"

#include <assert.h>
#include <string.h>

#include "audit.h"
#include "core_supervision.h"
#include "core_twoyear.h" /* core_consent_in_force */
#include "date.h"

static const char *const statuses[] = {"monitoring", "sen_support", "ehcp", "none", NULL};
static const char *const areas[] = {"communication_interaction", "cognition_learning", "semh",
                                    "sensory_physical", NULL};
static const char *const plan_kinds[] = {"sen_support", "ehcp", "intimate_care", NULL};
static const char *const agencies[] = {"area_senco",
                                       "educational_psychologist",
                                       "speech_language_therapist",
                                       "specialist_teacher",
                                       "health_visitor",
                                       "other",
                                       NULL};
static const char *const beh_kinds[] = {"psp", "risk_reduction", "other", NULL};

const struct field_spec core_sen_status_fields[SENS__MAX] = {
    [SENS_STATUS] = {"status", F_ENUM, 1, 0, 0, statuses},
    [SENS_AREA] = {"area_of_need", F_ENUM, 0, 0, 0, areas},
    [SENS_FROM] = {"from_date", F_DATE, 1, 0, 0, NULL},
    [SENS_NOTES] = {"notes", F_TEXT, 0, 0, 4000, NULL},
};
const struct field_spec core_sen_plan_fields[SENP__MAX] = {
    [SENP_KIND] = {"kind", F_ENUM, 1, 0, 0, plan_kinds},
    [SENP_CREATED] = {"created_on", F_DATE, 1, 0, 0, NULL},
    [SENP_REVIEW] = {"review_on", F_DATE, 1, 0, 0, NULL},
    [SENP_TARGETS] = {"targets", F_TEXT, 1, 0, 4000, NULL},
    [SENP_SHARED] = {"shared", F_BOOL, 0, 0, 0, NULL},
};
const struct field_spec core_sen_review_fields[SENR__MAX] = {
    [SENR_PLAN] = {"plan", F_INT, 1, 1, INT32_MAX, NULL},
    [SENR_ON] = {"reviewed_on", F_DATE, 1, 0, 0, NULL},
    [SENR_OUTCOME] = {"outcome", F_TEXT, 1, 0, 4000, NULL},
    [SENR_NEXT] = {"next_review_on", F_DATE, 0, 0, 0, NULL},
};
const struct field_spec core_sen_agency_fields[SENA__MAX] = {
    [SENA_AGENCY] = {"agency", F_ENUM, 1, 0, 0, agencies},
    [SENA_NAME] = {"contact_name", F_LINE, 1, 0, 200, NULL},
    [SENA_PHONE] = {"phone", F_LINE, 0, 0, 40, NULL},
    [SENA_EMAIL] = {"email", F_LINE, 0, 0, 200, NULL},
    [SENA_CONSENT] = {"consent_to_share", F_BOOL, 0, 0, 0, NULL},
};
const struct field_spec core_sen_lsa_fields[SENL__MAX] = {
    [SENL_STAFF] = {"staff", F_INT, 1, 1, INT32_MAX, NULL},
    [SENL_HOURS] = {"hours_per_week", F_NUM, 1, 0, 60, NULL},
    [SENL_FROM] = {"from_date", F_DATE, 1, 0, 0, NULL},
};
const struct field_spec core_sen_profile_fields[SENO__MAX] = {
    [SENO_LIKED] = {"liked", F_TEXT, 1, 0, 4000, NULL},
    [SENO_IMPORTANT] = {"important", F_TEXT, 0, 0, 4000, NULL},
    [SENO_SUPPORT] = {"support", F_TEXT, 0, 0, 4000, NULL},
    [SENO_SHARED] = {"shared", F_BOOL, 0, 0, 0, NULL},
};
const struct field_spec core_beh_incident_fields[BEHI__MAX] = {
    [BEHI_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [BEHI_TIME] = {"time", F_TIME, 1, 0, 0, NULL},
    [BEHI_ANTECEDENT] = {"antecedent", F_TEXT, 0, 0, 4000, NULL},
    [BEHI_BEHAVIOUR] = {"behaviour", F_TEXT, 1, 0, 4000, NULL},
    [BEHI_CONSEQUENCE] = {"consequence", F_TEXT, 0, 0, 4000, NULL},
};
const struct field_spec core_beh_plan_fields[BEHP__MAX] = {
    [BEHP_KIND] = {"kind", F_ENUM, 1, 0, 0, beh_kinds},
    [BEHP_STRATEGIES] = {"strategies", F_TEXT, 1, 0, 4000, NULL},
    [BEHP_START] = {"start_date", F_DATE, 1, 0, 0, NULL},
    [BEHP_REVIEW] = {"review_date", F_DATE, 1, 0, 0, NULL},
};
const struct field_spec core_beh_intervention_fields[BEHV__MAX] = {
    [BEHV_WHAT] = {"what", F_LINE, 1, 0, 200, NULL},
    [BEHV_START] = {"start_date", F_DATE, 1, 0, 0, NULL},
    [BEHV_REVIEW] = {"review_date", F_DATE, 0, 0, 0, NULL},
    [BEHV_OUTCOME] = {"outcome", F_TEXT, 0, 0, 4000, NULL},
};

static const struct {
	const char *value, *words;
} words[] = {
    {"monitoring", "Monitoring"},
    {"sen_support", "SEN support"},
    {"ehcp", "EHCP"},
    {"intimate_care", "Intimate care plan"},
    {"communication_interaction", "Communication and interaction"},
    {"cognition_learning", "Cognition and learning"},
    {"semh", "Social, emotional and mental health"},
    {"sensory_physical", "Sensory and/or physical"},
    {"area_senco", "Area SENCO"},
    {"educational_psychologist", "Educational psychologist"},
    {"speech_language_therapist", "Speech and language therapist"},
    {"specialist_teacher", "Specialist teacher"},
    {"health_visitor", "Health visitor"},
    {"other", "Other"},
    {"psp", "Pastoral support plan"},
    {"risk_reduction", "Risk reduction plan"},
};

const char *core_sen_words(const char *value)
{
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(words[i].value, value) == 0)
			return words[i].words;
	return value;
}

static const char *opt(const struct field_value *v)
{
	return v->present ? v->s : NULL;
}

static int run(struct store *s, struct store_stmt *st, const char *what, struct op_error *e)
{
	int rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, what);
	return 0;
}

int core_sen_status_set(struct store *s, const struct actor *who, int64_t child_id,
                        const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SEN_RECORD_CLOSE);
	int64_t id = 0;
	store_bind_text(st, 1, v[SENS_FROM].s);
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, child_id);
	if (run(s, st, "ending the SEN record", e))
		return -1;
	if (strcmp(v[SENS_STATUS].s, "none") != 0) {
		st = store_stmt(s, STMT_SEN_RECORD_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, child_id);
		store_bind_text(st, 3, v[SENS_STATUS].s);
		store_bind_text(st, 4, v[SENS_AREA].present ? v[SENS_AREA].s : "");
		store_bind_text(st, 5, v[SENS_FROM].s);
		store_bind_text(st, 6, v[SENS_NOTES].present ? v[SENS_NOTES].s : "");
		store_bind_int(st, 7, time_now());
		if (run(s, st, "saving the SEN record", e))
			return -1;
		id = store_last_id(s);
	}
	return audit_write(s, who, "sen.status", "sen_record", id, child_id, v[SENS_STATUS].s, e);
}

int core_sen_plan_add(struct store *s, const struct actor *who, int64_t child_id,
                      const struct field_value *v, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	if (v[SENP_REVIEW].i <= v[SENP_CREATED].i)
		return op_fail(e, OP_INVALID, "review_on",
		               "the review comes after the plan is made");
	st = store_stmt(s, STMT_SEN_PLAN_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[SENP_KIND].s);
	store_bind_text(st, 4, v[SENP_CREATED].s);
	store_bind_text(st, 5, v[SENP_REVIEW].s);
	store_bind_text(st, 6, v[SENP_TARGETS].s);
	store_bind_int(st, 7, v[SENP_SHARED].present && v[SENP_SHARED].i);
	store_bind_id(st, 8, who->user_id);
	store_bind_int(st, 9, time_now());
	if (run(s, st, "saving the plan", e))
		return -1;
	*id = store_last_id(s);
	return audit_write(s, who, "sen.plan", "sen_plan", *id, child_id, v[SENP_KIND].s, e);
}

int core_sen_review_add(struct store *s, const struct actor *who, int64_t child_id,
                        const char *kind, const struct field_value *v, struct op_error *e)
{
	int sen = strcmp(kind, "sen") == 0;
	struct store_stmt *st = store_stmt(s, sen ? STMT_SEN_PLAN_FIND : STMT_BEH_PLAN_FIND);
	int found;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, v[SENR_PLAN].i);
	found = store_step(st) == STORE_ROW;
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "plan", "there is no such plan for this child");
	if (v[SENR_NEXT].present && v[SENR_NEXT].i <= v[SENR_ON].i)
		return op_fail(e, OP_INVALID, "next_review_on",
		               "the next review comes after this one");
	st = store_stmt(s, STMT_SEN_REVIEW_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, sen ? "sen" : "behaviour");
	store_bind_int(st, 3, v[SENR_PLAN].i);
	store_bind_int(st, 4, child_id);
	store_bind_text(st, 5, v[SENR_ON].s);
	store_bind_text(st, 6, v[SENR_OUTCOME].s);
	store_bind_text(st, 7, opt(&v[SENR_NEXT]));
	store_bind_id(st, 8, who->user_id);
	store_bind_int(st, 9, time_now());
	if (run(s, st, "saving the review", e))
		return -1;
	st = store_stmt(s, sen ? STMT_SEN_PLAN_SET_REVIEW : STMT_BEH_PLAN_SET_REVIEW);
	store_bind_text(st, 1, opt(&v[SENR_NEXT]));
	store_bind_text(st, 2, v[SENR_OUTCOME].s);
	store_bind_int(st, 3, who->setting_id);
	store_bind_int(st, 4, v[SENR_PLAN].i);
	if (run(s, st, "setting the next review", e))
		return -1;
	return audit_write(s, who, sen ? "sen.review" : "behaviour.review",
	                   sen ? "sen_plan" : "behaviour_plan", v[SENR_PLAN].i, child_id,
	                   v[SENR_ON].s, e);
}

int core_sen_agency_add(struct store *s, const struct actor *who, int64_t child_id,
                        const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SEN_AGENCY_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[SENA_AGENCY].s);
	store_bind_text(st, 4, v[SENA_NAME].s);
	store_bind_text(st, 5, v[SENA_PHONE].present ? v[SENA_PHONE].s : "");
	store_bind_text(st, 6, v[SENA_EMAIL].present ? v[SENA_EMAIL].s : "");
	store_bind_int(st, 7, v[SENA_CONSENT].present && v[SENA_CONSENT].i);
	if (run(s, st, "saving the agency", e))
		return -1;
	return audit_write(s, who, "sen.agency", "sen_agency", store_last_id(s), child_id,
	                   v[SENA_AGENCY].s, e);
}

int core_sen_lsa_add(struct store *s, const struct actor *who, int64_t child_id,
                     const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SEN_STAFF_FIND);
	int found;
	if (v[SENL_HOURS].d <= 0)
		return op_fail(e, OP_INVALID, "hours_per_week",
		               "give the hours a week (more than 0)");
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, v[SENL_STAFF].i);
	found = store_step(st) == STORE_ROW;
	store_finish(st);
	if (!found)
		return op_fail(e, OP_INVALID, "staff", "choose a member of staff of the setting");
	st = store_stmt(s, STMT_SEN_LSA_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, v[SENL_STAFF].i);
	store_bind_double(st, 4, v[SENL_HOURS].d);
	store_bind_text(st, 5, v[SENL_FROM].s);
	if (run(s, st, "saving the LSA hours", e))
		return -1;
	return audit_write(s, who, "sen.lsa", "lsa_hours", store_last_id(s), child_id,
	                   v[SENL_FROM].s, e);
}

int core_sen_profile_save(struct store *s, const struct actor *who, int64_t child_id,
                          const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SEN_PROFILE_SAVE);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[SENO_LIKED].s);
	store_bind_text(st, 4, v[SENO_IMPORTANT].present ? v[SENO_IMPORTANT].s : "");
	store_bind_text(st, 5, v[SENO_SUPPORT].present ? v[SENO_SUPPORT].s : "");
	store_bind_int(st, 6, v[SENO_SHARED].present && v[SENO_SHARED].i);
	store_bind_id(st, 7, who->user_id);
	store_bind_int(st, 8, time_now());
	if (run(s, st, "saving the one-page profile", e))
		return -1;
	return audit_write(s, who, "sen.profile", "sen_profile", 0, child_id,
	                   v[SENO_SHARED].present && v[SENO_SHARED].i ? "shared with the family"
	                                                              : "not shared",
	                   e);
}

int core_beh_incident_add(struct store *s, const struct actor *who, int64_t child_id, int64_t at,
                          const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_BEH_INCIDENT_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, at);
	store_bind_text(st, 4, v[BEHI_ANTECEDENT].present ? v[BEHI_ANTECEDENT].s : "");
	store_bind_text(st, 5, v[BEHI_BEHAVIOUR].s);
	store_bind_text(st, 6, v[BEHI_CONSEQUENCE].present ? v[BEHI_CONSEQUENCE].s : "");
	store_bind_id(st, 7, who->user_id);
	store_bind_int(st, 8, time_now());
	if (run(s, st, "saving the incident", e))
		return -1;
	return audit_write(s, who, "behaviour.incident", "behaviour_incident", store_last_id(s),
	                   child_id, v[BEHI_DATE].s, e);
}

int core_beh_plan_add(struct store *s, const struct actor *who, int64_t child_id,
                      const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st;
	if (v[BEHP_REVIEW].i <= v[BEHP_START].i)
		return op_fail(e, OP_INVALID, "review_date", "the review comes after the start");
	st = store_stmt(s, STMT_BEH_PLAN_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[BEHP_KIND].s);
	store_bind_text(st, 4, v[BEHP_STRATEGIES].s);
	store_bind_text(st, 5, v[BEHP_START].s);
	store_bind_text(st, 6, v[BEHP_REVIEW].s);
	store_bind_int(st, 7, time_now());
	if (run(s, st, "saving the behaviour plan", e))
		return -1;
	return audit_write(s, who, "behaviour.plan", "behaviour_plan", store_last_id(s), child_id,
	                   v[BEHP_KIND].s, e);
}

int core_beh_intervention_add(struct store *s, const struct actor *who, int64_t child_id,
                              const struct field_value *v, struct op_error *e)
{
	struct store_stmt *st;
	if (v[BEHV_REVIEW].present && v[BEHV_REVIEW].i <= v[BEHV_START].i)
		return op_fail(e, OP_INVALID, "review_date", "the review comes after the start");
	st = store_stmt(s, STMT_BEH_INTERVENTION_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[BEHV_WHAT].s);
	store_bind_text(st, 4, v[BEHV_START].s);
	store_bind_text(st, 5, opt(&v[BEHV_REVIEW]));
	store_bind_text(st, 6, v[BEHV_OUTCOME].present ? v[BEHV_OUTCOME].s : "");
	store_bind_id(st, 7, who->user_id);
	store_bind_int(st, 8, time_now());
	if (run(s, st, "saving the intervention", e))
		return -1;
	return audit_write(s, who, "behaviour.intervention", "behaviour_intervention",
	                   store_last_id(s), child_id, v[BEHV_WHAT].s, e);
}

/* ---- reading ---- */

#define PUSH ARENA_PUSH

static struct store_stmt *child_stmt(struct store *s, enum stmt_id id, int64_t setting_id,
                                     int64_t child_id)
{
	struct store_stmt *st = store_stmt(s, id);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	return st;
}

static const char *dup(struct arena *a, struct store_stmt *st, int i)
{
	return arena_strdup(a, store_col_text(st, i));
}

static int done(struct store *s, struct store_stmt *st, int rc, const char *what,
                struct op_error *e)
{
	store_finish(st);
	if (rc != STORE_DONE && rc != STORE_ROW)
		return op_store_fail(e, s, rc, what);
	return 0;
}

static int load_sen(struct store *s, int64_t sid, int64_t cid, int day, int family, struct arena *a,
                    struct sen_view *o, struct op_error *e)
{
	struct store_stmt *st;
	size_t cap = 0;
	char d[DATE_LEN];
	int rc;
	date_format(day, d);
	if (!family) {
		st = child_stmt(s, STMT_SEN_RECORD_CURRENT, sid, cid);
		if ((rc = store_step(st)) == STORE_ROW) {
			o->status = dup(a, st, 1);
			o->area = dup(a, st, 2);
			o->from = dup(a, st, 3);
			o->notes = dup(a, st, 4);
		}
		if (done(s, st, rc, "reading the SEN record", e))
			return -1;
	}
	st = child_stmt(s, STMT_SEN_PLAN_LIST, sid, cid);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct sen_plan_row *p;
		if (family && !store_col_int(st, 6))
			continue;
		p = PUSH(a, o->plans, o->nplans, cap);
		*p = (struct sen_plan_row){store_col_int(st, 0),
		                           dup(a, st, 1),
		                           dup(a, st, 2),
		                           dup(a, st, 3),
		                           dup(a, st, 4),
		                           family ? "" : dup(a, st, 5),
		                           (int)store_col_int(st, 6)};
	}
	if (done(s, st, rc, "reading the plans", e))
		return -1;
	st = child_stmt(s, STMT_SEN_PROFILE_GET, sid, cid);
	if ((rc = store_step(st)) == STORE_ROW && (!family || store_col_int(st, 3))) {
		o->has_profile = 1;
		o->liked = dup(a, st, 0);
		o->important = dup(a, st, 1);
		o->support = dup(a, st, 2);
		o->profile_shared = (int)store_col_int(st, 3);
	}
	if (done(s, st, rc, "reading the one-page profile", e) || family)
		return family ? 0 : -1;
	cap = 0;
	st = child_stmt(s, STMT_SEN_REVIEW_LIST, sid, cid);
	while ((rc = store_step(st)) == STORE_ROW)
		*PUSH(a, o->reviews, o->nreviews, cap) =
		    (struct sen_review_row){dup(a, st, 0), store_col_int(st, 1), dup(a, st, 2),
		                            dup(a, st, 3), dup(a, st, 4)};
	if (done(s, st, rc, "reading the reviews", e))
		return -1;
	cap = 0;
	st = child_stmt(s, STMT_SEN_AGENCY_LIST, sid, cid);
	while ((rc = store_step(st)) == STORE_ROW)
		*PUSH(a, o->agencies, o->nagencies, cap) =
		    (struct sen_agency_row){dup(a, st, 1),
		                            dup(a, st, 2),
		                            dup(a, st, 3),
		                            dup(a, st, 4),
		                            (int)store_col_int(st, 5),
		                            -1};
	if (done(s, st, rc, "reading the agencies", e))
		return -1;
	/* the health visitor: the consent record of the child's page says too */
	for (size_t i = 0; i < o->nagencies; i++)
		if (strcmp(o->agencies[i].agency, "health_visitor") == 0)
			o->agencies[i].consent_on_file =
			    core_consent_in_force(s, sid, cid, "share_health_visitor", day);
	cap = 0;
	st = child_stmt(s, STMT_SEN_LSA_LIST, sid, cid);
	store_bind_text(st, 3, d);
	while ((rc = store_step(st)) == STORE_ROW) {
		*PUSH(a, o->lsa, o->nlsa, cap) = (struct sen_lsa_row){
		    store_col_int(st, 1), dup(a, st, 2), dup(a, st, 4), store_col_double(st, 3)};
		o->lsa_total += store_col_double(st, 3);
	}
	return done(s, st, rc, "reading the LSA hours", e);
}

static int load_behaviour(struct store *s, int64_t sid, int64_t cid, struct arena *a,
                          struct sen_view *o, struct op_error *e)
{
	struct store_stmt *st;
	size_t cap = 0;
	int rc;
	st = child_stmt(s, STMT_BEH_INCIDENT_LIST, sid, cid);
	while ((rc = store_step(st)) == STORE_ROW)
		*PUSH(a, o->incidents, o->nincidents, cap) =
		    (struct beh_incident_row){store_col_int(st, 0), store_col_int(st, 1),
		                              dup(a, st, 2), dup(a, st, 3), dup(a, st, 4)};
	if (done(s, st, rc, "reading the incidents", e))
		return -1;
	cap = 0;
	st = child_stmt(s, STMT_BEH_PLAN_LIST, sid, cid);
	while ((rc = store_step(st)) == STORE_ROW)
		*PUSH(a, o->bplans, o->nbplans, cap) =
		    (struct beh_plan_row){store_col_int(st, 0), dup(a, st, 1), dup(a, st, 2),
		                          dup(a, st, 3),        dup(a, st, 4), dup(a, st, 5)};
	if (done(s, st, rc, "reading the behaviour plans", e))
		return -1;
	cap = 0;
	st = child_stmt(s, STMT_BEH_INTERVENTION_LIST, sid, cid);
	while ((rc = store_step(st)) == STORE_ROW)
		*PUSH(a, o->interventions, o->ninterventions, cap) = (struct beh_intervention_row){
		    dup(a, st, 1), dup(a, st, 2), dup(a, st, 3), dup(a, st, 4)};
	return done(s, st, rc, "reading the interventions", e);
}

int core_sen_load(struct store *s, int64_t setting_id, int64_t child_id, int day, int family,
                  struct arena *a, struct sen_view *out, struct op_error *e)
{
	memset(out, 0, sizeof *out);
	out->status = out->area = out->from = out->notes = "";
	out->liked = out->important = out->support = "";
	if (load_sen(s, setting_id, child_id, day, family, a, out, e))
		return -1;
	return family ? 0 : load_behaviour(s, setting_id, child_id, a, out, e);
}

static const char *child_name(struct arena *a, struct store_stmt *st, int first)
{
	const char *pref = store_col_text(st, first + 2);
	return arena_printf(a, "%s %s", *pref ? pref : store_col_text(st, first),
	                    store_col_text(st, first + 1));
}

int core_sen_register(struct store *s, int64_t setting_id, int day, struct arena *a,
                      struct sen_register_row **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_SEN_REGISTER);
	char d[DATE_LEN];
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	date_format(day, d);
	store_bind_text(st, 1, d);
	store_bind_text(st, 2, d);
	store_bind_int(st, 3, setting_id);
	store_bind_text(st, 4, d);
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *next = dup(a, st, 8);
		*PUSH(a, *out, *n, cap) = (struct sen_register_row){
		    .child_id = store_col_int(st, 0),
		    .child = child_name(a, st, 1),
		    .room = dup(a, st, 4),
		    .status = dup(a, st, 5),
		    .area = dup(a, st, 6),
		    .from = dup(a, st, 7),
		    .next_review = next,
		    .overdue = *next && strcmp(next, d) < 0,
		    .lsa_hours = store_col_double(st, 9),
		};
	}
	return done(s, st, rc, "reading the SEN register", e);
}

int core_beh_overview(struct store *s, int64_t setting_id, int day, int64_t now, struct arena *a,
                      struct beh_count_row **counts, size_t *ncounts, struct beh_due_row **due,
                      size_t *ndue, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_BEH_OVERVIEW_INCIDENTS);
	char d[DATE_LEN], ahead[DATE_LEN];
	size_t cap = 0;
	int rc;
	*counts = NULL;
	*due = NULL;
	*ncounts = *ndue = 0;
	date_format(day, d);
	date_format(day + BEH_DUE_AHEAD_DAYS, ahead);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, now - (int64_t)BEH_WINDOW_DAYS * 86400);
	while ((rc = store_step(st)) == STORE_ROW)
		*PUSH(a, *counts, *ncounts, cap) =
		    (struct beh_count_row){store_col_int(st, 0), child_name(a, st, 1),
		                           dup(a, st, 4), (int)store_col_int(st, 5)};
	if (done(s, st, rc, "counting the incidents", e))
		return -1;
	cap = 0;
	st = store_stmt(s, STMT_BEH_OVERVIEW_DUE);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, ahead);
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *review = dup(a, st, 6);
		*PUSH(a, *due, *ndue, cap) = (struct beh_due_row){store_col_int(st, 0),
		                                                  store_col_int(st, 1),
		                                                  child_name(a, st, 2),
		                                                  dup(a, st, 5),
		                                                  review,
		                                                  strcmp(review, d) < 0};
	}
	return done(s, st, rc, "reading the plans due", e);
}

/* ---- the demo ---- */

struct demo_rec {
	const char *const *raw;
	const struct field_spec *spec;
	size_t n;
};

/* Validate raw against spec (the demo's own values: a failure is a bug). */
static struct field_value *demo_values(struct arena *a, const struct field_spec *spec, size_t n,
                                       const char *const *raw)
{
	struct field_value *v = arena_alloc(a, n * sizeof *v);
	struct field_error fe;
	int bad = valid_record(spec, n, raw, v, a, &fe);
	assert(bad == 0);
	(void)bad;
	return v;
}

#define DEMO_SEN_CHILDREN 4

int core_sen_demo(struct store *s, const struct actor *who, int today, struct op_error *e)
{
	static const char *const need[DEMO_SEN_CHILDREN] = {
	    "communication_interaction", "semh", "sensory_physical", "cognition_learning"};
	static const char *const targets[DEMO_SEN_CHILDREN] = {
	    "To use two-word phrases to ask for a snack or a toy, with Makaton signs.\n"
	    "To take turns in a small group game with an adult's help.",
	    "To stay at an adult-led activity for five minutes.\n"
	    "To use the calm corner when feeling cross, with a visual prompt.",
	    "To climb the low steps to the slide holding the rail.\n"
	    "To use a chunky crayon to make marks.",
	    "To match three colours.\nTo follow a two-step instruction with a picture."};
	int64_t kids[DEMO_SEN_CHILDREN], staff = 0;
	struct store_stmt *st = store_stmt(s, STMT_REC_CHILDREN);
	struct arena a;
	char d[DATE_LEN], from[DATE_LEN], plan_on[DATE_LEN], review[DATE_LEN], past[DATE_LEN];
	size_t n = 0, row = 0;
	int ret = -1, rc;
	int64_t id, base = date_instant(today, 10 * 60, "Europe/London");

	arena_init(&a);
	date_format(today, d);
	/* every seventh child from the fifth: spread over the rooms */
	store_bind_text(st, 1, d);
	store_bind_text(st, 2, d);
	store_bind_int(st, 3, who->setting_id);
	store_bind_text(st, 4, d);
	store_bind_text(st, 5, d);
	while ((rc = store_step(st)) == STORE_ROW && n < DEMO_SEN_CHILDREN) {
		if (row++ % 7 == 4 && store_col_int(st, 7)) {
			if (!staff)
				staff = store_col_int(st, 9);
			kids[n++] = store_col_int(st, 0);
		}
	}
	store_finish(st);
	if (rc != STORE_ROW && rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the demo's children");
		goto out;
	}
	date_format(today - 120, from);
	date_format(today - 60, plan_on);
	date_format(today - 30, past);
	for (size_t i = 0; i < n; i++) {
		int ehcp = i == 1;
		const char *status[SENS__MAX] = {ehcp ? "ehcp" : "sen_support", need[i], from,
		                                 "Identified with the family; see the plan."};
		/* the third child's review is overdue */
		date_format(i == 2 ? today - 3 : today + 14 + 7 * (int)i, review);
		{
			const char *plan[SENP__MAX] = {ehcp ? "ehcp" : "sen_support", plan_on,
			                               review, targets[i], i == 0 ? "yes" : ""};
			const char *agency[SENA__MAX] = {
			    i % 2 ? "educational_psychologist" : "speech_language_therapist",
			    i % 2 ? "Dr Amara Osei" : "Ruth Penhaligon", "01632 960 411", "",
			    "yes"};
			const char *profile[SENO__MAX] = {
			    "My big smile; how I cheer my friends on.",
			    "My blue blanket at sleep time; Mummy's song at drop-off.",
			    "Give me time to answer; show me pictures of what comes next.", "yes"};
			if (core_sen_status_set(
			        s, who, kids[i],
			        demo_values(&a, core_sen_status_fields, SENS__MAX, status), e) ||
			    core_sen_plan_add(
			        s, who, kids[i],
			        demo_values(&a, core_sen_plan_fields, SENP__MAX, plan), &id, e) ||
			    core_sen_agency_add(
			        s, who, kids[i],
			        demo_values(&a, core_sen_agency_fields, SENA__MAX, agency), e))
				goto out;
			if (i == 0 &&
			    core_sen_profile_save(
			        s, who, kids[i],
			        demo_values(&a, core_sen_profile_fields, SENO__MAX, profile), e))
				goto out;
		}
		if (ehcp && staff) {
			const char *lsa[SENL__MAX] = {arena_printf(&a, "%lld", (long long)staff),
			                              "15", from};
			if (core_sen_lsa_add(s, who, kids[i],
			                     demo_values(&a, core_sen_lsa_fields, SENL__MAX, lsa),
			                     e))
				goto out;
		}
	}
	if (n) {
		static const char *const incidents[][3] = {
		    {"Asked to tidy the bricks away for lunch.", "Threw a brick towards a friend.",
		     "Adult named the feeling; moved to the calm corner; returned to help tidy."},
		    {"Another child took the red bike.", "Pushed the child off the bike.",
		     "Both children comforted; turn-taking timer used."},
		    {"Busy transition to the garden.", "Bit a friend's arm (no mark).",
		     "Friend comforted; both families told; first aid not needed."},
		};
		int64_t child = kids[n > 1 ? 1 : 0];
		const char *plan[BEHP__MAX] = {
		    "psp", "Visual timetable; warning before transitions; a job at tidy-up time.",
		    past, review};
		for (size_t k = 0; k < ARRAY_LEN(incidents); k++) {
			const char *inc[BEHI__MAX] = {d, "10:00", incidents[k][0], incidents[k][1],
			                              incidents[k][2]};
			if (core_beh_incident_add(
			        s, who, child, base - (int64_t)(k * 5 + 1) * 86400,
			        demo_values(&a, core_beh_incident_fields, BEHI__MAX, inc), e))
				goto out;
		}
		if (core_beh_plan_add(s, who, child,
		                      demo_values(&a, core_beh_plan_fields, BEHP__MAX, plan), e))
			goto out;
	}
	ret = core_supervision_demo(s, who, today, e);
out:
	arena_free(&a);
	return ret;
}
