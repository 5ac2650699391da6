/* article.c - the article model: one arena per article, arrays that keep
 * their capacity between records. */
#include <stdlib.h>
#include "internal.h"

static const char *const field_names[NA_F__COUNT] = {
	[NA_F_ID] = "id", [NA_F_SOURCE] = "source", [NA_F_URL] = "url",
	[NA_F_HEADLINE] = "headline", [NA_F_SUBHEADLINE] = "subheadline",
	[NA_F_BYLINE] = "byline", [NA_F_DATELINE] = "dateline",
	[NA_F_LANGUAGE] = "language", [NA_F_PUBLISHED] = "published",
	[NA_F_MODIFIED] = "modified", [NA_F_KEYWORDS] = "keywords",
	[NA_F_SUBJECTS] = "subjects", [NA_F_SECTION] = "section", [NA_F_BODY] = "body",
};

const char *na_field_name(enum na_field f)
{
	return (unsigned)f < NA_F__COUNT ? field_names[f] : "?";
}

static const char *const block_names[] = {
	[NA_BLOCK_PARAGRAPH] = "p", [NA_BLOCK_HEADING] = "h",
	[NA_BLOCK_QUOTE] = "quote", [NA_BLOCK_LIST_ITEM] = "li",
};

const char *na_block_type_name(enum na_block_type t)
{
	return (unsigned)t < NA_ARRAY_SIZE(block_names) ? block_names[t] : "p";
}

int na_block_type_from_name(const char *s, enum na_block_type *out)
{
	for (size_t i = 0; i < NA_ARRAY_SIZE(block_names); i++)
		if (!strcmp(s, block_names[i])) {
			*out = (enum na_block_type)i;
			return 0;
		}
	return -1;
}

struct na_article *na_article_new(void)
{
	struct na_article *a = na_xcalloc(1, sizeof *a);
	a->arena = na_arena_new();
	return a;
}

struct na_article *na_article_new_min(size_t arena_min)
{
	struct na_article *a = na_xcalloc(1, sizeof *a);
	a->arena = na_arena_new_min(arena_min);
	return a;
}

void na_article_free(struct na_article *a)
{
	if (!a)
		return;
	free(a->byline.v);
	free(a->keywords.v);
	free(a->subjects.v);
	free(a->body);
	free(a->extra);
	na_arena_free(a->arena);
	free(a);
}

void na_article_clear(struct na_article *a)
{
	struct na_article keep = *a;
	memset(a, 0, sizeof *a);
	a->arena = keep.arena;
	na_arena_reset(a->arena);
	a->byline = (struct na_strlist){keep.byline.v, 0, keep.byline.cap};
	a->keywords = (struct na_strlist){keep.keywords.v, 0, keep.keywords.cap};
	a->subjects = (struct na_strlist){keep.subjects.v, 0, keep.subjects.cap};
	a->body = keep.body;
	a->cap_body = keep.cap_body;
	a->extra = keep.extra;
	a->cap_extra = keep.cap_extra;
}

const char *na_article_str(struct na_article *a, const char *s, size_t n)
{
	return s ? na_arena_strndup(a->arena, s, n) : NULL;
}

static const char *copy_or_null(struct na_article *a, const char *s)
{
	return s ? na_arena_strdup(a->arena, s) : NULL;
}

void na_strlist_push(struct na_article *a, struct na_strlist *l, const char *s, size_t n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = na_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = na_arena_strndup(a->arena, s, n);
}

void na_strlist_push_unique(struct na_article *a, struct na_strlist *l, const char *s)
{
	if (!s || !*s)
		return;
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return;
	na_strlist_push(a, l, s, strlen(s));
}

void na_article_add_block(struct na_article *a, enum na_block_type t, const char *s, size_t n)
{
	if (a->nbody == a->cap_body) {
		a->cap_body = a->cap_body ? a->cap_body * 2 : 16;
		a->body = na_xrealloc(a->body, a->cap_body * sizeof *a->body);
	}
	a->body[a->nbody].type = t;
	a->body[a->nbody].text = na_arena_strndup(a->arena, s, n);
	a->nbody++;
}

