/*
 * test_http_photo.c — the child's photo: a manager uploads a JPEG or PNG,
 * which is checked by its content and stored without location metadata;
 * the child's family and the staff who may see the child get it, nobody
 * else (404); a file of the wrong type, one that claims to be a JPEG and is
 * not, a truncated PNG and an oversized file are each refused next to the
 * field with nothing stored.
 */
#include "http_support.h"

#include <stdlib.h>
#include <string.h>

#include "web.h"

#define TODAY "2026-03-03"

static struct server srv;
static int64_t child, other_child;

static int group_setup(void **state)
{
	(void)state;
	th_demo(&srv, "photo.db", "2026-03-02", TODAY, 0);
	th_add_demo_users("manager", "keyperson", "parent", NULL);
	th_serve();
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

/* A structurally complete PNG of 1x1 with a text chunk saying where it was taken. */
static const unsigned char png_with_text[] = {
    0x89, 'P',  'N',  'G',  0x0d, 0x0a, 0x1a, 0x0a, 0,    0,    0,    13,   'I',  'H',
    'D',  'R',  0,    0,    0,    1,    0,    0,    0,    1,    8,    2,    0,    0,
    0,    0x90, 0x77, 0x53, 0xde, 0,    0,    0,    16,   't',  'E',  'X',  't',  'L',
    'o',  'c',  'a',  't',  'i',  'o',  'n',  0,    'P',  'a',  'r',  'k',  ' ',  'R',
    'd',  0,    0,    0,    0,    0,    0,    0,    12,   'I',  'D',  'A',  'T',  0x08,
    0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0,    0,    0x03, 0x01, 0x01, 0,    0x18, 0xdd, 0x8d,
    0xb0, 0,    0,    0,    0,    'I',  'E',  'N',  'D',  0xae, 0x42, 0x60, 0x82};

/* A JPEG's frame: SOI, an Exif APP1 with a GPS tag, a JFIF APP0, SOS, data, EOI. */
static const unsigned char jpeg_with_exif[] = {
    0xff, 0xd8, 0xff, 0xe1, 0, 16, 'E', 'x', 'i', 'f', 0,    0, 'G',  'P',  'S',  '5',  '1', '.',
    '5',  'N',  0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0,    1, 1,    0,    0,    1,    0,   1,
    0,    0,    0xff, 0xda, 0, 8,  1,   1,   0,   0,   0x3f, 0, 0x12, 0x34, 0x56, 0xff, 0xd9};

static int64_t photo_bytes(void)
{
	return th_db_int("SELECT coalesce(length(photo), 0) FROM child WHERE id = %lld",
	                 (long long)child);
}

static void test_a_photo_is_cleaned_and_shown_to_those_who_may_see_the_child(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	char path[64];
	struct th_reply r;
	(void)state;
	r = upload(m, child, png_with_text, sizeof png_with_text);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	/* stored without the text chunk that named a place */
	assert_int_equal(photo_bytes(), (int64_t)sizeof png_with_text - 28);
	assert_int_equal(
	    th_db_int("SELECT instr(photo, CAST('Park' AS BLOB)) FROM child WHERE id = %lld",
	              (long long)child),
	    0);
	snprintf(path, sizeof path, "/children/%lld/photo", (long long)child);
	r = th_get(p, path, NULL);
	assert_int_equal(r.status, 200);
	th_reply_free(&r);
	snprintf(path, sizeof path, "/children/%lld", (long long)child);
	r = th_get(p, path, NULL);
	th_assert_contains(r.body, "/photo\" alt=\"Photo of");
	th_reply_free(&r);
	/* another family's child's photo is not the parent's to see */
	r = upload(m, other_child, jpeg_with_exif, sizeof jpeg_with_exif);
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT instr(photo, CAST('GPS' AS BLOB)) FROM child WHERE id = %lld",
	              (long long)other_child),
	    0);
	assert_int_equal(
	    th_db_int("SELECT length(photo) FROM child WHERE id = %lld", (long long)other_child),
	    (int64_t)sizeof jpeg_with_exif - 18);
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

static void refused(const char *cookie, const void *bytes, size_t n, const char *why)
{
	int64_t before = photo_bytes();
	struct th_reply r = upload(cookie, child, bytes, n);
	if (r.status != 422)
		fail_msg("expected 422 for %s, got %d", why, r.status);
	th_assert_contains(r.body, "id=\"photo-error\"");
	th_reply_free(&r);
	assert_int_equal(photo_bytes(), before);
}

static void test_bad_uploads_are_refused_and_nothing_is_stored(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	static const unsigned char gif[] = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0};
	static const unsigned char fake_jpeg[] = {0xff, 0xd8, 0xff, 0xe0, 'n', 'o', 't', ' ',
	                                          'a',  ' ',  'p',  'i',  'c', 't', 'u', 'r'};
	size_t big = (5u << 20) + 10;
	unsigned char *huge = calloc(1, big);
	struct th_reply r;
	(void)state;
	refused(m, gif, sizeof gif, "a GIF");
	refused(m, fake_jpeg, sizeof fake_jpeg, "a file claiming to be a JPEG");
	refused(m, png_with_text, sizeof png_with_text - 20, "a truncated PNG");
	memcpy(huge, jpeg_with_exif, sizeof jpeg_with_exif);
	refused(m, huge, big, "an oversized file");
	free(huge);
	/* a practitioner may not set a photo at all */
	free(m);
	m = th_signin("keyperson", "demo-keyperson-2026");
	r = upload(m, child, png_with_text, sizeof png_with_text);
	assert_int_equal(r.status, 403);
	th_reply_free(&r);
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
