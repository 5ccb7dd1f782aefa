/*
 * page_portal_staff.c — the staff's side of the parent portal
 * (page_portal.h): a child's family thread with the reply form, the
 * threads waiting for an answer, contact changes a manager confirms or
 * declines, and staff photos. Staff pages are in English. Who reads a
 * family's thread is authz_portal_thread_staff (the key person; the buddy
 * on a day the key person is not in; managers); anyone else gets the same
 * 404 as for a child that does not exist.
 */
#include <inttypes.h>
#include <string.h>

#include "core_portal.h"
#include "date.h"
#include "page_portal.h"

static int thread_page(struct web *w, int64_t child_id)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st;
	int n = 0;
	if (!authz_portal_thread_staff(w, child_id))
		return web_error(w, 404, "", "there is no such child");
	buf_reset(b);
	page_begin(w,
	           arena_printf(w->a, "Messages with %s's family", portal_child_name(w, child_id)));
	if (authz_portal_key_away(w, child_id))
		html_raw(b, "<p class=\"notice\">The key person is not in today: the buddy answers "
		            "the family.</p>");
	st = store_stmt(w->s, STMT_PORTAL_THREAD);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, child_id);
	while (store_step(st) == STORE_ROW) {
		if (!n++)
			html_raw(b, "<ol class=\"thread\">");
		html_printf(b,
		            "<li class=\"%s\"><p class=\"muted\"><strong>%s</strong> (%s) · %s</p>"
		            "<p class=\"pre\">%s</p></li>",
		            store_col_int(st, 1) ? "from-family" : "from-staff",
		            store_col_text(st, 3), store_col_int(st, 1) ? "family" : "staff",
		            page_when(w, store_col_int(st, 5)), store_col_text(st, 4));
	}
	store_finish(st);
	html_raw(b, n ? "</ol>" : "<p class=\"muted\">No messages yet.</p>");
	html_printf(b,
	            "<form method=\"post\" action=\"/children/%" PRId64 "/thread\" class=\"card\">",
	            child_id);
	page_csrf(w);
	html_printf(b,
	            "<label for=\"reply\">Your answer</label><textarea id=\"reply\" name=\"text\" "
	            "rows=\"4\" maxlength=\"4000\">%s</textarea>",
	            w->field_error[0] ? web_field(w, "text") : "");
	page_field_error(w, "text");
	html_printf(b,
	            "<p><button type=\"submit\">Send to the family</button></p></form>"
	            "<p><a href=\"/family-messages\">Family messages waiting for an answer</a> · "
	            "<a href=\"/children/%" PRId64 "\">The child's page</a></p>",
	            child_id);
	page_end(w);
	return 0;
}

int page_portal_thread(struct web *w)
{
	return thread_page(w, w->id[0]);
}

int page_portal_thread_reply(struct web *w)
{
	struct op_error e;
	int64_t id;
	if (!authz_portal_thread_staff(w, w->id[0]))
		return web_error(w, 404, "", "there is no such child");
	if (!w->me.staff_id)
		return web_error(
		    w, 422, "staff",
		    "this sign-in is not linked to a member of staff, who would answer");
	if (core_tx_begin(w->s, &e) ||
	    core_portal_message_add(w->s, &w->who, w->id[0], 0, w->me.staff_id,
	                            web_field(w, "text"), &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] = "text";
		w->field_error[1] = arena_printf(w->a, "The answer %s.", e.msg);
		thread_page(w, w->id[0]);
		w->resp->status = 422;
		return 0;
	}
	return web_redirect(w, "/children/%" PRId64 "/thread", w->id[0]);
}

int page_portal_inbox(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_UNANSWERED);
	struct {
		int64_t child;
		const char *name, *parent, *text;
		int64_t at;
	} rows[200];
	size_t n = 0, shown = 0;
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW && n < ARRAY_LEN(rows)) {
		rows[n].child = store_col_int(st, 1);
		rows[n].name = arena_strdup(w->a, store_col_text(st, 2));
		rows[n].parent = arena_strdup(w->a, store_col_text(st, 3));
		rows[n].text = arena_strdup(w->a, store_col_text(st, 4));
		rows[n].at = store_col_int(st, 5);
		n++;
	}
	store_finish(st);
	page_begin(w, "Family messages waiting for an answer");
	if (authz_portal_contact_decide(&w->me))
		html_raw(b, "<p><a href=\"/contact-changes\">Contact details families asked to "
		            "change</a></p>");
	html_raw(b, "<p class=\"muted\">Messages from families through the portal that nobody "
	            "has answered yet: the key person's, and the buddy's on a day the key person "
	            "is not in.</p>");
	for (size_t i = 0; i < n; i++) {
		if (!authz_portal_thread_staff(w, rows[i].child))
			continue;
		if (!shown++)
			html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
			            "<th scope=\"col\">Child</th><th scope=\"col\">From</th>"
			            "<th scope=\"col\">Sent</th><th scope=\"col\">Message</th>"
			            "</tr></thead><tbody>");
		html_printf(b,
		            "<tr><th scope=\"row\"><a href=\"/children/%" PRId64
		            "/thread\">%s</a></th>"
		            "<td>%s</td><td>%s</td><td>%s</td></tr>",
		            rows[i].child, rows[i].name, rows[i].parent, page_when(w, rows[i].at),
		            rows[i].text);
	}
	html_raw(b, shown ? "</tbody></table></div>"
	                  : "<p>No family is waiting for an answer from you.</p>");
	page_end(w);
	return 0;
}

