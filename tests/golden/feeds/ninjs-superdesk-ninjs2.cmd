newsarc convert --to jsonl "$SHARED/corpus/ninjs/superdesk-ninjs2.json" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
