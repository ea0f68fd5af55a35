// A minimal local copy of the article document shape (ProseMirror JSON). The real model lives in
// src/shared/richtext; this folder keeps its own so it can be written and tested independently.

export type DemoMark =
  { type: 'bold' } | { type: 'italic' } | { type: 'link'; attrs: { href: string } };

export interface DemoText {
  type: 'text';
  text: string;
  marks?: DemoMark[];
}

export type DemoInline = DemoText;

export interface DemoParagraph {
  type: 'paragraph';
  content?: DemoInline[];
}

export interface DemoHeading {
  type: 'heading';
  attrs: { level: 2 };
  content: DemoInline[];
}

export interface DemoListItem {
  type: 'listItem';
  content: DemoParagraph[];
}

export interface DemoBulletList {
  type: 'bulletList';
  content: DemoListItem[];
}

export interface DemoPullQuote {
  type: 'pullQuote';
  attrs: { text: string; attribution: string };
}

export interface DemoFactBox {
  type: 'factBox';
  attrs: { title: string };
  content: DemoBlock[];
}

export interface DemoRelatedPost {
  type: 'relatedPost';
  attrs: { postId: string };
}

export interface DemoHorizontalRule {
  type: 'horizontalRule';
}

export type DemoBlock =
  | DemoParagraph
  | DemoHeading
  | DemoBulletList
  | DemoPullQuote
  | DemoFactBox
  | DemoRelatedPost
  | DemoHorizontalRule;

export interface DemoDoc {
  type: 'doc';
  content: DemoBlock[];
}

export function text(value: string, marks?: DemoMark[]): DemoText {
  return marks && marks.length > 0
    ? { type: 'text', text: value, marks }
    : { type: 'text', text: value };
}

export function paragraph(...content: DemoInline[]): DemoParagraph {
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
}

export function heading(value: string): DemoHeading {
  return { type: 'heading', attrs: { level: 2 }, content: [text(value)] };
}

export function bulletList(items: readonly string[]): DemoBulletList {
  return {
    type: 'bulletList',
    content: items.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })),
  };
}

export function link(value: string, href: string, extra: DemoMark[] = []): DemoText {
  return text(value, [...extra, { type: 'link', attrs: { href } }]);
}
