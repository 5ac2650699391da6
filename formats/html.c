/* html.c - HTML pages (WHATWG HTML Living Standard; parsed with libxml2's
 * HTML 4 parser in recover mode, which reads HTML5 documents well enough
 * for text and metadata).
 *
 * Reader: one page is one article.  The page is decoded to UTF-8
 * (formats/html/charset.c), parsed once into a compact tree
 * (formats/html/tree.c), its metadata taken from JSON-LD, OpenGraph, meta
 * names, microdata and visible markup (formats/html/meta.c) and its body
 * from the best-scoring content container (formats/html/extract.c).  A page
 * with no article text is rejected ("no article content found").  Pages
 * this format wrote are read back exactly (formats/html/own.c).
 *
 * Writer: HTML5 (the "html" serialization), UTF-8.  mode=auto (default):
 * one article gives a standalone page, several give one page with an
 * <article> per record; mode=single refuses a second article; mode=multi
 * always writes the multi-article page.  Each <article> carries a JSON-LD
 * NewsArticle; every field is escaped for its context and only http(s)
 * URLs become links.  docs/html.md has the details. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "format.h"
#include "html/html.h"

extern const struct na_format na_format_html;

enum { MODE_AUTO, MODE_SINGLE, MODE_MULTI };

struct html {
	/* reader */
	int done;
	struct na_arena *arena;
	struct html_page page;
	int own;                        /* reading back a newsarc page */
	size_t own_index;
	const struct hnode *own_cursor;
	const char *own_charset, *own_origin;
	char *text;
	/* writer */
	int mode;
	int started;                    /* multi page header written */
	struct na_article *held;        /* auto mode: the first article */
};

/* ---- probe ------------------------------------------------------------- */

static int ci_find(const unsigned char *b, size_t n, const char *w)
{
	size_t k = strlen(w);
	for (size_t i = 0; i + k <= n; i++)
		if (na_strncaseeq((const char *)b + i, w, k))
			return 1;
	return 0;
}

static int html_probe(const struct na_probe *p)
{
	int ext = na_probe_ext_score(&na_format_html, p);
	size_t i = na_probe_skip_ws(p);
	const unsigned char *b = p->buf + i;
	size_t n = p->len - i;
	/* comments before the doctype (some CMSs put them there) */
	while (n > 4 && !memcmp(b, "<!--", 4)) {
		const unsigned char *e = NULL;
		for (size_t k = 4; k + 3 <= n; k++)
			if (!memcmp(b + k, "-->", 3)) {
				e = b + k + 3;
				break;
			}
		if (!e)
			break;
		n -= (size_t)(e - b);
		b = e;
		while (n && (*b == ' ' || *b == '\n' || *b == '\r' || *b == '\t'))
			b++, n--;
	}
	if (n >= 14 && na_strncaseeq((const char *)b, "<!doctype html", 14))
		return NA_PROBE_MAX;
	if (n >= 5 && na_strncaseeq((const char *)b, "<html", 5) && (b[5] == '>' || b[5] == ' ' || b[5] == '\n' || b[5] == '\r'))
		return NA_PROBE_MAX;
	if (n >= 5 && !memcmp(b, "<?xml", 5)) {
		/* XHTML is HTML; feeds, NewsML, NITF are not */
		const unsigned char *q = memchr(b + 5, '>', n - 5);
		if (q) {
			size_t rest = n - (size_t)(q + 1 - b);
			const unsigned char *r = q + 1;
			size_t look = rest < 600 ? rest : 600;
			while (look && (*r == ' ' || *r == '\n' || *r == '\r' || *r == '\t'))
				r++, look--;
			if ((look >= 14 && na_strncaseeq((const char *)r, "<!doctype html", 14)) ||
			    (look >= 5 && na_strncaseeq((const char *)r, "<html", 5)))
				return 90;
		}
		return ext ? NA_PROBE_GUESS : 0;
	}
	if (n && b[0] == '<') {
		static const char *const starts[] = {"<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<article",
		                                     "<section", "<h1", "<link", "<script", "<table", "<center", "<font"};
		for (size_t k = 0; k < NA_ARRAY_SIZE(starts); k++) {
			size_t sl = strlen(starts[k]);
			if (n >= sl && na_strncaseeq((const char *)b, starts[k], sl)) {
				int s = ci_find(b, n, "<body") || ci_find(b, n, "<head") ? 80 : 60;
				return ext > s ? ext : s;
			}
		}
	}
	if (p->mime && (!strncmp(p->mime, "text/html", 9) || !strncmp(p->mime, "application/xhtml", 17)))
		return NA_PROBE_MIME;
	return ext ? (n && b[0] == '<' ? NA_PROBE_EXT : NA_PROBE_GUESS) : 0;
}

