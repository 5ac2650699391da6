/* progress.h - the progress line of long runs (convert, stats).
 *
 * On a terminal (isatty(2)) and without --quiet, a one-line bar on stderr is
 * redrawn at most ten times a second: records, bytes, rate and, when the
 * input size is known, percentage and ETA.  NO_COLOR (or TERM=dumb) turns the
 * colour off; the line is erased with spaces, so no other escape sequence is
 * ever written.  SIGUSR1 prints the status as a plain line at the next record,
 * even when stderr is not a terminal and with --quiet. */
#ifndef NA_CLI_PROGRESS_H
#define NA_CLI_PROGRESS_H

#include "cli.h"

struct cli_progress {
	const char *prog;       /* "newsarc convert", prefix of SIGUSR1 lines */
	int bar;                /* draw the bar (TTY, not quiet) */
	int color;
	double start, last;     /* monotonic seconds */
	size_t shown;           /* columns of bar text on screen now */
	/* last values seen, for the final clear and SIGUSR1 */
	unsigned long read, rejected;
	long long bytes, total;
};

/* Decide whether to draw (stderr a TTY, not quiet), install the SIGUSR1
 * handler and hook the diagnostics printer so it erases the bar first. */
void cli_progress_start(struct cli_progress *p, const struct cli *c);
/* The na_convert_opts.progress callback; user is the struct cli_progress. */
void cli_progress_update(void *user, const struct na_convert_stats *st, long long bytes,
                         long long total);
/* Erase the bar (before the summary) and unhook the diagnostics printer.
 * The SIGUSR1 handler stays installed (a late signal must not kill the
 * process) but nothing is printed any more. */
void cli_progress_stop(struct cli_progress *p);
/* Format the status text ("1,234 records, 5.0 MiB of 9.0 MiB (55%), ...")
 * into buf; returns its length.  compact: the shorter form of the bar. */
size_t cli_progress_status(const struct cli_progress *p, double now, int compact, char *buf,
                           size_t size);

#endif
