/* xml.c - see xml.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "internal.h"
#include "xml.h"

static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)id;
	/* na_xml_read leaves its error collector in _private so the refusal is
	 * reported with the document's position */
	struct na_xml_err *err = ctxt ? ctxt->_private : NULL;
	if (err && err->ctx) {
		struct na_pos pos = {err->file, ctxt->input ? ctxt->input->line + err->line_offset : 0, 0, -1};
		na_report(err->ctx, NA_SEV_WARNING, &pos, NULL,
		          "external entity or DTD \"%s\" not loaded (no network or file access)", url ? url : "");
	}
	return NULL;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void init_once(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
	/* no libxml2 output on stderr, ever: every call site installs a handler,
	 * and what slips past one goes nowhere.  A NULL handler would mean
	 * libxml2's default (stderr); the handler is per thread, so worker
	 * threads get it through the thread default. */
	xmlThrDefSetGenericErrorFunc(NULL, quiet);
	xmlSetGenericErrorFunc(NULL, quiet);
}

void na_xml_init(void)
{
	pthread_once(&once, init_once);
}

void na_xml_error_handler(void *user, xmlErrorPtr e)
{
	struct na_xml_err *err = user;
	if (!e || e->level == XML_ERR_NONE)
		return;
	enum na_severity sev = e->level == XML_ERR_WARNING ? NA_SEV_WARNING : NA_SEV_ERROR;
	if (sev == NA_SEV_ERROR)
		err->errors++;
	else
		err->warnings++;
	int max = err->max ? err->max : 20;
	if (err->errors + err->warnings > max)
		return;
	struct na_pos pos = {err->file, e->line > 0 ? e->line + err->line_offset : 0, e->int2, -1};
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = 0;
	na_report(err->ctx, sev, &pos, NULL, "%s", msg);
}

/* External entities are never loaded (no NOENT, no DTDLOAD), so their
 * references silently expand to nothing; say so, since the document was
 * written to pull in a file or URL (XXE). */
static void warn_external(void *payload, void *data, const xmlChar *name)
{
	xmlEntityPtr ent = payload;
	struct na_xml_err *err = data;
	if (!ent || (ent->etype != XML_EXTERNAL_GENERAL_PARSED_ENTITY &&
	             ent->etype != XML_EXTERNAL_GENERAL_UNPARSED_ENTITY && ent->etype != XML_EXTERNAL_PARAMETER_ENTITY))
		return;
	struct na_pos pos = {err->file, 0, 0, -1};
	na_report(err->ctx, NA_SEV_WARNING, &pos, NULL,
	          "external entity '%s' (\"%s\") not loaded (no network or file access); its references are dropped",
	          (const char *)name, ent->SystemID ? (const char *)ent->SystemID : "");
}

void na_xml_warn_external(struct na_xml_err *err, xmlDocPtr doc)
{
	if (doc && doc->intSubset && doc->intSubset->entities)
		xmlHashScan(doc->intSubset->entities, warn_external, err);
}

void na_xml_reader_warn_external(struct na_xml_err *err, xmlTextReaderPtr xr)
{
	/* the current node's doc, not xmlTextReaderCurrentDoc(): that one makes
	 * the reader keep (and leak) every node it has read */
	xmlNodePtr cur = xmlTextReaderCurrentNode(xr);
	na_xml_warn_external(err, cur ? cur->doc : NULL);
}

xmlDocPtr na_xml_read(struct na_xml_err *err, const char *buf, size_t len, const char *encoding)
{
	na_xml_init();
	if (len > (size_t)INT32_MAX) {
		struct na_pos pos = {err->file, 0, 0, -1};
		na_report(err->ctx, NA_SEV_ERROR, &pos, NULL, "XML document too large");
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return NULL;
	xmlSetStructuredErrorFunc(err, na_xml_error_handler);
	ctxt->_private = err;
	/* IGNORE_ENC: a given encoding must win over the declaration (libxml2
	 * otherwise switches to the declared one when the override is UTF-8) */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, err->file, encoding,
	                                  NA_XML_OPTIONS | (encoding ? XML_PARSE_IGNORE_ENC : 0));
	int wf = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc && !wf) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	na_xml_warn_external(err, doc);
	return doc;
}

static int input_read(void *ctx, char *buf, int len)
{
	long k = na_input_read(ctx, buf, (size_t)len);
	return k < 0 ? -1 : (int)k;
}

