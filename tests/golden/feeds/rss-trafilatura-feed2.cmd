newsarc convert --to jsonl "$SHARED/corpus/rss/trafilatura-feed2.rss" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
