/*
 * authz.c — the decisions of authz.h. Each is a short rule reading the
 * database through the request's connection, always scoped to the
 * signed-in person's setting. The table of who may do what to a child is
 * below; anything not granted there is refused.
 */
#include "authz.h"

#include <string.h>

#include "arena.h"
#include "date.h"
#include "util.h"

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

struct child_place {
	int64_t id, room, family;
};

static int by_place_id(const void *a, const void *b)
{
	int64_t x = ((const struct child_place *)a)->id, y = ((const struct child_place *)b)->id;
	return (x > y) - (x < y);
}

/* Every child of the signed-in setting into the request's memo; 0, or -1
 * (the memo stays empty and each question goes to the database). */
static int load_places(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_AUTHZ_CHILDREN);
	struct child_place *places = NULL;
	size_t n = 0, cap = 0;
	int rc;
	store_bind_int(st, 1, w->me.setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct child_place *p = ARENA_PUSH(w->a, places, n, cap);
		p->id = store_col_int(st, 0);
		p->room = store_col_int(st, 1);
		p->family = store_col_int(st, 2);
	}
	store_finish(st);
	if (rc != STORE_DONE)
		return -1;
	w->memo.places = places;
	w->memo.nplaces = n;
	return 0;
}

/* Whether the child is in the signed-in setting, with its room and family.
 * A request asking about more than one child (a list checking each) reads
 * the setting's children once, on the second question. Handlers decide
 * access before they write, so what the memo holds is what they ask about. */
static int child_place(struct web *w, int64_t child_id, int64_t *room, int64_t *family)
{
	struct store_stmt *st;
	int found;
	if (w->memo.child_lookups++ == 1)
		(void)load_places(w);
	if (w->memo.places) {
		struct child_place key = {.id = child_id};
		const struct child_place *p =
		    find_n(&key, w->memo.places, w->memo.nplaces, sizeof key, by_place_id);
		if (p) {
			*room = p->room;
			*family = p->family;
		}
		return p != NULL;
	}
	st = store_stmt(w->s, STMT_AUTHZ_CHILD);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		*room = store_col_int(st, 0);
		*family = store_col_int(st, 1);
	}
	store_finish(st);
	return found;
}

int authz_child(struct web *w, int64_t child_id, enum child_access what)
{
	int64_t room = 0, family = 0;
	const struct me *me = &w->me;

	if (!me->signed_in || child_id <= 0 || (unsigned)what >= CHILD_ACCESS__MAX)
		return 0;
	if (!child_place(w, child_id, &room, &family))
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
	int64_t room = 0, family = 0;
	if (!on_staff(&w->me) || child_id <= 0)
		return 0;
	if (!child_place(w, child_id, &room, &family))
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
	int64_t room = 0, family = 0;
	if (!on_staff(&w->me) || child_id <= 0)
		return 0;
	if (!child_place(w, child_id, &room, &family))
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
	int64_t room = 0, family = 0;
	if (authz_child(w, child_id, CHILD_WRITE))
		return 1;
	if (!authz_has(&w->me, ROLE_PRACTITIONER) || !w->me.staff_id || child_id <= 0)
		return 0;
	return child_place(w, child_id, &room, &family) && works_in_room(w, w->me.staff_id, room);
}

int authz_records_overview(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_SENCO);
}

int authz_transfer(struct web *w, int64_t child_id)
{
	return authz_records_overview(&w->me) && authz_child(w, child_id, CHILD_RECORDS);
}

/* ---- the parent portal (the rules of authz.h) ---- */

static void today_text(struct web *w, char d[DATE_LEN])
{
	date_format(date_today(w->setting.time_zone), d);
}

static int staff_in_today(struct web *w, int64_t staff_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_STAFF_IN_ON);
	char d[DATE_LEN];
	int yes;
	today_text(w, d);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, staff_id);
	store_bind_text(st, 3, d);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

/* The key person and buddy of child_id today (0 when none). */
static void key_and_buddy(struct web *w, int64_t child_id, int64_t *key, int64_t *buddy)
{
	struct store_stmt *st = store_stmt(w->s, STMT_KEY_ON_CHILD);
	char d[DATE_LEN];
	today_text(w, d);
	*key = *buddy = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, d);
	store_bind_text(st, 4, d);
	if (store_step(st) == STORE_ROW) {
		*key = store_col_int(st, 0);
		*buddy = store_col_int(st, 1);
	}
	store_finish(st);
}

int authz_portal_key_away(struct web *w, int64_t child_id)
{
	int64_t key, buddy;
	key_and_buddy(w, child_id, &key, &buddy);
	return key && !staff_in_today(w, key);
}

