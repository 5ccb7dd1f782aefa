/*
 * page_notice.h — what a person is told just after signing in: who last
 * changed their password, and their previous sign-in with the failed
 * password checks since (ASVS 2.2.3, 2.5.5). Staff have no email, so it is
 * said in the app.
 */
#ifndef KW_PAGE_NOTICE_H
#define KW_PAGE_NOTICE_H

#include "pages.h"

#define NOTICE_SHOWN_S (10 * 60) /* shown for this long after signing in */

/* Write the notices (nothing when there is nothing to say, or the sign-in
 * is older than NOTICE_SHOWN_S). */
void page_signin_notices(struct web *w);

#endif
