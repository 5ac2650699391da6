# newsarc convert: streaming, counting, rejects, exit codes (issue 2).
% newsarc convert --from jsonl --to jsonl
{"id":"a","headline":"One","body":[{"type":"p","text":"x"}]}

{"id":"b","headline":"Two","zz":[1,{"k":null}]}
^D
{"id":"a","headline":"One","body":[{"type":"p","text":"x"}]}
{"id":"b","headline":"Two","zz":[1,{"k":null}]}
2> newsarc: read 2, written 2, rejected 0
=> 0

# A bad line is rejected with file:line:col; the others are written; N = M + K.
% newsarc convert --from jsonl --to jsonl --rejects rej.jsonl; echo "rc=$?"; cat rej.jsonl
{"id":"a","headline":"One"}
{"id":"b","headline":"Two",}
[1,2]
{"id":"d","headline":5}
{"id":"e","headline":"Five"}
^D
{"id":"a","headline":"One"}
{"id":"e","headline":"Five"}
rc=6
{"id":"b","headline":"Two",}
[1,2]
{"id":"d","headline":5}
2> <stdin>:2:28: error: trailing comma in object
2> <stdin>:3:1: error: record is a JSON array, not an article object
2> <stdin>:4:22: error: headline: expected a string, found number
2> newsarc: read 5, written 2, rejected 3
=> 0

% newsarc convert --from jsonl --to jsonl --fail-fast -o out.jsonl; echo "rc=$?"; ls
{"id":"a","headline":"One"}
{"id":"b",
{"id":"c"}
^D
rc=6
2> <stdin>:2:11: error: expected a string key in object, found end of input
2> newsarc: read 2, written 1, rejected 1
=> 0

# Invalid UTF-8, NaN, lone surrogates and U+0000 in a field are each named.
% printf '{"headline":"caf\xe9"}\n{"n":NaN}\n{"headline":"\\ud800"}\n{"headline":"a\\u0000b"}\n{"x":"a\\u0000b"}\n' | newsarc convert --from jsonl -q
{"x":"a\u0000b"}
2> <stdin>:1:17: error: invalid UTF-8 byte 0xE9 in string
2> <stdin>:2:6: error: NaN and Infinity are not JSON
2> <stdin>:3:14: error: lone surrogate escape \uD800
2> <stdin>:4:13: error: headline: string contains U+0000, which no article field may hold
=> 6

% newsarc convert nothing-here.jsonl
2> nothing-here.jsonl: error: cannot open: No such file or directory
2> newsarc: read 0, written 0, rejected 0
=> 4

% printf 'hello world\n' > x.dat; newsarc convert x.dat
2> x.dat: error: unknown input format; use --from (see 'newsarc formats')
=> 3

% newsarc convert --to nosuch $ROOT/examples/articles.jsonl
2> error: unknown output format 'nosuch' (see 'newsarc formats')
=> 3

% newsarc convert --bogus
2> newsarc convert: unrecognized option '--bogus'
=> 2

% newsarc convert -O jsonl:nope=1 $ROOT/examples/articles.jsonl
2> newsarc convert: -O jsonl:nope=1: undefined option 'nope' for format jsonl
2> Try 'newsarc convert --help'.
=> 2

# A failed run leaves the previous output untouched and no temporary file.
% echo old > out.jsonl; newsarc convert --fail-fast -q -o out.jsonl --from jsonl; echo "rc=$?"; cat out.jsonl; ls
{"id":"a"}
not json
^D
rc=6
old
out.jsonl
2> <stdin>:2:1: error: invalid literal (expected null)
=> 0

# gzip in, gzip out.
% newsarc convert -q $ROOT/examples/articles.jsonl -o a.jsonl.gz && gzip -dc a.jsonl.gz | newsarc convert -q --to jsonl | cmp - $ROOT/examples/articles.jsonl && gzip -c $ROOT/examples/articles.jsonl | newsarc convert -q | cmp - $ROOT/examples/articles.jsonl && echo same
same
=> 0

# Directories are walked in sorted order; unclaimed files are counted.
% newsarc convert $ROOT/examples -o all.jsonl -v; wc -l < all.jsonl
7
2> $ROOT/examples/README.md: note: skipped: no format claims this file
2> newsarc: read 7, written 7, rejected 0, skipped 1 (no format)
=> 0
