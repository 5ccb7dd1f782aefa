/*
 * fuzz_valid.c — libFuzzer target for the field validators: the first byte
 * picks a field type, the rest is the raw value. A value accepted is
 * normalised text that validates again to the same text.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "valid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const choices[] = {"sick", "holiday", NULL};
	struct field_spec f = {"f", F_TEXT, 0, -1000, 1000, choices};
	struct field_value v, again;
	struct arena a;
	char why[200], *raw;
	if (size < 1)
		return 0;
	f.type = (enum field_type)(data[0] % F_TYPE__MAX);
	if (f.type == F_TEXT || f.type == F_LINE || f.type == F_LIST)
		f.max = 50;
	arena_init(&a);
	raw = arena_strndup(&a, (const char *)data + 1, size - 1);
	if (valid_field(&f, raw, &v, &a, why, sizeof why) == 0 && v.present) {
		assert(v.s != NULL);
		assert(valid_field(&f, v.s, &again, &a, why, sizeof why) == 0);
		assert(strcmp(again.s, v.s) == 0);
	}
	arena_free(&a);
	return 0;
}
