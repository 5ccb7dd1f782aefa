/*
 * core_medicine.c — the medicines of core_medicine.h: field tables, the
 * writes (a permission, a dose, the family's acknowledgement; each with its
 * audit row), a child's medicines, the due-now list of a room and the
 * demo's records.
 *
 * The due-now list is two queries whatever the size of the room: the daily
 * permissions in force of the children present or expected, then every dose
 * of the day (corrected entries left out); each permission's times are then
 * matched with its doses in memory: the dose due at times[i] is given by a
 * dose from times[i] - MEDICINE_DUE_AHEAD_MIN up to times[i+1] -
 * MEDICINE_DUE_AHEAD_MIN (the end of the day for the last).
 */
#include "core_medicine.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "date.h"

const struct field_spec core_medicine_permission_fields[MEDP__MAX] = {
    [MEDP_MEDICINE] = {"medicine", F_LINE, 1, 0, 200, NULL},
    [MEDP_DOSE] = {"dose", F_LINE, 1, 0, 200, NULL},
    [MEDP_WHEN_NEEDED] = {"when_needed", F_BOOL, 0, 0, 0, NULL},
    [MEDP_TIMES] = {"times", F_LINE, 0, 0, 100, NULL},
    [MEDP_REASON] = {"reason", F_LINE, 0, 0, 200, NULL},
    [MEDP_INTERVAL] = {"min_interval_hours", F_NUM, 0, 0, 24, NULL},
    [MEDP_FROM] = {"from_date", F_DATE, 1, 0, 0, NULL},
    [MEDP_UNTIL] = {"until_date", F_DATE, 1, 0, 0, NULL},
    [MEDP_CONTACT] = {"contact", F_INT, 1, 1, INT32_MAX, NULL},
    [MEDP_SIGNED] = {"signed_on", F_DATE, 1, 0, 0, NULL},
    [MEDP_PRESCRIBED] = {"prescribed", F_BOOL, 0, 0, 0, NULL},
};
const struct field_spec core_medicine_dose_fields[MEDD__MAX] = {
    [MEDD_PERMISSION] = {"permission", F_INT, 1, 1, INT32_MAX, NULL},
    [MEDD_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [MEDD_TIME] = {"time", F_TIME, 1, 0, 0, NULL},
    [MEDD_DOSE] = {"dose", F_LINE, 1, 0, 200, NULL},
    [MEDD_GIVEN_BY] = {"given_by", F_INT, 1, 1, INT32_MAX, NULL},
    [MEDD_WITNESS] = {"witness", F_INT, 1, 1, INT32_MAX, NULL},
    [MEDD_NOTES] = {"notes", F_TEXT, 0, 0, 2000, NULL},
    [MEDD_CORRECTS] = {"corrects", F_INT, 0, 1, INT32_MAX, NULL},
};

/* A permission may run for at most a year; a new one is signed after that. */
#define MEDICINE_MAX_DAYS 366
/* A dose recorded as given more than this ahead of now is refused. */
#define MEDICINE_FUTURE_SLACK_S 300

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int core_medicine_times(const char *text, int *mins, int max)
{
	int n = 0;
	const char *p = text;
	while (*p) {
		char one[8];
		size_t len = strcspn(p, ",; ");
		int m;
		if (len == 0) {
			p++;
			continue;
		}
		if (len >= sizeof one || n >= max)
			return -1;
		memcpy(one, p, len);
		one[len] = '\0';
		if (time_parse(one, &m) != 0)
			return -1;
		for (int i = 0; i < n; i++)
			if (mins[i] == m)
				return -1;
		mins[n++] = m;
		p += len;
	}
	if (n > 1)
		qsort(mins, (size_t)n, sizeof *mins, cmp_int);
	return n;
}

static int run(struct store *s, struct store_stmt *st, const char *what, struct op_error *e)
{
	int rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, what);
	return 0;
}

