/* html.h - private helpers of the html format (formats/html.c): charset
 * detection, a compact page tree built from libxml2's HTML SAX events,
 * metadata and body extraction. */
#ifndef NA_HTML_PRIV_H
#define NA_HTML_PRIV_H

#include <stdint.h>
#include "formats/format.h"

/* ---- charset (charset.c) ---------------------------------------------- */

/* Decode a page to UTF-8: BOM, transport charset, <meta> declaration,
 * statistical guess, windows-1252.  *out is malloc'd (NUL-terminated, BOM
 * removed; invalid sequences replaced by U+FFFD); charset and origin are
 * static strings or live in arena. */
int na_html_decode(struct na_ctx *c, const struct na_pos *pos, struct na_arena *arena,
                   const char *buf, size_t len, const char *transport,
                   char **out, size_t *outlen, const char **charset, const char **origin);

/* ---- the page tree (tree.c) ------------------------------------------- */

enum html_tag {
	T_OTHER, T_HTML, T_HEAD, T_BODY, T_TITLE, T_META, T_LINK, T_SCRIPT, T_STYLE,
	T_NOSCRIPT, T_TEMPLATE, T_SVG, T_MATH, T_IFRAME, T_OBJECT, T_CANVAS, T_FORM, T_NAV,
	T_HEADER, T_FOOTER, T_ASIDE, T_MENU, T_BUTTON, T_SELECT, T_TEXTAREA, T_INPUT,
	T_LABEL, T_FIGURE, T_FIGCAPTION, T_P, T_DIV, T_SPAN, T_A, T_H1, T_H2, T_H3,
	T_H4, T_H5, T_H6, T_BLOCKQUOTE, T_UL, T_OL, T_LI, T_DL, T_DT, T_DD, T_PRE,
	T_BR, T_HR, T_TABLE, T_TR, T_TD, T_TH, T_ARTICLE, T_MAIN, T_SECTION, T_TIME,
	T_IMG, T_ADDRESS, T_CENTER, T_FONT, T_TBODY, T_THEAD, T_TFOOT, T_CAPTION,
	T_DETAILS, T_SUMMARY, T_DIALOG, T_VIDEO, T_AUDIO, T_PICTURE, T_SOURCE,
	T__COUNT
};

enum {
	HN_TEXT = 1,            /* a text node (tag is T_OTHER) */
	HN_JUNK = 2,            /* boilerplate subtree: never emitted */
	HN_NEG = 4,             /* class/id suggests chrome */
	HN_POS = 8,             /* class/id suggests article content */
	HN_HIDDEN = 16,         /* hidden attribute, display:none, aria-hidden */
	HN_BYLINE = 32,         /* class/id/rel names an author or byline */
	HN_DATE = 64,           /* class/id names a date */
	HN_CAND = 128,          /* scored as a content candidate */
	HN_SHARE = 256,         /* class/id names share/social/related widgets */
	HN_HASBODY = 512        /* holds an element named as the article body */
};

struct hnode {
	struct hnode *parent, *first, *last, *next;
	uint16_t tag;
	uint16_t depth;
	uint32_t flags;
	const char *text;       /* HN_TEXT: raw text (entities decoded, not normalized) */
	uint32_t len;
	/* a few attributes (NULL when absent) */
	const char *cls;        /* class + " " + id, lowercased */
	const char *itemprop, *content, *href, *rel, *datetime, *itemtype, *lang;
	/* statistics, filled by html_stats() */
	uint32_t chars;         /* non-space characters of text below */
	uint32_t linkchars;     /* of those, inside <a> */
	uint32_t commas;
	uint32_t nparas;        /* p descendants */
	float score;
};

struct html_meta {
	const char *key;        /* lowercased name / property / itemprop / http-equiv */
	const char *content;
};

struct html_page {
	struct na_arena *arena;
	struct hnode *root;
	const char *lang;       /* <html lang> */
	const char *title;
	const char *base_canonical;
	struct html_meta *meta;
	size_t nmeta, capmeta;
	const char **jsonld;    /* contents of application/ld+json scripts */
	size_t njsonld, capjsonld;
	int generator_newsarc;  /* <meta name=generator content="newsarc..."> */
	unsigned long nodes;
};

/* Parse UTF-8 html into page (arena owned by the caller).  Returns 0, or -1
 * when libxml2 could not start. */
int html_parse(struct na_ctx *c, struct html_page *page, const char *buf, size_t len, int max_depth);
void html_stats(struct hnode *n);
const char *html_meta_get(const struct html_page *p, const char *key);
/* Normalized text of a subtree (skipping HN_JUNK when skip_junk), in arena. */
char *html_text(struct na_arena *arena, const struct hnode *n, int skip_junk, size_t *len);
int html_tag_is_block(int tag);

/* ---- extraction (meta.c, extract.c) ----------------------------------- */

void html_extract_meta(struct na_ctx *c, struct html_page *p, struct na_article *a,
                       const struct hnode **headline_node);
/* Body blocks; returns the number of blocks added. */
size_t html_extract_body(struct html_page *p, struct na_article *a, const struct hnode *headline_node);
/* Pages this format wrote: exact read-back of the index-th article (cursor
 * starts NULL).  NA_OK, NA_FAILED, or NA_EOF when there is no such article. */
int html_read_own_at(struct na_ctx *c, struct html_page *p, struct na_article *a, size_t index,
                     const struct hnode **cursor);
/* Find a wire agency named in s ("Xinhua", "AP", ...); static string or NULL. */
const char *html_agency(const char *s, size_t n);

#endif
