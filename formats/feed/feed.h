/* feed.h - private helpers shared by the syndication formats (rss, atom,
 * wxr, ninjs, jsonfeed): a streaming XML pass over a feed that hands out one
 * expanded item at a time, text clean-up common to feeds, date setting with
 * a warning, identifiers as IRIs, and the escaping and HTML body writers. */
#ifndef NA_FEED_H
#define NA_FEED_H

#include "formats/format.h"
#include "core/xml.h"

#define FEED_NS_ATOM "http://www.w3.org/2005/Atom"
#define FEED_NS_DC "http://purl.org/dc/elements/1.1/"
#define FEED_NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define FEED_NS_RSS1 "http://purl.org/rss/1.0/"
#define FEED_NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define FEED_NS_WP "http://wordpress.org/export/"        /* + "1.0/", "1.1/", "1.2/" */
/* category domain/scheme that marks a subject (not a keyword) in what we write */
#define FEED_SUBJECT_SCHEME "urn:newsarc:subject"
/* ids that are not IRIs are written as this prefix + percent-encoded id */
#define FEED_ID_PREFIX "urn:newsarc:id:"

/* ---- streaming XML ---------------------------------------------------- */

struct feed_xml {
	struct na_reader *r;
	xmlTextReaderPtr xr;
	struct na_xml_err err;
	const char *charset, *charset_origin;
	char decl[64];          /* encoding of the XML declaration */
	char *owned;            /* the document converted to UTF-8, when it was */
	int damage_noted;
	long mem_lines, err_line; /* lines of a transcoded document (else 0); line of the first error */
	int err_code;           /* libxml2 code of the first error */
	int ext_checked;        /* external entities reported */
	int skip;               /* next move is xmlTextReaderNext (subtree done) */
	int ended;
};

/* Slurp the input (bounded by --max-record), accept a blank line before the
 * XML declaration with a warning, pick the charset (BOM, transport charset
 * overriding the declaration, declaration, UTF-8) and start the reader.
 * Returns NA_OK or NA_FATAL (reported). */
int feed_xml_open(struct feed_xml *fx, struct na_reader *r);
/* Move to the next element start tag.  Returns 1 (element: *depth, *name,
 * *ns set; ns may be NULL), 0 at the end of the document, -1 when the
 * document is damaged (reported with its line and column). */
int feed_xml_next(struct feed_xml *fx, int *depth, const char **name, const char **ns);
/* Expand the current element into a tree (valid until the next move) and
 * make the next move skip its subtree; NULL when it is damaged (reported). */
xmlNodePtr feed_xml_expand(struct feed_xml *fx);
/* Line of a node in the file (blank lines stripped before parsing counted). */
long feed_xml_line(struct feed_xml *fx, xmlNodePtr n);
/* Start a record read from item/entry N: its position and the feed's charset. */
void feed_xml_record(struct feed_xml *fx, xmlNodePtr n, struct na_article *a);
void feed_xml_close(struct feed_xml *fx);

/* ---- node helpers ------------------------------------------------------ */

/* Element with local name NAME in namespace NS (NULL: no namespace). */
int feed_is(xmlNodePtr n, const char *ns, const char *name);
/* Element in no namespace or in the RSS 1.0 / 0.9 namespace. */
int feed_is_rss(xmlNodePtr n, const char *name);
/* Namespace URI of n starts with PREFIX. */
int feed_ns_prefix(xmlNodePtr n, const char *prefix);

/* Cleaned text of n in the article arena: whitespace normalized, mojibake
 * (UTF-8 read as Latin-1) repaired, C1 controls mapped as windows-1252
 * (feedparser's "demoronize").  "" when empty. */
