/*
 * test_http_concern.c — safeguarding concerns and the audit page through
 * http_handle without sockets, on the demo setting (today pinned to
 * Wednesday 2026-03-04), mostly from the forbidden side:
 *
 *   - a practitioner reports a concern (with the body map) and sees only
 *     "received"; nothing they can reach shows it back;
 *   - the practitioner, manager, SENCo, parent and admin reach no
 *     chronology route (list, chronology, step-up, addenda);
 *   - the DSL is asked for their password before a chronology opens, and
 *     again after 15 idle minutes (the instants in the session row);
 *   - every chronology shown writes an audit row, the password form none;
 *   - addenda only append: a referral names its agency, the tables refuse
 *     UPDATE and DELETE;
 *   - the DSL's home page counts the concerns they have not opened;
 *   - the audit page filters by person, child, kind and date, exports CSV,
 *     and a manager who is not the DSL sees nothing about concerns there.
 */
#include "support.h"
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_user.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"
#define WORDS "Daddy pinched me"
#define SEEN "A round bruise on the upper arm, about 2 cm"

static struct server srv;
static const char *db;
static int64_t child; /* a child of the practitioner's (S04) room */

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512];
	(void)state;
	db = th_demo(&srv, "concern.db", "2026-03-02", TODAY, 0);
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
	child = th_db_int("SELECT c.id FROM child c WHERE c.room_id = (SELECT sr.room_id FROM "
	                  "staff_room sr JOIN staff s ON s.id = sr.staff_id AND s.code = 'S04' "
	                  "AND sr.position = 0) ORDER BY c.id LIMIT 1");
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

/* The practitioner reports a concern about child; returns its id. */
static int64_t report(const char *cookie, const char *region)
{
	char fields[512];
	struct th_reply r;
	snprintf(fields, sizeof fields,
	         "child=%lld&date=" TODAY
	         "&time=09:10&seen_heard=A+round+bruise+on+the+upper+arm%%2C"
	         "+about+2+cm&child_words=Daddy+pinched+me&body_region=%s",
	         (long long)child, region);
	r = th_post(cookie, "/concerns", fields);
	if (r.status != 303)
		fail_msg("report: %d\n%s", r.status, r.body);
	assert_string_equal(r.location, "/concerns/received");
	th_reply_free(&r);
	return count("SELECT max(id) FROM concern");
}

static void test_reporter_sees_only_received(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"), path[96];
	struct th_reply r;
	int64_t id, before = count("SELECT count(*) FROM concern"); /* the demo has one */
	(void)state;
	r = th_get(k, "/concerns/new", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<svg");
	th_assert_contains(r.body, "data-region=\"left_arm\"");
	th_assert_contains(r.body, "id=\"region-left_arm\""); /* works without JavaScript */
	th_reply_free(&r);
	/* a bad region, a missing account of what was seen: 422 naming the field, nothing kept */
	snprintf(path, sizeof path,
	         "child=%lld&date=" TODAY "&time=09:10&seen_heard=x&body_region=tail",
	         (long long)child);
	r = th_post(k, "/concerns", path);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "body_region");
	th_reply_free(&r);
	snprintf(path, sizeof path, "child=%lld&date=" TODAY "&time=09:10", (long long)child);
	r = th_post(k, "/concerns", path);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "seen_heard");
	th_reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM concern"), before);

	id = report(k, "left_arm");
	assert_true(id > 0);
	r = th_get(k, "/concerns/received", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Received.");
	th_assert_lacks(r.body, WORDS);
	th_assert_lacks(r.body, "bruise");
	th_reply_free(&r);
	/* no way back to it: the chronology routes, the child's page and the API */
	expect(th_get(k, "/safeguarding", NULL), 403);
	snprintf(path, sizeof path, "/safeguarding/children/%lld", (long long)child);
	expect(th_get(k, path, NULL), 403);
	snprintf(path, sizeof path, "/children/%lld", (long long)child);
	r = th_get(k, path, NULL);
	th_assert_lacks(r.body, WORDS);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/api/v1/children/%lld", (long long)child);
	r = th_get(k, path, NULL);
	th_assert_lacks(r.body, WORDS);
	th_reply_free(&r);
	expect(th_get(k, "/audit", NULL), 403);
	/* stored as reported, with an audit row that does not repeat it */
	assert_int_equal(th_db_int("SELECT count(*) FROM concern WHERE body_region = 'left_arm' "
	                           "AND child_words = '" WORDS "'"),
	                 1);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = "
	                           "'concern.report' AND detail LIKE '%%bruise%%'"),
	                 0);
	free(k);
}

