/*
 * cli_diary.c — `kw diary publish [--date D]`: publish the daily diary to
 * the parents. Without --date it publishes today's entries and any earlier
 * day's still unpublished (run it from a timer at closing time: the
 * setting's end-of-day publishing); with --date only that day's.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "core_diary.h"
#include "date.h"

int cli_diary(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"date", required_argument, NULL, 'd'},
	    {NULL, 0, NULL, 0},
	};
	struct setting setting;
	struct actor who;
	struct store *s = NULL;
	struct op_error e;
	char d[DATE_LEN];
	int c, day = -1, count = 0, rc, up_to;

	if (argc < 2 || strcmp(argv[1], "publish") != 0)
		return cli_error(cli, CLI_USAGE, "usage: kw diary publish [--date YYYY-MM-DD]");
	/* the subcommand stands where getopt expects the program (main.c reset optind) */
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		if (c != 'd' || date_parse(optarg, &day) != 0)
			return cli_error(cli, CLI_USAGE, "--date must be a date as YYYY-MM-DD");
	}
	if (optind != argc - 1)
		return cli_error(cli, CLI_USAGE, "usage: kw diary publish [--date YYYY-MM-DD]");
	if ((rc = cli_open(cli, 0, &s, &setting, &who)) != CLI_OK)
		return rc;
	up_to = day < 0;
	if (day < 0)
		day = date_today(setting.time_zone);
	if (core_tx_begin(s, &e) != 0 ||
	    core_diary_publish(s, &who, day, 0, up_to, &count, &e) != 0 ||
	    core_tx_commit(s, &e) != 0) {
		store_rollback(s);
		store_close(s);
		return cli_op_error(cli, &e);
	}
	store_close(s);
	date_format(day, d);
	fprintf(cli->out, "published %d diary %s%s %s\n", count, count == 1 ? "entry" : "entries",
	        up_to ? " up to" : " of", d);
	return CLI_OK;
}
