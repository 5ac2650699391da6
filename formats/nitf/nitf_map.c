/* nitf_map.c - NITF 3.x element tree -> article model, used by the nitf
 * reader and by newsml1 for inline NITF content.  The order of evidence for
 * each field is written in docs/legacy.md. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "formats/nitf/nitf.h"

static int empty(const char *s)
{
	return !s || !*s;
}

static void set_str(struct na_article *a, const char **dst, const char *s)
{
	if (*dst || empty(s))
		return;
	char *t = na_arena_strdup(a->arena, s);
	size_t n = na_text_normalize(t, strlen(t));
	t[n] = 0;
	if (n)
		*dst = t;
}

static void set_date(struct na_article *a, struct na_date *d, const char *s)
{
	if (d->value || empty(s))
		return;
	/* an unparseable candidate keeps its raw string until one parses */
	na_article_set_date(a, d, s, strlen(s));
}

/* A byline names authors: "By BERNARD CONDON" -> "BERNARD CONDON"; the title
 * (byttl) is not part of the name. */
static void add_byline(struct na_article *a, xmlNodePtr by)
{
	int persons = 0;
	for (xmlNodePtr c = by->children; c; c = c->next)
		if (na_xml_is(c, "person")) {
			const char *t = na_xml_text(a, c);
			if (!empty(t))
				na_strlist_push(a, &a->byline, t, strlen(t));
			persons++;
		}
	if (persons)
		return;
	struct na_buf b = {0};
	for (xmlNodePtr c = by->children; c; c = c->next) {
		if (na_xml_is(c, "byttl"))
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE || c->type == XML_ELEMENT_NODE ||
		    c->type == XML_ENTITY_REF_NODE) {
			xmlNode one = *c;
			one.next = NULL;
			const char *t = na_xml_text(a, &one);
			na_buf_adds(&b, t ? t : "");
			na_buf_addc(&b, ' ');
		}
	}
	size_t n = b.p ? na_text_normalize(b.p, b.len) : 0;
	const char *s = b.p;
	if (n > 3 && na_strncaseeq(s, "by ", 3)) {
		s += 3;
		n -= 3;
	}
	if (n)
		na_strlist_push(a, &a->byline, s, n);
	na_buf_free(&b);
}

/* the first non-empty value of a repeated element wins */
static void add_extra_string(struct na_article *a, const char *key, const char *s)
{
	if (!empty(s) && !na_article_extra(a, key))
		na_article_add_extra_string(a, key, s);
}

struct nyt {
	const char *year, *month, *day;
	const char *published_raw, *modified_raw;   /* written by our writer */
};

/* Our writer keeps what NITF has no element for in <meta name="newsarc.*">:
 * raw date strings and the unknown fields of the record (JSON text). */
#define META_PREFIX "newsarc."

static void newsarc_meta(struct na_article *a, const char *name, const char *content, struct nyt *nyt)
{
	if (!strcmp(name, "published_raw"))
		nyt->published_raw = content;
	else if (!strcmp(name, "modified_raw"))
		nyt->modified_raw = content;
	else if (!strncmp(name, "extra.", 6) && name[6]) {
		struct na_json_error err;
		struct na_arena *tmp = na_arena_new();
		if (na_json_parse(tmp, content, strlen(content), 64, 1, &err))
			na_article_add_extra(a, name + 6, content, strlen(content));
		na_arena_free(tmp);
	}
}

/* Restore the raw date string our writer kept beside the normalized one
 * (the raw may lack the zone the value has, so it is not re-parsed). */
static void restore_raw(struct na_date *d, const char *raw)
{
	if (raw && d->value)
		d->raw = raw;
}

static void head_meta(struct na_article *a, xmlNodePtr m, struct nyt *nyt)
{
	const char *name = na_xml_attr(a, m, "name");
	const char *content = na_xml_attr(a, m, "content");
	if (empty(name) || empty(content))
		return;
	if (!strncmp(name, META_PREFIX, strlen(META_PREFIX)))
		newsarc_meta(a, name + strlen(META_PREFIX), content, nyt);
	else if (!strcasecmp(name, "publication_year"))
		nyt->year = content;
	else if (!strcasecmp(name, "publication_month"))
		nyt->month = content;
	else if (!strcasecmp(name, "publication_day_of_month"))
		nyt->day = content;
	else if (!strcasecmp(name, "url") || !strcasecmp(name, "canonical"))
		set_str(a, &a->url, content);
	else if (!strcasecmp(name, "modified") || !strcasecmp(name, "date.modified"))
		set_date(a, &a->modified, content);
	else if (!strcasecmp(name, "online_sections") || !strcasecmp(name, "section")) {
		/* NYT lists several sections separated by ";": the first is the home */
		const char *semi = strchr(content, ';');
		char *s = na_arena_strndup(a->arena, content, semi ? (size_t)(semi - content) : strlen(content));
		set_str(a, &a->section, s);
	}
}

