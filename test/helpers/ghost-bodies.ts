// Test helpers for the Ghost body converters (imported by tests only).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Block, Doc } from '../../src/shared/richtext/index.js';
import { parseDocument } from '../../src/shared/richtext/index.js';
import type { BodyConversion } from '../../src/features/imports/body-conversion.js';

export const siteUrl = 'https://old.example.org';

export function readGhostFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/ghost/${name}`, import.meta.url), 'utf8');
}

/** The importer stores bodies as an owner, so raw HTML blocks are allowed. */
export function expectValid(result: BodyConversion): Doc {
  const { doc, issues } = parseDocument(result.doc, { allowRawHtml: true });
  expect(issues).toEqual([]);
  expect(doc).toBeDefined();
  // The safety net in finish-conversion must never be what made the document valid.
  expect(result.dropped.filter((line) => line.reason.startsWith('Could not be converted'))).toEqual(
    [],
  );
  return result.doc;
}

export function text(value: string, ...marks: string[]) {
  return marks.length === 0
    ? { type: 'text', text: value }
    : { type: 'text', text: value, marks: marks.map((type) => ({ type })) };
}

export function linked(value: string, href: string, ...marks: string[]) {
  return {
    type: 'text',
    text: value,
    marks: [...marks.map((type) => ({ type })), { type: 'link', attrs: { href } }],
  };
}

export function blocksOfType(doc: Doc, type: Block['type']): Block[] {
  return doc.content.filter((block) => block.type === type);
}
