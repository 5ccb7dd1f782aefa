/*
 * test_retention.c — `kw retention` on a generated ten-year history.
 *
 * The history (children joining every quarter from 2016 and leaving two
 * years later, with weekly register entries, monthly diaries and
 * observations, group observations, accidents, concerns, a medicine, staff
 * with shifts and supervisions, two children from an older system, and an
 * audit log of it all, hash-chained here by the test's own hashing) is
 * written straight into a new database. The test counts, from the dates it
 * generated, what the EYFS.md rules make due on 2026-03-04, and checks that
 * the dry run lists exactly that and writes nothing, that --apply removes
 * exactly that (a child under 25 keeps their concerns, a child with a kept
 * record keeps their row), that `kw check` verifies the pruned audit log
 * from its anchor and still catches a changed or deleted row, and that a
 * second apply removes nothing. Also: ordinary deletes of append-only rows
 * are refused outside the purge, and a setting's own rules are honoured but
 * never below the safeguarding floor.
 */
#include "support.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "store.h"

#define TODAY "2026-03-04"
/* The cut-offs on TODAY, written out by hand from EYFS.md's periods. */
#define LEAVE_CUT "2023-03-04"        /* left 3 years ago or more */
#define ACCIDENT_CUT "2004-12-04"     /* born then or before: 21 years 3 months old */
#define SAFEGUARDING_CUT "2001-03-04" /* 25 years old */
#define AUDIT_CUT "2020-03-04"        /* entries 6 years old */
#define TZ "Europe/London"

#define KIDS 40 /* generated children */
#define OLD 2   /* two children from an older system */
#define MAXEV 4000

struct kid {
	int64_t id;
	char dob[DATE_LEN], start[DATE_LEN], leave[DATE_LEN]; /* leave "" while on roll */
	int registers, diaries, observations, accidents, concerns, medicines;
};

struct event {
	int64_t at;
	int seq;
	int kid; /* -1: about no child */
	const char *action, *object_kind;
	int64_t object_id;
	char hash[65];
};

struct history {
	struct kid kids[KIDS + OLD];
	int nkids;
	int groups[KIDS][2]; /* group observations: two kids each */
	int ngroups;
	struct event ev[MAXEV];
	int nev;
	int staff_supervisions_due;
};

static struct history H;

static void sql(struct store *s, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void sql(struct store *s, const char *fmt, ...)
{
	char q[2048];
	va_list ap;
	struct store_stmt *st;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	st = store_prepare(s, q);
	if (!st)
		fail_msg("%s: %s", q, store_errmsg(s));
	if (store_run(st) != STORE_OK)
		fail_msg("%s: %s", q, store_errmsg(s));
	store_finish(st);
}

static int64_t count_of(struct store *s, const char *q)
{
	struct store_stmt *st = store_prepare(s, q);
	int64_t n;
	if (!st)
		fail_msg("%s: %s", q, store_errmsg(s));
	assert_int_equal(store_step(st), STORE_ROW);
	n = store_col_int(st, 0);
	store_finish(st);
	return n;
}

static int day_of(const char *d)
{
	int days;
	assert_int_equal(date_parse(d, &days), 0);
	return days;
}

static void add_event(int64_t at, int kid, const char *action, const char *kind, int64_t oid)
{
	struct event *e = &H.ev[H.nev];
	if (kid >= KIDS)
		return; /* the older system's children came without an audit log */
	assert_true(H.nev < MAXEV);
	*e = (struct event){.at = at,
	                    .seq = H.nev,
	                    .kid = kid,
	                    .action = action,
	                    .object_kind = kind,
	                    .object_id = oid};
	H.nev++;
}

static int by_time(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq - y->seq;
}

/* The test's own hash of an audit row (audit.c's recipe: BLAKE2b-256 over
 * the previous hash and the fields, each length-prefixed). */
static void feed(crypto_generichash_state *h, const char *s)
{
	uint64_t len = strlen(s);
	crypto_generichash_update(h, (const unsigned char *)&len, sizeof len);
	crypto_generichash_update(h, (const unsigned char *)s, len);
}

static void feed_int(crypto_generichash_state *h, int64_t v)
{
	char t[32];
	snprintf(t, sizeof t, "%lld", (long long)v);
	feed(h, t);
}

static void hash_event(const char *prev, const struct event *e, int64_t child_id, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];
	crypto_generichash_init(&h, NULL, 0, sizeof d);
	feed(&h, prev);
	feed_int(&h, 1);
	feed_int(&h, e->at);
	feed_int(&h, 0);
	feed(&h, "history");
	feed(&h, e->action);
	feed(&h, e->object_kind);
	feed_int(&h, e->object_id);
	feed_int(&h, child_id);
	feed(&h, "");
	feed(&h, "");
	crypto_generichash_final(&h, d, sizeof d);
	sodium_bin2hex(out, 65, d, sizeof d);
}