static void tobject(struct na_article *a, xmlNodePtr t)
{
	for (xmlNodePtr s = t->children; s; s = s->next) {
		if (!na_xml_is(s, "tobject.subject"))
			continue;
		/* the IPTC code identifies the subject; the names are labels of it */
		const char *v = na_xml_attr(a, s, "tobject.subject.refnum");
		if (empty(v))
			v = na_xml_attr(a, s, "tobject.subject.detail");
		if (empty(v))
			v = na_xml_attr(a, s, "tobject.subject.matter");
		if (empty(v))
			v = na_xml_attr(a, s, "tobject.subject.type");
		na_strlist_push_unique(a, &a->subjects, v);
	}
}

static void docdata(struct na_article *a, xmlNodePtr d, const char **holder, const char **regsrc,
                    const char **release)
{
	for (xmlNodePtr c = d->children; c; c = c->next) {
		if (na_xml_is(c, "doc-id")) {
			set_str(a, &a->id, na_xml_attr(a, c, "id-string"));
			if (!*regsrc)
				*regsrc = na_xml_attr(a, c, "regsrc");
		} else if (na_xml_is(c, "date.issue"))
			set_date(a, &a->published, na_xml_attr(a, c, "norm"));
		else if (na_xml_is(c, "date.release") && !*release)
			*release = na_xml_attr(a, c, "norm");
		else if (na_xml_is(c, "doc.copyright") && !*holder)
			*holder = na_xml_attr(a, c, "holder");
		else if (na_xml_is(c, "key-list")) {
			for (xmlNodePtr k = c->children; k; k = k->next)
				if (na_xml_is(k, "keyword"))
					na_strlist_push_unique(a, &a->keywords, na_xml_attr(a, k, "key"));
		}
	}
}

static void body_head(struct na_article *a, xmlNodePtr h, const char **story_date)
{
	for (xmlNodePtr c = h->children; c; c = c->next) {
		if (na_xml_is(c, "hedline")) {
			xmlNodePtr hl1 = na_xml_child(c, "hl1"), hl2 = na_xml_child(c, "hl2");
			set_str(a, &a->headline, na_xml_text(a, hl1));
			const char *sub = na_xml_text(a, hl2);
			/* AP repeats the headline as the "originalHeadline" hl2 */
			if (!empty(sub) && !(a->headline && !strcmp(sub, a->headline)))
				set_str(a, &a->subheadline, sub);
		} else if (na_xml_is(c, "byline"))
			add_byline(a, c);
		else if (na_xml_is(c, "distributor"))
			set_str(a, &a->source, na_xml_text(a, c));
		else if (na_xml_is(c, "dateline")) {
			struct na_buf b = {0};
			for (xmlNodePtr d = c->children; d; d = d->next) {
				if (na_xml_is(d, "story.date")) {
					if (!*story_date)
						*story_date = na_xml_attr(a, d, "norm");
					continue;
				}
				xmlNode one = *d;
				one.next = NULL;
				na_buf_adds(&b, na_xml_text(a, &one));
				na_buf_addc(&b, ' ');
			}
			if (b.p) {
				b.len = na_text_normalize(b.p, b.len);
				b.p[b.len] = 0;
				set_str(a, &a->dateline, b.p);
			}
			na_buf_free(&b);
		} else if (na_xml_is(c, "abstract"))
			add_extra_string(a, "abstract", na_xml_text(a, c));
		else if (na_xml_is(c, "rights")) {
			xmlNodePtr o = na_xml_child(c, "rights.owner");
			if (o)
				add_extra_string(a, "rights_owner", na_xml_text(a, o));
		}
	}
}

void na_nitf_fill(struct na_article *a, xmlNodePtr nitf)
{
	if (!nitf)
		return;
	const char *lang = na_xml_attr(a, nitf, "baselang");
	if (empty(lang))
		lang = na_xml_attr(a, nitf, "lang"); /* xml:lang */
	set_str(a, &a->language, lang);

	struct nyt nyt = {0};
	const char *holder = NULL, *regsrc = NULL, *release = NULL, *pubdate = NULL, *story_date = NULL;
	const char *title = NULL;
	xmlNodePtr head = na_xml_child(nitf, "head");
	for (xmlNodePtr c = head ? head->children : NULL; c; c = c->next) {
		if (na_xml_is(c, "title"))
			title = na_xml_text(a, c);
		else if (na_xml_is(c, "meta"))
			head_meta(a, c, &nyt);
		else if (na_xml_is(c, "tobject"))
			tobject(a, c);
		else if (na_xml_is(c, "docdata"))
			docdata(a, c, &holder, &regsrc, &release);
		else if (na_xml_is(c, "pubdata")) {
			if (!pubdate)
				pubdate = na_xml_attr(a, c, "date.publication");
			set_str(a, &a->url, na_xml_attr(a, c, "ex-ref"));
			set_str(a, &a->section, na_xml_attr(a, c, "position.section"));
		}
	}
	xmlNodePtr body = na_xml_child(nitf, "body");
	xmlNodePtr bh = na_xml_child(body, "body.head");
	if (bh)
		body_head(a, bh, &story_date);
	set_str(a, &a->headline, title);
	set_str(a, &a->source, holder);
	set_str(a, &a->source, regsrc);

	/* published: date.issue (above), then date.release, pubdata's
	 * date.publication, the NYT publication_* meta, the dateline's story.date */
	set_date(a, &a->published, release);
	set_date(a, &a->published, pubdate);
	if (!a->published.value && nyt.year && nyt.month && nyt.day) {
		char ymd[64];
		snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", atoi(nyt.year), atoi(nyt.month), atoi(nyt.day));
		a->published.raw = NULL;
		set_date(a, &a->published, ymd);
	}
	set_date(a, &a->published, story_date);
	restore_raw(&a->published, nyt.published_raw);
	restore_raw(&a->modified, nyt.modified_raw);

	xmlNodePtr content = na_xml_child(body, "body.content");
	if (content)
		na_xml_blocks(a, content);
}

