newsarc convert $SHARED/corpus/newsml1/superdesk-afp.xml --to jsonl 2>&1
