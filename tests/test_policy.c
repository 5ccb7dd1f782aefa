/*
 * test_policy.c — policies and notices of core_policy on a small setting
 * built by hand (so every expected list is written out, not computed):
 * five families — Ahmed (two parents), Brown (one parent shut out by a
 * court order), Carter (only a grandmother, no parental responsibility),
 * Davies (their child has left) and Evans (their child starts next month).
 * The families asked to sign are exactly Ahmed, Brown and Evans; a
 * signature belongs to the version signed; a new version asks every family
 * again and keeps the old signatures; only a parent with parental
 * responsibility and no restriction signs, once per version, the current
 * version only, on a day between its publication and today. A notice for
 * one room reaches only the families of that room's children; a read
 * receipt is kept once.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_policy.h"
#include "date.h"
#include "store.h"

#define TODAY "2026-03-04"

static struct store *s;
static struct actor who = {.setting_id = 1, .user_id = 0, .name = "test"};
static struct arena a;
static int today;

#define exec(...) t_exec(s, __VA_ARGS__)

#define one(...) t_one(s, __VA_ARGS__)

/* contact ids: 1 Amina Ahmed, 2 Omar Ahmed, 3 Claire Brown, 4 Ben Brown
 * (no_contact), 5 Grandma Carter (no parental responsibility), 6 Hannah
 * Davies (child left), 7 Eve Evans (child starts later) */
enum { AMINA = 1, OMAR, CLAIRE, BEN, GRANDMA, HANNAH, EVE };

static int setup(void **state)
{
	const char *db;
	(void)state;
	setenv("KW_TODAY", TODAY, 1);
	db = t_path("policy.db");
	s = t_kw_store(db, "init", "--setting", "Little Acorns");
	assert_int_equal(date_parse(TODAY, &today), 0);
	arena_init(&a);
	exec("INSERT INTO room (id, setting_id, name) VALUES (1, 1, 'Acorns'), (2, 1, 'Oaks')");
	exec("INSERT INTO family (id, setting_id, name) VALUES (1, 1, 'Ahmed'), (2, 1, 'Brown'), "
	     "(3, 1, 'Carter'), (4, 1, 'Davies'), (5, 1, 'Evans')");
	exec(
	    "INSERT INTO child (setting_id, code, family_id, first_name, last_name, date_of_birth, "
	    "room_id, start_date, leaving_date) VALUES "
	    "(1, 'C1', 1, 'Zara', 'Ahmed', '2023-05-01', 1, '2025-09-01', NULL), "
	    "(1, 'C2', 2, 'Tom', 'Brown', '2022-02-01', 2, '2025-09-01', NULL), "
	    "(1, 'C3', 3, 'Ivy', 'Carter', '2023-01-01', 1, '2025-09-01', NULL), "
	    "(1, 'C4', 4, 'Max', 'Davies', '2022-03-01', 2, '2025-01-06', '2026-02-27'), "
	    "(1, 'C5', 5, 'Lily', 'Evans', '2024-01-01', 1, '2026-04-01', NULL)");
	exec("INSERT INTO contact (id, setting_id, family_id, name, parental_responsibility, "
	     "restriction) VALUES (1, 1, 1, 'Amina Ahmed', 1, 'none'), "
	     "(2, 1, 1, 'Omar Ahmed', 1, 'none'), (3, 1, 2, 'Claire Brown', 1, 'none'), "
	     "(4, 1, 2, 'Ben Brown', 1, 'no_contact'), (5, 1, 3, 'Grandma Carter', 0, 'none'), "
	     "(6, 1, 4, 'Hannah Davies', 1, 'none'), (7, 1, 5, 'Eve Evans', 1, 'none')");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&a);
	store_close(s);
	t_cleanup();
	return 0;
}

static struct field_value *values(const struct field_spec *spec, size_t n, const char *const *raw)
{
	struct field_value *v = arena_alloc(&a, n * sizeof *v);
	struct field_error fe;
	if (valid_record(spec, n, raw, v, &a, &fe) != 0)
		fail_msg("%s: %s", fe.field, fe.msg);
	return v;
}

