/* tree.c - a compact page tree from libxml2's HTML SAX events.
 *
 * libxml2's HTML parser (HTML 4 tag rules, recovering, no network) tokenizes
 * and balances the page; instead of its DOM (an xmlNode per element and text
 * run, with properties lists) we keep one small node per element holding
 * only what extraction looks at: the tag, a lowercased "class id" string, a
 * few attributes, and text.  <head> metadata (title, meta, canonical link,
 * JSON-LD scripts) is collected on the way.  Elements nested deeper than the
 * depth limit are flattened into their deepest kept ancestor, so hostile
 * nesting costs no stack and no quadratic work. */
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include "html.h"
#include "core/xml.h"

/* Deeper elements are flattened into their ancestor at this depth: the
 * recursive walks below stay within a few hundred KiB of stack. */
#define TREE_DEPTH 1000

static const struct {
	const char *name;
	enum html_tag tag;
} tags[] = {
	/* sorted by name for bsearch */
	{"a", T_A}, {"address", T_ADDRESS}, {"article", T_ARTICLE}, {"aside", T_ASIDE},
	{"audio", T_AUDIO}, {"blockquote", T_BLOCKQUOTE}, {"body", T_BODY}, {"br", T_BR},
	{"button", T_BUTTON}, {"canvas", T_CANVAS}, {"caption", T_CAPTION}, {"center", T_CENTER},
	{"dd", T_DD}, {"details", T_DETAILS}, {"dialog", T_DIALOG}, {"div", T_DIV}, {"dl", T_DL},
	{"dt", T_DT}, {"figcaption", T_FIGCAPTION}, {"figure", T_FIGURE}, {"font", T_FONT},
	{"footer", T_FOOTER}, {"form", T_FORM}, {"h1", T_H1}, {"h2", T_H2}, {"h3", T_H3},
	{"h4", T_H4}, {"h5", T_H5}, {"h6", T_H6}, {"head", T_HEAD}, {"header", T_HEADER},
	{"hr", T_HR}, {"html", T_HTML}, {"iframe", T_IFRAME}, {"img", T_IMG}, {"input", T_INPUT},
	{"label", T_LABEL}, {"li", T_LI}, {"link", T_LINK}, {"main", T_MAIN}, {"math", T_MATH},
	{"menu", T_MENU}, {"meta", T_META}, {"nav", T_NAV}, {"noscript", T_NOSCRIPT},
	{"object", T_OBJECT}, {"ol", T_OL}, {"p", T_P}, {"picture", T_PICTURE}, {"pre", T_PRE},
	{"script", T_SCRIPT}, {"section", T_SECTION}, {"select", T_SELECT}, {"source", T_SOURCE},
	{"span", T_SPAN}, {"style", T_STYLE}, {"summary", T_SUMMARY}, {"svg", T_SVG},
	{"table", T_TABLE}, {"tbody", T_TBODY}, {"td", T_TD}, {"template", T_TEMPLATE},
	{"textarea", T_TEXTAREA}, {"tfoot", T_TFOOT}, {"th", T_TH}, {"thead", T_THEAD},
	{"time", T_TIME}, {"title", T_TITLE}, {"tr", T_TR}, {"ul", T_UL}, {"video", T_VIDEO},
};

static int tag_of(const char *name)
{
	size_t lo = 0, hi = NA_ARRAY_SIZE(tags);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, tags[mid].name);
		if (!c)
			return tags[mid].tag;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return T_OTHER;
}

int html_tag_is_block(int t)
{
	switch (t) {
	case T_P: case T_DIV: case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
	case T_BLOCKQUOTE: case T_UL: case T_OL: case T_LI: case T_DL: case T_DT: case T_DD:
	case T_PRE: case T_TABLE: case T_TR: case T_TD: case T_TH: case T_ARTICLE: case T_MAIN:
	case T_SECTION: case T_HEADER: case T_FOOTER: case T_ASIDE: case T_NAV: case T_FIGURE:
	case T_FIGCAPTION: case T_ADDRESS: case T_CENTER: case T_HR: case T_BR: case T_FORM:
	case T_BODY: case T_HTML: case T_TBODY: case T_THEAD: case T_TFOOT: case T_CAPTION:
	case T_DETAILS: case T_SUMMARY: case T_DIALOG: case T_MENU:
		return 1;
	}
	return 0;
}

