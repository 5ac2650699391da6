newsarc convert --to jsonl "$SHARED/corpus/ninjs/superdesk-ninjs3.json" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
