/* xmlfast.c - the strict XML subset parser of xmlfast.h: XML 1.0 (Fifth
 * Edition) and Namespaces in XML 1.0 (Third Edition), UTF-8 only; no
 * DOCTYPE, no PIs but the XML declaration, no CR, no entities but the five
 * predefined and character references, ASCII names.
 *
 * Each rule mirrors what libxml2 2.9.14 does with the same bytes (parser.c:
 * xmlParseCharData, areBlanks, xmlParseStartTag2, xmlParseAttValueInternal,
 * xmlParseReference; SAX2.c: xmlSAX2StartElementNs, xmlSAX2AttributeNs)
 * seen through formats/newsml.c's callbacks, which gather character data
 * until the next other event and keep blanks that follow gathered text.
 * Where the mirror would be long, the parser gives up instead: giving up
 * costs a second parse, a wrong yes costs a wrong article.
 * tests/scripts/test_newsml_fast.sh and the newsml fuzz target compare the
 * two parsers' records on every input. */
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "internal.h"
#include "xmlfast.h"

#define MAX_DEPTH 200    /* libxml2 stops at 256 without XML_PARSE_HUGE */
#define MAX_NAME 1000    /* libxml2 allows 50000 */
#define MAX_ATTRS 64     /* in one start tag */
#define MAX_NS 256       /* namespace declarations in scope */
#define URI_CACHE 8      /* namespace names already checked with xmlParseURI */

static xmlNs xml_ns = {.type = XML_NAMESPACE_DECL,
                       .href = (const xmlChar *)"http://www.w3.org/XML/1998/namespace",
                       .prefix = (const xmlChar *)"xml"};

struct frame {
	xmlNodePtr node;
	const unsigned char *qname; /* in the input, for the end tag */
	size_t qlen;
	size_t ns_mark;             /* namespace scope height before this element */
	int space2;                 /* libxml2's *ctxt->space == -2 (see piece) */
};

struct nsb {
	const unsigned char *prefix; /* NULL with plen 0: the default namespace */
	size_t plen;
	xmlNsPtr ns;
};

struct att {
	const unsigned char *qn, *v; /* in the input */
	size_t qlen, colon, vlen;    /* colon: prefix length, 0 without one */
	int plain;                   /* the value needs no decoding */
	int decl;                    /* xmlns or xmlns:prefix */
	xmlNsPtr ns;
};

struct xf {
	struct na_arena *arena;
	const unsigned char *p, *end;
	long line;
	struct frame st[MAX_DEPTH];
	int depth;
	struct nsb ns[MAX_NS];
	size_t nns;
	/* character data gathered for the innermost element: one piece of the
	 * input as is, or pieces and references joined in pend */
	const unsigned char *pend_src;
	size_t pend_len;
	int pend_buf;
	struct na_buf pend;
	struct uri_seen {
		const char *s;
		size_t len;
		int deflt;      /* good for a default namespace too */
	} uri_ok[URI_CACHE];
	size_t nuri;
	struct att atts[MAX_ATTRS];
};

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static const unsigned char *skip_ws(const unsigned char *p, const unsigned char *end, long *line)
{
	for (; p < end && is_ws(*p); p++)
		*line += *p == '\n';
	return p;
}

