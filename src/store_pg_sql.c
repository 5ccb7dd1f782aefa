/*
 * store_pg_sql.c — translation of keyworker's SQLite SQL into PostgreSQL's
 * dialect (store_pg_sql.h). One pass over the text that knows string
 * literals, quoted names and comments, so nothing inside them changes; a
 * stack of the ORDER BY clauses open at each depth of parentheses, so each
 * term can be given SQLite's order of NULLs; and a parser for the one shape
 * of trigger the schema uses. Words are mapped through a table.
 */
#include "store_pg_sql.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"

#define SQL_MAX (1u << 22)
#define MAX_ORDER 32

/* Words said differently (types and one aggregate). */
static const struct {
	const char *sqlite, *pg;
} words[] = {
    {"group_concat", "string_agg"},
    {"INTEGER", "BIGINT"},
    {"REAL", "DOUBLE PRECISION"},
    {"BLOB", "BYTEA"},
};

/* Words that end an ORDER BY clause at its own depth. */
static const char *const order_ends[] = {"LIMIT",     "OFFSET", "UNION", "EXCEPT",
                                         "INTERSECT", "FOR",    "WINDOW"};

struct order {
	int depth; /* of parentheses where ORDER BY stood */
	int nulls; /* the term says NULLS itself */
	int desc;  /* the term's last word so far is DESC */
	int any;   /* the term has begun */
};

#define MAX_DEPTH 64

