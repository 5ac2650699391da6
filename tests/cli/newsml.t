# NewsML-G2 reader safety (issue 3): no external entities, no entity
# expansion bombs, malformed XML reported as file:line:col.

# XXE: a general and a parameter entity pointing at /etc/passwd are not loaded.
% cat > xxe.xml; newsarc convert xxe.xml > out.jsonl; echo "rc=$?"; grep -q 'root:' out.jsonl && echo LEAK || echo "no leak"; cat out.jsonl
<?xml version="1.0"?>
<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % pe SYSTEM "file:///etc/passwd"> %pe;]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x" standard="NewsML-G2" standardversion="2.35">
<itemMeta><itemClass qcode="ninat:text"/><provider><name>P &xxe;</name></provider><versionCreated>2020-01-01T00:00:00Z</versionCreated></itemMeta>
<contentMeta><headline>A &xxe; B</headline></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>&xxe;</p><p>kept</p></body></html></inlineXML></contentSet>
</newsItem>
^D
rc=0
no leak
{"id":"x","source":"P","headline":"A B","modified":"2020-01-01T00:00:00Z","body":[{"type":"p","text":"kept"}]}
2> xxe.xml: warning: external entity 'xxe' ("file:///etc/passwd") not loaded (no network or file access); its references are dropped
2> newsarc: read 1, written 1, rejected 0
=> 0

# An external DTD is not fetched either.
% newsarc convert -q --from newsml; echo "rc=$?"
<?xml version="1.0"?>
<!DOCTYPE newsItem SYSTEM "file:///etc/passwd">
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="d"><itemMeta><itemClass qcode="ninat:text"/><provider/><versionCreated>2020-01-01T00:00:00Z</versionCreated></itemMeta></newsItem>
^D
{"id":"d","modified":"2020-01-01T00:00:00Z"}
rc=0
=> 0

# Billion laughs: a clear error, fast, nothing written.
% python3 -c 'e="".join("<!ENTITY l%d \"%s\">" % (i, ("&l%d;" % (i-1))*10) for i in range(1,10)); print("<?xml version=\"1.0\"?><!DOCTYPE newsItem [<!ENTITY l0 \"lol\">" + e + "]><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"x\"><itemMeta><itemClass qcode=\"ninat:text\"/><provider/><versionCreated>2020-01-01T00:00:00Z</versionCreated></itemMeta><contentMeta><headline>&l9;</headline></contentMeta></newsItem>")' > lol.xml; timeout 20 newsarc convert lol.xml -o out.jsonl 2> err.txt; echo "rc=$?"; grep -q 'error: Detected an entity reference loop' err.txt && echo "clear error"; tail -n 1 err.txt; test -s out.jsonl || echo "nothing written"
rc=5
clear error
newsarc: read 0, written 0, rejected 0
nothing written
=> 0

# Malformed XML: file:line:col, exit 5.
% printf '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x">\n  <itemMeta><bad></itemMeta>\n</newsItem>\n' > bad.xml; newsarc convert bad.xml
2> bad.xml:2:29: error: Opening and ending tag mismatch: bad line 2 and itemMeta
2> newsarc: read 0, written 0, rejected 0
=> 5

# The reader hands libxml2 an ASCII view of the text runs of a UTF-8 document
# (non-ASCII masked, taken back from the original bytes): text next to
# comments, CDATA, PIs, references, CRLF and attributes holding '>' comes out whole.
% printf '<?xml version="1.0" encoding="UTF-8"?>\r\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="v" xml:lang="de"><itemMeta><itemClass qcode="ninat:text"/><provider literal="Pr\xc3\xb6vider &gt; &amp; Co"/><versionCreated>2020-01-01T00:00:00Z</versionCreated></itemMeta>\r\n<contentMeta><headline>\xc3\x9cber <!-- \xc3\xa9 <x> --> &amp; <![CDATA[<\xc3\xa9>]]> \xe6\x9d\xb1\xe4\xba\xac &#252;<?pi \xc3\xa4?> ende</headline></contentMeta>\r\n<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p title="a > \xc3\xbc">\xe2\x80\x9cZitat\xe2\x80\x9d \xe2\x80\x94 na\xc3\xafve\r\nzweite Zeile \xf0\x9f\x98\x80</p></body></html></inlineXML></contentSet></newsItem>\r\n' | newsarc convert -q --from newsml
{"id":"v","source":"Prövider > & Co","headline":"Über & <é> 東京 ü ende","language":"de","modified":"2020-01-01T00:00:00Z","body":[{"type":"p","text":"“Zitat” — naïve zweite Zeile 😀"}]}
=> 0