int page_portal_changes(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_CHANGES_PENDING);
	static const char *const labels[5] = {"Phone", "Email", "Address", "Best way", "Best time"};
	int n = 0;
	page_begin(w, "Contact details families asked to change");
	html_raw(b, "<p class=\"muted\">A change is used only once you confirm it.</p>");
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		n++;
		html_printf(b,
		            "<section class=\"card\"><h2>%s</h2><p class=\"muted\">Asked on %s</p>",
		            store_col_text(st, 2), page_when(w, store_col_int(st, 13)));
		html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
		            "<th scope=\"col\">Detail</th><th scope=\"col\">Now</th>"
		            "<th scope=\"col\">Asked for</th></tr></thead><tbody>");
		for (int i = 0; i < 5; i++) {
			const char *now = store_col_text(st, 3 + i),
			           *asked = store_col_text(st, 8 + i);
			html_printf(b, "<tr%s><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>",
			            strcmp(now, asked) != 0 ? " class=\"changed\"" : "", labels[i],
			            now, asked);
		}
		html_printf(b,
		            "</tbody></table></div><form method=\"post\" class=\"inline\" "
		            "action=\"/contact-changes/%" PRId64 "/confirm\">",
		            id);
		page_csrf(w);
		html_printf(b,
		            "<button type=\"submit\">Confirm and change</button></form> "
		            "<form method=\"post\" class=\"inline\" "
		            "action=\"/contact-changes/%" PRId64 "/decline\">",
		            id);
		page_csrf(w);
		html_raw(b, "<button type=\"submit\" class=\"secondary\">Decline</button></form>"
		            "</section>");
	}
	store_finish(st);
	if (!n)
		html_raw(b, "<p>No changes are waiting.</p>");
	page_end(w);
	return 0;
}

static int decide(struct web *w, int confirm)
{
	struct op_error e;
	if (core_tx_begin(w->s, &e) ||
	    core_portal_contact_decide(w->s, &w->who, w->id[0], confirm, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/contact-changes");
}

int page_portal_change_confirm(struct web *w)
{
	return decide(w, 1);
}

int page_portal_change_decline(struct web *w)
{
	return decide(w, 0);
}

/* POST /staff/:id/photo (multipart, field "photo"): a manager sets a staff photo. */
int page_portal_staff_photo_set(struct web *w)
{
	const struct kv *f = kv_find(&w->req->form, "photo");
	struct op_error e;
	struct store_stmt *st = store_stmt(w->s, STMT_STAFF_GET);
	int found;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	found = store_step(st) == STORE_ROW;
	store_finish(st);
	if (!found)
		return web_error(w, 404, "", "there is no such member of staff");
	if (!f || f->len == 0)
		return web_error(w, 422, "photo", "choose a JPEG or PNG picture");
	if (core_tx_begin(w->s, &e) ||
	    core_portal_staff_photo_set(w->s, &w->who, w->id[0], (const unsigned char *)f->val,
	                                f->len, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/staff/%" PRId64, w->id[0]);
}

void portal_staff_photo_form(struct web *w, int64_t staff_id, const char *name)
{
	struct buf *b = &w->resp->body;
	struct store_stmt *st = store_stmt(w->s, STMT_PORTAL_STAFF_PHOTO);
	int has;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, staff_id);
	has = store_step(st) == STORE_ROW;
	store_finish(st);
	portal_staff_face(w, staff_id, name, has);
	html_printf(b,
	            "<form method=\"post\" action=\"/staff/%" PRId64 "/photo\" "
	            "enctype=\"multipart/form-data\" class=\"card noprint\">",
	            staff_id);
	page_csrf(w);
	html_raw(b, "<label for=\"staff-photo\">Photo families see beside their key person and "
	            "buddy (JPEG or PNG, at most 5 MB)</label><input type=\"file\" "
	            "id=\"staff-photo\" name=\"photo\" accept=\"image/jpeg,image/png\">"
	            "<p><button type=\"submit\">Save the photo</button></p></form>");
}
