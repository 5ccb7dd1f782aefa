/*
 * core_today.h — the day's view of the key person system: which children
 * are expected on a date, with their key person and buddy in force that
 * day, each one's shift, and who greets each child at arrival and who
 * hands over at home time: the key person when on shift at that moment,
 * else the buddy, else nobody (SPEC.md "Events and coverage": a shift
 * [u, v) covers the greet at a iff u <= a < v and the hand-over at b iff
 * u < b <= v; rooms play no part). A member of staff with an absence that
 * covers the day counts as off, whatever the rota says.
 *
 * core_today_load fills a struct today with a fixed number of queries
 * (staff, shifts, staff absences, children on roll, attendance, bookings,
 * child absences, key assignments), whatever the number of children; the
 * command line prints it, the web pages render it, core_today_json gives
 * the JSON both share.
 */
#ifndef KW_CORE_TODAY_H
#define KW_CORE_TODAY_H

#include <jansson.h>

#include "core.h"
#include "date.h"

enum today_by { TODAY_BY_PRIMARY, TODAY_BY_BUDDY, TODAY_BY_NOBODY, TODAY_BY__MAX };
/* "primary", "buddy", "nobody": the JSON "reason" */
extern const char *const core_today_by_names[TODAY_BY__MAX];

struct today_shift {
	int start, end;  /* minutes */
	int64_t room_id; /* the room worked in: the shift's, else the home room; 0 none */
};

struct today_staff {
	int64_t id;
	const char *code, *name;
	const struct today_shift *shifts; /* the day's published shifts, by start time */
	size_t nshifts;
	const char *absent;   /* reason of an absence covering the day (then off), else NULL */
	const char *shift;    /* "HH:MM-HH:MM" (several joined by ","), NULL when off or absent */
	int64_t home_room_id; /* first room the member of staff works in, 0 none */
};

struct today_child {
	int64_t id, room_id;
	const char *code, *name, *room;
	int room_rank;                             /* rooms in age order, youngest first */
	int64_t family_id;                         /* 0: none */
	int arrive, leave;                         /* minutes */
	int booked;                                /* a booking replaced the usual pattern */
	const struct today_staff *primary, *buddy; /* NULL when no key assignment is in force */
	enum today_by greet, hand_over;
};

enum today_event { TODAY_GREET, TODAY_LEAVE, TODAY_EVENT__MAX };
/* "greet", "leave": the JSON "uncovered" entries and suggestion "event" */
extern const char *const core_today_event_names[TODAY_EVENT__MAX];

/* A greet or hand-over with nobody who knows the child on shift, and what
 * would cover it: a named member of staff on shift in the child's room at
 * that moment who is key person or buddy of a sibling, else anyone on
 * shift in the room then, else the shift change of the key person (or
 * buddy) that would (staff then names them), else nobody to name. */
struct today_suggestion {
	size_t child;     /* index in today.children as loaded */
	int64_t child_id; /* a copy of today with fewer children (what a viewer may see)
	                   * keeps the suggestions of its own children only: core_today_json
	                   * looks children up by this id */
	enum today_event event;
	int at;                          /* minutes: the arrival or departure */
	const char *text;                /* in words, for people */
	const struct today_staff *staff; /* who is named, NULL when nobody */
};

struct today {
	int day;
	char date[DATE_LEN];
	struct today_child *children; /* by room, arrival, name */
	size_t nchildren;
	struct today_staff *staff; /* every member of staff, by id */
	size_t nstaff;
	int nobody;   /* greets and hand-overs with nobody who knows the child */
	int by_buddy; /* greets and hand-overs the buddy covers */
	struct today_suggestion *suggestions; /* one per nobody, in children order */
	size_t nsuggestions;
	struct arena arena;
};

/* Load day; room_id 0 for every room. Free with core_today_free, also after a failure. */
int core_today_load(struct store *s, int64_t setting_id, int day, int64_t room_id, struct today *t,
                    struct op_error *e) WARN_UNUSED;
void core_today_free(struct today *t);

/* The coverage rule, for one member of staff on the loaded day (0 when absent). */
int core_today_covers_greet(const struct today_staff *st, int arrive);
int core_today_covers_leave(const struct today_staff *st, int leave);
/* Who greets (or hands over): the key person or the buddy, NULL for nobody. */
const struct today_staff *core_today_person(const struct today_child *c, enum today_by by);

/* {"date", "children": [{"id", "name", "room", "arrive", "leave", "primary",
 * "secondary", "greeter", "hand_over", "uncovered": ["greet"|"leave"]}],
 * "suggestions": [{"child", "event", "at", "suggestion", "staff": {"id",
 * "name"}|null}]}; the caller owns the result. */
json_t *core_today_json(const struct today *t);

#endif
