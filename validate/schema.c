/* schema.c - JSON Schema draft 2020-12, the subset record schemas use,
 * compiled once into a tree of nodes and then run over na_json values.
 *
 * Keywords: type, enum, const, required, properties, patternProperties,
 * additionalProperties, prefixItems, items, minItems, maxItems, uniqueItems,
 * minLength, maxLength (code points, as ajv counts), pattern (regex.c),
 * format (format.c), minimum, maximum, exclusiveMinimum, exclusiveMaximum,
 * multipleOf, allOf, anyOf, oneOf, not, if/then/else, $ref ("#" and JSON
 * pointers inside the document, $defs included), $defs, and the cheap ones:
 * minProperties, maxProperties, propertyNames, contains, minContains,
 * maxContains, dependentRequired, dependentSchemas.  Not implemented (so
 * refused): unevaluatedProperties, unevaluatedItems, $anchor, $dynamicRef,
 * $dynamicAnchor, $vocabulary, remote $ref.  Annotations are
 * accepted and ignored: $schema, $id (root only), $comment, title,
 * description, default, examples, deprecated, readOnly, writeOnly,
 * contentMediaType, contentEncoding.  Any other keyword is an error when the
 * schema loads: a validator that skipped a keyword would pass records the
 * author meant to refuse.
 *
 * Errors are collected everywhere except below anyOf/oneOf/not/if, where a
 * branch is only tried: there validation stops at the first failure and the
 * combinator reports one error of its own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "validate/validate.h"

enum { T_NULL = 1, T_BOOL = 2, T_INT = 4, T_NUM = 8, T_STR = 16, T_ARR = 32, T_OBJ = 64 };

struct node;
struct prop { const char *key; size_t klen; struct node *s; };
struct key { const char *key; size_t klen; };
struct pprop { struct na_regex *re; const char *src; struct node *s; };

struct node {
	const char *path;               /* schema location, "#/properties/id" */
	const struct na_json *json;     /* its schema text */
	int always;                     /* boolean schema: 1 true, 0 false; -1 other */
	unsigned types;                 /* 0: not checked */
	struct prop *props;
	size_t nprops;
	struct key *req;
	size_t nreq;
	struct pprop *pprops;
	size_t npprops;
	struct node *addl;
	struct node **prefix;
	size_t nprefix;
	struct node *items;
	long min_items, max_items;      /* -1: unset */
	int unique;
	long min_len, max_len;
	struct na_regex *pattern;
	const char *pattern_src;
	enum na_fmt format;
	int has_min, has_max, has_xmin, has_xmax, has_mult;
	double min, max, xmin, xmax, mult;
	const struct na_json *enumv, *constv;
	struct node **all, **any, **one;
	size_t nall, nany, none;
	struct node *not_, *if_, *then_, *else_;
	long min_props, max_props;      /* -1: unset */
	struct node *prop_names;
	struct node *contains;
	long min_contains, max_contains; /* -1: unset (minContains defaults to 1) */
	struct dep { const char *key; size_t klen; struct key *req; size_t nreq; struct node *s; } *deps;
	size_t ndeps;
	struct node *ref;
	const char *ref_str;
	int strings_only;               /* only string keywords: fast path */
};

struct na_schema {
	struct na_arena *arena;
	char *text;
	struct node *root;
	struct na_regex **regexes;
	size_t nregexes;
};

/* ---- compiling ----------------------------------------------------------- */

struct memo { const struct na_json *json; struct node *node; };

struct compiler {
	struct na_ctx *c;
	const char *name;
	struct na_schema *s;
	const struct na_json *root;
	struct memo *memo;
	size_t nmemo, capmemo;
	struct node **refs;             /* nodes whose $ref is to resolve */
	size_t nrefs, caprefs;
	int errors;
};

