/*
 * vfs_cut.c — the power-cut and disk-fault VFS shim of vfs_cut.h.
 *
 * Every file SQLite opens through the shim is the real file plus a small
 * header; writes go straight through, but before each write (or truncate)
 * the bytes it replaces and the file's size are kept in an undo log, per
 * file name. A sync of a file forgets that file's undo entries: from then on
 * its contents are durable. A power cut stops all further writes; restoring
 * replays the undo log backwards with plain pwrite/ftruncate, which leaves
 * each file exactly as it was at its last sync. The shared-memory wal-index
 * (the -shm file) is RAM in a real cut, so it is removed and SQLite rebuilds
 * it from the WAL on the next open, as after a reboot.
 */
#define _GNU_SOURCE
#include "vfs_cut.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct undo {
	char path[PATH_MAX];
	long long size_before; /* the file's size before the change */
	long long off;         /* where old bytes go back */
	unsigned char *old;    /* bytes the change replaced (within size_before) */
	size_t n;
};

struct cut_file {
	sqlite3_file base;
	sqlite3_file *real; /* follows this struct in the same allocation */
	char path[PATH_MAX];
	int tracked; /* main db, WAL or journal: not temp files */
};

static sqlite3_vfs *real_vfs;
static sqlite3_vfs cut_vfs;
static struct undo *undo;
static size_t undo_n, undo_cap;
static long power_at; /* 0: no cut armed */
static long ops;      /* writes + truncates + syncs since arming */
static int dead;      /* the power is off */
static enum vfs_fault fault_kind;
static long fault_at; /* 0: no fault armed */
static long fault_ops;
static int fault_fired;
static long n_writes, n_syncs;
static char shm_paths[8][PATH_MAX];
static size_t shm_n;

static void undo_push(struct cut_file *f, long long size_before, long long off, long long end)
{
	struct undo *u;
	if (undo_n == undo_cap) {
		undo_cap = undo_cap ? 2 * undo_cap : 256;
		undo = realloc(undo, undo_cap * sizeof *undo);
		if (!undo)
			abort();
	}
	u = &undo[undo_n++];
	snprintf(u->path, sizeof u->path, "%s", f->path);
	u->size_before = size_before;
	u->off = off;
	if (end > size_before)
		end = size_before;
	u->n = end > off ? (size_t)(end - off) : 0;
	u->old = NULL;
	if (u->n) {
		u->old = malloc(u->n);
		if (!u->old ||
		    f->real->pMethods->xRead(f->real, u->old, (int)u->n, off) != SQLITE_OK)
			abort();
	}
}

/* A sync makes everything written to that file durable. */
static void undo_forget(const char *path)
{
	size_t j = 0;
	for (size_t i = 0; i < undo_n; i++) {
		if (strcmp(undo[i].path, path) == 0) {
			free(undo[i].old);
			continue;
		}
		undo[j++] = undo[i];
	}
	undo_n = j;
}

/* Count one write, truncate or sync toward the armed cut; 1 when the power is now off. */
static int power_tick(void)
{
	if (dead)
		return 1;
	if (power_at && ++ops >= power_at)
		dead = 1;
	return dead;
}

/* Count one write (or sync) toward the armed fault; the error code, or SQLITE_OK. */
static int fault_tick(int is_sync)
{
	if (!fault_at || fault_fired || (fault_kind == FAULT_SYNC_EIO) != is_sync)
		return SQLITE_OK;
	if (++fault_ops < fault_at)
		return SQLITE_OK;
	fault_fired = 1;
	switch (fault_kind) {
	case FAULT_WRITE_ENOSPC:
		return SQLITE_FULL;
	case FAULT_WRITE_EIO:
		return SQLITE_IOERR_WRITE;
	case FAULT_SYNC_EIO:
		return SQLITE_IOERR_FSYNC;
	case FAULT__MAX:
		break;
	}
	return SQLITE_OK;
}

static int c_close(sqlite3_file *pf)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xClose(f->real);
}

static int c_read(sqlite3_file *pf, void *buf, int amt, sqlite3_int64 off)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xRead(f->real, buf, amt, off);
}

