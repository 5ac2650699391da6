newsarc convert $SHARED/corpus/nitf/iptc-nitf-fishing.xml --to jsonl