/* 1: [A-Za-z_], 2: also [0-9.-] (the ASCII part of NameStartChar/NameChar) */
static const unsigned char name_class[256] = {
    ['-'] = 2, ['.'] = 2, ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2,
    ['7'] = 2, ['8'] = 2, ['9'] = 2, ['_'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
    ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static size_t ncname(const unsigned char *p, const unsigned char *end)
{
	if (p >= end || name_class[*p] != 1)
		return 0;
	const unsigned char *q = p + 1;
	while (q < end && name_class[*q])
		q++;
	return (size_t)(q - p);
}

/* A QName of ASCII NCNames: its length (0: none, or one this parser leaves
 * to libxml2: a second colon, a non-ASCII name character), *colon the
 * prefix's length or 0. */
static size_t qname(const unsigned char *p, const unsigned char *end, size_t *colon)
{
	size_t a = ncname(p, end), b = 0;
	*colon = 0;
	if (!a)
		return 0;
	if (p + a < end && p[a] == ':') {
		b = ncname(p + a + 1, end);
		if (!b)
			return 0;
		*colon = a;
		a += 1 + b;
	}
	if (a > MAX_NAME || (p + a < end && (p[a] == ':' || p[a] >= 0x80)))
		return 0;
	return a;
}

/* Check s[0..n) holds only XML characters in valid UTF-8 and no CR,
 * counting its newlines. */
static int chars_ok(const unsigned char *s, const unsigned char *e, long *line)
{
	const unsigned char *p = s;
	for (;;) {
#ifdef __SSE2__
		const __m128i sp = _mm_set1_epi8(0x20);
		while (e - p >= 16) {
			int bits = _mm_movemask_epi8(_mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)p), sp));
			if (bits) {
				p += __builtin_ctz((unsigned)bits);
				break;
			}
			p += 16;
		}
#endif
		if (p >= e)
			return 1;
		unsigned char c = *p;
		if (c >= 0x80) {
			size_t k = na_xml_utf8_len(p, (size_t)(e - p));
			if (!k)
				return 0;
			p += k;
		} else if (c == '\n') {
			++*line;
			p++;
		} else if (c == '\t' || c >= 0x20) {
			p++;
		} else {
			return 0;
		}
	}
}

/* The end of the character data at p: the next '<' or '&', or end; NULL
 * when it holds what libxml2 rejects or this parser leaves to it (a CR). */
static const unsigned char *scan_text(const unsigned char *p, const unsigned char *end, long *line)
{
	const unsigned char *s = p;
	for (;;) {
#ifdef __SSE2__
		const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), gt = _mm_set1_epi8('>'),
		              sp = _mm_set1_epi8(0x20);
		while (end - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)p);
			/* signed: bytes >= 0x80 are below 0x20 too */
			__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)),
			                         _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmplt_epi8(v, sp)));
			int bits = _mm_movemask_epi8(m);
			if (bits) {
				p += __builtin_ctz((unsigned)bits);
				break;
			}
			p += 16;
		}
#endif
		if (p >= end)
			return end;
		unsigned char c = *p;
		if (c == '<' || c == '&')
			return p;
		if (c >= 0x80) {
			size_t k = na_xml_utf8_len(p, (size_t)(end - p));
			if (!k)
				return NULL;
			p += k;
			continue;
		}
		if (c == '>') {
			if (p - s >= 2 && p[-1] == ']' && p[-2] == ']')
				return NULL; /* "]]>" outside CDATA */
		} else if (c == '\n') {
			++*line;
		} else if (c != '\t' && c < 0x20) {
			return NULL;
		}
		p++;
	}
}

static void line_of(xmlNodePtr n, long line)
{
	/* libxml2 keeps 16 bits; formats/newsml.c's sax_start keeps the rest in psvi */
	n->line = (unsigned short)(line < 65535 ? line : 65535);
	if (line >= 65535)
		n->psvi = (void *)(intptr_t)line;
}

static xmlNodePtr new_node(struct xf *x, xmlElementType type, const xmlChar *name)
{
	xmlNodePtr n = na_arena_alloc(x->arena, sizeof *n);
	memset(n, 0, sizeof *n);
	n->type = type;
	n->name = name;
	return n;
}

static void add_child(xmlNodePtr parent, xmlNodePtr c)
{
	c->parent = parent;
	if (parent->last) {
		parent->last->next = c;
		c->prev = parent->last;
	} else {
		parent->children = c;
	}
	parent->last = c;
}

static void pend_add(struct xf *x, const unsigned char *s, size_t n, int in_input)
{
	if (!n)
		return;
	if (!x->pend_len && in_input) {
		x->pend_src = s;
		x->pend_len = n;
		x->pend_buf = 0;
		return;
	}
	if (!x->pend_buf) {
		x->pend.len = 0;
		if (x->pend_len)
			na_buf_add(&x->pend, x->pend_src, x->pend_len);
		x->pend_buf = 1;
	}
	na_buf_add(&x->pend, s, n);
	x->pend_len += n;
}

