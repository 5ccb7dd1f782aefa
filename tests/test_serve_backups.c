/*
 * test_serve_backups.c — `kw serve --backup-dir DIR` takes the day's backup
 * when it starts and keeps only the newest 14 of its own daily files: on
 * SQLite a checked copy of the file, on PostgreSQL (KW_TEST_PG) pg_dump's
 * archive. Nothing else in the folder is touched (a safety copy kept by a
 * restore, other files that happen to begin with "keyworker-").
 */
#include "sock_client.h"
#include "support.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "date.h"
#include "store.h"

static int exists(const char *dir, const char *name)
{
	char path[1024];
	struct stat sb;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return stat(path, &sb) == 0;
}

static void touch(const char *dir, const char *name)
{
	char path[1024];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("an older backup\n", f);
	fclose(f);
}

static int dailies(const char *dir, const char *ext)
{
	int n = 0;
	char name[64];
	for (int d = 1; d <= 28; d++) {
		snprintf(name, sizeof name, "keyworker-2025-01-%02d%s", d, ext);
		n += exists(dir, name);
	}
	return n;
}

static void test_the_day_is_backed_up_and_the_newest_fourteen_kept(void **state)
{
	const char *db = t_path("live.db"), *ext = t_on_pg() ? ".dump" : ".db";
	char dir[512], flag[600], log[512], today[DATE_LEN], name[64], path[1024];
	struct store *s;
	int port;
	pid_t pid;
	(void)state;
	assert_int_equal(t_kw(db, NULL, NULL, "demo", NULL), 0);
	snprintf(dir, sizeof dir, "%s", t_path("backups"));
	assert_int_equal(mkdir(dir, 0700), 0);
	for (int d = 1; d <= 15; d++) {
		snprintf(name, sizeof name, "keyworker-2025-01-%02d%s", d, ext);
		touch(dir, name);
	}
	touch(dir, "before-restore-1700000000.dump");
	touch(dir, "keyworker-notes.txt");
	touch(dir, "keyworker-2025-01-01.db.bak");
	snprintf(flag, sizeof flag, "--backup-dir=%s", dir);
	snprintf(log, sizeof log, "%s", t_path("serve.log"));
	date_format(date_today(NULL), today);
	snprintf(name, sizeof name, "keyworker-%s%s", today, ext);
	port = sock_free_port();
	pid = sock_serve(getenv("KW_BIN"), db, log, port, 2, flag, 30);
	assert_true(pid > 0);
	/* the day's backup, then the rotation, at start */
	for (int i = 0; i < 600 && (!exists(dir, name) || dailies(dir, ext) != 13); i++)
		usleep(50 * 1000);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	assert_true(exists(dir, name));
	/* 15 older + today's = 16; the 2 oldest go */
	assert_int_equal(dailies(dir, ext), 13);
	assert_false(
	    exists(dir, t_on_pg() ? "keyworker-2025-01-01.dump" : "keyworker-2025-01-01.db"));
	assert_false(
	    exists(dir, t_on_pg() ? "keyworker-2025-01-02.dump" : "keyworker-2025-01-02.db"));
	assert_true(
	    exists(dir, t_on_pg() ? "keyworker-2025-01-03.dump" : "keyworker-2025-01-03.db"));
	assert_true(exists(dir, "before-restore-1700000000.dump"));
	assert_true(exists(dir, "keyworker-notes.txt"));
	assert_true(exists(dir, "keyworker-2025-01-01.db.bak"));
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (t_on_pg()) {
		/* pg_dump's custom archive, read back before it took its name */
		char magic[6] = {0};
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		assert_int_equal(fread(magic, 1, 5, f), 5);
		fclose(f);
		assert_string_equal(magic, "PGDMP");
	} else {
		char err[512];
		assert_int_equal(store_open(path, STORE_OPEN_EXISTING, &s, err, sizeof err), 0);
		assert_true(t_one(s, "SELECT count(*) FROM child") > 0);
		store_close(s);
	}
	t_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_day_is_backed_up_and_the_newest_fourteen_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