static int c_write(sqlite3_file *pf, const void *buf, int amt, sqlite3_int64 off)
{
	struct cut_file *f = (struct cut_file *)pf;
	sqlite3_int64 size = 0;
	int rc;
	n_writes++;
	if (f->tracked && power_tick())
		return SQLITE_IOERR_WRITE;
	if ((rc = fault_tick(0)) != SQLITE_OK)
		return rc;
	if (f->tracked) {
		if (f->real->pMethods->xFileSize(f->real, &size) != SQLITE_OK)
			return SQLITE_IOERR_WRITE;
		undo_push(f, size, off, off + amt);
	}
	return f->real->pMethods->xWrite(f->real, buf, amt, off);
}

static int c_truncate(sqlite3_file *pf, sqlite3_int64 size)
{
	struct cut_file *f = (struct cut_file *)pf;
	sqlite3_int64 was = 0;
	if (f->tracked && power_tick())
		return SQLITE_IOERR_TRUNCATE;
	if (f->tracked) {
		if (f->real->pMethods->xFileSize(f->real, &was) != SQLITE_OK)
			return SQLITE_IOERR_TRUNCATE;
		undo_push(f, was, size, was);
	}
	return f->real->pMethods->xTruncate(f->real, size);
}

static int c_sync(sqlite3_file *pf, int flags)
{
	struct cut_file *f = (struct cut_file *)pf;
	int rc;
	(void)flags;
	n_syncs++;
	if (f->tracked && power_tick())
		return SQLITE_IOERR_FSYNC;
	if ((rc = fault_tick(1)) != SQLITE_OK)
		return rc;
	if (f->tracked)
		undo_forget(f->path);
	return SQLITE_OK; /* durability is simulated: no real fsync */
}

static int c_file_size(sqlite3_file *pf, sqlite3_int64 *size)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xFileSize(f->real, size);
}

static int c_lock(sqlite3_file *pf, int lock)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xLock(f->real, lock);
}

static int c_unlock(sqlite3_file *pf, int lock)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xUnlock(f->real, lock);
}

static int c_check_reserved(sqlite3_file *pf, int *out)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int c_file_control(sqlite3_file *pf, int op, void *arg)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int c_sector_size(sqlite3_file *pf)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xSectorSize(f->real);
}

static int c_device_chars(sqlite3_file *pf)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int c_shm_map(sqlite3_file *pf, int pg, int pgsz, int extend, void volatile **pp)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xShmMap(f->real, pg, pgsz, extend, pp);
}