/* The child's family (0 none), or -1 when there is no such child. */
static int64_t child_family(struct store *s, int64_t setting_id, int64_t child_id)
{
	struct store_stmt *st = store_stmt(s, STMT_MED_CHILD);
	int64_t family = -1;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	if (store_step(st) == STORE_ROW)
		family = store_col_int(st, 0);
	store_finish(st);
	return family;
}

static int staff_exists(struct store *s, int64_t setting_id, int64_t staff_id)
{
	struct store_stmt *st = store_stmt(s, STMT_MED_STAFF_NAME);
	int yes;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff_id);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

int core_medicine_permission_add(struct store *s, const struct actor *who, int64_t child_id,
                                 const struct field_value *v, const char *source, int64_t *id,
                                 struct op_error *e)
{
	struct store_stmt *st;
	int when_needed = v[MEDP_WHEN_NEEDED].present && v[MEDP_WHEN_NEEDED].i;
	int mins[MEDICINE_MAX_TIMES], ntimes = 0, interval = 0, ok = 0;
	int64_t family = child_family(s, who->setting_id, child_id);
	char times[MEDICINE_MAX_TIMES * 6 + 1] = "";
	assert(strcmp(source, "portal") == 0 || strcmp(source, "paper") == 0);
	if (family < 0)
		return op_fail(e, OP_NOT_FOUND, "", "there is no such child");
	if (when_needed) {
		if (!v[MEDP_REASON].present)
			return op_fail(
			    e, OP_INVALID, "reason",
			    "say when it is needed (for example: a temperature over 38°C)");
		if (!v[MEDP_INTERVAL].present || v[MEDP_INTERVAL].d <= 0)
			return op_fail(e, OP_INVALID, "min_interval_hours",
			               "give the least time between two doses, in hours");
		if (v[MEDP_TIMES].present)
			return op_fail(e, OP_INVALID, "times",
			               "a \"when needed\" medicine has no set times");
		interval = (int)(v[MEDP_INTERVAL].d * 60 + 0.5);
	} else {
		if (!v[MEDP_TIMES].present)
			return op_fail(
			    e, OP_INVALID, "times",
			    "give the times of day it is due (12:00, or 08:30, 12:00), or "
			    "tick \"when needed\"");
		ntimes = core_medicine_times(v[MEDP_TIMES].s, mins, MEDICINE_MAX_TIMES);
		if (ntimes <= 0)
			return op_fail(
			    e, OP_INVALID, "times",
			    "times of day as HH:MM, separated by commas (at most %d, each "
			    "once)",
			    MEDICINE_MAX_TIMES);
		for (int i = 0; i < ntimes; i++) {
			char t[TIME_LEN];
			size_t len = strlen(times);
			time_format(mins[i], t);
			memcpy(times + len, i ? "," : "", i ? 2 : 1);
			len = strlen(times);
			memcpy(times + len, t, strlen(t) + 1);
		}
	}
	if (v[MEDP_UNTIL].i < v[MEDP_FROM].i)
		return op_fail(e, OP_INVALID, "until_date", "the last day comes after the first");
	if (v[MEDP_UNTIL].i - v[MEDP_FROM].i >= MEDICINE_MAX_DAYS)
		return op_fail(e, OP_INVALID, "until_date",
		               "a permission runs for a year at most: ask for a new one then");
	if (v[MEDP_SIGNED].i > v[MEDP_UNTIL].i)
		return op_fail(e, OP_INVALID, "signed_on", "it was signed after its last day");
	st = store_stmt(s, STMT_MED_CONTACT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, v[MEDP_CONTACT].i);
	if (store_step(st) == STORE_ROW)
		ok = store_col_int(st, 0) == family && family != 0 && store_col_int(st, 1) == 1 &&
		     strcmp(store_col_text(st, 2), "none") == 0;
	store_finish(st);
	if (!ok)
		return op_fail(
		    e, OP_INVALID, "contact",
		    "permission is given by a parent or carer of the child with parental "
		    "responsibility");
	st = store_stmt(s, STMT_MED_PERMISSION_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, v[MEDP_MEDICINE].s);
	store_bind_text(st, 4, v[MEDP_DOSE].s);
	store_bind_text(st, 5, times);
	store_bind_int(st, 6, v[MEDP_PRESCRIBED].present && v[MEDP_PRESCRIBED].i);
	store_bind_int(st, 7, v[MEDP_CONTACT].i);
	store_bind_text(st, 8, v[MEDP_FROM].s);
	store_bind_text(st, 9, v[MEDP_UNTIL].s);
	store_bind_int(st, 10, when_needed);
	store_bind_text(st, 11, when_needed ? v[MEDP_REASON].s : "");
	store_bind_int(st, 12, interval);
	store_bind_text(st, 13, v[MEDP_SIGNED].s);
	store_bind_text(st, 14, source);
	store_bind_id(st, 15, who->user_id);
	store_bind_int(st, 16, time_now());
	if (run(s, st, "saving the permission", e))
		return -1;
	*id = store_last_id(s);
	return audit_write(s, who, "medicine.permission", "medicine_permission", *id, child_id,
	                   source, e);
}

