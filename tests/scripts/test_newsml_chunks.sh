#!/bin/bash
# A large newsMessage file is read in chunks cut between its items
# (formats/newsml.c, "splitting a large newsMessage"), with any --jobs:
# output, rejects, diagnostics (line and column numbers too) and exit code
# must be those of a whole reading (standard input is never cut: it is
# streamed through libxml2), whether the file was cut or not - an error inside an item of a
# middle chunk (the file stops there), an error libxml2 reads past (the
# file fails at its end), comments and CDATA holding "<newsItem" at a line
# start, a DOCTYPE, a truncated file, CRLF and lone CR line ends, items on
# one line, an undeclared prefix, a rejected item and a skipped one, two
# errors close together; "<newsItem" in a comment, in CDATA or deeper in an
# item where the scan's second half begins, a lone CR and a tag mismatch in
# that half.
set -u
python3 - <<'PY'
import json, random
random.seed(5)
words = "le café Zürich the bridge 東京 naïve a of reopened archive “quoted” R&D <tag> São".split()
with open("a.jsonl", "w") as f:
    for i in range(600):
        rec = {"id": f"n{i}", "source": "Wire", "headline": "h%d %s" % (i, random.choice(words)), "language": "fr",
               "published": "2015-12-%02dT10:00:00Z" % (1 + i % 28),
               "body": [{"type": "p", "text": " ".join(random.choice(words) for _ in range(random.randint(200, 1500)))}]}
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
PY
newsarc convert -q a.jsonl --to newsml -o line.nml || exit 1
[ "$(stat -c %s line.nml)" -gt 3000000 ] || { echo "line.nml too small to be cut"; exit 1; }
python3 - <<'PY'
line = open("line.nml", encoding="utf-8").read()
own = line.replace("<newsItem ", "\n<newsItem ")
def item_pos(s, k):
    i = -1
    for _ in range(k + 1):
        i = s.index("<newsItem ", i + 1)
    return i
def in_body(s, k, txt):
    j = s.index("<p>", item_pos(s, k)) + 3
    return s[:j] + txt + s[j:]
def w(name, s):
    with open(name, "w", encoding="utf-8", newline="") as f:
        f.write(s)
