newsarc convert $SHARED/corpus/nitf/superdesk-ap_media_text_nitf.xml --to jsonl
