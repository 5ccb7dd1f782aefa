/*
 * test_http_setup.c — the set-up pages through http_handle, without
 * sockets, on the demo setting (`kw demo --start 2026-03-02`, today pinned
 * to Wednesday 2026-03-04) with one account per role. Every test signs in
 * the way a browser does (GET /signin for the kw_pre cookie and the form's
 * csrf field, POST the password, keep the session cookie) and pins what
 * would break: a manager adds a room, staff and a child; a bad field is a
 * 422 with the field named, the input kept and nothing written; a write
 * without the CSRF token is refused; a practitioner sees the basics of the
 * children in their room and nothing of anyone else's; a parent reaches
 * only their own family; a CSV import with a bad row imports nothing; the
 * users page keeps admin accounts to admins and shows a one-time password
 * once.
 */
#include "support.h"
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_user.h"
#include "web.h"

#define TODAY "2026-03-04"

static struct server srv;

static int group_setup(void **state)
{
	(void)state;
	th_demo(&srv, "setup.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("admin", "manager", "keyperson", "senco", "parent", NULL);
	th_serve();
	return 0;
}

/* ---- a manager sets the nursery up ---- */

static void test_manager_adds_room_staff_and_child(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	struct th_reply r;
	char path[64], baby_link[64], *id;
	int64_t audits = th_db_int("SELECT count(*) FROM audit_log"), baby;
	(void)state;

	r = th_post(m, "/rooms",
	            "name=Garden+Room&age_min_months=36&age_max_months=60&capacity=16");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/rooms");
	th_reply_free(&r);
	r = th_get(m, "/rooms", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Garden Room");
	th_assert_contains(r.body, "<th scope=\"row\">Babies</th>");
	th_reply_free(&r);

	r = th_post(
	    m, "/staff",
	    "id=S16&name=Nadia+Hussain&job_title=Room+leader&rooms=Garden+Room%3B+Pre-school"
	    "&qualification=3&key_person=yes&max_primary=8&languages=ur%3B+pa"
	    "&pfa_expires=2026-04-01&mon=08%3A00-16%3A00&tue=08%3A00-16%3A00");
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/staff/"));
	snprintf(path, sizeof path, "%s", r.location);
	th_reply_free(&r);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<h1>Nadia Hussain</h1>");
	th_assert_contains(r.body, "Garden Room, Pre-school");
	th_assert_contains(r.body, "renew within 28 days"); /* paediatric first aid due soon */
	th_assert_contains(r.body, "08:00–16:00");
	th_reply_free(&r);
	/* a floating buddy: the box not ticked means "no" */
	r = th_post(m, "/staff", "id=S17&name=Tom+Baxter&rooms=Garden+Room&qualification=2");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT key_person FROM staff WHERE code = 'S17'"), 0);

	r = th_get(m, "/staff", NULL);
	th_assert_contains(r.body, "Nadia Hussain");
	th_assert_contains(r.body, "buddy only");
	th_reply_free(&r);

	r = th_post(m, "/children",
	            "id=C061&first_name=Amara&last_name=Okafor&preferred_name=Ama"
	            "&date_of_birth=10%2F05%2F2022&room=Garden+Room&start_date=2026-03-02"
	            "&allergies=Peanuts&home_language=yo&mon=08%3A00-15%3A00"
	            "&wed=09%3A00-15%3A00&key_person=S16&buddy=S17&sen=yes");
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "/children/"));
	snprintf(path, sizeof path, "%s", r.location);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM child WHERE code = 'C061' AND sen = 1 "
	                           "AND date_of_birth = '2022-05-10'"),
	                 1);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM child_attendance a JOIN child c ON c.id = a.child_id "
	              "WHERE c.code = 'C061'"),
	    2);

	baby = th_db_int(
	    "SELECT c.id FROM child c JOIN room r ON r.id = c.room_id WHERE r.name = 'Babies' "
	    "AND c.start_date <= '" TODAY
	    "' AND (c.leaving_date IS NULL OR c.leaving_date >= '" TODAY "') ORDER BY c.id");
	snprintf(baby_link, sizeof baby_link, "href=\"/children/%lld\"", (long long)baby);
	r = th_get(m, "/children", "room=Garden+Room");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Amara (Ama) Okafor");
	th_assert_contains(r.body, "Peanuts");
	th_assert_lacks(r.body, baby_link); /* a Babies child is not in the Garden Room */
	th_reply_free(&r);
	r = th_get(m, "/children", NULL);
	th_assert_contains(r.body, "Amara (Ama) Okafor");
	th_assert_contains(r.body, baby_link);
	th_reply_free(&r);
	r = th_get(m, "/children", "room=Attic+Room");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);

	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<h1>Amara Okafor</h1>");
	th_assert_contains(r.body, "<dt>Key person</dt><dd>Nadia Hussain</dd>");
	th_assert_contains(r.body, "<dt>Buddy</dt><dd>Tom Baxter</dd>");
	th_assert_contains(r.body, "2022-05-10"); /* a manager sees the records */
	th_assert_contains(r.body, "Key person history");
	th_reply_free(&r);

	/* a contact for the new child, then the child's page lists them */
	id = strdup(path + strlen("/children/"));
	snprintf(path, sizeof path, "/children/%s/contacts", id);
	r = th_post(
	    m, path,
	    "name=Ngozi+Okafor&relationship=Mother&parental_responsibility=yes"
	    "&may_collect=yes&phone=07700+900123&preferred_method=text&preferred_time=after+5pm");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/children/%s", id);
	r = th_get(m, path, NULL);
	th_assert_contains(r.body, "07700 900123");
	th_assert_contains(r.body, "text message, after 5pm");
	th_assert_contains(r.body, "Give them a sign-in");
	th_reply_free(&r);
	free(id);

	/* every write left its audit row: room, two staff, child, key assignment, contact */
	if (th_db_int("SELECT count(*) FROM audit_log") < audits + 6)
		fail_msg("audit rows: %lld before, %lld after", (long long)audits,
		         (long long)th_db_int("SELECT count(*) FROM audit_log"));
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'child.add' "
	                           "AND detail = 'C061'"),
	                 1);
	free(m);
}

