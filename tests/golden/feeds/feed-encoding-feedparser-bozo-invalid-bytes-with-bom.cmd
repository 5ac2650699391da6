newsarc convert --to jsonl "$SHARED/corpus/feed-encoding/feedparser-bozo_invalid-bytes-with-bom.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
