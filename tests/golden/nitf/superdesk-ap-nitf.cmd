newsarc convert $SHARED/corpus/nitf/superdesk-ap-nitf.xml --to jsonl
