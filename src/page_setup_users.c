/*
 * page_setup_users.c — the accounts of this setting, for an admin or a
 * manager (GET /admin/users): who can sign in, with which roles, linked to
 * which member of staff or parent's contact; adding an account (POST
 * /admin/users) with a random one-time password shown once on the answer
 * and a new password asked for at first sign-in; resetting a password the
 * same way (POST /admin/users/:id/reset) and disabling an account (POST
 * /admin/users/:id/disable); both end the account's sessions. Who may do
 * what to which account is authz_user_grant / authz_user_change. Staff who
 * have left but can still sign in are listed first, each with a one-click
 * disable.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core_staff.h"
#include "core_user.h"
#include "date.h"
#include "page_sessions.h"
#include "page_setup.h"

#define ONE_TIME_LEN 17 /* 16 characters and the NUL */

static const char *const role_labels[ROLE__MAX] = {
    [ROLE_MANAGER] = "Manager (or deputy, room leader)",
    [ROLE_PRACTITIONER] = "Practitioner (key person, buddy)",
    [ROLE_SENCO] = "SENCo",
    [ROLE_DSL] = "Designated safeguarding lead",
    [ROLE_PARENT] = "Parent or carer",
    [ROLE_ADMIN] = "Admin (accounts and backups, no child records)",
};

struct user_line {
	int64_t id;
	const char *username, *display_name, *staff_code, *staff_name, *leaving, *contact;
	int disabled, must_change;
	unsigned roles;
};

static unsigned user_roles(struct web *w, int64_t user_id)
{
	struct store_stmt *st = store_stmt(w->s, STMT_USER_ROLES);
	unsigned roles = 0;
	store_bind_int(st, 1, user_id);
	store_bind_int(st, 2, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		int r = role_parse(store_col_text(st, 0));
		if (r >= 0)
			roles |= R(r);
	}
	store_finish(st);
	return roles;
}

static struct user_line *users_load(struct web *w, size_t *n)
{
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_USERS);
	struct user_line *v = NULL;
	size_t cap = 0;
	*n = 0;
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		struct user_line *u;
		v = page_setup_grow(w, v, &cap, *n, sizeof *v);
		u = &v[(*n)++];
		u->id = store_col_int(st, 0);
		u->username = arena_strdup(w->a, store_col_text(st, 1));
		u->display_name = arena_strdup(w->a, store_col_text(st, 2));
		u->disabled = (int)store_col_int(st, 3);
		u->must_change = (int)store_col_int(st, 4);
		u->staff_code = arena_strdup(w->a, store_col_text(st, 5));
		u->staff_name = arena_strdup(w->a, store_col_text(st, 6));
		u->leaving = arena_strdup(w->a, store_col_text(st, 7));
		u->contact = arena_strdup(w->a, store_col_text(st, 8));
	}
	store_finish(st);
	for (size_t i = 0; i < *n; i++)
		v[i].roles = user_roles(w, v[i].id);
	return v;
}

static const char *roles_text(struct web *w, unsigned roles)
{
	const char *t = "";
	for (int r = 0; r < ROLE__MAX; r++)
		if (roles & R(r))
			t = arena_printf(w->a, "%s%s%s", t, *t ? ", " : "", role_names[r]);
	return t;
}

static int has_left(const struct user_line *u, const char *today)
{
	return *u->leaving && strcmp(u->leaving, today) < 0;
}

static void action_button(struct web *w, const struct user_line *u, const char *action,
                          const char *label, const char *confirm)
{
	html_printf(&w->resp->body,
	            "<form method=\"post\" action=\"/admin/users/%lld/%s\" class=\"inline\">",
	            (long long)u->id, action);
	page_csrf(w);
	html_printf(&w->resp->body,
	            "<button type=\"submit\" class=\"secondary\" data-confirm=\"%s\">%s<span "
	            "class=\"visually-hidden\"> "
	            "for %s</span></button></form> ",
	            confirm, label, u->username);
}

static void leavers(struct web *w, const struct user_line *v, size_t n, const char *today)
{
	struct buf *b = &w->resp->body;
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct user_line *u = &v[i];
		if (u->disabled || !has_left(u, today))
			continue;
		if (!k++)
			html_raw(b, "<section class=\"alert\" aria-labelledby=\"leavers\">"
			            "<h2 id=\"leavers\">Staff who have left but can still sign "
			            "in</h2><ul>");
		html_printf(b, "<li>%s (%s %s) left on %s. ", u->username, u->staff_code,
		            u->staff_name, u->leaving);
		if (authz_user_change(&w->me, u->id, u->roles))
			action_button(w, u, "disable", "Disable the account",
			              "Disable this account? They will be signed out everywhere.");
		else
			html_raw(b, "Ask an admin to disable the account.");
		html_raw(b, "</li>");
	}
	if (k)
		html_raw(b, "</ul></section>");
}