static const char *hhmm(struct arena *a, int64_t at, const char *tz)
{
	int day, minute;
	char t[TIME_LEN], d[DATE_LEN];
	date_local(at, tz, &day, &minute);
	time_format(minute, t);
	date_format(day, d);
	return arena_printf(a, "%s %s", d, t);
}

/* A "when needed" dose at `at`: refused when another dose of the
 * permission (corrected entries and the one being corrected left out) is
 * less than interval minutes away. */
static int interval_ok(struct store *s, const struct actor *who, int64_t permission, int64_t at,
                       int interval, int64_t corrects, const char *tz, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MED_DOSE_TIMES);
	struct arena a;
	int rc, ret = 0;
	arena_init(&a);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, permission);
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t other = store_col_int(st, 1), gap = at > other ? at - other : other - at;
		if (store_col_int(st, 0) == corrects || gap >= (int64_t)interval * 60)
			continue;
		if (other <= at)
			op_fail(e, OP_INVALID, "time",
			        "too soon: the last dose was at %s, and the permission asks for at "
			        "least %d h %02d min between doses (the next from %s)",
			        hhmm(&a, other, tz), interval / 60, interval % 60,
			        hhmm(&a, other + (int64_t)interval * 60, tz));
		else
			op_fail(
			    e, OP_INVALID, "time",
			    "too close to the dose given at %s: the permission asks for at least "
			    "%d h %02d min between doses",
			    hhmm(&a, other, tz), interval / 60, interval % 60);
		ret = -1;
		break;
	}
	store_finish(st);
	if (!ret && rc != STORE_DONE)
		ret = op_store_fail(e, s, rc, "reading the doses given");
	arena_free(&a);
	return ret;
}

