/* newsml.c - IPTC NewsML-G2 2.35 (https://iptc.org/standards/newsml-g2/),
 * text items only.
 *
 * Reader: a newsItem document, or a newsMessage whose itemSet is streamed
 * through libxml2's SAX2 push parser, one item's tree built (and freed) at a
 * time, so memory does not grow with the message; plain UTF-8 documents are
 * parsed through an "ASCII view" of their text (see "reader: input") because
 * libxml2 2.9 is three times slower on non-ASCII character data.
 * packageItem, conceptItem, knowledgeItem,
 * planningItem and catalogItem are skipped with a warning naming them.
 * Bodies: inlineXML holding XHTML or NITF (body.content), inlineData
 * text/plain or text/html.
 *
 * Writer: one article -> a newsItem document; several -> one newsMessage
 * (header/sent + itemSet); -O newsml:container=auto|item|message forces
 * either.  Every document validates against the 2.35 All-Power XSD (tested
 * with xmllint).  Direct escaped output into the output buffer: no tree, no
 * xmlTextWriter (twice the throughput, measured in bench/newsml.py).
 *
 * Fields the standard cannot hold exactly (raw date strings, section, values
 * an XSD type would reject, a guid we had to derive, unknown record keys)
 * travel in contentMeta's extension point as <nax:record> in the namespace
 * urn:newsarc:newsml-g2:1, so jsonl -> newsml -> jsonl is lossless.  When a
 * document carries it, dates come from contentCreated/contentModified (exact
 * values) instead of the item-level dates.  See docs/newsml.md. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <unistd.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>
#include <libxml/uri.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "format.h"
#include "core/xml.h"
#include "core/xmlfast.h"

extern const struct na_format na_format_newsml;

#define NAR_NS "http://iptc.org/std/nar/2006-10-01/"
#define NAX_NS "urn:newsarc:newsml-g2:1"
#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define IPTC_CATALOG "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_32.xml"
/* project scheme for the subheadline's headline role (no IPTC scheme exists) */
#define HLROLE_ALIAS "nahl"
#define HLROLE_URI "urn:newsarc:cv:headline-role:"

enum { C_AUTO, C_ITEM, C_MESSAGE };

struct newsml {
	/* writer */
	int container, indent;
	struct na_buf held;        /* auto mode: the first item, until a second comes */
	int message_open;
	char now[40];
	unsigned long dropped;     /* characters XML 1.0 cannot carry */
	int open_failed;
	/* reader: SAX2 push parser building one item's tree at a time */
	xmlParserCtxtPtr pc;
	struct na_xml_err err;
	struct na_reader *r;
	int state;                 /* 0 start, 1 in a message, 2 done, 3 root newsItem */
	int depth;                 /* open elements */
	int in_header;             /* inside newsMessage/header */
	int fatal;                 /* stopped on an error of ours */
	int eof;                   /* the input is exhausted */
	int halted;                /* libxml2 stopped on an encoder error */
	xmlNodePtr *queue;         /* finished newsItems, unlinked, waiting to be mapped */
	size_t qhead, qlen, qcap;
	unsigned char *work;       /* input not yet given to libxml2 (a carried tail + a new chunk) */
	size_t work_len;
	/* the ASCII view (see "reader: input"): */
	int ascii;                 /* on: text runs are handed to libxml2 with non-ASCII masked */
	int lx, seen_tag, raw_run; /* lexer state */
	int masked;                /* a run was masked: text is taken from raw */
	struct na_buf raw;         /* the original bytes from offset raw_base on */
	struct na_buf text;        /* character data not yet given to the tree builder */
	/* error columns: libxml2 counts masked bytes as characters */
	struct mrun { unsigned long end, first_nl; size_t extra; } *runs; /* masked runs in the window */
	size_t rhead, rlen, rcap;
	unsigned long lex_off;     /* offset of the lexer's p[0] */
	const unsigned char *lex_base; /* its p */
	unsigned long nl_scan;     /* newlines looked for up to here */
	size_t line_extra;         /* masked continuation bytes on the current line up to nl_scan */
	unsigned long raw_base;
	xmlBufferPtr rejected;     /* serialized rejected item, for --rejects */
	/* the fast path (core/xmlfast.h): the whole document parsed at open */
	struct na_arena *fast;     /* its nodes */
	int html_fragment;         /* the item just mapped went through the HTML parser */
};

/* ---- probe ------------------------------------------------------------ */

static const char *const item_roots[] = {"newsItem", "newsMessage", "packageItem", "conceptItem",
                                         "knowledgeItem", "planningItem", "catalogItem"};

static int newsml_probe(const struct na_probe *p)
{
	const unsigned char *s = p->buf, *end = p->buf + p->len;
	int ext = na_probe_ext_score(&na_format_newsml, p) > 0;
	size_t i = na_probe_skip_ws(p);
	/* skip the XML declaration, comments, PIs and a DOCTYPE to the root tag */
	for (;;) {
		while (i < p->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i + 1 >= p->len || s[i] != '<')
			return ext ? NA_PROBE_GUESS : 0;
		const char *close = NULL;
		if (s[i + 1] == '?')
			close = "?>";
		else if (i + 3 < p->len && !memcmp(s + i, "<!--", 4))
			close = "-->";
		else if (s[i + 1] == '!') {
			/* DOCTYPE: past its internal subset, if any, to the closing '>' */
			size_t j = i + 2;
			while (j < p->len && s[j] != '>' && s[j] != '[')
				j++;
			if (j < p->len && s[j] == '[') {
				for (;;) {
					const unsigned char *e = memchr(s + j, ']', p->len - j);
					if (!e)
						return ext ? NA_PROBE_GUESS : 0;
					j = (size_t)(e - s) + 1;
					while (j < p->len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
						j++;
					if (j < p->len && s[j] == '>')
						break;
				}
			}
			if (j >= p->len)
				return ext ? NA_PROBE_GUESS : 0;
			i = j + 1;
			continue;
		}
		if (!close)
			break;
		const unsigned char *e = memmem(s + i + 2, p->len - i - 2, close, strlen(close));
		if (!e)
			return ext ? NA_PROBE_GUESS : 0;
		i = (size_t)(e - s) + strlen(close);
	}
	/* root start tag: optional prefix, then one of the G2 item names */
	const unsigned char *t = s + i + 1, *q = t;
	while (q < end && *q != ' ' && *q != '>' && *q != '/' && *q != '\t' && *q != '\r' && *q != '\n')
		q++;
	const unsigned char *colon = memchr(t, ':', (size_t)(q - t));
	const unsigned char *name = colon ? colon + 1 : t;
	size_t nlen = (size_t)(q - name);
	int known = 0;
	for (size_t k = 0; k < NA_ARRAY_SIZE(item_roots); k++)
		if (strlen(item_roots[k]) == nlen && !memcmp(name, item_roots[k], nlen))
			known = 1;
	if (!known)
		return ext ? NA_PROBE_GUESS : 0;
	const unsigned char *gt = memchr(q, '>', (size_t)(end - q));
	size_t tag_len = gt ? (size_t)(gt - q) : (size_t)(end - q);
	if (memmem(q, tag_len, NAR_NS, strlen(NAR_NS)))
		return NA_PROBE_MAX;
	/* right element name, namespace not seen (yet) */
	return ext ? NA_PROBE_EXT + 10 : NA_PROBE_GUESS;
}

/* ---- writer: escaping ------------------------------------------------- */

/* Length of the prefix of s[0..n) free of bytes that need a look: markup
 * characters, controls (tab/LF/CR included) and 0xEF (U+FFFE/FFFF lead).
 * SSE2 checks 16 bytes at a time: most text has nothing to escape. */
static size_t plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), amp = _mm_set1_epi8('&');
	const __m128i quot = _mm_set1_epi8('"'), ef = _mm_set1_epi8((char)0xEF);
	const __m128i bias = _mm_set1_epi8((char)0x80), ctl = _mm_set1_epi8((char)(0x20 ^ 0x80));
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt)),
		                         _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, quot)));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, ef));
		/* unsigned v < 0x20, as a signed compare of the biased bytes */
		m = _mm_or_si128(m, _mm_cmplt_epi8(_mm_xor_si128(v, bias), ctl));
		int mask = _mm_movemask_epi8(m);
		if (mask)
			return i + (size_t)__builtin_ctz((unsigned)mask);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = s[i];
		if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '"' || c == 0xEF)
			break;
	}
	return i;
}

/* Append s escaped for XML text (attr: for a double-quoted attribute).
 * Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, U+FFFE/FFFF)
 * are dropped and counted. */
static void esc(struct na_buf *b, const char *str, size_t n, int attr, unsigned long *dropped)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	na_buf_reserve(b, n + 16);
	while (i < n) {
		size_t k = plain_run(s + i, n - i);
		if (k) {
			na_buf_add(b, s + i, k);
			i += k;
			if (i >= n)
				break;
		}
		unsigned char c = s[i];
		const char *rep = NULL;
		size_t skip = 1;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		case 0xEF:
			if (i + 2 < n && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF)) {
				rep = "";
				skip = 3;
				(*dropped)++;
			}
			break;
		default:
			rep = ""; /* another C0 control */
			(*dropped)++;
			break;
		}
		if (rep)
			na_buf_adds(b, rep);
		else
			na_buf_addc(b, (char)c);
		i += skip;
	}
}

struct wr {
	struct na_buf *b;
	struct newsml *m;
	int level;                  /* indentation level */
};

static void nl(struct wr *w)
{
	if (!w->m->indent)
		return;
	na_buf_addc(w->b, '\n');
	for (int i = 0; i < w->level; i++)
		na_buf_add(w->b, "  ", 2);
}

static void text(struct wr *w, const char *s)
{
	esc(w->b, s, strlen(s), 0, &w->m->dropped);
}

static void attr(struct wr *w, const char *name, const char *v)
{
	na_buf_addc(w->b, ' ');
	na_buf_adds(w->b, name);
	na_buf_add(w->b, "=\"", 2);
	esc(w->b, v, strlen(v), 1, &w->m->dropped);
	na_buf_addc(w->b, '"');
}

/* <tag>text</tag> on its own line */
static void elem(struct wr *w, const char *tag, const char *v)
{
	nl(w);
	na_buf_addc(w->b, '<');
	na_buf_adds(w->b, tag);
	na_buf_addc(w->b, '>');
	text(w, v);
	na_buf_add(w->b, "</", 2);
	na_buf_adds(w->b, tag);
	na_buf_addc(w->b, '>');
}

/* <tag><name>text</name></tag> */
static void named(struct wr *w, const char *tag, const char *v)
{
	nl(w);
	na_buf_addc(w->b, '<');
	na_buf_adds(w->b, tag);
	na_buf_addc(w->b, '>');
	w->level++;
	elem(w, "name", v);
	w->level--;
	nl(w);
	na_buf_add(w->b, "</", 2);
	na_buf_adds(w->b, tag);
	na_buf_addc(w->b, '>');
}

static void open_tag(struct wr *w, const char *tag)
{
	nl(w);
	na_buf_addc(w->b, '<');
	na_buf_adds(w->b, tag);
	na_buf_addc(w->b, '>');
	w->level++;
}

static void close_tag(struct wr *w, const char *tag)
{
	w->level--;
	nl(w);
	na_buf_add(w->b, "</", 2);
	na_buf_adds(w->b, tag);
	na_buf_addc(w->b, '>');
}

/* ---- writer: value checks ---------------------------------------------- */

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* 1: xs:date "YYYY-MM-DD"; 2: xs:dateTime; 0: neither (so it cannot go in
 * contentCreated as is).  Checks the ranges libxml2's validator checks. */
