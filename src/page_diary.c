/*
 * page_diary.c — the daily diary (core_diary): GET /diary is the tablet
 * page of a key group (or a room) for a day: one quick-entry form per kind
 * (?kind=meal: "lunch" for everyone, a row per child with all / most /
 * some / none and a note; ?kind=nappy: wet / soiled / dry per child; …),
 * saved with one submit in one transaction, and the day's entries so far
 * with whether the parents can see them yet; the publish button and, for
 * the manager, whether the diary goes out at once or at the end of the day.
 * POST /diary, /diary/publish, /diary/settings; GET and POST
 * /children/:id/diary for one child's day. Who may write is
 * authz_diary_write; a row the person may not write refuses the whole form.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core_diary.h"
#include "page_records.h"

struct diary_child {
	int64_t id, room_id, key_id, buddy_id;
	const char *name, *room, *key;
};

/* The children of the page: ?room=, else ?key= (a key person's key group),
 * else the person's own key group (their key and buddy children, as a
 * buddy writes for the key group too), else every child they may write for. */
static int diary_children(struct web *w, int day, int64_t room_id, int64_t key_id,
                          struct diary_child **out, size_t *n)
{
	struct store_stmt *st = store_stmt(w->s, STMT_REC_CHILDREN);
	struct diary_child *c = NULL;
	size_t cap = 0, k = 0;
	char date[DATE_LEN];
	int mine = !room_id && !key_id && w->me.staff_id;
	date_format(day, date);
	store_bind_text(st, 1, date);
	store_bind_text(st, 2, date);
	store_bind_int(st, 3, w->me.setting_id);
	store_bind_text(st, 4, date);
	store_bind_text(st, 5, date);
	*n = 0;
	while (store_step(st) == STORE_ROW) {
		const char *pref = store_col_text(st, 3);
		if (*n == cap) {
			struct diary_child *grown;
			cap = cap ? 2 * cap : 64;
			grown = arena_alloc(w->a, cap * sizeof *c);
			if (*n)
				memcpy(grown, c, *n * sizeof *c);
			c = grown;
		}
		c[*n] = (struct diary_child){
		    .id = store_col_int(st, 0),
		    .name = arena_printf(w->a, "%s %s", *pref ? pref : store_col_text(st, 1),
		                         store_col_text(st, 2)),
		    .room_id = store_col_int(st, 5),
		    .room = arena_strdup(w->a, store_col_text(st, 6)),
		    .key_id = store_col_int(st, 7),
		    .key = arena_strdup(w->a, store_col_text(st, 8)),
		    .buddy_id = store_col_int(st, 9),
		};
		(*n)++;
	}
	store_finish(st);
	if (mine) {
		size_t own = 0;
		for (size_t i = 0; i < *n; i++)
			own += c[i].key_id == w->me.staff_id || c[i].buddy_id == w->me.staff_id;
		mine = own > 0;
	}
	for (size_t i = 0; i < *n; i++) {
		if ((room_id && c[i].room_id != room_id) || (key_id && c[i].key_id != key_id))
			continue;
		if (mine && c[i].key_id != w->me.staff_id && c[i].buddy_id != w->me.staff_id)
			continue;
		if (!authz_diary_write(w, c[i].id))
			continue;
		c[k++] = c[i];
	}
	*n = k;
	*out = c;
	return 0;
}

static const struct diary_kind_def *kind_of(const char *name)
{
	for (size_t i = 0; i < DIARY_KIND__MAX; i++)
		if (strcmp(name, diary_kinds[i].name) == 0)
			return &diary_kinds[i];
	return &diary_kinds[DIARY_MEAL];
}

static void options(struct buf *b, const char *const *list, const char *chosen, const char *none)
{
	if (none)
		html_printf(b, "<option value=\"\">%s</option>", none);
	for (size_t i = 0; list[i]; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", list[i],
		            strcmp(chosen, list[i]) == 0 ? " selected" : "", list[i]);
}

/* A field of row i as posted ("" when not). */
static const char *row_field(struct web *w, const char *name, size_t i)
{
	return web_field(w, arena_printf(w->a, "%s%zu", name, i));
}

static void row_invalid(struct web *w, const char *name, size_t i)
{
	day_invalid(w, arena_printf(w->a, "%s%zu", name, i));
}

