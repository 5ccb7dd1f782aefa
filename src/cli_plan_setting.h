/*
 * cli_plan_setting.h — `kw plan --setting [--from DATE]` and
 * `kw plan --apply ID --from DATE`: planning on the live database (the
 * setting's rooms, staff, rota and children) instead of a JSON file.
 * cli_plan() hands over to it when --setting or --apply is present.
 */
#ifndef KW_CLI_PLAN_SETTING_H
#define KW_CLI_PLAN_SETTING_H

#include "cli.h"

int cli_plan_setting(struct cli *cli, int argc, char **argv);

#endif
