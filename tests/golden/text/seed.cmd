newsarc convert $SHARED/corpus/seed/000_fae513b42f9c7d00.txt --to jsonl
