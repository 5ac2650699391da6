/* cmd_stats.c - newsarc stats: what is in an archive, for people (text,
 * HTML) and for machines (JSON).  Works for every readable format through
 * the registry, one article in memory at a time.
 *
 * Memory: the per-value tables (formats, sources, languages, months) grow
 * with the number of DISTINCT values; duplicate ids are found with a table
 * of 64-bit id hashes (16 bytes a slot, at most 70% full: about 23 bytes per
 * distinct id, 23 MB for a million).  Two different ids with the same
 * 64-bit hash would be counted as a duplicate; with a million ids the odds
 * are about 3 in 100 million.  See docs/stats.md. */
#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "progress.h"
#include "formats/format.h"

/* ---- a string -> count table (keys in an arena) ----------------------- */

struct sent {
	const char *key;
	unsigned long count;
	unsigned long extra;    /* formats: inputs */
};

struct smap {
	struct sent *v;
	size_t n, cap;          /* cap: power of two */
	struct na_arena *arena;
};

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	/* splitmix64 finalizer: FNV's low bits alone cluster */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	h ^= h >> 31;
	return h;
}

static struct sent *smap_get(struct smap *m, const char *key)
{
	if ((m->n + 1) * 10 > m->cap * 7) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct sent *v = na_xcalloc(cap, sizeof *v);
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->v[i].key)
				continue;
			size_t j = hash_bytes(m->v[i].key, strlen(m->v[i].key)) & (cap - 1);
			while (v[j].key)
				j = (j + 1) & (cap - 1);
			v[j] = m->v[i];
		}
		free(m->v);
		m->v = v;
		m->cap = cap;
		if (!m->arena)
			m->arena = na_arena_new();
	}
	size_t len = strlen(key);
	size_t j = hash_bytes(key, len) & (m->cap - 1);
	while (m->v[j].key) {
		if (!strcmp(m->v[j].key, key))
			return &m->v[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->v[j].key = na_arena_strndup(m->arena, key, len);
	m->n++;
	return &m->v[j];
}

static int by_count(const void *a, const void *b)
{
	const struct sent *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct sent *)a)->key, ((const struct sent *)b)->key);
}

/* The entries as a compact array, sorted; the table is unusable after. */
static struct sent *smap_sorted(struct smap *m, int (*cmp)(const void *, const void *))
{
	size_t k = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->v[i].key)
			m->v[k++] = m->v[i];
	if (k)
		qsort(m->v, k, sizeof *m->v, cmp);
	return m->v;
}

static void smap_free(struct smap *m)
{
	free(m->v);
	if (m->arena)
		na_arena_free(m->arena);
}

/* ---- the id hash set -------------------------------------------------- */

struct hent {
	uint64_t h;             /* 0: empty (a real 0 hash is stored as 1) */
	unsigned long count;
};

struct dup_example {
	const char *id;
	uint64_t h;
	unsigned long count;
};

struct idset {
	struct hent *v;
	size_t n, cap;
	struct dup_example *ex; /* the first MAX_EXAMPLES ids seen twice */
	size_t nex;
	unsigned long dup_ids, dup_records;
	struct na_arena *arena;
};

enum { MAX_EXAMPLES = 100 };

static struct hent *idset_find(struct idset *s, uint64_t h)
{
	size_t j = h & (s->cap - 1);
	while (s->v[j].h && s->v[j].h != h)
		j = (j + 1) & (s->cap - 1);
	return &s->v[j];
}

static void idset_add(struct idset *s, const char *id)
{
	if ((s->n + 1) * 10 > s->cap * 7) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		struct hent *old = s->v;
		size_t oldcap = s->cap;
		s->v = na_xcalloc(cap, sizeof *s->v);
		s->cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].h)
				*idset_find(s, old[i].h) = old[i];
		free(old);
	}
	uint64_t h = hash_bytes(id, strlen(id));
	if (!h)
		h = 1;
	struct hent *e = idset_find(s, h);
	if (!e->h) {
		e->h = h;
		s->n++;
	}
	e->count++;
	if (e->count == 2) {
		s->dup_ids++;
		if (s->nex < MAX_EXAMPLES) {
			if (!s->ex) {
				s->ex = na_xcalloc(MAX_EXAMPLES, sizeof *s->ex);
				s->arena = na_arena_new();
			}
			s->ex[s->nex++] = (struct dup_example){na_arena_strdup(s->arena, id), h, 0};
		}
	}
	if (e->count >= 2)
		s->dup_records++;
}

/* ---- the collected statistics ------------------------------------------ */

struct numstat {
	unsigned long n;
	unsigned long long sum, min, max;
};

