/* json.c - strict RFC 8259 parser into an arena tree, and JSON text output.
 *
 * Rejected, each with line:column: invalid UTF-8 (overlong forms and encoded
 * surrogates included), lone surrogate escapes, NaN/Infinity and other bare
 * words, leading zeros, trailing commas, raw control characters in strings,
 * trailing garbage, and nesting deeper than max_depth (documented in
 * docs/limits.md).  Duplicate keys are legal JSON and kept in order; the
 * article mapping decides what they mean.  Strings are scanned eight bytes
 * at a time: most article text needs no escape handling at all. */
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"

struct parser {
	const unsigned char *s, *end, *p;
	const unsigned char *line_start;
	long line;
	int depth, max_depth;
	struct na_arena *arena;
	struct na_json_error *err;
	/* scratch stacks for members and items of open containers */
	struct na_json_member *mstack;
	size_t mlen, mcap;
	struct na_json *vstack;
	size_t vlen, vcap;
	int failed;
};

static void error_at(struct parser *ps, const unsigned char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error_at(struct parser *ps, const unsigned char *at, const char *fmt, ...)
{
	if (ps->failed)
		return;
	ps->failed = 1;
	/* the column counts bytes from the line start; recompute the line when
	 * the error is inside a string that cannot hold newlines anyway */
	ps->err->line = ps->line;
	ps->err->col = (long)(at - ps->line_start) + 1;
	ps->err->offset = (long long)(at - ps->s);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ps->err->message, sizeof ps->err->message, fmt, ap);
	va_end(ap);
}

static void skip_ws(struct parser *ps)
{
	const unsigned char *p = ps->p;
	while (p < ps->end) {
		unsigned char c = *p;
		if (c == ' ' || c == '\t' || c == '\r')
			p++;
		else if (c == '\n') {
			p++;
			ps->line++;
			ps->line_start = p;
		} else
			break;
	}
	ps->p = p;
}

static int parse_value(struct parser *ps, struct na_json *v);

static const char *describe(const unsigned char *p, const unsigned char *end, char *buf)
{
	if (p >= end)
		return "end of input";
	if (*p >= 0x20 && *p < 0x7f)
		snprintf(buf, 16, "'%c'", *p);
	else
		snprintf(buf, 16, "byte 0x%02X", *p);
	return buf;
}

static unsigned hex4(const unsigned char *p)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned c = p[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return 0x10000000;
		v = v << 4 | d;
	}
	return v;
}

/* Parse a string at ps->p (on the opening quote) into out and outlen. */
static int parse_string(struct parser *ps, const char **out, size_t *outlen)
{
	const unsigned char *start = ++ps->p, *p = start, *end = ps->end;
	int escapes = 0;
	for (;;) {
		p += na_json_plain_run(p, (size_t)(end - p), 1);
		if (p >= end) {
			error_at(ps, start - 1, "unterminated string");
			return -1;
		}
		unsigned char c = *p;
		if (c == '"')
			break;
		if (c == '\\') {
			escapes = 1;
			if (p + 1 >= end) {
				error_at(ps, p, "unterminated string");
				return -1;
			}
			unsigned char e = p[1];
			if (e == 'u') {
				if (end - p < 6 || hex4(p + 2) > 0xFFFF) {
					error_at(ps, p, "invalid \\u escape");
					return -1;
				}
				unsigned cp = hex4(p + 2);
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
					    hex4(p + 8) < 0xDC00 || hex4(p + 8) > 0xDFFF) {
						error_at(ps, p, "lone surrogate escape \\u%04X", cp);
						return -1;
					}
					p += 12;
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					error_at(ps, p, "lone surrogate escape \\u%04X", cp);
					return -1;
				} else
					p += 6;
				continue;
			}
			if (!strchr("\"\\/bfnrt", e) || e == 0) {
				error_at(ps, p, "invalid escape '\\%c'", e >= 0x20 && e < 0x7f ? e : '?');
				return -1;
			}
			p += 2;
			continue;
		}
		if (c < 0x20) {
			error_at(ps, p, "raw control character 0x%02X in string (must be escaped)", c);
			return -1;
		}
		if (c < 0x80) {
			p++;
			continue;
		}
		unsigned cp;
		size_t k = na_utf8_decode(p, (size_t)(end - p), &cp);
		if (!k) {
			error_at(ps, p, "invalid UTF-8 byte 0x%02X in string", c);
			return -1;
		}
		p += k;
	}
	size_t span = (size_t)(p - start);
	char *dst = na_arena_alloc(ps->arena, span + 1);
	if (!escapes) {
		memcpy(dst, start, span);
		dst[span] = 0;
		*out = dst;
		*outlen = span;
		ps->p = p + 1;
		return 0;
	}
	size_t o = 0;
	for (const unsigned char *q = start; q < p;) {
		if (*q != '\\') {
			const unsigned char *b = memchr(q, '\\', (size_t)(p - q));
			size_t n = b ? (size_t)(b - q) : (size_t)(p - q);
			memcpy(dst + o, q, n);
			o += n;
			q += n;
			continue;
		}
		unsigned char e = q[1];
		unsigned cp;
		switch (e) {
		case 'b': dst[o++] = '\b'; q += 2; continue;
		case 'f': dst[o++] = '\f'; q += 2; continue;
		case 'n': dst[o++] = '\n'; q += 2; continue;
		case 'r': dst[o++] = '\r'; q += 2; continue;
		case 't': dst[o++] = '\t'; q += 2; continue;
		case 'u':
			cp = hex4(q + 2);
			q += 6;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(q + 2) - 0xDC00);
				q += 6;
			}
			{
				struct na_buf t = {0};
				na_buf_add_utf8(&t, cp);
				memcpy(dst + o, t.p, t.len);
				o += t.len;
				na_buf_free(&t);
			}
			continue;
		default:
			dst[o++] = (char)e;
			q += 2;
		}
	}
	dst[o] = 0;
	*out = dst;
	*outlen = o;
	ps->p = p + 1;
	return 0;
}

