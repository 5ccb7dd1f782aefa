/*
 * html.c — the escaping writer. html_printf walks the format itself: %s
 * arguments are escaped; the other conversions pages use (%d %i %u with the
 * l/ll/z modifiers and a zero-padded width, %c, %.Nf) are formatted with
 * literal snprintf formats, so no format string is ever built at run time.
 * A response that would pass the buffer's maximum is cut short rather than
 * grown without limit.
 */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void put(struct buf *b, const char *s, size_t n)
{
	if (buf_add(b, s, n) != 0) {
		/* over the response limit: the rest is dropped */
	}
}

void html_raw(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

void html_esc(struct buf *b, const char *s)
{
	const char *run = s;
	if (!s)
		return;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		put(b, run, (size_t)(s - run));
		html_raw(b, rep);
		run = s + 1;
	}
	put(b, run, (size_t)(s - run));
}

void html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt, *run = fmt;
	va_start(ap, fmt);
	while (*p) {
		char out[128];
		int longs = 0, size_mod = 0, zero = 0, width = 0, prec = -1;
		if (*p != '%') {
			p++;
			continue;
		}
		put(b, run, (size_t)(p - run));
		p++;
		if (*p == '%') {
			put(b, "%", 1);
			run = ++p;
			continue;
		}
		while (*p && strchr("-+ #0", *p))
			zero |= *p++ == '0';
		while (*p >= '0' && *p <= '9')
			width = width * 10 + (*p++ - '0');
		if (*p == '.') {
			prec = 0;
			for (p++; *p >= '0' && *p <= '9'; p++)
				prec = prec * 10 + (*p - '0');
		}
		for (;; p++) {
			if (*p == 'l')
				longs++;
			else if (*p == 'z' || *p == 'j' || *p == 't')
				size_mod = 1;
			else if (*p != 'h')
				break;
		}
		if (width > 40)
			width = 40;
		out[0] = '\0';
		switch (*p) {
		case 's':
			html_esc(b, va_arg(ap, const char *));
			break;
		case 'd':
		case 'i': {
			long long v = longs >= 2            ? va_arg(ap, long long)
			              : (longs || size_mod) ? va_arg(ap, long)
			                                    : va_arg(ap, int);
			if (zero)
				snprintf(out, sizeof out, "%0*lld", width, v);
			else
				snprintf(out, sizeof out, "%*lld", width, v);
			break;
		}
		case 'u': {
			unsigned long long v = longs >= 2 ? va_arg(ap, unsigned long long)
			                       : (longs || size_mod) ? va_arg(ap, unsigned long)
			                                             : va_arg(ap, unsigned);
			if (zero)
				snprintf(out, sizeof out, "%0*llu", width, v);
			else
				snprintf(out, sizeof out, "%*llu", width, v);
			break;
		}
		case 'c':
			out[0] = (char)va_arg(ap, int);
			out[1] = '\0';
			html_esc(b, out);
			out[0] = '\0';
			break;
		case 'f':
			snprintf(out, sizeof out, "%.*f", prec < 0 ? 6 : (prec > 12 ? 12 : prec),
			         va_arg(ap, double));
			break;
		default:
			/* not a conversion pages use: a bug in a literal format */
			html_raw(b, "?");
			break;
		}
		html_raw(b, out);
		if (*p)
			p++;
		run = p;
	}
	put(b, run, (size_t)(p - run));
	va_end(ap);
}
