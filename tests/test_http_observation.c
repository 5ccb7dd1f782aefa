/*
 * test_http_observation.c — observations through http_handle on the demo:
 * the key person writes one with a photo for a key child (multipart), the
 * photo is kept without its Exif GPS and shown on the child's record; bad
 * photos are refused with nothing stored; a buddy adds to a key child's
 * record and the key person sees it; a practitioner of another room and a
 * parent of another family are refused; a group observation's photo is
 * hidden from a parent while another family has not consented and shown
 * when it has; the coverage gap of a child is reported exactly; reads of
 * the records write audit rows; the JSON API names the field it refuses;
 * all about me keeps its history and shows the latest to the room; a
 * buddy sees the key person's planned experience on a day the key person
 * is away.
 */
#include "http_support.h"

#include <stdlib.h>
#include <string.h>

#include "core_observation.h"
#include "core_user.h"
#include "date.h"
#include "photo_strip.h"
#include "store.h"
#include "web.h"

#define TODAY "2026-03-03"

static struct server srv;
static int64_t key_child;   /* S04's key child */
static int64_t buddy_child; /* a child whose buddy is S04 */
static int64_t other_child; /* in a room S04 does not work in, not S04's key or buddy child */
static int64_t own_child;   /* the parent's (contact 1) child */
static int64_t classmate;   /* another family's child in own_child's room */

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[256], code[16];
	int64_t key_of_buddy_child;
	(void)state;
	th_demo(&srv, "obs.db", "2026-03-02", TODAY, TH_API_JSON);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