/* ---- reader --------------------------------------------------------------- */

static int html_read_open(struct na_reader *r)
{
	struct html *h = r->priv;
	h->arena = na_arena_new();
	return NA_OK;
}

static void html_read_close(struct na_reader *r)
{
	struct html *h = r->priv;
	if (h->arena)
		na_arena_free(h->arena);
	free(h->text);
}

static int binary(const char *b, size_t n)
{
	/* NUL and C0 controls other than whitespace: not a text page (UTF-16
	 * pages start with a BOM and are decoded before this check) */
	size_t look = n < 65536 ? n : 65536, bad = 0;
	for (size_t i = 0; i < look; i++) {
		unsigned char c = (unsigned char)b[i];
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
			bad++;
	}
	return bad > 8 && bad * 100 > look;
}

static int reject(struct na_reader *r, const char *buf, size_t len)
{
	r->rejected = buf;
	r->rejected_len = len;
	return NA_FAILED;
}

/* --max-seconds-per-record (limits.max_page_ms): wall-clock time since the
 * page was read, checked between the stages (decode, parse, metadata, body).
 * A stage is not interrupted: each is linear in the page (docs/limits.md),
 * so the overshoot is at most one stage. */
static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static int too_slow(struct na_reader *r, const struct na_pos *pos, double t0, const char *stage)
{
	unsigned lim = r->ctx->limits.max_page_ms;
	if (!lim || now_ms() - t0 <= (double)lim)
		return 0;
	na_report(r->ctx, NA_SEV_ERROR, pos, NULL,
	          "page not converted within %u.%03u s (--max-seconds-per-record): stopped after %s; rejected",
	          lim / 1000, lim % 1000, stage);
	return 1;
}

static int html_read_next(struct na_reader *r, struct na_article *a)
{
	struct html *h = r->priv;
	struct na_pos pos = {na_input_name(r->in), 1, 1, 0};
	if (h->own) {
		a->pos = pos;
		a->charset = h->own_charset;
		a->charset_origin = h->own_origin;
		int st = html_read_own_at(r->ctx, &h->page, a, h->own_index++, &h->own_cursor);
		return st;
	}
	if (h->done)
		return NA_EOF;
	h->done = 1;
	const char *buf;
	size_t len;
	if (na_input_slurp(r->in, &buf, &len) < 0)
		return NA_FATAL;
	double t0 = now_ms();
	a->pos = pos;
	size_t k = 0;
	while (k < len && (buf[k] == ' ' || buf[k] == '\n' || buf[k] == '\r' || buf[k] == '\t'))
		k++;
	if (k == len) {
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "empty page: no article content found");
		return reject(r, buf, len);
	}
	const unsigned char *u = (const unsigned char *)buf;
	int utf16 = len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
	if (!utf16 && binary(buf, len)) {
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "not an HTML page: binary data (control bytes in the text)");
		return reject(r, buf, len);
	}
	size_t tlen;
	const char *cs, *origin;
	free(h->text);
	h->text = NULL;
	na_html_decode(r->ctx, &pos, a->arena, buf, len, na_input_charset(r->in), &h->text, &tlen, &cs, &origin);
	a->charset = na_arena_strdup(a->arena, cs);
	a->charset_origin = origin;
	if (too_slow(r, &pos, t0, "decoding"))
		return reject(r, buf, len);
	memset(&h->page, 0, sizeof h->page);
	h->page.arena = h->arena;
	if (html_parse(r->ctx, &h->page, h->text, tlen, r->ctx->limits.max_depth) != 0) {
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "HTML parser could not start");
		return reject(r, buf, len);
	}
	if (too_slow(r, &pos, t0, "parsing"))
		return reject(r, buf, len);
	if (h->page.generator_newsarc && h->page.njsonld) {
		h->own = 1;
		h->own_charset = a->charset;
		h->own_origin = origin;
		/* the strings above live in a's arena, which the next record clears */
		h->own_charset = na_arena_strdup(h->arena, a->charset);
		int st = html_read_own_at(r->ctx, &h->page, a, h->own_index++, &h->own_cursor);
		if (st != NA_EOF)
			return st;
		h->own = 0;
		na_article_clear(a);
		a->pos = pos;
	}
	const struct hnode *hl = NULL;
	html_stats(h->page.root);
	html_extract_meta(r->ctx, &h->page, a, &hl);
	if (too_slow(r, &pos, t0, "the metadata"))
		return reject(r, buf, len);
	if (!html_extract_body(&h->page, a, hl)) {
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "no article content found");
		return reject(r, buf, len);
	}
	if (too_slow(r, &pos, t0, "the body"))
		return reject(r, buf, len);
	return NA_OK;
}