static void quick_form(struct web *w, const char *date, const char *room, const char *key,
                       const struct diary_kind_def *k, const struct diary_child *c, size_t n)
{
	struct buf *b = &w->resp->body;
	const char *item = web_field(w, "item");
	if (!*item && k == &diary_kinds[DIARY_MEAL])
		item = "lunch";
	html_printf(b,
	            "<section class=\"card\"><h2 id=\"quick\">%s for everyone</h2>"
	            "<form method=\"post\" action=\"/diary\" class=\"diary-quick\">",
	            k->label);
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"date\" value=\"%s\">"
	            "<input type=\"hidden\" name=\"room\" value=\"%s\">"
	            "<input type=\"hidden\" name=\"key\" value=\"%s\">"
	            "<input type=\"hidden\" name=\"kind\" value=\"%s\">",
	            date, room, key, k->name);
	if (k->items && k->amount) {
		html_printf(b,
		            "<label for=\"item\">Which %s</label><select id=\"item\" name=\"item\"",
		            k == &diary_kinds[DIARY_MEAL] ? "meal" : "drink");
		day_invalid(w, "item");
		options(b, k->items, item, NULL);
		html_raw(b, "</select>");
		page_field_error(w, "item");
	}
	if (!k->span) {
		html_printf(b,
		            "<label for=\"time\">Time (for everyone)</label>"
		            "<input type=\"time\" id=\"time\" name=\"time\" value=\"%s\"",
		            web_field(w, "time"));
		day_invalid(w, "time");
		page_field_error(w, "time");
	}
	if (k->needs_detail) {
		html_printf(b,
		            "<label for=\"detail\">What happened (for everyone ticked)</label>"
		            "<input id=\"detail\" name=\"detail\" maxlength=\"1000\" value=\"%s\"",
		            web_field(w, "detail"));
		day_invalid(w, "detail");
	}
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	            "<th scope=\"col\">Child</th><th scope=\"col\">Entry</th>"
	            "<th scope=\"col\">Note</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html_printf(b,
		            "<tr><th scope=\"row\" id=\"child%zu\">%s<input type=\"hidden\" "
		            "name=\"c%zu\" value=\"%" PRId64 "\"></th><td>",
		            i, c[i].name, i, c[i].id);
		if (k->amount) {
			html_printf(b,
			            "<select name=\"amount%zu\" aria-labelledby=\"child%zu\" "
			            "aria-label=\"How much\"",
			            i, i);
			row_invalid(w, "amount", i);
			options(b, diary_amounts, row_field(w, "amount", i), "—");
			html_raw(b, "</select>");
		} else if (k->items) {
			html_printf(b, "<select name=\"item%zu\" aria-labelledby=\"child%zu\"", i,
			            i);
			row_invalid(w, "item", i);
			options(b, k->items, row_field(w, "item", i), "—");
			html_raw(b, "</select>");
		} else if (k->span) {
			html_printf(
			    b,
			    "<input type=\"time\" name=\"time%zu\" aria-label=\"Asleep from\" "
			    "value=\"%s\"",
			    i, row_field(w, "time", i));
			row_invalid(w, "time", i);
			html_printf(
			    b,
			    " to <input type=\"time\" name=\"end%zu\" aria-label=\"Woke at\" "
			    "value=\"%s\"",
			    i, row_field(w, "end", i));
			row_invalid(w, "end", i);
		} else {
			html_printf(b,
			            "<input type=\"checkbox\" name=\"on%zu\" value=\"1\" "
			            "aria-labelledby=\"child%zu\"%s>",
			            i, i, *row_field(w, "on", i) ? " checked" : "");
		}
		html_printf(
		    b,
		    "</td><td><input name=\"detail%zu\" maxlength=\"1000\" aria-label=\"Note "
		    "for %s\" value=\"%s\"",
		    i, c[i].name, row_field(w, "detail", i));
		row_invalid(w, "detail", i);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div><button type=\"submit\">Save for everyone</button>"
	            "</form></section>");
}