static int input_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void reader_error(void *arg, const char *msg, xmlParserSeverities sev, xmlTextReaderLocatorPtr loc)
{
	struct na_xml_err *err = arg;
	xmlError e = {0};
	e.level = (sev == XML_PARSER_SEVERITY_WARNING || sev == XML_PARSER_SEVERITY_VALIDITY_WARNING)
	              ? XML_ERR_WARNING : XML_ERR_ERROR;
	e.message = (char *)msg;
	e.line = loc ? xmlTextReaderLocatorLineNumber(loc) : 0;
	na_xml_error_handler(err, &e);
}

xmlTextReaderPtr na_xml_reader(struct na_xml_err *err, struct na_input *in, const char *encoding)
{
	na_xml_init();
	xmlTextReaderPtr r = xmlReaderForIO(input_read, input_close, in, err->file, encoding,
	                                    NA_XML_OPTIONS | (encoding ? XML_PARSE_IGNORE_ENC : 0));
	if (r)
		xmlTextReaderSetErrorHandler(r, reader_error, err);
	return r;
}

int na_xml_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, name);
}

xmlNodePtr na_xml_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (na_xml_is(c, name))
			return c;
	return NULL;
}

/* libxml2 can let malformed UTF-8 through while it recovers (HTML
 * fragments, text after an encoding error); the model holds only valid
 * UTF-8, so each bad byte becomes U+FFFD.  Returns s itself when valid. */
static const char *utf8_clean(struct na_buf *tmp, const char *s, size_t *n)
{
	if (na_utf8_valid(s, *n))
		return s;
	tmp->len = 0;
	for (size_t i = 0; i < *n;) {
		unsigned cp;
		size_t k = na_utf8_decode((const unsigned char *)s + i, *n - i, &cp);
		if (k && cp) {
			na_buf_add(tmp, s + i, k);
			i += k;
		} else {
			na_buf_adds(tmp, "\xEF\xBF\xBD");
			i++;
		}
	}
	*n = tmp->len;
	return tmp->p;
}

const char *na_xml_attr(struct na_article *a, xmlNodePtr n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr at = n->properties; at; at = at->next) {
		if (!at->name || strcasecmp((const char *)at->name, name) != 0)
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, at->children, 1);
		struct na_buf tmp = {0};
		size_t len = v ? strlen((const char *)v) : 0;
		const char *clean = utf8_clean(&tmp, v ? (const char *)v : "", &len);
		const char *s = na_arena_strndup(a->arena, clean, len);
		na_buf_free(&tmp);
		xmlFree(v);
		return s;
	}
	return NULL;
}

#define MAX_WALK_DEPTH 256
#define MAX_ENTITY_TEXT 4096

static void gather(struct na_buf *b, xmlNodePtr n, int depth)
{
	for (; n; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				na_buf_adds(b, (const char *)n->content);
			break;
		case XML_ENTITY_REF_NODE: {
			/* small internal entities only: never expand recursively */
			xmlEntityPtr ent = (xmlEntityPtr)n->children;
			if (ent && ent->etype == XML_INTERNAL_GENERAL_ENTITY && ent->content &&
			    ent->length < MAX_ENTITY_TEXT && !strchr((const char *)ent->content, '&'))
				na_buf_adds(b, (const char *)ent->content);
			break;
		}
		case XML_ELEMENT_NODE:
			if (na_xml_is(n, "script") || na_xml_is(n, "style"))
				break;
			if (na_xml_is(n, "br"))
				na_buf_addc(b, ' ');
			if (depth < MAX_WALK_DEPTH)
				gather(b, n->children, depth + 1);
			/* block boundaries inside inline text become spaces */
			na_buf_addc(b, ' ');
			break;
		default:
			break;
		}
	}
}

const char *na_xml_text(struct na_article *a, xmlNodePtr n)
{
	if (!n)
		return NULL;
	struct na_buf b = {0};
	if (n->type == XML_ELEMENT_NODE)
		gather(&b, n->children, 0);
	else {
		xmlNode one = *n;
		one.next = NULL;
		gather(&b, &one, 0);
	}
	size_t k = b.p ? na_text_normalize(b.p, b.len) : 0;
	struct na_buf tmp = {0};
	const char *clean = utf8_clean(&tmp, b.p ? b.p : "", &k);
	const char *s = na_arena_strndup(a->arena, clean, k);
	na_buf_free(&tmp);
	na_buf_free(&b);
	return s;
}

struct walk {
	struct na_article *a;
	struct na_buf cur;
};

