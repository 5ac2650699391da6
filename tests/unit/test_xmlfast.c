/* core/xmlfast.c: what it takes (the tree libxml2 builds, byte for byte
 * once serialized, with the same line numbers) and what it leaves to
 * libxml2 (everything malformed or outside its subset). */
#include <stdint.h>
#include <stdlib.h>
#include "test.h"
#include "core/internal.h"
#include "core/xml.h"
#include "core/xmlfast.h"

static char *dump(xmlNodePtr n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, NULL, n, 0, 0);
	char *s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return s;
}

/* The fast tree of doc serializes like libxml2's own. */
static void same_tree(const char *doc)
{
	struct na_arena *a = na_arena_new();
	xmlNodePtr fast = na_xmlfast_parse(a, (const unsigned char *)doc, strlen(doc));
	xmlDocPtr d = xmlReadMemory(doc, (int)strlen(doc), NULL, NULL, NA_XML_OPTIONS);
	if (!fast || !d) {
		test_fail(__FILE__, __LINE__, "not parsed (fast %p, libxml2 %p): %s", (void *)fast, (void *)d, doc);
	} else {
		char *x = dump(fast), *y = dump(xmlDocGetRootElement(d));
		if (strcmp(x, y))
			test_fail(__FILE__, __LINE__, "trees differ:\n  fast:    %s\n  libxml2: %s", x, y);
		free(x);
		free(y);
	}
	xmlFreeDoc(d);
	na_arena_free(a);
}

DEFINE_TEST(test_xmlfast_trees)
{
	na_xml_init();
	same_tree("<a/>");
	same_tree("<?xml version=\"1.0\"?>\n<!-- c -->\n<a x='1' y=\"2\">t</a>\n<!-- after -->\n");
	/* blanks: dropped between elements, kept alone, after text, before '&' */
	same_tree("<a>\n  <b/>\n  <c>  </c>\n  <d>x<e/>  <f/></d>\n  <g>  &amp;</g>\n</a>");
	same_tree("<a><b/> \t\n<!--x-->  <c/></a>");
	/* references, CDATA, attribute normalization */
	same_tree("<a t=\"a&#10;b\tc\nd &lt;&amp;&gt;&quot;&apos; &#x1F600;\">&#233;&#xe9;<![CDATA[<x>&amp;]]>]]&gt;</a>");
	/* namespaces: default, prefixed, redeclared, attributes, xml:lang */
	same_tree("<r xmlns=\"urn:a\" xmlns:p=\"urn:p\"><p:x p:k=\"1\" k=\"2\" xml:lang=\"en-GB\">"
	          "<y xmlns=\"urn:a\"/><z xmlns=\"urn:b\" xmlns:q=\"rel/path\"><q:w/></z></p:x></r>");
	same_tree("<a>Zürich 東京 naïve — “q”</a>");
}

DEFINE_TEST(test_xmlfast_lines)
{
	const char *doc = "<a>\n<b\n  x='1'\n>\n<c/></b></a>";
	struct na_arena *a = na_arena_new();
	xmlNodePtr r = na_xmlfast_parse(a, (const unsigned char *)doc, strlen(doc));
	assert_true(r != NULL);
	if (r) {
		xmlNodePtr b = r->children, c = b ? b->children : NULL;
		assert_int(r->line, 1);
		assert_true(b && b->type == XML_ELEMENT_NODE);
		assert_int(b ? b->line : 0, 4); /* where the start tag ends, as libxml2 */
		assert_true(c && c->type == XML_ELEMENT_NODE);
		assert_int(c ? c->line : 0, 5);
	}
	/* past 65535 the whole number is kept in psvi, as newsml.c's sax_start does */
	struct na_buf big = {0};
	na_buf_adds(&big, "<a>");
	for (int i = 0; i < 70000; i++)
		na_buf_addc(&big, '\n');
	na_buf_adds(&big, "<b/></a>");
	na_arena_reset(a);
	r = na_xmlfast_parse(a, (const unsigned char *)big.p, big.len);
	/* the newlines are blanks before an element: dropped */
	assert_true(r && r->children && r->children->type == XML_ELEMENT_NODE);
	if (r && r->children) {
		xmlNodePtr b = r->children;
		assert_int(b->line, 65535);
		assert_int((intptr_t)b->psvi, 70001);
	}
	na_buf_free(&big);
	na_arena_free(a);
}

/* Each of these is malformed, or legal but left to libxml2 (which then
 * names the error or does what the fast parser does not copy). */
