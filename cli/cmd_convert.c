/* cmd_convert.c - newsarc convert */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "progress.h"

static int run(int argc, char **argv)
{
	enum { OPT_REJECTS = OPT__COMMON_END, OPT_FAIL_FAST };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"rejects", required_argument, NULL, OPT_REJECTS},
		{"fail-fast", no_argument, NULL, OPT_FAIL_FAST},
		{0, 0, 0, 0},
	};
	struct cli c;
	cli_init(&c, "newsarc convert");
	struct na_convert_opts o = {0};
	int opt, rc;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "t:o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 't': o.to = optarg; break;
		case 'o': o.output = optarg; break;
		case OPT_REJECTS: o.rejects = optarg; break;
		case OPT_FAIL_FAST: o.fail_fast = 1; break;
		case '?': return NA_EXIT_USAGE;
		default:
			rc = cli_common(&c, opt, optarg);
			if (rc < 0)
				return NA_EXIT_USAGE;
			if (rc > 0)
				return cli_usage_error(&c, "unexpected option");
		}
	}
	o.from = c.from;
	cli_signals();
	struct cli_progress prog;
	cli_progress_start(&prog, &c);
	o.progress = cli_progress_update;
	o.progress_user = &prog;
	struct na_convert_stats st;
	rc = na_convert(&c.ctx, &o, argv + optind, (size_t)(argc - optind), &st);
	cli_progress_stop(&prog);
	if (!c.quiet && rc != NA_EXIT_USAGE && rc != NA_EXIT_FORMAT) {
		fprintf(stderr, "newsarc: read %lu, written %lu, rejected %lu", st.read, st.written, st.rejected);
		if (st.skipped)
			fprintf(stderr, ", skipped %lu (no format)", st.skipped);
		fprintf(stderr, "\n");
	}
	cli_free(&c);
	return rc;
}

const struct na_cmd na_cmd_convert = {
	.name = "convert",
	.summary = "convert articles between formats",
	.usage =
		"usage: newsarc convert [OPTIONS] [INPUT...]\n\n"
		"Read articles from every INPUT (files; directories walked in sorted order;\n"
		"'-' or none: standard input) and write them in one output format.\n"
		"gzip input is decoded transparently; an output name ending in .gz is gzipped.\n\n"
		"  -t, --to FMT          output format (default: from -o's extension; jsonl on stdout)\n"
		"  -o, --output FILE     output file, written atomically ('-' or none: stdout)\n"
		"  --rejects FILE        keep rejected records verbatim\n"
		"  --fail-fast           stop at the first bad record; write nothing\n"
		CLI_COMMON_HELP
		"\nA summary 'read N, written M, rejected K' goes to stderr; N = M + K.\n"
		"On a terminal a progress line is drawn on stderr (not with --quiet);\n"
		"SIGUSR1 prints the current status (kill -USR1 PID).\n",
	.run = run,
};
