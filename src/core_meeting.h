/*
 * core_meeting.h — progress meetings with the family: scheduled at a time
 * and by a method that suit them (the contacts' preferred method and time
 * are offered first), held with notes, next steps and targets, and each
 * new meeting reviews the last one held (reviews_meeting_id), so the
 * targets agreed last time are looked at again. The upcoming list is what
 * the staff and the portal show.
 */
#ifndef KW_CORE_MEETING_H
#define KW_CORE_MEETING_H

#include "core.h"
#include "date.h"
#include "valid.h"

enum meeting_field { MEETING_DATE, MEETING_TIME, MEETING_METHOD, MEETING_WITH, MEETING__MAX };
extern const struct field_spec core_meeting_fields[MEETING__MAX];

enum meeting_notes_field {
	MEETING_NOTES,
	MEETING_NEXT_STEPS,
	MEETING_TARGETS,
	MEETING_STATUS,
	MEETING_NOTES__MAX
};
extern const struct field_spec core_meeting_notes_fields[MEETING_NOTES__MAX];

struct meeting {
	int64_t id, child_id, reviews_id;
	int64_t at;
	const char *method, *with, *notes, *next_steps, *targets, *status, *staff, *child;
};

/* The family's preferred method (in the meeting's terms) and time, from the
 * first contact with parental responsibility; "" when nobody said. */
void core_meeting_preference(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                             const char **method, const char **time, const char **with);
int core_meeting_schedule(struct store *s, const struct actor *who, int64_t child_id,
                          int64_t staff_id, const struct field_value *v, const char *tz,
                          int64_t *id, struct op_error *e) WARN_UNUSED;
int core_meeting_record(struct store *s, const struct actor *who, int64_t meeting_id,
                        int64_t child_id, const struct field_value *v,
                        struct op_error *e) WARN_UNUSED;
/* The child of a meeting, or 0. */
int64_t core_meeting_child(struct store *s, int64_t setting_id, int64_t meeting_id);
/* Meetings of child_id (0: every child) from the instant from on; with
 * scheduled_only, only those still to be held. */
int core_meeting_list(struct store *s, int64_t setting_id, int64_t child_id, int64_t from,
                      int scheduled_only, struct arena *a, struct meeting **out, size_t *n,
                      struct op_error *e) WARN_UNUSED;

#endif
