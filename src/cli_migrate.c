/*
 * cli_migrate.c — `kw migrate-db FROM TO [--setting ID]`: copy a setting
 * from one database to another, SQLite to PostgreSQL or back (or file to
 * file), through the export document (core_export.h). FROM is exported;
 * the document is restored into TO, which must be empty, keeping every id
 * and the audit chain; TO is exported again in the same transaction and
 * compared with the first export table by table. Only when every table is
 * the same (the audit log: the same rows, then the restore's own) does TO's
 * transaction commit; otherwise nothing is kept and the first table that
 * differs is named.
 */
#include <getopt.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core_export.h"

/* The name of the first table of b that is not as in a, or NULL. The audit
 * log of b may go on after a's rows (the restore writes its own). */
static const char *first_difference(json_t *a, json_t *b)
{
	json_t *ta = json_object_get(a, "tables"), *tb = json_object_get(b, "tables");
	const char *name;
	json_t *rows;
	if (json_object_size(ta) != json_object_size(tb))
		return "the list of tables";
	json_object_foreach (ta, name, rows) {
		json_t *other = json_object_get(tb, name);
		if (!json_is_array(other))
			return name;
		if (strcmp(name, "audit_log") == 0) {
			if (json_array_size(other) < json_array_size(rows))
				return name;
			for (size_t i = 0; i < json_array_size(rows); i++)
				if (!json_equal(json_array_get(rows, i), json_array_get(other, i)))
					return name;
		} else if (!json_equal(rows, other)) {
			return name;
		}
	}
	if (!json_equal(json_object_get(a, "setting"), json_object_get(b, "setting")))
		return "setting";
	return NULL;
}

int cli_migrate_db(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"setting", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct passwd *pw = getpwuid(getuid());
	struct cli from = *cli;
	struct store *s = NULL, *t = NULL;
	struct setting setting;
	struct actor who, them;
	struct op_error e;
	struct import_report r;
	json_t *a = NULL, *b = NULL;
	char *text = NULL, err[1024], name[96];
	const char *diff;
	size_t rows = 0;
	long setting_id = 0;
	int64_t id = 0;
	int c, rc = CLI_FAIL;

	memset(&r, 0, sizeof r);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's') {
			if (parse_long(optarg, 1, 0x7fffffffL, &setting_id) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--setting needs a setting's id (a number)");
		} else {
			return CLI_USAGE;
		}
	}
	if (argc - optind != 2)
		return CLI_USAGE;
	from.db_path = argv[optind];
	if (strcmp(argv[optind], argv[optind + 1]) == 0)
		return cli_error(cli, CLI_USAGE, "FROM and TO are the same database");

	/* the setting as it is in FROM */
	if (cli_open(&from, setting_id, &s, &setting, &who) != CLI_OK)
		return CLI_FAIL;
	if (core_tx_begin(s, &e) != 0 || core_export(s, &who, &a, &rows, &e) != 0 ||
	    core_tx_commit(s, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	text = json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!text) {
		rc = cli_error(cli, CLI_FAIL, "cannot write the setting as a document");
		goto out;
	}

	/* into TO, checked against it before it is kept */
	if (store_open(argv[optind + 1], STORE_OPEN_CREATE, &t, err, sizeof err) != 0) {
		rc = cli_error(cli, CLI_FAIL, "%s", err);
		goto out;
	}
	snprintf(name, sizeof name, "migrate-db (%s)", pw ? pw->pw_name : "?");
	them = (struct actor){.name = name, .ip = ""};
	if (core_tx_begin(t, &e) != 0 ||
	    core_import_all(t, &them, "migrate-db", text, strlen(text), &id, &r, &e) != 0) {
		if (r.nerrors > 0)
			rc = cli_error(cli, CLI_FAIL, "%s: %s; nothing was copied",
			               r.errors[0].where, r.errors[0].msg);
		else
			rc = cli_op_error(cli, &e);
		goto out;
	}
	them.setting_id = id;
	if (core_export(t, &them, &b, NULL, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	diff = first_difference(a, b);
	if (diff) {
		rc = cli_error(cli, CLI_FAIL,
		               "the copy in %s differs from %s in %s; nothing was copied",
		               argv[optind + 1], argv[optind], diff);
		goto out;
	}
	if (core_tx_commit(t, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	fprintf(cli->out,
	        "copied setting %" PRId64 " (%s), %zu rows, from %s to %s; the copy's export is "
	        "the same as the original's\n",
	        id, setting.name, rows, argv[optind], argv[optind + 1]);
	rc = CLI_OK;
out:
	if (s) {
		store_rollback(s);
		store_close(s);
	}
	if (t) {
		store_rollback(t);
		store_close(t);
	}
	core_import_report_free(&r);
	free(text);
	json_decref(a);
	json_decref(b);
	return rc;
}
