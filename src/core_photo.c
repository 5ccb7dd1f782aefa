/*
 * core_photo.c — checking and cleaning uploaded photographs. A JPEG is
 * walked segment by segment from SOI to SOS (each length checked against
 * the end of the file) and must end with EOI; a PNG is walked chunk by
 * chunk from the signature (IHDR first, IEND last, lengths within the
 * file). What is kept is copied to a new buffer; nothing is decoded.
 */
#include "core_photo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "buf.h"

static int fail(char *why, size_t n, const char *msg)
{
	snprintf(why, n, "%s", msg);
	return -1;
}

static int jpeg_clean(const unsigned char *p, size_t n, struct buf *out, char *why, size_t wn)
{
	size_t i = 2;
	if (n < 4 || p[n - 2] != 0xff || p[n - 1] != 0xd9)
		return fail(why, wn, "is not a complete JPEG picture");
	if (buf_add(out, p, 2))
		return fail(why, wn, "is too large");
	for (;;) {
		unsigned marker;
		size_t len;
		if (i + 4 > n || p[i] != 0xff)
			return fail(why, wn, "is not a well-formed JPEG picture");
		marker = p[i + 1];
		len = ((size_t)p[i + 2] << 8) | p[i + 3];
		if (len < 2 || i + 2 + len > n)
			return fail(why, wn, "is not a well-formed JPEG picture");
		if (marker == 0xda) { /* start of scan: the rest is image data */
			if (buf_add(out, p + i, n - i))
				return fail(why, wn, "is too large");
			return 0;
		}
		/* APP1..APP15 (Exif, XMP, …) and comments may hold where and when: dropped */
		if (!((marker >= 0xe1 && marker <= 0xef) || marker == 0xfe))
			if (buf_add(out, p + i, 2 + len))
				return fail(why, wn, "is too large");
		i += 2 + len;
	}
}

static int png_clean(const unsigned char *p, size_t n, struct buf *out, char *why, size_t wn)
{
	static const char *const dropped[] = {"eXIf", "tEXt", "zTXt", "iTXt", "tIME"};
	size_t i = 8;
	int first = 1;
	if (buf_add(out, p, 8))
		return fail(why, wn, "is too large");
	while (i + 12 <= n) {
		size_t len = ((size_t)p[i] << 24) | ((size_t)p[i + 1] << 16) |
		             ((size_t)p[i + 2] << 8) | p[i + 3];
		const unsigned char *type = p + i + 4;
		int drop = 0;
		if (len > n - i - 12)
			return fail(why, wn, "is not a well-formed PNG picture");
		if (first && memcmp(type, "IHDR", 4) != 0)
			return fail(why, wn, "is not a well-formed PNG picture");
		first = 0;
		for (size_t k = 0; k < ARRAY_LEN(dropped); k++)
			drop |= memcmp(type, dropped[k], 4) == 0;
		if (!drop && buf_add(out, p + i, 12 + len))
			return fail(why, wn, "is too large");
		i += 12 + len;
		if (memcmp(type, "IEND", 4) == 0)
			return i == n ? 0
			              : fail(why, wn, "has data after the end of the PNG picture");
	}
	return fail(why, wn, "is not a complete PNG picture");
}

int photo_clean(const unsigned char *bytes, size_t n, unsigned char **out, size_t *outlen,
                const char **mime, char *why, size_t whylen)
{
	static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
	struct buf b;
	int rc;
	if (n == 0)
		return fail(why, whylen, "is empty");
	if (n > PHOTO_MAX)
		return fail(why, whylen, "is larger than 5 MB");
	buf_init(&b, PHOTO_MAX);
	if (n >= 3 && bytes[0] == 0xff && bytes[1] == 0xd8 && bytes[2] == 0xff) {
		*mime = "image/jpeg";
		rc = jpeg_clean(bytes, n, &b, why, whylen);
	} else if (n >= 8 && memcmp(bytes, png_sig, 8) == 0) {
		*mime = "image/png";
		rc = png_clean(bytes, n, &b, why, whylen);
	} else {
		rc = fail(why, whylen, "is not a JPEG or PNG picture");
	}
	if (rc != 0) {
		buf_free(&b);
		return -1;
	}
	*outlen = b.len;
	*out = (unsigned char *)buf_take(&b);
	return 0;
}

int core_photo_keep(struct store *s, const struct actor *who, enum stmt_id stmt, const char *kind,
                    int64_t id, int64_t child_id, const char *action, const unsigned char *bytes,
                    size_t n, struct op_error *e)
{
	unsigned char *clean = NULL;
	size_t len = 0;
	const char *mime = NULL;
	char why[128];
	struct store_stmt *st;
	int rc;
	if (photo_clean(bytes, n, &clean, &len, &mime, why, sizeof why) != 0)
		return op_fail(e, OP_INVALID, "photo", "%s", why);
	st = store_stmt(s, stmt);
	store_bind_blob(st, 1, clean, len);
	store_bind_text(st, 2, mime);
	store_bind_int(st, 3, who->setting_id);
	store_bind_int(st, 4, id);
	rc = store_run(st);
	free(clean);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "keeping the photo");
	if (store_changes(s) != 1)
		return op_fail(e, OP_NOT_FOUND, kind, "there is no such %s", kind);
	return audit_write(s, who, action, kind, id, child_id, mime, e);
}

int core_child_set_photo(struct store *s, const struct actor *who, int64_t child_id,
                         const unsigned char *bytes, size_t n, struct op_error *e)
{
	return core_photo_keep(s, who, STMT_CHILD_SET_PHOTO, "child", child_id, child_id,
	                       "child.photo", bytes, n, e);
}
