/* regex.c - the ECMA-262 regular-expression subset that JSON Schema
 * "pattern" and "patternProperties" use (draft 2020-12 section 6.4 points at
 * ECMA-262; ajv compiles patterns with the "u" flag, so we match code points).
 *
 * Supported: literals, ".", character classes with ranges and negation,
 * \d \D \w \W \s \S \b \B, \t \n \r \f \v \0 \xHH \uHHHH \u{H...}, escaped
 * syntax characters, ^ and $ (no multiline flag: start and end of input),
 * groups (...) (?:...) (?<name>...), alternation, the quantifiers * + ? {n}
 * {n,} {n,m} and their lazy forms.  Not supported, and refused when the
 * schema loads: backreferences, lookaround, \p{...}, \cX, flags.
 *
 * The pattern compiles to a small instruction program that a backtracking
 * matcher runs with a visited set over (instruction, position): a failed
 * state is never explored twice, so a search is O(program x input) even for
 * patterns like (a*)*b that are exponential in naive backtrackers. */
#include <stdio.h>
#include <stdlib.h>
#include "validate/validate.h"

enum op { I_CHAR, I_ANY, I_CLASS, I_SPLIT, I_JMP, I_BOL, I_EOL, I_WORDB, I_NWORDB, I_MATCH };

struct inst {
	unsigned char op;
	unsigned c;     /* I_CHAR code point */
	int x, y;       /* SPLIT: preferred, other; JMP: target; CLASS: index */
};

struct range { unsigned lo, hi; };
struct cls {
	struct range *r;
	size_t n, cap;
	int neg;
};

enum nkind { N_EMPTY, N_CHAR, N_ANY, N_CLASS, N_BOL, N_EOL, N_WB, N_NWB, N_CAT, N_ALT, N_REP };
struct node {
	enum nkind k;
	unsigned c;
	int cls;
	struct node *a, *b;
	int min, max, greedy;   /* max -1: unbounded */
};

struct na_regex {
	struct inst *prog;
	size_t n, cap;
	struct cls *cls;
	size_t ncls;
	int anchored;           /* program starts with ^ */
};

#define MAX_PROG 20000
#define MAX_REPEAT 1000

struct parser {
	const unsigned char *p, *end;
	struct na_regex *re;
	struct node **nodes;    /* every node, for freeing */
	size_t nnodes, capnodes;
	char *err;
	size_t errsize;
	int failed, depth;
};

static void fail(struct parser *ps, const char *msg)
{
	if (ps->failed)
		return;
	ps->failed = 1;
	snprintf(ps->err, ps->errsize, "%s", msg);
}

static struct node *mk(struct parser *ps, enum nkind k)
{
	struct node *n = na_xcalloc(1, sizeof *n);
	n->k = k;
	if (ps->nnodes == ps->capnodes) {
		ps->capnodes = ps->capnodes ? ps->capnodes * 2 : 32;
		ps->nodes = na_xrealloc(ps->nodes, ps->capnodes * sizeof *ps->nodes);
	}
	ps->nodes[ps->nnodes++] = n;
	return n;
}

static void cls_add(struct cls *c, unsigned lo, unsigned hi)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->r = na_xrealloc(c->r, c->cap * sizeof *c->r);
	}
	c->r[c->n++] = (struct range){lo, hi};
}

static int new_cls(struct na_regex *re)
{
	re->cls = na_xrealloc(re->cls, (re->ncls + 1) * sizeof *re->cls);
	memset(&re->cls[re->ncls], 0, sizeof *re->cls);
	return (int)re->ncls++;
}

/* ECMA-262 WhiteSpace and LineTerminator, the set \s matches */
static const struct range space_ranges[] = {
	{0x09, 0x0d}, {0x20, 0x20}, {0xa0, 0xa0}, {0x1680, 0x1680}, {0x2000, 0x200a},
	{0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000}, {0xfeff, 0xfeff},
};

