/*
 * page_day_register.c — the daily register on a tablet: GET /register
 * (?date=, ?room=) lists every child expected (core_today) and every child
 * signed in that day, each with their status (not in yet, in since, gone
 * home with who collected), the key person in charge, the day's messages
 * for them, and a big Sign in or Sign out button; signing out offers the
 * family's contacts who may collect, and for anyone else the override
 * (name, reason, the family's collection password, which core_register
 * checks: nobody ever reads it). Staff sign in and out (themselves, or
 * anyone for a manager); entries are corrected with a new entry, never
 * overwritten. The printable register (/register/print) and its CSV
 * (/register.csv), and the children missing 30 minutes after their usual
 * arrival (/register/missing) with the follow-up recorded.
 *
 * Every child passes authz_child(CHILD_BASIC) before anything of theirs is
 * shown (a child one may not see is 404 on a write, as a missing id); the
 * writes are decided by authz_register_* (authz.c).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core_register.h"
#include "core_setting.h"
#include "core_today.h"
#include "date.h"
#include "page_day.h"
#include "page_family.h"
#include "valid.h"

struct reg_view {
	int day;
	const char *date, *room;
	int64_t room_id;
	const char *alert;    /* a refusal to show at the top */
	int64_t failed_child; /* the child whose form is re-shown with the input kept */
};

static const struct register_person *find_person(const struct register_person *p, size_t n,
                                                 int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].id == id)
			return &p[i];
	return NULL;
}

static void tm(int minute, char out[TIME_LEN])
{
	if (minute < 0)
		snprintf(out, TIME_LEN, "—");
	else
		time_format(minute, out);
}

/* Did the signed-in person make entries recorded as by (a name)? */
static int made_by_me(struct web *w, const char *by)
{
	return by && *by &&
	       (strcmp(by, w->me.display_name) == 0 || strcmp(by, w->me.username) == 0);
}

static void correct_form(struct web *w, const struct reg_view *v, int64_t entry, const char *what)
{
	struct buf *b = &w->resp->body;
	html_printf(b,
	            "<details class=\"noprint\"><summary>Correct the %s time</summary>"
	            "<form method=\"post\" action=\"/register/entries/%" PRId64 "/correct\">",
	            what, entry);
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"date\" value=\"%s\">"
	            "<input type=\"hidden\" name=\"room\" value=\"%s\">"
	            "<label for=\"fix-%" PRId64 "\">Correct time</label>"
	            "<input type=\"time\" id=\"fix-%" PRId64 "\" name=\"at\" required>"
	            "<label for=\"fixnote-%" PRId64 "\">Why</label>"
	            "<input type=\"text\" id=\"fixnote-%" PRId64
	            "\" name=\"note\" maxlength=\"200\">"
	            "<button type=\"submit\">Add the correction</button></form></details>",
	            v->date, v->room, entry, entry, entry, entry);
}

static void status_cell(struct web *w, const struct reg_view *v, const struct register_person *p,
                        int *state)
{
	struct buf *b = &w->resp->body;
	const struct register_session *s;
	char in[TIME_LEN], out[TIME_LEN];
	int manager = authz_has(&w->me, ROLE_MANAGER);
	*state = 0;
	html_raw(b, "<td>");
	if (!p || !p->nsessions) {
		html_raw(b, "<span class=\"muted\">Not in yet</span></td>");
		return;
	}
	for (size_t i = 0; i < p->nsessions; i++) {
		s = &p->sessions[i];
		tm(s->in, in);
		tm(s->out, out);
		if (i)
			html_raw(b, "<br>");
		if (s->in >= 0 && s->out < 0) {
			html_printf(b, "<strong>In since %s</strong>", in);
			*state = 1;
		} else if (s->out >= 0) {
			html_printf(b, "In %s, <strong>gone home at %s</strong>", in, out);
			if (*s->collected_by)
				html_printf(b, " with %s", s->collected_by);
			if (*s->collection_override)
				html_printf(b, " <span class=\"tag\">override: %s</span>",
				            s->collection_override);
			*state = 2;
		}
		if (*s->key_person)
			html_printf(b, "<br><span class=\"muted\">Key person in charge: %s</span>",
			            s->key_person);
		if (s->out >= 0 && *s->key_person_out &&
		    strcmp(s->key_person_out, s->key_person) != 0)
			html_printf(b, "<br><span class=\"muted\">At home time: %s</span>",
			            s->key_person_out);
		if (*s->corrections)
			html_printf(b, "<br><span class=\"muted\">%s</span>", s->corrections);
		if (s->in_id && (manager || made_by_me(w, s->in_by)))
			correct_form(w, v, s->in_id, "sign-in");
		if (s->out_id && (manager || made_by_me(w, s->out_by)))
			correct_form(w, v, s->out_id, "sign-out");
	}
	html_raw(b, "</td>");
}

