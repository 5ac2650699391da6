/* ninjs.c - IPTC ninjs (News in JSON): 3.x (camelCase, schema 3.1) and 2.x
 * (lowercase, schema 2.2) read and written; 1.x as produced by Superdesk
 * (guid, headline, body_html, body_text, byline, subject) read.  Input is one
 * ninjs document, an array of them, or JSON Lines of ninjs.  Read: uri/guid,
 * headlines (main, subhead), bodies (HTML preferred over text/plain), by and
 * people[rel=author], located, language, firstCreated/contentCreated,
 * versionCreated, subjects, infoSources, renditions[name=web]; every other
 * key is kept as an extra field.  Write (-O ninjs:version=3.1|2.2): uri,
 * type, firstCreated, versionCreated, language, headlines, by, people,
 * located, subjects, infoSources, renditions, bodies in text/html and
 * text/plain; the output validates against the IPTC JSON Schema.  Mapping
 * table in docs/feeds.md. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "feed/feed.h"

extern const struct na_format na_format_ninjs;

struct ninjs {
	/* reader */
	struct na_arena *arena;
	struct na_json *root;
	size_t next;
	int mode;               /* 0 undecided, 1 one document, 2 JSON Lines */
	/* writer */
	int v2, lines, pretty_done;
	struct na_buf held;     /* the first document, pretty, until a second comes */
	struct na_buf held_line;
	unsigned long n;
};

/* ---- probe ------------------------------------------------------------ */

static int has_key(const char *text, const char *key)
{
	char k[40];
	snprintf(k, sizeof k, "\"%s\"", key);
	for (const char *p = strstr(text, k); p; p = strstr(p + 1, k)) {
		const char *q = p + strlen(k);
		while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
			q++;
		if (*q == ':')
			return 1;
	}
	return 0;
}

static int ninjs_probe(const struct na_probe *p)
{
	size_t i = na_probe_skip_ws(p);
	if (i >= p->len || (p->buf[i] != '{' && p->buf[i] != '['))
		return 0;
	char text[NA_PROBE_SIZE + 1];
	size_t n = p->len < NA_PROBE_SIZE ? p->len : NA_PROBE_SIZE;
	memcpy(text, p->buf, n);
	text[n] = 0;
	for (size_t k = 0; k < n; k++)
		if (!text[k])
			text[k] = ' ';
	if (!has_key(text, "uri") && !has_key(text, "guid"))
		return 0;
	static const char *const keys[] = {"versionCreated", "versioncreated", "firstCreated", "firstcreated",
	                                   "headlines", "bodies", "pubStatus", "pubstatus", "body_html",
	                                   "body_text", "slugline", "infoSources", "infosources"};
	for (size_t k = 0; k < NA_ARRAY_SIZE(keys); k++)
		if (has_key(text, keys[k]))
			return NA_PROBE_MAX;
	/* an id and a type only: ninjs-like, above json's 40/85 for a lone
	 * object only when the "type" is one of ninjs's item types */
	return has_key(text, "type") && (strstr(text, "\"text\"") || strstr(text, "\"picture\"")) ? 75 : 0;
}

/* ---- reader ----------------------------------------------------------- */

struct obj {
	const struct na_json *o;
	unsigned char *used;
};

static const struct na_json *get(struct obj *ob, const char *key)
{
	size_t n = strlen(key);
	for (size_t i = 0; i < ob->o->len; i++) {
		const struct na_json_member *m = &ob->o->u.members[i];
		if (m->key_len == n && na_strncaseeq(m->key, key, n)) {
			ob->used[i] = 1;
			return &m->value;
		}
	}
	return NULL;
}

/* keep this member as an extra field after all */
static void unuse(struct obj *ob, const struct na_json *v)
{
	for (size_t i = 0; i < ob->o->len; i++)
		if (&ob->o->u.members[i].value == v)
			ob->used[i] = 0;
}

static const char *str(const struct na_json *v)
{
	return v && v->type == NA_JSON_STRING && !memchr(v->u.str, 0, v->len) && v->len ? v->u.str : NULL;
}

