/*
 * core_rota.h — the rota week is drafted, then published (issue 6). A
 * draft shift (shift.published = 0) is invisible to the day (core_today,
 * core_ratio and the register read published shifts only) until its week
 * is published. Publishing a week judges the planned ratios of every day,
 * Monday to Sunday, with the drafts in: a week out of ratio anywhere is
 * refused unless a manager overrides it with a reason, which the audit log
 * keeps. The week view says per day who is on, whether a DSL and the SENCo
 * are on site, the slots out of ratio, the greets and hand-overs nobody
 * covers and the drafts waiting; the expiring list shows paediatric first
 * aid certificates running out ahead of time, so the rota can be fixed.
 */
#ifndef KW_CORE_ROTA_H
#define KW_CORE_ROTA_H

#include <jansson.h>

#include "core.h"
#include "date.h"
#include "valid.h"

/* The Monday of the week holding day. */
int core_rota_monday(int day);

/* A draft shift: v as core_shift_fields (staff code, date, start, end,
 * optional room), validated like core_shift_add. Runs inside the caller's
 * transaction and writes the audit row "rota.draft". */
int core_rota_draft_shift(struct store *s, const struct actor *who, const struct field_value *v,
                          int64_t *id, struct op_error *e) WARN_UNUSED;

/* A run of 15-minute slots out of ratio in one room on one day. */
struct rota_short {
	int64_t room_id;  /* 0: the whole setting (listed only where no room is short) */
	const char *room; /* its name */
	char date[DATE_LEN];
	int start, end;      /* minutes */
	int slots;           /* 15-minute slots in the run */
	const char *reasons; /* core_ratio's reasons, the same for the whole run */
};

struct rota_report {
	char monday[DATE_LEN];
	int published;             /* draft shifts published (0 when refused) */
	int slots_short;           /* 15-minute slots out of ratio, every room, the whole week */
	struct rota_short *shorts; /* the runs, by day, room, time */
	size_t nshorts;
	int overridden; /* published although out of ratio */
	struct arena arena;
};

/* Publish the drafts of the week holding monday (any day of it), in ONE
 * transaction of its own (the caller opens none): the drafts become
 * published, then the planned ratios of each day are judged. Out of ratio
 * with override_reason NULL or "": rolled back, OP_CONFLICT, the short
 * slots in report. With a reason: committed with audit
 * "rota.publish.override" (the reason and the count of short slots); a
 * clean week: audit "rota.publish". Free the report with
 * core_rota_report_free, also after a failure. */
int core_rota_publish_week(struct store *s, const struct actor *who, int monday,
                           const char *override_reason, struct rota_report *report,
                           struct op_error *e) WARN_UNUSED;
void core_rota_report_free(struct rota_report *r);

struct rota_day {
	int day;
	char date[DATE_LEN];
	int children;         /* children expected */
	int staff_on;         /* on a published shift, not absent */
	int dsl_on, senco_on; /* a DSL (or deputy) / the SENCo on a published shift, not absent */
	int slots_short;      /* planned, every room (or the setting where no room is short) */
	struct rota_short worst; /* the worst 15-minute slot; worst.slots 0 when in ratio */
	int uncovered;           /* greets and hand-overs with nobody who knows the child */
	int drafts;              /* draft shifts waiting to be published */
};

struct rota_week {
	char monday[DATE_LEN];
	struct rota_day days[7];
	int drafts; /* the week's */
	struct arena arena;
};

/* The week holding monday (any day of it). Free with core_rota_week_free,
 * also after a failure. */
int core_rota_week(struct store *s, int64_t setting_id, int monday, struct rota_week *w,
                   struct op_error *e) WARN_UNUSED;
void core_rota_week_free(struct rota_week *w);
/* {"week", "drafts", "days": [{"date", "weekday", "children", "staff_on", "dsl_on",
 * "senco_on", "slots_short", "worst": {"room", "start", "end", "reasons"}
 * |null, "uncovered", "drafts"}]}; the caller owns it. */
json_t *core_rota_week_json(const struct rota_week *w);

struct rota_cert {
	int64_t staff_id;
	const char *code, *name;
	char expires[DATE_LEN];
	int expired; /* before day: no longer a paediatric first aider */
	int days;    /* days from day to expiry (negative when expired) */
};

struct rota_expiring {
	struct rota_cert *certs; /* soonest first */
	size_t n;
	struct arena arena;
};

/* Staff (not left by day) whose paediatric first aid certificate expired
 * before day or expires within weeks weeks of it. Free with
 * core_rota_expiring_free, also after a failure. */
int core_rota_expiring(struct store *s, int64_t setting_id, int day, int weeks,
                       struct rota_expiring *x, struct op_error *e) WARN_UNUSED;
void core_rota_expiring_free(struct rota_expiring *x);

#endif
