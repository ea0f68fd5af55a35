// Ghost's Lexical body (the `posts.lexical` column, a JSON string) as a Masthead document.
// Our own walker over the JSON: Ghost's nodes are plain data, no Lexical runtime is needed
// (decision 0018 §4 and §6). Whatever cannot be carried over is listed in `dropped`.
import type { BodyConversion, BodyConversionOptions } from './body-conversion.js';
import { convertBlocks } from './ghost-blocks.js';
import { GhostContext, isRecord } from './ghost-context.js';
import { finishConversion } from './finish-conversion.js';

/** Parses a JSON string, or passes an already parsed value through. */
export function parseJsonBody(input: string | object, kind: string, ctx: GhostContext): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    ctx.drop(kind, 'The body is not valid JSON; nothing could be read');
    return undefined;
  }
}

export function lexicalToDocument(
  lexicalJson: string | object,
  options: BodyConversionOptions,
): BodyConversion {
  const ctx = new GhostContext(options.siteUrl);
  const value = parseJsonBody(lexicalJson, 'lexical', ctx);
  const root = isRecord(value) ? value.root : undefined;
  if (!isRecord(root) || !Array.isArray(root.children)) {
    if (value !== undefined)
      ctx.drop('lexical', 'No Lexical root with children; nothing could be read');
    return finishConversion([], ctx);
  }
  return finishConversion(convertBlocks(root.children, ctx, 0), ctx);
}
