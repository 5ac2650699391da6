/* meta.c - article metadata from a page, with an order of evidence per
 * field (docs/html.md): schema.org JSON-LD first (publishers fill it for
 * search engines, it is the most exact), then OpenGraph / article:*, then
 * Dublin Core and common meta names, microdata, visible markup (<time>,
 * bylines, <h1>), the URL path and finally dates written near the headline. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include "html.h"

#ifndef H1_MIN_SHARED
#define H1_MIN_SHARED 1
#endif

struct ld {
	const struct na_json *art;      /* the article object */
	const struct na_json *graph;    /* @graph array, to resolve @id references */
	const struct na_json *page;     /* a WebPage object, fallback for dates */
};

static int type_is(const struct na_json *o, const char *const *names)
{
	const struct na_json *t = na_json_get(o, "@type");
	if (!t)
		return 0;
	size_t n = t->type == NA_JSON_ARRAY ? t->len : 1;
	for (size_t i = 0; i < n; i++) {
		const struct na_json *v = t->type == NA_JSON_ARRAY ? &t->u.items[i] : t;
		if (v->type != NA_JSON_STRING)
			continue;
		const char *s = v->u.str;
		if (!strncmp(s, "http://schema.org/", 18))
			s += 18;
		else if (!strncmp(s, "https://schema.org/", 19))
			s += 19;
		for (size_t k = 0; names[k]; k++)
			if (!strcmp(s, names[k]))
				return 1;
	}
	return 0;
}

static const char *const article_types[] = {
	"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
	"OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting",
	"TechArticle", "ScholarlyArticle", "Report", "SocialMediaPosting", "AdvertiserContentArticle",
	"SatiricalArticle", "MedicalWebPage", "Blog", "Posting", NULL};
static const char *const page_types[] = {"WebPage", "ItemPage", "CollectionPage", NULL};

static void ld_walk(struct ld *ld, const struct na_json *v, const struct na_json *graph, int depth)
{
	if (!v || depth > 8)
		return;
	if (v->type == NA_JSON_ARRAY) {
		for (size_t i = 0; i < v->len; i++)
			ld_walk(ld, &v->u.items[i], graph, depth + 1);
		return;
	}
	if (v->type != NA_JSON_OBJECT)
		return;
	if (!ld->art && type_is(v, article_types)) {
		ld->art = v;
		ld->graph = graph;
	}
	if (!ld->page && type_is(v, page_types))
		ld->page = v;
	const struct na_json *g = na_json_get(v, "@graph");
	if (g)
		ld_walk(ld, g, g, depth + 1);
	const struct na_json *me = na_json_get(v, "mainEntity");
	if (me && !ld->art)
		ld_walk(ld, me, graph, depth + 1);
}

/* Follow {"@id": ...} into the @graph. */
static const struct na_json *ld_resolve(const struct ld *ld, const struct na_json *v)
{
	if (!v || v->type != NA_JSON_OBJECT || !ld->graph || ld->graph->type != NA_JSON_ARRAY)
		return v;
	const struct na_json *id = na_json_get(v, "@id");
	if (!id || id->type != NA_JSON_STRING || na_json_get(v, "name"))
		return v;
	for (size_t i = 0; i < ld->graph->len; i++) {
		const struct na_json *o = &ld->graph->u.items[i];
		if (o == v || o->type != NA_JSON_OBJECT)
			continue;
		const struct na_json *oid = na_json_get(o, "@id");
		if (oid && oid->type == NA_JSON_STRING && !strcmp(oid->u.str, id->u.str))
			return o;
	}
	return v;
}

static const char *ld_str(const struct na_json *o, const char *key)
{
	const struct na_json *v = o ? na_json_get(o, key) : NULL;
	if (v && v->type == NA_JSON_ARRAY && v->len)
		v = &v->u.items[0];
	if (v && v->type == NA_JSON_STRING && v->len && !memchr(v->u.str, 0, v->len))
		return v->u.str;
	return NULL;
}

/* ---- text helpers ---------------------------------------------------------- */

/* Decode the few HTML entities JSON-LD and meta values carry, normalize
 * whitespace; result in arena. */
static char *clean(struct na_arena *ar, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *d = na_arena_alloc(ar, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == '&') {
			static const struct { const char *e; const char *r; } ents[] = {
				{"&amp;", "&"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"},
				{"&nbsp;", " "}, {"&rsquo;", "\xE2\x80\x99"}, {"&lsquo;", "\xE2\x80\x98"},
				{"&rdquo;", "\xE2\x80\x9D"}, {"&ldquo;", "\xE2\x80\x9C"}, {"&mdash;", "\xE2\x80\x94"},
				{"&ndash;", "\xE2\x80\x93"}, {"&hellip;", "\xE2\x80\xA6"},
			};
			int done = 0;
			for (size_t k = 0; k < NA_ARRAY_SIZE(ents); k++) {
				size_t el = strlen(ents[k].e);
				if (!strncmp(s + i, ents[k].e, el)) {
					size_t rl = strlen(ents[k].r);
					memcpy(d + o, ents[k].r, rl);
					o += rl;
					i += el;
					done = 1;
					break;
				}
			}
			if (!done && s[i + 1] == '#') {
				size_t j = i + 2;
				unsigned long cp = 0;
				int hex = s[j] == 'x' || s[j] == 'X';
				if (hex)
					j++;
				size_t st = j;
				while (j < n && j - st < 7 && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j])))
					cp = cp * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)s[j]) ? s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10)), j++;
				if (j > st && j < n && s[j] == ';' && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp < 0xE000)) {
					struct na_buf b = {0};
					na_buf_add_utf8(&b, (unsigned)cp);
					if (b.len <= j + 1 - i) {
						memcpy(d + o, b.p, b.len);
						o += b.len;
						i = j + 1;
						done = 1;
					}
					na_buf_free(&b);
				}
			}
			if (done)
				continue;
		}
		d[o++] = s[i++];
	}
	d[o] = 0;
	o = na_text_normalize(d, o);
	d[o] = 0;
	return d;
}

/* Casefolded ASCII comparison with whitespace collapsed; ok for "same headline". */
static int same_text(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++, b++;
	}
}

static int words(const char *s)
{
	int w = 0, in = 0;
	for (; s && *s; s++) {
		if (*s == ' ')
			in = 0;
		else if (!in)
			in = 1, w++;
	}
	return w;
}

/* Typographic quotes, dashes, the ellipsis and no-break space folded to
 * ASCII (for comparing two spellings of one headline); in arena. */
