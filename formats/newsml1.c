/* newsml1.c - IPTC NewsML 1.x (1.0-1.2; iptc.org/std/NewsML 1.x), reader only.
 * One article per NewsItem (a file may hold several), streamed with libxml2's
 * xmlTextReader so only one NewsItem is in memory at a time.  Mapped:
 * Identification (PublicIdentifier, NewsItemId, ProviderId), NewsManagement
 * (FirstCreated, ThisRevisionCreated), NewsLines (HeadLine, SubHeadLine,
 * ByLine, DateLine, CreditLine, CopyrightLine, SlugLine), Administrative-
 * Metadata (Provider, Source), DescriptiveMetadata (Language, SubjectCode,
 * Property Keyword, DateLineDate), NewsEnvelope/DateAndTime as the last date
 * fallback, and inline text ContentItems: NITF (mapped like the nitf reader),
 * XHTML/HTML (elements or escaped in CDATA) and plain text.  Content given by
 * Href is never fetched; photos, audio and data content (markup that is not
 * HTML or NITF) are skipped.  Of an EquivalentsList="yes" component only the
 * first text alternative is read. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "formats/nitf/nitf.h"

extern const struct na_format na_format_newsml1;

static int newsml1_probe(const struct na_probe *p)
{
	char root[32];
	if (na_nitf_xml_root(p, root, sizeof root) == 0 && !strcmp(root, "NewsML"))
		return NA_PROBE_MAX;
	return 0;
}

struct newsml1 {
	xmlTextReaderPtr xr;
	struct na_xml_err err;
	char *envelope_date;    /* NewsEnvelope/DateAndTime */
	int started, done;
	int positioned;         /* result of the last xmlTextReaderNext, 0: none */
	xmlBufferPtr rejected;
};

static int newsml1_read_open(struct na_reader *r)
{
	struct newsml1 *st = r->priv;
	st->err = (struct na_xml_err){r->ctx, na_input_name(r->in), 0, 0, 0, 0};
	const char *enc = na_input_charset(r->in);
	if (!enc) {
		/* the declaration may lie (AFP 2024 declares iso-8859-1 and sends
		 * UTF-8); judged on the first megabyte */
		size_t n;
		const unsigned char *head = na_input_peek(r->in, 1u << 20, &n);
		char declared[64];
		if ((enc = na_nitf_utf8_mislabel((const char *)head, n, declared, sizeof declared)) != NULL) {
			struct na_pos pos = {na_input_name(r->in), 1, 1, 0};
			na_report(r->ctx, NA_SEV_WARNING, &pos, NULL,
			          "declared encoding %s, but the bytes are UTF-8: read as UTF-8", declared);
		}
	}
	st->xr = na_xml_reader(&st->err, r->in, enc);
	if (!st->xr) {
		struct na_pos pos = {na_input_name(r->in), 0, 0, -1};
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "cannot start the XML reader");
		return NA_FATAL;
	}
	return NA_OK;
}

static void newsml1_read_close(struct na_reader *r)
{
	struct newsml1 *st = r->priv;
	if (st->xr)
		xmlFreeTextReader(st->xr);
	if (st->rejected)
		xmlBufferFree(st->rejected);
	free(st->envelope_date);
}

static int empty(const char *s)
{
	return !s || !*s;
}

static void set_str(const char **dst, const char *s)
{
	if (*dst || empty(s))
		return;
	*dst = s;
}

static void set_date(struct na_article *a, struct na_date *d, const char *s)
{
	if (d->value || empty(s))
		return;
	na_article_set_date(a, d, s, strlen(s));
}

/* the first non-empty value of a repeated element wins */
static void add_extra_string(struct na_article *a, const char *key, const char *s)
{
	if (!empty(s) && !na_article_extra(a, key))
		na_article_add_extra_string(a, key, s);
}

/* FormalName of the first child element NAME, or NULL. */
static const char *formal(struct na_article *a, xmlNodePtr n, const char *name)
{
	return na_xml_attr(a, na_xml_child(n, name), "FormalName");
}

struct item {
	struct na_article *a;
	struct na_reader *r;
	long line;
	const char *provider, *srcparty, *credit, *provider_id, *dateline_date, *lang_attr;
	int text_items, href_items, data_items;
};

