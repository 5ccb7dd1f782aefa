/*
 * core_diary.h — the daily diary: what each child ate and drank, slept,
 * nappies and toileting, activities, mood and notes, written through the
 * day by the staff (often for a whole key group at once on a tablet: one
 * form, a row per child, one transaction) and published to the parents.
 *
 * Publishing is a setting's choice (setting.diary_publish): 'end_of_day'
 * keeps the day's entries back until the day is published — by the manager
 * or the key person with the publish button, or by `kw diary publish` run
 * at closing time (a timer; without --date it also catches up any earlier
 * day left unpublished) — so that parents read one settled account at home
 * time; 'at_once' publishes each entry as it is written. A parent sees an
 * entry only once published_at is set (the portal reads that column).
 *
 * Kinds, their items and whether they take an amount are one table,
 * diary_kinds[]. Who may write is authz's (authz_diary_write).
 */
#ifndef KW_CORE_DIARY_H
#define KW_CORE_DIARY_H

#include "core.h"
#include "date.h"

enum diary_kind {
	DIARY_MEAL,
	DIARY_DRINK,
	DIARY_SLEEP,
	DIARY_NAPPY,
	DIARY_TOILET,
	DIARY_ACTIVITY,
	DIARY_MOOD,
	DIARY_NOTE,
	DIARY_KIND__MAX
};

struct diary_kind_def {
	const char *name, *label;
	const char *const *items; /* NULL-ended choices of item, or NULL: no item */
	int item_required;
	int amount;       /* takes how much: all, most, some, none (required) */
	int span;         /* a time from and to (sleep) */
	int needs_detail; /* words are the entry (activity, note) */
};
extern const struct diary_kind_def diary_kinds[DIARY_KIND__MAX];
extern const char *const diary_amounts[]; /* all, most, some, none; NULL-ended */

#define DIARY_DETAIL_MAX 1000
#define DIARY_ROWS_MAX 200

/* One entry as typed (raw text; "" for not given). */
struct diary_new {
	int64_t child_id;
	const char *kind, *item, *amount;
	const char *time, *end; /* HH:MM */
	const char *detail;     /* the practitioner's words */
};

struct diary_entry {
	int64_t id, child_id;
	const char *date, *kind, *item, *amount, *detail, *author;
	int start_min, end_min; /* -1 when not given */
	int64_t created_at, published_at;
};

/* Is the setting's diary published as each entry is written? */
int core_diary_at_once(struct store *s, int64_t setting_id);
int core_diary_set_mode(struct store *s, const struct actor *who, const char *mode,
                        struct op_error *e) WARN_UNUSED;
/* Add rows[0..n) for day, all or nothing: the first wrong row is OP_INVALID
 * with e->field the field (kind, item, amount, time, end, detail) and
 * *bad_row its number from 1. */
int core_diary_add(struct store *s, const struct actor *who, int day, int64_t author_staff,
                   const struct diary_new *rows, size_t n, size_t *bad_row,
                   struct op_error *e) WARN_UNUSED;
/* Publish the day's unpublished entries of child_id (0: every child);
 * with up_to, every unpublished entry of day and the days before. */
int core_diary_publish(struct store *s, const struct actor *who, int day, int64_t child_id,
                       int up_to, int *count, struct op_error *e) WARN_UNUSED;
/* The day's entries of child_id (0: every child), by child and time. */
int core_diary_day(struct store *s, int64_t setting_id, int day, int64_t child_id, struct arena *a,
                   struct diary_entry **out, size_t *n, struct op_error *e) WARN_UNUSED;
/* Demo data: yesterday's and today's diary for one room (yesterday's published). */
int core_diary_demo(struct store *s, const struct actor *who, int today,
                    struct op_error *e) WARN_UNUSED;

#endif
