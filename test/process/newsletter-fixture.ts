import type { Kysely } from 'kysely';
import { emailPlaceholders } from '../../src/features/newsletters/email-content.js';
import type { SendLinks, StoredRenders } from '../../src/features/newsletters/index.js';
import type { AppTables } from '../../src/runtime/app-database.js';

/**
 * Data for delivery-engine tests (the db suites beside the engine and the process tests here):
 * a newsletter, members with subscriptions, a story and an email, written straight to the
 * tables so each test owns exactly the rows it reasons about.
 */
type Db = Kysely<AppTables>;

const at = '2026-01-15T08:00:00.000Z';
let counter = 0;
const nextId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function insertNewsletter(
  db: Db,
  values: { name?: string; slug?: string } = {},
): Promise<{ id: string; name: string; slug: string }> {
  const id = nextId('nl');
  const name = values.name ?? 'The Daily Briefing';
  const slug = values.slug ?? `briefing-${id}`;
  await db
    .insertInto('newsletters')
    .values({
      id,
      name,
      slug,
      description: '',
      cadence: 'Every morning',
      digest_time: null,
      sender_name: 'The Newsroom',
      reply_to: 'letters@example.org',
      audience: 'all',
      subscribe_on_signup: 1,
      status: 'active',
      sort_order: 0,
      design: '{}',
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, name, slug };
}

export interface SeededMember {
  id: string;
  email: string;
  name: string;
}

/** `count` members (ids sort in creation order), subscribed to `newsletterId` when given. */
export async function insertMembers(
  db: Db,
  count: number,
  options: {
    prefix?: string;
    status?: 'free' | 'paid' | 'comped' | 'gift';
    accessUntil?: string | null;
    subscribeTo?: string;
  } = {},
): Promise<SeededMember[]> {
  const prefix = options.prefix ?? nextId('m');
  const members: SeededMember[] = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(6, '0')}`,
    email: `${prefix}-${i}@example.test`.toLowerCase(),
    name: `Reader ${i}`,
  }));
  for (let i = 0; i < members.length; i += 500) {
    const chunk = members.slice(i, i + 500);
    await db
      .insertInto('members')
      .values(
        chunk.map((m) => ({
          id: m.id,
          email: m.email,
          name: m.name,
          status: options.status ?? 'free',
          access_until: options.accessUntil ?? null,
          note: '',
          subscribed_to_emails: 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    if (options.subscribeTo) {
      const newsletterId = options.subscribeTo;
      await db
        .insertInto('newsletter_subscriptions')
        .values(
          chunk.map((m) => ({
            member_id: m.id,
            newsletter_id: newsletterId,
            status: 'subscribed',
            source: 'signup',
            changed_at: at,
          })),
        )
        .execute();
    }
  }
  return members;
}

export async function setSubscription(
  db: Db,
  memberId: string,
  newsletterId: string,
  status: 'subscribed' | 'unsubscribed',
): Promise<void> {
  await db
    .updateTable('newsletter_subscriptions')
    .set({ status, source: 'unsubscribe-link', changed_at: at })
    .where('member_id', '=', memberId)
    .where('newsletter_id', '=', newsletterId)
    .execute();
}

export async function suppress(db: Db, address: string, reason = 'hard_bounce'): Promise<void> {
  await db
    .insertInto('email_suppressions')
    .values({ address: address.toLowerCase(), reason, source: 'smtp', created_at: at })
    .execute();
}

export async function insertPost(
  db: Db,
  visibility: 'public' | 'members' | 'paid' = 'public',
): Promise<string> {
  const id = nextId('post');
  await db
    .insertInto('posts')
    .values({
      id,
      kind: 'story',
      slug: id,
      title: 'A story',
      body: '{"type":"doc","content":[]}',
      status: 'published',
      visibility,
      published_at: at,
      created_at: at,
      updated_at: at,
    } as never)
    .execute();
  return id;
}

export async function insertEmail(
  db: Db,
  values: { newsletterId: string; postId?: string | null; segment?: 'all' | 'free' | 'paid' },
): Promise<string> {
  const id = nextId('email');
  await db
    .insertInto('emails')
    .values({
      id,
      newsletter_id: values.newsletterId,
      post_id: values.postId ?? null,
      // One digest per list and day: each test email gets a day of its own.
      digest_date: values.postId
        ? null
        : new Date(Date.UTC(2026, 0, 1 + counter++)).toISOString().slice(0, 10),
      segment: values.segment ?? 'all',
      status: 'pending',
      subject: 'A story',
      recipient_count: 0,
      sent_count: 0,
      failed_count: 0,
      uncertain_count: 0,
      skipped_count: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

/** Renders with every placeholder, so tests can see the per-recipient parts filled in. */
export function testRenders(subject = 'A story'): StoredRenders {
  const body = (access: string) =>
    `<p>Hello ${emailPlaceholders.memberName}</p><p>${access}</p>` +
    `<a href="${emailPlaceholders.unsubscribeUrl}">Unsubscribe</a> <a href="${emailPlaceholders.manageUrl}">Manage</a>`;
  const text = (access: string) =>
    `Hello ${emailPlaceholders.memberName}\n${access}\nUnsubscribe: ${emailPlaceholders.unsubscribeUrl}`;
  return {
    full: { subject, preheader: 'Full', html: body('FULL'), text: text('FULL') },
    teaser: { subject, preheader: 'Teaser', html: body('TEASER'), text: text('TEASER') },
  };
}

export const testLinks: SendLinks = {
  host: 'news.example.org',
  manageUrl: 'https://news.example.org/account/',
  unsubscribeUrl: ({ memberId, newsletterId }) =>
    `https://news.example.org/unsubscribe/?t=${newsletterId}.${memberId}`,
  unsubscribeMailto: ({ memberId, newsletterId }) =>
    `mailto:unsubscribe@news.example.org?subject=unsubscribe-${newsletterId}.${memberId}`,
};

/** Rows of one email by state, for assertions. */
export async function recipientStates(db: Db, emailId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('email_recipients')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('email_id', '=', emailId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