static void test_nobody_but_the_dsl_reaches_a_chronology(void **state)
{
	static const char *const who[][2] = {{"keyperson", "demo-keyperson-2026"},
	                                     {"manager", "demo-manager-2026"},
	                                     {"senco", "demo-senco-2026"},
	                                     {"parent", "demo-parent-2026"},
	                                     {"admin", "demo-admin-2026"}};
	char chron[96], add[96];
	int64_t before = count("SELECT count(*) FROM concern_addendum"),
	        views = count("SELECT count(*) FROM audit_log WHERE action LIKE 'concern.%%view'");
	(void)state;
	snprintf(chron, sizeof chron, "/safeguarding/children/%lld", (long long)child);
	snprintf(add, sizeof add, "/safeguarding/children/%lld/addenda", (long long)child);
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		char *c = th_signin(who[i][0], who[i][1]);
		struct th_reply r = th_get(c, chron, NULL);
		if (r.status != 403)
			fail_msg("%s: %d for the chronology", who[i][0], r.status);
		th_assert_lacks(r.body, WORDS);
		th_reply_free(&r);
		expect(th_get(c, "/safeguarding", NULL), 403);
		expect(th_post(c, "/safeguarding/step-up", "password=x"), 403);
		expect(th_post(c, add, "concern=1&kind=note&text=hello"), 403);
		free(c);
	}
	/* signed out: sent to sign in, and a write without a session is refused */
	{
		struct th_reply r = th_get(NULL, chron, NULL);
		assert_int_equal(r.status, 303);
		th_assert_contains(r.location, "/signin");
		th_reply_free(&r);
	}
	assert_int_equal(count("SELECT count(*) FROM concern_addendum"), before);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action LIKE 'concern.%%view'"),
	                 views);
}

static int64_t chronology_views(void)
{
	return count("SELECT count(*) FROM audit_log WHERE action = 'concern.chronology.view'");
}

static void test_step_up_then_every_view_is_audited(void **state)
{
	char *d = th_signin("dsl", "demo-dsl-2026"), path[96];
	struct th_reply r;
	int64_t views = chronology_views();
	(void)state;
	snprintf(path, sizeof path, "/safeguarding/children/%lld", (long long)child);
	/* first the password */
	r = th_get(d, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Confirm it is you");
	th_assert_lacks(r.body, WORDS);
	th_reply_free(&r);
	assert_int_equal(chronology_views(), views); /* nothing shown, nothing to audit */
	r = th_post(d, "/safeguarding/step-up", "password=wrong-password&child=1");
	assert_int_equal(r.status, 403);
	th_assert_lacks(r.body, WORDS);
	th_reply_free(&r);
	r = th_get(d, path, NULL);
	th_assert_contains(r.body, "Confirm it is you");
	th_reply_free(&r);
	{
		char fields[96];
		snprintf(fields, sizeof fields, "password=demo-dsl-2026&child=%lld",
		         (long long)child);
		r = th_post(d, "/safeguarding/step-up", fields);
		assert_int_equal(r.status, 303);
		th_assert_contains(r.location, path);
		th_reply_free(&r);
	}
	assert_true(count("SELECT count(*) FROM session WHERE step_up_at > 0") == 1);
	/* now the chronology, each view audited */
	for (int i = 1; i <= 2; i++) {
		r = th_get(d, path, NULL);
		assert_int_equal(r.status, 200);
		th_assert_contains(r.body, WORDS);
		th_assert_contains(r.body, SEEN);
		th_assert_contains(r.body, "left arm");
		th_reply_free(&r);
		assert_int_equal(chronology_views(), views + i);
	}
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = "
	                           "'concern.chronology.view' AND child_id = %lld",
	                           (long long)child),
	                 views + 2);
	/* 15 idle minutes later (the session row says when), the password again */
	th_db_exec("UPDATE session SET step_up_at = step_up_at - 901, step_up_seen_at = "
	           "step_up_seen_at - 901 WHERE step_up_at > 0");
	r = th_get(d, path, NULL);
	th_assert_contains(r.body, "Confirm it is you");
	th_assert_lacks(r.body, WORDS);
	th_reply_free(&r);
	assert_int_equal(chronology_views(), views + 2);
	/* 14 idle minutes is still fresh */
	{
		char fields[96];
		snprintf(fields, sizeof fields, "password=demo-dsl-2026&child=%lld",
		         (long long)child);
		expect(th_post(d, "/safeguarding/step-up", fields), 303);
	}
	th_db_exec("UPDATE session SET step_up_at = step_up_at - 840, step_up_seen_at = "
	           "step_up_seen_at - 840 WHERE step_up_at > 0");
	r = th_get(d, path, NULL);
	th_assert_contains(r.body, WORDS);
	th_reply_free(&r);
	free(d);
}

