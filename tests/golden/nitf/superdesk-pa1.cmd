newsarc convert $SHARED/corpus/nitf/superdesk-pa1.xml --to jsonl
