/* convert.c - the streaming pipeline: inputs -> probe (or --from) -> reader
 * -> [check] -> writer, one article in memory at a time.
 *
 * Counting invariant, tested: read = written + rejected.  Outputs go through
 * na_output's temporary file and are committed only when the run did not
 * fail as a whole (exit 0, 5 or 6); on usage, format or I/O failure, and on
 * any error with --fail-fast, the previous output stays untouched. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "formats/format.h"

struct run {
	struct na_ctx *c;
	const struct na_convert_opts *o;
	struct na_convert_stats *st;
	const struct na_format *from;
	struct na_writer *w;
	struct na_output *out, *rej;
	struct na_article *a;
	int exit;
	int stop;
};

static void worsen(struct run *r, int code)
{
	/* the most serious failure wins; rejected records rank lowest */
	static const int rank[] = {[NA_EXIT_OK] = 0, [NA_EXIT_REJECTED] = 1, [NA_EXIT_INVALID] = 1,
	                           [NA_EXIT_PARSE] = 2, [NA_EXIT_IO] = 3, [NA_EXIT_FORMAT] = 4,
	                           [NA_EXIT_USAGE] = 5};
	if (rank[code] > rank[r->exit])
		r->exit = code;
}

static void reject(struct run *r, struct na_reader *rd)
{
	r->st->rejected++;
	worsen(r, NA_EXIT_REJECTED);
	if (r->rej) {
		size_t len;
		const char *raw = na_reader_rejected(rd, &len);
		if (raw) {
			na_output_write(r->rej, raw, len);
			na_output_write(r->rej, "\n", 1);
		}
	}
	if (r->o->fail_fast)
		r->stop = 1;
}

