/*
 * core_register.c — the daily register (core_register.h): the writes
 * (sign in and out, corrections, staff, collection password, absence
 * follow-up), each checked against the day's entries as they stand and
 * audited in the caller's transaction; the printable register of a day;
 * and the list of children to follow up.
 *
 * A person's entries of a day are read with one query, reduced to the
 * effective ones (rows no later row corrects) and checked to alternate in
 * and out with the new entry in its place; the register of a day is one
 * query for children and one for staff, joined with the names it shows, and
 * walked once to pair sign-ins with sign-outs.
 */
#include "core_register.h"
#include "csv.h"

#include <assert.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core_setting.h"
#include "core_today.h"
#include "core_user.h"
#include "valid.h"

const char *const register_event_names[REGISTER_EVENT__MAX] = {
    [REGISTER_IN] = "in", [REGISTER_OUT] = "out"};

static const char *const absence_reasons[] = {"illness",     "holiday", "appointment", "family",
                                              "unexplained", "other",   NULL};

/* Text that arrives already validated from a form or the command line is
 * checked again here, so no caller can store a control character. */
static const struct field_spec name_spec = {"collected_by_name", F_LINE, 0, 0, 200, NULL};
static const struct field_spec reason_spec = {"override", F_LINE, 0, 0, 400, NULL};
static const struct field_spec note_spec = {"note", F_LINE, 0, 0, 400, NULL};
static const struct field_spec follow_up_spec = {"follow_up", F_TEXT, 1, 0, 2000, NULL};

static int by_int64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Entries at one instant (times have minutes only) go in the order their
 * first entries were made: a sign-in corrected to the minute of the
 * sign-out stays before it, though the correction is the newer row. */
static int by_person_time(const void *a, const void *b)
{
	const struct register_row *x = a, *y = b;
	if (x->person_id != y->person_id)
		return (x->person_id > y->person_id) - (x->person_id < y->person_id);
	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	if (x->first_id != y->first_id)
		return (x->first_id > y->first_id) - (x->first_id < y->first_id);
	return (x->id > y->id) - (x->id < y->id);
}

struct id_index {
	int64_t id;
	size_t at;
};

static int by_index_id(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* first[i] = the id of the entry that rows i's chain of corrections began
 * with (ids[i] itself for an original). A correction always has a larger id
 * than what it corrects, so in id order its target's answer is known. */
static void first_ids(const int64_t *ids, const int64_t *corrects, size_t n, int64_t *first)
{
	struct id_index *index = xmalloc((n ? n : 1) * sizeof *index);
	for (size_t i = 0; i < n; i++)
		index[i] = (struct id_index){ids[i], i};
	sort_n(index, n, sizeof *index, by_index_id);
	for (size_t k = 0; k < n; k++) {
		size_t i = index[k].at;
		struct id_index key = {.id = corrects[i]}, *hit;
		first[i] = ids[i];
		if (!corrects[i])
			continue;
		hit = find_n(&key, index, n, sizeof key, by_index_id);
		first[i] = hit ? first[hit->at] : corrects[i];
	}
	free(index);
}

size_t core_register_effective(struct register_row *rows, size_t n)
{
	int64_t *corrected = xmalloc((n ? n : 1) * sizeof *corrected);
	int64_t *ids = xmalloc((n ? n : 1) * sizeof *ids),
	        *corrects = xmalloc((n ? n : 1) * sizeof *corrects),
	        *first = xmalloc((n ? n : 1) * sizeof *first);
	size_t nc = 0, kept = 0;
	for (size_t i = 0; i < n; i++) {
		ids[i] = rows[i].id;
		corrects[i] = rows[i].corrects_id;
	}
	first_ids(ids, corrects, n, first);
	for (size_t i = 0; i < n; i++)
		rows[i].first_id = first[i];
	free(ids);
	free(corrects);
	free(first);
	for (size_t i = 0; i < n; i++)
		if (rows[i].corrects_id)
			corrected[nc++] = rows[i].corrects_id;
	sort_n(corrected, nc, sizeof *corrected, by_int64);
	for (size_t i = 0; i < n; i++)
		if (!find_n(&rows[i].id, corrected, nc, sizeof *corrected, by_int64))
			rows[kept++] = rows[i];
	free(corrected);
	sort_n(rows, kept, sizeof *rows, by_person_time);
	return kept;
}

int core_register_minute(int64_t at, int day, const char *tz)
{
	int64_t noon = date_instant(day, 12 * 60, tz), d = at - noon;
	int64_t m = 12 * 60 + (d >= 0 ? d / 60 : -((-d + 59) / 60));
	return m < 0 ? 0 : m > 24 * 60 ? 24 * 60 : (int)m;
}

static int finish(struct store_stmt *st, int rc)
{
	store_finish(st);
	return rc == STORE_DONE ? 0 : rc;
}

/* ---- checks shared by the writes ---- */

struct child_info {
	const char *code, *name, *room;
	int64_t family_id;
};

static int child_info(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                      struct child_info *ci, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REGISTER_CHILD_INFO);
	int rc;
	ci->code = ci->name = ci->room = "";
	ci->family_id = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	rc = store_step(st);
	if (rc == STORE_ROW) {
		const char *preferred = store_col_text(st, 3);
		ci->code = arena_strdup(a, store_col_text(st, 0));
		ci->name = arena_printf(a, "%s %s", *preferred ? preferred : store_col_text(st, 1),
		                        store_col_text(st, 2));
		ci->family_id = store_col_int(st, 4);
		ci->room = arena_strdup(a, store_col_text(st, 5));
	}
	store_finish(st);
	if (rc == STORE_DONE)
		return op_fail(e, OP_NOT_FOUND, "child", "there is no such child");
	if (rc != STORE_ROW)
		return op_store_fail(e, s, rc, "reading the child");
	return 0;
}

static int staff_name(struct store *s, int64_t setting_id, int64_t staff_id, struct arena *a,
                      const char **name, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REGISTER_STAFF_INFO);
	int rc;
	*name = "";
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff_id);
	rc = store_step(st);
	if (rc == STORE_ROW)
		*name = arena_strdup(a, store_col_text(st, 1));
	store_finish(st);
	if (rc == STORE_DONE)
		return op_fail(e, OP_NOT_FOUND, "staff", "there is no such member of staff");
	if (rc != STORE_ROW)
		return op_store_fail(e, s, rc, "reading the member of staff");
	return 0;
}

/* One person's entries of a date, as they stand, in time order; *rows is
 * the caller's to free. */
