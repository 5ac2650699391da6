/* extract.c - the article body: boilerplate removal and content scoring.
 *
 * Three passes over the compact tree: (1) mark chrome subtrees as junk
 * (navigation, headers and footers, asides, forms, embedded media, hidden
 * elements, share bars, related and comment lists named by class or id);
 * (2) score containers the Readability way: every paragraph-like block
 * gives 1 + commas + length/100 (capped) to its parent, half to its
 * grandparent and a third of a level's share further up, and a container's
 * score is discounted by its link density; (3) emit the best container and
 * the siblings that look like its continuation as ordered blocks, dropping
 * nested lists and boxes that are mostly links. */
#include <ctype.h>
#include <stdlib.h>
#include "html.h"

static int junk_tag(int t)
{
	switch (t) {
	case T_SCRIPT: case T_STYLE: case T_NOSCRIPT: case T_TEMPLATE: case T_SVG: case T_MATH:
	case T_IFRAME: case T_OBJECT: case T_CANVAS: case T_NAV: case T_ASIDE: case T_FOOTER:
	case T_MENU: case T_BUTTON: case T_SELECT: case T_TEXTAREA: case T_INPUT: case T_DIALOG:
	case T_VIDEO: case T_AUDIO: case T_PICTURE: case T_SOURCE: case T_IMG: case T_FIGCAPTION:
	case T_HEAD: case T_TITLE: case T_META: case T_LINK: case T_LABEL:
		return 1;
	}
	return 0;
}

static int body_class(const char *c);

/* Flag ancestors of the element the CMS names as the article text. */
static int mark_hasbody(struct hnode *n)
{
	int has = 0;
	for (struct hnode *k = n->first; k; k = k->next) {
		if (k->flags & HN_TEXT)
			continue;
		if (mark_hasbody(k) || (k->itemprop && strstr(k->itemprop, "articleBody")) ||
		    (k->cls && k->nparas >= 2 && body_class(k->cls)))
			has = 1;
	}
	if (has)
		n->flags |= HN_HASBODY;
	return has;
}

static void mark_junk(struct hnode *n, uint32_t total)
{
	for (struct hnode *k = n->first; k; k = k->next) {
		if (k->flags & HN_TEXT)
			continue;
		if (k->tag == T_HTML || k->tag == T_BODY) {
			mark_junk(k, total);
			continue;
		}
		int junk = junk_tag(k->tag) || (k->flags & HN_HIDDEN);
		/* a wrapper holding most of the page is layout, whatever its class says */
		int major = k->chars > total / 2 && k->nparas >= 3;
		if (!junk && !major && (k->tag == T_HEADER || k->tag == T_FORM) && k->nparas < 3)
			junk = 1;
		if (!junk && !major && (k->flags & HN_SHARE) && k->tag != T_MAIN && !(k->flags & HN_HASBODY) &&
		    !((k->flags & HN_POS) && k->nparas >= 3))
			junk = 1;
		if (!junk && (k->flags & HN_BYLINE) && k->chars < 120 && k->nparas == 0 && k->tag != T_BODY)
			junk = 1;
		if (!junk && major && (k->tag == T_NAV || k->tag == T_ASIDE || k->tag == T_FOOTER || k->tag == T_FORM))
			junk = 0;
		else if (junk && major && !(k->flags & HN_HIDDEN) && k->tag != T_SCRIPT && k->tag != T_STYLE &&
		         k->tag != T_NOSCRIPT && k->tag != T_TEMPLATE && k->tag != T_HEAD)
			junk = 0;
		if (junk) {
			k->flags |= HN_JUNK;
			continue;
		}
		mark_junk(k, total);
	}
}

/* Recount text below n, leaving junk out. */
static void restat(struct hnode *x)
{
	if (x->flags & HN_TEXT)
		return;
	uint32_t ch = 0, lk = 0, cm = 0, np = 0;
	for (struct hnode *k = x->first; k; k = k->next) {
		if (k->flags & (HN_JUNK | HN_HIDDEN))
			continue;
		restat(k);
		ch += k->chars;
		lk += k->tag == T_A ? k->chars : k->linkchars;
		cm += k->commas;
		np += k->nparas + (k->tag == T_P);
	}
	x->chars = ch;
	x->linkchars = lk;
	x->commas = cm;
	x->nparas = np;
}

