export { createTagsService } from './tags.service.js';
export type { TagsService } from './tags.service.js';
export type { Tag, TagInput } from './tag.js';
export { tagInputSchema } from './tag.js';
export type { TagsTables } from './tags.table.js';
