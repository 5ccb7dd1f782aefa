/*
 * page_policy.c — the pages of page_policy.h: policies and notices for the
 * staff (the manager writes, publishes and sees signatures and read
 * receipts; everyone on the staff reads the policies), and the family's
 * side in the portal (reading and signing policies, reading notices, the
 * summary on the family page), every fixed word of which comes from the
 * portal's catalogue (portal_text.h) in the family's language. Writes go
 * through core_policy.c in one transaction each, then redirect (303); a
 * refused field re-renders the page with the error next to it (422).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core_policy.h"
#include "date.h"
#include "page_day.h"
#include "page_policy.h"
#include "page_portal.h"
#include "page_records.h"
#include "valid.h"

static int today_of(struct web *w)
{
	return date_today(w->setting.time_zone);
}

/* The posted value after a refusal, else dflt. */
static const char *posted(struct web *w, const char *name, const char *dflt)
{
	if (w->resp->status >= 400)
		return web_field(w, name);
	return dflt ? dflt : "";
}

static void input(struct web *w, const char *name, const char *label, const char *type,
                  const char *value)
{
	html_printf(&w->resp->body,
	            "<label for=\"%s\">%s</label><input type=\"%s\" id=\"%s\" name=\"%s\" "
	            "value=\"%s\"",
	            name, label, type, name, name, posted(w, name, value));
	day_invalid(w, name);
	page_field_error(w, name);
}

static void textarea(struct web *w, const char *name, const char *label, const char *value,
                     int rows)
{
	records_textarea(w, name, label, posted(w, name, value), rows);
}

/* Text with its line breaks kept as paragraphs (escaped). */
static void paragraphs(struct web *w, const char *text)
{
	struct buf *b = &w->resp->body;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len)
			html_printf(b, "<p>%s</p>", arena_strndup(w->a, p, len));
		if (!nl)
			break;
		p = nl + 1;
	}
}

static int refuse(struct web *w, const struct op_error *e, int (*page)(struct web *w))
{
	if (e->status == OP_NOT_FOUND || e->status == OP_FAILED || e->status == OP_FORBIDDEN)
		return records_refuse(w, e);
	records_field_error(w, e);
	buf_reset(&w->resp->body);
	return page(w);
}

/* Validate the posted fields of spec into v: 0, or -1 with the error set. */
static int fields(struct web *w, const struct field_spec *spec, size_t n, struct field_value *v,
                  struct op_error *e)
{
	const char **raw = arena_alloc(w->a, n * sizeof *raw);
	struct field_error fe;
	for (size_t i = 0; i < n; i++)
		raw[i] = web_field(w, spec[i].name);
	if (valid_record(spec, n, raw, v, w->a, &fe) != 0)
		return op_fail(e, OP_INVALID, fe.field, "%s", fe.msg);
	return 0;
}

/* ---- policies, for staff ---- */

