/*
 * core_user.c — user accounts. Passwords are hashed with Argon2id at
 * libsodium's "interactive" limits; the rules follow OWASP ASVS level 2
 * (at least 12 characters, at most 128, not the username, any characters).
 * Creating a parent account requires the contact it stands for, so that
 * every later access decision can be traced to a family.
 */
#include "core_user.h"

#include <sodium.h>
#include <stdio.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <zxcvbn.h>

#include "audit.h"
#include "date.h"

const char *const role_names[ROLE__MAX] = {
    [ROLE_MANAGER] = "manager", [ROLE_PRACTITIONER] = "practitioner",
    [ROLE_SENCO] = "senco",     [ROLE_DSL] = "dsl",
    [ROLE_PARENT] = "parent",   [ROLE_ADMIN] = "admin",
};

int role_parse(const char *name)
{
	for (int i = 0; i < ROLE__MAX; i++)
		if (strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}

/* Words that make a password guessable whatever is added to them: the
 * commonest bases of breached passwords, and this product's own words. */
static const char *const common_bases[] = {
    "password", "passw0rd",  "qwerty",   "123456",   "abc123", "letmein", "welcome",
    "iloveyou", "monkey",    "dragon",   "football", "admin",  "abcdef",  "keyworker",
    "nursery",  "sunflower", "changeme", "trustno1", "secret",
};

/* Characters, not bytes (a UTF-8 continuation byte does not start one),
 * with a run of spaces counted as one (ASVS 2.1.1). */
static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++) {
		if (*s == ' ' && s[1] == ' ')
			continue;
		n += ((unsigned char)*s & 0xC0) != 0x80;
	}
	return n;
}

/* A password that is only a common base with digits or punctuation around
 * it, or has at most three different characters, or is a run of one step
 * ("abcdefghijkl", "123456789012", "987654321098", at most two breaks). */
static int guessable(const char *p)
{
	size_t n = strlen(p), letters = 0, distinct = 0;
	int seen[256] = {0}, run = 1;
	char lower[PASSWORD_MAX_BYTES + 1];
	if (n >= sizeof lower)
		return 0;
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)tolower((unsigned char)p[i]);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (!seen[c]++)
			distinct++;
		if (i && (c - (unsigned char)p[i - 1] == 1 || (unsigned char)p[i - 1] - c == 1))
			run++;
	}
	if (distinct <= 3 || (size_t)run + 2 >= n)
		return 1;
	for (size_t i = 0; i < ARRAY_LEN(common_bases); i++) {
		const char *found = strstr(lower, common_bases[i]);
		const char *at = found ? p + (found - lower) : NULL;
		if (!at)
			continue;
		/* letters besides the base: then it is a phrase, not a base with digits */
		letters = 0;
		for (size_t j = 0; j < n; j++)
			if (isalpha((unsigned char)p[j]) &&
			    (p + j < at || p + j >= at + strlen(common_bases[i])))
				letters++;
		if (letters < 4)
			return 1;
	}
	return 0;
}

/* Does hay contain needle, ignoring case and spaces (so "Little Acorns"
 * is found in "littleacorns2026")? */
static int contains_folded(const char *hay, const char *needle)
{
	char h[PASSWORD_MAX_BYTES + 1], n[256];
	size_t hn = 0, nn = 0;
	for (; *hay && hn + 1 < sizeof h; hay++)
		if (*hay != ' ')
			h[hn++] = (char)tolower((unsigned char)*hay);
	for (; *needle && nn + 1 < sizeof n; needle++)
		if (*needle != ' ')
			n[nn++] = (char)tolower((unsigned char)*needle);
	h[hn] = n[nn] = '\0';
	return nn >= 3 && strstr(h, n) != NULL;
}

/* zxcvbn's estimate (Debian's libzxcvbn, its dictionaries built in: the
 * commonest passwords, names, English words, keyboard walks, dates) in bits,
 * with this account's own words as a dictionary of their own. */
