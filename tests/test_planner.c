/*
 * test_planner.c — the key-group planner against its contract
 * (../shared/planner/SPEC.md): exact scores of every shared vector, the
 * reference optima, malformed input naming id and key, infeasible
 * instances naming room and rule, properties on generated instances
 * (never worse than a valid current plan, locked children keep theirs,
 * bound never above total, determinism), and `kw plan` exit statuses.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planner/planner.h"
#include "support.h"

static json_t *load_shared(const char *rel)
{
	char *path = t_shared(rel);
	json_t *j = json_load_file(path, 0, NULL);
	free(path);
	return j;
}

static int rel_close(double a, double b, double tol)
{
	return fabs(a - b) <= tol * fmax(1.0, fabs(a));
}

static json_t *solve(const json_t *in, uint64_t seed, double limit)
{
	struct planner_options opt = {.time_limit_s = limit, .seed = seed};
	json_t *out = NULL;
	char err[256] = "";
	int rc = planner_solve_json(in, &opt, &out, err, sizeof err);
	if (rc != 0)
		fail_msg("unexpected error: %s", err);
	return out;
}

static double total_of(const json_t *res)
{
	return json_number_value(json_object_get(json_object_get(res, "score"), "total"));
}

/* Every component and `valid` of every vector, to 1e-6. */
static void test_vectors_scored_exactly(void **state)
{
	char *dir = t_shared("planner/vectors");
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0, checked = 0;
	(void)state;
	assert_non_null(d);
	while ((e = readdir(d))) {
		char rel[512];
		json_t *in, *vs, *v;
		size_t k;
		if (!strstr(e->d_name, ".json"))
			continue;
		snprintf(rel, sizeof rel, "planner/instances/%s", e->d_name);
		in = load_shared(rel);
		snprintf(rel, sizeof rel, "planner/vectors/%s", e->d_name);
		vs = load_shared(rel);
		assert_non_null(in);
		assert_non_null(vs);
		files++;
		json_array_foreach (vs, k, v) {
			json_t *score, *x;
			const char *key;
			int valid = -1;
			char err[256];
			assert_int_equal(planner_score_json(in, json_object_get(v, "assignments"),
			                                    &score, &valid, err, sizeof err),
			                 0);
			json_object_foreach (json_object_get(v, "score"), key, x) {
				json_t *got = json_object_get(score, key);
				assert_non_null(got);
				if (!rel_close(json_number_value(x), json_number_value(got), 1e-6))
					fail_msg("%s #%zu %s: want %.6f got %.6f", e->d_name, k,
					         key, json_number_value(x), json_number_value(got));
			}
			assert_int_equal(valid, json_is_true(json_object_get(v, "valid")));
			json_decref(score);
			checked++;
		}
		json_decref(in);
		json_decref(vs);
	}
	closedir(d);
	free(dir);
	assert_true(files >= 12);
	assert_true(checked >= 36);
}

/* The result's plan is valid and its score is what the scorer says. */
static void check_result_consistent(const json_t *in, const json_t *res)
{
	json_t *score;
	int valid;
	char err[256];
	const char *key;
	json_t *x;
	assert_int_equal(planner_score_json(in, json_object_get(res, "assignments"), &score, &valid,
	                                    err, sizeof err),
	                 0);
	assert_int_equal(valid, 1);
	json_object_foreach (score, key, x) {
		assert_true(rel_close(
		    json_number_value(x),
		    json_number_value(json_object_get(json_object_get(res, "score"), key)), 1e-9));
	}
	json_decref(score);
	if (json_is_number(json_object_get(res, "bound")))
		assert_true(json_number_value(json_object_get(res, "bound")) <=
		            total_of(res) + 1e-6 * fmax(1, total_of(res)));
}

/* Reaches the proved optimum of every instance in optima.json (and at
 * least the best-known total where unproved), and proves it itself where
 * the reference is proved; "optimal" only with a bound that meets the
 * total. */