int core_medicine_dose_add(struct store *s, const struct actor *who, int64_t child_id,
                           const struct field_value *v, const char *tz, int64_t now, int64_t *id,
                           struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MED_PERMISSION_GET);
	int64_t corrects = v[MEDD_CORRECTS].present ? v[MEDD_CORRECTS].i : 0, at;
	int found, when_needed = 0, interval = 0, from = 0, until = 0;
	char medicine[201] = "", from_s[DATE_LEN] = "", until_s[DATE_LEN] = "";
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, v[MEDD_PERMISSION].i);
	found = store_step(st) == STORE_ROW && store_col_int(st, 0) == child_id;
	if (found) {
		const char *m = store_col_text(st, 1);
		size_t len = strlen(m) < sizeof medicine - 1 ? strlen(m) : sizeof medicine - 1;
		memcpy(medicine, m, len);
		medicine[len] = '\0';
		when_needed = (int)store_col_int(st, 2);
		interval = (int)store_col_int(st, 3);
		found = date_parse(store_col_text(st, 4), &from) == 0 &&
		        date_parse(store_col_text(st, 5), &until) == 0;
	}
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "permission",
		               "there is no such permission for this child");
	date_format(from, from_s);
	date_format(until, until_s);
	if (v[MEDD_GIVEN_BY].i == v[MEDD_WITNESS].i)
		return op_fail(e, OP_INVALID, "witness",
		               "the witness is another member of staff than the one who gave it");
	if (!staff_exists(s, who->setting_id, v[MEDD_GIVEN_BY].i))
		return op_fail(e, OP_INVALID, "given_by",
		               "choose a member of staff of the setting");
	if (!staff_exists(s, who->setting_id, v[MEDD_WITNESS].i))
		return op_fail(e, OP_INVALID, "witness", "choose a member of staff of the setting");
	if (v[MEDD_DATE].i > until)
		return op_fail(e, OP_INVALID, "date",
		               "the permission for %s ended on %s: it can no longer be used; ask "
		               "the family for a new one",
		               medicine, until_s);
	if (v[MEDD_DATE].i < from)
		return op_fail(e, OP_INVALID, "date", "the permission for %s starts on %s",
		               medicine, from_s);
	at = date_instant((int)v[MEDD_DATE].i, (int)v[MEDD_TIME].i, tz);
	if (at > now + MEDICINE_FUTURE_SLACK_S)
		return op_fail(e, OP_INVALID, "time", "that time is still to come");
	if (corrects) {
		int64_t perm = 0, child = 0, n = -1;
		st = store_stmt(s, STMT_MED_DOSE_GET);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, corrects);
		if (store_step(st) == STORE_ROW) {
			perm = store_col_int(st, 0);
			child = store_col_int(st, 1);
			n = store_col_int(st, 3);
		}
		store_finish(st);
		if (child != child_id || perm != v[MEDD_PERMISSION].i)
			return op_fail(e, OP_INVALID, "corrects",
			               "the entry corrected is a dose of the same permission");
		if (n > 0)
			return op_fail(e, OP_CONFLICT, "corrects",
			               "that entry was corrected already: correct the correction");
	}
	if (when_needed &&
	    interval_ok(s, who, v[MEDD_PERMISSION].i, at, interval, corrects, tz, e) != 0)
		return -1;
	st = store_stmt(s, STMT_MED_DOSE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, v[MEDD_PERMISSION].i);
	store_bind_int(st, 3, at);
	store_bind_text(st, 4, v[MEDD_DOSE].s);
	store_bind_int(st, 5, v[MEDD_GIVEN_BY].i);
	store_bind_int(st, 6, v[MEDD_WITNESS].i);
	store_bind_text(st, 7, v[MEDD_NOTES].present ? v[MEDD_NOTES].s : "");
	store_bind_id(st, 8, corrects);
	store_bind_id(st, 9, who->user_id);
	store_bind_int(st, 10, time_now());
	if (run(s, st, "saving the dose", e))
		return -1;
	*id = store_last_id(s);
	return audit_write(s, who, corrects ? "medicine.dose.correct" : "medicine.dose",
	                   "medicine_dose", *id, child_id, medicine, e);
}

int core_medicine_ack(struct store *s, const struct actor *who, int64_t child_id, int64_t dose_id,
                      const char *by, const char *how, int64_t now, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MED_DOSE_GET);
	int64_t child = 0, acked = 0;
	assert(strcmp(how, "portal") == 0 || strcmp(how, "paper") == 0);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, dose_id);
	if (store_step(st) == STORE_ROW) {
		child = store_col_int(st, 1);
		acked = store_col_int(st, 2);
	}
	store_finish(st);
	if (dose_id <= 0)
		return op_fail(e, OP_INVALID, "dose", "choose the dose");
	if (child != child_id)
		return op_fail(e, OP_NOT_FOUND, "dose", "there is no such dose for this child");
	if (acked)
		return op_fail(e, OP_CONFLICT, "dose", "that dose was acknowledged already");
	if (!by || !*by || strlen(by) > 200)
		return op_fail(e, OP_INVALID, "by", "name who acknowledged it");
	st = store_stmt(s, STMT_MED_DOSE_ACK);
	store_bind_int(st, 1, now);
	store_bind_text(st, 2, by);
	store_bind_text(st, 3, how);
	store_bind_int(st, 4, who->setting_id);
	store_bind_int(st, 5, dose_id);
	if (run(s, st, "saving the acknowledgement", e))
		return -1;
	if (store_changes(s) != 1)
		return op_fail(e, OP_CONFLICT, "dose", "that dose was acknowledged already");
	return audit_write(s, who, "medicine.ack", "medicine_dose", dose_id, child_id, how, e);
}

