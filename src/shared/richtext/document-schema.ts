// validateDocument as a Zod schema, for request bodies: `body: documentSchema()`.
import { z } from 'zod';
import type { Doc } from './document.js';
import type { ValidateDocumentOptions } from './validate-document.js';
import { parseDocument } from './validate-document.js';

export function documentSchema(options: ValidateDocumentOptions = {}): z.ZodType<Doc, unknown> {
  return z.unknown().transform((input, ctx) => {
    const { doc, issues } = parseDocument(input, options);
    for (const issue of issues) {
      ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input });
    }
    return doc && issues.length === 0 ? doc : z.NEVER;
  });
}
