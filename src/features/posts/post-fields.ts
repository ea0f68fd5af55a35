// The one table of a post's content fields: everything an editor can change, what a revision
// keeps and a restore puts back. Each field says how it is written to and read from its columns,
// and its Zod schema, whose default stands in when a revision was saved before the field existed
// (and is a new post's value). The row values to write, the row → post mapping, a post's
// snapshot, the snapshot schema and the patch are derived from it: a new field is one entry
// here plus its column (migration and posts.table.ts), and the API contract if editors set it.
import type { Insertable, Selectable } from 'kysely';
import { z } from 'zod';
import { postKindSchema, visibilitySchema } from '../../shared/contracts/posts.js';
import {
  countWords,
  deriveExcerpt,
  readingMinutesOf,
  type Doc,
} from '../../shared/richtext/index.js';
import type { PostsTable } from './posts.table.js';

type Row = Selectable<PostsTable>;
type Columns = Partial<Insertable<PostsTable>>;
/** The columns the newsroom's workflow keeps; every other column holds a content field. */
type WorkflowColumn =
  | 'id'
  | 'status'
  | 'published_at'
  | 'scheduled_at'
  | 'published_late'
  | 'version'
  | 'created_by'
  | 'created_by_token'
  | 'created_at'
  | 'updated_at';
/** A row's content columns, all of them (the round-trip test checks none is left out). */
type ContentRow = Omit<Row, WorkflowColumn>;
/** The columns whose stored type is T: a field can only be put in a column that holds it. */
type ColumnOf<T> = {
  [C in keyof PostsTable]: [PostsTable[C]] extends [T]
    ? [T] extends [PostsTable[C]]
      ? C
      : never
    : never;
}[keyof PostsTable];

/** A field kept in the post's own row. */
interface ColumnField<S extends z.ZodType> {
  schema: S;
  toRow(value: z.output<S>): Columns;
  /** The stored value, before it is parsed with `schema`. */
  fromRow(row: Row): unknown;
  /** A patch's value as the snapshot keeps it (defaults filled, parts merged); else it replaces. */
  fromPatch?(value: never, current: z.output<S>): z.output<S>;
}

/** Bylines and sections: rows of link tables (written with the post), loaded with the post. */
interface LinkField<S extends z.ZodType> {
  /** The loaded post's list the ids come from. */
  loaded: 'authors' | 'tags';
  schema: S;
}

// A computed key is typed loosely by TypeScript; the column's type is checked by ColumnOf instead.
const one = (column: keyof PostsTable, value: unknown): Columns => ({ [column]: value });

const column = <S extends z.ZodType>(name: ColumnOf<z.output<S>>, schema: S) => ({
  schema,
  toRow: (value: z.output<S>) => one(name, value),
  fromRow: (row: Row): unknown => row[name],
});

/** Booleans are stored as 0/1 (decisions/0001). */
const flag = (name: ColumnOf<number>) => ({
  schema: z.boolean().default(false),
  toRow: (value: boolean) => one(name, value ? 1 : 0),
  fromRow: (row: Row): unknown => row[name] === 1,
});

const links = (loaded: 'authors' | 'tags') => ({
  loaded,
  schema: z.array(z.string()).default([]),
});

export const emptyDoc: Doc = { type: 'doc', content: [] };

const leadImageSchema = z
  .object({
    mediaId: z.string(),
    alt: z.string().default(''),
    caption: z.string().default(''),
    credit: z.string().default(''),
  })
  .nullable();
type LeadImage = NonNullable<z.output<typeof leadImageSchema>>;

const seoParts = z.object({
  title: z.string().nullable(),
  description: z.string().nullable(),
  socialImageUrl: z.string().nullable(),
});
type Seo = z.output<typeof seoParts>;
const noSeo: Seo = { title: null, description: null, socialImageUrl: null };

const storedDocSchema = z.custom<Doc>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'doc' &&
    Array.isArray((value as { content?: unknown }).content),
  'must be a stored document',
);

