/*
 * core_register.h — the daily register (EYFS 2024: 3.86): children signed in
 * and out with the time, who recorded it, the key person in charge and who
 * collected; staff signed in and out; the printable register of a day (as
 * data, JSON and CSV); and the follow-up of unexplained absence.
 *
 * Rows are never changed: a late correction is a new row naming the row it
 * corrects (corrects_id), recorded by whoever corrected it, so the register
 * as it stands is the rows no later row corrects (core_register_effective),
 * and the original time stays visible. Each person's entries of a day must
 * alternate in, out, in, out ... in time order: a second sign-in with no
 * sign-out between is refused (409). Every write runs in the caller's
 * transaction, which core_tx_begin opens with BEGIN IMMEDIATE: the check of
 * the day's entries and the insert happen under the database's write lock,
 * so two tablets signing the same child in at once cannot both succeed.
 *
 * Collection: a child is handed over only to a contact of the child's
 * family who may collect (may_collect = 1; the schema allows that only with
 * no restriction or 'no_information'). Anyone else needs an override: a
 * reason, confirmed with the family's collection password (Argon2id, as
 * core_password_verify); the override and its reason are kept with the entry
 * and in the audit log. A contact with a 'no_collect' or 'no_contact'
 * restriction is refused outright (403): a court order is not something a
 * password can lift.
 *
 * The key person in charge, recorded with each entry: the child's key person
 * if on shift at that moment (the greet and hand-over rule of core_today.h),
 * else the buddy, else the member of staff who signs the child in or out.
 */
#ifndef KW_CORE_REGISTER_H
#define KW_CORE_REGISTER_H

#include <jansson.h>

#include "buf.h"
#include "core.h"
#include "date.h"

/* Minutes after the usual arrival before a child not signed in is listed. */
#define REGISTER_GRACE_MIN 30
/* Weeks over which absences are counted, and the count that is "repeated". */
#define REGISTER_ABSENCE_WEEKS 6
#define REGISTER_REPEATED_ABSENCES 3

enum register_event { REGISTER_IN, REGISTER_OUT, REGISTER_EVENT__MAX };
extern const char *const register_event_names[REGISTER_EVENT__MAX]; /* "in", "out" */

/* One row of register_child or register_staff, as the effective-register
 * and alternation rules need it. */
struct register_row {
	int64_t id, person_id, corrects_id; /* corrects_id 0 for an original entry */
	int64_t first_id; /* the original entry a chain of corrections began with (set by
	                     core_register_effective): entries of one minute keep the order
	                     they were first made in, however often corrected */
	enum register_event event;
	int64_t at; /* UTC instant */
	int minute; /* minute of the local day (0..1440) */
};

/* Keep only the rows no other row corrects (the register as it stands), in
 * (person, time, first_id) order; returns how many are kept. */
size_t core_register_effective(struct register_row *rows, size_t n);
/* Minute of the local day of instant at, for day in time zone tz (counted
 * from noon, so a change of the clocks in the small hours does not shift
 * the day's times), clamped to 0..1440. */
int core_register_minute(int64_t at, int day, const char *tz);

struct register_child_entry {
	int64_t child_id;
	enum register_event event;
	int day, minute;               /* local date and time of the entry */
	int64_t by_staff_id;           /* who signs in or out; 0: the signed-in user's staff */
	int64_t collected_by_contact;  /* out: the contact who collected */
	const char *collected_by_name; /* out: someone who is not a contact (needs an override) */
	const char *override_reason;   /* out: why a collector not allowed to collect is accepted */
	const char *password; /* out: the family's collection password, with the override */
	const char *note;
};

int core_register_child(struct store *s, const struct actor *who,
                        const struct register_child_entry *in, int64_t *id,
                        struct op_error *e) WARN_UNUSED;
/* Correct entry_id's time (the date stays): a new row, by who, now. */
int core_register_child_correct(struct store *s, const struct actor *who, int64_t entry_id,
                                int minute, const char *note, int64_t *id,
                                struct op_error *e) WARN_UNUSED;
