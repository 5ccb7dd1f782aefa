/*
 * util.h — the few macros and helpers every module uses: array length,
 * attributes for format checking and unused results, and the one place
 * where allocation failure ends the program (xmalloc and friends).
 */
#ifndef KW_UTIL_H
#define KW_UTIL_H

#include <stddef.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define WARN_UNUSED __attribute__((warn_unused_result))
#define UNUSED(x) ((void)(x))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Copy src into dst of size n, always NUL-terminated; returns 0, or -1 when
 * src did not fit (dst then holds the truncated prefix). */
int str_copy(char *dst, size_t n, const char *src) WARN_UNUSED;

/* Parse a whole decimal integer in [lo, hi]; 0 on success, -1 otherwise. */
int parse_long(const char *s, long lo, long hi, long *out) WARN_UNUSED;
/* Parse a whole finite decimal number; 0 on success, -1 otherwise. */
int parse_double(const char *s, double *out) WARN_UNUSED;

/* qsort and bsearch for arrays that may be empty, and then NULL: both
 * want a valid pointer even for no elements. */
void sort_n(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *find_n(const void *key, const void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *));

#endif