static void action_cell(struct web *w, const struct reg_view *v, int64_t id, int state)
{
	struct buf *b = &w->resp->body;
	int kept = v->failed_child == id;
	const char *chosen = kept ? web_field(w, "collected_by") : "";
	char f_at[40], f_cb[40], f_pw[40], f_name[40], f_reason[40];
	struct store_stmt *st;
	html_raw(b, "<td>");
	if (!authz_register_child(w, id)) {
		html_raw(b,
		         "<span class=\"muted\">Signed in and out by the room's staff</span></td>");
		return;
	}
	snprintf(f_at, sizeof f_at, "at-%" PRId64, id);
	snprintf(f_cb, sizeof f_cb, "collected_by-%" PRId64, id);
	snprintf(f_pw, sizeof f_pw, "password-%" PRId64, id);
	snprintf(f_name, sizeof f_name, "collected_by_name-%" PRId64, id);
	snprintf(f_reason, sizeof f_reason, "reason-%" PRId64, id);
	html_printf(b,
	            "<form method=\"post\" action=\"/register/%" PRId64 "/%s\" class=\"register\">",
	            id, state == 1 ? "out" : "in");
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"date\" value=\"%s\">"
	            "<input type=\"hidden\" name=\"room\" value=\"%s\">",
	            v->date, v->room);
	if (state == 1) {
		html_printf(
		    b,
		    "<label for=\"%s\">Collected by</label><select id=\"%s\" name=\"collected_by\"",
		    f_cb, f_cb);
		day_invalid(w, f_cb);
		html_raw(b, "<option value=\"\">Choose who collects</option>");
		st = store_stmt(w->s, STMT_DAY_COLLECTORS);
		store_bind_int(st, 1, w->me.setting_id);
		store_bind_int(st, 2, id);
		while (store_step(st) == STORE_ROW) {
			int64_t cid = store_col_int(st, 0);
			char cids[24];
			snprintf(cids, sizeof cids, "%" PRId64, cid);
			html_printf(b, "<option value=\"%s\"%s>%s%s%s%s</option>", cids,
			            strcmp(chosen, cids) == 0 ? " selected" : "",
			            store_col_text(st, 1), *store_col_text(st, 2) ? " (" : "",
			            store_col_text(st, 2), *store_col_text(st, 2) ? ")" : "");
		}
		store_finish(st);
		html_printf(b, "<option value=\"other\"%s>Someone else (below)</option></select>",
		            strcmp(chosen, "other") == 0 ? " selected" : "");
		page_field_error(w, f_cb);
		html_printf(
		    b,
		    "<details%s><summary>Someone else is collecting</summary>"
		    "<p class=\"notice\">Only the people the family has named may collect. "
		    "For anyone else you need a reason and the family's collection "
		    "password; if in doubt, ring the parents and keep the child.</p>"
		    "<label for=\"%s\">Their name</label>"
		    "<input type=\"text\" id=\"%s\" name=\"collected_by_name\" maxlength=\"200\" "
		    "value=\"%s\"",
		    kept ? " open" : "", f_name, f_name,
		    kept ? web_field(w, "collected_by_name") : "");
		day_invalid(w, f_name);
		page_field_error(w, f_name);
		html_printf(
		    b,
		    "<label for=\"%s\">Reason</label>"
		    "<input type=\"text\" id=\"%s\" name=\"reason\" maxlength=\"500\" value=\"%s\"",
		    f_reason, f_reason, kept ? web_field(w, "reason") : "");
		day_invalid(w, f_reason);
		page_field_error(w, f_reason);
		html_printf(
		    b,
		    "<label for=\"%s\">Collection password</label>"
		    "<input type=\"password\" id=\"%s\" name=\"password\" autocomplete=\"off\"",
		    f_pw, f_pw);
		day_invalid(w, f_pw);
		page_field_error(w, f_pw);
		html_raw(b, "</details>");
	}
	html_printf(b,
	            "<label for=\"%s\">Time <span class=\"muted\">(empty: now)</span></label>"
	            "<input type=\"time\" id=\"%s\" name=\"at\" value=\"%s\"",
	            f_at, f_at, kept ? web_field(w, "at") : "");
	day_invalid(w, f_at);
	page_field_error(w, f_at);
	html_printf(b, "<button type=\"submit\" class=\"big\">%s</button></form></td>",
	            state == 1 ? "Sign out" : "Sign in");
}

