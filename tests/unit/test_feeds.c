/* Feeds (issue 8): probe scores over the whole shared corpus, the transport
 * charset overriding the XML declaration, truncated feeds, identifiers. */
#include <dirent.h>
#include <stdlib.h>
#include "test.h"
#include "formats/format.h"
#include "formats/feed/feed.h"

static size_t read_head(const char *path, unsigned char *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, cap, f);
	fclose(f);
	return n;
}

static int score_of(const char *name, const char *path, const unsigned char *buf, size_t n)
{
	const struct na_format *f = na_format_find(name);
	struct na_probe p = {buf, n, path, NULL};
	return f && f->probe ? f->probe(&p) : -1;
}

/* expected winner of each folder; NULL: not a feed, every feed format <= 25 */
static const char *expected(const char *dir)
{
	static const char *const map[][2] = {{"rss", "rss"}, {"atom", "atom"}, {"jsonfeed", "jsonfeed"},
	                                     {"wxr", "wxr"}, {"feed-encoding", "rss"}, {"ninjs", "ninjs"},
	                                     {"examples", "ninjs"}};
	for (size_t i = 0; i < NA_ARRAY_SIZE(map); i++)
		if (!strcmp(dir, map[i][0]))
			return map[i][1];
	return NULL;
}

static const char *const feed_formats[] = {"rss", "atom", "jsonfeed", "wxr", "ninjs"};

static int probe_dir(const char *path, const char *dir, int depth)
{
	DIR *d = opendir(path);
	if (!d)
		return 0;
	int files = 0;
	struct dirent *e;
	static unsigned char buf[NA_PROBE_SIZE + NA_PROBE_PADDING];
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md"))
			continue;
		char full[1024];
		snprintf(full, sizeof full, "%s/%s", path, e->d_name);
		if (e->d_type == DT_DIR) {
			if (depth < 2)
				files += probe_dir(full, depth ? dir : e->d_name, depth + 1);
			continue;
		}
		memset(buf, 0, sizeof buf);
		size_t n = read_head(full, buf, NA_PROBE_SIZE);
		if (n >= 2 && buf[0] == 0x1f && buf[1] == 0x8b)
			continue; /* gzip: the probe sees the decoded bytes, not these */
		files++;
		const char *want = expected(dir);
		const struct na_format *best = NULL;
		int best_score = 0, tie = 0;
		na_format_probe_buf(full, NULL, buf, n, &best, &best_score, &tie);
		if (want) {
			int s = score_of(want, full, buf, n);
			if (s != 100 || !best || strcmp(na_format_name(best), want) || tie)
				test_fail(__FILE__, __LINE__, "%s: %s scores %d; best %s (%d)%s", full, want, s,
				          best ? na_format_name(best) : "none", best_score, tie ? ", tie" : "");
		} else
			for (size_t k = 0; k < NA_ARRAY_SIZE(feed_formats); k++) {
				int s = score_of(feed_formats[k], full, buf, n);
				if (s > NA_PROBE_GUESS)
					test_fail(__FILE__, __LINE__, "%s: %s scores %d on a file of another format", full,
					          feed_formats[k], s);
			}
	}
	closedir(d);
	return files;
}