/* ---- reading ---- */

#define PUSH ARENA_PUSH

static const char *dup(struct arena *a, struct store_stmt *st, int i)
{
	return arena_strdup(a, store_col_text(st, i));
}

static int done(struct store *s, struct store_stmt *st, int rc, const char *what,
                struct op_error *e)
{
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, what);
	return 0;
}

int core_medicine_load(struct store *s, int64_t setting_id, int64_t child_id, int today,
                       struct arena *a, struct medicine_view *out, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MED_PERMISSION_LIST);
	char d[DATE_LEN];
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof *out);
	date_format(today, d);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct medicine_permission_row *p =
		    PUSH(a, out->permissions, out->npermissions, cap);
		*p = (struct medicine_permission_row){
		    .id = store_col_int(st, 0),
		    .medicine = dup(a, st, 1),
		    .dose = dup(a, st, 2),
		    .times = dup(a, st, 3),
		    .prescribed = (int)store_col_int(st, 4),
		    .when_needed = (int)store_col_int(st, 5),
		    .reason = dup(a, st, 6),
		    .interval_min = (int)store_col_int(st, 7),
		    .from = dup(a, st, 8),
		    .until = dup(a, st, 9),
		    .signed_on = dup(a, st, 10),
		    .source = dup(a, st, 11),
		    .contact = dup(a, st, 12),
		    .relationship = dup(a, st, 13),
		};
		p->expired = strcmp(p->until, d) < 0;
		p->not_yet = strcmp(p->from, d) > 0;
	}
	if (done(s, st, rc, "reading the permissions", e))
		return -1;
	cap = 0;
	st = store_stmt(s, STMT_MED_DOSE_LIST);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW)
		*PUSH(a, out->doses, out->ndoses, cap) = (struct medicine_dose_row){
		    .id = store_col_int(st, 0),
		    .permission_id = store_col_int(st, 1),
		    .medicine = dup(a, st, 2),
		    .given_at = store_col_int(st, 3),
		    .dose = dup(a, st, 4),
		    .given_by = dup(a, st, 5),
		    .witness = dup(a, st, 6),
		    .notes = dup(a, st, 7),
		    .corrects_id = store_col_int(st, 8),
		    .ack_at = store_col_int(st, 9),
		    .ack_by = dup(a, st, 10),
		    .ack_how = dup(a, st, 11),
		    .corrected = store_col_int(st, 12) > 0,
		};
	return done(s, st, rc, "reading the doses", e);
}

struct day_dose {
	int64_t permission_id;
	int minute;
};

/* Is the time slot [lo, hi) given by one of the permission's doses? */
static int slot_given(const struct day_dose *d, size_t n, int64_t permission, int lo, int hi)
{
	for (size_t i = 0; i < n; i++)
		if (d[i].permission_id == permission && d[i].minute >= lo && d[i].minute < hi)
			return 1;
	return 0;
}

