/*
 * test_http_family_details.c — family details kept current (issue 9)
 * through http_handle, on the demo setting with today pinned (Tuesday
 * 2026-03-03) and a second setting in the same database: a parent adds and
 * changes their family's emergency contacts (in force at once), and the key
 * person sees the change flagged until acknowledged; a parent's morning
 * health note reaches /today and /register for the key person, flagged
 * until acknowledged, and the family sees it read; the health visitor's
 * review date moves the check at two to the weeks before it; a programme
 * from a speech and language therapist becomes a target of the SEN plan.
 * From the forbidden side: a parent never sees or changes another family's
 * emergency contacts or notes (nor their own parent row through this door),
 * never writes a note for another family's child, a practitioner of another
 * room never acknowledges the note, and every id of the other setting is a
 * 404 with nothing written.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_demo.h"
#include "core_user.h"
#include "date.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-03"

static struct server srv;
static const char *db;
static int64_t child;       /* the demo parent's (contact 1) child; key person S04 */
static int64_t family;      /* its family */
static int64_t other_child; /* a child of another family in setting 1 */
static int64_t other_family;

static void add_user(const char *username, unsigned roles, const char *staff, int64_t contact,
                     int64_t setting)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = setting, .name = "test"};
	char err[256], password[64];
	snprintf(password, sizeof password, "demo-%s-2026", username);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, username, password, roles, staff, contact);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
}

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct demo_options o = {.children = 60, .another = 1, .setting_name = "Otherside Nursery"};
	struct demo_summary sum;
	char err[512], *code;
	int64_t key;
	(void)state;
	db = th_demo(&srv, "family_details.db", TODAY, TODAY, 0);
	assert_int_equal(date_parse(TODAY, &o.start), 0);
	o.staff = core_demo_default_staff(o.children);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) || core_tx_commit(s, &e))
		fail_msg("the second setting: %s", e.msg);
	store_close(s);
	assert_int_equal(sum.setting_id, 2);
	th_add_demo_users("manager", "keyperson", "senco", "parent", NULL);
	family = th_db_int("SELECT family_id FROM contact WHERE id = 1");
	child = th_db_int("SELECT id FROM child WHERE family_id = %lld ORDER BY id LIMIT 1",
	                  (long long)family);
	key = th_db_int("SELECT primary_staff_id FROM key_assignment WHERE child_id = %lld AND "
	                "to_date IS NULL",
	                (long long)child);
	assert_int_equal(key, th_db_int("SELECT id FROM staff WHERE code = 'S04'"));
	other_child = th_db_int("SELECT id FROM child WHERE setting_id = 1 AND family_id <> %lld "
	                        "ORDER BY id LIMIT 1",
	                        (long long)family);
	other_family =
	    th_db_int("SELECT family_id FROM child WHERE id = %lld", (long long)other_child);
	add_user("otherparent", 1u << ROLE_PARENT, NULL,
	         th_db_int("SELECT min(id) FROM contact WHERE family_id = %lld AND "
	                   "parental_responsibility = 1",
	                   (long long)other_family),
	         1);
	/* a practitioner of another room, neither key person nor buddy of the child */
	code = th_db_text("SELECT s.code FROM staff s WHERE s.setting_id = 1 AND NOT EXISTS "
	                  "(SELECT 1 FROM staff_room r JOIN child c ON c.room_id = r.room_id "
	                  "WHERE r.staff_id = s.id AND c.id = %lld) AND NOT EXISTS (SELECT 1 FROM "
	                  "key_assignment k WHERE k.child_id = %lld AND (k.primary_staff_id = s.id "
	                  "OR k.secondary_staff_id = s.id)) ORDER BY s.id LIMIT 1",
	                  (long long)child, (long long)child);
	add_user("otherroom", 1u << ROLE_PRACTITIONER, code, 0, 1);
	free(code);
	th_serve();
	return 0;
}

static void expect(struct th_reply r, int status)
{
	if (r.status != status)
		fail_msg("status %d, expected %d: %.400s", r.status, status, r.body ? r.body : "");
	th_reply_free(&r);
}

/* fmt with its "%lld" replaced by id (a buffer of its own per call slot). */
static const char *pathf(const char *fmt, long long id)
{
	static char bufs[4][160];
	static int slot;
	char *out = bufs[slot++ % 4];
	const char *hole = strstr(fmt, "%lld");
	if (!hole)
		snprintf(out, sizeof bufs[0], "%s", fmt);
	else
		snprintf(out, sizeof bufs[0], "%.*s%lld%s", (int)(hole - fmt), fmt, id, hole + 4);
	return out;
}

