# newsarc validate (issue 6): every violation with its place, three report
# formats, switchable extra checks, exit codes.
% newsarc validate --now 1700000000 -
{"id":"a","source":"Wire","published":"2015-12-15","headline":"Bridge reopens","language":"en-GB","body":[{"type":"p","text":"Text."}]}
{"id":"a","source":"Wire","headline":"Wire","url":"not a uri","language":"en_GB","published":"2015-12-15T10:00:00","modified":"2015-12-14","body":[{"type":"p","text":"x"}]}
{"id":"c",
{"id":"d","source":"Wire","published":"2999-01-01","headline":"Späte Nachricht","body":[{"type":"p","text":"y"}]}
^D
<stdin>:2:51: error: /url: "not a uri" is not a valid uri (format)
<stdin>:2:74: error: /language: "en_GB" does not match /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-.../ (pattern)
<stdin>:2:127: error: /modified: modified 2015-12-14 is earlier than published 2015-12-15T10:00:00 (modified-before-published)
<stdin>:2:38: error: /headline: headline "Wire" is the site's name (headline-is-site-name)
<stdin>:2:7: error: /id: duplicate id "a" (first at line 1) (duplicate-id)
<stdin>:3:11: error: expected a string key in object, found end of input (read)
<stdin>:4:39: error: /published: 2999-01-01 is in the future (future-date)
newsarc: 4 records checked: 1 valid, 3 invalid; 7 errors (duplicate-id 1, format 1, future-date 1, headline-is-site-name 1, modified-before-published 1, pattern 1, read 1)
=> 1

# JSON report: one object per error and a summary; --max-errors stops early.
% newsarc validate --now 1700000000 --report json --no-check all --max-errors 2 -
{"id":"a","source":"Wire","published":"2015-12-15","headline":"Bridge reopens","language":"en-GB","body":[{"type":"p","text":"Text."}]}
{"id":"a","source":"Wire","headline":"Wire","url":"not a uri","language":"en_GB","published":"2015-12-15T10:00:00","modified":"2015-12-14","body":[{"type":"p","text":"x"}]}
{"id":"c",
{"id":"d","source":"Wire","published":"2999-01-01","headline":"Späte Nachricht","body":[{"type":"p","text":"y"}]}
^D
{"errors":[
{"file":"<stdin>","line":2,"col":51,"offset":136,"record":2,"id":"a","pointer":"/url","rule":"format","severity":"error","message":"\"not a uri\" is not a valid uri"},
{"file":"<stdin>","line":2,"col":74,"offset":136,"record":2,"id":"a","pointer":"/language","rule":"pattern","severity":"error","message":"\"en_GB\" does not match /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-.../"}
],
"summary":{"records":3,"valid":1,"invalid":2,"errors":2,"warnings":0,"xsd_documents":0,"xsd_errors":0,"truncated":true,"exit":1,"by_rule":{"format":1,"pattern":1}}}
=> 1

# JUnit XML: one testcase per record.
% newsarc validate --now 1700000000 --report junit --no-check duplicate-id --no-check headline-is-site-name -
{"id":"a","source":"Wire","published":"2015-12-15","headline":"Bridge reopens","language":"en-GB","body":[{"type":"p","text":"Text."}]}
{"id":"a","source":"Wire","headline":"Wire","url":"not a uri","language":"en_GB","published":"2015-12-15T10:00:00","modified":"2015-12-14","body":[{"type":"p","text":"x"}]}
{"id":"c",
{"id":"d","source":"Wire","published":"2999-01-01","headline":"Späte Nachricht","body":[{"type":"p","text":"y"}]}
^D
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="newsarc validate" tests="4" failures="3" errors="0">
  <testsuite name="newsarc validate" tests="4" failures="3" errors="0">
    <testcase classname="&lt;stdin&gt;" name="&lt;stdin&gt;:1 a"/>
    <testcase classname="&lt;stdin&gt;" name="&lt;stdin&gt;:2 a">
      <failure type="schema" message="3 errors">&lt;stdin&gt;:2:51: error: /url: &quot;not a uri&quot; is not a valid uri (format)
&lt;stdin&gt;:2:74: error: /language: &quot;en_GB&quot; does not match /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-.../ (pattern)
&lt;stdin&gt;:2:127: error: /modified: modified 2015-12-14 is earlier than published 2015-12-15T10:00:00 (modified-before-published)
</failure>
    </testcase>
    <testcase classname="&lt;stdin&gt;" name="&lt;stdin&gt;:3">
      <failure type="read" message="1 error">&lt;stdin&gt;:3:11: error: expected a string key in object, found end of input (read)
</failure>
    </testcase>
    <testcase classname="&lt;stdin&gt;" name="&lt;stdin&gt;:4 d">
      <failure type="schema" message="1 error">&lt;stdin&gt;:4:39: error: /published: 2999-01-01 is in the future (future-date)
</failure>
    </testcase>
  </testsuite>
</testsuites>
=> 1

# Missing required fields are named by their JSON pointer, at the record's line.
% printf '{"id":"x","body":[{"type":"p","text":"t"}]}\n' | newsarc validate -q
<stdin>:1:1: error: /source: required property missing (required)
<stdin>:1:1: error: /published: required property missing (required)
<stdin>:1:1: error: /headline: required property missing (required)
=> 1

% newsarc validate $ROOT/examples/articles.jsonl
newsarc: 3 records checked: 3 valid, 0 invalid; 0 errors
=> 0

# A schema keyword the validator does not implement stops the run at load.
% echo '{"type":"object","propertiez":{}}' > s.json; newsarc validate --schema s.json $ROOT/examples/articles.jsonl
2> s.json:1:31: error: #/propertiez: unsupported keyword "propertiez" (schema)
2> newsarc validate: the schema cannot be used
=> 2

% newsarc validate --report xml x.jsonl
2> newsarc validate: --report takes text, json or junit, not 'xml'
2> Try 'newsarc validate --help'.
=> 2

% newsarc validate --no-check nosuch x.jsonl
2> newsarc validate: unknown check 'nosuch' (duplicate-id, modified-before-published, future-date, empty-paragraph, headline-is-site-name, all)
2> Try 'newsarc validate --help'.
=> 2

% newsarc validate nothing-here.jsonl
2> nothing-here.jsonl: error: cannot open: No such file or directory
newsarc: 0 records checked: 0 valid, 0 invalid; 0 errors
=> 4

# convert --validate: invalid records go to --rejects, reasons on stderr.
% newsarc convert --validate --from jsonl --rejects rej.jsonl -o ok.jsonl -; echo "rc=$?"; cat ok.jsonl; cat rej.jsonl
{"id":"a","source":"Wire","published":"2015-12-15","headline":"Bridge reopens","body":[{"type":"p","text":"Text."}]}
{"id":"b","source":"Wire","published":"2015-12-15","headline":"Bridge","body":[{"type":"x","text":"Text."}]}
{"id":"c","source":"Wire","published":"2015-12-15","headline":"Bridge","language":"en_GB","body":[{"type":"p","text":"Text."}]}
^D
rc=6
{"id":"a","source":"Wire","headline":"Bridge reopens","published":"2015-12-15","body":[{"type":"p","text":"Text."}]}
{"id":"b","source":"Wire","published":"2015-12-15","headline":"Bridge","body":[{"type":"x","text":"Text."}]}
{"id":"c","source":"Wire","headline":"Bridge","language":"en_GB","published":"2015-12-15","body":[{"type":"p","text":"Text."}]}
2> <stdin>:2:88: error: body[0]: block type must be one of "p", "h", "quote", "li"
2> <stdin>:3:83: error: /language: "en_GB" does not match /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-.../ (pattern)
2> newsarc: read 3, written 1, rejected 2
=> 0

# --xsd: NewsML-G2 checked against the IPTC XSD offline (catalog beside it); both copies share
# one guid, so the duplicate-id check is off here.
% sed 's/<itemClass /<itemKlass /' $SHARED/reference/newsml-g2/minimal-text-newsitem.xml > bad.xml; newsarc validate -q --no-check duplicate-id --xsd $SHARED/reference/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd bad.xml $SHARED/reference/newsml-g2/minimal-text-newsitem.xml 2>/dev/null || true
bad.xml:26: error: Element '{http://iptc.org/std/nar/2006-10-01/}itemKlass': This element is not expected. Expected is ( {http://iptc.org/std/nar/2006-10-01/}itemClass ). (xsd)
=> 0

# Foreign JSONL (grover/RealNews) maps through the aliases but has no id.
% newsarc validate -q --no-check all $SHARED/corpus/jsonl/grover-realnews_tiny.jsonl
$SHARED/corpus/jsonl/grover-realnews_tiny.jsonl:1:1: error: /id: required property missing (required)
$SHARED/corpus/jsonl/grover-realnews_tiny.jsonl:2:1: error: /id: required property missing (required)
$SHARED/corpus/jsonl/grover-realnews_tiny.jsonl:3:1: error: /id: required property missing (required)
$SHARED/corpus/jsonl/grover-realnews_tiny.jsonl:4:1: error: /id: required property missing (required)
$SHARED/corpus/jsonl/grover-realnews_tiny.jsonl:5:1: error: /id: required property missing (required)
=> 1
