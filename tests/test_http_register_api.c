/*
 * test_http_register_api.c — the register through the pages and through
 * /api/v1 on the demo setting (`kw demo --start 2026-03-02`, today pinned to
 * Wednesday 2026-03-04), and the messages shown on /today.
 *
 * Pinned here: a child signed in and out in the same minute with no time
 * given (pages and API) is signed out once, not refused; the API's day
 * register for a date and room; sign-in and out of a child and of staff
 * through the API with the pages' checks (a child outside a practitioner's
 * rooms is 404, a parent 403, a bad field 422 naming it, nothing written);
 * the messages of a child and of the room shown on /today to whoever greets
 * or hands over.
 */
#include "support.h"
#include "http_support.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;

/* Children of the practitioner's (S04) room expected today (a Wednesday),
 * with a contact who may collect and no restriction. */
#define ROOM_CHILD_SQL                                                                             \
	"SELECT c.id FROM child c JOIN child_attendance a ON a.child_id = c.id AND a.weekday = 2 " \
	"WHERE c.setting_id = 1 AND c.room_id IN (SELECT sr.room_id FROM staff_room sr JOIN "      \
	"staff s ON s.id = sr.staff_id AND s.code = 'S04' AND sr.position = 0) AND EXISTS "        \
	"(SELECT 1 FROM contact ct WHERE ct.family_id = c.family_id AND ct.may_collect = 1 AND "   \
	"ct.restriction = 'none') ORDER BY c.id LIMIT 1 OFFSET %d"

static int64_t room_child(int k)
{
	return th_db_int(ROOM_CHILD_SQL, k);
}

static int64_t collector_of(int64_t child)
{
	return th_db_int("SELECT ct.id FROM contact ct JOIN child c ON c.family_id = ct.family_id "
	                 "WHERE c.id = %lld AND ct.may_collect = 1 AND ct.restriction = 'none' "
	                 "ORDER BY ct.id LIMIT 1",
	                 (long long)child);
}

static int64_t entries_of(int64_t child)
{
	/* today's: the demo's register also holds the weeks before (core_contract_demo) */
	return th_db_int(
	    "SELECT count(*) FROM register_child WHERE child_id = %lld AND date = '" TODAY "'",
	    (long long)child);
}

static int group_setup(void **state)
{
	(void)state;
	th_demo(&srv, "register-api.db", "2026-03-02", TODAY, TH_API_JSON);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
	return 0;
}

static void expect(struct th_reply r, int status)
{
	if (r.status != status)
		fail_msg("expected %d, got %d\n%s", status, r.status, r.body ? r.body : "");
	th_reply_free(&r);
}

static void test_page_sign_in_then_out_in_the_same_minute(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = room_child(0), contact = collector_of(child);
	char path[64], fields[128];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/register/%lld/in", (long long)child);
	expect(th_post(k, path, "date=" TODAY), 303);
	snprintf(path, sizeof path, "/register/%lld/out", (long long)child);
	snprintf(fields, sizeof fields, "date=" TODAY "&collected_by=%lld", (long long)contact);
	r = th_post(k, path, fields);
	if (r.status != 303)
		fail_msg("sign-out in the same minute: %d\n%s", r.status, r.body);
	th_reply_free(&r);
	assert_int_equal(entries_of(child), 2);
	/* signed out once: a second sign-out is refused, and nothing more written */
	expect(th_post(k, path, fields), 409);
	assert_int_equal(entries_of(child), 2);
	/* and the register says gone home */
	r = th_get(k, "/register", "date=" TODAY);
	th_assert_contains(r.body, "gone home at");
	th_reply_free(&r);
	free(k);
}

/* ---- the API ---- */

static char *csrf_from_me(const char *cookie)
{
	struct th_reply r = th_get(cookie, "/api/v1/me", NULL);
	char *t;
	assert_int_equal(r.status, 200);
	t = strdup(json_string_value(json_object_get(r.json, "csrf")));
	th_reply_free(&r);
	return t;
}

