/* cmd_convert.c - newsarc convert */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "progress.h"
#include "validate/validate.h"

static int run(int argc, char **argv)
{
	enum { OPT_REJECTS = OPT__COMMON_END, OPT_FAIL_FAST, OPT_VALIDATE, OPT_SCHEMA };
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"to", required_argument, NULL, 't'},
		{"output", required_argument, NULL, 'o'},
		{"rejects", required_argument, NULL, OPT_REJECTS},
		{"fail-fast", no_argument, NULL, OPT_FAIL_FAST},
		{"jobs", required_argument, NULL, 'j'},
		{"validate", no_argument, NULL, OPT_VALIDATE},
		{"schema", required_argument, NULL, OPT_SCHEMA},
		{0, 0, 0, 0},
	};
	struct cli c;
	cli_init(&c, "newsarc convert");
	struct na_convert_opts o = {0};
	o.jobs = cli_default_jobs();
	int opt, rc, validate = 0;
	const char *schema_path = NULL;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "t:o:j:", longopts, NULL)) != -1) {
		switch (opt) {
		case 't': o.to = optarg; break;
		case 'o': o.output = optarg; break;
		case OPT_REJECTS: o.rejects = optarg; break;
		case OPT_FAIL_FAST: o.fail_fast = 1; break;
		case 'j':
			if (cli_jobs(&c, optarg, &o.jobs))
				return NA_EXIT_USAGE;
			break;
		case OPT_VALIDATE: validate = 1; break;
		case OPT_SCHEMA: schema_path = optarg; validate = 1; break;
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
	struct na_validator *v = NULL;
	if (validate) {
		/* the validator as the pipeline's check: invalid records are rejected */
		struct na_schema *schema = NULL;
		if (schema_path) {
			struct na_input *in = na_input_open_file(&c.ctx, schema_path);
			const char *text;
			size_t len;
			if (!in)
				return NA_EXIT_IO;
			if (na_input_slurp(in, &text, &len) == 0)
				schema = na_schema_compile(&c.ctx, schema_path, text, len);
			na_input_close(in);
		} else
			schema = na_schema_default(&c.ctx);
		if (!schema)
			return cli_usage_error(&c, "the schema cannot be used");
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
