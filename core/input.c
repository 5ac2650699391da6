/* input.c - byte source with a read-ahead window, line numbers and a
 * transparent gzip layer (zlib, concatenated members too), under the limits
 * of struct na_limits so a gzip bomb stops with a clear error. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "internal.h"

#define RAW_CHUNK (256u << 10)

struct na_input {
	struct na_ctx *ctx;
	char *name;
	int fd;                 /* -1 for memory inputs */
	int own_fd;
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	/* decoded window: data[start..end) */
	unsigned char *data;
	size_t start, end, cap;
	int owned;              /* data is ours (not the memory input itself) */
	int eof, failed;
	long long consumed;     /* decoded bytes before data[start] */
	long lineno;            /* line number of data[start] */
	/* gzip */
	int gz;
	z_stream zs;
	unsigned char *raw;
	size_t raw_len;
	int raw_eof;
	unsigned long long raw_total, out_total;
	char *mime, *charset;
	long long size;
	char *slurped;
};

static void report(struct na_input *in, const char *fmt, const char *detail)
{
	struct na_pos pos = {in->name, 0, 0, in->consumed + (long long)(in->end - in->start)};
	na_report(in->ctx, NA_SEV_ERROR, &pos, NULL, fmt, detail);
	in->failed = 1;
}

/* Read compressed or plain bytes from the file or memory. */
static long raw_read(struct na_input *in, unsigned char *dst, size_t n)
{
	if (in->fd < 0) {
		size_t k = in->mem_len - in->mem_pos;
		if (k > n)
			k = n;
		memcpy(dst, in->mem + in->mem_pos, k);
		in->mem_pos += k;
		return (long)k;
	}
	for (;;) {
		ssize_t k = read(in->fd, dst, n);
		if (k >= 0)
			return (long)k;
		if (errno != EINTR) {
			report(in, "read error: %s", strerror(errno));
			return -1;
		}
	}
}

static void setup(struct na_input *in)
{
	/* gzip magic: 1f 8b 08 (deflate) */
	unsigned char head[3];
	long k;
	if (in->fd < 0) {
		if (in->mem_len >= 3 && in->mem[0] == 0x1f && in->mem[1] == 0x8b && in->mem[2] == 8)
			in->gz = 1;
		else {
			/* plain memory: no copy, the window is the buffer itself */
			in->data = (unsigned char *)in->mem;
			in->start = 0;
			in->end = in->cap = in->mem_len;
			in->eof = 1;
			return;
		}
	} else {
		in->cap = RAW_CHUNK;
		in->data = na_xmalloc(in->cap + NA_JSON_PAD);
		in->owned = 1;
		size_t got = 0;
		while (got < 3 && (k = raw_read(in, in->data + got, 3 - got)) > 0)
			got += (size_t)k;
		memcpy(head, in->data, got);
		in->end = got;
		if (got == 3 && head[0] == 0x1f && head[1] == 0x8b && head[2] == 8) {
			in->gz = 1;
			in->raw = na_xmalloc(RAW_CHUNK);
			memcpy(in->raw, head, 3);
			in->raw_len = 3;
			in->end = 0;
		}
	}
	if (in->gz) {
		if (!in->owned) {
			in->cap = RAW_CHUNK;
			in->data = na_xmalloc(in->cap + NA_JSON_PAD);
			in->owned = 1;
		}
		if (!in->raw)
			in->raw = na_xmalloc(RAW_CHUNK);
		memset(&in->zs, 0, sizeof in->zs);
		if (inflateInit2(&in->zs, 16 + MAX_WBITS) != Z_OK) {
			report(in, "gzip: %s", "cannot initialize zlib");
			in->gz = 0;
		}
		in->zs.next_in = in->raw;
		in->zs.avail_in = (uInt)in->raw_len;
	}
}

