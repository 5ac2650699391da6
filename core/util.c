/* util.c - allocation, byte buffers, UTF-8 and small string helpers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include "internal.h"

void *na_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		abort();
	return p;
}

void *na_xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		abort();
	return p;
}

void *na_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

char *na_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(na_xmalloc(n), s, n);
}

void na_buf_reserve(struct na_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->p = na_xrealloc(b->p, cap);
	b->cap = cap;
}

void na_buf_add(struct na_buf *b, const void *s, size_t n)
{
	na_buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

void na_buf_addc(struct na_buf *b, char c)
{
	na_buf_reserve(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = 0;
}

void na_buf_adds(struct na_buf *b, const char *s)
{
	na_buf_add(b, s, strlen(s));
}

void na_buf_printf(struct na_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	na_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void na_buf_free(struct na_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void na_buf_add_utf8(struct na_buf *b, unsigned cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) {
		t[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	na_buf_add(b, t, n);
}

size_t na_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xC2 || c > 0xF4)
		return 0; /* continuation byte, overlong 2-byte lead, or > U+10FFFF */
	if (c < 0xE0) {
		if (n < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		unsigned v = ((c & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return 0; /* overlong or an encoded surrogate */
		*cp = v;
		return 3;
	}
	if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
		return 0;
	unsigned v = ((c & 0x07) << 18) | ((unsigned)(s[1] & 0x3F) << 12) |
	             ((unsigned)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	if (v < 0x10000 || v > 0x10FFFF)
		return 0;
	*cp = v;
	return 4;
}

int na_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		/* ASCII fast path, 8 bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		unsigned cp;
		size_t k = na_utf8_decode(s + i, n - i, &cp);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

void na_buf_add_utf8_mended(struct na_buf *b, const char *s, size_t n, int percent)
{
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && (unsigned char)s[j] < 0x80)
			j++;
		na_buf_add(b, s + i, j - i);
		if ((i = j) >= n)
			break;
		unsigned cp;
		size_t k = na_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k) {
			na_buf_add(b, s + i, k);
			i += k;
		} else if (percent)
			na_buf_printf(b, "%%%02X", (unsigned char)s[i++]);
		else {
			na_buf_add(b, "\xEF\xBF\xBD", 3);
			i++;
		}
	}
}

size_t na_utf8_length(const char *str, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)str[i] & 0xC0) != 0x80)
			count++;
	return count;
}

size_t na_text_normalize(char *s, size_t n)
{
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
		/* U+00A0 NO-BREAK SPACE is layout, not content */
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			ws = 1;
			i++;
		}
		if (ws) {
			space = 1;
			continue;
		}
		if (space && o > 0)
			s[o++] = ' ';
		space = 0;
		s[o++] = (char)c;
	}
	if (o < n)
		s[o] = 0;
	return o;
}

int na_strncaseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

int na_has_suffix_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && na_strncaseeq(s + n - m, suffix, m);
}

int na_list_has(const char *list, const char *name, size_t name_len)
{
	if (!list)
		return 0;
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == name_len && na_strncaseeq(p, name, n))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

void na_buf_json_string(struct na_buf *b, const char *str, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str;
	na_buf_reserve(b, n + 2);
	b->p[b->len++] = '"';
	size_t i = 0;
	while (i < n) {
		size_t k = na_json_plain_run(s + i, n - i, 0);
		if (k) {
			na_buf_add(b, s + i, k);
			i += k;
			if (i >= n)
				break;
		}
		unsigned char c = s[i++];
		char e[6] = {'\\', 0};
		size_t len = 2;
		switch (c) {
		case '"': e[1] = '"'; break;
		case '\\': e[1] = '\\'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		case '\b': e[1] = 'b'; break;
		case '\f': e[1] = 'f'; break;
		default:
			e[1] = 'u'; e[2] = '0'; e[3] = '0';
			e[4] = hex[c >> 4]; e[5] = hex[c & 15];
			len = 6;
		}
		na_buf_add(b, e, len);
	}
	na_buf_addc(b, '"');
}
