/*
 * cli_demo.c — `kw demo [--children N] [--staff M] [--start YYYY-MM-DD]
 * [--setting NAME]`: load the demo setting of core_demo.c into a new or
 * empty database, in one transaction, and say what it holds. A database
 * that already holds a setting is refused and left as it was.
 */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "core_demo.h"
#include "date.h"

int cli_demo(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"children", required_argument, NULL, 'c'},
	    {"staff", required_argument, NULL, 'm'},
	    {"start", required_argument, NULL, 'd'},
	    {"setting", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct demo_options o = {.children = DEMO_CHILDREN, .staff = -1, .start = -1};
	struct demo_summary sum;
	struct store *s = NULL;
	struct op_error e;
	char err[512], first[DATE_LEN], last[DATE_LEN];
	long n;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (parse_long(optarg, 1, DEMO_MAX_CHILDREN, &n) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--children must be a number from 1 to %d",
				                 DEMO_MAX_CHILDREN);
			o.children = (int)n;
			break;
		case 'm':
			if (parse_long(optarg, 1, DEMO_MAX_STAFF, &n) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--staff must be a number from 1 to %d",
				                 DEMO_MAX_STAFF);
			o.staff = (int)n;
			break;
		case 'd':
			if (date_parse(optarg, &o.start) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--start must be a date as YYYY-MM-DD");
			break;
		case 's':
			if (!*optarg || strlen(optarg) > 200)
				return cli_error(cli, CLI_USAGE,
				                 "--setting must be a name of 1 to 200 characters");
			o.setting_name = optarg;
			break;
		default:
			return CLI_USAGE;
		}
	}
	if (optind != argc)
		return CLI_USAGE;
	if (o.staff < 0)
		o.staff = core_demo_default_staff(o.children);
	if (o.start < 0)
		o.start = date_today("Europe/London");
	if (core_demo_check(&o, &e) != 0)
		return cli_error(cli, CLI_USAGE, "--%s %s", e.field, e.msg);

	if (store_open(cli->db_path, STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		return cli_error(cli, CLI_FAIL, "%s", err);
	if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) || core_tx_commit(s, &e)) {
		store_rollback(s);
		store_close(s);
		if (e.status == OP_CONFLICT && !e.field[0])
			return cli_error(cli, CLI_FAIL,
			                 "%s already holds a setting; nothing was changed",
			                 cli->db_path);
		return cli_op_error(cli, &e);
	}
	store_close(s);
	date_format(sum.first_day, first);
	date_format(sum.last_day, last);
	fprintf(cli->out, "loaded the demo setting into %s (setting %" PRId64 "):\n", cli->db_path,
	        sum.setting_id);
	fprintf(cli->out, "  %d rooms, %d children in %d families (%d contacts), %d staff\n",
	        sum.rooms, sum.children, sum.families, sum.contacts, sum.staff);
	fprintf(cli->out, "  rota: %d shifts from %s (Monday) to %s (Friday); %d staff absences\n",
	        sum.shifts, first, last, sum.absences);
	fprintf(cli->out, "next: kw --db %s today --date %s\n", cli->db_path, first);
	return CLI_OK;
}
