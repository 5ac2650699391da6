/* validator.c - one article through the schema and the checks a schema
 * cannot express (they need the whole run, the clock, or two fields):
 *   duplicate-id               an id seen before in this run;
 *   modified-before-published  modified earlier than published (dates
 *                              without a time compare by day);
 *   future-date                published or modified later than now plus a
 *                              tolerance (default one day: time zones and
 *                              embargoed copy);
 *   empty-paragraph            a body block with no text;
 *   headline-is-site-name      the headline is the source's name or the
 *                              URL's host: a scraper took the <title> of the
 *                              site instead of the article's.
 * Each is on by default and switchable (newsarc validate --no-check NAME). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "validate/validate.h"

static const char *const check_names[NA_CHECK__COUNT] = {
	"duplicate-id", "modified-before-published", "future-date", "empty-paragraph", "headline-is-site-name"};

const char *na_check_name(enum na_check k) { return check_names[k]; }

int na_check_from_name(const char *s, enum na_check *out)
{
	for (int i = 0; i < NA_CHECK__COUNT; i++)
		if (!strcmp(s, check_names[i])) {
			*out = (enum na_check)i;
			return 0;
		}
	return -1;
}

/* The id table is the one thing validate keeps per record, and with many
 * records it outgrows the caches: a slot keeps the id's hash so a probe
 * rarely follows the id pointer, and ids live in an arena, not one malloc
 * each. */
struct seen {
	const char *id;         /* NULL: empty slot */
	uint32_t h;             /* the hash's high half (the low half picks the slot) */
	uint32_t file;          /* index in files, + 1; 0: none */
	long line;
};

struct na_validator {
	struct na_schema *schema;
	int shared;             /* the schema belongs to another validator */
	int on[NA_CHECK__COUNT];
	long long now, tolerance;
	struct na_arena *scratch;
	struct seen *ids;
	size_t nids, capids;
	struct na_arena *idtext;
	char **files;           /* interned file names */
	size_t nfiles;
	/* per call */
	const struct na_article *a;
	na_violation_cb cb;
	void *user;
	unsigned long count;
};

struct na_validator *na_validator_new(struct na_schema *schema)
{
	struct na_validator *v = na_xcalloc(1, sizeof *v);
	v->schema = schema;
	for (int i = 0; i < NA_CHECK__COUNT; i++)
		v->on[i] = 1;
	v->now = (long long)time(NULL);
	v->tolerance = 86400;
	v->scratch = na_arena_new();
	v->idtext = na_arena_new();
	return v;
}

struct na_validator *na_validator_new_shared(const struct na_validator *owner)
{
	struct na_validator *v = na_validator_new(owner->schema);
	v->shared = 1;
	memcpy(v->on, owner->on, sizeof v->on);
	v->now = owner->now;
	v->tolerance = owner->tolerance;
	return v;
}

void na_validator_free(struct na_validator *v)
{
	if (!v)
		return;
	if (!v->shared)
		na_schema_free(v->schema);
	na_arena_free(v->scratch);
	na_arena_free(v->idtext);
	free(v->ids);
	for (size_t i = 0; i < v->nfiles; i++)
		free(v->files[i]);
	free(v->files);
	na_regex_release_scratch();
	free(v);
}

void na_validator_set_check(struct na_validator *v, enum na_check k, int on) { v->on[k] = on; }

void na_validator_set_future(struct na_validator *v, long long now, long long tolerance)
{
	v->now = now;
	v->tolerance = tolerance;
}

static void violation(struct na_validator *v, const struct na_pos *pos, const char *pointer, const char *rule,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void violation(struct na_validator *v, const struct na_pos *pos, const char *pointer, const char *rule,
                      const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct na_violation x = {*pos, pointer, rule, msg};
	v->count++;
	if (v->cb)
		v->cb(v->user, &x);
}

static struct na_pos field_pos(const struct na_article *a, enum na_field f)
{
	return a->fpos[f].line > 0 ? a->fpos[f] : a->pos;
}

static void on_schema_error(void *user, const struct na_verror *e)
{
	struct na_validator *v = user;
	struct na_pos pos = v->a->pos;
	if (e->where && e->where->line > 0) {
		pos.line = e->where->line;
		pos.col = e->where->col;
	}
	violation(v, &pos, e->pointer, e->keyword, "%s", e->message);
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	/* FNV's low bits see only the low bits of each byte ("id-0017" and
	 * "id-0027" collide in a small table): mix the high bits down */
	h ^= h >> 32;
	h *= 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 29);
}

static uint32_t intern(struct na_validator *v, const char *file)
{
	if (!file)
		return 0;
	if (v->nfiles && !strcmp(v->files[v->nfiles - 1], file))
		return (uint32_t)v->nfiles;
	v->files = na_xrealloc(v->files, (v->nfiles + 1) * sizeof *v->files);
	v->files[v->nfiles++] = na_xstrdup(file);
	return (uint32_t)v->nfiles;
}