static void num_add(struct numstat *s, unsigned long long v)
{
	if (!s->n || v < s->min)
		s->min = v;
	if (!s->n || v > s->max)
		s->max = v;
	s->n++;
	s->sum += v;
}

struct stats {
	struct cli *cli;
	struct na_convert_stats st;     /* read (articles + rejected), rejected, skipped, inputs */
	unsigned long articles;
	struct smap formats, sources, languages, months;
	struct idset ids;
	unsigned long missing[NA_F__COUNT];
	unsigned long dated;
	long long first_epoch, last_epoch;
	char first[48], last[48];
	struct numstat chars, words;
	int exit;
	long long bytes_done, total;
	struct cli_progress *progress;
};

static void worsen(struct stats *s, int code)
{
	s->exit = na_exit_worse(s->exit, code);
}

static int empty(const char *s)
{
	return !s || !*s;
}

static void count_article(struct stats *s, const struct na_article *a)
{
	s->articles++;
	const char *str[NA_F__COUNT] = {
		[NA_F_ID] = a->id, [NA_F_SOURCE] = a->source, [NA_F_URL] = a->url,
		[NA_F_HEADLINE] = a->headline, [NA_F_SUBHEADLINE] = a->subheadline,
		[NA_F_DATELINE] = a->dateline, [NA_F_LANGUAGE] = a->language,
		[NA_F_PUBLISHED] = a->published.value, [NA_F_MODIFIED] = a->modified.value,
		[NA_F_SECTION] = a->section,
	};
	for (int f = 0; f < NA_F__COUNT; f++) {
		int miss;
		switch (f) {
		case NA_F_BYLINE: miss = a->byline.n == 0; break;
		case NA_F_KEYWORDS: miss = a->keywords.n == 0; break;
		case NA_F_SUBJECTS: miss = a->subjects.n == 0; break;
		case NA_F_BODY: miss = a->nbody == 0; break;
		default: miss = empty(str[f]);
		}
		if (miss)
			s->missing[f]++;
	}
	if (!empty(a->source))
		smap_get(&s->sources, a->source)->count++;
	if (!empty(a->language))
		smap_get(&s->languages, a->language)->count++;
	if (!empty(a->id))
		idset_add(&s->ids, a->id);
	const char *d = a->published.value;
	if (d && strlen(d) >= 10) {
		s->dated++;
		long long e = na_date_epoch(d);
		if (s->dated == 1 || e < s->first_epoch) {
			s->first_epoch = e;
			snprintf(s->first, sizeof s->first, "%s", d);
		}
		if (s->dated == 1 || e > s->last_epoch) {
			s->last_epoch = e;
			snprintf(s->last, sizeof s->last, "%s", d);
		}
		/* the month as published (in the article's own zone) */
		char month[8];
		memcpy(month, d, 7);
		month[7] = 0;
		smap_get(&s->months, month)->count++;
	}
	if (a->nbody) {
		unsigned long long chars = 0, words = 0;
		for (size_t i = 0; i < a->nbody; i++) {
			const char *t = a->body[i].text;
			size_t n = strlen(t);
			chars += na_utf8_length(t, n);
			int in_word = 0;
			for (size_t k = 0; k < n; k++) {
				int sp = t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r';
				if (!sp && !in_word)
					words++;
				in_word = !sp;
			}
		}
		num_add(&s->chars, chars);
		num_add(&s->words, words);
	}
}

static void progress(struct stats *s, struct na_input *in)
{
	long long here = na_input_size(in) >= 0 ? na_input_consumed(in) : 0;
	cli_progress_update(s->progress, &s->st, s->bytes_done + here, s->total);
}