static float link_density(const struct hnode *n)
{
	return n->chars ? (float)n->linkchars / (float)n->chars : 0.0f;
}

static float class_weight(const struct hnode *n)
{
	float w = 0;
	if (n->flags & HN_NEG)
		w -= 25;
	if (n->flags & HN_POS)
		w += 25;
	return w;
}

static int body_class(const char *c)
{
	static const char *const names[] = {"article-body", "articlebody", "article__body", "article-content",
	                                    "articlecontent", "article__content", "post-body", "postbody",
	                                    "post-content", "entry-content", "story-body", "storybody",
	                                    "story-content", "article-text", "articletext", "post__content",
	                                    "body-text", "rich-text", "single-content", "main-content-body"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(names); i++)
		if (strstr(c, names[i]))
			return 1;
	return 0;
}

static float base_score(const struct hnode *n)
{
	float s = class_weight(n);
	switch (n->tag) {
	case T_DIV: case T_ARTICLE: case T_MAIN: case T_SECTION: s += 5; break;
	case T_PRE: case T_TD: case T_BLOCKQUOTE: s += 3; break;
	case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI: case T_FORM: s -= 3; break;
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH: s -= 5; break;
	}
	if (n->tag == T_ARTICLE || n->tag == T_MAIN)
		s += 10;
	/* the names CMSs give the article text container (trafilatura's body
	 * selectors use the same evidence) */
	if ((n->itemprop && strstr(n->itemprop, "articleBody")) || (n->cls && body_class(n->cls)))
		s += 40;
	return s;
}

/* Direct text (not in child elements) of a div-like node. */
static uint32_t direct_chars(const struct hnode *n)
{
	uint32_t c = 0;
	for (const struct hnode *k = n->first; k; k = k->next)
		if ((k->flags & HN_TEXT) || !html_tag_is_block(k->tag))
			c += k->flags & HN_JUNK ? 0 : k->chars;
	return c;
}

static void touch(struct hnode *n)
{
	if (!(n->flags & HN_CAND)) {
		n->flags |= HN_CAND;
		n->score = base_score(n);
	}
}

struct scorer {
	struct hnode *best;
	float best_score;
};

static void score_paras(struct hnode *n)
{
	for (struct hnode *k = n->first; k; k = k->next) {
		if (k->flags & (HN_TEXT | HN_JUNK | HN_HIDDEN))
			continue;
		int para = k->tag == T_P || k->tag == T_PRE || k->tag == T_TD || k->tag == T_BLOCKQUOTE;
		uint32_t chars = k->chars;
		if (!para && (k->tag == T_DIV || k->tag == T_SECTION || k->tag == T_ARTICLE || k->tag == T_OTHER ||
		              k->tag == T_CENTER || k->tag == T_FONT || k->tag == T_SPAN)) {
			uint32_t d = direct_chars(k);
			if (d >= 25) {
				para = 1;
				chars = d;
			}
		}
		if (para && chars >= 25) {
			float s = 1.0f + (float)k->commas + (float)(chars / 100 > 3 ? 3 : chars / 100);
			/* link-heavy paragraphs are menus set in <p> */
			s *= 1.0f - link_density(k);
			struct hnode *an = k->parent;
			for (int level = 0; an && level < 5; level++, an = an->parent) {
				if (an->tag == T_OTHER && !an->parent)
					break;
				touch(an);
				float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
				an->score += s / div;
			}
		}
		if (k->first && (k->tag != T_P || k->nparas))
			score_paras(k);
	}
}

static void best_of(struct hnode *n, struct scorer *sc)
{
	for (struct hnode *k = n->first; k; k = k->next) {
		if (k->flags & (HN_TEXT | HN_JUNK | HN_HIDDEN))
			continue;
		if (k->flags & HN_CAND) {
			float s = k->score * (1.0f - link_density(k));
			k->score = s;
			if (!sc->best || s > sc->best_score) {
				sc->best = k;
				sc->best_score = s;
			}
		}
		best_of(k, sc);
	}
}