/* The gathered character data becomes one text node (newsml.c flush_text). */
static void flush(struct xf *x)
{
	if (!x->pend_len)
		return;
	const char *src = x->pend_buf ? x->pend.p : (const char *)x->pend_src;
	xmlNodePtr t = new_node(x, XML_TEXT_NODE, xmlStringText);
	t->content = (xmlChar *)na_arena_strndup(x->arena, src, x->pend_len);
	add_child(x->st[x->depth - 1].node, t);
	x->pend_len = 0;
	x->pend_buf = 0;
}

static int is_text(xmlNodePtr n)
{
	return n && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE);
}

/* A piece of character data [s, e) between markup and references: the
 * tests of libxml2's xmlParseCharData and areBlanks (no DTD, no xml:space)
 * against the tree built so far, where gathered text is not yet a node;
 * blanks it calls ignorable are kept after gathered text (sax_blanks).  A
 * kept piece that starts with a blank sets the element's space to -2, after
 * which none of its blanks is ignorable. */
static void piece(struct xf *x, const unsigned char *s, const unsigned char *e)
{
	if (s == e)
		return;
	struct frame *f = &x->st[x->depth - 1];
	if (!is_ws(*s)) {
		pend_add(x, s, (size_t)(e - s), 1);
		return;
	}
	const unsigned char *q = s;
	while (q < e && is_ws(*q))
		q++;
	xmlNodePtr n = f->node;
	int ignorable;
	if (f->space2 || q < e || e >= x->end || *e != '<')
		ignorable = 0;
	else if (!n->children)
		ignorable = !(e + 1 < x->end && e[1] == '/');
	else
		ignorable = !is_text(n->last) && !is_text(n->children);
	if (!ignorable)
		f->space2 = 1;
	if (!ignorable || x->pend_len)
		pend_add(x, s, (size_t)(e - s), 1);
}

/* A character reference or predefined entity at p ('&'), decoded into out
 * (at least 5 bytes); its length, or 0 for anything else. */
static size_t reference(const unsigned char *p, const unsigned char *end, unsigned char *out, size_t *outlen)
{
	static const struct { const char *name; char c; } predef[] = {
	    {"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"apos;", '\''}, {"quot;", '"'}};
	const unsigned char *q = p + 1;
	if (q < end && *q == '#') {
		unsigned long v = 0;
		int hex = q + 1 < end && q[1] == 'x', digits = 0;
		q += hex ? 2 : 1;
		for (; q < end && *q != ';'; q++, digits++) {
			unsigned c = *q, d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				d = (c | 0x20) - 'a' + 10;
			else
				return 0;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10FFFF)
				return 0;
		}
		if (q >= end || !digits)
			return 0;
		/* XML Char, as xmlParseCharRef checks it */
		if (!(v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) ||
		      v >= 0x10000))
			return 0;
		if (v < 0x80) {
			out[0] = (unsigned char)v;
			*outlen = 1;
		} else if (v < 0x800) {
			out[0] = (unsigned char)(0xC0 | v >> 6);
			out[1] = (unsigned char)(0x80 | (v & 0x3F));
			*outlen = 2;
		} else if (v < 0x10000) {
			out[0] = (unsigned char)(0xE0 | v >> 12);
			out[1] = (unsigned char)(0x80 | (v >> 6 & 0x3F));
			out[2] = (unsigned char)(0x80 | (v & 0x3F));
			*outlen = 3;
		} else {
			out[0] = (unsigned char)(0xF0 | v >> 18);
			out[1] = (unsigned char)(0x80 | (v >> 12 & 0x3F));
			out[2] = (unsigned char)(0x80 | (v >> 6 & 0x3F));
			out[3] = (unsigned char)(0x80 | (v & 0x3F));
			*outlen = 4;
		}
		return (size_t)(q + 1 - p);
	}
	for (size_t i = 0; i < NA_ARRAY_SIZE(predef); i++) {
		size_t k = strlen(predef[i].name);
		if ((size_t)(end - q) >= k && !memcmp(q, predef[i].name, k)) {
			out[0] = (unsigned char)predef[i].c;
			*outlen = 1;
			return 1 + k;
		}
	}
	return 0;
}