static void test_child_form_bad_date_is_422_with_input_kept(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t children = th_db_int("SELECT count(*) FROM child"), audits;
	struct th_reply r;
	(void)state;
	audits = th_db_int("SELECT count(*) FROM audit_log");
	r = th_post(m, "/children",
	            "id=C099&first_name=Zebedee&last_name=Quinn&date_of_birth=2023-02-30"
	            "&room=Babies&start_date=2026-03-02&allergies=Egg");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"date_of_birth-error\"");
	th_assert_contains(r.body, "Date of birth: must be a date");
	th_assert_contains(r.body, "aria-invalid=\"true\"");
	th_assert_contains(r.body, "name=\"first_name\" value=\"Zebedee\"");
	th_assert_contains(r.body, "name=\"date_of_birth\" value=\"2023-02-30\"");
	th_assert_contains(r.body, "name=\"allergies\" value=\"Egg\"");
	th_assert_contains(r.body, "<option value=\"Babies\" selected>");
	th_assert_contains(r.body, "role=\"alert\"");
	th_reply_free(&r);

	/* a refusal of the core operation (the key person is in another room) is shown the same way
	 */
	r = th_post(m, "/children",
	            "id=C099&first_name=Zebedee&last_name=Quinn&date_of_birth=2023-02-20"
	            "&room=Babies&start_date=2026-03-02&key_person=S10&buddy=S04");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"key_person-error\"");
	th_assert_contains(r.body, "S10 does not work in the child");
	th_reply_free(&r);

	/* a code that is taken */
	r = th_post(m, "/children",
	            "id=C001&first_name=Zebedee&last_name=Quinn&date_of_birth=2023-02-20"
	            "&room=Babies&start_date=2026-03-02");
	assert_int_equal(r.status, 409);
	th_assert_contains(r.body, "id=\"id-error\"");
	th_reply_free(&r);

	assert_int_equal(th_db_int("SELECT count(*) FROM child"), children);
	assert_int_equal(th_db_int("SELECT count(*) FROM child WHERE first_name = 'Zebedee'"), 0);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log"), audits);
	free(m);
}

