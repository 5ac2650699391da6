/* xml.h - safe libxml2 use shared by every XML and HTML format: no network,
 * no external entities or DTD loading, never XML_PARSE_NOENT or
 * XML_PARSE_HUGE; errors go to the context with their line and column; and
 * one walker that turns element trees (XHTML, NITF body.content, HTML
 * fragments) into body blocks. */
#ifndef NA_XML_H
#define NA_XML_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include "newsarc.h"

/* Options for xmlRead and xmlReader: no network, no blank nodes, CDATA as
 * text.  Entities are NOT substituted (no XML_PARSE_NOENT), the DTD is not
 * loaded (no XML_PARSE_DTDLOAD), and size limits stay on (no XML_PARSE_HUGE). */
#define NA_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_NOBLANKS)
#define NA_HTML_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
                         HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED)

/* Once per process: libxml2 initialised, the external entity loader replaced
 * by one that refuses everything (so XXE and remote DTDs cannot be fetched). */
void na_xml_init(void);

/* Collects libxml2's structured errors for one document into the context. */
struct na_xml_err {
	struct na_ctx *ctx;
	const char *file;
	long line_offset;       /* added to libxml2's line numbers */
	int errors, warnings;
	int max;                /* stop reporting after this many (0: 20) */
};
void na_xml_error_handler(void *user, xmlErrorPtr e);

/* Parse a whole XML document from memory safely.  encoding overrides the
 * document's own declaration (a transport charset), or NULL.  Errors are
 * reported; returns NULL when the document is not well-formed. */
xmlDocPtr na_xml_read(struct na_xml_err *err, const char *buf, size_t len, const char *encoding);
/* Warn about every external entity the document's internal subset declares
 * (they are never loaded, so their references vanish: XXE attempts).
 * na_xml_read does it; streaming readers call na_xml_reader_warn_external
 * once the prolog has been read. */
void na_xml_warn_external(struct na_xml_err *err, xmlDocPtr doc);
void na_xml_reader_warn_external(struct na_xml_err *err, xmlTextReaderPtr xr);
/* Streaming reader over an input (one element expanded at a time). */
xmlTextReaderPtr na_xml_reader(struct na_xml_err *err, struct na_input *in, const char *encoding);

/* Local name comparison, ASCII case-insensitive, namespace ignored. */
int na_xml_is(xmlNodePtr n, const char *name);
/* First child element with this local name, or NULL. */
xmlNodePtr na_xml_child(xmlNodePtr n, const char *name);
/* Attribute value (in the article arena), or NULL. */
const char *na_xml_attr(struct na_article *a, xmlNodePtr n, const char *name);
/* Whitespace-normalized text of a subtree, in the article arena ("" when
 * empty).  Entity references expand only for small internal entities, so a
 * billion-laughs document cannot blow up here. */
const char *na_xml_text(struct na_article *a, xmlNodePtr n);
/* Append the body blocks found under n: p/div -> paragraph, h1-h6/hl1/hl2 ->
 * heading, blockquote/bq/q -> quote, li -> list item; loose text becomes a
 * paragraph; script/style/nav/form and media are skipped. */
void na_xml_blocks(struct na_article *a, xmlNodePtr n);
/* Parse an HTML fragment (RSS content:encoded, ninjs text/html bodies) and
 * append its blocks.  Returns the number of blocks added. */
size_t na_html_fragment_blocks(struct na_article *a, const char *html, size_t len);

#endif
