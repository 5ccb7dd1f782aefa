/*
 * authz.c — the decisions of authz.h. Each is a short rule reading the
 * database through the request's connection, always scoped to the
 * signed-in person's setting. The table of who may do what to a child is
 * below; anything not granted there is refused.
 */
#include "authz.h"

#include <string.h>

#include "date.h"

int authz_has(const struct me *me, enum role r)
{
	return me->signed_in && (me->roles & R(r)) != 0;
}

int authz_route(const struct me *me, unsigned roles)
{
	if (!me->signed_in)
		return 0;
	return roles == 0 || (me->roles & roles) != 0;
}

int authz_concern_read(const struct me *me)
{
	return authz_has(me, ROLE_DSL);
}

/* Is the member of staff the child's key person or buddy today? */
static int is_key_or_buddy(struct web *w, int64_t staff_id, int64_t child_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_KEY_ON_CHILD);
	char today[DATE_LEN];
	int yes = 0;
	date_format(date_today(w->setting.time_zone), today);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, today);
	store_bind_text(st, 4, today);
	if (store_step(st) == STORE_ROW)
		yes = store_col_int(st, 0) == staff_id || store_col_int(st, 1) == staff_id;
	store_finish(st);
	return yes;
}

static int works_in_room(struct web *w, int64_t staff_id, int64_t room_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_AUTHZ_STAFF_IN_ROOM);
	int yes;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, staff_id);
	store_bind_int(st, 3, room_id);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

/* A parent's own family, unless a restriction says they get nothing. */
static int parent_of(struct web *w, int64_t family_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_AUTHZ_CONTACT);
	int yes = 0;
	if (!w->me.contact_id)
		return 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	if (store_step(st) == STORE_ROW)
		/* a court order restricting information or contact shuts them out;
		 * one that only stops them collecting does not */
		yes = store_col_int(st, 0) == family_id && family_id != 0 &&
		      strcmp(store_col_text(st, 1), "no_information") != 0 &&
		      strcmp(store_col_text(st, 1), "no_contact") != 0;
	store_finish(st);
	return yes;
}

int authz_child(struct web *w, int64_t child_id, enum child_access what)
{
	struct store_stmt *st;
	int64_t room = 0, family = 0;
	int found;
	const struct me *me = &w->me;

	if (!me->signed_in || child_id <= 0 || (unsigned)what >= CHILD_ACCESS__MAX)
		return 0;
	st = store_stmt(w->s, STMT_AUTHZ_CHILD);
	store_bind_int(st, 1, me->setting_id);
	store_bind_int(st, 2, child_id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		room = store_col_int(st, 0);
		family = store_col_int(st, 1);
	}
	store_finish(st);
	if (!found)
		return 0;

	switch (what) {
	case CHILD_PORTAL:
		return authz_has(me, ROLE_PARENT) && parent_of(w, family);
	case CHILD_ENROL:
		return authz_has(me, ROLE_MANAGER);
	case CHILD_BASIC:
		if (authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_SENCO) ||
		    authz_has(me, ROLE_DSL))
			return 1;
		return authz_has(me, ROLE_PRACTITIONER) && me->staff_id &&
		       (works_in_room(w, me->staff_id, room) ||
		        is_key_or_buddy(w, me->staff_id, child_id));
	case CHILD_RECORDS:
	case CHILD_WRITE:
		if (authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_SENCO))
			return 1;
		return authz_has(me, ROLE_PRACTITIONER) && me->staff_id &&
		       is_key_or_buddy(w, me->staff_id, child_id);
	case CHILD_ACCESS__MAX:
		break;
	}
	return 0;
}

/* ---- user administration (page_setup_users.c): the rules of authz.h ---- */

int authz_user_grant(const struct me *me, unsigned roles)
{
	if (!authz_has(me, ROLE_ADMIN) && !authz_has(me, ROLE_MANAGER))
		return 0;
	if ((roles & R(ROLE_ADMIN)) && !authz_has(me, ROLE_ADMIN))
		return 0;
	if ((roles & R(ROLE_DSL)) && !authz_has(me, ROLE_ADMIN) && !authz_has(me, ROLE_DSL))
		return 0;
	return 1;
}

int authz_user_change(const struct me *me, int64_t user_id, unsigned roles)
{
	return user_id != me->user_id && authz_user_grant(me, roles);
}

/* ---- the day: register, ratios, message book (the rules of authz.h) ---- */

static int day_manager_like(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_SENCO) || authz_has(me, ROLE_DSL);
}

static int on_staff(const struct me *me)
{
	return me->signed_in && (me->roles & ROLES_STAFF) != 0;
}

