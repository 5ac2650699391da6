newsarc convert -q "$ROOT/examples/articles.jsonl" --to ninjs -O ninjs:version=2.2 -O ninjs:lines=1 2>&1
