/*
 * cli_rota.c — the rota week from the command line (core_rota.h):
 *   kw rota draft STAFF --date D --start HH:MM --end HH:MM [--room R]
 *   kw rota publish --week D [--override REASON]
 *   kw rota week [--week D] [--json]
 *   kw rota expiring [--weeks N]
 * each with [--setting ID]. A week is the Monday-to-Sunday week holding D
 * (default today). `publish` refused because the week is out of ratio
 * exits 1 listing the short slots; nothing is published then.
 */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"
#include "core_rota.h"
#include "core_staff.h"

static const struct option rota_opts[] = {
    {"date", required_argument, NULL, 'd'},    {"start", required_argument, NULL, 'b'},
    {"end", required_argument, NULL, 'e'},     {"room", required_argument, NULL, 'r'},
    {"week", required_argument, NULL, 'w'},    {"override", required_argument, NULL, 'o'},
    {"json", no_argument, NULL, 'j'},          {"weeks", required_argument, NULL, 'n'},
    {"setting", required_argument, NULL, 's'}, {NULL, 0, NULL, 0},
};

struct rota_args {
	const char *raw[SHIFT__MAX];
	const char *week, *override, *weeks;
	int json;
	long setting_id;
};

static int parse_options(struct cli *cli, int argc, char **argv, struct rota_args *o)
{
	int c;
	memset(o, 0, sizeof *o);
	while ((c = getopt_long(argc, argv, "", rota_opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->raw[SHIFT_DATE] = optarg;
			break;
		case 'b':
			o->raw[SHIFT_START] = optarg;
			break;
		case 'e':
			o->raw[SHIFT_END] = optarg;
			break;
		case 'r':
			o->raw[SHIFT_ROOM] = optarg;
			break;
		case 'w':
			o->week = optarg;
			break;
		case 'o':
			o->override = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'n':
			o->weeks = optarg;
			break;
		case 's':
			if (parse_long(optarg, 1, 0x7fffffff, &o->setting_id) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--setting must be a setting number");
			break;
		default:
			return CLI_USAGE;
		}
	}
	return CLI_OK;
}

/* --week D into a day; today when not given. */
static int week_day(struct cli *cli, const char *week, const struct setting *setting, int *day)
{
	*day = date_today(setting->time_zone);
	if (week && date_parse(week, day) != 0)
		return cli_error(cli, CLI_USAGE, "--week: give a day of the week as YYYY-MM-DD");
	return CLI_OK;
}

static int rota_draft(struct cli *cli, struct rota_args *o, int argc, char **argv)
{
	struct field_value v[SHIFT__MAX];
	struct field_error fe;
	struct setting setting;
	struct actor who;
	struct store *s;
	struct op_error e;
	struct arena a;
	int64_t id;
	int rc;

	if (argc - optind != 1 || o->week || o->override || o->json || o->weeks)
		return cli_error(cli, CLI_USAGE,
		                 "rota draft STAFF --date D --start HH:MM --end HH:MM "
		                 "[--room R]");
	o->raw[SHIFT_STAFF] = argv[optind];
	arena_init(&a);
	if (valid_record(core_shift_fields, SHIFT__MAX, o->raw, v, &a, &fe) != 0) {
		rc = cli_error(cli, CLI_USAGE, "%s: %s", fe.field, fe.msg);
		goto out_arena;
	}
	if ((rc = cli_open(cli, o->setting_id, &s, &setting, &who)) != CLI_OK)
		goto out_arena;
	if (core_tx_begin(s, &e) || core_rota_draft_shift(s, &who, v, &id, &e) ||
	    core_tx_commit(s, &e)) {
		store_rollback(s);
		rc = cli_op_error(cli, &e);
	} else {
		fprintf(cli->out, "drafted shift %" PRId64 ": %s %s %s-%s%s%s (not published)\n",
		        id, v[SHIFT_STAFF].s, v[SHIFT_DATE].s, v[SHIFT_START].s, v[SHIFT_END].s,
		        v[SHIFT_ROOM].present ? " in " : "",
		        v[SHIFT_ROOM].present ? v[SHIFT_ROOM].s : "");
		rc = CLI_OK;
	}
	store_close(s);
out_arena:
	arena_free(&a);
	return rc;
}

static void print_short(FILE *f, const struct rota_short *r)
{
	char a[TIME_LEN], z[TIME_LEN];
	time_format(r->start, a);
	time_format(r->end, z);
	fprintf(f, "  %s %s %s-%s: %s\n", r->date, r->room, a, z, r->reasons);
}

static int rota_publish(struct cli *cli, struct rota_args *o, int argc)
{
	struct setting setting;
	struct actor who;
	struct store *s;
	struct op_error e;
	struct rota_report rep;
	int day, rc;

	if (argc != optind || !o->week || o->json || o->weeks || o->raw[SHIFT_DATE] ||
	    o->raw[SHIFT_START] || o->raw[SHIFT_END] || o->raw[SHIFT_ROOM])
		return cli_error(cli, CLI_USAGE, "rota publish --week D [--override REASON]");
	if ((rc = cli_open(cli, o->setting_id, &s, &setting, &who)) != CLI_OK)
		return rc;
	if ((rc = week_day(cli, o->week, &setting, &day)) != CLI_OK) {
		store_close(s);
		return rc;
	}
	if (core_rota_publish_week(s, &who, day, o->override, &rep, &e) != 0) {
		rc = cli_op_error(cli, &e);
		for (size_t i = 0; i < rep.nshorts; i++)
			print_short(cli->err, &rep.shorts[i]);
	} else {
		fprintf(cli->out, "published the week of %s: %d shift%s%s\n", rep.monday,
		        rep.published, rep.published == 1 ? "" : "s",
		        rep.overridden ? ", out of ratio (overridden, the reason is audited):"
		                       : "");
		for (size_t i = 0; i < rep.nshorts; i++)
			print_short(cli->out, &rep.shorts[i]);
		rc = CLI_OK;
	}
	core_rota_report_free(&rep);
	store_close(s);
	return rc;
}

static int rota_week(struct cli *cli, struct rota_args *o, int argc)
{
	struct setting setting;
	struct actor who;
	struct store *s;
	struct op_error e;
	struct rota_week wk;
	int day, rc;

	if (argc != optind || o->override || o->weeks || o->raw[SHIFT_DATE] ||
	    o->raw[SHIFT_START] || o->raw[SHIFT_END] || o->raw[SHIFT_ROOM])
		return cli_error(cli, CLI_USAGE, "rota week [--week D] [--json]");
	if ((rc = cli_open(cli, o->setting_id, &s, &setting, &who)) != CLI_OK)
		return rc;
	if ((rc = week_day(cli, o->week, &setting, &day)) != CLI_OK) {
		store_close(s);
		return rc;
	}
	if (core_rota_week(s, setting.id, day, &wk, &e) != 0) {
		rc = cli_op_error(cli, &e);
	} else if (o->json) {
		json_t *doc = core_rota_week_json(&wk);
		rc = json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
		             fputc('\n', cli->out) != EOF
		         ? CLI_OK
		         : CLI_FAIL;
		json_decref(doc);
	} else {
		fprintf(cli->out, "The rota, week of %s, %s%s\n", wk.monday, setting.name,
		        wk.drafts ? "" : " (nothing waiting to be published)");
		for (int d = 0; d < 7; d++) {
			const struct rota_day *rd = &wk.days[d];
			if (!rd->children && !rd->staff_on && !rd->drafts) {
				fprintf(cli->out, "%s %s  no children expected\n",
				        date_weekday_name(d), rd->date);
				continue;
			}
			fprintf(cli->out, "%s %s  staff on %2d  DSL %s  SENCo %s  ",
			        date_weekday_name(d), rd->date, rd->staff_on,
			        rd->dsl_on ? "on site" : "NOT ON SITE",
			        rd->senco_on ? "on site" : "NOT ON SITE");
			if (rd->slots_short) {
				char a[TIME_LEN];
				time_format(rd->worst.start, a);
				fprintf(cli->out, "OUT OF RATIO in %d slot%s (worst %s %s: %s)",
				        rd->slots_short, rd->slots_short == 1 ? "" : "s",
				        rd->worst.room, a, rd->worst.reasons);
			} else {
				fprintf(cli->out, "in ratio");
			}
			fprintf(cli->out, "  uncovered %d", rd->uncovered);
			if (rd->drafts)
				fprintf(cli->out, "  drafts waiting %d", rd->drafts);
			fputc('\n', cli->out);
		}
	}
	core_rota_week_free(&wk);
	store_close(s);
	return rc;
}

static int rota_expiring(struct cli *cli, struct rota_args *o, int argc)
{
	struct setting setting;
	struct actor who;
	struct store *s;
	struct op_error e;
	struct rota_expiring x;
	long weeks = 4;
	int rc;

	if (argc != optind || o->week || o->override || o->json || o->raw[SHIFT_DATE] ||
	    o->raw[SHIFT_START] || o->raw[SHIFT_END] || o->raw[SHIFT_ROOM])
		return cli_error(cli, CLI_USAGE, "rota expiring [--weeks N]");
	if (o->weeks && parse_long(o->weeks, 0, 520, &weeks) != 0)
		return cli_error(cli, CLI_USAGE, "--weeks must be a number of weeks, 0 to 520");
	if ((rc = cli_open(cli, o->setting_id, &s, &setting, &who)) != CLI_OK)
		return rc;
	if (core_rota_expiring(s, setting.id, date_today(setting.time_zone), (int)weeks, &x, &e) !=
	    0) {
		rc = cli_op_error(cli, &e);
	} else {
		if (x.n == 0)
			fprintf(cli->out,
			        "No paediatric first aid certificate runs out in the next %ld "
			        "week%s.\n",
			        weeks, weeks == 1 ? "" : "s");
		for (size_t i = 0; i < x.n; i++)
			fprintf(cli->out, "%s  %s  paediatric first aid %s %s\n", x.certs[i].code,
			        x.certs[i].name, x.certs[i].expired ? "expired" : "expires",
			        x.certs[i].expires);
		rc = CLI_OK;
	}
	core_rota_expiring_free(&x);
	store_close(s);
	return rc;
}

int cli_rota(struct cli *cli, int argc, char **argv)
{
	struct rota_args o;
	int rc;
	if (argc < 2)
		return CLI_USAGE;
	/* the subcommand stands where getopt expects the program */
	if ((rc = parse_options(cli, argc - 1, argv + 1, &o)) != CLI_OK)
		return rc;
	if (strcmp(argv[1], "draft") == 0)
		return rota_draft(cli, &o, argc - 1, argv + 1);
	if (strcmp(argv[1], "publish") == 0)
		return rota_publish(cli, &o, argc - 1);
	if (strcmp(argv[1], "week") == 0)
		return rota_week(cli, &o, argc - 1);
	if (strcmp(argv[1], "expiring") == 0)
		return rota_expiring(cli, &o, argc - 1);
	return cli_error(cli, CLI_USAGE, "rota: say draft, publish, week or expiring");
}
