import { AppError } from '../platform/errors.js';
import { demoSettings } from './demo-newsroom.js';
import { demoMarkerKey, demoMarkerSchema, type DemoServices } from './demo-loader.js';

export interface DemoRemoveResult {
  posts: number;
  staff: number;
  tagsKept: number;
}

/**
 * Takes away what `loadDemoNewsroom` added: its stories, staff, bylines, campaign, photos, and
 * the sections no remaining story uses. Settings the demo set are reset only if still unchanged.
 */
export async function removeDemoNewsroom(services: DemoServices): Promise<DemoRemoveResult> {
  const marker = await services.settings.getInternal(demoMarkerKey, demoMarkerSchema);
  if (!marker)
    throw new AppError({
      code: 'NO_DEMO',
      status: 404,
      message: 'No demo newsroom is loaded in this database',
    });
  const posts = await services.posts.deleteByAuthors(marker.authorIds);
  await services.campaigns.deleteMany(marker.campaignIds);
  // Lists keep their members' consent history and sent emails: archived, not deleted.
  for (const id of marker.newsletterIds)
    await services.newsletters.update(id, { status: 'archived' });
  const staff = await services.staff.deleteMany(marker.staffIds);
  await services.authors.deleteMany(marker.authorIds);
  const inUse = await services.posts.tagIdsInUse(marker.tagIds);
  await services.tags.deleteMany(marker.tagIds.filter((id) => !inUse.has(id)));
  await services.media.deleteMany(marker.mediaIds);

  const current = await services.settings.get();
  const demo = demoSettings();
  const unchanged = Object.fromEntries(
    Object.entries(demo).filter(([key, value]) => current[key as keyof typeof current] === value),
  );
  await services.settings.reset(Object.keys(unchanged));
  await services.settings.deleteInternal(demoMarkerKey);
  return { posts, staff, tagsKept: inUse.size };
}
