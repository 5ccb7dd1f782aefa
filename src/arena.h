/*
 * arena.h — a region allocator: many small allocations, freed together in
 * one call. The web server gives each request one arena, freed when the
 * request completes; commands use one for their whole run.
 */
#ifndef KW_ARENA_H
#define KW_ARENA_H

#include <stddef.h>

#include "util.h"

struct arena_block;
struct arena {
	struct arena_block *head;
	size_t used; /* total bytes handed out, for limits and tests */
};

void arena_init(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
void arena_free(struct arena *a);

/* Room for one more element in an arena array p of n elements of size sz
 * and capacity *cap: p itself, or a copy twice as large (8 at first). */
void *arena_grow(struct arena *a, void *p, size_t n, size_t *cap, size_t sz);
/* Append one element to arr (n elements, cap capacity); its address. */
#define ARENA_PUSH(a, arr, n, cap) \
	((arr) = arena_grow((a), (arr), (n), &(cap), sizeof *(arr)), &(arr)[(n)++])

#endif