static void test_post_without_csrf_is_403_and_writes_nothing(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	const char *body = "name=Sneaky+Room&age_min_months=0&age_max_months=24";
	const char *forged = "csrf=not-the-token&name=Sneaky+Room";
	int64_t rooms = th_db_int("SELECT count(*) FROM room");
	struct th_reply r;
	(void)state;
	r = th_request("POST", "/rooms", NULL, m, "application/x-www-form-urlencoded", body);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_request("POST", "/rooms", NULL, m, "application/x-www-form-urlencoded", forged);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_request("POST", "/admin/users/1/disable", NULL, m,
	               "application/x-www-form-urlencoded", "");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM room"), rooms);
	assert_int_equal(th_db_int("SELECT count(*) FROM room WHERE name = 'Sneaky Room'"), 0);
	assert_int_equal(th_db_int("SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL"),
	                 0);
	free(m);
}

/* ---- who sees which child ---- */

static void test_practitioner_sees_basics_in_room_and_nothing_outside(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char path[256], *phone, *name;
	struct th_reply r;
	int64_t outside, in_room, own;
	(void)state;
#define S04 "(SELECT id FROM staff WHERE code = 'S04')"
#define NOT_S04_CHILD                                                                    \
	"c.id NOT IN (SELECT child_id FROM key_assignment WHERE primary_staff_id = " S04 \
	" OR secondary_staff_id = " S04 ")"
#define S04_ROOMS "(SELECT room_id FROM staff_room WHERE staff_id = " S04 ")"
	outside = th_db_int("SELECT c.id FROM child c WHERE c.room_id NOT IN " S04_ROOMS
	                    " AND " NOT_S04_CHILD " ORDER BY c.id");
	in_room =
	    th_db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	              "AND ct.phone <> '' WHERE c.room_id IN " S04_ROOMS
	              " AND c.start_date <= '" TODAY "' AND " NOT_S04_CHILD " ORDER BY c.id");
	own = th_db_int("SELECT child_id FROM key_assignment WHERE primary_staff_id = "
	                "(SELECT id FROM staff WHERE code = 'S04') ORDER BY child_id");
	assert_true(outside > 0 && in_room > 0 && own > 0);

	snprintf(path, sizeof path, "/children/%lld", (long long)outside);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_get(k, "/children/999999", NULL);
	assert_int_equal(r.status, 404); /* the same answer as for a child who is not there */
	th_reply_free(&r);

	phone = th_db_text("SELECT ct.phone FROM contact ct JOIN child c ON c.family_id = "
	                   "ct.family_id WHERE c.id = %lld AND ct.phone <> ''",
	                   (long long)in_room);
	name = th_db_text("SELECT first_name FROM child WHERE id = %lld", (long long)in_room);
	snprintf(path, sizeof path, "/children/%lld", (long long)in_room);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, name);
	th_assert_contains(r.body, "Who may collect");
	th_assert_contains(r.body, "Key person and buddy");
	th_assert_lacks(r.body, phone);
	th_assert_lacks(r.body, "Date of birth");
	th_assert_lacks(r.body, "Key person history");
	th_reply_free(&r);
	free(phone);
	free(name);

	/* their own key child: the full records, contacts' phone numbers with them */
	snprintf(path, sizeof path, "/children/%lld", (long long)own);
	r = th_get(k, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Date of birth");
	th_assert_contains(r.body, "<h2 id=\"contacts\">Contacts</h2>");
	th_reply_free(&r);

	/* the list: their room's children, not the pre-school's */
	r = th_get(k, "/children", NULL);
	assert_int_equal(r.status, 200);
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)in_room);
	th_assert_contains(r.body, path);
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)outside);
	th_assert_lacks(r.body, path);
	th_assert_lacks(r.body, "Enrol a child");
	th_reply_free(&r);

	/* and none of the manager's pages */
	r = th_get(k, "/staff", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(k, "/children/new", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	free(k);
}

static void test_restricted_contact_warned_to_staff_not_to_collect(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t child =
	    th_db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	              "WHERE ct.restriction = 'no_collect' ORDER BY c.id");
	char *who =
	    th_db_text("SELECT name FROM contact WHERE restriction = 'no_collect' ORDER BY id");
	char path[64];
	struct th_reply r;
	(void)state;
	assert_true(child > 0);
	snprintf(path, sizeof path, "/children/%lld", (long long)child);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "NOT to collect");
	th_assert_contains(r.body, who);
	th_reply_free(&r);
	free(who);
	free(m);
}

