/* nitf.c - IPTC News Industry Text Format, NITF 3.x (3.0-3.6; iptc.org/std/NITF).
 * Reader: one <nitf> document per input: head/title, meta (NYT corpus
 * publication_year/month/day_of_month, online_sections), tobject.subject,
 * docdata (doc-id, date.issue, date.release, doc.copyright, key-list),
 * pubdata (date.publication, ex-ref, position.section), body.head (hedline
 * hl1/hl2, byline, distributor, dateline, abstract) and body.content blocks.
 * The declared encoding is honoured (libxml2); a DOCTYPE's external DTD is
 * never fetched.  Not mapped: tables as tables (their cells become
 * paragraphs), media, enriched inline markup (org, person... become text).
 * Writer: NITF 3.6, one article per document (a second article is rejected:
 * NITF has no container), read back identical by the reader. */
#include <stdio.h>
#include "formats/nitf/nitf.h"

extern const struct na_format na_format_nitf;

static int nitf_probe(const struct na_probe *p)
{
	char root[32];
	if (na_nitf_xml_root(p, root, sizeof root) == 0 && !strcmp(root, "nitf"))
		return NA_PROBE_MAX;
	return na_probe_ext_score(&na_format_nitf, p);
}

struct nitf {
	int done;               /* reader: the document was read */
	unsigned long articles; /* writer: articles offered */
};

static int nitf_read_next(struct na_reader *r, struct na_article *a)
{
	struct nitf *st = r->priv;
	if (st->done)
		return NA_EOF;
	st->done = 1;
	const char *buf;
	size_t len;
	if (na_input_slurp(r->in, &buf, &len) < 0)
		return NA_FATAL;
	struct na_xml_err err = {r->ctx, na_input_name(r->in), 0, 0, 0, 0};
	struct na_pos pos = {na_input_name(r->in), 1, 1, 0};
	a->pos = pos;
	const char *enc = na_input_charset(r->in);
	char declared[64];
	if (!enc && (enc = na_nitf_utf8_mislabel(buf, len, declared, sizeof declared)) != NULL)
		na_report(r->ctx, NA_SEV_WARNING, &pos, NULL,
		          "declared encoding %s, but the bytes are UTF-8: read as UTF-8", declared);
	xmlDocPtr doc = na_xml_read(&err, buf, len, enc);
	if (!doc) {
		if (!err.errors)
			na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "not a well-formed XML document");
		r->rejected = buf;
		r->rejected_len = len;
		return NA_FAILED;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!na_xml_is(root, "nitf")) {
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "root element is <%s>, not <nitf>",
		          root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		r->rejected = buf;
		r->rejected_len = len;
		return NA_FAILED;
	}
	if (doc->encoding) {
		a->charset = na_arena_strdup(a->arena, (const char *)doc->encoding);
		a->charset_origin = na_input_charset(r->in) ? "transport" : enc ? "guess" : "meta";
	}
	na_nitf_fill(a, root);
	xmlFreeDoc(doc);
	if (!a->headline && !a->nbody) {
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "no article content found (no headline, no body.content)");
		r->rejected = buf;
		r->rejected_len = len;
		return NA_FAILED;
	}
	return NA_OK;
}

/* ---- writer ----------------------------------------------------------- */

static void elem(struct na_buf *b, const char *indent, const char *tag, const char *text)
{
	if (!text || !*text)
		return;
	na_buf_printf(b, "%s<%s>", indent, tag);
	na_nitf_escape(b, text);
	na_buf_printf(b, "</%s>\n", tag);
}

static void attr(struct na_buf *b, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	na_buf_printf(b, " %s=\"", name);
	na_nitf_escape(b, value);
	na_buf_addc(b, '"');
}

static void meta(struct na_buf *b, const char *name, const char *content)
{
	if (!content)
		return;
	na_buf_adds(b, "    <meta");
	attr(b, "name", name);
	attr(b, "content", content);
	na_buf_adds(b, "/>\n");
}

/* The extra field KEY when it holds a JSON string, decoded; else NULL. */
static const char *extra_string(struct na_arena *arena, const struct na_article *a, const char *key)
{
	for (size_t i = 0; i < a->nextra; i++) {
		if (strcmp(a->extra[i].key, key))
			continue;
		struct na_json_error err;
		struct na_json *v = na_json_parse(arena, a->extra[i].json, strlen(a->extra[i].json), 8, 1, &err);
		return v && v->type == NA_JSON_STRING && !memchr(v->u.str, 0, v->len) ? v->u.str : NULL;
	}
	return NULL;
}

