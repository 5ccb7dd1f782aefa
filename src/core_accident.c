/*
 * core_accident.c — the operations of core_accident.h: recording an
 * accident, incident or injury on arrival (with the first aider's
 * certificate checked against the day), the parent told and their
 * acknowledgement, notifications made; the reads of one child, of the
 * setting with its deadlines, and the repeated-injury pattern (rows of the
 * window read in child order and grouped here, so the SQL stays portable);
 * and the demo's records.
 */
#include "core_accident.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_concern.h"
#include "core_setting.h"
#include "date.h"

static const char *const kind_choices[] = {"accident", "incident", "existing_injury", NULL};

const struct field_spec core_accident_fields[ACC__MAX] = {
    [ACC_KIND] = {"kind", F_ENUM, 1, 0, 0, kind_choices},
    [ACC_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [ACC_TIME] = {"time", F_TIME, 1, 0, 0, NULL},
    [ACC_LOCATION] = {"location", F_LINE, 0, 0, 200, NULL},
    [ACC_WHAT] = {"what_happened", F_TEXT, 1, 0, 20000, NULL},
    [ACC_REGIONS] = {"body_region", F_LINE, 0, 0, 400, NULL},
    [ACC_FIRST_AID] = {"first_aid", F_TEXT, 0, 0, 4000, NULL},
    [ACC_FIRST_AIDER] = {"first_aider", F_INT, 0, 1, INT32_MAX, NULL},
    [ACC_WITNESSES] = {"witnesses", F_LINE, 0, 0, 400, NULL},
    [ACC_PARENT_ACCOUNT] = {"parent_account", F_TEXT, 0, 0, 4000, NULL},
    [ACC_NOTIFIABLE] = {"notifiable", F_BOOL, 0, 0, 0, NULL},
    [ACC_RIDDOR] = {"riddor", F_BOOL, 0, 0, 0, NULL},
};

const char *core_accident_kind_words(const char *kind)
{
	static const char *const words[][2] = {{"accident", "Accident"},
	                                       {"incident", "Incident"},
	                                       {"existing_injury", "Injury noticed on arrival"}};
	for (size_t i = 0; i < ARRAY_LEN(words); i++)
		if (strcmp(words[i][0], kind) == 0)
			return words[i][1];
	return kind;
}

/* The next space-separated word of *p (length in *len), or NULL at the end. */
static const char *next_word(const char **p, size_t *len)
{
	const char *q = *p;
	while (*q == ' ')
		q++;
	if (!*q)
		return NULL;
	*len = strcspn(q, " ");
	*p = q + *len;
	return q;
}

int core_accident_regions_ok(const char *regions)
{
	int seen[64] = {0};
	const char *p = regions, *word;
	size_t len;
	assert(core_concern_nregions <= ARRAY_LEN(seen));
	while ((word = next_word(&p, &len))) {
		size_t i = 0;
		while (i < core_concern_nregions &&
		       (strlen(core_concern_regions[i].key) != len ||
		        strncmp(core_concern_regions[i].key, word, len) != 0))
			i++;
		if (i == core_concern_nregions || seen[i]++)
			return 0;
	}
	return 1;
}

const char *core_accident_region_labels(struct arena *a, const char *regions)
{
	const char *p = regions, *word, *out = "";
	size_t len;
	while ((word = next_word(&p, &len))) {
		const char *label = core_concern_region_label(arena_strndup(a, word, len));
		out = *out ? arena_printf(a, "%s, %s", out, label) : label;
	}
	return out;
}

/* The first aider's certificate must be valid on day; 0, or the refusal. */
static int first_aider_ok(struct store *s, int64_t setting_id, int64_t staff_id, int day,
                          struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_ACCIDENT_FIRST_AIDER);
	char d[DATE_LEN];
	int found, valid = 0;
	date_format(day, d);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff_id);
	found = store_step(st) == STORE_ROW;
	if (found)
		valid = *store_col_text(st, 1) && strcmp(store_col_text(st, 1), d) >= 0;
	store_finish(st);
	if (!found)
		return op_fail(e, OP_INVALID, "first_aider", "choose a member of staff");
	if (!valid)
		return op_fail(e, OP_INVALID, "first_aider",
		               "has no paediatric first aid certificate valid on %s", d);
	return 0;
}

