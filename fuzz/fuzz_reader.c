/* fuzz_reader.c - libFuzzer target for one reader, compiled once per format
 * with -DNA_FUZZ_FORMAT="name" (fuzz/fuzz.mk takes the names from the
 * generated build/format_list.h, so every new format gets a target).
 *
 * The input goes through na_input_open_mem (the path bundle readers use for
 * their entries) and, for gzip inputs, the same inflate layer as files.
 * Besides crashes, leaks and UB, the target aborts on broken model
 * invariants: every string a reader hands out must be valid UTF-8, and
 * status codes must be the documented ones.  Each article is also written
 * back with the format's own writer (when it has one) and as a JSON record,
 * so writers see hostile model values too.  A format with a choice of
 * parsers (-O fmt:parser=..., newsml's fast path beside libxml2) is read
 * both ways, and the two transcripts - records, rejects, status codes in
 * order, diagnostics as a set (libxml2 names skipped items as its 64 KB
 * feeds reach them, the fast path as it hands the items out) - must be the
 * same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "formats/format.h"

#ifndef NA_FUZZ_FORMAT
#error "compile with -DNA_FUZZ_FORMAT=\"name\""
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct na_format *fmt;
static char name[64];

static void discard(const struct na_diag *d, void *user)
{
	(void)user;
	/* diagnostics must be printable: a message and a sane position */
	if (!d->message || d->pos.line < 0 || d->pos.col < 0)
		abort();
	if (getenv("NA_FUZZ_VERBOSE"))
		fprintf(stderr, "diag: %s\n", d->message);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fmt = na_format_find(NA_FUZZ_FORMAT);
	if (!fmt) {
		fprintf(stderr, "fuzz_reader: format %s is not in the registry\n", NA_FUZZ_FORMAT);
		exit(2);
	}
	if (getenv("NA_FUZZ_INFO")) {
		/* fuzz/run.sh asks whether there is a reader to fuzz */
		printf("%s\n", (na_format_caps(fmt) & NA_CAN_READ) ? "read" : "noread");
		exit(0);
	}
	/* a display name with the format's first extension, as readers may look at it */
	const char *ext = na_format_extensions(fmt);
	size_t n = ext ? strcspn(ext, ",") : 0;
	snprintf(name, sizeof name, "fuzz%s%.*s", n ? "." : "", (int)n, ext ? ext : "");
	return 0;
}

#define check_str(s) check_field(s, #s)
static void check_field(const char *s, const char *field)
{
	if (s && !na_utf8_valid(s, strlen(s))) {
		fprintf(stderr, "model invariant broken: invalid UTF-8 in %s from reader %s\n", field, NA_FUZZ_FORMAT);
		abort();
	}
}

static void check_list(const struct na_strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (!l->v[i])
			abort();
		check_field(l->v[i], "a list item");
	}
}

static void check_article(const struct na_article *a)
{
	check_str(a->id);
	check_str(a->source);
	check_str(a->url);
	check_str(a->headline);
	check_str(a->subheadline);
	check_list(&a->byline);
	check_str(a->dateline);
	check_str(a->language);
	check_str(a->published.value);
	check_str(a->published.raw);
	check_str(a->modified.value);
	check_str(a->modified.raw);
	check_list(&a->keywords);
	check_list(&a->subjects);
	check_str(a->section);
	for (size_t i = 0; i < a->nbody; i++) {
		if (!a->body[i].text || (unsigned)a->body[i].type > NA_BLOCK_LIST_ITEM)
			abort();
		check_str(a->body[i].text);
	}
	for (size_t i = 0; i < a->nextra; i++) {
		if (!a->extra[i].key || !a->extra[i].json)
			abort();
		check_str(a->extra[i].key);
	}
}

/* Every record of in through the invariants, the JSON writer and the
 * format's own writer. */
static void read_all(struct na_ctx *ctx, struct na_input *in)
{
	struct na_reader *r = na_reader_open(fmt, in, ctx);
	if (!r)
		return;
	struct na_article *a = na_article_new();
	struct na_output *own = NULL, *js = na_output_open_mem(ctx);
	struct na_writer *w = NULL;
	if (na_format_caps(fmt) & NA_CAN_WRITE) {
		own = na_output_open_mem(ctx);
		w = na_writer_open(fmt, own, ctx);
	}
	for (int i = 0; i < 100000; i++) {
		int rc = na_reader_next(r, a);
		if (rc == NA_EOF || rc == NA_FATAL)
			break;
		if (rc == NA_FAILED) {
			size_t len;
			const char *raw = na_reader_rejected(r, &len);
			if (raw && len) /* must be readable memory */
				(void)*(volatile const char *)(raw + len - 1);
			continue;
		}
		if (rc != NA_OK && rc != NA_WARN) {
			fprintf(stderr, "reader %s returned status %d\n", NA_FUZZ_FORMAT, rc);
			abort();
		}
		check_article(a);
		na_article_to_json(js, a);
		na_output_mem_reset(js);
		if (w) {
			na_writer_article(w, a);
			na_output_mem_reset(own);
		}
	}
	if (w)
		na_writer_close(w);
	if (own)
		na_output_abort(own);
	na_output_abort(js);
	na_article_free(a);
	na_reader_close(r);
}

/* A format that cuts large files for --jobs (the fuzz build cuts small
 * ones too, NA_FUZZ_SMALL_SPLIT): the chunks must cover the file in order,
 * prefixes hold no newline, and every chunk is read like a file. */