static void users_table(struct web *w, const struct user_line *v, size_t n, const char *today)
{
	struct buf *b = &w->resp->body;
	html_raw(
	    b,
	    "<h2>Accounts</h2><div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	    "<th scope=\"col\">Username</th><th scope=\"col\">Name</th><th scope=\"col\">Roles</th>"
	    "<th scope=\"col\">Who they are</th><th scope=\"col\">Status</th>"
	    "<th scope=\"col\">Actions</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		const struct user_line *u = &v[i];
		html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>",
		            u->username, u->display_name, roles_text(w, u->roles));
		if (*u->staff_code) {
			html_printf(b, "%s %s", u->staff_code, u->staff_name);
			if (has_left(u, today))
				html_raw(b, " <span class=\"tag\">left</span>");
		} else if (*u->contact)
			html_printf(b, "%s (parent or carer)", u->contact);
		html_raw(b, "</td><td>");
		if (u->disabled)
			html_raw(b, "<span class=\"muted\">disabled</span>");
		else if (u->must_change)
			html_raw(b, "active; a new password is due at the next sign-in");
		else
			html_raw(b, "active");
		html_raw(b, "</td><td>");
		if (u->id == w->me.user_id)
			html_raw(b, "<a href=\"/password\">Change your password</a>");
		else if (authz_user_change(&w->me, u->id, u->roles)) {
			action_button(
			    w, u, "reset", "Reset password",
			    "Give this account a new one-time password? Its sessions end.");
			if (!u->disabled)
				action_button(
				    w, u, "disable", "Disable",
				    "Disable this account? They will be signed out everywhere.");
		} else if (u->roles & R(ROLE_ADMIN))
			html_raw(
			    b,
			    "<span class=\"muted\">only an admin may change this account</span>");
		else
			html_raw(b, "<span class=\"muted\">only an admin or the safeguarding lead "
			            "may change "
			            "this account</span>");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
}

/* A text input of the add form, with its hint, the person's input kept and
 * its error; attrs is a literal of further attributes. */
static void user_input(struct web *w, const char *name, const char *label, const char *hint,
                       const char *attrs)
{
	struct buf *b = &w->resp->body;
	int bad = w->field_error[0] && strcmp(w->field_error[0], name) == 0;
	html_printf(b,
	            "<label for=\"%s\">%s</label><p class=\"hint\" id=\"%s-hint\">%s</p>"
	            "<input type=\"text\" id=\"%s\" name=\"%s\" value=\"%s\"",
	            name, label, name, hint, name, name, web_field(w, name));
	html_raw(b, attrs);
	if (bad)
		html_printf(b, " aria-invalid=\"true\" aria-describedby=\"%s-hint %s-error\">",
		            name, name);
	else
		html_printf(b, " aria-describedby=\"%s-hint\">", name);
	page_field_error(w, name);
}

static void add_form(struct web *w, unsigned roles_checked)
{
	struct buf *b = &w->resp->body;
	const char *bad = w->field_error[0] ? w->field_error[0] : "";
	html_raw(b, "<h2 id=\"add-user\">Add an account</h2>");
	if (*bad)
		html_printf(
		    b,
		    "<div class=\"alert\" role=\"alert\"><p><strong>No account was made.</strong> "
		    "%s</p></div>",
		    w->field_error[1]);
	html_raw(b, "<form method=\"post\" action=\"/admin/users\" class=\"card\" "
	            "aria-labelledby=\"add-user\">");
	page_csrf(w);
	user_input(w, "username", "Username", "Letters, digits, '.', '-', '_' or '@'",
	           " required autocapitalize=\"none\" maxlength=\"100\"");
	html_printf(b,
	            "<label for=\"display_name\">Name</label>"
	            "<input type=\"text\" id=\"display_name\" name=\"display_name\" value=\"%s\" "
	            "maxlength=\"200\">",
	            web_field(w, "display_name"));
	html_raw(b, "<fieldset><legend>Roles</legend>");
	for (int r = 0; r < ROLE__MAX; r++) {
		if (!authz_user_grant(&w->me, R(r)))
			continue;
		html_printf(
		    b,
		    "<div class=\"check\"><input type=\"checkbox\" id=\"role-%s\" name=\"role\" "
		    "value=\"%s\"%s><label for=\"role-%s\">%s</label></div>",
		    role_names[r], role_names[r], roles_checked & R(r) ? " checked" : "",
		    role_names[r], role_labels[r]);
	}
	page_field_error(w, "role");
	html_raw(b, "</fieldset>");
	user_input(w, "staff", "Staff code (optional)",
	           "For staff: their code on the staff list, e.g. S04", " maxlength=\"40\"");
	user_input(w, "contact", "Contact number (optional)",
	           "For a parent or carer: use the link \"Give them a sign-in\" beside them among "
	           "the child's contacts",
	           " inputmode=\"numeric\"");
	html_raw(b, "<p><button type=\"submit\">Add the account</button></p></form>");
}