/* ---- writer --------------------------------------------------------------- */

/* Text content: & < > escaped (quotes too, so the same routine serves
 * attribute values, which are always double-quoted). */
static void esc(struct na_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': na_buf_adds(b, "&amp;"); break;
		case '<': na_buf_adds(b, "&lt;"); break;
		case '>': na_buf_adds(b, "&gt;"); break;
		case '"': na_buf_adds(b, "&quot;"); break;
		case '\'': na_buf_adds(b, "&#39;"); break;
		case '\r': na_buf_adds(b, "&#13;"); break;
		default: na_buf_addc(b, *s);
		}
	}
}

static int safe_url(const char *u)
{
	return u && (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8));
}

static void meta_prop(struct na_buf *b, const char *attr, const char *key, const char *v)
{
	if (!v)
		return;
	na_buf_printf(b, "<meta %s=\"%s\" content=\"", attr, key);
	esc(b, v);
	na_buf_adds(b, "\">\n");
}

/* JSON text safe inside <script>: "<" (which could open "</script" or
 * "<!--") and ">" and "&" become \u escapes; JSON syntax never uses them
 * outside strings. */
static void json_safe(struct na_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '<')
			na_buf_adds(out, "\\u003c");
		else if (c == '>')
			na_buf_adds(out, "\\u003e");
		else if (c == '&')
			na_buf_adds(out, "\\u0026");
		else
			na_buf_addc(out, c);
	}
}

static void jstr(struct na_buf *j, const char *key, const char *v)
{
	if (!v)
		return;
	na_buf_addc(j, ',');
	na_buf_json_string(j, key, strlen(key));
	na_buf_addc(j, ':');
	na_buf_json_string(j, v, strlen(v));
}

static void jlist(struct na_buf *j, const char *key, const struct na_strlist *l, const char *type)
{
	if (!l->n)
		return;
	na_buf_addc(j, ',');
	na_buf_json_string(j, key, strlen(key));
	na_buf_adds(j, ":[");
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			na_buf_addc(j, ',');
		if (type) {
			na_buf_printf(j, "{\"@type\":\"%s\",\"name\":", type);
			na_buf_json_string(j, l->v[i], strlen(l->v[i]));
			na_buf_addc(j, '}');
		} else {
			na_buf_json_string(j, l->v[i], strlen(l->v[i]));
		}
	}
	na_buf_addc(j, ']');
}