static void test_parent_reaches_only_own_family(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	int64_t own =
	    th_db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	              "WHERE ct.id = 1 ORDER BY c.id");
	int64_t other = th_db_int("SELECT c.id FROM child c WHERE c.family_id <> "
	                          "(SELECT family_id FROM contact WHERE id = 1) ORDER BY c.id");
	char path[256], *name, *phone;
	struct th_reply r;
	(void)state;
	name = th_db_text("SELECT first_name FROM child WHERE id = %lld", (long long)own);
	phone = th_db_text("SELECT phone FROM contact WHERE id = 1");

	r = th_get(p, "/", NULL);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/family");
	th_reply_free(&r);
	r = th_get(p, "/family", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, name);
	th_assert_contains(r.body, "Key person");
	th_assert_contains(r.body, "This week");
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)other);
	th_assert_lacks(r.body, path);
	th_reply_free(&r);

	snprintf(path, sizeof path, "/children/%lld", (long long)own);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, name);
	th_assert_contains(r.body, "class=\"photo\"");
	th_assert_contains(r.body, "<dt>Buddy</dt>");
	{
		/* the first day of the usual week, in this week (2 to 8 March) */
		static const char *const days[] = {
		    "Monday 2 March", "Tuesday 3 March",  "Wednesday 4 March", "Thursday 5 March",
		    "Friday 6 March", "Saturday 7 March", "Sunday 8 March"};
		int64_t wd =
		    th_db_int("SELECT min(weekday) FROM child_attendance WHERE child_id = %lld",
		              (long long)own);
		assert_true(wd >= 0 && wd < 7);
		th_assert_contains(r.body, days[wd]);
	}
	th_assert_lacks(r.body, phone);         /* no contacts on the family's view */
	th_assert_lacks(r.body, "restriction"); /* nor anybody's restriction */
	th_assert_lacks(r.body, "NOT to collect");
	th_assert_lacks(r.body, "Date of birth");
	th_reply_free(&r);

	snprintf(path, sizeof path, "/children/%lld", (long long)other);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/children/%lld/contacts/new", (long long)other);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(p, "/children", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(p, "/admin/users", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	free(name);
	free(phone);
	free(p);
}

