/*
 * core_user.h — the people who sign in: usernames, Argon2id password
 * hashes (libsodium), roles per setting (DESIGN.md's table), and the link
 * to the member of staff or the contact (a parent) they are.
 */
#ifndef KW_CORE_USER_H
#define KW_CORE_USER_H

#include "core.h"

enum role {
	ROLE_MANAGER,
	ROLE_PRACTITIONER,
	ROLE_SENCO,
	ROLE_DSL,
	ROLE_PARENT,
	ROLE_ADMIN,
	ROLE__MAX
};
extern const char *const role_names[ROLE__MAX];
/* role by name, or -1 */
int role_parse(const char *name);

#define PASSWORD_MIN 12
#define PASSWORD_MAX 128                      /* characters */
#define PASSWORD_MAX_BYTES (4 * PASSWORD_MAX) /* UTF-8: at most four bytes a character */

struct user_new {
	const char *username;
	const char *display_name;
	const char *password; /* checked against the password rules */
	unsigned roles;       /* bit (1 << enum role) */
	int64_t staff_id;     /* 0 = none */
	int64_t contact_id;   /* 0 = none; required for a parent */
	int must_change;      /* ask for a new password at first sign-in */
	int64_t group_id;     /* a group manager (core_group.c): may hold no role */
};

/* Why a password is not acceptable, or NULL when it is. */
const char *core_password_problem(const char *password, const char *username);
int core_password_hash(const char *password, char *out, size_t n) WARN_UNUSED;
/* 0 when password matches the stored hash. */
int core_password_verify(const char *hash, const char *password) WARN_UNUSED;
/* A random password of the given length from an unambiguous alphabet. */
void core_password_random(char *out, size_t len);

int core_user_add(struct store *s, const struct actor *who, const struct user_new *u, int64_t *id,
                  struct op_error *e) WARN_UNUSED;
int core_user_set_password(struct store *s, const struct actor *who, const char *username,
                           const char *password, int must_change, struct op_error *e) WARN_UNUSED;
/* Disable the account and end all its sessions. */
int core_user_disable(struct store *s, const struct actor *who, const char *username,
                      struct op_error *e) WARN_UNUSED;

#endif