static int is_subject_code(const char *s)
{
	size_t n = strlen(s);
	if (n != 8)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static void write_body(struct na_buf *b, const struct na_article *a)
{
	for (size_t i = 0; i < a->nbody; i++) {
		const struct na_block *k = &a->body[i];
		switch (k->type) {
		case NA_BLOCK_HEADING:
			elem(b, "      ", "hl2", k->text);
			break;
		case NA_BLOCK_QUOTE:
			na_buf_adds(b, "      <bq><block>");
			elem(b, "", "p", k->text);
			na_buf_adds(b, "      </block></bq>\n");
			break;
		case NA_BLOCK_LIST_ITEM:
			if (i == 0 || a->body[i - 1].type != NA_BLOCK_LIST_ITEM)
				na_buf_adds(b, "      <ul>\n");
			elem(b, "        ", "li", k->text);
			if (i + 1 == a->nbody || a->body[i + 1].type != NA_BLOCK_LIST_ITEM)
				na_buf_adds(b, "      </ul>\n");
			break;
		default:
			elem(b, "      ", "p", k->text);
		}
	}
}

static int nitf_write_article(struct na_writer *w, const struct na_article *a)
{
	struct nitf *st = w->priv;
	if (st->articles++ > 0) {
		/* the output's position: the article's may name an input already closed */
		struct na_pos pos = {na_output_name(w->out), 0, 0, -1};
		na_report(w->ctx, NA_SEV_ERROR, &pos, NULL,
		          "nitf holds one article per document; article %lu%s%s%s not written (convert one record per file)",
		          st->articles, a->id ? " (" : "", a->id ? a->id : "", a->id ? ")" : "");
		return NA_FAILED;
	}
	struct na_buf *b = na_output_buffer(w->out);
	struct na_arena *tmp = na_arena_new();
	na_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<nitf version=\"-//IPTC//DTD NITF 3.6//EN\"");
	attr(b, "baselang", a->language);
	na_buf_adds(b, ">\n  <head>\n");
	elem(b, "    ", "title", a->headline);
	meta(b, "modified", a->modified.value);
	/* what NITF has no place for, kept so the reader gives the record back */
	if (a->published.value && a->published.raw && strcmp(a->published.raw, a->published.value))
		meta(b, "newsarc.published_raw", a->published.raw);
	if (a->modified.value && a->modified.raw && strcmp(a->modified.raw, a->modified.value))
		meta(b, "newsarc.modified_raw", a->modified.raw);
	for (size_t i = 0; i < a->nextra; i++) {
		char *name = na_arena_printf(tmp, "newsarc.extra.%s", a->extra[i].key);
		meta(b, name, a->extra[i].json);
	}
	if (a->subjects.n) {
		na_buf_adds(b, "    <tobject>\n");
		for (size_t i = 0; i < a->subjects.n; i++) {
			const char *s = a->subjects.v[i];
			na_buf_adds(b, "      <tobject.subject");
			attr(b, is_subject_code(s) ? "tobject.subject.refnum" : "tobject.subject.type", s);
			na_buf_adds(b, "/>\n");
		}
		na_buf_adds(b, "    </tobject>\n");
	}
	na_buf_adds(b, "    <docdata>\n");
	if (a->id) {
		na_buf_adds(b, "      <doc-id");
		attr(b, "id-string", a->id);
		na_buf_adds(b, "/>\n");
	}
	if (a->published.value) {
		na_buf_adds(b, "      <date.issue");
		attr(b, "norm", a->published.value);
		na_buf_adds(b, "/>\n");
	}
	if (a->keywords.n) {
		na_buf_adds(b, "      <key-list>\n");
		for (size_t i = 0; i < a->keywords.n; i++) {
			na_buf_adds(b, "        <keyword");
			attr(b, "key", a->keywords.v[i]);
			na_buf_adds(b, "/>\n");
		}
		na_buf_adds(b, "      </key-list>\n");
	}
	na_buf_adds(b, "    </docdata>\n");
	if (a->url || a->section) {
		na_buf_adds(b, "    <pubdata type=\"web\"");
		attr(b, "ex-ref", a->url);
		attr(b, "position.section", a->section);
		na_buf_adds(b, "/>\n");
	}
	na_buf_adds(b, "  </head>\n  <body>\n    <body.head>\n");
	if (a->headline || a->subheadline) {
		na_buf_adds(b, "      <hedline>\n");
		elem(b, "        ", "hl1", a->headline ? a->headline : "");
		elem(b, "        ", "hl2", a->subheadline);
		na_buf_adds(b, "      </hedline>\n");
	}
	const char *owner = extra_string(tmp, a, "rights_owner");
	if (owner) {
		na_buf_adds(b, "      <rights>");
		elem(b, "", "rights.owner", owner);
		na_buf_adds(b, "      </rights>\n");
	}
	for (size_t i = 0; i < a->byline.n; i++)
		elem(b, "      ", "byline", a->byline.v[i]);
	elem(b, "      ", "distributor", a->source);
	elem(b, "      ", "dateline", a->dateline);
	const char *abstract = extra_string(tmp, a, "abstract");
	if (abstract) {
		na_buf_adds(b, "      <abstract>");
		elem(b, "", "p", abstract);
		na_buf_adds(b, "      </abstract>\n");
	}
	na_buf_adds(b, "    </body.head>\n    <body.content>\n");
	write_body(b, a);
	na_buf_adds(b, "    </body.content>\n  </body>\n</nitf>\n");
	na_arena_free(tmp);
	return na_output_flush_maybe(w->out);
}

const struct na_format na_format_nitf = {
	.name = "nitf",
	.description = "IPTC NITF 3.x news article (one <nitf> document per file)",
	.extensions = "nitf",
	.mime = "application/nitf+xml",
	.priv_size = sizeof(struct nitf),
	.probe = nitf_probe,
	.read_next = nitf_read_next,
	.write_article = nitf_write_article,
};
