/*
 * test_http_day.c — the day's pages through http_handle without sockets, on
 * the demo setting (`kw demo --start 2026-03-02`, today pinned to Wednesday
 * 2026-03-04), signed in the way a browser does.
 *
 * Pinned here: a practitioner signs their key child in and out with a
 * contact who may collect, and the register shows the key person in charge
 * and the collector; a second sign-in is 409 with the reason on the page; a
 * restricted contact is refused (403); someone not on the family's list is
 * refused without the collection password and accepted with it; a child
 * outside the practitioner's rooms is 404; the CSV has its header and one
 * row per child signed in; /ratios flags the slots of a room whose Level 3s
 * are off sick; the message book: a parent's message shows on the register
 * beside the child, is handed over, listed for the manager until
 * acknowledged, and acknowledged once; a parent is refused all of it.
 */
#include "support.h"
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_register.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;
static const char *db;

/* Children of the practitioner's (S04) room expected today (weekday 2 is a
 * Wednesday), in a family with a contact who may collect and no restriction;
 * "key" children: the manager's (S01) own key children among them. */
#define ROOM_CHILD_SQL                                                                             \
	"SELECT c.id FROM child c JOIN child_attendance a ON a.child_id = c.id AND a.weekday = 2 " \
	"WHERE c.setting_id = 1 AND c.room_id IN (SELECT sr.room_id FROM staff_room sr JOIN "      \
	"staff "                                                                                   \
	"s ON s.id = sr.staff_id AND s.code = 'S04') AND EXISTS (SELECT 1 FROM contact ct WHERE "  \
	"ct.family_id = c.family_id AND ct.may_collect = 1 AND ct.restriction = 'none') %s "       \
	"ORDER BY c.id LIMIT 1 OFFSET %d"
#define OF_S01                                                                                   \
	"AND c.id IN (SELECT k.child_id FROM key_assignment k JOIN staff s ON s.id = "           \
	"k.primary_staff_id AND s.code = 'S01' WHERE k.from_date <= '" TODAY "' AND (k.to_date " \
	"IS NULL OR k.to_date > '" TODAY "'))"

static int64_t key_child(int k)
{
	return th_db_int(ROOM_CHILD_SQL, "", k);
}

static int64_t collector_of(int64_t child)
{
	return th_db_int("SELECT ct.id FROM contact ct JOIN child c ON c.family_id = ct.family_id "
	                 "WHERE c.id = %lld AND ct.may_collect = 1 AND ct.restriction = 'none' "
	                 "ORDER BY ct.id LIMIT 1",
	                 (long long)child);
}

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512];
	int64_t child, family_contact;
	(void)state;
	db = th_demo(&srv, "day.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	/* the second key child's family gets a collection password */
	child = key_child(1);
	family_contact = collector_of(child);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	if (core_register_set_collection_password(s, &who, family_contact, "bluebell", &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_serve();
	return 0;
}

static void expect(struct th_reply r, int status)
{
	if (r.status != status)
		fail_msg("expected %d, got %d\n%s", status, r.status, r.body);
	th_reply_free(&r);
}

/* ---- the register ---- */

static void test_sign_in_and_out_with_an_allowed_collector(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = key_child(0), contact = collector_of(child);
	char path[64], fields[128], *collector, *keyperson;
	struct th_reply r;
	(void)state;
	collector = th_db_text("SELECT name FROM contact WHERE id = %lld", (long long)contact);
	keyperson = th_db_text("SELECT name FROM staff WHERE code = 'S04'");

	r = th_get(k, "/register", "date=" TODAY);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Not in yet");
	snprintf(path, sizeof path, "/register/%lld/in\"", (long long)child);
	th_assert_contains(r.body, path);
	th_reply_free(&r);

	snprintf(path, sizeof path, "/register/%lld/in", (long long)child);
	r = th_post(k, path, "date=" TODAY "&at=08:05");
	assert_int_equal(r.status, 303);
	th_assert_contains(r.location, "/register?date=" TODAY);
	th_reply_free(&r);

	/* a second sign-in: 409, said on the page */
	r = th_post(k, path, "date=" TODAY "&at=08:10");
	assert_int_equal(r.status, 409);
	th_assert_contains(r.body, "role=\"alert\"");
	th_assert_contains(r.body, "<h1>Register</h1>");
	th_reply_free(&r);

	r = th_get(k, "/register", "date=" TODAY);
	th_assert_contains(r.body, "In since 08:05");
	th_assert_contains(r.body, "Collected by");
	th_assert_contains(r.body, collector); /* the chooser offers the family's collectors */
	th_reply_free(&r);

	snprintf(path, sizeof path, "/register/%lld/out", (long long)child);
	r = th_post(k, path, "date=" TODAY "&at=16:30");
	assert_int_equal(r.status, 422); /* nobody chosen */
	th_assert_contains(r.body, "collected_by-");
	th_reply_free(&r);
	snprintf(fields, sizeof fields, "date=" TODAY "&at=16:30&collected_by=%lld",
	         (long long)contact);
	r = th_post(k, path, fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);

	r = th_get(k, "/register", "date=" TODAY);
	th_assert_contains(r.body, "gone home at 16:30");
	th_assert_contains(r.body, collector);
	th_assert_contains(r.body, "Key person in charge: ");
	th_assert_contains(r.body, keyperson);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action LIKE 'register.%%' "
	                           "AND child_id = %lld",
	                           (long long)child),
	                 2);
	free(collector);
	free(keyperson);
	free(k);
}