static void staff_section(struct web *w, const struct reg_view *v, const struct today *t,
                          const struct register_day *r)
{
	struct buf *b = &w->resp->body;
	int shown = 0;
	html_raw(b, "<h2 id=\"staff\">Staff</h2>");
	for (size_t i = 0; i < t->nstaff; i++) {
		const struct today_staff *st = &t->staff[i];
		const struct register_person *p = find_person(r->staff, r->nstaff, st->id);
		const struct register_session *last =
		    p && p->nsessions ? &p->sessions[p->nsessions - 1] : NULL;
		int in = last && last->in >= 0 && last->out < 0;
		char a[TIME_LEN], o[TIME_LEN];
		if (!authz_register_staff(w, st->id) && !p && !st->shift)
			continue;
		if (!shown++)
			html_raw(
			    b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
			       "<th scope=\"col\">Member of staff</th><th scope=\"col\">Shift</th>"
			       "<th scope=\"col\">On the premises</th><th scope=\"col\">Sign in or "
			       "out</th>"
			       "</tr></thead><tbody>");
		html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s%s</td><td>", st->name,
		            st->absent ? "absent: " : (st->shift ? st->shift : "off"),
		            st->absent ? st->absent : "");
		if (!last)
			html_raw(b, "<span class=\"muted\">not signed in</span>");
		else {
			tm(last->in, a);
			tm(last->out, o);
			if (in)
				html_printf(b, "in since %s", a);
			else
				html_printf(b, "in %s, out %s", a, o);
		}
		html_raw(b, "</td><td>");
		if (authz_register_staff(w, st->id)) {
			html_printf(
			    b, "<form method=\"post\" action=\"/register/staff/%" PRId64 "/%s\">",
			    st->id, in ? "out" : "in");
			page_csrf(w);
			html_printf(b,
			            "<input type=\"hidden\" name=\"date\" value=\"%s\">"
			            "<input type=\"hidden\" name=\"room\" value=\"%s\">"
			            "<button type=\"submit\">%s %s</button></form>",
			            v->date, v->room, in ? "Sign out" : "Sign in",
			            st->id == w->me.staff_id ? "me" : st->name);
		}
		html_raw(b, "</td></tr>");
	}
	if (shown)
		html_raw(b, "</tbody></table></div>");
	else
		html_raw(b, "<p>Nobody on the rota today.</p>");
}

static void child_row(struct web *w, const struct reg_view *v, int64_t id, const char *name,
                      const char *expected, const struct today_child *c,
                      const struct register_day *r, const struct message *m, size_t nm)
{
	struct buf *b = &w->resp->body;
	int state;
	html_printf(b,
	            "<tr id=\"child-%" PRId64 "\"><th scope=\"row\"><a href=\"/children/%" PRId64
	            "\">%s</a>",
	            id, id, name);
	family_note_tag(w, id, v->day);
	html_printf(b, "</th><td>%s</td><td>", expected);
	if (c && c->primary)
		html_printf(b, "%s", c->primary->name);
	if (c && c->buddy)
		html_printf(b, "<br><span class=\"muted\">buddy %s</span>", c->buddy->name);
	if (c && c->greet == TODAY_BY_BUDDY)
		html_raw(b, "<br><span class=\"tag\">buddy greets</span>");
	if (c && c->greet == TODAY_BY_NOBODY)
		html_raw(b, "<br><span class=\"nobody\">nobody who knows them at arrival</span>");
	html_raw(b, "</td>");
	status_cell(w, v, find_person(r->children, r->nchildren, id), &state);
	html_raw(b, "<td>");
	day_messages_for(w, m, nm, id, c && c->primary ? c->primary->id : 0, 0);
	html_raw(b, "</td>");
	action_cell(w, v, id, state);
	html_raw(b, "</tr>");
}

static void table_head(struct web *w, const char *room)
{
	html_printf(&w->resp->body,
	            "<h3>%s</h3><div class=\"table-wrap\" tabindex=\"0\"><table "
	            "class=\"register\"><thead><tr>"
	            "<th scope=\"col\">Child</th><th scope=\"col\">Expected</th>"
	            "<th scope=\"col\">Key person</th><th scope=\"col\">Today</th>"
	            "<th scope=\"col\">Messages</th><th scope=\"col\">Sign in or out</th>"
	            "</tr></thead><tbody>",
	            room);
}

