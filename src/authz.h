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
/* ---- the parent portal (page_portal*.c, api_portal.c, core_portal.c) ----
 * A family's pages are their own children's only (CHILD_PORTAL: a parent of
 * the child's family with no court-order restriction on information or
 * contact). The thread of messages between a family and the key person is
 * read and written by that family; by the child's key person today; by the
 * buddy on a day the key person is not in (no published shift, or an
 * absence); and by managers, who see the unanswered ones. Nobody else on
 * the staff reads it, whatever rooms they work in. A parent sees an
 * observation only when it is shared and names one of their children; the
 * other children of a group observation are named only when their family
 * consents to being shown to other families (otherwise "another child").
 * Staff photos: anyone on the staff, and a parent whose child has that
 * person as key person or buddy. Contact changes: the parent asks for their
 * own; a manager sees and decides every one of the setting. */
int authz_portal_thread(struct web *w, int64_t child_id);
/* May the person answer as staff (not as the family)? Implies authz_portal_thread. */
int authz_portal_thread_staff(struct web *w, int64_t child_id);
/* Is the key person of child_id not in today (so the buddy answers)? */
int authz_portal_key_away(struct web *w, int64_t child_id);
/* A shared observation naming one of the parent's children: that child's id, else 0. */
int64_t authz_portal_observation(struct web *w, int64_t observation_id);
int authz_portal_staff_photo(struct web *w, int64_t staff_id);
/* A parent's own contact (0 when the person is not a parent with a contact). */
int64_t authz_portal_own_contact(const struct me *me);
/* May the person see the contact change of contact_id? */
int authz_portal_contact_change(struct web *w, int64_t contact_id);
int authz_portal_contact_decide(const struct me *me);
/* ---- observations, coverage, all about me, settling in, planning
 * (page_obs*.c, api_obs.c, and the parent portal for what families see) ----
 * Writing an observation for a child is CHILD_WRITE: a practitioner for
 * their key and buddy children (so a buddy adds to a key child's record
 * and the key person sees it), the SENCo and managers for every child.
 * Reading one: staff who may read the records (CHILD_RECORDS) of at least
 * one of its children; a parent only when it is shared and one of its
 * children is theirs (CHILD_PORTAL). Its photos: the same staff; a parent
 * only when, besides, every other family's child in it has a consent
 * "photos_shared_with_others" in force today. A parent sees another
 * family's child's name in a group observation only under that same
 * consent (authz_observation_name_visible: render "another child"
 * otherwise). All about me and routines are read at CHILD_BASIC — whoever
 * cares for the child that day (the staff of the room, the key person and
 * buddy) needs the comforter and the nap routine — and written at
 * CHILD_WRITE; settling-in visits are records (CHILD_RECORDS, CHILD_WRITE).
 * A key group's planned experiences: its key person, the buddy of any of
 * their key children (who carries them on while the key person is away),
 * the SENCo and managers. Coverage: the whole setting for managers and the
 * SENCo; a practitioner their own key group. */
int authz_observation_write(struct web *w, int64_t child_id);
int authz_observation_read(struct web *w, int64_t observation_id);
/* The same decision for a list of observations: each child's answer is
 * remembered in cache (zeroed by the caller, for one request only). */
#define AUTHZ_OBS_CACHE 512
struct authz_obs_cache {
	int64_t child[AUTHZ_OBS_CACHE];
	signed char may[AUTHZ_OBS_CACHE]; /* bit 0: records; bit 1: portal */
	size_t n;
};
int authz_observation_read_cached(struct web *w, struct authz_obs_cache *c, int64_t observation_id);
int authz_observation_photo(struct web *w, int64_t observation_id);
int authz_observation_name_visible(struct web *w, int64_t observation_id, int64_t child_id);
int authz_observation_routines(struct web *w, int64_t child_id);
int authz_observation_group(struct web *w, int64_t key_staff_id);
int authz_observation_coverage_all(const struct me *me);
int authz_observation_coverage_staff(struct web *w, int64_t staff_id);
/* ---- safeguarding concerns and the audit page (issue 8) ----
 * Anyone on the staff reports a concern about a child they see at
 * CHILD_BASIC, and is then told only that it was received; only the DSL
 * (authz_concern_read) reads a chronology or adds to it. The audit page is
 * the manager's, the DSL's and the admin's; its rows about concerns (even
 * that one was reported or read) only the DSL's. */
