newsarc convert --to jsonl "$SHARED/corpus/rss/feedjira-TechCrunch.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
