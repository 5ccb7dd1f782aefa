/*
 * test_http_sen.c — SEN, behaviour and supervision through http_handle():
 * the SENCo sees and writes every child's records and the register; a key
 * person reads their key child's but gets 404 for a child of another room;
 * a practitioner of the room records an incident without reading the
 * records back; a parent sees only the plan targets and the one-page
 * profile shared with the family, of their own child; an admin is
 * refused; reviews are appended; a supervision is read by the member of
 * staff and the manager only; a bad form answers 422 naming the field;
 * every read of these records leaves an audit row.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define START "2026-03-02"
#define TODAY "2026-03-04"

static struct server srv;

static int group_setup(void **state)
{
	(void)state;
	th_demo(&srv, "sen.db", START, TODAY, TH_API_JSON);
	th_add_demo_users("admin", "manager", "keyperson", "senco", "parent", NULL);
	th_serve();
	return 0;
}

#define KB_SQL                                                                                  \
	"SELECT k.child_id FROM key_assignment k JOIN staff s ON s.id IN (k.primary_staff_id, " \
	"k.secondary_staff_id) WHERE s.code = 'S04' AND k.from_date <= '" TODAY "' AND "        \
	"(k.to_date IS NULL OR k.to_date > '" TODAY "')"

static int64_t key_child(void)
{
	return th_db_int(KB_SQL " ORDER BY k.child_id LIMIT 1");
}

/* A child of S04's rooms who is not their key or buddy child. */
static int64_t room_child(void)
{
	return th_db_int("SELECT c.id FROM child c JOIN staff_room sr ON sr.room_id = c.room_id "
	                 "JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04' AND c.id NOT IN "
	                 "(" KB_SQL ") ORDER BY c.id LIMIT 1");
}

static int64_t other_room_child(void)
{
	return th_db_int("SELECT c.id FROM child c WHERE c.room_id NOT IN (SELECT sr.room_id FROM "
	                 "staff_room sr JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04') "
	                 "AND c.id NOT IN (" KB_SQL ") ORDER BY c.id LIMIT 1");
}

static int64_t own_child(void)
{
	return th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                 "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
}

static int64_t other_family_child(void)
{
	return th_db_int("SELECT c.id FROM child c WHERE c.family_id <> (SELECT family_id FROM "
	                 "contact WHERE id = 1) ORDER BY c.id LIMIT 1");
}

static int64_t audits(const char *action, int64_t child)
{
	return th_db_int("SELECT count(*) FROM audit_log WHERE action = '%s' AND child_id = %lld",
	                 action, (long long)child);
}

static int status_of(const char *cookie, const char *path)
{
	struct th_reply r = th_get(cookie, path, NULL);
	int st = r.status;
	th_reply_free(&r);
	return st;
}

/* before + id + after (one static buffer: one use at a time) */
static const char *path_of(const char *before, int64_t id, const char *after)
{
	static char p[128];
	snprintf(p, sizeof p, "%s%lld%s", before, (long long)id, after);
	return p;
}

static void post_ok(const char *cookie, const char *path, const char *fields)
{
	struct th_reply r = th_post(cookie, path, fields);
	if (r.status != 303)
		fail_msg("POST %s: %d %s", path, r.status, r.body ? r.body : "");
	th_reply_free(&r);
}

