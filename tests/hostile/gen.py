#!/usr/bin/env python3
"""Generate the hostile inputs of tests/hostile/cases.txt into a directory.

Binary and huge inputs (gzip and zip bombs, truncated archives, tar with
../ and symlink entries, 100 MB lines, UTF-16) are made here rather than
committed.  Usage: gen.py OUTDIR [NAME...]  (default: every input).
"""
import gzip, io, json, os, sys, tarfile, zipfile, zlib

OUT = sys.argv[1]
ONLY = set(sys.argv[2:])
GEN = {}


def gen(name):
    def deco(fn):
        GEN[name] = fn
        return fn
    return deco


def good(i):
    return {"id": f"good-{i}", "headline": f"Good headline {i}", "published": "2015-12-15T10:15:00Z",
            "body": [{"type": "p", "text": f"Body of good record {i}."}]}


def jl(*objs):
    return b"".join(json.dumps(o, ensure_ascii=False).encode() + b"\n" for o in objs)


G1, G2 = jl(good(1)), jl(good(2))

# ---- JSON / JSON Lines ------------------------------------------------------
gen("deep-array.jsonl")(lambda: G1 + b"[" * 100000 + b"]" * 100000 + b"\n" + G2)
gen("deep-object.jsonl")(lambda: G1 + b'{"a":' * 100000 + b"1" + b"}" * 100000 + b"\n" + G2)
gen("deep.json")(lambda: b"[" * 100000 + b"]" * 100000)
gen("deep-unclosed.json")(lambda: b"[" * 100000)
gen("long-line.jsonl")(lambda: G1 + b'{"headline":"' + b"x" * 100_000_000 + b'"}\n' + G2)
gen("long-line.json")(lambda: b'{"headline":"' + b"x" * 3_000_000 + b'"}')
gen("small-limit.jsonl")(lambda: G1 + jl({"headline": "y" * 4000}) + G2)
gen("nul.jsonl")(lambda: G1 + b'{"headline":"a\x00b"}\n' + b'\x00\x00\x00\n' + G2)
gen("nul-escape.jsonl")(lambda: G1 + b'{"headline":"a\\u0000b"}\n' + G2)
gen("control.jsonl")(lambda: G1 + b'{"headline":"tab\there"}\n' + G2)
gen("surrogate.jsonl")(lambda: G1 + b'{"headline":"\\udc00x"}\n' + G2)
gen("overlong.jsonl")(lambda: G1 + b'{"headline":"\xc0\xaf"}\n' + b'{"headline":"\xed\xa0\x80"}\n' + G2)
gen("bignum.jsonl")(lambda: G1 + b'{"id":"n","x":1e999999999,"y":-0,"z":' + b"9" * 100000 + b'}\n' + G2)
gen("dup-ids.jsonl")(lambda: G1 + jl({"id": "good-1", "headline": "Same id again"}) + G2)
gen("dup-key.jsonl")(lambda: G1 + b'{"id":"a","id":"b","headline":"dup"}\n' + G2)
gen("wrong-types.jsonl")(lambda: G1 + b'{"headline":["x"]}\n{"body":"text"}\n{"byline":7}\n' + G2)
gen("utf16le-nobom.jsonl")(lambda: (G1 + G2).decode().encode("utf-16-le"))
gen("utf16be-nobom.json")(lambda: json.dumps(good(1)).encode("utf-16-be"))
gen("bom-mid.jsonl")(lambda: G1 + b"\xef\xbb\xbf" + G2)
gen("empty.jsonl")(lambda: b"")
gen("only-newlines.jsonl")(lambda: b"\n" * 100000)
gen("many-keys.jsonl")(lambda: G1 + b"{" + b",".join(b'"k%d":%d' % (i, i) for i in range(200000)) + b"}\n" + G2)
gen("array-bad-member.json")(lambda: b'[' + json.dumps(good(1)).encode() + b',5,' + json.dumps(good(2)).encode() + b']')
gen("truncated.json")(lambda: b'[' + json.dumps(good(1)).encode() + b',{"id":')
gen("js-url.jsonl")(lambda: G1 + jl({"id": "js", "headline": "x", "url": "javascript:alert(1)"}) + G2)
gen("bad-date.jsonl")(lambda: G1 + jl({"id": "d", "headline": "x", "published": "2015-13-45T99:99:99Z"}) + G2)

