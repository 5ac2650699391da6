newsarc convert $SHARED/corpus/newsml1/syndication-newsml-reuters-test.xml --to jsonl 2>&1
