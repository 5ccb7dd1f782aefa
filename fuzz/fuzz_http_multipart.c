/*
 * fuzz_http_multipart.c — libFuzzer target for the multipart/form-data
 * parser: the first line of the input is the Content-Type header, the rest
 * the body. Parts must lie inside the body.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kv_list l = {0};
	const uint8_t *nl = memchr(data, '\n', size);
	char *ctype;
	size_t clen;
	if (!nl)
		return 0;
	clen = (size_t)(nl - data);
	arena_init(&a);
	ctype = arena_strndup(&a, (const char *)data, clen);
	if (strlen(ctype) == clen &&
	    http_parse_multipart(&a, ctype, (const char *)nl + 1, size - clen - 1, &l) == 0)
		for (size_t i = 0; i < l.n; i++)
			assert(l.v[i].len <= size);
	arena_free(&a);
	return 0;
}
