/*
 * test_register.c — the daily register (core_register.h) on a small
 * setting built for each test: a sign-in and sign-out with the key person
 * in charge recorded (key person, buddy, or whoever signs the child in),
 * collection by a contact who may collect, a restricted contact refused
 * even with the password, someone else refused unless an override is
 * confirmed by the family's collection password, double sign-in refused
 * (also from several processes at once), corrections as new rows shown
 * with who corrected, staff signing in and out, the CSV's columns, the
 * children to follow up 30 minutes after their usual arrival and not
 * before, the follow-up recorded, repeated absence counted, every write
 * audited and the chain intact; and `kw register` end to end.
 *
 * The day is Monday 2 March 2026 (D), pinned as today with KW_TODAY.
 *   S01 Alice Key    07:30-13:30   key person of C001 Ada and C002 Ben
 *   S02 Bea Buddy    12:00-18:00   their buddy
 *   S03 Cal Cover    (no shift)    a user account is linked to Cal
 * Ada comes 08:00-17:00, Ben 09:00-15:00, Cy (C003) 10:00-16:00 with no key
 * person. Ada's family: Mum (may collect, collection password "giraffe"),
 * Dad (no_collect), Gran (no restriction, may not collect).
 */
#include "support.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit.h"
#include "core_child.h"
#include "core_register.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_user.h"
#include "store.h"

#define D "2026-03-02"
#define PASSWORD "giraffe"

struct fx {
	struct store *s;
	struct actor who;
	char db[768];
	int day;
	int64_t ada, ben, cy, mum, dad, gran, alice, bea, cal, user;
};

typedef int core_op(struct store *, const struct actor *, const struct field_value *, int64_t *,
                    struct op_error *);

