/* own.c - exact read-back of pages the html writer made (marked with
 * <meta name="generator" content="newsarc ...">).  Each <article
 * class="newsarc-article"> holds one JSON-LD NewsArticle, parsed with the
 * strict JSON parser, which carries every model field as written (plus
 * newsarc:* keys for raw dates and unknown fields); the body blocks come
 * from the article's <div class="newsarc-body"> with their text verbatim. */
#include <stdlib.h>
#include "html.h"

static const char *str_of(const struct na_json *o, const char *key, size_t *n)
{
	const struct na_json *v = na_json_get(o, key);
	if (!v || v->type != NA_JSON_STRING || memchr(v->u.str, 0, v->len))
		return NULL;
	*n = v->len;
	return v->u.str;
}

static void set(struct na_article *a, const char **dst, const struct na_json *o, const char *key)
{
	size_t n;
	const char *s = str_of(o, key, &n);
	if (s)
		*dst = na_article_str(a, s, n);
}

static void names(struct na_article *a, struct na_strlist *l, const struct na_json *v, int objects)
{
	if (!v || v->type != NA_JSON_ARRAY)
		return;
	for (size_t i = 0; i < v->len; i++) {
		const struct na_json *x = &v->u.items[i];
		size_t n;
		const char *s = NULL;
		if (objects && x->type == NA_JSON_OBJECT)
			s = str_of(x, "name", &n);
		else if (!objects && x->type == NA_JSON_STRING && !memchr(x->u.str, 0, x->len))
			s = x->u.str, n = x->len;
		if (s)
			na_strlist_push(a, l, s, n);
	}
}

static void date(struct na_article *a, struct na_date *d, const struct na_json *o, const char *key,
                 const char *rawkey)
{
	size_t n, rn;
	const char *s = str_of(o, key, &n), *raw = str_of(o, rawkey, &rn);
	if (s)
		na_article_set_date(a, d, s, n);
	if (raw)
		d->raw = na_article_str(a, raw, rn);
}

/* Text of a block element, as written: entities decoded, nothing else. */
static char *verbatim(struct na_arena *ar, const struct hnode *n, size_t *len)
{
	struct na_buf b = {0};
	for (const struct hnode *k = n->first; k; k = k->next)
		if (k->flags & HN_TEXT)
			na_buf_add(&b, k->text, k->len);
	char *r = na_arena_strndup(ar, b.p ? b.p : "", b.len);
	*len = b.len;
	na_buf_free(&b);
	return r;
}

static void blocks(struct na_article *a, const struct hnode *body)
{
	for (const struct hnode *k = body->first; k; k = k->next) {
		size_t n;
		char *t;
		switch (k->tag) {
		case T_P:
			t = verbatim(a->arena, k, &n);
			na_article_add_block(a, NA_BLOCK_PARAGRAPH, t, n);
			break;
		case T_H2:
			t = verbatim(a->arena, k, &n);
			na_article_add_block(a, NA_BLOCK_HEADING, t, n);
			break;
		case T_BLOCKQUOTE:
			for (const struct hnode *q = k->first; q; q = q->next)
				if (q->tag == T_P) {
					t = verbatim(a->arena, q, &n);
					na_article_add_block(a, NA_BLOCK_QUOTE, t, n);
				}
			break;
		case T_UL:
			for (const struct hnode *q = k->first; q; q = q->next)
				if (q->tag == T_LI) {
					t = verbatim(a->arena, q, &n);
					na_article_add_block(a, NA_BLOCK_LIST_ITEM, t, n);
				}
			break;
		}
	}
}

static const struct hnode *find_class(const struct hnode *n, int tag, const char *cls, const struct hnode *after)
{
	int seen = after == NULL;
	for (const struct hnode *x = n; x;) {
		if (x == after)
			seen = 1;
		else if (seen && x->tag == tag && x->cls && !strncmp(x->cls, cls, strlen(cls)) &&
		         x->cls[strlen(cls)] == ' ')
			return x;
		if (x->first) {
			x = x->first;
			continue;
		}
		while (x && x != n && !x->next)
			x = x->parent;
		if (!x || x == n)
			break;
		x = x->next;
	}
	return NULL;
}

/* Read the index-th article of an own page; returns NA_OK, NA_EOF when
 * there is no such article, NA_FAILED when its JSON-LD is unreadable. */
int html_read_own_at(struct na_ctx *c, struct html_page *p, struct na_article *a, size_t index,
                     const struct hnode **cursor)
{
	const struct hnode *art = find_class(p->root, T_ARTICLE, "newsarc-article", *cursor);
	if (!art || index >= p->njsonld)
		return NA_EOF;
	*cursor = art;
	struct na_json_error err;
	const struct na_json *o = na_json_parse(a->arena, p->jsonld[index], strlen(p->jsonld[index]),
	                                        c->limits.max_depth, 1, &err);
	if (!o || o->type != NA_JSON_OBJECT) {
		na_report(c, NA_SEV_ERROR, &a->pos, NULL, "newsarc page: article %zu: unreadable JSON-LD (%s)",
		          index + 1, o ? "not an object" : err.message);
		return NA_FAILED;
	}
	set(a, &a->id, o, "identifier");
	const struct na_json *pub = na_json_get(o, "publisher");
	if (pub && pub->type == NA_JSON_OBJECT)
		set(a, &a->source, pub, "name");
	set(a, &a->url, o, "url");
	set(a, &a->headline, o, "headline");
	set(a, &a->subheadline, o, "alternativeHeadline");
	names(a, &a->byline, na_json_get(o, "author"), 1);
	set(a, &a->dateline, o, "dateline");
	set(a, &a->language, o, "inLanguage");
	date(a, &a->published, o, "datePublished", "newsarc:publishedRaw");
	date(a, &a->modified, o, "dateModified", "newsarc:modifiedRaw");
	names(a, &a->keywords, na_json_get(o, "keywords"), 0);
	names(a, &a->subjects, na_json_get(o, "about"), 1);
	set(a, &a->section, o, "articleSection");
	const struct na_json *x = na_json_get(o, "newsarc:extra");
	if (x && x->type == NA_JSON_OBJECT)
		for (size_t i = 0; i < x->len; i++) {
			size_t n;
			char *js = na_json_dump(a->arena, &x->u.members[i].value, &n);
			char *key = na_arena_strndup(a->arena, x->u.members[i].key, x->u.members[i].key_len);
			na_article_add_extra(a, key, js, n);
		}
	const struct hnode *body = find_class(art, T_DIV, "newsarc-body", NULL);
	if (body)
		blocks(a, body);
	return NA_OK;
}
