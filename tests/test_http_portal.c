/*
 * test_http_portal.c — the parent portal through http_handle, on the demo
 * setting with today pinned (Tuesday 2026-03-03), tried from the forbidden
 * side: a parent walking every other family's child (pages and JSON), their
 * observations and messages, gets the same 404 as for an id that does not
 * exist; nothing unpublished, unshared, unsent or in draft reaches a
 * family; another child of a group observation is named only with their
 * family's consent; a key person's absence shows as a day not in, never
 * its reason; the family thread is read by the key person, by the buddy
 * only on a day the key person is not in, by managers, and by nobody else
 * on the staff; "off sick today" reaches /today and leaves the expected
 * list; a contact change waits for the manager; consents are given and
 * withdrawn with dates; a parent under a court-order restriction sees
 * nothing; the portal in Polish holds none of the catalogue's English.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_user.h"
#include "portal_text.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-03"

static struct server srv;
static const char *db;
static int64_t child;       /* the demo parent's (contact 1) child */
static int64_t other_child; /* a child of another family */
static int64_t key, buddy;  /* the child's key person (S04) and buddy */
static int64_t other_contact;

static void add_user(const char *username, unsigned roles, const char *staff, int64_t contact)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
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
	char *code;
	(void)state;
	db = th_demo(&srv, "portal.db", TODAY, TODAY, TH_API_JSON);
	th_add_demo_users("manager", "keyperson", "senco", "parent", NULL);
	child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                  "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	key = th_db_int("SELECT primary_staff_id FROM key_assignment WHERE child_id = %lld AND "
	                "to_date IS NULL",
	                (long long)child);
	buddy = th_db_int("SELECT secondary_staff_id FROM key_assignment WHERE child_id = %lld AND "
	                  "to_date IS NULL",
	                  (long long)child);
	assert_int_equal(key, th_db_int("SELECT id FROM staff WHERE code = 'S04'"));
	code = th_db_text("SELECT code FROM staff WHERE id = %lld", (long long)buddy);
	add_user("buddy", 1u << ROLE_PRACTITIONER, code, 0);
	free(code);
	/* a practitioner of another room, neither key person nor buddy of the child */
	code =
	    th_db_text("SELECT s.code FROM staff s WHERE s.id NOT IN (%lld, %lld) AND NOT EXISTS "
	               "(SELECT 1 FROM staff_room r JOIN child c ON c.room_id = r.room_id WHERE "
	               "r.staff_id = s.id AND c.id = %lld) ORDER BY s.id LIMIT 1",
	               (long long)key, (long long)buddy, (long long)child);
	add_user("otherroom", 1u << ROLE_PRACTITIONER, code, 0);
	free(code);
	other_child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 "
	                        "WHERE c.family_id <> k.family_id ORDER BY c.id LIMIT 1");
	other_contact = th_db_int("SELECT k.id FROM contact k JOIN child c ON c.family_id = "
	                          "k.family_id WHERE c.id = %lld AND k.parental_responsibility = 1 "
	                          "ORDER BY k.id LIMIT 1",
	                          (long long)other_child);
	add_user("otherparent", 1u << ROLE_PARENT, NULL, other_contact);
	th_serve();
	return 0;
}

/* The key person in today (a shift, no absence) or away (an absence). */
static void key_person_in(int in)
{
	th_db_exec("DELETE FROM staff_absence WHERE staff_id = %lld AND from_date <= '%s' AND "
	           "to_date >= '%s'",
	           (long long)key, TODAY, TODAY);
	if (in)
		th_db_exec("INSERT INTO shift (setting_id, staff_id, date, start_min, end_min, "
		           "published) VALUES (1, %lld, '%s', 480, 960, 1)",
		           (long long)key, TODAY);
	else
		th_db_exec("INSERT INTO staff_absence (setting_id, staff_id, from_date, to_date, "
		           "reason, note, created_at) VALUES (1, %lld, '%s', '%s', 'sick', "
		           "'migraine-private-note', 1)",
		           (long long)key, TODAY, TODAY);
}

/* pattern with its "%lld" replaced by id (a buffer of its own per call slot). */
static const char *at(const char *pattern, long long id)
{
	static char bufs[4][192];
	static int slot;
	char *out = bufs[slot++ % 4];
	const char *hole = strstr(pattern, "%lld");
	if (!hole)
		snprintf(out, sizeof bufs[0], "%s", pattern);
	else
		snprintf(out, sizeof bufs[0], "%.*s%lld%s", (int)(hole - pattern), pattern, id,
		         hole + 4);
	return out;
}

static struct th_reply get(const char *cookie, const char *fmt, long long id)
{
	return th_get(cookie, at(fmt, id), NULL);
}

static struct th_reply post(const char *cookie, const char *fmt, long long id, const char *fields)
{
	return th_post(cookie, at(fmt, id), fields);
}