static int c_shm_lock(sqlite3_file *pf, int offset, int n, int flags)
{
	struct cut_file *f = (struct cut_file *)pf;
	return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void c_shm_barrier(sqlite3_file *pf)
{
	struct cut_file *f = (struct cut_file *)pf;
	f->real->pMethods->xShmBarrier(f->real);
}

static int c_shm_unmap(sqlite3_file *pf, int delete_flag)
{
	struct cut_file *f = (struct cut_file *)pf;
	/* After a cut the index is RAM that is gone: never let close delete or
	 * tidy it; restore removes it. */
	return f->real->pMethods->xShmUnmap(f->real, dead ? 0 : delete_flag);
}

static int c_fetch(sqlite3_file *pf, sqlite3_int64 off, int amt, void **pp)
{
	(void)pf;
	(void)off;
	(void)amt;
	*pp = NULL; /* no memory-mapped reads: every read goes through xRead */
	return SQLITE_OK;
}

static int c_unfetch(sqlite3_file *pf, sqlite3_int64 off, void *p)
{
	(void)pf;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods cut_io = {
    .iVersion = 3,
    .xClose = c_close,
    .xRead = c_read,
    .xWrite = c_write,
    .xTruncate = c_truncate,
    .xSync = c_sync,
    .xFileSize = c_file_size,
    .xLock = c_lock,
    .xUnlock = c_unlock,
    .xCheckReservedLock = c_check_reserved,
    .xFileControl = c_file_control,
    .xSectorSize = c_sector_size,
    .xDeviceCharacteristics = c_device_chars,
    .xShmMap = c_shm_map,
    .xShmLock = c_shm_lock,
    .xShmBarrier = c_shm_barrier,
    .xShmUnmap = c_shm_unmap,
    .xFetch = c_fetch,
    .xUnfetch = c_unfetch,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *pf, int flags, int *out_flags)
{
	struct cut_file *f = (struct cut_file *)pf;
	int rc;
	(void)vfs;
	memset(f, 0, sizeof *f);
	f->real = (sqlite3_file *)(f + 1);
	rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	if (rc != SQLITE_OK) {
		f->base.pMethods = NULL;
		return rc;
	}
	if (name) {
		snprintf(f->path, sizeof f->path, "%s", name);
		f->tracked =
		    (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) !=
		    0;
		if ((flags & SQLITE_OPEN_MAIN_DB) && shm_n < 8)
			snprintf(shm_paths[shm_n++], PATH_MAX, "%s-shm", name);
	}
	f->base.pMethods = &cut_io;
	return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	if (dead)
		return SQLITE_IOERR_DELETE;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void v_dlerror(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void v_dlclose(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	real_vfs->xDlClose(real_vfs, h);
}

static int v_random(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int v_current_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, t);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, msg);
}

static int v_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

int vfs_cut_install(void)
{
	if (!real_vfs) {
		real_vfs = sqlite3_vfs_find("unix");
		if (!real_vfs)
			return -1;
		cut_vfs = (sqlite3_vfs){
		    .iVersion = 2,
		    .szOsFile = (int)sizeof(struct cut_file) + real_vfs->szOsFile,
		    .mxPathname = real_vfs->mxPathname,
		    .zName = "kw-cut",
		    .xOpen = v_open,
		    .xDelete = v_delete,
		    .xAccess = v_access,
		    .xFullPathname = v_full_path,
		    .xDlOpen = v_dlopen,
		    .xDlError = v_dlerror,
		    .xDlSym = v_dlsym,
		    .xDlClose = v_dlclose,
		    .xRandomness = v_random,
		    .xSleep = v_sleep,
		    .xCurrentTime = v_current_time,
		    .xGetLastError = v_last_error,
		    .xCurrentTimeInt64 = v_current_time64,
		};
	}
	return sqlite3_vfs_register(&cut_vfs, 1) == SQLITE_OK ? 0 : -1;
}

void vfs_cut_uninstall(void)
{
	sqlite3_vfs_unregister(&cut_vfs);
	if (real_vfs)
		sqlite3_vfs_register(real_vfs, 1);
}

void vfs_cut_arm_power(long n)
{
	power_at = n;
	ops = 0;
	dead = 0;
}

int vfs_cut_dead(void)
{
	return dead;
}

long vfs_cut_power_restore(void)
{
	long lost = 0;
	for (size_t i = undo_n; i-- > 0;) {
		struct undo *u = &undo[i];
		int fd = open(u->path, O_RDWR | O_CLOEXEC);
		struct stat st;
		if (fd < 0 || fstat(fd, &st) != 0) {
			if (fd >= 0)
				close(fd);
			return -1;
		}
		if (st.st_size > u->size_before)
			lost += (long)(st.st_size - u->size_before);
		if (ftruncate(fd, u->size_before) != 0 ||
		    (u->n && pwrite(fd, u->old, u->n, u->off) != (ssize_t)u->n)) {
			close(fd);
			return -1;
		}
		lost += (long)u->n;
		close(fd);
		free(u->old);
	}
	undo_n = 0;
	for (size_t i = 0; i < shm_n; i++)
		if (unlink(shm_paths[i]) != 0 && errno != ENOENT)
			return -1;
	shm_n = 0;
	power_at = 0;
	ops = 0;
	dead = 0;
	return lost;
}

void vfs_cut_arm_fault(enum vfs_fault f, long n)
{
	fault_kind = f;
	fault_at = n;
	fault_ops = 0;
	fault_fired = 0;
}

int vfs_cut_fault_fired(void)
{
	return fault_fired;
}

long vfs_cut_writes(void)
{
	return n_writes;
}

long vfs_cut_syncs(void)
{
	return n_syncs;
}
