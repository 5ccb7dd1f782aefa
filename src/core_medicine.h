/*
 * core_medicine.h — medicines given at the setting (issue 8, docs/medicine.md).
 *
 * A parent's permission: the medicine, the dose, the times of day it is due
 * ("12:00", "08:30,12:00") or "when needed" with the reason and the least
 * time between two doses, the dates it runs from and until, the contact
 * with parental responsibility who gave it and the date they signed. A
 * parent gives it in the portal for their own child; a member of staff
 * records one given on paper. After its last day it can no longer be used.
 *
 * Each dose given: when, how much, who gave it and who witnessed it (another
 * member of staff), notes. Doses are appended, never changed (the schema
 * refuses it): a mistake is put right by a new entry naming the one it
 * corrects, which then counts in its place. A dose outside its permission
 * (before its first day, after its last, in the future, or a "when needed"
 * dose sooner than the least interval after another) is refused with the
 * reason. The family acknowledges each dose once (in the portal, or on
 * paper at collection, recorded by staff).
 *
 * The due-now list of a room: for a date and a time, each child present
 * (signed in on the register that day) or expected (their usual day or a
 * booking, and no absence) with a dose of a daily permission due within
 * the next MEDICINE_DUE_AHEAD_MIN minutes or overdue, and not yet given.
 * The dose due at time t is given by any dose of that permission from
 * t - MEDICINE_DUE_AHEAD_MIN until the next time's window opens.
 *
 * Callers authorize (authz_medicine_*) and open the transaction.
 */
#ifndef KW_CORE_MEDICINE_H
#define KW_CORE_MEDICINE_H

#include "core.h"
#include "valid.h"

#define MEDICINE_DUE_AHEAD_MIN 60
#define MEDICINE_MAX_TIMES 8

enum medicine_permission_field {
	MEDP_MEDICINE,
	MEDP_DOSE,
	MEDP_WHEN_NEEDED,
	MEDP_TIMES,
	MEDP_REASON,
	MEDP_INTERVAL, /* hours, e.g. 4 or 4.5 */
	MEDP_FROM,
	MEDP_UNTIL,
	MEDP_CONTACT,
	MEDP_SIGNED,
	MEDP_PRESCRIBED,
	MEDP__MAX
};
enum medicine_dose_field {
	MEDD_PERMISSION,
	MEDD_DATE,
	MEDD_TIME,
	MEDD_DOSE,
	MEDD_GIVEN_BY,
	MEDD_WITNESS,
	MEDD_NOTES,
	MEDD_CORRECTS,
	MEDD__MAX
};

extern const struct field_spec core_medicine_permission_fields[MEDP__MAX];
extern const struct field_spec core_medicine_dose_fields[MEDD__MAX];

/* Record a permission for child_id; source "portal" (the contact is the
 * parent who is signed in) or "paper". 422 naming the field when it is
 * incomplete or the contact has no parental responsibility for the child. */
int core_medicine_permission_add(struct store *s, const struct actor *who, int64_t child_id,
                                 const struct field_value *v, const char *source, int64_t *id,
                                 struct op_error *e) WARN_UNUSED;
/* Record a dose given to child_id (its date and time are local to tz; now
 * is the present instant). 404 when the permission is not the child's. */
int core_medicine_dose_add(struct store *s, const struct actor *who, int64_t child_id,
                           const struct field_value *v, const char *tz, int64_t now, int64_t *id,
                           struct op_error *e) WARN_UNUSED;
/* The family's acknowledgement of a dose of child_id: by (a name) and how
 * ("portal" or "paper"). 404 when the dose is not the child's; 409 when it
 * was acknowledged already. */
int core_medicine_ack(struct store *s, const struct actor *who, int64_t child_id, int64_t dose_id,
                      const char *by, const char *how, int64_t now, struct op_error *e) WARN_UNUSED;

struct medicine_permission_row {
	int64_t id;
	const char *medicine, *dose, *times, *reason, *from, *until, *signed_on, *source;
	const char *contact, *relationship;
	int prescribed, when_needed, interval_min;
	int expired, not_yet; /* until before today / from after today */
};
struct medicine_dose_row {
	int64_t id, permission_id, corrects_id;
	const char *medicine, *dose, *given_by, *witness, *notes, *ack_by, *ack_how;
	int64_t given_at, ack_at;
	int corrected; /* a later entry corrects this one */
};
struct medicine_view {
	struct medicine_permission_row *permissions;
	size_t npermissions;
	struct medicine_dose_row *doses; /* newest first */
	size_t ndoses;
};
int core_medicine_load(struct store *s, int64_t setting_id, int64_t child_id, int today,
                       struct arena *a, struct medicine_view *out, struct op_error *e) WARN_UNUSED;

struct medicine_due_row {
	int64_t child_id, permission_id;
	const char *child, *room, *medicine, *dose, *key_person;
	int at;      /* minutes: the time the dose is due */
	int overdue; /* the time has passed */
};
/* The doses due in room_id (0: every room) on day at minute. */
int core_medicine_due(struct store *s, int64_t setting_id, int64_t room_id, int day, int minute,
                      const char *tz, struct arena *a, struct medicine_due_row **out, size_t *n,
                      struct op_error *e) WARN_UNUSED;

/* Parse "HH:MM,HH:MM" into sorted minutes; the count, or -1 when malformed. */
int core_medicine_times(const char *text, int *mins, int max);

/* The demo: a daily inhaler at 12:00 and a "when needed" Calpol, with a few
 * doses given and witnessed (today is the demo's first day). */
int core_medicine_demo(struct store *s, const struct actor *who, int today,
                       struct op_error *e) WARN_UNUSED;

#endif