DEFINE_TEST(test_xmlfast_leaves_to_libxml2)
{
	static const char *const docs[] = {
	    "", "<a>", "<a></b>", "<a/><b/>", "<a/>x", "x<a/>", "<a><b></a></b>",
	    "<!DOCTYPE a><a/>", "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>",
	    "<?pi x?><a/>", "<a><?pi x?></a>", " <?xml version=\"1.0\"?><a/>",
	    "<?xml version=\"1.1\"?><a/>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
	    "<?xml version=\"1.0\"encoding=\"UTF-8\"?><a/>",
	    "<a>\r\n</a>", "<a>x\ry</a>", "<a b='\r'/>",
	    "<a>&bogus;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#X41;</a>", "<a>&#x110000;</a>", "<a>&</a>",
	    "<a>]]></a>", "<a><!-- a -- b --></a>", "<a><!-- a ---></a>", "<a><![CDATA[x</a>",
	    "<a>\x01</a>", "<a>\xC3</a>", "<a>\xC0\xAF</a>", "<a>\xEF\xBF\xBE</a>", "<a>\xED\xA0\x80</a>",
	    "<a b=\"<\"/>", "<a b=1/>", "<a b='1'c='2'/>", "<a b='1' b='2'/>", "<a b/>",
	    "<p:a/>", "<a p:b='1'/>", "<a xmlns:p='urn:x' xmlns:q='urn:x' p:b='1' q:b='2'/>",
	    "<a xmlns=''/>", "<a xmlns='rel'/>", "<a xmlns:p=''/>", "<a xmlns='urn:x' xmlns='urn:y'/>",
	    "<a xmlns:xml='urn:x'/>", "<a xmlns:xmlns='urn:x'/>", "<a xmlns='http://www.w3.org/XML/1998/namespace'/>",
	    "<a xml:space='preserve'/>", "<a xml:id='x'/>", "<a xml:lang='not a tag'/>", "<a xml:lang='en_US'/>",
	    "<xml:a/>", "<a:b:c/>", "<\xC3\xA9/>", "<a\xC3\xA9/>", "<a \xC3\xA9='1'/>", "<1a/>",
	    "<a xmlns:p='urn:x'><p:b></b></a>",
	};
	struct na_arena *a = na_arena_new();
	for (size_t i = 0; i < NA_ARRAY_SIZE(docs); i++) {
		if (na_xmlfast_parse(a, (const unsigned char *)docs[i], strlen(docs[i])))
			test_fail(__FILE__, __LINE__, "taken, should be left to libxml2: %s", docs[i]);
		na_arena_reset(a);
	}
	/* deeper than libxml2 allows without XML_PARSE_HUGE is left to it too */
	struct na_buf deep = {0};
	for (int i = 0; i < 300; i++)
		na_buf_adds(&deep, "<d>");
	for (int i = 0; i < 300; i++)
		na_buf_adds(&deep, "</d>");
	assert_true(!na_xmlfast_parse(a, (const unsigned char *)deep.p, deep.len));
	na_buf_free(&deep);
	na_arena_free(a);
}

static int taken(const unsigned char *p, size_t n)
{
	struct na_arena *a = na_arena_new();
	int ok = na_xmlfast_parse(a, p, n) != NULL;
	na_arena_free(a);
	return ok;
}

/* What the fast path is for: every document our writer produces, and the
 * IPTC examples that need nothing it leaves to libxml2. */
DEFINE_TEST(test_xmlfast_takes_real_documents)
{
	struct na_ctx c;
	test_ctx(&c);
	for (int indent = 0; indent < 2; indent++) {
		struct na_option opts[] = {{"newsml", "indent", indent ? "1" : "0", 0},
		                           {"newsml", "container", "message", 0}};
		c.options = opts;
		c.noptions = 2;
		struct na_output *o = na_output_open_mem(&c);
		struct na_writer *w = na_writer_open(na_format_find("newsml"), o, &c);
		struct na_article *a = na_article_new();
		for (int i = 0; i < 3; i++) {
			na_article_clear(a);
			a->id = i ? "id-1" : NULL;
			a->source = "Wire & Co";
			a->headline = "Zürich <headline> “quoted”";
			a->subheadline = "sub";
			a->language = i == 2 ? "en_US" : "fr";
			a->url = "https://example.org/a?b=1&c=2";
			na_strlist_push(a, &a->byline, "A. Writer", 9);
			na_strlist_push(a, &a->keywords, "k\tw", 3);
			na_article_set_date(a, &a->published, "2015-12-01T10:00:00+01:00", 25);
			na_article_set_date(a, &a->modified, "2015-12-02", 10);
			na_article_add_block(a, NA_BLOCK_PARAGRAPH, "para & <b>one</b>  spaced", 25);
			na_article_add_block(a, NA_BLOCK_HEADING, "heading", 7);
			na_article_add_block(a, NA_BLOCK_QUOTE, "quote ]]> end", 13);
			na_article_add_block(a, NA_BLOCK_LIST_ITEM, "item", 4);
			na_article_add_extra(a, "wire_priority", "{\"a\":[1,\"x\"]}", 13);
			assert_int(na_writer_article(w, a), NA_OK);
		}
		na_writer_close(w);
		size_t n;
		const char *p = na_output_data(o, &n);
		if (!taken((const unsigned char *)p, n))
			test_fail(__FILE__, __LINE__, "our own newsMessage (indent %d) was left to libxml2:\n%s", indent, p);
		na_output_abort(o);
		na_article_free(a);
	}
	if (!test_shared) {
		test_skip("../shared absent: the IPTC examples are not checked");
		return;
	}
	static const char *const ex[] = {"examples/LISTING_1_A_NewsML-G2_News_Item.xml",
	                                 "examples/LISTING_2_NewsML-G2_Text_Document.xml",
	                                 "examples/LISTING_22_Sports_story_in_NewsML-G2NITF.xml",
	                                 "examples/LISTING_24_News_Message_conveying_a_complete_News_Package.xml",
	                                 "examples/Receiver_View.xml", "minimal-text-newsitem.xml"};
	for (size_t i = 0; i < NA_ARRAY_SIZE(ex); i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/reference/newsml-g2/%s", test_shared, ex[i]);
		FILE *f = fopen(path, "rb");
		if (!f) {
			test_fail(__FILE__, __LINE__, "cannot open %s", path);
			continue;
		}
		static unsigned char buf[1 << 20];
		size_t n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		if (!taken(buf, n))
			test_fail(__FILE__, __LINE__, "left to libxml2: %s", path);
	}
}