static void test_restricted_and_unknown_collectors(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t child = key_child(1), restricted;
	char in[64], out[64], fields[256];
	(void)state;
	snprintf(in, sizeof in, "/register/%lld/in", (long long)child);
	snprintf(out, sizeof out, "/register/%lld/out", (long long)child);
	expect(th_post(k, in, "date=" TODAY "&at=08:00"), 303);

	/* a contact of the family under a court order: refused outright */
	restricted = th_db_int("SELECT ct.id FROM contact ct JOIN child c ON c.family_id = "
	                       "ct.family_id WHERE c.id = %lld ORDER BY ct.id DESC LIMIT 1",
	                       (long long)child);
	th_db_exec("UPDATE contact SET may_collect = 0, restriction = 'no_collect' WHERE id = %lld",
	           (long long)restricted);
	snprintf(fields, sizeof fields, "date=" TODAY "&at=15:00&collected_by=%lld",
	         (long long)restricted);
	{
		struct th_reply r = th_post(k, out, fields);
		assert_int_equal(r.status, 403);
		th_assert_contains(r.body, "must not collect");
		th_reply_free(&r);
	}
	th_db_exec("UPDATE contact SET restriction = 'none' WHERE id = %lld",
	           (long long)restricted);

	/* someone not on the list: no password, refused with the form kept */
	{
		struct th_reply r =
		    th_post(k, out,
		            "date=" TODAY "&at=15:00&collected_by=other"
		            "&collected_by_name=Auntie+Sue&reason=Mum+rang+at+noon");
		assert_int_equal(r.status, 422);
		th_assert_contains(r.body, "collection password");
		th_assert_contains(r.body, "value=\"Auntie Sue\"");
		th_reply_free(&r);
		r = th_post(k, out,
		            "date=" TODAY
		            "&at=15:00&collected_by=other&collected_by_name=Auntie+Sue"
		            "&reason=Mum+rang+at+noon&password=wrong-one");
		assert_int_equal(r.status, 422);
		th_assert_contains(r.body, "does not match");
		th_reply_free(&r);
	}
	expect(th_post(k, out,
	               "date=" TODAY "&at=15:00&collected_by=other&collected_by_name=Auntie+Sue"
	               "&reason=Mum+rang+at+noon&password=bluebell"),
	       303);
	{
		struct th_reply r = th_get(k, "/register", "date=" TODAY);
		th_assert_contains(r.body, "Auntie Sue");
		th_assert_contains(r.body, "override: Mum rang at noon");
		th_assert_lacks(r.body, "bluebell");
		th_reply_free(&r);
	}
	free(k);
}