static xmlNsPtr ns_lookup(const struct xf *x, const unsigned char *prefix, size_t plen)
{
	for (size_t i = x->nns; i-- > 0;)
		if (x->ns[i].plen == plen && (!plen || !memcmp(x->ns[i].prefix, prefix, plen)))
			return x->ns[i].ns;
	return NULL;
}

/* A namespace name libxml2 takes without a word: xmlParseStartTag2 refuses
 * the xml and xmlns names and one xmlParseURI cannot parse, and warns about
 * a default namespace without a scheme (a prefixed one only when pedantic). */
static int ns_name_ok(struct xf *x, const unsigned char *v, size_t n, int deflt)
{
	if (!n)
		return 0; /* xmlns="" undeclares: left to libxml2 */
	for (size_t i = 0; i < n; i++)
		if (v[i] <= 0x20 || v[i] >= 0x80 || v[i] == '&' || v[i] == '<')
			return 0;
	for (size_t i = 0; i < x->nuri; i++)
		if (x->uri_ok[i].deflt >= deflt && x->uri_ok[i].len == n && !memcmp(x->uri_ok[i].s, v, n))
			return 1;
	char *s = na_arena_strndup(x->arena, (const char *)v, n);
	if (!strcmp(s, "http://www.w3.org/XML/1998/namespace") || !strcmp(s, "http://www.w3.org/2000/xmlns/"))
		return 0;
	xmlURIPtr uri = xmlParseURI(s);
	int ok = uri != NULL, scheme = uri && uri->scheme;
	xmlFreeURI(uri);
	if (ok && x->nuri < URI_CACHE)
		x->uri_ok[x->nuri++] = (struct uri_seen){s, n, scheme};
	return ok && (scheme || !deflt);
}

/* xml:lang values xmlCheckLanguageID surely takes: language, script, region */
static int lang_ok(const unsigned char *v, size_t n)
{
	size_t i = 0, k;
	for (k = 0; i < n && ((v[i] | 0x20) >= 'a' && (v[i] | 0x20) <= 'z'); i++, k++)
		;
	if (k < 2 || k > 3)
		return 0;
	int part = 0;
	while (i < n) {
		if (v[i++] != '-')
			return 0;
		size_t a = 0, d = 0;
		for (; i < n && v[i] != '-'; i++) {
			if ((v[i] | 0x20) >= 'a' && (v[i] | 0x20) <= 'z')
				a++;
			else if (v[i] >= '0' && v[i] <= '9')
				d++;
			else
				return 0;
		}
		if (part == 0 && a == 4 && !d)
			part = 1; /* script */
		else if (part < 2 && ((a == 2 && !d) || (d == 3 && !a)))
			part = 2; /* region */
		else
			return 0;
	}
	return 1;
}

/* An attribute value decoded as libxml2 hands it to the tree: references
 * replaced, each tab and newline a space (CDATA normalization). */
static const xmlChar *att_value(struct xf *x, const struct att *a)
{
	if (a->plain)
		return (const xmlChar *)na_arena_strndup(x->arena, (const char *)a->v, a->vlen);
	char *o = na_arena_alloc(x->arena, a->vlen + 1), *w = o;
	const unsigned char *p = a->v, *e = a->v + a->vlen;
	while (p < e) {
		if (*p == '&') {
			unsigned char out[8];
			size_t k;
			p += reference(p, e, out, &k); /* checked when the tag was read */
			memcpy(w, out, k);
			w += k;
		} else {
			*w++ = (char)(*p == '\t' || *p == '\n' ? ' ' : *p);
			p++;
		}
	}
	*w = 0;
	return (const xmlChar *)o;
}

enum { FAIL = -1, MORE = 0, DONE = 1 };