/* Add the ranges of \d \w \s (or their complements) to c. */
static void cls_add_escape(struct cls *c, int e)
{
	struct range pos[16];
	size_t n = 0;
	switch (e | 0x20) {
	case 'd': pos[n++] = (struct range){'0', '9'}; break;
	case 'w':
		pos[n++] = (struct range){'0', '9'};
		pos[n++] = (struct range){'A', 'Z'};
		pos[n++] = (struct range){'_', '_'};
		pos[n++] = (struct range){'a', 'z'};
		break;
	case 's':
		for (size_t i = 0; i < NA_ARRAY_SIZE(space_ranges); i++)
			pos[n++] = space_ranges[i];
		break;
	}
	if (e >= 'a') {
		for (size_t i = 0; i < n; i++)
			cls_add(c, pos[i].lo, pos[i].hi);
		return;
	}
	/* complement of sorted, disjoint ranges */
	unsigned next = 0;
	for (size_t i = 0; i < n; i++) {
		if (pos[i].lo > next)
			cls_add(c, next, pos[i].lo - 1);
		next = pos[i].hi + 1;
	}
	cls_add(c, next, 0x10ffff);
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9') return ch - '0';
	if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
	return -1;
}

static int next_cp(struct parser *ps, unsigned *cp)
{
	size_t k = na_utf8_decode(ps->p, (size_t)(ps->end - ps->p), cp);
	if (!k) {
		fail(ps, "pattern is not valid UTF-8");
		return -1;
	}
	ps->p += k;
	return 0;
}

/* After a backslash.  Returns the code point, or -2 for a class escape
 * (\d etc., *cls_esc set), or -3 for \b/\B (only outside classes), -1 on error. */
