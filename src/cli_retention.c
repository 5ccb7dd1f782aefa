/*
 * cli_retention.c — `kw retention --dry-run|--apply [--json] [--setting ID]`:
 * per record kind, what the retention rules say is due today (how many
 * records, the oldest, the rule), and with --apply its removal in one
 * transaction with an audit row (core_retention.h). A dry run does the
 * same purge and rolls it back, so it lists exactly what --apply removes.
 */
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core_retention.h"

static void print_table(FILE *f, const struct retention_report *r)
{
	enum { COLS = 6 };
	const char *cells[(RETENTION_KINDS_MAX + 1) * COLS] = {"kind", "rule",   "due",
	                                                       "kept", "oldest", "rows"};
	char nums[RETENTION_KINDS_MAX][3][24];
	for (size_t i = 0; i < r->n; i++) {
		const struct retention_result *k = &r->kinds[i];
		const char **row = &cells[(i + 1) * COLS];
		snprintf(nums[i][0], sizeof nums[i][0], "%" PRId64, k->records);
		snprintf(nums[i][1], sizeof nums[i][1], "%" PRId64, k->kept);
		snprintf(nums[i][2], sizeof nums[i][2], "%" PRId64, k->rows);
		row[0] = k->kind;
		row[1] = k->rule;
		row[2] = nums[i][0];
		row[3] = nums[i][1];
		row[4] = k->oldest[0] ? k->oldest : "-";
		row[5] = nums[i][2];
	}
	cli_table_print(f, cells, r->n + 1, COLS);
}

static json_t *report_json(const struct retention_report *r, int apply, const char *today)
{
	json_t *kinds = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const struct retention_result *k = &r->kinds[i];
		json_array_append_new(
		    kinds,
		    json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:o}", "kind", k->kind, "what",
		              k->what, "rule", k->rule, "due", (json_int_t)k->records, "kept",
		              (json_int_t)k->kept, "rows", (json_int_t)k->rows, "oldest",
		              k->oldest[0] ? json_string(k->oldest) : json_null()));
	}
	return json_pack("{s:s, s:b, s:I, s:o}", "date", today, "applied", apply, "rows",
	                 (json_int_t)r->rows, "kinds", kinds);
}

int cli_retention(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    {"apply", no_argument, NULL, 'a'},
	    {"json", no_argument, NULL, 'j'},
	    {"setting", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct store *s = NULL;
	struct setting setting;
	struct actor who;
	struct op_error e;
	struct retention_report r;
	char today[DATE_LEN];
	long setting_id = 0;
	int c, apply = -1, json = 0, rc = CLI_FAIL, day;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n' || c == 'a') {
			if (apply != -1 && apply != (c == 'a'))
				return cli_error(cli, CLI_USAGE,
				                 "give --dry-run or --apply, not both");
			apply = c == 'a';
		} else if (c == 'j') {
			json = 1;
		} else if (c == 's') {
			if (parse_long(optarg, 1, 0x7fffffffL, &setting_id) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--setting needs a setting's id (a number)");
		} else {
			return CLI_USAGE;
		}
	}
	if (optind != argc)
		return CLI_USAGE;
	if (apply == -1)
		return cli_error(cli, CLI_USAGE,
		                 "give --dry-run (list what is due) or --apply (remove it)");
	if (cli_open(cli, setting_id, &s, &setting, &who) != CLI_OK)
		return CLI_FAIL;
	day = date_today(setting.time_zone);
	date_format(day, today);
	if (core_tx_begin(s, &e) != 0 ||
	    core_retention_run(s, &who, day, setting.time_zone, apply, &r, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (!apply) {
		store_rollback(s); /* a dry run: the purge is undone */
	} else if (core_tx_commit(s, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (json) {
		json_t *doc = report_json(&r, apply, today);
		json_dumpf(doc, cli->out, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		fputc('\n', cli->out);
		json_decref(doc);
	} else {
		fprintf(cli->out, "retention on %s, setting %lld (%s):\n", today,
		        (long long)setting.id, setting.name);
		print_table(cli->out, &r);
		if (apply)
			fprintf(cli->out, "removed %" PRId64 " rows\n", r.rows);
		else
			fprintf(
			    cli->out,
			    "dry run: nothing removed; kw retention --apply removes these %" PRId64
			    " rows\n",
			    r.rows);
	}
	rc = CLI_OK;
out:
	if (s) {
		store_rollback(s);
		store_close(s);
	}
	return rc;
}
