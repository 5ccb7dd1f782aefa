/*
 * test_http_policy.c — policies and notices through http_handle(), on the
 * demo setting: the demo parent (contact 1) reads a policy their family has
 * not signed, is refused without a name (the field named, nothing
 * written), signs it, and the manager then finds the family among those who
 * signed and no longer among those who have not; a new version published
 * by the manager asks the family again. A parent never sees another
 * family's signature, nor a notice for a room none of their children is in
 * (404, no receipt written); opening a notice records a read receipt the
 * manager sees. A practitioner reads policies but not who signed them; the
 * portal pages speak Polish.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portal_text.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static const char *db;
static int64_t family;

static int group_setup(void **state)
{
	(void)state;
	db = th_demo(&srv, "policy.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
	family = th_db_int("SELECT family_id FROM contact WHERE id = 1");
	assert_true(family > 0);
	return 0;
}

/* A policy whose current version the parent's family has not signed. */
static int64_t unsigned_policy(void)
{
	return th_db_int(
	    "SELECT p.id FROM policy p JOIN policy_version v ON v.policy_id = p.id "
	    "AND v.version = (SELECT max(version) FROM policy_version WHERE policy_id = p.id) "
	    "WHERE p.setting_id = 1 AND NOT EXISTS (SELECT 1 FROM policy_signature s "
	    "WHERE s.version_id = v.id AND s.family_id = %lld) ORDER BY p.id LIMIT 1",
	    (long long)family);
}

/* The body between the marker and the next </section>, newly allocated. */
static char *section(const char *html, const char *marker)
{
	const char *p = strstr(html, marker), *end;
	assert_non_null(p);
	end = strstr(p, "</section>");
	assert_non_null(end);
	return strndup(p, (size_t)(end - p));
}

static void test_a_parent_signs_a_policy_and_the_manager_sees_the_family_signed(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026"),
	     *m = th_signin("manager", "demo-manager-2026");
	int64_t policy = unsigned_policy(),
	        before = th_db_int("SELECT count(*) FROM policy_signature");
	char *fam = th_db_text("SELECT name FROM family WHERE id = %lld", (long long)family);
	char *parent = th_db_text("SELECT name FROM contact WHERE id = 1");
	char path[96], fields[160], *part;
	int version;
	struct th_reply r;
	(void)state;
	assert_true(policy > 0);
	version = (int)th_db_int("SELECT max(version) FROM policy_version WHERE policy_id = %lld",
	                         (long long)policy);

	/* the manager sees the family among those still to sign */
	snprintf(path, sizeof path, "/policies/%lld", (long long)policy);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	part = section(r.body, "id=\"unsigned\"");
	th_assert_contains(part, fam);
	free(part);
	th_reply_free(&r);

	/* the family's list asks for a signature; the policy's page has the form */
	r = th_get(p, "/family/policies", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Please read and sign");
	th_reply_free(&r);
	snprintf(path, sizeof path, "/family/policies/%lld", (long long)policy);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "id=\"form-sign\"");
	th_reply_free(&r);

	/* no name: refused next to the field, nothing written */
	snprintf(path, sizeof path, "/family/policies/%lld/sign", (long long)policy);
	snprintf(fields, sizeof fields, "version=%d&signed_name=&signed_on=%s", version, TODAY);
	r = th_post(p, path, fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"signed_name-error\"");
	th_reply_free(&r);
	/* a date to come: refused too */
	snprintf(fields, sizeof fields, "version=%d&signed_name=A+Parent&signed_on=2026-03-05",
	         version);
	r = th_post(p, path, fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"signed_on-error\"");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM policy_signature"), before);

	snprintf(fields, sizeof fields, "version=%d&signed_name=Signed+By+Hand&signed_on=%s",
	         version, TODAY);
	r = th_post(p, path, fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM policy_signature s JOIN policy_version v "
	                           "ON v.id = s.version_id WHERE v.policy_id = %lld AND "
	                           "v.version = %d AND s.family_id = %lld AND s.contact_id = 1 AND "
	                           "s.signed_name = 'Signed By Hand' AND s.signed_on = '%s'",
	                           (long long)policy, version, (long long)family, TODAY),
	                 1);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'policy.sign'"),
	                 1);
	snprintf(path, sizeof path, "/family/policies/%lld", (long long)policy);
	r = th_get(p, path, NULL);
	th_assert_contains(r.body, "Signed by Signed By Hand");
	th_assert_lacks(r.body, "id=\"form-sign\"");
	th_reply_free(&r);
	/* signing it again (a second tab): 409, the page says who signed, no second row */
	snprintf(path, sizeof path, "/family/policies/%lld/sign", (long long)policy);
	r = th_post(p, path, fields);
	assert_int_equal(r.status, 409);
	th_assert_contains(r.body, "Signed by Signed By Hand");
	th_assert_lacks(r.body, "role=\"alert\"");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM policy_signature"), before + 1);

	/* the manager: signed, no longer among those to sign */
	snprintf(path, sizeof path, "/policies/%lld", (long long)policy);
	r = th_get(m, path, NULL);
	part = section(r.body, "id=\"unsigned\"");
	th_assert_lacks(part, fam);
	free(part);
	part = section(r.body, "id=\"signed\"");
	th_assert_contains(part, "Signed By Hand");
	th_assert_contains(part, parent);
	free(part);
	th_reply_free(&r);

	/* a new version: the family is asked again, the old signature kept */
	snprintf(path, sizeof path, "/policies/%lld/versions", (long long)policy);
	r = th_post(m, path, "published_on=2026-03-04&text=The+second+version.");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/policies/%lld", (long long)policy);
	r = th_get(m, path, NULL);
	part = section(r.body, "id=\"unsigned\"");
	th_assert_contains(part, fam);
	free(part);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/family/policies/%lld", (long long)policy);
	r = th_get(p, path, NULL);
	th_assert_contains(r.body, "id=\"form-sign\"");
	th_assert_contains(r.body, "The second version.");
	th_assert_contains(r.body, "Signed By Hand"); /* among the family's earlier signatures */
	th_reply_free(&r);
	/* signing the old version now is refused, nothing written */
	before = th_db_int("SELECT count(*) FROM policy_signature");
	snprintf(path, sizeof path, "/family/policies/%lld/sign", (long long)policy);
	snprintf(fields, sizeof fields, "version=%d&signed_name=Signed+By+Hand&signed_on=%s",
	         version, TODAY);
	r = th_post(p, path, fields);
	assert_int_equal(r.status, 409);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM policy_signature"), before);
	free(fam);
	free(parent);
	free(p);
	free(m);
}