static void test_the_senco_sees_and_writes_every_childs_records(void **state)
{
	char *senco = th_signin("senco", "demo-senco-2026");
	int64_t c = other_room_child();
	struct th_reply r;
	(void)state;
	post_ok(senco, path_of("/children/", c, "/sen"),
	        "form=status&status=sen_support&area_of_need=semh&from_date=2026-02-01");
	post_ok(senco, path_of("/children/", c, "/sen/plans"),
	        "form=plan&kind=sen_support&created_on=2026-03-01&review_on=2026-03-03&"
	        "targets=Sits+for+a+story+with+a+fidget+toy");
	r = th_get(senco, path_of("/children/", c, "/sen"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Sits for a story with a fidget toy");
	th_reply_free(&r);
	r = th_get(senco, "/sen", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, path_of("/children/", c, "/sen"));
	th_assert_contains(r.body, "2026-03-03 (overdue)");
	th_reply_free(&r);
	assert_int_equal(status_of(senco, path_of("/children/", key_child(), "/sen")), 200);
	assert_int_equal(status_of(senco, path_of("/children/", c, "/behaviour")), 200);
	assert_int_equal(status_of(senco, "/behaviour"), 200);
	free(senco);
}

static void test_a_key_person_reads_their_key_child_not_another_rooms(void **state)
{
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	int64_t other = other_room_child();
	(void)state;
	assert_int_equal(status_of(kp, path_of("/children/", key_child(), "/sen")), 200);
	assert_int_equal(status_of(kp, path_of("/children/", other, "/sen")), 404);
	assert_int_equal(status_of(kp, path_of("/api/v1/children/", other, "/sen")), 404);
	assert_int_equal(status_of(kp, path_of("/children/", other, "/behaviour")), 404);
	assert_int_equal(status_of(kp, path_of("/children/", other, "/sen/profile")), 404);
	assert_int_equal(status_of(kp, "/sen"), 403);
	/* a key person reads but does not write the SEN plan */
	{
		struct th_reply r = th_post(kp, path_of("/children/", key_child(), "/sen/plans"),
		                            "form=plan&kind=sen_support&created_on=2026-03-01&"
		                            "review_on=2026-04-01&targets=x");
		assert_int_equal(r.status, 404);
		th_reply_free(&r);
	}
	free(kp);
}

static void test_a_practitioner_of_the_room_records_an_incident_but_reads_none(void **state)
{
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	char *senco = th_signin("senco", "demo-senco-2026");
	int64_t c = room_child();
	struct th_reply r;
	(void)state;
	r = th_post(kp, path_of("/children/", c, "/behaviour/incidents"),
	            "form=incident&date=2026-03-03&time=10:15&antecedent=Tidy+up+time&"
	            "behaviour=Kicked+the+brick+tower&consequence=Calm+corner");
	assert_int_equal(r.status, 303);
	th_assert_contains(r.location, path_of("/children/", c, ""));
	th_assert_lacks(r.location, "behaviour"); /* back to the child's page */
	th_reply_free(&r);
	r = th_get(kp, path_of("/children/", c, "/behaviour"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Record the incident");
	th_assert_lacks(r.body, "Kicked the brick tower");
	th_reply_free(&r);
	r = th_get(senco, path_of("/children/", c, "/behaviour"), NULL);
	th_assert_contains(r.body, "Kicked the brick tower");
	th_reply_free(&r);
	/* another room's child: nothing recorded */
	r = th_post(kp, path_of("/children/", other_room_child(), "/behaviour/incidents"),
	            "form=incident&date=2026-03-03&time=10:15&behaviour=Nothing");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM behaviour_incident WHERE behaviour = "
	                           "'Nothing'"),
	                 0);
	free(kp);
	free(senco);
}

static void test_a_parent_sees_only_what_was_shared_of_their_own_child(void **state)
{
	char *senco = th_signin("senco", "demo-senco-2026");
	char *parent = th_signin("parent", "demo-parent-2026");
	int64_t c = own_child();
	struct th_reply r;
	(void)state;
	post_ok(senco, path_of("/children/", c, "/sen/plans"),
	        "form=plan&kind=sen_support&created_on=2026-03-01&review_on=2026-04-01&"
	        "targets=Shared+target+words&shared=yes");
	post_ok(senco, path_of("/children/", c, "/sen/plans"),
	        "form=plan&kind=intimate_care&created_on=2026-03-01&review_on=2026-04-01&"
	        "targets=Private+target+words");
	post_ok(senco, path_of("/children/", c, "/sen/agencies"),
	        "form=agency&agency=area_senco&contact_name=Secret+Agency+Person");
	post_ok(senco, path_of("/children/", c, "/sen/profile"),
	        "form=profile&liked=Kind+to+the+babies&important=Her+blanket");
	r = th_get(parent, path_of("/children/", c, "/sen"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Shared target words");
	th_assert_lacks(r.body, "Private target words");
	th_assert_lacks(r.body, "Secret Agency Person");
	th_assert_lacks(r.body, "Kind to the babies");
	th_reply_free(&r);
	r = th_get(parent, path_of("/api/v1/children/", c, "/sen"), NULL);
	assert_int_equal(r.status, 200);
	assert_non_null(r.json);
	assert_int_equal(json_array_size(json_object_get(r.json, "plans")), 1);
	assert_null(json_object_get(r.json, "agencies"));
	assert_null(json_object_get(r.json, "status"));
	th_reply_free(&r);
	/* the profile: 404 until it is shared */
	assert_int_equal(status_of(parent, path_of("/children/", c, "/sen/profile")), 404);
	post_ok(senco, path_of("/children/", c, "/sen/profile"),
	        "form=profile&liked=Kind+to+the+babies&important=Her+blanket&shared=yes");
	r = th_get(parent, path_of("/children/", c, "/sen/profile"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Kind to the babies");
	th_reply_free(&r);
	/* never another family's child, never behaviour */
	assert_int_equal(status_of(parent, path_of("/children/", other_family_child(), "/sen")),
	                 404);
	assert_int_equal(status_of(parent, path_of("/children/", c, "/behaviour")), 403);
	assert_int_equal(status_of(parent, "/behaviour"), 403);
	free(senco);
	free(parent);
}

static void test_an_admin_is_refused(void **state)
{
	char *admin = th_signin("admin", "demo-admin-2026");
	int64_t c = key_child();
	(void)state;
	assert_int_equal(status_of(admin, "/sen"), 403);
	assert_int_equal(status_of(admin, "/behaviour"), 403);
	assert_int_equal(status_of(admin, "/supervision"), 403);
	assert_int_equal(status_of(admin, path_of("/children/", c, "/sen")), 403);
	assert_int_equal(status_of(admin, path_of("/api/v1/children/", c, "/sen")), 403);
	free(admin);
}

static void test_reviews_are_appended_and_a_bad_form_names_the_field(void **state)
{
	char *senco = th_signin("senco", "demo-senco-2026");
	int64_t c = key_child(), plan;
	char fields[256];
	struct th_reply r;
	(void)state;
	post_ok(senco, path_of("/children/", c, "/sen/plans"),
	        "form=plan&kind=ehcp&created_on=2026-01-05&review_on=2026-02-05&"
	        "targets=Uses+a+spoon");
	plan = th_db_int("SELECT max(id) FROM sen_plan WHERE child_id = %lld", (long long)c);
	snprintf(fields, sizeof fields,
	         "form=r&plan=%lld&reviewed_on=2026-02-05&outcome=First+review+outcome&"
	         "next_review_on=2026-03-05",
	         (long long)plan);
	post_ok(senco, path_of("/children/", c, "/sen/reviews"), fields);
	snprintf(fields, sizeof fields,
	         "form=r&plan=%lld&reviewed_on=2026-03-05&outcome=Second+review+outcome",
	         (long long)plan);
	post_ok(senco, path_of("/children/", c, "/sen/reviews"), fields);
	r = th_get(senco, path_of("/children/", c, "/sen"), NULL);
	th_assert_contains(r.body, "First review outcome");
	th_assert_contains(r.body, "Second review outcome");
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM plan_review WHERE plan_id = %lld", (long long)plan), 2);
	/* a plan without targets: 422 naming the field, nothing written */
	{
		int64_t before = th_db_int("SELECT count(*) FROM sen_plan");
		r = th_post(senco, path_of("/children/", c, "/sen/plans"),
		            "form=plan&kind=ehcp&created_on=2026-01-05&review_on=2026-02-05");
		assert_int_equal(r.status, 422);
		th_assert_contains(r.body, "id=\"targets-error\"");
		th_reply_free(&r);
		assert_int_equal(th_db_int("SELECT count(*) FROM sen_plan"), before);
	}
	/* LSA hours by someone not on the staff of the setting */
	r = th_post(senco, path_of("/children/", c, "/sen/lsa"),
	            "form=lsa&staff=999999&hours_per_week=10&from_date=2026-03-01");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"staff-error\"");
	th_reply_free(&r);
	free(senco);
}

static void test_the_health_visitor_row_shows_the_consent_on_file(void **state)
{
	char *senco = th_signin("senco", "demo-senco-2026");
	int64_t c = room_child();
	struct th_reply r;
	(void)state;
	th_db_exec("DELETE FROM consent WHERE child_id = %lld AND kind = 'share_health_visitor'",
	           (long long)c);
	post_ok(senco, path_of("/children/", c, "/sen/agencies"),
	        "form=agency&agency=health_visitor&contact_name=Jo+Health&consent_to_share=yes");
	r = th_get(senco, path_of("/children/", c, "/sen"), NULL);
	th_assert_contains(r.body, "no consent to share with the health visitor on file");
	th_reply_free(&r);
	th_db_exec("INSERT INTO consent (setting_id, child_id, kind, given, given_on) VALUES (1, "
	           "%lld, 'share_health_visitor', 1, '2026-01-01')",
	           (long long)c);
	r = th_get(senco, path_of("/children/", c, "/sen"), NULL);
	th_assert_contains(r.body, "(consent to share with the health visitor on file)");
	th_reply_free(&r);
	free(senco);
}

static void test_supervision_is_the_managers_and_the_staff_members_only(void **state)
{
	char *manager = th_signin("manager", "demo-manager-2026");
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	char *senco = th_signin("senco", "demo-senco-2026");
	int64_t s04 = th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S04'");
	int64_t s06 = th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S06'");
	int64_t kid =
	    th_db_int("SELECT k.child_id FROM key_assignment k WHERE k.primary_staff_id = "
	              "%lld AND k.to_date IS NULL ORDER BY k.child_id LIMIT 1",
	              (long long)s04);
	char fields[256];
	struct th_reply r;
	(void)state;
	snprintf(fields, sizeof fields,
	         "form=supervision&date=2026-03-03&notes=Talked+about+the+settling+in&"
	         "wellbeing=Tired&child_%lld=yes",
	         (long long)kid);
	post_ok(manager, path_of("/staff/", s04, "/supervision"), fields);
	assert_int_equal(th_db_int("SELECT count(*) FROM supervision_child WHERE child_id = %lld",
	                           (long long)kid),
	                 1);
	r = th_get(kp, path_of("/staff/", s04, "/supervision"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Talked about the settling in");
	th_assert_contains(r.body, path_of("/children/", kid, "\""));
	th_assert_lacks(r.body, "Record a supervision");
	th_reply_free(&r);
	r = th_get(kp, "/supervision", NULL);
	assert_int_equal(r.status, 303);
	th_assert_contains(r.location, path_of("/staff/", s04, "/supervision"));
	th_reply_free(&r);
	assert_int_equal(status_of(senco, path_of("/staff/", s04, "/supervision")), 404);
	assert_int_equal(status_of(kp, path_of("/staff/", s06, "/supervision")), 404);
	r = th_post(kp, path_of("/staff/", s04, "/supervision"),
	            "form=supervision&date=2026-03-03");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(manager, "/supervision", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "(overdue)");
	th_reply_free(&r);
	free(manager);
	free(kp);
	free(senco);
}

static void test_every_read_leaves_an_audit_row(void **state)
{
	char *senco = th_signin("senco", "demo-senco-2026");
	char *parent = th_signin("parent", "demo-parent-2026");
	char *manager = th_signin("manager", "demo-manager-2026");
	int64_t c = key_child(), own = own_child();
	int64_t s04 = th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S04'");
	int64_t before;
	(void)state;
	before = audits("sen.view", c);
	assert_int_equal(status_of(senco, path_of("/children/", c, "/sen")), 200);
	assert_int_equal(status_of(senco, path_of("/api/v1/children/", c, "/sen")), 200);
	assert_int_equal(audits("sen.view", c), before + 2);
	before = audits("behaviour.view", c);
	assert_int_equal(status_of(senco, path_of("/children/", c, "/behaviour")), 200);
	assert_int_equal(audits("behaviour.view", c), before + 1);
	before = audits("sen.view.family", own);
	assert_int_equal(status_of(parent, path_of("/children/", own, "/sen")), 200);
	assert_int_equal(audits("sen.view.family", own), before + 1);
	before = th_db_int("SELECT count(*) FROM audit_log WHERE action = 'supervision.view' AND "
	                   "object_id = %lld",
	                   (long long)s04);
	assert_int_equal(status_of(manager, path_of("/staff/", s04, "/supervision")), 200);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = "
	                           "'supervision.view' AND object_id = %lld",
	                           (long long)s04),
	                 before + 1);
	/* a refused read leaves none */
	before = th_db_int("SELECT count(*) FROM audit_log");
	assert_int_equal(status_of(parent, path_of("/children/", other_family_child(), "/sen")),
	                 404);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log"), before);
	free(senco);
	free(parent);
	free(manager);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_senco_sees_and_writes_every_childs_records),
	    cmocka_unit_test(test_a_key_person_reads_their_key_child_not_another_rooms),
	    cmocka_unit_test(test_a_practitioner_of_the_room_records_an_incident_but_reads_none),
	    cmocka_unit_test(test_a_parent_sees_only_what_was_shared_of_their_own_child),
	    cmocka_unit_test(test_an_admin_is_refused),
	    cmocka_unit_test(test_reviews_are_appended_and_a_bad_form_names_the_field),
	    cmocka_unit_test(test_the_health_visitor_row_shows_the_consent_on_file),
	    cmocka_unit_test(test_supervision_is_the_managers_and_the_staff_members_only),
	    cmocka_unit_test(test_every_read_leaves_an_audit_row),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