static int parse_number(struct parser *ps, struct na_json *v)
{
	const unsigned char *p = ps->p, *start = p, *end = ps->end;
	if (p < end && *p == '-')
		p++;
	if (p >= end || !(*p >= '0' && *p <= '9')) {
		error_at(ps, start, "invalid number");
		return -1;
	}
	if (*p == '0') {
		p++;
		if (p < end && *p >= '0' && *p <= '9') {
			error_at(ps, start, "invalid number: leading zero");
			return -1;
		}
	} else
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	if (p < end && *p == '.') {
		p++;
		if (p >= end || !(*p >= '0' && *p <= '9')) {
			error_at(ps, start, "invalid number: digit expected after '.'");
			return -1;
		}
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !(*p >= '0' && *p <= '9')) {
			error_at(ps, start, "invalid number: digit expected in exponent");
			return -1;
		}
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	v->type = NA_JSON_NUMBER;
	v->len = (size_t)(p - start);
	v->u.str = na_arena_strndup(ps->arena, (const char *)start, v->len);
	ps->p = p;
	return 0;
}

static int literal(struct parser *ps, const char *word, enum na_json_type t, struct na_json *v)
{
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, word, n)) {
		ps->p += n;
		v->type = t;
		return 0;
	}
	error_at(ps, ps->p, "invalid literal (expected %s)", word);
	return -1;
}

static int parse_array(struct parser *ps, struct na_json *v)
{
	size_t base = ps->vlen;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		v->type = NA_JSON_ARRAY;
		v->len = 0;
		v->u.items = NULL;
		return 0;
	}
	for (;;) {
		struct na_json item;
		if (parse_value(ps, &item))
			return -1;
		if (ps->vlen == ps->vcap) {
			ps->vcap = ps->vcap ? ps->vcap * 2 : 64;
			ps->vstack = na_xrealloc(ps->vstack, ps->vcap * sizeof *ps->vstack);
		}
		ps->vstack[ps->vlen++] = item;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == ']') {
				error_at(ps, ps->p, "trailing comma in array");
				return -1;
			}
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			break;
		}
		char b[16];
		error_at(ps, ps->p, "expected ',' or ']' in array, found %s", describe(ps->p, ps->end, b));
		return -1;
	}
	size_t n = ps->vlen - base;
	v->type = NA_JSON_ARRAY;
	v->len = n;
	v->u.items = na_arena_alloc(ps->arena, n * sizeof(struct na_json));
	memcpy(v->u.items, ps->vstack + base, n * sizeof(struct na_json));
	ps->vlen = base;
	return 0;
}

static int parse_object(struct parser *ps, struct na_json *v)
{
	size_t base = ps->mlen;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		v->type = NA_JSON_OBJECT;
		v->len = 0;
		v->u.members = NULL;
		return 0;
	}
	for (;;) {
		struct na_json_member m;
		if (ps->p >= ps->end || *ps->p != '"') {
			char b[16];
			error_at(ps, ps->p, "expected a string key in object, found %s", describe(ps->p, ps->end, b));
			return -1;
		}
		if (parse_string(ps, &m.key, &m.key_len))
			return -1;
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ':') {
			char b[16];
			error_at(ps, ps->p, "expected ':' after object key, found %s", describe(ps->p, ps->end, b));
			return -1;
		}
		ps->p++;
		skip_ws(ps);
		if (parse_value(ps, &m.value))
			return -1;
		if (ps->mlen == ps->mcap) {
			ps->mcap = ps->mcap ? ps->mcap * 2 : 64;
			ps->mstack = na_xrealloc(ps->mstack, ps->mcap * sizeof *ps->mstack);
		}
		ps->mstack[ps->mlen++] = m;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == '}') {
				error_at(ps, ps->p, "trailing comma in object");
				return -1;
			}
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			break;
		}
		char b[16];
		error_at(ps, ps->p, "expected ',' or '}' in object, found %s", describe(ps->p, ps->end, b));
		return -1;
	}
	size_t n = ps->mlen - base;
	v->type = NA_JSON_OBJECT;
	v->len = n;
	v->u.members = na_arena_alloc(ps->arena, n * sizeof(struct na_json_member));
	memcpy(v->u.members, ps->mstack + base, n * sizeof(struct na_json_member));
	ps->mlen = base;
	return 0;
}

