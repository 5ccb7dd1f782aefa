/*
 * test_import.c — the CSV reader (quotes, line breaks, BOM, row numbers,
 * limits) and `kw import KIND FILE.csv` through the real binary: good
 * files import with the right counts and one audit row; every kind of bad
 * row is refused with "row N, column X", every error of a file is listed,
 * and nothing at all is written when anything is wrong.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csv.h"
#include "store.h"

static const char rooms_csv[] = "name,age_min_months,age_max_months,capacity\n"
                                "Babies,0,24,9\n"
                                "Toddlers,24,36,12\n"
                                "Preschool,36,60,24\n";

static const char staff_csv[] = "id,name,rooms,qualification,key_person,mon,tue\n"
                                "S01,Amy Jones,Babies,3,yes,08:00-16:00,08:00-16:00\n"
                                "S02,Ben Khan,Babies;Toddlers,2,yes,09:00-17:00,\n"
                                "S03,Cat Lee,Toddlers,3,yes,,\n"
                                "S04,Dan Moss,Preschool,6,yes,,\n";

static const char children_csv[] =
    "id,first_name,last_name,date_of_birth,room,start_date,mon,key_person,buddy\n"
    "C001,Ava,Smith,2024-03-01,Babies,2025-01-06,08:00-15:00,S01,S02\n"
    "C002,Ben,Brown,01/06/2023,Toddlers,2025-01-06,,S03,S02\n";

/* The header of the children files the refusal tests write. */
#define CHILD_HEAD "id,first_name,last_name,date_of_birth,room,start_date,mon,key_person,buddy\n"
#define GOOD_CHILD "C010,Isla,Green,2024-01-10,Babies,2025-02-03,08:00-13:00,S01,S02\n"

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

static int64_t db_count(const char *db, const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[512];
	int64_t n = -1;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, sql);
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	store_close(s);
	return n;
}