int authz_concern_report(struct web *w, int64_t child_id);
int authz_audit_page(const struct me *me);
int authz_audit_safeguarding(const struct me *me);

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

/* ---- medicines (page_medicine.c, core_medicine.c) ----
 * Whoever cares for the child that day gives medicines, so a child's
 * medicines (permissions, doses, acknowledgements) are read and written by
 * staff who see the child at CHILD_BASIC: the staff of the child's room, the
 * key person and buddy, the manager, the SENCo and the DSL; they record a
 * permission given on paper and a family's acknowledgement seen at
 * collection. A parent reads, gives permission for and acknowledges the
 * doses of their own children only (CHILD_PORTAL). The due-now list of a
 * room: as the room's ratios (its staff, the manager, SENCo and DSL). */
int authz_medicine_staff(struct web *w, int64_t child_id);
int authz_medicine_family(struct web *w, int64_t child_id);
int authz_medicine_room(struct web *w, int64_t room_id);
/* ---- accidents, incidents and injuries on arrival (page_accident.c) ----
 * Recording an accident, incident or injury noticed on arrival, reading a
 * child's records, and adding that the parent was told or acknowledged it
 * on the staff's screen: any member of staff who sees the child at
 * CHILD_BASIC (the staff of the child's room, the key person and buddy,
 * managers, the SENCo, the DSL) — as for a concern; a practitioner of
 * another room reaches nothing of a child outside their rooms and key
 * group, not even the child's name, so the room's staff record it. The
 * setting's list with the Ofsted and RIDDOR deadlines: managers and the
 * DSL; marking a notification made: a manager. The repeated-injury
 * pattern: the DSL. A parent sees and acknowledges only their own
 * children's (CHILD_PORTAL). An admin nothing. */
int authz_accident_record(struct web *w, int64_t child_id);
int authz_accident_read(struct web *w, int64_t child_id);
int authz_accident_overview(const struct me *me);
int authz_accident_notify(const struct me *me);
int authz_accident_patterns(const struct me *me);
int authz_accident_family(struct web *w, int64_t child_id);
/* ---- contracts, funded hours and parental feedback (page_contract.c) ----
 * A child's contract and funding are the manager's: read and written for
 * every child of the setting, nobody else on the staff (fees are the
 * family's business with the setting). A parent reads their own child's
 * (CHILD_PORTAL). Feedback is given by a parent for their own family (a
 * contact with no court-order restriction on information or contact); the
 * summary, and whether it names families, is the manager's. */
int authz_contract_manage(struct web *w, int64_t child_id);
int authz_contract_family(struct web *w, int64_t child_id);
int authz_contract_overview(const struct me *me);
/* The family a parent gives feedback for (their own contact's), or 0. */
int64_t authz_feedback_family(struct web *w);
int authz_feedback_summary(const struct me *me);
/* ---- welfare patterns and allegations against staff (page_welfare.c,
 * page_allegation.c; issue 8) ----
 * The absence patterns reach the manager and the DSL; the development
 * patterns the SENCo; the thresholds are the manager's. An allegation
 * against a member of staff is the manager's and the DSL's only — never
 * the person it is about, even when they are a manager or the DSL (their
 * own is left out of the list and refused like a missing id); nobody else
 * on the staff, no parent, no admin. allegation_id 0 asks about the list
 * and the form. */
int authz_welfare_absence(const struct me *me);
int authz_welfare_development(const struct me *me);
int authz_welfare_rules(const struct me *me);
int authz_allegation(struct web *w, int64_t allegation_id);
/* The audit page's rows about allegations: the manager's and the DSL's, and
 * not for someone any allegation of the setting is about. */
