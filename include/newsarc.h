/* newsarc.h - the one public header of libnewsarc.
 *
 * libnewsarc moves news articles between formats through one article model
 * (struct na_article).  Readers only fill the model, writers only consume it,
 * and the library never prints: every problem goes to the caller through the
 * diagnostics callback of a struct na_ctx.
 *
 * Ownership: every string in a struct na_article lives in the article's
 * arena and is released by na_article_clear() or na_article_free().
 */
#ifndef NEWSARC_H
#define NEWSARC_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NA_VERSION "0.1.0"

/* Status codes, after libarchive: EOF and OK are success, WARN means an
 * article was produced but something was lost, FAILED means this record was
 * skipped (reported) and the stream goes on, FATAL means the stream is dead. */
enum na_status {
	NA_EOF = 1,
	NA_OK = 0,
	NA_WARN = -20,
	NA_FAILED = -25,
	NA_FATAL = -30
};

/* Exit codes of the newsarc command; documented once here, in --help, in the
 * man page and in the README. */
enum na_exit {
	NA_EXIT_OK = 0,         /* every record written / valid */
	NA_EXIT_INVALID = 1,    /* validate: some record invalid */
	NA_EXIT_USAGE = 2,      /* bad command line */
	NA_EXIT_FORMAT = 3,     /* unknown or ambiguous format */
	NA_EXIT_IO = 4,         /* cannot read or write a file */
	NA_EXIT_PARSE = 5,      /* input not well-formed, or a limit exceeded */
	NA_EXIT_REJECTED = 6    /* convert: some records rejected */
};

/* The more serious of two exit statuses, for a run that meets several
 * failures: usage, then format, I/O, parse, and invalid or rejected
 * records last. */
int na_exit_worse(int a, int b);

/* ---- positions and diagnostics --------------------------------------- */

struct na_pos {
	const char *file;       /* display name, may include "bundle!entry" */
	long line;              /* 1-based; 0 unknown */
	long col;               /* 1-based; 0 unknown */
	long long offset;       /* byte offset of the record; -1 unknown */
};

enum na_severity { NA_SEV_NOTE, NA_SEV_WARNING, NA_SEV_ERROR };

struct na_diag {
	enum na_severity severity;
	struct na_pos pos;
	const char *field;      /* model field or JSON pointer; may be NULL */
	const char *rule;       /* short rule id (validator); may be NULL */
	const char *message;
};

typedef void (*na_diag_cb)(const struct na_diag *d, void *user);

/* Resource limits; 0 means the built-in default (see docs/limits.md). */
struct na_limits {
	size_t max_record;      /* bytes in one record (JSONL line, page, entry) */
	int max_depth;          /* nesting depth of JSON/XML/HTML */
	size_t max_entries;     /* entries in one bundle */
	unsigned long long max_total;   /* decompressed bytes per input */
	unsigned max_ratio;     /* decompressed/compressed ratio */
	unsigned max_page_ms;   /* wall-clock milliseconds to turn one HTML page into an
	                         * article, checked between its stages; 0 = no limit
	                         * (the default) */
};

#define NA_DEFAULT_MAX_RECORD   (64u << 20)
#define NA_DEFAULT_MAX_DEPTH    512
#define NA_DEFAULT_MAX_ENTRIES  1000000u
#define NA_DEFAULT_MAX_TOTAL    (64ull << 30)
#define NA_DEFAULT_MAX_RATIO    1000u

/* Shared state of one run: diagnostics callback, counters, options, limits. */
struct na_option {
	const char *format;     /* NULL: every format */
	const char *key;
	const char *value;
	int used;               /* set when some format accepted it */
};

struct na_ctx {
	na_diag_cb cb;
	void *cb_user;
	unsigned long errors, warnings;
	struct na_limits limits;
	struct na_option *options;
	size_t noptions;
	int verbose;
};