/* Append decoded bytes to the window; returns bytes added, 0 at end, -1 error. */
static long fill(struct na_input *in)
{
	if (in->eof || in->failed)
		return 0;
	if (in->start > 0 && (in->end == in->start || in->start > in->cap / 2 || in->end == in->cap)) {
		memmove(in->data, in->data + in->start, in->end - in->start);
		in->consumed += (long long)in->start;
		in->end -= in->start;
		in->start = 0;
	}
	if (in->end == in->cap) {
		size_t limit = in->ctx->limits.max_record + RAW_CHUNK;
		if (in->cap >= limit)
			return -2; /* window full: caller decides */
		in->cap *= 2;
		in->data = na_xrealloc(in->data, in->cap + NA_JSON_PAD);
	}
	if (!in->gz) {
		long k = raw_read(in, in->data + in->end, in->cap - in->end);
		if (k <= 0) {
			in->eof = 1;
			return k;
		}
		in->end += (size_t)k;
		return k;
	}
	for (;;) {
		if (in->zs.avail_in == 0 && !in->raw_eof) {
			long k = raw_read(in, in->raw, RAW_CHUNK);
			if (k < 0)
				return -1;
			if (k == 0)
				in->raw_eof = 1;
			in->zs.next_in = in->raw;
			in->zs.avail_in = (uInt)k;
			in->raw_total += (unsigned long long)k;
		}
		in->zs.next_out = in->data + in->end;
		in->zs.avail_out = (uInt)(in->cap - in->end);
		int rc = inflate(&in->zs, Z_NO_FLUSH);
		size_t got = (size_t)(in->cap - in->end) - in->zs.avail_out;
		in->end += got;
		in->out_total += got;
		if (in->out_total > in->ctx->limits.max_total) {
			report(in, "gzip: decompressed size exceeds the limit (%s)", "--max-total");
			return -1;
		}
		/* the ratio over the compressed bytes inflate actually consumed:
		 * deflate tops out near 1032:1, so a looser estimate (bytes read
		 * ahead) would never reach the default limit of 1000 */
		unsigned long long used = in->raw_total - in->zs.avail_in;
		if (in->out_total > (16u << 20) && in->out_total / (used + 1) > in->ctx->limits.max_ratio) {
			report(in, "gzip: compression ratio exceeds the limit (%s); possible gzip bomb", "--max-ratio");
			return -1;
		}
		if (rc == Z_STREAM_END) {
			/* another member may follow (concatenated gzip, per-record WARC) */
			if (in->zs.avail_in == 0 && !in->raw_eof) {
				long k = raw_read(in, in->raw, RAW_CHUNK);
				if (k > 0) {
					in->zs.next_in = in->raw;
					in->zs.avail_in = (uInt)k;
					in->raw_total += (unsigned long long)k;
				} else
					in->raw_eof = 1;
			}
			if (in->zs.avail_in == 0) {
				in->eof = 1;
				return (long)got;
			}
			inflateReset(&in->zs);
		} else if ((rc == Z_BUF_ERROR || rc == Z_OK) && in->raw_eof && in->zs.avail_in == 0 && !got) {
			report(in, "gzip: %s", "truncated stream (unexpected end of file)");
			return got ? (long)got : -1;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			report(in, "gzip: corrupt data: %s", in->zs.msg ? in->zs.msg : "inflate error");
			return got ? (long)got : -1;
		}
		if (got)
			return (long)got;
	}
}

static struct na_input *new_input(struct na_ctx *c, const char *name)
{
	struct na_input *in = na_xcalloc(1, sizeof *in);
	in->ctx = c;
	in->name = na_xstrdup(name);
	in->fd = -1;
	in->lineno = 1;
	in->size = -1;
	return in;
}

struct na_input *na_input_open_file(struct na_ctx *c, const char *path)
{
	int fd;
	int is_stdin = !strcmp(path, "-");
	if (is_stdin)
		fd = 0;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		struct na_pos pos = {path, 0, 0, -1};
		na_report(c, NA_SEV_ERROR, &pos, NULL, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct na_pos pos = {path, 0, 0, -1};
		na_report(c, NA_SEV_ERROR, &pos, NULL, "is a directory");
		close(fd);
		return NULL;
	}
	struct na_input *in = new_input(c, is_stdin ? "<stdin>" : path);
	in->fd = fd;
	in->own_fd = !is_stdin;
	if (S_ISREG(st.st_mode))
		in->size = (long long)st.st_size;
	setup(in);
	return in;
}

struct na_input *na_input_open_mem(struct na_ctx *c, const char *name, const void *buf, size_t len)
{
	struct na_input *in = new_input(c, name);
	in->mem = buf;
	in->mem_len = len;
	in->size = (long long)len;
	setup(in);
	return in;
}

void na_input_close(struct na_input *in)
{
	if (!in)
		return;
	if (in->gz)
		inflateEnd(&in->zs);
	if (in->own_fd)
		close(in->fd);
	if (in->owned)
		free(in->data);
	free(in->raw);
	free(in->name);
	free(in->mime);
	free(in->charset);
	free(in->slurped);
	free(in);
}

const char *na_input_name(const struct na_input *in) { return in->name; }
void na_input_set_first_line(struct na_input *in, long line) { in->lineno = line; }
struct na_ctx *na_input_ctx(const struct na_input *in) { return in->ctx; }
long long na_input_size(const struct na_input *in) { return in->size; }

long long na_input_consumed(const struct na_input *in)
{
	if (in->gz)
		return (long long)in->raw_total - (long long)in->zs.avail_in;
	if (in->fd < 0)
		return (long long)in->mem_pos + (long long)in->start;
	return in->consumed + (long long)in->start;
}
const char *na_input_charset(const struct na_input *in) { return in->charset; }
const char *na_input_mime(const struct na_input *in) { return in->mime; }
long na_input_lineno(const struct na_input *in) { return in->lineno; }
long long na_input_offset(const struct na_input *in) { return in->consumed + (long long)in->start; }