/* The start tag at x->p ('<' and a name char follow). */
static int start_tag(struct xf *x)
{
	const unsigned char *p = x->p + 1, *end = x->end;
	size_t colon, qlen = qname(p, end, &colon);
	if (!qlen || x->depth >= MAX_DEPTH)
		return FAIL;
	const unsigned char *qn = p;
	p += qlen;
	size_t na = 0;
	int empty = 0;
	long line = x->line;
	for (;;) {
		const unsigned char *q = skip_ws(p, end, &line);
		if (q >= end)
			return FAIL;
		if (*q == '>') {
			p = q + 1;
			break;
		}
		if (*q == '/') {
			if (q + 1 >= end || q[1] != '>')
				return FAIL;
			p = q + 2;
			empty = 1;
			break;
		}
		if (q == p || na == MAX_ATTRS)
			return FAIL; /* attributes need a blank before them */
		struct att *a = &x->atts[na++];
		a->qn = q;
		if (!(a->qlen = qname(q, end, &a->colon)))
			return FAIL;
		q = skip_ws(q + a->qlen, end, &line);
		if (q >= end || *q != '=')
			return FAIL;
		q = skip_ws(q + 1, end, &line);
		if (q >= end || (*q != '"' && *q != '\''))
			return FAIL;
		unsigned char quote = *q++;
		const unsigned char *v = q, *stop = memchr(q, quote, (size_t)(end - q));
		if (!stop)
			return FAIL;
		a->plain = 1;
		for (; q < stop; q++) {
			unsigned char c = *q;
			if (c >= 0x20 && c < 0x80 && c != '<' && c != '&')
				continue;
			if (c == '&') {
				unsigned char out[8];
				size_t ol, k = reference(q, stop, out, &ol);
				if (!k)
					return FAIL;
				q += k - 1;
				a->plain = 0;
			} else if (c >= 0x80) {
				size_t k = na_xml_utf8_len(q, (size_t)(stop - q));
				if (!k)
					return FAIL;
				q += k - 1;
			} else if (c == '\t' || c == '\n') {
				line += c == '\n';
				a->plain = 0;
			} else {
				return FAIL; /* '<', a control character, a CR */
			}
		}
		a->v = v;
		a->vlen = (size_t)(q - v);
		p = q + 1;
	}
	x->line = line;
	x->p = p;

	/* namespace declarations first: they are in scope for the tag's own names */
	struct frame *f = &x->st[x->depth];
	f->ns_mark = x->nns;
	f->space2 = 0;
	f->qname = qn;
	f->qlen = qlen;
	const xmlChar *local = (const xmlChar *)na_arena_strndup(x->arena, (const char *)qn + (colon ? colon + 1 : 0),
	                                                         qlen - (colon ? colon + 1 : 0));
	xmlNodePtr el = new_node(x, XML_ELEMENT_NODE, local);
	xmlNsPtr last_def = NULL;
	for (size_t i = 0; i < na; i++) {
		struct att *a = &x->atts[i];
		int deflt = !a->colon && a->qlen == 5 && !memcmp(a->qn, "xmlns", 5);
		a->decl = deflt || (a->colon == 5 && !memcmp(a->qn, "xmlns", 5));
		a->ns = NULL;
		if (!a->decl)
			continue;
		const unsigned char *px = deflt ? NULL : a->qn + 6;
		size_t pl = deflt ? 0 : a->qlen - 6;
		if ((pl == 3 && !memcmp(px, "xml", 3)) || (pl == 5 && !memcmp(px, "xmlns", 5)))
			return FAIL;
		if (!a->plain || !ns_name_ok(x, a->v, a->vlen, deflt))
			return FAIL;
		for (size_t j = 0; j < i; j++)
			if (x->atts[j].decl && x->atts[j].qlen == a->qlen && !memcmp(x->atts[j].qn, a->qn, a->qlen))
				return FAIL; /* declared twice in one tag */
		if (x->nns == MAX_NS)
			return FAIL;
		xmlNsPtr ns = na_arena_alloc(x->arena, sizeof *ns);
		memset(ns, 0, sizeof *ns);
		ns->type = XML_NAMESPACE_DECL;
		ns->href = (const xmlChar *)na_arena_strndup(x->arena, (const char *)a->v, a->vlen);
		ns->prefix = pl ? (const xmlChar *)na_arena_strndup(x->arena, (const char *)px, pl) : NULL;
		if (last_def)
			last_def->next = ns;
		else
			el->nsDef = ns;
		last_def = ns;
		x->ns[x->nns++] = (struct nsb){px, pl, ns};
	}
	if (colon) {
		if ((colon == 3 && !memcmp(qn, "xml", 3)) || (colon == 5 && !memcmp(qn, "xmlns", 5)))
			return FAIL;
		if (!(el->ns = ns_lookup(x, qn, colon)))
			return FAIL;
	} else {
		el->ns = ns_lookup(x, NULL, 0);
	}
	xmlAttrPtr last_att = NULL;
	for (size_t i = 0; i < na; i++) {
		struct att *a = &x->atts[i];
		if (a->decl)
			continue;
		if (a->colon == 3 && !memcmp(a->qn, "xml", 3)) {
			/* xml:lang alone, with a value libxml2 does not warn about */
			if (a->qlen != 8 || memcmp(a->qn + 4, "lang", 4) || !a->plain || !lang_ok(a->v, a->vlen))
				return FAIL;
			a->ns = &xml_ns;
		} else if (a->colon && !(a->ns = ns_lookup(x, a->qn, a->colon))) {
			return FAIL;
		}
		/* [WFC: Unique Att Spec], as extended by the namespaces REC */
		const unsigned char *ln = a->qn + (a->colon ? a->colon + 1 : 0);
		size_t ll = a->qlen - (a->colon ? a->colon + 1 : 0);
		for (size_t j = 0; j < i; j++) {
			const struct att *b = &x->atts[j];
			if (b->decl)
				continue;
			if (b->qlen == a->qlen && !memcmp(b->qn, a->qn, a->qlen))
				return FAIL;
			size_t bl = b->qlen - (b->colon ? b->colon + 1 : 0);
			if (a->ns && b->ns && bl == ll && !memcmp(b->qn + (b->colon ? b->colon + 1 : 0), ln, ll) &&
			    !strcmp((const char *)a->ns->href, (const char *)b->ns->href))
				return FAIL;
		}
		xmlAttrPtr at = na_arena_alloc(x->arena, sizeof *at);
		memset(at, 0, sizeof *at);
		at->type = XML_ATTRIBUTE_NODE;
		at->name = (const xmlChar *)na_arena_strndup(x->arena, (const char *)ln, ll);
		at->parent = el;
		at->ns = a->ns;
		xmlNodePtr t = new_node(x, XML_TEXT_NODE, xmlStringText);
		t->content = (xmlChar *)att_value(x, a);
		t->parent = (xmlNodePtr)at;
		at->children = at->last = t;
		if (last_att) {
			last_att->next = at;
			at->prev = last_att;
		} else {
			el->properties = at;
		}
		last_att = at;
	}
	line_of(el, x->line);
	if (x->depth) {
		flush(x);
		add_child(x->st[x->depth - 1].node, el);
	}
	f->node = el;
	x->depth++;
	if (empty) {
		x->depth--;
		x->nns = f->ns_mark;
		return x->depth ? MORE : DONE;
	}
	return MORE;
}

