/* rssread.c - the RSS 2.0 / 1.0 item reader shared by the rss and wxr
 * formats (WXR is RSS 2.0 plus the wp: namespace).  One <item> is expanded
 * at a time by the streaming reader, so a feed damaged half-way keeps the
 * items before the damage. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "feed.h"

int rss_read_open(struct na_reader *r, struct rss_read *st, int wxr)
{
	st->wxr = wxr;
	return feed_xml_open(&st->fx, r);
}

void rss_read_close(struct rss_read *st)
{
	feed_xml_close(&st->fx);
	free(st->title);
	free(st->publisher);
	free(st->language);
	for (size_t i = 0; i < st->nauthors; i++) {
		free(st->authors[i].login);
		free(st->authors[i].name);
	}
	free(st->authors);
}

static void set_once(char **dst, const char *s)
{
	if (!*dst && s && *s)
		*dst = na_xstrdup(s);
}

static int is_wp(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && feed_ns_prefix(n, FEED_NS_WP) &&
	       !strcmp((const char *)n->name, name) &&
	       !strstr((const char *)n->ns->href, "excerpt");
}

/* Channel-level element: feed title, publisher, language, WXR authors. */
static void channel_child(struct rss_read *st, struct na_article *tmp, xmlNodePtr n)
{
	if (feed_is_rss(n, "title"))
		set_once(&st->title, feed_text(tmp, n));
	else if (feed_is(n, FEED_NS_DC, "publisher"))
		set_once(&st->publisher, feed_text(tmp, n));
	else if (feed_is_rss(n, "language") || feed_is(n, FEED_NS_DC, "language"))
		set_once(&st->language, feed_text(tmp, n));
	else if (st->wxr && is_wp(n, "author")) {
		const char *login = feed_text(tmp, na_xml_child(n, "author_login"));
		const char *name = feed_text(tmp, na_xml_child(n, "author_display_name"));
		if (*login && *name) {
			st->authors = na_xrealloc(st->authors, (st->nauthors + 1) * sizeof *st->authors);
			st->authors[st->nauthors++] = (struct rss_author){na_xstrdup(login), na_xstrdup(name)};
		}
	}
}

/* "jo@example.com (Jo Smith)" -> "Jo Smith" (the RSS 2.0 author form). */
static const char *author_name(struct na_article *a, const char *s)
{
	const char *open = strchr(s, '('), *close = strrchr(s, ')');
	if (open && close && close > open + 1 && strchr(s, '@') && strchr(s, '@') < open)
		return feed_clean(a, open + 1, (size_t)(close - open - 1));
	return s;
}

/* WordPress post types that are not articles. */
static int wp_internal_type(const char *t)
{
	static const char *const types[] = {"attachment", "nav_menu_item", "revision", "custom_css",
	                                    "customize_changeset", "oembed_cache", "user_request", "wp_block",
	                                    "wp_template", "wp_template_part", "wp_global_styles",
	                                    "wp_navigation", "wp_font_family", "wp_font_face"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(types); i++)
		if (!strcmp(t, types[i]))
			return 1;
	return 0;
}

/* WordPress stores posts with blank lines for paragraphs (wpautop). */
static void wp_content_blocks(struct na_article *a, const char *s, size_t n)
{
	int has_p = 0;
	for (size_t i = 0; i + 1 < n && !has_p; i++)
		has_p = s[i] == '<' && (s[i + 1] == 'p' || s[i + 1] == 'P') && (i + 2 >= n || s[i + 2] == '>' || s[i + 2] == ' ');
	if (has_p) {
		feed_html_blocks(a, s, n);
		return;
	}
	struct na_buf b = {0};
	na_buf_adds(&b, "<p>");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			size_t j = i + 1;
			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
				j++;
			if (j < n && s[j] == '\n') {
				na_buf_adds(&b, "</p><p>");
				i = j;
				continue;
			}
		}
		na_buf_addc(&b, s[i]);
	}
	na_buf_adds(&b, "</p>");
	feed_html_blocks(a, b.p, b.len);
	na_buf_free(&b);
}

