newsarc convert --to jsonl "$SHARED/corpus/jsonfeed/feedjira-json_feed.json" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
