/* feed.c - see feed.h. */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "feed.h"

/* ---- streaming XML ---------------------------------------------------- */

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* encoding="..." of an ASCII-compatible XML declaration, into out. */
static int declared_encoding(const char *buf, size_t len, char *out, size_t size)
{
	if (len < 6 || memcmp(buf, "<?xml", 5) != 0)
		return 0;
	const char *end = memchr(buf, '>', len > 256 ? 256 : len);
	if (!end)
		return 0;
	for (const char *p = buf; p + 9 < end; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < end && (is_ws((unsigned char)*p) || *p == '='))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return 0;
		char q = *p++;
		size_t n = 0;
		while (p < end && *p != q && n + 1 < size)
			out[n++] = *p++;
		out[n] = 0;
		return n > 0;
	}
	return 0;
}

/* libxml2 messages may hold a second line ("Bytes: 0xA4 ..."): one line
 * per diagnostic */
static void one_line_errors(void *user, xmlErrorPtr e)
{
	struct feed_xml *fx = (struct feed_xml *)((char *)user - offsetof(struct feed_xml, err));
	if (e && e->level >= XML_ERR_ERROR && !fx->err_line) {
		fx->err_line = e->line > 0 ? e->line : -1;
		fx->err_code = e->code;
	}
	if (!e || !e->message || !strchr(e->message, '\n')) {
		na_xml_error_handler(user, e);
		return;
	}
	char msg[512];
	size_t n = 0;
	for (const char *p = e->message; *p && n + 3 < sizeof msg; p++) {
		if (*p != '\n')
			msg[n++] = *p;
		else if (p[1]) {
			msg[n++] = ';';
			msg[n++] = ' ';
		}
	}
	msg[n] = 0;
	xmlError copy = *e;
	copy.message = msg;
	na_xml_error_handler(user, &copy);
}

/* Convert buf from charset to UTF-8 and make its declaration say UTF-8:
 * libxml2 2.9 lets an encoding declaration win over a UTF-8 override. */
