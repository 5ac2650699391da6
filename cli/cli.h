/* cli.h - the newsarc command line: a thin layer over libnewsarc.  Each
 * cli/cmd_<name>.c defines one `const struct na_cmd na_cmd_<name>`; the
 * GNUmakefile greps them into build/cmd_list.h. */
#ifndef NA_CLI_H
#define NA_CLI_H

#include <getopt.h>
#include "newsarc.h"

struct na_cmd {
	const char *name;
	const char *summary;    /* one line for `newsarc --help` */
	const char *usage;      /* full text for `newsarc CMD --help` */
	int (*run)(int argc, char **argv);
};

/* Options every command that reads articles understands. */
enum {
	OPT_FROM = 1000, OPT_MAX_RECORD, OPT_MAX_DEPTH, OPT_MAX_ENTRIES, OPT_MAX_TOTAL,
	OPT_MAX_RATIO, OPT_MAX_SECONDS, OPT_QUIET, OPT_HELP, OPT__COMMON_END
};

#define CLI_COMMON_LONGOPTS \
	{"from", required_argument, NULL, OPT_FROM}, \
	{"option", required_argument, NULL, 'O'}, \
	{"max-record", required_argument, NULL, OPT_MAX_RECORD}, \
	{"max-depth", required_argument, NULL, OPT_MAX_DEPTH}, \
	{"max-entries", required_argument, NULL, OPT_MAX_ENTRIES}, \
	{"max-total", required_argument, NULL, OPT_MAX_TOTAL}, \
	{"max-ratio", required_argument, NULL, OPT_MAX_RATIO}, \
	{"max-seconds-per-record", required_argument, NULL, OPT_MAX_SECONDS}, \
	{"quiet", no_argument, NULL, 'q'}, \
	{"verbose", no_argument, NULL, 'v'}, \
	{"help", no_argument, NULL, 'h'}

#define CLI_COMMON_HELP \
	"  -f, --from FMT        input format (skips probing)\n" \
	"  -O FMT:KEY=VALUE      format option (see 'newsarc formats --long')\n" \
	"  --max-record BYTES    largest record, line, page or entry (default 64M)\n" \
	"  --max-depth N         deepest JSON/XML/HTML nesting (default 512)\n" \
	"  --max-entries N       most entries in one bundle (default 1000000)\n" \
	"  --max-total BYTES     most decompressed bytes per input (default 64G)\n" \
	"  --max-ratio N         highest decompression ratio (default 1000)\n" \
	"  --max-seconds-per-record S\n" \
	"                        reject an HTML page not converted in S seconds\n" \
	"                        (checked between parse stages; default: no limit)\n" \
	"  -q, --quiet           no summary line\n" \
	"  -v, --verbose         more notes (skipped files, guesses)\n" \
	"  -h, --help            this text\n"

#define CLI_EXIT_HELP \
	"Exit status:\n" \
	"  0  success: every record written (validate: every record valid)\n" \
	"  1  validate: some record invalid\n" \
	"  2  usage error\n" \
	"  3  unknown or ambiguous format\n" \
	"  4  I/O error (cannot read or write a file)\n" \
	"  5  input not well-formed, or a resource limit exceeded\n" \
	"  6  convert: some records rejected (the others were written)\n"

/* -j/--jobs, for the commands that run the ordered worker engine */
#define CLI_JOBS_LONGOPT {"jobs", required_argument, NULL, 'j'}

struct cli {
	struct na_ctx ctx;
	const char *from;
	int quiet;
	int jobs;               /* -j; default: the number of cores online, at most 256 */
	const char *prog;       /* "newsarc convert" */
};

/* Set up ctx with the stderr diagnostics printer. */
void cli_init(struct cli *c, const char *cmd);
/* Handle one common option; returns 0 when handled, 1 when not ours, -1 on
 * a bad value (reported). */
int cli_common(struct cli *c, int opt, const char *arg);
/* getopt_long over argv: each option goes to own(u, opt, arg) first
 * (0 handled, 1 not its own, -1 bad value already reported; own may be
 * NULL), then to cli_common.  Returns 0, or NA_EXIT_USAGE after freeing c. */
int cli_parse(struct cli *c, int argc, char **argv, const char *shortopts, const struct option *longopts,
              int (*own)(void *u, int opt, const char *arg), void *u);
/* Report a usage error and return NA_EXIT_USAGE. */
int cli_usage_error(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_free(struct cli *c);
/* The JSON Schema of --schema PATH, or the built-in one when PATH is NULL.
 * NULL after reporting, with *rc the exit status (I/O or usage). */
struct na_schema;
struct na_schema *cli_schema(struct cli *c, const char *path, int *rc);
/* Install SIGINT/SIGTERM handlers that remove temporary outputs. */
void cli_signals(void);
/* Called by the diagnostics printer before it writes to stderr (the
 * progress bar sets it to erase its line); NULL when unused. */
extern void (*cli_diag_hook)(void);
/* getopt_long short options for the common set. */
#define CLI_COMMON_SHORT "f:O:qvh"

#endif
