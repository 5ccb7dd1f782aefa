/*
 * core_retention.c — the retention rules and the purge of core_retention.h.
 *
 * kinds[] is the rule table: per record kind its basis, default period
 * (EYFS.md, "Retention"), a floor no setting may go below, the statement
 * that counts its due records (count and oldest date), and the statements
 * that remove them, in foreign-key order (a record's parts first). Every
 * statement finds what is due by comparing with cut-off dates bound from
 * here (today less the period), so the SQL stays portable:
 *
 *	s  the setting's id
 *	L  leaving cut-off: the child left on or before it
 *	D  birth cut-off: the child was born on or before it (age reached)
 *	W  leaving cut-off of a member of staff
 *	T  instant cut-off of an entry's own time (the audit log)
 *	i  the id of the row a per-row step is about
 *
 * A child's records are due only once the child has left. Rows that other
 * records still need (a child with a concern kept to their 25th birthday, a
 * member of staff named by kept records) are removed one by one and left in
 * place when the database refuses (a foreign key), counted as kept.
 * The kinds run in table order: the child's own record and families after
 * every record about the child, staff after supervision, the audit log
 * last, so that it keeps every entry about a record that is kept.
 */
#include "core_retention.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "buf.h"

enum basis {
	BASIS_AFTER_LEAVING,       /* months after the child leaves */
	BASIS_CHILD_AGE,           /* until the child is months old (and has left) */
	BASIS_AFTER_STAFF_LEAVING, /* months after the member of staff leaves */
	BASIS_STAFF_AGE_OR_YEARS,  /* allegations: 65th birthday or 10 years, per row */
	BASIS_RECORD_DATE,         /* months after the record's own date */
	BASIS__MAX
};

static const char *const basis_names[BASIS__MAX] = {
    [BASIS_AFTER_LEAVING] = "after_leaving",
    [BASIS_CHILD_AGE] = "child_age",
    [BASIS_AFTER_STAFF_LEAVING] = "after_staff_leaving",
    [BASIS_STAFF_AGE_OR_YEARS] = "staff_age_or_years",
    [BASIS_RECORD_DATE] = "record_date",
};

#define B(x) (1u << (x))
#define CHILD_BASES (B(BASIS_AFTER_LEAVING) | B(BASIS_CHILD_AGE))

struct step {
	enum stmt_id stmt;
	const char *binds;
};

struct purge;
typedef int (*per_row_fn)(struct purge *p, struct retention_result *r);

struct kind {
	const char *name, *what;
	enum basis basis;
	int months;       /* the default period */
	int min_months;   /* no setting's rule goes below it */
	unsigned bases;   /* the bases a setting's rule may choose */
	enum stmt_id due; /* count(*), min(date) of the due records */
	const char *due_binds;
	struct step steps[14];
	per_row_fn per_row; /* rows removed one by one, after the steps */
};

/* The cut-offs of one kind's rule. */
struct purge {
	struct store *s;
	const struct actor *who;
	const char *tz;
	char leave[DATE_LEN], born[DATE_LEN], staff_leave[DATE_LEN], today[DATE_LEN];
	int64_t instant;
	struct op_error *e;
};

static int child_rows(struct purge *p, struct retention_result *r);
static int staff_rows(struct purge *p, struct retention_result *r);
static int audit_rows(struct purge *p, struct retention_result *r);

#define CHILD "ssLD"      /* DELETE FROM t WHERE setting_id = ? AND child_id IN (due children) */
#define VIA "sssLD"       /* ... through the record it belongs to */
#define WHOLLY "sssLDsLD" /* ... of an observation all of whose children are due */