static long parse_escape(struct parser *ps, int in_class, int *cls_esc)
{
	if (ps->p >= ps->end) {
		fail(ps, "pattern ends with a backslash");
		return -1;
	}
	unsigned c = *ps->p++;
	switch (c) {
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
		*cls_esc = (int)c;
		return -2;
	case 'b':
		if (in_class)
			return 8; /* backspace inside a class */
		*cls_esc = 'b';
		return -3;
	case 'B':
		if (in_class)
			break;
		*cls_esc = 'B';
		return -3;
	case 't': return '\t';
	case 'n': return '\n';
	case 'r': return '\r';
	case 'f': return '\f';
	case 'v': return '\v';
	case '0':
		if (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			break; /* octal-like: not in u-mode */
		return 0;
	case 'x': {
		if (ps->end - ps->p < 2 || hexval(ps->p[0]) < 0 || hexval(ps->p[1]) < 0)
			break;
		long v = hexval(ps->p[0]) * 16 + hexval(ps->p[1]);
		ps->p += 2;
		return v;
	}
	case 'u': {
		if (ps->p < ps->end && *ps->p == '{') {
			long v = 0;
			const unsigned char *q = ps->p + 1;
			while (q < ps->end && hexval(*q) >= 0 && v <= 0x10ffff)
				v = v * 16 + hexval(*q++);
			if (q == ps->p + 1 || q >= ps->end || *q != '}' || v > 0x10ffff)
				break;
			ps->p = q + 1;
			return v;
		}
		if (ps->end - ps->p < 4)
			break;
		long v = 0;
		for (int i = 0; i < 4; i++) {
			int h = hexval(ps->p[i]);
			if (h < 0)
				goto bad;
			v = v * 16 + h;
		}
		ps->p += 4;
		/* a surrogate pair written as two escapes is one code point */
		if (v >= 0xd800 && v <= 0xdbff && ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u') {
			long lo = 0;
			int ok = 1;
			for (int i = 0; i < 4; i++) {
				int h = hexval(ps->p[2 + i]);
				if (h < 0)
					ok = 0;
				lo = lo * 16 + (h < 0 ? 0 : h);
			}
			if (ok && lo >= 0xdc00 && lo <= 0xdfff) {
				ps->p += 6;
				v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
			}
		}
		return v;
	}
	case '^': case '$': case '\\': case '.': case '*': case '+': case '?': case '(': case ')':
	case '[': case ']': case '{': case '}': case '|': case '/':
		return c;
	case '-':
		if (in_class)
			return c;
		break;
	case 'p': case 'P':
		fail(ps, "unsupported: Unicode property escapes \\p{...}");
		return -1;
	case 'c':
		fail(ps, "unsupported: control escapes \\cX");
		return -1;
	case 'k':
		fail(ps, "unsupported: named backreferences");
		return -1;
	default:
		if (c >= '1' && c <= '9') {
			fail(ps, "unsupported: backreferences");
			return -1;
		}
	}
bad:
	fail(ps, "invalid escape (ECMA-262 unicode mode)");
	return -1;
}

static struct node *parse_class(struct parser *ps)
{
	int ci = new_cls(ps->re);
	if (ps->p < ps->end && *ps->p == '^') {
		ps->re->cls[ci].neg = 1;
		ps->p++;
	}
	for (;;) {
		if (ps->p >= ps->end) {
			fail(ps, "unterminated character class");
			return NULL;
		}
		if (*ps->p == ']') {
			ps->p++;
			break;
		}
		long lo;
		int esc = 0;
		unsigned cp;
		if (*ps->p == '\\') {
			ps->p++;
			lo = parse_escape(ps, 1, &esc);
			if (lo == -1)
				return NULL;
			if (lo == -2) {
				cls_add_escape(&ps->re->cls[ci], esc);
				if (ps->p + 1 < ps->end && *ps->p == '-' && ps->p[1] != ']') {
					fail(ps, "a class escape cannot start a range");
					return NULL;
				}
				continue;
			}
		} else {
			if (next_cp(ps, &cp))
				return NULL;
			lo = cp;
		}
		long hi = lo;
		if (ps->p + 1 < ps->end && *ps->p == '-' && ps->p[1] != ']') {
			ps->p++;
			if (*ps->p == '\\') {
				ps->p++;
				hi = parse_escape(ps, 1, &esc);
				if (hi == -1)
					return NULL;
				if (hi == -2) {
					fail(ps, "a class escape cannot end a range");
					return NULL;
				}
			} else {
				if (next_cp(ps, &cp))
					return NULL;
				hi = cp;
			}
			if (hi < lo) {
				fail(ps, "range out of order in character class");
				return NULL;
			}
		}
		cls_add(&ps->re->cls[ci], (unsigned)lo, (unsigned)hi);
	}
	struct node *n = mk(ps, N_CLASS);
	n->cls = ci;
	return n;
}

static struct node *parse_alt(struct parser *ps);

static int parse_int(struct parser *ps, int *out)
{
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
		return -1;
	long v = 0;
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
		v = v * 10 + (*ps->p++ - '0');
		if (v > 100000)
			v = 100000;
	}
	*out = (int)v;
	return 0;
}

static struct node *parse_atom(struct parser *ps)
{
	unsigned c = *ps->p;
	struct node *n;
	switch (c) {
	case '(': {
		ps->p++;
		if (ps->p < ps->end && *ps->p == '?') {
			if (ps->p + 1 < ps->end && ps->p[1] == ':')
				ps->p += 2;
			else if (ps->p + 2 < ps->end && ps->p[1] == '<' && ps->p[2] != '=' && ps->p[2] != '!') {
				const unsigned char *q = ps->p + 2;
				while (q < ps->end && *q != '>')
					q++;
				if (q >= ps->end) {
					fail(ps, "unterminated group name");
					return NULL;
				}
				ps->p = q + 1;
			} else {
				fail(ps, "unsupported: lookahead and lookbehind assertions");
				return NULL;
			}
		}
		if (++ps->depth > 200) {
			fail(ps, "groups nested too deeply");
			return NULL;
		}
		n = parse_alt(ps);
		ps->depth--;
		if (!n)
			return NULL;
		if (ps->p >= ps->end || *ps->p != ')') {
			fail(ps, "missing )");
			return NULL;
		}
		ps->p++;
		return n;
	}
	case '[':
		ps->p++;
		return parse_class(ps);
	case '.':
		ps->p++;
		return mk(ps, N_ANY);
	case '^':
		ps->p++;
		return mk(ps, N_BOL);
	case '$':
		ps->p++;
		return mk(ps, N_EOL);
	case '\\': {
		ps->p++;
		int esc = 0;
		long v = parse_escape(ps, 0, &esc);
		if (v == -1)
			return NULL;
		if (v == -3)
			return mk(ps, esc == 'b' ? N_WB : N_NWB);
		if (v == -2) {
			n = mk(ps, N_CLASS);
			n->cls = new_cls(ps->re);
			cls_add_escape(&ps->re->cls[n->cls], esc);
			return n;
		}
		n = mk(ps, N_CHAR);
		n->c = (unsigned)v;
		return n;
	}
	case '*': case '+': case '?': case '{':
		fail(ps, "nothing to repeat");
		return NULL;
	case ')': case ']': case '}':
		fail(ps, "unbalanced bracket (ECMA-262 unicode mode)");
		return NULL;
	}
	n = mk(ps, N_CHAR);
	if (next_cp(ps, &n->c))
		return NULL;
	return n;
}

