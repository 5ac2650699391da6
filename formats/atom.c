/* atom.c - Atom 1.0 (RFC 4287), read and write.  Read: entry id, title
 * (text, html, xhtml), link rel="alternate", published, updated, author
 * (the feed's authors when the entry has none, as RFC 4287 4.2.1 says),
 * category, content and summary (text, html, xhtml into body blocks),
 * source/title, xml:lang; the source is the entry's atom:source title or the
 * feed title.  Write: one atom:feed per output (id and title from
 * -O atom:..., updated = the latest entry date), entries with id, title,
 * link, published, updated (RFC 3339), author, category and the body as
 * HTML content.  See docs/feeds.md for what Atom cannot carry. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>
#include "feed/feed.h"

extern const struct na_format na_format_atom;

struct atom {
	struct feed_xml fx;
	int root_seen;
	unsigned long entries;
	char *title;
	char **authors;
	size_t nauthors;
	/* writer */
	int started;
	char updated[40];
	long long updated_epoch;
};

static int atom_probe(const struct na_probe *p)
{
	char text[NA_PROBE_SIZE + 1], root[64];
	size_t n = feed_probe_text(p, text, sizeof text);
	int ext = na_probe_ext_score(&na_format_atom, p);
	if (!feed_root(text, n, root, sizeof root))
		return ext ? NA_PROBE_GUESS : 0;
	const char *local = strchr(root, ':') ? strchr(root, ':') + 1 : root;
	if (!strcmp(local, "feed") && strstr(text, FEED_NS_ATOM))
		return NA_PROBE_MAX;
	return ext ? NA_PROBE_GUESS : 0;
}

static int atom_read_open(struct na_reader *r)
{
	struct atom *s = r->priv;
	return feed_xml_open(&s->fx, r);
}

static void atom_read_close(struct na_reader *r)
{
	struct atom *s = r->priv;
	feed_xml_close(&s->fx);
	free(s->title);
	for (size_t i = 0; i < s->nauthors; i++)
		free(s->authors[i]);
	free(s->authors);
}

static int is_atom(xmlNodePtr n, const char *name)
{
	return feed_is(n, FEED_NS_ATOM, name);
}

/* Text construct (RFC 4287 3.1): type text, html or xhtml. */
static const char *text_construct(struct na_article *a, xmlNodePtr n)
{
	const char *type = na_xml_attr(a, n, "type");
	if (type && !strcmp(type, "html")) {
		size_t len;
		char *html = feed_raw_text(n, &len);
		const char *t = feed_html_text(a, html, len);
		free(html);
		return t;
	}
	return feed_text(a, n); /* text, and xhtml's div read as text */
}

/* content or summary into body blocks. */
static void body_construct(struct na_article *a, xmlNodePtr n)
{
	const char *type = na_xml_attr(a, n, "type");
	if (type && !strcmp(type, "xhtml")) {
		xmlNodePtr div = NULL;
		for (xmlNodePtr c = n->children; c && !div; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				div = c;
		if (div) {
			/* the div is the container, not a paragraph of its own */
			size_t before = a->nbody;
			na_xml_blocks(a, div);
			if (a->nbody == before) {
				const char *t = feed_text(a, div);
				if (*t)
					na_article_add_block(a, NA_BLOCK_PARAGRAPH, t, strlen(t));
			}
		}
		return;
	}
	if (na_xml_attr(a, n, "src"))
		return; /* out-of-line content: nothing here to read */
	size_t len;
	char *s = feed_raw_text(n, &len);
	if (type && (!strcmp(type, "html") || strstr(type, "html")))
		feed_html_blocks(a, s, len);
	else if (!type || !strcmp(type, "text") || !strncmp(type, "text/", 5))
		feed_text_blocks(a, s, len);
	free(s);
}

static void person(struct na_article *a, xmlNodePtr n)
{
	xmlNodePtr name = NULL;
	for (xmlNodePtr c = n->children; c && !name; c = c->next)
		if (is_atom(c, "name"))
			name = c;
	if (name)
		na_strlist_push_unique(a, &a->byline, feed_text(a, name));
}

static int map_entry(struct atom *s, xmlNodePtr e, struct na_article *a)
{
	struct feed_xml *fx = &s->fx;
	int warn = 0;
	xmlNodePtr content = NULL, summary = NULL;
	feed_xml_record(fx, e, a);
	for (xmlNodePtr c = e->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_atom(c, "id")) {
			const char *t = feed_text(a, c);
			if (*t)
				a->id = feed_id_from_iri(a, t);
		} else if (is_atom(c, "title")) {
			const char *t = text_construct(a, c);
			if (*t)
				a->headline = t;
		} else if (is_atom(c, "link")) {
			const char *rel = na_xml_attr(a, c, "rel");
			const char *href = na_xml_attr(a, c, "href");
			if (href && *href && (!rel || !strcmp(rel, "alternate")) && !a->url) {
				struct na_pos pos = {fx->err.file, feed_xml_line(fx, c), 0, -1};
				a->url = feed_url(fx->r->ctx, &pos, href);
			}
		} else if (is_atom(c, "published")) {
			warn |= feed_date(fx, a, &a->published, feed_text(a, c), "published", feed_xml_line(fx, c));
		} else if (is_atom(c, "updated")) {
			warn |= feed_date(fx, a, &a->modified, feed_text(a, c), "modified", feed_xml_line(fx, c));
		} else if (is_atom(c, "author")) {
			person(a, c);
		} else if (is_atom(c, "category")) {
			const char *term = na_xml_attr(a, c, "term");
			const char *label = na_xml_attr(a, c, "label");
			const char *scheme = na_xml_attr(a, c, "scheme");
			const char *t = label && *label ? label : term;
			if (t)
				na_strlist_push_unique(a, scheme && !strcmp(scheme, FEED_SUBJECT_SCHEME) ? &a->subjects : &a->keywords,
				                 feed_clean(a, t, strlen(t)));
		} else if (is_atom(c, "content")) {
			content = c;
		} else if (is_atom(c, "summary")) {
			summary = c;
		} else if (is_atom(c, "source")) {
			for (xmlNodePtr t = c->children; t; t = t->next)
				if (is_atom(t, "title")) {
					const char *v = text_construct(a, t);
					if (*v)
						a->source = v;
				}
		}
	}
	/* updated is required in Atom: equal to published it says "never
	 * modified", which the model says by having no modified date */
	if (a->modified.value && a->published.value && !strcmp(a->modified.value, a->published.value))
		a->modified = (struct na_date){0};
	if (!a->byline.n)
		for (size_t i = 0; i < s->nauthors; i++)
			na_strlist_push_unique(a, &a->byline, s->authors[i]);
	if (content)
		body_construct(a, content);
	if (summary) {
		if (!a->nbody)
			body_construct(a, summary);
		else {
			const char *t = text_construct(a, summary);
			if (*t)
				na_article_add_extra_string(a, "summary", t);
		}
	}
	if (!a->source && s->title)
		a->source = na_article_str(a, s->title, strlen(s->title));
	xmlChar *lang = xmlNodeGetLang(e);
	if (lang && *lang)
		a->language = na_article_str(a, (const char *)lang, strlen((const char *)lang));
	xmlFree(lang);
	return warn;
}

