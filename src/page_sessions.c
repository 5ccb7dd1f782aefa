/*
 * page_sessions.c — the pages of page_sessions.h: one's own sessions, the
 * password step-up of the account actions, and the privacy notice. Writes
 * go through core_sessions.c, core_stepup.c and core_privacy.c, each in one
 * transaction with its audit row.
 */
#include <stdio.h>
#include <string.h>

#include "core_privacy.h"
#include "core_session.h"
#include "core_sessions.h"
#include "core_stepup.h"
#include "date.h"
#include "page_portal.h"
#include "page_sessions.h"
#include "portal_text.h"

/* ---- the step-up ---- */

int page_stepup_needed(struct web *w, const char *what)
{
	struct buf *b = &w->resp->body;
	const char *pw = web_body_field(w, "step_up_password");
	struct op_error e;
	int wrong = 0;
	if (core_stepup_recent(w->s, w->me.token_hash, STEPUP_ACCOUNT_MAX_S))
		return 0;
	if (*pw) {
		if (core_tx_begin(w->s, &e) == 0 &&
		    core_stepup_give(w->s, &w->who, w->me.token_hash, pw, "session.step_up", "user",
		                     &e) == 0 &&
		    core_tx_commit(w->s, &e) == 0)
			return 0;
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_FORBIDDEN) {
			web_op_error(w, &e);
			return 1;
		}
		wrong = 1;
	}
	w->resp->status = wrong ? 403 : 200;
	w->resp->cache_control = "no-store";
	buf_reset(b);
	page_begin(w, "Confirm it is you");
	html_printf(b,
	            "<p>To %s, give your password again: keyworker asks for it before account "
	            "changes when you have not given it in the last 10 minutes.</p>",
	            what);
	if (wrong)
		html_raw(b, "<p class=\"alert\" role=\"alert\">That is not your password.</p>");
	html_printf(b, "<form method=\"post\" action=\"%s\" class=\"card\">", w->req->path);
	page_csrf(w);
	/* the action's own fields, sent again with the password */
	for (size_t i = 0; i < w->req->form.n; i++) {
		const struct kv *kv = &w->req->form.v[i];
		if (kv->filename || strcmp(kv->key, "csrf") == 0 ||
		    strcmp(kv->key, "step_up_password") == 0)
			continue;
		html_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", kv->key,
		            kv->val);
	}
	html_raw(b, "<label for=\"step_up_password\">Your password</label>"
	            "<input type=\"password\" id=\"step_up_password\" name=\"step_up_password\" "
	            "autocomplete=\"current-password\" required autofocus>"
	            "<p><button type=\"submit\">Confirm and go on</button> "
	            "<a href=\"/\">Cancel</a></p></form>");
	page_end(w);
	return 1;
}

/* ---- one's own sessions ---- */

static const char *when(struct web *w, int64_t t)
{
	char d[DATE_LEN], hm[TIME_LEN];
	int day, minute;
	date_local(t, w->setting.time_zone, &day, &minute);
	date_format(day, d);
	time_format(minute, hm);
	return arena_printf(w->a, "%s %s", d, hm);
}

int page_sessions(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct my_session *list;
	struct op_error e;
	size_t n;
	if (core_sessions_list(w->s, w->me.user_id, w->me.token_hash, w->a, &list, &n, &e) != 0)
		return web_op_error(w, &e);
	w->resp->cache_control = "no-store";
	page_begin(w, "Where you are signed in");
	html_raw(b,
	         "<p>Each row is a browser or device signed in as you. End any you do not "
	         "recognise, then change your password. Ending a session asks for your "
	         "password again.</p><div class=\"table-wrap\"><table><thead><tr>"
	         "<th scope=\"col\">Signed in</th><th scope=\"col\">Last used</th>"
	         "<th scope=\"col\">From address</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, list[i].current ? "<tr class=\"current\">" : "<tr>");
		html_printf(b, "<td>%s</td><td>%s</td><td>%s</td><td>", when(w, list[i].created_at),
		            when(w, list[i].last_seen), *list[i].ip ? list[i].ip : "unknown");
		html_raw(b, "<form method=\"post\" action=\"/sessions/end\">");
		page_csrf(w);
		html_printf(b,
		            "<input type=\"hidden\" name=\"session\" value=\"%s\">"
		            "<button type=\"submit\" class=\"secondary\">%s</button></form>",
		            list[i].handle,
		            list[i].current ? "End this one (sign out)" : "End this one");
		if (list[i].current)
			html_raw(b, " <strong>this device</strong>");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div><form method=\"post\" action=\"/sessions/end-others\" "
	            "class=\"card\">");
	page_csrf(w);
	html_raw(b, "<button type=\"submit\">End all the others</button></form>");
	page_end(w);
	return 0;
}

