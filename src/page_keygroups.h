/*
 * page_keygroups.h — key groups, planning and accepting a plan, and the
 * day's greet and hand-over page: the handlers and routes, and the key-group
 * model the pages and the JSON API (api_v1.c) share.
 *
 * The model (page_keygroups_model.c) reads a planner instance of the live
 * setting (core_plan_instance, SPEC.md keyworker-plan/1) together with one
 * assignment — the key assignments in force ("current") or a proposal's —
 * and works out, with the coverage rule of SPEC.md, who greets and who hands
 * over each child on each weekday, each member of staff's key group and
 * buddy group against their fair share, and per child the facts a manager
 * weighs (siblings, home language, SEN support, two junior staff). Two
 * models of the same instance give a proposal's diff and the reasons for
 * each change. Everything lives in the request's arena.
 */
#ifndef KW_PAGE_KEYGROUPS_H
#define KW_PAGE_KEYGROUPS_H

#include <jansson.h>

#include "authz.h"
#include "pages.h"

#define KG_DAYS 7 /* mon .. sun, as date_weekday_name */

enum kg_event { KG_GREET, KG_LEAVE, KG_EVENT__MAX };
/* Who greets or hands over under an assignment; KG_OFF when the child does not come that day. */
enum kg_by { KG_BY_PRIMARY, KG_BY_BUDDY, KG_BY_NOBODY, KG_OFF };

struct kg_staff {
	const char *code, *name;
	const char *home_room;
	const char *const *rooms; /* the rooms they work in, home room first */
	size_t nrooms;
	const char *const *languages;
	size_t nlanguages;
	int key_person, sen_trained, junior;
	int shift[KG_DAYS][2]; /* usual shift per weekday (minutes); -1 when off */
	double target_primary, target_secondary; /* fair shares (SPEC.md) */
	int primary, secondary;                  /* loads under the model's assignment */
};

struct kg_child {
	int64_t id; /* database id, 0 when not known */
	const char *code, *name, *room, *home_language;
	int sen;
	int attends[KG_DAYS][2]; /* arrive, leave; -1 when not coming */
	const int *siblings;     /* child indices (any room) */
	size_t nsiblings;
	int current[2];         /* the pair in force in the instance ("current"), -1s when none */
	int primary, secondary; /* staff indices under the assignment, -1 when none */
	/* worked out by kg_model_assign: */
	enum kg_by by[KG_DAYS][KG_EVENT__MAX];
	int events, by_primary, by_buddy, by_nobody;
	int primary_absent_minutes;
	int language_matched; /* 1, 0, or -1 when the home language is English */
	int sen_supported;    /* 1, 0, or -1 when no SEN */
	int junior_pair;
	int sibling_splits; /* siblings in the same room with another key person */
};

struct kg_index {
	const char *code;
	int i;
};

struct kg_model {
	struct arena *a;
	const char *date; /* the instance's first day */
	struct kg_staff *staff;
	size_t nstaff;
	struct kg_child *children;
	size_t nchildren;
	const char **rooms; /* youngest first, then rooms with staff only */
	size_t nrooms;
	int assigned;                               /* every child has a key person and buddy */
	struct kg_index *child_index, *staff_index; /* by code, for kg_model_child/_staff */
};

/* Read the instance into arrays in arena a (strings are copied: the instance may go). */
int kg_model_init(struct kg_model *m, struct arena *a, const json_t *instance, char *err,
                  size_t errlen) WARN_UNUSED;
/* Put an assignment in place (array of {child, primary, secondary}, or NULL for
 * the pairs in force, the instance's "current") and work out coverage, loads
 * and facts. */
void kg_model_assign(struct kg_model *m, const json_t *assignments);
/* The model's assignment as the planner takes it (children without a pair left out). */
json_t *kg_assignment_json(const struct kg_model *m);
/* The planner's score of the model's assignment (SPEC.md), or NULL when a
 * child has no pair or the instance cannot be scored. Caller decrefs. */
json_t *kg_score(const json_t *instance, const struct kg_model *m);
/* Database ids of the children (one query), for links. */
void kg_model_child_ids(struct kg_model *m, struct store *s, int64_t setting_id);
int kg_model_staff(const struct kg_model *m, const char *code);
int kg_model_child(const struct kg_model *m, const char *code);
/* Does staff s's usual shift on weekday d cover the event at time t? */
int kg_covers(const struct kg_staff *s, int d, enum kg_event ev, int t);

/* One child whose key person or buddy a proposal changes, and why. */
struct kg_change {
	int child;        /* index (same in both models) */
	const char **why; /* what the change gains, in the nursery's words */
	size_t nwhy;
	const char **but; /* what it costs that child, when anything */
	size_t nbut;
};
/* Children whose pair differs between now and next (same instance). */
size_t kg_diff(const struct kg_model *now, const struct kg_model *next, struct kg_change **out);

/* The planner's score components in words, for both pages and the API. */
struct kg_component {
	const char *name; /* as in SPEC.md */
	const char *label;
	int real; /* a balance: a real number */
};
extern const struct kg_component kg_components[11];

/* JSON shared by pages' API twins: the key groups of a model, the uncovered
 * events, and a proposal's changes. The caller owns the result. */
json_t *kg_keygroups_json(const struct kg_model *m);
json_t *kg_changes_json(const struct kg_model *now, const struct kg_model *next,
                        const struct kg_change *ch, size_t n);

/* A proposal as kept (page_keygroups_plan.c), with both models and the diff. */
struct kg_proposal {
	int64_t id;
	const char *status, *solver_status, *from_date; /* status: proposed, applied, discarded */
	double total, before, bound;                    /* NAN when not known */
	int64_t created_at, applied_at;
	json_t *instance, *result;
	struct kg_model now, next;
	struct kg_change *changes;
	size_t nchanges;
	const char *problem; /* why it cannot be shown as a diff (infeasible, unreadable) */
};
/* 0, or -1 when the person's setting has no such proposal. Free with kg_proposal_free. */
int kg_proposal_load(struct web *w, int64_t id, struct kg_proposal *p) WARN_UNUSED;
void kg_proposal_free(struct kg_proposal *p);
/* {id, state, status, from, score_before, score_after, bound, proved_optimal,
 * children, score, changes} (or reason). Caller owns it. */
json_t *kg_proposal_json(const struct kg_proposal *p);

/* Close an input's tag, marking it invalid (aria) when the last validation named field. */
void kg_invalid_attrs(struct web *w, const char *field);

/* Next Monday after day (a week ahead when day is a Monday). */
int kg_next_monday(int day);

page_fn page_keygroups, page_keygroups_plan, page_plan, page_plan_accept, page_today;

/* rows of the route table: {method, path, handler, roles}, each followed by a comma */
/* clang-format off */
#define ROUTES_KEYGROUPS                                                                           \
	{"GET", "/keygroups", page_keygroups, R(ROLE_MANAGER) | R(ROLE_SENCO)},                    \
	{"POST", "/keygroups/plan", page_keygroups_plan, R(ROLE_MANAGER)},                         \
	{"GET", "/plans/:id", page_plan, R(ROLE_MANAGER)},                                         \
	{"POST", "/plans/:id/accept", page_plan_accept, R(ROLE_MANAGER)},                          \
	{"GET", "/today", page_today, ROLES_STAFF},
/* clang-format on */

#endif