static void entries_of_day(struct web *w, int day, const struct diary_child *c, size_t n)
{
	struct buf *b = &w->resp->body;
	struct diary_entry *d;
	struct op_error e;
	size_t nd;
	if (core_diary_day(w->s, w->me.setting_id, day, 0, w->a, &d, &nd, &e) != 0) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", e.msg);
		return;
	}
	html_raw(b, "<section class=\"card\"><h2 id=\"day\">The day so far</h2>"
	            "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
	            "<th scope=\"col\">Child</th><th scope=\"col\">Diary</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		int any = 0;
		html_printf(b,
		            "<tr><th scope=\"row\"><a href=\"/children/%" PRId64 "/diary\">%s</a>",
		            c[i].id, c[i].name);
		html_raw(b, "</th><td><ul class=\"diary\">");
		for (size_t j = 0; j < nd; j++) {
			char t[TIME_LEN] = "";
			if (d[j].child_id != c[i].id)
				continue;
			any = 1;
			if (d[j].start_min >= 0 && d[j].end_min < 0)
				time_format(d[j].start_min, t);
			html_printf(b, "<li>%s%s%s%s</li>", t, *t ? " " : "", d[j].detail,
			            d[j].published_at ? "" : " (not yet published)");
		}
		if (!any)
			html_raw(b, "<li class=\"muted\">Nothing yet</li>");
		html_raw(b, "</ul></td></tr>");
	}
	html_raw(b, "</tbody></table></div></section>");
}

static int diary_page(struct web *w, const char *notice)
{
	struct buf *b = &w->resp->body;
	const char *date, *room = web_field(w, "room"), *key = web_field(w, "key");
	const struct diary_kind_def *k = kind_of(web_field(w, "kind"));
	struct diary_child *c;
	struct store_stmt *st;
	int64_t room_id = 0, unpublished = 0;
	long key_id = 0;
	int day, at_once = core_diary_at_once(w->s, w->me.setting_id);
	size_t n;
	buf_reset(b);
	if (day_date(w, &day, &date) != 0 || day_room(w, room, &room_id) != 0) {
		w->resp->status = 422;
		page_begin(w, "Daily diary");
		records_alert(w);
		page_end(w);
		return 0;
	}
	if (*key && parse_long(key, 1, INT64_MAX, &key_id) != 0)
		key_id = 0;
	diary_children(w, day, room_id, key_id, &c, &n);
	page_begin(w, "Daily diary");
	if (notice)
		html_printf(b, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	records_alert(w);
	html_printf(b,
	            "<form method=\"get\" action=\"/diary\" class=\"card noprint filters\"><div>"
	            "<label for=\"date\">Day</label><input type=\"date\" id=\"date\" name=\"date\" "
	            "value=\"%s\"></div><div><label for=\"room\">Room</label>"
	            "<select id=\"room\" name=\"room\"><option value=\"\">My key group</option>",
	            date);
	st = store_stmt(w->s, STMT_ROOM_LIST);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW)
		html_printf(b, "<option%s>%s</option>",
		            room_id == store_col_int(st, 0) ? " selected" : "",
		            store_col_text(st, 1));
	store_finish(st);
	html_raw(b, "</select></div><div><label for=\"key\">Key group of</label>"
	            "<select id=\"key\" name=\"key\"><option value=\"\">—</option>");
	st = store_stmt(w->s, STMT_DAY_KEY_PEOPLE);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, date);
	while (store_step(st) == STORE_ROW)
		html_printf(b, "<option value=\"%" PRId64 "\"%s>%s</option>", store_col_int(st, 0),
		            key_id == store_col_int(st, 0) ? " selected" : "",
		            store_col_text(st, 1));
	store_finish(st);
	html_printf(b,
	            "</select></div><input type=\"hidden\" name=\"kind\" value=\"%s\">"
	            "<button type=\"submit\">Show</button></form>",
	            k->name);
	html_raw(b, "<nav aria-label=\"Kind of entry\" class=\"noprint\"><p>");
	for (size_t i = 0; i < DIARY_KIND__MAX; i++)
		html_printf(
		    b, "%s<a href=\"/diary?date=%s&amp;room=%s&amp;key=%s&amp;kind=%s\"%s>%s</a>",
		    i ? " · " : "", date, room, key, diary_kinds[i].name,
		    &diary_kinds[i] == k ? " aria-current=\"page\"" : "", diary_kinds[i].label);
	html_raw(b, "</p></nav>");
	if (!n) {
		html_raw(b, "<p>No children to write the diary for here: choose a room or a key "
		            "group.</p>");
	} else {
		quick_form(w, date, room, key, k, c, n);
		entries_of_day(w, day, c, n);
	}
	st = store_stmt(w->s, STMT_DIARY_UNPUBLISHED);
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_text(st, 2, date);
	if (store_step(st) == STORE_ROW)
		unpublished = store_col_int(st, 0);
	store_finish(st);
	html_printf(b,
	            "<section class=\"card noprint\"><h2 id=\"publish\">Publish to parents</h2>"
	            "<p>%s %" PRId64 " %s of this day (the whole setting) not yet published.</p>",
	            at_once ? "The diary is published as each entry is written."
	                    : "The diary goes to parents at the end of the day.",
	            unpublished, unpublished == 1 ? "entry" : "entries");
	if (n && unpublished) {
		html_raw(b, "<form method=\"post\" action=\"/diary/publish\">");
		page_csrf(w);
		html_printf(
		    b,
		    "<input type=\"hidden\" name=\"date\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"room\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"key\" value=\"%s\">"
		    "<button type=\"submit\">Publish these children's diary now</button></form>",
		    date, room, key);
	}
	if (authz_has(&w->me, ROLE_MANAGER)) {
		html_raw(b, "<form method=\"post\" action=\"/diary/settings\">");
		page_csrf(w);
		html_printf(b,
		            "<label for=\"diary_publish\">When parents see the diary</label>"
		            "<select id=\"diary_publish\" name=\"diary_publish\">"
		            "<option value=\"end_of_day\"%s>At the end of the day (published by a "
		            "button, or kw diary publish at closing time)</option>"
		            "<option value=\"at_once\"%s>As soon as each entry is written</option>"
		            "</select><button type=\"submit\">Save</button></form>",
		            at_once ? "" : " selected", at_once ? " selected" : "");
	}
	html_raw(b, "</section>");
	page_end(w);
	return 0;
}

