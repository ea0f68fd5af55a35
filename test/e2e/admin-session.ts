// Staff accounts and sign-in for the admin browser journeys.
import type { Page } from 'playwright-core';
import { runMasthead } from '../helpers/masthead-process.js';
import { openOk } from './page-checks.js';
import type { SiteServer } from './site-server.js';

export interface StaffLogin {
  email: string;
  password: string;
  name: string;
}

/** The demo owner's sign-in, as `masthead start` prints it once on a fresh database. */
export function demoOwner(server: SiteServer): StaffLogin {
  const output = server.output();
  const email = /Owner: (\S+)/.exec(output)?.[1];
  const password = /Password \(shown once[^)]*\): (\S+)/.exec(output)?.[1];
  if (!email || !password) throw new Error(`no demo owner in the server's output:\n${output}`);
  return { email, password, name: 'Demo owner' };
}

let staffCount = 0;

/** A staff account of `role`, made with the real CLI against the server's database. */
export async function createStaff(
  server: SiteServer,
  role: 'administrator' | 'editor' | 'author' | 'contributor',
  name: string,
): Promise<StaffLogin> {
  staffCount += 1;
  const login = {
    email: `${role}-${staffCount}-${Date.now().toString(36)}@newsroom.example`,
    password: `correct horse ${role} ${staffCount}`,
    name,
  };
  await runMasthead(
    [
      'user',
      'create',
      '--email',
      login.email,
      '--name',
      name,
      '--role',
      role,
      '--password',
      login.password,
    ],
    { DATABASE_URL: server.databasePath, LOG_LEVEL: 'warn' },
  );
  return login;
}

/** Signs in through the admin's form and waits for the dashboard. */
export async function signIn(page: Page, server: SiteServer, login: StaffLogin): Promise<void> {
  await openOk(page, server.url('/admin/'));
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/** Clicks an entry of the admin's side navigation and waits for the screen's heading. */
export async function openAdminScreen(page: Page, link: string, heading = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** The story editor's body (TipTap's editable area). */
export const storyBody = (page: Page) =>
  page.locator('[aria-labelledby="story-body-label"][contenteditable]');

/** Waits until the story editor says its last change is saved. */
export const storySaved = (page: Page) =>
  page
    .locator('.save-state')
    .filter({ hasText: /^Saved at / })
    .waitFor({ timeout: 20_000 });
