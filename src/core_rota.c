/*
 * core_rota.c — drafting and publishing the rota week, the week view and
 * the paediatric first aid certificates running out (core_rota.h). The
 * ratios are core_ratio's, planned from the published rota: publishing sets
 * the week's drafts published inside a transaction and judges the week
 * there, on the same connection, so it sees its own change; a refusal is a
 * rollback and nothing is published.
 */
#include "core_rota.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core_ratio.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_today.h"

int core_rota_monday(int day)
{
	return day - date_weekday(day);
}

int core_rota_draft_shift(struct store *s, const struct actor *who, const struct field_value *v,
                          int64_t *id, struct op_error *e)
{
	char detail[160];
	if (core_shift_insert(s, who, v, 0, id, e) != 0)
		return -1;
	snprintf(detail, sizeof detail, "%s %s %s-%s", v[SHIFT_STAFF].s, v[SHIFT_DATE].s,
	         v[SHIFT_START].s, v[SHIFT_END].s);
	return audit_write(s, who, "rota.draft", "shift", *id, 0, detail, e);
}

/* ---- short slots of a day ---- */

struct shorts {
	struct rota_short *v;
	size_t n, cap;
	int slots;
};

static void shorts_push(struct shorts *x, const struct rota_short *r)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->v = xrealloc(x->v, x->cap * sizeof *x->v);
	}
	x->v[x->n++] = *r;
}

/* How bad a slot is: adults short first, then the number of problems. */
static int badness(const struct ratio_slot *sl)
{
	int n = 0;
	for (unsigned p = sl->problems; p; p &= p - 1)
		n++;
	return (sl->adults < sl->adults_needed ? (sl->adults_needed - sl->adults) * 16 : 0) + n;
}

/* The runs of short slots of one room (consecutive slots with the same
 * reasons make one run); only_k: judge slot k only when only_k[k] (NULL: all). */
static void room_shorts(const struct ratio_day *r, const struct ratio_room *room,
                        const unsigned char *only_k, struct arena *a, struct shorts *x)
{
	struct rota_short cur = {0};
	int open = 0;
	for (size_t k = 0; k <= r->nslots; k++) {
		const struct ratio_slot *sl = k < r->nslots ? &room->slots[k] : NULL;
		int bad = sl && !sl->ok && (!only_k || only_k[k]);
		if (open && (!bad || strcmp(cur.reasons, sl->reasons) != 0)) {
			shorts_push(x, &cur);
			open = 0;
		}
		if (!bad)
			continue;
		x->slots++;
		if (open) {
			cur.end = sl->end;
			cur.slots++;
			continue;
		}
		memset(&cur, 0, sizeof cur);
		cur.room_id = room->id;
		cur.room = arena_strdup(a, room->name);
		memcpy(cur.date, r->date, DATE_LEN);
		cur.start = sl->start;
		cur.end = sl->end;
		cur.slots = 1;
		cur.reasons = arena_strdup(a, sl->reasons);
		open = 1;
	}
}

/* Every short run of the day: the rooms', then the whole setting's in the
 * slots where no room is short. *worst: the worst slot (slots 0: none). */
static void day_shorts(const struct ratio_day *r, struct arena *a, struct shorts *x,
                       struct rota_short *worst)
{
	unsigned char *setting_only = xcalloc(r->nslots + 1, 1);
	const struct ratio_slot *w = NULL;
	const struct ratio_room *wroom = NULL;
	for (size_t k = 0; k < r->nslots; k++)
		setting_only[k] = 1;
	for (size_t i = 0; i < r->nrooms; i++) {
		room_shorts(r, &r->rooms[i], NULL, a, x);
		for (size_t k = 0; k < r->nslots; k++) {
			const struct ratio_slot *sl = &r->rooms[i].slots[k];
			if (sl->ok)
				continue;
			setting_only[k] = 0;
			if (!w || badness(sl) > badness(w)) {
				w = sl;
				wroom = &r->rooms[i];
			}
		}
	}
	room_shorts(r, &r->setting, setting_only, a, x);
	for (size_t k = 0; k < r->nslots; k++)
		if (setting_only[k] && !r->setting.slots[k].ok &&
		    (!w || badness(&r->setting.slots[k]) > badness(w))) {
			w = &r->setting.slots[k];
			wroom = &r->setting;
		}
	free(setting_only);
	memset(worst, 0, sizeof *worst);
	if (w) {
		worst->room_id = wroom->id;
		worst->room = arena_strdup(a, wroom->name);
		memcpy(worst->date, r->date, DATE_LEN);
		worst->start = w->start;
		worst->end = w->end;
		worst->slots = 1;
		worst->reasons = arena_strdup(a, w->reasons);
	}
}

