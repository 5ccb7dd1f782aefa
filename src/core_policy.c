/*
 * core_policy.c — the operations and lists of core_policy.h: policies as
 * versions (a policy row and its numbered policy_version rows), a family's
 * signature of one version (policy_signature, unique per version and
 * family), the families still to sign the current version, notices and
 * their read receipts (notice_read, one per parent and notice), and the
 * demo's policies and notices.
 */
#include "core_policy.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"

const char *const policy_kinds[] = {"safeguarding",    "key_person",    "partnership", "complaints",
                                    "attendance",      "medicines",     "behaviour",   "sen",
                                    "data_protection", "health_safety", "other",       NULL};

static const struct {
	const char *kind, *words;
} kind_words[] = {
    {"safeguarding", "Safeguarding"},
    {"key_person", "Key person"},
    {"partnership", "Partnership with parents"},
    {"complaints", "Complaints"},
    {"attendance", "Attendance"},
    {"medicines", "Medicines"},
    {"behaviour", "Behaviour"},
    {"sen", "Special educational needs"},
    {"data_protection", "Data protection"},
    {"health_safety", "Health and safety"},
    {"other", "Other"},
};

const char *core_policy_kind_words(const char *kind)
{
	for (size_t i = 0; i < ARRAY_LEN(kind_words); i++)
		if (strcmp(kind, kind_words[i].kind) == 0)
			return kind_words[i].words;
	return kind;
}

const struct field_spec core_policy_fields[POL__MAX] = {
    [POL_TITLE] = {"title", F_LINE, 1, 0, 200, NULL},
    [POL_KIND] = {"kind", F_ENUM, 1, 0, 0, policy_kinds},
    [POL_PUBLISHED] = {"published_on", F_DATE, 1, 0, 0, NULL},
    [POL_TEXT] = {"text", F_TEXT, 1, 0, POLICY_TEXT_MAX, NULL},
};
const struct field_spec core_policy_version_fields[PVER__MAX] = {
    [PVER_PUBLISHED] = {"published_on", F_DATE, 1, 0, 0, NULL},
    [PVER_TEXT] = {"text", F_TEXT, 1, 0, POLICY_TEXT_MAX, NULL},
};
const struct field_spec core_policy_sign_fields[PSIGN__MAX] = {
    [PSIGN_NAME] = {"signed_name", F_LINE, 1, 0, 200, NULL},
    [PSIGN_DATE] = {"signed_on", F_DATE, 1, 0, 0, NULL},
};
const struct field_spec core_notice_fields[NOTICE__MAX] = {
    [NOTICE_TITLE] = {"title", F_LINE, 1, 0, 200, NULL},
    [NOTICE_ROOM] = {"room", F_INT, 0, 1, INT32_MAX, NULL},
    [NOTICE_PUBLISHED] = {"published_on", F_DATE, 1, 0, 0, NULL},
    [NOTICE_TEXT] = {"text", F_TEXT, 1, 0, NOTICE_TEXT_MAX, NULL},
};

/* Room for one more element in an arena array of *cap elements of size. */
static void *grow(struct arena *a, void *arr, size_t size, size_t n, size_t *cap)
{
	void *g;
	if (arr && n < *cap)
		return arr;
	if (arr)
		*cap *= 2;
	g = arena_alloc(a, *cap * size);
	if (arr)
		memcpy(g, arr, n * size);
	return g;
}

static int insert_version(struct store *s, const struct actor *who, int64_t policy_id, int version,
                          const char *published_on, const char *text, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_VERSION_INSERT);
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, policy_id);
	store_bind_int(st, 3, version);
	store_bind_text(st, 4, text);
	store_bind_text(st, 5, published_on);
	store_bind_id(st, 6, who->user_id);
	store_bind_int(st, 7, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "publishing the policy");
	return 0;
}

int core_policy_add(struct store *s, const struct actor *who, const struct field_value *v,
                    int64_t *id, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_INSERT);
	int rc;
	assert(store_in_transaction(s));
	store_bind_int(st, 1, who->setting_id);
	store_bind_text(st, 2, v[POL_KIND].s);
	store_bind_text(st, 3, v[POL_TITLE].s);
	store_bind_int(st, 4, time_now());
	rc = store_run(st);
	if (rc == STORE_CONSTRAINT)
		return op_fail(e, OP_CONFLICT, "title", "there is a policy called %s already",
		               v[POL_TITLE].s);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "adding the policy");
	*id = store_last_id(s);
	if (insert_version(s, who, *id, 1, v[POL_PUBLISHED].s, v[POL_TEXT].s, e))
		return -1;
	return audit_write(s, who, "policy.add", "policy", *id, 0, v[POL_TITLE].s, e);
}

