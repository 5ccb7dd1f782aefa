/*
 * powercut.c — loses nothing that was acknowledged, through power cuts and
 * disk faults (issue 11). Runs the real store and core operations on the
 * demo setting with SQLite going through the shim of vfs_cut.h:
 *
 *   power   CUTS times: arm a cut at a random write/sync, write messages and
 *           register entries (each its own transaction, as the server does)
 *           until the power fails, close, throw away everything written
 *           since each file's last sync, reopen (store_open's quick_check),
 *           and require every write that was acknowledged (committed) to be
 *           there, integrity_check and foreign keys clean, the audit chain
 *           whole.
 *   sharp   the same with PRAGMA synchronous=OFF, where SQLite never syncs:
 *           the harness must notice losses, or it proves nothing.
 *   faults  ENOSPC and EIO on a write, EIO on a sync, at many points of a
 *           write: the operation fails with an error (not acknowledged),
 *           the database stays consistent, reads still work, and the next
 *           write succeeds once the disk is back. Then the same through a
 *           served request: kw's own HTTP server, in this process on the
 *           shim, answers the faulted write with a 5xx that says so, serves
 *           the next read, and takes the next write.
 *
 * usage: powercut [--cuts N] [--seed S]; prints its figures and
 * "N passed, N failed" (each check is one count).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "core.h"
#include "core_demo.h"
#include "core_message.h"
#include "core_register.h"
#include "date.h"
#include "store.h"
#include "core_user.h"
#include "http_mhd.h"
#include "sock_client.h"
#include "vfs_cut.h"
#include "web.h"

enum ack_kind { ACK_MESSAGE, ACK_REGISTER, ACK__MAX };

struct ack {
	enum ack_kind kind;
	int64_t id;
	char text[64];
};

/* How each kind of acknowledged write is read back: id and a text that must match. */
static const char *const ack_sql[ACK__MAX] = {
    [ACK_MESSAGE] = "SELECT id, text FROM handover_message WHERE author_name = 'powercut' "
                    "ORDER BY id",
    [ACK_REGISTER] = "SELECT id, date || ' ' || event || ' ' || at FROM register_child "
                     "ORDER BY id",
};

static struct ack *acks;
static size_t acks_n, acks_cap;
static int passed, failed;
static const struct actor who = {.setting_id = 1, .name = "powercut"};
static int64_t room_id, child_id, collector_id;
static int today;

static void check(int ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		fprintf(stderr, "FAILED: %s\n", what);
	}
}

static void remember(enum ack_kind kind, int64_t id, const char *text)
{
	if (acks_n == acks_cap) {
		acks_cap = acks_cap ? 2 * acks_cap : 1024;
		acks = realloc(acks, acks_cap * sizeof *acks);
		if (!acks)
			abort();
	}
	acks[acks_n].kind = kind;
	acks[acks_n].id = id;
	snprintf(acks[acks_n].text, sizeof acks[acks_n].text, "%s", text);
	acks_n++;
}

static int64_t one_int(struct store *s, const char *sql)
{
	struct store_stmt *st = store_prepare(s, sql);
	int64_t v = -1;
	if (st && store_step(st) == STORE_ROW)
		v = store_col_int(st, 0);
	store_finish(st);
	return v;
}

/* A fresh demo database at path, made through the real VFS. */
static int make_db(const char *path)
{
	struct demo_options o = {.children = 24, .start = date_today("Europe/London")};
	struct demo_summary sum;
	struct op_error e;
	struct store *s;
	char err[512];
	if (store_open(path, STORE_OPEN_CREATE, &s, err, sizeof err) != 0) {
		fprintf(stderr, "powercut: %s\n", err);
		return -1;
	}
	o.staff = core_demo_default_staff(o.children);
	if (core_tx_begin(s, &e) || core_demo_load(s, &o, &sum, &e) || core_tx_commit(s, &e)) {
		fprintf(stderr, "powercut: demo: %s\n", e.msg);
		store_close(s);
		return -1;
	}
	room_id = one_int(s, "SELECT min(id) FROM room");
	child_id = one_int(s, "SELECT min(id) FROM child");
	collector_id =
	    one_int(s, "SELECT min(c.id) FROM contact c JOIN child ch "
	               "ON ch.family_id = c.family_id "
	               "WHERE ch.id = (SELECT min(id) FROM child) AND c.may_collect = 1");
	store_close(s);
	return room_id > 0 && child_id > 0 && collector_id > 0 ? 0 : -1;
}