FIELDS = ["id", "source", "url", "headline", "subheadline", "byline", "dateline", "language",
          "published", "modified", "keywords", "subjects", "section", "body"]


def bad_field(field):
    v = b'"bad \xff\xfe byte"'
    if field in ("byline", "keywords", "subjects"):
        v = b"[" + v + b"]"
    if field == "body":
        v = b'[{"type":"p","text":' + v + b"}]"
    return G1 + b'{"id":"bad","' + field.encode() + b'":' + v + b"}\n" + G2


for f in FIELDS:
    gen(f"badutf8-{f}.jsonl")(lambda f=f: bad_field(f))

# ---- gzip ------------------------------------------------------------------
gen("truncated.jsonl.gz")(lambda: gzip.compress(G1 * 2000 + G2)[:-300])
gen("truncated-header.jsonl.gz")(lambda: b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03")


def corrupt_gz():
    z = bytearray(gzip.compress(G1 * 5000 + G2, 9))
    for i in range(len(z) // 2, len(z) // 2 + 40):
        z[i] ^= 0x55
    return bytes(z)


gen("corrupt.jsonl.gz")(corrupt_gz)
gen("trailing-garbage.jsonl.gz")(lambda: gzip.compress(G1 + G2) + b"garbage after the member\n")


def bomb(total_mb, data=b"\0"):
    # concatenated members of 16 MB each: compressed once, repeated
    member = gzip.compress(data * (16 << 20) if len(data) == 1 else data, 9)
    return member * (total_mb // 16)


gen("bomb.jsonl.gz")(lambda: bomb(1024))
gen("bomb-newlines.jsonl.gz")(lambda: gzip.compress(G1) + bomb(1024, b"\n") + gzip.compress(G2))

# ---- XML family --------------------------------------------------------------
XXE = b'<!DOCTYPE %s [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY rem SYSTEM "http://127.0.0.1:9/x">]>\n'
LAUGHS = (b'<!DOCTYPE %s [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10)) + b"]>\n")


def nitf(headline=b"Good headline", body=b"<p>Body text.</p>", doctype=b""):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + doctype +
            b'<nitf><head><title>' + headline + b'</title><docdata><doc-id id-string="n1"/>'
            b'<date.issue norm="20151215T101500Z"/></docdata></head><body><body.head><hedline><hl1>' +
            headline + b'</hl1></hedline></body.head><body.content>' + body +
            b'</body.content></body></nitf>\n')


def rss(items):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed</title>'
            b'<link>https://example.com/</link><description>d</description>' + items + b'</channel></rss>\n')


def item(title=b"Good item", link=b"https://example.com/a", extra=b""):
    return (b"<item><title>" + title + b"</title><link>" + link + b"</link><guid>" + link +
            b"</guid><pubDate>Tue, 15 Dec 2015 10:15:00 +0000</pubDate><description>Text.</description>" +
            extra + b"</item>")


def atom(entries):
    return (b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            b'<title>Feed</title><id>urn:feed</id><updated>2015-12-15T10:15:00Z</updated>' + entries + b'</feed>\n')


def entry(title=b"Good entry", href=b"https://example.com/e", eid=b"urn:e1"):
    return (b'<entry><title>' + title + b'</title><link href="' + href + b'"/><id>' + eid +
            b'</id><updated>2015-12-15T10:15:00Z</updated><content type="text">Text.</content></entry>')


def newsml(headline=b"Good headline", doctype=b"", body=b"<p>Body.</p>"):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + doctype +
            b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:g1" version="1" standard="NewsML-G2" '
            b'standardversion="2.25"><itemMeta><itemClass qcode="ninat:text"/><provider literal="X"/>'
            b'<versionCreated>2015-12-15T10:15:00Z</versionCreated></itemMeta><contentMeta>'
            b'<headline>' + headline + b'</headline></contentMeta><contentSet>'
            b'<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>' +
            body + b'</body></html></inlineXML></contentSet></newsItem>\n')


def newsml1(headline=b"Good headline", doctype=b""):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n' + doctype +
            b'<NewsML><NewsEnvelope><DateAndTime>20151215T101500Z</DateAndTime></NewsEnvelope>'
            b'<NewsItem><Identification><NewsIdentifier><ProviderId>x</ProviderId><DateId>20151215</DateId>'
            b'<NewsItemId>1</NewsItemId><RevisionId PreviousRevision="0" Update="N">1</RevisionId>'
            b'<PublicIdentifier>urn:newsml:x:20151215:1:1</PublicIdentifier></NewsIdentifier></Identification>'
            b'<NewsComponent><NewsLines><HeadLine>' + headline + b'</HeadLine></NewsLines>'
            b'<ContentItem><DataContent><p>Body.</p></DataContent></ContentItem></NewsComponent></NewsItem></NewsML>\n')