static int transcode(struct feed_xml *fx, const char **buf, size_t *len, const char *charset)
{
	struct na_buf out = {0};
	const char *s = *buf;
	size_t n = *len;
	if (n >= 5 && !memcmp(s, "<?xml", 5)) {
		const char *end = memchr(s, '>', n);
		if (end) {
			/* a fresh declaration, without the old encoding */
			na_buf_adds(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
			n -= (size_t)(end + 1 - s);
			s = end + 1;
		}
	}
	if (!strcasecmp(charset, "utf-8") || !strcasecmp(charset, "utf8")) {
		na_buf_add(&out, s, n);
	} else {
		iconv_t cd = iconv_open("UTF-8", charset);
		if (cd == (iconv_t)-1) {
			struct na_pos pos = {fx->err.file, 0, 0, -1};
			na_report(fx->r->ctx, NA_SEV_ERROR, &pos, NULL, "unknown transport charset \"%s\"", charset);
			na_buf_free(&out);
			return -1;
		}
		char *in = (char *)s;
		size_t left = n;
		while (left) {
			na_buf_reserve(&out, left * 2 + 16);
			char *o = out.p + out.len;
			size_t room = out.cap - out.len - 1;
			size_t before = room;
			size_t rc = iconv(cd, &in, &left, &o, &room);
			out.len += before - room;
			if (rc == (size_t)-1 && errno != E2BIG) {
				long line = 1;
				for (const char *p = *buf; p < in; p++)
					line += *p == '\n';
				struct na_pos pos = {fx->err.file, line + fx->err.line_offset, 0, (long long)(in - *buf)};
				na_report(fx->r->ctx, NA_SEV_ERROR, &pos, NULL, "bytes not valid in the transport charset %s",
				          charset);
				iconv_close(cd);
				na_buf_free(&out);
				return -1;
			}
		}
		iconv_close(cd);
	}
	na_buf_addc(&out, 0);
	out.len--;
	free(fx->owned);
	fx->owned = out.p;
	*buf = out.p;
	*len = out.len;
	return 0;
}

/* Small reads keep libxml2's look-ahead short, so an item that closes
 * just before the damage has been handed out before the error surfaces. */
#define FEED_READ_SIZE 256

static int input_read(void *ctx, char *buf, int len)
{
	long k = na_input_read(ctx, buf, len > FEED_READ_SIZE ? FEED_READ_SIZE : (size_t)len);
	return k < 0 ? -1 : (int)k;
}

static int input_close(void *ctx)
{
	(void)ctx;
	return 0;
}

int feed_xml_open(struct feed_xml *fx, struct na_reader *r)
{
	size_t len;
	fx->r = r;
	fx->err = (struct na_xml_err){r->ctx, na_input_name(r->in), 0, 0, 0, 0};
	/* the prolog decides the charset; the document itself is streamed */
	const unsigned char *u = na_input_peek(r->in, 4096, &len);
	const char *buf = (const char *)u;
	const char *transport = na_input_charset(r->in);
	char decl[64];
	fx->charset = "UTF-8";
	fx->charset_origin = "default";
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		fx->charset_origin = "bom";
		transport = NULL; /* a BOM wins over everything */
	} else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		fx->charset = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		fx->charset_origin = "bom";
		transport = NULL;
	} else {
		if (len >= 4 && ((u[0] == 0 && u[1] == '<') || (u[0] == '<' && u[1] == 0))) {
			/* UTF-16 without a BOM: libxml2 recognises "<?" in either order */
			fx->charset = u[0] == 0 ? "UTF-16BE" : "UTF-16LE";
			fx->charset_origin = "guess";
		}
		size_t i = 0;
		while (i < len && is_ws(u[i]))
			i++;
		if (i > 0 && len - i >= 5 && !memcmp(buf + i, "<?xml", 5)) {
			/* a real-world defect (FeedBurner): XML forbids anything before
			 * the declaration, but nothing is lost by skipping the blanks */
			long nl = 0;
			for (size_t k = 0; k < i; k++)
				nl += u[k] == '\n';
			struct na_pos pos = {fx->err.file, 1, 1, 0};
			na_report(r->ctx, NA_SEV_WARNING, &pos, NULL,
			          "%s before the XML declaration skipped (XML allows nothing before it)",
			          nl > 1 ? "blank lines" : nl ? "a blank line" : "white space");
			char sink[4096];
			if (na_input_read(r->in, sink, i) != (long)i)
				return NA_FATAL;
			fx->err.line_offset = nl;
			u = na_input_peek(r->in, 4096, &len);
			buf = (const char *)u;
		}
		if (declared_encoding(buf, len, decl, sizeof decl)) {
			snprintf(fx->decl, sizeof fx->decl, "%s", decl);
			fx->charset = fx->decl;
			fx->charset_origin = "meta";
		}
	}
	na_xml_init();
	if (transport && *transport) {
		/* a charset from the container (HTTP header of a WARC record)
		 * overrides the declaration (RFC 7303 section 3): convert the
		 * whole document, bounded by --max-record */
		fx->charset = transport;
		fx->charset_origin = "transport";
		if (na_input_slurp(r->in, &buf, &len) < 0 || transcode(fx, &buf, &len, transport) != 0)
			return NA_FATAL;
		fx->mem_lines = 1;
		for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + len - p))) != NULL; p++)
			fx->mem_lines++;
		if (len && buf[len - 1] == '\n')
			fx->mem_lines--; /* the last line ends with its newline */
		if (len > (size_t)INT32_MAX) {
			struct na_pos pos = {fx->err.file, 0, 0, -1};
			na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "XML document too large");
			return NA_FATAL;
		}
		fx->xr = xmlReaderForMemory(buf, (int)len, fx->err.file, NULL, NA_XML_OPTIONS | XML_PARSE_BIG_LINES);
	} else
		fx->xr = xmlReaderForIO(input_read, input_close, r->in, fx->err.file, NULL,
		                        NA_XML_OPTIONS | XML_PARSE_BIG_LINES);
	if (!fx->xr) {
		struct na_pos pos = {fx->err.file, 0, 0, -1};
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "cannot start the XML parser");
		return NA_FATAL;
	}
	xmlTextReaderSetStructuredErrorHandler(fx->xr, one_line_errors, &fx->err);
	return NA_OK;
}