static void cerr(struct compiler *cc, const struct na_json *at, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void cerr(struct compiler *cc, const struct na_json *at, const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct na_pos pos = {cc->name, at ? at->line : 0, at ? at->col : 0, -1};
	na_report_rule(cc->c, NA_SEV_ERROR, &pos, path, "schema", "%s", msg);
	cc->errors++;
}

static const char *subpath(struct compiler *cc, const char *base, const char *seg, size_t n)
{
	/* JSON pointer escaping of one segment */
	struct na_buf b = {0};
	na_buf_adds(&b, base);
	na_buf_addc(&b, '/');
	for (size_t i = 0; i < n; i++) {
		if (seg[i] == '~')
			na_buf_adds(&b, "~0");
		else if (seg[i] == '/')
			na_buf_adds(&b, "~1");
		else
			na_buf_addc(&b, seg[i]);
	}
	char *r = na_arena_strndup(cc->s->arena, b.p, b.len);
	na_buf_free(&b);
	return r;
}

static const char *subidx(struct compiler *cc, const char *base, size_t i)
{
	return na_arena_printf(cc->s->arena, "%s/%zu", base, i);
}

static struct node *compile(struct compiler *cc, const struct na_json *j, const char *path);

static double num(const struct na_json *v) { return strtod(v->u.str, NULL); }

static int get_count(struct compiler *cc, const struct na_json *v, const char *path, const char *kw, long *out)
{
	double d;
	if (v->type != NA_JSON_NUMBER || (d = num(v)) < 0 || d != floor(d) || d > 1e15) {
		cerr(cc, v, path, "%s must be a non-negative integer", kw);
		return -1;
	}
	*out = (long)d;
	return 0;
}

static int get_number(struct compiler *cc, const struct na_json *v, const char *path, const char *kw, double *out)
{
	if (v->type != NA_JSON_NUMBER) {
		cerr(cc, v, path, "%s must be a number", kw);
		return -1;
	}
	*out = num(v);
	return 0;
}

static unsigned type_bit(const char *s)
{
	static const struct { const char *n; unsigned b; } t[] = {
		{"null", T_NULL}, {"boolean", T_BOOL}, {"integer", T_INT}, {"number", T_NUM | T_INT},
		{"string", T_STR}, {"array", T_ARR}, {"object", T_OBJ}};
	for (size_t i = 0; i < NA_ARRAY_SIZE(t); i++)
		if (!strcmp(s, t[i].n))
			return t[i].b;
	return 0;
}

static struct node **compile_list(struct compiler *cc, const struct na_json *v, const char *path,
                                  const char *kw, size_t *n)
{
	if (v->type != NA_JSON_ARRAY || v->len == 0) {
		cerr(cc, v, path, "%s must be a non-empty array of schemas", kw);
		return NULL;
	}
	struct node **l = na_arena_alloc(cc->s->arena, v->len * sizeof *l);
	for (size_t i = 0; i < v->len; i++)
		l[i] = compile(cc, &v->u.items[i], subidx(cc, path, i));
	*n = v->len;
	return l;
}

static struct na_regex *regex(struct compiler *cc, const struct na_json *v, const char *path, const char *src,
                              size_t n)
{
	char err[160];
	struct na_regex *re = na_regex_compile(src, n, err, sizeof err);
	if (!re) {
		cerr(cc, v, path, "pattern /%s/: %s", src, err);
		return NULL;
	}
	cc->s->regexes = na_xrealloc(cc->s->regexes, (cc->s->nregexes + 1) * sizeof *cc->s->regexes);
	cc->s->regexes[cc->s->nregexes++] = re;
	return re;
}

static int is_annotation(const char *k)
{
	static const char *const a[] = {"$schema", "$comment", "title", "description", "default", "examples",
	                                "deprecated", "readOnly", "writeOnly", "contentMediaType",
	                                "contentEncoding"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(a); i++)
		if (!strcmp(k, a[i]))
			return 1;
	return 0;
}

static void keyword(struct compiler *cc, struct node *n, const char *k, const struct na_json *v)
{
	const char *kp = subpath(cc, n->path, k, strlen(k));
	struct na_arena *ar = cc->s->arena;
	if (!strcmp(k, "type")) {
		if (v->type == NA_JSON_STRING) {
			if (!(n->types = type_bit(v->u.str)))
				cerr(cc, v, kp, "unknown type \"%s\"", v->u.str);
		} else if (v->type == NA_JSON_ARRAY && v->len) {
			for (size_t i = 0; i < v->len; i++) {
				const struct na_json *t = &v->u.items[i];
				unsigned b = t->type == NA_JSON_STRING ? type_bit(t->u.str) : 0;
				if (!b)
					cerr(cc, t, kp, "type must name a JSON type");
				n->types |= b;
			}
		} else
			cerr(cc, v, kp, "type must be a string or a non-empty array of strings");
	} else if (!strcmp(k, "enum")) {
		if (v->type != NA_JSON_ARRAY)
			cerr(cc, v, kp, "enum must be an array");
		n->enumv = v;
	} else if (!strcmp(k, "const")) {
		n->constv = v;
	} else if (!strcmp(k, "required")) {
		if (v->type != NA_JSON_ARRAY) {
			cerr(cc, v, kp, "required must be an array of strings");
			return;
		}
		n->req = na_arena_alloc(ar, (v->len + 1) * sizeof *n->req);
		for (size_t i = 0; i < v->len; i++) {
			if (v->u.items[i].type != NA_JSON_STRING) {
				cerr(cc, &v->u.items[i], kp, "required must be an array of strings");
				return;
			}
			n->req[n->nreq++] = (struct key){v->u.items[i].u.str, v->u.items[i].len};
		}
	} else if (!strcmp(k, "properties") || !strcmp(k, "patternProperties") || !strcmp(k, "$defs")) {
		if (v->type != NA_JSON_OBJECT) {
			cerr(cc, v, kp, "%s must be an object of schemas", k);
			return;
		}
		int props = k[0] == 'p' && k[1] == 'r';
		int pats = k[0] == 'p' && k[1] == 'a';
		if (props)
			n->props = na_arena_alloc(ar, (v->len + 1) * sizeof *n->props);
		if (pats)
			n->pprops = na_arena_alloc(ar, (v->len + 1) * sizeof *n->pprops);
		for (size_t i = 0; i < v->len; i++) {
			const struct na_json_member *m = &v->u.members[i];
			struct node *sub = compile(cc, &m->value, subpath(cc, kp, m->key, m->key_len));
			if (props)
				n->props[n->nprops++] = (struct prop){m->key, m->key_len, sub};
			else if (pats) {
				struct na_regex *re = regex(cc, &m->value, kp, m->key, m->key_len);
				n->pprops[n->npprops++] = (struct pprop){re, m->key, sub};
			}
		}
	} else if (!strcmp(k, "additionalProperties")) {
		n->addl = compile(cc, v, kp);
	} else if (!strcmp(k, "prefixItems")) {
		n->prefix = compile_list(cc, v, kp, k, &n->nprefix);
	} else if (!strcmp(k, "items")) {
		if (v->type == NA_JSON_ARRAY)
			cerr(cc, v, kp, "items must be a schema (draft 2020-12: use prefixItems for tuples)");
		else
			n->items = compile(cc, v, kp);
	} else if (!strcmp(k, "minItems")) {
		get_count(cc, v, kp, k, &n->min_items);
	} else if (!strcmp(k, "maxItems")) {
		get_count(cc, v, kp, k, &n->max_items);
	} else if (!strcmp(k, "uniqueItems")) {
		if (v->type != NA_JSON_TRUE && v->type != NA_JSON_FALSE)
			cerr(cc, v, kp, "uniqueItems must be a boolean");
		n->unique = v->type == NA_JSON_TRUE;
	} else if (!strcmp(k, "minLength")) {
		get_count(cc, v, kp, k, &n->min_len);
	} else if (!strcmp(k, "maxLength")) {
		get_count(cc, v, kp, k, &n->max_len);
	} else if (!strcmp(k, "pattern")) {
		if (v->type != NA_JSON_STRING) {
			cerr(cc, v, kp, "pattern must be a string");
			return;
		}
		n->pattern = regex(cc, v, kp, v->u.str, v->len);
		n->pattern_src = v->u.str;
	} else if (!strcmp(k, "format")) {
		static const struct { const char *n; enum na_fmt f; } f[] = {
			{"date-time", NA_FMT_DATE_TIME}, {"date", NA_FMT_DATE}, {"time", NA_FMT_TIME},
			{"uri", NA_FMT_URI}, {"email", NA_FMT_EMAIL}};
		if (v->type != NA_JSON_STRING) {
			cerr(cc, v, kp, "format must be a string");
			return;
		}
		for (size_t i = 0; i < NA_ARRAY_SIZE(f); i++)
			if (!strcmp(v->u.str, f[i].n))
				n->format = f[i].f;
		if (!n->format)
			cerr(cc, v, kp, "unsupported format \"%s\" (supported: date-time, date, time, uri, email)",
			     v->u.str);
	} else if (!strcmp(k, "minimum")) {
		n->has_min = !get_number(cc, v, kp, k, &n->min);
	} else if (!strcmp(k, "maximum")) {
		n->has_max = !get_number(cc, v, kp, k, &n->max);
	} else if (!strcmp(k, "exclusiveMinimum")) {
		n->has_xmin = !get_number(cc, v, kp, k, &n->xmin);
	} else if (!strcmp(k, "exclusiveMaximum")) {
		n->has_xmax = !get_number(cc, v, kp, k, &n->xmax);
	} else if (!strcmp(k, "multipleOf")) {
		n->has_mult = !get_number(cc, v, kp, k, &n->mult);
		if (n->has_mult && !(n->mult > 0))
			cerr(cc, v, kp, "multipleOf must be greater than 0");
	} else if (!strcmp(k, "allOf")) {
		n->all = compile_list(cc, v, kp, k, &n->nall);
	} else if (!strcmp(k, "anyOf")) {
		n->any = compile_list(cc, v, kp, k, &n->nany);
	} else if (!strcmp(k, "oneOf")) {
		n->one = compile_list(cc, v, kp, k, &n->none);
	} else if (!strcmp(k, "not")) {
		n->not_ = compile(cc, v, kp);
	} else if (!strcmp(k, "if")) {
		n->if_ = compile(cc, v, kp);
	} else if (!strcmp(k, "then")) {
		n->then_ = compile(cc, v, kp);
	} else if (!strcmp(k, "else")) {
		n->else_ = compile(cc, v, kp);
	} else if (!strcmp(k, "minProperties")) {
		get_count(cc, v, kp, k, &n->min_props);
	} else if (!strcmp(k, "maxProperties")) {
		get_count(cc, v, kp, k, &n->max_props);
	} else if (!strcmp(k, "propertyNames")) {
		n->prop_names = compile(cc, v, kp);
	} else if (!strcmp(k, "contains")) {
		n->contains = compile(cc, v, kp);
	} else if (!strcmp(k, "minContains")) {
		get_count(cc, v, kp, k, &n->min_contains);
	} else if (!strcmp(k, "maxContains")) {
		get_count(cc, v, kp, k, &n->max_contains);
	} else if (!strcmp(k, "dependentRequired") || !strcmp(k, "dependentSchemas")) {
		int schemas = k[9] == 'S';
		if (v->type != NA_JSON_OBJECT) {
			cerr(cc, v, kp, "%s must be an object", k);
			return;
		}
		struct dep *d = na_arena_alloc(ar, (n->ndeps + v->len + 1) * sizeof *d);
		if (n->ndeps)
			memcpy(d, n->deps, n->ndeps * sizeof *d);
		n->deps = d;
		for (size_t i = 0; i < v->len; i++) {
			const struct na_json_member *m = &v->u.members[i];
			struct dep *e = &n->deps[n->ndeps++];
			memset(e, 0, sizeof *e);
			e->key = m->key;
			e->klen = m->key_len;
			if (schemas) {
				e->s = compile(cc, &m->value, subpath(cc, kp, m->key, m->key_len));
				continue;
			}
			if (m->value.type != NA_JSON_ARRAY) {
				cerr(cc, &m->value, kp, "dependentRequired values must be arrays of strings");
				continue;
			}
			e->req = na_arena_alloc(ar, (m->value.len + 1) * sizeof *e->req);
			for (size_t j = 0; j < m->value.len; j++) {
				const struct na_json *x = &m->value.u.items[j];
				if (x->type != NA_JSON_STRING)
					cerr(cc, x, kp, "dependentRequired values must be arrays of strings");
				else
					e->req[e->nreq++] = (struct key){x->u.str, x->len};
			}
		}
	} else if (!strcmp(k, "$ref")) {
		if (v->type != NA_JSON_STRING) {
			cerr(cc, v, kp, "$ref must be a string");
			return;
		}
		n->ref_str = v->u.str;
		if (cc->nrefs == cc->caprefs) {
			cc->caprefs = cc->caprefs ? cc->caprefs * 2 : 16;
			cc->refs = na_xrealloc(cc->refs, cc->caprefs * sizeof *cc->refs);
		}
		cc->refs[cc->nrefs++] = n;
	} else if (!strcmp(k, "$id")) {
		if (n->json != cc->root)
			cerr(cc, v, kp, "unsupported: $id inside a subschema (only $ref within this document)");
	} else if (!is_annotation(k)) {
		cerr(cc, v, kp, "unsupported keyword \"%s\"", k);
	}
}

static struct node *compile(struct compiler *cc, const struct na_json *j, const char *path)
{
	for (size_t i = 0; i < cc->nmemo; i++)
		if (cc->memo[i].json == j)
			return cc->memo[i].node;
	struct node *n = na_arena_alloc(cc->s->arena, sizeof *n);
	memset(n, 0, sizeof *n);
	n->path = path;
	n->json = j;
	n->always = -1;
	n->min_items = n->max_items = n->min_len = n->max_len = -1;
	n->min_props = n->max_props = n->min_contains = n->max_contains = -1;
	if (cc->nmemo == cc->capmemo) {
		cc->capmemo = cc->capmemo ? cc->capmemo * 2 : 64;
		cc->memo = na_xrealloc(cc->memo, cc->capmemo * sizeof *cc->memo);
	}
	cc->memo[cc->nmemo++] = (struct memo){j, n};
	if (j->type == NA_JSON_TRUE || j->type == NA_JSON_FALSE) {
		n->always = j->type == NA_JSON_TRUE;
		return n;
	}
	if (j->type != NA_JSON_OBJECT) {
		cerr(cc, j, path, "a schema must be an object or a boolean");
		n->always = 1;
		return n;
	}
	for (size_t i = 0; i < j->len; i++) {
		const struct na_json_member *m = &j->u.members[i];
		if (memchr(m->key, 0, m->key_len)) {
			cerr(cc, &m->value, path, "keyword contains U+0000");
			continue;
		}
		keyword(cc, n, m->key, &m->value);
	}
	return n;
}

/* Resolve a "#..." reference inside the document. */
static const struct na_json *resolve(struct compiler *cc, const char *ref)
{
	if (ref[0] != '#')
		return NULL;
	const struct na_json *cur = cc->root;
	const char *p = ref + 1;
	if (*p && *p != '/')
		return NULL; /* plain-name fragments ($anchor) */
	while (*p == '/') {
		p++;
		struct na_buf seg = {0};
		while (*p && *p != '/') {
			if (p[0] == '~' && (p[1] == '0' || p[1] == '1')) {
				na_buf_addc(&seg, p[1] == '0' ? '~' : '/');
				p += 2;
			} else if (p[0] == '%' && p[1] && p[2] && strchr("0123456789abcdefABCDEF", p[1]) &&
			           strchr("0123456789abcdefABCDEF", p[2])) {
				char h[3] = {p[1], p[2], 0};
				na_buf_addc(&seg, (char)strtol(h, NULL, 16));
				p += 3;
			} else
				na_buf_addc(&seg, *p++);
		}
		const char *s = seg.p ? seg.p : "";
		const struct na_json *next = NULL;
		if (cur->type == NA_JSON_OBJECT) {
			for (size_t i = 0; i < cur->len; i++)
				if (cur->u.members[i].key_len == seg.len && !memcmp(cur->u.members[i].key, s, seg.len))
					next = &cur->u.members[i].value;
		} else if (cur->type == NA_JSON_ARRAY) {
			char *end;
			unsigned long idx = strtoul(s, &end, 10);
			if (seg.len && !*end && idx < cur->len)
				next = &cur->u.items[idx];
		}
		na_buf_free(&seg);
		if (!next)
			return NULL;
		cur = next;
	}
	return cur;
}

struct na_schema *na_schema_compile(struct na_ctx *c, const char *name, const char *text, size_t len)
{
	struct na_schema *s = na_xcalloc(1, sizeof *s);
	s->arena = na_arena_new();
	/* the parser may read ahead: keep zero padding after the text */
	s->text = na_xcalloc(1, len + NA_JSON_PAD);
	memcpy(s->text, text, len);
	struct na_json_error err;
	struct na_json *root = na_json_parse(s->arena, s->text, len, NA_DEFAULT_MAX_DEPTH, 1, &err);
	if (!root) {
		struct na_pos pos = {name, err.line, err.col, err.offset};
		na_report_rule(c, NA_SEV_ERROR, &pos, NULL, "schema", "schema is not valid JSON: %s", err.message);
		na_schema_free(s);
		return NULL;
	}
	struct compiler cc = {c, name, s, root, NULL, 0, 0, NULL, 0, 0, 0};
	s->root = compile(&cc, root, "#");
	/* refs: resolving compiles their targets, which may add refs */
	for (size_t i = 0; i < cc.nrefs; i++) {
		struct node *n = cc.refs[i];
		const struct na_json *t = resolve(&cc, n->ref_str);
		if (!t) {
			cerr(&cc, n->json, n->path, "unresolvable or unsupported $ref \"%s\" (only \"#\" and JSON pointers "
			     "into this document)", n->ref_str);
			continue;
		}
		n->ref = compile(&cc, t, na_arena_strdup(s->arena, n->ref_str));
	}
	free(cc.memo);
	free(cc.refs);
	if (cc.errors) {
		na_schema_free(s);
		return NULL;
	}
	return s;
}

void na_schema_free(struct na_schema *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nregexes; i++)
		na_regex_free(s->regexes[i]);
	free(s->regexes);
	na_arena_free(s->arena);
	free(s->text);
	free(s);
}

