/*
 * core_observation_demo.c — the demo's key person records (called once by
 * core_demo_load, inside its transaction and under its one audit row):
 * for every child on roll, two to five observations over the last six
 * weeks by the key person (now and then the buddy), each touching one to
 * three areas, two in three shared with the family, some about two
 * children of a room together, a few with a photo (a small coloured
 * picture made here, so the demo needs no files); deliberate gaps so that
 * coverage has something to say (every fifth child has had no PSED
 * observation for five weeks, every seventh none in Mathematics or
 * Literacy); all about me for a third of the children; a settling-in plan
 * for the newest starter; planned experiences from next steps and for
 * each key group. Deterministic: the same start gives the same records.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_observation.h"
#include "date.h"
#include "photo_strip.h"

#define DEMO_PHOTO_SIDE 48
#define DEMO_PHOTOS_MAX 120

struct demo_child {
	int64_t id, room_id, key, buddy;
	const char *first;
	int start;
};

static const struct {
	const char *area, *text, *next;
} notes[] = {
    {"CL",
     "%s told me about the big red bus she saw on the way in, using three-word "
     "sentences and pointing to the pictures in the book.",
     "Share more vehicle books and model new words such as 'double-decker'."},
    {"CL",
     "%s listened to the whole of 'We're Going on a Bear Hunt' and joined in with "
     "'swishy swashy' each time.",
     "Offer props so %s can retell the story."},
    {"PD",
     "%s climbed the low frame on her own and came down backwards, checking where "
     "to put her feet.",
     "Set up a slightly higher challenge with a buddy nearby."},
    {"PD",
     "%s used the tongs to move pasta shapes from one bowl to another, with great "
     "concentration.",
     "Try tweezers and smaller objects to build up the pincer grip."},
    {"PSED",
     "%s said goodbye to Mum at the door and went straight to the home corner "
     "with a friend.",
     "Keep the same greeting routine; praise %s for settling so well."},
    {"PSED",
     "%s waited for her turn on the bikes and told a friend 'you next' when she "
     "had finished.",
     "Play simple turn-taking games in the key group."},
    {"L", "%s made marks on the chalkboard and said 'that's my name'.",
     "Offer name cards to look at and copy."},
    {"M", "%s counted the children at snack time up to five, touching each one.",
     "Count in everyday routines; introduce 'one more'."},
    {"M",
     "%s sorted the animals into big and small and said the elephant was 'the "
     "biggest'.",
     "Use comparison words in play: taller, shorter, heavier."},
    {"UW",
     "%s found a worm in the garden and watched it for a long time, asking where "
     "it was going.",
     "Make a wormery with the key group."},
    {"EAD", "%s mixed blue and yellow paint and shouted 'green!' in delight.",
     "Offer the three primary colours to explore mixing."},
    {"EAD", "%s danced to the drum, stopping when it stopped and laughing.",
     "Bring out the shakers for a music session."},
};

static const char *const areas_all[] = {"CL", "PD", "PSED", "L", "M", "UW", "EAD"};

static const char *const about_text[][7] = {
    {"Naps after lunch for about an hour with the curtains closed; likes a back rub.",
     "Eats most things; drinks water from an open cup; not keen on rice.",
     "A blue bunny called Bun-Bun (in the bag on the peg).",
     "'Mama' and 'Dada'; says 'am-am' for food.", "Bubbles, the sand tray, books about animals.",
     "Loud hand dryers; the hoover.", "Mum or Dad at drop-off"},
    {"No longer naps at home; may need a rest on long days.",
     "Vegetarian at home; loves fruit; uses a spoon and fork.", "A dummy at sleep time only.",
     "Polish at home: 'pić' (drink), 'jeszcze' (more), 'nie' (no).",
     "Trains, the garden, helping to tidy up.", "Dogs.", "Mum at the settling-in meeting"},
    {"Sleeps on a mat with her own blanket; about 45 minutes.",
     "Halal meals; still has a bottle of milk before sleep.", "Her muslin.",
     "Urdu at home: 'pani' (water), 'ammi' (mum), 'bas' (enough).",
     "Singing, the mud kitchen, dressing up.", "Being left alone at sleep time.",
     "Dad on the phone"},
};

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static void put_type(unsigned char *p, const char *type)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)type[i];
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A PNG of a square with a lighter circle in the middle (stored, uncompressed
 * deflate: no library needed), in colour k. */