static void page_has(const char *cookie, const char *path, const char *query, const char *needle,
                     int yes)
{
	struct th_reply r = th_get(cookie, path, query);
	if (r.status != 200)
		fail_msg("GET %s: %d", path, r.status);
	if (yes)
		th_assert_contains(r.body, needle);
	else
		th_assert_lacks(r.body, needle);
	th_reply_free(&r);
}

static void test_parent_adds_emergency_contact_key_person_sees_it_until_acknowledged(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *o = th_signin("otherroom", "demo-otherroom-2026");
	int64_t contact, change;
	(void)state;
	expect(th_post(p, "/family/emergency",
	               "name=Zofia+Nowak&relationship=aunt&phone=01632+960+777"),
	       303);
	contact = th_db_int("SELECT id FROM contact WHERE name = 'Zofia Nowak'");
	assert_true(contact > 0);
	assert_int_equal(
	    th_db_int("SELECT family_id FROM contact WHERE id = %lld", (long long)contact), family);
	assert_int_equal(
	    th_db_int("SELECT emergency FROM contact WHERE id = %lld", (long long)contact), 1);
	change =
	    th_db_int("SELECT id FROM family_change WHERE contact_id = %lld", (long long)contact);
	assert_true(change > 0);
	assert_true(
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = 'family.emergency.add' "
	              "AND object_id = %lld",
	              (long long)contact) == 1);
	/* the family sees it, not yet seen by the nursery */
	page_has(p, "/family/contact", NULL, "Zofia Nowak (aunt), 01632 960 777", 1);
	page_has(p, "/family/contact", NULL, "01632 960 777 (not yet seen by the nursery)", 1);
	/* flagged for the key person, on /today and on /family-changes; not for another room */
	page_has(k, "/family-changes", NULL, "Zofia Nowak (aunt), 01632 960 777", 1);
	page_has(k, "/today", "date=" TODAY, "emergency contact change", 1);
	page_has(o, "/family-changes", NULL, "Zofia Nowak", 0);
	expect(th_post(o, pathf("/family-changes/%lld/ack", change), ""), 404);
	assert_true(th_db_int("SELECT ack_at IS NULL FROM family_change WHERE id = %lld",
	                      (long long)change) == 1);
	/* acknowledged by the key person: no longer flagged; a second time is a conflict */
	expect(th_post(k, pathf("/family-changes/%lld/ack", change), "back=/today"), 303);
	page_has(k, "/family-changes", NULL, "Zofia Nowak", 0);
	expect(th_post(k, pathf("/family-changes/%lld/ack", change), ""), 409);
	page_has(p, "/family/contact", NULL, "01632 960 777 (seen by the nursery)", 1);
	/* the parent changes the phone: in force at once, flagged again with what it was */
	expect(th_post(p, pathf("/family/contacts/%lld/emergency", contact),
	               "name=Zofia+Nowak&relationship=aunt&phone=01632+960+778"),
	       303);
	assert_true(th_db_int("SELECT count(*) FROM contact WHERE id = %lld AND phone = "
	                      "'01632 960 778'",
	                      (long long)contact) == 1);
	page_has(k, "/family-changes", NULL, "was Zofia Nowak (aunt), 01632 960 777", 1);
	/* a field missing: 422 naming it, nothing changed */
	expect(th_post(p, pathf("/family/contacts/%lld/emergency", contact),
	               "name=Zofia+Nowak&relationship=aunt&phone="),
	       422);
	assert_true(th_db_int("SELECT count(*) FROM contact WHERE id = %lld AND phone = "
	                      "'01632 960 778'",
	                      (long long)contact) == 1);
	free(p);
	free(k);
	free(o);
}

