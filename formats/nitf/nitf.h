/* nitf.h - private helpers of the nitf format, shared with newsml1 (NewsML 1
 * items carry inline NITF bodies) and warc (XML escaping for its writer). */
#ifndef NA_NITF_H
#define NA_NITF_H

#include "formats/format.h"
#include "core/xml.h"

/* Fill a from a <nitf> element (head, body.head, body.content).  Fields
 * already set are kept (callers set the stronger evidence first). */
void na_nitf_fill(struct na_article *a, xmlNodePtr nitf);

/* Local name of the root element of an XML document in a probe buffer
 * (XML declaration, comments, processing instructions, DOCTYPE and a BOM
 * skipped) into name; returns 0 when found, -1 otherwise. */
int na_nitf_xml_root(const struct na_probe *p, char *name, size_t cap);

/* Append s escaped for XML/HTML text and attribute values: & < > " ' and
 * characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF)
 * replaced by a space. */
void na_nitf_escape(struct na_buf *b, const char *s);

/* "UTF-8" when the XML declaration names a single-byte Latin charset
 * (ISO-8859-1, windows-1252, US-ASCII) but buf is valid UTF-8 with
 * multi-byte sequences (a mislabelled feed, such as AFP's 2024 NewsML);
 * declared receives the declared name.  NULL otherwise.  buf may be a
 * prefix of the document. */
const char *na_nitf_utf8_mislabel(const char *buf, size_t len, char *declared, size_t cap);

#endif
