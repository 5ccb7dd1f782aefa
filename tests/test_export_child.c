/*
 * test_export_child.c — subject access: `kw export --child ID [--as USER]`
 * through the real binary. Two children of two families each get a record
 * in every kind the setting keeps (tagged ALPHA and BRAVO), and a group
 * observation names both. One child's export holds every kind of their
 * record and nothing of the other child or family; the safeguarding part
 * goes out only when run as the DSL (a manager, or nobody, gets "withheld",
 * saying a part exists); every export is audited, the DSL's with a row of
 * its own; and every table with a child_id column is covered.
 */
#include "support.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_export.h"
#include "store.h"

static void sql(struct store *s, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void sql(struct store *s, const char *fmt, ...)
{
	char q[2048];
	va_list ap;
	struct store_stmt *st;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	st = store_prepare(s, q);
	if (!st)
		fail_msg("%s: %s", q, store_errmsg(s));
	if (store_run(st) != STORE_OK)
		fail_msg("%s: %s", q, store_errmsg(s));
	store_finish(st);
}

static int64_t count_of(const char *db, const char *q)
{
	struct store *s;
	struct store_stmt *st;
	char err[512];
	int64_t n;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, q);
	assert_non_null(st);
	assert_int_equal(store_step(st), STORE_ROW);
	n = store_col_int(st, 0);
	store_finish(st);
	store_close(s);
	return n;
}

static void import_csv(const char *db, const char *kind, const char *csv)
{
	char *path = strdup(t_path("in.csv")), *err = NULL;
	assert_int_equal(t_write_file(path, csv), 0);
	if (t_kw(db, NULL, &err, "import", kind, path, NULL) != 0)
		fail_msg("kw import %s: %s", kind, err);
	free(err);
	free(path);
}