double core_password_bits(const char *password, const char *username, const char *setting_name)
{
	const char *words[8];
	size_t n = 0;
	if (username && *username)
		words[n++] = username;
	if (setting_name && *setting_name)
		words[n++] = setting_name;
	words[n++] = "keyworker";
	words[n++] = "nursery";
	words[n] = NULL;
	return ZxcvbnMatch(password, words, NULL);
}

const char *core_password_problem_in(const char *password, const char *username,
                                     const char *setting_name)
{
	size_t n = utf8_length(password);
	if (n < PASSWORD_MIN)
		return "must be at least 12 characters long";
	if (n > PASSWORD_MAX || strlen(password) > PASSWORD_MAX_BYTES)
		return "must be at most 128 characters long";
	if (username && strcasecmp(password, username) == 0)
		return "must not be the username";
	if (setting_name && contains_folded(password, setting_name))
		return "must not contain the setting's name";
	if (guessable(password) ||
	    core_password_bits(password, username, setting_name) < PASSWORD_MIN_BITS)
		return "is too easy to guess (a common password, word or name with digits, your "
		       "username, a keyboard pattern, a repeated or sequential run): try three or "
		       "four unrelated words";
	return NULL;
}

const char *core_password_problem(const char *password, const char *username)
{
	return core_password_problem_in(password, username, NULL);
}

const char *core_password_problem_for(struct store *s, int64_t setting_id, const char *password,
                                      const char *username)
{
	struct store_stmt *st = store_stmt(s, STMT_PWRULE_SETTING_NAME);
	char name[256] = "";
	store_bind_int(st, 1, setting_id);
	if (store_step(st) == STORE_ROW)
		snprintf(name, sizeof name, "%s", store_col_text(st, 0));
	store_finish(st);
	return core_password_problem_in(password, username, name);
}

int core_password_hash(const char *password, char *out, size_t n)
{
	if (n < crypto_pwhash_STRBYTES)
		return -1;
	return crypto_pwhash_str(out, password, strlen(password),
	                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int core_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password));
}

void core_password_random(char *out, size_t len)
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (size_t i = 0; i + 1 < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[len - 1] = '\0';
}

/* A one-time password works for ONE_TIME_PASSWORD_S; one's own for ever. */
static int set_deadline(struct store *s, int64_t id, int must_change)
{
	struct store_stmt *st = store_stmt(s, STMT_PWRULE_DEADLINE_SET);
	if (must_change)
		store_bind_int(st, 1, time_now() + ONE_TIME_PASSWORD_S);
	else
		store_bind_null(st, 1);
	store_bind_int(st, 2, id);
	return store_run(st);
}

