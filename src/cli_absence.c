/*
 * cli_absence.c — staff absences from the command line:
 *   kw absence add STAFF --from D [--to D] --reason sick|holiday|training|ppa|other [--note TEXT]
 *   kw absence list [--from D]
 * STAFF is the member of staff's id (code), as `kw today --json` shows it.
 * `add` validates against core_absence_fields and calls core_absence_add in
 * one transaction, so a bad field writes nothing; `list` shows absences
 * that end on or after --from (default today), in aligned columns.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core_staff.h"
#include "valid.h"

static const struct option absence_opts[] = {
    {"from", required_argument, NULL, 'f'},    {"to", required_argument, NULL, 't'},
    {"reason", required_argument, NULL, 'r'},  {"note", required_argument, NULL, 'n'},
    {"setting", required_argument, NULL, 's'}, {NULL, 0, NULL, 0},
};

/* Options of `absence add` and `absence list` into raw field values. */
static int parse_options(struct cli *cli, int argc, char **argv, const char **raw, long *setting_id)
{
	int c;
	while ((c = getopt_long(argc, argv, "", absence_opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			raw[ABSENCE_FROM] = optarg;
			break;
		case 't':
			raw[ABSENCE_TO] = optarg;
			break;
		case 'r':
			raw[ABSENCE_REASON] = optarg;
			break;
		case 'n':
			raw[ABSENCE_NOTE] = optarg;
			break;
		case 's':
			if (parse_long(optarg, 1, 0x7fffffff, setting_id) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--setting must be a setting number");
			break;
		default:
			return CLI_USAGE;
		}
	}
	return CLI_OK;
}

static int absence_add(struct cli *cli, int argc, char **argv)
{
	const char *raw[ABSENCE__MAX] = {NULL};
	struct field_value v[ABSENCE__MAX];
	struct field_error fe;
	struct setting setting;
	struct actor who;
	struct store *s;
	struct store_stmt *st;
	struct op_error e;
	struct arena a;
	long setting_id = 0;
	int64_t id;
	int rc;

	if ((rc = parse_options(cli, argc, argv, raw, &setting_id)) != CLI_OK)
		return rc;
	if (argc - optind != 1)
		return cli_error(cli, CLI_USAGE, "name one member of staff by id, e.g. S03");
	raw[ABSENCE_STAFF] = argv[optind];
	arena_init(&a);
	if (valid_record(core_absence_fields, ABSENCE__MAX, raw, v, &a, &fe) != 0) {
		rc = cli_error(cli, CLI_USAGE, "%s: %s", fe.field, fe.msg);
		goto out_arena;
	}
	if ((rc = cli_open(cli, setting_id, &s, &setting, &who)) != CLI_OK)
		goto out_arena;
	if (core_tx_begin(s, &e) || core_absence_add(s, &who, v, &id, &e) ||
	    core_tx_commit(s, &e)) {
		store_rollback(s);
		rc = cli_op_error(cli, &e);
		goto out;
	}
	st = store_stmt(s, STMT_STAFF_GET);
	store_bind_int(st, 1, setting.id);
	store_bind_int(st, 2, core_staff_find(s, setting.id, v[ABSENCE_STAFF].s));
	fprintf(cli->out, "recorded absence %" PRId64 ": %s %s, %s, %s to %s\n", id,
	        v[ABSENCE_STAFF].s, store_step(st) == STORE_ROW ? store_col_text(st, 2) : "",
	        v[ABSENCE_REASON].s, v[ABSENCE_FROM].s,
	        v[ABSENCE_TO].present ? v[ABSENCE_TO].s : v[ABSENCE_FROM].s);
	store_finish(st);
	rc = CLI_OK;
out:
	store_close(s);
out_arena:
	arena_free(&a);
	return rc;
}

static int absence_list(struct cli *cli, int argc, char **argv)
{
	enum { COLS = 6 };
	static const char *const headings[COLS] = {"STAFF", "NAME", "FROM", "TO", "REASON", "NOTE"};
	const char *raw[ABSENCE__MAX] = {NULL};
	const char **cells = NULL;
	struct setting setting;
	struct actor who;
	struct store *s;
	struct store_stmt *st;
	struct arena a;
	size_t rows = 1, cap = 16;
	long setting_id = 0;
	char from[DATE_LEN];
	int rc;

	if ((rc = parse_options(cli, argc, argv, raw, &setting_id)) != CLI_OK)
		return rc;
	if (optind != argc || raw[ABSENCE_TO] || raw[ABSENCE_REASON] || raw[ABSENCE_NOTE])
		return CLI_USAGE;
	arena_init(&a);
	if (raw[ABSENCE_FROM]) {
		struct field_value v;
		char why[200];
		if (valid_field(&core_absence_fields[ABSENCE_FROM], raw[ABSENCE_FROM], &v, &a, why,
		                sizeof why) != 0) {
			rc = cli_error(cli, CLI_USAGE, "from: %s", why);
			goto out_arena;
		}
		date_format((int)v.i, from);
	}
	if ((rc = cli_open(cli, setting_id, &s, &setting, &who)) != CLI_OK)
		goto out_arena;
	if (!raw[ABSENCE_FROM])
		date_format(date_today(setting.time_zone), from);

	cells = xcalloc(cap * COLS, sizeof *cells);
	memcpy(cells, headings, sizeof headings);
	st = store_stmt(s, STMT_STAFF_ABSENCE_LIST);
	store_bind_int(st, 1, setting.id);
	store_bind_text(st, 2, from);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (rows == cap) {
			cap *= 2;
			cells = xrealloc(cells, cap * COLS * sizeof *cells);
		}
		for (int k = 0; k < COLS; k++)
			cells[rows * COLS + k] = arena_strdup(&a, store_col_text(st, k + 1));
		rows++;
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		rc = cli_error(cli, CLI_FAIL, "reading absences failed: %s", store_errmsg(s));
		goto out;
	}
	if (rows == 1) {
		fprintf(cli->out, "No staff absences from %s on.\n", from);
		rc = CLI_OK;
		goto out;
	}
	cli_table_print(cli->out, cells, rows, COLS);
	rc = CLI_OK;
out:
	free(cells);
	store_close(s);
out_arena:
	arena_free(&a);
	return rc;
}

int cli_absence(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return CLI_USAGE;
	/* the subcommand's own argv: "add" or "list" stands where getopt expects the program */
	if (strcmp(argv[1], "add") == 0)
		return absence_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return absence_list(cli, argc - 1, argv + 1);
	return cli_error(cli, CLI_USAGE, "absence: say add or list");
}