/* A record of every kind for child c of contact k, its words tagged t. */
static void seed(struct store *s, int c, int k, const char *t, int64_t dsl_user)
{
	sql(s,
	    "INSERT INTO booking (setting_id, child_id, date, arrive_min, leave_min, note) "
	    "VALUES (1, %d, '2025-02-03', 480, 900, '%s booking')",
	    c, t);
	sql(s,
	    "INSERT INTO child_absence (setting_id, child_id, date, reason, note, created_at) "
	    "VALUES (1, %d, '2025-02-04', 'illness', '%s absent', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO register_child (setting_id, child_id, date, event, at, note, "
	    "created_at) VALUES (1, %d, '2025-02-05', 'in', 0, '%s in', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO handover_message (setting_id, child_id, for_date, text, created_at) "
	    "VALUES (1, %d, '2025-02-05', '%s message', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO diary_entry (setting_id, child_id, date, kind, detail, created_at) "
	    "VALUES (1, %d, '2025-02-05', 'meal', '%s lunch', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO observation (setting_id, author_staff_id, date, text, created_at) "
	    "VALUES (1, 1, '2025-02-06', '%s observed', 0)",
	    t);
	sql(s,
	    "INSERT INTO observation_child (setting_id, observation_id, child_id) "
	    "SELECT 1, max(id), %d FROM observation",
	    c);
	sql(s, "INSERT INTO observation_area (setting_id, observation_id, area_code) "
	       "SELECT 1, max(id), 'CL' FROM observation");
	sql(s, "INSERT INTO observation_photo (setting_id, observation_id, mime, bytes) "
	       "SELECT 1, max(id), 'image/png', x'89504e47' FROM observation");
	sql(s,
	    "INSERT INTO observation_reply (setting_id, observation_id, contact_id, text, "
	    "created_at) SELECT 1, max(id), %d, '%s reply', 0 FROM observation",
	    k, t);
	sql(s,
	    "INSERT INTO weekly_update (setting_id, child_id, week_start, text) "
	    "VALUES (1, %d, '2025-02-03', '%s weekly')",
	    c, t);
	sql(s,
	    "INSERT INTO two_year_check (setting_id, child_id, date, strengths, created_at) "
	    "VALUES (1, %d, '2025-02-05', '%s strengths', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO progress_meeting (setting_id, child_id, at, notes) "
	    "VALUES (1, %d, 0, '%s meeting')",
	    c, t);
	sql(s,
	    "INSERT INTO portal_message (setting_id, child_id, contact_id, text, created_at) "
	    "VALUES (1, %d, %d, '%s hello', 0)",
	    c, k, t);
	sql(s,
	    "INSERT INTO child_about (setting_id, child_id, likes, created_at) "
	    "VALUES (1, %d, '%s likes', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO settling_visit (setting_id, child_id, date, start_min, end_min, "
	    "notes, created_at) VALUES (1, %d, '2025-01-02', 600, 660, '%s visit', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO planned_experience (setting_id, child_id, planned_for, text, "
	    "created_at) VALUES (1, %d, '2025-02-10', '%s planned', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO transition (setting_id, child_id, kind, date, handover_note, "
	    "created_at) VALUES (1, %d, 'room_move', '2025-03-01', '%s handover', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO transition_visit (setting_id, transition_id, date, start_min, "
	    "end_min, notes, created_at) SELECT 1, max(id), '2025-02-20', 600, 660, "
	    "'%s new room', 0 FROM transition",
	    t);
	sql(s,
	    "INSERT INTO sen_record (setting_id, child_id, status, from_date, notes) "
	    "VALUES (1, %d, 'sen_support', '2025-01-06', '%s sen')",
	    c, t);
	sql(s,
	    "INSERT INTO sen_plan (setting_id, child_id, created_on, targets) "
	    "VALUES (1, %d, '2025-01-06', '%s targets')",
	    c, t);
	sql(s,
	    "INSERT INTO sen_agency (setting_id, child_id, agency, contact_name) "
	    "VALUES (1, %d, 'health_visitor', '%s visitor')",
	    c, t);
	sql(s,
	    "INSERT INTO lsa_hours (setting_id, child_id, staff_id, hours_per_week, "
	    "from_date) VALUES (1, %d, 1, 5, '2025-01-06')",
	    c);
	sql(s,
	    "INSERT INTO sen_profile (setting_id, child_id, liked, updated_at) "
	    "VALUES (1, %d, '%s liked', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO plan_review (setting_id, plan_kind, plan_id, child_id, reviewed_on, "
	    "outcome, created_at) SELECT 1, 'sen', max(id), %d, '2025-02-01', '%s review', 0 "
	    "FROM sen_plan",
	    c, t);
	sql(s,
	    "INSERT INTO behaviour_incident (setting_id, child_id, occurred_at, behaviour, "
	    "created_at) VALUES (1, %d, 0, '%s behaviour', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO behaviour_plan (setting_id, child_id, kind, strategies, start_date) "
	    "VALUES (1, %d, 'psp', '%s strategies', '2025-01-06')",
	    c, t);
	sql(s,
	    "INSERT INTO behaviour_intervention (setting_id, child_id, what, start_date, "
	    "created_at) VALUES (1, %d, '%s nurture group', '2025-01-06', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO accident (setting_id, child_id, occurred_at, what_happened, "
	    "created_at) VALUES (1, %d, 0, '%s bumped knee', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO medicine_permission (setting_id, child_id, medicine, dose, "
	    "contact_id, from_date, until_date) VALUES (1, %d, '%s syrup', '5 ml', %d, "
	    "'2025-02-01', '2025-02-07')",
	    c, t, k);
	sql(s, "INSERT INTO medicine_dose (setting_id, permission_id, given_at, dose, "
	       "given_by_staff_id, witness_staff_id) SELECT 1, max(id), 0, '5 ml', 1, 2 FROM "
	       "medicine_permission");
	sql(s, "INSERT INTO supervision (setting_id, staff_id, date, notes) "
	       "VALUES (1, 1, '2025-02-01', 'notes about the room')");
	sql(s,
	    "INSERT INTO supervision_child (setting_id, supervision_id, child_id) "
	    "SELECT 1, max(id), %d FROM supervision",
	    c);
	/* contract, funding, diet, morning note, review date, programme (issue 9) */
	sql(s,
	    "INSERT INTO contract (setting_id, child_id, start_date, fee_basis, notes, "
	    "review_on, created_at, updated_at) VALUES (1, %d, '2025-01-06', 'hour', "
	    "'%s contract', '2026-01-06', 0, 0)",
	    c, t);
	sql(s,
	    "INSERT INTO child_funding (setting_id, child_id, kind, eligibility_code, "
	    "recorded_on, starts_on, created_at) VALUES (1, %d, 'universal_15', '%s code', "
	    "'2025-01-06', '2025-04-01', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO child_diet (setting_id, child_id, allergens, diets, updated_at) "
	    "VALUES (1, %d, 3, 1, 0)",
	    c);
	sql(s,
	    "INSERT INTO health_note (setting_id, child_id, date, text, created_at) "
	    "VALUES (1, %d, '2025-02-03', '%s teething', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO hv_review (setting_id, child_id, review_on, entered_as, updated_at) "
	    "VALUES (1, %d, '2025-06-01', 'family', 0)",
	    c);
	sql(s,
	    "INSERT INTO sen_programme (setting_id, child_id, plan_id, professional, target, "
	    "delivered_by, how_often, created_at) SELECT 1, %d, max(id), "
	    "'speech_language_therapist', '%s programme', 'key person', 'daily', 0 FROM sen_plan "
	    "WHERE child_id = %d",
	    c, t, c);
	sql(s,
	    "INSERT INTO outbox (setting_id, created_at, channel, contact_id, child_id, "
	    "subject, body) VALUES (1, 0, 'portal', %d, %d, '%s subject', '%s body')",
	    k, c, t, t);
	sql(s,
	    "INSERT INTO contact_change (setting_id, contact_id, phone, created_at) "
	    "VALUES (1, %d, '%s phone', 0)",
	    k, t);
	sql(s,
	    "INSERT INTO consent (setting_id, child_id, kind, given, contact_id, given_on, "
	    "note) VALUES (1, %d, 'outings', 1, %d, '2025-01-06', '%s outings')",
	    c, k, t);
	sql(s, "UPDATE contact SET collection_password_hash = '%s secret' WHERE id = %d", t, k);
	sql(s,
	    "INSERT INTO concern (setting_id, child_id, reported_by_name, occurred_at, "
	    "seen_heard, created_at) VALUES (1, %d, 'Amy', 0, '%s concern', 0)",
	    c, t);
	sql(s,
	    "INSERT INTO concern_addendum (setting_id, concern_id, kind, text, by_name, "
	    "created_at) SELECT 1, max(id), 'referral', '%s addendum', 'DSL', 0 FROM concern",
	    t);
	sql(s,
	    "INSERT INTO concern_seen (setting_id, concern_id, user_id, at) "
	    "SELECT 1, max(id), %lld, 0 FROM concern",
	    (long long)dsl_user);
}