int authz_portal_thread_staff(struct web *w, int64_t child_id)
{
	int64_t key, buddy;
	if (!on_staff(&w->me) || child_id <= 0 || !authz_child(w, child_id, CHILD_BASIC))
		return 0; /* also: the child is of this setting */
	if (authz_has(&w->me, ROLE_MANAGER))
		return 1;
	if (!w->me.staff_id)
		return 0;
	key_and_buddy(w, child_id, &key, &buddy);
	if (key == w->me.staff_id)
		return 1;
	return buddy == w->me.staff_id && !staff_in_today(w, key);
}

int authz_portal_thread(struct web *w, int64_t child_id)
{
	if (authz_child(w, child_id, CHILD_PORTAL))
		return 1;
	return authz_portal_thread_staff(w, child_id);
}

int64_t authz_portal_observation(struct web *w, int64_t observation_id)
{
	struct store_stmt *st;
	int64_t mine = 0, *kids = NULL;
	size_t n = 0;
	int shared = 0;
	if (!authz_has(&w->me, ROLE_PARENT) || observation_id <= 0)
		return 0;
	st = store_stmt(w->s, STMT_PORTAL_OBSERVATION);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, observation_id);
	if (store_step(st) == STORE_ROW)
		shared = (int)store_col_int(st, 7);
	store_finish(st);
	if (!shared)
		return 0;
	st = store_stmt(w->s, STMT_PORTAL_OBS_CHILDREN);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, observation_id);
	kids = arena_alloc(w->a, 64 * sizeof *kids);
	while (store_step(st) == STORE_ROW && n < 64)
		kids[n++] = store_col_int(st, 0);
	store_finish(st);
	for (size_t i = 0; i < n && !mine; i++)
		if (authz_child(w, kids[i], CHILD_PORTAL))
			mine = kids[i];
	return mine;
}

int authz_portal_staff_photo(struct web *w, int64_t staff_id)
{
	struct store_stmt *st;
	char d[DATE_LEN];
	int yes;
	if (on_staff(&w->me))
		return 1;
	if (!authz_has(&w->me, ROLE_PARENT) || !w->me.contact_id || staff_id <= 0)
		return 0;
	today_text(w, d);
	st = store_stmt(w->s, STMT_PORTAL_STAFF_OF_FAMILY);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	store_bind_int(st, 3, staff_id);
	store_bind_int(st, 4, staff_id);
	store_bind_text(st, 5, d);
	store_bind_text(st, 6, d);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	/* a restricted parent learns nothing about who looks after the child */
	if (yes) {
		int64_t family = 0;
		st = store_stmt(w->s, STMT_AUTHZ_CONTACT);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, w->me.contact_id);
		if (store_step(st) == STORE_ROW)
			family = store_col_int(st, 0);
		store_finish(st);
		yes = parent_of(w, family);
	}
	return yes;
}

int64_t authz_portal_own_contact(const struct me *me)
{
	return authz_has(me, ROLE_PARENT) ? me->contact_id : 0;
}

int authz_portal_contact_change(struct web *w, int64_t contact_id)
{
	if (authz_portal_contact_decide(&w->me))
		return 1;
	return contact_id > 0 && authz_portal_own_contact(&w->me) == contact_id;
}

int authz_portal_contact_decide(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

/* ---- observations, coverage, all about me, planning (the rules of authz.h) ---- */

#define OBS_AUTHZ_CHILDREN_MAX 64

/* The observation's children (at most max) and whether it is shared; -1 when
 * there is no such observation in the person's setting. */
static int obs_children(struct web *w, int64_t obs_id, int64_t *ids, size_t max, size_t *n,
                        int *shared)
{
	struct store_stmt *st = store_stmt(w->s, STMT_OBS_AUTHZ_SHARED);
	int found;
	*n = 0;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, obs_id);
	found = store_step(st) == STORE_ROW;
	if (found)
		*shared = (int)store_col_int(st, 0);
	store_finish(st);
	if (!found)
		return -1;
	st = store_stmt(w->s, STMT_OBS_AUTHZ_CHILDREN);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, obs_id);
	while (store_step(st) == STORE_ROW && *n < max)
		ids[(*n)++] = store_col_int(st, 0);
	store_finish(st);
	return 0;
}