static int users_page(struct web *w, int status, unsigned roles_checked)
{
	struct buf *b = &w->resp->body;
	char today[DATE_LEN];
	struct user_line *v;
	size_t n;
	date_format(page_setup_today(w), today);
	v = users_load(w, &n);
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Users");
	leavers(w, v, n, today);
	users_table(w, v, n, today);
	add_form(w, roles_checked);
	page_end(w);
	return 0;
}

/* Roles ticked in the request (the form, or a link's query that prefills it). */
static unsigned roles_asked(const struct kv_list *l, int *unknown)
{
	unsigned roles = 0;
	*unknown = 0;
	for (size_t i = 0; i < l->n; i++) {
		int r;
		if (strcmp(l->v[i].key, "role") != 0)
			continue;
		if ((r = role_parse(l->v[i].val)) < 0)
			*unknown = 1;
		else
			roles |= R(r);
	}
	return roles;
}

int page_setup_users(struct web *w)
{
	int unknown;
	return users_page(w, 200, roles_asked(&w->req->qs, &unknown));
}

static const char *field_label(const char *field)
{
	static const char *const labels[][2] = {
	    {"username", "Username"}, {"password", "Password"},      {"role", "Roles"},
	    {"staff", "Staff code"},  {"contact", "Contact number"},
	};
	for (size_t i = 0; i < ARRAY_LEN(labels); i++)
		if (strcmp(field, labels[i][0]) == 0)
			return labels[i][1];
	return "Username";
}

static int refuse(struct web *w, int status, unsigned roles, const char *field, const char *msg)
{
	w->field_error[0] = field;
	w->field_error[1] = msg;
	return users_page(w, status, roles);
}

/* The answer that shows a one-time password, the only time it is ever shown. */
/* Shows the one-time password once, then wipes the caller's copy (ASVS
 * 8.3.6; the page's own buffer is wiped when it is freed, see buf.c). */
static int one_time_page(struct web *w, const char *title, const char *username,
                         char password[ONE_TIME_LEN], const char *what)
{
	struct buf *b = &w->resp->body;
	w->resp->cache_control = "no-store";
	buf_reset(b);
	page_begin(w, title);
	html_printf(b,
	            "<div class=\"notice\" role=\"status\"><p>%s</p>"
	            "<p>One-time password for <strong>%s</strong>: "
	            "<code class=\"password\" id=\"one-time-password\">%s</code></p></div>"
	            "<p>Give it to them in person or read it out; do not send it by email. It is "
	            "shown only this once: keyworker does not keep it. When they first sign in "
	            "they choose their own password.</p><p><a href=\"/admin/users\">Back to the "
	            "users</a></p>",
	            what, username, password);
	page_end(w);
	sodium_memzero(password, ONE_TIME_LEN);
	return 0;
}