static int64_t add(struct fx *f, const struct field_spec *spec, size_t n, const char *const *raw,
                   core_op *op)
{
	struct field_value v[40];
	struct field_error fe;
	struct op_error e;
	struct arena a;
	int64_t id = 0;
	assert_true(n <= 40);
	arena_init(&a);
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	if (op(f->s, &f->who, v, &id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
	arena_free(&a);
	return id;
}

static int64_t staff(struct fx *f, const char *code, const char *name)
{
	const char *raw[STAFF__MAX] = {
	    [STAFF_ID] = code, [STAFF_NAME] = name, [STAFF_ROOMS] = "Toddlers"};
	return add(f, core_staff_fields, STAFF__MAX, raw, core_staff_add);
}

static void shift(struct fx *f, const char *code, const char *from, const char *to)
{
	const char *raw[SHIFT__MAX] = {[SHIFT_STAFF] = code,
	                               [SHIFT_DATE] = D,
	                               [SHIFT_START] = from,
	                               [SHIFT_END] = to,
	                               [SHIFT_ROOM] = "Toddlers"};
	add(f, core_shift_fields, SHIFT__MAX, raw, core_shift_add);
}

static int64_t child(struct fx *f, const char *code, const char *first, const char *last,
                     const char *span, const char *key, const char *buddy)
{
	const char *raw[CHILD__MAX] = {NULL};
	raw[CHILD_ID] = code;
	raw[CHILD_FIRST_NAME] = first;
	raw[CHILD_LAST_NAME] = last;
	raw[CHILD_DATE_OF_BIRTH] = "2023-09-01";
	raw[CHILD_ROOM] = "Toddlers";
	raw[CHILD_START_DATE] = "2025-01-06";
	raw[CHILD_MON] = span;
	raw[CHILD_KEY_PERSON] = key;
	raw[CHILD_BUDDY] = buddy;
	return add(f, core_child_fields, CHILD__MAX, raw, core_child_add);
}

static int64_t contact(struct fx *f, const char *child_code, const char *name, const char *rel,
                       const char *may_collect, const char *restriction, const char *phone)
{
	const char *raw[CONTACT__MAX] = {[CONTACT_CHILD] = child_code,
	                                 [CONTACT_NAME] = name,
	                                 [CONTACT_RELATIONSHIP] = rel,
	                                 [CONTACT_PARENTAL_RESPONSIBILITY] = "yes",
	                                 [CONTACT_MAY_COLLECT] = may_collect,
	                                 [CONTACT_RESTRICTION] = restriction,
	                                 [CONTACT_PHONE] = phone};
	return add(f, core_contact_fields, CONTACT__MAX, raw, core_contact_add);
}

static void fx_open(struct fx *f, const char *name)
{
	const char *room[ROOM__MAX] = {
	    [ROOM_NAME] = "Toddlers", [ROOM_AGE_MIN_MONTHS] = "24", [ROOM_AGE_MAX_MONTHS] = "36"};
	struct user_new u = {.username = "cal",
	                     .display_name = "Cal Cover",
	                     .password = "a long enough password",
	                     .roles = 1u << ROLE_PRACTITIONER};
	struct op_error e;
	char err[512];
	memset(f, 0, sizeof *f);
	f->who.name = "test";
	f->who.ip = "";
	assert_int_equal(date_parse(D, &f->day), 0);
	snprintf(f->db, sizeof f->db, "%s", t_path(name));
	if (store_open(f->db, STORE_OPEN_CREATE, &f->s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(f->s, &e), 0);
	assert_int_equal(
	    core_setting_create(f->s, "Little Acorns", "nursery", &f->who.setting_id, &e), 0);
	add(f, core_room_fields, ROOM__MAX, room, core_room_add);
	f->alice = staff(f, "S01", "Alice Key");
	f->bea = staff(f, "S02", "Bea Buddy");
	f->cal = staff(f, "S03", "Cal Cover");
	shift(f, "S01", "07:30", "13:30");
	shift(f, "S02", "12:00", "18:00");
	f->ada = child(f, "C001", "Ada", "Adams", "08:00-17:00", "S01", "S02");
	f->ben = child(f, "C002", "Ben", "Brown", "09:00-15:00", "S01", "S02");
	f->cy = child(f, "C003", "Cy", "Cole", "10:00-16:00", NULL, NULL);
	f->mum = contact(f, "C001", "Mum Adams", "mother", "yes", NULL, "07700 900001");
	f->dad = contact(f, "C001", "Dad Adams", "father", "no", "no_collect", "");
	f->gran = contact(f, "C001", "Gran Adams", "grandmother", "no", NULL, "");
	contact(f, "C002", "Pat Brown", "mother", "yes", NULL, "07700 900002");
	assert_int_equal(core_register_set_collection_password(f->s, &f->who, f->mum, PASSWORD, &e),
	                 0);
	u.staff_id = f->cal;
	assert_int_equal(core_user_add(f->s, &f->who, &u, &f->user, &e), 0);
	assert_int_equal(core_tx_commit(f->s, &e), 0);
}

static void fx_close(struct fx *f)
{
	store_close(f->s);
}

static int64_t count(struct fx *f, const char *sql)
{
	struct store_stmt *st = store_prepare(f->s, sql);
	int64_t n = -1;
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	return n;
}

/* One register write in its own transaction, committed when it succeeds. */
static int sign(struct fx *f, const struct register_child_entry *in, int64_t *id,
                struct op_error *e)
{
	int64_t ignored;
	if (core_tx_begin(f->s, e) != 0)
		return -1;
	if (core_register_child(f->s, &f->who, in, id ? id : &ignored, e) != 0) {
		store_rollback(f->s);
		return -1;
	}
	return core_tx_commit(f->s, e);
}

static struct register_child_entry entry(int64_t child_id, enum register_event ev, int day,
                                         const char *at)
{
	struct register_child_entry in = {.child_id = child_id, .event = ev, .day = day};
	assert_int_equal(time_parse(at, &in.minute), 0);
	return in;
}

static void sign_ok(struct fx *f, const struct register_child_entry *in, int64_t *id)
{
	struct op_error e;
	if (sign(f, in, id, &e) != 0)
		fail_msg("%s: %s", e.field, e.msg);
}

static void load(struct fx *f, struct register_day *r)
{
	struct op_error e;
	if (core_register_load(f->s, f->who.setting_id, f->day, r, &e) != 0)
		fail_msg("%s", e.msg);
}

static void test_sign_in_and_out_records_the_key_person_in_charge(void **state)
{
	struct fx f;
	struct register_day r;
	struct register_child_entry in;
	int64_t in_id, out_id;
	UNUSED(state);
	fx_open(&f, "roundtrip.db");
	in = entry(f.ada, REGISTER_IN, f.day, "08:00");
	sign_ok(&f, &in, &in_id);
	in = entry(f.ada, REGISTER_OUT, f.day, "17:00");
	in.collected_by_contact = f.mum;
	sign_ok(&f, &in, &out_id);
	/* Alice is on shift at 08:00; at 17:00 only her buddy Bea is */
	assert_int_equal(
	    count(&f, "SELECT key_person_staff_id FROM register_child WHERE event = 'in'"),
	    f.alice);
	assert_int_equal(count(&f, "SELECT key_person_staff_id FROM register_child WHERE event = "
	                           "'out'"),
	                 f.bea);
	assert_int_equal(count(&f, "SELECT collected_by_contact_id FROM register_child WHERE event "
	                           "= 'out'"),
	                 f.mum);
	load(&f, &r);
	assert_int_equal(r.nchildren, 1);
	assert_string_equal(r.children[0].code, "C001");
	assert_string_equal(r.children[0].name, "Ada Adams");
	assert_string_equal(r.children[0].room, "Toddlers");
	assert_int_equal(r.children[0].nsessions, 1);
	assert_int_equal(r.children[0].sessions[0].in, 8 * 60);
	assert_int_equal(r.children[0].sessions[0].out, 17 * 60);
	assert_int_equal(r.children[0].sessions[0].in_id, in_id);
	assert_int_equal(r.children[0].sessions[0].out_id, out_id);
	assert_int_equal(r.children[0].minutes, 9 * 60);
	assert_string_equal(r.children[0].sessions[0].key_person, "Alice Key");
	assert_string_equal(r.children[0].sessions[0].key_person_out, "Bea Buddy");
	assert_string_equal(r.children[0].sessions[0].collected_by, "Mum Adams");
	assert_string_equal(r.children[0].sessions[0].collection_override, "");
	assert_string_equal(r.children[0].sessions[0].corrections, "");
	core_register_free(&r);
	fx_close(&f);
}

static void test_nobody_who_knows_the_child_on_shift_records_who_signs_in(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct register_day r;
	UNUSED(state);
	fx_open(&f, "fallback.db");
	/* 07:15: neither Alice nor Bea is on shift; Cal (the signed-in user) signs Ada in */
	f.who.user_id = f.user;
	in = entry(f.ada, REGISTER_IN, f.day, "07:15");
	sign_ok(&f, &in, NULL);
	assert_int_equal(count(&f, "SELECT key_person_staff_id FROM register_child"), f.cal);
	assert_int_equal(count(&f, "SELECT recorded_by FROM register_child"), f.user);
	/* and from the command line, --by names who signs in */
	f.who.user_id = 0;
	in = entry(f.cy, REGISTER_IN, f.day, "09:50");
	in.by_staff_id = f.bea;
	sign_ok(&f, &in, NULL);
	assert_int_equal(count(&f,
	                       "SELECT key_person_staff_id FROM register_child WHERE child_id = "
	                       "3"),
	                 f.bea);
	load(&f, &r);
	assert_string_equal(r.children[0].sessions[0].in_by, "Cal Cover");
	assert_string_equal(r.children[0].sessions[0].key_person, "Cal Cover");
	core_register_free(&r);
	fx_close(&f);
}

static void test_restricted_contact_is_refused_even_with_the_password(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct op_error e;
	UNUSED(state);
	fx_open(&f, "restricted.db");
	in = entry(f.ada, REGISTER_IN, f.day, "08:00");
	sign_ok(&f, &in, NULL);
	in = entry(f.ada, REGISTER_OUT, f.day, "16:00");
	in.collected_by_contact = f.dad;
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_int_equal(e.status, OP_FORBIDDEN);
	assert_string_equal(e.field, "collected_by");
	assert_non_null(strstr(e.msg, "must not collect"));
	in.override_reason = "says mum asked him";
	in.password = PASSWORD;
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_int_equal(e.status, OP_FORBIDDEN);
	assert_int_equal(count(&f, "SELECT count(*) FROM register_child WHERE event = 'out'"), 0);
	fx_close(&f);
}

static void test_someone_else_needs_an_override_with_the_collection_password(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct register_day r;
	struct op_error e;
	int64_t id;
	UNUSED(state);
	fx_open(&f, "override.db");
	in = entry(f.ada, REGISTER_IN, f.day, "08:00");
	sign_ok(&f, &in, NULL);
	in = entry(f.ada, REGISTER_OUT, f.day, "16:30");
	/* an unknown name, no override: refused */
	in.collected_by_name = "Auntie May";
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "collected_by");
	assert_non_null(strstr(e.msg, "not on Ada Adams's list"));
	/* a contact who may not collect: refused the same way */
	in.collected_by_name = NULL;
	in.collected_by_contact = f.gran;
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_string_equal(e.field, "collected_by");
	/* with an override and the wrong password: refused */
	in.collected_by_contact = 0;
	in.collected_by_name = "Auntie May";
	in.override_reason = "mum phoned at 15:00 to say May collects";
	in.password = "zebra";
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "password");
	/* an override without a password: refused */
	in.password = NULL;
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_string_equal(e.field, "password");
	assert_int_equal(count(&f, "SELECT count(*) FROM register_child WHERE event = 'out'"), 0);
	/* the right password: accepted, and the override is kept */
	in.password = PASSWORD;
	sign_ok(&f, &in, &id);
	assert_int_equal(count(&f,
	                       "SELECT count(*) FROM register_child WHERE event = 'out' AND "
	                       "collected_by_name = 'Auntie May' AND collection_override = 'mum "
	                       "phoned at 15:00 to say May collects'"),
	                 1);
	assert_int_equal(count(&f,
	                       "SELECT count(*) FROM audit_log WHERE action = 'register.out' AND "
	                       "detail LIKE '%override: mum phoned%'"),
	                 1);
	load(&f, &r);
	assert_string_equal(r.children[0].sessions[0].collected_by, "Auntie May");
	assert_string_equal(r.children[0].sessions[0].collection_override,
	                    "mum phoned at 15:00 to say May collects");
	core_register_free(&r);
	fx_close(&f);
}

static void test_family_without_a_collection_password_cannot_override(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct op_error e;
	UNUSED(state);
	fx_open(&f, "nopassword.db");
	in = entry(f.ben, REGISTER_IN, f.day, "09:00");
	sign_ok(&f, &in, NULL);
	in = entry(f.ben, REGISTER_OUT, f.day, "15:00");
	in.collected_by_name = "A neighbour";
	in.override_reason = "mum is delayed";
	in.password = PASSWORD;
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_string_equal(e.field, "password");
	assert_non_null(strstr(e.msg, "no collection password"));
	/* nor can another family's contact collect as if on the list */
	in.collected_by_name = NULL;
	in.override_reason = NULL;
	in.password = NULL;
	in.collected_by_contact = f.mum;
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_string_equal(e.field, "collected_by");
	fx_close(&f);
}

static void test_double_sign_in_is_refused(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct register_day r;
	struct op_error e;
	UNUSED(state);
	fx_open(&f, "double.db");
	in = entry(f.ada, REGISTER_OUT, f.day, "07:45");
	in.collected_by_contact = f.mum;
	assert_int_equal(sign(&f, &in, NULL, &e), -1); /* not signed in yet */
	assert_int_equal(e.status, OP_CONFLICT);
	in = entry(f.ada, REGISTER_IN, f.day, "08:00");
	sign_ok(&f, &in, NULL);
	in = entry(f.ada, REGISTER_IN, f.day, "08:05");
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_non_null(strstr(e.msg, "already signed in at 08:00"));
	/* out for an appointment and back: two sessions */
	in = entry(f.ada, REGISTER_OUT, f.day, "10:00");
	in.collected_by_contact = f.mum;
	sign_ok(&f, &in, NULL);
	in = entry(f.ada, REGISTER_IN, f.day, "11:30");
	sign_ok(&f, &in, NULL);
	/* a sign-in slipped in between 08:00 and 10:00 does not fit */
	in = entry(f.ada, REGISTER_IN, f.day, "09:00");
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(count(&f, "SELECT count(*) FROM register_child"), 3);
	load(&f, &r);
	assert_int_equal(r.children[0].nsessions, 2);
	assert_int_equal(r.children[0].sessions[1].in, 11 * 60 + 30);
	assert_int_equal(r.children[0].sessions[1].out, -1);
	assert_int_equal(r.children[0].minutes, 2 * 60);
	core_register_free(&r);
	/* a day in the future: refused */
	in = entry(f.ben, REGISTER_IN, f.day + 1, "09:00");
	assert_int_equal(sign(&f, &in, NULL, &e), -1);
	assert_string_equal(e.field, "date");
	fx_close(&f);
}

/* Several processes sign the same child in at once: exactly one succeeds. */
static void test_concurrent_sign_ins_let_exactly_one_through(void **state)
{
	enum { N = 6 };
	struct fx f;
	pid_t pids[N];
	int ok = 0, conflict = 0;
	UNUSED(state);
	fx_open(&f, "race.db");
	fx_close(&f);
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct fx g = f;
			struct register_child_entry in = entry(f.ada, REGISTER_IN, f.day, "08:00");
			struct op_error e;
			char err[512];
			int rc;
			if (store_open(f.db, STORE_OPEN_EXISTING, &g.s, err, sizeof err) != 0)
				_exit(3);
			in.minute += i;
			rc = sign(&g, &in, NULL, &e);
			store_close(g.s);
			_exit(rc == 0 ? 0 : e.status == OP_CONFLICT ? 1 : 2);
		}
	}
	for (int i = 0; i < N; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		ok += WEXITSTATUS(status) == 0;
		conflict += WEXITSTATUS(status) == 1;
	}
	assert_int_equal(ok, 1);
	assert_int_equal(conflict, N - 1);
	{
		char err[512];
		assert_int_equal(store_open(f.db, STORE_OPEN_EXISTING, &f.s, err, sizeof err), 0);
		assert_int_equal(count(&f, "SELECT count(*) FROM register_child"), 1);
		fx_close(&f);
	}
}

