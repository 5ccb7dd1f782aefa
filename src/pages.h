/*
 * pages.h — the handlers of the route table (http_route.c) and the page
 * frame they share. A handler gets a struct web whose person has already
 * passed the route's role check and, for writes, the CSRF check; it checks
 * records through authz, calls core operations in one transaction, and
 * renders HTML with html_printf (or JSON for /api/v1).
 */
#ifndef KW_PAGES_H
#define KW_PAGES_H

#include "html.h"
#include "web.h"

typedef int page_fn(struct web *w);

/* The page frame: head, skip link, navigation for the person's roles. */
void page_begin(struct web *w, const char *title);
void page_end(struct web *w);
/* A form's hidden CSRF field. */
void page_csrf(struct web *w);
/* "YYYY-MM-DD HH:MM" of an instant in the setting's time zone (in the arena). */
const char *page_when(struct web *w, int64_t at);
/* The error next to a field, when the last validation named it. */
void page_field_error(struct web *w, const char *field);

/* The group dashboard's link in the navigation, for a group manager (page_group.c). */
void page_group_nav(struct web *w);
page_fn page_healthz, page_static, page_signin_form, page_signin, page_signout,
    page_signout_everywhere, page_password_form, page_password, page_home;

#endif
