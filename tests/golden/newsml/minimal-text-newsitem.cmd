newsarc convert -q "$SHARED/reference/newsml-g2/minimal-text-newsitem.xml"
