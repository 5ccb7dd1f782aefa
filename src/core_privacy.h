/*
 * core_privacy.h — the setting's privacy notice (ASVS 8.3.3): what the
 * setting collects about children, families and staff, why, how long it
 * keeps it and whom to ask. A setting without its own text shows the
 * built-in one (portal_text's M_PRIVACY_DEFAULT, in the reader's language).
 * Each person is shown it once at their first sign-in (privacy_seen_at).
 */
#ifndef KW_CORE_PRIVACY_H
#define KW_CORE_PRIVACY_H

#include "arena.h"
#include "core.h"

#define PRIVACY_NOTICE_MAX 20000 /* bytes */

/* The setting's own notice (in a), or NULL when it uses the built-in one. */
const char *core_privacy_get(struct store *s, int64_t setting_id, struct arena *a);
/* Set the notice ("" or blanks: back to the built-in one), in the caller's
 * transaction; audited "privacy.edit". 422 on "notice" when too long. */
int core_privacy_set(struct store *s, const struct actor *who, const char *text,
                     struct op_error *e) WARN_UNUSED;
/* Has user_id been shown the notice? (-1: cannot tell) */
int core_privacy_seen(struct store *s, int64_t user_id);
/* Record that user_id has been shown it now (bookkeeping, like last_seen). */
void core_privacy_mark_seen(struct store *s, int64_t user_id);

#endif
