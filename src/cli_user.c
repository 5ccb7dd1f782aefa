/*
 * cli_user.c — `kw user add|passwd|list|disable`: how the first admin and
 * any account is made without the web pages. A password is read from
 * standard input with --password-stdin (one line); otherwise a random one
 * is made, shown once, and must be changed at first sign-in.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core_group.h"
#include "core_staff.h"
#include "core_user.h"
#include <sodium.h>

enum { USER_PASSWORD_LEN = 17 };

static int read_password(struct cli *cli, char *out, size_t n)
{
	size_t len;
	if (!fgets(out, (int)n, stdin))
		return cli_error(cli, CLI_FAIL, "password: nothing on standard input");
	len = strcspn(out, "\r\n");
	if (out[len] == '\0' && len == n - 1)
		return cli_error(cli, CLI_FAIL, "password: longer than %d characters",
		                 PASSWORD_MAX);
	out[len] = '\0';
	return CLI_OK;
}

static int user_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},     {"name", required_argument, NULL, 'n'},
	    {"staff", required_argument, NULL, 's'},    {"contact", required_argument, NULL, 'c'},
	    {"password-stdin", no_argument, NULL, 'p'}, {"setting", required_argument, NULL, 'S'},
	    {"group", required_argument, NULL, 'g'},    {NULL, 0, NULL, 0},
	};
	struct user_new u = {0};
	const char *staff_code = NULL, *group = NULL;
	int group_manager = 0;
	char password[PASSWORD_MAX_BYTES + 2];
	int from_stdin = 0, c, rc;
	long setting = 0, contact = 0;
	struct store *s;
	struct setting set;
	struct actor who;
	struct op_error e;
	int64_t id;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': {
			int r = role_parse(optarg);
			if (strcmp(optarg, "group_manager") == 0) { /* core_group.c */
				group_manager = 1;
				break;
			}
			if (r < 0)
				return cli_error(cli, CLI_USAGE,
				                 "--role: %s is not a role (manager, practitioner, "
				                 "senco, dsl, parent, admin, group_manager)",
				                 optarg);
			u.roles |= 1u << r;
			break;
		}
		case 'n':
			u.display_name = optarg;
			break;
		case 's':
			staff_code = optarg;
			break;
		case 'c':
			if (parse_long(optarg, 1, INT64_MAX, &contact) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--contact must be a contact number");
			break;
		case 'p':
			from_stdin = 1;
			break;
		case 'S':
			if (parse_long(optarg, 1, INT64_MAX, &setting) != 0)
				return cli_error(cli, CLI_USAGE,
				                 "--setting must be a setting number");
			break;
		case 'g':
			group = optarg;
			break;
		default:
			return CLI_USAGE;
		}
	}
	if (optind + 1 != argc)
		return CLI_USAGE;
	if (group_manager != (group != NULL))
		return cli_error(cli, CLI_USAGE,
		                 group
		                     ? "--group: only a --role group_manager account names a group"
		                     : "--group: a group manager needs --group NAME");
	u.username = argv[optind];
	u.contact_id = contact;
	if (from_stdin) {
		if ((rc = read_password(cli, password, sizeof password)) != CLI_OK)
			return rc;
	} else {
		core_password_random(password, USER_PASSWORD_LEN);
		u.must_change = 1;
	}
	u.password = password;
	rc = group_manager ? cli_group_open(cli, setting, &s, &set, &who)
	                   : cli_open(cli, setting, &s, &set, &who);
	if (rc != CLI_OK)
		return rc;
	if (group_manager && !(u.group_id = core_group_find(s, group))) {
		store_close(s);
		return cli_error(cli, CLI_FAIL, "group: there is no group %s", group);
	}
	if (staff_code) {
		u.staff_id = core_staff_find(s, set.id, staff_code);
		if (!u.staff_id) {
			store_close(s);
			return cli_error(cli, CLI_FAIL,
			                 "staff: there is no member of staff with id %s",
			                 staff_code);
		}
	}
	if (core_tx_begin(s, &e) ||
	    (group_manager ? core_group_manager_add(s, &who, u.group_id, &u, &id, &e)
	                   : core_user_add(s, &who, &u, &id, &e)) ||
	    core_tx_commit(s, &e)) {
		store_rollback(s);
		store_close(s);
		return cli_op_error(cli, &e);
	}
	store_close(s);
	fprintf(cli->out, "added %s\n", u.username);
	if (!from_stdin)
		fprintf(cli->out, "one-time password: %s (to be changed at first sign-in)\n",
		        password);
	sodium_memzero(password, sizeof password);
	return CLI_OK;
}

