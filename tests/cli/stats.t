# newsarc stats: counts, sources, languages, dates, missing fields, duplicates (issue 10).

# Text report over two inputs of two formats (examples/README.md: 3 + 1 articles).
% newsarc stats $ROOT/examples/articles.jsonl $ROOT/examples/wire.json
Records         4 from 2 inputs

Formats
  jsonl                         3  in 1 input
  json                          1  in 1 input

Sources (2 distinct, 0 without)
  Example Wire                  3   75.0%
  Exemple Presse                1   25.0%

Languages (2 distinct, 0 without)
  en                            3   75.0%
  fr                            1   25.0%

Dates (published): 4 dated, 0 undated
  first                  2015-12-15T10:15:00+01:00
  last                   2015-12-18T07:30:00+01:00
  2015-12                       4  ########################################

Missing fields (records without the field, of 4)
  id                            0    0.0%
  source                        0    0.0%
  url                           2   50.0%
  headline                      0    0.0%
  subheadline                   4  100.0%
  byline                        2   50.0%
  dateline                      2   50.0%
  language                      0    0.0%
  published                     0    0.0%
  modified                      3   75.0%
  keywords                      3   75.0%
  subjects                      3   75.0%
  section                       3   75.0%
  body                          0    0.0%

Duplicate ids: 0 ids seen more than once, 0 extra records

Body length (4 with a body)
  characters             min 93, mean 178.8, max 313
  words                  min 16, mean 30.5, max 57
=> 0

# A directory: the README is skipped (no format claims it) and counted; the
# directory gives the same records as the files named one by one.
% newsarc stats -F json $ROOT/examples > dir.json; newsarc stats -F json $(find $ROOT/examples -type f ! -name README.md | sort) > files.json; python3 -c 'import json; d, f = (json.load(open(n)) for n in ("dir.json", "files.json")); print(d["skipped"], d["records"] == f["records"] and d["records"] >= 4, d["formats"] == f["formats"])'
1 True True
=> 0

# JSON for machines: hostile names kept verbatim (JSON-escaped), a rejected
# record counted, duplicate ids, a month gap filled with 0, a date kept in
# its own zone (2016-01-31T23:30-05:00 is January), an unparseable date undated.
% newsarc stats --from jsonl -F json
{"id":"a","source":"<b>Wire</b>","language":"en","published":"2016-01-31T23:30:00-05:00","body":[{"type":"p","text":"one two  three"}]}
{"id":"a","source":"Wire\u001b[31m","published":"2016-03-01","headline":"x"}
not json
{"id":"b","source":"<b>Wire</b>","language":"en-GB","published":"garbage date"}
{"id":"a"}
^D
{"records":4,"rejected":1,"inputs":1,"skipped":0,"formats":[{"name":"jsonl","records":4,"inputs":1}],"sources":[{"name":"<b>Wire</b>","count":2},{"name":"Wire\u001b[31m","count":1}],"languages":[{"name":"en","count":1},{"name":"en-GB","count":1}],"dates":{"dated":2,"undated":2,"first":"2016-01-31T23:30:00-05:00","last":"2016-03-01","months":[{"month":"2016-01","count":1},{"month":"2016-02","count":0},{"month":"2016-03","count":1}]},"missing":{"id":0,"source":1,"url":4,"headline":3,"subheadline":4,"byline":4,"dateline":4,"language":2,"published":2,"modified":4,"keywords":4,"subjects":4,"section":4,"body":3},"duplicates":{"ids":1,"records":2,"examples":[{"id":"a","count":3}]},"body":{"records":1,"characters":{"min":14,"mean":14.0,"max":14},"words":{"min":3,"mean":3.0,"max":3}}}
2> <stdin>:3:1: error: invalid literal (expected null)
2> <stdin>:4:65: warning: published: unparseable date "garbage date"; kept as published_raw
=> 0

# The same as text: control characters never reach the terminal.
% newsarc stats --from jsonl -q 2>/dev/null
{"id":"a","source":"<b>Wire</b>","language":"en","published":"2016-01-31T23:30:00-05:00","body":[{"type":"p","text":"one two  three"}]}
{"id":"a","source":"Wire\u001b[31m","published":"2016-03-01","headline":"x"}
not json
{"id":"b","source":"<b>Wire</b>","language":"en-GB","published":"garbage date"}
{"id":"a"}
^D
Records         4 (and 1 rejected) from 1 input

Formats
  jsonl                         4  in 1 input

Sources (2 distinct, 1 without)
  <b>Wire</b>                   2   50.0%
  Wire?[31m                     1   25.0%

Languages (2 distinct, 2 without)
  en                            1   25.0%
  en-GB                         1   25.0%

Dates (published): 2 dated, 2 undated
  first                  2016-01-31T23:30:00-05:00
  last                   2016-03-01
  2016-01                       1  ########################################
  2016-02                       0
  2016-03                       1  ########################################

Missing fields (records without the field, of 4)
  id                            0    0.0%
  source                        1   25.0%
  url                           4  100.0%
  headline                      3   75.0%
  subheadline                   4  100.0%
  byline                        4  100.0%
  dateline                      4  100.0%
  language                      2   50.0%
  published                     2   50.0%
  modified                      4  100.0%
  keywords                      4  100.0%
  subjects                      4  100.0%
  section                       4  100.0%
  body                          3   75.0%

Duplicate ids: 1 id seen more than once, 2 extra records
  a                             3 times

Body length (1 with a body)
  characters             min 14, mean 14.0, max 14
  words                  min 3, mean 3.0, max 3
=> 0

# -o writes atomically; the format follows the extension.
% newsarc stats $ROOT/examples/wire.json -o r.json && python3 -m json.tool r.json | head -4 && newsarc stats $ROOT/examples/wire.json -o r.html && head -1 r.html && ls
{
    "records": 1,
    "rejected": 0,
    "inputs": 1,
<!DOCTYPE html>
r.html
r.json
=> 0

# An empty input: zeros, no dates, exit 0.
% newsarc stats --from jsonl -F json
^D
{"records":0,"rejected":0,"inputs":1,"skipped":0,"formats":[{"name":"jsonl","records":0,"inputs":1}],"sources":[],"languages":[],"dates":{"dated":0,"undated":0,"first":null,"last":null,"months":[]},"missing":{"id":0,"source":0,"url":0,"headline":0,"subheadline":0,"byline":0,"dateline":0,"language":0,"published":0,"modified":0,"keywords":0,"subjects":0,"section":0,"body":0},"duplicates":{"ids":0,"records":0,"examples":[]},"body":{"records":0,"characters":null,"words":null}}
=> 0

# Errors: unreadable input (the report is still written, exit 4), bad --format.
% newsarc stats -F json nope.jsonl $ROOT/examples/wire.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])'; echo rc=${PIPESTATUS[0]}
1
rc=4
2> nope.jsonl: error: cannot open: No such file or directory
=> 0
% newsarc stats -F xml $ROOT/examples/wire.json
2> newsarc stats: --format must be text, json or html, not 'xml'
2> Try 'newsarc stats --help'.
=> 2