/* Has the child's family given the consent kind, not withdrawn by today? */
static int consent_in_force(struct web *w, int64_t child_id, const char *kind)
{
	struct store_stmt *st = store_stmt(w->s, STMT_OBS_AUTHZ_CONSENT);
	char today[DATE_LEN];
	int yes = 0;
	date_format(date_today(w->setting.time_zone), today);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	store_bind_text(st, 3, kind);
	store_bind_text(st, 4, today);
	if (store_step(st) == STORE_ROW)
		yes = store_col_int(st, 0) == 1 &&
		      (!*store_col_text(st, 1) || strcmp(store_col_text(st, 1), today) > 0);
	store_finish(st);
	return yes;
}

int authz_observation_write(struct web *w, int64_t child_id)
{
	return authz_child(w, child_id, CHILD_WRITE);
}

static int obs_staff_reads(struct web *w, const int64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (authz_child(w, ids[i], CHILD_RECORDS))
			return 1;
	return 0;
}

static int obs_parent_reads(struct web *w, const int64_t *ids, size_t n, int shared)
{
	if (!shared || !authz_has(&w->me, ROLE_PARENT))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (authz_child(w, ids[i], CHILD_PORTAL))
			return 1;
	return 0;
}

int authz_observation_read(struct web *w, int64_t observation_id)
{
	int64_t ids[OBS_AUTHZ_CHILDREN_MAX];
	size_t n;
	int shared = 0;
	if (!w->me.signed_in || obs_children(w, observation_id, ids, ARRAY_LEN(ids), &n, &shared))
		return 0;
	return obs_staff_reads(w, ids, n) || obs_parent_reads(w, ids, n, shared);
}

static int cached_child(struct web *w, struct authz_obs_cache *c, int64_t child_id)
{
	int may;
	for (size_t i = 0; i < c->n; i++)
		if (c->child[i] == child_id)
			return c->may[i];
	may = authz_child(w, child_id, CHILD_RECORDS) |
	      (authz_has(&w->me, ROLE_PARENT) ? authz_child(w, child_id, CHILD_PORTAL) << 1 : 0);
	if (c->n < AUTHZ_OBS_CACHE) {
		c->child[c->n] = child_id;
		c->may[c->n++] = (signed char)may;
	}
	return may;
}

int authz_observation_read_cached(struct web *w, struct authz_obs_cache *c, int64_t observation_id)
{
	int64_t ids[OBS_AUTHZ_CHILDREN_MAX];
	size_t n;
	int shared = 0;
	if (!w->me.signed_in || obs_children(w, observation_id, ids, ARRAY_LEN(ids), &n, &shared))
		return 0;
	for (size_t i = 0; i < n; i++) {
		int may = cached_child(w, c, ids[i]);
		if ((may & 1) || (shared && (may & 2)))
			return 1;
	}
	return 0;
}

int authz_observation_photo(struct web *w, int64_t observation_id)
{
	int64_t ids[OBS_AUTHZ_CHILDREN_MAX];
	size_t n;
	int shared = 0;
	if (!w->me.signed_in || obs_children(w, observation_id, ids, ARRAY_LEN(ids), &n, &shared))
		return 0;
	if (obs_staff_reads(w, ids, n))
		return 1;
	if (!obs_parent_reads(w, ids, n, shared))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!authz_child(w, ids[i], CHILD_PORTAL) &&
		    !consent_in_force(w, ids[i], "photos_shared_with_others"))
			return 0;
	return 1;
}

int authz_observation_name_visible(struct web *w, int64_t observation_id, int64_t child_id)
{
	int64_t ids[OBS_AUTHZ_CHILDREN_MAX];
	size_t n;
	int shared = 0, in = 0;
	if (!w->me.signed_in || obs_children(w, observation_id, ids, ARRAY_LEN(ids), &n, &shared))
		return 0;
	for (size_t i = 0; i < n; i++)
		in |= ids[i] == child_id;
	if (!in)
		return 0;
	if (obs_staff_reads(w, ids, n))
		return 1;
	if (!obs_parent_reads(w, ids, n, shared))
		return 0;
	return authz_child(w, child_id, CHILD_PORTAL) ||
	       consent_in_force(w, child_id, "photos_shared_with_others");
}

int authz_observation_routines(struct web *w, int64_t child_id)
{
	return authz_child(w, child_id, CHILD_BASIC);
}

int authz_observation_group(struct web *w, int64_t key_staff_id)
{
	struct store_stmt *st;
	char today[DATE_LEN];
	int yes;
	if (!on_staff(&w->me) || key_staff_id <= 0)
		return 0;
	if (authz_has(&w->me, ROLE_MANAGER) || authz_has(&w->me, ROLE_SENCO))
		return 1;
	if (!authz_has(&w->me, ROLE_PRACTITIONER) || !w->me.staff_id)
		return 0;
	if (w->me.staff_id == key_staff_id)
		return 1;
	date_format(date_today(w->setting.time_zone), today);
	st = store_stmt(w->s, STMT_OBS_AUTHZ_BUDDY_OF);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, key_staff_id);
	store_bind_int(st, 3, w->me.staff_id);
	store_bind_text(st, 4, today);
	store_bind_text(st, 5, today);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

