/*
 * cli_today.c — `kw today [--date D] [--room NAME] [--json] [--setting ID]`:
 * the children expected on a day (today in the setting's time zone unless
 * --date says otherwise), each with key person and buddy and their shifts,
 * and who greets and who hands over; a greet or hand-over with nobody who
 * knows the child on shift is marked "!! nobody", and under the table each
 * one has a suggested fix (core_today.h says how it is chosen). --json
 * prints core_today_json. Columns are aligned by characters, not bytes, so names
 * such as Zoë or Łucja keep the table straight.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core_today.h"

enum {
	COL_ROOM,
	COL_CHILD,
	COL_ARRIVE,
	COL_LEAVE,
	COL_KEY,
	COL_BUDDY,
	COL_GREETS,
	COL_HANDS,
	COL__MAX
};
static const char *const headings[COL__MAX] = {
    "ROOM",          "CHILD",  "ARRIVE",    "LEAVE", "KEY PERSON (SHIFT)",
    "BUDDY (SHIFT)", "GREETS", "HANDS OVER"};

static const char *person_cell(struct arena *a, const struct today_staff *p)
{
	if (!p)
		return "-";
	if (p->absent)
		return arena_printf(a, "%s (%s)", p->name, p->absent);
	return arena_printf(a, "%s (%s)", p->name, p->shift ? p->shift : "off");
}

static const char *by_cell(struct arena *a, const struct today_child *c, enum today_by by)
{
	if (by == TODAY_BY_NOBODY)
		return "!! nobody";
	if (by == TODAY_BY_BUDDY)
		return arena_printf(a, "%s (buddy)", c->buddy->name);
	return c->primary->name;
}

static void print_text(struct cli *cli, const struct setting *setting, struct today *t)
{
	static const char *const days[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
	                                    "Friday", "Saturday", "Sunday"};
	const char **cells = xcalloc((t->nchildren + 1) * COL__MAX, sizeof *cells);
	fprintf(cli->out, "%s %s, %s\n\n", days[date_weekday(t->day)], t->date, setting->name);
	if (t->nchildren == 0) {
		fprintf(cli->out, "No children are expected.\n");
	} else {
		memcpy(cells, headings, sizeof headings);
		for (size_t i = 0; i < t->nchildren; i++) {
			const struct today_child *c = &t->children[i];
			const char **row = cells + (i + 1) * COL__MAX;
			char arrive[TIME_LEN], leave[TIME_LEN];
			time_format(c->arrive, arrive);
			time_format(c->leave, leave);
			row[COL_ROOM] = c->room;
			row[COL_CHILD] = c->name;
			row[COL_ARRIVE] = arena_strdup(&t->arena, arrive);
			row[COL_LEAVE] = c->booked ? arena_printf(&t->arena, "%s (booked)", leave)
			                           : arena_strdup(&t->arena, leave);
			row[COL_KEY] = person_cell(&t->arena, c->primary);
			row[COL_BUDDY] = person_cell(&t->arena, c->buddy);
			row[COL_GREETS] = by_cell(&t->arena, c, c->greet);
			row[COL_HANDS] = by_cell(&t->arena, c, c->hand_over);
		}
		cli_table_print(cli->out, cells, t->nchildren + 1, COL__MAX);
	}
	fprintf(cli->out,
	        "\n%zu %s expected; %d %s with nobody who knows the child on shift (!! nobody); "
	        "%d by the buddy\n",
	        t->nchildren, t->nchildren == 1 ? "child" : "children", t->nobody,
	        t->nobody == 1 ? "greet or hand-over" : "greets and hand-overs", t->by_buddy);
	if (t->nsuggestions)
		fprintf(cli->out, "\nSuggestions for nobody:\n");
	for (size_t i = 0; i < t->nsuggestions; i++) {
		const struct today_suggestion *sg = &t->suggestions[i];
		const struct today_child *c = &t->children[sg->child];
		char at[TIME_LEN];
		time_format(sg->at, at);
		fprintf(cli->out, "  %s %s (%s), %s %s: %s\n", c->code, c->name, c->room,
		        sg->event == TODAY_GREET ? "greet" : "hand-over", at, sg->text);
	}
	free(cells);
}

int cli_today(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"date", required_argument, NULL, 'd'},
	    {"room", required_argument, NULL, 'r'},
	    {"json", no_argument, NULL, 'j'},
	    {"setting", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	const char *date = NULL, *room = NULL;
	struct setting setting;
	struct actor who;
	struct store *s = NULL;
	struct op_error e;
	struct today t;
	int64_t room_id = 0;
	long setting_id = 0;
	int c, json = 0, day = 0, rc = CLI_FAIL;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			date = optarg;
		else if (c == 'r')
			room = optarg;
		else if (c == 'j')
			json = 1;
		else if (c == 's' && parse_long(optarg, 1, 0x7fffffff, &setting_id) != 0)
			return cli_error(cli, CLI_USAGE, "--setting must be a setting number");
		else if (c != 's')
			return CLI_USAGE;
	}
	if (optind != argc)
		return CLI_USAGE;
	if (date && cli_date(cli, date, &day) != CLI_OK)
		return CLI_USAGE;
	if (cli_open(cli, setting_id, &s, &setting, &who) != CLI_OK)
		return CLI_FAIL;
	if (!date)
		day = date_today(setting.time_zone);
	if (room && !(room_id = core_room_find(s, setting.id, room))) {
		store_close(s);
		return cli_error(cli, CLI_FAIL, "room: there is no room called %s", room);
	}
	if (core_today_load(s, setting.id, day, room_id, &t, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (json) {
		json_t *doc = core_today_json(&t);
		if (json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
		    fputc('\n', cli->out) != EOF)
			rc = CLI_OK;
		json_decref(doc);
	} else {
		print_text(cli, &setting, &t);
		rc = CLI_OK;
	}
out:
	core_today_free(&t);
	store_close(s);
	return rc;
}
