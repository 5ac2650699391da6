newsarc convert $SHARED/corpus/nitf/superdesk-nitf-ntb.xml --to jsonl
