/* cmd_verify.c - newsarc verify: check a bundle against its manifest.json:
 * every entry's SHA-256 and size, the article count, and that no entry is
 * missing, extra or duplicated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "formats/bundle/bundle.h"

struct want {
	const char *name;
	const char *sha256;
	long long size;           /* -1: not given */
	long long articles;       /* --single member: its article count */
	int seen;
};

static int cmp_want(const void *a, const void *b)
{
	return strcmp(((const struct want *)a)->name, ((const struct want *)b)->name);
}

struct hash_state {
	struct na_sha256 sha;
	unsigned long long size;
	unsigned long lines;
	int in_line;
};

static int hash_chunk(void *u, const void *p, size_t n)
{
	struct hash_state *h = u;
	na_sha256_update(&h->sha, p, n);
	h->size += n;
	/* non-blank lines, for the article count of a --single member */
	const char *s = p;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			h->in_line = 0;
		} else if (!h->in_line && s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
			h->in_line = 1;
			h->lines++;
		}
	}
	return 0;
}

static long long num(const struct na_json *v)
{
	return v && v->type == NA_JSON_NUMBER ? atoll(v->u.str) : -1;
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
	struct cli c;
	cli_init(&c, "newsarc verify");
	int rc;
	if (cli_parse(&c, argc, argv, CLI_COMMON_SHORT, longopts, NULL, NULL))
		return NA_EXIT_USAGE;
	if (argc - optind != 1)
		return cli_usage_error(&c, "expected one BUNDLE");
	const char *path = argv[optind];
	struct na_input *in = na_input_open_file(&c.ctx, path);
	if (!in) {
		cli_free(&c);
		return NA_EXIT_IO;
	}
	struct na_pos pos = {path, 0, 0, -1};
	struct na_bundle_src s;
	struct na_arena *arena = na_arena_new();
	struct na_buf man = {0};
	struct want *want = NULL;
	size_t nwant = 0;
	unsigned long failures = 0, checked = 0;
	long long articles = -1;
	int single = 0;
	char *mdisplay = NULL;
	if (na_bundle_src_open(&s, &c.ctx, in) != 0) {
		failures++;
		goto out;
	}
	/* the manifest must come first */
	rc = na_bundle_src_next(&s);
	if (rc <= 0 || strcmp(s.path, NA_BUNDLE_MANIFEST) || archive_entry_filetype(s.e) != AE_IFREG) {
		if (rc > 0)
			na_report(&c.ctx, NA_SEV_ERROR, &pos, NULL, "first entry is '%s', not %s", s.path, NA_BUNDLE_MANIFEST);
		else if (rc == 0)
			na_report(&c.ctx, NA_SEV_ERROR, &pos, NULL, "empty archive: no %s", NA_BUNDLE_MANIFEST);
		failures++;
		goto out;
	}
	if (na_bundle_src_data(&s, &man) != 0) {
		failures++;
		goto out;
	}
	struct na_json_error err = {0};
	struct na_json *root = na_json_parse(arena, man.p, man.len, c.ctx.limits.max_depth, 1, &err);
	const struct na_json *fmt = root ? na_json_get(root, "format") : NULL;
	const struct na_json *ents = root ? na_json_get(root, "entries") : NULL;
	mdisplay = na_xstrdup(s.display); /* s.display changes with each entry */
	struct na_pos mpos = {mdisplay, err.line, err.col, -1};
	if (!root) {
		na_report(&c.ctx, NA_SEV_ERROR, &mpos, NULL, "%s", err.message);
		failures++;
		goto out;
	}
	if (!fmt || fmt->type != NA_JSON_STRING || strcmp(fmt->u.str, "newsarc-bundle") || !ents ||
	    ents->type != NA_JSON_ARRAY) {
		mpos.line = mpos.col = 0;
		na_report(&c.ctx, NA_SEV_ERROR, &mpos, NULL, "not a newsarc bundle manifest (format, entries)");
		failures++;
		goto out;
	}
	articles = num(na_json_get(root, "articles"));
	const struct na_json *sg = na_json_get(root, "single");
	single = sg && sg->type == NA_JSON_TRUE;
	want = na_xcalloc(ents->len + 1, sizeof *want);
	for (size_t i = 0; i < ents->len; i++) {
		const struct na_json *e = &ents->u.items[i];
		const struct na_json *n = e->type == NA_JSON_OBJECT ? na_json_get(e, "name") : NULL;
		const struct na_json *h = e->type == NA_JSON_OBJECT ? na_json_get(e, "sha256") : NULL;
		if (!n || n->type != NA_JSON_STRING || !h || h->type != NA_JSON_STRING) {
			struct na_pos epos = {s.display, e->line, e->col, -1};
			na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "manifest entry without a name or sha256");
			failures++;
			continue;
		}
		want[nwant++] = (struct want){n->u.str, h->u.str, num(na_json_get(e, "size")),
		                              num(na_json_get(e, "articles")), 0};
	}
	long long ecount = num(na_json_get(root, "entry_count"));
	if (ecount != (long long)ents->len) {
		na_report(&c.ctx, NA_SEV_ERROR, &mpos, NULL, "manifest entry_count %lld, but it lists %zu entries",
		          ecount, ents->len);
		failures++;
	}
	qsort(want, nwant, sizeof *want, cmp_want);
	for (size_t i = 1; i < nwant; i++)
		if (!strcmp(want[i].name, want[i - 1].name)) {
			na_report(&c.ctx, NA_SEV_ERROR, &mpos, NULL, "manifest lists '%s' twice", want[i].name);
			failures++;
		}
	long long counted = 0;
	while ((rc = na_bundle_src_next(&s)) > 0) {
		struct na_pos epos = {s.display, 0, 0, s.header_pos};
		if (archive_entry_filetype(s.e) == AE_IFDIR) {
			na_bundle_src_stream(&s, NULL, NULL);
			continue;
		}
		struct want key = {.name = s.path};
		struct want *w = bsearch(&key, want, nwant, sizeof *want, cmp_want);
		if (!w) {
			na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "extra entry: not in the manifest");
			failures++;
			na_bundle_src_stream(&s, NULL, NULL);
			continue;
		}
		if (w->seen++) {
			na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "duplicate entry");
			failures++;
			na_bundle_src_stream(&s, NULL, NULL);
			continue;
		}
		if (archive_entry_filetype(s.e) != AE_IFREG || archive_entry_hardlink(s.e)) {
			na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "entry is not a regular file");
			failures++;
			continue;
		}
		struct hash_state h = {0};
		na_sha256_init(&h.sha);
		rc = na_bundle_src_stream(&s, hash_chunk, &h);
		if (rc == -1)
			break;
		if (rc == -2) {
			failures++;
			continue;
		}
		char hex[65];
		na_sha256_hex(&h.sha, hex);
		checked++;
		if (strcmp(hex, w->sha256)) {
			na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "sha256 mismatch: manifest %s, entry %s", w->sha256, hex);
			failures++;
		}
		if (w->size >= 0 && (unsigned long long)w->size != h.size) {
			na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "size mismatch: manifest %lld, entry %llu", w->size, h.size);
			failures++;
		}
		if (single) {
			counted += (long long)h.lines;
			if (w->articles >= 0 && (unsigned long)w->articles != h.lines) {
				na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "member holds %lu articles, manifest says %lld",
				          h.lines, w->articles);
				failures++;
			}
		} else
			counted++;
	}
	if (rc < 0)
		failures++;
	unsigned long missing = 0;
	for (size_t i = 0; i < nwant; i++)
		if (!want[i].seen && ++missing <= 10) {
			struct na_pos epos = {path, 0, 0, -1};
			na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "missing entry: '%s' is in the manifest", want[i].name);
		}
	if (missing > 10) {
		struct na_pos epos = {path, 0, 0, -1};
		na_report(&c.ctx, NA_SEV_ERROR, &epos, NULL, "... %lu entries of the manifest missing in all", missing);
	}
	failures += missing;
	if (rc >= 0 && articles != counted) {
		na_report(&c.ctx, NA_SEV_ERROR, &mpos, NULL, "manifest says %lld articles, the bundle holds %lld",
		          articles, counted);
		failures++;
	}
out:
	if (failures)
		fprintf(stderr, "newsarc verify: %s: FAILED (%lu problems, %lu entries checked)\n", path, failures, checked);
	else if (!c.quiet)
		printf("%s: OK (%lu entries, %lld articles)\n", path, checked, articles);
	free(want);
	free(mdisplay);
	na_buf_free(&man);
	na_arena_free(arena);
	na_bundle_src_close(&s);
	na_input_close(in);
	cli_free(&c);
	return failures ? NA_EXIT_INVALID : NA_EXIT_OK;
}

const struct na_cmd na_cmd_verify = {
	.name = "verify",
	.summary = "check a bundle against its manifest (sha256, count, entries)",
	.usage =
		"usage: newsarc verify [OPTIONS] BUNDLE\n\n"
		"Check BUNDLE against its manifest.json (which must be the first entry): the\n"
		"sha256 and size of every entry, the article count, and that no entry is\n"
		"missing, extra or duplicated.  Prints 'BUNDLE: OK (...)' on success.\n\n"
		CLI_COMMON_HELP
		"\nExit status: 0 every check passed; 1 some check failed (each one is reported);\n"
		"2 usage error; 4 the bundle cannot be opened.\n",
	.run = run,
};