/* ---- emission ---------------------------------------------------------- */

struct emit {
	struct na_article *a;
	struct na_buf buf;
	enum na_block_type type;
	const struct hnode *skip;       /* the headline element */
	const char *headline;
	size_t count;
	int brs;
};

static int boiler_line(const char *s, size_t n)
{
	static const char *const lines[] = {
		"advertisement", "advertisements", "ad", "sponsored", "share", "share this", "share this article",
		"share this story", "tweet", "email", "print", "read more", "continue reading", "related",
		"related articles", "related stories", "click here", "comments", "follow us", "skip to content",
		"back to top", "loading...", "subscribe", "sign up", "more", "see also", "top", "menu", "photo",
		"image", "video", "story continues below advertisement", "article continues below",
	};
	if (n > 40)
		return 0;
	char low[48];
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		low[k++] = (char)tolower((unsigned char)s[i]);
	while (k && (low[k - 1] == ':' || low[k - 1] == '.' || low[k - 1] == ' '))
		k--;
	low[k] = 0;
	for (size_t i = 0; i < NA_ARRAY_SIZE(lines); i++)
		if (!strcmp(low, lines[i]))
			return 1;
	return 0;
}

static int same_ci(const char *a, size_t an, const char *b)
{
	return b && strlen(b) == an && na_strncaseeq(a, b, an);
}

static void flush(struct emit *e)
{
	if (!e->buf.len)
		return;
	size_t k = na_text_normalize(e->buf.p, e->buf.len);
	if (k && !boiler_line(e->buf.p, k) && !(e->type == NA_BLOCK_HEADING && same_ci(e->buf.p, k, e->headline)))
		na_article_add_block(e->a, e->type, e->buf.p, k), e->count++;
	e->buf.len = 0;
	e->brs = 0;
}

static int drop_box(const struct hnode *k)
{
	/* conditional cleaning (Readability's idea): lists, tables and boxes with
	 * few commas that are mostly links, or marked as chrome, are not prose */
	if (k->commas >= 10)
		return 0;
	float ld = link_density(k);
	switch (k->tag) {
	case T_UL: case T_OL: case T_DL: case T_TABLE: case T_DIV: case T_SECTION: case T_OTHER:
	case T_HEADER: case T_FORM: case T_CENTER:
		/* (a page builder's wrapper round one paragraph of prose is
		 * not a box, whatever its class: "elementor-widget-container") */
		if ((k->flags & HN_NEG) && !(k->flags & HN_POS) && k->nparas < 2 &&
		    !(k->nparas == 1 && k->chars >= 150 && ld < 0.1f))
			return 1;
		if (ld > 0.5f)
			return 1;
		if (ld > 0.25f && k->chars < 300 && k->nparas == 0)
			return 1;
		return 0;
	case T_P: case T_LI:
		return ld > 0.6f && k->chars < 200;
	}
	return 0;
}

static void emit_node(struct emit *e, const struct hnode *n);

static void emit_child(struct emit *e, const struct hnode *k)
{
	if (k->flags & HN_TEXT) {
		if (e->brs >= 2 && e->buf.len)
			flush(e); /* <br><br> separates paragraphs */
		na_buf_add(&e->buf, k->text, k->len);
		e->brs = 0;
		return;
	}
	if (k->flags & (HN_JUNK | HN_HIDDEN) || k == e->skip)
		return;
	if (k->tag == T_BR) {
		na_buf_addc(&e->buf, ' ');
		e->brs++;
		return;
	}
	if (!html_tag_is_block(k->tag)) {
		emit_node(e, k);
		return;
	}
	if (drop_box(k))
		return;
	enum na_block_type saved = e->type;
	flush(e);
	switch (k->tag) {
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
		e->type = NA_BLOCK_HEADING;
		break;
	case T_BLOCKQUOTE:
		e->type = NA_BLOCK_QUOTE;
		break;
	case T_LI: case T_DD: case T_DT:
		e->type = NA_BLOCK_LIST_ITEM;
		break;
	case T_P: case T_PRE:
		if (e->type != NA_BLOCK_QUOTE && e->type != NA_BLOCK_LIST_ITEM)
			e->type = NA_BLOCK_PARAGRAPH;
		break;
	default:
		break;
	}
	emit_node(e, k);
	flush(e);
	e->type = saved;
}

