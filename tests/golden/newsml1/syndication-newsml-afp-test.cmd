newsarc convert $SHARED/corpus/newsml1/syndication-newsml-afp-test.xml --to jsonl 2>&1