/* POST JSON to the API with the session's CSRF token in the X-CSRF-Token header. */
static struct th_reply api_post(const char *cookie, const char *fmt, long long id, const char *json)
{
	char *csrf = th_csrf_of(cookie);
	const char *path = at(fmt, id);
	struct th_reply r;
	r = th_request_csrf("POST", path, NULL, csrf, cookie, "application/json", json);
	free(csrf);
	return r;
}

static void expect(struct th_reply r, int status)
{
	if (r.status != status)
		fail_msg("status %d, expected %d: %.300s", r.status, status, r.body ? r.body : "");
	th_reply_free(&r);
}

static void test_a_parent_reaches_no_other_familys_child(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	static const char *const gets[] = {
	    "/family/children/%lld",
	    "/api/v1/family/children/%lld",
	    "/api/v1/family/children/%lld/diary",
	    "/api/v1/family/children/%lld/observations",
	    "/api/v1/family/children/%lld/messages",
	};
	char *fingerprint = NULL, *after;
	struct th_reply missing, r;
	size_t n = 0;
	int64_t *ids;
	(void)state;
	ids = calloc(200, sizeof *ids);
	for (int64_t id = 1; id <= th_db_int("SELECT max(id) FROM child") && n < 200; id++)
		if (th_db_int(
		        "SELECT count(*) FROM child c JOIN contact k ON k.id = 1 WHERE c.id = "
		        "%lld AND c.family_id = k.family_id",
		        (long long)id) == 0)
			ids[n++] = id;
	assert_true(n >= 50);
	for (size_t g = 0; g < sizeof gets / sizeof *gets; g++) {
		missing = get(p, gets[g], 999999);
		assert_int_equal(missing.status, 404);
		for (size_t i = 0; i < n; i++) {
			r = get(p, gets[g], (long long)ids[i]);
			if (r.status != 404 || strcmp(r.body, missing.body) != 0)
				fail_msg("%s for child %lld: %d %.200s", gets[g], (long long)ids[i],
				         r.status, r.body);
			th_reply_free(&r);
		}
		th_reply_free(&missing);
		r = get(p, gets[g], (long long)child);
		assert_int_equal(r.status, 200);
		th_reply_free(&r);
	}
	/* writes to another family's child: 404, nothing written */
	fingerprint = t_fingerprint(db);
	for (size_t i = 0; i < n; i += 7) {
		expect(post(p, "/family/children/%lld/messages", (long long)ids[i], "text=Hi"),
		       404);
		expect(post(p, "/family/children/%lld/absences", (long long)ids[i],
		            "date=" TODAY "&reason=illness"),
		       404);
		expect(post(p, "/family/children/%lld/wow", (long long)ids[i], "wow=Hi"), 404);
		expect(post(p, "/family/children/%lld/consents", (long long)ids[i], "kind=outings"),
		       404);
		expect(api_post(p, "/api/v1/family/children/%lld/messages", (long long)ids[i],
		                "{\"text\": \"Hi\"}"),
		       404);
		expect(api_post(p, "/api/v1/family/children/%lld/absences", (long long)ids[i],
		                "{\"reason\": \"illness\"}"),
		       404);
	}
	after = t_fingerprint(db);
	assert_string_equal(after, fingerprint);
	/* the family page names their child and no other */
	r = th_get(p, "/family", NULL);
	{
		char *name =
		    th_db_text("SELECT first_name FROM child WHERE id = %lld", (long long)child);
		char *other =
		    th_db_text("SELECT first_name || ' ' || last_name FROM child WHERE id = "
		               "%lld",
		               (long long)other_child);
		th_assert_contains(r.body, name);
		th_assert_lacks(r.body, other);
		free(name);
		free(other);
	}
	th_reply_free(&r);
	free(after);
	free(fingerprint);
	free(ids);
	free(p);
}

static void test_the_key_persons_absence_shows_as_a_day_out_never_its_reason(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	struct th_reply r;
	json_t *week;
	size_t i;
	json_t *d;
	(void)state;
	key_person_in(0);
	r = get(p, "/family/children/%lld", (long long)child);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Key person");
	th_assert_contains(r.body, "Sarah Clarke");
	th_assert_lacks(r.body, "migraine");
	/* "sick" only in the family's own choice of reason, "Ill (off sick)" */
	assert_int_equal(t_count(r.body, "sick"), 1);
	th_assert_contains(r.body, "The key person is not in today: the buddy will answer.");
	th_reply_free(&r);
	r = get(p, "/api/v1/family/children/%lld", (long long)child);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, "migraine");
	assert_true(json_is_true(json_object_get(r.json, "key_person_away")));
	week = json_object_get(json_object_get(r.json, "key_person"), "this_week");
	assert_true(json_is_array(week));
	json_array_foreach (week, i, d)
		assert_string_not_equal(json_string_value(json_object_get(d, "date")), TODAY);
	th_reply_free(&r);
	key_person_in(1);
	r = get(p, "/api/v1/family/children/%lld", (long long)child);
	assert_true(json_is_false(json_object_get(r.json, "key_person_away")));
	th_reply_free(&r);
	free(p);
}