static void damaged(struct feed_xml *fx)
{
	struct na_pos pos = {fx->err.file, 0, 0, -1};
	if (fx->err.errors == 0) {
		na_report(fx->r->ctx, NA_SEV_ERROR, &pos, NULL, "XML document is not well-formed");
		fx->err.errors++;
	}
	if (fx->damage_noted)
		return;
	fx->damage_noted = 1;
	/* libxml2's streaming parser calls a truncated document "extra
	 * content"; say what happened when the damage is at the very end */
	size_t left;
	na_input_peek(fx->r->in, 1, &left);
	int at_end = fx->mem_lines ? fx->err_line >= fx->mem_lines : left == 0;
	if (fx->err_line > 0 && at_end &&
	    (fx->err_code == XML_ERR_DOCUMENT_END || fx->err_code == XML_ERR_TAG_NOT_FINISHED ||
	     fx->err_code == XML_ERR_LTSLASH_REQUIRED || fx->err_code == XML_ERR_GT_REQUIRED))
		na_report(fx->r->ctx, NA_SEV_NOTE, &pos, NULL,
		          "the document ends before its root element is closed (truncated?); the items before the damage were kept");
}

int feed_xml_next(struct feed_xml *fx, int *depth, const char **name, const char **ns)
{
	if (!fx->xr || fx->ended)
		return 0;
	for (;;) {
		int rc = fx->skip ? xmlTextReaderNext(fx->xr) : xmlTextReaderRead(fx->xr);
		fx->skip = 0;
		if (rc == 0 && fx->err.errors == 0) {
			fx->ended = 1;
			return 0;
		}
		if (rc <= 0) {
			fx->ended = 1;
			damaged(fx);
			return -1;
		}
		if (xmlTextReaderNodeType(fx->xr) != XML_READER_TYPE_ELEMENT)
			continue;
		*depth = xmlTextReaderDepth(fx->xr);
		if (!fx->ext_checked) {
			/* the prolog is read: say which external entities were refused */
			fx->ext_checked = 1;
			na_xml_reader_warn_external(&fx->err, fx->xr);
		}
		*name = (const char *)xmlTextReaderConstLocalName(fx->xr);
		*ns = (const char *)xmlTextReaderConstNamespaceUri(fx->xr);
		return 1;
	}
}

xmlNodePtr feed_xml_expand(struct feed_xml *fx)
{
	xmlNodePtr n = xmlTextReaderExpand(fx->xr);
	if (!n) {
		fx->ended = 1;
		damaged(fx);
		return NULL;
	}
	fx->skip = 1;
	return n;
}

long feed_xml_line(struct feed_xml *fx, xmlNodePtr n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? l + fx->err.line_offset : 0;
}

void feed_xml_record(struct feed_xml *fx, xmlNodePtr n, struct na_article *a)
{
	a->pos = (struct na_pos){fx->err.file, feed_xml_line(fx, n), 0, -1};
	a->charset = fx->charset;
	a->charset_origin = fx->charset_origin;
}

void feed_xml_close(struct feed_xml *fx)
{
	if (fx->xr)
		xmlFreeTextReader(fx->xr);
	fx->xr = NULL;
	free(fx->owned);
	fx->owned = NULL;
}

/* ---- node helpers ------------------------------------------------------ */

int feed_is(xmlNodePtr n, const char *ns, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE || strcasecmp((const char *)n->name, name) != 0)
		return 0;
	if (!ns)
		return n->ns == NULL || n->ns->href == NULL;
	return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

int feed_is_rss(xmlNodePtr n, const char *name)
{
	return feed_is(n, NULL, name) || feed_is(n, FEED_NS_RSS1, name) || feed_is(n, FEED_NS_RSS090, name);
}

int feed_ns_prefix(xmlNodePtr n, const char *prefix)
{
	return n && n->ns && n->ns->href && !strncmp((const char *)n->ns->href, prefix, strlen(prefix));
}

/* windows-1252 for U+0080..U+009F; 0 where cp1252 has no character */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
	0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
	0x0153, 0, 0x017E, 0x0178};