/* ---- publishing ---- */

int core_rota_publish_week(struct store *s, const struct actor *who, int monday,
                           const char *override_reason, struct rota_report *report,
                           struct op_error *e)
{
	struct shorts x = {0};
	struct store_stmt *st;
	char from[DATE_LEN], to[DATE_LEN];
	const char *detail;
	int rc, ret = -1;

	memset(report, 0, sizeof *report);
	arena_init(&report->arena);
	monday = core_rota_monday(monday);
	date_format(monday, from);
	date_format(monday + 7, to);
	memcpy(report->monday, from, DATE_LEN);
	if (override_reason && !*override_reason)
		override_reason = NULL;
	if (override_reason && strlen(override_reason) > 400)
		return op_fail(e, OP_INVALID, "override", "is longer than 400 characters");
	if (core_tx_begin(s, e) != 0)
		return -1;
	st = store_stmt(s, STMT_ROTA_PUBLISH);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, to);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "publishing the week's shifts");
		goto out;
	}
	report->published = store_changes(s);
	for (int d = 0; d < 7; d++) {
		struct ratio_day r;
		struct rota_short worst;
		int bad = core_ratio_day(s, who->setting_id, monday + d, RATIO_PLANNED, 24 * 60, &r,
		                         e) != 0;
		if (!bad)
			day_shorts(&r, &report->arena, &x, &worst);
		core_ratio_free(&r);
		if (bad)
			goto out;
	}
	report->shorts = x.v;
	report->nshorts = x.n;
	report->slots_short = x.slots;
	x.v = NULL;
	if (report->slots_short && !override_reason) {
		op_fail(e, OP_CONFLICT, "week",
		        "the week of %s is out of ratio in %d slot%s of 15 minutes: nothing was "
		        "published (a manager may override with a reason)",
		        from, report->slots_short, report->slots_short == 1 ? "" : "s");
		goto out;
	}
	report->overridden = report->slots_short > 0;
	if (report->overridden)
		detail =
		    arena_printf(&report->arena, "week %s, %d shifts, %d slots out of ratio: %s",
		                 from, report->published, report->slots_short, override_reason);
	else
		detail =
		    arena_printf(&report->arena, "week %s, %d shifts", from, report->published);
	if (audit_write(s, who, report->overridden ? "rota.publish.override" : "rota.publish",
	                "rota", 0, 0, detail, e) != 0 ||
	    core_tx_commit(s, e) != 0)
		goto out;
	ret = 0;
out:
	free(x.v);
	if (ret != 0) {
		store_rollback(s);
		report->published = 0;
	}
	return ret;
}

void core_rota_report_free(struct rota_report *r)
{
	free(r->shorts);
	arena_free(&r->arena);
	memset(r, 0, sizeof *r);
}

/* ---- the week ---- */

int core_rota_week(struct store *s, int64_t setting_id, int monday, struct rota_week *w,
                   struct op_error *e)
{
	struct store_stmt *st;
	int64_t *roles = NULL; /* id, dsl, senco triples */
	size_t nroles = 0, cap = 0;
	char to[DATE_LEN];
	int rc, ret = -1;

	memset(w, 0, sizeof *w);
	arena_init(&w->arena);
	monday = core_rota_monday(monday);
	date_format(monday, w->monday);
	date_format(monday + 7, to);
	for (int d = 0; d < 7; d++) {
		w->days[d].day = monday + d;
		date_format(monday + d, w->days[d].date);
	}

	st = store_stmt(s, STMT_ROTA_DRAFTS);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, w->monday);
	store_bind_text(st, 3, to);
	while ((rc = store_step(st)) == STORE_ROW) {
		int day;
		if (date_parse(store_col_text(st, 0), &day) == 0 && day >= monday &&
		    day < monday + 7) {
			w->days[day - monday].drafts = (int)store_col_int(st, 1);
			w->drafts += (int)store_col_int(st, 1);
		}
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the draft shifts");
		goto out;
	}
	st = store_stmt(s, STMT_ROTA_STAFF_ROLES);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (nroles == cap) {
			cap = cap ? 2 * cap : 8;
			roles = xrealloc(roles, cap * 3 * sizeof *roles);
		}
		for (int k = 0; k < 3; k++)
			roles[nroles * 3 + (size_t)k] = store_col_int(st, k);
		nroles++;
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the DSL and SENCo");
		goto out;
	}

	for (int d = 0; d < 7; d++) {
		struct rota_day *rd = &w->days[d];
		struct today t;
		struct ratio_day r;
		struct shorts x = {0};
		int bad = core_today_load(s, setting_id, rd->day, 0, &t, e) != 0;
		for (size_t i = 0; !bad && i < t.nstaff; i++) {
			const struct today_staff *p = &t.staff[i];
			if (p->absent || p->nshifts == 0)
				continue;
			rd->staff_on++;
			for (size_t k = 0; k < nroles; k++)
				if (roles[k * 3] == p->id) {
					rd->dsl_on |= roles[k * 3 + 1] != 0;
					rd->senco_on |= roles[k * 3 + 2] != 0;
				}
		}
		if (!bad) {
			rd->uncovered = t.nobody;
			rd->children = (int)t.nchildren;
		}
		core_today_free(&t);
		if (bad)
			goto out;
		bad = core_ratio_day(s, setting_id, rd->day, RATIO_PLANNED, 24 * 60, &r, e) != 0;
		if (!bad) {
			day_shorts(&r, &w->arena, &x, &rd->worst);
			rd->slots_short = x.slots;
		}
		free(x.v);
		core_ratio_free(&r);
		if (bad)
			goto out;
	}
	ret = 0;