static void test_reference_optima_reached(void **state)
{
	json_t *optima = load_shared("planner/optima.json"), *ref;
	const char *name;
	int n = 0, misses = 0, unproved = 0;
	(void)state;
	assert_non_null(optima);
	json_object_foreach (optima, name, ref) {
		char rel[512];
		json_t *in, *res;
		double want = json_number_value(json_object_get(ref, "total")), got;
		snprintf(rel, sizeof rel, "planner/instances/%s.json", name);
		in = load_shared(rel);
		assert_non_null(in);
		res = solve(in, 1, 0);
		got = total_of(res);
		check_result_consistent(in, res);
		if (got > want + 1e-6 * want) {
			print_message("%s: total %.4f, reference %.4f\n", name, got, want);
			misses++;
		}
		if (strcmp(json_string_value(json_object_get(res, "status")), "optimal") == 0)
			assert_true(json_number_value(json_object_get(res, "bound")) >=
			            got - 1e-6 * got);
		else if (json_is_true(json_object_get(ref, "proved"))) {
			print_message("%s: %s, not proved (bound %.4f)\n", name,
			              json_string_value(json_object_get(res, "status")),
			              json_number_value(json_object_get(res, "bound")));
			unproved++;
		}
		json_decref(res);
		json_decref(in);
		n++;
	}
	json_decref(optima);
	assert_int_equal(n, 12);
	assert_int_equal(misses, 0);
	assert_int_equal(unproved, 0);
}

static void test_seed_eight_and_eight_proved_optimal(void **state)
{
	json_t *in = load_shared("planner/instances/seed-eight-and-eight.json"), *res;
	(void)state;
	res = solve(in, 7, 0);
	assert_true(rel_close(total_of(res), 43456.3144, 1e-6));
	assert_string_equal(json_string_value(json_object_get(res, "status")), "optimal");
	json_decref(res);
	json_decref(in);
}

static void test_same_seed_same_plan(void **state)
{
	json_t *in = load_shared("planner/instances/gen-060-s2.json"), *a, *b;
	(void)state;
	a = solve(in, 42, 0);
	b = solve(in, 42, 0);
	assert_true(
	    json_equal(json_object_get(a, "assignments"), json_object_get(b, "assignments")));
	json_decref(a);
	json_decref(b);
	json_decref(in);
}

/* --- malformed input ---------------------------------------------------- */

#define STAFF_OK                                                                        \
	"{\"id\":\"s1\",\"rooms\":[\"r\"],\"shifts\":{\"mon\":[\"08:00\",\"16:00\"]}}," \
	"{\"id\":\"s2\",\"rooms\":[\"r\"],\"shifts\":{\"mon\":[\"08:00\",\"16:00\"]}}"
#define CHILD_OK "{\"id\":\"c1\",\"room\":\"r\",\"attends\":{\"mon\":[\"09:00\",\"15:00\"]}}"