struct sax {
	struct na_ctx *ctx;
	struct html_page *page;
	struct hnode *cur;
	int max_depth;
	unsigned long overflow;         /* open elements not kept (too deep) */
	int in_title, in_script, in_ldjson, in_svg;
	struct na_buf title, script;
};

static struct hnode *new_node(struct sax *s, int tag)
{
	struct hnode *n = na_arena_alloc(s->page->arena, sizeof *n);
	memset(n, 0, sizeof *n);
	n->tag = (uint16_t)tag;
	n->parent = s->cur;
	n->depth = s->cur ? (uint16_t)(s->cur->depth + 1) : 0;
	if (s->cur) {
		if (s->cur->last)
			s->cur->last->next = n;
		else
			s->cur->first = n;
		s->cur->last = n;
	}
	s->page->nodes++;
	return n;
}

static int has_word(const char *s, const char *w)
{
	return strstr(s, w) != NULL;
}

/* class/id hints: words publishers use for chrome and for content */
static unsigned classify(const char *c)
{
	unsigned f = 0;
	static const char *const neg[] = {
		"comment", "footer", "sidebar", "menu", "nav", "related", "social", "share", "sharing",
		"sponsor", "promo", "advert", "banner", "breadcrumb", "newsletter", "subscribe", "signup",
		"popup", "modal", "cookie", "gdpr", "widget", "masthead", "pagination", "pager", "outbrain",
		"taboola", "recommend", "trending", "popular", "most-read", "mostread", "more-stories",
		"disqus", "skyscraper", "shoutbox", "toolbar", "tags", "-ad-", "ad-slot", "adslot",
		"adsense", "dfp", "print-only", "hidden", "visually-hidden", "sr-only", "screen-reader",
		"rss", "follow", "author-bio", "bio", "login", "paywall", "consent", "supplemental",
		"sticky", "skip", "jump", "topics", "keywords", "byline", "caption", "credit", "meta",
	};
	static const char *const pos[] = {
		"article", "content", "entry", "main", "post", "story", "text", "body", "blog", "hentry",
	};
	for (size_t i = 0; i < NA_ARRAY_SIZE(neg); i++)
		if (has_word(c, neg[i])) {
			f |= HN_NEG;
			break;
		}
	for (size_t i = 0; i < NA_ARRAY_SIZE(pos); i++)
		if (has_word(c, pos[i])) {
			f |= HN_POS;
			break;
		}
	if (has_word(c, "byline") || has_word(c, "author") || has_word(c, "writer") || has_word(c, "contributor"))
		f |= HN_BYLINE;
	if (has_word(c, "date") || has_word(c, "time") || has_word(c, "publish") || has_word(c, "posted"))
		f |= HN_DATE;
	if (has_word(c, "share") || has_word(c, "social") || has_word(c, "related") || has_word(c, "sharing") ||
	    has_word(c, "newsletter") || has_word(c, "comment") || has_word(c, "recommend") ||
	    has_word(c, "promo") || has_word(c, "subscribe") || has_word(c, "sidebar") ||
	    has_word(c, "breadcrumb") || has_word(c, "advert") || has_word(c, "cookie") ||
	    has_word(c, "popular") || has_word(c, "trending") || has_word(c, "most-read") ||
	    has_word(c, "more-stories") || has_word(c, "outbrain") || has_word(c, "taboola") ||
	    has_word(c, "footer") || has_word(c, "navigation") || has_word(c, "menu") ||
	    has_word(c, "sr-only") || has_word(c, "visually-hidden") || has_word(c, "screen-reader") ||
	    has_word(c, "author-bio") || has_word(c, "paywall") || has_word(c, "tags"))
		f |= HN_SHARE;
	return f;
}