DEFINE_TEST(test_feed_probes)
{
	if (!test_shared) {
		test_skip("../shared absent");
		return;
	}
	char path[512];
	snprintf(path, sizeof path, "%s/corpus", test_shared);
	int n = probe_dir(path, "", 0);
	snprintf(path, sizeof path, "%s/reference/ninjs/examples", test_shared);
	n += probe_dir(path, "examples", 1);
	assert_true(n > 300);
	/* a WXR export: wxr 100 beats rss 90 */
	const char *wxr = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>";
	assert_int(score_of("wxr", NULL, (const unsigned char *)wxr, strlen(wxr)), 100);
	assert_int(score_of("rss", NULL, (const unsigned char *)wxr, strlen(wxr)), 90);
	/* an article record is not ninjs; a ninjs object beats json's 40 */
	const char *rec = "{\"id\":\"a\",\"headline\":\"x\",\"body\":[{\"type\":\"p\",\"text\":\"t\"}]}\n";
	assert_int(score_of("ninjs", NULL, (const unsigned char *)rec, strlen(rec)), 0);
	const char *nj = "{\n \"uri\": \"urn:x\",\n \"versionCreated\": \"2020-01-01T00:00:00Z\"\n}\n";
	assert_int(score_of("ninjs", NULL, (const unsigned char *)nj, strlen(nj)), 100);
	assert_int(score_of("json", NULL, (const unsigned char *)nj, strlen(nj)), 40);
	/* random bytes */
	unsigned char rnd[4096 + NA_PROBE_PADDING] = {0};
	unsigned x = 12345;
	for (size_t i = 0; i < 4096; i++)
		rnd[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
	for (size_t k = 0; k < NA_ARRAY_SIZE(feed_formats); k++)
		assert_true(score_of(feed_formats[k], NULL, rnd, 4096) <= NA_PROBE_GUESS);
}

static int read_all(const char *fmt, const char *doc, const char *charset, struct na_article *out[], int max,
                    int *last)
{
	struct na_ctx c;
	test_ctx(&c);
	struct na_input *in = na_input_open_mem(&c, "mem.xml", doc, strlen(doc));
	if (charset)
		na_input_set_transport(in, "text/xml", charset);
	struct na_reader *r = na_reader_open(na_format_find(fmt), in, &c);
	int n = 0, rc = NA_OK;
	while (r && n < max) {
		out[n] = na_article_new();
		rc = na_reader_next(r, out[n]);
		if (rc != NA_OK && rc != NA_WARN) {
			na_article_free(out[n]);
			break;
		}
		n++;
	}
	*last = rc;
	na_reader_close(r);
	na_input_close(in);
	return n;
}

DEFINE_TEST(test_feed_transport_charset)
{
	/* UTF-8 bytes under a cp1251 declaration: the transport charset wins */
	const char *doc = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n"
	                  "<rss version=\"2.0\"><channel><title>T</title>"
	                  "<item><title>caf\xc3\xa9</title></item></channel></rss>\n";
	struct na_article *a[2];
	int last;
	assert_int(read_all("rss", doc, "utf-8", a, 2, &last), 1);
	assert_str(a[0]->headline, "caf\xc3\xa9");
	assert_str(a[0]->charset_origin, "transport");
	assert_str(a[0]->source, "T");
	na_article_free(a[0]);
	assert_int(read_all("rss", doc, NULL, a, 2, &last), 1);
	assert_str(a[0]->headline, "caf\xd0\x93\xc2\xa9"); /* as declared: cp1251 */
	assert_str(a[0]->charset_origin, "meta");
	na_article_free(a[0]);
}

DEFINE_TEST(test_feed_truncated)
{
	/* 300 items cut in the middle of the 200th: the items before it stay */
	struct na_buf b = {0};
	na_buf_adds(&b, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n");
	for (int i = 0; i < 300; i++)
		na_buf_printf(&b, "<item><title>Item %d</title><description>&lt;p&gt;Text %d&lt;/p&gt;</description></item>\n", i, i);
	char *cut = strstr(b.p, "<title>Item 199<");
	*cut = 0;
	static struct na_article *a[400];
	int last;
	int n = read_all("rss", b.p, NULL, a, 400, &last);
	assert_true(n >= 150 && n <= 199);
	assert_int(last, NA_FATAL);
	assert_str(a[0]->headline, "Item 0");
	for (int i = 0; i < n; i++) {
		char want[32];
		snprintf(want, sizeof want, "Item %d", i);
		assert_str(a[i]->headline, want);
		snprintf(want, sizeof want, "Text %d", i);
		assert_true(a[i]->nbody == 1 && !strcmp(a[i]->body[0].text, want));
		na_article_free(a[i]);
	}
	if (!strstr(test_diags, "mem.xml:202:"))
		test_fail(__FILE__, __LINE__, "diagnostics: %s", test_diags);
	assert_true(strstr(test_diags, "truncated") != NULL);
	na_buf_free(&b);
}

DEFINE_TEST(test_feed_ids)
{
	struct na_article *a = na_article_new();
	static const char *const ids[] = {"example-2015-001", "a b<c>\"&", "urn:newsarc:id:x", "caf\xc3\xa9"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(ids); i++) {
		struct na_buf b = {0};
		feed_id_iri(&b, ids[i]);
		assert_true(feed_is_iri(b.p));
		assert_str(feed_id_from_iri(a, b.p), ids[i]);
		na_buf_free(&b);
	}
	assert_true(feed_is_iri("http://example.org/a?b=1#c"));
	assert_true(!feed_is_iri("http://example.org/a b"));
	assert_true(!feed_is_iri("no-scheme"));
	assert_true(!feed_is_iri("http://exa%zzmple"));
	/* C1 controls as windows-1252, UTF-8 read as Latin-1 repaired, Latin-1 kept */
	assert_str(feed_clean(a, "don\xc2\x92t", 6), "don\xe2\x80\x99t");
	assert_str(feed_clean(a, "\xc3\xa2\xc2\x80\xc2\xa6", 6), "\xe2\x80\xa6");
	assert_str(feed_clean(a, "caf\xc3\xa9", 5), "caf\xc3\xa9");
	assert_str(feed_html_text(a, "<b>Sl</b>ack &amp; <p>co</p>&#8217;", 35), "Slack & co \xe2\x80\x99");
	na_article_free(a);
}