int core_accident_add(struct store *s, const struct actor *who, int64_t child_id,
                      const struct field_value *v, int64_t *id, struct op_error *e)
{
	struct setting set;
	struct store_stmt *st;
	const char *kind = v[ACC_KIND].s, *regions = v[ACC_REGIONS].present ? v[ACC_REGIONS].s : "",
	           *location = v[ACC_LOCATION].present ? v[ACC_LOCATION].s : "",
	           *first_aid = v[ACC_FIRST_AID].present ? v[ACC_FIRST_AID].s : "",
	           *account = v[ACC_PARENT_ACCOUNT].present ? v[ACC_PARENT_ACCOUNT].s : "";
	int arrival = strcmp(kind, "existing_injury") == 0;
	int notifiable = v[ACC_NOTIFIABLE].present && v[ACC_NOTIFIABLE].i,
	    riddor = v[ACC_RIDDOR].present && v[ACC_RIDDOR].i;
	int64_t at;
	int rc;
	assert(store_in_transaction(s));
	if (core_setting_get(s, who->setting_id, &set, e) != 0)
		return -1;
	at = date_instant((int)v[ACC_DATE].i, (int)v[ACC_TIME].i, set.time_zone);
	if (at > time_now() + 300)
		return op_fail(e, OP_INVALID, "date", "is in the future");
	if (!core_accident_regions_ok(regions))
		return op_fail(e, OP_INVALID, "body_region", "choose regions of the body map");
	if (arrival && !*regions)
		return op_fail(e, OP_INVALID, "body_region", "mark where the injury is");
	if (arrival && !*account)
		return op_fail(e, OP_INVALID, "parent_account",
		               "write what the parent said happened (or that they did not know)");
	if (!arrival && !*location)
		return op_fail(e, OP_INVALID, "location", "say where it happened");
	if (!arrival && *first_aid && !v[ACC_FIRST_AIDER].present)
		return op_fail(e, OP_INVALID, "first_aider", "name who gave the first aid");
	if (v[ACC_FIRST_AIDER].present &&
	    first_aider_ok(s, who->setting_id, v[ACC_FIRST_AIDER].i, (int)v[ACC_DATE].i, e) != 0)
		return -1;
	st = store_stmt(s, STMT_ACCIDENT_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, kind);
	store_bind_int(st, 4, at);
	store_bind_text(st, 5, location);
	store_bind_text(st, 6, v[ACC_WHAT].s);
	store_bind_text(st, 7, regions);
	store_bind_text(st, 8, first_aid);
	if (v[ACC_FIRST_AIDER].present)
		store_bind_int(st, 9, v[ACC_FIRST_AIDER].i);
	else
		store_bind_null(st, 9);
	store_bind_text(st, 10, v[ACC_WITNESSES].present ? v[ACC_WITNESSES].s : "");
	store_bind_text(st, 11, account);
	store_bind_int(st, 12, notifiable);
	store_bind_int(st, 13, riddor);
	store_bind_id(st, 14, who->user_id);
	store_bind_text(st, 15, who->name);
	store_bind_int(st, 16, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "recording the accident");
	*id = store_last_id(s);
	return audit_write(s, who, "accident.add", "accident", *id, child_id, kind, e);
}

/* The accident must be child_id's in the setting: 0, or 404. */
static int of_child(struct store *s, const struct actor *who, int64_t child_id, int64_t accident_id,
                    struct op_error *e)
{
	if (core_accident_child_of(s, who->setting_id, accident_id) != child_id || !child_id)
		return op_fail(e, OP_NOT_FOUND, "", "there is no accident %lld for this child",
		               (long long)accident_id);
	return 0;
}

/* Run an UPDATE of one accident; refused as a conflict when it changed nothing. */
static int update_once(struct store *s, struct store_stmt *st, const char *what, struct op_error *e)
{
	int rc = store_run(st);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, what);
	if (store_changes(s) != 1)
		return op_fail(e, OP_CONFLICT, "", "%s: already recorded", what);
	return 0;
}