static unsigned char *demo_png(int k, size_t *len)
{
	static const unsigned char colours[][3] = {
	    {0x2e, 0x86, 0xc1}, {0xe6, 0x7e, 0x22}, {0x27, 0xae, 0x60}, {0x8e, 0x44, 0xad},
	    {0xc0, 0x39, 0x2b}, {0x16, 0xa0, 0x85}, {0xf1, 0xc4, 0x0f}};
	const unsigned char *c = colours[k % 7];
	size_t row = 1 + 3 * DEMO_PHOTO_SIDE, raw = row * DEMO_PHOTO_SIDE;
	size_t zlen = 2 + 5 + raw + 4, n = 8 + 25 + 12 + zlen + 12;
	unsigned char *p = xcalloc(1, n), *z = p + 33 + 8;
	uint32_t a = 1, b = 0;
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
	memcpy(p, sig, 8);
	put32(p + 8, 13);
	put_type(p + 12, "IHDR");
	put32(p + 16, DEMO_PHOTO_SIDE);
	put32(p + 20, DEMO_PHOTO_SIDE);
	p[24] = 8;
	p[25] = 2;
	put32(p + 29, (uint32_t)photo_strip_crc32(p + 12, 17));
	put32(p + 33, (uint32_t)zlen);
	put_type(p + 37, "IDAT");
	z[0] = 0x78;
	z[1] = 0x01;
	z[2] = 1; /* final stored block */
	z[3] = (unsigned char)(raw & 0xff);
	z[4] = (unsigned char)(raw >> 8);
	z[5] = (unsigned char)(~raw & 0xff);
	z[6] = (unsigned char)((~raw >> 8) & 0xff);
	for (int y = 0; y < DEMO_PHOTO_SIDE; y++) {
		unsigned char *r = z + 7 + (size_t)y * row;
		r[0] = 0;
		for (int x = 0; x < DEMO_PHOTO_SIDE; x++) {
			int dx = x - DEMO_PHOTO_SIDE / 2, dy = y - DEMO_PHOTO_SIDE / 2;
			int in = dx * dx + dy * dy < (DEMO_PHOTO_SIDE * DEMO_PHOTO_SIDE) / 9;
			for (int ch = 0; ch < 3; ch++)
				r[1 + 3 * x + ch] = in ? (unsigned char)(c[ch] / 2 + 127) : c[ch];
		}
	}
	for (size_t i = 0; i < raw; i++) {
		a = (a + z[7 + i]) % 65521;
		b = (b + a) % 65521;
	}
	put32(z + 7 + raw, (b << 16) | a);
	put32(z + zlen, (uint32_t)photo_strip_crc32(p + 37, 4 + zlen));
	put32(p + n - 12, 0);
	put_type(p + n - 8, "IEND");
	put32(p + n - 4, (uint32_t)photo_strip_crc32(p + n - 8, 4));
	*len = n;
	return p;
}

/* The template with each "%s" replaced by name (the templates are ours). */
static void fill(char *out, size_t n, const char *tmpl, const char *name)
{
	size_t k = 0;
	assert(n > 0);
	for (const char *p = tmpl; *p && k + 1 < n; p++) {
		if (p[0] == '%' && p[1] == 's') {
			for (const char *q = name; *q && k + 1 < n; q++)
				out[k++] = *q;
			p++;
			continue;
		}
		out[k++] = *p;
	}
	out[k] = '\0';
}

static int run(struct store *s, struct store_stmt *st, struct op_error *e, const char *what)
{
	int rc = store_run(st);
	return rc == STORE_OK ? 0 : op_store_fail(e, s, rc, what);
}