/* clang-format off */
static const struct kind kinds[] = {
    {.name = "register",
     .what = "register entries, absences, bookings, key people",
     .basis = BASIS_AFTER_LEAVING, .months = 36, .bases = CHILD_BASES,
     .due = STMT_RET_REGISTER_DUE, .due_binds = CHILD,
     .steps = {{STMT_RET_REGISTER_CHILD_DEL, CHILD},
               {STMT_RET_CHILD_ABSENCE_DEL, CHILD},
               {STMT_RET_BOOKING_DEL, CHILD},
               {STMT_RET_KEY_ASSIGNMENT_DEL, CHILD}}},
    {.name = "diary",
     .what = "diary entries, messages, weekly updates",
     .basis = BASIS_AFTER_LEAVING, .months = 36, .bases = CHILD_BASES,
     .due = STMT_RET_DIARY_DUE, .due_binds = CHILD,
     .steps = {{STMT_RET_DIARY_ENTRY_DEL, CHILD},
               {STMT_RET_HANDOVER_ACK_DEL, VIA},
               {STMT_RET_HANDOVER_MESSAGE_DEL, CHILD},
               {STMT_RET_PORTAL_MESSAGE_DEL, CHILD},
               {STMT_RET_WEEKLY_UPDATE_DEL, CHILD},
               {STMT_RET_OUTBOX_DEL, CHILD}}},
    {.name = "development",
     .what = "observations and learning records",
     .basis = BASIS_AFTER_LEAVING, .months = 36, .bases = CHILD_BASES,
     .due = STMT_RET_OBSERVATION_DUE, .due_binds = "ssLDsLD",
     .steps = {{STMT_RET_PLANNED_EXPERIENCE_DEL, "ssLDssLDsLD"},
               {STMT_RET_OBSERVATION_REPLY_DEL, WHOLLY},
               {STMT_RET_OBSERVATION_PHOTO_DEL, WHOLLY},
               {STMT_RET_OBSERVATION_AREA_DEL, WHOLLY},
               {STMT_RET_OBSERVATION_DEL, WHOLLY},
               {STMT_RET_OBSERVATION_LINK_DEL, CHILD}, /* their line of a group one kept */
               {STMT_RET_TWO_YEAR_CHECK_DEL, CHILD},
               {STMT_RET_PROGRESS_MEETING_DEL, CHILD},
               {STMT_RET_CHILD_ABOUT_DEL, CHILD},
               {STMT_RET_SETTLING_VISIT_DEL, CHILD},
               {STMT_RET_TRANSITION_VISIT_DEL, VIA},
               {STMT_RET_TRANSITION_DEL, CHILD},
               {STMT_RET_SUPERVISION_CHILD_LINK_DEL, CHILD}}},
    /* SEN support runs to 25 (SEND Code of Practice 0-25): kept as long. */
    {.name = "sen",
     .what = "SEN and behaviour records",
     .basis = BASIS_CHILD_AGE, .months = 25 * 12, .bases = CHILD_BASES,
     .due = STMT_RET_SEN_DUE, .due_binds = CHILD,
     .steps = {{STMT_RET_SEN_PROGRAMME_DEL, CHILD},
               {STMT_RET_PLAN_REVIEW_DEL, CHILD},
               {STMT_RET_SEN_RECORD_DEL, CHILD},
               {STMT_RET_SEN_PLAN_DEL, CHILD},
               {STMT_RET_SEN_AGENCY_DEL, CHILD},
               {STMT_RET_LSA_HOURS_DEL, CHILD},
               {STMT_RET_SEN_PROFILE_DEL, CHILD},
               {STMT_RET_BEHAVIOUR_INCIDENT_DEL, CHILD},
               {STMT_RET_BEHAVIOUR_PLAN_DEL, CHILD},
               {STMT_RET_BEHAVIOUR_INTERVENTION_DEL, CHILD}}},
    {.name = "accident",
     .what = "accidents, incidents and injuries",
     .basis = BASIS_CHILD_AGE, .months = 21 * 12 + 3, .bases = CHILD_BASES,
     .due = STMT_RET_ACCIDENT_DUE, .due_binds = CHILD,
     .steps = {{STMT_RET_ACCIDENT_DEL, CHILD}}},
    /* Medicine records go with accident records (common practice). */
    {.name = "medicine",
     .what = "medicine permissions and doses",
     .basis = BASIS_CHILD_AGE, .months = 21 * 12 + 3, .bases = CHILD_BASES,
     .due = STMT_RET_MEDICINE_DUE, .due_binds = CHILD,
     .steps = {{STMT_RET_MEDICINE_DOSE_DEL, VIA}, {STMT_RET_MEDICINE_PERMISSION_DEL, CHILD}}},
    /* Never before the 25th birthday, whatever a setting's rule says. */
    {.name = "safeguarding",
     .what = "safeguarding concerns and their addenda",
     .basis = BASIS_CHILD_AGE, .months = 25 * 12, .min_months = 25 * 12,
     .bases = B(BASIS_CHILD_AGE),
     .due = STMT_RET_CONCERN_DUE, .due_binds = CHILD,
     .steps = {{STMT_RET_CONCERN_SEEN_DEL, VIA},
               {STMT_RET_CONCERN_ADDENDUM_DEL, VIA},
               {STMT_RET_CONCERN_DEL, CHILD}}},
    /* The child's own record, the contract with the family: once nothing
     * else about the child is kept; the family with its contacts once no
     * child of it is left. */
    {.name = "child",
     .what = "children's own records, consents, families and contacts",
     .basis = BASIS_AFTER_LEAVING, .months = 36, .bases = CHILD_BASES,
     .due = STMT_RET_CHILD_DUE, .due_binds = "sLD",
     .steps = {{STMT_RET_CONSENT_DEL, CHILD},
               {STMT_RET_CHILD_ATTENDANCE_DEL, CHILD},
               {STMT_RET_CONTRACT_DEL, CHILD},
               {STMT_RET_CHILD_FUNDING_DEL, CHILD},
               {STMT_RET_CHILD_DIET_DEL, CHILD},
               {STMT_RET_HEALTH_NOTE_DEL, CHILD},
               {STMT_RET_HV_REVIEW_DEL, CHILD}},
     .per_row = child_rows},
    {.name = "supervision",
     .what = "supervision records",
     .basis = BASIS_AFTER_STAFF_LEAVING, .months = 72, .bases = B(BASIS_AFTER_STAFF_LEAVING),
     .due = STMT_RET_SUPERVISION_DUE, .due_binds = "ssW",
     .steps = {{STMT_RET_SUPERVISION_CHILD_DEL, "sssW"}, {STMT_RET_SUPERVISION_DEL, "ssW"}}},
    {.name = "staff",
     .what = "staff records: shifts, absences, register, the person",
     .basis = BASIS_AFTER_STAFF_LEAVING, .months = 72, .bases = B(BASIS_AFTER_STAFF_LEAVING),
     .due = STMT_RET_STAFF_DUE, .due_binds = "sW",
     .steps = {{STMT_RET_STAFF_SHIFT_DEL, "ssW"},
               {STMT_RET_STAFF_STAFF_ABSENCE_DEL, "ssW"},
               {STMT_RET_STAFF_REGISTER_STAFF_DEL, "ssW"},
               {STMT_RET_STAFF_HANDOVER_ACK_DEL, "ssW"},
               {STMT_RET_STAFF_STAFF_ROOM_DEL, "ssW"},
               {STMT_RET_STAFF_STAFF_LANGUAGE_DEL, "ssW"},
               {STMT_RET_STAFF_STAFF_PATTERN_DEL, "ssW"}},
     .per_row = staff_rows},
    /* Allegations against staff: each row carries the day it may go
     * (retain_until: the person's 65th birthday or 10 years from the
     * report, whichever is later), worked out when it was recorded. */
    {.name = "allegation",
     .what = "allegations against staff",
     .basis = BASIS_STAFF_AGE_OR_YEARS, .months = 65 * 12, .min_months = 65 * 12,
     .bases = B(BASIS_STAFF_AGE_OR_YEARS),
     .due = STMT_RET_ALLEGATION_DUE, .due_binds = "sY",
     .steps = {{STMT_RET_ALLEGATION_ADDENDUM_DEL, "ssY"}, {STMT_RET_ALLEGATION_DEL, "sY"}}},
    {.name = "audit",
     .what = "audit log entries (from its start)",
     .basis = BASIS_RECORD_DATE, .months = 72, .bases = B(BASIS_RECORD_DATE),
     .due = STMT_RET_AUDIT_DUE, .due_binds = "ssTs",
     .per_row = audit_rows},
};
/* clang-format on */
_Static_assert(ARRAY_LEN(kinds) <= RETENTION_KINDS_MAX, "room for every kind in a report");

