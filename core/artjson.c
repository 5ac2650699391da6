/* artjson.c - the article record as JSON, shared by the jsonl and json
 * formats (and by the validator, which checks the record as JSONL writes it).
 *
 * Canonical key order (docs/formats.md): id, source, url, headline,
 * subheadline, byline, dateline, language, published, published_raw,
 * modified, modified_raw, keywords, subjects, section, body, then every
 * unknown key in input order.  *_raw appears only when the raw string
 * differs from the normalized value.  Records from other tools are accepted
 * through a small alias table, used only when the canonical key is absent. */
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"

enum kind { K_STR, K_LIST, K_DATE, K_DATE_RAW, K_BODY };

struct key {
	const char *name;
	enum na_field field;
	enum kind kind;
	size_t offset;          /* of the const char * or struct member */
};

#define OFF(m) offsetof(struct na_article, m)
static const struct key keys[] = {
	{"id", NA_F_ID, K_STR, OFF(id)},
	{"source", NA_F_SOURCE, K_STR, OFF(source)},
	{"url", NA_F_URL, K_STR, OFF(url)},
	{"headline", NA_F_HEADLINE, K_STR, OFF(headline)},
	{"subheadline", NA_F_SUBHEADLINE, K_STR, OFF(subheadline)},
	{"byline", NA_F_BYLINE, K_LIST, OFF(byline)},
	{"dateline", NA_F_DATELINE, K_STR, OFF(dateline)},
	{"language", NA_F_LANGUAGE, K_STR, OFF(language)},
	{"published", NA_F_PUBLISHED, K_DATE, OFF(published)},
	{"published_raw", NA_F_PUBLISHED, K_DATE_RAW, OFF(published)},
	{"modified", NA_F_MODIFIED, K_DATE, OFF(modified)},
	{"modified_raw", NA_F_MODIFIED, K_DATE_RAW, OFF(modified)},
	{"keywords", NA_F_KEYWORDS, K_LIST, OFF(keywords)},
	{"subjects", NA_F_SUBJECTS, K_LIST, OFF(subjects)},
	{"section", NA_F_SECTION, K_STR, OFF(section)},
	{"body", NA_F_BODY, K_BODY, OFF(body)},
};

/* Other tools' names for our fields (grover/RealNews, schema.org, common
 * scrapers), consulted only when the canonical key is missing. */
static const struct alias {
	const char *alias, *canonical;
} aliases[] = {
	{"title", "headline"}, {"text", "body"}, {"content", "body"},
	{"authors", "byline"}, {"author", "byline"},
	{"publish_date", "published"}, {"date_published", "published"},
	{"datePublished", "published"}, {"pubdate", "published"}, {"date", "published"},
	{"dateModified", "modified"}, {"date_modified", "modified"},
	{"domain", "source"}, {"publisher", "source"}, {"lang", "language"},
	{"tags", "keywords"}, {"subtitle", "subheadline"},
};

static const struct key *find_key(const char *name, size_t n)
{
	for (size_t i = 0; i < NA_ARRAY_SIZE(keys); i++)
		if (strlen(keys[i].name) == n && !memcmp(keys[i].name, name, n))
			return &keys[i];
	return NULL;
}

struct mapper {
	struct na_ctx *c;
	struct na_article *a;
	const struct na_pos *rec;
	unsigned seen;          /* bit per keys[] index */
	int warn;
};

static int bad(struct mapper *m, const struct na_json *v, const char *field, const char *fmt, const char *detail)
{
	struct na_pos pos = *m->rec;
	pos.line = v->line;
	pos.col = v->col;
	na_report(m->c, NA_SEV_ERROR, &pos, field, fmt, detail);
	return -1;
}

static const char *type_name(const struct na_json *v)
{
	static const char *const n[] = {"null", "boolean", "boolean", "number", "string", "array", "object"};
	return n[v->type];
}

static int text_value(struct mapper *m, const struct na_json *v, const char *field, const char **out, size_t *len)
{
	if (v->type != NA_JSON_STRING)
		return bad(m, v, field, "expected a string, found %s", type_name(v));
	if (memchr(v->u.str, 0, v->len))
		return bad(m, v, field, "%s", "string contains U+0000, which no article field may hold");
	*out = v->u.str;
	*len = v->len;
	return 0;
}

static int map_list(struct mapper *m, const struct key *k, const struct na_json *v)
{
	struct na_strlist *l = (struct na_strlist *)((char *)m->a + k->offset);
	const char *s;
	size_t n;
	if (v->type == NA_JSON_STRING) {
		/* one name or keyword given as a bare string */
		if (text_value(m, v, k->name, &s, &n))
			return -1;
		if (n)
			na_strlist_push(m->a, l, s, n);
		return 0;
	}
	if (v->type != NA_JSON_ARRAY)
		return bad(m, v, k->name, "expected an array of strings, found %s", type_name(v));
	for (size_t i = 0; i < v->len; i++) {
		const struct na_json *it = &v->u.items[i];
		if (it->type == NA_JSON_STRING && !memchr(it->u.str, 0, it->len)) {
			/* the common case, without formatting a field name */
			na_strlist_push(m->a, l, it->u.str, it->len);
			continue;
		}
		char field[64];
		snprintf(field, sizeof field, "%s[%zu]", k->name, i);
		if (text_value(m, it, field, &s, &n))
			return -1;
		na_strlist_push(m->a, l, s, n);
	}
	return 0;
}