static void test_nothing_unpublished_unshared_unsent_or_draft_reaches_the_family(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	struct th_reply r;
	long long c = (long long)child;
	(void)state;
	th_db_exec("INSERT INTO diary_entry (setting_id, child_id, date, kind, detail, created_at, "
	           "published_at) VALUES (1, %lld, '%s', 'meal', 'diary-published-mark', 1, 2), "
	           "(1, %lld, '%s', 'meal', 'diary-draft-mark', 1, NULL)",
	           c, TODAY, c, TODAY);
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, shared, "
	           "created_at) VALUES (1, %lld, '%s', 'obs-shared-mark', 1, 1)",
	           (long long)key, TODAY);
	th_db_exec("INSERT INTO observation_child VALUES (1, (SELECT max(id) FROM observation), "
	           "%lld)",
	           c);
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, shared, "
	           "created_at) VALUES (1, %lld, '%s', 'obs-private-mark', 0, 1)",
	           (long long)key, TODAY);
	th_db_exec("INSERT INTO observation_child VALUES (1, (SELECT max(id) FROM observation), "
	           "%lld)",
	           c);
	/* the demo's own weekly updates of those weeks give way to these */
	th_db_exec("DELETE FROM weekly_update WHERE child_id = %lld", c);
	th_db_exec("INSERT INTO weekly_update (setting_id, child_id, week_start, text, sent_at) "
	           "VALUES (1, %lld, '2026-02-23', 'weekly-sent-mark', 5), (1, %lld, "
	           "'2026-03-02', 'weekly-draft-mark', NULL)",
	           c, c);
	th_db_exec("INSERT INTO two_year_check (setting_id, child_id, date, strengths, status, "
	           "created_at) VALUES (1, %lld, '2026-02-01', 'check-final-mark', 'final', 1), "
	           "(1, %lld, '2026-03-01', 'check-draft-mark', 'draft', 1)",
	           c, c);
	th_db_exec(
	    "INSERT INTO progress_meeting (setting_id, child_id, staff_id, at, method) VALUES "
	    "(1, %lld, %lld, 4102444800, 'video')",
	    c, (long long)key);
	r = get(p, "/family/children/%lld", c);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "diary-published-mark");
	th_assert_lacks(r.body, "diary-draft-mark");
	th_assert_contains(r.body, "obs-shared-mark");
	th_assert_lacks(r.body, "obs-private-mark");
	th_assert_contains(r.body, "weekly-sent-mark");
	th_assert_lacks(r.body, "weekly-draft-mark");
	th_assert_contains(r.body, "check-final-mark");
	th_assert_lacks(r.body, "check-draft-mark");
	th_assert_contains(r.body, "by video call");
	th_reply_free(&r);
	r = get(p, "/api/v1/family/children/%lld/diary", c);
	th_assert_contains(r.body, "diary-published-mark");
	th_assert_lacks(r.body, "diary-draft-mark");
	th_reply_free(&r);
	r = get(p, "/api/v1/family/children/%lld/observations", c);
	th_assert_contains(r.body, "obs-shared-mark");
	th_assert_lacks(r.body, "obs-private-mark");
	th_reply_free(&r);
	/* the unshared observation by its address: the same 404 as a missing one */
	r = get(p, "/family/observations/%lld",
	        (long long)th_db_int("SELECT max(id) FROM observation"));
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	free(p);
}

