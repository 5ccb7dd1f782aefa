/*
 * fuzz_http_cookie.c — libFuzzer target for the Cookie header reader.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	char *header;
	const char *v;
	arena_init(&a);
	header = arena_strndup(&a, (const char *)data, size);
	v = http_cookie(&a, header, "kw");
	if (v)
		assert(strlen(v) <= size);
	v = http_cookie(&a, header, "__Host-kw");
	if (v)
		assert(strlen(v) <= size);
	arena_free(&a);
	return 0;
}
