import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/helpers/test-database.js';
import { servicesFor, type TestContext } from '../../../test/helpers/test-runtime.js';
import { createMemoryMailer, type MemoryMailer } from '../../platform/mail/index.js';
import { parseInput } from '../../platform/validation.js';
import { staffActor, tokenActor, type Actor } from '../staff/index.js';
import { invitationInputSchema, profileUpdateSchema, staffUpdateSchema } from './index.js';

const publicUrl = 'https://news.example.org';
const meta = { ip: '203.0.113.7', publicUrl };
const tokenFrom = (text: string) => /token=([\w-]+)/.exec(text)?.[1] ?? '';

describeEachDatabase('staff accounts: invitations, roles, ownership, profile', (getDb) => {
  let ctx: TestContext;
  let mailer: MemoryMailer;
  let owner: Actor;
  let admin: Actor;
  let editor: Actor;
  beforeEach(async () => {
    await getDb().truncate();
    mailer = createMemoryMailer();
    ctx = servicesFor(getDb(), undefined, { mailer });
    const make = async (role: 'owner' | 'administrator' | 'editor', email: string) => {
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
    editor = await make('editor', 'editor@example.org');
  });

  it('invites by email and accepting creates the account with the invited role', async () => {
    const { invitations } = ctx.services.staffAuth;
    const invitation = await invitations.create(
      editor,
      parseInput(invitationInputSchema, { email: 'New@Example.org', role: 'author' }),
      meta,
    );
    expect(invitation).toMatchObject({ email: 'new@example.org', role: 'author' });
    const mail = mailer.lastTo('new@example.org');
    expect(mail?.text).toContain(`${publicUrl}/admin/accept-invitation?token=`);
    const token = tokenFrom(mail?.text ?? '');
    const { user, secret } = await invitations.accept(
      { token, name: 'New Author', password: 'a good long password' },
      meta,
    );
    // Accepting signs the new staff member in: the session resolves to them.
    expect((await ctx.services.staffSessions.resolve(secret))?.user.id).toBe(user.id);
    expect(user).toMatchObject({ email: 'new@example.org', role: 'author', status: 'active' });
    expect(
      await ctx.services.staff.verifyCredentials('new@example.org', 'a good long password'),
    ).toBeDefined();
    await expect(
      invitations.accept({ token, name: 'Again', password: 'a good long password' }, meta),
    ).rejects.toMatchObject({
      status: 400,
      problems: [expect.objectContaining({ field: 'token' })],
    });
    const actions = (await ctx.services.audit.list()).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted']));
  });

  it('lists pending invitations; resending makes a new link (the old one dies); revoking ends it', async () => {
    const { invitations } = ctx.services.staffAuth;
    const first = await invitations.create(
      admin,
      { email: 'pending@example.org', role: 'editor' },
      meta,
    );
    await invitations.create(admin, { email: 'writer@example.org', role: 'author' }, meta);
    const oldToken = tokenFrom(mailer.lastTo('pending@example.org')?.text ?? '');
    expect((await invitations.listPending(admin)).map((i) => i.email).sort()).toEqual([
      'pending@example.org',
      'writer@example.org',
    ]);
    // Editors see (and manage) only the invitations of roles they may invite.
    expect((await invitations.listPending(editor)).map((i) => i.email)).toEqual([
      'writer@example.org',
    ]);
    await expect(invitations.resend(editor, first.id, meta)).rejects.toMatchObject({
      status: 403,
    });

    ctx.clock.advance(6 * 24 * 3600_000);
    const resent = await invitations.resend(admin, first.id, meta);
    expect(Date.parse(resent.expiresAt)).toBe(ctx.clock.now().getTime() + 7 * 24 * 3600_000);
    const newToken = tokenFrom(mailer.lastTo('pending@example.org')?.text ?? '');
    expect(newToken).not.toBe(oldToken);
    await expect(
      invitations.accept({ token: oldToken, name: 'Old', password: 'a good long password' }, meta),
    ).rejects.toMatchObject({
      status: 400,
      problems: [expect.objectContaining({ field: 'token' })],
    });

    const writer = (await invitations.listPending(admin)).find(
      (i) => i.email === 'writer@example.org',
    );
    const writerToken = tokenFrom(mailer.lastTo('writer@example.org')?.text ?? '');
    await invitations.revoke(admin, writer?.id ?? '', meta);
    await expect(
      invitations.accept({ token: writerToken, name: 'W', password: 'a good long password' }, meta),
    ).rejects.toMatchObject({ status: 400 });
    await expect(invitations.revoke(admin, writer?.id ?? '', meta)).rejects.toMatchObject({
      status: 404,
    });
    expect((await invitations.listPending(admin)).map((i) => i.email)).toEqual([
      'pending@example.org',
    ]);

    const { user } = await invitations.accept(
      { token: newToken, name: 'Pending Editor', password: 'a good long password' },
      meta,
    );
    expect(user.role).toBe('editor');
    expect(await invitations.listPending(admin)).toEqual([]);
    const actions = (await ctx.services.audit.list()).items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.resent', 'invitation.revoked', 'session.signed_in']),
    );
  });

  it('applies the role rules to invitations', async () => {
    const { invitations } = ctx.services.staffAuth;
    await expect(
      invitations.create(editor, { email: 'x@example.org', role: 'administrator' }, meta),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      invitations.create(editor, { email: 'x@example.org', role: 'editor' }, meta),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      invitations.create(admin, { email: 'x@example.org', role: 'owner' }, meta),
    ).rejects.toMatchObject({
      status: 400,
      problems: [expect.objectContaining({ field: 'role' })],
    });
    await expect(
      invitations.create(admin, { email: 'editor@example.org', role: 'author' }, meta),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'email' })] });
    const author = tokenActor({ id: '0190a000-0000-7000-8000-000000000009', role: 'author' });
    await expect(
      invitations.create(author, { email: 'x@example.org', role: 'contributor' }, meta),
    ).rejects.toMatchObject({ status: 403 });
    expect(
      await invitations.create(admin, { email: 'x@example.org', role: 'administrator' }, meta),
    ).toMatchObject({ role: 'administrator' });
  });

  it('expires invitations after seven days', async () => {
    const { invitations } = ctx.services.staffAuth;
    await invitations.create(admin, { email: 'late@example.org', role: 'editor' }, meta);
    const token = tokenFrom(mailer.lastTo('late@example.org')?.text ?? '');
    ctx.clock.advance(7 * 24 * 3600_000 + 1);
    await expect(
      invitations.accept({ token, name: 'Late', password: 'a good long password' }, meta),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'token' })] });
  });

  it("changes roles, never the owner's, and suspension signs the person out", async () => {
    const { accounts } = ctx.services.staffAuth;
    const editorId = editor.userId ?? '';
    const session = await ctx.services.staffSessions.create(editorId);
    const updated = await accounts.update(admin, editorId, { role: 'author' }, meta);
    expect(updated.role).toBe('author');
    await accounts.update(admin, editorId, { status: 'suspended' }, meta);
    expect(await ctx.services.staffSessions.resolve(session.secret)).toBeUndefined();
    await expect(
      accounts.update(admin, owner.userId ?? '', { role: 'editor' }, meta),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      accounts.update(admin, owner.userId ?? '', { status: 'suspended' }, meta),
    ).rejects.toMatchObject({ status: 403 });
    // Ownership moves only by transfer: the front door's schema refuses the role.
    expect(() => parseInput(staffUpdateSchema, { role: 'owner' })).toThrow(
      expect.objectContaining({ status: 400 }) as Error,
    );
    await expect(
      accounts.update(editor, admin.userId ?? '', { role: 'author' }, meta),
    ).rejects.toMatchObject({ status: 403 });
    const actions = (await ctx.services.audit.list()).items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.role_changed', 'staff.suspended']));
  });

  it('transfers ownership from the owner to an administrator only', async () => {
    const { accounts } = ctx.services.staffAuth;
    await expect(accounts.transferOwnership(admin, admin.userId ?? '', meta)).rejects.toMatchObject(
      { status: 403 },
    );
    await expect(
      accounts.transferOwnership(owner, editor.userId ?? '', meta),
    ).rejects.toMatchObject({ status: 400 });
    expect(await accounts.transferOwnership(owner, admin.userId ?? '', meta)).toMatchObject({
      role: 'owner',
    });
    expect((await ctx.services.staff.byId(owner.userId ?? ''))?.role).toBe('administrator');
  });

  it('updates the own profile (name and byline) and changes the password', async () => {
    const { accounts } = ctx.services.staffAuth;
    const id = editor.userId ?? '';
    const { user, author } = await accounts.updateProfile(
      id,
      parseInput(profileUpdateSchema, {
        name: 'Olena K.',
        roleTitle: 'Night editor',
        links: { x: 'olenak' },
      }),
    );
    expect(user.name).toBe('Olena K.');
    expect(author).toMatchObject({
      name: 'Olena K.',
      roleTitle: 'Night editor',
      links: { x: 'olenak' },
    });
    // The byline's rules are part of the front door's schema.
    expect(() => parseInput(profileUpdateSchema, { links: { website: 'ftp://x' } })).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ field: 'links.website' })],
      }) as Error,
    );
    const keep = await ctx.services.staffSessions.create(id);
    const other = await ctx.services.staffSessions.create(id);
    await expect(
      accounts.changePassword(
        id,
        { currentPassword: 'wrong one!', newPassword: 'a brand new password' },
        { ...meta, keepSessionId: keep.sessionId },
      ),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'currentPassword' })] });
    await accounts.changePassword(
      id,
      { currentPassword: 'correct horse battery', newPassword: 'a brand new password' },
      { ...meta, keepSessionId: keep.sessionId },
    );
    expect(await ctx.services.staffSessions.resolve(keep.secret)).toBeDefined();
    expect(await ctx.services.staffSessions.resolve(other.secret)).toBeUndefined();
    expect(
      await ctx.services.staff.verifyCredentials('editor@example.org', 'a brand new password'),
    ).toBeDefined();
  });
});