static void test_a_parent_never_sees_another_familys_signature(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	/* a policy another family signed, and what they typed */
	int64_t policy =
	    th_db_int("SELECT v.policy_id FROM policy_signature s JOIN policy_version v "
	              "ON v.id = s.version_id WHERE s.setting_id = 1 AND "
	              "s.family_id <> %lld ORDER BY s.id LIMIT 1",
	              (long long)family);
	char *other =
	    th_db_text("SELECT s.signed_name FROM policy_signature s JOIN policy_version v "
	               "ON v.id = s.version_id WHERE v.policy_id = %lld AND "
	               "s.family_id <> %lld ORDER BY s.id LIMIT 1",
	               (long long)policy, (long long)family);
	char path[96];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/family/policies/%lld", (long long)policy);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, other);
	th_reply_free(&r);
	r = th_get(p, "/family/policies", NULL);
	th_assert_lacks(r.body, other);
	th_reply_free(&r);
	/* the staff pages with every family's signatures are not theirs */
	snprintf(path, sizeof path, "/policies/%lld", (long long)policy);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	/* another setting's policy: 404 */
	r = th_get(p, "/family/policies/999999", NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	free(other);
	free(p);
}

static void test_a_practitioner_reads_policies_but_not_who_signed(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	struct th_reply r = th_get(k, "/policies/1", NULL);
	(void)state;
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "id=\"signed\"");
	th_assert_lacks(r.body, "id=\"unsigned\"");
	th_assert_lacks(r.body, "id=\"form-version\"");
	th_reply_free(&r);
	r = th_post(k, "/policies/1/versions", "published_on=2026-03-04&text=Mine");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(k, "/notices/1", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	free(k);
}

static void test_a_parent_sees_only_their_rooms_notices_and_reading_one_is_recorded(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026"),
	     *m = th_signin("manager", "demo-manager-2026");
	char path[64], *title, *parent = th_db_text("SELECT name FROM contact WHERE id = 1");
	char *part;
	int64_t foreign, own_room, all;
	struct th_reply r;
	(void)state;
	foreign =
	    th_db_int("SELECT id FROM notice WHERE setting_id = 1 AND room_id IS NOT NULL AND "
	              "room_id NOT IN (SELECT room_id FROM child WHERE family_id = %lld) "
	              "ORDER BY id LIMIT 1",
	              (long long)family);
	own_room =
	    th_db_int("SELECT id FROM notice WHERE setting_id = 1 AND room_id IN "
	              "(SELECT room_id FROM child WHERE family_id = %lld) ORDER BY id LIMIT 1",
	              (long long)family);
	all = th_db_int("SELECT id FROM notice WHERE setting_id = 1 AND room_id IS NULL AND id NOT "
	                "IN (SELECT notice_id FROM notice_read WHERE contact_id = 1) "
	                "ORDER BY id LIMIT 1");
	assert_true(foreign > 0 && own_room > 0 && all > 0);
	title = th_db_text("SELECT title FROM notice WHERE id = %lld", (long long)foreign);

	/* another room's notice: not listed, not opened, no receipt */
	r = th_get(p, "/family", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, title);
	th_reply_free(&r);
	r = th_get(p, "/family/notices", NULL);
	th_assert_lacks(r.body, title);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/family/notices/%lld", (long long)foreign);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM notice_read WHERE notice_id = %lld AND "
	                           "contact_id = 1",
	                           (long long)foreign),
	                 0);
	snprintf(path, sizeof path, "/family/notices/%lld", (long long)own_room);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);

	/* the notice for everyone: unread in the manager's list, then read */
	snprintf(path, sizeof path, "/notices/%lld", (long long)all);
	r = th_get(m, path, NULL);
	part = section(r.body, "id=\"unread\"");
	th_assert_contains(part, parent);
	free(part);
	part = section(r.body, "id=\"read\"");
	th_assert_lacks(part, parent);
	free(part);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/family/notices/%lld", (long long)all);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	r = th_get(p, path, NULL); /* a second look adds nothing */
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM notice_read WHERE notice_id = %lld AND "
	                           "contact_id = 1",
	                           (long long)all),
	                 1);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = 'notice.read' AND "
	              "object_id = %lld",
	              (long long)all),
	    1);
	snprintf(path, sizeof path, "/notices/%lld", (long long)all);
	r = th_get(m, path, NULL);
	part = section(r.body, "id=\"read\"");
	th_assert_contains(part, parent);
	free(part);
	part = section(r.body, "id=\"unread\"");
	th_assert_lacks(part, parent);
	free(part);
	th_reply_free(&r);
	free(title);
	free(parent);
	free(p);
	free(m);
}