int core_accident_parent_told(struct store *s, const struct actor *who, int64_t child_id,
                              int64_t accident_id, int day, int minute, struct op_error *e)
{
	struct setting set;
	struct accident *x;
	struct store_stmt *st;
	struct arena a;
	size_t n = 0;
	int64_t at, happened = 0;
	int ret = -1;
	assert(store_in_transaction(s));
	if (of_child(s, who, child_id, accident_id, e) != 0 ||
	    core_setting_get(s, who->setting_id, &set, e) != 0)
		return -1;
	arena_init(&a);
	if (core_accident_child(s, who->setting_id, set.time_zone, child_id, &a, &x, &n, e) != 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (x[i].id == accident_id)
			happened = x[i].occurred_at;
	at = date_instant(day, minute, set.time_zone);
	if (at > time_now() + 300) {
		op_fail(e, OP_INVALID, "date", "is in the future");
		goto out;
	}
	if (at + 60 < happened) {
		op_fail(e, OP_INVALID, "date", "is before it happened");
		goto out;
	}
	st = store_stmt(s, STMT_ACCIDENT_SET_TOLD);
	store_bind_int(st, 1, at);
	store_bind_text(st, 2, who->name);
	store_bind_int(st, 3, who->setting_id);
	store_bind_int(st, 4, accident_id);
	if (update_once(s, st, "the parent told", e) != 0)
		goto out;
	ret = audit_write(s, who, "accident.parent_told", "accident", accident_id, child_id, "", e);
out:
	arena_free(&a);
	return ret;
}

int core_accident_acknowledge(struct store *s, const struct actor *who, int64_t child_id,
                              int64_t accident_id, const char *name, int64_t contact_id,
                              struct op_error *e)
{
	static const struct field_spec spec = {"parent_name", F_LINE, 1, 0, 200, NULL};
	struct field_value v;
	struct store_stmt *st;
	struct arena a;
	char why[256];
	int bad;
	assert(store_in_transaction(s));
	if (of_child(s, who, child_id, accident_id, e) != 0)
		return -1;
	arena_init(&a);
	bad = valid_field(&spec, name, &v, &a, why, sizeof why) != 0 || !v.present;
	if (bad) {
		arena_free(&a);
		return op_fail(e, OP_INVALID, "parent_name", "the parent writes their name");
	}
	st = store_stmt(s, STMT_ACCIDENT_SET_ACK);
	store_bind_text(st, 1, v.s);
	store_bind_int(st, 2, time_now());
	store_bind_text(st, 3, contact_id ? "portal" : "on_screen");
	store_bind_id(st, 4, contact_id);
	store_bind_int(st, 5, who->setting_id);
	store_bind_int(st, 6, accident_id);
	arena_free(&a);
	if (update_once(s, st, "the acknowledgement", e) != 0)
		return -1;
	return audit_write(s, who, "accident.acknowledge", "accident", accident_id, child_id,
	                   contact_id ? "portal" : "on_screen", e);
}

int core_accident_notified(struct store *s, const struct actor *who, int64_t child_id,
                           int64_t accident_id, const char *body, struct op_error *e)
{
	struct store_stmt *st;
	int ofsted = strcmp(body, "ofsted") == 0;
	assert(store_in_transaction(s));
	if (of_child(s, who, child_id, accident_id, e) != 0)
		return -1;
	if (!ofsted && strcmp(body, "riddor") != 0)
		return op_fail(e, OP_INVALID, "body", "ofsted or riddor");
	st = store_stmt(s, ofsted ? STMT_ACCIDENT_SET_NOTIFIED : STMT_ACCIDENT_SET_RIDDOR);
	store_bind_int(st, 1, time_now());
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, accident_id);
	if (update_once(s, st, ofsted ? "the notification to Ofsted" : "the RIDDOR report", e) != 0)
		return -1;
	return audit_write(s, who, "accident.notified", "accident", accident_id, child_id, body, e);
}

/* ---- reads ---- */

int64_t core_accident_child_of(struct store *s, int64_t setting_id, int64_t accident_id)
{
	struct store_stmt *st = store_stmt(s, STMT_ACCIDENT_CHILD_OF);
	int64_t child = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, accident_id);
	if (store_step(st) == STORE_ROW)
		child = store_col_int(st, 0);
	store_finish(st);
	return child;
}

