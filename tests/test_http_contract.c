/*
 * test_http_contract.c — contracts and funded hours through http_handle():
 * the manager's list of reviews due and overdue, recording a contract, a
 * review and a funded place (a refused field answers 422 naming it, with
 * nothing written), the funded against attended weeks; a parent reads
 * their own child's contract and funding summary in the portal (in Polish
 * too) and never another family's or another setting's (404); other staff
 * are refused; every read of a contract leaves an audit row.
 */
#include "http_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "core_demo.h"
#include "core_user.h"
#include "date.h"
#include "store.h"
#include "web.h"

#define START "2026-03-02"
#define TODAY "2026-03-04"

static struct server srv;
static const char *db;
static int64_t own_child, other_child, foreign_child;

static int group_setup(void **state)
{
	struct store *s;
	struct op_error e;
	struct demo_options o = {.children = 30, .another = 1, .setting_name = "Otherside Nursery"};
	struct demo_summary sum;
	struct actor who = {.setting_id = 1, .name = "test"};
	char err[512];
	int64_t other_contact;
	(void)state;
	db = th_demo(&srv, "contract.db", START, TODAY, 0);
	assert_int_equal(date_parse(START, &o.start), 0);
	o.staff = core_demo_default_staff(o.children);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) || core_tx_commit(s, &e))
		fail_msg("the second setting: %s", e.msg);
	store_close(s);
	th_add_demo_users("manager", "keyperson", "senco", "parent", NULL);
	own_child =
	    th_db_int("SELECT c.id FROM child c JOIN contact k ON k.family_id = c.family_id "
	              "WHERE k.id = 1 ORDER BY c.id LIMIT 1");
	other_child = th_db_int("SELECT c.id FROM child c JOIN contact k ON k.id = 1 WHERE "
	                        "c.setting_id = 1 AND c.family_id <> k.family_id ORDER BY c.id "
	                        "LIMIT 1");
	foreign_child = th_db_int("SELECT id FROM child WHERE setting_id = 2 ORDER BY id LIMIT 1");
	other_contact = th_db_int("SELECT k.id FROM contact k JOIN child c ON c.family_id = "
	                          "k.family_id WHERE c.id = %lld AND k.parental_responsibility = 1 "
	                          "AND k.restriction = 'none' ORDER BY k.id LIMIT 1",
	                          (long long)other_child);
	assert_true(own_child > 0 && other_child > 0 && foreign_child > 0 && other_contact > 0);
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(core_tx_begin(s, &e), 0);
	th_add_user(s, &who, "otherfamily", "demo-otherfamily-2026", 1u << ROLE_PARENT, NULL,
	            other_contact);
	assert_int_equal(core_tx_commit(s, &e), 0);
	store_close(s);
	th_serve();
	return 0;
}

static const char *path_of(const char *before, int64_t id, const char *after)
{
	static char p[128];
	snprintf(p, sizeof p, "%s%lld%s", before, (long long)id, after);
	return p;
}

static int status_of(const char *cookie, const char *path)
{
	struct th_reply r = th_get(cookie, path, NULL);
	int st = r.status;
	th_reply_free(&r);
	return st;
}

static void test_the_manager_sees_reviews_due_and_overdue(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *kp = th_signin("keyperson", "demo-keyperson-2026");
	char *overdue = th_db_text("SELECT review_on || ' (overdue)' FROM contract WHERE "
	                           "setting_id = 1 AND review_on < '" TODAY "' LIMIT 1");
	struct th_reply r;
	(void)state;
	r = th_get(m, "/contracts", NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Reviews due");
	th_assert_contains(r.body, overdue);
	th_assert_contains(r.body, "1 overdue");
	th_assert_lacks(r.body, "Otherside"); /* another setting's children are not listed */
	th_reply_free(&r);
	/* the child's page links to the contract for the manager only */
	r = th_get(m, path_of("/children/", own_child, ""), NULL);
	th_assert_contains(r.body, path_of("/children/", own_child, "/contract"));
	th_reply_free(&r);
	r = th_get(kp, path_of("/children/", own_child, ""), NULL);
	assert_int_equal(r.status, 200);
	th_assert_lacks(r.body, path_of("/children/", own_child, "/contract"));
	th_reply_free(&r);
	assert_int_equal(status_of(kp, "/contracts"), 403);
	assert_int_equal(status_of(kp, path_of("/children/", own_child, "/contract")), 403);
	free(overdue);
	free(m);
	free(kp);
}

static void test_the_manager_records_a_contract_a_review_and_funding(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t c = other_child, before;
	struct th_reply r;
	(void)state;
	r = th_post(m, path_of("/children/", c, "/contract"),
	            "form=contract&start_date=2025-09-01&signed_on=2025-08-20&fee_basis=session&"
	            "fee=58.40&review_on=2026-03-20&notes=Three+full+days");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT fee_pence FROM contract WHERE child_id = %lld", (long long)c), 5840);
	r = th_get(m, "/contracts", NULL);
	th_assert_contains(r.body, "2026-03-20</td>"); /* due within 30 days */
	th_reply_free(&r);
	/* no fee for a fee per hour: 422 naming the field, nothing changed */
	r = th_post(m, path_of("/children/", c, "/contract"),
	            "form=contract&start_date=2025-09-01&fee_basis=hour&fee=");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"fee-error\"");
	th_reply_free(&r);
	assert_int_equal(
	    th_db_int("SELECT fee_pence FROM contract WHERE child_id = %lld", (long long)c), 5840);
	r = th_post(m, path_of("/children/", c, "/contract/review"),
	            "form=review&reviewed_on=2026-03-04");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM contract WHERE child_id = %lld AND "
	                           "review_on = '2027-03-04'",
	                           (long long)c),
	                 1);
	/* a funded place the child is too young for: refused, naming the kind */
	th_db_exec("UPDATE child SET date_of_birth = '2024-01-15' WHERE id = %lld", (long long)c);
	before = th_db_int("SELECT count(*) FROM child_funding");
	r = th_post(m, path_of("/children/", c, "/funding"), "form=funding&kind=working_30");
	assert_int_equal(r.status, 422);
	th_assert_contains(r.body, "id=\"kind-error\"");
	th_assert_contains(r.body, "not old enough");
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM child_funding"), before);
	r = th_post(m, path_of("/children/", c, "/funding"),
	            "form=funding&kind=working_2&eligibility_code=50012345678");
	assert_int_equal(r.status, 303);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM child_funding WHERE child_id = %lld AND "
	                           "kind = 'working_2' AND starts_on = '2026-04-01'",
	                           (long long)c),
	                 1);
	/* another setting's child: 404, nothing written */
	before = th_db_int("SELECT count(*) FROM contract");
	r = th_post(m, path_of("/children/", foreign_child, "/contract"),
	            "form=contract&start_date=2025-09-01&fee_basis=funded");
	assert_int_equal(r.status, 404);
	th_reply_free(&r);
	assert_int_equal(th_db_int("SELECT count(*) FROM contract"), before);
	assert_int_equal(status_of(m, path_of("/children/", foreign_child, "/contract")), 404);
	free(m);
}