static void test_a_manager_writes_a_notice_for_one_room(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t before = th_db_int("SELECT count(*) FROM notice"), room;
	char fields[200];
	struct th_reply r;
	(void)state;
	/* no title: refused, named, nothing written */
	r = th_post(m, "/notices", "title=&room=&published_on=2026-03-04&text=Hello");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"title-error\"");
	th_reply_free(&r);
	/* another setting's room: refused */
	r = th_post(m, "/notices", "title=Trip&room=999999&published_on=2026-03-04&text=Hello");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"room-error\"");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM notice"), before);
	room = th_db_int("SELECT id FROM room WHERE setting_id = 1 ORDER BY id LIMIT 1");
	snprintf(
	    fields, sizeof fields,
	    "title=Forest+school+on+Friday&room=%lld&published_on=2026-03-04&text=Wellies+please",
	    (long long)room);
	r = th_post(m, "/notices", fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM notice WHERE room_id = %lld AND title = "
	                           "'Forest school on Friday'",
	                           (long long)room),
	                 1);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'notice.add'"),
	                 th_db_int("SELECT count(*) FROM notice"));
	free(m);
}

static void test_the_portal_policy_pages_speak_polish(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	static const char *const pages[] = {"/family", "/family/policies", "/family/policies/1",
	                                    "/family/notices", "/family/notices/1"};
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE contact SET language = 'pl' WHERE id = 1");
	for (size_t g = 0; g < sizeof pages / sizeof *pages; g++) {
		r = th_get(p, pages[g], NULL);
		assert_int_equal(r.status, 200);
		th_assert_contains(r.body, "lang=\"pl\"");
		/* none of the English of this feature's messages */
		for (int m = M_POLICIES; m <= M_NOTICE_FOR_ROOM; m++)
			if (strstr(r.body, portal_text(PORTAL_EN, (enum portal_msg)m)))
				fail_msg("%s in Polish still says \"%s\"", pages[g],
				         portal_text(PORTAL_EN, (enum portal_msg)m));
		th_reply_free(&r);
	}
	r = th_get(p, "/family/policies", NULL);
	th_assert_contains(r.body, "Zasady obowiązujące w placówce");
	th_reply_free(&r);
	r = th_get(p, "/family", NULL);
	th_assert_contains(r.body, "Ogłoszenia");
	th_reply_free(&r);
	th_db_exec("UPDATE contact SET language = 'en' WHERE id = 1");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_parent_signs_a_policy_and_the_manager_sees_the_family_signed),
	    cmocka_unit_test(test_a_parent_never_sees_another_familys_signature),
	    cmocka_unit_test(test_a_practitioner_reads_policies_but_not_who_signed),
	    cmocka_unit_test(
	        test_a_parent_sees_only_their_rooms_notices_and_reading_one_is_recorded),
	    cmocka_unit_test(test_a_manager_writes_a_notice_for_one_room),
	    cmocka_unit_test(test_the_portal_policy_pages_speak_polish),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
