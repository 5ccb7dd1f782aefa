/*
 * core_ratio.h — staff:child ratios of a day, per room and for the whole
 * setting, per 15-minute slot from opening to closing time: PLANNED (the
 * children core_today expects, the published rota less staff absences) or
 * LIVE (who is signed in on the daily register, core_register.h).
 *
 * The rules are ONE table in code, core_ratio_rules[] (STYLE.md: "ratio
 * rules are arrays of structs"), each row with the framework it belongs to
 * and the dates it is in force, so a past date is judged by the rules of
 * its day and another jurisdiction is more rows. A row is either an age
 * band (children per adult, with an optional condition such as "a Level 6
 * works with them") or a staffing rule (a Level 3 on duty, half of the
 * others at Level 2, a paediatric first aider on the premises, students at
 * the level below, ...). Nothing about ratios is decided outside the table
 * and the one function that reads it (core_ratio.c says how).
 *
 * How a slot [t, t + 15) is counted:
 *   - a child counts if present at ANY moment of it (arrival 08:10 counts in
 *     08:00-08:15; leaving at 17:00 does not count in 17:00-17:15);
 *   - a member of staff counts only if on duty for the WHOLE slot (a shift
 *     ending 12:10 does not cover 12:00-12:15): with children counted at
 *     their most and staff at their least, a slot judged OK is OK at every
 *     moment of it;
 *   - a child's band is by age on the day in whole months; with
 *     setting.band_on_birthday = 0 the band changes the day after the
 *     birthday (the age of the day before is used);
 *   - a mixed room needs ceil(sum over children of 1/ratio) adults, the
 *     fractions added before rounding up (exact, in integers).
 */
#ifndef KW_CORE_RATIO_H
#define KW_CORE_RATIO_H

#include <jansson.h>

#include "core.h"
#include "date.h"

#define RATIO_SLOT_MIN 15

enum ratio_band { RATIO_UNDER_2, RATIO_TWO, RATIO_THREE_PLUS, RATIO_BAND__MAX };
/* JSON keys: "under_2", "two", "three_plus" */
extern const char *const ratio_band_keys[RATIO_BAND__MAX];
/* In words: "under 2", "2 years", "3 and over" */
extern const char *const ratio_band_names[RATIO_BAND__MAX];

enum ratio_rule_kind {
	RULE_BAND,                /* children of an age band per adult */
	RULE_LEVEL3,              /* at least one Level 3 on duty where there are children */
	RULE_UNDER2_EXPERIENCE,   /* ... who, with under-2s present, has value months' experience */
	RULE_HALF_LEVEL2,         /* at least half of the other staff at Level 2 */
	RULE_PFA,                 /* a paediatric first aider on the premises */
	RULE_STUDENT_LEVEL_BELOW, /* students and apprentices count at the level below their own */
	RULE_STUDENT_PFA,         /* ... and count in ratio only with a current PFA certificate */
	RULE_LAPSED_PFA,          /* staff whose PFA certificate lapsed count as unqualified */
	RULE_MEAL_PFA,            /* a paediatric first aider in the room while children eat */
	RULE_BABY_TRAINED, /* with under-2s, at least half of the staff trained in baby care */
	RULE_KIND__MAX
};

enum ratio_condition {
	RATIO_ALWAYS,
	RATIO_WITH_LEVEL6, /* a Level 6 (not a student) on duty in the room, and another Level 3 */
};

struct ratio_rule {
	const char *framework; /* a prefix of setting.framework, e.g. "eyfs-group" */
	enum ratio_rule_kind kind;
	enum ratio_band band;       /* RULE_BAND */
	int min_months, max_months; /* RULE_BAND: ages [min, max) in whole months */
	int value; /* RULE_BAND: children per adult; RULE_UNDER2_EXPERIENCE: months */
	enum ratio_condition condition;
	const char *from, *to; /* in force on [from, to); to NULL: still in force */
	const char *source;    /* where the rule comes from, in words */
};
extern const struct ratio_rule core_ratio_rules[];
extern const size_t core_ratio_nrules;

/* The rule of kind in force on date under framework, or NULL. For RULE_BAND
 * use core_ratio_band_rule. */
const struct ratio_rule *core_ratio_rule(const char *framework, const char *date,
                                         enum ratio_rule_kind kind);
const struct ratio_rule *core_ratio_band_rule(const char *framework, const char *date, int months,
                                              enum ratio_condition condition);

/* A member of staff's level as the rules count it on date: students and
 * apprentices at the level below their own when that rule is in force (6 ->
 * 3, 3 -> 2, 2 -> 0), else at 0. */
