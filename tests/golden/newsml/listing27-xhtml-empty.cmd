newsarc convert -q "$SHARED/reference/newsml-g2/examples/LISTING_27_Company_Financial_Information.xml"