static void test_addenda_only_append(void **state)
{
	char *d = th_signin("dsl", "demo-dsl-2026"), path[96], fields[256];
	struct th_reply r;
	int64_t concern = th_db_int("SELECT min(id) FROM concern WHERE child_id = %lld",
	                            (long long)child),
	        before = count("SELECT count(*) FROM concern_addendum");
	(void)state;
	snprintf(fields, sizeof fields, "password=demo-dsl-2026&child=%lld", (long long)child);
	expect(th_post(d, "/safeguarding/step-up", fields), 303);
	snprintf(path, sizeof path, "/safeguarding/children/%lld/addenda", (long long)child);
	/* a referral names its agency */
	snprintf(fields, sizeof fields, "concern=%lld&kind=referral&text=Rang+the+front+door",
	         (long long)concern);
	r = th_post(d, path, fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "agency");
	th_reply_free(&r);
	snprintf(fields, sizeof fields,
	         "concern=%lld&kind=referral&agency=childrens_services&text=Referred+to+the+MASH",
	         (long long)concern);
	expect(th_post(d, path, fields), 303);
	snprintf(fields, sizeof fields, "concern=%lld&kind=outcome&text=Strategy+meeting+held",
	         (long long)concern);
	expect(th_post(d, path, fields), 303);
	/* another child's address for this concern: 404 */
	{
		char other[96];
		snprintf(other, sizeof other, "/safeguarding/children/%lld/addenda",
		         (long long)child + 1);
		expect(th_post(d, other, fields), 404);
	}
	assert_int_equal(count("SELECT count(*) FROM concern_addendum"), before + 2);
	r = th_get(d, path + 0, NULL); /* the addenda address takes only POST */
	assert_true(r.status == 404 || r.status == 405);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/safeguarding/children/%lld", (long long)child);
	r = th_get(d, path, NULL);
	th_assert_contains(r.body, "referral to children&#39;s services");
	th_assert_contains(r.body, "Referred to the MASH");
	th_assert_contains(r.body, "Strategy meeting held");
	th_assert_contains(r.body, WORDS); /* the concern itself unchanged */
	th_reply_free(&r);
	/* the tables refuse a change or a removal, whoever asks */
	assert_int_equal(t_sql_rc(db, "UPDATE concern SET child_words = 'x'"), STORE_CONSTRAINT);
	assert_int_equal(t_sql_rc(db, "DELETE FROM concern_addendum"), STORE_CONSTRAINT);
	assert_int_equal(t_sql_rc(db, "UPDATE concern_addendum SET text = 'x'"), STORE_CONSTRAINT);
	assert_int_equal(count("SELECT count(*) FROM concern WHERE child_words = '" WORDS "'"), 1);
	free(d);
}