/* s (valid UTF-8) repaired into b; returns 1 when something changed. */
static int repair(struct na_buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int high = 0, latin = 1;
	/* both repairs need a character in U+0080..U+00FF: lead byte C2 or C3 */
	while (i < n && u[i] != 0xC2 && u[i] != 0xC3)
		i++;
	if (i == n)
		return 0;
	i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = na_utf8_decode(u + i, n - i, &cp);
		if (!k)
			return 0;
		if (cp > 0xFF)
			latin = 0;
		if (cp >= 0x80)
			high = 1;
		i += k;
	}
	if (!high)
		return 0;
	if (latin) {
		/* every character fits in Latin-1 and those bytes are UTF-8:
		 * UTF-8 decoded as Latin-1 on the way (feedparser's
		 * double-encoded case).  Plain Latin-1 text ("café") never
		 * forms valid multibyte UTF-8, so it is left alone. */
		struct na_buf t = {0};
		for (i = 0; i < n;) {
			unsigned cp;
			i += na_utf8_decode(u + i, n - i, &cp);
			na_buf_addc(&t, (char)cp);
		}
		if (na_utf8_valid(t.p, t.len)) {
			na_buf_add(b, t.p, t.len);
			na_buf_free(&t);
			return 1;
		}
		na_buf_free(&t);
	}
	int changed = 0;
	for (i = 0; i < n;) {
		unsigned cp;
		size_t k = na_utf8_decode(u + i, n - i, &cp);
		if (cp >= 0x80 && cp <= 0x9F) {
			/* C1 controls are cp1252 punctuation mislabelled */
			if (cp1252[cp - 0x80])
				na_buf_add_utf8(b, cp1252[cp - 0x80]);
			changed = 1;
		} else
			na_buf_add(b, s + i, k);
		i += k;
	}
	return changed;
}

const char *feed_clean(struct na_article *a, const char *s, size_t n)
{
	struct na_buf b = {0};
	if (!repair(&b, s, n)) {
		na_buf_free(&b);
		char *t = na_arena_strndup(a->arena, s, n);
		t[na_text_normalize(t, n)] = 0;
		return t;
	}
	size_t k = na_text_normalize(b.p, b.len);
	const char *t = na_arena_strndup(a->arena, b.p, k);
	na_buf_free(&b);
	return t;
}

const char *feed_text(struct na_article *a, xmlNodePtr n)
{
	const char *t = na_xml_text(a, n);
	if (!t)
		return "";
	return feed_clean(a, t, strlen(t));
}

char *feed_raw_text(xmlNodePtr n, size_t *len)
{
	xmlChar *c = xmlNodeGetContent(n);
	const char *s = c ? (const char *)c : "";
	size_t k = strlen(s);
	struct na_buf b = {0};
	char *out;
	if (repair(&b, s, k)) {
		out = b.p;
		*len = b.len;
	} else {
		na_buf_free(&b);
		out = na_xstrdup(s);
		*len = k;
	}
	xmlFree(c);
	return out;
}