static int register_page(struct web *w, int status, const struct reg_view *v)
{
	struct buf *b = &w->resp->body;
	struct today t;
	struct register_day r;
	struct op_error e;
	struct message *m = NULL;
	size_t nm = 0, shown = 0;
	const char *last_room = NULL;

	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Register");
	day_filter(w, "/register", v->date ? v->date : "", v->room ? v->room : "", -1);
	if (v->alert)
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", v->alert);
	if (status == 422 && !v->failed_child && !v->alert) {
		page_end(w);
		return 0;
	}
	html_printf(
	    b,
	    "<p class=\"noprint\"><a href=\"/register/print?date=%s\">Printable register</a> · "
	    "<a href=\"/register.csv?date=%s\">Download as CSV</a> · "
	    "<a href=\"/register/missing?date=%s\">Children not in yet</a> · "
	    "<a href=\"/ratios?date=%s&amp;room=%s\">Ratios</a> · "
	    "<a href=\"/messages?date=%s&amp;room=%s\">Message book</a></p>",
	    v->date, v->date, v->date, v->date, v->room, v->date, v->room);
	if (v->day == date_today(w->setting.time_zone))
		day_ratio_warning_room(w, v->room_id);
	if (core_today_load(w->s, w->me.setting_id, v->day, v->room_id, &t, &e) != 0) {
		core_today_free(&t);
		html_printf(b, "<p class=\"alert\" role=\"alert\">The day cannot be shown: %s</p>",
		            e.msg);
		page_end(w);
		return 0;
	}
	if (core_register_load(w->s, w->me.setting_id, v->day, &r, &e) != 0) {
		core_today_free(&t);
		core_register_free(&r);
		html_printf(
		    b, "<p class=\"alert\" role=\"alert\">The register cannot be shown: %s</p>",
		    e.msg);
		page_end(w);
		return 0;
	}
	if (core_message_day(w->s, w->me.setting_id, v->day, w->setting.time_zone, w->a, &m, &nm,
	                     &e) != 0)
		nm = 0;
	family_today_notes(w, v->day, "/register"); /* families' morning notes */
	html_raw(b, "<h2 id=\"children\">Children</h2>");
	for (size_t i = 0; i < t.nchildren; i++) {
		const struct today_child *c = &t.children[i];
		char a[TIME_LEN], l[TIME_LEN];
		if (!authz_child(w, c->id, CHILD_BASIC))
			continue;
		if (!last_room || strcmp(last_room, c->room) != 0) {
			if (last_room)
				html_raw(b, "</tbody></table></div>");
			last_room = c->room;
			table_head(w, c->room);
			html_raw(b, "<tr><td colspan=\"6\">");
			day_messages_for(w, m, nm, 0, 0, c->room_id);
			html_raw(b, "</td></tr>");
		}
		time_format(c->arrive, a);
		time_format(c->leave, l);
		child_row(w, v, c->id, c->name, arena_printf(w->a, "%s–%s", a, l), c, &r, m, nm);
		shown++;
	}
	if (last_room)
		html_raw(b, "</tbody></table></div>");
	/* signed in today though not expected */
	{
		int any = 0;
		for (size_t i = 0; i < r.nchildren; i++) {
			const struct register_person *p = &r.children[i];
			int expected = 0;
			for (size_t k = 0; k < t.nchildren && !expected; k++)
				expected = t.children[k].id == p->id;
			if (expected ||
			    (v->room && *v->room && strcasecmp(v->room, p->room) != 0) ||
			    !authz_child(w, p->id, CHILD_BASIC))
				continue;
			if (!any++)
				table_head(w, "Signed in, not expected today");
			child_row(w, v, p->id, p->name, "not expected", NULL, &r, m, nm);
			shown++;
		}
		if (any)
			html_raw(b, "</tbody></table></div>");
	}
	if (!shown)
		html_raw(b, "<p>No children are expected.</p>");
	staff_section(w, v, &t, &r);
	core_today_free(&t);
	core_register_free(&r);
	page_end(w);
	return 0;
}

/* The view of a request: date and room from the query or the form. 0, or
 * -1 with the field error set. */