static void add_paragraphs(struct na_article *a, const char *s, size_t n)
{
	/* plain text bodies: one paragraph per non-empty line */
	const char *end = s + n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char *t = na_arena_strndup(a->arena, s, len);
		size_t k = na_text_normalize(t, len);
		if (k)
			na_article_add_block(a, NA_BLOCK_PARAGRAPH, t, k);
		s += len + 1;
	}
}

static int map_body(struct mapper *m, const struct na_json *v)
{
	const char *s;
	size_t n;
	if (v->type == NA_JSON_STRING) {
		if (text_value(m, v, "body", &s, &n))
			return -1;
		add_paragraphs(m->a, s, n);
		return 0;
	}
	if (v->type != NA_JSON_ARRAY)
		return bad(m, v, "body", "expected an array of blocks, found %s", type_name(v));
	for (size_t i = 0; i < v->len; i++) {
		const struct na_json *b = &v->u.items[i];
		char field[64];
		field[0] = 0;
		/* the field name is only needed for a diagnostic: format it then */
#define FIELD() (field[0] ? field : (snprintf(field, sizeof field, "body[%zu]", i), field))
		if (b->type == NA_JSON_STRING) {
			if (text_value(m, b, FIELD(), &s, &n))
				return -1;
			na_article_add_block(m->a, NA_BLOCK_PARAGRAPH, s, n);
			continue;
		}
		if (b->type != NA_JSON_OBJECT)
			return bad(m, b, FIELD(), "expected a block object {\"type\",\"text\"}, found %s", type_name(b));
		const struct na_json *t = na_json_get(b, "type"), *x = na_json_get(b, "text");
		enum na_block_type bt = NA_BLOCK_PARAGRAPH;
		if (t) {
			if (t->type != NA_JSON_STRING || na_block_type_from_name(t->u.str, &bt))
				return bad(m, t, FIELD(), "%s", "block type must be one of \"p\", \"h\", \"quote\", \"li\"");
		}
		if (!x)
			return bad(m, b, FIELD(), "%s", "block has no \"text\"");
		if (x->type == NA_JSON_STRING && !memchr(x->u.str, 0, x->len)) {
			s = x->u.str;
			n = x->len;
		} else if (text_value(m, x, FIELD(), &s, &n))
			return -1;
		if (b->len > (size_t)(t ? 2 : 1))
			return bad(m, b, FIELD(), "%s", "block has keys other than \"type\" and \"text\"");
		na_article_add_block(m->a, bt, s, n);
#undef FIELD
	}
	return 0;
}

static int map_member(struct mapper *m, const struct key *k, const struct na_json *v)
{
	size_t idx = (size_t)(k - keys);
	if (m->seen & (1u << idx)) {
		bad(m, v, k->name, "%s", "duplicate key");
		return -1;
	}
	m->seen |= 1u << idx;
	m->a->fpos[k->field] = (struct na_pos){m->rec->file, v->line, v->col, m->rec->offset};
	if (v->type == NA_JSON_NULL)
		return 0; /* null means absent */
	const char *s;
	size_t n;
	switch (k->kind) {
	case K_STR:
		if (text_value(m, v, k->name, &s, &n))
			return -1;
		*(const char **)((char *)m->a + k->offset) = na_article_str(m->a, s, n);
		return 0;
	case K_LIST:
		return map_list(m, k, v);
	case K_BODY:
		return map_body(m, v);
	case K_DATE:
	case K_DATE_RAW: {
		struct na_date *d = (struct na_date *)((char *)m->a + k->offset);
		if (v->type == NA_JSON_NUMBER && k->kind == K_DATE) {
			s = v->u.str; /* epoch seconds, as some feeds write them */
			n = v->len;
		} else if (text_value(m, v, k->name, &s, &n))
			return -1;
		if (k->kind == K_DATE_RAW) {
			d->raw = na_article_str(m->a, s, n);
			return 0;
		}
		const char *raw = d->raw;
		if (na_article_set_date(m->a, d, s, n) != 0) {
			struct na_pos pos = {m->rec->file, v->line, v->col, m->rec->offset};
			na_report(m->c, NA_SEV_WARNING, &pos, k->name,
			          "unparseable date \"%.*s\"; kept as %s_raw", (int)(n > 80 ? 80 : n), s, k->name);
			m->warn = 1;
		}
		if (raw)
			d->raw = raw; /* an explicit *_raw came first */
		return 0;
	}
	}
	return 0;
}

