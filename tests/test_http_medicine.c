/*
 * test_http_medicine.c — medicines through http_handle(): a member of staff
 * of the room records a paper permission and a dose, refused (422 naming
 * the field) when the witness is the giver or the permission has ended; the
 * due-now list of a room names the child and their key person an hour
 * ahead and not before; a parent gives permission in the portal and
 * acknowledges a dose of their own child, in their language, and never sees
 * or acknowledges another family's; another setting's children and doses
 * answer 404 (its demo has medicines of its own); reads leave audit rows.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_demo.h"
#include "web.h"

#define START "2026-03-02"
#define TODAY "2026-03-04"

static struct server srv;

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct demo_options o = {.children = 30, .another = 1, .setting_name = "Otherside Nursery"};
	struct demo_summary sum;
	char err[512];
	const char *db;
	(void)state;
	db = th_demo(&srv, "medicine.db", START, TODAY, TH_API_JSON);
	/* a second setting in the same database, with its own medicines */
	assert_int_equal(date_parse(START, &o.start), 0);
	o.staff = core_demo_default_staff(o.children);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) || core_tx_commit(s, &e))
		fail_msg("the second setting: %s", e.msg);
	store_close(s);
	th_add_demo_users("admin", "manager", "keyperson", "senco", "parent", NULL);
	th_serve();
	return 0;
}

static const char *path_of(const char *before, int64_t id, const char *after)
{
	static char p[160];
	snprintf(p, sizeof p, "%s%lld%s", before, (long long)id, after);
	return p;
}

static int64_t s04(void)
{
	return th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S04'");
}

/* A child of S04's rooms who comes on Wednesdays and has no medicine yet. */
static int64_t room_child(int k)
{
	return th_db_int("SELECT c.id FROM child c JOIN staff_room sr ON sr.room_id = c.room_id "
	                 "JOIN child_attendance ca ON ca.child_id = c.id AND ca.weekday = 2 "
	                 "WHERE sr.staff_id = %lld AND c.id NOT IN (SELECT child_id FROM "
	                 "medicine_permission) AND c.family_id <> (SELECT family_id FROM contact "
	                 "WHERE id = 1) ORDER BY c.id LIMIT 1 OFFSET %d",
	                 (long long)s04(), k);
}

/* Another member of staff of the child's room (the witness). */
static int64_t colleague(int64_t child)
{
	return th_db_int(
	    "SELECT sr.staff_id FROM staff_room sr JOIN child c ON c.room_id = "
	    "sr.room_id WHERE c.id = %lld AND sr.staff_id <> %lld ORDER BY sr.staff_id "
	    "LIMIT 1",
	    (long long)child, (long long)s04());
}

static int64_t pr_contact(int64_t child)
{
	return th_db_int("SELECT k.id FROM contact k JOIN child c ON c.family_id = k.family_id "
	                 "WHERE c.id = %lld AND k.parental_responsibility = 1 AND "
	                 "k.restriction = 'none' ORDER BY k.id LIMIT 1",
	                 (long long)child);
}

static int64_t own_child(void)
{
	return th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                 "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
}

static int post(const char *cookie, const char *path, const char *fields, struct th_reply *out)
{
	struct th_reply r = th_post(cookie, path, fields);
	int st = r.status;
	if (out)
		*out = r;
	else
		th_reply_free(&r);
	return st;
}

/* A paper permission for child (times "12:00" or "" for when needed). */
static int64_t paper_permission(const char *cookie, int64_t child, const char *medicine,
                                const char *times, const char *until)
{
	char f[512];
	snprintf(f, sizeof f,
	         "form=permission&medicine=%s&dose=2+puffs&times=%s&when_needed=%s&reason=%s&"
	         "min_interval_hours=%s&from_date=2026-03-01&until_date=%s&contact=%lld&"
	         "signed_on=2026-02-28",
	         medicine, times, *times ? "" : "yes", *times ? "" : "wheezing", *times ? "" : "4",
	         until, (long long)pr_contact(child));
	assert_int_equal(
	    post(cookie, path_of("/children/", child, "/medicines/permissions"), f, NULL), 303);
	return th_db_int("SELECT max(id) FROM medicine_permission WHERE child_id = %lld",
	                 (long long)child);
}