int page_diary(struct web *w)
{
	const char *saved = web_field(w, "saved"), *published = web_field(w, "published");
	long k;
	if (*saved && parse_long(saved, 0, 100000, &k) == 0)
		return diary_page(
		    w, arena_printf(w->a, "Saved %ld diary %s.", k, k == 1 ? "entry" : "entries"));
	if (*published && parse_long(published, 0, 1000000, &k) == 0)
		return diary_page(w, arena_printf(w->a, "Published %ld %s to the parents.", k,
		                                  k == 1 ? "entry" : "entries"));
	return diary_page(w, NULL);
}

static int redisplay(struct web *w, const struct op_error *e, size_t row, const char *child)
{
	records_field_error(w, e);
	if (row) {
		w->field_error[0] = arena_printf(w->a, "%s%zu", e->field, row - 1);
		w->field_error[1] = arena_printf(w->a, "Row %zu (%s): %s %s — nothing was saved.",
		                                 row, child ? child : "?", e->field, e->msg);
	}
	{
		int status = w->resp->status;
		diary_page(w, NULL);
		w->resp->status = status;
	}
	return 0;
}

int page_diary_group(struct web *w)
{
	const char *date, *kind = web_field(w, "kind");
	const struct diary_kind_def *k = kind_of(kind);
	struct diary_new *rows;
	const char **names;
	struct op_error e;
	size_t n = 0, bad = 0, max = DIARY_ROWS_MAX;
	int day;
	if (day_date(w, &day, &date) != 0) {
		w->resp->status = 422;
		return diary_page(w, NULL);
	}
	rows = arena_alloc(w->a, max * sizeof *rows);
	names = arena_alloc(w->a, max * sizeof *names);
	for (size_t i = 0; i < max; i++) {
		const char *cid = row_field(w, "c", i);
		const char *item = row_field(w, "item", i), *amount = row_field(w, "amount", i);
		const char *time = row_field(w, "time", i), *end = row_field(w, "end", i);
		const char *detail = row_field(w, "detail", i), *on = row_field(w, "on", i);
		const char *top = web_field(w, "detail");
		long id;
		if (!*cid)
			break;
		if (!*item && !*amount && !*time && !*end && !*detail && !*on)
			continue;
		if (parse_long(cid, 1, INT64_MAX, &id) != 0 || !authz_diary_write(w, id))
			return web_error(
			    w, 403, arena_printf(w->a, "c%zu", i),
			    "row %zu: you may not write the diary of that child; nothing "
			    "was saved",
			    i + 1);
		names[n] = records_child_name(w, id);
		rows[n] = (struct diary_new){
		    .child_id = id,
		    .kind = k->name,
		    .item = *item ? item : web_field(w, "item"),
		    .amount = amount,
		    .time = *time ? time : web_field(w, "time"),
		    .end = end,
		    .detail = k->needs_detail && *top
		                  ? (*detail ? arena_printf(w->a, "%s — %s", top, detail) : top)
		                  : detail,
		};
		/* remember which form row this is, for the error */
		names[n] = arena_printf(w->a, "%zu\t%s", i + 1, names[n] ? names[n] : "?");
		n++;
	}
	if (n == 0) {
		op_fail(&e, OP_INVALID, "form", "fill in at least one child's entry");
		return redisplay(w, &e, 0, NULL);
	}
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_diary_add(w->s, &w->who, day, w->me.staff_id, rows, n, &bad, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		if (bad) {
			long row = 0;
			const char *tab = strchr(names[bad - 1], '\t');
			char num[16];
			size_t len = (size_t)(tab - names[bad - 1]);
			memcpy(num, names[bad - 1], len < sizeof num ? len : sizeof num - 1);
			num[len < sizeof num ? len : sizeof num - 1] = '\0';
			if (parse_long(num, 1, DIARY_ROWS_MAX, &row) != 0)
				row = (long)bad;
			return redisplay(w, &e, (size_t)row, tab + 1);
		}
		return redisplay(w, &e, 0, NULL);
	}
	return web_redirect(w, "/diary?date=%s&room=%s&key=%s&kind=%s&saved=%zu", date,
	                    web_field(w, "room"), web_field(w, "key"), k->name, n);
}