static int64_t add_policy(const char *title, const char *published)
{
	const char *raw[POL__MAX] = {[POL_TITLE] = title,
	                             [POL_KIND] = "complaints",
	                             [POL_PUBLISHED] = published,
	                             [POL_TEXT] = "Talk to us first; you may also contact Ofsted."};
	struct op_error e;
	int64_t id;
	if (core_tx_begin(s, &e) ||
	    core_policy_add(s, &who, values(core_policy_fields, POL__MAX, raw), &id, &e) ||
	    core_tx_commit(s, &e))
		fail_msg("adding a policy: %s %s", e.field, e.msg);
	return id;
}

static int publish(int64_t policy, const char *published, int *version, struct op_error *e)
{
	const char *raw[PVER__MAX] = {[PVER_PUBLISHED] = published,
	                              [PVER_TEXT] = "Version two: the same, with the new address."};
	int rc;
	if (core_tx_begin(s, e))
		return -1;
	rc = core_policy_publish(s, &who, policy,
	                         values(core_policy_version_fields, PVER__MAX, raw), version, e);
	if (rc || core_tx_commit(s, e)) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* contact signs version of policy as name on date: 0 or the refusal's status. */
static int sign(int64_t policy, int version, int64_t contact, const char *name, const char *date)
{
	const char *raw[PSIGN__MAX] = {[PSIGN_NAME] = name, [PSIGN_DATE] = date};
	struct op_error e;
	int rc;
	if (core_tx_begin(s, &e))
		fail_msg("%s", e.msg);
	rc = core_policy_sign(s, &who, policy, version, contact,
	                      values(core_policy_sign_fields, PSIGN__MAX, raw), today, &e);
	if (rc || core_tx_commit(s, &e)) {
		store_rollback(s);
		return (int)e.status;
	}
	return 0;
}

/* The families still to sign the current version, as "Name: parents; …". */
static const char *unsigned_list(int64_t policy)
{
	struct policy_row p;
	struct policy_family *f;
	struct op_error e;
	size_t n;
	const char *t = "";
	if (core_policy_get(s, 1, policy, 0, &a, &p, &e) ||
	    core_policy_unsigned(s, 1, p.version_id, today, &a, &f, &n, &e))
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < n; i++)
		t = arena_printf(&a, "%s%s%s: %s", t, i ? "; " : "", f[i].name, f[i].parents);
	return t;
}

/* The families who signed version of policy, as "Name (signed name, date); …". */
static const char *signed_list(int64_t policy, int version)
{
	struct policy_row p;
	struct policy_signature *sig;
	struct op_error e;
	size_t n;
	const char *t = "";
	if (core_policy_get(s, 1, policy, version, &a, &p, &e) ||
	    core_policy_signatures(s, 1, p.version_id, &a, &sig, &n, &e))
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < n; i++)
		t = arena_printf(&a, "%s%s%s (%s, %s)", t, i ? "; " : "", sig[i].family,
		                 sig[i].signed_name, sig[i].signed_on);
	return t;
}

static void
test_the_families_asked_are_exactly_those_with_a_child_and_a_parent_who_may_sign(void **state)
{
	int64_t p = add_policy("Comments and complaints", "2026-03-01");
	(void)state;
	/* not Carter (no parental responsibility), not Davies (left); Ben Brown is shut out */
	assert_string_equal(
	    unsigned_list(p),
	    "Ahmed: Amina Ahmed and Omar Ahmed; Brown: Claire Brown; Evans: Eve Evans");
	assert_int_equal(sign(p, 1, OMAR, "Omar Ahmed", "2026-03-03"), 0);
	assert_string_equal(unsigned_list(p), "Brown: Claire Brown; Evans: Eve Evans");
	assert_string_equal(signed_list(p, 1), "Ahmed (Omar Ahmed, 2026-03-03)");
	/* one signature per family and version: the other parent is told it is done */
	assert_int_equal(sign(p, 1, AMINA, "Amina Ahmed", "2026-03-04"), OP_CONFLICT);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = 'policy.sign'"), 1);
}