static struct th_reply post_json(const char *cookie, const char *path, const char *body)
{
	char *csrf = csrf_from_me(cookie);
	struct th_reply r;
	r = th_request_csrf("POST", path, NULL, csrf, cookie, "application/json", body);
	free(csrf);
	return r;
}

static void expect_field(struct th_reply r, int status, const char *field)
{
	if (r.status != status)
		fail_msg("expected %d, got %d\n%s", status, r.status, r.body ? r.body : "");
	assert_non_null(r.json);
	assert_string_equal(json_string_value(json_object_get(r.json, "field")), field);
	th_reply_free(&r);
}

static void test_api_sign_in_then_out_in_the_same_minute(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = room_child(1), contact = collector_of(child);
	char path[64], body[128];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/api/v1/register/children/%lld", (long long)child);
	r = post_json(k, path, "{\"event\": \"in\"}");
	assert_int_equal(r.status, 201);
	assert_string_equal(json_string_value(json_object_get(r.json, "date")), TODAY);
	th_reply_free(&r);
	snprintf(body, sizeof body, "{\"event\": \"out\", \"collected_by\": %lld}",
	         (long long)contact);
	r = post_json(k, path, body);
	if (r.status != 201)
		fail_msg("same-minute sign-out: %d %s", r.status, r.body);
	th_reply_free(&r);
	expect(post_json(k, path, body), 409);
	assert_int_equal(entries_of(child), 2);
	free(k);
}

static void test_api_day_register_for_a_date_and_room(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = room_child(2), contact = collector_of(child);
	char path[64], body[160], *room, *code;
	struct th_reply r;
	json_t *c;
	size_t i;
	int found = 0;
	(void)state;
	room = th_db_text("SELECT name FROM room WHERE id = (SELECT room_id FROM child WHERE id = "
	                  "%lld)",
	                  (long long)child);
	code = th_db_text("SELECT code FROM child WHERE id = %lld", (long long)child);
	snprintf(path, sizeof path, "/api/v1/register/children/%lld", (long long)child);
	expect(post_json(k, path, "{\"event\": \"in\", \"at\": \"08:15\"}"), 201);
	snprintf(body, sizeof body,
	         "{\"event\": \"out\", \"at\": \"15:45\", \"collected_by\": %lld}",
	         (long long)contact);
	expect(post_json(k, path, body), 201);

	r = th_get(k, "/api/v1/register", "date=" TODAY);
	assert_int_equal(r.status, 200);
	assert_string_equal(json_string_value(json_object_get(r.json, "date")), TODAY);
	json_array_foreach (json_object_get(r.json, "children"), i, c) {
		json_t *sess = json_array_get(json_object_get(c, "sessions"), 0);
		assert_string_equal(json_string_value(json_object_get(c, "room")), room);
		if (strcmp(json_string_value(json_object_get(c, "id")), code) != 0)
			continue; /* the register's JSON names children by their code */
		found = 1;
		assert_string_equal(json_string_value(json_object_get(sess, "in")), "08:15");
		assert_string_equal(json_string_value(json_object_get(sess, "out")), "15:45");
		assert_true(strlen(json_string_value(json_object_get(sess, "key_person"))) > 0);
	}
	assert_true(found);
	th_reply_free(&r);
	/* a room filter: another room's register does not hold the child */
	{
		char *m = th_signin("manager", "demo-manager-2026"), query[160];
		char *elsewhere =
		    th_db_text("SELECT name FROM room WHERE name <> '%s' LIMIT 1", room);
		snprintf(query, sizeof query, "date=" TODAY "&room=%s", elsewhere);
		for (char *q = query; *q; q++)
			*q = *q == ' ' ? '+' : *q;
		r = th_get(m, "/api/v1/register", query);
		assert_int_equal(r.status, 200);
		json_array_foreach (json_object_get(r.json, "children"), i, c) {
			assert_string_equal(json_string_value(json_object_get(c, "room")),
			                    elsewhere);
			assert_string_not_equal(json_string_value(json_object_get(c, "id")), code);
		}
		th_reply_free(&r);
		free(elsewhere);
		free(m);
	}
	r = th_get(k, "/api/v1/register", "date=" TODAY "&room=Nowhere");
	assert_int_equal(r.status, 422);
	th_reply_free(&r);
	expect_field(th_get(k, "/api/v1/register", "date=2026-02-30"), 422, "date");
	free(room);
	free(code);
	free(k);
}

