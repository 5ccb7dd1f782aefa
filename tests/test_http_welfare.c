/*
 * test_http_welfare.c — the welfare patterns page, its thresholds form, the
 * prime-area levels of a review, and the concern email, through
 * http_handle without sockets on the demo setting (today pinned to
 * Wednesday 2026-03-04; the demo gives one child three absences in the
 * last four weeks and another two reviews below expected in CL):
 *
 *   - the manager and the DSL see the absence patterns, the SENCo the
 *     development ones, each only their own; practitioners, parents and the
 *     admin are refused; each view is audited; their home pages count them;
 *   - the thresholds: only the manager's, validated with the field named
 *     and nothing saved on a refusal, and the page follows them;
 *   - a held meeting records the levels that feed the SENCo's list;
 *   - the concern email: through the configured command, only initials and
 *     a link; nothing without a command; the concern answered and kept
 *     whether the command is slow or fails.
 */
#include "support.h"
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_mail.h"
#include "core_user.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static const char *db;
static char *repeated_name; /* the demo's child with repeated absence */
static int64_t child;       /* a child of the practitioner's (S04) room */

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512];
	(void)state;
	db = th_demo(&srv, "welfare.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "senco", "parent", "admin", NULL);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "dsl", "demo-dsl-2026", 1u << ROLE_DSL, "S02", 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_serve();
	repeated_name = th_db_text(
	    "SELECT c.first_name || ' ' || c.last_name FROM child c WHERE c.setting_id = 1 AND "
	    "(SELECT count(*) FROM child_absence a WHERE a.child_id = c.id AND a.date >= "
	    "'2026-02-05') >= 3 AND c.preferred_name = ''");
	child = th_db_int("SELECT c.id FROM child c WHERE c.room_id = (SELECT sr.room_id FROM "
	                  "staff_room sr JOIN staff s ON s.id = sr.staff_id AND s.code = 'S04' "
	                  "AND sr.position = 0) ORDER BY c.id LIMIT 1");
	return 0;
}

static int group_teardown(void **state)
{
	free(repeated_name);
	return th_group_teardown(state);
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

static void test_manager_and_dsl_see_absence_patterns(void **state)
{
	static const char *const who[][2] = {{"manager", "demo-manager-2026"},
	                                     {"dsl", "demo-dsl-2026"}};
	(void)state;
	for (size_t i = 0; i < 2; i++) {
		char *c = th_signin(who[i][0], who[i][1]);
		int64_t views =
		    count("SELECT count(*) FROM audit_log WHERE action = 'welfare.view'");
		struct th_reply r = th_get(c, "/welfare", NULL);
		assert_int_equal(r.status, 200);
		th_assert_contains(r.body, "Repeated absence");
		th_assert_contains(r.body, repeated_name);
		th_assert_contains(r.body, "3 absences from");
		th_assert_lacks(r.body, "Development below expected");
		th_reply_free(&r);
		assert_int_equal(
		    count("SELECT count(*) FROM audit_log WHERE action = 'welfare.view'"),
		    views + 1);
		r = th_get(c, "/", NULL);
		th_assert_contains(r.body, "absence pattern");
		th_reply_free(&r);
		free(c);
	}
}

static void test_senco_sees_development_only(void **state)
{
	char *c = th_signin("senco", "demo-senco-2026");
	struct th_reply r = th_get(c, "/welfare", NULL);
	(void)state;
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Development below expected");
	th_assert_contains(r.body, "less than expected in CL both times");
	th_assert_lacks(r.body, "Repeated absence");
	th_assert_lacks(r.body, "absences from");
	th_reply_free(&r);
	r = th_get(c, "/", NULL);
	th_assert_contains(r.body, "below expected");
	th_reply_free(&r);
	expect(th_get(c, "/welfare/rules", NULL), 403);
	free(c);
}

static void test_others_reach_no_welfare_pattern(void **state)
{
	static const char *const who[][2] = {{"keyperson", "demo-keyperson-2026"},
	                                     {"parent", "demo-parent-2026"},
	                                     {"admin", "demo-admin-2026"}};
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char *c = th_signin(who[i][0], who[i][1]);
		struct th_reply r = th_get(c, "/welfare", NULL);
		if (r.status != 403)
			fail_msg("%s: %d for /welfare", who[i][0], r.status);
		th_assert_lacks(r.body, repeated_name);
		th_reply_free(&r);
		expect(th_get(c, "/welfare/rules", NULL), 403);
		expect(th_post(c, "/welfare/rules",
		               "repeated_absences=2&repeated_weeks=4&prolonged_days=5"
		               "&prolonged_calendar_days=10"),
		       403);
		free(c);
	}
	{
		char *c = th_signin("dsl", "demo-dsl-2026"); /* the DSL sees, does not set */
		expect(th_post(c, "/welfare/rules",
		               "repeated_absences=2&repeated_weeks=4&prolonged_days=5"
		               "&prolonged_calendar_days=10"),
		       403);
		free(c);
	}
	assert_int_equal(count("SELECT count(*) FROM welfare_rule"), 0);
}

