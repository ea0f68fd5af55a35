import type { In, Tag } from '../../types.js';
import { tagCreateSchema } from '@shared/contracts/tags.js';
import { checkWithSchema } from '../../ui/schema-check.js';

export type TagInput = In<typeof tagCreateSchema>;

/** What the form edits, as text where an input holds it. */
export interface TagFormValues {
  name: string;
  slug: string;
  description: string;
  imageMediaId: string | null;
  isNavigation: boolean;
  /** Internal (Ghost's `#tags`): for the newsroom's own use, never shown to readers. */
  isInternal: boolean;
  /** Empty for "no particular place" (sections without an order follow the ordered ones). */
  navigationOrder: string;
}

export const tagFormFields = [
  'name',
  'slug',
  'description',
  'imageMediaId',
  'isNavigation',
  'isInternal',
  'navigationOrder',
] as const;

export const emptyTagValues = (isNavigation: boolean): TagFormValues => ({
  name: '',
  slug: '',
  description: '',
  imageMediaId: null,
  isNavigation,
  isInternal: false,
  navigationOrder: '',
});

export const valuesOfTag = (tag: Tag): TagFormValues => ({
  name: tag.name,
  slug: tag.slug,
  description: tag.description,
  imageMediaId: tag.imageMediaId,
  isNavigation: tag.isNavigation,
  isInternal: tag.isInternal,
  navigationOrder: tag.navigationOrder === null ? '' : String(tag.navigationOrder),
});

/**
 * The request body. An empty slug is left out, so the server makes one from the name (on create)
 * or keeps the current one (on edit); the order only means something for a section.
 */
export function tagInputOf(values: TagFormValues): TagInput {
  const order = values.navigationOrder.trim();
  return {
    name: values.name.trim(),
    ...(values.slug.trim() ? { slug: values.slug.trim() } : {}),
    description: values.description.trim(),
    imageMediaId: values.imageMediaId,
    isNavigation: values.isNavigation,
    isInternal: values.isInternal,
    navigationOrder: values.isNavigation && order !== '' ? Number(order) : null,
  };
}

/** Checks before sending with the API's own schema (the API checks again), in the form's words. */
export function checkTagValues(values: TagFormValues): Partial<Record<string, string>> {
  const found = checkWithSchema(tagCreateSchema, tagInputOf(values), {
    navigationOrder: 'Use a whole number from 0 to 1000.',
  });
  // An empty name has its own words; a too long one keeps the schema's (it names the limit).
  if (!values.name.trim()) found.name = 'Give it a name.';
  return found;
}

/** Sections in navigation order (unordered ones last, by name); tags by name. */
export function splitTags(tags: readonly Tag[]): { sections: Tag[]; tags: Tag[] } {
  const byName = (a: Tag, b: Tag) => a.name.localeCompare(b.name);
  const sections = tags
    .filter((t) => t.isNavigation)
    .sort(
      (a, b) =>
        (a.navigationOrder ?? Number.MAX_SAFE_INTEGER) -
          (b.navigationOrder ?? Number.MAX_SAFE_INTEGER) || byName(a, b),
    );
  return { sections, tags: tags.filter((t) => !t.isNavigation).sort(byName) };
}
