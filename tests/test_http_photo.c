/*
 * test_http_photo.c — the child's photo: a manager uploads a JPEG or PNG,
 * which is checked by its content and the whole of its structure (the same
 * check as observation photos) and stored without location metadata: the
 * stored bytes are exactly the picture without its Exif (GPS) segment or
 * text chunk; the child's family and the staff who may see the child get
 * it, nobody else (404); a file of the wrong type, one that claims to be a
 * JPEG and is not, a JPEG with no frame header, a truncated JPEG or PNG, a
 * PNG whose CRC does not match and an oversized file are each refused next
 * to the field, in words, with nothing stored.
 */
#include "http_support.h"

#include <stdlib.h>
#include <string.h>

#include "core_photo.h"
#include "web.h"

#define TODAY "2026-03-03"

static struct server srv;
static int64_t child, other_child;

/* The pictures (tests/support.h): with metadata as uploaded, without as kept. */
static unsigned char png_text[256], png_clean[256], jpeg_gps[512], jpeg_clean[512];
static size_t png_text_n, png_clean_n, jpeg_gps_n, jpeg_clean_n;

static void make_pictures(void)
{
	png_text_n = t_png(png_text, sizeof png_text, "Park Rd, 51.5072N 0.1276W");
	png_clean_n = t_png(png_clean, sizeof png_clean, NULL);
	jpeg_gps_n = t_jpeg(jpeg_gps, sizeof jpeg_gps, "GPSLatitude 51.5072N GPSLongitude 0.1276W");
	jpeg_clean_n = t_jpeg(jpeg_clean, sizeof jpeg_clean, NULL);
}

static int group_setup(void **state)
{
	(void)state;
	th_demo(&srv, "photo.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
	make_pictures();
	child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	                  "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	other_child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 "
	                        "WHERE c.family_id <> k.family_id ORDER BY c.id LIMIT 1");
	return 0;
}

/* POST the bytes as the "photo" part of a multipart form with the session's csrf. */
static struct th_reply upload(const char *cookie, int64_t id, const void *bytes, size_t n)
{
	static const char boundary[] = "kwPhotoBoundary7f3a";
	char *csrf = th_csrf_of(cookie), path[64], head[512];
	size_t hl, total;
	char *body;
	struct th_reply r;
	hl = (size_t)snprintf(head, sizeof head,
	                      "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
	                      "--%s\r\nContent-Disposition: form-data; name=\"photo\"; "
	                      "filename=\"p.bin\"\r\nContent-Type: image/jpeg\r\n\r\n",
	                      boundary, csrf, boundary);
	total = hl + n + strlen(boundary) + 8;
	body = malloc(total + 1);
	memcpy(body, head, hl);
	memcpy(body + hl, bytes, n);
	snprintf(body + hl + n, total - hl - n + 1, "\r\n--%s--\r\n", boundary);
	snprintf(path, sizeof path, "/children/%lld/photo", (long long)id);
	r = th_request_len("POST", path, NULL, cookie,
	                   "multipart/form-data; boundary=kwPhotoBoundary7f3a", body, total);
	free(body);
	free(csrf);
	return r;
}

static int64_t photo_bytes(void)
{
	return th_db_int("SELECT coalesce(length(photo), 0) FROM child WHERE id = %lld",
	                 (long long)child);
}

/* The child's stored photo is exactly p[0..n), of type mime. */
static void assert_stored(int64_t id, const unsigned char *p, size_t n, const char *mime)
{
	size_t got_n;
	unsigned char *got =
	    th_db_blob(&got_n, "SELECT photo FROM child WHERE id = %lld", (long long)id);
	char *type = th_db_text("SELECT photo_type FROM child WHERE id = %lld", (long long)id);
	assert_int_equal(got_n, n);
	assert_memory_equal(got, p, n);
	assert_string_equal(type, mime);
	free(type);
	free(got);
}