int authz_audit_allegations(struct web *w);
/* ---- menus and family details (page_menu.c, page_family.c; issue 9) ----
 * The menu is read by anyone on the staff and written by a manager; the
 * week's clashes are the manager's; a room's clash list for a date shows
 * each child to whoever sees them at CHILD_BASIC (allergies are today's
 * basics). A child's allergens and diets are read at CHILD_BASIC and
 * written at CHILD_WRITE. A family adds and changes its own emergency
 * contacts (never a parent's own row: that is the contact change a manager
 * confirms), and writes health notes and the review date for its own
 * children (CHILD_PORTAL). A flagged emergency-contact change is seen and
 * acknowledged by a manager and by the staff who may read the records of
 * one of the family's children (key person, buddy, SENCo); a health note by
 * whoever sees the child at CHILD_BASIC (whoever greets). Staff enter the
 * review date at CHILD_WRITE; programmes are SEN plan targets
 * (authz_sen_write). */
int authz_menu_edit(const struct me *me);
int authz_menu_week(const struct me *me);
/* The parent's own family (0: not a parent, or shut out by a restriction). */
int64_t authz_family_own(struct web *w);
/* May the parent change contact_id, an emergency contact of their family? */
int authz_family_emergency(struct web *w, int64_t contact_id);
int authz_family_change(struct web *w, int64_t family_id);
int authz_health_note(struct web *w, int64_t child_id);
/* ---- partnership with parents: policies and notices (issue 9, page_policy.c) ----
 * Everyone on the staff reads the setting's policies; the manager publishes
 * them and new versions, and sees every family's signatures and who has not
 * signed. A parent (whom no court order shuts out of their family's records)
 * reads the policies and sees only their own family's signatures; one with
 * parental responsibility signs for the family. Notices are written by the
 * manager, who sees their read receipts; a parent opens a notice for every
 * family or for a room one of their children is in now, nothing else. */
int authz_policy_manage(const struct me *me);
/* The parent's own family, or 0 (not a parent, or shut out by a restriction). */
int64_t authz_policy_family(struct web *w);
/* May the parent sign policies for their family (parental responsibility)? */
int authz_policy_sign(struct web *w);
int authz_notice_manage(const struct me *me);
/* Is notice_id one the parent's family is meant to read? */
int authz_notice_family(struct web *w, int64_t notice_id);
/* ---- subject access (kw export --child, core_export_child) ----
 * Everything held about a child goes out, but the safeguarding part
 * (concerns, their addenda, who opened them, the audit of it) only when the
 * export is run as a DSL of the setting, as for the chronology itself. */
int authz_subject_access_safeguarding(const struct me *me);

/* ---- groups of settings (issue 10, page_group.c, core_group.c) ----
 * A group manager (table group_manager) sees, for every setting of the
 * groups they manage, the dashboards' counts — children expected and in,
 * greets and hand-overs with nobody who knows the child, ratio slots short,
 * checks, updates, handovers, notifications and signatures outstanding —
 * with the names of settings and rooms only, never a child's name or
 * record. Being a group manager is no role in any setting: no route of a
 * setting opens through it, so each setting's records stay with the roles
 * held there. A person makes current only a setting where they hold a role. */
int authz_group_dashboard(struct web *w);
int authz_group_setting(struct web *w, int64_t setting_id);
int authz_setting_switch(struct web *w, int64_t setting_id);
/* Does user_id manage a group? Then only an admin resets or disables the
 * account (a setting's manager would otherwise take over the group's view). */
int authz_group_account(struct web *w, int64_t user_id);
/* ---- one's own sessions, account step-up, the privacy notice (ASVS 3.3.4,
 * 3.7.1, 8.3.3) ----
 * Everyone signed in sees and ends only their own sessions (core_sessions.c
 * matches them by user id). The privacy notice is read by everyone and
 * written by a manager or an admin of the setting. */
int authz_privacy_edit(const struct me *me);

#endif
