/*
 * main.c — the `kw` command: global options (--db PATH), then one command
 * from the table below. Every command is a function in a cli_*.c file that
 * parses its own arguments; `kw help` prints this table.
 */
#include <getopt.h>
#include <inttypes.h>
#include <pwd.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "valid.h"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *usage;
	const char *summary;
};

static int cli_help(struct cli *cli, int argc, char **argv);

static const struct command commands[] = {
    {"help", cli_help, "help", "list the commands"},
    {"init", cli_init, "init [--setting NAME] [--kind nursery|pre-school|school|childminder]",
     "create a new, empty database for a setting"},
    {"demo", cli_demo, "demo [--children N] [--staff M] [--start YYYY-MM-DD] [--settings N]",
     "load a realistic demo setting into an empty database"},
    {"import", cli_import,
     "import rooms|staff|children|contacts|rota FILE.csv | import all FILE.json",
     "add records from a spreadsheet (all or nothing), or restore an export"},
    {"export", cli_export, "export [--format json] [--out FILE] [--child ID [--as USER]]",
     "write everything of the setting (or held about one child) as one JSON document"},
    {"retention", cli_retention, "retention --dry-run|--apply [--json]",
     "what the retention rules say is due, per record kind; --apply removes it (audited)"},
    {"migrate-db", cli_migrate_db, "migrate-db FROM TO [--setting ID]",
     "copy a setting to another database (SQLite file or PostgreSQL), checked by export"},
    {"backup", cli_backup, "backup FILE", "copy the database to FILE, safely while serving"},
    {"restore", cli_restore, "restore FILE", "replace the database with a backup (checked first)"},
    {"check", cli_check, "check", "check the database: integrity, foreign keys, audit chain"},
    {"user", cli_user, "user add|passwd|list|disable ...", "manage the people who sign in"},
    {"group", cli_group, "group add NAME | attach GROUP SETTING | grant GROUP USER | list",
     "groups of settings and their group managers"},
    {"today", cli_today, "today [--date YYYY-MM-DD] [--room NAME] [--json]",
     "who is expected, who greets and who hands over each child"},
    {"plan", cli_plan,
     "plan FILE.json [--time-limit S] [--seed K] [--explain] | plan --setting [--from DATE] | plan "
     "--apply ID --from DATE",
     "plan key groups: key person and buddy for every child"},
    {"serve", cli_serve,
     "serve [--listen ADDR:PORT] [--cert FILE --key FILE | --behind-https-proxy | --insecure-http] "
     "[--threads N] "
     "[--backup-dir DIR [--keep DAYS]] [--mail-command CMD [--mail-link URL]]",
     "serve the web application (default http://127.0.0.1:8080/)"},
    {"absence", cli_absence, "absence add STAFF --from D [--to D] --reason R | absence list",
     "record and list staff absences (sick, holiday, training, PPA)"},
    {"ratios", cli_ratios, "ratios [--date D] [--room NAME] [--live] [--all] [--json]",
     "staff:child ratios per room and setting, per 15 minutes: the slots out of ratio and why"},
    {"register", cli_register,
     "register in|out CHILD [--at HH:MM] [--date D] [--collected-by ID | --collected-by-name N "
     "--override WHY --password PW] | register staff in|out STAFF | register correct ENTRY --at "
     "HH:MM | register show [--date D] [--csv|--json] | register missing [--at HH:MM] | "
     "register absent CHILD --follow-up TEXT | register collection-password CONTACT "
     "--password-stdin",
     "the daily register: sign children and staff in and out, the day's register, absences"},
    {"rota", cli_rota,
     "rota draft STAFF --date D --start HH:MM --end HH:MM [--room R] | rota publish --week D "
     "[--override REASON] | rota week [--week D] [--json] | rota expiring [--weeks N]",
     "draft the rota week, publish it (refused out of ratio), the week view, first aid expiring"},
    {"diary", cli_diary, "diary publish [--date YYYY-MM-DD]",
     "publish the daily diary to the parents (without --date: today and any day left unpublished)"},
    /* issue 7: notifications to families, sent by SMTP (libcurl) */
    {"outbox", cli_outbox,
     "outbox send --smtp smtp://HOST[:PORT] --from ADDRESS [--limit N] | outbox list [--limit N]",
     "send the families' email notifications by SMTP, or list the outbox"},
};

