/* wxr.c - WordPress eXtended RSS (WXR 1.0-1.2, the WordPress export
 * format: RSS 2.0 plus the wp:, excerpt: and content: namespaces), read
 * only.  Each post or page item is an article, read like an RSS item
 * (formats/feed/rssread.c) plus: dc:creator logins mapped to the authors'
 * display names (wp:author), categories with domain="category" as subjects
 * and domain="post_tag" as keywords, content:encoded paragraphs split on
 * blank lines (wpautop), excerpt:encoded as "summary", wp:post_date_gmt for
 * drafts whose pubDate is WordPress's "-0001" placeholder, and wp:post_id,
 * wp:post_name, wp:post_type, wp:status kept as extra fields.  Items of
 * WordPress's internal post types (attachment, nav_menu_item, revision...)
 * are skipped and counted.
 * Probe: root <rss> with the http://wordpress.org/export/ namespace -> 100;
 * the rss format gives such files 90, so wxr wins. */
#include "feed/feed.h"

extern const struct na_format na_format_wxr;

struct wxr {
	struct rss_read rd;
};

static int wxr_probe(const struct na_probe *p)
{
	char text[NA_PROBE_SIZE + 1], root[64];
	size_t n = feed_probe_text(p, text, sizeof text);
	if (!feed_root(text, n, root, sizeof root) || strcmp(root, "rss") != 0)
		return 0;
	return strstr(text, FEED_NS_WP) ? NA_PROBE_MAX : 0;
}

static int wxr_read_open(struct na_reader *r)
{
	struct wxr *s = r->priv;
	return rss_read_open(r, &s->rd, 1);
}

static int wxr_read_next(struct na_reader *r, struct na_article *a)
{
	struct wxr *s = r->priv;
	return rss_read_next(r, &s->rd, a);
}

static void wxr_read_close(struct na_reader *r)
{
	struct wxr *s = r->priv;
	rss_read_close(&s->rd);
}

const struct na_format na_format_wxr = {
	.name = "wxr",
	.aliases = "wordpress",
	.description = "WordPress eXtended RSS export (read): posts and pages as articles",
	.extensions = NULL,
	.mime = NULL,
	.priv_size = sizeof(struct wxr),
	.probe = wxr_probe,
	.read_open = wxr_read_open,
	.read_next = wxr_read_next,
	.read_close = wxr_read_close,
};
