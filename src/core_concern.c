/*
 * core_concern.c — reporting a concern, its addenda, a child's chronology,
 * the DSL's list and badge, and the password step-up (core_concern.h says
 * what each promises). Writes run in the caller's transaction with their
 * audit row; reads that show a concern audit themselves in a transaction of
 * their own before returning anything. Audit details name kinds and ids,
 * never what a concern says.
 */
#include "core_concern.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core_setting.h"
#include "core_stepup.h"
#include "core_user.h"
#include "date.h"

const struct concern_region core_concern_regions[] = {
    {"face", "head and face", 0},    {"neck", "neck", 0},
    {"chest", "chest", 0},           {"tummy", "tummy", 0},
    {"groin", "groin", 0},           {"right_arm", "right arm", 0},
    {"left_arm", "left arm", 0},     {"right_hand", "right hand", 0},
    {"left_hand", "left hand", 0},   {"right_leg", "right leg", 0},
    {"left_leg", "left leg", 0},     {"right_foot", "right foot", 0},
    {"left_foot", "left foot", 0},   {"back_of_head", "back of the head", 1},
    {"upper_back", "upper back", 1}, {"lower_back", "lower back", 1},
    {"bottom", "bottom", 1},         {"back_of_legs", "back of the legs", 1},
};
const size_t core_concern_nregions = ARRAY_LEN(core_concern_regions);

/* The F_ENUM choices of the regions, from the table above, with "none". */
static const char *const region_choices[] = {
    "none",       "face",       "neck",       "chest",        "tummy",
    "groin",      "right_arm",  "left_arm",   "right_hand",   "left_hand",
    "right_leg",  "left_leg",   "right_foot", "left_foot",    "back_of_head",
    "upper_back", "lower_back", "bottom",     "back_of_legs", NULL};
_Static_assert(ARRAY_LEN(region_choices) == ARRAY_LEN(core_concern_regions) + 2,
               "every body map region is a choice");

static const char *const kind_choices[] = {"action",     "referral", "outcome",
                                           "correction", "note",     NULL};
static const char *const agency_choices[] = {
    "childrens_services", "police", "lado", "health", "other", NULL};

const struct field_spec core_concern_fields[CONCERN__MAX] = {
    [CONCERN_CHILD] = {"child", F_INT, 1, 1, INT32_MAX, NULL},
    [CONCERN_DATE] = {"date", F_DATE, 1, 0, 0, NULL},
    [CONCERN_TIME] = {"time", F_TIME, 1, 0, 0, NULL},
    [CONCERN_SEEN_HEARD] = {"seen_heard", F_TEXT, 1, 0, 20000, NULL},
    [CONCERN_CHILD_WORDS] = {"child_words", F_TEXT, 0, 0, 20000, NULL},
    [CONCERN_BODY_REGION] = {"body_region", F_ENUM, 0, 0, 0, region_choices},
};

const struct field_spec core_addendum_fields[ADDENDUM__MAX] = {
    [ADDENDUM_CONCERN] = {"concern", F_INT, 1, 1, INT32_MAX, NULL},
    [ADDENDUM_KIND] = {"kind", F_ENUM, 1, 0, 0, kind_choices},
    [ADDENDUM_AGENCY] = {"agency", F_ENUM, 0, 0, 0, agency_choices},
    [ADDENDUM_TEXT] = {"text", F_TEXT, 1, 0, 20000, NULL},
};

const char *core_concern_region_label(const char *key)
{
	for (size_t i = 0; key && i < core_concern_nregions; i++)
		if (strcmp(core_concern_regions[i].key, key) == 0)
			return core_concern_regions[i].label;
	return "";
}

static int finish(struct store_stmt *st, int rc)
{
	store_finish(st);
	return rc == STORE_DONE ? 0 : rc;
}

