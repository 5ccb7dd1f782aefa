/*
 * test_http_accident.c — accidents, incidents and injuries on arrival
 * through http_handle(), on the demo with a second setting beside it: a
 * practitioner records for a child of their room who is not their key
 * child, with several body map regions, and reads it back, but reaches
 * nothing of a child of another room (not even the form); a bad
 * first aider is refused naming the field, nothing written; a parent sees
 * and acknowledges their own child's records, in their language, and never
 * another family's; another setting's children and records answer 404;
 * the manager's accident book shows the Ofsted deadline and highlights it
 * when overdue, until a manager marks it notified; the DSL sees repeated
 * injuries; the JSON; every read leaves an audit row.
 */
#include "http_support.h"
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "core_demo.h"
#include "core_user.h"
#include "date.h"
#include "http.h"
#include "store.h"
#include "web.h"

#define START "2026-03-02"
#define TODAY "2026-03-04"

static struct server srv;
static char *manager, *keyperson, *parent, *dsl;

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct demo_options o = {.children = 60, .another = 1, .setting_name = "Otherside Nursery"};
	struct demo_summary sum;
	struct actor who = {.setting_id = 1, .name = "test"};
	const char *db;
	char err[512];
	(void)state;
	db = th_demo(&srv, "accident_http.db", START, TODAY, TH_API_JSON);
	assert_int_equal(date_parse(START, &o.start), 0);
	o.staff = core_demo_default_staff(o.children);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) || core_tx_commit(s, &e))
		fail_msg("the second setting: %s", e.msg);
	assert_int_equal(sum.setting_id, 2);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "dsl", "demo-dsl-2026", (1u << ROLE_DSL) | (1u << ROLE_MANAGER), "S02",
	            0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_add_demo_users("admin", "manager", "keyperson", "senco", "parent", NULL);
	th_serve();
	manager = th_signin("manager", "demo-manager-2026");
	keyperson = th_signin("keyperson", "demo-keyperson-2026");
	parent = th_signin("parent", "demo-parent-2026");
	dsl = th_signin("dsl", "demo-dsl-2026");
	return 0;
}

static int group_teardown(void **state)
{
	free(manager);
	free(keyperson);
	free(parent);
	free(dsl);
	return th_group_teardown(state);
}

#define KB_SQL                                                                                  \
	"SELECT k.child_id FROM key_assignment k JOIN staff s ON s.id IN (k.primary_staff_id, " \
	"k.secondary_staff_id) WHERE s.code = 'S04' AND s.setting_id = 1 AND k.from_date <= "   \
	"'" TODAY "' AND (k.to_date IS NULL OR k.to_date > '" TODAY "')"

/* A child of setting 1 outside S04's rooms who is not their key or buddy child. */
static int64_t other_room_child(void)
{
	return th_db_int("SELECT c.id FROM child c WHERE c.setting_id = 1 AND c.room_id NOT IN "
	                 "(SELECT sr.room_id FROM staff_room sr JOIN staff s ON s.id = sr.staff_id "
	                 "WHERE s.code = 'S04' AND s.setting_id = 1) AND c.id NOT IN (" KB_SQL
	                 ") ORDER BY c.id LIMIT 1");
}

static int64_t key_child(void)
{
	return th_db_int(KB_SQL " ORDER BY k.child_id LIMIT 1");
}

static int64_t own_child(void)
{
	return th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                 "WHERE k.id = 1 AND c.id IN (SELECT child_id FROM accident) ORDER BY c.id "
	                 "LIMIT 1");
}

/* A child of setting 1 of another family than contact 1's, with an accident. */
static int64_t other_family_child(void)
{
	return th_db_int("SELECT child_id FROM accident WHERE setting_id = 1 AND child_id IN "
	                 "(SELECT id FROM child WHERE family_id <> (SELECT family_id FROM contact "
	                 "WHERE id = 1)) ORDER BY id LIMIT 1");
}