static int xs_date_kind(const char *s)
{
	size_t n = strlen(s);
	if (n < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return 0;
	int y = num(s, 4), mo = num(s + 5, 2), d = num(s + 8, 2);
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y == 0 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return 0;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	if (n == 10)
		return 1;
	const char *t = s + 10;
	if (strlen(t) < 9 || t[0] != 'T' || !digits(t + 1, 2) || t[3] != ':' || !digits(t + 4, 2) || t[6] != ':' ||
	    !digits(t + 7, 2))
		return 0;
	if (num(t + 1, 2) > 23 || num(t + 4, 2) > 59 || num(t + 7, 2) > 59)
		return 0;
	t += 9;
	if (*t == '.') {
		t++;
		if (!(*t >= '0' && *t <= '9'))
			return 0;
		while (*t >= '0' && *t <= '9')
			t++;
	}
	if (!*t || (t[0] == 'Z' && !t[1]))
		return 2;
	if ((t[0] == '+' || t[0] == '-') && strlen(t) == 6 && digits(t + 1, 2) && t[3] == ':' && digits(t + 4, 2) &&
	    num(t + 1, 2) <= 14 && num(t + 4, 2) <= 59)
		return 2;
	return 0;
}

/* xs:dateTime for itemMeta: a date alone gets T00:00:00 with no zone (time
 * and zone unknown); NULL when the value is not an XSD date at all. */
static const char *as_datetime(const char *v, char *out, size_t size)
{
	if (!v)
		return NULL;
	int k = xs_date_kind(v);
	if (k == 2)
		return v;
	if (k == 1) {
		snprintf(out, size, "%sT00:00:00", v);
		return out;
	}
	return NULL;
}

/* xs:language, the type of language/@tag and xml:lang:
 * [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})* */
static int xs_language_ok(const char *s)
{
	size_t run = 0;
	int first = 1;
	for (;; s++) {
		char c = *s;
		if (c == '-' || !c) {
			if (run == 0 || run > 8)
				return 0;
			if (!c)
				return 1;
			run = 0;
			first = 0;
			continue;
		}
		int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (!alpha && !(!first && c >= '0' && c <= '9'))
			return 0;
		run++;
	}
}

/* Mirror of libxml2's xs:anyURI check (it blanks a few characters, then
 * parses), so an href that would not validate goes to nax:record instead. */
static int xs_anyuri_ok(const char *s)
{
	size_t n = strlen(s);
	char *tmp = na_xmalloc(n + 1);
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)s[i];
		tmp[i] = (c && (c < 32 || c >= 127 || strchr(" <>\"{}|\\^`'", c))) ? '_' : (char)c;
	}
	xmlURIPtr u = xmlParseURI(tmp);
	free(tmp);
	if (!u)
		return 0;
	xmlFreeURI(u);
	return 1;
}

/* ---- writer: guid -------------------------------------------------------- */

static uint64_t fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	h ^= 0xff; /* field separator */
	h *= 1099511628211ull;
	return h;
}

/* Stable guid for a record without an id: the URL when it is one, else a hash
 * of source, published date and headline. */
static const char *derive_guid(const struct na_article *a, char *out, size_t size)
{
	if (a->url && *a->url && xs_anyuri_ok(a->url))
		return a->url;
	uint64_t h = 14695981039346656037ull;
	h = fnv(h, a->source);
	h = fnv(h, a->published.raw ? a->published.raw : a->published.value);
	h = fnv(h, a->headline);
	snprintf(out, size, "urn:newsarc:%016llx", (unsigned long long)h);
	return out;
}

/* ---- writer: one item ------------------------------------------------------ */

static void nax_field(struct wr *w, const char *name, const char *v)
{
	nl(w);
	na_buf_add(w->b, "<nax:field", 10);
	attr(w, "name", name);
	na_buf_addc(w->b, '>');
	text(w, v);
	na_buf_add(w->b, "</nax:field>", 12);
}

static void render_item(struct wr *w, const struct na_article *a)
{
	char gbuf[64], d1[48], d2[48];
	const char *pub = a->published.value, *mod = a->modified.value;
	int pub_ok = pub && xs_date_kind(pub), mod_ok = mod && xs_date_kind(mod);
	int id_ok = a->id && *a->id;
	const char *guid = id_ok ? a->id : derive_guid(a, gbuf, sizeof gbuf);
	int lang_ok = a->language && xs_language_ok(a->language);
	int url_ok = a->url && *a->url && xs_anyuri_ok(a->url);

	if (w->level)
		nl(w);
	na_buf_adds(w->b, "<newsItem xmlns=\"" NAR_NS "\" xmlns:nax=\"" NAX_NS "\"");
	attr(w, "guid", guid);
	na_buf_adds(w->b, " version=\"1\" standard=\"NewsML-G2\" standardversion=\"2.35\" conformance=\"power\"");
	if (lang_ok)
		attr(w, "xml:lang", a->language);
	na_buf_addc(w->b, '>');
	w->level++;
	nl(w);
	na_buf_adds(w->b, "<catalogRef href=\"" IPTC_CATALOG "\"/>");
	if (a->subheadline) {
		nl(w);
		na_buf_adds(w->b, "<catalog><scheme alias=\"" HLROLE_ALIAS "\" uri=\"" HLROLE_URI "\"/></catalog>");
	}

	open_tag(w, "itemMeta");
	nl(w);
	na_buf_adds(w->b, "<itemClass qcode=\"ninat:text\"/>");
	if (a->source)
		named(w, "provider", a->source);
	else {
		nl(w);
		na_buf_adds(w->b, "<provider/>");
	}
	/* versionCreated is required: modified, else published, else the time
	 * this version was written (the reader ignores it for our own items) */
	const char *vc = mod_ok ? as_datetime(mod, d1, sizeof d1) : pub_ok ? as_datetime(pub, d1, sizeof d1) : w->m->now;
	elem(w, "versionCreated", vc);
	if (pub_ok)
		elem(w, "firstCreated", as_datetime(pub, d2, sizeof d2));
	nl(w);
	na_buf_adds(w->b, "<pubStatus qcode=\"stat:usable\"/>");
	close_tag(w, "itemMeta");

	open_tag(w, "contentMeta");
	if (pub_ok)
		elem(w, "contentCreated", pub);
	if (mod_ok)
		elem(w, "contentModified", mod);
	if (a->source)
		named(w, "infoSource", a->source);
	for (size_t i = 0; i < a->byline.n; i++)
		named(w, "creator", a->byline.v[i]);
	if (lang_ok) {
		nl(w);
		na_buf_add(w->b, "<language", 9);
		attr(w, "tag", a->language);
		na_buf_add(w->b, "/>", 2);
	}
	for (size_t i = 0; i < a->keywords.n; i++)
		elem(w, "keyword", a->keywords.v[i]);
	for (size_t i = 0; i < a->subjects.n; i++)
		named(w, "subject", a->subjects.v[i]);
	if (a->headline)
		elem(w, "headline", a->headline);
	if (a->subheadline) {
		nl(w);
		na_buf_adds(w->b, "<headline role=\"" HLROLE_ALIAS ":sub\">");
		text(w, a->subheadline);
		na_buf_adds(w->b, "</headline>");
	}
	if (a->dateline)
		elem(w, "dateline", a->dateline);
	if (a->byline.n) {
		/* display form for consumers; the reader takes the creators */
		struct na_buf by = {0};
		for (size_t i = 0; i < a->byline.n; i++) {
			if (i)
				na_buf_adds(&by, ", ");
			na_buf_adds(&by, a->byline.v[i]);
		}
		elem(w, "by", by.p ? by.p : "");
		na_buf_free(&by);
	}
	/* what the standard elements could not hold exactly */
	open_tag(w, "nax:record");
	if (!a->id) {
		nl(w);
		na_buf_adds(w->b, "<nax:noId/>");
	} else if (!id_ok)
		nax_field(w, "id", a->id);
	if (a->url && !url_ok)
		nax_field(w, "url", a->url);
	if (a->language && !lang_ok)
		nax_field(w, "language", a->language);
	if (a->section)
		nax_field(w, "section", a->section);
	const struct na_date *dates[2] = {&a->published, &a->modified};
	static const char *const dnames[2] = {"published", "modified"};
	int dok[2] = {pub_ok, mod_ok};
	for (int k = 0; k < 2; k++) {
		const struct na_date *d = dates[k];
		if (d->value && !dok[k]) {
			nl(w);
			na_buf_add(w->b, "<nax:date", 9);
			attr(w, "field", dnames[k]);
			na_buf_addc(w->b, '>');
			text(w, d->value);
			na_buf_add(w->b, "</nax:date>", 11);
		}
		if (d->raw && (!d->value || strcmp(d->raw, d->value) != 0)) {
			nl(w);
			na_buf_add(w->b, "<nax:raw", 8);
			attr(w, "field", dnames[k]);
			na_buf_addc(w->b, '>');
			text(w, d->raw);
			na_buf_add(w->b, "</nax:raw>", 10);
		}
	}
	for (size_t i = 0; i < a->nextra; i++) {
		nl(w);
		na_buf_add(w->b, "<nax:extra", 10);
		attr(w, "key", a->extra[i].key);
		na_buf_addc(w->b, '>');
		text(w, a->extra[i].json);
		na_buf_add(w->b, "</nax:extra>", 12);
	}
	close_tag(w, "nax:record");
	close_tag(w, "contentMeta");

	if (a->nbody || url_ok) {
		open_tag(w, "contentSet");
		if (a->nbody) {
			nl(w);
			na_buf_adds(w->b, "<inlineXML contenttype=\"application/xhtml+xml\">");
			w->level++;
			nl(w);
			na_buf_adds(w->b, "<html xmlns=\"" XHTML_NS "\"");
			if (lang_ok)
				attr(w, "xml:lang", a->language);
			na_buf_addc(w->b, '>');
			w->level++;
			if (a->headline) {
				unsigned long d = w->m->dropped; /* counted once, for the headline */
				open_tag(w, "head");
				elem(w, "title", a->headline);
				close_tag(w, "head");
				w->m->dropped = d;
			}
			open_tag(w, "body");
			int in_list = 0;
			for (size_t i = 0; i < a->nbody; i++) {
				const struct na_block *bl = &a->body[i];
				if (bl->type != NA_BLOCK_LIST_ITEM && in_list) {
					close_tag(w, "ul");
					in_list = 0;
				}
				switch (bl->type) {
				case NA_BLOCK_PARAGRAPH:
					elem(w, "p", bl->text);
					break;
				case NA_BLOCK_HEADING:
					elem(w, "h2", bl->text);
					break;
				case NA_BLOCK_QUOTE:
					open_tag(w, "blockquote");
					elem(w, "p", bl->text);
					close_tag(w, "blockquote");
					break;
				case NA_BLOCK_LIST_ITEM:
					if (!in_list)
						open_tag(w, "ul");
					in_list = 1;
					elem(w, "li", bl->text);
					break;
				}
			}
			if (in_list)
				close_tag(w, "ul");
			close_tag(w, "body");
			close_tag(w, "html");
			close_tag(w, "inlineXML");
		}
		if (url_ok) {
			nl(w);
			na_buf_adds(w->b, "<remoteContent contenttype=\"text/html\"");
			attr(w, "href", a->url);
			na_buf_add(w->b, "/>", 2);
		}
		close_tag(w, "contentSet");
	}
	close_tag(w, "newsItem");
}

/* ---- writer: container ------------------------------------------------------ */