static void test_a_group_observation_names_another_child_only_with_consent(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	int64_t agreed, refused, obs;
	char *agreed_name, *refused_name;
	struct th_reply r;
	(void)state;
	/* two children of other families: one family agreed to be shown to others, one withdrew */
	agreed = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 WHERE c.family_id "
	                   "<> k.family_id ORDER BY c.id LIMIT 1 OFFSET 3");
	refused = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 WHERE c.family_id "
	                    "<> k.family_id ORDER BY c.id LIMIT 1 OFFSET 5");
	th_db_exec("DELETE FROM consent WHERE kind = 'photos_shared_with_others' AND child_id IN "
	           "(%lld, %lld)",
	           (long long)agreed, (long long)refused);
	th_db_exec("INSERT INTO consent (setting_id, child_id, kind, given, given_on) VALUES (1, "
	           "%lld, 'photos_shared_with_others', 1, '2026-01-05'), (1, %lld, "
	           "'photos_shared_with_others', 1, '2026-01-05')",
	           (long long)agreed, (long long)refused);
	th_db_exec(
	    "UPDATE consent SET withdrawn_on = '2026-02-01' WHERE child_id = %lld AND kind = "
	    "'photos_shared_with_others'",
	    (long long)refused);
	th_db_exec("UPDATE child SET preferred_name = 'Agreedname' WHERE id = %lld",
	           (long long)agreed);
	th_db_exec("UPDATE child SET preferred_name = 'Refusedname' WHERE id = %lld",
	           (long long)refused);
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, shared, "
	           "created_at) VALUES (1, %lld, '%s', 'group-obs-mark', 1, 1)",
	           (long long)key, TODAY);
	obs = th_db_int("SELECT max(id) FROM observation");
	th_db_exec("INSERT INTO observation_child VALUES (1, %lld, %lld), (1, %lld, %lld), (1, "
	           "%lld, %lld)",
	           (long long)obs, (long long)child, (long long)obs, (long long)agreed,
	           (long long)obs, (long long)refused);
	agreed_name = strdup("Agreedname");
	refused_name = strdup("Refusedname");
	r = get(p, "/family/observations/%lld", (long long)obs);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "group-obs-mark");
	th_assert_contains(r.body, agreed_name);
	th_assert_lacks(r.body, refused_name);
	th_assert_contains(r.body, "another child");
	th_reply_free(&r);
	r = get(p, "/family/children/%lld", (long long)child);
	th_assert_contains(r.body, agreed_name);
	th_assert_lacks(r.body, refused_name);
	th_reply_free(&r);
	r = get(p, "/api/v1/family/children/%lld/observations", (long long)child);
	th_assert_contains(r.body, agreed_name);
	th_assert_lacks(r.body, refused_name);
	th_reply_free(&r);
	/* the other family's parent sees it from their side, without our child's name
	 * unless we consent; an observation not about one's children is 404 */
	{
		char *o = th_signin("otherparent", "demo-otherparent-2026");
		struct th_reply miss = get(o, "/family/observations/%lld", 999999);
		r = get(o, "/family/observations/%lld", (long long)obs);
		assert_int_equal(r.status, 404);
		assert_string_equal(r.body, miss.body);
		th_reply_free(&r);
		th_reply_free(&miss);
		free(o);
	}
	free(agreed_name);
	free(refused_name);
	free(p);
}

static void test_a_message_reaches_the_key_person_and_the_answer_the_family(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t before = th_db_int("SELECT count(*) FROM portal_message");
	struct th_reply r;
	(void)state;
	key_person_in(1);
	/* no text: 422 naming the field, nothing written */
	r = post(p, "/family/children/%lld/messages", (long long)child, "text=");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"text-error\"");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM portal_message"), before);
	expect(post(p, "/family/children/%lld/messages", (long long)child,
	            "text=Grandad+collects+today"),
	       303);
	assert_int_equal(th_db_int("SELECT count(*) FROM portal_message"), before + 1);
	r = th_get(k, "/family-messages", NULL);
	th_assert_contains(r.body, "Grandad collects today");
	th_reply_free(&r);
	r = th_get(m, "/family-messages", NULL);
	th_assert_contains(r.body, "Grandad collects today");
	th_reply_free(&r);
	r = get(k, "/children/%lld/thread", (long long)child);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Grandad collects today");
	th_reply_free(&r);
	expect(post(k, "/children/%lld/thread", (long long)child, "text=Thanks%2C+noted"), 303);
	r = get(p, "/family/children/%lld", (long long)child);
	th_assert_contains(r.body, "Thanks, noted");
	th_reply_free(&r);
	/* answered: off the manager's list */
	r = th_get(m, "/family-messages", NULL);
	th_assert_lacks(r.body, "Grandad collects today");
	th_reply_free(&r);
	/* the API: the same thread, and a message sent there */
	expect(api_post(p, "/api/v1/family/children/%lld/messages", (long long)child, "{}"), 422);
	expect(api_post(p, "/api/v1/family/children/%lld/messages", (long long)child,
	                "{\"text\": \"Sent from the app\"}"),
	       201);
	r = get(k, "/api/v1/family/children/%lld/messages", (long long)child);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Sent from the app");
	th_reply_free(&r);
	free(p);
	free(k);
	free(m);
}

static void test_the_buddy_answers_only_when_the_key_person_is_not_in(void **state)
{
	char *b = th_signin("buddy", "demo-buddy-2026");
	struct th_reply r;
	(void)state;
	key_person_in(1);
	expect(get(b, "/children/%lld/thread", (long long)child), 404);
	expect(get(b, "/api/v1/family/children/%lld/messages", (long long)child), 404);
	expect(post(b, "/children/%lld/thread", (long long)child, "text=Hello"), 404);
	key_person_in(0);
	r = get(b, "/children/%lld/thread", (long long)child);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "The key person is not in today");
	th_reply_free(&r);
	expect(post(b, "/children/%lld/thread", (long long)child, "text=I+am+covering+today"), 303);
	assert_int_equal(th_db_int("SELECT staff_id FROM portal_message ORDER BY id DESC LIMIT 1"),
	                 buddy);
	key_person_in(1);
	free(b);
}

