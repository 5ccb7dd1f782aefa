/*
 * cli_register.c — the daily register from the command line:
 *   kw register in CHILD [--at HH:MM] [--date D] [--by STAFF] [--note TEXT]
 *   kw register out CHILD [--at HH:MM] [--date D] [--by STAFF]
 *         (--collected-by CONTACT_ID | --collected-by-name NAME)
 *         [--override REASON (--password PW | --password-stdin)]
 *   kw register correct ENTRY --at HH:MM [--note TEXT]
 *   kw register staff in|out STAFF [--at HH:MM] [--date D]
 *   kw register staff correct ENTRY --at HH:MM
 *   kw register show [--date D] [--csv | --json]
 *   kw register missing [--date D] [--at HH:MM] [--weeks N]
 *   kw register absent CHILD [--date D] --follow-up TEXT [--reason R]
 *   kw register collection-password CONTACT_ID --password-stdin
 * CHILD and STAFF are the setting's ids (C001, S04); ENTRY is the number
 * `register in/out` prints. --at defaults to now and --date to today in the
 * setting's time zone. Each write is one transaction (BEGIN IMMEDIATE) with
 * its audit row; a refusal prints the field and why, and writes nothing.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core_child.h"
#include "core_register.h"
#include "core_staff.h"
#include "valid.h"

struct register_opts {
	const char *date, *at, *by, *note, *collected_by, *collected_by_name, *override;
	const char *password, *follow_up, *reason, *weeks;
	int password_stdin, csv, json;
	long setting_id;
};

static const struct option register_long[] = {
    {"date", required_argument, NULL, 'd'},
    {"at", required_argument, NULL, 'a'},
    {"by", required_argument, NULL, 'b'},
    {"note", required_argument, NULL, 'n'},
    {"collected-by", required_argument, NULL, 'c'},
    {"collected-by-name", required_argument, NULL, 'N'},
    {"override", required_argument, NULL, 'o'},
    {"password", required_argument, NULL, 'p'},
    {"password-stdin", no_argument, NULL, 'P'},
    {"follow-up", required_argument, NULL, 'f'},
    {"reason", required_argument, NULL, 'r'},
    {"weeks", required_argument, NULL, 'w'},
    {"csv", no_argument, NULL, 'C'},
    {"json", no_argument, NULL, 'J'},
    {"setting", required_argument, NULL, 's'},
    {NULL, 0, NULL, 0},
};

static int parse(struct cli *cli, int argc, char **argv, struct register_opts *o)
{
	int c;
	memset(o, 0, sizeof *o);
	while ((c = getopt_long(argc, argv, "", register_long, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->date = optarg;
			break;
		case 'a':
			o->at = optarg;
			break;
		case 'b':
			o->by = optarg;
			break;
		case 'n':
			o->note = optarg;
			break;
		case 'c':
			o->collected_by = optarg;
			break;
		case 'N':
			o->collected_by_name = optarg;
			break;
		case 'o':
			o->override = optarg;
			break;
		case 'p':
			o->password = optarg;
			break;
		case 'P':
			o->password_stdin = 1;
			break;
		case 'f':
			o->follow_up = optarg;
			break;
		case 'r':
			o->reason = optarg;
			break;
		case 'w':
			o->weeks = optarg;
			break;
		case 'C':
			o->csv = 1;
			break;
		case 'J':
			o->json = 1;
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
	return CLI_OK;
}

/* --date and --at into a day and a minute (today and now by default). */
static int when(struct cli *cli, const struct register_opts *o, const struct setting *set, int *day,
                int *minute)
{
	int now_day;
	date_local(time_now(), set->time_zone, &now_day, minute);
	*day = date_today(set->time_zone);
	if (o->date && date_parse(o->date, day) != 0)
		return cli_error(cli, CLI_USAGE, "--date: give a date as YYYY-MM-DD");
	if (o->at && time_parse(o->at, minute) != 0)
		return cli_error(cli, CLI_USAGE, "--at: give a time as HH:MM");
	return CLI_OK;
}

static int commit(struct cli *cli, struct store *s, int failed, struct op_error *e)
{
	if (failed || core_tx_commit(s, e)) {
		store_rollback(s);
		return cli_op_error(cli, e);
	}
	return CLI_OK;
}

/* A password from the first line of standard input. */
static char *read_password(void)
{
	char line[256];
	size_t n;
	if (!fgets(line, sizeof line, stdin))
		return NULL;
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return xstrdup(line);
}

