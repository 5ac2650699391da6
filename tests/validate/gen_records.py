#!/usr/bin/env python3
"""Generate article records for the validator's differential test: valid
ones and mutated ones (missing fields, wrong types, bad dates, bad URLs, bad
language tags, lengths around the limits in non-ASCII text), plus extra keys
that the test schemas in tests/validate/schemas/ look at.

usage: gen_records.py COUNT SEED > records.jsonl   (deterministic)"""
import json, random, sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 6)

GOOD_URLS = ["https://news.example.org/2015/12/15/a.html", "http://example.com", "http://example.com:8080/x?y=1#z",
             "https://user:pw@host.example/p/a%20b", "http://[::1]/", "http://[2001:db8::7]:80/a",
             "http://[v1.fe]/", "urn:isbn:0451450523", "mailto:desk@example.org", "http:/relative/abs",
             "ftp://ftp.example.org/", "http://192.168.0.1/", "news:comp.lang.c", "tag:example.org,2015:x",
             "http://example.com/a/../b/./c", "https://example.com/?q=a/b?c", "HTTP://EXAMPLE.COM/"]
BAD_URLS = ["not a url", "http//example.com", "http://exa mple.com/", "http://[::1/", "example.com/path",
            "http://example.com/%zz", "ftp://host:80a/", "http://例え.jp/", "http://h/p?q#f#g", "://x",
            "1http://x", "http://[1:2:3:4:5:6:7:8:9]/", "http://[::1::2]/", "http://x/\u00e9", "abc",
            "http:", "http://a\"b/", "http://x/<y>", "s:?q", "http://[v1.]/", "http://[fe80::1%25en0]/"]
GOOD_LANGS = ["en", "en-US", "zh-Hant-TW", "de-CH-1901", "x-private", "en-US-u-ca-gregory", "sgn-BE-FR",
              "es-419", "fr", "pt-BR", "sr-Latn-RS", "en-x-ab-cd", "i-klingon"[:0] + "ja"]
BAD_LANGS = ["en_US", "english-language-tag-x", "e", "en-", "123", "en--US", "-en", "en US", "fr-FR-", "x",
             "zh-Hant-TW-x", "dé"]
GOOD_DATES = ["2015-12-15T10:15:00+01:00", "2015-12-15", "2015-12-15T10:15:00", "2015-12-15T10:15:00Z",
              "2016-02-29", "2015-12-15T10:15:00.250Z", "2020-06-30T23:59:59-07:00"]
# raw dates the reader normalizes or gives up on (then only *_raw is kept)
ODD_DATES = ["Tue, 15 Dec 2015 10:15:00 +0100", "December 15, 2015", "15.12.2015", "yesterday", "2015-13-45",
             "2015-02-30T10:00:00Z", "", "0000-00-00", "2015-12-15 25:00"]
WHEN = ["2015-12-15T10:15:00Z", "2015-12-15t10:15:00z", "2015-12-15 10:15:00+01:00", "2015-12-15T10:15:00",
        "2015-12-15T23:59:60Z", "2015-12-15T22:59:60-01:00", "2015-12-15T12:59:60Z", "2015-12-15T10:15:00+24:00",
        "2015-12-15T10:15:00+0100", "2015-12-15T10:15:00+01", "2015-12-15T10:15:00.5+01:00", "2015-02-29T10:00:00Z",
        "2016-02-29T10:00:00Z", "2015-12-15TT10:15:00Z", "2015-12-15T10:15Z", "2015-12-15\u00a010:15:00Z",
        "2015-12-15T10:15:00.Z", "2015-12-15T24:00:00Z", "15-12-2015T10:15:00Z", "2015-12-15T10:60:00Z"]
DAYS = ["2015-12-15", "2016-02-29", "2015-02-29", "2000-02-29", "1900-02-29", "2015-04-31", "2015-00-10",
        "2015-1-10", "20151215", "2015-12-15 "]
TIMES = ["10:15:00Z", "10:15:00", "23:59:60Z", "10:15:00.123+05:30", "25:00:00Z", "10:15:00+05:3", "10:15:00-0000",
         "10:15Z", "00:00:00z", "23:59:60+00:00", "00:59:60+01:00"]