static int day_entries(struct store *s, enum stmt_id stmt, int64_t setting_id, const char *date,
                       int64_t person, int day, const char *tz, struct register_row **rows,
                       size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, stmt);
	size_t cap = 0;
	int rc;
	*rows = NULL;
	*n = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, date);
	store_bind_int(st, 3, person);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct register_row *r;
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*rows = xrealloc(*rows, cap * sizeof **rows);
		}
		r = &(*rows)[(*n)++];
		r->id = store_col_int(st, 0);
		r->person_id = store_col_int(st, 1);
		r->event = strcmp(store_col_text(st, 2), "out") == 0 ? REGISTER_OUT : REGISTER_IN;
		r->at = store_col_int(st, 3);
		r->corrects_id = store_col_int(st, 4);
		r->minute = core_register_minute(r->at, day, tz);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the register");
	*n = core_register_effective(*rows, *n);
	return 0;
}

static const char *event_words(enum register_event ev)
{
	return ev == REGISTER_IN ? "signed in" : "signed out";
}

/* Do the entries still alternate in, out, in ... from an "in", with an
 * entry (event, at, minute) added, taking the place of entry replace when
 * that is not 0? 0, or 409 naming who and why. */
static int check_alternation(const struct register_row *rows, size_t n, int64_t replace,
                             enum register_event event, int64_t at, int minute,
                             const char *who_name, struct op_error *e)
{
	struct register_row *seq = xmalloc((n + 1) * sizeof *seq);
	size_t m = 0, at_index = 0;
	int64_t first = INT64_MAX; /* a new entry comes after the minute's others */
	int bad = 0;
	char when[TIME_LEN], other[TIME_LEN];
	for (size_t i = 0; i < n; i++)
		if (rows[i].id != replace) {
			seq[m] = rows[i];
			seq[m++].person_id = 0; /* one person: order by time alone */
		} else {
			first = rows[i].first_id; /* a correction keeps its entry's place */
		}
	seq[m] = (struct register_row){.id = replace ? replace : INT64_MAX,
	                               .first_id = first,
	                               .event = event,
	                               .at = at,
	                               .minute = minute};
	m++;
	sort_n(seq, m, sizeof *seq, by_person_time);
	for (size_t i = 0; i < m; i++) {
		if (seq[i].id == (replace ? replace : INT64_MAX))
			at_index = i;
		if ((i == 0 && seq[i].event != REGISTER_IN) ||
		    (i > 0 && seq[i].event == seq[i - 1].event))
			bad = 1;
	}
	time_format(minute, when);
	if (!bad) {
		free(seq);
		return 0;
	}
	if (event == REGISTER_OUT && at_index == 0)
		op_fail(e, OP_CONFLICT, "at", "%s is not signed in at %s", who_name, when);
	else if (at_index > 0 && seq[at_index - 1].event == event) {
		time_format(seq[at_index - 1].minute, other);
		op_fail(e, OP_CONFLICT, "at", "%s was already %s at %s, with no sign-%s since",
		        who_name, event_words(event), other, event == REGISTER_IN ? "out" : "in");
	} else if (at_index + 1 < m && seq[at_index + 1].event == event) {
		time_format(seq[at_index + 1].minute, other);
		op_fail(e, OP_CONFLICT, "at",
		        "%s is %s again at %s: an entry at %s does not fit; correct that one",
		        who_name, event_words(event), other, when);
	} else {
		op_fail(e, OP_CONFLICT, "at", "%s's entries would no longer go in, out, in, out",
		        who_name);
	}
	free(seq);
	return -1;
}

static int check_text(const struct field_spec *spec, const char *raw, struct arena *a,
                      const char **out, struct op_error *e)
{
	struct field_value v;
	char why[200];
	*out = "";
	if (!raw || !*raw) {
		if (spec->required)
			return op_fail(e, OP_INVALID, spec->name, "is required");
		return 0;
	}
	if (valid_field(spec, raw, &v, a, why, sizeof why) != 0)
		return op_fail(e, OP_INVALID, spec->name, "%s", why);
	*out = v.s ? v.s : "";
	return 0;
}

/* The date and time of an entry: not after today in the setting. */
static int entry_time(const struct setting *set, int day, int minute, char date[DATE_LEN],
                      int64_t *at, struct op_error *e)
{
	date[0] = '\0';
	*at = 0;
	if (minute < 0 || minute > 24 * 60)
		return op_fail(e, OP_INVALID, "at", "give a time of day, HH:MM");
	if (day > date_today(set->time_zone))
		return op_fail(e, OP_INVALID, "date", "is in the future");
	date_format(day, date);
	*at = date_instant(day, minute, set->time_zone);
	return 0;
}

/* Is staff on a published shift, and not absent, at minute: at the start of
 * a shift for a sign-in (start <= m < end), at its end for a sign-out
 * (start < m <= end), as core_today's greet and hand-over rule. */
static int on_shift(struct store *s, int64_t setting_id, int64_t staff, const char *date,
                    enum register_event ev, int minute)
{
	struct store_stmt *st = store_stmt(s, STMT_REGISTER_ON_SHIFT);
	int on = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff);
	store_bind_text(st, 3, date);
	store_bind_int(st, 4, ev == REGISTER_IN ? minute + 1 : minute);
	store_bind_int(st, 5, ev == REGISTER_IN ? minute : minute - 1);
	if (store_step(st) == STORE_ROW)
		on = store_col_int(st, 0) > 0;
	store_finish(st);
	return on;
}

static int64_t actor_staff(struct store *s, const struct actor *who)
{
	struct store_stmt *st;
	int64_t id = 0;
	if (!who->user_id)
		return 0;
	st = store_stmt(s, STMT_REGISTER_USER_STAFF);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, who->user_id);
	if (store_step(st) == STORE_ROW)
		id = store_col_int(st, 0);
	store_finish(st);
	return id;
}

/* The key person in charge: key person on shift, else the buddy, else the
 * one who signs the child in or out (by, or the user's own staff record). */
static int64_t in_charge(struct store *s, const struct actor *who, int64_t child_id,
                         const char *date, enum register_event ev, int minute, int64_t by)
{
	struct store_stmt *st = store_stmt(s, STMT_KEY_ON_CHILD);
	int64_t key = 0, buddy = 0;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, date);
	if (store_step(st) == STORE_ROW) {
		key = store_col_int(st, 0);
		buddy = store_col_int(st, 1);
	}
	store_finish(st);
	if (key && on_shift(s, who->setting_id, key, date, ev, minute))
		return key;
	if (buddy && on_shift(s, who->setting_id, buddy, date, ev, minute))
		return buddy;
	return by ? by : actor_staff(s, who);
}

struct collection {
	int64_t contact_id;
	const char *name, *override;
};

