#!/bin/bash
# The NewsML-G2 reader's fast path (core/xmlfast.c) against its libxml2
# path (-O newsml:parser=libxml2): for every input the two must give the
# same records, rejects, diagnostics and exit code.  Diagnostics are
# compared as a set: libxml2 names a skipped packageItem when its 64 KB feed
# reaches it, the fast path when it hands out the items around it.  Inputs: the fast-path
# fixtures (blanks, comments, CDATA, references, namespaces, a BOM, NITF and
# HTML bodies, a rejected and a skipped item), the golden corpus written as
# newsMessages (plain and indented), the IPTC examples when ../shared is
# there, and 200 seeded mutations of the fixtures (bytes deleted, duplicated
# or replaced by markup, blanks, references and bad bytes, which the fast
# parser mostly leaves to libxml2; blanks, comments, CDATA and references
# put between elements, which it takes).
set -u
D=$ROOT/tests/data/newsml/fast
inputs=("$D"/*.xml)
newsarc convert -q "$ROOT/examples/articles.jsonl" "$ROOT/tests/data/newsml/edge.jsonl" --to newsml \
	-O newsml:container=message -o golden.nml || exit 1
newsarc convert -q "$ROOT/examples/articles.jsonl" "$ROOT/tests/data/newsml/edge.jsonl" --to newsml \
	-O newsml:container=message -O newsml:indent=1 -o golden-indent.nml || exit 1
inputs+=(golden.nml golden-indent.nml)
if [ -d "${SHARED:-}/reference/newsml-g2/examples" ]; then
	inputs+=("$SHARED"/reference/newsml-g2/examples/*.xml "$SHARED"/reference/newsml-g2/minimal-text-newsitem.xml)
else
	echo "SKIP: ../shared absent, the IPTC examples are not compared"
fi
mkdir -p mut
python3 - "$D" <<'PY' || exit 1
import glob, os, random, sys
rnd = random.Random(3)
docs = [open(f, "rb").read() for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.xml")))]
bits = [b" ", b"\n", b"\t", b"\r", b"<", b">", b"&", b"&amp;", b"&#10;", b"&#xD800;", b"&bogus;", b"]]>",
        b"<!--c-->", b"<![CDATA[ x ]]>", b"<?pi?>", b"<x/>", b"</x>", b"<p:y/>", b"'", b'"', b"=",
        b"\xc3\xa9", b"\xc3", b"\x01", b"\x00", b"xml:lang=\"x\" ", b" a=\"1\"", b" xmlns=\"\"",
        b" xmlns:p=\"urn:p\"", b"\xef\xbb\xbf"]
# even: blanks and well-formed markup between elements (the fast parser
# must take these and build the tree libxml2 builds); odd: anything anywhere
benign = [b" ", b"\n", b"\t", b"  \n  ", b"&amp;", b"&#10;", b"&#x20;", b"<!--c-->", b"<![CDATA[ x ]]>",
          b"<![CDATA[]]>", b"<x/>", b"<x> </x>", b"\xc3\xa9", b"]", b">"]
for i in range(200):
    d = bytearray(rnd.choice(docs))
    for _ in range(rnd.randint(1, 4)):
        if i % 2 == 0:
            ends = [k + 1 for k in range(len(d)) if d[k] == 0x3E]
            at = rnd.choice(ends)
            d[at:at] = rnd.choice(benign)
            continue
        at = rnd.randrange(len(d))
        op = rnd.randrange(3)
        if op == 0:
            del d[at:at + rnd.randint(1, 8)]
        elif op == 1:
            d[at:at] = d[at:at + rnd.randint(1, 40)]
        else:
            d[at:at] = rnd.choice(bits)
    open(f"mut/m{i:03d}.xml", "wb").write(bytes(d))
PY
inputs+=(mut/*.xml)
fail=0 n=0
for f in "${inputs[@]}"; do
	rm -f out-* rej-* err-*
	for p in auto libxml2; do
		newsarc convert --from newsml --to jsonl -O newsml:parser=$p "$f" -o out-$p.jsonl --rejects rej-$p.txt \
			2> diag.txt
		rc=$?
		{ sort diag.txt; echo "exit $rc"; } > err-$p.txt
	done
	n=$((n + 1))
	for k in out rej err; do
		a=$(ls $k-auto.* 2>/dev/null) b=$(ls $k-libxml2.* 2>/dev/null)
		if [ "${a:+1}" != "${b:+1}" ] || { [ -n "$a" ] && ! cmp -s "$a" "$b"; }; then
			echo "$f: $k differs (parser=auto vs parser=libxml2)"
			[ -n "$a" ] && [ -n "$b" ] && diff "$a" "$b" | head -6
			fail=1
		fi
	done
done
echo "$n inputs compared"
exit $fail
