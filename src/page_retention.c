/*
 * page_retention.c — /retention (page_retention.h): per record kind, what
 * the retention rules say is due today — the same dry run as `kw retention
 * --dry-run`, the purge done and undone in one transaction, so the page
 * lists exactly what applying removes — and a button that applies it. The
 * button carries the number of rows the manager saw; if what is due has
 * changed by the time it is pressed, nothing is removed and the page says
 * so. Applying asks for the password again (page_stepup_needed) and is one
 * transaction with its audit row ("retention.apply", core_retention.c).
 */
#include <inttypes.h>
#include <string.h>

#include "core_retention.h"
#include "page_retention.h"
#include "page_sessions.h"
#include "util.h"

/* The purge in a transaction, undone unless apply; with apply it is kept
 * only when it removes expect rows (what the manager was shown): 0, -1
 * with e, or 1 when what is due has changed (nothing removed). */
static int run(struct web *w, int apply, int64_t expect, struct retention_report *r,
               struct op_error *e)
{
	int day = date_today(w->setting.time_zone);
	if (core_tx_begin(w->s, e) != 0)
		return -1;
	if (core_retention_run(w->s, &w->who, day, w->setting.time_zone, apply, r, e) != 0) {
		store_rollback(w->s);
		return -1;
	}
	if (!apply || r->rows != expect) {
		store_rollback(w->s);
		return apply ? 1 : 0;
	}
	return core_tx_commit(w->s, e);
}

int page_retention(struct web *w)
{
	struct buf *b = &w->resp->body;
	struct retention_report r;
	struct op_error e;
	long removed = -1;
	if (*web_field(w, "removed") &&
	    parse_long(web_field(w, "removed"), 0, 0x7fffffffL, &removed) != 0)
		removed = -1;
	if (run(w, 0, 0, &r, &e) != 0)
		return web_op_error(w, &e);
	page_begin(w, "Retention: records past their time");
	if (removed >= 0)
		html_printf(
		    b, "<p class=\"notice\" role=\"status\" id=\"removed\">Removed %ld rows.</p>",
		    removed);
	html_raw(b, "<p>Each kind of record is kept for as long as the law and the setting's "
	            "rules say (docs/retention.md), then removed. This is what is due today; "
	            "records still needed by a record kept longer stay.</p>");
	html_raw(b, "<div class=\"table-wrap\"><table id=\"retention\"><caption>Due today, per "
	            "kind of record</caption><thead><tr><th scope=\"col\">Records</th><th "
	            "scope=\"col\">Rule</th><th scope=\"col\">Due</th><th scope=\"col\">Kept "
	            "longer</th><th scope=\"col\">Oldest</th></tr></thead><tbody>");
	for (size_t i = 0; i < r.n; i++) {
		const struct retention_result *k = &r.kinds[i];
		html_printf(b,
		            "<tr><th scope=\"row\">%s</th><td>%s</td><td>%" PRId64
		            "</td><td>%" PRId64 "</td><td>%s</td></tr>",
		            k->what, k->rule, k->records, k->kept, k->oldest[0] ? k->oldest : "—");
	}
	html_raw(b, "</tbody></table></div>");
	if (r.rows == 0) {
		html_raw(b, "<p id=\"nothing-due\">Nothing is due today.</p>");
	} else {
		html_printf(b, "<form method=\"post\" action=\"/retention\" class=\"card\">");
		page_csrf(w);
		html_printf(
		    b,
		    "<input type=\"hidden\" name=\"rows\" value=\"%" PRId64 "\">"
		    "<p>Removing them cannot be undone (backups keep them until the "
		    "backups themselves go).</p><button type=\"submit\">Remove these %" PRId64
		    " rows</button></form>",
		    r.rows, r.rows);
	}
	page_end(w);
	return 0;
}

int page_retention_apply(struct web *w)
{
	struct retention_report r;
	struct op_error e;
	long seen;
	if (parse_long(web_field(w, "rows"), 1, 0x7fffffffL, &seen) != 0)
		return web_error(w, 422, "rows", "rows: the number of rows shown is missing");
	if (page_stepup_needed(w, "remove the records past their retention"))
		return 0;
	switch (run(w, 1, seen, &r, &e)) {
	case 0:
		break;
	case 1:
		return web_error(w, 409, "rows",
		                 "what is due has changed since the page was shown (%" PRId64
		                 " rows now, %ld shown): nothing was removed; look again",
		                 r.rows, seen);
	default:
		return web_op_error(w, &e);
	}
	return web_redirect(w, "/retention?removed=%" PRId64, r.rows);
}