static void emit_node(struct emit *e, const struct hnode *n)
{
	for (const struct hnode *k = n->first; k; k = k->next)
		emit_child(e, k);
}

static void strip_end_marker(struct na_article *a)
{
	while (a->nbody) {
		struct na_block *b = &a->body[a->nbody - 1];
		size_t n = strlen(b->text);
		static const char *const marks[] = {"Enditem", "(END)", "(End)", "-END-", "[END]", "-30-", "###", "(Enditem)"};
		int cut = 0;
		for (size_t i = 0; i < NA_ARRAY_SIZE(marks); i++) {
			size_t m = strlen(marks[i]);
			if (n >= m && !memcmp(b->text + n - m, marks[i], m) &&
			    (n == m || b->text[n - m - 1] == ' ' || ispunct((unsigned char)b->text[n - m - 1]))) {
				n -= m;
				while (n && b->text[n - 1] == ' ')
					n--;
				cut = 1;
				break;
			}
		}
		if (!cut)
			return;
		if (!n) {
			a->nbody--;
			continue;
		}
		b->text = na_arena_strndup(a->arena, b->text, n);
		return;
	}
}

size_t html_extract_body(struct html_page *p, struct na_article *a, const struct hnode *headline_node)
{
	struct hnode *root = p->root;
	mark_hasbody(root);
	mark_junk(root, root->chars); /* html_stats() ran before metadata */
	restat(root);
	score_paras(root);
	struct scorer sc = {0};
	best_of(root, &sc);
	struct hnode *top = sc.best;
	if (!top) {
		/* no paragraph anywhere: the body element, if it has any text */
		for (struct hnode *n = root->first; n && !top; n = n->next)
			if (n->tag == T_HTML)
				for (struct hnode *k = n->first; k; k = k->next)
					if (k->tag == T_BODY)
						top = k;
		if (!top || top->chars < 100)
			return 0;
	}
	/* content split over siblings: climb while the parent holds clearly more
	 * paragraph text of similar quality */
	while (top->parent && top->parent->tag != T_BODY && top->parent->tag != T_HTML && top->parent->parent) {
		struct hnode *par = top->parent;
		if ((par->flags & HN_CAND) && par->score >= top->score * 0.9f && link_density(par) < 0.3f &&
		    par->nparas > top->nparas)
			top = par;
		else
			break;
	}
	struct emit e = {0};
	e.a = a;
	e.skip = headline_node;
	e.headline = a->headline;
	float threshold = sc.best_score * 0.2f > 10 ? sc.best_score * 0.2f : 10;
	struct hnode *par = top->parent;
	if (par) {
		for (struct hnode *s = par->first; s; s = s->next) {
			if (s->flags & (HN_JUNK | HN_HIDDEN))
				continue;
			int take = s == top;
			if (!take && !(s->flags & HN_TEXT)) {
				float bonus = (top->cls && s->cls && !strcmp(top->cls, s->cls)) ? sc.best_score * 0.2f : 0;
				if ((s->flags & HN_CAND) && s->score + bonus >= threshold)
					take = 1;
				else if (s->tag == T_P) {
					float ld = link_density(s);
					if (s->chars > 80 && ld < 0.25f)
						take = 1;
				}
			}
			if (!take)
				continue;
			if (s->flags & HN_TEXT) {
				continue;
			}
			e.type = NA_BLOCK_PARAGRAPH;
			if (s == top)
				emit_node(&e, s);
			else
				emit_child(&e, s);
			flush(&e);
		}
	} else {
		emit_node(&e, top);
	}
	flush(&e);
	na_buf_free(&e.buf);
	strip_end_marker(a);
	return a->nbody;
}