static int entity(const char *s, size_t n, size_t *used, unsigned *cp)
{
	static const struct { const char *name; unsigned cp; } ents[] = {
		{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
		{"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026}, {"rsquo", 0x2019}, {"lsquo", 0x2018},
		{"rdquo", 0x201D}, {"ldquo", 0x201C}};
	const char *semi = memchr(s, ';', n > 12 ? 12 : n);
	if (n < 3 || s[0] != '&' || !semi)
		return 0;
	size_t k = (size_t)(semi - s);
	*used = k + 1;
	if (s[1] == '#') {
		char *end;
		unsigned long v = (s[2] == 'x' || s[2] == 'X') ? strtoul(s + 3, &end, 16) : strtoul(s + 2, &end, 10);
		if (end != semi || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = (unsigned)v;
		return 1;
	}
	for (size_t i = 0; i < NA_ARRAY_SIZE(ents); i++)
		if (strlen(ents[i].name) == k - 1 && !memcmp(s + 1, ents[i].name, k - 1)) {
			*cp = ents[i].cp;
			return 1;
		}
	return 0;
}

const char *feed_html_text(struct na_article *a, const char *s, size_t n)
{
	struct na_buf b = {0};
	for (size_t i = 0; i < n;) {
		if (s[i] == '<') {
			const char *gt = memchr(s + i, '>', n - i);
			if (gt) {
				/* inline tags join words ("<b>S</b>lack"); others separate */
				static const char *const inl[] = {"b", "i", "em", "strong", "a", "span", "u", "small",
				                                  "sup", "sub", "abbr", "code", "font", "mark"};
				size_t t = i + 1 + (s[i + 1] == '/');
				size_t k = t;
				while (k < (size_t)(gt - s) && isalnum((unsigned char)s[k]))
					k++;
				int inline_tag = 0;
				for (size_t j = 0; j < NA_ARRAY_SIZE(inl); j++)
					if (strlen(inl[j]) == k - t && na_strncaseeq(s + t, inl[j], k - t))
						inline_tag = 1;
				if (!inline_tag)
					na_buf_addc(&b, ' ');
				i = (size_t)(gt - s) + 1;
				continue;
			}
		}
		size_t used;
		unsigned cp;
		if (s[i] == '&' && entity(s + i, n - i, &used, &cp)) {
			na_buf_add_utf8(&b, cp == 0xA0 ? ' ' : cp);
			i += used;
			continue;
		}
		na_buf_addc(&b, s[i++]);
	}
	const char *t = feed_clean(a, b.p ? b.p : "", b.len);
	na_buf_free(&b);
	return t;
}

void feed_text_blocks(struct na_article *a, const char *s, size_t n)
{
	/* blank lines separate paragraphs; without any, each line is one */
	int blank = 0;
	for (size_t i = 0; i + 1 < n && !blank; i++)
		if (s[i] == '\n') {
			size_t j = i + 1;
			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
				j++;
			blank = j < n && s[j] == '\n';
		}
	const char *end = s + n;
	while (s < end) {
		const char *e = s;
		if (blank) {
			for (;;) {
				const char *nl = memchr(e, '\n', (size_t)(end - e));
				if (!nl) {
					e = end;
					break;
				}
				const char *j = nl + 1;
				while (j < end && (*j == ' ' || *j == '\t' || *j == '\r'))
					j++;
				if (j >= end || *j == '\n') {
					e = nl;
					break;
				}
				e = nl + 1;
			}
		} else {
			const char *nl = memchr(s, '\n', (size_t)(end - s));
			e = nl ? nl : end;
		}
		char *t = na_arena_strndup(a->arena, s, (size_t)(e - s));
		size_t k = na_text_normalize(t, (size_t)(e - s));
		if (k)
			na_article_add_block(a, NA_BLOCK_PARAGRAPH, t, k);
		s = e + 1;
	}
}

void feed_html_blocks(struct na_article *a, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i >= n)
		return;
	/* one root element: libxml2's NOIMPLIED parse drops the siblings of a
	 * leading void element such as <img> */
	struct na_buf b = {0};
	na_buf_adds(&b, "<div>");
	na_buf_add(&b, s + i, n - i);
	na_buf_adds(&b, "</div>");
	na_html_fragment_blocks(a, b.p, b.len);
	na_buf_free(&b);
}

int feed_date(struct feed_xml *fx, struct na_article *a, struct na_date *d, const char *s,
              const char *field, long line)
{
	size_t n = strlen(s);
	if (!n)
		return 0;
	if (na_article_set_date(a, d, s, n) == 0)
		return 0;
	struct na_pos pos = {fx->err.file, line, 0, -1};
	na_report(fx->r->ctx, NA_SEV_WARNING, &pos, field, "unparseable date \"%.*s\"; kept as %s_raw",
	          (int)(n > 80 ? 80 : n), s, field);
	return 1;
}

int feed_date_json(struct na_ctx *c, const struct na_pos *rec, struct na_article *a, struct na_date *d,
                   const char *s, size_t n, const char *field, long line, long col)
{
	if (!n)
		return 0;
	if (na_article_set_date(a, d, s, n) == 0)
		return 0;
	struct na_pos pos = {rec->file, line, col, rec->offset};
	na_report(c, NA_SEV_WARNING, &pos, field, "unparseable date \"%.*s\"; kept as %s_raw",
	          (int)(n > 80 ? 80 : n), s, field);
	return 1;
}

/* ---- identifiers ------------------------------------------------------- */

static int uri_char(unsigned char c)
{
	return isalnum(c) || (c && strchr("-._~:/?#[]@!$&'()*+,;=%", c));
}

int feed_is_iri(const char *s)
{
	if (!s || !isalpha((unsigned char)s[0]))
		return 0;
	size_t i = 1;
	while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	if (s[i] != ':' || !s[i + 1])
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (!uri_char(*p))
			return 0;
		if (*p == '%' && !(isxdigit(p[1]) && isxdigit(p[2])))
			return 0;
	}
	return 1;
}

void feed_pct_encode(struct na_buf *b, const char *id)
{
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			na_buf_addc(b, (char)*p);
		else
			na_buf_printf(b, "%%%02X", *p);
	}
}

