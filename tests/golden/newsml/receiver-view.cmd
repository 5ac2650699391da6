newsarc convert -q "$SHARED/reference/newsml-g2/examples/Receiver_View.xml"