# Invalid UTF-8 in text is never masked: libxml2 still reports it.
% printf '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="u"><itemMeta><itemClass qcode="ninat:text"/><provider><name>Z\xc3\xbcrich \xe6\x9d</name></provider></itemMeta></newsItem>\n' > badu.xml; newsarc convert badu.xml 2>&1 | head -n 1
badu.xml:1:128: error: Input is not proper UTF-8, indicate encoding !
=> 0

# A reference's name is never masked: an undefined &é; is named as written.
% printf '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="u"><itemMeta><itemClass qcode="ninat:text"/><provider><name>Z\xc3\xbcrich &\xc3\xa9; x</name></provider></itemMeta></newsItem>\n' > ent.xml; newsarc convert ent.xml
2> ent.xml:1:131: error: Entity 'é' not defined
2> newsarc: read 0, written 0, rejected 0
=> 5

# An encoding libxml2 cannot convert halts the parser: an error, exit 5 (not an empty success).
% printf '\x4c\x6f\xa7\x94rest' > ebcdic.xml; newsarc convert --from newsml ebcdic.xml 2>&1 | grep -v 'encod'
ebcdic.xml:1:1: error: XML is not well-formed
newsarc: read 0, written 0, rejected 0
=> 0

# Error columns count characters, also after masked text on the same line.
% printf '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="u"><itemMeta><itemClass qcode="ninat:text"/><provider><name>Z\xc3\xbcrich \xe6\x9d\xb1\xe4\xba\xac \xe2\x80\x9cq\xe2\x80\x9d</name><bad></provider></itemMeta></newsItem>\n' > col.xml; newsarc convert col.xml
2> col.xml:1:157: error: Opening and ending tag mismatch: bad line 1 and provider
2> newsarc: read 0, written 0, rejected 0
=> 5

# A newsMessage broken after 1001 items: the items before the error are kept.
% python3 -c 'i="<newsItem guid=\"a\"><itemMeta><itemClass qcode=\"ninat:text\"/><provider/><versionCreated>2020-01-01T00:00:00Z</versionCreated></itemMeta></newsItem>\n"; print("<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header><sent>2020-01-01T00:00:00Z</sent></header><itemSet>\n" + i * 1001 + "<newsItem guid=\"b\"><itemMeta></newsItem>")' > broken.xml; newsarc convert broken.xml -o out.jsonl; n=$(wc -l < out.jsonl); [ "$n" -eq 1001 ] && echo "every item before the error kept"
every item before the error kept
2> broken.xml:1003:41: error: Opening and ending tag mismatch: itemMeta line 1003 and newsItem
2> newsarc: read 1001, written 1001, rejected 0
=> 0

# Not NewsML-G2: a clear error when forced.
% echo '<rss version="2.0"><channel/></rss>' | newsarc convert --from newsml
2> <stdin>:1: error: root element <rss> is not a NewsML-G2 item or newsMessage (namespace http://iptc.org/std/nar/2006-10-01/)
2> newsarc: read 0, written 0, rejected 0
=> 5

# Writer options: container and indent are checked; container=item holds one article.
# (--jobs 1: with reader threads the record position names a freed input name, a convert bug reported to the lead)
% newsarc convert -q $ROOT/examples/articles.jsonl --to newsml -O newsml:container=box
2> error: -O newsml:container must be auto, item or message, not 'box'
=> 4

% newsarc convert --jobs 1 $ROOT/examples/articles.jsonl --to newsml -O newsml:container=item -o one.xml; grep -c '<newsItem ' one.xml
1
2> $ROOT/examples/articles.jsonl:2:1: error: -O newsml:container=item holds one article; this one is not written (use container=message)
2> $ROOT/examples/articles.jsonl:3:1: error: -O newsml:container=item holds one article; this one is not written (use container=message)
2> newsarc: read 3, written 1, rejected 2
=> 0

# Control characters XML cannot carry are dropped with a warning; the output stays well-formed.
% printf '{"id":"c","headline":"a\\u0001b","body":[{"type":"p","text":"x\\u001fy"}]}\n' | newsarc convert --jobs 1 --from jsonl --to newsml | newsarc convert -q --from newsml
{"id":"c","headline":"ab","body":[{"type":"p","text":"xy"}]}
2> <stdin>:1:1: warning: 2 character(s) that XML 1.0 cannot carry (control characters) dropped
2> newsarc: read 1, written 1, rejected 0
=> 0

% newsarc formats | grep '^newsml '
newsml     rwp  nml,newsml.xml           IPTC NewsML-G2 2.35 newsItem / newsMessage (text items)
=> 0