static int atom_read_next(struct na_reader *r, struct na_article *a)
{
	struct atom *s = r->priv;
	struct feed_xml *fx = &s->fx;
	for (;;) {
		int depth;
		const char *name, *ns;
		int rc = feed_xml_next(fx, &depth, &name, &ns);
		if (rc < 0)
			return NA_FATAL;
		if (rc == 0) {
			struct na_pos pos = {fx->err.file, 0, 0, -1};
			if (!s->root_seen) {
				na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "no root element: not an Atom feed");
				return NA_FATAL;
			}
			if (!s->entries)
				na_report(r->ctx, NA_SEV_WARNING, &pos, NULL, "feed%s%s%s has no entries",
				          s->title ? " \"" : "", s->title ? s->title : "", s->title ? "\"" : "");
			return NA_EOF;
		}
		int atom_ns = ns && !strcmp(ns, FEED_NS_ATOM);
		if (depth == 0) {
			s->root_seen = 1;
			if (!atom_ns || strcmp(name, "feed") != 0) {
				/* a lone <entry> document (RFC 4287 5.1) is an Atom document too */
				if (atom_ns && !strcmp(name, "entry")) {
					xmlNodePtr e = feed_xml_expand(fx);
					if (!e)
						return NA_FATAL;
					s->entries++;
					return map_entry(s, e, a) ? NA_WARN : NA_OK;
				}
				struct na_pos pos = {fx->err.file, feed_xml_line(fx, xmlTextReaderCurrentNode(fx->xr)), 0, -1};
				na_report(r->ctx, NA_SEV_ERROR, &pos, NULL,
				          "root element <%s> is not an Atom 1.0 <feed> (namespace " FEED_NS_ATOM ")", name);
				return NA_FATAL;
			}
			continue;
		}
		if (depth != 1 || !atom_ns) {
			if (depth == 1)
				fx->skip = 1; /* extension element: skip its subtree */
			continue;
		}
		if (!strcmp(name, "entry")) {
			xmlNodePtr e = feed_xml_expand(fx);
			if (!e)
				return NA_FATAL;
			s->entries++;
			return map_entry(s, e, a) ? NA_WARN : NA_OK;
		}
		if (!strcmp(name, "title") || !strcmp(name, "author")) {
			xmlNodePtr n = feed_xml_expand(fx);
			if (!n)
				return NA_FATAL;
			if (!strcmp(name, "title") && !s->title) {
				const char *t = text_construct(a, n);
				if (*t)
					s->title = na_xstrdup(t);
			} else if (!strcmp(name, "author")) {
				for (xmlNodePtr c = n->children; c; c = c->next)
					if (is_atom(c, "name")) {
						const char *t = feed_text(a, c);
						if (*t) {
							s->authors = na_xrealloc(s->authors, (s->nauthors + 1) * sizeof *s->authors);
							s->authors[s->nauthors++] = na_xstrdup(t);
						}
						break;
					}
			}
			na_article_clear(a);
		}
	}
}