static char *db_text(const char *db, const char *sql)
{
	struct store *s;
	struct store_stmt *st;
	char err[512], *t = NULL;
	if (store_open(db, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		fail_msg("%s", err);
	st = store_prepare(s, sql);
	assert_non_null(st);
	if (store_step(st) == STORE_ROW)
		t = strdup(store_col_text(st, 0));
	store_finish(st);
	store_close(s);
	assert_non_null(t);
	return t;
}

static void import_ok(const char *db, const char *kind, const char *csv, const char *expect)
{
	char *path = write_tmp("good.csv", csv), *out = NULL, *err = NULL;
	int rc = t_kw(db, &out, &err, "import", kind, path, NULL);
	if (rc != 0)
		fail_msg("kw import %s failed (%d):\n%s", kind, rc, err);
	assert_contains(out, expect);
	free(out);
	free(err);
	free(path);
}

/* A database with a setting, its rooms and its staff. */
static char *new_setting(void)
{
	char *db = strdup(t_path("kw.db"));
	assert_int_equal(t_kw(db, NULL, NULL, "init", "--setting", "Little Acorns", NULL), 0);
	import_ok(db, "rooms", rooms_csv, "imported 3 rooms from");
	import_ok(db, "staff", staff_csv, "imported 4 staff from");
	return db;
}

/* Import csv as kind: refused with exit 1, stderr naming where and why,
 * and not one row written anywhere. Returns stderr (caller frees). */
static char *import_refused(const char *db, const char *kind, const char *csv, const char *where,
                            const char *why)
{
	char *before = t_fingerprint(db), *after, *out = NULL, *err = NULL;
	char *path = write_tmp("bad.csv", csv);
	int rc = t_kw(db, &out, &err, "import", kind, path, NULL);
	if (rc != 1)
		fail_msg("expected exit 1, got %d; stderr:\n%s", rc, err);
	assert_contains(err, where);
	assert_contains(err, why);
	assert_contains(err, "nothing was imported");
	assert_int_equal(out[0], '\0');
	after = t_fingerprint(db);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(out);
	free(path);
	return err;
}

/* ------------------------------------------------------------ CSV reader */

static void test_csv_reads_quotes_commas_and_line_breaks(void **state)
{
	static const char text[] = "a,\"b,c\",\"say \"\"hi\"\"\",\"line 1\nline 2\"\r\n"
	                           "x,,\"\",z\n";
	struct arena a;
	struct csv c;
	(void)state;
	arena_init(&a);
	csv_init(&c, text, sizeof text - 1, NULL);
	assert_int_equal(csv_next(&c, &a), CSV_RECORD);
	assert_int_equal(c.row, 1);
	assert_int_equal(c.nfields, 4);
	assert_string_equal(c.fields[0], "a");
	assert_string_equal(c.fields[1], "b,c");
	assert_string_equal(c.fields[2], "say \"hi\"");
	assert_string_equal(c.fields[3], "line 1\nline 2");
	assert_int_equal(csv_next(&c, &a), CSV_RECORD);
	assert_int_equal(c.row, 2); /* a line break inside quotes is not a new row */
	assert_int_equal(c.nfields, 4);
	assert_string_equal(c.fields[1], "");
	assert_string_equal(c.fields[2], "");
	assert_string_equal(c.fields[3], "z");
	assert_int_equal(csv_next(&c, &a), CSV_END);
	assert_int_equal(csv_next(&c, &a), CSV_END);
	csv_free(&c);
	arena_free(&a);
}

static void test_csv_skips_bom_and_takes_crlf_lf_and_cr(void **state)
{
	static const char text[] = "\xef\xbb\xbfid,name\r\n1,a\n2,b\r3,c,";
	struct arena a;
	struct csv c;
	(void)state;
	arena_init(&a);
	csv_init(&c, text, sizeof text - 1, NULL);
	assert_int_equal(csv_next(&c, &a), CSV_RECORD);
	assert_string_equal(c.fields[0], "id"); /* no BOM left on the first heading */
	assert_string_equal(c.fields[1], "name");
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(csv_next(&c, &a), CSV_RECORD);
		assert_int_equal(c.row, i + 1);
		assert_int_equal(c.fields[0][0], '0' + i);
	}
	assert_int_equal(c.nfields, 3); /* "3,c," ends with an empty field */
	assert_string_equal(c.fields[2], "");
	assert_int_equal(csv_next(&c, &a), CSV_END);
	csv_free(&c);
	arena_free(&a);
}

static void test_csv_unterminated_quote_names_its_row_and_ends_reading(void **state)
{
	static const char text[] = "h1,h2\n1,2\n3,\"open\nstill open\n4,5\n";
	struct arena a;
	struct csv c;
	(void)state;
	arena_init(&a);
	csv_init(&c, text, sizeof text - 1, NULL);
	assert_int_equal(csv_next(&c, &a), CSV_RECORD);
	assert_int_equal(csv_next(&c, &a), CSV_RECORD);
	assert_int_equal(csv_next(&c, &a), CSV_ERROR);
	assert_int_equal(c.row, 3);
	assert_int_equal(c.column, 2);
	assert_non_null(strstr(c.err, "never closed"));
	assert_int_equal(csv_next(&c, &a), CSV_END);
	csv_free(&c);
	arena_free(&a);
}

static void test_csv_limits_are_errors_and_reading_goes_on(void **state)
{
	static const char text[] = "abcdefghij,x\n" /* row 1: field too long */
	                           "a,b,c,d\n"      /* row 2: too many columns */
	                           "\"q\"junk,y\n"  /* row 3: text after the quote */
	                           "ok,fine\n"      /* row 4 */
	                           "5\n6\n";        /* rows 5, 6: past max_rows */
	const struct csv_limits lim = {.max_field = 8, .max_columns = 3, .max_rows = 5};
	struct arena a;
	struct csv c;
	(void)state;
	arena_init(&a);
	csv_init(&c, text, sizeof text - 1, &lim);
	assert_int_equal(csv_next(&c, &a), CSV_ERROR);
	assert_int_equal(c.row, 1);
	assert_int_equal(c.column, 1);
	assert_non_null(strstr(c.err, "longer than 8 bytes"));
	assert_int_equal(csv_next(&c, &a), CSV_ERROR);
	assert_int_equal(c.row, 2);
	assert_int_equal(c.column, 4);
	assert_int_equal(csv_next(&c, &a), CSV_ERROR);
	assert_int_equal(c.row, 3);
	assert_non_null(strstr(c.err, "after its closing quote"));
	assert_int_equal(csv_next(&c, &a), CSV_RECORD);
	assert_int_equal(c.row, 4);
	assert_string_equal(c.fields[1], "fine");
	assert_int_equal(csv_next(&c, &a), CSV_RECORD);
	assert_int_equal(csv_next(&c, &a), CSV_ERROR);
	assert_int_equal(c.row, 6);
	assert_non_null(strstr(c.err, "more than 5 rows"));
	assert_int_equal(csv_next(&c, &a), CSV_END);
	csv_free(&c);
	arena_free(&a);
}

static void test_csv_nul_byte_is_an_error(void **state)
{
	static const char text[] = "a,b\0c\nd,e\n";
	struct arena a;
	struct csv c;
	(void)state;
	arena_init(&a);
	csv_init(&c, text, sizeof text - 1, NULL);
	assert_int_equal(csv_next(&c, &a), CSV_ERROR);
	assert_int_equal(c.column, 2);
	assert_non_null(strstr(c.err, "NUL"));
	assert_int_equal(csv_next(&c, &a), CSV_RECORD);
	assert_string_equal(c.fields[0], "d");
	csv_free(&c);
	arena_free(&a);
}

/* ------------------------------------------------------------ good files */

static void test_import_good_files_add_every_row_and_one_audit_row(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	import_ok(db, "children", children_csv, "imported 2 children from");
	import_ok(db, "contacts",
	          "child,name,relationship,parental_responsibility,may_collect,phone\n"
	          "C001,Jo Smith,mother,yes,yes,07700 900001\n"
	          "C002,Sam Brown,father,yes,yes,07700 900002\n"
	          "C002,Pat Brown,grandmother,no,yes,\n",
	          "imported 3 contacts from");
	import_ok(db, "rota",
	          "staff,date,start,end,room\n"
	          "S01,2025-01-06,08:00,16:00,Babies\n"
	          "S02,06/01/2025,9:00,17:00,\n",
	          "imported 2 shifts from");
	assert_int_equal(db_count(db, "SELECT count(*) FROM room"), 3);
	assert_int_equal(db_count(db, "SELECT count(*) FROM staff"), 4);
	assert_int_equal(db_count(db, "SELECT count(*) FROM staff_room"), 5);
	assert_int_equal(db_count(db, "SELECT count(*) FROM staff_pattern"), 3);
	assert_int_equal(db_count(db, "SELECT count(*) FROM child"), 2);
	assert_int_equal(db_count(db, "SELECT count(*) FROM key_assignment"), 2);
	assert_int_equal(db_count(db, "SELECT count(*) FROM child_attendance"), 1);
	assert_int_equal(db_count(db, "SELECT count(*) FROM contact"), 3);
	assert_int_equal(db_count(db, "SELECT count(*) FROM family"), 2);
	assert_int_equal(db_count(db, "SELECT count(*) FROM shift"), 2);
	assert_int_equal(db_count(db, "SELECT count(*) FROM shift WHERE date = '2025-01-06' "
	                              "AND start_min = 540"),
	                 1);
	assert_int_equal(db_count(db, "SELECT count(*) FROM child WHERE code = 'C002' "
	                              "AND date_of_birth = '2023-06-01'"),
	                 1);
	for (const char *const *k =
	         (const char *const[]){"rooms", "staff", "children", "contacts", "rota", NULL};
	     *k; k++) {
		char sql[128];
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM audit_log WHERE action = 'import.%s'", *k);
		assert_int_equal(db_count(db, sql), 1);
	}
	{
		char *detail = db_text(db, "SELECT detail FROM audit_log WHERE action = "
		                           "'import.children'");
		assert_string_equal(detail, "2 children from good.csv");
		free(detail);
	}
	assert_int_equal(t_kw(db, NULL, NULL, "check", NULL), 0);
	free(db);
	t_cleanup();
}

static void test_import_headers_match_whatever_their_case(void **state)
{
	char *db, *name;
	(void)state;
	db = new_setting();
	import_ok(db, "children",
	          "ID,First Name,LAST-NAME,Date of Birth,Room, start_date ,Key Person,BUDDY\n"
	          "C020,Noah,Patel,2024-05-05,babies,2025-03-03,S01,S02\n",
	          "imported 1 child from");
	name = db_text(db, "SELECT first_name || ' ' || last_name FROM child WHERE code = 'C020'");
	assert_string_equal(name, "Noah Patel");
	free(name);
	free(db);
	t_cleanup();
}

static void test_import_skips_bom_and_reads_crlf(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	import_ok(db, "children",
	          "\xef\xbb\xbfid,first_name,last_name,date_of_birth,room,start_date\r\n"
	          "C030,Mia,Wood,2023-02-02,Toddlers,2025-01-06\r\n"
	          "\r\n"
	          ",,,,,\r\n"
	          "C031,Leo,Wood,2023-02-03,Toddlers,2025-01-06\r\n",
	          "imported 2 children from");
	assert_int_equal(db_count(db, "SELECT count(*) FROM child WHERE code IN ('C030','C031')"),
	                 2);
	free(db);
	t_cleanup();
}

static void test_import_quoted_cells_keep_commas_and_fold_line_breaks(void **state)
{
	char *db, *address, *allergies;
	(void)state;
	db = new_setting();
	import_ok(db, "children",
	          "id,first_name,last_name,date_of_birth,room,start_date,allergies\n"
	          "C040,Ella,\"O'Neil\",2024-01-01,Babies,2025-01-06,\"nuts, eggs\"\n",
	          "imported 1 child from");
	import_ok(db, "contacts",
	          "child,name,address\n"
	          "C040,\"Rose O'Neil\",\"1 High Street,\n  Leeds\r\nLS1 1AA\"\n",
	          "imported 1 contact from");
	allergies = db_text(db, "SELECT allergies FROM child WHERE code = 'C040'");
	assert_string_equal(allergies, "nuts, eggs");
	address = db_text(db, "SELECT address FROM contact WHERE name = 'Rose O''Neil'");
	assert_string_equal(address, "1 High Street, Leeds, LS1 1AA");
	free(allergies);
	free(address);
	free(db);
	t_cleanup();
}

/* ------------------------------------------------------------- bad files */

static void test_import_rejects_bad_date(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(db, "children",
	                    CHILD_HEAD GOOD_CHILD
	                    "C011,Max,Hill,31/02/2024,Babies,2025-02-03,,S01,S02\n",
	                    "kw: row 3, column date_of_birth: ", "not a real date"));
	free(import_refused(db, "children",
	                    CHILD_HEAD "C011,Max,Hill,2024-01-01,Babies,next monday,,S01,S02\n",
	                    "kw: row 2, column start_date: ", "must be a date"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_unknown_room(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(db, "children",
	                    CHILD_HEAD "C011,Max,Hill,2024-01-01,Garden Room,2025-02-03,,,\n",
	                    "kw: row 2, column room: ", "there is no room called Garden Room"));
	free(import_refused(db, "staff", "id,name,rooms\nS09,Eve Cole,Babies;Attic\n",
	                    "kw: row 2, column rooms: ", "there is no room called Attic"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_unknown_staff_code(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(
	    db, "children", CHILD_HEAD "C011,Max,Hill,2024-01-01,Babies,2025-02-03,,S99,S02\n",
	    "kw: row 2, column key_person: ", "there is no member of staff with id S99"));
	free(
	    import_refused(db, "rota",
	                   "staff,date,start,end\nS01,2025-01-06,08:00,12:00\n"
	                   "S77,2025-01-06,08:00,12:00\n",
	                   "kw: row 3, column staff: ", "there is no member of staff with id S77"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_duplicate_id_within_the_file(void **state)
{
	char *db, *err;
	(void)state;
	db = new_setting();
	err = import_refused(db, "children",
	                     CHILD_HEAD GOOD_CHILD
	                     "C012,Ada,Fox,2024-01-11,Babies,2025-02-03,,,\n"
	                     "C010,Isla,Again,2024-01-10,Babies,2025-02-03,,,\n",
	                     "kw: row 4, column id: ", "C010 is already on row 2 of this file");
	assert_int_equal(t_count(err, "kw: row "), 1);
	free(err);
	free(import_refused(db, "rooms", "name\nGarden\ngarden\n",
	                    "kw: row 3, column name: ", "already on row 2"));
	/* and an id the database already holds */
	import_ok(db, "children", CHILD_HEAD GOOD_CHILD, "imported 1 child");
	free(import_refused(db, "children", CHILD_HEAD GOOD_CHILD,
	                    "kw: row 2, column id: ", "there is already a child with id C010"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_missing_required_column(void **state)
{
	char *db, *err;
	(void)state;
	db = new_setting();
	err = import_refused(
	    db, "children",
	    "id,first_name,last_name,room,start_date\n"
	    "C011,Max,Hill,Babies,2025-02-03\n",
	    "kw: row 1, column date_of_birth: ", "is required but the first row does not name it");
	assert_int_equal(t_count(err, "kw: row "), 1); /* the rows are not read */
	free(err);
	free(db);
	t_cleanup();
}

static void test_import_rejects_unknown_column(void **state)
{
	char *db, *err;
	(void)state;
	db = new_setting();
	err = import_refused(
	    db, "children",
	    "id,first_name,last_name,date_of_birth,room,start_date,Favourite Colour\n"
	    "C011,Max,Hill,2024-01-01,Babies,2025-02-03,green\n",
	    "kw: row 1, column Favourite Colour: ", "is not a column of children");
	assert_contains(err, "date_of_birth"); /* the message lists the columns */
	free(err);
	free(import_refused(db, "rooms", "name,name\nGarden,Garden\n",
	                    "kw: row 1, column name: ", "is named twice"));
	free(
	    import_refused(db, "rooms", "name,\nGarden,big\n", "kw: row 2, column 2: ", "no name"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_bad_time_span(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(db, "children",
	                    CHILD_HEAD "C011,Max,Hill,2024-01-01,Babies,2025-02-03,8 till 1,,\n",
	                    "kw: row 2, column mon: ", "must be two times as HH:MM-HH:MM"));
	free(import_refused(db, "staff", "id,name,rooms,wed\nS09,Eve Cole,Babies,08:00-25:00\n",
	                    "kw: row 2, column wed: ", "must be two times"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_start_after_end(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(db, "children",
	                    CHILD_HEAD "C011,Max,Hill,2024-01-01,Babies,2025-02-03,15:00-08:00,,\n",
	                    "kw: row 2, column mon: ", "must start before it ends"));
	free(import_refused(db, "rota", "staff,date,start,end\nS01,2025-01-06,17:00,08:00\n",
	                    "kw: row 2, column end: ", "must be after the start"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_invalid_utf8(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(db, "children",
	                    CHILD_HEAD "C011,M\xe9"
	                               "lanie,Hill,2024-01-01,Babies,2025-02-03,,,\n",
	                    "kw: row 2, column first_name: ", "characters that are not allowed"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_unterminated_quote(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(db, "children",
	                    CHILD_HEAD GOOD_CHILD
	                    "C011,\"Max,Hill,2024-01-01,Babies,2025-02-03,,,\n"
	                    "C012,Ada,Fox,2024-01-11,Babies,2025-02-03,,,\n",
	                    "kw: row 3, column first_name: ", "never closed"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_key_person_not_in_the_childs_room(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(
	    db, "children", CHILD_HEAD "C011,Max,Hill,2024-01-01,Babies,2025-02-03,,S04,S01\n",
	    "kw: row 2, column key_person: ", "S04 does not work in the child's room"));
	free(import_refused(db, "children",
	                    CHILD_HEAD "C011,Max,Hill,2024-01-01,Babies,2025-02-03,,S01,S03\n",
	                    "kw: row 2, column buddy: ", "S03 does not work in the child's room"));
	free(db);
	t_cleanup();
}

static void test_import_rejects_buddy_same_as_key_person(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(
	    db, "children", CHILD_HEAD "C011,Max,Hill,2024-01-01,Babies,2025-02-03,,S01,S01\n",
	    "kw: row 2, column buddy: ", "the buddy must be someone other than the key person"));
	free(db);
	t_cleanup();
}

static void test_import_lists_every_error_and_writes_none_of_the_good_rows(void **state)
{
	char *db, *err;
	(void)state;
	db = new_setting();
	err = import_refused(db, "children",
	                     CHILD_HEAD GOOD_CHILD "C011,Max,,2024-13-01,Babies,2025-02-03,,,\n"
	                                           "C012,Ada,Fox,2024-01-11,Babies,2025-02-03,,,\n"
	                                           "C013,Ted,Ray,2024-01-11,Loft,2025-02-03,,,\n",
	                     "kw: row 3, column last_name: is required", "bad.csv: 3 errors");
	assert_contains(err, "kw: row 3, column date_of_birth: ");
	assert_contains(err, "kw: row 5, column room: there is no room called Loft");
	assert_int_equal(t_count(err, "kw: row "), 3);
	assert_contains(err, "kw: row 3, column last_name");
	free(err);
	assert_int_equal(db_count(db, "SELECT count(*) FROM child"), 0);
	free(db);
	t_cleanup();
}

static void test_import_rejects_contact_of_unknown_child(void **state)
{
	char *db;
	(void)state;
	db = new_setting();
	free(import_refused(db, "contacts", "child,name,may_collect,restriction\nC404,Al Bee,no,\n",
	                    "kw: row 2, column child: ", "there is no child with id C404"));
	import_ok(db, "children", CHILD_HEAD GOOD_CHILD, "imported 1 child");
	free(import_refused(db, "contacts",
	                    "child,name,may_collect,restriction\nC010,Al Bee,yes,no_collect\n",
	                    "kw: row 2, column may_collect: ", "cannot be yes"));
	free(db);
	t_cleanup();
}

static void test_import_usage_errors_exit_2(void **state)
{
	char *db, *err = NULL, *path;
	(void)state;
	db = new_setting();
	path = write_tmp("x.csv", rooms_csv);
	assert_int_equal(t_kw(db, NULL, &err, "import", "pets", path, NULL), 2);
	assert_contains(err, "rooms, staff, children, contacts, rota or all");
	free(err);
	assert_int_equal(t_kw(db, NULL, NULL, "import", "rooms", NULL), 2);
	assert_int_equal(t_kw(db, NULL, NULL, "import", "rooms", path, "extra", NULL), 2);
	assert_int_equal(t_kw(db, NULL, NULL, "import", "--setting", "x", "rooms", path, NULL), 2);
	err = NULL;
	assert_int_equal(t_kw(db, NULL, &err, "import", "rooms", "/nonexistent/r.csv", NULL), 1);
	assert_contains(err, "cannot open /nonexistent/r.csv");
	free(err);
	free(path);
	path = write_tmp("e.csv", "");
	err = NULL;
	assert_int_equal(t_kw(db, NULL, &err, "import", "rooms", path, NULL), 1);
	assert_contains(err, "kw: row 1: the file is empty");
	free(err);
	free(path);
	free(db);
	t_cleanup();
}

static void test_import_with_several_settings_needs_setting(void **state)
{
	char *db, *err = NULL, *path;
	struct store *s;
	struct store_stmt *st;
	char msg[512];
	(void)state;
	db = new_setting();
	assert_int_equal(store_open(db, STORE_OPEN_EXISTING, &s, msg, sizeof msg), 0);
	st = store_prepare(s, "INSERT INTO setting (name, created_at) VALUES ('Oak Tree', 0)");
	assert_int_equal(store_run(st), STORE_OK);
	store_finish(st);
	store_close(s);
	path = write_tmp("r.csv", "name\nGarden\n");
	assert_int_equal(t_kw(db, NULL, &err, "import", "rooms", path, NULL), 1);
	assert_contains(err, "--setting");
	free(err);
	assert_int_equal(t_kw(db, NULL, NULL, "import", "--setting", "2", "rooms", path, NULL), 0);
	assert_int_equal(db_count(db, "SELECT count(*) FROM room WHERE setting_id = 2"), 1);
	free(path);
	free(db);
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
	    cmocka_unit_test_teardown(test_csv_reads_quotes_commas_and_line_breaks, cleanup),
	    cmocka_unit_test_teardown(test_csv_skips_bom_and_takes_crlf_lf_and_cr, cleanup),
	    cmocka_unit_test_teardown(test_csv_unterminated_quote_names_its_row_and_ends_reading,
	                              cleanup),
	    cmocka_unit_test_teardown(test_csv_limits_are_errors_and_reading_goes_on, cleanup),
	    cmocka_unit_test_teardown(test_csv_nul_byte_is_an_error, cleanup),
	    cmocka_unit_test_teardown(test_import_good_files_add_every_row_and_one_audit_row,
	                              cleanup),
	    cmocka_unit_test_teardown(test_import_headers_match_whatever_their_case, cleanup),
	    cmocka_unit_test_teardown(test_import_skips_bom_and_reads_crlf, cleanup),
	    cmocka_unit_test_teardown(test_import_quoted_cells_keep_commas_and_fold_line_breaks,
	                              cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_bad_date, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_unknown_room, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_unknown_staff_code, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_duplicate_id_within_the_file, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_missing_required_column, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_unknown_column, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_bad_time_span, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_start_after_end, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_invalid_utf8, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_unterminated_quote, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_key_person_not_in_the_childs_room,
	                              cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_buddy_same_as_key_person, cleanup),
	    cmocka_unit_test_teardown(
	        test_import_lists_every_error_and_writes_none_of_the_good_rows, cleanup),
	    cmocka_unit_test_teardown(test_import_rejects_contact_of_unknown_child, cleanup),
	    cmocka_unit_test_teardown(test_import_usage_errors_exit_2, cleanup),
	    cmocka_unit_test_teardown(test_import_with_several_settings_needs_setting, cleanup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