static void convert_input(struct run *r, const char *path, int walked)
{
	struct na_input *in = na_input_open_file(r->c, path);
	if (!in) {
		worsen(r, NA_EXIT_IO);
		return;
	}
	r->st->inputs++;
	const struct na_format *f = r->from;
	if (!f) {
		int score;
		const char *why;
		if (walked) {
			/* inside a directory walk, files nobody claims are skipped */
			size_t n;
			const unsigned char *buf = na_input_peek(in, NA_PROBE_SIZE, &n);
			int tie;
			na_format_probe_buf(path, NULL, buf, n > NA_PROBE_SIZE ? NA_PROBE_SIZE : n, &f, &score, &tie);
			if (!f || score <= NA_PROBE_GUESS) {
				if (r->c->verbose) {
					struct na_pos pos = {path, 0, 0, -1};
					na_report(r->c, NA_SEV_NOTE, &pos, NULL, "skipped: no format claims this file");
				}
				r->st->skipped++;
				na_input_close(in);
				return;
			}
		}
		if (!f)
			f = na_format_probe(in, &score, &why);
		if (!f) {
			worsen(r, NA_EXIT_FORMAT);
			na_input_close(in);
			return;
		}
	}
	struct na_reader *rd = na_reader_open(f, in, r->c);
	if (!rd) {
		worsen(r, NA_EXIT_PARSE);
		na_input_close(in);
		return;
	}
	while (!r->stop) {
		int rc = na_reader_next(rd, r->a);
		if (rc == NA_EOF)
			break;
		if (rc == NA_FATAL) {
			worsen(r, NA_EXIT_PARSE);
			if (r->o->fail_fast)
				r->stop = 1;
			break;
		}
		r->st->read++;
		if (rc == NA_FAILED) {
			reject(r, rd);
			continue;
		}
		if (r->o->check && r->o->check(r->o->check_user, r->c, r->a) != 0) {
			/* a record the check refused has no raw bytes: keep its JSON record */
			if (r->rej && na_article_to_json(r->rej, r->a) == NA_OK)
				na_output_write(r->rej, "\n", 1);
			reject(r, rd);
			continue;
		}
		int wrc = na_writer_article(r->w, r->a);
		if (wrc == NA_FATAL) {
			worsen(r, NA_EXIT_IO);
			r->stop = 1;
			break;
		}
		if (wrc == NA_FAILED) {
			reject(r, rd);
			continue;
		}
		r->st->written++;
	}
	r->st->skipped += na_reader_skipped(rd);
	na_reader_close(rd);
	na_input_close(in);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(struct run *r, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		struct na_pos pos = {dir, 0, 0, -1};
		na_report(r->c, NA_SEV_ERROR, &pos, NULL, "cannot open directory: %s", strerror(errno));
		worsen(r, NA_EXIT_IO);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue; /* hidden files and . .. */
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = na_xrealloc(names, cap * sizeof *names);
		}
		names[n++] = na_xstrdup(e->d_name);
	}
	closedir(d);
	/* byte order, not the locale's: the same tree gives the same output anywhere */
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n && !r->stop; i++) {
		struct na_buf p = {0};
		na_buf_printf(&p, "%s/%s", dir, names[i]);
		struct stat st;
		if (stat(p.p, &st) == 0 && S_ISDIR(st.st_mode))
			walk(r, p.p);
		else if (S_ISREG(st.st_mode))
			convert_input(r, p.p, 1);
		na_buf_free(&p);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int na_convert(struct na_ctx *c, const struct na_convert_opts *o, char *const *inputs, size_t ninputs,
               struct na_convert_stats *st)
{
	struct run r = {.c = c, .o = o, .st = st};
	memset(st, 0, sizeof *st);
	if (o->from && !(r.from = na_format_find(o->from))) {
		na_report(c, NA_SEV_ERROR, NULL, NULL, "unknown input format '%s' (see 'newsarc formats')", o->from);
		return NA_EXIT_FORMAT;
	}
	const struct na_format *to = NULL;
	int to_stdout = !o->output || !strcmp(o->output, "-");
	if (o->to)
		to = na_format_find(o->to);
	else if (!to_stdout)
		to = na_format_by_ext(o->output);
	else
		to = na_format_find("jsonl"); /* the pipe-friendly default */
	if (!to) {
		if (o->to)
			na_report(c, NA_SEV_ERROR, NULL, NULL, "unknown output format '%s' (see 'newsarc formats')", o->to);
		else
			na_report(c, NA_SEV_ERROR, NULL, NULL, "cannot tell the output format from '%s'; use --to", o->output);
		return NA_EXIT_FORMAT;
	}
	if (!(na_format_caps(to) & NA_CAN_WRITE)) {
		na_report(c, NA_SEV_ERROR, NULL, NULL, "format %s cannot be written", na_format_name(to));
		return NA_EXIT_FORMAT;
	}
	if (r.from && !(na_format_caps(r.from) & NA_CAN_READ)) {
		na_report(c, NA_SEV_ERROR, NULL, NULL, "format %s cannot be read", na_format_name(r.from));
		return NA_EXIT_FORMAT;
	}
	r.out = na_output_open_file(c, o->output);
	if (!r.out)
		return NA_EXIT_IO;
	if (o->rejects && !(r.rej = na_output_open_file(c, o->rejects))) {
		na_output_abort(r.out);
		return NA_EXIT_IO;
	}
	r.w = na_writer_open(to, r.out, c);
	if (!r.w) {
		na_output_abort(r.out);
		na_output_abort(r.rej);
		return NA_EXIT_IO;
	}
	r.a = na_article_new();
	static char *const stdin_only[] = {"-"};
	if (ninputs == 0) {
		inputs = stdin_only;
		ninputs = 1;
	}
	for (size_t i = 0; i < ninputs && !r.stop; i++) {
		struct stat sb;
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			walk(&r, inputs[i]);
		else
			convert_input(&r, inputs[i], 0);
	}
	na_article_free(r.a);
	if (na_writer_close(r.w) == NA_FATAL)
		worsen(&r, NA_EXIT_IO);
	int keep = r.exit == NA_EXIT_OK || r.exit == NA_EXIT_REJECTED || r.exit == NA_EXIT_PARSE;
	if (o->fail_fast && r.exit != NA_EXIT_OK)
		keep = 0;
	if (keep) {
		if (na_output_commit(r.out) != NA_OK)
			worsen(&r, NA_EXIT_IO);
		if (r.rej && na_output_commit(r.rej) != NA_OK)
			worsen(&r, NA_EXIT_IO);
	} else {
		na_output_abort(r.out);
		na_output_abort(r.rej);
	}
	return r.exit;
}