static void test_a_correction_adds_a_row_and_shows_who_corrected(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct register_day r;
	struct op_error e;
	int64_t in_id, out_id, fix_id, id;
	UNUSED(state);
	fx_open(&f, "correct.db");
	in = entry(f.ada, REGISTER_IN, f.day, "08:00");
	sign_ok(&f, &in, &in_id);
	in = entry(f.ada, REGISTER_OUT, f.day, "17:00");
	in.collected_by_contact = f.mum;
	sign_ok(&f, &in, &out_id);
	/* Cal corrects the sign-in: Ada really came at 08:20 */
	f.who.user_id = f.user;
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	if (core_register_child_correct(f.s, &f.who, in_id, 8 * 60 + 20, "typed the wrong time",
	                                &fix_id, &e) != 0)
		fail_msg("%s", e.msg);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	/* a new row, the original untouched */
	assert_int_equal(count(&f, "SELECT count(*) FROM register_child"), 3);
	assert_int_equal(count(&f, "SELECT corrects_id FROM register_child WHERE note = 'typed the "
	                           "wrong time'"),
	                 in_id);
	load(&f, &r);
	assert_int_equal(r.children[0].nsessions, 1);
	assert_int_equal(r.children[0].sessions[0].in, 8 * 60 + 20);
	assert_int_equal(r.children[0].sessions[0].in_id, fix_id);
	assert_int_equal(r.children[0].minutes, 8 * 60 + 40);
	assert_string_equal(r.children[0].sessions[0].key_person, "Alice Key");
	assert_non_null(strstr(r.children[0].sessions[0].corrections,
	                       "in corrected from 08:00 by Cal Cover at "));
	core_register_free(&r);
	/* the original cannot be corrected twice: correct the correction */
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(
	    core_register_child_correct(f.s, &f.who, in_id, 8 * 60 + 30, NULL, &id, &e), -1);
	store_rollback(f.s);
	assert_int_equal(e.status, OP_CONFLICT);
	/* a sign-out corrected to before the sign-in: refused */
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(core_register_child_correct(f.s, &f.who, out_id, 7 * 60, NULL, &id, &e),
	                 -1);
	store_rollback(f.s);
	assert_int_equal(e.status, OP_CONFLICT);
	/* an unknown entry: not found */
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(core_register_child_correct(f.s, &f.who, 999, 9 * 60, NULL, &id, &e), -1);
	store_rollback(f.s);
	assert_int_equal(e.status, OP_NOT_FOUND);
	fx_close(&f);
}