static void bind(struct purge *p, struct store_stmt *st, const char *binds, int64_t id)
{
	for (int i = 0; binds[i]; i++) {
		switch (binds[i]) {
		case 's':
			store_bind_int(st, i + 1, p->who->setting_id);
			break;
		case 'L':
			store_bind_text(st, i + 1, p->leave);
			break;
		case 'D':
			store_bind_text(st, i + 1, p->born);
			break;
		case 'W':
			store_bind_text(st, i + 1, p->staff_leave);
			break;
		case 'T':
			store_bind_int(st, i + 1, p->instant);
			break;
		case 'Y':
			store_bind_text(st, i + 1, p->today);
			break;
		case 'i':
			store_bind_int(st, i + 1, id);
			break;
		default:
			assert(!"unknown bind letter");
		}
	}
}

/* Run a DELETE; *removed gains the rows it removed. With tolerate, a
 * foreign key's refusal is an answer (1: kept), not a failure. */
static int run(struct purge *p, enum stmt_id id, const char *binds, int64_t row, int tolerate,
               int64_t *removed)
{
	struct store_stmt *st = store_stmt(p->s, id);
	int rc;
	bind(p, st, binds, row);
	rc = store_run(st);
	if (rc == STORE_CONSTRAINT && tolerate)
		return 1;
	if (rc != STORE_OK)
		return op_store_fail(p->e, p->s, rc, store_sql[id].name);
	*removed += store_changes(p->s);
	return 0;
}

