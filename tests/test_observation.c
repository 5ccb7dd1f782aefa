/*
 * test_observation.c — the photo check of observations (photo_strip.c),
 * by content and structure alone: a PNG sent under a JPEG's name is kept as
 * what it is, a text file or an oversized file is refused, a JPEG's Exif
 * (with its GPS position), XMP and Photoshop segments are dropped, also
 * between the scans of a progressive picture, while what a decoder needs
 * (JFIF, the frame, the tables, the scans) is kept byte for byte; PNG text
 * and eXIf chunks are dropped, a damaged or truncated picture is refused,
 * and a refused picture leaves nothing in the output.
 */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "photo_strip.h"

struct bytes {
	unsigned char p[4096];
	size_t n;
};

static void add(struct bytes *b, const void *p, size_t n)
{
	assert_true(b->n + n <= sizeof b->p);
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void add_segment(struct bytes *b, unsigned marker, const char *payload, size_t n)
{
	unsigned char h[4] = {0xff, (unsigned char)marker, (unsigned char)((n + 2) >> 8),
	                      (unsigned char)(n + 2)};
	add(b, h, 4);
	add(b, payload, n);
}

static const char exif[] = "Exif\0\0GPSLatitude 51.5072N GPSLongitude 0.1276W";
static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Park Road</x:xmpmeta>";
static const char iptc[] = "Photoshop 3.0\08BIM City: London";
static const char jfif[] = "JFIF\0\1\1\0\0\1\0\1\0\0";
static const char sof[] = {8, 0, 1, 0, 1, 1, 1, 0x11, 0};
static const char sos[] = {1, 1, 0, 0, 0x3f, 0};
static const unsigned char scan[] = {0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56};

/* SOI, APP1 Exif, APP0 JFIF, APP1 XMP, APP13, SOF0, SOS + data, [APP1 + SOS + data,] EOI */
static void make_jpeg(struct bytes *b, int second_scan)
{
	static const unsigned char soi[2] = {0xff, 0xd8}, eoi[2] = {0xff, 0xd9};
	b->n = 0;
	add(b, soi, 2);
	add_segment(b, 0xe1, exif, sizeof exif);
	add_segment(b, 0xe0, jfif, sizeof jfif);
	add_segment(b, 0xe1, xmp, sizeof xmp);
	add_segment(b, 0xed, iptc, sizeof iptc);
	add_segment(b, 0xc0, sof, sizeof sof);
	add_segment(b, 0xda, sos, sizeof sos);
	add(b, scan, sizeof scan);
	if (second_scan) {
		add_segment(b, 0xe1, exif, sizeof exif);
		add_segment(b, 0xda, sos, sizeof sos);
		add(b, scan, sizeof scan);
	}
	add(b, eoi, 2);
}

static int has(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->p + i, needle, n) == 0)
			return 1;
	return 0;
}

static void test_jpeg_loses_exif_gps_xmp_and_iptc_and_keeps_the_picture(void **state)
{
	struct bytes in;
	struct buf out;
	const char *mime;
	char why[128];
	(void)state;
	make_jpeg(&in, 0);
	buf_init(&out, PHOTO_STRIP_MAX);
	assert_int_equal(photo_strip(in.p, in.n, &out, &mime, why, sizeof why), 0);
	assert_string_equal(mime, "image/jpeg");
	assert_false(has(&out, "GPS"));
	assert_false(has(&out, "Park Road"));
	assert_false(has(&out, "London"));
	assert_true(has(&out, "JFIF"));
	/* exactly the three segments dropped: 4 bytes of header each plus their payloads */
	assert_int_equal(out.len, in.n - (4 + sizeof exif) - (4 + sizeof xmp) - (4 + sizeof iptc));
	/* the scan data, with its stuffed 0xFF00 and restart marker, is kept as it was */
	assert_memory_equal(out.p + out.len - 2 - sizeof scan, scan, sizeof scan);
	buf_free(&out);
}

static void test_exif_between_scans_is_dropped_too(void **state)
{
	struct bytes in;
	struct buf out;
	const char *mime;
	char why[128];
	(void)state;
	make_jpeg(&in, 1);
	buf_init(&out, PHOTO_STRIP_MAX);
	assert_int_equal(photo_strip(in.p, in.n, &out, &mime, why, sizeof why), 0);
	assert_false(has(&out, "GPS"));
	assert_int_equal(out.len,
	                 in.n - 2 * (4 + sizeof exif) - (4 + sizeof xmp) - (4 + sizeof iptc));
	buf_free(&out);
}

