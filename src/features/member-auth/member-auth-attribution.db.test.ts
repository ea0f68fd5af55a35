import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { narrow } from '../../platform/db/index.js';
import { createLimiter, createMemoryAttemptStore } from '../../platform/limits/index.js';
import { createMemoryMailer, type MemoryMailer } from '../../platform/mail/index.js';
import { createMemberAuthService } from './member-auth.service.js';

const publicUrl = 'http://localhost:3000';
const tokenIn = (text: string | undefined) =>
  decodeURIComponent(/token=([A-Za-z0-9_%-]+)/.exec(text ?? '')?.[1] ?? '');

describeEachDatabase('member sign-in: a new member and their attribution', (getDb) => {
  let ctx: TestContext;
  let mailer: MemoryMailer;
  beforeEach(async () => {
    await getDb().truncate();
    mailer = createMemoryMailer();
    ctx = servicesFor(getDb(), undefined, { mailer });
  });

  /** Sign-in as the app wires it, with a conversion writer that fails while `failing` is set. */
  function signIn() {
    const state = { failing: false, prepared: 0 };
    const { analytics, members, settings, campaigns, newsletters, events } = ctx.services;
    const auth = createMemberAuthService({
      db: narrow(ctx.db).to(),
      clock: ctx.clock,
      mailer,
      members,
      settings,
      campaigns,
      newsletters,
      events,
      limiter: createLimiter({ store: createMemoryAttemptStore(), clock: ctx.clock }),
      attributeSignup: async ({ fromStory, campaignId }) => {
        state.prepared += 1;
        const conversion = await analytics.prepareConversion({
          kind: 'signup',
          fromPath: fromStory,
          campaignId,
        });
        return async (trx) => {
          if (state.failing) throw new Error('the disk is full');
          await analytics.recordConversion(narrow(trx).to(), conversion);
        };
      },
    });
    const link = async (email: string) => {
      await auth.requestLink({ email, ip: '10.0.0.1', publicUrl, fromStory: '/night-shift/' });
      return tokenIn(mailer.lastTo(email)?.text);
    };
    return { auth, state, link };
  }

  const conversions = () =>
    ctx.db.selectFrom('analytics_conversions').select(['kind', 'path']).execute();

  it('writes nothing when the conversion cannot be written, so the next link still counts the join', async () => {
    const { auth, state, link } = signIn();
    state.failing = true;
    await expect(auth.confirm(await link('reader@example.org'))).rejects.toThrow(
      'the disk is full',
    );
    // The member was not created apart from their session and conversion.
    expect(await ctx.services.members.byEmail('reader@example.org')).toBeUndefined();
    expect(await ctx.db.selectFrom('member_sessions').selectAll().execute()).toEqual([]);
    expect(await conversions()).toEqual([]);

    state.failing = false;
    const joined = await auth.confirm(await link('reader@example.org'));
    expect(joined.isNew).toBe(true);
    expect(await conversions()).toEqual([{ kind: 'signup', path: '/night-shift/' }]);
    const history = await ctx.services.members.history(joined.member.id);
    expect(history.map((e) => e.type).sort()).toEqual(['joined', 'signed_in']);

    // A member signing in again prepares and writes no conversion.
    const prepared = state.prepared;
    const again = await auth.confirm(await link('reader@example.org'));
    expect(again.isNew).toBe(false);
    expect(state.prepared).toBe(prepared);
    expect(await conversions()).toHaveLength(1);
  });

  it('announces the new member after the sign-in commits', async () => {
    const { auth, link } = signIn();
    const heard: string[] = [];
    ctx.services.events.onEvents((events) => heard.push(...events.map((e) => e.type)));
    await auth.confirm(await link('announced@example.org'));
    expect(heard).toContain('member.created');
  });
});