static int child_entry(struct cli *cli, enum register_event ev, int argc, char **argv)
{
	struct register_opts o;
	struct register_child_entry in;
	struct setting set;
	struct actor who;
	struct store *s;
	struct op_error e;
	char *stdin_password = NULL;
	char at[TIME_LEN];
	long contact = 0;
	int64_t id = 0;
	int rc;

	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (argc - optind != 1)
		return cli_error(cli, CLI_USAGE, "name one child by id, e.g. C001");
	if (o.follow_up || o.reason || o.weeks || o.csv || o.json)
		return CLI_USAGE;
	if (ev == REGISTER_IN &&
	    (o.collected_by || o.collected_by_name || o.override || o.password || o.password_stdin))
		return cli_error(cli, CLI_USAGE, "only a sign-out says who collected");
	if (o.collected_by && parse_long(o.collected_by, 1, INT64_MAX / 2, &contact) != 0)
		return cli_error(cli, CLI_USAGE, "--collected-by: give the contact's number");
	if (o.collected_by && o.collected_by_name)
		return cli_error(cli, CLI_USAGE,
		                 "give --collected-by or --collected-by-name, not both");
	if ((rc = cli_open(cli, o.setting_id, &s, &set, &who)) != CLI_OK)
		return rc;
	memset(&in, 0, sizeof in);
	in.event = ev;
	if ((rc = when(cli, &o, &set, &in.day, &in.minute)) != CLI_OK)
		goto out;
	if (!(in.child_id = core_child_find(s, set.id, argv[optind]))) {
		rc = cli_error(cli, CLI_FAIL, "child: there is no child with id %s", argv[optind]);
		goto out;
	}
	if (o.by && !(in.by_staff_id = core_staff_find(s, set.id, o.by))) {
		rc = cli_error(cli, CLI_FAIL, "by: there is no member of staff with id %s", o.by);
		goto out;
	}
	if (o.password_stdin && !(stdin_password = read_password())) {
		rc = cli_error(cli, CLI_FAIL, "password: nothing on standard input");
		goto out;
	}
	in.collected_by_contact = contact;
	in.collected_by_name = o.collected_by_name;
	in.override_reason = o.override;
	in.password = stdin_password ? stdin_password : o.password;
	in.note = o.note;
	rc = core_tx_begin(s, &e);
	if ((rc = commit(cli, s, rc || core_register_child(s, &who, &in, &id, &e), &e)) != CLI_OK)
		goto out;
	time_format(in.minute, at);
	fprintf(cli->out, "entry %" PRId64 ": %s signed %s at %s\n", id, argv[optind],
	        register_event_names[ev], at);
out:
	if (stdin_password) {
		memset(stdin_password, 0, strlen(stdin_password));
		free(stdin_password);
	}
	store_close(s);
	return rc;
}

static int parse_entry(struct cli *cli, const char *text, int64_t *id)
{
	long v;
	if (parse_long(text, 1, INT64_MAX / 2, &v) != 0)
		return cli_error(cli, CLI_USAGE,
		                 "give the entry's number, as `register in` printed it");
	*id = v;
	return CLI_OK;
}

static int correct(struct cli *cli, int staff, int argc, char **argv)
{
	struct register_opts o;
	struct setting set;
	struct actor who;
	struct store *s;
	struct op_error e;
	int64_t entry = 0, id = 0;
	int rc, minute;

	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (argc - optind != 1 || !o.at)
		return cli_error(cli, CLI_USAGE, "correct ENTRY --at HH:MM");
	if ((rc = parse_entry(cli, argv[optind], &entry)) != CLI_OK)
		return rc;
	if (time_parse(o.at, &minute) != 0)
		return cli_error(cli, CLI_USAGE, "--at: give a time as HH:MM");
	if (staff && o.note)
		return CLI_USAGE;
	if ((rc = cli_open(cli, o.setting_id, &s, &set, &who)) != CLI_OK)
		return rc;
	rc = core_tx_begin(s, &e);
	rc = rc || (staff ? core_register_staff_correct(s, &who, entry, minute, &id, &e)
	                  : core_register_child_correct(s, &who, entry, minute, o.note, &id, &e));
	if ((rc = commit(cli, s, rc, &e)) == CLI_OK)
		fprintf(cli->out, "entry %" PRId64 ": corrects entry %" PRId64 ", now %s\n", id,
		        entry, o.at);
	store_close(s);
	return rc;
}