int core_ratio_level(const char *framework, const char *date, int qualification, int student);

enum ratio_mode { RATIO_PLANNED, RATIO_LIVE, RATIO_MODE__MAX };
extern const char *const ratio_mode_names[RATIO_MODE__MAX]; /* "planned", "live" */

enum ratio_problem {
	RATIO_SHORT_ADULTS = 1 << 0, /* fewer adults than needed */
	RATIO_NO_LEVEL3 = 1 << 1,    /* no Level 3 on duty */
	RATIO_NO_UNDER2_L3 = 1 << 2, /* no Level 3 experienced with under-2s */
	RATIO_HALF_LEVEL2 = 1 << 3,  /* fewer than half of the others at Level 2 */
	RATIO_NO_PFA = 1 << 4,       /* no paediatric first aider on the premises */
	RATIO_NO_RULES = 1 << 5, /* a child no rule covers (no rules then, or a bad birth date) */
	RATIO_NO_MEAL_PFA = 1 << 6,  /* a mealtime with no first aider in the room */
	RATIO_BABY_TRAINED = 1 << 7, /* under-2s, fewer than half of the staff baby-trained */
};

/* A mealtime of the setting (table mealtime): [start, end) minutes. */
struct ratio_meal {
	const char *name;
	int start, end;
};

struct ratio_slot {
	int start, end; /* minutes of day: [start, start + 15), the last one cut at closing */
	int children[RATIO_BAND__MAX]; /* present at any moment of the slot */
	int at_1_13;                   /* of the 3 and over, those counted at 1:13 */
	int adults;                    /* staff counting in ratio, on duty all the slot */
	int adults_needed;
	int level3, level2, level6; /* adults at Level 3 or above, 2 or above, 6 */
	int level3_ok, half_level2_ok, pfa_ok, ok;
	int meal_pfa_ok, baby_trained_ok;
	int first_aiders;    /* in the room (a room) or on the premises (the setting) */
	int baby_trained;    /* adults in ratio trained in the care of babies */
	const char *meal;    /* the mealtime the slot overlaps, or NULL */
	unsigned problems;   /* enum ratio_problem bits */
	const char *reasons; /* the problems in words, "; " between; "" when ok */
};

struct ratio_room {
	int64_t id;       /* 0 for the whole setting */
	const char *name; /* "Whole setting" for the setting */
	struct ratio_slot *slots;
	int nshort; /* slots not ok */
	int worst;  /* index of the worst slot, -1 when every slot is ok */
};

struct ratio_day {
	int day;
	char date[DATE_LEN];
	enum ratio_mode mode;
	int opens, closes;        /* the setting's hours, minutes */
	size_t nslots;            /* the same for every room */
	struct ratio_room *rooms; /* rooms youngest first */
	size_t nrooms;
	struct ratio_room setting; /* the setting as a whole */
	struct ratio_meal *meals;  /* the setting's mealtimes, by start */
	size_t nmeals;
	struct arena arena;
};

/* Ratios of day. Live mode judges the slots that start before until (a
 * minute of day: now when day is today; 1440 for a past day); planned mode
 * ignores until. Free with core_ratio_free, also after a failure. */
int core_ratio_day(struct store *s, int64_t setting_id, int day, enum ratio_mode mode, int until,
                   struct ratio_day *r, struct op_error *e) WARN_UNUSED;
void core_ratio_free(struct ratio_day *r);

/* {"date", "mode", "opens", "closes", "rooms": [room], "setting": room}; a
 * room is {"id", "name", "ok", "slots_short", "worst": slot|null, "slots":
 * [slot]} with every slot when all_slots, else only the slots not ok; a
 * slot is {"start", "end", "children": {band: n}, "at_1_13", "adults",
 * "adults_needed", "level3_ok", "half_level2_ok", "pfa_ok", "meal",
 * "meal_pfa_ok", "baby_trained_ok", "ok", "reasons"}; the day also has
 * "mealtimes": [{"name", "start", "end"}]. The caller owns the result. */
json_t *core_ratio_json(const struct ratio_day *r, int all_slots);

/* The demo's mealtimes (breakfast 08:00-08:30, lunch 11:30-12:15, tea
 * 15:30-16:00) and its staff trained in the care of babies (everyone who
 * works with under-2s, and every Level 3), in the caller's transaction. */
int core_ratio_demo(struct store *s, const struct actor *who, struct op_error *e) WARN_UNUSED;

#endif
