/*
 * test_portal.c — the parent portal's message catalogue and core
 * operations (core_portal.h) on the demo setting, today pinned to Tuesday
 * 2026-03-03: every shipped language has every key and Polish is not
 * English left untranslated; an absence is a notified child_absence row
 * with a line in the day's message book, refused for a past day, twice, or
 * a day the child was signed in; a message needs text; a contact change
 * touches the contact only when a manager confirms it, and is decided once;
 * the demo gives the demo parent a thread, a published diary and a pending
 * change; every write is audited.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_portal.h"
#include "date.h"
#include "portal_text.h"
#include "store.h"

static struct store *s;
static struct actor who = {.setting_id = 1, .user_id = 0, .name = "test"};
static int today;
static int64_t child; /* the demo parent's (contact 1) child */

static int64_t one(const char *sql, int64_t bind)
{
	struct store_stmt *st = store_prepare(s, sql);
	int64_t v = -1;
	if (bind)
		store_bind_int(st, 1, bind);
	if (store_step(st) == STORE_ROW)
		v = store_col_int(st, 0);
	store_finish(st);
	return v;
}

static char *text(const char *sql, int64_t bind)
{
	struct store_stmt *st = store_prepare(s, sql);
	char *v = NULL;
	store_bind_int(st, 1, bind);
	if (store_step(st) == STORE_ROW)
		v = strdup(store_col_text(st, 0));
	store_finish(st);
	return v;
}

static int setup(void **state)
{
	char err[256], *out = NULL, *errout = NULL;
	const char *db;
	(void)state;
	setenv("KW_TODAY", "2026-03-03", 1);
	db = t_path("portal.db");
	if (t_kw(db, &out, &errout, "demo", "--start", "2026-03-03", NULL) != 0)
		fail_msg("kw demo: %s%s", out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(date_parse("2026-03-03", &today), 0);
	child = one("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	            "WHERE k.id = 1 ORDER BY c.id LIMIT 1",
	            0);
	assert_true(child > 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(s);
	t_cleanup();
	return 0;
}

static void test_every_language_has_every_key(void **state)
{
	(void)state;
	for (int l = 0; l < PORTAL_LANG__MAX; l++)
		for (int m = 0; m < M__MAX; m++) {
			const char *t = portal_text_raw((enum portal_lang)l, (enum portal_msg)m);
			if (!t || !*t)
				fail_msg("%s lacks message %d",
				         portal_lang_code((enum portal_lang)l), m);
		}
}

static void test_polish_is_not_english_left_untranslated(void **state)
{
	(void)state;
	for (int m = 0; m < M__MAX; m++)
		if (strcmp(portal_text(PORTAL_PL, (enum portal_msg)m),
		           portal_text(PORTAL_EN, (enum portal_msg)m)) == 0)
			fail_msg("message %d reads the same in Polish and English: %s", m,
			         portal_text(PORTAL_EN, (enum portal_msg)m));
	/* and it is Polish: the catalogue uses the Polish letters */
	assert_non_null(strstr(portal_text(PORTAL_PL, M_SKIP), "ś"));
}

static void test_a_language_is_chosen_by_its_code(void **state)
{
	(void)state;
	assert_int_equal(portal_lang_of("pl"), PORTAL_PL);
	assert_int_equal(portal_lang_of("pl-PL"), PORTAL_PL);
	assert_int_equal(portal_lang_of("en"), PORTAL_EN);
	assert_int_equal(portal_lang_of("ar"), PORTAL_EN); /* not shipped: English */
	assert_int_equal(portal_lang_of("plx"), PORTAL_EN);
	assert_int_equal(portal_lang_of(NULL), PORTAL_EN);
	assert_string_equal(portal_text(PORTAL_PL, M_KEY_PERSON), "Opiekun prowadzący");
}

static void test_the_demo_gives_the_parent_a_thread_a_diary_and_a_change(void **state)
{
	(void)state;
	assert_true(one("SELECT count(*) FROM portal_message WHERE child_id = ?", child) >= 3);
	assert_true(one("SELECT count(*) FROM portal_message WHERE child_id = ? AND staff_id = "
	                "(SELECT id FROM staff WHERE code = 'S04')",
	                child) >= 1);
	assert_true(one("SELECT count(*) FROM diary_entry WHERE child_id = ? AND date = "
	                "'2026-03-03' AND published_at IS NOT NULL",
	                child) >= 1);
	assert_int_equal(
	    one("SELECT count(*) FROM contact_change WHERE contact_id = 1 AND status = 'pending'",
	        0),
	    1);
	/* the demo's key person sign-in (S04) is the child's key person today */
	assert_int_equal(one("SELECT primary_staff_id = (SELECT id FROM staff WHERE code = 'S04') "
	                     "FROM key_assignment WHERE child_id = ? AND to_date IS NULL",
	                     child),
	                 1);
}

static void test_an_absence_is_notified_and_in_the_message_book(void **state)
{
	struct op_error e;
	int64_t id, msgs = one("SELECT count(*) FROM handover_message WHERE child_id = ?", child);
	(void)state;
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_portal_absence(s, &who, child, "Huda Haddad", today + 1, today,
	                                     "illness", "a temperature", &id, &e),
	                 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(one("SELECT notified FROM child_absence WHERE id = ?", id), 1);
	{
		char *r = text("SELECT reason || '/' || date || '/' || note FROM child_absence "
		               "WHERE id = ?",
		               id);
		assert_string_equal(r, "illness/2026-03-04/a temperature");
		free(r);
	}
	assert_int_equal(one("SELECT count(*) FROM handover_message WHERE child_id = ?", child),
	                 msgs + 1);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = 'portal.absence' AND "
	                     "object_id = ?",
	                     id),
	                 1);
	/* the same day again: 409, nothing more */
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(core_portal_absence(s, &who, child, "Huda Haddad", today + 1, today,
	                                         "illness", "", &id, &e),
	                     0);
	store_rollback(s);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_string_equal(e.field, "date");
	/* yesterday, or a reason the table does not know: 422 naming the field */
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(
	    core_portal_absence(s, &who, child, "H", today - 1, today, "illness", "", &id, &e), 0);
	store_rollback(s);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "date");
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(
	    core_portal_absence(s, &who, child, "H", today + 2, today, "unexplained", "", &id, &e),
	    0);
	store_rollback(s);
	assert_string_equal(e.field, "reason");
	assert_int_equal(one("SELECT count(*) FROM child_absence WHERE child_id = ?", child), 1);
}