/* Does the family's collection password match? 0 yes; -1 with the reason. */
static int check_password(struct store *s, int64_t setting_id, int64_t family_id,
                          const char *password, const struct child_info *ci, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REGISTER_FAMILY_PASSWORDS);
	int any = 0, match = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, family_id);
	while (!match && store_step(st) == STORE_ROW) {
		any = 1;
		match = core_password_verify(store_col_text(st, 0), password) == 0;
	}
	store_finish(st);
	if (match)
		return 0;
	if (!any)
		return op_fail(e, OP_INVALID, "password",
		               "%s's family has no collection password: the override cannot be "
		               "confirmed; ring the parents",
		               ci->name);
	return op_fail(e, OP_INVALID, "password",
	               "does not match %s's family's collection password", ci->name);
}

/* Who collected, and whether they may: see core_register.h. */
static int check_collection(struct store *s, const struct actor *who,
                            const struct register_child_entry *in, const struct child_info *ci,
                            struct arena *a, struct collection *c, struct op_error *e)
{
	const char *given_name, *reason;
	int allowed = 0;
	memset(c, 0, sizeof *c);
	if (check_text(&name_spec, in->collected_by_name, a, &given_name, e) ||
	    check_text(&reason_spec, in->override_reason, a, &reason, e))
		return -1;
	if (in->collected_by_contact) {
		struct store_stmt *st = store_stmt(s, STMT_REGISTER_CONTACT);
		int64_t family = 0;
		const char *restriction = "";
		int rc, may_collect = 0;
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, in->collected_by_contact);
		rc = store_step(st);
		if (rc == STORE_ROW) {
			family = store_col_int(st, 0);
			c->name = arena_strdup(a, store_col_text(st, 1));
			may_collect = (int)store_col_int(st, 2);
			restriction = arena_strdup(a, store_col_text(st, 3));
		}
		store_finish(st);
		if (rc == STORE_DONE)
			return op_fail(e, OP_INVALID, "collected_by",
			               "there is no contact %" PRId64, in->collected_by_contact);
		if (rc != STORE_ROW)
			return op_store_fail(e, s, rc, "reading the contact");
		c->contact_id = in->collected_by_contact;
		if (family == ci->family_id && (strcmp(restriction, "no_collect") == 0 ||
		                                strcmp(restriction, "no_contact") == 0))
			return op_fail(
			    e, OP_FORBIDDEN, "collected_by",
			    "%s must not collect %s (%s): do not hand the child over; tell "
			    "the manager or the DSL now",
			    c->name, ci->name,
			    strcmp(restriction, "no_collect") == 0 ? "no collection"
			                                           : "no contact");
		allowed = family == ci->family_id && may_collect;
	} else if (*given_name) {
		c->name = given_name;
	} else {
		return op_fail(e, OP_INVALID, "collected_by",
		               "say who collected %s: a contact who may collect, or a name with an "
		               "override",
		               ci->name);
	}
	if (allowed)
		return 0; /* an override is not needed, and not recorded */
	if (!*reason)
		return op_fail(
		    e, OP_INVALID, "collected_by",
		    "%s is not on %s's list of people who may collect: hand over only with "
		    "a reason (override) confirmed by the family's collection password",
		    c->name, ci->name);
	if (!in->password || !*in->password)
		return op_fail(
		    e, OP_INVALID, "password",
		    "the family's collection password is needed to confirm the override");
	if (check_password(s, who->setting_id, ci->family_id, in->password, ci, e) != 0)
		return -1;
	c->override = reason;
	return 0;
}

/* ---- the writes ---- */

int core_register_child(struct store *s, const struct actor *who,
                        const struct register_child_entry *in, int64_t *id, struct op_error *e)
{
	struct setting set;
	struct child_info ci;
	struct collection col = {0};
	struct register_row *rows = NULL;
	struct store_stmt *st;
	struct arena a;
	const char *note, *detail;
	char date[DATE_LEN], when[TIME_LEN];
	int64_t at, key_person;
	size_t n;
	int rc, ret = -1;

	assert(store_in_transaction(s)); /* BEGIN IMMEDIATE: the check and the insert are one */
	arena_init(&a);
	if (in->event != REGISTER_IN && in->event != REGISTER_OUT) {
		op_fail(e, OP_INVALID, "event", "is in or out");
		goto out;
	}
	if (core_setting_get(s, who->setting_id, &set, e) ||
	    entry_time(&set, in->day, in->minute, date, &at, e) ||
	    child_info(s, who->setting_id, in->child_id, &a, &ci, e) ||
	    check_text(&note_spec, in->note, &a, &note, e))
		goto out;
	if (in->by_staff_id) {
		const char *ignored;
		if (staff_name(s, who->setting_id, in->by_staff_id, &a, &ignored, e) != 0) {
			e->status = OP_INVALID;
			snprintf(e->field, sizeof e->field, "by");
			goto out;
		}
	}
	if (day_entries(s, STMT_REGISTER_CHILD_EVENTS, who->setting_id, date, in->child_id, in->day,
	                set.time_zone, &rows, &n, e) != 0 ||
	    check_alternation(rows, n, 0, in->event, at, in->minute,
	                      arena_printf(&a, "%s (%s)", ci.name, ci.code), e) != 0)
		goto out;
	if (in->event == REGISTER_OUT) {
		if (check_collection(s, who, in, &ci, &a, &col, e) != 0)
			goto out;
	} else if (in->collected_by_contact || (in->collected_by_name && *in->collected_by_name) ||
	           (in->override_reason && *in->override_reason)) {
		op_fail(e, OP_INVALID, "collected_by", "only a sign-out says who collected");
		goto out;
	}
	key_person = in_charge(s, who, in->child_id, date, in->event, in->minute, in->by_staff_id);

	st = store_stmt(s, STMT_REGISTER_CHILD_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, in->child_id);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, register_event_names[in->event]);
	store_bind_int(st, 5, at);
	store_bind_id(st, 6, who->user_id);
	store_bind_id(st, 7, key_person);
	store_bind_id(st, 8, col.contact_id);
	store_bind_text(st, 9, col.name ? col.name : "");
	store_bind_text(st, 10, col.override ? col.override : "");
	store_bind_null(st, 11);
	store_bind_text(st, 12, note);
	store_bind_int(st, 13, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "adding to the register");
		goto out;
	}
	*id = store_last_id(s);
	time_format(in->minute, when);
	if (in->event == REGISTER_IN)
		detail = arena_printf(&a, "in %s %s", date, when);
	else if (col.override)
		detail = arena_printf(&a, "out %s %s; collected by %s; override: %s", date, when,
		                      col.name, col.override);
	else
		detail = arena_printf(&a, "out %s %s; collected by %s (contact %" PRId64 ")", date,
		                      when, col.name, col.contact_id);
	ret = audit_write(s, who, in->event == REGISTER_IN ? "register.in" : "register.out",
	                  "register_child", *id, in->child_id, detail, e);