/* The current version of policy_id: its id and number (0 when none). */
static int64_t current_version(struct store *s, int64_t setting_id, int64_t policy_id, int *version,
                               int *published)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_VERSION_CURRENT);
	int64_t id = 0;
	*version = 0;
	*published = 0;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, policy_id);
	if (store_step(st) == STORE_ROW) {
		id = store_col_int(st, 0);
		*version = (int)store_col_int(st, 1);
		if (date_parse(store_col_text(st, 3), published) != 0)
			*published = 0;
	}
	store_finish(st);
	return id;
}

int core_policy_publish(struct store *s, const struct actor *who, int64_t policy_id,
                        const struct field_value *v, int *version, struct op_error *e)
{
	int current, published;
	assert(store_in_transaction(s));
	if (!current_version(s, who->setting_id, policy_id, &current, &published))
		return op_fail(e, OP_NOT_FOUND, "policy", "there is no such policy");
	if (v[PVER_PUBLISHED].i < published)
		return op_fail(e, OP_INVALID, "published_on", "is before version %d was published",
		               current);
	*version = current + 1;
	if (insert_version(s, who, policy_id, *version, v[PVER_PUBLISHED].s, v[PVER_TEXT].s, e))
		return -1;
	return audit_write(s, who, "policy.version", "policy", policy_id, 0, v[PVER_PUBLISHED].s,
	                   e);
}

int core_policy_sign(struct store *s, const struct actor *who, int64_t policy_id, int version,
                     int64_t contact_id, const struct field_value *v, int today, struct op_error *e)
{
	struct store_stmt *st;
	int64_t family = 0, version_id;
	int pr = 0, ok = 0, current, published, rc;
	char detail[64];
	assert(store_in_transaction(s));
	version_id = current_version(s, who->setting_id, policy_id, &current, &published);
	if (!version_id)
		return op_fail(e, OP_NOT_FOUND, "policy", "there is no such policy");
	st = store_stmt(s, STMT_POLICY_CONTACT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, contact_id);
	if (store_step(st) == STORE_ROW) {
		family = store_col_int(st, 0);
		pr = (int)store_col_int(st, 1);
		ok = strcmp(store_col_text(st, 2), "no_information") != 0 &&
		     strcmp(store_col_text(st, 2), "no_contact") != 0;
	}
	store_finish(st);
	if (!family || !pr || !ok)
		return op_fail(e, OP_FORBIDDEN, "",
		               "a parent with parental responsibility signs for the family");
	if (version != current)
		return op_fail(e, OP_CONFLICT, "version",
		               "version %d is now the current one: please read it first", current);
	if (v[PSIGN_DATE].i > today || v[PSIGN_DATE].i < published)
		return op_fail(e, OP_INVALID, "signed_on",
		               "is a day between the policy's publication and today");
	st = store_stmt(s, STMT_POLICY_SIGN_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, version_id);
	store_bind_int(st, 3, family);
	store_bind_int(st, 4, contact_id);
	store_bind_text(st, 5, v[PSIGN_NAME].s);
	store_bind_text(st, 6, v[PSIGN_DATE].s);
	store_bind_id(st, 7, who->user_id);
	store_bind_int(st, 8, time_now());
	rc = store_run(st);
	if (rc == STORE_CONSTRAINT)
		return op_fail(e, OP_CONFLICT, "family",
		               "your family has signed version %d already", version);
	if (rc != STORE_OK)
		return op_store_fail(e, s, rc, "keeping the signature");
	snprintf(detail, sizeof detail, "version %d", version);
	return audit_write(s, who, "policy.sign", "policy_signature", store_last_id(s), 0, detail,
	                   e);
}

