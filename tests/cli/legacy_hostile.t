# Hostile and broken input for the legacy readers: no file or network access
# through entities, no entity expansion blow-up, binary garbage rejected with
# printable messages.
% printf '<?xml version="1.0"?>\n<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<nitf><head><title>T &xxe;</title></head><body><body.content><p>x &xxe;</p></body.content></body></nitf>\n' > xxe.xml; newsarc convert xxe.xml --to jsonl
{"headline":"T","body":[{"type":"p","text":"x"}]}
2> xxe.xml: warning: external entity 'xxe' ("file:///etc/passwd") not loaded (no network or file access); its references are dropped
2> newsarc: read 1, written 1, rejected 0
=> 0

% printf '<?xml version="1.0"?>\n<!DOCTYPE nitf [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>\n<nitf><body><body.head><hedline><hl1>L &g;</hl1></hedline></body.head></body></nitf>\n' > lol.xml; newsarc convert lol.xml --to jsonl 2>&1 | tail -1
newsarc: read 1, written 0, rejected 1
=> 0

% printf 'WARC/1.0\r\nWARC-Type: resource\r\n\001\002\377binary\r\n' > a.warc; printf '\000\001\002\003' >> a.warc; newsarc convert a.warc --to jsonl
2> a.warc@0: error: truncated record header
2> newsarc: read 1, written 0, rejected 1
=> 6

% printf 'not a warc \001\377\n' > b.warc; newsarc convert --from warc b.warc --to jsonl
2> b.warc@0: error: not a WARC record: "not a warc ??"; skipped to the next record
2> newsarc: read 1, written 0, rejected 1
=> 6

% printf 'Title\000\001\002 binary\n\nBody text here.\n' > c.txt; newsarc convert c.txt --to jsonl; newsarc convert --from text c.txt --to jsonl
2> c.txt: error: unknown input format; use --from (see 'newsarc formats')
2> c.txt: error: binary data, not text
2> newsarc: read 0, written 0, rejected 0
=> 5
