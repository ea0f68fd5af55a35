export { createSearchService } from './search.service.js';
export type { SearchService } from './search.service.js';
export type { SearchDocument, SearchOptions, SearchPage, SearchResult } from './search.js';
export { searchOptionsSchema } from './search.js';