int na_nitf_xml_root(const struct na_probe *p, char *name, size_t cap)
{
	const unsigned char *s = p->buf, *e = p->buf + p->len;
	if (e - s >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		s += 3;
	for (;;) {
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++;
		if (s >= e || *s != '<')
			return -1;
		const char *close = NULL;
		if (e - s >= 4 && !memcmp(s, "<!--", 4))
			close = "-->";
		else if (e - s >= 2 && s[1] == '?')
			close = "?>";
		else if (e - s >= 2 && s[1] == '!') {
			/* DOCTYPE: an internal subset [...] may hold '>' */
			int depth = 0;
			const unsigned char *q = s + 2;
			for (; q < e; q++) {
				if (*q == '[')
					depth++;
				else if (*q == ']')
					depth--;
				else if (*q == '>' && depth <= 0)
					break;
			}
			if (q >= e)
				return -1;
			s = q + 1;
			continue;
		}
		if (close) {
			const unsigned char *q = memmem(s + 2, (size_t)(e - s - 2), close, strlen(close));
			if (!q)
				return -1;
			s = q + strlen(close);
			continue;
		}
		s++;
		const unsigned char *n = s;
		while (s < e && (isalnum(*s) || *s == '_' || *s == '-' || *s == '.' || *s == ':'))
			s++;
		if (s == n || s >= e)
			return -1;
		/* local name: after a namespace prefix */
		const unsigned char *colon = memchr(n, ':', (size_t)(s - n));
		if (colon)
			n = colon + 1;
		size_t k = (size_t)(s - n);
		if (k + 1 > cap)
			return -1;
		memcpy(name, n, k);
		name[k] = 0;
		return 0;
	}
}

void na_nitf_escape(struct na_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': na_buf_adds(b, "&amp;"); break;
		case '<': na_buf_adds(b, "&lt;"); break;
		case '>': na_buf_adds(b, "&gt;"); break;
		case '"': na_buf_adds(b, "&quot;"); break;
		case '\'': na_buf_adds(b, "&#39;"); break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
				na_buf_addc(b, ' ');
			else if (*p == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
				na_buf_addc(b, ' ');
				p += 2;
			} else
				na_buf_addc(b, (char)*p);
		}
	}
}

const char *na_nitf_utf8_mislabel(const char *buf, size_t len, char *declared, size_t cap)
{
	static const char *const latin[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso-8859-15",
	                                    "windows-1252", "cp1252", "us-ascii", "ascii"};
	size_t i = 0;
	if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF)
		return NULL; /* a BOM wins over the declaration anyway */
	if (len < 6 || memcmp(buf, "<?xml", 5) != 0)
		return NULL;
	size_t lim = len < 256 ? len : 256;
	const char *end = memmem(buf, lim, "?>", 2);
	const char *enc = end ? memmem(buf, (size_t)(end - buf), "encoding", 8) : NULL;
	if (!enc)
		return NULL;
	const char *q = enc + 8;
	while (q < end && (*q == ' ' || *q == '='))
		q++;
	if (q >= end || (*q != '"' && *q != '\''))
		return NULL;
	char quote = *q++;
	const char *qe = memchr(q, quote, (size_t)(end - q));
	if (!qe || (size_t)(qe - q) + 1 > cap)
		return NULL;
	memcpy(declared, q, (size_t)(qe - q));
	declared[qe - q] = 0;
	int is_latin = 0;
	for (i = 0; i < NA_ARRAY_SIZE(latin); i++)
		if (!strcasecmp(declared, latin[i]))
			is_latin = 1;
	if (!is_latin)
		return NULL;
	/* valid UTF-8 with multi-byte sequences: Latin-1 text almost never is */
	size_t multi = 0;
	const unsigned char *s = (const unsigned char *)buf;
	for (i = 0; i < len;) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		unsigned cp;
		size_t k = na_utf8_decode(s + i, len - i, &cp);
		if (!k)
			return len - i < 4 ? (multi ? "UTF-8" : NULL) : NULL; /* window may cut a sequence */
		multi++;
		i += k;
	}
	return multi ? "UTF-8" : NULL;
}
