/* archive.c - libarchive reading for bundles, streamed from an na_input,
 * under struct na_limits: entry count, decompressed total, decompression
 * ratio and entry size are checked while the bytes flow, so a zip bomb or a
 * zstd/xz/bzip2 bomb stops early with a clear error (gzip bombs are caught
 * by the input layer, which decodes gzip before us). */
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "bundle.h"

/* Ratios are judged only past this much output: small files compress well. */
#define RATIO_FLOOR (16ull << 20)

_Thread_local int na_bundle_opening_nested;

int na_bundle_magic(const unsigned char *b, size_t len, const char *filename)
{
	int tarname = filename && (strstr(filename, ".tar.") || na_has_suffix_ci(filename, ".tzst") ||
	                           na_has_suffix_ci(filename, ".txz") || na_has_suffix_ci(filename, ".tbz2"));
	if (len >= 262 && !memcmp(b + 257, "ustar", 5))
		return NA_PROBE_MAX;
	if (len >= 4 && b[0] == 'P' && b[1] == 'K' && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6)))
		return NA_PROBE_MAX;
	/* compressed streams: the tar inside is checked when the reader opens */
	if ((len >= 4 && b[0] == 0x28 && b[1] == 0xB5 && b[2] == 0x2F && b[3] == 0xFD) ||
	    (len >= 6 && !memcmp(b, "\xFD" "7zXZ\0", 6)) ||
	    (len >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9'))
		return tarname ? 90 : 60;
	return 0;
}

static la_ssize_t read_cb(struct archive *a, void *user, const void **buf)
{
	NA_UNUSED(a);
	struct na_bundle_src *s = user;
	long k = na_input_read(s->in, s->rbuf, NA_BUNDLE_CHUNK);
	if (k < 0) {
		archive_set_error(a, EIO, "read error in the compressed stream");
		return -1;
	}
	s->raw += (unsigned long long)k;
	*buf = s->rbuf;
	return k;
}

static void set_display(struct na_bundle_src *s, const char *path)
{
	free(s->display);
	size_t n = strlen(na_input_name(s->in)) + strlen(path) + 2;
	s->display = na_xmalloc(n);
	snprintf(s->display, n, "%s!%s", na_input_name(s->in), path);
}

int na_bundle_src_open(struct na_bundle_src *s, struct na_ctx *c, struct na_input *in)
{
	memset(s, 0, sizeof *s);
	s->ctx = c;
	s->in = in;
	s->path = "";
	s->chunk = na_xmalloc(NA_BUNDLE_CHUNK);
	s->rbuf = na_xmalloc(NA_BUNDLE_CHUNK);
	s->a = archive_read_new();
	/* only in-process filters: never spawn an external decompressor on
	 * untrusted input (archive_read_support_filter_all would) */
	archive_read_support_filter_gzip(s->a);
	archive_read_support_filter_bzip2(s->a);
	archive_read_support_filter_xz(s->a);
	archive_read_support_filter_zstd(s->a);
	archive_read_support_format_tar(s->a);
	archive_read_support_format_gnutar(s->a);
	archive_read_support_format_zip(s->a);
	if (archive_read_open(s->a, s, NULL, read_cb, NULL) != ARCHIVE_OK) {
		struct na_pos pos = {na_input_name(in), 0, 0, -1};
		na_report(c, NA_SEV_ERROR, &pos, NULL, "not a readable archive: %s", archive_error_string(s->a));
		s->failed = 1;
		return -1;
	}
	return 0;
}

void na_bundle_src_error(struct na_bundle_src *s, const char *fmt, ...)
{
	struct na_pos pos = {s->display ? s->display : na_input_name(s->in), 0, 0, s->header_pos};
	va_list ap;
	va_start(ap, fmt);
	na_vreport(s->ctx, NA_SEV_ERROR, &pos, NULL, NULL, fmt, ap);
	va_end(ap);
}

int na_bundle_src_next(struct na_bundle_src *s)
{
	if (s->failed)
		return -1;
	int rc = archive_read_next_header(s->a, &s->e);
	if (rc == ARCHIVE_EOF)
		return 0;
	if (rc < ARCHIVE_WARN) {
		/* name where the damage starts: after the last good entry */
		struct na_pos pos = {na_input_name(s->in), 0, 0, archive_filter_bytes(s->a, 0)};
		if (s->entries)
			na_report(s->ctx, NA_SEV_ERROR, &pos, NULL, "corrupt or truncated archive after entry '%s': %s",
			          s->path, archive_error_string(s->a));
		else
			na_report(s->ctx, NA_SEV_ERROR, &pos, NULL, "corrupt or truncated archive: %s",
			          archive_error_string(s->a));
		s->failed = 1;
		return -1;
	}
	const char *p = archive_entry_pathname(s->e);
	/* a copy: libarchive reuses the entry, and errors name the last good one */
	free(s->pathbuf);
	s->pathbuf = na_xstrdup(p ? p : "");
	s->path = s->pathbuf;
	s->header_pos = archive_read_header_position(s->a);
	set_display(s, s->path);
	if (++s->entries > s->ctx->limits.max_entries) {
		na_bundle_src_error(s, "more than %zu entries in the archive (--max-entries); stopped",
		                    s->ctx->limits.max_entries);
		s->failed = 1;
		return -1;
	}
	if (rc == ARCHIVE_WARN) {
		struct na_pos pos = {s->display, 0, 0, s->header_pos};
		na_report(s->ctx, NA_SEV_WARNING, &pos, NULL, "%s", archive_error_string(s->a));
	}
	return 1;
}

static int limits_ok(struct na_bundle_src *s)
{
	const struct na_limits *l = &s->ctx->limits;
	if (s->total > l->max_total) {
		na_bundle_src_error(s, "decompressed size exceeds the limit (%llu bytes, --max-total); stopped",
		                    l->max_total);
		return 0;
	}
	/* compressed bytes consumed so far: what the decompression filter read
	 * (tar.zst/xz/bz2), or for an unfiltered archive the position of the
	 * format reader, which for zip advances with each deflated member;
	 * counting our read-ahead instead would hide a bomb until its end */
	long long used = archive_filter_count(s->a) > 1 ? archive_filter_bytes(s->a, -1)
	                                                 : archive_filter_bytes(s->a, 0);
	if (used <= 0 || (unsigned long long)used > s->raw)
		used = (long long)s->raw;
	if (s->total > RATIO_FLOOR && s->total / ((unsigned long long)used + 1) > l->max_ratio) {
		na_bundle_src_error(s, "compression ratio exceeds the limit (%u, --max-ratio); "
		                    "possible zip bomb; stopped", l->max_ratio);
		return 0;
	}
	return 1;
}

int na_bundle_src_stream(struct na_bundle_src *s, int (*fn)(void *u, const void *p, size_t n), void *u)
{
	size_t max = s->ctx->limits.max_record;
	unsigned long long got = 0;
	int too_big = 0;
	if (archive_entry_size_is_set(s->e) && (unsigned long long)archive_entry_size(s->e) > max) {
		na_bundle_src_error(s, "entry of %lld bytes is larger than the record limit (%zu bytes, --max-record); skipped",
		                    (long long)archive_entry_size(s->e), max);
		too_big = 1;
	}
	for (;;) {
		la_ssize_t k = archive_read_data(s->a, s->chunk, NA_BUNDLE_CHUNK);
		if (k == 0)
			break;
		if (k < 0) {
			na_bundle_src_error(s, "corrupt or truncated entry (at byte %llu of it): %s", got,
			                    archive_error_string(s->a));
			s->failed = 1;
			return -1;
		}
		got += (unsigned long long)k;
		s->total += (unsigned long long)k;
		if (!limits_ok(s)) {
			s->failed = 1;
			return -1;
		}
		if (!too_big && got > max) {
			na_bundle_src_error(s, "entry is larger than the record limit (%zu bytes, --max-record); skipped", max);
			too_big = 1;
		}
		if (!too_big && fn && fn(u, s->chunk, (size_t)k) != 0)
			return -1;
	}
	return too_big ? -2 : 0;
}

static int add_buf(void *u, const void *p, size_t n)
{
	na_buf_add(u, p, n);
	return 0;
}

int na_bundle_src_data(struct na_bundle_src *s, struct na_buf *b)
{
	b->len = 0;
	int rc = na_bundle_src_stream(s, add_buf, b);
	if (rc == 0) {
		na_buf_reserve(b, NA_JSON_PAD);
		memset(b->p + b->len, 0, NA_JSON_PAD);
	}
	return rc;
}

void na_bundle_src_close(struct na_bundle_src *s)
{
	if (s->a)
		archive_read_free(s->a);
	free(s->chunk);
	free(s->rbuf);
	free(s->display);
	free(s->pathbuf);
	memset(s, 0, sizeof *s);
}

const struct na_format *na_bundle_probe_entry(struct na_input *in, const char *path, int *score)
{
	size_t n;
	/* peek through the input so a gzipped entry is probed decoded */
	const unsigned char *head = na_input_peek(in, NA_PROBE_SIZE, &n);
	const struct na_format *f;
	int tie;
	na_format_probe_buf(path, NULL, head, n > NA_PROBE_SIZE ? NA_PROBE_SIZE : n, &f, score, &tie);
	return f && *score > NA_PROBE_GUESS ? f : NULL;
}
