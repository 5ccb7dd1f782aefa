/*
 * page_outbox.c — GET /outbox (page_outbox.h): the newest notifications to
 * families, newest first, each with its family member, child, subject and
 * whether it went by email (sent, waiting, or the last error) or waits in
 * the portal. When no email of the setting has ever been sent, the page
 * says email is off and how to send them (`kw outbox send`).
 */
#include <inttypes.h>
#include <string.h>

#include "core_outbox.h"
#include "date.h"
#include "page_outbox.h"

#define OUTBOX_SHOWN 200

/* The state of one row, in words. */
static const char *state(struct web *w, const struct outbox_row *o)
{
	if (strcmp(o->channel, "email") != 0)
		return "in the portal (no email address)";
	if (o->sent_at)
		return arena_printf(w->a, "sent %s", page_when(w, o->sent_at));
	if (o->attempts >= OUTBOX_MAX_ATTEMPTS)
		return arena_printf(w->a, "given up after %d tries: %s", o->attempts,
		                    o->last_error);
	if (o->attempts)
		return arena_printf(w->a, "waiting (tried %d times: %s)", o->attempts,
		                    o->last_error);
	return "waiting";
}

int page_outbox(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct outbox_row *r;
	struct op_error e;
	size_t n, waiting = 0;
	int ever_sent;
	if (core_outbox_list(w->s, w->me.setting_id, OUTBOX_SHOWN, w->a, &r, &n, &ever_sent, &e) !=
	    0)
		return web_op_error(w, &e);
	for (size_t i = 0; i < n; i++)
		waiting += strcmp(r[i].channel, "email") == 0 && !r[i].sent_at;
	page_begin(w, "Outbox: notifications to families");
	if (!ever_sent)
		html_printf(
		    b,
		    "<p class=\"alert\" role=\"status\" id=\"smtp-off\"><strong>Email is "
		    "off:</strong> no mail server (SMTP) is set up, so nothing has been sent "
		    "by email. The %zu email notifications below wait here; families also "
		    "see the news when they sign in. To send them, run <code>kw outbox send "
		    "--smtp smtp://HOST:587 --from ADDRESS</code> (for example every few "
		    "minutes from cron).</p>",
		    waiting);
	else
		html_printf(b,
		            "<p class=\"notice\" role=\"status\">Email is sent by SMTP (<code>kw "
		            "outbox send</code>); %zu waiting.</p>",
		            waiting);
	if (!n) {
		html_raw(b, "<p>No notifications yet.</p>");
		page_end(w);
		return 0;
	}
	html_printf(b,
	            "<div class=\"table-wrap\"><table><caption>The newest %d notifications, newest "
	            "first</caption><thead><tr><th scope=\"col\">Queued</th><th "
	            "scope=\"col\">To</th><th scope=\"col\">Child</th><th "
	            "scope=\"col\">Subject</th><th scope=\"col\">State</th></tr></thead><tbody>",
	            OUTBOX_SHOWN);
	for (size_t i = 0; i < n; i++)
		html_printf(
		    b, "<tr><td>%s</td><td>%s%s%s%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		    page_when(w, r[i].created_at), r[i].contact, *r[i].email ? " (" : "",
		    r[i].email, *r[i].email ? ")" : "", r[i].child, r[i].subject, state(w, &r[i]));
	html_raw(b, "</tbody></table></div>");
	page_end(w);
	return 0;
}