int na_article_from_json(struct na_ctx *c, struct na_article *a, const struct na_json *obj,
                         const struct na_pos *record)
{
	struct mapper m = {c, a, record, 0, 0};
	a->pos = *record;
	if (obj->type != NA_JSON_OBJECT) {
		struct na_pos pos = *record;
		pos.line = obj->line;
		pos.col = obj->col;
		na_report(c, NA_SEV_ERROR, &pos, NULL, "record is a JSON %s, not an article object", type_name(obj));
		return NA_FAILED;
	}
	for (size_t i = 0; i < obj->len; i++) {
		const struct na_json_member *mb = &obj->u.members[i];
		const struct key *k = find_key(mb->key, mb->key_len);
		if (k && map_member(&m, k, &mb->value))
			return NA_FAILED;
	}
	for (size_t i = 0; i < obj->len; i++) {
		const struct na_json_member *mb = &obj->u.members[i];
		if (find_key(mb->key, mb->key_len))
			continue;
		const struct key *k = NULL;
		for (size_t j = 0; j < NA_ARRAY_SIZE(aliases); j++)
			if (strlen(aliases[j].alias) == mb->key_len && !memcmp(aliases[j].alias, mb->key, mb->key_len)) {
				k = find_key(aliases[j].canonical, strlen(aliases[j].canonical));
				break;
			}
		if (k && !(m.seen & (1u << (k - keys))) && mb->value.type != NA_JSON_OBJECT) {
			if (map_member(&m, k, &mb->value))
				return NA_FAILED;
			continue;
		}
		if (memchr(mb->key, 0, mb->key_len)) {
			bad(&m, &mb->value, NULL, "%s", "key contains U+0000");
			return NA_FAILED;
		}
		size_t n;
		char *json = na_json_dump(a->arena, &mb->value, &n);
		na_article_add_extra(a, mb->key, json, n);
	}
	return m.warn ? NA_WARN : NA_OK;
}

/* ---- writing ---------------------------------------------------------- */

static void put_key(struct na_buf *b, const char *key, int *first)
{
	if (!*first)
		na_buf_addc(b, ',');
	*first = 0;
	na_buf_addc(b, '"');
	na_buf_adds(b, key);
	na_buf_add(b, "\":", 2);
}

static void put_str(struct na_buf *b, const char *key, const char *v, int *first)
{
	if (!v)
		return;
	put_key(b, key, first);
	na_buf_json_string(b, v, strlen(v));
}

static void put_list(struct na_buf *b, const char *key, const struct na_strlist *l, int *first)
{
	if (!l->n)
		return;
	put_key(b, key, first);
	na_buf_addc(b, '[');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			na_buf_addc(b, ',');
		na_buf_json_string(b, l->v[i], strlen(l->v[i]));
	}
	na_buf_addc(b, ']');
}

static void put_date(struct na_buf *b, const char *key, const struct na_date *d, int *first)
{
	put_str(b, key, d->value, first);
	if (d->raw && (!d->value || strcmp(d->raw, d->value) != 0)) {
		char k[32];
		snprintf(k, sizeof k, "%s_raw", key);
		put_str(b, k, d->raw, first);
	}
}

int na_article_to_json(struct na_output *o, const struct na_article *a)
{
	struct na_buf *b = na_output_buffer(o);
	int first = 1;
	na_buf_addc(b, '{');
	put_str(b, "id", a->id, &first);
	put_str(b, "source", a->source, &first);
	put_str(b, "url", a->url, &first);
	put_str(b, "headline", a->headline, &first);
	put_str(b, "subheadline", a->subheadline, &first);
	put_list(b, "byline", &a->byline, &first);
	put_str(b, "dateline", a->dateline, &first);
	put_str(b, "language", a->language, &first);
	put_date(b, "published", &a->published, &first);
	put_date(b, "modified", &a->modified, &first);
	put_list(b, "keywords", &a->keywords, &first);
	put_list(b, "subjects", &a->subjects, &first);
	put_str(b, "section", a->section, &first);
	if (a->nbody) {
		put_key(b, "body", &first);
		na_buf_addc(b, '[');
		for (size_t i = 0; i < a->nbody; i++) {
			if (i)
				na_buf_addc(b, ',');
			na_buf_add(b, "{\"type\":\"", 9);
			na_buf_adds(b, na_block_type_name(a->body[i].type));
			na_buf_add(b, "\",\"text\":", 9);
			na_buf_json_string(b, a->body[i].text, strlen(a->body[i].text));
			na_buf_addc(b, '}');
		}
		na_buf_addc(b, ']');
	}
	for (size_t i = 0; i < a->nextra; i++) {
		if (!first)
			na_buf_addc(b, ',');
		first = 0;
		na_buf_json_string(b, a->extra[i].key, strlen(a->extra[i].key));
		na_buf_addc(b, ':');
		na_buf_adds(b, a->extra[i].json);
	}
	na_buf_addc(b, '}');
	return na_output_flush_maybe(o);
}
