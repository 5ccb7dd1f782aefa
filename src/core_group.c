/*
 * core_group.c — groups of settings and their dashboard lines (issue 10).
 * A line is built from the same core loads each setting's own pages use
 * (core_today, core_register, core_ratio, core_twoyear, core_weekly,
 * core_message, core_accident, core_policy), so the counts match those
 * pages; of what they load only counts and the names of rooms leave here.
 */
#include "core_group.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_accident.h"
#include "core_message.h"
#include "core_policy.h"
#include "core_ratio.h"
#include "core_register.h"
#include "core_setting.h"
#include "core_today.h"
#include "core_twoyear.h"
#include "core_weekly.h"
#include "date.h"

static int name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n < 1 || n > GROUP_NAME_MAX)
		return 0;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20)
			return 0;
	return 1;
}

int core_group_add(struct store *s, const struct actor *who, const char *name, int64_t *id,
                   struct op_error *e)
{
	struct store_stmt *st;
	int rc;
	if (!name_ok(name))
		return op_fail(e, OP_INVALID, "name",
		               "a group's name is 1 to %d characters on one line", GROUP_NAME_MAX);
	if (core_group_find(s, name))
		return op_fail(e, OP_CONFLICT, "name", "there is already a group %s", name);
	st = store_stmt(s, STMT_GROUP_INSERT);
	store_bind_text(st, 1, name);
	store_bind_int(st, 2, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding the group");
	*id = store_last_id(s);
	return audit_write(s, who, "group.add", "group", *id, 0, name, e);
}

int64_t core_group_find(struct store *s, const char *name)
{
	struct store_stmt *st;
	int64_t id = 0;
	size_t digits = name ? strspn(name, "0123456789") : 0;
	if (!name || !*name)
		return 0;
	if (digits == strlen(name) && digits < 18) {
		int64_t n = 0;
		for (const char *p = name; *p; p++)
			n = n * 10 + (*p - '0');
		st = store_stmt(s, STMT_GROUP_BY_ID);
		store_bind_int(st, 1, n);
	} else {
		st = store_stmt(s, STMT_GROUP_BY_NAME);
		store_bind_text(st, 1, name);
	}
	if (store_step(st) == STORE_ROW)
		id = store_col_int(st, 0);
	store_finish(st);
	return id;
}

/* 0 when the group exists, else a 404 naming the field "group". */
static int group_exists(struct store *s, int64_t group_id, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_GROUP_BY_ID);
	int found;
	store_bind_int(st, 1, group_id);
	found = store_step(st) == STORE_ROW;
	store_finish(st);
	return found ? 0 : op_fail(e, OP_NOT_FOUND, "group", "there is no such group");
}

int core_group_attach(struct store *s, const struct actor *who, int64_t group_id,
                      int64_t setting_id, struct op_error *e)
{
	struct store_stmt *st;
	int64_t now_in = 0;
	int found, rc;
	if (group_exists(s, group_id, e) != 0)
		return -1;
	st = store_stmt(s, STMT_GROUP_SETTING_EXISTS);
	store_bind_int(st, 1, setting_id);
	found = store_step(st) == STORE_ROW;
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "setting", "there is no setting %lld",
		               (long long)setting_id);
	st = store_stmt(s, STMT_GROUP_OF_SETTING);
	store_bind_int(st, 1, setting_id);
	if (store_step(st) == STORE_ROW)
		now_in = store_col_int(st, 0);
	store_finish(st);
	if (now_in)
		return op_fail(e, OP_CONFLICT, "setting",
		               now_in == group_id ? "the setting is in this group already"
		                                  : "the setting belongs to another group");
	st = store_stmt(s, STMT_GROUP_ATTACH);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, group_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "attaching the setting");
	return audit_write(s, who, "group.attach", "setting", setting_id, 0, "attached to a group",
	                   e);
}

int core_group_list(struct store *s, struct arena *a, struct group_row **out, size_t *n,
                    struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_GROUP_LIST);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct group_row *r;
		if (*n == cap) {
			struct group_row *grown;
			cap = cap ? cap * 2 : 8;
			grown = arena_alloc(a, cap * sizeof *grown);
			if (*n)
				memcpy(grown, *out, *n * sizeof *grown);
			*out = grown;
		}
		r = &(*out)[(*n)++];
		r->id = store_col_int(st, 0);
		r->name = arena_strdup(a, store_col_text(st, 1));
		r->settings = (int)store_col_int(st, 2);
		r->managers = (int)store_col_int(st, 3);
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "listing groups");
}