int page_diary_publish(struct web *w)
{
	const char *date, *room = web_field(w, "room"), *key = web_field(w, "key");
	struct diary_child *c;
	struct op_error e;
	int64_t room_id = 0;
	long key_id = 0;
	int day, total = 0;
	size_t n;
	if (day_date(w, &day, &date) != 0 || day_room(w, room, &room_id) != 0) {
		w->resp->status = 422;
		return diary_page(w, NULL);
	}
	if (*key && parse_long(key, 1, INT64_MAX, &key_id) != 0)
		key_id = 0;
	diary_children(w, day, room_id, key_id, &c, &n);
	if (core_tx_begin(w->s, &e) != 0)
		return records_refuse(w, &e);
	for (size_t i = 0; i < n; i++) {
		int count;
		if (core_diary_publish(w->s, &w->who, day, c[i].id, 0, &count, &e) != 0)
			return records_refuse(w, &e);
		total += count;
	}
	if (core_tx_commit(w->s, &e) != 0)
		return records_refuse(w, &e);
	return web_redirect(w, "/diary?date=%s&room=%s&key=%s&published=%d", date, room, key,
	                    total);
}

int page_diary_mode(struct web *w)
{
	struct op_error e;
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_diary_set_mode(w->s, &w->who, web_field(w, "diary_publish"), &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0)
		return records_refuse(w, &e);
	return web_redirect(w, "/diary#publish");
}

/* ---- one child's day ---- */

