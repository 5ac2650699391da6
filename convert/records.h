/* records.h - the ordered record engine under na_convert, for commands that
 * consume records rather than write them (validate).  Private to libnewsarc
 * and the newsarc command.
 *
 * Inputs are walked as convert walks them (directories in byte order, files
 * nobody claims skipped), probed and read; with jobs > 1 worker threads read
 * whole files or chunks of large plain files (a format's split hook: JSONL
 * lines, the items of a NewsML-G2 newsMessage), and run
 * after_read on every record, while the main thread gets everything else in
 * input order, so what the callbacks see is the same with any number of
 * jobs. */
#ifndef NA_RECORDS_H
#define NA_RECORDS_H

#include "newsarc.h"

struct na_format;

struct na_records_ops {
	void *user;
	/* Reader-thread state: thread_init is called once in every thread that
	 * reads (the workers, or the main thread with one job), thread_fini in
	 * the same thread at its end.  Both optional. */
	void *(*thread_init)(void *user);
	void (*thread_fini)(void *user, void *tls);
	/* Reader thread, right after each record is read (rc NA_OK, or
	 * NA_FAILED for a record that could not be read).  Diagnostics it
	 * reports through c belong to the record (in_record = 1 below).
	 * Optional. */
	void (*after_read)(void *user, void *tls, struct na_ctx *c, const struct na_article *a, int rc);
	/* Main thread, in input order.  in_record: reported while a record was
	 * being read (or by after_read), else about an input as a whole. */
	void (*diag)(void *user, const struct na_diag *d, int in_record);
	/* One record; a is the article read (for NA_FAILED, what the reader left
	 * in it), or with id_only set, an article holding only its id, pos and
	 * fpos[NA_F_ID].  Return
	 * non-zero to stop the run. */
	int (*record)(void *user, const struct na_article *a, int rc);
	/* An input's records are all read (its end was reached). */
	void (*end_input)(void *user);
	/* An input failed as a whole: NA_EXIT_IO, NA_EXIT_FORMAT or
	 * NA_EXIT_PARSE (the reader could not go on). */
	void (*fail)(void *user, int code);
	/* Optional, honoured with one job only: called with each opened input
	 * before it is probed; may return another input to read instead (closed
	 * by the engine after use), or in itself. */
	struct na_input *(*open)(void *user, struct na_ctx *c, struct na_input *in, const char *path);
	/* record() reads nothing but a->id, a->pos and a->fpos[NA_F_ID]:
	 * workers hand over only those (validate: copying whole articles to the
	 * main thread cost more than checking them there). */
	int id_only;
};

/* Read every record of inputs (none: standard input) with `from` (NULL:
 * probe).  Returns NA_EXIT_OK, or NA_EXIT_IO when a directory could not be
 * read; everything else is told to the callbacks. */
int na_records_run(struct na_ctx *c, const struct na_format *from, const struct na_records_ops *ops, int jobs,
                   char *const *inputs, size_t ninputs);

#endif