static const char *text(struct arena *a, struct store_stmt *st, int col)
{
	return arena_strdup(a, store_col_text(st, col));
}

static void row(struct store_stmt *st, const char *tz, struct arena *a, struct accident *x)
{
	const char *preferred = store_col_text(st, 4);
	int minute;
	memset(x, 0, sizeof *x);
	x->id = store_col_int(st, 0);
	x->child_id = store_col_int(st, 1);
	x->child = arena_printf(a, "%s %s", *preferred ? preferred : store_col_text(st, 2),
	                        store_col_text(st, 3));
	x->room = text(a, st, 5);
	x->kind = text(a, st, 6);
	x->occurred_at = store_col_int(st, 7);
	x->location = text(a, st, 8);
	x->what = text(a, st, 9);
	x->regions = text(a, st, 10);
	x->first_aid = text(a, st, 11);
	x->first_aider = text(a, st, 12);
	x->witnesses = text(a, st, 13);
	x->parent_account = text(a, st, 14);
	x->told_at = store_col_int(st, 15);
	x->told_by = text(a, st, 16);
	x->ack_name = text(a, st, 17);
	x->ack_at = store_col_int(st, 18);
	x->ack_how = text(a, st, 19);
	x->notifiable = (int)store_col_int(st, 20);
	x->notified_at = store_col_int(st, 21);
	x->riddor = (int)store_col_int(st, 22);
	x->riddor_at = store_col_int(st, 23);
	x->recorded_by = text(a, st, 24);
	x->created_at = store_col_int(st, 25);
	date_local(x->occurred_at, tz, &x->day, &minute);
	x->ofsted_deadline = x->day + ACCIDENT_OFSTED_DAYS;
	x->riddor_deadline = x->day + ACCIDENT_RIDDOR_DAYS;
}

/* Step st to its end, appending rows to *out. */
static int collect(struct store *s, struct store_stmt *st, const char *tz, struct arena *a,
                   struct accident **out, size_t *n, struct op_error *e)
{
	struct accident *list = NULL;
	size_t cap = 0, count = 0;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (count == cap) {
			struct accident *more;
			cap = cap ? 2 * cap : 16;
			more = arena_alloc(a, cap * sizeof *more);
			if (count)
				memcpy(more, list, count * sizeof *more);
			list = more;
		}
		row(st, tz, a, &list[count++]);
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the accidents");
	*out = list;
	*n = count;
	return 0;
}

int core_accident_child(struct store *s, int64_t setting_id, const char *tz, int64_t child_id,
                        struct arena *a, struct accident **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_ACCIDENT_CHILD_LIST);
	*out = NULL;
	*n = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	return collect(s, st, tz, a, out, n, e);
}

int core_accident_setting(struct store *s, int64_t setting_id, const char *tz, int today, int days,
                          struct arena *a, struct accident **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_ACCIDENT_SETTING_LIST);
	*out = NULL;
	*n = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, date_instant(today - days + 1, 0, tz));
	return collect(s, st, tz, a, out, n, e);
}

int core_accident_ofsted_overdue(const struct accident *x, int today)
{
	return x->notifiable && !x->notified_at && today > x->ofsted_deadline;
}

int core_accident_riddor_overdue(const struct accident *x, int today)
{
	return x->riddor && !x->riddor_at && today > x->riddor_deadline;
}

/* Add the words of regions not yet in *all. */
static void merge_regions(struct arena *a, const char **all, const char *regions)
{
	const char *p = regions, *word;
	size_t len;
	while ((word = next_word(&p, &len))) {
		const char *q = *all, *have;
		size_t hlen;
		int found = 0;
		while (!found && (have = next_word(&q, &hlen)))
			found = hlen == len && strncmp(have, word, len) == 0;
		if (!found)
			*all = **all ? arena_printf(a, "%s %.*s", *all, (int)len, word)
			             : arena_strndup(a, word, len);
	}
}

