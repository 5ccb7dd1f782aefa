/*
 * buf.h — one bounded, growable byte buffer used everywhere text is built
 * (after curl's dynbuf): every buffer has a maximum size, and appending past
 * it fails with a status instead of growing without limit. The contents are
 * always NUL-terminated.
 */
#ifndef KW_BUF_H
#define KW_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util.h"

struct buf {
	char *p;
	size_t len;
	size_t cap;
	size_t max;
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
int buf_add(struct buf *b, const void *data, size_t n) WARN_UNUSED;
int buf_puts(struct buf *b, const char *s) WARN_UNUSED;
int buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3) WARN_UNUSED;
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) PRINTF_LIKE(2, 0) WARN_UNUSED;
/* The contents, "" when empty. */
const char *buf_str(const struct buf *b);
/* Hand over the contents (caller frees) and leave b empty. */
char *buf_take(struct buf *b);

#endif
