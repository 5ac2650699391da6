# Feeds (issue 8): options, probing between rss and wxr, damaged input.
% newsarc formats | grep -E '^(rss|atom|ninjs|jsonfeed|wxr) ' | cut -c1-16
atom       rwp  
jsonfeed   r-p  
ninjs      rwp  
rss        rwp  
wxr        r-p  
=> 0

% printf '{"id":"a","headline":"x"}\n' | newsarc convert --from jsonl --to rss -O rss:foo=1
2> newsarc convert: -O rss:foo=1: undefined option 'foo' for format rss
2> Try 'newsarc convert --help'.
=> 2

% printf '{"id":"a","headline":"x"}\n' | newsarc convert -q --from jsonl --to ninjs -O ninjs:version=4
2> -O ninjs:version: error: ninjs version "4": 3.1 or 2.2
=> 4

# A WordPress export is wxr (100) rather than rss (90); --from rss still reads it as RSS.
% printf '<?xml version="1.0"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog</title><wp:author><wp:author_login>jo</wp:author_login><wp:author_display_name>Jo Smith</wp:author_display_name></wp:author><item><title>Post</title><dc:creator>jo</dc:creator><wp:post_type>post</wp:post_type></item><item><title>Logo</title><wp:post_type>attachment</wp:post_type></item></channel></rss>\n' > export.xml; newsarc convert -v export.xml 2>&1 | grep -v '^newsarc: read'; newsarc convert -q --from rss export.xml
{"source":"Blog","headline":"Post","byline":["Jo Smith"],"wp_post_type":"post"}
{"source":"Blog","headline":"Post","byline":["jo"]}
{"source":"Blog","headline":"Logo"}
=> 0

# A blank line before the declaration is a warning; damage keeps what came before.
% printf '\n<?xml version="1.0"?>\n<rss><channel><title>T</title>\n<item><title>One</title></item>\n</channel>\n' > t.xml; newsarc convert t.xml
{"source":"T","headline":"One"}
2> t.xml:1:1: warning: a blank line before the XML declaration skipped (XML allows nothing before it)
2> t.xml:5:11: error: Extra content at the end of the document
2> t.xml: note: the document ends before its root element is closed (truncated?); the items before the damage were kept
2> newsarc: read 1, written 1, rejected 0
=> 5

% printf '<html><body>no feed</body></html>\n' | newsarc convert --from rss
2> <stdin>:1: error: root element <html> is not <rss> or <rdf:RDF>: not an RSS feed
2> newsarc: read 0, written 0, rejected 0
=> 5

# UTF-16 with and without a BOM, big5: probed and decoded into UTF-8.
% printf '<?xml version="1.0" encoding="utf-16"?><rss><channel><title>T</title><item><title>caf\xc3\xa9 \xe2\x82\xac</title></item></channel></rss>' > u8.xml; iconv -f utf-8 -t utf-16 u8.xml > bom.xml; iconv -f utf-8 -t utf-16be u8.xml > be.xml; sed 's/utf-16/big5/; s/caf\xc3\xa9 \xe2\x82\xac/\xe4\xb8\xad\xe6\x96\x87/' u8.xml | iconv -f utf-8 -t big5 > b5.xml; newsarc convert -q bom.xml be.xml b5.xml
{"source":"T","headline":"café €"}
{"source":"T","headline":"café €"}
{"source":"T","headline":"中文"}
=> 0
