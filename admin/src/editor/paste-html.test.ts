// The paste clean-up on real clipboard markup from Google Docs, Word and a web page, under
// happy-dom, then through the editor's own schema into a stored document that validates.
import { getSchema } from '@tiptap/core';
import { DOMParser as ProseMirrorParser } from '@tiptap/pm/model';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { Block, Doc } from '@shared/richtext/document.js';
import { validateDocument } from '@shared/richtext/validate-document.js';
import { bodyExtensions } from './extensions.js';
import { cleanPastedHtml } from './paste-html.js';
import { toDocument } from './to-document.js';

const siteOrigin = 'https://news.example';
const window = new Window({ url: `${siteOrigin}/admin/stories/new` });
const parser = new window.DOMParser() as unknown as globalThis.DOMParser;
const schema = getSchema(bodyExtensions({ allowRawHtml: false }));

const clean = (html: string) => cleanPastedHtml(html, { parser, siteOrigin });

/** What the editor would hold after the paste, as the stored document. */
function pasted(html: string): Doc {
  const body = parser.parseFromString(clean(html).html, 'text/html').body;
  const node = ProseMirrorParser.fromSchema(schema).parse(body as unknown as Node);
  node.check();
  const doc = toDocument(node.toJSON());
  const result = validateDocument(doc);
  expect(result.ok ? [] : result.errors).toEqual([]);
  return doc;
}

const types = (blocks: Block[]) => blocks.map((b) => b.type);
const text = (value: unknown): string =>
  JSON.stringify(value)
    .match(/"text":"[^"]*"/g)
    ?.join(' ') ?? '';

const googleDocs = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5b1c">
<h1 dir="ltr"><span style="font-size:20pt">Council closes the library</span></h1>
<p dir="ltr"><span style="font-weight:700">Seven to two</span><span> was the vote. Read the </span><a href="https://www.google.com/url?q=https://example.org/report&amp;sa=D&amp;ust=1"><span>report</span></a><span>.</span></p>
<h2 dir="ltr"><span>What happens next</span></h2>
<ul><li dir="ltr" aria-level="1"><p dir="ltr"><span>Opening hours cut</span></p></li>
<ul><li dir="ltr" aria-level="2"><p dir="ltr"><span>From March</span></p></li></ul>
<li dir="ltr" aria-level="1"><p dir="ltr"><span>Staff moved</span></p></li></ul>
<ol><li><p><span>Consultation closes</span></p></li></ol>
<div dir="ltr"><table><colgroup><col><col></colgroup><tbody>
<tr><td><p><span>Built</span></p></td><td><p><span>1962</span></p></td></tr>
<tr><td><p><span>Visitors a year</span></p></td><td><p><span>41,000</span></p></td></tr>
</tbody></table></div>
<p dir="ltr"><span><img src="https://lh7-rt.googleusercontent.com/docsz/AD_4nXe" width="602" height="339" alt="Library entrance"></span></p>
<h5>Notes</h5></b>`;

const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>
<p class=MsoNormal><b>Budget<o:p></o:p></b></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Roads<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp; </span></span><![endif]>Potholes<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp; </span></span><![endif]>Schools<o:p></o:p></p>
<p class=MsoNormal>Between lists</p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp; </span></span><![endif]>First step</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp; </span></span><![endif]>Second step</p>
<p class=MsoQuote>We were not consulted.</p>
<p class=MsoNormal><img width=200 height=100 src="file:///C:/Users/ada/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg" alt="Chart of spending"></p>
</body></html>`;