static struct node *parse_term(struct parser *ps)
{
	struct node *a = parse_atom(ps);
	if (!a)
		return NULL;
	while (ps->p < ps->end) {
		int min, max;
		unsigned c = *ps->p;
		if (c == '*') min = 0, max = -1;
		else if (c == '+') min = 1, max = -1;
		else if (c == '?') min = 0, max = 1;
		else if (c == '{') {
			const unsigned char *save = ps->p;
			ps->p++;
			if (parse_int(ps, &min)) {
				ps->p = save;
				fail(ps, "lone { (ECMA-262 unicode mode)");
				return NULL;
			}
			max = min;
			if (ps->p < ps->end && *ps->p == ',') {
				ps->p++;
				max = -1;
				if (ps->p < ps->end && *ps->p != '}' && parse_int(ps, &max)) {
					fail(ps, "bad quantifier");
					return NULL;
				}
			}
			if (ps->p >= ps->end || *ps->p != '}') {
				fail(ps, "bad quantifier");
				return NULL;
			}
			if (max != -1 && max < min) {
				fail(ps, "numbers out of order in {} quantifier");
				return NULL;
			}
			if (min > MAX_REPEAT || max > MAX_REPEAT) {
				fail(ps, "quantifier larger than 1000");
				return NULL;
			}
		} else
			break;
		ps->p++;
		if (a->k == N_BOL || a->k == N_EOL || a->k == N_WB || a->k == N_NWB) {
			fail(ps, "nothing to repeat");
			return NULL;
		}
		struct node *r = mk(ps, N_REP);
		r->a = a;
		r->min = min;
		r->max = max;
		r->greedy = 1;
		if (ps->p < ps->end && *ps->p == '?') {
			r->greedy = 0;
			ps->p++;
		}
		a = r;
	}
	return a;
}

static struct node *parse_seq(struct parser *ps)
{
	struct node *seq = mk(ps, N_EMPTY);
	while (ps->p < ps->end && *ps->p != '|' && *ps->p != ')') {
		struct node *t = parse_term(ps);
		if (!t)
			return NULL;
		if (seq->k == N_EMPTY)
			seq = t;
		else {
			struct node *c = mk(ps, N_CAT);
			c->a = seq;
			c->b = t;
			seq = c;
		}
	}
	return seq;
}

static struct node *parse_alt(struct parser *ps)
{
	struct node *a = parse_seq(ps);
	while (a && ps->p < ps->end && *ps->p == '|') {
		ps->p++;
		struct node *b = parse_seq(ps);
		if (!b)
			return NULL;
		struct node *alt = mk(ps, N_ALT);
		alt->a = a;
		alt->b = b;
		a = alt;
	}
	return a;
}

/* ---- code generation ---------------------------------------------------- */