static int staff_entry(struct cli *cli, int argc, char **argv)
{
	struct register_opts o;
	struct setting set;
	struct actor who;
	struct store *s;
	struct op_error e;
	enum register_event ev;
	char at[TIME_LEN];
	int64_t staff, id = 0;
	int rc, day, minute;

	if (argc < 2)
		return cli_error(cli, CLI_USAGE, "register staff in|out|correct ...");
	if (strcmp(argv[1], "correct") == 0)
		return correct(cli, 1, argc - 1, argv + 1);
	if (strcmp(argv[1], "in") != 0 && strcmp(argv[1], "out") != 0)
		return cli_error(cli, CLI_USAGE, "register staff: say in, out or correct");
	ev = strcmp(argv[1], "in") == 0 ? REGISTER_IN : REGISTER_OUT;
	argc--;
	argv++;
	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (argc - optind != 1)
		return cli_error(cli, CLI_USAGE, "name one member of staff by id, e.g. S03");
	if (o.collected_by || o.collected_by_name || o.override || o.password || o.by || o.note)
		return CLI_USAGE;
	if ((rc = cli_open(cli, o.setting_id, &s, &set, &who)) != CLI_OK)
		return rc;
	if ((rc = when(cli, &o, &set, &day, &minute)) != CLI_OK)
		goto out;
	if (!(staff = core_staff_find(s, set.id, argv[optind]))) {
		rc = cli_error(cli, CLI_FAIL, "staff: there is no member of staff with id %s",
		               argv[optind]);
		goto out;
	}
	rc = core_tx_begin(s, &e);
	if ((rc =
	         commit(cli, s, rc || core_register_staff(s, &who, staff, ev, day, minute, &id, &e),
	                &e)) != CLI_OK)
		goto out;
	time_format(minute, at);
	fprintf(cli->out, "entry %" PRId64 ": %s signed %s at %s\n", id, argv[optind],
	        register_event_names[ev], at);
out:
	store_close(s);
	return rc;
}

static const char *time_cell(struct arena *a, int minute)
{
	char t[TIME_LEN];
	if (minute < 0)
		return "-";
	time_format(minute, t);
	return arena_strdup(a, t);
}

static void print_people(FILE *f, const struct register_person *people, size_t n, int children,
                         struct arena *a)
{
	static const char *const child_head[] = {"ROOM",         "CHILD",   "IN",
	                                         "OUT",          "HOURS",   "KEY PERSON",
	                                         "COLLECTED BY", "ENTRIES", "NOTES"};
	static const char *const staff_head[] = {"STAFF", "NAME",    "IN",   "OUT",
	                                         "HOURS", "ENTRIES", "NOTES"};
	size_t cols = children ? ARRAY_LEN(child_head) : ARRAY_LEN(staff_head), rows = 1, cap = 1;
	const char **cells;
	for (size_t i = 0; i < n; i++)
		cap += people[i].nsessions;
	cells = xcalloc(cap * cols, sizeof *cells);
	memcpy(cells, children ? child_head : staff_head, cols * sizeof *cells);
	for (size_t i = 0; i < n; i++) {
		const struct register_person *p = &people[i];
		for (size_t k = 0; k < p->nsessions; k++, rows++) {
			const struct register_session *ss = &p->sessions[k];
			const char **row = cells + rows * cols;
			const char *hours =
			    ss->in >= 0 && ss->out >= ss->in
			        ? arena_printf(a, "%d:%02d", (ss->out - ss->in) / 60,
			                       (ss->out - ss->in) % 60)
			        : "";
			const char *entries =
			    arena_printf(a, "%" PRId64 "%s%s", ss->in_id, ss->out_id ? "," : "",
			                 ss->out_id ? arena_printf(a, "%" PRId64, ss->out_id) : "");
			const char *notes =
			    *ss->collection_override
			        ? arena_printf(a, "override: %s%s%s", ss->collection_override,
			                       *ss->corrections ? "; " : "", ss->corrections)
			        : ss->corrections;
			size_t c = 0;
			if (children)
				row[c++] = p->room;
			else
				row[c++] = p->code;
			row[c++] =
			    children ? arena_printf(a, "%s (%s)", p->name, p->code) : p->name;
			row[c++] = time_cell(a, ss->in);
			row[c++] = ss->out >= 0 ? time_cell(a, ss->out) : "still here";
			row[c++] = hours;
			if (children) {
				row[c++] = *ss->key_person ? ss->key_person : "-";
				row[c++] = *ss->collected_by ? ss->collected_by : "";
			}
			row[c++] = entries;
			row[c++] = notes;
		}
	}
	cli_table_print(f, cells, rows, cols);
	free(cells);
}

