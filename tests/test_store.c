/*
 * test_store.c — the store's promises: migrations reach the same schema
 * from every earlier version, every catalogue statement prepares, the
 * append-only tables refuse UPDATE and DELETE (except inside the retention
 * purge), the audit chain detects a changed row, a damaged or foreign file
 * is refused untouched, new files are private (0600), backups verify.
 */
#include "support.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit.h"
#include "core.h"
#include "core_child.h"
#include "core_setting.h"
#include "sql_migrations.h"
#include "store.h"

static struct store *open_new(const char *name)
{
	struct store *s = NULL;
	char err[512];
	int rc = store_open(t_path(name), STORE_OPEN_CREATE, &s, err, sizeof err);
	if (rc != 0)
		fail_msg("store_open: %s", err);
	return s;
}

static int64_t make_setting(struct store *s)
{
	struct op_error e;
	int64_t id;
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_setting_create(s, "Little Acorns", "nursery", &id, &e), 0);
	assert_int_equal(core_tx_commit(s, &e), 0);
	return id;
}

static void test_fresh_database_is_at_latest_version(void **state)
{
	struct store *s = open_new("fresh.db");
	UNUSED(state);
	assert_int_equal(store_schema_version(s), store_schema_latest());
	assert_true(store_schema_latest() >= 1);
	store_close(s);
	t_cleanup();
}