int core_medicine_due(struct store *s, int64_t setting_id, int64_t room_id, int day, int minute,
                      const char *tz, struct arena *a, struct medicine_due_row **out, size_t *n,
                      struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MED_DOSES_BETWEEN);
	struct day_dose *doses = NULL;
	size_t ndoses = 0, cap = 0;
	char d[DATE_LEN];
	int rc;
	*out = NULL;
	*n = 0;
	date_format(day, d);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, date_instant(day, 0, tz));
	store_bind_int(st, 3, date_instant(day + 1, 0, tz));
	while ((rc = store_step(st)) == STORE_ROW) {
		struct day_dose *x = PUSH(a, doses, ndoses, cap);
		int dd;
		x->permission_id = store_col_int(st, 0);
		date_local(store_col_int(st, 1), tz, &dd, &x->minute);
		if (dd != day) /* a clock change: the instant fell on the next or last day */
			ndoses--;
	}
	if (done(s, st, rc, "reading the day's doses", e))
		return -1;
	cap = 0;
	st = store_stmt(s, STMT_MED_DUE_CANDIDATES);
	store_bind_text(st, 1, d);
	store_bind_text(st, 2, d);
	store_bind_int(st, 3, setting_id);
	store_bind_int(st, 4, room_id);
	store_bind_int(st, 5, room_id);
	for (int i = 6; i <= 11; i++)
		store_bind_text(st, i, d);
	store_bind_int(st, 12, date_weekday(day));
	store_bind_text(st, 13, d);
	while ((rc = store_step(st)) == STORE_ROW) {
		int mins[MEDICINE_MAX_TIMES] = {0};
		int nt = core_medicine_times(store_col_text(st, 8), mins, MEDICINE_MAX_TIMES);
		int64_t perm = store_col_int(st, 0);
		for (int i = 0; i < nt; i++) {
			int lo = mins[i] - MEDICINE_DUE_AHEAD_MIN;
			int hi = i + 1 < nt ? mins[i + 1] - MEDICINE_DUE_AHEAD_MIN : 24 * 60 + 1;
			const char *pref = store_col_text(st, 4);
			if (minute < lo || slot_given(doses, ndoses, perm, lo, hi))
				continue;
			*PUSH(a, *out, *n, cap) = (struct medicine_due_row){
			    .child_id = store_col_int(st, 1),
			    .permission_id = perm,
			    .child = arena_printf(a, "%s %s", *pref ? pref : store_col_text(st, 2),
			                          store_col_text(st, 3)),
			    .room = dup(a, st, 5),
			    .medicine = dup(a, st, 6),
			    .dose = dup(a, st, 7),
			    .key_person = dup(a, st, 9),
			    .at = mins[i],
			    .overdue = minute > mins[i],
			};
		}
	}
	return done(s, st, rc, "reading the medicines due", e);
}

/* ---- the demo ---- */

static struct field_value *demo_values(struct arena *a, const struct field_spec *spec, size_t n,
                                       const char *const *raw)
{
	struct field_value *v = arena_alloc(a, n * sizeof *v);
	struct field_error fe;
	int bad = valid_record(spec, n, raw, v, a, &fe);
	assert(bad == 0);
	(void)bad;
	return v;
}

static int64_t first_id(struct store *s, enum stmt_id id, int64_t a, int64_t b, int skip)
{
	struct store_stmt *st = store_stmt(s, id);
	int64_t found = 0;
	store_bind_int(st, 1, a);
	store_bind_int(st, 2, b);
	while (store_step(st) == STORE_ROW)
		if (skip-- == 0) {
			found = store_col_int(st, 0);
			break;
		}
	store_finish(st);
	return found;
}

