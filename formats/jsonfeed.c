/* jsonfeed.c - JSON Feed 1.0 and 1.1 (jsonfeed.org/version/1.1), read only.
 * Items become articles: id, url (external_url when url is absent), title,
 * content_html (body blocks) or content_text, summary, date_published,
 * date_modified, authors (1.1) or author (1.0), falling back on the feed's,
 * tags as keywords, language (item, else feed); the source is the feed
 * title.  Other item keys are kept as extra fields.  The document is read
 * whole (bounded by --max-record). */
#include <stdio.h>
#include <stdlib.h>
#include "feed/feed.h"

extern const struct na_format na_format_jsonfeed;

struct jsonfeed {
	struct na_arena *arena;
	struct na_json *root;
	const struct na_json *items;
	size_t next;
	int done;
};

static int jsonfeed_probe(const struct na_probe *p)
{
	size_t i = na_probe_skip_ws(p);
	if (i >= p->len || p->buf[i] != '{')
		return 0;
	char text[NA_PROBE_SIZE + 1];
	size_t n = p->len < NA_PROBE_SIZE ? p->len : NA_PROBE_SIZE;
	memcpy(text, p->buf, n);
	text[n] = 0;
	for (size_t k = 0; k < n; k++)
		if (!text[k])
			text[k] = ' ';
	/* the version URL is the format's own signature */
	if (strstr(text, "\"https://jsonfeed.org/version/") || strstr(text, "\"https:\\/\\/jsonfeed.org\\/version\\/"))
		return NA_PROBE_MAX;
	return 0;
}

static int jsonfeed_read_open(struct na_reader *r)
{
	struct jsonfeed *s = r->priv;
	s->arena = na_arena_new();
	return NA_OK;
}

static void jsonfeed_read_close(struct na_reader *r)
{
	struct jsonfeed *s = r->priv;
	na_arena_free(s->arena);
}

static const char *jstr(const struct na_json *o, const char *key)
{
	const struct na_json *v = o && o->type == NA_JSON_OBJECT ? na_json_get(o, key) : NULL;
	return v && v->type == NA_JSON_STRING && v->len && !memchr(v->u.str, 0, v->len) ? v->u.str : NULL;
}

static const char *norm(struct na_article *a, const char *s)
{
	char *t = na_arena_strdup(a->arena, s);
	t[na_text_normalize(t, strlen(t))] = 0;
	return *t ? t : NULL;
}

static void authors(struct na_article *a, const struct na_json *o)
{
	const struct na_json *v = na_json_get(o, "authors");
	if (v && v->type == NA_JSON_ARRAY) {
		for (size_t i = 0; i < v->len; i++) {
			const char *name = jstr(&v->u.items[i], "name");
			if (name)
				na_strlist_push_unique(a, &a->byline, norm(a, name));
		}
		return;
	}
	const char *name = jstr(na_json_get(o, "author"), "name"); /* JSON Feed 1.0 */
	if (name)
		na_strlist_push_unique(a, &a->byline, norm(a, name));
}

static const char *const mapped[] = {"id", "url", "external_url", "title", "content_html", "content_text",
                                     "summary", "date_published", "date_modified", "authors", "author",
                                     "tags", "language"};

