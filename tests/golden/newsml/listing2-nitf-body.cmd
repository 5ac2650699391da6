newsarc convert -q "$SHARED/reference/newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml"