static char *lower_dup(struct na_arena *a, const char *s)
{
	size_t n = strlen(s);
	char *d = na_arena_alloc(a, n + 1);
	for (size_t i = 0; i < n; i++)
		d[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	d[n] = 0;
	return d;
}

static void add_meta(struct html_page *p, const char *key, const char *content)
{
	if (p->nmeta == p->capmeta) {
		size_t cap = p->capmeta ? p->capmeta * 2 : 32;
		struct html_meta *m = na_arena_alloc(p->arena, cap * sizeof *m);
		if (p->nmeta)
			memcpy(m, p->meta, p->nmeta * sizeof *m);
		p->meta = m;
		p->capmeta = cap;
	}
	p->meta[p->nmeta].key = lower_dup(p->arena, key);
	p->meta[p->nmeta].content = na_arena_strdup(p->arena, content);
	p->nmeta++;
}

const char *html_meta_get(const struct html_page *p, const char *key)
{
	for (size_t i = 0; i < p->nmeta; i++)
		if (!strcmp(p->meta[i].key, key) && p->meta[i].content[0])
			return p->meta[i].content;
	return NULL;
}

static int hidden_style(const char *st)
{
	/* display:none / visibility:hidden, spaces ignored */
	char buf[256];
	size_t k = 0;
	for (; *st && k + 1 < sizeof buf; st++)
		if (*st != ' ')
			buf[k++] = (char)(*st >= 'A' && *st <= 'Z' ? *st + 32 : *st);
	buf[k] = 0;
	return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

static void sax_start(void *user, const xmlChar *xname, const xmlChar **atts)
{
	struct sax *s = user;
	const char *name = (const char *)xname;
	int tag = tag_of(name);
	struct html_page *p = s->page;
	if (s->cur && s->cur->depth >= s->max_depth) {
		s->overflow++;
		return;
	}
	const char *cls = NULL, *id = NULL, *mname = NULL, *mprop = NULL, *mcontent = NULL, *type = NULL,
	           *style = NULL, *charset = NULL, *httpequiv = NULL;
	struct hnode *n = new_node(s, tag);
	int hidden = 0;
	for (const xmlChar **a = atts; a && a[0]; a += 2) {
		const char *k = (const char *)a[0], *v = (const char *)(a[1] ? a[1] : (const xmlChar *)"");
		switch (k[0]) {
		case 'a':
			if (!strcmp(k, "aria-hidden") && !strcmp(v, "true"))
				hidden = 1;
			break;
		case 'c':
			if (!strcmp(k, "class"))
				cls = v;
			else if (!strcmp(k, "content"))
				n->content = mcontent = na_arena_strdup(p->arena, v);
			else if (!strcmp(k, "charset"))
				charset = v;
			break;
		case 'd':
			if (!strcmp(k, "datetime"))
				n->datetime = na_arena_strdup(p->arena, v);
			break;
		case 'h':
			if (!strcmp(k, "href"))
				n->href = na_arena_strdup(p->arena, v);
			else if (!strcmp(k, "hidden"))
				hidden = 1;
			else if (!strcmp(k, "http-equiv"))
				httpequiv = v;
			break;
		case 'i':
			if (!strcmp(k, "id"))
				id = v;
			else if (!strcmp(k, "itemprop"))
				n->itemprop = na_arena_strdup(p->arena, v);
			else if (!strcmp(k, "itemtype"))
				n->itemtype = na_arena_strdup(p->arena, v);
			break;
		case 'l':
			if (!strcmp(k, "lang"))
				n->lang = na_arena_strdup(p->arena, v);
			break;
		case 'n':
			if (!strcmp(k, "name"))
				mname = v;
			break;
		case 'p':
			if (!strcmp(k, "property"))
				mprop = v;
			break;
		case 'r':
			if (!strcmp(k, "rel"))
				n->rel = lower_dup(p->arena, v);
			break;
		case 's':
			if (!strcmp(k, "style"))
				style = v;
			break;
		case 't':
			if (!strcmp(k, "type"))
				type = v;
			break;
		}
	}
	if (cls || id) {
		n->cls = lower_dup(p->arena, na_arena_printf(p->arena, "%s %s", cls ? cls : "", id ? id : ""));
		n->flags |= classify(n->cls);
	}
	if (hidden || (style && hidden_style(style)))
		n->flags |= HN_HIDDEN;
	s->cur = n;
	switch (tag) {
	case T_HTML:
		if (n->lang && !p->lang)
			p->lang = n->lang;
		break;
	case T_TITLE:
		if (!p->title && !s->in_svg)
			s->in_title = 1;
		break;
	case T_SVG:
		s->in_svg++;
		break;
	case T_META:
		if (charset)
			add_meta(p, "charset", charset);
		if (mcontent) {
			if (mname)
				add_meta(p, mname, mcontent);
			if (mprop)
				add_meta(p, mprop, mcontent);
			if (n->itemprop)
				add_meta(p, n->itemprop, mcontent);
			if (httpequiv)
				add_meta(p, httpequiv, mcontent);
			if (mname && !strcasecmp(mname, "generator") && !strncmp(mcontent, "newsarc", 7))
				p->generator_newsarc = 1;
		}
		break;
	case T_LINK:
		if (n->rel && n->href && !p->base_canonical && strstr(n->rel, "canonical"))
			p->base_canonical = n->href;
		break;
	case T_SCRIPT:
		s->in_script = 1;
		if (type && (!strcasecmp(type, "application/ld+json"))) {
			s->in_ldjson = 1;
			s->script.len = 0;
		}
		break;
	case T_STYLE:
		s->in_script = 1;
		break;
	}
}

static void sax_end(void *user, const xmlChar *xname)
{
	struct sax *s = user;
	struct html_page *p = s->page;
	if (s->overflow) {
		s->overflow--;
		return;
	}
	if (!s->cur)
		return;
	int tag = s->cur->tag;
	(void)xname;
	switch (tag) {
	case T_TITLE:
		if (s->in_title) {
			s->in_title = 0;
			char *t = na_arena_strndup(p->arena, s->title.p ? s->title.p : "", s->title.len);
			size_t k = na_text_normalize(t, s->title.len);
			t[k] = 0;
			p->title = t;
		}
		break;
	case T_SVG:
		if (s->in_svg)
			s->in_svg--;
		break;
	case T_SCRIPT:
	case T_STYLE:
		s->in_script = 0;
		if (s->in_ldjson) {
			s->in_ldjson = 0;
			if (p->njsonld == p->capjsonld) {
				size_t cap = p->capjsonld ? p->capjsonld * 2 : 4;
				const char **v = na_arena_alloc(p->arena, cap * sizeof *v);
				if (p->njsonld)
					memcpy(v, p->jsonld, p->njsonld * sizeof *v);
				p->jsonld = v;
				p->capjsonld = cap;
			}
			p->jsonld[p->njsonld++] = na_arena_strndup(p->arena, s->script.p ? s->script.p : "", s->script.len);
		}
		break;
	}
	if (s->cur->parent)
		s->cur = s->cur->parent;
}

static void sax_text(void *user, const xmlChar *ch, int len)
{
	struct sax *s = user;
	if (s->in_script) {
		if (s->in_ldjson)
			na_buf_add(&s->script, ch, (size_t)len);
		return;
	}
	if (s->in_title) {
		na_buf_add(&s->title, ch, (size_t)len);
		return;
	}
	if (!s->cur || len <= 0)
		return;
	struct hnode *last = s->cur->last;
	if (last && (last->flags & HN_TEXT) && last->text + last->len == (const char *)ch) {
		last->len += (uint32_t)len; /* never true across calls; kept for clarity */
		return;
	}
	struct hnode *n = na_arena_alloc(s->page->arena, sizeof *n);
	memset(n, 0, sizeof *n);
	n->flags = HN_TEXT;
	n->parent = s->cur;
	n->depth = (uint16_t)(s->cur->depth + 1);
	n->text = na_arena_strndup(s->page->arena, (const char *)ch, (size_t)len);
	n->len = (uint32_t)len;
	if (s->cur->last)
		s->cur->last->next = n;
	else
		s->cur->first = n;
	s->cur->last = n;
}

static void sax_cdata(void *user, const xmlChar *ch, int len)
{
	struct sax *s = user;
	if (s->in_ldjson)
		na_buf_add(&s->script, ch, (size_t)len);
}

static void sax_silent(void *user, xmlErrorPtr e)
{
	(void)user;
	(void)e;
}

static void sax_vsilent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int html_parse(struct na_ctx *c, struct html_page *page, const char *buf, size_t len, int max_depth)
{
	(void)c;
	struct sax s = {0};
	s.ctx = c;
	s.page = page;
	s.max_depth = max_depth > 0 ? max_depth : NA_DEFAULT_MAX_DEPTH;
	if (s.max_depth > TREE_DEPTH)
		s.max_depth = TREE_DEPTH;
	page->root = NULL;
	s.cur = NULL;
	page->root = new_node(&s, T_OTHER); /* document */
	s.cur = page->root;
	if (len > INT_MAX)
		return -1;
	/* libxml2 sets up its dictionary lock lazily: two workers making their
	 * first parsers at once could both set it up and then wait on it for
	 * ever (seen under make asan: convert of a WARC directory, -j 2) */
	na_xml_init();
	htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buf, (int)len);
	if (!ctxt)
		return -1;
	htmlSAXHandler h;
	memset(&h, 0, sizeof h);
	h.startElement = sax_start;
	h.endElement = sax_end;
	h.characters = sax_text;
	h.ignorableWhitespace = sax_text;
	h.cdataBlock = sax_cdata;
	h.serror = sax_silent;
	h.error = sax_vsilent;
	h.warning = sax_vsilent;
	h.initialized = 1;
	memcpy(ctxt->sax, &h, sizeof h);
	ctxt->userData = &s;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                         HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlParseDocument(ctxt);
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	ctxt->userData = NULL;
	htmlFreeParserCtxt(ctxt);
	na_buf_free(&s.title);
	na_buf_free(&s.script);
	return 0;
}

/* ---- statistics -------------------------------------------------------- */

static void count_text(struct hnode *n, const char *t, size_t len)
{
	uint32_t ch = 0, commas = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)t[i];
		if (b == ' ' || b == '\n' || b == '\t' || b == '\r' || (b & 0xC0) == 0x80)
			continue;
		ch++;
		if (b == ',')
			commas++;
	}
	n->chars = ch;
	n->commas = commas;
}

