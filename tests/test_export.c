/*
 * test_export.c — `kw export` and `kw import all` through the real binary:
 * the document's shape and types (integers, reals, null, BLOBs as base64),
 * a restore into an empty database that exports again identically but for
 * the restore's own audit row and keeps the audit chain verifying, refusal
 * of a non-empty database and of every kind of tampered document without
 * writing anything, backup and restore giving the same export, and an
 * export that covers every table of the schema.
 */
#include "support.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core_export.h"
#include "store.h"

static void assert_contains(const char *hay, const char *needle)
{
	if (!hay || !strstr(hay, needle))
		fail_msg("expected \"%s\" in:\n%s", needle, hay ? hay : "(null)");
}

static char *write_tmp(const char *name, const char *text)
{
	char *path = strdup(t_path(name));
	assert_int_equal(t_write_file(path, text), 0);
	return path;
}

static void run_sql(const char *db, const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[512];
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, sql);
	if (!st)
		fail_msg("%s: %s", sql, store_errmsg(s));
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	store_close(s);
}

static void import_csv(const char *db, const char *kind, const char *csv)
{
	char *path = write_tmp("in.csv", csv), *err = NULL;
	int rc = t_kw(db, NULL, &err, "import", kind, path, NULL);
	if (rc != 0)
		fail_msg("kw import %s failed (%d):\n%s", kind, rc, err);
	free(err);
	free(path);
}

/* A small setting with a bit of everything: rooms, staff, children with key
 * people, contacts, a rota, a user with a role, a photo (BLOB), LSA hours
 * (REAL), text beyond ASCII and NULLs. */
static char *fixture(const char *name)
{
	char *db = strdup(t_path(name)), *err = NULL;
	assert_int_equal(t_kw(db, NULL, NULL, "init", "--setting", "Little Acorns", NULL), 0);
	import_csv(db, "rooms",
	           "name,age_min_months,age_max_months,capacity\n"
	           "Babies,0,24,9\nToddlers,24,36,\nPreschool,36,60,24\n");
	import_csv(db, "staff",
	           "id,name,rooms,qualification,key_person,languages,mon\n"
	           "S01,Amy Jones,Babies,3,yes,pl,08:00-16:00\n"
	           "S02,Ben Khan,Babies;Toddlers,2,yes,ur;pa,\n"
	           "S03,Cat Lee,Toddlers,3,yes,,\n"
	           "S04,Dan Moss,Preschool,6,no,,\n");
	import_csv(
	    db, "children",
	    "id,first_name,last_name,date_of_birth,room,start_date,mon,tue,key_person,buddy\n"
	    "C001,Zoë,Smith,2024-03-01,Babies,2025-01-06,08:00-15:00,,S01,S02\n"
	    "C002,Łukasz,Nowak,2023-06-01,Toddlers,2025-01-06,,09:00-12:00,S03,S02\n"
	    "C003,Ava,Smith,2022-01-01,Preschool,2025-01-06,,,,\n");
	import_csv(db, "contacts",
	           "child,name,relationship,parental_responsibility,may_collect\n"
	           "C001,Jo Smith,mother,yes,yes\nC002,Anna Nowak,mother,yes,yes\n");
	import_csv(db, "rota", "staff,date,start,end,room\nS01,2025-01-06,08:00,16:00,Babies\n");
	if (t_kw(db, NULL, &err, "user", "add", "amy", "--role", "practitioner", "--staff", "S01",
	         NULL) != 0)
		fail_msg("kw user add: %s", err);
	free(err);
	run_sql(db,
	        "UPDATE child SET photo = x'00ff10', photo_type = 'image/png' WHERE code = 'C001'");
	run_sql(db,
	        "INSERT INTO lsa_hours (setting_id, child_id, staff_id, hours_per_week, from_date) "
	        "VALUES (1, 2, 3, 12.5, '2025-01-06')");
	return db;
}

static json_t *export_of(const char *db)
{
	char *out = NULL, *err = NULL;
	json_error_t jerr;
	json_t *doc;
	int rc = t_kw(db, &out, &err, "export", NULL);
	if (rc != 0)
		fail_msg("kw export failed (%d): %s", rc, err);
	doc = json_loads(out, 0, &jerr);
	if (!doc)
		fail_msg("export is not JSON: %s", jerr.text);
	free(out);
	free(err);
	return doc;
}