/* ---- validating ---------------------------------------------------------- */

struct vctx {
	na_verror_cb cb;
	void *user;
	unsigned long count, max;
	int quiet;              /* > 0: inside a combinator branch: no reports */
	int stop;
	int depth;
	struct seg { const char *key; size_t len, idx; } *segs; /* key NULL: array index */
	size_t nsegs, capsegs;
	struct na_buf ptr;      /* scratch for the pointer's text */
};

static const char *ptr_text(struct vctx *vc);
static void verr(struct vctx *vc, const struct node *n, const struct na_json *v, const char *kw, const char *fmt,
                 ...) __attribute__((format(printf, 5, 6)));
static void verr(struct vctx *vc, const struct node *n, const struct na_json *v, const char *kw, const char *fmt,
                 ...)
{
	if (vc->quiet)
		return;
	char msg[512], sp[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(sp, sizeof sp, "%s/%s", n->path, kw);
	struct na_verror e = {v, ptr_text(vc), kw, sp, msg};
	vc->count++;
	if (vc->cb)
		vc->cb(vc->user, &e);
	if (vc->max && vc->count >= vc->max)
		vc->stop = 1;
}

/* The instance pointer is kept as segments and spelled out only when an
 * error is reported: valid records never pay for it. */
static size_t ptr_seg(struct vctx *vc, const char *key, size_t n, size_t idx)
{
	size_t old = vc->nsegs;
	if (vc->nsegs == vc->capsegs) {
		vc->capsegs = vc->capsegs ? vc->capsegs * 2 : 32;
		vc->segs = na_xrealloc(vc->segs, vc->capsegs * sizeof *vc->segs);
	}
	vc->segs[vc->nsegs++] = (struct seg){key, n, idx};
	return old;
}

static size_t ptr_push(struct vctx *vc, const char *key, size_t n) { return ptr_seg(vc, key, n, 0); }
static size_t ptr_push_idx(struct vctx *vc, size_t i) { return ptr_seg(vc, NULL, 0, i); }
static void ptr_pop(struct vctx *vc, size_t old) { vc->nsegs = old; }

static const char *ptr_text(struct vctx *vc)
{
	struct na_buf *b = &vc->ptr;
	b->len = 0;
	na_buf_reserve(b, 1);
	for (size_t i = 0; i < vc->nsegs; i++) {
		const struct seg *g = &vc->segs[i];
		if (!g->key) {
			na_buf_printf(b, "/%zu", g->idx);
			continue;
		}
		na_buf_addc(b, '/');
		for (size_t k = 0; k < g->len; k++) {
			if (g->key[k] == '~')
				na_buf_add(b, "~0", 2);
			else if (g->key[k] == '/')
				na_buf_add(b, "~1", 2);
			else
				na_buf_addc(b, g->key[k]);
		}
	}
	b->p[b->len] = 0;
	return b->p;
}

static const char *jtype(const struct na_json *v)
{
	static const char *const n[] = {"null", "boolean", "boolean", "number", "string", "array", "object"};
	if (v->type == NA_JSON_NUMBER) {
		double d = num(v);
		if (isfinite(d) && d == floor(d))
			return "integer";
	}
	return n[v->type];
}

static int json_equal(const struct na_json *a, const struct na_json *b)
{
	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case NA_JSON_NULL: case NA_JSON_TRUE: case NA_JSON_FALSE:
		return 1;
	case NA_JSON_NUMBER:
		return num(a) == num(b);
	case NA_JSON_STRING:
		return a->len == b->len && !memcmp(a->u.str, b->u.str, a->len);
	case NA_JSON_ARRAY:
		if (a->len != b->len)
			return 0;
		for (size_t i = 0; i < a->len; i++)
			if (!json_equal(&a->u.items[i], &b->u.items[i]))
				return 0;
		return 1;
	case NA_JSON_OBJECT:
		if (a->len != b->len)
			return 0;
		for (size_t i = 0; i < a->len; i++) {
			const struct na_json_member *m = &a->u.members[i];
			const struct na_json *o = NULL;
			/* the last of duplicate keys wins, as in JSON.parse */
			for (size_t k = 0; k < b->len; k++)
				if (b->u.members[k].key_len == m->key_len && !memcmp(b->u.members[k].key, m->key, m->key_len))
					o = &b->u.members[k].value;
			if (!o || !json_equal(&m->value, o))
				return 0;
		}
		return 1;
	}
	return 0;
}

