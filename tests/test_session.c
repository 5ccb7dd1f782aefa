/*
 * test_session.c — signing in and staying signed in, through core_session:
 * the right password opens a session whose token the database keeps only
 * as a hash; a wrong one and an unknown user get the same answer; ten
 * failures in 15 minutes lock the account; idle and absolute expiry end a
 * session; a disabled user, a member of staff after their leaving date and
 * a family some weeks after their last child left can no longer sign in.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_child.h"
#include "core_session.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_user.h"
#include "store.h"

static struct store *s;
static struct actor who;

static void exec_sql(const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	assert_non_null(st);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

static void add(const struct field_spec *spec, size_t n, const char *const *raw,
                int (*op)(struct store *, const struct actor *, const struct field_value *,
                          int64_t *, struct op_error *))
{
	struct arena a;
	struct field_value v[32];
	struct field_error fe;
	struct op_error e;
	int64_t id;
	arena_init(&a);
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	if (op(s, &who, v, &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	arena_free(&a);
}

static void user(const char *name, const char *role, const char *staff, int64_t contact)
{
	struct user_new u = {
	    .username = name, .password = "a long enough password", .contact_id = contact};
	struct op_error e;
	int64_t id;
	u.roles = 1u << role_parse(role);
	u.staff_id = staff ? core_staff_find(s, who.setting_id, staff) : 0;
	if (core_user_add(s, &who, &u, &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
}

static int setup(void **state)
{
	char err[512];
	struct op_error e;
	static const char *const room[ROOM__MAX] = {"Toddlers", "24", "36", "12"};
	const char *staff_now[STAFF__MAX] = {
	    [STAFF_ID] = "S1", [STAFF_NAME] = "Amy Stays", [STAFF_ROOMS] = "Toddlers"};
	const char *staff_left[STAFF__MAX] = {[STAFF_ID] = "S2",
	                                      [STAFF_NAME] = "Ben Left",
	                                      [STAFF_ROOMS] = "Toddlers",
	                                      [STAFF_START_DATE] = "2020-01-06",
	                                      [STAFF_LEAVING_DATE] = "2026-01-30"};
	const char *child_here[CHILD__MAX] = {[CHILD_ID] = "C1",
	                                      [CHILD_FIRST_NAME] = "Maya",
	                                      [CHILD_LAST_NAME] = "Khan",
	                                      [CHILD_FAMILY] = "Khan",
	                                      [CHILD_DATE_OF_BIRTH] = "2024-05-01",
	                                      [CHILD_ROOM] = "Toddlers",
	                                      [CHILD_START_DATE] = "2026-01-05"};
	const char *child_gone[CHILD__MAX] = {[CHILD_ID] = "C2",
	                                      [CHILD_FIRST_NAME] = "Olly",
	                                      [CHILD_LAST_NAME] = "Gone",
	                                      [CHILD_FAMILY] = "Gone",
	                                      [CHILD_DATE_OF_BIRTH] = "2024-02-01",
	                                      [CHILD_ROOM] = "Toddlers",
	                                      [CHILD_START_DATE] = "2025-01-06",
	                                      [CHILD_LEAVING_DATE] = "2026-02-27"};
	const char *parent_here[CONTACT__MAX] = {[CONTACT_CHILD] = "C1",
	                                         [CONTACT_NAME] = "Mrs Khan",
	                                         [CONTACT_PARENTAL_RESPONSIBILITY] = "yes"};
	const char *parent_gone[CONTACT__MAX] = {[CONTACT_CHILD] = "C2",
	                                         [CONTACT_NAME] = "Mr Gone",
	                                         [CONTACT_PARENTAL_RESPONSIBILITY] = "yes"};
	(void)state;
	setenv("KW_TODAY", "2026-03-16", 1);
	assert_int_equal(store_open(t_path("s.db"), STORE_OPEN_CREATE, &s, err, sizeof err), 0);
	memset(&who, 0, sizeof who);
	who.name = "test";
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_setting_create(s, "Little Acorns", "nursery", &who.setting_id, &e),
	                 0);
	add(core_room_fields, ROOM__MAX, room, core_room_add);
	add(core_staff_fields, STAFF__MAX, staff_now, core_staff_add);
	add(core_staff_fields, STAFF__MAX, staff_left, core_staff_add);
	add(core_child_fields, CHILD__MAX, child_here, core_child_add);
	add(core_child_fields, CHILD__MAX, child_gone, core_child_add);
	add(core_contact_fields, CONTACT__MAX, parent_here, core_contact_add);
	add(core_contact_fields, CONTACT__MAX, parent_gone, core_contact_add);
	user("amy", "practitioner", "S1", 0);
	user("ben", "practitioner", "S2", 0);
	user("khan", "parent", NULL, 1);
	user("gone", "parent", NULL, 2);
	assert_int_equal(core_tx_commit(s, &e), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(s);
	t_cleanup();
	unsetenv("KW_TODAY");
	return 0;
}

static enum signin_result signin(const char *name, const char *password, char token[TOKEN_LEN])
{
	struct session_user u;
	return core_session_signin(s, name, password, "127.0.0.1", token, &u);
}

/* ASVS 2.1: length in characters, not bytes; common bases with digits,
 * repeated and sequential runs refused; phrases accepted. */