static const char prolog[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

static int newsml_write_open(struct na_writer *w)
{
	struct newsml *m = w->priv;
	const char *c = na_ctx_option(w->ctx, "newsml", "container");
	const char *ind = na_ctx_option(w->ctx, "newsml", "indent");
	if (c && !strcmp(c, "item"))
		m->container = C_ITEM;
	else if (c && !strcmp(c, "message"))
		m->container = C_MESSAGE;
	else if (c && strcmp(c, "auto") != 0) {
		na_report(w->ctx, NA_SEV_ERROR, NULL, NULL, "-O newsml:container must be auto, item or message, not '%s'", c);
		m->open_failed = 1;
		return NA_FATAL;
	}
	m->indent = ind && strcmp(ind, "0") != 0;
	/* the time this document is written (header/sent); SOURCE_DATE_EPOCH
	 * makes it reproducible */
	time_t now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (!*end && v >= 0)
			now = (time_t)v;
	}
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(m->now, sizeof m->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return NA_OK;
}

static void open_message(struct na_writer *w)
{
	struct newsml *m = w->priv;
	struct na_buf *b = na_output_buffer(w->out);
	na_buf_adds(b, prolog);
	na_buf_adds(b, "<newsMessage xmlns=\"" NAR_NS "\">");
	na_buf_adds(b, m->indent ? "\n  <header>\n    <sent>" : "<header><sent>");
	na_buf_adds(b, m->now);
	na_buf_adds(b, m->indent ? "</sent>\n  </header>\n  <itemSet>" : "</sent></header><itemSet>");
	m->message_open = 1;
}

static int newsml_write_article(struct na_writer *w, const struct na_article *a)
{
	struct newsml *m = w->priv;
	unsigned long before = m->dropped;
	struct wr wr = {na_output_buffer(w->out), m, 0};
	if (m->container == C_ITEM) {
		if (w->count > 0) {
			na_report(w->ctx, NA_SEV_ERROR, &a->pos, NULL,
			          "-O newsml:container=item holds one article; this one is not written (use container=message)");
			return NA_FAILED;
		}
		na_buf_adds(wr.b, prolog);
		render_item(&wr, a);
		na_buf_addc(wr.b, '\n');
	} else if (m->container == C_AUTO && w->count == 0) {
		/* hold the first item: alone, it becomes the document */
		wr.b = &m->held;
		render_item(&wr, a);
	} else {
		if (!m->message_open) {
			open_message(w);
			if (m->held.len) {
				/* items declare their own namespaces, so the held text moves
				 * into the message as is, shifted two levels when indenting */
				if (m->indent) {
					na_buf_adds(wr.b, "\n    ");
					for (size_t i = 0; i < m->held.len; i++) {
						if (m->held.p[i] == '\n')
							na_buf_adds(wr.b, "\n    ");
						else
							na_buf_addc(wr.b, m->held.p[i]);
					}
				} else
					na_buf_add(wr.b, m->held.p, m->held.len);
				na_buf_free(&m->held);
			}
		}
		wr.level = 2;
		render_item(&wr, a);
	}
	if (m->dropped > before)
		na_report(w->ctx, NA_SEV_WARNING, &a->pos, NULL,
		          "%lu character(s) that XML 1.0 cannot carry (control characters) dropped",
		          m->dropped - before);
	return na_output_flush_maybe(w->out);
}

static int newsml_write_close(struct na_writer *w)
{
	struct newsml *m = w->priv;
	struct na_buf *b = na_output_buffer(w->out);
	if (m->held.len) {
		na_buf_adds(b, prolog);
		na_buf_add(b, m->held.p, m->held.len);
		na_buf_addc(b, '\n');
	} else if (m->message_open)
		na_buf_adds(b, m->indent ? "\n  </itemSet>\n</newsMessage>\n" : "</itemSet></newsMessage>\n");
	else if (w->count == 0 && !m->open_failed)
		/* a newsMessage needs at least one item: write nothing rather than
		 * an invalid document */
		na_report(w->ctx, NA_SEV_WARNING, NULL, NULL, "no articles: the NewsML-G2 output is empty");
	na_buf_free(&m->held);
	return na_output_flush_maybe(w->out);
}

/* ---- reader: mapping one item ------------------------------------------------ */

static int in_ns(xmlNodePtr n, const char *ns, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && !strcmp((const char *)n->ns->href, ns) &&
	       !strcmp((const char *)n->name, name);
}

static int nar(xmlNodePtr n, const char *name)
{
	return in_ns(n, NAR_NS, name);
}

static xmlNodePtr nar_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (nar(c, name))
			return c;
	return NULL;
}

/* attribute without namespace, or NULL */
static const char *plain_attr(struct na_article *a, xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr at = n ? n->properties : NULL; at; at = at->next)
		if (!at->ns && !strcmp((const char *)at->name, name))
			return na_xml_attr(a, n, name);
	return NULL;
}

/* Text of an element.  Items we wrote (exact) hold the model string as one
 * text node, taken as is: no whitespace normalization, so odd spacing
 * round-trips too; anything else is gathered and normalized. */
static const char *txt(struct na_article *a, xmlNodePtr n, int exact)
{
	xmlNodePtr c = n->children;
	if (exact) {
		if (!c)
			return na_arena_strndup(a->arena, "", 0);
		if (!c->next && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			return na_arena_strdup(a->arena, (const char *)c->content);
	}
	return na_xml_text(a, n);
}

/* Name of a concept: its <name>, else @literal, else (unless NAME_ONLY)
 * @qcode (the code alone with STRIP), else @uri. */
enum { NAME_ONLY = 2, STRIP = 1 };
static const char *concept_name(struct na_article *a, xmlNodePtr n, int mode, int exact)
{
	int strip = mode & STRIP;
	xmlNodePtr nm = nar_child(n, "name");
	if (nm)
		return txt(a, nm, exact);
	const char *v = plain_attr(a, n, "literal");
	if (v || (mode & NAME_ONLY))
		return v;
	if ((v = plain_attr(a, n, "qcode"))) {
		const char *c = strchr(v, ':');
		return strip && c && c[1] ? c + 1 : v;
	}
	return plain_attr(a, n, "uri");
}


/* An element's line, also past 65535 (see sax_start) */
static long node_line(xmlNodePtr n)
{
	if (n && n->type == XML_ELEMENT_NODE && n->line == 65535 && n->psvi)
		return (long)(intptr_t)n->psvi;
	return xmlGetLineNo(n);
}

static int set_date(struct na_reader *r, struct na_article *a, struct na_date *d, const char *s, xmlNodePtr n,
                    const char *field)
{
	if (na_article_set_date(a, d, s, strlen(s)) == 0)
		return 0;
	struct na_pos pos = {na_input_name(r->in), node_line(n), 0, -1};
	na_report(r->ctx, NA_SEV_WARNING, &pos, field, "unparseable date \"%.80s\"; kept as %s_raw", s, field);
	return -1;
}

/* Plain text: paragraphs split at blank lines, or at every line break when
 * the text has no blank line. */
static void plain_blocks(struct na_article *a, const char *s)
{
	int blank = 0;
	for (const char *p = strchr(s, '\n'); p && !blank; p = strchr(p + 1, '\n')) {
		const char *q = p + 1;
		while (*q == ' ' || *q == '\t' || *q == '\r')
			q++;
		blank = *q == '\n';
	}
	const char *p = s;
	while (*p) {
		const char *e = p;
		if (blank) {
			for (;;) {
				const char *nlp = strchr(e, '\n');
				if (!nlp) {
					e += strlen(e);
					break;
				}
				const char *q = nlp + 1;
				while (*q == ' ' || *q == '\t' || *q == '\r')
					q++;
				if (*q == '\n' || !*q) {
					e = nlp;
					break;
				}
				e = nlp + 1;
			}
		} else {
			const char *nlp = strchr(p, '\n');
			e = nlp ? nlp : p + strlen(p);
		}
		size_t n = (size_t)(e - p);
		char *t = na_arena_strndup(a->arena, p, n);
		size_t k = na_text_normalize(t, n);
		if (k)
			na_article_add_block(a, NA_BLOCK_PARAGRAPH, t, k);
		p = *e ? e + 1 : e;
	}
}

static xmlNodePtr first_element(xmlNodePtr n)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

/* The body our writer produces: p, h2, blockquote/p, ul/li, nothing else.
 * Returns 0 (nothing added) when the body holds anything else. */
static int own_blocks(struct na_article *a, xmlNodePtr body)
{
	for (int pass = 0; pass < 2; pass++) {
		for (xmlNodePtr c = body->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			const char *n = (const char *)c->name;
			enum na_block_type t;
			if (!strcmp(n, "p"))
				t = NA_BLOCK_PARAGRAPH;
			else if (!strcmp(n, "h2"))
				t = NA_BLOCK_HEADING;
			else if (!strcmp(n, "blockquote") || !strcmp(n, "ul")) {
				t = n[0] == 'b' ? NA_BLOCK_QUOTE : NA_BLOCK_LIST_ITEM;
				for (xmlNodePtr d = c->children; d; d = d->next) {
					if (d->type != XML_ELEMENT_NODE)
						continue;
					if (strcmp((const char *)d->name, t == NA_BLOCK_QUOTE ? "p" : "li") != 0)
						return 0;
					if (pass) {
						const char *s = txt(a, d, 1);
						na_article_add_block(a, t, s, strlen(s));
					}
				}
				continue;
			} else
				return 0;
			if (pass) {
				const char *s = txt(a, c, 1);
				na_article_add_block(a, t, s, strlen(s));
			}
		}
	}
	return 1;
}

static void map_content(struct na_article *a, xmlNodePtr cs, int *nitf_headline_needed, int exact, int *html)
{
	for (xmlNodePtr c = cs ? cs->children : NULL; c; c = c->next) {
		const char *ct = NULL;
		if (nar(c, "remoteContent")) {
			ct = plain_attr(a, c, "contenttype");
			const char *href = plain_attr(a, c, "href");
			if (!a->url && href && ct && !strncmp(ct, "text/html", 9))
				a->url = href;
			continue;
		}
		if (a->nbody)
			continue; /* the first body-bearing rendition wins */
		if (nar(c, "inlineXML")) {
			xmlNodePtr root = first_element(c);
			if (na_xml_is(root, "nitf")) {
				xmlNodePtr body = na_xml_child(root, "body");
				xmlNodePtr head = na_xml_child(body, "body.head");
				if (*nitf_headline_needed) {
					xmlNodePtr hl = na_xml_child(na_xml_child(head, "hedline"), "hl1");
					if (hl) {
						a->headline = na_xml_text(a, hl);
						*nitf_headline_needed = 0;
					}
				}
				na_xml_blocks(a, na_xml_child(body, "body.content"));
			} else if (na_xml_is(root, "html")) {
				xmlNodePtr body = na_xml_child(root, "body");
				if (!(exact && body && own_blocks(a, body)))
					na_xml_blocks(a, body);
			} else if (root) {
				na_xml_blocks(a, c);
			}
		} else if (nar(c, "inlineData")) {
			ct = plain_attr(a, c, "contenttype");
			xmlChar *t = xmlNodeGetContent(c);
			if (!t)
				continue;
			if (ct && (strstr(ct, "html"))) {
				na_html_fragment_blocks(a, (const char *)t, strlen((const char *)t));
				*html = 1;
			}
			else if (!ct || !strncmp(ct, "text/", 5))
				plain_blocks(a, (const char *)t);
			xmlFree(t);
		}
	}
}

static int map_record_ext(struct na_reader *r, struct na_article *a, xmlNodePtr rec)
{
	int warn = 0;
	for (xmlNodePtr c = rec->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !in_ns(c, NAX_NS, (const char *)c->name))
			continue;
		const char *name = (const char *)c->name;
		if (!strcmp(name, "noId")) {
			a->id = NULL;
			continue;
		}
		const char *key = plain_attr(a, c, !strcmp(name, "field") ? "name" : !strcmp(name, "extra") ? "key" : "field");
		if (!key)
			continue;
		xmlChar *raw = xmlNodeGetContent(c);
		const char *v = na_arena_strdup(a->arena, raw ? (const char *)raw : "");
		xmlFree(raw);
		struct na_date *d = !strcmp(key, "published") ? &a->published : !strcmp(key, "modified") ? &a->modified : NULL;
		if (!strcmp(name, "field")) {
			if (!strcmp(key, "id"))
				a->id = v;
			else if (!strcmp(key, "url"))
				a->url = v;
			else if (!strcmp(key, "language"))
				a->language = v;
			else if (!strcmp(key, "section"))
				a->section = v;
		} else if (!strcmp(name, "date") && d) {
			warn |= set_date(r, a, d, v, c, key) != 0;
		} else if (!strcmp(name, "raw") && d) {
			d->raw = v;
		} else if (!strcmp(name, "extra")) {
			/* the JSON text is checked: a hand-made document must not turn
			 * into a broken JSONL record */
			struct na_json_error err;
			struct na_json *j = na_json_parse(a->arena, v, strlen(v), r->ctx->limits.max_depth, 1, &err);
			if (!j) {
				struct na_pos pos = {na_input_name(r->in), node_line(c), 0, -1};
				na_report(r->ctx, NA_SEV_WARNING, &pos, key, "nax:extra is not JSON (%s); dropped", err.message);
				warn = 1;
				continue;
			}
			size_t n;
			char *json = na_json_dump(a->arena, j, &n);
			na_article_add_extra(a, key, json, n);
		}
	}
	return warn;
}