/* Does the child come on the day's weekday (so the demo's due-now list shows them)? */
static int attends(struct store *s, int64_t setting_id, int64_t child_id, int day)
{
	struct store_stmt *st = store_stmt(s, STMT_MED_DEMO_ATTENDS);
	int yes;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_int(st, 3, date_weekday(day));
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

int core_medicine_demo(struct store *s, const struct actor *who, int today, struct op_error *e)
{
	struct arena a;
	struct store_stmt *st;
	int64_t calpol_child, inhaler_child = 0, inhaler_room = 0, calpol_room = 0, id = 0;
	int64_t now = date_instant(today, 18 * 60, "Europe/London");
	/* the first dose was signed for at collection that day */
	int64_t collected = date_instant(today - 2, 17 * 60 + 30, "Europe/London");
	char d[DATE_LEN], from[DATE_LEN], until[DATE_LEN], yday[DATE_LEN], before[DATE_LEN];
	int ret = -1, row = 0, rc;

	arena_init(&a);
	date_format(today, d);
	date_format(today - 14, from);
	date_format(today + 42, until);
	date_format(today - 1, yday);
	date_format(today - 2, before);
	/* Calpol "when needed" for the child of the portal's first parent */
	calpol_child = first_id(s, STMT_MED_DEMO_PARENT_CHILD, who->setting_id, who->setting_id, 0);
	/* a daily inhaler for the third child on the roll (not the Calpol child) */
	st = store_stmt(s, STMT_REC_CHILDREN);
	store_bind_text(st, 1, d);
	store_bind_text(st, 2, d);
	store_bind_int(st, 3, who->setting_id);
	store_bind_text(st, 4, d);
	store_bind_text(st, 5, d);
	while ((rc = store_step(st)) == STORE_ROW)
		if (store_col_int(st, 0) != calpol_child &&
		    attends(s, who->setting_id, store_col_int(st, 0), today) && row++ == 2) {
			inhaler_child = store_col_int(st, 0);
			inhaler_room = store_col_int(st, 5);
		}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the demo's children");
		goto out;
	}
	st = store_stmt(s, STMT_MED_CHILD);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, calpol_child);
	if (store_step(st) == STORE_ROW)
		calpol_room = store_col_int(st, 1);
	store_finish(st);
	for (int k = 0; k < 2; k++) {
		int64_t child = k ? calpol_child : inhaler_child;
		int64_t room = k ? calpol_room : inhaler_room;
		int64_t contact = first_id(s, STMT_MED_FAMILY_CONTACTS, who->setting_id, child, 0);
		int64_t giver = first_id(s, STMT_MED_DEMO_ROOM_STAFF, who->setting_id, room, 0);
		int64_t witness = first_id(s, STMT_MED_DEMO_ROOM_STAFF, who->setting_id, room, 1);
		const char *c = arena_printf(&a, "%lld", (long long)contact);
		const char *g = arena_printf(&a, "%lld", (long long)giver);
		const char *wi = arena_printf(&a, "%lld", (long long)witness);
		const char *inhaler[MEDP__MAX] = {"Salbutamol inhaler (blue), with spacer",
		                                  "2 puffs",
		                                  "",
		                                  "12:00",
		                                  "",
		                                  "",
		                                  from,
		                                  until,
		                                  c,
		                                  from,
		                                  "yes"};
		const char *calpol[MEDP__MAX] = {"Calpol (paracetamol oral suspension)",
		                                 "5 ml",
		                                 "yes",
		                                 "",
		                                 "a temperature of 38°C or more",
		                                 "4",
		                                 from,
		                                 until,
		                                 c,
		                                 from,
		                                 ""};
		if (!child || !contact || !giver || !witness)
			continue;
		if (core_medicine_permission_add(s, who, child,
		                                 demo_values(&a, core_medicine_permission_fields,
		                                             MEDP__MAX, k ? calpol : inhaler),
		                                 "paper", &id, e))
			goto out;
		{
			const char *perm = arena_printf(&a, "%lld", (long long)id);
			const char *doses[3][MEDD__MAX] = {
			    {perm, before, k ? "10:15" : "12:05", k ? "5 ml" : "2 puffs", g, wi,
			     k ? "Temperature 38.4°C; parent phoned at 10:10 and agreed." : "", ""},
			    {perm, yday, k ? "09:40" : "11:55", k ? "5 ml" : "2 puffs", g, wi,
			     k ? "Temperature 38.1°C." : "Breathing easier afterwards.", ""},
			    {perm, yday, k ? "14:00" : "", k ? "5 ml" : "", wi, g,
			     "Temperature back to 37.2°C by 15:00.", ""},
			};
			int64_t dose = 0;
			for (int i = 0; i < 3; i++) {
				if (!*doses[i][MEDD_TIME])
					continue;
				if (core_medicine_dose_add(s, who, child,
				                           demo_values(&a,
				                                       core_medicine_dose_fields,
				                                       MEDD__MAX, doses[i]),
				                           "Europe/London", now, &dose, e))
					goto out;
				if (i == 0 &&
				    core_medicine_ack(s, who, child, dose, "Signed at collection",
				                      "paper", collected, e))
					goto out;
			}
		}
	}
	ret = 0;
out:
	arena_free(&a);
	return ret;
}
