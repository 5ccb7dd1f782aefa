/*
 * page_common.c — the frame every page shares (skip link, the setting's
 * name, navigation for the person's roles, sign-out), the CSRF field,
 * field errors, /healthz and the embedded static assets.
 */
#include <string.h>

#include "authz.h"
#include "page_sessions.h"
#include "pages.h"
#include "date.h"

struct static_asset {
	const char *name;
	const char *type;
	const unsigned char *bytes;
	size_t len;
};
extern const struct static_asset static_assets[];
extern const size_t static_assets_count;

static const struct {
	const char *href, *label;
	unsigned roles; /* shown to any of these */
} nav[] = {
    {"/", "Home", ~0u},
    {"/today", "Today", ROLES_STAFF},
    {"/register", "Register", ROLES_STAFF},
    {"/messages", "Messages", ROLES_STAFF},
    {"/family-messages", "Family messages", ROLES_STAFF},
    {"/ratios", "Ratios", ROLES_STAFF},
    {"/medicines", "Medicines", ROLES_STAFF}, /* doses due per room (page_medicine.c) */
    {"/menu", "Menu", ROLES_STAFF},           /* issue 9: menus, allergen clashes, family changes */
    {"/family-changes", "Family changes", ROLES_STAFF},
    {"/children", "Children", ROLES_STAFF},
    {"/diary", "Diary", ROLES_STAFF},
    {"/weekly", "Weekly updates", ROLES_STAFF},
    {"/twoyear", "Checks at two", ROLES_STAFF},
    {"/meetings", "Meetings", ROLES_STAFF},
    {"/observations", "Observations", ROLES_STAFF},
    {"/coverage", "Coverage", ROLES_STAFF},
    {"/keygroups", "Key groups", R(ROLE_MANAGER) | R(ROLE_SENCO)},
    {"/sen", "SEN", R(ROLE_MANAGER) | R(ROLE_SENCO)},
    {"/supervision", "Supervision", ROLES_STAFF},
    {"/rota", "Rota", R(ROLE_MANAGER)},
    {"/staff", "Staff", R(ROLE_MANAGER)},
    {"/rooms", "Rooms", R(ROLE_MANAGER)},
    {"/import", "Import", R(ROLE_MANAGER)},
    {"/admin/users", "Users", R(ROLE_ADMIN) | R(ROLE_MANAGER)},
    /* issue 8: safeguarding and the audit log */
    {"/concerns/new", "Report a concern", ROLES_STAFF},
    {"/safeguarding", "Safeguarding", R(ROLE_DSL)},
    {"/audit", "Audit", R(ROLE_MANAGER) | R(ROLE_DSL) | R(ROLE_ADMIN)},
    /* issue 8: accidents and injuries on arrival (page_accident.c) */
    {"/accidents/new", "Record an accident", ROLES_STAFF},
    {"/accidents", "Accident book", R(ROLE_MANAGER) | R(ROLE_DSL)},
    /* contracts, funded hours and parental feedback */
    {"/contracts", "Contracts", R(ROLE_MANAGER)},
    /* issue 8: welfare patterns and allegations against staff */
    {"/welfare", "Welfare", R(ROLE_MANAGER) | R(ROLE_DSL) | R(ROLE_SENCO)},
    {"/allegations", "Allegations", R(ROLE_MANAGER) | R(ROLE_DSL)},
    /* issue 9: partnership with parents */
    {"/policies", "Policies", ROLES_STAFF},
    {"/notices", "Notices", R(ROLE_MANAGER)},
    /* issue 7: the email outbox (page_outbox.c) */
    {"/outbox", "Outbox", R(ROLE_MANAGER)},
    {"/retention", "Retention", R(ROLE_MANAGER) | R(ROLE_ADMIN)},
};

void page_begin(struct web *w, const char *title)
{
	struct buf *b = &w->resp->body;
	w->resp->content_type = "text/html; charset=utf-8";
	html_printf(b,
	            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	            "<title>%s — keyworker</title>"
	            "<link rel=\"stylesheet\" href=\"/static/style.css\">"
	            "<script src=\"/static/app.js\" defer></script></head><body>"
	            "<a class=\"skip\" href=\"#main\">Skip to content</a>"
	            "<header class=\"top\"><a class=\"brand\" href=\"/\">keyworker</a>",
	            title);
	if (w->me.signed_in) {
		html_printf(b, "<span>%s</span><nav aria-label=\"Main\"><ul>", w->setting.name);
		for (size_t i = 0; i < ARRAY_LEN(nav); i++)
			if (w->me.roles & nav[i].roles)
				html_printf(b, "<li><a href=\"%s\">%s</a></li>", nav[i].href,
				            nav[i].label);
		page_group_nav(w);
		html_printf(b,
		            "</ul></nav><form method=\"post\" action=\"/signout\">"
		            "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		            "<button type=\"submit\">Sign out %s</button></form>",
		            w->me.csrf, w->me.display_name);
	}
	html_printf(b, "</header><main id=\"main\"><h1>%s</h1>", title);
}

void page_end(struct web *w)
{
	html_raw(&w->resp->body, "</main>");
	page_privacy_footer(w); /* the privacy notice, one's sessions (page_sessions.c) */
	html_raw(&w->resp->body, "</body></html>\n");
}

void page_csrf(struct web *w)
{
	html_printf(&w->resp->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	            w->me.csrf);
}

const char *page_when(struct web *w, int64_t at)
{
	int day, minute;
	char d[DATE_LEN], t[TIME_LEN];
	date_local(at, w->setting.time_zone, &day, &minute);
	date_format(day, d);
	time_format(minute, t);
	return arena_printf(w->a, "%s %s", d, t);
}

void page_field_error(struct web *w, const char *field)
{
	if (w->field_error[0] && strcmp(w->field_error[0], field) == 0)
		html_printf(&w->resp->body, "<p class=\"field-error\" id=\"%s-error\">%s</p>",
		            field, w->field_error[1]);
}

int page_healthz(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_SETTING_COUNT);
	int ok = store_step(st) == STORE_ROW;
	store_finish(st);
	w->resp->status = ok ? 200 : 503;
	w->resp->content_type = "text/plain; charset=utf-8";
	html_raw(&w->resp->body, ok ? "ok\n" : "database unavailable\n");
	return 0;
}

int page_static(struct web *w)
{
	for (size_t i = 0; i < static_assets_count; i++)
		if (w->arg && strcmp(w->arg, static_assets[i].name) == 0) {
			w->resp->content_type = static_assets[i].type;
			w->resp->bytes = static_assets[i].bytes;
			w->resp->bytes_len = static_assets[i].len;
			w->resp->cache_control = "public, max-age=3600";
			return 0;
		}
	return web_error(w, 404, "", "there is no file called %s", w->arg ? w->arg : "");
}
