/*
 * cli.h — what every `kw` command receives, and the exit statuses.
 * Commands are listed in the table in main.c; each one parses its own
 * arguments, calls core operations, and prints to cli->out. Errors are one
 * line on cli->err naming what is wrong: status 2 for usage, 1 for failure.
 */
#ifndef KW_CLI_H
#define KW_CLI_H

#include <stdio.h>

#include "util.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

struct cli {
	const char *db_path; /* --db PATH, else $KW_DB, else ./keyworker.db */
	FILE *out;
	FILE *err;
};

/* Print "kw: <message>" on cli->err and return status. */
int cli_error(struct cli *cli, int status, const char *fmt, ...) PRINTF_LIKE(3, 4);

#include "core.h"
#include "core_setting.h"

/* Open the database (must exist) and pick its setting (--setting ID when
 * there are several); fills who as the command-line actor. On failure
 * prints the reason and returns CLI_FAIL. */
int cli_open(struct cli *cli, int64_t setting_id, struct store **s, struct setting *setting,
             struct actor *who) WARN_UNUSED;
/* Parse a command's --date value (YYYY-MM-DD) into *day; on failure
 * prints why and returns CLI_USAGE, else CLI_OK. */
int cli_date(struct cli *cli, const char *raw, int *day) WARN_UNUSED;
/* Print rows x cols cells (row 0 the headings) in aligned columns. */
void cli_table_print(FILE *f, const char *const *cells, size_t rows, size_t cols);
/* Print an op_error as "kw: FIELD: message" and return CLI_FAIL. */
int cli_op_error(struct cli *cli, const struct op_error *e);
/* A command of subcommands (kw user add|passwd…): run the one argv[1] names
 * with argv from it, or CLI_USAGE. */
struct cli_sub {
	const char *name;
	int (*run)(struct cli *, int, char **);
};
int cli_subcommand(struct cli *cli, int argc, char **argv, const struct cli_sub *subs, size_t n);

/* The commands (main.c's table lists them with their usage). */
int cli_init(struct cli *cli, int argc, char **argv);
int cli_demo(struct cli *cli, int argc, char **argv);
int cli_import(struct cli *cli, int argc, char **argv);
int cli_export(struct cli *cli, int argc, char **argv);
int cli_migrate_db(struct cli *cli, int argc, char **argv);
int cli_backup(struct cli *cli, int argc, char **argv);
int cli_restore(struct cli *cli, int argc, char **argv);
int cli_check(struct cli *cli, int argc, char **argv);
int cli_user(struct cli *cli, int argc, char **argv);
int cli_today(struct cli *cli, int argc, char **argv);
int cli_plan(struct cli *cli, int argc, char **argv);
int cli_absence(struct cli *cli, int argc, char **argv);
int cli_serve(struct cli *cli, int argc, char **argv);
int cli_ratios(struct cli *cli, int argc, char **argv);
int cli_register(struct cli *cli, int argc, char **argv);
int cli_rota(struct cli *cli, int argc, char **argv);
int cli_diary(struct cli *cli, int argc, char **argv);
int cli_retention(struct cli *cli, int argc, char **argv);
/* groups of settings (cli_group.c); cli_group_open is cli_open that, with
 * setting_id 0, takes the first setting when the database holds several */
int cli_group(struct cli *cli, int argc, char **argv);
int cli_group_open(struct cli *cli, int64_t setting_id, struct store **s, struct setting *set,
                   struct actor *who) WARN_UNUSED;
int cli_outbox(struct cli *cli, int argc, char **argv); /* issue 7: notifications by email */
#endif
