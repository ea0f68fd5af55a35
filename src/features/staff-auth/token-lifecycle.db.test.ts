import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { staffActor, type Actor } from '../staff/index.js';

const meta = { ip: '203.0.113.7', publicUrl: 'http://localhost:3000' };

/** Admin API tokens act within their creator's current rights and die with them. */
describeEachDatabase('API tokens and the people who made them', (getDb) => {
  let ctx: TestContext;
  let owner: Actor;
  let admin: Actor;
  let adminId: string;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
    const make = async (role: 'owner' | 'administrator', email: string) => {
      const { user, author } = await ctx.services.staff.create({
        email,
        name: `${role} person`,
        role,
        password: 'correct horse battery',
      });
      return staffActor(user, author.id);
    };
    owner = await make('owner', 'owner@example.org');
    admin = await make('administrator', 'admin@example.org');
    adminId = admin.userId ?? '';
  });
  const tokens = () => ctx.services.tokens;
  const madeByAdmin = (role: 'administrator' | 'editor') =>
    tokens().create(
      { name: `script ${role}`, kind: 'admin', role },
      { via: 'staff', userId: adminId },
    );

  it("acts with at most its creator's current role, and dies when they are suspended", async () => {
    const { secret, token } = await madeByAdmin('administrator');
    expect(token.createdBy).toEqual({ kind: 'staff', userId: adminId, name: null });
    expect(await tokens().verify(secret, 'admin')).toMatchObject({ role: 'administrator' });

    const { accounts } = ctx.services.staffAuth;
    await accounts.update(owner, adminId, { role: 'author' }, meta);
    expect(await tokens().verify(secret, 'admin')).toMatchObject({ role: 'author' });

    await accounts.update(owner, adminId, { status: 'suspended' }, meta);
    expect(await tokens().verify(secret, 'admin')).toBeUndefined();
    // Coming back does not bring old tokens back: they were revoked with the suspension.
    await accounts.update(owner, adminId, { status: 'active', role: 'administrator' }, meta);
    expect(await tokens().verify(secret, 'admin')).toBeUndefined();
  });

  it('cannot be laundered: a token made by a token belongs to the same person', async () => {
    const parent = await madeByAdmin('administrator');
    const parentToken = await tokens().verify(parent.secret, 'admin');
    const child = await tokens().create(
      { name: 'minted', kind: 'admin', role: 'administrator' },
      { via: 'token', tokenId: parentToken?.id ?? '' },
    );
    expect(child.token.createdBy).toMatchObject({ kind: 'staff', userId: adminId });
    await ctx.services.staffAuth.accounts.update(owner, adminId, { status: 'suspended' }, meta);
    expect(await tokens().verify(child.secret, 'admin')).toBeUndefined();
  });

  it('dies with "sign out everywhere" and a password change', async () => {
    const first = await madeByAdmin('editor');
    await ctx.services.staffAuth.signIn.signOutEverywhere(adminId, meta);
    expect(await tokens().verify(first.secret, 'admin')).toBeUndefined();

    const second = await madeByAdmin('editor');
    await ctx.services.staffAuth.accounts.changePassword(
      adminId,
      { currentPassword: 'correct horse battery', newPassword: 'a brand new long password' },
      { ...meta, keepSessionId: null },
    );
    expect(await tokens().verify(second.secret, 'admin')).toBeUndefined();
  });

  it('stops at its expiry, and refuses an expiry in the past naming the field', async () => {
    const inOneDay = new Date(ctx.clock.now().getTime() + 86_400_000).toISOString();
    const { secret } = await tokens().create(
      { name: 'for a day', kind: 'admin', role: 'editor', expiresAt: inOneDay },
      { via: 'staff', userId: adminId },
    );
    expect(await tokens().verify(secret, 'admin')).toBeDefined();
    ctx.clock.advance(86_400_000 + 1);
    expect(await tokens().verify(secret, 'admin')).toBeUndefined();
    await expect(
      tokens().create({ name: 'late', kind: 'admin', expiresAt: '2000-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({ status: 400, problems: [{ field: 'expiresAt' }] });
  });

  it("lists who made each token; command-line tokens are the owner's and live on", async () => {
    const cli = await tokens().create({ name: 'from the CLI', kind: 'admin', role: 'editor' });
    await madeByAdmin('editor');
    const listed = await tokens().list();
    expect(listed.map((t) => t.createdBy)).toEqual(
      expect.arrayContaining([
        { kind: 'cli' },
        { kind: 'staff', userId: adminId, name: 'administrator person' },
      ]),
    );
    await ctx.services.staffAuth.accounts.update(owner, adminId, { status: 'suspended' }, meta);
    expect(await tokens().verify(cli.secret, 'admin')).toMatchObject({ role: 'editor' });
  });
});
