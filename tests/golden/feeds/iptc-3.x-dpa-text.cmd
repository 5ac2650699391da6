newsarc convert --to jsonl "$SHARED/reference/ninjs/examples/3.x_dpa_text.json" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
