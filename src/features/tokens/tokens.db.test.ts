import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { narrow } from '../../platform/db/index.js';
import { hashToken } from '../../platform/security/index.js';
import { parseInput } from '../../platform/validation.js';
import { countQueries } from '../../../test/helpers/query-counter.js';
import { contentKeyTrustMs, createTokenInputSchema, createTokensService } from './index.js';

describeEachDatabase('API tokens', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  /** Tokens made as the CLI and the Admin API do: the schema first. */
  const create = async (input: Record<string, unknown>) =>
    ctx.services.tokens.create(parseInput(createTokenInputSchema, input));

  it('shows the secret once and stores only its hash', async () => {
    const { token, secret } = await create({
      name: 'Importer',
      role: 'author',
    });
    expect(secret).toMatch(/^mh_admin_[\w-]{40,}$/);
    const row = await ctx.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(await ctx.services.tokens.verify(secret, 'admin')).toMatchObject({
      id: token.id,
      role: 'author',
    });
  });

  it('refuses a revoked token, a content key used as an admin token, and a made-up one', async () => {
    const admin = await create({ name: 'A' });
    const content = await create({ name: 'App', kind: 'content' });
    expect(await ctx.services.tokens.verify(content.secret, 'admin')).toBeUndefined();
    expect(await ctx.services.tokens.verify(content.secret, 'content')).toMatchObject({
      kind: 'content',
      role: null,
    });
    expect(await ctx.services.tokens.verify('mh_admin_made-up', 'admin')).toBeUndefined();
    await ctx.services.tokens.revoke(admin.token.id);
    expect(await ctx.services.tokens.verify(admin.secret, 'admin')).toBeUndefined();
  });

  it("gives a content key a second form for Ghost's clients: 26 hex characters, hashed, revoked with it", async () => {
    const admin = await create({ name: 'Script' });
    expect(admin.ghostKey).toBeUndefined();
    const content = await create({ name: 'Ghost theme', kind: 'content' });
    const ghostKey = content.ghostKey!;
    expect(ghostKey).toMatch(/^[0-9a-f]{26}$/);
    const row = await ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', content.token.id)
      .executeTakeFirstOrThrow();
    expect(row.ghost_key_hash).toBe(hashToken(ghostKey));
    expect(JSON.stringify(row)).not.toContain(ghostKey);
    expect(await ctx.services.tokens.verify(ghostKey, 'content')).toMatchObject({
      id: content.token.id,
    });
    // Never an admin token, never another key's form, never a guess of the right shape.
    expect(await ctx.services.tokens.verify(ghostKey, 'admin')).toBeUndefined();
    expect(await ctx.services.tokens.verify('0'.repeat(26), 'content')).toBeUndefined();
    expect(await ctx.services.tokens.verify(ghostKey.toUpperCase(), 'content')).toBeUndefined();
    await ctx.services.tokens.revoke(content.token.id);
    expect(await ctx.services.tokens.verify(ghostKey, 'content')).toBeUndefined();
  });

  it('will not make owner tokens', async () => {
    await expect(create({ name: 'Root', role: 'owner' })).rejects.toMatchObject({
      status: 400,
      problems: [expect.objectContaining({ field: 'role' })],
    });
  });

  it('remembers a valid content key briefly, and forgets it at once when revoked here', async () => {
    const { db, counter } = countQueries(ctx.db);
    const here = createTokensService({ db: narrow(db).to(), clock: ctx.clock });
    // Another process: its own memo over the same database.
    const elsewhere = createTokensService({ db: narrow(ctx.db).to(), clock: ctx.clock });
    const { token, secret } = await here.create({ name: 'App', kind: 'content' });
    expect(await here.verify(secret, 'content')).toMatchObject({ id: token.id });
    expect(await elsewhere.verify(secret, 'content')).toMatchObject({ id: token.id });
    const before = counter.count;
    expect(await here.verify(secret, 'content')).toMatchObject({ id: token.id });
    expect(counter.count).toBe(before);

    await here.revoke(token.id);
    expect(await here.verify(secret, 'content')).toBeUndefined();
    // Elsewhere the revocation shows within the trust window, not later.
    expect(await elsewhere.verify(secret, 'content')).toMatchObject({ id: token.id });
    ctx.clock.advance(contentKeyTrustMs);
    expect(await elsewhere.verify(secret, 'content')).toBeUndefined();
  });
});
