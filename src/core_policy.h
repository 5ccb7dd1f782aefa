/*
 * core_policy.h — partnership with parents (issue 9): the setting's
 * policies, signed by each family, and notices with read receipts.
 *
 * A policy (title, kind) is a list of versions 1, 2, …, each with its text
 * and the date it was published; the current version is the highest. The
 * manager publishes a new version; the older ones stay readable with the
 * signatures they were given. A family is asked to sign the current version
 * of every policy when it has a child who has not left and a parent with
 * parental responsibility whom no court order shuts out (restriction
 * no_information or no_contact); such a parent signs for the family with
 * their typed full name and the date, once per version. A new version is
 * unsigned by everyone, so every family is asked again.
 *
 * A notice is for every family or for the families of one room's children
 * (the room the child is in now). A parent's first opening of it in the
 * portal is recorded (a read receipt); the manager sees who has read it and
 * which parents of its families have not.
 *
 * Writes run inside the caller's transaction with their audit row; who may
 * call them is decided in authz.c (authz_policy_*, authz_notice_*).
 */
#ifndef KW_CORE_POLICY_H
#define KW_CORE_POLICY_H

#include "core.h"
#include "valid.h"

#define POLICY_TEXT_MAX 20000
#define NOTICE_TEXT_MAX 8000

extern const char *const policy_kinds[];
/* The words of a kind ("key_person" -> "Key person"). */
const char *core_policy_kind_words(const char *kind);

enum policy_field { POL_TITLE, POL_KIND, POL_PUBLISHED, POL_TEXT, POL__MAX };
extern const struct field_spec core_policy_fields[POL__MAX];
/* A new version: published on, text. */
enum policy_version_field { PVER_PUBLISHED, PVER_TEXT, PVER__MAX };
extern const struct field_spec core_policy_version_fields[PVER__MAX];
/* A signature: the typed full name and the date. */
enum policy_sign_field { PSIGN_NAME, PSIGN_DATE, PSIGN__MAX };
extern const struct field_spec core_policy_sign_fields[PSIGN__MAX];
enum notice_field { NOTICE_TITLE, NOTICE_ROOM, NOTICE_PUBLISHED, NOTICE_TEXT, NOTICE__MAX };
extern const struct field_spec core_notice_fields[NOTICE__MAX];

/* A new policy (validated v of core_policy_fields) with its version 1. */
int core_policy_add(struct store *s, const struct actor *who, const struct field_value *v,
                    int64_t *id, struct op_error *e) WARN_UNUSED;
/* Publish the next version of policy_id (v of core_policy_version_fields):
 * 404 when the setting has no such policy. *version is its number. */
int core_policy_publish(struct store *s, const struct actor *who, int64_t policy_id,
                        const struct field_value *v, int *version, struct op_error *e) WARN_UNUSED;
/* contact_id signs version of policy_id for their family (v of
 * core_policy_sign_fields; the date between the version's publication and
 * today). Refused: 404 no such policy; 409 "version" when version is no
 * longer the current one (a new one came meanwhile), 409 "family" when the
 * family signed it already; 403 when the contact has no parental
 * responsibility or is restricted. */
int core_policy_sign(struct store *s, const struct actor *who, int64_t policy_id, int version,
                     int64_t contact_id, const struct field_value *v, int today,
                     struct op_error *e) WARN_UNUSED;

struct policy_row {
	int64_t id, version_id;
	const char *kind, *title;
	int version;
	const char *published_on, *text; /* text: "" in lists */
};
/* The current version of every policy of the setting, by title. */
int core_policy_list(struct store *s, int64_t setting_id, struct arena *a, struct policy_row **out,
                     size_t *n, struct op_error *e) WARN_UNUSED;
/* One policy at version (0: the current one), with its text: 404 when none. */
int core_policy_get(struct store *s, int64_t setting_id, int64_t policy_id, int version,
                    struct arena *a, struct policy_row *out, struct op_error *e) WARN_UNUSED;

struct policy_version_row {
	int64_t id;
	int version;
	const char *published_on;
	int signatures;
};
int core_policy_versions(struct store *s, int64_t setting_id, int64_t policy_id, struct arena *a,
                         struct policy_version_row **out, size_t *n,
                         struct op_error *e) WARN_UNUSED;

struct policy_signature {
	int64_t family_id;
	const char *family, *signed_name, *contact, *signed_on;
	int version; /* core_policy_family_signatures only */
};
/* Every family's signature of a version, by family name. */
int core_policy_signatures(struct store *s, int64_t setting_id, int64_t version_id, struct arena *a,
                           struct policy_signature **out, size_t *n,
                           struct op_error *e) WARN_UNUSED;
/* One family's signatures of policy_id, newest version first. */
int core_policy_family_signatures(struct store *s, int64_t setting_id, int64_t policy_id,
                                  int64_t family_id, struct arena *a, struct policy_signature **out,
                                  size_t *n, struct op_error *e) WARN_UNUSED;

struct policy_family {
	int64_t id;
	const char *name, *parents; /* the parents asked, "A and B" */
};
/* The families asked on day who have not signed version_id, by name. */
int core_policy_unsigned(struct store *s, int64_t setting_id, int64_t version_id, int day,
                         struct arena *a, struct policy_family **out, size_t *n,
                         struct op_error *e) WARN_UNUSED;

/* A notice (v of core_notice_fields; room empty: every family). */
int core_notice_add(struct store *s, const struct actor *who, const struct field_value *v,
                    int64_t *id, struct op_error *e) WARN_UNUSED;
/* Record that contact_id opened notice_id (only the first time; audited then). */
int core_notice_read(struct store *s, const struct actor *who, int64_t notice_id,
                     int64_t contact_id, struct op_error *e) WARN_UNUSED;

struct notice_row {
	int64_t id, room_id; /* room_id 0: every family */
	const char *room, *title, *text, *published_on;
	int reads; /* read receipts; in a family's list, 1 when that parent read it */
};
/* Every notice of the setting, newest first. */
int core_notice_list(struct store *s, int64_t setting_id, struct arena *a, struct notice_row **out,
                     size_t *n, struct op_error *e) WARN_UNUSED;
int core_notice_get(struct store *s, int64_t setting_id, int64_t notice_id, struct arena *a,
                    struct notice_row *out, struct op_error *e) WARN_UNUSED;
/* The notices family_id sees on day (every family's, and those of its
 * children's rooms), with reads = whether contact_id opened each. */
int core_notice_family_list(struct store *s, int64_t setting_id, int64_t family_id,
                            int64_t contact_id, int day, struct arena *a, struct notice_row **out,
                            size_t *n, struct op_error *e) WARN_UNUSED;

struct notice_reader {
	int64_t contact_id;
	const char *name, *family;
	int64_t read_at; /* 0: not read */
};
/* Who read notice_id (in the order they did), and the parents of its
 * families on day who have not. */
int core_notice_readers(struct store *s, int64_t setting_id, int64_t notice_id, int day,
                        struct arena *a, struct notice_reader **read, size_t *nread,
                        struct notice_reader **unread, size_t *nunread,
                        struct op_error *e) WARN_UNUSED;

/* The demo: six policies (safeguarding in its second version), most
 * families' signatures (the first family has signed only some), a notice
 * of the Ofsted inspection and one of the report for every family, and a
 * notice for one room, read by some parents. start is the demo's today. */
int core_policy_demo(struct store *s, const struct actor *who, int start,
                     struct op_error *e) WARN_UNUSED;

#endif
