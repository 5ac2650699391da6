newsarc convert $SHARED/corpus/newsml1/syndication-newsml-sportsresult.xml --to jsonl 2>&1