static const char *member_str(const struct na_json *o, const char *key)
{
	if (!o || o->type != NA_JSON_OBJECT)
		return NULL;
	size_t n = strlen(key);
	for (size_t i = 0; i < o->len; i++)
		if (o->u.members[i].key_len == n && na_strncaseeq(o->u.members[i].key, key, n))
			return str(&o->u.members[i].value);
	return NULL;
}

static const char *norm(struct na_article *a, const char *s)
{
	char *t = na_arena_strdup(a->arena, s);
	t[na_text_normalize(t, strlen(t))] = 0;
	return *t ? t : NULL;
}

static int is_html(const char *ct)
{
	return ct && (strstr(ct, "html") != NULL);
}

static int map_doc(struct na_reader *r, const struct na_json *doc, struct na_article *a, const struct na_pos *rec)
{
	int warn = 0;
	a->pos = *rec;
	if (doc->type != NA_JSON_OBJECT) {
		struct na_pos pos = *rec;
		pos.line = doc->line, pos.col = doc->col;
		na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "ninjs item must be a JSON object");
		return NA_FAILED;
	}
	struct obj ob = {doc, na_xcalloc(doc->len ? doc->len : 1, 1)};
	const char *s;
	const struct na_json *v;

	if ((s = str(get(&ob, "uri"))) != NULL)
		a->id = feed_id_from_iri(a, s);
	if ((s = str(get(&ob, "guid"))) != NULL && !a->id)
		a->id = na_article_str(a, s, strlen(s));
	if (!a->id) {
		struct na_pos pos = *rec;
		pos.line = doc->line, pos.col = doc->col;
		na_report(r->ctx, NA_SEV_WARNING, &pos, "id", "ninjs item has no uri (the one required property)");
		warn = 1;
	}
	/* headlines: the one with role main (or no role) is the headline */
	if ((v = get(&ob, "headlines")) && v->type == NA_JSON_ARRAY) {
		for (size_t i = 0; i < v->len; i++) {
			const char *role = member_str(&v->u.items[i], "role");
			const char *val = member_str(&v->u.items[i], "value");
			if (!val)
				continue;
			const char *ct = member_str(&v->u.items[i], "contentType");
			const char *t = is_html(ct) ? feed_html_text(a, val, strlen(val)) : norm(a, val);
			if (!t || !*t)
				continue;
			if (role && (!strcasecmp(role, "subhead") || !strcasecmp(role, "sub") || !strcasecmp(role, "subheadline"))) {
				if (!a->subheadline)
					a->subheadline = t;
			} else if (!a->headline && (!role || !strcasecmp(role, "main")))
				a->headline = t;
		}
		for (size_t i = 0; i < v->len && !a->headline; i++) {
			const char *val = member_str(&v->u.items[i], "value");
			if (val)
				a->headline = norm(a, val);
		}
	}
	if ((s = str(get(&ob, "headline"))) != NULL && !a->headline)
		a->headline = norm(a, s); /* ninjs 1.x */

	/* bodies: HTML keeps the block structure, so it wins over text/plain */
	const char *html = NULL, *text = NULL;
	if ((v = get(&ob, "bodies")) && v->type == NA_JSON_ARRAY) {
		for (size_t i = 0; i < v->len; i++) {
			const char *val = member_str(&v->u.items[i], "value");
			const char *ct = member_str(&v->u.items[i], "contentType");
			if (!val)
				continue;
			if (is_html(ct)) {
				if (!html)
					html = val;
			} else if (!text)
				text = val;
		}
	}
	if ((s = str(get(&ob, "body_html"))) != NULL && !html)
		html = s;
	if ((s = str(get(&ob, "body_text"))) != NULL && !text)
		text = s;
	if (html)
		feed_html_blocks(a, html, strlen(html));
	if (!a->nbody && text)
		feed_text_blocks(a, text, strlen(text));

	/* people with rel author are the byline when several; else "by" */
	if ((v = get(&ob, "people")) && v->type == NA_JSON_ARRAY) {
		int all_authors = 1;
		for (size_t i = 0; i < v->len; i++) {
			const char *rel = member_str(&v->u.items[i], "rel");
			const char *name = member_str(&v->u.items[i], "name");
			if (rel && !strcmp(rel, "author") && name)
				na_strlist_push_unique(a, &a->byline, norm(a, name));
			else
				all_authors = 0;
		}
		if (!all_authors) {
			/* mentioned people are not authors: keep the whole array */
			a->byline.n = 0;
			unuse(&ob, v);
		}
	}
	if ((s = str(get(&ob, "by"))) != NULL && !a->byline.n)
		na_strlist_push_unique(a, &a->byline, norm(a, s));
	if ((s = str(get(&ob, "byline"))) != NULL && !a->byline.n)
		na_strlist_push_unique(a, &a->byline, norm(a, s));
	if ((s = str(get(&ob, "located"))) != NULL)
		a->dateline = norm(a, s);
	if ((s = str(get(&ob, "language"))) != NULL)
		a->language = norm(a, s);

	static const char *const date_keys[] = {"firstCreated", "contentCreated", "versionCreated"};
	for (size_t k = 0; k < NA_ARRAY_SIZE(date_keys); k++) {
		v = get(&ob, date_keys[k]);
		if (!(s = str(v)))
			continue;
		struct na_date *d = k == 2 ? &a->modified : &a->published;
		if (k == 1 && a->published.raw)
			continue;
		warn |= feed_date_json(r->ctx, rec, a, d, s, v->len, k == 2 ? "modified" : "published", v->line, v->col);
	}
	if (a->modified.value && a->published.value && !strcmp(a->modified.value, a->published.value))
		a->modified = (struct na_date){0};

	/* subjects: our writer marks keywords and the section with rel */
	if ((v = get(&ob, "subjects")) && v->type == NA_JSON_ARRAY) {
		for (size_t i = 0; i < v->len; i++) {
			const struct na_json *it = &v->u.items[i];
			const char *rel = member_str(it, "rel");
			const char *name = member_str(it, "name");
			if (!name)
				name = member_str(it, "literal");
			if (!name)
				name = member_str(it, "uri");
			if (!name || !(name = norm(a, name)))
				continue;
			if (rel && !strcmp(rel, "keyword"))
				na_strlist_push_unique(a, &a->keywords, name);
			else if (rel && !strcmp(rel, "section") && !a->section)
				a->section = name;
			else
				na_strlist_push_unique(a, &a->subjects, name);
		}
	}
	if ((v = get(&ob, "subject")) && v->type == NA_JSON_ARRAY) /* ninjs 1.x: {code, name} */
		for (size_t i = 0; i < v->len; i++) {
			const char *name = member_str(&v->u.items[i], "name");
			if (name)
				na_strlist_push_unique(a, &a->subjects, norm(a, name));
		}
	if ((v = get(&ob, "keywords")) && v->type == NA_JSON_ARRAY) /* ninjs 1.x */
		for (size_t i = 0; i < v->len; i++)
			if ((s = str(&v->u.items[i])) != NULL)
				na_strlist_push_unique(a, &a->keywords, norm(a, s));
	if ((v = get(&ob, "infoSources")) && v->type == NA_JSON_ARRAY && v->len)
		if ((s = member_str(&v->u.items[0], "name")) != NULL)
			a->source = norm(a, s);
	if ((s = str(get(&ob, "source"))) != NULL && !a->source)
		a->source = norm(a, s); /* ninjs 1.x (Superdesk) */
	if ((v = get(&ob, "renditions")) && v->type == NA_JSON_ARRAY) {
		for (size_t i = 0; i < v->len && !a->url; i++) {
			const char *name = member_str(&v->u.items[i], "name");
			const char *ct = member_str(&v->u.items[i], "contentType");
			const char *href = member_str(&v->u.items[i], "href");
			if (href && ((name && !strcmp(name, "web")) || (ct && !strcmp(ct, "text/html"))) &&
			    feed_url(r->ctx, rec, href))
				a->url = na_article_str(a, href, strlen(href));
		}
		if (!a->url || v->len > 1)
			unuse(&ob, v); /* media renditions: keep them */
	} else if (v)
		unuse(&ob, v);
	/* "type" text is what an article is; anything else is kept */
	if ((v = get(&ob, "type")) && (s = str(v)) && strcmp(s, "text") != 0)
		unuse(&ob, v);
	/* which schema the document claims is about the document, not the news */
	if ((v = get(&ob, "standard")) && v->type != NA_JSON_OBJECT)
		unuse(&ob, v);

	for (size_t i = 0; i < doc->len; i++) {
		const struct na_json_member *m = &doc->u.members[i];
		if (ob.used[i] || memchr(m->key, 0, m->key_len))
			continue;
		size_t n;
		char *json = na_json_dump(a->arena, &m->value, &n);
		char *key = na_arena_strndup(a->arena, m->key, m->key_len);
		na_article_add_extra(a, key, json, n);
	}
	free(ob.used);
	return warn ? NA_WARN : NA_OK;
}