static int64_t accident_of(int64_t child)
{
	return th_db_int("SELECT min(id) FROM accident WHERE child_id = %lld", (long long)child);
}

static int64_t audits(const char *action)
{
	return th_db_int("SELECT count(*) FROM audit_log WHERE action = '%s'", action);
}

/* pattern with its first "%lld" replaced by a and the second by b (one
 * static buffer: one use at a time) */
static const char *path_of(const char *pattern, int64_t a, int64_t b)
{
	static char p[192];
	size_t used = 0;
	int k = 0;
	for (const char *q = pattern; *q && used + 24 < sizeof p;) {
		if (strncmp(q, "%lld", 4) == 0) {
			used += (size_t)snprintf(p + used, sizeof p - used, "%lld",
			                         (long long)(k++ ? b : a));
			q += 4;
		} else {
			p[used++] = *q++;
		}
	}
	p[used] = '\0';
	return p;
}

static int status_of(const char *cookie, const char *path)
{
	struct th_reply r = th_get(cookie, path, NULL);
	int st = r.status;
	th_reply_free(&r);
	return st;
}

static int post_status(const char *cookie, const char *path, const char *fields)
{
	struct th_reply r = th_post(cookie, path, fields);
	int st = r.status;
	th_reply_free(&r);
	return st;
}

/* A child of S04's rooms who is not their key or buddy child. */
static int64_t room_child(void)
{
	return th_db_int("SELECT c.id FROM child c JOIN staff_room sr ON sr.room_id = c.room_id "
	                 "JOIN staff s ON s.id = sr.staff_id WHERE s.code = 'S04' AND "
	                 "s.setting_id = 1 AND c.id NOT IN (" KB_SQL ") ORDER BY c.id LIMIT 1");
}

static void test_a_practitioner_records_for_the_children_of_their_room(void **state)
{
	int64_t child = room_child(), away = other_room_child(),
	        before = th_db_int("SELECT count(*) FROM accident");
	struct th_reply r;
	(void)state;
	assert_true(child > 0 && away > 0);
	/* the form, with the body map's checkboxes */
	r = th_get(keyperson, path_of("/children/%lld/accidents", child, 0), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "svg viewBox=\"0 0 320 290\"");
	th_assert_contains(r.body, "type=\"checkbox\" name=\"region_left_arm\"");
	th_reply_free(&r);
	r = th_post(keyperson, path_of("/children/%lld/accidents", child, 0),
	            "kind=accident&date=2026-03-03&time=10:15&location=Garden+path&"
	            "what_happened=Tripped+over+a+scooter+at+the+gate&region_face=yes&"
	            "region_left_arm=yes&witnesses=Two+parents");
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.location, "#accident-"));
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident"), before + 1);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident WHERE child_id = %lld AND "
	                           "body_region = 'face left_arm' AND location = 'Garden path' "
	                           "AND recorded_by_name <> ''",
	                           (long long)child),
	                 1);
	r = th_get(keyperson, path_of("/children/%lld/accidents", child, 0), NULL);
	th_assert_contains(r.body, "Tripped over a scooter at the gate");
	th_assert_contains(r.body, "head and face, left arm");
	th_reply_free(&r);
	/* a child of another room: nothing, not even the name, and nothing written */
	assert_int_equal(status_of(keyperson, path_of("/children/%lld/accidents", away, 0)), 404);
	assert_int_equal(post_status(keyperson, path_of("/children/%lld/accidents", away, 0),
	                             "kind=accident&date=2026-03-03&time=10:15&location=Hall&"
	                             "what_happened=Fell"),
	                 404);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident"), before + 1);
	r = th_get(keyperson, "/accidents/new", NULL);
	th_assert_contains(r.body, path_of("<option value=\"%lld\">", child, 0));
	th_assert_lacks(r.body, path_of("<option value=\"%lld\">", away, 0));
	th_reply_free(&r);
	/* the concern form keeps its one region (radio buttons) */
	r = th_get(keyperson, "/concerns/new", NULL);
	th_assert_contains(r.body, "type=\"radio\" name=\"body_region\" id=\"region-face\"");
	th_reply_free(&r);
}