/* One acknowledged-or-not write: a room message, or every fifth time a
 * child's sign-in or sign-out. 0 when committed (acknowledged). */
static int write_one(struct store *s, long serial)
{
	struct op_error e;
	int64_t id = 0;
	char text[64];
	int rc;
	if (serial % 5 == 4) {
		/* In and out in turn, a minute apart, 300 a day, going back a day at a time. */
		long k = serial / 5;
		struct register_child_entry r = {
		    .child_id = child_id,
		    .event = k % 2 ? REGISTER_OUT : REGISTER_IN,
		    .day = today - 1 - (int)(k / 300),
		    .minute = (int)(7 * 60 + k % 300),
		    .collected_by_contact = k % 2 ? collector_id : 0,
		};
		rc = core_tx_begin(s, &e) || core_register_child(s, &who, &r, &id, &e) ||
		     core_tx_commit(s, &e);
		if (rc)
			store_rollback(s);
		if (rc && getenv("KW_DEBUG"))
			fprintf(stderr, "register: %s %s\n", e.field, e.msg);
		/* A refused entry (already in, after a lost one) is not a disk
		 * matter: it is only not acknowledged. */
		if (rc == 0) {
			struct store_stmt *st =
			    store_prepare(s, "SELECT date || ' ' || event || ' ' || at FROM "
			                     "register_child WHERE id = ?");
			store_bind_int(st, 1, id);
			if (store_step(st) == STORE_ROW)
				remember(ACK_REGISTER, id, store_col_text(st, 0));
			store_finish(st);
		}
		return rc ? -1 : 0;
	}
	snprintf(text, sizeof text, "power cut test message %ld", serial);
	{
		struct message_new m = {.room_id = room_id,
		                        .day = today,
		                        .source = "staff",
		                        .author = "powercut",
		                        .text = text};
		rc = core_tx_begin(s, &e) || core_message_add(s, &who, &m, &id, &e) ||
		     core_tx_commit(s, &e);
	}
	if (rc) {
		store_rollback(s);
		return -1;
	}
	remember(ACK_MESSAGE, id, text);
	return 0;
}

/* Open the database and count acknowledged writes that are missing; -1 when
 * it does not open or is not consistent. */
static long verify(const char *path, int full)
{
	struct store *s;
	struct store_stmt *st;
	char err[512], msg[1024];
	int64_t bad;
	long missing = 0;
	if (store_open(path, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0) {
		fprintf(stderr, "powercut: reopen: %s\n", err);
		return -1;
	}
	/* The rows as they are, by id; each acknowledged write looked up. */
	for (int k = 0; k < ACK__MAX; k++) {
		struct ack *have = NULL;
		size_t n = 0, cap = 0;
		st = store_prepare(s, ack_sql[k]);
		while (st && store_step(st) == STORE_ROW) {
			if (n == cap) {
				cap = cap ? 2 * cap : 1024;
				have = realloc(have, cap * sizeof *have);
				if (!have)
					abort();
			}
			have[n].id = store_col_int(st, 0);
			snprintf(have[n].text, sizeof have[n].text, "%s", store_col_text(st, 1));
			n++;
		}
		store_finish(st);
		for (size_t i = 0; i < acks_n; i++) {
			size_t lo = 0, hi = n;
			if (acks[i].kind != (enum ack_kind)k)
				continue;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (have[mid].id < acks[i].id)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == n || have[lo].id != acks[i].id ||
			    strcmp(have[lo].text, acks[i].text))
				missing++;
		}
		free(have);
	}
	if (full && (store_check(s, msg, sizeof msg) != 0 || audit_verify(s, 1, &bad) != 0)) {
		fprintf(stderr, "powercut: not consistent after a cut: %s\n", msg);
		store_close(s);
		return -1;
	}
	store_close(s);
	return missing;
}

