/*
 * core_observation.h — the key person's records of learning and care:
 *
 *   observations  of one or more children (a group observation names them
 *                 all), dated, with text, the EYFS areas of learning they
 *                 show (the areas are data: table learning_area), next
 *                 steps, shared with the family or not, and up to
 *                 OBS_PHOTOS_MAX photos checked and cleaned by photo_strip
 *                 and kept in the database (a backup holds everything);
 *   coverage      per child, how many observations touched each area in the
 *                 last N weeks and when each area was last seen, the gaps
 *                 ("no PSED observation for Maya for 5 weeks"), and per key
 *                 person the observations written against a fair share
 *                 (their part of the key children): prompts, not quotas;
 *   all about me  what the family tells the key person (sleep, feeding,
 *                 comforters, words in the home language, likes, fears):
 *                 every change a new row, the latest shown;
 *   settling in   visits with the key person, notes from each, the
 *                 parent's view;
 *   planned experiences  next steps turned into something planned for a
 *                 child or a whole key group on a date, done and noted by
 *                 whoever carries it out (the buddy while the key person
 *                 is away).
 *
 * Writes run in the caller's transaction with their audit row; who may
 * read or write what is decided in authz.c (authz_observation_*), before
 * these are called.
 */
#ifndef KW_CORE_OBSERVATION_H
#define KW_CORE_OBSERVATION_H

#include "core.h"
#include "valid.h"

#define OBS_FRAMEWORK "eyfs"
#define OBS_AREAS_MAX 16
#define OBS_CHILDREN_MAX 30
#define OBS_PHOTOS_MAX 6
#define OBS_WEEKS_DEFAULT 6
#define OBS_WEEKS_MAX 52
/* The consent that lets other families see a child in a group observation. */
#define OBS_GROUP_CONSENT "photos_shared_with_others"

enum obs_field {
	OBS_DATE,
	OBS_TEXT,
	OBS_NEXT_STEPS,
	OBS_SHARED,
	OBS_AREAS,    /* area codes, ';' or ',' between them */
	OBS_CHILDREN, /* child ids, ';' or ',' between them */
	OBS__MAX
};
extern const struct field_spec core_obs_fields[OBS__MAX];

struct obs_area {
	const char *code, *name;
	int prime;
};

struct obs_photo_in {
	const unsigned char *bytes;
	size_t len;
};

struct obs_child {
	int64_t id, family_id;
	const char *name; /* preferred or first name and last name */
	const char *first;
};

struct observation {
	int64_t id, author_staff_id, author_contact_id, created_at;
	const char *date, *text, *next_steps, *author;
	int shared;
	struct obs_child *children;
	size_t nchildren;
	const char **areas; /* codes, in the framework's order */
	size_t nareas;
	int64_t *photos; /* photo ids */
	size_t nphotos;
};

/* The framework's areas in order (OBS_FRAMEWORK); at most OBS_AREAS_MAX. */
int core_obs_areas(struct store *s, struct arena *a, struct obs_area **out, size_t *n,
                   struct op_error *e) WARN_UNUSED;
/* The child ids of a validated OBS_CHILDREN list: 1..OBS_CHILDREN_MAX whole
 * numbers, no repeats; OP_INVALID naming "children" otherwise. */
int core_obs_children(const char *list, int64_t *ids, size_t *n, struct op_error *e) WARN_UNUSED;
/* Add an observation written by author_staff_id (v validated against
 * core_obs_fields; children from core_obs_children, each one already
 * allowed by authz). Areas must be the framework's; photos are checked and
 * cleaned (OP_INVALID naming "photo" with the reason). */
int core_observation_add(struct store *s, const struct actor *who, int64_t author_staff_id,
                         const struct field_value *v, const int64_t *children, size_t nchildren,
                         const struct obs_photo_in *photos, size_t nphotos, int64_t *id,
                         struct op_error *e) WARN_UNUSED;
int core_observation_get(struct store *s, int64_t setting_id, int64_t id, struct arena *a,
                         struct observation *o, struct op_error *e) WARN_UNUSED;
/* Which observations a list shows: keep(ctx, id) decides (NULL keeps all;
 * authz_observation_read for a page), at most shown of them. Ids are
 * checked before an observation is read, so a long scan stays cheap. */
struct obs_keep {
	int (*keep)(void *ctx, int64_t observation_id);
	void *ctx;
	int shown;
};
/* The child's observations, newest first, scanning at most limit. */
int core_observation_of_child(struct store *s, int64_t setting_id, int64_t child_id, int limit,
                              const struct obs_keep *k, struct arena *a, struct observation **out,
                              size_t *n, struct op_error *e) WARN_UNUSED;
/* The setting's observations dated from day on, newest first, scanning at most limit. */
int core_observation_recent(struct store *s, int64_t setting_id, int from_day, int limit,
                            const struct obs_keep *k, struct arena *a, struct observation **out,
                            size_t *n, struct op_error *e) WARN_UNUSED;
/* A photo's bytes (copied into a), its type and its observation; OP_NOT_FOUND. */
int core_observation_photo(struct store *s, int64_t setting_id, int64_t photo_id, struct arena *a,
                           int64_t *observation_id, const char **mime, const void **bytes,
                           size_t *len, struct op_error *e) WARN_UNUSED;

/* ---- coverage ---- */

struct coverage_cell {
	int count; /* observations in the window touching the area */
	int last;  /* day of the latest one ever (up to the day), -1 when none */
};