static char *dump_to(const char *name, json_t *doc)
{
	char *path = strdup(t_path(name));
	assert_int_equal(json_dump_file(doc, path, JSON_INDENT(1)), 0);
	return path;
}

static json_t *row_of(json_t *doc, const char *table, size_t i)
{
	json_t *row = json_array_get(json_object_get(json_object_get(doc, "tables"), table), i);
	if (!row)
		fail_msg("no row %zu in table %s", i, table);
	return row;
}

/* Fail naming the first table where a and b differ. */
static void assert_same_document(json_t *a, json_t *b)
{
	const char *key;
	json_t *v;
	if (json_equal(a, b))
		return;
	json_object_foreach (json_object_get(a, "tables"), key, v) {
		json_t *w = json_object_get(json_object_get(b, "tables"), key);
		if (!json_equal(v, w)) {
			char *x = json_dumps(v, 0), *y = w ? json_dumps(w, 0) : strdup("missing");
			fail_msg("table %s differs:\n%s\n%s", key, x, y);
		}
	}
	fail_msg("the documents differ outside their tables");
}

static void test_export_holds_every_table_with_typed_values(void **state)
{
	char *db;
	json_t *doc, *tables, *child, *photo;
	const char *key, *first = NULL, *last = NULL;
	json_t *v;
	int64_t prev = 0;
	size_t i;
	(void)state;
	db = fixture("a.db");
	doc = export_of(db);
	assert_string_equal(json_string_value(json_object_get(doc, "format")),
	                    "keyworker-export/1");
	assert_int_equal(json_integer_value(json_object_get(doc, "schema_version")),
	                 store_schema_latest());
	assert_true(json_is_string(json_object_get(doc, "exported_at")));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(doc, "setting"), "name")),
	    "Little Acorns");
	tables = json_object_get(doc, "tables");
	json_object_foreach (tables, key, v) {
		if (!first)
			first = key;
		last = key;
		assert_true(json_is_array(v));
	}
	assert_string_equal(first, "app_user"); /* users first: user_setting refers to them */
	assert_string_equal(last, "audit_log");
	assert_null(json_object_get(tables, "session"));
	assert_null(json_object_get(tables, "login_attempt"));
	assert_int_equal(json_array_size(json_object_get(tables, "room")), 3);
	assert_int_equal(json_array_size(json_object_get(tables, "child")), 3);
	assert_int_equal(json_array_size(json_object_get(tables, "app_user")), 1);
	assert_int_equal(json_array_size(json_object_get(tables, "user_role")), 1);
	assert_int_equal(json_array_size(json_object_get(tables, "retention_rule")), 9);
	json_array_foreach (json_object_get(tables, "audit_log"), i, v) {
		int64_t id = json_integer_value(json_object_get(v, "id"));
		assert_true(id > prev); /* primary-key order */
		prev = id;
	}
	child = row_of(doc, "child", 0);
	assert_true(json_is_integer(json_object_get(child, "id")));
	assert_true(json_is_null(json_object_get(child, "leaving_date")));
	assert_string_equal(json_string_value(json_object_get(child, "first_name")), "Zoë");
	photo = json_object_get(child, "photo");
	assert_string_equal(json_string_value(json_object_get(photo, "$base64")), "AP8Q");
	assert_true(json_is_null(json_object_get(row_of(doc, "child", 1), "photo")));
	assert_true(json_is_null(json_object_get(row_of(doc, "room", 1), "capacity")));
	assert_true(json_is_real(json_object_get(row_of(doc, "lsa_hours", 0), "hours_per_week")));
	assert_true(json_real_value(
	                json_object_get(row_of(doc, "lsa_hours", 0), "hours_per_week")) == 12.5);
	json_decref(doc);
	free(db);
	t_cleanup();
}

