/*
 * test_allegation.c — allegations against staff (core_allegation.h,
 * page_allegation.c) through http_handle without sockets, on the demo
 * setting (today pinned to Wednesday 2026-03-04), mostly from the forbidden
 * side:
 *
 *   - the manager records one: validated, the field named, nothing kept on
 *     a refusal; the Ofsted deadline (14 days) and the retention date
 *     (65th birthday or 10 years, whichever is later) are recorded;
 *   - overdue Ofsted notifications are highlighted, and no longer once
 *     notified; the manager's home page counts them;
 *   - the member of staff concerned — even a DSL or manager — never sees
 *     it (list, page, addenda: 404 like a missing id); practitioners, the
 *     SENCo, parents and the admin reach no allegation route;
 *   - every read is audited; audit rows never hold what was alleged;
 *   - addenda only append; the tables refuse UPDATE and DELETE.
 */
#include "support.h"
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_allegation.h"
#include "core_user.h"
#include "date.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"
#define ALLEGED "Shouted at a child and pulled her arm hard"

static struct server srv;
static const char *db;
static int64_t s05, s06; /* staff: the deputy DSL (S05), a practitioner (S06) */

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512];
	(void)state;
	db = th_demo(&srv, "allegation.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "senco", "parent", "admin", NULL);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "dsl", "demo-dsl-2026", (1u << ROLE_DSL) | (1u << ROLE_MANAGER), "S02",
	            0);
	th_add_user(s, &who, "deputy", "demo-deputy-2026", 1u << ROLE_DSL, "S05", 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_serve();
	s05 = th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S05'");
	s06 = th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S06'");
	return 0;
}

static void expect(struct th_reply r, int status)
{
	if (r.status != status)
		fail_msg("expected %d, got %d\n%s", status, r.status, r.body ? r.body : "");
	th_reply_free(&r);
}

static int64_t count(const char *sql)
{
	return th_db_int("%s", sql);
}

/* Record an allegation as cookie; the new id (fails unless 303). */
static int64_t record(const char *cookie, int64_t staff, const char *reported, const char *extra)
{
	char fields[512];
	struct th_reply r;
	snprintf(fields, sizeof fields,
	         "staff=%lld&alleged=Shouted+at+a+child+and+pulled+her+arm+hard&occurred_on=%s"
	         "&reported_on=%s&reported_by=A+parent%%2C+at+collection%s",
	         (long long)staff, reported, reported, extra);
	r = th_post(cookie, "/allegations", fields);
	if (r.status != 303)
		fail_msg("record: %d\n%s", r.status, r.body);
	th_reply_free(&r);
	return count("SELECT max(id) FROM allegation");
}

static void test_retention_is_65th_birthday_or_ten_years(void **state)
{
	int dob, reported, want;
	(void)state;
	/* young: the 65th birthday is later */
	assert_int_equal(date_parse("1990-05-01", &dob), 0);
	assert_int_equal(date_parse("2026-03-01", &reported), 0);
	assert_int_equal(date_parse("2055-05-01", &want), 0);
	assert_int_equal(core_allegation_retain_until(dob, reported), want);
	/* 61 at the time: ten years is later */
	assert_int_equal(date_parse("1965-01-01", &dob), 0);
	assert_int_equal(date_parse("2036-03-01", &want), 0);
	assert_int_equal(core_allegation_retain_until(dob, reported), want);
}

static void test_manager_records_with_deadline_and_retention(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), fields[400], *text;
	int64_t before = count("SELECT count(*) FROM allegation"), id;
	struct th_reply r;
	(void)state;
	r = th_get(m, "/allegations/new", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "name=\"staff_date_of_birth\"");
	th_reply_free(&r);
	/* refusals name the field and keep nothing */
	snprintf(fields, sizeof fields,
	         "staff=%lld&alleged=x&occurred_on=2026-03-01&reported_on=2026-03-02"
	         "&reported_by=A+parent",
	         (long long)s06);
	r = th_post(m, "/allegations", fields); /* no date of birth anywhere */
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "staff_date_of_birth");
	th_reply_free(&r);
	snprintf(fields, sizeof fields,
	         "staff=%lld&alleged=x&occurred_on=2026-03-09&reported_on=2026-03-09"
	         "&reported_by=A+parent&staff_date_of_birth=1990-05-01",
	         (long long)s06);
	r = th_post(m, "/allegations", fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "occurred_on");
	th_reply_free(&r);
	snprintf(fields, sizeof fields,
	         "staff=%lld&occurred_on=2026-03-01&reported_on=2026-03-02&reported_by=A+parent"
	         "&staff_date_of_birth=1990-05-01",
	         (long long)s06);
	r = th_post(m, "/allegations", fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "alleged");
	th_reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM allegation"), before);

	id = record(m, s06, "2026-03-02",
	            "&staff_date_of_birth=1990-05-01&lado_referred_on=2026-03-03");
	text =
	    th_db_text("SELECT ofsted_due || ' ' || retain_until FROM allegation WHERE id = %lld",
	               (long long)id);
	assert_string_equal(text, "2026-03-16 2055-05-01");
	free(text);
	assert_int_equal(th_db_int("SELECT count(*) FROM allegation_addendum WHERE allegation_id = "
	                           "%lld AND kind = 'lado_referral' AND on_date = '2026-03-03'",
	                           (long long)id),
	                 1);
	/* the audit row says that one was recorded, never what */
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'allegation.record' "
	                       "AND detail NOT LIKE '%%pulled%%'"),
	                 count("SELECT count(*) FROM allegation"));
	free(m);
}

