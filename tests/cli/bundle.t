# Bundles (issue 5): pack, list, verify, and reading a bundle back.
% newsarc pack --entry-format jsonl -o b.tar.gz -; newsarc list b.tar.gz | sed 's/^ *[0-9]*  manifest/(size)  manifest/'; newsarc verify b.tar.gz; newsarc convert b.tar.gz
{"id":"urn:x:1","headline":"One","published":"2015-12-15T10:00:00Z"}
{"id":"urn:x:2","headline":"Two"}
{"id":"b","headline":"Three",}
^D
        SIZE  FORMAT    ARTICLES  ENTRY
(size)  manifest         -  manifest.json
          69  jsonl            1  2015/12/15/urn_x_1.jsonl
          34  jsonl            1  undated/urn_x_2.jsonl
b.tar.gz: OK (2 entries, 2 articles)
{"id":"urn:x:1","headline":"One","published":"2015-12-15T10:00:00Z"}
{"id":"urn:x:2","headline":"Two"}
2> <stdin>:3:30: error: trailing comma in object
2> newsarc: read 3, packed 2, rejected 1
2> newsarc: 3 entries, 2 articles, 0 rejected
2> newsarc: read 2, written 2, rejected 0
=> 0

# An entry format without a writer in this build is a clear error (exit 3).
% newsarc pack --entry-format nosuch -o x.tar in.jsonl 2>&1 | sed 's/writer:.*/writer: .../'; echo "rc=${PIPESTATUS[0]}"; ls
newsarc pack: entry format 'nosuch' is not available in this build; formats with a writer: ...
rc=3
=> 0

% newsarc pack -o x.tar
2> newsarc pack: no INPUT given
2> Try 'newsarc pack --help'.
=> 2

% newsarc verify nosuch.tar
2> nosuch.tar: error: cannot open: No such file or directory
=> 4

# Not an archive: the bundle reader says so.
% echo 'hello' > fake.zip; newsarc list fake.zip
2> fake.zip: error: not a readable archive: Unrecognized archive format
=> 5
