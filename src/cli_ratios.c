/*
 * cli_ratios.c — `kw ratios [--date D] [--room NAME] [--live] [--all] [--json]
 * [--setting ID]`: the staff:child ratios of a day (core_ratio.h), planned
 * from the expected children and the published rota, or --live from the
 * register. Per room, and then for the whole setting, one summary line (OK
 * all day, or how many 15-minute slots are short, the worst and why) and
 * the slots that are short; --all lists every slot. --json prints
 * core_ratio_json (every slot with --all). Live ratios are for today (the
 * slots up to now) or a past day.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core_ratio.h"

static void print_slot(FILE *f, const struct ratio_slot *sl)
{
	char from[TIME_LEN], to[TIME_LEN];
	time_format(sl->start, from);
	time_format(sl->end, to);
	fprintf(
	    f, "  %s %s-%s  children %2d (%d under 2, %d 2 years, %d 3+", sl->ok ? "  " : "!!",
	    from, to,
	    sl->children[RATIO_UNDER_2] + sl->children[RATIO_TWO] + sl->children[RATIO_THREE_PLUS],
	    sl->children[RATIO_UNDER_2], sl->children[RATIO_TWO], sl->children[RATIO_THREE_PLUS]);
	if (sl->at_1_13)
		fprintf(f, ", %d at 1:13", sl->at_1_13);
	fprintf(f, ")  adults %d of %d needed%s%s\n", sl->adults, sl->adults_needed,
	        *sl->reasons ? "  " : "", sl->reasons);
}

static void print_room(FILE *f, const struct ratio_room *room, size_t nslots, int all)
{
	if (room->nshort == 0) {
		fprintf(f, "%s: OK all day\n", room->name);
	} else {
		const struct ratio_slot *w = &room->slots[room->worst];
		char from[TIME_LEN], to[TIME_LEN];
		time_format(w->start, from);
		time_format(w->end, to);
		fprintf(f, "%s: %d slot%s short; worst %s-%s: %s\n", room->name, room->nshort,
		        room->nshort == 1 ? "" : "s", from, to, w->reasons);
	}
	for (size_t k = 0; k < nslots; k++)
		if (all || !room->slots[k].ok)
			print_slot(f, &room->slots[k]);
}

int cli_ratios(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"date", required_argument, NULL, 'd'},
	    {"room", required_argument, NULL, 'r'},
	    {"live", no_argument, NULL, 'l'},
	    {"all", no_argument, NULL, 'a'},
	    {"json", no_argument, NULL, 'j'},
	    {"setting", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	static const char *const days[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
	                                    "Friday", "Saturday", "Sunday"};
	const char *date = NULL, *room = NULL;
	struct setting setting;
	struct actor who;
	struct store *s = NULL;
	struct op_error e;
	struct ratio_day r;
	int64_t room_id = 0;
	long setting_id = 0;
	int c, json = 0, all = 0, live = 0, day = 0, today, until = 24 * 60, rc = CLI_FAIL;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			date = optarg;
		else if (c == 'r')
			room = optarg;
		else if (c == 'l')
			live = 1;
		else if (c == 'a')
			all = 1;
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
	today = date_today(setting.time_zone);
	if (!date)
		day = today;
	if (room && !(room_id = core_room_find(s, setting.id, room))) {
		store_close(s);
		return cli_error(cli, CLI_FAIL, "room: there is no room called %s", room);
	}
	if (live && day > today) {
		store_close(s);
		return cli_error(cli, CLI_FAIL,
		                 "date: live ratios come from the register: today or a past day");
	}
	if (live && day == today) {
		int now_day;
		date_local(time_now(), setting.time_zone, &now_day, &until);
		until = now_day == today ? until + 1 : 24 * 60; /* the slot holding now is judged */
	}
	if (core_ratio_day(s, setting.id, day, live ? RATIO_LIVE : RATIO_PLANNED, until, &r, &e) !=
	    0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	if (json) {
		json_t *doc = core_ratio_json(&r, all);
		if (room_id) { /* only the room asked for, with the setting */
			json_t *rooms = json_object_get(doc, "rooms");
			for (size_t i = json_array_size(rooms); i-- > 0;)
				if (json_integer_value(
				        json_object_get(json_array_get(rooms, i), "id")) != room_id)
					json_array_remove(rooms, i);
		}
		if (json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
		    fputc('\n', cli->out) != EOF)
			rc = CLI_OK;
		json_decref(doc);
		goto out;
	}
	fprintf(cli->out, "Ratios for %s %s, %s (%s)\n\n", days[date_weekday(day)], r.date,
	        setting.name,
	        live ? "live: who is signed in on the register"
	             : "planned: the children expected and the published rota");
	if (live && r.nslots == 0)
		fprintf(cli->out, "Nothing to judge yet: the setting opens later.\n");
	for (size_t i = 0; i < r.nrooms; i++)
		if (!room_id || r.rooms[i].id == room_id)
			print_room(cli->out, &r.rooms[i], r.nslots, all);
	print_room(cli->out, &r.setting, r.nslots, all);
	rc = CLI_OK;
out:
	core_ratio_free(&r);
	store_close(s);
	return rc;
}
