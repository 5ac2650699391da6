newsarc convert $SHARED/corpus/nitf/superdesk-aap.xml --to jsonl
