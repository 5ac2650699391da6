/* html reader: probe scores, charset detection, bad input (issue 4). */
#include <stdlib.h>
#include <dirent.h>
#include "test.h"

/* Read one page from memory; returns the status, article in *a. */
static int read_page(const char *buf, size_t len, const char *transport, struct na_article *a)
{
	struct na_ctx c;
	test_ctx(&c);
	struct na_input *in = na_input_open_mem(&c, "page.html", buf, len);
	if (transport)
		na_input_set_transport(in, "text/html", transport);
	struct na_reader *r = na_reader_open(na_format_find("html"), in, &c);
	int st = na_reader_next(r, a);
	na_reader_close(r);
	na_input_close(in);
	return st;
}

#define PAGE(head, body) "<!DOCTYPE html><html><head>" head "<title>Harbour bridge reopens</title></head><body>" \
	"<h1>Harbour bridge reopens</h1><p>" body " The bridge reopened to traffic on Tuesday, after two years of " \
	"repairs, and buses return to their old routes from Monday, the city said.</p></body></html>"

DEFINE_TEST(test_html_charset)
{
	struct na_article *a = na_article_new();
	/* windows-1252 declared in a meta: "café" */
	static const char w[] = PAGE("<meta charset=\"windows-1252\">", "Caf\xe9 owners cheered.");
	assert_int(read_page(w, sizeof w - 1, NULL, a), NA_OK);
	assert_str(a->charset, "WINDOWS-1252");
	assert_str(a->charset_origin, "meta");
	assert_true(strstr(a->body[0].text, "Caf\xc3\xa9 owners") != NULL);
	/* ISO-8859-1 in http-equiv decodes as windows-1252 (WHATWG): 0x93/0x94 are quotes */
	static const char l[] = PAGE("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
	                             "\x93" "Finally\x94, said one.");
	assert_int(read_page(l, sizeof l - 1, NULL, a), NA_OK);
	assert_str(a->charset_origin, "meta");
	assert_true(strstr(a->body[0].text, "\xe2\x80\x9c" "Finally" "\xe2\x80\x9d") != NULL);
	/* the transport's charset wins over the meta */
	static const char k[] = PAGE("<meta charset=\"utf-8\">", "\xf0\xd2\xc9\xd7\xc5\xd4 mir.");
	assert_int(read_page(k, sizeof k - 1, "koi8-r", a), NA_OK);
	assert_str(a->charset_origin, "transport");
	assert_true(strstr(a->body[0].text, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 mir") != NULL);
	/* a UTF-8 BOM */
	static const char b[] = "\xef\xbb\xbf" PAGE("", "Na\xc3\xafve art.");
	assert_int(read_page(b, sizeof b - 1, NULL, a), NA_OK);
	assert_str(a->charset_origin, "bom");
	assert_str(a->charset, "UTF-8");
	assert_true(strstr(a->body[0].text, "Na\xc3\xafve") != NULL);
	/* no declaration, valid UTF-8: guessed UTF-8 */
	static const char u[] = PAGE("", "Stra\xc3\x9f" "e closed.");
	assert_int(read_page(u, sizeof u - 1, NULL, a), NA_OK);
	assert_str(a->charset, "UTF-8");
	assert_str(a->charset_origin, "guess");
	/* a meta that says latin-1 over bytes that are valid UTF-8 (re-encoded archives) */
	static const char m[] = PAGE("<meta charset=\"iso-8859-1\">", "Stra\xc3\x9f" "e closed.");
	assert_int(read_page(m, sizeof m - 1, NULL, a), NA_OK);
	assert_str(a->charset, "UTF-8");
	assert_true(strstr(a->body[0].text, "Stra\xc3\x9f" "e") != NULL);
	/* UTF-16LE with a BOM */
	static const char ascii[] = PAGE("", "Plain words here.");
	size_t n = sizeof ascii - 1;
	char *w16 = malloc(2 * n + 2);
	w16[0] = (char)0xff, w16[1] = (char)0xfe;
	for (size_t i = 0; i < n; i++)
		w16[2 + 2 * i] = ascii[i], w16[3 + 2 * i] = 0;
	assert_int(read_page(w16, 2 * n + 2, NULL, a), NA_OK);
	assert_str(a->charset, "UTF-16LE");
	assert_str(a->headline, "Harbour bridge reopens");
	free(w16);
	/* undeclared legacy bytes: a guess or windows-1252, always valid UTF-8 */
	static const char g[] = PAGE("", "Caf\xe9 cr\xe8me br\xfbl\xe9" "e na\xef" "ve.");
	assert_int(read_page(g, sizeof g - 1, NULL, a), NA_OK);
	assert_true(!strcmp(a->charset_origin, "guess") || !strcmp(a->charset_origin, "default"));
	assert_true(na_utf8_valid(a->body[0].text, strlen(a->body[0].text)));
	na_article_free(a);
}

DEFINE_TEST(test_html_bad_input)
{
	struct na_article *a = na_article_new();
	assert_int(read_page("", 0, NULL, a), NA_FAILED);
	assert_true(strstr(test_diags, "empty page") != NULL);
	assert_int(read_page(" \n\t ", 4, NULL, a), NA_FAILED);
	unsigned char bin[4096];
	unsigned x = 12345;
	for (size_t i = 0; i < sizeof bin; i++)
		x = x * 1103515245u + 12345u, bin[i] = (unsigned char)(x >> 16);
	assert_int(read_page((const char *)bin, sizeof bin, NULL, a), NA_FAILED);
	assert_true(strstr(test_diags, "binary data") != NULL);
	static const char nav[] = "<html><head><title>Home</title></head><body><nav><a href=/a>News</a> "
	                          "<a href=/b>Sport</a></nav><footer>(c) 2015</footer></body></html>";
	assert_int(read_page(nav, sizeof nav - 1, NULL, a), NA_FAILED);
	assert_true(strstr(test_diags, "no article content found") != NULL);
	/* 10k-deep nesting: flattened, no crash, text kept */
	size_t depth = 10000;
	struct { char *p; size_t len, cap; } b = {malloc(depth * 12 + 400), 0, 0};
	b.len += (size_t)sprintf(b.p, "<html><body>");
	for (size_t i = 0; i < depth; i++)
		b.len += (size_t)sprintf(b.p + b.len, "<div>");
	b.len += (size_t)sprintf(b.p + b.len, "<p>%s</p>", "Deep inside, the story went on, and on, with commas, "
	                         "and more words than a menu would ever have, until the end.");
	for (size_t i = 0; i < depth; i++)
		b.len += (size_t)sprintf(b.p + b.len, "</div>");
	int st = read_page(b.p, b.len, NULL, a);
	assert_true(st == NA_OK || st == NA_FAILED);
	free(b.p);
	na_article_free(a);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(4096 + 64);
	*len = fread(buf, 1, 4096, f);
	memset(buf + *len, 0, 64);
	fclose(f);
	return buf;
}

static int probe_html(const char *path)
{
	size_t len;
	char *buf = slurp(path, &len);
	if (!buf)
		return -1;
	const struct na_format *best;
	int score, tie;
	na_format_probe_buf(NULL, NULL, (const unsigned char *)buf, len, &best, &score, &tie);
	/* the html format's own score: probe again with only html considered */
	int s = (best && !strcmp(na_format_name(best), "html")) ? score : 0;
	free(buf);
	return s;
}

DEFINE_TEST(test_html_probe)
{
	if (!test_shared) {
		test_skip("../shared absent");
		return;
	}
	static const char *const dirs[] = {"corpus/feed-encoding", "corpus/nitf", "corpus/newsml1", "corpus/rss",
	                                   "corpus/atom", "corpus/html", "corpus/aeb-dev/html"};
	for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
		char dir[1024];
		snprintf(dir, sizeof dir, "%s/%s", test_shared, dirs[d]);
		DIR *dp = opendir(dir);
		if (!dp)
			continue;
		struct dirent *e;
		int checked = 0;
		while ((e = readdir(dp)) && checked < 40) {
			char path[2048];
			if (e->d_name[0] == '.')
				continue;
			if (!strcmp(dirs[d], "corpus/html"))
				snprintf(path, sizeof path, "%s/%s/source.html", dir, e->d_name);
			else
				snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			size_t n = strlen(path);
			int is_html = n > 5 && !strcmp(path + n - 5, ".html");
			int xml = n > 4 && !strcmp(path + n - 4, ".xml");
			if (!is_html && !xml)
				continue;
			int s = probe_html(path);
			if (s < 0)
				continue;
			checked++;
			if (is_html && s < 75)
				test_fail(__FILE__, __LINE__, "%s: html probe %d, expected >= 75", path, s);
			if (xml && s > 25)
				test_fail(__FILE__, __LINE__, "%s: html won the probe with %d", path, s);
		}
		closedir(dp);
	}
}