static const struct malformed_case {
	const char *json;
	const char *expect[2]; /* substrings of the error */
} malformed[] = {
    {"[]", {"object", NULL}},
    {"{\"staff\":{},\"children\":[]}", {"staff", NULL}},
    {"{\"staff\":[],\"children\":7}", {"children", NULL}},
    {"{\"format\":\"other/2\",\"staff\":[],\"children\":[]}", {"format", NULL}},
    {"{\"staff\":[{\"rooms\":[\"r\"]}],\"children\":[]}", {"staff[0]", "id"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[]}],\"children\":[]}", {"s1", "rooms"}},
    {"{\"staff\":[{\"id\":\"s1\"}],\"children\":[]}", {"s1", "rooms"}},
    {"{\"staff\":[" STAFF_OK ",{\"id\":\"s1\",\"rooms\":[\"r\"]}],\"children\":[]}",
     {"s1", "duplicate"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"shifts\":{\"mon\":[\"25:00\",\"26:00\"]}}],"
     "\"children\":[]}",
     {"s1", "shifts.mon"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"shifts\":{\"mon\":[\"10:00\",\"09:00\"]}}],"
     "\"children\":[]}",
     {"s1", "shifts.mon"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"shifts\":{\"mon\":[\"10:00\",\"10:00\"]}}],"
     "\"children\":[]}",
     {"s1", "start must be before end"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"shifts\":{\"xyz\":null}}],\"children\":[]}",
     {"s1", "shifts.xyz"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"shifts\":{\"mon\":[\"9:00\",\"10:00\"]}}],"
     "\"children\":[]}",
     {"s1", "shifts.mon"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"max_primary\":-1}],\"children\":[]}",
     {"s1", "max_primary"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"max_secondary\":1e300}],\"children\":[]}",
     {"s1", "max_secondary"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"key_person\":\"yes\"}],\"children\":[]}",
     {"s1", "key_person"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"languages\":\"pl\"}],\"children\":[]}",
     {"s1", "languages"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"experience_months\":2.5}],\"children\":[]}",
     {"s1", "experience_months"}},
    {"{\"staff\":[{\"id\":\"s1\",\"rooms\":[\"r\"],\"target_primary\":\"x\"}],\"children\":[]}",
     {"s1", "target_primary"}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[{\"id\":\"c1\",\"room\":\"r\"}]}", {"c1", "attends"}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[{\"id\":\"c1\",\"attends\":{}}]}", {"c1", "room"}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[" CHILD_OK "," CHILD_OK "]}", {"c1", "duplicate"}},
    {"{\"staff\":[" STAFF_OK
     "],\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{\"tue\":[\"09:00\"]}}]}",
     {"c1", "attends.tue"}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{},"
     "\"current\":{\"primary\":\"nobody\",\"secondary\":\"s2\"}}]}",
     {"c1", "current.primary"}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{},"
     "\"current\":{\"primary\":\"s1\",\"secondary\":7}}]}",
     {"c1", "current.secondary"}},
    {"{\"staff\":[" STAFF_OK
     "],\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{},\"locked\":true}]}",
     {"c1", "locked"}},
    {"{\"staff\":[" STAFF_OK
     "],\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{},\"siblings\":[\"c9\"]}]}",
     {"c1", "siblings"}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[],\"pairs\":[[\"s1\",\"zz\"]]}", {"pairs[0]", "zz"}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[],\"pairs\":[[\"s1\"]]}", {"pairs[0]", NULL}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[],\"weights\":{\"uncovered_event\":\"big\"}}",
     {"weights.uncovered_event", NULL}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[],\"junior_months\":-3}", {"junior_months", NULL}},
    {"{\"staff\":[" STAFF_OK "],\"children\":[null]}", {"children[0]", NULL}},
};

static void test_malformed_input_names_id_and_key(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
		json_error_t je;
		json_t *in = json_loads(malformed[i].json, 0, &je), *out = NULL, *score = NULL,
		       *none;
		char err[512] = "";
		int k, valid;
		struct planner_options opt = {0, 1};
		if (!in)
			fail_msg("case %zu is not JSON: %s", i, je.text);
		if (planner_solve_json(in, &opt, &out, err, sizeof err) != -1)
			fail_msg("case %zu accepted: %s", i, malformed[i].json);
		assert_null(out);
		for (k = 0; k < 2; k++)
			if (malformed[i].expect[k] && !strstr(err, malformed[i].expect[k]))
				fail_msg("case %zu: error \"%s\" lacks \"%s\"", i, err,
				         malformed[i].expect[k]);
		none = json_array();
		assert_int_equal(planner_score_json(in, none, &score, &valid, err, sizeof err), -1);
		json_decref(none);
		json_decref(in);
	}
}

/* Any JSON value at all: an error or a result, never a crash. */
static void test_any_json_value_is_handled(void **state)
{
	static const char *const values[] = {
	    "null",
	    "0",
	    "\"x\"",
	    "[1,2]",
	    "{}",
	    "{\"staff\":[],\"children\":[]}",
	    "{\"staff\":[null],\"children\":[]}",
	    "{\"staff\":[{\"id\":5}],\"children\":[]}",
	    "{\"staff\":[{\"id\":\"a\",\"rooms\":[null]}],\"children\":[]}",
	    "{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"],\"shifts\":[]}],\"children\":[]}",
	    "{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"]}],\"children\":[{\"id\":\"c\",\"room\":"
	    "\"r\",\"attends\":null}]}",
	    "{\"staff\":[],\"children\":[{\"id\":\"c\",\"room\":\"r\",\"attends\":null,"
	    "\"siblings\":[\"c\"]}]}",
	    "{\"staff\":[],\"children\":[],\"pairs\":[]}",
	    "{\"staff\":[],\"children\":[],\"weights\":[]}",
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		json_t *in = json_loads(values[i], JSON_DECODE_ANY, NULL), *out = NULL;
		char err[256];
		struct planner_options opt = {0, 1};
		assert_non_null(in);
		if (planner_solve_json(in, &opt, &out, err, sizeof err) == 0) {
			assert_non_null(json_object_get(out, "status"));
			json_decref(out);
		} else {
			assert_true(strlen(err) > 0);
		}
		json_decref(in);
	}
}

/* --- infeasible --------------------------------------------------------- */

static const struct infeasible_case {
	const char *json;
	const char *room, *rule;
} infeasible[] = {
    /* no key person serves the child's room */
    {"{\"staff\":[{\"id\":\"a\",\"rooms\":[\"baby\"]},{\"id\":\"b\",\"rooms\":[\"baby\"]}],"
     "\"children\":[{\"id\":\"c\",\"room\":\"toddler\",\"attends\":{}}]}",
     "toddler", "no staff"},
    {"{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"],\"key_person\":false},{\"id\":\"b\",\"rooms\":["
     "\"r\"],\"key_person\":false}],"
     "\"children\":[{\"id\":\"c\",\"room\":\"r\",\"attends\":{}}]}",
     "\"r\"", "key person"},
    /* one person alone cannot be primary and secondary */
    {"{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"]}],\"children\":[{\"id\":\"c\",\"room\":\"r\","
     "\"attends\":{}}]}",
     "\"r\"", "secondary"},
    /* caps: two children, but only one primary place between a and b */
    {"{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"],\"max_primary\":1},{\"id\":\"b\",\"rooms\":["
     "\"r\"],\"max_primary\":0}],"
     "\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{}},{\"id\":\"c2\",\"room\":\"r\","
     "\"attends\":{}}]}",
     "\"r\"", "max_primary"},
    {"{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"],\"max_secondary\":1},{\"id\":\"b\",\"rooms\":["
     "\"r\"],\"max_secondary\":0},"
     "{\"id\":\"x\",\"rooms\":[\"q\"]}],"
     "\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{}},{\"id\":\"c2\",\"room\":\"r\","
     "\"attends\":{}}]}",
     "\"r\"", "max_secondary"},
    /* pair rule: the only fixed pair works in another room */
    {"{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"]},{\"id\":\"b\",\"rooms\":[\"r\"]},{\"id\":\"x\","
     "\"rooms\":[\"q\"]},"
     "{\"id\":\"y\",\"rooms\":[\"q\"]}],\"pairs\":[[\"x\",\"y\"]],"
     "\"children\":[{\"id\":\"c\",\"room\":\"r\",\"attends\":{}}]}",
     "\"r\"", "pair"},
    /* locked children over a cap */
    {"{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"],\"max_primary\":1},{\"id\":\"b\",\"rooms\":["
     "\"r\"]}],"
     "\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{},\"locked\":true,\"current\":{"
     "\"primary\":\"a\",\"secondary\":\"b\"}},"
     "{\"id\":\"c2\",\"room\":\"r\",\"attends\":{},\"locked\":true,\"current\":{\"primary\":\"a\","
     "\"secondary\":\"b\"}}]}",
     "\"r\"", "locked"},
    /* locked to a pair not eligible in the room */
    {"{\"staff\":[{\"id\":\"a\",\"rooms\":[\"r\"]},{\"id\":\"b\",\"rooms\":[\"q\"]},{\"id\":\"z\","
     "\"rooms\":[\"r\"]}],"
     "\"children\":[{\"id\":\"c1\",\"room\":\"r\",\"attends\":{},\"locked\":true,\"current\":{"
     "\"primary\":\"a\",\"secondary\":\"b\"}}]}",
     "\"r\"", "locked"},
};