static int view_of(struct web *w, struct reg_view *v)
{
	memset(v, 0, sizeof *v);
	v->room = web_field(w, "room");
	if (day_date(w, &v->day, &v->date) != 0)
		return -1;
	return day_room(w, v->room, &v->room_id);
}

int page_register(struct web *w)
{
	struct reg_view v;
	if (view_of(w, &v) != 0)
		return register_page(w, 422, &v);
	return register_page(w, 200, &v);
}

static int back(struct web *w, const struct reg_view *v, const char *anchor)
{
	char *room = arena_strdup(w->a, v->room);
	/* the room is a name from our own list; keep the query to letters, digits and spaces */
	for (char *p = room; *p; p++)
		if (*p == ' ')
			*p = '+';
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		           (*p >= '0' && *p <= '9') || *p == '-'))
			*p = '_';
	return web_redirect(w, "/register?date=%s&room=%s%s", v->date, room, anchor);
}

/* The time of a write: the form's at (HH:MM), else now (only on the day itself). */
static int write_minute(struct web *w, const struct reg_view *v, const char *field, int *minute)
{
	const char *raw = web_field(w, "at");
	if (!*raw) {
		if (v->day != date_today(w->setting.time_zone)) {
			w->field_error[0] = field;
			w->field_error[1] = "Give the time: this is not today's register.";
			return -1;
		}
		*minute = day_now(w, v->day);
		return 0;
	}
	if (time_parse(raw, minute) != 0) {
		w->field_error[0] = field;
		w->field_error[1] = "Give the time as HH:MM.";
		return -1;
	}
	return 0;
}

static int refused(struct web *w, struct reg_view *v, int64_t child, const struct op_error *e)
{
	int status = e->status == OP_INVALID ? 422 : (int)e->status;
	v->failed_child = child;
	v->alert =
	    arena_printf(w->a, "%s%s%s", e->field[0] && e->status == OP_INVALID ? e->field : "",
	                 e->field[0] && e->status == OP_INVALID ? ": " : "", e->msg);
	if (child && e->field[0]) {
		const char *f = strcmp(e->field, "at") == 0 || strcmp(e->field, "date") == 0 ? "at"
		                : strcmp(e->field, "password") == 0          ? "password"
		                : strcmp(e->field, "collected_by_name") == 0 ? "collected_by_name"
		                : strcmp(e->field, "reason") == 0            ? "reason"
		                                                             : "collected_by";
		w->field_error[0] = arena_printf(w->a, "%s-%" PRId64, f, child);
		w->field_error[1] = arena_strdup(w->a, e->msg);
	}
	if (w->s && store_in_transaction(w->s))
		store_rollback(w->s);
	return register_page(w, status, v);
}

