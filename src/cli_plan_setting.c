/*
 * cli_plan_setting.c — `kw plan --setting [--from DATE] [--time-limit S]`
 * plans key groups on the live database and keeps the proposal (nothing is
 * applied); it prints the proposal's number, the score before and after,
 * and each child whose key person or buddy would change.
 * `kw plan --apply ID --from DATE` applies a proposal from that day.
 */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli_plan_setting.h"
#include "core_plan.h"
#include "date.h"

static void print_diff(struct cli *cli, const json_t *in, const json_t *out)
{
	const json_t *kids = json_object_get(in, "children");
	json_t *a;
	size_t i;
	int shown = 0;
	json_array_foreach (json_object_get(out, "assignments"), i, a) {
		json_t *c = json_array_get(kids, i), *cur = json_object_get(c, "current");
		const char *p = json_string_value(json_object_get(a, "primary"));
		const char *q = json_string_value(json_object_get(a, "secondary"));
		const char *cp = cur ? json_string_value(json_object_get(cur, "primary")) : NULL;
		const char *cq = cur ? json_string_value(json_object_get(cur, "secondary")) : NULL;
		if (cp && cq && p && q && strcmp(cp, p) == 0 && strcmp(cq, q) == 0)
			continue;
		if (!shown++)
			fprintf(cli->out, "\n%-8s %-24s %-12s %-19s %s\n", "CHILD", "NAME", "ROOM",
			        "NOW (KEY/BUDDY)", "PROPOSED (KEY/BUDDY)");
		fprintf(cli->out, "%-8s %-24s %-12s %-8s %-10s %-8s %s\n",
		        json_string_value(json_object_get(c, "id")),
		        json_string_value(json_object_get(c, "name")),
		        json_string_value(json_object_get(c, "room")), cp ? cp : "-", cq ? cq : "-",
		        p, q);
	}
	if (!shown)
		fprintf(cli->out,
		        "\nno change proposed: the current key groups are already the best plan\n");
}

int cli_plan_setting(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"setting", optional_argument, NULL, 's'}, {"from", required_argument, NULL, 'f'},
	    {"apply", required_argument, NULL, 'a'},   {"time-limit", required_argument, NULL, 't'},
	    {"json", no_argument, NULL, 'j'},          {NULL, 0, NULL, 0},
	};
	long setting_id = 0, apply = 0;
	double limit = 0;
	int from_day = -1, json = 0, c, rc;
	struct store *s;
	struct setting set;
	struct actor who;
	struct op_error e;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (optarg && parse_long(optarg, 1, INT64_MAX, &setting_id) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--setting: '%s' is not a setting number", optarg);
			break;
		case 'f':
			if (date_parse(optarg, &from_day) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--from: '%s' is not a date (YYYY-MM-DD)", optarg);
			break;
		case 'a':
			if (parse_long(optarg, 1, INT64_MAX, &apply) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--apply: '%s' is not a proposal number", optarg);
			break;
		case 't':
			if (parse_double(optarg, &limit) != 0 || limit < 0)
				return cli_error(cli, CLI_USAGE,
				                 "--time-limit: '%s' is not a number of seconds",
				                 optarg);
			break;
		case 'j':
			json = 1;
			break;
		default:
			return CLI_USAGE;
		}
	}
	if (optind != argc)
		return CLI_USAGE;
	if (apply && from_day < 0)
		return cli_error(cli, CLI_USAGE,
		                 "--apply needs --from DATE: the day the new key groups start");
	if ((rc = cli_open(cli, setting_id, &s, &set, &who)) != CLI_OK)
		return rc;
	if (from_day < 0)
		from_day = date_today(set.time_zone);
	if (apply) {
		int changed;
		char day[DATE_LEN];
		if (core_tx_begin(s, &e) ||
		    core_plan_apply(s, &who, apply, from_day, &changed, &e) ||
		    core_tx_commit(s, &e)) {
			store_rollback(s);
			store_close(s);
			return cli_op_error(cli, &e);
		}
		date_format(from_day, day);
		fprintf(cli->out,
		        "applied proposal %ld from %s: %d children have a new key person or buddy; "
		        "their families are told\n",
		        apply, day, changed);
	} else {
		struct plan_summary sum;
		json_t *in = NULL, *out = NULL;
		if (core_plan_propose(s, &who, from_day, limit, &sum, &in, &out, &e)) {
			store_close(s);
			return cli_op_error(cli, &e);
		}
		if (json) {
			json_object_set_new(out, "proposal", json_integer(sum.id));
			json_dumpf(out, cli->out, JSON_INDENT(1));
			fputc('\n', cli->out);
		} else if (strcmp(sum.status, "infeasible") == 0) {
			fprintf(cli->out, "proposal %" PRId64 ": no plan is possible: %s\n", sum.id,
			        json_string_value(json_object_get(out, "reason")) ?: "");
		} else {
			fprintf(cli->out, "proposal %" PRId64 " (%s) for %d children: score %.1f",
			        sum.id, sum.status, sum.children, sum.total);
			if (!isnan(sum.before))
				fprintf(cli->out, " (now %.1f)", sum.before);
			fprintf(cli->out, ", %d children would change\n", sum.changes);
			print_diff(cli, in, out);
			fprintf(cli->out,
			        "\nto accept: kw plan --apply %" PRId64 " --from YYYY-MM-DD\n",
			        sum.id);
		}
		json_decref(in);
		json_decref(out);
	}
	store_close(s);
	return CLI_OK;
}