static void test_guessable_passwords_are_refused_and_phrases_accepted(void **state)
{
	static const char *const refused[] = {
	    "password1234", "Password2026!", "aaaaaaaaaaaa",  "123456789012",   "abcdefghijkl",
	    "987654321098", "qwerty123456",  "keyworker2026", "ababababababab", "short",
	};
	static const char *const accepted[] = {
	    "correct horse battery",          "demo-manager-2026",
	    "bluebell rainy tuesday",         "żółć gęślą jaźń", /* 15 characters, 24 bytes */
	    "my password is long enough now",
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(refused); i++)
		if (!core_password_problem(refused[i], "someone"))
			fail_msg("\"%s\" was accepted", refused[i]);
	for (size_t i = 0; i < ARRAY_LEN(accepted); i++)
		if (core_password_problem(accepted[i], "someone"))
			fail_msg("\"%s\" was refused: %s", accepted[i],
			         core_password_problem(accepted[i], "someone"));
	/* 12 characters of two bytes each (24 bytes) pass the length rule; 11 do not */
	assert_null(core_password_problem("ąęćźżółńśĄĘĆ", NULL));
	assert_non_null(core_password_problem("ąęćźżółńśĄĘ", NULL));
	/* a run of spaces counts as one character */
	assert_non_null(core_password_problem("Xq7z        kw", NULL));
	assert_null(core_password_problem("Xq7z   kwbtmhpr", NULL));
	/* 129 characters are too many */
	{
		char longer[200];
		for (int i = 0; i < 129; i++)
			longer[i] = (char)('a' + (i * 7) % 26);
		longer[129] = '\0';
		assert_non_null(core_password_problem(longer, NULL));
	}
}

static void test_right_password_opens_a_session_kept_only_as_a_hash(void **state)
{
	char token[TOKEN_LEN], sql[256];
	struct session_user u;
	struct store_stmt *st;
	(void)state;
	assert_int_equal(signin("amy", "a long enough password", token), SIGNIN_OK);
	assert_int_equal(strlen(token), TOKEN_LEN - 1);
	assert_int_equal(core_session_lookup(s, token, &u), 0);
	assert_string_equal(u.username, "amy");
	assert_true(u.roles & (1u << ROLE_PRACTITIONER));
	snprintf(sql, sizeof sql, "SELECT count(*) FROM session WHERE token_hash = '%s'", token);
	st = store_prepare(s, sql);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_col_int(st, 0), 0); /* the token itself is nowhere */
	store_finish(st);
	core_session_end(s, u.token_hash);
	assert_int_not_equal(core_session_lookup(s, token, &u), 0);
}

static void test_wrong_password_and_unknown_user_answer_alike(void **state)
{
	char token[TOKEN_LEN];
	(void)state;
	assert_int_equal(signin("amy", "not the password!", token), SIGNIN_BAD);
	assert_int_equal(signin("nobody-here", "not the password!", token), SIGNIN_BAD);
}

