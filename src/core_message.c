/*
 * core_message.c — the message book and handover of core_message.h: adding
 * a message (validated with the field tables of valid.h), the day's
 * messages with the evening's of the day before, handing over a key
 * person's messages to another member of staff, acknowledging, and the
 * handovers still waiting.
 */
#include "core_message.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "valid.h"

static const char *const source_choices[] = {"staff", "parent", NULL};
static const struct field_spec text_spec = {"text", F_TEXT, 1, 0, MESSAGE_TEXT_MAX, NULL};
static const struct field_spec source_spec = {"source", F_ENUM, 0, 0, 0, source_choices};

int core_message_add(struct store *s, const struct actor *who, const struct message_new *in,
                     int64_t *id, struct op_error *e)
{
	struct field_value text, source;
	struct store_stmt *st;
	struct arena a;
	char why[200], date[DATE_LEN];
	int rc, ret = -1, targets;

	arena_init(&a);
	targets = (in->child_id > 0) + (in->room_id > 0) + (in->key_person_id > 0);
	if (targets != 1) {
		op_fail(e, OP_INVALID, "for",
		        "choose one: a child, a room or a key group the message is for");
		goto out;
	}
	if (valid_field(&text_spec, in->text ? in->text : "", &text, &a, why, sizeof why) != 0 ||
	    !text.present || !*text.s) {
		op_fail(e, OP_INVALID, "text", "write the message (up to %d characters)%s%s",
		        MESSAGE_TEXT_MAX, text.present ? ": " : "", text.present ? why : "");
		goto out;
	}
	if (valid_field(&source_spec, in->source ? in->source : "", &source, &a, why, sizeof why) !=
	    0) {
		op_fail(e, OP_INVALID, "source", "is staff or parent");
		goto out;
	}
	date_format(in->day, date);
	st = store_stmt(s, STMT_MESSAGE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_id(st, 2, in->child_id);
	store_bind_id(st, 3, in->room_id);
	store_bind_id(st, 4, in->key_person_id);
	store_bind_text(st, 5, date);
	store_bind_text(st, 6, source.present ? source.s : "staff");
	store_bind_id(st, 7, who->user_id);
	store_bind_text(st, 8, in->author ? in->author : (who->name ? who->name : ""));
	store_bind_text(st, 9, text.s);
	store_bind_int(st, 10, time_now());
	if ((rc = store_run(st)) != STORE_OK) {
		op_store_fail(e, s, rc, "adding the message");
		goto out;
	}
	*id = store_last_id(s);
	ret = audit_write(s, who, "message.add", "handover_message", *id, in->child_id,
	                  arena_printf(&a, "for %s; %s%" PRId64 "; source %s", date,
	                               in->child_id  ? "child "
	                               : in->room_id ? "room "
	                                             : "key group of staff ",
	                               in->child_id  ? in->child_id
	                               : in->room_id ? in->room_id
	                                             : in->key_person_id,
	                               source.present ? source.s : "staff"),
	                  e);
out:
	arena_free(&a);
	return ret;
}

int core_message_day(struct store *s, int64_t setting_id, int day, const char *tz, struct arena *a,
                     struct message **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MESSAGE_DAY);
	char date[DATE_LEN], before[DATE_LEN];
	size_t cap = 16;
	struct message *m = arena_alloc(a, cap * sizeof *m);
	int rc;
	*out = NULL;
	*n = 0;
	date_format(day, date);
	date_format(day - 1, before);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, date);
	store_bind_text(st, 3, before);
	store_bind_int(st, 4, date_instant(day - 1, MESSAGE_EVENING_MIN, tz));
	while ((rc = store_step(st)) == STORE_ROW) {
		struct message *x;
		if (*n == cap) {
			struct message *grown = arena_alloc(a, 2 * cap * sizeof *m);
			memcpy(grown, m, cap * sizeof *m);
			m = grown;
			cap *= 2;
		}
		x = &m[(*n)++];
		x->id = store_col_int(st, 0);
		x->child_id = store_col_int(st, 1);
		x->room_id = store_col_int(st, 2);
		x->key_person_id = store_col_int(st, 3);
		x->for_date = arena_strdup(a, store_col_text(st, 4));
		x->source = arena_strdup(a, store_col_text(st, 5));
		x->author = arena_strdup(a, store_col_text(st, 6));
		x->text = arena_strdup(a, store_col_text(st, 7));
		x->created_at = store_col_int(st, 8);
		x->child = arena_strdup(a, store_col_text(st, 9));
		x->room = arena_strdup(a, store_col_text(st, 10));
		x->key_person = arena_strdup(a, store_col_text(st, 11));
		x->in_room = store_col_int(st, 12);
		x->evening = strcmp(x->for_date, date) != 0;
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the message book");
	*out = m;
	return 0;
}