static int child_in_setting(struct store *s, int64_t setting_id, int64_t child_id)
{
	struct store_stmt *st = store_stmt(s, STMT_AUTHZ_CHILD);
	int found;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, child_id);
	found = store_step(st) == STORE_ROW;
	store_finish(st);
	return found;
}

int core_concern_report(struct store *s, const struct actor *who, const struct field_value *v,
                        int64_t *id, struct op_error *e)
{
	struct setting set;
	struct store_stmt *st;
	const char *region = v[CONCERN_BODY_REGION].present ? v[CONCERN_BODY_REGION].s : "none";
	int64_t at;
	int rc;
	assert(store_in_transaction(s));
	if (!child_in_setting(s, who->setting_id, v[CONCERN_CHILD].i))
		return op_fail(e, OP_INVALID, "child", "choose a child of the setting");
	if (core_setting_get(s, who->setting_id, &set, e) != 0)
		return -1;
	at = date_instant((int)v[CONCERN_DATE].i, (int)v[CONCERN_TIME].i, set.time_zone);
	if (at > time_now() + 60)
		return op_fail(e, OP_INVALID, "date", "is in the future");
	st = store_stmt(s, STMT_CONCERN_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, v[CONCERN_CHILD].i);
	store_bind_id(st, 3, who->user_id);
	store_bind_text(st, 4, who->name);
	store_bind_int(st, 5, at);
	store_bind_text(st, 6, v[CONCERN_SEEN_HEARD].s);
	store_bind_text(st, 7, v[CONCERN_CHILD_WORDS].present ? v[CONCERN_CHILD_WORDS].s : "");
	store_bind_text(st, 8, strcmp(region, "none") == 0 ? "" : region);
	store_bind_int(st, 9, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "recording the concern");
	*id = store_last_id(s);
	return audit_write(s, who, "concern.report", "concern", *id, v[CONCERN_CHILD].i,
	                   "concern received", e);
}

int core_concern_addendum(struct store *s, const struct actor *who, const struct field_value *v,
                          int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	const char *kind = v[ADDENDUM_KIND].s,
	           *agency = v[ADDENDUM_AGENCY].present ? v[ADDENDUM_AGENCY].s : "";
	int64_t child = 0;
	int rc;
	assert(store_in_transaction(s));
	st = store_stmt(s, STMT_CONCERN_CHILD_OF);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, v[ADDENDUM_CONCERN].i);
	if (store_step(st) == STORE_ROW)
		child = store_col_int(st, 0);
	store_finish(st);
	if (!child)
		return op_fail(e, OP_NOT_FOUND, "concern", "there is no concern %lld",
		               (long long)v[ADDENDUM_CONCERN].i);
	if (strcmp(kind, "referral") == 0 && !*agency)
		return op_fail(e, OP_INVALID, "agency", "a referral names the agency it went to");
	st = store_stmt(s, STMT_CONCERN_ADDENDUM_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, v[ADDENDUM_CONCERN].i);
	store_bind_text(st, 3, kind);
	store_bind_text(st, 4, agency);
	store_bind_text(st, 5, v[ADDENDUM_TEXT].s);
	store_bind_id(st, 6, who->user_id);
	store_bind_text(st, 7, who->name);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding to the concern");
	*id = store_last_id(s);
	return audit_write(s, who, "concern.addendum", "concern_addendum", *id, child, kind, e);
}

/* Audit a read of concerns (in its own transaction) and mark child's
 * concerns seen by who when child_id is set. */
static int audit_concern_read(struct store *s, const struct actor *who, const char *action,
                              int64_t child_id, struct op_error *e)
{
	struct store_stmt *st;
	int rc;
	if (core_tx_begin(s, e) != 0)
		return -1;
	if (audit_write(s, who, action, "concern", 0, child_id, "", e) != 0)
		goto fail;
	if (child_id && who->user_id) {
		st = store_stmt(s, STMT_CONCERN_MARK_SEEN);
		store_bind_int(st, 1, who->user_id);
		store_bind_int(st, 2, time_now());
		store_bind_int(st, 3, who->setting_id);
		store_bind_int(st, 4, child_id);
		store_bind_int(st, 5, who->user_id);
		if ((rc = store_run(st)) != STORE_OK) {
			op_store_fail(e, s, rc, "marking the concerns seen");
			goto fail;
		}
	}
	if (core_tx_commit(s, e) != 0)
		goto fail;
	return 0;
fail:
	if (store_in_transaction(s))
		store_rollback(s);
	return -1;
}