static int emit(struct parser *ps, enum op op)
{
	struct na_regex *re = ps->re;
	if (re->n >= MAX_PROG) {
		fail(ps, "pattern too large once compiled");
		return -1;
	}
	if (re->n == re->cap) {
		re->cap = re->cap ? re->cap * 2 : 32;
		re->prog = na_xrealloc(re->prog, re->cap * sizeof *re->prog);
	}
	re->prog[re->n] = (struct inst){(unsigned char)op, 0, 0, 0};
	return (int)re->n++;
}

static void gen(struct parser *ps, const struct node *n)
{
	if (ps->failed)
		return;
	int i, j;
	switch (n->k) {
	case N_EMPTY: break;
	case N_CHAR: if ((i = emit(ps, I_CHAR)) >= 0) ps->re->prog[i].c = n->c; break;
	case N_ANY: emit(ps, I_ANY); break;
	case N_CLASS: if ((i = emit(ps, I_CLASS)) >= 0) ps->re->prog[i].x = n->cls; break;
	case N_BOL: emit(ps, I_BOL); break;
	case N_EOL: emit(ps, I_EOL); break;
	case N_WB: emit(ps, I_WORDB); break;
	case N_NWB: emit(ps, I_NWORDB); break;
	case N_CAT: gen(ps, n->a); gen(ps, n->b); break;
	case N_ALT:
		if ((i = emit(ps, I_SPLIT)) < 0)
			return;
		gen(ps, n->a);
		if ((j = emit(ps, I_JMP)) < 0)
			return;
		ps->re->prog[i].x = i + 1;
		ps->re->prog[i].y = (int)ps->re->n;
		gen(ps, n->b);
		ps->re->prog[j].x = (int)ps->re->n;
		break;
	case N_REP: {
		for (int k = 0; k < n->min; k++)
			gen(ps, n->a);
		if (n->max == -1) {
			if ((i = emit(ps, I_SPLIT)) < 0)
				return;
			gen(ps, n->a);
			if ((j = emit(ps, I_JMP)) < 0)
				return;
			ps->re->prog[j].x = i;
			int body = i + 1, out = (int)ps->re->n;
			ps->re->prog[i].x = n->greedy ? body : out;
			ps->re->prog[i].y = n->greedy ? out : body;
			break;
		}
		int *splits = na_xmalloc(sizeof(int) * (size_t)(n->max - n->min + 1));
		int ns = 0;
		for (int k = n->min; k < n->max && !ps->failed; k++) {
			if ((i = emit(ps, I_SPLIT)) < 0)
				break;
			splits[ns++] = i;
			gen(ps, n->a);
		}
		int out = (int)ps->re->n;
		for (int k = 0; k < ns && !ps->failed; k++) {
			i = splits[k];
			ps->re->prog[i].x = n->greedy ? i + 1 : out;
			ps->re->prog[i].y = n->greedy ? out : i + 1;
		}
		free(splits);
		break;
	}
	}
}

struct na_regex *na_regex_compile(const char *pat, size_t len, char *err, size_t errsize)
{
	struct na_regex *re = na_xcalloc(1, sizeof *re);
	struct parser ps = {(const unsigned char *)pat, (const unsigned char *)pat + len, re, NULL, 0, 0,
	                    err, errsize, 0, 0};
	struct node *root = parse_alt(&ps);
	if (root && ps.p < ps.end)
		fail(&ps, "unbalanced )");
	if (!ps.failed) {
		gen(&ps, root);
		emit(&ps, I_MATCH);
	}
	for (size_t i = 0; i < ps.nnodes; i++)
		free(ps.nodes[i]);
	free(ps.nodes);
	if (ps.failed) {
		na_regex_free(re);
		return NULL;
	}
	re->anchored = re->prog[0].op == I_BOL;
	return re;
}

void na_regex_free(struct na_regex *re)
{
	if (!re)
		return;
	for (size_t i = 0; i < re->ncls; i++)
		free(re->cls[i].r);
	free(re->cls);
	free(re->prog);
	free(re);
}

/* ---- matching ----------------------------------------------------------- */