static void test_admin_has_no_child_records(void **state)
{
	char *a = th_signin("admin", "demo-admin-2026");
	struct th_reply r;
	(void)state;
	r = th_get(a, "/children", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(a, "/children/1", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(a, "/family", NULL);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_get(a, "/admin/users", NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	free(a);
}

/* ---- staff absences ---- */

static void test_absence_recorded_and_shown_on_rota_week(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t staff = th_db_int("SELECT id FROM staff WHERE code = 'S08'");
	int64_t absences = th_db_int("SELECT count(*) FROM staff_absence");
	char path[64];
	struct th_reply r;
	(void)state;
	snprintf(path, sizeof path, "/staff/%lld/absences", (long long)staff);
	r = th_post(m, path, "from=2026-03-10&to=2026-03-09&reason=holiday");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"to-error\"");
	th_assert_contains(r.body, "name=\"to\" value=\"2026-03-09\"");
	th_reply_free(&r);
	r = th_post(m, path, "from=2026-03-10&to=2026-03-11");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"reason-error\"");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM staff_absence"), absences);

	r = th_post(m, path, "from=2026-03-10&to=2026-03-11&reason=training&note=Forest+school");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM staff_absence"), absences + 1);
	assert_true(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'staff.absence'") >=
	            1);

	snprintf(path, sizeof path, "/staff/%lld", (long long)staff);
	r = th_get(m, path, "week=2026-03-11");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Rota: week of Monday 9 March");
	th_assert_contains(r.body, "absent: training");
	th_assert_contains(r.body, "Forest school");
	th_reply_free(&r);
	r = th_get(m, path, "week=not-a-date");
	assert_int_equal(r.status, 400);
	th_reply_free(&r);
	r = th_get(m, "/staff/999999", NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	free(m);
}

/* ---- CSV import ---- */

static struct th_reply upload(const char *cookie, const char *kind, const char *csv)
{
	static const char boundary[] = "kwTestBoundary7MA4YWxk";
	char *csrf = th_csrf_of(cookie), ctype[128];
	size_t n = strlen(csv) + 1024;
	char *body = malloc(n);
	struct th_reply r;
	int len = snprintf(
	    body, n,
	    "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
	    "--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n"
	    "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\n%s\r\n--%s--\r\n",
	    boundary, csrf, boundary, kind, boundary, kind, csv, boundary);
	snprintf(ctype, sizeof ctype, "multipart/form-data; boundary=%s", boundary);
	r = th_request_len("POST", "/import", NULL, cookie, ctype, body, (size_t)len);
	free(body);
	free(csrf);
	return r;
}

static void test_csv_import_with_bad_row_imports_nothing(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t rooms = th_db_int("SELECT count(*) FROM room");
	struct th_reply r;
	(void)state;
	r = upload(m, "rooms",
	           "name,age_min_months,age_max_months,capacity\n"
	           "Attic,0,24,9\n"
	           "Cellar,lots,24,9\n"
	           "Porch,0,24,none\n");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "role=\"alert\"");
	th_assert_contains(r.body, "Nothing was imported");
	th_assert_contains(r.body, "row 3, column age_min_months");
	th_assert_contains(r.body, "row 4, column capacity");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM room"), rooms);
	assert_int_equal(th_db_int("SELECT count(*) FROM room WHERE name = 'Attic'"), 0);

	r = upload(m, "nonsense", "name\nAttic\n");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"kind-error\"");
	th_reply_free(&r);

	r = upload(m, "rooms",
	           "name,age_min_months,age_max_months,capacity\n"
	           "Attic,0,24,9\n"
	           "Cellar,24,36,12\n");
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/import?imported=2&what=rooms");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM room"), rooms + 2);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'import.rooms'"),
	                 1);
	r = th_get(m, "/import", "imported=2&what=rooms");
	th_assert_contains(r.body, "Imported 2 rooms.");
	th_reply_free(&r);
	free(m);
}

/* ---- user administration ---- */

static void test_manager_cannot_reset_or_make_admin_nor_disable_self(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), path[64];
	int64_t admin = th_db_int("SELECT id FROM app_user WHERE username = 'admin'");
	int64_t self = th_db_int("SELECT id FROM app_user WHERE username = 'manager'");
	int64_t users = th_db_int("SELECT count(*) FROM app_user");
	struct th_reply r;
	(void)state;
	r = th_get(m, "/admin/users", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<th scope=\"row\">admin</th>");
	th_assert_contains(r.body, "only an admin may change this account");
	th_assert_lacks(r.body, "value=\"admin\""); /* no admin box to tick */
	th_reply_free(&r);

	snprintf(path, sizeof path, "/admin/users/%lld/reset", (long long)admin);
	r = th_post(m, path, "");
	assert_int_equal(r.status, 403);
	th_assert_lacks(r.body, "one-time-password");
	th_reply_free(&r);
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)admin);
	r = th_post(m, path, "");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)self);
	r = th_post(m, path, "");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(m, "/admin/users", "username=sneaky&display_name=Sneaky&role=admin");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	r = th_post(m, "/admin/users",
	            "username=sneaky2&display_name=Sneaky&role=dsl&role=practitioner");
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM app_user"), users);
	assert_int_equal(th_db_int("SELECT count(*) FROM app_user WHERE disabled_at IS NOT NULL"),
	                 0);
	free(m);

	/* the admin's password still works, and the admin may reset the manager */
	m = th_signin("admin", "demo-admin-2026");
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)admin);
	r = th_post(m, path, "");
	assert_int_equal(r.status, 403); /* not even an admin disables their own account */
	th_reply_free(&r);
	free(m);
}

