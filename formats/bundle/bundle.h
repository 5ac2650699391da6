/* bundle.h - private helpers of the bundle format (formats/bundle.c) and of
 * the pack/list/verify/unpack commands: SHA-256 and a libarchive reader over
 * an na_input that enforces struct na_limits. */
#ifndef NA_BUNDLE_H
#define NA_BUNDLE_H

#include <stdint.h>
#include <archive.h>
#include <archive_entry.h>
#include "formats/format.h"

struct na_sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t n;
};
void na_sha256_init(struct na_sha256 *s);
void na_sha256_update(struct na_sha256 *s, const void *data, size_t n);
/* Choose the portable code (generic=1) or the CPU's SHA extensions when it
 * has them (0, the default); returns 1 when the extensions are in use.  For
 * tests: both paths must agree. */
int na_sha256_use_generic(int generic);
/* Finish and write 64 lowercase hex digits + NUL. */
void na_sha256_hex(struct na_sha256 *s, char out[65]);

/* Score for the archive signatures: ustar at 257, PK\3\4 / PK\5\6, and
 * zstd/xz/bzip2 magic (gzip is decoded by the input layer before probing). */
int na_bundle_magic(const unsigned char *buf, size_t len, const char *filename);

#define NA_BUNDLE_MANIFEST "manifest.json"
#define NA_BUNDLE_CHUNK (64u << 10)

/* A libarchive reader streaming from an na_input (nothing touches the disk). */
struct na_bundle_src {
	struct na_ctx *ctx;
	struct na_input *in;
	struct archive *a;
	struct archive_entry *e;        /* current entry */
	const char *path;               /* its pathname ("" when it has none) */
	char *pathbuf;
	char *display;                  /* "input!path", for diagnostics */
	long long header_pos;           /* offset of its header in the archive stream */
	unsigned long entries;
	unsigned long long total;       /* entry bytes decompressed so far */
	unsigned long long raw;         /* archive bytes handed to libarchive */
	unsigned char *chunk;           /* entry data */
	unsigned char *rbuf;            /* archive bytes: libarchive keeps pointing into it */
	int failed;                     /* a fatal error was reported */
};

/* Open; returns 0, or -1 (reported). */
int na_bundle_src_open(struct na_bundle_src *s, struct na_ctx *c, struct na_input *in);
/* Next entry header: 1 with an entry, 0 at the end, -1 fatal (reported,
 * naming the last good entry and the offset). */
int na_bundle_src_next(struct na_bundle_src *s);
/* Read the current entry into b (replaced).  0 ok; -2 larger than
 * --max-record (reported, rest skipped under the limits, the stream goes
 * on); -1 fatal (corrupt, truncated, or a limit: reported). */
int na_bundle_src_data(struct na_bundle_src *s, struct na_buf *b);
/* Feed the current entry's bytes to fn in chunks; same limits and codes. */
int na_bundle_src_stream(struct na_bundle_src *s, int (*fn)(void *u, const void *p, size_t n), void *u);
void na_bundle_src_close(struct na_bundle_src *s);
/* Report an error about the current entry (file "input!path", its offset). */
void na_bundle_src_error(struct na_bundle_src *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Set while a bundle entry is opened as a bundle, so the nested reader
 * knows its depth (the reader API has no parameter for it): nested bundles
 * are read one level deep. */
extern _Thread_local int na_bundle_opening_nested;

/* Probe an entry through the registry by its name and (decoded) first
 * bytes; NULL when no format claims it with more than a guess. */
const struct na_format *na_bundle_probe_entry(struct na_input *in, const char *path, int *score);

#endif
