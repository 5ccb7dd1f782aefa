/*
 * bodymap.c — the body map of bodymap.h, shared by the concern form
 * (page_concern.c) and the accident form (page_accident.c). The shapes are
 * one table; the regions and their words are core_concern_regions.
 */
#include "bodymap.h"

#include <string.h>

#include "core_concern.h"
#include "util.h"

enum shape_kind { SHAPE_RECT, SHAPE_CIRCLE };

static const struct body_shape {
	const char *region;
	enum shape_kind kind;
	int x, y, w, h; /* circle: cx, cy, r */
} body_shapes[] = {
    /* front: the child's right is on the viewer's left */
    {"face", SHAPE_CIRCLE, 80, 32, 22, 0},
    {"neck", SHAPE_RECT, 72, 54, 16, 9},
    {"chest", SHAPE_RECT, 55, 63, 50, 40},
    {"tummy", SHAPE_RECT, 55, 103, 50, 34},
    {"groin", SHAPE_RECT, 60, 137, 40, 18},
    {"right_arm", SHAPE_RECT, 35, 63, 18, 70},
    {"left_arm", SHAPE_RECT, 107, 63, 18, 70},
    {"right_hand", SHAPE_CIRCLE, 44, 143, 9, 0},
    {"left_hand", SHAPE_CIRCLE, 116, 143, 9, 0},
    {"right_leg", SHAPE_RECT, 58, 155, 20, 95},
    {"left_leg", SHAPE_RECT, 82, 155, 20, 95},
    {"right_foot", SHAPE_RECT, 50, 250, 28, 12},
    {"left_foot", SHAPE_RECT, 82, 250, 28, 12},
    /* back */
    {"back_of_head", SHAPE_CIRCLE, 240, 32, 22, 0},
    {"upper_back", SHAPE_RECT, 215, 63, 50, 40},
    {"lower_back", SHAPE_RECT, 215, 103, 50, 34},
    {"bottom", SHAPE_RECT, 217, 137, 46, 22},
    {"back_of_legs", SHAPE_RECT, 218, 159, 44, 91},
};

/* Is key one of the space-separated words of list? */
static int has_key(const char *list, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = list; p && *p;) {
		size_t len;
		while (*p == ' ')
			p++;
		len = strcspn(p, " ");
		if (len == n && len && strncmp(p, key, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

void bodymap_fieldset(struct web *w, const char *chosen, int several)
{
	struct buf *b = &w->resp->body;
	html_printf(b,
	            "<fieldset class=\"bodymap\"><legend>Where on the body (a mark or injury%s)"
	            "</legend><svg viewBox=\"0 0 320 290\" width=\"320\" height=\"290\" "
	            "role=\"img\" aria-label=\"Body map, front and back\" class=\"bodymap\">",
	            several ? "; tick every place" : "");
	for (size_t i = 0; i < ARRAY_LEN(body_shapes); i++) {
		const struct body_shape *sh = &body_shapes[i];
		html_printf(b, "<g class=\"region%s\" data-region=\"%s\"><title>%s</title>",
		            has_key(chosen, sh->region) ? " chosen" : "", sh->region,
		            core_concern_region_label(sh->region));
		if (sh->kind == SHAPE_CIRCLE)
			html_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"%d\"/>", sh->x, sh->y,
			            sh->w);
		else
			html_printf(b,
			            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"/>",
			            sh->x, sh->y, sh->w, sh->h);
		html_raw(b, "</g>");
	}
	html_raw(b, "<text x=\"80\" y=\"282\" text-anchor=\"middle\">Front</text>"
	            "<text x=\"240\" y=\"282\" text-anchor=\"middle\">Back</text></svg>");
	html_raw(b, "<div class=\"regions\">");
	if (!several)
		html_printf(b,
		            "<div><input type=\"radio\" name=\"body_region\" id=\"region-none\" "
		            "value=\"none\"%s><label for=\"region-none\">No mark or injury</label>"
		            "</div>",
		            !*chosen || strcmp(chosen, "none") == 0 ? " checked" : "");
	for (size_t i = 0; i < core_concern_nregions; i++) {
		const struct concern_region *r = &core_concern_regions[i];
		const char *on = has_key(chosen, r->key) ? " checked" : "";
		if (several)
			html_printf(b,
			            "<div><input type=\"checkbox\" name=\"region_%s\" "
			            "id=\"region-%s\" value=\"yes\"%s>",
			            r->key, r->key, on);
		else
			html_printf(b,
			            "<div><input type=\"radio\" name=\"body_region\" "
			            "id=\"region-%s\" value=\"%s\"%s>",
			            r->key, r->key, on);
		html_printf(b, "<label for=\"region-%s\">%s%s</label></div>", r->key, r->label,
		            r->back ? " (back)" : "");
	}
	html_raw(b, "</div>");
	page_field_error(w, "body_region");
	html_raw(b, "</fieldset>");
}

const char *bodymap_posted(struct web *w)
{
	const char *out = "";
	for (size_t i = 0; i < core_concern_nregions; i++) {
		const char *key = core_concern_regions[i].key;
		if (!*web_field(w, arena_printf(w->a, "region_%s", key)))
			continue;
		out = *out ? arena_printf(w->a, "%s %s", out, key) : key;
	}
	return out;
}
