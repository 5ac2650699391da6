/* registry.c - the list of formats (generated into build/format_list.h from
 * the descriptors in formats/ (one per file), FFmpeg allformats style: no registration
 * code runs at start-up), probing, and the reader/writer lifecycle. */
#include <stdio.h>
#include <stdlib.h>
#include "format.h"

#include "format_list.h" /* generated: extern declarations + na_format_list[] */

const struct na_format *na_format_iterate(size_t *it)
{
	const struct na_format *f = na_format_list[*it];
	if (f)
		(*it)++;
	return f;
}

const struct na_format *na_format_find(const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; na_format_list[i]; i++) {
		const struct na_format *f = na_format_list[i];
		if (!strcmp(f->name, name) || na_list_has(f->aliases, name, n))
			return f;
	}
	return NULL;
}

static int ext_matches(const struct na_format *f, const char *path)
{
	if (!f->extensions || !path)
		return 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	/* ignore a trailing .gz: compression is a layer under formats */
	size_t blen = strlen(base);
	if (blen > 3 && na_has_suffix_ci(base, ".gz"))
		blen -= 3;
	const char *p = f->extensions;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		/* the extension must follow a dot: "x.tar.gz" matches "tar.gz" */
		if (blen > n + 1 && base[blen - n - 1] == '.' && na_strncaseeq(base + blen - n, p, n))
			return (int)n + 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

const struct na_format *na_format_by_ext(const char *path)
{
	const struct na_format *best = NULL;
	int best_len = 0;
	for (size_t i = 0; na_format_list[i]; i++) {
		int n = ext_matches(na_format_list[i], path);
		if (n > best_len) {
			best = na_format_list[i];
			best_len = n;
		}
	}
	/* a bare ".gz" names a gzip-compressed file, not a format */
	return best;
}

const char *na_format_name(const struct na_format *f) { return f->name; }
const char *na_format_aliases(const struct na_format *f) { return f->aliases; }
const char *na_format_description(const struct na_format *f) { return f->description; }
const char *na_format_extensions(const struct na_format *f) { return f->extensions; }
const char *na_format_mime(const struct na_format *f) { return f->mime; }
unsigned na_format_caps(const struct na_format *f)
{
	return (f->read_next ? NA_CAN_READ : 0) | (f->write_article ? NA_CAN_WRITE : 0) |
	       (f->probe ? NA_CAN_PROBE : 0);
}
const char *na_format_options_help(const struct na_format *f) { return f->options_help; }

int na_probe_ext_score(const struct na_format *f, const struct na_probe *p)
{
	if (p->mime && f->mime) {
		size_t n = strcspn(p->mime, ";");
		if (na_list_has(f->mime, p->mime, n))
			return NA_PROBE_MIME;
	}
	return ext_matches(f, p->filename) ? NA_PROBE_EXT : 0;
}

size_t na_probe_skip_ws(const struct na_probe *p)
{
	size_t i = 0;
	if (p->len >= 3 && p->buf[0] == 0xEF && p->buf[1] == 0xBB && p->buf[2] == 0xBF)
		i = 3;
	while (i < p->len && (p->buf[i] == ' ' || p->buf[i] == '\t' || p->buf[i] == '\r' || p->buf[i] == '\n'))
		i++;
	return i;
}

int na_format_probe_buf(const char *filename, const char *mime, const unsigned char *buf, size_t len,
                        const struct na_format **best, int *best_score, int *tie)
{
	unsigned char *padded = na_xcalloc(1, len + NA_PROBE_PADDING);
	memcpy(padded, buf, len);
	struct na_probe p = {padded, len, filename, mime};
	*best = NULL;
	*best_score = 0;
	*tie = 0;
	for (size_t i = 0; na_format_list[i]; i++) {
		const struct na_format *f = na_format_list[i];
		if (!f->read_next)
			continue;
		int s = f->probe ? f->probe(&p) : na_probe_ext_score(f, &p);
		if (s <= 0)
			continue;
		if (s > *best_score) {
			*best = f;
			*best_score = s;
			*tie = 0;
		} else if (s == *best_score) {
			*tie = 1;
		}
	}
	free(padded);
	return *best_score;
}

const struct na_format *na_format_probe(struct na_input *in, int *score, const char **why)
{
	size_t n;
	const unsigned char *buf = na_input_peek(in, NA_PROBE_SIZE, &n);
	if (n > NA_PROBE_SIZE)
		n = NA_PROBE_SIZE;
	const struct na_format *best;
	int tie;
	na_format_probe_buf(na_input_name(in), na_input_mime(in), buf, n, &best, score, &tie);
	struct na_pos pos = {na_input_name(in), 0, 0, -1};
	struct na_ctx *c = na_input_ctx(in);
	if (!best) {
		*why = "unknown";
		na_report(c, NA_SEV_ERROR, &pos, NULL,
		          "unknown input format; use --from (see 'newsarc formats')");
		return NULL;
	}
	if (tie) {
		/* name the tied formats so the user can pick one */
		struct na_buf names = {0};
		unsigned char *padded = na_xcalloc(1, n + NA_PROBE_PADDING);
		memcpy(padded, buf, n);
		struct na_probe p = {padded, n, na_input_name(in), na_input_mime(in)};
		for (size_t i = 0; na_format_list[i]; i++) {
			const struct na_format *f = na_format_list[i];
			if (!f->read_next)
				continue;
			int s = f->probe ? f->probe(&p) : na_probe_ext_score(f, &p);
			if (s == *score) {
				if (names.len)
					na_buf_adds(&names, " or ");
				na_buf_adds(&names, f->name);
			}
		}
		free(padded);
		*why = "ambiguous";
		na_report(c, NA_SEV_ERROR, &pos, NULL, "ambiguous input format: %s; use --from", names.p);
		na_buf_free(&names);
		return NULL;
	}
	if (*score <= NA_PROBE_GUESS)
		na_report(c, NA_SEV_WARNING, &pos, NULL, "format guessed as %s (score %d): misdetection possible",
		          best->name, *score);
	*why = NULL;
	return best;
}

/* ---- lifecycle ------------------------------------------------------- */

struct na_reader *na_reader_open(const struct na_format *f, struct na_input *in, struct na_ctx *c)
{
	if (!f->read_next) {
		struct na_pos pos = {na_input_name(in), 0, 0, -1};
		na_report(c, NA_SEV_ERROR, &pos, NULL, "format %s cannot be read", f->name);
		return NULL;
	}
	struct na_reader *r = na_xcalloc(1, sizeof *r);
	r->fmt = f;
	r->in = in;
	r->ctx = c;
	r->priv = f->priv_size ? na_xcalloc(1, f->priv_size) : NULL;
	if (f->read_open && f->read_open(r) < NA_WARN) {
		na_reader_close(r);
		return NULL;
	}
	return r;
}

/* ---- the UTF-8 promise ------------------------------------------------ */

/* s with every byte that does not start a valid UTF-8 sequence replaced by
 * U+FFFD, or NULL when s is valid. */
static const char *utf8_mend(struct na_arena *arena, const char *s)
{
	size_t n = strlen(s);
	if (na_utf8_valid(s, n))
		return NULL;
	struct na_buf b = {0};
	na_buf_add_utf8_mended(&b, s, n, 0);
	char *t = na_arena_strndup(arena, b.p, b.len);
	na_buf_free(&b);
	return t;
}

/* f: the field whose position to name (NA_F__COUNT: the record's) */
static int mend(struct na_reader *r, struct na_article *a, const char **s, enum na_field f, const char *what)
{
	const char *t = *s ? utf8_mend(a->arena, *s) : NULL;
	if (!t)
		return 0;
	*s = t;
	const struct na_pos *pos = f < NA_F__COUNT && a->fpos[f].file ? &a->fpos[f] : &a->pos;
	na_report(r->ctx, NA_SEV_WARNING, pos, what, "invalid UTF-8 replaced by U+FFFD");
	return 1;
}

static int mend_list(struct na_reader *r, struct na_article *a, struct na_strlist *l, enum na_field f,
                     const char *what)
{
	int n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += mend(r, a, &l->v[i], f, what);
	return n;
}

/* The model promises valid UTF-8, and readers mean to keep it, but libxml2
 * lets some malformed input through (an overlong sequence inside CDATA
 * reaches the text as is), so every record of a reader that does not
 * validate as it parses is checked here once. */
static int mend_article(struct na_reader *r, struct na_article *a)
{
	int n = 0;
	n += mend(r, a, &a->id, NA_F_ID, "id");
	n += mend(r, a, &a->source, NA_F_SOURCE, "source");
	n += mend(r, a, &a->url, NA_F_URL, "url");
	n += mend(r, a, &a->headline, NA_F_HEADLINE, "headline");
	n += mend(r, a, &a->subheadline, NA_F_SUBHEADLINE, "subheadline");
	n += mend_list(r, a, &a->byline, NA_F_BYLINE, "byline");
	n += mend(r, a, &a->dateline, NA_F_DATELINE, "dateline");
	n += mend(r, a, &a->language, NA_F_LANGUAGE, "language");
	n += mend(r, a, &a->published.value, NA_F_PUBLISHED, "published");
	n += mend(r, a, &a->published.raw, NA_F_PUBLISHED, "published_raw");
	n += mend(r, a, &a->modified.value, NA_F_MODIFIED, "modified");
	n += mend(r, a, &a->modified.raw, NA_F_MODIFIED, "modified_raw");
	n += mend_list(r, a, &a->keywords, NA_F_KEYWORDS, "keywords");
	n += mend_list(r, a, &a->subjects, NA_F_SUBJECTS, "subjects");
	n += mend(r, a, &a->section, NA_F_SUBJECTS, "section");
	for (size_t i = 0; i < a->nbody; i++)
		n += mend(r, a, &a->body[i].text, NA_F_BODY, "body");
	/* a bad byte can only sit inside a JSON string, so mending keeps the JSON valid */
	for (size_t i = 0; i < a->nextra; i++) {
		n += mend(r, a, &a->extra[i].key, NA_F__COUNT, "extra");
		n += mend(r, a, &a->extra[i].json, NA_F__COUNT, a->extra[i].key);
	}
	return n;
}

int na_reader_next(struct na_reader *r, struct na_article *a)
{
	na_article_clear(a);
	r->rejected = NULL;
	r->rejected_len = 0;
	r->utf8_valid = 0;
	int rc = r->fmt->read_next(r, a);
	if ((rc == NA_OK || rc == NA_WARN) && !r->fmt->validates_utf8 && !r->utf8_valid && mend_article(r, a))
		rc = NA_WARN;
	return rc;
}

const char *na_reader_rejected(struct na_reader *r, size_t *len)
{
	*len = r->rejected_len;
	return r->rejected;
}

int na_read_json_line(struct na_reader *r, struct na_arena *arena, struct na_json **root, struct na_pos *pos)
{
	for (;;) {
		const char *line;
		size_t len;
		long lineno = na_input_lineno(r->in);
		long long offset = na_input_offset(r->in);
		int rc = na_input_line(r->in, &line, &len);
		if (rc == 0)
			return NA_EOF;
		if (rc == -2)
			return NA_FATAL;
		if (rc < 0)
			return NA_FAILED; /* over-long line: reported, skipped */
		size_t k = 0;
		while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
			k++;
		if (k == len)
			continue;
		*pos = (struct na_pos){na_input_name(r->in), lineno, 1, offset};
		r->rejected = line;
		r->rejected_len = len;
		struct na_json_error err;
		*root = na_json_parse(arena, line, len, r->ctx->limits.max_depth, lineno, &err);
		if (*root)
			return NA_OK;
		pos->col = err.col;
		na_report(r->ctx, NA_SEV_ERROR, pos, NULL, "%s", err.message);
		return NA_FAILED;
	}
}

unsigned long na_reader_skipped(struct na_reader *r) { return r->skipped; }

void na_reader_close(struct na_reader *r)
{
	if (!r)
		return;
	if (r->fmt->read_close)
		r->fmt->read_close(r);
	free(r->priv);
	free(r);
}

struct na_writer *na_writer_open(const struct na_format *f, struct na_output *o, struct na_ctx *c)
{
	if (!f->write_article) {
		struct na_pos pos = {na_output_name(o), 0, 0, -1};
		na_report(c, NA_SEV_ERROR, &pos, NULL, "format %s cannot be written", f->name);
		return NULL;
	}
	struct na_writer *w = na_xcalloc(1, sizeof *w);
	w->fmt = f;
	w->out = o;
	w->ctx = c;
	w->priv = f->priv_size ? na_xcalloc(1, f->priv_size) : NULL;
	if (f->write_open && f->write_open(w) < NA_WARN) {
		if (f->write_close)
			f->write_close(w);
		free(w->priv);
		free(w);
		return NULL;
	}
	return w;
}

int na_writer_article(struct na_writer *w, const struct na_article *a)
{
	int rc = w->fmt->write_article(w, a);
	if (rc >= NA_WARN)
		w->count++;
	return rc;
}

int na_writer_close(struct na_writer *w)
{
	if (!w)
		return NA_OK;
	int rc = w->fmt->write_close ? w->fmt->write_close(w) : NA_OK;
	free(w->priv);
	free(w);
	return rc;
}
