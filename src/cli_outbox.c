/*
 * cli_outbox.c — the outbox of notifications to families from the command
 * line (issue 7):
 *   kw outbox send --smtp smtp://HOST[:PORT] --from ADDRESS [--limit N]
 *   kw outbox list [--limit N]
 * `send` hands the unsent email rows to the mail server through libcurl
 * (core_outbox_send), one transaction and audit row per message; run it
 * from cron. `list` prints the newest rows and their state.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core_outbox.h"
#include "date.h"

static const struct option outbox_opts[] = {
    {"smtp", required_argument, NULL, 'u'},
    {"from", required_argument, NULL, 'f'},
    {"limit", required_argument, NULL, 'l'},
    {"setting", required_argument, NULL, 's'},
    {NULL, 0, NULL, 0},
};

struct outbox_args {
	const char *smtp, *from;
	long limit, setting_id;
};

static int parse(struct cli *cli, int argc, char **argv, struct outbox_args *o)
{
	int c;
	o->limit = 100;
	while ((c = getopt_long(argc, argv, "", outbox_opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			o->smtp = optarg;
			break;
		case 'f':
			o->from = optarg;
			break;
		case 'l':
			if (parse_long(optarg, 1, 10000, &o->limit) != 0)
				return cli_error(cli, CLI_USAGE, "--limit must be 1 to 10000");
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
	return optind == argc ? CLI_OK : CLI_USAGE;
}

static int outbox_send(struct cli *cli, int argc, char **argv)
{
	struct outbox_args o = {0};
	struct setting setting;
	struct actor who;
	struct store *s;
	struct op_error e;
	int rc, sent, failed;
	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (!o.smtp || !o.from)
		return cli_error(cli, CLI_USAGE, "outbox send needs --smtp URL and --from ADDRESS");
	if ((rc = cli_open(cli, o.setting_id, &s, &setting, &who)) != CLI_OK)
		return rc;
	if (core_outbox_send(s, &who, o.smtp, o.from, (size_t)o.limit, &sent, &failed, &e) != 0) {
		rc = e.status == OP_INVALID ? cli_error(cli, CLI_USAGE, "%s: %s", e.field, e.msg)
		                            : cli_op_error(cli, &e);
		goto out;
	}
	fprintf(cli->out, "sent %d, failed %d\n", sent, failed);
	rc = failed ? CLI_FAIL : CLI_OK;
out:
	store_close(s);
	return rc;
}

static int outbox_list(struct cli *cli, int argc, char **argv)
{
	enum { COLS = 5 };
	struct outbox_args o = {0};
	struct setting setting;
	struct actor who;
	struct store *s;
	struct op_error e;
	struct outbox_row *r;
	struct arena a;
	const char **cells = NULL;
	size_t n;
	int rc, ever_sent;
	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (o.smtp || o.from)
		return CLI_USAGE;
	if ((rc = cli_open(cli, o.setting_id, &s, &setting, &who)) != CLI_OK)
		return rc;
	arena_init(&a);
	if (core_outbox_list(s, setting.id, (size_t)o.limit, &a, &r, &n, &ever_sent, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (!ever_sent)
		fprintf(cli->out, "Email is off: nothing has been sent by SMTP yet.\n");
	cells = xcalloc((n + 1) * COLS, sizeof *cells);
	cells[0] = "ID";
	cells[1] = "CHANNEL";
	cells[2] = "TO";
	cells[3] = "SUBJECT";
	cells[4] = "STATE";
	for (size_t i = 0; i < n; i++) {
		const char **c = &cells[(i + 1) * COLS];
		c[0] = arena_printf(&a, "%" PRId64, r[i].id);
		c[1] = r[i].channel;
		c[2] = *r[i].email ? r[i].email : r[i].contact;
		c[3] = r[i].subject;
		c[4] = r[i].sent_at                           ? "sent"
		       : strcmp(r[i].channel, "email") != 0   ? "portal"
		       : r[i].attempts >= OUTBOX_MAX_ATTEMPTS ? "given up"
		                                              : "waiting";
	}
	cli_table_print(cli->out, cells, n + 1, COLS);
	rc = CLI_OK;
out:
	free(cells);
	arena_free(&a);
	store_close(s);
	return rc;
}

int cli_outbox(struct cli *cli, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
	    {"send", outbox_send},
	    {"list", outbox_list},
	};
	return cli_subcommand(cli, argc, argv, subs, ARRAY_LEN(subs));
}