out:
	free(rows);
	arena_free(&a);
	return ret;
}

int core_register_child_correct(struct store *s, const struct actor *who, int64_t entry_id,
                                int minute, const char *note, int64_t *id, struct op_error *e)
{
	struct setting set;
	struct child_info ci;
	struct register_row *rows = NULL;
	struct store_stmt *st;
	struct arena a;
	const char *checked_note, *date, *collected, *override;
	char was[TIME_LEN], now[TIME_LEN];
	enum register_event ev;
	int64_t child_id, old_at, key_person, contact, at;
	size_t n;
	int rc, day, ret = -1, corrected;

	assert(store_in_transaction(s));
	arena_init(&a);
	st = store_stmt(s, STMT_REGISTER_CHILD_GET);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, entry_id);
	rc = store_step(st);
	if (rc != STORE_ROW) {
		store_finish(st);
		if (rc == STORE_DONE)
			op_fail(e, OP_NOT_FOUND, "entry", "there is no register entry %" PRId64,
			        entry_id);
		else
			op_store_fail(e, s, rc, "reading the register entry");
		goto out;
	}
	child_id = store_col_int(st, 0);
	date = arena_strdup(&a, store_col_text(st, 1));
	ev = strcmp(store_col_text(st, 2), "out") == 0 ? REGISTER_OUT : REGISTER_IN;
	old_at = store_col_int(st, 3);
	key_person = store_col_int(st, 4);
	contact = store_col_int(st, 5);
	collected = arena_strdup(&a, store_col_text(st, 6));
	override = arena_strdup(&a, store_col_text(st, 7));
	corrected = store_col_int(st, 8) > 0;
	store_finish(st);
	if (corrected) {
		op_fail(e, OP_CONFLICT, "entry",
		        "entry %" PRId64
		        " has been corrected already: correct the latest correction",
		        entry_id);
		goto out;
	}
	if (core_setting_get(s, who->setting_id, &set, e) ||
	    child_info(s, who->setting_id, child_id, &a, &ci, e) ||
	    check_text(&note_spec, note, &a, &checked_note, e))
		goto out;
	if (date_parse(date, &day) != 0) {
		op_fail(e, OP_FAILED, "entry", "entry %" PRId64 " has a bad date", entry_id);
		goto out;
	}
	if (minute < 0 || minute > 24 * 60) {
		op_fail(e, OP_INVALID, "at", "give a time of day, HH:MM");
		goto out;
	}
	at = date_instant(day, minute, set.time_zone);
	if (day_entries(s, STMT_REGISTER_CHILD_EVENTS, who->setting_id, date, child_id, day,
	                set.time_zone, &rows, &n, e) != 0 ||
	    check_alternation(rows, n, entry_id, ev, at, minute,
	                      arena_printf(&a, "%s (%s)", ci.name, ci.code), e) != 0)
		goto out;
	st = store_stmt(s, STMT_REGISTER_CHILD_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, register_event_names[ev]);
	store_bind_int(st, 5, at);
	store_bind_id(st, 6, who->user_id);
	store_bind_id(st, 7, key_person);
	store_bind_id(st, 8, contact);
	store_bind_text(st, 9, collected);
	store_bind_text(st, 10, override);
	store_bind_int(st, 11, entry_id);
	store_bind_text(st, 12, checked_note);
	store_bind_int(st, 13, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "correcting the register");
		goto out;
	}
	*id = store_last_id(s);
	time_format(core_register_minute(old_at, day, set.time_zone), was);
	time_format(minute, now);
	ret = audit_write(s, who, "register.correct", "register_child", *id, child_id,
	                  arena_printf(&a, "entry %" PRId64 ": %s %s %s -> %s%s%s", entry_id,
	                               register_event_names[ev], date, was, now,
	                               *checked_note ? "; " : "", checked_note),
	                  e);
out:
	free(rows);
	arena_free(&a);
	return ret;
}

static int insert_staff_row(struct store *s, const struct actor *who, int64_t staff_id,
                            const char *date, enum register_event ev, int64_t at, int64_t corrects,
                            int64_t *id, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REGISTER_STAFF_INSERT);
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, staff_id);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, register_event_names[ev]);
	store_bind_int(st, 5, at);
	store_bind_id(st, 6, who->user_id);
	store_bind_id(st, 7, corrects);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding to the staff register");
	*id = store_last_id(s);
	return 0;
}

int core_register_staff(struct store *s, const struct actor *who, int64_t staff_id,
                        enum register_event event, int day, int minute, int64_t *id,
                        struct op_error *e)
{
	struct setting set;
	struct register_row *rows = NULL;
	struct arena a;
	const char *name;
	char date[DATE_LEN], when[TIME_LEN];
	int64_t at;
	size_t n;
	int ret = -1;

	assert(store_in_transaction(s));
	arena_init(&a);
	if (event != REGISTER_IN && event != REGISTER_OUT) {
		op_fail(e, OP_INVALID, "event", "is in or out");
		goto out;
	}
	if (core_setting_get(s, who->setting_id, &set, e) ||
	    entry_time(&set, day, minute, date, &at, e) ||
	    staff_name(s, who->setting_id, staff_id, &a, &name, e) ||
	    day_entries(s, STMT_REGISTER_STAFF_EVENTS, who->setting_id, date, staff_id, day,
	                set.time_zone, &rows, &n, e) ||
	    check_alternation(rows, n, 0, event, at, minute, name, e) ||
	    insert_staff_row(s, who, staff_id, date, event, at, 0, id, e))
		goto out;
	time_format(minute, when);
	ret = audit_write(s, who, event == REGISTER_IN ? "register.staff_in" : "register.staff_out",
	                  "register_staff", *id, 0,
	                  arena_printf(&a, "%s %s %s", register_event_names[event], date, when), e);
out:
	free(rows);
	arena_free(&a);
	return ret;
}