static int in_cls(const struct cls *c, unsigned cp)
{
	int hit = 0;
	for (size_t i = 0; i < c->n; i++)
		if (cp >= c->r[i].lo && cp <= c->r[i].hi) {
			hit = 1;
			break;
		}
	return hit != c->neg;
}

static int is_word(const unsigned char *s, size_t n, size_t at)
{
	if (at >= n)
		return 0;
	unsigned char c = s[at];
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static size_t decode(const unsigned char *s, size_t n, size_t at, unsigned *cp)
{
	if (s[at] < 0x80) {
		*cp = s[at];
		return 1;
	}
	size_t k = na_utf8_decode(s + at, n - at, cp);
	if (!k) {
		*cp = 0xfffd;
		k = 1;
	}
	return k;
}

struct frame { int pc; size_t pos; };

static _Thread_local unsigned char *visited;
static _Thread_local size_t visited_cap;
static _Thread_local struct frame *stack;
static _Thread_local size_t stack_cap;

int na_regex_search(const struct na_regex *re, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t ninst = re->n;
	size_t bits = ninst * (n + 1);
	size_t bytes = (bits + 7) / 8;
	if (bytes > visited_cap) {
		free(visited);
		visited_cap = bytes < 4096 ? 4096 : bytes;
		visited = na_xmalloc(visited_cap);
	}
	memset(visited, 0, bytes);
	size_t sp = 0;
	for (size_t start = 0; start <= n;) {
		if (sp == stack_cap) {
			stack_cap = stack_cap ? stack_cap * 2 : 256;
			stack = na_xrealloc(stack, stack_cap * sizeof *stack);
		}
		stack[sp++] = (struct frame){0, start};
		while (sp) {
			struct frame f = stack[--sp];
			int pc = f.pc;
			size_t pos = f.pos;
			for (;;) {
				size_t bit = (size_t)pc * (n + 1) + pos;
				if (visited[bit >> 3] & (1u << (bit & 7)))
					break;
				visited[bit >> 3] |= (unsigned char)(1u << (bit & 7));
				const struct inst *in = &re->prog[pc];
				unsigned cp;
				size_t k;
				switch (in->op) {
				case I_MATCH:
					return 1;
				case I_CHAR:
					if (pos >= n)
						goto dead;
					k = decode(s, n, pos, &cp);
					if (cp != in->c)
						goto dead;
					pos += k;
					pc++;
					continue;
				case I_ANY:
					if (pos >= n)
						goto dead;
					k = decode(s, n, pos, &cp);
					if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
						goto dead;
					pos += k;
					pc++;
					continue;
				case I_CLASS:
					if (pos >= n)
						goto dead;
					k = decode(s, n, pos, &cp);
					if (!in_cls(&re->cls[in->x], cp))
						goto dead;
					pos += k;
					pc++;
					continue;
				case I_BOL:
					if (pos != 0)
						goto dead;
					pc++;
					continue;
				case I_EOL:
					if (pos != n)
						goto dead;
					pc++;
					continue;
				case I_WORDB:
				case I_NWORDB: {
					int b = (pos > 0 && is_word(s, n, pos - 1)) != is_word(s, n, pos);
					if (b != (in->op == I_WORDB))
						goto dead;
					pc++;
					continue;
				}
				case I_JMP:
					pc = in->x;
					continue;
				case I_SPLIT:
					if (sp == stack_cap) {
						stack_cap *= 2;
						stack = na_xrealloc(stack, stack_cap * sizeof *stack);
					}
					stack[sp++] = (struct frame){in->y, pos};
					pc = in->x;
					continue;
				}
			}
		dead:;
		}
		if (re->anchored)
			break;
		if (start >= n)
			break;
		unsigned cp;
		start += decode(s, n, start, &cp);
	}
	return 0;
}

void na_regex_release_scratch(void)
{
	free(visited);
	visited = NULL;
	visited_cap = 0;
	free(stack);
	stack = NULL;
	stack_cap = 0;
}