static int map_item(struct na_reader *r, xmlNodePtr item, struct na_article *a)
{
	int warn = 0;
	a->pos = (struct na_pos){na_input_name(r->in), node_line(item), 0, -1};
	xmlNodePtr im = nar_child(item, "itemMeta"), cm = nar_child(item, "contentMeta");
	if (!im) {
		/* itemMeta (itemClass, provider, versionCreated) is required */
		na_report(r->ctx, NA_SEV_ERROR, &a->pos, NULL, "newsItem without itemMeta: not a NewsML-G2 item; rejected");
		return NA_FAILED;
	}
	xmlNodePtr rec = NULL;
	for (xmlNodePtr c = cm ? cm->children : NULL; c && !rec; c = c->next)
		if (in_ns(c, NAX_NS, "record"))
			rec = c;
	int exact = rec != NULL;

	a->id = plain_attr(a, item, "guid");
	xmlNodePtr prov = nar_child(im, "provider");
	if (prov)
		a->source = concept_name(a, prov, 1, exact);
	if (!a->source && nar_child(cm, "infoSource"))
		a->source = concept_name(a, nar_child(cm, "infoSource"), 1, exact);

	xmlNodePtr first_created = nar_child(im, "firstCreated"), version_created = nar_child(im, "versionCreated");
	xmlNodePtr content_created = NULL, content_modified = NULL, located = NULL;
	for (xmlNodePtr c = cm ? cm->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (nar(c, "headline")) {
			const char *role = plain_attr(a, c, "role");
			const char *code = role ? strchr(role, ':') : NULL;
			code = code ? code + 1 : role;
			if (code && (!strcmp(code, "sub") || !strcmp(code, "subhead") || !strcmp(code, "subheadline") ||
			             !strcmp(code, "subtitle"))) {
				if (!a->subheadline)
					a->subheadline = txt(a, c, exact);
			} else if (!a->headline)
				a->headline = txt(a, c, exact);
		} else if (nar(c, "creator")) {
			xmlNodePtr nm = nar_child(c, "name");
			if (nm) {
				const char *s = txt(a, nm, exact);
				na_strlist_push(a, &a->byline, s, strlen(s));
			}
		} else if (nar(c, "dateline")) {
			if (!a->dateline)
				a->dateline = txt(a, c, exact);
		} else if (nar(c, "located")) {
			if (!located)
				located = c;
		} else if (nar(c, "language")) {
			if (!a->language)
				a->language = plain_attr(a, c, "tag");
		} else if (nar(c, "keyword")) {
			const char *s = txt(a, c, exact);
			na_strlist_push(a, &a->keywords, s, strlen(s));
		} else if (nar(c, "subject")) {
			const char *s = concept_name(a, c, 0, exact);
			if (s)
				na_strlist_push(a, &a->subjects, s, strlen(s));
		} else if (nar(c, "contentCreated")) {
			content_created = c;
		} else if (nar(c, "contentModified")) {
			content_modified = c;
		}
	}
	if (!a->byline.n)
		for (xmlNodePtr c = cm ? cm->children : NULL; c; c = c->next)
			if (nar(c, "by")) {
				const char *s = txt(a, c, exact);
				na_strlist_push(a, &a->byline, s, strlen(s));
			}
	if (!a->dateline && located)
		a->dateline = concept_name(a, located, NAME_ONLY, exact); /* a bare qcode is no dateline */
	if (!a->language) {
		xmlChar *lang = xmlNodeGetLang(item);
		if (lang && *lang)
			a->language = na_arena_strdup(a->arena, (const char *)lang);
		xmlFree(lang);
	}

	if (rec) {
		/* our own item: contentCreated/contentModified hold the exact values */
		if (content_created)
			warn |= set_date(r, a, &a->published, txt(a, content_created, exact), content_created, "published");
		if (content_modified)
			warn |= set_date(r, a, &a->modified, txt(a, content_modified, exact), content_modified, "modified");
	} else {
		/* item-level dates first (IPTC: firstCreated is when the item was
		 * first published), content-level dates as fallback; versionCreated
		 * is "modified" only when it differs from the first version */
		xmlNodePtr pn = first_created ? first_created : content_created;
		const char *pub = pn ? na_xml_text(a, pn) : NULL;
		if (pub)
			warn |= set_date(r, a, &a->published, pub, pn, "published");
		const char *vc = version_created ? na_xml_text(a, version_created) : NULL;
		if (vc && (!pub || strcmp(vc, pub) != 0))
			warn |= set_date(r, a, &a->modified, vc, version_created, "modified");
		else if (content_modified)
			warn |= set_date(r, a, &a->modified, txt(a, content_modified, exact), content_modified, "modified");
	}

	int need_headline = !a->headline && !rec;
	struct newsml *m = r->priv;
	m->html_fragment = 0;
	map_content(a, nar_child(item, "contentSet"), &need_headline, exact, &m->html_fragment);
	if (rec)
		warn |= map_record_ext(r, a, rec);
	return warn ? NA_WARN : NA_OK;
}

/* ---- reader: input ------------------------------------------------------------ */

/* libxml2 2.9's character data parser has a fast path for ASCII only: from
 * the first byte >= 0x80 of a text run to its end it goes character by
 * character (xmlParseCharDataComplex -> xmlCurrentChar), three times slower
 * overall on text that is 5% non-ASCII (profile in docs/newsml.md).  So in
 * a plain UTF-8 document the bytes given to libxml2 are an "ASCII view":
 * in every run of character data that is clean (valid UTF-8, only XML
 * characters, no lone CR, no "]]>"), each byte >= 0x80 is replaced by 'x'.
 * Markup (tags, attribute values, comments, CDATA, PIs) is never touched,
 * so libxml2 parses the same structure and still checks all of it; the
 * checks it no longer makes on masked bytes (UTF-8, Char) were made here
 * first.  The text nodes are built from the original bytes: a characters
 * callback pointing into the input buffer is mapped through the byte
 * offset (input->consumed + distance from input->base) to our copy of the
 * raw input.  Anything unusual switches the view off for the document: a
 * transport charset, an encoding other than UTF-8, a BOM other than
 * UTF-8's, a DOCTYPE (entities), a text run longer than RUN_MAX.  Column
 * numbers of errors after masked text on the same line count bytes. */
#define READ_CHUNK (64 * 1024)
#define RUN_MAX (1024 * 1024)

enum { LX_TEXT, LX_TAG, LX_SQ, LX_DQ, LX_COMMENT, LX_CDATA, LX_PI, LX_OFF };

static int has_prefix(const unsigned char *p, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	return n >= k && !memcmp(p, pre, k);
}

/* Is the document plain UTF-8 (no other encoding declared or detected)? */
static int plain_utf8(const unsigned char *p, size_t n, const char *charset)
{
	if (charset)
		return 0;
	if (has_prefix(p, n, "\xEF\xBB\xBF")) {
		p += 3;
		n -= 3;
	}
	if (!has_prefix(p, n, "<?xml"))
		return n > 0 && (p[0] == '<' || p[0] == ' ' || p[0] == '\t' || p[0] == '\n' || p[0] == '\r');
	const unsigned char *end = memmem(p, n, "?>", 2);
	if (!end)
		return 0;
	const unsigned char *e = memmem(p, (size_t)(end - p), "encoding", 8);
	if (!e)
		return 1;
	e += 8;
	while (e < end && (*e == ' ' || *e == '=' || *e == '\t' || *e == '\n' || *e == '\r'))
		e++;
	if (e >= end || (*e != '"' && *e != '\''))
		return 0;
	e++;
	size_t left = (size_t)(end - e);
	return (left > 5 && !strncasecmp((const char *)e, "utf-8", 5) && (e[5] == '"' || e[5] == '\'')) ||
	       (left > 4 && !strncasecmp((const char *)e, "utf8", 4) && (e[4] == '"' || e[4] == '\''));
}

/* Index of the first of the bytes a, b, c in p[0..n), or n. */
static size_t find3(const unsigned char *p, size_t n, unsigned char a, unsigned char b, unsigned char c)
{
	size_t k = 0;
#ifdef __SSE2__
	const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
	for (; k + 16 <= n; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + k));
		int bits = _mm_movemask_epi8(
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)), _mm_cmpeq_epi8(v, vc)));
		if (bits)
			return k + (size_t)__builtin_ctz((unsigned)bits);
	}
#endif
	for (; k < n; k++)
		if (p[k] == a || p[k] == b || p[k] == c)
			return k;
	return n;
}

/* Newlines in [m->nl_scan, to): a line starts after them. */
static void scan_newlines(struct newsml *m, unsigned long to)
{
	if (to <= m->nl_scan)
		return;
	const unsigned char *p = m->lex_base + (m->nl_scan - m->lex_off);
	const unsigned char *nl = memchr(p, '\n', (size_t)(to - m->nl_scan));
	if (nl) {
		if (m->rlen > m->rhead && m->runs[m->rlen - 1].first_nl == ULONG_MAX)
			m->runs[m->rlen - 1].first_nl = m->nl_scan + (unsigned long)(nl - p);
		m->line_extra = 0;
	}
	m->nl_scan = to;
}

/* A masked run [at, at+len) with `extra` continuation bytes after its last newline. */
static void note_run(struct newsml *m, unsigned long at, size_t len, int has_nl, size_t extra)
{
	scan_newlines(m, at);
	if (has_nl) {
		if (m->rlen > m->rhead && m->runs[m->rlen - 1].first_nl == ULONG_MAX)
			m->runs[m->rlen - 1].first_nl = at; /* exact enough: errors are never inside a run */
		m->line_extra = 0;
	}
	m->line_extra += extra;
	m->nl_scan = at + len;
	if (m->rlen == m->rcap) {
		if (m->rhead) {
			memmove(m->runs, m->runs + m->rhead, (m->rlen - m->rhead) * sizeof *m->runs);
			m->rlen -= m->rhead;
			m->rhead = 0;
		}
		if (m->rlen == m->rcap) {
			m->rcap = m->rcap ? m->rcap * 2 : 64;
			m->runs = na_xrealloc(m->runs, m->rcap * sizeof *m->runs);
		}
	}
	m->runs[m->rlen++] = (struct mrun){at + len, ULONG_MAX, m->line_extra};
}

/* Bits set in a 16-bit mask (baseline x86-64 has no popcnt instruction:
 * __builtin_popcount would be a libgcc call). */
static inline size_t bits16(unsigned b)
{
	b = b - ((b >> 1) & 0x5555);
	b = (b & 0x3333) + ((b >> 2) & 0x3333);
	b = (b + (b >> 4)) & 0x0F0F;
	return (b + (b >> 8)) & 0x1F;
}

/* Mask a complete run of character data when it is clean; see above. */
static void mask_run(struct newsml *m, unsigned char *s, size_t len)
{
	size_t k = 0, next = 0; /* next: the first byte not yet validated */
	int any = 0;
#ifdef __SSE2__
	/* 16 bytes at a time while there is no control character, CR or ']':
	 * only the bytes >= 0x80 are looked at, each sequence decoded once */
	const __m128i sp = _mm_set1_epi8(0x20), zero = _mm_setzero_si128(), tab = _mm_set1_epi8('\t'),
	              lf = _mm_set1_epi8('\n'), br = _mm_set1_epi8(']');
	for (; k + 16 <= len; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + k));
		__m128i hi = _mm_cmplt_epi8(v, zero);
		__m128i bad = _mm_andnot_si128(hi, _mm_cmplt_epi8(v, sp));
		bad = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)), bad);
		if (_mm_movemask_epi8(_mm_or_si128(bad, _mm_cmpeq_epi8(v, br))))
			break;
		unsigned bits = (unsigned)_mm_movemask_epi8(hi);
		if (next > k) /* the tail of a sequence begun in the last block */
			bits &= ~0u << (next - k);
		while (bits) {
			size_t at = k + (size_t)__builtin_ctz(bits);
			size_t l = na_xml_utf8_len(s + at, len - at);
			if (!l)
				return;
			next = at + l;
			any = 1;
			bits = next - k >= 16 ? 0 : bits & (~0u << (next - k));
		}
	}
#endif
	for (k = k > next ? k : next; k < len;) {
		unsigned c = s[k];
		if (c >= 0x80) {
			size_t l = na_xml_utf8_len(s + k, len - k);
			if (!l)
				return;
			k += l;
			any = 1;
			continue;
		}
		if (c < 0x20) {
			if (c == '\r' ? k + 1 >= len || s[k + 1] != '\n' : c != '\t' && c != '\n')
				return;
		} else if (c == ']' && k + 2 < len && s[k + 1] == ']' && s[k + 2] == '>')
			return;
		k++;
	}
	if (!any)
		return;
	/* for error columns: the continuation bytes (each counted as a character
	 * by libxml2) on the line the run ends on */
	const unsigned char *nl = memrchr(s, '\n', len);
	size_t from = nl ? (size_t)(nl - s) + 1 : 0, extra = 0;
	k = 0;
#ifdef __SSE2__
	const __m128i x = _mm_set1_epi8('x'), c0 = _mm_set1_epi8((char)0xC0), c8 = _mm_set1_epi8((char)0x80);
	for (; k + 16 <= len; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + k));
		__m128i h = _mm_cmplt_epi8(v, zero);
		if (k >= from)
			extra += bits16((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, c0), c8)));
		else
			for (size_t q = from; q < k + 16; q++)
				extra += (s[q] & 0xC0) == 0x80;
		_mm_storeu_si128((__m128i *)(s + k), _mm_or_si128(_mm_andnot_si128(h, v), _mm_and_si128(h, x)));
	}