static void test_a_bad_form_names_the_field_and_writes_nothing(void **state)
{
	int64_t child = key_child(), before = th_db_int("SELECT count(*) FROM accident");
	int64_t staff = th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S06'");
	char fields[512];
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE staff SET pfa_expires = '2026-01-31' WHERE id = %lld", (long long)staff);
	snprintf(fields, sizeof fields,
	         "kind=accident&date=2026-03-03&time=11:00&location=Garden&what_happened=Fell&"
	         "first_aid=Plaster&first_aider=%lld",
	         (long long)staff);
	r = th_post(keyperson, path_of("/children/%lld/accidents", child, 0), fields);
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "first_aider: has no paediatric first aid certificate valid on "
	                           "2026-03-03");
	th_assert_contains(r.body, "value=\"Garden\""); /* what was typed comes back */
	th_reply_free(&r);
	assert_int_equal(post_status(keyperson, path_of("/children/%lld/accidents", child, 0),
	                             "kind=existing_injury&date=2026-03-03&time=08:00&"
	                             "what_happened=Graze&region_nose=yes"),
	                 422);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident"), before);
	th_db_exec("UPDATE staff SET pfa_expires = '2028-01-31' WHERE id = %lld", (long long)staff);
}

static void test_a_parent_sees_only_their_own_familys_accidents(void **state)
{
	int64_t own = own_child(), other = other_family_child(), mine, theirs;
	struct th_reply r;
	(void)state;
	assert_true(own > 0 && other > 0);
	mine = accident_of(own);
	theirs = accident_of(other);
	r = th_get(parent, path_of("/family/children/%lld/accidents", own, 0), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "climbing frame");
	th_assert_contains(r.body, "I have read this record");
	th_reply_free(&r);
	/* the portal's child page links to it */
	r = th_get(parent, path_of("/family/children/%lld", own, 0), NULL);
	th_assert_contains(r.body, path_of("/family/children/%lld/accidents", own, 0));
	th_reply_free(&r);
	/* another family's: 404, by its child or by their record under my child */
	assert_int_equal(status_of(parent, path_of("/family/children/%lld/accidents", other, 0)),
	                 404);
	assert_int_equal(
	    post_status(parent,
	                path_of("/family/children/%lld/accidents/%lld/acknowledge", other, theirs),
	                "parent_name=Nosy+Parker"),
	    404);
	assert_int_equal(
	    post_status(parent,
	                path_of("/family/children/%lld/accidents/%lld/acknowledge", own, theirs),
	                "parent_name=Nosy+Parker"),
	    404);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident WHERE parent_ack_name = 'Nosy "
	                           "Parker'"),
	                 0);
	/* staff routes are not theirs */
	assert_int_equal(status_of(parent, path_of("/children/%lld/accidents", own, 0)), 403);
	/* in Polish */
	th_db_exec("UPDATE contact SET language = 'pl' WHERE id = 1");
	r = th_get(parent, path_of("/family/children/%lld/accidents", own, 0), NULL);
	th_assert_contains(r.body, "Wypadki i urazy");
	th_assert_contains(r.body, "głowa i twarz");
	th_assert_lacks(r.body, "What happened");
	th_assert_lacks(r.body, "head and face");
	th_reply_free(&r);
	/* an empty name is refused in their language */
	r = th_post(parent, path_of("/family/children/%lld/accidents/%lld/acknowledge", own, mine),
	            "parent_name=");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "Wpisz swoje imię i nazwisko");
	th_reply_free(&r);
	th_db_exec("UPDATE contact SET language = 'en' WHERE id = 1");
	/* acknowledged once, in the portal, by this contact */
	assert_int_equal(
	    post_status(parent,
	                path_of("/family/children/%lld/accidents/%lld/acknowledge", own, mine),
	                "parent_name=Amira+Haddad"),
	    303);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident WHERE id = %lld AND "
	                           "parent_ack_how = 'portal' AND parent_ack_contact_id = 1 AND "
	                           "parent_ack_name = 'Amira Haddad'",
	                           (long long)mine),
	                 1);
	assert_int_equal(
	    post_status(parent,
	                path_of("/family/children/%lld/accidents/%lld/acknowledge", own, mine),
	                "parent_name=Amira+Haddad"),
	    409);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = "
	              "'accident.acknowledge' AND object_id = %lld AND detail = 'portal'",
	              (long long)mine),
	    1);
}