int core_register_staff(struct store *s, const struct actor *who, int64_t staff_id,
                        enum register_event event, int day, int minute, int64_t *id,
                        struct op_error *e) WARN_UNUSED;
int core_register_staff_correct(struct store *s, const struct actor *who, int64_t entry_id,
                                int minute, int64_t *id, struct op_error *e) WARN_UNUSED;

/* Set a contact's collection password (4 to 128 characters; Argon2id). */
int core_register_set_collection_password(struct store *s, const struct actor *who,
                                          int64_t contact_id, const char *password,
                                          struct op_error *e) WARN_UNUSED;

/* Record the outcome of following up an absence: a child_absence row
 * (reason as the schema lists them, 'unexplained' when the family could not
 * say), notified 0, with what was done in follow_up. */
int core_register_absence(struct store *s, const struct actor *who, int64_t child_id, int day,
                          const char *reason, const char *follow_up, int64_t *id,
                          struct op_error *e) WARN_UNUSED;

/* ---- the printable register of a day ---- */

struct register_session {
	int64_t in_id, out_id;           /* entries (0 when missing) */
	int in, out;                     /* minutes; -1 when missing (still here, or no sign-in) */
	const char *key_person;          /* name of the key person in charge at sign-in, or "" */
	const char *key_person_out;      /* ... at sign-out */
	const char *in_by, *out_by;      /* who recorded them (user), "" for the command line */
	const char *collected_by;        /* name, "" */
	const char *collection_override; /* the override's reason, "" */
	const char *corrections; /* "in corrected from 08:00 by X at 2026-03-02 10:05", "" */
};

struct register_person {
	int64_t id;
	const char *code, *name, *room; /* room "" for staff */
	struct register_session *sessions;
	size_t nsessions;
	int minutes; /* of the sessions with both times */
};

struct register_absence {
	int64_t child_id;
	const char *code, *name, *room, *reason, *note, *follow_up;
	int notified;
};

struct register_day {
	int day;
	char date[DATE_LEN];
	struct register_person *children; /* by room (youngest first), then name */
	size_t nchildren;
	struct register_person *staff; /* by name */
	size_t nstaff;
	struct register_absence *absences;
	size_t nabsences;
	struct arena arena;
};

int core_register_load(struct store *s, int64_t setting_id, int day, struct register_day *r,
                       struct op_error *e) WARN_UNUSED;
void core_register_free(struct register_day *r);
/* {"date", "children": [person], "staff": [person], "absences": [...]}; a
 * person is {"id", "name", "room", "minutes", "sessions": [{"in", "out",
 * "key_person", "in_by", "out_by", "collected_by", "collection_override",
 * "corrections", "in_entry", "out_entry"}]}. The caller owns the result. */
json_t *core_register_json(const struct register_day *r);
/* One CSV row per session, children then staff, with the header
 * date,kind,id,name,room,in,out,hours,key_person,collected_by,
 * collection_override,recorded_by,corrections. 0, or -1 when out is full. */
int core_register_csv(const struct register_day *r, struct buf *out) WARN_UNUSED;

/* ---- unexplained absence ---- */

struct register_missing {
	int64_t child_id;
	const char *code, *name, *room;
	int arrive;             /* the usual (or booked) arrival, minutes */
	const char *key_person; /* who greets (key person or buddy), "" for nobody */
	const char
	    *contacts; /* "Name (relationship) phone; ..." of the family, no restricted ones */
	int absences, unexplained; /* over the last REGISTER_ABSENCE_WEEKS weeks */
};

struct register_absence_count {
	int64_t child_id;
	const char *code, *name, *room;
	int absences, unexplained;
};

/* Children expected on day (core_today) not signed in by their arrival +
 * REGISTER_GRACE_MIN at minute at, and no absence recorded; and every child
 * with an absence in the weeks up to day (most absences first). Strings live
 * in a. */
int core_register_missing(struct store *s, int64_t setting_id, int day, int at, int weeks,
                          struct arena *a, struct register_missing **missing, size_t *nmissing,
                          struct register_absence_count **counts, size_t *ncounts,
                          struct op_error *e) WARN_UNUSED;

#endif