/* The ids (and a second column) a candidates statement lists, in pairs;
 * NULL only when the store failed (e set). */
static int64_t *ids_of(struct purge *p, enum stmt_id id, const char *binds, int64_t row, size_t *n)
{
	struct store_stmt *st = store_stmt(p->s, id);
	size_t cap = 32;
	int64_t *ids = xmalloc(cap * sizeof *ids);
	int rc;
	*n = 0;
	bind(p, st, binds, row);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n + 2 > cap) {
			cap *= 2;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[(*n)++] = store_col_int(st, 0);
		ids[(*n)++] = store_col_count(st) > 1 ? store_col_int(st, 1) : 0;
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(p->e, p->s, rc, store_sql[id].name);
		free(ids);
		*n = 0;
		return NULL;
	}
	return ids;
}

static int contact_remove(struct purge *p, int64_t contact, struct retention_result *r)
{
	static const enum stmt_id access[] = {STMT_RET_CONTACT_SESSION_DEL,
	                                      STMT_RET_CONTACT_ROLE_DEL};
	for (size_t i = 0; i < ARRAY_LEN(access); i++)
		if (run(p, access[i], "ssi", contact, 0, &r->rows) != 0)
			return -1;
	if (run(p, STMT_RET_CONTACT_USER_DEL, "si", contact, 0, &r->rows) != 0 ||
	    run(p, STMT_RET_CONTACT_CHANGE_DEL, "si", contact, 0, &r->rows) != 0)
		return -1;
	return run(p, STMT_RET_CONTACT_DEL, "si", contact, 1, &r->rows) < 0 ? -1 : 0;
}

/* The children due, one by one (a child with records kept longer stays),
 * then the families left without a child, with their contacts. */
