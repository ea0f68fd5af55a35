export { createAuthorsService } from './authors.service.js';
export type { AuthorsService } from './authors.service.js';
export type { Author, AuthorInput, AuthorUpdate } from './author.js';
export { authorInputSchema, authorUpdateSchema } from './author.js';
export type { AuthorsTables } from './authors.table.js';