static char *fixture(void)
{
	char *db = strdup(t_path("sar.db"));
	struct store *s;
	char err[512];
	int64_t dsl;
	assert_int_equal(t_kw(db, NULL, NULL, "init", "--setting", "Little Acorns", NULL), 0);
	import_csv(db, "rooms", "name,age_min_months,age_max_months\nToddlers,0,60\n");
	import_csv(db, "staff",
	           "id,name,rooms,qualification,key_person\n"
	           "S01,Amy Jones,Toddlers,3,yes\nS02,Ben Khan,Toddlers,2,yes\n");
	import_csv(db, "children",
	           "id,first_name,last_name,date_of_birth,room,start_date,key_person,buddy,mon\n"
	           "C001,Zoe,Smith,2023-03-01,Toddlers,2025-01-06,S01,S02,08:00-15:00\n"
	           "C002,Lukasz,Nowak,2023-06-01,Toddlers,2025-01-06,S02,S01,08:00-15:00\n"
	           "C003,Ava,Patel,2023-01-01,Toddlers,2025-01-06,S01,S02,08:00-15:00\n");
	import_csv(db, "contacts",
	           "child,name,relationship,parental_responsibility,may_collect\n"
	           "C001,Jo Smith,mother,yes,yes\nC002,Anna Nowak,mother,yes,yes\n"
	           "C003,Raj Patel,father,yes,yes\n");
	assert_int_equal(t_kw(db, NULL, NULL, "user", "add", "lead", "--role", "dsl", NULL), 0);
	assert_int_equal(t_kw(db, NULL, NULL, "user", "add", "boss", "--role", "manager", NULL), 0);
	dsl = count_of(db, "SELECT id FROM app_user WHERE username = 'lead'");
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(store_begin(s), STORE_OK);
	seed(s, 1, 1, "ALPHA", dsl);
	seed(s, 2, 2, "BRAVO", dsl);
	/* A group observation of both, with a reply from each family. */
	sql(s, "INSERT INTO observation (setting_id, author_staff_id, date, text, created_at) "
	       "VALUES (1, 1, '2025-02-07', 'GROUP observed at the water tray', 0)");
	sql(s, "INSERT INTO observation_child (setting_id, observation_id, child_id) "
	       "SELECT 1, max(id), 1 FROM observation UNION ALL "
	       "SELECT 1, max(id), 2 FROM observation");
	sql(s, "INSERT INTO observation_reply (setting_id, observation_id, contact_id, text, "
	       "created_at) SELECT 1, max(id), 1, 'ALPHA group reply', 0 FROM observation "
	       "UNION ALL SELECT 1, max(id), 2, 'BRAVO group reply', 0 FROM observation");
	assert_int_equal(store_commit(s), STORE_OK);
	store_close(s);
	return db;
}

