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
/* Append s[0..n) with every byte that does not start a valid UTF-8 sequence
 * written as U+FFFD, or as %XX when percent is set (URLs, header values). */
void na_buf_add_utf8_mended(struct na_buf *b, const char *s, size_t n, int percent);
void na_buf_free(struct na_buf *b);
/* Append code point cp as UTF-8. */
void na_buf_add_utf8(struct na_buf *b, unsigned cp);

/* An arena whose chunks are at least min bytes (na_arena_new: 64 KB), and an
 * article on one: convert --jobs keeps many copied articles in flight and
 * reuses them, so a small first chunk keeps resident memory low. */
struct na_arena *na_arena_new_min(size_t min);
struct na_article *na_article_new_min(size_t arena_min);

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

/* Length of the leading run of bytes that JSON strings carry verbatim: no
 * '"', no '\\', no control character, and (when stop_high) no byte >= 0x80,
 * which the parser must validate as UTF-8.  16 bytes at a time with SSE2. */
#ifdef __SSE2__
#include <emmintrin.h>
#endif
static inline size_t na_json_plain_run(const unsigned char *p, size_t n, int stop_high)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), c1f = _mm_set1_epi8(0x1F);
	const __m128i sp = _mm_set1_epi8(0x20);
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs));
		if (stop_high)
			m = _mm_or_si128(m, _mm_cmplt_epi8(v, sp)); /* signed: < 0x20 or >= 0x80 */
		else
			m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_max_epu8(v, c1f), c1f));
		unsigned mask = (unsigned)_mm_movemask_epi8(m);
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = p[i];
		if (c == '"' || c == '\\' || c < 0x20 || (stop_high && c >= 0x80))
			return i;
	}
	return i;
}

/* JSON helpers for writers: string value escaped for JSON into a buffer. */
void na_buf_json_string(struct na_buf *b, const char *s, size_t n);

/* Writers append straight into an output's buffer, then let it flush. */
struct na_buf *na_output_buffer(struct na_output *o);
int na_output_flush_maybe(struct na_output *o);
/* Containers that compress their own records (WARC, one gzip member per
 * record) turn the whole-stream gzip of a ".gz" output off before writing
 * anything, so nothing is compressed twice.  Returns 1 when it was on. */
int na_output_gzip_off(struct na_output *o);

#endif