static int ninjs_read_open(struct na_reader *r)
{
	struct ninjs *s = r->priv;
	s->arena = na_arena_new();
	return NA_OK;
}

static void ninjs_read_close(struct na_reader *r)
{
	struct ninjs *s = r->priv;
	na_arena_free(s->arena);
}

/* A first line that is a whole JSON object means JSON Lines. */
static int decide_mode(struct na_reader *r)
{
	struct ninjs *s = r->priv;
	size_t n;
	const unsigned char *p = na_input_peek(r->in, 1 << 16, &n);
	size_t i = 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	const unsigned char *nl = i < n ? memchr(p + i, '\n', n - i) : NULL;
	if (nl && p[i] == '{') {
		struct na_json_error err;
		na_arena_reset(s->arena);
		if (na_json_parse(s->arena, (const char *)p + i, (size_t)(nl - p) - i, r->ctx->limits.max_depth, 1, &err))
			return 2;
	}
	return 1;
}

static int ninjs_read_next(struct na_reader *r, struct na_article *a)
{
	struct ninjs *s = r->priv;
	if (!s->mode)
		s->mode = decide_mode(r);
	if (s->mode == 2) {
		struct na_json *doc;
		struct na_pos pos;
		int st = na_read_json_line(r, a->arena, &doc, &pos);
		return st == NA_OK ? map_doc(r, doc, a, &pos) : st;
	}
	struct na_pos pos = {na_input_name(r->in), 1, 1, 0};
	if (!s->root) {
		if (s->next)
			return NA_EOF;
		s->next = 1;
		const char *buf;
		size_t len;
		if (na_input_slurp(r->in, &buf, &len) < 0)
			return NA_FATAL;
		struct na_json_error err;
		na_arena_reset(s->arena);
		s->root = na_json_parse(s->arena, buf, len, r->ctx->limits.max_depth, 1, &err);
		if (!s->root) {
			pos.line = err.line, pos.col = err.col, pos.offset = err.offset;
			na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "%s", err.message);
			return NA_FATAL;
		}
		if (s->root->type != NA_JSON_ARRAY) {
			s->next = 1;
			return map_doc(r, s->root, a, &pos);
		}
		s->next = 0;
	}
	if (s->root->type != NA_JSON_ARRAY || s->next >= s->root->len)
		return NA_EOF;
	const struct na_json *v = &s->root->u.items[s->next++];
	pos.line = v->line, pos.col = v->col;
	return map_doc(r, v, a, &pos);
}