static int on_roll(const struct kid *k, int day)
{
	return day >= day_of(k->start) && (!k->leave[0] || day < day_of(k->leave));
}

static void add_kid(struct store *s, int i, int dob, int start, int leave)
{
	struct kid *k = &H.kids[i];
	int today = day_of(TODAY), end, d;
	memset(k, 0, sizeof *k);
	k->id = i + 1;
	date_format(dob, k->dob);
	date_format(start, k->start);
	if (leave < today)
		date_format(leave, k->leave);
	end = k->leave[0] ? leave : today;
	sql(s, "INSERT INTO family (id, setting_id, name) VALUES (%d, 1, 'Family %d')", i + 1,
	    i + 1);
	sql(s,
	    "INSERT INTO contact (id, setting_id, family_id, name, parental_responsibility) "
	    "VALUES (%d, 1, %d, 'Parent %d', 1)",
	    i + 1, i + 1, i + 1);
	sql(s,
	    "INSERT INTO child (id, setting_id, code, family_id, first_name, last_name, "
	    "date_of_birth, room_id, start_date, leaving_date) VALUES (%d, 1, 'C%03d', %d, "
	    "'Kid', 'Number %d', '%s', 1, '%s', %s%s%s)",
	    i + 1, i + 1, i + 1, i + 1, k->dob, k->start, k->leave[0] ? "'" : "",
	    k->leave[0] ? k->leave : "NULL", k->leave[0] ? "'" : "");
	sql(s,
	    "INSERT INTO consent (setting_id, child_id, kind, given, contact_id, given_on) "
	    "VALUES (1, %d, 'photos', 1, %d, '%s')",
	    i + 1, i + 1, k->start);
	sql(s,
	    "INSERT INTO key_assignment (setting_id, child_id, primary_staff_id, "
	    "secondary_staff_id, from_date, created_at) VALUES (1, %d, 1, 2, '%s', 0)",
	    i + 1, k->start);
	for (d = start; d < end; d += 7) {
		char day[DATE_LEN];
		date_format(d, day);
		sql(s,
		    "INSERT INTO register_child (setting_id, child_id, date, event, at, "
		    "key_person_staff_id, created_at) VALUES (1, %d, '%s', 'in', %lld, 1, 0), "
		    "(1, %d, '%s', 'out', %lld, 1, 0)",
		    i + 1, day, (long long)date_instant(d, 480, TZ), i + 1, day,
		    (long long)date_instant(d, 1020, TZ));
		k->registers += 2;
	}
	for (d = start; d < end; d += 30) {
		char day[DATE_LEN];
		date_format(d, day);
		sql(s,
		    "INSERT INTO diary_entry (setting_id, child_id, date, kind, detail, "
		    "created_at) VALUES (1, %d, '%s', 'meal', 'lunch: all of it', 0)",
		    i + 1, day);
		k->diaries++;
	}
	for (d = start + 14; d < end; d += 30) {
		char day[DATE_LEN];
		date_format(d, day);
		sql(s,
		    "INSERT INTO observation (setting_id, author_staff_id, date, text, "
		    "created_at) VALUES (1, 1, '%s', 'built a tower of six bricks', 0)",
		    day);
		sql(s,
		    "INSERT INTO observation_child (setting_id, observation_id, child_id) "
		    "VALUES (1, %lld, %d)",
		    (long long)store_last_id(s), i + 1);
		sql(s, "INSERT INTO observation_area (setting_id, observation_id, area_code) "
		       "SELECT 1, max(id), 'PSED' FROM observation");
		k->observations++;
		add_event(date_instant(d, 660, TZ), i, "observation.add", "observation", 0);
	}
	add_event(date_instant(start, 540, TZ), i, "child.enrol", "child", i + 1);
	if (k->leave[0])
		add_event(date_instant(leave, 1020, TZ), i, "child.leave", "child", i + 1);
}

static void add_accident(struct store *s, int i, int day)
{
	sql(s,
	    "INSERT INTO accident (setting_id, child_id, occurred_at, what_happened, "
	    "created_at) VALUES (1, %d, %lld, 'fell from the climbing frame', 0)",
	    i + 1, (long long)date_instant(day, 720, TZ));
	H.kids[i].accidents++;
	add_event(date_instant(day, 720, TZ), i, "accident.add", "accident", 0);
}