static void test_migrating_every_earlier_version_gives_the_same_schema(void **state)
{
	T_SQLITE_FILES_ONLY();
	struct store *fresh = open_new("fresh.db");
	char *want = store_schema_dump(fresh);
	UNUSED(state);
	store_close(fresh);
	for (size_t v = 0; v < sql_migrations_count; v++) {
		char name[32], err[512];
		sqlite3 *db;
		struct store *s;
		snprintf(name, sizeof name, "v%zu.db", v);
		assert_int_equal(sqlite3_open(t_path(name), &db), SQLITE_OK);
		for (size_t k = 0; k < v; k++) {
			char *sql =
			    strndup((const char *)sql_migrations[k].sql, sql_migrations[k].len);
			char ver[64];
			assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
			snprintf(ver, sizeof ver, "PRAGMA user_version = %zu", k + 1);
			assert_int_equal(sqlite3_exec(db, ver, NULL, NULL, NULL), SQLITE_OK);
			free(sql);
		}
		sqlite3_close(db);
		if (store_open(t_path(name), STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
			fail_msg("opening version %zu: %s", v, err);
		assert_int_equal(store_schema_version(s), store_schema_latest());
		if (v > 0) { /* an upgrade keeps the file as it was */
			char cmd[1024];
			snprintf(cmd, sizeof cmd, "ls '%s'.before-v* >/dev/null 2>&1",
			         t_path(name));
			assert_int_equal(system(cmd), 0);
		}
		char *got = store_schema_dump(s);
		assert_string_equal(got, want);
		free(got);
		store_close(s);
	}
	free(want);
	t_cleanup();
}

static void test_newer_schema_is_refused(void **state)
{
	T_SQLITE_FILES_ONLY();
	sqlite3 *db;
	struct store *s;
	char err[512], ver[64];
	UNUSED(state);
	assert_int_equal(sqlite3_open(t_path("future.db"), &db), SQLITE_OK);
	snprintf(ver, sizeof ver, "PRAGMA user_version = %d", store_schema_latest() + 1);
	assert_int_equal(sqlite3_exec(db, ver, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_not_equal(
	    store_open(t_path("future.db"), STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	assert_non_null(strstr(err, "newer"));
	t_cleanup();
}

static void test_every_catalogue_statement_prepares(void **state)
{
	struct store *s = open_new("stmts.db");
	char err[4096];
	int bad = 0;
	UNUSED(state);
	for (size_t i = 0; i < STMT__MAX; i++) {
		assert_non_null(store_sql[i].name);
		if (store_stmt_check(s, (enum stmt_id)i, err, sizeof err) != 0) {
			print_error("statement %s does not prepare on %s: %s\n", store_sql[i].name,
			            store_backend_name(s), err);
			bad++;
		}
	}
	store_close(s);
	assert_int_equal(bad, 0);
	t_cleanup();
}

static void test_new_database_file_is_private(void **state)
{
	T_SQLITE_FILES_ONLY();
	struct store *s = open_new("private.db");
	struct stat sb;
	UNUSED(state);
	store_close(s);
	assert_int_equal(stat(t_path("private.db"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	t_cleanup();
}

static void test_missing_database_is_not_created_when_opening_existing(void **state)
{
	T_SQLITE_FILES_ONLY();
	struct store *s;
	char err[512];
	struct stat sb;
	UNUSED(state);
	assert_int_not_equal(
	    store_open(t_path("none.db"), STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	assert_non_null(strstr(err, "kw init"));
	assert_int_not_equal(stat(t_path("none.db"), &sb), 0);
	t_cleanup();
}

static void test_foreign_file_is_refused(void **state)
{
	T_SQLITE_FILES_ONLY();
	struct store *s;
	char err[512];
	UNUSED(state);
	assert_int_equal(t_write_file(t_path("notes.db"), "these are not the droids\n"), 0);
	assert_int_not_equal(
	    store_open(t_path("notes.db"), STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	assert_non_null(strstr(err, "not a keyworker database"));
	t_cleanup();
}

static void test_damaged_file_is_refused_and_left_untouched(void **state)
{
	T_SQLITE_FILES_ONLY();
	struct store *s = open_new("damaged.db");
	char err[512];
	size_t len, len2;
	char *before, *after;
	FILE *f;
	UNUSED(state);
	make_setting(s);
	store_close(s);
	/* Flip bytes inside the second page (a b-tree page of the schema). */
	before = t_read_file(t_path("damaged.db"), &len);
	assert_true(len > 8192);
	for (size_t i = 4096 + 8; i < 4096 + 64; i++)
		before[i] ^= 0x5a;
	f = fopen(t_path("damaged.db"), "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(before, 1, len, f), len);
	fclose(f);
	assert_int_not_equal(
	    store_open(t_path("damaged.db"), STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	assert_true(strstr(err, "damaged") || strstr(err, "cannot"));
	after = t_read_file(t_path("damaged.db"), &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(before, after, len);
	free(before);
	free(after);
	t_cleanup();
}

static int64_t make_child(struct store *s, int64_t setting)
{
	struct actor who = {.setting_id = setting, .name = "test"};
	struct op_error e;
	struct arena a;
	struct field_value room[ROOM__MAX], child[CHILD__MAX];
	const char *room_raw[ROOM__MAX] = {"Toddlers", "24", "36", "12"};
	const char *child_raw[CHILD__MAX] = {
	    [CHILD_ID] = "C1",           [CHILD_FIRST_NAME] = "Maya",
	    [CHILD_LAST_NAME] = "Khan",  [CHILD_DATE_OF_BIRTH] = "2024-05-01",
	    [CHILD_ROOM] = "Toddlers",   [CHILD_START_DATE] = "2026-09-01",
	    [CHILD_MON] = "08:00-17:00",
	};
	struct field_error fe;
	int64_t room_id, child_id;
	arena_init(&a);
	assert_int_equal(valid_record(core_room_fields, ROOM__MAX, room_raw, room, &a, &fe), 0);
	assert_int_equal(valid_record(core_child_fields, CHILD__MAX, child_raw, child, &a, &fe), 0);
	assert_int_equal(core_tx_begin(s, &e), 0);
	assert_int_equal(core_room_add(s, &who, room, &room_id, &e), 0);
	if (core_child_add(s, &who, child, &child_id, &e) != 0)
		fail_msg("child: %s %s", e.field, e.msg);
	assert_int_equal(core_tx_commit(s, &e), 0);
	arena_free(&a);
	return child_id;
}

static void test_concerns_refuse_update_and_delete(void **state)
{
	struct store *s = open_new("concern.db");
	int64_t setting = make_setting(s), child = make_child(s, setting);
	struct store_stmt *st;
	char sql[512];
	UNUSED(state);
	snprintf(
	    sql, sizeof sql,
	    "INSERT INTO concern (setting_id, child_id, reported_by_name, occurred_at, seen_heard, "
	    "created_at) VALUES (%lld, %lld, 'Amy', 1, 'bruise on arm', 1)",
	    (long long)setting, (long long)child);
	st = store_prepare(s, sql);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	snprintf(sql, sizeof sql,
	         "INSERT INTO concern_addendum (setting_id, concern_id, kind, text, by_name, "
	         "created_at) "
	         "VALUES (%lld, 1, 'action', 'spoke to parent', 'DSL', 2)",
	         (long long)setting);
	st = store_prepare(s, sql);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);

	static const char *const refused[] = {
	    "UPDATE concern SET seen_heard = 'nothing'", "DELETE FROM concern",
	    "UPDATE concern_addendum SET text = 'x'",    "DELETE FROM concern_addendum",
	    "UPDATE audit_log SET detail = 'x'",         "DELETE FROM audit_log",
	};
	for (size_t i = 0; i < ARRAY_LEN(refused); i++) {
		st = store_prepare(s, refused[i]);
		assert_non_null(st);
		if (store_run(st) == STORE_OK)
			fail_msg("%s was allowed", refused[i]);
		store_finish(st);
	}
	/* Inside the retention purge (and only there) deletion is allowed. */
	assert_int_equal(store_begin(s), STORE_OK);
	snprintf(sql, sizeof sql, "INSERT INTO purge_in_progress VALUES (%lld, 1, NULL)",
	         (long long)setting);
	st = store_prepare(s, sql);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	st = store_prepare(s, "DELETE FROM concern_addendum");
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	st = store_prepare(s, "DELETE FROM concern");
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	st = store_prepare(s, "UPDATE concern SET seen_heard = 'x'"); /* still never an update */
	assert_int_equal(store_run(st), STORE_OK);                    /* no rows left to refuse */
	store_finish(st);
	st = store_prepare(s, "DELETE FROM purge_in_progress");
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	assert_int_equal(store_commit(s), STORE_OK);
	store_close(s);
	t_cleanup();
}

/* Someone with the database in hand runs sql behind keyworker's back. */
static void run_sql(const char *name, const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[512];
	assert_int_equal(store_open(t_path(name), STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	st = store_prepare(s, sql);
	if (!st)
		fail_msg("%s: %s", sql, store_errmsg(s));
	if (store_run(st) != STORE_OK)
		fail_msg("%s: %s", sql, store_errmsg(s));
	store_finish(st);
	store_close(s);
}

static void test_audit_chain_detects_a_changed_row(void **state)
{
	struct store *s = open_new("audit.db");
	int64_t setting = make_setting(s), bad;
	UNUSED(state);
	make_child(s, setting);
	assert_int_equal(audit_verify(s, setting, &bad), 0);
	store_close(s);
	/* Someone with the file edits a row behind the triggers' back. */
	run_sql("audit.db", t_on_pg() ? "DROP TRIGGER audit_no_update ON audit_log"
	                              : "DROP TRIGGER audit_no_update");
	run_sql("audit.db", "UPDATE audit_log SET actor = 'someone else' WHERE id = 2");
	{
		char err[512];
		assert_int_equal(
		    store_open(t_path("audit.db"), STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
	}
	assert_int_not_equal(audit_verify(s, setting, &bad), 0);
	assert_int_equal(bad, 2);
	store_close(s);
	t_cleanup();
}

static void test_audit_chain_detects_a_removed_row(void **state)
{
	struct store *s = open_new("audit2.db");
	int64_t setting = make_setting(s), bad;
	char err[512];
	UNUSED(state);
	make_child(s, setting);
	store_close(s);
	run_sql("audit2.db", t_on_pg() ? "DROP TRIGGER audit_no_delete ON audit_log"
	                               : "DROP TRIGGER audit_no_delete");
	run_sql("audit2.db", "DELETE FROM audit_log WHERE id = 2");
	assert_int_equal(store_open(t_path("audit2.db"), STORE_OPEN_EXISTING, &s, err, sizeof err),
	                 0);
	assert_int_not_equal(audit_verify(s, setting, &bad), 0);
	assert_int_equal(bad, 3);
	store_close(s);
	t_cleanup();
}

static void test_backup_is_a_checked_copy(void **state)
{
	T_SQLITE_FILES_ONLY();
	struct store *s = open_new("live.db"), *b;
	char err[512], msg[512];
	int64_t setting = make_setting(s), bad;
	struct stat sb;
	UNUSED(state);
	make_child(s, setting);
	assert_int_equal(store_backup(s, t_path("copy.db"), err, sizeof err), 0);
	/* A backup never overwrites an existing file. */
	assert_int_not_equal(store_backup(s, t_path("copy.db"), err, sizeof err), 0);
	store_close(s);
	assert_int_equal(stat(t_path("copy.db"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_open(t_path("copy.db"), STORE_OPEN_EXISTING, &b, err, sizeof err),
	                 0);
	assert_int_equal(store_check(b, msg, sizeof msg), 0);
	assert_int_equal(audit_verify(b, setting, &bad), 0);
	assert_int_equal(core_child_find(b, setting, "C1") != 0, 1);
	store_close(b);
	t_cleanup();
}

static int64_t count_settings(struct store *s)
{
	struct store_stmt *st = store_prepare(s, "SELECT count(*) FROM setting");
	int64_t n = -1;
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	return n;
}

/* On PostgreSQL kw backup writes pg_dump's archive (the owner's only, never
 * over a file) and kw restore puts the database back as it was; a file
 * that is not a backup is refused with nothing changed. */
static void test_backup_and_restore_on_postgresql(void **state)
{
	struct store *s = open_new("live.db");
	struct stat sb;
	char err[512], msg[512];
	int64_t setting = make_setting(s), other, bad;
	FILE *f;
	UNUSED(state);
	if (!t_on_pg()) {
		store_close(s);
		t_cleanup();
		skip();
	}
	make_child(s, setting);
	assert_int_equal(store_backup(s, t_path("copy.dump"), err, sizeof err), 0);
	assert_int_not_equal(store_backup(s, t_path("copy.dump"), err, sizeof err), 0);
	assert_int_equal(stat(t_path("copy.dump"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	other = make_setting(s); /* after the backup */
	assert_true(other > setting);
	assert_int_equal(count_settings(s), 2);
	f = fopen(t_path("not-a-backup.dump"), "w");
	assert_non_null(f);
	fputs("PGDMP but not really\n", f);
	fclose(f);
	assert_int_not_equal(store_restore(s, t_path("not-a-backup.dump"), err, sizeof err), 0);
	assert_non_null(strstr(err, "not a backup"));
	assert_int_equal(count_settings(s), 2);
	assert_int_equal(store_restore(s, t_path("copy.dump"), err, sizeof err), 0);
	store_close(s);
	assert_int_equal(store_open(t_path("live.db"), STORE_OPEN_EXISTING, &s, err, sizeof err),
	                 0);
	assert_int_equal(count_settings(s), 1);
	assert_int_equal(core_child_find(s, setting, "C1") != 0, 1);
	assert_int_equal(store_check(s, msg, sizeof msg), 0);
	assert_int_equal(audit_verify(s, setting, &bad), 0);
	store_close(s);
	t_cleanup();
}

static void test_schema_refuses_cross_setting_references(void **state)
{
	struct store *s = open_new("two.db");
	int64_t a = make_setting(s), b = make_setting(s);
	struct store_stmt *st;
	char sql[512];
	UNUSED(state);
	make_child(s, a);
	/* A room of setting b cannot hold setting a's child, nor can a's child be b's. */
	snprintf(sql, sizeof sql, "UPDATE child SET setting_id = %lld", (long long)b);
	st = store_prepare(s, sql);
	assert_int_not_equal(store_run(st), STORE_OK);
	store_finish(st);
	store_close(s);
	t_cleanup();
}

static void set_lock_timeout(struct store *s)
{
	struct store_stmt *st = store_prepare(s, "SET lock_timeout = '300ms'");
	assert_non_null(st);
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
}

/* On PostgreSQL the writers of different settings run in parallel and the
 * writers of one setting go one at a time; an unscoped writer (a sign-in, a
 * command) waits for all. SQLite has one writer per file, so the test is
 * PostgreSQL's. */
static void test_writers_of_two_settings_run_in_parallel_on_postgresql(void **state)
{
	struct store *a = open_new("locks.db"), *b, *c, *d;
	struct op_error e;
	int64_t one = make_setting(a), two;
	char err[512];
	UNUSED(state);
	if (!t_on_pg()) {
		store_close(a);
		t_cleanup();
		skip();
	}
	assert_int_equal(core_tx_begin(a, &e), 0);
	assert_int_equal(core_setting_create(a, "Bluebells", "pre-school", &two, &e), 0);
	assert_int_equal(core_tx_commit(a, &e), 0);
	assert_int_equal(store_open(t_path("locks.db"), STORE_OPEN_EXISTING, &b, err, sizeof err),
	                 0);
	assert_int_equal(store_open(t_path("locks.db"), STORE_OPEN_EXISTING, &c, err, sizeof err),
	                 0);
	assert_int_equal(store_open(t_path("locks.db"), STORE_OPEN_EXISTING, &d, err, sizeof err),
	                 0);
	set_lock_timeout(a);
	set_lock_timeout(b);
	set_lock_timeout(c);
	set_lock_timeout(d);
	store_set_scope(a, one);
	store_set_scope(b, two);
	store_set_scope(c, one);
	assert_int_equal(store_begin(a), STORE_OK);
	assert_int_equal(store_begin(b), STORE_OK);     /* another setting: at once */
	assert_int_not_equal(store_begin(c), STORE_OK); /* the same setting: waits */
	assert_int_not_equal(store_begin(d), STORE_OK); /* unscoped: waits for all */
	assert_int_equal(store_commit(a), STORE_OK);
	assert_int_not_equal(store_begin(d), STORE_OK); /* setting two still writes */
	assert_int_equal(store_begin(c), STORE_OK);
	store_rollback(c);
	assert_int_equal(store_commit(b), STORE_OK);
	assert_int_equal(store_begin(d), STORE_OK);
	assert_int_not_equal(store_begin(a), STORE_OK); /* and it excludes every setting */
	store_rollback(d);
	assert_int_equal(store_begin(a), STORE_OK);
	store_rollback(a);
	store_close(a);
	store_close(b);
	store_close(c);
	store_close(d);
	t_cleanup();
}

/* The scale-out guide (docs/postgresql.md) distributes every table by
 * setting_id but seven reference tables (and setting by its id): a new table
 * without setting_id must be named there, and here. */
static void test_every_table_but_the_reference_tables_carries_setting_id(void **state)
{
	static const char *const reference[] = {"app_user",  "funding_kind",  "group_manager",
	                                        "kw_schema", "learning_area", "login_attempt",
	                                        "setting",   "setting_group"};
	struct store *s = open_new("tables.db");
	struct store_stmt *st =
	    store_prepare(s, "SELECT m.name FROM sqlite_master m WHERE m.type = 'table'"
	                     " AND m.name NOT LIKE 'sqlite%' AND NOT EXISTS (SELECT 1 FROM"
	                     " pragma_table_info(m.name) p WHERE p.name = 'setting_id')"
	                     " ORDER BY m.name");
	size_t n = 0, tables = 0;
	UNUSED(state);
	assert_non_null(st);
	while (store_step(st) == STORE_ROW) {
		const char *name = store_col_text(st, 0);
		size_t i = 0;
		while (i < sizeof reference / sizeof reference[0] &&
		       strcmp(reference[i], name) != 0)
			i++;
		if (i == sizeof reference / sizeof reference[0])
			fail_msg("table %s has no setting_id and is not a reference table of the "
			         "scale-out guide",
			         name);
		n++;
	}
	store_finish(st);
	st = store_prepare(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
	assert_non_null(st);
	assert_int_equal(store_step(st), STORE_ROW);
	tables = (size_t)store_col_int(st, 0);
	store_finish(st);
	assert_true(n >= 5);      /* the query sees the reference tables */
	assert_true(tables > 80); /* and every table */
	store_close(s);
	t_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fresh_database_is_at_latest_version),
	    cmocka_unit_test(test_migrating_every_earlier_version_gives_the_same_schema),
	    cmocka_unit_test(test_newer_schema_is_refused),
	    cmocka_unit_test(test_every_catalogue_statement_prepares),
	    cmocka_unit_test(test_new_database_file_is_private),
	    cmocka_unit_test(test_missing_database_is_not_created_when_opening_existing),
	    cmocka_unit_test(test_foreign_file_is_refused),
	    cmocka_unit_test(test_damaged_file_is_refused_and_left_untouched),
	    cmocka_unit_test(test_concerns_refuse_update_and_delete),
	    cmocka_unit_test(test_audit_chain_detects_a_changed_row),
	    cmocka_unit_test(test_audit_chain_detects_a_removed_row),
	    cmocka_unit_test(test_backup_is_a_checked_copy),
	    cmocka_unit_test(test_backup_and_restore_on_postgresql),
	    cmocka_unit_test(test_schema_refuses_cross_setting_references),
	    cmocka_unit_test(test_writers_of_two_settings_run_in_parallel_on_postgresql),
	    cmocka_unit_test(test_every_table_but_the_reference_tables_carries_setting_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