static void test_parent_never_sees_or_changes_another_familys_contacts(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *op = th_signin("otherparent", "demo-otherparent-2026");
	int64_t theirs, own_row, foreign;
	char *before, *after;
	(void)state;
	th_db_exec(
	    "INSERT INTO contact (setting_id, family_id, name, relationship, emergency, phone) "
	    "VALUES (1, %lld, 'Bartholomew Quince', 'uncle', 1, '01632 960 901')",
	    (long long)other_family);
	theirs = th_db_int("SELECT id FROM contact WHERE name = 'Bartholomew Quince'");
	own_row = 1; /* the parent's own row: changed only through the manager's confirmation */
	foreign = th_db_int("SELECT min(id) FROM contact WHERE setting_id = 2 AND emergency = 1");
	if (foreign < 0)
		foreign = th_db_int("SELECT min(id) FROM contact WHERE setting_id = 2");
	page_has(p, "/family/contact", NULL, "Bartholomew Quince", 0);
	page_has(op, "/family/contact", NULL, "Bartholomew Quince", 1);
	page_has(op, "/family/contact", NULL, "Zofia Nowak", 0);
	before = th_db_text("SELECT group_concat(name || phone, ';') FROM contact");
	expect(th_post(p, pathf("/family/contacts/%lld/emergency", theirs),
	               "name=Mallory&relationship=x&phone=1"),
	       404);
	expect(th_post(p, pathf("/family/contacts/%lld/emergency", own_row),
	               "name=Mallory&relationship=x&phone=1"),
	       404);
	expect(th_post(p, pathf("/family/contacts/%lld/emergency", foreign),
	               "name=Mallory&relationship=x&phone=1"),
	       404);
	after = th_db_text("SELECT group_concat(name || phone, ';') FROM contact");
	assert_string_equal(before, after);
	assert_int_equal(th_db_int("SELECT count(*) FROM family_change WHERE now_text LIKE "
	                           "'Mallory%%'"),
	                 0);
	free(before);
	free(after);
	free(p);
	free(op);
}

