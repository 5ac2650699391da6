newsarc convert -q "$ROOT/examples/articles.jsonl" --to atom -O atom:title='Wire & Co' -O atom:id=tag:news.example.org,2015:wire 2>&1
