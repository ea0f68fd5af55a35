// The editable part of a story as the editor holds it, and the PATCH that saves what changed.
// Each field the editor edits is one entry of `draftFields`: its value for a new story, its value
// read from a post, and what the API is sent for it. The draft's type, a post's draft, the
// request bodies and the dirty check all follow from that one table, and the compiler names any
// editable field of the shared contract (`editableFields` in src/shared/contracts/posts.ts) that
// is neither in it nor listed as left to the API.
import type { Doc } from '@shared/richtext/document.js';
import type { Post, PostCreate, PostKind, PostUpdate, Visibility } from '../../types.js';

export type LeadImageDraft = NonNullable<Post['leadImage']>;

/** A field the Admin API lets a post's update change (the contract's editable fields). */
type EditableField = Exclude<keyof PostUpdate, 'version'>;

interface DraftField<K extends EditableField, V> {
  key: K;
  /** The value of a new story. */
  empty: () => V;
  /** The value the form shows for a stored post. */
  fromPost: (post: Post) => V;
  /** What the API is sent; undefined sends nothing (the server keeps or chooses the value). */
  toApi: (value: V) => PostUpdate[K] | undefined;
}

const field = <K extends EditableField, V>(
  key: K,
  spec: Omit<DraftField<K, V>, 'key'>,
): DraftField<K, V> => ({ key, ...spec });

const orNull = (text: string) => (text.trim() ? text.trim() : null);

export const emptyDocument = (): Doc => ({ type: 'doc', content: [{ type: 'paragraph' }] });

const draftFields = {
  title: field('title', { empty: () => '', fromPost: (post) => post.title, toApi: (v) => v }),
  dek: field('dek', { empty: () => '', fromPost: (post) => post.dek, toApi: (v) => v }),
  // An emptied slug is left to the server, which keeps the current one.
  slug: field('slug', {
    empty: () => '',
    fromPost: (post) => post.slug,
    toApi: (slug) => slug.trim() || undefined,
  }),
  body: field('body', {
    empty: emptyDocument,
    fromPost: (post) => {
      const body = post.body as unknown as Doc;
      return body?.type === 'doc' && Array.isArray(body.content) ? body : emptyDocument();
    },
    toApi: (body) => body,
  }),
  authorIds: field('authorIds', {
    empty: (): string[] => [],
    fromPost: (post) => post.authors.map((a) => a.id),
    toApi: (ids) => ids,
  }),
  tagIds: field('tagIds', {
    empty: (): string[] => [],
    fromPost: (post) => post.tags.map((t) => t.id),
    toApi: (ids) => ids,
  }),
  visibility: field('visibility', {
    empty: (): Visibility => 'public',
    fromPost: (post) => post.visibility,
    toApi: (v) => v,
  }),
  leadImage: field('leadImage', {
    empty: (): LeadImageDraft | null => null,
    fromPost: (post) => (post.leadImage ? { ...post.leadImage } : null),
    toApi: (image) => image,
  }),
  // Blank text fields are held as '' and sent as null.
  customExcerpt: field('customExcerpt', {
    empty: () => '',
    fromPost: (post) => post.customExcerpt ?? '',
    toApi: orNull,
  }),
  seo: field('seo', {
    empty: () => ({ title: '', description: '', socialImageUrl: '' }),
    fromPost: ({ seo }) => ({
      title: seo.title ?? '',
      description: seo.description ?? '',
      socialImageUrl: seo.socialImageUrl ?? '',
    }),
    toApi: (seo) => ({
      title: orNull(seo.title),
      description: orNull(seo.description),
      socialImageUrl: orNull(seo.socialImageUrl),
    }),
  }),
  isFeatured: field('isFeatured', {
    empty: () => false,
    fromPost: (post) => post.isFeatured,
    toApi: (v) => v,
  }),
  isBreaking: field('isBreaking', {
    empty: () => false,
    fromPost: (post) => post.isBreaking,
    toApi: (v) => v,
  }),
} satisfies { [K in EditableField]?: { key: K } };

/** Editable fields this editor does not show: a save never sends them, so they keep their value. */
type LeftToTheApi = 'topStoryOrder' | 'publicUpdatedAt' | 'canonicalUrl' | 'language';

type StoryField = keyof typeof draftFields;
/** Compiles only when each editable field of the contract is in the table or the list above. */
type _EveryEditableFieldDecided = AssertNever<Exclude<EditableField, StoryField | LeftToTheApi>>;
type AssertNever<T extends never> = T;

type ValueOf<F> = F extends { empty: () => infer V } ? V : never;

export type StoryDraft = { kind: PostKind } & {
  [K in StoryField]: ValueOf<(typeof draftFields)[K]>;
};

const storyFields = Object.keys(draftFields) as StoryField[];

/** Runs a field's conversion on the draft's value of that field. */
const valueFor = <K extends StoryField>(key: K, draft: StoryDraft): unknown =>
  // Each entry's conversions take that field's own value; TypeScript cannot follow the key
  // through the union of entries, hence the cast.
  (draftFields[key].toApi as (value: StoryDraft[K]) => unknown)(draft[key]);

export function newDraft(kind: PostKind, authorId: string | null): StoryDraft {
  const draft = { kind } as Record<string, unknown>;
  for (const key of storyFields) draft[key] = draftFields[key].empty();
  draft.authorIds = authorId ? [authorId] : [];
  return draft as StoryDraft;
}

export function draftOf(post: Post): StoryDraft {
  const draft = { kind: post.kind } as Record<string, unknown>;
  for (const key of storyFields) draft[key] = draftFields[key].fromPost(post);
  return draft as StoryDraft;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `current` that differ from `saved`. */
export function changedFields(saved: StoryDraft, current: StoryDraft): StoryField[] {
  return storyFields.filter((f) => !same(saved[f], current[f]));
}

/** The API's shape for the given fields of a draft. */
function apiFields(draft: StoryDraft, which: readonly StoryField[]): Omit<PostUpdate, 'version'> {
  const out: Record<string, unknown> = {};
  for (const key of which) {
    const value = valueFor(key, draft);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export const updateBody = (
  saved: StoryDraft,
  current: StoryDraft,
  version: number,
): PostUpdate => ({ version, ...apiFields(current, changedFields(saved, current)) });

/** A new story's first save: everything that has a value (authors left to the server if none). */
export function createBody(draft: StoryDraft): PostCreate {
  const which = storyFields.filter((f) => f !== 'authorIds' || draft.authorIds.length > 0);
  return { kind: draft.kind, ...apiFields(draft, which), title: draft.title };
}