static int child_rows(struct purge *p, struct retention_result *r)
{
	size_t n, nf = 0;
	int64_t *ids = ids_of(p, STMT_RET_CHILD_CANDIDATES, "sLD", 0, &n), *families;
	int ret = -1;
	if (!ids)
		return -1;
	families = xmalloc((n / 2 + 1) * sizeof *families);
	r->records = 0;
	for (size_t i = 0; i < n; i += 2) {
		int rc = run(p, STMT_RET_CHILD_DEL, "si", ids[i], 1, &r->rows);
		if (rc < 0)
			goto out;
		if (rc == 1) {
			r->kept++;
			continue;
		}
		r->records++;
		if (ids[i + 1])
			families[nf++] = ids[i + 1];
	}
	for (size_t f = 0; f < nf; f++) {
		struct store_stmt *st = store_stmt(p->s, STMT_RET_FAMILY_EMPTY);
		int64_t *contacts;
		size_t nc;
		int rc;
		bind(p, st, "si", families[f]);
		rc = store_step(st);
		store_finish(st);
		if (rc == STORE_DONE)
			continue; /* a brother or sister is still here, or done already */
		if (rc != STORE_ROW) {
			op_store_fail(p->e, p->s, rc, "finding families left");
			goto out;
		}
		contacts = ids_of(p, STMT_RET_FAMILY_CONTACTS, "si", families[f], &nc);
		if (!contacts)
			goto out;
		for (size_t c = 0; c < nc; c += 2)
			if (contact_remove(p, contacts[c], r) != 0) {
				free(contacts);
				goto out;
			}
		free(contacts);
		if (run(p, STMT_RET_FAMILY_DEL, "si", families[f], 1, &r->rows) < 0)
			goto out;
	}
	ret = 0;
out:
	free(ids);
	free(families);
	return ret;
}

/* Members of staff due, one by one: their access to the setting goes;
 * the person stays while kept records name them. */
static int staff_rows(struct purge *p, struct retention_result *r)
{
	size_t n;
	int64_t *ids = ids_of(p, STMT_RET_STAFF_CANDIDATES, "sW", 0, &n);
	int ret = -1;
	if (!ids)
		return -1;
	r->records = 0;
	for (size_t i = 0; i < n; i += 2) {
		int rc;
		if (run(p, STMT_RET_STAFF_SESSION_DEL, "ssi", ids[i], 0, &r->rows) != 0 ||
		    run(p, STMT_RET_STAFF_ROLE_DEL, "ssi", ids[i], 0, &r->rows) != 0 ||
		    run(p, STMT_RET_STAFF_USER_DEL, "si", ids[i], 0, &r->rows) != 0)
			goto out;
		rc = run(p, STMT_RET_STAFF_DEL, "si", ids[i], 1, &r->rows);
		if (rc < 0)
			goto out;
		if (rc == 1)
			r->kept++;
		else
			r->records++;
	}
	ret = 0;
out:
	free(ids);
	return ret;
}

/* The audit log, from its start up to the first entry still needed (too
 * recent, or about a child or member of staff still held), never its
 * newest: removed, and an anchor left in the last removed entry's place
 * holding that entry's hash, which the first entry kept chains from. */