static void test_infeasible_names_room_and_rule(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof infeasible / sizeof infeasible[0]; i++) {
		json_t *in = json_loads(infeasible[i].json, 0, NULL), *res;
		const char *reason;
		assert_non_null(in);
		res = solve(in, 1, 0);
		assert_string_equal(json_string_value(json_object_get(res, "status")),
		                    "infeasible");
		assert_int_equal(json_array_size(json_object_get(res, "assignments")), 0);
		assert_true(json_is_null(json_object_get(res, "score")));
		reason = json_string_value(json_object_get(res, "reason"));
		assert_non_null(reason);
		if (!strstr(reason, infeasible[i].room) || !strstr(reason, infeasible[i].rule))
			fail_msg("case %zu: reason \"%s\" lacks %s / %s", i, reason,
			         infeasible[i].room, infeasible[i].rule);
		json_decref(res);
		json_decref(in);
	}
}

static void test_empty_children_is_trivially_optimal(void **state)
{
	json_t *in = json_loads("{\"staff\":[" STAFF_OK "],\"children\":[]}", 0, NULL), *res;
	(void)state;
	res = solve(in, 1, 0);
	assert_string_equal(json_string_value(json_object_get(res, "status")), "optimal");
	assert_int_equal(json_array_size(json_object_get(res, "assignments")), 0);
	json_decref(res);
	json_decref(in);
}

