/*
 * html.h — the only way pages write HTML (after Fossil's %h): html_printf
 * escapes every %s argument, so forgetting to escape is the hard thing to
 * do; markup that is ours (tags in a literal) goes through the format
 * string or html_raw. Formats are checked by the compiler like printf's.
 */
#ifndef KW_HTML_H
#define KW_HTML_H

#include "buf.h"
#include "util.h"

/* printf-like; every %s argument is HTML-escaped (NULL prints nothing). */
void html_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Append s escaped for text and attribute values. */
void html_esc(struct buf *b, const char *s);
/* Append trusted markup (a literal of ours, never input). */
void html_raw(struct buf *b, const char *s);

#endif