static void test_a_new_version_asks_every_family_again_and_keeps_the_old_signatures(void **state)
{
	int64_t p = add_policy("Safeguarding", "2026-02-01");
	int version = 0;
	struct op_error e;
	(void)state;
	assert_int_equal(sign(p, 1, AMINA, "Amina Ahmed", "2026-02-02"), 0);
	assert_int_equal(sign(p, 1, CLAIRE, "Claire Brown", "2026-02-03"), 0);
	assert_int_equal(sign(p, 1, EVE, "Eve Evans", "2026-02-04"), 0);
	assert_string_equal(unsigned_list(p), "");

	/* a version published before the current one is refused */
	assert_int_equal(publish(p, "2026-01-31", &version, &e), -1);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "published_on");
	assert_int_equal(publish(p, "2026-03-02", &version, &e), 0);
	assert_int_equal(version, 2);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = 'policy.version' AND "
	                     "object_id = %lld",
	                     (long long)p),
	                 1);

	/* everyone is asked again; version 1 keeps its three signatures, version 2 has none */
	assert_string_equal(
	    unsigned_list(p),
	    "Ahmed: Amina Ahmed and Omar Ahmed; Brown: Claire Brown; Evans: Eve Evans");
	assert_string_equal(signed_list(p, 1), "Ahmed (Amina Ahmed, 2026-02-02); "
	                                       "Brown (Claire Brown, 2026-02-03); "
	                                       "Evans (Eve Evans, 2026-02-04)");
	assert_string_equal(signed_list(p, 2), "");

	/* signing the old version now is refused: the family must read the new one */
	assert_int_equal(sign(p, 1, OMAR, "Omar Ahmed", "2026-03-04"), OP_CONFLICT);
	/* the new one: not before it was published, not in the future */
	assert_int_equal(sign(p, 2, OMAR, "Omar Ahmed", "2026-03-01"), OP_INVALID);
	assert_int_equal(sign(p, 2, OMAR, "Omar Ahmed", "2026-03-05"), OP_INVALID);
	assert_int_equal(sign(p, 2, OMAR, "Omar Ahmed", "2026-03-04"), 0);
	assert_string_equal(signed_list(p, 2), "Ahmed (Omar Ahmed, 2026-03-04)");
	assert_string_equal(unsigned_list(p), "Brown: Claire Brown; Evans: Eve Evans");
	/* the family's own view: both versions, newest first */
	{
		struct policy_signature *sig;
		size_t n;
		assert_int_equal(core_policy_family_signatures(s, 1, p, 1, &a, &sig, &n, &e), 0);
		assert_int_equal(n, 2);
		assert_int_equal(sig[0].version, 2);
		assert_string_equal(sig[0].signed_name, "Omar Ahmed");
		assert_int_equal(sig[1].version, 1);
		assert_string_equal(sig[1].signed_name, "Amina Ahmed");
	}
}

static void test_only_a_parent_with_parental_responsibility_and_no_restriction_signs(void **state)
{
	int64_t p = add_policy("Medicines", "2026-03-01");
	int64_t before = one("SELECT count(*) FROM policy_signature");
	(void)state;
	assert_int_equal(sign(p, 1, GRANDMA, "Grandma Carter", "2026-03-04"), OP_FORBIDDEN);
	assert_int_equal(sign(p, 1, BEN, "Ben Brown", "2026-03-04"), OP_FORBIDDEN);
	assert_int_equal(sign(p, 1, 999, "Nobody", "2026-03-04"), OP_FORBIDDEN);
	assert_int_equal(sign(999999, 1, AMINA, "Amina Ahmed", "2026-03-04"), OP_NOT_FOUND);
	assert_int_equal(one("SELECT count(*) FROM policy_signature"), before);
	assert_int_equal(sign(p, 1, CLAIRE, "Claire Brown", "2026-03-04"), 0);
	assert_string_equal(unsigned_list(p),
	                    "Ahmed: Amina Ahmed and Omar Ahmed; Evans: Eve Evans");
}

static int64_t add_notice(const char *title, const char *room)
{
	const char *raw[NOTICE__MAX] = {[NOTICE_TITLE] = title,
	                                [NOTICE_ROOM] = room,
	                                [NOTICE_PUBLISHED] = "2026-03-02",
	                                [NOTICE_TEXT] = "Text of the notice."};
	struct op_error e;
	int64_t id;
	if (core_tx_begin(s, &e) ||
	    core_notice_add(s, &who, values(core_notice_fields, NOTICE__MAX, raw), &id, &e) ||
	    core_tx_commit(s, &e))
		fail_msg("adding a notice: %s %s", e.field, e.msg);
	return id;
}

