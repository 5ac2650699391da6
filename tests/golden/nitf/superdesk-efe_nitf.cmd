newsarc convert $SHARED/corpus/nitf/superdesk-efe_nitf.xml --to jsonl
