// ProseMirror content expressions built from the shared model's nesting rules, so the editor
// cannot produce a tree the validator would refuse (e.g. a heading inside a list item).
import { allowedChildren } from '@shared/richtext/document.js';

const anyOf = (types: readonly string[]) => `(${types.join(' | ')})`;

export const contentRules = {
  doc: `${anyOf(allowedChildren.doc)}+`,
  listItem: `${anyOf(allowedChildren.listItem)}+`,
  blockquote: `${anyOf(allowedChildren.blockquote)}+`,
  factBox: `${anyOf(allowedChildren.factBox)}+`,
} as const;
