/*
 * test_cli.c — the commands a manager or an admin types, run as the real
 * binary: init, user, check, backup and restore, plan on live data, and
 * the errors they give for bad input (one line naming what is wrong, exit
 * 2 for usage and 1 for failure, nothing changed).
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char *db;

static void init_db(void)
{
	char *out = NULL;
	db = t_path("kw.db");
	assert_int_equal(t_kw(db, &out, NULL, "init", "--setting", "Little Acorns", NULL), 0);
	assert_non_null(strstr(out, "Little Acorns"));
	free(out);
}

static void test_init_creates_a_private_database_and_refuses_a_second_setting(void **state)
{
	struct stat sb;
	char *err = NULL;
	(void)state;
	init_db();
	if (!t_on_pg()) { /* a file of its own, readable by its owner only */
		assert_int_equal(stat(db, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
	}
	assert_int_equal(t_kw(db, NULL, &err, "init", NULL), 1);
	assert_non_null(strstr(err, "already holds a setting"));
	free(err);
	t_cleanup();
}

static void test_unknown_command_and_bad_usage_exit_2(void **state)
{
	char *err = NULL;
	(void)state;
	assert_int_equal(t_kw(t_path("x.db"), NULL, &err, "frobnicate", NULL), 2);
	assert_non_null(strstr(err, "unknown command"));
	free(err);
	assert_int_equal(t_kw(t_path("x.db"), NULL, &err, "init", "--kind", "castle", NULL), 2);
	assert_non_null(strstr(err, "--kind"));
	free(err);
	t_cleanup();
}

static void test_commands_refuse_a_missing_database(void **state)
{
	char *err = NULL;
	struct stat sb;
	(void)state;
	assert_int_equal(t_kw(t_path("missing.db"), NULL, &err, "today", NULL), 1);
	assert_non_null(strstr(err, "kw init"));
	assert_int_not_equal(stat(t_path("missing.db"), &sb), 0);
	free(err);
	t_cleanup();
}

static int run_with_stdin(const char *input, const char *args)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "printf '%%s\\n' '%s' | '%s' --db '%s' %s >/dev/null 2>&1", input,
	         getenv("KW_BIN"), db, args);
	return WEXITSTATUS(system(cmd));
}

static void test_user_add_list_passwd_disable(void **state)
{
	char *out = NULL, *err = NULL;
	(void)state;
	init_db();
	assert_int_equal(
	    run_with_stdin("correct horse battery", "user add ann --role admin --password-stdin"),
	    0);
	/* a short password is refused and no account is made */
	assert_int_equal(run_with_stdin("short", "user add bob --role manager --password-stdin"),
	                 1);
	/* a parent needs their contact */
	assert_int_equal(
	    run_with_stdin("long enough password", "user add pat --role parent --password-stdin"),
	    1);
	assert_int_equal(t_kw(db, &out, NULL, "user", "add", "cat", "--role", "manager", NULL), 0);
	assert_non_null(strstr(out, "one-time password"));
	free(out);
	assert_int_equal(t_kw(db, NULL, &err, "user", "add", "ann", "--role", "manager", NULL), 1);
	assert_non_null(strstr(err, "taken"));
	free(err);
	assert_int_equal(t_kw(db, &out, NULL, "user", "list", NULL), 0);
	assert_non_null(strstr(out, "ann"));
	assert_non_null(strstr(out, "cat"));
	assert_null(strstr(out, "bob"));
	assert_null(strstr(out, "pat"));
	free(out);
	assert_int_equal(t_kw(db, NULL, NULL, "user", "disable", "cat", NULL), 0);
	assert_int_equal(t_kw(db, &out, NULL, "user", "list", NULL), 0);
	assert_non_null(strstr(out, "disabled"));
	free(out);
	assert_int_equal(
	    run_with_stdin("another long password", "user passwd ann --password-stdin"), 0);
	assert_int_equal(t_kw(db, NULL, &err, "user", "disable", "nobody", NULL), 1);
	free(err);
	t_cleanup();
}