#endif
	for (; k < len; k++)
		if (s[k] >= 0x80) {
			extra += k >= from && (s[k] & 0xC0) == 0x80;
			s[k] = 'x';
		}
	m->masked = 1;
	note_run(m, (unsigned long)(s - m->lex_base) + m->lex_off, len, nl != NULL, extra);
}

/* Lex p[0..n) (masking clean text runs in place); returns how many bytes
 * may go to libxml2 now, the rest is carried to the next chunk. */
static size_t lex_run(struct newsml *m, unsigned char *p, size_t n, int final);

static size_t lex(struct newsml *m, unsigned char *p, size_t n, int final)
{
	m->lex_base = p;
	size_t c = lex_run(m, p, n, final);
	scan_newlines(m, m->lex_off + c);
	return c;
}

static size_t lex_run(struct newsml *m, unsigned char *p, size_t n, int final)
{
	size_t i = 0;
	while (i < n) {
		switch (m->lx) {
		case LX_OFF:
			return n;
		case LX_TEXT: {
			size_t e = i + find3(p + i, n - i, '<', '&', '<');
			if (e == n && !final) {
				if (!m->raw_run && n - i < RUN_MAX)
					return i; /* wait for the end of the run */
				m->raw_run = 1; /* too long: given as is */
				return n;
			}
			if (m->seen_tag && !m->raw_run)
				mask_run(m, p + i, e - i);
			m->raw_run = 0;
			i = e;
			if (i == n)
				return n;
			if (p[i] == '&') {
				/* a reference's name is not text: never masked, so an
				 * undefined &é; is reported under its own name */
				size_t e = i + 1;
				while (e < n && e - i < 64 && p[e] != ';' && p[e] != '<' && p[e] != '&')
					e++;
				if (e == n && !final && e - i < 64)
					return i;
				i = e < n && p[e] == ';' ? e + 1 : e;
				break;
			}
			if (n - i < 9 && !final)
				return i;
			if (has_prefix(p + i, n - i, "<!--")) {
				m->lx = LX_COMMENT;
				i += 4;
			} else if (has_prefix(p + i, n - i, "<![CDATA[")) {
				m->lx = LX_CDATA;
				i += 9;
			} else if (has_prefix(p + i, n - i, "<?")) {
				m->lx = LX_PI;
				i += 2;
			} else if (has_prefix(p + i, n - i, "<!")) {
				m->lx = LX_OFF; /* DOCTYPE and the like: no view for this document */
				return n;
			} else {
				m->lx = LX_TAG;
				m->seen_tag = 1;
				i++;
			}
			break;
		}
		case LX_TAG:
			i += find3(p + i, n - i, '>', '"', '\'');
			if (i == n)
				return n;
			m->lx = p[i] == '>' ? LX_TEXT : p[i] == '"' ? LX_DQ : LX_SQ;
			i++;
			break;
		case LX_SQ:
		case LX_DQ: {
			const unsigned char *q = memchr(p + i, m->lx == LX_DQ ? '"' : '\'', n - i);
			if (!q)
				return n;
			i = (size_t)(q - p) + 1;
			m->lx = LX_TAG;
			break;
		}
		default: {
			const char *end = m->lx == LX_COMMENT ? "-->" : m->lx == LX_CDATA ? "]]>" : "?>";
			size_t el = strlen(end);
			const unsigned char *q = memmem(p + i, n - i, end, el);
			if (!q) {
				if (final || n - i < el)
					return final ? n : i;
				return n - (el - 1); /* the terminator may straddle chunks */
			}
			i = (size_t)(q - p) + el;
			m->lx = LX_TEXT;
			break;
		}
		}
	}
	return n;
}

/* Keep the original bytes libxml2 may still point into. */
static void raw_trim(struct newsml *m)
{
	xmlParserInputPtr in = m->pc ? m->pc->input : NULL;
	if (!in || m->pc->inputNr != 1 || in->consumed <= m->raw_base)
		return;
	/* runs wholly before the parser but the last one are done with */
	while (m->rlen - m->rhead > 1 && m->runs[m->rhead + 1].end <= in->consumed)
		m->rhead++;
	size_t drop = (size_t)(in->consumed - m->raw_base);
	if (drop > m->raw.len)
		drop = m->raw.len;
	if (drop < m->raw.len / 2 && drop < READ_CHUNK)
		return;
	memmove(m->raw.p, m->raw.p + drop, m->raw.len - drop);
	m->raw.len -= drop;
	m->raw_base += drop;
}

/* Give libxml2 what the lexer released from the work buffer. */
static void feed(struct newsml *m, int final)
{
	size_t n = m->work_len, c = n;
	if (m->ascii) {
		size_t before = m->raw.len;
		na_buf_add(&m->raw, (const char *)m->work, n);
		m->lex_off = m->raw_base + before;
		c = lex(m, m->work, n, final);
		m->raw.len = before + c;
	}
	if ((c || final) && xmlParseChunk(m->pc, (const char *)m->work, (int)c, final) == XML_ERR_INVALID_ENCODING)
		m->halted = 1;
	memmove(m->work, m->work + c, n - c);
	m->work_len = n - c;
	if (m->ascii)
		raw_trim(m);
}

/* ---- reader: streaming ------------------------------------------------------ */

/* libxml2's SAX2 push parser with its own tree-building callbacks wrapped:
 * the tree under a newsMessage is cut at every item end (the finished
 * newsItem is unlinked and queued, everything else freed), so memory stays
 * bounded by the largest item. */

static struct newsml *sax_owner(void *ctx)
{
	xmlParserCtxtPtr pc = ctx;
	return (struct newsml *)((char *)pc->_private - offsetof(struct newsml, err));
}

static void sax_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr pc = ctx;
	if (!pc || !pc->_private)
		return; /* raised while the context is created: the parse fails later and says so */
	struct newsml *m = sax_owner(ctx);
	if (e && ctx == m->pc && m->masked && pc->inputNr == 1 && pc->input && e->int2 > 1) {
		/* libxml2 counted each masked byte as a character: take back the
		 * continuation bytes masked on this line before the error */
		unsigned long at = pc->input->consumed + (unsigned long)(pc->input->cur - pc->input->base);
		size_t i = m->rlen;
		while (i > m->rhead && m->runs[i - 1].end > at)
			i--;
		if (i > m->rhead && m->runs[i - 1].first_nl >= at && m->runs[i - 1].extra < (size_t)e->int2) {
			xmlError fixed = *e;
			fixed.int2 -= (int)m->runs[i - 1].extra;
			na_xml_error_handler(&m->err, &fixed);
			return;
		}
	}
	na_xml_error_handler(&m->err, e);
}

static void sax_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Character data arrives in pieces (an entity reference splits it); the tree
 * builder would grow the text node with a realloc per piece, so the pieces
 * are gathered here and given to it at the next event (10% of the CPU time
 * on text with a few escapes). */
static void flush_text(struct newsml *m)
{
	if (!m->text.len)
		return;
	na_buf_reserve(&m->text, 1);
	m->text.p[m->text.len] = 0;
	xmlSAX2Characters(m->pc, (const xmlChar *)m->text.p, (int)m->text.len);
	m->text.len = 0;
}

static void sax_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr pc = ctx;
	struct newsml *m = sax_owner(ctx);
	if (pc != m->pc) { /* an entity's content */
		xmlSAX2Characters(ctx, ch, len);
		return;
	}
	if (m->masked && pc->inputNr == 1 && len > 0) {
		/* text from the input buffer: the original bytes of the same offsets */
		xmlParserInputPtr in = pc->input;
		if (in && ch >= in->base && ch + len <= in->end) {
			unsigned long off = in->consumed + (unsigned long)(ch - in->base);
			if (off >= m->raw_base && off - m->raw_base + (size_t)len <= m->raw.len)
				ch = (const xmlChar *)m->raw.p + (off - m->raw_base);
		}
	}
	if (len > 0)
		na_buf_add(&m->text, ch, (size_t)len);
}

/* Blanks libxml2 found ignorable: the tree builder drops them, but not
 * after text (it checks the last child, which the gathered text will be). */
static void sax_blanks(void *ctx, const xmlChar *ch, int len)
{
	struct newsml *m = sax_owner(ctx);
	if (ctx == m->pc && m->text.len)
		sax_characters(ctx, ch, len);
}

static void sax_comment(void *ctx, const xmlChar *v)
{
	struct newsml *m = sax_owner(ctx);
	if (ctx == m->pc)
		flush_text(m);
	xmlSAX2Comment(ctx, v);
}

static void sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	struct newsml *m = sax_owner(ctx);
	if (ctx == m->pc)
		flush_text(m);
	xmlSAX2ProcessingInstruction(ctx, target, data);
}

static void sax_reference(void *ctx, const xmlChar *name)
{
	struct newsml *m = sax_owner(ctx);
	if (ctx == m->pc)
		flush_text(m);
	xmlSAX2Reference(ctx, name);
}

static void sax_end_document(void *ctx)
{
	struct newsml *m = sax_owner(ctx);
	if (ctx == m->pc)
		flush_text(m);
	xmlSAX2EndDocument(ctx);
}

static void skip_warning(struct na_reader *r, long line, const char *name)
{
	struct na_pos pos = {na_input_name(r->in), line, 0, -1};
	na_report(r->ctx, NA_SEV_WARNING, &pos, NULL, "%s skipped: only newsItem carries an article", name);
}

/* free every child of n (all finished: n is the innermost open element) */
static void free_children(xmlNodePtr n)
{
	xmlNodePtr c = n ? n->children : NULL;
	while (c) {
		xmlNodePtr next = c->next;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
		c = next;
	}
}

static void enqueue(struct newsml *m, xmlNodePtr n)
{
	if (m->qhead == m->qlen)
		m->qhead = m->qlen = 0;
	if (m->qlen == m->qcap) {
		m->qcap = m->qcap ? m->qcap * 2 : 16;
		m->queue = na_xrealloc(m->queue, m->qcap * sizeof *m->queue);
	}
	m->queue[m->qlen++] = n;
}

static void sax_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns,
                      const xmlChar **nss, int nattr, int ndef, const xmlChar **attrs)
{
	xmlParserCtxtPtr pc = ctx;
	struct newsml *m = sax_owner(ctx);
	if (pc == m->pc)
		flush_text(m);
	xmlSAX2StartElementNs(ctx, name, prefix, uri, nns, nss, nattr, ndef, attrs);
	if (pc != m->pc)
		return; /* an entity's content */
	/* libxml2 keeps an element's line in 16 bits (65535 past that): keep
	 * the whole number where nothing else looks, for node_line */
	if (pc->node && pc->input && pc->input->line >= 65535)
		pc->node->psvi = (void *)(intptr_t)pc->input->line;
	int depth = m->depth++;
	const char *nm = (const char *)name;
	int g2 = uri && !strcmp((const char *)uri, NAR_NS);
	if (depth == 0) {
		/* the prolog is parsed by now: name the external entities we refused */
		na_xml_warn_external(&m->err, pc->myDoc);
		if (g2 && !strcmp(nm, "newsMessage")) {
			m->state = 1;
			return;
		}
		if (g2 && !strcmp(nm, "newsItem")) {
			m->state = 3; /* one item per document */
			return;
		}
		int known = 0;
		for (size_t k = 0; k < NA_ARRAY_SIZE(item_roots); k++)
			known |= g2 && !strcmp(nm, item_roots[k]);
		long line = pc->node ? node_line(pc->node) : 0;
		if (known) {
			skip_warning(m->r, line, nm);
		} else {
			struct na_pos pos = {na_input_name(m->r->in), line, 0, -1};
			na_report(m->r->ctx, NA_SEV_ERROR, &pos, NULL,
			          "root element <%s> is not a NewsML-G2 item or newsMessage (namespace " NAR_NS ")", nm);
			m->fatal = 1;
		}
		m->state = 2;
		xmlStopParser(pc);
		return;
	}
	if (m->state != 1)
		return;
	if (depth == 1)
		m->in_header = g2 && !strcmp(nm, "header"); /* nothing for the model */
	else if (depth == 2 && !m->in_header && g2 && strcmp(nm, "newsItem") != 0)
		skip_warning(m->r, pc->node ? node_line(pc->node) : 0, nm);
}