static int give(const char *cookie, int64_t child, int64_t perm, const char *date, const char *time,
                int64_t witness, struct th_reply *out)
{
	char f[256];
	snprintf(f, sizeof f,
	         "form=dose&permission=%lld&date=%s&time=%s&dose=2+puffs&given_by=%lld&"
	         "witness=%lld&notes=Calm",
	         (long long)perm, date, time, (long long)s04(), (long long)witness);
	return post(cookie, path_of("/children/", child, "/medicines/doses"), f, out);
}

static void test_staff_record_a_paper_permission_and_a_witnessed_dose(void **state)
{
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = room_child(0), perm, before;
	struct th_reply r;
	(void)state;
	perm = paper_permission(kp, child, "Salbutamol", "12:00", "2026-03-31");
	before = th_db_int("SELECT count(*) FROM medicine_dose");
	/* the giver is not their own witness: 422 naming the field, nothing written */
	assert_int_equal(give(kp, child, perm, TODAY, "12:00", s04(), &r), 422);
	th_assert_contains(r.body, "id=\"witness-error\"");
	th_assert_contains(r.body, "another member of staff");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM medicine_dose"), before);
	assert_int_equal(give(kp, child, perm, TODAY, "12:00", colleague(child), NULL), 303);
	assert_int_equal(th_db_int("SELECT count(*) FROM medicine_dose WHERE permission_id = %lld "
	                           "AND witness_staff_id = %lld",
	                           (long long)perm, (long long)colleague(child)),
	                 1);
	before = th_db_int("SELECT count(*) FROM audit_log WHERE action = 'medicine.view' AND "
	                   "child_id = %lld",
	                   (long long)child);
	r = th_get(kp, path_of("/children/", child, "/medicines"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Salbutamol");
	th_assert_contains(r.body, TODAY " 12:00");
	th_assert_contains(r.body, "on paper");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'medicine.view' "
	                           "AND child_id = %lld",
	                           (long long)child),
	                 before + 1);
	free(kp);
}

static void test_a_dose_after_the_permission_ended_is_refused_with_the_reason(void **state)
{
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = room_child(1), perm;
	struct th_reply r;
	(void)state;
	perm = paper_permission(kp, child, "Piriton", "09:00", "2026-03-03");
	assert_int_equal(give(kp, child, perm, TODAY, "09:00", colleague(child), &r), 422);
	/* named in the alert (the form is not offered any more: nothing in force) */
	th_assert_contains(r.body, "date: the permission for Piriton ended on 2026-03-03");
	th_reply_free(&r);
	/* the page no longer offers it for a dose, and says it has ended */
	r = th_get(kp, path_of("/children/", child, "/medicines"), NULL);
	th_assert_contains(r.body, "Ended: can no longer be used");
	th_assert_contains(r.body, "No permission in force today");
	th_reply_free(&r);
	free(kp);
}

static void test_the_due_now_list_names_the_child_and_key_person(void **state)
{
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = room_child(2), room, perm;
	char *name, *key, q[128];
	struct th_reply r;
	(void)state;
	perm = paper_permission(kp, child, "Montelukast", "13:00", "2026-03-31");
	(void)perm;
	room = th_db_int("SELECT room_id FROM child WHERE id = %lld", (long long)child);
	name = th_db_text("SELECT coalesce(nullif(preferred_name, ''), first_name) FROM child "
	                  "WHERE id = %lld",
	                  (long long)child);
	key = th_db_text("SELECT s.name FROM key_assignment k JOIN staff s ON s.id = "
	                 "k.primary_staff_id WHERE k.child_id = %lld AND k.to_date IS NULL",
	                 (long long)child);
	snprintf(q, sizeof q, "room=%lld&date=" TODAY "&time=12:00", (long long)room);
	r = th_get(kp, "/medicines", q);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Montelukast");
	th_assert_contains(r.body, name);
	th_assert_contains(r.body, key);
	th_reply_free(&r);
	snprintf(q, sizeof q, "room=%lld&date=" TODAY "&time=11:59", (long long)room);
	r = th_get(kp, "/medicines", q);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "Montelukast");
	th_reply_free(&r);
	snprintf(q, sizeof q, "room=%lld&date=" TODAY "&time=13:01", (long long)room);
	r = th_get(kp, "/api/v1/medicines/due", q);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "\"overdue\":true");
	th_assert_contains(r.body, "Montelukast");
	th_reply_free(&r);
	/* another setting's room: as if there were none */
	snprintf(q, sizeof q, "room=%lld",
	         (long long)th_db_int("SELECT min(id) FROM room WHERE setting_id = 2"));
	r = th_get(kp, "/medicines", q);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	free(name);
	free(key);
	free(kp);
}