static void test_api_bad_fields_are_422_naming_them_and_write_nothing(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = room_child(3), before;
	char path[64];
	(void)state;
	snprintf(path, sizeof path, "/api/v1/register/children/%lld", (long long)child);
	before = th_db_int("SELECT count(*) FROM register_child");
	expect_field(post_json(k, path, "{\"event\": \"sideways\"}"), 422, "event");
	expect_field(post_json(k, path, "{}"), 422, "event");
	expect_field(post_json(k, path, "{\"event\": \"in\", \"at\": \"25:00\"}"), 422, "at");
	expect_field(post_json(k, path, "{\"event\": \"in\", \"colour\": \"red\"}"), 422, "colour");
	/* another day needs the time */
	expect_field(post_json(k, path, "{\"event\": \"in\", \"date\": \"2026-03-03\"}"), 422,
	             "at");
	/* a sign-out says who collected */
	expect(post_json(k, path, "{\"event\": \"in\", \"at\": \"09:00\"}"), 201);
	expect_field(post_json(k, path, "{\"event\": \"out\", \"at\": \"12:00\"}"), 422,
	             "collected_by");
	expect(th_request("POST", path, NULL, k, "application/json", "{\"event\": \"out\"}"), 403);
	assert_int_equal(th_db_int("SELECT count(*) FROM register_child"), before + 1);
	free(k);
}

static void test_api_register_is_refused_outside_the_rooms_and_to_parents(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"),
	     *p = th_signin("parent", "demo-parent-2026"),
	     *m = th_signin("manager", "demo-manager-2026");
	int64_t outside = th_db_int(
	    "SELECT c.id FROM child c WHERE c.room_id NOT IN (SELECT sr.room_id FROM "
	    "staff_room sr JOIN staff s ON s.id = sr.staff_id AND s.code = 'S04') AND "
	    "c.id NOT IN (SELECT k.child_id FROM key_assignment k JOIN staff s ON s.id IN "
	    "(k.primary_staff_id, k.secondary_staff_id) AND s.code = 'S04') LIMIT 1");
	int64_t me = th_db_int("SELECT id FROM staff WHERE code = 'S04'"),
	        boss = th_db_int("SELECT id FROM staff WHERE code = 'S01'"), before;
	char path[64];
	(void)state;
	before = th_db_int("SELECT count(*) FROM register_child") +
	         th_db_int("SELECT count(*) FROM register_staff");
	snprintf(path, sizeof path, "/api/v1/register/children/%lld", (long long)outside);
	expect(post_json(k, path, "{\"event\": \"in\", \"at\": \"09:00\"}"), 404);
	snprintf(path, sizeof path, "/api/v1/register/children/%lld", (long long)room_child(0));
	expect(post_json(p, path, "{\"event\": \"in\", \"at\": \"09:00\"}"), 403);
	expect(th_get(p, "/api/v1/register", NULL), 403);
	/* staff: oneself, not a colleague; a manager signs anyone */
	snprintf(path, sizeof path, "/api/v1/register/staff/%lld", (long long)boss);
	expect(post_json(k, path, "{\"event\": \"in\", \"at\": \"07:45\"}"), 403);
	assert_int_equal(th_db_int("SELECT count(*) FROM register_child") +
	                     th_db_int("SELECT count(*) FROM register_staff"),
	                 before);
	expect(post_json(m, path, "{\"event\": \"in\", \"at\": \"07:45\"}"), 201);
	snprintf(path, sizeof path, "/api/v1/register/staff/%lld", (long long)me);
	expect(post_json(k, path, "{\"event\": \"in\", \"at\": \"08:00\"}"), 201);
	expect(post_json(k, path, "{\"event\": \"in\", \"at\": \"08:30\"}"), 409);
	expect_field(post_json(k, path, "{\"event\": \"out\", \"collected_by\": 1}"), 422,
	             "collected_by");
	expect(post_json(k, path, "{\"event\": \"out\", \"at\": \"17:00\"}"), 201);
	free(k);
	free(p);
	free(m);
}