static void test_another_settings_ids_answer_404(void **state)
{
	int64_t x_child =
	            th_db_int("SELECT child_id FROM accident WHERE setting_id = 2 ORDER BY id "
	                      "LIMIT 1"),
	        x_acc = accident_of(x_child), own = key_child();
	int64_t before = th_db_int("SELECT count(*) FROM accident WHERE setting_id = 2 AND "
	                           "parent_informed_at IS NOT NULL");
	(void)state;
	assert_true(x_child > 0 && x_acc > 0);
	assert_int_equal(status_of(manager, path_of("/children/%lld/accidents", x_child, 0)), 404);
	assert_int_equal(status_of(dsl, path_of("/api/v1/children/%lld/accidents", x_child, 0)),
	                 404);
	assert_int_equal(post_status(manager, path_of("/children/%lld/accidents", x_child, 0),
	                             "kind=accident&date=2026-03-03&time=10:00&location=x&"
	                             "what_happened=x"),
	                 404);
	assert_int_equal(
	    post_status(manager, path_of("/children/%lld/accidents/%lld/parent-told", own, x_acc),
	                "date=2026-03-04&time=09:00"),
	    404);
	assert_int_equal(
	    post_status(manager,
	                path_of("/children/%lld/accidents/%lld/parent-told", x_child, x_acc),
	                "date=2026-03-04&time=09:00"),
	    404);
	assert_int_equal(
	    post_status(manager, path_of("/children/%lld/accidents/%lld/notified", x_child, x_acc),
	                "body=ofsted"),
	    404);
	assert_int_equal(status_of(parent, path_of("/family/children/%lld/accidents", x_child, 0)),
	                 404);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident WHERE setting_id = 2 AND "
	                           "parent_informed_at IS NOT NULL"),
	                 before);
	/* the book and the patterns show only this setting's children */
	{
		struct th_reply r = th_get(dsl, "/accidents", NULL);
		th_assert_lacks(r.body, path_of("/children/%lld/accidents", x_child, 0));
		th_reply_free(&r);
	}
}