static void test_ten_failures_lock_the_account_for_fifteen_minutes(void **state)
{
	char token[TOKEN_LEN];
	(void)state;
	exec_sql("DELETE FROM login_attempt");
	for (int i = 0; i < 10; i++)
		assert_int_equal(signin("khan", "wrong password!!", token), SIGNIN_BAD);
	/* even the right password waits now */
	assert_int_equal(signin("khan", "a long enough password", token), SIGNIN_LOCKED);
	/* other accounts are not affected */
	assert_int_equal(signin("amy", "a long enough password", token), SIGNIN_OK);
	/* after the window the account may try again */
	exec_sql("UPDATE login_attempt SET at = at - 16 * 60");
	assert_int_equal(signin("khan", "a long enough password", token), SIGNIN_OK);
	/* locked again, an admin's reset lifts the lock at once */
	for (int i = 0; i < 10; i++)
		assert_int_equal(signin("khan", "wrong password!!", token), SIGNIN_BAD);
	assert_int_equal(signin("khan", "a long enough password", token), SIGNIN_LOCKED);
	{
		struct op_error e;
		struct actor admin = {.setting_id = 1, .name = "admin"};
		assert_int_equal(store_begin(s), STORE_OK);
		assert_int_equal(
		    core_user_set_password(s, &admin, "khan", "a fresh long password", 1, &e), 0);
		assert_int_equal(store_commit(s), STORE_OK);
	}
	assert_int_equal(signin("khan", "a fresh long password", token), SIGNIN_OK);
	{ /* as it was, for the tests after this one */
		struct op_error e;
		assert_int_equal(store_begin(s), STORE_OK);
		assert_int_equal(
		    core_user_set_password(s, &who, "khan", "a long enough password", 0, &e), 0);
		assert_int_equal(store_commit(s), STORE_OK);
	}
}

static void test_idle_and_absolute_expiry_end_a_session(void **state)
{
	char token[TOKEN_LEN];
	struct session_user u;
	(void)state;
	assert_int_equal(signin("amy", "a long enough password", token), SIGNIN_OK);
	exec_sql("UPDATE session SET last_seen = last_seen - 31 * 60");
	assert_int_not_equal(core_session_lookup(s, token, &u), 0);
	assert_int_equal(signin("amy", "a long enough password", token), SIGNIN_OK);
	exec_sql("UPDATE session SET expires_at = last_seen - 1");
	assert_int_not_equal(core_session_lookup(s, token, &u), 0);
}

static void test_disabled_user_cannot_sign_in_and_loses_sessions(void **state)
{
	char token[TOKEN_LEN];
	struct session_user u;
	struct op_error e;
	(void)state;
	assert_int_equal(signin("khan", "a long enough password", token), SIGNIN_OK);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_user_disable(s, &who, "khan", &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_not_equal(core_session_lookup(s, token, &u), 0);
	assert_int_not_equal(signin("khan", "a long enough password", token), SIGNIN_OK);
}

static void test_leavers_lose_access(void **state)
{
	char token[TOKEN_LEN];
	struct session_user u;
	(void)state;
	/* Ben left on 30 January: no access on 16 March */
	assert_int_equal(signin("ben", "a long enough password", token), SIGNIN_DISABLED);
	/* the Gone family's only child left on 27 February: 30 days later (29 March)
	 * they may still sign in on 16 March ... */
	assert_int_equal(signin("gone", "a long enough password", token), SIGNIN_OK);
	/* ... but not once the 30 days have passed, and their session ends too */
	setenv("KW_TODAY", "2026-03-30", 1);
	assert_int_not_equal(core_session_lookup(s, token, &u), 0);
	assert_int_equal(signin("gone", "a long enough password", token), SIGNIN_DISABLED);
	/* a family with a child still here keeps access */
	assert_int_equal(signin("amy", "a long enough password", token), SIGNIN_OK);
	setenv("KW_TODAY", "2026-03-16", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_guessable_passwords_are_refused_and_phrases_accepted),
	    cmocka_unit_test(test_right_password_opens_a_session_kept_only_as_a_hash),
	    cmocka_unit_test(test_wrong_password_and_unknown_user_answer_alike),
	    cmocka_unit_test(test_ten_failures_lock_the_account_for_fifteen_minutes),
	    cmocka_unit_test(test_idle_and_absolute_expiry_end_a_session),
	    cmocka_unit_test(test_disabled_user_cannot_sign_in_and_loses_sessions),
	    cmocka_unit_test(test_leavers_lose_access),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
