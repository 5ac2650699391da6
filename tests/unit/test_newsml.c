/* NewsML-G2 probe: 100 on NewsML-G2 documents, a guess at most (<= 25) on
 * the other formats' samples and on random bytes (issue 3). */
#include <dirent.h>
#include <stdlib.h>
#include "test.h"
#include "formats/format.h"

static int probe_buf(const char *name, const unsigned char *buf, size_t len)
{
	const struct na_format *f = na_format_find("newsml");
	unsigned char *pad = calloc(1, len + NA_PROBE_PADDING);
	memcpy(pad, buf, len);
	struct na_probe p = {pad, len, name, NULL};
	int s = f->probe(&p);
	free(pad);
	return s;
}

static int probe_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		test_fail(__FILE__, __LINE__, "cannot open %s", path);
		return -1;
	}
	unsigned char buf[NA_PROBE_SIZE];
	size_t n = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	return probe_buf(path, buf, n);
}

/* every regular file under dir (one level of subdirectories) */
static int check_dir(const char *dir, int max, int min)
{
	DIR *d = opendir(dir);
	int count = 0;
	if (!d) {
		test_fail(__FILE__, __LINE__, "cannot open %s", dir);
		return 0;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md") || !strcmp(e->d_name, "LICENSE") ||
		    strstr(e->d_name, ".json") || strstr(e->d_name, ".xsd"))
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		DIR *sub = opendir(path);
		if (sub) {
			closedir(sub);
			snprintf(path, sizeof path, "%s/%s/source.html", dir, e->d_name);
		}
		int s = probe_file(path);
		if (s < 0)
			continue;
		count++;
		if (s > max || s < min)
			test_fail(__FILE__, __LINE__, "newsml probe scores %d on %s (expected %d..%d)", s, path, min, max);
	}
	closedir(d);
	return count;
}

DEFINE_TEST(test_newsml_probe_others)
{
	if (!test_shared) {
		test_skip("../shared is absent");
		return;
	}
	static const char *const folders[] = {"rss", "atom", "nitf", "newsml1", "html", "jsonl", "ninjs", "wxr", "jsonfeed"};
	int n = 0;
	for (size_t i = 0; i < sizeof folders / sizeof *folders; i++) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/corpus/%s", test_shared, folders[i]);
		DIR *d = opendir(dir);
		if (!d)
			continue;
		closedir(d);
		n += check_dir(dir, NA_PROBE_GUESS, 0);
	}
	assert_true(n >= 28);
}

DEFINE_TEST(test_newsml_probe_g2)
{
	if (!test_shared) {
		test_skip("../shared is absent");
		return;
	}
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/reference/newsml-g2/examples", test_shared);
	assert_int(check_dir(dir, 100, 100), 7);
	snprintf(dir, sizeof dir, "%s/reference/newsml-g2/minimal-text-newsitem.xml", test_shared);
	assert_int(probe_file(dir), 100);
}

DEFINE_TEST(test_newsml_probe_bytes)
{
	unsigned char buf[NA_PROBE_SIZE];
	unsigned x = 12345;
	for (int round = 0; round < 50; round++) {
		for (size_t i = 0; i < sizeof buf; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (unsigned char)(x >> 16);
		}
		if (round % 2)
			buf[0] = '<'; /* looks like markup */
		assert_true(probe_buf(NULL, buf, sizeof buf) <= NA_PROBE_GUESS);
	}
	static const char *const docs[] = {
		"<?xml version=\"1.0\"?><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"x\">",
		"\xef\xbb\xbf<!-- c --><!DOCTYPE n [<!ENTITY a \"<b>\">]>\n<nar:newsMessage xmlns:nar=\"http://iptc.org/std/nar/2006-10-01/\">",
		"<newsItem guid=\"x\">",                              /* no namespace: a guess */
		"<NewsML><NewsItem>",                                 /* NewsML 1.x */
		"<rss><channel><item>http://iptc.org/std/nar/2006-10-01/",
		"",
	};
	static const int want[] = {100, 100, 25, 0, 0, 0};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
		assert_int(probe_buf(NULL, (const unsigned char *)docs[i], strlen(docs[i])), want[i]);
	/* extension only */
	assert_int(probe_buf("a.nml", (const unsigned char *)"junk", 4), 25);
	assert_int(probe_buf("a.nml", (const unsigned char *)"<newsItem guid=\"x\">", 19), 60);
}