static int id_names(struct store *s, enum stmt_id id, int64_t arg, struct arena *a,
                    struct group_setting **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, id);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	store_bind_int(st, 1, arg);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*n == cap) {
			struct group_setting *grown;
			cap = cap ? cap * 2 : 8;
			grown = arena_alloc(a, cap * sizeof *grown);
			if (*n)
				memcpy(grown, *out, *n * sizeof *grown);
			*out = grown;
		}
		(*out)[*n].id = store_col_int(st, 0);
		(*out)[*n].name = arena_strdup(a, store_col_text(st, 1));
		(*n)++;
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "listing");
}

int core_group_settings(struct store *s, int64_t group_id, struct arena *a,
                        struct group_setting **out, size_t *n, struct op_error *e)
{
	return id_names(s, STMT_GROUP_SETTINGS, group_id, a, out, n, e);
}

int core_group_managed(struct store *s, int64_t user_id, struct arena *a,
                       struct group_setting **out, size_t *n, struct op_error *e)
{
	return id_names(s, STMT_GROUP_MANAGED, user_id, a, out, n, e);
}

static int grant(struct store *s, const struct actor *who, int64_t group_id, int64_t user_id,
                 const char *username, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_AUTHZ_GROUP_MANAGES);
	int rc, already;
	store_bind_int(st, 1, user_id);
	store_bind_int(st, 2, group_id);
	already = store_step(st) == STORE_ROW;
	store_finish(st);
	if (already)
		return op_fail(e, OP_CONFLICT, "username", "%s manages this group already",
		               username);
	st = store_stmt(s, STMT_GROUP_MANAGER_INSERT);
	store_bind_int(st, 1, group_id);
	store_bind_int(st, 2, user_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "making the group manager");
	return audit_write(s, who, "group.manager", "user", user_id, 0, username, e);
}

int core_group_manager_add(struct store *s, const struct actor *who, int64_t group_id,
                           const struct user_new *u, int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	struct user_new nu = *u;
	struct actor at = *who;
	int64_t first = 0;
	if (group_id <= 0)
		return op_fail(e, OP_NOT_FOUND, "group", "there is no such group");
	st = store_stmt(s, STMT_GROUP_FIRST_SETTING);
	store_bind_int(st, 1, group_id);
	if (store_step(st) == STORE_ROW)
		first = store_col_int(st, 0);
	store_finish(st);
	if (!first)
		return op_fail(e, OP_CONFLICT, "group",
		               "the group has no setting yet: attach one first (kw group attach)");
	if (u->roles & (1u << ROLE_PARENT))
		return op_fail(e, OP_INVALID, "role", "a parent account cannot manage a group");
	nu.group_id = group_id;
	if (!u->roles) {
		/* no role anywhere: the account's sessions start in the group's first setting */
		at.setting_id = first;
		nu.staff_id = 0;
		nu.contact_id = 0;
	}
	if (core_user_add(s, &at, &nu, id, e))
		return -1;
	return grant(s, who, group_id, *id, u->username, e);
}

int core_group_manager_grant(struct store *s, const struct actor *who, int64_t group_id,
                             const char *username, struct op_error *e)
{
	struct store_stmt *st;
	int64_t user = 0;
	if (group_exists(s, group_id, e) != 0)
		return -1;
	st = store_stmt(s, STMT_USER_BY_NAME);
	store_bind_text(st, 1, username);
	if (store_step(st) == STORE_ROW)
		user = store_col_int(st, 0);
	store_finish(st);
	if (!user)
		return op_fail(e, OP_NOT_FOUND, "username", "there is no user %s", username);
	return grant(s, who, group_id, user, username, e);
}

/* ---- the dashboard line ---- */

static int count_present(const struct register_day *r)
{
	int n = 0;
	for (size_t i = 0; i < r->nchildren; i++)
		for (size_t k = 0; k < r->children[i].nsessions; k++)
			if (r->children[i].sessions[k].in_id) {
				n++;
				break;
			}
	return n;
}