static void test_staff_without_the_child_cannot_read_the_familys_thread(void **state)
{
	static const char *const who[][2] = {{"otherroom", "demo-otherroom-2026"},
	                                     {"senco", "demo-senco-2026"}};
	(void)state;
	key_person_in(0); /* even on a day the key person is away */
	for (size_t i = 0; i < 2; i++) {
		char *c = th_signin(who[i][0], who[i][1]);
		struct th_reply r = th_get(c, "/family-messages", NULL);
		th_assert_lacks(r.body, "Hello! She has been talking about the sandpit");
		th_reply_free(&r);
		expect(get(c, "/children/%lld/thread", (long long)child), 404);
		expect(get(c, "/api/v1/family/children/%lld/messages", (long long)child), 404);
		expect(api_post(c, "/api/v1/family/children/%lld/messages", (long long)child,
		                "{\"text\": \"x\"}"),
		       404);
		expect(get(c, "/api/v1/family/messages/%lld",
		           (long long)th_db_int("SELECT min(id) FROM portal_message")),
		       404);
		free(c);
	}
	key_person_in(1);
}

static void test_message_ids_of_other_families_are_404_like_missing_ones(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	struct th_reply r, miss;
	int64_t theirs, ours;
	(void)state;
	th_db_exec(
	    "INSERT INTO portal_message (setting_id, child_id, contact_id, text, created_at) "
	    "VALUES (1, %lld, %lld, 'their-private-message', 1)",
	    (long long)other_child, (long long)other_contact);
	theirs = th_db_int("SELECT max(id) FROM portal_message");
	ours =
	    th_db_int("SELECT min(id) FROM portal_message WHERE child_id = %lld", (long long)child);
	miss = get(p, "/api/v1/family/messages/%lld", 999999);
	r = get(p, "/api/v1/family/messages/%lld", (long long)theirs);
	assert_int_equal(r.status, 404);
	assert_string_equal(r.body, miss.body);
	th_reply_free(&r);
	th_reply_free(&miss);
	r = get(p, "/api/v1/family/messages/%lld", (long long)ours);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	r = get(p, "/family/children/%lld", (long long)child);
	th_assert_lacks(r.body, "their-private-message");
	th_reply_free(&r);
	free(p);
}

static void test_off_sick_today_reaches_today_and_leaves_the_expected_list(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *m = th_signin("manager", "demo-manager-2026");
	char *name = th_db_text("SELECT coalesce(nullif(preferred_name, ''), first_name) || ' ' || "
	                        "last_name FROM child WHERE id = %lld",
	                        (long long)child);
	char needle[64];
	struct th_reply r;
	int64_t before;
	(void)state;
	th_db_exec("DELETE FROM child_absence WHERE child_id = %lld", (long long)child);
	th_db_exec("DELETE FROM register_child WHERE child_id = %lld", (long long)child);
	/* a day gone by, or a reason not on the list: refused, the field named */
	r = post(p, "/family/children/%lld/absences", (long long)child,
	         "date=2026-03-02&reason=illness");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"date-error\"");
	th_reply_free(&r);
	r = api_post(p, "/api/v1/family/children/%lld/absences", (long long)child,
	             "{\"reason\": \"bored\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(json_string_value(json_object_get(r.json, "field")), "reason");
	th_reply_free(&r);
	before = th_db_int("SELECT count(*) FROM child_absence");
	expect(post(p, "/family/children/%lld/absences", (long long)child,
	            "date=" TODAY "&reason=illness&note=a+temperature"),
	       303);
	assert_int_equal(th_db_int("SELECT count(*) FROM child_absence"), before + 1);
	assert_int_equal(th_db_int("SELECT notified FROM child_absence WHERE child_id = %lld AND "
	                           "date = '%s' AND reason = 'illness'",
	                           (long long)child, TODAY),
	                 1);
	/* twice: 409, nothing more */
	expect(post(p, "/family/children/%lld/absences", (long long)child,
	            "date=" TODAY "&reason=illness"),
	       409);
	assert_int_equal(th_db_int("SELECT count(*) FROM child_absence"), before + 1);
	/* /today names the child as not coming; the API's expected list lacks them */
	r = th_get(m, "/today", NULL);
	th_assert_contains(r.body, "id=\"family-absences\"");
	th_assert_contains(r.body, name);
	th_reply_free(&r);
	r = th_get(m, "/api/v1/today", NULL);
	snprintf(needle, sizeof needle, "\"id\":%lld,", (long long)child);
	th_assert_lacks(r.body, needle);
	th_reply_free(&r);
	r = th_get(m, "/messages", NULL);
	th_assert_contains(r.body, "Not coming today: off sick");
	th_reply_free(&r);
	free(name);
	free(p);
	free(m);
}

