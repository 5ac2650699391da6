/* cmd_convert.c - newsarc convert */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "progress.h"
#include "validate/validate.h"

enum { OPT_REJECTS = OPT__COMMON_END, OPT_FAIL_FAST, OPT_VALIDATE, OPT_SCHEMA };

struct convert_opts {
	struct na_convert_opts o;
	int validate;
	const char *schema;
};

static int convert_opt(void *u, int opt, const char *arg)
{
	struct convert_opts *p = u;
	switch (opt) {
	case 't': p->o.to = arg; return 0;
	case 'o': p->o.output = arg; return 0;
	case OPT_REJECTS: p->o.rejects = arg; return 0;
	case OPT_FAIL_FAST: p->o.fail_fast = 1; return 0;
	case OPT_VALIDATE: p->validate = 1; return 0;
	case OPT_SCHEMA: p->schema = arg; p->validate = 1; return 0;
	}
	return 1;
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		CLI_JOBS_LONGOPT,
		{"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"rejects", required_argument, NULL, OPT_REJECTS},
		{"fail-fast", no_argument, NULL, OPT_FAIL_FAST},
		{"validate", no_argument, NULL, OPT_VALIDATE},
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{0, 0, 0, 0},
	};
	struct cli c;
	cli_init(&c, "newsarc convert");
	struct convert_opts p = {0};
	int rc = cli_parse(&c, argc, argv, CLI_COMMON_SHORT "t:o:j:", longopts, convert_opt, &p);
	if (rc)
		return rc;
	struct na_convert_opts o = p.o;
	o.jobs = c.jobs;
	o.from = c.from;
	struct na_validator *v = NULL;
	if (p.validate) {
		/* the validator as the pipeline's check: invalid records are rejected */
		struct na_schema *schema = cli_schema(&c, p.schema, &rc);
		if (!schema) {
			cli_free(&c);
			return rc;
		}
		v = na_validator_new(schema);
		o.check = na_validator_convert_check;
		o.check_user = v;
	}
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
	na_validator_free(v);
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
		"  -j, --jobs N          reader threads (default: the number of cores); the output\n"
		"                        is byte-identical to --jobs 1\n"
		"  --validate            reject records that fail the article schema or the\n"
		"                        extra checks of 'newsarc validate' (reasons on stderr)\n"
		"  --schema FILE         validate against this JSON Schema (implies --validate)\n"
		CLI_COMMON_HELP
		"\nA summary 'read N, written M, rejected K' goes to stderr; N = M + K.\n"
		"On a terminal a progress line is drawn on stderr (not with --quiet);\n"
		"SIGUSR1 prints the current status (kill -USR1 PID).\n",
	.run = run,
};
