newsarc convert $SHARED/corpus/newsml1/superdesk-afp20.xml --to jsonl 2>&1
