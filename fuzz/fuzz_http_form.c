/*
 * fuzz_http_form.c — libFuzzer target for the urlencoded parser (form
 * bodies and query strings): any bytes parse or are refused, never crash,
 * and every parsed value is a NUL-terminated string of the reported length.
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
	arena_init(&a);
	if (http_parse_urlencoded(&a, (const char *)data, size, &l) == 0)
		for (size_t i = 0; i < l.n; i++) {
			assert(strlen(l.v[i].val) == l.v[i].len);
			assert(l.v[i].key[0] != '\0');
		}
	arena_free(&a);
	return 0;
}
