/*
 * fuzz_photo_strip.c — libFuzzer target for the photo check and metadata
 * strip: any input is accepted or refused, never read out of bounds; a
 * picture kept is never larger than the upload, and cleaning it again
 * changes nothing (nothing dropped is left behind to drop a second time).
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "photo_strip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a, b;
	const char *mime, *mime2;
	char why[128];
	buf_init(&a, PHOTO_STRIP_MAX);
	buf_init(&b, PHOTO_STRIP_MAX);
	if (photo_strip(data, size, &a, &mime, why, sizeof why) == 0) {
		assert(a.len <= size);
		assert(mime != NULL);
		assert(photo_strip((const unsigned char *)a.p, a.len, &b, &mime2, why,
		                   sizeof why) == 0);
		assert(b.len == a.len && memcmp(a.p, b.p, a.len) == 0);
		assert(strcmp(mime, mime2) == 0);
	} else {
		assert(a.len == 0);
	}
	buf_free(&a);
	buf_free(&b);
	return 0;
}