static char *fold_typo(struct na_arena *ar, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s), o = 0;
	char *d = na_arena_alloc(ar, n + 1);
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)s + i;
		if (u[0] == 0xE2 && u[1] == 0x80 && i + 2 < n) {
			unsigned c = u[2];
			if (c == 0x98 || c == 0x99 || c == 0x9A || c == 0xB2) {
				d[o++] = '\'', i += 3;
				continue;
			}
			if (c == 0x9C || c == 0x9D || c == 0x9E) {
				d[o++] = '"', i += 3;
				continue;
			}
			if (c >= 0x90 && c <= 0x95) {
				d[o++] = '-', i += 3;
				continue;
			}
			if (c == 0xA6) {
				memcpy(d + o, "...", 3), o += 3, i += 3;
				continue;
			}
		}
		if (u[0] == 0xE2 && u[1] == 0x88 && i + 2 < n && u[2] == 0x92) {
			d[o++] = '-', i += 3;
			continue;
		}
		if (u[0] == 0xC2 && i + 1 < n && (u[1] == 0xAB || u[1] == 0xBB || u[1] == 0xA0)) {
			d[o++] = u[1] == 0xA0 ? ' ' : '"', i += 2;
			continue;
		}
		d[o++] = s[i++];
	}
	d[o] = 0;
	return d;
}

static int same_folded(struct na_arena *ar, const char *a, const char *b)
{
	return a && b && same_text(fold_typo(ar, a), fold_typo(ar, b));
}

/* The next run of ASCII letters and digits at or after *p: its start, with
 * *len set and *p moved past it; NULL at the end. */
static const char *next_word(const char **p, size_t *len)
{
	const char *s = *p;
	while (*s && !isalnum((unsigned char)*s))
		s++;
	const char *e = s;
	while (*e && isalnum((unsigned char)*e))
		e++;
	*p = e;
	*len = (size_t)(e - s);
	return *len ? s : NULL;
}

/* Content words (3+ letters or digits, casefolded ASCII) that a and b
 * share: how much an <h1> and the page's meta titles agree. */
static int shared_words(const char *a, const char *b)
{
	static const char *const stop[] = {"the", "and", "for", "with", "you", "your", "how", "what", "are",
	                                   "from", "this", "that", "why", "who", "its", "our", "all", "can", NULL};
	if (!a || !b)
		return 0;
	int n = 0;
	size_t l, k;
	for (const char *p = a, *w; (w = next_word(&p, &l));) {
		int skip = l < 3;
		for (size_t i = 0; !skip && stop[i]; i++)
			skip = strlen(stop[i]) == l && na_strncaseeq(w, stop[i], l);
		if (skip)
			continue;
		for (const char *q = b, *v; (v = next_word(&q, &k));)
			if (k == l && na_strncaseeq(w, v, l)) {
				n++;
				break;
			}
	}
	return n;
}

/* Split a <title> at site-name separators; the article headline is the
 * longest part unless one part is the site name. */
static char *strip_site(struct na_arena *ar, const char *t, const char *site, const char **site_out)
{
	static const char *const seps[] = {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xB7 ",
	                                   " \xC2\xBB ", " // ", " \xE2\x80\xA2 ", " : "};
	if (!t)
		return NULL;
	for (size_t k = 0; k < NA_ARRAY_SIZE(seps); k++) {
		const char *sep = seps[k];
		size_t sl = strlen(sep);
		const char *first = strstr(t, sep);
		if (!first)
			continue;
		const char *last = first;
		for (const char *q = strstr(last + sl, sep); q; q = strstr(q + sl, sep))
			last = q;
		/* "Headline | Site" or "Site | Headline" */
		const char *tail = last + sl;
		size_t headlen = (size_t)(first - t);
		if (site && same_text(tail, site)) {
			if (site_out)
				*site_out = na_arena_strdup(ar, tail);
			return na_arena_strndup(ar, t, (size_t)(last - t));
		}
		char *head = na_arena_strndup(ar, t, headlen);
		if (site && same_text(head, site)) {
			if (site_out)
				*site_out = head;
			return na_arena_strdup(ar, first + sl);
		}
		/* separators like " - " also occur inside headlines: only strip a
		 * short tail (a site name), never half of the title */
		if (k == 1 || k == 9) {
			if (words(tail) <= 4 && words(t) - words(tail) >= 3) {
				if (site_out)
					*site_out = na_arena_strdup(ar, tail);
				return na_arena_strndup(ar, t, (size_t)(last - t));
			}
			continue;
		}
		if (words(tail) <= words(t) / 2 || strlen(tail) < headlen) {
			if (site_out)
				*site_out = na_arena_strdup(ar, tail);
			return na_arena_strndup(ar, t, (size_t)(last - t));
		}
		if (words(head) <= 4) {
			if (site_out)
				*site_out = head;
			return na_arena_strdup(ar, first + sl);
		}
	}
	return na_arena_strdup(ar, t);
}

/* "Blog Name: Post title" titles: an <h1> that is the part of the <title>
 * before a colon or separator is the site's name, not the headline. */
static int title_label(const char *title, const char *h)
{
	if (!title || !h)
		return 0;
	while (*title == ' ')
		title++;
	size_t l = strlen(h);
	if (!l || !na_strncaseeq(title, h, l))
		return 0;
	const char *r = title + l;
	while (*r == ' ')
		r++;
	return (*r == ':' || *r == '|' || *r == '-' || !strncmp(r, "\xE2\x80\x93", 3) ||
	        !strncmp(r, "\xE2\x80\x94", 3) || !strncmp(r, "\xC2\xBB", 2)) &&
	       words(title) >= words(h) + 2;
}

/* ---- walking ------------------------------------------------------------- */