static void news_lines(struct item *it, xmlNodePtr nl)
{
	struct na_article *a = it->a;
	for (xmlNodePtr c = nl->children; c; c = c->next) {
		if (na_xml_is(c, "HeadLine")) {
			set_str(&a->headline, na_xml_text(a, c));
			if (!it->lang_attr)
				it->lang_attr = na_xml_attr(a, c, "lang");
		} else if (na_xml_is(c, "SubHeadLine"))
			set_str(&a->subheadline, na_xml_text(a, c));
		else if (na_xml_is(c, "ByLine")) {
			const char *s = na_xml_text(a, c);
			if (!empty(s) && na_strncaseeq(s, "by ", 3))
				s += 3;
			na_strlist_push_unique(a, &a->byline, s);
		} else if (na_xml_is(c, "DateLine"))
			set_str(&a->dateline, na_xml_text(a, c));
		else if (na_xml_is(c, "CreditLine"))
			set_str(&it->credit, na_xml_text(a, c));
		else if (na_xml_is(c, "CopyrightLine"))
			add_extra_string(a, "copyright", na_xml_text(a, c));
		else if (na_xml_is(c, "SlugLine"))
			add_extra_string(a, "slug", na_xml_text(a, c));
	}
}

static void descriptive(struct item *it, xmlNodePtr d)
{
	struct na_article *a = it->a;
	for (xmlNodePtr c = d->children; c; c = c->next) {
		if (na_xml_is(c, "Language") && !a->language) {
			const char *l = na_xml_attr(a, c, "FormalName");
			if (!empty(l)) {
				/* "EN" -> "en": the primary subtag is lower case in BCP 47 */
				char *t = na_arena_strdup(a->arena, l);
				for (char *p = t; *p && *p != '-'; p++)
					*p = (char)tolower((unsigned char)*p);
				a->language = t;
			}
		} else if (na_xml_is(c, "SubjectCode")) {
			for (xmlNodePtr s = c->children; s; s = s->next)
				if (na_xml_is(s, "Subject") || na_xml_is(s, "SubjectMatter") || na_xml_is(s, "SubjectDetail"))
					na_strlist_push_unique(a, &a->subjects, na_xml_attr(a, s, "FormalName"));
		} else if (na_xml_is(c, "Property")) {
			const char *name = na_xml_attr(a, c, "FormalName");
			if (name && !strcasecmp(name, "Keyword"))
				na_strlist_push_unique(a, &a->keywords, na_xml_attr(a, c, "Value"));
		} else if (na_xml_is(c, "DateLineDate") && !it->dateline_date)
			it->dateline_date = na_xml_text(a, c);
	}
}

/* Markup that is a text body: HTML or NITF elements.  Anything else in a
 * DataContent (<FootballResult>...) is data, not an article. */
static int text_markup_root(const char *s)
{
	static const char *const roots[] = {"p", "div", "html", "body", "nitf", "body.content", "h1", "h2", "h3",
	                                    "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "span", "br",
	                                    "a", "b", "i", "em", "strong", "pre", "section", "article", "hl1",
	                                    "hl2", "block", "!doctype", "font", "center"};
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	if (*s != '<')
		return 0;
	s++;
	char name[16];
	size_t k = 0;
	while (k + 1 < sizeof name && (isalnum((unsigned char)s[k]) || s[k] == '.' || s[k] == '!'))
		k++, name[k - 1] = s[k - 1];
	name[k] = 0;
	for (size_t i = 0; i < NA_ARRAY_SIZE(roots); i++)
		if (!strcasecmp(name, roots[i]))
			return 1;
	return 0;
}

/* Plain text: paragraphs are separated by blank lines. */
static void text_blocks(struct na_article *a, const char *s)
{
	const char *p = s;
	while (*p) {
		const char *end = p;
		for (;;) {
			const char *nl = strchr(end, '\n');
			if (!nl) {
				end += strlen(end);
				break;
			}
			const char *q = nl + 1;
			while (*q == ' ' || *q == '\t' || *q == '\r')
				q++;
			if (*q == '\n' || !*q) {
				end = nl;
				break;
			}
			end = q;
		}
		char *t = na_arena_strndup(a->arena, p, (size_t)(end - p));
		size_t n = na_text_normalize(t, (size_t)(end - p));
		if (n)
			na_article_add_block(a, NA_BLOCK_PARAGRAPH, t, n);
		p = *end ? end + 1 : end;
	}
}

