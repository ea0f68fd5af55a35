// Validates an untrusted article body and returns a clean copy: only known nodes, marks and
// attributes, in the nesting the editor allows, within size limits, raw HTML sanitised.
// Hand-walked rather than one recursive Zod schema so that depth and node limits are enforced
// before recursing, and errors point at the offending node.
import type { z } from 'zod';
import type { Block, Doc, InlineNode, ListItemNode, Mark, SimpleMarkType } from './document.js';
import { allowedChildren, markTypes } from './document.js';
import { documentLimits } from './limits.js';
import {
  embedAttrsSchema,
  factBoxAttrsSchema,
  galleryAttrsSchema,
  headingAttrsSchema,
  imageAttrsSchema,
  isValidText,
  linkAttrsSchema,
  orderedListAttrsSchema,
  pullQuoteAttrsSchema,
  rawHtmlAttrsSchema,
  relatedPostAttrsSchema,
} from './node-attrs.js';
import { sanitizeRawHtml } from './sanitize-raw-html.js';
import type { DocumentIssue, PathSegment } from './validation-issues.js';
import { formatPath, IssueCollector } from './validation-issues.js';

export type { DocumentIssue, PathSegment } from './validation-issues.js';
export { formatPath } from './validation-issues.js';

export type ValidateDocumentOptions = {
  /** Editors and above may store raw HTML blocks (sanitised on the way in). */
  allowRawHtml?: boolean;
};

export type DocumentError = { path: string; message: string };

export type ValidateDocumentResult =
  { ok: true; doc: Doc } | { ok: false; errors: DocumentError[] };

export function validateDocument(
  input: unknown,
  options: ValidateDocumentOptions = {},
): ValidateDocumentResult {
  const { doc, issues } = parseDocument(input, options);
  if (doc && issues.length === 0) return { ok: true, doc };
  return {
    ok: false,
    errors: issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  };
}

/** The same walk as validateDocument, with paths as segments (for Zod issue paths). */
export function parseDocument(
  input: unknown,
  options: ValidateDocumentOptions = {},
): { doc: Doc | undefined; issues: DocumentIssue[] } {
  const walk = new Walk(options.allowRawHtml === true);
  const root = walk.record(input, [], 'The document');
  if (!root) return { doc: undefined, issues: walk.issues };
  if (root.type !== 'doc') walk.fail(['type'], 'The root node must be of type "doc"');
  walk.checkKeys(root, ['type', 'content'], []);
  const content = walk.children(root.content, ['content'], allowedChildren.doc, 1, false) as
    Block[] | undefined;
  if (walk.issues.length > 0 || !content) return { doc: undefined, issues: walk.issues };
  return { doc: { type: 'doc', content }, issues: [] };
}

const knownNodeTypes = new Set<string>([...allowedChildren.doc, 'listItem', 'text', 'hardBreak']);

class Walk extends IssueCollector {
  private nodes = 0;
  private textLength = 0;

  constructor(private readonly canUseRawHtml: boolean) {
    super();
  }

  /** Validates a content array; `allowed` is the parent's content rule. */
  children(
    value: unknown,
    path: PathSegment[],
    allowed: readonly string[],
    depth: number,
    isRequired: boolean,
  ): (Block | ListItemNode)[] | undefined {
    if (!Array.isArray(value)) {
      this.fail(path, 'Content must be an array');
      return undefined;
    }
    if (isRequired && value.length === 0) this.fail(path, 'Content must not be empty');
    const out: (Block | ListItemNode)[] = [];
    for (let index = 0; index < value.length && !this.aborted; index += 1) {
      const node = this.block(value[index], [...path, index], allowed, depth);
      if (node) out.push(node);
    }
    return out;
  }

  private node(input: unknown, path: PathSegment[], depth: number) {
    const node = this.record(input, path, 'A node');
    if (!node) return undefined;
    this.nodes += 1;
    if (this.nodes > documentLimits.maxNodes) {
      this.abort(path, `The document has more than ${documentLimits.maxNodes} nodes`);
      return undefined;
    }
    if (depth > documentLimits.maxDepth) {
      this.abort(path, `Nodes are nested more than ${documentLimits.maxDepth} levels deep`);
      return undefined;
    }
    if (typeof node.type !== 'string') {
      this.fail([...path, 'type'], 'Node type must be a string');
      return undefined;
    }
    return node as Record<string, unknown> & { type: string };
  }