/* ---- messages on /today ---- */

static void test_today_shows_a_childs_and_the_rooms_messages(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = room_child(4),
	        room = th_db_int("SELECT room_id FROM child WHERE id = %lld", (long long)child);
	char fields[256], anchor[64];
	const char *row;
	struct th_reply r;
	(void)state;
	r = th_get(k, "/today", "date=" TODAY);
	snprintf(anchor, sizeof anchor, "href=\"/children/%lld\"", (long long)child);
	row = strstr(r.body, anchor);
	assert_non_null(row);
	assert_true(strstr(row, "Calpol at 7am") == NULL ||
	            strstr(row, "Calpol at 7am") > strstr(row, "</tr>"));
	th_reply_free(&r);
	snprintf(fields, sizeof fields,
	         "date=" TODAY "&for=child:%lld&source=parent&text=Calpol+at+7am",
	         (long long)child);
	expect(th_post(k, "/messages", fields), 303);
	snprintf(fields, sizeof fields, "date=" TODAY "&for=room:%lld&text=Garden+closed+today",
	         (long long)room);
	expect(th_post(k, "/messages", fields), 303);
	r = th_get(k, "/today", "date=" TODAY);
	assert_int_equal(r.status, 200);
	row = strstr(r.body, anchor);
	assert_non_null(row);
	th_assert_contains(row, "Calpol at 7am");
	assert_true(strstr(row, "Calpol at 7am") < strstr(row, "</tr>")); /* in the child's row */
	th_assert_contains(row, "1 message</a>");
	th_assert_contains(row, "href=\"/messages?date=" TODAY "\"");
	th_assert_contains(r.body, "Garden closed today");
	th_reply_free(&r);
	/* another day's page does not show it */
	r = th_get(k, "/today", "date=2026-03-03");
	th_assert_lacks(r.body, "Calpol at 7am");
	th_reply_free(&r);
	free(k);
}

/* ---- mealtimes on /ratios and the rota ---- */

static void test_ratios_and_rota_show_a_room_eating_without_a_first_aider(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r;
	(void)state;
	r = th_get(m, "/ratios", "date=" TODAY);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "lunch 11:30–12:15");
	th_assert_lacks(r.body, "no paediatric first aider in the room at");
	th_reply_free(&r);
	/* the Babies' staff lose their certificates (none recorded: not a lapse) */
	th_db_exec("UPDATE staff SET pfa_expires = NULL WHERE id IN (SELECT staff_id FROM "
	           "staff_room sr JOIN room r ON r.id = sr.room_id WHERE r.name = 'Babies')");
	r = th_get(m, "/ratios", "date=" TODAY);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "no paediatric first aider in the room at lunch");
	th_assert_contains(r.body, "no paediatric first aider in the room at breakfast");
	th_reply_free(&r);
	r = th_get(m, "/rota", "week=" TODAY);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "no paediatric first aider in the room at");
	th_reply_free(&r);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page_sign_in_then_out_in_the_same_minute),
	    cmocka_unit_test(test_api_sign_in_then_out_in_the_same_minute),
	    cmocka_unit_test(test_api_day_register_for_a_date_and_room),
	    cmocka_unit_test(test_api_bad_fields_are_422_naming_them_and_write_nothing),
	    cmocka_unit_test(test_api_register_is_refused_outside_the_rooms_and_to_parents),
	    cmocka_unit_test(test_today_shows_a_childs_and_the_rooms_messages),
	    cmocka_unit_test(test_ratios_and_rota_show_a_room_eating_without_a_first_aider),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