static int audit_rows(struct purge *p, struct retention_result *r)
{
	struct store_stmt *st = store_stmt(p->s, STMT_RET_AUDIT_DUE);
	char prev[160], detail[400], first[DATE_LEN], last[DATE_LEN];
	int64_t count, upto, oldest, at, removed = 0, bound = 0;
	int days, rc;

	bind(p, st, "ssTs", 0);
	rc = store_step(st);
	if (rc != STORE_ROW)
		return op_store_fail(p->e, p->s, rc, "finding the audit log's due entries");
	count = store_col_int(st, 0);
	upto = store_col_int(st, 1);
	oldest = store_col_int(st, 2);
	store_finish(st);
	r->records = count;
	if (count == 0)
		return 0;
	st = store_stmt(p->s, STMT_RET_AUDIT_ROW);
	bind(p, st, "si", upto);
	rc = store_step(st);
	if (rc != STORE_ROW)
		return op_store_fail(p->e, p->s, rc, "reading the audit log");
	snprintf(prev, sizeof prev, "%s", store_col_text(st, 0));
	at = store_col_int(st, 1);
	if (count == 1 && strcmp(store_col_text(st, 2), AUDIT_ANCHOR) == 0) {
		store_finish(st); /* only the last prune's anchor: nothing new to remove */
		r->records = 0;
		return 0;
	}
	store_finish(st);

	if (run(p, STMT_RETENTION_BOUND, "si", upto, 0, &bound) != 0 ||
	    run(p, STMT_RET_AUDIT_PRUNE, "si", upto, 0, &removed) != 0)
		return -1;
	assert(removed == count);
	r->rows += removed;
	date_local(oldest, p->tz, &days, NULL);
	date_format(days, first);
	date_local(at, p->tz, &days, NULL);
	date_format(days, last);
	snprintf(r->oldest, sizeof r->oldest, "%s", first);
	snprintf(detail, sizeof detail,
	         "%" PRId64
	         " entries removed by retention, from %s to %s, the last with id %" PRId64
	         "; prev_hash is its hash, which the next entry chains from",
	         count, first, last, upto);
	if (audit_anchor(p->s, p->who, upto, at, prev, detail, p->e) != 0)
		return -1;
	st = store_stmt(p->s, STMT_RETENTION_UNBOUND);
	store_bind_int(st, 1, p->who->setting_id);
	rc = store_run(st);
	return rc == STORE_OK ? 0 : op_store_fail(p->e, p->s, rc, "ending the audit prune");
}

/* The setting's own period and basis for a kind, else the defaults. */
static int rule_of(struct store *s, int64_t setting_id, const struct kind *k, enum basis *basis,
                   int *months, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_RETENTION_RULES);
	int rc;
	*basis = k->basis;
	*months = k->months;
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *name = store_col_text(st, 1);
		int b = 0;
		if (strcmp(store_col_text(st, 0), k->name) != 0)
			continue;
		while (b < BASIS__MAX && strcmp(basis_names[b], name) != 0)
			b++;
		if (b == BASIS__MAX || !(k->bases & B(b))) {
			char measured[64];
			snprintf(measured, sizeof measured, "%s", name);
			store_finish(st);
			return op_fail(e, OP_INVALID, "retention_rule",
			               "the rule for %s is measured %s, which does not apply to %s",
			               k->name, measured, k->what);
		}
		*basis = (enum basis)b;
		*months = (int)store_col_int(st, 2);
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the retention rules");
	return 0;
}

static void period_words(int months, char *out, size_t n)
{
	if (months % 12 == 0)
		snprintf(out, n, "%d year%s", months / 12, months == 12 ? "" : "s");
	else if (months > 12)
		snprintf(out, n, "%d years %d months", months / 12, months % 12);
	else
		snprintf(out, n, "%d months", months);
}

static void rule_words(enum basis b, int months, int floored, char *out, size_t n)
{
	char period[48];
	period_words(months, period, sizeof period);
	switch (b) {
	case BASIS_AFTER_LEAVING:
		snprintf(out, n, "%s after the child leaves", period);
		break;
	case BASIS_CHILD_AGE:
		snprintf(out, n, "until the child is %s old%s", period,
		         floored ? " (never less)" : "");
		break;
	case BASIS_AFTER_STAFF_LEAVING:
		snprintf(out, n, "%s after the person leaves", period);
		break;
	case BASIS_STAFF_AGE_OR_YEARS:
		snprintf(out, n, "until the person is %s old or 10 years, the longer", period);
		break;
	default:
		snprintf(out, n, "%s after the entry, never before what it is about", period);
		break;
	}
}

static void oldest_words(struct store_stmt *st, const char *tz, char out[DATE_LEN])
{
	int days;
	out[0] = '\0';
	if (store_col_null(st, 1))
		return;
	if (store_col_type(st, 1) == 'i') {
		date_local(store_col_int(st, 1), tz, &days, NULL);
		date_format(days, out);
	} else {
		snprintf(out, DATE_LEN, "%s", store_col_text(st, 1));
	}
}

