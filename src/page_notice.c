/*
 * page_notice.c — the notices after signing in (see page_notice.h): "Your
 * password was reset by another person: X, D", "Last sign-in (time, address): T, A",
 * "Failed password attempts since then: N". The data is login_attempt and
 * audit_log's user.password rows (core_session_notices); the words are the
 * portal's catalogue (portal_text.c), so a family reads them in their
 * language on /family.
 */
#include "page_notice.h"

#include <inttypes.h>

#include "core_session.h"
#include "date.h"
#include "page_portal.h"
#include "portal_text.h"

static const char *when(struct web *w, int64_t t)
{
	int day, minute;
	char d[DATE_LEN], m[TIME_LEN];
	date_local(t, w->setting.time_zone, &day, &minute);
	date_format(day, d);
	time_format(minute, m);
	return arena_printf(w->a, "%s %s", d, m);
}

void page_signin_notices(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct signin_notice n;
	enum portal_lang l;
	if (!w->me.signed_in)
		return;
	core_session_notices(w->s, w->me.username, w->me.user_id, &n);
	if (!n.this_at || time_now() - n.this_at > NOTICE_SHOWN_S)
		return;
	if (!n.last_at && !n.changed_at && !n.failures)
		return;
	l = portal_lang_me(w); /* the family's language on the portal, English for staff */
	html_raw(b, "<div class=\"notice\" role=\"status\" id=\"signin-notices\">");
	if (n.changed_at && n.changed_by_self)
		html_printf(b, "<p>%s %s.</p>", portal_text(l, M_SIGNIN_PW_SELF),
		            when(w, n.changed_at));
	else if (n.changed_at)
		html_printf(b, "<p>%s %s, %s.</p>", portal_text(l, M_SIGNIN_PW_RESET),
		            *n.changed_by ? n.changed_by : "?", when(w, n.changed_at));
	if (n.last_at && *n.last_ip)
		html_printf(b, "<p>%s %s, %s.</p>", portal_text(l, M_SIGNIN_LAST),
		            when(w, n.last_at), n.last_ip);
	else if (n.last_at)
		html_printf(b, "<p>%s %s.</p>", portal_text(l, M_SIGNIN_LAST), when(w, n.last_at));
	if (n.failures)
		html_printf(
		    b, "<p>%s <strong>%" PRId64 "</strong>. %s</p>",
		    portal_text(l, n.last_at ? M_SIGNIN_FAILED_SINCE : M_SIGNIN_FAILED_BEFORE),
		    n.failures, portal_text(l, M_SIGNIN_NOT_YOU));
	html_raw(b, "</div>");
}
