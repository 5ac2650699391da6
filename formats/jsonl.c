/* jsonl.c - JSON Lines (jsonlines.org, RFC 8259 per line), one article
 * object per line, UTF-8.  Output keys follow the canonical order of
 * core/artjson.c; unknown keys are kept.  Blank lines are skipped.  A line
 * that is not well-formed JSON, or not an article object, is one rejected
 * record (file:line:col reported, raw line kept for --rejects). */
#include <stdio.h>
#include <unistd.h>
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

/* Chunks for parallel reading end after a newline: about 1 MB, or 256
 * records when they are larger than 2 KB on average (judged from the head),
 * never under 64 KB. */
#ifdef NA_FUZZ_SMALL_SPLIT
/* the fuzz build (fuzz/fuzz.mk) cuts its small inputs too */
#define CHUNK_MAX 4096u
#define CHUNK_LINES 4
#define CHUNK_FLOOR 256u
#else
#define CHUNK_MAX (1u << 20)
#define CHUNK_LINES 256
#define CHUNK_FLOOR (64u << 10)
#endif

static size_t jsonl_split(int fd, size_t size, const unsigned char *head, size_t head_len, struct na_chunk **out)
{
	size_t lines = 0;
	for (const unsigned char *q = head; (q = memchr(q, '\n', (size_t)(head + head_len - q))); q++)
		lines++;
	size_t chunk = lines ? head_len / lines * CHUNK_LINES : CHUNK_MAX;
	if (chunk > CHUNK_MAX)
		chunk = CHUNK_MAX;
	if (chunk < CHUNK_FLOOR)
		chunk = CHUNK_FLOOR;
	struct na_chunk *v = NULL;
	size_t n = 0, cap = 0, pos = 0;
	char win[4096];
	while (pos < size) {
		/* the chunk ends after the first newline at or past pos + chunk */
		size_t end = pos + chunk;
		while (end < size) {
			ssize_t got = pread(fd, win, sizeof win, (off_t)end);
			if (got <= 0) {
				end = size;
				break;
			}
			const char *nl = memchr(win, '\n', (size_t)got);
			if (nl) {
				end += (size_t)(nl - win) + 1;
				break;
			}
			end += (size_t)got;
		}
		if (end > size)
			end = size;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = na_xrealloc(v, cap * sizeof *v);
		}
		v[n++] = (struct na_chunk){.start = pos, .end = end, .line_start = 1};
		pos = end;
	}
	*out = v;
	return n;
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
	.split = jsonl_split,
	.write_article = jsonl_write_article,
};