static int map_item(struct rss_read *st, xmlNodePtr item, struct na_article *a)
{
	struct feed_xml *fx = &st->fx;
	int warn = 0, permalink = 1;
	const char *guid = NULL, *link = NULL, *pub = NULL, *dcdate = NULL, *source = NULL, *publisher = NULL;
	const char *wp_type = NULL, *wp_status = NULL, *wp_id = NULL, *wp_name = NULL, *wp_gmt = NULL;
	const char *updated = NULL;
	long pub_line = 0, dc_line = 0, up_line = 0;
	xmlNodePtr desc = NULL, content = NULL, excerpt = NULL;

	feed_xml_record(fx, item, a);
	for (xmlNodePtr c = item->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (feed_is_rss(c, "title")) {
			const char *t = feed_text(a, c);
			if (*t)
				a->headline = t;
		} else if (feed_is_rss(c, "link")) {
			link = feed_text(a, c);
		} else if (feed_is(c, FEED_NS_ATOM, "link") && !link) {
			const char *rel = na_xml_attr(a, c, "rel");
			if (!rel || !strcmp(rel, "alternate"))
				link = na_xml_attr(a, c, "href");
		} else if (feed_is_rss(c, "guid")) {
			guid = feed_text(a, c);
			const char *pl = na_xml_attr(a, c, "isPermaLink");
			permalink = !(pl && !strcasecmp(pl, "false"));
		} else if (feed_is_rss(c, "pubDate")) {
			pub = feed_text(a, c);
			pub_line = feed_xml_line(fx, c);
		} else if (feed_is(c, FEED_NS_DC, "date")) {
			dcdate = feed_text(a, c);
			dc_line = feed_xml_line(fx, c);
		} else if (feed_is(c, FEED_NS_ATOM, "updated")) {
			updated = feed_text(a, c);
			up_line = feed_xml_line(fx, c);
		} else if (feed_is(c, FEED_NS_DC, "creator")) {
			const char *t = feed_text(a, c);
			for (size_t i = 0; st->wxr && i < st->nauthors; i++)
				if (!strcmp(st->authors[i].login, t)) {
					t = na_article_str(a, st->authors[i].name, strlen(st->authors[i].name));
					break;
				}
			na_strlist_push_unique(a, &a->byline, t);
		} else if (feed_is_rss(c, "author")) {
			na_strlist_push_unique(a, &a->byline, author_name(a, feed_text(a, c)));
		} else if (feed_is_rss(c, "category")) {
			const char *domain = na_xml_attr(a, c, "domain");
			const char *t = feed_text(a, c);
			int subject = domain && (!strcmp(domain, FEED_SUBJECT_SCHEME) || (st->wxr && !strcmp(domain, "category")));
			na_strlist_push_unique(a, subject ? &a->subjects : &a->keywords, t);
		} else if (feed_is(c, FEED_NS_DC, "subject")) {
			na_strlist_push_unique(a, &a->subjects, feed_text(a, c));
		} else if (feed_is_rss(c, "description")) {
			desc = c;
		} else if (feed_is(c, FEED_NS_CONTENT, "encoded")) {
			content = c;
		} else if (feed_is_rss(c, "source")) {
			source = feed_text(a, c);
		} else if (feed_is(c, FEED_NS_DC, "publisher")) {
			publisher = feed_text(a, c);
		} else if (feed_is(c, FEED_NS_DC, "language")) {
			const char *t = feed_text(a, c);
			if (*t)
				a->language = t;
		} else if (st->wxr && feed_ns_prefix(c, FEED_NS_WP) && !strcmp((const char *)c->name, "encoded")) {
			excerpt = c; /* excerpt:encoded */
		} else if (st->wxr && is_wp(c, "post_type")) {
			wp_type = feed_text(a, c);
		} else if (st->wxr && is_wp(c, "status")) {
			wp_status = feed_text(a, c);
		} else if (st->wxr && is_wp(c, "post_id")) {
			wp_id = feed_text(a, c);
		} else if (st->wxr && is_wp(c, "post_name")) {
			wp_name = feed_text(a, c);
		} else if (st->wxr && is_wp(c, "post_date_gmt")) {
			wp_gmt = feed_text(a, c);
		}
	}
	if (st->wxr && wp_type && wp_internal_type(wp_type))
		return 1; /* not an article: the caller skips it */

	if (guid && *guid)
		a->id = guid;
	else {
		const char *about = NULL;
		for (xmlAttrPtr at = item->properties; at; at = at->next)
			if (!strcmp((const char *)at->name, "about"))
				about = na_xml_attr(a, item, "about");
		if (about && *about)
			a->id = about;
	}
	if (link && *link)
		a->url = feed_url(fx->r->ctx, &a->pos, link);
	else if (guid && *guid && permalink && feed_is_iri(guid))
		a->url = feed_url(fx->r->ctx, &a->pos, guid);

	/* dc:date is the date itself when there is no pubDate; beside a
	 * pubDate it is the modification date (as feedparser reads it) */
	int wp_placeholder = st->wxr && pub && strstr(pub, " -0001 ");
	if (pub && *pub && !wp_placeholder)
		warn |= feed_date(fx, a, &a->published, pub, "published", pub_line);
	else if (wp_gmt && *wp_gmt && strncmp(wp_gmt, "0000", 4) != 0) {
		char tmp[64];
		snprintf(tmp, sizeof tmp, "%sZ", wp_gmt); /* post_date_gmt is UTC */
		warn |= feed_date(fx, a, &a->published, tmp, "published", a->pos.line);
	}
	if (dcdate && *dcdate)
		warn |= feed_date(fx, a, a->published.raw ? &a->modified : &a->published, dcdate,
		                  a->published.raw ? "modified" : "published", dc_line);

	if (updated && *updated && !a->modified.raw)
		warn |= feed_date(fx, a, &a->modified, updated, "modified", up_line);

	size_t n;
	char *html;
	if (content && (html = feed_raw_text(content, &n)) != NULL) {
		if (st->wxr)
			wp_content_blocks(a, html, n);
		else
			feed_html_blocks(a, html, n);
		free(html);
	}
	if (desc && (html = feed_raw_text(desc, &n)) != NULL) {
		if (!a->nbody)
			feed_html_blocks(a, html, n);
		else {
			const char *summary = feed_html_text(a, html, n);
			if (*summary)
				na_article_add_extra_string(a, "summary", summary);
		}
		free(html);
	}
	if (excerpt && (html = feed_raw_text(excerpt, &n)) != NULL) {
		const char *summary = feed_html_text(a, html, n);
		if (*summary)
			na_article_add_extra_string(a, "summary", summary);
		free(html);
	}
	if (source && *source)
		a->source = source;
	else if (publisher && *publisher)
		a->source = publisher;
	else if (st->publisher)
		a->source = na_article_str(a, st->publisher, strlen(st->publisher));
	else if (st->title)
		a->source = na_article_str(a, st->title, strlen(st->title));
	if (!a->language && st->language)
		a->language = na_article_str(a, st->language, strlen(st->language));
	if (st->wxr) {
		if (wp_id && *wp_id)
			na_article_add_extra_string(a, "wp_post_id", wp_id);
		if (wp_name && *wp_name)
			na_article_add_extra_string(a, "wp_post_name", wp_name);
		if (wp_type && *wp_type)
			na_article_add_extra_string(a, "wp_post_type", wp_type);
		if (wp_status && *wp_status)
			na_article_add_extra_string(a, "wp_status", wp_status);
	}
	return warn ? -1 : 0;
}

