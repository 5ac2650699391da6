printf '{"headline":"No id"}\n{"id":"x y","headline":"Has id"}\n' | newsarc convert --from jsonl --to ninjs 2>&1; echo "exit $?"