void feed_id_iri(struct na_buf *b, const char *id)
{
	if (feed_is_iri(id) && strncmp(id, FEED_ID_PREFIX, strlen(FEED_ID_PREFIX)) != 0) {
		na_buf_adds(b, id);
		return;
	}
	na_buf_adds(b, FEED_ID_PREFIX);
	feed_pct_encode(b, id);
}

const char *feed_id_from_iri(struct na_article *a, const char *iri)
{
	size_t pl = strlen(FEED_ID_PREFIX);
	if (strncmp(iri, FEED_ID_PREFIX, pl) != 0)
		return iri;
	struct na_buf b = {0};
	for (const char *p = iri + pl; *p; p++) {
		if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			char h[3] = {p[1], p[2], 0};
			na_buf_addc(&b, (char)strtol(h, NULL, 16));
			p += 2;
		} else
			na_buf_addc(&b, *p);
	}
	const char *out = iri;
	if (b.len && na_utf8_valid(b.p, b.len) && !memchr(b.p, 0, b.len))
		out = na_arena_strndup(a->arena, b.p, b.len);
	na_buf_free(&b);
	return out;
}

/* ---- writing ----------------------------------------------------------- */

void feed_xml_escape(struct na_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': na_buf_add(b, "&amp;", 5); break;
		case '<': na_buf_add(b, "&lt;", 4); break;
		case '>': na_buf_add(b, "&gt;", 4); break;
		case '"': na_buf_add(b, "&quot;", 6); break;
		default:
			/* XML 1.0 cannot carry other C0 controls, even escaped */
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				break;
			if (*p == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
				p += 2; /* U+FFFE, U+FFFF are not XML characters */
				break;
			}
			na_buf_addc(b, (char)*p);
		}
	}
}

void feed_element(struct na_buf *b, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	na_buf_printf(b, "<%s>", name);
	feed_xml_escape(b, value);
	na_buf_printf(b, "</%s>\n", name);
}

void feed_tag(struct na_buf *b, const char *open, const char *value, const char *close)
{
	na_buf_adds(b, open);
	feed_xml_escape(b, value);
	na_buf_adds(b, close);
}

void feed_body_escaped(struct na_buf *b, const char *open, const char *close, const struct na_article *a)
{
	if (!a->nbody)
		return;
	struct na_buf html = {0};
	feed_body_html(&html, a);
	feed_tag(b, open, html.p, close);
	na_buf_free(&html);
}

void feed_body_html(struct na_buf *b, const struct na_article *a)
{
	int in_list = 0;
	for (size_t i = 0; i < a->nbody; i++) {
		const struct na_block *bl = &a->body[i];
		if (bl->type != NA_BLOCK_LIST_ITEM && in_list) {
			na_buf_adds(b, "</ul>");
			in_list = 0;
		}
		switch (bl->type) {
		case NA_BLOCK_HEADING: na_buf_adds(b, "<h2>"); break;
		case NA_BLOCK_QUOTE: na_buf_adds(b, "<blockquote>"); break;
		case NA_BLOCK_LIST_ITEM:
			if (!in_list)
				na_buf_adds(b, "<ul>");
			in_list = 1;
			na_buf_adds(b, "<li>");
			break;
		default: na_buf_adds(b, "<p>"); break;
		}
		feed_xml_escape(b, bl->text);
		switch (bl->type) {
		case NA_BLOCK_HEADING: na_buf_adds(b, "</h2>"); break;
		case NA_BLOCK_QUOTE: na_buf_adds(b, "</blockquote>"); break;
		case NA_BLOCK_LIST_ITEM: na_buf_adds(b, "</li>"); break;
		default: na_buf_adds(b, "</p>"); break;
		}
	}
	if (in_list)
		na_buf_adds(b, "</ul>");
}