static json_t *export_child(const char *db, const char *child, const char *as, char **text)
{
	char *out = NULL, *err = NULL;
	json_error_t jerr;
	json_t *doc;
	int rc = as ? t_kw(db, &out, &err, "export", "--child", child, "--as", as, NULL)
	            : t_kw(db, &out, &err, "export", "--child", child, NULL);
	if (rc != 0)
		fail_msg("kw export --child %s failed (%d): %s", child, rc, err);
	doc = json_loads(out, 0, &jerr);
	if (!doc)
		fail_msg("not JSON: %s", jerr.text);
	*text = out;
	free(err);
	return doc;
}

/* Every "child_id" anywhere in v is child. */
static void assert_only_child(json_t *v, json_int_t child)
{
	const char *key;
	json_t *x;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach (v, key, x) {
			if (strcmp(key, "child_id") == 0 && json_is_integer(x) &&
			    json_integer_value(x) != child)
				fail_msg("a row of child %lld in child %lld's export",
				         (long long)json_integer_value(x), (long long)child);
			assert_only_child(x, child);
		}
	} else if (json_is_array(v)) {
		json_array_foreach (v, i, x)
			assert_only_child(x, child);
	}
}

static void assert_lacks(const char *text, const char *what)
{
	if (strstr(text, what))
		fail_msg("\"%s\" in the export", what);
}