void html_stats(struct hnode *x)
{
	/* recursion depth is bounded by the tree depth cap (TREE_DEPTH) */
	if (x->flags & HN_TEXT) {
		count_text(x, x->text, x->len);
		return;
	}
	uint32_t ch = 0, lk = 0, cm = 0, np = 0;
	for (struct hnode *k = x->first; k; k = k->next) {
		html_stats(k);
		if (k->flags & HN_HIDDEN)
			continue;
		if (k->tag == T_SCRIPT || k->tag == T_STYLE || k->tag == T_NOSCRIPT || k->tag == T_TEMPLATE ||
		    k->tag == T_SVG)
			continue;
		ch += k->chars;
		lk += k->tag == T_A ? k->chars : k->linkchars;
		cm += k->commas;
		np += k->nparas + (k->tag == T_P);
	}
	if (x->tag == T_BODY) {
		/* streamed server rendering (React's <div hidden id="S:1">, moved
		 * into place by a script): a hidden child of <body> that holds
		 * more prose than all the visible page is the page */
		for (struct hnode *k = x->first; k; k = k->next)
			if ((k->flags & HN_HIDDEN) && k->tag == T_DIV && k->nparas >= 3 && k->chars > ch) {
				k->flags &= ~(uint32_t)HN_HIDDEN;
				ch += k->chars;
				lk += k->linkchars;
				cm += k->commas;
				np += k->nparas;
			}
	}
	x->chars = ch;
	x->linkchars = lk;
	x->commas = cm;
	x->nparas = np;
}

