newsarc convert --to jsonl "$SHARED/reference/ninjs/examples/3.1_004_simple_text_article.json" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