static void flush(struct walk *w, enum na_block_type t)
{
	if (!w->cur.len)
		return;
	size_t k = na_text_normalize(w->cur.p, w->cur.len);
	if (k) {
		struct na_buf tmp = {0};
		const char *clean = utf8_clean(&tmp, w->cur.p, &k);
		na_article_add_block(w->a, t, clean, k);
		na_buf_free(&tmp);
	}
	w->cur.len = 0;
}

static int block_type(xmlNodePtr n, enum na_block_type *t)
{
	static const char *const para[] = {"p", "div", "section", "article", "pre", "address",
	                                   "dd", "dt", "td", "th", "figcaption", "caption", "tr",
	                                   "table", "ul", "ol", "dl", "body", "block", "body.content",
	                                   "main", "center", "abstract", "nitf-table"};
	static const char *const head[] = {"h1", "h2", "h3", "h4", "h5", "h6", "hl1", "hl2", "hedline"};
	static const char *const quote[] = {"blockquote", "bq"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(head); i++)
		if (na_xml_is(n, head[i])) {
			*t = NA_BLOCK_HEADING;
			return 1;
		}
	for (size_t i = 0; i < NA_ARRAY_SIZE(quote); i++)
		if (na_xml_is(n, quote[i])) {
			*t = NA_BLOCK_QUOTE;
			return 1;
		}
	if (na_xml_is(n, "li")) {
		*t = NA_BLOCK_LIST_ITEM;
		return 1;
	}
	for (size_t i = 0; i < NA_ARRAY_SIZE(para); i++)
		if (na_xml_is(n, para[i])) {
			*t = NA_BLOCK_PARAGRAPH;
			return 1;
		}
	return 0;
}

static int skipped(xmlNodePtr n)
{
	static const char *const skip[] = {"script", "style", "noscript", "nav", "form", "iframe", "object",
	                                   "embed", "svg", "button", "select", "textarea", "template",
	                                   "head", "media", "media-reference", "media-metadata", "img",
	                                   "video", "audio", "picture", "source", "footer", "aside"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(skip); i++)
		if (na_xml_is(n, skip[i]))
			return 1;
	return 0;
}

static void walk_blocks(struct walk *w, xmlNodePtr n, enum na_block_type outer, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE || n->type == XML_ENTITY_REF_NODE) {
			xmlNode one = *n;
			one.next = NULL;
			gather(&w->cur, &one, depth);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		if (na_xml_is(n, "br")) {
			na_buf_addc(&w->cur, ' ');
			continue;
		}
		enum na_block_type t;
		if (depth >= MAX_WALK_DEPTH || !block_type(n, &t)) {
			if (depth < MAX_WALK_DEPTH)
				walk_blocks(w, n->children, outer, depth + 1);
			continue;
		}
		flush(w, outer);
		/* a paragraph inside a quote or list item keeps the outer kind */
		enum na_block_type inner = (t == NA_BLOCK_PARAGRAPH && outer != NA_BLOCK_PARAGRAPH) ? outer : t;
		walk_blocks(w, n->children, inner, depth + 1);
		flush(w, inner);
	}
}

void na_xml_blocks(struct na_article *a, xmlNodePtr n)
{
	if (!n)
		return;
	struct walk w = {a, {0}};
	walk_blocks(&w, n->children, NA_BLOCK_PARAGRAPH, 0);
	flush(&w, NA_BLOCK_PARAGRAPH);
	na_buf_free(&w.cur);
}

static void silent(void *user, xmlErrorPtr e)
{
	(void)user;
	(void)e;
}

size_t na_html_fragment_blocks(struct na_article *a, const char *html, size_t len)
{
	na_xml_init();
	if (!len || len > (size_t)INT32_MAX)
		return 0;
	size_t before = a->nbody;
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt)
		return 0;
	/* fragments come from feeds and are often sloppy: recover quietly */
	xmlSetStructuredErrorFunc(NULL, silent);
	htmlDocPtr doc = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, "UTF-8", NA_HTML_OPTIONS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	htmlFreeParserCtxt(ctxt);
	if (!doc)
		return 0;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root) {
		/* NOIMPLIED keeps sibling roots: walk them all */
		struct walk w = {a, {0}};
		walk_blocks(&w, root, NA_BLOCK_PARAGRAPH, 0);
		flush(&w, NA_BLOCK_PARAGRAPH);
		na_buf_free(&w.cur);
	}
	xmlFreeDoc(doc);
	return a->nbody - before;
}