static void test_overdue_ofsted_notification_is_highlighted(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), path[64], *home;
	int64_t id;
	struct th_reply r;
	(void)state;
	/* reported 15 days ago: due yesterday */
	id = record(m, s06, "2026-02-17", "&staff_date_of_birth=1990-05-01");
	snprintf(path, sizeof path, "/allegations/%lld", (long long)id);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Overdue</strong>: due by 2026-03-03");
	th_reply_free(&r);
	r = th_get(m, "/", NULL);
	home = r.body;
	th_assert_contains(home, "Ofsted notification");
	th_assert_contains(home, "overdue");
	th_reply_free(&r);
	/* told Ofsted: no longer overdue */
	snprintf(path, sizeof path, "/allegations/%lld/addenda", (long long)id);
	expect(th_post(m, path, "kind=ofsted_notified&on=2026-03-04&text=Rang+Ofsted"), 303);
	snprintf(path, sizeof path, "/allegations/%lld", (long long)id);
	r = th_get(m, path, NULL);
	th_assert_contains(r.body, "Notified 2026-03-04 (due by 2026-03-03)");
	th_assert_lacks(r.body, "Overdue");
	th_reply_free(&r);
	free(m);
}

static void test_person_concerned_never_sees_it(void **state)
{
	char *d = th_signin("deputy", "demo-deputy-2026"), *m = th_signin("dsl", "demo-dsl-2026"),
	     path[64], add[80];
	int64_t id, views, added = count("SELECT count(*) FROM allegation_addendum");
	struct th_reply r;
	(void)state;
	/* the DSL+manager records one about the deputy DSL */
	id = record(m, s05, "2026-03-03", "&staff_date_of_birth=1980-01-01");
	snprintf(path, sizeof path, "/allegations/%lld", (long long)id);
	snprintf(add, sizeof add, "/allegations/%lld/addenda", (long long)id);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, ALLEGED);
	th_reply_free(&r);
	views = count("SELECT count(*) FROM audit_log WHERE action = 'allegation.view'");
	/* the deputy: not in the list, the page and the addenda answer 404 */
	r = th_get(d, "/allegations", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "Sana Raza");
	th_reply_free(&r);
	r = th_get(d, path, NULL);
	assert_int_equal(r.status, 404);
	th_assert_lacks(r.body, ALLEGED);
	th_reply_free(&r);
	expect(th_post(d, add, "kind=note&on=2026-03-04&text=mine"), 404);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'allegation.view'"),
	                 views);
	assert_int_equal(count("SELECT count(*) FROM allegation_addendum"), added);
	/* nor can someone record one about themselves */
	{
		char fields[300];
		snprintf(fields, sizeof fields,
		         "staff=%lld&alleged=x&occurred_on=2026-03-01&reported_on=2026-03-02"
		         "&reported_by=me&staff_date_of_birth=1980-01-01",
		         (long long)s05);
		r = th_post(d, "/allegations", fields);
		assert_int_equal(r.status, 422);
		th_assert_contains(r.body, "staff");
		th_reply_free(&r);
	}
	free(d);
	free(m);
}

static void test_other_roles_reach_no_allegation_route(void **state)
{
	static const char *const who[][2] = {{"keyperson", "demo-keyperson-2026"},
	                                     {"senco", "demo-senco-2026"},
	                                     {"parent", "demo-parent-2026"},
	                                     {"admin", "demo-admin-2026"}};
	int64_t id = count("SELECT min(id) FROM allegation"),
	        n = count("SELECT count(*) FROM allegation"),
	        added = count("SELECT count(*) FROM allegation_addendum"),
	        reads = count("SELECT count(*) FROM audit_log WHERE object_kind = 'allegation'");
	char path[64], add[80], fields[300];
	(void)state;
	assert_true(id > 0);
	snprintf(path, sizeof path, "/allegations/%lld", (long long)id);
	snprintf(add, sizeof add, "/allegations/%lld/addenda", (long long)id);
	snprintf(fields, sizeof fields,
	         "staff=%lld&alleged=x&occurred_on=2026-03-01&reported_on=2026-03-02&reported_by=me"
	         "&staff_date_of_birth=1980-01-01",
	         (long long)s06);
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		char *c = th_signin(who[i][0], who[i][1]);
		struct th_reply r = th_get(c, path, NULL);
		if (r.status != 403)
			fail_msg("%s: %d for an allegation", who[i][0], r.status);
		th_assert_lacks(r.body, ALLEGED);
		th_reply_free(&r);
		r = th_get(c, "/", NULL);
		th_assert_lacks(r.body, "/allegations");
		th_reply_free(&r);
		expect(th_get(c, "/allegations", NULL), 403);
		expect(th_get(c, "/allegations/new", NULL), 403);
		expect(th_post(c, "/allegations", fields), 403);
		expect(th_post(c, add, "kind=note&on=2026-03-04&text=x"), 403);
		free(c);
	}
	{
		struct th_reply r = th_get(NULL, path, NULL);
		assert_int_equal(r.status, 303);
		th_assert_contains(r.location, "/signin");
		th_reply_free(&r);
	}
	assert_int_equal(count("SELECT count(*) FROM allegation"), n);
	assert_int_equal(count("SELECT count(*) FROM allegation_addendum"), added);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE object_kind = 'allegation'"),
	                 reads);
}