/* --- generated instances ------------------------------------------------ */

static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static json_t *time_pair(int a, int b)
{
	char x[16], y[16];
	snprintf(x, sizeof x, "%02d:%02d", a / 60, a % 60);
	snprintf(y, sizeof y, "%02d:%02d", b / 60, b % 60);
	return json_pack("[ss]", x, y);
}

/* A random setting with a valid current plan for every child (within caps)
 * and some locked children. */
static json_t *generate(uint64_t seed, int nstaff, int nchildren, int with_pairs)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri"};
	static const char *const langs[] = {"en", "pl", "ur"};
	json_t *in = json_object(), *staff = json_array(), *children = json_array();
	int *lp = calloc((size_t)nstaff, sizeof *lp), *ls = calloc((size_t)nstaff, sizeof *ls);
	int i, d;
	uint64_t s = seed * 2654435761u + 1;
	json_object_set_new(in, "format", json_string("keyworker-plan/1"));
	for (i = 0; i < nstaff; i++) {
		json_t *o = json_object(), *sh = json_object();
		char id[16];
		snprintf(id, sizeof id, "s%d", i);
		json_object_set_new(o, "id", json_string(id));
		json_object_set_new(o, "rooms", json_pack("[s]", "r"));
		json_object_set_new(o, "experience_months",
		                    json_integer((json_int_t)(rng_next(&s) % 60)));
		json_object_set_new(o, "sen_trained", json_boolean(rng_next(&s) % 3 == 0));
		json_object_set_new(o, "max_primary", json_integer(nchildren / nstaff + 2));
		json_object_set_new(o, "max_secondary", json_integer(nchildren / nstaff + 2));
		if (rng_next(&s) % 3 == 0)
			json_object_set_new(o, "languages",
			                    json_pack("[s]", langs[1 + rng_next(&s) % 2]));
		for (d = 0; d < 5; d++)
			if (rng_next(&s) % 5) {
				int a = 450 + (int)(rng_next(&s) % 5) * 60;
				json_object_set_new(
				    sh, days[d],
				    time_pair(a, a + 360 + (int)(rng_next(&s) % 3) * 60));
			}
		json_object_set_new(o, "shifts", sh);
		json_array_append_new(staff, o);
	}
	if (with_pairs) {
		json_t *pairs = json_array();
		for (i = 0; i + 1 < nstaff; i += 2) {
			char a[16], b[16];
			snprintf(a, sizeof a, "s%d", i);
			snprintf(b, sizeof b, "s%d", i + 1);
			json_array_append_new(pairs, json_pack("[ss]", a, b));
		}
		json_object_set_new(in, "pairs", pairs);
	}
	for (i = 0; i < nchildren; i++) {
		json_t *o = json_object(), *at = json_object();
		char id[16], p[16], q[16];
		int cp, cs;
		snprintf(id, sizeof id, "c%d", i);
		json_object_set_new(o, "id", json_string(id));
		json_object_set_new(o, "room", json_string("r"));
		json_object_set_new(o, "home_language", json_string(langs[rng_next(&s) % 3]));
		json_object_set_new(o, "sen", json_boolean(rng_next(&s) % 6 == 0));
		for (d = 0; d < 5; d++)
			if (rng_next(&s) % 4) {
				int a = 465 + (int)(rng_next(&s) % 8) * 30;
				json_object_set_new(
				    at, days[d],
				    time_pair(a, a + 180 + (int)(rng_next(&s) % 10) * 30));
			}
		json_object_set_new(o, "attends", at);
		if (i > 0 && rng_next(&s) % 8 == 0) {
			char sib[16];
			snprintf(sib, sizeof sib, "c%d", i - 1);
			json_object_set_new(o, "siblings", json_pack("[s]", sib));
		}
		/* a current plan within caps */
		do {
			if (with_pairs) {
				cp = (int)(rng_next(&s) % (uint64_t)(nstaff / 2)) * 2;
				cs = cp + 1;
				if (rng_next(&s) % 2) {
					int t = cp;
					cp = cs;
					cs = t;
				}
			} else {
				cp = (int)(rng_next(&s) % (uint64_t)nstaff);
				cs = (int)(rng_next(&s) % (uint64_t)nstaff);
			}
		} while (cp == cs || lp[cp] >= nchildren / nstaff + 2 ||
		         ls[cs] >= nchildren / nstaff + 2);
		lp[cp]++;
		ls[cs]++;
		snprintf(p, sizeof p, "s%d", cp);
		snprintf(q, sizeof q, "s%d", cs);
		json_object_set_new(o, "current",
		                    json_pack("{ssss}", "primary", p, "secondary", q));
		if (rng_next(&s) % 7 == 0)
			json_object_set_new(o, "locked", json_true());
		json_array_append_new(children, o);
	}
	json_object_set_new(in, "staff", staff);
	json_object_set_new(in, "children", children);
	free(lp);
	free(ls);
	return in;
}