static void test_export_import_all_export_again_differs_only_by_the_import_row(void **state)
{
	char *a, *b, *path, *out = NULL, *err = NULL;
	json_t *first, *second, *audit, *last;
	size_t n;
	(void)state;
	a = fixture("a.db");
	first = export_of(a);
	path = dump_to("export.json", first);
	b = strdup(t_path("b.db"));
	if (t_kw(b, &out, &err, "import", "all", path, NULL) != 0)
		fail_msg("import all failed: %s", err);
	assert_contains(out, "imported setting 1 with ");
	free(out);
	free(err);
	out = NULL;
	assert_int_equal(t_kw(b, &out, NULL, "check", NULL), 0);
	assert_contains(out, "audit log of setting 1: ok");
	assert_contains(out, "integrity and foreign keys: ok");
	free(out);

	second = export_of(b);
	audit = json_object_get(json_object_get(second, "tables"), "audit_log");
	n = json_array_size(audit);
	assert_int_equal(
	    n, json_array_size(json_object_get(json_object_get(first, "tables"), "audit_log")) + 1);
	last = json_array_get(audit, n - 1);
	assert_string_equal(json_string_value(json_object_get(last, "action")), "import.all");
	assert_contains(json_string_value(json_object_get(last, "detail")), "from export.json");
	json_array_remove(audit, n - 1);
	json_object_del(first, "exported_at");
	json_object_del(second, "exported_at");
	assert_same_document(first, second);

	/* the restored users still sign in with their password hash */
	assert_string_equal(
	    json_string_value(json_object_get(row_of(first, "app_user", 0), "password_hash")),
	    json_string_value(json_object_get(row_of(second, "app_user", 0), "password_hash")));
	json_decref(first);
	json_decref(second);
	free(path);
	free(a);
	free(b);
	t_cleanup();
}

static void test_import_all_refuses_a_database_that_holds_a_setting(void **state)
{
	char *a, *path, *before, *after, *err = NULL;
	json_t *doc;
	(void)state;
	a = fixture("a.db");
	doc = export_of(a);
	path = dump_to("export.json", doc);
	before = t_fingerprint(a);
	assert_int_equal(t_kw(a, NULL, &err, "import", "all", path, NULL), 1);
	assert_contains(err, "already holds a setting");
	assert_contains(err, "nothing was imported");
	after = t_fingerprint(a);
	assert_string_equal(before, after);
	free(err);
	free(before);
	free(after);
	free(path);
	json_decref(doc);
	free(a);
	t_cleanup();
}

/* A change to a good document, and what the refusal must say. */
struct tamper {
	const char *what;
	void (*change)(json_t *doc);
	const char *expect;
};

static json_t *table_of(json_t *doc, const char *name)
{
	return json_object_get(json_object_get(doc, "tables"), name);
}

static void add_unknown_table(json_t *doc)
{
	json_object_set_new(json_object_get(doc, "tables"), "pets", json_array());
}
static void add_unknown_column(json_t *doc)
{
	json_object_set_new(row_of(doc, "room", 0), "colour", json_string("red"));
}
static void change_format(json_t *doc)
{
	json_object_set_new(doc, "format", json_string("famly-export/3"));
}
static void change_schema_version(json_t *doc)
{
	json_object_set_new(doc, "schema_version", json_integer(999));
}
static void add_top_key(json_t *doc)
{
	json_object_set_new(doc, "comment", json_string("hello"));
}
static void move_row_to_other_setting(json_t *doc)
{
	json_object_set_new(row_of(doc, "room", 0), "setting_id", json_integer(7));
}
static void text_in_integer_column(json_t *doc)
{
	json_object_set_new(row_of(doc, "room", 0), "capacity", json_string("nine"));
}
static void boolean_value(json_t *doc)
{
	json_object_set_new(row_of(doc, "child", 0), "sen", json_true());
}
static void bad_base64(json_t *doc)
{
	json_object_set_new(row_of(doc, "child", 0), "photo", json_pack("{s:s}", "$base64", "!!"));
}
static void rows_not_a_list(json_t *doc)
{
	json_object_set_new(json_object_get(doc, "tables"), "room", json_object());
}
static void dangling_reference(json_t *doc)
{
	json_object_set_new(row_of(doc, "child", 0), "room_id", json_integer(999));
}
static void changed_audit_row(json_t *doc)
{
	json_object_set_new(row_of(doc, "audit_log", 1), "detail", json_string("nothing to see"));
}