/* ---- writer ----------------------------------------------------------- */

struct jw {
	struct na_buf *b;
	int pretty, depth, first, after_key;
};

static void jw_nl(struct jw *j)
{
	if (!j->pretty)
		return;
	na_buf_addc(j->b, '\n');
	for (int i = 0; i < j->depth; i++)
		na_buf_add(j->b, "  ", 2);
}

static void jw_open(struct jw *j, char c)
{
	j->after_key = 0;
	na_buf_addc(j->b, c);
	j->depth++;
	j->first = 1;
}

static void jw_close(struct jw *j, char c)
{
	j->depth--;
	if (!j->first)
		jw_nl(j);
	na_buf_addc(j->b, c);
	j->first = 0;
}

static void jw_item(struct jw *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (!j->first)
		na_buf_addc(j->b, ',');
	j->first = 0;
	jw_nl(j);
}

static void jw_key(struct jw *j, const char *k)
{
	jw_item(j);
	na_buf_json_string(j->b, k, strlen(k));
	na_buf_add(j->b, j->pretty ? ": " : ":", j->pretty ? 2 : 1);
	j->after_key = 1; /* the value follows on the same line */
}

static void jw_str(struct jw *j, const char *s)
{
	j->after_key = 0;
	na_buf_json_string(j->b, s, strlen(s));
	j->first = 0;
}

