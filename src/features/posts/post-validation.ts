import { validationError, type FieldProblem } from '../../platform/errors.js';
import { validateDocument, forEachNode, type Doc } from '../../shared/richtext/index.js';
import { slugify, slugProblem } from '../../shared/slug.js';
import { can, type Actor } from '../staff/index.js';
import type { PostSnapshot } from './post-fields.js';

/** The lookups validation needs from other features, passed in by the service. */
export interface ReferenceChecks {
  missingAuthors(ids: readonly string[]): Promise<string[]>;
  missingTags(ids: readonly string[]): Promise<string[]>;
  missingMedia(ids: readonly string[]): Promise<string[]>;
  /** True when another post has (or had) this slug. */
  slugTakenByOther(slug: string, postId: string | null): Promise<boolean>;
}

const rawHtmlOf = (doc: Doc | undefined): string[] => {
  const found: string[] = [];
  if (!doc) return found;
  forEachNode(doc, (node) => {
    if (node.type === 'rawHtml') found.push(node.attrs.html);
  });
  return found.sort();
};

/**
 * Validates a post body for this actor. Raw HTML blocks are for editors and above; an author
 * editing a story that already has an editor's raw HTML may keep those blocks unchanged.
 */
export function validateBody(actor: Actor, body: unknown, previous: Doc | undefined): Doc {
  const mayRaw = can(actor, 'posts.rawHtml');
  const keepsPreviousRaw = () => {
    const before = rawHtmlOf(previous);
    const parsed = validateDocument(body, { allowRawHtml: true });
    return (
      parsed.ok &&
      before.length > 0 &&
      JSON.stringify(rawHtmlOf(parsed.doc)) === JSON.stringify(before)
    );
  };
  const result = validateDocument(body, { allowRawHtml: mayRaw || keepsPreviousRaw() });
  if (!result.ok) {
    throw validationError(
      result.errors.map((e) => ({ field: e.path ? `body.${e.path}` : 'body', message: e.message })),
    );
  }
  return result.doc;
}

/** Normalises and checks a requested slug; throws a field error for empty, reserved or taken slugs. */
export async function checkSlug(
  requested: string,
  postId: string | null,
  refs: ReferenceChecks,
): Promise<string> {
  const slug = slugify(requested);
  const problem = slugProblem(slug);
  if (problem) throw validationError([{ field: 'slug', message: problem }]);
  if (await refs.slugTakenByOther(slug, postId)) {
    throw validationError([
      { field: 'slug', message: `"${slug}" is already used by another story` },
    ]);
  }
  return slug;
}

/** Every referenced author, section and image must exist; one error per bad field. */
export async function checkReferences(
  snapshot: PostSnapshot,
  refs: ReferenceChecks,
): Promise<void> {
  const problems: FieldProblem[] = [];
  const missingAuthors = await refs.missingAuthors(snapshot.authorIds);
  if (missingAuthors.length > 0)
    problems.push({ field: 'authorIds', message: `unknown author ${missingAuthors.join(', ')}` });
  const missingTags = await refs.missingTags(snapshot.tagIds);
  if (missingTags.length > 0)
    problems.push({ field: 'tagIds', message: `unknown tag ${missingTags.join(', ')}` });
  if (snapshot.leadImage) {
    const missing = await refs.missingMedia([snapshot.leadImage.mediaId]);
    if (missing.length > 0)
      problems.push({ field: 'leadImage.mediaId', message: 'unknown media item' });
  }
  if (new Set(snapshot.authorIds).size !== snapshot.authorIds.length)
    problems.push({ field: 'authorIds', message: 'lists an author twice' });
  if (new Set(snapshot.tagIds).size !== snapshot.tagIds.length)
    problems.push({ field: 'tagIds', message: 'lists a tag twice' });
  if (problems.length > 0) throw validationError(problems);
}
