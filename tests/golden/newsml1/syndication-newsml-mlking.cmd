newsarc convert $SHARED/corpus/newsml1/syndication-newsml-mlking.xml --to jsonl 2>&1
