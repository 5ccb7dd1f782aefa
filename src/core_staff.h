/*
 * core_staff.h — members of staff, their rooms (the first is the home
 * room), languages, contracted weekly pattern; the rota (shifts on dates)
 * and staff absences.
 */
#ifndef KW_CORE_STAFF_H
#define KW_CORE_STAFF_H

#include "core.h"
#include "valid.h"

enum staff_field {
	STAFF_ID, /* the setting's own code for the person, e.g. S01 */
	STAFF_NAME,
	STAFF_JOB_TITLE,
	STAFF_ROOMS,
	STAFF_QUALIFICATION,
	STAFF_QUALIFICATION_NAME,
	STAFF_STUDENT,
	STAFF_PFA_EXPIRES,
	STAFF_DBS_DATE,
	STAFF_EXPERIENCE_START,
	STAFF_LANGUAGES,
	STAFF_SEN_TRAINED,
	STAFF_KEY_PERSON,
	STAFF_MAX_PRIMARY,
	STAFF_MAX_SECONDARY,
	STAFF_DSL,
	STAFF_SENCO,
	STAFF_EMAIL,
	STAFF_PHONE,
	STAFF_START_DATE,
	STAFF_LEAVING_DATE,
	STAFF_BABY_TRAINED, /* trained in the care of babies (EYFS: half of the staff with under-2s)
	                     */
	STAFF_MON,
	STAFF_TUE,
	STAFF_WED,
	STAFF_THU,
	STAFF_FRI,
	STAFF_SAT,
	STAFF_SUN,
	STAFF__MAX
};
extern const struct field_spec core_staff_fields[STAFF__MAX];

int core_staff_add(struct store *s, const struct actor *who, const struct field_value *v,
                   int64_t *id, struct op_error *e) WARN_UNUSED;
/* Staff id by code, or 0. */
int64_t core_staff_find(struct store *s, int64_t setting_id, const char *code);

enum shift_field { SHIFT_STAFF, SHIFT_DATE, SHIFT_START, SHIFT_END, SHIFT_ROOM, SHIFT__MAX };
extern const struct field_spec core_shift_fields[SHIFT__MAX];
int core_shift_add(struct store *s, const struct actor *who, const struct field_value *v,
                   int64_t *id, struct op_error *e) WARN_UNUSED;
/* The same, published (on the rota for everyone) or a draft (published 0). */
int core_shift_insert(struct store *s, const struct actor *who, const struct field_value *v,
                      int published, int64_t *id, struct op_error *e) WARN_UNUSED;

enum absence_field {
	ABSENCE_STAFF,
	ABSENCE_FROM,
	ABSENCE_TO,
	ABSENCE_REASON,
	ABSENCE_NOTE,
	ABSENCE__MAX
};
extern const struct field_spec core_absence_fields[ABSENCE__MAX];
int core_absence_add(struct store *s, const struct actor *who, const struct field_value *v,
                     int64_t *id, struct op_error *e) WARN_UNUSED;

#endif
