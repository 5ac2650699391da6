/* html reader: metadata evidence rules (headline, dates, bylines) on small
 * hand-written pages (issue 4, docs/html.md "Metadata"). */
#include <stdlib.h>
#include "test.h"

static int read_html(const char *page, struct na_article *a)
{
	struct na_ctx c;
	test_ctx(&c);
	struct na_input *in = na_input_open_mem(&c, "page.html", page, strlen(page));
	struct na_reader *r = na_reader_open(na_format_find("html"), in, &c);
	int st = na_reader_next(r, a);
	na_reader_close(r);
	na_input_close(in);
	return st;
}

/* a body long enough to be taken as the article */
#define BODY "<p>The council voted on Tuesday to reopen the harbour bridge, after two years of repairs, " \
	"and buses return to their old routes from Monday, the city said.</p><p>Engineers replaced the deck, " \
	"the cables and the lighting, and the work came in under budget, according to the report.</p>"

/* published day: the first 10 characters of the normalized value */
static int day_is(const struct na_article *a, const char *day)
{
	return a->published.value && !strncmp(a->published.value, day, 10);
}

DEFINE_TEST(test_html_meta_url_date)
{
	struct na_article *a = na_article_new();
	/* no date anywhere but the canonical URL's /yyyy/mm/dd/ path */
	static const char p[] = "<!DOCTYPE html><html><head><title>Bridge reopens</title>"
		"<link rel=\"canonical\" href=\"https://example.org/news/2025/11/08/bridge-reopens/\"></head>"
		"<body><article><h1>Bridge reopens</h1>" BODY "</article></body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_true(day_is(a, "2025-11-08"));
	/* one-digit months are not a date path */
	static const char q[] = "<!DOCTYPE html><html><head><title>Bridge reopens</title>"
		"<link rel=\"canonical\" href=\"https://example.org/news/2025/1/08/bridge/\"></head>"
		"<body><article><h1>Bridge reopens</h1>" BODY "</article></body></html>";
	assert_int(read_html(q, a), NA_OK);
	assert_true(a->published.value == NULL);
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_misnested_nav)
{
	struct na_article *a = na_article_new();
	/* libxml2 ignores </nav> while the <div> in it is open: the nav then
	 * wraps the article, which must not be taken for navigation */
	static const char p[] = "<!DOCTYPE html><html><head><title>Bridge reopens</title></head><body>"
		"<nav class=\"menu\"><div class=\"container\"><ul><li><a href=\"/\">Home</a></li></ul></nav></div>"
		"<main><article><h1>Bridge reopens</h1><p class=\"meta\">By Jane Doe, "
		"<time datetime=\"2025-11-08T10:00:00Z\">last Saturday</time></p>" BODY "</article></main></body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_true(day_is(a, "2025-11-08"));
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Jane Doe");
	na_article_free(a);
}

#define HEAD(t) "<!DOCTYPE html><html><head><title>" t "</title>"