static void content_item(struct item *it, xmlNodePtr ci)
{
	struct na_article *a = it->a;
	const char *media = formal(a, ci, "MediaType");
	const char *mime = formal(a, ci, "MimeType");
	if (!empty(media) && strcasecmp(media, "Text") != 0)
		return;
	if (!empty(mime) && strncasecmp(mime, "text/", 5) != 0 && strcasecmp(mime, "application/xhtml+xml") != 0)
		return;
	xmlNodePtr dc = na_xml_child(ci, "DataContent");
	if (!dc) {
		if (na_xml_attr(a, ci, "Href"))
			it->href_items++;
		return;
	}
	size_t before = a->nbody;
	xmlNodePtr el = NULL;
	for (xmlNodePtr c = dc->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			el = c;
			break;
		}
	if (el && na_xml_is(el, "nitf"))
		na_nitf_fill(a, el);
	else if (el) {
		xmlBufferPtr b = xmlBufferCreate();
		int html = 0;
		if (b && xmlNodeDump(b, el->doc, el, 0, 0) >= 0)
			html = text_markup_root((const char *)xmlBufferContent(b));
		if (b)
			xmlBufferFree(b);
		if (html)
			na_xml_blocks(a, dc);
		else
			it->data_items++;
	} else {
		const char *text = na_xml_text(a, dc);
		xmlChar *raw = xmlNodeGetContent(dc);
		const char *s = raw ? (const char *)raw : "";
		if (text_markup_root(s))
			na_html_fragment_blocks(a, s, strlen(s));
		else if (!empty(text) && *text == '<')
			it->data_items++;
		else
			text_blocks(a, s);
		xmlFree(raw);
	}
	if (a->nbody > before)
		it->text_items++;
}

static void component(struct item *it, xmlNodePtr nc, int depth)
{
	if (depth > 64)
		return;
	struct na_article *a = it->a;
	const char *eq = na_xml_attr(a, nc, "EquivalentsList");
	int equivalents = eq && !strcasecmp(eq, "yes");
	for (xmlNodePtr c = nc->children; c; c = c->next) {
		if (na_xml_is(c, "NewsLines"))
			news_lines(it, c);
		else if (na_xml_is(c, "AdministrativeMetadata")) {
			if (!it->provider)
				it->provider = formal(a, na_xml_child(c, "Provider"), "Party");
			if (!it->srcparty)
				it->srcparty = formal(a, na_xml_child(c, "Source"), "Party");
		} else if (na_xml_is(c, "DescriptiveMetadata"))
			descriptive(it, c);
	}
	for (xmlNodePtr c = nc->children; c; c = c->next) {
		int before = it->text_items;
		if (na_xml_is(c, "ContentItem"))
			content_item(it, c);
		else if (na_xml_is(c, "NewsItemRef"))
			it->href_items++;
		else if (na_xml_is(c, "NewsComponent") || na_xml_is(c, "NewsItem"))
			component(it, na_xml_is(c, "NewsItem") ? na_xml_child(c, "NewsComponent") : c, depth + 1);
		if (equivalents && it->text_items > before)
			break; /* alternatives of one content: the first text one */
	}
}

static int map_item(struct na_reader *r, struct newsml1 *st, xmlNodePtr item, struct na_article *a, long line)
{
	struct item it = {.a = a, .r = r, .line = line};
	xmlNodePtr ident = na_xml_child(na_xml_child(item, "Identification"), "NewsIdentifier");
	const char *pub = na_xml_text(a, na_xml_child(ident, "PublicIdentifier"));
	const char *itemid = na_xml_text(a, na_xml_child(ident, "NewsItemId"));
	set_str(&a->id, empty(pub) ? itemid : pub);
	it.provider_id = na_xml_text(a, na_xml_child(ident, "ProviderId"));
	xmlNodePtr mgmt = na_xml_child(item, "NewsManagement");
	set_date(a, &a->published, na_xml_text(a, na_xml_child(mgmt, "FirstCreated")));
	set_date(a, &a->modified, na_xml_text(a, na_xml_child(mgmt, "ThisRevisionCreated")));
	xmlNodePtr nc = na_xml_child(item, "NewsComponent");
	if (nc)
		component(&it, nc, 0);

	set_str(&a->source, it.provider);
	set_str(&a->source, it.srcparty);
	set_str(&a->source, it.credit);
	set_str(&a->source, it.provider_id);
	if (!a->language) {
		const char *l = na_xml_attr(a, item, "lang");
		set_str(&a->language, empty(l) ? it.lang_attr : l);
		if (a->language && !strcasecmp(a->language, "x-default"))
			a->language = NULL;
	}
	set_date(a, &a->published, it.dateline_date);
	set_date(a, &a->published, st->envelope_date);

	struct na_pos pos = {na_input_name(r->in), line, 0, -1};
	a->pos = pos;
	if (it.data_items)
		na_report(r->ctx, NA_SEV_WARNING, &pos, NULL,
		          "NewsItem %s: %d ContentItem(s) hold data markup, not text; skipped",
		          a->id ? a->id : "", it.data_items);
	if (!a->headline && !a->nbody) {
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "NewsItem %s: no headline and no inline text content",
		          a->id ? a->id : "");
		return NA_FAILED;
	}
	if (!a->nbody && it.href_items) {
		na_report(r->ctx, NA_SEV_WARNING, &pos, "body",
		          "NewsItem %s: text content only by reference (ContentItem Href or NewsItemRef, not fetched)",
		          a->id ? a->id : "");
		return NA_WARN;
	}
	return it.data_items ? NA_WARN : NA_OK;
}