static void sax_end(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr pc = ctx;
	struct newsml *m = sax_owner(ctx);
	if (pc == m->pc)
		flush_text(m);
	xmlNodePtr cur = pc->node;
	xmlSAX2EndElementNs(ctx, name, prefix, uri);
	if (pc != m->pc)
		return;
	int depth = --m->depth;
	if (m->state == 3 && depth == 0) {
		/* the root newsItem */
		xmlUnlinkNode(cur);
		enqueue(m, cur);
		m->state = 2;
		return;
	}
	if (m->state != 1 || depth < 1 || depth > 2)
		return;
	if (depth == 2 && !m->in_header && cur && nar(cur, "newsItem")) {
		xmlUnlinkNode(cur);
		enqueue(m, cur);
	}
	/* depth 2: the finished item's siblings; depth 1: the header or itemSet
	 * just closed */
	if (depth == 1 || !m->in_header)
		free_children(pc->node);
	if (depth == 1)
		m->in_header = 0;
}

/* ---- reader: the fast path ------------------------------------------------- */

/* A plain UTF-8 document up to this size (every chunk of a cut newsMessage,
 * the usual newsItem file) is parsed whole by core/xmlfast.c; below
 * RUN_MAX, so no text run is one the ASCII view would leave unmasked. */
#define FAST_MAX (RUN_MAX - 4096)

/* What the SAX callbacks keep of a parsed document: the root newsItem, or
 * the G2 elements among a newsMessage's grandchildren (the header's aside),
 * unlinked as sax_end unlinks them; read_next maps the newsItems and names
 * the other items as skipped, in document order. */
static void fast_queue(struct newsml *m, xmlNodePtr root)
{
	if (nar(root, "newsItem")) {
		enqueue(m, root);
		return;
	}
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || nar(c, "header"))
			continue;
		for (xmlNodePtr d = c->children; d; d = d->next)
			if (d->type == XML_ELEMENT_NODE && d->ns && !strcmp((const char *)d->ns->href, NAR_NS))
				enqueue(m, d);
	}
	for (size_t i = 0; i < m->qlen; i++)
		m->queue[i]->parent = m->queue[i]->next = m->queue[i]->prev = NULL;
}

/* 1 when the whole input was parsed by the fast path; 0 leaves it untouched
 * for libxml2 (too large, another encoding, a document xmlfast leaves to
 * libxml2, a root the SAX callbacks report on). */
static int fast_open(struct na_reader *r, struct newsml *m)
{
	const char *opt = na_ctx_option(r->ctx, "newsml", "parser");
	if ((opt && !strcmp(opt, "libxml2")) || na_input_charset(r->in))
		return 0;
	size_t n;
	const unsigned char *p = na_input_peek(r->in, FAST_MAX + 1, &n);
	if (!n || n > FAST_MAX || !na_input_eof(r->in))
		return 0; /* a window cut short by --max-record or a read error is libxml2's */
	m->fast = na_arena_new_min(n + n / 2 + 4096);
	xmlNodePtr root = na_xmlfast_parse(m->fast, p, n);
	if (!root || !(nar(root, "newsItem") || nar(root, "newsMessage"))) {
		na_arena_free(m->fast);
		m->fast = NULL;
		return 0;
	}
	fast_queue(m, root);
	na_input_skip(r->in, n);
	m->state = 2;
	return 1;
}

static int newsml_read_open(struct na_reader *r)
{
	struct newsml *m = r->priv;
	m->r = r;
	if (fast_open(r, m))
		return NA_OK;
	m->err = (struct na_xml_err){.ctx = r->ctx, .file = na_input_name(r->in)};
	na_xml_init();
	xmlSAXHandler h;
	memset(&h, 0, sizeof h);
	xmlSAXVersion(&h, 2);
	h.startElementNs = sax_start;
	h.endElementNs = sax_end;
	h.characters = sax_characters;
	h.comment = sax_comment;
	h.processingInstruction = sax_pi;
	h.reference = sax_reference;
	h.endDocument = sax_end_document;
	h.serror = sax_error;
	/* every error goes through serror; nothing is printed */
	h.warning = sax_quiet;
	h.error = sax_quiet;
	h.fatalError = sax_quiet;
	m->work = na_xmalloc(RUN_MAX + READ_CHUNK);
	long k = 0, got;
	while (k < READ_CHUNK && (got = na_input_read(r->in, m->work + k, (size_t)(READ_CHUNK - k))) > 0)
		k += got;
	if (k < READ_CHUNK && got < 0)
		k = -1;
	const char *enc = na_input_charset(r->in);
	m->ascii = k > 0 && plain_utf8(m->work, (size_t)k, enc);
	/* the first bytes pick the encoding */
	size_t first = k > 4 ? 4 : k > 0 ? (size_t)k : 0;
	if (m->ascii) {
		/* the whole first chunk goes through the lexer before any of it goes to libxml2 */
		na_buf_add(&m->raw, (const char *)m->work, (size_t)k);
		size_t c = lex(m, m->work, (size_t)k, 0);
		m->raw.len = c;
		first = c > 4 ? 4 : c;
		m->work_len = (size_t)k;
	} else
		m->work_len = k > 0 ? (size_t)k : 0;
	m->pc = xmlCreatePushParserCtxt(&h, NULL, first ? (const char *)m->work : NULL, (int)first, m->err.file);
	if (!m->pc || k < 0) {
		struct na_pos pos = {na_input_name(r->in), 0, 0, -1};
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, k < 0 ? "cannot read the input" : "cannot start the XML parser");
		return NA_FATAL;
	}
	/* the error collector, also for the refused external entities */
	m->pc->_private = &m->err;
	xmlCtxtUseOptions(m->pc, NA_XML_OPTIONS | (enc ? XML_PARSE_IGNORE_ENC : 0));
	m->pc->sax->ignorableWhitespace = sax_blanks; /* NOBLANKS set xmlSAX2IgnorableWhitespace */
	if (enc) {
		xmlCharEncodingHandlerPtr hd = xmlFindCharEncodingHandler(enc);
		if (hd)
			xmlSwitchToEncoding(m->pc, hd);
	}
	/* the lexed part of the first chunk, past the first bytes */
	size_t c = m->ascii ? m->raw.len : m->work_len;
	if (c > first && xmlParseChunk(m->pc, (const char *)m->work + first, (int)(c - first), 0) == XML_ERR_INVALID_ENCODING)
		m->halted = 1;
	memmove(m->work, m->work + c, m->work_len - c);
	m->work_len -= c;
	if (m->ascii)
		raw_trim(m);
	return NA_OK;
}

static int parse_failed(struct na_reader *r, struct newsml *m)
{
	if (!m->err.errors) {
		xmlParserInputPtr in = m->pc ? m->pc->input : NULL;
		struct na_pos pos = {na_input_name(r->in), in ? in->line : 0, in ? in->col : 0, -1};
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "XML is not well-formed");
	}
	m->state = 2;
	return NA_FATAL;
}

static int item(struct na_reader *r, struct newsml *m, xmlNodePtr n, struct na_article *a)
{
	int st = map_item(r, n, a);
	if (st == NA_FAILED) {
		if (!m->rejected)
			m->rejected = xmlBufferCreate();
		else
			xmlBufferEmpty(m->rejected);
		if (m->rejected && xmlNodeDump(m->rejected, n->doc, n, 0, 0) >= 0) {
			r->rejected = (const char *)xmlBufferContent(m->rejected);
			r->rejected_len = (size_t)xmlBufferLength(m->rejected);
		}
	}
	return st;
}

static int newsml_read_next(struct na_reader *r, struct na_article *a)
{
	struct newsml *m = r->priv;
	for (;;) {
		if (m->qhead < m->qlen) {
			xmlNodePtr n = m->queue[m->qhead++];
			if (m->fast && !nar(n, "newsItem")) {
				skip_warning(r, node_line(n), (const char *)n->name);
				continue;
			}
			int st = item(r, m, n, a);
			if (m->fast)
				r->utf8_valid = !m->html_fragment; /* xmlfast checked every byte */
			else
				xmlFreeNode(n);
			return st;
		}
		if (m->fast)
			return NA_EOF;
		if (!m->pc || m->fatal)
			return NA_FATAL;
		if (m->state == 2) /* skipped root, root newsItem done, or failed */
			return NA_EOF;
		/* after the items finished before the error; libxml2 also halts
		 * without clearing wellFormed (an encoder error) */
		if (!m->pc->wellFormed || m->halted || (m->pc->instate == XML_PARSER_EOF && !m->eof))
			return parse_failed(r, m);
		if (m->eof) {
			m->state = 2;
			/* errors libxml2 read past: more input would have been read */
			r->fatal_at_end = m->err.errors > 0;
			return m->err.errors ? NA_FATAL : NA_EOF;
		}
		long k = na_input_read(r->in, m->work + m->work_len, READ_CHUNK);
		if (k < 0) {
			struct na_pos pos = {na_input_name(r->in), 0, 0, -1};
			na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "cannot read the input");
			m->state = 2;
			return NA_FATAL;
		}
		m->eof = k == 0;
		m->work_len += (size_t)k;
		feed(m, m->eof);
	}
}

static void newsml_read_close(struct na_reader *r)
{
	struct newsml *m = r->priv;
	for (size_t i = m->qhead; i < m->qlen && !m->fast; i++)
		xmlFreeNode(m->queue[i]);
	na_arena_free(m->fast);
	free(m->queue);
	if (m->pc) {
		if (m->pc->myDoc)
			xmlFreeDoc(m->pc->myDoc);
		xmlFreeParserCtxt(m->pc);
	}
	free(m->work);
	free(m->runs);
	na_buf_free(&m->raw);
	na_buf_free(&m->text);
	if (m->rejected)
		xmlBufferFree(m->rejected);
}

/* ---- splitting a large newsMessage (--jobs > 1) ------------------------ */

/* libxml2 alone parses about 370 MB/s, so one thread cannot keep up with
 * the writers: a large plain UTF-8 newsMessage is cut between the newsItems
 * of its itemSet and the pieces are parsed in parallel.  Every chunk but
 * the first is read as a document of its own: the XML declaration, the
 * newsMessage and itemSet start tags (newlines made spaces: the prefix adds
 * no line), the chunk's bytes, and but for the last "</itemSet></newsMessage>".
 * The reader takes nothing from the message header or from one item for
 * the next (in_header only skips the header; namespaces come from the start
 * tags, which the prefix repeats), so each item gives what a whole reading
 * gives.  A scan of the whole file first proves the cut safe - comments,
 * CDATA, PIs and quoted attribute values skipped, every end tag matching
 * its start tag, every namespace prefix declared - and gives up (the file
 * is read whole) on anything else: a DOCTYPE (entities), an encoding other
 * than UTF-8, a root other than newsMessage, an unquoted or '<'-holding
 * attribute value, a lone CR, a namespace URI libxml2 might warn about,
 * two prefixed attributes of one local name (libxml2 may find them the
 * same and say so without stopping).  So a non-first chunk can meet no
 * error whose message names a line of its own (a tag mismatch, an
 * unfinished start tag), and only item content can fail there.  The scan
 * is serial work before any chunk is read: memchr-driven, and in two
 * halves at once for large files (see sc_fork). */
#ifdef NA_FUZZ_SMALL_SPLIT
/* the fuzz build (fuzz/fuzz.mk) cuts its small inputs too */
#define SPLIT_CHUNK 512u
#define SCAN_WIN 4096u
#else
#define SPLIT_CHUNK (256u << 10)
#define SCAN_WIN (1u << 20)            /* a tag, comment, CDATA or PI longer than this stops the cut */
#endif
#define TAG_NS_MAX 32                  /* namespace declarations or prefixed names in one tag */

struct scan {
	int fd;
	size_t size;
	unsigned char *w;           /* bytes [wpos, wpos + wlen) of the file */
	size_t wpos, wlen;
	struct na_buf names;        /* open elements' names, end to end */
	size_t *ends;               /* where each ends in names */
	size_t depth, cap;
	struct na_buf ns;           /* declared prefixes, each NUL-terminated */
	struct nsd { size_t off; size_t depth; } *nsv;
	size_t nns, nscap;
	/* [0, tallied) has been looked at for lone CRs */
	size_t tallied;
	int lone_cr;
	struct na_buf pre;          /* XML declaration and newsMessage start tag */
	struct na_buf set;          /* the itemSet start tag */
	size_t set_name_len;
	char *root;                 /* the newsMessage element's name */
	size_t root_len;
	int in_set;                 /* the element open at depth 2 is itemSet */
	char *item;                 /* the first newsItem's name */
	size_t item_len;
	struct na_chunk *v;         /* cuts found: start alone */
	size_t n, vcap;
	size_t last_cut;
	int result;                 /* a second half's sc_run */
};

