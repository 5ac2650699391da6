newsarc convert "$SHARED/reference/newsml-g2/examples/LISTING_6_Simple_NewsML-G2_Package.xml" 2>&1; echo "rc=$?"
