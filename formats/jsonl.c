/* jsonl.c - JSON Lines (jsonlines.org, RFC 8259 per line), one article
 * object per line, UTF-8.  Output keys follow the canonical order of
 * core/artjson.c; unknown keys are kept.  Blank lines are skipped.  A line
 * that is not well-formed JSON, or not an article object, is one rejected
 * record (file:line:col reported, raw line kept for --rejects). */
#include <stdio.h>
#include "format.h"

extern const struct na_format na_format_jsonl;

struct jsonl {
	unsigned long records;
};

/* {"key": or {} - a lone brace is too weak a sign (random bytes have them) */
static int object_opens(const struct na_probe *p, size_t i)
{
	size_t j = i + 1;
	while (j < p->len && (p->buf[j] == ' ' || p->buf[j] == '\t'))
		j++;
	if (j < p->len && p->buf[j] == '}')
		return 1;
	if (j >= p->len || p->buf[j] != '"')
		return 0;
	for (j++; j < p->len && p->buf[j] != '"'; j++)
		if (p->buf[j] < 0x20 || p->buf[j] == '\\')
			return 0;
	for (j++; j < p->len && (p->buf[j] == ' ' || p->buf[j] == '\t'); j++)
		;
	return j < p->len && p->buf[j] == ':';
}

static int jsonl_probe(const struct na_probe *p)
{
	size_t i = na_probe_skip_ws(p);
	int ext = na_probe_ext_score(&na_format_jsonl, p) > 0;
	if (i >= p->len || p->buf[i] != '{' || !object_opens(p, i))
		return ext ? NA_PROBE_GUESS : 0;
	/* the first line must hold a whole object: "{ ... }" then a newline (or
	 * the end of a short file); pretty-printed JSON opens with a lone "{" */
	const unsigned char *nl = memchr(p->buf + i, '\n', p->len - i);
	size_t end = nl ? (size_t)(nl - p->buf) : p->len;
	while (end > i && (p->buf[end - 1] == '\r' || p->buf[end - 1] == ' ' || p->buf[end - 1] == '\t'))
		end--;
	if (nl || p->len < NA_PROBE_SIZE) {
		if (end - i < 2 || p->buf[end - 1] != '}')
			return ext ? NA_PROBE_EXT : 0;
		return ext ? NA_PROBE_MAX : 80;
	}
	/* first line longer than the probe window: keep it a guess */
	return ext ? 90 : 70;
}

static int jsonl_read_next(struct na_reader *r, struct na_article *a)
{
	struct na_json *root;
	struct na_pos pos;
	int st = na_read_json_line(r, a->arena, &root, &pos);
	return st == NA_OK ? na_article_from_json(r->ctx, a, root, &pos) : st;
}

static int jsonl_write_article(struct na_writer *w, const struct na_article *a)
{
	int rc = na_article_to_json(w->out, a);
	if (rc == NA_OK)
		rc = na_output_write(w->out, "\n", 1);
	return rc;
}

const struct na_format na_format_jsonl = {
	.name = "jsonl",
	.aliases = "ndjson,jsonlines",
	.description = "JSON Lines: one article object per line (canonical key order)",
	.extensions = "jsonl,ndjson",
	.mime = "application/jsonl,application/x-ndjson",
	.priv_size = sizeof(struct jsonl),
	.probe = jsonl_probe,
	.read_next = jsonl_read_next,
	.validates_utf8 = 1,
	.write_article = jsonl_write_article,
};