/* ---- text --------------------------------------------------------------- */

static void collect(struct na_buf *b, const struct hnode *n, int skip_junk)
{
	for (const struct hnode *k = n->first; k; k = k->next) {
		if (k->flags & HN_TEXT) {
			na_buf_add(b, k->text, k->len);
			continue;
		}
		if (k->tag == T_SCRIPT || k->tag == T_STYLE || k->tag == T_NOSCRIPT || k->tag == T_TEMPLATE)
			continue;
		if (skip_junk && (k->flags & (HN_JUNK | HN_HIDDEN)))
			continue;
		int blk = html_tag_is_block(k->tag);
		if (blk)
			na_buf_addc(b, ' ');
		collect(b, k, skip_junk);
		if (blk)
			na_buf_addc(b, ' ');
	}
}

char *html_text(struct na_arena *arena, const struct hnode *n, int skip_junk, size_t *len)
{
	struct na_buf b = {0};
	if (n->flags & HN_TEXT)
		na_buf_add(&b, n->text, n->len);
	else
		collect(&b, n, skip_junk);
	size_t k = b.p ? na_text_normalize(b.p, b.len) : 0;
	char *r = na_arena_strndup(arena, b.p ? b.p : "", k);
	na_buf_free(&b);
	if (len)
		*len = k;
	return r;
}