static void test_a_contact_change_waits_for_the_manager(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *m = th_signin("manager", "demo-manager-2026");
	char *o = th_signin("otherparent", "demo-otherparent-2026");
	char *phone = th_db_text("SELECT phone FROM contact WHERE id = 1");
	int64_t before = th_db_int("SELECT count(*) FROM contact_change"), id;
	struct th_reply r, miss;
	char *now;
	(void)state;
	r = th_post(p, "/family/contact",
	            "phone=07700+900123&email=nope&preferred_method=phone&preferred_time=evenings");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"email-error\"");
	th_assert_contains(r.body, "value=\"07700 900123\"");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM contact_change"), before);
	expect(th_post(p, "/family/contact",
	               "phone=07700+900123&email=huda%40example.net&address=2+New+Street&"
	               "preferred_method=phone&preferred_time=evenings"),
	       303);
	id = th_db_int("SELECT max(id) FROM contact_change");
	now = th_db_text("SELECT phone FROM contact WHERE id = 1");
	assert_string_equal(now, phone);
	free(now);
	/* the other family's parent: the same 404 as a change that does not exist */
	miss = get(o, "/family/contact/changes/%lld", 999999);
	r = get(o, "/family/contact/changes/%lld", (long long)id);
	assert_int_equal(r.status, 404);
	assert_string_equal(r.body, miss.body);
	th_reply_free(&r);
	th_reply_free(&miss);
	expect(get(p, "/family/contact/changes/%lld", (long long)id), 200);
	/* a parent cannot confirm their own change */
	expect(post(p, "/contact-changes/%lld/confirm", (long long)id, ""), 403);
	r = th_get(m, "/contact-changes", NULL);
	th_assert_contains(r.body, "07700 900123");
	th_reply_free(&r);
	expect(post(m, "/contact-changes/%lld/confirm", (long long)id, ""), 303);
	now = th_db_text("SELECT phone || '|' || preferred_method || '|' || preferred_time FROM "
	                 "contact WHERE id = 1");
	assert_string_equal(now, "07700 900123|phone|evenings");
	free(now);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = "
	                           "'portal.contact.confirm' AND object_id = 1"),
	                 1);
	expect(post(m, "/contact-changes/%lld/confirm", (long long)id, ""), 409);
	expect(post(m, "/contact-changes/%lld/confirm", 999999, ""), 404);
	free(phone);
	free(p);
	free(m);
	free(o);
}

static void test_consents_are_given_and_withdrawn_by_the_parent_with_dates(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	int64_t id, theirs;
	char path[128];
	(void)state;
	th_db_exec("DELETE FROM consent WHERE child_id = %lld AND kind = 'transport'",
	           (long long)child);
	expect(post(p, "/family/children/%lld/consents", (long long)child, "kind=transport"), 303);
	id = th_db_int("SELECT id FROM consent WHERE child_id = %lld AND kind = 'transport' AND "
	               "given = 1 AND contact_id = 1 AND given_on = '%s'",
	               (long long)child, TODAY);
	assert_true(id > 0);
	expect(post(p, "/family/children/%lld/consents", (long long)child, "kind=bungee"), 422);
	/* another family's consent, through our own child's address: 404 */
	theirs =
	    th_db_int("SELECT min(id) FROM consent WHERE child_id = %lld", (long long)other_child);
	snprintf(path, sizeof path, "/family/children/%lld/consents/%lld/withdraw",
	         (long long)child, (long long)theirs);
	expect(th_post(p, path, ""), 404);
	assert_int_equal(th_db_int("SELECT withdrawn_on IS NULL FROM consent WHERE id = %lld",
	                           (long long)theirs),
	                 1);
	snprintf(path, sizeof path, "/family/children/%lld/consents/%lld/withdraw",
	         (long long)child, (long long)id);
	expect(th_post(p, path, ""), 303);
	assert_int_equal(th_db_int("SELECT withdrawn_on = '%s' FROM consent WHERE id = %lld", TODAY,
	                           (long long)id),
	                 1);
	free(p);
}

static void test_a_parent_under_a_court_order_restriction_sees_nothing(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	static const char *const gets[] = {
	    "/family/children/%lld",
	    "/api/v1/family/children/%lld",
	    "/api/v1/family/children/%lld/diary",
	    "/api/v1/family/children/%lld/messages",
	};
	char *name = th_db_text("SELECT first_name FROM child WHERE id = %lld", (long long)child);
	struct th_reply r;
	(void)state;
	th_db_exec(
	    "UPDATE contact SET restriction = 'no_information', may_collect = 0 WHERE id = 1");
	r = th_get(p, "/family", NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, name);
	th_assert_lacks(r.body, "Sarah Clarke");
	th_reply_free(&r);
	for (size_t g = 0; g < sizeof gets / sizeof *gets; g++)
		expect(get(p, gets[g], (long long)child), 404);
	expect(get(p, "/staff/%lld/photo", (long long)key), 404);
	r = th_get(p, "/api/v1/family/children", NULL);
	assert_int_equal(json_array_size(json_object_get(r.json, "children")), 0);
	th_reply_free(&r);
	expect(post(p, "/family/children/%lld/messages", (long long)child, "text=Hi"), 404);
	th_db_exec("UPDATE contact SET restriction = 'none' WHERE id = 1");
	free(name);
	free(p);
}

