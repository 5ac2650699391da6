newsarc convert --to jsonl "$SHARED/corpus/feed-encoding/feedparser-big5.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