static int username_ok(const char *u)
{
	size_t n = strlen(u);
	if (n < 1 || n > 100)
		return 0;
	for (const char *p = u; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_' || *p == '@'))
			return 0;
	return 1;
}

int core_user_add(struct store *s, const struct actor *who, const struct user_new *u, int64_t *id,
                  struct op_error *e)
{
	char hash[crypto_pwhash_STRBYTES];
	struct store_stmt *st;
	const char *why;
	int rc;

	if (!username_ok(u->username))
		return op_fail(e, OP_INVALID, "username",
		               "use 1 to 100 letters, digits, '.', '-', '_' or '@'");
	if ((why = core_password_problem_for(s, who->setting_id, u->password, u->username)))
		return op_fail(e, OP_INVALID, "password", "%s", why);
	if (!u->roles && !u->group_id)
		return op_fail(e, OP_INVALID, "role", "give at least one role");
	if ((u->roles & (1u << ROLE_PARENT)) && !u->contact_id)
		return op_fail(e, OP_INVALID, "contact", "a parent account must name its contact");
	if ((u->roles & (1u << ROLE_PARENT)) && (u->roles & ~(1u << ROLE_PARENT)))
		return op_fail(e, OP_INVALID, "role", "a parent account cannot hold staff roles");
	st = store_stmt(s, STMT_USER_BY_NAME);
	store_bind_text(st, 1, u->username);
	rc = store_step(st);
	store_finish(st);
	if (rc == STORE_ROW)
		return op_fail(e, OP_CONFLICT, "username", "%s is taken", u->username);
	if (core_password_hash(u->password, hash, sizeof hash) != 0)
		return op_fail(e, OP_FAILED, "password",
		               "cannot hash the password (out of memory?)");

	st = store_stmt(s, STMT_USER_INSERT);
	store_bind_text(st, 1, u->username);
	store_bind_text(st, 2, u->display_name ? u->display_name : u->username);
	store_bind_text(st, 3, hash);
	store_bind_int(st, 4, u->must_change);
	store_bind_int(st, 5, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding the user");
	*id = store_last_id(s);
	if ((rc = set_deadline(s, *id, u->must_change)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding the user");
	st = store_stmt(s, STMT_USER_SETTING_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, *id);
	store_bind_id(st, 3, u->staff_id);
	store_bind_id(st, 4, u->contact_id);
	if (store_run(st) != STORE_OK)
		return op_fail(e, OP_INVALID, u->contact_id ? "contact" : "staff",
		               "no such %s in this setting",
		               u->contact_id ? "contact" : "member of staff");
	for (int r = 0; r < ROLE__MAX; r++) {
		if (!(u->roles & (1u << r)))
			continue;
		st = store_stmt(s, STMT_USER_ROLE_INSERT);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, *id);
		store_bind_text(st, 3, role_names[r]);
		if ((rc = store_run(st)) != STORE_OK)
			return op_store_fail(e, s, rc, "adding the role");
	}
	return audit_write(s, who, "user.add", "user", *id, 0, u->username, e);
}

static int64_t user_id(struct store *s, const char *username)
{
	struct store_stmt *st = store_stmt(s, STMT_USER_BY_NAME);
	int64_t id = 0;
	store_bind_text(st, 1, username);
	if (store_step(st) == STORE_ROW)
		id = store_col_int(st, 0);
	store_finish(st);
	return id;
}

int core_user_set_password(struct store *s, const struct actor *who, const char *username,
                           const char *password, int must_change, struct op_error *e)
{
	char hash[crypto_pwhash_STRBYTES];
	int64_t id = user_id(s, username);
	struct store_stmt *st;
	const char *why;
	int rc;
	if (!id)
		return op_fail(e, OP_NOT_FOUND, "username", "there is no user %s", username);
	if ((why = core_password_problem_for(s, who->setting_id, password, username)))
		return op_fail(e, OP_INVALID, "password", "%s", why);
	if (core_password_hash(password, hash, sizeof hash) != 0)
		return op_fail(e, OP_FAILED, "password",
		               "cannot hash the password (out of memory?)");
	st = store_stmt(s, STMT_USER_SET_PASSWORD);
	store_bind_text(st, 1, hash);
	store_bind_int(st, 2, must_change);
	store_bind_int(st, 3, id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "changing the password");
	if ((rc = set_deadline(s, id, must_change)) != STORE_OK)
		return op_store_fail(e, s, rc, "changing the password");
	/* A new password (an admin's reset, above all) lifts the lock that
	 * failed attempts put on the account. */
	st = store_stmt(s, STMT_LOGIN_FAILURES_CLEAR);
	store_bind_text(st, 1, username);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "lifting the lock");
	/* A new password ends every session of the account. */
	st = store_stmt(s, STMT_SESSION_DELETE_USER);
	store_bind_int(st, 1, id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "ending sessions");
	return audit_write(s, who, "user.password", "user", id, 0, username, e);
}

int core_user_disable(struct store *s, const struct actor *who, const char *username,
                      struct op_error *e)
{
	int64_t id = user_id(s, username);
	struct store_stmt *st;
	int rc;
	if (!id)
		return op_fail(e, OP_NOT_FOUND, "username", "there is no user %s", username);
	st = store_stmt(s, STMT_USER_DISABLE);
	store_bind_int(st, 1, time_now());
	store_bind_int(st, 2, id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "disabling the user");
	st = store_stmt(s, STMT_SESSION_DELETE_USER);
	store_bind_int(st, 1, id);
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "ending sessions");
	return audit_write(s, who, "user.disable", "user", id, 0, username, e);
}