int core_message_handover(struct store *s, const struct actor *who, int64_t from_staff,
                          int64_t to_staff, int day, const char *tz, size_t *count,
                          struct op_error *e)
{
	struct store_stmt *st;
	char date[DATE_LEN], before[DATE_LEN];
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc, ret = -1;

	*count = 0;
	if (from_staff <= 0)
		return op_fail(e, OP_FORBIDDEN, "", "only a member of staff hands over messages");
	if (to_staff <= 0)
		return op_fail(e, OP_INVALID, "to", "choose who you hand over to");
	if (to_staff == from_staff)
		return op_fail(e, OP_INVALID, "to",
		               "hand over to someone else: the buddy or the "
		               "next person in");
	st = store_stmt(s, STMT_REGISTER_STAFF_INFO);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, to_staff);
	rc = store_step(st);
	store_finish(st);
	if (rc == STORE_DONE)
		return op_fail(e, OP_INVALID, "to", "there is no such member of staff");
	if (rc != STORE_ROW)
		return op_store_fail(e, s, rc, "reading the member of staff");
	date_format(day, date);
	date_format(day - 1, before);
	st = store_stmt(s, STMT_MESSAGE_HANDOVER_ITEMS);
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, date);
	store_bind_text(st, 3, before);
	store_bind_int(st, 4, date_instant(day - 1, MESSAGE_EVENING_MIN, tz));
	store_bind_int(st, 5, from_staff);
	store_bind_int(st, 6, from_staff);
	store_bind_text(st, 7, date);
	store_bind_text(st, 8, date);
	store_bind_int(st, 9, to_staff);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = store_col_int(st, 0);
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the messages to hand over");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		st = store_stmt(s, STMT_MESSAGE_ACK_PENDING);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, ids[i]);
		store_bind_int(st, 3, to_staff);
		if ((rc = store_run(st)) != STORE_OK) {
			op_store_fail(e, s, rc, "handing over");
			goto out;
		}
		{
			char detail[128];
			snprintf(detail, sizeof detail,
			         "handed over by staff %" PRId64 " to staff %" PRId64, from_staff,
			         to_staff);
			if (audit_write(s, who, "message.handover", "handover_message", ids[i], 0,
			                detail, e) != 0)
				goto out;
		}
	}
	*count = n;
	ret = 0;
out:
	free(ids);
	return ret;
}

int core_message_ack(struct store *s, const struct actor *who, int64_t message_id, int64_t staff_id,
                     struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MESSAGE_ACK_GET);
	int64_t at = 0, child = 0;
	int rc;
	char detail[96];
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, message_id);
	store_bind_int(st, 3, staff_id);
	rc = store_step(st);
	if (rc == STORE_ROW) {
		at = store_col_int(st, 0);
		child = store_col_int(st, 1);
	}
	store_finish(st);
	if (rc == STORE_DONE)
		return op_fail(e, OP_NOT_FOUND, "message",
		               "no message %" PRId64 " was handed over to you", message_id);
	if (rc != STORE_ROW)
		return op_store_fail(e, s, rc, "reading the handover");
	if (at != 0)
		return op_fail(e, OP_CONFLICT, "message",
		               "you have acknowledged this message already");
	st = store_stmt(s, STMT_MESSAGE_ACK);
	store_bind_int(st, 1, time_now());
	store_bind_int(st, 2, who->setting_id);
	store_bind_int(st, 3, message_id);
	store_bind_int(st, 4, staff_id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "acknowledging");
	snprintf(detail, sizeof detail, "acknowledged by staff %" PRId64, staff_id);
	return audit_write(s, who, "message.ack", "handover_message", message_id, child, detail, e);
}

int core_message_pending(struct store *s, int64_t setting_id, int64_t staff_id, struct arena *a,
                         struct message_pending **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_MESSAGE_PENDING);
	size_t cap = 16;
	struct message_pending *m = arena_alloc(a, cap * sizeof *m);
	int rc;
	*out = NULL;
	*n = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, staff_id);
	store_bind_int(st, 3, staff_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct message_pending *x;
		if (*n == cap) {
			struct message_pending *grown = arena_alloc(a, 2 * cap * sizeof *m);
			memcpy(grown, m, cap * sizeof *m);
			m = grown;
			cap *= 2;
		}
		x = &m[(*n)++];
		x->message_id = store_col_int(st, 0);
		x->child_id = store_col_int(st, 1);
		x->for_date = arena_strdup(a, store_col_text(st, 2));
		x->text = arena_strdup(a, store_col_text(st, 3));
		x->created_at = store_col_int(st, 4);
		x->staff_id = store_col_int(st, 5);
		x->staff = arena_strdup(a, store_col_text(st, 6));
		x->child = arena_strdup(a, store_col_text(st, 7));
		x->room = arena_strdup(a, store_col_text(st, 8));
		x->key_person = arena_strdup(a, store_col_text(st, 9));
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return op_store_fail(e, s, rc, "reading the handovers");
	*out = m;
	return 0;
}