static void test_an_absence_is_refused_on_a_day_the_child_was_signed_in(void **state)
{
	struct op_error e;
	struct store_stmt *st;
	int64_t id;
	(void)state;
	st = store_prepare(s, "INSERT INTO register_child (setting_id, child_id, date, event, at, "
	                      "created_at) VALUES (1, ?, '2026-03-03', 'in', 1, 1)");
	store_bind_int(st, 1, child);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(
	    core_portal_absence(s, &who, child, "H", today, today, "illness", "", &id, &e), 0);
	store_rollback(s);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(
	    one("SELECT count(*) FROM child_absence WHERE child_id = ? AND date = '2026-03-03'",
	        child),
	    0);
}

static void test_a_message_needs_text(void **state)
{
	struct op_error e;
	int64_t id, before = one("SELECT count(*) FROM portal_message", 0);
	(void)state;
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(core_portal_message_add(s, &who, child, 1, 0, "", &id, &e), 0);
	store_rollback(s);
	assert_string_equal(e.field, "text");
	assert_int_equal(one("SELECT count(*) FROM portal_message", 0), before);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_portal_message_add(s, &who, child, 1, 0, "Thank you!", &id, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	assert_int_equal(one("SELECT contact_id FROM portal_message WHERE id = ?", id), 1);
}

static void test_a_contact_change_is_applied_only_on_confirmation(void **state)
{
	struct op_error e;
	struct field_value v[PCONTACT__MAX] = {0};
	int64_t id, contact = 2;
	char *phone = text("SELECT phone FROM contact WHERE id = ?", contact), *now;
	(void)state;
	v[PCONTACT_PHONE] = (struct field_value){.present = 1, .s = "07700 900999"};
	v[PCONTACT_EMAIL] = (struct field_value){.present = 1, .s = "not-an-address"};
	v[PCONTACT_METHOD] = (struct field_value){.present = 1, .s = "phone"};
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(core_portal_contact_change(s, &who, contact, v, &id, &e), 0);
	store_rollback(s);
	assert_string_equal(e.field, "email");
	v[PCONTACT_EMAIL] = (struct field_value){.present = 1, .s = "new@example.com"};
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_portal_contact_change(s, &who, contact, v, &id, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	now = text("SELECT phone FROM contact WHERE id = ?", contact);
	assert_string_equal(now, phone); /* asked for, not yet applied */
	free(now);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_portal_contact_decide(s, &who, id, 1, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	now = text(
	    "SELECT phone || '/' || email || '/' || preferred_method FROM contact WHERE id = ?",
	    contact);
	assert_string_equal(now, "07700 900999/new@example.com/phone");
	free(now);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = "
	                     "'portal.contact.confirm' AND object_id = ?",
	                     contact),
	                 1);
	/* decided once: a second decision is refused, a missing change is 404 */
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(core_portal_contact_decide(s, &who, id, 0, &e), 0);
	store_rollback(s);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(core_portal_contact_decide(s, &who, 999999, 1, &e), 0);
	store_rollback(s);
	assert_int_equal(e.status, OP_NOT_FOUND);
	free(phone);
}

static void test_a_declined_change_leaves_the_contact_alone(void **state)
{
	struct op_error e;
	int64_t id =
	    one("SELECT id FROM contact_change WHERE contact_id = 1 AND status = 'pending'", 0);
	char *before = text("SELECT phone || email FROM contact WHERE id = ?", 1), *after;
	(void)state;
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_portal_contact_decide(s, &who, id, 0, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	after = text("SELECT phone || email FROM contact WHERE id = ?", 1);
	assert_string_equal(before, after);
	assert_int_equal(one("SELECT status = 'declined' FROM contact_change WHERE id = ?", id), 1);
	free(before);
	free(after);
}

static void test_the_language_is_en_or_pl(void **state)
{
	struct op_error e;
	char *l;
	(void)state;
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(core_portal_language_set(s, &who, 1, "xx", &e), 0);
	store_rollback(s);
	assert_string_equal(e.field, "language");
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_portal_language_set(s, &who, 1, "pl", &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	l = text("SELECT language FROM contact WHERE id = ?", 1);
	assert_string_equal(l, "pl");
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_language_has_every_key),
	    cmocka_unit_test(test_polish_is_not_english_left_untranslated),
	    cmocka_unit_test(test_a_language_is_chosen_by_its_code),
	    cmocka_unit_test(test_the_demo_gives_the_parent_a_thread_a_diary_and_a_change),
	    cmocka_unit_test(test_an_absence_is_notified_and_in_the_message_book),
	    cmocka_unit_test(test_an_absence_is_refused_on_a_day_the_child_was_signed_in),
	    cmocka_unit_test(test_a_message_needs_text),
	    cmocka_unit_test(test_a_contact_change_is_applied_only_on_confirmation),
	    cmocka_unit_test(test_a_declined_change_leaves_the_contact_alone),
	    cmocka_unit_test(test_the_language_is_en_or_pl),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