static int policies_page(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct policy_row *p;
	struct op_error e;
	size_t n;
	int manager = authz_policy_manage(&w->me), today = today_of(w);
	char d[DATE_LEN];
	if (core_policy_list(w->s, w->me.setting_id, w->a, &p, &n, &e) != 0)
		return records_refuse(w, &e);
	page_begin(w, "Policies");
	records_alert(w);
	html_raw(b, "<p>The setting's policies at their current version. Each family is asked "
	            "to read and sign the current version in the parent portal.</p>");
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"policies\"><thead><tr>"
	            "<th scope=\"col\">Policy</th><th scope=\"col\">Kind</th>"
	            "<th scope=\"col\">Version</th><th scope=\"col\">Published</th>");
	if (manager)
		html_raw(b, "<th scope=\"col\">Families still to sign</th>");
	html_raw(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_printf(b,
		            "<tr><th scope=\"row\"><a href=\"/policies/%" PRId64 "\">%s</a></th>"
		            "<td>%s</td><td>%d</td><td>%s</td>",
		            p[i].id, p[i].title, core_policy_kind_words(p[i].kind), p[i].version,
		            p[i].published_on);
		if (manager) {
			struct policy_family *f;
			size_t nf;
			if (core_policy_unsigned(w->s, w->me.setting_id, p[i].version_id, today,
			                         w->a, &f, &nf, &e) != 0)
				return records_refuse(w, &e);
			html_printf(b, "<td class=\"unsigned-count\">%zu</td>", nf);
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
	if (!n)
		html_raw(b, "<p>No policies yet.</p>");
	if (manager) {
		date_format(today, d);
		html_raw(b, "<form method=\"post\" action=\"/policies\" class=\"card noprint\" "
		            "id=\"form-policy\"><h2>A new policy</h2>");
		page_csrf(w);
		input(w, "title", "Title", "text", "");
		html_raw(b, "<label for=\"kind\">Kind</label><select id=\"kind\" name=\"kind\"");
		day_invalid(w, "kind");
		for (size_t i = 0; policy_kinds[i]; i++)
			html_printf(
			    b, "<option value=\"%s\"%s>%s</option>", policy_kinds[i],
			    strcmp(posted(w, "kind", ""), policy_kinds[i]) == 0 ? " selected" : "",
			    core_policy_kind_words(policy_kinds[i]));
		html_raw(b, "</select>");
		page_field_error(w, "kind");
		input(w, "published_on", "Published on", "date", d);
		textarea(w, "text", "Text", "", 12);
		html_raw(b, "<p><button type=\"submit\">Publish the policy</button></p></form>");
	}
	page_end(w);
	return 0;
}

int page_policies(struct web *w)
{
	return policies_page(w);
}

int page_policy_add(struct web *w)
{
	struct field_value v[POL__MAX];
	struct op_error e;
	int64_t id;
	if (!authz_policy_manage(&w->me))
		return web_error(w, 403, "", "policies are published by the manager");
	if (fields(w, core_policy_fields, POL__MAX, v, &e) != 0 || core_tx_begin(w->s, &e) != 0 ||
	    core_policy_add(w->s, &w->who, v, &id, &e) != 0 || core_tx_commit(w->s, &e) != 0)
		return refuse(w, &e, policies_page);
	return web_redirect(w, "/policies/%" PRId64, id);
}

static int policy_page(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct policy_row p, cur;
	struct policy_version_row *vs;
	struct op_error e;
	size_t nv;
	int manager = authz_policy_manage(&w->me), today = today_of(w), version = 0;
	char d[DATE_LEN];
	const char *asked = web_field(w, "version");
	long asked_version = 0;
	if (*asked && parse_long(asked, 1, INT32_MAX, &asked_version) != 0)
		return web_error(w, 404, "version", "there is no such version");
	version = (int)asked_version;
	if (core_policy_get(w->s, w->me.setting_id, w->id[0], 0, w->a, &cur, &e) != 0 ||
	    core_policy_get(w->s, w->me.setting_id, w->id[0], version, w->a, &p, &e) != 0 ||
	    core_policy_versions(w->s, w->me.setting_id, w->id[0], w->a, &vs, &nv, &e) != 0)
		return records_refuse(w, &e);
	page_begin(w, p.title);
	records_alert(w);
	html_printf(b,
	            "<p><a href=\"/policies\">All policies</a></p>"
	            "<p class=\"policy-version\">%s policy, version %d, published %s%s</p>"
	            "<article class=\"card policy-text\">",
	            core_policy_kind_words(p.kind), p.version, p.published_on,
	            p.version == cur.version ? " (the current version)" : " (an earlier version)");
	paragraphs(w, p.text);
	html_raw(b, "</article>");
	if (manager) {
		struct policy_signature *sig;
		size_t ns;
		if (core_policy_signatures(w->s, w->me.setting_id, p.version_id, w->a, &sig, &ns,
		                           &e) != 0)
			return records_refuse(w, &e);
		if (p.version == cur.version) {
			struct policy_family *f;
			size_t nf;
			if (core_policy_unsigned(w->s, w->me.setting_id, cur.version_id, today,
			                         w->a, &f, &nf, &e) != 0)
				return records_refuse(w, &e);
			html_printf(b,
			            "<section id=\"unsigned\"><h2>Not yet signed version %d (%zu "
			            "families)</h2>",
			            cur.version, nf);
			if (nf) {
				html_raw(b, "<ul class=\"unsigned\">");
				for (size_t i = 0; i < nf; i++)
					html_printf(b, "<li>%s: %s</li>", f[i].name, f[i].parents);
				html_raw(b, "</ul>");
			} else {
				html_raw(b, "<p>Every family has signed it.</p>");
			}
			html_raw(b, "</section>");
		}
		html_printf(b, "<section id=\"signed\"><h2>Signed version %d (%zu families)</h2>",
		            p.version, ns);
		if (ns) {
			html_raw(b,
			         "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"signed\">"
			         "<thead><tr><th scope=\"col\">Family</th><th scope=\"col\">Signed "
			         "as</th><th scope=\"col\">By</th><th scope=\"col\">On</th></tr>"
			         "</thead><tbody>");
			for (size_t i = 0; i < ns; i++)
				html_printf(b,
				            "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td>"
				            "<td>%s</td></tr>",
				            sig[i].family, sig[i].signed_name, sig[i].contact,
				            sig[i].signed_on);
			html_raw(b, "</tbody></table></div>");
		} else {
			html_raw(b, "<p>No family has signed this version yet.</p>");
		}
		html_raw(b, "</section>");
	}
	html_raw(b, "<h2>Versions</h2><div class=\"table-wrap\" tabindex=\"0\"><table "
	            "class=\"versions\"><thead><tr><th scope=\"col\">Version</th>"
	            "<th scope=\"col\">Published</th><th scope=\"col\">Families signed</th></tr>"
	            "</thead><tbody>");
	for (size_t i = 0; i < nv; i++)
		html_printf(b,
		            "<tr><th scope=\"row\"><a href=\"/policies/%" PRId64
		            "?version=%d\">Version %d</a></th><td>%s</td><td>%d</td></tr>",
		            p.id, vs[i].version, vs[i].version, vs[i].published_on,
		            vs[i].signatures);
	html_raw(b, "</tbody></table></div>");
	if (manager) {
		date_format(today, d);
		html_printf(b,
		            "<form method=\"post\" action=\"/policies/%" PRId64
		            "/versions\" class=\"card noprint\" id=\"form-version\">"
		            "<h2>Publish version %d</h2><p>Every family will be asked to read and "
		            "sign the new version; version %d and its signatures are kept.</p>",
		            p.id, cur.version + 1, cur.version);
		page_csrf(w);
		input(w, "published_on", "Published on", "date", d);
		textarea(w, "text", "Text of the new version", cur.text, 12);
		html_raw(b,
		         "<p><button type=\"submit\">Publish the new version</button></p></form>");
	}
	page_end(w);
	return 0;
}

int page_policy(struct web *w)
{
	return policy_page(w);
}

int page_policy_publish(struct web *w)
{
	struct field_value v[PVER__MAX];
	struct op_error e;
	int version;
	struct policy_row p;
	if (!authz_policy_manage(&w->me))
		return web_error(w, 403, "", "policies are published by the manager");
	if (core_policy_get(w->s, w->me.setting_id, w->id[0], 0, w->a, &p, &e) != 0)
		return records_refuse(w, &e); /* an unknown policy is 404 before any field */
	if (fields(w, core_policy_version_fields, PVER__MAX, v, &e) != 0 ||
	    core_tx_begin(w->s, &e) != 0 ||
	    core_policy_publish(w->s, &w->who, w->id[0], v, &version, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return refuse(w, &e, policy_page);
	return web_redirect(w, "/policies/%" PRId64, w->id[0]);
}

/* ---- notices, for the manager ---- */

static const char *audience(struct web *w, const struct notice_row *n)
{
	return n->room_id ? arena_printf(w->a, "The families of %s", n->room) : "Every family";
}

static int notices_page(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct notice_row *n;
	struct store_stmt *st;
	struct op_error e;
	size_t nn;
	int today = today_of(w);
	char d[DATE_LEN];
	if (core_notice_list(w->s, w->me.setting_id, w->a, &n, &nn, &e) != 0)
		return records_refuse(w, &e);
	page_begin(w, "Notices");
	records_alert(w);
	html_raw(b, "<p>News for the families in the parent portal. Opening a notice there is "
	            "recorded, so you can see who has read it.</p>"
	            "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"notices\"><thead><tr>"
	            "<th scope=\"col\">Notice</th><th scope=\"col\">For</th>"
	            "<th scope=\"col\">Published</th><th scope=\"col\">Read by</th>"
	            "<th scope=\"col\">Not yet read by</th></tr></thead><tbody>");
	for (size_t i = 0; i < nn; i++) {
		struct notice_reader *r, *u;
		size_t nr, nu;
		if (core_notice_readers(w->s, w->me.setting_id, n[i].id, today, w->a, &r, &nr, &u,
		                        &nu, &e) != 0)
			return records_refuse(w, &e);
		html_printf(b,
		            "<tr><th scope=\"row\"><a href=\"/notices/%" PRId64 "\">%s</a></th>"
		            "<td>%s</td><td>%s</td><td>%zu</td><td>%zu</td></tr>",
		            n[i].id, n[i].title, audience(w, &n[i]), n[i].published_on, nr, nu);
	}
	html_raw(b, "</tbody></table></div>");
	if (!nn)
		html_raw(b, "<p>No notices yet.</p>");
	date_format(today, d);
	html_raw(b, "<form method=\"post\" action=\"/notices\" class=\"card noprint\" "
	            "id=\"form-notice\"><h2>A new notice</h2>");
	page_csrf(w);
	input(w, "title", "Title", "text", "");
	html_raw(b, "<label for=\"room\">For</label><select id=\"room\" name=\"room\"");
	day_invalid(w, "room");
	html_raw(b, "<option value=\"\">Every family</option>");
	st = store_stmt(w->s, STMT_ROOM_LIST);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		const char *id = arena_printf(w->a, "%" PRId64, store_col_int(st, 0));
		html_printf(b, "<option value=\"%s\"%s>The families of %s</option>", id,
		            strcmp(posted(w, "room", ""), id) == 0 ? " selected" : "",
		            store_col_text(st, 1));
	}
	store_finish(st);
	html_raw(b, "</select>");
	page_field_error(w, "room");
	input(w, "published_on", "Published on", "date", d);
	textarea(w, "text", "Text", "", 8);
	html_raw(b, "<p><button type=\"submit\">Publish the notice</button></p></form>");
	page_end(w);
	return 0;
}

int page_notices(struct web *w)
{
	return notices_page(w);
}

int page_notice_add(struct web *w)
{
	struct field_value v[NOTICE__MAX];
	struct op_error e;
	int64_t id;
	if (!authz_notice_manage(&w->me))
		return web_error(w, 403, "", "notices are written by the manager");
	if (fields(w, core_notice_fields, NOTICE__MAX, v, &e) != 0 ||
	    core_tx_begin(w->s, &e) != 0 || core_notice_add(w->s, &w->who, v, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return refuse(w, &e, notices_page);
	return web_redirect(w, "/notices/%" PRId64, id);
}

int page_notice(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct notice_row n;
	struct notice_reader *r, *u;
	struct op_error e;
	size_t nr, nu;
	if (!authz_notice_manage(&w->me))
		return web_error(w, 404, "", "there is no such notice");
	if (core_notice_get(w->s, w->me.setting_id, w->id[0], w->a, &n, &e) != 0 ||
	    core_notice_readers(w->s, w->me.setting_id, w->id[0], today_of(w), w->a, &r, &nr, &u,
	                        &nu, &e) != 0)
		return records_refuse(w, &e);
	page_begin(w, n.title);
	html_printf(b,
	            "<p><a href=\"/notices\">All notices</a></p><p>%s, published %s.</p>"
	            "<article class=\"card notice-text\">",
	            audience(w, &n), n.published_on);
	paragraphs(w, n.text);
	html_printf(b, "</article><section id=\"read\"><h2>Read by %zu</h2>", nr);
	if (nr) {
		html_raw(b, "<ul class=\"readers\">");
		for (size_t i = 0; i < nr; i++)
			html_printf(b, "<li>%s (%s), %s</li>", r[i].name, r[i].family,
			            page_when(w, r[i].read_at));
		html_raw(b, "</ul>");
	}
	html_printf(b, "</section><section id=\"unread\"><h2>Not yet read by %zu</h2>", nu);
	if (nu) {
		html_raw(b, "<ul class=\"readers\">");
		for (size_t i = 0; i < nu; i++)
			html_printf(b, "<li>%s (%s)</li>", u[i].name, u[i].family);
		html_raw(b, "</ul>");
	}
	html_raw(b, "</section>");
	page_end(w);
	return 0;
}

/* ---- the family's side, in the portal ---- */

/* The text of m in the family's language (portal_text.h). */
static const char *T(struct web *w, enum portal_msg m)
{
	return portal_text(portal_lang_me(w), m);
}

/* "2 March 2026" / "2 marca 2026" (months in the family's language). */
static const char *date_words(struct web *w, const char *date)
{
	static const enum portal_msg month[12] = {M_JAN, M_FEB, M_MAR, M_APR, M_MAY, M_JUN,
	                                          M_JUL, M_AUG, M_SEP, M_OCT, M_NOV, M_DEC};
	int day, y, m, d;
	if (date_parse(date, &day) != 0)
		return date;
	date_to_ymd(day, &y, &m, &d);
	return arena_printf(w->a, "%d %s %d", d, T(w, month[(m - 1) % 12]), y);
}

/* The family's signature of the current version of p, or NULL. */
static const struct policy_signature *signed_current(struct web *w, const struct policy_row *p,
                                                     int64_t family)
{
	struct policy_signature *sig;
	struct op_error e;
	size_t n;
	if (core_policy_family_signatures(w->s, w->me.setting_id, p->id, family, w->a, &sig, &n,
	                                  &e) != 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (sig[i].version == p->version)
			return &sig[i];
	return NULL;
}

static void portal_end(struct web *w)
{
	html_raw(&w->resp->body, "</main></body></html>\n");
}

/* A notice in the family's list: a new one (not opened by this parent) marked. */
static void notice_item(struct web *w, const struct notice_row *n)
{
	struct buf *b = &w->resp->body;
	html_printf(b, "<li><a href=\"/family/notices/%" PRId64 "\">%s</a> — %s", n->id, n->title,
	            date_words(w, n->published_on));
	if (!n->reads)
		html_printf(b, " <strong class=\"new\">%s</strong>", T(w, M_NOTICE_NEW));
	html_raw(b, "</li>");
}

void portal_policy_summary(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct policy_row *p;
	struct notice_row *n;
	struct op_error e;
	size_t np, nn, waiting = 0;
	int64_t family = authz_policy_family(w);
	if (!family ||
	    core_notice_family_list(w->s, w->me.setting_id, family, w->me.contact_id, today_of(w),
	                            w->a, &n, &nn, &e) != 0 ||
	    core_policy_list(w->s, w->me.setting_id, w->a, &p, &np, &e) != 0)
		return;
	html_printf(b, "<section class=\"card notices\" id=\"notices\"><h2>%s</h2>",
	            T(w, M_NOTICES));
	if (nn) {
		html_raw(b, "<ul class=\"notices\">");
		for (size_t i = 0; i < nn && i < 5; i++)
			notice_item(w, &n[i]);
		html_raw(b, "</ul>");
		if (nn > 5)
			html_printf(b, "<p><a href=\"/family/notices\">%s</a></p>",
			            T(w, M_NOTICES));
	} else {
		html_printf(b, "<p>%s</p>", T(w, M_NOTICES_NONE));
	}
	for (size_t i = 0; i < np; i++)
		if (!signed_current(w, &p[i], family))
			waiting++;
	html_printf(b, "<h2>%s</h2>", T(w, M_POLICIES));
	if (waiting)
		html_printf(
		    b, "<p class=\"policies-waiting\"><a href=\"/family/policies\">%s: %zu</a></p>",
		    T(w, M_POLICIES_TO_SIGN), waiting);
	else
		html_printf(b,
		            "<p class=\"policies-waiting\"><a href=\"/family/policies\">%s</a></p>",
		            T(w, M_POLICIES_ALL_SIGNED));
	html_raw(b, "</section>");
}

int page_portal_policies(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct policy_row *p;
	struct op_error e;
	size_t n;
	int64_t family = authz_policy_family(w);
	if (!family)
		return web_error(w, 404, "", "there is no family here");
	if (core_policy_list(w->s, w->me.setting_id, w->a, &p, &n, &e) != 0)
		return records_refuse(w, &e);
	portal_begin(w, T(w, M_POLICIES));
	html_printf(b, "<p>%s</p>", T(w, M_POLICIES_HINT));
	if (!n) {
		html_printf(b, "<p>%s</p>", T(w, M_POLICY_NONE));
		portal_end(w);
		return 0;
	}
	html_printf(b,
	            "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"policies\"><thead><tr>"
	            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	            "<th scope=\"col\">%s</th></tr></thead><tbody>",
	            T(w, M_POLICY), T(w, M_POLICY_VERSION), T(w, M_POLICY_PUBLISHED),
	            T(w, M_POLICY_YOUR_FAMILY));
	for (size_t i = 0; i < n; i++) {
		const struct policy_signature *s = signed_current(w, &p[i], family);
		html_printf(b,
		            "<tr data-policy=\"%" PRId64 "\"><th scope=\"row\"><a href=\"/family/"
		            "policies/%" PRId64 "\">%s</a></th><td>%d</td><td>%s</td>",
		            p[i].id, p[i].id, p[i].title, p[i].version,
		            date_words(w, p[i].published_on));
		if (s)
			html_printf(b, "<td class=\"signed\">%s %s, %s</td></tr>",
			            T(w, M_POLICY_SIGNED_BY), s->signed_name,
			            date_words(w, s->signed_on));
		else
			html_printf(b, "<td class=\"to-sign\"><strong>%s</strong></td></tr>",
			            T(w, M_POLICY_TO_SIGN));
	}
	html_raw(b, "</tbody></table></div>");
	portal_end(w);
	return 0;
}

static int portal_policy_page(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct policy_row p;
	struct policy_signature *sig;
	const struct policy_signature *mine = NULL;
	struct op_error e;
	size_t ns;
	int64_t family = authz_policy_family(w);
	char d[DATE_LEN];
	if (!family)
		return web_error(w, 404, "", "there is no such policy");
	if (core_policy_get(w->s, w->me.setting_id, w->id[0], 0, w->a, &p, &e) != 0 ||
	    core_policy_family_signatures(w->s, w->me.setting_id, p.id, family, w->a, &sig, &ns,
	                                  &e) != 0)
		return records_refuse(w, &e);
	for (size_t i = 0; i < ns; i++)
		if (sig[i].version == p.version)
			mine = &sig[i];
	portal_begin(w, p.title);
	if (strcmp(web_field(w, "done"), "signed") == 0)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>",
		            T(w, M_POLICY_SIGN_THANKS));
	if (w->field_error[1]) /* in the family's language (page_portal_policy_sign) */
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", w->field_error[1]);
	html_printf(b,
	            "<p><a href=\"/family/policies\">%s</a></p>"
	            "<p class=\"policy-version\">%s %d · %s %s</p><article class=\"card "
	            "policy-text\">",
	            T(w, M_POLICY_ALL), T(w, M_POLICY_VERSION), p.version, T(w, M_POLICY_PUBLISHED),
	            date_words(w, p.published_on));
	paragraphs(w, p.text);
	html_raw(b, "</article>");
	if (mine) {
		html_printf(b, "<p class=\"signed\" id=\"signed\">%s %s, %s.</p>",
		            T(w, M_POLICY_SIGNED_BY), mine->signed_name,
		            date_words(w, mine->signed_on));
	} else if (authz_policy_sign(w)) {
		date_format(today_of(w), d);
		html_printf(b,
		            "<form method=\"post\" action=\"/family/policies/%" PRId64 "/sign\" "
		            "class=\"card\" id=\"form-sign\"><h2>%s</h2>"
		            "<input type=\"hidden\" name=\"version\" value=\"%d\">",
		            p.id, T(w, M_POLICY_SIGN_TITLE), p.version);
		page_csrf(w);
		input(w, "signed_name", T(w, M_POLICY_SIGN_NAME), "text", "");
		input(w, "signed_on", T(w, M_POLICY_SIGN_DATE), "date", d);
		html_printf(b, "<p><button type=\"submit\" id=\"sign\">%s</button></p></form>",
		            T(w, M_POLICY_SIGN));
	} else {
		html_printf(b, "<p>%s</p>", T(w, M_POLICY_NO_PR));
	}
	if (ns) {
		html_printf(b, "<h2>%s</h2><ul class=\"signatures\">", T(w, M_POLICY_EARLIER));
		for (size_t i = 0; i < ns; i++)
			html_printf(b, "<li>%s %d: %s %s, %s</li>", T(w, M_POLICY_VERSION),
			            sig[i].version, T(w, M_POLICY_SIGNED_BY), sig[i].signed_name,
			            date_words(w, sig[i].signed_on));
		html_raw(b, "</ul>");
	}
	portal_end(w);
	return 0;
}

int page_portal_policy(struct web *w)
{
	return portal_policy_page(w);
}

int page_portal_policy_sign(struct web *w)
{
	struct field_value v[PSIGN__MAX];
	struct op_error e;
	long posted_version = 0;
	enum portal_msg why;
	if (!authz_policy_family(w))
		return web_error(w, 404, "", "there is no such policy");
	struct policy_row p;
	if (!authz_policy_sign(w))
		return web_error(w, 403, "", "a parent with parental responsibility signs");
	if (core_policy_get(w->s, w->me.setting_id, w->id[0], 0, w->a, &p, &e) != 0)
		return records_refuse(w, &e); /* an unknown policy is 404 before any field */
	if (parse_long(web_field(w, "version"), 1, INT32_MAX, &posted_version) != 0)
		posted_version = 0; /* no version: refused below as not the current one */
	if (fields(w, core_policy_sign_fields, PSIGN__MAX, v, &e) == 0 &&
	    core_tx_begin(w->s, &e) == 0 &&
	    core_policy_sign(w->s, &w->who, w->id[0], (int)posted_version, w->me.contact_id, v,
	                     today_of(w), &e) == 0 &&
	    core_tx_commit(w->s, &e) == 0)
		return web_redirect(w, "/family/policies/%" PRId64 "?done=signed", w->id[0]);
	if (e.status == OP_NOT_FOUND || e.status == OP_FORBIDDEN || e.status == OP_FAILED)
		return records_refuse(w, &e);
	records_field_error(w, &e);
	if (strcmp(e.field, "family") == 0) { /* signed already: the page says by whom */
		w->field_error[0] = w->field_error[1] = NULL;
		buf_reset(&w->resp->body);
		return portal_policy_page(w);
	}
	why = strcmp(e.field, "signed_name") == 0 ? M_ERR_SIGN_NAME
	      : strcmp(e.field, "signed_on") == 0 ? M_ERR_SIGN_DATE
	                                          : M_ERR_SIGN_VERSION;
	if (strcmp(e.field, "signed_name") != 0 && strcmp(e.field, "signed_on") != 0)
		w->field_error[0] = "signed_name"; /* shown by the form's first field */
	w->field_error[1] = T(w, why);
	buf_reset(&w->resp->body);
	return portal_policy_page(w);
}

int page_portal_notices(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct notice_row *n;
	struct op_error e;
	size_t nn;
	int64_t family = authz_policy_family(w);
	if (!family)
		return web_error(w, 404, "", "there is no family here");
	if (core_notice_family_list(w->s, w->me.setting_id, family, w->me.contact_id, today_of(w),
	                            w->a, &n, &nn, &e) != 0)
		return records_refuse(w, &e);
	portal_begin(w, T(w, M_NOTICES));
	if (nn) {
		html_raw(b, "<ul class=\"notices\">");
		for (size_t i = 0; i < nn; i++)
			notice_item(w, &n[i]);
		html_raw(b, "</ul>");
	} else {
		html_printf(b, "<p>%s</p>", T(w, M_NOTICES_NONE));
	}
	portal_end(w);
	return 0;
}

int page_portal_notice(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct notice_row n;
	struct op_error e;
	if (!authz_notice_family(w, w->id[0]))
		return web_error(w, 404, "", "there is no such notice");
	if (core_notice_get(w->s, w->me.setting_id, w->id[0], w->a, &n, &e) != 0 ||
	    core_tx_begin(w->s, &e) != 0 ||
	    core_notice_read(w->s, &w->who, w->id[0], w->me.contact_id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return records_refuse(w, &e);
	portal_begin(w, n.title);
	html_printf(
	    b,
	    "<p><a href=\"/family/notices\">%s</a></p><p class=\"notice-for\">%s%s%s · %s</p>"
	    "<article class=\"card notice-text\">",
	    T(w, M_NOTICES), n.room_id ? T(w, M_NOTICE_FOR_ROOM) : T(w, M_NOTICE_FOR_ALL),
	    n.room_id ? " " : "", n.room, date_words(w, n.published_on));
	paragraphs(w, n.text);
	html_raw(b, "</article>");
	portal_end(w);
	return 0;
}
