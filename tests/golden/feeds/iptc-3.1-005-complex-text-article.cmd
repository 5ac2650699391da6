newsarc convert --to jsonl "$SHARED/reference/ninjs/examples/3.1_005_complex_text_article.json" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