int core_policy_list(struct store *s, int64_t setting_id, struct arena *a, struct policy_row **out,
                     size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_LIST);
	size_t cap = 16;
	int rc;
	*n = 0;
	*out = grow(a, NULL, sizeof **out, 0, &cap);
	store_bind_int(st, 1, setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		*out = grow(a, *out, sizeof **out, *n, &cap);
		(*out)[(*n)++] = (struct policy_row){
		    .id = store_col_int(st, 0),
		    .kind = arena_strdup(a, store_col_text(st, 1)),
		    .title = arena_strdup(a, store_col_text(st, 2)),
		    .version_id = store_col_int(st, 3),
		    .version = (int)store_col_int(st, 4),
		    .published_on = arena_strdup(a, store_col_text(st, 5)),
		    .text = "",
		};
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "reading the policies");
}

int core_policy_get(struct store *s, int64_t setting_id, int64_t policy_id, int version,
                    struct arena *a, struct policy_row *out, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_GET);
	int found;
	memset(out, 0, sizeof *out);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, policy_id);
	found = store_step(st) == STORE_ROW;
	if (found) {
		out->id = policy_id;
		out->kind = arena_strdup(a, store_col_text(st, 1));
		out->title = arena_strdup(a, store_col_text(st, 2));
	}
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "policy", "there is no such policy");
	st = store_stmt(s, version ? STMT_POLICY_VERSION_GET : STMT_POLICY_VERSION_CURRENT);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, policy_id);
	if (version)
		store_bind_int(st, 3, version);
	found = store_step(st) == STORE_ROW;
	if (found) {
		out->version_id = store_col_int(st, 0);
		out->version = (int)store_col_int(st, 1);
		out->text = arena_strdup(a, store_col_text(st, 2));
		out->published_on = arena_strdup(a, store_col_text(st, 3));
	}
	store_finish(st);
	if (!found)
		return op_fail(e, OP_NOT_FOUND, "version", "there is no version %d", version);
	return 0;
}

int core_policy_versions(struct store *s, int64_t setting_id, int64_t policy_id, struct arena *a,
                         struct policy_version_row **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_VERSIONS);
	size_t cap = 8;
	int rc;
	*n = 0;
	*out = grow(a, NULL, sizeof **out, 0, &cap);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, policy_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		*out = grow(a, *out, sizeof **out, *n, &cap);
		(*out)[(*n)++] = (struct policy_version_row){
		    .id = store_col_int(st, 0),
		    .version = (int)store_col_int(st, 1),
		    .published_on = arena_strdup(a, store_col_text(st, 2)),
		    .signatures = (int)store_col_int(st, 3),
		};
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "reading the versions");
}

int core_policy_signatures(struct store *s, int64_t setting_id, int64_t version_id, struct arena *a,
                           struct policy_signature **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_SIGNATURES);
	size_t cap = 32;
	int rc;
	*n = 0;
	*out = grow(a, NULL, sizeof **out, 0, &cap);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, version_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		*out = grow(a, *out, sizeof **out, *n, &cap);
		(*out)[(*n)++] = (struct policy_signature){
		    .family_id = store_col_int(st, 0),
		    .family = arena_strdup(a, store_col_text(st, 1)),
		    .signed_name = arena_strdup(a, store_col_text(st, 2)),
		    .contact = arena_strdup(a, store_col_text(st, 3)),
		    .signed_on = arena_strdup(a, store_col_text(st, 4)),
		};
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "reading the signatures");
}

int core_policy_family_signatures(struct store *s, int64_t setting_id, int64_t policy_id,
                                  int64_t family_id, struct arena *a, struct policy_signature **out,
                                  size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_FAMILY_SIGNATURES);
	size_t cap = 8;
	int rc;
	*n = 0;
	*out = grow(a, NULL, sizeof **out, 0, &cap);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, policy_id);
	store_bind_int(st, 3, family_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		*out = grow(a, *out, sizeof **out, *n, &cap);
		(*out)[(*n)++] = (struct policy_signature){
		    .family_id = family_id,
		    .family = "",
		    .contact = "",
		    .version = (int)store_col_int(st, 0),
		    .signed_name = arena_strdup(a, store_col_text(st, 1)),
		    .signed_on = arena_strdup(a, store_col_text(st, 2)),
		};
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "reading the signatures");
}

