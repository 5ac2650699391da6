/* fuzz_probe.c - libFuzzer target for every probe at once: each probe gets
 * the first NA_PROBE_SIZE bytes (with the promised zero padding and nothing
 * more, so ASan sees any read beyond it), with and without a file name and
 * MIME type, and must return a score in 0..100.
 *
 * With NA_FUZZ_SEEDMAP=1 it does not fuzz: it reads file paths on stdin and
 * prints "format<TAB>path" for every readable format scoring >= 50 on the
 * file (decoded through na_input like the CLI), which fuzz/run.sh uses to
 * seed each reader's corpus from the fixtures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formats/format.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void seedmap(void)
{
	struct na_ctx ctx;
	na_ctx_init(&ctx);
	char path[4096];
	while (fgets(path, sizeof path, stdin)) {
		path[strcspn(path, "\n")] = 0;
		struct na_input *in = na_input_open_file(&ctx, path);
		if (!in)
			continue;
		size_t n;
		const unsigned char *buf = na_input_peek(in, NA_PROBE_SIZE, &n);
		if (n > NA_PROBE_SIZE)
			n = NA_PROBE_SIZE;
		unsigned char *pad = calloc(1, n + NA_PROBE_PADDING);
		memcpy(pad, buf, n);
		struct na_probe p = {pad, n, path, NULL};
		size_t it = 0;
		const struct na_format *f;
		while ((f = na_format_iterate(&it))) {
			if (!(na_format_caps(f) & NA_CAN_READ))
				continue;
			int s = f->probe ? f->probe(&p) : na_probe_ext_score(f, &p);
			if (s >= NA_PROBE_EXT)
				printf("%s\t%s\n", f->name, path);
		}
		free(pad);
		na_input_close(in);
	}
	exit(0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (getenv("NA_FUZZ_SEEDMAP"))
		seedmap();
	return 0;
}

static void probe_all(const unsigned char *buf, size_t len, const char *filename, const char *mime)
{
	size_t it = 0;
	const struct na_format *f;
	struct na_probe p = {buf, len, filename, mime};
	while ((f = na_format_iterate(&it))) {
		int s = f->probe ? f->probe(&p) : na_probe_ext_score(f, &p);
		if (s < 0 || s > NA_PROBE_MAX) {
			fprintf(stderr, "probe %s returned %d\n", f->name, s);
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size > NA_PROBE_SIZE ? NA_PROBE_SIZE : size;
	/* exactly len + padding bytes on the heap: ASan catches over-reads */
	unsigned char *buf = malloc(len + NA_PROBE_PADDING);
	memcpy(buf, data, len);
	memset(buf + len, 0, NA_PROBE_PADDING);
	probe_all(buf, len, NULL, NULL);
	/* the last byte picks a name and MIME type, so extension logic runs too */
	static const char *const names[] = {"a.xml", "a.html", "a.json", "a.jsonl", "a.zip", "a.tar.gz",
	                                    "a.warc.gz", "a.rss", "a.atom", "a.txt", "a", "dir/.x.gz"};
	static const char *const mimes[] = {NULL, "text/html; charset=utf-8", "application/xml",
	                                    "application/json", "application/rss+xml", "text/plain"};
	unsigned k = size ? data[size - 1] : 0;
	probe_all(buf, len, names[k % NA_ARRAY_SIZE(names)], mimes[(k / 16) % NA_ARRAY_SIZE(mimes)]);
	int score, tie;
	const struct na_format *best;
	na_format_probe_buf(names[k % NA_ARRAY_SIZE(names)], NULL, data, len, &best, &score, &tie);
	free(buf);
	return 0;
}
