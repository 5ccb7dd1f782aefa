/*
 * vfs_cut.h — an SQLite VFS shim for the reliability tests: it passes every
 * call to the real (unix) VFS and remembers, per file, what each write and
 * truncate replaced since that file was last synced. Two things can then be
 * done to a running store:
 *
 *   - a power cut (vfs_cut_arm_power): after the chosen number of writes,
 *     truncates and syncs, every further one fails, as if the machine had
 *     stopped; vfs_cut_power_restore() then puts back what each file held at
 *     its last sync (everything written since is lost, as on a disk whose
 *     cache was never flushed) and drops the shared-memory index, which
 *     lives in RAM;
 *   - a disk fault (vfs_cut_arm_fault): the chosen write or sync fails once
 *     with ENOSPC (SQLITE_FULL) or EIO (SQLITE_IOERR), and the disk works
 *     again afterwards.
 *
 * Real fsyncs are skipped: durability is what the shim simulates, so a
 * thousand cuts run in seconds.
 */
#ifndef KW_VFS_CUT_H
#define KW_VFS_CUT_H

enum vfs_fault { FAULT_WRITE_ENOSPC, FAULT_WRITE_EIO, FAULT_SYNC_EIO, FAULT__MAX };

/* Register the shim as SQLite's default VFS (0, or -1). */
int vfs_cut_install(void);
/* Make the real VFS the default again. */
void vfs_cut_uninstall(void);
/* Power fails at the n-th write, truncate or sync from now (n >= 1). */
void vfs_cut_arm_power(long n);
/* Has the power failed? */
int vfs_cut_dead(void);
/* After the store is closed: put every file back as at its last sync.
 * Returns the number of bytes thrown away, or -1 on an I/O error. */
long vfs_cut_power_restore(void);
/* The n-th write (or sync, for FAULT_SYNC_EIO) from now fails once. */
void vfs_cut_arm_fault(enum vfs_fault f, long n);
/* Has the armed fault been delivered? */
int vfs_cut_fault_fired(void);
/* Counters: writes, syncs seen since install. */
long vfs_cut_writes(void);
long vfs_cut_syncs(void);

#endif
