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

#endif