static json_t *current_assignment(const json_t *in)
{
	json_t *arr = json_array(), *c;
	size_t i;
	json_array_foreach (json_object_get(in, "children"), i, c) {
		json_t *cur = json_object_get(c, "current");
		json_array_append_new(arr,
		                      json_pack("{sOsOsO}", "child", json_object_get(c, "id"),
		                                "primary", json_object_get(cur, "primary"),
		                                "secondary", json_object_get(cur, "secondary")));
	}
	return arr;
}

static void test_generated_never_worse_than_current_and_locked_kept(void **state)
{
	int k;
	(void)state;
	for (k = 0; k < 24; k++) {
		json_t *in = generate((uint64_t)k + 1, 3 + k % 6, 6 + (k * 7) % 30, k % 4 == 3);
		json_t *cur = current_assignment(in), *score, *res, *c;
		int valid;
		char err[256];
		size_t i;
		assert_int_equal(planner_score_json(in, cur, &score, &valid, err, sizeof err), 0);
		assert_int_equal(valid, 1);
		res = solve(in, (uint64_t)k, 0);
		assert_string_not_equal(json_string_value(json_object_get(res, "status")),
		                        "infeasible");
		check_result_consistent(in, res);
		assert_true(total_of(res) <=
		            json_number_value(json_object_get(score, "total")) + 1e-6);
		json_array_foreach (json_object_get(in, "children"), i, c) {
			json_t *a = json_array_get(json_object_get(res, "assignments"), i);
			assert_string_equal(json_string_value(json_object_get(a, "child")),
			                    json_string_value(json_object_get(c, "id")));
			if (json_is_true(json_object_get(c, "locked"))) {
				json_t *cu = json_object_get(c, "current");
				assert_true(json_equal(json_object_get(a, "primary"),
				                       json_object_get(cu, "primary")));
				assert_true(json_equal(json_object_get(a, "secondary"),
				                       json_object_get(cu, "secondary")));
			}
		}
		json_decref(score);
		json_decref(res);
		json_decref(cur);
		json_decref(in);
	}
}