static int user_passwd(struct cli *cli, int argc, char **argv)
{
	char password[PASSWORD_MAX_BYTES + 2];
	int from_stdin = argc == 3 && strcmp(argv[2], "--password-stdin") == 0, rc;
	struct store *s;
	struct setting set;
	struct actor who;
	struct op_error e;
	if (argc != 2 && !from_stdin)
		return CLI_USAGE;
	if (from_stdin) {
		if ((rc = read_password(cli, password, sizeof password)) != CLI_OK)
			return rc;
	} else {
		core_password_random(password, USER_PASSWORD_LEN);
	}
	if ((rc = cli_open(cli, 0, &s, &set, &who)) != CLI_OK)
		return rc;
	if (core_tx_begin(s, &e) ||
	    core_user_set_password(s, &who, argv[1], password, !from_stdin, &e) ||
	    core_tx_commit(s, &e)) {
		store_rollback(s);
		store_close(s);
		return cli_op_error(cli, &e);
	}
	store_close(s);
	fprintf(cli->out, "changed the password of %s; their sessions have ended\n", argv[1]);
	if (!from_stdin)
		fprintf(cli->out, "one-time password: %s (to be changed at first sign-in)\n",
		        password);
	sodium_memzero(password, sizeof password);
	return CLI_OK;
}

static int user_list(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct setting set;
	struct actor who;
	struct store_stmt *st;
	int rc;
	UNUSED(argv);
	if (argc != 1)
		return CLI_USAGE;
	if ((rc = cli_open(cli, 0, &s, &set, &who)) != CLI_OK)
		return rc;
	fprintf(cli->out, "%-24s %-28s %-30s %s\n", "USERNAME", "NAME", "ROLES", "STATUS");
	st = store_stmt(s, STMT_USER_LIST);
	store_bind_int(st, 1, set.id);
	while (store_step(st) == STORE_ROW)
		fprintf(cli->out, "%-24s %-28s %-30s %s\n", store_col_text(st, 1),
		        store_col_text(st, 2), store_col_text(st, 4),
		        store_col_null(st, 3) ? "active" : "disabled");
	store_finish(st);
	store_close(s);
	return CLI_OK;
}

static int user_disable(struct cli *cli, int argc, char **argv)
{
	struct store *s;
	struct setting set;
	struct actor who;
	struct op_error e;
	int rc;
	if (argc != 2)
		return CLI_USAGE;
	if ((rc = cli_open(cli, 0, &s, &set, &who)) != CLI_OK)
		return rc;
	if (core_tx_begin(s, &e) || core_user_disable(s, &who, argv[1], &e) ||
	    core_tx_commit(s, &e)) {
		store_rollback(s);
		store_close(s);
		return cli_op_error(cli, &e);
	}
	store_close(s);
	fprintf(cli->out, "disabled %s; their sessions have ended\n", argv[1]);
	return CLI_OK;
}

int cli_user(struct cli *cli, int argc, char **argv)
{
	static const struct cli_sub subs[] = {
	    {"add", user_add},
	    {"passwd", user_passwd},
	    {"list", user_list},
	    {"disable", user_disable},
	};
	return cli_subcommand(cli, argc, argv, subs, ARRAY_LEN(subs));
}
