/*
 * core_retention.h — how long each kind of record is kept, and the purge
 * that removes what is due (docs/retention.md).
 *
 * The rules are one table in core_retention.c, a row per record kind
 * (register, diary, development, SEN and behaviour, accidents, medicines,
 * safeguarding, the child's own record, supervision, staff, the audit log),
 * each with its basis (the child's leaving date, the child's age, the
 * person's leaving date, the record's own date) and a default period from
 * EYFS.md; a setting's own retention_rule rows override the period.
 * Safeguarding records never go before the child's 25th birthday, whatever
 * a setting's row says.
 *
 * core_retention_run does the whole purge in the caller's transaction: for
 * a dry run the caller rolls it back (so the dry run lists exactly what an
 * apply would remove, by doing it), for an apply it commits. It is the only
 * code that deletes append-only rows: it holds the purge marker rows that
 * the schema's triggers ask for (013_retention.sql) only inside that
 * transaction, and prunes the audit log only from its start, leaving an
 * anchor (audit_anchor) so the chain still verifies.
 */
#ifndef KW_CORE_RETENTION_H
#define KW_CORE_RETENTION_H

#include <stdint.h>

#include "core.h"
#include "date.h"

#define RETENTION_KINDS_MAX 16

struct retention_result {
	const char *kind;      /* retention_rule.record_kind */
	const char *what;      /* the records, in words */
	char rule[128];        /* the rule in force, in words */
	int64_t records;       /* the kind's records due (register entries, observations …) */
	int64_t rows;          /* rows removed, the records' own parts included */
	int64_t kept;          /* due by date but still needed by records kept longer */
	char oldest[DATE_LEN]; /* the oldest due record's date, "" when none */
};

struct retention_report {
	struct retention_result kinds[RETENTION_KINDS_MAX];
	size_t n;
	int64_t rows; /* all rows removed */
};

/* Remove (in the caller's transaction) every record of who's setting due
 * on day today (days since 1970, in the setting's time zone tz). With
 * apply, the purge's audit row "retention.apply" is written too. */
int core_retention_run(struct store *s, const struct actor *who, int today, const char *tz,
                       int apply, struct retention_report *r, struct op_error *e) WARN_UNUSED;

#endif
