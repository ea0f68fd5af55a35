import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { appFor, tokenHeaders } from '../../../test/helpers/test-runtime.js';
import type { Services } from '../../runtime/services.js';

describeEachDatabase('Admin API: campaigns', (getDb) => {
  let app: FastifyInstance;
  let services: Services;
  let admin: Record<string, string>;
  beforeAll(async () => {
    await getDb().truncate();
    ({ app, services } = await appFor(getDb()));
    admin = await tokenHeaders(services, 'administrator');
  });

  it('creates, lists, edits a drive and reports its stats', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/v1/campaigns',
      headers: admin,
      payload: {
        name: 'Drive',
        headline: 'Help us reach 25,000 members',
        goal: 25_000,
        metric: 'all_members',
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2026-12-31T00:00:00Z',
      },
    });
    expect(created.statusCode).toBe(201);
    const { campaign } = created.json<{ campaign: { id: string } }>();
    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/campaigns/${campaign.id}`,
      headers: admin,
      payload: { goal: 0 },
    });
    expect(bad.json()).toMatchObject({ errors: [{ field: 'goal' }] });
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/campaigns/${campaign.id}`,
      headers: admin,
      payload: { goal: 10 },
    });
    expect(edited.json()).toMatchObject({ campaign: { goal: 10 } });
    const list = await app.inject({
      method: 'GET',
      url: '/api/admin/v1/campaigns',
      headers: admin,
    });
    expect(list.json()).toMatchObject({ campaigns: [{ id: campaign.id }] });
    await services.members.findOrCreate({ email: 'one@example.org' });
    const stats = await app.inject({
      method: 'GET',
      url: `/api/admin/v1/campaigns/${campaign.id}/stats`,
      headers: admin,
    });
    expect(stats.statusCode).toBe(200);
    expect(stats.json()).toMatchObject({ value: 1, goal: 10, percent: 10, state: 'running' });
  });
});
