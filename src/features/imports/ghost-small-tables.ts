import type { ImportReport } from './import-report.js';
import { readGhostExport } from './ghost-export-reader.js';
import {
  ghostBenefitSchema,
  ghostTierBenefitSchema,
  ghostTierSchema,
  ghostLinkSchema,
  ghostNewsletterSchema,
  ghostPostMetaSchema,
  ghostRoleSchema,
  ghostRoleUserSchema,
  ghostSettingSchema,
  ghostSmallTables,
  ghostTagSchema,
  ghostUserSchema,
  type GhostPostMeta,
  type GhostTag,
  type GhostTier,
  type GhostUser,
} from './ghost-rows.js';

/**
 * The first pass over a Ghost export: every table but `posts`, kept in memory in compact form
 * for the second pass (the posts, in batches; ghost-import.ts).
 */
const siteKeys = new Set(['title', 'description', 'timezone', 'accent_color']);
/** A row's first readable name, for the report (rows may be anything). */
export function labelOf(row: Record<string, unknown>, ...keys: string[]): string {
  for (const key of keys) {
    const value = row[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return '?';
}

export interface SmallTables {
  version: string;
  users: GhostUser[];
  roleOfUser: Map<string, string>;
  tags: GhostTag[];
  /**
   * Each post's tag and author ids, in order. Kept as one string per post (`order\tid` lines):
   * a 200,000-post export has 600,000 such links, and an object per link cost ~1 KB a post
   * of live heap (bench/ghost-import-memory.mjs); a string costs about a tenth.
   */
  tagsOfPost: Map<string, string>;
  authorsOfPost: Map<string, string>;
  metaOfPost: Map<string, GhostPostMeta>;
  newsletters: Array<ReturnType<typeof ghostNewsletterSchema.parse>>;
  navigation: string[];
  /** Ghost's tiers (`products`), each with its benefits' names in order. */
  tiers: Array<GhostTier & { benefits: string[] }>;
  /** The tiers a `visibility: tiers` post is for (`posts_products`; few posts have any). */
  tiersOfPost: Map<string, string[]>;
  /** title, description, timezone, accent_color as Ghost keeps them. */
  site: Record<string, string>;
}

/** A flat copy of a string that shares no memory with the text it was cut from. */
const own = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/** A post's links as kept by readSmallTables, sorted by Ghost's `sort_order`. */
export function linksInOrder(kept: string | undefined): Array<{ id: string; order: number }> {
  if (kept === undefined) return [];
  return kept
    .split('\n')
    .map((line) => {
      const tab = line.indexOf('\t');
      return { order: Number(line.slice(0, tab)), id: line.slice(tab + 1) };
    })
    .sort((a, b) => a.order - b.order);
}

export async function readSmallTables(file: string, report: ImportReport): Promise<SmallTables> {
  const tables: SmallTables = {
    version: 'unknown',
    users: [],
    roleOfUser: new Map(),
    tags: [],
    tagsOfPost: new Map(),
    authorsOfPost: new Map(),
    metaOfPost: new Map(),
    newsletters: [],
    navigation: [],
    tiers: [],
    tiersOfPost: new Map(),
    site: {},
  };
  const benefitNames = new Map<string, string>();
  const benefitsOfTier: Array<{ tier: string; benefit: string; order: number }> = [];
  const roleNames = new Map<string, string>();
  const roleIdOfUser = new Map<string, string>();
  const push = (map: Map<string, string>, post: string, id: string, order: number) => {
    const line = `${order}\t${id}`;
    const before = map.get(post);
    // Fresh copies: a string cut from the parser's input can keep its whole chunk alive.
    map.set(own(post), own(before === undefined ? line : `${before}\n${line}`));
  };
  for await (const { table, row } of readGhostExport(file, new Set(ghostSmallTables))) {
    const bad = (what: string) =>
      report.note(`${table} row`, what, 'not in the shape Ghost writes: skipped');
    switch (table) {
      case 'meta':
        tables.version = labelOf(row, 'version');
        break;
      case 'users': {
        const parsed = ghostUserSchema.safeParse(row);
        if (parsed.success) tables.users.push(parsed.data);
        else bad(labelOf(row, 'slug', 'id'));
        break;
      }
      case 'roles': {
        const parsed = ghostRoleSchema.safeParse(row);
        if (parsed.success) roleNames.set(parsed.data.id, parsed.data.name);
        break;
      }
      case 'roles_users': {
        const parsed = ghostRoleUserSchema.safeParse(row);
        if (parsed.success) roleIdOfUser.set(parsed.data.user_id, parsed.data.role_id);
        break;
      }
      case 'tags': {
        const parsed = ghostTagSchema.safeParse(row);
        if (parsed.success) tables.tags.push(parsed.data);
        else bad(labelOf(row, 'slug', 'id'));
        break;
      }
      case 'posts_tags':
      case 'posts_authors': {
        const parsed = ghostLinkSchema.safeParse(row);
        const other = table === 'posts_tags' ? parsed.data?.tag_id : parsed.data?.author_id;
        if (parsed.success && other)
          push(
            table === 'posts_tags' ? tables.tagsOfPost : tables.authorsOfPost,
            parsed.data.post_id,
            other,
            parsed.data.sort_order,
          );
        break;
      }
      case 'posts_meta': {
        const parsed = ghostPostMetaSchema.safeParse(row);
        // A fresh copy (JSON round trip) for the same reason as `own`.
        if (parsed.success)
          tables.metaOfPost.set(
            own(parsed.data.post_id),
            JSON.parse(JSON.stringify(parsed.data)) as GhostPostMeta,
          );
        break;
      }
      case 'newsletters': {
        const parsed = ghostNewsletterSchema.safeParse(row);
        if (parsed.success) tables.newsletters.push(parsed.data);
        else bad(labelOf(row, 'name', 'id'));
        break;
      }
      case 'products':
      case 'tiers': {
        const parsed = ghostTierSchema.safeParse(row);
        if (parsed.success) tables.tiers.push({ ...parsed.data, benefits: [] });
        else bad(labelOf(row, 'slug', 'id'));
        break;
      }
      case 'benefits': {
        const parsed = ghostBenefitSchema.safeParse(row);
        if (parsed.success) benefitNames.set(parsed.data.id, parsed.data.name);
        break;
      }
      case 'products_benefits': {
        const parsed = ghostTierBenefitSchema.safeParse(row);
        if (parsed.success)
          benefitsOfTier.push({
            tier: parsed.data.product_id,
            benefit: parsed.data.benefit_id,
            order: parsed.data.sort_order,
          });
        break;
      }
      case 'posts_products': {
        const parsed = ghostLinkSchema.safeParse(row);
        const tier = parsed.data?.product_id;
        if (parsed.success && tier) {
          const post = own(parsed.data.post_id);
          tables.tiersOfPost.set(post, [...(tables.tiersOfPost.get(post) ?? []), own(tier)]);
        }
        break;
      }
      case 'settings': {
        const parsed = ghostSettingSchema.safeParse(row);
        if (parsed.success && siteKeys.has(parsed.data.key) && parsed.data.value)
          tables.site[parsed.data.key] = parsed.data.value;
        if (parsed.success && parsed.data.key === 'navigation' && parsed.data.value) {
          try {
            const items = JSON.parse(parsed.data.value) as Array<{ url?: unknown }>;
            for (const item of items) {
              const match =
                typeof item.url === 'string' ? /\/tag\/([^/]+)\/?$/.exec(item.url) : null;
              if (match?.[1]) tables.navigation.push(match[1]);
            }
          } catch {
            report.note('settings', 'navigation', 'not readable JSON: navigation sections not set');
          }
        }
        break;
      }
    }
  }
  for (const [user, role] of roleIdOfUser) tables.roleOfUser.set(user, roleNames.get(role) ?? '');
  benefitsOfTier.sort((a, b) => a.order - b.order);
  for (const tier of tables.tiers)
    tier.benefits = benefitsOfTier.flatMap((b) => {
      const name = b.tier === tier.id ? benefitNames.get(b.benefit) : undefined;
      return name ? [name] : [];
    });
  return tables;
}