static int run_kind(struct purge *p, const struct kind *k, int today, struct retention_result *r)
{
	static const char never[] = "9999-12-31";
	struct store_stmt *st;
	enum basis basis;
	int months, cut, rc;

	memset(r, 0, sizeof *r);
	r->kind = k->name;
	r->what = k->what;
	if (rule_of(p->s, p->who->setting_id, k, &basis, &months, p->e) != 0)
		return -1;
	rule_words(basis, months < k->min_months ? k->min_months : months, months < k->min_months,
	           r->rule, sizeof r->rule);
	if (months < k->min_months)
		months = k->min_months;
	cut = date_add_months(today, -months);
	snprintf(p->leave, sizeof p->leave, "%s", never);
	snprintf(p->born, sizeof p->born, "%s", never);
	snprintf(p->staff_leave, sizeof p->staff_leave, "%s", "0000-00-00");
	p->instant = 0;
	date_format(today, p->today);
	if (basis == BASIS_AFTER_LEAVING)
		date_format(cut, p->leave);
	else if (basis == BASIS_CHILD_AGE)
		date_format(cut, p->born);
	else if (basis == BASIS_AFTER_STAFF_LEAVING)
		date_format(cut, p->staff_leave);
	else if (basis == BASIS_RECORD_DATE)
		p->instant = date_instant(cut, 0, p->tz);

	st = store_stmt(p->s, k->due);
	bind(p, st, k->due_binds, 0);
	rc = store_step(st);
	if (rc != STORE_ROW)
		return op_store_fail(p->e, p->s, rc, store_sql[k->due].name);
	r->records = store_col_int(st, 0);
	if (basis != BASIS_RECORD_DATE) /* the audit log's oldest is set by audit_rows */
		oldest_words(st, p->tz, r->oldest);
	store_finish(st);
	for (size_t i = 0; i < ARRAY_LEN(k->steps) && k->steps[i].binds; i++)
		if (run(p, k->steps[i].stmt, k->steps[i].binds, 0, 0, &r->rows) != 0)
			return -1;
	if (k->per_row && k->per_row(p, r) != 0)
		return -1;
	return 0;
}

int core_retention_run(struct store *s, const struct actor *who, int today, const char *tz,
                       int apply, struct retention_report *r, struct op_error *e)
{
	struct purge p = {.s = s, .who = who, .tz = tz, .e = e};
	struct store_stmt *st;
	struct buf detail;
	int rc, ret = -1;

	memset(r, 0, sizeof *r);
	memset(e, 0, sizeof *e);
	assert(store_in_transaction(s));
	buf_init(&detail, 1024);
	st = store_stmt(s, STMT_RETENTION_MARK);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, time_now());
	store_bind_id(st, 3, who->user_id);
	rc = store_run(st);
	if (rc != STORE_OK) {
		op_store_fail(e, s, rc, "starting the retention purge");
		goto out;
	}
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		struct retention_result *k = &r->kinds[r->n++];
		if (run_kind(&p, &kinds[i], today, k) != 0)
			goto out;
		r->rows += k->rows;
		if (k->rows && buf_printf(&detail, "%s%s %" PRId64, detail.len ? ", " : "", k->kind,
		                          k->rows) != 0)
			goto out_long;
	}
	st = store_stmt(s, STMT_RETENTION_UNMARK);
	store_bind_int(st, 1, who->setting_id);
	rc = store_run(st);
	if (rc != STORE_OK) {
		op_store_fail(e, s, rc, "ending the retention purge");
		goto out;
	}
	if (apply) {
		char text[1200];
		snprintf(text, sizeof text, "%" PRId64 " rows removed%s%s", r->rows,
		         r->rows ? ": " : "", buf_str(&detail));
		if (audit_write(s, who, "retention.apply", "retention", 0, 0, text, e) != 0)
			goto out;
	}
	ret = 0;
	goto out;
out_long:
	op_fail(e, OP_FAILED, "", "the purge's summary is too long");
out:
	buf_free(&detail);
	return ret;
}
