/*
 * test_group.c — the commands of groups of settings (issue 10): `kw demo
 * --settings N` loads N settings in one group; `kw group add|attach|grant|
 * list` and `kw user add --role group_manager --group G` refuse bad input
 * naming the field, and write nothing then; a group manager account holds
 * no role in any setting and still signs in (to the group's first setting,
 * where it holds no role).
 */
#include "support.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_session.h"
#include "store.h"

static const char *demo3(void)
{
	const char *db = t_path("group.db");
	char *out = NULL;
	assert_int_equal(t_kw(db, &out, NULL, "demo", "--settings", "3", "--children", "20",
	                      "--start", "2026-03-02", NULL),
	                 0);
	assert_non_null(strstr(out, "3 settings in the group \"Demo group\""));
	free(out);
	return db;
}

static void test_demo_settings_loads_every_setting_in_one_group(void **state)
{
	const char *db = demo3();
	char *out = NULL;
	(void)state;
	assert_int_equal(t_kw(db, &out, NULL, "group", "list", NULL), 0);
	assert_non_null(strstr(out, "Demo group"));
	assert_int_equal(t_count(out, "setting "), 3);
	assert_non_null(strstr(out, "Sunflower Day Nursery"));
	assert_non_null(strstr(out, "Bluebell Nursery"));
	assert_non_null(strstr(out, "Daisy Chain Nursery"));
	free(out);
	t_cleanup();
}

static void test_demo_settings_refuses_a_bad_number(void **state)
{
	char *err = NULL;
	(void)state;
	assert_int_equal(t_kw(t_path("bad.db"), NULL, &err, "demo", "--settings", "0", NULL), 2);
	assert_non_null(strstr(err, "--settings"));
	free(err);
	assert_int_equal(t_kw(t_path("bad.db"), NULL, &err, "demo", "--settings", "51", NULL), 2);
	assert_non_null(strstr(err, "--settings"));
	free(err);
	t_cleanup();
}

/* kw with args fails with status and names field on standard error; nothing written. */
static void refused(const char *db, int status, const char *field, ...)
{
	const char *args[12];
	char *before = t_fingerprint(db), *after, *err = NULL;
	va_list ap;
	size_t n = 0;
	va_start(ap, field);
	while (n < 11 && (args[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	args[n] = NULL;
	assert_int_equal(t_kw(db, NULL, &err, args[0], args[1], args[2], args[3], args[4], args[5],
	                      args[6], args[7], args[8], args[9], args[10]),
	                 status);
	if (!strstr(err, field))
		fail_msg("kw %s %s: expected %s in: %s", args[0], args[1], field, err);
	after = t_fingerprint(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(err);
}

static void test_group_commands_name_the_field_and_write_nothing(void **state)
{
	const char *db = demo3();
	char *out = NULL;
	(void)state;
	refused(db, 1, "name:", "group", "add", "", NULL);
	refused(db, 1, "name:", "group", "add", "Demo group", NULL);
	refused(db, 1, "group:", "group", "attach", "Nowhere", "1", NULL);
	refused(db, 2, "setting:", "group", "attach", "Demo group", "one", NULL);
	refused(db, 1, "setting", "group", "attach", "Demo group", "99", NULL);
	refused(db, 1, "setting:", "group", "attach", "Demo group", "2", NULL);
	refused(db, 2, "--group", "user", "add", "gm", "--role", "group_manager", NULL);
	refused(db, 2, "--group", "user", "add", "gm", "--role", "manager", "--group", "Demo group",
	        "--setting", "1", NULL);
	refused(db, 1, "group:", "user", "add", "gm", "--role", "group_manager", "--group",
	        "Nowhere", NULL);
	refused(db, 1, "username:", "group", "grant", "Demo group", "nobody", NULL);
	/* a group with no setting yet has nowhere to sign in to */
	assert_int_equal(t_kw(db, &out, NULL, "group", "add", "Empty", NULL), 0);
	free(out);
	refused(db, 1, "group:", "user", "add", "gm", "--role", "group_manager", "--group", "Empty",
	        NULL);
	/* a setting moves to another group only by being taken out first */
	refused(db, 1, "setting:", "group", "attach", "Empty", "1", NULL);
	t_cleanup();
}

static void test_a_group_manager_holds_no_role_and_signs_in(void **state)
{
	const char *db = demo3();
	char *out = NULL, *err = NULL, password[64] = "", token[TOKEN_LEN], msg[512];
	const char *at;
	struct store *s;
	struct session_user u;
	(void)state;
	assert_int_equal(t_kw(db, &out, NULL, "user", "add", "gm", "--role", "group_manager",
	                      "--group", "Demo group", "--name", "Head office", NULL),
	                 0);
	at = strstr(out, "one-time password: ");
	assert_non_null(at);
	assert_int_equal(sscanf(at, "one-time password: %63s", password), 1);
	free(out);
	assert_int_equal(t_kw(db, &out, NULL, "group", "list", NULL), 0);
	assert_non_null(strstr(out, "Demo group"));
	assert_non_null(strstr(out, "       3        1\n")); /* 3 settings, 1 manager */
	free(out);
	/* the same account twice: refused */
	refused(db, 1, "username:", "group", "grant", "Demo group", "gm", NULL);
	/* an account with a role in a setting becomes a group manager too */
	assert_int_equal(t_kw(db, &out, &err, "user", "add", "boss", "--role", "manager",
	                      "--setting", "2", NULL),
	                 0);
	free(out);
	free(err);
	assert_int_equal(t_kw(db, &out, NULL, "group", "grant", "Demo group", "boss", NULL), 0);
	free(out);
	assert_int_equal(t_kw(db, &out, NULL, "group", "list", NULL), 0);
	assert_non_null(strstr(out, "       3        2\n"));
	free(out);

	if (store_open(db, STORE_OPEN_EXISTING, &s, msg, sizeof msg) != 0)
		fail_msg("%s", msg);
	assert_int_equal(core_session_signin(s, "gm", password, "127.0.0.1", token, &u), SIGNIN_OK);
	assert_int_equal(u.roles, 0u);
	assert_int_equal(u.setting_id, 1);
	assert_int_equal(
	    core_session_signin(s, "boss", "wrong password here", "127.0.0.1", token, &u),
	    SIGNIN_BAD);
	store_close(s);
	t_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_demo_settings_loads_every_setting_in_one_group),
	    cmocka_unit_test(test_demo_settings_refuses_a_bad_number),
	    cmocka_unit_test(test_group_commands_name_the_field_and_write_nothing),
	    cmocka_unit_test(test_a_group_manager_holds_no_role_and_signs_in),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
