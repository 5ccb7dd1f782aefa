/*
 * cli_store.c — the whole-database commands: `kw backup FILE` (SQLite's
 * online backup, or pg_dump's archive on PostgreSQL; safe while the server
 * writes), `kw restore FILE` (checks the backup first, takes a safety copy
 * of what is there now, then replaces it), and `kw check` (integrity, foreign keys and each
 * setting's audit chain).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "cli.h"

int cli_backup(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	char err[512];
	if (argc != 2)
		return CLI_USAGE;
	if (store_open(cli->db_path, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		return cli_error(cli, CLI_FAIL, "%s", err);
	if (store_backup(s, argv[1], err, sizeof err) != 0) {
		store_close(s);
		return cli_error(cli, CLI_FAIL, "backup failed: %s", err);
	}
	store_close(s);
	fprintf(cli->out, "backed up %s to %s\n", cli->db_path, argv[1]);
	return CLI_OK;
}

int cli_restore(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	char err[512], safety[1024];
	if (argc != 2)
		return CLI_USAGE;
	if (store_open(cli->db_path, STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		return cli_error(cli, CLI_FAIL, "%s", err);
	/* Keep what is there now, in case the wrong backup was chosen: beside the
	 * file, or for a PostgreSQL database beside the backup being restored. */
	if (store_is_pg_address(cli->db_path)) {
		const char *slash = strrchr(argv[1], '/');
		int dir = slash ? (int)(slash - argv[1]) + 1 : 0;
		snprintf(safety, sizeof safety, "%.*sbefore-restore-%lld.dump", dir, argv[1],
		         (long long)time(NULL));
	} else {
		snprintf(safety, sizeof safety, "%s.before-restore-%lld", cli->db_path,
		         (long long)time(NULL));
	}
	if (store_backup(s, safety, err, sizeof err) != 0) {
		store_close(s);
		return cli_error(cli, CLI_FAIL, "cannot keep a copy of the current database: %s",
		                 err);
	}
	if (store_restore(s, argv[1], err, sizeof err) != 0) {
		store_close(s);
		return cli_error(cli, CLI_FAIL, "%s", err);
	}
	store_close(s);
	fprintf(cli->out, "restored %s from %s (the previous contents are in %s)\n", cli->db_path,
	        argv[1], safety);
	return CLI_OK;
}

int cli_check(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct store_stmt *st;
	char err[512], msg[4096];
	int bad = 0;
	UNUSED(argv);
	if (argc != 1)
		return CLI_USAGE;
	if (store_open(cli->db_path, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0)
		return cli_error(cli, CLI_FAIL, "%s", err);
	if (store_check(s, msg, sizeof msg) != 0) {
		fprintf(cli->out, "integrity and foreign keys: PROBLEMS\n%s", msg);
		bad = 1;
	} else {
		fprintf(cli->out, "integrity and foreign keys: ok\n");
	}
	st = store_stmt(s, STMT_SETTING_LIST);
	{
		int64_t ids[256];
		size_t n = 0;
		while (store_step(st) == STORE_ROW && n < ARRAY_LEN(ids))
			ids[n++] = store_col_int(st, 0);
		store_finish(st);
		for (size_t i = 0; i < n; i++) {
			int64_t bad_id;
			if (audit_verify(s, ids[i], &bad_id) != 0) {
				fprintf(cli->out,
				        "audit log of setting %" PRId64 ": BROKEN at row %" PRId64
				        " (changed or removed rows)\n",
				        ids[i], bad_id);
				bad = 1;
			} else {
				fprintf(cli->out, "audit log of setting %" PRId64 ": ok\n", ids[i]);
			}
		}
	}
	fprintf(cli->out, "schema version %d of %d\n", store_schema_version(s),
	        store_schema_latest());
	store_close(s);
	return bad ? cli_error(cli, CLI_FAIL, "%s has problems (listed above)", cli->db_path)
	           : CLI_OK;
}
