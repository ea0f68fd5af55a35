export { createTagsService } from './tags.service.js';
export type { TagsService } from './tags.service.js';
export type { Tag, TagInput, TagPatch } from './tag.js';
export { isPublicTag, tagInputSchema, tagPatchSchema } from './tag.js';
export type { TagsTables } from './tags.table.js';
