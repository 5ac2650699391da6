/* output.c - output sinks.  Files are written to a temporary name beside the
 * target and renamed on commit, so a failed or killed run never leaves a
 * truncated file: the old file stays, or nothing is there. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include "internal.h"

#define OUT_CHUNK (256u << 10)
#define MAX_TEMPS 64

struct na_output {
	struct na_ctx *ctx;
	char *name;             /* target path, or "<stdout>" / "<memory>" */
	char *tmp;              /* temporary path, NULL for stdout/memory */
	int fd;                 /* -1 for memory */
	int is_mem;
	int failed;
	int gz;
	z_stream zs;
	struct na_buf buf;
	int temp_slot;
	int own_fd;             /* a device opened directly */
};

/* Temporary names still open, for the SIGINT/SIGTERM handler. */
static char *temp_names[MAX_TEMPS];

static int register_temp(char *path)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (!temp_names[i]) {
			temp_names[i] = path;
			return i;
		}
	return -1;
}

static void unregister_temp(int slot)
{
	if (slot >= 0)
		temp_names[slot] = NULL;
}

void na_output_cleanup_all(void)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temp_names[i])
			unlink(temp_names[i]);
}

static void fail(struct na_output *o, const char *what)
{
	if (!o->failed) {
		struct na_pos pos = {o->name, 0, 0, -1};
		na_report(o->ctx, NA_SEV_ERROR, &pos, NULL, "%s: %s", what, strerror(errno));
	}
	o->failed = 1;
}

static void write_fd(struct na_output *o, const void *p, size_t n)
{
	const char *s = p;
	while (n && !o->failed) {
		ssize_t k = write(o->fd, s, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			fail(o, "write error");
			return;
		}
		s += k;
		n -= (size_t)k;
	}
}

static void flush_buf(struct na_output *o, int finish)
{
	if (o->is_mem)
		return;
	if (!o->gz) {
		write_fd(o, o->buf.p, o->buf.len);
		o->buf.len = 0;
		return;
	}
	unsigned char out[OUT_CHUNK];
	o->zs.next_in = (unsigned char *)o->buf.p;
	o->zs.avail_in = (uInt)o->buf.len;
	int rc;
	do {
		o->zs.next_out = out;
		o->zs.avail_out = sizeof out;
		rc = deflate(&o->zs, finish ? Z_FINISH : Z_NO_FLUSH);
		write_fd(o, out, sizeof out - o->zs.avail_out);
	} while (o->zs.avail_out == 0 || (finish && rc != Z_STREAM_END && rc != Z_STREAM_ERROR));
	o->buf.len = 0;
}

struct na_output *na_output_open_file(struct na_ctx *c, const char *path)
{
	struct na_output *o = na_xcalloc(1, sizeof *o);
	o->ctx = c;
	o->temp_slot = -1;
	if (!path || !strcmp(path, "-")) {
		o->name = na_xstrdup("<stdout>");
		o->fd = 1;
		return o;
	}
	o->name = na_xstrdup(path);
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or pipe (/dev/null, a FIFO): nothing to replace atomically */
		o->fd = open(path, O_WRONLY | O_CLOEXEC);
		if (o->fd < 0) {
			fail(o, "cannot open output");
			free(o->name);
			free(o);
			return NULL;
		}
		o->own_fd = 1;
		return o;
	}
	size_t n = strlen(path);
	o->tmp = na_xmalloc(n + 16);
	/* beside the target, so rename() stays on one file system */
	snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", path);
	/* no SIGINT/SIGTERM between creating the temporary file and registering
	 * it for the handler's cleanup, or an interrupt there would leave it */
	sigset_t block, saved;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &saved);
	o->fd = mkstemp(o->tmp);
	if (o->fd >= 0)
		o->temp_slot = register_temp(o->tmp);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (o->fd < 0) {
		fail(o, "cannot create output");
		free(o->tmp);
		free(o->name);
		free(o);
		return NULL;
	}
	fchmod(o->fd, 0644);
	if (na_has_suffix_ci(path, ".gz")) {
		o->gz = 1;
		/* mtime 0 and no name in the header keep the output reproducible */
		deflateInit2(&o->zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	}
	return o;
}

struct na_output *na_output_open_mem(struct na_ctx *c)
{
	struct na_output *o = na_xcalloc(1, sizeof *o);
	o->ctx = c;
	o->name = na_xstrdup("<memory>");
	o->fd = -1;
	o->is_mem = 1;
	o->temp_slot = -1;
	return o;
}

int na_output_write(struct na_output *o, const void *buf, size_t n)
{
	na_buf_add(&o->buf, buf, n);
	if (!o->is_mem && o->buf.len >= OUT_CHUNK)
		flush_buf(o, 0);
	return o->failed ? NA_FATAL : NA_OK;
}

int na_output_puts(struct na_output *o, const char *s)
{
	return na_output_write(o, s, strlen(s));
}

int na_output_printf(struct na_output *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NA_FATAL;
	na_buf_reserve(&o->buf, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(o->buf.p + o->buf.len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	o->buf.len += (size_t)n;
	if (!o->is_mem && o->buf.len >= OUT_CHUNK)
		flush_buf(o, 0);
	return o->failed ? NA_FATAL : NA_OK;
}

const char *na_output_data(struct na_output *o, size_t *len)
{
	*len = o->buf.len;
	return o->buf.p ? o->buf.p : "";
}

void na_output_mem_reset(struct na_output *o)
{
	o->buf.len = 0;
	if (o->buf.p)
		o->buf.p[0] = 0;
}

const char *na_output_name(const struct na_output *o) { return o->name; }

struct na_buf *na_output_buffer(struct na_output *o) { return &o->buf; }

int na_output_gzip_off(struct na_output *o)
{
	if (!o->gz || o->buf.len || o->zs.total_in)
		return 0;
	deflateEnd(&o->zs);
	o->gz = 0;
	return 1;
}

int na_output_flush_maybe(struct na_output *o)
{
	if (!o->is_mem && o->buf.len >= OUT_CHUNK)
		flush_buf(o, 0);
	return o->failed ? NA_FATAL : NA_OK;
}

static void destroy(struct na_output *o)
{
	if (o->gz)
		deflateEnd(&o->zs);
	unregister_temp(o->temp_slot);
	na_buf_free(&o->buf);
	free(o->tmp);
	free(o->name);
	free(o);
}

int na_output_commit(struct na_output *o)
{
	if (!o)
		return NA_FATAL;
	flush_buf(o, 1);
	int rc = o->failed ? NA_FATAL : NA_OK;
	if (o->tmp) {
		if (rc == NA_OK && fsync(o->fd) != 0 && errno != EINVAL)
			fail(o, "fsync");
		if (close(o->fd) != 0)
			fail(o, "close");
		if (!o->failed && rename(o->tmp, o->name) != 0)
			fail(o, "cannot rename into place");
		if (o->failed)
			unlink(o->tmp);
		rc = o->failed ? NA_FATAL : NA_OK;
	} else if (o->own_fd && close(o->fd) != 0)
		rc = NA_FATAL;
	destroy(o);
	return rc;
}

void na_output_abort(struct na_output *o)
{
	if (!o)
		return;
	if (o->tmp) {
		close(o->fd);
		unlink(o->tmp);
	} else if (!o->is_mem) {
		flush_buf(o, 1); /* stdout: what was streamed is already out */
		if (o->own_fd)
			close(o->fd);
	}
	destroy(o);
}
