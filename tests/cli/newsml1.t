# NewsML 1.x: one article per NewsItem; XHTML, escaped HTML, plain text and
# inline NITF bodies; a data-only item is rejected, the others are kept.
% newsarc convert --from newsml1 --to jsonl
<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2">
 <NewsEnvelope><DateAndTime>20140829T135006Z</DateAndTime></NewsEnvelope>
 <NewsItem xml:lang="de">
  <Identification><NewsIdentifier><ProviderId>example.org</ProviderId><NewsItemId>one</NewsItemId></NewsIdentifier></Identification>
  <NewsManagement><FirstCreated>20180404T175903+0300</FirstCreated></NewsManagement>
  <NewsComponent>
   <NewsLines><HeadLine>First &amp; foremost</HeadLine><ByLine>By Ana Ruiz</ByLine><DateLine>BERLIN</DateLine><CreditLine>Example Wire</CreditLine></NewsLines>
   <ContentItem><MediaType FormalName="Text"/><Format FormalName="XHTML"/>
    <DataContent><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><h2>Sub</h2><p>One.</p><ul><li>Item</li></ul></body></html></DataContent>
   </ContentItem>
  </NewsComponent>
 </NewsItem>
 <NewsItem>
  <Identification><NewsIdentifier><ProviderId>example.org</ProviderId><NewsItemId>two</NewsItemId></NewsIdentifier></Identification>
  <NewsComponent EquivalentsList="yes">
   <NewsLines><HeadLine>Second</HeadLine></NewsLines>
   <ContentItem><MediaType FormalName="Text"/><DataContent>Plain text
wrapped line.

Next paragraph.</DataContent></ContentItem>
   <ContentItem><MediaType FormalName="Text"/><DataContent>Same story, other language.</DataContent></ContentItem>
  </NewsComponent>
 </NewsItem>
 <NewsItem>
  <Identification><NewsIdentifier><NewsItemId>three</NewsItemId></NewsIdentifier></Identification>
  <NewsComponent><ContentItem><DataContent><![CDATA[<Score><Home>1</Home></Score>]]></DataContent></ContentItem></NewsComponent>
 </NewsItem>
 <NewsItem>
  <Identification><NewsIdentifier><NewsItemId>four</NewsItemId></NewsIdentifier></Identification>
  <NewsComponent><ContentItem><DataContent><nitf><body><body.head><hedline><hl1>Fourth</hl1></hedline></body.head><body.content><p>NITF body.</p></body.content></body></nitf></DataContent></ContentItem></NewsComponent>
 </NewsItem>
</NewsML>
^D
{"id":"one","source":"Example Wire","headline":"First & foremost","byline":["Ana Ruiz"],"dateline":"BERLIN","language":"de","published":"2018-04-04T17:59:03+03:00","published_raw":"20180404T175903+0300","body":[{"type":"h","text":"Sub"},{"type":"p","text":"One."},{"type":"li","text":"Item"}]}
{"id":"two","source":"example.org","headline":"Second","published":"2014-08-29T13:50:06Z","published_raw":"20140829T135006Z","body":[{"type":"p","text":"Plain text wrapped line."},{"type":"p","text":"Next paragraph."}]}
{"id":"four","headline":"Fourth","published":"2014-08-29T13:50:06Z","published_raw":"20140829T135006Z","body":[{"type":"p","text":"NITF body."}]}
2> <stdin>:25: warning: NewsItem three: 1 ContentItem(s) hold data markup, not text; skipped
2> <stdin>:25: error: NewsItem three: no headline and no inline text content
2> newsarc: read 4, written 3, rejected 1
=> 6

# A document that breaks off keeps the items before the damage.
% newsarc convert --from newsml1 --to jsonl; echo "rc=$?"
<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>Kept</HeadLine></NewsLines></NewsComponent></NewsItem>
<NewsItem><NewsComponent><NewsLines><HeadLine>Lost
^D
{"headline":"Kept"}
rc=5
2> <stdin>:2: error: Extra content at the end of the document
2> newsarc: read 1, written 1, rejected 0
=> 0
