/*
 * core_group.h — groups of settings (issue 10): a nursery group's settings
 * in one database, and its group managers, who see each setting's
 * dashboards as counts (children expected and in, greets and hand-overs
 * with nobody who knows the child, ratio slots short, checks at two,
 * weekly updates, handovers, Ofsted notifications and policy signatures
 * outstanding) with the names of settings and rooms only — never a child's
 * name or record. Who may see which setting's line is authz.c's
 * (authz_group_setting); a setting's records stay with the roles held in
 * that setting. A person with roles in several settings makes one of them
 * current for their session.
 */
#ifndef KW_CORE_GROUP_H
#define KW_CORE_GROUP_H

#include "arena.h"
#include "core.h"
#include "core_user.h"

#define GROUP_NAME_MAX 200

/* A new group: name of 1 to 200 characters, not taken. */
int core_group_add(struct store *s, const struct actor *who, const char *name, int64_t *id,
                   struct op_error *e) WARN_UNUSED;
/* The group named name (or numbered, when name is all digits): its id, or 0. */
int64_t core_group_find(struct store *s, const char *name);
/* Put setting_id in group_id: a setting belongs to one group at most. */
int core_group_attach(struct store *s, const struct actor *who, int64_t group_id,
                      int64_t setting_id, struct op_error *e) WARN_UNUSED;

struct group_row {
	int64_t id;
	const char *name;
	int settings, managers;
};
int core_group_list(struct store *s, struct arena *a, struct group_row **out, size_t *n,
                    struct op_error *e) WARN_UNUSED;

/* The settings of group_id, by name. */
struct group_setting {
	int64_t id;
	const char *name;
};
int core_group_settings(struct store *s, int64_t group_id, struct arena *a,
                        struct group_setting **out, size_t *n, struct op_error *e) WARN_UNUSED;
/* The groups user_id manages, by name (id, name as group_setting). */
int core_group_managed(struct store *s, int64_t user_id, struct arena *a,
                       struct group_setting **out, size_t *n, struct op_error *e) WARN_UNUSED;

/* A new account managing group_id. With u->roles 0 the account holds no
 * role in any setting (it signs in to the group's first setting, where it
 * opens nothing); with roles, they are held in who's setting as by
 * core_user_add. */
int core_group_manager_add(struct store *s, const struct actor *who, int64_t group_id,
                           const struct user_new *u, int64_t *id, struct op_error *e) WARN_UNUSED;
/* An existing account (username) made a manager of group_id as well. */
int core_group_manager_grant(struct store *s, const struct actor *who, int64_t group_id,
                             const char *username, struct op_error *e) WARN_UNUSED;

/* One setting's line of the group dashboard: counts on day, room names. */
struct group_line {
	int64_t setting_id;
	const char *setting;
	char date[11];
	int expected;            /* children expected (core_today) */
	int present;             /* of them, signed in on the register today */
	int nobody;              /* greets and hand-overs with nobody who knows the child */
	int ratio_short;         /* planned 15-minute slots not in ratio, of every room */
	int setting_short;       /* ... of the setting as a whole (premises rules) */
	const char *rooms_short; /* "Room (n slots), ..." or "" */
	int twoyear_due;         /* checks at two due or overdue, not final */
	int weekly_outstanding;  /* this week's updates not sent */
	int handovers;           /* handovers not acknowledged */
	int ofsted_awaiting;     /* accidents to notify Ofsted of, not yet notified */
	int signatures;          /* families' policy signatures outstanding */
};
/* The line of setting_id on day (-1: today in the setting's time zone).
 * The caller has asked authz_group_setting (or holds a role there). */
int core_group_line(struct store *s, int64_t setting_id, int day, struct arena *a,
                    struct group_line *out, struct op_error *e) WARN_UNUSED;

/* Make setting_id the current setting of the session token_hash of user_id
 * (the caller has asked authz_setting_switch). */
int core_group_switch(struct store *s, const struct actor *who, const char *token_hash,
                      int64_t setting_id, struct op_error *e) WARN_UNUSED;

#endif
