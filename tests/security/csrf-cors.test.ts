import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients } from '../../db/schema';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeApiKey, makeEmployee } from '../helpers/factories';
import { startTestRuntime } from '../helpers/runtime';
import { serveGraphQL, type ServedGraphQL } from './serve';

const MUTATION = 'mutation { createClient(name: "Planted by another site") { id } }';

describe('cross-site requests with the operator\'s cookie', () => {
  let rt: BootedRuntime;
  let api: ServedGraphQL;
  let cookie: string;
  let key: string;
  const clientCount = async () => (await rt.deps.db.select({ n: count() }).from(clients))[0].n;

  beforeAll(async () => {
    rt = await startTestRuntime('pglite', { CORS_ORIGINS: 'https://crm.example.com' });
    const { Admin } = await builtinRoles(rt.deps);
    cookie = (await makeEmployee(rt.deps, Admin.id)).cookie;
    key = (await makeApiKey(rt.deps, Admin.id)).authorization;
    api = await serveGraphQL(rt);
  });
  afterAll(async () => {
    await api?.close();
    await rt?.close();
  });

  const send = (init: RequestInit & { headers?: Record<string, string> }) => fetch(`${api.url}/api/graphql`, { method: 'POST', ...init });

  it('a url-encoded form POST with the cookie runs no mutation', async () => {
    const before = await clientCount();
    const res = await send({ headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:9999' }, body: new URLSearchParams({ query: MUTATION }).toString() });
    expect(res.status).toBe(403);
    expect(await clientCount()).toBe(before);
  });

  it('a multipart POST with the cookie but without the prevention header runs no mutation', async () => {
    const before = await clientCount();
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: MUTATION }));
    form.set('map', '{}');
    const res = await send({ headers: { cookie }, body: form });
    expect(res.status).toBe(403);
    expect(await clientCount()).toBe(before);
  });

  it('a text/plain POST with the cookie runs no mutation', async () => {
    const before = await clientCount();
    const res = await send({ headers: { cookie, 'content-type': 'text/plain' }, body: JSON.stringify({ query: MUTATION }) });
    expect(res.status).toBe(403);
    expect(await clientCount()).toBe(before);
  });

  it('a GET with the cookie needs the header too; the UI sends it', async () => {
    const url = `${api.url}/api/graphql?query=${encodeURIComponent('{ inboxBadge }')}`;
    expect((await fetch(url, { headers: { cookie } })).status).toBe(403);
    const withHeader = await fetch(url, { headers: { cookie, 'x-graphql-yoga-csrf': '1' } });
    expect(await withHeader.json()).toEqual({ data: { inboxBadge: 0 } });
  });

  it('JSON with the cookie (which a browser only sends cross-site after a CORS preflight) and multipart with the header work', async () => {
    const before = await clientCount();
    const json = await send({ headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ query: MUTATION }) });
    expect((await json.json()).data.createClient.id).toEqual(expect.any(String));
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: MUTATION }));
    form.set('map', '{}');
    const multipart = await send({ headers: { cookie, 'x-graphql-yoga-csrf': '1' }, body: form });
    expect((await multipart.json()).data.createClient.id).toEqual(expect.any(String));
    expect(await clientCount()).toBe(before + 2);
  });

  it('an API key needs no prevention header: it is never sent by a browser on its own', async () => {
    const url = `${api.url}/api/graphql?query=${encodeURIComponent('{ inboxBadge }')}`;
    expect(await (await fetch(url, { headers: { authorization: key } })).json()).toEqual({ data: { inboxBadge: 0 } });
  });

  it('a CORS preflight from an origin not in CORS_ORIGINS gets no Access-Control-Allow-Origin', async () => {
    const res = await fetch(`${api.url}/api/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const simple = await send({ headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ inboxBadge }' }) });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an origin in CORS_ORIGINS is allowed exactly, with credentials and the prevention header', async () => {
    const res = await fetch(`${api.url}/api/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://crm.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-graphql-yoga-csrf' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-graphql-yoga-csrf');
  });
});
