// Small document builders for the validator's tests (not bundled: only tests import them).
import { validateDocument } from './validate-document.js';

export const paragraph = (text: string, marks?: unknown[]) => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
});

export const list = (child: unknown) => ({
  type: 'bulletList',
  content: [{ type: 'listItem', content: [child] }],
});

export const doc = (...content: unknown[]) => ({ type: 'doc', content });

export function errorsOf(input: unknown, options?: { allowRawHtml?: boolean }) {
  const result = validateDocument(input, options);
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.errors;
}