describe('cleanPastedHtml', () => {
  it('keeps a Google Docs paste: headings, marks, links, nested lists, a table as a fact box', () => {
    const doc = pasted(googleDocs);
    expect(types(doc.content)).toEqual([
      'heading',
      'paragraph',
      'heading',
      'bulletList',
      'orderedList',
      'factBox',
      'heading',
    ]);
    expect(doc.content[0]).toMatchObject({ attrs: { level: 2 } });
    expect(doc.content[6]).toMatchObject({ attrs: { level: 4 } });
    expect(doc.content[1]).toMatchObject({
      content: [
        { text: 'Seven to two', marks: [{ type: 'bold' }] },
        { text: ' was the vote. Read the ' },
        {
          text: 'report',
          marks: [{ type: 'link', attrs: { href: 'https://example.org/report' } }],
        },
        { text: '.' },
      ],
    });
    // The nested item sits inside "Opening hours cut".
    expect(doc.content[3]).toMatchObject({
      content: [
        { content: [{ type: 'paragraph' }, { type: 'bulletList' }] },
        { content: [{ type: 'paragraph' }] },
      ],
    });
    expect(text(doc.content[3])).toContain('From March');
    const factBox = doc.content[5];
    expect(factBox).toMatchObject({
      type: 'factBox',
      content: [
        { content: [{ text: 'Built:', marks: [{ type: 'bold' }] }, { text: ' 1962' }] },
        { content: [{ text: 'Visitors a year:', marks: [{ type: 'bold' }] }, { text: ' 41,000' }] },
      ],
    });
  });

  it('names the Google Docs picture it could not bring in', () => {
    expect(clean(googleDocs).droppedImages).toEqual([
      { src: 'https://lh7-rt.googleusercontent.com/docsz/AD_4nXe', alt: 'Library entrance' },
    ]);
  });

  it('turns Word’s list paragraphs into nested bulleted and numbered lists, its quote into a quote', () => {
    const doc = pasted(word);
    expect(types(doc.content)).toEqual([
      'paragraph',
      'bulletList',
      'paragraph',
      'orderedList',
      'blockquote',
    ]);
    const bullets = doc.content[1]!;
    expect(text(bullets)).not.toMatch(/·|"o"/);
    expect(bullets).toMatchObject({
      content: [
        {
          content: [
            { content: [{ text: 'Roads' }] },
            { type: 'bulletList', content: [{ content: [{ content: [{ text: 'Potholes' }] }] }] },
          ],
        },
        { content: [{ content: [{ text: 'Schools' }] }] },
      ],
    });
    expect(text(doc.content[3])).toBe('"text":"First step" "text":"Second step"');
    expect(text(doc.content[4])).toContain('We were not consulted.');
    expect(clean(word).droppedImages).toEqual([
      {
        src: 'file:///C:/Users/ada/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg',
        alt: 'Chart of spending',
      },
    ]);
  });

  it('keeps safe links only: javascript:, data: and in-page anchors become plain text', () => {
    const doc = pasted(
      '<p><a href="javascript:alert(1)">one</a> <a href=" https://example.org/a ">two</a> ' +
        '<a href="data:text/html,x">three</a> <a href="#top">four</a> <a href="mailto:tips@example.org">five</a> ' +
        '<a href="/about/" onclick="x()" target="_blank">six</a></p>',
    );
    const hrefs = JSON.stringify(doc).match(/"href":"[^"]*"/g);
    expect(hrefs).toEqual([
      '"href":"https://example.org/a"',
      '"href":"mailto:tips@example.org"',
      '"href":"/about/"',
    ]);
    expect(text(doc)).toContain('one');
    expect(text(doc)).toContain('four');
  });

  it('a web page: header row tables label each value, pictures on our own site stay', () => {
    const page = `<article><h3>Results</h3><table><caption>Vote by ward</caption>
      <thead><tr><th>Ward</th><th>Yes</th><th>No</th></tr></thead>
      <tbody><tr><td>North</td><td>4</td><td>1</td></tr><tr><td>South</td><td>3</td><td>1</td></tr></tbody></table>
      <figure><img src="${siteOrigin}/media/2026/01/hall.jpg" alt="Town hall"><figcaption>The hall</figcaption></figure>
      <picture><source srcset="https://cdn.example.com/a.webp"><img src="https://cdn.example.com/a.jpg"></picture>
      <script>alert(1)</script></article>`;
    const doc = pasted(page);
    expect(types(doc.content)).toEqual(['heading', 'factBox', 'figure', 'paragraph']);
    expect(doc.content[1]).toMatchObject({
      attrs: { title: 'Vote by ward' },
      content: [
        {
          content: [
            { text: 'Ward:', marks: [{ type: 'bold' }] },
            { text: ' North · ' },
            { text: 'Yes:', marks: [{ type: 'bold' }] },
            { text: ' 4 · ' },
            { text: 'No:', marks: [{ type: 'bold' }] },
            { text: ' 1' },
          ],
        },
        { type: 'paragraph' },
      ],
    });
    expect(doc.content[2]).toMatchObject({
      attrs: { src: '/media/2026/01/hall.jpg', alt: 'Town hall' },
    });
    expect(JSON.stringify(doc)).not.toContain('alert');
    expect(clean(page).droppedImages).toEqual([{ src: 'https://cdn.example.com/a.jpg', alt: '' }]);
  });

  it('a layout table is unwrapped, not boxed', () => {
    const doc = pasted(
      '<table><tr><td><h2>Left</h2><p>One</p></td><td><ul><li>Two</li></ul></td></tr></table>',
    );
    expect(types(doc.content)).toEqual(['heading', 'paragraph', 'bulletList']);
  });

  it('leaves the editor’s own copies untouched', () => {
    const own = '<div data-pm-slice="1 1 []"><table><tr><td>x</td></tr></table></div>';
    expect(clean(own)).toEqual({ html: own, droppedImages: [] });
  });
});