static void test_check_backup_and_restore(void **state)
{
	char *out = NULL, *err = NULL;
	char *before = NULL, *after = NULL;
	(void)state;
	db = t_path("demo.db");
	assert_int_equal(t_kw(db, NULL, NULL, "demo", "--start", "2026-03-02", NULL), 0);
	assert_int_equal(t_kw(db, &out, NULL, "check", NULL), 0);
	assert_non_null(strstr(out, "integrity and foreign keys: ok"));
	assert_non_null(strstr(out, "audit log of setting 1: ok"));
	free(out);
	assert_int_equal(t_kw(db, &before, NULL, "today", "--date", "2026-03-03", "--json", NULL),
	                 0);
	if (t_kw(db, NULL, &err, "backup", t_path("b.backup"), NULL) != 0)
		fail_msg("backup: %s", err);
	free(err);
	err = NULL;
	/* a change after the backup ... */
	assert_int_equal(t_kw(db, NULL, NULL, "absence", "add", "S01", "--from", "2026-03-03",
	                      "--reason", "sick", NULL),
	                 0);
	assert_int_equal(t_kw(db, &after, NULL, "today", "--date", "2026-03-03", "--json", NULL),
	                 0);
	assert_string_not_equal(before, after); /* S01 is off sick */
	/* ... is undone by restoring it */
	assert_int_equal(t_kw(db, NULL, NULL, "restore", t_path("b.backup"), NULL), 0);
	free(after);
	assert_int_equal(t_kw(db, &after, NULL, "today", "--date", "2026-03-03", "--json", NULL),
	                 0);
	assert_string_equal(before, after);
	/* a damaged backup is refused and the database is left as it was */
	assert_int_equal(t_write_file(t_path("bad.backup"), "SQLite format 3\0garbage garbage"), 0);
	assert_int_equal(t_kw(db, NULL, &err, "restore", t_path("bad.backup"), NULL), 1);
	free(err);
	free(after);
	assert_int_equal(t_kw(db, &after, NULL, "today", "--date", "2026-03-03", "--json", NULL),
	                 0);
	assert_string_equal(before, after);
	free(before);
	free(after);
	t_cleanup();
}

static void test_plan_on_live_data_is_kept_then_applied(void **state)
{
	char *out = NULL, *err = NULL;
	(void)state;
	db = t_path("plan.db");
	assert_int_equal(t_kw(db, NULL, NULL, "demo", "--start", "2026-03-02", NULL), 0);
	assert_int_equal(t_kw(db, &out, &err, "plan", "--setting", "--from", "2026-03-09", NULL),
	                 0);
	if (!strstr(out, "proposal 1"))
		fail_msg("plan output: %s\n%s", out, err);
	assert_non_null(strstr(out, "kw plan --apply 1"));
	/* the demo's key groups are deliberately not the best: the planner improves them */
	assert_non_null(strstr(out, "children would change"));
	free(out);
	free(err);
	assert_int_equal(t_kw(db, NULL, &err, "plan", "--apply", "1", NULL), 2);
	free(err);
	assert_int_equal(t_kw(db, &out, NULL, "plan", "--apply", "1", "--from", "2026-03-09", NULL),
	                 0);
	assert_non_null(strstr(out, "applied proposal 1"));
	free(out);
	/* applying twice is refused */
	assert_int_equal(t_kw(db, NULL, &err, "plan", "--apply", "1", "--from", "2026-03-09", NULL),
	                 1);
	assert_non_null(strstr(err, "already applied"));
	free(err);
	/* planning again from the applied plan changes nothing */
	assert_int_equal(t_kw(db, &out, NULL, "plan", "--setting", "--from", "2026-03-09", NULL),
	                 0);
	assert_non_null(strstr(out, "proposal 2"));
	assert_non_null(strstr(out, ", 0 children would change"));
	free(out);
	assert_int_equal(t_kw(db, &out, NULL, "check", NULL), 0);
	free(out);
	t_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_init_creates_a_private_database_and_refuses_a_second_setting),
	    cmocka_unit_test(test_unknown_command_and_bad_usage_exit_2),
	    cmocka_unit_test(test_commands_refuse_a_missing_database),
	    cmocka_unit_test(test_user_add_list_passwd_disable),
	    cmocka_unit_test(test_check_backup_and_restore),
	    cmocka_unit_test(test_plan_on_live_data_is_kept_then_applied),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
