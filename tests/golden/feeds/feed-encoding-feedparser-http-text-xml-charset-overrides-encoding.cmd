newsarc convert --to jsonl "$SHARED/corpus/feed-encoding/feedparser-http_text_xml_charset_overrides_encoding.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