static const struct hnode *next_node(const struct hnode *n, const struct hnode *stop)
{
	if (n->first)
		return n->first;
	while (n && n != stop) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static const struct hnode *skip_subtree(const struct hnode *n, const struct hnode *stop)
{
	while (n && n != stop) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* A nav/aside/footer that holds most of the page's text is a wrapper the
 * parser made by leaving a mis-nested element open (libxml2 ignores a
 * </nav> while a <div> inside is still open): layout, not chrome. */
static int major_of(const struct hnode *n, uint32_t total)
{
	return n->nparas >= 3 && n->chars > total / 2;
}

static uint32_t page_chars(const struct hnode *n)
{
	while (n->parent)
		n = n->parent;
	return n->chars;
}


/* Only an aside or footer (not nav, hidden or script) keeps n out: such
 * boxes hold a post's date on some themes ("<footer class=entry-meta>"),
 * so they are the last place to look for one.  Lists are left out (the
 * dates of other posts). */
static int soft_chrome(const struct hnode *n)
{
	int soft = 0;
	uint32_t total = page_chars(n);
	for (; n; n = n->parent) {
		if ((n->flags & HN_HIDDEN) || n->tag == T_SCRIPT || n->tag == T_NOSCRIPT || n->tag == T_TEMPLATE ||
		    n->tag == T_LI || n->tag == T_FORM || (n->tag == T_NAV && !major_of(n, total)))
			return 0;
		if ((n->tag == T_ASIDE || n->tag == T_FOOTER) && !major_of(n, total))
			soft = 1;
	}
	return soft;
}

/* Inside a related-stories, comments, share or sidebar widget (class/id
 * names it; not a big wrapper): dates there belong to other posts. */
static const struct hnode *in_widget(const struct hnode *n)
{
	uint32_t total = page_chars(n);
	for (; n; n = n->parent)
		if ((n->flags & HN_SHARE) && n->tag != T_BODY && n->tag != T_HTML && n->tag != T_MAIN &&
		    n->tag != T_ARTICLE && !((n->flags & HN_POS) && n->nparas >= 3) && !major_of(n, total))
			return n;
	return NULL;
}

/* Inside a comment (class/id or microdata names it): a commenter, not the author. */
static int in_comment(const struct hnode *n)
{
	uint32_t total = page_chars(n);
	for (; n; n = n->parent) {
		if (((n->cls && strstr(n->cls, "comment")) || (n->itemtype && strstr(n->itemtype, "Comment")) ||
		     (n->itemprop && !strcmp(n->itemprop, "comment"))) && !major_of(n, total) && n->tag != T_BODY)
			return 1;
		if (n->tag == T_BODY || n->tag == T_MAIN)
			return 0;
	}
	return 0;
}

/* n inside a <time> or date-classed element below top. */
static int in_date(const struct hnode *n, const struct hnode *top)
{
	for (n = n->parent; n && n != top; n = n->parent)
		if (n->tag == T_TIME || ((n->flags & HN_DATE) && !(n->flags & HN_BYLINE)))
			return 1;
	return 0;
}

static int in_chrome(const struct hnode *n)
{
	uint32_t total = page_chars(n);
	for (; n; n = n->parent)
		if ((n->flags & HN_HIDDEN) || n->tag == T_SCRIPT || n->tag == T_NOSCRIPT || n->tag == T_TEMPLATE ||
		    ((n->tag == T_NAV || n->tag == T_ASIDE || n->tag == T_FOOTER) && !major_of(n, total)))
			return 1;
	return 0;
}

/* A post's own date in a small box named as a sidebar or meta widget
 * ("single-post-sidebar"): a widget of a few words, not a list of posts. */
static int soft_widget(const struct hnode *n)
{
	const struct hnode *w = in_widget(n);
	return w && w->chars < 200 && !in_chrome(n);
}

static const char *const agencies[] = {
	"Xinhua", "Associated Press", "Reuters", "AFP", "Agence France-Presse", "dpa", "Kyodo",
	"Yonhap", "ANSA", "EFE", "TASS", "RIA Novosti", "Interfax", "PTI", "IANS", "Bernama", "Anadolu",
	"UPI", "Bloomberg", "AAP", "Canadian Press", "Press Association", "NTB", "ANP", "APA", "Belga",
	"Jiji", "CNA", "AP", NULL};

const char *html_agency(const char *s, size_t n)
{
	for (size_t i = 0; agencies[i]; i++) {
		size_t k = strlen(agencies[i]);
		for (size_t j = 0; j + k <= n; j++) {
			if (memcmp(s + j, agencies[i], k) != 0)
				continue;
			int lb = j == 0 || !isalnum((unsigned char)s[j - 1]);
			int rb = j + k == n || !isalnum((unsigned char)s[j + k]);
			if (lb && rb)
				return agencies[i];
		}
	}
	return NULL;
}

static int looks_like_url(const char *s)
{
	return !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) || !strncmp(s, "www.", 4) ||
	       (strchr(s, '/') != NULL && strchr(s, ' ') == NULL);
}

/* "By Jane Doe | June 3" -> "Jane Doe"; NULL when nothing name-like is left. */
static char *clean_byline(struct na_arena *ar, const char *s, int strict)
{
	if (!s)
		return NULL;
	char *t = clean(ar, s);
	char *p = t;
	static const char *const pre[] = {"view all posts by ", "all posts by ", "more posts by ", "written by: ", "posted by: ", "written by ", "posted by ", "reviewed by ", "words by ", "story by ",
	                                  "by: ", "by ", "von ", "par ", "por ", "from ", "author: ", "authors: ",
	                                  "\xE2\x80\x94 ", "- ", "text: "};
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < NA_ARRAY_SIZE(pre); i++)
			if (na_strncaseeq(p, pre[i], strlen(pre[i]))) {
				p += strlen(pre[i]);
				again = 1;
			}
	}
	/* cut at separators that start dates, roles or sharing text */
	static const char *const cut[] = {" | ", " \xE2\x80\xA2 ", " \xC2\xB7 ", "\n", " - ", " \xE2\x80\x94 ",
	                                  " \xE2\x80\x93 ", " on ", " updated", " Updated", " published",
	                                  " Published", " posted", " Posted", ", Staff", " is a ", " is an ",
	                                  " \xC2\xA0"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(cut); i++) {
		char *q = strstr(p, cut[i]);
		if (q && q > p)
			*q = 0;
	}
	/* "Jane Doe, Candidate Representative to the Liaison Committee": a
	 * long role after the name */
	if (strict && words(p) > 8 && strstr(p, ", "))
		*strstr(p, ", ") = 0;
	size_t n = strlen(p);
	for (;;) {
		/* trailing separators: , | : - and the en/em dash, middle dot, bullet */
		if (n && (p[n - 1] == ' ' || p[n - 1] == ',' || p[n - 1] == '|' || p[n - 1] == ':' || p[n - 1] == '-'))
			p[--n] = 0;
		else if (n >= 3 && (!strcmp(p + n - 3, "\xE2\x80\x93") || !strcmp(p + n - 3, "\xE2\x80\x94") ||
		                    !strcmp(p + n - 3, "\xE2\x80\xA2")))
			p[n -= 3] = 0;
		else if (n >= 2 && !strcmp(p + n - 2, "\xC2\xB7"))
			p[n -= 2] = 0;
		else
			break;
	}
	if (!n || n > 80 || words(p) > 8)
		return NULL;
	/* labels and widgets that sit where bylines sit */
	static const char *const notname[] = {"by", "posted by", "written by", "author", "authors", "author bio",
	                                      "about the author", "sign in", "log in", "login", "share", "follow",
	                                      "contributor", "contributor content", "staff", "admin", "editor",
	                                      "more", "read more", "subscribe", "menu", "search", "home", "name",
	                                      "your name", "undefined", "null", "unknown", "anonymous"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(notname); i++)
		if (same_text(p, notname[i]))
			return NULL;
	if (n >= 3 && na_strncaseeq(p + n - 3, " by", 3))
		return NULL;
	if (!strchr(p, ' ') && strchr(p, '.'))
		return NULL; /* template placeholders such as page.head.author */
	if (n >= 2 && !strcmp(p + n - 2, " *"))
		return NULL; /* form labels ("Name *") */
	while (n && p[n - 1] == '*')
		p[--n] = 0; /* footnote marks */
	if (strict && !isupper((unsigned char)p[0]) && !((unsigned char)p[0] >= 0x80))
		return NULL; /* names are capitalised; handles and slugs are not */
	int digits = 0;
	for (size_t i = 0; i < n; i++)
		digits += isdigit((unsigned char)p[i]) != 0;
	if (digits > 2)
		return NULL;
	if (looks_like_url(p))
		return NULL;
	return p;
}