static int line_day(struct store *s, int64_t setting_id, int day, struct arena *a,
                    struct group_line *out, struct op_error *e)
{
	struct today t;
	struct register_day reg;
	struct ratio_day rd;
	int rc;

	memset(&t, 0, sizeof t);
	rc = core_today_load(s, setting_id, day, 0, &t, e);
	if (rc == 0) {
		out->expected = (int)t.nchildren;
		out->nobody = t.nobody;
	}
	core_today_free(&t);
	if (rc)
		return -1;
	memset(&reg, 0, sizeof reg);
	rc = core_register_load(s, setting_id, day, &reg, e);
	if (rc == 0)
		out->present = count_present(&reg);
	core_register_free(&reg);
	if (rc)
		return -1;
	memset(&rd, 0, sizeof rd);
	rc = core_ratio_day(s, setting_id, day, RATIO_PLANNED, 24 * 60, &rd, e);
	if (rc == 0) {
		const char *rooms = "";
		out->setting_short = rd.setting.nshort;
		for (size_t i = 0; i < rd.nrooms; i++)
			out->ratio_short += rd.rooms[i].nshort;
		for (size_t i = 0; i < rd.nrooms; i++)
			if (rd.rooms[i].nshort > 0)
				rooms =
				    arena_printf(a, "%s%s%s (%d slot%s)", rooms, *rooms ? ", " : "",
				                 rd.rooms[i].name, rd.rooms[i].nshort,
				                 rd.rooms[i].nshort == 1 ? "" : "s");
		out->rooms_short = rooms;
	}
	core_ratio_free(&rd);
	return rc ? -1 : 0;
}

static int line_records(struct store *s, int64_t setting_id, const char *tz, int day,
                        struct arena *a, struct group_line *out, struct op_error *e)
{
	struct twoyear_due *due;
	struct weekly_row *wk;
	struct message_pending *mp;
	struct accident *acc;
	struct policy_row *pol;
	size_t n;

	if (core_twoyear_due(s, setting_id, day, a, &due, &n, e))
		return -1;
	for (size_t i = 0; i < n; i++)
		out->twoyear_due += !due[i].ahead && strcmp(due[i].status, "final") != 0;
	if (core_weekly_week(s, setting_id, core_weekly_monday(day), a, &wk, &n, e))
		return -1;
	for (size_t i = 0; i < n; i++)
		out->weekly_outstanding += wk[i].state != WEEKLY_SENT;
	if (core_message_pending(s, setting_id, 0, a, &mp, &n, e))
		return -1;
	out->handovers = (int)n;
	if (core_accident_setting(s, setting_id, tz, day, 1, a, &acc, &n, e))
		return -1;
	for (size_t i = 0; i < n; i++)
		out->ofsted_awaiting += acc[i].notifiable && !acc[i].notified_at;
	if (core_policy_list(s, setting_id, a, &pol, &n, e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct policy_family *f;
		size_t nf;
		if (core_policy_unsigned(s, setting_id, pol[i].version_id, day, a, &f, &nf, e))
			return -1;
		out->signatures += (int)nf;
	}
	return 0;
}

int core_group_line(struct store *s, int64_t setting_id, int day, struct arena *a,
                    struct group_line *out, struct op_error *e)
{
	struct setting set;
	memset(out, 0, sizeof *out);
	if (core_setting_get(s, setting_id, &set, e))
		return -1;
	if (day < 0)
		day = date_today(set.time_zone);
	out->setting_id = setting_id;
	out->setting = arena_strdup(a, set.name);
	out->rooms_short = "";
	date_format(day, out->date);
	if (line_day(s, setting_id, day, a, out, e))
		return -1;
	return line_records(s, setting_id, set.time_zone, day, a, out, e);
}

int core_group_switch(struct store *s, const struct actor *who, const char *token_hash,
                      int64_t setting_id, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_GROUP_SESSION_SETTING);
	struct actor at = *who;
	int rc;
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, token_hash);
	store_bind_int(st, 3, who->user_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "changing the current setting");
	if (store_changes(s) != 1)
		return op_fail(e, OP_NOT_FOUND, "session", "the session has ended");
	at.setting_id = setting_id;
	return audit_write(s, &at, "session.setting", "setting", setting_id, 0,
	                   "made the current setting", e);
}
