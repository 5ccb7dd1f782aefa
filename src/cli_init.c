/*
 * cli_init.c — `kw init`: a new database file (mode 0600) holding one empty
 * setting. Refuses to touch a file that already holds a setting.
 */
#include <getopt.h>
#include <inttypes.h>
#include <string.h>

#include "cli.h"

int cli_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"setting", required_argument, NULL, 's'},
	    {"kind", required_argument, NULL, 'k'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const kinds[] = {"nursery", "pre-school", "school", "childminder"};
	const char *name = "My setting", *kind = "nursery";
	struct store *s = NULL;
	struct op_error e;
	char err[512];
	int64_t id;
	int c, known = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's')
			name = optarg;
		else if (c == 'k')
			kind = optarg;
		else
			return CLI_USAGE;
	}
	if (optind != argc)
		return CLI_USAGE;
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		known |= strcmp(kind, kinds[i]) == 0;
	if (!known)
		return cli_error(cli, CLI_USAGE,
		                 "--kind must be nursery, pre-school, school or childminder");
	if (!*name || strlen(name) > 200)
		return cli_error(cli, CLI_USAGE, "--setting must be a name of 1 to 200 characters");
	if (store_open(cli->db_path, STORE_OPEN_CREATE, &s, err, sizeof err) != 0)
		return cli_error(cli, CLI_FAIL, "%s", err);
	{
		struct store_stmt *st = store_stmt(s, STMT_SETTING_COUNT);
		int64_t count = store_step(st) == STORE_ROW ? store_col_int(st, 0) : 0;
		store_finish(st);
		if (count > 0) {
			store_close(s);
			return cli_error(cli, CLI_FAIL,
			                 "%s already holds a setting; nothing was changed",
			                 cli->db_path);
		}
	}
	if (core_tx_begin(s, &e) || core_setting_create(s, name, kind, &id, &e) ||
	    core_tx_commit(s, &e)) {
		store_rollback(s);
		store_close(s);
		return cli_op_error(cli, &e);
	}
	store_close(s);
	fprintf(cli->out, "created %s with setting %" PRId64 " (%s)\n", cli->db_path, id, name);
	fprintf(cli->out, "next: kw --db %s user add NAME --role admin\n", cli->db_path);
	return CLI_OK;
}
