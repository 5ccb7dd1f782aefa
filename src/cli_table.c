/*
 * cli_table.c — the commands' tables: rows of text cells printed in
 * aligned columns, two spaces apart, with widths counted in characters
 * (not bytes) so that Zoë and Łucja line up with the rest.
 */
#include <stdlib.h>

#include "cli.h"

static size_t text_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

void cli_table_print(FILE *f, const char *const *cells, size_t rows, size_t cols)
{
	size_t *width = xcalloc(cols, sizeof *width);
	for (size_t i = 0; i < rows; i++)
		for (size_t k = 0; k < cols; k++)
			if (text_width(cells[i * cols + k]) > width[k])
				width[k] = text_width(cells[i * cols + k]);
	for (size_t i = 0; i < rows; i++) {
		for (size_t k = 0; k + 1 < cols; k++)
			fprintf(f, "%s%*s", cells[i * cols + k],
			        (int)(width[k] - text_width(cells[i * cols + k]) + 2), "");
		fprintf(f, "%s\n", cells[i * cols + cols - 1]);
	}
	free(width);
}
