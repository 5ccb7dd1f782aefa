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
#include <string.h>
#include <strings.h>

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

const char *core_password_problem(const char *password, const char *username)
{
	size_t n = strlen(password);
	if (n < PASSWORD_MIN)
		return "must be at least 12 characters long";
	if (n > PASSWORD_MAX)
		return "must be at most 128 characters long";
	if (username && strcasecmp(password, username) == 0)
		return "must not be the username";
	return NULL;
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
	if ((why = core_password_problem(u->password, u->username)))
		return op_fail(e, OP_INVALID, "password", "%s", why);
	if (!u->roles)
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
	if ((why = core_password_problem(password, username)))
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