w("own.nml", own)
w("ent_own.nml", in_body(own, 450, "x &bogus; y"))
w("ent_line.nml", in_body(line, 450, "x &bogus; y"))
w("ctl_own.nml", in_body(own, 300, "x \x01 y"))
w("ctl_line.nml", in_body(line, 590, "x \x01 y"))
j = own.index("<headline>", item_pos(own, 200))
w("nsdup.nml", own[:j] + '<headline xmlns:a="urn:x" xmlns:b="urn:x" a:z="1" b:z="2">' + own[j + 10:])
i = item_pos(own, 500)
s = own[:own.index("<itemMeta>", i)] + own[own.index("</itemMeta>", i) + 11:]
i = item_pos(s, 400)
w("rej.nml", s[:i] + '<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="p1"/>\n' + s[i:])
i = item_pos(own, 250)
s = own[:i] + '<!--\n<newsItem guid="fake">\n-->\n' + own[i:]
w("comment.nml", in_body(s, 260, '<![CDATA[\n<newsItem guid="fake2">\n]]>'))
d = own.index("<newsMessage")
w("doctype.nml", own[:d] + '<!DOCTYPE newsMessage [<!ENTITY e "E">]>\n' + own[d:].replace("<p>", "<p>&e;", 3))
w("trunc.nml", own[:len(own) * 3 // 4])
w("crlf.nml", own.replace("\n", "\r\n"))
w("crlf_line.nml", line.replace("\n", "\r\n"))
w("lonecr.nml", own.replace("\n", "\r", 1))
w("undecl.nml", in_body(own, 350, "<q:b>x</q:b>"))
# the scan's second half starts at a "<newsItem" found near the middle:
# one inside a comment, one inside CDATA there (the first half must not
# take them for cuts); a lone CR and a tag mismatch in the second half
for name, pre, post in (("midcomment.nml", "<!--", "-->"), ("midcdata.nml", "<![CDATA[", "]]>")):
    j = own.rfind("<", 0, len(own) // 2)
    w(name, own[:j] + pre + "x" * 60000 + '\n<newsItem guid="fake">\n' + post + own[j:])
j = own.rfind("<p>", 0, len(own) // 2) + 3
w("midnested.nml", own[:j] + "x" * 60000 + '<newsItem guid="nested"/>' + own[j:])
k = own.index("\n<newsItem", len(own) * 3 // 4)
w("lonecr2.nml", own[:k] + "\r" + own[k + 1:])
w("mismatch.nml", in_body(own, 500, "<b>x</i>"))
w("two.nml", in_body(in_body(own, 451, "x &bad2; y \x02 z"), 450, "x &bogus; y &more; \x03"))
# past line 65535, where libxml2's element lines stop (16 bits): a skipped
# item's line and an error's must be the true ones, cut or not
tall = own.replace("\n<newsItem ", "\n" * 120 + "<newsItem ")
i = item_pos(tall, 560)
tall = tall[:i] + '<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="p1"/>\n' + tall[i:]
w("tall.nml", in_body(tall, 580, "x &bogus; y"))
PY
fail=0
check() {   # file, expected exit, grep patterns for stderr
	f=$1 want=$2; shift 2
	newsarc convert -j 1 --from newsml --to jsonl - -o one.jsonl --rejects rej1.jsonl < "$f" 2> err0.txt; rc1=$?
	sed "s|^<stdin>:|$f:|" err0.txt > err1.txt
	[ $rc1 = $want ] || { echo "$f whole: exit $rc1, expected $want"; cat err1.txt; fail=1; }
	for p in "$@"; do
		grep -q -- "$p" err1.txt || { echo "$f whole: no '$p' in:"; cat err1.txt; fail=1; }
	done
	for j in 1 2 3; do
		newsarc convert -j $j --from newsml --to jsonl "$f" -o par.jsonl --rejects rejN.jsonl 2> errN.txt; rcN=$?
		[ $rc1 = $rcN ] || { echo "$f -j $j: exit $rcN, a whole reading gave $rc1"; fail=1; }
		cmp -s one.jsonl par.jsonl || { echo "$f -j $j: output differs"; fail=1; }
		cmp -s rej1.jsonl rejN.jsonl || { echo "$f -j $j: rejects differ"; fail=1; }
		cmp -s err1.txt errN.txt || { echo "$f -j $j: diagnostics differ"; diff err1.txt errN.txt | head; fail=1; }
	done
}
check line.nml 0 'read 600, written 600'
check own.nml 0 'read 600, written 600'
check ent_own.nml 5 "^ent_own.nml:453:[0-9]*: error: Entity 'bogus' not defined" 'read 450,'
check ent_line.nml 5 "^ent_line.nml:2:[0-9]*: error: Entity 'bogus' not defined" 'read 450,'
check ctl_own.nml 5 '^ctl_own.nml:303:' 'read 300,'
check ctl_line.nml 5 '^ctl_line.nml:2:[0-9]*: error: PCDATA invalid Char' 'read 590,'
check nsdup.nml 5 "^nsdup.nml:203:[0-9]*: error: Namespaced Attribute z in 'urn:x' redefined" 'read 600,'
check rej.nml 6 '^rej.nml:403: warning: packageItem skipped' '^rej.nml:504: error: newsItem without itemMeta' 'rejected 1'
check comment.nml 0 'read 600, written 600'
check doctype.nml 0 'read 600, written 600'
check trunc.nml 5 'error'
check crlf.nml 0 'read 600, written 600'
check crlf_line.nml 0 'read 600, written 600'
check lonecr.nml 0 'read 600, written 600'
check undecl.nml 5 'Namespace prefix q on b is not defined'
check midcomment.nml 0 'read 600, written 600'
check midcdata.nml 0 'read 600, written 600'
check midnested.nml 0 'read 600, written 600'
check lonecr2.nml 0 'read 600, written 600'
check mismatch.nml 5 'Opening and ending tag mismatch: b line 503 and i'
check two.nml 5 "^two.nml:453:[0-9]*: error: Entity 'bogus' not defined" 'read 450,'
pkg=$(grep -n '<packageItem' tall.nml | cut -d: -f1)
ent=$(grep -n '&bogus;' tall.nml | cut -d: -f1)
[ "${pkg:-0}" -gt 65535 ] || { echo "tall.nml: the packageItem is on line ${pkg:-?}, not past 65535"; fail=1; }
check tall.nml 5 "^tall.nml:$pkg: warning: packageItem skipped" "^tall.nml:$ent:[0-9]*: error: Entity 'bogus' not defined"
# --fail-fast stops at the first reject or error, cut or not, and leaves no output
for f in rej.nml ent_own.nml; do
	rm -f ff.jsonl
	newsarc convert --fail-fast -j 1 --from newsml --to jsonl - -o ff.jsonl < "$f" 2> err0.txt; rc1=$?
	sed "s|^<stdin>:|$f:|" err0.txt > err1.txt
	[ $rc1 != 0 ] && [ ! -e ff.jsonl ] || { echo "$f --fail-fast whole: exit $rc1, output left: $(ls ff.jsonl 2>/dev/null)"; fail=1; }
	for j in 1 2; do
		newsarc convert --fail-fast -j $j --from newsml --to jsonl "$f" -o ff.jsonl 2> errN.txt; rcN=$?
		[ $rc1 = $rcN ] || { echo "$f --fail-fast -j $j: exit $rcN, a whole reading gave $rc1"; fail=1; }
		[ ! -e ff.jsonl ] || { echo "$f --fail-fast -j $j: output left behind"; fail=1; }
		cmp -s err1.txt errN.txt || { echo "$f --fail-fast -j $j: diagnostics differ"; diff err1.txt errN.txt | head; fail=1; }
	done
done
# validate reads through the same engine: the same report and exit code
for f in rej.nml ent_own.nml nsdup.nml ctl_line.nml; do
	newsarc validate --now 1700000000 -j 1 --from newsml - < "$f" > rep0.txt 2> err0.txt; rc1=$?
	sed "s|<stdin>|$f|g" rep0.txt > rep1.txt
	sed "s|<stdin>|$f|g" err0.txt > err1.txt
	for j in 1 2; do
		newsarc validate --now 1700000000 -j $j --from newsml "$f" > repN.txt 2> errN.txt; rcN=$?
		[ $rc1 = $rcN ] || { echo "validate $f -j $j: exit $rcN, a whole reading gave $rc1"; fail=1; }
		cmp -s rep1.txt repN.txt || { echo "validate $f -j $j: report differs"; diff rep1.txt repN.txt | head; fail=1; }
		cmp -s err1.txt errN.txt || { echo "validate $f -j $j: stderr differs"; diff err1.txt errN.txt | head; fail=1; }
	done
done
# the column of an error on a cut line is the file's (libxml2 counts characters)
exp=$(python3 -c '
s = open("ent_line.nml", encoding="utf-8").read()
nl = s.index("\n")
print(s.index("&bogus;") - nl + len("&bogus;"))' 2>/dev/null)
newsarc convert -j 2 --from newsml --to jsonl ent_line.nml -o /dev/null 2> e.txt
got=$(sed -n 's/^ent_line.nml:2:\([0-9]*\):.*/\1/p' e.txt)
[ -n "$got" ] && [ "$got" = "$exp" ] || { echo "ent_line.nml -j 2: column $got, the entity ends at column $exp"; fail=1; }
exit $fail