static int64_t views_of(int64_t id)
{
	return th_db_int("SELECT count(*) FROM audit_log WHERE action = 'allegation.view' AND "
	                 "object_kind = 'allegation' AND object_id = %lld",
	                 (long long)id);
}

static void test_every_read_is_audited(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), path[64];
	int64_t id = count("SELECT min(id) FROM allegation"), views = views_of(id),
	        lists = count("SELECT count(*) FROM audit_log WHERE action = 'allegation.list'");
	(void)state;
	snprintf(path, sizeof path, "/allegations/%lld", (long long)id);
	expect(th_get(m, "/allegations", NULL), 200);
	expect(th_get(m, path, NULL), 200);
	expect(th_get(m, path, NULL), 200);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'allegation.list'"),
	                 lists + 1);
	assert_int_equal(views_of(id), views + 2);
	/* the audit rows never repeat what was alleged */
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE object_kind LIKE "
	                       "'allegation%%' AND (detail LIKE '%%arm%%' OR detail LIKE "
	                       "'%%wrist%%')"),
	                 0);
	free(m);
}

static void test_audit_page_hides_allegations_from_the_person_and_the_admin(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"),
	     *d = th_signin("deputy", "demo-deputy-2026"),
	     *a = th_signin("admin", "demo-admin-2026");
	struct th_reply r;
	(void)state;
	/* the deputy DSL has an allegation about them (test_person_concerned_never_sees_it) */
	assert_true(
	    th_db_int("SELECT count(*) FROM allegation WHERE staff_id = %lld", (long long)s05) > 0);
	expect(th_get(m, "/allegations", NULL), 200);
	r = th_get(m, "/audit", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "allegation.list");
	th_reply_free(&r);
	r = th_get(d, "/audit", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "allegation.");
	th_assert_lacks(r.body, "<option>allegation");
	th_reply_free(&r);
	r = th_get(d, "/audit.csv", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "allegation.");
	th_assert_lacks(r.body, "<option>allegation");
	th_reply_free(&r);
	r = th_get(a, "/audit", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "allegation.");
	th_assert_lacks(r.body, "<option>allegation");
	th_reply_free(&r);
	free(m);
	free(d);
	free(a);
}

static void test_addenda_only_append(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), path[80];
	int64_t id = count("SELECT min(id) FROM allegation"),
	        added = count("SELECT count(*) FROM allegation_addendum");
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/allegations/%lld/addenda", (long long)id);
	r = th_post(m, path, "kind=verdict&on=2026-03-04&text=x");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "kind");
	th_reply_free(&r);
	r = th_post(m, path, "kind=outcome&on=2026-03-05&text=x");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "on:");
	th_reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM allegation_addendum"), added);
	expect(th_post(m, path, "kind=outcome&on=2026-03-04&text=Unfounded%2C+LADO+closed+it"),
	       303);
	assert_int_equal(count("SELECT count(*) FROM allegation_addendum"), added + 1);
	/* the schema refuses changes and deletions */
	assert_int_equal(t_sql_rc(db, "UPDATE allegation SET alleged = 'x'"), STORE_CONSTRAINT);
	assert_int_equal(t_sql_rc(db, "DELETE FROM allegation"), STORE_CONSTRAINT);
	assert_int_equal(t_sql_rc(db, "UPDATE allegation_addendum SET text = 'x'"),
	                 STORE_CONSTRAINT);
	assert_int_equal(t_sql_rc(db, "DELETE FROM allegation_addendum"), STORE_CONSTRAINT);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_retention_is_65th_birthday_or_ten_years),
	    cmocka_unit_test(test_manager_records_with_deadline_and_retention),
	    cmocka_unit_test(test_overdue_ofsted_notification_is_highlighted),
	    cmocka_unit_test(test_person_concerned_never_sees_it),
	    cmocka_unit_test(test_other_roles_reach_no_allegation_route),
	    cmocka_unit_test(test_every_read_is_audited),
	    cmocka_unit_test(test_audit_page_hides_allegations_from_the_person_and_the_admin),
	    cmocka_unit_test(test_addenda_only_append),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