void na_article_add_extra(struct na_article *a, const char *key, const char *json, size_t n)
{
	if (a->nextra == a->cap_extra) {
		a->cap_extra = a->cap_extra ? a->cap_extra * 2 : 8;
		a->extra = na_xrealloc(a->extra, a->cap_extra * sizeof *a->extra);
	}
	a->extra[a->nextra].key = na_arena_strdup(a->arena, key);
	a->extra[a->nextra].json = na_arena_strndup(a->arena, json, n);
	a->nextra++;
}

void na_article_add_extra_string(struct na_article *a, const char *key, const char *s)
{
	struct na_buf b = {0};
	na_buf_json_string(&b, s, strlen(s));
	na_article_add_extra(a, key, b.p, b.len);
	na_buf_free(&b);
}

const char *na_article_extra(const struct na_article *a, const char *key)
{
	for (size_t i = 0; i < a->nextra; i++)
		if (!strcmp(a->extra[i].key, key))
			return a->extra[i].json;
	return NULL;
}

int na_article_set_date(struct na_article *a, struct na_date *d, const char *s, size_t n)
{
	char norm[64];
	unsigned flags = 0;
	d->raw = na_arena_strndup(a->arena, s, n);
	if (na_date_parse(s, n, norm, &flags) != 0) {
		d->value = NULL;
		d->flags = 0;
		return -1;
	}
	d->value = na_arena_strdup(a->arena, norm);
	d->flags = flags;
	return 0;
}

static void copy_list(struct na_article *dst, struct na_strlist *to, const struct na_strlist *from)
{
	for (size_t i = 0; i < from->n; i++)
		na_strlist_push(dst, to, from->v[i], strlen(from->v[i]));
}

void na_article_copy(struct na_article *dst, const struct na_article *src)
{
	na_article_clear(dst);
	dst->id = copy_or_null(dst, src->id);
	dst->source = copy_or_null(dst, src->source);
	dst->url = copy_or_null(dst, src->url);
	dst->headline = copy_or_null(dst, src->headline);
	dst->subheadline = copy_or_null(dst, src->subheadline);
	dst->dateline = copy_or_null(dst, src->dateline);
	dst->language = copy_or_null(dst, src->language);
	dst->section = copy_or_null(dst, src->section);
	dst->charset = copy_or_null(dst, src->charset);
	dst->charset_origin = copy_or_null(dst, src->charset_origin);
	dst->published = (struct na_date){copy_or_null(dst, src->published.value),
	                                  copy_or_null(dst, src->published.raw), src->published.flags};
	dst->modified = (struct na_date){copy_or_null(dst, src->modified.value),
	                                 copy_or_null(dst, src->modified.raw), src->modified.flags};
	copy_list(dst, &dst->byline, &src->byline);
	copy_list(dst, &dst->keywords, &src->keywords);
	copy_list(dst, &dst->subjects, &src->subjects);
	for (size_t i = 0; i < src->nbody; i++)
		na_article_add_block(dst, src->body[i].type, src->body[i].text, strlen(src->body[i].text));
	for (size_t i = 0; i < src->nextra; i++)
		na_article_add_extra(dst, src->extra[i].key, src->extra[i].json, strlen(src->extra[i].json));
	/* positions name their input; a copy may outlive it (--jobs queues), so
	 * the names move into the arena too */
	dst->pos = src->pos;
	memcpy(dst->fpos, src->fpos, sizeof dst->fpos);
	const char *name = copy_or_null(dst, src->pos.file);
	dst->pos.file = name;
	for (int i = 0; i < NA_F__COUNT; i++)
		if (src->fpos[i].file)
			dst->fpos[i].file = src->fpos[i].file == src->pos.file ? name : copy_or_null(dst, src->fpos[i].file);
}