int rss_read_next(struct na_reader *r, struct rss_read *st, struct na_article *a)
{
	struct feed_xml *fx = &st->fx;
	for (;;) {
		int depth;
		const char *name, *ns;
		int rc = feed_xml_next(fx, &depth, &name, &ns);
		if (rc < 0)
			return NA_FATAL;
		if (rc == 0) {
			if (!st->root_seen) {
				struct na_pos pos = {fx->err.file, 0, 0, -1};
				na_report(r->ctx, NA_SEV_ERROR, &pos, NULL, "no root element: not an RSS feed");
				return NA_FATAL;
			}
			if (!st->items) {
				struct na_pos pos = {fx->err.file, 0, 0, -1};
				na_report(r->ctx, NA_SEV_WARNING, &pos, NULL, "feed%s%s%s has no items",
				          st->title ? " \"" : "", st->title ? st->title : "", st->title ? "\"" : "");
			}
			return NA_EOF;
		}
		int rss_ns = !ns || !strcmp(ns, FEED_NS_RSS1) || !strcmp(ns, FEED_NS_RSS090);
		if (depth == 0) {
			st->root_seen = 1;
			if (strcmp(name, "rss") != 0 && strcmp(name, "RDF") != 0) {
				struct na_pos pos = {fx->err.file, feed_xml_line(fx, xmlTextReaderCurrentNode(fx->xr)), 0, -1};
				na_report(r->ctx, NA_SEV_ERROR, &pos, NULL,
				          "root element <%s> is not <rss> or <rdf:RDF>: not an RSS feed", name);
				return NA_FATAL;
			}
			continue;
		}
		if (depth == 1)
			st->in_channel = rss_ns && !strcmp(name, "channel");
		if ((depth == 1 || depth == 2) && rss_ns && !strcmp(name, "item")) {
			xmlNodePtr item = feed_xml_expand(fx);
			if (!item)
				return NA_FATAL;
			int m = map_item(st, item, a);
			if (m == 1) {
				na_article_clear(a);
				r->skipped++;
				continue;
			}
			st->items++;
			return m < 0 ? NA_WARN : NA_OK;
		}
		if (depth == 2 && st->in_channel) {
			xmlNodePtr n = feed_xml_expand(fx);
			if (!n)
				return NA_FATAL;
			channel_child(st, a, n);
			na_article_clear(a);
		}
	}
}