static const char *text(struct arena *a, struct store_stmt *st, int col)
{
	return arena_strdup(a, store_col_text(st, col));
}

int core_concern_chronology(struct store *s, const struct actor *who, int64_t child_id,
                            struct arena *a, struct concern **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st;
	struct concern *list = NULL;
	size_t cap = 0, count = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!child_in_setting(s, who->setting_id, child_id))
		return op_fail(e, OP_NOT_FOUND, "", "there is no child %lld", (long long)child_id);
	/* audited first: nothing is shown that was not recorded as seen */
	if (audit_concern_read(s, who, "concern.chronology.view", child_id, e) != 0)
		return -1;
	st = store_stmt(s, STMT_CONCERN_CHRONOLOGY);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct concern *c;
		if (count == cap) {
			struct concern *more;
			cap = cap ? 2 * cap : 8;
			more = arena_alloc(a, cap * sizeof *more);
			if (count)
				memcpy(more, list, count * sizeof *more);
			list = more;
		}
		c = &list[count++];
		memset(c, 0, sizeof *c);
		c->id = store_col_int(st, 0);
		c->child_id = child_id;
		c->reported_by = text(a, st, 1);
		c->occurred_at = store_col_int(st, 2);
		c->seen_heard = text(a, st, 3);
		c->child_words = text(a, st, 4);
		c->body_region = text(a, st, 5);
		c->created_at = store_col_int(st, 6);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the chronology");
	st = store_stmt(s, STMT_CONCERN_ADDENDA);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t concern = store_col_int(st, 1);
		for (size_t i = 0; i < count; i++) {
			struct concern *c = &list[i];
			struct concern_addendum *more, *ad;
			if (c->id != concern)
				continue;
			more = arena_alloc(a, (c->naddenda + 1) * sizeof *more);
			if (c->naddenda)
				memcpy(more, c->addenda, c->naddenda * sizeof *more);
			c->addenda = more;
			ad = &c->addenda[c->naddenda++];
			ad->id = store_col_int(st, 0);
			ad->kind = text(a, st, 2);
			ad->agency = text(a, st, 3);
			ad->text = text(a, st, 4);
			ad->by = text(a, st, 5);
			ad->created_at = store_col_int(st, 6);
			break;
		}
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the chronology");
	*out = list;
	*n = count;
	return 0;
}

int core_concern_children(struct store *s, const struct actor *who, struct arena *a,
                          struct concern_child **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st;
	struct concern_child *list = NULL;
	size_t cap = 0, count = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (audit_concern_read(s, who, "concern.list", 0, e) != 0)
		return -1;
	st = store_stmt(s, STMT_CONCERN_CHILDREN);
	store_bind_int(st, 1, who->user_id);
	store_bind_int(st, 2, who->setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct concern_child *c;
		const char *preferred = store_col_text(st, 3);
		if (count == cap) {
			struct concern_child *more;
			cap = cap ? 2 * cap : 16;
			more = arena_alloc(a, cap * sizeof *more);
			if (count)
				memcpy(more, list, count * sizeof *more);
			list = more;
		}
		c = &list[count++];
		c->child_id = store_col_int(st, 0);
		c->name = arena_printf(a, "%s %s", *preferred ? preferred : store_col_text(st, 1),
		                       store_col_text(st, 2));
		c->room = text(a, st, 4);
		c->concerns = (int)store_col_int(st, 5);
		c->unseen = (int)store_col_int(st, 6);
		c->last_at = store_col_int(st, 7);
	}
	if ((rc = finish(st, rc)) != 0)
		return op_store_fail(e, s, rc, "reading the concerns");
	*out = list;
	*n = count;
	return 0;
}