/* cuts power cuts on the database at path; returns the acknowledged writes lost. */
static long run_cuts(const char *path, int cuts, int sync_off, long *writes, long *bytes_dropped)
{
	long lost = 0, serial = 0;
	for (int c = 0; c < cuts; c++) {
		struct store *s;
		char err[512];
		long dropped, missing;
		if (store_open(path, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0) {
			fprintf(stderr, "powercut: open after cut %d: %s\n", c, err);
			return -1;
		}
		if (sync_off) {
			struct store_stmt *st = store_prepare(s, "PRAGMA synchronous = OFF");
			(void)store_step(st);
			store_finish(st);
		}
		vfs_cut_arm_power(1 + rand() % 240);
		for (int i = 0; i < 400 && !vfs_cut_dead(); i++) {
			if (write_one(s, serial++) == 0)
				(*writes)++;
		}
		if (!vfs_cut_dead()) { /* the writes ended first: cut now */
			vfs_cut_arm_power(1);
			(void)write_one(s, serial++);
		}
		store_close(s);
		dropped = vfs_cut_power_restore();
		if (dropped < 0) {
			fprintf(stderr, "powercut: restore failed after cut %d\n", c);
			return -1;
		}
		*bytes_dropped += dropped;
		/* Full checks every tenth cut and at the end; acknowledged writes every time. */
		missing = verify(path, c % 10 == 0 || c == cuts - 1);
		if (missing < 0)
			return -1;
		if (missing > lost)
			lost = missing;
		if (sync_off && lost > 0)
			return lost; /* the harness saw it: enough */
	}
	return lost;
}

static const char *const fault_name[FAULT__MAX] = {
    [FAULT_WRITE_ENOSPC] = "ENOSPC on write",
    [FAULT_WRITE_EIO] = "EIO on write",
    [FAULT_SYNC_EIO] = "EIO on fsync",
};

/* Each fault at points 1..points of a write: refused, consistent, readable, recovers. */
static void run_faults(const char *path, int points, int *refused, int *recovered)
{
	for (int f = 0; f < FAULT__MAX; f++) {
		for (int at = 1; at <= points; at++) {
			struct store *s;
			char err[512], msg[1024], what[128];
			size_t before = acks_n;
			int rc;
			int64_t rows_before, rows_after;
			if (store_open(path, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0) {
				check(0, "open before a fault");
				return;
			}
			rows_before = one_int(s, "SELECT count(*) FROM handover_message");
			vfs_cut_arm_fault((enum vfs_fault)f, at);
			rc = write_one(s, 0);
			if (!vfs_cut_fault_fired()) {
				/* The write needed fewer operations than at: nothing to see. */
				vfs_cut_arm_fault((enum vfs_fault)f, 0);
				store_close(s);
				continue;
			}
			snprintf(what, sizeof what, "%s at operation %d: the write is refused",
			         fault_name[f], at);
			check(rc != 0, what);
			if (rc == 0)
				acks_n = before + 1; /* keep it: it was acknowledged */
			(*refused) += rc != 0;
			/* Reads still work, and see no half-written row. */
			rows_after = one_int(s, "SELECT count(*) FROM handover_message");
			snprintf(what, sizeof what,
			         "%s at operation %d: reads go on, nothing half-written",
			         fault_name[f], at);
			check(rows_after == rows_before + (rc == 0), what);
			/* The disk is back: the next write works and the file is consistent. */
			snprintf(what, sizeof what, "%s at operation %d: the next write succeeds",
			         fault_name[f], at);
			check(write_one(s, 0) == 0, what);
			snprintf(what, sizeof what,
			         "%s at operation %d: integrity and foreign keys", fault_name[f],
			         at);
			check(store_check(s, msg, sizeof msg) == 0, what);
			store_close(s);
			(*recovered)++;
		}
	}
}

/* The value of the first name="NAME" value="..." in html, into out. */
static int form_value(const char *html, const char *name, char *out, size_t n)
{
	char needle[64];
	const char *p, *end;
	snprintf(needle, sizeof needle, "name=\"%s\" value=\"", name);
	p = html ? strstr(html, needle) : NULL;
	if (!p)
		return -1;
	p += strlen(needle);
	end = strchr(p, '"');
	if (!end || (size_t)(end - p) >= n)
		return -1;
	snprintf(out, n, "%.*s", (int)(end - p), p);
	return 0;
}

/* Disk faults through a served request, on the database at path. */
static void run_http_faults(const char *path)
{
	static const char password[] = "bluebell rainy tuesday";
	struct server srv;
	struct http_listen l = {.address = "127.0.0.1",
	                        .threads = 1,
	                        .max_connections = 64,
	                        .max_per_ip = 64,
	                        .timeout_s = 10};
	struct http_server *hs;
	struct sock_reply r;
	char err[512], pre[256] = "", cookie[256] = "", csrf[128], body[512], extra[512];
	{ /* a manager to sign in as */
		struct store *s;
		struct op_error e;
		int64_t id;
		struct user_new u = {.username = "faults",
		                     .display_name = "Disk faults",
		                     .password = password,
		                     .roles = 1u << ROLE_MANAGER};
		if (store_open(path, STORE_OPEN_EXISTING, &s, err, sizeof err) != 0) {
			check(0, "open for the served faults");
			return;
		}
		u.staff_id = one_int(s, "SELECT min(id) FROM staff");
		if (core_tx_begin(s, &e) || core_user_add(s, &who, &u, &id, &e) ||
		    core_tx_commit(s, &e))
			check(0, "add the user for the served faults");
		store_close(s);
	}
	l.port = sock_free_port();
	if (server_init(&srv, path, 1, err, sizeof err) != 0 ||
	    !(hs = http_server_start(&srv, &l, err, sizeof err))) {
		fprintf(stderr, "powercut: serving: %s\n", err);
		check(0, "serve the database");
		return;
	}
	/* sign in like a browser */
	if (sock_request(l.port, "GET", "/signin", NULL, NULL, &r) == 0) {
		char *c = sock_header(&r, "Set-Cookie", 0);
		if (c)
			snprintf(pre, sizeof pre, "%.*s", (int)strcspn(c, ";"), c);
		free(c);
		if (form_value(r.body, "csrf", csrf, sizeof csrf) != 0)
			csrf[0] = '\0';
	}
	sock_reply_free(&r);
	snprintf(body, sizeof body, "csrf=%s&username=faults&password=bluebell+rainy+tuesday",
	         csrf);
	snprintf(extra, sizeof extra,
	         "Cookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n", pre);
	if (sock_request(l.port, "POST", "/signin", extra, body, &r) == 0)
		for (int i = 0; i < 3; i++) {
			char *c = sock_header(&r, "Set-Cookie", i);
			if (c && strncmp(c, "kw=", 3) == 0)
				snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(c, ";"), c);
			free(c);
		}
	sock_reply_free(&r);
	snprintf(extra, sizeof extra, "Cookie: %s\r\n", cookie);
	if (sock_request(l.port, "GET", "/password", extra, NULL, &r) != 0 ||
	    form_value(r.body, "csrf", csrf, sizeof csrf) != 0)
		csrf[0] = '\0';
	sock_reply_free(&r);
	check(cookie[0] && csrf[0], "sign in to the served database");
	for (int f = 0; f < FAULT__MAX && cookie[0] && csrf[0]; f++) {
		char what[160], get_extra[300];
		int failed_status;
		snprintf(get_extra, sizeof get_extra, "Cookie: %s\r\n", cookie);
		snprintf(extra, sizeof extra,
		         "Cookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n",
		         cookie);
		snprintf(body, sizeof body,
		         "csrf=%s&for=room:%lld&source=staff&text=served+fault+%d", csrf,
		         (long long)room_id, f);
		vfs_cut_arm_fault((enum vfs_fault)f, 1);
		(void)sock_request(l.port, "POST", "/messages", extra, body, &r);
		failed_status = r.status;
		snprintf(what, sizeof what, "%s through HTTP: answered %d, a 5xx that says why",
		         fault_name[f], r.status);
		check(vfs_cut_fault_fired() && r.status >= 500 && r.status <= 599 && r.body &&
		          strlen(r.body) > 0,
		      what);
		sock_reply_free(&r);
		vfs_cut_arm_fault((enum vfs_fault)f, 0);
		(void)sock_request(l.port, "GET", "/messages", get_extra, NULL, &r);
		snprintf(what, sizeof what, "%s through HTTP: the next read is served (%d)",
		         fault_name[f], r.status);
		check(r.status == 200, what);
		sock_reply_free(&r);
		(void)sock_request(l.port, "POST", "/messages", extra, body, &r);
		snprintf(what, sizeof what, "%s through HTTP: the next write is taken (%d)",
		         fault_name[f], r.status);
		check(r.status == 303, what);
		sock_reply_free(&r);
		printf("disk faults served: %s: the write answered %d, the next read 200, the next "
		       "write 303\n",
		       fault_name[f], failed_status);
	}
	http_server_stop(hs);
	server_free(&srv);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"cuts", required_argument, NULL, 'c'},
	    {"seed", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	char dir[] = "/tmp/kw-powercut.XXXXXX", db[256], db_off[256];
	long cuts = 1000, writes = 0, writes_off = 0, dropped = 0, dropped_off = 0, lost;
	unsigned seed = (unsigned)time(NULL);
	int c, refused = 0, recovered = 0;
	struct timespec t0, t1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;
		if (c == 'c')
			cuts = strtol(optarg, &end, 10);
		else if (c == 's')
			seed = (unsigned)strtoul(optarg, &end, 10);
		else
			return 2;
	}
	srand(seed);
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(db, sizeof db, "%s/cut.db", dir);
	snprintf(db_off, sizeof db_off, "%s/cut-sync-off.db", dir);
	today = date_today("Europe/London");
	if (make_db(db) != 0 || make_db(db_off) != 0 || vfs_cut_install() != 0)
		return 2;
	printf("power cuts: seed %u, %ld cuts\n", seed, cuts);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	lost = run_cuts(db, (int)cuts, 0, &writes, &dropped);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check(lost == 0,
	      "power cuts: every acknowledged write survives, the file stays consistent");
	printf("power cuts: %ld cuts, %ld acknowledged writes (%zu checked after every "
	       "cut), %ld bytes of unsynced writes dropped, %ld acknowledged writes lost, %.1f s\n",
	       cuts, writes, acks_n, dropped, lost < 0 ? 0 : lost,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);

	/* The harness is sharp: without syncs it must see losses. */
	acks_n = 0;
	lost = run_cuts(db_off, 200, 1, &writes_off, &dropped_off);
	check(lost > 0, "synchronous=OFF: the harness detects lost acknowledged writes");
	printf("sharpness: with synchronous=OFF the harness found %ld acknowledged writes lost\n",
	       lost);

	/* Disk faults, on the first database (its acknowledged writes restored). */
	acks_n = 0;
	run_faults(db, 40, &refused, &recovered);
	check(refused > 0, "disk faults: some faults hit a write");
	printf("disk faults: %d faulted writes refused with an error, %d recovered (reads went on, "
	       "next write succeeded, integrity ok)\n",
	       refused, recovered);
	run_http_faults(db);
	vfs_cut_uninstall();
	{
		long missing = verify(db, 1);
		check(missing == 0, "after the faults: every acknowledged write is there");
	}
	unlink(db);
	unlink(db_off);
	{
		char p[300];
		snprintf(p, sizeof p, "%s-wal", db);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", db);
		unlink(p);
		snprintf(p, sizeof p, "%s-wal", db_off);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", db_off);
		unlink(p);
	}
	rmdir(dir);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