int core_policy_unsigned(struct store *s, int64_t setting_id, int64_t version_id, int day,
                         struct arena *a, struct policy_family **out, size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_UNSIGNED);
	char d[DATE_LEN];
	size_t cap = 32;
	int rc;
	*n = 0;
	*out = grow(a, NULL, sizeof **out, 0, &cap);
	date_format(day, d);
	store_bind_int(st, 1, setting_id);
	store_bind_text(st, 2, d);
	store_bind_int(st, 3, version_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		const char *parent = store_col_text(st, 2);
		if (*n && (*out)[*n - 1].id == id) { /* another parent of the same family */
			(*out)[*n - 1].parents =
			    arena_printf(a, "%s and %s", (*out)[*n - 1].parents, parent);
			continue;
		}
		*out = grow(a, *out, sizeof **out, *n, &cap);
		(*out)[(*n)++] = (struct policy_family){
		    .id = id,
		    .name = arena_strdup(a, store_col_text(st, 1)),
		    .parents = arena_strdup(a, parent),
		};
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "reading the families");
}

/* ---- notices ---- */

int core_notice_add(struct store *s, const struct actor *who, const struct field_value *v,
                    int64_t *id, struct op_error *e)
{
	struct store_stmt *st;
	int64_t room = v[NOTICE_ROOM].present ? v[NOTICE_ROOM].i : 0;
	int rc;
	assert(store_in_transaction(s));
	if (room) {
		int found;
		st = store_stmt(s, STMT_NOTICE_ROOM);
		store_bind_int(st, 1, who->setting_id);
		store_bind_int(st, 2, room);
		found = store_step(st) == STORE_ROW;
		store_finish(st);
		if (!found)
			return op_fail(e, OP_INVALID, "room", "there is no such room");
	}
	st = store_stmt(s, STMT_NOTICE_INSERT);
	store_bind_int(st, 1, who->setting_id);
	store_bind_id(st, 2, room);
	store_bind_text(st, 3, v[NOTICE_TITLE].s);
	store_bind_text(st, 4, v[NOTICE_TEXT].s);
	store_bind_text(st, 5, v[NOTICE_PUBLISHED].s);
	store_bind_id(st, 6, who->user_id);
	store_bind_int(st, 7, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "adding the notice");
	*id = store_last_id(s);
	return audit_write(s, who, "notice.add", "notice", *id, 0, v[NOTICE_TITLE].s, e);
}

int core_notice_read(struct store *s, const struct actor *who, int64_t notice_id,
                     int64_t contact_id, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_NOTICE_READ_INSERT);
	int rc;
	char detail[48];
	assert(store_in_transaction(s));
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, notice_id);
	store_bind_int(st, 3, contact_id);
	store_bind_int(st, 4, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "keeping the read receipt");
	if (store_changes(s) == 0) /* read before: the first time counts */
		return 0;
	snprintf(detail, sizeof detail, "contact %lld", (long long)contact_id);
	return audit_write(s, who, "notice.read", "notice", notice_id, 0, detail, e);
}

static struct notice_row notice_of(struct store_stmt *st, struct arena *a)
{
	return (struct notice_row){
	    .id = store_col_int(st, 0),
	    .room_id = store_col_int(st, 1),
	    .room = arena_strdup(a, store_col_text(st, 2)),
	    .title = arena_strdup(a, store_col_text(st, 3)),
	    .text = arena_strdup(a, store_col_text(st, 4)),
	    .published_on = arena_strdup(a, store_col_text(st, 5)),
	    .reads = (int)store_col_int(st, 6),
	};
}

static int notices(struct store *s, struct store_stmt *st, struct arena *a, struct notice_row **out,
                   size_t *n, struct op_error *e)
{
	size_t cap = 16;
	int rc;
	*n = 0;
	*out = grow(a, NULL, sizeof **out, 0, &cap);
	while ((rc = store_step(st)) == STORE_ROW) {
		*out = grow(a, *out, sizeof **out, *n, &cap);
		(*out)[(*n)++] = notice_of(st, a);
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "reading the notices");
}

int core_notice_list(struct store *s, int64_t setting_id, struct arena *a, struct notice_row **out,
                     size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_NOTICE_LIST);
	store_bind_int(st, 1, setting_id);
	return notices(s, st, a, out, n, e);
}

int core_notice_get(struct store *s, int64_t setting_id, int64_t notice_id, struct arena *a,
                    struct notice_row *out, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_NOTICE_GET);
	int found;
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, notice_id);
	found = store_step(st) == STORE_ROW;
	if (found)
		*out = notice_of(st, a);
	store_finish(st);
	return found ? 0 : op_fail(e, OP_NOT_FOUND, "notice", "there is no such notice");
}