static void test_one_time_password_shown_once_and_leads_to_password_page(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), *pw, *pw2, path[64];
	struct th_reply r;
	int64_t id;
	(void)state;
	th_step_up("manager"); /* account changes ask for the password again */
	r = th_post(m, "/admin/users",
	            "username=saima&display_name=Saima+Ahmed&role=practitioner&staff=S05");
	assert_int_equal(r.status, 200);
	pw = NULL;
	{
		const char *p = strstr(r.body, "id=\"one-time-password\">");
		assert_non_null(p);
		p += strlen("id=\"one-time-password\">");
		pw = strndup(p, strcspn(p, "<"));
	}
	assert_true(strlen(pw) >= PASSWORD_MIN);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT must_change_password FROM app_user WHERE username = 'saima'"), 1);
	assert_int_equal(
	    th_db_int(
	        "SELECT count(*) FROM audit_log WHERE action = 'user.add' AND detail = 'saima'"),
	    1);
	/* shown once: not on the users page, not in the database */
	r = th_get(m, "/admin/users", NULL);
	th_assert_contains(r.body, "saima");
	th_assert_lacks(r.body, pw);
	th_reply_free(&r);

	/* a bad username is refused with the field named and the input kept */
	r = th_post(m, "/admin/users", "username=bad+name&display_name=Bad&role=practitioner");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"username-error\"");
	th_assert_contains(r.body, "value=\"bad name\"");
	th_reply_free(&r);

	r = th_signin_reply("saima", pw);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/password");
	th_reply_free(&r);

	/* a reset: a new one-time password, the old one stops working */
	id = th_db_int("SELECT id FROM app_user WHERE username = 'saima'");
	snprintf(path, sizeof path, "/admin/users/%lld/reset", (long long)id);
	r = th_post(m, path, "");
	assert_int_equal(r.status, 200);
	{
		const char *p = strstr(r.body, "id=\"one-time-password\">");
		assert_non_null(p);
		p += strlen("id=\"one-time-password\">");
		pw2 = strndup(p, strcspn(p, "<"));
	}
	th_reply_free(&r);
	r = th_signin_reply("saima", pw);
	assert_int_equal(r.status, 401);
	th_reply_free(&r);
	r = th_signin_reply("saima", pw2);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/password");
	th_reply_free(&r);

	/* disabled: no more signing in */
	snprintf(path, sizeof path, "/admin/users/%lld/disable", (long long)id);
	r = th_post(m, path, "");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_signin_reply("saima", pw2);
	assert_int_equal(r.status, 401);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM session WHERE user_id = "
	                           "(SELECT id FROM app_user WHERE username = 'saima')"),
	                 0);
	free(pw);
	free(pw2);
	free(m);
}

static char *one_time_password(const char *html)
{
	const char *p = strstr(html, "id=\"one-time-password\">");
	assert_non_null(p);
	p += strlen("id=\"one-time-password\">");
	return strndup(p, strcspn(p, "<"));
}

