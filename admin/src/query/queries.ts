// The Admin API reads that several screens share, as query options (key + typed call), so a
// write elsewhere invalidates them by the same key.
import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api.js';

export const queryKeys = {
  me: ['me'] as const,
  authors: ['authors'] as const,
  tags: ['tags'] as const,
  tiers: ['tiers'] as const,
  settings: ['settings'] as const,
  /** The story lists and the dashboard's story panels. */
  stories: ['stories'] as const,
  /** One story in the editor: apart from the lists, so refreshing them never reloads it. */
  story: (id: string) => ['story', id] as const,
  members: ['members'] as const,
  media: ['media'] as const,
};

export const meQuery = (api: ApiClient) =>
  queryOptions({ queryKey: queryKeys.me, queryFn: () => api.get('/me') });

export const authorsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.authors,
    queryFn: async () => (await api.get('/authors')).authors,
  });

export const tagsQuery = (api: ApiClient) =>
  queryOptions({ queryKey: queryKeys.tags, queryFn: async () => (await api.get('/tags')).tags });

export const tiersQuery = (api: ApiClient) =>
  queryOptions({ queryKey: queryKeys.tiers, queryFn: async () => (await api.get('/tiers')).tiers });

export const settingsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.settings,
    queryFn: async () => (await api.get('/settings')).settings,
  });

/**
 * One story for the editor. Never served from the cache: the editor starts from the version it
 * shows, and an older cached one would turn its first save into a conflict.
 */
export const storyQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: queryKeys.story(id),
    queryFn: async () => (await api.get('/posts/{id}', { params: { path: { id } } })).post,
    gcTime: 0,
  });

// --- story

/**
 * A story's saved versions, newest first. The key names the version the editor shows, so each
 * save lists them afresh; a list for an older version is never shown again, so it is dropped
 * as soon as nothing shows it.
 */
export const revisionsQuery = (api: ApiClient, postId: string, version: number) =>
  queryOptions({
    queryKey: [...queryKeys.story(postId), 'revisions', version] as const,
    queryFn: async () =>
      (await api.get('/posts/{id}/revisions', { params: { path: { id: postId } } })).revisions,
    gcTime: 0,
  });

/** What changed between two saved versions of a story: fixed once both exist. */
export const revisionDiffQuery = (api: ApiClient, postId: string, from: string, to: string) =>
  queryOptions({
    queryKey: [...queryKeys.story(postId), 'revisions', 'diff', from, to] as const,
    queryFn: () =>
      api.get('/posts/{id}/revisions/diff', {
        params: { path: { id: postId }, query: { from, to } },
      }),
    staleTime: Infinity,
  });

// --- settings, audit, staff, profile, tokens

/** Keys of the reads below (beside `queryKeys`, which other screens' additions also extend). */
export const teamKeys = {
  /** The session check at start: who is signed in, if anyone. */
  session: ['session'] as const,
  /** What the server's environment connects to (mail, payments): Settings and drives show it. */
  services: ['settings-services'] as const,
  staff: ['staff'] as const,
  invitations: ['invitations'] as const,
  tokens: ['tokens'] as const,
  /** The audit log's pages, one list per set of filters. */
  auditLog: ['audit-log'] as const,
  /** One media item; under `media`, so an upload that invalidates the library refreshes it. */
  mediaItem: (id: string) => [...queryKeys.media, 'item', id] as const,
};

export const servicesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: teamKeys.services,
    queryFn: async () => (await api.get('/settings/services')).services,
  });

export const staffQuery = (api: ApiClient) =>
  queryOptions({ queryKey: teamKeys.staff, queryFn: async () => (await api.get('/staff')).staff });

export const invitationsQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: teamKeys.invitations,
    queryFn: async () => (await api.get('/invitations')).invitations,
  });

export const tokensQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: teamKeys.tokens,
    queryFn: async () => (await api.get('/tokens')).tokens,
  });

export const mediaItemQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: teamKeys.mediaItem(id),
    queryFn: async () => (await api.get('/media/{id}', { params: { path: { id } } })).media,
  });

// --- members, webhooks, drives, tiers, media

/** Keys of the reads below (beside `queryKeys`, which other screens' additions also extend). */
export const membershipKeys = {
  /** One member's page; under `members`, so a change that reloads the lists reloads it too. */
  member: (id: string) => [...queryKeys.members, 'detail', id] as const,
  /** The member counts (the dashboard's panel and the drive preview share them). */
  memberStats: [...queryKeys.members, 'stats'] as const,
  webhooks: ['webhooks'] as const,
  webhookDeliveries: (id: string) => ['webhooks', id, 'deliveries'] as const,
  /** Every drive read (the list, each drive's stats, the dashboard's running drive). */
  drives: ['drives'] as const,
  driveStats: (id: string) => ['drives', id, 'stats'] as const,
};

export const memberQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: membershipKeys.member(id),
    queryFn: async () =>
      (await api.get('/members/{id}', { params: { path: { id: encodeURIComponent(id) } } })).member,
  });

export const memberStatsQuery = (api: ApiClient) =>
  queryOptions({ queryKey: membershipKeys.memberStats, queryFn: () => api.get('/members/stats') });

export const webhooksQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: membershipKeys.webhooks,
    queryFn: async () => (await api.get('/webhooks')).webhooks,
  });

export const drivesQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: [...membershipKeys.drives, 'list'] as const,
    queryFn: async () => (await api.get('/campaigns')).campaigns,
  });

export const driveStatsQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: membershipKeys.driveStats(id),
    queryFn: () => api.get('/campaigns/{id}/stats', { params: { path: { id } } }),
  });

// --- newsletters and their emails

/** Keys of the reads below (beside `queryKeys`, which other screens' additions also extend). */
export const newsletterKeys = {
  /** The lists with their subscriber counts (the screen and the publish panel share it). */
  newsletters: ['newsletters'] as const,
  /** A story's email, polled while it sends; under the story so a reload refreshes it. */
  postEmail: (postId: string) => [...queryKeys.story(postId), 'email'] as const,
  /** One email's report. */
  email: (id: string) => ['emails', id] as const,
  /** A member's subscriptions, email events and suppression; under the member's page. */
  memberNewsletters: (memberId: string) =>
    [...membershipKeys.member(memberId), 'newsletters'] as const,
  /** The suppression list (paged); every add, lift or import reloads it. */
  suppressions: ['suppressions'] as const,
};

export const newslettersQuery = (api: ApiClient) =>
  queryOptions({
    queryKey: newsletterKeys.newsletters,
    queryFn: async () => (await api.get('/newsletters')).newsletters,
  });

/** A story's email (null when it was not emailed), while it sends and after. */
export const postEmailQuery = (api: ApiClient, postId: string) =>
  queryOptions({
    queryKey: newsletterKeys.postEmail(postId),
    queryFn: async () =>
      (await api.get('/posts/{id}/email', { params: { path: { id: postId } } })).email,
  });

/** One email's report: its counts and the recipients with problems. */
export const emailReportQuery = (api: ApiClient, id: string) =>
  queryOptions({
    queryKey: newsletterKeys.email(id),
    queryFn: async () => (await api.get('/emails/{id}', { params: { path: { id } } })).email,
  });

/** A member's newsletters (subscribed or not), their email events and any suppression. */
export const memberNewslettersQuery = (api: ApiClient, memberId: string) =>
  queryOptions({
    queryKey: newsletterKeys.memberNewsletters(memberId),
    queryFn: () => api.get('/members/{id}/newsletters', { params: { path: { id: memberId } } }),
  });