def wxr(items):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            b'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Blog</title><wp:wxr_version>1.2</wp:wxr_version>' +
            items + b'</channel></rss>\n')


def wxr_item(title=b"Good post", body=b"<p>Post body.</p>"):
    return (b'<item><title>' + title + b'</title><link>https://blog.example/p</link><wp:post_id>1</wp:post_id>'
            b'<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>'
            b'<wp:post_date_gmt>2015-12-15 10:15:00</wp:post_date_gmt>'
            b'<content:encoded><![CDATA[' + body + b']]></content:encoded></item>')


DEEP = b"<div>" * 100000 + b"x" + b"</div>" * 100000
for fmt, make in [("nitf", lambda **k: nitf(**k)), ("newsml", lambda **k: newsml(**k))]:
    gen(f"xxe.{fmt}.xml")(lambda make=make, fmt=fmt: make(doctype=XXE % fmt.encode(), headline=b"Head &xxe; &rem; end"))
    gen(f"laughs.{fmt}.xml")(lambda make=make, fmt=fmt: make(doctype=LAUGHS % fmt.encode(), headline=b"&lol9;"))
    gen(f"deep.{fmt}.xml")(lambda make=make: make(body=DEEP))
    gen(f"nul.{fmt}.xml")(lambda make=make: make(headline=b"a\x00b"))
    gen(f"badutf8.{fmt}.xml")(lambda make=make: make(headline=b"caf\xe9"))
    gen(f"utf16-nobom.{fmt}.xml")(lambda make=make: make().replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16-le"))
    gen(f"truncated.{fmt}.xml")(lambda make=make: make()[:len(make()) // 2])
gen("external-dtd.nitf.xml")(lambda: nitf(doctype=b'<!DOCTYPE nitf SYSTEM "http://127.0.0.1:9/nitf-3-2.dtd">\n'))
gen("external-dtd-file.nitf.xml")(lambda: nitf(doctype=b'<!DOCTYPE nitf PUBLIC "-//IPTC//DTD NITF 3.2//EN" "/etc/passwd">\n'))
gen("script-headline.nitf.xml")(lambda: nitf(headline=b"Real &lt;script&gt;alert(1)&lt;/script&gt; news"))
gen("xxe.newsml1.xml")(lambda: newsml1(doctype=XXE % b"NewsML", headline=b"Head &xxe; end"))
gen("laughs.newsml1.xml")(lambda: newsml1(doctype=LAUGHS % b"NewsML", headline=b"&lol9;"))
gen("external-dtd.newsml1.xml")(lambda: newsml1(doctype=b'<!DOCTYPE NewsML SYSTEM "http://127.0.0.1:9/NewsML_1.2.dtd">\n'))
gen("badutf8.newsml1.xml")(lambda: newsml1(headline=b"caf\xe9"))

JSI = item(title=b"Evil", link=b"javascript:alert(1)")
gen("js-link.rss")(lambda: rss(item(title=b"Good one") + JSI + item(title=b"Good two", link=b"https://example.com/b")))
gen("js-link-entity.rss")(lambda: rss(item(link=b"&#106;avascript:alert(1)") + item(title=b"Good two")))
gen("xxe.rss")(lambda: rss(item(title=b"Head &xxe; end")).replace(b"<rss", XXE % b"rss" + b"<rss", 1))
gen("laughs.rss")(lambda: rss(item(title=b"&lol9;")).replace(b"<rss", LAUGHS % b"rss" + b"<rss", 1))
gen("deep.rss")(lambda: rss(item(extra=b"<x>" * 100000 + b"</x>" * 100000)))
gen("truncated.rss")(lambda: rss(item(title=b"Good one") + item(title=b"Good two"))[:-60])
gen("nul.rss")(lambda: rss(item(title=b"a\x00b")))
gen("badutf8.rss")(lambda: rss(item(title=b"caf\xe9")))
gen("utf16-nobom.rss")(lambda: rss(item()).replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16-le"))
gen("script-title.rss")(lambda: rss(item(title=b"Real &lt;script&gt;alert(1)&lt;/script&gt; news")))
gen("dup-guid.rss")(lambda: rss(item() + item()))
gen("js-link.atom")(lambda: atom(entry() + entry(title=b"Evil", href=b"javascript:alert(1)", eid=b"urn:e2") + entry(eid=b"urn:e3")))
gen("xxe.atom")(lambda: atom(entry(title=b"Head &xxe; end")).replace(b"<feed", XXE % b"feed" + b"<feed", 1))
gen("laughs.atom")(lambda: atom(entry(title=b"&lol9;")).replace(b"<feed", LAUGHS % b"feed" + b"<feed", 1))
gen("deep.atom")(lambda: atom(entry(title=b"<x>" * 100000 + b"</x>" * 100000)))
gen("badutf8.atom")(lambda: atom(entry(title=b"caf\xe9")))
gen("xxe.wxr.xml")(lambda: wxr(wxr_item(title=b"Head &xxe; end")).replace(b"<rss", XXE % b"rss" + b"<rss", 1))
gen("script.wxr.xml")(lambda: wxr(wxr_item(body=b"<p>ok</p><script>alert(1)</script><p>after</p>")))
gen("deep.wxr.xml")(lambda: wxr(wxr_item(body=b"<div>" * 100000 + b"</div>" * 100000)))

# ---- HTML ------------------------------------------------------------------


def page(title=b"Good page", body=b"<p>Paragraph one of the article.</p>", head=b""):
    return (b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + b"</title>" + head +
            b"</head><body><article><h1>" + title + b"</h1>" + body + b"</article></body></html>\n")


gen("script-headline.html")(lambda: page(title=b"Real<script>alert(1)</script> news"))
gen("script-body.html")(lambda: page(body=b"<p>Before the script comes a paragraph long enough to count as article text, "
                                           b"with a few more words so that any content extractor keeps it.</p>"
                                           b"<script>document.write('x')</script><p>After the script comes a second "
                                           b"paragraph, also long enough to be kept as part of the article body.</p>"))
gen("deep.html")(lambda: page(body=b"<div>" * 100000 + b"<p>deep</p>" + b"</div>" * 100000))
gen("deep-unclosed.html")(lambda: page(body=b"<span>" * 200000))
gen("long-line.html")(lambda: page(body=b"<p>" + b"word " * 600_000 + b"</p>"))
gen("nul.html")(lambda: page(title=b"a\x00b", body=b"<p>x\x00y</p>"))
gen("badutf8.html")(lambda: page(title=b"caf\xe9 \xff", body=b"<p>\xc0\xaf bad</p>"))
gen("utf16-nobom.html")(lambda: page().replace(b'<meta charset="utf-8">', b"").decode().encode("utf-16-le"))
gen("huge-attr.html")(lambda: page(head=b'<meta name="description" content="' + b"a" * 3_000_000 + b'">'))
gen("many-tags.html")(lambda: page(body=b"<p>x</p>" * 500000))
gen("js-canonical.html")(lambda: page(head=b'<link rel="canonical" href="javascript:alert(1)">'))
gen("entities.html")(lambda: page(body=b"<p>" + b"&amp;&lt;&#x10FFFF;&#xD800;&#0;&#99999999;" * 1000 + b"</p>"))
# published_raw is a window of the text around the headline, cut at 200
# bytes: here in the middle of a two-byte character (the window before the
# headline is tests/hostile/fuzz/html/date-window-utf8.b64)
gen("date-window-utf8-after.html")(lambda: page(title=b"A headline here",
    body=b"<p>Published 2015-12-15 xx" + "\u00e9".encode() * 200 + b"</p><p>Body text of the article.</p>"))

# ---- WARC ------------------------------------------------------------------


def warc_record(payload, length=None, rtype=b"response", uri=b"https://example.com/a"):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    n = len(http) if length is None else length
    return (b"WARC/1.0\r\nWARC-Type: " + rtype + b"\r\nWARC-Target-URI: " + uri +
            b"\r\nWARC-Date: 2015-12-15T10:15:00Z\r\nWARC-Record-ID: <urn:uuid:" + os.urandom(4).hex().encode() +
            b">\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " + str(n).encode() +
            b"\r\n\r\n" + http + b"\r\n\r\n")


P1, P2 = page(title=b"First page"), page(title=b"Second page")
gen("cl-long.warc")(lambda: warc_record(P1) + warc_record(P2, length=len(P2) + 100000))
gen("cl-short.warc")(lambda: warc_record(P1, length=50) + warc_record(P2))
gen("cl-bad.warc")(lambda: warc_record(P1).replace(b"Content-Length: ", b"Content-Length: -", 1) + warc_record(P2))
gen("cl-huge.warc")(lambda: warc_record(P1, length=99999999999999) + warc_record(P2))
gen("truncated.warc.gz")(lambda: gzip.compress(warc_record(P1)) + gzip.compress(warc_record(P2))[:-40])
gen("bomb.warc.gz")(lambda: gzip.compress(warc_record(P1)) + gzip.compress(warc_record(b"\0" * (200 << 20)), 9))
gen("nul.warc")(lambda: warc_record(P1) + b"\0" * 1000 + warc_record(P2))
gen("garbage-header.warc")(lambda: warc_record(P1) + b"WARC/1.0\r\n" + b"X" * 100000 + b"\r\n\r\n" + warc_record(P2))

# ---- bundles (zip, tar) ---------------------------------------------------------


def zbytes(entries, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method) as z:
        for name, data in entries:
            z.writestr(name, data)
    return b.getvalue()


def tbytes(entries, mode="w"):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode=mode) as t:
        for e in entries:
            name, kind, data = e
            ti = tarfile.TarInfo(name)
            ti.mtime = 1450174500
            if kind == "file":
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
            else:
                ti.type = tarfile.SYMTYPE if kind == "symlink" else tarfile.LNKTYPE
                ti.linkname = data
                t.addfile(ti)
    return b.getvalue()


def zip_bomb():
    # one entry of 256 MB of zeros: deflate reaches about 1000:1
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("a.jsonl", G1)
        with z.open("bomb.jsonl", "w", force_zip64=True) as w:
            chunk = b"\0" * (16 << 20)
            for _ in range(16):
                w.write(chunk)
        z.writestr("z.jsonl", G2)
    return b.getvalue()


gen("bomb.zip")(zip_bomb)
gen("nested.zip")(lambda: (lambda inner: [inner := zbytes([("in.zip", inner)]) for _ in range(20)][-1])(zbytes([("a.jsonl", G1)])))
gen("many-entries.zip")(lambda: zbytes([("a.jsonl", G1)] + [(f"e{i}.txt", b"") for i in range(5000)]))
gen("dotdot.zip")(lambda: zbytes([("a.jsonl", G1), ("../escape.jsonl", G1), ("/tmp/na-hostile-abs.jsonl", G1),
                                  ("../../na-hostile-up2.jsonl", G2)]))
gen("truncated.zip")(lambda: zbytes([("a.jsonl", G1 * 100), ("b.jsonl", G2 * 100)])[:-200])
gen("bad-crc.zip")(lambda: (lambda z: z.replace(b"Good headline 2", b"Evil headline 2", 1))(zbytes([("a.jsonl", G1), ("b.jsonl", G2)], zipfile.ZIP_STORED)))
gen("dotdot.tar")(lambda: tbytes([("a.jsonl", "file", G1), ("../escape.jsonl", "file", G1),
                                  ("/tmp/na-hostile-abs.jsonl", "file", G1), ("link.jsonl", "symlink", "/etc/passwd"),
                                  ("up.jsonl", "symlink", "../../../../etc/passwd"), ("hard.jsonl", "hardlink", "a.jsonl"),
                                  ("z.jsonl", "file", G2)]))
gen("truncated.tar.gz")(lambda: tbytes([("a.jsonl", "file", G1), ("b.jsonl", "file", G2 * 3000)], "w:gz")[:-500])
gen("bomb.tar.gz")(lambda: tbytes([("a.jsonl", "file", G1), ("bomb.jsonl", "file", b"\0" * (200 << 20)), ("z.jsonl", "file", G2)], "w:gz"))

# ---- plain text --------------------------------------------------------------
gen("nul.txt")(lambda: b"Headline\n\nFirst\x00 paragraph.\n\nSecond paragraph.\n")
gen("badutf8.txt")(lambda: b"Caf\xe9 headline\n\nBody \xff\xfe text.\n")
gen("utf16-nobom.txt")(lambda: "Headline\n\nBody text here.\n".encode("utf-16-le"))
gen("long-line.txt")(lambda: b"Headline\n\n" + b"word " * 600_000 + b"\n")

# ---- JSON-based formats ------------------------------------------------------------
gen("deep.ninjs.json")(lambda: b'{"uri":"urn:x","headline":"x","extra":' + b"[" * 100000 + b"]" * 100000 + b"}")
gen("badutf8.ninjs.json")(lambda: b'{"uri":"urn:x","type":"text","headline":"caf\xe9","body_text":"t"}')
gen("script.ninjs.json")(lambda: json.dumps({"uri": "urn:x", "type": "text", "headline": "Real news",
                                             "body_html": "<p>ok</p><script>alert(1)</script><p>after</p>"}).encode())
gen("js-url.feed.json")(lambda: json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": [
    {"id": "1", "url": "https://example.com/1", "title": "Good one", "content_text": "t"},
    {"id": "2", "url": "javascript:alert(1)", "title": "Evil", "content_text": "t"},
    {"id": "3", "url": "https://example.com/3", "title": "Good two", "content_text": "t"}]}).encode())
gen("dup-ids.feed.json")(lambda: json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": [
    {"id": "1", "title": "One", "content_text": "t"}, {"id": "1", "title": "One again", "content_text": "t"}]}).encode())
gen("deep.feed.json")(lambda: b'{"version":"https://jsonfeed.org/version/1.1","title":"F","items":' + b"[" * 100000 + b"]" * 100000 + b"}")


# ---- fuzzer finds: tests/hostile/fuzz/<target>/<name>.b64 -> fuzz-<target>-<name>
import base64
FUZZ = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzz")
for target in sorted(os.listdir(FUZZ)) if os.path.isdir(FUZZ) else []:
    for f in sorted(os.listdir(os.path.join(FUZZ, target))):
        if f.endswith(".b64"):
            path = os.path.join(FUZZ, target, f)
            gen(f"fuzz-{target}-{f[:-4]}")(lambda path=path: base64.b64decode(open(path, "rb").read()))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, fn in GEN.items():
        if ONLY and name not in ONLY:
            continue
        path = os.path.join(OUT, name)
        if not os.path.exists(path):
            data = fn()
            with open(path + ".part", "wb") as f:
                f.write(data)
            os.rename(path + ".part", path)


if __name__ == "__main__":
    main()
