# text reader: the same rules on another page layout (menus, breadcrumb,
# byline, "Updated:" label, share widgets, end marker, related trailer).
% newsarc convert --from text --to jsonl
Home | World | Business | Sport | Culture
Home > World > Europe

Harbour bridge reopens after repair
By Ana Ruiz and Lee Chen
Updated: 15.12.2015 10:20
Share Tweet Email

The harbour bridge reopened on Tuesday.
It took two years.

A hard-wrapped paragraph, as plain-text dumps of old pages often
have it, goes on over several lines of about the same
width.

"We waited a long time," said a driver.

- First item
- Second item

Buses return on Monday. (END)

Related stories
Another story
^D
{"headline":"Harbour bridge reopens after repair","byline":["Ana Ruiz","Lee Chen"],"published":"2015-12-15T10:20:00","published_raw":"15.12.2015 10:20","body":[{"type":"p","text":"The harbour bridge reopened on Tuesday."},{"type":"p","text":"It took two years."},{"type":"p","text":"A hard-wrapped paragraph, as plain-text dumps of old pages often have it, goes on over several lines of about the same width."},{"type":"p","text":"\"We waited a long time,\" said a driver."},{"type":"li","text":"First item"},{"type":"li","text":"Second item"},{"type":"p","text":"Buses return on Monday."}]}
2> newsarc: read 1, written 1, rejected 0
=> 0

# No date line: the first short paragraph is the headline; a bare end marker goes.
% newsarc convert --from text --to jsonl
Short title

First paragraph of the story, long enough to be body text.

Enditem
^D
{"headline":"Short title","body":[{"type":"p","text":"First paragraph of the story, long enough to be body text."}]}
2> newsarc: read 1, written 1, rejected 0
=> 0

# Only chrome: rejected, never an empty record.
% newsarc convert --from text --to jsonl
You are here: Home
Share Tweet Email
^D
2> <stdin>:1:1: error: no article content found
2> newsarc: read 1, written 0, rejected 1
=> 6

# The probe never claims other formats' text: JSON and XML stay theirs, and
# a .txt name alone is only an extension match.
% printf '{"headline":"x"}\n' > a.txt; newsarc convert a.txt --to jsonl
{"headline":"x"}
2> newsarc: read 1, written 1, rejected 0
=> 0