static int add_obs(struct store *s, const struct actor *who, int64_t author, int day,
                   const char *text, const char *next, int shared, const int64_t *kids, int nkids,
                   const char *const *codes, int ncodes, const unsigned char *photo,
                   size_t photo_len, int64_t *id, struct op_error *e)
{
	char date[DATE_LEN];
	struct store_stmt *st = store_stmt(s, STMT_OBS_INSERT);
	date_format(day, date);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, author);
	store_bind_text(st, 3, date);
	store_bind_text(st, 4, text);
	store_bind_text(st, 5, next);
	store_bind_int(st, 6, shared);
	store_bind_int(st, 7, date_instant(day, 15 * 60, "UTC"));
	if (run(s, st, e, "adding a demo observation"))
		return -1;
	*id = store_last_id(s);
	for (int i = 0; i < nkids; i++) {
		st = store_stmt(s, STMT_OBS_CHILD_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_int(st, 3, kids[i]);
		if (run(s, st, e, "naming a demo observation's child"))
			return -1;
	}
	for (int i = 0; i < ncodes; i++) {
		st = store_stmt(s, STMT_OBS_AREA_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_text(st, 3, OBS_FRAMEWORK);
		store_bind_text(st, 4, codes[i]);
		if (run(s, st, e, "recording a demo observation's area"))
			return -1;
	}
	if (photo) {
		st = store_stmt(s, STMT_OBS_PHOTO_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_text(st, 3, "image/png");
		store_bind_blob(st, 4, photo, photo_len);
		if (run(s, st, e, "keeping a demo photo"))
			return -1;
	}
	return 0;
}

/* May child i have area code in the window (the deliberate gaps)? */
static int allowed(size_t i, const char *code)
{
	if (i % 5 == 0 && strcmp(code, "PSED") == 0)
		return 0;
	if (i % 7 == 3 && (strcmp(code, "M") == 0 || strcmp(code, "L") == 0))
		return 0;
	return 1;
}

int core_observation_demo(struct store *s, const struct actor *who, int start, struct op_error *e)
{
	struct store_stmt *st;
	struct demo_child *kids = NULL;
	size_t n = 0, cap = 0, newest = 0;
	char today[DATE_LEN];
	unsigned char *png[7] = {0};
	size_t png_len[7] = {0};
	int photos = 0, ret = -1, planned = 0;
	struct arena a;
	int64_t last_key = -1;

	arena_init(&a);
	date_format(start, today);
	st = store_stmt(s, STMT_OBS_COV_CHILDREN);
	store_bind_text(st, 1, today);
	store_bind_text(st, 2, today);
	store_bind_int(st, 3, who->setting_id);
	store_bind_text(st, 4, today);
	store_bind_text(st, 5, today);
	while (store_step(st) == STORE_ROW) {
		struct demo_child *c;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			kids = xrealloc(kids, cap * sizeof *kids);
		}
		c = &kids[n++];
		c->id = store_col_int(st, 0);
		c->first = arena_strdup(&a, *store_col_text(st, 3) ? store_col_text(st, 3)
		                                                   : store_col_text(st, 1));
		c->room_id = store_col_int(st, 4);
		c->key = store_col_int(st, 6);
		c->buddy = store_col_int(st, 7);
		if (date_parse(store_col_text(st, 8), &c->start) != 0)
			c->start = start;
		if (c->start > kids[newest].start)
			newest = n - 1;
	}
	store_finish(st);
	for (int k = 0; k < 7; k++)
		png[k] = demo_png(k, &png_len[k]);

	for (size_t i = 0; i < n; i++) {
		struct demo_child *c = &kids[i];
		uint64_t r = mix((uint64_t)c->id * 7919u + 17u);
		int count = 2 + (int)(r % 4);
		if (!c->key)
			continue;
		if (i % 5 == 0) { /* the last PSED observation, five weeks and more ago */
			int64_t id;
			static const char *const psed[] = {"PSED"};
			char text[400];
			snprintf(text, sizeof text,
			         "%s played alongside two friends at the water tray and shared the "
			         "jugs.",
			         c->first);
			if (add_obs(s, who, c->key, start - 38, text, "", 1, &c->id, 1, psed, 1,
			            NULL, 0, &id, e))
				goto out;
		}
		for (int k = 0; k < count; k++) {
			uint64_t q = mix(r + (uint64_t)k * 104729u);
			size_t pick = q % ARRAY_LEN(notes);
			const char *codes[3];
			int ncodes = 0, day = start - 1 - (int)((q >> 8) % 40);
			int64_t group[2] = {c->id, 0}, id;
			int ngroup = 1, shared = (q >> 16) % 3 != 0;
			int64_t author = (q >> 20) % 4 == 0 && c->buddy ? c->buddy : c->key;
			const unsigned char *photo = NULL;
			size_t photo_len = 0;
			char text[600], next[400];
			while (!allowed(i, notes[pick].area))
				pick = (pick + 1) % ARRAY_LEN(notes);
			codes[ncodes++] = notes[pick].area;
			for (int extra = 0; extra < (int)((q >> 24) % 3); extra++) {
				const char *x = areas_all[(q >> (28 + 3 * extra)) % 7];
				int dup = 0;
				for (int j = 0; j < ncodes; j++)
					dup |= strcmp(codes[j], x) == 0;
				if (!dup && allowed(i, x))
					codes[ncodes++] = x;
			}
			if (k == 1 && i + 1 < n && kids[i + 1].room_id == c->room_id &&
			    i % 3 == 0 && allowed(i + 1, codes[0])) {
				group[1] = kids[i + 1].id;
				ngroup = 2;
			}
			fill(text, sizeof text, notes[pick].text, c->first);
			fill(next, sizeof next, notes[pick].next, c->first);
			if (ngroup == 2) {
				size_t len = strlen(text);
				snprintf(text + len, sizeof text - len, " %s joined in too.",
				         kids[i + 1].first);
			}
			if (photos < DEMO_PHOTOS_MAX && (q >> 40) % 5 == 0) {
				photo = png[photos % 7];
				photo_len = png_len[photos % 7];
				photos++;
			}
			if (add_obs(s, who, author, day, text, next, shared, group, ngroup, codes,
			            ncodes, photo, photo_len, &id, e))
				goto out;
			if (k == 0 && planned < 40 && i % 4 == 1) { /* a next step planned */
				char d[DATE_LEN];
				date_format(start + (int)(i % 5), d);
				st = store_stmt(s, STMT_OBS_EXPERIENCE_INSERT);
				store_bind_int(st, 1, who->setting_id);
				store_bind_int(st, 2, c->id);
				store_bind_null(st, 3);
				store_bind_int(st, 4, id);
				store_bind_text(st, 5, d);
				store_bind_text(st, 6, next);
				store_bind_int(st, 7, c->key);
				store_bind_int(st, 8, date_instant(start, 9 * 60, "UTC"));
				if (run(s, st, e, "planning a demo experience"))
					goto out;
				planned++;
			}
		}
		if (i % 3 == 0) { /* all about me */
			size_t t = (i / 3) % ARRAY_LEN(about_text);
			st = store_stmt(s, STMT_OBS_ABOUT_INSERT);
			store_bind_int(st, 1, who->setting_id);
			store_bind_int(st, 2, c->id);
			for (int f = 0; f < 6; f++)
				store_bind_text(st, 3 + f, about_text[t][f]);
			store_bind_text(st, 9, "");
			store_bind_text(st, 10, about_text[t][6]);
			store_bind_int(st, 11, c->key);
			store_bind_int(st, 12, date_instant(c->start - 7, 10 * 60, "UTC"));
			if (run(s, st, e, "adding a demo all about me"))
				goto out;
		}
		if (c->key != last_key && i % 2 == 0) { /* a key group time */
			char d[DATE_LEN];
			date_format(start + (int)(i % 3), d);
			st = store_stmt(s, STMT_OBS_EXPERIENCE_INSERT);
			store_bind_int(st, 1, who->setting_id);
			store_bind_null(st, 2);
			store_bind_int(st, 3, c->key);
			store_bind_null(st, 4);
			store_bind_text(st, 5, d);
			store_bind_text(
			    st, 6,
			    "Key group time: a feely bag of natural objects, naming and "
			    "describing them (CL, UW).");
			store_bind_int(st, 7, c->key);
			store_bind_int(st, 8, date_instant(start, 9 * 60, "UTC"));
			if (run(s, st, e, "planning a demo key group time"))
				goto out;
			last_key = c->key;
		}
	}
	if (n) { /* the newest starter's settling-in visits */
		static const struct {
			int offset, from, to;
			const char *plan, *notes, *view;
		} visits[] = {
		    {-10, 600, 660,
		     "Stay and play with Mum; meet the key person; share all about me.",
		     "Stayed close to Mum, then explored the sand tray with the key person.",
		     "Mum: 'She liked the sand; she talked about it all afternoon.'"},
		    {-7, 570, 690,
		     "Mum leaves for 20 minutes; the key person offers the comforter.",
		     "A few tears when Mum left; settled with her bunny and a story.",
		     "Mum: 'Harder for me than for her!'"},
		    {-3, 540, 750, "Stays for lunch; Mum collects after sleep time.", "", ""},
		    {2, 540, 900, "A first full day with the key person greeting at the door.", "",
		     ""},
		};
		struct demo_child *c = &kids[newest];
		int base = c->start > start - 3 ? c->start : start;
		for (size_t v = 0; v < ARRAY_LEN(visits); v++) {
			char d[DATE_LEN];
			date_format(base + visits[v].offset, d);
			st = store_stmt(s, STMT_OBS_SETTLING_INSERT);
			store_bind_int(st, 1, who->setting_id);
			store_bind_int(st, 2, c->id);
			store_bind_text(st, 3, d);
			store_bind_int(st, 4, visits[v].from);
			store_bind_int(st, 5, visits[v].to);
			store_bind_id(st, 6, c->key);
			store_bind_text(st, 7, visits[v].plan);
			store_bind_int(st, 8, date_instant(start - 14, 9 * 60, "UTC"));
			if (run(s, st, e, "planning a demo settling-in visit"))
				goto out;
			if (*visits[v].notes) {
				st = store_stmt(s, STMT_OBS_SETTLING_UPDATE);
				store_bind_text(st, 1, visits[v].notes);
				store_bind_text(st, 2, visits[v].view);
				store_bind_int(st, 3, who->setting_id);
				store_bind_int(st, 4, c->id);
				store_bind_int(st, 5, store_last_id(s));
				if (run(s, st, e, "noting a demo settling-in visit"))
					goto out;
			}
		}
	}
	ret = 0;
out:
	for (int k = 0; k < 7; k++)
		free(png[k]);
	free(kids);
	arena_free(&a);
	return ret;
}