/* Text of a byline element without the dates in it ("By Jane Doe,
 * <time>May 2</time>"): <time> and date-classed children are left out. */
static void byline_collect(struct na_buf *b, const struct hnode *n)
{
	for (const struct hnode *k = n->first; k; k = k->next) {
		if (k->flags & HN_TEXT) {
			na_buf_add(b, k->text, k->len);
			continue;
		}
		if (k->tag == T_SCRIPT || k->tag == T_STYLE || k->tag == T_NOSCRIPT || k->tag == T_TEMPLATE ||
		    k->tag == T_TIME || ((k->flags & HN_DATE) && !(k->flags & HN_BYLINE)))
			continue;
		int blk = html_tag_is_block(k->tag);
		if (blk)
			na_buf_addc(b, ' ');
		byline_collect(b, k);
		if (k->tag == T_LI && k->next)
			na_buf_add(b, ", ", 2); /* one name per list item */
		else if (blk || (k->next && !(k->next->flags & HN_TEXT)))
			na_buf_addc(b, ' '); /* <span>By</span><span>Name</span> */
	}
}

static char *byline_text(struct na_arena *ar, const struct hnode *n)
{
	struct na_buf b = {0};
	byline_collect(&b, n);
	size_t k = b.p ? na_text_normalize(b.p, b.len) : 0;
	char *r = na_arena_strndup(ar, b.p ? b.p : "", k);
	na_buf_free(&b);
	return r;
}

static int person_like(const char *s)
{
	static const char *const org[] = {"news", "blog", "magazine", "inc", "llc", "ltd", "team", "media",
	                                  "group", "times", "post", "journal", "daily", "weekly", "the", "tech",
	                                  "labs", "press", "radio", "tv", "online", "review", "digital", "club",
	                                  "company", "studio", "guide", "home", "world", "network", "store", "shop",
	                                  "center", "centre", "health", "house", "school", "university", "city",
	                                  "report", "herald", "tribune", "gazette", "channel", "insider", "co"};
	int w = 0;
	const char *p = s;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (!isupper((unsigned char)*p))
			return 0;
		for (const char *q = p; q < e; q++)
			if (!isalpha((unsigned char)*q) && *q != '-' && *q != '\'' && (unsigned char)*q < 0x80)
				return 0;
		for (size_t i = 0; i < NA_ARRAY_SIZE(org); i++)
			if (strlen(org[i]) == (size_t)(e - p) && na_strncaseeq(p, org[i], (size_t)(e - p)))
				return 0;
		w++;
		p = e;
	}
	return w >= 2 && w <= 3;
}

/* Letters and digits of s, lowercased, into d (cap bytes). */
static void squash(const char *s, char *d, size_t cap)
{
	size_t o = 0;
	for (; s && *s && o + 1 < cap; s++)
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
			d[o++] = (char)tolower((unsigned char)*s);
	d[o] = 0;
}

/* name is the site's own name: the publisher / og:site_name, the <title>
 * suffix or the domain's name ("HomeAdvisor" for "Home Advisor",
 * "franshares" for franshares.com), spaces and case aside. */
static int site_like(const char *name, const char *site, const char *title_site, const char *url)
{
	char n[128], o[128];
	squash(name, n, sizeof n);
	if (!*n)
		return 0;
	const char *c[] = {site, title_site};
	for (size_t i = 0; i < NA_ARRAY_SIZE(c); i++) {
		squash(c[i], o, sizeof o);
		if (*o && !strcmp(n, o))
			return 1;
	}
	if (url) {
		const char *h = strstr(url, "://");
		h = h ? h + 3 : url;
		if (!strncmp(h, "www.", 4))
			h += 4;
		size_t l = strcspn(h, "./:");
		if (l && l < sizeof o) {
			memcpy(o, h, l);
			o[l] = 0;
			squash(o, o, sizeof o);
			if (!strcmp(n, o))
				return 1;
		}
	}
	return 0;
}

static void add_author(struct na_article *a, struct na_arena *ar, const char *raw, int strict)
{
	char *s = clean_byline(ar, raw, strict);
	if (!s)
		return;
	for (size_t i = 0; i < a->byline.n; i++)
		if (same_text(a->byline.v[i], s))
			return;
	na_strlist_push(a, &a->byline, s, strlen(s));
}

static void ld_authors(const struct ld *ld, const struct na_json *v, struct na_article *a, struct na_arena *ar)
{
	if (!v)
		return;
	if (v->type == NA_JSON_STRING) {
		/* "A, B and C" is one string in some pages: keep it whole */
		add_author(a, ar, v->u.str, 0);
		return;
	}
	if (v->type == NA_JSON_ARRAY) {
		for (size_t i = 0; i < v->len && i < 20; i++)
			ld_authors(ld, &v->u.items[i], a, ar);
		return;
	}
	if (v->type == NA_JSON_OBJECT) {
		const struct na_json *o = ld_resolve(ld, v);
		const char *name = ld_str(o, "name");
		if (name)
			add_author(a, ar, name, 0);
	}
}

static int set_date(struct na_article *a, struct na_date *d, const char *s)
{
	char out[64];
	unsigned fl;
	if (!s || d->value)
		return d->value != NULL;
	size_t n = strlen(s);
	if (na_date_parse(s, n, out, &fl) != 0)
		return 0;
	na_article_set_date(a, d, s, n);
	return 1;
}

static int set_date_found(struct na_article *a, struct na_date *d, const char *s, size_t n)
{
	char out[64];
	unsigned fl;
	/* callers pass windows cut out of longer text (the last 300 bytes
	 * before the headline, the first 600 after it): start on a character */
	while (n && ((unsigned char)*s & 0xC0) == 0x80)
		s++, n--;
	if (d->value || na_date_find(s, n, out, &fl) != 0)
		return 0;
	/* raw: the shortest leading piece of the text (cut at a space) that
	 * still gives the same date, as written */
	size_t keep = n > 200 ? 200 : n;
	while (keep && keep < n && ((unsigned char)s[keep] & 0xC0) == 0x80)
		keep--; /* never inside a UTF-8 sequence */
	for (size_t cut = 24; cut < keep; cut += 8) {
		char o2[64];
		unsigned f2;
		size_t c = cut;
		while (c < keep && s[c] != ' ')
			c++;
		if (na_date_find(s, c, o2, &f2) == 0 && !strcmp(o2, out)) {
			keep = c;
			break;
		}
	}
	d->raw = na_arena_strndup(a->arena, s, keep);
	d->value = na_arena_strdup(a->arena, out);
	d->flags = fl;
	return 1;
}

