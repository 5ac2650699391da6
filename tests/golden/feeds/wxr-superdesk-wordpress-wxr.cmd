newsarc convert --to jsonl "$SHARED/corpus/wxr/superdesk-wordpress_wxr.xml" -o out.jsonl 2>&1; echo "exit $?"; cat out.jsonl