static int type_ok(unsigned types, const struct na_json *v)
{
	switch (v->type) {
	case NA_JSON_NULL: return types & T_NULL;
	case NA_JSON_TRUE: case NA_JSON_FALSE: return types & T_BOOL;
	case NA_JSON_STRING: return types & T_STR;
	case NA_JSON_ARRAY: return types & T_ARR;
	case NA_JSON_OBJECT: return types & T_OBJ;
	case NA_JSON_NUMBER:
		if (types & T_NUM)
			return 1;
		if (types & T_INT) {
			double d = num(v);
			return isfinite(d) && d == floor(d);
		}
		return 0;
	}
	return 0;
}

static void type_names(unsigned t, char *buf, size_t size)
{
	static const struct { unsigned b; const char *n; } names[] = {
		{T_NULL, "null"}, {T_BOOL, "boolean"}, {T_NUM, "number"}, {T_INT, "integer"},
		{T_STR, "string"}, {T_ARR, "array"}, {T_OBJ, "object"}};
	buf[0] = 0;
	for (size_t i = 0; i < NA_ARRAY_SIZE(names); i++) {
		if (!(t & names[i].b) || (names[i].b == T_INT && (t & T_NUM)))
			continue;
		if (buf[0])
			strncat(buf, " or ", size - strlen(buf) - 1);
		strncat(buf, names[i].n, size - strlen(buf) - 1);
	}
}

