// The tables of a Ghost export, each written to its part as it is made: posts a page at a time
// (with their meta, bylines and tags), then the small tables.
import { collectMediaIds, collectRelatedPostIds, type Doc } from '../../shared/richtext/index.js';
import { ghostIdOf } from '../../shared/ghost-id.js';
import type { SettingsService } from '../../features/settings/index.js';
import { mediaIdOf, type MediaIndex } from './ghost-export-media.js';
import {
  ghostNewsletterRow,
  ghostRoleRows,
  ghostSettingRows,
  ghostTagRow,
  ghostUsers,
} from './ghost-export-people.js';
import { ghostPostRows, parseBody, roleId } from './ghost-export-rows.js';
import * as repo from './ghost-export.repository.js';
import type { GhostExportReport } from './ghost-export-report.js';
import { JsonArrayPart } from './json-parts.js';

const pageSize = 200;

export interface TablesOptions {
  db: repo.ExportDb;
  settings: Pick<SettingsService, 'get'>;
  media: MediaIndex;
  dir: string;
  now: Date;
  report: GhostExportReport;
  onProgress?: (step: string, done: number) => void;
}

/** Every media id a body's images refer to, by `mediaId` or by a `/media/<id>/` address. */
function imageMediaIds(doc: Doc): string[] {
  const ids = new Set(collectMediaIds(doc));
  for (const block of doc.content) {
    const images =
      block.type === 'figure' ? [block.attrs] : block.type === 'gallery' ? block.attrs.images : [];
    for (const image of images) {
      const id = mediaIdOf(image);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

export async function writeGhostTables(options: TablesOptions): Promise<JsonArrayPart[]> {
  const { db, dir, media, report } = options;
  const part = (name: string) => new JsonArrayPart(dir, name);
  const posts = part('posts');
  const postsMeta = part('posts_meta');
  const postsAuthors = part('posts_authors');
  const postsTags = part('posts_tags');
  const authorIds = await repo.ghostIdsOf(db, 'author');
  const tagIds = await repo.ghostIdsOf(db, 'tag');
  const authorId = (id: string) => authorIds.get(id) ?? ghostIdOf(id);
  const tagId = (id: string) => tagIds.get(id) ?? ghostIdOf(id);
  const fallbacks = new Map<string, number>();
  let deks = 0;
  let withoutByline = 0;
  const [authors, staff, allTags, newsletters] = await Promise.all([
    repo.allAuthors(db),
    repo.allStaff(db),
    repo.allTags(db),
    repo.allNewsletters(db),
  ]);
  const owner = ownerUserId(authors, staff, authorId);

  let after: string | null = null;
  for (;;) {
    const rows = await repo.postsPage(db, after, pageSize);
    if (rows.length === 0) break;
    const ids = rows.map((row) => row.id);
    const docs = rows.map((row) => parseBody(row.body));
    const [postIds, bylines, tags, related] = await Promise.all([
      repo.ghostIdsOf(db, 'post', ids),
      repo.bylinesOf(db, ids),
      repo.tagsOfPosts(db, ids),
      repo.postSummaries(db, [...new Set(docs.flatMap(collectRelatedPostIds))]),
    ]);
    media.clearPage();
    const mediaIds = new Set(docs.flatMap(imageMediaIds));
    for (const row of rows) if (row.lead_media_id) mediaIds.add(row.lead_media_id);
    media.add(await repo.mediaByIds(db, [...mediaIds]));
    const relatedById = new Map(related.map((r) => [r.id, r]));
    const relatedTarget = (id: string) => {
      const post = relatedById.get(id);
      if (!post || post.status !== 'published') return undefined;
      const description = post.custom_excerpt ?? post.excerpt;
      return { url: `__GHOST_URL__/${post.slug}/`, title: post.title, description };
    };
    for (const [index, row] of rows.entries()) {
      const ghostId = postIds.get(row.id) ?? ghostIdOf(row.id);
      const out = ghostPostRows(row, docs[index]!, { media, ghostId, related: relatedTarget });
      await posts.add(out.post);
      await postsMeta.add(out.meta);
      for (const line of out.fallbacks) {
        const key = `${line.kind}: ${line.reason}`;
        fallbacks.set(key, (fallbacks.get(key) ?? 0) + 1);
      }
      if (row.dek) deks += 1;
      const kind = row.kind === 'page' ? 'pages' : 'posts';
      report.counts[kind] = (report.counts[kind] ?? 0) + 1;
    }
    // Ghost gives every post an author: one without a byline gets the owner, as Ghost would.
    const hasByline = new Set(bylines.map((b) => b.post_id));
    for (const row of rows) {
      if (hasByline.has(row.id) || owner === undefined) continue;
      withoutByline += 1;
      bylines.push({ post_id: row.id, author_id: owner.authorId, position: 0 });
    }
    for (const byline of bylines) {
      await postsAuthors.add({
        id: ghostIdOf(`posts_authors:${byline.post_id}:${byline.author_id}`),
        post_id: postIds.get(byline.post_id) ?? ghostIdOf(byline.post_id),
        author_id:
          byline.author_id === owner?.authorId ? owner.ghostId : authorId(byline.author_id),
        sort_order: byline.position,
      });
    }
    for (const tag of tags) {
      await postsTags.add({
        id: ghostIdOf(`posts_tags:${tag.post_id}:${tag.tag_id}`),
        post_id: postIds.get(tag.post_id) ?? ghostIdOf(tag.post_id),
        tag_id: tagId(tag.tag_id),
        sort_order: tag.position,
      });
    }
    options.onProgress?.('posts', posts.rows);
    after = rows.at(-1)!.id;
    if (rows.length < pageSize) break;
  }
  for (const [line, count] of fallbacks) report.notes.push(`${count} post(s): ${line}`);
  if (withoutByline > 0)
    report.notes.push(
      `${withoutByline} post(s) or page(s) without a byline: written with the owner as author (Ghost requires one)`,
    );
  if (deks > 0)
    report.notes.push(`${deks} post(s) have a dek (standfirst): Ghost has no such field, left out`);

  // The small tables: their media are looked up together.
  media.clearPage();
  media.add(
    await repo.mediaByIds(db, [
      ...authors.flatMap((a) => (a.avatar_media_id ? [a.avatar_media_id] : [])),
      ...allTags.flatMap((t) => (t.image_media_id ? [t.image_media_id] : [])),
    ]),
  );
  const tagsPart = part('tags');
  for (const tag of allTags) await tagsPart.add(ghostTagRow(tag, tagId(tag.id), media));
  const hashNamed = allTags.filter((t) => t.is_internal !== 1 && t.name.startsWith('#'));
  if (hashNamed.length > 0)
    report.notes.push(
      `${hashNamed.length} public tag(s) named with a leading # (${hashNamed
        .slice(0, 5)
        .map((t) => t.name)
        .join(', ')}): Ghost makes every such tag internal when it imports it`,
    );
  const users = ghostUsers({ authors, staff, authorIds, media, notes: report.notes });
  const usersPart = part('users');
  const rolesUsers = part('roles_users');
  for (const user of users) {
    await usersPart.add(user.row);
    await rolesUsers.add({
      id: ghostIdOf(`roles_users:${String(user.row.id)}`),
      role_id: roleId(user.role),
      user_id: user.row.id,
    });
  }
  const at = options.now.toISOString();
  const roles = part('roles');
  for (const row of ghostRoleRows(at)) await roles.add(row);
  const newsletterIds = await repo.ghostIdsOf(db, 'newsletter');
  const newslettersPart = part('newsletters');
  for (const row of newsletters)
    await newslettersPart.add(
      ghostNewsletterRow(row, newsletterIds.get(row.id) ?? ghostIdOf(row.id)),
    );
  const site = await options.settings.get();
  const navigation = allTags
    .filter((t) => t.is_navigation)
    .sort((a, b) => (a.navigation_order ?? 0) - (b.navigation_order ?? 0));
  const settings = part('settings');
  for (const row of ghostSettingRows(site, navigation, at)) await settings.add(row);

  const all = [posts, postsMeta, postsAuthors, postsTags, tagsPart, usersPart, roles, rolesUsers];
  all.push(newslettersPart, settings);
  for (const table of all) {
    await table.close();
    report.counts[table.table] ??= table.rows;
  }
  report.counts.posts = report.counts.posts ?? 0;
  return all;
}

/** The owner as a Ghost user: their author profile's id, or their staff id without one. */
function ownerUserId(
  authors: readonly repo.AuthorRow[],
  staff: readonly repo.StaffRow[],
  authorId: (id: string) => string,
): { authorId: string; ghostId: string } | undefined {
  const person =
    staff.find((s) => s.role === 'owner') ?? staff.find((s) => s.role === 'administrator');
  if (!person) return undefined;
  const profile = authors.find((a) => a.user_id === person.id);
  return profile
    ? { authorId: profile.id, ghostId: authorId(profile.id) }
    : { authorId: `staff:${person.id}`, ghostId: ghostIdOf(person.id) };
}
