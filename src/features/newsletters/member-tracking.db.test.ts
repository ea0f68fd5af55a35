import { beforeEach, expect, it } from 'vitest';
import {
  insertEmail,
  insertMembers,
  insertNewsletter,
  insertPost,
  type SeededMember,
} from '../../../test/process/newsletter-fixture.js';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';

const link = 'https://example.com/report?a=1';

describeEachDatabase('newsletters: per-member tracking, only on the opt-in', (getDb) => {
  let ctx: TestContext;
  let readers: SeededMember[];
  let newsletterId: string;

  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    newsletterId = (await insertNewsletter(ctx.db)).id;
    // Three members: the first two receive the emails below, the third never does.
    readers = await insertMembers(ctx.db, 3, { prefix: 'reader', subscribeTo: newsletterId });
  });

  const tracking = () => ctx.services.emailTracking;

  /** An email to the first two readers, its send started under the settings given. */
  async function startedEmail(settings: {
    emailTrackOpens: boolean;
    emailTrackClicks: boolean;
    emailTrackMembers: boolean;
  }) {
    await ctx.services.settings.update(settings);
    const emailId = await insertEmail(ctx.db, {
      newsletterId,
      postId: await insertPost(ctx.db),
    });
    const flags = await tracking().startFor(emailId);
    await ctx.db
      .insertInto('email_recipients')
      .values(
        readers.slice(0, 2).map((reader) => ({
          email_id: emailId,
          member_id: reader.id,
          address: reader.email,
          name: reader.name,
          access: 'full',
          state: 'sent',
          batch: 0,
          claimed_by: null,
          lease_until: null,
          attempts: 1,
          retry_at: null,
          reply: '250 OK',
          updated_at: ctx.clock.now().toISOString(),
        })),
      )
      .execute();
    await ctx.db.updateTable('emails').set({ status: 'sent' }).where('id', '=', emailId).execute();
    return { emailId, flags };
  }

  /** A click on the email's signed link to `link`, with the member token given (if any). */
  const click = (emailId: string, memberToken?: string) => {
    const url = new URL(tracking().links.clickUrl(emailId, link)!);
    return tracking().recordClick({
      emailId,
      signature: url.pathname.split('/')[3]!,
      url: link,
      memberToken,
    });
  };
  const activityRows = () => ctx.db.selectFrom('member_email_activity').selectAll().execute();
  const report = (emailId: string) => tracking().report(emailId);

  it('on: URLs carry the token placeholder; opens and clicks are kept per member, with times', async () => {
    const { emailId, flags } = await startedEmail({
      emailTrackOpens: true,
      emailTrackClicks: true,
      emailTrackMembers: true,
    });
    expect(flags).toEqual({
      isTrackingOpens: true,
      isTrackingClicks: true,
      isTrackingMembers: true,
    });
    const [ana, ben] = readers;
    const anaToken = tracking().memberToken({ emailId, memberId: ana!.id });
    // Signed, never the member id alone.
    expect(anaToken).toMatch(new RegExp(`^${ana!.id}\\.[A-Za-z0-9_-]{43}$`));

    await tracking().recordOpen(emailId, anaToken);
    ctx.clock.advance(60_000);
    await tracking().recordOpen(emailId, anaToken);
    ctx.clock.advance(60_000);
    expect(await click(emailId, anaToken)).toBe(link);

    expect(await tracking().memberActivity(ana!.id)).toEqual([
      {
        emailId,
        subject: 'A story',
        openCount: 2,
        clickCount: 1,
        firstOpenedAt: '2026-01-15T09:00:00.000Z',
        lastOpenedAt: '2026-01-15T09:01:00.000Z',
        firstClickedAt: '2026-01-15T09:02:00.000Z',
        lastClickedAt: '2026-01-15T09:02:00.000Z',
      },
    ]);
    expect(await tracking().memberActivity(ben!.id)).toEqual([]);
    // The per-email counts go on as before.
    expect(await report(emailId)).toMatchObject({ openCount: 2, clickCount: 1 });

    // Their page in the admin: the email with their opens and clicks; the other's shows none.
    const [anaEmail] = await ctx.services.emails.forMember(ana!.id);
    expect(anaEmail!.activity).toEqual({
      opens: 2,
      clicks: 1,
      lastOpenedAt: '2026-01-15T09:01:00.000Z',
      lastClickedAt: '2026-01-15T09:02:00.000Z',
    });
    const [benEmail] = await ctx.services.emails.forMember(ben!.id);
    expect(benEmail!.activity).toEqual({
      opens: 0,
      clicks: 0,
      lastOpenedAt: null,
      lastClickedAt: null,
    });
  });

  it('forged, moved or bare tokens: the click still leads on, nothing is kept for anyone', async () => {
    const { emailId } = await startedEmail({
      emailTrackOpens: true,
      emailTrackClicks: true,
      emailTrackMembers: true,
    });
    const { emailId: otherEmailId } = await startedEmail({
      emailTrackOpens: true,
      emailTrackClicks: true,
      emailTrackMembers: true,
    });
    const [ana, ben, cy] = readers;
    const anaToken = tracking().memberToken({ emailId, memberId: ana!.id });
    const [, signature] = anaToken.split('.');
    const attempts = [
      // The signature changed.
      `${ana!.id}.${signature!.slice(0, -2)}xx`,
      // Ana's signature under Ben's id.
      `${ben!.id}.${signature}`,
      // Ana's genuine token of another email.
      tracking().memberToken({ emailId: otherEmailId, memberId: ana!.id }),
      // A genuine token for a member the email never went to.
      tracking().memberToken({ emailId, memberId: cy!.id }),
      // A bare member id, and nonsense.
      ana!.id,
      `${ana!.id}.${signature}.extra`,
      '.',
      'x'.repeat(500),
    ];
    for (const token of attempts) {
      await tracking().recordOpen(emailId, token);
      expect(await click(emailId, token), token).toBe(link);
    }
    expect(await activityRows()).toEqual([]);
    // Each still counts once for the email: the email's own counts never needed a member.
    expect(await report(emailId)).toMatchObject({
      openCount: attempts.length,
      clickCount: attempts.length,
    });
  });

  it('off (the default): a genuine token records nothing per member, and the admin shows none', async () => {
    expect(await ctx.services.settings.get()).toMatchObject({ emailTrackMembers: false });
    const { emailId, flags } = await startedEmail({
      emailTrackOpens: true,
      emailTrackClicks: true,
      emailTrackMembers: false,
    });
    expect(flags.isTrackingMembers).toBe(false);
    const [ana] = readers;
    // Even a token the server itself signed (the switch was on for another email, say).
    const token = tracking().memberToken({ emailId, memberId: ana!.id });
    await tracking().recordOpen(emailId, token);
    expect(await click(emailId, token)).toBe(link);
    expect(await activityRows()).toEqual([]);
    expect(await report(emailId)).toMatchObject({ openCount: 1, clickCount: 1 });
    const [anaEmail] = await ctx.services.emails.forMember(ana!.id);
    expect(anaEmail!.activity).toBeNull();
    // Switched on after the send started: that email stays untracked per member.
    await ctx.services.settings.update({ emailTrackMembers: true });
    await tracking().recordOpen(emailId, token);
    expect(await activityRows()).toEqual([]);
  });

  it('on without opens or clicks counted: nothing to keep per member either', async () => {
    const { emailId, flags } = await startedEmail({
      emailTrackOpens: false,
      emailTrackClicks: false,
      emailTrackMembers: true,
    });
    expect(flags.isTrackingMembers).toBe(false);
    const token = tracking().memberToken({ emailId, memberId: readers[0]!.id });
    await tracking().recordOpen(emailId, token);
    expect(await activityRows()).toEqual([]);
    // Opens only: clicks are neither counted nor kept per member.
    const opensOnly = await startedEmail({
      emailTrackOpens: true,
      emailTrackClicks: false,
      emailTrackMembers: true,
    });
    const opensToken = tracking().memberToken({
      emailId: opensOnly.emailId,
      memberId: readers[0]!.id,
    });
    await tracking().recordOpen(opensOnly.emailId, opensToken);
    expect(await click(opensOnly.emailId, opensToken)).toBe(link);
    const [row] = await tracking().memberActivity(readers[0]!.id);
    expect(row).toMatchObject({ openCount: 1, clickCount: 0, lastClickedAt: null });
    const shown = (await ctx.services.emails.forMember(readers[0]!.id)).find(
      (e) => e.emailId === opensOnly.emailId,
    );
    expect(shown!.activity).toMatchObject({ opens: 1, clicks: null });
  });

  it('deleting a member deletes what was kept about them, and only that', async () => {
    const { emailId } = await startedEmail({
      emailTrackOpens: true,
      emailTrackClicks: true,
      emailTrackMembers: true,
    });
    const [ana, ben] = readers;
    for (const reader of [ana!, ben!]) {
      const token = tracking().memberToken({ emailId, memberId: reader.id });
      await tracking().recordOpen(emailId, token);
      await click(emailId, token);
    }
    expect((await activityRows()).map((r) => r.member_id).sort()).toEqual([ana!.id, ben!.id]);
    await ctx.services.members.delete(ana!.id);
    expect((await activityRows()).map((r) => r.member_id)).toEqual([ben!.id]);
    expect(await tracking().memberActivity(ana!.id)).toEqual([]);
    // The email's own totals stay: they never named anyone.
    expect(await report(emailId)).toMatchObject({ openCount: 2, clickCount: 2 });
    // A token of the deleted member, used afterwards, brings nothing back.
    await tracking().recordOpen(emailId, tracking().memberToken({ emailId, memberId: ana!.id }));
    expect((await activityRows()).map((r) => r.member_id)).toEqual([ben!.id]);
  });
});
