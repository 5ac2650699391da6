newsarc convert --to jsonl "$SHARED/corpus/atom/trafilatura-feed1.atom" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