static void test_thresholds_are_validated_and_followed(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r;
	(void)state;
	r = th_get(m, "/welfare/rules", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "name=\"repeated_absences\" min=\"2\" max=\"30\" value=\"3\"");
	th_reply_free(&r);
	r = th_post(m, "/welfare/rules",
	            "repeated_absences=1&repeated_weeks=4&prolonged_days=5"
	            "&prolonged_calendar_days=10");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "repeated_absences:");
	th_assert_contains(r.body, "id=\"repeated_absences-error\"");
	th_reply_free(&r);
	r = th_post(m, "/welfare/rules",
	            "repeated_absences=3&repeated_weeks=4&prolonged_days=5"
	            "&prolonged_calendar_days=ten");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "prolonged_calendar_days:");
	th_reply_free(&r);
	assert_int_equal(count("SELECT count(*) FROM welfare_rule"), 0);
	/* four absences now: the demo child's three no longer repeated */
	expect(th_post(m, "/welfare/rules",
	               "repeated_absences=4&repeated_weeks=4&prolonged_days=5"
	               "&prolonged_calendar_days=10"),
	       303);
	assert_int_equal(count("SELECT repeated_absences FROM welfare_rule WHERE setting_id = 1"),
	                 4);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'welfare.rules'"), 1);
	r = th_get(m, "/welfare", NULL);
	th_assert_contains(r.body, "4 or more absences in 4 weeks");
	th_assert_lacks(r.body, repeated_name);
	th_reply_free(&r);
	expect(th_post(m, "/welfare/rules",
	               "repeated_absences=3&repeated_weeks=4&prolonged_days=5"
	               "&prolonged_calendar_days=10"),
	       303);
	r = th_get(m, "/welfare", NULL);
	th_assert_contains(r.body, repeated_name);
	th_reply_free(&r);
	free(m);
}

static void test_held_meeting_records_prime_area_levels(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"), path[96];
	int64_t key = th_db_int("SELECT k.child_id FROM key_assignment k JOIN staff s ON s.id = "
	                        "k.primary_staff_id WHERE s.code = 'S04' AND k.to_date IS NULL "
	                        "ORDER BY k.child_id LIMIT 1"),
	        meeting;
	struct th_reply r;
	(void)state;
	assert_true(key > 0);
	th_db_exec("INSERT INTO progress_meeting (setting_id, child_id, at, status, created_at) "
	           "VALUES (1, %lld, 1772200000, 'scheduled', 0)",
	           (long long)key);
	meeting = count("SELECT max(id) FROM progress_meeting");
	snprintf(path, sizeof path, "/children/%lld/meetings", (long long)key);
	r = th_get(k, path, NULL);
	th_assert_contains(r.body, "name=\"cl_level\"");
	th_reply_free(&r);
	snprintf(path, sizeof path, "/children/%lld/meetings/%lld", (long long)key,
	         (long long)meeting);
	r = th_post(k, path, "notes=Talked&status=held&cl_level=great");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "cl_level");
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM progress_meeting WHERE id = %lld AND status = 'held'",
	              (long long)meeting),
	    0);
	expect(th_post(k, path,
	               "notes=Talked&status=held&psed_level=expected&cl_level=less_than_expected"
	               "&pd_level="),
	       303);
	assert_int_equal(th_db_int("SELECT count(*) FROM progress_meeting WHERE id = %lld AND "
	                           "cl_level = 'less_than_expected' AND psed_level = 'expected' "
	                           "AND pd_level = ''",
	                           (long long)meeting),
	                 1);
	free(k);
}

/* ---- the concern email ---- */

static void report(const char *cookie)
{
	char fields[300];
	struct th_reply r;
	snprintf(fields, sizeof fields,
	         "child=%lld&date=" TODAY "&time=09:10&seen_heard=A+red+mark+on+the+cheek"
	         "&body_region=face",
	         (long long)child);
	r = th_post(cookie, "/concerns", fields);
	if (r.status != 303)
		fail_msg("report: %d\n%s", r.status, r.body);
	th_reply_free(&r);
}

