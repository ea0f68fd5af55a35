export { createAuthorsService } from './authors.service.js';
export type { AuthorsService } from './authors.service.js';
export type { Author, AuthorInput } from './author.js';
export { authorInputSchema } from './author.js';
export type { AuthorsTables } from './authors.table.js';
