/*
 * web.h — what a page or API handler receives: the request and response,
 * a database connection for this request, the signed-in person (their
 * setting, roles, and who they are there: a member of staff or a parent's
 * contact), the route's captured ids, and the arena. Handlers parse input,
 * call authz and core operations, and render; they never decide access
 * themselves (authz.c does).
 */
#ifndef KW_WEB_H
#define KW_WEB_H

#include <jansson.h>

#include "core.h"
#include "core_setting.h"
#include "http.h"

struct server {
	const char *db_path;
	int tls;
	int pool_size;
	struct store **pool; /* connections not in use */
	int pool_free;
	void *pool_lock; /* pthread_mutex_t */
	void *pool_cond; /* pthread_cond_t */
};

int server_init(struct server *srv, const char *db_path, int pool_size, char *err,
                size_t n) WARN_UNUSED;
void server_free(struct server *srv);
struct store *server_store_get(struct server *srv);
void server_store_put(struct server *srv, struct store *s);

struct me {
	int signed_in;
	int64_t user_id, setting_id, staff_id, contact_id;
	unsigned roles; /* bit (1 << enum role) */
	int must_change;
	char username[101];
	char display_name[201];
	char csrf[64];
	char token_hash[129];
};

/* What one request asks again and again (authz.c: whether each child of a
 * list is in the setting, its room and family): read once, on the second
 * question, into the request's arena, instead of one query per child. */
struct web_memo {
	unsigned child_lookups;
	struct child_place *places; /* the setting's children, by id */
	size_t nplaces;
	unsigned staff_lookups; /* page_setup_staff_name: the same for staff names */
	struct staff_name *staff;
	size_t nstaff;
	unsigned note_lookups; /* page_family.c: the open health notes of note_day */
	int note_day;
	struct note_flag *notes;
	size_t nnotes;
};

struct web {
	struct server *srv;
	struct http_request *req;
	struct http_response *resp;
	struct store *s;
	struct arena *a;
	struct me me;
	struct setting setting;
	struct actor who;
	int api;                    /* a /api/v1 request: answer JSON */
	int64_t id[3];              /* numeric ids captured by the route */
	const char *arg;            /* a :name captured by the route */
	const char *field_error[2]; /* field, message: shown beside the field */
	struct web_memo memo;
};

/* Answers (each sets status and body; return 0 so handlers can `return web_...`). */
int web_error(struct web *w, int status, const char *field, const char *fmt, ...) PRINTF_LIKE(4, 5);
int web_op_error(struct web *w, const struct op_error *e);
int web_redirect(struct web *w, const char *fmt, ...) PRINTF_LIKE(2, 3);
int web_json(struct web *w, int status, json_t *j); /* steals j */
/* A form field (the query for GET and HEAD, only the body otherwise), or "" */
const char *web_field(struct web *w, const char *name);
/* A field of the body only, never of the query string: for passwords and
 * other secrets, which must not travel in URLs (logs, history, Referer). */
const char *web_body_field(struct web *w, const char *name);

#endif