static int cli_help(struct cli *cli, int argc, char **argv)
{
	UNUSED(argc);
	UNUSED(argv);
	fprintf(cli->out, "keyworker — the key person system of an early-years setting\n\n");
	fprintf(cli->out, "usage: kw [--db PATH] COMMAND [options]\n\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		fprintf(cli->out, "  %-10s %s\n             kw %s\n", commands[i].name,
		        commands[i].summary, commands[i].usage);
	fprintf(cli->out, "\nThe database is --db PATH, else $KW_DB, else ./keyworker.db.\n");
	return CLI_OK;
}

int cli_error(struct cli *cli, int status, const char *fmt, ...)
{
	va_list ap;
	fputs("kw: ", cli->err);
	va_start(ap, fmt);
	vfprintf(cli->err, fmt, ap);
	va_end(ap);
	fputc('\n', cli->err);
	return status;
}

int cli_op_error(struct cli *cli, const struct op_error *e)
{
	if (e->field[0])
		return cli_error(cli, CLI_FAIL, "%s: %s", e->field, e->msg);
	return cli_error(cli, CLI_FAIL, "%s", e->msg);
}

int cli_date(struct cli *cli, const char *raw, int *day)
{
	static const struct field_spec date_spec = {"date", F_DATE, 1, 0, 0, NULL};
	struct field_value v;
	struct arena a;
	char why[200];
	arena_init(&a);
	if (valid_field(&date_spec, raw, &v, &a, why, sizeof why) != 0) {
		arena_free(&a);
		return cli_error(cli, CLI_USAGE, "--date %s", why);
	}
	*day = (int)v.i;
	arena_free(&a);
	return CLI_OK;
}

int cli_open(struct cli *cli, int64_t setting_id, struct store **s, struct setting *setting,
             struct actor *who)
{
	static char actor_name[96];
	char err[512];
	struct op_error e;
	struct passwd *pw = getpwuid(getuid());
	if (store_open(cli->db_path, STORE_OPEN_EXISTING, s, err, sizeof err) != 0)
		return cli_error(cli, CLI_FAIL, "%s", err);
	if (core_setting_pick(*s, setting_id, setting, &e) != 0) {
		store_close(*s);
		*s = NULL;
		return cli_op_error(cli, &e);
	}
	snprintf(actor_name, sizeof actor_name, "command line (%s)", pw ? pw->pw_name : "?");
	memset(who, 0, sizeof *who);
	who->setting_id = setting->id;
	who->name = actor_name;
	who->ip = "";
	return CLI_OK;
}

int main(int argc, char **argv)
{
	struct cli cli = {.db_path = NULL, .out = stdout, .err = stderr};
	char **args = xcalloc((size_t)argc + 1, sizeof *args);
	int n = 0;

	if (sodium_init() < 0) {
		fprintf(stderr, "kw: cannot initialise libsodium\n");
		return CLI_FAIL;
	}
	/* --db PATH may stand anywhere; the rest is the command and its options. */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc)
				return cli_error(&cli, CLI_USAGE, "--db needs a path");
			cli.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db_path = argv[i] + 5;
		} else {
			args[n++] = argv[i];
		}
	}
	if (!cli.db_path)
		cli.db_path = getenv("KW_DB");
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "keyworker.db";
	if (n == 0 || strcmp(args[0], "--help") == 0 || strcmp(args[0], "-h") == 0) {
		cli_help(&cli, 0, NULL);
		free(args);
		return n == 0 ? CLI_USAGE : CLI_OK;
	}
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		if (strcmp(args[0], commands[i].name) == 0) {
			int rc;
			optind = 0; /* commands use getopt_long on their own argv */
			rc = commands[i].run(&cli, n, args);
			if (rc == CLI_USAGE)
				fprintf(stderr, "usage: kw %s\n", commands[i].usage);
			free(args);
			return rc;
		}
	}
	cli_error(&cli, CLI_USAGE, "unknown command '%s' (kw help lists them)", args[0]);
	free(args);
	return CLI_USAGE;
}

int cli_subcommand(struct cli *cli, int argc, char **argv, const struct cli_sub *subs, size_t n)
{
	if (argc < 2)
		return CLI_USAGE;
	for (size_t i = 0; i < n; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(cli, argc - 1, argv + 1);
	return CLI_USAGE;
}
