// The editable part of a story as the editor holds it, and the PATCH that saves what changed.
import type { Doc } from '@shared/richtext/document.js';
import type { Post, PostCreate, PostKind, PostUpdate, Visibility } from '../../types.js';

export interface LeadImageDraft {
  mediaId: string;
  alt: string;
  caption: string;
  credit: string;
}

export interface StoryDraft {
  kind: PostKind;
  title: string;
  dek: string;
  slug: string;
  body: Doc;
  authorIds: string[];
  tagIds: string[];
  visibility: Visibility;
  leadImage: LeadImageDraft | null;
  customExcerpt: string;
  seo: { title: string; description: string; socialImageUrl: string };
  isFeatured: boolean;
  isBreaking: boolean;
}

export const emptyDocument = (): Doc => ({ type: 'doc', content: [{ type: 'paragraph' }] });

export function newDraft(kind: PostKind, authorId: string | null): StoryDraft {
  return {
    kind,
    title: '',
    dek: '',
    slug: '',
    body: emptyDocument(),
    authorIds: authorId ? [authorId] : [],
    tagIds: [],
    visibility: 'public',
    leadImage: null,
    customExcerpt: '',
    seo: { title: '', description: '', socialImageUrl: '' },
    isFeatured: false,
    isBreaking: false,
  };
}

export function draftOf(post: Post): StoryDraft {
  const body = post.body as unknown as Doc;
  return {
    kind: post.kind,
    title: post.title,
    dek: post.dek,
    slug: post.slug,
    body: body?.type === 'doc' && Array.isArray(body.content) ? body : emptyDocument(),
    authorIds: post.authors.map((a) => a.id),
    tagIds: post.tags.map((t) => t.id),
    visibility: post.visibility,
    leadImage: post.leadImage ? { ...post.leadImage } : null,
    customExcerpt: post.customExcerpt ?? '',
    seo: {
      title: post.seo.title ?? '',
      description: post.seo.description ?? '',
      socialImageUrl: post.seo.socialImageUrl ?? '',
    },
    isFeatured: post.isFeatured,
    isBreaking: post.isBreaking,
  };
}

type Field = Exclude<keyof StoryDraft, 'kind'>;
const fields: Field[] = [
  'title',
  'dek',
  'slug',
  'body',
  'authorIds',
  'tagIds',
  'visibility',
  'leadImage',
  'customExcerpt',
  'seo',
  'isFeatured',
  'isBreaking',
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `current` that differ from `saved`. */
export function changedFields(saved: StoryDraft, current: StoryDraft): Field[] {
  return fields.filter((f) => !same(saved[f], current[f]));
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

/** The API's shape for the given fields of a draft. */
function apiFields(draft: StoryDraft, which: readonly Field[]): Omit<PostUpdate, 'version'> {
  const out: Omit<PostUpdate, 'version'> = {};
  for (const field of which) {
    switch (field) {
      case 'customExcerpt':
        out.customExcerpt = orNull(draft.customExcerpt);
        break;
      case 'seo':
        out.seo = {
          title: orNull(draft.seo.title),
          description: orNull(draft.seo.description),
          socialImageUrl: orNull(draft.seo.socialImageUrl),
        };
        break;
      case 'leadImage':
        out.leadImage = draft.leadImage;
        break;
      case 'slug':
        // An emptied slug is left to the server, which keeps the current one.
        if (draft.slug.trim()) out.slug = draft.slug.trim();
        break;
      default:
        (out as Record<string, unknown>)[field] = draft[field];
    }
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
  const which = fields.filter((f) => f !== 'authorIds' || draft.authorIds.length > 0);
  return { kind: draft.kind, ...apiFields(draft, which), title: draft.title };
}
