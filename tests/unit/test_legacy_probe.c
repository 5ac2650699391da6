/* Probes of the legacy formats (nitf, newsml1, warc, text): 100 on their own
 * samples, <= 25 on every other corpus file and on random bytes (the text
 * probe claims nothing without a .txt name). */
#include <dirent.h>
#include <stdlib.h>
#include "test.h"
#include "formats/format.h"

static int score(const char *name, const char *path)
{
	const struct na_format *f = na_format_find(name);
	struct na_ctx c;
	test_ctx(&c);
	struct na_input *in = na_input_open_file(&c, path);
	if (!f || !in)
		return -1;
	size_t n;
	const unsigned char *b = na_input_peek(in, NA_PROBE_SIZE, &n);
	if (n > NA_PROBE_SIZE)
		n = NA_PROBE_SIZE;
	unsigned char *buf = calloc(1, n + NA_PROBE_PADDING);
	memcpy(buf, b, n);
	struct na_probe p = {buf, n, path, NULL};
	int s = f->probe(&p);
	free(buf);
	na_input_close(in);
	return s;
}

static const char *const mine[] = {"nitf", "newsml1", "warc", "text"};
static const char *const folders[] = {"nitf", "newsml1", "warc", "warc/assembled", "seed", "rss", "atom",
                                      "jsonfeed", "wxr", "ninjs", "jsonl", "feed-encoding"};

DEFINE_TEST(test_legacy_probe_corpus)
{
	if (!test_shared) {
		test_skip("../shared is absent");
		return;
	}
	int files = 0;
	for (size_t d = 0; d < NA_ARRAY_SIZE(folders); d++) {
		char dir[1024];
		snprintf(dir, sizeof dir, "%s/corpus/%s", test_shared, folders[d]);
		DIR *dh = opendir(dir);
		if (!dh)
			continue;
		struct dirent *e;
		while ((e = readdir(dh)) != NULL) {
			if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md") || !strcmp(e->d_name, "assembled") ||
			    !strcmp(e->d_name, "LICENSE"))
				continue;
			char path[2048];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			files++;
			for (size_t m = 0; m < NA_ARRAY_SIZE(mine); m++) {
				int s = score(mine[m], path);
				const char *own = folders[d];
				int is_own = !strncmp(own, mine[m], strlen(mine[m])) ||
				             (!strcmp(mine[m], "text") && !strcmp(own, "seed"));
				if (is_own && strcmp(mine[m], "text") != 0 && s != 100)
					test_fail(__FILE__, __LINE__, "%s scores %d on its own %s", mine[m], s, path);
				else if (is_own && !strcmp(mine[m], "text") && s != 50)
					test_fail(__FILE__, __LINE__, "text scores %d on %s", s, path);
				else if (!is_own && s > 25)
					test_fail(__FILE__, __LINE__, "%s scores %d on %s", mine[m], s, path);
			}
		}
		closedir(dh);
	}
	assert_true(files >= 40);
}

DEFINE_TEST(test_legacy_probe_garbage)
{
	unsigned char buf[4096 + NA_PROBE_PADDING] = {0};
	unsigned x = 12345;
	for (size_t i = 0; i < 4096; i++)
		buf[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
	struct na_probe p = {buf, 4096, "x.bin", NULL};
	for (size_t m = 0; m < NA_ARRAY_SIZE(mine); m++)
		assert_true(na_format_find(mine[m])->probe(&p) <= 25);
	/* truncated headers and empty input */
	const char *bits[] = {"", "WARC", "WARC/", "<", "<?xml", "<nitf", "<NewsML", "filedesc:/"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(bits); i++) {
		memset(buf, 0, sizeof buf);
		memcpy(buf, bits[i], strlen(bits[i]));
		struct na_probe q = {buf, strlen(bits[i]), NULL, NULL};
		for (size_t m = 0; m < NA_ARRAY_SIZE(mine); m++)
			assert_true(na_format_find(mine[m])->probe(&q) <= 25);
	}
}
