import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { createMemoryMailer, type MemoryMailer } from '../../platform/mail/index.js';
import { memberAuthLimits } from './member-auth-limits.js';

const publicUrl = 'http://localhost:3000';

describeEachDatabase('member sign-in link limits under concurrent bursts', (getDb) => {
  let ctx: TestContext;
  let mailer: MemoryMailer;
  beforeEach(async () => {
    await getDb().truncate();
    mailer = createMemoryMailer();
    ctx = servicesFor(getDb(), undefined, { mailer });
  });
  const request = (email: string, ip: string) =>
    ctx.services.memberAuth.requestLink({ email, ip, publicUrl });
  const accepted = async (work: Array<Promise<void>>) =>
    (await Promise.allSettled(work)).filter((s) => s.status === 'fulfilled').length;

  it('sends at most 3 links to one address for 50 concurrent requests', async () => {
    const ok = await accepted(
      Array.from({ length: 50 }, (_, i) => request('target@example.org', `198.51.100.${i}`)),
    );
    expect(ok).toBe(memberAuthLimits['member-link-email'].max);
    expect(mailer.sent.filter((m) => m.to === 'target@example.org')).toHaveLength(3);
  });

  it('accepts at most 10 of 60 concurrent requests from one client', async () => {
    const ok = await accepted(
      Array.from({ length: 60 }, (_, i) => request(`reader${i}@example.org`, '203.0.113.9')),
    );
    expect(ok).toBe(memberAuthLimits['member-link-ip-minute'].max);
    expect(mailer.sent).toHaveLength(10);
    await expect(request('later@example.org', '203.0.113.9')).rejects.toMatchObject({
      status: 429,
      details: { retryAfter: 60 },
    });
  });
});
