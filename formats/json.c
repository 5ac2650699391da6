/* json.c - one JSON document (RFC 8259) holding one article object or an
 * array of them, the usual per-article file of web archives.  The document is
 * read whole (bounded by --max-record); array elements that are not article
 * objects are rejected one by one, the others kept.  The writer emits a bare
 * object for exactly one article and an array otherwise, so a per-article
 * file round-trips to itself. */
#include <stdio.h>
#include "format.h"

extern const struct na_format na_format_json;

struct json {
	struct na_arena *arena;
	struct na_json *root;
	size_t next;
	int done;
	/* writer */
	struct na_output *pending;
	unsigned long n;
};

/* "{}" and "[]" are whole documents: nothing but blanks may follow */
static int only_ws_after(const struct na_probe *p, size_t j)
{
	for (; j < p->len; j++)
		if (p->buf[j] != ' ' && p->buf[j] != '\n' && p->buf[j] != '\r' && p->buf[j] != '\t')
			return 0;
	return 1;
}

/* An object must open with a string key and a colon ({"k": ...) or be
 * empty: a lone brace is too weak a sign (random bytes have them). */
static int object_opens(const struct na_probe *p, size_t i)
{
	size_t j = i + 1;
	while (j < p->len && (p->buf[j] == ' ' || p->buf[j] == '\n' || p->buf[j] == '\r' || p->buf[j] == '\t'))
		j++;
	if (j < p->len && p->buf[j] == '}')
		return only_ws_after(p, j + 1);
	if (j >= p->len || p->buf[j] != '"')
		return 0;
	for (j++; j < p->len && p->buf[j] != '"'; j++)
		if (p->buf[j] < 0x20 || p->buf[j] == '\\')
			return 0;
	for (j++; j < p->len && (p->buf[j] == ' ' || p->buf[j] == '\n' || p->buf[j] == '\r' || p->buf[j] == '\t'); j++)
		;
	return j < p->len && p->buf[j] == ':';
}

static int json_probe(const struct na_probe *p)
{
	size_t i = na_probe_skip_ws(p);
	int ext = na_probe_ext_score(&na_format_json, p) > 0;
	if (i >= p->len)
		return 0;
	if (p->buf[i] == '[') {
		/* an array of objects, or an empty array */
		size_t j = i + 1;
		while (j < p->len && (p->buf[j] == ' ' || p->buf[j] == '\n' || p->buf[j] == '\r' || p->buf[j] == '\t'))
			j++;
		if (j < p->len && ((p->buf[j] == '{' && object_opens(p, j)) || (p->buf[j] == ']' && only_ws_after(p, j + 1))))
			return ext ? NA_PROBE_MAX : 90;
		return ext ? NA_PROBE_EXT : 0;
	}
	/* a lone object could be one JSONL record too; JSONL claims single-line
	 * objects with 80, so without the extension we stay below it */
	if (p->buf[i] == '{' && object_opens(p, i))
		return ext ? 85 : 40;
	return ext ? NA_PROBE_GUESS : 0;
}

static int json_read_open(struct na_reader *r)
{
	struct json *j = r->priv;
	j->arena = na_arena_new();
	return NA_OK;
}

static int json_read_next(struct na_reader *r, struct na_article *a)
{
	struct json *j = r->priv;
	struct na_pos pos = {na_input_name(r->in), 1, 1, 0};
	if (!j->root) {
		if (j->done)
			return NA_EOF;
		j->done = 1;
		const char *buf;
		size_t len;
		if (na_input_slurp(r->in, &buf, &len) < 0)
			return NA_FATAL;
		struct na_json_error err;
		j->root = na_json_parse(j->arena, buf, len, r->ctx->limits.max_depth, 1, &err);
		if (!j->root) {
			pos.line = err.line;
			pos.col = err.col;
			pos.offset = err.offset;
			na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "%s", err.message);
			return NA_FATAL;
		}
		if (j->root->type != NA_JSON_ARRAY) {
			int st = na_article_from_json(r->ctx, a, j->root, &pos);
			j->next = 1;
			return st;
		}
	}
	if (j->root->type != NA_JSON_ARRAY || j->next >= j->root->len)
		return NA_EOF;
	const struct na_json *v = &j->root->u.items[j->next++];
	pos.line = v->line;
	pos.col = v->col;
	return na_article_from_json(r->ctx, a, v, &pos);
}

static void json_read_close(struct na_reader *r)
{
	struct json *j = r->priv;
	na_arena_free(j->arena);
}

static int json_write_article(struct na_writer *w, const struct na_article *a)
{
	struct json *j = w->priv;
	if (j->n == 0) {
		/* hold the first article: a single one is written as a bare object */
		j->pending = na_output_open_mem(w->ctx);
		j->n++;
		return na_article_to_json(j->pending, a);
	}
	if (j->pending) {
		size_t len;
		const char *buf = na_output_data(j->pending, &len);
		na_output_write(w->out, "[\n", 2);
		na_output_write(w->out, buf, len);
		na_output_abort(j->pending);
		j->pending = NULL;
	}
	j->n++;
	na_output_write(w->out, ",\n", 2);
	return na_article_to_json(w->out, a);
}

static int json_write_close(struct na_writer *w)
{
	struct json *j = w->priv;
	if (j->n == 0)
		return na_output_write(w->out, "[]\n", 3);
	if (j->pending) {
		size_t len;
		const char *buf = na_output_data(j->pending, &len);
		na_output_write(w->out, buf, len);
		na_output_abort(j->pending);
		j->pending = NULL;
		return na_output_write(w->out, "\n", 1);
	}
	return na_output_write(w->out, "\n]\n", 3);
}

const struct na_format na_format_json = {
	.name = "json",
	.description = "JSON document: one article object or an array of them",
	.extensions = "json",
	.mime = "application/json",
	.priv_size = sizeof(struct json),
	.probe = json_probe,
	.read_open = json_read_open,
	.read_next = json_read_next,
	.validates_utf8 = 1,
	.read_close = json_read_close,
	.write_article = json_write_article,
	.write_close = json_write_close,
};