int core_notice_family_list(struct store *s, int64_t setting_id, int64_t family_id,
                            int64_t contact_id, int day, struct arena *a, struct notice_row **out,
                            size_t *n, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_NOTICE_FAMILY_LIST);
	char d[DATE_LEN];
	date_format(day, d);
	store_bind_int(st, 1, contact_id);
	store_bind_int(st, 2, setting_id);
	store_bind_int(st, 3, family_id);
	store_bind_text(st, 4, d);
	return notices(s, st, a, out, n, e);
}

static int readers(struct store *s, struct store_stmt *st, struct arena *a, int only_unread,
                   struct notice_reader **out, size_t *n, struct op_error *e)
{
	size_t cap = 32;
	int rc;
	*n = 0;
	*out = grow(a, NULL, sizeof **out, 0, &cap);
	while ((rc = store_step(st)) == STORE_ROW) {
		if (only_unread && store_col_int(st, 3) != 0)
			continue;
		*out = grow(a, *out, sizeof **out, *n, &cap);
		(*out)[(*n)++] = (struct notice_reader){
		    .contact_id = store_col_int(st, 0),
		    .name = arena_strdup(a, store_col_text(st, 1)),
		    .family = arena_strdup(a, store_col_text(st, 2)),
		    .read_at = store_col_int(st, 3),
		};
	}
	store_finish(st);
	return rc == STORE_DONE ? 0 : op_store_fail(e, s, rc, "reading the read receipts");
}

int core_notice_readers(struct store *s, int64_t setting_id, int64_t notice_id, int day,
                        struct arena *a, struct notice_reader **read, size_t *nread,
                        struct notice_reader **unread, size_t *nunread, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_NOTICE_READERS);
	char d[DATE_LEN];
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, notice_id);
	if (readers(s, st, a, 0, read, nread, e))
		return -1;
	date_format(day, d);
	st = store_stmt(s, STMT_NOTICE_AUDIENCE);
	store_bind_int(st, 1, setting_id);
	store_bind_int(st, 2, notice_id);
	store_bind_text(st, 3, d);
	return readers(s, st, a, 1, unread, nunread, e);
}

/* ---- the demo ---- */

/* clang-format off */
static const struct demo_policy {
	const char *kind, *title;
	const char *text;
	const char *v2; /* a second version, published a week ago; NULL: none */
	int published;  /* days before the demo's today */
	int every;      /* the family of every this-th parent (from the second) has not signed */
} demo_policies[] = {
    {"safeguarding", "Safeguarding and child protection",
     "Everyone who works here has a duty to keep children safe. Our designated safeguarding "
     "lead (DSL) and deputy are named on the notice board by the entrance.\n"
     "If we are worried about a child we record what we see and hear, tell the DSL the same day, "
     "and follow the local safeguarding partnership's procedures. We will usually talk to you "
     "first, unless doing so could put the child at risk.\n"
     "Mobile phones and cameras are not used in the rooms; photographs are taken only on the "
     "nursery's own tablets.",
     "Everyone who works here has a duty to keep children safe. Our designated safeguarding "
     "lead (DSL) and deputy are named on the notice board by the entrance.\n"
     "If we are worried about a child we record what we see and hear, tell the DSL the same day, "
     "and follow the local safeguarding partnership's procedures. We will usually talk to you "
     "first, unless doing so could put the child at risk.\n"
     "New in this version: staff and visitors keep their mobile phones and smart watches in the "
     "lockers by the office; photographs are taken only on the nursery's own tablets, and we "
     "check who is collecting against the names and passwords you have given us.",
     180, 3},

    {"key_person", "The key person",
     "Every child has a key person and a buddy who know your child and your family well. The "
     "key person greets your child, helps them settle, keeps their learning journey and talks "
     "with you about how they are getting on. When the key person is away, the buddy takes "
     "over.\nWe will tell you when your child's key person changes, for example when they move "
     "rooms, and plan the move with you.",
     NULL, 240, 5},

    {"partnership", "Working in partnership with parents",
     "You know your child best. We share what your child does each day, ask for your "
     "observations from home, and agree next steps together.\n"
     "We will: make our policies available for you to read and sign; learn how and when you "
     "prefer to be contacted; give you a weekly menu; tell you about an Ofsted inspection "
     "before it happens and give you a copy of the report; and ask for your feedback each "
     "term.\nPlease tell us straight away when your contact details or your emergency contacts "
     "change, and about your child's health and well-being each day.",
     NULL, 240, 2},

    {"complaints", "Comments and complaints",
     "We welcome your comments. If you are unhappy with any part of our care, please talk to "
     "your child's key person or the manager first; most concerns are put right this way.\n"
     "If that does not settle it, write to the manager: we will reply in writing within 28 days "
     "and keep a record of the complaint and what we did.\n"
     "You may also complain to Ofsted at any time: Ofsted, Piccadilly Gate, Store Street, "
     "Manchester M1 2WD; telephone 0300 123 1231; email enquiries@ofsted.gov.uk.",
     NULL, 200, 4},

    {"attendance", "Attendance and absence",
     "Please tell us by 9:30 if your child will not be coming in, through the parent portal or "
     "by phone. If we have not heard from you we will contact you the same morning.\n"
     "Children who have had sickness or diarrhoea stay at home until 48 hours after the last "
     "episode.",
     NULL, 150, 3},

    {"medicines", "Medicines",
     "We give prescribed medicines only with your written permission, from the original "
     "container with the pharmacy label. Two members of staff check every dose, and you sign "
     "the record when you collect your child.\nPlease tell us about any medicine your child had "
     "before coming in.",
     NULL, 150, 6},
};
/* clang-format on */