static void jw_kv(struct jw *j, const char *k, const char *v)
{
	if (!v)
		return;
	jw_key(j, k);
	jw_str(j, v);
}

/* one {k: v, ...} on a line of its own, pairs NULL-terminated */
static void jw_small(struct jw *j, const char *k1, const char *v1, const char *k2, const char *v2,
                     const char *k3, const char *v3)
{
	jw_item(j);
	int pretty = j->pretty;
	j->pretty = 0;
	jw_open(j, '{');
	jw_kv(j, k1, v1);
	if (k2)
		jw_kv(j, k2, v2);
	if (k3)
		jw_kv(j, k3, v3);
	jw_close(j, '}');
	j->pretty = pretty;
}

static int render(struct na_writer *w, const struct na_article *a, struct na_buf *b, int pretty)
{
	struct ninjs *s = w->priv;
	struct jw j = {b, pretty, 0, 1, 0};
	int v2 = s->v2;
	struct na_buf uri = {0};
	feed_id_iri(&uri, a->id ? a->id : a->url);
	jw_open(&j, '{');
	jw_kv(&j, "uri", uri.p);
	na_buf_free(&uri);
	jw_kv(&j, "type", "text");
	jw_key(&j, "standard");
	jw_small(&j, "name", "ninjs", "version", v2 ? "2.2" : "3.1", "schema",
	         v2 ? "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"
	            : "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#");
	/* the schemas want a full RFC 3339 date-time: a date without a time
	 * or a zone cannot be written without inventing one */
	const struct na_date *dates[2] = {&a->published, a->modified.value ? &a->modified : &a->published};
	const char *names[2] = {v2 ? "firstcreated" : "firstCreated", v2 ? "versioncreated" : "versionCreated"};
	for (int k = 0; k < 2; k++) {
		if (feed_date_full(dates[k]))
			jw_kv(&j, names[k], dates[k]->value);
		else if (dates[k]->value && (k == 0 || dates[k] != &a->published)) {
			struct na_pos pos = a->pos;
			na_report(w->ctx, NA_SEV_WARNING, &pos, k ? "modified" : "published",
			          "\"%s\" has no %s: left out of ninjs %s (its schema needs a date-time)",
			          dates[k]->value, dates[k]->flags & NA_DATE_NO_TIME ? "time" : "zone", names[k]);
		}
	}
	jw_kv(&j, "language", a->language);
	if (a->headline || a->subheadline) {
		jw_key(&j, "headlines");
		jw_open(&j, '[');
		if (a->headline)
			jw_small(&j, "role", "main", "value", a->headline, NULL, NULL);
		if (a->subheadline)
			jw_small(&j, "role", "subhead", "value", a->subheadline, NULL, NULL);
		jw_close(&j, ']');
	}
	if (a->byline.n) {
		struct na_buf by = {0};
		for (size_t i = 0; i < a->byline.n; i++) {
			if (i)
				na_buf_adds(&by, i + 1 == a->byline.n ? " and " : ", ");
			na_buf_adds(&by, a->byline.v[i]);
		}
		jw_kv(&j, "by", by.p);
		na_buf_free(&by);
		if (a->byline.n > 1) {
			/* "by" is one statement; the names themselves go to people */
			jw_key(&j, "people");
			jw_open(&j, '[');
			for (size_t i = 0; i < a->byline.n; i++)
				jw_small(&j, "name", a->byline.v[i], "rel", "author", NULL, NULL);
			jw_close(&j, ']');
		}
	}
	jw_kv(&j, "located", a->dateline);
	if (a->subjects.n || a->keywords.n || a->section) {
		jw_key(&j, "subjects");
		jw_open(&j, '[');
		for (size_t i = 0; i < a->subjects.n; i++)
			jw_small(&j, "name", a->subjects.v[i], NULL, NULL, NULL, NULL);
		for (size_t i = 0; i < a->keywords.n; i++)
			jw_small(&j, "name", a->keywords.v[i], "rel", "keyword", NULL, NULL);
		if (a->section)
			jw_small(&j, "name", a->section, "rel", "section", NULL, NULL);
		jw_close(&j, ']');
	}
	if (a->source) {
		jw_key(&j, v2 ? "infosources" : "infoSources");
		jw_open(&j, '[');
		jw_small(&j, "name", a->source, NULL, NULL, NULL, NULL);
		jw_close(&j, ']');
	}
	if (a->url && a->id) {
		if (feed_is_iri(a->url)) {
			jw_key(&j, "renditions");
			jw_open(&j, '[');
			jw_small(&j, "name", "web", "href", a->url, v2 ? "contenttype" : "contentType", "text/html");
			jw_close(&j, ']');
		} else {
			struct na_pos pos = a->pos;
			na_report(w->ctx, NA_SEV_WARNING, &pos, "url", "\"%s\" is not a URI: left out of ninjs renditions",
			          a->url);
		}
	}
	if (a->nbody) {
		struct na_buf html = {0}, text = {0};
		feed_body_html(&html, a);
		feed_body_text(&text, a);
		const char *ct = v2 ? "contenttype" : "contentType";
		jw_key(&j, "bodies");
		jw_open(&j, '[');
		jw_small(&j, "role", "main", ct, "text/html", "value", html.p);
		jw_small(&j, "role", "main", ct, "text/plain", "value", text.p);
		jw_close(&j, ']');
		na_buf_free(&html);
		na_buf_free(&text);
	}
	jw_close(&j, '}');
	na_buf_addc(b, '\n');
	return NA_OK;
}