static void test_a_photo_is_cleaned_and_shown_to_those_who_may_see_the_child(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char path[64];
	struct th_reply r;
	(void)state;
	r = upload(m, child, png_text, png_text_n);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	/* stored as the same picture without the text chunk that named a place */
	assert_stored(child, png_clean, png_clean_n, "image/png");
	assert_false(
	    th_db_blob_has("Park", "SELECT photo FROM child WHERE id = %lld", (long long)child));
	snprintf(path, sizeof path, "/children/%lld/photo", (long long)child);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/children/%lld", (long long)child);
	r = th_get(p, path, NULL);
	th_assert_contains(r.body, "/photo\" alt=\"Photo of");
	th_reply_free(&r);
	/* a JPEG loses its Exif segment and the GPS position in it */
	r = upload(m, other_child, jpeg_gps, jpeg_gps_n);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_stored(other_child, jpeg_clean, jpeg_clean_n, "image/jpeg");
	assert_false(th_db_blob_has("GPS", "SELECT photo FROM child WHERE id = %lld",
	                            (long long)other_child));
	assert_false(th_db_blob_has("Exif", "SELECT photo FROM child WHERE id = %lld",
	                            (long long)other_child));
	/* another family's child's photo is not the parent's to see */
	snprintf(path, sizeof path, "/children/%lld/photo", (long long)other_child);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	r = th_get(m, path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	free(m);
	free(p);
}

static void refused(const char *cookie, const void *bytes, size_t n, const char *words)
{
	int64_t before = photo_bytes();
	struct th_reply r = upload(cookie, child, bytes, n);
	if (r.status != 422)
		fail_msg("expected 422 for a file that %s, got %d", words, r.status);
	th_assert_contains(r.body, "id=\"photo-error\"");
	th_assert_contains(r.body, words);
	th_reply_free(&r);
	assert_int_equal(photo_bytes(), before);
}

static void test_bad_uploads_are_refused_and_nothing_is_stored(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	static const unsigned char gif[] = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0};
	static const unsigned char fake_jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 'n', 'o', 't', ' ',
	                                          'a',  ' ',  'p',  'i',  'c', 't', 'u', 'r'};
	/* SOI, APP0 JFIF, SOS, data, EOI: segments that add up, but no frame header */
	static const unsigned char no_frame[] = {0xff, 0xd8, 0xff, 0xe0, 0,    16,   'J',  'F', 'I',
	                                         'F',  0,    1,    1,    0,    0,    1,    0,   1,
	                                         0,    0,    0xff, 0xda, 0,    8,    1,    1,   0,
	                                         0,    0x3f, 0,    0x12, 0x34, 0x56, 0xff, 0xd9};
	unsigned char damaged[256];
	size_t big = PHOTO_MAX + 10;
	unsigned char *huge = calloc(1, big);
	struct th_reply r;
	(void)state;
	refused(m, gif, sizeof gif, "is not a JPEG or PNG picture");
	refused(m, fake_jpeg, sizeof fake_jpeg, "is not a well-formed JPEG picture");
	refused(m, no_frame, sizeof no_frame, "is not a well-formed JPEG picture");
	refused(m, jpeg_gps, jpeg_gps_n - 3, "is not a complete JPEG picture");    /* in the scan */
	refused(m, png_text, png_text_n - 20, "is not a well-formed PNG picture"); /* in IDAT */
	refused(m, png_text, png_text_n - 12, "is not a complete PNG picture");    /* no IEND */
	memcpy(damaged, png_clean, png_clean_n);
	damaged[png_clean_n - 20] ^= 0x01; /* a bit of IDAT's data flipped */
	refused(m, damaged, png_clean_n, "is a damaged PNG picture");
	memcpy(huge, jpeg_gps, jpeg_gps_n);
	refused(m, huge, big, "is larger than 5 MB");
	free(huge);
	/* the JPEG whole is taken (so its refusal above was the cut's) */
	r = upload(m, child, jpeg_gps, jpeg_gps_n);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_stored(child, jpeg_clean, jpeg_clean_n, "image/jpeg");
	/* a practitioner may not set a photo at all */
	free(m);
	m = th_signin("keyperson", "demo-keyperson-2026");
	r = upload(m, child, png_text, png_text_n);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
	assert_stored(child, jpeg_clean, jpeg_clean_n, "image/jpeg");
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_photo_is_cleaned_and_shown_to_those_who_may_see_the_child),
	    cmocka_unit_test(test_bad_uploads_are_refused_and_nothing_is_stored),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
