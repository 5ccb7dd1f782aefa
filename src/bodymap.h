/*
 * bodymap.h — the clickable body map of the safeguarding and accident
 * forms: an inline SVG (front and back) drawn on the server from one table
 * of shapes, each named by its region (core_concern_regions), and below it
 * the same regions as inputs, which is all a browser without JavaScript
 * needs; app.js turns a click on a shape into a click on its input. A
 * concern marks one region (radio buttons "body_region", with "none"); an
 * accident one or more (a checkbox "region_<key>" each, gathered back into
 * one space-separated list by bodymap_posted).
 */
#ifndef KW_BODYMAP_H
#define KW_BODYMAP_H

#include "pages.h"

/* The fieldset with the drawing and the inputs; chosen: the regions to show
 * filled (one key, or keys separated by spaces when several). */
void bodymap_fieldset(struct web *w, const char *chosen, int several);
/* The regions ticked on a posted form of bodymap_fieldset(.., 1), space separated. */
const char *bodymap_posted(struct web *w);

#endif
