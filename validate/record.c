/* record.c - the article's JSON record as a tree, for the validator.
 *
 * It mirrors na_article_to_json (core/artjson.c) key for key and in the same
 * order: the schema checks exactly what JSON Lines writes.  Building the
 * tree directly skips printing and re-parsing every record (the strings are
 * the article's own), and lets each value carry the source position of its
 * field.  tests/unit/test_validate.c checks that dumping this tree gives
 * the bytes na_article_to_json writes. */
#include <stdio.h>
#include "validate/validate.h"

struct builder {
	struct na_arena *arena;
	const struct na_article *a;
	struct na_json_member *m;
	size_t n;
};

static void at(const struct na_article *a, enum na_field f, struct na_json *v)
{
	const struct na_pos *p = &a->fpos[f];
	if (p->line > 0) {
		v->line = (uint32_t)p->line;
		v->col = (uint32_t)(p->col > 0 ? p->col : 1);
	} else {
		v->line = (uint32_t)(a->pos.line > 0 ? a->pos.line : 0);
		v->col = (uint32_t)(a->pos.col > 0 ? a->pos.col : 0);
	}
}

static struct na_json *add(struct builder *b, const char *key, enum na_field f)
{
	struct na_json_member *m = &b->m[b->n++];
	m->key = key;
	m->key_len = strlen(key);
	memset(&m->value, 0, sizeof m->value);
	at(b->a, f, &m->value);
	return &m->value;
}

static void str(struct na_json *v, const char *s)
{
	v->type = NA_JSON_STRING;
	v->u.str = s;
	v->len = strlen(s);
}

static void put_str(struct builder *b, const char *key, enum na_field f, const char *s)
{
	if (s)
		str(add(b, key, f), s);
}

static void put_list(struct builder *b, const char *key, enum na_field f, const struct na_strlist *l)
{
	if (!l->n)
		return;
	struct na_json *v = add(b, key, f);
	v->type = NA_JSON_ARRAY;
	v->len = l->n;
	v->u.items = na_arena_alloc(b->arena, l->n * sizeof *v->u.items);
	for (size_t i = 0; i < l->n; i++) {
		struct na_json *it = &v->u.items[i];
		it->line = v->line;
		it->col = v->col;
		str(it, l->v[i]);
	}
}

static void put_date(struct builder *b, const char *key, const char *rawkey, enum na_field f, const struct na_date *d)
{
	put_str(b, key, f, d->value);
	if (d->raw && (!d->value || strcmp(d->raw, d->value) != 0))
		put_str(b, rawkey, f, d->raw);
}

static void set_pos(struct na_json *v, uint32_t line, uint32_t col)
{
	v->line = line;
	v->col = col;
	if (v->type == NA_JSON_ARRAY)
		for (size_t i = 0; i < v->len; i++)
			set_pos(&v->u.items[i], line, col);
	else if (v->type == NA_JSON_OBJECT)
		for (size_t i = 0; i < v->len; i++)
			set_pos(&v->u.members[i].value, line, col);
}

struct na_json *na_article_record(struct na_arena *arena, const struct na_article *a)
{
	struct builder b = {arena, a, NULL, 0};
	b.m = na_arena_alloc(arena, (18 + a->nextra) * sizeof *b.m);
	put_str(&b, "id", NA_F_ID, a->id);
	put_str(&b, "source", NA_F_SOURCE, a->source);
	put_str(&b, "url", NA_F_URL, a->url);
	put_str(&b, "headline", NA_F_HEADLINE, a->headline);
	put_str(&b, "subheadline", NA_F_SUBHEADLINE, a->subheadline);
	put_list(&b, "byline", NA_F_BYLINE, &a->byline);
	put_str(&b, "dateline", NA_F_DATELINE, a->dateline);
	put_str(&b, "language", NA_F_LANGUAGE, a->language);
	put_date(&b, "published", "published_raw", NA_F_PUBLISHED, &a->published);
	put_date(&b, "modified", "modified_raw", NA_F_MODIFIED, &a->modified);
	put_list(&b, "keywords", NA_F_KEYWORDS, &a->keywords);
	put_list(&b, "subjects", NA_F_SUBJECTS, &a->subjects);
	put_str(&b, "section", NA_F_SECTION, a->section);
	if (a->nbody) {
		struct na_json *v = add(&b, "body", NA_F_BODY);
		v->type = NA_JSON_ARRAY;
		v->len = a->nbody;
		v->u.items = na_arena_alloc(arena, a->nbody * sizeof *v->u.items);
		struct na_json_member *mm = na_arena_alloc(arena, 2 * a->nbody * sizeof *mm);
		for (size_t i = 0; i < a->nbody; i++) {
			struct na_json *blk = &v->u.items[i];
			struct na_json_member *m = mm + 2 * i;
			blk->type = NA_JSON_OBJECT;
			blk->line = v->line;
			blk->col = v->col;
			blk->len = 2;
			blk->u.members = m;
			m[0].key = "type";
			m[0].key_len = 4;
			m[0].value = *blk;
			str(&m[0].value, na_block_type_name(a->body[i].type));
			m[1].key = "text";
			m[1].key_len = 4;
			m[1].value = *blk;
			str(&m[1].value, a->body[i].text);
		}
	}
	for (size_t i = 0; i < a->nextra; i++) {
		struct na_json_member *m = &b.m[b.n++];
		m->key = a->extra[i].key;
		m->key_len = strlen(m->key);
		struct na_json_error err;
		size_t len = strlen(a->extra[i].json);
		/* the parser reads ahead: give it a padded copy */
		char *copy = na_arena_alloc(arena, len + NA_JSON_PAD);
		memcpy(copy, a->extra[i].json, len);
		memset(copy + len, 0, NA_JSON_PAD);
		struct na_json *v = na_json_parse(arena, copy, len, NA_DEFAULT_MAX_DEPTH, 1, &err);
		if (v)
			m->value = *v;
		else {
			/* cannot happen for text na_json_dump wrote; keep it as a string */
			memset(&m->value, 0, sizeof m->value);
			str(&m->value, a->extra[i].json);
		}
		/* positions inside extras are unknown: the record's */
		set_pos(&m->value, (uint32_t)(a->pos.line > 0 ? a->pos.line : 0),
		        (uint32_t)(a->pos.col > 0 ? a->pos.col : 0));
	}
	struct na_json *root = na_arena_alloc(arena, sizeof *root);
	root->type = NA_JSON_OBJECT;
	root->len = b.n;
	root->u.members = b.m;
	root->line = (uint32_t)(a->pos.line > 0 ? a->pos.line : 0);
	root->col = (uint32_t)(a->pos.col > 0 ? a->pos.col : 0);
	return root;
}
