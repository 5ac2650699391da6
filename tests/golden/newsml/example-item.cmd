newsarc convert -q "$ROOT/examples/newsml/item.xml"