static void test_a_parent_gives_permission_and_acknowledges_their_childs_dose(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *kp = th_signin("manager", "demo-manager-2026");
	int64_t child = own_child(), perm, dose, witness;
	struct th_reply r;
	char f[64];
	(void)state;
	assert_int_equal(post(p, path_of("/family/children/", child, "/medicines"),
	                      "medicine=Amoxicillin&dose=5+ml&times=09:00,+15:00&"
	                      "from_date=2026-03-04&until_date=2026-03-10&prescribed=yes",
	                      NULL),
	                 303);
	perm = th_db_int("SELECT id FROM medicine_permission WHERE child_id = %lld AND medicine = "
	                 "'Amoxicillin' AND source = 'portal' AND contact_id = 1 AND "
	                 "times = '09:00,15:00' AND signed_on = '" TODAY "'",
	                 (long long)child);
	assert_true(perm > 0);
	/* incomplete: 422 in the family's words, nothing written */
	assert_int_equal(
	    post(p, path_of("/family/children/", child, "/medicines"),
	         "medicine=Calpol&dose=5+ml&from_date=2026-03-04&until_date=2026-03-10", NULL),
	    422);
	witness = th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S02'");
	snprintf(f, sizeof f, "&witness=%lld", (long long)witness);
	{
		char fields[256];
		snprintf(fields, sizeof fields,
		         "form=dose&permission=%lld&date=" TODAY
		         "&time=09:05&dose=5+ml&given_by=%lld"
		         "%s",
		         (long long)perm,
		         (long long)th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND "
		                              "code = 'S01'"),
		         f);
		assert_int_equal(
		    post(kp, path_of("/children/", child, "/medicines/doses"), fields, NULL), 303);
	}
	dose = th_db_int("SELECT max(id) FROM medicine_dose WHERE permission_id = %lld",
	                 (long long)perm);
	r = th_get(p, path_of("/family/children/", child, "/medicines"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Amoxicillin");
	th_assert_contains(r.body, "I have seen this dose");
	th_reply_free(&r);
	snprintf(f, sizeof f, "dose=%lld", (long long)dose);
	assert_int_equal(post(p, path_of("/family/children/", child, "/medicines/acks"), f, NULL),
	                 303);
	assert_int_equal(th_db_int("SELECT count(*) FROM medicine_dose WHERE id = %lld AND "
	                           "parent_ack_how = 'portal' AND parent_ack_at IS NOT NULL",
	                           (long long)dose),
	                 1);
	/* once only */
	assert_int_equal(post(p, path_of("/family/children/", child, "/medicines/acks"), f, NULL),
	                 409);
	/* in Polish: the family's language throughout */
	assert_int_equal(post(p, "/family/language", "language=pl&back=/family", NULL), 303);
	r = th_get(p, path_of("/family/children/", child, "/medicines"), NULL);
	th_assert_contains(r.body, "Podane dawki");
	th_assert_lacks(r.body, "Doses given");
	th_assert_lacks(r.body, "Give permission");
	th_reply_free(&r);
	assert_int_equal(post(p, "/family/language", "language=en&back=/family", NULL), 303);
	free(p);
	free(kp);
}

static void test_a_parent_never_sees_or_acknowledges_another_familys_medicine(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	int64_t other = room_child(3), own = own_child(), perm, dose;
	struct th_reply r;
	char f[64];
	(void)state;
	perm = paper_permission(kp, other, "Secretmedicinename", "12:00", "2026-03-31");
	assert_int_equal(give(kp, other, perm, TODAY, "12:00", colleague(other), NULL), 303);
	dose = th_db_int("SELECT max(id) FROM medicine_dose WHERE permission_id = %lld",
	                 (long long)perm);
	r = th_get(p, path_of("/family/children/", other, "/medicines"), NULL);
	assert_int_equal(r.status, 404);
	th_assert_lacks(r.body, "Secretmedicinename");
	th_reply_free(&r);
	r = th_get(p, path_of("/api/v1/children/", other, "/medicines"), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_get(p, path_of("/family/children/", own, "/medicines"), NULL);
	th_assert_lacks(r.body, "Secretmedicinename");
	th_reply_free(&r);
	/* the other family's dose, through the other child or their own */
	snprintf(f, sizeof f, "dose=%lld", (long long)dose);
	assert_int_equal(post(p, path_of("/family/children/", other, "/medicines/acks"), f, NULL),
	                 404);
	assert_int_equal(post(p, path_of("/family/children/", own, "/medicines/acks"), f, NULL),
	                 404);
	/* nor give permission for their child */
	assert_int_equal(post(p, path_of("/family/children/", other, "/medicines"),
	                      "medicine=X&dose=1&times=12:00&from_date=2026-03-04&"
	                      "until_date=2026-03-05",
	                      NULL),
	                 404);
	assert_int_equal(th_db_int("SELECT count(*) FROM medicine_dose WHERE id = %lld AND "
	                           "parent_ack_at IS NOT NULL",
	                           (long long)dose),
	                 0);
	assert_int_equal(th_db_int("SELECT count(*) FROM medicine_permission WHERE medicine = 'X'"),
	                 0);
	free(p);
	free(kp);
}

static void test_another_settings_children_and_doses_answer_404(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t child = th_db_int("SELECT p.child_id FROM medicine_permission p WHERE "
	                          "p.setting_id = 2 ORDER BY p.id LIMIT 1");
	int64_t dose = th_db_int("SELECT min(id) FROM medicine_dose WHERE setting_id = 2 AND "
	                         "parent_ack_at IS NULL");
	int64_t mine = room_child(0);
	struct th_reply r;
	char f[64];
	(void)state;
	assert_true(child > 0 && dose > 0);
	r = th_get(m, path_of("/children/", child, "/medicines"), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_get(m, path_of("/api/v1/children/", child, "/medicines"), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	snprintf(f, sizeof f, "dose=%lld&by=Someone", (long long)dose);
	assert_int_equal(post(m, path_of("/children/", child, "/medicines/acks"), f, NULL), 404);
	/* setting 2's dose through one of setting 1's own children */
	assert_int_equal(post(m, path_of("/children/", mine, "/medicines/acks"), f, NULL), 404);
	assert_int_equal(
	    th_db_int("SELECT parent_ack_at IS NULL FROM medicine_dose WHERE id = %lld",
	              (long long)dose),
	    1);
	free(m);
}

static void test_the_api_records_a_witnessed_dose_and_lists_it(void **state)
{
	char *kp = th_signin("keyperson", "demo-keyperson-2026"), *csrf = th_csrf_of(kp);
	int64_t child = room_child(4), perm;
	char body[256];
	struct th_reply r;
	(void)state;
	perm = paper_permission(kp, child, "Cetirizine", "08:00", "2026-03-31");
	snprintf(body, sizeof body,
	         "{\"permission\": %lld, \"date\": \"" TODAY "\", \"time\": \"08:05\", "
	         "\"dose\": \"5 ml\", \"given_by\": %lld, \"witness\": %lld}",
	         (long long)perm, (long long)s04(), (long long)s04());
	r = th_request_csrf("POST", path_of("/api/v1/children/", child, "/medicines/doses"), NULL,
	                    csrf, kp, "application/json", body);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "witness");
	th_reply_free(&r);
	snprintf(body, sizeof body,
	         "{\"permission\": %lld, \"date\": \"" TODAY "\", \"time\": \"08:05\", "
	         "\"dose\": \"5 ml\", \"given_by\": %lld, \"witness\": %lld}",
	         (long long)perm, (long long)s04(), (long long)colleague(child));
	r = th_request_csrf("POST", path_of("/api/v1/children/", child, "/medicines/doses"), NULL,
	                    csrf, kp, "application/json", body);
	assert_int_equal(r.status, 201);
	th_reply_free(&r);
	r = th_get(kp, path_of("/api/v1/children/", child, "/medicines"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Cetirizine");
	th_assert_contains(r.body, TODAY " 08:05");
	th_reply_free(&r);
	free(csrf);
	free(kp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_staff_record_a_paper_permission_and_a_witnessed_dose),
	    cmocka_unit_test(test_a_dose_after_the_permission_ended_is_refused_with_the_reason),
	    cmocka_unit_test(test_the_due_now_list_names_the_child_and_key_person),
	    cmocka_unit_test(test_a_parent_gives_permission_and_acknowledges_their_childs_dose),
	    cmocka_unit_test(test_a_parent_never_sees_or_acknowledges_another_familys_medicine),
	    cmocka_unit_test(test_another_settings_children_and_doses_answer_404),
	    cmocka_unit_test(test_the_api_records_a_witnessed_dose_and_lists_it),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
