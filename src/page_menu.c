/*
 * page_menu.c — the menu and its clashes (page_family.h, core_menu.h).
 * /menu shows a week (?week=, any day of it; default this week) as a grid
 * of mealtimes by weekday, each dish with its allergens; a manager adds
 * dishes (the 14 allergens and the diets as checkboxes) and puts them on
 * the menu. /menu/clashes lists, for a date and room, per room and
 * mealtime: child, dish, allergen or diet, key person — each child only
 * for whoever sees them at CHILD_BASIC. /menu/clashes/week is the
 * manager's whole week. /children/:id/diet keeps a child's allergens and
 * diets (read at CHILD_BASIC, written at CHILD_WRITE).
 */
#include <inttypes.h>
#include <string.h>

#include "core_child.h"
#include "core_menu.h"
#include "date.h"
#include "page_day.h"
#include "page_records.h"
#include "page_family.h"
#include "valid.h"

static const char *const weekdays[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

/* The Monday of ?week= (or of the form's date), default this week; -1 and a
 * 422 page when the date is not one. */
static int week_of(struct web *w, const char *field)
{
	static const struct field_spec spec = {"week", F_DATE, 0, 0, 0, NULL};
	struct field_value v;
	char why[200];
	int day = date_today(w->setting.time_zone);
	if (valid_field(&spec, web_field(w, field), &v, w->a, why, sizeof why) != 0)
		return -1;
	if (v.present)
		day = (int)v.i;
	return day - date_weekday(day);
}

/* The bits of the checked boxes prefix_code of table t. */
static unsigned checked(struct web *w, const char *prefix, const struct menu_word *t, int n)
{
	unsigned bits = 0;
	for (int i = 0; i < n; i++)
		if (*web_field(w, arena_printf(w->a, "%s%s", prefix, t[i].code)))
			bits |= 1u << i;
	return bits;
}

static void boxes(struct web *w, const char *legend, const char *prefix, const struct menu_word *t,
                  int n, unsigned bits)
{
	struct buf *b = &w->resp->body;
	html_printf(b, "<fieldset class=\"checks\"><legend>%s</legend>", legend);
	for (int i = 0; i < n; i++)
		html_printf(b,
		            "<p class=\"check\"><input type=\"checkbox\" id=\"%s%s\" name=\"%s%s\" "
		            "value=\"1\"%s><label for=\"%s%s\">%s</label></p>",
		            prefix, t[i].code, prefix, t[i].code,
		            bits & (1u << i) ? " checked" : "", prefix, t[i].code, t[i].words);
	html_raw(b, "</fieldset>");
}

static int menu_refused(struct web *w, const struct op_error *e, const char *back)
{
	struct buf *b = &w->resp->body;
	if (e->status != OP_INVALID && e->status != OP_CONFLICT && e->status != OP_NOT_FOUND)
		return web_op_error(w, e);
	buf_reset(b);
	w->resp->status = e->status == OP_CONFLICT ? 409 : 422;
	page_begin(w, "Please check the form");
	html_printf(b, "<p class=\"alert\" role=\"alert\">%s: %s</p><p><a href=\"%s\">Back</a></p>",
	            *e->field ? e->field : "the form", e->msg, back);
	page_end(w);
	return 0;
}

int page_menu(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct menu_item *it;
	struct store_stmt *st;
	struct op_error e;
	size_t n;
	int monday = week_of(w, "week"), edit = authz_menu_edit(&w->me);
	char mon[DATE_LEN], prev[DATE_LEN], next[DATE_LEN], today[DATE_LEN];
	struct {
		int64_t id;
		const char *name;
	} meals[16];
	size_t nmeals = 0;
	if (monday < 0)
		return web_error(w, 422, "week", "the week is a date, YYYY-MM-DD");
	date_format(monday, mon);
	date_format(monday - 7, prev);
	date_format(monday + 7, next);
	date_format(date_today(w->setting.time_zone), today);
	if (core_menu_items(w->s, w->me.setting_id, monday, monday + 6, w->a, &it, &n, &e))
		return web_op_error(w, &e);
	st = store_stmt(w->s, STMT_MENU_MEALTIMES);
	store_bind_int(st, 1, w->me.setting_id);
	while (store_step(st) == STORE_ROW && nmeals < ARRAY_LEN(meals)) {
		meals[nmeals].id = store_col_int(st, 0);
		meals[nmeals].name = arena_strdup(w->a, store_col_text(st, 1));
		nmeals++;
	}
	store_finish(st);
	page_begin(w, "Menu");
	html_printf(b,
	            "<p class=\"noprint\"><a href=\"/menu?week=%s\">Week before</a> · "
	            "<a href=\"/menu?week=%s\">Week after</a> · "
	            "<a href=\"/menu/clashes?date=%s\">Today's allergen clashes</a>",
	            prev, next, today);
	if (authz_menu_week(&w->me))
		html_printf(b, " · <a href=\"/menu/clashes/week?week=%s\">The week's clashes</a>",
		            mon);
	html_printf(b,
	            "</p><h2>Week of %s</h2><div class=\"table-wrap\" tabindex=\"0\"><table "
	            "class=\"menu\"><thead><tr><th scope=\"col\">Mealtime</th>",
	            mon);
	for (int d = 0; d < 5; d++)
		html_printf(b, "<th scope=\"col\">%s</th>", weekdays[d]);
	html_raw(b, "</tr></thead><tbody>");
	for (size_t m = 0; m < nmeals; m++) {
		html_printf(b, "<tr><th scope=\"row\">%s</th>", meals[m].name);
		for (int d = 0; d < 5; d++) {
			char date[DATE_LEN];
			date_format(monday + d, date);
			html_raw(b, "<td><ul class=\"dishes\">");
			for (size_t i = 0; i < n; i++) {
				const char *al;
				if (it[i].mealtime_id != meals[m].id ||
				    strcmp(it[i].date, date) != 0)
					continue;
				al = core_menu_words(w->a, menu_allergens, MENU_ALLERGENS,
				                     it[i].allergens);
				html_printf(b, "<li>%s", it[i].dish);
				if (*al)
					html_printf(
					    b, " <span class=\"muted\">(contains %s)</span>", al);
				if (edit) {
					html_printf(
					    b,
					    " <form method=\"post\" class=\"inline noprint\" "
					    "action=\"/menu/items/%" PRId64 "/delete\">",
					    it[i].id);
					page_csrf(w);
					html_printf(
					    b,
					    "<button type=\"submit\" class=\"secondary\" "
					    "aria-label=\"Remove %s from %s's %s\">Remove</button>"
					    "</form>",
					    it[i].dish, weekdays[d], meals[m].name);
				}
				html_raw(b, "</li>");
			}
			html_raw(b, "</ul></td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div>");
	if (edit) {
		html_printf(b,
		            "<form method=\"post\" action=\"/menu/items\" class=\"card noprint\">"
		            "<h2>Put a dish on the menu</h2>");
		page_csrf(w);
		html_printf(
		    b,
		    "<label for=\"item-date\">Day</label><input type=\"date\" id=\"item-date\" "
		    "name=\"date\" value=\"%s\" required><label for=\"item-meal\">Mealtime"
		    "</label><select id=\"item-meal\" name=\"mealtime\">",
		    mon);
		for (size_t m = 0; m < nmeals; m++)
			html_printf(b, "<option value=\"%" PRId64 "\">%s</option>", meals[m].id,
			            meals[m].name);
		html_raw(b,
		         "</select><label for=\"item-dish\">Dish</label><select id=\"item-dish\" "
		         "name=\"dish\">");
		st = store_stmt(w->s, STMT_MENU_DISHES);
		store_bind_int(st, 1, w->me.setting_id);
		while (store_step(st) == STORE_ROW)
			html_printf(b, "<option value=\"%" PRId64 "\">%s</option>",
			            store_col_int(st, 0), store_col_text(st, 1));
		store_finish(st);
		html_raw(b,
		         "</select><p><button type=\"submit\">Add to the menu</button></p></form>");
		html_raw(b, "<form method=\"post\" action=\"/menu/dishes\" class=\"card noprint\">"
		            "<h2>A new dish</h2>");
		page_csrf(w);
		html_raw(
		    b, "<label for=\"dish-name\">Name</label><input id=\"dish-name\" name=\"name\" "
		       "maxlength=\"120\" required>");
		boxes(w, "Contains (the 14 allergens)", "a_", menu_allergens, MENU_ALLERGENS, 0);
		boxes(w, "Suits", "d_", menu_diets, MENU_DIETS, 0);
		html_raw(b, "<p><button type=\"submit\">Add the dish</button></p></form>");
	}
	page_end(w);
	return 0;
}

int page_menu_dish_add(struct web *w)
{
	struct op_error e;
	int64_t id;
	if (!authz_menu_edit(&w->me))
		return web_error(w, 403, "", "only a manager changes the menu");
	if (core_tx_begin(w->s, &e) ||
	    core_menu_dish_add(w->s, &w->who, web_field(w, "name"),
	                       checked(w, "a_", menu_allergens, MENU_ALLERGENS),
	                       checked(w, "d_", menu_diets, MENU_DIETS), &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return menu_refused(w, &e, "/menu");
	}
	return web_redirect(w, "/menu");
}

int page_menu_item_add(struct web *w)
{
	static const struct field_spec specs[] = {
	    {"date", F_DATE, 1, 0, 0, NULL},
	    {"mealtime", F_INT, 1, 1, INT32_MAX, NULL},
	    {"dish", F_INT, 1, 1, INT32_MAX, NULL},
	};
	const char *raw[3] = {web_field(w, "date"), web_field(w, "mealtime"), web_field(w, "dish")};
	struct field_value v[3];
	struct field_error fe;
	struct op_error e;
	char week[DATE_LEN];
	int64_t id;
	if (!authz_menu_edit(&w->me))
		return web_error(w, 403, "", "only a manager changes the menu");
	if (valid_record(specs, 3, raw, v, w->a, &fe) != 0) {
		op_fail(&e, OP_INVALID, fe.field, "%s", fe.msg);
		return menu_refused(w, &e, "/menu");
	}
	if (core_tx_begin(w->s, &e) ||
	    core_menu_item_add(w->s, &w->who, (int)v[0].i, v[1].i, v[2].i, &id, &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return menu_refused(w, &e, "/menu");
	}
	date_format((int)v[0].i, week);
	return web_redirect(w, "/menu?week=%s", week);
}

int page_menu_item_delete(struct web *w)
{
	struct store_stmt *st = store_stmt(w->s, STMT_MENU_ITEM_GET);
	struct op_error e;
	const char *date = NULL;
	store_bind_int(st, 1, w->me.setting_id);
	store_bind_int(st, 2, w->id[0]);
	if (store_step(st) == STORE_ROW)
		date = arena_strdup(w->a, store_col_text(st, 0));
	store_finish(st);
	if (!date || !authz_menu_edit(&w->me))
		return web_error(w, 404, "", "there is no such dish on the menu");
	if (core_tx_begin(w->s, &e) || core_menu_item_remove(w->s, &w->who, w->id[0], &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return menu_refused(w, &e, "/menu");
	}
	return web_redirect(w, "/menu?week=%s", date);
}

/* The clashes' table rows the person may see; the count shown. */
static size_t clash_rows(struct web *w, const struct menu_clash *c, size_t n, int with_date)
{
	struct buf *b = &w->resp->body;
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		const char *what;
		if (!authz_child(w, c[i].child_id, CHILD_BASIC))
			continue;
		what = core_menu_words(w->a, menu_allergens, MENU_ALLERGENS, c[i].allergens);
		if (c[i].diets)
			what =
			    arena_printf(w->a, "%s%snot %s", what, *what ? "; " : "",
			                 core_menu_words(w->a, menu_diets, MENU_DIETS, c[i].diets));
		if (with_date)
			html_printf(b, "<tr><td>%s</td>", c[i].date);
		else
			html_raw(b, "<tr>");
		html_printf(b,
		            "<td>%s</td><td>%s</td><th scope=\"row\"><a href=\"/children/%" PRId64
		            "/diet\">%s</a></th><td>%s</td><td><strong class=\"nobody\">%s</strong>"
		            "</td><td>%s</td></tr>",
		            c[i].room, c[i].mealtime, c[i].child_id, c[i].child, c[i].dish, what,
		            *c[i].key_person ? c[i].key_person : "none");
		shown++;
	}
	return shown;
}

static void clash_head(struct web *w, int with_date)
{
	html_printf(&w->resp->body,
	            "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"clashes\"><thead><tr>"
	            "%s<th scope=\"col\">Room</th><th scope=\"col\">Mealtime</th>"
	            "<th scope=\"col\">Child</th><th scope=\"col\">Dish</th>"
	            "<th scope=\"col\">Allergen or diet</th><th scope=\"col\">Key person</th>"
	            "</tr></thead><tbody>",
	            with_date ? "<th scope=\"col\">Day</th>" : "");
}

int page_menu_clashes(struct web *w)
{
	struct buf *b = &w->resp->body;
	const char *date, *room = web_field(w, "room");
	struct menu_clash *c;
	struct op_error e;
	int64_t room_id;
	size_t n, shown;
	int day;
	if (day_date(w, &day, &date) != 0 || day_room(w, room, &room_id) != 0) {
		w->resp->status = 422;
		page_begin(w, "Allergen clashes");
		day_filter(w, "/menu/clashes", web_field(w, "date"), room, -1);
		page_end(w);
		return 0;
	}
	if (core_menu_clashes(w->s, w->me.setting_id, day, room_id, w->a, &c, &n, &e))
		return web_op_error(w, &e);
	page_begin(w, "Allergen clashes");
	day_filter(w, "/menu/clashes", date, room, -1);
	html_printf(b,
	            "<p>Dishes on the menu of %s %s that a child expected that day must not "
	            "have: check each before serving. <a href=\"/menu?week=%s\">The menu</a></p>",
	            weekdays[date_weekday(day)], date, date);
	clash_head(w, 0);
	shown = clash_rows(w, c, n, 0);
	html_raw(b, "</tbody></table></div>");
	if (!shown)
		html_raw(b, "<p id=\"no-clashes\">No clashes for the children you see.</p>");
	page_end(w);
	return 0;
}

int page_menu_clashes_week(struct web *w)
{
	struct buf *b = &w->resp->body;
	int monday = week_of(w, "week");
	size_t shown = 0;
	char mon[DATE_LEN];
	if (monday < 0)
		return web_error(w, 422, "week", "the week is a date, YYYY-MM-DD");
	if (!authz_menu_week(&w->me))
		return web_error(w, 403, "", "the week's clashes are the manager's");
	date_format(monday, mon);
	page_begin(w, "The week's allergen clashes");
	html_printf(b, "<p>Week of %s. <a href=\"/menu?week=%s\">The menu</a></p>", mon, mon);
	clash_head(w, 1);
	for (int d = 0; d < 7; d++) {
		struct menu_clash *c;
		struct op_error e;
		size_t n;
		if (core_menu_clashes(w->s, w->me.setting_id, monday + d, 0, w->a, &c, &n, &e)) {
			html_printf(b, "</tbody></table></div><p class=\"alert\">%s</p>", e.msg);
			page_end(w);
			return 0;
		}
		shown += clash_rows(w, c, n, 1);
	}
	html_raw(b, "</tbody></table></div>");
	if (!shown)
		html_raw(b, "<p id=\"no-clashes\">No clashes this week.</p>");
	page_end(w);
	return 0;
}

int page_child_diet(struct web *w)
{
	struct buf *b = &w->resp->body;
	unsigned al, di;
	int write = authz_child(w, w->id[0], CHILD_WRITE);
	const char *name;
	if (!authz_child(w, w->id[0], CHILD_BASIC))
		return web_error(w, 404, "", "there is no such child");
	name = records_child_name(w, w->id[0]);
	core_menu_child_diet_get(w->s, w->me.setting_id, w->id[0], &al, &di);
	page_begin(w, arena_printf(w->a, "Allergies and diet: %s", name));
	html_printf(b,
	            "<dl class=\"facts card\"><dt>Allergens to avoid</dt><dd><strong "
	            "class=\"nobody\">%s</strong></dd><dt>Diets</dt><dd>%s</dd></dl>",
	            *core_menu_words(w->a, menu_allergens, MENU_ALLERGENS, al)
	                ? core_menu_words(w->a, menu_allergens, MENU_ALLERGENS, al)
	                : "none recorded",
	            *core_menu_words(w->a, menu_diets, MENU_DIETS, di)
	                ? core_menu_words(w->a, menu_diets, MENU_DIETS, di)
	                : "none recorded");
	if (write) {
		html_printf(b,
		            "<form method=\"post\" action=\"/children/%" PRId64
		            "/diet\" class=\"card\">",
		            w->id[0]);
		page_csrf(w);
		boxes(w, "Allergens to avoid (the 14)", "a_", menu_allergens, MENU_ALLERGENS, al);
		boxes(w, "Diets the child keeps", "d_", menu_diets, MENU_DIETS, di);
		html_raw(b, "<p><button type=\"submit\">Save</button></p></form>");
	}
	html_printf(b, "<p><a href=\"/children/%" PRId64 "\">The child's page</a></p>", w->id[0]);
	page_end(w);
	return 0;
}

int page_child_diet_save(struct web *w)
{
	struct op_error e;
	if (!authz_child(w, w->id[0], CHILD_WRITE))
		return web_error(w, 404, "", "there is no such child");
	if (core_tx_begin(w->s, &e) ||
	    core_menu_child_diet_set(w->s, &w->who, w->id[0],
	                             checked(w, "a_", menu_allergens, MENU_ALLERGENS),
	                             checked(w, "d_", menu_diets, MENU_DIETS), &e) ||
	    core_tx_commit(w->s, &e)) {
		store_rollback(w->s);
		return menu_refused(w, &e, "/menu");
	}
	return web_redirect(w, "/children/%" PRId64 "/diet", w->id[0]);
}
