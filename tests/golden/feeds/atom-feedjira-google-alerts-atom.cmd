newsarc convert --to jsonl "$SHARED/corpus/atom/feedjira-google_alerts_atom.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