static void test_import_all_refuses_tampered_documents_without_writing(void **state)
{
	static const struct tamper cases[] = {
	    {"unknown table", add_unknown_table, "kw: table pets: is not a table"},
	    {"unknown column", add_unknown_column,
	     "kw: table room, row 1, column colour: is not a column of room"},
	    {"wrong format", change_format, "kw: format: must be \"keyworker-export/1\""},
	    {"wrong schema", change_schema_version, "kw: schema_version: must be "},
	    {"unknown key", add_top_key, "kw: comment: is not part of a keyworker export"},
	    {"other setting", move_row_to_other_setting,
	     "kw: table room, row 1, column setting_id: must be 1"},
	    {"text for number", text_in_integer_column,
	     "kw: table room, row 1, column capacity: must not be text"},
	    {"boolean", boolean_value, "kw: table child, row 1, column sen: must be a number"},
	    {"bad base64", bad_base64,
	     "kw: table child, row 1, column photo: must be {\"$base64\""},
	    {"rows not a list", rows_not_a_list, "kw: table room: must be a list of rows"},
	    {"dangling reference", dangling_reference,
	     "kw: table child, row 1: was refused: FOREIGN KEY"},
	    {"changed audit row", changed_audit_row, "kw: table audit_log: does not verify"},
	};
	char *a, *empty, *before, *after;
	json_t *good;
	struct store *s;
	char msg[512];
	(void)state;
	a = fixture("a.db");
	good = export_of(a);
	empty = strdup(t_path("empty.db"));
	assert_int_equal(store_open(empty, STORE_OPEN_CREATE, &s, msg, sizeof msg), 0);
	store_close(s);
	before = t_fingerprint(empty);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *doc = json_deep_copy(good);
		char *path, *err = NULL, *fresh = strdup(t_path("fresh.db"));
		struct stat sb;
		cases[i].change(doc);
		path = dump_to("tampered.json", doc);
		if (t_kw(fresh, NULL, &err, "import", "all", path, NULL) != 1)
			fail_msg("%s: not refused: %s", cases[i].what, err);
		if (!strstr(err, cases[i].expect) || !strstr(err, "nothing was imported"))
			fail_msg("%s: expected \"%s\" in:\n%s", cases[i].what, cases[i].expect,
			         err);
		if (stat(fresh, &sb) == 0)
			fail_msg("%s: left %s behind", cases[i].what, fresh);
		free(err);
		err = NULL;
		/* and into an existing empty database, which stays empty */
		assert_int_equal(t_kw(empty, NULL, &err, "import", "all", path, NULL), 1);
		assert_contains(err, cases[i].expect);
		after = t_fingerprint(empty);
		assert_string_equal(before, after);
		free(after);
		free(err);
		free(path);
		free(fresh);
		json_decref(doc);
	}
	{
		char *path = write_tmp("broken.json", "{\"format\": \"keyworker-export/1\",");
		char *err = NULL;
		assert_int_equal(t_kw(empty, NULL, &err, "import", "all", path, NULL), 1);
		assert_contains(err, "is not valid JSON");
		free(err);
		free(path);
	}
	free(before);
	free(empty);
	json_decref(good);
	free(a);
	t_cleanup();
}

static void test_backup_then_restore_gives_an_identical_export(void **state)
{
	char *a, *c, *backup, *err = NULL;
	json_t *first, *restored;
	(void)state;
	T_SQLITE_FILES_ONLY();
	a = fixture("a.db");
	backup = strdup(t_path("backup.db"));
	assert_int_equal(t_kw(a, NULL, NULL, "backup", backup, NULL), 0);
	first = export_of(a); /* its own audit row comes after the document is read */
	c = strdup(t_path("c.db"));
	if (t_kw(c, NULL, &err, "restore", backup, NULL) != 0)
		fail_msg("restore failed: %s", err);
	free(err);
	restored = export_of(c);
	json_object_del(first, "exported_at");
	json_object_del(restored, "exported_at");
	assert_same_document(first, restored);
	json_decref(first);
	json_decref(restored);
	free(backup);
	free(a);
	free(c);
	t_cleanup();
}

static void test_export_covers_every_table_of_the_schema(void **state)
{
	struct store *s;
	struct store_stmt *st;
	char msg[512];
	(void)state;
	assert_int_equal(store_open(t_path("x.db"), STORE_OPEN_CREATE, &s, msg, sizeof msg), 0);
	st = store_prepare(s, "SELECT name FROM sqlite_master WHERE type = 'table' "
	                      "AND name NOT LIKE 'sqlite_%' ORDER BY name");
	while (store_step(st) == STORE_ROW)
		if (core_export_covers(store_col_text(st, 0)) < 0)
			fail_msg("table %s is neither exported nor left out on purpose "
			         "(export_tables[] in core_export.c)",
			         store_col_text(st, 0));
	store_finish(st);
	store_close(s);
	t_cleanup();
}