static int child_write(struct web *w, enum register_event ev)
{
	struct reg_view v;
	struct register_child_entry in;
	struct op_error e;
	const char *cb;
	int64_t child = w->id[0], id;
	long contact = 0;
	char field[40];

	if (!authz_child(w, child, CHILD_BASIC))
		return web_error(w, 404, "", "there is no child %" PRId64, child);
	if (!authz_register_child(w, child))
		return web_error(
		    w, 403, "",
		    "only the staff of the child's room, the key person or buddy, or a "
		    "manager sign this child in or out");
	if (view_of(w, &v) != 0)
		return register_page(w, 422, &v);
	memset(&in, 0, sizeof in);
	in.child_id = child;
	in.event = ev;
	in.day = v.day;
	snprintf(field, sizeof field, "at-%" PRId64, child);
	if (write_minute(w, &v, arena_strdup(w->a, field), &in.minute) != 0) {
		v.failed_child = child;
		return register_page(w, 422, &v);
	}
	cb = web_field(w, "collected_by");
	if (*cb && strcmp(cb, "other") != 0 && parse_long(cb, 1, INT64_MAX, &contact) != 0) {
		op_fail(&e, OP_INVALID, "collected_by", "choose someone from the list");
		return refused(w, &v, child, &e);
	}
	in.collected_by_contact = contact;
	in.collected_by_name = web_field(w, "collected_by_name");
	in.override_reason = web_field(w, "reason");
	in.password = web_body_field(w, "password");
	in.note = web_field(w, "note");
	if (core_tx_begin(w->s, &e) != 0 || core_register_child(w->s, &w->who, &in, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return refused(w, &v, child, &e);
	return back(w, &v, arena_printf(w->a, "#child-%" PRId64, child));
}

int page_register_in(struct web *w)
{
	return child_write(w, REGISTER_IN);
}

int page_register_out(struct web *w)
{
	return child_write(w, REGISTER_OUT);
}

static int staff_write(struct web *w, enum register_event ev)
{
	struct reg_view v;
	struct op_error e;
	int64_t staff = w->id[0], id;
	int minute;
	if (!authz_register_staff(w, staff))
		return web_error(w, 403, "",
		                 "you sign yourself in and out; a manager signs anyone");
	if (view_of(w, &v) != 0)
		return register_page(w, 422, &v);
	if (write_minute(w, &v, "date", &minute) != 0)
		return register_page(w, 422, &v);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_register_staff(w->s, &w->who, staff, ev, v.day, minute, &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (e.status == OP_NOT_FOUND) {
			if (store_in_transaction(w->s))
				store_rollback(w->s);
			return web_op_error(w, &e);
		}
		return refused(w, &v, 0, &e);
	}
	return back(w, &v, "#staff");
}

int page_register_staff_in(struct web *w)
{
	return staff_write(w, REGISTER_IN);
}

int page_register_staff_out(struct web *w)
{
	return staff_write(w, REGISTER_OUT);
}

int page_register_correct(struct web *w)
{
	struct reg_view v;
	struct op_error e;
	struct store_stmt *st = store_stmt(w->s, STMT_DAY_ENTRY_AUTHOR);
	int64_t entry = w->id[0], child = 0, author = 0, id;
	int found, minute;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, entry);
	found = store_step(st) == STORE_ROW;
	if (found) {
		child = store_col_int(st, 0);
		author = store_col_int(st, 1);
	}
	store_finish(st);
	if (!found || !authz_child(w, child, CHILD_BASIC))
		return web_error(w, 404, "", "there is no register entry %" PRId64, entry);
	if (!authz_register_correct(w, author))
		return web_error(w, 403, "",
		                 "an entry is corrected by a manager or by the person who made it");
	if (view_of(w, &v) != 0)
		return register_page(w, 422, &v);
	if (time_parse(web_field(w, "at"), &minute) != 0) {
		v.alert = "Give the corrected time as HH:MM.";
		return register_page(w, 422, &v);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_register_child_correct(w->s, &w->who, entry, minute, web_field(w, "note"), &id,
	                                &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return refused(w, &v, 0, &e);
	return back(w, &v, arena_printf(w->a, "#child-%" PRId64, child));
}

/* ---- the printable register and its CSV ---- */

/* The day's register with only the children the person may see. */
static int visible_register(struct web *w, int day, struct register_day *r, struct op_error *e)
{
	size_t k = 0;
	if (core_register_load(w->s, w->me.setting_id, day, r, e) != 0)
		return -1;
	for (size_t i = 0; i < r->nchildren; i++)
		if (authz_child(w, r->children[i].id, CHILD_BASIC))
			r->children[k++] = r->children[i];
	r->nchildren = k;
	return 0;
}

static void print_people(struct web *w, const struct register_person *p, size_t n, int children)
{
	struct buf *b = &w->resp->body;
	/* header cells are our own markup: written raw, never through %s */
	html_printf(b,
	            "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	            "<th scope=\"col\">%s</th>",
	            children ? "Child" : "Member of staff");
	if (children)
		html_raw(b, "<th scope=\"col\">Room</th>");
	html_raw(b,
	         "<th scope=\"col\">In</th><th scope=\"col\">Out</th><th scope=\"col\">Hours</th>");
	if (children)
		html_raw(b, "<th scope=\"col\">Key person</th><th scope=\"col\">Collected by</th>"
		            "<th scope=\"col\">Corrections</th>");
	html_raw(b, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < p[i].nsessions; k++) {
			const struct register_session *s = &p[i].sessions[k];
			char in[TIME_LEN], out[TIME_LEN];
			int mins = s->in >= 0 && s->out >= 0 ? s->out - s->in : -1;
			tm(s->in, in);
			tm(s->out, out);
			html_printf(b, "<tr><th scope=\"row\">%s</th>", p[i].name);
			if (children)
				html_printf(b, "<td>%s</td>", p[i].room);
			html_printf(b, "<td>%s</td><td>%s</td>", in, out);
			if (mins >= 0)
				html_printf(b, "<td>%d:%02d</td>", mins / 60, mins % 60);
			else
				html_raw(b, "<td>—</td>");
			if (children)
				html_printf(b, "<td>%s</td><td>%s%s%s</td><td>%s</td>",
				            s->key_person, s->collected_by,
				            *s->collection_override ? "; override: " : "",
				            s->collection_override, s->corrections);
			html_raw(b, "</tr>");
		}
	html_raw(b, "</tbody></table></div>");
}

int page_register_print(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct register_day r;
	struct op_error e;
	const char *date;
	int day;
	if (day_date(w, &day, &date) != 0) {
		w->resp->status = 422;
		page_begin(w, "Daily register");
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", w->field_error[1]);
		page_end(w);
		return 0;
	}
	if (visible_register(w, day, &r, &e) != 0) {
		core_register_free(&r);
		return web_op_error(w, &e);
	}
	page_begin(w, "Daily register");
	html_printf(
	    b,
	    "<p><strong>%s</strong>, %s. <a class=\"noprint\" href=\"/register.csv?date=%s\">"
	    "Download as CSV</a></p>",
	    w->setting.name, r.date, r.date);
	html_raw(b, "<h2>Children</h2>");
	if (r.nchildren)
		print_people(w, r.children, r.nchildren, 1);
	else
		html_raw(b, "<p>No child was signed in.</p>");
	html_raw(b, "<h2>Staff on the premises</h2>");
	if (r.nstaff)
		print_people(w, r.staff, r.nstaff, 0);
	else
		html_raw(b, "<p>No member of staff was signed in.</p>");
	core_register_free(&r);
	page_end(w);
	return 0;
}

int page_register_csv(struct web *w)
{
	struct register_day r;
	struct op_error e;
	const char *date;
	int day;
	if (day_date(w, &day, &date) != 0)
		return web_error(w, 422, "date", "%s", w->field_error[1]);
	if (visible_register(w, day, &r, &e) != 0) {
		core_register_free(&r);
		return web_op_error(w, &e);
	}
	buf_reset(&w->resp->body);
	if (core_register_csv(&r, &w->resp->body) != 0) {
		core_register_free(&r);
		return web_error(w, 500, "", "the register is too large to download");
	}
	w->resp->status = 200;
	w->resp->content_type = "text/csv; charset=utf-8";
	w->resp->disposition =
	    arena_printf(w->a, "attachment; filename=\"register-%s.csv\"", r.date);
	core_register_free(&r);
	return 0;
}

/* ---- children not in yet ---- */

static const char *const absence_reasons[] = {"illness", "holiday",     "appointment",
                                              "family",  "unexplained", "other"};

static int missing_page(struct web *w, int status, int day, const char *date, int64_t failed)
{
	struct buf *b = &w->resp->body;
	struct register_missing *miss;
	struct register_absence_count *counts;
	size_t nmiss, ncounts, shown = 0;
	struct op_error e;
	int see_all_phones = authz_has(&w->me, ROLE_MANAGER);
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Children not in yet");
	day_filter(w, "/register/missing", date, "", -1);
	if (failed && w->field_error[1])
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", w->field_error[1]);
	if (status == 422 && !failed) {
		page_end(w);
		return 0;
	}
	if (core_register_missing(w->s, w->me.setting_id, day, day_now(w, day),
	                          REGISTER_ABSENCE_WEEKS, w->a, &miss, &nmiss, &counts, &ncounts,
	                          &e) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", e.msg);
		page_end(w);
		return 0;
	}
	html_printf(b,
	            "<p>Children expected and not signed in %d minutes after their usual arrival, "
	            "with no absence recorded. Contact the family and record what they said.</p>",
	            REGISTER_GRACE_MIN);
	for (size_t i = 0; i < nmiss; i++) {
		const struct register_missing *c = &miss[i];
		char t[TIME_LEN], f_reason[40], f_follow[40];
		if (!authz_register_followup(w, c->child_id))
			continue;
		shown++;
		time_format(c->arrive, t);
		snprintf(f_reason, sizeof f_reason, "reason-%" PRId64, c->child_id);
		snprintf(f_follow, sizeof f_follow, "follow_up-%" PRId64, c->child_id);
		html_printf(
		    b,
		    "<section class=\"card\" id=\"child-%" PRId64 "\"><h2>%s</h2>"
		    "<p>%s, usually in by %s; key person %s. Absences in the last %d weeks: %d "
		    "(%d unexplained)%s</p>",
		    c->child_id, c->name, c->room, t,
		    *c->key_person ? c->key_person : "none on shift", REGISTER_ABSENCE_WEEKS,
		    c->absences, c->unexplained,
		    c->absences >= REGISTER_REPEATED_ABSENCES ? " — repeated absence" : "");
		if (see_all_phones || authz_child(w, c->child_id, CHILD_RECORDS))
			html_printf(b, "<p>Family: %s</p>",
			            *c->contacts ? c->contacts : "no contacts");
		else
			html_raw(b,
			         "<p class=\"muted\">The family's numbers are with the key person "
			         "and the manager.</p>");
		html_printf(b, "<form method=\"post\" action=\"/register/%" PRId64 "/absent\">",
		            c->child_id);
		page_csrf(w);
		html_printf(b,
		            "<input type=\"hidden\" name=\"date\" value=\"%s\">"
		            "<label for=\"%s\">What the family said</label><select id=\"%s\" "
		            "name=\"reason\"",
		            date, f_reason, f_reason);
		day_invalid(w, f_reason);
		for (size_t k = 0; k < ARRAY_LEN(absence_reasons); k++)
			html_printf(b, "<option%s>%s</option>",
			            failed == c->child_id &&
			                    strcmp(web_field(w, "reason"), absence_reasons[k]) == 0
			                ? " selected"
			                : "",
			            absence_reasons[k]);
		html_raw(b, "</select>");
		page_field_error(w, f_reason);
		html_printf(
		    b,
		    "<label for=\"%s\">Follow-up (who was contacted, when, what was done)</label>"
		    "<textarea id=\"%s\" name=\"follow_up\" maxlength=\"2000\"",
		    f_follow, f_follow);
		day_invalid(w, f_follow);
		html_printf(b, "%s</textarea>",
		            failed == c->child_id ? web_field(w, "follow_up") : "");
		page_field_error(w, f_follow);
		html_raw(b, "<button type=\"submit\">Record the absence</button></form></section>");
	}
	if (!shown)
		html_raw(b, "<p class=\"notice\">Nobody is missing.</p>");
	html_raw(b, "<h2>Absences in the last weeks</h2>");
	shown = 0;
	for (size_t i = 0; i < ncounts; i++) {
		if (!authz_register_followup(w, counts[i].child_id))
			continue;
		if (!shown++)
			html_raw(b, "<div class=\"table-wrap\" "
			            "tabindex=\"0\"><table><thead><tr><th scope=\"col\">Child</th>"
			            "<th scope=\"col\">Room</th><th scope=\"col\">Absences</th>"
			            "<th scope=\"col\">Unexplained</th></tr></thead><tbody>");
		html_printf(b,
		            "<tr><th scope=\"row\">%s%s</th><td>%s</td><td>%d</td><td>%d</td></tr>",
		            counts[i].name,
		            counts[i].absences >= REGISTER_REPEATED_ABSENCES ? " (repeated)" : "",
		            counts[i].room, counts[i].absences, counts[i].unexplained);
	}
	if (shown)
		html_raw(b, "</tbody></table></div>");
	else
		html_raw(b, "<p>No absences recorded.</p>");
	free(miss); /* the arrays are the caller's (core_register.c), the strings w->a's */
	free(counts);
	page_end(w);
	return 0;
}

int page_register_missing(struct web *w)
{
	const char *date;
	int day;
	if (day_date(w, &day, &date) != 0)
		return missing_page(w, 422, day, date, 0);
	return missing_page(w, 200, day, date, 0);
}

int page_register_absent(struct web *w)
{
	struct op_error e;
	const char *date;
	int64_t child = w->id[0], id;
	int day;
	if (!authz_child(w, child, CHILD_BASIC))
		return web_error(w, 404, "", "there is no child %" PRId64, child);
	if (!authz_register_followup(w, child))
		return web_error(
		    w, 403, "",
		    "absences are followed up by the manager, the DSL and the room's staff");
	if (day_date(w, &day, &date) != 0)
		return missing_page(w, 422, day, date, 0);
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_register_absence(w->s, &w->who, child, day, web_field(w, "reason"),
	                          web_field(w, "follow_up"), &id, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (store_in_transaction(w->s))
			store_rollback(w->s);
		if (e.status != OP_INVALID)
			return web_op_error(w, &e);
		w->field_error[0] =
		    arena_printf(w->a, "%s-%" PRId64,
		                 strcmp(e.field, "reason") == 0 ? "reason" : "follow_up", child);
		w->field_error[1] = arena_strdup(w->a, e.msg);
		return missing_page(w, 422, day, date, child);
	}
	return web_redirect(w, "/register/missing?date=%s", date);
}