int64_t core_concern_unseen(struct store *s, int64_t setting_id, int64_t user_id)
{
	struct store_stmt *st = store_stmt(s, STMT_CONCERN_UNSEEN);
	int64_t n = -1;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, user_id);
	if (store_step(st) == STORE_ROW)
		n = store_col_int(st, 0);
	store_finish(st);
	return n;
}

/* The step-up itself is core_stepup.c's, shared with the account actions. */
int core_concern_step_up_fresh(struct store *s, const char *token_hash)
{
	return core_stepup_fresh(s, token_hash, CONCERN_STEP_UP_IDLE_S);
}

int core_concern_step_up(struct store *s, const struct actor *who, const char *token_hash,
                         const char *password, struct op_error *e)
{
	return core_stepup_give(s, who, token_hash, password, "concern.step_up", "concern", e);
}

/* ---- the demo ---- */

static const char *staff_name_of(struct store *s, int64_t setting_id, const char *code,
                                 struct arena *a)
{
	int64_t id = core_find_id(s, STMT_STAFF_BY_CODE, setting_id, code);
	struct store_stmt *st = store_stmt(s, STMT_STAFF_GET);
	const char *name = code;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, id);
	if (store_step(st) == STORE_ROW)
		name = arena_strdup(a, store_col_text(st, 2));
	store_finish(st);
	return name;
}

int core_concern_demo(struct store *s, const struct actor *who, int day, struct op_error *e)
{
	struct setting set;
	struct store_stmt *st;
	struct arena a;
	int64_t child = 0, concern, at;
	int rc, ret = -1;
	arena_init(&a);
	st = store_stmt(s, STMT_RATIO_CHILDREN); /* by id: the first child of the demo */
	store_bind_int(st, 1, who->setting_id);
	if (store_step(st) == STORE_ROW)
		child = store_col_int(st, 0);
	store_finish(st);
	if (!child) {
		ret = 0;
		goto out;
	}
	if (core_setting_get(s, who->setting_id, &set, e) != 0)
		goto out;
	at = date_instant(day - 3, 8 * 60 + 20, set.time_zone);
	st = store_stmt(s, STMT_CONCERN_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, child);
	store_bind_null(st, 3);
	store_bind_text(st, 4, staff_name_of(s, who->setting_id, "S04", &a));
	store_bind_int(st, 5, at);
	store_bind_text(st, 6,
	                "At drop-off a fingertip-sized bruise on the outside of the right upper "
	                "arm, yellowing. He flinched when I helped him with his coat.");
	store_bind_text(st, 7, "I banged it");
	store_bind_text(st, 8, "right_arm");
	store_bind_int(st, 9, at + 25 * 60);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "adding the demo concern");
		goto out;
	}
	concern = store_last_id(s);
	if (audit_write(s, who, "concern.report", "concern", concern, child, "concern received",
	                e) != 0)
		goto out;
	st = store_stmt(s, STMT_CONCERN_ADDENDUM_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, concern);
	store_bind_text(st, 3, "action");
	store_bind_text(st, 4, "");
	store_bind_text(st, 5,
	                "Spoke to mum at collection: he fell at soft play on Saturday. Consistent "
	                "with the mark; no further action, keep an eye on it.");
	store_bind_null(st, 6);
	store_bind_text(st, 7, staff_name_of(s, who->setting_id, "S02", &a));
	store_bind_int(st, 8, at + 9 * 60 * 60);
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "adding the demo concern");
		goto out;
	}
	ret = audit_write(s, who, "concern.addendum", "concern_addendum", store_last_id(s), child,
	                  "action", e);
out:
	arena_free(&a);
	return ret;
}