static void split_all(struct na_ctx *ctx, const uint8_t *data, size_t size)
{
	if (!fmt->split || !size)
		return;
	int fd = memfd_create("fuzz-split", MFD_CLOEXEC);
	if (fd < 0)
		return;
	for (size_t done = 0; done < size;) {
		ssize_t k = write(fd, data + done, size - done);
		if (k <= 0) {
			close(fd);
			return;
		}
		done += (size_t)k;
	}
	struct na_chunk *ch = NULL;
	size_t n = fmt->split(fd, size, data, size < 65536 ? size : 65536, &ch);
	close(fd);
	for (size_t i = 0; i < n; i++) {
		if (ch[i].start != (i ? ch[i - 1].end : 0) || ch[i].end <= ch[i].start || ch[i].end > size ||
		    (i + 1 == n && ch[i].end != size) || (ch[i].prefix && memchr(ch[i].prefix, '\n', ch[i].prefix_len))) {
			fprintf(stderr, "split of %s: chunk %zu of %zu is [%zu, %zu) in %zu bytes\n", NA_FUZZ_FORMAT, i, n,
			        ch[i].start, ch[i].end, size);
			abort();
		}
		size_t len = ch[i].prefix_len + (ch[i].end - ch[i].start) + ch[i].suffix_len;
		char *buf = malloc(len + 1);
		memcpy(buf, ch[i].prefix ? ch[i].prefix : "", ch[i].prefix_len);
		memcpy(buf + ch[i].prefix_len, data + ch[i].start, ch[i].end - ch[i].start);
		memcpy(buf + len - ch[i].suffix_len, ch[i].suffix ? ch[i].suffix : "", ch[i].suffix_len);
		struct na_input *in = na_input_open_mem(ctx, name, buf, len);
		if (in) {
			read_all(ctx, in);
			na_input_close(in);
		}
		free(buf);
		free(ch[i].prefix);
		free(ch[i].suffix);
	}
	free(ch);
}

static void note_diag(const struct na_diag *d, void *user)
{
	discard(d, NULL);
	na_output_printf(user, "diag %d %ld:%ld %s: %s\n", (int)d->severity, d->pos.line, d->pos.col,
	                 d->field ? d->field : "-", d->message);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Everything a reading with -O fmt:parser=PARSER gives, as text. */
static char *transcript(const uint8_t *data, size_t size, const char *parser)
{
	struct na_ctx ctx;
	na_ctx_init(&ctx);
	struct na_output *t = na_output_open_mem(&ctx), *diags = na_output_open_mem(&ctx);
	struct na_option opt = {fmt->name, "parser", parser, 0};
	ctx.cb = note_diag;
	ctx.cb_user = diags;
	ctx.options = &opt;
	ctx.noptions = 1;
	ctx.limits.max_record = 1u << 20;
	struct na_input *in = na_input_open_mem(&ctx, name, data, size);
	struct na_reader *r = na_reader_open(fmt, in, &ctx);
	struct na_article *a = na_article_new();
	for (int i = 0; r && i < 100000; i++) {
		int rc = na_reader_next(r, a);
		na_output_printf(t, "status %d\n", rc);
		if (rc == NA_EOF || rc == NA_FATAL)
			break;
		if (rc == NA_FAILED) {
			size_t n;
			const char *raw = na_reader_rejected(r, &n);
			na_output_write(t, raw ? raw : "", raw ? n : 0);
			na_output_puts(t, "\n");
		} else {
			na_article_to_json(t, a);
		}
	}
	if (r)
		na_output_printf(t, "fatal_at_end %d\n", r->fatal_at_end);
	na_article_free(a);
	na_reader_close(r);
	na_input_close(in);
	size_t dn;
	char *d = strndup(na_output_data(diags, &dn), dn), **lines = NULL;
	size_t nl = 0;
	for (char *save = NULL, *l = strtok_r(d, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		lines = realloc(lines, (nl + 1) * sizeof *lines);
		lines[nl++] = l;
	}
	if (nl)
		qsort(lines, nl, sizeof *lines, cmp_line);
	for (size_t i = 0; i < nl; i++)
		na_output_printf(t, "%s\n", lines[i]);
	free(lines);
	free(d);
	na_output_abort(diags);
	size_t len;
	const char *p = na_output_data(t, &len);
	char *copy = strndup(p, len);
	na_output_abort(t);
	return copy;
}

static void differential(const uint8_t *data, size_t size)
{
	const char *help = na_format_options_help(fmt);
	if (!help || !strstr(help, "parser: auto"))
		return;
	char *fast = transcript(data, size, "auto"), *slow = transcript(data, size, "libxml2");
	if (strcmp(fast, slow) != 0) {
		fprintf(stderr, "reader %s: parser=auto and parser=libxml2 differ\n--- auto:\n%s\n--- libxml2:\n%s\n",
		        NA_FUZZ_FORMAT, fast, slow);
		abort();
	}
	free(fast);
	free(slow);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct na_ctx ctx;
	na_ctx_init(&ctx);
	ctx.cb = discard;
	/* smaller limits than the CLI's so the fuzzer explores instead of
	 * spending its time on legal but huge expansions */
	ctx.limits.max_record = 1u << 20;
	ctx.limits.max_total = 64u << 20;
	ctx.limits.max_entries = 1000;
	ctx.limits.max_ratio = 1000;
	struct na_input *in = na_input_open_mem(&ctx, name, data, size);
	read_all(&ctx, in);
	na_input_close(in);
	split_all(&ctx, data, size);
	differential(data, size);
	return 0;
}
