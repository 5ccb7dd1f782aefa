/*
 * cli_import.c — `kw import KIND FILE.csv` (rooms, staff, children,
 * contacts, rota) and `kw import all FILE.json` (restore an export into an
 * empty database). The file is read whole, within a limit, and handed to
 * core_import_csv or core_import_all inside one transaction: everything is
 * imported, or nothing is and every problem is listed, one line each,
 * "kw: row N, column X: why", then "kw: FILE: N errors, nothing was
 * imported". FILE may be - for standard input.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "core_export.h"
#include "core_import.h"

#define CSV_FILE_MAX ((size_t)64 << 20)    /* 64 MiB of spreadsheet */
#define JSON_FILE_MAX ((size_t)1024 << 20) /* 1 GiB of export, photos included */

/* The whole of path ("-" is standard input), at most max bytes; NULL with
 * the reason in err. */
static char *read_all(const char *path, size_t max, size_t *len, char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *p = NULL;
	size_t n = 0, cap = 0;
	if (!f) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t k;
		if (n == cap) {
			if (cap > max) {
				snprintf(err, errlen, "%s is larger than %zu MiB", path, max >> 20);
				goto fail;
			}
			cap = cap ? cap * 2 : 65536;
			p = xrealloc(p, cap + 1);
		}
		k = fread(p + n, 1, cap - n, f);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		goto fail;
	}
	if (n > max) {
		snprintf(err, errlen, "%s is larger than %zu MiB", path, max >> 20);
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
fail:
	if (f != stdin)
		fclose(f);
	free(p);
	return NULL;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* Every problem, one per line, then the summary; returns CLI_FAIL. */
static int report_failure(struct cli *cli, const char *path, const struct import_report *r,
                          const struct op_error *e)
{
	for (size_t i = 0; i < r->nkept; i++)
		cli_error(cli, CLI_FAIL, "%s: %s", r->errors[i].where, r->errors[i].msg);
	if (r->nerrors > r->nkept)
		cli_error(cli, CLI_FAIL, "... and %zu more errors", r->nerrors - r->nkept);
	if (e->status != OP_OK)
		cli_op_error(cli, e);
	if (r->nerrors)
		return cli_error(cli, CLI_FAIL, "%s: %zu error%s, nothing was imported", path,
		                 r->nerrors, r->nerrors == 1 ? "" : "s");
	return cli_error(cli, CLI_FAIL, "%s: nothing was imported", path);
}

static void remove_database(const char *path)
{
	char side[4096];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static int import_all(struct cli *cli, const char *path, const char *text, size_t len)
{
	struct passwd *pw = getpwuid(getuid());
	struct import_report r;
	struct op_error e;
	struct store *s = NULL;
	struct stat sb;
	char err[512], name[96];
	struct actor who = {.ip = ""};
	int64_t id;
	int created = stat(cli->db_path, &sb) != 0;

	snprintf(name, sizeof name, "command line (%s)", pw ? pw->pw_name : "?");
	who.name = name;
	if (store_open(cli->db_path, STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		return cli_error(cli, CLI_FAIL, "%s", err);
	memset(&r, 0, sizeof r);
	if (core_tx_begin(s, &e) != 0) {
		store_close(s);
		return cli_op_error(cli, &e);
	}
	if (core_import_all(s, &who, base_name(path), text, len, &id, &r, &e) != 0 ||
	    core_tx_commit(s, &e) != 0) {
		int rc;
		store_rollback(s);
		store_close(s);
		if (created)
			remove_database(cli->db_path); /* leave no half-made file behind */
		rc = report_failure(cli, path, &r, &e);
		core_import_report_free(&r);
		return rc;
	}
	store_close(s);
	fprintf(cli->out, "imported setting %" PRId64 " with %zu rows from %s into %s\n", id,
	        r.rows, path, cli->db_path);
	core_import_report_free(&r);
	return CLI_OK;
}

int cli_import(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"setting", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct import_report r;
	struct op_error e;
	struct store *s = NULL;
	struct setting setting;
	struct actor who;
	const char *what, *path;
	char err[512], *text = NULL;
	size_t len;
	long setting_id = 0;
	int c, kind, rc = CLI_FAIL;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's' && parse_long(optarg, 1, 0x7fffffffL, &setting_id) == 0)
			continue;
		if (c == 's')
			return cli_error(cli, CLI_USAGE,
			                 "--setting needs a setting's id (a number)");
		return CLI_USAGE;
	}
	if (argc - optind != 2)
		return CLI_USAGE;
	what = argv[optind];
	path = argv[optind + 1];
	kind = core_import_kind(what);
	if (kind < 0 && strcmp(what, "all") != 0)
		return cli_error(
		    cli, CLI_USAGE,
		    "cannot import '%s': name rooms, staff, children, contacts, rota or all", what);
	if (kind < 0 && setting_id)
		return cli_error(cli, CLI_USAGE,
		                 "import all takes the setting from the file, not --setting");

	text = read_all(path, kind < 0 ? JSON_FILE_MAX : CSV_FILE_MAX, &len, err, sizeof err);
	if (!text)
		return cli_error(cli, CLI_FAIL, "%s", err);
	if (kind < 0) {
		rc = import_all(cli, path, text, len);
		free(text);
		return rc;
	}

	if (cli_open(cli, setting_id, &s, &setting, &who) != CLI_OK) {
		free(text);
		return CLI_FAIL;
	}
	memset(&r, 0, sizeof r);
	if (core_tx_begin(s, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (core_import_csv(s, &who, (enum import_kind)kind, base_name(path), text, len, &r, &e) !=
	        0 ||
	    core_tx_commit(s, &e) != 0) {
		store_rollback(s);
		rc = report_failure(cli, path, &r, &e);
		goto out;
	}
	fprintf(cli->out, "imported %zu %s from %s\n", r.rows,
	        core_import_noun((enum import_kind)kind, r.rows), path);
	rc = CLI_OK;
out:
	core_import_report_free(&r);
	store_close(s);
	free(text);
	return rc;
}