static void check_duplicate(struct na_validator *v, const struct na_article *a)
{
	if (!a->id || !*a->id)
		return;
	if (v->nids * 2 >= v->capids) {
		size_t cap = v->capids ? v->capids * 2 : 1024;
		struct seen *t = na_xcalloc(cap, sizeof *t);
		for (size_t i = 0; i < v->capids; i++) {
			if (!v->ids[i].id)
				continue;
			size_t k = (hash(v->ids[i].id) & (cap - 1));
			while (t[k].id)
				k = (k + 1) & (cap - 1);
			t[k] = v->ids[i];
		}
		free(v->ids);
		v->ids = t;
		v->capids = cap;
	}
	uint64_t h = hash(a->id);
	uint32_t hi = (uint32_t)(h >> 32);
	size_t k = h & (v->capids - 1);
	for (; v->ids[k].id; k = (k + 1) & (v->capids - 1)) {
		const struct seen *s = &v->ids[k];
		if (s->h != hi || strcmp(s->id, a->id))
			continue;
		struct na_pos pos = field_pos(a, NA_F_ID);
		const char *file = s->file ? v->files[s->file - 1] : NULL;
		if (file && a->pos.file && strcmp(file, a->pos.file))
			violation(v, &pos, "/id", "duplicate-id", "duplicate id \"%.100s\" (first at %s:%ld)", a->id, file,
			          s->line);
		else
			violation(v, &pos, "/id", "duplicate-id", "duplicate id \"%.100s\" (first at line %ld)", a->id,
			          s->line);
		return;
	}
	v->ids[k] = (struct seen){na_arena_strdup(v->idtext, a->id), hi, intern(v, a->pos.file), a->pos.line};
	v->nids++;
}

static void check_dates(struct na_validator *v, const struct na_article *a)
{
	const struct na_date *p = &a->published, *m = &a->modified;
	if (v->on[NA_CHECK_MODIFIED_BEFORE_PUBLISHED] && p->value && m->value) {
		int earlier;
		if ((p->flags | m->flags) & NA_DATE_NO_TIME)
			earlier = strncmp(m->value, p->value, 10) < 0;
		else
			earlier = na_date_epoch(m->value) < na_date_epoch(p->value);
		if (earlier) {
			struct na_pos pos = field_pos(a, NA_F_MODIFIED);
			violation(v, &pos, "/modified", "modified-before-published", "modified %s is earlier than published %s",
			          m->value, p->value);
		}
	}
	if (v->on[NA_CHECK_FUTURE_DATE]) {
		const struct na_date *d[2] = {p, m};
		static const char *const ptr[2] = {"/published", "/modified"};
		static const enum na_field f[2] = {NA_F_PUBLISHED, NA_F_MODIFIED};
		for (int i = 0; i < 2; i++)
			if (d[i]->value && na_date_epoch(d[i]->value) > v->now + v->tolerance) {
				struct na_pos pos = field_pos(a, f[i]);
				violation(v, &pos, ptr[i], "future-date", "%s is in the future", d[i]->value);
			}
	}
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* Case- and space-insensitive comparison of two names. */
static int same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a && isspace((unsigned char)*a))
			a++;
		while (*b && isspace((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++, b++;
	}
}

static void check_headline(struct na_validator *v, const struct na_article *a)
{
	if (!a->headline || !*a->headline)
		return;
	const char *site = NULL;
	if (a->source && same_name(a->headline, a->source))
		site = a->source;
	char host[256];
	if (!site && a->url) {
		const char *p = strstr(a->url, "://");
		if (p) {
			p += 3;
			size_t n = strcspn(p, "/:?#");
			if (n < sizeof host) {
				memcpy(host, p, n);
				host[n] = 0;
				const char *h = !strncasecmp(host, "www.", 4) ? host + 4 : host;
				if (*h && (same_name(a->headline, h) || same_name(a->headline, host)))
					site = host;
			}
		}
	}
	if (site) {
		struct na_pos pos = field_pos(a, NA_F_HEADLINE);
		violation(v, &pos, "/headline", "headline-is-site-name", "headline \"%.100s\" is the site's name",
		          a->headline);
	}
}

static void begin(struct na_validator *v, const struct na_article *a, na_violation_cb cb, void *user)
{
	v->a = a;
	v->cb = cb;
	v->user = user;
	v->count = 0;
}

unsigned long na_validator_check_record(struct na_validator *v, const struct na_article *a, na_violation_cb cb,
                                        void *user)
{
	begin(v, a, cb, user);
	na_arena_reset(v->scratch);
	if (v->schema) {
		struct na_json *rec = na_article_record(v->scratch, a);
		na_schema_validate(v->schema, rec, on_schema_error, v, 0);
	}
	check_dates(v, a);
	if (v->on[NA_CHECK_EMPTY_PARAGRAPH])
		for (size_t i = 0; i < a->nbody; i++)
			if (blank(a->body[i].text)) {
				struct na_pos pos = field_pos(a, NA_F_BODY);
				char ptr[48];
				snprintf(ptr, sizeof ptr, "/body/%zu/text", i);
				violation(v, &pos, ptr, "empty-paragraph", "empty %s block",
				          na_block_type_name(a->body[i].type));
			}
	if (v->on[NA_CHECK_HEADLINE_IS_SITE_NAME])
		check_headline(v, a);
	return v->count;
}

unsigned long na_validator_check_ids(struct na_validator *v, const struct na_article *a, na_violation_cb cb,
                                     void *user)
{
	begin(v, a, cb, user);
	if (v->on[NA_CHECK_DUPLICATE_ID])
		check_duplicate(v, a);
	return v->count;
}

unsigned long na_validator_check(struct na_validator *v, const struct na_article *a, na_violation_cb cb,
                                 void *user)
{
	unsigned long n = na_validator_check_record(v, a, cb, user);
	return n + na_validator_check_ids(v, a, cb, user);
}

struct hook { struct na_ctx *c; };

static void report_violation(void *user, const struct na_violation *x)
{
	struct hook *h = user;
	na_report_rule(h->c, NA_SEV_ERROR, &x->pos, *x->pointer ? x->pointer : "/", x->rule, "%s", x->message);
}

int na_validator_convert_check(void *validator, struct na_ctx *c, const struct na_article *a)
{
	struct hook h = {c};
	return na_validator_check(validator, a, report_violation, &h) != 0;
}
