/*
 * authz.h — every access decision of keyworker, in one place (DESIGN.md,
 * "Who uses it, and what each may see"). Routes name the roles they need;
 * records are checked here against the signed-in person: a parent reaches
 * only their own family's children, a practitioner the full records only of
 * their key and buddy children (and the basics of children in the rooms
 * they work in), nobody but the DSL reads a safeguarding concern.
 * Tests walk every route and every role from the forbidden side.
 */
#ifndef KW_AUTHZ_H
#define KW_AUTHZ_H

#include "core_user.h"
#include "web.h"

#define R(role) (1u << (role))
#define ROLES_STAFF (R(ROLE_MANAGER) | R(ROLE_PRACTITIONER) | R(ROLE_SENCO) | R(ROLE_DSL))

enum child_access {
	CHILD_BASIC,   /* name, room, allergies, collection, key person: today's basics */
	CHILD_RECORDS, /* the child's full records (observations, diary, plans) */
	CHILD_WRITE,   /* add observations, diary entries, messages */
	CHILD_ENROL,   /* change enrolment: room, attendance, contacts, key person */
	CHILD_PORTAL,  /* the family's view in the parent portal */
	CHILD_ACCESS__MAX
};

/* May the person use a route that needs any of roles (0: anyone signed in)? */
int authz_route(const struct me *me, unsigned roles);
/* May the person reach child_id in the given way? Unknown ids and other
 * settings' children are refused alike (the answer never says which). */
int authz_child(struct web *w, int64_t child_id, enum child_access what);
int authz_has(const struct me *me, enum role r);
/* Only the DSL reads concerns; anyone on the staff may report one. */
int authz_concern_read(const struct me *me);

/* ---- user administration (page_setup_users.c) ----
 * Only an admin gives the admin role or resets and disables an admin
 * account; the dsl role (the concern chronology) only an admin or a DSL,
 * so a manager cannot reach concerns by making or resetting an account.
 * Nobody resets or disables their own account here (/password is theirs). */
/* May the person create an account holding roles (bits 1 << enum role)? */
int authz_user_grant(const struct me *me, unsigned roles);
/* May the person reset or disable the account user_id, which holds roles? */
int authz_user_change(const struct me *me, int64_t user_id, unsigned roles);

/* ---- the day: register, ratios, message book (page_day*.c, core_message.c) ----
 * Signing a child in or out: a manager; or a member of staff who works in
 * the child's room or is the child's key person or buddy today. A register
 * entry is corrected by a manager or by the person who made it. A member of
 * staff signs themselves in and out; a manager signs anyone. The unexplained
 * absences of a room are followed up by the manager, the DSL and the staff
 * of that room. Ratios of a room: manager, SENCo, DSL, and the staff of the
 * room; the whole setting's row not for a practitioner only. Messages: a
 * child's message is read and written by whoever sees the child at
 * CHILD_BASIC (the person at the door takes it, whoever they are); a room's
 * by the staff of that room and the manager, SENCo and DSL; a key group's by
 * anyone on the staff. Collection passwords are only ever checked: nobody
 * reads them (authz_collection_password_read is always 0, so a page that
 * asks is told no). */
int authz_register_child(struct web *w, int64_t child_id);
int authz_register_correct(struct web *w, int64_t recorded_by_user_id);
int authz_register_staff(struct web *w, int64_t staff_id);
int authz_register_followup(struct web *w, int64_t child_id);
int authz_ratio_room(struct web *w, int64_t room_id);
int authz_ratio_setting(const struct me *me);
int authz_message_room(struct web *w, int64_t room_id);
int authz_collection_password_read(const struct me *me);

/* ---- the key person's records with the family (page_diary.c, page_weekly.c,
 * page_twoyear.c, page_meeting.c, page_transition.c, api_records.c) ----
 * The daily diary is written, and the day's diary read, by whoever cares
 * for the child: the key person and buddy, a practitioner who works in the
 * child's room, the manager and the SENCo. The weekly update, the check at
 * two, meetings, settling visits and the handover note follow CHILD_WRITE
 * (key person and buddy, manager, SENCo). The setting-wide overviews
 * (outstanding weekly updates, publishing everyone's diary) are the
 * manager's and the SENCo's; planning and applying a transition is
 * enrolment (the manager's); the transfer record the manager's or SENCo's. */
int authz_diary_write(struct web *w, int64_t child_id);
int authz_records_overview(const struct me *me);
int authz_transfer(struct web *w, int64_t child_id);

/* ---- SEN, behaviour and staff supervision (page_sen.c, page_behaviour.c,
 * page_supervision.c) ----
 * The SENCo reads and writes every child's SEN and behaviour records; the
 * manager reads them all; a key person (or buddy) reads those of their key
 * and buddy children; a practitioner records a behaviour incident for a
 * child of the rooms they work in (the key person and the SENCo then read
 * it). A parent sees, of their own child, only the targets of plans and the
 * one-page profile the SENCo shared with the family; the DSL role alone and
 * an admin nothing. The register and the behaviour overview are the
 * SENCo's and the manager's. A supervision record is read by the member of
 * staff it is about and by the manager, and written by the manager only. */
int authz_sen_read(struct web *w, int64_t child_id);
int authz_sen_write(struct web *w, int64_t child_id);
int authz_sen_family(struct web *w, int64_t child_id);
int authz_behaviour_incident(struct web *w, int64_t child_id);
int authz_sen_overview(const struct me *me);
int authz_supervision_read(const struct me *me, int64_t staff_id);
int authz_supervision_write(const struct me *me);

#endif
