newsarc convert -q "$SHARED/reference/newsml-g2/examples/LISTING_1_A_NewsML-G2_News_Item.xml"
