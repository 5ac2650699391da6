newsarc convert -q "$SHARED/reference/newsml-g2/examples/LISTING_22_Sports_story_in_NewsML-G2NITF.xml"