static void test_morning_health_note_reaches_the_key_person_flagged_until_acknowledged(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *op = th_signin("otherparent", "demo-otherparent-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *o = th_signin("otherroom", "demo-otherroom-2026");
	int64_t note;
	(void)state;
	expect(th_post(p, pathf("/family/children/%lld/health-notes", child),
	               "date=" TODAY "&text=Teething%2C+Calpol+at+7am"),
	       303);
	note = th_db_int("SELECT id FROM health_note WHERE text = 'Teething, Calpol at 7am'");
	assert_true(note > 0);
	assert_int_equal(
	    th_db_int("SELECT child_id FROM health_note WHERE id = %lld", (long long)note), child);
	/* the key person: on /today and on the register, flagged, with the button, and
	 * tagged beside the child's name (the child booked in today, so on both lists) */
	th_db_exec("INSERT OR IGNORE INTO booking (setting_id, child_id, date, arrive_min, "
	           "leave_min) VALUES (1, %lld, '%s', 480, 960)",
	           (long long)child, TODAY);
	th_db_exec("DELETE FROM child_absence WHERE child_id = %lld AND date = '%s'",
	           (long long)child, TODAY);
	th_db_exec("UPDATE health_note SET ack_at = 1 WHERE child_id = %lld AND id <> %lld",
	           (long long)child, (long long)note); /* the demo's own note: seen */
	page_has(k, "/today", "date=" TODAY, pathf("href=\"#note-%lld\">new health note", note), 1);
	page_has(k, "/register", "date=" TODAY, pathf("href=\"#note-%lld\">new health note", note),
	         1);
	page_has(k, "/today", "date=" TODAY, "Teething, Calpol at 7am", 1);
	page_has(k, "/register", "date=" TODAY, "Teething, Calpol at 7am", 1);
	page_has(k, "/today", "date=" TODAY, pathf("/health-notes/%lld/ack", note), 1);
	/* nobody else's business: another family, a practitioner of another room */
	page_has(op,
	         pathf("/family/children/%lld", th_db_int("SELECT id FROM child WHERE "
	                                                  "family_id = %lld LIMIT 1",
	                                                  (long long)other_family)),
	         NULL, "Calpol", 0);
	page_has(o, "/today", "date=" TODAY, "Calpol at 7am", 0);
	expect(th_post(o, pathf("/health-notes/%lld/ack", note), ""), 404);
	/* the family sees it unread, then read once the key person acknowledges it */
	page_has(p, pathf("/family/children/%lld", child), NULL, "not yet read", 1);
	expect(th_post(k, pathf("/health-notes/%lld/ack", note), "back=/today"), 303);
	assert_true(th_db_int("SELECT ack_at IS NOT NULL FROM health_note WHERE id = %lld",
	                      (long long)note) == 1);
	page_has(k, "/today", "date=" TODAY, pathf("/health-notes/%lld/ack", note), 0);
	page_has(k, "/today", "date=" TODAY, pathf("href=\"#note-%lld\">new health note", note), 0);
	page_has(p, pathf("/family/children/%lld", child), NULL, "read by the nursery", 1);
	/* a note for another family's child, a day long past, no text: refused, nothing kept */
	expect(th_post(p, pathf("/family/children/%lld/health-notes", other_child),
	               "date=" TODAY "&text=Mallory"),
	       404);
	expect(th_post(p, pathf("/family/children/%lld/health-notes", child),
	               "date=2026-02-01&text=Late"),
	       422);
	expect(
	    th_post(p, pathf("/family/children/%lld/health-notes", child), "date=" TODAY "&text="),
	    422);
	assert_int_equal(th_db_int("SELECT count(*) FROM health_note WHERE text IN ('Mallory', "
	                           "'Late')"),
	                 0);
	free(p);
	free(op);
	free(k);
	free(o);
}

static void test_other_settings_ids_are_404(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t note = th_db_int("SELECT min(id) FROM health_note WHERE setting_id = 2");
	int64_t change = th_db_int("SELECT min(id) FROM family_change WHERE setting_id = 2");
	int64_t child2 = th_db_int("SELECT min(id) FROM child WHERE setting_id = 2");
	int64_t item = th_db_int("SELECT min(id) FROM menu_item WHERE setting_id = 2");
	char *before;
	(void)state;
	assert_true(note > 0 && change > 0 && child2 > 0 && item > 0);
	before =
	    th_db_text("SELECT (SELECT count(*) FROM health_note WHERE ack_at IS NULL) || ',' || "
	               "(SELECT count(*) FROM family_change WHERE ack_at IS NULL) || ',' || "
	               "(SELECT count(*) FROM menu_item) || ',' || (SELECT count(*) FROM "
	               "hv_review)");
	expect(th_post(m, pathf("/health-notes/%lld/ack", note), ""), 404);
	expect(th_post(m, pathf("/family-changes/%lld/ack", change), ""), 404);
	expect(th_post(m, pathf("/menu/items/%lld/delete", item), ""), 404);
	expect(th_post(m, pathf("/children/%lld/hv-review", child2), "review_on=2026-04-01"), 404);
	expect(th_get(m, pathf("/children/%lld/diet", child2), NULL), 404);
	expect(th_post(p, pathf("/family/children/%lld/health-notes", child2),
	               "date=" TODAY "&text=x"),
	       404);
	expect(th_post(p, pathf("/family/children/%lld/hv-review", child2), "review_on=2026-04-01"),
	       404);
	{
		char *after = th_db_text(
		    "SELECT (SELECT count(*) FROM health_note WHERE ack_at IS NULL) || ',' || "
		    "(SELECT count(*) FROM family_change WHERE ack_at IS NULL) || ',' || "
		    "(SELECT count(*) FROM menu_item) || ',' || (SELECT count(*) FROM hv_review)");
		assert_string_equal(before, after);
		free(after);
	}
	page_has(m, "/family-changes", NULL, "Otherside", 0);
	free(before);
	free(p);
	free(m);
}

static void test_review_date_schedules_the_check_at_two(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	(void)state;
	/* the child turns two in six weeks: without a review date, listed ahead by age */
	th_db_exec("UPDATE child SET date_of_birth = '2024-04-14' WHERE id = %lld",
	           (long long)child);
	th_db_exec("DELETE FROM hv_review WHERE child_id = %lld", (long long)child);
	page_has(k, "/twoyear", NULL, "turns two on 2026-04-14", 1);
	/* the family enters the review: 2026-03-31, so the check is due by 2026-03-17, now */
	expect(th_post(p, pathf("/family/children/%lld/hv-review", child), "review_on=2026-03-31"),
	       303);
	page_has(k, "/twoyear", NULL, "review 2026-03-31: check by 2026-03-17", 1);
	page_has(k, "/twoyear", NULL, "due: not started", 1);
	page_has(k, pathf("/children/%lld/twoyear", child), NULL, "2026-03-31", 1);
	page_has(p, pathf("/family/children/%lld", child), NULL, "2026-03-31", 1);
	/* the key person moves it; the audit log has both */
	expect(th_post(k, pathf("/children/%lld/hv-review", child), "review_on=2026-05-12"), 303);
	page_has(k, "/twoyear", NULL, "check by 2026-04-28", 1);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = 'family.hv_review' "
	              "AND child_id = %lld",
	              (long long)child),
	    2);
	expect(th_post(k, pathf("/children/%lld/hv-review", child), "review_on=soon"), 422);
	free(p);
	free(k);
}

