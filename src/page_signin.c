/*
 * page_signin.c — signing in and out, and changing one's password. The
 * sign-in form carries a double-submit CSRF token (a short-lived cookie and
 * the same value in the form), since there is no session yet. Over plain
 * HTTP the page warns that the connection is not private.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "audit.h"
#include "core_session.h"
#include "core_user.h"
#include "page_sessions.h"
#include "page_notice.h"
#include "pages.h"

static const char *session_cookie(struct web *w, const char *token, int max_age)
{
	if (w->req->tls)
		return arena_printf(
		    w->a, "__Host-kw=%s; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=%d", token,
		    max_age);
	return arena_printf(w->a, "kw=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d", token,
	                    max_age);
}

static int signin_page(struct web *w, int status, const char *username, const char *problem)
{
	char pre[TOKEN_LEN];
	struct buf *b = &w->resp->body;
	core_random_token(pre);
	w->resp->status = status;
	w->resp->set_cookie[1] =
	    arena_printf(w->a, "kw_pre=%s; Path=/signin; HttpOnly; SameSite=Strict; Max-Age=3600%s",
	                 pre, w->req->tls ? "; Secure" : "");
	buf_reset(b);
	page_begin(w, "Sign in");
	if (!w->req->tls)
		html_raw(
		    b, "<p class=\"alert\" role=\"note\">This connection is not encrypted (plain "
		       "HTTP): "
		       "others on the network could read what is sent. Ask whoever runs keyworker "
		       "to turn on HTTPS (see the deployment guide).</p>");
	if (problem)
		html_printf(b, "<p class=\"alert\" role=\"alert\" id=\"signin-error\">%s</p>",
		            problem);
	html_printf(
	    b,
	    "<form method=\"post\" action=\"/signin\" class=\"card\">"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<label for=\"username\">Username</label>"
	    "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" "
	    "autocapitalize=\"none\" required value=\"%s\">"
	    "<label for=\"password\">Password</label>"
	    "<input type=\"password\" id=\"password\" name=\"password\" "
	    "autocomplete=\"current-password\" required>"
	    "<p><button type=\"submit\">Sign in</button></p></form>",
	    pre, username ? username : "");
	page_end(w);
	return 0;
}

int page_signin_form(struct web *w)
{
	if (w->me.signed_in)
		return web_redirect(w, "/");
	return signin_page(w, 200, NULL, NULL);
}

int page_signin(struct web *w)
{
	const char *user = web_field(w, "username"), *pass = web_body_field(w, "password");
	char token[TOKEN_LEN];
	struct session_user u;
	enum signin_result r;
	if (!*user || !*pass || strlen(user) > 100 || strlen(pass) > PASSWORD_MAX_BYTES)
		return signin_page(w, 422, user, "Give your username and password.");
	r = core_session_signin(w->s, user, pass, w->req->ip, token, &u);
	switch (r) {
	case SIGNIN_OK:
		break;
	case SIGNIN_LOCKED:
		return signin_page(
		    w, 429, user,
		    "Too many failed attempts for this account from here: wait 15 minutes, "
		    "or ask a manager to reset the password.");
	case SIGNIN_ADDRESS_LOCKED:
		return signin_page(w, 429, user,
		                   "Too many failed attempts from this device or network: wait 15 "
		                   "minutes before trying again.");
	case SIGNIN_EXPIRED:
		return signin_page(
		    w, 401, user,
		    "This one-time password has expired (it works for 3 days): ask a manager "
		    "to reset your password again.");
	case SIGNIN_NO_SETTING:
	case SIGNIN_DISABLED:
	case SIGNIN_BAD:
		return signin_page(w, 401, user, "That username and password do not match.");
	}
	w->resp->set_cookie[0] = session_cookie(w, token, SESSION_ABSOLUTE_S);
	sodium_memzero(token, sizeof token); /* the cookie's copy is in the arena, wiped too */
	w->resp->set_cookie[1] = "kw_pre=; Path=/signin; Max-Age=0";
	{
		struct actor who = {.setting_id = u.setting_id,
		                    .user_id = u.user_id,
		                    .name = u.username,
		                    .ip = w->req->ip};
		struct op_error e;
		if (store_begin(w->s) == STORE_OK) {
			if (audit_write(w->s, &who, "signin", "user", u.user_id, 0, "", &e) != 0 ||
			    store_commit(w->s) != STORE_OK)
				store_rollback(w->s);
		}
	}
	return web_redirect(w, u.must_change ? "/password" : "/");
}

