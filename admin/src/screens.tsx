// Every screen of the admin app: its path, title, place in the navigation and the permission
// it needs (from the server's own table; the API checks again). Screens load on first use, so
// the editor's weight is paid only by those who open it.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { roleMay, type Permission, type StaffRoleName } from '@shared/contracts/permissions.js';
import type { PublicScreenProps, ScreenProps } from './screen-props.js';

export type NavGroup = 'Newsroom' | 'Audience' | 'Team and site';

export interface ScreenDef {
  /** `/admin/members/:id`; the first matching pattern wins, so put literal paths before params. */
  pattern: string;
  title: string;
  nav?: { label: string; group: NavGroup };
  permission?: Permission;
  component: LazyExoticComponent<ComponentType<ScreenProps>>;
}

export interface PublicScreenDef {
  pattern: string;
  title: string;
  component: LazyExoticComponent<ComponentType<PublicScreenProps>>;
}

/** `lazy()` for a named export. */
function load<P>(
  loader: () => Promise<Record<string, unknown>>,
  name: string,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await loader())[name] as ComponentType<P> }));
}

export const screens: ScreenDef[] = [
  {
    pattern: '/admin',
    title: 'Dashboard',
    nav: { label: 'Dashboard', group: 'Newsroom' },
    component: load(() => import('./screens/dashboard/DashboardScreen.js'), 'DashboardScreen'),
  },
  {
    pattern: '/admin/stories',
    title: 'Stories',
    nav: { label: 'Stories', group: 'Newsroom' },
    component: load(() => import('./screens/stories/StoriesList.js'), 'StoriesList'),
  },
  {
    pattern: '/admin/stories/new',
    title: 'New story',
    permission: 'posts.create',
    component: load(() => import('./screens/story/StoryEditorScreen.js'), 'StoryEditorScreen'),
  },
  {
    pattern: '/admin/stories/:id/live',
    title: 'Live page',
    permission: 'live.post',
    component: load(() => import('./screens/live/LiveScreen.js'), 'LiveScreen'),
  },
  {
    pattern: '/admin/stories/:id',
    title: 'Edit story',
    component: load(() => import('./screens/story/StoryEditorScreen.js'), 'StoryEditorScreen'),
  },
  {
    pattern: '/admin/news-feed/new',
    title: 'News Feed',
    nav: { label: 'News Feed', group: 'Newsroom' },
    permission: 'posts.create',
    component: load(() => import('./screens/news-feed/NewsFeedComposer.js'), 'NewsFeedComposer'),
  },
  {
    pattern: '/admin/media',
    title: 'Media library',
    nav: { label: 'Media', group: 'Newsroom' },
    component: load(() => import('./screens/media/MediaScreen.js'), 'MediaScreen'),
  },
  {
    pattern: '/admin/tags',
    title: 'Sections and tags',
    nav: { label: 'Sections and tags', group: 'Newsroom' },
    permission: 'tags.read',
    component: load(() => import('./screens/tags/TagsScreen.js'), 'TagsScreen'),
  },
  {
    pattern: '/admin/newsletters',
    title: 'Newsletters',
    nav: { label: 'Newsletters', group: 'Audience' },
    permission: 'newsletters.read',
    component: load(
      () => import('./screens/newsletters/NewslettersScreen.js'),
      'NewslettersScreen',
    ),
  },
  {
    // Under Newsletters (the nav marks this entry, the longer match); as the API, administrators.
    pattern: '/admin/newsletters/suppressions',
    title: 'Suppressed addresses',
    nav: { label: 'Suppressed addresses', group: 'Audience' },
    permission: 'members.manage',
    component: load(
      () => import('./screens/suppressions/SuppressionsScreen.js'),
      'SuppressionsScreen',
    ),
  },
  {
    pattern: '/admin/emails/:id',
    title: 'Email report',
    permission: 'newsletters.read',
    component: load(() => import('./screens/emails/EmailReportScreen.js'), 'EmailReportScreen'),
  },
  {
    pattern: '/admin/analytics',
    title: 'Analytics',
    nav: { label: 'Analytics', group: 'Audience' },
    permission: 'analytics.read',
    component: load(() => import('./screens/analytics/AnalyticsScreen.js'), 'AnalyticsScreen'),
  },
  {
    pattern: '/admin/members',
    title: 'Members',
    nav: { label: 'Members', group: 'Audience' },
    permission: 'members.manage',
    component: load(() => import('./screens/members/MembersScreen.js'), 'MembersScreen'),
  },
  {
    pattern: '/admin/members/:id',
    title: 'Member',
    permission: 'members.manage',
    component: load(() => import('./screens/members/MemberDetailScreen.js'), 'MemberDetailScreen'),
  },
  {
    pattern: '/admin/tiers',
    title: 'Tiers and prices',
    nav: { label: 'Tiers and prices', group: 'Audience' },
    permission: 'members.manage',
    component: load(() => import('./screens/tiers/TiersScreen.js'), 'TiersScreen'),
  },
  {
    pattern: '/admin/drives',
    title: 'Membership drives',
    nav: { label: 'Membership drives', group: 'Audience' },
    permission: 'campaigns.manage',
    component: load(() => import('./screens/drives/DrivesScreen.js'), 'DrivesScreen'),
  },
  {
    pattern: '/admin/staff',
    title: 'Staff',
    nav: { label: 'Staff', group: 'Team and site' },
    permission: 'staff.read',
    component: load(() => import('./screens/staff/StaffScreen.js'), 'StaffScreen'),
  },
  {
    pattern: '/admin/profile',
    title: 'My profile',
    component: load(() => import('./screens/profile/ProfileScreen.js'), 'ProfileScreen'),
  },
  {
    pattern: '/admin/settings',
    title: 'Settings',
    nav: { label: 'Settings', group: 'Team and site' },
    permission: 'settings.manage',
    component: load(() => import('./screens/settings/SettingsScreen.js'), 'SettingsScreen'),
  },
  {
    pattern: '/admin/settings/tokens',
    title: 'Admin API tokens',
    nav: { label: 'API tokens', group: 'Team and site' },
    permission: 'tokens.manage',
    component: load(() => import('./screens/tokens/TokensScreen.js'), 'TokensScreen'),
  },
  {
    pattern: '/admin/settings/webhooks',
    title: 'Webhooks',
    nav: { label: 'Webhooks', group: 'Team and site' },
    permission: 'webhooks.manage',
    component: load(() => import('./screens/webhooks/WebhooksScreen.js'), 'WebhooksScreen'),
  },
  {
    pattern: '/admin/audit',
    title: 'Audit log',
    nav: { label: 'Audit log', group: 'Team and site' },
    permission: 'audit.read',
    component: load(() => import('./screens/audit/AuditScreen.js'), 'AuditScreen'),
  },
];

/** Screens for people who are not signed in: links in emails land here. */
export const publicScreens: PublicScreenDef[] = [
  {
    pattern: '/admin/reset-password',
    title: 'Choose a new password',
    component: load(() => import('./screens/auth/ResetPasswordScreen.js'), 'ResetPasswordScreen'),
  },
  {
    pattern: '/admin/accept-invitation',
    title: 'Join the newsroom',
    component: load(
      () => import('./screens/auth/AcceptInvitationScreen.js'),
      'AcceptInvitationScreen',
    ),
  },
];

/** Whether a role may open a screen (hidden from the navigation otherwise). */
export const mayOpen = (def: Pick<ScreenDef, 'permission'>, role: string): boolean =>
  !def.permission || roleMay(role as StaffRoleName, def.permission);
