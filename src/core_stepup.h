/*
 * core_stepup.h — giving one's password again during a session (a step-up),
 * for the actions that need more than a session: the DSL's safeguarding
 * chronology (core_concern.c, fresh while used within 15 minutes) and the
 * account actions of ASVS 3.7.1 (accounts of others, signing out
 * everywhere, ending sessions: a password at most 10 minutes old). The
 * instants live in the session row (step_up_at, step_up_seen_at), not in
 * the process, so any server behind a load balancer answers alike.
 */
#ifndef KW_CORE_STEPUP_H
#define KW_CORE_STEPUP_H

#include "core.h"

/* The account actions' limit: the password given at most this long ago. */
#define STEPUP_ACCOUNT_MAX_S (10 * 60)

/* Was the password given within max_age_s seconds (counted from when it
 * was given, however much it was used since)? */
int core_stepup_recent(struct store *s, const char *token_hash, int64_t max_age_s);
/* Was it given, or last used, within idle_s seconds? When it was, this use
 * is recorded (step_up_seen_at = now). */
int core_stepup_fresh(struct store *s, const char *token_hash, int64_t idle_s);
/* Check the password of who (in the caller's transaction) and mark the
 * session token_hash stepped up; the audit row is action on object_kind.
 * 0, or 403 on "password". */
int core_stepup_give(struct store *s, const struct actor *who, const char *token_hash,
                     const char *password, const char *action, const char *object_kind,
                     struct op_error *e) WARN_UNUSED;

#endif
