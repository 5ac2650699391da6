/* format.h - the private format descriptor (FFmpeg's demux.h / libarchive's
 * *_private.h).  Each formats/<name>.c defines exactly one
 *     const struct na_format na_format_<name> = { .name = ..., ... };
 * and everything else in that file is static.  The GNUmakefile greps those
 * definitions into build/format_list.h, so no format name is written twice. */
#ifndef NA_FORMAT_H
#define NA_FORMAT_H

#include "newsarc.h"
#include "core/internal.h"

/* Probe scores (FFmpeg): 100 structure checked, 75 MIME match, 50 extension
 * only, 25 or less a guess. */
enum { NA_PROBE_MAX = 100, NA_PROBE_MIME = 75, NA_PROBE_EXT = 50, NA_PROBE_GUESS = 25 };
/* Probes may read this many zero bytes past len without bounds checks. */
#define NA_PROBE_PADDING 32
/* Bytes handed to probes. */
#define NA_PROBE_SIZE 4096

struct na_probe {
	const unsigned char *buf;   /* followed by NA_PROBE_PADDING zero bytes */
	size_t len;
	const char *filename;       /* may be NULL */
	const char *mime;           /* may be NULL */
};

struct na_reader {
	const struct na_format *fmt;
	struct na_input *in;
	struct na_ctx *ctx;
	void *priv;                 /* fmt->priv_size zeroed bytes */
	const char *rejected;       /* raw bytes of the last rejected record */
	size_t rejected_len;
	unsigned long skipped;      /* containers: entries nobody claimed */
	/* set with NA_FATAL when the reader failed only at the end of its input
	 * (errors it read past): reading more input would have gone on */
	int fatal_at_end;
	/* set by read_next: this record's strings are valid UTF-8 already (the
	 * reader checked every byte), so na_reader_next need not look again */
	int utf8_valid;
};

/* A piece of a large plain file that a reader can read on its own, so that
 * --jobs > 1 reads one file in parallel: bytes [start, end) of the file,
 * read as prefix + those bytes + suffix (both malloc'd, or NULL).  A prefix
 * holds no newline, so the engine numbers lines by adding those of the
 * pieces before, and makes columns on a piece's first line the file's by
 * taking back the prefix's and adding those before start on its line,
 * counted in UTF-8 characters with col_chars (libxml2), else in bytes;
 * line_start says start begins a line, so there are none to add (and the
 * engine need not read back for them). */
struct na_chunk {
	size_t start, end;
	char *prefix, *suffix;
	size_t prefix_len, suffix_len;
	int col_chars;
	int line_start;
};

struct na_writer {
	const struct na_format *fmt;
	struct na_output *out;
	struct na_ctx *ctx;
	void *priv;
	unsigned long count;        /* articles written so far */
};

struct na_format {
	const char *name;
	const char *aliases;        /* comma-separated, or NULL */
	const char *description;    /* one line */
	const char *extensions;     /* comma-separated, without dots: "tar.gz,tgz" */
	const char *mime;           /* or NULL */
	size_t priv_size;           /* reader and writer state, allocated zeroed */
	int (*probe)(const struct na_probe *p);   /* NULL: extension/MIME only */
	int (*read_open)(struct na_reader *r);
	int (*read_next)(struct na_reader *r, struct na_article *a);
	/* 1: the reader rejects malformed UTF-8 as it parses (the strict JSON
	 * parser); else na_reader_next checks every record and mends it */
	int validates_utf8;
	void (*read_close)(struct na_reader *r);  /* runs even when open failed */
	/* Optional, for --jobs > 1 (one job too with split_one_job): cut a large
	 * plain (not compressed) file into chunks covering it in order, each read
	 * with read_open/read_next as a document of its own, giving what a reading of the whole file gives.
	 * fd is open on the file (pread it), size its length, head its first
	 * head_len bytes.  Returns the number of chunks (*out malloc'd), or 0 to
	 * have the file read whole.  Runs on the main thread, serially: it must
	 * cost little next to reading. */
	size_t (*split)(int fd, size_t size, const unsigned char *head, size_t head_len, struct na_chunk **out);
	/* Cut with one job too: the reader reads pieces faster than the whole
	 * stream (newsml: a piece fits core/xmlfast's window, a whole message
	 * goes through libxml2). */
	int split_one_job;
	int (*write_open)(struct na_writer *w);
	int (*write_article)(struct na_writer *w, const struct na_article *a);
	int (*write_close)(struct na_writer *w);  /* trailers; runs even when open failed */
	/* Keys for -O fmt:key=value, read with na_ctx_option(): "key: what; key: what".
	 * The CLI rejects keys not listed here before anything runs. */
	const char *options_help;
};

/* Score an extension or MIME match the way FFmpeg does for probe-less formats. */
int na_probe_ext_score(const struct na_format *f, const struct na_probe *p);
/* Skip a UTF-8 BOM and ASCII whitespace; returns the offset of the first byte. */
size_t na_probe_skip_ws(const struct na_probe *p);

/* JSON Lines framing shared by every line-oriented JSON reader: the next
 * non-blank line, parsed into ARENA.  NA_OK with *root and *pos set, NA_EOF,
 * NA_FATAL, or NA_FAILED for a line that is not JSON (reported; its bytes
 * become the reader's rejected record). */
int na_read_json_line(struct na_reader *r, struct na_arena *arena, struct na_json **root, struct na_pos *pos);

#endif