static void set_lang(struct na_article *a, const char *s)
{
	if (!s || a->language)
		return;
	char buf[36];
	size_t n = 0;
	while (*s == ' ')
		s++;
	for (; s[n] && n + 1 < sizeof buf && (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == '_'); n++)
		buf[n] = s[n] == '_' ? '-' : s[n];
	buf[n] = 0;
	if (n < 2)
		return;
	/* language lowercase, a 2-letter region uppercase (BCP 47 conventions) */
	size_t i = 0;
	for (; i < n && buf[i] != '-'; i++)
		buf[i] = (char)tolower((unsigned char)buf[i]);
	if (i < 2 || i > 3)
		return;
	if (i < n && n - i - 1 == 2)
		buf[i + 1] = (char)toupper((unsigned char)buf[i + 1]), buf[i + 2] = (char)toupper((unsigned char)buf[i + 2]);
	a->language = na_arena_strndup(a->arena, buf, n);
}

static void set_str(struct na_article *a, const char **dst, const char *s)
{
	if (*dst || !s)
		return;
	char *t = clean(a->arena, s);
	if (*t)
		*dst = t;
}

/* A /yyyy/mm/dd/ (or /yyyy-mm-dd) date in a URL path. */
static int url_date(const char *u, char *out)
{
	if (!u)
		return 0;
	for (const char *p = u; *p; p++) {
		if (*p != '/' || !isdigit((unsigned char)p[1]))
			continue;
		int y, m, d;
		char s1, s2, e;
		if (sscanf(p + 1, "%4d%c%2d%c%2d%c", &y, &s1, &m, &s2, &d, &e) == 6 && s1 == s2 &&
		    (s1 == '/' || s1 == '-') && (e == '/' || e == '-' || e == '.') && y >= 1990 && y <= 2100 &&
		    m >= 1 && m <= 12 && d >= 1 && d <= 31 && isdigit((unsigned char)p[4]) && isdigit((unsigned char)p[7]) &&
		    isdigit((unsigned char)p[10])) {
			snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
			return 1;
		}
	}
	return 0;
}

