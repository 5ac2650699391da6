/* cmd_list.c - newsarc list: the entries of a bundle with the format each
 * one is detected as and the articles it holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "formats/bundle/bundle.h"

static const char *type_name(mode_t t)
{
	switch (t) {
	case AE_IFDIR: return "directory";
	case AE_IFLNK: return "symlink";
	case AE_IFCHR: case AE_IFBLK: return "device";
	case AE_IFIFO: return "fifo";
	case AE_IFSOCK: return "socket";
	default: return "special";
	}
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
	struct cli c;
	cli_init(&c, "newsarc list");
	int rc;
	if (cli_parse(&c, argc, argv, CLI_COMMON_SHORT, longopts, NULL, NULL))
		return NA_EXIT_USAGE;
	if (argc - optind != 1)
		return cli_usage_error(&c, "expected one BUNDLE");
	struct na_input *in = na_input_open_file(&c.ctx, argv[optind]);
	if (!in) {
		cli_free(&c);
		return NA_EXIT_IO;
	}
	struct na_bundle_src s;
	int exit_code = NA_EXIT_OK;
	unsigned long entries = 0, articles = 0, rejected = 0;
	if (na_bundle_src_open(&s, &c.ctx, in) != 0) {
		exit_code = NA_EXIT_PARSE;
		goto out;
	}
	struct na_buf data = {0};
	struct na_article *a = na_article_new();
	printf("%12s  %-9s %8s  %s\n", "SIZE", "FORMAT", "ARTICLES", "ENTRY");
	while ((rc = na_bundle_src_next(&s)) > 0) {
		entries++;
		mode_t t = archive_entry_filetype(s.e);
		const char *link = archive_entry_hardlink(s.e);
		if (t != AE_IFREG || link) {
			printf("%12s  %-9s %8s  %s%s%s\n", "-", link ? "hardlink" : type_name(t), "-", s.path,
			       link ? " => " : "", link ? link : "");
			na_bundle_src_stream(&s, NULL, NULL);
			continue;
		}
		rc = na_bundle_src_data(&s, &data);
		if (rc == -1)
			break;
		if (rc == -2) {
			printf("%12s  %-9s %8s  %s\n", "-", "too-large", "-", s.path);
			exit_code = NA_EXIT_PARSE;
			continue;
		}
		if (s.entries == 1 && !strcmp(s.path, NA_BUNDLE_MANIFEST)) {
			printf("%12zu  %-9s %8s  %s\n", data.len, "manifest", "-", s.path);
			continue;
		}
		struct na_input *ein = na_input_open_mem(&c.ctx, s.display, data.p, data.len);
		int score;
		const struct na_format *f = na_bundle_probe_entry(ein, s.path, &score);
		unsigned long n = 0, bad = 0;
		na_bundle_opening_nested = f && !strcmp(na_format_name(f), "bundle");
		struct na_reader *r = f ? na_reader_open(f, ein, &c.ctx) : NULL;
		na_bundle_opening_nested = 0;
		if (r) {
			int st;
			while ((st = na_reader_next(r, a)) != NA_EOF && st != NA_FATAL) {
				if (st == NA_FAILED)
					bad++;
				else
					n++;
			}
			if (st == NA_FATAL)
				bad++;
			na_reader_close(r);
		} else if (f)
			bad++;
		na_input_close(ein);
		articles += n;
		rejected += bad;
		if (f)
			printf("%12zu  %-9s %8lu  %s\n", data.len, na_format_name(f), n, s.path);
		else
			printf("%12zu  %-9s %8s  %s\n", data.len, "unknown", "-", s.path);
	}
	if (rc < 0)
		exit_code = NA_EXIT_PARSE;
	if (rejected && exit_code == NA_EXIT_OK)
		exit_code = NA_EXIT_REJECTED;
	na_article_free(a);
	na_buf_free(&data);
	if (!c.quiet)
		fprintf(stderr, "newsarc: %lu entries, %lu articles, %lu rejected\n", entries, articles, rejected);
out:
	na_bundle_src_close(&s);
	na_input_close(in);
	cli_free(&c);
	return exit_code;
}

/* not na_cmd_list: that name is the generated command array (build/cmd_list.h) */
const struct na_cmd na_cmd_list_bundle = {
	.name = "list",
	.summary = "list a bundle's entries with their format and article count",
	.usage =
		"usage: newsarc list [OPTIONS] BUNDLE\n\n"
		"Print one line per entry of BUNDLE (tar, tar.gz/zst/xz/bz2, zip): its size, the\n"
		"format it is detected as, the articles it holds, and its name.  Entries are read\n"
		"in memory, never extracted.  A summary goes to stderr.\n\n"
		CLI_COMMON_HELP
		"\n" CLI_EXIT_HELP,
	.run = run,
};
