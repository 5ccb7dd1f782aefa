/*
 * photo_strip.h — a bounded structural check of an uploaded photograph and
 * a copy of it without the metadata that can say where (and when, and on
 * what) it was taken. Only JPEG and PNG are accepted, recognised by their
 * content (never the file's name or claimed type), at most PHOTO_STRIP_MAX
 * bytes, walked from the first byte to the last with every length checked
 * against the end:
 *
 *   JPEG  SOI, then marker segments (fill bytes allowed), a frame header
 *         (SOFn) before the first scan, each scan's entropy-coded data
 *         skipped to the next real marker (0xFF00 stuffing and RSTn stay
 *         inside it), EOI as the very last two bytes. Dropped: APP1 (Exif,
 *         XMP: GPS lives here), APP13 (Photoshop IPTC), every other APPn
 *         but APP0 (JFIF), APP2 (ICC colour) and APP14 (Adobe colour
 *         transform), which a decoder needs; and COM comments. Segments
 *         between scans are cleaned the same way.
 *   PNG   the signature, IHDR first (13 bytes), at least one IDAT, IEND
 *         last with nothing after it; every chunk kept has its CRC
 *         checked. Dropped: eXIf, tEXt, zTXt, iTXt and tIME.
 *
 * Nothing is decoded: what is kept is copied byte for byte.
 */
#ifndef KW_PHOTO_STRIP_H
#define KW_PHOTO_STRIP_H

#include <stddef.h>

#include "buf.h"
#include "util.h"

#define PHOTO_STRIP_MAX (5u << 20)

/* Check p[0..n) and append the cleaned picture to out (whose max must allow
 * n bytes); *mime is "image/jpeg" or "image/png". 0, or -1 with why filled
 * ("is not a JPEG or PNG picture", "is larger than 5 MB", …: words that
 * follow "The file"). */
int photo_strip(const unsigned char *p, size_t n, struct buf *out, const char **mime, char *why,
                size_t whylen) WARN_UNUSED;

/* The CRC-32 of PNG chunks (ISO 3309), for code that writes a PNG. */
unsigned long photo_strip_crc32(const unsigned char *p, size_t n);

#endif