static int map_item(struct na_reader *r, struct jsonfeed *s, const struct na_json *it, struct na_article *a,
                    const struct na_pos *rec)
{
	int warn = 0;
	a->pos = *rec;
	if (it->type != NA_JSON_OBJECT) {
		na_report(r->ctx, NA_SEV_ERROR, rec, NULL, "JSON Feed item must be an object");
		return NA_FAILED;
	}
	const char *v;
	const struct na_json *j;
	if ((v = jstr(it, "id")) != NULL)
		a->id = v;
	else if ((j = na_json_get(it, "id")) && j->type == NA_JSON_NUMBER)
		a->id = j->u.str; /* 1.0 feeds sometimes use numbers */
	if ((v = jstr(it, "url")) != NULL || (v = jstr(it, "external_url")) != NULL)
		a->url = feed_url(r->ctx, rec, v);
	if ((v = jstr(it, "title")) != NULL)
		a->headline = norm(a, v);
	if ((v = jstr(it, "content_html")) != NULL)
		feed_html_blocks(a, v, strlen(v));
	if (!a->nbody && (v = jstr(it, "content_text")) != NULL)
		feed_text_blocks(a, v, strlen(v));
	if ((v = jstr(it, "summary")) != NULL) {
		if (!a->nbody)
			feed_text_blocks(a, v, strlen(v));
		else
			na_article_add_extra_string(a, "summary", norm(a, v) ? norm(a, v) : "");
	}
	static const char *const dk[] = {"date_published", "date_modified"};
	for (int k = 0; k < 2; k++)
		if ((j = na_json_get(it, dk[k])) && (v = jstr(it, dk[k])) != NULL)
			warn |= feed_date_json(r->ctx, rec, a, k ? &a->modified : &a->published, v, j->len,
			                       k ? "modified" : "published", j->line, j->col);
	authors(a, it);
	if (!a->byline.n)
		authors(a, s->root);
	if ((j = na_json_get(it, "tags")) && j->type == NA_JSON_ARRAY)
		for (size_t i = 0; i < j->len; i++)
			if (j->u.items[i].type == NA_JSON_STRING && !memchr(j->u.items[i].u.str, 0, j->u.items[i].len))
				na_strlist_push_unique(a, &a->keywords, norm(a, j->u.items[i].u.str));
	if ((v = jstr(it, "language")) != NULL || (v = jstr(s->root, "language")) != NULL)
		a->language = v;
	if ((v = jstr(s->root, "title")) != NULL)
		a->source = norm(a, v);
	for (size_t i = 0; i < it->len; i++) {
		const struct na_json_member *m = &it->u.members[i];
		int known = 0;
		for (size_t k = 0; k < NA_ARRAY_SIZE(mapped) && !known; k++)
			known = strlen(mapped[k]) == m->key_len && !memcmp(mapped[k], m->key, m->key_len);
		if (known || memchr(m->key, 0, m->key_len))
			continue;
		size_t n;
		char *json = na_json_dump(a->arena, &m->value, &n);
		na_article_add_extra(a, na_arena_strndup(a->arena, m->key, m->key_len), json, n);
	}
	return warn ? NA_WARN : NA_OK;
}

static int jsonfeed_read_next(struct na_reader *r, struct na_article *a)
{
	struct jsonfeed *s = r->priv;
	struct na_pos pos = {na_input_name(r->in), 1, 1, 0};
	if (!s->root) {
		if (s->done)
			return NA_EOF;
		s->done = 1;
		const char *buf;
		size_t len;
		if (na_input_slurp(r->in, &buf, &len) < 0)
			return NA_FATAL;
		struct na_json_error err;
		s->root = na_json_parse(s->arena, buf, len, r->ctx->limits.max_depth, 1, &err);
		if (!s->root) {
			pos.line = err.line, pos.col = err.col, pos.offset = err.offset;
			na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "%s", err.message);
			return NA_FATAL;
		}
		const char *version = s->root->type == NA_JSON_OBJECT ? jstr(s->root, "version") : NULL;
		s->items = s->root->type == NA_JSON_OBJECT ? na_json_get(s->root, "items") : NULL;
		if (!version || strncmp(version, "https://jsonfeed.org/version/", 29) != 0 || !s->items ||
		    s->items->type != NA_JSON_ARRAY) {
			na_report(r->ctx, NA_SEV_ERROR, &pos, NULL,
			          "not a JSON Feed: needs \"version\": \"https://jsonfeed.org/version/1.1\" and an \"items\" array");
			return NA_FATAL;
		}
		if (!s->items->len)
			na_report(r->ctx, NA_SEV_WARNING, &pos, NULL, "feed has no items");
	}
	if (!s->items || s->next >= s->items->len)
		return NA_EOF;
	const struct na_json *it = &s->items->u.items[s->next++];
	pos.line = it->line, pos.col = it->col;
	return map_item(r, s, it, a, &pos);
}

const struct na_format na_format_jsonfeed = {
	.name = "jsonfeed",
	.aliases = "json-feed",
	.description = "JSON Feed 1.0/1.1 (read): items as articles",
	.extensions = "feed.json",
	.mime = "application/feed+json",
	.priv_size = sizeof(struct jsonfeed),
	.probe = jsonfeed_probe,
	.read_open = jsonfeed_read_open,
	.read_next = jsonfeed_read_next,
	.read_close = jsonfeed_read_close,
};
