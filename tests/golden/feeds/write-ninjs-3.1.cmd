head -n 1 "$ROOT/examples/articles.jsonl" | newsarc convert -q --from jsonl --to ninjs 2>&1
