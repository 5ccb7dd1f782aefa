/*
 * core_weekly.h — the weekly update: the key person's note to a family
 * about their child's week. A draft is built from the week's records (the
 * observations shared with parents, and the diary), the key person edits
 * it and sends it (sent_at; the portal shows it from then on, and it is no
 * longer changed). The manager's list shows, per key person, which of
 * their key children's updates are still outstanding this week.
 * Weeks start on Monday (week_start).
 */
#ifndef KW_CORE_WEEKLY_H
#define KW_CORE_WEEKLY_H

#include "core.h"
#include "date.h"

#define WEEKLY_TEXT_MAX 8000

enum weekly_state { WEEKLY_NONE, WEEKLY_DRAFT, WEEKLY_SENT };

struct weekly {
	int64_t id; /* 0: nothing saved yet */
	const char *text, *author;
	int64_t sent_at, updated_at;
};

/* The Monday of day's week. */
int core_weekly_monday(int day);
/* A draft from the week's shared observations and diary entries of the child. */
int core_weekly_draft(struct store *s, int64_t setting_id, int64_t child_id, int monday,
                      struct arena *a, const char **text, struct op_error *e) WARN_UNUSED;
int core_weekly_get(struct store *s, int64_t setting_id, int64_t child_id, int monday,
                    struct arena *a, struct weekly *out, struct op_error *e) WARN_UNUSED;
/* Save the week's update (and with send, send it): 409 once sent. */
int core_weekly_save(struct store *s, const struct actor *who, int64_t child_id, int monday,
                     int64_t author_staff, const char *text, int send,
                     struct op_error *e) WARN_UNUSED;

/* Every child on roll in the week with their key person and their update's state. */
struct weekly_row {
	int64_t child_id, key_person_id;
	const char *child, *room, *key_person;
	enum weekly_state state;
};
int core_weekly_week(struct store *s, int64_t setting_id, int monday, struct arena *a,
                     struct weekly_row **out, size_t *n, struct op_error *e) WARN_UNUSED;

#endif
