newsarc convert -q --from jsonl --to rss < /dev/null; newsarc convert -q --from jsonl --to atom < /dev/null | grep -v '<updated>'
