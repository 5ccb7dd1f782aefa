/*
 * photo_strip.c — the walk of photo_strip.h. Both formats are read with an
 * index i that only moves forward and is compared with n before every read;
 * a length is trusted only after checking that it ends inside the file.
 * The output buffer has its own maximum, so a picture can never grow.
 */
#include "photo_strip.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int fail(char *why, size_t n, const char *msg)
{
	snprintf(why, n, "%s", msg);
	return -1;
}

/* APPn segments a decoder needs: JFIF, the ICC profile, Adobe's colour transform. */
static int jpeg_keeps(unsigned marker)
{
	if (marker == 0xfe) /* COM */
		return 0;
	if (marker >= 0xe0 && marker <= 0xef)
		return marker == 0xe0 || marker == 0xe2 || marker == 0xee;
	return 1;
}

static int jpeg_is_frame(unsigned m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

static int jpeg_strip(const unsigned char *p, size_t n, struct buf *out, char *why, size_t wn)
{
	size_t i = 2;
	int frame = 0, scans = 0;
	if (buf_add(out, p, 2))
		return fail(why, wn, "is too large");
	for (;;) {
		unsigned marker;
		size_t len;
		if (i >= n || p[i] != 0xff)
			return fail(why, wn, "is not a well-formed JPEG picture");
		while (i + 1 < n && p[i + 1] == 0xff) /* fill bytes before a marker */
			i++;
		if (i + 1 >= n)
			return fail(why, wn, "is not a complete JPEG picture");
		marker = p[i + 1];
		if (marker == 0xd9) { /* EOI */
			if (!frame || !scans)
				return fail(why, wn, "is not a complete JPEG picture");
			if (i + 2 != n)
				return fail(why, wn, "has data after the end of the JPEG picture");
			if (buf_add(out, p + i, 2))
				return fail(why, wn, "is too large");
			return 0;
		}
		if (marker == 0x00 || marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) ||
		    marker == 0x01)
			return fail(why, wn, "is not a well-formed JPEG picture");
		if (i + 4 > n)
			return fail(why, wn, "is not a complete JPEG picture");
		len = ((size_t)p[i + 2] << 8) | p[i + 3];
		if (len < 2 || len > n - i - 2)
			return fail(why, wn, "is not a well-formed JPEG picture");
		if (jpeg_is_frame(marker))
			frame = 1;
		if (jpeg_keeps(marker) && buf_add(out, p + i, 2 + len))
			return fail(why, wn, "is too large");
		i += 2 + len;
		if (marker == 0xda) { /* SOS: entropy-coded data up to the next real marker */
			size_t start = i;
			if (!frame)
				return fail(why, wn, "is not a well-formed JPEG picture");
			scans++;
			while (i + 1 < n && !(p[i] == 0xff && p[i + 1] != 0x00 &&
			                      !(p[i + 1] >= 0xd0 && p[i + 1] <= 0xd7)))
				i++;
			if (i + 1 >= n)
				return fail(why, wn, "is not a complete JPEG picture");
			if (buf_add(out, p + start, i - start))
				return fail(why, wn, "is too large");
		}
	}
}

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t k = 0; k < 256; k++) {
		uint32_t c = k;
		for (int b = 0; b < 8; b++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[k] = c;
	}
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t k = 0; k < n; k++)
		c = crc_table[(c ^ p[k]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

unsigned long photo_strip_crc32(const unsigned char *p, size_t n)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, crc_init);
	return crc32_of(p, n);
}

static uint32_t be32(const unsigned char *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static int png_strip(const unsigned char *p, size_t n, struct buf *out, char *why, size_t wn)
{
	static const char *const dropped[] = {"eXIf", "tEXt", "zTXt", "iTXt", "tIME"};
	size_t i = 8;
	int first = 1, data = 0;
	if (buf_add(out, p, 8))
		return fail(why, wn, "is too large");
	while (i + 12 <= n) {
		size_t len = be32(p + i);
		const unsigned char *type = p + i + 4;
		int drop = 0;
		if (len > n - i - 12)
			return fail(why, wn, "is not a well-formed PNG picture");
		for (int k = 0; k < 4; k++)
			if (!((type[k] >= 'A' && type[k] <= 'Z') ||
			      (type[k] >= 'a' && type[k] <= 'z')))
				return fail(why, wn, "is not a well-formed PNG picture");
		if (first && (memcmp(type, "IHDR", 4) != 0 || len != 13))
			return fail(why, wn, "is not a well-formed PNG picture");
		first = 0;
		for (size_t k = 0; k < ARRAY_LEN(dropped); k++)
			drop |= memcmp(type, dropped[k], 4) == 0;
		if (!drop) {
			if (photo_strip_crc32(type, 4 + len) != be32(p + i + 8 + len))
				return fail(why, wn, "is a damaged PNG picture");
			if (buf_add(out, p + i, 12 + len))
				return fail(why, wn, "is too large");
		}
		data |= memcmp(type, "IDAT", 4) == 0;
		i += 12 + len;
		if (memcmp(type, "IEND", 4) == 0) {
			if (!data)
				return fail(why, wn, "is not a complete PNG picture");
			return i == n ? 0
			              : fail(why, wn, "has data after the end of the PNG picture");
		}
	}
	return fail(why, wn, "is not a complete PNG picture");
}

int photo_strip(const unsigned char *p, size_t n, struct buf *out, const char **mime, char *why,
                size_t whylen)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
	size_t before = out->len;
	int rc;
	*mime = NULL;
	if (n == 0)
		return fail(why, whylen, "is empty");
	if (n > PHOTO_STRIP_MAX)
		return fail(why, whylen, "is larger than 5 MB");
	if (n >= 4 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff) {
		*mime = "image/jpeg";
		rc = jpeg_strip(p, n, out, why, whylen);
	} else if (n >= 8 && memcmp(p, png_sig, 8) == 0) {
		*mime = "image/png";
		rc = png_strip(p, n, out, why, whylen);
	} else {
		rc = fail(why, whylen, "is not a JPEG or PNG picture");
	}
	if (rc != 0) {
		out->len = before; /* nothing of a refused picture stays */
		if (out->p)
			out->p[before] = '\0';
		*mime = NULL;
	}
	return rc;
}