int authz_register_child(struct web *w, int64_t child_id)
{
	struct store_stmt *st;
	int64_t room = 0;
	int found;
	if (!on_staff(&w->me) || child_id <= 0)
		return 0;
	st = store_stmt(w->s, STMT_AUTHZ_CHILD);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	found = store_step(st) == STORE_ROW;
	if (found)
		room = store_col_int(st, 0);
	store_finish(st);
	if (!found)
		return 0;
	if (authz_has(&w->me, ROLE_MANAGER))
		return 1;
	return w->me.staff_id && (works_in_room(w, w->me.staff_id, room) ||
	                          is_key_or_buddy(w, w->me.staff_id, child_id));
}

int authz_register_correct(struct web *w, int64_t recorded_by_user_id)
{
	if (!on_staff(&w->me))
		return 0;
	return authz_has(&w->me, ROLE_MANAGER) ||
	       (recorded_by_user_id != 0 && recorded_by_user_id == w->me.user_id);
}

int authz_register_staff(struct web *w, int64_t staff_id)
{
	if (!on_staff(&w->me) || staff_id <= 0)
		return 0;
	return authz_has(&w->me, ROLE_MANAGER) || (w->me.staff_id && w->me.staff_id == staff_id);
}

int authz_register_followup(struct web *w, int64_t child_id)
{
	struct store_stmt *st;
	int64_t room = 0;
	int found;
	if (!on_staff(&w->me) || child_id <= 0)
		return 0;
	st = store_stmt(w->s, STMT_AUTHZ_CHILD);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	found = store_step(st) == STORE_ROW;
	if (found)
		room = store_col_int(st, 0);
	store_finish(st);
	if (!found)
		return 0;
	if (authz_has(&w->me, ROLE_MANAGER) || authz_has(&w->me, ROLE_DSL))
		return 1;
	return w->me.staff_id && works_in_room(w, w->me.staff_id, room);
}

int authz_ratio_room(struct web *w, int64_t room_id)
{
	if (!on_staff(&w->me))
		return 0;
	if (day_manager_like(&w->me))
		return 1;
	return w->me.staff_id && room_id > 0 && works_in_room(w, w->me.staff_id, room_id);
}

int authz_ratio_setting(const struct me *me)
{
	return day_manager_like(me);
}

int authz_message_room(struct web *w, int64_t room_id)
{
	return authz_ratio_room(w, room_id);
}

int authz_collection_password_read(const struct me *me)
{
	(void)me;
	return 0;
}

/* ---- the key person's records with the family (the rules of authz.h) ---- */

int authz_diary_write(struct web *w, int64_t child_id)
{
	struct store_stmt *st;
	int64_t room = 0;
	int found;
	if (authz_child(w, child_id, CHILD_WRITE))
		return 1;
	if (!authz_has(&w->me, ROLE_PRACTITIONER) || !w->me.staff_id || child_id <= 0)
		return 0;
	st = store_stmt(w->s, STMT_AUTHZ_CHILD);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	found = store_step(st) == STORE_ROW;
	if (found)
		room = store_col_int(st, 0);
	store_finish(st);
	return found && works_in_room(w, w->me.staff_id, room);
}

int authz_records_overview(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_SENCO);
}

int authz_transfer(struct web *w, int64_t child_id)
{
	return authz_records_overview(&w->me) && authz_child(w, child_id, CHILD_RECORDS);
}

/* ---- SEN, behaviour and staff supervision (the rules of authz.h) ---- */

int authz_sen_read(struct web *w, int64_t child_id)
{
	/* CHILD_RECORDS: manager, SENCo, the key person and buddy */
	return authz_child(w, child_id, CHILD_RECORDS);
}

int authz_sen_write(struct web *w, int64_t child_id)
{
	return authz_has(&w->me, ROLE_SENCO) && authz_child(w, child_id, CHILD_RECORDS);
}

int authz_sen_family(struct web *w, int64_t child_id)
{
	return authz_child(w, child_id, CHILD_PORTAL);
}

int authz_behaviour_incident(struct web *w, int64_t child_id)
{
	return authz_sen_write(w, child_id) || authz_diary_write(w, child_id);
}

int authz_sen_overview(const struct me *me)
{
	return authz_has(me, ROLE_SENCO) || authz_has(me, ROLE_MANAGER);
}

int authz_supervision_read(const struct me *me, int64_t staff_id)
{
	if (!on_staff(me) || staff_id <= 0)
		return 0;
	return authz_has(me, ROLE_MANAGER) || (me->staff_id && me->staff_id == staff_id);
}

int authz_supervision_write(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}
