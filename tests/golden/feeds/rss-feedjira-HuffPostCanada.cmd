newsarc convert --to jsonl "$SHARED/corpus/rss/feedjira-HuffPostCanada.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
