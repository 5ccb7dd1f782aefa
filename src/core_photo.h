/*
 * core_photo.h — photographs kept with the database (so a backup holds
 * everything): checked by their content, not their name or claimed type
 * (JPEG or PNG only, at most PHOTO_MAX bytes, structurally complete), and
 * stripped of metadata that can hold a location (JPEG APP1–APP15 segments
 * such as Exif and XMP; PNG eXIf and text chunks) before they are stored.
 */
#ifndef KW_CORE_PHOTO_H
#define KW_CORE_PHOTO_H

#include <stddef.h>

#include "core.h"

#define PHOTO_MAX (5u << 20)

/* Check bytes[0..n) and return a cleaned copy in *out (caller frees) with its
 * MIME type; 0, or -1 with why filled. */
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
