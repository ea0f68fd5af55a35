import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { AppError } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { createStaffInputSchema } from './index.js';

describeEachDatabase('staff accounts', (getDb) => {
  let ctx: TestContext;
  beforeEach(async () => {
    await getDb().truncate();
    ctx = servicesFor(getDb());
  });

  /** Accounts made as the front doors (CLI, invitations, demo) do: the schema first. */
  const create = async (input: Record<string, unknown>) =>
    ctx.services.staff.create(parseInput(createStaffInputSchema, input));

  it('creates a user with an argon2id password and an author profile in one write', async () => {
    const created = await create({
      email: ' Reporter@Example.org ',
      name: 'Iryna Solis',
      role: 'author',
      password: 'correct horse battery',
      profile: { roleTitle: 'Reporter', bio: 'Covers the front.' },
    });
    expect(created.user.email).toBe('reporter@example.org');
    expect(created.author).toMatchObject({
      name: 'Iryna Solis',
      slug: 'iryna-solis',
      roleTitle: 'Reporter',
      userId: created.user.id,
    });
    const row = await ctx.db
      .selectFrom('staff_users')
      .select('password_hash')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(
      await ctx.services.staff.verifyCredentials('REPORTER@example.org', 'correct horse battery'),
    ).toMatchObject({
      id: created.user.id,
    });
    expect(
      await ctx.services.staff.verifyCredentials('reporter@example.org', 'wrong password!'),
    ).toBeUndefined();
  });

  it('refuses a duplicate email, naming the field, and writes nothing', async () => {
    await create({ email: 'a@example.org', name: 'A', role: 'editor' });
    const error = await create({ email: 'A@example.org', name: 'B', role: 'editor' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).problems[0]?.field).toBe('email');
    expect(await ctx.services.authors.list()).toHaveLength(1);
  });

  it('refuses short passwords and unknown roles with field messages', async () => {
    const short = await create({
      email: 'b@example.org',
      name: 'B',
      role: 'editor',
      password: 'short',
    }).catch((e: unknown) => e);
    expect((short as AppError).problems[0]).toMatchObject({ field: 'password' });
    const role = await create({ email: 'c@example.org', name: 'C', role: 'boss' }).catch(
      (e: unknown) => e,
    );
    expect((role as AppError).problems[0]).toMatchObject({ field: 'role' });
    expect(await ctx.services.staff.count()).toBe(0);
  });

  it('allows one owner only, and generates a password shown once', async () => {
    const owner = await create({
      email: 'o@example.org',
      name: 'O',
      role: 'owner',
      generatePassword: true,
    });
    expect(owner.generatedPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
    await expect(
      create({ email: 'p@example.org', name: 'P', role: 'owner' }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('gives two people with the same name distinct author slugs', async () => {
    await create({
      email: 'x@example.org',
      name: 'Ana Petrenko',
      role: 'author',
    });
    const second = await create({
      email: 'y@example.org',
      name: 'Ana Petrenko',
      role: 'author',
    });
    expect(second.author.slug).toBe('ana-petrenko-2');
  });
});