static const struct {
	const char *title, *text;
} demo_room_notices[] = {
    {"New sleep mats in the baby room",
     "The baby room has new sleep mats and fresh cot sheets. Please bring your baby's own "
     "comforter if they have one."},
    {"Messy play week",
     "Next week is messy play week in the toddler room: please send spare clothes in your "
     "child's bag."},
    {"Visits from the reception teachers",
     "The reception teachers of our local schools will visit pre-school over the coming weeks "
     "to meet the children starting school in September."},
};

struct demo_parent {
	int64_t family, contact;
	const char *name;
};

static int demo_sign(struct store *s, const struct actor *who, int64_t version_id,
                     const struct demo_parent *p, int day, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_POLICY_SIGN_INSERT);
	char d[DATE_LEN];
	int rc;
	date_format(day, d);
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, version_id);
	store_bind_int(st, 3, p->family);
	store_bind_int(st, 4, p->contact);
	store_bind_text(st, 5, p->name);
	store_bind_text(st, 6, d);
	store_bind_null(st, 7);
	store_bind_int(st, 8, time_now());
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "signing a demo policy");
	return 0;
}

static int demo_notice(struct store *s, const struct actor *who, int64_t room, const char *title,
                       const char *text, int day, int64_t *id, struct op_error *e)
{
	struct field_value v[NOTICE__MAX] = {0};
	char d[DATE_LEN];
	date_format(day, d);
	v[NOTICE_TITLE] = (struct field_value){.present = 1, .s = title};
	v[NOTICE_ROOM] = (struct field_value){.present = room != 0, .i = room};
	v[NOTICE_PUBLISHED] = (struct field_value){.present = 1, .i = day, .s = d};
	v[NOTICE_TEXT] = (struct field_value){.present = 1, .s = text};
	return core_notice_add(s, who, v, id, e);
}

static int demo_read(struct store *s, const struct actor *who, int64_t notice, int64_t contact,
                     int day, struct op_error *e)
{
	struct store_stmt *st = store_stmt(s, STMT_NOTICE_READ_INSERT);
	int rc;
	store_bind_int(st, 1, who->setting_id);
	store_bind_int(st, 2, notice);
	store_bind_int(st, 3, contact);
	store_bind_int(st, 4, date_instant(day, 19 * 60 + (int)(contact % 120), "Europe/London"));
	if ((rc = store_run(st)) != STORE_OK)
		return op_store_fail(e, s, rc, "reading a demo notice");
	return 0;
}