#define S04 "(SELECT id FROM staff WHERE code = 'S04')"
#define IN_FORCE "from_date <= '" TODAY "' AND (to_date IS NULL OR to_date > '" TODAY "')"
	key_child = th_db_int("SELECT child_id FROM key_assignment WHERE primary_staff_id = " S04
	                      " AND " IN_FORCE " ORDER BY child_id LIMIT 1");
	buddy_child =
	    th_db_int("SELECT child_id FROM key_assignment WHERE secondary_staff_id = " S04
	              " AND " IN_FORCE " ORDER BY child_id LIMIT 1");
	other_child = th_db_int(
	    "SELECT id FROM child WHERE room_id NOT IN (SELECT room_id FROM staff_room WHERE "
	    "staff_id = " S04 ") AND id NOT IN (SELECT child_id FROM key_assignment WHERE "
	    "(primary_staff_id = " S04 " OR secondary_staff_id = " S04 ")) ORDER BY id LIMIT 1");
	own_child =
	    th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	              "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	classmate = th_db_int("SELECT c.id FROM child c, child o WHERE o.id = %lld AND "
	                      "c.room_id = o.room_id AND c.family_id <> o.family_id ORDER BY c.id "
	                      "LIMIT 1",
	                      (long long)own_child);
	assert_true(key_child > 0 && buddy_child > 0 && other_child > 0 && own_child > 0 &&
	            classmate > 0);
	key_of_buddy_child = th_db_int(
	    "SELECT primary_staff_id FROM key_assignment WHERE child_id = %lld AND " IN_FORCE,
	    (long long)buddy_child);
	{
		char *c = th_db_text("SELECT code FROM staff WHERE id = %lld",
		                     (long long)key_of_buddy_child);
		snprintf(code, sizeof code, "%s", c);
		free(c);
	}
	if (store_open(t_path("obs.db"), STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "theirkey", "demo-theirkey-2026", 1u << ROLE_PRACTITIONER, code, 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_serve();
	return 0;
}

/* ---- requests ---- */

struct part {
	const char *name;
	const void *val;
	size_t len; /* 0: strlen(val) */
	const char *filename;
};

/* POST a multipart form (the csrf part first) to path. */
static struct th_reply post_multipart(const char *cookie, const char *path,
                                      const struct part *parts, size_t n)
{
	static const char boundary[] = "kwObsBoundary93b1";
	char *csrf = th_csrf_of(cookie);
	struct buf b;
	struct th_reply r;
	buf_init(&b, 16u << 20);
	assert_int_equal(buf_printf(&b,
	                            "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	                            "%s\r\n",
	                            boundary, csrf),
	                 0);
	for (size_t i = 0; i < n; i++) {
		size_t len = parts[i].len ? parts[i].len : strlen(parts[i].val);
		if (parts[i].filename)
			assert_int_equal(buf_printf(&b,
			                            "--%s\r\nContent-Disposition: form-data; "
			                            "name=\"%s\"; filename=\"%s\"\r\nContent-Type: "
			                            "image/jpeg\r\n\r\n",
			                            boundary, parts[i].name, parts[i].filename),
			                 0);
		else
			assert_int_equal(buf_printf(&b,
			                            "--%s\r\nContent-Disposition: form-data; "
			                            "name=\"%s\"\r\n\r\n",
			                            boundary, parts[i].name),
			                 0);
		assert_int_equal(buf_add(&b, parts[i].val, len), 0);
		assert_int_equal(buf_puts(&b, "\r\n"), 0);
	}
	assert_int_equal(buf_printf(&b, "--%s--\r\n", boundary), 0);
	r = th_request_len("POST", path, NULL, cookie,
	                   "multipart/form-data; boundary=kwObsBoundary93b1", b.p, b.len);
	buf_free(&b);
	free(csrf);
	return r;
}

static struct th_reply api_post(const char *cookie, const char *path, const char *json)
{
	char *csrf = th_csrf_of(cookie);
	struct th_reply r;
	r = th_request_csrf("POST", path, NULL, csrf, cookie, "application/json", json);
	free(csrf);
	return r;
}

/* before + id + after (four at a time may be in use) */
static char *path_of(const char *before, long long id, const char *after)
{
	static char p[4][128];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s%lld%s", before, id, after);
	return p[k];
}

/* A JPEG with an Exif APP1 naming where it was taken. */
static void jpeg_with_gps(struct buf *b)
{
	static const unsigned char head[] = {
	    0xff, 0xd8, 0xff, 0xe1, 0,   24,  'E', 'x',  'i', 'f',  0,    0,    'G',  'P',  'S',
	    ' ',  '5',  '1',  '.',  '5', 'N', ' ', '0',  '.', '1',  'W',  ' ',  ' ',  0xff, 0xe0,
	    0,    16,   'J',  'F',  'I', 'F', 0,   1,    1,   0,    0,    1,    0,    1,    0,
	    0,    0xff, 0xc0, 0,    11,  8,   0,   1,    0,   1,    1,    1,    0x11, 0,    0xff,
	    0xda, 0,    8,    1,    1,   0,   0,   0x3f, 0,   0x12, 0x34, 0xff, 0xd9};
	buf_init(b, 1024);
	assert_int_equal(buf_add(b, head, sizeof head), 0);
}

static int64_t count_obs(void)
{
	return th_db_int("SELECT count(*) FROM observation");
}

/* The type of the newest observation's photo (checked and freed here). */
static void assert_last_photo_is(const char *mime)
{
	char *got = th_db_text("SELECT mime FROM observation_photo WHERE observation_id = "
	                       "(SELECT max(id) FROM observation)");
	assert_string_equal(got, mime);
	free(got);
}

static int64_t last_obs(void)
{
	return th_db_int("SELECT max(id) FROM observation");
}

/* ---- tests ---- */

static void test_key_person_adds_an_observation_with_a_photo_without_its_gps(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char child[32];
	struct buf jpeg;
	struct th_reply r;
	int64_t id, photo;
	(void)state;
	jpeg_with_gps(&jpeg);
	snprintf(child, sizeof child, "%lld", (long long)key_child);
	{
		const struct part parts[] = {
		    {"children", child, 0, NULL},
		    {"date", TODAY, 0, NULL},
		    {"text", "Poured water from the jug into three cups without spilling.", 0,
		     NULL},
		    {"areas", "PD", 0, NULL},
		    {"areas", "M", 0, NULL},
		    {"next_steps", "Offer a smaller jug at snack time.", 0, NULL},
		    {"shared", "yes", 0, NULL},
		    {"photo", jpeg.p, jpeg.len, "IMG_0042.jpg"},
		};
		r = post_multipart(k, "/observations", parts, ARRAY_LEN(parts));
	}
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	id = last_obs();
	assert_int_equal(
	    th_db_int("SELECT author_staff_id FROM observation WHERE id = %lld", (long long)id),
	    th_db_int("SELECT id FROM staff WHERE code = 'S04'"));
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM observation_area WHERE observation_id = %lld",
	              (long long)id),
	    2);
	photo = th_db_int("SELECT id FROM observation_photo WHERE observation_id = %lld",
	                  (long long)id);
	assert_true(photo > 0);
	assert_false(th_db_blob_has("GPS", "SELECT bytes FROM observation_photo WHERE id = %lld",
	                            (long long)photo));
	assert_int_equal(th_db_int("SELECT length(bytes) FROM observation_photo WHERE id = %lld",
	                           (long long)photo),
	                 (int64_t)jpeg.len - 26);
	/* on the child's record, with the photo */
	r = th_get(k, path_of("/children/", key_child, "/observations"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Poured water from the jug");
	th_assert_contains(r.body, path_of("/observations/photos/", photo, ""));
	th_reply_free(&r);
	r = th_get(k, path_of("/observations/photos/", photo, ""), NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	/* and the child's page links to the records */
	r = th_get(k, path_of("/children/", key_child, ""), NULL);
	th_assert_contains(r.body, path_of("/children/", key_child, "/observations"));
	th_reply_free(&r);
	buf_free(&jpeg);
	free(k);
}

static void refused(const char *cookie, const void *bytes, size_t n, const char *words)
{
	char child[32];
	int64_t before = count_obs(), photos = th_db_int("SELECT count(*) FROM observation_photo");
	struct th_reply r;
	snprintf(child, sizeof child, "%lld", (long long)key_child);
	{
		const struct part parts[] = {
		    {"children", child, 0, NULL},
		    {"date", TODAY, 0, NULL},
		    {"text", "Painted a rainbow.", 0, NULL},
		    {"photo", bytes, n, "photo.jpeg"},
		};
		r = post_multipart(cookie, "/observations", parts, ARRAY_LEN(parts));
	}
	if (r.status != 422)
		fail_msg("expected 422 for %s, got %d", words, r.status);
	th_assert_contains(r.body, "id=\"photo-error\"");
	th_assert_contains(r.body, words);
	th_assert_contains(r.body, "Painted a rainbow."); /* the text is kept */
	th_reply_free(&r);
	assert_int_equal(count_obs(), before);
	assert_int_equal(th_db_int("SELECT count(*) FROM observation_photo"), photos);
}

static void test_bad_photos_are_refused_and_nothing_is_stored(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	static const char text[] = "hello, I am a text file called photo.jpeg\n";
	struct buf jpeg;
	unsigned char *big;
	(void)state;
	refused(k, text, sizeof text - 1, "not a JPEG or PNG");
	jpeg_with_gps(&jpeg);
	refused(k, jpeg.p, jpeg.len - 4, "JPEG"); /* truncated */
	big = calloc(1, PHOTO_STRIP_MAX + 100);
	memcpy(big, jpeg.p, jpeg.len);
	refused(k, big, PHOTO_STRIP_MAX + 100, "larger than 5 MB");
	free(big);
	buf_free(&jpeg);
	free(k);
}

static void test_a_png_sent_as_jpeg_is_kept_as_png(void **state)
{
	static const unsigned char png[] = {
	    0x89, 'P',  'N',  'G',  0x0d, 0x0a, 0x1a, 0x0a, 0,    0,    0,    13,   'I',  'H',
	    'D',  'R',  0,    0,    0,    1,    0,    0,    0,    1,    8,    2,    0,    0,
	    0,    0x90, 0x77, 0x53, 0xde, 0,    0,    0,    12,   'I',  'D',  'A',  'T',  0x08,
	    0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0,    0,    0x03, 0x01, 0x01, 0,    0x18, 0xdd, 0x8d,
	    0xb0, 0,    0,    0,    0,    'I',  'E',  'N',  'D',  0xae, 0x42, 0x60, 0x82};
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char child[32];
	struct th_reply r;
	(void)state;
	snprintf(child, sizeof child, "%lld", (long long)key_child);
	{
		const struct part parts[] = {
		    {"children", child, 0, NULL},
		    {"date", TODAY, 0, NULL},
		    {"text", "Stacked five blocks.", 0, NULL},
		    {"photo", png, sizeof png, "really-a-png.jpeg"},
		};
		r = post_multipart(k, "/observations", parts, ARRAY_LEN(parts));
	}
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_last_photo_is("image/png");
	free(k);
}

static void test_buddy_adds_to_a_key_childs_record_and_the_key_person_sees_it(void **state)
{
	char *buddy = th_signin("keyperson", "demo-keyperson-2026");
	char *key = th_signin("theirkey", "demo-theirkey-2026");
	char fields[256];
	struct th_reply r;
	(void)state;
	snprintf(fields, sizeof fields,
	         "children=%lld&date=" TODAY "&text=Buddy+saw+her+first+steps+in+the+garden"
	         "&areas=PD&shared=no",
	         (long long)buddy_child);
	r = th_post(buddy, "/observations", fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_get(key, path_of("/children/", buddy_child, "/observations"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Buddy saw her first steps in the garden");
	th_reply_free(&r);
	free(buddy);
	free(key);
}

static void test_practitioner_of_another_room_and_other_parent_are_refused(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *m = th_signin("manager", "demo-manager-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char fields[256];
	struct th_reply r;
	int64_t before = count_obs(), obs, photo;
	(void)state;
	/* the practitioner cannot write for, nor read the records of, a child outside their rooms
	 */
	snprintf(fields, sizeof fields, "children=%lld&date=" TODAY "&text=Not+mine",
	         (long long)other_child);
	r = th_post(k, "/observations", fields);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(count_obs(), before);
	r = th_get(k, path_of("/children/", other_child, "/observations"), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	/* the manager writes a shared observation with a photo of that child */
	{
		struct buf jpeg;
		char child[32];
		jpeg_with_gps(&jpeg);
		snprintf(child, sizeof child, "%lld", (long long)other_child);
		{
			const struct part parts[] = {
			    {"children", child, 0, NULL},
			    {"date", TODAY, 0, NULL},
			    {"text", "Sang in the choir.", 0, NULL},
			    {"shared", "yes", 0, NULL},
			    {"photo", jpeg.p, jpeg.len, "a.jpg"},
			};
			r = post_multipart(m, "/observations", parts, ARRAY_LEN(parts));
		}
		assert_int_equal(r.status, 303);
		th_reply_free(&r);
		buf_free(&jpeg);
	}
	obs = last_obs();
	photo = th_db_int("SELECT id FROM observation_photo WHERE observation_id = %lld",
	                  (long long)obs);
	/* neither the practitioner of another room nor a parent of another family sees it */
	r = th_get(k, path_of("/observations/", obs, ""), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_get(k, path_of("/observations/photos/", photo, ""), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	if (th_db_int("SELECT count(*) FROM child c JOIN contact k ON k.family_id = c.family_id "
	              "WHERE k.id = 1 AND c.id = %lld",
	              (long long)other_child) == 0) {
		r = th_get(p, path_of("/observations/photos/", photo, ""), NULL);
		assert_int_equal(r.status, 404);
		th_reply_free(&r);
		r = th_get(p, path_of("/api/v1/observations/", obs, ""), NULL);
		assert_int_equal(r.status, 404);
		th_reply_free(&r);
		r = th_get(p, path_of("/api/v1/children/", other_child, "/observations"), NULL);
		assert_int_equal(r.status, 404);
		th_reply_free(&r);
	}
	free(k);
	free(m);
	free(p);
}

static void test_group_photo_needs_the_other_familys_consent(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char a[32], b[32], *classmate_first;
	struct buf jpeg;
	struct th_reply r;
	int64_t obs, photo;
	json_t *children;
	(void)state;
	th_db_exec(
	    "DELETE FROM consent WHERE child_id = %lld AND kind = 'photos_shared_with_others'",
	    (long long)classmate);
	classmate_first = th_db_text("SELECT CASE WHEN preferred_name <> '' THEN preferred_name "
	                             "ELSE first_name END FROM child WHERE id = %lld",
	                             (long long)classmate);
	jpeg_with_gps(&jpeg);
	snprintf(a, sizeof a, "%lld", (long long)own_child);
	snprintf(b, sizeof b, "%lld", (long long)classmate);
	{
		const struct part parts[] = {
		    {"children", a, 0, NULL},
		    {"children", b, 0, NULL},
		    {"date", TODAY, 0, NULL},
		    {"text", "Built a den together from the big cushions.", 0, NULL},
		    {"areas", "PSED", 0, NULL},
		    {"shared", "yes", 0, NULL},
		    {"photo", jpeg.p, jpeg.len, "den.jpg"},
		};
		r = post_multipart(m, "/observations", parts, ARRAY_LEN(parts));
	}
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	obs = last_obs();
	photo = th_db_int("SELECT id FROM observation_photo WHERE observation_id = %lld",
	                  (long long)obs);
	/* without the other family's consent: the observation, not the photo or the name */
	r = th_get(p, path_of("/api/v1/observations/", obs, ""), NULL);
	assert_int_equal(r.status, 200);
	assert_int_equal(json_array_size(json_object_get(r.json, "photos")), 0);
	children = json_object_get(r.json, "children");
	assert_int_equal(json_array_size(children), 2);
	th_assert_lacks(r.body, classmate_first);
	th_assert_contains(r.body, "another child");
	th_reply_free(&r);
	r = th_get(p, path_of("/observations/photos/", photo, ""), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	/* staff see it all */
	r = th_get(m, path_of("/observations/photos/", photo, ""), NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	/* the other family consents: the photo and the name are shown */
	th_db_exec("INSERT INTO consent (setting_id, child_id, kind, given, given_on) VALUES "
	           "(1, %lld, 'photos_shared_with_others', 1, '2026-03-01')",
	           (long long)classmate);
	r = th_get(p, path_of("/observations/photos/", photo, ""), NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	r = th_get(p, path_of("/api/v1/observations/", obs, ""), NULL);
	assert_int_equal(json_array_size(json_object_get(r.json, "photos")), 1);
	th_assert_contains(r.body, classmate_first);
	th_reply_free(&r);
	/* withdrawn today: hidden again */
	th_db_exec("UPDATE consent SET withdrawn_on = '" TODAY "' WHERE child_id = %lld AND kind = "
	           "'photos_shared_with_others'",
	           (long long)classmate);
	r = th_get(p, path_of("/observations/photos/", photo, ""), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	/* an observation not shared is not the parent's at all */
	th_db_exec("UPDATE observation SET shared = 0 WHERE id = %lld", (long long)obs);
	r = th_get(p, path_of("/api/v1/observations/", obs, ""), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	free(classmate_first);
	buf_free(&jpeg);
	free(m);
	free(p);
}

static void test_coverage_gap_is_reported_exactly(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char body[512], *first, *expect;
	struct th_reply r;
	int today, psed_day;
	char psed[DATE_LEN];
	(void)state;
	/* the child's records start afresh: PSED five weeks ago, CL three days ago */
	th_db_exec("DELETE FROM planned_experience WHERE observation_id IN (SELECT observation_id "
	           "FROM observation_child WHERE child_id = %lld)",
	           (long long)key_child);
	th_db_exec("DELETE FROM observation_area WHERE observation_id IN (SELECT observation_id "
	           "FROM observation_child WHERE child_id = %lld)",
	           (long long)key_child);
	th_db_exec("DELETE FROM observation_photo WHERE observation_id IN (SELECT observation_id "
	           "FROM observation_child WHERE child_id = %lld)",
	           (long long)key_child);
	th_db_exec("CREATE TEMP TABLE gone AS SELECT observation_id FROM observation_child WHERE "
	           "child_id = %lld; DELETE FROM observation_child WHERE observation_id IN (SELECT "
	           "observation_id FROM gone); DELETE FROM observation WHERE id IN (SELECT "
	           "observation_id FROM gone)",
	           (long long)key_child);
	assert_int_equal(date_parse(TODAY, &today), 0);
	psed_day = today - 35;
	date_format(psed_day, psed);
	snprintf(body, sizeof body,
	         "{\"children\": [%lld], \"date\": \"%s\", \"text\": \"Waved goodbye happily.\", "
	         "\"areas\": [\"PSED\"]}",
	         (long long)key_child, psed);
	r = api_post(k, "/api/v1/observations", body);
	assert_int_equal(r.status, 201);
	th_reply_free(&r);
	snprintf(
	    body, sizeof body,
	    "{\"children\": [%lld], \"date\": \"2026-02-28\", \"text\": \"Named the colours.\", "
	    "\"areas\": [\"CL\", \"EAD\"], \"shared\": true}",
	    (long long)key_child);
	r = api_post(k, "/api/v1/observations", body);
	assert_int_equal(r.status, 201);
	th_reply_free(&r);
	first = th_db_text("SELECT CASE WHEN preferred_name <> '' THEN preferred_name ELSE "
	                   "first_name END FROM child WHERE id = %lld",
	                   (long long)key_child);
	expect = malloc(256);
	snprintf(expect, 256, "no PSED observation for %s for 5 weeks", first);
	/* a window of 4 weeks: PSED is a gap of exactly 5 weeks; CL and EAD are not gaps */
	r = th_get(k, "/coverage", "weeks=4");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, expect);
	snprintf(expect, 256, "no CL observation for %s", first);
	th_assert_lacks(r.body, expect);
	snprintf(expect, 256, "no EAD observation for %s", first);
	th_assert_lacks(r.body, expect);
	snprintf(expect, 256, "no M observation for %s", first);
	th_assert_contains(r.body, expect);
	th_assert_contains(r.body, "<svg class=\"obs-map\"");
	th_reply_free(&r);
	/* six weeks take the PSED observation in: no longer a gap */
	r = th_get(k, "/coverage", "weeks=6");
	snprintf(expect, 256, "no PSED observation for %s", first);
	th_assert_lacks(r.body, expect);
	th_reply_free(&r);
	/* a bad number of weeks is refused, naming the field */
	r = th_get(k, "/coverage", "weeks=0");
	assert_int_equal(r.status, 422);
	th_reply_free(&r);
	free(expect);
	free(first);
	free(k);
}

/* The workload view counts the other paperwork too: weekly updates sent and
 * checks at two made final in the window, against a fair share. */
static void test_workload_counts_reports_in_the_window(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *name, *row, needle[128];
	struct th_reply r;
	(void)state;
	th_db_exec("DELETE FROM weekly_update WHERE author_staff_id = " S04 " OR child_id = %lld",
	           (long long)key_child);
	th_db_exec("DELETE FROM two_year_check WHERE staff_id = " S04);
	/* three weekly updates sent and a final check inside four weeks of 2026-03-03; a sent
	 * update from January and a draft check do not count */
	th_db_exec("INSERT INTO weekly_update (setting_id, child_id, week_start, author_staff_id, "
	           "text, sent_at) VALUES (1, %lld, '2026-02-09', " S04 ", 'a', 1), "
	           "(1, %lld, '2026-02-16', " S04 ", 'b', 1), (1, %lld, '2026-02-23', " S04
	           ", 'c', 1), (1, %lld, '2026-01-05', " S04 ", 'd', 1), "
	           "(1, %lld, '2026-03-02', " S04 ", 'e', NULL)",
	           (long long)key_child, (long long)key_child, (long long)key_child,
	           (long long)key_child, (long long)key_child);
	th_db_exec("INSERT INTO two_year_check (setting_id, child_id, staff_id, date, status, "
	           "created_at) VALUES (1, %lld, " S04 ", '2026-02-20', 'final', 1), (1, %lld, " S04
	           ", '2026-02-21', 'draft', 1)",
	           (long long)key_child, (long long)key_child);
	name = th_db_text("SELECT name FROM staff WHERE code = 'S04'");
	r = th_get(k, "/coverage", "weeks=4");
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Reports (weekly updates sent, checks at two)");
	snprintf(needle, sizeof needle, ">%s</a></th>", name);
	row = strstr(r.body, needle);
	assert_non_null(row);
	*strstr(row, "</tr>") = '\0';
	th_assert_contains(row, "</td><td>4</td><td>about ");
	th_reply_free(&r);
	free(name);
	free(k);
}

static void test_reading_records_writes_audit_rows(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	struct th_reply r;
	int64_t before =
	    th_db_int("SELECT count(*) FROM audit_log WHERE child_id = %lld AND action "
	              "LIKE 'observation.%%' AND action NOT LIKE 'observation.add'",
	              (long long)key_child);
	(void)state;
	r = th_get(k, path_of("/children/", key_child, "/observations"), NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM audit_log WHERE child_id = %lld AND action "
	              "= 'observation.list'",
	              (long long)key_child) > 0,
	    1);
	r = th_get(k, path_of("/api/v1/children/", key_child, "/observations"), NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM audit_log WHERE child_id = %lld AND action "
	              "LIKE 'observation.%%' AND action NOT LIKE 'observation.add'",
	              (long long)key_child),
	    before + 2);
	/* a refused read writes nothing */
	before = th_db_int("SELECT count(*) FROM audit_log");
	r = th_get(k, path_of("/children/", other_child, "/observations"), NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log"), before);
	free(k);
}

static void test_api_names_the_field_and_writes_nothing(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	static const struct {
		const char *body, *field;
	} bad[] = {
	    {"{\"children\": [%lld], \"date\": \"" TODAY "\", \"text\": \"x\", \"areas\": "
	     "[\"XYZ\"]}",
	     "areas"},
	    {"{\"children\": [%lld], \"date\": \"" TODAY "\"}", "text"},
	    {"{\"children\": [%lld], \"date\": \"31/02/2026\", \"text\": \"x\"}", "date"},
	    {"{\"children\": [%lld], \"date\": \"" TODAY "\", \"text\": \"x\", \"colour\": "
	     "\"red\"}",
	     "colour"},
	    {"{\"children\": [%lld], \"date\": \"" TODAY "\", \"text\": \"x\", \"photos\": "
	     "[{\"data\": \"aGVsbG8=\"}]}",
	     "photo"},
	    {"{\"children\": [], \"date\": \"" TODAY "\", \"text\": \"x\"}", "children"},
	};
	int64_t before = count_obs(), audit = th_db_int("SELECT count(*) FROM audit_log");
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char body[512];
		struct th_reply r;
		const char *at = strstr(bad[i].body, "%lld");
		if (at)
			snprintf(body, sizeof body, "%.*s%lld%s", (int)(at - bad[i].body),
			         bad[i].body, (long long)key_child, at + 4);
		else
			snprintf(body, sizeof body, "%s", bad[i].body);
		r = api_post(k, "/api/v1/observations", body);
		if (r.status != 422)
			fail_msg("%s: expected 422, got %d %s", body, r.status, r.body);
		if (!json_string_value(json_object_get(r.json, "field")) ||
		    strcmp(json_string_value(json_object_get(r.json, "field")), bad[i].field) != 0)
			fail_msg("%s: expected the field %s named, got %s", body, bad[i].field,
			         r.body);
		th_reply_free(&r);
	}
	assert_int_equal(count_obs(), before);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log"), audit);
	free(k);
}

static void test_api_adds_an_observation_with_a_base64_photo(void **state)
{
	/* the 1x1 PNG of test_a_png_sent_as_jpeg_is_kept_as_png, in base64 */
	static const char png64[] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4"
	                            "z8AAAAMBAQAY3Y2wAAAAAElFTkSuQmCC";
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char body[512];
	struct th_reply r;
	json_t *photos;
	(void)state;
	snprintf(body, sizeof body,
	         "{\"children\": [%lld], \"date\": \"" TODAY "\", \"text\": \"Found a snail.\", "
	         "\"areas\": [\"UW\"], \"shared\": true, \"photos\": [{\"data\": \"%s\"}]}",
	         (long long)key_child, png64);
	r = api_post(k, "/api/v1/observations", body);
	assert_int_equal(r.status, 201);
	photos = json_object_get(r.json, "photos");
	assert_int_equal(json_array_size(photos), 1);
	assert_string_equal(json_string_value(json_object_get(r.json, "text")), "Found a snail.");
	th_reply_free(&r);
	assert_last_photo_is("image/png");
	free(k);
}

static void test_all_about_me_keeps_history_and_shows_the_latest(void **state)
{
	char *k = th_signin("keyperson", "demo-keyperson-2026");
	char *m = th_signin("manager", "demo-manager-2026");
	char *path = path_of("/children/", key_child, "/about");
	struct th_reply r;
	int64_t before = th_db_int("SELECT count(*) FROM child_about WHERE child_id = %lld",
	                           (long long)key_child);
	(void)state;
	r = th_post(k, path, "sleep=Naps+at+noon&comforters=A+blue+bunny+called+Bun-Bun");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	r = th_post(k, path,
	            "sleep=No+nap+any+more&comforters=A+blue+bunny+called+Bun-Bun"
	            "&home_words=pi%C4%87+(drink)");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM child_about WHERE child_id = %lld",
	                           (long long)key_child),
	                 before + 2);
	/* nothing at all is refused, naming the first field */
	r = th_post(k, path, "told_by=Mum");
	assert_int_equal(r.status, 422);
	th_reply_free(&r);
	/* the child's page shows the latest to whoever cares for the child */
	r = th_get(m, path_of("/children/", key_child, ""), NULL);
	th_assert_contains(r.body, "No nap any more");
	th_assert_contains(r.body, "Bun-Bun");
	th_assert_lacks(r.body, "Naps at noon");
	th_reply_free(&r);
	/* a practitioner of the child's room who is not key person or buddy sees the
	 * routines on the child's page, without the full records */
	{
		char *basic = NULL;
		int64_t room_child = th_db_int(
		    "SELECT c.id FROM child c WHERE c.room_id IN (SELECT room_id FROM staff_room "
		    "WHERE staff_id = " S04
		    ") AND c.id NOT IN (SELECT child_id FROM key_assignment "
		    "WHERE primary_staff_id = " S04 " OR secondary_staff_id = " S04
		    ") ORDER BY c.id "
		    "LIMIT 1");
		char about[160];
		assert_true(room_child > 0);
		snprintf(about, sizeof about, "/children/%lld/about", (long long)room_child);
		r = th_post(m, about, "comforters=A+knitted+elephant");
		assert_int_equal(r.status, 303);
		th_reply_free(&r);
		basic = th_signin("keyperson", "demo-keyperson-2026");
		r = th_get(basic, path_of("/children/", room_child, ""), NULL);
		assert_int_equal(r.status, 200);
		th_assert_contains(r.body, "A knitted elephant");
		th_assert_lacks(r.body, "Observations and coverage");
		th_reply_free(&r);
		r = th_post(basic, about, "comforters=changed");
		assert_int_equal(r.status, 404); /* reading the routines is not writing them */
		th_reply_free(&r);
		free(basic);
	}
	r = th_get(m, path, NULL);
	th_assert_contains(r.body, "Earlier versions");
	th_assert_contains(r.body, "Naps at noon");
	th_reply_free(&r);
	free(k);
	free(m);
}

static void test_buddy_carries_on_the_plan_while_the_key_person_is_away(void **state)
{
	char *key = th_signin("theirkey", "demo-theirkey-2026");
	char *buddy = th_signin("keyperson", "demo-keyperson-2026");
	char fields[256];
	struct th_reply r;
	(void)state;
	snprintf(fields, sizeof fields,
	         "child=%lld&planned_for=" TODAY "&text=Treasure+basket+with+shiny+spoons",
	         (long long)buddy_child);
	r = th_post(key, "/planning", fields);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	/* the key person at work: the buddy sees the plan, not as theirs to carry on */
	r = th_get(buddy, "/planning", NULL);
	th_assert_contains(r.body, "Treasure basket with shiny spoons");
	th_assert_lacks(r.body, "carried on by you today: the key person is away");
	th_reply_free(&r);
	th_db_exec("INSERT INTO staff_absence (setting_id, staff_id, from_date, to_date, reason, "
	           "created_at) SELECT 1, primary_staff_id, '" TODAY "', '" TODAY "', 'sick', 0 "
	           "FROM key_assignment WHERE child_id = %lld AND " IN_FORCE,
	           (long long)buddy_child);
	r = th_get(buddy, "/planning", NULL);
	th_assert_contains(r.body, "carried on by you today: the key person is away");
	th_reply_free(&r);
	free(key);
	free(buddy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_key_person_adds_an_observation_with_a_photo_without_its_gps),
	    cmocka_unit_test(test_bad_photos_are_refused_and_nothing_is_stored),
	    cmocka_unit_test(test_a_png_sent_as_jpeg_is_kept_as_png),
	    cmocka_unit_test(test_buddy_adds_to_a_key_childs_record_and_the_key_person_sees_it),
	    cmocka_unit_test(test_practitioner_of_another_room_and_other_parent_are_refused),
	    cmocka_unit_test(test_group_photo_needs_the_other_familys_consent),
	    cmocka_unit_test(test_coverage_gap_is_reported_exactly),
	    cmocka_unit_test(test_workload_counts_reports_in_the_window),
	    cmocka_unit_test(test_reading_records_writes_audit_rows),
	    cmocka_unit_test(test_api_names_the_field_and_writes_nothing),
	    cmocka_unit_test(test_api_adds_an_observation_with_a_base64_photo),
	    cmocka_unit_test(test_all_about_me_keeps_history_and_shows_the_latest),
	    cmocka_unit_test(test_buddy_carries_on_the_plan_while_the_key_person_is_away),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