static const char *names(const struct notice_reader *r, size_t n)
{
	const char *t = "";
	for (size_t i = 0; i < n; i++)
		t = arena_printf(&a, "%s%s%s", t, i ? ", " : "", r[i].name);
	return t;
}

static const char *titles(int64_t family, int64_t contact)
{
	struct notice_row *r;
	struct op_error e;
	size_t n;
	const char *t = "";
	if (core_notice_family_list(s, 1, family, contact, today, &a, &r, &n, &e))
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < n; i++)
		t = arena_printf(&a, "%s%s%s%s", t, i ? ", " : "", r[i].title,
		                 r[i].reads ? " (read)" : "");
	return t;
}

static void
test_a_room_notice_reaches_only_that_rooms_families_and_a_read_is_kept_once(void **state)
{
	int64_t all = add_notice("Ofsted inspection on 12 March", "");
	int64_t oaks = add_notice("Oaks trip to the library", "2");
	struct notice_reader *r, *u;
	struct op_error e;
	size_t nr, nu;
	int64_t bad = 0;
	const char *raw[NOTICE__MAX] = {[NOTICE_TITLE] = "Nowhere",
	                                [NOTICE_ROOM] = "77",
	                                [NOTICE_PUBLISHED] = "2026-03-02",
	                                [NOTICE_TEXT] = "A room of nobody's."};
	(void)state;
	/* a room the setting does not have is refused, naming the field */
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_not_equal(
	    core_notice_add(s, &who, values(core_notice_fields, NOTICE__MAX, raw), &bad, &e), 0);
	store_rollback(s);
	assert_int_equal(e.status, OP_INVALID);
	assert_string_equal(e.field, "room");

	/* the Oaks notice: the Browns (Tom is in Oaks; Ben is shut out), not the Davies (left) */
	assert_int_equal(core_notice_readers(s, 1, oaks, today, &a, &r, &nr, &u, &nu, &e), 0);
	assert_int_equal(nr, 0);
	assert_string_equal(names(u, nu), "Claire Brown");
	/* the notice for all: every parent asked, by family */
	assert_int_equal(core_notice_readers(s, 1, all, today, &a, &r, &nr, &u, &nu, &e), 0);
	assert_string_equal(names(u, nu), "Amina Ahmed, Omar Ahmed, Claire Brown, Eve Evans");
	/* the Ahmeds (Acorns) see only the notice for all; the Browns both */
	assert_string_equal(titles(1, AMINA), "Ofsted inspection on 12 March");
	assert_string_equal(titles(2, CLAIRE),
	                    "Oaks trip to the library, Ofsted inspection on 12 March");

	/* Amina opens it twice: one receipt, one audit row */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(core_tx_begin(s, &e), 0);
		assert_int_equal(core_notice_read(s, &who, all, AMINA, &e), 0);
		assert_int_equal(core_tx_commit(s, &e), 0);
	}
	assert_int_equal(
	    one("SELECT count(*) FROM notice_read WHERE notice_id = %lld", (long long)all), 1);
	assert_int_equal(one("SELECT count(*) FROM audit_log WHERE action = 'notice.read' AND "
	                     "object_id = %lld",
	                     (long long)all),
	                 1);
	assert_int_equal(core_notice_readers(s, 1, all, today, &a, &r, &nr, &u, &nu, &e), 0);
	assert_string_equal(names(r, nr), "Amina Ahmed");
	assert_string_equal(names(u, nu), "Omar Ahmed, Claire Brown, Eve Evans");
	/* the receipt is Amina's own: Omar's list still has it unread */
	assert_string_equal(titles(1, AMINA), "Ofsted inspection on 12 March (read)");
	assert_string_equal(titles(1, OMAR), "Ofsted inspection on 12 March");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_the_families_asked_are_exactly_those_with_a_child_and_a_parent_who_may_sign),
	    cmocka_unit_test(
	        test_a_new_version_asks_every_family_again_and_keeps_the_old_signatures),
	    cmocka_unit_test(
	        test_only_a_parent_with_parental_responsibility_and_no_restriction_signs),
	    cmocka_unit_test(
	        test_a_room_notice_reaches_only_that_rooms_families_and_a_read_is_kept_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