int core_accident_patterns(struct store *s, int64_t setting_id, const char *tz, int today,
                           int count, int days, struct arena *a, struct injury_pattern **out,
                           size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_ACCIDENT_WINDOW);
	struct accident *rows = NULL;
	struct injury_pattern *list;
	size_t nrows = 0, found = 0;
	*out = NULL;
	*n = 0;
	assert(count >= 1 && days >= 1);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, date_instant(today - days + 1, 0, tz));
	store_bind_int(st, 3, date_instant(today + 1, 0, tz));
	if (collect(s, st, tz, a, &rows, &nrows, e) != 0)
		return -1;
	list = arena_alloc(a, (nrows ? nrows : 1) * sizeof *list);
	for (size_t i = 0; i < nrows;) {
		size_t j = i;
		while (j < nrows && rows[j].child_id == rows[i].child_id)
			j++;
		if ((int)(j - i) >= count) {
			struct injury_pattern *p = &list[found++];
			p->child_id = rows[i].child_id;
			p->child = rows[i].child;
			p->room = rows[i].room;
			p->count = (int)(j - i);
			p->injuries = &rows[i];
			p->regions = "";
			for (size_t k = i; k < j; k++)
				merge_regions(a, &p->regions, rows[k].regions);
		}
		i = j;
	}
	*out = list;
	*n = found;
	return 0;
}

/* ---- the demo ---- */

static int demo_add(struct store *s, const struct actor *who, int64_t child, int day, int minute,
                    const char *const raw[ACC__MAX], struct arena *a, int64_t *id,
                    struct op_error *e)
{
	struct field_value v[ACC__MAX];
	struct field_error fe;
	char date[DATE_LEN], time[TIME_LEN];
	const char *r[ACC__MAX];
	memcpy(r, raw, sizeof r);
	date_format(day, date);
	time_format(minute, time);
	r[ACC_DATE] = date;
	r[ACC_TIME] = time;
	if (valid_record(core_accident_fields, ACC__MAX, r, v, a, &fe) != 0)
		return op_fail(e, OP_INVALID, fe.field, "demo accident: %s", fe.msg);
	return core_accident_add(s, who, child, v, id, e);
}