void html_extract_meta(struct na_ctx *c, struct html_page *p, struct na_article *a,
                       const struct hnode **headline_node)
{
	(void)c;
	struct na_arena *ar = a->arena;
	struct ld ld = {0};
	for (size_t i = 0; i < p->njsonld; i++) {
		struct na_json_error err;
		/* sloppy JSON-LD (trailing commas, raw newlines) is skipped, not repaired */
		const struct na_json *root = na_json_parse(p->arena, p->jsonld[i], strlen(p->jsonld[i]), 64, 1, &err);
		if (root)
			ld_walk(&ld, root, NULL, 0);
	}
	const struct na_json *art = ld.art;

	/* ---- site / source */
	const char *site = NULL;
	if (art) {
		const struct na_json *pub = ld_resolve(&ld, na_json_get(art, "publisher"));
		if (pub && pub->type == NA_JSON_ARRAY && pub->len)
			pub = ld_resolve(&ld, &pub->u.items[0]);
		if (pub && pub->type == NA_JSON_OBJECT)
			site = ld_str(pub, "name");
	}
	if (!site)
		site = html_meta_get(p, "og:site_name");
	if (!site)
		site = html_meta_get(p, "application-name");
	if (!site)
		site = html_meta_get(p, "dc.publisher");
	if (site)
		site = clean(ar, site);

	/* ---- headline */
	const char *jl = art ? clean(ar, ld_str(art, "headline")) : NULL;
	if (art && !jl)
		jl = clean(ar, ld_str(art, "name"));
	const char *title_site = NULL;
	const char *og = html_meta_get(p, "og:title");
	og = og ? strip_site(ar, clean(ar, og), site, NULL) : NULL;
	const char *tw = html_meta_get(p, "twitter:title");
	tw = tw ? strip_site(ar, clean(ar, tw), site, NULL) : NULL;
	const char *tt = p->title ? strip_site(ar, clean(ar, p->title), site, &title_site) : NULL;
	const char *dc = html_meta_get(p, "dc.title");
	const struct hnode *h1 = NULL, *firsth1 = NULL;
	char *h1text = NULL, *firsth1text = NULL;
	int nh1 = 0;
	for (const struct hnode *n = p->root; n; n = next_node(n, p->root)) {
		if (n->tag != T_H1 || in_chrome(n))
			continue;
		size_t len;
		char *t = html_text(ar, n, 0, &len);
		if (!len)
			continue;
		nh1++;
		if (!firsth1 && !(site && same_text(t, site)) && !(title_site && same_text(t, title_site)) &&
		    !title_label(p->title, t) && words(t) >= 2) {
			firsth1 = n;
			firsth1text = t;
		}
		int is_site = (site && same_text(t, site)) || (title_site && same_text(t, title_site));
		if (!is_site && (same_text(t, jl) || same_text(t, og) || same_text(t, tw) || same_text(t, tt) ||
		                 same_text(t, dc) ||
		                 (p->title && words(t) >= 2 && strstr(p->title, t) && tt && strlen(t) * 2 >= strlen(tt)))) {
			h1 = n;
			h1text = t;
			break;
		}
		if (nh1 > 20)
			break;
	}
	if (!h1 && firsth1 && words(firsth1text) >= 2 && words(firsth1text) <= 30 &&
	    !same_folded(ar, firsth1text, jl) && !same_folded(ar, firsth1text, og) &&
	    !same_folded(ar, firsth1text, tt)) {
		/* the visible headline often words it differently from og:title
		 * or <title> (written for search and sharing): take the page's
		 * first <h1> when it shares content words with one of them */
		int sw = shared_words(firsth1text, jl);
		int s2 = shared_words(firsth1text, og), s3 = shared_words(firsth1text, tt);
		if (s2 > sw)
			sw = s2;
		if (s3 > sw)
			sw = s3;
		if (sw >= H1_MIN_SHARED) {
			h1 = firsth1;
			h1text = firsth1text;
		}
	}
	if (h1) {
		a->headline = h1text;
	} else if (jl && *jl) {
		a->headline = jl;
	} else if (og && *og) {
		a->headline = og;
	} else if (firsth1 && words(firsth1text) >= 3) {
		a->headline = firsth1text;
		h1 = firsth1;
	} else if (tt && *tt) {
		a->headline = tt;
	} else if (firsth1) {
		a->headline = firsth1text;
		h1 = firsth1;
	}
	/* a pipe is not headline punctuation: what follows it is a label
	 * (section, series, site: "... | Opinion", "... | Part 1") */
	if (a->headline) {
		const char *bar = strstr(a->headline, " | ");
		if (bar && bar > a->headline) {
			char *head = na_arena_strndup(ar, a->headline, (size_t)(bar - a->headline));
			if (words(head) >= 3 && words(bar + 3) <= 5)
				a->headline = head;
		}
	}
	*headline_node = h1;
	const struct hnode *anchor = h1;
	if (!anchor && a->headline) {
		/* the visible element that carries the headline, for dates near it */
		size_t hl = strlen(a->headline);
		for (const struct hnode *n = p->root; n; n = next_node(n, p->root)) {
			if ((n->flags & HN_TEXT) || n->tag == T_HEAD || n->tag == T_TITLE || n->tag == T_SCRIPT)
				continue;
			size_t len;
			if (n->chars > hl || n->chars * 2 < hl || in_chrome(n))
				continue;
			char *t = html_text(ar, n, 0, &len);
			if (same_text(t, a->headline)) {
				anchor = n;
				break;
			}
		}
	}
	if (!anchor && a->headline) {
		/* else the <h1> (on a page without one, the <h2>) that words the
		 * headline nearly the same way; with no <h1> at all, that <h2> is
		 * the visible headline */
		int hw = words(a->headline);
		int k = 0, tag = nh1 ? T_H1 : T_H2;
		for (const struct hnode *n = p->root; n && k < 20; n = next_node(n, p->root)) {
			if (n->tag != tag || in_chrome(n))
				continue;
			k++;
			char *t = html_text(ar, n, 0, NULL);
			int sw = shared_words(t, a->headline);
			if (sw >= 3 && sw * 2 >= hw && words(t) <= hw * 2) {
				anchor = n;
				if (tag == T_H2 && !same_folded(ar, t, a->headline)) {
					a->headline = t;
					*headline_node = n;
				}
				break;
			}
		}
	}
	if (!site && title_site && words(title_site) <= 5)
		site = title_site;

	/* ---- subheadline */
	if (art)
		set_str(a, &a->subheadline, ld_str(art, "alternativeHeadline"));

	/* ---- dates: JSON-LD, article:* / OpenGraph, meta names, microdata */
	if (art) {
		set_date(a, &a->published, ld_str(art, "datePublished"));
		if (!a->published.value)
			set_date(a, &a->published, ld_str(art, "dateCreated"));
		set_date(a, &a->modified, ld_str(art, "dateModified"));
	}
	static const char *const pubkeys[] = {
		"article:published_time", "og:published_time", "article:published", "datepublished",
		"publishdate", "publish-date", "publish_date", "pubdate", "date", "dc.date.issued",
		"dcterms.issued", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created",
		"sailthru.date", "parsely-pub-date", "article.published", "published_time", "article_date_original",
		"original-publish-date", "displaydate", "dc.date.published", "citation_publication_date",
		"citation_date", "cxenseparse:recs:publishtime", "bt:pubdate", "release_date", "published-date",
		"published_date", "publication-date", "publication_date", "pub-date", "pub_date", "date.published",
		"article.created", "created-date", "datecreated", NULL};
	for (size_t i = 0; pubkeys[i] && !a->published.value; i++)
		set_date(a, &a->published, html_meta_get(p, pubkeys[i]));
	static const char *const modkeys[] = {"article:modified_time", "og:updated_time", "datemodified", "modified-date",
	                                      "modified_date", "last-modified-date",
	                                      "dcterms.modified", "dc.date.modified", "last-modified", NULL};
	for (size_t i = 0; modkeys[i] && !a->modified.value; i++)
		set_date(a, &a->modified, html_meta_get(p, modkeys[i]));
	if (ld.page) {
		set_date(a, &a->published, ld_str(ld.page, "datePublished"));
		set_date(a, &a->modified, ld_str(ld.page, "dateModified"));
	}

	/* ---- walk the body once: microdata, <time>, bylines, date-ish elements */
	const struct hnode *after = anchor;
	int seen_h1 = anchor == NULL, tries = 0;
	const char *time_any = NULL, *time_after = NULL, *time_soft = NULL;
	const struct hnode *datecls_soft = NULL;
	size_t after_chars = 0, datecls_dist = 0; /* text after the headline, up to datecls_after */
	const struct hnode *datecls = NULL, *datecls_after = NULL;
	const char *md_author = NULL, *rel_author = NULL, *cls_author = NULL, *by_author = NULL;
	const char *cls_author_soft = NULL;
	int author_tries = 0, by_tries = 0;
	int nodes = 0;
	for (const struct hnode *n = p->root; n; ) {
		if (n == after)
			seen_h1 = 1;
		if ((n->flags & HN_TEXT) && seen_h1 && anchor)
			after_chars += n->len;
		if ((n->flags & HN_TEXT) || n->tag == T_SCRIPT || n->tag == T_STYLE || n->tag == T_HEAD) {
			n = n->flags & HN_TEXT ? next_node(n, p->root) : skip_subtree(n, p->root);
			continue;
		}
		nodes++;
		if (n->itemprop) {
			const char *ip = n->itemprop;
			if (strstr(ip, "datePublished") && !a->published.value)
				set_date(a, &a->published, n->datetime ? n->datetime : n->content ? n->content : html_text(ar, n, 0, NULL));
			else if (strstr(ip, "dateModified") && !a->modified.value)
				set_date(a, &a->modified, n->datetime ? n->datetime : n->content ? n->content : html_text(ar, n, 0, NULL));
			else if (!strcmp(ip, "author") && !md_author && !in_comment(n)) {
				const char *v = n->content;
				for (const struct hnode *k = n->first; !v && k; k = next_node(k, n))
					if (k->itemprop && !strcmp(k->itemprop, "name"))
						v = k->content ? k->content : html_text(ar, k, 0, NULL);
				if (!v)
					v = html_text(ar, n, 0, NULL);
				md_author = v;
			}
		}
		if (n->tag == T_TIME && !time_soft && (soft_chrome(n) || soft_widget(n))) {
			const char *v = n->datetime ? n->datetime : html_text(ar, n, 0, NULL);
			char out[64];
			unsigned fl;
			if (v && na_date_parse(v, strlen(v), out, &fl) == 0)
				time_soft = v;
		}
		if ((n->flags & HN_DATE) && !datecls_soft && n->chars > 5 && n->chars < 80 &&
		    (soft_chrome(n) || soft_widget(n))) {
			size_t len;
			char out[64];
			unsigned fl;
			char *t = html_text(ar, n, 0, &len);
			if (na_date_find(t, len, out, &fl) == 0)
				datecls_soft = n;
		}
		if (n->tag == T_TIME && !in_chrome(n) && !in_widget(n)) {
			const char *v = n->datetime;
			if (!v) {
				char *t = html_text(ar, n, 0, NULL);
				v = t;
			}
			char out[64];
			unsigned fl;
			if (v && na_date_parse(v, strlen(v), out, &fl) == 0) {
				if (!time_any)
					time_any = v;
				if (seen_h1 && !time_after && anchor)
					time_after = v;
			}
		}
		if (n->rel && strstr(n->rel, "author") && !rel_author)
			rel_author = html_text(ar, n, 0, NULL);
		if ((n->flags & HN_BYLINE) && !cls_author_soft && n->chars > 0 && n->chars < 80 && n->tag != T_ARTICLE &&
		    soft_chrome(n) && !in_comment(n)) {
			char *c1 = clean_byline(ar, byline_text(ar, n), 1);
			if (c1 && !html_agency(c1, 0) && words(c1) >= 2)
				cls_author_soft = c1;
		}
		if ((n->flags & HN_BYLINE) && !cls_author && !in_chrome(n) && !in_comment(n) && n->chars > 0 && n->chars < 120 &&
		    n->tag != T_BODY && n->tag != T_HTML && n->tag != T_ARTICLE && author_tries++ < 30) {
			/* an author box with the name in its own element ("author__name"
			 * beside "author__position"): that element */
			const struct hnode *nm = NULL;
			for (const struct hnode *x = n->first; x && !nm; x = next_node(x, n))
				if (!(x->flags & HN_TEXT) && x->chars > 0 &&
				    ((x->cls && strstr(x->cls, "name")) || (x->itemprop && !strcmp(x->itemprop, "name"))))
					nm = x;
			char *t = byline_text(ar, nm ? nm : n);
			if (n->chars < 80 && clean_byline(ar, t, 1))
				cls_author = t;
			/* "By <a>Name</a> <time>...": the first text run that reads as a name */
			int k = 0;
			for (const struct hnode *x = n->first; x && !cls_author && k < 8; x = next_node(x, n))
				if ((x->flags & HN_TEXT) && !in_date(x, n)) {
					k++;
					char *c1 = clean_byline(ar, x->text, 1);
					if (c1 && !html_agency(c1, 0))
						cls_author = c1;
				}
		}
		/* a "By Name" line near the headline (a <time> may come first) */
		if (!by_author && seen_h1 && anchor && n->chars > 3 && n->chars < 140 && by_tries < 16 &&
		    !in_chrome(n) && n->first) {
			const struct hnode *k = n->first;
			const char *t = NULL;
			for (; k; k = k->next) {
				if (k->flags & HN_TEXT) {
					t = k->text;
					while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r')
						t++;
					if (*t)
						break;
					t = NULL;
				} else if (k->tag != T_TIME && !(k->flags & HN_DATE)) {
					/* <span>By</span><span>Name</span> */
					if (k->chars == 2 && k->first && (k->first->flags & HN_TEXT) && !k->first->next &&
					    k->next) {
						const char *w = k->first->text;
						while (*w == ' ' || *w == '\n' || *w == '\t' || *w == '\r')
							w++;
						if ((w[0] == 'B' || w[0] == 'b') && (w[1] == 'y' || w[1] == 'Y') &&
						    (!w[2] || w[2] == ' ' || w[2] == '\n' || w[2] == ':'))
							t = "By";
					}
					break;
				}
			}
			int by = t && (t[0] == 'B' || t[0] == 'b') && (t[1] == 'y' || t[1] == 'Y') &&
			         (t[2] == ' ' || t[2] == '\n' || t[2] == '\t' || t[2] == '\r' || t[2] == ':' ||
			          (!t[2] && k && k->next));
			if (t && (by || !strncasecmp(t, "Written by", 10))) {
				char *bt = byline_text(ar, n);
				char *c1 = strlen(bt) < 120 ? clean_byline(ar, bt, 1) : NULL;
				if (c1)
					by_author = c1;
			}
			if (t)
				by_tries++;
		}
		if ((n->flags & HN_DATE) && n->chars > 5 && n->chars < 80 && !in_chrome(n) && !in_widget(n) && tries < 40 &&
		    (!datecls || (!datecls_after && seen_h1 && anchor))) {
			size_t len;
			char out[64];
			unsigned fl;
			char *t = html_text(ar, n, 0, &len);
			tries++;
			if (na_date_find(t, len, out, &fl) == 0) {
				if (!datecls)
					datecls = n;
				if (seen_h1 && !datecls_after && anchor) {
					datecls_after = n;
					datecls_dist = after_chars;
				}
			}
		}
		n = next_node(n, p->root);
	}
	set_date(a, &a->published, time_after);
	/* a date-classed element far below the headline (past the story, in a
	 * list of other articles) comes after the text around the headline */
	int datecls_near = datecls_dist < 1500;
	if (!a->published.value && datecls_after && datecls_near) {
		size_t len;
		char *t = html_text(ar, datecls_after, 0, &len);
		set_date_found(a, &a->published, t, len);
	}
	/* text right after the headline ("Xinhua, December 15, 2015", "Updated:
	 * ..."), then just before it (kickers, "Last updated" lines) */
	if (!a->published.value && anchor) {
		struct na_buf b = {0};
		const struct hnode *n = anchor->first ? skip_subtree(anchor, p->root) : next_node(anchor, p->root);
		for (; n && b.len < 600; n = next_node(n, p->root))
			if ((n->flags & HN_TEXT) && !in_chrome(n) && !in_widget(n)) {
				na_buf_add(&b, n->text, n->len);
				na_buf_addc(&b, ' ');
			}
		if (b.p) {
			size_t k = na_text_normalize(b.p, b.len);
			set_date_found(a, &a->published, b.p, k > 600 ? 600 : k);
		}
		b.len = 0;
		/* before: the text nodes preceding the headline, nearest last */
		const struct hnode *prev[64];
		size_t np = 0;
		for (const struct hnode *x = p->root; x && x != anchor; x = next_node(x, p->root))
			if ((x->flags & HN_TEXT) && !in_chrome(x) && !in_widget(x)) {
				prev[np % 64] = x;
				np++;
			}
		size_t from = np > 64 ? np - 64 : 0;
		size_t total = 0;
		size_t start = np;
		while (start > from && total < 250) {
			start--;
			total += prev[start % 64]->len;
		}
		for (size_t i = start; i < np; i++) {
			na_buf_add(&b, prev[i % 64]->text, prev[i % 64]->len);
			na_buf_addc(&b, ' ');
		}
		if (!a->published.value && b.p && b.len) {
			size_t k = na_text_normalize(b.p, b.len);
			size_t off = k > 300 ? k - 300 : 0;
			set_date_found(a, &a->published, b.p + off, k - off);
		}
		na_buf_free(&b);
	}
	if (!a->published.value && datecls_after && !datecls_near) {
		size_t len;
		char *t = html_text(ar, datecls_after, 0, &len);
		set_date_found(a, &a->published, t, len);
	}
	set_date(a, &a->published, time_any);
	if (!a->published.value && datecls) {
		size_t len;
		char *t = html_text(ar, datecls, 0, &len);
		set_date_found(a, &a->published, t, len);
	}

	/* ---- url */
	const char *url = p->base_canonical;
	if (!url || strncmp(url, "http", 4))
		url = html_meta_get(p, "og:url");
	if ((!url || strncmp(url, "http", 4)) && art)
		url = ld_str(art, "url");
	if (url && !strncmp(url, "http", 4))
		set_str(a, &a->url, url);
	/* a web page names itself by its canonical URL; with no identifier of
	 * its own that is its id (the record needs one, and the NewsML-G2
	 * writer's derived guid is the same URL) */
	if (!a->id && a->url) {
		a->id = a->url;
		a->fpos[NA_F_ID] = a->fpos[NA_F_URL];
	}
	if (!a->published.value) {
		char out[16];
		if (url_date(a->url, out))
			na_article_set_date(a, &a->published, out, strlen(out));
	}
	/* last: a date in an aside or footer */
	set_date(a, &a->published, time_soft);
	if (!a->published.value && datecls_soft) {
		size_t len;
		char *t = html_text(ar, datecls_soft, 0, &len);
		set_date_found(a, &a->published, t, len);
	}
	/* ---- authors */
	if (art)
		ld_authors(&ld, na_json_get(art, "author"), a, ar);
	if (!a->byline.n && art)
		ld_authors(&ld, na_json_get(art, "creator"), a, ar);
	static const char *const authkeys[] = {"author", "article:author", "dc.creator", "dcterms.creator",
	                                       "byl", "sailthru.author", "parsely-author", "cxenseparse:author",
	                                       "citation_author", "twitter:creator", NULL};
	for (size_t i = 0; authkeys[i] && !a->byline.n; i++) {
		const char *v = html_meta_get(p, authkeys[i]);
		if (v && authkeys[i][0] == 't' && (v[0] == '@' || !strchr(v, ' ')))
			continue; /* a handle, not a name */
		if (v)
			add_author(a, ar, v, 0);
	}
	/* Slack/Twitter "enhanced data" pairs: twitter:label1 "Written by",
	 * twitter:data1 the name (SEO plugins write them) */
	for (int i = 1; i <= 4 && !a->byline.n; i++) {
		char lk[32], dk[32];
		snprintf(lk, sizeof lk, "twitter:label%d", i);
		snprintf(dk, sizeof dk, "twitter:data%d", i);
		const char *l = html_meta_get(p, lk);
		if (l && (na_strncaseeq(l, "written by", 10) || same_text(l, "author") || same_text(l, "by")))
			add_author(a, ar, html_meta_get(p, dk), 0);
	}
	if (!a->byline.n && md_author)
		add_author(a, ar, md_author, 0);
	if (!a->byline.n && rel_author)
		add_author(a, ar, rel_author, 1);
	if (!a->byline.n && by_author)
		add_author(a, ar, by_author, 1);
	if (!a->byline.n && cls_author)
		add_author(a, ar, cls_author, 1);

	/* a byline in the metadata that only names the site itself
	 * (publisher, og:site_name, the <title> suffix, the domain) gives way to
	 * a person's byline shown on the page */
	if (a->byline.n) {
		int all_site = 1;
		for (size_t i = 0; i < a->byline.n && all_site; i++)
			all_site = site_like(a->byline.v[i], site, title_site, a->url) && !person_like(a->byline.v[i]);
		const char *vis[] = {rel_author, by_author, cls_author, cls_author_soft};
		for (size_t i = 0; all_site && i < NA_ARRAY_SIZE(vis); i++) {
			char *c1 = vis[i] ? clean_byline(ar, vis[i], 1) : NULL;
			if (c1 && !site_like(c1, site, title_site, a->url)) {
				a->byline.n = 0;
				add_author(a, ar, c1, 1);
				break;
			}
		}
	}

	if (!a->byline.n && cls_author_soft)
		add_author(a, ar, cls_author_soft, 1);

	/* personal sites are named after their author ("Jane Doe" in the title
	 * suffix or og:site_name): a site name that reads as a person's name */
	if (!a->byline.n && site && person_like(site))
		add_author(a, ar, site, 1);

	/* ---- language, section, keywords */
	if (art)
		set_lang(a, ld_str(art, "inLanguage"));
	set_lang(a, p->lang);
	set_lang(a, html_meta_get(p, "og:locale"));
	set_lang(a, html_meta_get(p, "content-language"));
	set_lang(a, html_meta_get(p, "dc.language"));
	if (art)
		set_str(a, &a->section, ld_str(art, "articleSection"));
	set_str(a, &a->section, html_meta_get(p, "article:section"));
	if (art) {
		const struct na_json *kw = na_json_get(art, "keywords");
		if (kw && kw->type == NA_JSON_ARRAY) {
			for (size_t i = 0; i < kw->len && i < 50; i++)
				if (kw->u.items[i].type == NA_JSON_STRING && kw->u.items[i].len)
					na_strlist_push(a, &a->keywords, kw->u.items[i].u.str, kw->u.items[i].len);
		}
	}
	if (!a->keywords.n) {
		for (size_t i = 0; i < p->nmeta && a->keywords.n < 50; i++)
			if (!strcmp(p->meta[i].key, "article:tag")) {
				char *t = clean(ar, p->meta[i].content);
				if (*t)
					na_strlist_push(a, &a->keywords, t, strlen(t));
			}
	}
	if (!a->keywords.n) {
		const char *kw = html_meta_get(p, "keywords");
		if (!kw && art)
			kw = ld_str(art, "keywords");
		if (kw) {
			char *t = clean(ar, kw);
			for (char *s = t; *s && a->keywords.n < 50;) {
				char *e = strchr(s, ',');
				size_t n = e ? (size_t)(e - s) : strlen(s);
				while (n && s[n - 1] == ' ')
					n--;
				while (n && *s == ' ')
					s++, n--;
				if (n)
					na_strlist_push(a, &a->keywords, s, n);
				if (!e)
					break;
				s = e + 1;
			}
		}
	}

	/* ---- source: publisher or site, else a wire agency credited in the byline */
	if (site && *site)
		a->source = site;
	for (size_t i = 0; !a->source && i < a->byline.n; i++) {
		const char *ag = html_agency(a->byline.v[i], strlen(a->byline.v[i]));
		if (ag)
			a->source = ag;
	}
}