int authz_observation_coverage_all(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_SENCO);
}

int authz_observation_coverage_staff(struct web *w, int64_t staff_id)
{
	if (authz_observation_coverage_all(&w->me))
		return staff_id > 0;
	return authz_has(&w->me, ROLE_PRACTITIONER) && w->me.staff_id && w->me.staff_id == staff_id;
}

/* ---- safeguarding concerns and the audit page (issue 8) ---- */

int authz_concern_report(struct web *w, int64_t child_id)
{
	return on_staff(&w->me) && authz_child(w, child_id, CHILD_BASIC);
}

int authz_audit_page(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_DSL) || authz_has(me, ROLE_ADMIN);
}

int authz_audit_safeguarding(const struct me *me)
{
	return authz_concern_read(me);
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

/* ---- medicines (the rules of authz.h) ---- */

int authz_medicine_staff(struct web *w, int64_t child_id)
{
	return on_staff(&w->me) && authz_child(w, child_id, CHILD_BASIC);
}

int authz_medicine_family(struct web *w, int64_t child_id)
{
	return authz_child(w, child_id, CHILD_PORTAL);
}

int authz_medicine_room(struct web *w, int64_t room_id)
{
	return authz_ratio_room(w, room_id);
}

/* ---- accidents, incidents and injuries on arrival (the rules of authz.h) ---- */

int authz_accident_record(struct web *w, int64_t child_id)
{
	return on_staff(&w->me) && authz_child(w, child_id, CHILD_BASIC);
}

int authz_accident_read(struct web *w, int64_t child_id)
{
	return on_staff(&w->me) && authz_child(w, child_id, CHILD_BASIC);
}

int authz_accident_overview(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_DSL);
}

int authz_accident_notify(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

int authz_accident_patterns(const struct me *me)
{
	return authz_has(me, ROLE_DSL);
}

int authz_accident_family(struct web *w, int64_t child_id)
{
	return authz_child(w, child_id, CHILD_PORTAL);
}

/* ---- contracts, funded hours and parental feedback (the rules of authz.h) ---- */

int authz_contract_manage(struct web *w, int64_t child_id)
{
	return authz_has(&w->me, ROLE_MANAGER) && authz_child(w, child_id, CHILD_ENROL);
}

int authz_contract_family(struct web *w, int64_t child_id)
{
	return authz_child(w, child_id, CHILD_PORTAL);
}

int authz_contract_overview(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

int64_t authz_feedback_family(struct web *w)
{
	struct store_stmt *st;
	int64_t contact = authz_portal_own_contact(&w->me), family = 0;
	if (!contact)
		return 0;
	st = store_stmt(w->s, STMT_CONTRACT_CONTACT_FAMILY);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, contact);
	if (store_step(st) == STORE_ROW)
		family = store_col_int(st, 0);
	store_finish(st);
	return family;
}

int authz_feedback_summary(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

/* ---- welfare patterns and allegations against staff (the rules of authz.h) ---- */

int authz_welfare_absence(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_DSL);
}

int authz_welfare_development(const struct me *me)
{
	return authz_has(me, ROLE_SENCO);
}

int authz_welfare_rules(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

int authz_allegation(struct web *w, int64_t allegation_id)
{
	struct store_stmt *st;
	int64_t staff = 0;
	if (!authz_has(&w->me, ROLE_MANAGER) && !authz_has(&w->me, ROLE_DSL))
		return 0;
	if (allegation_id == 0)
		return 1;
	st = store_stmt(w->s, STMT_ALLEGATION_STAFF_OF);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, allegation_id);
	if (store_step(st) == STORE_ROW)
		staff = store_col_int(st, 0);
	store_finish(st);
	return staff != 0 && staff != w->me.staff_id;
}

int authz_audit_allegations(struct web *w)
{
	struct store_stmt *st;
	int about_me = 0;
	if (!authz_allegation(w, 0))
		return 0;
	if (w->me.staff_id) {
		st = store_stmt(w->s, STMT_ALLEGATION_ABOUT);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, w->me.staff_id);
		about_me = store_step(st) == STORE_ROW;
		store_finish(st);
	}
	return !about_me;
}

/* ---- menus and family details (the rules of authz.h, issue 9) ---- */