EMAILS = ["desk@example.org", "a.b+c@ex-ample.co.uk", "a..b@example.org", ".a@example.org", "a@example",
          "a@-example.org", "a@example-.org", "a b@example.org", "ä@example.org", "a@b.c", "a@b..c", "@example.org",
          "a@@b.org", "o'hara@example.ie", "a@example.org."]
CODES = ["AB-123", "ABC-1234", "A-123", "ab-123", "AB-12", "ABCD-123", "AB-١٢٣", "AB-123 ", "XX-000000"]
WORDS = ["color", "colour", "grey area", "gray", "colors", "the color red", "grayish", "c", "colour" * 3, "GRAY",
         "grey\u00e9"]
FREE = ["plain", "with space", "a<b", "tab\there", "nbsp\u00a0x", "", "ideographic\u3000space", "ok-\u00e9"]
EXTRA_NAMES = ["Ana Ruiz", "Bo Li", "Ana Ruiz"]

UNI = ["\u00e9", "\u4e2d", "\U0001F600", "a", "\u0416"]


def text(n, alphabet=None):
    alphabet = alphabet or rnd.choice(UNI)
    return "".join(rnd.choice(alphabet) if len(alphabet) > 1 else alphabet for _ in range(n))


def base(i):
    r = {"id": f"rec-{i}", "source": rnd.choice(["Example Wire", "Agence Exemple", "Nachrichten"]),
         "url": rnd.choice(GOOD_URLS), "headline": rnd.choice(["Harbour bridge reopens", "Élection: résultats",
                                                               "新しい橋が開通", "Zug fällt aus"]),
         "language": rnd.choice(GOOD_LANGS), "published": rnd.choice(GOOD_DATES),
         "body": [{"type": rnd.choice(["p", "h", "quote", "li"]), "text": "Paragraph " + str(k)}
                  for k in range(rnd.randint(1, 4))]}
    if rnd.random() < 0.3:
        r["byline"] = rnd.sample(EXTRA_NAMES[:2], rnd.randint(1, 2))
    if rnd.random() < 0.3:
        r["keywords"] = [text(rnd.randint(1, 6), "abcxyz") for _ in range(rnd.randint(1, 6))]
    return r


def mutate_article(r):
    m = rnd.randrange(12)
    if m == 0:
        del r[rnd.choice(["id", "source", "published", "headline", "body"])]
    elif m == 1:
        r[rnd.choice(["headline", "id", "source", "url", "language"])] = rnd.choice([5, True, ["x"], {"a": 1}])
    elif m == 2:
        r["published"] = rnd.choice(ODD_DATES)
    elif m == 3:
        r["url"] = rnd.choice(BAD_URLS)
    elif m == 4:
        r["language"] = rnd.choice(BAD_LANGS)
    elif m == 5:  # lengths in characters, not bytes
        r["headline"] = text(rnd.choice([499, 500, 501]))
    elif m == 6:
        r["source"] = text(rnd.choice([299, 300, 301]))
    elif m == 7:
        r["body"] = rnd.choice([[], [{"type": "p"}], [{"type": "x", "text": "t"}], "plain text body", [5]])
    elif m == 8:
        r["modified"] = rnd.choice(GOOD_DATES + ODD_DATES)
    elif m == 9:
        r["byline"] = rnd.choice([[""], ["x" * 301], [text(300)], [text(301)], []])
    elif m == 10:
        r["id"] = rnd.choice(["", text(1024), text(1025)])
    else:
        r["section"] = rnd.choice(["", "World", text(300), text(301)])
    return r


