/*
 * cli_demo.c — `kw demo [--children N] [--staff M] [--start YYYY-MM-DD]
 * [--setting NAME] [--settings N]`: load the demo setting of core_demo.c
 * into a new or empty database, in one transaction, and say what it holds.
 * A database that already holds a setting is refused and left as it was.
 * With --settings N, N demo settings (one transaction each), all in the
 * group "Demo group" (core_group.c); without it the one setting is alone
 * in that group, so the demo's group manager sign-in works either way.
 */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "core_demo.h"
#include "core_group.h"
#include "date.h"

#define DEMO_MAX_SETTINGS 50
#define DEMO_GROUP "Demo group"

/* The names of the demo's settings after the first. */
static const char *const demo_names[] = {
    "Bluebell Nursery",    "Daisy Chain Nursery",  "Acorn Pre-school",
    "Willow Day Nursery",  "Poppy Fields Nursery", "Honeybee Nursery",
    "Little Oaks Nursery", "Foxglove Day Nursery", "Rainbow Pre-school",
};

/* Put the demo's settings in one group, in one transaction. */
static int demo_group(struct store *s, const int64_t *ids, int n, struct op_error *e)
{
	struct actor who = {.setting_id = ids[0], .name = "kw demo", .ip = ""};
	int64_t group;
	if (core_tx_begin(s, e) || core_group_add(s, &who, DEMO_GROUP, &group, e))
		return -1;
	for (int i = 0; i < n; i++)
		if (core_group_attach(s, &who, group, ids[i], e))
			return -1;
	return core_tx_commit(s, e);
}

int cli_demo(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"children", required_argument, NULL, 'c'}, {"staff", required_argument, NULL, 'm'},
	    {"start", required_argument, NULL, 'd'},    {"setting", required_argument, NULL, 's'},
	    {"settings", required_argument, NULL, 'n'}, {NULL, 0, NULL, 0},
	};
	struct demo_options o = {.children = DEMO_CHILDREN, .staff = -1, .start = -1};
	struct demo_summary sum = {0};
	struct store *s = NULL;
	struct op_error e;
	char err[512], first[DATE_LEN], last[DATE_LEN];
	long n;
	int c, nsettings = 1;
	int64_t ids[DEMO_MAX_SETTINGS];
	char name[64];

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
		case 'n':
			if (parse_long(optarg, 1, DEMO_MAX_SETTINGS, &n) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--settings must be a number from 1 to %d",
				                 DEMO_MAX_SETTINGS);
			nsettings = (int)n;
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
	for (int i = 0; i < nsettings; i++) {
		if (i > 0) {
			o.another = 1;
			if ((size_t)i <= ARRAY_LEN(demo_names))
				o.setting_name = demo_names[i - 1];
			else {
				snprintf(name, sizeof name, "Demo setting %d", i + 1);
				o.setting_name = name;
			}
		}
		if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) ||
		    core_tx_commit(s, &e)) {
			store_rollback(s);
			store_close(s);
			if (e.status == OP_CONFLICT && !e.field[0])
				return cli_error(cli, CLI_FAIL,
				                 "%s already holds a setting; nothing was changed",
				                 cli->db_path);
			return cli_op_error(cli, &e);
		}
		ids[i] = sum.setting_id;
		if (i > 0)
			fprintf(cli->out, "loaded %s (setting %" PRId64 ")\n", o.setting_name,
			        sum.setting_id);
	}
	if (demo_group(s, ids, nsettings, &e)) {
		store_rollback(s);
		store_close(s);
		return cli_op_error(cli, &e);
	}
	if (nsettings > 1)
		sum.setting_id = ids[0];
	store_close(s);
	date_format(sum.first_day, first);
	date_format(sum.last_day, last);
	fprintf(cli->out, "loaded the demo setting into %s (setting %" PRId64 "):\n", cli->db_path,
	        sum.setting_id);
	fprintf(cli->out, "  %d rooms, %d children in %d families (%d contacts), %d staff\n",
	        sum.rooms, sum.children, sum.families, sum.contacts, sum.staff);
	fprintf(cli->out, "  rota: %d shifts from %s (Monday) to %s (Friday); %d staff absences\n",
	        sum.shifts, first, last, sum.absences);
	fprintf(cli->out, "  %d setting%s in the group \"%s\"\n", nsettings,
	        nsettings == 1 ? "" : "s", DEMO_GROUP);
	if (nsettings > 1)
		fprintf(cli->out, "next: kw --db %s today --date %s --setting %" PRId64 "\n",
		        cli->db_path, first, ids[0]);
	else
		fprintf(cli->out, "next: kw --db %s today --date %s\n", cli->db_path, first);
	return CLI_OK;
}