static void read_input(struct stats *s, const char *path, int walked)
{
	struct na_ctx *c = &s->cli->ctx;
	struct na_input *in = na_input_open_file(c, path);
	if (!in) {
		worsen(s, NA_EXIT_IO);
		return;
	}
	s->st.inputs++;
	const struct na_format *f = s->cli->from ? na_format_find(s->cli->from) : NULL;
	if (!f) {
		int score;
		if (walked) {
			/* inside a directory walk, files nobody claims are skipped */
			size_t n;
			const unsigned char *buf = na_input_peek(in, NA_PROBE_SIZE, &n);
			int tie;
			na_format_probe_buf(path, NULL, buf, n > NA_PROBE_SIZE ? NA_PROBE_SIZE : n, &f, &score, &tie);
			if (!f || score <= NA_PROBE_GUESS) {
				if (c->verbose) {
					struct na_pos pos = {path, 0, 0, -1};
					na_report(c, NA_SEV_NOTE, &pos, NULL, "skipped: no format claims this file");
				}
				s->st.skipped++;
				s->st.inputs--;
				na_input_close(in);
				return;
			}
		} else {
			const char *why;
			f = na_format_probe(in, &score, &why);
		}
		if (!f) {
			worsen(s, NA_EXIT_FORMAT);
			na_input_close(in);
			return;
		}
	}
	if (!(na_format_caps(f) & NA_CAN_READ)) {
		struct na_pos pos = {path, 0, 0, -1};
		na_report(c, NA_SEV_ERROR, &pos, NULL, "format %s cannot be read", na_format_name(f));
		worsen(s, NA_EXIT_FORMAT);
		na_input_close(in);
		return;
	}
	struct sent *fe = smap_get(&s->formats, na_format_name(f));
	fe->extra++;
	struct na_reader *rd = na_reader_open(f, in, c);
	if (!rd) {
		worsen(s, NA_EXIT_PARSE);
		na_input_close(in);
		return;
	}
	struct na_article *a = na_article_new();
	for (;;) {
		int rc = na_reader_next(rd, a);
		if (rc == NA_EOF)
			break;
		if (rc == NA_FATAL) {
			worsen(s, NA_EXIT_PARSE);
			break;
		}
		s->st.read++;
		if (rc == NA_FAILED)
			s->st.rejected++;
		else {
			s->st.written++;
			fe->count++;
			count_article(s, a);
		}
		progress(s, in);
	}
	na_article_free(a);
	s->st.skipped += na_reader_skipped(rd);
	if (na_input_size(in) >= 0)
		s->bytes_done += na_input_size(in);
	progress(s, in);
	na_reader_close(rd);
	na_input_close(in);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(struct stats *s, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		struct na_pos pos = {dir, 0, 0, -1};
		na_report(&s->cli->ctx, NA_SEV_ERROR, &pos, NULL, "cannot open directory: %s", strerror(errno));
		worsen(s, NA_EXIT_IO);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = na_xrealloc(names, cap * sizeof *names);
		}
		names[n++] = na_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct na_buf p = {0};
		na_buf_printf(&p, "%s/%s", dir, names[i]);
		struct stat st;
		if (stat(p.p, &st) == 0 && S_ISDIR(st.st_mode))
			walk(s, p.p);
		else if (S_ISREG(st.st_mode))
			read_input(s, p.p, 1);
		na_buf_free(&p);
		free(names[i]);
	}
	free(names);
}

/* ---- the monthly histogram, gaps filled ------------------------------- */

struct month {
	char key[16];
	unsigned long count;
};

/* Months from the first to the last, empty ones included, unless the span
 * is absurd (bad dates far apart): then only the months that occur. */
static struct month *histogram(struct stats *s, size_t *nout, unsigned long *peak)
{
	size_t n = s->months.n;
	struct sent *m = smap_sorted(&s->months, by_key);
	*peak = 0;
	*nout = 0;
	if (!n)
		return NULL;
	int y0, m0, y1, m1;
	long span = -1;
	if (sscanf(m[0].key, "%4d-%2d", &y0, &m0) == 2 && sscanf(m[n - 1].key, "%4d-%2d", &y1, &m1) == 2)
		span = (long)(y1 * 12 + m1) - (y0 * 12 + m0) + 1;
	struct month *h;
	if (span > 0 && span <= 1200) {
		h = na_xcalloc((size_t)span, sizeof *h);
		for (long i = 0; i < span; i++) {
			long ym = y0 * 12 + (m0 - 1) + i;
			snprintf(h[i].key, sizeof h[i].key, "%04ld-%02ld", ym / 12 % 10000, ym % 12 + 1);
		}
		for (size_t i = 0; i < n; i++) {
			int y, mo;
			if (sscanf(m[i].key, "%4d-%2d", &y, &mo) == 2) {
				long k = (long)(y * 12 + mo) - (y0 * 12 + m0);
				if (k >= 0 && k < span)
					h[k].count += m[i].count;
			}
		}
		*nout = (size_t)span;
	} else {
		h = na_xcalloc(n, sizeof *h);
		for (size_t i = 0; i < n; i++) {
			snprintf(h[i].key, sizeof h[i].key, "%s", m[i].key);
			h[i].count = m[i].count;
		}
		*nout = n;
	}
	for (size_t i = 0; i < *nout; i++)
		if (h[i].count > *peak)
			*peak = h[i].count;
	return h;
}

/* ---- text ----------------------------------------------------------------- */

enum { TEXT_TOP = 20, HTML_TOP = 50, TEXT_EXAMPLES = 10 };