int core_policy_demo(struct store *s, const struct actor *who, int start, struct op_error *e)
{
	struct arena a;
	struct store_stmt *st;
	struct demo_parent *parents;
	struct field_value v[POL__MAX] = {0};
	size_t np = 0, cap = 64;
	int64_t id = 0, inspection, report, rooms[ARRAY_LEN(demo_room_notices)];
	size_t nrooms = 0;
	int rc, ret = -1;
	char d[DATE_LEN], when[32];
	arena_init(&a);
	parents = grow(&a, NULL, sizeof *parents, 0, &cap);
	st = store_stmt(s, STMT_POLICY_DEMO_PARENTS);
	store_bind_int(st, 1, who->setting_id);
	while ((rc = store_step(st)) == STORE_ROW) {
		parents = grow(&a, parents, sizeof *parents, np, &cap);
		parents[np++] = (struct demo_parent){store_col_int(st, 0), store_col_int(st, 1),
		                                     arena_strdup(&a, store_col_text(st, 2))};
	}
	store_finish(st);
	if (rc != STORE_DONE) {
		op_store_fail(e, s, rc, "reading the demo's parents");
		goto out;
	}
	for (size_t i = 0; i < ARRAY_LEN(demo_policies); i++) {
		const struct demo_policy *p = &demo_policies[i];
		int day = start - p->published, version = 0, pub2 = start - 7;
		int64_t v1;
		date_format(day, d);
		v[POL_TITLE] = (struct field_value){.present = 1, .s = p->title};
		v[POL_KIND] = (struct field_value){.present = 1, .s = p->kind};
		v[POL_PUBLISHED] = (struct field_value){.present = 1, .i = day, .s = d};
		v[POL_TEXT] = (struct field_value){.present = 1, .s = p->text};
		if (core_policy_add(s, who, v, &id, e))
			goto out;
		v1 = current_version(s, who->setting_id, id, &version, &day);
		/* the first family has signed every other policy (and version 1 of
		 * safeguarding): the portal asks it for the rest */
		for (size_t f = 0; f < np; f++)
			if ((f == 0 ? i % 2 == 1 || p->v2 : f % (size_t)p->every != 0) &&
			    demo_sign(s, who, v1, &parents[f], day + 1 + (int)(f % 9), e))
				goto out;
		if (p->v2) {
			struct field_value nv[PVER__MAX] = {0};
			date_format(pub2, when);
			nv[PVER_PUBLISHED] =
			    (struct field_value){.present = 1, .i = pub2, .s = when};
			nv[PVER_TEXT] = (struct field_value){.present = 1, .s = p->v2};
			if (core_policy_publish(s, who, id, nv, &version, e))
				goto out;
			v1 = current_version(s, who->setting_id, id, &version, &day);
			for (size_t f = 1; f < np; f += 2) /* half the families so far */
				if (demo_sign(s, who, v1, &parents[f], pub2 + (int)(f % 6), e))
					goto out;
		}
	}
	/* notices: the inspection, then the report, for everyone; one for each room */
	{ /* the date as families write it, "18/02/2026" */
		int y, m, dd;
		date_to_ymd(start - 14, &y, &m, &dd);
		snprintf(when, sizeof when, "%02d/%02d/%d", dd, m, y);
	}
	if (demo_notice(s, who, 0, arena_printf(&a, "Ofsted inspection on %s", when),
	                arena_printf(&a,
	                             "Ofsted will inspect the nursery on %s. The inspector may "
	                             "ask to talk to you at drop-off or collection about your "
	                             "child's time with us: please do share your views. The "
	                             "report will be published on the Ofsted website and we will "
	                             "share it here.",
	                             when),
	                start - 21, &inspection, e) ||
	    demo_notice(s, who, 0, "Our Ofsted report",
	                "Thank you to every family who spoke to the inspector. Ofsted judged the "
	                "nursery good in every area. The inspector wrote that \"children form warm "
	                "bonds with their key person, who knows them well\" and that \"parents "
	                "are kept well informed about their child's progress\". The full report "
	                "is on the Ofsted website; a printed copy is in the entrance.",
	                start - 3, &report, e))
		goto out;
	st = store_stmt(s, STMT_ROOM_LIST);
	store_bind_int(st, 1, who->setting_id);
	while (nrooms < ARRAY_LEN(rooms) && store_step(st) == STORE_ROW)
		rooms[nrooms++] = store_col_int(st, 0);
	store_finish(st);
	for (size_t r = 0; r < nrooms; r++)
		if (demo_notice(s, who, rooms[r], demo_room_notices[r].title,
		                demo_room_notices[r].text, start - 2 - (int)r, &id, e))
			goto out;
	/* most read the inspection notice (the first family too); a few the report */
	for (size_t f = 0; f < np; f++)
		if ((f % 4 != 3 && demo_read(s, who, inspection, parents[f].contact,
		                             start - 21 + (int)(f % 5), e)) ||
		    (f % 3 == 1 && demo_read(s, who, report, parents[f].contact, start - 3, e)))
			goto out;
	ret = 0;
out:
	arena_free(&a);
	return ret;
}
