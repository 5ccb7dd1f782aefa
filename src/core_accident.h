/*
 * core_accident.h — accidents, incidents and injuries noticed on arrival
 * (issue 8, docs/accidents.md). A record says when and where, what
 * happened, where on the body (one or more body map regions, the keys of
 * core_concern_regions separated by spaces), the first aid given and by
 * whom — a member of staff whose paediatric first aid certificate is valid
 * on the day, or the record is refused naming "first_aider" — and the
 * witnesses. An injury noticed on arrival ("existing_injury") is recorded
 * at the greeting with the parent's account of it. Afterwards: that the
 * parent was told (when, by whom), and the parent's acknowledgement (their
 * name, on the staff's screen or in the portal). A record may be
 * notifiable to Ofsted (within 14 days, the day of the incident being day
 * 1: the deadline is that day + 13) and reportable under RIDDOR (reported
 * within 10 days); a manager marks each notification made.
 *
 * The pattern the DSL sees: injuries (accidents and injuries on arrival,
 * not other incidents) of the same child counted over a window of days
 * ending today; ACCIDENT_PATTERN_COUNT in ACCIDENT_PATTERN_DAYS by default.
 *
 * Writes run in the caller's transaction with their audit row; reads do
 * not audit (the page, API or portal audits its restricted read first).
 * Who may call what is decided in authz.c (authz_accident_*).
 */
#ifndef KW_CORE_ACCIDENT_H
#define KW_CORE_ACCIDENT_H

#include "arena.h"
#include "core.h"
#include "valid.h"

/* The rule for repeated injuries: this many in this many days (8 weeks). */
#define ACCIDENT_PATTERN_COUNT 3
#define ACCIDENT_PATTERN_DAYS 56
#define ACCIDENT_OFSTED_DAYS \
	13 /* the deadline: the incident's day + 13 (14 days, day 1 included) */
#define ACCIDENT_RIDDOR_DAYS 10

enum accident_field {
	ACC_KIND,
	ACC_DATE,
	ACC_TIME,
	ACC_LOCATION,
	ACC_WHAT,
	ACC_REGIONS,
	ACC_FIRST_AID,
	ACC_FIRST_AIDER,
	ACC_WITNESSES,
	ACC_PARENT_ACCOUNT,
	ACC_NOTIFIABLE,
	ACC_RIDDOR,
	ACC__MAX
};
extern const struct field_spec core_accident_fields[ACC__MAX];

/* Words for a kind ("accident", "incident", "existing_injury"). */
const char *core_accident_kind_words(const char *kind);
/* Is regions a list of known body map regions, each once ("" is none)? */
int core_accident_regions_ok(const char *regions);
/* "head and face, left arm" for "face left_arm" (in a). */
const char *core_accident_region_labels(struct arena *a, const char *regions);

/* Record one (validated v); not in the future. */
int core_accident_add(struct store *s, const struct actor *who, int64_t child_id,
                      const struct field_value *v, int64_t *id, struct op_error *e) WARN_UNUSED;
/* The parent was told at (day, minute) by who: once; not before the accident. */
int core_accident_parent_told(struct store *s, const struct actor *who, int64_t child_id,
                              int64_t accident_id, int day, int minute,
                              struct op_error *e) WARN_UNUSED;
/* The parent's acknowledgement: their name, on screen (contact_id 0) or in
 * the portal (the contact's id); once. */
int core_accident_acknowledge(struct store *s, const struct actor *who, int64_t child_id,
                              int64_t accident_id, const char *name, int64_t contact_id,
                              struct op_error *e) WARN_UNUSED;
/* A notification made: body "ofsted" or "riddor"; only of a record flagged so, once. */
int core_accident_notified(struct store *s, const struct actor *who, int64_t child_id,
                           int64_t accident_id, const char *body, struct op_error *e) WARN_UNUSED;

struct accident {
	int64_t id, child_id;
	const char *child, *room, *kind, *location, *what, *regions, *first_aid, *first_aider,
	    *witnesses, *parent_account, *told_by, *ack_name, *ack_how, *recorded_by;
	int64_t occurred_at, told_at, ack_at, notified_at, riddor_at, created_at;
	int notifiable, riddor;
	int day;                              /* the local day it happened */
	int ofsted_deadline, riddor_deadline; /* days */
};

/* The child of accident_id in the setting, or 0. */
int64_t core_accident_child_of(struct store *s, int64_t setting_id, int64_t accident_id);
/* One child's records, latest first. */
int core_accident_child(struct store *s, int64_t setting_id, const char *tz, int64_t child_id,
                        struct arena *a, struct accident **out, size_t *n,
                        struct op_error *e) WARN_UNUSED;
/* The setting's records of the last days up to today, and any older one
 * with a notification still to make; latest first. */
int core_accident_setting(struct store *s, int64_t setting_id, const char *tz, int today, int days,
                          struct arena *a, struct accident **out, size_t *n,
                          struct op_error *e) WARN_UNUSED;
/* Is the notification overdue on today (flagged, not made, deadline passed)? */
int core_accident_ofsted_overdue(const struct accident *x, int today);
int core_accident_riddor_overdue(const struct accident *x, int today);

struct injury_pattern {
	int64_t child_id;
	const char *child, *room;
	int count;
	const char *regions; /* every region of the window's injuries, once each, space separated */
	struct accident *injuries;
};
/* Children with at least count injuries in the days days ending on today
 * (today - days + 1 .. today, in the setting's time zone). */
int core_accident_patterns(struct store *s, int64_t setting_id, const char *tz, int today,
                           int count, int days, struct arena *a, struct injury_pattern **out,
                           size_t *n, struct op_error *e) WARN_UNUSED;

/* The demo's records (core_demo.c), relative to today, in the caller's transaction. */
int core_accident_demo(struct store *s, const struct actor *demo, int today,
                       struct op_error *e) WARN_UNUSED;

#endif