static int end_tag(struct xf *x)
{
	struct frame *f = &x->st[x->depth - 1];
	const unsigned char *p = x->p + 2, *end = x->end;
	if ((size_t)(end - p) < f->qlen || memcmp(p, f->qname, f->qlen))
		return FAIL;
	p = skip_ws(p + f->qlen, end, &x->line);
	if (p >= end || *p != '>')
		return FAIL;
	x->p = p + 1;
	flush(x);
	x->nns = f->ns_mark;
	return --x->depth ? MORE : DONE;
}

/* A comment at x->p ("<!--"); with a node when inside an element. */
static int comment(struct xf *x)
{
	const unsigned char *s = x->p + 4, *end = x->end;
	const unsigned char *d = memmem(s, (size_t)(end - s), "--", 2);
	if (!d || d + 2 >= end || d[2] != '>' || !chars_ok(s, d, &x->line))
		return FAIL;
	x->p = d + 3;
	if (x->depth) {
		flush(x);
		xmlNodePtr c = new_node(x, XML_COMMENT_NODE, xmlStringComment);
		c->content = (xmlChar *)na_arena_strndup(x->arena, (const char *)s, (size_t)(d - s));
		add_child(x->st[x->depth - 1].node, c);
	}
	return MORE;
}

static int starts(const unsigned char *p, const unsigned char *end, const char *s)
{
	size_t k = strlen(s);
	return (size_t)(end - p) >= k && !memcmp(p, s, k);
}

