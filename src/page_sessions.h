/*
 * page_sessions.h — a person's own sessions (/sessions: list them, end one
 * or all the others; ASVS 3.3.4), the password step-up that account actions
 * ask for (ASVS 3.7.1), and the setting's privacy notice (/privacy: shown to
 * everyone, edited by a manager or admin, shown at a person's first
 * sign-in; ASVS 8.3.3).
 *
 * The step-up: an action that needs it calls page_stepup_needed() once it
 * knows the person may act. When the session's password is older than
 * STEPUP_ACCOUNT_MAX_S, the answer is a page asking for it, whose form posts
 * the same fields back to the same address with step_up_password added; the
 * next request checks that password (core_stepup_give) and goes on with the
 * action. So the action happens in the request that carries the password,
 * and a refused password changes nothing.
 */
#ifndef KW_PAGE_SESSIONS_H
#define KW_PAGE_SESSIONS_H

#include "authz.h"
#include "pages.h"

page_fn page_sessions, page_sessions_end, page_sessions_end_others, page_privacy, page_privacy_set;

/* 0: the password is recent (or was just given, and right): go on. 1: the
 * answer (the page asking for the password, or refusing a wrong one) is
 * written; the handler returns 0 and does nothing. what names the action
 * ("disable the account of ana"). */
int page_stepup_needed(struct web *w, const char *what);
/* Is this the person's first page since the notice came (their first
 * sign-in)? Then 1, and it is recorded as shown. */
int page_privacy_first(struct web *w);
/* On the staff's home page: the notice in full, at the first sign-in only
 * (a family's first /family opens it: page_privacy_section). */
void page_privacy_first_notice(struct web *w);
/* The privacy notice, folded, in the family's language (on /family). */
void page_privacy_section(struct web *w);
/* The footer every page ends with: the privacy notice, one's sessions. */
void page_privacy_footer(struct web *w);

/* clang-format off */
#define ROUTES_SESSIONS                                                                            \
	{"GET", "/sessions", page_sessions, ANY_SIGNED_IN},                                        \
	{"POST", "/sessions/end", page_sessions_end, ANY_SIGNED_IN},                               \
	{"POST", "/sessions/end-others", page_sessions_end_others, ANY_SIGNED_IN},                 \
	{"GET", "/privacy", page_privacy, PUBLIC},                                                 \
	{"POST", "/privacy", page_privacy_set, R(ROLE_MANAGER) | R(ROLE_ADMIN)},
/* clang-format on */

#endif