/* Small instances: the proved optimum equals exhaustive enumeration. */
static void test_small_generated_optimum_matches_enumeration(void **state)
{
	int k;
	(void)state;
	for (k = 0; k < 10; k++) {
		json_t *in = generate((uint64_t)k + 100, 3, 4 + k % 3, 0), *res, *arr,
		       *best_score = NULL;
		int n = (int)json_array_size(json_object_get(in, "children")), combos = 1, x, i;
		double best = INFINITY;
		/* unlock everything so enumeration covers all 6 pairs per child */
		for (i = 0; i < n; i++)
			json_object_del(json_array_get(json_object_get(in, "children"), (size_t)i),
			                "locked");
		for (i = 0; i < n; i++)
			combos *= 6;
		for (x = 0; x < combos; x++) {
			int code = x, valid;
			json_t *score;
			char err[256];
			arr = json_array();
			for (i = 0; i < n; i++) {
				static const int pp[6][2] = {{0, 1}, {0, 2}, {1, 0},
				                             {1, 2}, {2, 0}, {2, 1}};
				char cid[16], p[16], q[16];
				snprintf(cid, sizeof cid, "c%d", i);
				snprintf(p, sizeof p, "s%d", pp[code % 6][0]);
				snprintf(q, sizeof q, "s%d", pp[code % 6][1]);
				code /= 6;
				json_array_append_new(arr, json_pack("{ssssss}", "child", cid,
				                                     "primary", p, "secondary", q));
			}
			assert_int_equal(
			    planner_score_json(in, arr, &score, &valid, err, sizeof err), 0);
			if (valid && json_number_value(json_object_get(score, "total")) < best)
				best = json_number_value(json_object_get(score, "total"));
			json_decref(score);
			json_decref(arr);
		}
		(void)best_score;
		res = solve(in, 3, 0);
		assert_true(rel_close(total_of(res), best, 1e-9));
		assert_string_equal(json_string_value(json_object_get(res, "status")), "optimal");
		json_decref(res);
		json_decref(in);
	}
}

static void test_explain_reports_children_staff_and_uncovered(void **state)
{
	json_t *in = load_shared("planner/instances/seed-early-late.json"), *res;
	char *text;
	(void)state;
	res = solve(in, 1, 0);
	text = planner_explain(in, res);
	assert_non_null(strstr(text, "d1 "));
	assert_non_null(strstr(text, "fair share"));
	assert_non_null(strstr(text, "Uncovered events"));
	assert_non_null(strstr(text, "Could cover"));
	assert_non_null(strstr(text, " G: "));
	free(text);
	json_decref(res);
	json_decref(in);
}

static void test_kw_plan_exit_statuses(void **state)
{
	char *out = NULL, *err = NULL, *good, *bad, *junk;
	const char *bin = getenv("KW_BIN");
	(void)state;
	if (!bin || access(bin, X_OK) != 0)
		skip();
	good = t_shared("planner/instances/seed-floating-buddy.json");
	assert_int_equal(t_kw(NULL, &out, &err, "plan", good, "--seed", "3", NULL), 0);
	assert_non_null(strstr(out, "keyworker-plan-result/1"));
	free(out);
	free(err);
	assert_int_equal(t_kw(NULL, &out, &err, "plan", good, "--explain", NULL), 0);
	assert_non_null(strstr(out, "fair share"));
	free(out);
	free(err);
	bad = t_path("bad.json");
	assert_int_equal(
	    t_write_file(bad, "{\"staff\":[{\"id\":\"s1\",\"rooms\":[]}],\"children\":[]}"), 0);
	assert_int_equal(t_kw(NULL, &out, &err, "plan", bad, NULL), 1);
	assert_non_null(strstr(err, "s1"));
	assert_non_null(strstr(err, "rooms"));
	free(out);
	free(err);
	junk = t_path("junk.json");
	assert_int_equal(t_write_file(junk, "{\"staff\": [ {\"id\": "), 0);
	assert_int_equal(t_kw(NULL, &out, &err, "plan", junk, NULL), 1);
	free(out);
	free(err);
	assert_int_equal(t_kw(NULL, &out, &err, "plan", good, "--time-limit", "soon", NULL), 2);
	free(out);
	free(err);
	free(good);
	t_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vectors_scored_exactly),
	    cmocka_unit_test(test_malformed_input_names_id_and_key),
	    cmocka_unit_test(test_any_json_value_is_handled),
	    cmocka_unit_test(test_infeasible_names_room_and_rule),
	    cmocka_unit_test(test_empty_children_is_trivially_optimal),
	    cmocka_unit_test(test_seed_eight_and_eight_proved_optimal),
	    cmocka_unit_test(test_same_seed_same_plan),
	    cmocka_unit_test(test_generated_never_worse_than_current_and_locked_kept),
	    cmocka_unit_test(test_small_generated_optimum_matches_enumeration),
	    cmocka_unit_test(test_explain_reports_children_staff_and_uncovered),
	    cmocka_unit_test(test_kw_plan_exit_statuses),
	    cmocka_unit_test(test_reference_optima_reached),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
