/*
 * cli_group.c — `kw group add NAME | attach GROUP SETTING | grant GROUP
 * USERNAME | list`: groups of settings (issue 10). A group is named by its
 * name or number; a setting by its number. A group manager account is made
 * with `kw user add NAME --role group_manager --group GROUP`.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core_group.h"

int cli_group_open(struct cli *cli, int64_t setting_id, struct store **s, struct setting *set,
                   struct actor *who)
{
	char err[512];
	struct store_stmt *st;
	if (!setting_id) {
		/* the audit row of a group's change goes to the first setting */
		if (store_open(cli->db_path, STORE_OPEN_EXISTING, s, err, sizeof err) != 0)
			return cli_error(cli, CLI_FAIL, "%s", err);
		st = store_stmt(*s, STMT_SETTING_LIST);
		if (store_step(st) == STORE_ROW)
			setting_id = store_col_int(st, 0);
		store_finish(st);
		store_close(*s);
		*s = NULL;
	}
	return cli_open(cli, setting_id, s, set, who);
}

static int done(struct cli *cli, struct store *s, struct op_error *e, int failed)
{
	if (failed) {
		store_rollback(s);
		store_close(s);
		return cli_op_error(cli, e);
	}
	store_close(s);
	return CLI_OK;
}

static int group_add(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct setting set;
	struct actor who;
	struct op_error e;
	int64_t id = 0;
	int rc, failed;
	if (argc != 2)
		return CLI_USAGE;
	if ((rc = cli_group_open(cli, 0, &s, &set, &who)) != CLI_OK)
		return rc;
	failed = core_tx_begin(s, &e) || core_group_add(s, &who, argv[1], &id, &e) ||
	         core_tx_commit(s, &e);
	if ((rc = done(cli, s, &e, failed)) == CLI_OK)
		fprintf(cli->out, "added the group %s (group %" PRId64 ")\n", argv[1], id);
	return rc;
}

static int group_attach(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct setting set;
	struct actor who;
	struct op_error e;
	long setting;
	int64_t group;
	int rc, failed;
	if (argc != 3)
		return CLI_USAGE;
	if (parse_long(argv[2], 1, INT64_MAX, &setting) != 0)
		return cli_error(cli, CLI_USAGE, "setting: give a setting's number");
	if ((rc = cli_group_open(cli, setting, &s, &set, &who)) != CLI_OK)
		return rc;
	if (!(group = core_group_find(s, argv[1]))) {
		store_close(s);
		return cli_error(cli, CLI_FAIL, "group: there is no group %s", argv[1]);
	}
	failed = core_tx_begin(s, &e) || core_group_attach(s, &who, group, setting, &e) ||
	         core_tx_commit(s, &e);
	if ((rc = done(cli, s, &e, failed)) == CLI_OK)
		fprintf(cli->out, "attached %s (setting %ld) to the group %s\n", set.name, setting,
		        argv[1]);
	return rc;
}

static int group_grant(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct setting set;
	struct actor who;
	struct op_error e;
	int64_t group;
	int rc, failed;
	if (argc != 3)
		return CLI_USAGE;
	if ((rc = cli_group_open(cli, 0, &s, &set, &who)) != CLI_OK)
		return rc;
	if (!(group = core_group_find(s, argv[1]))) {
		store_close(s);
		return cli_error(cli, CLI_FAIL, "group: there is no group %s", argv[1]);
	}
	failed = core_tx_begin(s, &e) || core_group_manager_grant(s, &who, group, argv[2], &e) ||
	         core_tx_commit(s, &e);
	if ((rc = done(cli, s, &e, failed)) == CLI_OK)
		fprintf(cli->out, "%s manages the group %s\n", argv[2], argv[1]);
	return rc;
}

static int group_list(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct setting set;
	struct actor who;
	struct op_error e;
	struct arena a;
	struct group_row *g;
	size_t n;
	int rc;
	UNUSED(argv);
	if (argc != 1)
		return CLI_USAGE;
	if ((rc = cli_group_open(cli, 0, &s, &set, &who)) != CLI_OK)
		return rc;
	arena_init(&a);
	if (core_group_list(s, &a, &g, &n, &e) != 0) {
		arena_free(&a);
		return done(cli, s, &e, 1);
	}
	fprintf(cli->out, "%-6s %-40s %8s %8s\n", "GROUP", "NAME", "SETTINGS", "MANAGERS");
	for (size_t i = 0; i < n; i++) {
		struct group_setting *gs;
		size_t ns;
		fprintf(cli->out, "%-6" PRId64 " %-40s %8d %8d\n", g[i].id, g[i].name,
		        g[i].settings, g[i].managers);
		if (core_group_settings(s, g[i].id, &a, &gs, &ns, &e) != 0) {
			arena_free(&a);
			return done(cli, s, &e, 1);
		}
		for (size_t k = 0; k < ns; k++)
			fprintf(cli->out, "       setting %" PRId64 ": %s\n", gs[k].id, gs[k].name);
	}
	arena_free(&a);
	store_close(s);
	return CLI_OK;
}

int cli_group(struct cli *cli, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
	    {"add", group_add},
	    {"attach", group_attach},
	    {"grant", group_grant},
	    {"list", group_list},
	};
	return cli_subcommand(cli, argc, argv, subs, ARRAY_LEN(subs));
}
