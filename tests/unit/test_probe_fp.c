/* test_probe_fp.c - probe false positives (FFmpeg's probetest, issue 9):
 * random buffers, and every other format's fixtures from ../shared/corpus,
 * must score low (<= NA_PROBE_GUESS) on each content probe, and with the
 * file name the fixture's own format must win outright.  Formats come from
 * the registry, so each new format is checked against all the others; a
 * corpus folder whose format is not registered yet is skipped. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "test.h"
#include "formats/format.h"

static int score_of(const struct na_format *f, const unsigned char *buf, size_t len, const char *name)
{
	unsigned char *pad = calloc(1, len + NA_PROBE_PADDING);
	memcpy(pad, buf, len);
	struct na_probe p = {pad, len, name, NULL};
	int s = f->probe ? f->probe(&p) : na_probe_ext_score(f, &p);
	free(pad);
	return s;
}

static unsigned long long rng = 88172645463325252ull;
static unsigned next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)rng;
}

DEFINE_TEST(test_probe_random_buffers)
{
	static unsigned char buf[NA_PROBE_SIZE];
	int bad = 0;
	for (int round = 0; round < 3000; round++) {
		size_t len = next() % (round < 1000 ? 64 : sizeof buf);
		int kind = round % 4;
		for (size_t i = 0; i < len; i++) {
			unsigned r = next();
			if (kind == 0)
				buf[i] = (unsigned char)r;                     /* bytes */
			else if (kind == 1)
				buf[i] = (unsigned char)(32 + r % 95);         /* printable ASCII */
			else if (kind == 2)
				buf[i] = (unsigned char)(r % 7 == 0 ? '\n' : 'a' + r % 26); /* text lines */
			else
				buf[i] = (unsigned char)r;
		}
		if (kind == 3) {
			/* random bytes behind an opening many formats share (a
			 * format's own magic, "<rss" or "PK\3\4", may score high) */
			static const char *const heads[] = {"<", "<?xml version=\"1.0\"?>\n<", "{", "[", "{\"", "\xef\xbb\xbf<"};
			const char *h = heads[next() % NA_ARRAY_SIZE(heads)];
			size_t hl = strlen(h);
			if (hl <= len)
				memcpy(buf, h, hl);
		}
		size_t it = 0;
		const struct na_format *f;
		while ((f = na_format_iterate(&it))) {
			if (!f->probe)
				continue;
			int s = score_of(f, buf, len, NULL);
			if (s > NA_PROBE_GUESS && bad++ < 10)
				test_fail(__FILE__, __LINE__, "probe %s scores %d on random buffer (round %d, kind %d, %zu bytes)",
				          f->name, s, round, kind, len);
		}
	}
	assert_int(bad, 0);
}

/* corpus folder -> formats one of which must win; "parents" are generic
 * formats that can read the file too (json/jsonl read any JSON object, rss
 * reads WXR, which is RSS 2.0) and may score, but must lose; every other
 * format's content probe must score low */
static const struct {
	const char *folder, *formats, *parents, *suffix;
} fixtures[] = {
	{"atom", "atom", "", NULL},
	{"feed-encoding", "rss,atom", "", NULL},
	{"html", "html", "", ".html"},
	{"aeb-dev/html", "html", "", ".html"},
	{"meta-dev/html", "html", "", ".html"},
	{"jsonfeed", "jsonfeed", "json,jsonl", NULL},
	{"jsonl", "jsonl", "json", NULL},
	{"newsml1", "newsml1", "", NULL},
	{"newsml", "newsml", "", NULL},
	{"ninjs", "ninjs", "json,jsonl", NULL},
	{"nitf", "nitf", "", NULL},
	{"rss", "rss", "", NULL},
	{"warc", "warc", "", NULL},
	{"wxr", "wxr", "rss", NULL},
};

static int checked, failed;

static void check_file(const char *path, const char *formats, const char *parents)
{
	struct na_ctx ctx;
	na_ctx_init(&ctx);
	struct na_input *in = na_input_open_file(&ctx, path);
	if (!in)
		return;
	size_t n;
	const unsigned char *buf = na_input_peek(in, NA_PROBE_SIZE, &n);
	if (n > NA_PROBE_SIZE)
		n = NA_PROBE_SIZE;
	char line[1024];
	size_t used = 0;
	line[0] = 0;
	int own_best = 0, other_best = 0, bad = 0;
	const char *other_name = "";
	size_t it = 0;
	const struct na_format *f;
	while ((f = na_format_iterate(&it))) {
		if (!(na_format_caps(f) & NA_CAN_READ))
			continue;
		int mine = na_list_has(formats, f->name, strlen(f->name));
		int content = f->probe ? score_of(f, buf, n, NULL) : 0;
		int named = score_of(f, buf, n, path);
		if (used < sizeof line - 40)
			used += (size_t)snprintf(line + used, sizeof line - used, " %s=%d/%d", f->name, content, named);
		if (mine) {
			if (named > own_best)
				own_best = named;
		} else {
			if (content > NA_PROBE_GUESS && !na_list_has(parents, f->name, strlen(f->name)))
				bad = 1;
			if (named > other_best) {
				other_best = named;
				other_name = f->name;
			}
		}
	}
	checked++;
	if (bad || own_best <= other_best) {
		failed++;
		test_fail(__FILE__, __LINE__, "%s (%s): %s; scores content/named:%s", path, formats,
		          bad ? "another format's content probe scores above 25" : "does not win", line);
		(void)other_name;
	}
	na_input_close(in);
}

static void walk(const char *dir, const char *formats, const char *parents, const char *suffix)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md") || !strcmp(e->d_name, "LICENSE"))
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(path, formats, parents, suffix);
		else if (!suffix || na_has_suffix_ci(path, suffix))
			check_file(path, formats, parents);
	}
	closedir(d);
}

DEFINE_TEST(test_probe_fixtures_of_other_formats)
{
	if (!test_shared) {
		test_skip("../shared is absent");
		return;
	}
	int skipped = 0;
	for (size_t i = 0; i < NA_ARRAY_SIZE(fixtures); i++) {
		/* every listed format must be registered, else the folder waits */
		const char *p = fixtures[i].formats;
		int all = 1;
		while (*p) {
			size_t k = strcspn(p, ",");
			char name[32];
			snprintf(name, sizeof name, "%.*s", (int)k, p);
			if (!na_format_find(name))
				all = 0;
			p += k + (p[k] == ',');
		}
		if (!all) {
			skipped++;
			continue;
		}
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/corpus/%s", test_shared, fixtures[i].folder);
		walk(dir, fixtures[i].formats, fixtures[i].parents, fixtures[i].suffix);
	}
	assert_true(checked > 0);
	assert_int(failed, 0);
}
