// Staff and author profiles as Ghost users (Ghost's bylines are always users), tags, newsletters
// and site settings as Ghost's tables. No secrets: Ghost's importer gives every user a new
// password of its own, so none is written.
import { ghostIdOf } from '../../shared/ghost-id.js';
import { slugify } from '../../shared/slug.js';
import type { SiteSettings } from '../../features/settings/index.js';
import type { MediaIndex } from './ghost-export-media.js';
import type { AuthorRow, NewsletterRow, StaffRow, TagRow } from './ghost-export.repository.js';
import { ghostRoleOf, ghostRoles, roleId, type GhostRoleName } from './ghost-export-rows.js';

export interface GhostUser {
  row: Record<string, unknown>;
  role: GhostRoleName;
}

/** Authors without a staff account get an address that can never receive mail (RFC 2606). */
export const placeholderEmail = (slug: string) => `${slug}@authors.invalid`;

export function ghostUsers(options: {
  authors: readonly AuthorRow[];
  staff: readonly StaffRow[];
  authorIds: ReadonlyMap<string, string>;
  media: MediaIndex;
  notes: string[];
}): GhostUser[] {
  const staffById = new Map(options.staff.map((s) => [s.id, s]));
  const withProfile = new Set<string>();
  const users: GhostUser[] = [];
  let placeholders = 0;
  for (const author of options.authors) {
    const staff = author.user_id ? staffById.get(author.user_id) : undefined;
    if (staff) withProfile.add(staff.id);
    else placeholders += 1;
    users.push({
      role: staff ? ghostRoleOf(staff.role) : 'Contributor',
      row: userRow({
        id: options.authorIds.get(author.id) ?? ghostIdOf(author.id),
        name: author.name,
        slug: author.slug,
        email: staff?.email ?? placeholderEmail(author.slug),
        isActive: staff?.status === 'active',
        profileImage: options.media.urlOfMedia(author.avatar_media_id),
        bio: author.bio || null,
        website: author.website || null,
        location: author.location || null,
        twitter: author.x_handle ? `@${author.x_handle.replace(/^@/, '')}` : null,
        createdAt: author.created_at,
        updatedAt: author.updated_at,
      }),
    });
  }
  for (const staff of options.staff) {
    if (withProfile.has(staff.id)) continue;
    const slug = slugify(staff.name) || `staff-${ghostIdOf(staff.id).slice(-8)}`;
    users.push({
      role: ghostRoleOf(staff.role),
      row: userRow({
        id: ghostIdOf(staff.id),
        name: staff.name,
        slug,
        email: staff.email,
        isActive: staff.status === 'active',
        profileImage: null,
        bio: null,
        website: null,
        location: null,
        twitter: null,
        createdAt: staff.created_at,
        updatedAt: staff.updated_at,
      }),
    });
  }
  if (placeholders > 0) {
    options.notes.push(
      `${placeholders} author profile(s) without a staff account: written as Ghost users (Ghost's bylines are users) with an address at authors.invalid and the Contributor role`,
    );
  }
  return users;
}

function userRow(user: {
  id: string;
  name: string;
  slug: string;
  email: string;
  isActive: boolean;
  profileImage: string | null;
  bio: string | null;
  website: string | null;
  location: string | null;
  twitter: string | null;
  createdAt: string;
  updatedAt: string;
}): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    slug: user.slug,
    email: user.email,
    profile_image: user.profileImage,
    cover_image: null,
    bio: user.bio,
    website: user.website,
    location: user.location,
    facebook: null,
    twitter: user.twitter,
    accessibility: null,
    status: user.isActive ? 'active' : 'inactive',
    locale: null,
    visibility: 'public',
    meta_title: null,
    meta_description: null,
    tour: null,
    last_seen: null,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

export function ghostRoleRows(at: string): Record<string, unknown>[] {
  return ghostRoles.map((name) => ({
    id: roleId(name),
    name,
    description: name === 'Owner' ? 'Blog Owner' : `${name}s`,
    created_at: at,
    updated_at: at,
  }));
}

export function ghostTagRow(tag: TagRow, id: string, media: MediaIndex): Record<string, unknown> {
  return {
    id,
    name: tag.name,
    slug: tag.slug,
    description: tag.description || null,
    feature_image: media.urlOfMedia(tag.image_media_id),
    parent_id: null,
    // The tag's own flag. (Ghost also makes any tag named with a leading '#' internal when it
    // imports it: writeGhostTables reports public ones named so.)
    visibility: tag.is_internal === 1 ? 'internal' : 'public',
    og_image: null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    meta_title: null,
    meta_description: null,
    codeinjection_head: null,
    codeinjection_foot: null,
    canonical_url: null,
    accent_color: null,
    created_at: tag.created_at,
    updated_at: tag.updated_at,
  };
}

export function ghostNewsletterRow(row: NewsletterRow, id: string): Record<string, unknown> {
  return {
    id,
    uuid: row.id,
    name: row.name,
    description: row.description || null,
    slug: row.slug,
    sender_name: row.sender_name,
    sender_email: null,
    sender_reply_to: 'newsletter',
    status: row.status === 'archived' ? 'archived' : 'active',
    visibility: 'members',
    subscribe_on_signup: row.subscribe_on_signup ? 1 : 0,
    sort_order: row.sort_order,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * The site settings Ghost has a key for; navigation links the newsroom's sections as tags
 * (never an internal tag: readers never see one).
 */
export function ghostSettingRows(
  site: SiteSettings,
  navigation: readonly TagRow[],
  at: string,
): Record<string, unknown>[] {
  const values: [string, string, string | null][] = [
    ['site', 'title', site.siteName],
    ['site', 'description', site.description],
    ['site', 'accent_color', site.accentColor],
    ['site', 'timezone', site.timezone],
    ['site', 'locale', site.language],
    [
      'site',
      'navigation',
      JSON.stringify(
        navigation
          .filter((tag) => tag.is_internal !== 1)
          .map((tag) => ({ label: tag.name, url: `/tag/${tag.slug}/` })),
      ),
    ],
  ];
  return values.map(([group, key, value]) => ({
    id: ghostIdOf(`setting:${key}`),
    group,
    key,
    value,
    type: key === 'navigation' ? 'array' : 'string',
    flags: null,
    created_at: at,
    updated_at: at,
  }));
}