static int show(struct cli *cli, int argc, char **argv)
{
	struct register_opts o;
	struct setting set;
	struct actor who;
	struct store *s;
	struct op_error e;
	struct register_day r;
	struct arena a;
	int rc, day, minute;

	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (optind != argc || (o.csv && o.json))
		return CLI_USAGE;
	if ((rc = cli_open(cli, o.setting_id, &s, &set, &who)) != CLI_OK)
		return rc;
	if ((rc = when(cli, &o, &set, &day, &minute)) != CLI_OK) {
		store_close(s);
		return rc;
	}
	if (core_register_load(s, set.id, day, &r, &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	rc = CLI_OK;
	if (o.csv) {
		struct buf b;
		buf_init(&b, 64u << 20);
		if (core_register_csv(&r, &b) != 0)
			rc = cli_error(cli, CLI_FAIL, "the register is too big to write");
		else
			fputs(buf_str(&b), cli->out);
		buf_free(&b);
	} else if (o.json) {
		json_t *doc = core_register_json(&r);
		if (json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
		    fputc('\n', cli->out) == EOF)
			rc = CLI_FAIL;
		json_decref(doc);
	} else {
		arena_init(&a);
		fprintf(cli->out, "Daily register, %s, %s\n\nChildren\n", r.date, set.name);
		if (r.nchildren)
			print_people(cli->out, r.children, r.nchildren, 1, &a);
		else
			fprintf(cli->out, "No child signed in.\n");
		fprintf(cli->out, "\nStaff on the premises\n");
		if (r.nstaff)
			print_people(cli->out, r.staff, r.nstaff, 0, &a);
		else
			fprintf(cli->out, "No member of staff signed in.\n");
		if (r.nabsences) {
			fprintf(cli->out, "\nAbsent\n");
			for (size_t i = 0; i < r.nabsences; i++) {
				const struct register_absence *ab = &r.absences[i];
				fprintf(cli->out, "%s (%s), %s: %s%s%s%s%s\n", ab->name, ab->code,
				        ab->room, ab->reason, ab->notified ? "" : " (not notified)",
				        *ab->note ? "; " : "", ab->note,
				        *ab->follow_up
				            ? arena_printf(&a, "; follow-up: %s", ab->follow_up)
				            : "");
			}
		}
		arena_free(&a);
	}
out:
	core_register_free(&r);
	store_close(s);
	return rc;
}

static int missing(struct cli *cli, int argc, char **argv)
{
	struct register_opts o;
	struct setting set;
	struct actor who;
	struct store *s;
	struct op_error e;
	struct register_missing *m = NULL;
	struct register_absence_count *counts = NULL;
	struct arena a;
	size_t nm = 0, nc = 0, repeated = 0;
	long weeks = REGISTER_ABSENCE_WEEKS;
	char date[DATE_LEN], at[TIME_LEN];
	int rc, day, minute;

	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (optind != argc)
		return CLI_USAGE;
	if (o.weeks && parse_long(o.weeks, 1, 520, &weeks) != 0)
		return cli_error(cli, CLI_USAGE, "--weeks: give a number of weeks, 1 to 520");
	if ((rc = cli_open(cli, o.setting_id, &s, &set, &who)) != CLI_OK)
		return rc;
	if ((rc = when(cli, &o, &set, &day, &minute)) != CLI_OK) {
		store_close(s);
		return rc;
	}
	arena_init(&a);
	if (core_register_missing(s, set.id, day, minute, (int)weeks, &a, &m, &nm, &counts, &nc,
	                          &e) != 0) {
		rc = cli_op_error(cli, &e);
		goto out;
	}
	date_format(day, date);
	time_format(minute, at);
	if (nm == 0)
		fprintf(cli->out,
		        "Every child expected by %s on %s is signed in or has an absence "
		        "recorded.\n",
		        at, date);
	else
		fprintf(
		    cli->out,
		    "Not signed in %d minutes after their usual arrival (%s on %s): contact the "
		    "family and record the outcome\n",
		    REGISTER_GRACE_MIN, at, date);
	for (size_t i = 0; i < nm; i++) {
		char arrive[TIME_LEN];
		time_format(m[i].arrive, arrive);
		fprintf(cli->out,
		        "  %s %s (%s): usual arrival %s; key person %s; contacts: %s; %d "
		        "absence%s in %ld weeks (%d unexplained)\n",
		        m[i].code, m[i].name, m[i].room, arrive,
		        *m[i].key_person ? m[i].key_person : "-",
		        *m[i].contacts ? m[i].contacts : "none on record", m[i].absences,
		        m[i].absences == 1 ? "" : "s", weeks, m[i].unexplained);
	}
	if (nm)
		fprintf(cli->out,
		        "Record the outcome: kw register absent CHILD --date %s --follow-up "
		        "TEXT [--reason unexplained|illness|...]\n",
		        date);
	for (size_t i = 0; i < nc; i++)
		repeated += counts[i].absences >= REGISTER_REPEATED_ABSENCES;
	if (repeated) {
		fprintf(cli->out, "\nAbsent %d or more times in the %ld weeks to %s:\n",
		        REGISTER_REPEATED_ABSENCES, weeks, date);
		for (size_t i = 0; i < nc; i++)
			if (counts[i].absences >= REGISTER_REPEATED_ABSENCES)
				fprintf(cli->out, "  %s %s (%s): %d absences, %d unexplained\n",
				        counts[i].code, counts[i].name, counts[i].room,
				        counts[i].absences, counts[i].unexplained);
	}
	rc = CLI_OK;
out:
	free(m);
	free(counts);
	arena_free(&a);
	store_close(s);
	return rc;
}

static int absent(struct cli *cli, int argc, char **argv)
{
	struct register_opts o;
	struct setting set;
	struct actor who;
	struct store *s;
	struct op_error e;
	int64_t child, id = 0;
	int rc, day, minute;

	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (argc - optind != 1 || !o.follow_up)
		return cli_error(cli, CLI_USAGE,
		                 "absent CHILD --follow-up TEXT [--date D] [--reason R]");
	if ((rc = cli_open(cli, o.setting_id, &s, &set, &who)) != CLI_OK)
		return rc;
	if ((rc = when(cli, &o, &set, &day, &minute)) != CLI_OK)
		goto out;
	if (!(child = core_child_find(s, set.id, argv[optind]))) {
		rc = cli_error(cli, CLI_FAIL, "child: there is no child with id %s", argv[optind]);
		goto out;
	}
	rc = core_tx_begin(s, &e);
	rc = rc || core_register_absence(s, &who, child, day, o.reason ? o.reason : "unexplained",
	                                 o.follow_up, &id, &e);
	if ((rc = commit(cli, s, rc, &e)) == CLI_OK)
		fprintf(cli->out, "recorded absence %" PRId64 ": %s, %s\n", id, argv[optind],
		        o.reason ? o.reason : "unexplained");
out:
	store_close(s);
	return rc;
}

static int collection_password(struct cli *cli, int argc, char **argv)
{
	struct register_opts o;
	struct setting set;
	struct actor who;
	struct store *s;
	struct op_error e;
	char *password;
	long contact;
	int rc;

	if ((rc = parse(cli, argc, argv, &o)) != CLI_OK)
		return rc;
	if (argc - optind != 1 || !o.password_stdin)
		return cli_error(cli, CLI_USAGE, "collection-password CONTACT_ID --password-stdin");
	if (parse_long(argv[optind], 1, INT64_MAX / 2, &contact) != 0)
		return cli_error(cli, CLI_USAGE, "give the contact's number");
	if (!(password = read_password()))
		return cli_error(cli, CLI_FAIL, "password: nothing on standard input");
	if ((rc = cli_open(cli, o.setting_id, &s, &set, &who)) == CLI_OK) {
		rc = core_tx_begin(s, &e);
		rc = rc || core_register_set_collection_password(s, &who, contact, password, &e);
		if ((rc = commit(cli, s, rc, &e)) == CLI_OK)
			fprintf(cli->out, "collection password set for contact %ld\n", contact);
		store_close(s);
	}
	memset(password, 0, strlen(password));
	free(password);
	return rc;
}

int cli_register(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return CLI_USAGE;
	/* the subcommand's own argv: it stands where getopt expects the program */
	if (strcmp(argv[1], "in") == 0)
		return child_entry(cli, REGISTER_IN, argc - 1, argv + 1);
	if (strcmp(argv[1], "out") == 0)
		return child_entry(cli, REGISTER_OUT, argc - 1, argv + 1);
	if (strcmp(argv[1], "correct") == 0)
		return correct(cli, 0, argc - 1, argv + 1);
	if (strcmp(argv[1], "staff") == 0)
		return staff_entry(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return show(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "missing") == 0)
		return missing(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "absent") == 0)
		return absent(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "collection-password") == 0)
		return collection_password(cli, argc - 1, argv + 1);
	return cli_error(cli, CLI_USAGE,
	                 "register: say in, out, correct, staff, show, missing, absent or "
	                 "collection-password");
}
