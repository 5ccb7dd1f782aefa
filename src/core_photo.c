/*
 * core_photo.c — keeping a record's photograph: photo_clean is photo_strip
 * (the one check and clean of every uploaded picture) into a buffer of its
 * own; core_photo_keep stores what it gives and writes the audit row.
 */
#include "core_photo.h"

#include <stdlib.h>

#include "audit.h"
#include "buf.h"

int photo_clean(const unsigned char *bytes, size_t n, unsigned char **out, size_t *outlen,
                const char **mime, char *why, size_t whylen)
{
	struct buf b;
	buf_init(&b, PHOTO_MAX);
	if (photo_strip(bytes, n, &b, mime, why, whylen) != 0) {
		buf_free(&b);
		return -1;
	}
	*outlen = b.len;
	*out = (unsigned char *)buf_take(&b);
	return 0;
}

int core_photo_keep(struct store *s, const struct actor *who, enum stmt_id stmt, const char *kind,
                    int64_t id, int64_t child_id, const char *action, const unsigned char *bytes,
                    size_t n, struct op_error *e)
{
	unsigned char *clean = NULL;
	size_t len = 0;
	const char *mime = NULL;
	char why[128];
	struct store_stmt *st;
	int rc;
	if (photo_clean(bytes, n, &clean, &len, &mime, why, sizeof why) != 0)
		return op_fail(e, OP_INVALID, "photo", "%s", why);
	st = store_stmt(s, stmt);
	store_bind_blob(st, 1, clean, len);
	store_bind_text(st, 2, mime);
	store_bind_int(st, 3, who->setting_id);
	store_bind_int(st, 4, id);
	rc = store_run(st);
	free(clean);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "keeping the photo");
	if (store_changes(s) != 1)
		return op_fail(e, OP_NOT_FOUND, kind, "there is no such %s", kind);
	return audit_write(s, who, action, kind, id, child_id, mime, e);
}

int core_child_set_photo(struct store *s, const struct actor *who, int64_t child_id,
                         const unsigned char *bytes, size_t n, struct op_error *e)
{
	return core_photo_keep(s, who, STMT_CHILD_SET_PHOTO, "child", child_id, child_id,
	                       "child.photo", bytes, n, e);
}
