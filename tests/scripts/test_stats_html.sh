#!/bin/bash
# The HTML report of `newsarc stats` (issue 10) opened in headless Chromium:
# it renders without console errors, shows the totals and the monthly chart,
# loads nothing from outside and runs nothing that came from the data
# (a source is named <script>...).  Chromium is the Debian package; it is
# installed when missing and we are root, else the test is skipped.
set -u
if ! command -v chromium >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1 &&
			  apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; }
	fi
	command -v chromium >/dev/null || { echo "SKIP: chromium is not installed (apt-get install chromium)"; exit 77; }
fi

python3 - <<'PY'
import json, random
random.seed(3)
srcs = ["Example Wire", "<script>document.title='pwned'</script>", "Ärzte & \"Söhne\" <Zeitung>", "Agence Exemple"]
recs = []
for i in range(600):
    y, m = 2014 + i // 240, (i // 20) % 12 + 1
    if y == 2015 and m in (3, 4):
        continue  # two empty months inside the range
    r = {"id": f"id-{i % 590}", "headline": f"Story {i}"}
    if i % 7: r["source"] = srcs[i % len(srcs)]
    if i % 5: r["language"] = ["en", "fr", "de"][i % 3]
    if i % 11: r["published"] = f"{y:04d}-{m:02d}-{(i % 28) + 1:02d}T08:00:00Z"
    if i % 3: r["body"] = [{"type": "p", "text": "word " * (i % 50 + 1)}]
    recs.append(r)
with open("mix.jsonl", "w") as f:
    for r in recs:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
# what the report must show, computed here independently
ids = [r["id"] for r in recs]
expect = {
    "records": len(recs),
    "sources": len({r["source"] for r in recs if "source" in r}),
    "dups": len({i for i in ids if ids.count(i) > 1}),
    "months": len({r["published"][:7] for r in recs if "published" in r}) + 2,
}
json.dump(expect, open("expect.json", "w"))
PY
newsarc stats mix.jsonl -o report.html || { echo "newsarc stats failed"; exit 1; }
# a negative control: the same page with a script and a remote image must
# produce console messages, or the console check below proves nothing
sed 's|<h1>|<h1><img src="http://example.invalid/x.png"><script>console.error("boom")</script>|' report.html > control.html

chrome() { # chrome OUT_PREFIX URL EXTRA...
	local out=$1 url=$2
	shift 2
	rm -rf "$PWD/profile"
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$PWD/profile" --enable-logging=stderr --v=0 "$@" "$url" \
		> "$out.out" 2> "$out.err"
}
chrome dom "file://$PWD/report.html" --dump-dom || { echo "chromium --dump-dom failed"; cat dom.err | tail -5; exit 1; }
chrome shot "file://$PWD/report.html" --window-size=1200,1600 --screenshot="$PWD/shot.png" ||
	{ echo "chromium --screenshot failed"; tail -5 shot.err; exit 1; }
chrome control "file://$PWD/control.html" --dump-dom

python3 - <<'PY'
import json, re, struct, sys, zlib
fail = []
def check(cond, what):
    if not cond:
        fail.append(what)
exp = json.load(open("expect.json"))
html = open("report.html", encoding="utf-8").read()
dom = open("dom.out", encoding="utf-8").read()
err = open("dom.err", encoding="utf-8", errors="replace").read() + open("shot.err", encoding="utf-8", errors="replace").read()
ctl = open("control.err", encoding="utf-8", errors="replace").read()

# the console check works: the control page logs, the report does not
check(":CONSOLE" in ctl, "control page produced no console message: the console check is blind")
console = [l for l in err.splitlines() if ":CONSOLE" in l]
check(not console, "console messages: " + "\n".join(console))

# standalone: no external references, no script at all
check(not re.search(r"""(?i)\b(src|href)\s*=""", html), "report references an external resource")
check(re.findall(r"https?://[^\"' ]+", html) == ["http://www.w3.org/2000/svg"], "report names a URL other than the SVG namespace")
check("<script" not in html.lower(), "report contains a script element")
check("<script" not in dom.lower(), "rendered DOM contains a script element")
check("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in html, "hostile source not escaped as expected")
check("<title>newsarc stats</title>" in dom, "title changed: injected code ran")
check("Ärzte &amp; \"Söhne\" &lt;Zeitung&gt;" in dom, "source with & \" < > not shown as text")

# the totals are rendered
def total(id_):
    m = re.search(r'<div id="%s"><b>(\d+)</b>' % id_, dom)
    return int(m.group(1)) if m else None
check(total("total-records") == exp["records"], f"records shown {total('total-records')}, expected {exp['records']}")
check(total("total-sources") == exp["sources"], f"sources shown {total('total-sources')}, expected {exp['sources']}")
check(total("total-duplicates") == exp["dups"], f"duplicates shown {total('total-duplicates')}, expected {exp['dups']}")
bars = re.findall(r'<rect class="bar"[^>]*>', dom)
check(len(bars) == exp["months"], f"{len(bars)} bars in the chart, expected {exp['months']} months")
check('<svg id="months-chart"' in dom, "chart missing from the DOM")

# the screenshot shows the page: decode the PNG and look for the bars' colour
def png_pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if typ == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0
            bpp = 3 if ctype == 2 else 4
        elif typ == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows
w, h, bpp, rows = png_pixels("shot.png")
blue = dark = 0
for row in rows:
    for x in range(0, w * bpp, bpp):
        r, g, b = row[x], row[x + 1], row[x + 2]
        if abs(r - 0x3b) < 8 and abs(g - 0x6f) < 8 and abs(b - 0xb6) < 8:
            blue += 1
        elif r < 80 and g < 80 and b < 80:
            dark += 1
check(w == 1200, f"screenshot is {w} px wide")
check(blue > 20000, f"only {blue} pixels of the bar colour: the chart did not render")
check(dark > 2000, f"only {dark} dark pixels: no text rendered")
print(f"screenshot {w}x{h}: {blue} bar pixels, {dark} text pixels; {len(bars)} bars")
for x in fail:
    print("FAIL:", x)
sys.exit(1 if fail else 0)
PY
