/*
 * fuzz_csv.c — libFuzzer target for the CSV reader with small limits, so
 * the limit paths are reached too: every record or error is reported with
 * a row number, and reading always ends.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct csv_limits small = {.max_field = 64, .max_columns = 8, .max_rows = 50};
	struct arena a;
	struct csv c;
	int rc, steps = 0;
	arena_init(&a);
	csv_init(&c, (const char *)data, size, (size && (data[0] & 1)) ? &small : NULL);
	while ((rc = csv_next(&c, &a)) != CSV_END) {
		assert(c.row >= 1);
		if (rc == CSV_RECORD)
			for (size_t i = 0; i < c.nfields; i++)
				assert(c.fields[i] != NULL);
		assert(++steps <= (int)size + 2);
	}
	csv_free(&c);
	arena_free(&a);
	return 0;
}
