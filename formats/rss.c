/* rss.c - RSS 2.0 (RSS Advisory Board spec 2.0.11), read and write; RSS 1.0
 * (RDF) and 0.9x are read too.  Read: item title, link, guid, pubDate,
 * dc:date, dc:creator, author, category, dc:subject, description,
 * content:encoded (HTML into body blocks), source, dc:publisher,
 * dc:language; channel title / dc:publisher as the source.  Write: one
 * RSS 2.0 channel per output (title, link, description from -O rss:...),
 * items with title, link, guid, RFC 822 pubDate, dc:creator, category and
 * the body as HTML in description.  Charsets: BOM, transport charset
 * (overrides the declaration), declaration, UTF-8; C1 controls are read as
 * windows-1252.  See docs/feeds.md for what RSS cannot carry. */
#include <stdio.h>
#include <stdlib.h>
#include "feed/feed.h"

extern const struct na_format na_format_rss;

struct rss {
	struct rss_read rd;
	/* writer */
	int started;
	char *link;
};

static int rss_probe(const struct na_probe *p)
{
	char text[NA_PROBE_SIZE + 1], root[64];
	size_t n = feed_probe_text(p, text, sizeof text);
	int ext = na_probe_ext_score(&na_format_rss, p);
	if (!feed_root(text, n, root, sizeof root))
		return ext ? NA_PROBE_GUESS : 0;
	const char *local = strchr(root, ':') ? strchr(root, ':') + 1 : root;
	if (!strcmp(root, "rss")) {
		/* a WordPress export is RSS too; leave it to the wxr format */
		return strstr(text, FEED_NS_WP) ? 90 : NA_PROBE_MAX;
	}
	if (!strcmp(local, "RDF") && (strstr(text, FEED_NS_RSS1) || strstr(text, FEED_NS_RSS090)))
		return NA_PROBE_MAX;
	return ext ? NA_PROBE_GUESS : 0;
}

static int rss_read_open_cb(struct na_reader *r)
{
	struct rss *s = r->priv;
	return rss_read_open(r, &s->rd, 0);
}

static int rss_read_next_cb(struct na_reader *r, struct na_article *a)
{
	struct rss *s = r->priv;
	return rss_read_next(r, &s->rd, a);
}

static void rss_read_close_cb(struct na_reader *r)
{
	struct rss *s = r->priv;
	rss_read_close(&s->rd);
}

/* ---- writer ----------------------------------------------------------- */

static void header(struct na_writer *w, const struct na_article *first)
{
	struct rss *s = w->priv;
	struct na_buf *b = na_output_buffer(w->out);
	const char *title = na_ctx_option(w->ctx, "rss", "title");
	const char *link = na_ctx_option(w->ctx, "rss", "link");
	const char *desc = na_ctx_option(w->ctx, "rss", "description");
	/* RSS 2.0 requires all three: fall back on what the first article says */
	if (!title)
		title = first && first->source ? first->source : "newsarc export";
	if (!link)
		link = first && first->url ? first->url : "http://localhost/";
	if (!desc)
		desc = title;
	s->link = na_xstrdup(link);
	na_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	               "<rss version=\"2.0\" xmlns:dc=\"" FEED_NS_DC "\" xmlns:atom=\"" FEED_NS_ATOM "\">\n"
	               "<channel>\n");
	feed_element(b, "title", title);
	feed_element(b, "link", link);
	feed_element(b, "description", desc);
	feed_element(b, "generator", "newsarc " NA_VERSION);
	s->started = 1;
}

static int rss_write_article(struct na_writer *w, const struct na_article *a)
{
	struct rss *s = w->priv;
	if (!s->started)
		header(w, a);
	struct na_buf *b = na_output_buffer(w->out);
	na_buf_adds(b, "<item>\n");
	feed_element(b, "title", a->headline);
	feed_element(b, "link", a->url);
	if (a->id)
		feed_tag(b, "<guid isPermaLink=\"false\">", a->id, "</guid>\n");
	/* pubDate must be RFC 822 with a time and a zone; a date we know only
	 * in part goes to dc:date as it is, so no time or zone is invented */
	if (feed_date_full(&a->published)) {
		char d[64];
		na_date_rfc822(a->published.value, d, sizeof d);
		feed_element(b, "pubDate", d);
	} else if (a->published.value)
		feed_element(b, "dc:date", a->published.value);
	if (a->modified.value)
		feed_element(b, "atom:updated", a->modified.value);
	for (size_t i = 0; i < a->byline.n; i++)
		feed_element(b, "dc:creator", a->byline.v[i]);
	feed_element(b, "dc:language", a->language);
	for (size_t i = 0; i < a->keywords.n; i++)
		feed_element(b, "category", a->keywords.v[i]);
	for (size_t i = 0; i < a->subjects.n; i++)
		feed_tag(b, "<category domain=\"" FEED_SUBJECT_SCHEME "\">", a->subjects.v[i], "</category>\n");
	if (a->source) {
		feed_tag(b, "<source url=\"", s->link, "\">");
		feed_xml_escape(b, a->source);
		na_buf_adds(b, "</source>\n");
	}
	feed_body_escaped(b, "<description>", "</description>\n", a);
	na_buf_adds(b, "</item>\n");
	return na_output_flush_maybe(w->out);
}

static int rss_write_close(struct na_writer *w)
{
	struct rss *s = w->priv;
	if (!s->started)
		header(w, NULL);
	free(s->link);
	s->link = NULL;
	na_buf_adds(na_output_buffer(w->out), "</channel>\n</rss>\n");
	return na_output_flush_maybe(w->out);
}

const struct na_format na_format_rss = {
	.name = "rss",
	.aliases = "rss2",
	.description = "RSS 2.0 feed (RSS 1.0 and 0.9x read too): items as articles",
	.extensions = "rss",
	.mime = "application/rss+xml",
	.priv_size = sizeof(struct rss),
	.probe = rss_probe,
	.read_open = rss_read_open_cb,
	.read_next = rss_read_next_cb,
	.read_close = rss_read_close_cb,
	.write_article = rss_write_article,
	.write_close = rss_write_close,
	.options_help = "title: channel title (default: the first article's source); "
	                "link: channel link (default: the first article's URL); "
	                "description: channel description (default: the title)",
};