static int sc_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes of the names taken as they are: ASCII letters, digits, _-.: and
 * everything non-ASCII. */
static const unsigned char sc_name_chars[256] = {
	['-'] = 1, ['.'] = 1, ['0' ... '9'] = 1, [':'] = 1, ['A' ... 'Z'] = 1, ['_'] = 1, ['a' ... 'z'] = 1,
	[0x80 ... 0xFF] = 1,
};

static size_t sc_span(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n && sc_name_chars[p[i]])
		i++;
	return i;
}

/* A name libxml2 takes without a word: at most one colon, inside it. */
static int sc_name_ok(const unsigned char *p, size_t len)
{
	const unsigned char *c = len ? memchr(p, ':', len) : NULL;
	return len && !(p[0] >= '0' && p[0] <= '9') && p[0] != '-' && p[0] != '.' && p[0] != ':' &&
	       p[len - 1] != ':' && (!c || !memchr(c + 1, ':', len - (size_t)(c - p) - 1));
}

/* Lone CRs (libxml2 counts them as line breaks, the engine does not) in
 * p[i..j) of [tallied, upto). */
static void sc_tally_bytes(struct scan *s, const unsigned char *p, size_t i, size_t j, size_t upto)
{
	size_t n = upto - s->tallied;
	for (; i < j; i++) {
		if (p[i] != '\r')
			continue;
		unsigned char next = 0;
		if (i + 1 < n)
			next = p[i + 1];
		else if (upto < s->wpos + s->wlen)
			next = s->w[upto - s->wpos];
		else if (pread(s->fd, &next, 1, (off_t)upto) != 1)
			next = 0;
		s->lone_cr |= next != '\n';
	}
}

/* The same for all of [tallied, upto), which the window holds.  A CR is
 * rare in a newsMessage: 64 bytes are looked at a time. */
static void sc_tally(struct scan *s, size_t upto)
{
	const unsigned char *p = s->w + (s->tallied - s->wpos);
	size_t n = upto - s->tallied, i = 0;
#ifdef __SSE2__
	const __m128i vcr = _mm_set1_epi8('\r');
	for (; i + 64 <= n; i += 64) {
		__m128i a = _mm_loadu_si128((const __m128i *)(p + i)), b = _mm_loadu_si128((const __m128i *)(p + i + 16));
		__m128i c = _mm_loadu_si128((const __m128i *)(p + i + 32)), d = _mm_loadu_si128((const __m128i *)(p + i + 48));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, vcr), _mm_cmpeq_epi8(b, vcr)),
		                         _mm_or_si128(_mm_cmpeq_epi8(c, vcr), _mm_cmpeq_epi8(d, vcr)));
		if (_mm_movemask_epi8(m))
			sc_tally_bytes(s, p, i, i + 64, upto);
	}
#endif
	sc_tally_bytes(s, p, i, n, upto);
	s->tallied = upto;
}

/* Move the window to start at pos (tallying what it leaves); 0 at the end
 * of the file or on a read error (then nothing is cut). */
static size_t sc_refill(struct scan *s, size_t pos)
{
	sc_tally(s, pos);
	s->wpos = pos;
	s->wlen = 0;
	while (s->wlen < SCAN_WIN && pos + s->wlen < s->size) {
		ssize_t k = pread(s->fd, s->w + s->wlen, SCAN_WIN - s->wlen, (off_t)(pos + s->wlen));
		if (k <= 0) {
			if (k < 0 && errno == EINTR)
				continue;
			s->wlen = 0;
			return 0;
		}
		s->wlen += (size_t)k;
	}
	return s->wlen;
}

/* Is the prefix declared (here or on an ancestor)?  "xml" always is. */
static int sc_declared(const struct scan *s, const unsigned char *p, size_t len)
{
	if (len == 3 && !memcmp(p, "xml", 3))
		return 1;
	for (size_t i = s->nns; i-- > 0;) {
		const char *d = s->ns.p + s->nsv[i].off;
		if (strlen(d) == len && !memcmp(d, p, len))
			return 1;
	}
	return 0;
}

/* A namespace name libxml2 takes without a warning: an absolute URI of
 * plain ASCII, not one of the two reserved names. */
static int sc_ns_uri_ok(const unsigned char *v, size_t n, int is_default)
{
	if (!n)
		return is_default;
	size_t i = 0;
	if (!((v[0] >= 'a' && v[0] <= 'z') || (v[0] >= 'A' && v[0] <= 'Z')))
		return 0;
	while (i < n && ((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z') || (v[i] >= '0' && v[i] <= '9') ||
	                 v[i] == '+' || v[i] == '-' || v[i] == '.'))
		i++;
	if (i == n || v[i] != ':')
		return 0;
	for (; i < n; i++) {
		unsigned char c = v[i];
		if (c == '%') {
			if (i + 2 >= n || !isxdigit(v[i + 1]) || !isxdigit(v[i + 2]))
				return 0;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		             strchr("-._~:/?#[]@!$()*+,;=", c)))
			return 0;
	}
	static const char *const reserved[] = {"http://www.w3.org/XML/1998/namespace", "http://www.w3.org/2000/xmlns/"};
	for (size_t k = 0; k < 2; k++)
		if (strlen(reserved[k]) == n && !memcmp(v, reserved[k], n))
			return 0;
	return 1;
}

/* Copy a start tag into b, newlines made spaces. */
static void sc_copy_tag(struct na_buf *b, const unsigned char *p, size_t n)
{
	size_t at = b->len;
	na_buf_add(b, p, n);
	for (size_t i = at; i < b->len; i++)
		if (b->p[i] == '\n' || b->p[i] == '\r')
			b->p[i] = ' ';
}

/* The start tag at p: its length, 0 when the window ends first, -1 when it
 * is not plain enough to cut around. */
static long sc_start_tag(struct scan *s, const unsigned char *p, size_t n, size_t pos)
{
	size_t nl = sc_span(p + 1, n - 1);
	if (1 + nl >= n)
		return 0;
	if (!sc_name_ok(p + 1, nl))
		return -1;
	const unsigned char *name = p + 1;
	size_t i = 1 + nl;
	struct { const unsigned char *p; size_t len; } decl[TAG_NS_MAX], used[TAG_NS_MAX], alocal[TAG_NS_MAX];
	size_t ndecl = 0, nused = 0;
	const unsigned char *colon = memchr(name, ':', nl);
	if (colon) {
		alocal[nused].p = NULL; /* the element's own prefix */
		used[nused].p = name;
		used[nused++].len = (size_t)(colon - name);
		if ((colon - name == 3 && !memcmp(name, "xml", 3)) || (colon - name == 5 && !memcmp(name, "xmlns", 5)))
			return -1;
	}
	int empty = 0;
	for (;;) {
		size_t ws = i;
		while (i < n && sc_ws(p[i]))
			i++;
		if (i >= n)
			return 0;
		if (p[i] == '>') {
			i++;
			break;
		}
		if (p[i] == '/') {
			if (i + 1 >= n)
				return 0;
			if (p[i + 1] != '>')
				return -1;
			i += 2;
			empty = 1;
			break;
		}
		if (ws == i)
			return -1;
		size_t al = sc_span(p + i, n - i);
		if (i + al >= n)
			return 0;
		if (!sc_name_ok(p + i, al))
			return -1;
		const unsigned char *an = p + i;
		i += al;
		if (i >= n)
			return 0;
		while (i < n && sc_ws(p[i]))
			i++;
		if (i >= n)
			return 0;
		if (p[i++] != '=')
			return -1;
		while (i < n && sc_ws(p[i]))
			i++;
		if (i >= n)
			return 0;
		if (p[i] != '"' && p[i] != '\'')
			return -1;
		const unsigned char *q = memchr(p + i + 1, p[i], n - i - 1);
		if (!q)
			return 0;
		const unsigned char *val = p + i + 1;
		size_t vl = (size_t)(q - val);
		if (memchr(val, '<', vl))
			return -1;
		i = (size_t)(q - p) + 1;
		if (al >= 5 && !memcmp(an, "xmlns", 5)) {
			int dflt = al == 5;
			if ((!dflt && an[5] != ':') || !sc_ns_uri_ok(val, vl, dflt) || ndecl == TAG_NS_MAX)
				return -1;
			if (!dflt) {
				const unsigned char *pf = an + 6;
				size_t pl = al - 6;
				if ((pl == 3 && !memcmp(pf, "xml", 3)) || (pl == 5 && !memcmp(pf, "xmlns", 5)))
					return -1;
				for (size_t k = 0; k < ndecl; k++)
					if (decl[k].len == pl && !memcmp(decl[k].p, pf, pl))
						return -1;
				decl[ndecl].p = pf;
				decl[ndecl++].len = pl;
			} else {
				for (size_t k = 0; k < ndecl; k++)
					if (!decl[k].p)
						return -1;
				decl[ndecl].p = NULL;
				decl[ndecl++].len = 0;
			}
			continue;
		}
		const unsigned char *ac = memchr(an, ':', al);
		if (ac) {
			size_t pl = (size_t)(ac - an);
			/* xml:space and xml:id values libxml2 checks (and warns about) */
			if (pl == 3 && !memcmp(an, "xml", 3) &&
			    ((al == 9 && !memcmp(an, "xml:space", 9) && !(vl == 7 && !memcmp(val, "default", 7)) &&
			      !(vl == 8 && !memcmp(val, "preserve", 8))) ||
			     (al == 6 && !memcmp(an, "xml:id", 6))))
				return -1;
			if (nused == TAG_NS_MAX)
				return -1;
			for (size_t k = 0; k < nused; k++)
				if (alocal[k].p && alocal[k].len == al - pl - 1 && !memcmp(alocal[k].p, ac + 1, al - pl - 1))
					return -1;
			alocal[nused].p = ac + 1;
			alocal[nused].len = al - pl - 1;
			used[nused].p = an;
			used[nused++].len = pl;
		}
	}
	/* the tag is whole: now it counts */
	size_t d = s->depth;
	if (d == 0) {
		const unsigned char *local = colon ? colon + 1 : name;
		if (s->root || nl - (size_t)(local - name) != 11 || memcmp(local, "newsMessage", 11) || empty)
			return -1;
		sc_copy_tag(&s->pre, p, i);
		s->root = na_xmalloc(nl);
		memcpy(s->root, name, nl);
		s->root_len = nl;
	}
	for (size_t k = 0; k < ndecl; k++) {
		if (!decl[k].p)
			continue;
		if (s->nns == s->nscap) {
			s->nscap = s->nscap ? s->nscap * 2 : 16;
			s->nsv = na_xrealloc(s->nsv, s->nscap * sizeof *s->nsv);
		}
		s->nsv[s->nns].off = s->ns.len;
		s->nsv[s->nns++].depth = d + 1;
		na_buf_add(&s->ns, decl[k].p, decl[k].len);
		na_buf_addc(&s->ns, 0);
	}
	for (size_t k = 0; k < nused; k++)
		if (!sc_declared(s, used[k].p, used[k].len))
			return -1;
	const unsigned char *local = colon ? colon + 1 : name;
	size_t ll = nl - (size_t)(local - name);
	if (d == 2 && s->in_set && ll == 8 && !memcmp(local, "newsItem", 8)) {
		if (!s->item) {
			s->item = na_xmalloc(nl);
			memcpy(s->item, name, nl);
			s->item_len = nl;
		}
		if (pos - s->last_cut >= SPLIT_CHUNK) {
			s->last_cut = pos;
			if (s->n == s->vcap) {
				s->vcap = s->vcap ? s->vcap * 2 : 64;
				s->v = na_xrealloc(s->v, s->vcap * sizeof *s->v);
			}
			struct na_chunk *c = &s->v[s->n++];
			memset(c, 0, sizeof *c);
			c->start = pos;
		}
	}
	if (empty) {
		while (s->nns && s->nsv[s->nns - 1].depth > d)
			s->ns.len = s->nsv[--s->nns].off;
		return (long)i;
	}
	if (d == 1) {
		s->in_set = ll == 7 && !memcmp(local, "itemSet", 7);
		if (s->in_set && s->set.len)
			return -1; /* a second itemSet: one prefix serves every chunk */
		if (s->in_set) {
			s->set.len = 0;
			sc_copy_tag(&s->set, p, i);
			s->set_name_len = nl;
		}
	}
	if (s->depth == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->ends = na_xrealloc(s->ends, s->cap * sizeof *s->ends);
	}
	na_buf_add(&s->names, name, nl);
	s->ends[s->depth++] = s->names.len;
	return (long)i;
}