static void test_the_contract_page_shows_funded_against_attended_weeks(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	int64_t c = th_db_int("SELECT f.child_id FROM child_funding f WHERE f.setting_id = 1 AND "
	                      "f.kind = 'working_30' AND f.starts_on <= '2026-02-23' AND EXISTS "
	                      "(SELECT 1 FROM register_child r "
	                      "WHERE r.child_id = f.child_id) ORDER BY f.child_id LIMIT 1");
	struct th_reply r;
	(void)state;
	assert_true(c > 0);
	r = th_get(m, path_of("/children/", c, "/contract"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Funded and attended hours");
	th_assert_contains(r.body,
	                   "<th scope=\"row\">2026-02-23</th><td>working_30</td><td>30</td>");
	th_assert_contains(r.body, "2026-03-02");
	th_reply_free(&r);
	free(m);
}

static void test_a_parent_sees_their_own_childs_contract_never_another_familys(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	char *o = th_signin("otherfamily", "demo-otherfamily-2026");
	struct th_reply r;
	(void)state;
	r = th_get(p, path_of("/family/children/", own_child, "/contract"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Contract and funded hours");
	th_assert_contains(r.body, "Sessions booked each week");
	th_assert_contains(r.body, "Next review of the contract");
	th_reply_free(&r);
	r = th_get(p, path_of("/family/children/", own_child, ""), NULL);
	th_assert_contains(r.body, path_of("/family/children/", own_child, "/contract"));
	th_reply_free(&r);
	assert_int_equal(status_of(p, path_of("/family/children/", other_child, "/contract")), 404);
	assert_int_equal(status_of(p, path_of("/family/children/", foreign_child, "/contract")),
	                 404);
	assert_int_equal(status_of(o, path_of("/family/children/", own_child, "/contract")), 404);
	assert_int_equal(status_of(o, path_of("/family/children/", other_child, "/contract")), 200);
	/* the staff side is not theirs */
	assert_int_equal(status_of(p, path_of("/children/", own_child, "/contract")), 403);
	assert_int_equal(status_of(p, "/contracts"), 403);
	free(p);
	free(o);
}

static void test_the_contract_page_reads_in_polish(void **state)
{
	char *p = th_signin("parent", "demo-parent-2026");
	struct th_reply r;
	(void)state;
	th_db_exec("UPDATE contact SET language = 'pl' WHERE id = 1");
	r = th_get(p, path_of("/family/children/", own_child, "/contract"), NULL);
	assert_int_equal(r.status, 200);
	th_assert_contains(r.body, "Umowa");
	th_assert_contains(r.body, "Sesje zarezerwowane w tygodniu");
	th_assert_lacks(r.body, "Sessions booked");
	th_assert_lacks(r.body, "Funded hours");
	th_assert_lacks(r.body, "per hour");
	th_reply_free(&r);
	th_db_exec("UPDATE contact SET language = 'en' WHERE id = 1");
	free(p);
}

static void test_every_read_of_a_contract_leaves_an_audit_row(void **state)
{
	char *m = th_signin("manager", "demo-manager-2026");
	char *p = th_signin("parent", "demo-parent-2026");
	int64_t staff_before =
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = 'contract.view'");
	int64_t family_before =
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = 'portal.contract.view'");
	(void)state;
	assert_int_equal(status_of(m, path_of("/children/", own_child, "/contract")), 200);
	assert_int_equal(status_of(p, path_of("/family/children/", own_child, "/contract")), 200);
	assert_int_equal(th_db_int("SELECT count(*) FROM audit_log WHERE action = 'contract.view'"),
	                 staff_before + 1);
	assert_int_equal(
	    th_db_int("SELECT count(*) FROM audit_log WHERE action = 'portal.contract.view'"),
	    family_before + 1);
	free(m);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_manager_sees_reviews_due_and_overdue),
	    cmocka_unit_test(test_the_manager_records_a_contract_a_review_and_funding),
	    cmocka_unit_test(test_the_contract_page_shows_funded_against_attended_weeks),
	    cmocka_unit_test(test_a_parent_sees_their_own_childs_contract_never_another_familys),
	    cmocka_unit_test(test_the_contract_page_reads_in_polish),
	    cmocka_unit_test(test_every_read_of_a_contract_leaves_an_audit_row),
	};
	return cmocka_run_group_tests(tests, group_setup, th_group_teardown);
}
