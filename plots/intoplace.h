/*
 * intoplace.h — finished files moved over the ones they replace, each in one step, and the
 * replaced ones removed.
 *
 * The briefing is written into a staging directory and its files then moved into place one by
 * one (report.h). A plain rename would do, but on ext4 (its default auto_da_alloc) a file
 * renamed over an existing one is written out to disk at once, the renaming process waiting
 * for it: re-writing a national briefing into its own directory (30,000 unit pages, 900 MB)
 * took a third longer than writing it into an empty one, most of it in those waits. Exchanging
 * the two files (renameat2 RENAME_EXCHANGE) is not flushed. Where the system or the file
 * system cannot exchange, or nothing is there to replace, it is a rename.
 *
 * Either way a reader sees the old file or the new one, whole, at every moment, and an
 * interrupted run leaves one or the other. Neither way syncs: a crash of the machine soon after
 * may leave a file empty, as any unsynced write may; a briefing is made again from its data.
 *
 * Removing a replaced file waits for the disk where the file system is mounted with online
 * discard (every freed block is discarded before the removal returns): 30,000 of them took
 * 4.2–4.5 s one at a time and 1.6–2.1 s four at a time. So a caller replacing many files may
 * leave the old ones where the new came from and remove them together with bk_remove_files.
 *
 * Errors: bk_move_into_place returns 0, or -1 with errno set; FROM is then where it was, TO
 * untouched.
 */
#ifndef BK_INTOPLACE_H
#define BK_INTOPLACE_H

#include <stdbool.h>
#include <stddef.h>

/* Moves FROM over TO. The file it replaces is removed, or with KEEP_OLD left at FROM. */
int bk_move_into_place(const char *from, const char *to, bool keep_old);

/* Writes the path of file I into BUF (SIZE bytes); false when it does not fit. */
typedef bool (*bk_path_of)(size_t i, char *buf, size_t size, const void *context);

/* Removes the files 0 … N-1 that PATH_OF names, on up to THREADS threads at once (fewer, down
 * to the calling one alone, when a thread cannot be started). Returns how many could not be
 * removed (or named); a file already gone is not among them. */
size_t bk_remove_files(size_t n, bk_path_of path_of, const void *context, unsigned threads);

#endif