static void test_manager_gives_a_parent_a_sign_in_to_their_family_only(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026"), *p, *pw, *csrf, body[256], path[64];
	int64_t contact =
	    th_db_int("SELECT id FROM contact WHERE parental_responsibility = 1 "
	              "AND restriction = 'none' AND family_id <> (SELECT family_id FROM contact "
	              "WHERE id = 1) ORDER BY id");
	int64_t theirs =
	    th_db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	              "WHERE ct.id = (SELECT id FROM contact WHERE parental_responsibility = 1 "
	              "AND restriction = 'none' AND family_id <> (SELECT family_id FROM contact "
	              "WHERE id = 1) ORDER BY id LIMIT 1) ORDER BY c.id");
	int64_t not_theirs =
	    th_db_int("SELECT c.id FROM child c JOIN contact ct ON ct.family_id = c.family_id "
	              "WHERE ct.id = 1 ORDER BY c.id");
	struct th_reply r;
	(void)state;
	/* the link on the child's contacts fills in the form */
	snprintf(path, sizeof path, "contact=%lld&role=parent&display_name=Mum",
	         (long long)contact);
	r = th_get(m, "/admin/users", path);
	th_assert_contains(r.body, "value=\"parent\" checked");
	th_reply_free(&r);
	snprintf(body, sizeof body, "username=mum2&display_name=Mum&role=parent&contact=%lld",
	         (long long)contact);
	th_step_up("manager");
	r = th_post(m, "/admin/users", body);
	assert_int_equal(r.status, 200);
	pw = one_time_password(r.body);
	th_reply_free(&r);
	free(m);

	/* first sign-in: choose a password, then sign in with it */
	p = th_signin("mum2", pw);
	csrf = th_csrf_of(p);
	snprintf(body, sizeof body, "csrf=%s&current=%s&new=our-own-password-2026", csrf, pw);
	r = th_request("POST", "/password", NULL, p, "application/x-www-form-urlencoded", body);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	free(p);
	free(csrf);
	p = th_signin("mum2", "our-own-password-2026");
	r = th_get(p, "/family", NULL);
	assert_int_equal(r.status, 200);
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)theirs);
	th_assert_contains(r.body, path);
	snprintf(path, sizeof path, "href=\"/children/%lld\"", (long long)not_theirs);
	th_assert_lacks(r.body, path);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/children/%lld", (long long)not_theirs);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	free(pw);
	free(p);
}

static void test_leaver_listed_with_one_click_disable(void **state)
{
	char *m, *a, *name, expect[256];
	struct th_reply r;
	(void)state;
	name = th_db_text("SELECT name FROM staff WHERE code = 'S06'");
	snprintf(expect, sizeof expect, "%s</a> <span class=\"tag\">left</span>", name);
	a = th_signin("admin", "demo-admin-2026");
	th_step_up("admin");
	r = th_post(a, "/admin/users",
	            "username=chris&display_name=Chris&role=practitioner&staff=S06");
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	free(a);
	th_db_exec("UPDATE staff SET leaving_date = '2026-02-27' WHERE code = 'S06'");

	m = th_signin("manager", "demo-manager-2026");
	r = th_get(m, "/admin/users", NULL);
	th_assert_contains(r.body, "Staff who have left but can still sign in");
	th_assert_contains(r.body, "left on 2026-02-27");
	th_reply_free(&r);
	r = th_get(m, "/staff", NULL);
	th_assert_contains(r.body, expect);
	th_reply_free(&r);
	{
		char path[64];
		snprintf(path, sizeof path, "/admin/users/%lld/disable",
		         (long long)th_db_int("SELECT id FROM app_user WHERE username = 'chris'"));
		r = th_post(m, path, ""); /* first the password again (ASVS 3.7.1) */
		assert_int_equal(r.status, 200);
		th_assert_contains(r.body, "name=\"step_up_password\"");
		th_reply_free(&r);
		r = th_post(m, path, "step_up_password=demo-manager-2026");
		assert_int_equal(r.status, 303);
		th_reply_free(&r);
	}
	r = th_get(m, "/admin/users", NULL);
	th_assert_lacks(r.body, "Staff who have left but can still sign in");
	th_reply_free(&r);
	free(name);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_manager_adds_room_staff_and_child),
	    cmocka_unit_test(test_child_form_bad_date_is_422_with_input_kept),
	    cmocka_unit_test(test_post_without_csrf_is_403_and_writes_nothing),
	    cmocka_unit_test(test_practitioner_sees_basics_in_room_and_nothing_outside),
	    cmocka_unit_test(test_restricted_contact_warned_to_staff_not_to_collect),
	    cmocka_unit_test(test_parent_reaches_only_own_family),
	    cmocka_unit_test(test_admin_has_no_child_records),
	    cmocka_unit_test(test_absence_recorded_and_shown_on_rota_week),
	    cmocka_unit_test(test_csv_import_with_bad_row_imports_nothing),
	    cmocka_unit_test(test_manager_cannot_reset_or_make_admin_nor_disable_self),
	    cmocka_unit_test(test_one_time_password_shown_once_and_leads_to_password_page),
	    cmocka_unit_test(test_manager_gives_a_parent_a_sign_in_to_their_family_only),
	    cmocka_unit_test(test_leaver_listed_with_one_click_disable),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
