/*
 * core_setting.h — the setting itself (name, kind, time zone) and its
 * rooms. A new setting gets the default retention rules of EYFS.md.
 */
#ifndef KW_CORE_SETTING_H
#define KW_CORE_SETTING_H

#include "core.h"
#include "valid.h"

struct setting {
	int64_t id;
	char name[201];
	char kind[16];
	char time_zone[64];
	int opens_min, closes_min;
	int band_on_birthday;
};

int core_setting_create(struct store *s, const char *name, const char *kind, int64_t *id,
                        struct op_error *e) WARN_UNUSED;
int core_setting_get(struct store *s, int64_t id, struct setting *out,
                     struct op_error *e) WARN_UNUSED;
/* The setting a command works on: the only one, or the one named by id
 * (0 = the only one). */
int core_setting_pick(struct store *s, int64_t id, struct setting *out,
                      struct op_error *e) WARN_UNUSED;

enum room_field { ROOM_NAME, ROOM_AGE_MIN_MONTHS, ROOM_AGE_MAX_MONTHS, ROOM_CAPACITY, ROOM__MAX };
extern const struct field_spec core_room_fields[ROOM__MAX];
int core_room_add(struct store *s, const struct actor *who, const struct field_value *v,
                  int64_t *id, struct op_error *e) WARN_UNUSED;
/* Room id by name (case-insensitive), or 0 when there is none. */
int64_t core_room_find(struct store *s, int64_t setting_id, const char *name);

#endif
