import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { buildViewer } from '../../auth/viewer';
import { createEmployee } from '../../domain/employees/create-employee';
import { signIn as signInRoute } from '../../http/sign-in';
import { getDeps } from '../../runtime/registry';
import { startServer, type AppServer } from '../../server';
import { builtinRoles } from '../helpers/factories';
import { testConfig } from '../helpers/runtime';

const PUBLIC_URL = 'https://chats.example.test';
const PASSWORD = 'right-password-1';

let seq = 0;
/** Each test signs in from its own addresses (one trusted proxy in front, as in production). */
const address = () => `198.51.100.${++seq}`;

describe('sign-in', () => {
  let app: AppServer;
  let roleId: string;

  beforeAll(async () => {
    if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npx next build` (npm test does it first).');
    app = await startServer({
      config: testConfig({ PUBLIC_URL, TRUST_PROXY: '1', SIGN_IN_FREE_FAILURES: '2', RATE_LIMIT_SIGN_IN: '12', LOG_LEVEL: 'warn' }),
      dev: false,
      seed: false,
    });
    roleId = (await builtinRoles(getDeps())).Operator.id;
  });
  afterAll(() => app?.stop());

  const employee = async () => {
    const email = `operator-${Date.now().toString(36)}-${++seq}@shop.example`;
    await createEmployee(getDeps().db, { name: 'Olga Operator', email, password: PASSWORD, roleId });
    return email;
  };

  const post = (path: string, body: string | URLSearchParams | null, headers: Record<string, string>) =>
    fetch(`${app.url}${path}`, { method: 'POST', body, headers, redirect: 'manual' });
  const signIn = (email: string, password: string, from = address()) =>
    post('/api/auth/login', JSON.stringify({ email, password }), { 'content-type': 'application/json', 'x-forwarded-for': from });
  const formSignIn = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    post('/api/auth/login', new URLSearchParams(fields), { 'x-forwarded-for': address(), ...headers });
  const sessionOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('chats_session='))?.split(';')[0];

  it('a sign-in sent as JSON is answered in JSON, and a wrong body gets a 4xx that says why, never a 500', async () => {
    const email = await employee();
    const ok = await signIn(email, PASSWORD);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ redirect: '/chats' });
    expect(sessionOf(ok)).toMatch(/^chats_session=.+/);

    const wrong = await signIn(email, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe('INVALID_CREDENTIALS');

    const json = { 'content-type': 'application/json', 'x-forwarded-for': address() };
    for (const body of ['{}', 'not json', '[]', JSON.stringify({ email, password: 12345678 }), JSON.stringify({ email })]) {
      const res = await post('/api/auth/login', body, json);
      expect(res.status, body).toBe(400);
      expect((await res.json()).error.message, body).toMatch(/./);
    }
    expect((await formSignIn({ email })).status).toBe(400);
    expect((await post('/api/auth/login', 'email=x', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('the session cookie is HttpOnly, SameSite=Lax and for the whole site, and Secure only behind https', async () => {
    /** A Set-Cookie header's attributes, names as written, with their values (Path=/) or alone (HttpOnly). */
    const attributes = (setCookie: string | undefined) => setCookie?.split(';').slice(1).map((a) => a.trim()).filter((a) => !a.startsWith('Expires=')).sort();
    const sessionCookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('chats_session='));
    const email = await employee();
    // PUBLIC_URL is https: both ways of signing in mark it Secure
    expect(attributes(sessionCookieOf(await signIn(email, PASSWORD)))).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure']);
    const form = await formSignIn({ email, password: PASSWORD });
    expect(form.status).toBe(303);
    expect(attributes(sessionCookieOf(form))).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax', 'Secure']);
    // the same route behind a plain-http PUBLIC_URL (a local install): not Secure, or no browser would send it back
    const local = { ...getDeps(), config: { ...getDeps().config, publicUrl: 'http://localhost:3000' } };
    const plain = await signInRoute(
      new Request('http://localhost:3000/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) }),
      local,
    );
    expect(plain.status).toBe(200);
    expect(attributes(sessionCookieOf(plain))).toEqual(['HttpOnly', 'Path=/', 'SameSite=Lax']);
  });

  it('wrong passwords in a row make each further try of that e-mail wait longer, from any address', async () => {
    const email = await employee();
    expect((await signIn(email, 'wrong-1')).status).toBe(401);
    expect((await signIn(email, 'wrong-2')).status).toBe(401);
    const third = await signIn(email, 'wrong-3');
    expect(third.status).toBe(401);
    expect((await third.json()).error.retryAfter).toBe(1);

    // while it waits, not even the right password is tried
    const held = await signIn(email, PASSWORD);
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('1');
    expect((await held.json()).error).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 });
    // the login page's form is held back alike, and sent back to say how long to wait
    const form = await formSignIn({ email, password: PASSWORD });
    expect(sessionOf(form)).toBeUndefined();
    expect(form.headers.get('location')).toBe(`${PUBLIC_URL}/login?error=throttled&retryAfter=1&next=%2Fchats`);

    await new Promise((r) => setTimeout(r, 1100));
    expect((await signIn(email, 'wrong-4')).status).toBe(401);
    const longer = await signIn(email, PASSWORD);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('2');

    await new Promise((r) => setTimeout(r, 2100));
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    // signing in ends the run of failures
    const fresh = await signIn(email, 'wrong-5');
    expect(fresh.status).toBe(401);
    expect((await fresh.json()).error.retryAfter).toBeUndefined();
  });

  it('one address trying many e-mails is held back, and so is one that simply tries too often', async () => {
    const from = address();
    // an address gets four times an account's free failures
    for (let i = 0; i < 8; i++) expect((await signIn(`nobody-${i}-${seq}@shop.example`, 'guess', from)).status).toBe(401);
    expect((await signIn(`nobody-8-${seq}@shop.example`, 'guess', from)).status).toBe(401);
    const held = await signIn(`nobody-9-${seq}@shop.example`, 'guess', from);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const email = await employee();
    const busy = address();
    for (let i = 0; i < 12; i++) expect((await signIn(email, PASSWORD, busy)).status).toBe(200);
    const over = await signIn(email, PASSWORD, busy);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it('an unknown e-mail takes about as long as a wrong password, so timing does not tell which e-mails exist', async () => {
    const emails = await Promise.all(Array.from({ length: 9 }, () => employee()));
    // warm up both paths (the stand-in hash is made on first use)
    await signIn(`warm-up-${seq}@shop.example`, 'guess');
    await signIn(await employee(), 'guess');
    // as the login page's form sends it
    const timed = async (email: string) => {
      const t = performance.now();
      const res = await formSignIn({ email, password: 'a-wrong-password' });
      expect(res.headers.get('location')).toContain('/login?error=');
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < emails.length; i++) {
      known.push(await timed(emails[i]));
      unknown.push(await timed(`nobody-${i}-${Date.now()}@shop.example`));
    }
    // what checking one password costs on this machine right now
    const hash = await hashPassword('some-password');
    const checks: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await verifyPassword(hash, 'another-password');
      checks.push(performance.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const seen = `wrong password ${median(known).toFixed(1)} ms, unknown e-mail ${median(unknown).toFixed(1)} ms, one password check ${median(checks).toFixed(1)} ms`;
    expect(median(known) / median(unknown), seen).toBeLessThan(3);
    expect(median(known) / median(unknown), seen).toBeGreaterThan(1 / 3);
    // the gap is far less than the password check an unknown e-mail would otherwise skip
    expect(Math.abs(median(known) - median(unknown)), seen).toBeLessThan(median(checks) / 2);
  });

  it('the redirect after signing in is built from PUBLIC_URL, never from the Host header', async () => {
    const email = await employee();
    const raw = (body: string, host: string) =>
      new Promise<{ status: number; location?: string; cookies: string[] }>((resolve, reject) => {
        const req = httpRequest(`${app.url}/api/auth/login`, {
          method: 'POST',
          headers: { host, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address() },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode!, location: res.headers.location, cookies: res.headers['set-cookie'] ?? [] });
        });
        req.on('error', reject);
        req.end(body);
      });
    const ok = await raw(new URLSearchParams({ email, password: PASSWORD, next: '/clients' }).toString(), 'evil.example');
    expect(ok.status).toBe(303);
    expect(ok.location).toBe(`${PUBLIC_URL}/clients`);
    // PUBLIC_URL is https: the session cookie is marked Secure
    expect(ok.cookies.find((c) => c.startsWith('chats_session='))).toMatch(/; Secure/);

    const failed = await raw(new URLSearchParams({ email, password: 'wrong' }).toString(), 'evil.example');
    expect(failed.location).toBe(`${PUBLIC_URL}/login?error=invalid&next=%2Fchats`);

    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/']) {
      const res = await raw(new URLSearchParams({ email, password: PASSWORD, next }).toString(), 'evil.example');
      expect(res.location, next).toBe(`${PUBLIC_URL}/chats`);
    }
  });

  it('a failed sign-in on the form comes back to the login page with the e-mail filled in', async () => {
    const email = await employee();
    const failed = await formSignIn({ email, password: 'wrong-password' });
    expect(failed.status).toBe(303);
    const remembered = failed.headers.getSetCookie().find((c) => c.startsWith('chats_login_email='))!;
    expect(remembered).toMatch(/HttpOnly/);
    const page = await fetch(`${app.url}/login?error=invalid`, { headers: { cookie: remembered.split(';')[0] } });
    const html = await page.text();
    expect(html).toContain(`value="${email}"`);
    expect(html).not.toContain('wrong-password');
    expect(html).toMatch(/role="alert"/);
  });

  it('another site cannot sign someone in (login CSRF) or sign an operator out', async () => {
    const email = await employee();
    const crossSite = await formSignIn({ email, password: PASSWORD }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(sessionOf(crossSite)).toBeUndefined();
    // another port of the same host is same-site, but not our origin
    expect((await formSignIn({ email, password: PASSWORD }, { origin: 'http://localhost:1', 'sec-fetch-site': 'same-site' })).status).toBe(403);

    const cookie = sessionOf(await signIn(email, PASSWORD))!;
    const signedIn = () => buildViewer(getDeps().db, { cookie }).then((v) => v !== null);
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'http://localhost:1', 'sec-fetch-site': 'same-site' },
      { origin: 'null' },
    ];
    for (const headers of foreign) {
      const res = await post('/api/auth/logout', null, { cookie, ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await signedIn()).toBe(true);
    }
    expect((await fetch(`${app.url}/api/auth/logout`, { headers: { cookie }, redirect: 'manual' })).status).toBe(405);
    expect(await signedIn()).toBe(true);

    const out = await post('/api/auth/logout', null, { cookie, origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(`${PUBLIC_URL}/login`);
    // (this test's module graph keeps viewers for up to two seconds, like another process)
    await expect.poll(signedIn, { timeout: 4000, interval: 250 }).toBe(false);
  });
});
