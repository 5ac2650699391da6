newsarc convert --to jsonl "$SHARED/corpus/feed-encoding/feedparser-double-encoded-html.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