int page_signout(struct web *w)
{
	core_session_end(w->s, w->me.token_hash);
	w->resp->set_cookie[0] = session_cookie(w, "", 0);
	return web_redirect(w, "/signin");
}

int page_signout_everywhere(struct web *w)
{
	if (page_stepup_needed(w, "sign out everywhere")) /* ASVS 3.7.1 */
		return 0;
	core_session_end_all(w->s, w->me.user_id);
	w->resp->set_cookie[0] = session_cookie(w, "", 0);
	return web_redirect(w, "/signin");
}

static int password_page(struct web *w, int status, const char *problem, const char *done)
{
	struct buf *b = &w->resp->body;
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Change your password");
	page_signin_notices(w);
	if (w->me.must_change)
		html_raw(
		    b, "<p class=\"notice\">Please choose your own password before you go on.</p>");
	if (done)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>", done);
	html_raw(b, "<form method=\"post\" action=\"/password\" class=\"card\">");
	page_csrf(w);
	html_raw(b, "<label for=\"current\">Current password</label>"
	            "<input type=\"password\" id=\"current\" name=\"current\" "
	            "autocomplete=\"current-password\" required>");
	page_field_error(w, "current");
	html_raw(b,
	         "<label for=\"new\">New password (at least 12 characters)</label>"
	         "<input type=\"password\" id=\"new\" name=\"new\" autocomplete=\"new-password\" "
	         "minlength=\"12\" data-meter required>");
	page_field_error(w, "new");
	html_raw(b, "<p><button type=\"submit\">Change password</button></p></form>"
	            "<form method=\"post\" action=\"/signout-everywhere\" class=\"card\">");
	page_csrf(w);
	html_raw(b,
	         "<p>Signed in on a device you no longer have?</p>"
	         "<button type=\"submit\" class=\"secondary\">Sign out everywhere</button></form>");
	UNUSED(problem);
	page_end(w);
	return 0;
}

int page_password_form(struct web *w)
{
	return password_page(w, 200, NULL, NULL);
}

int page_password(struct web *w)
{
	const char *cur = web_body_field(w, "current"), *neu = web_body_field(w, "new");
	struct store_stmt *st = store_stmt(w->s, STMT_USER_BY_NAME);
	struct op_error e;
	char hash[256] = "";
	const char *why;
	/* the current password is a guess like a sign-in's: limited and counted */
	if (core_session_limit(w->s, w->me.username, w->req->ip) != SIGNIN_OK) {
		w->field_error[0] = "current";
		w->field_error[1] =
		    "Too many wrong passwords: wait 15 minutes before trying again.";
		return password_page(w, 429, NULL, NULL);
	}
	store_bind_text(st, 1, w->me.username);
	if (store_step(st) == STORE_ROW)
		snprintf(hash, sizeof hash, "%s", store_col_text(st, 1));
	store_finish(st);
	if (!*hash || core_password_verify(hash, cur) != 0) {
		core_session_failure(w->s, w->me.username, w->req->ip, "password");
		w->field_error[0] = "current";
		w->field_error[1] = "This is not your current password.";
		return password_page(w, 422, NULL, NULL);
	}
	if ((why = core_password_problem_for(w->s, w->me.setting_id, neu, w->me.username)) ||
	    (strcmp(cur, neu) == 0 && (why = "must not be the current password"))) {
		w->field_error[0] = "new";
		w->field_error[1] = arena_printf(w->a, "The new password %s.", why);
		return password_page(w, 422, NULL, NULL);
	}
	if (core_tx_begin(w->s, &e) ||
	    core_user_set_password(w->s, &w->who, w->me.username, neu, 0, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status == OP_INVALID && strcmp(e.field, "password") == 0) {
			w->field_error[0] = "new";
			w->field_error[1] = arena_printf(w->a, "The new password %s.", e.msg);
			return password_page(w, 422, NULL, NULL);
		}
		return web_op_error(w, &e);
	}
	/* Every session ended with the change; this device signs in again. */
	w->resp->set_cookie[0] = session_cookie(w, "", 0);
	return web_redirect(w, "/signin");
}
