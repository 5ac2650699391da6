newsarc convert --to jsonl "$SHARED/corpus/atom/feedjira-TypePadNews.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