struct coverage_child {
	int64_t id, room_id, key_id, buddy_id;
	const char *name, *first, *room;
	int start;                                /* the child's first day */
	struct coverage_cell cell[OBS_AREAS_MAX]; /* by area index */
	int total;                                /* observations in the window */
	int gaps;                                 /* areas with none in the window */
};

struct coverage_staff {
	int64_t id;
	const char *name;
	int key_children;    /* children they are key person of */
	int gaps;            /* area gaps among their key children */
	int written;         /* observations they wrote in the window */
	double fair;         /* their share of all written, by key children */
	int reports;         /* weekly updates sent and checks at two made final in the window */
	double reports_fair; /* their share of all reports, by key children */
};

struct coverage {
	int day, weeks, from; /* the window: from..day, inclusive */
	struct obs_area *areas;
	size_t nareas;
	struct coverage_child *children; /* on roll on day, by room and name */
	size_t nchildren;
	struct coverage_staff *staff; /* members of staff with key children or writing */
	size_t nstaff;
	int written; /* observations written by staff in the window */
	int reports; /* weekly updates sent and checks at two made final in the window */
	struct arena arena;
};

/* Load the coverage of the weeks ending on day; free with core_coverage_free
 * (also after a failure). A fixed number of queries, whatever the size. */
int core_coverage_load(struct store *s, int64_t setting_id, int day, int weeks, struct coverage *c,
                       struct op_error *e) WARN_UNUSED;
void core_coverage_free(struct coverage *c);
/* Is area k a gap for child ch (no observation in the window)? */
int core_coverage_gap(const struct coverage *c, const struct coverage_child *ch, size_t k);
/* The gap in words: "no PSED observation for Maya for 5 weeks" (or "yet"). */
const char *core_coverage_gap_text(const struct coverage *c, const struct coverage_child *ch,
                                   size_t k, struct arena *a);

/* ---- all about me and routines ---- */

enum about_field {
	ABOUT_SLEEP,
	ABOUT_FEEDING,
	ABOUT_COMFORTERS,
	ABOUT_HOME_WORDS,
	ABOUT_LIKES,
	ABOUT_FEARS,
	ABOUT_OTHER,
	ABOUT_TOLD_BY,
	ABOUT__MAX
};
extern const struct field_spec core_about_fields[ABOUT__MAX];
extern const char *const core_about_labels[ABOUT__MAX];

struct about {
	int64_t id, created_at;
	const char *f[ABOUT__MAX];
	const char *recorded_by;
};
/* A new version of the child's all-about-me (at least one field given). */
int core_about_save(struct store *s, const struct actor *who, int64_t staff_id, int64_t child_id,
                    const struct field_value *v, int64_t *id, struct op_error *e) WARN_UNUSED;
/* Versions newest first (at most limit); the first is the one in force. */
int core_about_history(struct store *s, int64_t setting_id, int64_t child_id, int limit,
                       struct arena *a, struct about **out, size_t *n,
                       struct op_error *e) WARN_UNUSED;

/* ---- settling in ---- */

enum settling_field { SETTLING_DATE, SETTLING_TIME, SETTLING_PLAN, SETTLING__MAX };
extern const struct field_spec core_settling_fields[SETTLING__MAX];

struct settling_visit {
	int64_t id;
	const char *date, *staff, *plan, *notes, *parent_view;
	int start, end;
};
/* A visit with the key person (staff_id, 0 for none named). */
int core_settling_add(struct store *s, const struct actor *who, int64_t child_id, int64_t staff_id,
                      const struct field_value *v, int64_t *id, struct op_error *e) WARN_UNUSED;
/* The notes from a visit and the parent's view of it. */
int core_settling_note(struct store *s, const struct actor *who, int64_t child_id, int64_t visit_id,
                       const char *notes, const char *parent_view, struct op_error *e) WARN_UNUSED;
int core_settling_list(struct store *s, int64_t setting_id, int64_t child_id, struct arena *a,
                       struct settling_visit **out, size_t *n, struct op_error *e) WARN_UNUSED;

/* ---- planned experiences ---- */

enum experience_field { EXPERIENCE_FOR, EXPERIENCE_TEXT, EXPERIENCE__MAX };
extern const struct field_spec core_experience_fields[EXPERIENCE__MAX];

struct experience {
	int64_t id, child_id, key_staff_id, observation_id;
	const char *planned_for, *text, *status, *done_note, *child, *key_person, *done_by;
};
/* For a child (child_id) or a key group (key_staff_id): exactly one. */
int core_experience_add(struct store *s, const struct actor *who, int64_t staff_id,
                        int64_t child_id, int64_t key_staff_id, int64_t observation_id,
                        const struct field_value *v, int64_t *id, struct op_error *e) WARN_UNUSED;
int core_experience_done(struct store *s, const struct actor *who, int64_t staff_id, int64_t id,
                         const char *note, struct op_error *e) WARN_UNUSED;
/* Who an experience is for: its child, or its key group's key person. OP_NOT_FOUND. */
int core_experience_owner(struct store *s, int64_t setting_id, int64_t id, int64_t *child_id,
                          int64_t *key_staff_id, struct op_error *e) WARN_UNUSED;
int core_experience_list(struct store *s, int64_t setting_id, int from_day, int to_day,
                         struct arena *a, struct experience **out, size_t *n,
                         struct op_error *e) WARN_UNUSED;

/* Demo records (observations with a spread of areas and deliberate gaps,
 * some shared, some of a group; routines; a settling-in plan; planned
 * experiences) for the demo setting, dated relative to start. */
int core_observation_demo(struct store *s, const struct actor *who, int start,
                          struct op_error *e) WARN_UNUSED;

#endif
