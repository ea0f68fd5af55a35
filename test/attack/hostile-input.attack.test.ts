// A hostile-input corpus against a real `masthead start` holding the demo newsroom, on SQLite and
// PostgreSQL: every route the app serves (enumerated from Fastify, see hostile-routes.ts) — each
// path parameter, query parameter and body field, reader forms signed out and signed in, the
// Admin API with an administrator's token and anonymously on its public routes, the Content API
// with a key. The corpus is sampled per parameter (a few entries each, rotating, so the whole
// corpus is used across the run), which keeps a lane to a few thousand requests.
//
// Every answer: no 5xx; no stack trace, SQL or driver text; and no payload reflected unescaped
// into HTML or XML. Afterwards the reader pages that show what was written (tags, names,
// settings) are crawled for the same: stored payloads must come out escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMasthead } from '../helpers/masthead-process.js';
import { startSmtpTestServer, type SmtpTestServer } from '../helpers/smtp-test-server.js';
import { testSecretKey, testWebhookSecret } from '../helpers/stripe-events.js';
import { startStripeStandIn, type StripeStandIn } from '../helpers/stripe-stand-in.js';
import {
  answerOf,
  createStaff,
  databaseLanes,
  memberSignIn,
  signIn,
  startAttackServer,
  type Answer,
  type AttackServer,
} from './attack-server.js';
import { enumerateRoutes, validSample, type AttackRoute } from './hostile-routes.js';
import {
  xss,
  attributeBreakers,
  javascriptUrls,
  strings,
  badUrlBytes,
  wrongTypes,
  rawBodies,
  rotation,
  encode,
  inPool,
  formsOf,
  readerQueryNames,
  readerFieldNames,
  summary,
  problemIn,
} from './hostile-corpus.js';

const routesPromise = enumerateRoutes();