static int validate(struct vctx *vc, const struct node *n, const struct na_json *v);

/* Try a subschema without reporting. */
static int try(struct vctx *vc, const struct node *n, const struct na_json *v)
{
	vc->quiet++;
	int ok = validate(vc, n, v);
	vc->quiet--;
	return ok;
}

#define FAIL() do { ok = 0; if (vc->quiet || vc->stop) return 0; } while (0)

/* At most max bytes of s, cut on a character boundary, "..." when cut. */
static const char *clip(const char *s, size_t n, size_t max, char *out)
{
	if (n <= max) {
		memcpy(out, s, n);
		out[n] = 0;
		return out;
	}
	size_t k = max;
	while (k && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	memcpy(out, s, k);
	memcpy(out + k, "...", 4);
	return out;
}

static int validate_string(struct vctx *vc, const struct node *n, const struct na_json *v)
{
	char val[80], pat[80];
	int ok = 1;
	/* a string has between bytes/4 and bytes characters: count them only
	 * when the byte length cannot decide */
	if ((n->min_len >= 0 && v->len / 4 < (size_t)n->min_len) || (n->max_len >= 0 && v->len > (size_t)n->max_len)) {
		size_t len = na_utf8_length(v->u.str, v->len);
		if (n->min_len >= 0 && len < (size_t)n->min_len) {
			verr(vc, n, v, "minLength", "too short: %zu characters, at least %ld required", len, n->min_len);
			FAIL();
		}
		if (n->max_len >= 0 && len > (size_t)n->max_len) {
			verr(vc, n, v, "maxLength", "too long: %zu characters, at most %ld allowed", len, n->max_len);
			FAIL();
		}
	}
	if (n->pattern && !na_regex_search(n->pattern, v->u.str, v->len)) {
		verr(vc, n, v, "pattern", "\"%s\" does not match /%s/", clip(v->u.str, v->len, 60, val),
		     clip(n->pattern_src, strlen(n->pattern_src), 60, pat));
		FAIL();
	}
	if (n->format && !na_format_check(n->format, v->u.str, v->len)) {
		static const char *const fn[] = {"", "date-time", "date", "time", "uri", "email"};
		verr(vc, n, v, "format", "\"%s\" is not a valid %s", clip(v->u.str, v->len, 60, val), fn[n->format]);
		FAIL();
	}
	return ok;
}

static int validate_number(struct vctx *vc, const struct node *n, const struct na_json *v)
{
	int ok = 1;
	double d = num(v);
	if (n->has_min && !(d >= n->min)) {
		verr(vc, n, v, "minimum", "%s is less than the minimum %g", v->u.str, n->min);
		FAIL();
	}
	if (n->has_max && !(d <= n->max)) {
		verr(vc, n, v, "maximum", "%s is greater than the maximum %g", v->u.str, n->max);
		FAIL();
	}
	if (n->has_xmin && !(d > n->xmin)) {
		verr(vc, n, v, "exclusiveMinimum", "%s must be greater than %g", v->u.str, n->xmin);
		FAIL();
	}
	if (n->has_xmax && !(d < n->xmax)) {
		verr(vc, n, v, "exclusiveMaximum", "%s must be less than %g", v->u.str, n->xmax);
		FAIL();
	}
	double q = n->has_mult ? d / n->mult : 0;
	if (n->has_mult && !(isfinite(q) && fabs(q) < 1e21 && q == trunc(q))) {
		/* ajv's test, data/multipleOf === parseInt(it): in binary floating
		 * point 0.5 is a multiple of 0.1 and 0.3 is not; quotients from 1e21
		 * on print in exponent form, which parseInt cuts, so they fail */
		verr(vc, n, v, "multipleOf", "%s is not a multiple of %g", v->u.str, n->mult);
		FAIL();
	}
	return ok;
}

static int has_key(const struct na_json *v, const char *key, size_t klen)
{
	for (size_t j = 0; j < v->len; j++)
		if (v->u.members[j].key_len == klen && !memcmp(v->u.members[j].key, key, klen))
			return 1;
	return 0;
}

static int validate_object(struct vctx *vc, const struct node *n, const struct na_json *v)
{
	int ok = 1;
	for (size_t i = 0; i < n->nreq; i++) {
		const struct key *k = &n->req[i];
		size_t j;
		for (j = 0; j < v->len; j++)
			if (v->u.members[j].key_len == k->klen && !memcmp(v->u.members[j].key, k->key, k->klen))
				break;
		if (j == v->len) {
			size_t old = ptr_push(vc, k->key, k->klen);
			verr(vc, n, v, "required", "required property missing");
			ptr_pop(vc, old);
			FAIL();
		}
	}
	if (n->min_props >= 0 && v->len < (size_t)n->min_props) {
		verr(vc, n, v, "minProperties", "%zu properties, at least %ld required", v->len, n->min_props);
		FAIL();
	}
	if (n->max_props >= 0 && v->len > (size_t)n->max_props) {
		verr(vc, n, v, "maxProperties", "%zu properties, at most %ld allowed", v->len, n->max_props);
		FAIL();
	}
	for (size_t d = 0; d < n->ndeps; d++) {
		const struct dep *e = &n->deps[d];
		if (!has_key(v, e->key, e->klen))
			continue;
		for (size_t i = 0; i < e->nreq; i++)
			if (!has_key(v, e->req[i].key, e->req[i].klen)) {
				size_t old = ptr_push(vc, e->req[i].key, e->req[i].klen);
				verr(vc, n, v, "dependentRequired", "required property missing (when \"%.60s\" is present)",
				     e->key);
				ptr_pop(vc, old);
				FAIL();
			}
		if (e->s && !validate(vc, e->s, v))
			FAIL();
	}
	if (n->prop_names) {
		for (size_t i = 0; i < v->len; i++) {
			const struct na_json_member *m = &v->u.members[i];
			struct na_json name = {NA_JSON_STRING, v->line, v->col, m->key_len, {.str = m->key}};
			size_t old = vc->quiet ? 0 : ptr_push(vc, m->key, m->key_len);
			int r = validate(vc, n->prop_names, &name);
			if (!vc->quiet)
				ptr_pop(vc, old);
			if (!r)
				FAIL();
		}
	}
	if (!n->nprops && !n->npprops && !n->addl)
		return ok;
	for (size_t i = 0; i < v->len; i++) {
		const struct na_json_member *m = &v->u.members[i];
		int matched = 0;
		size_t old = 0;
		int pushed = 0;
		for (size_t p = 0; p < n->nprops; p++) {
			const struct prop *pr = &n->props[p];
			if (pr->klen != m->key_len || memcmp(pr->key, m->key, m->key_len))
				continue;
			matched = 1;
			if (!vc->quiet && !pushed)
				old = ptr_push(vc, m->key, m->key_len), pushed = 1;
			if (!validate(vc, pr->s, &m->value))
				ok = 0;
			break;
		}
		for (size_t p = 0; p < n->npprops && !(vc->stop || (vc->quiet && !ok)); p++) {
			if (!na_regex_search(n->pprops[p].re, m->key, m->key_len))
				continue;
			matched = 1;
			if (!vc->quiet && !pushed)
				old = ptr_push(vc, m->key, m->key_len), pushed = 1;
			if (!validate(vc, n->pprops[p].s, &m->value))
				ok = 0;
		}
		if (!matched && n->addl && !(vc->stop || (vc->quiet && !ok))) {
			if (!vc->quiet && !pushed)
				old = ptr_push(vc, m->key, m->key_len), pushed = 1;
			if (n->addl->always == 0) {
				verr(vc, n, &m->value, "additionalProperties", "property not allowed");
				ok = 0;
			} else if (!validate(vc, n->addl, &m->value))
				ok = 0;
		}
		if (pushed)
			ptr_pop(vc, old);
		if (!ok && (vc->quiet || vc->stop))
			return 0;
	}
	return ok;
}

static int validate_array(struct vctx *vc, const struct node *n, const struct na_json *v)
{
	int ok = 1;
	if (n->min_items >= 0 && v->len < (size_t)n->min_items) {
		verr(vc, n, v, "minItems", "%zu items, at least %ld required", v->len, n->min_items);
		FAIL();
	}
	if (n->max_items >= 0 && v->len > (size_t)n->max_items) {
		verr(vc, n, v, "maxItems", "%zu items, at most %ld allowed", v->len, n->max_items);
		FAIL();
	}
	for (size_t i = 0; i < v->len; i++) {
		const struct node *s = i < n->nprefix ? n->prefix[i] : n->items;
		if (!s)
			continue;
		size_t old = vc->quiet ? 0 : ptr_push_idx(vc, i);
		int r = validate(vc, s, &v->u.items[i]);
		if (!vc->quiet)
			ptr_pop(vc, old);
		if (!r)
			FAIL();
	}
	if (n->contains) {
		size_t hits = 0;
		for (size_t i = 0; i < v->len; i++)
			hits += (size_t)try(vc, n->contains, &v->u.items[i]);
		long min = n->min_contains >= 0 ? n->min_contains : 1;
		if (hits < (size_t)min) {
			verr(vc, n, v, n->min_contains >= 0 ? "minContains" : "contains",
			     "%zu items match \"contains\", at least %ld required", hits, min);
			FAIL();
		}
		if (n->max_contains >= 0 && hits > (size_t)n->max_contains) {
			verr(vc, n, v, "maxContains", "%zu items match \"contains\", at most %ld allowed", hits,
			     n->max_contains);
			FAIL();
		}
	}
	if (n->unique && v->len > 1) {
		for (size_t i = 1; i < v->len; i++)
			for (size_t j = 0; j < i; j++)
				if (json_equal(&v->u.items[i], &v->u.items[j])) {
					verr(vc, n, v, "uniqueItems", "items %zu and %zu are equal", j, i);
					FAIL();
					goto done;
				}
	}
done:
	return ok;
}

static int validate(struct vctx *vc, const struct node *n, const struct na_json *v)
{
	if (n->always >= 0) {
		if (!n->always)
			verr(vc, n, v, "false", "no value is allowed here (schema false)");
		return n->always;
	}
	if (++vc->depth > 2000) {
		vc->depth--;
		verr(vc, n, v, "$ref", "schema recursion too deep");
		return 0;
	}
	int ok = 1;
	if (n->types && !type_ok(n->types, v)) {
		char want[96];
		type_names(n->types, want, sizeof want);
		verr(vc, n, v, "type", "expected %s, found %s", want, jtype(v));
		ok = 0;
		goto out; /* the other keywords would only repeat the type error */
	}
	switch (v->type) {
	case NA_JSON_STRING:
		if (!validate_string(vc, n, v))
			ok = 0;
		break;
	case NA_JSON_NUMBER:
		if ((n->has_min | n->has_max | n->has_xmin | n->has_xmax | n->has_mult) && !validate_number(vc, n, v))
			ok = 0;
		break;
	case NA_JSON_OBJECT:
		if (!validate_object(vc, n, v))
			ok = 0;
		break;
	case NA_JSON_ARRAY:
		if (!validate_array(vc, n, v))
			ok = 0;
		break;
	default:
		break;
	}
	if (!ok && (vc->quiet || vc->stop))
		goto out;
	if (n->enumv && n->enumv->type == NA_JSON_ARRAY) {
		size_t i;
		for (i = 0; i < n->enumv->len; i++)
			if (json_equal(v, &n->enumv->u.items[i]))
				break;
		if (i == n->enumv->len) {
			verr(vc, n, v, "enum", "not one of the %zu allowed values", n->enumv->len);
			ok = 0;
			if (vc->quiet || vc->stop)
				goto out;
		}
	}
	if (n->constv && !json_equal(v, n->constv)) {
		verr(vc, n, v, "const", "not the required constant value");
		ok = 0;
		if (vc->quiet || vc->stop)
			goto out;
	}
	if (n->ref && !validate(vc, n->ref, v)) {
		ok = 0;
		if (vc->quiet || vc->stop)
			goto out;
	}
	for (size_t i = 0; i < n->nall; i++)
		if (!validate(vc, n->all[i], v)) {
			ok = 0;
			if (vc->quiet || vc->stop)
				goto out;
		}
	if (n->nany) {
		size_t i;
		for (i = 0; i < n->nany; i++)
			if (try(vc, n->any[i], v))
				break;
		if (i == n->nany) {
			verr(vc, n, v, "anyOf", "matches none of the %zu alternatives", n->nany);
			ok = 0;
			if (vc->quiet || vc->stop)
				goto out;
		}
	}
	if (n->none) {
		size_t hits = 0;
		for (size_t i = 0; i < n->none && hits < 2; i++)
			hits += (size_t)try(vc, n->one[i], v);
		if (hits != 1) {
			if (hits)
				verr(vc, n, v, "oneOf", "matches more than one of the %zu alternatives", n->none);
			else
				verr(vc, n, v, "oneOf", "matches none of the %zu alternatives", n->none);
			ok = 0;
			if (vc->quiet || vc->stop)
				goto out;
		}
	}
	if (n->not_ && try(vc, n->not_, v)) {
		verr(vc, n, v, "not", "matches a schema it must not match");
		ok = 0;
		if (vc->quiet || vc->stop)
			goto out;
	}
	if (n->if_) {
		const struct node *branch = try(vc, n->if_, v) ? n->then_ : n->else_;
		if (branch && !validate(vc, branch, v))
			ok = 0;
	}
out:
	vc->depth--;
	return ok;
}

unsigned long na_schema_validate(const struct na_schema *s, const struct na_json *v, na_verror_cb cb, void *user,
                                 unsigned long max_errors)
{
	struct vctx vc = {cb, user, 0, max_errors, 0, 0, 0, NULL, 0, 0, {0}};
	validate(&vc, s->root, v);
	na_buf_free(&vc.ptr);
	free(vc.segs);
	return vc.count;
}