static void test_the_book_shows_the_ofsted_deadline_and_overdue_until_notified(void **state)
{
	int64_t child = key_child(), id;
	struct th_reply r;
	(void)state;
	r = th_post(manager, path_of("/children/%lld/accidents", child, 0),
	            "kind=accident&date=2026-02-01&time=10:00&location=Outing+to+the+park&"
	            "what_happened=Fell+from+the+slide;+arm+broken&region_right_arm=yes&"
	            "notifiable=yes");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	id = th_db_int("SELECT max(id) FROM accident WHERE child_id = %lld", (long long)child);
	r = th_get(manager, "/accidents", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "<span class=overdue>due by 2026-02-14 (overdue)</span>");
	th_assert_contains(r.body, "overdue</strong> of");
	th_reply_free(&r);
	/* the DSL reads the book but does not mark notifications; a practitioner neither */
	r = th_get(dsl, "/accidents", NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	assert_int_equal(status_of(keyperson, "/accidents"), 403);
	assert_int_equal(post_status(keyperson,
	                             path_of("/children/%lld/accidents/%lld/notified", child, id),
	                             "body=ofsted"),
	                 403);
	assert_int_equal(post_status(manager,
	                             path_of("/children/%lld/accidents/%lld/notified", child, id),
	                             "body=ofsted"),
	                 303);
	r = th_get(manager, "/accidents", NULL);
	th_assert_lacks(r.body, "due by 2026-02-14");
	th_reply_free(&r);
	/* the parent told and the on-screen acknowledgement, by staff of the child */
	assert_int_equal(
	    post_status(keyperson, path_of("/children/%lld/accidents/%lld/parent-told", child, id),
	                "date=2026-02-01&time=16:30"),
	    303);
	assert_int_equal(
	    post_status(keyperson, path_of("/children/%lld/accidents/%lld/acknowledge", child, id),
	                "parent_name=Pat+Jones"),
	    303);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM accident WHERE id = %lld AND "
	              "parent_ack_how = 'on_screen' AND parent_informed_at IS NOT NULL",
	              (long long)id),
	    1);
	/* a practitioner outside the child's rooms does not change its record */
	{
		int64_t away = th_db_int(
		    "SELECT a.child_id FROM accident a JOIN child c ON c.id = a.child_id WHERE "
		    "a.setting_id = 1 AND c.room_id NOT IN (SELECT sr.room_id FROM staff_room sr "
		    "JOIN "
		    "staff s ON s.id = sr.staff_id WHERE s.code = 'S04' AND s.setting_id = 1) AND "
		    "c.id NOT IN (" KB_SQL ") AND a.parent_ack_at IS NULL ORDER BY a.id LIMIT 1");
		assert_true(away > 0);
		assert_int_equal(post_status(keyperson,
		                             path_of("/children/%lld/accidents/%lld/acknowledge",
		                                     away, accident_of(away)),
		                             "parent_name=Pat+Jones"),
		                 404);
		assert_int_equal(th_db_int("SELECT count(*) FROM accident WHERE child_id = %lld "
		                           "AND parent_ack_name = 'Pat Jones'",
		                           (long long)away),
		                 0);
	}
}

static void test_the_dsl_sees_repeated_injuries(void **state)
{
	int64_t pattern =
	    th_db_int("SELECT child_id FROM accident WHERE setting_id = 1 AND kind <> "
	              "'incident' GROUP BY child_id HAVING count(*) >= 3 ORDER BY "
	              "child_id LIMIT 1");
	int64_t before = audits("accident.patterns");
	struct th_reply r;
	(void)state;
	assert_true(pattern > 0);
	r = th_get(dsl, "/safeguarding/injuries", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, path_of("href=\"/children/%lld/accidents\"", pattern, 0));
	th_assert_contains(r.body, "upper back, left arm");
	th_reply_free(&r);
	assert_int_equal(audits("accident.patterns"), before + 1);
	r = th_get(dsl, "/safeguarding", NULL);
	th_assert_contains(r.body, "/safeguarding/injuries");
	th_reply_free(&r);
	assert_int_equal(status_of(manager, "/safeguarding/injuries"), 403);
	assert_int_equal(status_of(keyperson, "/safeguarding/injuries"), 403);
}

static void test_every_read_is_audited_and_the_json_lists_the_records(void **state)
{
	int64_t child =
	    th_db_int("SELECT child_id FROM accident WHERE setting_id = 1 AND riddor = 1 "
	              "ORDER BY id LIMIT 1");
	int64_t views = audits("accident.view"), lists = audits("accident.list"),
	        family = audits("portal.accident.view");
	struct th_reply r;
	json_t *x;
	(void)state;
	assert_int_equal(status_of(manager, path_of("/children/%lld/accidents", child, 0)), 200);
	assert_int_equal(audits("accident.view"), views + 1);
	assert_int_equal(status_of(manager, "/accidents"), 200);
	assert_int_equal(audits("accident.list"), lists + 1);
	assert_int_equal(
	    status_of(parent, path_of("/family/children/%lld/accidents", own_child(), 0)), 200);
	assert_int_equal(audits("portal.accident.view"), family + 1);
	r = th_get(manager, path_of("/api/v1/children/%lld/accidents", child, 0), NULL);
	assert_int_equal(r.status, 200);
	assert_int_equal(audits("accident.view"), views + 2);
	x = json_array_get(json_object_get(r.json, "accidents"), 0);
	assert_non_null(x);
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(x, "body_regions"), 0)), "right_arm");
	assert_true(json_is_true(json_object_get(x, "riddor")));
	assert_true(json_is_true(json_object_get(x, "notifiable")));
	assert_non_null(json_string_value(json_object_get(x, "ofsted_deadline")));
	th_reply_free(&r);
	/* a practitioner of another room: 404, not the records */
	assert_int_equal(
	    status_of(keyperson, path_of("/api/v1/children/%lld/accidents", other_room_child(), 0)),
	    404);
}

