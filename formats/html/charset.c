/* charset.c - which charset a page is in, and its conversion to UTF-8.
 * Order of evidence (HTML Living Standard, "determining the character
 * encoding", simplified): byte order mark, the transport's charset (WARC /
 * HTTP Content-Type, given by the container), a <meta charset> or
 * http-equiv Content-Type declaration in the first 8 KiB, a statistical
 * guess (uchardet), windows-1252.  Labels are mapped the WHATWG way where
 * it matters: ISO-8859-1 and US-ASCII decode as windows-1252, GB2312 and
 * GBK as GB18030. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <uchardet.h>
#include "html.h"

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Canonical iconv name for a charset label, or NULL for UTF-8. */
static const char *canon(const char *label, char *tmp, size_t cap)
{
	size_t n = 0;
	while (*label == ' ' || *label == '"' || *label == '\'')
		label++;
	while (label[n] && n + 1 < cap && label[n] != '"' && label[n] != '\'' && label[n] != ';' &&
	       label[n] != ' ' && label[n] != '>' && label[n] != '/' && label[n] != ',')
		tmp[n] = (char)lc((unsigned char)label[n]), n++;
	tmp[n] = 0;
	if (!n)
		return "";
	if (!strcmp(tmp, "utf-8") || !strcmp(tmp, "utf8") || !strcmp(tmp, "unicode-1-1-utf-8"))
		return NULL;
	if (!strcmp(tmp, "iso-8859-1") || !strcmp(tmp, "iso8859-1") || !strcmp(tmp, "latin1") ||
	    !strcmp(tmp, "latin-1") || !strcmp(tmp, "us-ascii") || !strcmp(tmp, "ascii") ||
	    !strcmp(tmp, "iso_8859-1") || !strcmp(tmp, "cp1252") || !strcmp(tmp, "windows-1252") ||
	    !strcmp(tmp, "x-cp1252"))
		return "WINDOWS-1252";
	if (!strcmp(tmp, "gb2312") || !strcmp(tmp, "gbk") || !strcmp(tmp, "x-gbk") || !strcmp(tmp, "gb_2312-80"))
		return "GB18030";
	if (!strcmp(tmp, "x-sjis") || !strcmp(tmp, "shift-jis") || !strcmp(tmp, "sjis"))
		return "SHIFT_JIS";
	if (!strcmp(tmp, "iso-8859-9"))
		return "WINDOWS-1254";
	if (!strcmp(tmp, "tis-620") || !strcmp(tmp, "iso-8859-11"))
		return "WINDOWS-874";
	if (!strcmp(tmp, "utf-16") || !strcmp(tmp, "utf-16le") || !strcmp(tmp, "utf-16be"))
		return NULL; /* a meta that says UTF-16 in an ASCII-compatible page is wrong (WHATWG) */
	return tmp;
}

/* Find charset=... in a <meta> tag within the first 8 KiB. */
static int meta_charset(const char *buf, size_t len, char *out, size_t cap)
{
	size_t n = len < 8192 ? len : 8192;
	for (size_t i = 0; i + 6 < n; i++) {
		if (buf[i] != '<' || lc((unsigned char)buf[i + 1]) != 'm' || !na_strncaseeq(buf + i + 1, "meta", 4))
			continue;
		const char *e = memchr(buf + i, '>', n - i);
		if (!e)
			return 0;
		for (const char *p = buf + i + 5; p + 8 < e; p++) {
			if (!na_strncaseeq(p, "charset", 7))
				continue;
			const char *q = p + 7;
			while (q < e && *q == ' ')
				q++;
			if (q >= e || *q != '=')
				continue;
			q++;
			while (q < e && (*q == ' ' || *q == '"' || *q == '\''))
				q++;
			size_t k = 0;
			while (q + k < e && k + 1 < cap && q[k] != '"' && q[k] != '\'' && q[k] != ';' && q[k] != ' ' &&
			       q[k] != '/' && q[k] != '>')
				k++;
			if (!k)
				continue;
			memcpy(out, q, k);
			out[k] = 0;
			return 1;
		}
		i = (size_t)(e - buf);
	}
	return 0;
}