int core_register_staff_correct(struct store *s, const struct actor *who, int64_t entry_id,
                                int minute, int64_t *id, struct op_error *e)
{
	struct setting set;
	struct register_row *rows = NULL;
	struct store_stmt *st;
	struct arena a;
	const char *name, *date;
	char was[TIME_LEN], now[TIME_LEN];
	enum register_event ev;
	int64_t staff_id, old_at, at;
	size_t n;
	int rc, day, ret = -1, corrected;

	assert(store_in_transaction(s));
	arena_init(&a);
	st = store_stmt(s, STMT_REGISTER_STAFF_GET);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, entry_id);
	rc = store_step(st);
	if (rc != STORE_ROW) {
		store_finish(st);
		if (rc == STORE_DONE)
			op_fail(e, OP_NOT_FOUND, "entry",
			        "there is no staff register entry %" PRId64, entry_id);
		else
			op_store_fail(e, s, rc, "reading the staff register entry");
		goto out;
	}
	staff_id = store_col_int(st, 0);
	date = arena_strdup(&a, store_col_text(st, 1));
	ev = strcmp(store_col_text(st, 2), "out") == 0 ? REGISTER_OUT : REGISTER_IN;
	old_at = store_col_int(st, 3);
	corrected = store_col_int(st, 4) > 0;
	store_finish(st);
	if (corrected) {
		op_fail(e, OP_CONFLICT, "entry",
		        "entry %" PRId64
		        " has been corrected already: correct the latest correction",
		        entry_id);
		goto out;
	}
	if (minute < 0 || minute > 24 * 60) {
		op_fail(e, OP_INVALID, "at", "give a time of day, HH:MM");
		goto out;
	}
	if (date_parse(date, &day) != 0) {
		op_fail(e, OP_FAILED, "entry", "entry %" PRId64 " has a bad date", entry_id);
		goto out;
	}
	if (core_setting_get(s, who->setting_id, &set, e) ||
	    staff_name(s, who->setting_id, staff_id, &a, &name, e))
		goto out;
	at = date_instant(day, minute, set.time_zone);
	if (day_entries(s, STMT_REGISTER_STAFF_EVENTS, who->setting_id, date, staff_id, day,
	                set.time_zone, &rows, &n, e) ||
	    check_alternation(rows, n, entry_id, ev, at, minute, name, e) ||
	    insert_staff_row(s, who, staff_id, date, ev, at, entry_id, id, e))
		goto out;
	time_format(core_register_minute(old_at, day, set.time_zone), was);
	time_format(minute, now);
	ret = audit_write(s, who, "register.staff_correct", "register_staff", *id, 0,
	                  arena_printf(&a, "entry %" PRId64 ": %s %s %s -> %s", entry_id,
	                               register_event_names[ev], date, was, now),
	                  e);
out:
	free(rows);
	arena_free(&a);
	return ret;
}

int core_register_set_collection_password(struct store *s, const struct actor *who,
                                          int64_t contact_id, const char *password,
                                          struct op_error *e)
{
	char hash[crypto_pwhash_STRBYTES];
	struct store_stmt *st;
	size_t len = password ? strlen(password) : 0;
	int rc;
	if (len < 4 || len > 128)
		return op_fail(e, OP_INVALID, "password", "use 4 to 128 characters");
	if (core_password_hash(password, hash, sizeof hash) != 0)
		return op_fail(e, OP_FAILED, "password", "could not hash the password");
	st = store_stmt(s, STMT_REGISTER_SET_PASSWORD);
	store_bind_text(st, 1, hash);
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, contact_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "setting the collection password");
	if (store_changes(s) == 0)
		return op_fail(e, OP_NOT_FOUND, "contact", "there is no contact %" PRId64,
		               contact_id);
	return audit_write(s, who, "contact.collection_password", "contact", contact_id, 0,
	                   "collection password set", e);
}

int core_register_absence(struct store *s, const struct actor *who, int64_t child_id, int day,
                          const char *reason, const char *follow_up, int64_t *id,
                          struct op_error *e)
{
	static const struct field_spec reason_field = {"reason", F_ENUM, 1, 0, 0, absence_reasons};
	struct setting set;
	struct child_info ci;
	struct register_row *rows = NULL;
	struct store_stmt *st;
	struct field_value v;
	struct arena a;
	const char *text;
	char date[DATE_LEN], why[200];
	size_t n = 0;
	int rc, ret = -1;

	assert(store_in_transaction(s));
	arena_init(&a);
	if (valid_field(&reason_field, reason ? reason : "unexplained", &v, &a, why, sizeof why)) {
		op_fail(e, OP_INVALID, "reason", "%s", why);
		goto out;
	}
	date_format(day, date);
	if (core_setting_get(s, who->setting_id, &set, e) ||
	    child_info(s, who->setting_id, child_id, &a, &ci, e) ||
	    check_text(&follow_up_spec, follow_up, &a, &text, e) ||
	    day_entries(s, STMT_REGISTER_CHILD_EVENTS, who->setting_id, date, child_id, day,
	                set.time_zone, &rows, &n, e))
		goto out;
	if (n > 0) {
		op_fail(e, OP_CONFLICT, "date", "%s (%s) was signed in on %s", ci.name, ci.code,
		        date);
		goto out;
	}
	st = store_stmt(s, STMT_REGISTER_ABSENCE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, v.s);
	store_bind_text(st, 5, text);
	store_bind_id(st, 6, who->user_id);
	store_bind_int(st, 7, time_now());
	rc = store_run(st);
	if (rc == STORE_CONSTRAINT) {
		op_fail(e, OP_CONFLICT, "date", "an absence is already recorded for %s (%s) on %s",
		        ci.name, ci.code, date);
		goto out;
	}
	if (rc != STORE_OK) {
		op_store_fail(e, s, rc, "recording the absence");
		goto out;
	}
	*id = store_last_id(s);
	ret = audit_write(s, who, "register.absence", "child_absence", *id, child_id,
	                  arena_printf(&a, "%s %s; follow-up: %s", date, v.s, text), e);
out:
	free(rows);
	arena_free(&a);
	return ret;
}

/* ---- the register of a day ---- */

struct day_row {
	int64_t id, person, corrects, created_at, first;
	enum register_event event;
	int minute;
	const char *key_person, *collected, *override, *by;
	const char *code, *name, *room;
};

/* "in corrected from 08:00 by Sam at 2026-03-02 10:05" for an effective row
 * that corrects another; "" for an original. */
static const char *correction_words(const struct day_row *rows, const struct id_index *index,
                                    size_t n, const struct day_row *r, const char *tz,
                                    struct arena *a)
{
	const struct day_row *first = r;
	char was[TIME_LEN], when[TIME_LEN], on[DATE_LEN];
	int day, minute;
	for (size_t guard = 0; first->corrects && guard < n; guard++) {
		struct id_index key = {.id = first->corrects}, *hit;
		hit = find_n(&key, index, n, sizeof key, by_index_id);
		if (!hit)
			break;
		first = &rows[hit->at];
	}
	if (first == r)
		return "";
	time_format(first->minute, was);
	date_local(r->created_at, tz, &day, &minute);
	date_format(day, on);
	time_format(minute, when);
	return arena_printf(a, "%s corrected from %s by %s at %s %s",
	                    register_event_names[r->event], was,
	                    *r->by ? r->by : "the command line", on, when);
}