static int parse_value(struct parser *ps, struct na_json *v)
{
	skip_ws(ps);
	v->line = (uint32_t)ps->line;
	v->col = (uint32_t)(ps->p - ps->line_start) + 1;
	if (ps->p >= ps->end) {
		error_at(ps, ps->p, "unexpected end of input, a value was expected");
		return -1;
	}
	int rc;
	switch (*ps->p) {
	case '{':
	case '[':
		if (++ps->depth > ps->max_depth) {
			error_at(ps, ps->p, "nesting deeper than %d levels (limit)", ps->max_depth);
			return -1;
		}
		rc = *ps->p == '{' ? parse_object(ps, v) : parse_array(ps, v);
		ps->depth--;
		return rc;
	case '"':
		v->type = NA_JSON_STRING;
		return parse_string(ps, &v->u.str, &v->len);
	case 't': return literal(ps, "true", NA_JSON_TRUE, v);
	case 'f': return literal(ps, "false", NA_JSON_FALSE, v);
	case 'n': return literal(ps, "null", NA_JSON_NULL, v);
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return parse_number(ps, v);
	case 'N': case 'I':
		error_at(ps, ps->p, "NaN and Infinity are not JSON");
		return -1;
	default: {
		char b[16];
		error_at(ps, ps->p, "unexpected %s, a value was expected", describe(ps->p, ps->end, b));
		return -1;
	}
	}
}

struct na_json *na_json_parse(struct na_arena *arena, const char *buf, size_t len,
                              int max_depth, long first_line, struct na_json_error *err)
{
	struct parser ps = {0};
	ps.s = ps.p = ps.line_start = (const unsigned char *)buf;
	ps.end = ps.s + len;
	ps.line = first_line > 0 ? first_line : 1;
	ps.max_depth = max_depth > 0 ? max_depth : NA_DEFAULT_MAX_DEPTH;
	ps.arena = arena;
	ps.err = err;
	memset(err, 0, sizeof *err);
	/* a UTF-8 BOM is not JSON (RFC 8259 section 8.1: MUST NOT add, MAY ignore);
	 * we reject it so that byte-level round trips stay exact */
	struct na_json *root = na_arena_alloc(arena, sizeof *root);
	int rc = parse_value(&ps, root);
	if (!rc) {
		skip_ws(&ps);
		if (ps.p < ps.end) {
			char b[16];
			error_at(&ps, ps.p, "trailing data after the JSON value: %s", describe(ps.p, ps.end, b));
			rc = -1;
		}
	}
	free(ps.mstack);
	free(ps.vstack);
	return rc ? NULL : root;
}

const struct na_json *na_json_get(const struct na_json *obj, const char *key)
{
	if (!obj || obj->type != NA_JSON_OBJECT)
		return NULL;
	size_t n = strlen(key);
	for (size_t i = 0; i < obj->len; i++)
		if (obj->u.members[i].key_len == n && !memcmp(obj->u.members[i].key, key, n))
			return &obj->u.members[i].value;
	return NULL;
}

static void dump(struct na_buf *b, const struct na_json *v)
{
	switch (v->type) {
	case NA_JSON_NULL: na_buf_add(b, "null", 4); break;
	case NA_JSON_TRUE: na_buf_add(b, "true", 4); break;
	case NA_JSON_FALSE: na_buf_add(b, "false", 5); break;
	case NA_JSON_NUMBER: na_buf_add(b, v->u.str, v->len); break;
	case NA_JSON_STRING: na_buf_json_string(b, v->u.str, v->len); break;
	case NA_JSON_ARRAY:
		na_buf_addc(b, '[');
		for (size_t i = 0; i < v->len; i++) {
			if (i)
				na_buf_addc(b, ',');
			dump(b, &v->u.items[i]);
		}
		na_buf_addc(b, ']');
		break;
	case NA_JSON_OBJECT:
		na_buf_addc(b, '{');
		for (size_t i = 0; i < v->len; i++) {
			if (i)
				na_buf_addc(b, ',');
			na_buf_json_string(b, v->u.members[i].key, v->u.members[i].key_len);
			na_buf_addc(b, ':');
			dump(b, &v->u.members[i].value);
		}
		na_buf_addc(b, '}');
		break;
	}
}

char *na_json_dump(struct na_arena *arena, const struct na_json *v, size_t *len)
{
	struct na_buf b = {0};
	dump(&b, v);
	char *s = na_arena_strndup(arena, b.p ? b.p : "", b.len);
	if (len)
		*len = b.len;
	na_buf_free(&b);
	return s;
}

int na_json_write_string(struct na_output *o, const char *s, size_t n)
{
	na_buf_json_string(na_output_buffer(o), s, n);
	return na_output_flush_maybe(o);
}