static void test_staff_sign_in_and_out(void **state)
{
	struct fx f;
	struct register_day r;
	struct op_error e;
	int64_t in_id, out_id, id;
	UNUSED(state);
	fx_open(&f, "staff.db");
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(
	    core_register_staff(f.s, &f.who, f.alice, REGISTER_IN, f.day, 7 * 60 + 25, &in_id, &e),
	    0);
	assert_int_equal(
	    core_register_staff(f.s, &f.who, f.alice, REGISTER_IN, f.day, 7 * 60 + 30, &id, &e),
	    -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(core_register_staff(f.s, &f.who, f.alice, REGISTER_OUT, f.day,
	                                     13 * 60 + 35, &out_id, &e),
	                 0);
	assert_int_equal(core_register_staff_correct(f.s, &f.who, out_id, 13 * 60 + 40, &id, &e),
	                 0);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	load(&f, &r);
	assert_int_equal(r.nstaff, 1);
	assert_string_equal(r.staff[0].code, "S01");
	assert_int_equal(r.staff[0].sessions[0].in, 7 * 60 + 25);
	assert_int_equal(r.staff[0].sessions[0].out, 13 * 60 + 40);
	assert_int_equal(r.staff[0].minutes, 6 * 60 + 15);
	assert_non_null(strstr(r.staff[0].sessions[0].corrections, "out corrected from 13:35"));
	core_register_free(&r);
	fx_close(&f);
}

static void test_register_csv_has_the_expected_columns(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct register_day r;
	struct buf b;
	struct op_error e;
	int64_t id;
	UNUSED(state);
	fx_open(&f, "csv.db");
	in = entry(f.ada, REGISTER_IN, f.day, "08:00");
	sign_ok(&f, &in, NULL);
	in = entry(f.ada, REGISTER_OUT, f.day, "17:00");
	in.collected_by_name = "May, \"Auntie\"";
	in.override_reason = "=mum phoned";
	in.password = PASSWORD;
	sign_ok(&f, &in, NULL);
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(
	    core_register_staff(f.s, &f.who, f.bea, REGISTER_IN, f.day, 12 * 60, &id, &e), 0);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	load(&f, &r);
	buf_init(&b, 1 << 20);
	assert_int_equal(core_register_csv(&r, &b), 0);
	assert_string_equal(
	    buf_str(&b), "date,kind,id,name,room,in,out,hours,key_person,collected_by,"
	                 "collection_override,recorded_by,corrections\r\n"
	                 "2026-03-02,child,C001,Ada Adams,Toddlers,08:00,17:00,9.00,Alice Key; at "
	                 "sign-out Bea Buddy,\"May, \"\"Auntie\"\"\",'=mum phoned,command line,\r\n"
	                 "2026-03-02,staff,S02,Bea Buddy,,12:00,,,,,,command line,\r\n");
	buf_free(&b);
	{
		json_t *doc = core_register_json(&r);
		json_t *s0 = json_array_get(
		    json_object_get(json_array_get(json_object_get(doc, "children"), 0),
		                    "sessions"),
		    0);
		assert_string_equal(json_string_value(json_object_get(s0, "in")), "08:00");
		assert_string_equal(json_string_value(json_object_get(s0, "key_person")),
		                    "Alice Key");
		assert_true(json_is_null(json_object_get(
		    json_array_get(json_object_get(json_array_get(json_object_get(doc, "staff"), 0),
		                                   "sessions"),
		                   0),
		    "out")));
		json_decref(doc);
	}
	core_register_free(&r);
	fx_close(&f);
}

static void missing_at(struct fx *f, const char *at, struct arena *a, struct register_missing **m,
                       size_t *nm, struct register_absence_count **c, size_t *nc)
{
	struct op_error e;
	int minute;
	assert_int_equal(time_parse(at, &minute), 0);
	if (core_register_missing(f->s, f->who.setting_id, f->day, minute, REGISTER_ABSENCE_WEEKS,
	                          a, m, nm, c, nc, &e) != 0)
		fail_msg("%s", e.msg);
}

static void test_missing_children_listed_after_30_minutes_not_before(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct register_missing *m;
	struct register_absence_count *c;
	struct register_day r;
	struct op_error e;
	struct arena a;
	size_t nm, nc;
	int64_t id;
	UNUSED(state);
	fx_open(&f, "missing.db");
	arena_init(&a);
	in = entry(f.ada, REGISTER_IN, f.day, "08:05");
	sign_ok(&f, &in, NULL);
	/* 09:29: Ben (09:00) is not yet 30 minutes late; Ada is in */
	missing_at(&f, "09:29", &a, &m, &nm, &c, &nc);
	assert_int_equal(nm, 0);
	free(m);
	free(c);
	/* 09:30: Ben is listed, with who greets him and whom to ring */
	missing_at(&f, "09:30", &a, &m, &nm, &c, &nc);
	assert_int_equal(nm, 1);
	assert_string_equal(m[0].code, "C002");
	assert_int_equal(m[0].arrive, 9 * 60);
	assert_string_equal(m[0].key_person, "Alice Key");
	assert_string_equal(m[0].contacts, "Pat Brown (mother) 07700 900002");
	free(m);
	free(c);
	/* 10:30: Cy (10:00) too */
	missing_at(&f, "10:30", &a, &m, &nm, &c, &nc);
	assert_int_equal(nm, 2);
	assert_string_equal(m[1].code, "C003");
	assert_string_equal(m[1].key_person, "");
	free(m);
	free(c);
	/* the follow-up is recorded: Ben drops off the list, the register shows why */
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	if (core_register_absence(f.s, &f.who, f.ben, f.day, "unexplained",
	                          "rang mum twice, no answer; rang gran, Ben is with her", &id, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	assert_int_equal(count(&f,
	                       "SELECT count(*) FROM child_absence WHERE reason = 'unexplained' "
	                       "AND notified = 0 AND follow_up LIKE 'rang mum twice%'"),
	                 1);
	missing_at(&f, "10:30", &a, &m, &nm, &c, &nc);
	assert_int_equal(nm, 1);
	assert_string_equal(m[0].code, "C003");
	assert_int_equal(nc, 1);
	assert_string_equal(c[0].code, "C002");
	assert_int_equal(c[0].absences, 1);
	assert_int_equal(c[0].unexplained, 1);
	free(m);
	free(c);
	load(&f, &r);
	assert_int_equal(r.nabsences, 1);
	assert_string_equal(r.absences[0].reason, "unexplained");
	core_register_free(&r);
	/* a second record for the same day, or for a child who came: refused */
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(core_register_absence(f.s, &f.who, f.ben, f.day, "illness", "x", &id, &e),
	                 -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(core_register_absence(f.s, &f.who, f.ada, f.day, "illness", "x", &id, &e),
	                 -1);
	assert_int_equal(e.status, OP_CONFLICT);
	assert_int_equal(core_register_absence(f.s, &f.who, f.cy, f.day, "bored", "x", &id, &e),
	                 -1);
	assert_string_equal(e.field, "reason");
	store_rollback(f.s);
	arena_free(&a);
	fx_close(&f);
}

static void test_repeated_absence_is_counted_per_child(void **state)
{
	struct fx f;
	struct register_missing *m;
	struct register_absence_count *c;
	struct op_error e;
	struct arena a;
	size_t nm, nc;
	int64_t id;
	UNUSED(state);
	fx_open(&f, "repeated.db");
	arena_init(&a);
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	/* Ben: three Mondays in the last six weeks and one long before */
	for (int w = 0; w < 3; w++)
		assert_int_equal(core_register_absence(f.s, &f.who, f.ben, f.day - 7 * (w + 1),
		                                       w ? "illness" : "unexplained", "rang home",
		                                       &id, &e),
		                 0);
	assert_int_equal(core_register_absence(f.s, &f.who, f.ben, f.day - 7 * 10, "illness",
	                                       "rang home", &id, &e),
	                 0);
	assert_int_equal(
	    core_register_absence(f.s, &f.who, f.cy, f.day - 7, "holiday", "told us", &id, &e), 0);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	missing_at(&f, "11:00", &a, &m, &nm, &c, &nc);
	assert_int_equal(nc, 2);
	assert_string_equal(c[0].code, "C002");
	assert_int_equal(c[0].absences, 3);
	assert_int_equal(c[0].unexplained, 1);
	assert_string_equal(c[1].code, "C003");
	assert_int_equal(c[1].absences, 1);
	/* Ben is also missing today, and his count goes with him on the list */
	for (size_t i = 0; i < nm; i++)
		if (strcmp(m[i].code, "C002") == 0)
			assert_int_equal(m[i].absences, 3);
	free(m);
	free(c);
	arena_free(&a);
	fx_close(&f);
}

static void test_every_write_is_audited_and_the_chain_holds(void **state)
{
	struct fx f;
	struct register_child_entry in;
	struct op_error e;
	int64_t id, in_id, bad = 0;
	UNUSED(state);
	fx_open(&f, "audit.db");
	in = entry(f.ada, REGISTER_IN, f.day, "08:00");
	sign_ok(&f, &in, &in_id);
	assert_int_equal(sign(&f, &in, NULL, &e), -1); /* refused: no audit row */
	in = entry(f.ada, REGISTER_OUT, f.day, "16:00");
	in.collected_by_contact = f.mum;
	sign_ok(&f, &in, NULL);
	assert_int_equal(core_tx_begin(f.s, &e), 0);
	assert_int_equal(core_register_child_correct(f.s, &f.who, in_id, 8 * 60 + 5, NULL, &id, &e),
	                 0);
	assert_int_equal(
	    core_register_staff(f.s, &f.who, f.bea, REGISTER_IN, f.day, 12 * 60, &id, &e), 0);
	assert_int_equal(core_register_staff_correct(f.s, &f.who, id, 12 * 60 + 2, &id, &e), 0);
	assert_int_equal(core_register_absence(f.s, &f.who, f.ben, f.day, NULL, "rang", &id, &e),
	                 0);
	assert_int_equal(core_register_set_collection_password(f.s, &f.who, f.gran, "kettle", &e),
	                 0);
	assert_int_equal(core_tx_commit(f.s, &e), 0);
	assert_int_equal(count(&f, "SELECT count(*) FROM audit_log WHERE action = 'register.in'"),
	                 1);
	assert_int_equal(count(&f,
	                       "SELECT count(*) FROM audit_log WHERE action = 'register.out' AND "
	                       "object_kind = 'register_child' AND child_id = 1"),
	                 1);
	assert_int_equal(
	    count(&f, "SELECT count(*) FROM audit_log WHERE action = 'register.correct'"), 1);
	assert_int_equal(
	    count(&f, "SELECT count(*) FROM audit_log WHERE action = 'register.staff_in'"), 1);
	assert_int_equal(
	    count(&f, "SELECT count(*) FROM audit_log WHERE action = 'register.staff_correct'"), 1);
	assert_int_equal(
	    count(&f, "SELECT count(*) FROM audit_log WHERE action = 'register.absence'"), 1);
	assert_int_equal(count(&f, "SELECT count(*) FROM audit_log WHERE action = "
	                           "'contact.collection_password'"),
	                 2);
	/* every register row has its audit row, and no password is in the log */
	assert_int_equal(count(&f,
	                       "SELECT count(*) FROM register_child r WHERE NOT EXISTS (SELECT 1 "
	                       "FROM audit_log a WHERE a.object_kind = 'register_child' AND "
	                       "a.object_id = r.id)"),
	                 0);
	assert_int_equal(count(&f,
	                       "SELECT count(*) FROM register_staff r WHERE NOT EXISTS (SELECT 1 "
	                       "FROM audit_log a WHERE a.object_kind = 'register_staff' AND "
	                       "a.object_id = r.id)"),
	                 0);
	assert_int_equal(count(&f, "SELECT count(*) FROM audit_log WHERE detail LIKE '%kettle%' OR "
	                           "detail LIKE '%" PASSWORD "%'"),
	                 0);
	assert_int_equal(audit_verify(f.s, f.who.setting_id, &bad), 0);
	fx_close(&f);
}

static void test_kw_register_from_the_command_line(void **state)
{
	struct fx f;
	char *out = NULL, *err = NULL, mum[32];
	UNUSED(state);
	fx_open(&f, "cli.db");
	fx_close(&f);
	snprintf(mum, sizeof mum, "%lld", (long long)f.mum);
	assert_int_equal(t_kw(f.db, &out, NULL, "register", "in", "C001", "--at", "08:00", NULL),
	                 0);
	assert_non_null(strstr(out, "C001 signed in at 08:00"));
	free(out);
	assert_int_equal(t_kw(f.db, NULL, &err, "register", "in", "C001", "--at", "08:10", NULL),
	                 1);
	assert_non_null(strstr(err, "already signed in"));
	free(err);
	assert_int_equal(t_kw(f.db, NULL, &err, "register", "out", "C001", "--at", "16:00",
	                      "--collected-by-name", "Auntie May", NULL),
	                 1);
	assert_non_null(strstr(err, "collected_by"));
	free(err);
	assert_int_equal(t_kw(f.db, &out, NULL, "register", "out", "C001", "--at", "16:00",
	                      "--collected-by", mum, NULL),
	                 0);
	free(out);
	assert_int_equal(
	    t_kw(f.db, &out, NULL, "register", "staff", "in", "S01", "--at", "07:30", NULL), 0);
	free(out);
	assert_int_equal(t_kw(f.db, &out, NULL, "register", "correct", "1", "--at", "08:15", NULL),
	                 0);
	assert_non_null(strstr(out, "corrects entry 1"));
	free(out);
	assert_int_equal(t_kw(f.db, &out, NULL, "register", "show", NULL), 0);
	assert_non_null(strstr(out, "Ada Adams (C001)"));
	assert_non_null(strstr(out, "08:15"));
	assert_non_null(strstr(out, "Mum Adams"));
	assert_non_null(strstr(out, "in corrected from 08:00"));
	assert_non_null(strstr(out, "Staff on the premises"));
	free(out);
	assert_int_equal(t_kw(f.db, &out, NULL, "register", "show", "--csv", NULL), 0);
	assert_true(strncmp(out, "date,kind,id,name,room,in,out,hours,", 36) == 0);
	assert_non_null(strstr(out, "2026-03-02,child,C001,Ada Adams,Toddlers,08:15,16:00,7.75,"));
	free(out);
	assert_int_equal(t_kw(f.db, &out, NULL, "register", "missing", "--at", "10:30", NULL), 0);
	assert_non_null(strstr(out, "C002 Ben Brown (Toddlers): usual arrival 09:00"));
	assert_non_null(strstr(out, "C003 Cy Cole"));
	free(out);
	assert_int_equal(t_kw(f.db, &out, NULL, "register", "absent", "C002", "--follow-up",
	                      "rang mum, Ben has a cold", "--reason", "illness", NULL),
	                 0);
	free(out);
	assert_int_equal(t_kw(f.db, &out, NULL, "register", "missing", "--at", "10:30", NULL), 0);
	assert_null(strstr(out, "C002"));
	free(out);
	assert_int_equal(t_kw(f.db, NULL, &err, "register", "fly", NULL), 2);
	free(err);
	assert_int_equal(t_kw(f.db, NULL, &err, "register", "in", "C999", NULL), 1);
	assert_non_null(strstr(err, "no child with id C999"));
	free(err);
}

static int cleanup(void **state)
{
	UNUSED(state);
	t_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sign_in_and_out_records_the_key_person_in_charge),
	    cmocka_unit_test(test_nobody_who_knows_the_child_on_shift_records_who_signs_in),
	    cmocka_unit_test(test_restricted_contact_is_refused_even_with_the_password),
	    cmocka_unit_test(test_someone_else_needs_an_override_with_the_collection_password),
	    cmocka_unit_test(test_family_without_a_collection_password_cannot_override),
	    cmocka_unit_test(test_double_sign_in_is_refused),
	    cmocka_unit_test(test_concurrent_sign_ins_let_exactly_one_through),
	    cmocka_unit_test(test_a_correction_adds_a_row_and_shows_who_corrected),
	    cmocka_unit_test(test_staff_sign_in_and_out),
	    cmocka_unit_test(test_register_csv_has_the_expected_columns),
	    cmocka_unit_test(test_missing_children_listed_after_30_minutes_not_before),
	    cmocka_unit_test(test_repeated_absence_is_counted_per_child),
	    cmocka_unit_test(test_every_write_is_audited_and_the_chain_holds),
	    cmocka_unit_test(test_kw_register_from_the_command_line),
	};
	if (sodium_init() < 0)
		return 1;
	setenv("KW_TODAY", D, 1);
	setenv("TZ", "Europe/London", 1);
	return cmocka_run_group_tests(tests, NULL, cleanup);
}