static int by_time_first(const void *a, const void *b)
{
	const struct day_row *x = a, *y = b;
	if (x->minute != y->minute)
		return (x->minute > y->minute) - (x->minute < y->minute);
	if (x->first != y->first)
		return (x->first > y->first) - (x->first < y->first);
	return (x->id > y->id) - (x->id < y->id);
}

/* Pair the day's rows (in query order: by person, then time) into people
 * and sessions; within a person, entries of one minute in the order their
 * first entries were made (by_person_time's rule). */
static void build_people(struct day_row *rows, size_t n, const char *tz, struct arena *a,
                         struct register_person **people, size_t *npeople)
{
	struct id_index *index = xmalloc((n ? n : 1) * sizeof *index);
	int64_t *corrected = xmalloc((n ? n : 1) * sizeof *corrected);
	int64_t *ids = xmalloc((n ? n : 1) * sizeof *ids),
	        *corrects = xmalloc((n ? n : 1) * sizeof *corrects),
	        *first = xmalloc((n ? n : 1) * sizeof *first);
	size_t nc = 0, cap = 0;
	*people = NULL;
	*npeople = 0;
	for (size_t i = 0; i < n; i++) {
		ids[i] = rows[i].id;
		corrects[i] = rows[i].corrects;
	}
	first_ids(ids, corrects, n, first);
	for (size_t i = 0; i < n; i++)
		rows[i].first = first[i];
	free(ids);
	free(corrects);
	free(first);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && rows[j].person == rows[i].person;)
			j++;
		sort_n(&rows[i], j - i, sizeof *rows, by_time_first);
	}
	for (size_t i = 0; i < n; i++) {
		index[i] = (struct id_index){rows[i].id, i};
		if (rows[i].corrects)
			corrected[nc++] = rows[i].corrects;
	}
	sort_n(index, n, sizeof *index, by_index_id);
	sort_n(corrected, nc, sizeof *corrected, by_int64);
	for (size_t i = 0; i < n; i++) {
		const struct day_row *r = &rows[i];
		struct register_person *p;
		struct register_session *ss;
		const char *fix;
		if (find_n(&r->id, corrected, nc, sizeof *corrected, by_int64))
			continue; /* a later row corrects it */
		if (!*npeople || (*people)[*npeople - 1].id != r->person) {
			if (*npeople == cap) {
				cap = cap ? 2 * cap : 32;
				*people = xrealloc(*people, cap * sizeof **people);
			}
			p = &(*people)[(*npeople)++];
			memset(p, 0, sizeof *p);
			p->id = r->person;
			p->code = r->code;
			p->name = r->name;
			p->room = r->room;
		}
		p = &(*people)[*npeople - 1];
		fix = correction_words(rows, index, n, r, tz, a);
		/* a sign-out closes the open session; anything else starts one */
		if (r->event == REGISTER_OUT && p->nsessions &&
		    p->sessions[p->nsessions - 1].out_id == 0 &&
		    p->sessions[p->nsessions - 1].in_id) {
			ss = &p->sessions[p->nsessions - 1];
		} else {
			/* sessions live in the arena: copy into a bigger block when full */
			struct register_session *grown =
			    arena_alloc(a, (p->nsessions + 1) * sizeof *grown);
			if (p->nsessions)
				memcpy(grown, p->sessions, p->nsessions * sizeof *grown);
			p->sessions = grown;
			ss = &p->sessions[p->nsessions++];
			memset(ss, 0, sizeof *ss);
			ss->in = ss->out = -1;
			ss->key_person = ss->key_person_out = ss->in_by = ss->out_by = "";
			ss->collected_by = ss->collection_override = ss->corrections = "";
		}
		if (r->event == REGISTER_IN) {
			ss->in_id = r->id;
			ss->in = r->minute;
			ss->key_person = r->key_person;
			ss->in_by = r->by;
		} else {
			ss->out_id = r->id;
			ss->out = r->minute;
			ss->key_person_out = r->key_person;
			ss->out_by = r->by;
			ss->collected_by = r->collected;
			ss->collection_override = r->override;
		}
		if (*fix)
			ss->corrections = *ss->corrections
			                      ? arena_printf(a, "%s; %s", ss->corrections, fix)
			                      : fix;
	}
	for (size_t i = 0; i < *npeople; i++) {
		struct register_person *p = &(*people)[i];
		for (size_t k = 0; k < p->nsessions; k++)
			if (p->sessions[k].in >= 0 && p->sessions[k].out >= p->sessions[k].in)
				p->minutes += p->sessions[k].out - p->sessions[k].in;
	}
	free(index);
	free(corrected);
}

static int read_child_rows(struct store *s, int64_t setting_id, struct register_day *r,
                           const char *tz, struct day_row **rows, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REGISTER_CHILD_DAY);
	size_t cap = 0;
	int rc;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, r->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct day_row *d;
		const char *preferred = store_col_text(st, 13);
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*rows = xrealloc(*rows, cap * sizeof **rows);
		}
		d = &(*rows)[(*n)++];
		d->id = store_col_int(st, 0);
		d->person = store_col_int(st, 1);
		d->event = strcmp(store_col_text(st, 2), "out") == 0 ? REGISTER_OUT : REGISTER_IN;
		d->minute = core_register_minute(store_col_int(st, 3), r->day, tz);
		d->corrects = store_col_int(st, 4);
		d->key_person = arena_strdup(&r->arena, store_col_text(st, 5));
		d->collected = arena_strdup(&r->arena, store_col_text(st, 6));
		d->override = arena_strdup(&r->arena, store_col_text(st, 7));
		d->by = arena_strdup(&r->arena, store_col_text(st, 8));
		d->created_at = store_col_int(st, 9);
		d->code = arena_strdup(&r->arena, store_col_text(st, 10));
		d->name = arena_printf(&r->arena, "%s %s",
		                       *preferred ? preferred : store_col_text(st, 11),
		                       store_col_text(st, 12));
		d->room = arena_strdup(&r->arena, store_col_text(st, 14));
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the register");
	return 0;
}