static int convert(const char *from, const char *buf, size_t len, struct na_buf *b)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	na_buf_reserve(b, len + len / 2 + 16);
	char *in = (char *)buf;
	size_t inleft = len;
	while (inleft) {
		na_buf_reserve(b, inleft * 2 + 16);
		char *out = b->p + b->len;
		size_t outleft = b->cap - b->len - 1;
		size_t r = iconv(cd, &in, &inleft, &out, &outleft);
		b->len = (size_t)(out - b->p);
		if (r == (size_t)-1) {
			if (errno == E2BIG)
				continue;
			/* invalid or truncated input: one replacement character, skip a byte */
			na_buf_add(b, "\xEF\xBF\xBD", 3);
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	if (b->p)
		b->p[b->len] = 0;
	return 0;
}

static int has_high(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

int na_html_decode(struct na_ctx *c, const struct na_pos *pos, struct na_arena *arena,
                   const char *buf, size_t len, const char *transport,
                   char **out, size_t *outlen, const char **charset, const char **origin)
{
	char tmp[64], label[64];
	const char *cs = NULL;     /* iconv name; NULL = UTF-8 */
	const char *org = NULL;
	const unsigned char *u = (const unsigned char *)buf;
	struct na_buf b = {0};
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		buf += 3, len -= 3;
		org = "bom";
	} else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		cs = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		buf += 2, len -= 2;
		org = "bom";
	} else if (transport && *transport) {
		cs = canon(transport, tmp, sizeof tmp);
		org = "transport";
	} else if (meta_charset(buf, len, label, sizeof label)) {
		cs = canon(label, tmp, sizeof tmp);
		org = "meta";
	}
	if (cs && !*cs)
		org = NULL, cs = NULL;
	if (cs && org && !strcmp(org, "meta") && has_high(buf, len) && na_utf8_valid(buf, len)) {
		/* re-encoded archives keep their old declaration; bytes that are
		 * valid UTF-8 with non-ASCII in them almost never are legacy text */
		cs = NULL;
		org = "guess";
	}
	if (!org) {
		if (na_utf8_valid(buf, len)) {
			org = "guess";
		} else {
			uchardet_t ud = uchardet_new();
			size_t n = len > (1u << 20) ? (1u << 20) : len;
			const char *g = NULL;
			if (ud && uchardet_handle_data(ud, buf, n) == 0) {
				uchardet_data_end(ud);
				g = uchardet_get_charset(ud);
			}
			if (g && *g && strcmp(g, "ASCII") != 0) {
				cs = canon(g, tmp, sizeof tmp);
				org = "guess";
			} else {
				cs = "WINDOWS-1252";
				org = "default";
			}
			if (cs && !*cs)
				cs = "WINDOWS-1252", org = "default";
			if (cs && strcmp(cs, tmp) == 0) {
				/* keep the guessed label alive past tmp */
				cs = na_arena_strdup(arena, cs);
			}
			if (ud)
				uchardet_delete(ud);
		}
	}
	if (cs && cs == tmp)
		cs = na_arena_strdup(arena, cs);
	if (cs && convert(cs, buf, len, &b) != 0) {
		na_report(c, NA_SEV_WARNING, pos, NULL, "unknown charset \"%s\" (%s); decoding as windows-1252", cs, org);
		cs = "WINDOWS-1252";
		org = "default";
		na_buf_free(&b);
		b = (struct na_buf){0};
		convert(cs, buf, len, &b);
	}
	if (!cs) {
		na_buf_reserve(&b, len + 1);
		if (na_utf8_valid(buf, len))
			na_buf_add(&b, buf, len);
		else
			na_buf_add_utf8_mended(&b, buf, len, 0);
	}
	if (!b.p)
		na_buf_reserve(&b, 1), b.p[0] = 0;
	*out = b.p;
	*outlen = b.len;
	*charset = cs ? cs : "UTF-8";
	*origin = org;
	return 0;
}