/* Names go to terminals: control characters become '?'. */
static void text_name(struct na_output *o, const char *s, int width)
{
	int cols = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			na_output_write(o, "?", 1);
		else
			na_output_write(o, p, 1);
		if ((*p & 0xc0) != 0x80)
			cols++;
	}
	for (; cols < width; cols++)
		na_output_write(o, " ", 1);
}

static double pct(unsigned long a, unsigned long b)
{
	return b ? 100.0 * (double)a / (double)b : 0;
}

static void text_counts(struct na_output *o, const struct sent *v, size_t n, unsigned long total,
                        size_t top)
{
	for (size_t i = 0; i < n && i < top; i++) {
		na_output_puts(o, "  ");
		text_name(o, v[i].key, 22);
		na_output_printf(o, " %8lu  %5.1f%%\n", v[i].count, pct(v[i].count, total));
	}
	if (n > top)
		na_output_printf(o, "  ... and %zu more\n", n - top);
}

static void write_text(struct stats *s, struct na_output *o)
{
	unsigned long A = s->articles;
	na_output_printf(o, "Records         %lu", A);
	if (s->st.rejected)
		na_output_printf(o, " (and %lu rejected)", s->st.rejected);
	na_output_printf(o, " from %lu input%s", s->st.inputs, s->st.inputs == 1 ? "" : "s");
	if (s->st.skipped)
		na_output_printf(o, ", %lu skipped (no format)", s->st.skipped);
	na_output_puts(o, "\n");

	size_t nf = s->formats.n;
	struct sent *f = smap_sorted(&s->formats, by_count);
	na_output_puts(o, "\nFormats\n");
	for (size_t i = 0; i < nf; i++) {
		na_output_puts(o, "  ");
		text_name(o, f[i].key, 22);
		na_output_printf(o, " %8lu  in %lu input%s\n", f[i].count, f[i].extra, f[i].extra == 1 ? "" : "s");
	}

	size_t ns = s->sources.n;
	struct sent *src = smap_sorted(&s->sources, by_count);
	na_output_printf(o, "\nSources (%zu distinct, %lu without)\n", ns, s->missing[NA_F_SOURCE]);
	text_counts(o, src, ns, A, TEXT_TOP);

	size_t nl = s->languages.n;
	struct sent *lang = smap_sorted(&s->languages, by_count);
	na_output_printf(o, "\nLanguages (%zu distinct, %lu without)\n", nl, s->missing[NA_F_LANGUAGE]);
	text_counts(o, lang, nl, A, TEXT_TOP);

	na_output_printf(o, "\nDates (published): %lu dated, %lu undated\n", s->dated, A - s->dated);
	if (s->dated) {
		na_output_printf(o, "  first                  %s\n  last                   %s\n", s->first, s->last);
		size_t nh;
		unsigned long peak;
		struct month *h = histogram(s, &nh, &peak);
		for (size_t i = 0; i < nh; i++) {
			int bar = peak ? (int)((h[i].count * 40 + peak - 1) / peak) : 0;
			na_output_printf(o, "  %-22s %8lu%s", h[i].key, h[i].count, bar ? "  " : "");
			for (int k = 0; k < bar; k++)
				na_output_write(o, "#", 1);
			na_output_puts(o, "\n");
		}
		free(h);
	}

	na_output_printf(o, "\nMissing fields (records without the field, of %lu)\n", A);
	for (int i = 0; i < NA_F__COUNT; i++)
		na_output_printf(o, "  %-22s %8lu  %5.1f%%\n", na_field_name((enum na_field)i), s->missing[i],
		                 pct(s->missing[i], A));

	na_output_printf(o, "\nDuplicate ids: %lu id%s seen more than once, %lu extra record%s\n",
	                 s->ids.dup_ids, s->ids.dup_ids == 1 ? "" : "s",
	                 s->ids.dup_records, s->ids.dup_records == 1 ? "" : "s");
	for (size_t i = 0; i < s->ids.nex && i < TEXT_EXAMPLES; i++) {
		na_output_puts(o, "  ");
		text_name(o, s->ids.ex[i].id, 22);
		na_output_printf(o, " %8lu times\n", s->ids.ex[i].count);
	}
	if (s->ids.dup_ids > TEXT_EXAMPLES)
		na_output_printf(o, "  ... and %lu more\n", s->ids.dup_ids - TEXT_EXAMPLES);

	na_output_printf(o, "\nBody length (%lu with a body)\n", s->chars.n);
	if (s->chars.n) {
		na_output_printf(o, "  characters             min %llu, mean %.1f, max %llu\n", s->chars.min,
		                 (double)s->chars.sum / (double)s->chars.n, s->chars.max);
		na_output_printf(o, "  words                  min %llu, mean %.1f, max %llu\n", s->words.min,
		                 (double)s->words.sum / (double)s->words.n, s->words.max);
	}
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_str(struct na_output *o, const char *s)
{
	na_json_write_string(o, s, strlen(s));
}

static void json_counts(struct na_output *o, const struct sent *v, size_t n)
{
	na_output_puts(o, "[");
	for (size_t i = 0; i < n; i++) {
		na_output_puts(o, i ? ",{\"name\":" : "{\"name\":");
		json_str(o, v[i].key);
		na_output_printf(o, ",\"count\":%lu}", v[i].count);
	}
	na_output_puts(o, "]");
}

static void json_num(struct na_output *o, const char *name, const struct numstat *n)
{
	na_output_printf(o, "\"%s\":", name);
	if (!n->n)
		na_output_puts(o, "null");
	else
		na_output_printf(o, "{\"min\":%llu,\"mean\":%.1f,\"max\":%llu}", n->min,
		                 (double)n->sum / (double)n->n, n->max);
}

static void write_json(struct stats *s, struct na_output *o)
{
	na_output_printf(o, "{\"records\":%lu,\"rejected\":%lu,\"inputs\":%lu,\"skipped\":%lu,\"formats\":[",
	                 s->articles, s->st.rejected, s->st.inputs, s->st.skipped);
	size_t nf = s->formats.n;
	struct sent *f = smap_sorted(&s->formats, by_count);
	for (size_t i = 0; i < nf; i++) {
		na_output_puts(o, i ? ",{\"name\":" : "{\"name\":");
		json_str(o, f[i].key);
		na_output_printf(o, ",\"records\":%lu,\"inputs\":%lu}", f[i].count, f[i].extra);
	}
	na_output_puts(o, "],\"sources\":");
	size_t ns = s->sources.n;
	json_counts(o, smap_sorted(&s->sources, by_count), ns);
	na_output_puts(o, ",\"languages\":");
	size_t nl = s->languages.n;
	json_counts(o, smap_sorted(&s->languages, by_count), nl);
	na_output_printf(o, ",\"dates\":{\"dated\":%lu,\"undated\":%lu,\"first\":", s->dated, s->articles - s->dated);
	if (s->dated) {
		json_str(o, s->first);
		na_output_puts(o, ",\"last\":");
		json_str(o, s->last);
	} else
		na_output_puts(o, "null,\"last\":null");
	na_output_puts(o, ",\"months\":[");
	size_t nh;
	unsigned long peak;
	struct month *h = histogram(s, &nh, &peak);
	for (size_t i = 0; i < nh; i++)
		na_output_printf(o, "%s{\"month\":\"%s\",\"count\":%lu}", i ? "," : "", h[i].key, h[i].count);
	free(h);
	na_output_puts(o, "]},\"missing\":{");
	for (int i = 0; i < NA_F__COUNT; i++)
		na_output_printf(o, "%s\"%s\":%lu", i ? "," : "", na_field_name((enum na_field)i), s->missing[i]);
	na_output_printf(o, "},\"duplicates\":{\"ids\":%lu,\"records\":%lu,\"examples\":[",
	                 s->ids.dup_ids, s->ids.dup_records);
	for (size_t i = 0; i < s->ids.nex; i++) {
		na_output_puts(o, i ? ",{\"id\":" : "{\"id\":");
		json_str(o, s->ids.ex[i].id);
		na_output_printf(o, ",\"count\":%lu}", s->ids.ex[i].count);
	}
	na_output_printf(o, "]},\"body\":{\"records\":%lu,", s->chars.n);
	json_num(o, "characters", &s->chars);
	na_output_puts(o, ",");
	json_num(o, "words", &s->words);
	na_output_puts(o, "}}\n");
}

/* ---- HTML ----------------------------------------------------------------- */

/* Everything from the data is escaped; C0 controls (parse errors in HTML)
 * become U+FFFD. */
static void html_esc(struct na_output *o, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': na_output_puts(o, "&amp;"); break;
		case '<': na_output_puts(o, "&lt;"); break;
		case '>': na_output_puts(o, "&gt;"); break;
		case '"': na_output_puts(o, "&quot;"); break;
		case '\'': na_output_puts(o, "&#39;"); break;
		default:
			if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
				na_output_puts(o, "&#xFFFD;");
			else
				na_output_write(o, p, 1);
		}
	}
}