static void test_dsl_home_counts_unopened_concerns(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"),
	     *deputy = th_signin("deputy", "demo-deputy-2026"), path[96], fields[96], badge[64];
	struct th_reply r;
	int64_t others;
	(void)state;
	report(k, "none");
	/* the deputy has opened none: every concern is new to them (the demo's too) */
	snprintf(badge, sizeof badge, "%lld new safeguarding concerns",
	         (long long)count("SELECT count(*) FROM concern"));
	r = th_get(deputy, "/", NULL);
	th_assert_contains(r.body, badge);
	th_reply_free(&r);
	r = th_get(deputy, "/safeguarding", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "2 new");
	th_assert_lacks(r.body, WORDS); /* the list names children, not what happened */
	th_reply_free(&r);
	snprintf(fields, sizeof fields, "password=demo-deputy-2026&child=%lld", (long long)child);
	expect(th_post(deputy, "/safeguarding/step-up", fields), 303);
	snprintf(path, sizeof path, "/safeguarding/children/%lld", (long long)child);
	expect(th_get(deputy, path, NULL), 200);
	/* the child's are opened; only the other children's are still new */
	others = th_db_int("SELECT count(*) FROM concern WHERE child_id <> %lld", (long long)child);
	if (others)
		snprintf(badge, sizeof badge, "%lld new safeguarding concern", (long long)others);
	else
		snprintf(badge, sizeof badge, "no new concerns");
	r = th_get(deputy, "/", NULL);
	th_assert_contains(r.body, badge);
	th_reply_free(&r);
	/* the keyperson's home page has no badge */
	r = th_get(k, "/", NULL);
	th_assert_lacks(r.body, "safeguarding concern");
	th_reply_free(&r);
	free(k);
	free(deputy);
}

static void test_audit_page_filters_and_hides_concerns_from_a_manager(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), *d = th_signin("dsl", "demo-dsl-2026"),
	     *a = th_signin("admin", "demo-admin-2026"), *s = th_signin("senco", "demo-senco-2026");
	char query[128];
	struct th_reply r;
	(void)state;
	r = th_get(m, "/audit", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "concern.");
	th_assert_lacks(r.body, ">concern<"); /* not even as a kind to filter by */
	th_assert_contains(r.body, "demo.load");
	th_reply_free(&r);
	r = th_get(m, "/audit.csv", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "id,at,who,action,record");
	th_assert_lacks(r.body, "concern");
	th_reply_free(&r);
	/* asking for the kind outright gives nothing either */
	r = th_get(m, "/audit.csv", "kind=concern");
	th_assert_lacks(r.body, "concern.report");
	th_reply_free(&r);
	r = th_get(a, "/audit", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "concern.");
	th_reply_free(&r);
	expect(th_get(s, "/audit", NULL), 403);
	/* the DSL sees them, filtered by child and kind, never with what was said */
	snprintf(query, sizeof query, "child=%lld&kind=concern", (long long)child);
	r = th_get(d, "/audit", query);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "concern.report");
	th_assert_contains(r.body, "concern.chronology.view");
	th_assert_lacks(r.body, "demo.load");
	th_assert_lacks(r.body, WORDS);
	th_reply_free(&r);
	r = th_get(d, "/audit.csv", query);
	th_assert_contains(r.body, "concern.report");
	th_assert_lacks(r.body, WORDS);
	th_reply_free(&r);
	/* a date filter: nothing before the demo existed; a bad date is 422 */
	r = th_get(d, "/audit", "to=2000-01-01");
	th_assert_contains(r.body, "No rows match");
	th_reply_free(&r);
	expect(th_get(d, "/audit", "from=yesterday"), 422);
	/* looking is recorded */
	assert_true(count("SELECT count(*) FROM audit_log WHERE action = 'audit.export'") >= 3);
	free(m);
	free(d);
	free(a);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reporter_sees_only_received),
	    cmocka_unit_test(test_nobody_but_the_dsl_reaches_a_chronology),
	    cmocka_unit_test(test_step_up_then_every_view_is_audited),
	    cmocka_unit_test(test_addenda_only_append),
	    cmocka_unit_test(test_dsl_home_counts_unopened_concerns),
	    cmocka_unit_test(test_audit_page_filters_and_hides_concerns_from_a_manager),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
