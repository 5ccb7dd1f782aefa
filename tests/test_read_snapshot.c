/*
 * test_read_snapshot.c — a page's read snapshot (store_read_begin, taken
 * for every GET) never changes what a write does: a transaction begun in
 * it, or a statement that writes on its own, is committed and seen by
 * another connection before the request ends; the snapshot is not taken
 * for a write transaction (store_in_transaction), and after it ends the
 * connection reads the latest data.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "core.h"
#include "core_setting.h"
#include "store.h"

static struct store *open_db(enum store_open_mode mode)
{
	struct store *s = NULL;
	char err[512];
	if (store_open(t_path("snap.db"), mode, &s, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	return s;
}

static int64_t settings(struct store *s)
{
	struct store_stmt *st = store_stmt(s, STMT_SETTING_COUNT);
	int64_t n = -1;
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	return n;
}

static int64_t add_setting(struct store *s, const char *name)
{
	struct op_error e;
	int64_t id = 0;
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_setting_create(s, name, "nursery", &id, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	return id;
}

static void test_a_transaction_begun_in_a_snapshot_is_committed_at_once(void **state)
{
	struct store *page = open_db(STORE_OPEN_CREATE), *other = open_db(STORE_OPEN_EXISTING);
	UNUSED(state);
	add_setting(page, "Little Acorns");
	store_read_begin(page);
	assert_int_equal(store_in_transaction(page), 0); /* a snapshot is not a write */
	assert_int_equal(settings(page), 1);
	add_setting(page, "Oak Tree");
	assert_int_equal(settings(other), 2); /* committed before the request ends */
	store_read_end(page);
	store_close(other);
	store_close(page);
	t_cleanup();
}

static void test_a_statement_that_writes_runs_on_its_own(void **state)
{
	struct store *page = open_db(STORE_OPEN_CREATE), *other = open_db(STORE_OPEN_EXISTING);
	struct setting set;
	struct op_error e;
	char err[256];
	int64_t id;
	UNUSED(state);
	id = add_setting(page, "Little Acorns");
	store_read_begin(page);
	assert_int_equal(settings(page), 1);
	assert_int_equal(
	    t_sql_script(page, "UPDATE setting SET name = 'Willow Room Nursery'", err, sizeof err),
	    0);
	assert_int_equal(core_setting_get(other, id, &set, &e), 0);
	assert_string_equal(set.name, "Willow Room Nursery");
	store_read_end(page);
	store_close(other);
	store_close(page);
	t_cleanup();
}

static void test_after_the_snapshot_the_latest_data_is_read(void **state)
{
	struct store *page = open_db(STORE_OPEN_CREATE), *other = open_db(STORE_OPEN_EXISTING);
	UNUSED(state);
	add_setting(page, "Little Acorns");
	store_read_begin(page);
	assert_int_equal(settings(page), 1);
	add_setting(other, "Oak Tree");
	store_read_end(page);
	assert_int_equal(settings(page), 2);
	store_read_end(page); /* ending twice is harmless */
	store_rollback(page); /* and so is a rollback with nothing begun */
	assert_int_equal(settings(page), 2);
	store_close(other);
	store_close(page);
	t_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_a_transaction_begun_in_a_snapshot_is_committed_at_once),
	    cmocka_unit_test(test_a_statement_that_writes_runs_on_its_own),
	    cmocka_unit_test(test_after_the_snapshot_the_latest_data_is_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