/* The catalogue's English, as it would appear in a page (HTML-escaped). */
static char *escaped(const char *s)
{
	char *out = malloc(strlen(s) * 6 + 1), *o = out;
	for (; *s; s++) {
		if (*s == '\'') {
			memcpy(o, "&#39;", 5);
			o += 5;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* The text between the tags of a page (newly allocated); attribute values
 * are checked apart, as quoted values. */
static char *visible(const char *html)
{
	char *out = malloc(strlen(html) + 1), *o = out;
	int in_tag = 0;
	for (; *html; html++) {
		if (*html == '<')
			in_tag = 1;
		else if (*html == '>')
			in_tag = 0, *o++ = '\n';
		else if (!in_tag)
			*o++ = *html;
	}
	*o = '\0';
	return out;
}

static void test_the_portal_in_polish_holds_no_english_of_the_catalogue(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	static const char *const pages[] = {"/family", "/family/children/%lld", "/family/contact"};
	struct th_reply r;
	(void)state;
	/* the family's own records in Polish, so any English left is the portal's */
	th_db_exec("DELETE FROM portal_message WHERE child_id = %lld", (long long)child);
	th_db_exec("DELETE FROM diary_entry WHERE child_id = %lld", (long long)child);
	th_db_exec("DELETE FROM observation_child WHERE child_id = %lld", (long long)child);
	th_db_exec("DELETE FROM weekly_update WHERE child_id = %lld", (long long)child);
	th_db_exec("DELETE FROM two_year_check WHERE child_id = %lld", (long long)child);
	th_db_exec("INSERT INTO diary_entry (setting_id, child_id, date, kind, start_min, detail, "
	           "created_at, published_at) VALUES (1, %lld, '%s', 'meal', 720, 'Zupa "
	           "pomidorowa', 1, 2)",
	           (long long)child, TODAY);
	th_db_exec(
	    "INSERT INTO portal_message (setting_id, child_id, contact_id, text, created_at) "
	    "VALUES (1, %lld, 1, 'Dzień dobry', 1)",
	    (long long)child);
	expect(th_post(p, "/family/language", "language=pl&back=/family"), 303);
	for (size_t g = 0; g < sizeof pages / sizeof *pages; g++) {
		const char *path = at(pages[g], (long long)child);
		r = th_get(p, path, NULL);
		assert_int_equal(r.status, 200);
		th_assert_contains(r.body, "<html lang=\"pl\">");
		char *text = visible(r.body);
		for (int m = 0; m < M__MAX; m++) {
			const char *en = portal_text(PORTAL_EN, (enum portal_msg)m);
			char *e = escaped(en), *quoted = malloc(strlen(e) + 3);
			snprintf(quoted, strlen(e) + 3, "\"%s", e);
			if (strcmp(en, portal_text(PORTAL_PL, (enum portal_msg)m)) != 0 &&
			    (strstr(text, e) || strstr(r.body, quoted)))
				fail_msg("%s in Polish still says \"%s\"", path, en);
			free(e);
			free(quoted);
		}
		free(text);
		th_reply_free(&r);
	}
	r = get(p, "/family/children/%lld", (long long)child);
	th_assert_contains(r.body, "Opiekun prowadzący");
	th_assert_contains(r.body, "Zgłoś nieobecność dziecka");
	th_assert_contains(r.body, "Zupa pomidorowa");
	th_reply_free(&r);
	/* an unknown language is refused, naming the field */
	expect(th_post(p, "/family/language", "language=xx"), 422);
	expect(th_post(p, "/family/language", "language=en&back=//evil.example"), 303);
	free(p);
}

static struct th_reply upload(const char *cookie, int64_t staff, const void *bytes, size_t n)
{
	static const char boundary[] = "kwPortalBoundary";
	char *csrf = th_csrf_of(cookie), path[64], head[512];
	size_t hl, total;
	char *body;
	struct th_reply r;
	hl = (size_t)snprintf(head, sizeof head,
	                      "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
	                      "--%s\r\nContent-Disposition: form-data; name=\"photo\"; "
	                      "filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n",
	                      boundary, csrf, boundary);
	total = hl + n + strlen(boundary) + 8;
	body = malloc(total + 1);
	memcpy(body, head, hl);
	memcpy(body + hl, bytes, n);
	snprintf(body + hl + n, total - hl - n + 1, "\r\n--%s--\r\n", boundary);
	snprintf(path, sizeof path, "/staff/%lld/photo", (long long)staff);
	r = th_request_len("POST", path, NULL, cookie,
	                   "multipart/form-data; boundary=kwPortalBoundary", body, total);
	free(body);
	free(csrf);
	return r;
}

static void test_the_key_persons_photo_is_shown_to_their_families_only(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char *o = th_signin("otherparent", "demo-otherparent-2026");
	struct th_reply r;
	/* a real 1x1 PNG (tests/support.h) with a text chunk naming a place */
	unsigned char png[256], kept[256];
	size_t n = t_png(png, sizeof png, "Park Rd"), kept_n = t_png(kept, sizeof kept, NULL);
	(void)state;
	expect(upload(m, key, png, n - 20), 422); /* truncated: nothing kept */
	assert_int_equal(
	    th_db_int("SELECT photo IS NULL FROM staff WHERE id = %lld", (long long)key), 1);
	expect(upload(m, key, png, n), 303);
	/* kept as exactly the same picture without the text chunk */
	{
		size_t got_n;
		unsigned char *got =
		    th_db_blob(&got_n, "SELECT photo FROM staff WHERE id = %lld", (long long)key);
		assert_int_equal(got_n, kept_n);
		assert_memory_equal(got, kept, kept_n);
		free(got);
	}
	r = get(m, "/staff/%lld", (long long)key);
	th_assert_contains(r.body, "action=\"/staff/");
	th_assert_contains(r.body, "/photo\" enctype=\"multipart/form-data\"");
	th_assert_contains(r.body, "<img class=\"photo\"");
	th_reply_free(&r);
	r = get(p, "/staff/%lld/photo", (long long)key);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	r = get(p, "/family", 0);
	th_assert_contains(r.body, "/staff/");
	th_reply_free(&r);
	/* another family whose child has another key person: 404, as for nobody's photo */
	if (th_db_int(
	        "SELECT count(*) FROM key_assignment k JOIN child c ON c.id = k.child_id JOIN "
	        "contact ct ON ct.family_id = c.family_id WHERE ct.id = %lld AND k.to_date IS "
	        "NULL AND %lld IN (k.primary_staff_id, k.secondary_staff_id)",
	        (long long)other_contact, (long long)key) == 0)
		expect(get(o, "/staff/%lld/photo", (long long)key), 404);
	expect(get(p, "/staff/%lld/photo", 999999), 404);
	free(m);
	free(p);
	free(o);
}

static void test_a_parent_replies_to_a_shared_observation_of_their_child(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *o = th_signin("otherparent", "demo-otherparent-2026");
	int64_t obs, before;
	struct th_reply r;
	(void)state;
	th_db_exec("INSERT INTO observation (setting_id, author_staff_id, date, text, shared, "
	           "created_at) VALUES (1, %lld, '%s', 'reply-obs-mark', 1, 1)",
	           (long long)key, TODAY);
	obs = th_db_int("SELECT max(id) FROM observation");
	th_db_exec("INSERT INTO observation_child VALUES (1, %lld, %lld)", (long long)obs,
	           (long long)child);
	before = th_db_int("SELECT count(*) FROM observation_reply");
	/* another family: the same 404 as a missing observation, nothing written */
	expect(post(o, "/family/observations/%lld/replies", (long long)obs, "text=Lovely"), 404);
	expect(post(o, "/family/observations/%lld/replies", 999999, "text=Lovely"), 404);
	r = post(p, "/family/observations/%lld/replies", (long long)obs, "text=");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"text-error\"");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM observation_reply"), before);
	expect(post(p, "/family/observations/%lld/replies", (long long)obs,
	            "text=She+does+this+at+home+too"),
	       303);
	assert_int_equal(
	    th_db_int("SELECT contact_id FROM observation_reply WHERE observation_id = "
	              "%lld",
	              (long long)obs),
	    1);
	r = get(p, "/family/observations/%lld", (long long)obs);
	th_assert_contains(r.body, "She does this at home too");
	th_reply_free(&r);
	free(p);
	free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_parent_reaches_no_other_familys_child),
	    cmocka_unit_test(test_the_key_persons_absence_shows_as_a_day_out_never_its_reason),
	    cmocka_unit_test(test_nothing_unpublished_unshared_unsent_or_draft_reaches_the_family),
	    cmocka_unit_test(test_a_group_observation_names_another_child_only_with_consent),
	    cmocka_unit_test(test_a_parent_replies_to_a_shared_observation_of_their_child),
	    cmocka_unit_test(test_a_message_reaches_the_key_person_and_the_answer_the_family),
	    cmocka_unit_test(test_the_buddy_answers_only_when_the_key_person_is_not_in),
	    cmocka_unit_test(test_staff_without_the_child_cannot_read_the_familys_thread),
	    cmocka_unit_test(test_message_ids_of_other_families_are_404_like_missing_ones),
	    cmocka_unit_test(test_off_sick_today_reaches_today_and_leaves_the_expected_list),
	    cmocka_unit_test(test_a_contact_change_waits_for_the_manager),
	    cmocka_unit_test(test_consents_are_given_and_withdrawn_by_the_parent_with_dates),
	    cmocka_unit_test(test_a_parent_under_a_court_order_restriction_sees_nothing),
	    cmocka_unit_test(test_the_portal_in_polish_holds_no_english_of_the_catalogue),
	    cmocka_unit_test(test_the_key_persons_photo_is_shown_to_their_families_only),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