void na_input_set_transport(struct na_input *in, const char *mime, const char *charset)
{
	free(in->mime);
	free(in->charset);
	in->mime = mime ? na_xstrdup(mime) : NULL;
	in->charset = charset ? na_xstrdup(charset) : NULL;
}

const unsigned char *na_input_peek(struct na_input *in, size_t want, size_t *n)
{
	while (in->end - in->start < want && fill(in) > 0)
		;
	*n = in->end - in->start;
	return in->data + in->start;
}

int na_input_eof(const struct na_input *in)
{
	return in->eof && !in->failed;
}

void na_input_skip(struct na_input *in, size_t n)
{
	if (n > in->end - in->start)
		n = in->end - in->start;
	const char *p = (const char *)in->data + in->start, *e = p + n;
	for (; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		in->lineno++;
	in->start += n;
}

long na_input_read(struct na_input *in, void *buf, size_t n)
{
	if (in->start == in->end) {
		long k = fill(in);
		if (k < 0)
			return in->failed ? -1 : 0;
	}
	size_t k = in->end - in->start;
	if (k > n)
		k = n;
	memcpy(buf, in->data + in->start, k);
	/* memchr finds the newlines much faster than a byte loop (XML readers
	 * pull everything through here) */
	for (const char *p = buf, *e = p + k; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		in->lineno++;
	in->start += k;
	return (long)k;
}

int na_input_line(struct na_input *in, const char **line, size_t *len)
{
	size_t scan = in->start;
	for (;;) {
		unsigned char *nl = memchr(in->data + scan, '\n', in->end - scan);
		if (nl) {
			size_t n = (size_t)(nl - (in->data + in->start));
			if (n > in->ctx->limits.max_record) {
				/* the window may hold more than the limit (it doubles), so
				 * a complete line can still be too long */
				struct na_pos pos = {in->name, in->lineno, 1, na_input_offset(in)};
				na_report(in->ctx, NA_SEV_ERROR, &pos, NULL,
				          "line longer than the record limit (%zu bytes, --max-record); skipped",
				          in->ctx->limits.max_record);
				in->start += n + 1;
				in->lineno++;
				return -1;
			}
			*line = (const char *)in->data + in->start;
			in->start += n + 1;
			in->lineno++;
			if (n > in->ctx->limits.max_record) {
				/* memory inputs hold whole lines: the window never overflows */
				struct na_pos pos = {in->name, in->lineno - 1, 1, na_input_offset(in) - (long long)n - 1};
				na_report(in->ctx, NA_SEV_ERROR, &pos, NULL,
				          "line longer than the record limit (%zu bytes, --max-record); skipped",
				          in->ctx->limits.max_record);
				return -1;
			}
			if (n > 0 && (*line)[n - 1] == '\r')
				n--;
			*len = n;
			return 1;
		}
		if (in->end - in->start > in->ctx->limits.max_record) {
			struct na_pos pos = {in->name, in->lineno, 1, na_input_offset(in)};
			na_report(in->ctx, NA_SEV_ERROR, &pos, NULL,
			          "line longer than the record limit (%zu bytes, --max-record); skipped",
			          in->ctx->limits.max_record);
			/* drop bytes until the next newline */
			for (;;) {
				in->start = in->end;
				long k = fill(in);
				if (k <= 0)
					break;
				unsigned char *p = memchr(in->data + in->start, '\n', in->end - in->start);
				if (p) {
					in->start = (size_t)(p - in->data) + 1;
					break;
				}
			}
			in->lineno++;
			return -1;
		}
		size_t before = in->start;
		scan = in->end;
		long k = fill(in);
		scan -= before - in->start; /* the window may have moved */
		if (k == -2)
			continue; /* the limit check above handles it */
		if (k <= 0) {
			if (in->start == in->end)
				return (k < 0 || in->failed) ? -2 : 0;
			size_t n = in->end - in->start;
			*line = (const char *)in->data + in->start;
			in->start = in->end;
			in->lineno++;
			if (n > 0 && (*line)[n - 1] == '\r')
				n--;
			*len = n;
			return 1;
		}
	}
}

int na_input_slurp(struct na_input *in, const char **buf, size_t *len)
{
	for (;;) {
		if (in->end - in->start > in->ctx->limits.max_record) {
			struct na_pos pos = {in->name, 0, 0, -1};
			na_report(in->ctx, NA_SEV_ERROR, &pos, NULL,
			          "input larger than the record limit (%zu bytes, --max-record)",
			          in->ctx->limits.max_record);
			return -1;
		}
		long k = fill(in);
		if (k == -2)
			continue;
		if (k <= 0)
			break;
	}
	if (in->failed && in->end == in->start)
		return -1;
	*buf = (const char *)in->data + in->start;
	*len = in->end - in->start;
	if (in->owned)
		memset(in->data + in->end, 0, NA_JSON_PAD); /* parsers may look past the end */
	in->start = in->end;
	return in->failed ? 1 : 0;
}
