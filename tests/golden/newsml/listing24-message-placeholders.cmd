newsarc convert "$SHARED/reference/newsml-g2/examples/LISTING_24_News_Message_conveying_a_complete_News_Package.xml" --rejects rej.xml 2>&1; echo "rc=$?"; cat rej.xml
