/*
 * core_demo.c — the demo setting of `kw demo`. The generator works in two
 * steps: first it plans the whole setting in memory (rooms, staff with
 * contracted patterns, families and children with sessions, key people),
 * drawing every choice from one splitmix64 generator with a fixed seed
 * whose state lives in struct demo (no globals), so the same options give
 * the same setting; then it writes the plan through the same core
 * operations and validation tables as `kw import` (text values run through
 * valid_record against core_*_fields), in the caller's transaction.
 *
 * Sizes scale with --children and --staff: children split 20/30/50 between
 * babies, toddlers and pre-school, with as many rooms of each as keep a
 * room within its capacity; staff go to rooms by the staff hours their
 * children need (1:3, 1:5, 1:8, 1:13 with the pre-school's teacher), at
 * least two per room, and about one in fifteen is a floating buddy
 * (key_person false) who works in two rooms.
 *
 * The rota follows the ratio need of every room slot by slot, as
 * core_ratio judges it (room_faults): nine-hour early, middle and late
 * shifts (lunch in the room's cover, not a gap) chosen greedily per room
 * and weekday, a Level 3 opening and closing each room, one apprentice a
 * room at most, then rooms still short borrow from rooms with a spare pair
 * of hands (repair_day). Holidays and training are covered on the rota;
 * the sick day is not (it is chosen so that it leaves a real gap), so
 * `kw ratios` shows every room in ratio but that day.
 *
 * Key people are chosen the way a busy manager would: mostly by looking at
 * the contracted patterns (who is in at 07:30, who stays until 18:00) and
 * spreading key groups evenly, but now and then without looking, and never
 * minding languages, siblings, SEN or mentoring. Together with the rota's
 * small variations and the absences this leaves a few greets and hand-overs
 * with nobody who knows the child: what `kw today` flags and `kw plan`
 * improves.
 */
#include "core_demo.h"
#include "core_observation.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "core_accident.h"
#include "core_diary.h"
#include "core_family.h" /* issue 9: menus, family details */
#include "core_menu.h"
#include "core_sen.h"
#include "core_medicine.h"
#include "core_child.h"
#include "core_concern.h"
#include "core_contract.h"
#include "core_policy.h"
#include "core_portal.h"
#include "core_ratio.h"
#include "core_setting.h"
#include "core_staff.h"
#include "core_welfare.h"    /* issue 8: welfare patterns */
#include "core_allegation.h" /* issue 8: allegations against staff */
#include "date.h"
#include "valid.h"

#define DEMO_SEED 0x6b6579776f726b31ULL /* "keywork1" */
#define WEEKDAYS 5                      /* the setting is open Monday to Friday */
#define OPENS (7 * 60 + 30)
#define CLOSES (18 * 60)

/* splitmix64 (Steele, Lea and Flood): tiny, fast, and the same everywhere. */
struct demo_rng {
	uint64_t state;
};

