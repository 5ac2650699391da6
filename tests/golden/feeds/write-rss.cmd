newsarc convert -q "$ROOT/examples/articles.jsonl" --to rss -O rss:title='Wire & "Co"' -O rss:link=https://news.example.org/ -O rss:description='All <news>' 2>&1
