/*
 * core_message.h — the message book: short messages for a child, a room or
 * a key group (the key person's children), from a parent at drop-off
 * (entered by staff on their behalf, source "parent") or from staff
 * ("Grandma collecting", "slept badly", "Calpol at 7am"). A message belongs
 * to its day (for_date); one written after 16:00 (MESSAGE_EVENING_MIN, the
 * setting's local time) also shows the next day, so the evening's messages
 * reach the early shift.
 *
 * Handover: before leaving, a practitioner hands over the day's messages of
 * their key children and key group to a named member of staff (the buddy
 * or the next person in): each becomes a handover_ack row for that person
 * with at = 0 (pending) until they acknowledge it (at = the instant).
 * Unacknowledged handovers are listed oldest first for the manager.
 *
 * Every write runs in the caller's transaction with its audit row; who may
 * read or write which message is decided in authz.c, not here.
 */
#ifndef KW_CORE_MESSAGE_H
#define KW_CORE_MESSAGE_H

#include "core.h"
#include "date.h"

#define MESSAGE_EVENING_MIN (16 * 60)
#define MESSAGE_TEXT_MAX 4000

struct message_new {
	int64_t child_id, room_id, key_person_id; /* exactly one set */
	int day;                                  /* for_date */
	const char *source;                       /* "staff" or "parent" */
	const char *author;                       /* shown with the message */
	const char *text;                         /* 1..4000 characters */
};

struct message {
	int64_t id, child_id, room_id, key_person_id;
	int64_t in_room; /* the child's room, or the message's room; 0 for a key group */
	const char *for_date, *source, *author, *text;
	const char *child, *room, *key_person; /* names, "" when not that kind */
	int64_t created_at;
	int evening; /* from the evening before */
};

struct message_pending {
	int64_t message_id, child_id, staff_id;
	const char *for_date, *text, *staff, *child, *room, *key_person;
	int64_t created_at;
};

int core_message_add(struct store *s, const struct actor *who, const struct message_new *in,
                     int64_t *id, struct op_error *e) WARN_UNUSED;
/* The messages shown on day: its own, and the evening's of the day before. */
int core_message_day(struct store *s, int64_t setting_id, int day, const char *tz, struct arena *a,
                     struct message **out, size_t *n, struct op_error *e) WARN_UNUSED;
/* Hand over day's messages of from_staff's key children and key group to
 * to_staff; *count of items handed over (0 when nothing new). */
int core_message_handover(struct store *s, const struct actor *who, int64_t from_staff,
                          int64_t to_staff, int day, const char *tz, size_t *count,
                          struct op_error *e) WARN_UNUSED;
/* staff_id acknowledges a message handed over to them: 404 when it was not, 409 twice. */
int core_message_ack(struct store *s, const struct actor *who, int64_t message_id, int64_t staff_id,
                     struct op_error *e) WARN_UNUSED;
/* Handovers not yet acknowledged, oldest first; staff_id 0 for everyone's. */
int core_message_pending(struct store *s, int64_t setting_id, int64_t staff_id, struct arena *a,
                         struct message_pending **out, size_t *n, struct op_error *e) WARN_UNUSED;

#endif