static void write_jsonld(struct na_buf *b, const struct na_article *a)
{
	struct na_buf j = {0};
	na_buf_adds(&j, "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"");
	jstr(&j, "identifier", a->id);
	jstr(&j, "url", a->url);
	jstr(&j, "headline", a->headline);
	jstr(&j, "alternativeHeadline", a->subheadline);
	jlist(&j, "author", &a->byline, "Person");
	jstr(&j, "dateline", a->dateline);
	jstr(&j, "inLanguage", a->language);
	jstr(&j, "datePublished", a->published.value);
	if (a->published.raw && (!a->published.value || strcmp(a->published.raw, a->published.value)))
		jstr(&j, "newsarc:publishedRaw", a->published.raw);
	jstr(&j, "dateModified", a->modified.value);
	if (a->modified.raw && (!a->modified.value || strcmp(a->modified.raw, a->modified.value)))
		jstr(&j, "newsarc:modifiedRaw", a->modified.raw);
	jlist(&j, "keywords", &a->keywords, NULL);
	jlist(&j, "about", &a->subjects, "Thing");
	jstr(&j, "articleSection", a->section);
	if (a->source) {
		na_buf_adds(&j, ",\"publisher\":{\"@type\":\"Organization\",\"name\":");
		na_buf_json_string(&j, a->source, strlen(a->source));
		na_buf_addc(&j, '}');
	}
	if (a->nextra) {
		na_buf_adds(&j, ",\"newsarc:extra\":{");
		for (size_t i = 0; i < a->nextra; i++) {
			if (i)
				na_buf_addc(&j, ',');
			na_buf_json_string(&j, a->extra[i].key, strlen(a->extra[i].key));
			na_buf_addc(&j, ':');
			na_buf_adds(&j, a->extra[i].json);
		}
		na_buf_addc(&j, '}');
	}
	na_buf_addc(&j, '}');
	na_buf_adds(b, "<script type=\"application/ld+json\">");
	json_safe(b, j.p, j.len);
	na_buf_adds(b, "</script>\n");
	na_buf_free(&j);
}

static void write_head_meta(struct na_buf *b, const struct na_article *a)
{
	if (safe_url(a->url)) {
		na_buf_adds(b, "<link rel=\"canonical\" href=\"");
		esc(b, a->url);
		na_buf_adds(b, "\">\n");
	}
	meta_prop(b, "property", "og:type", "article");
	meta_prop(b, "property", "og:title", a->headline);
	if (safe_url(a->url))
		meta_prop(b, "property", "og:url", a->url);
	meta_prop(b, "property", "og:site_name", a->source);
	meta_prop(b, "property", "og:description", a->subheadline);
	meta_prop(b, "property", "article:published_time", a->published.value);
	meta_prop(b, "property", "article:modified_time", a->modified.value);
	meta_prop(b, "property", "article:section", a->section);
	for (size_t i = 0; i < a->keywords.n; i++)
		meta_prop(b, "property", "article:tag", a->keywords.v[i]);
	for (size_t i = 0; i < a->byline.n; i++)
		meta_prop(b, "name", "author", a->byline.v[i]);
}

static void write_article(struct na_buf *b, const struct na_article *a)
{
	na_buf_adds(b, "<article class=\"newsarc-article\"");
	if (a->language) {
		na_buf_adds(b, " lang=\"");
		esc(b, a->language);
		na_buf_addc(b, '"');
	}
	na_buf_adds(b, ">\n");
	write_jsonld(b, a);
	na_buf_adds(b, "<header>\n");
	if (a->section) {
		na_buf_adds(b, "<p class=\"section\">");
		esc(b, a->section);
		na_buf_adds(b, "</p>\n");
	}
	if (a->headline) {
		na_buf_adds(b, "<h1>");
		esc(b, a->headline);
		na_buf_adds(b, "</h1>\n");
	}
	if (a->subheadline) {
		na_buf_adds(b, "<p class=\"subheadline\">");
		esc(b, a->subheadline);
		na_buf_adds(b, "</p>\n");
	}
	if (a->byline.n) {
		na_buf_adds(b, "<p class=\"byline\">By ");
		for (size_t i = 0; i < a->byline.n; i++) {
			if (i)
				na_buf_adds(b, i + 1 == a->byline.n ? " and " : ", ");
			na_buf_adds(b, "<span class=\"author\">");
			esc(b, a->byline.v[i]);
			na_buf_adds(b, "</span>");
		}
		na_buf_adds(b, "</p>\n");
	}
	if (a->published.value || a->published.raw || a->source || a->dateline) {
		na_buf_adds(b, "<p class=\"dateline\">");
		if (a->dateline) {
			esc(b, a->dateline);
			if (a->source || a->published.value || a->published.raw)
				na_buf_adds(b, ", ");
		}
		if (a->source) {
			na_buf_adds(b, "<span class=\"source\">");
			esc(b, a->source);
			na_buf_adds(b, "</span>");
			if (a->published.value || a->published.raw)
				na_buf_adds(b, ", ");
		}
		if (a->published.value) {
			na_buf_adds(b, "<time datetime=\"");
			esc(b, a->published.value);
			na_buf_adds(b, "\">");
			esc(b, a->published.raw ? a->published.raw : a->published.value);
			na_buf_adds(b, "</time>");
		} else if (a->published.raw) {
			na_buf_adds(b, "<time>");
			esc(b, a->published.raw);
			na_buf_adds(b, "</time>");
		}
		na_buf_adds(b, "</p>\n");
	}
	if (safe_url(a->url)) {
		na_buf_adds(b, "<p class=\"url\"><a href=\"");
		esc(b, a->url);
		na_buf_adds(b, "\" rel=\"bookmark\">");
		esc(b, a->url);
		na_buf_adds(b, "</a></p>\n");
	}
	na_buf_adds(b, "</header>\n<div class=\"newsarc-body\">\n");
	for (size_t i = 0; i < a->nbody; i++) {
		const struct na_block *k = &a->body[i];
		switch (k->type) {
		case NA_BLOCK_HEADING:
			na_buf_adds(b, "<h2>");
			esc(b, k->text);
			na_buf_adds(b, "</h2>\n");
			break;
		case NA_BLOCK_QUOTE:
			na_buf_adds(b, "<blockquote><p>");
			esc(b, k->text);
			na_buf_adds(b, "</p></blockquote>\n");
			break;
		case NA_BLOCK_LIST_ITEM:
			if (i == 0 || a->body[i - 1].type != NA_BLOCK_LIST_ITEM)
				na_buf_adds(b, "<ul>\n");
			na_buf_adds(b, "<li>");
			esc(b, k->text);
			na_buf_adds(b, "</li>\n");
			if (i + 1 == a->nbody || a->body[i + 1].type != NA_BLOCK_LIST_ITEM)
				na_buf_adds(b, "</ul>\n");
			break;
		default:
			na_buf_adds(b, "<p>");
			esc(b, k->text);
			na_buf_adds(b, "</p>\n");
		}
	}
	na_buf_adds(b, "</div>\n</article>\n");
}

static void page_start(struct na_buf *b, const struct na_article *a)
{
	na_buf_adds(b, "<!DOCTYPE html>\n<html");
	if (a && a->language) {
		na_buf_adds(b, " lang=\"");
		esc(b, a->language);
		na_buf_addc(b, '"');
	}
	na_buf_adds(b, ">\n<head>\n<meta charset=\"utf-8\">\n");
	na_buf_adds(b, "<meta name=\"generator\" content=\"newsarc " NA_VERSION "\">\n");
	na_buf_adds(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(b, a ? (a->headline ? a->headline : a->id ? a->id : "Article") : "Articles");
	na_buf_adds(b, "</title>\n");
	if (a)
		write_head_meta(b, a);
	na_buf_adds(b, "</head>\n<body>\n");
}

static int html_write_open(struct na_writer *w)
{
	struct html *h = w->priv;
	const char *m = na_ctx_option(w->ctx, "html", "mode");
	h->mode = MODE_AUTO;
	if (m && !strcmp(m, "single"))
		h->mode = MODE_SINGLE;
	else if (m && !strcmp(m, "multi"))
		h->mode = MODE_MULTI;
	else if (m && strcmp(m, "auto")) {
		struct na_pos pos = {na_output_name(w->out), 0, 0, -1};
		na_report(w->ctx, NA_SEV_ERROR, &pos, NULL, "html: mode must be auto, single or multi, not \"%s\"", m);
		return NA_FATAL;
	}
	return NA_OK;
}

static int html_write_article(struct na_writer *w, const struct na_article *a)
{
	struct html *h = w->priv;
	struct na_buf *b = na_output_buffer(w->out);
	if (h->mode == MODE_SINGLE && h->held) {
		struct na_pos pos = a->pos;
		na_report(w->ctx, NA_SEV_ERROR, &pos, NULL,
		          "html: mode=single writes one article per page; this one is left out (use -O html:mode=multi)");
		return NA_FAILED;
	}
	if (h->mode != MODE_MULTI && !h->started && !h->held) {
		h->held = na_article_new();
		na_article_copy(h->held, a);
		return NA_OK;
	}
	if (!h->started) {
		page_start(b, NULL);
		h->started = 1;
		if (h->held) {
			write_article(b, h->held);
			na_article_free(h->held);
			h->held = NULL;
		}
	}
	write_article(b, a);
	return na_output_flush_maybe(w->out);
}

static int html_write_close(struct na_writer *w)
{
	struct html *h = w->priv;
	struct na_buf *b = na_output_buffer(w->out);
	if (h->held) {
		page_start(b, h->held);
		write_article(b, h->held);
		na_buf_adds(b, "</body>\n</html>\n");
		na_article_free(h->held);
		h->held = NULL;
	} else if (h->started) {
		na_buf_adds(b, "</body>\n</html>\n");
	} else {
		/* no article: an empty but valid page */
		page_start(b, NULL);
		na_buf_adds(b, "</body>\n</html>\n");
	}
	return na_output_flush_maybe(w->out);
}

const struct na_format na_format_html = {
	.name = "html",
	.aliases = "htm,xhtml",
	.description = "HTML page: article extraction (reader); standalone HTML5 pages with JSON-LD (writer)",
	.extensions = "html,htm,xhtml",
	.mime = "text/html,application/xhtml+xml",
	.priv_size = sizeof(struct html),
	.probe = html_probe,
	.read_open = html_read_open,
	.read_next = html_read_next,
	.read_close = html_read_close,
	.write_open = html_write_open,
	.write_article = html_write_article,
	.write_close = html_write_close,
	.options_help = "mode: auto (one article: a standalone page; several: one page with an <article> each), "
	                "single (one article per page; later ones rejected), multi (always one page of <article>s)",
};