/* Element content up to the end of the root element. */
static int content(struct xf *x)
{
	for (;;) {
		const unsigned char *s = x->p, *e = scan_text(s, x->end, &x->line);
		if (!e)
			return FAIL;
		piece(x, s, e);
		if (e + 1 >= x->end)
			return FAIL; /* the root is not closed */
		x->p = e;
		int rc;
		if (*e == '&') {
			unsigned char out[8];
			size_t ol, k = reference(e, x->end, out, &ol);
			if (!k)
				return FAIL;
			pend_add(x, out, ol, 0);
			x->p = e + k;
			continue;
		}
		if (e[1] == '/') {
			rc = end_tag(x);
		} else if (e[1] == '!') {
			if (starts(e, x->end, "<!--")) {
				rc = comment(x);
			} else if (starts(e, x->end, "<![CDATA[")) {
				const unsigned char *c = e + 9, *d = memmem(c, (size_t)(x->end - c), "]]>", 3);
				if (!d || !chars_ok(c, d, &x->line))
					return FAIL;
				pend_add(x, c, (size_t)(d - c), 1);
				x->p = d + 3;
				rc = MORE;
			} else {
				return FAIL;
			}
		} else if (name_class[e[1]] == 1) {
			rc = start_tag(x);
		} else {
			return FAIL; /* a PI, or not markup */
		}
		if (rc != MORE)
			return rc;
	}
}

/* Blanks and comments, before or after the root. */
static int misc(struct xf *x)
{
	for (;;) {
		x->p = skip_ws(x->p, x->end, &x->line);
		if (!starts(x->p, x->end, "<!--"))
			return 0;
		if (comment(x) == FAIL)
			return -1;
	}
}

/* <?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"]?> */
static int xml_decl(struct xf *x)
{
	static const char *const names[] = {"version", "encoding", "standalone"};
	const unsigned char *p = x->p + 5, *end = x->end;
	for (int i = 0; i < 3; i++) {
		const unsigned char *q = skip_ws(p, end, &x->line);
		size_t k = strlen(names[i]);
		if (q == p || !starts(q, end, names[i])) {
			if (i == 0)
				return -1;
			continue;
		}
		q = skip_ws(q + k, end, &x->line);
		if (q >= end || *q != '=')
			return -1;
		q = skip_ws(q + 1, end, &x->line);
		if (q >= end || (*q != '"' && *q != '\''))
			return -1;
		const unsigned char *v = q + 1, *e = memchr(v, *q, (size_t)(end - v));
		if (!e)
			return -1;
		size_t n = (size_t)(e - v);
		int ok = i == 0   ? n == 3 && !memcmp(v, "1.0", 3)
		         : i == 1 ? (n == 5 && !strncasecmp((const char *)v, "utf-8", 5)) ||
		                        (n == 4 && !strncasecmp((const char *)v, "utf8", 4))
		                  : (n == 3 && !memcmp(v, "yes", 3)) || (n == 2 && !memcmp(v, "no", 2));
		if (!ok)
			return -1;
		p = e + 1;
	}
	p = skip_ws(p, end, &x->line);
	if (!starts(p, end, "?>"))
		return -1;
	x->p = p + 2;
	return 0;
}

xmlNodePtr na_xmlfast_parse(struct na_arena *arena, const unsigned char *buf, size_t n)
{
	struct xf *x = na_xcalloc(1, sizeof *x);
	x->arena = arena;
	x->p = buf;
	x->end = buf + n;
	x->line = 1;
	xmlNodePtr root = NULL;
	if (starts(x->p, x->end, "\xEF\xBB\xBF"))
		x->p += 3;
	if (starts(x->p, x->end, "<?xml") && xml_decl(x) < 0)
		goto out;
	if (misc(x) < 0 || x->p + 1 >= x->end || x->p[0] != '<' || name_class[x->p[1]] != 1)
		goto out;
	int rc = start_tag(x);
	xmlNodePtr r = x->st[0].node;
	if (rc == MORE)
		rc = content(x);
	if (rc != DONE || misc(x) < 0 || x->p != x->end)
		goto out;
	root = r;
out:
	na_buf_free(&x->pend);
	free(x);
	return root;
}