void na_ctx_init(struct na_ctx *c);
/* Report a diagnostic through the context's callback. */
void na_report(struct na_ctx *c, enum na_severity sev, const struct na_pos *pos,
               const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void na_vreport(struct na_ctx *c, enum na_severity sev, const struct na_pos *pos,
                const char *field, const char *rule, const char *fmt, va_list ap);
/* Format a diagnostic as "file:line:col: severity: field: message" into buf. */
size_t na_diag_format(const struct na_diag *d, char *buf, size_t size);
/* Value of option KEY for FORMAT (or a global one), NULL when absent; marks it used. */
const char *na_ctx_option(struct na_ctx *c, const char *format, const char *key);

/* ---- arena ------------------------------------------------------------ */

struct na_arena;
struct na_arena *na_arena_new(void);
void na_arena_free(struct na_arena *a);
void na_arena_reset(struct na_arena *a);        /* keeps the first chunk */
void *na_arena_alloc(struct na_arena *a, size_t n);
char *na_arena_strndup(struct na_arena *a, const char *s, size_t n);
char *na_arena_strdup(struct na_arena *a, const char *s);
char *na_arena_printf(struct na_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- the article model ------------------------------------------------ */

enum na_block_type {
	NA_BLOCK_PARAGRAPH,
	NA_BLOCK_HEADING,
	NA_BLOCK_QUOTE,
	NA_BLOCK_LIST_ITEM
};

struct na_block {
	enum na_block_type type;
	const char *text;       /* UTF-8, whitespace normalized */
};

/* Dates: value is the normalized form: RFC 3339 "YYYY-MM-DDThh:mm:ss[.f](Z|+hh:mm)"
 * when both time and zone are known, "YYYY-MM-DDThh:mm:ss" when the zone is
 * unknown (NA_DATE_NO_ZONE), "YYYY-MM-DD" when the time is unknown
 * (NA_DATE_NO_TIME).  raw is the string as found.  value NULL: no date. */
enum { NA_DATE_NO_TIME = 1, NA_DATE_NO_ZONE = 2 };
struct na_date {
	const char *value;
	const char *raw;
	unsigned flags;
};

struct na_strlist {
	const char **v;
	size_t n, cap;
};

/* A field the model does not know, kept as minified JSON text. */
struct na_extra {
	const char *key;
	const char *json;
};

/* Field ids, used for positions and for diagnostics. */
enum na_field {
	NA_F_ID, NA_F_SOURCE, NA_F_URL, NA_F_HEADLINE, NA_F_SUBHEADLINE,
	NA_F_BYLINE, NA_F_DATELINE, NA_F_LANGUAGE, NA_F_PUBLISHED, NA_F_MODIFIED,
	NA_F_KEYWORDS, NA_F_SUBJECTS, NA_F_SECTION, NA_F_BODY,
	NA_F__COUNT
};
const char *na_field_name(enum na_field f);

struct na_article {
	const char *id;
	const char *source;     /* provider or agency */
	const char *url;
	const char *headline;
	const char *subheadline;
	struct na_strlist byline;
	const char *dateline;
	const char *language;   /* BCP 47 */
	struct na_date published, modified;
	struct na_strlist keywords;
	struct na_strlist subjects;
	const char *section;
	struct na_block *body;
	size_t nbody, cap_body;
	struct na_extra *extra;
	size_t nextra, cap_extra;
	/* provenance, for diagnostics and statistics, never serialized as fields */
	const char *charset;        /* charset the reader decoded from */
	const char *charset_origin; /* "bom", "transport", "meta", "guess", "default" */
	struct na_pos pos;          /* where the record starts */
	struct na_pos fpos[NA_F__COUNT];
	struct na_arena *arena;
};

struct na_article *na_article_new(void);
void na_article_free(struct na_article *a);
/* Empty the article for the next record; keeps allocated capacity. */
void na_article_clear(struct na_article *a);
/* Deep copy of src into dst (dst cleared first). */
void na_article_copy(struct na_article *dst, const struct na_article *src);

/* Setters copy their argument into the arena.  na_article_set trims
 * nothing; readers normalize whitespace with na_text_normalize first. */
const char *na_article_str(struct na_article *a, const char *s, size_t n);
void na_strlist_push(struct na_article *a, struct na_strlist *l, const char *s, size_t n);
/* Push S unless it is NULL, empty or already in the list. */
void na_strlist_push_unique(struct na_article *a, struct na_strlist *l, const char *s);
void na_article_add_block(struct na_article *a, enum na_block_type t, const char *s, size_t n);
void na_article_add_extra(struct na_article *a, const char *key, const char *json, size_t n);
/* Add S (NUL-terminated UTF-8) as the JSON string value of KEY. */
void na_article_add_extra_string(struct na_article *a, const char *key, const char *s);
/* The JSON text of extra field KEY, or NULL. */
const char *na_article_extra(const struct na_article *a, const char *key);
/* Parse S as a date and store it (raw kept); returns 0 when it parsed. */
int na_article_set_date(struct na_article *a, struct na_date *d, const char *s, size_t n);
const char *na_block_type_name(enum na_block_type t);
int na_block_type_from_name(const char *s, enum na_block_type *out);

/* ---- dates ------------------------------------------------------------ */

/* Parse a date in any supported form (RFC 3339/ISO 8601, compact ISO,
 * RFC 822/1123, "December 15, 2015", "15 Dec 2015", "15.12.2015",
 * "2015年12月15日", month names in en fr de es it pt nl ru, 14-digit WARC
 * stamps).  Writes the normalized value to out (at least 40 bytes) and the
 * flags; returns 0 on success, -1 when S holds no date we trust. */
int na_date_parse(const char *s, size_t n, char *out, unsigned *flags);
/* Find and parse the first date inside free text; same contract. */
int na_date_find(const char *s, size_t n, char *out, unsigned *flags);
/* Seconds since the epoch of a normalized value (zone unknown: UTC). */
long long na_date_epoch(const char *value);
/* Format an epoch as RFC 822 ("Tue, 15 Dec 2015 10:15:00 +0000"). */
void na_date_rfc822(const char *value, char *out, size_t size);

/* ---- text helpers ----------------------------------------------------- */

/* 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
int na_utf8_valid(const char *s, size_t n);
/* Collapse runs of whitespace to one space and trim; returns the new length. */
size_t na_text_normalize(char *s, size_t n);

/* ---- input ------------------------------------------------------------ */

struct na_input;
/* Open PATH ("-" is stdin); gzip is detected by magic and decoded. */
struct na_input *na_input_open_file(struct na_ctx *c, const char *path);
/* An input over memory; the buffer must outlive the input.  name is the
 * display name (for example "bundle.zip!a/b.html"). */
struct na_input *na_input_open_mem(struct na_ctx *c, const char *name,
                                   const void *buf, size_t len);
void na_input_close(struct na_input *in);
/* Number the first line of a memory input (a chunk of a larger file). */
void na_input_set_first_line(struct na_input *in, long line);
const char *na_input_name(const struct na_input *in);
/* Charset and MIME type the transport declared (WARC/HTTP); may be NULL. */
void na_input_set_transport(struct na_input *in, const char *mime, const char *charset);
const char *na_input_charset(const struct na_input *in);
const char *na_input_mime(const struct na_input *in);
/* Look at the first bytes without consuming; *n is set to what is there. */
const unsigned char *na_input_peek(struct na_input *in, size_t want, size_t *n);
/* Consume n of the bytes na_input_peek showed (a reader that parsed them there). */
void na_input_skip(struct na_input *in, size_t n);
/* 1 when everything has been read into the window (na_input_peek showed the rest) without error. */
int na_input_eof(const struct na_input *in);
/* Read up to n bytes; returns bytes read, 0 at end, -1 on error (reported). */
long na_input_read(struct na_input *in, void *buf, size_t n);
/* Next line without its "\n" (and "\r"); the pointer is valid until the next
 * call.  Returns 1 with a line, 0 at end, -1 for a line over the limit
 * (reported and skipped: the stream goes on), -2 when the input failed
 * (read error, corrupt or truncated gzip; reported). */
int na_input_line(struct na_input *in, const char **line, size_t *len);
long na_input_lineno(const struct na_input *in);
/* Byte offset (in the decoded stream) of the next byte to be read. */
long long na_input_offset(const struct na_input *in);
/* Whole rest of the input (up to the record limit); valid until close. */
int na_input_slurp(struct na_input *in, const char **buf, size_t *len);
/* Raw (compressed) bytes consumed so far from the file or memory. */
long long na_input_consumed(const struct na_input *in);
/* Compressed size when known (files), else -1. */
long long na_input_size(const struct na_input *in);
struct na_ctx *na_input_ctx(const struct na_input *in);

/* ---- output ----------------------------------------------------------- */

struct na_output;
/* Write to PATH atomically: a temporary file beside it, renamed by
 * na_output_commit().  "-" is stdout.  gzip when the name ends in ".gz". */
struct na_output *na_output_open_file(struct na_ctx *c, const char *path);
/* Write into a growable memory buffer. */
struct na_output *na_output_open_mem(struct na_ctx *c);
int na_output_write(struct na_output *o, const void *buf, size_t n);
int na_output_puts(struct na_output *o, const char *s);
int na_output_printf(struct na_output *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Memory outputs: the bytes written so far. */
const char *na_output_data(struct na_output *o, size_t *len);
void na_output_mem_reset(struct na_output *o);
/* Flush, fsync, rename into place; returns NA_OK or NA_FATAL. Frees o. */
int na_output_commit(struct na_output *o);
/* Drop everything written (temporary file removed); frees o. */
void na_output_abort(struct na_output *o);
const char *na_output_name(const struct na_output *o);
/* Remove every temporary file still open; async-signal-safe. */
void na_output_cleanup_all(void);

/* ---- formats ---------------------------------------------------------- */

struct na_format;
enum { NA_CAN_READ = 1, NA_CAN_WRITE = 2, NA_CAN_PROBE = 4 /* content probe, not just the extension */ };

/* Iterate the registered formats: *it starts at 0. */
const struct na_format *na_format_iterate(size_t *it);
const struct na_format *na_format_find(const char *name);  /* name or alias */
const struct na_format *na_format_by_ext(const char *path);
const char *na_format_name(const struct na_format *f);
const char *na_format_aliases(const struct na_format *f);
const char *na_format_description(const struct na_format *f);
const char *na_format_extensions(const struct na_format *f);
const char *na_format_mime(const struct na_format *f);
unsigned na_format_caps(const struct na_format *f);
/* "key: what; key: what" for -O FORMAT:key=value, or NULL. */
const char *na_format_options_help(const struct na_format *f);

/* Probe IN (name and first bytes).  Returns the winning format, or NULL
 * with *why set: "unknown" or "ambiguous" (message reported). */
const struct na_format *na_format_probe(struct na_input *in, int *score, const char **why);
/* Score every format: scores[] is indexed like na_format_iterate. */
int na_format_probe_buf(const char *filename, const char *mime,
                        const unsigned char *buf, size_t len,
                        const struct na_format **best, int *best_score, int *tie);

/* ---- readers and writers ---------------------------------------------- */

struct na_reader;
struct na_writer;

struct na_reader *na_reader_open(const struct na_format *f, struct na_input *in,
                                 struct na_ctx *c);
/* Next article into a.  NA_OK/NA_WARN: a holds a record.  NA_FAILED: one
 * record was rejected (reported; na_reader_rejected gives its raw bytes).
 * NA_EOF: done.  NA_FATAL: the stream cannot go on. */
int na_reader_next(struct na_reader *r, struct na_article *a);
/* Raw bytes of the last rejected record, when the format can give them. */
const char *na_reader_rejected(struct na_reader *r, size_t *len);
/* Records a container skipped because no format claimed them. */
unsigned long na_reader_skipped(struct na_reader *r);
void na_reader_close(struct na_reader *r);

struct na_writer *na_writer_open(const struct na_format *f, struct na_output *o,
                                 struct na_ctx *c);
int na_writer_article(struct na_writer *w, const struct na_article *a);
/* Finish the document (trailers); does not commit the output. */
int na_writer_close(struct na_writer *w);

/* ---- JSON ------------------------------------------------------------- */

enum na_json_type { NA_JSON_NULL, NA_JSON_FALSE, NA_JSON_TRUE, NA_JSON_NUMBER,
                    NA_JSON_STRING, NA_JSON_ARRAY, NA_JSON_OBJECT };

struct na_json {
	enum na_json_type type;
	uint32_t line, col;             /* where the value starts */
	size_t len;                     /* string bytes / members / elements */
	union {
		const char *str;        /* STRING (NUL-terminated, may hold \0) and NUMBER text */
		struct na_json *items;  /* ARRAY: len values */
		struct na_json_member *members; /* OBJECT: len members, input order */
	} u;
};

struct na_json_member {
	const char *key;
	size_t key_len;
	struct na_json value;
};

struct na_json_error {
	long line, col;
	long long offset;
	char message[160];
};

/* Strict RFC 8259 parse of buf into a tree allocated in arena.  Returns the
 * root or NULL with *err filled.  first_line is the line number of buf[0]. */
struct na_json *na_json_parse(struct na_arena *arena, const char *buf, size_t len,
                              int max_depth, long first_line, struct na_json_error *err);
const struct na_json *na_json_get(const struct na_json *obj, const char *key);
/* Append s as a JSON string literal (escaped) to the output. */
int na_json_write_string(struct na_output *o, const char *s, size_t n);
/* Minified JSON text of a value, in arena. */
char *na_json_dump(struct na_arena *arena, const struct na_json *v, size_t *len);

/* ---- article <-> JSON record ------------------------------------------ */

/* Fill a from one parsed JSON article object.  Returns NA_OK, or NA_FAILED
 * with a reported diagnostic (field and position named). */
int na_article_from_json(struct na_ctx *c, struct na_article *a, const struct na_json *obj,
                         const struct na_pos *record);
/* Write a as one canonical JSON object (no newline). */
int na_article_to_json(struct na_output *o, const struct na_article *a);

/* ---- conversion pipeline ---------------------------------------------- */

struct na_convert_stats {
	unsigned long read, written, rejected, skipped, inputs;
};

struct na_convert_opts {
	const char *from;          /* NULL: probe */
	const char *to;            /* NULL: from the output name */
	const char *output;        /* NULL or "-": stdout */
	const char *rejects;       /* file for rejected records, or NULL */
	int fail_fast;
	/* Worker threads reading inputs (files, and chunks of large plain JSONL
	 * files); 0 or 1: none.  The output is byte-identical to one job:
	 * records and diagnostics are replayed in input order. */
	int jobs;
	/* Optional per-record check (the validator, for convert --validate):
	 * returns 0 to keep the record, non-zero to reject it (the check reports
	 * its own reasons through the context). */
	int (*check)(void *user, struct na_ctx *c, const struct na_article *a);
	void *check_user;
	/* Optional progress callback, called after every record (it should
	 * rate-limit itself): bytes consumed so far over all inputs and the
	 * total when every input's size is known (else -1). */
	void (*progress)(void *user, const struct na_convert_stats *st, long long bytes, long long total);
	void *progress_user;
};


/* Convert inputs (files, directories walked in sorted order, "-").  Returns
 * an enum na_exit code. */
int na_convert(struct na_ctx *c, const struct na_convert_opts *o,
               char *const *inputs, size_t ninputs, struct na_convert_stats *st);

#ifdef __cplusplus
}
#endif
#endif