  private block(
    input: unknown,
    path: PathSegment[],
    allowed: readonly string[],
    depth: number,
  ): Block | ListItemNode | undefined {
    const node = this.node(input, path, depth);
    if (!node) return undefined;
    const { type } = node;
    if (!allowed.includes(type)) {
      this.fail(
        path,
        knownNodeTypes.has(type)
          ? `"${type}" is not allowed here; expected one of: ${allowed.join(', ')}`
          : `Unknown node type "${type}"`,
      );
      return undefined;
    }
    const keys = (...names: string[]) => this.checkKeys(node, ['type', ...names], path);
    const content = (rule: readonly string[]) =>
      this.children(node.content, [...path, 'content'], rule, depth + 1, true);

    switch (type) {
      case 'paragraph': {
        keys('content');
        const inline = this.inline(node.content, [...path, 'content'], depth + 1);
        return inline?.length ? { type, content: inline } : { type };
      }
      case 'heading': {
        keys('attrs', 'content');
        const attrs = this.attrs(headingAttrsSchema, node.attrs, path);
        const inline = this.inline(node.content, [...path, 'content'], depth + 1);
        if (!attrs) return undefined;
        return inline?.length ? { type, attrs, content: inline } : { type, attrs };
      }
      case 'bulletList': {
        keys('content');
        const items = content(['listItem']) as ListItemNode[] | undefined;
        return items && { type, content: items };
      }
      case 'orderedList': {
        keys('attrs', 'content');
        const attrs = this.attrs(orderedListAttrsSchema, node.attrs ?? {}, path);
        const items = content(['listItem']) as ListItemNode[] | undefined;
        if (!attrs || !items) return undefined;
        return attrs.start === undefined
          ? { type, content: items }
          : { type, attrs, content: items };
      }
      case 'listItem': {
        keys('content');
        const children = content(allowedChildren.listItem) as ListItemNode['content'] | undefined;
        return children && { type, content: children };
      }
      case 'blockquote': {
        keys('content');
        const children = content(allowedChildren.blockquote);
        return children && ({ type, content: children } as Block);
      }
      case 'factBox': {
        keys('attrs', 'content');
        const attrs = this.attrs(factBoxAttrsSchema, node.attrs ?? {}, path);
        const children = content(allowedChildren.factBox);
        return attrs && children && ({ type, attrs, content: children } as Block);
      }
      case 'pullQuote':
        return this.leaf(node, path, pullQuoteAttrsSchema);
      case 'figure':
        return this.leaf(node, path, imageAttrsSchema);
      case 'gallery':
        return this.leaf(node, path, galleryAttrsSchema);
      case 'embed':
        return this.leaf(node, path, embedAttrsSchema);
      case 'relatedPost':
        return this.leaf(node, path, relatedPostAttrsSchema);
      case 'horizontalRule':
        keys();
        return { type };
      case 'rawHtml': {
        if (!this.canUseRawHtml) {
          this.fail(path, 'Raw HTML blocks may only be added by editors');
          return undefined;
        }
        const leaf = this.leaf(node, path, rawHtmlAttrsSchema);
        return leaf && { type, attrs: { html: sanitizeRawHtml(leaf.attrs.html) } };
      }
      default:
        this.fail(path, `Unknown node type "${type}"`);
        return undefined;
    }
  }

  private leaf<S extends z.ZodType>(
    node: Record<string, unknown> & { type: string },
    path: PathSegment[],
    schema: S,
  ): (Block & { attrs: z.output<S> }) | undefined {
    this.checkKeys(node, ['type', 'attrs'], path);
    const attrs = this.attrs(schema, node.attrs, path);
    return attrs && ({ type: node.type, attrs } as Block & { attrs: z.output<S> });
  }

  private inline(value: unknown, path: PathSegment[], depth: number): InlineNode[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.fail(path, 'Content must be an array');
      return undefined;
    }
    const out: InlineNode[] = [];
    for (let index = 0; index < value.length && !this.aborted; index += 1) {
      const node = this.inlineNode(value[index], [...path, index], depth);
      if (node) out.push(node);
    }
    return out;
  }

  private inlineNode(input: unknown, path: PathSegment[], depth: number): InlineNode | undefined {
    const node = this.node(input, path, depth);
    if (!node) return undefined;
    if (node.type !== 'text' && node.type !== 'hardBreak') {
      this.fail(
        path,
        knownNodeTypes.has(node.type)
          ? `"${node.type}" is not allowed here; expected text or hardBreak`
          : `Unknown node type "${node.type}"`,
      );
      return undefined;
    }
    const marks = node.marks === undefined ? [] : this.marks(node.marks, [...path, 'marks']);
    const withMarks = marks?.length ? { marks } : {};
    if (node.type === 'hardBreak') {
      this.checkKeys(node, ['type', 'marks'], path);
      return { type: 'hardBreak', ...withMarks };
    }
    this.checkKeys(node, ['type', 'text', 'marks'], path);
    const text = this.text(node.text, [...path, 'text']);
    return text === undefined ? undefined : { type: 'text', text, ...withMarks };
  }

  private text(value: unknown, path: PathSegment[]): string | undefined {
    if (typeof value !== 'string' || value.length === 0) {
      this.fail(path, 'Text must be a non-empty string');
      return undefined;
    }
    if (value.length > documentLimits.maxTextNodeLength) {
      this.fail(path, `Text is longer than ${documentLimits.maxTextNodeLength} characters`);
      return undefined;
    }
    if (!isValidText(value)) {
      this.fail(path, 'Text contains control characters');
      return undefined;
    }
    this.textLength += value.length;
    if (this.textLength > documentLimits.maxTotalTextLength) {
      this.abort(
        path,
        `The document has more than ${documentLimits.maxTotalTextLength} characters`,
      );
      return undefined;
    }
    return value;
  }

  private marks(value: unknown, path: PathSegment[]): Mark[] | undefined {
    if (!Array.isArray(value)) {
      this.fail(path, 'Marks must be an array');
      return undefined;
    }
    const out: Mark[] = [];
    const seen = new Set<string>();
    value.forEach((input: unknown, index) => {
      const at = [...path, index];
      const mark = this.record(input, at, 'A mark');
      if (!mark) return;
      const { type } = mark;
      if (typeof type !== 'string' || !(markTypes as readonly string[]).includes(type)) {
        this.fail([...at, 'type'], `Unknown mark "${String(type)}"`);
        return;
      }
      if (seen.has(type)) this.fail(at, `Duplicate mark "${type}"`);
      seen.add(type);
      if (type === 'link') {
        this.checkKeys(mark, ['type', 'attrs'], at);
        const attrs = this.attrs(linkAttrsSchema, mark.attrs, at);
        if (attrs) out.push({ type, attrs });
        return;
      }
      this.checkKeys(mark, ['type'], at);
      out.push({ type: type as SimpleMarkType });
    });
    return out;
  }
}
