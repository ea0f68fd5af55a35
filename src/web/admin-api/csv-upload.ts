import type { FastifyRequest } from 'fastify';
import { AppError, validationError } from '../../platform/errors.js';

/** The CSV text of an import: a multipart field `file`, or a text/csv body. */
export async function csvTextOf(request: FastifyRequest): Promise<string> {
  if (request.isMultipart()) {
    let text: string | undefined;
    for await (const part of request.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'file' || text !== undefined) {
        if (part.type === 'file') part.file.resume();
        throw validationError([
          { field: part.fieldname, message: 'send exactly one file, in the field named file' },
        ]);
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated)
        throw new AppError({
          code: 'FILE_TOO_LARGE',
          status: 413,
          message: 'file is too large',
          problems: [{ field: 'file', message: 'too large' }],
        });
      text = bytes.toString('utf8');
    }
    if (text === undefined) throw validationError([{ field: 'file', message: 'is required' }]);
    return text;
  }
  if (typeof request.body === 'string') return request.body;
  throw new AppError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    message: 'send text/csv, or multipart/form-data with a field named file',
  });
}