static void test_export_child_holds_everything_of_the_child_and_nothing_of_another(void **st)
{
	char *db = fixture(), *text;
	json_t *doc = export_child(db, "1", NULL, &text), *records, *rows;
	const char *key;
	UNUSED(st);
	assert_string_equal(json_string_value(json_object_get(doc, "format")),
	                    SUBJECT_ACCESS_FORMAT);
	records = json_object_get(doc, "records");
	/* Every kind of record the child has is there. */
	json_object_foreach (records, key, rows) {
		if (strcmp(key, "audit_log") == 0)
			continue; /* the audit of the child: its rows come with use (below) */
		if (json_array_size(rows) == 0)
			fail_msg("no %s in the export, though the child has one", key);
	}
	assert_true(json_object_size(records) >= 40);
	/* ... and each of the tagged records by its words. */
	static const char *const alpha[] = {
	    "ALPHA booking",   "ALPHA absent",    "ALPHA in",          "ALPHA message",
	    "ALPHA lunch",     "ALPHA observed",  "ALPHA reply",       "ALPHA weekly",
	    "ALPHA strengths", "ALPHA meeting",   "ALPHA hello",       "ALPHA likes",
	    "ALPHA visit",     "ALPHA planned",   "ALPHA handover",    "ALPHA new room",
	    "ALPHA sen",       "ALPHA targets",   "ALPHA visitor",     "ALPHA liked",
	    "ALPHA review",    "ALPHA behaviour", "ALPHA strategies",  "ALPHA nurture",
	    "ALPHA bumped",    "ALPHA syrup",     "ALPHA subject",     "ALPHA phone",
	    "ALPHA outings",   "GROUP observed",  "ALPHA group reply", "Jo Smith",
	};
	for (size_t i = 0; i < ARRAY_LEN(alpha); i++)
		if (!strstr(text, alpha[i]))
			fail_msg("\"%s\" missing from the export", alpha[i]);
	/* Nothing of the other child or their family, not even in the group
	 * observation; no collection password; photos described, not sent. */
	assert_only_child(doc, 1);
	assert_lacks(text, "BRAVO");
	assert_lacks(text, "Nowak");
	assert_lacks(text, "Lukasz");
	assert_lacks(text, "Patel");
	assert_lacks(text, "secret");
	assert_lacks(text, "collection_password_hash");
	rows = json_object_get(records, "observation_photo");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 0), "size")), 4);
	assert_null(json_object_get(json_array_get(rows, 0), "bytes"));
	assert_int_equal(json_array_size(json_object_get(records, "observation_child")), 2);
	/* The safeguarding part is withheld, and said to exist. */
	assert_false(
	    json_is_true(json_object_get(json_object_get(doc, "safeguarding"), "included")));
	assert_non_null(strstr(
	    json_string_value(json_object_get(json_object_get(doc, "safeguarding"), "withheld")),
	    "exists and is withheld"));
	assert_lacks(text, "ALPHA concern");
	assert_lacks(text, "ALPHA addendum");
	assert_null(json_object_get(records, "concern"));
	json_decref(doc);
	free(text);
	free(db);
	t_cleanup();
}

static void test_safeguarding_part_only_for_the_dsl(void **st)
{
	char *db = fixture(), *text;
	json_t *doc, *part;
	UNUSED(st);
	/* A manager is not the DSL. */
	doc = export_child(db, "1", "boss", &text);
	part = json_object_get(doc, "safeguarding");
	assert_false(json_is_true(json_object_get(part, "included")));
	assert_lacks(text, "ALPHA concern");
	json_decref(doc);
	free(text);
	/* The DSL gets concerns, addenda, who opened them. */
	doc = export_child(db, "1", "lead", &text);
	part = json_object_get(doc, "safeguarding");
	assert_true(json_is_true(json_object_get(part, "included")));
	assert_int_equal(json_array_size(json_object_get(part, "concern")), 1);
	assert_int_equal(json_array_size(json_object_get(part, "concern_addendum")), 1);
	assert_int_equal(json_array_size(json_object_get(part, "concern_seen")), 1);
	assert_non_null(strstr(text, "ALPHA concern"));
	assert_non_null(strstr(text, "ALPHA addendum"));
	assert_lacks(text, "BRAVO");
	assert_only_child(doc, 1);
	json_decref(doc);
	free(text);
	/* A child with no concern: nothing withheld. */
	doc = export_child(db, "3", NULL, &text);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(doc, "safeguarding"), "withheld")),
	    "there is none");
	json_decref(doc);
	free(text);
	free(db);
	t_cleanup();
}