static void expect_refused(const unsigned char *p, size_t n, const char *words)
{
	struct buf out;
	const char *mime = "set";
	char why[128];
	buf_init(&out, PHOTO_STRIP_MAX);
	assert_int_equal(photo_strip(p, n, &out, &mime, why, sizeof why), -1);
	assert_null(mime);
	assert_int_equal(out.len, 0);
	if (!strstr(why, words))
		fail_msg("expected \"%s\" in \"%s\"", words, why);
	buf_free(&out);
}

static void test_a_text_file_is_refused(void **state)
{
	static const char text[] = "This is not a photo, whatever its name says.\n";
	(void)state;
	expect_refused((const unsigned char *)text, sizeof text - 1, "not a JPEG or PNG");
}

static void test_an_oversized_file_is_refused(void **state)
{
	size_t n = PHOTO_STRIP_MAX + 1;
	unsigned char *big = calloc(1, n);
	struct bytes jpeg;
	(void)state;
	make_jpeg(&jpeg, 0);
	memcpy(big, jpeg.p, jpeg.n); /* a real JPEG's start: the size alone refuses it */
	expect_refused(big, n, "larger than 5 MB");
	free(big);
}

static void test_broken_jpegs_are_refused(void **state)
{
	struct bytes in;
	static const unsigned char claims[] = {0xff, 0xd8, 0xff, 0xe0, 'n', 'o', 't', ' ',
	                                       'a',  ' ',  'p',  'i',  'c', 't', 'u', 'r'};
	(void)state;
	expect_refused(claims, sizeof claims, "JPEG");
	make_jpeg(&in, 0);
	expect_refused(in.p, in.n - 3, "JPEG"); /* truncated in the scan */
	in.p[in.n - 1] = 0xd9;
	in.p[in.n - 2] = 0xff;
	{ /* a segment whose length runs past the end */
		struct bytes bad = in;
		bad.p[5] = 0xff;
		expect_refused(bad.p, bad.n, "JPEG");
	}
	{ /* data after the end of the picture */
		struct bytes more = in;
		add(&more, "tail", 4);
		expect_refused(more.p, more.n, "after the end");
	}
}

/* ---- PNG ---- */

static void put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void add_chunk(struct bytes *b, const char *type, const void *data, size_t n)
{
	unsigned char h[8], crc[4];
	size_t at;
	put32(h, n);
	memcpy(h + 4, type, 4);
	at = b->n + 4;
	add(b, h, 8);
	add(b, data, n);
	put32(crc, photo_strip_crc32(b->p + at, 4 + n));
	add(b, crc, 4);
}

static void make_png(struct bytes *b)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
	static const unsigned char ihdr[13] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
	static const unsigned char idat[] = {0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0,
	                                     0,    0,    0x03, 0x01, 0x01, 0};
	static const char text[] = "Location\0Park Road, 51.5N";
	static const char ex[] = "MM\0*GPS";
	b->n = 0;
	add(b, sig, 8);
	add_chunk(b, "IHDR", ihdr, sizeof ihdr);
	add_chunk(b, "tEXt", text, sizeof text - 1);
	add_chunk(b, "eXIf", ex, sizeof ex - 1);
	add_chunk(b, "IDAT", idat, sizeof idat);
	add_chunk(b, "IEND", "", 0);
}

static void test_a_png_named_jpeg_is_judged_by_its_content(void **state)
{
	struct bytes in;
	struct buf out;
	const char *mime;
	char why[128];
	(void)state;
	make_png(&in);
	buf_init(&out, PHOTO_STRIP_MAX);
	assert_int_equal(photo_strip(in.p, in.n, &out, &mime, why, sizeof why), 0);
	assert_string_equal(mime, "image/png");
	assert_false(has(&out, "Park Road"));
	assert_false(has(&out, "GPS"));
	assert_int_equal(out.len, in.n - (12 + 25) - (12 + 7));
	buf_free(&out);
}

static void test_damaged_pngs_are_refused(void **state)
{
	struct bytes in;
	(void)state;
	make_png(&in);
	expect_refused(in.p, in.n - 1, "PNG"); /* IEND cut short */
	in.p[in.n - 20] ^= 0x01;               /* a bit of IDAT's data flipped */
	expect_refused(in.p, in.n, "damaged");
	make_png(&in);
	add(&in, "more", 4);
	expect_refused(in.p, in.n, "after the end");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_jpeg_loses_exif_gps_xmp_and_iptc_and_keeps_the_picture),
	    cmocka_unit_test(test_exif_between_scans_is_dropped_too),
	    cmocka_unit_test(test_a_text_file_is_refused),
	    cmocka_unit_test(test_an_oversized_file_is_refused),
	    cmocka_unit_test(test_broken_jpegs_are_refused),
	    cmocka_unit_test(test_a_png_named_jpeg_is_judged_by_its_content),
	    cmocka_unit_test(test_damaged_pngs_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