int authz_menu_edit(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

int authz_menu_week(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

int64_t authz_family_own(struct web *w)
{
	struct store_stmt *st;
	int64_t family = 0;
	if (!authz_has(&w->me, ROLE_PARENT) || !w->me.contact_id)
		return 0;
	st = store_stmt(w->s, STMT_AUTHZ_CONTACT);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	if (store_step(st) == STORE_ROW)
		family = store_col_int(st, 0);
	store_finish(st);
	return family && parent_of(w, family) ? family : 0;
}

int authz_family_emergency(struct web *w, int64_t contact_id)
{
	struct store_stmt *st;
	int64_t family = authz_family_own(w);
	int yes = 0;
	if (!family || contact_id <= 0)
		return 0;
	st = store_stmt(w->s, STMT_FAMILY_CONTACT_GET);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, contact_id);
	if (store_step(st) == STORE_ROW)
		yes = store_col_int(st, 0) == family && store_col_int(st, 4) == 1 &&
		      store_col_int(st, 5) == 0;
	store_finish(st);
	return yes;
}

int authz_family_change(struct web *w, int64_t family_id)
{
	struct store_stmt *st;
	int64_t children[16];
	size_t n = 0;
	int yes = 0;
	if (!on_staff(&w->me) || family_id <= 0)
		return 0;
	if (authz_has(&w->me, ROLE_MANAGER))
		return 1;
	st = store_stmt(w->s, STMT_FAMILY_CHILDREN);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, family_id);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(children))
		children[n++] = store_col_int(st, 0);
	store_finish(st);
	for (size_t i = 0; i < n && !yes; i++)
		yes = authz_child(w, children[i], CHILD_RECORDS);
	return yes;
}

int authz_health_note(struct web *w, int64_t child_id)
{
	return on_staff(&w->me) && authz_child(w, child_id, CHILD_BASIC);
}

/* ---- policies and notices (issue 9: the rules of authz.h) ---- */

int authz_policy_manage(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

int64_t authz_policy_family(struct web *w)
{
	/* the parent's own family, with the same court-order rule (parent_of)
	 * as the family's children */
	return authz_family_own(w);
}

int authz_policy_sign(struct web *w)
{
	struct store_stmt *st;
	int pr = 0;
	if (!authz_policy_family(w))
		return 0;
	st = store_stmt(w->s, STMT_POLICY_CONTACT);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->me.contact_id);
	if (store_step(st) == STORE_ROW)
		pr = store_col_int(st, 1) == 1;
	store_finish(st);
	return pr;
}

int authz_notice_manage(const struct me *me)
{
	return authz_has(me, ROLE_MANAGER);
}

int authz_notice_family(struct web *w, int64_t notice_id)
{
	struct store_stmt *st;
	char d[DATE_LEN];
	int64_t family = authz_policy_family(w);
	int yes;
	if (!family || notice_id <= 0)
		return 0;
	today_text(w, d);
	st = store_stmt(w->s, STMT_NOTICE_FOR_FAMILY);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, notice_id);
	store_bind_int(st, 3, family);
	store_bind_text(st, 4, d);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

/* ---- subject access (the rules of authz.h) ---- */

int authz_subject_access_safeguarding(const struct me *me)
{
	return authz_concern_read(me);
}

/* ---- groups of settings: the rules of authz.h ---- */

static int group_row(struct web *w, enum stmt_id id, int64_t a, int64_t b)
{
	struct store_stmt *st = store_stmt(w->s, id);
	int yes;
	store_bind_int(st, 1, a);
	store_bind_int(st, 2, b);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

int authz_group_dashboard(struct web *w)
{
	return w->me.signed_in && authz_group_account(w, w->me.user_id);
}

int authz_group_setting(struct web *w, int64_t setting_id)
{
	return w->me.signed_in && setting_id > 0 &&
	       group_row(w, STMT_AUTHZ_GROUP_SETTING, w->me.user_id, setting_id);
}

int authz_setting_switch(struct web *w, int64_t setting_id)
{
	return w->me.signed_in && setting_id > 0 &&
	       group_row(w, STMT_AUTHZ_SETTING_MEMBER, w->me.user_id, setting_id);
}

int authz_group_account(struct web *w, int64_t user_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_GROUP_MANAGED);
	int yes;
	store_bind_int(st, 1, user_id);
	yes = store_step(st) == STORE_ROW;
	store_finish(st);
	return yes;
}

/* ---- one's own sessions, account step-up, the privacy notice ---- */
int authz_privacy_edit(const struct me *me)
{
	return me->signed_in && (authz_has(me, ROLE_MANAGER) || authz_has(me, ROLE_ADMIN));
}