def extras(r):
    # numbers_arrays
    if rnd.random() < 0.5:
        r["n"] = rnd.choice([0, 0.5, 1.25, -100, -100.5, 999.5, 1000, 12, 0.3, 1e2, "5", None, 2.5e2])
    if rnd.random() < 0.3:
        r["step"] = rnd.choice([0.5, 0.3, 0.7, 1.1, 2.2, 0.1, 1e22, -0.5, 3, 0.2, 4.35, 1.0])
    if rnd.random() < 0.2:
        r["big"] = rnd.choice([7, 14, 1e21, 7e20, 700000000000000000000, 9007199254740993, 49.0, 15])
    if rnd.random() < 0.4:
        r["count"] = rnd.choice([1, 50, 0, 51, 3.0, 3.5, -1, "2", True])
    if rnd.random() < 0.3:
        r["ratio"] = rnd.choice([None, 0, 1, 0.5, 1.5, -0.1, "x"])
    if rnd.random() < 0.4:
        r["tagset"] = rnd.choice([["a"], ["a", "b"], ["a", "a"], [], ["a", "b", "c", "d", "e", "f"], ["123456789"],
                                [text(8)], [text(9)], [""], [1], "a"])
    if rnd.random() < 0.3:
        r["pair"] = rnd.choice([["a", 1], ["a"], [], ["a", 1, 2], [1, "a"], ["a", 1.5], ["a", 2.0]])
    if rnd.random() < 0.3:
        r["matrix"] = rnd.choice([[[1, 2], [3]], [[1, 2], [1, 2]], [[1.0], [1]], [[1, 2, 3, 4]], [["x"]], []])
    # combinators
    if rnd.random() < 0.8:
        r["kind"] = rnd.choice(["story", "brief", "photo", 7, 7.0, None, "Story", 8])
    if rnd.random() < 0.3:
        r["version"] = rnd.choice([2, 2.0, "2", 3])
    if rnd.random() < 0.4:
        r["meta"] = rnd.choice([{"name": "a"}, {"name": "a", "children": [{"name": "b"}]},
                                {"name": "a", "children": [{"name": "b", "children": [{"nom": "c"}]}]},
                                {"name": "a", "x": 1}, {"children": []}, {"name": 5}, []])
    if rnd.random() < 0.4:
        r["score"] = rnd.choice([3, 5, 15, 7, 0, 9, 10, 3.5, "3"])
    if rnd.random() < 0.4:
        r["label"] = rnd.choice(["ab", "abcd", "ABCD", "AB", "", "abc1", text(3), text(4)])
    if rnd.random() < 0.3:
        r["flag"] = rnd.choice([True, None, "yes", 1, []])
    if rnd.random() < 0.3:
        r["extra"] = rnd.choice([{"a": 1}, {"a": "1"}, {}, {"b": 2}, [], {"a": 1, "b": []}])
    # strings_formats
    if rnd.random() < 0.5:
        r["when"] = rnd.choice(WHEN)
    if rnd.random() < 0.4:
        r["day"] = rnd.choice(DAYS)
    if rnd.random() < 0.4:
        r["at"] = rnd.choice(TIMES)
    if rnd.random() < 0.4:
        r["contact"] = rnd.choice(EMAILS)
    if rnd.random() < 0.4:
        r["link"] = rnd.choice(GOOD_URLS + BAD_URLS)
    if rnd.random() < 0.4:
        r["code"] = rnd.choice(CODES)
    if rnd.random() < 0.4:
        r["word"] = rnd.choice(WORDS)
    if rnd.random() < 0.3:
        r["free"] = rnd.choice(FREE)
    if rnd.random() < 0.3:
        r["props"] = rnd.choice([{"x-a": "s"}, {"x-a": 1}, {"n_12": 3}, {"n_12": "3"}, {"n_": 1}, {"y": 1},
                                 {"x-A": "s"}, {}, {"x-ab": "s", "n_1": 2}])
    if rnd.random() < 0.05:
        r[rnd.choice(["Upper", "with space", "a-much-longer-key-name", "_ok"])] = 1
    return r


out = sys.stdout
for i in range(N):
    r = base(i)
    if rnd.random() < 0.55:
        r = mutate_article(r)
    if rnd.random() < 0.05 and "id" in r:
        r["id"] = "rec-" + str(rnd.randrange(max(i, 1)))  # duplicates: not a schema matter
    r = extras(r)
    out.write(json.dumps(r, ensure_ascii=rnd.random() < 0.5) + "\n")