static int ninjs_write_open(struct na_writer *w)
{
	struct ninjs *s = w->priv;
	const char *v = na_ctx_option(w->ctx, "ninjs", "version");
	const char *l = na_ctx_option(w->ctx, "ninjs", "lines");
	if (v && strcmp(v, "3.1") && strcmp(v, "3") && strcmp(v, "2.2") && strcmp(v, "2")) {
		struct na_pos pos = {"-O ninjs:version", 0, 0, -1};
		na_report(w->ctx, NA_SEV_ERROR, &pos, NULL, "ninjs version \"%s\": 3.1 or 2.2", v);
		return NA_FATAL;
	}
	s->v2 = v && v[0] == '2';
	s->lines = l && strcmp(l, "0") != 0;
	return NA_OK;
}

static int ninjs_write_article(struct na_writer *w, const struct na_article *a)
{
	struct ninjs *s = w->priv;
	if (!a->id && !a->url) {
		struct na_pos pos = a->pos;
		na_report(w->ctx, NA_SEV_ERROR, &pos, "id", "article has no id or url: ninjs requires a uri");
		return NA_FAILED;
	}
	struct na_buf *out = na_output_buffer(w->out);
	if (s->lines) {
		render(w, a, out, 0);
		return na_output_flush_maybe(w->out);
	}
	/* one document per article: hold the first; a second one turns the
	 * output into JSON Lines (one ninjs document per line) */
	s->n++;
	if (s->n == 1) {
		render(w, a, &s->held, 1);
		render(w, a, &s->held_line, 0);
		return NA_OK;
	}
	if (s->held_line.len) {
		na_buf_add(out, s->held_line.p, s->held_line.len);
		na_buf_free(&s->held_line);
		na_buf_free(&s->held);
	}
	render(w, a, out, 0);
	return na_output_flush_maybe(w->out);
}

static int ninjs_write_close(struct na_writer *w)
{
	struct ninjs *s = w->priv;
	if (s->held.len)
		na_buf_add(na_output_buffer(w->out), s->held.p, s->held.len);
	na_buf_free(&s->held);
	na_buf_free(&s->held_line);
	return na_output_flush_maybe(w->out);
}

const struct na_format na_format_ninjs = {
	.name = "ninjs",
	.description = "IPTC ninjs 3.x/2.x (1.x read): one JSON document per article, or JSON Lines",
	.extensions = "ninjs",
	.mime = "application/ninjs+json",
	.priv_size = sizeof(struct ninjs),
	.probe = ninjs_probe,
	.read_open = ninjs_read_open,
	.read_next = ninjs_read_next,
	.read_close = ninjs_read_close,
	.write_open = ninjs_write_open,
	.write_article = ninjs_write_article,
	.write_close = ninjs_write_close,
	.options_help = "version: 3.1 (default, camelCase names) or 2.2 (lowercase names); "
	                "lines: 1 for JSON Lines, one document per line (default: one pretty document, "
	                "JSON Lines from the second article on)",
};