int core_accident_demo(struct store *s, const struct actor *demo, int today, struct op_error *e)
{
	struct actor staff = *demo;
	const struct actor *who = &staff;
	struct store_stmt *st;
	struct arena a;
	char d[DATE_LEN], aider_text[24];
	int64_t kids[40], family1 = 0, parents_child = 0, aider = 0;
	size_t n = 0;
	int ret = -1;
	arena_init(&a);
	date_format(today, d);
	/* the family of the first contact (the demo's "parent" sign-in) */
	st = store_stmt(s, STMT_AUTHZ_CONTACT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, 1);
	if (store_step(st) == STORE_ROW)
		family1 = store_col_int(st, 0);
	store_finish(st);
	st = store_stmt(s, STMT_ACCIDENT_DEMO_CHILDREN);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, d);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(kids)) {
		if (!parents_child && family1 && store_col_int(st, 1) == family1)
			parents_child = store_col_int(st, 0);
		kids[n++] = store_col_int(st, 0);
	}
	store_finish(st);
	/* a first aider whose certificate is valid today, so on every day of the demo's records */
	st = store_stmt(s, STMT_ACCIDENT_DEMO_PFA);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, d);
	if (store_step(st) == STORE_ROW)
		aider = store_col_int(st, 0);
	store_finish(st);
	/* the records name the first aider as who wrote them and told the parents */
	st = store_stmt(s, STMT_ACCIDENT_FIRST_AIDER);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, aider);
	if (store_step(st) == STORE_ROW)
		staff.name = arena_strdup(&a, store_col_text(st, 0));
	store_finish(st);
	if (n < 12 || !aider) {
		ret = 0; /* a setting too small for the demo's records */
		goto out;
	}
	if (!parents_child)
		parents_child = kids[2];
	snprintf(aider_text, sizeof aider_text, "%lld", (long long)aider);
	/* NOLINTBEGIN(bugprone-suspicious-missing-comma): a long text is one string over lines */
	{
		/* kind, date, time, location, what, regions, first aid, first aider,
		 * witnesses, parent account, notifiable, riddor */
		const char *bump[ACC__MAX] = {
		    "accident",
		    "",
		    "",
		    "Garden, by the climbing frame",
		    "Slipped on the wet step coming down from the climbing frame and bumped "
		    "their forehead on the edge.",
		    "face",
		    "Cold compress for ten minutes; watched for signs of concussion, none.",
		    aider_text,
		    "Two members of staff in the garden",
		    "",
		    "",
		    ""};
		const char *pinch[ACC__MAX] = {"accident",
		                               "",
		                               "",
		                               "In the room, at the craft table",
		                               "Trapped two fingers in the lid of the crayon box.",
		                               "left_hand",
		                               "Hand held under cold running water; no swelling.",
		                               aider_text,
		                               "",
		                               "",
		                               "",
		                               ""};
		const char *fall[ACC__MAX] = {
		    "accident",
		    "",
		    "",
		    "In the room, home corner",
		    "Fell from the small chair they were standing on and landed on their arm; "
		    "cried and would not move it. Taken by their mother to A&E, where a "
		    "fracture of the wrist was found.",
		    "right_arm right_hand",
		    "Arm supported in a sling, comforted; mother called at once.",
		    aider_text,
		    "Room leader and a student",
		    "",
		    "yes",
		    "yes"};
		const char *arrival[ACC__MAX] = {
		    "existing_injury",
		    "",
		    "",
		    "",
		    "A graze about 3 cm long on the right knee, scabbed over.",
		    "right_leg",
		    "",
		    "",
		    "",
		    "Fell off his scooter at the park on Sunday.",
		    "",
		    ""};
		const char *bruise[ACC__MAX] = {
		    "existing_injury",
		    "",
		    "",
		    "",
		    "A round bruise on the upper back, about the size of a coin, and a bruise on "
		    "the left arm.",
		    "upper_back left_arm",
		    "",
		    "",
		    "",
		    "Mum said they bumped into the door frame at home; not sure about the arm.",
		    "",
		    ""};
		const char *again[ACC__MAX] = {
		    "accident",
		    "",
		    "",
		    "Soft play area",
		    "Toppled over while cruising along the sofa and knocked the back of the head "
		    "on the floor mat.",
		    "back_of_head",
		    "Comforted; cold pack; observed for an hour.",
		    aider_text,
		    "Key person",
		    "",
		    "",
		    ""};
		int64_t pattern = kids[11], id[7];
		if (demo_add(s, who, parents_child, today - 2, 10 * 60 + 40, bump, &a, &id[0], e) ||
		    demo_add(s, who, kids[5], today - 1, 14 * 60 + 5, pinch, &a, &id[1], e) ||
		    demo_add(s, who, kids[8], today - 4, 11 * 60 + 15, fall, &a, &id[2], e) ||
		    demo_add(s, who, kids[3], today - 1, 8 * 60 + 5, arrival, &a, &id[3], e) ||
		    /* one child with a repeated-injury pattern: three in five weeks */
		    demo_add(s, who, pattern, today - 33, 8 * 60 + 10, bruise, &a, &id[4], e) ||
		    demo_add(s, who, pattern, today - 12, 15 * 60 + 30, again, &a, &id[5], e) ||
		    demo_add(s, who, pattern, today - 3, 8 * 60 + 15, arrival, &a, &id[6], e))
			goto out;
		/* told at collection; the fracture's mother signed on the screen; the
		 * parent of the bump is still to acknowledge it in the portal */
		if (core_accident_parent_told(s, who, parents_child, id[0], today - 2, 17 * 60 + 30,
		                              e) ||
		    core_accident_parent_told(s, who, kids[5], id[1], today - 1, 17 * 60 + 45, e) ||
		    core_accident_parent_told(s, who, kids[8], id[2], today - 4, 11 * 60 + 25, e) ||
		    core_accident_acknowledge(s, who, kids[8], id[2], "Joanna Nowak", 0, e) ||
		    core_accident_notified(s, who, kids[8], id[2], "riddor", e) ||
		    core_accident_parent_told(s, who, pattern, id[5], today - 12, 17 * 60 + 50,
		                              e) ||
		    core_accident_acknowledge(s, who, pattern, id[5], "Sam Carter", 0, e))
			goto out;
	}
	/* NOLINTEND(bugprone-suspicious-missing-comma) */
	ret = 0;
out:
	arena_free(&a);
	return ret;
}