DEFINE_TEST(test_html_meta_headline_h1)
{
	struct na_article *a = na_article_new();
	/* og:title written for sharing, the visible <h1> says it otherwise:
	 * the <h1> is the headline when they share content words */
	static const char p1[] = HEAD("Harbour bridge repairs finished | City News")
		"<meta property=\"og:title\" content=\"Harbour bridge repairs finished\"></head><body>"
		"<h1>City reopens harbour bridge after two years of repairs</h1>" BODY "</body></html>";
	assert_int(read_html(p1, a), NA_OK);
	assert_str(a->headline, "City reopens harbour bridge after two years of repairs");
	/* an <h1> with nothing in common with the metadata is not taken */
	static const char p2[] = HEAD("Harbour bridge repairs finished | City News")
		"<meta property=\"og:title\" content=\"Harbour bridge repairs finished\"></head><body>"
		"<h1>Latest from our newsroom</h1>" BODY "</body></html>";
	assert_int(read_html(p2, a), NA_OK);
	assert_str(a->headline, "Harbour bridge repairs finished");
	/* the same headline up to typography: the metadata's spelling */
	static const char p3[] = HEAD("Bridge's repairs finished")
		"<meta property=\"og:title\" content=\"Bridge's repairs finished\"></head><body>"
		"<h1>Bridge\xe2\x80\x99s repairs finished</h1>" BODY "</body></html>";
	assert_int(read_html(p3, a), NA_OK);
	assert_str(a->headline, "Bridge's repairs finished");
	/* "Blog name: post title" in <title>, the blog's name in the <h1> */
	static const char p4[] = HEAD("Harbour Notes: The bridge reopens")
		"<meta property=\"og:title\" content=\"The bridge reopens\"></head><body>"
		"<h1>Harbour Notes</h1><h3>The bridge reopens</h3>" BODY "</body></html>";
	assert_int(read_html(p4, a), NA_OK);
	assert_str(a->headline, "The bridge reopens");
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_builder_widgets)
{
	struct na_article *a = na_article_new();
	/* page builders wrap every paragraph in a "widget" box: the prose in
	 * them is the article (and the page is not rejected) */
	static const char p[] = HEAD("Harbour bridge reopens")
		"<meta name=\"author\" content=\"Jane Doe\"></head><body><div class=\"builder-section\">"
		"<div class=\"builder-widget-container\"><h1>Harbour bridge reopens</h1></div>"
		"<div class=\"builder-widget-container\"><p>The council voted on Tuesday to reopen the harbour bridge, "
		"after two years of repairs, and buses return to their old routes from Monday, the city said in a "
		"statement that also thanked residents for their patience.</p></div>"
		"<div class=\"builder-widget-container\"><p>Engineers replaced the deck, the cables and the lighting, "
		"and the work came in under budget, according to a report published by the council, which "
		"expects the bridge to need no major repairs for another forty years.</p></div>"
		"</div></body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_int(a->nbody, 2);
	assert_str(a->headline, "Harbour bridge reopens");
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_headline_pipe_label)
{
	struct na_article *a = na_article_new();
	/* "Headline | Opinion" in the <h1>: the label after the pipe goes */
	static const char p[] = HEAD("Why the bridge matters | Opinion | City News")
		"<meta property=\"og:title\" content=\"Why the bridge matters | Opinion\"></head><body>"
		"<h1>Why the bridge matters | Opinion</h1>" BODY "</body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_str(a->headline, "Why the bridge matters");
	/* too short a head: kept whole */
	static const char q[] = HEAD("Bridge | The long story of the harbour crossing")
		"</head><body><h1>Bridge | The long story of the harbour crossing</h1>" BODY "</body></html>";
	assert_int(read_html(q, a), NA_OK);
	assert_str(a->headline, "Bridge | The long story of the harbour crossing");
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_date_names)
{
	struct na_article *a = na_article_new();
	static const char p[] = HEAD("Bridge reopens") "<meta name=\"published-date\" content=\"2021-02-16\">"
		"<meta name=\"modified-date\" content=\"2024-07-30\"></head><body><h1>Bridge reopens</h1>" BODY
		"</body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_true(day_is(a, "2021-02-16"));
	assert_true(a->modified.value && !strncmp(a->modified.value, "2024-07-30", 10));
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_date_in_aside)
{
	struct na_article *a = na_article_new();
	/* the post's date in an <aside> or <footer>: taken when nothing better is found */
	static const char p[] = HEAD("Bridge reopens") "</head><body><article><aside><time datetime=\"2021-06-06\">"
		"June 6</time></aside><h1>Bridge reopens</h1>" BODY "</article></body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_true(day_is(a, "2021-06-06"));
	static const char q[] = HEAD("Bridge reopens") "</head><body><article><h1>Bridge reopens</h1>" BODY
		"<footer class=\"meta\"><span class=\"meta-date\">March 30, 2023</span></footer></article></body></html>";
	assert_int(read_html(q, a), NA_OK);
	assert_true(day_is(a, "2023-03-30"));
	/* but not the dates of a list of other posts */
	static const char r[] = HEAD("Bridge reopens") "</head><body><article><h1>Bridge reopens</h1>" BODY
		"</article><aside><ul><li><a href=\"/a\">Older story</a> <time datetime=\"2020-01-02\">Jan 2</time></li>"
		"</ul></aside></body></html>";
	assert_int(read_html(r, a), NA_OK);
	assert_true(a->published.value == NULL);
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_streamed_hidden)
{
	struct na_article *a = na_article_new();
	/* streamed server rendering parks the article in <div hidden id="S:1">
	 * at the end of <body> and moves it into place with a script */
	static const char p[] = HEAD("Bridge reopens") "</head><body><div id=\"S:0\">Loading...</div>"
		"<div hidden id=\"S:1\"><main><h1>Bridge reopens</h1><p>By Jane Doe, October 16, 2020</p>" BODY
		"<p>The mayor said the reopening was the best news the city had heard all year, and thanked the crews.</p>"
		"</main></div><script>$RC(\"B:0\",\"S:1\")</script></body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_true(day_is(a, "2020-10-16"));
	assert_true(a->nbody >= 3);
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_byline_rules)
{
	struct na_article *a = na_article_new();
	/* the metadata names the site as author, the page names a person */
	static const char p1[] = HEAD("Bridge reopens | Harbour Post") "<meta property=\"og:site_name\" "
		"content=\"Harbour Post\"><meta name=\"author\" content=\"HarbourPost\"></head><body><h1>Bridge reopens</h1>"
		"<p class=\"meta\">By Jane Doe</p>" BODY "</body></html>";
	assert_int(read_html(p1, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Jane Doe");
	/* a "by" line that starts with a <time>, the name followed by a long role */
	static const char p2[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1><div class=\"node-meta\">"
		"<time datetime=\"2017-03-01\">03/01/2017</time> by Agatha Caleo, Candidate Representative to the "
		"Candidate Liaison Committee</div>" BODY "</body></html>";
	assert_int(read_html(p2, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Agatha Caleo");
	assert_true(day_is(a, "2017-03-01"));
	/* names in a list: one per item */
	static const char p3[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1><span>Written by: <ul>"
		"<li><a href=\"/a/1\">Emily Walker</a></li><li><a href=\"/a/2\">Casey McDevitt</a></li></ul></span>" BODY
		"</body></html>";
	assert_int(read_html(p3, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Emily Walker, Casey McDevitt");
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_byline_aside)
{
	struct na_article *a = na_article_new();
	/* the byline box in an <aside> beats a metadata author that is the site */
	static const char p1[] = HEAD("Bridge reopens - Harbour Health") "<meta name=\"author\" content=\"Harbour Health\">"
		"</head><body><main><aside><p class=\"article-author\">Written By <span>Angela Holliday-Bell, MD*</span></p>"
		"</aside><h1>Bridge reopens</h1>" BODY "</main></body></html>";
	assert_int(read_html(p1, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Angela Holliday-Bell, MD");
	/* "View all posts by" links; comment-form labels are no bylines */
	static const char p2[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1>" BODY
		"<aside><div class=\"author-box\"><a href=\"/a/ray\">View all posts by Ray Ansari</a></div></aside>"
		"</body></html>";
	assert_int(read_html(p2, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Ray Ansari");
	static const char p3[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1>" BODY
		"<footer><div class=\"comment-author\"><span>Name *</span></div></footer></body></html>";
	assert_int(read_html(p3, a), NA_OK);
	assert_int(a->byline.n, 0);
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_date_widgets)
{
	struct na_article *a = na_article_new();
	/* the date just before the headline, not the next story's in a related list */
	static const char p1[] = HEAD("Bridge reopens") "</head><body><div class=\"post-head\"><div>Last updated:</div>"
		"<div>Dec 12, 2025</div></div><h1>Bridge reopens</h1>" BODY "<div class=\"related-posts\">"
		"<div class=\"item\"><a href=\"/b\">Ferry returns</a><div class=\"post-date\">December 2, 2025</div></div>"
		"<div class=\"item\"><a href=\"/c\">Tunnel closes</a><div class=\"post-date\">November 2, 2025</div></div>"
		"</div></body></html>";
	assert_int(read_html(p1, a), NA_OK);
	assert_true(day_is(a, "2025-12-12"));
	/* a small sidebar box with the post's own date: late evidence */
	static const char p2[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1><div class=\"post-body\">"
		BODY "</div><div class=\"single-post-sidebar\"><h4>Published</h4><div class=\"single-post-date\">"
		"July 8, 2025</div></div></body></html>";
	assert_int(read_html(p2, a), NA_OK);
	assert_true(day_is(a, "2025-07-08"));
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_byline_sources)
{
	struct na_article *a = na_article_new();
	/* a commenter's microdata author is not the article's */
	static const char p1[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1>" BODY
		"<ol><li><article itemprop=\"comment\" itemscope itemtype=\"https://schema.org/Comment\">"
		"<p class=\"comment-author\" itemprop=\"author\" itemscope itemtype=\"https://schema.org/Person\">"
		"<span itemprop=\"name\">Jane Roe</span> says</p><p>Nice.</p></article></li></ol></body></html>";
	assert_int(read_html(p1, a), NA_OK);
	assert_int(a->byline.n, 0);
	/* twitter:creator without "@" is still a handle; cXense names the author */
	static const char p2[] = HEAD("Bridge reopens") "<meta name=\"twitter:creator\" content=\"harbourpost\">"
		"<meta property=\"cXenseParse:author\" content=\"Harry Rabinowitz\"></head><body><h1>Bridge reopens</h1>"
		BODY "</body></html>";
	assert_int(read_html(p2, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Harry Rabinowitz");
	/* an author box: the element named as the name, not the job title beside it */
	static const char p3[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1><div class=\"article__author\">"
		"<span class=\"article__author__name\">Mateusz Haberny</span><span class=\"article__author__position\">"
		"Founder at Oakywood</span></div>" BODY "</body></html>";
	assert_int(read_html(p3, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Mateusz Haberny");
	/* the date inside an author/date box is not a name; "A / B" is not a URL */
	static const char p4[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1><div class=\"author-date\">"
		"<time datetime=\"Jun 2\"><span>Jun 2</span></time></div><p class=\"post-author__name\">Laura / Plant House</p>"
		BODY "</body></html>";
	assert_int(read_html(p4, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Laura / Plant House");
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_anchor_similar_h1)
{
	struct na_article *a = na_article_new();
	/* the headline comes from og:title; the visible <h1> words it a little
	 * differently: dates are still looked for next to that <h1> */
	static const char p[] = HEAD("Episode 43. Myron Scholes, Stanford Finance Professor, on options pricing")
		"<meta property=\"og:title\" content=\"Episode 43. Myron Scholes, Stanford Finance Professor, on options "
		"pricing\"></head><body><header><h1>The Podcast of Free Markets</h1></header><article>"
		"<h1>Episode 43. Myron Scholes, Stanford Professor, on options pricing</h1><div class=\"x\">Jan 06, 2025</div>"
		BODY "</article></body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_true(day_is(a, "2025-01-06"));
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_date_far_below)
{
	struct na_article *a = na_article_new();
	/* the date just above the headline beats a date-classed element far
	 * below it (a carousel of other articles after the story) */
	static const char p[] = HEAD("Bridge reopens") "</head><body><div class=\"header-meta\"><span>February 6, 2026"
		"</span></div><h1>Bridge reopens</h1>" BODY BODY BODY BODY BODY BODY BODY BODY
		"<div class=\"carousel\"><div class=\"item\"><a href=\"/x\">Ferry returns</a><div class=\"item__date\">"
		"Mar 3, 2026</div></div></div></body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_true(day_is(a, "2026-02-06"));
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_byline_labels)
{
	struct na_article *a = na_article_new();
	/* twitter:label1 "Written by" + twitter:data1 the name */
	static const char p1[] = HEAD("Bridge reopens") "<meta name=\"twitter:label1\" content=\"Written by\">"
		"<meta name=\"twitter:data1\" content=\"Nawaz Dhandala\"><meta name=\"twitter:label2\" content=\"Time to "
		"read\"><meta name=\"twitter:data2\" content=\"9 minutes\"></head><body><h1>Bridge reopens</h1>" BODY
		"</body></html>";
	assert_int(read_html(p1, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Nawaz Dhandala");
	/* "By" in its own element, a dash after the name */
	static const char p2[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1><div class=\"x\">"
		"<span class=\"eyebrow\">By</span><span class=\"eyebrow\">Daryl Austin</span><span>-</span></div>" BODY
		"</body></html>";
	assert_int(read_html(p2, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Daryl Austin");
	/* "By" and a line break before the linked name */
	static const char p3[] = HEAD("Bridge reopens") "</head><body><h1>Bridge reopens</h1><p class=\"meta\">"
		"<span class=\"item\"> By\n<a href=\"/p/dr\">Daniel Renfrow</a> </span></p>" BODY "</body></html>";
	assert_int(read_html(p3, a), NA_OK);
	assert_int(a->byline.n, 1);
	if (a->byline.n)
		assert_str(a->byline.v[0], "Daniel Renfrow");
	na_article_free(a);
}

DEFINE_TEST(test_html_meta_headline_h2_without_h1)
{
	struct na_article *a = na_article_new();
	/* no <h1> on the page: the <h2> that words og:title nearly the same
	 * way is the visible headline, and the date above it is the post's */
	static const char p[] = HEAD("7 Ways to Transition to a Plant-Based Diet | Koia")
		"<meta property=\"og:title\" content=\"7 Ways to Transition to a Plant-Based Diet\"></head><body>"
		"<h3><span>blog | </span>February 01, 2022</h3><h2>7 Ways to Help You Transition to a Plant Based Diet</h2>"
		BODY "</body></html>";
	assert_int(read_html(p, a), NA_OK);
	assert_str(a->headline, "7 Ways to Help You Transition to a Plant Based Diet");
	assert_true(day_is(a, "2022-02-01"));
	assert_true(a->nbody >= 1 && strcmp(a->body[0].text, a->headline) != 0);
	na_article_free(a);
}