static void test_practitioner_cannot_sign_in_a_child_outside_their_rooms(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	int64_t other = th_db_int(
	    "SELECT c.id FROM child c WHERE c.setting_id = 1 AND c.room_id NOT IN (SELECT "
	    "sr.room_id FROM staff_room sr JOIN staff s ON s.id = sr.staff_id AND s.code = 'S04') "
	    "AND c.id NOT IN (SELECT k.child_id FROM key_assignment k JOIN staff s ON s.code = "
	    "'S04' AND (s.id = k.primary_staff_id OR s.id = k.secondary_staff_id)) "
	    "ORDER BY c.id LIMIT 1");
	char path[64];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/register/%lld/in", (long long)other);
	r = th_post(k, path, "date=" TODAY "&at=08:00");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM register_child WHERE child_id = %lld "
	                           "AND date = '" TODAY "'",
	                           (long long)other),
	                 0);
	free(k);
}

static void test_csv_and_print(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r;
	int64_t signed_in;
	(void)state;
	/* the manager signs in another key child too */
	{
		char path[64];
		snprintf(path, sizeof path, "/register/%lld/in", (long long)key_child(2));
		expect(th_post(m, path, "date=" TODAY "&at=09:00"), 303);
	}
	signed_in =
	    th_db_int("SELECT count(DISTINCT child_id) FROM register_child WHERE date = '" TODAY
	              "' AND event = 'in'");
	assert_true(signed_in >= 3);
	r = th_get(m, "/register.csv", "date=" TODAY);
	assert_int_equal(r.status, 200);
	assert_non_null(r.disposition);
	th_assert_contains(r.disposition, "attachment");
	th_assert_contains(r.disposition, "register-" TODAY ".csv");
	{
		static const char header[] =
		    "date,kind,id,name,room,in,out,hours,key_person,collected_by";
		assert_true(strncmp(r.body, header, sizeof header - 1) == 0);
	}
	assert_int_equal(t_count(r.body, "\n" TODAY ",child,"), (int)signed_in);
	th_reply_free(&r);
	r = th_get(m, "/register/print", "date=" TODAY);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Daily register");
	th_assert_contains(r.body, "Auntie Sue");
	/* the table's headings are markup, not escaped text */
	th_assert_contains(r.body, "<th scope=\"col\">Key person</th>");
	th_assert_lacks(r.body, "&lt;th");
	th_reply_free(&r);
	r = th_get(m, "/register/missing", "date=" TODAY);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	free(m);
}

/* ---- ratios ---- */

static void test_ratios_flag_a_room_without_its_level3(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *room =
	    th_db_text("SELECT r.name FROM room r WHERE r.setting_id = 1 AND EXISTS (SELECT 1 "
	               "FROM shift sh WHERE sh.room_id = r.id AND sh.date = '" TODAY "') "
	               "ORDER BY r.age_min_months LIMIT 1");
	char query[256];
	struct th_reply r;
	(void)state;
	snprintf(query, sizeof query, "date=" TODAY "&room=%s", room);
	r = th_get(m, "/ratios", query);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<svg");
	th_assert_contains(r.body, "<th scope=\"col\">Adults needed</th>");
	th_reply_free(&r);
	/* every Level 3 or above working in that room today is off sick */
	th_db_exec("INSERT INTO staff_absence (setting_id, staff_id, from_date, to_date, reason, "
	           "created_at) SELECT DISTINCT 1, s.id, '" TODAY "', '" TODAY
	           "', 'sick', 0 FROM staff s "
	           "JOIN shift sh ON sh.staff_id = s.id AND sh.date = '" TODAY "' JOIN room r ON "
	           "r.id = sh.room_id AND r.name = '%s' WHERE s.qualification >= 3",
	           room);
	r = th_get(m, "/ratios", query);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "OUT OF RATIO");
	th_assert_contains(r.body, "Out of ratio in ");
	th_assert_contains(r.body, "class=\"short\"");
	th_reply_free(&r);
	th_db_exec("DELETE FROM staff_absence WHERE from_date = '" TODAY "' AND created_at = 0");
	free(room);
	free(m);
}