/* Words after a subquery in FROM that are not its name. */
static const char *const not_alias[] = {
    "WHERE", "GROUP", "ORDER", "LIMIT",  "OFFSET",    "JOIN",   "LEFT",   "RIGHT", "INNER",
    "CROSS", "FULL",  "UNION", "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "ON",    "USING"};

struct tr {
	const char *p;
	struct buf out;
	int depth, nparams, ddl, failed;
	int after_from;                   /* the last word was FROM or JOIN */
	unsigned char derived[MAX_DEPTH]; /* the parenthesis at this depth is a subquery in FROM */
	int nderived;
	struct order ob[MAX_ORDER];
	int nob;
	char *err;
	size_t errlen;
};

static int word_char(int c)
{
	return isalnum(c) || c == '_';
}

static int word_is(const char *w, size_t n, const char *k)
{
	return strlen(k) == n && strncasecmp(w, k, n) == 0;
}

static void put(struct tr *t, const char *s, size_t n)
{
	if (buf_add(&t->out, s, n) != 0)
		t->failed = 1;
}

static void puts_(struct tr *t, const char *s)
{
	put(t, s, strlen(s));
}

static const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* The word at p (or none), its length in *n. */
static const char *word_at(const char *p, size_t *n)
{
	const char *q = p;
	while (word_char((unsigned char)*q))
		q++;
	*n = (size_t)(q - p);
	return p;
}

static struct order *order_here(struct tr *t)
{
	if (t->nob > 0 && t->ob[t->nob - 1].depth == t->depth)
		return &t->ob[t->nob - 1];
	return NULL;
}

/* A term of ORDER BY ends: give it SQLite's place for NULLs. */
static void end_term(struct tr *t, struct order *o)
{
	if (o->any && !o->nulls) {
		size_t len = t->out.len;
		int space = len > 0 && isspace((unsigned char)t->out.p[len - 1]);
		const char *s = o->desc ? "NULLS LAST" : "NULLS FIRST";
		if (!space)
			puts_(t, " ");
		puts_(t, s);
		if (space)
			puts_(t, " ");
	}
	o->any = o->nulls = o->desc = 0;
}

static void end_order(struct tr *t)
{
	end_term(t, &t->ob[t->nob - 1]);
	t->nob--;
}

/* A quoted literal or name, or a comment, copied as it is. */
static void copy_quoted(struct tr *t)
{
	const char *p = t->p;
	char q = *p;
	if (q == '-') {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		put(t, p, n);
		t->p = p + n;
		return;
	}
	p++;
	for (;;) {
		if (*p == '\0')
			break;
		if (*p == q) {
			if (p[1] == q) { /* '' inside a literal */
				p += 2;
				continue;
			}
			p++;
			break;
		}
		p++;
	}
	put(t, t->p, (size_t)(p - t->p));
	t->p = p;
}

static int fail(struct tr *t, const char *what)
{
	if (t->err)
		snprintf(t->err, t->errlen, "%s", what);
	t->failed = 1;
	return -1;
}

/* Expect the word k next (after spaces); move past it. */
static int expect_word(const char **p, const char *k)
{
	size_t n;
	const char *w = word_at(skip_space(*p), &n);
	if (!word_is(w, n, k))
		return -1;
	*p = w + n;
	return 0;
}

static int expect_char(const char **p, char c)
{
	const char *q = skip_space(*p);
	if (*q != c)
		return -1;
	*p = q + 1;
	return 0;
}

/* CREATE TRIGGER name BEFORE UPDATE|DELETE|INSERT ON table [WHEN cond]
 * BEGIN SELECT RAISE(ABORT, 'msg'); END;  — t->p is at CREATE. */
static int trigger(struct tr *t)
{
	const char *p = t->p, *name, *event, *table, *cond = NULL, *cond_end = NULL, *msg;
	size_t nname, nevent, ntable, nmsg, n;
	char head[2048];

	if (expect_word(&p, "CREATE") || expect_word(&p, "TRIGGER"))
		return fail(t, "not a trigger");
	name = word_at(skip_space(p), &nname);
	p = name + nname;
	if (nname == 0 || expect_word(&p, "BEFORE"))
		return fail(t, "a trigger other than BEFORE … has no PostgreSQL translation here");
	event = word_at(skip_space(p), &nevent);
	p = event + nevent;
	if (!word_is(event, nevent, "UPDATE") && !word_is(event, nevent, "DELETE") &&
	    !word_is(event, nevent, "INSERT"))
		return fail(t, "a trigger on an unknown event");
	if (word_is(event, nevent, "UPDATE")) { /* UPDATE OF a, b ON t: the columns kept */
		const char *q = p;
		if (expect_word(&q, "OF") == 0) {
			for (;;) {
				q = skip_space(q);
				if (*q == '\0')
					return fail(t, "a trigger's UPDATE OF without ON");
				if (word_char((unsigned char)*q)) {
					const char *w = word_at(q, &n);
					if (word_is(w, n, "ON"))
						break;
					q = w + n;
				} else {
					q++;
				}
			}
			nevent = (size_t)(q - event);
			while (nevent > 0 && isspace((unsigned char)event[nevent - 1]))
				nevent--;
			p = q;
		}
	}
	if (expect_word(&p, "ON"))
		return fail(t, "a trigger without ON");
	table = word_at(skip_space(p), &ntable);
	p = table + ntable;
	if (expect_word(&p, "WHEN") == 0) {
		int depth = 0;
		cond = p;
		for (;;) {
			if (*p == '\0')
				return fail(t, "a trigger's WHEN without BEGIN");
			if (*p == '\'') {
				const char *q = strchr(p + 1, '\'');
				if (!q)
					return fail(t, "an unfinished literal in a trigger");
				p = q + 1;
				continue;
			}
			if (*p == '(')
				depth++;
			else if (*p == ')')
				depth--;
			else if (depth == 0 && word_char((unsigned char)*p) &&
			         !word_char((unsigned char)p[-1])) {
				const char *w = word_at(p, &n);
				if (word_is(w, n, "BEGIN"))
					break;
				p = w + n;
				continue;
			}
			p++;
		}
		cond_end = p;
		cond = skip_space(cond);
		while (cond_end > cond && isspace((unsigned char)cond_end[-1]))
			cond_end--;
	}
	if (expect_word(&p, "BEGIN") || expect_word(&p, "SELECT") || expect_word(&p, "RAISE") ||
	    expect_char(&p, '(') || expect_word(&p, "ABORT") || expect_char(&p, ','))
		return fail(t, "a trigger body other than SELECT RAISE(ABORT, '…')");
	p = skip_space(p);
	if (*p != '\'')
		return fail(t, "a trigger's message is not a literal");
	msg = p;
	for (p++; *p && !(*p == '\'' && p[1] != '\''); p += (*p == '\'' ? 2 : 1))
		;
	if (*p != '\'')
		return fail(t, "an unfinished trigger message");
	p++;
	nmsg = (size_t)(p - msg);
	if (expect_char(&p, ')') || expect_char(&p, ';') || expect_word(&p, "END") ||
	    expect_char(&p, ';'))
		return fail(t, "a trigger body of more than one statement");

	snprintf(head, sizeof head,
	         "CREATE OR REPLACE FUNCTION kw_%.*s() RETURNS trigger LANGUAGE plpgsql AS $kw$ "
	         "BEGIN IF ",
	         (int)nname, name);
	puts_(t, head);
	if (cond)
		put(t, cond, (size_t)(cond_end - cond));
	else
		puts_(t, "TRUE");
	puts_(t, " THEN RAISE EXCEPTION USING ERRCODE = '23000', MESSAGE = ");
	put(t, msg, nmsg);
	snprintf(head, sizeof head,
	         "; END IF; RETURN %s; END $kw$;\nCREATE TRIGGER %.*s BEFORE %.*s ON %.*s "
	         "FOR EACH ROW EXECUTE FUNCTION kw_%.*s();",
	         strncasecmp(event, "DELETE", 6) == 0 ? "OLD" : "NEW", (int)nname, name,
	         (int)nevent, event, (int)ntable, table, (int)nname, name);
	puts_(t, head);
	t->p = p;
	return 0;
}

/* DROP TRIGGER [IF EXISTS] name;  — t->p is at DROP. PostgreSQL names a
 * trigger with its table, which SQLite's statement leaves out: the table is
 * looked up, and the trigger's function goes with it. */
static int drop_trigger(struct tr *t)
{
	const char *p = t->p, *name;
	size_t nname;
	char sql[1024];
	if (expect_word(&p, "DROP") || expect_word(&p, "TRIGGER"))
		return fail(t, "not a DROP TRIGGER");
	{
		const char *q = p;
		if (expect_word(&q, "IF") == 0 && expect_word(&q, "EXISTS") == 0)
			p = q;
	}
	name = word_at(skip_space(p), &nname);
	p = name + nname;
	if (nname == 0 || nname > 200 || expect_char(&p, ';'))
		return fail(t, "a DROP TRIGGER other than DROP TRIGGER name;");
	snprintf(sql, sizeof sql,
	         "DO $kw$ DECLARE r record; BEGIN FOR r IN SELECT DISTINCT event_object_table AS t "
	         "FROM information_schema.triggers WHERE trigger_schema = current_schema() AND "
	         "trigger_name = '%.*s' LOOP EXECUTE format('DROP TRIGGER %%I ON %%I', '%.*s', "
	         "r.t); END LOOP; END $kw$;\nDROP FUNCTION IF EXISTS kw_%.*s();",
	         (int)nname, name, (int)nname, name, (int)nname, name);
	puts_(t, sql);
	t->p = p;
	return 0;
}

/* A word of SQL at t->p (not inside a literal). */
static void word(struct tr *t)
{
	size_t n, n2;
	const char *w = word_at(t->p, &n);
	struct order *o = order_here(t);
	const char *mapped = NULL;

	if (o) {
		for (size_t i = 0; i < sizeof order_ends / sizeof order_ends[0]; i++)
			if (word_is(w, n, order_ends[i])) {
				end_order(t);
				o = NULL;
				break;
			}
	}
	if (word_is(w, n, "ORDER")) {
		const char *by = word_at(skip_space(w + n), &n2);
		if (word_is(by, n2, "BY") && t->nob < MAX_ORDER) {
			put(t, w, (size_t)(by + n2 - w));
			t->ob[t->nob++] = (struct order){.depth = t->depth};
			t->p = by + n2;
			return;
		}
	}
	if (t->ddl && (word_is(w, n, "CREATE") || word_is(w, n, "DROP"))) {
		const char *k = word_at(skip_space(w + n), &n2);
		if (word_is(k, n2, "TRIGGER")) {
			if (word_is(w, n, "CREATE"))
				trigger(t);
			else
				drop_trigger(t);
			return;
		}
	}
	if (t->ddl && word_is(w, n, "INTEGER")) {
		const char *q = w + n;
		if (expect_word(&q, "PRIMARY") == 0 && expect_word(&q, "KEY") == 0) {
			puts_(t, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
			t->p = q;
			return;
		}
	}
	if (o) {
		o->any = 1;
		o->desc = word_is(w, n, "DESC");
		if (word_is(w, n, "NULLS"))
			o->nulls = 1;
	}
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (word_is(w, n, words[i].sqlite))
			mapped = words[i].pg;
	if (mapped)
		puts_(t, mapped);
	else
		put(t, w, n);
	t->p = w + n;
	t->after_from = word_is(w, n, "FROM") || word_is(w, n, "JOIN");
}

/* A subquery in FROM closed: PostgreSQL (before 16) wants it named. */
static void name_derived(struct tr *t)
{
	size_t n;
	const char *q = skip_space(t->p), *w = word_at(q, &n);
	char alias[32];
	if (n > 0) {
		int keyword = 0;
		for (size_t i = 0; i < sizeof not_alias / sizeof not_alias[0]; i++)
			if (word_is(w, n, not_alias[i]))
				keyword = 1;
		if (!keyword)
			return; /* AS name, or a name */
	}
	snprintf(alias, sizeof alias, " AS kw_d%d", ++t->nderived);
	puts_(t, alias);
}

static char *translate(const char *in, int ddl, int *nparams, char *err, size_t errlen)
{
	struct tr t = {.p = in, .ddl = ddl, .err = err, .errlen = errlen};
	buf_init(&t.out, SQL_MAX);
	while (*t.p && !t.failed) {
		char c = *t.p;
		struct order *o = order_here(&t);
		if (c == '\'' || c == '"' || (c == '-' && t.p[1] == '-')) {
			if (o && c != '-')
				o->any = 1;
			copy_quoted(&t);
		} else if (c == '?') {
			/* ? is the next parameter; ?NNN is parameter NNN, as in SQLite */
			char num[16];
			int k = 0;
			t.p++;
			while (isdigit((unsigned char)*t.p) && k < 1000)
				k = k * 10 + (*t.p++ - '0');
			if (k == 0)
				k = t.nparams + 1;
			if (k > t.nparams)
				t.nparams = k;
			snprintf(num, sizeof num, "$%d", k);
			puts_(&t, num);
			if (o)
				o->any = 1;
		} else if (word_char((unsigned char)c)) {
			word(&t);
		} else {
			int derived = 0;
			if (c == ')') {
				while (t.nob > 0 && t.ob[t.nob - 1].depth >= t.depth)
					end_order(&t);
				if (t.depth > 0 && t.depth < MAX_DEPTH) {
					derived = t.derived[t.depth];
					t.derived[t.depth] = 0;
				}
				t.depth--;
			} else if (c == ';') {
				while (t.nob > 0 && t.ob[t.nob - 1].depth >= t.depth)
					end_order(&t);
			} else if (c == ',' && o) {
				end_term(&t, o);
			} else if (o && !isspace((unsigned char)c)) {
				o->any = 1;
				o->desc = 0;
			}
			if (c == '(') {
				size_t n;
				const char *w = word_at(skip_space(t.p + 1), &n);
				t.depth++;
				if (t.depth > 0 && t.depth < MAX_DEPTH)
					t.derived[t.depth] =
					    t.after_from && word_is(w, n, "SELECT");
			}
			if (!isspace((unsigned char)c))
				t.after_from = 0;
			put(&t, t.p, 1);
			t.p++;
			if (derived)
				name_derived(&t);
		}
	}
	while (t.nob > 0 && !t.failed)
		end_order(&t);
	if (t.failed) {
		if (err && !err[0])
			snprintf(err, errlen, "the statement is too long to translate");
		buf_free(&t.out);
		return NULL;
	}
	if (nparams)
		*nparams = t.nparams;
	return buf_take(&t.out);
}

char *pg_sql(const char *sqlite_sql, int *nparams)
{
	return translate(sqlite_sql, 0, nparams, NULL, 0);
}

char *pg_ddl(const char *sqlite_ddl, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	return translate(sqlite_ddl, 1, NULL, err, errlen);
}