static void add_concern(struct store *s, int i, int day)
{
	sql(s,
	    "INSERT INTO concern (setting_id, child_id, reported_by_name, occurred_at, "
	    "seen_heard, created_at) VALUES (1, %d, 'Amy', %lld, 'a bruise on the arm', 0)",
	    i + 1, (long long)date_instant(day, 780, TZ));
	sql(s, "INSERT INTO concern_addendum (setting_id, concern_id, kind, text, by_name, "
	       "created_at) SELECT 1, max(id), 'action', 'spoke to the parent', 'DSL', 0 "
	       "FROM concern");
	H.kids[i].concerns++;
	add_event(date_instant(day, 780, TZ), i, "concern.add", "concern", 0);
}

/* Write the whole history into a new database at path. */
static void make_history(const char *path)
{
	struct store *s;
	char err[512], prev[65];
	int today = day_of(TODAY);
	memset(&H, 0, sizeof H);
	if (store_open(path, STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(store_begin(s), STORE_OK);
	sql(s, "INSERT INTO setting (id, name, created_at) VALUES (1, 'Ten Years', 0)");
	sql(s, "INSERT INTO room (id, setting_id, name) VALUES (1, 1, 'Everyone')");
	sql(s, "INSERT INTO staff (id, setting_id, code, name) VALUES (1, 1, 'S1', 'Amy'), "
	       "(2, 1, 'S2', 'Ben')");
	/* Dan left in 2018 (due after 6 years); Cat in 2021 (not yet). */
	sql(s, "INSERT INTO staff (id, setting_id, code, name, leaving_date) VALUES "
	       "(3, 1, 'S4', 'Dan', '2018-07-31'), (4, 1, 'S3', 'Cat', '2021-06-30')");
	add_event(date_instant(day_of("2015-12-01"), 600, TZ), -1, "staff.add", "staff", 3);
	for (int d = day_of("2017-03-06"); d < day_of("2017-03-20"); d++) {
		char day[DATE_LEN];
		date_format(d, day);
		sql(s,
		    "INSERT INTO shift (setting_id, staff_id, date, start_min, end_min, room_id) "
		    "VALUES (1, 3, '%s', 480, 960, 1)",
		    day);
	}
	sql(s, "INSERT INTO staff_absence (setting_id, staff_id, from_date, to_date, reason, "
	       "created_at) VALUES (1, 3, '2017-05-02', '2017-05-03', 'sick', 0)");

	for (int i = 0; i < KIDS; i++) {
		int start = day_of("2016-01-04") + i * 91;
		add_kid(s, i, date_add_months(start, -(10 + i % 20)), start, start + 730);
	}
	/* From an older system: one born in 1999 (every rule past), one born on
	 * 1 June 2001 — not 25 until after TODAY. */
	add_kid(s, KIDS, day_of("1999-05-01"), day_of("2002-01-07"), day_of("2003-07-31"));
	add_kid(s, KIDS + 1, day_of("2001-06-01"), day_of("2004-01-05"), day_of("2005-07-29"));
	H.nkids = KIDS + OLD;
	for (int i = 0; i < KIDS; i++) {
		int start = day_of(H.kids[i].start);
		if (i % 5 == 4)
			add_accident(s, i, start + 100);
		if (i % 7 == 5)
			add_concern(s, i, start + 200);
		if (i > 0 && on_roll(&H.kids[i - 1], start + 20) && start + 20 < today) {
			char day[DATE_LEN];
			date_format(start + 20, day);
			sql(s,
			    "INSERT INTO observation (setting_id, author_staff_id, date, text, "
			    "created_at) VALUES (1, 1, '%s', 'played together at the sand tray', "
			    "0)",
			    day);
			sql(s,
			    "INSERT INTO observation_child (setting_id, observation_id, child_id) "
			    "SELECT 1, max(id), %d FROM observation UNION ALL "
			    "SELECT 1, max(id), %d FROM observation",
			    i, i + 1);
			H.groups[H.ngroups][0] = i - 1;
			H.groups[H.ngroups][1] = i;
			H.ngroups++;
		}
	}
	for (int i = KIDS; i < KIDS + OLD; i++) {
		add_accident(s, i, day_of(H.kids[i].start) + 60);
		add_concern(s, i, day_of(H.kids[i].start) + 90);
	}
	sql(s, "INSERT INTO medicine_permission (setting_id, child_id, medicine, dose, "
	       "from_date, until_date) VALUES (1, 41, 'amoxicillin', '5 ml', '2002-02-01', "
	       "'2002-02-07')");
	sql(s, "INSERT INTO medicine_dose (setting_id, permission_id, given_at, dose, "
	       "given_by_staff_id, witness_staff_id) SELECT 1, max(id), 0, '5 ml', 1, 2 FROM "
	       "medicine_permission");
	H.kids[KIDS].medicines = 1;
	/* Dan's supervisions (one discussing the first child), and Cat's. */
	sql(s, "INSERT INTO supervision (id, setting_id, staff_id, supervisor_staff_id, date) "
	       "VALUES (1, 1, 3, 1, '2017-02-01'), (2, 1, 3, 1, '2018-02-01'), "
	       "(3, 1, 4, 1, '2020-02-01')");
	sql(s, "INSERT INTO supervision_child (setting_id, supervision_id, child_id) VALUES "
	       "(1, 1, 1)");
	H.staff_supervisions_due = 2;
	for (int d = day_of("2016-01-01"); d < today; d += 30)
		add_event(date_instant(d, 500, TZ), -1, "session.signin", "", 0);

	qsort(H.ev, (size_t)H.nev, sizeof H.ev[0], by_time);
	snprintf(prev, sizeof prev, "%064d", 0);
	for (int e = 0; e < H.nev; e++) {
		struct event *ev = &H.ev[e];
		int64_t child = ev->kid < 0 ? 0 : H.kids[ev->kid].id;
		char oid[24] = "NULL", cid[24] = "NULL";
		hash_event(prev, ev, child, ev->hash);
		if (ev->object_id)
			snprintf(oid, sizeof oid, "%lld", (long long)ev->object_id);
		if (child)
			snprintf(cid, sizeof cid, "%lld", (long long)child);
		sql(s,
		    "INSERT INTO audit_log (id, setting_id, at, actor, action, object_kind, "
		    "object_id, child_id, prev_hash, hash) VALUES (%d, 1, %lld, 'history', '%s', "
		    "'%s', %s, %s, '%s', '%s')",
		    e + 1, (long long)ev->at, ev->action, ev->object_kind, oid, cid, prev,
		    ev->hash);
		snprintf(prev, sizeof prev, "%s", ev->hash);
	}
	/* the rows above were written with ids of their own, as a restore does */
	assert_int_equal(store_ids_resume(s), STORE_OK);
	assert_int_equal(store_commit(s), STORE_OK);
	store_close(s);
}

/* ------------------------------------------------ what the rules make due */

struct expected {
	int64_t register_rows, diary, development, accident, medicine, safeguarding;
	int64_t children_due, children_removed, supervision, staff, audit;
	int removed[KIDS + OLD];
};

static int left_by(const struct kid *k, const char *cut)
{
	return k->leave[0] && strcmp(k->leave, cut) <= 0;
}

static void expect(struct expected *x)
{
	int64_t cut = date_instant(day_of(AUDIT_CUT), 0, TZ);
	memset(x, 0, sizeof *x);
	for (int i = 0; i < H.nkids; i++) {
		const struct kid *k = &H.kids[i];
		int due = left_by(k, LEAVE_CUT);
		int accident_due = k->leave[0] && strcmp(k->dob, ACCIDENT_CUT) <= 0;
		int concern_due = k->leave[0] && strcmp(k->dob, SAFEGUARDING_CUT) <= 0;
		if (due) {
			x->register_rows += k->registers;
			x->diary += k->diaries;
			x->development += k->observations;
			x->children_due++;
		}
		if (accident_due) {
			x->accident += k->accidents;
			x->medicine += k->medicines;
		}
		if (concern_due)
			x->safeguarding += k->concerns;
		x->removed[i] = due && (!k->accidents || accident_due) &&
		                (!k->medicines || accident_due) && (!k->concerns || concern_due);
		x->children_removed += x->removed[i];
	}
	for (int g = 0; g < H.ngroups; g++)
		if (left_by(&H.kids[H.groups[g][0]], LEAVE_CUT) &&
		    left_by(&H.kids[H.groups[g][1]], LEAVE_CUT))
			x->development++;
	x->supervision = H.staff_supervisions_due;
	x->staff = 1; /* Dan: nothing kept names him */
	/* The audit log from its start, up to the first entry too recent or
	 * about a child still held. */
	while (x->audit < H.nev) {
		const struct event *e = &H.ev[x->audit];
		if (e->at > cut || (e->kid >= 0 && !x->removed[e->kid]))
			break;
		x->audit++;
	}
}

static json_t *retention(const char *db, const char *mode)
{
	char *out = NULL, *err = NULL;
	json_error_t jerr;
	json_t *doc;
	int rc = t_kw(db, &out, &err, "retention", mode, "--json", NULL);
	if (rc != 0)
		fail_msg("kw retention %s failed (%d): %s", mode, rc, err);
	doc = json_loads(out, 0, &jerr);
	if (!doc)
		fail_msg("not JSON (%s): %s", jerr.text, out);
	free(out);
	free(err);
	return doc;
}

static json_t *kind_of(json_t *doc, const char *name)
{
	size_t i;
	json_t *k;
	json_array_foreach (json_object_get(doc, "kinds"), i, k)
		if (strcmp(json_string_value(json_object_get(k, "kind")), name) == 0)
			return k;
	fail_msg("no kind %s in the report", name);
	return NULL;
}

static int64_t due_of(json_t *doc, const char *name)
{
	return json_integer_value(json_object_get(kind_of(doc, name), "due"));
}

static void assert_report(json_t *doc, const struct expected *x)
{
	assert_int_equal(due_of(doc, "register"), x->register_rows);
	assert_int_equal(due_of(doc, "diary"), x->diary);
	assert_int_equal(due_of(doc, "development"), x->development);
	assert_int_equal(due_of(doc, "sen"), 0);
	assert_int_equal(due_of(doc, "accident"), x->accident);
	assert_int_equal(due_of(doc, "medicine"), x->medicine);
	assert_int_equal(due_of(doc, "safeguarding"), x->safeguarding);
	assert_int_equal(due_of(doc, "child"), x->children_removed);
	assert_int_equal(json_integer_value(json_object_get(kind_of(doc, "child"), "kept")),
	                 x->children_due - x->children_removed);
	assert_int_equal(due_of(doc, "supervision"), x->supervision);
	assert_int_equal(due_of(doc, "staff"), x->staff);
	assert_int_equal(due_of(doc, "audit"), x->audit);
}

static int kw_check_ok(const char *db, char **out)
{
	int rc = t_kw(db, out, NULL, "check", NULL);
	return rc == 0 && strstr(*out, "audit log of setting 1: ok") != NULL;
}

static void test_ten_years_dry_run_lists_and_apply_removes_exactly_what_is_due(void **state)
{
	char *db = t_path("ten.db"), *before, *after, *out = NULL;
	struct expected x;
	struct store *s;
	char err[512];
	json_t *dry, *applied, *again;
	int64_t registers, concerns, children, audits;
	UNUSED(state);
	setenv("KW_TODAY", TODAY, 1);
	make_history(db);
	expect(&x);
	/* The history is rich enough for every rule to bite, and not all at once. */
	assert_true(x.register_rows > 1000 && x.development > 100 && x.audit > 20);
	assert_true(x.audit < H.nev - 100); /* pruned up to a child still held */
	assert_true(x.children_removed > 5 && x.children_due > x.children_removed);
	assert_int_equal(x.safeguarding, 1);
	assert_int_equal(x.accident, 2);
	if (!kw_check_ok(db, &out))
		fail_msg("the generated history does not verify:\n%s", out);
	free(out);

	{
		if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
			fail_msg("%s", err);
		registers = count_of(s, "SELECT count(*) FROM register_child");
		concerns = count_of(s, "SELECT count(*) FROM concern");
		children = count_of(s, "SELECT count(*) FROM child");
		audits = count_of(s, "SELECT count(*) FROM audit_log");
		store_close(s);
	}

	before = t_fingerprint(db);
	dry = retention(db, "--dry-run");
	after = t_fingerprint(db);
	assert_string_equal(before, after); /* a dry run writes nothing */
	assert_report(dry, &x);
	assert_false(json_is_true(json_object_get(dry, "applied")));

	applied = retention(db, "--apply");
	assert_report(applied, &x);
	assert_int_equal(json_integer_value(json_object_get(applied, "rows")),
	                 json_integer_value(json_object_get(dry, "rows")));

	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(count_of(s, "SELECT count(*) FROM register_child"),
	                 registers - x.register_rows);
	assert_int_equal(count_of(s, "SELECT count(*) FROM concern"), concerns - x.safeguarding);
	assert_int_equal(count_of(s, "SELECT count(*) FROM child"), children - x.children_removed);
	/* The child born in June 2001 is not 25 yet: their concern and its
	 * addendum survive, and so does their own record; their accident (21
	 * years 3 months) has gone. */
	assert_int_equal(count_of(s, "SELECT count(*) FROM concern WHERE child_id = 42"), 1);
	assert_int_equal(count_of(s, "SELECT count(*) FROM concern_addendum a JOIN concern c ON "
	                             "c.id = a.concern_id WHERE c.child_id = 42"),
	                 1);
	assert_int_equal(count_of(s, "SELECT count(*) FROM child WHERE id = 42"), 1);
	assert_int_equal(count_of(s, "SELECT count(*) FROM accident WHERE child_id = 42"), 0);
	assert_int_equal(count_of(s, "SELECT count(*) FROM child WHERE id = 41"), 0);
	assert_int_equal(count_of(s, "SELECT count(*) FROM family WHERE id = 41"), 0);
	assert_int_equal(count_of(s, "SELECT count(*) FROM contact WHERE family_id = 41"), 0);
	/* Every child with a concern from the generated years keeps it. */
	for (int i = 0; i < KIDS; i++) {
		char q[160];
		snprintf(q, sizeof q, "SELECT count(*) FROM concern WHERE child_id = %d", i + 1);
		assert_int_equal(count_of(s, q), H.kids[i].concerns);
	}
	assert_int_equal(count_of(s, "SELECT count(*) FROM staff WHERE id = 3"), 0);
	assert_int_equal(count_of(s, "SELECT count(*) FROM staff WHERE id = 4"), 1);
	assert_int_equal(count_of(s, "SELECT count(*) FROM purge_in_progress"), 0);
	assert_int_equal(count_of(s, "SELECT count(*) FROM audit_prune_bound"), 0);
	/* The audit log: the anchor in the last removed entry's place, holding
	 * its hash; then the entries kept; then the purge's own entry. */
	assert_int_equal(count_of(s, "SELECT count(*) FROM audit_log"), audits - x.audit + 2);
	{
		char q[256];
		snprintf(q, sizeof q,
		         "SELECT count(*) FROM audit_log WHERE id = %lld AND action = "
		         "'audit.anchor' AND prev_hash = '%s' AND id = (SELECT min(id) FROM "
		         "audit_log)",
		         (long long)x.audit, H.ev[x.audit - 1].hash);
		assert_int_equal(count_of(s, q), 1);
	}
	assert_int_equal(count_of(s, "SELECT count(*) FROM audit_log WHERE action = "
	                             "'retention.apply' AND id = (SELECT max(id) FROM audit_log)"),
	                 1);
	store_close(s);

	out = NULL;
	if (!kw_check_ok(db, &out))
		fail_msg("kw check after the purge:\n%s", out);
	free(out);

	/* A second apply finds nothing more. */
	again = retention(db, "--apply");
	assert_int_equal(json_integer_value(json_object_get(again, "rows")), 0);
	for (size_t i = 0; i < json_array_size(json_object_get(again, "kinds")); i++)
		assert_int_equal(json_integer_value(json_object_get(
		                     json_array_get(json_object_get(again, "kinds"), i), "due")),
		                 0);
	out = NULL;
	if (!kw_check_ok(db, &out))
		fail_msg("kw check after the second purge:\n%s", out);
	free(out);
	json_decref(dry);
	json_decref(applied);
	json_decref(again);
	free(before);
	free(after);
	unsetenv("KW_TODAY");
	t_cleanup();
}

/* Change the pruned database behind the triggers' back, in a copy. */
static void tamper(const char *from, const char *to, const char *how)
{
	struct store *s;
	char err[512], cmd[1200];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	assert_int_equal(system(cmd), 0);
	if (store_open(to, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	sql(s, "DROP TRIGGER audit_no_update");
	sql(s, "DROP TRIGGER audit_no_delete");
	sql(s, "%s", how);
	store_close(s);
}

static void test_check_still_catches_a_changed_or_deleted_row_after_pruning(void **state)
{
	char *db = strdup(t_path("pruned.db")), *out = NULL;
	static const char *const tampers[] = {
	    /* the anchor's own words */
	    "UPDATE audit_log SET detail = 'nothing was removed' WHERE action = 'audit.anchor'",
	    /* the hash it holds, even with its own hash made to match nothing else */
	    "UPDATE audit_log SET prev_hash = hash WHERE action = 'audit.anchor'",
	    /* the anchor itself */
	    "DELETE FROM audit_log WHERE action = 'audit.anchor'",
	    /* the first entry kept after it */
	    "DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log WHERE action <> "
	    "'audit.anchor')",
	    /* an entry further on, changed */
	    "UPDATE audit_log SET actor = 'someone else' WHERE id = (SELECT max(id) - 3 FROM "
	    "audit_log)",
	};
	json_t *applied;
	UNUSED(state);
	T_SQLITE_FILES_ONLY(); /* each tampering is done to a copy of the file */
	setenv("KW_TODAY", TODAY, 1);
	make_history(db);
	applied = retention(db, "--apply");
	assert_true(due_of(applied, "audit") > 0);
	json_decref(applied);
	if (!kw_check_ok(db, &out))
		fail_msg("kw check after the purge:\n%s", out);
	free(out);
	for (size_t i = 0; i < ARRAY_LEN(tampers); i++) {
		char *copy = t_path("tampered.db");
		int rc;
		tamper(db, copy, tampers[i]);
		out = NULL;
		rc = t_kw(copy, &out, NULL, "check", NULL);
		if (rc == 0 || !strstr(out, "audit log of setting 1"))
			fail_msg("not caught (%d): %s\n%s", rc, tampers[i], out);
		if (strstr(out, "audit log of setting 1: ok"))
			fail_msg("not caught: %s\n%s", tampers[i], out);
		free(out);
		remove(copy);
	}
	free(db);
	unsetenv("KW_TODAY");
	t_cleanup();
}

static int run_is_refused(struct store *s, const char *q)
{
	struct store_stmt *st = store_prepare(s, q);
	int rc;
	assert_non_null(st);
	rc = store_run(st);
	store_finish(st);
	return rc != STORE_OK;
}

static void test_ordinary_deletes_of_append_only_rows_are_still_refused(void **state)
{
	struct store *s;
	char err[512];
	static const char *const refused[] = {
	    "DELETE FROM concern",
	    "DELETE FROM concern_addendum",
	    "DELETE FROM audit_log",
	    "DELETE FROM audit_log WHERE id = 1",
	    "UPDATE audit_log SET detail = 'x'",
	};
	UNUSED(state);
	make_history(t_path("refuse.db"));
	if (store_open(t_path("refuse.db"), STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	for (size_t i = 0; i < ARRAY_LEN(refused); i++)
		if (!run_is_refused(s, refused[i]))
			fail_msg("allowed outside the purge: %s", refused[i]);
	assert_int_equal(store_begin(s), STORE_OK);
	/* The purge's marker alone does not open the audit log ... */
	sql(s, "INSERT INTO purge_in_progress (setting_id, started_at) VALUES (1, 0)");
	assert_true(run_is_refused(s, "DELETE FROM audit_log WHERE id = 1"));
	/* ... nor a bound without the marker, for another setting ... */
	sql(s, "INSERT INTO audit_prune_bound (setting_id, upto_id) VALUES (2, 10)");
	assert_true(run_is_refused(s, "DELETE FROM audit_log WHERE id = 1"));
	/* ... and with both, only up to the bound: never past it. */
	sql(s, "INSERT INTO audit_prune_bound (setting_id, upto_id) VALUES (1, 3)");
	assert_true(run_is_refused(s, "DELETE FROM audit_log WHERE id = 4"));
	assert_true(run_is_refused(s, "DELETE FROM audit_log WHERE id <= 4"));
	assert_false(run_is_refused(s, "DELETE FROM audit_log WHERE id <= 3"));
	assert_true(run_is_refused(s, "UPDATE audit_log SET detail = 'x' WHERE id = 5"));
	store_rollback(s);
	/* Nothing of the marker outlives its transaction. */
	assert_int_equal(count_of(s, "SELECT count(*) FROM purge_in_progress"), 0);
	assert_int_equal(count_of(s, "SELECT count(*) FROM audit_log WHERE id <= 3"), 3);
	store_close(s);
	t_cleanup();
}

static void test_setting_rules_are_honoured_but_never_below_the_25th_birthday(void **state)
{
	char *db = t_path("rules.db");
	struct store *s;
	char err[512];
	json_t *dry;
	UNUSED(state);
	setenv("KW_TODAY", TODAY, 1);
	make_history(db);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	sql(s, "INSERT INTO retention_rule (setting_id, record_kind, basis, months) VALUES "
	       "(1, 'safeguarding', 'child_age', 12), (1, 'accident', 'after_leaving', 12)");
	store_close(s);
	dry = retention(db, "--dry-run");
	/* Safeguarding stays at 25 years: only the child born in 1999. */
	assert_int_equal(due_of(dry, "safeguarding"), 1);
	assert_non_null(
	    strstr(json_string_value(json_object_get(kind_of(dry, "safeguarding"), "rule")),
	           "25 years old (never less)"));
	/* Accidents a year after leaving: every accident of a child who left by
	 * 2025-03-04. */
	{
		int64_t n = 0;
		for (int i = 0; i < H.nkids; i++)
			if (left_by(&H.kids[i], "2025-03-04"))
				n += H.kids[i].accidents;
		assert_int_equal(due_of(dry, "accident"), n);
		assert_string_equal(
		    json_string_value(json_object_get(kind_of(dry, "accident"), "rule")),
		    "1 year after the child leaves");
	}
	json_decref(dry);
	/* A rule measured in a way that does not fit its records is refused. */
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	sql(s, "INSERT INTO retention_rule (setting_id, record_kind, basis, months) VALUES "
	       "(1, 'diary', 'after_staff_leaving', 12)");
	store_close(s);
	{
		char *err_out = NULL;
		assert_int_equal(t_kw(db, NULL, &err_out, "retention", "--dry-run", NULL), 1);
		assert_non_null(strstr(err_out, "retention_rule"));
		free(err_out);
	}
	unsetenv("KW_TODAY");
	t_cleanup();
}

/* Allegations against staff go on the day each carries (the person's 65th
 * birthday or 10 years from the report, the later): one whose day has come
 * goes with its addenda, one whose day is tomorrow stays. */
static void test_allegations_go_on_their_day_and_not_before(void **state)
{
	char *db = t_path("allegation.db");
	char today[DATE_LEN], tomorrow[DATE_LEN], sql[1024];
	json_t *doc;
	UNUSED(state);
	date_format(date_today("Europe/London"), today);
	date_format(date_today("Europe/London") + 1, tomorrow);
	assert_int_equal(t_kw(db, NULL, NULL, "demo", "--children", "20", NULL), 0);
	for (int i = 0; i < 2; i++) {
		snprintf(
		    sql, sizeof sql,
		    "INSERT INTO allegation (setting_id, staff_id, alleged, occurred_on, "
		    "reported_on, reported_by, ofsted_due, staff_date_of_birth, retain_until, "
		    "recorded_by_name, created_at) SELECT 1, min(id), 'retention test %d', "
		    "'2000-01-01', '2000-01-02', 'x', '2000-01-16', '1950-01-01', '%s', 'x', 0 "
		    "FROM staff",
		    i, i == 0 ? today : tomorrow);
		assert_int_equal(t_sql_rc(db, sql), STORE_OK);
	}
	snprintf(sql, sizeof sql,
	         "INSERT INTO allegation_addendum (setting_id, allegation_id, kind, on_date, text, "
	         "by_name, created_at) SELECT 1, id, 'outcome', '2000-02-01', 'x', 'x', 0 "
	         "FROM allegation WHERE alleged = 'retention test 0'");
	assert_int_equal(t_sql_rc(db, sql), STORE_OK);
	doc = retention(db, "--dry-run");
	assert_int_equal(due_of(doc, "allegation"), 1);
	json_decref(doc);
	json_decref(retention(db, "--apply"));
	{
		struct store *s;
		char err[256];
		assert_int_equal(store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
		assert_int_equal(count_of(s, "SELECT count(*) FROM allegation WHERE alleged = "
		                             "'retention test 0'"),
		                 0);
		assert_int_equal(count_of(s, "SELECT count(*) FROM allegation WHERE alleged = "
		                             "'retention test 1'"),
		                 1);
		assert_true(count_of(s, "SELECT count(*) FROM allegation") >= 2); /* the demo's */
		store_close(s);
	}
	doc = retention(db, "--dry-run");
	assert_int_equal(due_of(doc, "allegation"), 0);
	json_decref(doc);
	t_cleanup();
}

static void test_retention_needs_dry_run_or_apply(void **state)
{
	char *db = t_path("usage.db");
	UNUSED(state);
	assert_int_equal(t_kw(db, NULL, NULL, "init", NULL), 0);
	assert_int_equal(t_kw(db, NULL, NULL, "retention", NULL), 2);
	assert_int_equal(t_kw(db, NULL, NULL, "retention", "--dry-run", "--apply", NULL), 2);
	t_cleanup();
}

/* A table of a child's records that no rule removes would keep the child
 * for ever (their row stays while anything refers to it): every table with
 * a child_id column has a retention DELETE (the audit log is pruned). */
static void test_every_table_with_a_child_id_has_a_retention_rule(void **state)
{
	struct store *s;
	struct store_stmt *q;
	char err[512];
	UNUSED(state);
	if (store_open(t_path("cover.db"), STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	q = store_prepare(s, "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c "
	                     "WHERE m.type = 'table' AND c.name = 'child_id' ORDER BY 1");
	assert_non_null(q);
	while (store_step(q) == STORE_ROW) {
		const char *table = store_col_text(q, 0);
		char needle[128];
		int found = strcmp(table, "audit_log") == 0;
		snprintf(needle, sizeof needle, "DELETE FROM %s WHERE", table);
		for (size_t i = 0; i < STMT__MAX && !found; i++)
			found = strncmp(store_sql[i].name, "RET_", 4) == 0 &&
			        strstr(store_sql[i].sql, needle) != NULL;
		if (!found)
			fail_msg("no retention rule removes %s (add its DELETE to a kind in "
			         "core_retention.c)",
			         table);
	}
	store_finish(q);
	store_close(s);
	t_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ten_years_dry_run_lists_and_apply_removes_exactly_what_is_due),
	    cmocka_unit_test(test_check_still_catches_a_changed_or_deleted_row_after_pruning),
	    cmocka_unit_test(test_ordinary_deletes_of_append_only_rows_are_still_refused),
	    cmocka_unit_test(test_setting_rules_are_honoured_but_never_below_the_25th_birthday),
	    cmocka_unit_test(test_allegations_go_on_their_day_and_not_before),
	    cmocka_unit_test(test_retention_needs_dry_run_or_apply),
	    cmocka_unit_test(test_every_table_with_a_child_id_has_a_retention_rule),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
