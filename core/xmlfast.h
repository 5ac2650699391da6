/* xmlfast.h - a strict parser for a subset of XML 1.0 in UTF-8 that builds,
 * in an arena, the very tree libxml2 2.9's SAX2 tree builder builds with
 * NA_XML_OPTIONS behind the streaming readers' text-gathering callbacks
 * (formats/newsml.c): the same elements, attributes, namespaces, text and
 * comment nodes, the same blank text dropped, the same line numbers.  It
 * exists because libxml2's own parse alone costs more than a whole
 * jsonl -> jsonl conversion of the same articles (docs/newsml.md).
 *
 * It accepts a document only when libxml2 would parse it without a single
 * error or warning; for anything else - malformed XML, a DOCTYPE, a PI, an
 * entity other than the five predefined ones, a CR, names beyond ASCII, a
 * namespace URI libxml2 would question, xml: attributes other than a plain
 * xml:lang - it returns NULL and the caller parses with libxml2, which then
 * gives the diagnostics.  So it never decides what an error says.
 *
 * The nodes are libxml2's own structs, so every libxml2 tree function that
 * only reads (xmlNodeGetContent, xmlNodeGetLang, xmlNodeDump, ...) works on
 * them; their doc is NULL and they must never be given to xmlFreeNode:
 * they go with the arena. */
#ifndef NA_XMLFAST_H
#define NA_XMLFAST_H

#include <stddef.h>
#include <libxml/tree.h>
#include "newsarc.h"

/* Parse p[0..n) whole; the root element, its nodes in arena, or NULL when
 * the document is not one this parser takes (see above). */
xmlNodePtr na_xmlfast_parse(struct na_arena *arena, const unsigned char *p, size_t n);

/* Length of the UTF-8 sequence of one XML character (>= U+0080) at s, or 0
 * when invalid (overlong, surrogate, > U+10FFFF, truncated, U+FFFE/FFFF). */
static inline size_t na_xml_utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c < 0xF0) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (c == 0xE0 && s[1] < 0xA0) ||
		    (c == 0xED && s[1] >= 0xA0) || (c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE))
			return 0;
		return 3;
	}
	if (c > 0xF4 || n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80 ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
		return 0;
	return 4;
}

#endif