export const postFields = {
  kind: column('kind', postKindSchema.default('article')),
  title: column('title', z.string().default('')),
  slug: column('slug', z.string().default('')),
  dek: column('dek', z.string().default('')),
  body: {
    // Stored bodies were validated, and raw HTML in them sanitised, when they were saved: a read
    // checks the root's shape only. The full validator and sanitiser on every read cost ~2 ms a
    // body, ~60 ms for an uncached page listing 30 stories.
    schema: storedDocSchema.default(emptyDoc),
    // The excerpt, word count and reading time are the body's, derived when it is written.
    // Words are counted once (Intl.Segmenter is the costliest part of writing a post: a third
    // of a demo load's CPU when they were counted twice), and the reading time derived from them.
    toRow: (body: Doc): Columns => {
      const words = countWords(body);
      return {
        body: JSON.stringify(body),
        excerpt: deriveExcerpt(body),
        word_count: words,
        reading_minutes: readingMinutesOf(words),
      };
    },
    fromRow: (row: Row): unknown => JSON.parse(row.body),
  },
  customExcerpt: column('custom_excerpt', z.string().nullable().default(null)),
  leadImage: {
    schema: leadImageSchema.default(null),
    toRow: (image: LeadImage | null): Columns => ({
      lead_media_id: image?.mediaId ?? null,
      lead_alt: image?.alt ?? null,
      lead_caption: image?.caption ?? null,
      lead_credit: image?.credit ?? null,
    }),
    fromRow: (row: Row): unknown =>
      row.lead_media_id === null
        ? null
        : {
            mediaId: row.lead_media_id,
            alt: row.lead_alt ?? '',
            caption: row.lead_caption ?? '',
            credit: row.lead_credit ?? '',
          },
    // The API may leave out alt, caption and credit: they become empty.
    fromPatch: (value: z.input<typeof leadImageSchema>) => leadImageSchema.parse(value),
  },
  authorIds: links('authors'),
  tagIds: links('tags'),
  visibility: column('visibility', visibilitySchema.default('public')),
  isFeatured: flag('is_featured'),
  topStoryOrder: column('top_story_order', z.number().int().nullable().default(null)),
  isBreaking: flag('is_breaking'),
  publicUpdatedAt: {
    ...column('public_updated_at', z.string().nullable().default(null)),
    // Whatever offset the editor sent, the time is kept in UTC.
    fromPatch: (value: string | null) => value && new Date(value).toISOString(),
  },
  seo: {
    schema: z
      .object({
        title: seoParts.shape.title.default(null),
        description: seoParts.shape.description.default(null),
        socialImageUrl: seoParts.shape.socialImageUrl.default(null),
      })
      .default(noSeo),
    toRow: (seo: Seo): Columns => ({
      seo_title: seo.title,
      seo_description: seo.description,
      social_image_url: seo.socialImageUrl,
    }),
    fromRow: (row: Row): unknown => ({
      title: row.seo_title,
      description: row.seo_description,
      socialImageUrl: row.social_image_url,
    }),
    // A patch names only the parts it changes.
    fromPatch: (value: Partial<Seo>, current: Seo) => ({
      ...current,
      ...seoParts.partial().parse(value),
    }),
  },
  canonicalUrl: column('canonical_url', z.string().nullable().default(null)),
  language: column('language', z.string().nullable().default(null)),
} satisfies Record<string, ColumnField<z.ZodType> | LinkField<z.ZodType>>;

type Fields = typeof postFields;
type PostFieldName = keyof Fields;
type ColumnFieldName = {
  [K in PostFieldName]: Fields[K] extends { loaded: string } ? never : K;
}[PostFieldName];

/** Everything an editor can change: what a revision keeps and a restore puts back. */
export const postSnapshotSchema = z.object(
  Object.fromEntries(Object.entries(postFields).map(([name, f]) => [name, f.schema])) as {
    [K in PostFieldName]: Fields[K]['schema'];
  },
);
export type PostSnapshot = z.output<typeof postSnapshotSchema>;

/** The content part of a loaded post: the snapshot's fields kept in the post's own row. */
export type PostContent = Pick<PostSnapshot, ColumnFieldName>;

/** A change to some fields, as the API takes them (each field's `fromPatch` input, or its value). */
type PostPatch = {
  [K in PostFieldName]?: Fields[K] extends {
    fromPatch: (value: infer V, ...rest: never[]) => unknown;
  }
    ? V
    : PostSnapshot[K];
};

// The table with its per-field types erased, for the loops below.
type AnyField =
  | (Omit<ColumnField<z.ZodType>, 'toRow' | 'fromPatch'> & {
      toRow(value: unknown): Columns;
      fromPatch?(value: unknown, current: unknown): unknown;
    })
  | LinkField<z.ZodType>;
const fields = Object.entries(postFields) as Array<[PostFieldName, AnyField]>;
const columnFields = fields.filter(
  (f): f is [ColumnFieldName, Exclude<AnyField, LinkField<z.ZodType>>] => !('loaded' in f[1]),
);

/** The row's content columns for a snapshot (everything but status, times, version, creator). */
export function contentColumns(snapshot: PostSnapshot): ContentRow {
  const columns: Columns = {};
  for (const [name, field] of columnFields) Object.assign(columns, field.toRow(snapshot[name]));
  return columns as ContentRow;
}

/** The content fields of a stored row, each parsed with its schema (enums and JSON included). */
export function contentOf(row: Row): PostContent {
  return Object.fromEntries(
    columnFields.map(([name, field]) => [name, field.schema.parse(field.fromRow(row))]),
  ) as PostContent;
}

/** A post's snapshot: its content plus the ids of its bylines and sections, in order. */
export function snapshotOf(
  post: PostContent & { authors: Array<{ id: string }>; tags: Array<{ id: string }> },
): PostSnapshot {
  return Object.fromEntries(
    fields.map(([name, field]) => [
      name,
      'loaded' in field ? post[field.loaded].map((ref) => ref.id) : post[name as ColumnFieldName],
    ]),
  ) as PostSnapshot;
}

/** The snapshot after a patch: each field the patch names replaces (or merges into) the base's. */
export function applyPatch(base: PostSnapshot, patch: PostPatch): PostSnapshot {
  const next: Record<string, unknown> = { ...base };
  for (const [name, field] of fields) {
    const value = patch[name];
    if (value === undefined) continue;
    next[name] =
      'fromPatch' in field && field.fromPatch ? field.fromPatch(value, base[name]) : value;
  }
  return next as PostSnapshot;
}

/** A snapshot with every field at its default: where a new post starts. */
export const blankSnapshot = (): PostSnapshot => postSnapshotSchema.parse({});
