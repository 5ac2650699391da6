newsarc convert --to jsonl "$SHARED/corpus/feed-encoding/feedparser-demoronize-1.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