int page_setup_user_add(struct web *w)
{
	const char *staff = web_field(w, "staff"), *contact = web_field(w, "contact");
	char password[ONE_TIME_LEN];
	struct user_new u;
	struct op_error e;
	unsigned roles;
	int64_t id;
	int unknown;
	long cid = 0;

	roles = roles_asked(&w->req->form, &unknown);
	if (unknown)
		return refuse(w, 422, roles, "role", "Roles: that is not one of the roles.");
	if (!roles)
		return refuse(w, 422, roles, "role", "Roles: tick at least one.");
	if (!authz_user_grant(&w->me, roles))
		return refuse(w, 403, roles, "role",
		              authz_has(&w->me, ROLE_ADMIN) || !(roles & R(ROLE_ADMIN))
		                  ? "Only an admin or the safeguarding lead may give the "
		                    "safeguarding lead role."
		                  : "Only an admin may make an admin account.");
	if (page_stepup_needed(w, "make an account")) /* ASVS 3.7.1 */
		return 0;
	memset(&u, 0, sizeof u);
	if (*staff && !(u.staff_id = core_staff_find(w->s, w->me.setting_id, staff)))
		return refuse(
		    w, 422, roles, "staff",
		    arena_printf(w->a, "Staff code: there is nobody with the code %s.", staff));
	if (*contact && parse_long(contact, 1, 0x7fffffffL, &cid) != 0)
		return refuse(w, 422, roles, "contact", "Contact number: must be a whole number.");
	u.contact_id = cid;
	u.username = web_field(w, "username");
	u.display_name = *web_field(w, "display_name") ? web_field(w, "display_name") : NULL;
	u.roles = roles;
	u.must_change = 1;
	core_password_random(password, sizeof password);
	u.password = password;
	if (core_tx_begin(w->s, &e) || core_user_add(w->s, &w->who, &u, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		sodium_memzero(password, sizeof password);
		return refuse(w,
		              e.status == OP_INVALID ? 422
		              : e.status == OP_OK    ? 500
		                                     : (int)e.status,
		              roles, *e.field ? arena_strdup(w->a, e.field) : "username",
		              arena_printf(w->a, "%s: %s.", field_label(e.field), e.msg));
	}
	return one_time_page(w, "Account made", u.username, password,
	                     arena_printf(w->a, "The account %s is ready.", u.username));
}

/* The account :id of this setting and its roles; -1 when there is none here. */
static int target_user(struct web *w, const char **username, int *disabled, unsigned *roles)
{
	struct store_stmt *st = store_stmt(w->s, STMT_SETUP_USER_GET);
	int found;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	found = store_step(st) == STORE_ROW;
	if (found) {
		*username = arena_strdup(w->a, store_col_text(st, 1));
		*disabled = (int)store_col_int(st, 2);
	}
	store_finish(st);
	if (!found)
		return -1;
	*roles = user_roles(w, w->id[0]);
	if (authz_group_account(w, w->id[0])) /* a group manager's account: an admin's */
		*roles |= R(ROLE_ADMIN);
	return 0;
}

static int change_refused(struct web *w, unsigned roles, const char *what)
{
	if (w->id[0] == w->me.user_id)
		return web_error(w, 403, "", "you cannot %s your own account here", what);
	if (roles & R(ROLE_ADMIN))
		return web_error(w, 403, "", "only an admin may %s this account", what);
	return web_error(w, 403, "", "only an admin or the safeguarding lead may %s this account",
	                 what);
}

int page_setup_user_disable(struct web *w)
{
	const char *username;
	unsigned roles;
	int disabled;
	struct op_error e;
	if (target_user(w, &username, &disabled, &roles) != 0)
		return web_error(w, 404, "", "there is no such account");
	if (!authz_user_change(&w->me, w->id[0], roles))
		return change_refused(w, roles, "disable");
	if (page_stepup_needed(w, arena_printf(w->a, "disable the account %s", username)))
		return 0;
	if (disabled)
		return web_redirect(w, "/admin/users");
	if (core_tx_begin(w->s, &e) || core_user_disable(w->s, &w->who, username, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/admin/users");
}

int page_setup_user_reset(struct web *w)
{
	const char *username;
	char password[ONE_TIME_LEN];
	unsigned roles;
	int disabled;
	struct op_error e;
	if (target_user(w, &username, &disabled, &roles) != 0)
		return web_error(w, 404, "", "there is no such account");
	if (!authz_user_change(&w->me, w->id[0], roles))
		return change_refused(w, roles, "reset the password of");
	if (page_stepup_needed(w, arena_printf(w->a, "reset the password of %s", username)))
		return 0;
	core_password_random(password, sizeof password);
	if (core_tx_begin(w->s, &e) ||
	    core_user_set_password(w->s, &w->who, username, password, 1, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		sodium_memzero(password, sizeof password);
		return web_op_error(w, &e);
	}
	return one_time_page(w, "Password reset", username, password,
	                     disabled
	                         ? arena_printf(w->a,
	                                        "The password of %s is reset; the account is "
	                                        "still disabled.",
	                                        username)
	                         : arena_printf(w->a,
	                                        "The password of %s is reset and every session "
	                                        "of the account has ended.",
	                                        username));
}
