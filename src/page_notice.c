/*
 * page_notice.c — the notices after signing in (see page_notice.h): "Your
 * password was reset by X on D", "Last sign-in: time, address; N failed
 * attempts since". The data is login_attempt and audit_log's user.password
 * rows (core_session_notices).
 */
#include "page_notice.h"

#include <inttypes.h>

#include "core_session.h"
#include "date.h"

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
	if (!w->me.signed_in)
		return;
	core_session_notices(w->s, w->me.username, w->me.user_id, &n);
	if (!n.this_at || time_now() - n.this_at > NOTICE_SHOWN_S)
		return;
	if (!n.last_at && !n.changed_at && !n.failures)
		return;
	html_raw(b, "<div class=\"notice\" role=\"status\" id=\"signin-notices\">");
	if (n.changed_at && n.changed_by_self)
		html_printf(b, "<p>You changed your password on %s.</p>", when(w, n.changed_at));
	else if (n.changed_at)
		html_printf(b, "<p>Your password was reset by %s on %s.</p>",
		            *n.changed_by ? n.changed_by : "someone", when(w, n.changed_at));
	if (n.last_at)
		html_printf(b, "<p>Last sign-in: %s, from %s.</p>", when(w, n.last_at),
		            *n.last_ip ? n.last_ip : "an unknown address");
	if (n.failures)
		html_printf(b,
		            "<p><strong>%" PRId64 " failed password %s</strong> %s. If that was "
		            "not you, change your password and tell a manager.</p>",
		            n.failures, n.failures == 1 ? "attempt" : "attempts",
		            n.last_at ? "since then" : "before this sign-in");
	html_raw(b, "</div>");
}