/* ---- the message book ---- */

static void test_message_book_and_handover(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026"),
	     *m = th_signin("manager", "demo-manager-2026");
	int64_t child = th_db_int(ROOM_CHILD_SQL, OF_S01, 0),
	        keyperson_staff = th_db_int("SELECT id FROM staff WHERE code = 'S04'"), message;
	char fields[256], path[64];
	struct th_reply r;
	(void)state;
	r = th_post(k, "/messages", "date=" TODAY "&for=&text=Slept+badly");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "Slept badly"); /* the input kept */
	th_reply_free(&r);
	snprintf(fields, sizeof fields,
	         "date=" TODAY "&for=child:%lld&source=parent&text=Grandma+collecting+at+4",
	         (long long)child);
	expect(th_post(k, "/messages", fields), 303);
	message = th_db_int("SELECT max(id) FROM handover_message");

	r = th_get(k, "/register", "date=" TODAY);
	{
		char anchor[64];
		const char *row;
		snprintf(anchor, sizeof anchor, "id=\"child-%lld\"", (long long)child);
		row = r.body ? strstr(r.body, anchor) : NULL;
		assert_non_null(row);
		th_assert_contains(row, "Grandma collecting at 4");
		assert_true(strstr(row, "Grandma collecting at 4") < strstr(row, "</tr>"));
	}
	th_reply_free(&r);
	r = th_get(m, "/messages", "date=" TODAY);
	th_assert_contains(r.body, "Grandma collecting at 4");
	th_reply_free(&r);

	/* the child's key person (the manager, S01) hands over to the practitioner */
	snprintf(fields, sizeof fields, "date=" TODAY "&to=%lld", (long long)keyperson_staff);
	r = th_post(m, "/messages/handover", fields);
	assert_int_equal(r.status, 303);
	th_assert_contains(r.location, "handed=");
	th_assert_lacks(r.location, "handed=0");
	th_reply_free(&r);
	r = th_get(m, "/messages/unacknowledged", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Grandma collecting at 4");
	th_reply_free(&r);
	r = th_get(k, "/messages/unacknowledged", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);

	snprintf(path, sizeof path, "/messages/%lld/ack", (long long)message);
	r = th_get(k, "/messages", "date=" TODAY);
	th_assert_contains(r.body, "Handed over to you (1)");
	th_reply_free(&r);
	r = th_post(m, path, "date=" TODAY); /* not handed to the manager */
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	expect(th_post(k, path, "date=" TODAY), 303);
	expect(th_post(k, path, "date=" TODAY), 409);
	r = th_get(m, "/messages/unacknowledged", NULL);
	th_assert_lacks(r.body, "Grandma collecting at 4");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action LIKE 'message.%%'"),
	                 3);
	free(k);
	free(m);
}

static void test_parent_is_refused_the_day(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	static const char *const gets[] = {
	    "/register", "/register/print", "/register.csv",           "/register/missing",
	    "/ratios",   "/messages",       "/messages/unacknowledged"};
	char path[64];
	(void)state;
	for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++)
		expect(th_get(p, gets[i], NULL), 403);
	expect(th_post(p, "/messages", "for=room:1&text=hello"), 403);
	expect(th_post(p, "/messages/handover", "to=1"), 403);
	expect(th_post(p, "/messages/1/ack", ""), 403);
	snprintf(path, sizeof path, "/register/%lld/in", (long long)key_child(0));
	expect(th_post(p, path, "at=09:00"), 403);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sign_in_and_out_with_an_allowed_collector),
	    cmocka_unit_test(test_restricted_and_unknown_collectors),
	    cmocka_unit_test(test_practitioner_cannot_sign_in_a_child_outside_their_rooms),
	    cmocka_unit_test(test_csv_and_print),
	    cmocka_unit_test(test_ratios_flag_a_room_without_its_level3),
	    cmocka_unit_test(test_message_book_and_handover),
	    cmocka_unit_test(test_parent_is_refused_the_day),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