static void test_professionals_programme_becomes_a_plan_target(void **state)
{
	char *s = th_signin("senco", "demo-senco-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t plan = th_db_int("SELECT min(id) FROM sen_plan WHERE setting_id = 1 AND kind IN "
	                         "('sen_support', 'ehcp')");
	int64_t planned =
	    th_db_int("SELECT child_id FROM sen_plan WHERE id = %lld", (long long)plan);
	int64_t other_plan;
	char fields[400];
	(void)state;
	assert_true(plan > 0);
	snprintf(fields, sizeof fields,
	         "plan=%lld&professional=speech_language_therapist&professional_name=Ann+Lee&"
	         "target=Names+ten+animals&delivered_by=Key+person&how_often=Daily%%2C+5+minutes",
	         (long long)plan);
	expect(th_post(s, pathf("/children/%lld/sen/programmes", planned), fields), 303);
	page_has(s, pathf("/children/%lld/sen", planned), NULL, "Names ten animals", 1);
	page_has(s, pathf("/children/%lld/sen", planned), NULL,
	         "from the speech and language therapist (Ann Lee); delivered by Key person, "
	         "Daily, 5 minutes",
	         1);
	/* only the SENCo writes the plan; a plan of another child is refused */
	expect(th_post(k, pathf("/children/%lld/sen/programmes", planned), fields), 404);
	th_db_exec("INSERT INTO sen_plan (setting_id, child_id, kind, created_on, targets) "
	           "VALUES (1, %lld, 'sen_support', '2026-01-05', 'x')",
	           (long long)other_child);
	other_plan = th_db_int("SELECT max(id) FROM sen_plan");
	snprintf(fields, sizeof fields,
	         "plan=%lld&professional=educational_psychologist&target=x&delivered_by=y&"
	         "how_often=z",
	         (long long)other_plan);
	if (other_child != planned)
		expect(th_post(s, pathf("/children/%lld/sen/programmes", planned), fields), 422);
	assert_int_equal(th_db_int("SELECT count(*) FROM sen_programme WHERE plan_id = %lld",
	                           (long long)other_plan),
	                 0);
	free(s);
	free(k);
}

static void test_menu_pages_show_allergens_and_the_days_clashes(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	int64_t milk = th_db_int("SELECT child_id FROM child_diet WHERE setting_id = 1 AND "
	                         "allergens = 64 ORDER BY child_id LIMIT 1");
	(void)state;
	assert_true(milk > 0);
	/* the week's menu: each dish with its allergens, as markup */
	page_has(m, "/menu", "week=" TODAY,
	         "Toast with butter <span class=\"muted\">(contains cereals containing gluten, "
	         "milk)</span>",
	         1);
	/* the demo child allergic to milk: the toast at breakfast, flagged, with the child */
	page_has(m, "/menu/clashes", "date=" TODAY, pathf("/children/%lld/diet", milk), 1);
	page_has(m, "/menu/clashes", "date=" TODAY, "<strong class=\"nobody\">milk</strong>", 1);
	page_has(m, "/menu/clashes/week", "week=" TODAY, "Fish pie with peas", 1);
	/* the child's allergens and diets, kept by the key person or a manager */
	expect(th_post(m, pathf("/children/%lld/diet", milk), "a_milk=1&a_eggs=1&d_halal=1"), 303);
	assert_int_equal(
	    th_db_int("SELECT allergens FROM child_diet WHERE child_id = %lld", (long long)milk),
	    64 | 8);
	page_has(m, "/menu/clashes", "date=" TODAY, "eggs", 1);
	/* not for families */
	expect(th_get(p, "/menu", NULL), 403);
	expect(th_get(p, "/menu/clashes", NULL), 403);
	free(m);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_parent_adds_emergency_contact_key_person_sees_it_until_acknowledged),
	    cmocka_unit_test(test_parent_never_sees_or_changes_another_familys_contacts),
	    cmocka_unit_test(
	        test_morning_health_note_reaches_the_key_person_flagged_until_acknowledged),
	    cmocka_unit_test(test_other_settings_ids_are_404),
	    cmocka_unit_test(test_review_date_schedules_the_check_at_two),
	    cmocka_unit_test(test_professionals_programme_becomes_a_plan_target),
	    cmocka_unit_test(test_menu_pages_show_allergens_and_the_days_clashes),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
