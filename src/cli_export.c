/*
 * cli_export.c — `kw export [--format json] [--out FILE] [--setting ID]`:
 * everything of the setting as one JSON document (core_export.h), on
 * standard output or into FILE; with `--child ID [--as USER]`, everything
 * held about one child (subject access), the safeguarding part only when
 * USER is the setting's DSL (authz_subject_access_safeguarding). A FILE is written beside its final
 * name (mode 0600: it holds children's records), synced, and renamed over it only once the export's
 * audit row is committed, so a reader never sees half a document and an existing FILE survives a
 * failed export.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "authz.h"
#include "cli.h"
#include "core_export.h"

#define DUMP_FLAGS (JSON_INDENT(1) | JSON_PRESERVE_ORDER)

/* Write doc to a new private file beside path; its name goes to tmp. */
static int write_beside(const char *path, json_t *doc, char *tmp, size_t n, char *err,
                        size_t errlen)
{
	FILE *f;
	int fd, ok;
	if ((size_t)snprintf(tmp, n, "%s.tmp-XXXXXX", path) >= n) {
		snprintf(err, errlen, "%s: the name is too long", path);
		return -1;
	}
	fd = mkstemp(tmp); /* mode 0600 */
	if (fd < 0) {
		snprintf(err, errlen, "cannot create a file beside %s: %s", path, strerror(errno));
		return -1;
	}
	f = fdopen(fd, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	ok = json_dumpf(doc, f, DUMP_FLAGS) == 0 && fputc('\n', f) != EOF && fflush(f) == 0 &&
	     fsync(fd) == 0;
	if (!ok)
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
	if (fclose(f) != 0 && ok) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		ok = 0;
	}
	if (!ok)
		unlink(tmp);
	return ok ? 0 : -1;
}

int cli_export(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},  {"out", required_argument, NULL, 'o'},
	    {"setting", required_argument, NULL, 's'}, {"child", required_argument, NULL, 'c'},
	    {"as", required_argument, NULL, 'u'},      {NULL, 0, NULL, 0},
	};
	const char *out = NULL, *as = NULL;
	char as_name[300];
	long child_id = 0;
	struct store *s = NULL;
	struct setting setting;
	struct actor who;
	struct op_error e;
	json_t *doc = NULL;
	char tmp[4096], err[8192];
	size_t rows = 0;
	long setting_id = 0;
	int c, rc = CLI_FAIL, written = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f') {
			if (strcmp(optarg, "json") != 0)
				return cli_error(cli, CLI_USAGE, "--format must be json");
		} else if (c == 'o') {
			if (!*optarg)
				return cli_error(cli, CLI_USAGE, "--out needs a file name");
			out = optarg;
		} else if (c == 's') {
			if (parse_long(optarg, 1, 0x7fffffffL, &setting_id) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--setting needs a setting's id (a number)");
		} else if (c == 'c') {
			if (parse_long(optarg, 1, 0x7fffffffL, &child_id) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--child needs a child's id (a number)");
		} else if (c == 'u') {
			if (!*optarg)
				return cli_error(cli, CLI_USAGE, "--as needs a username");
			as = optarg;
		} else {
			return CLI_USAGE;
		}
	}
	if (optind != argc)
		return CLI_USAGE;
	if (as && !child_id)
		return cli_error(cli, CLI_USAGE,
		                 "--as goes with --child ID (a subject access export)");
	if (out && strcmp(out, "-") == 0)
		out = NULL;
	if (cli_open(cli, setting_id, &s, &setting, &who) != CLI_OK)
		return CLI_FAIL;
	if (core_tx_begin(s, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (child_id) {
		struct me me = {0};
		if (as) {
			if (core_export_subject_user(s, setting.id, as, &me, &e) != 0) {
				rc = cli_op_error(cli, &e);
				goto out;
			}
			snprintf(as_name, sizeof as_name, "%s as %s", who.name, as);
			who.name = as_name;
			who.user_id = me.user_id;
		}
		if (core_export_child(s, &who, child_id, authz_subject_access_safeguarding(&me),
		                      &doc, &rows, &e) != 0) {
			rc = cli_op_error(cli, &e);
			goto out;
		}
	} else if (core_export(s, &who, &doc, &rows, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (out) {
		if (write_beside(out, doc, tmp, sizeof tmp, err, sizeof err) != 0) {
			rc = cli_error(cli, CLI_FAIL, "%s; nothing was exported", err);
			goto out;
		}
		written = 1;
	} else if (json_dumpf(doc, cli->out, DUMP_FLAGS) != 0 || fputc('\n', cli->out) == EOF ||
	           fflush(cli->out) != 0) {
		rc = cli_error(cli, CLI_FAIL, "cannot write the export: %s", strerror(errno));
		goto out;
	}
	if (core_tx_commit(s, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (written) {
		if (rename(tmp, out) != 0) {
			rc = cli_error(cli, CLI_FAIL, "cannot rename %s to %s: %s", tmp, out,
			               strerror(errno));
			goto out;
		}
		written = 0;
		if (child_id)
			fprintf(cli->out, "exported %zu rows about child %ld to %s\n", rows,
			        child_id, out);
		else
			fprintf(cli->out, "exported %zu rows of setting %lld (%s) to %s\n", rows,
			        (long long)setting.id, setting.name, out);
	}
	rc = CLI_OK;
out:
	if (written)
		unlink(tmp);
	if (s) {
		store_rollback(s);
		store_close(s);
	}
	json_decref(doc);
	return rc;
}
