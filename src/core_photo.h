/*
 * core_photo.h — photographs a record holds (the child's own, a member of
 * staff's), kept with the database so a backup holds everything. Checked
 * and cleaned by the one walk that also serves observation photos
 * (photo_strip.h): JPEG or PNG by content, at most PHOTO_MAX bytes, the
 * whole structure from the first byte to the last (JPEG frame and scans,
 * PNG chunk CRCs), with the metadata that can say where it was taken
 * (Exif with GPS, XMP, IPTC, comments; PNG eXIf, text and tIME) dropped.
 */
#ifndef KW_CORE_PHOTO_H
#define KW_CORE_PHOTO_H

#include <stddef.h>

#include "core.h"
#include "photo_strip.h"

#define PHOTO_MAX PHOTO_STRIP_MAX

/* photo_strip into a new buffer: a cleaned copy of bytes[0..n) in *out
 * (caller frees) with its MIME type; 0, or -1 with why filled in
 * photo_strip's words ("is not a JPEG or PNG picture", …). */
int photo_clean(const unsigned char *bytes, size_t n, unsigned char **out, size_t *outlen,
                const char **mime, char *why, size_t whylen) WARN_UNUSED;

/* Clean bytes and keep them with stmt (bound: blob, mime, setting, id), then
 * write the audit row action about kind/id (child_id for the audit's child).
 * OP_INVALID naming "photo" for a picture refused, OP_NOT_FOUND naming kind
 * when stmt changed no row. One path for every photograph a record holds. */
int core_photo_keep(struct store *s, const struct actor *who, enum stmt_id stmt, const char *kind,
                    int64_t id, int64_t child_id, const char *action, const unsigned char *bytes,
                    size_t n, struct op_error *e) WARN_UNUSED;

/* The child's own photograph (the one families and staff see on the child's page). */
int core_child_set_photo(struct store *s, const struct actor *who, int64_t child_id,
                         const unsigned char *bytes, size_t n, struct op_error *e) WARN_UNUSED;

#endif
