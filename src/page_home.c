/*
 * page_home.c — the first page after signing in, by role: a practitioner
 * sees their key children and buddy children; a manager the setting at a
 * glance; a parent their own children; an admin the accounts.
 */
#include <string.h>

#include "authz.h"
#include "page_concern.h"
#include "page_day.h"
#include "page_sessions.h"
#include "page_welfare.h"
#include "date.h"
#include "page_notice.h"
#include "pages.h"

static void my_children(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_HOME_MY_CHILDREN);
	char today[DATE_LEN];
	int n = 0;
	date_format(date_today(w->setting.time_zone), today);
	store_bind_int(st, 1, w->me.staff_id);
	store_bind_int(st, 2, w->me.staff_id);
	store_bind_int(st, 3, w->me.setting_id);
	store_bind_text(st, 4, today);
	store_bind_text(st, 5, today);
	store_bind_text(st, 6, today);
	store_bind_text(st, 7, today);
	store_bind_int(st, 8, w->me.staff_id);
	html_raw(b,
	         "<h2>My key children and buddy children</h2><div class=\"table-wrap\" "
	         "tabindex=\"0\"><table>"
	         "<thead><tr><th scope=\"col\">Child</th><th scope=\"col\">Room</th>"
	         "<th scope=\"col\">I am</th><th scope=\"col\">Allergies</th></tr></thead><tbody>");
	while (store_step(st) == STORE_ROW) {
		n++;
		html_printf(
		    b,
		    "<tr><td><a href=\"/children/%lld\">%s %s</a></td><td>%s</td><td>%s</td>"
		    "<td>%s</td></tr>",
		    (long long)store_col_int(st, 0), store_col_text(st, 1), store_col_text(st, 2),
		    store_col_text(st, 3),
		    store_col_int(st, 4) == w->me.staff_id ? "key person" : "buddy",
		    store_col_text(st, 5));
	}
	store_finish(st);
	html_raw(b, "</tbody></table></div>");
	if (!n)
		html_raw(b, "<p>You have no key children or buddy children at the moment.</p>");
}

int page_home(struct web *w)
{
	struct buf *b = &w->resp->body;
	if (authz_has(&w->me, ROLE_PARENT))
		return web_redirect(w, "/family");
	page_begin(w, "Home");
	page_privacy_first_notice(w); /* a first sign-in reads the privacy notice */
	html_printf(b, "<p>Signed in as %s.</p>", w->me.display_name);
	page_signin_notices(w); /* password changes, last sign-in, failures since */
	page_day_ratio_warning(w);
	page_concern_badge(w); /* the DSL: new safeguarding concerns */
	page_welfare_badge(w); /* welfare patterns; allegations overdue at Ofsted */
	if (authz_has(&w->me, ROLE_PRACTITIONER) && w->me.staff_id)
		my_children(w);
	if (authz_has(&w->me, ROLE_MANAGER) || authz_has(&w->me, ROLE_SENCO) ||
	    authz_has(&w->me, ROLE_DSL))
		html_raw(
		    b, "<div class=\"grid\">"
		       "<a class=\"card\" href=\"/today\">Today: who greets and who hands over</a>"
		       "<a class=\"card\" href=\"/children\">Children</a>"
		       "<a class=\"card\" href=\"/keygroups\">Key groups</a></div>");
	if (authz_has(&w->me, ROLE_ADMIN))
		html_raw(b, "<p><a href=\"/admin/users\">Users and passwords</a></p>");
	page_end(w);
	return 0;
}