static void test_the_json_api_records_one_or_names_the_field(void **state)
{
	int64_t child = key_child(),
	        x_child = th_db_int("SELECT min(id) FROM child WHERE "
	                            "setting_id = 2"),
	        before = th_db_int("SELECT count(*) FROM accident");
	int64_t staff = th_db_int("SELECT id FROM staff WHERE setting_id = 1 AND code = 'S06'");
	char *csrf = th_csrf_of(keyperson), body[512];
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE staff SET pfa_expires = '2026-01-31' WHERE id = %lld", (long long)staff);
	snprintf(body, sizeof body,
	         "{\"kind\": \"accident\", \"date\": \"2026-03-03\", \"time\": \"11:00\", "
	         "\"location\": \"Sand pit\", \"what_happened\": \"Sand in the eye\", "
	         "\"body_region\": [\"face\"], \"first_aid\": \"Eye washed\", "
	         "\"first_aider\": %lld, \"notifiable\": false}",
	         (long long)staff);
	r = th_request_csrf("POST", path_of("/api/v1/children/%lld/accidents", child, 0), NULL,
	                    csrf, keyperson, "application/json", body);
	assert_int_equal(r.status, 422);
	assert_string_equal(json_string_value(json_object_get(r.json, "field")), "first_aider");
	th_reply_free(&r);
	r = th_request_csrf("POST", path_of("/api/v1/children/%lld/accidents", child, 0), NULL,
	                    csrf, keyperson, "application/json",
	                    "{\"kind\": \"accident\", \"mood\": \"sad\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(json_string_value(json_object_get(r.json, "field")), "mood");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident"), before);
	th_db_exec("UPDATE staff SET pfa_expires = '2028-01-31' WHERE id = %lld", (long long)staff);
	r = th_request_csrf("POST", path_of("/api/v1/children/%lld/accidents", child, 0), NULL,
	                    csrf, keyperson, "application/json", body);
	assert_int_equal(r.status, 201);
	assert_true(json_integer_value(json_object_get(r.json, "id")) > 0);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident WHERE child_id = %lld AND "
	                           "body_region = 'face' AND first_aider_staff_id = %lld",
	                           (long long)child, (long long)staff),
	                 1);
	free(csrf); /* the manager's own token: another setting's child is missing */
	csrf = th_csrf_of(manager);
	r = th_request_csrf("POST", path_of("/api/v1/children/%lld/accidents", x_child, 0), NULL,
	                    csrf, manager, "application/json", body);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM accident"), before + 1);
	free(csrf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_practitioner_records_for_the_children_of_their_room),
	    cmocka_unit_test(test_a_bad_form_names_the_field_and_writes_nothing),
	    cmocka_unit_test(test_a_parent_sees_only_their_own_familys_accidents),
	    cmocka_unit_test(test_another_settings_ids_answer_404),
	    cmocka_unit_test(test_the_book_shows_the_ofsted_deadline_and_overdue_until_notified),
	    cmocka_unit_test(test_the_dsl_sees_repeated_injuries),
	    cmocka_unit_test(test_every_read_is_audited_and_the_json_lists_the_records),
	    cmocka_unit_test(test_the_json_api_records_one_or_names_the_field),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
