newsarc convert --to jsonl "$SHARED/corpus/feed-encoding/feedparser-utf-16be-autodetect.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