/* The end tag at p, which must close the innermost open element. */
static long sc_end_tag(struct scan *s, const unsigned char *p, size_t n)
{
	if (!s->depth)
		return -1;
	size_t from = s->depth > 1 ? s->ends[s->depth - 2] : 0, nl = s->ends[s->depth - 1] - from;
	if (n < nl + 3)
		return 0;
	if (memcmp(p + 2, s->names.p + from, nl) || sc_name_chars[p[2 + nl]])
		return -1;
	size_t i = 2 + nl;
	while (i < n && sc_ws(p[i]))
		i++;
	if (i >= n)
		return 0;
	if (p[i] != '>')
		return -1;
	s->depth--;
	s->names.len = from;
	while (s->nns && s->nsv[s->nns - 1].depth > s->depth)
		s->ns.len = s->nsv[--s->nns].off;
	if (s->depth == 1)
		s->in_set = 0;
	return (long)i + 1;
}

/* The markup at p ('<'): its length, 0 when the window ends first, -1 to
 * give up. */
static long sc_markup(struct scan *s, const unsigned char *p, size_t n, size_t pos)
{
	if (n < 2)
		return 0;
	const char *close = NULL;
	size_t skip = 0;
	if (p[1] == '/')
		return sc_end_tag(s, p, n);
	if (p[1] == '?') {
		/* an XML declaration anywhere but at the start is an error */
		if (n < 6)
			return 0;
		if (!strncasecmp((const char *)p + 2, "xml", 3) && (sc_ws(p[5]) || p[5] == '?'))
			return -1;
		close = "?>";
		skip = 2;
	} else if (p[1] == '!') {
		if (n < 9)
			return 0;
		if (!memcmp(p, "<!--", 4)) {
			close = "-->";
			skip = 4;
		} else if (!memcmp(p, "<![CDATA[", 9) && s->depth) {
			close = "]]>";
			skip = 9;
		} else
			return -1; /* DOCTYPE, or markup declarations */
	} else
		return sc_start_tag(s, p, n, pos);
	const unsigned char *e = memmem(p + skip, n - skip, close, strlen(close));
	return e ? (long)(e - p) + (long)strlen(close) : 0;
}

/* The XML declaration at the file's start, if any: version 1.0, UTF-8. */
static long sc_decl(struct scan *s, const unsigned char *p, size_t n)
{
	if (n < 6 || memcmp(p, "<?xml", 5) || !sc_ws(p[5]))
		return 0;
	const unsigned char *e = memmem(p, n, "?>", 2);
	if (!e)
		return -1;
	size_t len = (size_t)(e - p) + 2;
	if (!memmem(p, len, "version=\"1.0\"", 13) && !memmem(p, len, "version='1.0'", 13))
		return -1;
	sc_copy_tag(&s->pre, p, len);
	return (long)len;
}

static void sc_free(struct scan *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].prefix);
		free(s->v[i].suffix);
	}
	free(s->v);
	free(s->w);
	free(s->ends);
	free(s->nsv);
	na_buf_free(&s->names);
	na_buf_free(&s->ns);
	na_buf_free(&s->pre);
	na_buf_free(&s->set);
	free(s->root);
	free(s->item);
}

enum { SC_REFUSE = -1, SC_STOPPED = 1, SC_END = 2, SC_CUT = 3 };

/* Scan from *ppos to the end of the file, or up to stop when a markup
 * boundary falls there (SC_STOPPED), or with first_cut set up to the end of
 * the tag that made the first cut (SC_CUT). */
static int sc_run(struct scan *s, size_t *ppos, size_t stop, int first_cut)
{
	size_t pos = *ppos;
	for (;;) {
		*ppos = pos;
		if (pos == stop)
			return SC_STOPPED;
		if (pos >= s->wpos + s->wlen && (pos >= s->size || !sc_refill(s, pos)))
			break;
		const unsigned char *p = s->w + (pos - s->wpos);
		size_t n = s->wpos + s->wlen - pos;
		size_t lim = pos < stop && stop - pos < n ? stop - pos : n;
		const unsigned char *lt = memchr(p, '<', lim);
		size_t text = lt ? (size_t)(lt - p) : lim;
		if (!s->depth) {
			/* before and after the root: blanks only */
			for (size_t i = 0; i < text; i++)
				if (!sc_ws(p[i]))
					return SC_REFUSE;
		}
		pos += text;
		if (!lt)
			continue;
		size_t had = s->n;
		long m = sc_markup(s, lt, n - text, pos);
		if (m == 0 && s->wpos != pos && s->wpos + s->wlen < s->size) {
			if (!sc_refill(s, pos))
				return SC_REFUSE;
			m = sc_markup(s, s->w, s->wlen, pos);
		}
		if (m <= 0)
			return SC_REFUSE;
		pos += (size_t)m;
		if (first_cut && s->n > had) {
			*ppos = pos;
			return SC_CUT;
		}
	}
	sc_tally(s, pos);
	return SC_END;
}

static void *sc_thread(void *arg)
{
	struct scan *s = arg;
	size_t pos = s->wpos;
	s->result = sc_run(s, &pos, SIZE_MAX, 0);
	return NULL;
}

/* Files this large are scanned in two halves at once: the second from a
 * newsItem start tag near the middle, as if inside the itemSet (the state
 * at any cut), which the first half confirms by reaching that very tag
 * inside the itemSet; else the first half goes on alone. */
#ifdef NA_FUZZ_SMALL_SPLIT
#define SCAN_PAR_MIN 4096u
#else
#define SCAN_PAR_MIN (2u << 20)
#endif

/* The second half's scanner: the state of s at its first cut (inside the
 * newsMessage and the itemSet, their namespace declarations in scope),
 * starting at mid. */
static void sc_fork(struct scan *h, const struct scan *s, size_t mid)
{
	memset(h, 0, sizeof *h);
	h->fd = s->fd;
	h->size = s->size;
	h->w = na_xmalloc(SCAN_WIN);
	h->wpos = h->tallied = h->last_cut = mid;
	na_buf_add(&h->names, s->names.p, s->ends[1]);
	h->cap = 16;
	h->ends = na_xmalloc(h->cap * sizeof *h->ends);
	h->ends[0] = s->ends[0];
	h->ends[1] = s->ends[1];
	h->depth = 2;
	size_t k = 0;
	while (k < s->nns && s->nsv[k].depth <= 2)
		k++;
	h->nscap = k + 16;
	h->nsv = na_xmalloc(h->nscap * sizeof *h->nsv);
	memcpy(h->nsv, s->nsv, k * sizeof *h->nsv);
	h->nns = k;
	na_buf_add(&h->ns, s->ns.p, k < s->nns ? s->nsv[k].off : s->ns.len);
	na_buf_add(&h->set, s->set.p, s->set.len); /* so a second itemSet is refused there too */
	h->root = na_xmalloc(s->root_len);
	memcpy(h->root, s->root, s->root_len);
	h->root_len = s->root_len;
	h->in_set = 1;
}

/* A newsItem start tag near the middle of the file, or 0. */
static size_t sc_middle(const struct scan *s)
{
	enum { LOOK = 64 << 10 };
	unsigned char *buf = na_xmalloc(LOOK);
	size_t at = s->size / 2, mid = 0;
	ssize_t n = pread(s->fd, buf, LOOK, (off_t)at);
	for (const unsigned char *q = buf; n > 0 && (q = memchr(q, '<', (size_t)n - (size_t)(q - buf))); q++) {
		size_t left = (size_t)n - (size_t)(q - buf);
		if (left > s->item_len + 1 && !memcmp(q + 1, s->item, s->item_len) &&
		    (sc_ws(q[1 + s->item_len]) || q[1 + s->item_len] == '>' || q[1 + s->item_len] == '/')) {
			mid = at + (size_t)(q - buf);
			break;
		}
	}
	free(buf);
	return mid;
}

static void sc_add_cut(struct scan *s, size_t at)
{
	if (s->n == s->vcap) {
		s->vcap = s->vcap ? s->vcap * 2 : 64;
		s->v = na_xrealloc(s->v, s->vcap * sizeof *s->v);
	}
	memset(&s->v[s->n], 0, sizeof *s->v);
	s->v[s->n++].start = at;
}

static size_t newsml_split(int fd, size_t size, const unsigned char *head, size_t head_len, struct na_chunk **out)
{
	if (size < 2 * SPLIT_CHUNK || !plain_utf8(head, head_len, NULL))
		return 0;
	struct scan s = {.fd = fd, .size = size};
	s.w = na_xmalloc(SCAN_WIN);
	size_t pos = 0;
	int ok = 0, rc;
	if (!sc_refill(&s, 0))
		goto out;
	if (has_prefix(s.w, s.wlen, "\xEF\xBB\xBF"))
		pos = 3;
	long k = sc_decl(&s, s.w + pos, s.wlen - pos);
	if (k < 0)
		goto out;
	pos += (size_t)k;
	rc = sc_run(&s, &pos, SIZE_MAX, size >= SCAN_PAR_MIN);
	if (rc == SC_CUT) {
		size_t mid = sc_middle(&s);
		struct scan h;
		pthread_t th;
		int forked = 0;
		if (mid > pos) {
			sc_fork(&h, &s, mid);
			forked = !pthread_create(&th, NULL, sc_thread, &h);
			if (!forked)
				sc_free(&h);
		}
		rc = sc_run(&s, &pos, forked ? mid : SIZE_MAX, 0);
		if (forked) {
			pthread_join(th, NULL);
			if (rc == SC_STOPPED && s.depth == 2 && s.in_set) {
				/* the halves join: the second's state at mid was right */
				sc_tally(&s, mid);
				sc_add_cut(&s, mid);
				for (size_t i = 0; i < h.n; i++)
					sc_add_cut(&s, h.v[i].start);
				s.lone_cr |= h.lone_cr;
				s.depth = h.depth;
				rc = h.result;
			} else if (rc == SC_STOPPED) {
				rc = sc_run(&s, &pos, SIZE_MAX, 0); /* mid was no cut: on alone */
			}
			sc_free(&h);
		}
	}
	if (rc != SC_END)
		goto out;
	ok = s.root && !s.depth && !s.lone_cr && s.n >= 1;
out:
	if (!ok) {
		sc_free(&s);
		return 0;
	}
	/* chunk 0 is the file's head, the others get the prefix */
	struct na_chunk *v = na_xcalloc(s.n + 1, sizeof *v);
	for (size_t i = 0; i <= s.n; i++) {
		v[i].start = i ? s.v[i - 1].start : 0;
		v[i].end = i < s.n ? s.v[i].start : size;
		v[i].col_chars = 1; /* libxml2 counts characters */
		if (i) {
			v[i].prefix_len = s.pre.len + s.set.len;
			v[i].prefix = na_xmalloc(v[i].prefix_len);
			memcpy(v[i].prefix, s.pre.p, s.pre.len);
			memcpy(v[i].prefix + s.pre.len, s.set.p, s.set.len);
		}
		if (i < s.n) {
			struct na_buf suf = {0};
			na_buf_printf(&suf, "</%.*s></%.*s>", (int)s.set_name_len, s.set.p + 1, (int)s.root_len, s.root);
			v[i].suffix = suf.p;
			v[i].suffix_len = suf.len;
		}
	}
	sc_free(&s);
	*out = v;
	return s.n + 1;
}

const struct na_format na_format_newsml = {
	.name = "newsml",
	.aliases = "newsmlg2,newsml-g2",
	.description = "IPTC NewsML-G2 2.35 newsItem / newsMessage (text items)",
	.extensions = "nml,newsml.xml",
	.mime = "application/vnd.iptc.g2.newsitem+xml,application/vnd.iptc.g2.newsmessage+xml",
	.priv_size = sizeof(struct newsml),
	.probe = newsml_probe,
	.read_open = newsml_read_open,
	.read_next = newsml_read_next,
	.read_close = newsml_read_close,
	.split = newsml_split,
	.split_one_job = 1,
	.write_open = newsml_write_open,
	.write_article = newsml_write_article,
	.write_close = newsml_write_close,
	.options_help = "container: auto (one article -> newsItem, several -> newsMessage), item or message; "
	                "indent: 1 to indent the XML; "
	                "parser: auto (plain UTF-8 documents and pieces up to 1 MB through a strict fast parser, "
	                "the rest through libxml2) or libxml2",
};
