// Credentials die with their owner's standing, through the real HTTP API of a real server:
// suspension, a password change, a password reset and "sign out everywhere" end every session
// of that person and every Admin API token they made — including tokens made by those tokens —
// at once; and a token acts with at most its creator's current role (demote the person, the
// token is demoted with them). There is no "remove staff" action: suspension is how a newsroom
// removes someone, and it is what is proved here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import {
  adminClient,
  createStaff,
  databaseLanes,
  mailTo,
  signIn,
  startAttackServer,
  tokenClient,
  type AdminClient,
  type AttackServer,
  type Login,
} from './attack-server.js';

for (const lane of databaseLanes) {
  (lane.skip ? describe.skip : describe)(`credential lifecycle [${lane.name}]`, () => {
    let attack: AttackServer;
    let smtp: SmtpTestServer;
    let owner: AdminClient;
    /** Made up front: each `masthead user create` is a process start. */
    let staff: Record<
      'suspended' | 'changer' | 'resetter' | 'leaver' | 'demoted' | 'expiring',
      Login
    >;

    beforeAll(async () => {
      smtp = await startSmtpTestServer();
      attack = await startAttackServer({
        dialect: lane.dialect,
        env: { SMTP_URL: smtp.url, MAIL_FROM: 'newsroom@example.org' },
      });
      const labels = ['suspended', 'changer', 'resetter', 'leaver', 'demoted', 'expiring'] as const;
      // One command after another, as an operator types them.
      const ownerLogin = await createStaff(attack.databaseUrl, 'owner');
      const logins: Login[] = [];
      for (const label of labels)
        logins.push(await createStaff(attack.databaseUrl, 'administrator', label));
      staff = Object.fromEntries(labels.map((label, i) => [label, logins[i]])) as typeof staff;
      owner = await signIn(attack.server, ownerLogin);
    });
    afterAll(async () => {
      await attack?.stop();
      await smtp?.close();
    });

    /**
     * One administrator's credentials: two sessions (two devices), a token made in the admin
     * and a token that token made.
     */
    const credentialsOf = async (login: Login) => {
      const { server } = attack;
      const [laptop, phone] = [await signIn(server, login), await signIn(server, login)];
      const made = await laptop.call('POST', '/tokens', {
        name: 'Wire importer',
        role: 'administrator',
      });
      expect(made.status).toBe(201);
      const token = tokenClient(server, String(made.json.secret));
      const laundered = await token.call('POST', '/tokens', { name: 'Made by a token' });
      expect(laundered.status).toBe(201);
      const tokenOfToken = tokenClient(server, String(laundered.json.secret));
      const ids = [made, laundered].map((m) => (m.json.token as { id: string }).id);
      return { laptop, phone, token, tokenOfToken, ids };
    };
    const statusOf = async (client: AdminClient) => (await client.call('GET', '/tags')).status;
    const staffId = async (login: Login) => {
      const list = await owner.call('GET', '/staff');
      const users = list.json.staff as Array<{ id: string; email: string }>;
      const user = users.find((u) => u.email === login.email);
      if (!user) throw new Error(`${login.email} is not in the staff list`);
      return user.id;
    };
    const tokensById = async () => {
      const list = await owner.call('GET', '/tokens');
      const tokens = list.json.tokens as Array<{
        id: string;
        revokedAt: string | null;
        lastUsedAt: string | null;
        createdBy: { kind: string; name?: string | null };
      }>;
      return new Map(tokens.map((t) => [t.id, t]));
    };

    it('a suspension ends every session and token of that person at once, and reinstating revives none', async () => {
      const login = staff.suspended;
      const creds = await credentialsOf(login);
      const all = [creds.laptop, creds.phone, creds.token, creds.tokenOfToken];
      expect(await Promise.all(all.map(statusOf))).toEqual([200, 200, 200, 200]);
      // The list says who made each token (a token's token belongs to the same person).
      const before = await tokensById();
      for (const id of creds.ids) {
        expect(before.get(id)?.createdBy).toMatchObject({ kind: 'staff', name: login.name });
        expect(before.get(id)?.lastUsedAt).not.toBeNull();
      }

      const id = await staffId(login);
      expect((await owner.call('PATCH', `/staff/${id}`, { status: 'suspended' })).status).toBe(200);
      expect(await Promise.all(all.map(statusOf))).toEqual([401, 401, 401, 401]);
      // A dead token cannot mint a live one.
      expect((await creds.token.call('POST', '/tokens', { name: 'Escape hatch' })).status).toBe(
        401,
      );
      const after = await tokensById();
      for (const tokenId of creds.ids) expect(after.get(tokenId)?.revokedAt).not.toBeNull();
      // Nor can a suspended person sign in again (the same answer as a wrong password).
      const refused = await adminClient(attack.server).call('POST', '/session', {
        email: login.email,
        password: login.password,
      });
      expect(refused.status).toBe(401);

      expect((await owner.call('PATCH', `/staff/${id}`, { status: 'active' })).status).toBe(200);
      expect(await Promise.all(all.map(statusOf))).toEqual([401, 401, 401, 401]);
      expect(await statusOf(await signIn(attack.server, login))).toBe(200);
    });

    it('a password change ends the other sessions and every token; the session that changed it stays', async () => {
      const login = staff.changer;
      const creds = await credentialsOf(login);
      const changed = await creds.laptop.call('POST', '/me/password', {
        currentPassword: login.password,
        newPassword: `${login.password} again`,
      });
      expect(changed.status).toBeLessThan(300);
      expect(await statusOf(creds.laptop)).toBe(200);
      expect(
        await Promise.all([creds.phone, creds.token, creds.tokenOfToken].map(statusOf)),
      ).toEqual([401, 401, 401]);
      await expect(signIn(attack.server, login)).rejects.toThrow(/401/);
      await signIn(attack.server, { ...login, password: `${login.password} again` });
    });

    it('a password reset by email ends every session and token', async () => {
      const login = staff.resetter;
      const creds = await credentialsOf(login);
      const asked = await adminClient(attack.server).call('POST', '/password-reset', {
        email: login.email,
      });
      expect(asked.status).toBe(202);
      const mail = await mailTo(smtp, login.email);
      const token = /token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
      expect(token, mail.text).toBeDefined();
      const reset = await adminClient(attack.server).call('POST', '/password-reset/confirm', {
        token,
        password: 'a brand new password',
      });
      expect(reset.status).toBeLessThan(300);
      expect(
        await Promise.all(
          [creds.laptop, creds.phone, creds.token, creds.tokenOfToken].map(statusOf),
        ),
      ).toEqual([401, 401, 401, 401]);
    });

    it('"sign out everywhere" ends every session and token, the calling one included', async () => {
      const login = staff.leaver;
      const creds = await credentialsOf(login);
      const out = await creds.phone.call('POST', '/session/sign-out-everywhere');
      expect(out.status).toBe(200);
      expect(
        await Promise.all(
          [creds.laptop, creds.phone, creds.token, creds.tokenOfToken].map(statusOf),
        ),
      ).toEqual([401, 401, 401, 401]);
    });

    it("a token acts with at most its creator's current role: demoted with them, restored with them", async () => {
      const login = staff.demoted;
      const creds = await credentialsOf(login);
      const id = await staffId(login);
      const canManageTokens = async (client: AdminClient) =>
        (await client.call('GET', '/tokens')).status;
      const canManageTags = async (client: AdminClient, name: string) =>
        (await client.call('POST', '/tags', { name })).status;
      expect(await canManageTokens(creds.token)).toBe(200);

      expect((await owner.call('PATCH', `/staff/${id}`, { role: 'editor' })).status).toBe(200);
      expect(await canManageTokens(creds.token)).toBe(403);
      expect(await canManageTokens(creds.laptop)).toBe(403);
      // It cannot mint an administrator token to climb back either.
      expect(
        (await creds.token.call('POST', '/tokens', { name: 'Climb', role: 'administrator' }))
          .status,
      ).toBe(403);
      expect(await canManageTags(creds.token, `Editors may ${lane.name}`)).toBe(201);

      expect((await owner.call('PATCH', `/staff/${id}`, { role: 'author' })).status).toBe(200);
      expect(await canManageTags(creds.token, `Authors may not ${lane.name}`)).toBe(403);

      expect((await owner.call('PATCH', `/staff/${id}`, { role: 'administrator' })).status).toBe(
        200,
      );
      expect(await canManageTokens(creds.token)).toBe(200);
    });

    it('an expired token stops working by itself', async () => {
      const login = staff.expiring;
      const session = await signIn(attack.server, login);
      const made = await session.call('POST', '/tokens', {
        name: 'Short lived',
        expiresAt: new Date(Date.now() + 2_000).toISOString(),
      });
      expect(made.status).toBe(201);
      const token = tokenClient(attack.server, String(made.json.secret));
      expect(await statusOf(token)).toBe(200);
      await new Promise((r) => setTimeout(r, 2_500));
      expect(await statusOf(token)).toBe(401);
    });
  });
}