static void test_export_child_is_audited_and_the_dsl_export_apart(void **st)
{
	char *db = fixture(), *text;
	json_t *doc;
	UNUSED(st);
	doc = export_child(db, "1", NULL, &text);
	json_decref(doc);
	free(text);
	doc = export_child(db, "1", "lead", &text);
	json_decref(doc);
	free(text);
	assert_int_equal(count_of(db, "SELECT count(*) FROM audit_log WHERE action = "
	                              "'export.child' AND child_id = 1"),
	                 2);
	assert_int_equal(count_of(db,
	                          "SELECT count(*) FROM audit_log WHERE action = "
	                          "'concern.export' AND object_kind = 'concern' AND child_id = 1 "
	                          "AND actor LIKE '% as lead' AND user_id = (SELECT id FROM "
	                          "app_user WHERE username = 'lead')"),
	                 1);
	/* The next export lists those reads among the child's audit rows; the
	 * DSL's own row stays in the safeguarding part. */
	doc = export_child(db, "1", NULL, &text);
	assert_int_equal(
	    json_array_size(json_object_get(json_object_get(doc, "records"), "audit_log")),
	    count_of(db, "SELECT count(*) FROM audit_log WHERE child_id = 1 AND "
	                 "action NOT LIKE 'concern.%'") -
	        1);
	assert_lacks(text, "concern.export");
	json_decref(doc);
	free(text);
	{
		char *out = NULL;
		assert_int_equal(t_kw(db, &out, NULL, "check", NULL), 0);
		free(out);
	}
	free(db);
	t_cleanup();
}

static void test_export_child_refuses_unknown_child_user_and_bad_usage(void **st)
{
	char *db = fixture(), *before, *after;
	UNUSED(st);
	before = t_fingerprint(db);
	assert_int_equal(t_kw(db, NULL, NULL, "export", "--child", "999", NULL), 1);
	assert_int_equal(t_kw(db, NULL, NULL, "export", "--child", "1", "--as", "nobody", NULL), 1);
	assert_int_equal(t_kw(db, NULL, NULL, "export", "--as", "lead", NULL), 2);
	assert_int_equal(t_kw(db, NULL, NULL, "export", "--child", "x", NULL), 2);
	after = t_fingerprint(db);
	assert_string_equal(before, after); /* refused exports write nothing */
	free(before);
	free(after);
	free(db);
	t_cleanup();
}

static void test_every_table_with_a_child_id_is_in_the_subject_access_export(void **st)
{
	char *db = strdup(t_path("cover.db")), err[512];
	struct store *s;
	struct store_stmt *q;
	UNUSED(st);
	assert_int_equal(t_kw(db, NULL, NULL, "init", NULL), 0);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	q = store_prepare(s, "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c "
	                     "WHERE m.type = 'table' AND c.name = 'child_id' ORDER BY 1");
	assert_non_null(q);
	while (store_step(q) == STORE_ROW)
		if (core_export_child_covers(store_col_text(q, 0)) < 0)
			fail_msg("table %s has a child_id but the subject access export does not "
			         "know it (add it to child_tables[] in core_export.c)",
			         store_col_text(q, 0));
	store_finish(q);
	store_close(s);
	free(db);
	t_cleanup();
}

static int cleanup(void **st)
{
	UNUSED(st);
	t_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_export_child_holds_everything_of_the_child_and_nothing_of_another),
	    cmocka_unit_test_teardown(test_safeguarding_part_only_for_the_dsl, cleanup),
	    cmocka_unit_test_teardown(test_export_child_is_audited_and_the_dsl_export_apart,
	                              cleanup),
	    cmocka_unit_test_teardown(test_export_child_refuses_unknown_child_user_and_bad_usage,
	                              cleanup),
	    cmocka_unit_test_teardown(
	        test_every_table_with_a_child_id_is_in_the_subject_access_export, cleanup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