static int read_staff_rows(struct store *s, int64_t setting_id, struct register_day *r,
                           const char *tz, struct day_row **rows, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REGISTER_STAFF_DAY);
	size_t cap = 0;
	int rc;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, r->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct day_row *d;
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			*rows = xrealloc(*rows, cap * sizeof **rows);
		}
		d = &(*rows)[(*n)++];
		memset(d, 0, sizeof *d);
		d->id = store_col_int(st, 0);
		d->person = store_col_int(st, 1);
		d->event = strcmp(store_col_text(st, 2), "out") == 0 ? REGISTER_OUT : REGISTER_IN;
		d->minute = core_register_minute(store_col_int(st, 3), r->day, tz);
		d->corrects = store_col_int(st, 4);
		d->by = arena_strdup(&r->arena, store_col_text(st, 5));
		d->created_at = store_col_int(st, 6);
		d->code = arena_strdup(&r->arena, store_col_text(st, 7));
		d->name = arena_strdup(&r->arena, store_col_text(st, 8));
		d->key_person = d->collected = d->override = d->room = "";
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the staff register");
	return 0;
}

static int read_absences(struct store *s, int64_t setting_id, struct register_day *r,
                         struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_REGISTER_ABSENCES_DAY);
	size_t cap = 0;
	int rc;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, r->date);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct register_absence *ab;
		const char *preferred = store_col_text(st, 4);
		if (r->nabsences == cap) {
			cap = cap ? 2 * cap : 16;
			r->absences = xrealloc(r->absences, cap * sizeof *r->absences);
		}
		ab = &r->absences[r->nabsences++];
		ab->child_id = store_col_int(st, 0);
		ab->code = arena_strdup(&r->arena, store_col_text(st, 1));
		ab->name =
		    arena_printf(&r->arena, "%s %s", *preferred ? preferred : store_col_text(st, 2),
		                 store_col_text(st, 3));
		ab->room = arena_strdup(&r->arena, store_col_text(st, 5));
		ab->reason = arena_strdup(&r->arena, store_col_text(st, 6));
		ab->notified = (int)store_col_int(st, 7);
		ab->note = arena_strdup(&r->arena, store_col_text(st, 8));
		ab->follow_up = arena_strdup(&r->arena, store_col_text(st, 9));
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the day's absences");
	return 0;
}

int core_register_load(struct store *s, int64_t setting_id, int day, struct register_day *r,
                       struct op_error *e)
{
	struct setting set;
	struct day_row *rows = NULL;
	size_t n = 0;
	int ret = -1;
	memset(r, 0, sizeof *r);
	arena_init(&r->arena);
	r->day = day;
	date_format(day, r->date);
	if (core_setting_get(s, setting_id, &set, e) ||
	    read_child_rows(s, setting_id, r, set.time_zone, &rows, &n, e))
		goto out;
	build_people(rows, n, set.time_zone, &r->arena, &r->children, &r->nchildren);
	n = 0;
	if (read_staff_rows(s, setting_id, r, set.time_zone, &rows, &n, e))
		goto out;
	build_people(rows, n, set.time_zone, &r->arena, &r->staff, &r->nstaff);
	ret = read_absences(s, setting_id, r, e);
out:
	free(rows);
	return ret;
}

void core_register_free(struct register_day *r)
{
	free(r->children);
	free(r->staff);
	free(r->absences);
	arena_free(&r->arena);
	memset(r, 0, sizeof *r);
}

static json_t *time_or_null(int minute)
{
	char t[TIME_LEN];
	if (minute < 0)
		return json_null();
	time_format(minute, t);
	return json_string(t);
}

static json_t *people_json(const struct register_person *people, size_t n, int children)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct register_person *p = &people[i];
		json_t *o = json_object(), *sessions = json_array();
		json_object_set_new(o, "id", json_string(p->code));
		json_object_set_new(o, "name", json_string(p->name));
		if (children)
			json_object_set_new(o, "room", json_string(p->room));
		json_object_set_new(o, "minutes", json_integer(p->minutes));
		for (size_t k = 0; k < p->nsessions; k++) {
			const struct register_session *ss = &p->sessions[k];
			json_t *so = json_object();
			json_object_set_new(so, "in", time_or_null(ss->in));
			json_object_set_new(so, "out", time_or_null(ss->out));
			json_object_set_new(so, "in_entry",
			                    ss->in_id ? json_integer(ss->in_id) : json_null());
			json_object_set_new(so, "out_entry",
			                    ss->out_id ? json_integer(ss->out_id) : json_null());
			if (children) {
				json_object_set_new(so, "key_person", json_string(ss->key_person));
				json_object_set_new(so, "key_person_out",
				                    json_string(ss->key_person_out));
				json_object_set_new(so, "collected_by",
				                    json_string(ss->collected_by));
				json_object_set_new(so, "collection_override",
				                    json_string(ss->collection_override));
			}
			json_object_set_new(so, "in_by", json_string(ss->in_by));
			json_object_set_new(so, "out_by", json_string(ss->out_by));
			json_object_set_new(so, "corrections", json_string(ss->corrections));
			json_array_append_new(sessions, so);
		}
		json_object_set_new(o, "sessions", sessions);
		json_array_append_new(list, o);
	}
	return list;
}

json_t *core_register_json(const struct register_day *r)
{
	json_t *root = json_object(), *absences = json_array();
	json_object_set_new(root, "date", json_string(r->date));
	json_object_set_new(root, "children", people_json(r->children, r->nchildren, 1));
	json_object_set_new(root, "staff", people_json(r->staff, r->nstaff, 0));
	for (size_t i = 0; i < r->nabsences; i++) {
		const struct register_absence *ab = &r->absences[i];
		json_t *o = json_object();
		json_object_set_new(o, "id", json_string(ab->code));
		json_object_set_new(o, "name", json_string(ab->name));
		json_object_set_new(o, "room", json_string(ab->room));
		json_object_set_new(o, "reason", json_string(ab->reason));
		json_object_set_new(o, "notified", json_boolean(ab->notified));
		json_object_set_new(o, "note", json_string(ab->note));
		json_object_set_new(o, "follow_up", json_string(ab->follow_up));
		json_array_append_new(absences, o);
	}
	json_object_set_new(root, "absences", absences);
	return root;
}

