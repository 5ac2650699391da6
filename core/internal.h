/* internal.h - helpers shared inside libnewsarc, not installed. */
#ifndef NA_INTERNAL_H
#define NA_INTERNAL_H

#include <stddef.h>
#include <string.h>
#include "newsarc.h"

#define NA_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NA_UNUSED(x) ((void)(x))
/* Zero bytes kept after input windows so scanners may read ahead. */
#define NA_JSON_PAD 64

/* Growable byte buffer, malloc-backed; always NUL-terminated when non-empty. */
struct na_buf {
	char *p;
	size_t len, cap;
};
void na_buf_reserve(struct na_buf *b, size_t extra);
void na_buf_add(struct na_buf *b, const void *s, size_t n);
void na_buf_addc(struct na_buf *b, char c);
void na_buf_adds(struct na_buf *b, const char *s);
void na_buf_printf(struct na_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void na_buf_free(struct na_buf *b);
/* Append code point cp as UTF-8. */
void na_buf_add_utf8(struct na_buf *b, unsigned cp);

/* Abort on allocation failure: the library cannot recover from it sanely. */
void *na_xmalloc(size_t n);
void *na_xcalloc(size_t n, size_t m);
void *na_xrealloc(void *p, size_t n);
char *na_xstrdup(const char *s);

/* Decode one UTF-8 sequence at s (n bytes left); returns its length and the
 * code point in *cp, or 0 when invalid. */
size_t na_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
/* Number of code points in a valid UTF-8 string. */
size_t na_utf8_length(const char *s, size_t n);

/* Case-insensitive ASCII helpers. */
int na_strncaseeq(const char *a, const char *b, size_t n);
int na_has_suffix_ci(const char *s, const char *suffix);
/* 1 when NAME is one of the comma-separated words of LIST. */
int na_list_has(const char *list, const char *name, size_t name_len);

/* Report with a rule id (validator). */
void na_report_rule(struct na_ctx *c, enum na_severity sev, const struct na_pos *pos,
                    const char *field, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* JSON helpers for writers: string value escaped for JSON into a buffer. */
void na_buf_json_string(struct na_buf *b, const char *s, size_t n);

/* Writers append straight into an output's buffer, then let it flush. */
struct na_buf *na_output_buffer(struct na_output *o);
int na_output_flush_maybe(struct na_output *o);

#endif
