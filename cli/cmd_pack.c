/* cmd_pack.c - newsarc pack: articles into a bundle (convert --to bundle with
 * the bundle writer's options spelled as flags). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void set_option(struct cli *c, const char *key, const char *value)
{
	c->ctx.options = realloc(c->ctx.options, (c->ctx.noptions + 1) * sizeof *c->ctx.options);
	c->ctx.options[c->ctx.noptions++] = (struct na_option){strdup("bundle"), strdup(key), strdup(value), 0};
}

enum { OPT_ENTRY_FORMAT = OPT__COMMON_END, OPT_SINGLE };

struct pack_opts {
	const char *output, *entry_format;
	int single;
};

static int pack_opt(void *u, int opt, const char *arg)
{
	struct pack_opts *p = u;
	switch (opt) {
	case 'o': p->output = arg; return 0;
	case OPT_ENTRY_FORMAT: p->entry_format = arg; return 0;
	case OPT_SINGLE: p->single = 1; return 0;
	}
	return 1;
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		CLI_JOBS_LONGOPT,
		{"output", required_argument, NULL, 'o'},
		{"entry-format", required_argument, NULL, OPT_ENTRY_FORMAT},
		{"single", no_argument, NULL, OPT_SINGLE},
		{0, 0, 0, 0},
	};
	struct cli c;
	cli_init(&c, "newsarc pack");
	struct pack_opts p = {.entry_format = "newsml"};
	int rc = cli_parse(&c, argc, argv, CLI_COMMON_SHORT "o:j:", longopts, pack_opt, &p);
	if (rc)
		return rc;
	struct na_convert_opts o = {.to = "bundle", .output = p.output, .jobs = c.jobs};
	const char *entry_format = p.entry_format;
	int single = p.single;
	if (optind == argc)
		return cli_usage_error(&c, "no INPUT given");
	if (single)
		entry_format = "jsonl";
	const struct na_format *ef = na_format_find(entry_format);
	if (!ef || !(na_format_caps(ef) & NA_CAN_WRITE) || !strcmp(na_format_name(ef), "bundle")) {
		fprintf(stderr, "newsarc pack: entry format '%s' is not available in this build; formats with a writer:", entry_format);
		size_t it = 0;
		const struct na_format *f;
		while ((f = na_format_iterate(&it)))
			if ((na_format_caps(f) & NA_CAN_WRITE) && strcmp(na_format_name(f), "bundle"))
				fprintf(stderr, " %s", na_format_name(f));
		fprintf(stderr, "\n");
		cli_free(&c);
		return NA_EXIT_FORMAT;
	}
	set_option(&c, "entry-format", na_format_name(ef));
	if (single)
		set_option(&c, "single", "1");
	o.from = c.from;
	cli_signals();
	struct na_convert_stats st;
	rc = na_convert(&c.ctx, &o, argv + optind, (size_t)(argc - optind), &st);
	if (!c.quiet && rc != NA_EXIT_USAGE && rc != NA_EXIT_FORMAT) {
		fprintf(stderr, "newsarc: read %lu, packed %lu, rejected %lu", st.read, st.written, st.rejected);
		if (st.skipped)
			fprintf(stderr, ", skipped %lu (no format)", st.skipped);
		fprintf(stderr, "\n");
	}
	cli_free(&c);
	return rc;
}

const struct na_cmd na_cmd_pack = {
	.name = "pack",
	.summary = "pack articles into a tar/zip bundle with a manifest",
	.usage =
		"usage: newsarc pack [OPTIONS] -o BUNDLE INPUT...\n\n"
		"Read articles from every INPUT and write a bundle: manifest.json first, then one\n"
		"entry per article named YYYY/MM/DD/<id>.<ext> (undated/<id>.<ext> without a date).\n"
		"The container and compression follow BUNDLE's name: .tar, .tar.gz/.tgz, .tar.zst,\n"
		".tar.xz, .tar.bz2, .zip ('-' or none: plain tar on stdout).  The same input gives\n"
		"a byte-identical bundle.  See docs/bundle.md.\n\n"
		"  -o, --output BUNDLE    output file, written atomically\n"
		"  --entry-format FMT     format of each entry: newsml (default), jsonl, json,\n"
		"                         html, text, ... (any format with a writer)\n"
		"  --single               one articles.jsonl member for the whole set\n"
		"  -j, --jobs N           reader threads (default: the number of cores); the\n"
		"                         bundle is byte-identical to --jobs 1\n"
		CLI_COMMON_HELP
		"\n" CLI_EXIT_HELP,
	.run = run,
};
