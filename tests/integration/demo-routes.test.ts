import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as graphPost } from '../../app/api/demo/graph/[...path]/route';
import { POST as simulatePost } from '../../app/api/demo/simulate/route';
import { messages } from '../../db/schema';
import { findDemoChannel, handleDemoSimulate } from '../../demo/routes';
import { seedDemo } from '../../domain/seed/seed-demo';
import { setRuntime } from '../../runtime/registry';
import type { BootedRuntime } from '../../runtime/boot';
import { builtinRoles, makeEmployee, makeRole } from '../helpers/factories';
import { DRIVERS, startTestRuntime } from '../helpers/runtime';
import { serveMetaWebhook } from '../helpers/webhook-server';

const simulate = (cookie: string | null, body: unknown = { text: 'Is it ready?' }, contentType = 'application/json') =>
  new Request('http://localhost/api/demo/simulate', {
    method: 'POST',
    headers: { 'content-type': contentType, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

const graphSend = (token: string | null) =>
  new Request(`http://localhost/api/demo/graph/v24.0/me/messages${token ? `?access_token=${encodeURIComponent(token)}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { id: '2000000000000001' }, message: { text: 'hi' } }),
  });

describe.each(DRIVERS)('demo routes need the demo page and access to it (%s)', (driver) => {
  let rt: BootedRuntime;
  let bare: BootedRuntime;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    rt = await startTestRuntime(driver);
    bare = await startTestRuntime(driver);
    await seedDemo(rt.deps);
    const { Admin, Operator } = await builtinRoles(rt.deps);
    cookies.operator = (await makeEmployee(rt.deps, Operator.id)).cookie;
    cookies.admin = (await makeEmployee(rt.deps, Admin.id)).cookie;
    cookies.otherChannels = (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['CHATS'])).id)).cookie;
    cookies.noChats = (await makeEmployee(rt.deps, (await makeRole(rt.deps, ['CLIENTS'])).id)).cookie;
    const { Admin: bareAdmin } = await builtinRoles(bare.deps);
    cookies.bareAdmin = (await makeEmployee(bare.deps, bareAdmin.id)).cookie;
  });
  afterAll(async () => {
    setRuntime(undefined);
    await rt?.close();
    await bare?.close();
  });

  it('simulating a customer needs a sign-in, the Chats permission and access to the demo page', async () => {
    setRuntime(rt);
    expect((await simulatePost(simulate(null))).status).toBe(401);
    expect((await simulatePost(simulate(cookies.noChats))).status).toBe(403);
    // a demo page the viewer's role may not use answers like no demo page at all
    expect((await simulatePost(simulate(cookies.otherChannels))).status).toBe(404);
  });

  it('simulating is refused where there is no demo page, even for an admin', async () => {
    setRuntime(bare);
    expect((await simulatePost(simulate(cookies.bareAdmin))).status).toBe(404);
  });

  it('simulating takes JSON only, so a form on another site cannot post it', async () => {
    setRuntime(rt);
    expect((await simulatePost(simulate(cookies.operator, { text: 'x' }, 'text/plain'))).status).toBe(415);
  });

  it('an operator with access simulates a customer message that lands in the demo chat', async () => {
    const hook = await serveMetaWebhook(rt.deps);
    try {
      const res = await handleDemoSimulate(simulate(cookies.operator, { text: `simulated ${driver}` }), rt.deps, hook.origin);
      expect(res.status).toBe(200);
      expect(await rt.deps.db.select().from(messages).where(eq(messages.text, `simulated ${driver}`))).toHaveLength(1);
    } finally {
      await hook.close();
    }
  });

  it('the demo Graph API answers only calls with the demo page\'s own token', async () => {
    setRuntime(rt);
    for (const token of [null, 'demo-page-token', 'wrong']) {
      const res = await graphPost(graphSend(token));
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe(190);
    }
    const demo = await findDemoChannel(rt.deps);
    const ok = await graphPost(graphSend(demo!.accessToken));
    expect(ok.status).toBe(200);
    expect((await ok.json()).message_id).toMatch(/^m_demo_/);
  });

  it('the demo Graph API does not answer on a server without the demo page', async () => {
    setRuntime(bare);
    expect((await graphPost(graphSend('demo-page-token'))).status).toBe(404);
  });
});