static uint64_t rng_next(struct demo_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int rng_range(struct demo_rng *r, int lo, int hi)
{
	assert(lo <= hi);
	return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static int rng_percent(struct demo_rng *r, int percent)
{
	return rng_range(r, 0, 99) < percent;
}

enum room_kind { KIND_BABIES, KIND_TODDLERS, KIND_PRESCHOOL, KIND__MAX };

static const struct {
	const char *name;
	int age_min, age_max; /* the room's range, months */
	int dob_lo, dob_hi;   /* ages given to its children on the Monday, months */
	int capacity;         /* places, and the most children on roll per room */
	int ratio;            /* children per adult (EYFS.md) */
	int share;            /* per cent of the children */
} kinds[KIND__MAX] = {
    [KIND_BABIES] = {"Babies", 0, 24, 4, 22, 12, 3, 20},
    [KIND_TODDLERS] = {"Toddlers", 24, 36, 24, 34, 20, 5, 30},
    [KIND_PRESCHOOL] = {"Pre-school", 36, 60, 37, 55, 32, 8, 50},
};

/* Full-time shifts are nine hours on the premises with an hour's lunch
 * break in the room's cover (breaks are not gaps in the rota). */
enum shift_kind {
	SH_EARLY,
	SH_MIDDLE,
	SH_LATE,
	SH_EARLY2,
	SH_LATE2,
	SH_MORNING,
	SH_AFTERNOON,
	SH_SCHOOL,
	SH__MAX
};

static const struct {
	int start, end;
} shifts[SH__MAX] = {
    [SH_EARLY] = {7 * 60 + 30, 16 * 60 + 30},
    [SH_MIDDLE] = {8 * 60 + 30, 17 * 60 + 30},
    [SH_LATE] = {9 * 60, 18 * 60},
    [SH_EARLY2] = {8 * 60, 17 * 60},
    [SH_LATE2] = {9 * 60 + 30, 18 * 60},
    [SH_MORNING] = {7 * 60 + 30, 13 * 60 + 30},
    [SH_AFTERNOON] = {12 * 60, 18 * 60},
    [SH_SCHOOL] = {9 * 60, 15 * 60},
};

/* Names by the family's home language; "en" first. Lists end at NULL. */
struct culture {
	const char *lang;
	int weight; /* per cent of families */
	const char *girls[17], *boys[17], *surnames[33], *women[9], *men[9], *elders[5];
};

static const struct culture cultures[] = {
    {"en",
     70,
     {"Olivia", "Amelia", "Isla", "Freya", "Florence", "Poppy", "Ivy", "Zoë", "Lily", "Ava", "Evie",
      "Grace", "Rosie", "Willow", "Matilda", "Daisy"},
     {"Noah", "Oliver", "George", "Arthur", "Theodore", "Leo", "Alfie", "Archie", "Harry", "Oscar",
      "Freddie", "Jack", "Henry", "Reggie", "Tommy", "Albie"},
     {"Smith",   "Jones",   "Taylor", "Brown",    "Williams", "Wilson",   "Davies", "Evans",
      "Thomas",  "Roberts", "Walker", "Wright",   "Thompson", "Robinson", "Green",  "Hughes",
      "Edwards", "Clarke",  "Hall",   "Wood",     "Jackson",  "Turner",   "Hill",   "Cooper",
      "Ward",    "Morris",  "Baker",  "Harrison", "Bennett",  "Mitchell", "Carter", "Shaw"},
     {"Sarah", "Emma", "Laura", "Rachel", "Hannah", "Gemma", "Claire", "Kirsty"},
     {"James", "Daniel", "Tom", "Chris", "Matt", "Ben", "Luke", "Ryan"},
     {"Margaret", "Susan", "Linda", "Carol"}},
    {"pl",
     8,
     {"Zofia", "Hanna", "Julia", "Maja", "Łucja", "Lena", "Alicja", "Oliwia"},
     {"Jakub", "Antoni", "Szymon", "Filip", "Kacper", "Jan", "Aleksander", "Franciszek"},
     {"Nowak", "Kowalski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski", "Szymanski",
      "Dabrowski"},
     {"Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Monika", "Ewa", "Karolina"},
     {"Piotr", "Tomasz", "Marcin", "Pawel", "Michal", "Krzysztof", "Lukasz", "Adam"},
     {"Barbara", "Krystyna", "Danuta", "Halina"}},
    {"ur",
     7,
     {"Aisha", "Maryam", "Inaya", "Fatima", "Zara", "Hafsa", "Amira", "Noor"},
     {"Muhammad", "Zain", "Hamza", "Ayaan", "Ibrahim", "Yusuf", "Zayan", "Rayyan"},
     {"Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Akhtar", "Raza", "Malik"},
     {"Sana", "Ayesha", "Nadia", "Saima", "Rabia", "Farah", "Amna", "Hina"},
     {"Imran", "Asif", "Kamran", "Bilal", "Faisal", "Tariq", "Adnan", "Usman"},
     {"Parveen", "Shamim", "Nasreen", "Zubaida"}},
    {"pa",
     5,
     {"Simran", "Jasleen", "Harnoor", "Amrit", "Gurleen", "Anaya", "Kiran", "Mehar"},
     {"Arjun", "Gurveer", "Rajveer", "Ekam", "Jaivir", "Fateh", "Navraj", "Armaan"},
     {"Sandhu", "Gill", "Dhillon", "Sidhu", "Bains", "Johal", "Grewal", "Sahota"},
     {"Harpreet", "Manpreet", "Gurpreet", "Jaspreet", "Rajvinder", "Sukhjeet", "Navdeep",
      "Parminder"},
     {"Harjit", "Gurdeep", "Amarjit", "Jaswinder", "Balvinder", "Sukhdev", "Kuldip", "Ranjit"},
     {"Surinder", "Kulwant", "Balbir", "Gurmeet"}},
    {"ro",
     4,
     {"Maria", "Ioana", "Elena", "Ana", "Sofia", "Daria", "Bianca", "Irina"},
     {"Andrei", "David", "Stefan", "Luca", "Matei", "Alexandru", "Mihai", "Rares"},
     {"Popescu", "Ionescu", "Stan", "Dumitru", "Constantin", "Georgescu", "Marin", "Tudor"},
     {"Andreea", "Alina", "Cristina", "Mihaela", "Roxana", "Simona", "Raluca", "Oana"},
     {"Ion", "Gheorghe", "Vasile", "Florin", "Cristian", "Bogdan", "Adrian", "Marius"},
     {"Florica", "Viorica", "Maria", "Elena"}},
    {"es",
     3,
     {"Lucía", "Martina", "Carmen", "Valentina", "Paula", "Sofía", "Alba", "Julia"},
     {"Mateo", "Hugo", "Pablo", "Daniel", "Alejandro", "Leo", "Martín", "Álvaro"},
     {"Garcia", "Martinez", "Lopez", "Sanchez", "Romero", "Fernandez", "Torres", "Ruiz"},
     {"Laura", "Marta", "Cristina", "Elena", "Isabel", "Raquel", "Silvia", "Beatriz"},
     {"Javier", "Carlos", "David", "Sergio", "Jorge", "Alberto", "Raul", "Pablo"},
     {"Carmen", "Dolores", "Pilar", "Rosario"}},
    {"ar", /* nobody on the staff speaks it: not every family can be matched */
     3,
     {"Layla", "Mariam", "Jana", "Salma", "Lina", "Yasmin", "Hala", "Rania"},
     {"Omar", "Yousef", "Adam", "Khaled", "Ali", "Karim", "Sami", "Tariq"},
     {"Haddad", "Mansour", "Nasser", "Saleh", "Darwish", "Khalil", "Aziz", "Hamdan"},
     {"Rana", "Dina", "Huda", "Nour", "Amal", "Samira", "Reem", "Maha"},
     {"Ahmad", "Mahmoud", "Hassan", "Walid", "Fadi", "Samir", "Nabil", "Ziad"},
     {"Fatima", "Aminah", "Zainab", "Khadija"}},
};

/* Languages of staff member i, by position: about two in five speak one. */
static const char *const staff_languages[] = {"",   "pl", "",   "", "ur;pa", "",
                                              "pa", "",   "ro", "", "es",    ""};

static const char *const streets[] = {
    "Elm Road",     "Church Lane",   "Victoria Street", "Mill Lane",   "Park Avenue",
    "Station Road", "Orchard Close", "Meadow Way",      "Queens Road", "Beech Grove"};
static const char *const allergies[] = {"peanuts and tree nuts (adrenaline pen in the office)",
                                        "cows' milk protein", "egg", "sesame", "kiwi"};
static const char *const medical[] = {"eczema (emollient cream from home)",
                                      "asthma (blue inhaler in bag)", "febrile convulsion in 2024"};
static const char *const methods[] = {"in_person", "in_person", "text", "phone", "email", "portal"};
static const char *const contact_times[] = {"at drop-off", "at pick-up", "after 6pm", "lunchtime",
                                            "any time"};
static const struct {
	const char *kind;
	int percent; /* of families who give it */
} consent_kinds[] = {
    {"photos", 90},
    {"photos_shared_with_others", 60},
    {"share_health_visitor", 85},
    {"outings", 95},
    {"sun_cream", 90},
    {"first_aid", 100},
};

struct demo_room {
	char name[32];
	enum room_kind kind;
	int quota, placed; /* children planned, children placed */
};

struct demo_person {
	char code[16];
	const char *first, *last, *langs, *job, *qual_name;
	int room, room2; /* home room; a second room or -1 */
	int qualification, student, key_person, max_primary, senco, dsl, sen_trained;
	int experience_start, start_date;
	int start[WEEKDAYS], end[WEEKDAYS]; /* contracted pattern; end 0 = not working */
	int primaries, buddies;             /* key children so far */
	int place;            /* in the home room: 0 leader, 1 second, ...; -1 floater */
	int part_time, usual; /* takes days off when not needed; usual shift kind */
};

struct demo_child {
	char code[16];
	const char *first, *last, *preferred, *allergies, *medical, *dietary, *funding;
	int family, room, dob, start_date, sen;
	int arrive[WEEKDAYS], leave[WEEKDAYS]; /* leave 0 = does not come */
	int primary, buddy;                    /* staff indices */
	int64_t id;
};

struct demo_family {
	const struct culture *culture;
	const char *surname, *name, *address;
	int first_child, children, restricted;
	int64_t parent_contact; /* who gives the consents */
};

#define SLOTS ((CLOSES - OPENS) / 15) /* the ratio's 15-minute slots, opening to closing */

/* One shift of the fortnight's rota, in memory before it is written. */
struct demo_shift {
	int staff, day, start, end, room;
};

/* One staff absence: kinds_of_leave[kind] from day from to day to. */
struct demo_absence {
	int staff, from, to, kind;
};

/* Children present in a room in each slot of each weekday, and the adults
 * they need by the room's ratio. */
struct demo_need {
	int kids[WEEKDAYS][SLOTS], adults[WEEKDAYS][SLOTS];
};

struct demo {
	struct store *s;
	struct actor who;
	struct demo_rng rng;
	struct arena a;
	int monday;
	struct demo_room *rooms;
	struct demo_person *staff;
	struct demo_child *children;
	struct demo_family *families;
	struct demo_need *need;  /* per room */
	struct demo_shift *rota; /* the fortnight */
	struct demo_absence absences[8];
	int nrooms, nstaff, nchildren, nfamilies, phone, nrota, nabsences;
};

static const char *pick(struct demo_rng *r, const char *const *list, size_t max)
{
	size_t n = 0;
	while (n < max && list[n])
		n++;
	assert(n > 0);
	return list[rng_range(r, 0, (int)n - 1)];
}
#define PICK(r, list) pick((r), (list), ARRAY_LEN(list))

static const char *text_day(struct demo *d, int day)
{
	char t[DATE_LEN];
	date_format(day, t);
	return arena_strdup(&d->a, t);
}

static const char *text_span(struct demo *d, int from, int to)
{
	char t1[TIME_LEN], t2[TIME_LEN];
	time_format(from, t1);
	time_format(to, t2);
	return arena_printf(&d->a, "%s-%s", t1, t2);
}

static const char *text_time(struct demo *d, int min)
{
	char t[TIME_LEN];
	time_format(min, t);
	return arena_strdup(&d->a, t);
}

/* first.last@domain in lower-case ASCII (other characters dropped). */
static const char *text_email(struct demo *d, const char *first, const char *last,
                              const char *domain)
{
	char out[128];
	size_t n = 0;
	for (const char *p = first; *p && n < 60; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			out[n++] = (char)(*p | 0x20);
	out[n++] = '.';
	for (const char *p = last; *p && n < 120; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			out[n++] = (char)(*p | 0x20);
	out[n] = '\0';
	return arena_printf(&d->a, "%s@%s", out, domain);
}

/* Ofcom's numbers for drama: never anyone's real phone. */
static const char *text_phone(struct demo *d)
{
	return arena_printf(&d->a, "07700 900%03d", d->phone++ % 1000);
}

/* Polish surnames in -ski are -ska for a woman or girl. */
static const char *surname_of(struct demo *d, const char *surname, int female)
{
	size_t n = strlen(surname);
	if (!female || n < 3 || strcmp(surname + n - 3, "ski") != 0)
		return surname;
	return arena_printf(&d->a, "%.*sska", (int)(n - 3), surname);
}

static int validate(struct demo *d, const struct field_spec *spec, size_t n, const char *const *raw,
                    struct field_value *v, struct op_error *e)
{
	struct field_error fe;
	if (valid_record(spec, n, raw, v, &d->a, &fe) != 0)
		return op_fail(e, OP_INVALID, fe.field, "the demo made a bad value: %s", fe.msg);
	return 0;
}

/* Children of each kind of room, and rooms of each kind, for n children. */
static int count_rooms(int n, int per_kind[KIND__MAX], int rooms[KIND__MAX])
{
	int total = 0, given = 0;
	for (int k = 0; k < KIND__MAX; k++) {
		per_kind[k] = k == KIND__MAX - 1 ? n - given : (n * kinds[k].share + 50) / 100;
		given += per_kind[k];
		rooms[k] = (per_kind[k] + kinds[k].capacity - 1) / kinds[k].capacity;
		if (rooms[k] < 1)
			rooms[k] = 1;
		total += rooms[k];
	}
	return total;
}

int core_demo_min_staff(int children)
{
	int per_kind[KIND__MAX], rooms[KIND__MAX];
	return 2 * count_rooms(children, per_kind, rooms) + 1;
}

int core_demo_default_staff(int children)
{
	int least = core_demo_min_staff(children), staff = 3 + children / 5;
	return staff < least ? least : staff;
}

int core_demo_check(const struct demo_options *o, struct op_error *e)
{
	int least;
	if (o->children < 1 || o->children > DEMO_MAX_CHILDREN)
		return op_fail(e, OP_INVALID, "children", "must be from 1 to %d",
		               DEMO_MAX_CHILDREN);
	least = core_demo_min_staff(o->children);
	if (o->staff < least || o->staff > DEMO_MAX_STAFF)
		return op_fail(
		    e, OP_INVALID, "staff",
		    "must be from %d (two per room and a floating buddy, for %d %s) to %d", least,
		    o->children, o->children == 1 ? "child" : "children", DEMO_MAX_STAFF);
	return 0;
}

static void plan_rooms(struct demo *d, int n)
{
	int per_kind[KIND__MAX], rooms[KIND__MAX], r = 0;
	d->nrooms = count_rooms(n, per_kind, rooms);
	d->rooms = xcalloc((size_t)d->nrooms, sizeof *d->rooms);
	for (int k = 0; k < KIND__MAX; k++)
		for (int j = 0; j < rooms[k]; j++, r++) {
			struct demo_room *room = &d->rooms[r];
			room->kind = (enum room_kind)k;
			room->quota = per_kind[k] / rooms[k] + (j < per_kind[k] % rooms[k]);
			if (j == 0)
				snprintf(room->name, sizeof room->name, "%s", kinds[k].name);
			else
				snprintf(room->name, sizeof room->name, "%s %d", kinds[k].name,
				         j + 1);
		}
}

static int first_room(const struct demo *d, enum room_kind k)
{
	for (int r = 0; r < d->nrooms; r++)
		if (d->rooms[r].kind == k)
			return r;
	return 0;
}

static int works_in(const struct demo_person *p, int room)
{
	return p->room == room || p->room2 == room;
}

/* The level a member of staff counts at (core_ratio_level): apprentices,
 * students of Level 3, count at the level below, here 0. */
static int level_of(const struct demo_person *p)
{
	if (!p->student)
		return p->qualification;
	return p->qualification >= 6 ? 3 : p->qualification >= 3 ? 2 : 0;
}

/* Children in each room in each slot of each weekday (present at any
 * moment of it, as core_ratio counts them), and the adults they need. */
static void plan_needs(struct demo *d)
{
	d->need = xcalloc((size_t)d->nrooms, sizeof *d->need);
	for (int ci = 0; ci < d->nchildren; ci++) {
		const struct demo_child *c = &d->children[ci];
		for (int wd = 0; wd < WEEKDAYS; wd++)
			for (int k = 0; k < SLOTS && c->leave[wd]; k++) {
				int t = OPENS + 15 * k;
				if (c->arrive[wd] < t + 15 && c->leave[wd] > t)
					d->need[c->room].kids[wd][k]++;
			}
	}
	for (int r = 0; r < d->nrooms; r++)
		for (int wd = 0; wd < WEEKDAYS; wd++)
			for (int k = 0; k < SLOTS; k++) {
				int ratio = kinds[d->rooms[r].kind].ratio;
				d->need[r].adults[wd][k] =
				    (d->need[r].kids[wd][k] + ratio - 1) / ratio;
			}
}

/* Adult-slots room r needs on its busiest day. */
static int room_hours(const struct demo *d, int r)
{
	int most = 0;
	for (int wd = 0; wd < WEEKDAYS; wd++) {
		int sum = 0;
		for (int k = 0; k < SLOTS; k++)
			sum += d->need[r].adults[wd][k] > 0 ? d->need[r].adults[wd][k] : 0;
		if (sum > most)
			most = sum;
	}
	return most;
}

struct duty {
	int start, end, level;
};

/* How far room r is from ratio on weekday wd with these staff on duty, by
 * the rules core_ratio applies (0: in ratio in every slot): adults short,
 * no Level 3 (every Level 3 of the demo has years with under-2s), fewer
 * than half of the others at Level 2. Staff count in a slot only when on
 * duty all of it. */
static int room_faults(const struct demo *d, int r, int wd, const struct duty *duty, int n)
{
	int faults = 0;
	for (int k = 0; k < SLOTS; k++) {
		int t = OPENS + 15 * k, adults = 0, level3 = 0, level2 = 0, level6 = 0, lead,
		    others, at2, need = d->need[r].adults[wd][k];
		if (!d->need[r].kids[wd][k])
			continue;
		for (int i = 0; i < n; i++)
			if (duty[i].start <= t && duty[i].end >= t + 15) {
				adults++;
				level3 += duty[i].level >= 3;
				level2 += duty[i].level >= 2;
				level6 += duty[i].level >= 6;
			}
		/* the 3 and over at 1:13 with a Level 6 and another Level 3 */
		if (d->rooms[r].kind == KIND_PRESCHOOL && level6 && level3 >= 2)
			need = (d->need[r].kids[wd][k] + 12) / 13;
		if (adults < need)
			faults += 4 * (need - adults);
		if (!level3)
			faults += 4;
		lead = level3 > 0;
		others = adults - lead;
		at2 = level2 - lead;
		if (adults > 0 && 2 * at2 < others)
			faults += others - 2 * at2;
	}
	return faults;
}

/* room_faults for the weekday pattern being built: kind[i] is staff i's shift, or -1. */
static int pattern_faults(const struct demo *d, int r, int wd, const int *kind)
{
	struct duty *duty = xcalloc((size_t)d->nstaff + 1, sizeof *duty);
	int n = 0, f;
	for (int i = 0; i < d->nstaff; i++)
		if (kind[i] >= 0 && d->staff[i].room == r)
			duty[n++] = (struct duty){shifts[kind[i]].start, shifts[kind[i]].end,
			                          level_of(&d->staff[i])};
	f = room_faults(d, r, wd, duty, n);
	free(duty);
	return f;
}

/* With nobody left to add: the change of one shift that takes room r
 * furthest towards ratio (an early shift made late, ...), or -1. */
static int better_shift(const struct demo *d, int r, int wd, int *kind, int *best_kind,
                        int *best_gain)
{
	int f = pattern_faults(d, r, wd, kind), bi = -1;
	*best_gain = 0;
	for (int i = 0; i < d->nstaff; i++) {
		int was = kind[i];
		if (d->staff[i].room != r || d->staff[i].place < 0 || d->staff[i].dsl || was < 0)
			continue;
		for (int k = 0; k < SH__MAX; k++) {
			int gain;
			if (k == was || (!d->staff[i].part_time && k > SH_LATE2))
				continue;
			kind[i] = k;
			gain = f - pattern_faults(d, r, wd, kind);
			kind[i] = was;
			if (gain > *best_gain) {
				*best_gain = gain;
				*best_kind = k;
				bi = i;
			}
		}
	}
	return bi;
}

/* The contracted patterns, built to the ratio need of each room on each
 * weekday: the manager (the DSL) works middle shifts all week in the
 * office and the pre-school; each room's staff are added greedily, the
 * shift that takes the room furthest towards ratio first (a member of
 * staff's usual shift, and full-timers, preferred on a tie), until every
 * slot is in ratio; full-timers not needed still work, on their usual
 * shift when it keeps the room in ratio; part-timers not needed take the
 * day off, and work mornings, afternoons or school hours on at least
 * three days. Floating buddies work middle shifts in their first room,
 * the spare pair of hands that covers holidays and training. */
static void plan_schedule(struct demo *d)
{
	static const enum shift_kind full[] = {SH_EARLY, SH_MIDDLE, SH_LATE, SH_EARLY2, SH_LATE2};
	static const enum shift_kind part[] = {SH_EARLY, SH_MIDDLE,  SH_LATE,      SH_EARLY2,
	                                       SH_LATE2, SH_MORNING, SH_AFTERNOON, SH_SCHOOL};
	int *km = xcalloc((size_t)d->nstaff * WEEKDAYS, sizeof *km);
	for (int wd = 0; wd < WEEKDAYS; wd++) {
		int *kind = km + wd * d->nstaff;
		for (int i = 0; i < d->nstaff; i++)
			kind[i] = d->staff[i].place < 0 || d->staff[i].dsl ? SH_MIDDLE : -1;
		for (int r = 0; r < d->nrooms; r++) {
			int f = pattern_faults(d, r, wd, kind);
			while (f > 0) {
				int bi = -1, bk = 0, bgain = 0, bpref = 0;
				for (int i = 0; i < d->nstaff; i++) {
					const struct demo_person *p = &d->staff[i];
					size_t nk =
					    p->part_time ? ARRAY_LEN(part) : ARRAY_LEN(full);
					if (p->room != r || p->place < 0 || kind[i] >= 0)
						continue;
					for (size_t k = 0; k < nk; k++) {
						int gain, pref;
						kind[i] = (int)part[k];
						gain = f - pattern_faults(d, r, wd, kind);
						kind[i] = -1;
						pref =
						    ((int)part[k] != p->usual) + 2 * p->part_time;
						if (gain > bgain ||
						    (gain == bgain && gain > 0 && pref < bpref)) {
							bi = i;
							bk = (int)part[k];
							bgain = gain;
							bpref = pref;
						}
					}
				}
				if (bi < 0 && (bi = better_shift(d, r, wd, kind, &bk, &bgain)) < 0)
					break; /* the room has too few staff for its children */
				kind[bi] = bk;
				f -= bgain;
			}
			for (int i = 0; i < d->nstaff; i++) {
				const struct demo_person *p = &d->staff[i];
				if (p->room != r || p->place < 0 || kind[i] >= 0 || p->part_time)
					continue;
				for (int k = -1; k < (int)ARRAY_LEN(full) && kind[i] < 0; k++) {
					kind[i] = k < 0 ? p->usual : (int)full[k];
					if (pattern_faults(d, r, wd, kind) > f)
						kind[i] = -1;
				}
			}
		}
	}
	/* part-timers work at least three days */
	for (int i = 0; i < d->nstaff; i++) {
		int days = 0;
		for (int wd = 0; wd < WEEKDAYS; wd++)
			days += km[wd * d->nstaff + i] >= 0;
		for (int j = 0; j < WEEKDAYS && days < 3; j++) {
			int wd = (i + j) % WEEKDAYS, *kind = km + wd * d->nstaff;
			int r = d->staff[i].room, f = pattern_faults(d, r, wd, kind);
			if (kind[i] >= 0)
				continue;
			for (size_t k = ARRAY_LEN(part); k-- > 0 && kind[i] < 0;) {
				kind[i] = (int)part[k];
				if (pattern_faults(d, r, wd, kind) > f)
					kind[i] = -1;
			}
			days += kind[i] >= 0;
		}
	}
	for (int i = 0; i < d->nstaff; i++)
		for (int wd = 0; wd < WEEKDAYS; wd++) {
			int k = km[wd * d->nstaff + i];
			d->staff[i].start[wd] = k >= 0 ? shifts[k].start : 0;
			d->staff[i].end[wd] = k >= 0 ? shifts[k].end : 0;
		}
	free(km);
}

static void plan_staff(struct demo *d, int nstaff)
{
	/* a room's first two open and close it; the rest fill the middle */
	static const enum shift_kind by_place[3] = {SH_EARLY, SH_LATE, SH_MIDDLE};
	int floaters = nstaff / 15 < 1 ? 1 : nstaff / 15, key, n = 0;
	int senco_room = first_room(d, KIND_TODDLERS), manager_room = first_room(d, KIND_PRESCHOOL);
	int sen_wanted = nstaff * 2 / 15 < 2 ? 2 : nstaff * 2 / 15, sen = 0;
	int *count = xcalloc((size_t)d->nrooms, sizeof *count), *place;
	int *apprentices = xcalloc((size_t)d->nrooms, sizeof *apprentices);
	if (floaters > nstaff - 2 * d->nrooms)
		floaters = nstaff - 2 * d->nrooms;
	key = nstaff - floaters;
	/* Each room's share by the staff hours its children need on its
	 * busiest day (two at least: one opens, one closes), then each next
	 * one where the hours per adult are highest. */
	for (int r = 0; r < d->nrooms; r++)
		count[r] = 2;
	for (int given = 2 * d->nrooms; given < key; given++) {
		int best = 0;
		for (int r = 1; r < d->nrooms; r++)
			if (room_hours(d, r) * count[best] > room_hours(d, best) * count[r])
				best = r;
		count[best]++;
	}
	d->nstaff = nstaff;
	d->staff = xcalloc((size_t)nstaff, sizeof *d->staff);
	place = xcalloc((size_t)nstaff, sizeof *place);
	for (int r = 0; r < d->nrooms; r++)
		for (int j = 0; j < count[r]; j++, n++) {
			d->staff[n].room = r;
			place[n] = j;
		}
	for (int f = 0; f < floaters; f++, n++) {
		d->staff[n].room = (1 + 2 * f) % d->nrooms;
		place[n] = -1;
	}
	assert(n == nstaff);

	for (int i = 0; i < nstaff; i++) {
		struct demo_person *p = &d->staff[i];
		const struct culture *c = &cultures[0];
		int j = place[i], roll = rng_range(&d->rng, 0, 99), full_time = 1, junior = 0;
		/* every setting has an apprentice in its first room and a Level 2 in its second */
		if (j == 2 && p->room < 2)
			roll = p->room == 0 ? 0 : 20;
		snprintf(p->code, sizeof p->code, nstaff < 100 ? "S%02d" : "S%03d", i + 1);
		p->langs = staff_languages[i % ARRAY_LEN(staff_languages)];
		for (size_t k = 0; k < ARRAY_LEN(cultures); k++)
			if (*p->langs && strncmp(p->langs, cultures[k].lang, 2) == 0)
				c = &cultures[k];
		for (int tries = 0; tries < 8; tries++) { /* two staff with one name confuse */
			int man = rng_percent(&d->rng, 8), taken = 0;
			p->first = man ? PICK(&d->rng, c->men) : PICK(&d->rng, c->women);
			p->last = surname_of(d, PICK(&d->rng, c->surnames), !man);
			for (int k = 0; k < i && !taken; k++)
				taken = strcmp(d->staff[k].first, p->first) == 0 &&
				        strcmp(d->staff[k].last, p->last) == 0;
			if (!taken)
				break;
		}
		p->room2 = -1;
		p->key_person = 1;
		p->qualification = 3;
		p->qual_name = "CACHE Level 3 Diploma for the Early Years Workforce";
		if (j < 0) {
			p->job = "Floating practitioner (buddy)";
			p->key_person = 0;
			p->room2 = (p->room + 1) % d->nrooms;
		} else if (p->room == manager_room && j == 0) {
			p->job = "Nursery manager";
			p->qualification = 6;
			p->qual_name = "BA (Hons) Early Childhood Studies with EYTS";
			p->dsl = 1;
			p->max_primary = 4; /* the office takes half the week */
		} else if (p->room == senco_room && j == 1) {
			p->job = "Deputy manager and SENCo";
			p->senco = p->sen_trained = 1;
			p->room2 = manager_room;
		} else if (j == 0) {
			p->job = "Room leader";
		} else if (j == 1 && d->rooms[p->room].kind == KIND_PRESCHOOL) {
			p->job = "Early years teacher"; /* the 3 and over at 1:13 with them */
			p->qualification = 6;
			p->qual_name = "BA (Hons) Early Childhood Studies with EYTS";
		} else if (j == 1) { /* NOLINT(bugprone-branch-clone): a later rule, same title */
			p->job =
			    "Nursery practitioner"; /* a second Level 3: one opens, one closes */
		} else if (roll < 15 && !apprentices[p->room] && count[p->room] >= 4) {
			apprentices[p->room] = 1; /* one a room: half the others are Level 2 */
			p->job = "Apprentice practitioner";
			p->qualification = 0;
			p->student = 1;
			p->qual_name = "Level 3 Early Years Educator apprenticeship (in training)";
			p->max_primary = 5;
			junior = 1;
		} else if (roll < 55) {
			p->job = "Nursery practitioner";
			p->qualification = 2;
			p->qual_name = "Level 2 Early Years Practitioner";
			junior = rng_percent(&d->rng, 30);
		} else if (roll < 90 || d->rooms[p->room].kind != KIND_PRESCHOOL) {
			p->job = "Nursery practitioner";
		} else {
			p->job = "Early years teacher";
			p->qualification = 6;
			p->qual_name = "BA (Hons) Primary Education with QTS";
		}
		if (j >= 2 && !junior && (j == 3 || rng_percent(&d->rng, 45)))
			full_time = 0;
		if (junior)
			p->experience_start = d->monday - rng_range(&d->rng, 60, 330);
		else /* more than two years: a Level 3 is "suitably experienced" with babies */
			p->experience_start =
			    d->monday - rng_range(&d->rng, j == 0 ? 5 * 365 : 800, 18 * 365);
		p->start_date = d->monday - rng_range(&d->rng, 30, d->monday - p->experience_start);
		if (p->start_date < p->experience_start)
			p->start_date = p->experience_start;
		if (p->start_date > d->monday - 30)
			p->start_date = d->monday - 30;
		p->place = j;
		p->part_time = !full_time;
		p->usual = j < 0 ? SH_MIDDLE : (int)by_place[j % 3];
		sen += p->sen_trained;
	}
	/* The second (and, in a big setting, further) SEN-trained practitioners. */
	for (int i = 0; i < nstaff && sen < sen_wanted; i++)
		if (place[i] == 1 && !d->staff[i].sen_trained && d->staff[i].room != senco_room) {
			d->staff[i].sen_trained = 1;
			sen++;
		}
	free(place);
	free(count);
	free(apprentices);
}

/* A room of kind k with room for need more children (the emptiest), or -1. */
static int take_room(struct demo *d, enum room_kind k, int need)
{
	int best = -1;
	for (int r = 0; r < d->nrooms; r++) {
		const struct demo_room *room = &d->rooms[r];
		if (room->kind != k || room->quota - room->placed < need)
			continue;
		if (best < 0 ||
		    room->quota - room->placed > d->rooms[best].quota - d->rooms[best].placed)
			best = r;
	}
	return best;
}

static int left_of_kind(const struct demo *d, enum room_kind k)
{
	int n = 0;
	for (int r = 0; r < d->nrooms; r++)
		if (d->rooms[r].kind == k)
			n += d->rooms[r].quota - d->rooms[r].placed;
	return n;
}

/* Arrival and departure on the days the child comes. */
static void plan_sessions(struct demo *d, struct demo_child *c, enum room_kind k)
{
	static const int arrivals[] = {450, 465, 480, 495, 510, 525, 540};
	static const int departures[] = {960, 990, 1020, 1035, 1050, 1065, 1080};
	int roll = rng_range(&d->rng, 0, 99), days = WEEKDAYS, a, b;
	int early_friday = rng_percent(&d->rng, 25);
	a = arrivals[rng_range(&d->rng, 0, (int)ARRAY_LEN(arrivals) - 1)];
	b = departures[rng_range(&d->rng, 0, (int)ARRAY_LEN(departures) - 1)];
	c->funding = "none";
	if (k == KIND_PRESCHOOL) {
		if (roll < 25) {
			c->funding = "30"; /* full days, 30 funded hours and paid hours */
		} else if (roll < 50) {
			c->funding = "30";
			a = rng_percent(&d->rng, 50) ? 540 : 525;
			b = a + 360;
			early_friday = 0;
		} else if (roll < 70) {
			c->funding = "15"; /* funded mornings */
			a = rng_percent(&d->rng, 50) ? 540 : 525;
			b = a + 180;
			early_friday = 0;
		} else if (roll < 85) {
			c->funding = "15"; /* afternoon sessions only */
			a = rng_percent(&d->rng, 50) ? 750 : 780;
			b = a + 180;
			early_friday = 0;
		} else {
			c->funding = "15";
			days = rng_range(&d->rng, 2, 3);
		}
	} else if (roll < 35) {
		c->funding = k == KIND_TODDLERS && rng_percent(&d->rng, 25) ? "2yo" : "none";
	} else if (roll < 75) {
		days = rng_range(&d->rng, 2, 4);
		c->funding = k == KIND_TODDLERS && rng_percent(&d->rng, 25) ? "2yo" : "none";
	} else {
		days = rng_range(&d->rng, 3, 5);
		a = 540;
		b = 900;
		early_friday = 0;
		c->funding = k == KIND_TODDLERS && rng_percent(&d->rng, 40) ? "2yo" : "none";
	}
	for (int wd = 0; wd < WEEKDAYS; wd++) {
		c->arrive[wd] = a;
		c->leave[wd] = wd == 4 && early_friday ? 960 : b;
	}
	for (int off = WEEKDAYS - days; off > 0;) {
		int wd = rng_range(&d->rng, 0, WEEKDAYS - 1);
		if (c->leave[wd]) {
			c->leave[wd] = c->arrive[wd] = 0;
			off--;
		}
	}
}

/* One child of family f in room r, born months (and a few days) before the Monday. */
static struct demo_child *add_child(struct demo *d, int f, int r, int months)
{
	struct demo_family *fam = &d->families[f];
	struct demo_child *c = &d->children[d->nchildren];
	const struct culture *cu = fam->culture;
	int latest;
	snprintf(c->code, sizeof c->code, "C%03d", d->nchildren + 1);
	c->family = f;
	c->room = r;
	d->rooms[r].placed++;
	if (fam->children == 0)
		fam->first_child = d->nchildren;
	fam->children++;
	d->nchildren++;
	/* no two children of the setting with the same name, if it can be helped */
	for (int tries = 0; tries < 8; tries++) {
		int taken = 0;
		int girl = rng_percent(&d->rng, 50);
		c->first = girl ? PICK(&d->rng, cu->girls) : PICK(&d->rng, cu->boys);
		c->last = surname_of(d, fam->surname, girl);
		for (int k = 0; k < d->nchildren - 1 && !taken; k++)
			taken = strcmp(d->children[k].first, c->first) == 0 &&
			        strcmp(d->children[k].last, c->last) == 0;
		if (!taken)
			break;
	}
	if (strcmp(c->first, "Theodore") == 0)
		c->preferred = "Teddy";
	else if (strcmp(c->first, "Florence") == 0)
		c->preferred = "Flo";
	c->dob = date_add_months(d->monday, -months) - rng_range(&d->rng, 0, 25);
	/* Started at three months or later, at least a week before the Monday. */
	latest = d->monday - 7;
	c->start_date = c->dob + 91 > latest ? latest : c->dob + 91;
	if (latest > c->start_date)
		c->start_date =
		    latest - rng_range(&d->rng, 0,
		                       latest - c->start_date < 540 ? latest - c->start_date : 540);
	if (rng_percent(&d->rng, 10))
		c->allergies = PICK(&d->rng, allergies);
	if (rng_percent(&d->rng, 6))
		c->medical = PICK(&d->rng, medical);
	if (strcmp(cu->lang, "ur") == 0 || strcmp(cu->lang, "ar") == 0)
		c->dietary = "halal";
	else if (strcmp(cu->lang, "pa") == 0 || rng_percent(&d->rng, 5))
		c->dietary = rng_percent(&d->rng, 50) ? "vegetarian" : "";
	plan_sessions(d, c, d->rooms[r].kind);
	return c;
}

static const struct culture *pick_culture(struct demo *d)
{
	int roll = rng_range(&d->rng, 0, 99);
	for (size_t k = 0; k < ARRAY_LEN(cultures); k++) {
		if (roll < cultures[k].weight)
			return &cultures[k];
		roll -= cultures[k].weight;
	}
	return &cultures[0];
}

/* Families of one child, twins in one room, and brothers and sisters in two
 * rooms, until every room has its children. */
static void plan_children(struct demo *d, int n)
{
	d->children = xcalloc((size_t)n, sizeof *d->children);
	d->families = xcalloc((size_t)n, sizeof *d->families);
	while (d->nchildren < n) {
		int roll = rng_range(&d->rng, 0, 99), f = d->nfamilies++, done = 0;
		struct demo_family *fam = &d->families[f];
		fam->culture = pick_culture(d);
		fam->surname = PICK(&d->rng, fam->culture->surnames);
		/* Street and number (and flat, past 150 families) keep family names apart. */
		if (f < 150)
			fam->address = arena_printf(&d->a, "%d %s", 1 + (f * 7) % 150,
			                            streets[f % ARRAY_LEN(streets)]);
		else
			fam->address =
			    arena_printf(&d->a, "Flat %d, %d %s", f / 150 + 1, 1 + (f * 7) % 150,
			                 streets[f % ARRAY_LEN(streets)]);
		fam->name = arena_printf(&d->a, "%s (%s)", fam->surname, fam->address);
		if (roll < 5) { /* twins */
			int k0 = rng_range(&d->rng, 0, KIND__MAX - 1);
			for (int t = 0; t < KIND__MAX && !done; t++) {
				enum room_kind k = (enum room_kind)((k0 + t) % KIND__MAX);
				int r = take_room(d, k, 2), months;
				if (r < 0)
					continue;
				months = rng_range(&d->rng, kinds[k].dob_lo, kinds[k].dob_hi);
				struct demo_child *a = add_child(d, f, r, months);
				struct demo_child *b = add_child(d, f, r, months);
				b->dob = a->dob;
				b->start_date = a->start_date;
				memcpy(b->arrive, a->arrive, sizeof a->arrive);
				memcpy(b->leave, a->leave, sizeof a->leave);
				b->funding = a->funding;
				done = 1;
			}
		} else if (roll < 18 && n - d->nchildren >= 2) { /* siblings in two rooms */
			int k1 = rng_range(&d->rng, 0, KIND__MAX - 2);
			int k2 = rng_range(&d->rng, k1 + 1, KIND__MAX - 1);
			int r1 = take_room(d, (enum room_kind)k1, 1),
			    r2 = take_room(d, (enum room_kind)k2, 1);
			if (r1 >= 0 && r2 >= 0) {
				/* younger in the lower half of its room's ages, older in the upper
				 */
				int m1 = rng_range(&d->rng, kinds[k1].dob_lo,
				                   (kinds[k1].dob_lo + kinds[k1].dob_hi) / 2);
				int m2 =
				    rng_range(&d->rng, (kinds[k2].dob_lo + kinds[k2].dob_hi) / 2,
				              kinds[k2].dob_hi);
				struct demo_child *young = add_child(d, f, r1, m1);
				struct demo_child *old = add_child(d, f, r2, m2);
				if (rng_percent(&d->rng, 70)) { /* brought and fetched together */
					memcpy(old->arrive, young->arrive, sizeof young->arrive);
					memcpy(old->leave, young->leave, sizeof young->leave);
				}
				done = 1;
			}
		}
		if (!done) {
			int pickn = rng_range(&d->rng, 1, n - d->nchildren), r = -1;
			for (int k = 0; k < KIND__MAX && r < 0; k++) {
				int left = left_of_kind(d, (enum room_kind)k);
				if (pickn <= left)
					r = take_room(d, (enum room_kind)k, 1);
				pickn -= left;
			}
			assert(r >= 0);
			add_child(d, f, r,
			          rng_range(&d->rng, kinds[d->rooms[r].kind].dob_lo,
			                    kinds[d->rooms[r].kind].dob_hi));
		}
	}
	/* Special educational needs: about one child in thirty, none a baby. */
	{
		int want = n / 30 < 2 ? 2 : n / 30, got = 0;
		for (int tries = 0; got < want && tries < 20 * n; tries++) {
			struct demo_child *c = &d->children[rng_range(&d->rng, 0, n - 1)];
			if (c->sen || (d->rooms[c->room].kind == KIND_BABIES && tries < 10 * n))
				continue;
			c->sen = 1;
			got++;
		}
	}
	/* A court order: one family in sixty has a parent who must not collect. */
	for (int k = 0; k < (n / 60 < 1 ? 1 : n / 60); k++)
		d->families[(k * 60 + 7) % d->nfamilies].restricted = 1;
}

/* Greets and hand-overs of child c on the contracted patterns of p and b:
 * covered by neither, and covered by the buddy only. */
static void pattern_events(const struct demo_child *c, const struct demo_person *p,
                           const struct demo_person *b, int *uncovered, int *buddy_only)
{
	*uncovered = *buddy_only = 0;
	for (int wd = 0; wd < WEEKDAYS; wd++) {
		int a = c->arrive[wd], l = c->leave[wd];
		if (!l)
			continue;
		int pg = p->end[wd] && p->start[wd] <= a && a < p->end[wd];
		int bg = b->end[wd] && b->start[wd] <= a && a < b->end[wd];
		int pl = p->end[wd] && p->start[wd] < l && l <= p->end[wd];
		int bl = b->end[wd] && b->start[wd] < l && l <= b->end[wd];
		*uncovered += (!pg && !bg) + (!pl && !bl);
		*buddy_only += (!pg && bg) + (!pl && bl);
	}
}

static void plan_key_people(struct demo *d)
{
	for (int r = 0; r < d->nrooms; r++) {
		int keys = 0, cap;
		for (int i = 0; i < d->nstaff; i++)
			keys += d->staff[i].key_person && works_in(&d->staff[i], r);
		assert(keys >= 2);
		cap = (d->rooms[r].quota + keys - 1) / keys + 1;
		for (int ci = 0; ci < d->nchildren; ci++) {
			struct demo_child *c = &d->children[ci];
			/* now and then the manager assigns without looking at the rota */
			int careless = rng_percent(&d->rng, 5), best = INT_MAX;
			if (c->room != r)
				continue;
			c->primary = c->buddy = -1;
			for (int pass = 0; pass < 3 && c->primary < 0; pass++)
				for (int i = 0; i < d->nstaff; i++) {
					const struct demo_person *p = &d->staff[i];
					if (!p->key_person || !works_in(p, r) ||
					    (pass < 1 && p->primaries >= cap) ||
					    (pass < 2 && p->max_primary &&
					     p->primaries >= p->max_primary))
						continue;
					for (int j = 0; j < d->nstaff; j++) {
						int unc, bud, cost;
						if (j == i || !works_in(&d->staff[j], r))
							continue;
						pattern_events(c, p, &d->staff[j], &unc, &bud);
						cost =
						    (careless ? -100 * unc : 100 * unc + 10 * bud) +
						    8 * p->primaries + 3 * d->staff[j].buddies -
						    (p->primaries == 0
						         ? 150
						         : 0); /* everyone has a key group */
						if (cost < best) {
							best = cost;
							c->primary = i;
							c->buddy = j;
						}
					}
				}
			assert(c->primary >= 0 && c->buddy >= 0);
			d->staff[c->primary].primaries++;
			d->staff[c->buddy].buddies++;
		}
	}
}

static int write_rooms(struct demo *d, struct op_error *e)
{
	for (int r = 0; r < d->nrooms; r++) {
		const struct demo_room *room = &d->rooms[r];
		const char *raw[ROOM__MAX] = {
		    [ROOM_NAME] = room->name,
		    [ROOM_AGE_MIN_MONTHS] = arena_printf(&d->a, "%d", kinds[room->kind].age_min),
		    [ROOM_AGE_MAX_MONTHS] = arena_printf(&d->a, "%d", kinds[room->kind].age_max),
		    [ROOM_CAPACITY] = arena_printf(&d->a, "%d", kinds[room->kind].capacity),
		};
		struct field_value v[ROOM__MAX];
		int64_t id;
		if (validate(d, core_room_fields, ROOM__MAX, raw, v, e) ||
		    core_room_add(d->s, &d->who, v, &id, e))
			return -1;
	}
	return 0;
}

static int write_staff(struct demo *d, struct op_error *e)
{
	for (int i = 0; i < d->nstaff; i++) {
		const struct demo_person *p = &d->staff[i];
		const char *raw[STAFF__MAX] = {NULL};
		struct field_value v[STAFF__MAX];
		int64_t id;
		raw[STAFF_ID] = p->code;
		raw[STAFF_NAME] = arena_printf(&d->a, "%s %s", p->first, p->last);
		raw[STAFF_JOB_TITLE] = p->job;
		raw[STAFF_ROOMS] = p->room2 >= 0
		                       ? arena_printf(&d->a, "%s; %s", d->rooms[p->room].name,
		                                      d->rooms[p->room2].name)
		                       : d->rooms[p->room].name;
		raw[STAFF_QUALIFICATION] = arena_printf(&d->a, "%d", p->qualification);
		raw[STAFF_QUALIFICATION_NAME] = p->qual_name;
		raw[STAFF_STUDENT] = p->student ? "yes" : "no";
		raw[STAFF_PFA_EXPIRES] = text_day(d, d->monday + 20 + (i * 97) % 1000);
		raw[STAFF_DBS_DATE] = text_day(d, p->start_date - 21);
		raw[STAFF_EXPERIENCE_START] = text_day(d, p->experience_start);
		raw[STAFF_LANGUAGES] = p->langs;
		raw[STAFF_SEN_TRAINED] = p->sen_trained ? "yes" : "no";
		raw[STAFF_KEY_PERSON] = p->key_person ? "yes" : "no";
		raw[STAFF_MAX_PRIMARY] =
		    p->max_primary ? arena_printf(&d->a, "%d", p->max_primary) : NULL;
		raw[STAFF_DSL] = p->dsl ? "yes" : "no";
		raw[STAFF_SENCO] = p->senco ? "yes" : "no";
		raw[STAFF_EMAIL] = text_email(d, p->first, p->last, "sunflower-nursery.example");
		raw[STAFF_PHONE] = text_phone(d);
		raw[STAFF_START_DATE] = text_day(d, p->start_date);
		for (int wd = 0; wd < WEEKDAYS; wd++)
			if (p->end[wd])
				raw[STAFF_MON + wd] = text_span(d, p->start[wd], p->end[wd]);
		if (validate(d, core_staff_fields, STAFF__MAX, raw, v, e) ||
		    core_staff_add(d->s, &d->who, v, &id, e))
			return -1;
	}
	return 0;
}

static int write_children(struct demo *d, struct op_error *e)
{
	for (int ci = 0; ci < d->nchildren; ci++) {
		struct demo_child *c = &d->children[ci];
		const struct demo_family *fam = &d->families[c->family];
		const char *raw[CHILD__MAX] = {NULL};
		struct field_value v[CHILD__MAX];
		raw[CHILD_ID] = c->code;
		raw[CHILD_FIRST_NAME] = c->first;
		raw[CHILD_LAST_NAME] = c->last;
		raw[CHILD_PREFERRED_NAME] = c->preferred;
		raw[CHILD_DATE_OF_BIRTH] = text_day(d, c->dob);
		raw[CHILD_ROOM] = d->rooms[c->room].name;
		raw[CHILD_FAMILY] = fam->name;
		raw[CHILD_HOME_LANGUAGE] = fam->culture->lang;
		raw[CHILD_OTHER_LANGUAGES] = strcmp(fam->culture->lang, "en") ? "en" : NULL;
		raw[CHILD_ALLERGIES] = c->allergies;
		raw[CHILD_MEDICAL] = c->medical;
		raw[CHILD_DIETARY] = c->dietary;
		raw[CHILD_SEN] = c->sen ? "yes" : "no";
		raw[CHILD_FUNDING] = c->funding;
		raw[CHILD_LIVES_WITH] = fam->restricted ? "Mother" : "Mother and father";
		raw[CHILD_START_DATE] = text_day(d, c->start_date);
		for (int wd = 0; wd < WEEKDAYS; wd++)
			if (c->leave[wd])
				raw[CHILD_MON + wd] = text_span(d, c->arrive[wd], c->leave[wd]);
		raw[CHILD_KEY_PERSON] = d->staff[c->primary].code;
		raw[CHILD_BUDDY] = d->staff[c->buddy].code;
		if (validate(d, core_child_fields, CHILD__MAX, raw, v, e) ||
		    core_child_add(d->s, &d->who, v, &c->id, e))
			return -1;
	}
	return 0;
}

static int write_contact(struct demo *d, const struct demo_family *fam, const char *name,
                         const char *relationship, int pr, int may_collect, const char *restriction,
                         const char *note, int64_t *id, struct op_error *e)
{
	const char *first = name, *space = strchr(name, ' ');
	const char *raw[CONTACT__MAX] = {NULL};
	struct field_value v[CONTACT__MAX];
	if (space)
		first = arena_strndup(&d->a, name, (size_t)(space - name));
	raw[CONTACT_CHILD] = d->children[fam->first_child].code;
	raw[CONTACT_NAME] = name;
	raw[CONTACT_RELATIONSHIP] = relationship;
	raw[CONTACT_PARENTAL_RESPONSIBILITY] = pr ? "yes" : "no";
	raw[CONTACT_MAY_COLLECT] = may_collect ? "yes" : "no";
	raw[CONTACT_EMERGENCY] = may_collect ? "yes" : "no";
	raw[CONTACT_PHONE] = text_phone(d);
	raw[CONTACT_EMAIL] = text_email(d, first, fam->surname, "example.org");
	raw[CONTACT_ADDRESS] = fam->address;
	raw[CONTACT_PREFERRED_METHOD] = PICK(&d->rng, methods);
	raw[CONTACT_PREFERRED_TIME] = PICK(&d->rng, contact_times);
	raw[CONTACT_LANGUAGE] = fam->culture->lang;
	raw[CONTACT_RESTRICTION] = restriction;
	raw[CONTACT_RESTRICTION_NOTE] = note;
	return validate(d, core_contact_fields, CONTACT__MAX, raw, v, e) ||
	               core_contact_add(d->s, &d->who, v, id, e)
	           ? -1
	           : 0;
}

/* Two parents with parental responsibility and a grandparent who may
 * collect, for every family; consents given by the first parent. */
static int write_families(struct demo *d, int *contacts, struct op_error *e)
{
	for (int f = 0; f < d->nfamilies; f++) {
		struct demo_family *fam = &d->families[f];
		const struct culture *cu = fam->culture;
		int64_t id;
		if (write_contact(d, fam,
		                  arena_printf(&d->a, "%s %s", PICK(&d->rng, cu->women),
		                               surname_of(d, fam->surname, 1)),
		                  "Mother", 1, 1, NULL, NULL, &fam->parent_contact, e))
			return -1;
		if (write_contact(
		        d, fam, arena_printf(&d->a, "%s %s", PICK(&d->rng, cu->men), fam->surname),
		        "Father", 1, !fam->restricted, fam->restricted ? "no_collect" : NULL,
		        fam->restricted ? "Child arrangements order: he must not collect. "
		                          "If he comes, keep the child inside and call "
		                          "the manager."
		                        : NULL,
		        &id, e))
			return -1;
		if (write_contact(d, fam,
		                  arena_printf(&d->a, "%s %s", PICK(&d->rng, cu->elders),
		                               surname_of(d, fam->surname, 1)),
		                  "Grandmother", 0, 1, NULL, NULL, &id, e))
			return -1;
		*contacts += 3;
		for (int k = 0; k < fam->children; k++) {
			const struct demo_child *c = &d->children[fam->first_child + k];
			for (size_t j = 0; j < ARRAY_LEN(consent_kinds); j++) {
				struct store_stmt *st = store_stmt(d->s, STMT_CONSENT_INSERT);
				int rc;
				store_bind_int(st, 1, d->who.setting_id);
				store_bind_int(st, 2, c->id);
				store_bind_text(st, 3, consent_kinds[j].kind);
				store_bind_int(st, 4,
				               rng_percent(&d->rng, consent_kinds[j].percent));
				store_bind_int(st, 5, fam->parent_contact);
				store_bind_text(st, 6, text_day(d, c->start_date));
				store_bind_text(st, 7, "on the registration form");
				if ((rc = store_run(st)) != STORE_OK)
					return op_store_fail(e, d->s, rc, "adding a consent");
			}
		}
	}
	return 0;
}

static const struct {
	const char *reason, *note;
	int days;    /* 1, or the whole week */
	int per;     /* one per this many staff */
	int planned; /* known ahead, so the rota has cover */
} kinds_of_leave[] = {
    {"sick", "phoned in at 06:45 with a sickness bug", 1, 15, 0},
    {"holiday", "annual leave (booked in January)", 5, 15, 1},
    {"training", "paediatric first aid refresher, all day", 1, 30, 1},
};

static int absent_on(const struct demo *d, int staff, int day)
{
	for (int k = 0; k < d->nabsences; k++)
		if (d->absences[k].staff == staff && d->absences[k].from <= day &&
		    day <= d->absences[k].to)
			return 1;
	return 0;
}

/* room_faults of room r on a day of the rota, absences counted. */
static int day_faults(const struct demo *d, int day, int r)
{
	struct duty *duty = xcalloc((size_t)d->nrota + 1, sizeof *duty);
	int n = 0, f;
	for (int i = 0; i < d->nrota; i++) {
		const struct demo_shift *sh = &d->rota[i];
		if (sh->day == day && sh->room == r && !absent_on(d, sh->staff, day))
			duty[n++] =
			    (struct duty){sh->start, sh->end, level_of(&d->staff[sh->staff])};
	}
	f = room_faults(d, r, date_weekday(day), duty, n);
	free(duty);
	return f;
}

static int shift_of(const struct demo *d, int staff, int day)
{
	for (int i = 0; i < d->nrota; i++)
		if (d->rota[i].staff == staff && d->rota[i].day == day)
			return i;
	return -1;
}

static void push_shift(struct demo *d, struct demo_shift sh, int *cap)
{
	if (d->nrota == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		d->rota = xrealloc(d->rota, (size_t)*cap * sizeof *d->rota);
	}
	d->rota[d->nrota++] = sh;
}

/* The fortnight's rota from each contract, with the small changes of a
 * real week (a swapped shift, an early finish, a late start) where the
 * room stays in ratio. */
static void plan_rota(struct demo *d, int *cap)
{
	for (int day = d->monday; day < d->monday + 12; day++) {
		int wd = date_weekday(day), first = d->nrota;
		if (wd >= WEEKDAYS)
			continue;
		for (int i = 0; i < d->nstaff; i++)
			if (d->staff[i].end[wd])
				push_shift(d,
				           (struct demo_shift){i, day, d->staff[i].start[wd],
				                               d->staff[i].end[wd],
				                               d->staff[i].room},
				           cap);
		for (int k = first; k < d->nrota; k++) {
			struct demo_shift *sh = &d->rota[k], was = *sh;
			int roll = rng_range(&d->rng, 0, 99);
			if (roll < 3 && sh->start == shifts[SH_EARLY].start &&
			    sh->end == shifts[SH_EARLY].end) {
				sh->start = shifts[SH_LATE].start; /* swapped with a colleague */
				sh->end = shifts[SH_LATE].end;
			} else if (roll < 3 && sh->start == shifts[SH_LATE].start &&
			           sh->end == shifts[SH_LATE].end) {
				sh->start = shifts[SH_EARLY].start;
				sh->end = shifts[SH_EARLY].end;
			} else if (roll >= 3 && roll < 9 && sh->end - 30 > sh->start + 120) {
				sh->end -= 30; /* an appointment after work */
			} else if (roll >= 9 && roll < 13 && sh->start + 30 < sh->end - 120) {
				sh->start += 30;
			}
			if (day_faults(d, day, sh->room) > 0)
				*sh = was;
			assert(sh->start >= OPENS && sh->end <= CLOSES && sh->start < sh->end);
		}
	}
}

/* A key person working on day who is not taken yet, or -1; with
 * make_gap, one whose absence takes their room out of ratio if there is
 * one (the sick day the manager could not plan for). */
static int absentee(struct demo *d, int day, const int *taken, int make_gap)
{
	int from = rng_range(&d->rng, 0, d->nstaff - 1), found = -1;
	for (int k = 0; k < d->nstaff; k++) {
		int i = (from + k) % d->nstaff, sh = shift_of(d, i, day), gap;
		const struct demo_person *p = &d->staff[i];
		if (taken[i] || !p->key_person || p->primaries == 0 || sh < 0 || p->dsl)
			continue;
		if (!make_gap)
			return i;
		d->absences[d->nabsences] = (struct demo_absence){i, day, day, 0};
		d->nabsences++;
		gap = day_faults(d, day, d->rota[sh].room) > 0;
		d->nabsences--;
		if (gap)
			return i;
		if (found < 0)
			found = i;
	}
	return found;
}

/* Bring room r back into ratio on day, one shift at a time, each time the
 * change that helps most: a shift for someone off that day, a floating
 * buddy or someone from a room that stays in ratio moved in, or another
 * shift for someone already there; on a tie a floating buddy first, then
 * the room's own staff. Used after the weekly pattern (rooms short on
 * their own borrow from rooms with a spare pair of hands) and for the
 * cover of planned absences; the absent stay off. */
static void repair_day(struct demo *d, int day, int r, int *cap)
{
	int f;
	while ((f = day_faults(d, day, r)) > 0) {
		int best = -1, best_f = f, best_rank = 0;
		struct demo_shift best_shift = {0};
		for (int i = 0; i < d->nstaff; i++) {
			const struct demo_person *p = &d->staff[i];
			int mine = shift_of(d, i, day);
			if (absent_on(d, i, day) || p->dsl)
				continue;
			for (int k = 0; k < SH__MAX; k++) {
				struct demo_shift want = {i, day, shifts[k].start, shifts[k].end,
				                          r};
				int nf, rank;
				if (!p->part_time && k > SH_LATE2)
					continue;
				rank = p->place < 0 ? 0 : p->room == r ? 1 : 2;
				if (mine >= 0) {
					struct demo_shift was = d->rota[mine];
					int before =
					    was.room != r ? day_faults(d, day, was.room) : 0;
					d->rota[mine] = want;
					nf = day_faults(d, day, r);
					if (was.room != r && day_faults(d, day, was.room) > before)
						nf = f;
					d->rota[mine] = was;
					rank += 3;
				} else {
					push_shift(d, want, cap);
					nf = day_faults(d, day, r);
					d->nrota--;
				}
				if (nf < best_f ||
				    (nf == best_f && best >= 0 && rank < best_rank)) {
					best = i;
					best_f = nf;
					best_rank = rank;
					best_shift = want;
				}
			}
		}
		if (best < 0)
			return; /* nobody can help: the gap stays */
		if (shift_of(d, best, day) >= 0)
			d->rota[shift_of(d, best, day)] = best_shift;
		else
			push_shift(d, best_shift, cap);
	}
}

/* A sick day in week 1 (on the start day when it is a weekday, so that
 * today's view shows a buddy taking over, and chosen so that the ratio
 * pages have a true gap to show), a week's holiday in week 2, and a
 * training day on the Wednesday of week 2, both with cover on the rota. */
static void plan_absences(struct demo *d, int start, int *cap)
{
	int *taken = xcalloc((size_t)d->nstaff, sizeof *taken);
	int sick_day = date_weekday(start) < WEEKDAYS ? start : d->monday + 4;
	for (size_t k = 0; k < ARRAY_LEN(kinds_of_leave); k++) {
		int first = k == 0 ? sick_day : k == 1 ? d->monday + 7 : d->monday + 9;
		int n =
		    d->nstaff / kinds_of_leave[k].per < 1 ? 1 : d->nstaff / kinds_of_leave[k].per;
		for (int j = 0; j < n && d->nabsences < (int)ARRAY_LEN(d->absences); j++) {
			int i = absentee(d, first, taken, !kinds_of_leave[k].planned && j == 0);
			if (i < 0)
				break;
			taken[i] = 1;
			d->absences[d->nabsences++] = (struct demo_absence){
			    i, first, first + kinds_of_leave[k].days - 1, (int)k};
			for (int day = first;
			     day < first + kinds_of_leave[k].days && kinds_of_leave[k].planned;
			     day++)
				for (int r = 0; r < d->nrooms; r++)
					repair_day(d, day, r, cap);
		}
	}
	free(taken);
}

static int write_rota(struct demo *d, int *count, struct op_error *e)
{
	for (int k = 0; k < d->nrota; k++) {
		const struct demo_shift *sh = &d->rota[k];
		const char *raw[SHIFT__MAX];
		struct field_value v[SHIFT__MAX];
		int64_t id;
		raw[SHIFT_STAFF] = d->staff[sh->staff].code;
		raw[SHIFT_DATE] = text_day(d, sh->day);
		raw[SHIFT_START] = text_time(d, sh->start);
		raw[SHIFT_END] = text_time(d, sh->end);
		raw[SHIFT_ROOM] = d->rooms[sh->room].name;
		if (validate(d, core_shift_fields, SHIFT__MAX, raw, v, e) ||
		    core_shift_add(d->s, &d->who, v, &id, e))
			return -1;
		(*count)++;
	}
	return 0;
}

static int write_absences(struct demo *d, int *count, struct op_error *e)
{
	for (int k = 0; k < d->nabsences; k++) {
		const struct demo_absence *a = &d->absences[k];
		const char *raw[ABSENCE__MAX];
		struct field_value v[ABSENCE__MAX];
		int64_t id;
		raw[ABSENCE_STAFF] = d->staff[a->staff].code;
		raw[ABSENCE_FROM] = text_day(d, a->from);
		raw[ABSENCE_TO] = text_day(d, a->to);
		raw[ABSENCE_REASON] = kinds_of_leave[a->kind].reason;
		raw[ABSENCE_NOTE] = kinds_of_leave[a->kind].note;
		if (validate(d, core_absence_fields, ABSENCE__MAX, raw, v, e) ||
		    core_absence_add(d->s, &d->who, v, &id, e))
			return -1;
		(*count)++;
	}
	return 0;
}

int core_demo_load(struct store *s, const struct demo_options *o, struct demo_summary *sum,
                   struct op_error *e)
{
	struct demo d;
	struct store_stmt *st;
	int64_t settings = -1;
	int ret = -1, rota_cap = 0;

	if (core_demo_check(o, e))
		return -1;
	st = store_stmt(s, STMT_SETTING_COUNT);
	if (store_step(st) == STORE_ROW)
		settings = store_col_int(st, 0);
	store_finish(st);
	if (settings != 0 && !o->another)
		return op_fail(e, OP_CONFLICT, "",
		               "the database already holds a setting; "
		               "the demo goes only into a new or empty one");

	memset(&d, 0, sizeof d);
	memset(sum, 0, sizeof *sum);
	d.s = s;
	d.rng.state = DEMO_SEED;
	arena_init(&d.a);
	d.monday = o->start - date_weekday(o->start);
	plan_rooms(&d, o->children);
	plan_children(&d, o->children);
	plan_needs(&d);
	plan_staff(&d, o->staff);
	plan_schedule(&d);
	plan_key_people(&d);
	plan_rota(&d, &rota_cap);
	for (int day = d.monday; day < d.monday + 12; day++)
		for (int r = 0; r < d.nrooms && date_weekday(day) < WEEKDAYS; r++)
			repair_day(&d, day, r, &rota_cap);
	plan_absences(&d, o->start, &rota_cap);

	if (core_setting_create(s, o->setting_name ? o->setting_name : "Sunflower Day Nursery",
	                        "nursery", &sum->setting_id, e))
		goto out;
	d.who.setting_id = sum->setting_id;
	d.who.name = "kw demo";
	d.who.ip = "";
	if (write_rooms(&d, e) || write_staff(&d, e) || write_children(&d, e) ||
	    write_families(&d, &sum->contacts, e) || write_rota(&d, &sum->shifts, e) ||
	    write_absences(&d, &sum->absences, e) || core_ratio_demo(s, &d.who, e) ||
	    core_concern_demo(s, &d.who, d.monday, e) || core_diary_demo(s, &d.who, o->start, e))
		goto out;
	if (core_portal_demo(s, &d.who, o->start, e))
		goto out;
	if (core_observation_demo(s, &d.who, o->start, e))
		goto out;
	if (core_sen_demo(s, &d.who, o->start, e)) /* SEN, behaviour, supervision */
		goto out;
	if (core_portal_settling_demo(s, &d.who, e))
		goto out;
	if (core_medicine_demo(s, &d.who, o->start, e)) /* medicines (core_medicine.c) */
		goto out;
	if (core_accident_demo(s, &d.who, o->start, e)) /* accidents and injuries (issue 8) */
		goto out;
	if (core_contract_demo(s, &d.who, o->start, e)) /* contracts, funding, feedback */
		goto out;
	if (core_welfare_demo(s, &d.who, o->start, e) ||
	    core_allegation_demo(s, &d.who, o->start, e))
		goto out; /* welfare patterns, an allegation against staff */
	if (core_menu_demo(s, &d.who, o->start, e) || core_family_demo(s, &d.who, o->start, e))
		goto out;
	if (core_policy_demo(s, &d.who, o->start, e)) /* issue 9: policies and notices */
		goto out;
	sum->rooms = d.nrooms;
	sum->children = d.nchildren;
	sum->families = d.nfamilies;
	sum->staff = d.nstaff;
	sum->first_day = d.monday;
	sum->last_day = d.monday + 11;
	ret = audit_write(s, &d.who, "demo.load", "setting", sum->setting_id, 0,
	                  arena_printf(&d.a,
	                               "%d rooms, %d children, %d staff, %d shifts, %d absences "
	                               "(rota from %s)",
	                               d.nrooms, d.nchildren, d.nstaff, sum->shifts, sum->absences,
	                               text_day(&d, d.monday)),
	                  e);
out:
	free(d.rooms);
	free(d.staff);
	free(d.children);
	free(d.families);
	free(d.need);
	free(d.rota);
	arena_free(&d.a);
	return ret;
}