const char *feed_text(struct na_article *a, xmlNodePtr n);
/* The same clean-up on a string (arena copy). */
const char *feed_clean(struct na_article *a, const char *s, size_t n);
/* Text of an HTML string without its tags (entities decoded). */
const char *feed_html_text(struct na_article *a, const char *html, size_t n);
/* Raw (not normalized) text content of n, repaired like feed_text; malloc'd. */
char *feed_raw_text(xmlNodePtr n, size_t *len);
/* Plain text: one paragraph per block of lines separated by a blank line. */
void feed_text_blocks(struct na_article *a, const char *s, size_t n);
/* HTML string into body blocks. */
void feed_html_blocks(struct na_article *a, const char *s, size_t n);

/* Set a date from text; on failure warn at the node's line and keep the raw
 * string.  Returns 1 when a warning was issued. */
int feed_date(struct feed_xml *fx, struct na_article *a, struct na_date *d, const char *s,
              const char *field, long line);
int feed_date_json(struct na_ctx *c, const struct na_pos *rec, struct na_article *a, struct na_date *d,
                   const char *s, size_t n, const char *field, long line, long col);

/* ---- identifiers ------------------------------------------------------- */

/* 1 when s looks like an absolute IRI (scheme ":" ...). */
int feed_is_iri(const char *s);
/* An IRI for id (as is when it is one, else FEED_ID_PREFIX + %-encoding). */
void feed_id_iri(struct na_buf *b, const char *id);
/* Percent-encode every byte but RFC 3986 unreserved characters. */
void feed_pct_encode(struct na_buf *b, const char *s);
/* Inverse of feed_id_iri, in the arena. */
const char *feed_id_from_iri(struct na_article *a, const char *iri);

/* ---- writing ----------------------------------------------------------- */

/* Append s escaped for XML text and attributes (&, <, >, ", and control
 * characters XML 1.0 cannot carry dropped). */
void feed_xml_escape(struct na_buf *b, const char *s);
/* The body as an HTML fragment: <p>, <h2>, <blockquote><p>, <ul><li>. */
void feed_body_html(struct na_buf *b, const struct na_article *a);
/* The body as escaped HTML between OPEN and CLOSE (RSS description, Atom
 * content); nothing when the article has no body. */
void feed_body_escaped(struct na_buf *b, const char *open, const char *close, const struct na_article *a);
/* <NAME>VALUE</NAME> and a newline; nothing when VALUE is NULL or empty. */
void feed_element(struct na_buf *b, const char *name, const char *value);
/* OPEN, VALUE escaped, CLOSE: markup around one escaped value. */
void feed_tag(struct na_buf *b, const char *open, const char *value, const char *close);
/* The body as plain text: blocks separated by a blank line. */
void feed_body_text(struct na_buf *b, const struct na_article *a);
/* Date value for a writer: 1 when it is a full RFC 3339 date-time. */
int feed_date_full(const struct na_date *d);



/* 1 for javascript:, vbscript: and data: URLs (never an article's url). */
int feed_unsafe_url(const char *u);
/* u, or NULL (with a warning) when it is empty or unsafe. */
const char *feed_url(struct na_ctx *c, const struct na_pos *pos, const char *u);

/* ---- probing ----------------------------------------------------------- */

/* The probe window as NUL-terminated ASCII-compatible text (UTF-16 folded). */
size_t feed_probe_text(const struct na_probe *p, char *out, size_t cap);
/* Qualified name of the root element after prolog, comments and PIs. */
int feed_root(const char *s, size_t n, char *qname, size_t cap);

/* ---- the RSS reader (rss and wxr) --------------------------------------- */

struct rss_author {
	char *login, *name;
};

struct rss_read {
	struct feed_xml fx;
	int wxr;                /* WordPress eXtended RSS: wp: fields, authors */
	int root_seen, in_channel;
	unsigned long items;
	char *title, *publisher, *language;
	struct rss_author *authors;
	size_t nauthors;
};

int rss_read_open(struct na_reader *r, struct rss_read *st, int wxr);
int rss_read_next(struct na_reader *r, struct rss_read *st, struct na_article *a);
void rss_read_close(struct rss_read *st);

#endif