void feed_body_text(struct na_buf *b, const struct na_article *a)
{
	for (size_t i = 0; i < a->nbody; i++) {
		if (i)
			na_buf_add(b, "\n\n", 2);
		na_buf_adds(b, a->body[i].text);
	}
}

int feed_date_full(const struct na_date *d)
{
	return d->value && !(d->flags & (NA_DATE_NO_TIME | NA_DATE_NO_ZONE));
}

/* ---- probing ----------------------------------------------------------- */

size_t feed_probe_text(const struct na_probe *p, char *out, size_t cap)
{
	const unsigned char *b = p->buf;
	size_t n = p->len, i = 0, k = 0;
	int step = 1, start = 0;
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		i = 3;
	else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
		i = 2, step = 2, start = 0;
	else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
		i = 2, step = 2, start = 1;
	else if (n >= 4 && b[0] == '<' && b[1] == 0 && b[2] != 0)
		step = 2, start = 0;
	else if (n >= 4 && b[0] == 0 && b[1] == '<')
		step = 2, start = 1;
	if (step == 2) {
		/* UTF-16: keep the ASCII characters, which is all a probe needs */
		for (i += (size_t)start; i < n && k + 1 < cap; i += 2) {
			unsigned char other = b[start ? i - 1 : i + 1];
			out[k++] = other == 0 ? (char)b[i] : '?';
		}
	} else
		for (; i < n && k + 1 < cap; i++)
			out[k++] = b[i] ? (char)b[i] : ' ';
	out[k] = 0;
	return k;
}

int feed_root(const char *s, size_t n, char *qname, size_t cap)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && is_ws((unsigned char)s[i]))
			i++;
		if (i >= n || s[i] != '<')
			return 0;
		const char *end = NULL;
		size_t tl = 1;
		if (i + 1 < n && s[i + 1] == '?')
			end = strstr(s + i, "?>"), tl = 2;
		else if (i + 3 < n && !strncmp(s + i, "<!--", 4))
			end = strstr(s + i, "-->"), tl = 3;
		else if (i + 1 < n && s[i + 1] == '!') {
			/* <!DOCTYPE ... [ internal subset ]> */
			const char *gt = strchr(s + i, '>'), *sub = strchr(s + i, '[');
			end = sub && gt && sub < gt ? strstr(sub, "]>") : gt;
			tl = sub && gt && sub < gt ? 2 : 1;
		}
		else {
			size_t k = 0;
			for (i++; i < n && k + 1 < cap && (isalnum((unsigned char)s[i]) || strchr(":_-.", s[i])); i++)
				qname[k++] = s[i];
			qname[k] = 0;
			return k > 0;
		}
		if (!end)
			return 0;
		i = (size_t)(end - s) + tl;
	}
	return 0;
}

int feed_unsafe_url(const char *u)
{
	if (!u)
		return 0;
	while (*u && ((unsigned char)*u <= ' '))
		u++;
	static const char *const bad[] = {"javascript:", "vbscript:", "data:"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(bad); i++) {
		/* browsers ignore tabs and newlines inside the scheme */
		const char *p = u, *b = bad[i];
		while (*b && *p) {
			if (*p == '\t' || *p == '\n' || *p == '\r') {
				p++;
				continue;
			}
			if (tolower((unsigned char)*p) != *b)
				break;
			p++, b++;
		}
		if (!*b)
			return 1;
	}
	return 0;
}

const char *feed_url(struct na_ctx *c, const struct na_pos *pos, const char *u)
{
	if (!u || !*u)
		return NULL;
	if (feed_unsafe_url(u)) {
		na_report(c, NA_SEV_WARNING, pos, "url", "unsafe URL scheme dropped: \"%.60s\"", u);
		return NULL;
	}
	return u;
}