static int csv_people(struct buf *b, const char *date, const char *kind,
                      const struct register_person *people, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct register_person *p = &people[i];
		for (size_t k = 0; k < p->nsessions; k++) {
			const struct register_session *ss = &p->sessions[k];
			char in[TIME_LEN] = "", out[TIME_LEN] = "", hours[32] = "", by[420];
			char key[420];
			if (ss->in >= 0)
				time_format(ss->in, in);
			if (ss->out >= 0)
				time_format(ss->out, out);
			if (ss->in >= 0 && ss->out >= ss->in)
				snprintf(hours, sizeof hours, "%.2f", (ss->out - ss->in) / 60.0);
			if (*ss->key_person_out && strcmp(ss->key_person_out, ss->key_person) != 0)
				snprintf(key, sizeof key, "%s; at sign-out %s", ss->key_person,
				         ss->key_person_out);
			else
				snprintf(key, sizeof key, "%s", ss->key_person);
			if (ss->out_id && strcmp(ss->in_by, ss->out_by) != 0)
				snprintf(by, sizeof by, "in: %s; out: %s",
				         *ss->in_by ? ss->in_by : "command line",
				         *ss->out_by ? ss->out_by : "command line");
			else
				snprintf(by, sizeof by, "%s",
				         *ss->in_by ? ss->in_by : "command line");
			if (csv_write_cell(b, date, 0) || csv_write_cell(b, kind, 0) ||
			    csv_write_cell(b, p->code, 0) || csv_write_cell(b, p->name, 0) ||
			    csv_write_cell(b, p->room, 0) || csv_write_cell(b, in, 0) ||
			    csv_write_cell(b, out, 0) || csv_write_cell(b, hours, 0) ||
			    csv_write_cell(b, key, 0) || csv_write_cell(b, ss->collected_by, 0) ||
			    csv_write_cell(b, ss->collection_override, 0) ||
			    csv_write_cell(b, by, 0) || csv_write_cell(b, ss->corrections, 1))
				return -1;
		}
	}
	return 0;
}

int core_register_csv(const struct register_day *r, struct buf *out)
{
	if (buf_puts(out, "date,kind,id,name,room,in,out,hours,key_person,collected_by,"
	                  "collection_override,recorded_by,corrections\r\n") != 0)
		return -1;
	if (csv_people(out, r->date, "child", r->children, r->nchildren) != 0)
		return -1;
	return csv_people(out, r->date, "staff", r->staff, r->nstaff);
}

/* ---- unexplained absence ---- */

static int by_count(const void *a, const void *b)
{
	const struct register_absence_count *x = a, *y = b;
	if (x->absences != y->absences)
		return y->absences - x->absences;
	return strcmp(x->code, y->code);
}

static const char *family_contacts(struct store *s, int64_t setting_id, int64_t family,
                                   struct arena *a)
{
	struct store_stmt *st;
	struct buf b;
	const char *text;
	if (!family)
		return "";
	buf_init(&b, 4096);
	st = store_stmt(s, STMT_REGISTER_FAMILY_CONTACTS);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, family);
	while (store_step(st) == STORE_ROW) {
		const char *rel = store_col_text(st, 1), *phone = store_col_text(st, 2);
		if (buf_printf(&b, "%s%s%s%s%s%s%s", b.len ? "; " : "", store_col_text(st, 0),
		               *rel ? " (" : "", rel, *rel ? ")" : "", *phone ? " " : "",
		               phone) != 0)
			break;
	}
	store_finish(st);
	text = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return text;
}

int core_register_missing(struct store *s, int64_t setting_id, int day, int at, int weeks,
                          struct arena *a, struct register_missing **missing, size_t *nmissing,
                          struct register_absence_count **counts, size_t *ncounts,
                          struct op_error *e)
{
	struct today t;
	struct store_stmt *st;
	int64_t *signed_in = NULL;
	size_t nin = 0, cap = 0, mcap = 0;
	char date[DATE_LEN], from[DATE_LEN];
	int rc, ret = -1;

	*missing = NULL;
	*counts = NULL;
	*nmissing = *ncounts = 0;
	if (weeks < 1)
		weeks = 1;
	date_format(day, date);
	date_format(day - 7 * weeks + 1, from);
	if (core_today_load(s, setting_id, day, 0, &t, e) != 0)
		goto out;

	st = store_stmt(s, STMT_REGISTER_CHILDREN_IN);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, date);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (nin == cap) {
			cap = cap ? 2 * cap : 64;
			signed_in = xrealloc(signed_in, cap * sizeof *signed_in);
		}
		signed_in[nin++] = store_col_int(st, 0);
	}
	if ((rc = finish(st, rc)) != 0) {
		op_store_fail(e, s, rc, "reading the register");
		goto out;
	}
	sort_n(signed_in, nin, sizeof *signed_in, by_int64);

	st = store_stmt(s, STMT_REGISTER_ABSENCE_COUNTS);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, date);
	cap = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct register_absence_count *c;
		const char *preferred = store_col_text(st, 6);
		if (*ncounts == cap) {
			cap = cap ? 2 * cap : 16;
			*counts = xrealloc(*counts, cap * sizeof **counts);
		}
		c = &(*counts)[(*ncounts)++];
		c->child_id = store_col_int(st, 0);
		c->absences = (int)store_col_int(st, 1);
		c->unexplained = (int)store_col_int(st, 2);
		c->code = arena_strdup(a, store_col_text(st, 3));
		c->name = arena_printf(a, "%s %s", *preferred ? preferred : store_col_text(st, 4),
		                       store_col_text(st, 5));
		c->room = arena_strdup(a, store_col_text(st, 7));
	}
	if ((rc = finish(st, rc)) != 0) {
		op_store_fail(e, s, rc, "counting absences");
		goto out;
	}
	if (*ncounts)
		sort_n(*counts, *ncounts, sizeof **counts, by_count);

	for (size_t i = 0; i < t.nchildren; i++) {
		const struct today_child *c = &t.children[i];
		const struct today_staff *greeter = core_today_person(c, c->greet);
		struct register_missing *m;
		struct child_info ci;
		if (at < c->arrive + REGISTER_GRACE_MIN ||
		    find_n(&c->id, signed_in, nin, sizeof *signed_in, by_int64))
			continue;
		if (child_info(s, setting_id, c->id, a, &ci, e) != 0)
			goto out;
		if (*nmissing == mcap) {
			mcap = mcap ? 2 * mcap : 16;
			*missing = xrealloc(*missing, mcap * sizeof **missing);
		}
		m = &(*missing)[(*nmissing)++];
		memset(m, 0, sizeof *m);
		m->child_id = c->id;
		m->code = arena_strdup(a, c->code);
		m->name = arena_strdup(a, c->name);
		m->room = arena_strdup(a, c->room);
		m->arrive = c->arrive;
		m->key_person = arena_strdup(a, greeter ? greeter->name : "");
		m->contacts = family_contacts(s, setting_id, ci.family_id, a);
		for (size_t k = 0; k < *ncounts; k++)
			if ((*counts)[k].child_id == c->id) {
				m->absences = (*counts)[k].absences;
				m->unexplained = (*counts)[k].unexplained;
			}
	}
	ret = 0;
out:
	core_today_free(&t);
	free(signed_in);
	if (ret != 0) {
		free(*missing);
		free(*counts);
		*missing = NULL;
		*counts = NULL;
		*nmissing = *ncounts = 0;
	}
	return ret;
}