out:
	free(roles);
	return ret;
}

void core_rota_week_free(struct rota_week *w)
{
	arena_free(&w->arena);
	memset(w, 0, sizeof *w);
}

json_t *core_rota_week_json(const struct rota_week *w)
{
	json_t *root = json_object(), *days = json_array();
	json_object_set_new(root, "week", json_string(w->monday));
	json_object_set_new(root, "drafts", json_integer(w->drafts));
	for (int d = 0; d < 7; d++) {
		const struct rota_day *rd = &w->days[d];
		json_t *o = json_object(), *worst = json_null();
		json_object_set_new(o, "date", json_string(rd->date));
		json_object_set_new(o, "weekday", json_string(date_weekday_name(d)));
		json_object_set_new(o, "children", json_integer(rd->children));
		json_object_set_new(o, "staff_on", json_integer(rd->staff_on));
		json_object_set_new(o, "dsl_on", json_boolean(rd->dsl_on));
		json_object_set_new(o, "senco_on", json_boolean(rd->senco_on));
		json_object_set_new(o, "slots_short", json_integer(rd->slots_short));
		if (rd->worst.slots) {
			char a[TIME_LEN], z[TIME_LEN];
			time_format(rd->worst.start, a);
			time_format(rd->worst.end, z);
			worst = json_object();
			json_object_set_new(worst, "room", json_string(rd->worst.room));
			json_object_set_new(worst, "start", json_string(a));
			json_object_set_new(worst, "end", json_string(z));
			json_object_set_new(worst, "reasons", json_string(rd->worst.reasons));
		}
		json_object_set_new(o, "worst", worst);
		json_object_set_new(o, "uncovered", json_integer(rd->uncovered));
		json_object_set_new(o, "drafts", json_integer(rd->drafts));
		json_array_append_new(days, o);
	}
	json_object_set_new(root, "days", days);
	return root;
}

/* ---- certificates running out ---- */

int core_rota_expiring(struct store *s, int64_t setting_id, int day, int weeks,
                       struct rota_expiring *x, struct op_error *e)
{
	struct store_stmt *st;
	char today[DATE_LEN], until[DATE_LEN];
	size_t cap = 0;
	int rc;

	memset(x, 0, sizeof *x);
	arena_init(&x->arena);
	if (weeks < 0 || weeks > 520)
		return op_fail(e, OP_INVALID, "weeks", "must be 0 to 520");
	date_format(day, today);
	date_format(day + 7 * weeks, until);
	st = store_stmt(s, STMT_ROTA_PFA_EXPIRING);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, until);
	store_bind_text(st, 3, today);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct rota_cert *c;
		int exp;
		if (date_parse(store_col_text(st, 3), &exp) != 0)
			continue; /* not a date: nothing to say when it runs out */
		if (x->n == cap) {
			cap = cap ? 2 * cap : 8;
			x->certs = xrealloc(x->certs, cap * sizeof *x->certs);
		}
		c = &x->certs[x->n++];
		c->staff_id = store_col_int(st, 0);
		c->code = arena_strdup(&x->arena, store_col_text(st, 1));
		c->name = arena_strdup(&x->arena, store_col_text(st, 2));
		date_format(exp, c->expires);
		c->days = exp - day;
		c->expired = exp < day; /* core_ratio: a first aider through the expiry date */
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading first aid certificates");
	return 0;
}

void core_rota_expiring_free(struct rota_expiring *x)
{
	free(x->certs);
	arena_free(&x->arena);
	memset(x, 0, sizeof *x);
}