static int newsml1_read_next(struct na_reader *r, struct na_article *a)
{
	struct newsml1 *st = r->priv;
	if (st->done)
		return NA_EOF;
	for (;;) {
		/* xmlTextReaderNext already moved onto the next node */
		int rc = st->positioned ? st->positioned : xmlTextReaderRead(st->xr);
		st->positioned = 0;
		if (rc == 0) {
			st->done = 1;
			return NA_EOF;
		}
		if (rc < 0 || st->err.errors) {
			st->done = 1;
			if (!st->err.errors) {
				struct na_pos pos = {na_input_name(r->in), xmlTextReaderGetParserLineNumber(st->xr), 0, -1};
				na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "XML error");
			}
			return NA_FATAL;
		}
		if (xmlTextReaderNodeType(st->xr) != XML_READER_TYPE_ELEMENT)
			continue;
		int depth = xmlTextReaderDepth(st->xr);
		const char *name = (const char *)xmlTextReaderConstLocalName(st->xr);
		if (!name)
			continue;
		if (depth == 0) {
			if (strcmp(name, "NewsML") != 0) {
				struct na_pos pos = {na_input_name(r->in), xmlTextReaderGetParserLineNumber(st->xr), 0, -1};
				na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "root element is <%s>, not <NewsML>", name);
				st->done = 1;
				return NA_FATAL;
			}
			st->started = 1;
			/* the prolog is parsed: say which external entities were refused */
			na_xml_reader_warn_external(&st->err, st->xr);
			continue;
		}
		if (depth != 1)
			continue;
		if (!strcmp(name, "NewsEnvelope")) {
			xmlNodePtr env = xmlTextReaderExpand(st->xr);
			xmlNodePtr d = na_xml_child(env, "DateAndTime");
			if (d && !st->envelope_date) {
				xmlChar *s = xmlNodeGetContent(d);
				if (s) {
					size_t n = na_text_normalize((char *)s, strlen((char *)s));
					st->envelope_date = na_xmalloc(n + 1);
					memcpy(st->envelope_date, s, n);
					st->envelope_date[n] = 0;
				}
				xmlFree(s);
			}
			st->positioned = xmlTextReaderNext(st->xr);
			continue;
		}
		if (strcmp(name, "NewsItem") != 0)
			continue;
		xmlNodePtr item = xmlTextReaderExpand(st->xr);
		if (!item) {
			st->done = 1;
			return NA_FATAL;
		}
		long line = xmlGetLineNo(item);
		int res = map_item(r, st, item, a, line);
		if (res == NA_FAILED) {
			if (!st->rejected)
				st->rejected = xmlBufferCreate();
			else
				xmlBufferEmpty(st->rejected);
			if (st->rejected && xmlNodeDump(st->rejected, item->doc, item, 0, 0) >= 0) {
				r->rejected = (const char *)xmlBufferContent(st->rejected);
				r->rejected_len = (size_t)xmlBufferLength(st->rejected);
			}
		}
		st->positioned = xmlTextReaderNext(st->xr);
		return res;
	}
}

const struct na_format na_format_newsml1 = {
	.name = "newsml1",
	.description = "IPTC NewsML 1.x: one article per NewsItem (read only)",
	.extensions = "newsml",
	.priv_size = sizeof(struct newsml1),
	.probe = newsml1_probe,
	.read_open = newsml1_read_open,
	.read_next = newsml1_read_next,
	.read_close = newsml1_read_close,
};
