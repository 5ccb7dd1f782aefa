/*
 * page_setup_import.c — importing a spreadsheet (GET and POST /import): a
 * CSV file of rooms, staff, children, contacts or the rota, uploaded as
 * multipart/form-data (field "file", and "kind"), handed whole to
 * core_import_csv inside one transaction. All or nothing: when any row is
 * wrong every error is listed ("row N, column X: why", role="alert") and
 * nothing is written; on success the page says how many were added.
 */
#include <stdio.h>
#include <string.h>

#include "core_import.h"
#include "page_setup.h"

static void kind_select(struct web *w, const char *current)
{
	struct buf *b = &w->resp->body;
	static const char *const labels[IMPORT__MAX] = {
	    [IMPORT_ROOMS] = "Rooms",        [IMPORT_STAFF] = "Staff",
	    [IMPORT_CHILDREN] = "Children",  [IMPORT_CONTACTS] = "Contacts (parents and carers)",
	    [IMPORT_ROTA] = "Rota (shifts)",
	};
	html_raw(b, "<label for=\"kind\">What the file holds</label>"
	            "<p class=\"hint\" id=\"kind-hint\">Import rooms first, then staff, children, "
	            "contacts and the rota.</p>"
	            "<select id=\"kind\" name=\"kind\" aria-describedby=\"kind-hint\">");
	for (int k = 0; k < IMPORT__MAX; k++) {
		const char *name = core_import_kind_name((enum import_kind)k);
		html_printf(b, "<option value=\"%s\"%s>%s</option>", name,
		            strcmp(name, current) == 0 ? " selected" : "", labels[k]);
	}
	html_raw(b, "</select>");
	page_field_error(w, "kind");
}

static int import_page(struct web *w, int status, const char *kind, const struct import_report *r)
{
	struct buf *b = &w->resp->body;
	const char *done = web_field(w, "imported"), *done_kind = web_field(w, "what");
	long n;
	w->resp->status = status;
	buf_reset(b);
	page_begin(w, "Import from a spreadsheet");
	if (status == 200 && *done && parse_long(done, 0, 1000000000L, &n) == 0 &&
	    core_import_kind(done_kind) >= 0)
		html_printf(
		    b, "<p class=\"notice\" role=\"status\">Imported %ld %s.</p>", n,
		    core_import_noun((enum import_kind)core_import_kind(done_kind), (size_t)n));
	if (r && r->nerrors) {
		html_printf(
		    b,
		    "<div class=\"alert\" role=\"alert\"><p><strong>Nothing was imported.</strong> "
		    "The file has %zu problem%s; put %s right and upload it again:</p><ul>",
		    r->nerrors, r->nerrors == 1 ? "" : "s", r->nerrors == 1 ? "it" : "them");
		for (size_t i = 0; i < r->nkept; i++)
			html_printf(b, "<li>%s: %s</li>", r->errors[i].where, r->errors[i].msg);
		html_raw(b, "</ul>");
		if (r->nerrors > r->nkept)
			html_printf(b, "<p>… and %zu more.</p>", r->nerrors - r->nkept);
		html_raw(b, "</div>");
	} else if (w->field_error[0] && !strcmp(w->field_error[0], "")) {
		html_printf(b, "<p class=\"alert\" role=\"alert\">%s</p>", w->field_error[1]);
	}
	html_raw(b,
	         "<p>The first row of the file names the columns, as in the field lists of the "
	         "admin guide (for children: id, first_name, last_name, date_of_birth, room, "
	         "start_date …). Dates may be YYYY-MM-DD or DD/MM/YYYY. Every row is checked "
	         "first: if anything is wrong, nothing is imported and every problem is listed.</p>"
	         "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" "
	         "class=\"card\">");
	page_csrf(w);
	kind_select(w, kind ? kind : "");
	html_raw(
	    b, "<label for=\"file\">CSV file</label><input type=\"file\" id=\"file\" name=\"file\" "
	       "accept=\".csv,text/csv\" required");
	if (w->field_error[0] && strcmp(w->field_error[0], "file") == 0)
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"file-error\"");
	html_raw(b, ">");
	page_field_error(w, "file");
	html_raw(b, "<p><button type=\"submit\">Import</button></p></form>");
	page_end(w);
	return 0;
}

int page_setup_import_form(struct web *w)
{
	return import_page(w, 200, NULL, NULL);
}

int page_setup_import(struct web *w)
{
	const char *kind_name = web_field(w, "kind");
	const struct kv *file = kv_find(&w->req->form, "file");
	int kind = core_import_kind(kind_name);
	struct import_report r;
	struct op_error e;
	size_t rows;
	int status;

	if (kind < 0) {
		w->field_error[0] = "kind";
		w->field_error[1] =
		    "Choose what the file holds: rooms, staff, children, contacts or rota.";
		return import_page(w, 422, kind_name, NULL);
	}
	if (!file || !file->len) {
		w->field_error[0] = "file";
		w->field_error[1] = "Choose a CSV file to import (the one chosen is empty).";
		return import_page(w, 422, kind_name, NULL);
	}
	memset(&r, 0, sizeof r);
	if (core_tx_begin(w->s, &e) != 0) {
		status = 0;
		goto failed;
	}
	if (core_import_csv(w->s, &w->who, (enum import_kind)kind,
	                    file->filename && *file->filename ? file->filename : "upload.csv",
	                    file->val, file->len, &r, &e) != 0 ||
	    core_tx_commit(w->s, &e) != 0) {
		store_rollback(w->s);
		status = r.nerrors ? 422 : 0;
		goto failed;
	}
	rows = r.rows;
	core_import_report_free(&r);
	return web_redirect(w, "/import?imported=%zu&what=%s", rows,
	                    core_import_kind_name((enum import_kind)kind));
failed:
	if (status) {
		import_page(w, status, kind_name, &r);
	} else {
		w->field_error[0] = "";
		w->field_error[1] = arena_strdup(w->a, e.msg);
		import_page(w,
		            e.status == OP_INVALID ? 422
		            : e.status == OP_OK    ? 500
		                                   : (int)e.status,
		            kind_name, NULL);
	}
	core_import_report_free(&r);
	return 0;
}