static void html_counts(struct na_output *o, const char *id, const char *title, const struct sent *v,
                        size_t n, unsigned long total, unsigned long without)
{
	na_output_printf(o, "<section id=\"%s\"><h2>%s <small>%zu distinct, %lu records without</small></h2>\n",
	                 id, title, n, without);
	if (!n) {
		na_output_puts(o, "<p class=\"none\">none</p></section>\n");
		return;
	}
	na_output_puts(o, "<table><thead><tr><th>name</th><th class=\"n\">records</th><th class=\"n\">share</th>"
	                  "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n && i < HTML_TOP; i++) {
		na_output_puts(o, "<tr><td>");
		html_esc(o, v[i].key);
		na_output_printf(o, "</td><td class=\"n\">%lu</td><td class=\"n\">%.1f%%</td></tr>\n", v[i].count,
		                 pct(v[i].count, total));
	}
	if (n > HTML_TOP)
		na_output_printf(o, "<tr><td colspan=\"3\">&hellip; and %zu more</td></tr>\n", n - HTML_TOP);
	na_output_puts(o, "</tbody></table></section>\n");
}

static void html_chart(struct na_output *o, const struct month *h, size_t n, unsigned long peak)
{
	/* bar widths fit 960 px; labels every k-th month so they never overlap */
	const int left = 56, top = 12, plot_h = 220, bottom = 48;
	double bw = n ? 960.0 / (double)n : 0;
	if (bw > 48)
		bw = 48;
	int plot_w = (int)(bw * (double)n + 0.5);
	int width = left + plot_w + 16, height = top + plot_h + bottom;
	size_t every = 1;
	while (bw * (double)every < 56)
		every++;
	na_output_printf(o, "<svg id=\"months-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	                    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	                    "aria-label=\"Articles per month\">\n",
	                 width, height, width, height);
	/* y axis: 0, half, peak */
	for (int k = 0; k <= 2; k++) {
		unsigned long v = peak * (unsigned long)k / 2;
		double y = top + plot_h - (peak ? (double)plot_h * (double)v / (double)peak : 0);
		na_output_printf(o, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
		                    "<text class=\"ylab\" x=\"%d\" y=\"%.1f\">%lu</text>\n",
		                 left, left + plot_w, y, y, left - 6, y + 4, v);
	}
	for (size_t i = 0; i < n; i++) {
		double bh = peak ? (double)plot_h * (double)h[i].count / (double)peak : 0;
		double x = left + bw * (double)i;
		na_output_printf(o, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
		                    "<title>%s: %lu</title></rect>\n",
		                 x + (bw > 6 ? 1 : 0), top + plot_h - bh, bw > 6 ? bw - 2 : bw, bh, h[i].key,
		                 h[i].count);
		if (i % every == 0)
			na_output_printf(o, "<text class=\"xlab\" x=\"%.1f\" y=\"%d\">%s</text>\n", x + bw / 2,
			                 top + plot_h + 18, h[i].key);
	}
	na_output_printf(o, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>\n</svg>\n", left,
	                 left + plot_w, top + plot_h, top + plot_h);
}

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	/* no script, no fetch: the report stands alone and cannot run anything
	 * that slipped into the data */
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
	"img-src data:\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>newsarc stats</title>\n<style>\n"
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:1060px;"
	"padding:0 1em;color:#1d2327;background:#fff}\n"
	"h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #dde}\n"
	"h2 small{font-weight:normal;color:#667;font-size:.8em}\n"
	".totals{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}\n"
	".totals div{background:#f3f5f9;border-radius:6px;padding:.6em 1em;min-width:8em}\n"
	".totals b{display:block;font-size:1.6em}\n"
	"table{border-collapse:collapse;min-width:24em}td,th{padding:.2em .8em;border-bottom:1px solid #eef;"
	"text-align:left}\n.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"svg .bar{fill:#3b6fb6}svg .bar:hover{fill:#e07b20}svg .grid{stroke:#e3e6ee}svg .axis{stroke:#556}\n"
	"svg text{font:11px system-ui,sans-serif;fill:#445}svg .ylab{text-anchor:end}svg .xlab{text-anchor:middle}\n"
	".none{color:#778}\n"
	"</style>\n</head>\n<body>\n";

static void write_html(struct stats *s, struct na_output *o)
{
	unsigned long A = s->articles;
	na_output_puts(o, html_head);
	na_output_puts(o, "<h1>newsarc stats</h1>\n<div class=\"totals\">\n");
	na_output_printf(o, "<div id=\"total-records\"><b>%lu</b>records</div>\n", A);
	na_output_printf(o, "<div id=\"total-rejected\"><b>%lu</b>rejected</div>\n", s->st.rejected);
	na_output_printf(o, "<div id=\"total-inputs\"><b>%lu</b>inputs</div>\n", s->st.inputs);
	na_output_printf(o, "<div id=\"total-sources\"><b>%zu</b>sources</div>\n", s->sources.n);
	na_output_printf(o, "<div id=\"total-duplicates\"><b>%lu</b>duplicate ids</div>\n</div>\n", s->ids.dup_ids);

	na_output_puts(o, "<section id=\"formats\"><h2>Formats</h2>\n<table><thead><tr><th>format</th>"
	                  "<th class=\"n\">records</th><th class=\"n\">inputs</th></tr></thead><tbody>\n");
	size_t nf = s->formats.n;
	struct sent *f = smap_sorted(&s->formats, by_count);
	for (size_t i = 0; i < nf; i++) {
		na_output_puts(o, "<tr><td>");
		html_esc(o, f[i].key);
		na_output_printf(o, "</td><td class=\"n\">%lu</td><td class=\"n\">%lu</td></tr>\n", f[i].count, f[i].extra);
	}
	na_output_puts(o, "</tbody></table></section>\n");

	na_output_printf(o, "<section id=\"dates\"><h2>Articles per month <small>%lu dated, %lu undated",
	                 s->dated, A - s->dated);
	if (s->dated) {
		na_output_puts(o, "; first ");
		html_esc(o, s->first);
		na_output_puts(o, ", last ");
		html_esc(o, s->last);
	}
	na_output_puts(o, "</small></h2>\n");
	size_t nh;
	unsigned long peak;
	struct month *h = histogram(s, &nh, &peak);
	if (nh)
		html_chart(o, h, nh, peak);
	else
		na_output_puts(o, "<p class=\"none\">no dated articles</p>\n");
	free(h);
	na_output_puts(o, "</section>\n");

	size_t ns = s->sources.n, nl = s->languages.n;
	html_counts(o, "sources", "Sources", smap_sorted(&s->sources, by_count), ns, A, s->missing[NA_F_SOURCE]);
	html_counts(o, "languages", "Languages", smap_sorted(&s->languages, by_count), nl, A,
	            s->missing[NA_F_LANGUAGE]);

	na_output_printf(o, "<section id=\"missing\"><h2>Missing fields <small>records without the field, of %lu"
	                    "</small></h2>\n<table><thead><tr><th>field</th><th class=\"n\">records</th>"
	                    "<th class=\"n\">share</th></tr></thead><tbody>\n", A);
	for (int i = 0; i < NA_F__COUNT; i++)
		na_output_printf(o, "<tr><td>%s</td><td class=\"n\">%lu</td><td class=\"n\">%.1f%%</td></tr>\n",
		                 na_field_name((enum na_field)i), s->missing[i], pct(s->missing[i], A));
	na_output_puts(o, "</tbody></table></section>\n");

	na_output_printf(o, "<section id=\"duplicates\"><h2>Duplicate ids <small>%lu ids seen more than once, "
	                    "%lu extra records</small></h2>\n", s->ids.dup_ids, s->ids.dup_records);
	if (s->ids.nex) {
		na_output_puts(o, "<table><thead><tr><th>id</th><th class=\"n\">times</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < s->ids.nex; i++) {
			na_output_puts(o, "<tr><td>");
			html_esc(o, s->ids.ex[i].id);
			na_output_printf(o, "</td><td class=\"n\">%lu</td></tr>\n", s->ids.ex[i].count);
		}
		na_output_puts(o, "</tbody></table>\n");
	}
	na_output_puts(o, "</section>\n");

	na_output_printf(o, "<section id=\"body\"><h2>Body length <small>%lu records with a body</small></h2>\n",
	                 s->chars.n);
	if (s->chars.n)
		na_output_printf(o, "<table><thead><tr><th></th><th class=\"n\">min</th><th class=\"n\">mean</th>"
		                    "<th class=\"n\">max</th></tr></thead><tbody>\n"
		                    "<tr><td>characters</td><td class=\"n\">%llu</td><td class=\"n\">%.1f</td>"
		                    "<td class=\"n\">%llu</td></tr>\n"
		                    "<tr><td>words</td><td class=\"n\">%llu</td><td class=\"n\">%.1f</td>"
		                    "<td class=\"n\">%llu</td></tr>\n</tbody></table>\n",
		                 s->chars.min, (double)s->chars.sum / (double)s->chars.n, s->chars.max,
		                 s->words.min, (double)s->words.sum / (double)s->words.n, s->words.max);
	na_output_printf(o, "</section>\n<footer><p><small>newsarc %s</small></p></footer>\n</body>\n</html>\n",
	                 NA_VERSION);
}

/* ---- the command ---------------------------------------------------------- */

static void fill_example_counts(struct idset *ids)
{
	for (size_t i = 0; i < ids->nex; i++)
		ids->ex[i].count = idset_find(ids, ids->ex[i].h)->count;
	/* most repeated first, then by id */
	for (size_t i = 1; i < ids->nex; i++)
		for (size_t j = i; j > 0; j--) {
			struct dup_example *a = &ids->ex[j - 1], *b = &ids->ex[j];
			if (a->count > b->count || (a->count == b->count && strcmp(a->id, b->id) <= 0))
				break;
			struct dup_example t = *a;
			*a = *b;
			*b = t;
		}
}

struct stats_opts {
	const char *format, *output;
};

static int stats_opt(void *u, int opt, const char *arg)
{
	struct stats_opts *o = u;
	if (opt == 'F')
		o->format = arg;
	else if (opt == 'o')
		o->output = arg;
	else
		return 1;
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{"format", required_argument, NULL, 'F'},
		{"output", required_argument, NULL, 'o'},
		{0, 0, 0, 0},
	};
	struct cli c;
	cli_init(&c, "newsarc stats");
	struct stats_opts so = {0};
	int rc = cli_parse(&c, argc, argv, CLI_COMMON_SHORT "F:o:", longopts, stats_opt, &so);
	if (rc)
		return rc;
	const char *format = so.format, *output = so.output;
	if (!format) {
		/* from -o's extension, else text */
		format = "text";
		if (output && na_has_suffix_ci(output, ".json"))
			format = "json";
		else if (output && (na_has_suffix_ci(output, ".html") || na_has_suffix_ci(output, ".htm")))
			format = "html";
	}
	void (*writer)(struct stats *, struct na_output *) =
		!strcmp(format, "text") ? write_text : !strcmp(format, "json") ? write_json :
		!strcmp(format, "html") ? write_html : NULL;
	if (!writer) {
		rc = cli_usage_error(&c, "--format must be text, json or html, not '%s'", format);
		cli_free(&c);
		return rc;
	}
	if (c.from) {
		const struct na_format *f = na_format_find(c.from);
		if (!(na_format_caps(f) & NA_CAN_READ)) {
			fprintf(stderr, "%s: format %s cannot be read\n", c.prog, na_format_name(f));
			cli_free(&c);
			return NA_EXIT_FORMAT;
		}
	}
	cli_signals();
	struct cli_progress prog;
	cli_progress_start(&prog, &c);
	struct stats s;
	memset(&s, 0, sizeof s);
	s.cli = &c;
	s.progress = &prog;
	char **inputs = argv + optind;
	size_t ninputs = (size_t)(argc - optind);
	static char *stdin_only[] = {"-"};
	if (!ninputs) {
		inputs = stdin_only;
		ninputs = 1;
	}
	for (size_t i = 0; i < ninputs && s.total >= 0; i++) {
		struct stat sb;
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) == 0 && S_ISREG(sb.st_mode))
			s.total += sb.st_size;
		else
			s.total = -1;
	}
	for (size_t i = 0; i < ninputs; i++) {
		struct stat sb;
		if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			walk(&s, inputs[i]);
		else
			read_input(&s, inputs[i], 0);
	}
	cli_progress_stop(&prog);
	fill_example_counts(&s.ids);
	/* the report is written even when some input failed: it says what was read */
	struct na_output *o = na_output_open_file(&c.ctx, output);
	if (!o)
		worsen(&s, NA_EXIT_IO);
	else {
		writer(&s, o);
		if (na_output_commit(o) != NA_OK)
			worsen(&s, NA_EXIT_IO);
	}
	smap_free(&s.formats);
	smap_free(&s.sources);
	smap_free(&s.languages);
	smap_free(&s.months);
	free(s.ids.v);
	free(s.ids.ex);
	if (s.ids.arena)
		na_arena_free(s.ids.arena);
	cli_free(&c);
	return s.exit;
}

const struct na_cmd na_cmd_stats = {
	.name = "stats",
	.summary = "count what an archive holds (text, JSON or HTML report)",
	.usage =
		"usage: newsarc stats [OPTIONS] [INPUT...]\n\n"
		"Read articles from every INPUT (any readable format; directories walked in\n"
		"sorted order; '-' or none: standard input) and report: records per input\n"
		"format, sources, languages, the published date range with a per-month\n"
		"histogram, records missing each field, duplicate ids and body lengths.\n\n"
		"  -F, --format FMT      text (default), json, or html (a standalone page\n"
		"                        with an SVG chart); default from -o's extension\n"
		"  -o, --output FILE     write the report to FILE, atomically ('-': stdout)\n"
		CLI_COMMON_HELP
		"\nRejected records are counted and reported but do not change the exit\n"
		"status; an unreadable input does (the report is still written).\n"
		"SIGUSR1 prints the current status; on a terminal a progress line is drawn.\n",
	.run = run,
};
