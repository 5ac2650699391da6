newsarc convert $SHARED/corpus/newsml1/superdesk-ana1.xml --to jsonl 2>&1