for (const lane of databaseLanes) {
  (lane.skip ? describe.skip : describe)(`hostile input on every route [${lane.name}]`, () => {
    let attack: AttackServer;
    let smtp: SmtpTestServer;
    let stripe: StripeStandIn;
    let routes: AttackRoute[];
    let adminToken: string;
    let contentKey: string;
    let memberCookie: string;
    const failures: string[] = [];
    let sent = 0;
    /** Settings fields the server still accepts any value for (see settingsThatBreakTheSite). */
    let unsafeSettings: string[] = [];

    /**
     * Issue 11 §7: a locale, language or time zone that no parser accepts must be refused, or
     * every page render throws. Each is tried once with a bad value (and put back at once); one
     * accepted fails the test below and is left out of the fuzz, which would only re-find that
     * one hole on every page.
     */
    const settingsThatBreakTheSite = async (): Promise<string[]> => {
      const headers = {
        authorization: `Bearer ${adminToken}`,
        'content-type': 'application/json',
        origin: attack.server.origin,
      };
      const url = attack.server.url('/api/admin/v1/settings');
      const current = (await (await fetch(url, { headers })).json()) as {
        settings: Record<string, unknown>;
      };
      const accepted: string[] = [];
      for (const field of ['locale', 'language', 'timezone']) {
        const tried = await fetch(url, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ [field]: 'zz-not-a-real-one-1' }),
        });
        if (tried.status < 300) {
          accepted.push(field);
          await fetch(url, {
            method: 'PATCH',
            headers,
            body: JSON.stringify({ [field]: current.settings[field] }),
          });
        }
      }
      if (accepted.length > 0)
        console.warn(
          `⚠️  Settings accept invalid ${accepted.join(', ')} (issue 11 §7): not fuzzed until refused.`,
        );
      return accepted;
    };

    beforeAll(async () => {
      routes = await routesPromise;
      smtp = await startSmtpTestServer();
      // Paid membership through the Stripe stand-in, so checkout forms and the webhook take
      // hostile input all the way to the official SDK.
      stripe = await startStripeStandIn();
      attack = await startAttackServer({
        dialect: lane.dialect,
        isDemo: true,
        env: {
          SMTP_URL: smtp.url,
          MAIL_FROM: 'newsroom@example.org',
          STRIPE_SECRET_KEY: testSecretKey,
          STRIPE_WEBHOOK_SECRET: testWebhookSecret,
          STRIPE_API_BASE: `http://${stripe.host}:${stripe.port}`,
        },
      });
      const staff = await signIn(
        attack.server,
        await createStaff(attack.databaseUrl, 'administrator'),
      );
      const made = await staff.call('POST', '/tokens', {
        name: 'Hostile input',
        role: 'administrator',
      });
      adminToken = String(made.json.secret);
      contentKey = (
        await runMasthead(['token', 'create', '--content', '--name', 'Hostile input'], {
          DATABASE_URL: attack.databaseUrl,
          LOG_LEVEL: 'warn',
        })
      ).trim();
      memberCookie = await memberSignIn(attack.server, smtp, 'hostile-reader@example.org');
      unsafeSettings = await settingsThatBreakTheSite();
    });
    afterAll(async () => {
      await attack?.stop();
      await stripe?.close();
      await smtp?.close();
    });

    /** Sends one request and checks the answer; a failure is a line in the report. */
    const probe = async (
      what: string,
      path: string,
      init: RequestInit & { headers?: Record<string, string> } = {},
    ): Promise<Answer | undefined> => {
      sent += 1;
      let answer: Answer;
      try {
        answer = await answerOf(
          await fetch(attack.server.url(path), {
            redirect: 'manual',
            ...init,
            headers: { origin: attack.server.origin, ...init.headers },
            signal: AbortSignal.timeout(20_000),
          }),
        );
      } catch (error) {
        failures.push(`${what}: no answer (${String(error).slice(0, 80)})`);
        return undefined;
      }
      const problem = problemIn(answer);
      if (problem) failures.push(`${what}: ${answer.status} ${problem}`);
      return answer;
    };

    it('refuses a locale, language or time zone no parser accepts, so the fuzz covers them too', () => {
      expect(unsafeSettings).toEqual([]);
    });

    it('answers every route, parameter and field under attack without a 5xx, a leak or a reflection', async () => {
      const { server } = attack;
      const nextString = rotation(strings);
      const nextXss = rotation([...xss, ...attributeBreakers, ...javascriptUrls]);
      const nextUrlValue = rotation([...strings.map(encode), ...badUrlBytes]);
      const nextJson = rotation<unknown>([...strings, ...wrongTypes]);
      const nextRawBody = rotation(rawBodies);
      /** Per parameter: two from the corpus and one script injection (the lane's time budget). */
      const urlValues = () => [...nextUrlValue(2), ...nextXss(1).map(encode)];
      const jsonValues = () => [...nextJson(2), ...nextXss(1)];

      const tasks: Array<() => Promise<void>> = [];
      const admin = { authorization: `Bearer ${adminToken}` };
      const placeholder = (path: string) => path.replace(/:\w+|\*/g, 'no-such-thing');
      const withParam = (path: string, name: string, value: string) =>
        path.replace(/:\w+|\*/g, (found) =>
          found === `:${name}` || found === name ? value : 'no-such-thing',
        );

      for (const route of routes) {
        const isApi = route.path.startsWith('/api/');
        const isContent = route.path.startsWith('/api/content/');
        // Signing out everywhere would end the attacking token: its own suite covers it.
        if (route.path.endsWith('/sign-out-everywhere')) continue;
        const callers: Array<{ label: string; headers: Record<string, string>; query: string }> =
          !isApi
            ? [
                { label: 'anonymous', headers: {}, query: '' },
                ...(route.path.startsWith('/account') && !/signout|delete/.test(route.path)
                  ? [{ label: 'member', headers: { cookie: memberCookie }, query: '' }]
                  : []),
              ]
            : isContent
              ? [{ label: 'key', headers: {}, query: `key=${encode(contentKey)}` }]
              : [
                  { label: 'token', headers: admin, query: '' },
                  ...(route.api?.isPublic ? [{ label: 'anonymous', headers: {}, query: '' }] : []),
                ];
        const params = [...route.path.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
        const queryNames = isApi
          ? [...(route.api?.query ?? []).filter((n) => n !== 'key'), 'filter']
          : route.method === 'GET'
            ? readerQueryNames
            : [];
        for (const caller of callers) {
          const send = (
            what: string,
            path: string,
            query: string,
            init: RequestInit & { headers?: Record<string, string> } = {},
          ) => {
            const search = [caller.query, query].filter(Boolean).join('&');
            tasks.push(async () => {
              await probe(
                `${route.method} ${route.path} ${caller.label} ${what}`,
                search ? `${path}?${search}` : path,
                { method: route.method, ...init, headers: { ...caller.headers, ...init.headers } },
              );
            });
          };
          const bodyInit = (body: string, type = 'application/json') =>
            route.method === 'GET' ? {} : { body, headers: { 'content-type': type } };
          const baseline = route.api?.body ? validSample(route.api.body) : undefined;
          const baselineBody = JSON.stringify(baseline ?? {});

          for (const name of params)
            for (const value of urlValues())
              send(
                `:${name}=${value.slice(0, 30)}`,
                withParam(route.path, name, value),
                '',
                isApi ? bodyInit(baselineBody) : {},
              );
          for (const name of queryNames)
            for (const value of urlValues())
              send(
                `?${name}=${value.slice(0, 30)}`,
                placeholder(route.path),
                `${name}=${value}`,
                isApi ? bodyInit(baselineBody) : {},
              );
          if (route.method === 'GET') continue;

          if (isApi) {
            const fields = Object.keys(route.api?.body?.properties ?? {}).filter(
              (field) => !(route.path.endsWith('/settings') && unsafeSettings.includes(field)),
            );
            for (const field of fields)
              for (const value of jsonValues()) {
                const body = { ...(baseline as object), [field]: value };
                send(
                  `{${field}: ${JSON.stringify(value)?.slice(0, 30)}}`,
                  placeholder(route.path),
                  '',
                  bodyInit(JSON.stringify(body)),
                );
              }
            for (const raw of nextRawBody(3))
              send(
                `body ${JSON.stringify(raw.slice(0, 20))}`,
                placeholder(route.path),
                '',
                bodyInit(raw),
              );
            send('xml body', placeholder(route.path), '', bodyInit('<a>1</a>', 'application/xml'));
            send(
              'form body',
              placeholder(route.path),
              '',
              bodyInit('a=1&b=%zz', 'application/x-www-form-urlencoded'),
            );
          }
        }
      }

      // Reader forms: the fields the real forms have (read from the pages), each swapped for
      // hostile values, with the hidden ones (the CSRF token) kept — signed out and signed in.
      const formPages = [
        '/signin/',
        '/membership/',
        '/membership/gift/',
        '/gift/redeem',
        '/account/',
      ];
      for (const cookie of ['', memberCookie]) {
        for (const page of formPages) {
          const html = await (
            await fetch(server.url(page), { headers: cookie ? { cookie } : {} })
          ).text();
          for (const form of formsOf(html)) {
            if (/signout|delete/.test(form.action)) continue;
            const names = [...new Set([...Object.keys(form.fields), ...readerFieldNames])];
            for (const name of names)
              for (const value of [...nextString(2), ...nextXss(1)]) {
                const fields = new URLSearchParams({ ...form.fields, [name]: value });
                tasks.push(async () => {
                  await probe(
                    `POST ${form.action} ${cookie ? 'member' : 'anonymous'} ${name}=${value.slice(0, 30)}`,
                    form.action,
                    {
                      method: 'POST',
                      body: fields.toString(),
                      headers: {
                        'content-type': 'application/x-www-form-urlencoded',
                        ...(cookie ? { cookie } : {}),
                      },
                    },
                  );
                });
              }
            for (const raw of ['%zz=%', 'a=1&'.repeat(2_000), '\u0000=\u0000'])
              tasks.push(async () => {
                await probe(`POST ${form.action} raw form ${raw.slice(0, 10)}`, form.action, {
                  method: 'POST',
                  body: raw,
                  headers: { 'content-type': 'application/x-www-form-urlencoded' },
                });
              });
          }
        }
      }

      const started = Date.now();
      await inPool(tasks, 6);
      console.log(
        `[${lane.name}] ${routes.length} routes, ${sent} hostile requests in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(summary(failures)).toEqual([]);
    }, 240_000);

    it('shows what was stored from hostile input escaped on every reader page', async () => {
      const { server } = attack;
      // Stored through the real API: a tag and a byline named with script, site settings too.
      const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
      const write = (method: string, path: string, body: unknown) =>
        probe(`${method} ${path} stored`, `/api/admin/v1${path}`, {
          method,
          headers: admin,
          body: JSON.stringify(body),
        });
      expect((await write('POST', '/tags', { name: xss[0], description: xss[1] }))?.status).toBe(
        201,
      );
      expect((await write('POST', '/authors', { name: xss[3] }))?.status).toBe(201);
      expect(
        (await write('PATCH', '/settings', { description: attributeBreakers[0] }))?.status,
      ).toBe(200);
      const memberName = await fetch(server.url('/account/'), {
        headers: { cookie: memberCookie },
      });
      const csrf = /name="csrf" value="([^"]+)"/.exec(await memberName.text())?.[1] ?? '';
      const named = await probe('POST /account/ name', '/account/', {
        method: 'POST',
        headers: { cookie: memberCookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, name: xss[2] ?? '' }).toString(),
      });
      expect(named?.status).toBeLessThan(400);

      const sitemapPaths = async (sitemap: string) =>
        [...(await (await fetch(server.url(sitemap))).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
          (m) => new URL(m[1] ?? '/').pathname,
        );
      const pages = [
        '/',
        '/news/',
        '/search?q=mh-xss',
        '/rss/',
        '/sitemap-tags.xml',
        ...(await sitemapPaths('/sitemap-tags.xml')),
        ...(await sitemapPaths('/sitemap-authors.xml')),
      ];
      for (const page of pages) await probe(`stored → GET ${page}`, page);
      await probe('stored → GET /account/', '/account/', { headers: { cookie: memberCookie } });
      expect(summary(failures)).toEqual([]);
    });
  });
}
