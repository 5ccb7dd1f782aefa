/*
 * core_transition.h — transitions: a room move on a date, with the new key
 * person and buddy, settling visits to the new room and a handover note
 * from the old key person; or leaving, with a transfer record for the next
 * setting or school.
 *
 * The new key person and buddy are suggested by the planner
 * (core_transition_plan.c: the setting planned with the moving child added
 * to the new room and everyone else locked to their pair), and only when it
 * cannot, by a simple rule: the
 * key person is the member of staff of the new room who is a key person,
 * has room under their cap (max_primary) and has the fewest key children;
 * the buddy is another member of the new room with the fewest buddy
 * children, and when the key person is new to the work (below Level 3 or
 * under two years' experience) a Level 3 or above, so that a junior is
 * always paired with someone experienced (the planner's mentoring rule).
 *
 * A room move is applied on or after its date (never before: until then
 * it is a plan): the key assignment changes from its date, history kept
 * (core_key_assign), and the child's room changes. Leaving sets the
 * leaving date. The transfer record (summary, development: the latest
 * final check at two and the progress meetings; the SEN summary if any;
 * the key person's notes) is given only with the family's consent to share
 * with the next setting in force, and each export is audited.
 */
#ifndef KW_CORE_TRANSITION_H
#define KW_CORE_TRANSITION_H

#include <jansson.h>

#include "core.h"
#include "date.h"
#include "valid.h"

enum transition_field {
	TRANSITION_KIND,
	TRANSITION_DATE,
	TRANSITION_TO_ROOM,
	TRANSITION_KEY_PERSON, /* staff id (code); empty: the suggestion */
	TRANSITION_BUDDY,
	TRANSITION_NOTE,
	TRANSITION_DESTINATION,
	TRANSITION__MAX
};
extern const struct field_spec core_transition_fields[TRANSITION__MAX];

enum visit_field { VISIT_DATE, VISIT_TIME, VISIT_NOTES, VISIT__MAX };
extern const struct field_spec core_visit_fields[VISIT__MAX];

struct transition {
	int64_t id, to_room_id, primary_id, secondary_id, applied_at;
	const char *kind, *date, *from_room, *to_room, *primary, *secondary, *note, *destination;
};
struct transition_visit {
	int64_t transition_id;
	const char *date, *staff, *notes;
	int start_min, end_min;
};

/* The suggested key person and buddy in room_id on day (0 when nobody fits). */
void core_transition_suggest(struct store *s, int64_t setting_id, int64_t room_id, int day,
                             int64_t *primary, int64_t *secondary);
/* The planner's key person and buddy for child_id moving to room_id (named
 * room) on day: every other child locked to their pair, the planner chooses
 * the child's under the rules of whole key groups (caps, mentoring,
 * siblings, language, SEN, times in). Returns 1 when the planner chose;
 * 0 when it could not and the simple rule above chose, with the reason in
 * why. With result, the planner's result (caller decrefs; NULL when none). */
int core_transition_plan_suggest(struct store *s, int64_t setting_id, int64_t child_id,
                                 int64_t room_id, int day, int64_t *primary, int64_t *secondary,
                                 char *why, size_t n, json_t **result);
/* Who chose a transition's key person and buddy: "planner", "rule", "" (named). */
int core_transition_suggested_set(struct store *s, int64_t setting_id, int64_t transition_id,
                                  const char *by, struct op_error *e) WARN_UNUSED;
const char *core_transition_suggested_by(struct store *s, int64_t setting_id, int64_t transition_id,
                                         struct arena *a);
int core_transition_add(struct store *s, const struct actor *who, int64_t child_id,
                        const struct field_value *v, int64_t *id, struct op_error *e) WARN_UNUSED;
/* The child of a transition, or 0. */
int64_t core_transition_child(struct store *s, int64_t setting_id, int64_t transition_id);
int core_transition_note(struct store *s, const struct actor *who, int64_t transition_id,
                         int64_t child_id, const char *note, struct op_error *e) WARN_UNUSED;
int core_transition_visit(struct store *s, const struct actor *who, int64_t transition_id,
                          int64_t child_id, const struct field_value *v,
                          struct op_error *e) WARN_UNUSED;
/* Apply on day (today): refused before the transition's date. */
int core_transition_apply(struct store *s, const struct actor *who, int64_t transition_id, int day,
                          struct op_error *e) WARN_UNUSED;
int core_transition_list(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                         struct transition **out, size_t *n, struct transition_visit **visits,
                         size_t *nvisits, struct op_error *e) WARN_UNUSED;
/* The transfer record of the child as JSON (new reference), audited in a
 * transaction of its own: 409 without the consent to share with the next
 * setting. */
int core_transition_transfer(struct store *s, const struct actor *who, int64_t child_id, int day,
                             json_t **out, struct op_error *e) WARN_UNUSED;

#endif
