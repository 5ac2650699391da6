newsarc convert --to jsonl "$SHARED/corpus/feed-encoding/feedparser-bozo_encoding_mismatch_crash.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