static void test_export_is_audited_after_the_document_is_read(void **state)
{
	char *a;
	json_t *doc, *again, *audit;
	size_t n;
	(void)state;
	a = fixture("a.db");
	doc = export_of(a);
	again = export_of(a);
	audit = table_of(again, "audit_log");
	n = json_array_size(audit);
	assert_int_equal(n, json_array_size(table_of(doc, "audit_log")) + 1);
	assert_string_equal(
	    json_string_value(json_object_get(json_array_get(audit, n - 1), "action")), "export");
	json_decref(doc);
	json_decref(again);
	free(a);
	t_cleanup();
}

static void test_export_out_file_is_private_and_replaced_whole(void **state)
{
	char *a, *path, *out = NULL, *text;
	struct stat sb;
	json_t *doc;
	(void)state;
	a = fixture("a.db");
	path = write_tmp("out.json", "old contents");
	assert_int_equal(t_kw(a, &out, NULL, "export", "--format", "json", "--out", path, NULL), 0);
	assert_contains(out, "rows of setting 1 (Little Acorns) to ");
	free(out);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	text = t_read_file(path, NULL);
	doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "format")),
	                    "keyworker-export/1");
	json_decref(doc);
	free(text);
	free(path);
	free(a);
	t_cleanup();
}

static void test_export_of_one_setting_leaves_the_others_out(void **state)
{
	char *a, *out = NULL, *err = NULL;
	json_t *doc, *v;
	const char *key;
	(void)state;
	a = fixture("a.db");
	run_sql(a, "INSERT INTO setting (name, created_at) VALUES ('Oak Tree', 0)");
	run_sql(a, "INSERT INTO room (setting_id, name) VALUES (2, 'Acorns')");
	assert_int_equal(t_kw(a, NULL, &err, "export", NULL), 1);
	assert_contains(err, "--setting");
	free(err);
	assert_int_equal(t_kw(a, &out, NULL, "export", "--setting", "2", NULL), 0);
	doc = json_loads(out, 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(doc, "setting"), "id")),
	                 2);
	json_object_foreach (json_object_get(doc, "tables"), key, v) {
		size_t i;
		json_t *row;
		json_array_foreach (v, i, row) {
			json_t *sid = json_object_get(row, "setting_id");
			if (sid && json_integer_value(sid) != 2)
				fail_msg("table %s holds a row of setting %lld", key,
				         (long long)json_integer_value(sid));
		}
	}
	assert_int_equal(json_array_size(table_of(doc, "room")), 1);
	assert_int_equal(json_array_size(table_of(doc, "app_user")), 0);
	json_decref(doc);
	free(out);
	free(a);
	t_cleanup();
}

static void test_export_usage_errors_exit_2(void **state)
{
	char *a, *err = NULL;
	(void)state;
	a = strdup(t_path("a.db"));
	assert_int_equal(t_kw(a, NULL, NULL, "init", NULL), 0);
	assert_int_equal(t_kw(a, NULL, &err, "export", "--format", "csv", NULL), 2);
	assert_contains(err, "--format must be json");
	free(err);
	assert_int_equal(t_kw(a, NULL, NULL, "export", "extra", NULL), 2);
	assert_int_equal(t_kw(a, NULL, NULL, "import", "all", NULL), 2);
	assert_int_equal(t_kw(a, NULL, NULL, "import", "all", "x.json", "--setting", "1", NULL), 2);
	free(a);
	t_cleanup();
}

/* A failed test returns early: its files go anyway, so the next test starts clean. */
static int cleanup(void **state)
{
	(void)state;
	t_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_export_holds_every_table_with_typed_values, cleanup),
	    cmocka_unit_test_teardown(
	        test_export_import_all_export_again_differs_only_by_the_import_row, cleanup),
	    cmocka_unit_test_teardown(test_import_all_refuses_a_database_that_holds_a_setting,
	                              cleanup),
	    cmocka_unit_test_teardown(test_import_all_refuses_tampered_documents_without_writing,
	                              cleanup),
	    cmocka_unit_test_teardown(test_backup_then_restore_gives_an_identical_export, cleanup),
	    cmocka_unit_test_teardown(test_export_covers_every_table_of_the_schema, cleanup),
	    cmocka_unit_test_teardown(test_export_is_audited_after_the_document_is_read, cleanup),
	    cmocka_unit_test_teardown(test_export_out_file_is_private_and_replaced_whole, cleanup),
	    cmocka_unit_test_teardown(test_export_of_one_setting_leaves_the_others_out, cleanup),
	    cmocka_unit_test_teardown(test_export_usage_errors_exit_2, cleanup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