/* ---- writer ----------------------------------------------------------- */

static void header(struct na_writer *w, const struct na_article *first)
{
	struct atom *s = w->priv;
	struct na_buf *b = na_output_buffer(w->out);
	const char *title = na_ctx_option(w->ctx, "atom", "title");
	const char *id = na_ctx_option(w->ctx, "atom", "id");
	if (!title)
		title = first && first->source ? first->source : "newsarc export";
	na_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"" FEED_NS_ATOM "\">\n");
	na_buf_adds(b, "<id>");
	if (id)
		feed_xml_escape(b, id);
	else {
		/* RFC 4287 needs a permanent IRI; without -O atom:id we derive one
		 * from the title so the same export gets the same id */
		struct na_buf iri = {0};
		na_buf_adds(&iri, "urn:newsarc:feed:");
		feed_pct_encode(&iri, title);
		feed_xml_escape(b, iri.p);
		na_buf_free(&iri);
	}
	na_buf_adds(b, "</id>\n");
	feed_element(b, "title", title);
	feed_element(b, "generator", "newsarc");
	s->started = 1;
}

static void note_date(struct atom *s, const struct na_date *d)
{
	if (!feed_date_full(d))
		return;
	long long e = na_date_epoch(d->value);
	if (!s->updated[0] || e > s->updated_epoch) {
		s->updated_epoch = e;
		snprintf(s->updated, sizeof s->updated, "%s", d->value);
	}
}

static int atom_write_article(struct na_writer *w, const struct na_article *a)
{
	struct atom *s = w->priv;
	if (!s->started)
		header(w, a);
	struct na_buf *b = na_output_buffer(w->out);
	if (a->language)
		feed_tag(b, "<entry xml:lang=\"", a->language, "\">\n"); else
		na_buf_adds(b, "<entry>\n");
	struct na_buf iri = {0};
	if (a->id)
		feed_id_iri(&iri, a->id);
	else if (a->url)
		feed_id_iri(&iri, a->url);
	else
		na_buf_printf(&iri, "urn:newsarc:entry:%lu", w->count + 1);
	feed_element(b, "id", iri.p);
	na_buf_free(&iri);
	feed_tag(b, "<title>", a->headline ? a->headline : "", "</title>\n");
	if (a->url)
		feed_tag(b, "<link rel=\"alternate\" href=\"", a->url, "\"/>\n");
	/* atom:updated is required; a date known only in part is written as it
	 * is (not valid Atom, but nothing is invented) */
	const struct na_date *up = a->modified.value ? &a->modified : &a->published;
	if (a->published.value)
		feed_element(b, "published", a->published.value);
	if (up->value)
		feed_element(b, "updated", up->value);
	else {
		struct na_pos pos = a->pos;
		na_report(w->ctx, NA_SEV_WARNING, &pos, "modified",
		          "article has no date: the Atom entry lacks the required <updated>");
	}
	if (a->modified.value)
		note_date(s, &a->modified);
	note_date(s, &a->published);
	for (size_t i = 0; i < a->byline.n; i++) {
		na_buf_adds(b, "<author>");
		feed_element(b, "name", a->byline.v[i]);
		na_buf_adds(b, "</author>\n");
	}
	for (size_t i = 0; i < a->keywords.n; i++)
		feed_tag(b, "<category term=\"", a->keywords.v[i], "\"/>\n");
	for (size_t i = 0; i < a->subjects.n; i++)
		feed_tag(b, "<category scheme=\"" FEED_SUBJECT_SCHEME "\" term=\"", a->subjects.v[i], "\"/>\n");
	if (a->source) {
		na_buf_adds(b, "<source>");
		feed_element(b, "title", a->source);
		na_buf_adds(b, "</source>\n");
	}
	feed_body_escaped(b, "<content type=\"html\">", "</content>\n", a);
	na_buf_adds(b, "</entry>\n");
	return na_output_flush_maybe(w->out);
}

static int atom_write_close(struct na_writer *w)
{
	struct atom *s = w->priv;
	if (!s->started)
		header(w, NULL);
	struct na_buf *b = na_output_buffer(w->out);
	/* RFC 4287 does not order feed children: the feed's <updated> (the
	 * latest entry date) comes last, once every entry has been seen */
	if (!s->updated[0]) {
		/* no entry has a full date: the feed was last modified now */
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(s->updated, sizeof s->updated, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	feed_element(b, "updated", s->updated);
	na_buf_adds(b, "</feed>\n");
	return na_output_flush_maybe(w->out);
}

const struct na_format na_format_atom = {
	.name = "atom",
	.description = "Atom 1.0 feed (RFC 4287): entries as articles",
	.extensions = "atom",
	.mime = "application/atom+xml",
	.priv_size = sizeof(struct atom),
	.probe = atom_probe,
	.read_open = atom_read_open,
	.read_next = atom_read_next,
	.read_close = atom_read_close,
	.write_article = atom_write_article,
	.write_close = atom_write_close,
	.options_help = "title: feed title (default: the first article's source); "
	                "id: feed id, an IRI (default: urn:newsarc:feed: and the title)",
};