static int child_diary_page(struct web *w, int64_t id, const char *name)
{
	struct buf *b = &w->resp->body;
	struct diary_entry *d;
	struct op_error e;
	const char *date, *kind = web_field(w, "kind");
	size_t n;
	int day;
	int status = w->resp->status;
	buf_reset(b);
	if (day_date(w, &day, &date) != 0)
		status = 422;
	w->resp->status = status ? status : 200;
	page_begin(w, arena_printf(w->a, "Diary: %s", name));
	records_child_links(w, id);
	records_alert(w);
	html_printf(b,
	            "<form method=\"get\" class=\"card noprint filters\"><div><label for=\"date\">"
	            "Day</label><input type=\"date\" id=\"date\" name=\"date\" value=\"%s\"></div>"
	            "<button type=\"submit\">Show</button></form>",
	            date);
	if (core_diary_day(w->s, w->me.setting_id, day, id, w->a, &d, &n, &e) != 0)
		n = 0;
	if (!n)
		html_raw(b, "<p>Nothing in the diary for this day yet.</p>");
	else
		html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
		            "<th scope=\"col\">Time</th><th scope=\"col\">Entry</th>"
		            "<th scope=\"col\">By</th><th scope=\"col\">Parents</th></tr></thead>"
		            "<tbody>");
	for (size_t i = 0; i < n; i++) {
		char t[TIME_LEN] = "";
		if (d[i].start_min >= 0)
			time_format(d[i].start_min, t);
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", t,
		            d[i].detail, d[i].author, d[i].published_at ? "published" : "not yet");
	}
	if (n)
		html_raw(b, "</tbody></table></div>");
	html_printf(b,
	            "<section class=\"card\"><h2 id=\"add\">Add to the diary</h2>"
	            "<form method=\"post\" action=\"/children/%" PRId64 "/diary\">",
	            id);
	page_csrf(w);
	html_printf(b,
	            "<input type=\"hidden\" name=\"date\" value=\"%s\"><label for=\"kind\">Kind"
	            "</label><select id=\"kind\" name=\"kind\"",
	            date);
	day_invalid(w, "kind");
	for (size_t i = 0; i < DIARY_KIND__MAX; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", diary_kinds[i].name,
		            strcmp(kind, diary_kinds[i].name) == 0 ? " selected" : "",
		            diary_kinds[i].label);
	html_raw(b, "</select>");
	page_field_error(w, "kind");
	html_raw(b, "<label for=\"item\">What</label><select id=\"item\" name=\"item\"");
	day_invalid(w, "item");
	html_raw(b, "<option value=\"\">—</option>");
	for (size_t i = 0; i < DIARY_KIND__MAX; i++) {
		if (!diary_kinds[i].items)
			continue;
		html_printf(b, "<optgroup label=\"%s\">", diary_kinds[i].label);
		options(b, diary_kinds[i].items, web_field(w, "item"), NULL);
		html_raw(b, "</optgroup>");
	}
	html_raw(b, "</select>");
	page_field_error(w, "item");
	html_raw(b, "<label for=\"amount\">How much (meals and drinks)</label>"
	            "<select id=\"amount\" name=\"amount\"");
	day_invalid(w, "amount");
	options(b, diary_amounts, web_field(w, "amount"), "—");
	html_raw(b, "</select>");
	page_field_error(w, "amount");
	html_printf(
	    b,
	    "<label for=\"time\">Time</label><input type=\"time\" id=\"time\" name=\"time\" "
	    "value=\"%s\"",
	    web_field(w, "time"));
	day_invalid(w, "time");
	page_field_error(w, "time");
	html_printf(b,
	            "<label for=\"end\">Until (sleep)</label><input type=\"time\" id=\"end\" "
	            "name=\"end\" value=\"%s\"",
	            web_field(w, "end"));
	day_invalid(w, "end");
	page_field_error(w, "end");
	records_textarea(w, "detail", "Note", web_field(w, "detail"), 2);
	html_raw(b, "<button type=\"submit\">Add</button></form></section>");
	page_end(w);
	return 0;
}

int page_child_diary(struct web *w)
{
	const char *name = records_child_name(w, w->id[0]);
	struct op_error e;
	if (!name || !authz_diary_write(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (audit_read(w->s, &w->who, "diary.view", w->id[0], &e) != 0)
		return web_op_error(w, &e);
	return child_diary_page(w, w->id[0], name);
}

int page_child_diary_add(struct web *w)
{
	const char *name = records_child_name(w, w->id[0]), *date;
	struct diary_new row;
	struct op_error e;
	size_t bad;
	int day;
	if (!name || !authz_diary_write(w, w->id[0]))
		return web_error(w, 404, "", "there is no child %" PRId64, w->id[0]);
	if (day_date(w, &day, &date) != 0) {
		w->resp->status = 422;
		return child_diary_page(w, w->id[0], name);
	}
	row = (struct diary_new){w->id[0],
	                         web_field(w, "kind"),
	                         web_field(w, "item"),
	                         web_field(w, "amount"),
	                         web_field(w, "time"),
	                         web_field(w, "end"),
	                         web_field(w, "detail")};
	if (core_tx_begin(w->s, &e) != 0 ||
	    core_diary_add(w->s, &w->who, day, w->me.staff_id, &row, 1, &bad, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		records_field_error(w, &e);
		return child_diary_page(w, w->id[0], name);
	}
	return web_redirect(w, "/children/%" PRId64 "/diary?date=%s", w->id[0], date);
}
