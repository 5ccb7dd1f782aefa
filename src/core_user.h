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

#define PASSWORD_MIN_BITS 26.6             /* zxcvbn: 10^8 guesses, its "score 3" */
#define ONE_TIME_PASSWORD_S (72 * 60 * 60) /* a reset's password works for 72 hours */

/* Why a password is not acceptable, or NULL when it is: its length in
 * characters (a run of spaces counts as one), not the username nor
 * containing the setting's name, and not guessable: the patterns of
 * core_user.c's guessable() and fewer than PASSWORD_MIN_BITS by zxcvbn,
 * with the username and setting's name as words of its dictionary. */
const char *core_password_problem(const char *password, const char *username);
const char *core_password_problem_in(const char *password, const char *username,
                                     const char *setting_name);
/* The same, with the name of the setting setting_id. */
const char *core_password_problem_for(struct store *s, int64_t setting_id, const char *password,
                                      const char *username);
/* zxcvbn's estimate of a password's strength in bits (log2 of guesses). */
double core_password_bits(const char *password, const char *username, const char *setting_name);
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
