/*
 * core_supervision.h — staff supervision (EYFS 2024: 3.29): one-to-ones on
 * a schedule, every supervision_weeks (6 unless set) for each member of
 * staff: notes, wellbeing, the key children discussed, training needs and
 * actions. A supervision is due supervision_weeks after the last one, and
 * overdue the day after that; someone never supervised is overdue.
 * Callers authorize (authz_supervision_*) and open the transaction.
 */
#ifndef KW_CORE_SUPERVISION_H
#define KW_CORE_SUPERVISION_H

#include "core.h"
#include "valid.h"

#define SUPERVISION_WEEKS 6

enum sup_field { SUP_DATE, SUP_NOTES, SUP_WELLBEING, SUP_TRAINING, SUP_ACTIONS, SUP__MAX };
extern const struct field_spec core_supervision_fields[SUP__MAX];
extern const struct field_spec core_supervision_weeks_field;

/* The day the next supervision is due after one on last (a day). */
int core_supervision_due_on(int last, int weeks);
/* Is a supervision overdue on day? last < 0: never supervised. */
int core_supervision_overdue(int last, int weeks, int day);

/* Record a supervision of staff_id by supervisor_staff_id (0: none on the
 * staff) with the key children discussed. */
int core_supervision_add(struct store *s, const struct actor *who, int64_t staff_id,
                         int64_t supervisor_staff_id, const struct field_value *v,
                         const int64_t *children, size_t nchildren, int64_t *id,
                         struct op_error *e) WARN_UNUSED;
int core_supervision_set_weeks(struct store *s, const struct actor *who, int64_t staff_id,
                               int weeks, struct op_error *e) WARN_UNUSED;

struct sup_child {
	int64_t id;
	const char *name;
};
struct sup_row {
	int64_t id;
	const char *date, *supervisor, *notes, *wellbeing, *training, *actions, *next_due;
	struct sup_child *children;
	size_t nchildren;
};
struct sup_staff {
	int64_t id;
	const char *code, *name;
	int weeks;
	const char *last;   /* "" when never */
	const char *due_on; /* "" when never */
	int overdue;
};
/* The member of staff (404 when not of the setting), their records (newest first). */
int core_supervision_list(struct store *s, int64_t setting_id, int64_t staff_id, int day,
                          struct arena *a, struct sup_staff *who_out, struct sup_row **out,
                          size_t *n, struct op_error *e) WARN_UNUSED;
/* Everyone on the staff on day with their last supervision and when the next is due. */
int core_supervision_due(struct store *s, int64_t setting_id, int day, struct arena *a,
                         struct sup_staff **out, size_t *n, struct op_error *e) WARN_UNUSED;
/* The staff member's key children today (to tick those discussed). */
int core_supervision_key_children(struct store *s, int64_t setting_id, int64_t staff_id, int day,
                                  struct arena *a, struct sup_child **out, size_t *n,
                                  struct op_error *e) WARN_UNUSED;

/* Record a look at staff_id's supervision records (a transaction of its
 * own, like audit_read); when it cannot be recorded, show nothing. */
int core_supervision_audit_read(struct store *s, const struct actor *who, int64_t staff_id,
                                struct op_error *e) WARN_UNUSED;

/* The demo: a supervision for everyone (one overdue) — from core_sen_demo. */
int core_supervision_demo(struct store *s, const struct actor *who, int today,
                          struct op_error *e) WARN_UNUSED;

#endif