int page_sessions_end(struct web *w)
{
	struct op_error e;
	int was_current = 0;
	if (page_stepup_needed(w, "end a session"))
		return 0;
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_sessions_end(w->s, &w->who, w->me.token_hash, web_field(w, "session"),
	                      &was_current, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	if (was_current) {
		w->resp->set_cookie[0] =
		    arena_printf(w->a, "%s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0%s",
		                 w->req->tls ? "__Host-kw" : "kw", w->req->tls ? "; Secure" : "");
		return web_redirect(w, "/signin");
	}
	return web_redirect(w, "/sessions");
}

int page_sessions_end_others(struct web *w)
{
	struct op_error e;
	if (page_stepup_needed(w, "end your other sessions"))
		return 0;
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_sessions_end_others(w->s, &w->who, w->me.token_hash, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/sessions");
}

/* ---- the privacy notice ---- */

/* Paragraphs of a plain text (a blank line between them; \r\n or \n), escaped. */
static void paragraphs(struct buf *b, struct arena *a, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *end = p;
		/* the paragraph ends at a line holding only blanks, or at the end */
		for (;;) {
			const char *nl = strchr(end, '\n');
			const char *next;
			if (!nl) {
				end += strlen(end);
				break;
			}
			next = nl + 1;
			if (next[strspn(next, " \t\r")] == '\n' ||
			    next[strspn(next, " \t\r")] == '\0') {
				end = nl;
				break;
			}
			end = next;
		}
		{
			size_t len = (size_t)(end - p);
			const char *para;
			while (len &&
			       (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t'))
				len--;
			para = arena_strndup(a, p, len);
			if (para[strspn(para, " \t\r\n")])
				html_printf(b, "<p>%s</p>", para);
		}
		p = end;
		while (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')
			p++;
	}
}

void page_privacy_footer(struct web *w)
{
	enum portal_lang l =
	    w->me.signed_in && authz_has(&w->me, ROLE_PARENT) ? portal_lang_me(w) : PORTAL_EN;
	html_printf(&w->resp->body, "<footer class=\"foot\"><a href=\"/privacy\">%s</a>",
	            portal_text(l, M_PRIVACY_LINK));
	if (w->me.signed_in)
		html_printf(&w->resp->body, " · <a href=\"/sessions\">%s</a>",
		            portal_text(l, M_SESSIONS_LINK));
	html_raw(&w->resp->body, "</footer>");
}

void page_privacy_section(struct web *w)
{
	struct buf *b = &w->resp->body;
	enum portal_lang l = portal_lang_me(w);
	const char *own = core_privacy_get(w->s, w->me.setting_id, w->a);
	/* open at the first sign-in, folded after */
	html_printf(b, "<details class=\"card privacy\" id=\"privacy\"%s><summary>%s</summary>",
	            page_privacy_first(w) ? " open" : "", portal_text(l, M_PRIVACY_TITLE));
	paragraphs(b, w->a, own ? own : portal_text(l, M_PRIVACY_DEFAULT));
	html_raw(b, "</details>");
}

int page_privacy_first(struct web *w)
{
	if (!w->me.signed_in || core_privacy_seen(w->s, w->me.user_id) != 0)
		return 0;
	core_privacy_mark_seen(w->s, w->me.user_id);
	return 1;
}

void page_privacy_first_notice(struct web *w)
{
	struct buf *b = &w->resp->body;
	const char *own;
	if (!page_privacy_first(w))
		return;
	own = core_privacy_get(w->s, w->me.setting_id, w->a);
	html_printf(b, "<section class=\"card privacy\" id=\"privacy-first\"><h2>%s</h2>",
	            portal_text(PORTAL_EN, M_PRIVACY_TITLE));
	paragraphs(b, w->a, own ? own : portal_text(PORTAL_EN, M_PRIVACY_DEFAULT));
	html_raw(b, "</section>");
}

int page_privacy(struct web *w)
{
	struct buf *b = &w->resp->body;
	int parent = w->me.signed_in && authz_has(&w->me, ROLE_PARENT);
	enum portal_lang l = parent ? portal_lang_me(w) : PORTAL_EN;
	const char *own = w->me.signed_in ? core_privacy_get(w->s, w->me.setting_id, w->a) : NULL;
	int first = page_privacy_first(w);
	if (parent)
		portal_begin(w, portal_text(l, M_PRIVACY_TITLE));
	else
		page_begin(w, portal_text(l, M_PRIVACY_TITLE));
	html_raw(b, "<section class=\"card privacy\">");
	paragraphs(b, w->a, own ? own : portal_text(l, M_PRIVACY_DEFAULT));
	html_raw(b, "</section>");
	if (first) {
		html_printf(b, "<p><a class=\"button\" href=\"%s\">%s</a></p>",
		            parent ? "/family" : "/", portal_text(l, M_PRIVACY_CONTINUE));
	}
	if (authz_privacy_edit(&w->me)) {
		html_raw(b, "<form method=\"post\" action=\"/privacy\" class=\"card\">"
		            "<h2>Your setting's notice</h2>");
		page_csrf(w);
		html_printf(
		    b,
		    "<label for=\"notice\">The notice families and staff read (blank lines "
		    "between paragraphs; leave it empty for the built-in notice above)</label>"
		    "<textarea id=\"notice\" name=\"notice\" rows=\"14\" maxlength=\"%d\">%s"
		    "</textarea>",
		    PRIVACY_NOTICE_MAX, own ? own : "");
		page_field_error(w, "notice");
		html_raw(b, "<p><button type=\"submit\">Save the notice</button></p></form>");
	}
	page_end(w);
	return 0;
}

int page_privacy_set(struct web *w)
{
	struct op_error e;
	if (!authz_privacy_edit(&w->me))
		return web_error(w, 403, "", "only a manager or an admin edits the privacy notice");
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_privacy_set(w->s, &w->who, web_field(w, "notice"), &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/privacy");
}