/* Wait up to 5 s for a file to be complete (the command writes it, then we see it). */
static char *wait_for(const char *path)
{
	for (int i = 0; i < 100; i++) {
		char *text = t_read_file(path, NULL);
		if (text && strstr(text, "please do not reply"))
			return text;
		free(text);
		usleep(50 * 1000);
	}
	return NULL;
}

static void test_concern_email_names_only_initials(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"), cmd[600], *mail, *first, *last,
	     initials[16];
	const char *out = t_path("mail.txt");
	int64_t before = count("SELECT count(*) FROM concern");
	(void)state;
	snprintf(cmd, sizeof cmd, "cat > '%s'", out);
	core_mail_configure(cmd, "https://sunflower.example");
	report(k);
	assert_int_equal(count("SELECT count(*) FROM concern"), before + 1);
	mail = wait_for(out);
	if (!mail)
		fail_msg("no email written to %s", out);
	first = th_db_text("SELECT CASE WHEN preferred_name <> '' THEN preferred_name ELSE "
	                   "first_name END FROM child WHERE id = %lld",
	                   (long long)child);
	last = th_db_text("SELECT last_name FROM child WHERE id = %lld", (long long)child);
	snprintf(initials, sizeof initials, "(%c.%c.)", first[0], last[0]);
	th_assert_contains(mail, "To: ");
	th_assert_contains(mail, "laura.fernandez@sunflower-nursery.example"); /* staff.dsl */
	th_assert_contains(mail, "anna.zielinska@sunflower-nursery.example");  /* the dsl account */
	th_assert_lacks(mail, "sarah.smith@"); /* the manager is not a DSL */
	th_assert_contains(mail, "Subject: A safeguarding concern was recorded");
	th_assert_contains(mail, initials);
	th_assert_contains(mail, "https://sunflower.example/safeguarding");
	th_assert_lacks(mail, "red mark");
	th_assert_lacks(mail, "cheek");
	th_assert_lacks(mail, first);
	th_assert_lacks(mail, last);
	free(mail);
	free(first);
	free(last);
	core_mail_configure(NULL, NULL);
	free(k);
}

static void test_no_email_without_a_command(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	const char *out = t_path("nomail.txt");
	struct stat sb;
	int64_t before = count("SELECT count(*) FROM concern");
	(void)state;
	core_mail_configure(NULL, NULL);
	assert_false(core_mail_configured());
	report(k);
	assert_int_equal(count("SELECT count(*) FROM concern"), before + 1);
	usleep(300 * 1000);
	assert_int_not_equal(stat(out, &sb), 0);
	/* the DSL's in-app notice is there all the same */
	{
		char *d = th_signin("dsl", "demo-dsl-2026");
		struct th_reply r = th_get(d, "/", NULL);
		th_assert_contains(r.body, "new safeguarding");
		th_reply_free(&r);
		free(d);
	}
	free(k);
}

static void test_slow_or_failing_command_never_holds_up_the_concern(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"), cmd[600], *mail;
	const char *out = t_path("slow.txt");
	struct stat sb;
	int64_t before = count("SELECT count(*) FROM concern");
	(void)state;
	/* a command that takes a second: the concern is answered before it writes */
	snprintf(cmd, sizeof cmd, "sleep 1; cat > '%s'", out);
	core_mail_configure(cmd, NULL);
	report(k);
	assert_int_not_equal(stat(out, &sb), 0);
	assert_int_equal(count("SELECT count(*) FROM concern"), before + 1);
	mail = wait_for(out);
	assert_non_null(mail);
	th_assert_contains(mail, "Open keyworker to read it: the keyworker app");
	free(mail);
	/* a command that fails, or does not exist: the concern is kept all the same */
	core_mail_configure("exit 3", NULL);
	report(k);
	core_mail_configure("/nonexistent/sendmail -t", NULL);
	report(k);
	assert_int_equal(count("SELECT count(*) FROM concern"), before + 3);
	core_mail_configure(NULL, NULL);
	free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_manager_and_dsl_see_absence_patterns),
	    cmocka_unit_test(test_senco_sees_development_only),
	    cmocka_unit_test(test_others_reach_no_welfare_pattern),
	    cmocka_unit_test(test_thresholds_are_validated_and_followed),
	    cmocka_unit_test(test_held_meeting_records_prime_area_levels),
	    cmocka_unit_test(test_concern_email_names_only_initials),
	    cmocka_unit_test(test_no_email_without_a_command),
	    cmocka_unit_test(test_slow_or_failing_command_never_holds_up_the_concern),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
