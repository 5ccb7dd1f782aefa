/*
 * cli_plan.c — `kw plan FILE.json [--time-limit S] [--seed K] [--explain]`:
 * reads a keyworker-plan/1 instance (FILE "-" is standard input), runs the
 * planner and prints the result JSON on stdout, or with --explain the
 * human-readable report (who greets and hands over each child each day,
 * staff loads against fair shares, every uncovered event with reason and
 * who could cover it). Malformed input is one line on stderr naming the id
 * and key, exit status 1. `kw plan --setting ...` and `--apply` work on
 * the database and are handled by cli_plan_setting.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_plan_setting.h"
#include "planner/planner.h"

int cli_plan(struct cli *cli, int argc, char **argv)
{
	struct planner_options opt = {.time_limit_s = 0, .seed = 1};
	const char *path = NULL;
	int explain = 0, i, rc = CLI_FAIL;
	json_t *in = NULL, *out = NULL;
	json_error_t jerr;
	char err[512];

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--setting") == 0 || strcmp(argv[i], "--apply") == 0 ||
		    strncmp(argv[i], "--setting=", 10) == 0 || strncmp(argv[i], "--apply=", 8) == 0)
			return cli_plan_setting(cli, argc, argv);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		if (strcmp(a, "--explain") == 0) {
			explain = 1;
			continue;
		}
		if (strcmp(a, "--time-limit") == 0 || strcmp(a, "--seed") == 0) {
			if (i + 1 >= argc)
				return cli_error(cli, CLI_USAGE, "%s needs a value", a);
			val = argv[++i];
		} else if (strncmp(a, "--time-limit=", 13) == 0) {
			val = a + 13;
			a = "--time-limit";
		} else if (strncmp(a, "--seed=", 7) == 0) {
			val = a + 7;
			a = "--seed";
		}
		if (val && strcmp(a, "--time-limit") == 0) {
			if (parse_double(val, &opt.time_limit_s) || opt.time_limit_s < 0 ||
			    opt.time_limit_s > 1e7)
				return cli_error(cli, CLI_USAGE,
				                 "--time-limit: '%s' is not a number of seconds",
				                 val);
		} else if (val) {
			long seed;
			if (parse_long(val, 0, 2147483647L, &seed))
				return cli_error(cli, CLI_USAGE,
				                 "--seed: '%s' is not an integer 0..2147483647",
				                 val);
			opt.seed = (uint64_t)seed;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_error(cli, CLI_USAGE, "plan: unknown option '%s'", a);
		} else if (path) {
			return cli_error(cli, CLI_USAGE, "plan: one FILE.json only");
		} else {
			path = a;
		}
	}
	if (!path)
		return CLI_USAGE;
	if (strcmp(path, "-") == 0)
		in = json_loadf(stdin, JSON_REJECT_DUPLICATES, &jerr);
	else
		in = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!in)
		return cli_error(cli, CLI_FAIL, "%s: line %d column %d: %s", path, jerr.line,
		                 jerr.column, jerr.text);
	if (planner_solve_json(in, &opt, &out, err, sizeof err)) {
		rc = cli_error(cli, CLI_FAIL, "%s: %s", path, err);
		goto out;
	}
	if (explain) {
		char *text = planner_explain(in, out);
		fputs(text, cli->out);
		free(text);
	} else {
		json_dumpf(out, cli->out, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
		fputc('\n', cli->out);
	}
	rc = fflush(cli->out) == 0 ? CLI_OK : cli_error(cli, CLI_FAIL, "cannot write the result");
out:
	json_decref(in);
	json_decref(out);
	return rc;
}
